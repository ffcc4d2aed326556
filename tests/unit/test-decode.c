/* test-decode.c - the JSON tree and every decoder, on spec-shaped and
 * hostile fixtures. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <locale.h>

#include "ebox/decode.h"
#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "ebox/utf8.h"
#include "ebox/buf.h"
#include "test.h"

/* 2023-04-29T10:25:53+02:00 and friends, as UTC seconds. */
#define T_RECEIPT 1682756753
#define T_EXPIRY 1745915153
#define T_DUE 1684101600

/* A string literal and its length, for the decoders' (json, len). */
#define LIT(s) (s), (sizeof (s) - 1)

static bool
valid(const char *s)
{
	return s == NULL || utf8_valid(s, strlen(s));
}

static bool
tvalid(const struct tstring *t)
{
	return valid(t->nl) && valid(t->fr) && valid(t->de) && valid(t->en);
}

/* Every string of a message is valid UTF-8. */
static bool
message_valid(const struct ebox_message *m)
{
	size_t i, j;
	bool ok = valid(m->id) && valid(m->original_id) &&
	    tvalid(&m->subject) && valid(m->fta_id) && valid(m->fta_type) &&
	    valid(m->fta_name) && valid(m->message_type_id) &&
	    valid(m->sender_org_id) && valid(m->sender_app_id) &&
	    valid(m->partition_id) && tvalid(&m->body);

	for (i = 0; i < m->n_attachments; i++) {
		const struct ebox_attachment *a = &m->attachments[i];

		ok = ok && valid(a->id) && tvalid(&a->title) &&
		    valid(a->file_name) && valid(a->media_type) &&
		    valid(a->digest_method) && valid(a->digest_value) &&
		    valid(a->content_href);
	}
	for (i = 0; i < m->n_business; i++) {
		ok = ok && valid(m->business[i].key) &&
		    tvalid(&m->business[i].name);
		for (j = 0; j < m->business[i].n_values; j++)
			ok = ok && tvalid(&m->business[i].values[j]);
	}
	return ok;
}

/* Decodes a list fixture; the list must be freed by the caller. */
static int
load_messages(const char *name, struct ebox_message_list *l, struct err *e)
{
	size_t len;
	char *json = test_fixture(name, &len);
	int r;

	err_clear(e);
	r = decode_messages(json, len, l, e);
	free(json);
	return r;
}

/* A list fixture that must fail: checks the sentence and the empty out. */
static void
messages_fail(const char *name, const char *sentence)
{
	struct ebox_message_list l;
	struct err e;

	CHECK(load_messages(name, &l, &e) != 0);
	CHECK(e.code != 0);
	CHECK_STR(e.msg, sentence);
	CHECK(l.items == NULL);
	CHECK_INT(l.n, 0);
}

/* A list fixture with bad messages among good ones: the good ones kept,
 * the bad ones counted, the first one's sentence kept. */
static void
messages_lenient(const char *name, size_t n, size_t rejected,
    const char *reason)
{
	struct ebox_message_list l;
	struct err e;
	size_t i;

	CHECK_INT(load_messages(name, &l, &e), 0);
	CHECK_STR(e.msg, "");
	CHECK_INT(l.n, n);
	CHECK_INT(l.rejected, rejected);
	CHECK_STR(l.rejected_reason, reason);
	for (i = 0; i < l.n; i++)
		CHECK(message_valid(l.items[i]));
	ebox_message_list_done(&l);
}

/* --- values, as every decoder reads them --------------------------------- */

/* What the old JSON tree's own test checked, now through the decoders:
 * values rendered as text, spellings, numeric strings, duplicates. */
static void
test_json_values(void)
{
	struct ebox_status st;
	struct ebox_summary sum;
	struct err e;

	err_clear(&e);
	CHECK_INT(decode_status(LIT("{\"code\":[1,2.50,true,null,\"x\\\"y\"],"
	    "\"message\":{\"c\":\"d\"},\"id\":12.0,\"contact\":false}"),
	    &st, &e), 0);
	CHECK_STR(st.code, "[1,2.50,true,null,\"x\\\"y\"]");
	CHECK_STR(st.message, "{\"c\":\"d\"}");
	CHECK_STR(st.id, "12.0");               /* a number as written */
	CHECK_STR(st.contact, "false");
	ebox_status_done(&st);

	/* Numbers also as numeric strings; duplicates: the first one wins. */
	CHECK_INT(decode_summary(LIT("{\"numberOfMessages\":1,"
	    "\"numberOfMessages\":2,\"eboxSize\":\"12.5\","
	    "\"numberOfUnreadMessages\":{}}"), &sum, &e), 0);
	CHECK_INT(sum.n_messages, 1);
	CHECK(sum.size_kb == 12.5);
	CHECK_INT(sum.n_unread, -1);            /* wrong type: the default */
}

/* Every string goes through one scan (ASCII 8 or 16 bytes at a time, the
 * rest through utf8_decode): at every length and position, a character,
 * an invalid byte or a \u0000 must come out as utf8_repair() says. */
