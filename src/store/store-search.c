/* store-search.c - the full-text index (FTS5, unicode61 with diacritics
 * removed): one row per message, kept in step with the message, its
 * text and the names of its sender; and the search itself.
 *
 * unicode61 folds case and accents ("ép" finds "épinards", "francois"
 * finds "François") but not the letters that stand for two, nor those
 * with a stroke: ß stays ß, so "strasse" would not find "Straße", nor
 * "oeuvre" "Œuvre".  Both the indexed text and the query words go
 * through store_search_fold first, which writes those letters the way
 * people type them on a keyboard without them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "store-private.h"

/* Letters unicode61 leaves alone, written the way people type them. */
static const struct {
	const char *utf8;
	const char *as;
} store_search_folds[] = {
	{ "\xc3\x9f", "ss" },           /* ß */
	{ "\xe1\xba\x9e", "ss" },       /* ẞ */
	{ "\xc3\xa6", "ae" },           /* æ */
	{ "\xc3\x86", "ae" },           /* Æ */
	{ "\xc5\x93", "oe" },           /* œ */
	{ "\xc5\x92", "oe" },           /* Œ */
	{ "\xc4\xb3", "ij" },           /* ĳ */
	{ "\xc4\xb2", "ij" },           /* Ĳ */
	/* Letters with a stroke have no decomposition: unicode61 keeps
	 * them, though people type them without. */
	{ "\xc3\xb8", "o" },            /* ø */
	{ "\xc3\x98", "o" },            /* Ø */
	{ "\xc5\x82", "l" },            /* ł */
	{ "\xc5\x81", "l" },            /* Ł */
	{ "\xc4\x91", "d" },            /* đ */
	{ "\xc4\x90", "d" },            /* Đ */
};

#define STORE_SEARCH_NFOLDS \
	(sizeof store_search_folds / sizeof store_search_folds[0])

/* Appends n bytes of text to b, folded. */
static void
store_search_fold(struct buf *b, const char *text, size_t n)
{
	const char *p = text, *run = text, *end = text + n;
	size_t i, len;

	while (p < end) {
		/* Every fold starts with a lead byte of 0xC3 or more: ASCII and
		 * most of Latin-1 go by in runs. */
		if ((unsigned char)*p < 0xc3) {
			p++;
			continue;
		}
		for (i = 0; i < STORE_SEARCH_NFOLDS; i++) {
			len = strlen(store_search_folds[i].utf8);
			if ((size_t)(end - p) >= len &&
			    memcmp(p, store_search_folds[i].utf8, len) == 0)
				break;
		}
		if (i == STORE_SEARCH_NFOLDS) {
			p++;
			continue;
		}
		(void)buf_append(b, run, (size_t)(p - run));
		(void)buf_puts(b, store_search_folds[i].as);
		p += len;
		run = p;
	}
	/* Past STORE_TEXT_MAX the rest is not indexed: a cap, not a fault. */
	(void)buf_append(b, run, (size_t)(p - run));
}

void
store_search_add(struct buf *b, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	if (b->len > 0)
		(void)buf_append(b, "\n", 1);
	store_search_fold(b, text, strlen(text));
}

static void
store_search_add_tstring(struct buf *b, const struct tstring *t)
{
	store_search_add(b, t->nl);
	store_search_add(b, t->fr);
	store_search_add(b, t->de);
	store_search_add(b, t->en);
}

/* The columns of a message's row but text and sender. */
enum { STORE_COL_SUBJECT, STORE_COL_BUSINESS, STORE_COL_SENDER,
	STORE_COL_DOCUMENTS, STORE_COL_FTA, STORE_COL_N };

static void
store_search_columns(const struct ebox_message *m, struct buf col[])
{
	const struct ebox_business_data *bd;
	const struct ebox_attachment *a;
	size_t i, j;

	store_search_add_tstring(&col[STORE_COL_SUBJECT], &m->subject);
	for (i = 0; i < m->n_business; i++) {
		bd = &m->business[i];
		store_search_add_tstring(&col[STORE_COL_BUSINESS], &bd->name);
		for (j = 0; j < bd->n_values; j++)
			store_search_add_tstring(&col[STORE_COL_BUSINESS],
			    &bd->values[j]);
	}
	for (i = 0; i < m->n_attachments; i++) {
		a = &m->attachments[i];
		store_search_add(&col[STORE_COL_DOCUMENTS], a->file_name);
		store_search_add_tstring(&col[STORE_COL_DOCUMENTS], &a->title);
	}
	store_search_add(&col[STORE_COL_FTA], m->fta_name);
}

