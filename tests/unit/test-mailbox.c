/* test-mailbox.c - the store, folders, filters, sort keys, find, flags. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/mailbox.h"
#include "ebox/xalloc.h"
#include "test.h"

#define NOW ((time_t)1717243200)        /* 2024-06-01T12:00:00Z */
#define DAY ((time_t)86400)

/* One test message, short enough to read as a table row. */
struct spec {
	const char *provider, *id, *fr, *nl;
	time_t receipt, expiry, due;       /* offsets from NOW; 0: none */
	bool read, hidden, registered, reply;
	const char *org, *sender_name, *partition;
	int n_att;
	const char *business_fr, *fta_name, *type_name;
};

/* The messages of test_mailbox_fill, in insertion order. */
enum { M1, M2, M3, M4, M5, C1, N_SPECS };

static const struct spec specs[N_SPECS] = {
	[M1] = { "dpa", "m1", "Épargne François", "Spaarrekening Frans",
	    -1 * DAY, 10 * DAY, 0, false, false, false, false,
	    "0206731645", "ONVA", "GENERAL", 3, "Dossier Crème", NULL, NULL },
	[M2] = { "dpa", "m2", "Avis de paiement", "Betalingsbericht",
	    -2 * DAY, 400 * DAY, 14 * DAY, true, false, true, true,
	    "0406798006", "ONSS", "GENERAL", 1, NULL, NULL, NULL },
	[M3] = { "dpb", "m3", "Test attestation", NULL,
	    -3 * DAY, 0, 0, false, true, false, false,
	    "0220916609", NULL, "Another_partition", 0, NULL, NULL, NULL },
	[M4] = { "dpb", "m4", "Zèbre", NULL,
	    -3 * DAY, -1 * DAY, 5 * DAY, true, false, true, false,
	    "0777777771", NULL, "Another_partition", 2, NULL, "Jean Müller",
	    NULL },
	[M5] = { "dpa", "m5", NULL, "Belasting",
	    -10 * DAY, 15 * DAY, 0, false, false, false, false,
	    NULL, NULL, NULL, 1, NULL, NULL, "Fiscale fiche" },
	[C1] = { "dpc", "m1", "Copie", NULL,
	    -5 * DAY, 30 * DAY, 0, true, false, false, false,
	    "0812000163", "Élise SA", "Zeta", 1, NULL, NULL, NULL },
};

static struct ebox_message *
make_message(const struct spec *s)
{
	struct ebox_message *m = xcalloc(1, sizeof *m);
	int i;

	m->provider_id = xstrdup(s->provider);
	m->id = xstrdup(s->id);
	m->subject.fr = xstrdup(s->fr);
	m->subject.nl = xstrdup(s->nl);
	m->receipt_date = NOW + s->receipt;
	m->expiration_date = s->expiry ? NOW + s->expiry : 0;
	m->read = s->read;
	m->visible = !s->hidden;
	m->registered = s->registered;
	m->reply_authorized = s->reply;
	m->sender_org_id = xstrdup(s->org);
	m->partition_id = xstrdup(s->partition);
	m->fta_name = xstrdup(s->fta_name);
	if (s->n_att > 0) {
		m->attachments = xcalloc((size_t)s->n_att,
		    sizeof *m->attachments);
		m->n_attachments = (size_t)s->n_att;
		for (i = 0; i < s->n_att; i++)
			m->attachments[i].file_name = xasprintf("doc%d.pdf", i);
		m->attachments[0].main_content = true;
	}
	if (s->due != 0) {
		m->payment = xcalloc(1, sizeof *m->payment);
		m->payment->due_date = NOW + s->due;
		m->payment->amount = 10;
		m->payment->currency = xstrdup("EUR");
	}
	if (s->business_fr != NULL) {
		m->business = xcalloc(1, sizeof *m->business);
		m->n_business = 1;
		m->business[0].key = xstrdup("BECBE");
		m->business[0].values = xcalloc(1, sizeof (struct tstring));
		m->business[0].n_values = 1;
		m->business[0].values[0].fr = xstrdup(s->business_fr);
	}
	return m;
}

static void
fill(struct mailbox *mb)
{
	struct mailbox_entry *en;
	size_t i;

	mailbox_init(mb);
	mb->now = NOW;
	mb->lang = "fr";
	for (i = 0; i < N_SPECS; i++) {
		en = mailbox_add(mb, make_message(&specs[i]), true);
		en->sender_name = specs[i].sender_name; /* not owned */
		en->type_name = specs[i].type_name;
	}
}

