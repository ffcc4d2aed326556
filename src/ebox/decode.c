/* decode.c - Message Registry and federation JSON to the eBox model.
 *
 * Each schema is a table of fields {spellings (v2.1 first, then v3 and
 * registry variants), type, offset, flags} read by one generic function,
 * decode_fields().  Nested objects (attachments, digest, payment, business
 * data, forTheAttentionOf, sender, validity period, maintenance windows)
 * are small extra steps on top.
 *
 * Policy for bad values, field by field: a REQUIRED field that is missing,
 * null or of the wrong type fails the whole document with a sentence naming
 * it ("message 2 has no messageId"); a STRICT field may be missing but must
 * be well-formed when present; every other field that is missing or of the
 * wrong type reads as absent (its default).  Required fields:
 *   message: messageId (non-empty), subject, receiptDate
 *   attachment: fileName          payment: amount, currency, iban
 *   business data: key            summary: numberOfMessages
 *   provider: messageProviderId, messageProviderUrl (activation and
 *     deactivation dates are STRICT)
 *   message type / organisation / application: their id
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/decode.h"
#include "ebox/isotime.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"
#include "decode-json.h"

#define DECODE_WHAT_MAX 160     /* room for "document 3 of message 12" */

enum decode_type {
	DECODE_STR,             /* a string */
	DECODE_ID,              /* a string, or a number kept as written */
	DECODE_TEXT,            /* anything; non-strings as compact JSON */
	DECODE_TSTRING,         /* {nl,fr,de,en}, or a bare string (as en) */
	DECODE_TIME,            /* ISO 8601 date-time or date */
	DECODE_BOOL,            /* true/false (or the strings) */
	DECODE_DOUBLE,          /* a finite number (or a numeric string) */
	DECODE_LONG,            /* the same, as a long */
};

enum {
	DECODE_REQUIRED = 1 << 0,   /* missing or bad: the document fails */
	DECODE_STRICT = 1 << 1,     /* may be missing; bad: document fails */
	DECODE_TRUE = 1 << 2,       /* boolean defaulting to true */
	DECODE_MINUS1 = 1 << 3,     /* long defaulting to -1 */
};

struct decode_field {
	const char *names[4];   /* spellings, NULL-terminated */
	enum decode_type type;
	size_t off;
	int flags;
};

/* Reads v into the slot; 0, or -1 when v is not of the expected kind (the
 * slot is then untouched). */
typedef int (*decode_set_fn)(const struct json *v, void *slot);

static int decode_set_str(const struct json *, void *);
static int decode_set_id(const struct json *, void *);
static int decode_set_text(const struct json *, void *);
static int decode_set_tstring(const struct json *, void *);
static int decode_set_time(const struct json *, void *);
static int decode_set_bool(const struct json *, void *);
static int decode_set_double(const struct json *, void *);
static int decode_set_long(const struct json *, void *);

static const struct {
	decode_set_fn set;
	const char *noun;       /* "... that is not <noun>" */
} decode_types[] = {
	[DECODE_STR] = { decode_set_str, "text" },
	[DECODE_ID] = { decode_set_id, "text" },
	[DECODE_TEXT] = { decode_set_text, "a value" },
	[DECODE_TSTRING] = { decode_set_tstring, "a translated text" },
	[DECODE_TIME] = { decode_set_time, "a valid date" },
	[DECODE_BOOL] = { decode_set_bool, "true or false" },
	[DECODE_DOUBLE] = { decode_set_double, "a number" },
	[DECODE_LONG] = { decode_set_long, "a whole number" },
};

/* Everything one schema needs: its fields, its nested extras and how to
 * free a half-built element. */
struct decode_schema {
	const char *noun;               /* "provider" -> "provider 3" */
	const struct decode_field *fields;
	size_t n_fields;
	size_t size;                    /* of one element */
	int (*extra)(const struct json *o, void *out, const char *what,
	    struct err *e);
	void (*done)(void *out);
};

#define FIELD(type, off, flags, ...) \
	{ { __VA_ARGS__, NULL }, type, off, flags }
#define N(t) (sizeof (t) / sizeof (t)[0])

