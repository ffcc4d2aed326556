/* test-receipt.c - the receipt log: appended whole, read back field by
 * field, private, and a line cut short costs only itself. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebox/receipt.h"
#include "ebox/xalloc.h"
#include "test.h"

static void
sample(struct receipt *r, const char *id, const char *subject)
{
	memset(r, 0, sizeof *r);
	r->when = 1764590400;           /* 2025-12-01T12:00:00Z */
	r->provider = (char *)"ebox-nsso";
	r->message_id = (char *)"b714e95f-156f-5b05-bb1f-ea476907d413";
	r->id = (char *)id;
	r->sender = (char *)"ONEM";
	r->subject = (char *)subject;
	r->content = (char *)"Décision.pdf";
	r->sha256 = (char *)"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";
}

static void
test_receipt_log(void)
{
	char dir[] = "/tmp/test-receipt.XXXXXX", *path;
	struct receipt r, *got = NULL;
	struct stat st;
	size_t n = 99, bad = 99;
	struct err e;

	CHECK(mkdtemp(dir) != NULL);
	path = xasprintf("%s/%s", dir, RECEIPT_FILE);
	/* No log yet: none, no error. */
	CHECK_INT(receipt_read(dir, &got, &n, &bad, &e), 0);
	CHECK_INT((int)n, 0);
	CHECK_INT((int)bad, 0);

	/* A tab and a line break in server text stay on one line. */
	sample(&r, "12345678", "Envoi\trecommandé\nsecond line");
	CHECK_INT(receipt_append(dir, &r, &e), 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK_INT(receipt_read(dir, &got, &n, &bad, &e), 0);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK(got[0].when == r.when);
		CHECK_STR(got[0].id, "12345678");
		CHECK_STR(got[0].subject, "Envoi recommandé second line");
		CHECK_STR(got[0].content, "Décision.pdf");
		CHECK_STR(got[0].sha256, r.sha256);
		CHECK_STR(got[0].provider, "ebox-nsso");
	}
	receipt_free(got, n);

	/* A write cut short (a crash): that line is unreadable, the next
	 * receipt is not glued to it. */
	test_write_file(path, "", 0);
	{
		FILE *f = fopen(path, "a");

		CHECK(f != NULL);
		if (f != NULL) {
			fputs("# a comment\n2025-12-01T12:00:00Z\tebox-nsso\tcut", f);
			fclose(f);
		}
	}
	sample(&r, "87654321", "Mise en demeure");
	CHECK_INT(receipt_append(dir, &r, &e), 0);
	CHECK_INT(receipt_read(dir, &got, &n, &bad, &e), 0);
	CHECK_INT((int)n, 1);
	CHECK_INT((int)bad, 1);
	if (n == 1)
		CHECK_STR(got[0].id, "87654321");
	receipt_free(got, n);

	/* A last line without its newline is not a whole receipt. */
	{
		FILE *f = fopen(path, "a");

		if (f != NULL) {
			fputs("2025-12-01T12:00:00Z\ta\tb\tc\td\te\tf\tg", f);
			fclose(f);
		}
	}
	CHECK_INT(receipt_read(dir, &got, &n, &bad, &e), 0);
	CHECK_INT((int)n, 1);
	CHECK_INT((int)bad, 2);
	receipt_free(got, n);
	unlink(path);
	rmdir(dir);
	free(path);
}

int
main(void)
{
	RUN(test_receipt_log);
	return TEST_DONE();
}