static void
test_json_strings(void)
{
	static const char *const odd[] = {
		"\xc3\xa9",           /* é */
		"\xe2\x80\xae",       /* U+202E, 3 bytes */
		"\xf0\x9f\x93\xab",   /* a 4-byte character */
		"\xff",               /* never valid */
		"\xc3",               /* cut short */
		"\xed\xa0\x80",       /* a surrogate */
	};
	char raw[64], json[128], *want;
	size_t len, pos, k, n, bad = 0;
	struct tstring t;
	struct err e;

	for (k = 0; k < sizeof odd / sizeof odd[0]; k++) {
		for (len = 0; len <= 40; len++) {
			for (pos = 0; pos <= len; pos++) {
				/* pos letters, the odd one, the other letters,
				 * and one more character at the very end */
				memset(raw, 'a', pos);
				n = pos + strlen(odd[k]);
				memcpy(raw + pos, odd[k], n - pos);
				memset(raw + n, 'b', len - pos);
				n += len - pos;
				memcpy(raw + n, "\xc3\xa9", 2);
				n += 2;
				json[0] = '"';
				memcpy(json + 1, raw, n);
				json[n + 1] = '"';
				want = utf8_repair(raw, n);
				if (decode_tstring(json, n + 2, &t, &e) != 0 ||
				    t.en == NULL || strcmp(t.en, want) != 0)
					bad++;
				tstring_done(&t);
				free(want);
			}
		}
	}
	CHECK_INT(bad, 0);
	/* \u0000 ends a string wherever it stands. */
	for (len = 0, bad = 0; len <= 40; len++) {
		for (pos = 0; pos <= len; pos++) {
			n = (size_t)sprintf(json, "\"%.*s\\u0000%.*s\"",
			    (int)pos, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			    (int)(len - pos), "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
			if (decode_tstring(json, n, &t, &e) != 0 || t.en == NULL ||
			    strlen(t.en) != pos || strchr(t.en, 'b') != NULL)
				bad++;
			tstring_done(&t);
		}
	}
	CHECK_INT(bad, 0);
}

static void
test_json_caps(void)
{
	char deep[2 * 70 + 32];
	struct ebox_status st;
	struct err e;
	size_t len;

	/* 64 levels are fine (the object and 63 arrays), 65 are not. */
	len = (size_t)sprintf(deep, "{\"code\":");
	memset(deep + len, '[', 63);
	memset(deep + len + 63, ']', 63);
	len += 126;
	deep[len++] = '}';
	err_clear(&e);
	CHECK_INT(decode_status(deep, len, &st, &e), 0);
	CHECK_INT(strlen(st.code), 126);
	ebox_status_done(&st);
	len = (size_t)sprintf(deep, "{\"code\":");
	memset(deep + len, '[', 64);
	memset(deep + len + 64, ']', 64);
	len += 128;
	deep[len++] = '}';
	CHECK(decode_status(deep, len, &st, &e) != 0);
	CHECK_STR(e.msg, "the error message is nested more than 64 levels "
	    "deep");
	CHECK_INT(e.code, ERR_TOOBIG);
	CHECK(st.code == NULL);

	CHECK(decode_status(LIT(""), &st, &e) != 0);
	CHECK_STR(e.msg, "the error message is empty");
	CHECK(decode_status(LIT("  "), &st, &e) != 0);
}

/* --- message lists ----------------------------------------------------- */

static void
test_messages_v21(void)
{
	struct ebox_message_list l;
	const struct ebox_message *m;
	const struct ebox_attachment *a;
	struct err e;

	CHECK_INT(load_messages("messages-v21.json", &l, &e), 0);
	CHECK_STR(e.msg, "");
	CHECK_INT(l.n, 3);
	CHECK_INT(l.total, 42);
	if (l.n != 3)
		goto out;

	m = l.items[0];
	CHECK(m->provider_id == NULL);
	CHECK_STR(m->id, "3b06011b-071d-4e9c-b879-b260523247cb");
	CHECK_STR(m->subject.fr, "Disponibilité de l’extrait de compte");
	CHECK_STR(m->subject.de, "Verfügbarkeit Kontoauszug");
	CHECK(m->subject.en == NULL);
	CHECK_INT(m->receipt_date, T_RECEIPT);
	CHECK_INT(m->expiration_date, T_EXPIRY);
	CHECK(!m->read && m->visible && !m->registered && !m->body_main &&
	    !m->reply_authorized);
	CHECK_STR(m->message_type_id, "YearlyVacationAccountExtract");
	CHECK_STR(m->sender_org_id, "0206731645");
	CHECK_STR(m->sender_app_id, "rjv-onva:workerholidayrights:cova2");
	CHECK(m->partition_id == NULL);
	CHECK_STR(m->fta_id, "94022722580");
	CHECK_STR(m->fta_type, "person");
	CHECK_STR(m->fta_name, "François Dupont");
	CHECK(m->payment == NULL);
	CHECK(!m->has_body);

	CHECK_INT(m->n_attachments, 3);
	a = &m->attachments[0];
	CHECK_STR(a->id, "1");
	CHECK_STR(a->title.nl, "extrait.pdf");
	CHECK_STR(a->file_name, "Extrait de compte Épargne.pdf");
	CHECK(a->main_content);
	CHECK_STR(a->media_type, "application/pdf");
	CHECK(a->size_kb == 1800.0);
	CHECK_STR(a->digest_method, "sha_256");
	CHECK_STR(a->digest_value,
	    "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg");
	CHECK(!a->is_signed);
	CHECK_STR(a->content_href, "https://dpa.example/ebox/messages/"
	    "3b06011b-071d-4e9c-b879-b260523247cb/attachments/1/content");
	CHECK(m->attachments[1].is_signed);
	CHECK(m->attachments[1].size_kb == 2.5);
	CHECK(m->attachments[1].digest_value == NULL);
	CHECK(ebox_message_main(m) == &m->attachments[0]);

	CHECK_INT(m->n_business, 2);
	CHECK_STR(m->business[0].key, "BECBE");
	CHECK_STR(m->business[0].name.nl, "Ondernemingsnummer");
	CHECK_STR(m->business[0].description.fr, "Numéro BCE de l'employeur");
	CHECK_INT(m->business[0].n_values, 1);
	CHECK_STR(m->business[0].values[0].fr, "0812000163");
	CHECK(tstring_empty(&m->business[1].name));
	CHECK_INT(m->business[1].n_values, 2);
	CHECK_STR(m->business[1].values[1].de, "Zweiter Wert");

	m = l.items[1];
	CHECK_STR(m->original_id, "3b06011b-071d-4e9c-b879-b260523247cb");
	CHECK(m->read && m->registered && m->body_main && m->reply_authorized);
	CHECK_INT(m->n_attachments, 0);
	CHECK(ebox_message_main(m) == NULL);
	CHECK(m->payment != NULL);
	if (m->payment != NULL) {
		CHECK_STR(m->payment->id, "pay-0001");
		CHECK(fabs(m->payment->amount - 123.45) < 1e-9);
		CHECK(fabs(m->payment->vat_amount - 25.92) < 1e-9);
		CHECK_STR(m->payment->currency, "EUR");
		CHECK_INT(m->payment->due_date, T_DUE);
		CHECK_STR(m->payment->iban, "BE68539007547034");
		CHECK_STR(m->payment->bic, "BBRUBEBB");
		CHECK_STR(m->payment->reference, "+++090/9337/55493+++");
	}

	m = l.items[2];
	CHECK(!m->visible);
	CHECK_STR(m->subject.nl, "Test bericht");
	CHECK(m->subject.de == NULL);
	for (size_t i = 0; i < l.n; i++)
		CHECK(message_valid(l.items[i]));
out:
	ebox_message_list_done(&l);
	CHECK(l.items == NULL);
}

static void
test_messages_v3(void)
{
	struct ebox_message_list l;
	const struct ebox_message *m;
	struct err e;

	CHECK_INT(load_messages("messages-v3.json", &l, &e), 0);
	CHECK_INT(l.n, 3);
	CHECK_INT(l.total, 3);
	if (l.n != 3)
		goto out;

	m = l.items[0];
	CHECK(!m->read && m->visible && m->registered && !m->body_main &&
	    m->reply_authorized);
	/* sender.partition is the sender's: the recipient's is partitionId. */
	CHECK_STR(m->sender_org_id, "0812000163");
	CHECK_STR(m->partition_id, "Another_partition");
	CHECK_STR(m->fta_id, "79072300048");
	CHECK_STR(m->fta_name, "Service du personnel");
	CHECK(m->fta_type == NULL);
	CHECK_INT(m->n_attachments, 2);
	if (m->n_attachments == 2) {
		CHECK(m->attachments[0].main_content);
		CHECK(m->attachments[0].is_signed);
		CHECK_STR(m->attachments[0].digest_value,
		    "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
		CHECK_STR(m->attachments[1].id, "2");        /* a number */
		CHECK(m->attachments[1].size_kb == 64.0);    /* a string */
		CHECK(!m->attachments[1].main_content);
	}
	CHECK_INT(m->n_business, 1);
	CHECK_STR(m->business[0].key, "BCE IP");
	CHECK(m->payment != NULL);
	if (m->payment != NULL) {
		CHECK(m->payment->amount == 1500);
		CHECK(m->payment->bic == NULL);
		CHECK_STR(m->payment->reference, "{\"type\":\"structured\","
		    "\"value\":\"+++123/4567/89012+++\","
		    "\"lines\":[1,2.5,true,null]}");
	}

	m = l.items[1];
	CHECK(m->read && m->visible && m->body_main);
	CHECK(m->expiration_date == 0);
	CHECK_STR(m->partition_id, "GENERAL");
	CHECK_STR(m->sender_org_id, "0654321022");
	CHECK(m->has_body);
	CHECK_STR(m->body.fr, "Veuillez compléter votre déclaration.");
	CHECK_INT(m->n_attachments, 0);

	m = l.items[2];
	CHECK(!m->visible && !m->read);
	/* senderOrganizationId wins over sender.enterpriseNumber. */
	CHECK_STR(m->sender_org_id, "0444000177");
	CHECK_STR(m->partition_id, "GENERAL");
	CHECK_STR(m->attachments[0].file_name, "attest\xe2\x80\xae.pdf");
	CHECK(ebox_message_main(m) == &m->attachments[0]);
out:
	ebox_message_list_done(&l);
}

static void
test_message_single(void)
{
	struct ebox_message *m = NULL, *copy;
	struct err e;
	size_t len;
	char *json = test_fixture("message.json", &len);

	err_clear(&e);
	CHECK_INT(decode_message(json, len, &m, &e), 0);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->subject.nl, "Beschikbaarheid fiscale fiche");
		CHECK(m->visible);   /* absent: defaults to true */
		CHECK_INT(m->n_attachments, 1);
		m->provider_id = xstrdup("dpa");
		copy = ebox_message_dup(m);
		CHECK(copy->attachments != m->attachments);
		CHECK_STR(copy->attachments[0].file_name, "fiche.pdf");
		CHECK_STR(copy->provider_id, "dpa");
		CHECK_STR(copy->subject.de, m->subject.de);
		CHECK(copy->subject.de != m->subject.de);
		ebox_message_free(copy);
	}
	ebox_message_free(m);

	/* A list is not a message. */
	m = NULL;
	CHECK(decode_message(LIT("[1]"), &m, &e) != 0);
	CHECK(m == NULL);
	CHECK_STR(e.msg, "the message is not a JSON object");
	free(json);
}

static void
test_message_dup_full(void)
{
	struct ebox_message_list l;
	struct ebox_message *copy;
	struct err e;
	size_t i;

	/* Duplicating every message of both fixtures must not leak or share. */
	CHECK_INT(load_messages("messages-v21.json", &l, &e), 0);
	for (i = 0; i < l.n; i++) {
		copy = ebox_message_dup(l.items[i]);
		CHECK_INT(copy->n_business, l.items[i]->n_business);
		ebox_message_free(copy);
	}
	ebox_message_list_done(&l);
	CHECK_INT(load_messages("messages-v3.json", &l, &e), 0);
	for (i = 0; i < l.n; i++) {
		copy = ebox_message_dup(l.items[i]);
		CHECK(copy->payment == NULL ||
		    copy->payment != l.items[i]->payment);
		ebox_message_free(copy);
	}
	ebox_message_list_done(&l);
	ebox_message_free(NULL);
}

/* --- attachments, body, payment, summary ------------------------------- */

static void
test_attachments(void)
{
	struct ebox_attachment *a = NULL, one;
	struct err e;
	size_t len, n = 0, i;
	char *json = test_fixture("attachments.json", &len);

	err_clear(&e);
	CHECK_INT(decode_attachments(json, len, &a, &n, &e), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(a[0].title.nl, "Brief");
		/* Padding '=' stripped (even a doubled one). */
		CHECK_STR(a[0].digest_value,
		    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
		/* Percent-decoded; the invalid "%.t" escape is kept. */
		CHECK_STR(a[1].file_name, "résumé 100%.txt");
		CHECK(a[1].size_kb == 0.5);
	}
	for (i = 0; i < n; i++)
		ebox_attachment_done(&a[i]);
	free(a);
	free(json);

	json = test_fixture("attachment.json", &len);
	CHECK_INT(decode_attachment(json, len, &one, &e), 0);
	CHECK_STR(one.file_name, "courrier.pdf");
	CHECK(one.is_signed && one.main_content);
	ebox_attachment_done(&one);
	free(json);

	/* A bare array is a list too; a missing or empty fileName is made
	 * up from the position and the media type, a bad document left out
	 * (like the documents of a message). */
	a = NULL;
	CHECK_INT(decode_attachments(LIT("[{\"attachmentId\":\"1\"},"
	    "{\"fileName\":17},{\"fileName\":\"\",\"mediaType\":"
	    "\"text/CSV; charset=utf-8\"}]"), &a, &n, &e), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(a[0].file_name, "document-1");
		CHECK_STR(a[1].file_name, "document-3.csv");
	}
	for (i = 0; i < n; i++)
		ebox_attachment_done(&a[i]);
	free(a);
	CHECK_INT(decode_attachment(LIT("{\"fileName\":\"\"}"), &one, &e), 0);
	CHECK_STR(one.file_name, "document-1");
	ebox_attachment_done(&one);
	/* One document alone fails as a whole. */
	CHECK(decode_attachment(LIT("{\"fileName\":[]}"), &one, &e) != 0);
	CHECK_STR(e.msg, "the document has a fileName that is not text");
	CHECK(one.file_name == NULL);
}

static void
test_body(void)
{
	struct tstring t;
	struct err e;
	size_t len;
	char *json = test_fixture("body.json", &len);

	err_clear(&e);
	CHECK_INT(decode_tstring(json, len, &t, &e), 0);
	CHECK_STR(t.fr, "Votre extrait de compte est disponible.\nMerci.");
	CHECK_STR(t.en, "Your account statement is available.");
	CHECK_STR(tstring_pick(&t, "de", NULL),
	    "Ihr Kontoauszug ist verfügbar.");
	tstring_done(&t);
	free(json);

	CHECK_INT(decode_tstring(LIT("\"plain\""), &t, &e), 0);
	CHECK_STR(t.en, "plain");
	tstring_done(&t);
	CHECK(decode_tstring(LIT("42"), &t, &e) != 0);
	CHECK_STR(e.msg, "the message text is not a translated text");
	CHECK(tstring_empty(&t));
}

static void
test_payment(void)
{
	struct ebox_payment *p = NULL;
	struct err e;
	size_t len;
	char *json = test_fixture("payment.json", &len);

	err_clear(&e);
	CHECK_INT(decode_payment(json, len, &p, &e), 0);
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_STR(p->reference, "+++090/9337/55493+++");
		CHECK_INT(p->due_date, T_DUE);
	}
	ebox_payment_free(p);
	free(json);

	json = test_fixture("payment-ref-object.json", &len);
	p = NULL;
	CHECK_INT(decode_payment(json, len, &p, &e), 0);
	if (p != NULL) {
		CHECK_STR(p->id, "9");
		CHECK(p->amount == 99.5);
		CHECK_INT(p->due_date, 1688083200);     /* a date alone */
		CHECK_STR(p->reference, "{\"kind\":\"free\","
		    "\"text\":\"Facture \\\"2023/17\\\"\",\"n\":17}");
		CHECK(p->bic == NULL);
	}
	ebox_payment_free(p);
	free(json);

	json = test_fixture("payment-no-iban.json", &len);
	p = NULL;
	CHECK(decode_payment(json, len, &p, &e) != 0);
	CHECK_STR(e.msg, "the payment data has no iban");
	CHECK(p == NULL);
	free(json);
	ebox_payment_free(NULL);
}