static void
store_search_bind_buf(sqlite3_stmt *st, int i, const struct buf *b)
{
	sqlite3_bind_text(st, i, b->data != NULL ? b->data : "",
	    (int)b->len, SQLITE_STATIC);
}

int
store_search_index(struct store *s, int64_t rowid,
    const struct ebox_message *m, bool is_new, const struct tstring *body,
    struct err *e)
{
	struct buf col[STORE_COL_N], text;
	sqlite3_stmt *st = NULL;
	int r, i;

	for (i = 0; i < STORE_COL_N; i++)
		buf_init(&col[i], STORE_TEXT_MAX);
	buf_init(&text, STORE_TEXT_MAX);
	store_search_columns(m, col);
	if ((r = store_refdata_sender_text(s, m->provider_id, m->sender_org_id,
	    m->message_type_id, &col[STORE_COL_SENDER], e)) != 0)
		goto out;
	if (is_new) {
		if (body != NULL)
			store_search_add_tstring(&text, body);
		r = store_stmt(s, STORE_Q_FTS_INSERT,
		    "INSERT INTO search (rowid, subject, business, sender,"
		    " documents, fta, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		    &st, e);
	} else
		r = store_stmt(s, STORE_Q_FTS_UPDATE,
		    "UPDATE search SET subject = ?2, business = ?3, sender = ?4,"
		    " documents = ?5, fta = ?6 WHERE rowid = ?1", &st, e);
	if (r != 0)
		goto out;
	sqlite3_bind_int64(st, 1, rowid);
	for (i = 0; i < STORE_COL_N; i++)
		store_search_bind_buf(st, 2 + i, &col[i]);
	if (is_new)
		store_search_bind_buf(st, 7, &text);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	if (r == 0 && !is_new && body != NULL)
		r = store_search_set_text(s, rowid, body, e);
out:
	for (i = 0; i < STORE_COL_N; i++)
		buf_done(&col[i]);
	buf_done(&text);
	return r;
}

int
store_search_set_text(struct store *s, int64_t rowid,
    const struct tstring *body, struct err *e)
{
	sqlite3_stmt *st;
	struct buf text;
	int r;

	if ((r = store_stmt(s, STORE_Q_FTS_TEXT,
	    "UPDATE search SET text = ?2 WHERE rowid = ?1", &st, e)) != 0)
		return r;
	buf_init(&text, STORE_TEXT_MAX);
	store_search_add_tstring(&text, body);
	sqlite3_bind_int64(st, 1, rowid);
	store_search_bind_buf(st, 2, &text);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	buf_done(&text);
	return r;
}

int
store_search_set_sender(struct store *s, int64_t rowid, const char *text,
    struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, STORE_Q_FTS_SENDER,
	    "UPDATE search SET sender = ?2 WHERE rowid = ?1", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	store_bind_str(st, 2, text);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	return r;
}

/* --- the query ----------------------------------------------------------- */

/* FTS5's own unicode61 tokenizer, as the index uses it, to learn whether
 * a query word holds anything it indexes.  NULL when FTS5 will not hand
 * it out (then store_search_has_token guesses). */
static Fts5Tokenizer *
store_search_tokenizer(struct store *s)
{
	/* xCreate's prototype takes const char **, not const. */
	const char *args[] = { "remove_diacritics", "2" };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	void *ud = NULL;

	if (s->tok_tried)
		return s->tok;
	s->tok_tried = true;
	/* The documented way to reach the fts5_api of a connection. */
	if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		(void)sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2 ||
	    api->xFindTokenizer(api, "unicode61", &ud, &s->tok_api) !=
	    SQLITE_OK ||
	    s->tok_api.xCreate(ud, args, 2, &s->tok) != SQLITE_OK)
		s->tok = NULL;
	return s->tok;
}

