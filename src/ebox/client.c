/* client.c - one function per Message Registry endpoint.
 *
 * Every endpoint goes through call_submit(): the URL is built from the
 * provider's root (never from a server-sent href, so the token only goes
 * where the registry said), the request runs through auth and net, and
 * call_done() turns the answer into a decoded result or a sentence that
 * names the provider.  What differs per endpoint is one row of call_kinds.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/client.h"
#include "ebox/decode.h"
#include "ebox/multipart.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"
#include "client-private.h"

const char *const provider_state_names[] = {
	"waiting", "loading", "ok", "failed", "inactive", NULL
};

struct call;
typedef void (*call_finish_fn)(struct call *k, const char *body, size_t len);
typedef void (*call_fail_fn)(struct call *k, const struct err *e);
typedef bool (*call_other_fn)(struct call *k, const struct net_response *r);

/* What an endpoint does with a 2xx body, and how it reports a failure. */
struct call_kind {
	const char *what;       /* for sentences: "the message list" */
	call_finish_fn finish;
	call_fail_fn fail;
	call_other_fn other;    /* a non-2xx answer this endpoint reads
	                           itself (true: done), or NULL */
};

struct call {
	struct ebox_client *c;
	struct ebox_source *s;
	const struct call_kind *kind;
	void *fn;               /* the caller's typed callback */
	void *ud;
	char *url;              /* kept for the refData/ fallback */
	net_progress_fn progress;       /* downloads: the caller's, with ud */
	bool fallback_tried;
	struct call_page page;  /* refdata paging state */
	struct auth_call **slot;        /* where its handle is kept, or NULL */
	bool idempotent;        /* a POST made safe to repeat (its
	                           Idempotency-Key): net may retry it */
};

static struct auth_call *call_submit(struct call *k, const char *method,
    const char *body, size_t body_len, const char *const *headers, int fd,
    net_progress_fn progress);

char *
client_url(const struct ebox_source *s, const char *fmt, ...)
{
	const char *root = s->info.url;
	size_t n = strlen(root);
	char *tail, *url;
	va_list ap;

	va_start(ap, fmt);
	tail = xvasprintf(fmt, ap);
	va_end(ap);
	url = xasprintf("%s%s%s", root, (n > 0 && root[n - 1] == '/') ? "" : "/",
	    tail);
	free(tail);
	return url;
}

static struct call *
call_new(struct ebox_client *c, struct ebox_source *s,
    const struct call_kind *kind, void *fn, void *ud)
{
	struct call *k = xcalloc(1, sizeof *k);

	k->c = c;
	k->s = s;
	k->kind = kind;
	k->fn = fn;
	k->ud = ud;
	return k;
}

static void
call_free(struct call *k)
{
	free(k->url);
	free(k);
}

/* A request that never got an answer (net or auth failed): the sentence
 * names the provider for people and, when there was no connection at
 * all, says what to do. */
static void
call_net_error(struct call *k, const struct err *failed, struct err *e)
{
	char name[128];

	ebox_client_source_name(k->c, k->s, name, sizeof name);
	if (failed->code == ERR_OFFLINE)
		/* TRANSLATORS: %1$s is a mail provider's name (or "the
		 * provider registry"), %2$s why it could not be reached. */
		err_set(e, failed->code, _("%1$s cannot be reached: %2$s; "
		    "check your connection, or try again later"), name,
		    failed->msg);
	else
		/* TRANSLATORS: a mail provider's name (or "the provider
		 * registry"), then what went wrong with it. */
		err_set(e, failed->code, _("%s: %s"), name, failed->msg);
}

/* Turns a non-2xx answer into a sentence, preferring the server's own
 * StatusMessage text (sanitised: it is untrusted). */
