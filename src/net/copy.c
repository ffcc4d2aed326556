/* copy.c - a file copied in slices from the loop (see copy.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "ebox/safefile.h"
#include "ebox/copy.h"
#include "ebox/i18n.h"
#include "ebox/xalloc.h"

struct copy {
	struct net *net;
	struct net_timer *timer;
	char *from;
	int in, out;
	int64_t done, total;
	EVP_MD_CTX *md;
	char *buf;
	copy_progress_fn progress;
	copy_done_fn fn;
	void *ud;
};

/* Runs the callback once and frees the copy. */
static void
copy_end(struct copy *c, const struct err *e)
{
	unsigned char sha256[32];
	unsigned int len = 0;

	memset(sha256, 0, sizeof sha256);
	EVP_DigestFinal_ex(c->md, sha256, &len);
	if (c->timer != NULL)
		net_timer_cancel(c->net, c->timer);
	net_release(c->net);
	c->fn(c->done, sha256, e, c->ud);
	EVP_MD_CTX_free(c->md);
	close(c->in);
	free(c->buf);
	free(c->from);
	free(c);
}

static void
copy_slice(void *ud)
{
	struct copy *c = ud;
	struct err e;
	ssize_t n;
	size_t got = 0;

	c->timer = NULL;
	while (got < COPY_SLICE) {
		n = read(c->in, c->buf + got, COPY_SLICE - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(&e, ERR_IO, _("cannot read %s: %s"), c->from,
			    strerror(errno));
			copy_end(c, &e);
			return;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > 0) {
		EVP_DigestUpdate(c->md, c->buf, got);
		if (safefile_write_all(c->out, c->buf, got) != 0) {
			err_set(&e, ERR_IO, _("cannot write a copy of %s: %s"),
			    c->from, strerror(errno));
			copy_end(c, &e);
			return;
		}
		c->done += (int64_t)got;
		if (c->progress != NULL)
			c->progress(c->done, c->total, c->ud);
	}
	if (got < COPY_SLICE) {         /* the end of the file */
		copy_end(c, NULL);
		return;
	}
	/* Keys and transfers get their turn before the next slice. */
	c->timer = net_timer_add(c->net, 0, copy_slice, c);
}

struct copy *
copy_start(struct net *n, const char *from, int out,
    copy_progress_fn progress, copy_done_fn fn, void *ud, struct err *e)
{
	struct copy *c;
	struct stat st;
	int in;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0) {
		err_set(e, ERR_IO, _("cannot read %s: %s"), from,
		    strerror(errno));
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->net = n;
	c->from = xstrdup(from);
	c->in = in;
	c->out = out;
	c->total = fstat(in, &st) == 0 ? (int64_t)st.st_size : -1;
	c->buf = xmalloc(COPY_SLICE);
	c->progress = progress;
	c->fn = fn;
	c->ud = ud;
	if ((c->md = EVP_MD_CTX_new()) == NULL)
		fatal("out of memory (EVP_MD_CTX_new)");
	EVP_DigestInit_ex(c->md, EVP_sha256(), NULL);
	net_hold(n);            /* net_run() waits for the copy */
	c->timer = net_timer_add(n, 0, copy_slice, c);
	return c;
}

void
copy_cancel(struct copy *c)
{
	struct err e;

	if (c == NULL)
		return;
	err_set(&e, ERR_CANCELLED, _("the copy was cancelled"));
	copy_end(c, &e);
}
