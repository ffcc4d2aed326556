/* net.c - the asynchronous HTTPS engine: one curl multi handle, retries as timers. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "ebox/safefile.h"
#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/net.h"
#include "ebox/xalloc.h"

#ifndef VERSION
#define VERSION PACKAGE_VERSION
#endif

/* A non-2xx body sent to a file sink is kept in memory instead (for the
 * caller's error sentence), up to this size; the rest is dropped. */
#define NET_ERROR_BODY_MAX (64 * 1024)
#define NET_PROGRESS_MS 250
#define NET_MAX_REDIRS 3L
/* A Retry-After beyond this is "much later": the caller fails at once
 * anyway (retry_max_ms), and no arithmetic on it can overflow. */
#define NET_RETRY_AFTER_MAX_S (366L * 24 * 3600)

/* Where a request is: each state is one list of struct net, except
 * CALLING (its callback is running, it is on no list). */
enum net_state {
	NET_RUNNING,    /* attached to the multi handle */
	NET_WAITING,    /* waiting for its retry (or deferred failure) timer */
	NET_FINISHED,   /* transfer over, callback not yet run */
	NET_CALLING,
};

struct net_list {
	struct net_request *head;
	struct net_request *tail;
};

struct net_watch {
	struct net_watch *next;
	int fd;
	short events;
	short revents;          /* of the last wait, dispatched after it */
	bool removed;           /* freed once no dispatch walks the list */
	net_watch_fn fn;
	void *ud;
};

#define NET_SINK_BYTES (1 << 20)     /* a download's write buffer */

struct net_timer {
	struct net_timer *next; /* ordered by due time */
	uint64_t due_ms;
	uint64_t seq;           /* order of adding (net_timer_fire) */
	net_timer_fn fn;
	void *ud;
};

struct net {
	CURLM *multi;
	char *ca_file;
	char *user_agent;
	long connect_timeout_s;
	long low_speed_time_s;
	long min_speed;
	long total_timeout_s;
	int max_retries;
	long retry_base_ms;
	long retry_max_ms;
	size_t max_body;
	int64_t max_file;
	struct net_list running;
	struct net_list waiting;        /* ordered by due time */
	struct net_list finished;
	int pending;
	int holds;
	struct net_watch *watches;
	size_t n_watches;       /* not removed */
	int dispatching;        /* > 0 while watch callbacks run */
	struct net_timer *timers;
	uint64_t timer_seq;     /* of the last timer added */
};

struct net_request {
	struct net *n;
	struct net_request *prev, *next;
	enum net_state state;
	CURL *easy;                     /* NULL for a deferred failure */
	struct curl_slist *headers;
	char *url;
	char *body;                     /* our copy, stable across retries */
	size_t body_len;
	int fd;
	int64_t max_bytes;              /* file sink cap */
	bool secret;                    /* wipe headers, body, answer */
	bool idempotent;
	net_done_fn done;
	net_progress_fn progress;
	void *ud;
	int attempts;
	uint64_t due_ms;
	CURLcode result;                /* of the last attempt */
	struct err fail;                /* sink error, or a deferred failure */
	char errbuf[CURL_ERROR_SIZE];

	/* State of the current attempt, reset before each try. */
	struct buf mem;
	long status;                    /* known once headers have ended */
	bool headers_done;
	char *content_type;
	bool encoded;                   /* Content-Encoding other than identity */
	int64_t expected;
	long retry_after_s;             /* -1: none */
	int64_t bytes;
	EVP_MD_CTX *md;
	char *sink;                     /* file sinks: bytes not yet written */
	size_t sink_len;
	uint64_t progress_ms;
	bool progress_due;
};

static int net_curl_users;  /* curl_global_init reference count */

static uint64_t
net_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* --- lists --------------------------------------------------------------- */

static struct net_list *
net_list_of(struct net *n, enum net_state state)
{
	switch (state) {
	case NET_RUNNING:
		return &n->running;
	case NET_WAITING:
		return &n->waiting;
	case NET_FINISHED:
		return &n->finished;
	default:
		return NULL;
	}
}

static void
net_list_insert_before(struct net_list *l, struct net_request *at,
    struct net_request *r)
{
	r->next = at;
	r->prev = at ? at->prev : l->tail;
	if (r->prev)
		r->prev->next = r;
	else
		l->head = r;
	if (at)
		at->prev = r;
	else
		l->tail = r;
}

/* Takes r off whatever list its state puts it on. */
static void
net_list_remove(struct net_request *r)
{
	struct net_list *l = net_list_of(r->n, r->state);

	if (l == NULL)
		return;
	if (r->prev)
		r->prev->next = r->next;
	else
		l->head = r->next;
	if (r->next)
		r->next->prev = r->prev;
	else
		l->tail = r->prev;
	r->prev = r->next = NULL;
}

/* Puts r on the list of state; the waiting list stays ordered by due. */
static void
net_list_put(struct net_request *r, enum net_state state)
{
	struct net_list *l;
	struct net_request *at = NULL;

	r->state = state;
	if ((l = net_list_of(r->n, state)) == NULL)
		return;
	if (state == NET_WAITING)
		for (at = l->head; at != NULL && at->due_ms <= r->due_ms;
		    at = at->next)
			;
	net_list_insert_before(l, at, r);
}

