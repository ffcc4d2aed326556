/* test-jwt.c - client assertions, key loading and the token cache file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <yajl/yajl_tree.h>

#include "auth/auth-private.h"
#include "test.h"

static char tmpdir[] = "/tmp/test-jwt.XXXXXX";
static EVP_PKEY *test_key;

/* --- helpers ---------------------------------------------------------- */

static char *
jwt_path(const char *name)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
	return p;
}

/* base64url decoding, the test's own (independent of the encoder). */
static unsigned char *
test_b64url_decode(const char *s, size_t n, size_t *outlen)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char *out = malloc(n * 3 / 4 + 3);
	unsigned long acc = 0;
	size_t i, o = 0;
	int bits = 0;
	const char *p;

	for (i = 0; i < n; i++) {
		if ((p = strchr(tab, s[i])) == NULL || s[i] == '\0') {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (unsigned long)(p - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

static EVP_PKEY *
test_keygen(int type)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(type, NULL);
	EVP_PKEY *key = NULL;

	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1)
		abort();
	if (type == EVP_PKEY_RSA &&
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) != 1)
		abort();
	if (type == EVP_PKEY_EC &&
	    EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx,
	    NID_X9_62_prime256v1) != 1)
		abort();
	if (EVP_PKEY_keygen(ctx, &key) != 1)
		abort();
	EVP_PKEY_CTX_free(ctx);
	return key;
}

static void
test_write_key(EVP_PKEY *key, const char *path, const char *pass)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		abort();
	if (PEM_write_PrivateKey(f, key, pass ? EVP_aes_256_cbc() : NULL,
	    NULL, 0, NULL, (void *)pass) != 1)
		abort();
	fclose(f);
}

static void
jwt_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

struct test_pass {
	const char *give;       /* NULL: give up */
	int calls;
	char file[256];
};

static int
test_pass_cb(char *buf, int size, const char *key_file, void *ud)
{
	struct test_pass *p = ud;

	p->calls++;
	snprintf(p->file, sizeof p->file, "%s", key_file);
	if (p->give == NULL)
		return -1;
	snprintf(buf, (size_t)size, "%s", p->give);
	return (int)strlen(buf);
}

/* --- cases ------------------------------------------------------------ */

static void
test_b64url(void)
{
	static const unsigned char bin[] = { 0xfb, 0xff, 0xbf };
	char *s;

	s = auth_jwt_b64url("", 0);
	CHECK_STR(s, "");
	free(s);
	s = auth_jwt_b64url("f", 1);
	CHECK_STR(s, "Zg");
	free(s);
	s = auth_jwt_b64url("fo", 2);
	CHECK_STR(s, "Zm8");
	free(s);
	s = auth_jwt_b64url("foo", 3);
	CHECK_STR(s, "Zm9v");
	free(s);
	s = auth_jwt_b64url("foob", 4);
	CHECK_STR(s, "Zm9vYg");
	free(s);
	s = auth_jwt_b64url(bin, sizeof bin);
	CHECK_STR(s, "-_-_");
	free(s);
}

static void
test_uuid(void)
{
	char a[37], b[37];
	int i;

	CHECK_INT(auth_jwt_uuid(a), 0);
	CHECK_INT(auth_jwt_uuid(b), 0);
	CHECK_INT(strlen(a), 36);
	CHECK(strcmp(a, b) != 0);
	CHECK(a[8] == '-' && a[13] == '-' && a[18] == '-' && a[23] == '-');
	CHECK(a[14] == '4');
	CHECK(strchr("89ab", a[19]) != NULL);
	for (i = 0; i < 36; i++)
		if (i != 8 && i != 13 && i != 18 && i != 23)
			CHECK(strchr("0123456789abcdef", a[i]) != NULL);
}

static yajl_val
test_decode_part(const char *start, size_t n, char **text)
{
	size_t len;
	char errbuf[128];
	yajl_val v;

	*text = (char *)test_b64url_decode(start, n, &len);
	if (*text == NULL)
		return NULL;
	v = yajl_tree_parse(*text, errbuf, sizeof errbuf);
	return v;
}

static const char *
test_get_string(yajl_val root, const char *name)
{
	const char *path[] = { name, NULL };
	yajl_val v = yajl_tree_get(root, path, yajl_t_string);

	return v ? YAJL_GET_STRING(v) : NULL;
}

static long long
test_get_int(yajl_val root, const char *name)
{
	const char *path[] = { name, NULL };
	yajl_val v = yajl_tree_get(root, path, yajl_t_number);

	return v && YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : -1;
}

/* Checks one assertion: structure, RS256 signature, claims; returns the
 * jti (a new string). */
