/* mailbox-view.c - filters, sort keys and index flags over the store. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/mailbox.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"

const char *const sort_key_names[] = {
	N_("date"), N_("sender"), N_("subject"), N_("expiry"), N_("due"),
	N_("deadline"), NULL
};

/* --- filter ------------------------------------------------------------ */

static bool
mailbox_tstring_has(const struct tstring *t, const char *needle)
{
	const char *langs[4] = { t->nl, t->fr, t->de, t->en };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (langs[i] != NULL && text_contains_folded(langs[i], needle))
			return true;
	}
	return false;
}

bool
mailbox_hit(const int64_t *hits, size_t n, int64_t rowid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (hits[mid] == rowid)
			return true;
		if (hits[mid] < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The fields the server's q searches that the index holds (the store's
 * full-text search, through hits, also looks at texts, business data and
 * document names). */
static bool
mailbox_search_has(const struct mailbox_entry *en, const char *needle)
{
	const struct ebox_message *m = en->msg;
	const struct ebox_business_data *b;
	size_t i, j;

	if (mailbox_tstring_has(&m->subject, needle))
		return true;
	for (i = 0; i < m->n_business; i++) {
		b = &m->business[i];
		for (j = 0; j < b->n_values; j++) {
			if (mailbox_tstring_has(&b->values[j], needle))
				return true;
		}
	}
	return (en->sender_name != NULL &&
	    text_contains_folded(en->sender_name, needle)) ||
	    (en->type_name != NULL &&
	    text_contains_folded(en->type_name, needle)) ||
	    (m->fta_name != NULL && text_contains_folded(m->fta_name, needle));
}

bool
mailbox_matches(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct mailbox_filter *flt)
{
	const struct ebox_message *m = en->msg;

	if (flt == NULL)
		return true;
	if (flt->match != NULL)
		return flt->match(mb, en, flt->match_ud);
	if (flt->unread_only && m->read)
		return false;
	if (flt->registered_only && !m->registered)
		return false;
	if (flt->from != NULL && *flt->from != '\0' &&
	    !(m->sender_org_id != NULL &&
	    text_contains_folded(m->sender_org_id, flt->from)) &&
	    !(en->sender_name != NULL &&
	    text_contains_folded(en->sender_name, flt->from)))
		return false;
	if (flt->search != NULL && *flt->search != '\0' &&
	    (flt->hits != NULL && en->rowid != 0 ? !mailbox_hit(flt->hits,
	    flt->n_hits, en->rowid) : !mailbox_search_has(en, flt->search)))
		return false;
	return true;
}

/* --- sort -------------------------------------------------------------- */

/* One row to sort, its key computed once.  qsort has no context argument,
 * so the direction travels in every row. */
struct mailbox_row {
	size_t idx;
	int dir;                /* 1 ascending, -1 descending */
	bool absent;            /* no key: always last */
	time_t t;               /* time keys */
	const char *s;          /* folded text keys (the entry's cache) */
	time_t receipt;
	const char *short_id;
};

static void
mailbox_key_date(const struct mailbox *mb, const struct mailbox_entry *en,
    struct mailbox_row *r)
{
	r->t = en->msg->receipt_date;
	r->dir = -r->dir;       /* newest first unless reversed */
}

static void
mailbox_key_sender(const struct mailbox *mb, const struct mailbox_entry *en,
    struct mailbox_row *r)
{
	const char *s = mailbox_folded_sender(en);

	if (*s == '\0')
		r->absent = true;
	else
		r->s = s;
}

static void
mailbox_key_subject(const struct mailbox *mb, const struct mailbox_entry *en,
    struct mailbox_row *r)
{
	const char *s = mailbox_folded_subject(mb, en);

	if (s == NULL)
		r->absent = true;
	else
		r->s = s;
}

static void
mailbox_key_expiry(const struct mailbox *mb, const struct mailbox_entry *en,
    struct mailbox_row *r)
{
	r->t = en->msg->expiration_date;
	r->absent = r->t == 0;
}

static void
mailbox_key_due(const struct mailbox *mb, const struct mailbox_entry *en,
    struct mailbox_row *r)
{
	const struct ebox_payment *p = en->msg->payment;

	r->t = p != NULL ? p->due_date : 0;
	r->absent = r->t == 0;
}

static void
mailbox_key_deadline(const struct mailbox *mb,
    const struct mailbox_entry *en, struct mailbox_row *r)
{
	r->t = mailbox_deadline(en);
	r->absent = r->t == 0;
}

/* Indexed by enum sort_key. */
static void (*const mailbox_sort_keys[])(const struct mailbox *,
    const struct mailbox_entry *, struct mailbox_row *) = {
	[SORT_DATE] = mailbox_key_date,
	[SORT_SENDER] = mailbox_key_sender,
	[SORT_SUBJECT] = mailbox_key_subject,
	[SORT_EXPIRY] = mailbox_key_expiry,
	[SORT_DUE] = mailbox_key_due,
	[SORT_DEADLINE] = mailbox_key_deadline,
};

static int
mailbox_cmp_time(time_t a, time_t b)
{
	return (a > b) - (a < b);
}

static int
mailbox_row_cmp(const void *pa, const void *pb)
{
	const struct mailbox_row *a = pa, *b = pb;
	int c;

	if (a->absent != b->absent)
		return a->absent ? 1 : -1;
	if (!a->absent) {
		if (a->s != NULL && b->s != NULL)
			c = strcmp(a->s, b->s);
		else
			c = mailbox_cmp_time(a->t, b->t);
		if (c != 0)
			return c * a->dir;
	}
	/* Ties: newest first, then the short id, whatever the direction. */
	if ((c = mailbox_cmp_time(b->receipt, a->receipt)) != 0)
		return c;
	if ((c = strcmp(a->short_id, b->short_id)) != 0)
		return c;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* The sort row of entry i for the view's key. */
static void
mailbox_row_fill(const struct mailbox *mb, size_t i, enum sort_key key,
    bool reverse, struct mailbox_row *r)
{
	const struct mailbox_entry *en = &mb->entries[i];

	memset(r, 0, sizeof *r);
	r->idx = i;
	r->dir = reverse ? -1 : 1;
	r->receipt = en->msg->receipt_date;
	r->short_id = en->short_id;
	mailbox_sort_keys[key](mb, en, r);
}

static enum sort_key
mailbox_key_checked(enum sort_key key)
{
	if ((size_t)key >= sizeof mailbox_sort_keys /
	    sizeof mailbox_sort_keys[0])
		return SORT_DATE;
	return key;
}

static void
mailbox_view_remember(struct mailbox_view *v, const struct folder *f,
    enum sort_key key, bool reverse)
{
	v->has_folder = f != NULL;
	if (f != NULL)
		v->folder = *f;
	v->key = key;
	v->reverse = reverse;
}

void
mailbox_view_build(const struct mailbox *mb, const struct folder *f,
    const struct mailbox_filter *flt, enum sort_key key, bool reverse,
    struct mailbox_view *out)
{
	struct mailbox_row *rows;
	const struct mailbox_entry *en;
	size_t i, n = 0;

	key = mailbox_key_checked(key);
	/* The agenda is read nearest deadline first unless asked otherwise. */
	if (f != NULL && f->kind == FOLDER_AGENDA && key == SORT_DATE &&
	    !reverse)
		key = SORT_DEADLINE;
	rows = xcalloc(mb->n ? mb->n : 1, sizeof *rows);
	for (i = 0; i < mb->n; i++) {
		en = &mb->entries[i];
		if (!mailbox_in_folder(mb, en, f) ||
		    !mailbox_matches(mb, en, flt))
			continue;
		mailbox_row_fill(mb, i, key, reverse, &rows[n++]);
	}
	qsort(rows, n, sizeof *rows, mailbox_row_cmp);
	out->idx = xcalloc(n ? n : 1, sizeof *out->idx);
	out->n = n;
	for (i = 0; i < n; i++) {
		out->idx[i] = rows[i].idx;
	}
	free(rows);
	mailbox_view_remember(out, f, key, reverse);
}

static int
mailbox_size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

static bool
mailbox_touched(const size_t *sorted, size_t n, size_t idx)
{
	return bsearch(&idx, sorted, n, sizeof *sorted, mailbox_size_cmp) !=
	    NULL;
}

void
mailbox_view_update(const struct mailbox *mb, struct mailbox_view *v,
    const struct mailbox_filter *flt, const size_t *touched, size_t n)
{
	const struct folder *f = v->has_folder ? &v->folder : NULL;
	struct mailbox_row *add, old;
	size_t *sorted, *idx, i, j, k, n_add = 0, n_keep = 0;

	if (n == 0)
		return;
	sorted = xreallocarray(NULL, n, sizeof *sorted);
	memcpy(sorted, touched, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, mailbox_size_cmp);
	/* The touched entries that belong, in order. */
	add = xcalloc(n, sizeof *add);
	for (i = 0; i < n; i++) {
		if (i > 0 && sorted[i] == sorted[i - 1])
			continue;
		if (sorted[i] >= mb->n ||
		    !mailbox_in_folder(mb, &mb->entries[sorted[i]], f) ||
		    !mailbox_matches(mb, &mb->entries[sorted[i]], flt))
			continue;
		mailbox_row_fill(mb, sorted[i], v->key, v->reverse,
		    &add[n_add++]);
	}
	qsort(add, n_add, sizeof *add, mailbox_row_cmp);
	/* The untouched rows keep their order. */
	for (i = 0; i < v->n; i++) {
		if (!mailbox_touched(sorted, n, v->idx[i]))
			v->idx[n_keep++] = v->idx[i];
	}
	/* Each added row goes where a binary search over the kept rows
	 * puts it (after its equals): a sort key per probe, not one per
	 * row of the view, so a piece of a large box costs its own size. */
	idx = xcalloc(n_keep + n_add + 1, sizeof *idx);
	for (i = j = k = 0; j < n_add; j++) {
		size_t lo = i, hi = n_keep, mid;

		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			mailbox_row_fill(mb, v->idx[mid], v->key, v->reverse,
			    &old);
			if (mailbox_row_cmp(&old, &add[j]) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		memcpy(idx + k, v->idx + i, (lo - i) * sizeof *idx);
		k += lo - i;
		i = lo;
		idx[k++] = add[j].idx;
	}
	memcpy(idx + k, v->idx + i, (n_keep - i) * sizeof *idx);
	k += n_keep - i;
	free(add);
	free(sorted);
	free(v->idx);
	v->idx = idx;
	v->n = k;
}

long
mailbox_view_row(const struct mailbox_view *v, size_t idx)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		if (v->idx[i] == idx)
			return (long)i;
	}
	return -1;
}

void
mailbox_view_done(struct mailbox_view *v)
{
	free(v->idx);
	v->idx = NULL;
	v->n = 0;
}

/* --- flags ------------------------------------------------------------- */

void
mailbox_flags(const struct mailbox *mb, const struct mailbox_entry *en,
    char out[16])
{
	static const char sent[] = {
		[MAILBOX_SENDING] = '~', [MAILBOX_SENT] = 'O',
		[MAILBOX_SEND_FAILED] = 'F',
	};
	const struct ebox_message *m = en->msg;
	size_t n = 0;

	/* A reply from here: what became of it (O out, ~ going, F failed;
	 * not >, which marks the selected row), nothing else applies. */
	if (en->sent != MAILBOX_RECEIVED) {
		out[0] = sent[en->sent];
		out[1] = '\0';
		return;
	}
	if (!m->read)
		out[n++] = 'N';
	if (m->registered)
		out[n++] = 'R';
	if (en->on_server && mailbox_is_expiring(mb, m))
		out[n++] = '!';
	if (m->payment != NULL)
		out[n++] = en->paid ? 'P' : '$';
	if (en->n_documents > 1)
		n += (size_t)snprintf(out + n, 16 - n - 3, "A%d",
		    en->n_documents > 999 ? 999 : en->n_documents);
	if (m->reply_authorized)
		out[n++] = 'r';
	if (!m->visible)
		out[n++] = 'H';
	if (!en->on_server)
		out[n++] = 'K';
	else if (en->stale)
		out[n++] = 'S';
	out[n] = '\0';
}