/* --- per-attempt state and curl callbacks --------------------------------- */

static void
net_attempt_reset(struct net_request *r)
{
	buf_reset(&r->mem);
	r->status = 0;
	r->headers_done = false;
	xfree(&r->content_type);
	r->encoded = false;
	r->expected = -1;
	r->retry_after_s = -1;
	r->bytes = 0;
	r->progress_ms = 0;
	r->progress_due = false;
	r->errbuf[0] = '\0';
	err_clear(&r->fail);
	r->sink_len = 0;
	if (r->md != NULL)
		EVP_DigestInit_ex(r->md, EVP_sha256(), NULL);
}

/* A copy of a header value without surrounding blanks and CR LF. */
static char *
net_header_value(const char *p, size_t len)
{
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == '\n' ||
	    p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	return xstrndup(p, len);
}

/* Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3).
 * The result is in [0, NET_RETRY_AFTER_MAX_S], or -1 when the value is
 * not one of the two forms: a server cannot make us overflow or wait
 * for ever by sending a huge number. */
long
net_parse_retry_after(const char *v, time_t now)
{
	const char *p;
	long s = 0;
	time_t t;

	if (*v >= '0' && *v <= '9') {
		for (p = v; *p >= '0' && *p <= '9'; p++) {
			if (s <= NET_RETRY_AFTER_MAX_S)
				s = s * 10 + (*p - '0');
		}
		if (*p != '\0')
			return -1;
		return s > NET_RETRY_AFTER_MAX_S ? NET_RETRY_AFTER_MAX_S : s;
	}
	if ((t = curl_getdate(v, NULL)) == -1)
		return -1;
	if (t <= now)
		return 0;
	if (t - now > NET_RETRY_AFTER_MAX_S)
		return NET_RETRY_AFTER_MAX_S;
	return (long)(t - now);
}

/* A Content-Length: decimal digits only, else -1 (unknown). */
int64_t
net_parse_length(const char *v)
{
	int64_t n = 0;

	if (*v < '0' || *v > '9')
		return -1;
	for (; *v >= '0' && *v <= '9'; v++) {
		if (n > (INT64_MAX - 9) / 10)
			return -1;
		n = n * 10 + (*v - '0');
	}
	return *v == '\0' ? n : -1;
}

/* Each response (redirects and interim answers included) starts with a
 * status line; what we capture is that of the last one. */
static size_t
net_header_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct net_request *r = ud;
	size_t len = size * nmemb;
	const char *colon;
	char *v;

	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		buf_reset(&r->mem);
		xfree(&r->content_type);
		r->encoded = false;
		r->expected = -1;
		r->retry_after_s = -1;
		r->headers_done = false;
		return len;
	}
	if (len <= 2 && (p[0] == '\r' || p[0] == '\n')) {
		curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &r->status);
		r->headers_done = true;
		return len;
	}
	if ((colon = memchr(p, ':', len)) == NULL)
		return len;
	v = net_header_value(colon + 1, len - (size_t)(colon + 1 - p));
	if (colon - p == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
		free(r->content_type);
		r->content_type = v;
		return len;
	}
	if (colon - p == 14 && strncasecmp(p, "Content-Length", 14) == 0)
		r->expected = net_parse_length(v);
	else if (colon - p == 11 && strncasecmp(p, "Retry-After", 11) == 0)
		r->retry_after_s = net_parse_retry_after(v, time(NULL));
	else if (colon - p == 16 && strncasecmp(p, "Content-Encoding", 16) == 0)
		r->encoded = strcasecmp(v, "identity") != 0;
	free(v);
	return len;
}

/* Writes and hashes what the sink holds; -1 with r->fail set. */
static int
net_sink_flush(struct net_request *r)
{
	if (r->sink_len == 0)
		return 0;
	if (safefile_write_all(r->fd, r->sink, r->sink_len) != 0) {
		err_set(&r->fail, ERR_IO, _("could not write the download: %s"),
		    strerror(errno));
		return -1;
	}
	EVP_DigestUpdate(r->md, r->sink, r->sink_len);
	r->sink_len = 0;
	return 0;
}

/* Returning less than len aborts the transfer (CURLE_WRITE_ERROR); the
 * reason is kept in r->fail.  A download is gathered NET_SINK_BYTES at
 * a time before it is written and hashed: a write and a digest update
 * per 16 KiB of curl's cost a 1 GiB save a third of its speed. */