static char *
test_check_assertion(const char *jwt, EVP_PKEY *pub, const char *id,
    const char *aud, long long now)
{
	const char *dot1 = strchr(jwt, '.'), *dot2;
	unsigned char *sig;
	size_t siglen;
	EVP_MD_CTX *ctx;
	char *htext, *ctext, *jti = NULL;
	yajl_val h, c;

	CHECK(dot1 != NULL);
	if (dot1 == NULL)
		return NULL;
	dot2 = strchr(dot1 + 1, '.');
	CHECK(dot2 != NULL && strchr(dot2 + 1, '.') == NULL);
	if (dot2 == NULL)
		return NULL;
	CHECK(strchr(jwt, '=') == NULL);        /* no padding */

	sig = test_b64url_decode(dot2 + 1, strlen(dot2 + 1), &siglen);
	CHECK_INT(siglen, 256);
	ctx = EVP_MD_CTX_new();
	CHECK_INT(EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, pub), 1);
	CHECK_INT(EVP_DigestVerify(ctx, sig, siglen,
	    (const unsigned char *)jwt, (size_t)(dot2 - jwt)), 1);
	/* A flipped byte of the signed input must not verify. */
	{
		char *bad = strdup(jwt);

		bad[dot1 - jwt + 3] ^= 1;
		EVP_MD_CTX_free(ctx);
		ctx = EVP_MD_CTX_new();
		EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, pub);
		CHECK(EVP_DigestVerify(ctx, sig, siglen,
		    (const unsigned char *)bad, (size_t)(dot2 - jwt)) != 1);
		free(bad);
	}
	EVP_MD_CTX_free(ctx);
	free(sig);

	h = test_decode_part(jwt, (size_t)(dot1 - jwt), &htext);
	CHECK_STR(htext, "{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
	c = test_decode_part(dot1 + 1, (size_t)(dot2 - dot1 - 1), &ctext);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(test_get_string(c, "iss"), id);
		CHECK_STR(test_get_string(c, "sub"), id);
		CHECK_STR(test_get_string(c, "aud"), aud);
		CHECK_INT(test_get_int(c, "iat"), now);
		CHECK_INT(test_get_int(c, "exp"), now + 300);
		if (test_get_string(c, "jti") != NULL)
			jti = strdup(test_get_string(c, "jti"));
		CHECK(jti != NULL && strlen(jti) == 36 && jti[14] == '4');
	}
	yajl_tree_free(h);
	yajl_tree_free(c);
	free(htext);
	free(ctext);
	return jti;
}

static void
test_assertion(void)
{
	const char *id = "my:ebox:enterprise:dp:client \"quoted\"";
	const char *aud = "https://127.0.0.1:4443/REST/oauth/v5/token";
	struct err e;
	EVP_PKEY *key;
	char *jwt, *jti1, *jti2;

	test_write_key(test_key, jwt_path("plain.pem"), NULL);
	key = auth_jwt_load_key(jwt_path("plain.pem"), NULL, NULL, NULL, &e);
	CHECK(key != NULL);
	if (key == NULL) {
		fprintf(stderr, "  %s\n", e.msg);
		return;
	}
	jwt = auth_jwt_assertion(key, id, aud, 1700000000, &e);
	CHECK(jwt != NULL);
	jti1 = test_check_assertion(jwt, test_key, id, aud, 1700000000);
	free(jwt);
	jwt = auth_jwt_assertion(key, id, aud, 1700000000, &e);
	jti2 = test_check_assertion(jwt, test_key, id, aud, 1700000000);
	CHECK(jti1 && jti2 && strcmp(jti1, jti2) != 0);   /* fresh jti */
	free(jwt);
	free(jti1);
	free(jti2);
	EVP_PKEY_free(key);
}

static void
test_encrypted_key(void)
{
	const char *path = jwt_path("enc.pem");
	struct test_pass p;
	struct err e;
	EVP_PKEY *key;
	char want[512];

	test_write_key(test_key, path, "correct horse");

	memset(&p, 0, sizeof p);
	p.give = "correct horse";
	key = auth_jwt_load_key(path, test_pass_cb, &p, NULL, &e);
	CHECK(key != NULL);
	CHECK_INT(p.calls, 1);
	CHECK_STR(p.file, path);
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	CHECK(key != NULL && EVP_PKEY_eq(key, test_key) == 1);
#else
	CHECK(key != NULL && EVP_PKEY_cmp(key, test_key) == 1);
#endif
	EVP_PKEY_free(key);

	memset(&p, 0, sizeof p);
	p.give = "battery staple";
	key = auth_jwt_load_key(path, test_pass_cb, &p, NULL, &e);
	CHECK(key == NULL);
	CHECK_INT(e.code, ERR_AUTH);
	snprintf(want, sizeof want, "the passphrase for the key file %s is "
	    "wrong", path);
	CHECK_STR(e.msg, want);

	memset(&p, 0, sizeof p);
	key = auth_jwt_load_key(path, test_pass_cb, &p, NULL, &e);
	CHECK(key == NULL);
	snprintf(want, sizeof want, "no passphrase was given for the key "
	    "file %s", path);
	CHECK_STR(e.msg, want);

	key = auth_jwt_load_key(path, NULL, NULL, NULL, &e);
	CHECK(key == NULL);
	snprintf(want, sizeof want, "the key file %s is encrypted and no "
	    "passphrase can be asked for here", path);
	CHECK_STR(e.msg, want);
}

