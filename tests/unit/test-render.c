/* test-render.c - one message as labelled lines: order, wording, dates,
 * amounts, documents, language fallback and sanitising. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/buf.h"
#include "ebox/decode.h"
#include "ebox/i18n.h"
#include "ebox/render.h"
#include "ebox/xalloc.h"
#include "ebox/summary.h"
#include "ebox/text.h"
#include "test.h"

#define NOW ((time_t)1717243200)        /* 2024-06-01 14:00 in Brussels */
#define HOUR ((time_t)3600)
#define DAY ((time_t)86400)

/* Speaks lang from the build tree's catalogues (EBOX_TUI_LOCALEDIR). */
static void
speak(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	setlocale(LC_MESSAGES, "");     /* gettext notices the change */
}

/* A plain unread message from a named sender, received yesterday. */
static struct ebox_message *
make_message(void)
{
	struct ebox_message *m = xcalloc(1, sizeof *m);

	m->provider_id = xstrdup("dpa");
	m->id = xstrdup("m1");
	m->subject.fr = xstrdup("Avis");
	m->subject.nl = xstrdup("Bericht");
	m->receipt_date = NOW - DAY;
	m->visible = true;
	m->message_type_id = xstrdup("Notice");
	m->sender_org_id = xstrdup("0206731645");
	return m;
}

static void
make_entry(struct mailbox_entry *en, struct ebox_message *m,
    const char *sender, const char *type)
{
	memset(en, 0, sizeof *en);
	en->msg = m;
	en->n_documents = (int)m->n_attachments;
	en->sender_name = sender;      /* names.h strings: not owned */
	en->type_name = type;
}

static void
free_entry(struct mailbox_entry *en)
{
	ebox_message_free(en->msg);
}

static void
make_opts(struct render_opts *o, const char *lang)
{
	memset(o, 0, sizeof *o);
	o->lang = lang;
	o->now = NOW;
	o->expiring_days = 15;
}

static void
add_attachment(struct ebox_message *m, const char *name, const char *type,
    double size_kb, bool main_content, bool is_signed)
{
	struct ebox_attachment *a;

	m->attachments = xreallocarray(m->attachments, m->n_attachments + 1,
	    sizeof *m->attachments);
	a = &m->attachments[m->n_attachments++];
	memset(a, 0, sizeof *a);
	a->file_name = xstrdup(name);
	a->media_type = xstrdup(type);
	a->size_kb = size_kb;
	a->main_content = main_content;
	a->is_signed = is_signed;
}

/* The whole render as one string, a line per render line:
 * "F label|text" (with indent as "+N"), "H text", "N text", "T text",
 * "D#doc text", "B". */
static char *
dump(const struct render *r)
{
	static const char kinds[] = { 'F', 'H', 'N', 'T', 'D', 'B' };
	struct buf b;
	const struct render_line *l;
	size_t i;

	buf_init(&b, 1 << 20);
	for (i = 0; i < r->n; i++) {
		l = &r->lines[i];
		buf_printf(&b, "%c", kinds[l->kind]);
		if (l->indent != 0)
			buf_printf(&b, "+%d", l->indent);
		if (l->kind == RENDER_DOCUMENT)
			buf_printf(&b, "#%d", l->doc);
		if (l->kind == RENDER_FIELD)
			buf_printf(&b, " %s|%s", l->label, l->text);
		else if (l->kind != RENDER_BLANK)
			buf_printf(&b, " %s", l->text);
		buf_puts(&b, "\n");
	}
	return buf_steal(&b);
}

/* The value of the first field with this label, or NULL. */
static const char *
field(const struct render *r, const char *label)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->lines[i].kind == RENDER_FIELD &&
		    strcmp(r->lines[i].label, label) == 0)
			return r->lines[i].text;
	}
	return NULL;
}

static size_t
count_kind(const struct render *r, enum render_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += r->lines[i].kind == kind;
	return n;
}

/* Every line well formed: text never NULL, labels only on fields, doc
 * only on documents. */