static size_t
net_write_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct net_request *r = ud;
	size_t len = size * nmemb;
	bool error_body = r->status < 200 || r->status > 299;

	if (r->fd >= 0 && !error_body) {
		if (r->bytes + (int64_t)len > r->max_bytes) {
			err_set(&r->fail, ERR_TOOBIG, ngettext("the "
			    "server sent more than %lld byte for this "
			    "document", "the server sent more than %lld bytes "
			    "for this document", (unsigned long)r->max_bytes),
			    (long long)r->max_bytes);
			return 0;
		}
		if (r->sink == NULL)
			r->sink = xmalloc(NET_SINK_BYTES);
		if (r->sink_len + len > NET_SINK_BYTES &&
		    net_sink_flush(r) != 0)
			return 0;
		if (len >= NET_SINK_BYTES) {    /* larger than the sink */
			if (safefile_write_all(r->fd, p, len) != 0) {
				err_set(&r->fail, ERR_IO, _("could not write the "
				    "download: %s"), strerror(errno));
				return 0;
			}
			EVP_DigestUpdate(r->md, p, len);
		} else {
			memcpy(r->sink + r->sink_len, p, len);
			r->sink_len += len;
		}
	} else if (buf_append(&r->mem, p, len) != 0) {
		if (r->fd >= 0)
			return len;     /* an error page: its start is enough */
		err_set(&r->fail, ERR_TOOBIG, ngettext("the server sent more "
		    "than %zu byte", "the server sent more than %zu bytes",
		    r->mem.max), r->mem.max);
		return 0;
	}
	r->bytes += (int64_t)len;
	return len;
}

/* Only notes that progress is due: the caller's function runs after
 * curl_multi_perform(), where it may call anything in net. */
static int
net_xferinfo_cb(void *ud, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct net_request *r = ud;
	uint64_t now = net_now_ms();

	if (r->bytes > 0 && now - r->progress_ms >= NET_PROGRESS_MS) {
		r->progress_ms = now;
		r->progress_due = true;
	}
	return 0;
}

/* --- requests ----------------------------------------------------------- */

/* Overwrites what may hold a token before the memory goes back. */
static void
net_request_wipe(struct net_request *r)
{
	struct curl_slist *h;

	for (h = r->headers; h != NULL; h = h->next)
		OPENSSL_cleanse(h->data, strlen(h->data));
	if (r->body != NULL)
		OPENSSL_cleanse(r->body, r->body_len);
	if (r->mem.data != NULL)
		OPENSSL_cleanse(r->mem.data, r->mem.cap);
}

static void
net_request_free(struct net_request *r)
{
	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	if (r->secret)
		net_request_wipe(r);
	curl_slist_free_all(r->headers);
	free(r->url);
	free(r->body);
	buf_done(&r->mem);
	free(r->content_type);
	EVP_MD_CTX_free(r->md);
	free(r->sink);
	free(r);
}

static void
net_easy_method(struct net_request *r, const char *method)
{
	CURL *h = r->easy;

	if (method == NULL || strcmp(method, "GET") == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		return;
	}
	if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
		return;
	}
	if (strcmp(method, "POST") != 0)
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	if (r->body != NULL || strcmp(method, "POST") == 0) {
		/* Our copy outlives every attempt, so curl need not copy. */
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)r->body_len);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, r->body ? r->body : "");
	}
}

/* The TLS and protocol policy: not configurable on purpose. */
static void
net_easy_policy(struct net *n, CURL *h)
{
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (n->ca_file != NULL)
		curl_easy_setopt(h, CURLOPT_CAINFO, n->ca_file);
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_2TLS);
	/* Many requests to one server share its HTTP/2 connection: a new
	 * one waits for the first connection to say whether it multiplexes
	 * rather than open its own (hundreds of TLS handshakes at 100 000
	 * messages otherwise). */
	curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTPS);
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	/* A redirect to another host, port or scheme loses the
	 * Authorization header (libcurl >= 7.83, required by configure):
	 * the token only goes where the registry said. */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, NET_MAX_REDIRS);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, n->connect_timeout_s);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, n->low_speed_time_s);
	curl_easy_setopt(h, CURLOPT_USERAGENT, n->user_agent);
}

static void
net_easy_setup(struct net_request *r, const struct net_request_spec *s)
{
	struct net *n = r->n;
	CURL *h = r->easy;

	net_easy_policy(n, h);
	curl_easy_setopt(h, CURLOPT_URL, r->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, r);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, r->errbuf);
	/* A file sink must hash the bytes as sent: no transfer encoding.
	 * Both kinds of sink are capped; a download must also keep a
	 * minimum speed, so a server can neither fill the disk nor hold
	 * a download open for ever by trickling bytes. */
	if (r->fd < 0) {
		curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
		curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)n->max_body);
	} else {
		curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)r->max_bytes);
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, n->min_speed);
	}
	if (s->no_redirects)
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	if (!s->no_total_timeout)
		curl_easy_setopt(h, CURLOPT_TIMEOUT, n->total_timeout_s);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, net_header_cb);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, net_write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	if (r->progress != NULL) {
		curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, net_xferinfo_cb);
		curl_easy_setopt(h, CURLOPT_XFERINFODATA, r);
		curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	}
	net_easy_method(r, s->method);
	if (r->headers != NULL)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, r->headers);
}