static void
test_bad_keys(void)
{
	const char *garbage = jwt_path("garbage.pem");
	const char *ec = jwt_path("ec.pem");
	EVP_PKEY *eckey;
	struct err e;
	char want[512];

	jwt_write_file(garbage, "-----BEGIN PRIVATE KEY-----\nnot base64 "
	    "at all!\n-----END PRIVATE KEY-----\n");
	CHECK(auth_jwt_load_key(garbage, NULL, NULL, NULL, &e) == NULL);
	CHECK_INT(e.code, ERR_AUTH);
	snprintf(want, sizeof want, "the key file %s holds no PEM private key",
	    garbage);
	CHECK_STR(e.msg, want);

	jwt_write_file(garbage, "hello\n");
	CHECK(auth_jwt_load_key(garbage, NULL, NULL, NULL, &e) == NULL);
	CHECK_STR(e.msg, want);

	CHECK(auth_jwt_load_key(jwt_path("missing.pem"), NULL, NULL, NULL, &e) ==
	    NULL);
	CHECK_INT(e.code, ERR_AUTH);
	CHECK(strstr(e.msg, "missing.pem") != NULL);

	eckey = test_keygen(EVP_PKEY_EC);
	test_write_key(eckey, ec, NULL);
	CHECK(auth_jwt_load_key(ec, NULL, NULL, NULL, &e) == NULL);
	snprintf(want, sizeof want, "the key in %s is not an RSA key (RS256 "
	    "needs one)", ec);
	CHECK_STR(e.msg, want);
	EVP_PKEY_free(eckey);
}

static void
test_token_ok(void)
{
	CHECK(!auth_token_ok(NULL));
	CHECK(!auth_token_ok(""));
	CHECK(auth_token_ok("abc.DEF-_~+/="));
	CHECK(!auth_token_ok("abc def"));
	CHECK(!auth_token_ok("abc\r\nX-Evil: 1"));
	CHECK(!auth_token_ok("caf\xc3\xa9"));
}

static void
test_cache(void)
{
	const char *path = jwt_path("token.json");
	const char *url = "https://h/token", *id = "client:1";
	struct stat st;
	struct err e;
	char *tok;
	time_t exp;

	CHECK_INT(auth_cache_load(path, url, id, 1000, &tok, &exp), -1);
	CHECK_INT(auth_cache_save(path, url, id, "tok en", 2000, &e), 0);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	/* A token with a space cannot go into a header: not loaded. */
	CHECK_INT(auth_cache_load(path, url, id, 1000, &tok, &exp), -1);
	CHECK_INT(auth_cache_save(path, url, id, "T0KEN", 2000, &e), 0);
	CHECK_INT(auth_cache_load(path, url, id, 1000, &tok, &exp), 0);
	CHECK_STR(tok, "T0KEN");
	CHECK_INT(exp, 2000);
	free(tok);
	CHECK_INT(auth_cache_load(path, url, "client:2", 1000, &tok, &exp), -1);
	CHECK_INT(auth_cache_load(path, "https://other", id, 1000, &tok, &exp),
	    -1);
	CHECK_INT(auth_cache_load(path, url, id, 2000, &tok, &exp), -1);
	jwt_write_file(path, "{\"token_url\": ");
	CHECK_INT(auth_cache_load(path, url, id, 1000, &tok, &exp), -1);
	auth_cache_remove(path);
	CHECK(access(path, F_OK) != 0);
	auth_cache_remove(path);        /* already gone: quiet */
}

int
main(void)
{
	static const char *const files[] = {
		"plain.pem", "enc.pem", "garbage.pem", "ec.pem", "token.json"
	};
	size_t i;

	if (mkdtemp(tmpdir) == NULL)
		abort();
	test_key = test_keygen(EVP_PKEY_RSA);
	RUN(test_b64url);
	RUN(test_uuid);
	RUN(test_assertion);
	RUN(test_encrypted_key);
	RUN(test_bad_keys);
	RUN(test_token_ok);
	RUN(test_cache);
	EVP_PKEY_free(test_key);
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		unlink(jwt_path(files[i]));
	CHECK_INT(rmdir(tmpdir), 0);
	return TEST_DONE();
}