static void
call_http_error(struct call *k, const struct net_response *r, struct err *e)
{
	struct ebox_status st;
	struct err ignored;
	char *detail = NULL, name[128], base[ERR_MSG_MAX];
	int code;

	memset(&st, 0, sizeof st);
	if (r->len > 0 && decode_status(r->body, r->len, &st, &ignored) == 0 &&
	    st.message != NULL)
		detail = sanitize_text(st.message, 0);

	switch (r->status) {
	case 401:
	case 403:
		code = ERR_AUTH;
		break;
	case 404:
	case 410:
		code = ERR_NOTFOUND;
		break;
	default:
		code = r->status >= 500 || r->status == 429 ? ERR_NET : ERR_DATA;
		break;
	}
	ebox_client_source_name(k->c, k->s, name, sizeof name);
	if (r->status == 403)
		snprintf(base, sizeof base, _("%s refused access to %s: the "
		    "account's token lacks the scope for it (HTTP 403)"), name,
		    _(k->kind->what));
	else
		snprintf(base, sizeof base, _("%s could not give %s: %s"), name,
		    _(k->kind->what), net_status_text(r->status));
	/* The server's own words last, after the language's colon. */
	if (detail != NULL)
		err_set(e, code, _("%s: %s"), base, detail);
	else
		err_set(e, code, "%s", base);
	free(detail);
	ebox_status_done(&st);
}

static void
call_done(const struct net_response *r, void *ud)
{
	struct call *k = ud;
	struct err e;

	err_clear(&e);
	if (k->slot != NULL)
		*k->slot = NULL;        /* over (unless resubmitted below) */
	if (r->err.code != 0) {
		call_net_error(k, &r->err, &e);
		k->kind->fail(k, &e);
	} else if (r->status == 404 && k->page.refdata && !k->fallback_tried) {
		/* v3 registries spell the prefix refData/, v2.1 referenceData/. */
		k->fallback_tried = true;
		k->s->v3_refdata = !k->s->v3_refdata;
		free(k->url);
		k->url = client_refdata_url(k->s, &k->page);
		call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
		return;
	} else if ((r->status < 200 || r->status > 299) &&
	    k->kind->other != NULL && k->kind->other(k, r)) {
		;                       /* the endpoint read it */
	} else if (r->status < 200 || r->status > 299) {
		call_http_error(k, r, &e);
		k->kind->fail(k, &e);
	} else {
		k->kind->finish(k, r->body ? r->body : "", r->len);
	}
	call_free(k);
}

static struct auth_call *
call_submit(struct call *k, const char *method, const char *body,
    size_t body_len, const char *const *headers, int fd,
    net_progress_fn progress)
{
	static const char *const json_headers[] = {
		"Accept: application/json", NULL
	};
	struct net_request_spec spec;
	struct auth_call *h;

	memset(&spec, 0, sizeof spec);
	spec.method = method;
	spec.url = k->url;
	spec.headers = headers ? headers : json_headers;
	spec.body = body;
	spec.body_len = body_len;
	spec.fd = fd;
	spec.idempotent = method == NULL || strcmp(method, "GET") == 0 ||
	    k->idempotent;
	spec.no_total_timeout = fd >= 0;
	spec.done = call_done;
	spec.progress = progress;
	spec.ud = k;
	h = auth_submit(k->c->auth, &spec);
	if (k->slot != NULL)
		*k->slot = h;
	return h;
}

/* Decoding failures name the provider and what was being read. */
static void
call_decode_error(struct call *k, struct err *e)
{
	char name[128], head[256], why[ERR_MSG_MAX];

	ebox_client_source_name(k->c, k->s, name, sizeof name);
	snprintf(head, sizeof head, _("%s sent %s that could not be read"),
	    name, _(k->kind->what));
	snprintf(why, sizeof why, "%s", e->msg);
	/* Not err_prefix: the colon is the language's (French " : "). */
	err_set(e, e->code == 0 || e->code == ERR_TOOBIG ? ERR_DATA : e->code,
	    _("%s: %s"), head, why);
}

/* --- summary ------------------------------------------------------------ */

static void
summary_finish(struct call *k, const char *body, size_t len)
{
	struct ebox_summary sum;
	struct err e;

	err_clear(&e);
	if (decode_summary(body, len, &sum, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_summary_fn)k->fn)(k->s, NULL, &e, k->ud);
		return;
	}
	((ebox_summary_fn)k->fn)(k->s, &sum, NULL, k->ud);
}

static void
summary_fail(struct call *k, const struct err *e)
{
	((ebox_summary_fn)k->fn)(k->s, NULL, e, k->ud);
}

static const struct call_kind call_summary = {
	N_("the mailbox summary"), summary_finish, summary_fail, NULL
};

