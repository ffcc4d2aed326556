/* pattern.c - the limit/tag pattern language (see pattern.h): parsed into
 * a flat list of terms, all of which must match. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/isotime.h"
#include "ebox/pattern.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"

enum term_kind {
	TERM_TEXT, TERM_FROM, TERM_SUBJECT, TERM_TYPE, TERM_REGISTERED,
	TERM_UNREAD, TERM_EXPIRING, TERM_PAYMENT, TERM_HIDDEN, TERM_TAGGED,
	TERM_DATE, TERM_BODY, TERM_KEPT,
};

struct term {
	enum term_kind kind;
	bool negate;
	char *text;             /* text terms */
	char *folded;           /* text, folded once (~f) */
	time_t from, to;        /* TERM_DATE: [from, to), 0 = open */
	bool searched;          /* the full-text index answered: hits */
	int64_t *hits;          /* sorted rowids */
	size_t n_hits;
};

struct pattern {
	struct term *terms;
	size_t n;
};

/* The ~ letters; arg says whether a word follows. */
static const struct {
	char letter;
	enum term_kind kind;
	bool arg;
} pattern_letters[] = {
	{ 'f', TERM_FROM, true },
	{ 's', TERM_SUBJECT, true },
	{ 'b', TERM_BODY, true },
	{ 't', TERM_TYPE, true },
	{ 'd', TERM_DATE, true },
	{ 'r', TERM_REGISTERED, false },
	{ 'N', TERM_UNREAD, false },
	{ 'E', TERM_EXPIRING, false },
	{ 'P', TERM_PAYMENT, false },
	{ 'H', TERM_HIDDEN, false },
	{ 'T', TERM_TAGGED, false },
	{ 'K', TERM_KEPT, false },
};

void
pattern_free(struct pattern *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->terms[i].text);
		free(p->terms[i].folded);
		free(p->terms[i].hits);
	}
	free(p->terms);
	free(p);
}

/* Reads one word or "quoted phrase" at *s; a new string or NULL. */
static char *
pattern_word(const char **s)
{
	const char *p = *s, *start;
	char *w;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '"') {
		start = ++p;
		while (*p != '\0' && *p != '"')
			p++;
		w = xstrndup(start, (size_t)(p - start));
		if (*p == '"')
			p++;
	} else {
		start = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		w = p > start ? xstrndup(start, (size_t)(p - start)) : NULL;
	}
	*s = p;
	return w;
}

/* Ages further back than this mean "ever": no date is older, and the
 * arithmetic on them (now - age) cannot overflow. */
#define PATTERN_AGE_MAX (1000L * 365 * 86400)

/* "7d", "2w", "3m", "1y" to seconds, at most PATTERN_AGE_MAX; -1 when
 * malformed. */
static long
pattern_age(const char *s)
{
	static const struct { char unit; long secs; } units[] = {
		{ 'd', 86400L }, { 'w', 7 * 86400L }, { 'm', 30 * 86400L },
		{ 'y', 365 * 86400L },
	};
	char *end;
	long n;
	size_t i;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno == ERANGE)
		n = LONG_MAX;
	if (end[0] == '\0' || end[1] != '\0')
		return -1;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (units[i].unit != *end)
			continue;
		if (n > PATTERN_AGE_MAX / units[i].secs)
			return PATTERN_AGE_MAX;
		return n * units[i].secs;
	}
	return -1;
}

static int
pattern_date(struct term *t, const char *arg, time_t now, struct err *e)
{
	const char *dots = strstr(arg, "..");
	char *left;
	long age;

	if (arg[0] == '<' || arg[0] == '>') {
		if ((age = pattern_age(arg + 1)) < 0)
			goto bad;
		if (arg[0] == '<')
			t->from = now - age;
		else
			t->to = now - age;
		return 0;
	}
	if (dots == NULL) {
		if (isotime_parse_date(arg, &t->from) != 0)
			goto bad;
		t->to = t->from + 86400;
		return 0;
	}
	left = xstrndup(arg, (size_t)(dots - arg));
	if ((*left != '\0' && isotime_parse_date(left, &t->from) != 0) ||
	    (dots[2] != '\0' && isotime_parse_date(dots + 2, &t->to) != 0)) {
		free(left);
		goto bad;
	}
	free(left);
	if (t->to != 0)
		t->to += 86400;         /* the end day is included */
	return 0;
bad:
	return err_set(e, ERR_USAGE, _("'%s' is not a date range: use "
	    "2026-01-01..2026-06-30, 2026-03-05, <7d or >2m"), arg);
}

static int
pattern_term(struct pattern *p, const char **s, time_t now, struct err *e)
{
	struct term t;
	const char *q = *s;
	size_t i;

	memset(&t, 0, sizeof t);
	if (*q == '!') {
		t.negate = true;
		q++;
	}
	if (*q != '~') {
		*s = q;
		t.kind = TERM_TEXT;
		if ((t.text = pattern_word(s)) == NULL)
			return err_set(e, ERR_USAGE, _("'!' needs a term after it"));
		goto add;
	}
	for (i = 0; i < sizeof pattern_letters / sizeof pattern_letters[0]; i++) {
		if (pattern_letters[i].letter == q[1])
			break;
	}
	if (i == sizeof pattern_letters / sizeof pattern_letters[0])
		return err_set(e, ERR_USAGE, _("unknown pattern '~%c': use ~f ~s ~b ~t "
		    "~d ~r ~N ~E ~P ~H ~T ~K"), q[1] ? q[1] : ' ');
	t.kind = pattern_letters[i].kind;
	*s = q + 2;
	if (pattern_letters[i].arg) {
		if ((t.text = pattern_word(s)) == NULL)
			return err_set(e, ERR_USAGE, _("'~%c' needs a word after it"),
			    q[1]);
		if (t.kind == TERM_DATE && pattern_date(&t, t.text, now, e) != 0) {
			free(t.text);
			return e->code;
		}
	}
add:
	if (t.text != NULL)
		t.folded = text_fold(t.text);
	p->terms = xreallocarray(p->terms, p->n + 1, sizeof *p->terms);
	p->terms[p->n++] = t;
	return 0;
}