/* The view as a string of spec names, e.g. "M1 M2 C1". */
static const char *
view_names(const struct mailbox *mb, const struct mailbox_view *v,
    char *out, size_t size)
{
	static const char *const names[N_SPECS] = {
		"M1", "M2", "M3", "M4", "M5", "C1"
	};
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < v->n && len + 4 < size; i++) {
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		    i ? " " : "", names[v->idx[i]]);
	}
	return out;
}

/* Builds a view of folder (NULL: no folder) and returns its names in out. */
static const char *
view(const struct mailbox *mb, const char *folder,
    const struct mailbox_filter *flt, enum sort_key key, bool reverse,
    char *out, size_t size)
{
	struct mailbox_view v;
	struct folder f;
	struct err e;

	if (folder != NULL && mailbox_folder_find(mb, folder, &f, &e) != 0) {
		snprintf(out, size, "error: %s", e.msg);
		return out;
	}
	mailbox_view_build(mb, folder != NULL ? &f : NULL, flt, key, reverse,
	    &v);
	view_names(mb, &v, out, size);
	mailbox_view_done(&v);
	return out;
}

static void
test_short_id(void)
{
	char id[MAILBOX_ID_LEN + 1];

	mailbox_short_id("dpa", "m1", id);
	CHECK_STR(id, "b9bee56b");
	mailbox_short_id("dpc", "m1", id);
	CHECK_STR(id, "64a86851");
	mailbox_short_id(NULL, NULL, id);
	CHECK_STR(id, "860189fe");
}

static void
test_add_replace(void)
{
	struct mailbox mb;
	struct mailbox_entry *en;
	struct ebox_message *m;

	fill(&mb);
	CHECK_INT(mb.n, N_SPECS);
	CHECK_STR(mb.entries[M1].short_id, "b9bee56b");
	CHECK_INT(mb.expiring_days, 15);

	/* Same provider and id: replaced in place, tag and names kept, and
	 * the body fetched earlier survives a list copy without one. */
	mb.entries[M2].tagged = true;
	mb.entries[M2].msg->body.fr = xstrdup("Texte");
	mb.entries[M2].msg->has_body = true;
	m = make_message(&specs[M2]);
	m->read = false;
	en = mailbox_add(&mb, m, true);
	CHECK(en == &mb.entries[M2]);
	CHECK_INT(mb.n, N_SPECS);
	CHECK(en->tagged);
	CHECK(en->msg == m);
	CHECK(!en->msg->read);
	CHECK_STR(en->sender_name, "ONSS");
	CHECK(en->msg->has_body);
	CHECK_STR(en->msg->body.fr, "Texte");
	CHECK_STR(en->short_id, mb.entries[M2].short_id);

	/* Same message id at another provider: a new message. */
	CHECK(mb.entries[C1].msg != mb.entries[M1].msg);
	CHECK(strcmp(mb.entries[C1].short_id, mb.entries[M1].short_id) != 0);
	mailbox_clear(&mb);
	CHECK_INT(mb.n, 0);
	en = mailbox_add(&mb, make_message(&specs[M1]), true);
	CHECK_INT(mb.n, 1);
	CHECK(!en->tagged);
	mailbox_done(&mb);
}

static void
test_many(void)
{
	struct mailbox mb;
	struct ebox_message *m;
	struct err e;
	char id[32];
	size_t i;

	/* Enough to grow the index several times; then replace them all. */
	mailbox_init(&mb);
	for (int round = 0; round < 2; round++) {
		for (i = 0; i < 3000; i++) {
			m = xcalloc(1, sizeof *m);
			m->provider_id = xstrdup(i % 2 ? "dpa" : "dpb");
			snprintf(id, sizeof id, "msg-%zu", i);
			m->id = xstrdup(id);
			m->read = round == 1;
			mailbox_add(&mb, m, true);
		}
	}
	CHECK_INT(mb.n, 3000);
	CHECK(mb.entries[2999].msg->read);
	CHECK(mailbox_find(&mb, "dpa/msg-2999", &e) == &mb.entries[2999]);
	CHECK(mailbox_find(&mb, "msg-1234", &e) == &mb.entries[1234]);
	mailbox_done(&mb);
}