void
ebox_get_summary(struct ebox_client *c, struct ebox_source *s,
    ebox_summary_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_summary, (void *)fn, ud);

	k->url = client_url(s, "ebox");
	call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}

/* --- message list --------------------------------------------------------- */

static void
messages_finish(struct call *k, const char *body, size_t len)
{
	struct ebox_message_list list;
	struct err e;
	size_t i;

	err_clear(&e);
	if (decode_messages(body, len, &list, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_messages_fn)k->fn)(k->s, NULL, &e, k->ud);
		return;
	}
	for (i = 0; i < list.n; i++)
		list.items[i]->provider_id = xstrdup(k->s->info.id);
	((ebox_messages_fn)k->fn)(k->s, &list, NULL, k->ud);
}

static void
messages_fail(struct call *k, const struct err *e)
{
	((ebox_messages_fn)k->fn)(k->s, NULL, e, k->ud);
}

static const struct call_kind call_messages = {
	N_("the message list"), messages_finish, messages_fail, NULL
};

void
ebox_query_init(struct ebox_query *q)
{
	memset(q, 0, sizeof *q);
	q->page = 1;
	q->read = q->visible = q->registered = -1;
}

/* Appends "&name=value" (escaped) when value is set. */
static void
query_add(struct buf *b, const char *name, const char *value)
{
	char *v;

	if (value == NULL)
		return;
	v = net_escape(value);
	buf_printf(b, "&%s=%s", name, v);
	free(v);
}

static void
query_add_bool(struct buf *b, const char *name, int value)
{
	if (value >= 0)
		query_add(b, name, value ? "true" : "false");
}

char *
client_messages_path(const struct ebox_query *q, int page_size)
{
	struct buf b;

	buf_init(&b, 8192);
	buf_printf(&b, "ebox/messages?page=%d&pageSize=%d",
	    q->page > 0 ? q->page : 1, page_size);
	query_add_bool(&b, "readStatus", q->read);
	query_add_bool(&b, "visible", q->visible);
	query_add_bool(&b, "registeredMail", q->registered);
	query_add(&b, "q", q->q);
	query_add(&b, "qlang", q->qlang);
	query_add(&b, "messageTypeId", q->message_type_id);
	query_add(&b, "senderOrganizationId", q->sender_org_id);
	query_add(&b, "senderApplicationId", q->sender_app_id);
	query_add(&b, "partitionId", q->partition_id);
	query_add(&b, "receivedAfter", q->received_after);
	query_add(&b, "receivedBefore", q->received_before);
	query_add(&b, "expiredAfter", q->expired_after);
	query_add(&b, "expiredBefore", q->expired_before);
	return buf_steal(&b);
}

struct auth_call *
ebox_get_messages(struct ebox_client *c, struct ebox_source *s,
    const struct ebox_query *q, ebox_messages_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_messages, (void *)fn, ud);
	char *path = client_messages_path(q, c->page_size);

	k->url = client_url(s, "%s", path);
	free(path);
	return call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}

/* --- one message -------------------------------------------------------- */

static void
message_finish(struct call *k, const char *body, size_t len)
{
	struct ebox_message *m = NULL;
	struct err e;

	err_clear(&e);
	if (decode_message(body, len, &m, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_message_fn)k->fn)(k->s, NULL, &e, k->ud);
		return;
	}
	m->provider_id = xstrdup(k->s->info.id);
	((ebox_message_fn)k->fn)(k->s, m, NULL, k->ud);
}

static void
message_fail(struct call *k, const struct err *e)
{
	((ebox_message_fn)k->fn)(k->s, NULL, e, k->ud);
}

static const struct call_kind call_message = {
	N_("the message"), message_finish, message_fail, NULL
};

void
ebox_get_message(struct ebox_client *c, struct ebox_source *s,
    const char *id, ebox_message_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_message, (void *)fn, ud);
	char *eid = net_escape(id);

	k->url = client_url(s, "ebox/messages/%s", eid);
	free(eid);
	call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}

/* --- attachments ---------------------------------------------------------- */