/* --- value setters ----------------------------------------------------- */

static int
decode_set_str(const struct json *v, void *slot)
{
	if (!json_is(v, JSON_STRING))
		return -1;
	*(char **)slot = xstrdup(v->str);
	return 0;
}

static int
decode_set_id(const struct json *v, void *slot)
{
	if (!json_is(v, JSON_STRING) && !json_is(v, JSON_NUMBER))
		return -1;
	*(char **)slot = xstrdup(v->str);
	return 0;
}

static int
decode_set_text(const struct json *v, void *slot)
{
	if (json_is(v, JSON_STRING))
		*(char **)slot = xstrdup(v->str);
	else
		*(char **)slot = json_render(v);
	return 0;
}

static int
decode_set_tstring(const struct json *v, void *slot)
{
	struct tstring *t = slot;
	const char *s;
	size_t i;

	if (json_is(v, JSON_STRING)) {
		t->en = xstrdup(v->str);
		return 0;
	}
	if (!json_is(v, JSON_OBJECT))
		return -1;
	for (i = 0; i < N(tstring_langs); i++) {
		if ((s = json_str(json_get(v, tstring_langs[i]))) != NULL)
			*tstring_slot(t, tstring_langs[i]) = xstrdup(s);
	}
	return 0;
}

static int
decode_set_time(const struct json *v, void *slot)
{
	time_t t;

	if (!json_is(v, JSON_STRING) || isotime_parse(v->str, &t) != 0)
		return -1;
	*(time_t *)slot = t;
	return 0;
}

static int
decode_set_bool(const struct json *v, void *slot)
{
	if (json_bool(v, false) != json_bool(v, true))
		return -1;      /* neither a boolean nor "true"/"false" */
	*(bool *)slot = json_bool(v, false);
	return 0;
}

static int
decode_set_double(const struct json *v, void *slot)
{
	double d = json_num(v, NAN);

	if (!isfinite(d))
		return -1;
	*(double *)slot = d;
	return 0;
}

static int
decode_set_long(const struct json *v, void *slot)
{
	double d = json_num(v, NAN);

	if (!isfinite(d) || d < -9e15 || d > 9e15)
		return -1;
	*(long *)slot = (long)d;
	return 0;
}

/* --- the generic field reader ------------------------------------------ */

/* The member holding field f, trying each spelling; NULL when absent. */
static const struct json *
decode_lookup(const struct json *o, const struct decode_field *f)
{
	const struct json *v;
	size_t i;

	for (i = 0; i < N(f->names) && f->names[i] != NULL; i++) {
		v = json_get(o, f->names[i]);
		if (v != NULL && v->type != JSON_NULL)
			return v;
	}
	return NULL;
}

/* Fills out from object o by table.  Defaults are set for absent and
 * ignored fields; what names the object in sentences ("message 2"). */
static int
decode_fields(const struct json *o, const struct decode_field *fields,
    size_t n, void *out, const char *what, struct err *e)
{
	const struct decode_field *f;
	const struct json *v;
	char *base = out;
	size_t i;

	for (i = 0; i < n; i++) {
		f = &fields[i];
		v = decode_lookup(o, f);
		if (v != NULL && decode_types[f->type].set(v, base + f->off)
		    == 0) {
			/* An empty required id is as good as none. */
			if ((f->flags & DECODE_REQUIRED) &&
			    (f->type == DECODE_STR || f->type == DECODE_ID) &&
			    **(char **)(base + f->off) == '\0')
				return err_set(e, ERR_DATA,
				    _("%s has an empty %s"), what, f->names[0]);
			continue;
		}
		if (v == NULL && (f->flags & DECODE_REQUIRED))
			return err_set(e, ERR_DATA, _("%s has no %s"), what,
			    f->names[0]);
		if (v != NULL && (f->flags & (DECODE_REQUIRED | DECODE_STRICT)))
			return err_set(e, ERR_DATA,
			    _("%s has a %s that is not %s"), what, v->key,
			    decode_types[f->type].noun);
		if (f->flags & DECODE_TRUE)
			*(bool *)(base + f->off) = true;
		if (f->flags & DECODE_MINUS1)
			*(long *)(base + f->off) = -1;
	}
	return 0;
}