void
store_search_done(struct store *s)
{
	if (s->tok != NULL)
		s->tok_api.xDelete(s->tok);
	s->tok = NULL;
	s->tok_tried = false;
}

static int
store_search_count_token(void *ctx, int flags, const char *token, int n,
    int start, int end)
{
	(*(int *)ctx)++;
	return SQLITE_OK;
}

/* Whether word (folded) holds a token: a word made only of separators
 * ("-", "«") would be an empty phrase, which matches nothing and would
 * make the whole AND match nothing. */
static bool
store_search_has_token(struct store *s, const char *word, size_t n)
{
	Fts5Tokenizer *tok = store_search_tokenizer(s);
	size_t i;
	int count = 0;

	if (tok != NULL && s->tok_api.xTokenize(tok, &count,
	    FTS5_TOKENIZE_QUERY, word, (int)n, store_search_count_token) ==
	    SQLITE_OK)
		return count > 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)word[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

static bool
store_search_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* The MATCH expression for query: each whitespace-separated word as an
 * FTS5 string ("..." with " doubled, so that nothing in it is syntax:
 * NEAR, OR, -, * and ( are just characters) made a prefix with *, all
 * joined by AND.  "" when no word holds anything to search. */
static void
store_search_expr(struct store *s, const char *query, struct buf *out)
{
	struct buf word;
	const char *p = query, *start;
	size_t i;

	buf_init(&word, STORE_TEXT_MAX);
	while (*p != '\0') {
		while (store_search_space(*p))
			p++;
		start = p;
		while (*p != '\0' && !store_search_space(*p))
			p++;
		if (p == start)
			break;
		buf_reset(&word);
		store_search_fold(&word, start, (size_t)(p - start));
		if (word.len == 0 || !store_search_has_token(s, word.data,
		    word.len))
			continue;
		if (out->len > 0)
			(void)buf_puts(out, " AND ");
		(void)buf_append(out, "\"", 1);
		for (i = 0; i < word.len; i++) {
			if (word.data[i] == '"')
				(void)buf_append(out, "\"", 1);
			(void)buf_append(out, &word.data[i], 1);
		}
		(void)buf_puts(out, "\"*");
	}
	buf_done(&word);
}

/* FTS5 column filters, by enum store_search_in. */
static const char *const store_search_columns_of[] = {
	[STORE_IN_ALL] = NULL,
	[STORE_IN_SUBJECT] = "{subject}",
	[STORE_IN_BODY] = "{text business documents}",
};

int
store_search(struct store *s, const char *query, int64_t **rowids,
    size_t *n, struct err *e)
{
	return store_search_in(s, STORE_IN_ALL, query, rowids, n, e);
}

int
store_search_in(struct store *s, enum store_search_in where,
    const char *query, int64_t **rowids, size_t *n, struct err *e)
{
	const char *cols = store_search_columns_of[where];
	int64_t *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	struct buf expr;
	int r = 0, rc;

	*rowids = NULL;
	*n = 0;
	buf_init(&expr, STORE_TEXT_MAX);
	store_search_expr(s, query != NULL ? query : "", &expr);
	/* An empty query (or one of separators only) finds nothing rather
	 * than everything: "every message" is the index itself, which the
	 * caller already has. */
	if (expr.len == 0)
		goto out;
	if (cols != NULL) {
		char *words = buf_steal(&expr);

		buf_init(&expr, STORE_TEXT_MAX);
		(void)buf_printf(&expr, "%s : (%s)", cols, words);
		free(words);
	}
	if ((r = store_stmt(s, STORE_Q_FTS_MATCH,
	    "SELECT rowid FROM search WHERE search MATCH ?1", &st, e)) != 0)
		goto out;
	sqlite3_bind_text(st, 1, expr.data, (int)expr.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[len++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		r = store_sqlerr(s, rc, e);
		xfree(&v);
		len = 0;
	}
	store_stmt_done(st);
	*rowids = v;
	*n = len;
out:
	buf_done(&expr);
	return r;
}
