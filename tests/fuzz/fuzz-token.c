/* fuzz-token.c - the token endpoint's answer (RFC 6749 5.1 and 5.2).
 *
 * auth_token_parse(), auth_expires_in() and auth_token_refused() are
 * static in src/auth/auth.c, so that file is compiled into this one; its
 * public functions then come from here instead of libebox.a (nothing else
 * in the archive defines them, so the linker never pulls auth.o in).
 *
 * Input: the first byte picks the HTTP status from fuzz_statuses[], the
 * rest is the body.  Checked: a success holds a token fit for a header
 * (auth_token_ok) with a refresh time in the future; a failure leaves no
 * token and says why in a sentence that is valid UTF-8 and free of
 * terminal controls (the server's error_description is untrusted).
 */
#include "auth/auth.c"

#include "fuzz.h"

static const long fuzz_statuses[] = {
	200, 201, 204, 299, 400, 401, 403, 429, 500, 503, 0, 199, 300, 302,
	404, 600,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct net_response resp;
	struct auth *a;
	struct err e;
	time_t before = time(NULL);
	yajl_val root;
	long ttl;
	int r;

	if (size < 1)
		return 0;
	memset(&resp, 0, sizeof resp);
	resp.status = fuzz_statuses[data[0] % (sizeof fuzz_statuses /
	    sizeof fuzz_statuses[0])];
	resp.body = fuzz_cstr(data + 1, size - 1);
	resp.len = size - 1;
	resp.expected = -1;
	a = xcalloc(1, sizeof *a);      /* no cache_file: nothing is written */
	err_clear(&e);

	r = auth_token_parse(a, &resp, &e);
	if (r == 0) {
		FUZZ_CHECK(resp.status >= 200 && resp.status <= 299,
		    "a token taken from an HTTP %ld answer", resp.status);
		FUZZ_CHECK(a->token != NULL && auth_token_ok(a->token),
		    "the token cannot go into a header");
		FUZZ_CHECK(a->refresh_at > before, "refresh_at %lld is not "
		    "after %lld", (long long)a->refresh_at, (long long)before);
		FUZZ_CHECK(a->gen == 1, "gen %u", a->gen);
	} else {
		FUZZ_CHECK(r == -1, "auth_token_parse returned %d", r);
		FUZZ_CHECK(a->token == NULL, "a token kept after a failure");
		FUZZ_CHECK(e.code == ERR_AUTH, "e.code %d", e.code);
		fuzz_check_terminal_safe(e.msg, false, false, "the sentence");
	}

	/* The lifetime is clamped whatever expires_in says. */
	if (resp.len <= AUTH_FILE_MAX &&
	    (root = yajl_tree_parse(resp.body, NULL, 0)) != NULL) {
		ttl = auth_expires_in(root);
		FUZZ_CHECK(ttl >= 1 && ttl <= 366L * 86400, "expires_in gave %ld",
		    ttl);
		yajl_tree_free(root);
	}

	auth_drop_token(a);
	free(a);
	free(resp.body);
	return 0;
}
