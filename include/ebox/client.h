/* client.h - the Message Registry client: one function per consultation
 * endpoint and the provider registry (the sync that uses them to fill
 * the store and the mailbox is the app layer's: src/app/sync.c).
 *
 * Every call is asynchronous: it submits through auth (bearer token, 401
 * refetch) and net (retries, caps) and calls back from inside net_poll()
 * with a decoded result (ownership passes to the callback) or an error
 * sentence that names the provider.  Non-2xx answers become errors whose
 * sentence comes from the StatusMessage body when there is one.
 */
#ifndef EBOX_CLIENT_H
#define EBOX_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ebox/auth.h"
#include "ebox/err.h"
#include "ebox/model.h"
#include "ebox/net.h"

struct ebox_client;

struct ebox_client_opts {
	struct net *net;            /* not owned */
	struct auth *auth;          /* not owned */
	const char *registry_url;   /* federation root (…/federation/v1/) or NULL */
	const char *provider_url;   /* one Message Registry root, or NULL */
	int page_size;              /* 1..100 */
	const char *lang;           /* names providers in sentences; not
	                               owned, outlives the client */
};

struct ebox_client *ebox_client_new(const struct ebox_client_opts *o,
    struct err *e);
/* Free the net first: net_free() cancels the calls in flight, whose
 * callbacks still reach the client. */
void ebox_client_free(struct ebox_client *c);
/* Messages per page of a list request. */
int ebox_client_page_size(const struct ebox_client *c);

/* The registry (or the single provider_url) ------------------------------ */

enum provider_state {
	PROVIDER_WAITING,       /* not asked yet */
	PROVIDER_LOADING,
	PROVIDER_OK,            /* every page arrived */
	PROVIDER_FAILED,        /* err says why */
	PROVIDER_INACTIVE,      /* deactivated, not yet active or in maintenance */
};
extern const char *const provider_state_names[];  /* "waiting", ... */

struct ebox_source {            /* one provider as the client sees it */
	struct ebox_provider info;
	enum provider_state state;
	struct err err;
	long total;             /* totalItems of its message list, -1 unknown */
	long received;          /* messages received so far */
	bool v3_refdata;        /* answers refData/ instead of referenceData/ */
};

/* Called with the providers known after the registry answered (or failed:
 * e set, n == 0).  The array stays owned by the client. */
typedef void (*ebox_sources_fn)(struct ebox_source *s, size_t n,
    const struct err *e, void *ud);
/* fn runs before this returns when the providers are already known (the
 * result is NULL then); else a handle for ebox_cancel. */
struct auth_call *ebox_fetch_sources(struct ebox_client *c,
    ebox_sources_fn fn, void *ud);
struct ebox_source *ebox_client_sources(struct ebox_client *c, size_t *n);
struct ebox_source *ebox_client_source(struct ebox_client *c, const char *id);
/* How sentences name s: its display name in the client's language,
 * sanitised (the registry sent it), else its id; "the provider registry"
 * (translated) for the registry itself.  Fills buf and returns it. */
const char *ebox_client_source_name(const struct ebox_client *c,
    const struct ebox_source *s, char *buf, size_t size);

/* One function per endpoint ---------------------------------------------- */

struct ebox_query {             /* GET ebox/messages filters (NULL/-1: none) */
	int page;               /* from 1 */
	int read;               /* -1, 0, 1 */
	int visible;
	int registered;
	const char *q;
	const char *qlang;
	const char *message_type_id;
	const char *sender_org_id;
	const char *sender_app_id;
	const char *partition_id;
	const char *received_after, *received_before;   /* yyyy-mm-dd */
	const char *expired_after, *expired_before;
};
void ebox_query_init(struct ebox_query *q);

typedef void (*ebox_summary_fn)(struct ebox_source *s,
    const struct ebox_summary *sum, const struct err *e, void *ud);
typedef void (*ebox_messages_fn)(struct ebox_source *s,
    struct ebox_message_list *list, const struct err *e, void *ud);
typedef void (*ebox_message_fn)(struct ebox_source *s,
    struct ebox_message *m, const struct err *e, void *ud);
typedef void (*ebox_attachments_fn)(struct ebox_source *s,
    struct ebox_attachment *a, size_t n, const struct err *e, void *ud);
typedef void (*ebox_body_fn)(struct ebox_source *s, struct tstring *body,
    const struct err *e, void *ud);
typedef void (*ebox_payment_fn)(struct ebox_source *s,
    struct ebox_payment *p, const struct err *e, void *ud);
typedef void (*ebox_done_fn)(struct ebox_source *s, const struct err *e,
    void *ud);