static void
test_folders(void)
{
	struct mailbox mb;
	struct folder *f, one;
	struct err e;
	size_t n;

	fill(&mb);
	n = mailbox_folders(&mb, &f);
	CHECK_INT(n, 13);
	if (n == 13) {
		CHECK_STR(f[0].name, "Inbox");
		CHECK_INT(f[0].total, 5);
		CHECK_INT(f[0].unread, 2);
		CHECK_STR(f[1].name, "Unread");
		CHECK_INT(f[1].total, 2);
		CHECK_STR(f[2].name, "Registered");
		CHECK_STR(f[2].label, "Registered mail");
		CHECK_INT(f[2].total, 2);
		CHECK_STR(f[3].name, "Expiring");
		CHECK_INT(f[3].total, 2);
		CHECK_STR(f[4].name, "Payments");
		CHECK_INT(f[4].total, 2);
		CHECK_STR(f[5].name, "Agenda");
		CHECK_INT(f[5].kind, FOLDER_AGENDA);
		CHECK_STR(f[6].name, "Kept");
		CHECK_INT(f[6].kind, FOLDER_KEPT);
		CHECK_INT(f[6].total, 0);
		CHECK_STR(f[7].name, "Hidden");
		CHECK_INT(f[7].total, 1);
		CHECK_INT(f[7].unread, 1);
		CHECK_STR(f[8].name, "All");
		CHECK_INT(f[8].total, 6);
		CHECK_INT(f[8].unread, 3);
		CHECK_STR(f[9].name, "Sent");
		CHECK_INT(f[9].kind, FOLDER_SENT);
		CHECK_INT(f[9].total, 0);
		/* Partitions: GENERAL first, then sorted; hidden ones are
		 * not counted. */
		CHECK_STR(f[10].name, "GENERAL");
		CHECK_INT(f[10].kind, FOLDER_PARTITION);
		CHECK_INT(f[10].total, 2);
		CHECK_STR(f[11].name, "Another_partition");
		CHECK_INT(f[11].total, 1);
		CHECK_INT(f[11].unread, 0);
		CHECK_STR(f[12].name, "Zeta");
		CHECK_INT(f[12].total, 1);
	}
	free(f);

	/* A message the server stopped listing is counted in Kept, and
	 * still in its other folders. */
	mailbox_set_on_server(&mb, &mb.entries[M1], false);
	CHECK_INT(mailbox_folder_find(&mb, "kept", &one, &e), 0);
	CHECK_INT(one.total, 1);
	CHECK(mailbox_in_folder(&mb, &mb.entries[M1], &one));
	CHECK(!mailbox_in_folder(&mb, &mb.entries[M2], &one));
	CHECK_INT(mailbox_folder_find(&mb, "inbox", &one, &e), 0);
	CHECK_INT(one.total, 5);
	mailbox_set_on_server(&mb, &mb.entries[M1], true);
	CHECK_INT(mailbox_folder_find(&mb, "kept", &one, &e), 0);
	CHECK_INT(one.total, 0);

	err_clear(&e);
	CHECK_INT(mailbox_folder_find(&mb, "inbox", &one, &e), 0);
	CHECK_INT(one.kind, FOLDER_INBOX);
	CHECK_INT(one.total, 5);
	CHECK_INT(mailbox_folder_find(&mb, "general", &one, &e), 0);
	CHECK_INT(one.kind, FOLDER_PARTITION);
	CHECK_STR(one.name, "GENERAL");
	CHECK(mailbox_in_folder(&mb, &mb.entries[M1], &one));
	CHECK(!mailbox_in_folder(&mb, &mb.entries[M4], &one));
	CHECK(mailbox_folder_find(&mb, "nope", &one, &e) != 0);
	CHECK_STR(e.msg, "no folder named 'nope'");

	/* A folder outlives a refresh that replaces its messages, and even
	 * a clear; a partition left empty is no longer listed. */
	CHECK_INT(mailbox_folder_find(&mb, "GENERAL", &one, &e), 0);
	mailbox_add(&mb, make_message(&specs[M1]), true);
	mailbox_add(&mb, make_message(&specs[M2]), true);
	CHECK_STR(one.name, "GENERAL");
	CHECK(mailbox_in_folder(&mb, &mb.entries[M2], &one));
	mailbox_clear(&mb);
	CHECK_STR(one.name, "GENERAL");
	mailbox_add(&mb, make_message(&specs[M4]), true);
	CHECK(!mailbox_in_folder(&mb, &mb.entries[0], &one));
	n = mailbox_folders(&mb, &f);
	CHECK_INT(n, 11);
	CHECK_STR(f[10].name, "Another_partition");
	free(f);
	mailbox_done(&mb);

	/* No partitions, no partition folders. */
	mailbox_init(&mb);
	n = mailbox_folders(&mb, &f);
	CHECK_INT(n, 10);
	CHECK_INT(f[0].total, 0);
	free(f);
	mailbox_done(&mb);
}