static void
attachments_finish(struct call *k, const char *body, size_t len)
{
	struct ebox_attachment *a = NULL;
	size_t n = 0;
	struct err e;

	err_clear(&e);
	if (decode_attachments(body, len, &a, &n, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_attachments_fn)k->fn)(k->s, NULL, 0, &e, k->ud);
		return;
	}
	((ebox_attachments_fn)k->fn)(k->s, a, n, NULL, k->ud);
}

static void
attachments_fail(struct call *k, const struct err *e)
{
	((ebox_attachments_fn)k->fn)(k->s, NULL, 0, e, k->ud);
}

static const struct call_kind call_attachments = {
	N_("the list of documents"), attachments_finish, attachments_fail, NULL
};

void
ebox_get_attachments(struct ebox_client *c, struct ebox_source *s,
    const char *id, ebox_attachments_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_attachments, (void *)fn, ud);
	char *eid = net_escape(id);

	k->url = client_url(s, "ebox/messages/%s/attachments", eid);
	free(eid);
	call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}

/* --- body ------------------------------------------------------------------ */

static void
body_finish(struct call *k, const char *body, size_t len)
{
	struct tstring t;
	struct err e;

	err_clear(&e);
	memset(&t, 0, sizeof t);
	if (decode_tstring(body, len, &t, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_body_fn)k->fn)(k->s, NULL, &e, k->ud);
		return;
	}
	((ebox_body_fn)k->fn)(k->s, &t, NULL, k->ud);
}

static void
body_fail(struct call *k, const struct err *e)
{
	((ebox_body_fn)k->fn)(k->s, NULL, e, k->ud);
}

static const struct call_kind call_body = {
	N_("the message text"), body_finish, body_fail, NULL
};

void
ebox_get_body(struct ebox_client *c, struct ebox_source *s, const char *id,
    ebox_body_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_body, (void *)fn, ud);
	char *eid = net_escape(id);

	k->url = client_url(s, "ebox/messages/%s/body", eid);
	free(eid);
	call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}

/* --- payment data ------------------------------------------------------------ */

static void
payment_finish(struct call *k, const char *body, size_t len)
{
	struct ebox_payment *p = NULL;
	struct err e;

	err_clear(&e);
	if (decode_payment(body, len, &p, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_payment_fn)k->fn)(k->s, NULL, &e, k->ud);
		return;
	}
	((ebox_payment_fn)k->fn)(k->s, p, NULL, k->ud);
}

static void
payment_fail(struct call *k, const struct err *e)
{
	((ebox_payment_fn)k->fn)(k->s, NULL, e, k->ud);
}

static const struct call_kind call_payment = {
	N_("the payment data"), payment_finish, payment_fail, NULL
};

void
ebox_get_payment(struct ebox_client *c, struct ebox_source *s,
    const char *id, ebox_payment_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_payment, (void *)fn, ud);
	char *eid = net_escape(id);

	k->url = client_url(s, "ebox/messages/%s/paymentData", eid);
	free(eid);
	call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}

/* --- content download ------------------------------------------------------ */

/* Downloads need the net response itself (bytes and hash), so they bypass
 * call_done's body-only finish and use their own completion. */
static void
download_done(const struct net_response *r, void *ud)
{
	struct call *k = ud;
	ebox_download_fn fn = (ebox_download_fn)k->fn;
	struct err e;

	err_clear(&e);
	if (r->err.code != 0) {
		call_net_error(k, &r->err, &e);
		fn(k->s, r->bytes, NULL, &e, k->ud);
	} else if ((r->status < 200 || r->status > 299) &&
	    k->kind->other != NULL && k->kind->other(k, r)) {
		;                       /* the endpoint read it */
	} else if (r->status < 200 || r->status > 299) {
		call_http_error(k, r, &e);
		fn(k->s, r->bytes, NULL, &e, k->ud);
	} else if (r->expected >= 0 && r->bytes != r->expected) {
		char name[128];

		ebox_client_source_name(k->c, k->s, name, sizeof name);
		/* TRANSLATORS: the plural follows the announced size. */
		err_set(&e, ERR_INTEGRITY, ngettext("%s: the download was cut "
		    "after %lld of %lld byte", "%s: the download was cut after "
		    "%lld of %lld bytes", (unsigned long)r->expected), name,
		    (long long)r->bytes, (long long)r->expected);
		fn(k->s, r->bytes, NULL, &e, k->ud);
	} else {
		fn(k->s, r->bytes, r->sha256, NULL, k->ud);
	}
	call_free(k);
}

