/* auth-cache.c - the token cache file: one JSON object, mode 0600. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "auth/auth-private.h"
#include "ebox/log.h"
#include "ebox/safefile.h"
#include "ebox/xalloc.h"

/* Tokens are far shorter; a longer one is not something we send. */
#define AUTH_TOKEN_MAX 8192

bool
auth_token_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL || *s == '\0')
		return false;
	for (; *s != '\0'; s++, n++)
		if (*s <= ' ' || *s > '~' || n >= AUTH_TOKEN_MAX)
			return false;
	return true;
}

void
auth_secret_free(char *s)
{
	if (s == NULL)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

static const char *
auth_cache_string(yajl_val root, const char *name)
{
	const char *path[] = { name, NULL };
	yajl_val v = yajl_tree_get(root, path, yajl_t_string);

	return v != NULL ? YAJL_GET_STRING(v) : NULL;
}

int
auth_cache_load(const char *path, const char *token_url,
    const char *client_id, time_t now, char **token, time_t *expires_at)
{
	const char *exp_path[] = { "expires_at", NULL };
	const char *url, *id, *tok;
	char *data = NULL;
	yajl_val root, exp;
	struct err e;
	size_t len;
	int r = -1;

	*token = NULL;
	if (path == NULL || token_url == NULL || client_id == NULL ||
	    safefile_read(path, AUTH_FILE_MAX, &data, &len, &e) != 0)
		return -1;
	if ((root = yajl_tree_parse(data, NULL, 0)) == NULL)
		goto out;
	url = auth_cache_string(root, "token_url");
	id = auth_cache_string(root, "client_id");
	tok = auth_cache_string(root, "access_token");
	exp = yajl_tree_get(root, exp_path, yajl_t_number);
	/* Another account's token, a damaged file, or an old token. */
	if (url != NULL && id != NULL && auth_token_ok(tok) && exp != NULL &&
	    YAJL_IS_INTEGER(exp) && strcmp(url, token_url) == 0 &&
	    strcmp(id, client_id) == 0 && YAJL_GET_INTEGER(exp) > now) {
		*token = xstrdup(tok);
		*expires_at = (time_t)YAJL_GET_INTEGER(exp);
		r = 0;
	}
	if (tok != NULL)
		OPENSSL_cleanse((char *)tok, strlen(tok));
	yajl_tree_free(root);
out:
	OPENSSL_cleanse(data, len);
	free(data);
	return r;
}

static void
auth_cache_gen_pair(yajl_gen g, const char *name, const char *value)
{
	yajl_gen_string(g, (const unsigned char *)name, strlen(name));
	yajl_gen_string(g, (const unsigned char *)value, strlen(value));
}

int
auth_cache_save(const char *path, const char *token_url,
    const char *client_id, const char *token, time_t expires_at,
    struct err *e)
{
	const unsigned char *out;
	size_t len;
	yajl_gen g;
	int r;

	if ((g = yajl_gen_alloc(NULL)) == NULL)
		fatal("out of memory (yajl_gen_alloc)");
	yajl_gen_map_open(g);
	auth_cache_gen_pair(g, "token_url", token_url);
	auth_cache_gen_pair(g, "client_id", client_id);
	auth_cache_gen_pair(g, "access_token", token);
	yajl_gen_string(g, (const unsigned char *)"expires_at", 10);
	yajl_gen_integer(g, (long long)expires_at);
	yajl_gen_map_close(g);
	yajl_gen_get_buf(g, &out, &len);
	r = safefile_write_private(path, out, len, e);
	/* yajl's buffer held the token: wipe it before it goes back. */
	OPENSSL_cleanse((void *)out, len);
	yajl_gen_free(g);
	return r;
}

void
auth_cache_remove(const char *path)
{
	if (path != NULL && unlink(path) != 0 && errno != ENOENT)
		log_msg("auth: cannot remove the token cache %s: %s", path,
		    strerror(errno));
}
