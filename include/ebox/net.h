/* net.h - the asynchronous HTTPS engine: one libcurl multi handle driven by
 * the program's one event loop.
 *
 * Requests are submitted with a completion callback and run concurrently;
 * nothing here blocks except net_poll(), which is the loop's one wait:
 * curl_multi_poll() on curl's sockets plus the caller's extra descriptors
 * (stdin, the signal self-pipe), bounded by the nearest retry timer.
 *
 * Policy, for every request: TLS verification on (peer and host name),
 * TLS 1.2 minimum, an optional CA file instead of the system store,
 * HTTP/2 when offered, connection reuse, connect / stall / total
 * timeouts, https only (redirects included; libcurl >= 7.83 drops the
 * Authorization header when a redirect changes host, port or scheme).  Idempotent requests are retried with exponential backoff and
 * jitter on connection failures, timeouts, 5xx and 429; Retry-After is
 * honoured on 429 and 503 when it is shorter than retry_max_ms (plus up
 * to half of it again, so that requests refused together do not all
 * come back together), and a longer one ends the retries at once (the
 * server is down for now).
 * Every number read from a response header is range-checked before use.
 * Memory bodies are capped (max_body); file sinks stream to a descriptor,
 * hash with SHA-256 on the way and are capped too (max_bytes).
 */
#ifndef EBOX_NET_H
#define EBOX_NET_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "ebox/err.h"

struct net;
struct net_request;

struct net_opts {
	const char *ca_file;        /* NULL: system store; copied */
	long connect_timeout_s;     /* 0: 15 */
	long low_speed_time_s;      /* stall window: abort when the transfer
	                               averages less than min_speed over it; 0: 30 */
	long min_speed;             /* bytes/s, file sinks (downloads); memory
	                               requests use 1 byte/s; 0: 1024 */
	long total_timeout_s;       /* memory requests only; 0: 120 */
	int max_retries;            /* for idempotent requests; -1: 3 */
	long retry_base_ms;         /* first backoff; 0: 500 (test: small) */
	long retry_max_ms;          /* backoff cap, Retry-After cap; 0: 30000 */
	size_t max_body;            /* memory sink cap; 0: 16 MiB */
	int64_t max_file;           /* file sink cap (max_document_size) when
	                               the request names none; 0: 2 GiB */
	const char *user_agent;     /* NULL: "ebox-tui/VERSION" */
};

struct net_response {
	long status;                /* HTTP status; 0 when no response came */
	char *body;                 /* memory sink: NUL-terminated, owned by net,
	                               valid only during the callback */
	size_t len;
	const char *content_type;   /* may be NULL; valid during the callback */
	int64_t bytes;              /* bytes received into the sink */
	int64_t expected;           /* Content-Length, or -1 */
	unsigned char sha256[32];   /* file sink: hash of what was written */
	int attempts;               /* how many tries were made */
	struct err err;             /* transport failure, cap hit, cancel:
	                               err.code != 0; an HTTP error status alone
	                               leaves err.code == 0 */
};

/* Called exactly once per request, from inside net_poll() (or net_cancel()).
 * The request is freed after the callback returns. */
typedef void (*net_done_fn)(const struct net_response *resp, void *ud);
/* Called as bytes arrive (at most every 250 ms and at the end); total is
 * -1 when unknown.  Runs from net_poll(), outside libcurl: it may call
 * net_submit() or net_cancel(). */
typedef void (*net_progress_fn)(int64_t done, int64_t total, void *ud);

struct net_request_spec {
	const char *method;         /* NULL: GET */
	const char *url;
	const char *const *headers; /* NULL-terminated "Name: value" list */
	const char *body;           /* request body (copied), or NULL */
	size_t body_len;
	int fd;                     /* >= 0: file sink, stream the body to this
	                               descriptor (caller owns it; on a retry net
	                               truncates it to 0 first).  -1: memory sink.
	                               A non-2xx answer's body goes to resp.body
	                               (first 64 KiB), never to the file. */
	int64_t announced;          /* file sink: the size the sender
	                               announced, 0 unknown; more than
	                               max_file fails before any transfer */
	int64_t max_bytes;          /* file sink: the most bytes accepted
	                               (the announced size plus a margin);
	                               0: net_opts.max_file.  Past it the
	                               transfer stops with ERR_TOOBIG. */
	bool idempotent;            /* may be retried */
	bool no_total_timeout;      /* large downloads: only the stall limit */
	bool secret;                /* headers, body or answer hold a token or
	                               an assertion: wiped (OPENSSL_cleanse)
	                               before their memory is freed */
	bool no_redirects;          /* a 3xx is the answer (token requests:
	                               the client assertion never follows a
	                               redirect to another server) */
	net_done_fn done;
	net_progress_fn progress;   /* may be NULL */
	void *ud;
};

