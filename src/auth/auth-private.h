/* auth-private.h - what auth.c, auth-jwt.c and auth-cache.c share; the
 * JWT functions are also the unit test's entry points (test-jwt.c). */
#ifndef EBOX_AUTH_PRIVATE_H
#define EBOX_AUTH_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>

#include "ebox/err.h"

/* Lifetime of a client assertion (exp - iat), in seconds. */
#define AUTH_ASSERTION_TTL 300
/* Largest key file, cache file and token endpoint answer we read. */
#define AUTH_FILE_MAX (64 * 1024)

typedef int (*auth_passphrase_fn)(char *buf, int size, const char *key_file,
    void *ud);

/* --- auth-jwt.c ------------------------------------------------------------ */

/* Loads the PEM private key in path (PKCS#8 or PKCS#1, maybe encrypted:
 * then pass is asked for the passphrase; NULL pass makes encrypted keys
 * fail).  Only RSA keys are accepted.  The caller frees the key with
 * EVP_PKEY_free().  NULL and a sentence naming path on failure;
 * *wrong_pass (may be NULL) says whether a passphrase was given and was
 * wrong, so that the caller may ask again. */
EVP_PKEY *auth_jwt_load_key(const char *path, auth_passphrase_fn pass,
    void *ud, bool *wrong_pass, struct err *e);

/* A compact JWS (RS256) client assertion for RFC 7523 private_key_jwt:
 * header {"alg":"RS256","typ":"JWT"}, claims iss = sub = client_id,
 * aud = audience, iat = now, exp = now + AUTH_ASSERTION_TTL, jti = a fresh
 * UUID v4.  A new string, or NULL and a sentence. */
char *auth_jwt_assertion(EVP_PKEY *key, const char *client_id,
    const char *audience, time_t now, struct err *e);

/* base64url without padding (RFC 7515 section 2); a new string. */
char *auth_jwt_b64url(const void *p, size_t len);

/* A random (version 4) UUID from the OpenSSL CSPRNG, lower-case with
 * dashes; 0, or -1 when no random bytes could be had. */
int auth_jwt_uuid(char out[37]);

/* --- auth-cache.c ---------------------------------------------------------- */

/* Whether s can go into an Authorization header as it is: printable
 * ASCII without spaces (no CR/LF that would smuggle headers in). */
bool auth_token_ok(const char *s);

/* Reads the cached token for (token_url, client_id) from path; 0 with a
 * new *token when there is one that is still valid at now, else -1. */
int auth_cache_load(const char *path, const char *token_url,
    const char *client_id, time_t now, char **token, time_t *expires_at);
/* Writes the token cache file (mode 0600, atomically). */
int auth_cache_save(const char *path, const char *token_url,
    const char *client_id, const char *token, time_t expires_at,
    struct err *e);
/* Removes the token cache file, if any. */
void auth_cache_remove(const char *path);

/* Frees a string that held a secret, wiping it first.  NULL is fine. */
void auth_secret_free(char *s);

#endif