static void
test_folder_views(void)
{
	struct mailbox mb;
	char out[128];

	fill(&mb);
	CHECK_STR(view(&mb, "Inbox", NULL, SORT_DATE, false, out, sizeof out),
	    "M1 M2 M4 C1 M5");
	CHECK_STR(view(&mb, "Unread", NULL, SORT_DATE, false, out, sizeof out),
	    "M1 M5");
	CHECK_STR(view(&mb, "Registered", NULL, SORT_DATE, false, out,
	    sizeof out), "M2 M4");
	/* m4 has expired, m2 is too far off, m5 is right on the edge. */
	CHECK_STR(view(&mb, "Expiring", NULL, SORT_DATE, false, out,
	    sizeof out), "M1 M5");
	CHECK_STR(view(&mb, "Payments", NULL, SORT_DATE, false, out,
	    sizeof out), "M2 M4");
	CHECK_STR(view(&mb, "Hidden", NULL, SORT_DATE, false, out, sizeof out),
	    "M3");
	CHECK_STR(view(&mb, "Another_partition", NULL, SORT_DATE, false, out,
	    sizeof out), "M4");
	CHECK_STR(view(&mb, "Zeta", NULL, SORT_DATE, false, out, sizeof out),
	    "C1");
	mb.expiring_days = 10;
	CHECK_STR(view(&mb, "Expiring", NULL, SORT_DATE, false, out,
	    sizeof out), "M1");
	mb.expiring_days = 15;
	CHECK(mailbox_is_expiring(&mb, mb.entries[M5].msg));
	CHECK(!mailbox_is_expiring(&mb, mb.entries[M4].msg));
	CHECK(!mailbox_is_expiring(&mb, mb.entries[M3].msg));
	mailbox_done(&mb);
}

static void
test_sort(void)
{
	struct mailbox mb;
	char out[128];
	const char *tie;

	fill(&mb);
	/* m3 and m4 arrived at the same second: the short id decides, the
	 * same way in both directions. */
	tie = strcmp(mb.entries[M3].short_id, mb.entries[M4].short_id) < 0 ?
	    "M3 M4" : "M4 M3";
	{
		char want[64];

		snprintf(want, sizeof want, "M1 M2 %s C1 M5", tie);
		CHECK_STR(view(&mb, "All", NULL, SORT_DATE, false, out,
		    sizeof out), want);
		snprintf(want, sizeof want, "M5 C1 %s M2 M1", tie);
		CHECK_STR(view(&mb, "All", NULL, SORT_DATE, true, out,
		    sizeof out), want);
	}
	/* Names, else the enterprise number; folded; none last. */
	CHECK_STR(view(&mb, "All", NULL, SORT_SENDER, false, out, sizeof out),
	    "M3 M4 C1 M2 M1 M5");
	CHECK_STR(view(&mb, "All", NULL, SORT_SENDER, true, out, sizeof out),
	    "M1 M2 C1 M4 M3 M5");
	/* French first; "Épargne" sorts as "epargne"; m5 falls back to nl. */
	CHECK_STR(view(&mb, "All", NULL, SORT_SUBJECT, false, out, sizeof out),
	    "M2 M5 C1 M1 M3 M4");
	CHECK_STR(view(&mb, "All", NULL, SORT_SUBJECT, true, out, sizeof out),
	    "M4 M3 M1 C1 M5 M2");
	mb.lang = "nl";
	CHECK_STR(view(&mb, "All", NULL, SORT_SUBJECT, false, out, sizeof out),
	    "M5 M2 C1 M1 M3 M4");
	mb.lang = "fr";
	/* Soonest first, no expiry last in both directions. */
	CHECK_STR(view(&mb, "All", NULL, SORT_EXPIRY, false, out, sizeof out),
	    "M4 M1 M5 C1 M2 M3");
	CHECK_STR(view(&mb, "All", NULL, SORT_EXPIRY, true, out, sizeof out),
	    "M2 C1 M5 M1 M4 M3");
	/* Payment due date; the rest by receipt date, newest first. */
	CHECK_STR(view(&mb, "All", NULL, SORT_DUE, false, out, sizeof out),
	    "M4 M2 M1 M3 C1 M5");
	CHECK_STR(view(&mb, "All", NULL, SORT_DUE, true, out, sizeof out),
	    "M2 M4 M1 M3 C1 M5");
	CHECK_STR(sort_key_names[SORT_DATE], "date");
	CHECK_STR(sort_key_names[SORT_SENDER], "sender");
	CHECK_STR(sort_key_names[SORT_SUBJECT], "subject");
	CHECK_STR(sort_key_names[SORT_EXPIRY], "expiry");
	CHECK_STR(sort_key_names[SORT_DUE], "due");
	CHECK_STR(sort_key_names[SORT_DEADLINE], "deadline");
	CHECK(sort_key_names[6] == NULL);
	mailbox_done(&mb);
}