static void
test_summary(void)
{
	struct ebox_summary s;
	struct err e;
	size_t len;
	char *json = test_fixture("summary.json", &len);

	err_clear(&e);
	CHECK_INT(decode_summary(json, len, &s, &e), 0);
	CHECK_INT(s.n_messages, 36);
	CHECK_INT(s.n_unread, 2);
	CHECK_INT(s.last_receipt, 1500888360);
	CHECK(s.last_consultation > s.last_receipt);
	CHECK(s.size_kb == 1800.0);
	free(json);

	json = test_fixture("summary-minimal.json", &len);
	CHECK_INT(decode_summary(json, len, &s, &e), 0);
	CHECK_INT(s.n_messages, 0);
	CHECK_INT(s.n_unread, -1);
	CHECK_INT(s.last_receipt, 0);
	free(json);

	CHECK(decode_summary(LIT("{\"numberOfMessages\":\"lots\"}"), &s, &e)
	    != 0);
	CHECK_STR(e.msg, "the eBox summary has a numberOfMessages that is "
	    "not a whole number");
	CHECK_INT(s.n_messages, 0);
	CHECK(decode_summary(LIT("{}"), &s, &e) != 0);
	CHECK_STR(e.msg, "the eBox summary has no numberOfMessages");
}

/* --- providers --------------------------------------------------------- */

static void
test_providers(void)
{
	struct ebox_provider *p = NULL;
	struct err e;
	size_t len, n = 0, i;
	char *json = test_fixture("providers.json", &len);
	const char *why;
	time_t now = 1717243200;     /* 2024-06-01T12:00:00Z */

	err_clear(&e);
	CHECK_INT(decode_providers(json, len, &p, &n, &e), 0);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(p[0].id, "ebox-enterprise");
		CHECK_STR(p[0].name.en, "e-Box Enterprise");
		CHECK_STR(p[0].description.fr, "ONSS");
		CHECK_STR(p[0].url, "https://services.socialsecurity.be/REST/"
		    "ebox/enterprise/messageRegistry/v2/");
		CHECK_INT(p[0].activation, 1512086400);
		CHECK_INT(p[0].deactivation, 0);
		CHECK_STR(p[0].api_version, "1.6");
		CHECK_STR(p[0].technical_contact, "eboxintegration@smals.be");
		CHECK_INT(p[0].n_maintenance, 1);
		CHECK(ebox_provider_active(&p[0], now, &why));
		CHECK(why == NULL);

		/* A '/' is added to the URL; deactivated in 2018. */
		CHECK_STR(p[1].url, "http://ebox-citizen-rest.int.paas."
		    "socialsecurity.be/REST/ebox/citizen/v2/");
		CHECK_INT(p[1].deactivation, 1514764800);
		CHECK(!ebox_provider_active(&p[1], now, &why));
		CHECK_STR(why, "deactivated");
		CHECK(ebox_provider_active(&p[1], 1513000000, NULL));

		/* Incomplete maintenance windows are skipped. */
		CHECK_INT(p[2].n_maintenance, 1);
		CHECK_INT(p[2].maintenance[0].start, 1717228800);
		CHECK_INT(p[2].maintenance[0].end, 1717272000);
		CHECK(!ebox_provider_active(&p[2], now, &why));
		CHECK_STR(why, "down for planned maintenance");
		CHECK(ebox_provider_active(&p[2], 1717272000, &why));

		CHECK(!ebox_provider_active(&p[3], now, &why));
		CHECK_STR(why, "not active yet");
		CHECK(ebox_provider_active(&p[3], 1893456000, &why));
	}
	for (i = 0; i < n; i++)
		ebox_provider_done(&p[i]);
	free(p);
	free(json);

	json = test_fixture("providers-items.json", &len);
	CHECK_INT(decode_providers(json, len, &p, &n, &e), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(p[0].id, "nsso");
		CHECK_STR(p[0].name.nl, "RSZ");
		CHECK_STR(p[0].url, "https://services.socialsecurity.be/REST/"
		    "ebox/enterprise/messageRegistry/v3/");
		CHECK_STR(p[0].api_version, "3.5");
		CHECK(p[0].activation != 0);
		CHECK_INT(p[1].activation, 0);
		CHECK(ebox_provider_active(&p[1], now, NULL));
	}
	for (i = 0; i < n; i++)
		ebox_provider_done(&p[i]);
	free(p);
	free(json);

	json = test_fixture("providers-bad-date.json", &len);
	CHECK(decode_providers(json, len, &p, &n, &e) != 0);
	CHECK_STR(e.msg, "provider 1 has a messageProviderActivationDate "
	    "that is not a valid date");
	CHECK(p == NULL && n == 0);
	free(json);

	CHECK(decode_providers(LIT("{\"x\":1}"), &p, &n, &e) != 0);
	CHECK_STR(e.msg, "the list of mail providers has no list of items");
	CHECK(decode_providers(LIT("\"x\""), &p, &n, &e) != 0);
	CHECK_STR(e.msg, "the list of mail providers is not a list");
	CHECK_INT(decode_providers(LIT("[]"), &p, &n, &e), 0);
	CHECK_INT(n, 0);
	free(p);
}

/* --- reference data ---------------------------------------------------- */

static void
test_refdata(void)
{
	struct ebox_message_type *t = NULL, one_t;
	struct ebox_organization *o = NULL, one_o;
	struct ebox_application *a = NULL, one_a;
	struct err e;
	size_t len, n, i;
	long total;
	char *json;

	err_clear(&e);
	json = test_fixture("message-types.json", &len);
	CHECK_INT(decode_message_types(json, len, &t, &n, &total, &e), 0);
	CHECK_INT(n, 2);
	CHECK_INT(total, 5);
	if (n == 2) {
		CHECK_STR(t[0].id, "YearlyVacationAccountExtract");
		CHECK_STR(t[0].name.nl, "Beschikbaarheid rekeninguittreksel");
		CHECK_STR(t[0].description.fr,
		    "Extrait de compte vacances annuelles");
		CHECK_INT(t[0].validity_number, 2);
		CHECK_STR(t[0].validity_unit, "year");
		CHECK_INT(t[1].validity_number, 18);
	}
	for (i = 0; i < n; i++)
		ebox_message_type_done(&t[i]);
	free(t);
	free(json);

	json = test_fixture("message-type.json", &len);
	CHECK_INT(decode_message_type(json, len, &one_t, &e), 0);
	CHECK_STR(one_t.name.fr, "Élections sociales");
	CHECK_STR(one_t.validity_unit, "day");
	ebox_message_type_done(&one_t);
	free(json);

	json = test_fixture("organizations.json", &len);
	CHECK_INT(decode_organizations(json, len, &o, &n, &total, &e), 0);
	CHECK_INT(n, 2);
	CHECK_INT(total, 2);
	if (n == 2) {
		CHECK_STR(o[0].short_name.nl, "RJV");
		CHECK_STR(o[0].long_name.de, "Landesamt für den Jahresurlaub");
		CHECK_STR(o[0].url.nl, "https://www.rjv.fgov.be/nl");
		CHECK_STR(o[1].id, "0406798006");
	}
	for (i = 0; i < n; i++)
		ebox_organization_done(&o[i]);
	free(o);
	free(json);

	json = test_fixture("organization.json", &len);
	CHECK_INT(decode_organization(json, len, &one_o, &e), 0);
	CHECK_STR(one_o.short_name.de, "LSS");
	ebox_organization_done(&one_o);
	free(json);

	json = test_fixture("applications.json", &len);
	CHECK_INT(decode_applications(json, len, &a, &n, &total, &e), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(a[0].name.de, "Sektor des Jahresurlaubs");
		CHECK_STR(a[0].description.en, "Holiday rights");
		CHECK_STR(a[1].name.fr, "Carte de travail");
	}
	for (i = 0; i < n; i++)
		ebox_application_done(&a[i]);
	free(a);
	free(json);

	json = test_fixture("application.json", &len);
	CHECK_INT(decode_application(json, len, &one_a, &e), 0);
	CHECK_STR(one_a.name.de, "FÖD Beschäftigung");
	ebox_application_done(&one_a);
	free(json);

	CHECK(decode_organization(LIT("{\"organizationShortName\":{}}"), &one_o,
	    &e) != 0);
	CHECK_STR(e.msg, "the sender organisation has no organizationId");
	CHECK(decode_message_types(LIT("{\"items\":[{\"messageTypeId\":"
	    "\"a\"},{}]}"), &t, &n, &total, &e) != 0);
	CHECK_STR(e.msg, "message type 2 has no messageTypeId");
	CHECK(t == NULL && n == 0);
}