/* Checks that o is an object before reading fields from it. */
static int
decode_object(const struct json *o, const struct decode_schema *s,
    void *out, const char *what, struct err *e)
{
	int r;

	if (!json_is(o, JSON_OBJECT))
		return err_set(e, ERR_DATA, _("%s is not a JSON object"), what);
	r = decode_fields(o, s->fields, s->n_fields, out, what, e);
	if (r == 0 && s->extra != NULL)
		r = s->extra(o, out, what, e);
	return r;
}

/* Decodes the elements of an array (or {items: [...]}) into a new array
 * of schema elements.  parent (may be NULL) ends each element's name:
 * "document 2 of message 3".  On failure nothing is left to free. */
static int
decode_array(const struct json *list, const struct decode_schema *s,
    const char *parent, void **out, size_t *n, struct err *e)
{
	const struct json *item;
	char what[DECODE_WHAT_MAX];
	size_t count, i;
	char *arr;

	*out = NULL;
	*n = 0;
	item = json_items(list, &count);
	if (count == 0)
		return 0;
	arr = xcalloc(count, s->size);
	for (i = 0; item != NULL; item = item->next, i++) {
		if (parent != NULL)
			snprintf(what, sizeof what, "%s %zu of %s", s->noun,
			    i + 1, parent);
		else
			snprintf(what, sizeof what, "%s %zu", s->noun, i + 1);
		if (decode_object(item, s, arr + i * s->size, what, e) != 0) {
			count = i + 1;
			for (i = 0; i < count; i++)
				s->done(arr + i * s->size);
			free(arr);
			return e != NULL ? e->code : ERR_DATA;
		}
	}
	*out = arr;
	*n = count;
	return 0;
}

/* totalItems of an envelope, or fallback when absent or bad. */
static long
decode_total(const struct json *root, long fallback)
{
	long total = fallback;
	const struct json *v = json_get(root, "totalItems");

	if (v == NULL || decode_set_long(v, &total) != 0 || total < 0)
		total = fallback;
	return total;
}

/* Checks that root is a list: a bare array, or an object with an array of
 * items. */
static int
decode_is_list(const struct json *root, const char *what, struct err *e)
{
	if (json_is(root, JSON_ARRAY) ||
	    json_is(json_get(root, "items"), JSON_ARRAY))
		return 0;
	if (json_is(root, JSON_OBJECT))
		return err_set(e, ERR_DATA, _("%s has no list of items"), what);
	return err_set(e, ERR_DATA, _("%s is not a list"), what);
}

/* Parses a whole document as one schema element. */
static int
decode_one(const char *json, size_t len, const struct decode_schema *s,
    const char *what, void *out, struct err *e)
{
	struct json *root;
	int r;

	memset(out, 0, s->size);
	if ((root = json_parse(json, len, what, e)) == NULL)
		return e != NULL ? e->code : ERR_DATA;
	r = decode_object(root, s, out, what, e);
	json_free(root);
	if (r != 0) {
		s->done(out);
		memset(out, 0, s->size);
	}
	return r;
}

/* Parses a whole document as a list of schema elements. */
static int
decode_list(const char *json, size_t len, const struct decode_schema *s,
    const char *what, void **out, size_t *n, long *total, struct err *e)
{
	struct json *root;
	int r;

	*out = NULL;
	*n = 0;
	if (total != NULL)
		*total = 0;
	if ((root = json_parse(json, len, what, e)) == NULL)
		return e != NULL ? e->code : ERR_DATA;
	if ((r = decode_is_list(root, what, e)) == 0)
		r = decode_array(root, s, NULL, out, n, e);
	if (r == 0 && total != NULL)
		*total = decode_total(root, (long)*n);
	json_free(root);
	return r;
}

/* --- attachments ------------------------------------------------------- */