/* Copies what the spec points to, so the caller's memory may go away. */
static struct net_request *
net_request_new(struct net *n, const struct net_request_spec *s)
{
	struct net_request *r = xcalloc(1, sizeof *r);
	const char *const *hp;

	r->n = n;
	r->fd = s->fd;
	r->max_bytes = s->max_bytes > 0 && s->max_bytes < n->max_file ?
	    s->max_bytes : n->max_file;
	r->idempotent = s->idempotent;
	r->secret = s->secret;
	r->done = s->done;
	r->progress = s->progress;
	r->ud = s->ud;
	r->url = xstrdup(s->url);
	if (s->body != NULL) {
		r->body = xmalloc(s->body_len + 1);
		memcpy(r->body, s->body, s->body_len);
		r->body[s->body_len] = '\0';
		r->body_len = s->body_len;
	}
	for (hp = s->headers; hp != NULL && *hp != NULL; hp++)
		r->headers = curl_slist_append(r->headers, *hp);
	/* curl's 100-continue wait only costs a round trip here. */
	if (r->body != NULL)
		r->headers = curl_slist_append(r->headers, "Expect:");
	buf_init(&r->mem, r->fd >= 0 ? NET_ERROR_BODY_MAX : n->max_body);
	r->expected = -1;
	r->retry_after_s = -1;
	return r;
}

struct net_request *
net_submit(struct net *n, const struct net_request_spec *s)
{
	struct net_request *r;
	struct err e;

	if (s->fd >= 0 && s->announced > n->max_file) {
		err_set(&e, ERR_TOOBIG, _("the document is %lld MiB, more than "
		    "max_document_size (%lld MiB): raise it to fetch this "
		    "document"), (long long)(s->announced >> 20),
		    (long long)(n->max_file >> 20));
		return net_submit_error(n, s, &e);
	}
	r = net_request_new(n, s);
	n->pending++;
	if ((r->easy = curl_easy_init()) == NULL) {
		err_set(&e, ERR_NET, _("could not start a network transfer"));
		r->fail = e;
		r->due_ms = net_now_ms();
		net_list_put(r, NET_WAITING);
		return r;
	}
	if (r->fd >= 0 && (r->md = EVP_MD_CTX_new()) == NULL)
		fatal("out of memory (EVP_MD_CTX_new)");
	net_easy_setup(r, s);
	net_attempt_reset(r);
	r->attempts = 1;
	if (curl_multi_add_handle(n->multi, r->easy) != CURLM_OK) {
		/* Without a handle net_poll completes it as a failure. */
		err_set(&r->fail, ERR_NET, _("could not start a network "
		    "transfer"));
		curl_easy_cleanup(r->easy);
		r->easy = NULL;
		r->due_ms = net_now_ms();
		net_list_put(r, NET_WAITING);
		return r;
	}
	net_list_put(r, NET_RUNNING);
	return r;
}

struct net_request *
net_submit_error(struct net *n, const struct net_request_spec *s,
    const struct err *e)
{
	struct net_request *r = xcalloc(1, sizeof *r);

	r->n = n;
	r->fd = -1;
	r->done = s->done;
	r->ud = s->ud;
	buf_init(&r->mem, 1);
	r->expected = -1;
	r->fail = *e;
	if (r->fail.code == 0)
		r->fail.code = ERR_NET;
	r->due_ms = net_now_ms();
	n->pending++;
	net_list_put(r, NET_WAITING);
	return r;
}

/* --- error sentences ------------------------------------------------------ */

/* The host (and port) of the URL a transfer was last at; never the path or
 * query, which may carry identifiers. */
static void
net_host(struct net_request *r, char *host, size_t hsize, long *port)
{
	char *url = NULL, *h = NULL, *p = NULL;
	CURLU *u;

	snprintf(host, hsize, "%s", _("the server"));
	*port = 443;
	if (r->easy != NULL)
		curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &url);
	if ((u = curl_url()) == NULL)
		return;
	if (curl_url_set(u, CURLUPART_URL, url ? url : r->url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK) {
		snprintf(host, hsize, "%s", h);
		if (curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) ==
		    CURLUE_OK)
			*port = strtol(p, NULL, 10);
	}
	curl_free(h);
	curl_free(p);
	curl_url_cleanup(u);
}

/* curl's own detail, or its generic text when the buffer is empty. */
static const char *
net_detail(struct net_request *r)
{
	size_t len = strlen(r->errbuf);

	while (len > 0 && (r->errbuf[len - 1] == '\n' ||
	    r->errbuf[len - 1] == '.'))
		r->errbuf[--len] = '\0';
	return len > 0 ? r->errbuf : curl_easy_strerror(r->result);
}