/* --- StatusMessage ----------------------------------------------------- */

/* Fuzz finding D1 (tests/fuzz/corpus/decode/crash-decode-render-cut-utf8):
 * a status message that is an array of strings of invalid bytes is
 * rendered as JSON text past its cap; the text stays valid UTF-8. */
static void
test_status_render_cut_utf8(void)
{
	struct buf b;
	struct ebox_status s;
	struct err e;
	size_t i, k;

	buf_init(&b, 8 * DECODE_MAX_STRING + 64);
	buf_puts(&b, "{\"message\":[");
	for (k = 0; k < 6; k++) {
		buf_puts(&b, k ? ",\"" : "\"");
		for (i = 0; i < DECODE_MAX_STRING - 1 - k; i++)
			buf_append(&b, "\xff", 1);
		buf_puts(&b, "\"");
	}
	buf_puts(&b, "]}");
	err_clear(&e);
	CHECK_INT(decode_status(b.data, b.len, &s, &e), 0);
	CHECK(s.message != NULL);
	CHECK(valid(s.message));
	CHECK(s.message != NULL && strlen(s.message) <= 4 * DECODE_MAX_STRING);
	ebox_status_done(&s);
	buf_done(&b);
}

/* Fuzz finding D2: the string cap holds after invalid bytes were
 * repaired (each one becomes the three bytes of U+FFFD). */
static void
test_string_cap_after_repair(void)
{
	struct buf b;
	struct ebox_status s;
	struct err e;
	size_t i;

	buf_init(&b, 2 * DECODE_MAX_STRING + 64);
	buf_puts(&b, "{\"code\":\"");
	for (i = 0; i < DECODE_MAX_STRING; i++)
		buf_append(&b, i % 2 ? "\xff" : "a", 1);
	buf_puts(&b, "\"}");
	err_clear(&e);
	CHECK_INT(decode_status(b.data, b.len, &s, &e), 0);
	CHECK(s.code != NULL && strlen(s.code) <= DECODE_MAX_STRING);
	CHECK(s.code != NULL && strlen(s.code) > DECODE_MAX_STRING - 4);
	CHECK(valid(s.code));
	ebox_status_done(&s);
	buf_done(&b);
}

static void
test_status(void)
{
	struct ebox_status s;
	struct err e;
	size_t len;
	char *json = test_fixture("status-v21.json", &len);

	err_clear(&e);
	CHECK_INT(decode_status(json, len, &s, &e), 0);
	CHECK_STR(s.code, "INVALID_INPUT");
	CHECK_STR(s.message, "0852093432 is not a valid company");
	CHECK_STR(s.contact, "eboxintegration@smals.be");
	CHECK_STR(s.environment, "acceptation");
	ebox_status_done(&s);
	free(json);

	json = test_fixture("status-fed.json", &len);
	CHECK_INT(decode_status(json, len, &s, &e), 0);
	CHECK_STR(s.id, "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d");
	CHECK_STR(s.code, "NOT_FOUND");
	CHECK_STR(s.environment, "production");
	CHECK(s.contact == NULL);
	ebox_status_done(&s);
	free(json);

	/* Odd types become text rather than failing. */
	json = test_fixture("status-odd.json", &len);
	CHECK_INT(decode_status(json, len, &s, &e), 0);
	CHECK_STR(s.code, "404");
	CHECK_STR(s.message, "{\"fr\":\"introuvable\"}");
	ebox_status_done(&s);
	free(json);

	CHECK(decode_status(LIT("{\"x\":1}"), &s, &e) != 0);
	CHECK_STR(e.msg, "the error message has none of the fields of a "
	    "StatusMessage");
	CHECK(s.code == NULL);
	CHECK(decode_status(LIT("<html>502</html>"), &s, &e) != 0);
	CHECK_INT(decode_status(LIT("{\"error\":\"invalid_client\","
	    "\"error_description\":\"bad\"}"), &s, &e), 0);
	CHECK_STR(s.code, "invalid_client");
	CHECK_STR(s.message, "bad");
	ebox_status_done(&s);
}

/* --- hostile input ----------------------------------------------------- */

static void
test_bad_json(void)
{
	messages_fail("bad.json", "the message list is not valid JSON (parse "
	    "error at byte 31)");
	messages_fail("empty.json", "the message list is empty");
	messages_fail("trailing-garbage.json", "the message list is not "
	    "valid JSON (parse error at byte 488)");
}

static void
test_truncated(void)
{
	messages_fail("truncated.json", "the message list is cut short (the "
	    "JSON ends after 426 bytes)");
}

static void
test_deep(void)
{
	messages_fail("deep.json", "the message list is nested more than 64 "
	    "levels deep");
}

static void
test_too_many(void)
{
	struct ebox_provider *p = (void *)1;
	struct err e;
	size_t len, n = 1;
	char *json = test_fixture("too-many-items.json", &len);

	err_clear(&e);
	CHECK(decode_providers(json, len, &p, &n, &e) != 0);
	CHECK_INT(e.code, ERR_TOOBIG);
	CHECK_STR(e.msg, "the list of mail providers has a list of more "
	    "than 10000 items");
	CHECK(p == NULL && n == 0);
	free(json);
}

static void
test_huge_string(void)
{
	struct ebox_message_list l;
	struct err e;
	size_t n;

	CHECK_INT(load_messages("huge-string.json", &l, &e), 0);
	if (l.n == 1) {
		n = strlen(l.items[0]->subject.fr);
		/* Cut to the cap on a character boundary ("é" is 2 bytes). */
		CHECK_INT(n, DECODE_MAX_STRING);
		CHECK(message_valid(l.items[0]));
	}
	ebox_message_list_done(&l);
}

static void
test_invalid_utf8(void)
{
	struct ebox_message_list l;
	struct err e;

	CHECK_INT(load_messages("invalid-utf8.json", &l, &e), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK(message_valid(l.items[0]));
		CHECK(strstr(l.items[0]->subject.fr, "Caf\xef\xbf\xbd ") !=
		    NULL);
		CHECK(strstr(l.items[0]->subject.fr, " fin") != NULL);
		CHECK_STR(l.items[0]->subject.nl, "ok");
	}
	ebox_message_list_done(&l);
}

static void
test_escape_bidi(void)
{
	struct ebox_message_list l;
	struct err e;

	/* Kept as they are: sanitising is the output layer's job. */
	CHECK_INT(load_messages("escape-bidi.json", &l, &e), 0);
	if (l.n == 1) {
		CHECK_STR(l.items[0]->subject.fr, "\x1b[31mROUGE\x1b[0m "
		    "\xe2\x80\xae" "fdp.exe \xe2\x80\xae");
		CHECK_STR(l.items[0]->subject.nl, "a\x07" "b");
		CHECK(message_valid(l.items[0]));
	}
	ebox_message_list_done(&l);
}

static void
test_wrong_types(void)
{
	struct ebox_message_list l;
	const struct ebox_message *m;
	struct err e;

	/* Optional fields of the wrong type read as absent; documents,
	 * business data and payment data that are not a list or an object
	 * are counted as left out (they may have mattered). */
	CHECK_INT(load_messages("wrong-types.json", &l, &e), 0);
	CHECK_STR(e.msg, "");
	CHECK_INT(l.n, 1);
	CHECK_INT(l.total, 1);          /* "many": falls back to the count */
	CHECK_INT(l.rejected, 3);
	CHECK_STR(l.rejected_reason, "the attachments field of message 1 "
	    "(12345) is not a list");
	if (l.n == 1) {
		m = l.items[0];
		CHECK_STR(m->id, "12345");      /* ids may be numbers */
		CHECK_STR(m->subject.en, "Plain subject");
		CHECK_STR(tstring_pick(&m->subject, "fr", NULL),
		    "Plain subject");
		CHECK_INT(m->expiration_date, 0);
		CHECK(!m->read);
		CHECK(m->visible);
		CHECK(!m->registered && !m->body_main);
		CHECK(m->reply_authorized);     /* "true" is accepted */
		CHECK(m->message_type_id == NULL);
		CHECK(m->sender_org_id == NULL);
		CHECK(m->sender_app_id == NULL);
		CHECK(m->partition_id == NULL);
		CHECK_INT(m->n_attachments, 0);
		CHECK(m->payment == NULL);
		CHECK_INT(m->n_business, 0);
		CHECK(m->fta_name == NULL);
		CHECK_STR(m->original_id, "3.5");
	}
	ebox_message_list_done(&l);

	/* A required one leaves its message out, not its page: counted, and
	 * the sentence names the message by position and id. */
	messages_lenient("missing-id.json", 1, 1, "message 2 has no "
	    "messageId");
	messages_lenient("bad-date.json", 2, 1, "message 3 (bad) has a "
	    "receiptDate that is not a valid date");
	messages_lenient("wrong-subject.json", 0, 1, "message 1 (x) has a "
	    "subject that is not a translated text");
	/* A bad document leaves only itself out. */
	CHECK_INT(load_messages("bad-attachment.json", &l, &e), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.rejected, 1);
	CHECK_STR(l.rejected_reason, "document 2 of message 1 (x) has a "
	    "fileName that is not text");
	if (l.n == 1) {
		CHECK_INT(l.items[0]->n_attachments, 1);
		CHECK_STR(l.items[0]->attachments[0].file_name, "a.pdf");
	}
	ebox_message_list_done(&l);
}

