/* decode-bench.c - how fast ebox-tui decodes message pages, against a bare
 * yajl tokenizer on the same bytes (bench/scale.sh builds and runs it).
 *
 *   decode-bench [-r ROUNDS] PAGE.json...
 *
 * Reads every file into memory first, then per round: decode_messages()
 * on each page (the product's decoder, from libebox.a, freeing each list)
 * and yajl_parse() with callbacks that do nothing, configured as the
 * product configures yajl (strings not validated by yajl: the decoder
 * checks UTF-8 itself; numbers handed over as text).  Prints the median
 * round of each in MB/s (10^6 bytes per second of CPU-bound wall time):
 *
 *   bytes N  pages N  messages N  rounds N
 *   decode_mbps X
 *   yajl_mbps Y
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yajl/yajl_parse.h>

#include "ebox/decode.h"
#include "ebox/err.h"
#include "ebox/model.h"

struct page {
	char *data;
	size_t len;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
read_file(const char *path, struct page *p)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "decode-bench: %s: %s\n", path, strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	p->len = (size_t)n;
	p->data = malloc(p->len + 1);
	if (p->data == NULL || fread(p->data, 1, p->len, f) != p->len) {
		fprintf(stderr, "decode-bench: cannot read %s\n", path);
		fclose(f);
		return -1;
	}
	p->data[p->len] = '\0';
	fclose(f);
	return 0;
}

/* The empty callbacks: every event accepted, nothing kept. */
static int cb_null(void *ctx) { (void)ctx; return 1; }
static int cb_bool(void *ctx, int b) { (void)ctx; (void)b; return 1; }
static int cb_number(void *ctx, const char *s, size_t n)
{ (void)ctx; (void)s; (void)n; return 1; }
static int cb_string(void *ctx, const unsigned char *s, size_t n)
{ (void)ctx; (void)s; (void)n; return 1; }
static int cb_map(void *ctx) { (void)ctx; return 1; }
static int cb_key(void *ctx, const unsigned char *s, size_t n)
{ (void)ctx; (void)s; (void)n; return 1; }

static const yajl_callbacks empty_callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_bool,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_map,
	.yajl_map_key = cb_key,
	.yajl_end_map = cb_map,
	.yajl_start_array = cb_map,
	.yajl_end_array = cb_map,
};

static int
yajl_page(const struct page *p)
{
	yajl_handle h = yajl_alloc(&empty_callbacks, NULL, NULL);
	int ok;

	yajl_config(h, yajl_dont_validate_strings, 1);
	ok = yajl_parse(h, (const unsigned char *)p->data, p->len) ==
	    yajl_status_ok && yajl_complete_parse(h) == yajl_status_ok;
	yajl_free(h);
	return ok ? 0 : -1;
}

static int
decode_page(const struct page *p, size_t *messages)
{
	struct ebox_message_list list;
	struct err e;

	memset(&list, 0, sizeof list);
	err_clear(&e);
	if (decode_messages(p->data, p->len, &list, &e) != 0) {
		fprintf(stderr, "decode-bench: decode_messages: %s\n", e.msg);
		return -1;
	}
	*messages += list.n;
	ebox_message_list_done(&list);
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	struct page *pages;
	size_t npages = 0, bytes = 0, messages = 0, i;
	int rounds = 5, r, argi = 1;
	double *td, *ty, t;

	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		rounds = atoi(argv[2]);
		argi = 3;
	}
	if (argi >= argc || rounds < 1) {
		fprintf(stderr, "usage: decode-bench [-r ROUNDS] PAGE.json...\n");
		return 2;
	}
	pages = calloc((size_t)(argc - argi), sizeof *pages);
	td = calloc((size_t)rounds, sizeof *td);
	ty = calloc((size_t)rounds, sizeof *ty);
	if (pages == NULL || td == NULL || ty == NULL)
		return 1;
	for (; argi < argc; argi++) {
		if (read_file(argv[argi], &pages[npages]) != 0)
			return 1;
		bytes += pages[npages++].len;
	}
	for (r = 0; r < rounds; r++) {
		size_t n = 0;

		t = now_s();
		for (i = 0; i < npages; i++)
			if (decode_page(&pages[i], &n) != 0)
				return 1;
		td[r] = now_s() - t;
		messages = n;
		t = now_s();
		for (i = 0; i < npages; i++)
			if (yajl_page(&pages[i]) != 0) {
				fprintf(stderr, "decode-bench: yajl refused a "
				    "page\n");
				return 1;
			}
		ty[r] = now_s() - t;
	}
	qsort(td, (size_t)rounds, sizeof *td, cmp_double);
	qsort(ty, (size_t)rounds, sizeof *ty, cmp_double);
	printf("bytes %zu\npages %zu\nmessages %zu\nrounds %d\n", bytes, npages,
	    messages, rounds);
	printf("decode_mbps %.1f\nyajl_mbps %.1f\n",
	    (double)bytes / td[rounds / 2] / 1e6,
	    (double)bytes / ty[rounds / 2] / 1e6);
	for (i = 0; i < npages; i++)
		free(pages[i].data);
	free(pages);
	free(td);
	free(ty);
	return 0;
}