static void
check_shape(const struct render *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct render_line *l = &r->lines[i];

		CHECK(l->text != NULL);
		CHECK((l->label != NULL) == (l->kind == RENDER_FIELD));
		CHECK((l->doc >= 0) == (l->kind == RENDER_DOCUMENT));
	}
}

static void
test_render_days(void)
{
	char buf[32];

	render_days(NOW + HOUR, NOW, buf, sizeof buf);
	CHECK_STR(buf, "today");
	render_days(NOW + DAY, NOW, buf, sizeof buf);
	CHECK_STR(buf, "tomorrow");
	render_days(NOW - DAY, NOW, buf, sizeof buf);
	CHECK_STR(buf, "yesterday");
	render_days(NOW + 12 * DAY, NOW, buf, sizeof buf);
	CHECK_STR(buf, "in 12 days");
	render_days(NOW - 3 * DAY, NOW, buf, sizeof buf);
	CHECK_STR(buf, "3 days ago");
	/* 23:30 and 00:30 local are an hour apart but on two dates. */
	render_days(NOW + 10 * HOUR + 30 * 60, NOW + 9 * HOUR + 30 * 60, buf,
	    sizeof buf);
	CHECK_STR(buf, "tomorrow");
	/* A small buffer is cut, never overrun. */
	render_days(NOW + 12 * DAY, NOW, buf, 5);
	CHECK_STR(buf, "in 1");
}

/* Registered mail whose text is its main content, not yet confirmed. */
static void
test_render_registered_withheld(void)
{
	struct ebox_message *m = make_message();
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;
	char *d;

	m->registered = true;
	m->body_main = true;
	m->expiration_date = NOW + 3 * DAY;
	m->partition_id = xstrdup("GENERAL");
	m->fta_name = xstrdup("Jean Dupont");
	m->fta_id = xstrdup("85073003328");
	make_entry(&en, m, "ONSS", "Registered letter");
	make_opts(&o, "fr");
	o.body_withheld = true;
	o.sender_long = "Office national de sécurité sociale";
	o.app_name = "Registered Mail";
	render_message(&en, &o, &r);
	check_shape(&r);
	d = dump(&r);
	CHECK_STR(d,
	    "F Subject:|Avis\n"
	    "F From:|ONSS — Office national de sécurité sociale (0206731645)\n"
	    "F Type:|Registered letter\n"
	    "F Service:|Registered Mail\n"
	    "F Received:|31/05/2024 14:00\n"
	    "F Expires:|04/06/2024 (in 3 days)\n"
	    "F Status:|unread, registered mail\n"
	    "F For:|Jean Dupont (85073003328)\n"
	    "F Partition:|GENERAL\n"
	    "B\n"
	    "N Registered mail: opening its main document creates a legal "
	    "proof of reading for the sender.\n"
	    "N Its text is its main content; it is shown only after you "
	    "confirm.\n"
	    "N This message expires in 3 days: save what you need.\n");
	CHECK_STR(r.lang_used, "fr");
	CHECK(!r.fell_back);
	free(d);
	render_done(&r);
	CHECK(r.lines == NULL && r.n == 0 && r.lang_used == NULL);

	/* Even a body that did arrive stays out while withheld. */
	m->body.fr = xstrdup("Secret");
	m->has_body = true;
	render_message(&en, &o, &r);
	CHECK_INT(count_kind(&r, RENDER_TEXT), 0);
	render_done(&r);

	/* Once read, no expiry nag; the registered notice stays. */
	m->read = true;
	o.body_withheld = false;
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Status:"), "read, registered mail");
	CHECK_INT(count_kind(&r, RENDER_NOTICE), 1);
	CHECK_INT(count_kind(&r, RENDER_TEXT), 1);
	render_done(&r);
	free_entry(&en);
}

