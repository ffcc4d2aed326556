/* fuzz-decode.c - every public decoder of decode.h on untrusted JSON.
 *
 * The first input byte picks the decoder (its value modulo the number of
 * decoders, in the order of decode_targets[]); the rest is the body, in a
 * buffer of exactly its length.  Beyond "no crash, no leak, no UB" the
 * promises of decode.h are checked: on success every string is valid
 * UTF-8 and plain strings fit DECODE_MAX_STRING, required fields are
 * there, lists hold at most DECODE_MAX_ITEMS; on failure the out struct is
 * left empty and e holds a sentence.
 */
#include "config.h"

#include <math.h>

#include "ebox/decode.h"
#include "ebox/err.h"
#include "ebox/model.h"
#include "fuzz.h"

static const char zeros[4096];

/* The longest string a decoder can give: json_text() cuts the raw bytes
 * to DECODE_MAX_STRING and then turns each invalid byte into the three of
 * U+FFFD, so the cap holds for what was read, not for what comes out
 * (README). */
#define STRING_MAX (3 * DECODE_MAX_STRING)

/* A plain string field: valid UTF-8, within the string cap. */
static void
check_str(const char *s, const char *what)
{
	if (s == NULL)
		return;
	fuzz_check_utf8(s, what);
	FUZZ_CHECK(strlen(s) <= STRING_MAX, "%s is %zu bytes long", what,
	    strlen(s));
}

/* A field rendered from any JSON value (DECODE_TEXT): valid UTF-8. */
static void
check_text(const char *s, const char *what)
{
	fuzz_check_utf8(s, what);
}

static void
check_tstring(const struct tstring *t, const char *what)
{
	check_str(t->nl, what);
	check_str(t->fr, what);
	check_str(t->de, what);
	check_str(t->en, what);
}

static void
check_nonempty(const char *s, const char *what)
{
	FUZZ_CHECK(s != NULL && *s != '\0', "%s is missing or empty", what);
	check_str(s, what);
}

static void
check_attachment(const struct ebox_attachment *a)
{
	check_str(a->id, "attachment id");
	check_tstring(&a->title, "attachment title");
	FUZZ_CHECK(a->file_name != NULL, "a document without fileName");
	check_str(a->file_name, "attachment fileName");
	check_str(a->media_type, "attachment mediaType");
	check_str(a->digest_method, "digestMethod");
	check_str(a->digest_value, "digestValue");
	if (a->digest_value != NULL && *a->digest_value != '\0')
		FUZZ_CHECK(a->digest_value[strlen(a->digest_value) - 1] != '=',
		    "digest padding kept: %s", a->digest_value);
	check_str(a->content_href, "contentHref");
	FUZZ_CHECK(isfinite(a->size_kb), "size is not finite");
}

static void
check_payment(const struct ebox_payment *p)
{
	check_str(p->id, "payment id");
	FUZZ_CHECK(isfinite(p->amount) && isfinite(p->vat_amount),
	    "payment amounts not finite");
	FUZZ_CHECK(p->currency != NULL && p->iban != NULL,
	    "payment without currency or iban");
	check_str(p->currency, "currency");
	check_str(p->iban, "iban");
	check_str(p->bic, "bic");
	check_text(p->reference, "payment reference");
}

static void
check_message(const struct ebox_message *m)
{
	size_t i, j;

	FUZZ_CHECK(m->provider_id == NULL, "the decoder set provider_id");
	check_nonempty(m->id, "messageId");
	check_str(m->original_id, "originalMessageId");
	check_tstring(&m->subject, "subject");
	check_tstring(&m->body, "bodyContent");
	FUZZ_CHECK(m->has_body == !tstring_empty(&m->body), "has_body wrong");
	check_str(m->fta_id, "fta id");
	check_str(m->fta_type, "fta type");
	check_str(m->fta_name, "fta name");
	check_str(m->message_type_id, "messageTypeId");
	check_str(m->sender_org_id, "senderOrganizationId");
	check_str(m->sender_app_id, "senderApplicationId");
	check_str(m->partition_id, "partitionId");
	FUZZ_CHECK(m->n_attachments <= DECODE_MAX_ITEMS, "%zu attachments",
	    m->n_attachments);
	FUZZ_CHECK((m->attachments == NULL) == (m->n_attachments == 0),
	    "attachments array and count disagree");
	for (i = 0; i < m->n_attachments; i++)
		check_attachment(&m->attachments[i]);
	FUZZ_CHECK(m->n_business <= DECODE_MAX_ITEMS, "%zu business data",
	    m->n_business);
	for (i = 0; i < m->n_business; i++) {
		const struct ebox_business_data *b = &m->business[i];

		check_nonempty(b->key, "business data key");
		check_tstring(&b->name, "business data name");
		check_tstring(&b->description, "business data description");
		FUZZ_CHECK(b->n_values <= DECODE_MAX_ITEMS, "%zu values",
		    b->n_values);
		for (j = 0; j < b->n_values; j++)
			check_tstring(&b->values[j], "business data value");
	}
	if (m->payment != NULL)
		check_payment(m->payment);
	/* ebox_message_main must cope with whatever came. */
	(void)ebox_message_main(m);
}

