/* test-decode.c - the JSON tree and every decoder, on spec-shaped and
 * hostile fixtures. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "ebox/decode.h"
#include "ebox/xalloc.h"
#include "ebox/utf8.h"
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

int
main(void)
{
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
	return TEST_DONE();
}
