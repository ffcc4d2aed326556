/* receipt.c - the local log of proofs of reading (receipt.h): appended,
 * never rewritten, so an interrupted write costs at most its own line. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebox/buf.h"
#include "ebox/i18n.h"
#include "ebox/isotime.h"
#include "ebox/receipt.h"
#include "ebox/safefile.h"
#include "ebox/xalloc.h"

#define RECEIPT_FIELDS 8
#define RECEIPT_MAX_FILE (64 * 1024 * 1024)

/* A field on one line: tabs and line breaks become spaces. */
static void
receipt_field(struct buf *b, const char *s)
{
	buf_puts(b, "\t");
	for (; s != NULL && *s != '\0'; s++)
		buf_append(b, (*s == '\t' || *s == '\n' || *s == '\r') ? " " : s,
		    1);
}

/* A line an earlier write left cut (a crash, a full disk) must not
 * swallow this one: after a last byte that is no newline, start with
 * one.  Returns the bytes to write (b->len is updated). */
static char *
receipt_after_cut(int fd, struct buf *b)
{
	struct stat st;
	char last = '\n';

	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
		struct buf nb;

		buf_init(&nb, b->max + 1);
		buf_puts(&nb, "\n");
		buf_append(&nb, b->data, b->len);
		buf_done(b);
		*b = nb;
	}
	return b->data;
}

int
receipt_append(const char *dir, const struct receipt *r, struct err *e)
{
	char when[21], *path = xasprintf("%s/%s", dir, RECEIPT_FILE);
	struct buf b;
	ssize_t w;
	int fd, rc = 0;

	isotime_format(r->when, when);
	buf_init(&b, 64 * 1024);
	buf_puts(&b, when);
	receipt_field(&b, r->provider);
	receipt_field(&b, r->message_id);
	receipt_field(&b, r->id);
	receipt_field(&b, r->sender);
	receipt_field(&b, r->subject);
	receipt_field(&b, r->content);
	receipt_field(&b, r->sha256);
	buf_puts(&b, "\n");
	/* O_APPEND and one write: two ebox-tui at once never interleave. */
	if ((fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) < 0) {
		rc = err_set(e, ERR_IO, _("the receipt log %s cannot be opened: "
		    "%s"), path, strerror(errno));
	} else {
		char *line = receipt_after_cut(fd, &b);
		bool ok;

		/* One write, not a loop: a short one leaves a cut line,
		 * which the reader skips and the next append steps over. */
		while ((w = write(fd, line, b.len)) < 0 && errno == EINTR)
			;
		ok = w == (ssize_t)b.len && fsync(fd) == 0;
		if (close(fd) != 0)
			ok = false;
		if (!ok)
			rc = err_set(e, ERR_IO, _("the receipt log %s could not "
			    "be written: %s"), path, strerror(errno));
	}
	buf_done(&b);
	free(path);
	return rc;
}

/* Splits one line into its fields; false when it is not a receipt. */
static bool
receipt_parse(char *line, struct receipt *r)
{
	char *f[RECEIPT_FIELDS], *p = line;
	size_t i;

	for (i = 0; i < RECEIPT_FIELDS; i++) {
		f[i] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	if (i != RECEIPT_FIELDS - 1 || isotime_parse(f[0], &r->when) != 0)
		return false;
	r->provider = xstrdup(f[1]);
	r->message_id = xstrdup(f[2]);
	r->id = xstrdup(f[3]);
	r->sender = xstrdup(f[4]);
	r->subject = xstrdup(f[5]);
	r->content = xstrdup(f[6]);
	r->sha256 = xstrdup(f[7]);
	return true;
}

int
receipt_read(const char *dir, struct receipt **out, size_t *n, size_t *bad,
    struct err *e)
{
	char *path = xasprintf("%s/%s", dir, RECEIPT_FILE), *data = NULL;
	char *line, *next;
	size_t len = 0, cap = 0;
	struct err re;

	*out = NULL;
	*n = *bad = 0;
	if (safefile_read(path, RECEIPT_MAX_FILE, &data, &len, &re) != 0) {
		free(path);
		if (re.code == ERR_NOTFOUND)
			return 0;       /* nothing opened yet */
		*e = re;
		return e->code;
	}
	free(path);
	for (line = data; line != NULL && *line != '\0'; line = next) {
		struct receipt r;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = NULL;    /* a last line cut short: not whole */
		if (*line == '#' || *line == '\0')
			continue;
		memset(&r, 0, sizeof r);
		if (next == NULL || !receipt_parse(line, &r)) {
			(*bad)++;
			continue;
		}
		if (*n == cap)
			*out = xreallocarray(*out, cap = cap ? cap * 2 : 16,
			    sizeof **out);
		(*out)[(*n)++] = r;
	}
	free(data);
	return 0;
}

void
receipt_free(struct receipt *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].provider);
		free(r[i].message_id);
		free(r[i].id);
		free(r[i].sender);
		free(r[i].subject);
		free(r[i].content);
		free(r[i].sha256);
	}
	free(r);
}
