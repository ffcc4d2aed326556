/* decode.c - Message Registry and federation JSON to the eBox model.
 *
 * Each kind of object is a table of fields {spellings (v2.1 first, then v3
 * and registry variants), type, flags, offset}; decode-json.c fills the
 * model from them while yajl reads the bytes, with no tree in between.
 * Members of nested objects that belong to the same struct are spelt
 * "object.member" (forTheAttentionOf.ssin, sender.enterpriseNumber,
 * digest.digestValue, validityPeriod.unit); lists, payment data and
 * business data are schemas of their own.
 *
 * Policy for bad values, field by field: a REQUIRED field that is missing,
 * null or of the wrong type fails its element with a sentence naming it
 * ("message 2 has no messageId"); a STRICT field may be missing but must
 * be well-formed when present; every other field that is missing or of the
 * wrong type reads as absent (its default).  Required fields:
 *   message: messageId (non-empty), subject, receiptDate
 *   document: none (fileName is STRICT: a missing or empty one is made up,
 *     "document-2.pdf"); a digest, when there, must be an object with a
 *     digestValue, both texts
 *   payment: amount, currency, iban          business data: key
 *   summary: numberOfMessages
 *   provider: messageProviderId, messageProviderUrl (activation and
 *     deactivation dates are STRICT); a maintenance window: both dates
 *   message type / organisation / application: their id
 *
 * What a failed element costs: a message page keeps its other messages
 * and a message its other documents, business data and payment (those
 * left out, and attachments, businessDataList or paymentData that are not
 * a list or an object, are counted in the page's rejected, the first
 * one's sentence kept).  A failed provider or reference-data item fails its list, as a
 * maintenance window with a missing date is skipped: those lists are
 * small and a gap in them would mislead.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ebox/i18n.h"
#include "ebox/decode.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"
#include "decode-json.h"

#define FIELD(type, off, flags, ...) \
	{ { __VA_ARGS__, NULL }, type, flags, off, NULL, 0 }
#define GROUP(flags, name) \
	{ { name, NULL }, DECODE_GROUP, flags, 0, NULL, 0 }
#define LIST(off, n_off, sub, flags, ...) \
	{ { __VA_ARGS__, NULL }, DECODE_LIST, flags, off, sub, n_off }
#define NEW(off, sub, flags, name) \
	{ { name, NULL }, DECODE_NEW, flags, off, sub, 0 }
#define N(t) (sizeof (t) / sizeof (t)[0])

/* The arrays the list decoders hand out, as one root slot. */
struct decode_array {
	void *items;
	size_t n;
};

#define ROOT_LIST(what, sub, flags) { what, NULL, { { NULL }, DECODE_LIST, \
	flags, offsetof(struct decode_array, items), sub, \
	offsetof(struct decode_array, n) } }
#define ROOT_ONE(what, not_type, type, sub) { what, not_type, \
	{ { NULL }, type, 0, 0, sub, 0 } }

/* --- documents ------------------------------------------------------------ */

static const struct decode_field decode_attachment_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_attachment, id), 0,
	    "attachmentId", "id"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_attachment, title), 0,
	    "attachmentTitle", "title"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, file_name),
	    DECODE_STRICT, "fileName"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_attachment, main_content), 0,
	    "mainContent", "isMainContent"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, media_type), 0,
	    "mediaType"),
	FIELD(DECODE_DOUBLE, offsetof(struct ebox_attachment, size_kb), 0,
	    "size"),
	/* A digest that cannot be read is not taken for no digest: the
	 * document would then be saved unchecked. */
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, digest_method),
	    DECODE_STRICT, "digest.digestMethod"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, digest_value),
	    DECODE_REQUIRED, "digest.digestValue"),
	GROUP(DECODE_STRICT, "digest"),
	FIELD(DECODE_BOOL, offsetof(struct ebox_attachment, is_signed), 0,
	    "attachmentSigned", "isAttachmentSigned"),
	FIELD(DECODE_STR, offsetof(struct ebox_attachment, content_href), 0,
	    "contentHref"),
};