/* A download: bytes written to the caller's fd and their SHA-256. */
typedef void (*ebox_download_fn)(struct ebox_source *s, int64_t bytes,
    const unsigned char sha256[32], const struct err *e, void *ud);

void ebox_get_summary(struct ebox_client *c, struct ebox_source *s,
    ebox_summary_fn fn, void *ud);
/* Returns a handle for ebox_cancel, valid until fn has run. */
struct auth_call *ebox_get_messages(struct ebox_client *c,
    struct ebox_source *s, const struct ebox_query *q, ebox_messages_fn fn,
    void *ud);
void ebox_get_message(struct ebox_client *c, struct ebox_source *s,
    const char *id, ebox_message_fn fn, void *ud);
void ebox_get_attachments(struct ebox_client *c, struct ebox_source *s,
    const char *id, ebox_attachments_fn fn, void *ud);
void ebox_get_body(struct ebox_client *c, struct ebox_source *s,
    const char *id, ebox_body_fn fn, void *ud);
void ebox_get_payment(struct ebox_client *c, struct ebox_source *s,
    const char *id, ebox_payment_fn fn, void *ud);
/* Streams the content of attachment a to fd (see net.h file sinks),
 * capped from its announced size (ebox_download_cap) and by
 * max_document_size.  The handle stays valid until fn has run;
 * ebox_cancel() stops the download (fn then runs with ERR_CANCELLED). */
struct auth_call *ebox_download(struct ebox_client *c, struct ebox_source *s,
    const char *message_id, const struct ebox_attachment *a, int fd,
    net_progress_fn progress, ebox_download_fn fn, void *ud);
/* Bytes accepted for a document announced as size_kb; 0 = no announced
 * size (net's max_document_size applies). */
int64_t ebox_download_cap(double size_kb);
void ebox_cancel(struct ebox_client *c, struct auth_call *call);
/* PATCH ebox/messages: sets visible on every id (merge-patch). */
void ebox_set_visible(struct ebox_client *c, struct ebox_source *s,
    const char *const *ids, size_t n, bool visible, ebox_done_fn fn,
    void *ud);

/* Moving a message to another partition is a v3 operation (PATCH of one
 * message, merge-patch {"partitionId": ...}); 2.1 registries cannot. */
bool ebox_can_move(const struct ebox_source *s);
void ebox_move(struct ebox_client *c, struct ebox_source *s, const char *id,
    const char *partition, ebox_done_fn fn, void *ud);

/* A reply, published as Message Registry 2.1 does it (EBOX-API.md 4.6):
 * POST publishMessage, multipart/form-data with the MessageToPublish
 * JSON as part messageToPublish and the files as upfile1..upfileN.
 * With an Idempotency-Key the POST is safe to repeat, so net retries it
 * like a GET; a 409 DUPLICATE_PUBLICATION for that key (an earlier
 * attempt got through, its answer was lost) counts as success with the
 * first messageId (duplicate set). */
struct multipart_part;
struct ebox_publication {
	const char *message_json;
	const struct multipart_part *files;     /* names upfile1.. */
	size_t n_files;
	const char *idempotency_key;            /* or NULL */
};
typedef void (*ebox_published_fn)(struct ebox_source *s,
    const char *message_id, const char *expiration_date, bool duplicate,
    const struct err *e, void *ud);
void ebox_publish(struct ebox_client *c, struct ebox_source *s,
    const struct ebox_publication *p, ebox_published_fn fn, void *ud);

/* Reference data, cached per provider for the session. */
typedef void (*ebox_refdata_fn)(struct ebox_source *s, const struct err *e,
    void *ud);
/* Fetches every sender organisation and message type of s (all pages)
 * into the client's cache of s: ebox_organization_of() and friends, and
 * ebox_refdata() for all of them.  The handle is valid until fn ran;
 * ebox_cancel_refdata stops it (fn then runs with ERR_CANCELLED).  The two
 * lists are asked at once, or one after the other with serial (one
 * request in flight at a time). */
struct refdata_wait;
struct refdata_wait *ebox_get_refdata(struct ebox_client *c,
    struct ebox_source *s, bool serial, ebox_refdata_fn fn, void *ud);
void ebox_cancel_refdata(struct ebox_client *c, struct refdata_wait *w);
/* The cached reference data of s (valid until the next
 * ebox_get_refdata of s). */
void ebox_refdata(struct ebox_client *c, const struct ebox_source *s,
    const struct ebox_organization **orgs, size_t *n_orgs,
    const struct ebox_message_type **types, size_t *n_types);
const struct ebox_organization *ebox_organization_of(struct ebox_client *c,
    const struct ebox_source *s, const char *org_id);
const struct ebox_message_type *ebox_message_type_of(struct ebox_client *c,
    const struct ebox_source *s, const char *type_id);

#endif