static void
check_provider(const struct ebox_provider *p)
{
	size_t len;

	check_nonempty(p->id, "messageProviderId");
	check_tstring(&p->name, "provider name");
	check_tstring(&p->description, "provider description");
	FUZZ_CHECK(p->url != NULL, "provider without url");
	len = strlen(p->url);
	FUZZ_CHECK(len > 0 && p->url[len - 1] == '/',
	    "provider url does not end in '/': %s", p->url);
	fuzz_check_utf8(p->url, "provider url");
	check_str(p->api_version, "apiSupportedVersion");
	check_str(p->technical_contact, "technicalContact");
	FUZZ_CHECK(p->n_maintenance == 0 || p->maintenance != NULL,
	    "maintenance windows without an array");
	(void)ebox_provider_active(p, 1767225600, NULL);
}

static void
check_type(const struct ebox_message_type *t)
{
	check_nonempty(t->id, "messageTypeId");
	check_tstring(&t->name, "message type name");
	check_tstring(&t->description, "message type description");
	check_str(t->validity_unit, "validityPeriodUnit");
}

static void
check_org(const struct ebox_organization *o)
{
	check_nonempty(o->id, "organizationId");
	check_tstring(&o->short_name, "organization short name");
	check_tstring(&o->long_name, "organization long name");
	check_tstring(&o->url, "organization url");
}

static void
check_app(const struct ebox_application *a)
{
	check_nonempty(a->id, "applicationId");
	check_tstring(&a->name, "application name");
	check_tstring(&a->description, "application description");
	check_tstring(&a->url, "application url");
}

/* What every failure must look like: a code, a sentence, nothing to free
 * (the out struct all zero, checked by the caller). */
static void
check_failure(int r, const struct err *e, const void *out, size_t size)
{
	FUZZ_CHECK(r < 0, "a decoder returned %d", r);
	FUZZ_CHECK(e->code == r, "e.code %d but returned %d", e->code, r);
	FUZZ_CHECK(e->msg[0] != '\0', "failure without a sentence");
	fuzz_check_utf8(e->msg, "the error sentence");
	if (out != NULL) {
		FUZZ_CHECK(size <= sizeof zeros, "struct too large to check");
		FUZZ_CHECK(memcmp(out, zeros, size) == 0,
		    "the out struct is not empty after a failure");
	}
}

/* --- one function per decoder ------------------------------------------ */

static void
run_messages(const char *j, size_t n, struct err *e)
{
	struct ebox_message_list l;
	size_t i;
	int r = decode_messages(j, n, &l, e);

	if (r != 0) {
		check_failure(r, e, &l, sizeof l);
		return;
	}
	FUZZ_CHECK(l.n <= DECODE_MAX_ITEMS, "%zu messages", l.n);
	FUZZ_CHECK(l.total >= 0, "totalItems %ld", l.total);
	for (i = 0; i < l.n; i++)
		check_message(l.items[i]);
	ebox_message_list_done(&l);
}

static void
run_message(const char *j, size_t n, struct err *e)
{
	struct ebox_message *m = (struct ebox_message *)zeros;
	int r = decode_message(j, n, &m, e);

	if (r != 0) {
		FUZZ_CHECK(m == NULL, "*out set after a failure");
		check_failure(r, e, NULL, 0);
		return;
	}
	check_message(m);
	ebox_message_free(m);
}

static void
run_attachments(const char *j, size_t n, struct err *e)
{
	struct ebox_attachment *a = (struct ebox_attachment *)zeros;
	size_t count = 1, i;
	int r = decode_attachments(j, n, &a, &count, e);

	if (r != 0) {
		FUZZ_CHECK(a == NULL && count == 0, "list left after a failure");
		check_failure(r, e, NULL, 0);
		return;
	}
	FUZZ_CHECK(count <= DECODE_MAX_ITEMS, "%zu documents", count);
	FUZZ_CHECK((a == NULL) == (count == 0), "array and count disagree");
	for (i = 0; i < count; i++) {
		check_attachment(&a[i]);
		ebox_attachment_done(&a[i]);
	}
	free(a);
}

static void
run_attachment(const char *j, size_t n, struct err *e)
{
	struct ebox_attachment a;
	int r = decode_attachment(j, n, &a, e);

	if (r != 0) {
		check_failure(r, e, &a, sizeof a);
		return;
	}
	check_attachment(&a);
	ebox_attachment_done(&a);
}

static void
run_tstring(const char *j, size_t n, struct err *e)
{
	struct tstring t;
	int r = decode_tstring(j, n, &t, e);

	if (r != 0) {
		check_failure(r, e, &t, sizeof t);
		return;
	}
	check_tstring(&t, "translated text");
	tstring_done(&t);
}

static void
run_payment(const char *j, size_t n, struct err *e)
{
	struct ebox_payment *p = (struct ebox_payment *)zeros;
	int r = decode_payment(j, n, &p, e);

	if (r != 0) {
		FUZZ_CHECK(p == NULL, "*out set after a failure");
		check_failure(r, e, NULL, 0);
		return;
	}
	check_payment(p);
	ebox_payment_free(p);
}