static void
test_not_a_list(void)
{
	struct ebox_message_list l;
	struct err e;

	err_clear(&e);
	CHECK(decode_messages(LIT("{\"totalItems\":0}"), &l, &e) != 0);
	CHECK_STR(e.msg, "the message list has no list of items");
	CHECK_INT(decode_messages(LIT("[1]"), &l, &e), 0);
	CHECK_INT(l.n, 0);
	CHECK_INT(l.rejected, 1);
	CHECK_STR(l.rejected_reason, "message 1 is not a JSON object");
	CHECK(l.items != NULL);         /* an array, even when empty */
	ebox_message_list_done(&l);
	CHECK(decode_messages(LIT("null"), &l, &e) != 0);
	CHECK_STR(e.msg, "the message list is not a list");
	CHECK_INT(decode_messages(LIT("{\"items\":[],\"totalItems\":0}"), &l,
	    &e), 0);
	CHECK_INT(l.n, 0);
	CHECK_INT(l.total, 0);
	ebox_message_list_done(&l);
	/* The payment of a message in a list is named after its message; a
	 * bad one is left out and the message kept. */
	CHECK_INT(decode_messages(LIT("[{\"messageId\":\"a\",\"subject\":{},"
	    "\"receiptDate\":\"2023-01-01\",\"paymentData\":{\"amount\":1}}]"),
	    &l, &e), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.rejected, 1);
	CHECK_STR(l.rejected_reason, "the payment data of message 1 (a) has no "
	    "currency");
	if (l.n == 1)
		CHECK(l.items[0]->payment == NULL);
	ebox_message_list_done(&l);
}



/* AddressSanitizer's redzones and quarantine make every allocation cost
 * several times its size: memory limits are loosened accordingly. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_RSS_SCALE 4
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_RSS_SCALE 4
#endif
#endif
#ifndef TEST_RSS_SCALE
#define TEST_RSS_SCALE 1
#endif

/* Peak resident memory so far, in KiB. */
static long
maxrss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* A valid 15 MiB body of tiny nodes, inside the items of a page, inside a
 * member nobody reads, and as documents: refused at DECODE_MAX_NODES,
 * building nothing for what it skips, so the peak memory barely moves (the
 * tree decoder took 38 MiB, and hundreds before the cap). */
static void
test_node_bomb_memory(void)
{
	static const struct {
		const char *head, *open, *close, *tail;
		long max_kib;
	} shapes[] = {
		/* nothing built for what is skipped or left out */
		{ "{\"items\":[", "[", "]", "]}", 4096 },
		{ "[{\"messageId\":\"a\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"x\":[", "[", "]", "]}]", 4096 },
		/* empty documents are kept (named), so they are built until
		 * the cap; each costs as many values as its size: some 16
		 * MiB here (65 when they did not, 38 with the tree) */
		{ "[", "{\"messageId\":\"a\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":[", "]}", "]", 48 * 1024 },
	};
	size_t groups = 1070, per = 5000, i, j, k, len, cap;
	struct ebox_message_list l;
	long before, after;
	struct err e;
	char *bomb;

	cap = groups * (per * 3 + 128) + 256;
	bomb = malloc(cap);
	if (bomb == NULL)
		abort();
	for (k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
		len = (size_t)sprintf(bomb, "%s", shapes[k].head);
		for (i = 0; i < groups; i++) {
			len += (size_t)sprintf(bomb + len, "%s%s", i ? "," : "",
			    shapes[k].open);
			for (j = 0; j < per; j++) {
				memcpy(bomb + len, j ? ",{}" : "{}", j ? 3 : 2);
				len += j ? 3 : 2;
			}
			len += (size_t)sprintf(bomb + len, "%s", shapes[k].close);
		}
		len += (size_t)sprintf(bomb + len, "%s", shapes[k].tail);
		CHECK(len > 15 * 1024 * 1024);
		before = maxrss_kib();
		err_clear(&e);
		CHECK(decode_messages(bomb, len, &l, &e) != 0);
		CHECK_STR(e.msg, "the message list has more than 500000 values");
		CHECK(l.items == NULL);
		after = maxrss_kib();
		if (after - before >= shapes[k].max_kib * TEST_RSS_SCALE)
			fprintf(stderr, "  peak grew by %ld KiB\n", after - before);
		CHECK(after - before < shapes[k].max_kib * TEST_RSS_SCALE);
	}
	free(bomb);
}

/* --- leniency: a bad part costs itself, not its page ------------------------ */

/* Decodes a list given inline; the list must be freed by the caller. */
static int
page(const char *json, struct ebox_message_list *l, struct err *e)
{
	err_clear(e);
	return decode_messages(json, strlen(json), l, e);
}

static void
test_lenient_page(void)
{
	struct ebox_message_list l;
	const struct ebox_message *m;
	struct err e;
	size_t i;

	/* Ten items: five bad messages, and good ones with bad documents,
	 * payment, business data and containers (lenient-page.json). */
	CHECK_INT(load_messages("lenient-page.json", &l, &e), 0);
	CHECK_STR(e.msg, "");
	CHECK_INT(l.n, 5);
	CHECK_INT(l.total, 50);
	CHECK_INT(l.rejected, 5 + 5 + 3 + 3);
	CHECK_STR(l.rejected_reason, "message 2 has no messageId");
	if (l.n != 5)
		goto out;
	for (i = 0; i < l.n; i++)
		CHECK(message_valid(l.items[i]));
	CHECK_STR(l.items[0]->id, "good-1");
	CHECK_INT(l.items[0]->n_attachments, 1);

	/* Nine documents: four kept (three named for want of a fileName),
	 * five left out (not an object, a fileName that is not text, a
	 * digest that is not an object, without a value, a value that is
	 * not text: never taken for "no digest"). */
	m = l.items[1];
	CHECK_STR(m->id, "docs");
	CHECK_INT(m->n_attachments, 4);
	if (m->n_attachments == 4) {
		CHECK_STR(m->attachments[0].file_name, "gut.pdf");
		CHECK_STR(m->attachments[0].digest_value, "AAAA");
		CHECK_STR(m->attachments[1].id, "7");
		CHECK_STR(m->attachments[1].file_name, "document-7.pdf");
		CHECK_STR(m->attachments[2].file_name, "document-8.csv");
		CHECK_STR(m->attachments[3].file_name, "document-9");
	}

	/* Payment without iban and two business data entries left out. */
	m = l.items[2];
	CHECK_STR(m->id, "parts");
	CHECK(m->payment == NULL);
	CHECK_INT(m->n_business, 1);
	if (m->n_business == 1) {
		CHECK_STR(m->business[0].key, "K1");
		CHECK_INT(m->business[0].n_values, 1);
		CHECK_STR(m->business[0].values[0].en, "v");
	}
	CHECK_STR(l.items[3]->id, "12345");

	/* Containers that are not one: counted, the message kept. */
	m = l.items[4];
	CHECK_STR(m->id, "containers");
	CHECK_INT(m->n_attachments, 0);
	CHECK(m->payment == NULL);
	CHECK_INT(m->n_business, 0);
out:
	ebox_message_list_done(&l);
}

/* The sentence names the part, its message's position and id. */
static void
test_lenient_reasons(void)
{
	static const struct {
		const char *json, *reason;
		size_t n, rejected;
	} cases[] = {
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":[{\"fileName\":\"a\"},7]}]",
		    "document 2 of message 1 (m) is not a JSON object", 1, 1 },
		{ "[{\"attachments\":[{\"fileName\":[]}],\"messageId\":\"m\","
		    "\"subject\":\"s\",\"receiptDate\":\"2023-01-01\"}]",
		    "document 1 of message 1 (m) has a fileName that is not "
		    "text", 1, 1 },
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":[{\"digest\":\"x\"}]}]",
		    "document 1 of message 1 (m) has a digest that is not a "
		    "JSON object", 1, 1 },
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":[{\"digest\":{}}]}]",
		    "document 1 of message 1 (m) has no digest.digestValue", 1,
		    1 },
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":[{\"digest\":"
		    "{\"digestValue\":1}}]}]",
		    "document 1 of message 1 (m) has a digest.digestValue that "
		    "is not text", 1, 1 },
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"paymentData\":{\"amount\":\"x\","
		    "\"currency\":\"EUR\",\"iban\":\"BE\"}}]",
		    "the payment data of message 1 (m) has a amount that is not "
		    "a number", 1, 1 },
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"businessDataList\":[{\"key\":\"\"}]}]",
		    "business data 1 of message 1 (m) has an empty key", 1, 1 },
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":{\"items\":\"x\"}}]",
		    "the attachments field of message 1 (m) is not a list", 1,
		    1 },
		/* A message left out counts once, whatever its parts. */
		{ "[{\"subject\":\"s\",\"receiptDate\":\"2023-01-01\","
		    "\"attachments\":[1,2,3]},{\"messageId\":\"ok\",\"subject\":"
		    "\"s\",\"receiptDate\":\"2023-01-01\"}]",
		    "message 1 has no messageId", 1, 1 },
		/* The first one in the page is kept, a part's or not. */
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":[1]},{\"subject\":\"s\"}]",
		    "document 1 of message 1 (m) is not a JSON object", 1, 2 },
		/* An id from the server, cut and made safe to print. */
		{ "[{\"messageId\":\"\\u001b[31m0123456789012345678901234567"
		    "890123456789xyz\",\"subject\":{},\"receiptDate\":1}]",
		    "message 1 (0123456789012345678901234567890123456789...) "
		    "has a receiptDate that is not a valid date", 0, 1 },
		/* null is absent, and so is a duplicate after it. */
		{ "[{\"messageId\":\"m\",\"subject\":null,\"subject\":\"s\","
		    "\"receiptDate\":\"2023-01-01\"}]",
		    "message 1 (m) has no subject", 0, 1 },
		/* Not counted: a made-up name, an unknown member. */
		{ "[{\"messageId\":\"m\",\"subject\":\"s\",\"receiptDate\":"
		    "\"2023-01-01\",\"attachments\":[{}],\"x\":{\"y\":[1]}}]",
		    NULL, 1, 0 },
	};
	struct ebox_message_list l;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK_INT(page(cases[i].json, &l, &e), 0);
		CHECK_INT(l.n, cases[i].n);
		CHECK_INT(l.rejected, cases[i].rejected);
		CHECK_STR(l.rejected_reason, cases[i].reason);
		ebox_message_list_done(&l);
	}
}

