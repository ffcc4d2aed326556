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
	en = mailbox_add(mb, m);
	en->sender_name = xstrdup("FOD Financiën");
	m = xcalloc(1, sizeof *m);
	m->provider_id = xstrdup("p");
	m->id = xstrdup("old");
	m->subject.nl = xstrdup("Pensioen");
	m->receipt_date = NOW - 400 * DAY;
	m->read = true;
	m->visible = true;
	mailbox_add(mb, m);
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
	return TEST_DONE();
}
