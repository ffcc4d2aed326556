/* auth-jwt.c - RS256 client assertions (RFC 7523) signed with OpenSSL EVP. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <yajl/yajl_gen.h>

#include "ebox/i18n.h"
#include "auth/auth-private.h"
#include "ebox/safefile.h"
#include "ebox/xalloc.h"

/* What the PEM passphrase callback needs, and what it saw. */
struct auth_jwt_pass {
	auth_passphrase_fn fn;
	void *ud;
	const char *path;
	bool asked;
	bool gave_up;
};

char *
auth_jwt_b64url(const void *p, size_t len)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	const unsigned char *s = p;
	char *out = xmalloc(len / 3 * 4 + 5), *o = out;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		*o++ = tab[s[i] >> 2];
		*o++ = tab[((s[i] & 3) << 4) | (s[i + 1] >> 4)];
		*o++ = tab[((s[i + 1] & 15) << 2) | (s[i + 2] >> 6)];
		*o++ = tab[s[i + 2] & 63];
	}
	if (len - i == 1) {
		*o++ = tab[s[i] >> 2];
		*o++ = tab[(s[i] & 3) << 4];
	} else if (len - i == 2) {
		*o++ = tab[s[i] >> 2];
		*o++ = tab[((s[i] & 3) << 4) | (s[i + 1] >> 4)];
		*o++ = tab[(s[i + 1] & 15) << 2];
	}
	*o = '\0';
	return out;
}

int
auth_jwt_uuid(char out[37])
{
	unsigned char b[16];

	if (RAND_bytes(b, sizeof b) != 1)
		return -1;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);   /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
	    b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return 0;
}

/* OpenSSL's pem_password_cb: asks our caller, remembers that it did. */
static int
auth_jwt_pass_cb(char *buf, int size, int rwflag, void *u)
{
	struct auth_jwt_pass *p = u;
	int n;

	p->asked = true;
	/* OpenSSL 3 may try another decoder, and ask again, after a refusal:
	 * Esc means no for the whole key. */
	if (p->fn == NULL || p->gave_up)
		return -1;
	if ((n = p->fn(buf, size, p->path, p->ud)) < 0 || n > size) {
		p->gave_up = true;
		return -1;
	}
	return n;
}

/* Turns a failed PEM read into a sentence a user can act on. */
static void
auth_jwt_key_error(const struct auth_jwt_pass *p, struct err *e)
{
	if (p->asked && p->fn == NULL)
		err_set(e, ERR_AUTH, _("the key file %s is encrypted and no "
		    "passphrase can be asked for here"), p->path);
	else if (p->gave_up)
		err_set(e, ERR_AUTH, _("no passphrase was given for the key "
		    "file %s"), p->path);
	else if (p->asked)
		err_set(e, ERR_AUTH, _("the passphrase for the key file %s is "
		    "wrong"), p->path);
	else
		err_set(e, ERR_AUTH, _("the key file %s holds no PEM private key"),
		    p->path);
}

EVP_PKEY *
auth_jwt_load_key(const char *path, auth_passphrase_fn pass, void *ud,
    bool *wrong_pass, struct err *e)
{
	struct auth_jwt_pass p = { pass, ud, path, false, false };
	EVP_PKEY *key = NULL;
	char *data = NULL;
	size_t len = 0;
	BIO *bio;

	/* Read it ourselves: close-on-exec, capped, wiped afterwards. */
	if (safefile_read(path, AUTH_FILE_MAX, &data, &len, e) != 0) {
		e->code = ERR_AUTH;     /* the sentence names the file */
		return NULL;
	}
	if ((bio = BIO_new_mem_buf(data, (int)len)) == NULL)
		fatal("out of memory (BIO_new_mem_buf)");
	key = PEM_read_bio_PrivateKey(bio, NULL, auth_jwt_pass_cb, &p);
	BIO_free(bio);
	OPENSSL_cleanse(data, len);
	free(data);
	ERR_clear_error();
	if (key == NULL) {
		auth_jwt_key_error(&p, e);
		if (wrong_pass != NULL)
			*wrong_pass = p.asked && p.fn != NULL && !p.gave_up;
		return NULL;
	}
	if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
		EVP_PKEY_free(key);
		err_set(e, ERR_AUTH, _("the key in %s is not an RSA key (RS256 "
		    "needs one)"), path);
		return NULL;
	}
	return key;
}

static void
auth_jwt_gen_string(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/* The claims as JSON, through yajl_gen so that any client id is escaped. */
static char *
auth_jwt_claims(const char *client_id, const char *audience, time_t now,
    const char *jti)
{
	const unsigned char *out;
	size_t len;
	char *s;
	yajl_gen g;

	if ((g = yajl_gen_alloc(NULL)) == NULL)
		fatal("out of memory (yajl_gen_alloc)");
	yajl_gen_map_open(g);
	auth_jwt_gen_string(g, "iss");
	auth_jwt_gen_string(g, client_id);
	auth_jwt_gen_string(g, "sub");
	auth_jwt_gen_string(g, client_id);
	auth_jwt_gen_string(g, "aud");
	auth_jwt_gen_string(g, audience);
	auth_jwt_gen_string(g, "iat");
	yajl_gen_integer(g, (long long)now);
	auth_jwt_gen_string(g, "exp");
	yajl_gen_integer(g, (long long)now + AUTH_ASSERTION_TTL);
	auth_jwt_gen_string(g, "jti");
	auth_jwt_gen_string(g, jti);
	yajl_gen_map_close(g);
	yajl_gen_get_buf(g, &out, &len);
	s = xstrndup((const char *)out, len);
	yajl_gen_free(g);
	return s;
}

/* RS256 = RSASSA-PKCS1-v1_5 with SHA-256: the RSA key's default padding. */
static unsigned char *
auth_jwt_sign(EVP_PKEY *key, const char *input, size_t *siglen)
{
	EVP_MD_CTX *ctx;
	unsigned char *sig = NULL;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		fatal("out of memory (EVP_MD_CTX_new)");
	*siglen = 0;
	if (EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(ctx, NULL, siglen, (const unsigned char *)input,
	    strlen(input)) != 1)
		goto out;
	sig = xmalloc(*siglen);
	if (EVP_DigestSign(ctx, sig, siglen, (const unsigned char *)input,
	    strlen(input)) != 1)
		xfree(&sig);
out:
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return sig;
}

char *
auth_jwt_assertion(EVP_PKEY *key, const char *client_id,
    const char *audience, time_t now, struct err *e)
{
	static const char header[] = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
	char jti[37], *claims, *h64, *c64, *input, *s64, *jwt = NULL;
	unsigned char *sig;
	size_t siglen;

	if (auth_jwt_uuid(jti) != 0) {
		err_set(e, ERR_AUTH, _("no random numbers for the client "
		    "assertion (OpenSSL RAND_bytes failed)"));
		return NULL;
	}
	claims = auth_jwt_claims(client_id, audience, now, jti);
	h64 = auth_jwt_b64url(header, strlen(header));
	c64 = auth_jwt_b64url(claims, strlen(claims));
	input = xasprintf("%s.%s", h64, c64);
	if ((sig = auth_jwt_sign(key, input, &siglen)) == NULL) {
		err_set(e, ERR_AUTH, _("could not sign the client assertion "
		    "with the account's RSA key"));
		goto out;
	}
	s64 = auth_jwt_b64url(sig, siglen);
	jwt = xasprintf("%s.%s", input, s64);
	free(s64);
	free(sig);
out:
	free(claims);
	free(h64);
	free(c64);
	free(input);
	return jwt;
}