/* net calls progress with the call; the caller wants its own ud. */
static void
download_progress(int64_t done, int64_t total, void *ud)
{
	struct call *k = ud;

	k->progress(done, total, k->ud);
}

static const struct call_kind call_download = {
	N_("the document"), NULL, NULL, NULL
};

/* The most bytes a document may take: its announced size (kB, a double,
 * loosely rounded by senders) with a generous margin, so that a server
 * announcing 10 kB cannot stream gigabytes; net caps it further at
 * max_document_size.  0 (net's cap) when nothing sane was announced. */
int64_t
ebox_download_cap(double size_kb)
{
	double bytes;

	if (!(size_kb > 0) || size_kb > 1e12)
		return 0;
	bytes = size_kb * 1024;
	return (int64_t)(bytes * 2 + 1024 * 1024);
}

struct auth_call *
ebox_download(struct ebox_client *c, struct ebox_source *s,
    const char *message_id, const struct ebox_attachment *a, int fd,
    net_progress_fn progress, ebox_download_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_download, (void *)fn, ud);
	char *mid = net_escape(message_id), *aid = net_escape(a->id);
	struct net_request_spec spec;

	k->url = client_url(s, "ebox/messages/%s/attachments/%s/content", mid,
	    aid);
	free(mid);
	free(aid);
	memset(&spec, 0, sizeof spec);
	spec.url = k->url;
	spec.fd = fd;
	spec.max_bytes = ebox_download_cap(a->size_kb);
	if (a->size_kb > 0 && a->size_kb < 1e12)
		spec.announced = (int64_t)(a->size_kb * 1024);
	spec.idempotent = true;
	spec.no_total_timeout = true;
	spec.done = download_done;
	k->progress = progress;
	spec.progress = progress ? download_progress : NULL;
	spec.ud = k;
	return auth_submit(c->auth, &spec);
}

void
ebox_cancel(struct ebox_client *c, struct auth_call *call)
{
	auth_cancel(c->auth, call);
}

/* --- visibility (PATCH, merge-patch) ----------------------------------- */

static void
patch_finish(struct call *k, const char *body, size_t len)
{
	((ebox_done_fn)k->fn)(k->s, NULL, k->ud);
}

static void
patch_fail(struct call *k, const struct err *e)
{
	((ebox_done_fn)k->fn)(k->s, e, k->ud);
}

static const struct call_kind call_patch = {
	N_("the change of visibility"), patch_finish, patch_fail, NULL
};

char *
client_visible_body(const char *const *ids, size_t n, bool visible)
{
	struct buf b;
	size_t i;

	buf_init(&b, (size_t)-1);
	buf_puts(&b, "{\"items\":[");
	for (i = 0; i < n; i++) {
		char *id = client_json_string(ids[i]);

		buf_printf(&b, "%s{\"messageId\":%s,\"visible\":%s}",
		    i ? "," : "", id, visible ? "true" : "false");
		free(id);
	}
	buf_printf(&b, "],\"totalItems\":%zu}", n);
	return buf_steal(&b);
}

void
ebox_set_visible(struct ebox_client *c, struct ebox_source *s,
    const char *const *ids, size_t n, bool visible, ebox_done_fn fn,
    void *ud)
{
	static const char *const headers[] = {
		"Content-Type: application/merge-patch+json",
		"Accept: application/json", NULL
	};
	struct call *k = call_new(c, s, &call_patch, (void *)fn, ud);
	char *body = client_visible_body(ids, n, visible);

	k->url = client_url(s, "ebox/messages");
	call_submit(k, "PATCH", body, strlen(body), headers, -1, NULL);
	free(body);
}

/* --- move to a partition (v3) ---------------------------------------------- */

static const struct call_kind call_move = {
	N_("the move to another partition"), patch_finish, patch_fail, NULL
};

bool
ebox_can_move(const struct ebox_source *s)
{
	const char *v = s->info.api_version;

	return v != NULL && atoi(v) >= 3;
}