static void
test_filter(void)
{
	struct mailbox mb;
	struct mailbox_filter flt;
	char out[128];

	fill(&mb);
	memset(&flt, 0, sizeof flt);
	flt.unread_only = true;
	CHECK_STR(view(&mb, "Inbox", &flt, SORT_DATE, false, out, sizeof out),
	    "M1 M5");
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M1 M3 M5");
	flt.unread_only = false;
	flt.registered_only = true;
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M2 M4");
	flt.unread_only = true;         /* combined: nothing left */
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "");
	memset(&flt, 0, sizeof flt);

	flt.from = "onv";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M1");
	flt.from = "0220";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M3");
	flt.from = "ELISE";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "C1");
	flt.from = "";
	CHECK_STR(view(&mb, "Inbox", &flt, SORT_DATE, false, out, sizeof out),
	    "M1 M2 M4 C1 M5");
	flt.from = NULL;

	/* Search: accents and case ignored, every language of the subject,
	 * business data values, sender and type names, fta name. */
	flt.search = "francois";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M1");
	flt.search = "SPAARREKENING";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M1");
	flt.search = "crème";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M1");
	flt.search = "muller";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M4");
	flt.search = "fiscale";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M5");
	flt.search = "onss";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M2");
	flt.search = "zebre";
	CHECK_STR(view(&mb, "All", &flt, SORT_DATE, false, out, sizeof out),
	    "M4");
	flt.search = "test";
	CHECK_STR(view(&mb, "Inbox", &flt, SORT_DATE, false, out, sizeof out),
	    "");            /* m3 is hidden */
	CHECK_STR(view(&mb, "Hidden", &flt, SORT_DATE, false, out, sizeof out),
	    "M3");
	flt.search = "a";
	flt.registered_only = true;
	flt.from = "0777";
	CHECK_STR(view(&mb, "Payments", &flt, SORT_DATE, false, out,
	    sizeof out), "M4");
	CHECK(mailbox_matches(&mb, &mb.entries[M4], &flt));
	CHECK(!mailbox_matches(&mb, &mb.entries[M2], &flt));
	CHECK(mailbox_matches(&mb, &mb.entries[M2], NULL));

	/* No folder, no filter: everything. */
	CHECK_STR(view(&mb, NULL, NULL, SORT_EXPIRY, false, out, sizeof out),
	    "M4 M1 M5 C1 M2 M3");
	mailbox_done(&mb);
}

static void
test_find(void)
{
	struct mailbox mb;
	struct mailbox_entry *en;
	struct err e;
	char upper[MAILBOX_ID_LEN + 1], prefix[MAILBOX_ID_LEN + 1];
	size_t i, len;

	fill(&mb);
	err_clear(&e);
	CHECK(mailbox_find(&mb, "b9bee56b", &e) == &mb.entries[M1]);
	CHECK(mailbox_find(&mb, "B9BEE56B", &e) == &mb.entries[M1]);
	CHECK(mailbox_find(&mb, "dpa/m1", &e) == &mb.entries[M1]);
	CHECK(mailbox_find(&mb, "dpc/m1", &e) == &mb.entries[C1]);
	CHECK(mailbox_find(&mb, "m2", &e) == &mb.entries[M2]);

	CHECK(mailbox_find(&mb, "m1", &e) == NULL);
	CHECK_STR(e.msg, "id 'm1' is ambiguous: matches 2 messages");
	CHECK(mailbox_find(&mb, "nope", &e) == NULL);
	CHECK_STR(e.msg, "no message with id 'nope'");
	CHECK_INT(e.code, ERR_NOTFOUND);
	CHECK(mailbox_find(&mb, "dpz/m1", &e) == NULL);
	CHECK(mailbox_find(&mb, "", &e) == NULL);
	CHECK(mailbox_find(&mb, "b9b", &e) == NULL);    /* too short */

	/* The shortest unique prefix of every short id (>= 4) finds it. */
	for (i = 0; i < mb.n; i++) {
		for (len = 4; len <= MAILBOX_ID_LEN; len++) {
			size_t j, same = 0;

			for (j = 0; j < mb.n; j++)
				same += strncmp(mb.entries[j].short_id,
				    mb.entries[i].short_id, len) == 0;
			if (same == 1)
				break;
		}
		memcpy(prefix, mb.entries[i].short_id, len);
		prefix[len] = '\0';
		for (size_t k = 0; k <= len; k++)
			upper[k] = (char)(prefix[k] >= 'a' ? prefix[k] - 32 :
			    prefix[k]);
		en = mailbox_find(&mb, upper, &e);
		CHECK(en == &mb.entries[i]);
	}
	mailbox_done(&mb);

	/* Make two short ids share 4 digits, then use them as a prefix. */
	mailbox_init(&mb);
	for (i = 0; i < 5000; i++) {
		struct ebox_message *m = xcalloc(1, sizeof *m);
		char id[32];
		size_t j;

		snprintf(id, sizeof id, "x%zu", i);
		m->provider_id = xstrdup("dp");
		m->id = xstrdup(id);
		en = mailbox_add(&mb, m, true);
		for (j = 0; j + 1 < mb.n; j++) {
			if (strncmp(mb.entries[j].short_id, en->short_id, 4)
			    == 0)
				break;
		}
		if (j + 1 < mb.n)
			break;
	}
	CHECK(i < 5000);
	memcpy(prefix, mb.entries[mb.n - 1].short_id, 4);
	prefix[4] = '\0';
	CHECK(mailbox_find(&mb, prefix, &e) == NULL);
	{
		char want[80];

		snprintf(want, sizeof want, "id '%s' is ambiguous: matches 2 "
		    "messages", prefix);
		CHECK_STR(e.msg, want);
	}
	/* The full short id still finds each one. */
	CHECK(mailbox_find(&mb, mb.entries[mb.n - 1].short_id, &e) ==
	    &mb.entries[mb.n - 1]);
	mailbox_done(&mb);
}