/* decode_message reads exactly what a page item reads. */
static void
test_message_like_item(void)
{
	const char *json = "{\"messageId\":\"m\",\"subject\":\"s\","
	    "\"receiptDate\":\"2023-01-01\",\"attachments\":[{\"fileName\":"
	    "\"a.pdf\"},{\"fileName\":1},{\"mediaType\":\"text/xml\"}],"
	    "\"paymentData\":{\"amount\":1}}";
	struct ebox_message *m = NULL;
	struct err e;

	err_clear(&e);
	CHECK_INT(decode_message(json, strlen(json), &m, &e), 0);
	if (m != NULL) {
		CHECK_INT(m->n_attachments, 2);
		CHECK_STR(m->attachments[1].file_name, "document-3.xml");
		CHECK(m->payment == NULL);
	}
	ebox_message_free(m);
	m = NULL;
	CHECK(decode_message(LIT("{\"messageId\":\"m\",\"subject\":\"s\"}"),
	    &m, &e) != 0);
	CHECK_STR(e.msg, "the message has no receiptDate");
	CHECK(m == NULL);
	CHECK(decode_message(LIT("{\"messageId\":\"m\",\"subject\":\"s\","
	    "\"receiptDate\":\"2023-01-01\"} x"), &m, &e) != 0);
	CHECK(m == NULL);
}

/* A document without a usable name: "document-N" and an extension by its
 * media type (parameters and case ignored), none when unknown. */
static void
test_generated_names(void)
{
	static const struct {
		const char *type, *name;
	} cases[] = {
		{ "application/pdf", "document-1.pdf" },
		{ "text/csv", "document-2.csv" },
		{ "text/xml", "document-3.xml" },
		{ "application/xml", "document-4.xml" },
		{ "text/html", "document-5.html" },
		{ "text/plain; charset=utf-8", "document-6.txt" },
		{ "APPLICATION/ZIP", "document-7.zip" },
		{ "application/vnd.oasis.opendocument.text", "document-8.odt" },
		{ "application/vnd.oasis.opendocument.spreadsheet",
		    "document-9.ods" },
		{ "application/vnd.openxmlformats-officedocument.spreadsheetml."
		    "sheet", "document-10.xlsx" },
		{ "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document", "document-11.docx" },
		{ "application/msword", "document-12.doc" },
		{ "image/png", "document-13.png" },
		{ "application/x-mystery", "document-14" },
		{ "", "document-15" },
		{ NULL, "document-16" },
	};
	char json[4096];
	struct ebox_attachment *a = NULL;
	struct err e;
	size_t i, n = 0, len = 0, count = sizeof cases / sizeof cases[0];

	len += (size_t)snprintf(json + len, sizeof json - len, "[");
	for (i = 0; i < count; i++) {
		if (cases[i].type != NULL)
			len += (size_t)snprintf(json + len, sizeof json - len,
			    "%s{\"attachmentId\":\"%zu\",\"mediaType\":\"%s\"}",
			    i ? "," : "", i + 1, cases[i].type);
		else
			len += (size_t)snprintf(json + len, sizeof json - len,
			    "%s{\"fileName\":\"\"}", i ? "," : "");
	}
	len += (size_t)snprintf(json + len, sizeof json - len, "]");
	err_clear(&e);
	CHECK_INT(decode_attachments(json, len, &a, &n, &e), 0);
	CHECK_INT(n, count);
	for (i = 0; i < n && i < count; i++)
		CHECK_STR(a[i].file_name, cases[i].name);
	for (i = 0; i < n; i++)
		ebox_attachment_done(&a[i]);
	free(a);
	/* A name that is there is kept as given (percent-decoded). */
	CHECK_INT(decode_attachments(LIT("{\"items\":[{\"fileName\":"
	    "\"%C3%A9t%C3%A9.pdf\",\"mediaType\":\"text/csv\"}]}"), &a, &n, &e),
	    0);
	if (n == 1)
		CHECK_STR(a[0].file_name, "été.pdf");
	for (i = 0; i < n; i++)
		ebox_attachment_done(&a[i]);
	free(a);
	/* Every document left out: no array. */
	CHECK_INT(decode_attachments(LIT("[1,{\"fileName\":2}]"), &a, &n, &e),
	    0);
	CHECK(a == NULL && n == 0);
}

/* Every v3 spelling through the streaming reader, and the v2.1 ones
 * winning wherever they stand (v3-spellings.json). */
static void
test_v3_spellings(void)
{
	struct ebox_message_list l;
	const struct ebox_message *m;
	const struct ebox_attachment *a;
	struct err e;

	CHECK_INT(load_messages("v3-spellings.json", &l, &e), 0);
	CHECK_INT(l.n, 3);
	CHECK_INT(l.rejected, 0);
	if (l.n != 3)
		goto out;
	m = l.items[0];
	CHECK(m->read && !m->visible && m->registered && m->body_main &&
	    m->reply_authorized);
	CHECK_STR(m->sender_org_id, "0812000163");
	CHECK_STR(m->partition_id, "MINE");
	CHECK(m->has_body);
	CHECK_STR(m->body.fr, "Corps");
	CHECK_STR(m->fta_id, "79072300048");
	CHECK_STR(m->fta_name, "Service du personnel");
	CHECK(m->fta_type == NULL);
	CHECK_INT(m->n_attachments, 1);
	if (m->n_attachments == 1) {
		a = &m->attachments[0];
		CHECK_STR(a->id, "7");
		CHECK_STR(a->title.nl, "Titel");
		CHECK(a->main_content && a->is_signed);
		CHECK(a->size_kb == 12.5);
		CHECK(ebox_message_main(m) == NULL);    /* the body is */
	}
	CHECK_INT(m->n_business, 1);
	if (m->n_business == 1) {
		CHECK_STR(m->business[0].key, "5");
		CHECK_STR(m->business[0].name.en, "Nom");
		CHECK_INT(m->business[0].n_values, 1);
		CHECK_STR(m->business[0].values[0].fr, "seule");
	}
	CHECK(m->payment != NULL);
	if (m->payment != NULL) {
		CHECK_STR(m->payment->id, "p1");
		CHECK(m->payment->amount == 99.95);
		CHECK_STR(m->payment->reference, "[\"a\",1]");
	}

	m = l.items[1];
	CHECK_STR(m->subject.en, "Plain");
	CHECK_STR(m->sender_org_id, "0206731645");
	CHECK_INT(m->receipt_date, 1709337600);
	CHECK(m->visible);

	/* Both spellings, in any order: v2.1 wins. */
	m = l.items[2];
	CHECK_STR(m->id, "v3-c");
	CHECK(!m->read);
	CHECK(m->visible);
	CHECK_STR(m->sender_org_id, "0206731645");
	CHECK_STR(m->partition_id, "P1");
	CHECK_STR(m->fta_id, "1");
	CHECK_STR(m->fta_name, "N");
	CHECK_STR(m->fta_type, "person");
	CHECK_STR(m->subject.de, "Umgekehrt");
out:
	ebox_message_list_done(&l);
}

/* Whether two decoded messages hold the same values. */
static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static bool
same_t(const struct tstring *a, const struct tstring *b)
{
	return same_str(a->nl, b->nl) && same_str(a->fr, b->fr) &&
	    same_str(a->de, b->de) && same_str(a->en, b->en);
}

static bool
same_message(const struct ebox_message *a, const struct ebox_message *b)
{
	size_t i;
	bool ok = same_str(a->id, b->id) &&
	    same_str(a->original_id, b->original_id) &&
	    same_t(&a->subject, &b->subject) &&
	    a->receipt_date == b->receipt_date &&
	    a->expiration_date == b->expiration_date && a->read == b->read &&
	    a->visible == b->visible && a->registered == b->registered &&
	    a->body_main == b->body_main &&
	    a->reply_authorized == b->reply_authorized &&
	    same_str(a->fta_id, b->fta_id) &&
	    same_str(a->fta_type, b->fta_type) &&
	    same_str(a->fta_name, b->fta_name) &&
	    same_str(a->message_type_id, b->message_type_id) &&
	    same_str(a->sender_org_id, b->sender_org_id) &&
	    same_str(a->sender_app_id, b->sender_app_id) &&
	    same_str(a->partition_id, b->partition_id) &&
	    same_t(&a->body, &b->body) && a->has_body == b->has_body &&
	    a->n_attachments == b->n_attachments &&
	    a->n_business == b->n_business &&
	    (a->payment == NULL) == (b->payment == NULL);

	for (i = 0; ok && i < a->n_attachments; i++) {
		const struct ebox_attachment *x = &a->attachments[i];
		const struct ebox_attachment *y = &b->attachments[i];

		ok = same_str(x->id, y->id) && same_t(&x->title, &y->title) &&
		    same_str(x->file_name, y->file_name) &&
		    x->main_content == y->main_content &&
		    same_str(x->media_type, y->media_type) &&
		    x->size_kb == y->size_kb &&
		    same_str(x->digest_method, y->digest_method) &&
		    same_str(x->digest_value, y->digest_value) &&
		    x->is_signed == y->is_signed &&
		    same_str(x->content_href, y->content_href);
	}
	for (i = 0; ok && i < a->n_business; i++)
		ok = same_str(a->business[i].key, b->business[i].key) &&
		    a->business[i].n_values == b->business[i].n_values;
	if (ok && a->payment != NULL)
		ok = a->payment->amount == b->payment->amount &&
		    same_str(a->payment->iban, b->payment->iban) &&
		    same_str(a->payment->reference, b->payment->reference);
	return ok;
}

