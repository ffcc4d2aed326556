/* store-row.c - the lean rows the inbox keeps in memory for every
 * message: one walk over the table, newest first, no allocation per
 * row (the strings point into SQLite's row, valid during the
 * callback). */
#include "config.h"

#include <string.h>

#include "ebox/i18n.h"
#include "store-private.h"

/* The columns store_row_fill reads, in its order: those of the index
 * messages_walk, which holds them all (store-schema.c). */
#define STORE_ROW_COLUMNS \
	"rowid, provider, id, subject_nl, subject_fr, subject_de, subject_en," \
	" received, expires, flags, sender_org, sender_app, message_type," \
	" partition, fta_name, n_documents, payment_due, payment_amount," \
	" payment_vat, payment_currency, first_seen"

static const char *
store_row_str(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
store_row_fill(sqlite3_stmt *st, struct store_row *r)
{
	int i, flags;

	r->rowid = sqlite3_column_int64(st, 0);
	r->provider = store_row_str(st, 1);
	r->id = store_row_str(st, 2);
	for (i = 0; i < 4; i++)
		r->subject[i] = store_row_str(st, 3 + i);
	r->received = store_col_time(st, 7);
	r->expires = store_col_time(st, 8);
	flags = sqlite3_column_int(st, 9);
	r->read = (flags & STORE_BIT_READ) != 0;
	r->visible = (flags & STORE_BIT_VISIBLE) != 0;
	r->registered = (flags & STORE_BIT_REGISTERED) != 0;
	r->body_main = (flags & STORE_BIT_BODY_MAIN) != 0;
	r->reply_authorized = (flags & STORE_BIT_REPLY) != 0;
	r->on_server = (flags & STORE_BIT_ON_SERVER) != 0;
	r->tagged = (flags & STORE_BIT_TAGGED) != 0;
	r->paid = (flags & STORE_BIT_PAID) != 0;
	r->announced = (flags & STORE_BIT_ANNOUNCED) != 0;
	r->unseen = (flags & STORE_BIT_UNSEEN) != 0;
	r->sender_org = store_row_str(st, 10);
	r->sender_app = store_row_str(st, 11);
	r->message_type = store_row_str(st, 12);
	r->partition = store_row_str(st, 13);
	r->fta_name = store_row_str(st, 14);
	r->n_documents = sqlite3_column_int(st, 15);
	r->payment_due = store_col_time(st, 16);
	/* payment_amount is NULL exactly when there is no payment. */
	r->has_payment = sqlite3_column_type(st, 17) != SQLITE_NULL;
	r->payment_amount = sqlite3_column_double(st, 17);
	r->payment_vat = sqlite3_column_double(st, 18);
	r->payment_currency = store_row_str(st, 19);
	r->first_seen = store_col_time(st, 20);
}

/* Runs a prepared walk (parameters bound) to its end or fn's stop. */
static int
store_row_walk(struct store *s, sqlite3_stmt *st, store_row_fn fn, void *ud,
    bool *any, struct err *e)
{
	struct store_row row;
	int r = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof row);
		store_row_fill(st, &row);
		if (any != NULL)
			*any = true;
		if ((r = fn(&row, ud)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

int
store_each_row(struct store *s, store_row_fn fn, void *ud, struct err *e)
{
	sqlite3_stmt *st;
	int r;

	/* Walked backwards on messages_walk alone: no sort, no seek into
	 * the table, the first row comes at once. */
	if ((r = store_stmt(s, STORE_Q_ROWS, "SELECT " STORE_ROW_COLUMNS
	    " FROM messages ORDER BY received DESC, rowid DESC", &st, e)) != 0)
		return r;
	return store_row_walk(s, st, fn, ud, NULL, e);
}

int
store_each_row_before(struct store *s, int64_t received, int64_t rowid,
    int limit, store_row_fn fn, void *ud, struct err *e)
{
	sqlite3_stmt *st;
	int r;

	/* A row value on the walk's own index: each piece starts where the
	 * last one stopped, with no offset to skip. */
	if ((r = store_stmt(s, STORE_Q_ROWS_BEFORE, "SELECT "
	    STORE_ROW_COLUMNS " FROM messages WHERE (received, rowid) <"
	    " (?1, ?2) ORDER BY received DESC, rowid DESC LIMIT ?3", &st,
	    e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, received);
	sqlite3_bind_int64(st, 2, rowid);
	sqlite3_bind_int(st, 3, limit);
	return store_row_walk(s, st, fn, ud, NULL, e);
}

int
store_row_get(struct store *s, int64_t rowid, store_row_fn fn, void *ud,
    struct err *e)
{
	sqlite3_stmt *st;
	bool any = false;
	int r;

	if ((r = store_stmt(s, STORE_Q_ROW, "SELECT " STORE_ROW_COLUMNS
	    " FROM messages WHERE rowid = ?1", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	if ((r = store_row_walk(s, st, fn, ud, &any, e)) == 0 && !any)
		r = err_set(e, ERR_NOTFOUND, _("%s holds no message number "
		    "%lld"), s->file, (long long)rowid);
	return r;
}

int
store_each_unannounced(struct store *s, store_row_fn fn, void *ud,
    struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, STORE_Q_UNANNOUNCED, "SELECT " STORE_ROW_COLUMNS
	    " FROM messages WHERE flags & 256 = 0 ORDER BY received, rowid",
	    &st, e)) != 0)
		return r;
	return store_row_walk(s, st, fn, ud, NULL, e);
}