static void
test_flags(void)
{
	struct mailbox mb;
	char flags[16];

	fill(&mb);
	mailbox_flags(&mb, &mb.entries[M1], flags);
	CHECK_STR(flags, "N!A3");
	mailbox_flags(&mb, &mb.entries[M2], flags);
	CHECK_STR(flags, "R$r");
	mailbox_flags(&mb, &mb.entries[M3], flags);
	CHECK_STR(flags, "NH");
	mailbox_flags(&mb, &mb.entries[M4], flags);
	CHECK_STR(flags, "R$A2");       /* expired: no '!' */
	mailbox_flags(&mb, &mb.entries[M5], flags);
	CHECK_STR(flags, "N!");
	mailbox_flags(&mb, &mb.entries[C1], flags);
	CHECK_STR(flags, "");
	/* Everything at once still fits. */
	mb.entries[M1].msg->registered = true;
	mb.entries[M1].msg->reply_authorized = true;
	mb.entries[M1].msg->visible = false;
	mb.entries[M1].msg->payment = xcalloc(1, sizeof (struct ebox_payment));
	mb.entries[M1].msg->n_attachments = 3;
	mailbox_flags(&mb, &mb.entries[M1], flags);
	CHECK_STR(flags, "NR!$A3rH");
	mailbox_done(&mb);
}

/* A sync sees M1 and M5 again at dpa: M2 went from the server; dpb's
 * messages stay (another provider), and lookups still work. */
static void
test_prune(void)
{
	struct mailbox mb;
	struct err e;
	size_t i;

	mailbox_init(&mb);
	for (i = 0; i < N_SPECS; i++)
		mailbox_add(&mb, make_message(&specs[i]), true);
	CHECK_INT(mailbox_prune(&mb, "dpa"), 0);        /* same sync: all seen */
	mb.gen++;
	mailbox_add(&mb, make_message(&specs[M1]), true);
	mailbox_add(&mb, make_message(&specs[M5]), true);
	CHECK_INT(mailbox_prune(&mb, "dpa"), 1);
	CHECK_INT(mb.n, N_SPECS - 1);
	CHECK(mailbox_find(&mb, "dpa/m2", &e) == NULL);
	CHECK(mailbox_find(&mb, "dpa/m1", &e) != NULL);
	CHECK(mailbox_find(&mb, "dpb/m4", &e) != NULL);
	CHECK(mailbox_find(&mb, "dpc/m1", &e) != NULL);
	CHECK_INT(mailbox_prune(&mb, "nowhere"), 0);
	mailbox_done(&mb);
}

/* A random message for the view tests: few distinct values, so that
 * sort keys tie and every folder gets some. */
