/* fuzz-token-cache.c - auth_cache_load() on a damaged or hostile token
 * cache file (src/auth/auth-cache.c).
 *
 * The input is written to a file in $TMPDIR and read back for a fixed
 * account (token_url, client_id below; the seeds use the same).  Checked:
 * a token comes back only when it is fit for a header and not expired,
 * and one that came back survives auth_cache_save() and a second load
 * unchanged.
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "auth/auth-private.h"
#include "ebox/err.h"
#include "fuzz.h"

#define FUZZ_URL "https://idp.example/oauth2/token"
#define FUZZ_CLIENT "ebox-client"
#define FUZZ_NOW ((time_t)1767225600)      /* 2026-01-01 */

static char *fuzz_path;         /* the cache file we write */
static char *fuzz_copy;         /* where auth_cache_save() writes */

static char *fuzz_dir;

static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
	unlink(fuzz_copy);
	rmdir(fuzz_dir);
}

/* The files live in /dev/shm when it can be written (a cache that loads
 * is saved with an fsync, which a disk makes slow), else in $TMPDIR. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (access("/dev/shm", W_OK | X_OK) == 0)
		tmp = "/dev/shm";
	else if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	dir = malloc(strlen(tmp) + 32);
	if (dir == NULL)
		abort();
	sprintf(dir, "%s/fuzz-cache.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		abort();
	}
	fuzz_path = malloc(strlen(dir) + 16);
	fuzz_copy = malloc(strlen(dir) + 16);
	if (fuzz_path == NULL || fuzz_copy == NULL)
		abort();
	sprintf(fuzz_path, "%s/in.json", dir);
	sprintf(fuzz_copy, "%s/out.json", dir);
	fuzz_dir = dir;
	atexit(fuzz_cleanup);
	return 0;
}

static void
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size) ||
	    close(fd) != 0) {
		perror(path);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *token = NULL, *again = NULL;
	time_t exp = 0, exp2 = 0;
	struct err e;
	int r;

	fuzz_write(fuzz_path, data, size);
	r = auth_cache_load(fuzz_path, FUZZ_URL, FUZZ_CLIENT, FUZZ_NOW, &token,
	    &exp);
	if (r != 0) {
		FUZZ_CHECK(r == -1, "auth_cache_load returned %d", r);
		FUZZ_CHECK(token == NULL, "a token after a failure");
		return 0;
	}
	FUZZ_CHECK(token != NULL && auth_token_ok(token),
	    "the cached token cannot go into a header");
	FUZZ_CHECK(exp > FUZZ_NOW, "an expired token came back");
	FUZZ_CHECK(size <= AUTH_FILE_MAX, "a %zu byte file was read", size);

	/* Another account never gets this token. */
	FUZZ_CHECK(auth_cache_load(fuzz_path, FUZZ_URL, "other-client",
	    FUZZ_NOW, &again, &exp2) == -1 && again == NULL,
	    "another client's load got the token");

	/* What we write, we read back the same. */
	err_clear(&e);
	FUZZ_CHECK(auth_cache_save(fuzz_copy, FUZZ_URL, FUZZ_CLIENT, token, exp,
	    &e) == 0, "auth_cache_save failed: %s", e.msg);
	FUZZ_CHECK(auth_cache_load(fuzz_copy, FUZZ_URL, FUZZ_CLIENT, FUZZ_NOW,
	    &again, &exp2) == 0, "the saved cache does not load");
	FUZZ_CHECK(strcmp(again, token) == 0 && exp2 == exp,
	    "the token changed on the way through the file");
	auth_secret_free(again);
	auth_secret_free(token);
	return 0;
}