/* Extensions for made-up names, by the media types of EBOX-API.md 4.1 and
 * the aliases senders use. */
static const struct {
	const char *type;
	const char *ext;
} decode_extensions[] = {
	{ "application/pdf", ".pdf" },
	{ "text/csv", ".csv" },
	{ "text/xml", ".xml" },
	{ "application/xml", ".xml" },
	{ "text/html", ".html" },
	{ "text/plain", ".txt" },
	{ "application/zip", ".zip" },
	{ "application/x-zip-compressed", ".zip" },
	{ "application/vnd.oasis.opendocument.text", ".odt" },
	{ "application/vnd.oasis.opendocument.spreadsheet", ".ods" },
	{ "application/vnd.oasis.opendocument.presentation", ".odp" },
	{ "application/vnd.oasis.opendocument.graphics", ".odg" },
	{ "application/vnd.ms-excel", ".xls" },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    ".xlsx" },
	{ "application/vnd.ms-powerpoint", ".ppt" },
	{ "application/vnd.openxmlformats-officedocument.presentationml."
	    "presentation", ".pptx" },
	{ "application/msword", ".doc" },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document", ".docx" },
	{ "image/jpeg", ".jpg" },
	{ "image/jpg", ".jpg" },
	{ "image/png", ".png" },
	{ "image/gif", ".gif" },
};

const char *
decode_media_type(const char *file_name)
{
	const char *dot = file_name != NULL ? strrchr(file_name, '.') : NULL;
	size_t i;

	for (i = 0; dot != NULL && i < N(decode_extensions); i++) {
		if (strcasecmp(decode_extensions[i].ext, dot) == 0)
			return decode_extensions[i].type;
	}
	if (dot != NULL && strcasecmp(dot, ".jpeg") == 0)
		return "image/jpeg";
	return "application/octet-stream";
}

/* The extension for a media type ("text/csv; charset=utf-8" too), "" when
 * unknown: a wrong one would be worse than none. */
static const char *
decode_extension(const char *media_type)
{
	size_t i, len;

	if (media_type == NULL)
		return "";
	len = strcspn(media_type, "; \t");
	for (i = 0; i < N(decode_extensions); i++) {
		if (strlen(decode_extensions[i].type) == len &&
		    strncasecmp(decode_extensions[i].type, media_type, len) == 0)
			return decode_extensions[i].ext;
	}
	return "";
}

/* The digest without its padding, the file name decoded for people, and a
 * made-up name ("document-2.pdf") when the sender gave none: a document
 * without a name is still worth listing and saving. */
static void
decode_attachment_finish(void *el, size_t index)
{
	struct ebox_attachment *a = el;
	size_t len;
	char *name;

	if (a->digest_value != NULL) {
		len = strlen(a->digest_value);
		while (len > 0 && a->digest_value[len - 1] == '=')
			a->digest_value[--len] = '\0';
	}
	/* percent_decode keeps the name as it came when it would not decode
	 * to valid UTF-8, so the result stays valid. */
	if (a->file_name != NULL && strchr(a->file_name, '%') != NULL) {
		name = percent_decode(a->file_name);
		free(a->file_name);
		a->file_name = name;
	}
	if (a->file_name == NULL || a->file_name[0] == '\0') {
		free(a->file_name);
		a->file_name = xasprintf("document-%zu%s", index ? index : 1,
		    decode_extension(a->media_type));
	}
}

static void
decode_attachment_done(void *el)
{
	ebox_attachment_done(el);
}

