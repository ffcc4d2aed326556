/* model.h - the eBox data model, as decoded from the Message Registry.
 *
 * Field names follow the Message Registry 2.1 contract; the decoders
 * (decode.h) also accept the v3 spellings (isRegisteredMail, sender{...},
 * bare attachment arrays...).  All strings are heap-owned by the struct that
 * holds them, already valid UTF-8 but NOT sanitised for a terminal: the
 * output layers pass them through sanitize.h before printing.
 */
#ifndef EBOX_MODEL_H
#define EBOX_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A TranslatedString: any language may be missing (NULL). */
struct tstring {
	char *nl, *fr, *de, *en;
};

/* Languages in the order tstring_pick() falls back through. */
extern const char *const tstring_langs[4];   /* "nl","fr","de","en" */

void tstring_done(struct tstring *t);
void tstring_copy(struct tstring *dst, const struct tstring *src);
/* The text in lang, else the first of en, fr, nl, de that is set; NULL when
 * every language is empty.  *used (may be NULL) gets the language chosen. */
const char *tstring_pick(const struct tstring *t, const char *lang,
    const char **used);
/* Pointer to the slot for lang ("nl","fr","de","en"), NULL if unknown. */
char **tstring_slot(struct tstring *t, const char *lang);
bool tstring_empty(const struct tstring *t);

struct ebox_attachment {
	char *id;               /* attachmentId (may be NULL in bad data) */
	struct tstring title;   /* attachmentTitle */
	char *file_name;        /* as the sender gave it, percent-decoded */
	bool main_content;      /* mainContent / isMainContent */
	char *media_type;
	double size_kb;         /* 1 kB = 1024 bytes */
	char *digest_method;    /* "sha_256" or NULL */
	char *digest_value;     /* base64url, padding stripped, or NULL */
	bool is_signed;         /* attachmentSigned / isAttachmentSigned */
	char *content_href;
};

struct ebox_payment {
	char *id;
	double amount;          /* VAT excluded */
	double vat_amount;
	char *currency;         /* ISO 4217 */
	time_t due_date;        /* 0 when absent */
	char *iban;
	char *bic;
	char *reference;        /* the JSON value rendered as text */
};

struct ebox_business_data {
	char *key;
	struct tstring name;
	struct tstring description;
	struct tstring *values;
	size_t n_values;
};

struct ebox_message {
	char *provider_id;      /* set by the client, not by the decoder */
	char *id;               /* messageId */
	char *original_id;      /* originalMessageId, reply link */
	struct tstring subject;
	time_t receipt_date;
	time_t expiration_date; /* 0 when absent */
	bool read;              /* readStatus / isRead */
	bool visible;           /* visible / isVisible (default true) */
	bool registered;        /* registeredMail / isRegisteredMail */
	bool body_main;         /* bodyMainContent / isBodyMainContent */
	bool reply_authorized;  /* replyAuthorized / isReplyAuthorized */
	char *fta_id, *fta_type, *fta_name;   /* forTheAttentionOf */
	char *message_type_id;
	char *sender_org_id;    /* senderOrganizationId / sender.enterpriseNumber */
	char *sender_app_id;
	char *partition_id;     /* partitionId / partition / sender-less v3 guess */
	struct ebox_attachment *attachments;
	size_t n_attachments;
	struct ebox_payment *payment;         /* NULL when absent */
	struct ebox_business_data *business;
	size_t n_business;
	struct tstring body;    /* filled from GET .../body; empty until then */
	bool has_body;
};

void ebox_attachment_done(struct ebox_attachment *a);
void ebox_payment_free(struct ebox_payment *p);
void ebox_business_data_done(struct ebox_business_data *b);
void ebox_message_free(struct ebox_message *m);
/* Frees what m holds and zeroes it; the struct itself stays (for messages
 * embedded in an array). */
void ebox_message_clear(struct ebox_message *m);
/* Keeps what an index needs (ids, subject, dates, flags, sender, type,
 * partition, fta name, payment amount, currency and due date) and frees
 * the rest: documents, business data, text, payment details. */
void ebox_message_lean(struct ebox_message *m);
/* A deep copy (the mailbox keeps its own). */
struct ebox_message *ebox_message_dup(const struct ebox_message *m);
/* The main attachment, or NULL (body-main messages, bad data). */
const struct ebox_attachment *ebox_message_main(const struct ebox_message *m);

/* A page of messages: the envelope {items, totalItems}.  A message that
 * cannot be read is left out of items and counted in rejected; the page
 * and its other messages are kept (lenient per item). */
struct ebox_message_list {
	struct ebox_message **items;
	size_t n;
	long total;             /* totalItems (rejected ones included) */
	size_t rejected;        /* items left out */
	char *rejected_reason;  /* the first one's sentence ("message 3 has
	                           no messageId"), or NULL; owned */
};
void ebox_message_list_done(struct ebox_message_list *l);

struct ebox_summary {           /* GET /ebox */
	long n_messages;
	long n_unread;          /* -1 when absent */
	time_t last_receipt;
	time_t last_consultation;
	double size_kb;
};

struct ebox_provider {          /* federation MessageProvider */
	char *id;
	struct tstring name;
	struct tstring description;
	char *url;              /* root of its Message Registry, ends in '/' */
	time_t activation;      /* 0 when absent */
	time_t deactivation;    /* 0 when absent */
	char *api_version;
	char *technical_contact;
	struct { time_t start, end; } *maintenance;
	size_t n_maintenance;
};
void ebox_provider_done(struct ebox_provider *p);
/* True when active at time now: activated, not deactivated, not in a
 * planned-maintenance window (*why gets a reason when false, marked N_()
 * and in English: translate it where it is shown). */
bool ebox_provider_active(const struct ebox_provider *p, time_t now,
    const char **why);

struct ebox_message_type {
	char *id;
	struct tstring name;
	struct tstring description;
	long validity_number;
	char *validity_unit;    /* day | month | year */
};
struct ebox_organization {
	char *id;
	struct tstring short_name;
	struct tstring long_name;
	struct tstring url;
};
struct ebox_application {
	char *id;
	struct tstring name;
	struct tstring description;
	struct tstring url;
};
void ebox_message_type_done(struct ebox_message_type *t);
void ebox_organization_done(struct ebox_organization *o);
void ebox_application_done(struct ebox_application *a);

/* StatusMessage: the error body of every endpoint; a publication's
 * answer (PublicationStatusMessage, and the 409 of a repeated
 * Idempotency-Key) adds the message id and its expiry date. */
struct ebox_status {
	char *id, *code, *message, *contact, *environment;
	char *message_id, *expiration_date;
};
void ebox_status_done(struct ebox_status *s);

#endif