static const struct decode_field decode_attachment_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_attachment, id), 0,
	    "attachmentId", "id"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_attachment, title), 0,
	    "attachmentTitle", "title"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, file_name),
	    DECODE_REQUIRED, "fileName"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_attachment, main_content), 0,
	    "mainContent", "isMainContent"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, media_type), 0,
	    "mediaType"),
	FIELD(DECODE_DOUBLE, offsetof(struct ebox_attachment, size_kb), 0,
	    "size"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_attachment, is_signed), 0,
	    "attachmentSigned", "isAttachmentSigned"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, content_href), 0,
	    "contentHref"),
};

static const struct decode_field decode_digest_fields[] = {
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, digest_method), 0,
	    "digestMethod"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, digest_value), 0,
	    "digestValue"),
};

/* The digest, and the file name decoded for people. */
static int
decode_attachment_extra(const struct json *o, void *out, const char *what,
    struct err *e)
{
	struct ebox_attachment *a = out;
	char *name;
	size_t len;

	decode_fields(json_get(o, "digest"), decode_digest_fields,
	    N(decode_digest_fields), a, what, e);
	if (a->digest_value != NULL) {
		len = strlen(a->digest_value);
		while (len > 0 && a->digest_value[len - 1] == '=')
			a->digest_value[--len] = '\0';
	}
	/* percent_decode keeps the name as it came when it would not decode
	 * to valid UTF-8, so the result stays valid. */
	name = percent_decode(a->file_name);
	free(a->file_name);
	a->file_name = name;
	return 0;
}

static void
decode_attachment_done(void *p)
{
	ebox_attachment_done(p);
}

static const struct decode_schema decode_attachment_schema = {
	"document", decode_attachment_fields, N(decode_attachment_fields),
	sizeof (struct ebox_attachment), decode_attachment_extra,
	decode_attachment_done
};

/* --- payment data ------------------------------------------------------ */

static const struct decode_field decode_payment_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_payment, id), 0,
	    "paymentDataId", "id"),
	FIELD(DECODE_DOUBLE, offsetof(struct ebox_payment, amount),
	    DECODE_REQUIRED, "amount"),
	FIELD(DECODE_DOUBLE, offsetof(struct ebox_payment, vat_amount), 0,
	    "vatAmount"),
	FIELD(DECODE_STR, offsetof(struct ebox_payment, currency),
	    DECODE_REQUIRED, "currency"),
	FIELD(DECODE_TIME, offsetof(struct ebox_payment, due_date), 0,
	    "dueDate"),
	FIELD(DECODE_STR, offsetof(struct ebox_payment, iban),
	    DECODE_REQUIRED, "iban"),
	FIELD(DECODE_STR, offsetof(struct ebox_payment, bic), 0, "bic"),
	FIELD(DECODE_TEXT, offsetof(struct ebox_payment, reference), 0,
	    "reference"),
};

/* A payment is freed as a whole; the schema needs an in-place version. */
static void
decode_payment_done(void *p)
{
	struct ebox_payment *pay = p;

	free(pay->id);
	free(pay->currency);
	free(pay->iban);
	free(pay->bic);
	free(pay->reference);
	memset(pay, 0, sizeof *pay);
}

static const struct decode_schema decode_payment_schema = {
	"payment", decode_payment_fields, N(decode_payment_fields),
	sizeof (struct ebox_payment), NULL, decode_payment_done
};

/* --- business data ----------------------------------------------------- */

static const struct decode_field decode_business_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_business_data, key),
	    DECODE_REQUIRED, "key"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_business_data, name), 0,
	    "name"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_business_data, description),
	    0, "description"),
};

/* values: an array of translated texts (a lone one is taken as a list of
 * one); elements of other types are skipped. */
static int
decode_business_extra(const struct json *o, void *out, const char *what,
    struct err *e)
{
	struct ebox_business_data *b = out;
	const struct json *v = json_get(o, "values"), *item;

	if (json_is(v, JSON_ARRAY)) {
		b->values = xcalloc(v->n ? v->n : 1, sizeof *b->values);
		for (item = v->first; item != NULL; item = item->next) {
			if (decode_set_tstring(item, &b->values[b->n_values])
			    == 0)
				b->n_values++;
		}
	} else if (json_is(v, JSON_OBJECT) || json_is(v, JSON_STRING)) {
		b->values = xcalloc(1, sizeof *b->values);
		decode_set_tstring(v, &b->values[0]);
		b->n_values = 1;
	}
	return 0;
}