static void
net_transport_error(struct net_request *r, struct err *e)
{
	char host[256];
	long port, os_errno = 0;

	net_host(r, host, sizeof host, &port);
	switch (r->result) {
	case CURLE_COULDNT_RESOLVE_HOST:
		err_set(e, ERR_OFFLINE, _("could not find the server %s (its "
		    "name does not resolve)"), host);
		break;
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(r->easy, CURLINFO_OS_ERRNO, &os_errno);
		err_set(e, ERR_OFFLINE, _("could not connect to %s:%ld (%s)"),
		    host, port, os_errno ? strerror((int)os_errno) :
		    net_detail(r));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		if (r->fd >= 0 && r->bytes > 0)
			err_set(e, ERR_NET, ngettext("the download from %s "
			    "stalled (less than %ld byte per second for %ld s)",
			    "the download from %s stalled (less than %ld bytes "
			    "per second for %ld s)",
			    (unsigned long)r->n->min_speed), host,
			    r->n->min_speed, r->n->low_speed_time_s);
		else if (r->bytes == 0)
			err_set(e, ERR_OFFLINE, _("the connection to %s timed "
			    "out"), host);
		else
			err_set(e, ERR_NET, _("the connection to %s timed out"),
			    host);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		err_set(e, ERR_NET, _("the server's certificate could not be "
		    "verified (%s)"), net_detail(r));
		break;
	case CURLE_SSL_CACERT_BADFILE:
		err_set(e, ERR_NET, _("the CA file %s could not be read (%s)"),
		    r->n->ca_file ? r->n->ca_file : _("(the system's)"),
		    net_detail(r));
		break;
	case CURLE_SSL_CONNECT_ERROR:
		err_set(e, ERR_NET, _("the secure connection to %s failed (%s)"),
		    host, net_detail(r));
		break;
	case CURLE_GOT_NOTHING:
		err_set(e, ERR_NET, _("%s closed the connection without "
		    "answering"), host);
		break;
	case CURLE_PARTIAL_FILE:
		err_set(e, ERR_NET, _("%s cut the transfer short"), host);
		break;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		err_set(e, ERR_NET, _("the connection to %s broke (%s)"), host,
		    net_detail(r));
		break;
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		err_set(e, ERR_NET, _("the HTTP/2 connection to %s failed (%s)"),
		    host, net_detail(r));
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		err_set(e, ERR_NET, ngettext("%s redirected more than %ld time",
		    "%s redirected more than %ld times", NET_MAX_REDIRS), host,
		    NET_MAX_REDIRS);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		err_set(e, ERR_NET, _("refused to leave HTTPS: the address of %s "
		    "is not https://"), host);
		break;
	case CURLE_URL_MALFORMAT:
		err_set(e, ERR_NET, _("the address of %s is not a valid URL"),
		    host);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		if (r->fd >= 0)
			err_set(e, ERR_TOOBIG, ngettext("the server sent "
			    "more than %lld byte for this document", "the "
			    "server sent more than %lld bytes for this "
			    "document", (unsigned long)r->max_bytes),
			    (long long)r->max_bytes);
		else
			err_set(e, ERR_TOOBIG, ngettext("the server sent "
			    "more than %zu byte", "the server sent more than "
			    "%zu bytes", r->n->max_body), r->n->max_body);
		break;
	default:
		err_set(e, ERR_NET, _("the request to %s failed (%s)"), host,
		    net_detail(r));
		break;
	}
}

/* --- completion and retry ------------------------------------------------- */

static bool
net_retryable_code(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static bool
net_retryable_status(long status)
{
	return status == 429 || status == 500 || status == 502 ||
	    status == 503 || status == 504;
}

static uint32_t
net_random(void)
{
	uint32_t rnd = 0;

	if (RAND_bytes((unsigned char *)&rnd, sizeof rnd) != 1)
		rnd = (uint32_t)net_now_ms();
	return rnd;
}

/* Full jitter in [delay/2, delay] spreads clients that failed together.
 * A Retry-After is waited for, plus up to half of it again: requests
 * refused together (a rate limit) would otherwise all come back at the
 * same instant, and the same one could be refused every time. */
static long
net_backoff_ms(struct net_request *r)
{
	struct net *n = r->n;
	long delay = n->retry_base_ms;
	int i;

	if ((r->status == 429 || r->status == 503) && r->retry_after_s >= 0) {
		delay = r->retry_after_s * 1000;
		delay += (long)(net_random() % (uint32_t)(delay / 2 + 1));
		return delay < n->retry_max_ms ? delay : n->retry_max_ms;
	}

	for (i = 1; i < r->attempts && delay < n->retry_max_ms; i++)
		delay *= 2;
	if (delay > n->retry_max_ms)
		delay = n->retry_max_ms;
	return delay / 2 + (long)(net_random() % (uint32_t)(delay - delay / 2 + 1));
}

static bool
net_should_retry(struct net_request *r)
{
	if (!r->idempotent || r->easy == NULL || r->fail.code != 0)
		return false;
	if (r->attempts > r->n->max_retries)
		return false;
	/* A server that asks us to come back later than we are willing to
	 * wait is down for now: say so at once instead of holding the user
	 * (and every other provider's answer) hostage to the wait. */
	if ((r->status == 429 || r->status == 503) &&
	    r->retry_after_s * 1000 >= r->n->retry_max_ms)
		return false;
	if (r->result != CURLE_OK)
		return net_retryable_code(r->result);
	return net_retryable_status(r->status);
}

/* Starts the next attempt of a request whose retry timer has fired. */
static void
net_restart(struct net_request *r)
{
	struct net *n = r->n;

	if (r->fd >= 0 && (ftruncate(r->fd, 0) != 0 ||
	    lseek(r->fd, 0, SEEK_SET) < 0)) {
		err_set(&r->fail, ERR_IO, _("could not restart the download: %s"),
		    strerror(errno));
		net_list_put(r, NET_FINISHED);
		return;
	}
	net_attempt_reset(r);
	r->attempts++;
	if (curl_multi_add_handle(n->multi, r->easy) != CURLM_OK) {
		err_set(&r->fail, ERR_NET, _("could not restart a network "
		    "transfer"));
		net_list_put(r, NET_FINISHED);
		return;
	}
	net_list_put(r, NET_RUNNING);
}

/* A transfer ended: curl is done with the handle; retry or finish. */
static void
net_transfer_done(struct net_request *r, CURLcode result)
{
	struct net *n = r->n;

	net_list_remove(r);
	curl_multi_remove_handle(n->multi, r->easy);
	r->result = result;
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &r->status);
	if (net_should_retry(r)) {
		r->due_ms = net_now_ms() + (uint64_t)net_backoff_ms(r);
		net_list_put(r, NET_WAITING);
		return;
	}
	net_list_put(r, NET_FINISHED);
}

