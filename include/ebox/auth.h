/* auth.h - bearer tokens for one account, and requests that carry them.
 *
 * Sources of a token, in order of precedence:
 *  - token_command: a command run with /bin/sh whose stdout's first line
 *    is the bearer token (for tokens obtained elsewhere, e.g. a password
 *    manager or an OIDC helper);
 *  - private_key_jwt client credentials (RFC 7523): a client assertion
 *    signed RS256 with the account's PEM RSA key (iss = sub = client id,
 *    aud = token URL, short exp, fresh jti), POSTed to the token URL.
 * Tokens are cached in memory and in the token cache file (mode 0600,
 * keyed by token URL + client id) until expires_in minus a margin.  A 401
 * from the service drops the token, fetches a new one and retries once.
 * Tokens, keys and passphrases are never logged.
 */
#ifndef EBOX_AUTH_H
#define EBOX_AUTH_H

#include "ebox/err.h"
#include "ebox/net.h"

struct auth;
struct auth_call;

struct auth_opts {
	const char *token_url;
	const char *client_id;
	const char *key_file;       /* PEM RSA private key (maybe encrypted) */
	const char *scope;          /* NULL: omit (all granted scopes) */
	const char *audience;       /* NULL: token_url */
	const char *token_command;  /* NULL: use the key */
	const char *cache_file;     /* NULL: no cache file */
	/* Asks for the key's passphrase; fills buf (size bytes) and returns
	 * its length, or -1 to give up.  NULL: no prompt, encrypted keys fail. */
	int (*passphrase)(char *buf, int size, const char *key_file, void *ud);
	void *passphrase_ud;
};

/* Copies everything it needs from opts.  Checks nothing on the network. */
struct auth *auth_new(struct net *net, const struct auth_opts *opts,
    struct err *e);
void auth_free(struct auth *a);

/* Submits spec with "Authorization: Bearer ..." added, fetching a token
 * first when none is cached.  On a 401 the token is dropped, a new one is
 * fetched and the request is sent once more.  spec->done receives the
 * final response; when no token can be had it gets err.code ERR_AUTH and
 * a sentence (the token endpoint's error_description, sanitised).
 * A file sink (spec->fd) is truncated before the retry.  Returns a handle
 * valid until done has run. */
struct auth_call *auth_submit(struct auth *a,
    const struct net_request_spec *spec);
void auth_cancel(struct auth *a, struct auth_call *c);

/* Loads the private key now (with key_file; nothing to do for
 * token_command), asking for its passphrase up to three times when it is
 * encrypted.  The inbox calls it before curses starts, so that a prompt
 * never meets the full-screen display; otherwise the key is loaded at the
 * first token request. */
int auth_load_key(struct auth *a, struct err *e);

/* Forgets the cached token (memory and file). */
void auth_forget(struct auth *a);

#endif