static struct ebox_message *
random_message(unsigned *seed, size_t i)
{
	static const char *const subjects[] = { "Avis", "Belasting",
	    "Zèbre", "Épargne", NULL };
	static const char *const parts[] = { "GENERAL", "Zeta", NULL };
	struct ebox_message *m = xcalloc(1, sizeof *m);

	m->provider_id = xstrdup(rand_r(seed) % 2 ? "dpa" : "dpb");
	m->id = xasprintf("r%zu", i);
	m->subject.fr = xstrdup(subjects[rand_r(seed) % 5]);
	m->receipt_date = NOW - (time_t)(rand_r(seed) % 50) * DAY;
	m->expiration_date = rand_r(seed) % 3 ? NOW +
	    (time_t)(rand_r(seed) % 40) * DAY : 0;
	m->read = rand_r(seed) % 2;
	m->visible = rand_r(seed) % 5 != 0;
	m->registered = rand_r(seed) % 4 == 0;
	m->sender_org_id = xasprintf("0%09d", rand_r(seed) % 7);
	m->partition_id = xstrdup(parts[rand_r(seed) % 3]);
	return m;
}

static bool
unread_match(const struct mailbox *mb, const struct mailbox_entry *en,
    const void *ud)
{
	return !en->msg->read;
}

/* Whether v holds exactly what a fresh build gives. */
static bool
view_same(const struct mailbox *mb, const struct mailbox_view *v,
    const struct folder *f, const struct mailbox_filter *flt)
{
	struct mailbox_view fresh;
	bool same;

	mailbox_view_build(mb, f, flt, v->key, v->reverse, &fresh);
	same = fresh.n == v->n && (v->n == 0 ||
	    memcmp(fresh.idx, v->idx, v->n * sizeof *v->idx) == 0);
	mailbox_view_done(&fresh);
	return same;
}

/* mailbox_view_update after random changes equals a rebuild, in every
 * folder and sort, with and without a filter. */
static void
test_view_update(void)
{
	static const char *const folders[] = { "Inbox", "Unread", "Kept",
	    "Hidden", "All", "Expiring" };
	struct mailbox mb;
	struct mailbox_view v;
	struct mailbox_filter flt;
	struct mailbox_entry *en;
	struct folder f;
	struct err e;
	unsigned seed = 7;
	size_t touched[40], n, i, k, round, next = 0;
	int key, fi, with_filter;

	mailbox_init(&mb);
	mb.now = NOW;
	mb.lang = "fr";
	for (i = 0; i < 300; i++)
		mailbox_add(&mb, random_message(&seed, next++), false);
	memset(&flt, 0, sizeof flt);
	flt.match = unread_match;
	for (fi = 0; fi < 6; fi++) {
		for (key = SORT_DATE; key <= SORT_DUE; key++) {
			for (with_filter = 0; with_filter < 2; with_filter++) {
				const struct mailbox_filter *fp =
				    with_filter ? &flt : NULL;
				bool ok = true;

				CHECK_INT(mailbox_folder_find(&mb, folders[fi],
				    &f, &e), 0);
				mailbox_view_build(&mb, &f, fp, key,
				    (key + fi) % 2, &v);
				for (round = 0; round < 20 && ok; round++) {
					n = 1 + (size_t)rand_r(&seed) % 30;
					for (k = 0; k < n; k++) {
						i = (size_t)rand_r(&seed) % 5 ?
						    (size_t)rand_r(&seed) % mb.n :
						    mailbox_index(&mb,
						    mailbox_add(&mb,
						    random_message(&seed, next++),
						    false));
						en = &mb.entries[i];
						switch (rand_r(&seed) % 4) {
						case 0: mailbox_set_read(&mb, en,
						    !en->msg->read); break;
						case 1: mailbox_set_visible(&mb, en,
						    !en->msg->visible); break;
						case 2: mailbox_set_on_server(&mb,
						    en, !en->on_server); break;
						default: break;
						}
						touched[k] = i;
					}
					mailbox_view_update(&mb, &v, fp,
					    touched, n);
					ok = view_same(&mb, &v, &f, fp);
				}
				if (!ok)
					printf("# differs: %s, sort %d, filter "
					    "%d, round %zu\n", folders[fi], key,
					    with_filter, round);
				CHECK(ok);
				mailbox_view_done(&v);
			}
		}
	}
	/* A row of an entry, -1 when it is not in the view. */
	CHECK_INT(mailbox_folder_find(&mb, "All", &f, &e), 0);
	mailbox_view_build(&mb, &f, NULL, SORT_DATE, false, &v);
	CHECK_INT(mailbox_view_row(&v, v.idx[5]), 5);
	mailbox_view_done(&v);
	CHECK_INT(mailbox_folder_find(&mb, "Unread", &f, &e), 0);
	mailbox_view_build(&mb, &f, NULL, SORT_DATE, false, &v);
	for (i = 0; i < mb.n && !mb.entries[i].msg->read; i++)
		;
	CHECK_INT(mailbox_view_row(&v, i), -1);
	mailbox_view_done(&v);
	mailbox_done(&mb);
}