static const struct decode_schema decode_attachment_schema = {
	"document", 
	N_("document %zu"), N_("document %zu of %s"),
	NULL,
	decode_attachment_fields, N(decode_attachment_fields),
	sizeof (struct ebox_attachment), -1, decode_attachment_finish,
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
decode_payment_done(void *el)
{
	struct ebox_payment *pay = el;

	free(pay->id);
	free(pay->currency);
	free(pay->iban);
	free(pay->bic);
	free(pay->reference);
	memset(pay, 0, sizeof *pay);
}

static const struct decode_schema decode_payment_schema = {
	"payment data", 
	NULL, NULL,
	N_("the payment data of %s"),
	decode_payment_fields, N(decode_payment_fields),
	sizeof (struct ebox_payment), -1, NULL, decode_payment_done
};

/* --- business data ----------------------------------------------------- */

static const struct decode_field decode_business_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_business_data, key),
	    DECODE_REQUIRED, "key"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_business_data, name), 0,
	    "name"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_business_data, description),
	    0, "description"),
	{ { "values", NULL }, DECODE_TSTRINGS, 0,
	    offsetof(struct ebox_business_data, values), NULL,
	    offsetof(struct ebox_business_data, n_values) },
};

static void
decode_business_done(void *el)
{
	ebox_business_data_done(el);
}

static const struct decode_schema decode_business_schema = {
	"business data", 
	NULL, N_("business data %zu of %s"),
	NULL,
	decode_business_fields, N(decode_business_fields),
	sizeof (struct ebox_business_data), -1, NULL, decode_business_done
};

/* --- messages ---------------------------------------------------------- */

static const struct decode_field decode_message_fields[] = {
	/* First: it also names the message in sentences (id_field 0). */
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
	/* v3 {eboxType, enterpriseNumber, partition}: only the number is
	 * kept, and senderOrganizationId wins when both are there. */
	FIELD(DECODE_ID, offsetof(struct ebox_message, sender_org_id), 0,
	    "senderOrganizationId", "sender.enterpriseNumber",
	    "sender.eboxIdValue"),
	GROUP(0, "sender"),
	FIELD(DECODE_ID, offsetof(struct ebox_message, sender_app_id), 0,
	    "senderApplicationId"),
	/* The recipient's partition; sender.partition is the sender's. */
	FIELD(DECODE_ID, offsetof(struct ebox_message, partition_id), 0,
	    "partitionId", "partition"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_message, body), 0,
	    "bodyContent"),
	/* forTheAttentionOf: v2.1 {id, type, name}, v3 {ssin, label}. */
	FIELD(DECODE_ID, offsetof(struct ebox_message, fta_id), 0,
	    "forTheAttentionOf.id", "forTheAttentionOf.ssin"),
	FIELD(DECODE_STR, offsetof(struct ebox_message, fta_type), 0,
	    "forTheAttentionOf.type"),
	FIELD(DECODE_STR, offsetof(struct ebox_message, fta_name), 0,
	    "forTheAttentionOf.name", "forTheAttentionOf.label"),
	GROUP(0, "forTheAttentionOf"),
	/* v2.1 {items, totalItems}, v3 a bare array: both are lists. */
	LIST(offsetof(struct ebox_message, attachments),
	    offsetof(struct ebox_message, n_attachments),
	    &decode_attachment_schema, DECODE_DROP, "attachments"),
	LIST(offsetof(struct ebox_message, business),
	    offsetof(struct ebox_message, n_business),
	    &decode_business_schema, DECODE_DROP, "businessDataList"),
	NEW(offsetof(struct ebox_message, payment), &decode_payment_schema,
	    DECODE_DROP, "paymentData"),
};

/* Whether t holds any text (tstring_empty() without its strcmps: this
 * runs for every message of every page). */
static bool
decode_has_text(const struct tstring *t)
{
	return (t->nl != NULL && *t->nl != '\0') ||
	    (t->fr != NULL && *t->fr != '\0') ||
	    (t->de != NULL && *t->de != '\0') ||
	    (t->en != NULL && *t->en != '\0');
}

static void
decode_message_finish(void *el, size_t index)
{
	struct ebox_message *m = el;

	m->has_body = decode_has_text(&m->body);
}

static void
decode_message_done(void *el)
{
	ebox_message_clear(el);
}

static const struct decode_schema decode_message_schema = {
	"message", 
	N_("message %zu"), NULL,
	NULL,
	decode_message_fields, N(decode_message_fields),
	sizeof (struct ebox_message), 0, decode_message_finish,
	decode_message_done
};