struct net *net_new(const struct net_opts *opts, struct err *e);
/* Cancels every request (their callbacks run with ERR_CANCELLED). */
void net_free(struct net *n);

/* Starts a request.  Returns a handle valid until its callback has run. */
struct net_request *net_submit(struct net *n, const struct net_request_spec *s);
/* A request that never goes on the wire: its callback runs from the next
 * net_poll() with resp.err = *e (ERR_NET if e->code is 0).  For failures
 * known before sending (no token), so that a callback never runs inside
 * the call that submitted it.  Uses only s->done and s->ud. */
struct net_request *net_submit_error(struct net *n,
    const struct net_request_spec *s, const struct err *e);
/* Stops a request; its callback runs now with err.code ERR_CANCELLED. */
void net_cancel(struct net *n, struct net_request *r);
/* Number of requests not yet completed (including those waiting to retry)
 * plus the holds. */
int net_pending(const struct net *n);

/* The loop's one wait: waits up to timeout_ms (-1: until something
 * happens) for curl sockets, retry timers or the extra descriptors, then
 * drives transfers and runs completion callbacks.  Extra descriptors'
 * revents are filled in.  Returns 0, or -1 on an unrecoverable curl error. */
int net_poll(struct net *n, struct pollfd *extra, unsigned n_extra,
    int timeout_ms);
/* Runs net_poll until nothing is pending: no request, and no hold (a
 * child job, see job.h) is left.  The CLI's loop. */
void net_run(struct net *n);

/* The loop's other sources: descriptors and timers, for the child jobs
 * (job.h) and whatever else must wake the loop.  Their callbacks run from
 * inside net_poll(), like a request's, and may add or remove watches,
 * timers and requests. */
struct net_watch;
struct net_timer;
typedef void (*net_watch_fn)(int fd, short revents, void *ud);
typedef void (*net_timer_fn)(void *ud);

/* Calls fn when fd has one of events (POLLIN, POLLOUT; POLLHUP and
 * POLLERR always count).  The handle is valid until net_watch_remove. */
struct net_watch *net_watch_add(struct net *n, int fd, short events,
    net_watch_fn fn, void *ud);
void net_watch_remove(struct net *n, struct net_watch *w);
/* Calls fn once, ms milliseconds from now, unless cancelled first. */
struct net_timer *net_timer_add(struct net *n, long ms, net_timer_fn fn,
    void *ud);
void net_timer_cancel(struct net *n, struct net_timer *t);
/* Something outside net (a running job) that net_run must wait for:
 * counted in net_pending() while held. */
void net_hold(struct net *n);
void net_release(struct net *n);
/* Makes a net_poll() in progress return early (signal-safe). */
void net_wakeup(struct net *n);

/* Whether libcurl resolves names without blocking (threaded resolver or
 * c-ares); without it a slow DNS server stalls the loop: warn once. */
bool net_async_dns(void);

/* Header values, range-checked (exposed for the tests): Retry-After as
 * seconds from now in [0, one year], -1 when it is neither a number nor
 * an HTTP-date; a Content-Length, -1 unless plain decimal digits that fit. */
long net_parse_retry_after(const char *v, time_t now);
int64_t net_parse_length(const char *v);

/* A short sentence for an HTTP status ("the server had an internal error
 * (HTTP 500)"), used by layers above for unexpected statuses. */
const char *net_status_text(long status);
/* Percent-encodes s for use in a URL query or path segment; a new string. */
char *net_escape(const char *s);

#endif