static void
decode_business_done(void *p)
{
	ebox_business_data_done(p);
}

static const struct decode_schema decode_business_schema = {
	"business data", decode_business_fields, N(decode_business_fields),
	sizeof (struct ebox_business_data), decode_business_extra,
	decode_business_done
};

/* --- messages ---------------------------------------------------------- */

static const struct decode_field decode_message_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_message, id), DECODE_REQUIRED,
	    "messageId"),
	FIELD(DECODE_ID, offsetof(struct ebox_message, original_id), 0,
	    "originalMessageId"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_message, subject),
	    DECODE_REQUIRED, "subject"),
	FIELD(DECODE_TIME, offsetof(struct ebox_message, receipt_date),
	    DECODE_REQUIRED, "receiptDate"),
	FIELD(DECODE_TIME, offsetof(struct ebox_message, expiration_date), 0,
	    "expirationDate"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_message, read), 0,
	    "readStatus", "isRead"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_message, visible), DECODE_TRUE,
	    "visible", "isVisible"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_message, registered), 0,
	    "registeredMail", "isRegisteredMail"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_message, body_main), 0,
	    "bodyMainContent", "isBodyMainContent"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_message, reply_authorized), 0,
	    "replyAuthorized", "isReplyAuthorized"),
	FIELD(DECODE_ID, offsetof(struct ebox_message, message_type_id), 0,
	    "messageTypeId"),
	FIELD(DECODE_ID, offsetof(struct ebox_message, sender_org_id), 0,
	    "senderOrganizationId"),
	FIELD(DECODE_ID, offsetof(struct ebox_message, sender_app_id), 0,
	    "senderApplicationId"),
	/* The recipient's partition; sender.partition is the sender's. */
	FIELD(DECODE_ID, offsetof(struct ebox_message, partition_id), 0,
	    "partitionId", "partition"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_message, body), 0,
	    "bodyContent"),
};

/* forTheAttentionOf: v2.1 {id, type, name}, v3 {ssin, label}. */
static const struct decode_field decode_fta_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_message, fta_id), 0,
	    "id", "ssin"),
	FIELD(DECODE_STR, offsetof(struct ebox_message, fta_type), 0, "type"),
	FIELD(DECODE_STR, offsetof(struct ebox_message, fta_name), 0,
	    "name", "label"),
};

/* v3 sender {eboxType, enterpriseNumber, partition}: only the number is
 * kept, when senderOrganizationId did not give it. */
static const struct decode_field decode_sender_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_message, sender_org_id), 0,
	    "enterpriseNumber", "eboxIdValue"),
};

static int
decode_message_extra(const struct json *o, void *out, const char *what,
    struct err *e)
{
	struct ebox_message *m = out;
	const struct json *pay;
	char sub[DECODE_WHAT_MAX];
	void *arr;
	size_t n;
	int r;

	decode_fields(json_get(o, "forTheAttentionOf"), decode_fta_fields,
	    N(decode_fta_fields), m, what, e);
	if (m->sender_org_id == NULL)
		decode_fields(json_get(o, "sender"), decode_sender_fields,
		    N(decode_sender_fields), m, what, e);
	m->has_body = !tstring_empty(&m->body);

	r = decode_array(json_get(o, "attachments"), &decode_attachment_schema,
	    what, &arr, &n, e);
	if (r != 0)
		return r;
	m->attachments = arr;
	m->n_attachments = n;

	r = decode_array(json_get(o, "businessDataList"),
	    &decode_business_schema, what, &arr, &n, e);
	if (r != 0)
		return r;
	m->business = arr;
	m->n_business = n;

	pay = json_get(o, "paymentData");
	if (json_is(pay, JSON_OBJECT)) {
		snprintf(sub, sizeof sub, "the payment data of %s", what);
		m->payment = xcalloc(1, sizeof *m->payment);
		r = decode_object(pay, &decode_payment_schema, m->payment, sub,
		    e);
		if (r != 0)
			return r;
	}
	return 0;
}

