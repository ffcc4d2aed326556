/* test-copy.c - a file copied in slices from the loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "ebox/copy.h"
#include "ebox/net.h"
#include "ebox/xalloc.h"
#include "test.h"

struct outcome {
	bool done;
	int calls;
	int code;
	int64_t bytes;
	unsigned char sha256[32];
	int progress;           /* progress calls */
	int64_t last_done;
	int turns_seen;         /* loop turns seen before it finished */
};

static void
copied(int64_t bytes, const unsigned char sha256[32], const struct err *e,
    void *ud)
{
	struct outcome *o = ud;

	o->done = true;
	o->calls++;
	o->code = e ? e->code : 0;
	o->bytes = bytes;
	memcpy(o->sha256, sha256, 32);
}

static void
progressed(int64_t done, int64_t total, void *ud)
{
	struct outcome *o = ud;

	o->progress++;
	o->last_done = done;
}

/* A file of n bytes of a pattern that no two slices share. */
static char *
make_file(const char *dir, size_t n, unsigned char sha256[32])
{
	char *path = xasprintf("%s/source", dir);
	unsigned char *data = xmalloc(n + 1);
	unsigned int len;
	size_t i;
	int fd;

	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 7 + i / 4099);
	EVP_Digest(data, n, sha256, &len, EVP_sha256(), NULL);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, n) != (ssize_t)n)
		abort();
	close(fd);
	free(data);
	return path;
}

static void
run_until(struct net *n, struct outcome *o)
{
	int turns = 0;

	while (!o->done && turns < 100000) {
		if (net_poll(n, NULL, 0, 1000) != 0)
			break;
		turns++;
	}
	o->turns_seen = turns;
}

static void
test_copy_whole(void)
{
	char dir[] = "/tmp/ebox-copy-XXXXXX";
	unsigned char want[32];
	struct outcome o;
	struct err e;
	struct net *n;
	struct copy *c;
	char *src, *dst;
	size_t size = 3 * COPY_SLICE + 12345;
	int out;

	CHECK(mkdtemp(dir) != NULL);
	src = make_file(dir, size, want);
	dst = xasprintf("%s/dest", dir);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	n = net_new(NULL, &e);
	CHECK(n != NULL);
	memset(&o, 0, sizeof o);
	c = copy_start(n, src, out, progressed, copied, &o, &e);
	CHECK(c != NULL);
	CHECK(!o.done);                 /* nothing happens inside start */
	CHECK_INT(net_pending(n), 1);   /* it holds the loop */
	run_until(n, &o);
	CHECK(o.done);
	CHECK_INT(o.calls, 1);
	CHECK_INT(o.code, 0);
	CHECK_INT(o.bytes, (long long)size);
	CHECK(memcmp(o.sha256, want, 32) == 0);
	/* One slice per turn: the loop got a turn between slices. */
	CHECK_INT(o.progress, 4);
	CHECK(o.turns_seen >= 2);
	CHECK_INT(o.last_done, (long long)size);
	CHECK_INT(net_pending(n), 0);
	close(out);
	{
		unsigned char got[32];
		char *data;
		size_t len;
		unsigned int mdlen;
		FILE *f = fopen(dst, "rb");

		data = xmalloc(size + 1);
		len = fread(data, 1, size + 1, f);
		fclose(f);
		CHECK_INT(len, (long long)size);
		EVP_Digest(data, len, got, &mdlen, EVP_sha256(), NULL);
		CHECK(memcmp(got, want, 32) == 0);
		free(data);
	}
	net_free(n);
	unlink(src);
	unlink(dst);
	rmdir(dir);
	free(src);
	free(dst);
}

static void
test_copy_cancel_and_errors(void)
{
	char dir[] = "/tmp/ebox-copy-XXXXXX";
	unsigned char want[32];
	struct outcome o;
	struct err e;
	struct net *n;
	struct copy *c;
	char *src, *missing;
	int out;

	CHECK(mkdtemp(dir) != NULL);
	src = make_file(dir, 2 * COPY_SLICE, want);
	missing = xasprintf("%s/missing", dir);
	n = net_new(NULL, &e);
	CHECK(n != NULL);

	/* A source that is not there: an error now, no callback. */
	memset(&o, 0, sizeof o);
	CHECK(copy_start(n, missing, 1, NULL, copied, &o, &e) == NULL);
	CHECK_INT(e.code, ERR_IO);
	CHECK(strstr(e.msg, "missing") != NULL);
	CHECK_INT(o.calls, 0);

	/* Cancelled before its first slice: the callback once, now. */
	out = open("/dev/null", O_WRONLY);
	memset(&o, 0, sizeof o);
	c = copy_start(n, src, out, NULL, copied, &o, &e);
	CHECK(c != NULL);
	copy_cancel(c);
	CHECK_INT(o.calls, 1);
	CHECK_INT(o.code, ERR_CANCELLED);
	CHECK_INT(net_pending(n), 0);
	net_poll(n, NULL, 0, 0);
	CHECK_INT(o.calls, 1);
	close(out);

	/* A write that fails (a closed descriptor): ERR_IO, once. */
	out = open("/dev/null", O_WRONLY);
	close(out);
	memset(&o, 0, sizeof o);
	c = copy_start(n, src, out, NULL, copied, &o, &e);
	CHECK(c != NULL);
	run_until(n, &o);
	CHECK_INT(o.calls, 1);
	CHECK_INT(o.code, ERR_IO);
	CHECK_INT(net_pending(n), 0);

	net_free(n);
	unlink(src);
	rmdir(dir);
	free(src);
	free(missing);
}

int
main(void)
{
	RUN(test_copy_whole);
	RUN(test_copy_cancel_and_errors);
	return TEST_DONE();
}