static void
net_response_fill(struct net_request *r, struct net_response *resp,
    char *empty)
{
	unsigned int mdlen = 0;

	memset(resp, 0, sizeof *resp);
	resp->status = r->status;
	resp->body = r->mem.data ? r->mem.data : empty;
	resp->len = r->mem.len;
	resp->content_type = r->content_type;
	resp->bytes = r->bytes;
	resp->expected = r->encoded ? -1 : r->expected;
	resp->attempts = r->attempts;
	/* What the sink still holds is written before the digest is read:
	 * a failure to write it fails the download. */
	if (r->fd >= 0 && r->fail.code == 0 && r->result == CURLE_OK)
		(void)net_sink_flush(r);
	if (r->md != NULL)
		EVP_DigestFinal_ex(r->md, resp->sha256, &mdlen);
	if (r->fail.code != 0)
		resp->err = r->fail;
	else if (r->result != CURLE_OK)
		net_transport_error(r, &resp->err);
}

/* Runs the callback of a request that is on no list, then frees it. */
static void
net_complete(struct net_request *r, const struct err *override)
{
	struct net_response resp;
	char empty[1] = "";

	r->state = NET_CALLING;
	r->n->pending--;
	net_response_fill(r, &resp, empty);
	if (override != NULL)
		resp.err = *override;
	if (resp.err.code == 0 && r->progress != NULL)
		r->progress(r->bytes, resp.expected, r->ud);
	r->done(&resp, r->ud);
	net_request_free(r);
}

/* Moves retries (and deferred failures) whose time has come. */
static void
net_fire_timers(struct net *n)
{
	struct net_request *r;
	uint64_t now = net_now_ms();

	while ((r = n->waiting.head) != NULL && r->due_ms <= now) {
		net_list_remove(r);
		if (r->easy == NULL || r->fail.code != 0)
			net_list_put(r, NET_FINISHED);
		else
			net_restart(r);
	}
}

/* Completes the first finished request, if any (true then).  Callbacks
 * may submit or cancel anything: one request at a time off the head of
 * the list, never an iterator held across a callback. */
static bool
net_run_finished(struct net *n)
{
	struct net_request *r;

	if ((r = n->finished.head) == NULL)
		return false;
	net_list_remove(r);
	net_complete(r, NULL);
	return true;
}

static void
net_run_progress(struct net *n)
{
	struct net_request *r;

	for (;;) {
		for (r = n->running.head; r != NULL; r = r->next)
			if (r->progress_due)
				break;
		if (r == NULL)
			return;
		r->progress_due = false;
		r->progress(r->bytes, r->encoded ? -1 : r->expected, r->ud);
	}
}