int
pattern_parse(const char *text, time_t now, struct pattern **out,
    struct err *e)
{
	struct pattern *p = xcalloc(1, sizeof *p);
	const char *s = text ? text : "";

	*out = NULL;
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		if (pattern_term(p, &s, now, e) != 0) {
			pattern_free(p);
			return e->code;
		}
	}
	if (p->n == 0) {
		pattern_free(p);
		return 0;
	}
	*out = p;
	return 0;
}

static bool
pattern_tstring(const struct tstring *t, const char *needle)
{
	size_t i;

	for (i = 0; i < 4; i++) {
		char **slot = tstring_slot((struct tstring *)t, tstring_langs[i]);

		if (slot != NULL && *slot != NULL &&
		    text_contains_folded(*slot, needle))
			return true;
	}
	return false;
}

/* ~b in memory: what of the body a loaded message holds. */
static bool
pattern_body(const struct mailbox_entry *en, const char *needle)
{
	const struct ebox_message *m = en->msg;
	size_t i;

	if (pattern_tstring(&m->body, needle))
		return true;
	for (i = 0; i < m->n_business; i++) {
		const struct ebox_business_data *b = &m->business[i];
		size_t j;

		for (j = 0; j < b->n_values; j++) {
			if (pattern_tstring(&b->values[j], needle))
				return true;
		}
	}
	for (i = 0; i < m->n_attachments; i++) {
		if (m->attachments[i].file_name != NULL &&
		    text_contains_folded(m->attachments[i].file_name, needle))
			return true;
	}
	return false;
}

static bool
pattern_term_match(const struct term *t, const struct mailbox *mb,
    const struct mailbox_entry *en)
{
	const struct ebox_message *m = en->msg;
	struct mailbox_filter f;

	if (t->searched && en->rowid != 0)
		return mailbox_hit(t->hits, t->n_hits, en->rowid);
	switch (t->kind) {
	case TERM_TEXT:
		memset(&f, 0, sizeof f);
		f.search = t->text;
		return mailbox_matches(mb, en, &f);
	case TERM_FROM:
		/* The entry keeps its sender folded: ~f over 100 000
		 * messages folded every name each time. */
		return strstr(mailbox_folded_sender(en), t->folded) != NULL ||
		    (m->sender_org_id != NULL &&
		    strstr(m->sender_org_id, t->folded) != NULL);
	case TERM_SUBJECT:
		return pattern_tstring(&m->subject, t->text);
	case TERM_BODY:
		return pattern_body(en, t->text);
	case TERM_KEPT:
		return !en->on_server;
	case TERM_TYPE:
		return (en->type_name &&
		    text_contains_folded(en->type_name, t->text)) ||
		    (m->message_type_id &&
		    text_contains_folded(m->message_type_id, t->text));
	case TERM_REGISTERED:
		return m->registered;
	case TERM_UNREAD:
		return !m->read;
	case TERM_EXPIRING:
		return mailbox_is_expiring(mb, m);
	case TERM_PAYMENT:
		return m->payment != NULL;
	case TERM_HIDDEN:
		return !m->visible;
	case TERM_TAGGED:
		return en->tagged;
	case TERM_DATE:
		return (t->from == 0 || m->receipt_date >= t->from) &&
		    (t->to == 0 || m->receipt_date < t->to);
	}
	return false;
}

bool
pattern_match(const struct pattern *p, const struct mailbox *mb,
    const struct mailbox_entry *en)
{
	size_t i;

	if (p == NULL)
		return true;
	for (i = 0; i < p->n; i++) {
		if (pattern_term_match(&p->terms[i], mb, en) == p->terms[i].negate)
			return false;
	}
	return true;
}

/* Where each text term looks in the full-text index. */
static const struct {
	enum term_kind kind;
	enum pattern_in where;
} pattern_searched[] = {
	{ TERM_TEXT, PATTERN_IN_ALL },
	{ TERM_SUBJECT, PATTERN_IN_SUBJECT },
	{ TERM_BODY, PATTERN_IN_BODY },
};

int
pattern_search(struct pattern *p, pattern_search_fn fn, void *ud,
    struct err *e)
{
	size_t i, j;

	for (i = 0; p != NULL && i < p->n; i++) {
		struct term *t = &p->terms[i];

		for (j = 0; j < sizeof pattern_searched /
		    sizeof pattern_searched[0]; j++) {
			if (pattern_searched[j].kind != t->kind)
				continue;
			xfree(&t->hits);
			t->n_hits = 0;
			if (fn(pattern_searched[j].where, t->text, &t->hits,
			    &t->n_hits, ud, e) != 0)
				return e->code;
			t->searched = true;
		}
	}
	return 0;
}
