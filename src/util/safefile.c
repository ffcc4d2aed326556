/* safefile.c - files that never appear half-written under a final name. */
#include "config.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* renameat2, mkostemp */
#endif

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/safefile.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"

#define SAFEFILE_TRIES 1000     /* NAME.N.part and "NAME (N)" attempts */
#define SAFEFILE_EXT_MAX 16

/* fsyncs a directory so a rename in it survives a crash.  Best effort:
 * some file systems refuse fsync on directories, and the data itself is
 * already safe by then. */
static void
safefile_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

int
safefile_open(struct safefile *f, const char *dir, const char *name,
    struct err *e)
{
	int i, fd = -1;
	char *path = NULL;

	memset(f, 0, sizeof *f);
	f->fd = -1;
	f->dir = xstrdup(dir != NULL ? dir : ".");
	f->name = sanitize_filename(name);
	/* sanitize_filename guarantees this; the whole point of the module
	 * is that nothing is written outside dir. */
	assert(strchr(f->name, '/') == NULL);
	for (i = 0; i < SAFEFILE_TRIES; i++) {
		if (i == 0)
			path = xasprintf("%s/%s.part", f->dir, f->name);
		else
			path = xasprintf("%s/%s.%d.part", f->dir, f->name, i);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC |
		    O_NOFOLLOW, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
		free(path);
		path = NULL;
	}
	if (fd < 0) {
		if (path == NULL)
			err_set(e, ERR_IO, _("cannot create a temporary file for "
			    "%s in %s: too many .part files"), f->name, f->dir);
		else
			err_set(e, ERR_IO, _("cannot create %s: %s"), path,
			    strerror(errno));
		free(path);
		safefile_done(f);       /* leaves f safe to done again */
		return ERR_IO;
	}
	f->fd = fd;
	f->part_path = path;
	return 0;
}

/* Candidate final name number n for name: "NAME" for 0, else
 * "STEM (n).EXT" so the file keeps opening with the right program. */
static char *
safefile_candidate(const struct safefile *f, int n)
{
	const char *dot = strrchr(f->name, '.');
	size_t stem;

	if (n == 0)
		return xasprintf("%s/%s", f->dir, f->name);
	if (dot == NULL || dot == f->name || strlen(dot) > SAFEFILE_EXT_MAX)
		dot = f->name + strlen(f->name);
	stem = (size_t)(dot - f->name);
	return xasprintf("%s/%.*s (%d)%s", f->dir, (int)stem, f->name, n, dot);
}

/* The SHA-256 of the file at path into md; 0, or an error code. */
static int
safefile_hash(const char *path, unsigned char sha256[32], struct err *e)
{
	char buf[65536];
	EVP_MD_CTX *md;
	unsigned int len = 0;
	ssize_t n;
	int fd, r = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return err_set(e, ERR_IO, _("cannot read %s: %s"), path,
		    strerror(errno));
	if ((md = EVP_MD_CTX_new()) == NULL)
		fatal("out of memory (EVP_MD_CTX_new)");
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = err_set(e, ERR_IO, _("cannot read %s: %s"), path,
			    strerror(errno));
			break;
		}
		EVP_DigestUpdate(md, buf, (size_t)n);
	}
	EVP_DigestFinal_ex(md, sha256, &len);
	EVP_MD_CTX_free(md);
	close(fd);
	return r;
}

int
safefile_find_same(const char *dir, const char *name,
    const unsigned char sha256[32], int64_t size, char **path,
    struct err *e)
{
	struct safefile f;
	unsigned char have[32];
	struct stat st;
	char *p;
	int i, r = 0;

	*path = NULL;
	memset(&f, 0, sizeof f);
	f.dir = (char *)dir;
	f.name = sanitize_filename(name);
	for (i = 0; i < SAFEFILE_TRIES && r == 0; i++) {
		p = safefile_candidate(&f, i);
		if (lstat(p, &st) != 0) {       /* the first free name */
			free(p);
			break;
		}
		if (S_ISREG(st.st_mode) && st.st_size == (off_t)size &&
		    (r = safefile_hash(p, have, e)) == 0 &&
		    memcmp(have, sha256, 32) == 0) {
			*path = p;
			r = 1;
			break;
		}
		free(p);
	}
	free(f.name);
	return r;
}

/* Gives part the name final unless final exists: 0, -EEXIST or -errno.
 * renameat2(RENAME_NOREPLACE) is atomic; where the file system lacks it,
 * link() fails on an existing name just the same. */
static int
safefile_place(const char *part, const char *final)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, part, AT_FDCWD, final, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -errno;
#endif
	if (link(part, final) != 0)
		return -errno;
	unlink(part);
	return 0;
}

