/* auth.c - one bearer token per account, and the calls waiting for it. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <yajl/yajl_tree.h>

#include "ebox/i18n.h"
#include "auth/auth-private.h"
#include "ebox/auth.h"
#include "ebox/buf.h"
#include "ebox/job.h"
#include "ebox/log.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"

#define AUTH_MARGIN_S 60                /* refetch this long before expiry */
#define AUTH_DEFAULT_TTL_S 3600         /* expires_in absent, token_command */
#ifndef AUTH_COMMAND_TIMEOUT_S              /* tests may shorten it */
#define AUTH_COMMAND_TIMEOUT_S 30
#endif
#define AUTH_COMMAND_MAX (16 * 1024)
#define AUTH_DESCRIPTION_MAX 200
#define AUTH_PASSPHRASE_TRIES 3         /* a mistyped passphrase, twice */

enum auth_call_state {
	AUTH_CALL_QUEUED,       /* waiting for a token */
	AUTH_CALL_SENT,         /* req is in net */
	AUTH_CALL_DONE,         /* its done callback is running */
};

struct auth_call {
	struct auth *a;
	struct auth_call *prev, *next;
	enum auth_call_state state;
	struct net_request *req;
	unsigned token_gen;     /* which token it was sent with */
	bool retried;           /* a 401 already got it a second try */

	/* The caller's spec, copied: the call may go out much later. */
	char *method;
	char *url;
	char *body;
	size_t body_len;
	char **headers;         /* NULL-terminated, one slot left for ours */
	size_t n_headers;
	int fd;
	int64_t announced, max_bytes;
	bool idempotent;
	bool no_total_timeout;
	bool no_redirects;
	net_done_fn done;
	net_progress_fn progress;
	void *ud;
};

struct auth {
	struct net *net;
	char *token_url;
	char *client_id;
	char *key_file;
	char *scope;
	char *audience;
	char *token_command;
	char *cache_file;
	auth_passphrase_fn passphrase;
	void *passphrase_ud;
	EVP_PKEY *key;          /* loaded at the first fetch, kept */

	char *token;            /* NULL: none */
	time_t refresh_at;      /* fetch a new one from then on */
	unsigned gen;           /* bumped for every new token */
	struct net_request *token_req;
	struct job *command_job;        /* token_command running */
	int token_tries;
	bool closing;
	struct auth_call *calls;
};

static void auth_fetch(struct auth *a);
static void auth_call_start(struct auth *a, struct auth_call *c);

/* --- calls ---------------------------------------------------------------- */

static struct auth_call *
auth_call_new(struct auth *a, const struct net_request_spec *s)
{
	struct auth_call *c = xcalloc(1, sizeof *c);
	size_t i, n = 0;

	c->a = a;
	c->method = xstrdup(s->method);
	c->url = xstrdup(s->url);
	if (s->body != NULL) {
		c->body = xmalloc(s->body_len + 1);
		memcpy(c->body, s->body, s->body_len);
		c->body[s->body_len] = '\0';
		c->body_len = s->body_len;
	}
	while (s->headers != NULL && s->headers[n] != NULL)
		n++;
	c->headers = xreallocarray(NULL, n + 2, sizeof *c->headers);
	for (i = 0; i < n; i++)
		c->headers[i] = xstrdup(s->headers[i]);
	c->headers[n] = NULL;
	c->n_headers = n;
	c->fd = s->fd;
	c->announced = s->announced;
	c->max_bytes = s->max_bytes;
	c->idempotent = s->idempotent;
	c->no_total_timeout = s->no_total_timeout;
	c->no_redirects = s->no_redirects;
	c->done = s->done;
	c->progress = s->progress;
	c->ud = s->ud;
	return c;
}

static void
auth_call_free(struct auth_call *c)
{
	size_t i;

	for (i = 0; i < c->n_headers; i++)
		free(c->headers[i]);
	free(c->headers);
	free(c->method);
	free(c->url);
	free(c->body);
	free(c);
}

static void
auth_call_link(struct auth *a, struct auth_call *c)
{
	c->prev = NULL;
	c->next = a->calls;
	if (a->calls != NULL)
		a->calls->prev = c;
	a->calls = c;
}

static void
auth_call_unlink(struct auth *a, struct auth_call *c)
{
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		a->calls = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
}