/* Members in any order give the same message: the spec fixture, then
 * the same with every object's members reversed. */
static void
test_any_order(void)
{
	const char *fwd = "[{\"messageId\":\"o\",\"subject\":{\"fr\":\"F\","
	    "\"nl\":\"N\"},\"receiptDate\":\"2023-04-29T10:25:53+02:00\","
	    "\"expirationDate\":\"2025-01-01\",\"readStatus\":true,"
	    "\"visible\":false,\"forTheAttentionOf\":{\"id\":\"1\","
	    "\"type\":\"person\",\"name\":\"X\"},\"senderOrganizationId\":"
	    "\"0206731645\",\"attachments\":{\"items\":[{\"attachmentId\":"
	    "\"1\",\"fileName\":\"a%20b.pdf\",\"mainContent\":true,"
	    "\"mediaType\":\"application/pdf\",\"size\":1.5,\"digest\":"
	    "{\"digestMethod\":\"sha_256\",\"digestValue\":\"QUJD=\"}}],"
	    "\"totalItems\":1},\"paymentData\":{\"amount\":10,\"currency\":"
	    "\"EUR\",\"iban\":\"BE1\",\"reference\":{\"a\":[1,true]}},"
	    "\"businessDataList\":[{\"key\":\"k\",\"values\":[\"v\",{\"fr\":"
	    "\"w\"}]}]}]";
	const char *rev = "[{\"businessDataList\":[{\"values\":[\"v\",{\"fr\":"
	    "\"w\"}],\"key\":\"k\"}],\"paymentData\":{\"reference\":{\"a\":"
	    "[1,true]},\"iban\":\"BE1\",\"currency\":\"EUR\",\"amount\":10},"
	    "\"attachments\":{\"totalItems\":1,\"items\":[{\"digest\":"
	    "{\"digestValue\":\"QUJD=\",\"digestMethod\":\"sha_256\"},"
	    "\"size\":1.5,\"mediaType\":\"application/pdf\",\"mainContent\":"
	    "true,\"fileName\":\"a%20b.pdf\",\"attachmentId\":\"1\"}]},"
	    "\"senderOrganizationId\":\"0206731645\",\"forTheAttentionOf\":"
	    "{\"name\":\"X\",\"type\":\"person\",\"id\":\"1\"},\"visible\":"
	    "false,\"readStatus\":true,\"expirationDate\":\"2025-01-01\","
	    "\"receiptDate\":\"2023-04-29T10:25:53+02:00\",\"subject\":"
	    "{\"nl\":\"N\",\"fr\":\"F\"},\"messageId\":\"o\"}]";
	struct ebox_message_list a, b;
	struct err e;

	CHECK_INT(page(fwd, &a, &e), 0);
	CHECK_INT(page(rev, &b, &e), 0);
	CHECK_INT(a.n, 1);
	CHECK_INT(b.n, 1);
	if (a.n == 1 && b.n == 1) {
		CHECK(same_message(a.items[0], b.items[0]));
		CHECK_STR(a.items[0]->attachments[0].file_name, "a b.pdf");
		CHECK_STR(b.items[0]->payment->reference, "{\"a\":[1,true]}");
		CHECK_INT(b.items[0]->business[0].n_values, 2);
	}
	ebox_message_list_done(&a);
	ebox_message_list_done(&b);
}

/* Repeated members: the first one wins, as the tree decoder did. */
static void
test_duplicates(void)
{
	struct ebox_message_list l;
	struct err e;

	CHECK_INT(page("{\"items\":[{\"messageId\":\"a\",\"messageId\":\"b\","
	    "\"subject\":{\"fr\":\"1\",\"fr\":\"2\",\"nl\":null,\"nl\":\"3\"},"
	    "\"receiptDate\":\"2023-01-01\",\"receiptDate\":\"bad\","
	    "\"attachments\":[{\"fileName\":\"x\"}],\"attachments\":[1]}],"
	    "\"items\":[1,2,3],\"totalItems\":4,\"totalItems\":9}", &l, &e),
	    0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.rejected, 0);
	CHECK_INT(l.total, 4);
	if (l.n == 1) {
		CHECK_STR(l.items[0]->id, "a");
		CHECK_STR(l.items[0]->subject.fr, "1");
		CHECK(l.items[0]->subject.nl == NULL);
		CHECK_INT(l.items[0]->n_attachments, 1);
	}
	ebox_message_list_done(&l);
}

/* Numbers as strings and strings as numbers, and exact decimals. */
static void
test_numbers(void)
{
	static const char *const exact[] = {
		"0", "-0", "1800.0", "2.5", "0.1", "123.456", "4.35", "99.95",
		"0.000001", "-0.5", "1e22", "1e23", "1.5e-7", "9007199254740993",
		"123456789012345678901234567890", "1.7976931348623157e308",
		"4.9e-324", "0.30000000000000004", "12345678901234567890.5",
	};
	static const struct {
		const char *value;
		bool ok;
	} kinds[] = {
		{ "64.5", true }, { "\"64.5\"", true }, { "\"1e2\"", true },
		{ "\" 64\"", false }, { "\"0x10\"", false }, { "\"64abc\"", false },
		{ "\"NaN\"", false }, { "\"inf\"", false }, { "1e400", false },
		{ "\"1e400\"", false }, { "\"\"", false }, { "true", false },
		{ "\"01\"", false }, { "\"+1\"", false }, { "\"1.\"", false },
		{ "\"6\\u00004\"", true },      /* ends at the NUL: "6" */
	};
	struct ebox_summary s;
	struct err e;
	char json[256], *big;
	size_t i, len;

	err_clear(&e);
	for (i = 0; i < sizeof exact / sizeof exact[0]; i++) {
		len = (size_t)snprintf(json, sizeof json, "{\"numberOfMessages"
		    "\":1,\"eboxSize\":%s}", exact[i]);
		CHECK_INT(decode_summary(json, len, &s, &e), 0);
		if (s.size_kb != strtod(exact[i], NULL))
			fprintf(stderr, "  %s read as %.17g\n", exact[i],
			    s.size_kb);
		CHECK(s.size_kb == strtod(exact[i], NULL));
		/* the same as a string */
		len = (size_t)snprintf(json, sizeof json, "{\"numberOfMessages"
		    "\":1,\"eboxSize\":\"%s\"}", exact[i]);
		CHECK_INT(decode_summary(json, len, &s, &e), 0);
		CHECK(s.size_kb == strtod(exact[i], NULL));
	}
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		len = (size_t)snprintf(json, sizeof json, "{\"numberOfMessages"
		    "\":1,\"eboxSize\":%s}", kinds[i].value);
		CHECK_INT(decode_summary(json, len, &s, &e), 0);
		if ((s.size_kb != 0) != kinds[i].ok)
			fprintf(stderr, "  %s read as %g\n", kinds[i].value,
			    s.size_kb);
		CHECK((s.size_kb != 0) == kinds[i].ok);
	}
	/* A number too long to be one (over 512 characters): absent. */
	big = malloc(700);
	len = (size_t)sprintf(big, "{\"numberOfMessages\":1,\"eboxSize\":1");
	memset(big + len, '0', 600);
	len += 600;
	big[len++] = '}';
	CHECK_INT(decode_summary(big, len, &s, &e), 0);
	CHECK(s.size_kb == 0);
	free(big);
	/* Whole numbers: numberOfMessages from a string, a fraction cut. */
	CHECK_INT(decode_summary(LIT("{\"numberOfMessages\":\"12\","
	    "\"numberOfUnreadMessages\":2.9}"), &s, &e), 0);
	CHECK_INT(s.n_messages, 12);
	CHECK_INT(s.n_unread, 2);
	CHECK(decode_summary(LIT("{\"numberOfMessages\":1e16}"), &s, &e) != 0);
	CHECK_STR(e.msg, "the eBox summary has a numberOfMessages that is "
	    "not a whole number");
}

/* totalItems: the server's, else the items on the page. */
static void
test_totals(void)
{
	static const struct {
		const char *total;
		long want;
	} cases[] = {
		{ "42", 42 }, { "\"42\"", 42 }, { "42.9", 42 },
		{ "9000000000000000", 9000000000000000L },
		{ "9.5e15", 3 }, { "1e300", 3 }, { "-1", 3 }, { "\"many\"", 3 },
		{ "null", 3 }, { "{}", 3 }, { "[]", 3 },
	};
	struct ebox_message_list l;
	struct err e;
	char json[256];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(json, sizeof json, "{\"items\":[{\"messageId\":\"a\","
		    "\"subject\":\"s\",\"receiptDate\":\"2023-01-01\"},1,{}],"
		    "\"totalItems\":%s}", cases[i].total);
		CHECK_INT(page(json, &l, &e), 0);
		CHECK_INT(l.n, 1);
		CHECK_INT(l.rejected, 2);
		CHECK_INT(l.total, cases[i].want);
		ebox_message_list_done(&l);
	}
}