static void
decode_message_done(void *p)
{
	ebox_message_clear(p);
}

static const struct decode_schema decode_message_schema = {
	"message", decode_message_fields, N(decode_message_fields),
	sizeof (struct ebox_message), decode_message_extra, decode_message_done
};

int
decode_messages(const char *json, size_t len, struct ebox_message_list *out,
    struct err *e)
{
	struct ebox_message *arr = NULL;
	size_t n = 0, i;
	long total = 0;
	int r;

	memset(out, 0, sizeof *out);
	r = decode_list(json, len, &decode_message_schema, "the message list",
	    (void **)&arr, &n, &total, e);
	if (r != 0)
		return r;
	/* The list holds pointers: the mailbox takes messages one by one. */
	out->items = xcalloc(n ? n : 1, sizeof *out->items);
	for (i = 0; i < n; i++) {
		out->items[i] = xmalloc(sizeof *out->items[i]);
		*out->items[i] = arr[i];
	}
	free(arr);
	out->n = n;
	out->total = total;
	return 0;
}

int
decode_message(const char *json, size_t len, struct ebox_message **out,
    struct err *e)
{
	struct ebox_message *m = xmalloc(sizeof *m);
	int r;

	*out = NULL;
	r = decode_one(json, len, &decode_message_schema, "the message", m, e);
	if (r != 0) {
		free(m);
		return r;
	}
	*out = m;
	return 0;
}

int
decode_attachments(const char *json, size_t len,
    struct ebox_attachment **out, size_t *n, struct err *e)
{
	return decode_list(json, len, &decode_attachment_schema,
	    "the list of documents", (void **)out, n, NULL, e);
}

int
decode_attachment(const char *json, size_t len, struct ebox_attachment *out,
    struct err *e)
{
	return decode_one(json, len, &decode_attachment_schema,
	    "the document", out, e);
}

int
decode_tstring(const char *json, size_t len, struct tstring *out,
    struct err *e)
{
	struct json *root;
	int r = 0;

	memset(out, 0, sizeof *out);
	if ((root = json_parse(json, len, "the message text", e)) == NULL)
		return e != NULL ? e->code : ERR_DATA;
	if (decode_set_tstring(root, out) != 0)
		r = err_set(e, ERR_DATA, _("the message text is not a "
		    "translated text"));
	json_free(root);
	return r;
}

int
decode_payment(const char *json, size_t len, struct ebox_payment **out,
    struct err *e)
{
	struct ebox_payment *p = xmalloc(sizeof *p);
	int r;

	*out = NULL;
	r = decode_one(json, len, &decode_payment_schema, "the payment data",
	    p, e);
	if (r != 0) {
		free(p);
		return r;
	}
	*out = p;
	return 0;
}

/* --- summary ----------------------------------------------------------- */

static const struct decode_field decode_summary_fields[] = {
	FIELD(DECODE_LONG, offsetof(struct ebox_summary, n_messages),
	    DECODE_REQUIRED, "numberOfMessages"),
	FIELD(DECODE_LONG, offsetof(struct ebox_summary, n_unread),
	    DECODE_MINUS1, "numberOfUnreadMessages"),
	FIELD(DECODE_TIME, offsetof(struct ebox_summary, last_receipt), 0,
	    "lastReceiptDate"),
	FIELD(DECODE_TIME, offsetof(struct ebox_summary, last_consultation), 0,
	    "lastConsultationDate"),
	FIELD(DECODE_DOUBLE, offsetof(struct ebox_summary, size_kb), 0,
	    "eboxSize"),
};

static void
decode_summary_done(void *p)
{
	memset(p, 0, sizeof (struct ebox_summary));
}

static const struct decode_schema decode_summary_schema = {
	"summary", decode_summary_fields, N(decode_summary_fields),
	sizeof (struct ebox_summary), NULL, decode_summary_done
};

int
decode_summary(const char *json, size_t len, struct ebox_summary *out,
    struct err *e)
{
	return decode_one(json, len, &decode_summary_schema,
	    "the eBox summary", out, e);
}

/* --- providers --------------------------------------------------------- */