/* Hands resp to the caller and forgets the call. */
static void
auth_call_finish(struct auth_call *c, const struct net_response *resp)
{
	auth_call_unlink(c->a, c);
	c->state = AUTH_CALL_DONE;
	c->done(resp, c->ud);
	auth_call_free(c);
}

static void auth_call_net_done(const struct net_response *resp, void *ud);

/* net reports progress with the call as ud; the caller wants its own. */
static void
auth_call_progress(int64_t done, int64_t total, void *ud)
{
	struct auth_call *c = ud;

	c->progress(done, total, c->ud);
}

/* The net spec of a call; the caller owns the header array. */
static void
auth_call_spec(struct auth_call *c, struct net_request_spec *s)
{
	memset(s, 0, sizeof *s);
	s->method = c->method;
	s->url = c->url;
	s->headers = (const char *const *)c->headers;
	s->body = c->body;
	s->body_len = c->body_len;
	s->fd = c->fd;
	s->announced = c->announced;
	s->max_bytes = c->max_bytes;
	s->idempotent = c->idempotent;
	s->no_total_timeout = c->no_total_timeout;
	s->no_redirects = c->no_redirects;
	s->done = auth_call_net_done;
	s->progress = c->progress ? auth_call_progress : NULL;
	s->ud = c;
}

/* Sends c with the current token; net copies the headers, so the one
 * carrying the token is wiped right after. */
static void
auth_call_send(struct auth *a, struct auth_call *c)
{
	struct net_request_spec s;
	char *bearer = xasprintf("Authorization: Bearer %s", a->token);

	c->headers[c->n_headers] = bearer;
	c->headers[c->n_headers + 1] = NULL;
	auth_call_spec(c, &s);
	s.secret = true;
	c->state = AUTH_CALL_SENT;
	c->token_gen = a->gen;
	c->req = net_submit(a->net, &s);
	c->headers[c->n_headers] = NULL;
	auth_secret_free(bearer);
}

/* Fails c from the next net_poll(), never inside the caller's own call. */
static void
auth_call_fail(struct auth *a, struct auth_call *c, const struct err *e)
{
	struct net_request_spec s;

	auth_call_spec(c, &s);
	c->state = AUTH_CALL_SENT;
	c->req = net_submit_error(a->net, &s, e);
}

/* --- the token ------------------------------------------------------------ */

static bool
auth_token_valid(const struct auth *a)
{
	return a->token != NULL && time(NULL) < a->refresh_at;
}

static void
auth_drop_token(struct auth *a)
{
	auth_secret_free(a->token);
	a->token = NULL;
	a->refresh_at = 0;
}

/* Takes ownership of token.  Short-lived tokens get a smaller margin, so
 * that a token living a few seconds is still used. */
static void
auth_set_token(struct auth *a, char *token, long lifetime, bool save)
{
	time_t now = time(NULL);
	long margin = lifetime / 4 < AUTH_MARGIN_S ? lifetime / 4 :
	    AUTH_MARGIN_S;
	struct err e;

	auth_drop_token(a);
	a->token = token;
	a->refresh_at = now + lifetime - margin;
	a->gen++;
	if (save && a->cache_file != NULL &&
	    auth_cache_save(a->cache_file, a->token_url, a->client_id, token,
	    now + lifetime, &e) != 0)
		log_msg("auth: the token cache was not written: %s", e.msg);
}

/* A token arrived: every waiting call goes out.  net_submit() never
 * calls back, so walking the list while sending is safe. */
static void
auth_flush_queue(struct auth *a)
{
	struct auth_call *c;

	for (c = a->calls; c != NULL; c = c->next)
		if (c->state == AUTH_CALL_QUEUED)
			auth_call_send(a, c);
}

static void
auth_fail_queue(struct auth *a, const struct err *e)
{
	struct auth_call *c;

	for (c = a->calls; c != NULL; c = c->next)
		if (c->state == AUTH_CALL_QUEUED)
			auth_call_fail(a, c, e);
}

/* --- token_command -------------------------------------------------------- */