static void
net_read_info(struct net *n)
{
	CURLMsg *m;
	char *priv;
	int left;

	while ((m = curl_multi_info_read(n->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		net_transfer_done((struct net_request *)priv, m->data.result);
	}
}

/* --- the loop ----------------------------------------------------------- */

/* The nearest of the caller's timeout, curl's own timer and the first
 * retry; INT_MAX when nothing bounds the wait. */
static int
net_wait_ms(struct net *n, int timeout_ms)
{
	long curl_ms = -1;
	int64_t wait = timeout_ms < 0 ? INT_MAX : timeout_ms;
	uint64_t now;

	curl_multi_timeout(n->multi, &curl_ms);
	if (curl_ms >= 0 && curl_ms < wait)
		wait = curl_ms;
	now = net_now_ms();
	if (n->waiting.head != NULL) {
		if (n->waiting.head->due_ms <= now)
			wait = 0;
		else if ((int64_t)(n->waiting.head->due_ms - now) < wait)
			wait = (int64_t)(n->waiting.head->due_ms - now);
	}
	if (n->timers != NULL) {
		if (n->timers->due_ms <= now)
			wait = 0;
		else if ((int64_t)(n->timers->due_ms - now) < wait)
			wait = (int64_t)(n->timers->due_ms - now);
	}
	return (int)wait;
}

static short
net_poll_to_curl(short events)
{
	short w = 0;

	if (events & POLLIN)
		w |= CURL_WAIT_POLLIN;
	if (events & POLLPRI)
		w |= CURL_WAIT_POLLPRI;
	if (events & POLLOUT)
		w |= CURL_WAIT_POLLOUT;
	return w;
}

static short
net_curl_to_poll(short revents)
{
	short p = 0;

	if (revents & CURL_WAIT_POLLIN)
		p |= POLLIN;
	if (revents & CURL_WAIT_POLLPRI)
		p |= POLLPRI;
	if (revents & CURL_WAIT_POLLOUT)
		p |= POLLOUT;
	return p;
}

/* The one wait: curl's sockets, the caller's descriptors and ours. */
static CURLMcode
net_wait(struct net *n, struct pollfd *extra, unsigned n_extra, int wait_ms)
{
	struct curl_waitfd stackfds[16], *wfds = stackfds;
	struct net_watch *w;
	unsigned i, total = n_extra + (unsigned)n->n_watches, k;
	CURLMcode mc;

	if (total > 16)
		wfds = xreallocarray(NULL, total, sizeof *wfds);
	for (i = 0; i < n_extra; i++) {
		wfds[i].fd = extra[i].fd;
		wfds[i].events = net_poll_to_curl(extra[i].events);
		wfds[i].revents = 0;
		extra[i].revents = 0;
	}
	for (w = n->watches, k = n_extra; w != NULL; w = w->next) {
		w->revents = 0;
		if (w->removed || k >= total)
			continue;
		wfds[k].fd = w->fd;
		wfds[k].events = net_poll_to_curl(w->events);
		wfds[k++].revents = 0;
	}
	mc = curl_multi_poll(n->multi, k ? wfds : NULL, k, wait_ms, NULL);
	for (i = 0; i < n_extra && mc == CURLM_OK; i++)
		extra[i].revents = net_curl_to_poll(wfds[i].revents);
	for (w = n->watches, k = n_extra; w != NULL && mc == CURLM_OK;
	    w = w->next) {
		if (w->removed || k >= total)
			continue;
		w->revents = net_curl_to_poll(wfds[k++].revents);
	}
	if (wfds != stackfds)
		free(wfds);
	return mc;
}

/* --- watches, timers, holds ---------------------------------------------- */

struct net_watch *
net_watch_add(struct net *n, int fd, short events, net_watch_fn fn, void *ud)
{
	struct net_watch *w = xcalloc(1, sizeof *w);

	w->fd = fd;
	w->events = events;
	w->fn = fn;
	w->ud = ud;
	w->next = n->watches;
	n->watches = w;
	n->n_watches++;
	return w;
}

/* Frees removed watches, unless a dispatch is walking the list. */
static void
net_watch_sweep(struct net *n)
{
	struct net_watch **pp = &n->watches, *w;

	if (n->dispatching > 0)
		return;
	while ((w = *pp) != NULL) {
		if (w->removed) {
			*pp = w->next;
			free(w);
		} else
			pp = &w->next;
	}
}

void
net_watch_remove(struct net *n, struct net_watch *w)
{
	if (w == NULL || w->removed)
		return;
	w->removed = true;
	n->n_watches--;
	net_watch_sweep(n);
}

/* Runs the callbacks of the watches whose descriptors woke the wait.
 * poll() does not know about POLLHUP only when asked: a closed pipe
 * shows as readable (curl reports it as POLLIN). */
static void
net_watch_dispatch(struct net *n)
{
	struct net_watch *w;

	n->dispatching++;
	for (w = n->watches; w != NULL; w = w->next) {
		short rev = w->revents;

		w->revents = 0;
		if (!w->removed && rev != 0)
			w->fn(w->fd, rev, w->ud);
	}
	n->dispatching--;
	net_watch_sweep(n);
}

struct net_timer *
net_timer_add(struct net *n, long ms, net_timer_fn fn, void *ud)
{
	struct net_timer *t = xcalloc(1, sizeof *t), **pp;

	t->due_ms = net_now_ms() + (uint64_t)(ms > 0 ? ms : 0);
	t->seq = ++n->timer_seq;
	t->fn = fn;
	t->ud = ud;
	for (pp = &n->timers; *pp != NULL && (*pp)->due_ms <= t->due_ms;
	    pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	return t;
}

void
net_timer_cancel(struct net *n, struct net_timer *t)
{
	struct net_timer **pp;

	for (pp = &n->timers; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			free(t);
			return;
		}
	}
}

/* Timers come off the list before their callback, which may add more
 * or cancel others.  Only the timers that existed when the pass began
 * fire: one added now for "0 ms" (work in slices, copy.c) waits for the
 * next pass, so that the keys get their turn in between. */
static bool
net_timer_fire(struct net *n)
{
	struct net_timer *t, **pp;
	uint64_t now = net_now_ms(), last = n->timer_seq;
	bool ran = false;

	for (;;) {
		for (pp = &n->timers; (t = *pp) != NULL && t->due_ms <= now;
		    pp = &t->next) {
			if (t->seq <= last)
				break;
		}
		if (t == NULL || t->due_ms > now)
			return ran;
		*pp = t->next;
		t->fn(t->ud);
		free(t);
		ran = true;
	}
}

void
net_hold(struct net *n)
{
	n->holds++;
}

void
net_release(struct net *n)
{
	if (n->holds > 0)
		n->holds--;
}

int
net_poll(struct net *n, struct pollfd *extra, unsigned n_extra,
    int timeout_ms)
{
	int running, wait_ms;
	CURLMcode mc;
	bool ran;

	net_fire_timers(n);
	ran = net_run_finished(n);
	ran |= net_timer_fire(n);
	/* A callback just ran: the caller may have something to show (its
	 * state changed), so nothing more is waited for this time. */
	wait_ms = ran ? 0 : net_wait_ms(n, timeout_ms);
	/* Nothing could ever wake an unbounded wait. */
	if (n->pending == 0 && n_extra == 0 && n->n_watches == 0 &&
	    n->timers == NULL && timeout_ms < 0)
		return 0;
	if (n->finished.head != NULL)
		wait_ms = 0;
	mc = net_wait(n, extra, n_extra, wait_ms);
	if (mc != CURLM_OK && mc != CURLM_RECURSIVE_API_CALL)
		return -1;
	net_fire_timers(n);
	mc = curl_multi_perform(n->multi, &running);
	net_read_info(n);
	net_run_progress(n);
	/* One finished request per call: a page of a large sync is work,
	 * and the caller (the inbox) reads its keys between two. */
	if (!ran)
		net_run_finished(n);
	net_watch_dispatch(n);
	net_timer_fire(n);
	return mc == CURLM_OK ? 0 : -1;
}

void
net_run(struct net *n)
{
	while (net_pending(n) > 0)
		if (net_poll(n, NULL, 0, -1) != 0)
			break;
}

void
net_wakeup(struct net *n)
{
#if LIBCURL_VERSION_NUM >= 0x074400
	curl_multi_wakeup(n->multi);
#endif
}

int
net_pending(const struct net *n)
{
	return n->pending + n->holds;
}

void
net_cancel(struct net *n, struct net_request *r)
{
	struct err e;

	if (r == NULL || r->state == NET_CALLING)
		return;
	net_list_remove(r);
	if (r->easy != NULL)
		curl_multi_remove_handle(n->multi, r->easy);
	err_set(&e, ERR_CANCELLED, _("the request was cancelled"));
	net_complete(r, &e);
}

bool
net_async_dns(void)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);

	return (v->features & CURL_VERSION_ASYNCHDNS) != 0;
}