static const struct decode_field decode_provider_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_provider, id), DECODE_REQUIRED,
	    "messageProviderId", "id"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_provider, name), 0,
	    "messageProviderName", "name"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_provider, description), 0,
	    "messageProviderDescription", "description"),
	FIELD(DECODE_STR, offsetof(struct ebox_provider, url), DECODE_REQUIRED,
	    "messageProviderUrl", "url"),
	FIELD(DECODE_TIME, offsetof(struct ebox_provider, activation),
	    DECODE_STRICT, "messageProviderActivationDate", "activationDate"),
	FIELD(DECODE_TIME, offsetof(struct ebox_provider, deactivation),
	    DECODE_STRICT, "messageProviderDeactivationDate",
	    "deactivationDate"),
	FIELD(DECODE_ID, offsetof(struct ebox_provider, api_version), 0,
	    "apiSupportedVersion", "version"),
	FIELD(DECODE_STR, offsetof(struct ebox_provider, technical_contact), 0,
	    "messageProviderTechnicalContact", "technicalContact"),
};

/* Maintenance windows (incomplete ones are skipped: they cannot be
 * enforced) and a URL that ends in '/' so paths can be appended. */
static int
decode_provider_extra(const struct json *o, void *out, const char *what,
    struct err *e)
{
	struct ebox_provider *p = out;
	const struct json *w;
	time_t start, end;
	size_t n, len;
	char *url;

	w = json_items(json_get_any(o, "messageProviderPlannedMaintenance",
	    "plannedMaintenance"), &n);
	if (n != 0)
		p->maintenance = xcalloc(n, sizeof *p->maintenance);
	for (; w != NULL; w = w->next) {
		if (decode_set_time(json_get(w, "startDate"), &start) != 0 ||
		    decode_set_time(json_get(w, "endDate"), &end) != 0)
			continue;
		p->maintenance[p->n_maintenance].start = start;
		p->maintenance[p->n_maintenance].end = end;
		p->n_maintenance++;
	}
	len = strlen(p->url);
	if (len == 0 || p->url[len - 1] != '/') {
		url = xasprintf("%s/", p->url);
		free(p->url);
		p->url = url;
	}
	return 0;
}

static void
decode_provider_done(void *p)
{
	ebox_provider_done(p);
}

static const struct decode_schema decode_provider_schema = {
	"provider", decode_provider_fields, N(decode_provider_fields),
	sizeof (struct ebox_provider), decode_provider_extra,
	decode_provider_done
};

int
decode_providers(const char *json, size_t len, struct ebox_provider **out,
    size_t *n, struct err *e)
{
	return decode_list(json, len, &decode_provider_schema,
	    "the list of mail providers", (void **)out, n, NULL, e);
}

/* --- reference data ---------------------------------------------------- */

static const struct decode_field decode_type_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_message_type, id),
	    DECODE_REQUIRED, "messageTypeId", "id"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_message_type, name), 0,
	    "messageTypeName", "name"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_message_type, description),
	    0, "messageTypeDescription", "description"),
};

static const struct decode_field decode_validity_fields[] = {
	FIELD(DECODE_LONG, offsetof(struct ebox_message_type, validity_number),
	    0, "validityPeriodNumber", "number"),
	FIELD(DECODE_STR, offsetof(struct ebox_message_type, validity_unit), 0,
	    "validityPeriodUnit", "unit"),
};

static int
decode_type_extra(const struct json *o, void *out, const char *what,
    struct err *e)
{
	return decode_fields(json_get(o, "validityPeriod"),
	    decode_validity_fields, N(decode_validity_fields), out, what, e);
}

static void
decode_type_done(void *p)
{
	ebox_message_type_done(p);
}

static const struct decode_schema decode_type_schema = {
	"message type", decode_type_fields, N(decode_type_fields),
	sizeof (struct ebox_message_type), decode_type_extra, decode_type_done
};

static const struct decode_field decode_org_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_organization, id),
	    DECODE_REQUIRED, "organizationId", "id"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_organization, short_name), 0,
	    "organizationShortName", "shortName", "name"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_organization, long_name), 0,
	    "organizationLongName", "longName"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_organization, url), 0,
	    "organizationUrl", "url"),
};