/* The list holds pointers: the mailbox takes messages one by one. */
static const struct decode_root decode_messages_root = {
	N_("the message list"), NULL, { { NULL }, DECODE_LIST,
	    DECODE_POINTERS | DECODE_DROP,
	    offsetof(struct ebox_message_list, items),
	    &decode_message_schema, offsetof(struct ebox_message_list, n) }
};

int
decode_messages(const char *json, size_t len, struct ebox_message_list *out,
    struct err *e)
{
	struct decode_report rep;
	int r;

	memset(out, 0, sizeof *out);
	r = decode_json_parse(json, len, &decode_messages_root, out, &rep, e);
	if (r != 0)
		return r;
	if (out->items == NULL)
		out->items = xcalloc(1, sizeof *out->items);
	/* The server's count, rejected ones included; when it gives none
	 * that can be used, the items this page held. */
	out->total = rep.total >= 0 ? rep.total : (long)rep.items;
	out->rejected = rep.rejected;
	out->rejected_reason = rep.reason;
	return 0;
}

/* Decodes one element of a schema into out (a pointer for DECODE_NEW). */
static int
decode_one(const char *json, size_t len, const struct decode_root *root,
    void *out, struct err *e)
{
	struct decode_report rep;
	int r;

	r = decode_json_parse(json, len, root, out, &rep, e);
	free(rep.reason);       /* nowhere to put it: only pages report */
	return r;
}

/* Decodes a list (a bare array or {items, totalItems}) into a new array of
 * n elements (NULL when there are none). */
static int
decode_list(const char *json, size_t len, const struct decode_root *root,
    void **out, size_t *n, long *total, struct err *e)
{
	struct decode_array a = { NULL, 0 };
	struct decode_report rep;
	int r;

	r = decode_json_parse(json, len, root, &a, &rep, e);
	free(rep.reason);
	if (a.n == 0)
		xfree(&a.items);
	*out = a.items;
	*n = a.n;
	if (total != NULL)
		*total = r != 0 ? 0 : rep.total >= 0 ? rep.total :
		    (long)rep.items;
	return r;
}

int
decode_message(const char *json, size_t len, struct ebox_message **out,
    struct err *e)
{
	static const struct decode_root root = ROOT_ONE(N_("the message"), NULL,
	    DECODE_NEW, &decode_message_schema);

	*out = NULL;
	return decode_one(json, len, &root, out, e);
}

int
decode_attachments(const char *json, size_t len,
    struct ebox_attachment **out, size_t *n, struct err *e)
{
	/* Lenient like the documents of a message: a bad one is left out. */
	static const struct decode_root root = ROOT_LIST(
	    N_("the list of documents"), &decode_attachment_schema,
	    DECODE_DROP);

	return decode_list(json, len, &root, (void **)out, n, NULL, e);
}

int
decode_attachment(const char *json, size_t len, struct ebox_attachment *out,
    struct err *e)
{
	static const struct decode_root root = ROOT_ONE(N_("the document"),
	    NULL, DECODE_OBJECT, &decode_attachment_schema);

	memset(out, 0, sizeof *out);
	return decode_one(json, len, &root, out, e);
}

int
decode_tstring(const char *json, size_t len, struct tstring *out,
    struct err *e)
{
	static const struct decode_root root = ROOT_ONE(N_("the message text"),
	    N_("the message text is not a translated text"), DECODE_TSTRING,
	    NULL);

	memset(out, 0, sizeof *out);
	return decode_one(json, len, &root, out, e);
}

int
decode_payment(const char *json, size_t len, struct ebox_payment **out,
    struct err *e)
{
	static const struct decode_root root = ROOT_ONE(N_("the payment data"),
	    NULL, DECODE_NEW, &decode_payment_schema);