static void
test_render_payment(void)
{
	struct ebox_message *m = make_message();
	struct ebox_payment *p;
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;
	char *d;

	p = m->payment = xcalloc(1, sizeof *m->payment);
	p->amount = 123.45;
	p->vat_amount = 25.9245;
	p->currency = xstrdup("EUR");
	p->due_date = NOW + 5 * DAY;
	p->iban = xstrdup("BE68539007547034");
	p->bic = xstrdup("BBRUBEBB");
	p->reference = xstrdup("+++090/9337/55493+++");
	m->read = true;
	m->reply_authorized = true;
	make_entry(&en, m, "SPF Finances", NULL);
	make_opts(&o, "fr");
	render_message(&en, &o, &r);
	check_shape(&r);
	d = dump(&r);
	CHECK_STR(d,
	    "F Subject:|Avis\n"
	    "F From:|SPF Finances (0206731645)\n"
	    "F Type:|Notice\n"
	    "F Received:|31/05/2024 14:00\n"
	    "F Status:|read, reply allowed, payment requested\n"
	    "B\n"
	    "H Payment\n"
	    "F+2 Amount:|123,45 \xe2\x82\xac\n"
	    "F+2 VAT:|25,92 \xe2\x82\xac\n"
	    "F+2 Due:|06/06/2024 (in 5 days)\n"
	    "F+2 IBAN:|BE68 5390 0754 7034\n"
	    "F+2 BIC:|BBRUBEBB\n"
	    "F+2 Reference:|+++090/9337/55493+++\n");
	free(d);
	render_done(&r);

	/* Due earlier today is still in time; yesterday is overdue. */
	p->due_date = NOW - 2 * HOUR;
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Due:"), "01/06/2024 (today)");
	render_done(&r);
	p->due_date = NOW - DAY;
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Due:"), "31/05/2024 (overdue)");
	render_done(&r);

	/* Amounts: rounding, thousands without separators, negatives, an
	 * IBAN that came grouped already, no due date, no currency. */
	p->amount = 1234567.891;
	p->vat_amount = -5;
	p->due_date = 0;
	free(p->currency);
	p->currency = NULL;
	free(p->iban);
	p->iban = xstrdup("BE68 5390 0754 7034 12");
	render_message(&en, &o, &r);
	/* French grouping: a narrow no-break space, a decimal comma. */
	CHECK_STR(field(&r, "Amount:"), "1\xe2\x80\xaf" "234\xe2\x80\xaf" "567,89");
	CHECK_STR(field(&r, "VAT:"), "-5,00");
	CHECK_STR(field(&r, "Due:"), NULL);
	CHECK_STR(field(&r, "IBAN:"), "BE68 5390 0754 7034 12");
	render_done(&r);

	/* The amount follows the reader's language, not LC_NUMERIC. */
	if (setlocale(LC_NUMERIC, "fr_BE.UTF-8") != NULL ||
	    setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL) {
		p->amount = 0.5;
		render_message(&en, &o, &r);
		CHECK_STR(field(&r, "Amount:"), "0,50");
		render_done(&r);
		setlocale(LC_NUMERIC, "C");
	}
	free_entry(&en);
}

static void
test_render_documents(void)
{
	struct ebox_message *m = make_message();
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;
	char *d;

	add_attachment(m, "name.pdf", "application/pdf", 45.2, true, false);
	add_attachment(m, "data.csv", "text/csv", 1.1, false, true);
	add_attachment(m, "Élève-annexe.zip", "application/ZIP", 0.5, false,
	    false);
	add_attachment(m, "x.bin", "application/x-foo; q=1", 3 * 1024, false,
	    false);
	add_attachment(m, NULL, NULL, 0, false, false);
	m->attachments[4].title.fr = xstrdup("Annexe sans nom");
	m->read = true;
	make_entry(&en, m, NULL, NULL);
	make_opts(&o, "fr");
	render_message(&en, &o, &r);
	check_shape(&r);
	d = dump(&r);
	CHECK_STR(d,
	    "F Subject:|Avis\n"
	    "F From:|0206731645\n"
	    "F Type:|Notice\n"
	    "F Received:|31/05/2024 14:00\n"
	    "F Status:|read\n"
	    "B\n"
	    "H Documents\n"
	    "D+2#0 1. main   name.pdf           PDF, 45.2 kB\n"
	    "D+2#1 2. annex  data.csv           CSV, 1.1 kB, signed\n"
	    "D+2#2 3. annex  Élève-annexe.zip   ZIP, 512 bytes\n"
	    "D+2#3 4. annex  x.bin              application/x-foo; q=1, "
	    "3.0 MB\n"
	    "D+2#4 5. annex  Annexe sans nom\n");
	free(d);
	render_done(&r);

	/* A name too long to align with stays whole, the others keep
	 * their own column. */
	free(m->attachments[1].file_name);
	m->attachments[1].file_name = xstrdup("a-very-long-file-name-that-goes-"
	    "on-and-on.pdf");
	render_message(&en, &o, &r);
	CHECK_STR(r.lines[8].text, "2. annex  a-very-long-file-name-that-goes-"
	    "on-and-on.pdf   CSV, 1.1 kB, signed");
	CHECK_STR(r.lines[7].text, "1. main   name.pdf           PDF, 45.2 kB");
	render_done(&r);
	free_entry(&en);
}