static void
decode_org_done(void *p)
{
	ebox_organization_done(p);
}

static const struct decode_schema decode_org_schema = {
	"sender organisation", decode_org_fields, N(decode_org_fields),
	sizeof (struct ebox_organization), NULL, decode_org_done
};

static const struct decode_field decode_app_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_application, id),
	    DECODE_REQUIRED, "applicationId", "id"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_application, name), 0,
	    "applicationName", "name"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_application, description),
	    0, "applicationDescription", "description"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_application, url), 0,
	    "applicationUrl", "url"),
};

static void
decode_app_done(void *p)
{
	ebox_application_done(p);
}

static const struct decode_schema decode_app_schema = {
	"sender application", decode_app_fields, N(decode_app_fields),
	sizeof (struct ebox_application), NULL, decode_app_done
};

int
decode_message_type(const char *json, size_t len,
    struct ebox_message_type *out, struct err *e)
{
	return decode_one(json, len, &decode_type_schema, "the message type",
	    out, e);
}

int
decode_organization(const char *json, size_t len,
    struct ebox_organization *out, struct err *e)
{
	return decode_one(json, len, &decode_org_schema,
	    "the sender organisation", out, e);
}

int
decode_application(const char *json, size_t len,
    struct ebox_application *out, struct err *e)
{
	return decode_one(json, len, &decode_app_schema,
	    "the sender application", out, e);
}

int
decode_message_types(const char *json, size_t len,
    struct ebox_message_type **out, size_t *n, long *total, struct err *e)
{
	return decode_list(json, len, &decode_type_schema,
	    "the list of message types", (void **)out, n, total, e);
}

int
decode_organizations(const char *json, size_t len,
    struct ebox_organization **out, size_t *n, long *total, struct err *e)
{
	return decode_list(json, len, &decode_org_schema,
	    "the list of sender organisations", (void **)out, n, total, e);
}

int
decode_applications(const char *json, size_t len,
    struct ebox_application **out, size_t *n, long *total, struct err *e)
{
	return decode_list(json, len, &decode_app_schema,
	    "the list of sender applications", (void **)out, n, total, e);
}

/* --- StatusMessage ----------------------------------------------------- */

/* Any value is taken (as text): this body only ever feeds a sentence.
 * RFC 7807 and OAuth spellings are accepted as a courtesy. */
static const struct decode_field decode_status_fields[] = {
	FIELD(DECODE_TEXT, offsetof(struct ebox_status, id), 0, "id"),
	FIELD(DECODE_TEXT, offsetof(struct ebox_status, code), 0,
	    "code", "error"),
	FIELD(DECODE_TEXT, offsetof(struct ebox_status, message), 0,
	    "message", "detail", "error_description"),
	FIELD(DECODE_TEXT, offsetof(struct ebox_status, contact), 0,
	    "contact"),
	FIELD(DECODE_TEXT, offsetof(struct ebox_status, environment), 0,
	    "environment"),
};

int
decode_status(const char *json, size_t len, struct ebox_status *out,
    struct err *e)
{
	struct json *root;
	char *p;
	int r;

	memset(out, 0, sizeof *out);
	if ((root = json_parse(json, len, "the error message", e)) == NULL)
		return e != NULL ? e->code : ERR_DATA;
	if (!json_is(root, JSON_OBJECT))
		r = err_set(e, ERR_DATA, _("the error message is not a JSON "
		    "object"));
	else
		r = decode_fields(root, decode_status_fields,
		    N(decode_status_fields), out, "the error message", e);
	json_free(root);
	if (r == 0 && out->id == NULL && out->code == NULL &&
	    out->message == NULL && out->contact == NULL &&
	    out->environment == NULL)
		r = err_set(e, ERR_DATA, _("the error message has none of the "
		    "fields of a StatusMessage"));
	if (r != 0) {
		ebox_status_done(out);
		return r;
	}
	/* v2.1 says "production", federation 1.3 "PRODUCTION". */
	for (p = out->environment; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return 0;
}