void
ebox_move(struct ebox_client *c, struct ebox_source *s, const char *id,
    const char *partition, ebox_done_fn fn, void *ud)
{
	static const char *const headers[] = {
		"Content-Type: application/merge-patch+json",
		"Accept: application/json", NULL
	};
	struct call *k = call_new(c, s, &call_move, (void *)fn, ud);
	char *eid = net_escape(id), *p = client_json_string(partition);
	char *body = xasprintf("{\"partitionId\":%s}", p);

	k->url = client_url(s, "ebox/messages/%s", eid);
	call_submit(k, "PATCH", body, strlen(body), headers, -1, NULL);
	free(eid);
	free(p);
	free(body);
}

/* --- publication (a reply: POST publishMessage, multipart) --------------- */

/* Tells the caller about a PublicationStatusMessage (st), or the 409 of
 * our own key (duplicate). */
static void
publish_answer(struct call *k, const struct ebox_status *st, bool duplicate)
{
	struct err e;

	if (st->message_id == NULL || *st->message_id == '\0') {
		err_set(&e, ERR_DATA, _("the answer has no messageId"));
		call_decode_error(k, &e);
		((ebox_published_fn)k->fn)(k->s, NULL, NULL, false, &e, k->ud);
		return;
	}
	((ebox_published_fn)k->fn)(k->s, st->message_id, st->expiration_date,
	    duplicate, NULL, k->ud);
}

static void
publish_finish(struct call *k, const char *body, size_t len)
{
	struct ebox_status st;
	struct err e;

	err_clear(&e);
	if (decode_status(body, len, &st, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_published_fn)k->fn)(k->s, NULL, NULL, false, &e, k->ud);
		return;
	}
	publish_answer(k, &st, false);
	ebox_status_done(&st);
}

static void
publish_fail(struct call *k, const struct err *e)
{
	((ebox_published_fn)k->fn)(k->s, NULL, NULL, false, e, k->ud);
}

/* 409 DUPLICATE_PUBLICATION: this Idempotency-Key was published before
 * (our own earlier attempt, whose answer was lost): that is a success,
 * with the first publication's messageId. */
static bool
publish_other(struct call *k, const struct net_response *r)
{
	struct ebox_status st;
	struct err e;
	bool mine;

	if (r->status != 409 || r->len == 0 ||
	    decode_status(r->body, r->len, &st, &e) != 0)
		return false;
	mine = st.code != NULL && strcmp(st.code, "DUPLICATE_PUBLICATION") == 0 &&
	    st.message_id != NULL && *st.message_id != '\0';
	if (mine)
		publish_answer(k, &st, true);
	ebox_status_done(&st);
	return mine;
}

static const struct call_kind call_publish = {
	N_("the publication of the reply"), publish_finish, publish_fail,
	publish_other
};

void
ebox_publish(struct ebox_client *c, struct ebox_source *s,
    const struct ebox_publication *p, ebox_published_fn fn, void *ud)
{
	struct call *k = call_new(c, s, &call_publish, (void *)fn, ud);
	struct multipart_part *parts = xcalloc(p->n_files + 1, sizeof *parts);
	char boundary[MULTIPART_BOUNDARY_MAX], *body, *type, *key = NULL;
	const char *headers[4];
	size_t len, n = 0;

	parts[0].name = "messageToPublish";
	parts[0].media_type = "application/json";
	parts[0].data = p->message_json;
	parts[0].len = strlen(p->message_json);
	memcpy(parts + 1, p->files, p->n_files * sizeof *parts);
	body = multipart_build(parts, p->n_files + 1, boundary, &len);
	type = xasprintf("Content-Type: multipart/form-data; boundary=%s",
	    boundary);
	headers[n++] = type;
	headers[n++] = "Accept: application/json";
	if (p->idempotency_key != NULL) {
		key = xasprintf("Idempotency-Key: %s", p->idempotency_key);
		headers[n++] = key;
		k->idempotent = true;
	}
	headers[n] = NULL;
	k->url = client_url(s, "publishMessage");
	call_submit(k, "POST", body, len, headers, -1, NULL);
	free(parts);
	free(body);
	free(type);
	free(key);
}

/* --- reference data (paged lists, cached per provider) ------------------- */