/* Caps still hold inside parts nobody reads. */
static void
test_caps_everywhere(void)
{
	struct ebox_message_list l;
	struct err e;
	char *json;
	size_t len, i;

	/* Too deep inside an unknown member of a message: the page, the
	 * message and 62 arrays are 64 levels, 63 arrays one too many. */
	json = malloc(4096);
	len = (size_t)sprintf(json, "[{\"messageId\":\"a\",\"x\":");
	for (i = 0; i < 62; i++)
		json[len++] = '[';
	for (i = 0; i < 62; i++)
		json[len++] = ']';
	len += (size_t)sprintf(json + len, ",\"subject\":\"s\",\"receiptDate\":"
	    "\"2023-01-01\"}]");
	CHECK_INT(decode_messages(json, len, &l, &e), 0);
	CHECK_INT(l.n, 1);
	ebox_message_list_done(&l);
	len = (size_t)sprintf(json, "[{\"messageId\":\"a\",\"x\":");
	for (i = 0; i < 63; i++)
		json[len++] = '[';
	for (i = 0; i < 63; i++)
		json[len++] = ']';
	len += (size_t)sprintf(json + len, "}]");
	err_clear(&e);
	CHECK(decode_messages(json, len, &l, &e) != 0);
	CHECK_STR(e.msg, "the message list is nested more than 64 levels "
	    "deep");
	CHECK(l.items == NULL && l.n == 0 && l.rejected_reason == NULL);
	free(json);

	/* 10,000 elements pass, 10,001 do not, read or skipped. */
	json = malloc(10001 * 3 + 64);
	len = (size_t)sprintf(json, "[{\"messageId\":\"a\",\"subject\":\"s\","
	    "\"receiptDate\":\"2023-01-01\",\"x\":[");
	for (i = 0; i < 10000; i++)
		len += (size_t)sprintf(json + len, "%s0", i ? "," : "");
	len += (size_t)sprintf(json + len, "]}]");
	CHECK_INT(decode_messages(json, len, &l, &e), 0);
	ebox_message_list_done(&l);
	json[len - 3] = ',';
	json[len - 2] = '0';
	json[len - 1] = ']';
	len += (size_t)sprintf(json + len, "}]");
	CHECK(decode_messages(json, len, &l, &e) != 0);
	CHECK_STR(e.msg, "the message list has a list of more than 10000 "
	    "items");
	CHECK_INT(e.code, ERR_TOOBIG);
	free(json);

	/* 10,001 messages, all bad: still the cap, not 10,001 rejections. */
	json = malloc(10001 * 3 + 64);
	len = (size_t)sprintf(json, "{\"items\":[");
	for (i = 0; i < 10001; i++)
		len += (size_t)sprintf(json + len, "%s{}", i ? "," : "");
	len += (size_t)sprintf(json + len, "]}");
	CHECK(decode_messages(json, len, &l, &e) != 0);
	CHECK_STR(e.msg, "the message list has a list of more than 10000 "
	    "items");
	CHECK(l.rejected == 0 && l.rejected_reason == NULL);
	free(json);
}

/* --- the model --------------------------------------------------------- */

static void
test_tstring(void)
{
	struct tstring t = { NULL, NULL, NULL, NULL }, c;
	const char *used = "x";

	CHECK(tstring_empty(&t));
	CHECK(tstring_pick(&t, "fr", &used) == NULL);
	CHECK(used == NULL);
	*tstring_slot(&t, "nl") = xstrdup("Hallo");
	*tstring_slot(&t, "de") = xstrdup("Hallo DE");
	CHECK(tstring_slot(&t, "xx") == NULL);
	CHECK(tstring_slot(&t, NULL) == NULL);
	/* Missing French: en, then fr, then nl. */
	CHECK_STR(tstring_pick(&t, "fr", &used), "Hallo");
	CHECK_STR(used, "nl");
	CHECK_STR(tstring_pick(&t, "de", &used), "Hallo DE");
	CHECK_STR(used, "de");
	*tstring_slot(&t, "fr") = xstrdup("");  /* empty counts as missing */
	CHECK_STR(tstring_pick(&t, "fr", NULL), "Hallo");
	*tstring_slot(&t, "en") = xstrdup("Hello");
	CHECK_STR(tstring_pick(&t, NULL, &used), "Hello");
	CHECK_STR(used, "en");
	tstring_copy(&c, &t);
	CHECK_STR(c.de, "Hallo DE");
	CHECK(c.de != t.de);
	CHECK(!tstring_empty(&c));
	tstring_done(&c);
	tstring_done(&t);
	CHECK(t.nl == NULL);
	CHECK_STR(tstring_langs[3], "en");
}

/* Finding 6 of the security review: no cap on the total number of JSON
 * values, so a 16 MiB body of tiny nodes took 450-620 MiB before it was
 * rejected.  Now the parse stops at DECODE_MAX_NODES. */
static void
test_node_bomb(void)
{
	struct ebox_message_list list;
	/* Containers of 5000 tiny nodes each: no list is over
	 * DECODE_MAX_ITEMS, but all of them are over DECODE_MAX_NODES. */
	size_t groups = DECODE_MAX_NODES / 5000 + 2, i, j, len = 0;
	char *bomb = malloc(groups * (5000 * 3 + 4) + 64);
	struct err e;

	if (bomb == NULL)
		abort();
	len += (size_t)sprintf(bomb, "{\"items\":[");
	for (i = 0; i < groups; i++) {
		bomb[len++] = '[';
		for (j = 0; j < 5000; j++) {
			memcpy(bomb + len, j ? ",[]" : "[]", j ? 3 : 2);
			len += j ? 3 : 2;
		}
		bomb[len++] = ']';
		if (i + 1 < groups)
			bomb[len++] = ',';
	}
	len += (size_t)sprintf(bomb + len, "],\"totalItems\":1}");
	err_clear(&e);
	CHECK(decode_messages(bomb, len, &list, &e) != 0);
	CHECK(strstr(e.msg, "values") != NULL);
	if (strstr(e.msg, "values") == NULL)
		fprintf(stderr, "  error: %s\n", e.msg);
	free(bomb);
}

/* Speaks lang from the build tree's catalogues (EBOX_TUI_LOCALEDIR). */
static void
speak(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	setlocale(LC_MESSAGES, "");     /* gettext notices the change */
}

/* The sentences in the reader's language, nouns included: "message 3",
 * "document 2 of message 1", "the payment data of ..." were English
 * inside French sentences (issue 9). */
static void
test_sentences_translated(void)
{
	static const char pay[] = "[{\"messageId\":\"a\",\"subject\":{},"
	    "\"receiptDate\":\"2023-01-01\",\"paymentData\":{\"amount\":1}}]";
	struct ebox_message_list l;
	struct err e;

	speak("fr");
	messages_lenient("bad-date.json", 2, 1, "le message 3 (bad) : le champ "
	    "receiptDate n'est pas une date valide");
	CHECK_INT(load_messages("bad-attachment.json", &l, &e), 0);
	CHECK_STR(l.rejected_reason, "le document 2 dans le message 1 (x) : le "
	    "champ fileName n'est pas du texte");
	ebox_message_list_done(&l);
	CHECK_INT(decode_messages(pay, sizeof pay - 1, &l, &e), 0);
	CHECK_STR(l.rejected_reason, "le d\xc3\xa9tail du paiement dans le "
	    "message 1 (a) : le champ currency est absent");
	ebox_message_list_done(&l);
	CHECK(decode_messages(LIT("{\"totalItems\":0}"), &l, &e) != 0);
	CHECK_STR(e.msg, "la liste des messages : aucune liste d'\xc3\xa9l"
	    "\xc3\xa9ments");
	CHECK_INT(load_messages("wrong-types.json", &l, &e), 0);
	CHECK_STR(l.rejected_reason, "le message 1 (12345) : le champ "
	    "attachments n'est pas une liste");
	ebox_message_list_done(&l);

	speak("nl");
	CHECK_INT(load_messages("bad-attachment.json", &l, &e), 0);
	CHECK_STR(l.rejected_reason, "document 2 van bericht 1 (x) heeft een "
	    "veld fileName van het verkeerde type (verwacht: tekst)");
	ebox_message_list_done(&l);

	speak("de");
	CHECK_INT(load_messages("bad-attachment.json", &l, &e), 0);
	CHECK_STR(l.rejected_reason, "Nachricht 1 (x), Dokument 2: Das Feld "
	    "fileName hat nicht den erwarteten Typ (Text)");
	ebox_message_list_done(&l);
	CHECK_INT(decode_messages(pay, sizeof pay - 1, &l, &e), 0);
	CHECK_STR(l.rejected_reason, "Nachricht 1 (a), Zahlungsinformation: "
	    "Das Feld currency fehlt");
	ebox_message_list_done(&l);
	speak("en");
}

int
main(void)
{
	/* Catalogues need a locale other than C; C.UTF-8 is always there. */
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_ALL, "");
	i18n_init(NULL);
	RUN(test_sentences_translated);
	RUN(test_json_values);
	RUN(test_json_strings);
	RUN(test_json_caps);
	RUN(test_messages_v21);
	RUN(test_messages_v3);
	RUN(test_message_single);
	RUN(test_message_dup_full);
	RUN(test_attachments);
	RUN(test_body);
	RUN(test_payment);
	RUN(test_summary);
	RUN(test_providers);
	RUN(test_refdata);
	RUN(test_status);
	RUN(test_status_render_cut_utf8);
	RUN(test_string_cap_after_repair);
	RUN(test_bad_json);
	RUN(test_truncated);
	RUN(test_deep);
	RUN(test_too_many);
	RUN(test_huge_string);
	RUN(test_invalid_utf8);
	RUN(test_escape_bidi);
	RUN(test_wrong_types);
	RUN(test_not_a_list);
	RUN(test_tstring);
	RUN(test_node_bomb);
	RUN(test_node_bomb_memory);
	RUN(test_lenient_page);
	RUN(test_lenient_reasons);
	RUN(test_message_like_item);
	RUN(test_generated_names);
	RUN(test_v3_spellings);
	RUN(test_any_order);
	RUN(test_duplicates);
	RUN(test_numbers);
	RUN(test_totals);
	RUN(test_caps_everywhere);
	return TEST_DONE();
}