/* A message read at the eBox only because a sync kept its document
 * stays unread until the user opens it. */
static void
test_unseen(void)
{
	struct mailbox mb;
	struct mailbox_entry *en;
	struct ebox_message *m;
	struct folder f;
	struct err e;

	fill(&mb);
	en = &mb.entries[M1];
	CHECK(!en->msg->read);
	en->unseen = true;
	m = make_message(&specs[M1]);
	m->read = true;                 /* what the next listing says */
	en = mailbox_add(&mb, m, false);
	CHECK(en->unseen);
	CHECK(!en->msg->read);
	CHECK_INT(mailbox_folder_find(&mb, "Unread", &f, &e), 0);
	CHECK_INT(f.total, 2);
	mailbox_set_read(&mb, en, true);
	CHECK(!en->unseen);
	CHECK(en->msg->read);
	m = make_message(&specs[M1]);
	m->read = true;
	en = mailbox_add(&mb, m, false);
	CHECK(en->msg->read);
	CHECK_INT(mailbox_folder_find(&mb, "Unread", &f, &e), 0);
	CHECK_INT(f.total, 1);
	mailbox_done(&mb);
}

/* Agenda: every message with a deadline, nearest first by default; a
 * payment marked paid no longer counts.  Sent: replies live there and
 * nowhere else, with their own flag. */
static void
test_agenda_sent(void)
{
	struct mailbox mb;
	struct folder one;
	struct err e;
	char out[64], flags[16];

	fill(&mb);
	CHECK_INT(mailbox_folder_find(&mb, "agenda", &one, &e), 0);
	CHECK_INT(one.total, 5);
	CHECK_STR(view(&mb, "Agenda", NULL, SORT_DATE, false, out, sizeof out),
	    "M4 M1 M2 M5 C1");
	CHECK_STR(view(&mb, "Agenda", NULL, SORT_DATE, true, out, sizeof out),
	    "M5 C1 M4 M2 M1");
	CHECK_INT((long)mailbox_deadline(&mb.entries[M2]), (long)(NOW + 14 * DAY));
	mb.entries[M2].paid = true;
	CHECK_INT((long)mailbox_deadline(&mb.entries[M2]), (long)(NOW + 400 * DAY));
	CHECK_STR(view(&mb, "All", NULL, SORT_DEADLINE, false, out, sizeof out),
	    "M4 M1 M5 C1 M2 M3");
	mailbox_set_on_server(&mb, &mb.entries[M1], false);
	CHECK_INT(mailbox_folder_find(&mb, "agenda", &one, &e), 0);
	CHECK_INT(one.total, 4);

	mailbox_set_sent(&mb, &mb.entries[C1], MAILBOX_SENT, "Sent today.");
	CHECK_INT(mailbox_folder_find(&mb, "sent", &one, &e), 0);
	CHECK_INT(one.total, 1);
	CHECK_STR(view(&mb, "Sent", NULL, SORT_DATE, false, out, sizeof out),
	    "C1");
	CHECK_INT(mailbox_folder_find(&mb, "all", &one, &e), 0);
	CHECK_INT(one.total, 5);
	CHECK(!mailbox_in_folder(&mb, &mb.entries[C1], NULL));
	CHECK(!mailbox_in_folder(&mb, &mb.entries[C1], &one));
	CHECK_INT((long)mailbox_deadline(&mb.entries[C1]), 0);
	CHECK_STR(mb.entries[C1].sent_note, "Sent today.");
	mailbox_flags(&mb, &mb.entries[C1], flags);
	CHECK_STR(flags, "O");
	mailbox_set_sent(&mb, &mb.entries[C1], MAILBOX_SEND_FAILED, NULL);
	mailbox_flags(&mb, &mb.entries[C1], flags);
	CHECK_STR(flags, "F");
	CHECK(mb.entries[C1].sent_note == NULL);
	mailbox_done(&mb);
}

int
main(void)
{
	RUN(test_short_id);
	RUN(test_add_replace);
	RUN(test_many);
	RUN(test_folders);
	RUN(test_folder_views);
	RUN(test_sort);
	RUN(test_filter);
	RUN(test_find);
	RUN(test_flags);
	RUN(test_prune);
	RUN(test_view_update);
	RUN(test_unseen);
	RUN(test_agenda_sent);
	return TEST_DONE();
}