static void
test_render_fallback(void)
{
	struct ebox_message *m = make_message();
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;

	m->body.fr = xstrdup("Bonjour");
	m->has_body = true;
	make_entry(&en, m, "ONSS", NULL);

	/* No English: the subject says which language it fell back to. */
	make_opts(&o, "en");
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Subject:"), "Avis [French]");
	CHECK_STR(r.lang_used, "fr");
	CHECK(r.fell_back);
	CHECK_STR(r.lines[r.n - 1].text, "Bonjour");
	render_done(&r);

	make_opts(&o, "nl");
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Subject:"), "Bericht");
	CHECK_STR(r.lang_used, "nl");
	CHECK(!r.fell_back);
	CHECK_STR(r.lines[r.n - 1].text, "Bonjour");
	render_done(&r);

	/* No subject at all: the text's language is the one used. */
	tstring_done(&m->subject);
	make_opts(&o, "de");
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Subject:"), "(no subject)");
	CHECK_STR(r.lang_used, "fr");
	CHECK(r.fell_back);
	render_done(&r);

	/* A subject of nothing but controls is no subject. */
	m->subject.de = xstrdup("\x1b[0m \n");
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Subject:"), "(no subject)");
	CHECK(!r.fell_back);
	render_done(&r);
	tstring_done(&m->subject);

	/* Nothing in any language. */
	tstring_done(&m->body);
	m->has_body = false;
	render_message(&en, &o, &r);
	CHECK_STR(r.lang_used, NULL);
	CHECK(!r.fell_back);
	render_done(&r);
	free_entry(&en);
}

static void
test_render_body(void)
{
	struct ebox_message *m = make_message();
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;
	char *d;

	m->body.nl = xstrdup("\r\n\nBeste,\r\n\nUw fiche\tis klaar.\n\n\n");
	m->has_body = true;
	m->read = true;
	make_entry(&en, m, NULL, "Fiche");
	make_opts(&o, "nl");
	render_message(&en, &o, &r);
	d = dump(&r);
	CHECK_STR(d,
	    "F Subject:|Bericht\n"
	    "F From:|0206731645\n"
	    "F Type:|Fiche\n"
	    "F Received:|31/05/2024 14:00\n"
	    "F Status:|read\n"
	    "B\n"
	    "T+2 Beste,\n"
	    "T+2 \n"
	    "T+2 Uw fiche is klaar.\n");
	free(d);
	render_done(&r);

	/* A body of blank lines is no text. */
	free(m->body.nl);
	m->body.nl = xstrdup("\n\n");
	render_message(&en, &o, &r);
	CHECK_INT(count_kind(&r, RENDER_TEXT), 0);
	CHECK_INT(count_kind(&r, RENDER_BLANK), 0);
	render_done(&r);

	/* has_body false: whatever is in body was never fetched. */
	m->has_body = false;
	render_message(&en, &o, &r);
	CHECK_INT(count_kind(&r, RENDER_TEXT), 0);
	render_done(&r);
	free_entry(&en);
}

