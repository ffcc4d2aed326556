/* test-pattern.c - the limit/tag pattern language. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/pattern.h"
#include "ebox/xalloc.h"
#include "test.h"

#define NOW ((time_t)1780000000)        /* 2026-05-28 */
#define DAY 86400

/* A mailbox of two messages: one 3 days old, unread and registered from
 * "FOD Financiën"; one 400 days old, read. */
static void
make_box(struct mailbox *mb)
{
	struct ebox_message *m;
	struct mailbox_entry *en;

	mailbox_init(mb);
	mb->now = NOW;
	m = xcalloc(1, sizeof *m);
	m->provider_id = xstrdup("p");
	m->id = xstrdup("recent");
	m->subject.fr = xstrdup("Avertissement-extrait de rôle");
	m->receipt_date = NOW - 3 * DAY;
	m->registered = true;
	m->visible = true;
	en = mailbox_add(mb, m, true);
	en->sender_name = "FOD Financiën";     /* not owned */
	m = xcalloc(1, sizeof *m);
	m->provider_id = xstrdup("p");
	m->id = xstrdup("old");
	m->subject.nl = xstrdup("Pensioen");
	m->receipt_date = NOW - 400 * DAY;
	m->read = true;
	m->visible = true;
	m->body.nl = xstrdup("Uw pensioenberekening staat klaar.");
	m->has_body = true;
	m->attachments = xcalloc(1, sizeof *m->attachments);
	m->n_attachments = 1;
	m->attachments[0].file_name = xstrdup("Berekening-2026.pdf");
	en = mailbox_add(mb, m, true);
	en->rowid = 42;
	mailbox_set_on_server(mb, en, false);
}

/* How many of the box's messages pattern text selects; -1 on error. */
static int
count(struct mailbox *mb, const char *text)
{
	struct pattern *p;
	struct err e;
	size_t i;
	int n = 0;

	if (pattern_parse(text, NOW, &p, &e) != 0)
		return -1;
	for (i = 0; i < mb->n; i++)
		n += pattern_match(p, mb, &mb->entries[i]);
	pattern_free(p);
	return n;
}

/* A stand-in for the store's full-text index: "pens" finds rowid 42
 * anywhere and in the text; the subject search finds nothing. */
static int searched;

static int
fake_search(enum pattern_in where, const char *text, int64_t **hits,
    size_t *n, void *ud, struct err *e)
{
	searched++;
	if (strcmp(text, "broken") == 0)
		return err_set(e, ERR_IO, "the index is broken");
	*hits = xcalloc(1, sizeof **hits);
	*n = 0;
	if (strcmp(text, "pens") == 0 && where != PATTERN_IN_SUBJECT) {
		(*hits)[0] = 42;
		*n = 1;
	}
	return 0;
}

static int
count_searched(struct mailbox *mb, const char *text)
{
	struct pattern *p;
	struct err e;
	size_t i;
	int n = 0;

	if (pattern_parse(text, NOW, &p, &e) != 0 ||
	    pattern_search(p, fake_search, NULL, &e) != 0) {
		pattern_free(p);
		return -1;
	}
	for (i = 0; i < mb->n; i++)
		n += pattern_match(p, mb, &mb->entries[i]);
	pattern_free(p);
	return n;
}

/* ~b and ~K; text terms answered by the index when there is one. */
static void
test_body_kept_search(void)
{
	struct mailbox mb;

	make_box(&mb);
	CHECK_INT(count(&mb, "~b klaar"), 1);           /* the text */
	CHECK_INT(count(&mb, "~b berekening-2026"), 1); /* a document */
	CHECK_INT(count(&mb, "~b rôle"), 0);            /* not the subject */
	CHECK_INT(count(&mb, "~K"), 1);
	CHECK_INT(count(&mb, "!~K ~r"), 1);
	/* Through the index: the stored message by its rowid; the one not
	 * stored (rowid 0) in memory. */
	searched = 0;
	CHECK_INT(count_searched(&mb, "pens"), 1);
	CHECK_INT(count_searched(&mb, "~s pens"), 0);   /* index: no */
	CHECK_INT(count_searched(&mb, "~b pens ~r"), 0);
	CHECK_INT(count_searched(&mb, "~s rôle"), 1);   /* rowid 0: memory */
	CHECK_INT(searched, 4);
	CHECK_INT(count_searched(&mb, "~N"), 1);        /* nothing to ask */
	CHECK_INT(searched, 4);
	CHECK_INT(count_searched(&mb, "broken"), -1);
	mailbox_done(&mb);
}

static void
test_terms(void)
{
	struct mailbox mb;

	make_box(&mb);
	CHECK_INT(count(&mb, ""), 2);
	CHECK_INT(count(&mb, "~r"), 1);
	CHECK_INT(count(&mb, "!~r"), 1);
	CHECK_INT(count(&mb, "~N ~r"), 1);
	CHECK_INT(count(&mb, "~f financien"), 1);   /* accents folded */
	CHECK_INT(count(&mb, "~s \"extrait de\""), 1);
	CHECK_INT(count(&mb, "~d <7d"), 1);
	CHECK_INT(count(&mb, "~d >1y"), 1);
	CHECK_INT(count(&mb, "~x"), -1);
	CHECK_INT(count(&mb, "~d soon"), -1);
	mailbox_done(&mb);
}

/* Finding 7 of the security review (found by the fuzzer): a typed age
 * such as <999999999999999d overflowed n * seconds (undefined
 * behaviour).  Ages now saturate at "ever". */
static void
test_huge_age(void)
{
	struct mailbox mb;

	make_box(&mb);
	CHECK_INT(count(&mb, "~d <999999999999999d"), 2);
	CHECK_INT(count(&mb, "~d <99999999999999999999999y"), 2);
	CHECK_INT(count(&mb, "~d >999999999999999w"), 0);
	CHECK_INT(count(&mb, "~d <9223372036854775807m"), 2);
	CHECK_INT(count(&mb, "~d <-5d"), -1);
	CHECK_INT(count(&mb, "~d <d"), -1);
	mailbox_done(&mb);
}

int
main(void)
{
	RUN(test_terms);
	RUN(test_huge_age);
	RUN(test_body_kept_search);
	return TEST_DONE();
}