char *
client_refdata_url(const struct ebox_source *s, const struct call_page *p)
{
	return client_url(s, "%s/%s?page=%d&pageSize=100",
	    s->v3_refdata ? "refData" : "referenceData",
	    p->refdata == REFDATA_TYPES ? "messageTypes" : "senderOrganizations",
	    p->page);
}

static void refdata_request(struct ebox_client *c, struct ebox_source *s,
    enum refdata_kind kind, int page, struct refdata_wait *w);

static void
refdata_step_done(struct ebox_client *c, struct ebox_source *s,
    struct refdata_wait *w, const struct err *e)
{
	if (e != NULL && w->err.code == 0)
		w->err = *e;
	if (--w->pending > 0) {
		if (w->serial && w->pending == 1)
			refdata_request(c, s, REFDATA_TYPES, 1, w);
		return;
	}
	client_refcache(c, s)->loaded = true;
	w->fn(s, w->err.code ? &w->err : NULL, w->ud);
	free(w);
}

static void
refdata_finish(struct call *k, const char *body, size_t len)
{
	struct refcache *rc = client_refcache(k->c, k->s);
	struct refdata_wait *w = k->ud;
	long total = 0;
	size_t n = 0, got;
	struct err e;
	int r;

	err_clear(&e);
	if (k->page.refdata == REFDATA_TYPES) {
		struct ebox_message_type *t = NULL;

		r = decode_message_types(body, len, &t, &n, &total, &e);
		if (r == 0) {
			rc->types = xreallocarray(rc->types, rc->n_types + n,
			    sizeof *t);
			memcpy(rc->types + rc->n_types, t, n * sizeof *t);
			rc->n_types += n;
			free(t);
		}
		got = rc->n_types;
	} else {
		struct ebox_organization *o = NULL;

		r = decode_organizations(body, len, &o, &n, &total, &e);
		if (r == 0) {
			rc->orgs = xreallocarray(rc->orgs, rc->n_orgs + n,
			    sizeof *o);
			memcpy(rc->orgs + rc->n_orgs, o, n * sizeof *o);
			rc->n_orgs += n;
			free(o);
		}
		got = rc->n_orgs;
	}
	if (r != 0) {
		call_decode_error(k, &e);
		refdata_step_done(k->c, k->s, w, &e);
		return;
	}
	/* Another page when the list is longer and this one was not empty. */
	if (n > 0 && (long)got < total && k->page.page < 100) {
		refdata_request(k->c, k->s, k->page.refdata, k->page.page + 1, w);
		return;
	}
	refdata_step_done(k->c, k->s, w, NULL);
}

static void
refdata_fail(struct call *k, const struct err *e)
{
	refdata_step_done(k->c, k->s, k->ud, e);
}

static const struct call_kind call_refdata = {
	N_("its reference data"), refdata_finish, refdata_fail, NULL
};

static void
refdata_request(struct ebox_client *c, struct ebox_source *s,
    enum refdata_kind kind, int page, struct refdata_wait *w)
{
	struct call *k = call_new(c, s, &call_refdata, NULL, w);

	k->page.refdata = kind;
	k->page.page = page;
	k->slot = &w->calls[kind == REFDATA_ORGS ? 0 : 1];
	k->url = client_refdata_url(s, &k->page);
	call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}

struct refdata_wait *
ebox_get_refdata(struct ebox_client *c, struct ebox_source *s, bool serial,
    ebox_refdata_fn fn, void *ud)
{
	struct refdata_wait *w;

	refcache_clear(client_refcache(c, s));
	w = xcalloc(1, sizeof *w);
	w->fn = fn;
	w->ud = ud;
	w->pending = 2;
	w->serial = serial;
	refdata_request(c, s, REFDATA_ORGS, 1, w);
	if (!serial)
		refdata_request(c, s, REFDATA_TYPES, 1, w);
	return w;
}

void
ebox_cancel_refdata(struct ebox_client *c, struct refdata_wait *w)
{
	struct auth_call *orgs = w->calls[0], *types = w->calls[1];

	/* Each cancel ends one list (fn runs once both have), and the last
	 * one frees w: take both handles first. */
	if (orgs != NULL)
		auth_cancel(c->auth, orgs);
	if (types != NULL)
		auth_cancel(c->auth, types);
}