static void
test_render_business(void)
{
	struct ebox_message *m = make_message();
	struct ebox_business_data *b;
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;
	size_t i;

	m->business = b = xcalloc(3, sizeof *m->business);
	m->n_business = 3;
	b[0].key = xstrdup("DOSSIER");
	b[0].name.fr = xstrdup("Dossier");
	b[0].name.nl = xstrdup("Dossier NL");
	b[0].values = xcalloc(3, sizeof *b[0].values);
	b[0].n_values = 3;
	b[0].values[0].fr = xstrdup("A-1");
	b[0].values[1].nl = xstrdup("alleen nl");
	b[0].values[2].fr = xstrdup("B\n2");
	b[1].key = xstrdup("BECBE");
	b[1].values = xcalloc(1, sizeof *b[1].values);
	b[1].n_values = 1;
	b[1].values[0].nl = xstrdup("0123456789");
	b[2].key = xstrdup("EMPTY");
	m->read = true;
	make_entry(&en, m, NULL, NULL);
	make_opts(&o, "fr");
	render_message(&en, &o, &r);
	check_shape(&r);
	for (i = 0; i < r.n && r.lines[i].kind != RENDER_HEADING; i++)
		;
	CHECK(i < r.n && i > 0);
	CHECK_INT(r.lines[i - 1].kind, RENDER_BLANK);
	CHECK_STR(r.lines[i].text, "Details");
	CHECK_INT(r.lines[i + 1].indent, 2);
	CHECK_STR(field(&r, "Dossier:"), "A-1, alleen nl, B 2");
	CHECK_STR(field(&r, "BECBE:"), "0123456789");
	CHECK_STR(field(&r, "EMPTY:"), "");
	CHECK_INT(r.n, i + 4);
	render_done(&r);
	free_entry(&en);
}

/* Server text with escapes and bidi overrides comes out inert. */
static void
test_render_hostile(void)
{
	static const char *const bad[] = {
		"\x1b", "\xe2\x80\xae", "\xe2\x81\xa6", "\a", "\r", NULL
	};
	struct ebox_message *m = make_message();
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;
	size_t i, j;

	free(m->subject.fr);
	m->subject.fr = xstrdup("\x1b[31mROUGE\x1b[0m \xe2\x80\xae" "fdp.exe");
	m->body.fr = xstrdup("ok\x1b]0;title\alink\n\xe2\x81\xa6" "x\r\ny");
	m->has_body = true;
	m->partition_id = xstrdup("P\x1b[2J");
	m->fta_name = xstrdup("\xe2\x80\xae" "evil\n");
	m->payment = xcalloc(1, sizeof *m->payment);
	m->payment->currency = xstrdup("E\x1b" "UR");
	m->payment->iban = xstrdup("BE68\x1b[1m5390");
	m->payment->reference = xstrdup("+++\x9b" "1+++");
	m->business = xcalloc(1, sizeof *m->business);
	m->n_business = 1;
	m->business[0].key = xstrdup("K\x1b[5m");
	m->business[0].values = xcalloc(1, sizeof *m->business[0].values);
	m->business[0].n_values = 1;
	m->business[0].values[0].fr = xstrdup("v\xe2\x80\xae" "1");
	add_attachment(m, "\xe2\x80\xae" "fdp.exe", "text/\x1b[31m", 1, true,
	    false);
	make_entry(&en, m, "Sender\x1b[8m", "Type\x07");
	make_opts(&o, "fr");
	o.sender_long = "Long\x1b]8;;http://x\x1b\\";
	o.app_name = "App\xe2\x80\xad";
	render_message(&en, &o, &r);
	check_shape(&r);
	for (i = 0; i < r.n; i++) {
		for (j = 0; bad[j] != NULL; j++) {
			CHECK(strstr(r.lines[i].text, bad[j]) == NULL);
			CHECK(r.lines[i].label == NULL ||
			    strstr(r.lines[i].label, bad[j]) == NULL);
		}
		CHECK(r.lines[i].kind == RENDER_TEXT ||
		    strchr(r.lines[i].text, '\n') == NULL);
	}
	/* Escapes are gone; the bidi override is shown, not obeyed. */
	CHECK_STR(field(&r, "Subject:"), "ROUGE <U+202E>fdp.exe");
	CHECK_STR(field(&r, "For:"), "<U+202E>evil");
	CHECK(strstr(field(&r, "From:"), "Sender") != NULL);
	CHECK(field(&r, "K:") != NULL);
	render_done(&r);
	free_entry(&en);
}