/* The first line of s, trimmed; a new string. */
static char *
auth_first_line(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strcspn(s, "\r\n");
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

/* token_command is done: its first output line is the token. */
static void
auth_command_done(struct job *j, struct spawn_result *r, const struct err *je,
    void *ud)
{
	struct auth *a = ud;
	struct err e;
	char *token = NULL;

	a->command_job = NULL;
	err_clear(&e);
	if (je != NULL) {
		err_set(&e, ERR_AUTH, _("token_command failed: %s"), je->msg);
	} else {
		token = auth_first_line(r->out.data ? r->out.data : "");
		if (*token == '\0')
			err_set(&e, ERR_AUTH, _("token_command printed no token"));
		else if (!auth_token_ok(token))
			err_set(&e, ERR_AUTH, _("token_command printed "
			    "something that is not a bearer token"));
	}
	if (r->out.data != NULL)
		OPENSSL_cleanse(r->out.data, r->out.len);
	if (a->closing) {
		auth_secret_free(token);
		return;
	}
	if (e.code != 0) {
		auth_secret_free(token);
		auth_fail_queue(a, &e);
		return;
	}
	/* Command tokens stay out of the cache file: the command is where
	 * they live, and their lifetime is unknown. */
	auth_set_token(a, token, AUTH_DEFAULT_TTL_S, false);
	auth_flush_queue(a);
}

/* Runs token_command with /bin/sh -c as a job of the loop: a password
 * manager that takes its time holds the requests, not the keyboard. */
static void
auth_command_start(struct auth *a)
{
	struct spawn_opts o;
	struct err e;

	memset(&o, 0, sizeof o);
	o.shell = a->token_command;
	o.name = "token_command";
	o.max_output = AUTH_COMMAND_MAX;
	o.timeout_ms = AUTH_COMMAND_TIMEOUT_S * 1000;
	err_clear(&e);
	if ((a->command_job = job_start(a->net, &o, auth_command_done, a,
	    &e)) == NULL) {
		struct err fe;

		err_set(&fe, ERR_AUTH, _("cannot run token_command: %s"), e.msg);
		auth_fail_queue(a, &fe);
	}
}

/* --- the token endpoint --------------------------------------------------- */

static void auth_token_done(const struct net_response *resp, void *ud);

/* The form body of a client credentials request with a fresh assertion. */
static char *
auth_token_form(struct auth *a, struct err *e)
{
	const char *aud = a->audience ? a->audience : a->token_url;
	char *jwt, *form, *scope = NULL;

	if ((jwt = auth_jwt_assertion(a->key, a->client_id, aud, time(NULL),
	    e)) == NULL)
		return NULL;
	if (a->scope != NULL)
		scope = net_escape(a->scope);
	form = xasprintf("grant_type=client_credentials"
	    "&client_assertion_type=urn%%3Aietf%%3Aparams%%3Aoauth%%3A"
	    "client-assertion-type%%3Ajwt-bearer&client_assertion=%s%s%s",
	    jwt, scope ? "&scope=" : "", scope ? scope : "");
	auth_secret_free(jwt);
	free(scope);
	return form;
}

/* Starts one POST to the token URL (a new assertion, so a new jti, each
 * time: a resent assertion could be refused as a replay). */
static void
auth_token_request(struct auth *a)
{
	static const char *const headers[] = {
		"Content-Type: application/x-www-form-urlencoded",
		"Accept: application/json", NULL
	};
	struct net_request_spec s;
	struct err e;
	char *form;

	if (auth_load_key(a, &e) != 0) {
		auth_fail_queue(a, &e);
		return;
	}
	if ((form = auth_token_form(a, &e)) == NULL) {
		auth_fail_queue(a, &e);
		return;
	}
	memset(&s, 0, sizeof s);
	s.method = "POST";
	s.url = a->token_url;
	s.headers = headers;
	s.body = form;
	s.body_len = strlen(form);
	s.fd = -1;
	/* The form carries the client assertion: it goes to token_url and
	 * nowhere else, so a redirect is an answer, not an instruction. */
	s.no_redirects = true;
	s.secret = true;
	s.done = auth_token_done;
	s.ud = a;
	a->token_req = net_submit(a->net, &s);
	auth_secret_free(form);
}

int
auth_load_key(struct auth *a, struct err *e)
{
	bool wrong = false;
	int tries;

	if (a->token_command != NULL || a->key != NULL)
		return 0;
	for (tries = 0; tries < AUTH_PASSPHRASE_TRIES; tries++) {
		err_clear(e);
		wrong = false;
		if ((a->key = auth_jwt_load_key(a->key_file, a->passphrase,
		    a->passphrase_ud, &wrong, e)) != NULL)
			return 0;
		if (!wrong)
			break;
	}
	return e->code;
}

/* Cuts s to at most max bytes without splitting a UTF-8 sequence. */
static void
auth_truncate(char *s, size_t max)
{
	size_t len = strlen(s);

	if (len <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	memcpy(s + max, "...", 4);
}

/* An RFC 6749 section 5.2 error answer as a sentence; server text is
 * untrusted, so it is sanitised and cut short. */
static void
auth_token_refused(const struct net_response *resp, yajl_val root,
    struct err *e)
{
	const char *err_path[] = { "error", NULL };
	const char *desc_path[] = { "error_description", NULL };
	yajl_val v = NULL;
	char *clean;

	if (root != NULL && (v = yajl_tree_get(root, desc_path,
	    yajl_t_string)) == NULL)
		v = yajl_tree_get(root, err_path, yajl_t_string);
	if (v == NULL) {
		err_set(e, ERR_AUTH, _("the token server refused the client "
		    "credentials: %s"), net_status_text(resp->status));
		return;
	}
	clean = sanitize_text(YAJL_GET_STRING(v), 0);
	auth_truncate(clean, AUTH_DESCRIPTION_MAX);
	err_set(e, ERR_AUTH, _("the token server refused the client "
	    "credentials: %s (HTTP %ld)"), clean, resp->status);
	free(clean);
}

/* expires_in is a number, but some servers send it as a string. */
static long
auth_expires_in(yajl_val root)
{
	const char *path[] = { "expires_in", NULL };
	yajl_val v = yajl_tree_get(root, path, yajl_t_any);
	long long n = -1;

	if (v != NULL && YAJL_IS_INTEGER(v))
		n = YAJL_GET_INTEGER(v);
	else if (v != NULL && YAJL_IS_STRING(v))
		n = strtoll(v->u.string, NULL, 10);
	if (n <= 0)
		return AUTH_DEFAULT_TTL_S;
	return n > 366L * 86400 ? 366L * 86400 : (long)n;
}

/* 0 and a new token from a 2xx answer, or a sentence. */
static int
auth_token_parse(struct auth *a, const struct net_response *resp,
    struct err *e)
{
	const char *path[] = { "access_token", NULL };
	yajl_val root = NULL, v = NULL;
	int r = -1;

	if (resp->len <= AUTH_FILE_MAX)
		root = yajl_tree_parse(resp->body, NULL, 0);
	if (root != NULL)
		v = yajl_tree_get(root, path, yajl_t_string);
	if (resp->status >= 300 && resp->status <= 399)
		err_set(e, ERR_AUTH, _("the token server answered with a "
		    "redirect (HTTP %ld); the credentials are only ever sent to "
		    "token_url, so check that address"), resp->status);
	else if (resp->status < 200 || resp->status > 299)
		auth_token_refused(resp, root, e);
	else if (v == NULL)
		err_set(e, ERR_AUTH, _("the token server's answer holds no "
		    "access token"));
	else if (!auth_token_ok(YAJL_GET_STRING(v)))
		err_set(e, ERR_AUTH, _("the token server sent an access token "
		    "that cannot be used in a header"));
	else {
		auth_set_token(a, xstrdup(YAJL_GET_STRING(v)),
		    auth_expires_in(root), true);
		r = 0;
	}
	/* The tree's copy of the token goes back to malloc wiped. */
	if (v != NULL && YAJL_IS_STRING(v) && v->u.string != NULL)
		OPENSSL_cleanse(v->u.string, strlen(v->u.string));
	yajl_tree_free(root);
	return r;
}

static void
auth_token_done(const struct net_response *resp, void *ud)
{
	struct auth *a = ud;
	struct err e;

	a->token_req = NULL;
	if (a->closing)
		return;
	if (resp->err.code == ERR_CANCELLED) {
		auth_fail_queue(a, &resp->err);
		return;
	}
	/* One more try, with a new assertion, when the server or the way
	 * to it failed rather than the credentials. */
	if ((resp->err.code != 0 || resp->status >= 500) &&
	    a->token_tries++ < 1) {
		auth_token_request(a);
		return;
	}
	if (resp->err.code == ERR_OFFLINE) {
		/* No connection at all: say what to do about it. */
		err_set(&e, ERR_AUTH, _("could not get an access token: %s; "
		    "check your connection, or try again later"),
		    resp->err.msg);
		auth_fail_queue(a, &e);
	} else if (resp->err.code != 0) {
		err_set(&e, ERR_AUTH, _("could not get an access token: %s"),
		    resp->err.msg);
		auth_fail_queue(a, &e);
	} else if (auth_token_parse(a, resp, &e) != 0) {
		auth_fail_queue(a, &e);
	} else {
		auth_flush_queue(a);
	}
}

/* Gets a token for the queued calls unless a request is already out. */
static void
auth_fetch(struct auth *a)
{
	if (a->token_req != NULL || a->command_job != NULL || a->closing)
		return;
	if (a->token_command == NULL) {
		a->token_tries = 0;
		auth_token_request(a);
		return;
	}
	auth_command_start(a);
}

/* --- the interface -------------------------------------------------------- */

/* Sends c now if a token is at hand, else queues it behind a fetch. */
static void
auth_call_start(struct auth *a, struct auth_call *c)
{
	if (auth_token_valid(a)) {
		auth_call_send(a, c);
		return;
	}
	c->state = AUTH_CALL_QUEUED;
	auth_fetch(a);
}

/* A file sink must start empty again before the second try. */
static int
auth_call_rewind(struct auth_call *c)
{
	if (c->fd < 0)
		return 0;
	if (ftruncate(c->fd, 0) != 0 || lseek(c->fd, 0, SEEK_SET) < 0)
		return -1;
	return 0;
}

static void
auth_call_net_done(const struct net_response *resp, void *ud)
{
	struct auth_call *c = ud;
	struct auth *a = c->a;

	c->req = NULL;
	if (resp->err.code == 0 && resp->status == 401 && !c->retried &&
	    !a->closing && auth_call_rewind(c) == 0) {
		c->retried = true;
		/* Unless a newer token came while this call was out. */
		if (a->token != NULL && a->gen == c->token_gen)
			auth_forget(a);
		log_msg("auth: HTTP 401, fetching a new token and retrying");
		auth_call_start(a, c);
		return;
	}
	auth_call_finish(c, resp);
}

struct auth_call *
auth_submit(struct auth *a, const struct net_request_spec *spec)
{
	struct auth_call *c = auth_call_new(a, spec);

	auth_call_link(a, c);
	auth_call_start(a, c);
	return c;
}

void
auth_cancel(struct auth *a, struct auth_call *c)
{
	struct net_response resp;
	char empty[1] = "";

	if (c == NULL || c->state == AUTH_CALL_DONE)
		return;
	if (c->state == AUTH_CALL_SENT) {
		net_cancel(a->net, c->req);     /* its callback finishes c */
		return;
	}
	memset(&resp, 0, sizeof resp);
	resp.body = empty;
	resp.expected = -1;
	err_set(&resp.err, ERR_CANCELLED, _("the request was cancelled"));
	auth_call_finish(c, &resp);
}

void
auth_forget(struct auth *a)
{
	auth_drop_token(a);
	if (a->token_command == NULL)
		auth_cache_remove(a->cache_file);
}

struct auth *
auth_new(struct net *net, const struct auth_opts *o, struct err *e)
{
	struct auth *a;
	char *token;
	time_t exp, now = time(NULL);

	if (o->token_command == NULL &&
	    (o->token_url == NULL || o->client_id == NULL ||
	    o->key_file == NULL)) {
		err_set(e, ERR_CONFIG, _("no credentials: token_url, client_id "
		    "and key_file are needed, or token_command"));
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->net = net;
	a->token_url = xstrdup(o->token_url);
	a->client_id = xstrdup(o->client_id);
	a->key_file = xstrdup(o->key_file);
	a->scope = xstrdup(o->scope);
	a->audience = xstrdup(o->audience);
	a->token_command = xstrdup(o->token_command);
	a->cache_file = xstrdup(o->cache_file);
	a->passphrase = o->passphrase;
	a->passphrase_ud = o->passphrase_ud;
	if (a->token_command == NULL && auth_cache_load(a->cache_file,
	    a->token_url, a->client_id, now, &token, &exp) == 0) {
		auth_set_token(a, token, (long)(exp - now), false);
		a->refresh_at = exp - AUTH_MARGIN_S;
	}
	return a;
}

void
auth_free(struct auth *a)
{
	if (a == NULL)
		return;
	a->closing = true;
	if (a->token_req != NULL)
		net_cancel(a->net, a->token_req);
	job_cancel(a->command_job);
	while (a->calls != NULL)
		auth_cancel(a, a->calls);
	auth_drop_token(a);
	EVP_PKEY_free(a->key);
	free(a->token_url);
	free(a->client_id);
	free(a->key_file);
	free(a->scope);
	free(a->audience);
	free(a->token_command);
	free(a->cache_file);
	free(a);
}
