/* test.h - a minimal unit-test harness: one program per module, one
 * function per case, expected-versus-actual printed on failure. */
#ifndef EBOX_TEST_H
#define EBOX_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures;
static int test_checks;
static const char *test_current;

#define CHECK(cond) do { \
	test_checks++; \
	if (!(cond)) { \
		test_failures++; \
		fprintf(stderr, "%s:%d: %s: check failed: %s\n", \
		    __FILE__, __LINE__, test_current, #cond); \
	} \
} while (0)

#define CHECK_STR(actual, expected) do { \
	const char *a_ = (actual), *e_ = (expected); \
	test_checks++; \
	if ((a_ == NULL) != (e_ == NULL) || (a_ && strcmp(a_, e_) != 0)) { \
		test_failures++; \
		fprintf(stderr, "%s:%d: %s: %s\n  expected: \"%s\"\n  actual:   \"%s\"\n", \
		    __FILE__, __LINE__, test_current, #actual, \
		    e_ ? e_ : "(null)", a_ ? a_ : "(null)"); \
	} \
} while (0)

#define CHECK_INT(actual, expected) do { \
	long long a_ = (long long)(actual), e_ = (long long)(expected); \
	test_checks++; \
	if (a_ != e_) { \
		test_failures++; \
		fprintf(stderr, "%s:%d: %s: %s\n  expected: %lld\n  actual:   %lld\n", \
		    __FILE__, __LINE__, test_current, #actual, e_, a_); \
	} \
} while (0)

#define RUN(fn) do { test_current = #fn; fn(); } while (0)

/* Last line of main(): prints a summary and gives the exit status.  A
 * program that ran no check at all fails: it proves nothing. */
#define TEST_DONE() ( \
	fprintf(stderr, "%s: %d checks, %d failed%s\n", __FILE__, test_checks, \
	    test_failures, test_checks == 0 ? " (no check ran: FAIL)" : ""), \
	(test_failures || test_checks == 0) ? 1 : 0)

/* Reads a fixture from $srcdir/tests/unit/fixtures/NAME; abort on failure. */
static inline char *test_fixture(const char *name, size_t *len)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];
	FILE *f;
	char *data;
	long n;

	snprintf(path, sizeof path, "%s/tests/unit/fixtures/%s",
	    srcdir ? srcdir : ".", name);
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "cannot open fixture %s\n", path);
		abort();
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n)
		abort();
	data[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return data;
}

/* Temporary files: a test makes its own directory with mkdtemp(); these
 * build paths in it, write files and remove it at the end. */
static inline char *
test_path(const char *root, const char *name)
{
	char *p = malloc(strlen(root) + strlen(name) + 2);

	if (p == NULL)
		abort();
	sprintf(p, "%s/%s", root, name);
	return p;
}

static inline void
test_write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0)
		abort();
}

/* Removes root, which must be one of our /tmp/ebox-test-* directories. */
static inline void
test_remove_tree(const char *root)
{
	char cmd[256];

	if (strncmp(root, "/tmp/ebox-test-", 15) != 0)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", root);
}

#endif