static void
test_render_header_variants(void)
{
	struct ebox_message *m = make_message();
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;

	m->visible = false;
	m->expiration_date = NOW - HOUR;
	m->fta_id = xstrdup("85073003328");
	make_entry(&en, m, "ONSS", NULL);
	make_opts(&o, "fr");
	o.sender_long = "ONSS";     /* same as the short name: said once */
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "From:"), "ONSS (0206731645)");
	CHECK_STR(field(&r, "Expires:"), "01/06/2024 (expired)");
	CHECK_STR(field(&r, "Status:"), "unread, hidden");
	CHECK_STR(field(&r, "For:"), "85073003328");
	CHECK_STR(field(&r, "Service:"), NULL);
	CHECK_STR(field(&r, "Partition:"), NULL);
	CHECK_INT(count_kind(&r, RENDER_NOTICE), 0);   /* expired: too late */
	render_done(&r);

	/* Only a long name; then nothing at all. */
	en.sender_name = NULL;
	o.sender_long = "Office national";
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "From:"), "Office national (0206731645)");
	render_done(&r);
	o.sender_long = NULL;
	free(m->sender_org_id);
	m->sender_org_id = NULL;
	free(m->message_type_id);
	m->message_type_id = NULL;
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "From:"), "(unknown sender)");
	CHECK_STR(field(&r, "Type:"), NULL);
	render_done(&r);

	/* Expiring exactly at the edge of the window, and just beyond. */
	m->visible = true;
	m->expiration_date = NOW + 15 * DAY;
	render_message(&en, &o, &r);
	CHECK_STR(r.lines[r.n - 1].text,
	    "This message expires in 15 days: save what you need.");
	render_done(&r);
	m->expiration_date = NOW + 15 * DAY + 1;
	render_message(&en, &o, &r);
	CHECK_INT(count_kind(&r, RENDER_NOTICE), 0);
	render_done(&r);
	m->expiration_date = NOW + HOUR;
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Expires:"), "01/06/2024 (today)");
	CHECK_STR(r.lines[r.n - 1].text,
	    "This message expires today: save what you need.");
	render_done(&r);
	free_entry(&en);
}

/* A message as the decoder gives it. */
static void
test_render_decoded(void)
{
	struct ebox_message *m = NULL;
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;
	struct err e;
	size_t len;
	char *json = test_fixture("message.json", &len);

	CHECK_INT(decode_message(json, len, &m, &e), 0);
	free(json);
	if (m == NULL)
		return;
	make_entry(&en, m, NULL, NULL);
	make_opts(&o, "fr");
	render_message(&en, &o, &r);
	check_shape(&r);
	CHECK_STR(field(&r, "Subject:"), "Disponibilité fiche fiscale");
	CHECK_STR(field(&r, "From:"), "0206731645");
	CHECK_STR(field(&r, "Type:"), "YearlyVacationFiscalCertificate");
	CHECK_STR(field(&r, "Received:"), "29/04/2023 10:25");
	CHECK_STR(field(&r, "Expires:"), "29/04/2025 (in 332 days)");
	CHECK_STR(field(&r, "Status:"), "unread");
	CHECK_STR(r.lines[r.n - 1].text, "1. main   fiche.pdf   PDF, 1.8 MB");
	CHECK_INT(r.lines[r.n - 1].doc, 0);
	render_done(&r);
	free_entry(&en);
}

/* In the reader's language: sizes with its decimal separator, the
 * language of a fallback subject by name, "main"/"annex" in one column
 * whatever their width (issue 9). */