void
ebox_refdata(struct ebox_client *c, const struct ebox_source *s,
    const struct ebox_organization **orgs, size_t *n_orgs,
    const struct ebox_message_type **types, size_t *n_types)
{
	struct refcache *rc = client_refcache(c, s);

	*orgs = rc->orgs;
	*n_orgs = rc->n_orgs;
	*types = rc->types;
	*n_types = rc->n_types;
}

const struct ebox_organization *
ebox_organization_of(struct ebox_client *c, const struct ebox_source *s,
    const char *org_id)
{
	struct refcache *rc = client_refcache(c, s);
	size_t i;

	if (org_id == NULL)
		return NULL;
	for (i = 0; i < rc->n_orgs; i++) {
		if (rc->orgs[i].id != NULL && strcmp(rc->orgs[i].id, org_id) == 0)
			return &rc->orgs[i];
	}
	return NULL;
}

const struct ebox_message_type *
ebox_message_type_of(struct ebox_client *c, const struct ebox_source *s,
    const char *type_id)
{
	struct refcache *rc = client_refcache(c, s);
	size_t i;

	if (type_id == NULL)
		return NULL;
	for (i = 0; i < rc->n_types; i++) {
		if (rc->types[i].id != NULL &&
		    strcmp(rc->types[i].id, type_id) == 0)
			return &rc->types[i];
	}
	return NULL;
}

/* --- the provider registry (federation 1.3 messageProviders) ------------- */

static void
sources_set(struct ebox_client *c, struct ebox_provider *p, size_t n)
{
	time_t now = time(NULL);
	size_t i;

	c->sources = xcalloc(n ? n : 1, sizeof *c->sources);
	c->refcaches = xcalloc(n ? n : 1, sizeof *c->refcaches);
	c->n_sources = n;
	for (i = 0; i < n; i++) {
		struct ebox_source *s = &c->sources[i];
		const char *why = NULL;

		s->info = p[i];         /* moves the strings */
		s->total = -1;
		err_clear(&s->err);
		if (ebox_provider_active(&s->info, now, &why)) {
			s->state = PROVIDER_WAITING;
		} else {
			s->state = PROVIDER_INACTIVE;
			err_set(&s->err, 0, "%s",
			    _(why != NULL ? why : N_("not active")));
		}
		if (s->info.api_version != NULL && s->info.api_version[0] >= '3')
			s->v3_refdata = true;
	}
	free(p);
	c->sources_known = true;
}

static void
registry_finish(struct call *k, const char *body, size_t len)
{
	struct ebox_provider *p = NULL;
	size_t n = 0;
	struct err e;

	err_clear(&e);
	if (decode_providers(body, len, &p, &n, &e) != 0) {
		call_decode_error(k, &e);
		((ebox_sources_fn)k->fn)(NULL, 0, &e, k->ud);
		return;
	}
	sources_set(k->c, p, n);
	((ebox_sources_fn)k->fn)(k->c->sources, k->c->n_sources, NULL, k->ud);
}

static void
registry_fail(struct call *k, const struct err *e)
{
	((ebox_sources_fn)k->fn)(NULL, 0, e, k->ud);
}

static const struct call_kind call_registry = {
	N_("the list of mail providers"), registry_finish, registry_fail, NULL
};

struct auth_call *
ebox_fetch_sources(struct ebox_client *c, ebox_sources_fn fn, void *ud)
{
	struct call *k;

	if (c->sources_known) {
		fn(c->sources, c->n_sources, NULL, ud);
		return NULL;
	}
	if (c->registry_url == NULL) {
		/* One Message Registry configured directly: no federation. */
		struct ebox_provider *p = xcalloc(1, sizeof *p);

		p->id = xstrdup("ebox");
		p->name.en = xstrdup("eBox");
		p->url = xstrdup(c->provider_url);
		sources_set(c, p, 1);
		fn(c->sources, c->n_sources, NULL, ud);
		return NULL;
	}
	k = call_new(c, &c->registry, &call_registry, (void *)fn, ud);
	k->url = client_url(&c->registry, "messageProviders");
	return call_submit(k, NULL, NULL, 0, NULL, -1, NULL);
}