int
safefile_commit(struct safefile *f, int private_mode, struct err *e)
{
	mode_t mode, mask;
	char *final = NULL;
	int i, r = 0;

	if (f->fd < 0 || f->part_path == NULL)
		return err_set(e, ERR_IO,
		    _("nothing to save: the file is not open"));
	/* umask() can only be read by setting it; this program is single
	 * threaded, so putting it straight back is safe. */
	mask = umask(0);
	umask(mask);
	mode = private_mode ? 0600 : (0644 & ~mask);
	/* The mode is set before the name appears, so the final file is
	 * never readable by others when it should not be. */
	if (fchmod(f->fd, mode) != 0 || fsync(f->fd) != 0) {
		err_set(e, ERR_IO, _("cannot write %s: %s"), f->part_path,
		    strerror(errno));
		close(f->fd);
		f->fd = -1;
		return ERR_IO;
	}
	r = close(f->fd);
	f->fd = -1;
	if (r != 0)
		return err_set(e, ERR_IO, _("cannot write %s: %s"), f->part_path,
		    strerror(errno));
	for (i = 0; i < SAFEFILE_TRIES; i++) {
		final = safefile_candidate(f, i);
		if ((r = safefile_place(f->part_path, final)) != -EEXIST)
			break;
		free(final);
		final = NULL;
	}
	if (r != 0) {
		if (final == NULL)
			err_set(e, ERR_IO, _("no free name for %s in %s"), f->name,
			    f->dir);
		else
			err_set(e, ERR_IO, _("cannot rename %s to %s: %s"),
			    f->part_path, final, strerror(-r));
		free(final);
		return ERR_IO;
	}
	safefile_sync_dir(f->dir);
	f->final_path = final;
	/* The .part name is gone (and may be reused by another download):
	 * forget it so a later abort cannot remove someone else's file. */
	free(f->part_path);
	f->part_path = NULL;
	return 0;
}

void
safefile_abort(struct safefile *f)
{
	if (f->fd >= 0) {
		close(f->fd);
		f->fd = -1;
	}
	if (f->part_path != NULL) {
		unlink(f->part_path);
		free(f->part_path);
		f->part_path = NULL;
	}
}

void
safefile_done(struct safefile *f)
{
	if (f->fd >= 0)
		safefile_abort(f);
	free(f->dir);
	free(f->name);
	free(f->part_path);
	free(f->final_path);
	memset(f, 0, sizeof *f);
	f->fd = -1;
}

int
safefile_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
safefile_write_private(const char *path, const void *data, size_t len,
    struct err *e)
{
	char *tmp, *dir, *slash;
	int fd, saved;

	tmp = xasprintf("%s.XXXXXX", path);
	/* mkostemp creates with O_EXCL and mode 0600. */
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		err_set(e, ERR_IO, _("cannot create a file next to %s: %s"), path,
		    strerror(errno));
		free(tmp);
		return ERR_IO;
	}
	if (safefile_write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		goto fail;
	}
	free(tmp);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		slash[slash == dir ? 1 : 0] = '\0';
		safefile_sync_dir(dir);
	} else
		safefile_sync_dir(".");
	free(dir);
	return 0;

fail:
	unlink(tmp);
	free(tmp);
	return err_set(e, ERR_IO, _("cannot write %s: %s"), path,
	    strerror(saved));
}

int
safefile_read_fd(int fd, const char *name, size_t max, char **out,
    size_t *len, struct err *e)
{
	struct buf b;
	char chunk[8192];
	ssize_t n;
	int r = 0;

	*out = NULL;
	if (len != NULL)
		*len = 0;
	buf_init(&b, max);
	/* The cap is checked on what is read, not on a size announced
	 * beforehand: a file may grow while we read it. */
	for (;;) {
		if ((n = read(fd, chunk, sizeof chunk)) < 0) {
			if (errno == EINTR)
				continue;
			r = err_set(e, ERR_IO, _("cannot read %s: %s"), name,
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (buf_append(&b, chunk, (size_t)n) != 0) {
			r = err_set(e, ERR_TOOBIG, ngettext("%s is larger "
			    "than %zu byte", "%s is larger than %zu bytes",
			    max), name, max);
			goto out;
		}
	}
	if (len != NULL)
		*len = b.len;
	*out = buf_steal(&b);
out:
	buf_done(&b);
	return r;
}

int
safefile_read(const char *path, size_t max, char **out, size_t *len,
    struct err *e)
{
	struct stat st;
	int fd, r;

	*out = NULL;
	if (len != NULL)
		*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
		    _("cannot read %s: %s"), path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		r = err_set(e, ERR_IO, _("cannot read %s: not a regular file"),
		    path);
	else
		r = safefile_read_fd(fd, path, max, out, len, e);
	close(fd);
	return r;
}

int
safefile_copy_in(struct safefile *f, const char *from,
    unsigned char sha256[32], int64_t *bytes, struct err *e)
{
	char buf[65536];
	EVP_MD_CTX *md;
	unsigned int mdlen = 0;
	ssize_t n, w;
	int in, r = 0;

	*bytes = 0;
	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0)
		return err_set(e, ERR_IO, _("cannot read %s: %s"), from,
		    strerror(errno));
	if ((md = EVP_MD_CTX_new()) == NULL)
		fatal("out of memory (EVP_MD_CTX_new)");
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while (r == 0 && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = err_set(e, ERR_IO, _("cannot read %s: %s"), from,
			    strerror(errno));
			break;
		}
		EVP_DigestUpdate(md, buf, (size_t)n);
		for (w = 0; w < n; ) {
			ssize_t k = write(f->fd, buf + w, (size_t)(n - w));

			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				r = err_set(e, ERR_IO, _("cannot write %s: %s"),
				    f->part_path, strerror(errno));
				break;
			}
			w += k;
		}
		*bytes += n;
	}
	EVP_DigestFinal_ex(md, sha256, &mdlen);
	EVP_MD_CTX_free(md);
	close(in);
	return r;
}