static void
test_render_languages(void)
{
	struct ebox_message *m = make_message();
	struct mailbox_entry en;
	struct render_opts o;
	struct render r;

	add_attachment(m, "name.pdf", "application/pdf", 45.2, true, false);
	add_attachment(m, "data.txt", "text/plain", 1.1, false, true);
	make_entry(&en, m, NULL, NULL);
	make_opts(&o, "en");
	speak("de");
	render_message(&en, &o, &r);
	CHECK_STR(field(&r, "Betreff:"), "Avis [Franz\xc3\xb6sisch]");
	CHECK_STR(r.lines[r.n - 2].text,
	    "1. Haupt   name.pdf   PDF, 45,2 kB");
	CHECK_STR(r.lines[r.n - 1].text,
	    "2. Anlage  data.txt   reiner Text, 1,1 kB, signiert");
	render_done(&r);
	speak("fr");
	render_message(&en, &o, &r);
	CHECK_STR(r.lines[r.n - 2].text,
	    "1. principal  name.pdf   PDF, 45,2 ko");
	CHECK_STR(r.lines[r.n - 1].text,
	    "2. annexe     data.txt   texte brut, 1,1 ko, sign\xc3\xa9");
	render_done(&r);
	speak("en");
	render_message(&en, &o, &r);
	CHECK_STR(r.lines[r.n - 1].text,
	    "2. annex  data.txt   plain text, 1.1 kB, signed");
	render_done(&r);
	free_entry(&en);
}

/* Amounts as each language writes them (issue: fr_BE "1 234,56 €",
 * nl_BE "€ 1.234,56"). */
static void
test_money(void)
{
	char b[64];

	text_money(b, sizeof b, 1234.56, "EUR", "fr");
	CHECK_STR(b, "1\xe2\x80\xaf" "234,56 \xe2\x82\xac");
	text_money(b, sizeof b, 1234.56, "EUR", "nl");
	CHECK_STR(b, "\xe2\x82\xac 1.234,56");
	text_money(b, sizeof b, 1234.56, "EUR", "de");
	CHECK_STR(b, "1.234,56 \xe2\x82\xac");
	text_money(b, sizeof b, 1234.56, "EUR", "en");
	CHECK_STR(b, "\xe2\x82\xac" "1,234.56");
	text_money(b, sizeof b, 99.5, "USD", "nl");
	CHECK_STR(b, "99,50 USD");
	text_money(b, sizeof b, -0.004, NULL, "en");
	CHECK_STR(b, "0.00");
	/* Dates the same way: day first in fr, nl and de. */
	text_date(b, sizeof b, NOW, "fr");
	CHECK_STR(b, "01/06/2024");
	text_date(b, sizeof b, NOW, "de");
	CHECK_STR(b, "01.06.2024");
	text_date(b, sizeof b, NOW, "en");
	CHECK_STR(b, "2024-06-01");
	text_date(b, sizeof b, NOW, NULL);
	CHECK_STR(b, "2024-06-01");
	text_money(b, sizeof b, 1000000, "EUR", NULL);
	CHECK_STR(b, "\xe2\x82\xac" "1,000,000.00");
}

/* summary.h: the one sentence, for a registered, a payment and a plain
 * message. */
static void
test_summary(void)
{
	struct ebox_message *m;
	struct mailbox_entry en;
	struct render_opts o;
	char *s;

	make_opts(&o, "fr");
	m = make_message();
	m->registered = true;
	m->expiration_date = NOW + 20 * DAY;
	add_attachment(m, "a.pdf", "application/pdf", 10, true, false);
	add_attachment(m, "b.csv", "text/csv", 1, false, false);
	make_entry(&en, m, "SPF Finances", NULL);
	s = summary_sentence(&en, &o);
	CHECK_STR(s, "Registered mail from SPF Finances: Avis. 2 documents. "
	    "Expires on 21 June.");
	free(s);
	free_entry(&en);

	m = make_message();
	m->payment = xcalloc(1, sizeof *m->payment);
	m->payment->amount = 100;
	m->payment->vat_amount = 23.45;
	m->payment->currency = xstrdup("EUR");
	m->payment->due_date = NOW + 14 * DAY;
	m->expiration_date = NOW + 400 * DAY;
	add_attachment(m, "a.pdf", "application/pdf", 10, true, false);
	make_entry(&en, m, "Ville de Li\xc3\xa8ge", NULL);
	s = summary_sentence(&en, &o);
	CHECK_STR(s, "Message from Ville de Li\xc3\xa8ge: Avis. 1 document. "
	    "Pay 123,45 \xe2\x82\xac by 15 June. Expires on 6 July 2025.");
	free(s);
	free_entry(&en);

	/* Plain, in Dutch, hostile sender text sanitised, own full stop. */
	m = make_message();
	free(m->subject.nl);
	m->subject.nl = xstrdup("Uw bericht.");
	make_entry(&en, m, "RSZ\x1b[2J\xe2\x80\xae", NULL);
	make_opts(&o, "nl");
	s = summary_sentence(&en, &o);
	CHECK_STR(s, "Message from RSZ<U+202E>: Uw bericht.");
	free(s);
	free_entry(&en);
}