/* --- lifetime ------------------------------------------------------------- */

static void
net_defaults(struct net *n, const struct net_opts *o)
{
	n->connect_timeout_s = o->connect_timeout_s > 0 ?
	    o->connect_timeout_s : 15;
	n->low_speed_time_s = o->low_speed_time_s > 0 ?
	    o->low_speed_time_s : 30;
	n->min_speed = o->min_speed > 0 ? o->min_speed : 1024;
	n->max_file = o->max_file > 0 ? o->max_file : (int64_t)2 << 30;
	n->total_timeout_s = o->total_timeout_s > 0 ? o->total_timeout_s : 120;
	n->max_retries = o->max_retries >= 0 ? o->max_retries : 3;
	n->retry_base_ms = o->retry_base_ms > 0 ? o->retry_base_ms : 500;
	n->retry_max_ms = o->retry_max_ms > 0 ? o->retry_max_ms : 30000;
	if (n->retry_base_ms > n->retry_max_ms)
		n->retry_base_ms = n->retry_max_ms;
	n->max_body = o->max_body > 0 ? o->max_body : 16 * 1024 * 1024;
	n->ca_file = xstrdup(o->ca_file);
	n->user_agent = o->user_agent ? xstrdup(o->user_agent) :
	    xstrdup("ebox-tui/" VERSION);
}

struct net *
net_new(const struct net_opts *opts, struct err *e)
{
	struct net_opts none;
	struct net *n;

	if (opts == NULL) {
		memset(&none, 0, sizeof none);
		none.max_retries = -1;
		opts = &none;
	}
	if (net_curl_users == 0 && curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		err_set(e, ERR_NET, _("could not initialise libcurl"));
		return NULL;
	}
	net_curl_users++;
	n = xcalloc(1, sizeof *n);
	if ((n->multi = curl_multi_init()) == NULL) {
		err_set(e, ERR_NET, _("could not initialise libcurl"));
		free(n);
		if (--net_curl_users == 0)
			curl_global_cleanup();
		return NULL;
	}
	net_defaults(n, opts);
	/* HTTP/2 streams share one connection per host, and a host gets
	 * two at most: when a server closes a connection (nginx does after
	 * 1000 requests) the requests in flight no longer each open their
	 * own (ten connections at 120 000 messages).  A server without
	 * HTTP/2 then gets two requests at a time: polite too. */
	curl_multi_setopt(n->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	curl_multi_setopt(n->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 2L);
	return n;
}

void
net_free(struct net *n)
{
	struct net_request *r;

	if (n == NULL)
		return;
	/* A cancelled request's callback may submit another: loop until no
	 * list holds anything. */
	for (;;) {
		if ((r = n->running.head) == NULL &&
		    (r = n->waiting.head) == NULL &&
		    (r = n->finished.head) == NULL)
			break;
		net_cancel(n, r);
	}
	while (n->timers != NULL)
		net_timer_cancel(n, n->timers);
	while (n->watches != NULL) {
		struct net_watch *w = n->watches;

		n->watches = w->next;
		free(w);
	}
	curl_multi_cleanup(n->multi);
	free(n->ca_file);
	free(n->user_agent);
	free(n);
	if (--net_curl_users == 0)
		curl_global_cleanup();
}