	*out = NULL;
	return decode_one(json, len, &root, out, e);
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

static const struct decode_schema decode_summary_schema = {
	"summary", 
	NULL, NULL,
	NULL,
	decode_summary_fields, N(decode_summary_fields),
	sizeof (struct ebox_summary), -1, NULL, NULL
};

int
decode_summary(const char *json, size_t len, struct ebox_summary *out,
    struct err *e)
{
	static const struct decode_root root = ROOT_ONE(N_("the eBox summary"),
	    NULL, DECODE_OBJECT, &decode_summary_schema);

	memset(out, 0, sizeof *out);
	return decode_one(json, len, &root, out, e);
}

/* --- providers --------------------------------------------------------- */

/* A planned maintenance window, laid out as struct ebox_provider's. */
struct decode_window {
	time_t start, end;
};

_Static_assert(sizeof (struct decode_window) ==
    sizeof *((struct ebox_provider *)0)->maintenance,
    "a maintenance window is two time_t");

/* Both dates or the window is skipped: it could not be enforced. */
static const struct decode_field decode_window_fields[] = {
	FIELD(DECODE_TIME, offsetof(struct decode_window, start),
	    DECODE_REQUIRED, "startDate"),
	FIELD(DECODE_TIME, offsetof(struct decode_window, end),
	    DECODE_REQUIRED, "endDate"),
};

static const struct decode_schema decode_window_schema = {
	"maintenance window", 
	NULL, N_("maintenance window %zu of %s"),
	NULL,
	decode_window_fields, N(decode_window_fields),
	sizeof (struct decode_window), -1, NULL, NULL
};

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
	LIST(offsetof(struct ebox_provider, maintenance),
	    offsetof(struct ebox_provider, n_maintenance),
	    &decode_window_schema, DECODE_SKIP,
	    "messageProviderPlannedMaintenance", "plannedMaintenance"),
};

/* A URL that ends in '/', so paths can be appended. */
static void
decode_provider_finish(void *el, size_t index)
{
	struct ebox_provider *p = el;
	size_t len = strlen(p->url);
	char *url;

	if (len == 0 || p->url[len - 1] != '/') {
		url = xasprintf("%s/", p->url);
		free(p->url);
		p->url = url;
	}
}

static void
decode_provider_done(void *el)
{
	ebox_provider_done(el);
}

static const struct decode_schema decode_provider_schema = {
	"provider", 
	N_("provider %zu"), NULL,
	NULL,
	decode_provider_fields, N(decode_provider_fields),
	sizeof (struct ebox_provider), -1, decode_provider_finish,
	decode_provider_done
};

int
decode_providers(const char *json, size_t len, struct ebox_provider **out,
    size_t *n, struct err *e)
{
	static const struct decode_root root = ROOT_LIST(
	    N_("the list of mail providers"), &decode_provider_schema, 0);

	return decode_list(json, len, &root, (void **)out, n, NULL, e);
}

/* --- reference data ---------------------------------------------------- */

static const struct decode_field decode_type_fields[] = {
	FIELD(DECODE_ID, offsetof(struct ebox_message_type, id),
	    DECODE_REQUIRED, "messageTypeId", "id"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_message_type, name), 0,
	    "messageTypeName", "name"),
	FIELD(DECODE_TSTRING, offsetof(struct ebox_message_type, description),
	    0, "messageTypeDescription", "description"),
	FIELD(DECODE_LONG, offsetof(struct ebox_message_type, validity_number),
	    0, "validityPeriod.validityPeriodNumber", "validityPeriod.number"),
	FIELD(DECODE_STR, offsetof(struct ebox_message_type, validity_unit), 0,
	    "validityPeriod.validityPeriodUnit", "validityPeriod.unit"),
	GROUP(0, "validityPeriod"),
};

static void
decode_type_done(void *el)
{
	ebox_message_type_done(el);
}