static void
run_summary(const char *j, size_t n, struct err *e)
{
	struct ebox_summary s;
	int r = decode_summary(j, n, &s, e);

	if (r != 0) {
		check_failure(r, e, &s, sizeof s);
		return;
	}
	FUZZ_CHECK(isfinite(s.size_kb), "eboxSize not finite");
}

static void
run_providers(const char *j, size_t n, struct err *e)
{
	struct ebox_provider *p = (struct ebox_provider *)zeros;
	size_t count = 1, i;
	int r = decode_providers(j, n, &p, &count, e);

	if (r != 0) {
		FUZZ_CHECK(p == NULL && count == 0, "list left after a failure");
		check_failure(r, e, NULL, 0);
		return;
	}
	FUZZ_CHECK(count <= DECODE_MAX_ITEMS, "%zu providers", count);
	for (i = 0; i < count; i++) {
		check_provider(&p[i]);
		ebox_provider_done(&p[i]);
	}
	free(p);
}

static void
run_message_type(const char *j, size_t n, struct err *e)
{
	struct ebox_message_type t;
	int r = decode_message_type(j, n, &t, e);

	if (r != 0) {
		check_failure(r, e, &t, sizeof t);
		return;
	}
	check_type(&t);
	ebox_message_type_done(&t);
}

static void
run_organization(const char *j, size_t n, struct err *e)
{
	struct ebox_organization o;
	int r = decode_organization(j, n, &o, e);

	if (r != 0) {
		check_failure(r, e, &o, sizeof o);
		return;
	}
	check_org(&o);
	ebox_organization_done(&o);
}

static void
run_application(const char *j, size_t n, struct err *e)
{
	struct ebox_application a;
	int r = decode_application(j, n, &a, e);

	if (r != 0) {
		check_failure(r, e, &a, sizeof a);
		return;
	}
	check_app(&a);
	ebox_application_done(&a);
}

/* The three paged reference lists share their shape. */
#define RUN_PAGED(fn, decoder, type, check, done) \
static void \
fn(const char *j, size_t n, struct err *e) \
{ \
	type *arr = (type *)zeros; \
	size_t count = 1, i; \
	long total = -7; \
	int r = decoder(j, n, &arr, &count, &total, e); \
 \
	if (r != 0) { \
		FUZZ_CHECK(arr == NULL && count == 0 && total == 0, \
		    "list left after a failure"); \
		check_failure(r, e, NULL, 0); \
		return; \
	} \
	FUZZ_CHECK(count <= DECODE_MAX_ITEMS, "%zu items", count); \
	FUZZ_CHECK(total >= 0, "totalItems %ld", total); \
	for (i = 0; i < count; i++) { \
		check(&arr[i]); \
		done(&arr[i]); \
	} \
	free(arr); \
}

RUN_PAGED(run_message_types, decode_message_types, struct ebox_message_type,
    check_type, ebox_message_type_done)
RUN_PAGED(run_organizations, decode_organizations, struct ebox_organization,
    check_org, ebox_organization_done)
RUN_PAGED(run_applications, decode_applications, struct ebox_application,
    check_app, ebox_application_done)

static void
run_status(const char *j, size_t n, struct err *e)
{
	struct ebox_status s;
	const char *p;
	int r = decode_status(j, n, &s, e);

	if (r != 0) {
		check_failure(r, e, &s, sizeof s);
		return;
	}
	FUZZ_CHECK(s.id || s.code || s.message || s.contact || s.environment,
	    "a StatusMessage with no field");
	check_text(s.id, "status id");
	check_text(s.code, "status code");
	check_text(s.message, "status message");
	check_text(s.contact, "status contact");
	check_text(s.environment, "status environment");
	for (p = s.environment; p != NULL && *p != '\0'; p++)
		FUZZ_CHECK(*p < 'A' || *p > 'Z', "environment not lower case");
	ebox_status_done(&s);
}

/* In the order the first byte picks them (README lists it too). */
static void (*const decode_targets[])(const char *, size_t, struct err *) = {
	run_messages,           /* 0 */
	run_message,            /* 1 */
	run_attachments,        /* 2 */
	run_attachment,         /* 3 */
	run_tstring,            /* 4 */
	run_payment,            /* 5 */
	run_summary,            /* 6 */
	run_providers,          /* 7 */
	run_message_type,       /* 8 */
	run_message_types,      /* 9 */
	run_organization,       /* 10 */
	run_organizations,      /* 11 */
	run_application,        /* 12 */
	run_applications,       /* 13 */
	run_status,             /* 14 */
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = sizeof decode_targets / sizeof decode_targets[0];
	struct err e;
	char *json;

	if (size < 1)
		return 0;
	json = fuzz_bytes(data + 1, size - 1);
	err_clear(&e);
	decode_targets[data[0] % n](json, size - 1, &e);
	free(json);
	return 0;
}