/* A payment whose day has passed says so, with the year when it is not
 * this year's; an expired message says it expired; a subject in another
 * language names it; German dates take their ordinal period (issue 9:
 * "Pay €1,198.72 by 21 October." read as current). */
static void
test_summary_overdue(void)
{
	struct ebox_message *m;
	struct mailbox_entry en;
	struct render_opts o;
	char *s;

	make_opts(&o, "en");
	m = make_message();
	m->payment = xcalloc(1, sizeof *m->payment);
	m->payment->amount = 1198.72;
	m->payment->currency = xstrdup("EUR");
	m->payment->due_date = NOW - 40 * DAY;
	m->expiration_date = NOW - DAY;
	make_entry(&en, m, "FPS Finance", NULL);
	s = summary_sentence(&en, &o);
	CHECK_STR(s, "Message from FPS Finance: Avis (in French). Payment of "
	    "\xe2\x82\xac" "1,198.72 was due on 22 April (overdue). Expired "
	    "on 31 May.");
	free(s);
	m->payment->due_date = NOW - 200 * DAY;
	m->expiration_date = 0;
	s = summary_sentence(&en, &o);
	CHECK_STR(s, "Message from FPS Finance: Avis (in French). Payment of "
	    "\xe2\x82\xac" "1,198.72 was due on 14 November 2023 (overdue).");
	free(s);
	/* The due day itself is still in time. */
	m->payment->due_date = NOW;
	s = summary_sentence(&en, &o);
	CHECK_STR(s, "Message from FPS Finance: Avis (in French). Pay "
	    "\xe2\x82\xac" "1,198.72 by 1 June.");
	free(s);

	make_opts(&o, "de");
	speak("de");
	m->payment->due_date = NOW + 233 * DAY;
	s = summary_sentence(&en, &o);
	CHECK_STR(s, "Nachricht von FPS Finance: Avis (auf Franz\xc3\xb6"
	    "sisch). Zahlen Sie 1.198,72 \xe2\x82\xac bis 20. Januar 2025.");
	free(s);
	m->payment->due_date = NOW - 40 * DAY;
	s = summary_sentence(&en, &o);
	CHECK(s != NULL && strstr(s, "22. April") != NULL &&
	    strstr(s, "Payment") == NULL);
	free(s);
	speak("fr");
	make_opts(&o, "fr");
	s = summary_sentence(&en, &o);
	CHECK(s != NULL && strstr(s, "22 avril") != NULL &&
	    strstr(s, "Payment") == NULL);
	free(s);
	speak("nl");
	make_opts(&o, "nl");
	s = summary_sentence(&en, &o);
	CHECK(s != NULL && strstr(s, "22 april") != NULL &&
	    strstr(s, "Payment") == NULL && strstr(s, "(in ") == NULL);
	free(s);
	speak("en");
	free_entry(&en);
}

int
main(void)
{
	setenv("TZ", "Europe/Brussels", 1);
	tzset();
	/* Catalogues need a locale other than C; C.UTF-8 is always there. */
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_ALL, "");
	i18n_init(NULL);
	RUN(test_render_days);
	RUN(test_render_registered_withheld);
	RUN(test_render_payment);
	RUN(test_render_documents);
	RUN(test_render_fallback);
	RUN(test_render_body);
	RUN(test_render_business);
	RUN(test_render_hostile);
	RUN(test_render_header_variants);
	RUN(test_render_decoded);
	RUN(test_summary);
	RUN(test_summary_overdue);
	RUN(test_money);
	RUN(test_render_languages);
	return TEST_DONE();
}