static const struct decode_schema decode_type_schema = {
	"message type", 
	N_("message type %zu"), NULL,
	NULL,
	decode_type_fields, N(decode_type_fields),
	sizeof (struct ebox_message_type), -1, NULL, decode_type_done
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
decode_org_done(void *el)
{
	ebox_organization_done(el);
}

static const struct decode_schema decode_org_schema = {
	"sender organisation", 
	N_("sender organisation %zu"), NULL,
	NULL,
	decode_org_fields, N(decode_org_fields),
	sizeof (struct ebox_organization), -1, NULL, decode_org_done
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
decode_app_done(void *el)
{
	ebox_application_done(el);
}

static const struct decode_schema decode_app_schema = {
	"sender application", 
	N_("sender application %zu"), NULL,
	NULL,
	decode_app_fields, N(decode_app_fields),
	sizeof (struct ebox_application), -1, NULL, decode_app_done
};

int
decode_message_type(const char *json, size_t len,
    struct ebox_message_type *out, struct err *e)
{
	static const struct decode_root root = ROOT_ONE(N_("the message type"),
	    NULL, DECODE_OBJECT, &decode_type_schema);

	memset(out, 0, sizeof *out);
	return decode_one(json, len, &root, out, e);
}

int
decode_organization(const char *json, size_t len,
    struct ebox_organization *out, struct err *e)
{
	static const struct decode_root root = ROOT_ONE(
	    N_("the sender organisation"), NULL, DECODE_OBJECT,
	    &decode_org_schema);

	memset(out, 0, sizeof *out);
	return decode_one(json, len, &root, out, e);
}

int
decode_application(const char *json, size_t len,
    struct ebox_application *out, struct err *e)
{
	static const struct decode_root root = ROOT_ONE(
	    N_("the sender application"), NULL, DECODE_OBJECT,
	    &decode_app_schema);

	memset(out, 0, sizeof *out);
	return decode_one(json, len, &root, out, e);
}

int
decode_message_types(const char *json, size_t len,
    struct ebox_message_type **out, size_t *n, long *total, struct err *e)
{
	static const struct decode_root root = ROOT_LIST(
	    N_("the list of message types"), &decode_type_schema, 0);

	return decode_list(json, len, &root, (void **)out, n, total, e);
}

int
decode_organizations(const char *json, size_t len,
    struct ebox_organization **out, size_t *n, long *total, struct err *e)
{
	static const struct decode_root root = ROOT_LIST(
	    N_("the list of sender organisations"), &decode_org_schema, 0);

	return decode_list(json, len, &root, (void **)out, n, total, e);
}

int
decode_applications(const char *json, size_t len,
    struct ebox_application **out, size_t *n, long *total, struct err *e)
{
	static const struct decode_root root = ROOT_LIST(
	    N_("the list of sender applications"), &decode_app_schema, 0);

	return decode_list(json, len, &root, (void **)out, n, total, e);
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
	FIELD(DECODE_TEXT, offsetof(struct ebox_status, message_id), 0,
	    "messageId"),
	FIELD(DECODE_TEXT, offsetof(struct ebox_status, expiration_date), 0,
	    "expirationDate"),
};

static void
decode_status_done(void *el)
{
	ebox_status_done(el);
}

static const struct decode_schema decode_status_schema = {
	"error message", 
	NULL, NULL,
	NULL,
	decode_status_fields, N(decode_status_fields),
	sizeof (struct ebox_status), -1, NULL, decode_status_done
};

int
decode_status(const char *json, size_t len, struct ebox_status *out,
    struct err *e)
{
	static const struct decode_root root = ROOT_ONE(N_("the error message"),
	    N_("the error message is not a JSON object"), DECODE_OBJECT,
	    &decode_status_schema);
	char *p;
	int r;

	memset(out, 0, sizeof *out);
	if ((r = decode_one(json, len, &root, out, e)) != 0)
		return r;
	if (out->id == NULL && out->code == NULL && out->message == NULL &&
	    out->contact == NULL && out->environment == NULL &&
	    out->message_id == NULL)
		return err_set(e, ERR_DATA, _("the error message has none of the "
		    "fields of a StatusMessage"));
	/* v2.1 says "production", federation 1.3 "PRODUCTION". */
	for (p = out->environment; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return 0;
}
