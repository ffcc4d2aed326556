/* store-docs.c - documents kept once fetched, one file per SHA-256 in
 * DIR/documents/XX/HEX (XX: the first two hex digits, so that no
 * directory grows past 256 names per digit pair), mode 0600, shared by
 * every message that carries the same bytes.
 *
 * A record and its file appear together: the record is written and the
 * file moved in the same write transaction, so store_purge (which
 * removes files under that same lock) never sees one without the other.
 * A crash between the two leaves at most a file without a record.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ebox/safefile.h"
#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"
#include "store-private.h"

#define STORE_DOCS_DIR "documents"
#define STORE_DOCS_COPY_CHUNK 65536

static void
store_docs_hex(const unsigned char sha256[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[sha256[i] >> 4];
		hex[2 * i + 1] = digits[sha256[i] & 0x0f];
	}
	hex[64] = '\0';
}

char *
store_docs_path(const struct store *s, const char *hex)
{
	size_t i;

	if (hex == NULL || strlen(hex) != 64)
		return NULL;
	for (i = 0; i < 64; i++) {
		if (!((hex[i] >= '0' && hex[i] <= '9') ||
		    (hex[i] >= 'a' && hex[i] <= 'f')))
			return NULL;
	}
	return xasprintf("%s/" STORE_DOCS_DIR "/%.2s/%s", s->dir, hex, hex);
}

char *
store_document_path(const struct store *s, const unsigned char sha256[32])
{
	char hex[65];

	store_docs_hex(sha256, hex);
	return store_docs_path(s, hex);
}

/* fsyncs a directory so that a rename in it survives a crash (best
 * effort, as in safefile.c). */
static void
store_docs_sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash != NULL)
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Copies from to path (another file system: rename cannot move it)
 * through path.part, 0600 and fsync'd, then removes from. */
static int
store_docs_copy(const char *from, const char *path, struct err *e)
{
	char buf[STORE_DOCS_COPY_CHUNK], *part = xasprintf("%s.part", path);
	int in, out = -1, saved = 0;
	ssize_t n;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0) {
		saved = errno;
		goto out;
	}
	(void)unlink(part);         /* left by a crash: ours to replace */
	if ((out = open(part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) < 0) {
		saved = errno;
		goto out;
	}
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || safefile_write_all(out, buf, (size_t)n) != 0) {
			saved = errno;
			goto out;
		}
	}
	if (fsync(out) != 0)
		saved = errno;
	if (close(out) != 0 && saved == 0)
		saved = errno;
	out = -1;
	if (saved == 0 && rename(part, path) != 0)
		saved = errno;
	if (saved == 0)
		(void)unlink(from);
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (saved != 0)
		(void)unlink(part);
	free(part);
	if (saved != 0)
		return err_set(e, ERR_IO, _("cannot keep %s as %s: %s"), from,
		    path, strerror(saved));
	return 0;
}

/* Puts the file at from in place as path: 0600, fsync'd, renamed.  When
 * path already holds size bytes (the same digest kept for another
 * message), from is only removed. */
static int
store_docs_place(const char *from, const char *path, int64_t size,
    struct err *e)
{
	struct stat have, st;
	int fd, r = 0;

	if (stat(path, &have) == 0 && S_ISREG(have.st_mode) &&
	    have.st_size == (off_t)size) {
		/* The caller may hand us the kept file itself. */
		if (stat(from, &st) != 0 || st.st_dev != have.st_dev ||
		    st.st_ino != have.st_ino)
			(void)unlink(from);
		return 0;
	}
	/* The mode is set and the data synced before the name appears. */
	if ((fd = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0 ||
	    fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		r = err_set(e, ERR_IO, _("cannot keep %s: %s"), from,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return r;
	}
	close(fd);
	if (rename(from, path) != 0) {
		if (errno != EXDEV)
			return err_set(e, ERR_IO, _("cannot keep %s as %s: %s"),
			    from, path, strerror(errno));
		if ((r = store_docs_copy(from, path, e)) != 0)
			return r;
	}
	store_docs_sync_dir(path);
	return 0;
}

/* Makes DIR/documents/XX (0700). */
static int
store_docs_mkdir(const char *path, struct err *e)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int r;

	if (slash != NULL)
		*slash = '\0';
	if ((r = xdg_mkdirs(dir, 0700)) != 0)
		r = err_set(e, ERR_IO, _("cannot create %s: %s"), dir,
		    strerror(-r));
	free(dir);
	return r;
}

int
store_document_keep(struct store *s, int64_t rowid,
    const char *attachment_id, const char *from,
    const unsigned char sha256[32], int64_t size, struct err *e)
{
	char hex[65], *path;
	sqlite3_stmt *st = NULL;
	bool own;
	int r;

	if (attachment_id == NULL)
		return err_set(e, ERR_DATA, _("a document without an id cannot "
		    "be kept"));
	store_docs_hex(sha256, hex);
	path = store_docs_path(s, hex);
	if ((r = store_docs_mkdir(path, e)) != 0) {
		free(path);
		return r;
	}
	if ((r = store_op_begin(s, &own, e)) != 0) {
		free(path);
		return r;
	}
	if ((r = store_stmt(s, STORE_Q_MSG_EXISTS,
	    "SELECT 1 FROM messages WHERE rowid = ?1", &st, e)) != 0)
		goto out;
	sqlite3_bind_int64(st, 1, rowid);
	r = sqlite3_step(st);
	store_stmt_done(st);
	if (r == SQLITE_DONE) {
		r = err_set(e, ERR_NOTFOUND, _("%s holds no message number "
		    "%lld"), s->file, (long long)rowid);
		goto out;
	}
	if (r != SQLITE_ROW) {
		r = store_sqlerr(s, r, e);
		goto out;
	}
	if ((r = store_stmt(s, STORE_Q_DOC_PUT,
	    "INSERT INTO documents (message, attachment_id, sha256, size,"
	    " kept_at) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (message, attachment_id) DO UPDATE SET"
	    " sha256 = excluded.sha256, size = excluded.size,"
	    " kept_at = excluded.kept_at", &st, e)) != 0)
		goto out;
	sqlite3_bind_int64(st, 1, rowid);
	store_bind_str(st, 2, attachment_id);
	store_bind_str(st, 3, hex);
	sqlite3_bind_int64(st, 4, size);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	if (r == 0)
		r = store_docs_place(from, path, size, e);
out:
	free(path);
	return store_op_end(s, own, r, e);
}

/* Drops the record of a kept document whose file is gone or changed. */
static void
store_docs_drop(struct store *s, int64_t rowid, const char *attachment_id)
{
	sqlite3_stmt *st;

	if (store_stmt(s, STORE_Q_DOC_DROP,
	    "DELETE FROM documents WHERE message = ?1 AND attachment_id = ?2",
	    &st, NULL) != 0)
		return;
	sqlite3_bind_int64(st, 1, rowid);
	store_bind_str(st, 2, attachment_id);
	(void)sqlite3_step(st);
	store_stmt_done(st);
}

int
store_document_find(struct store *s, int64_t rowid,
    const char *attachment_id, char **path, struct err *e)
{
	char *p = NULL;
	struct stat st_file;
	sqlite3_stmt *st;
	int64_t size = -1;
	int r, rc;

	*path = NULL;
	if ((r = store_stmt(s, STORE_Q_DOC_GET,
	    "SELECT sha256, size FROM documents"
	    " WHERE message = ?1 AND attachment_id = ?2", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	store_bind_str(st, 2, attachment_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p = store_docs_path(s,
		    (const char *)sqlite3_column_text(st, 0));
		size = sqlite3_column_int64(st, 1);
	} else if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	if (r != 0)
		return r;
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, _("document %s of this message "
		    "is not kept in %s"), attachment_id != NULL ?
		    attachment_id : "", s->dir);
	if (p == NULL || stat(p, &st_file) != 0 || !S_ISREG(st_file.st_mode) ||
	    st_file.st_size != (off_t)size) {
		/* Removed or changed by hand: forget it, it will be fetched
		 * (and kept) again. */
		store_docs_drop(s, rowid, attachment_id);
		r = err_set(e, ERR_NOTFOUND, _("the kept copy of document %s "
		    "is gone or changed: %s"), attachment_id != NULL ?
		    attachment_id : "", p != NULL ? p : s->dir);
		free(p);
		return r;
	}
	*path = p;
	return 0;
}

int
store_each_document(struct store *s, store_document_fn fn, void *ud,
    struct err *e)
{
	struct store_document d;
	sqlite3_stmt *st;
	char **ids = NULL, **digests = NULL;
	int64_t *rowids = NULL, *sizes = NULL;
	size_t n = 0, cap = 0, i;
	int r, rc;

	/* Read first, call after: fn may touch the table (a record whose
	 * file is gone is dropped) while no statement walks it. */
	if ((r = store_stmt(s, STORE_Q_DOC_EACH,
	    "SELECT message, attachment_id, sha256, size FROM documents"
	    " ORDER BY message, attachment_id", &st, e)) != 0)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			rowids = xreallocarray(rowids, cap, sizeof *rowids);
			sizes = xreallocarray(sizes, cap, sizeof *sizes);
			ids = xreallocarray(ids, cap, sizeof *ids);
			digests = xreallocarray(digests, cap, sizeof *digests);
		}
		rowids[n] = sqlite3_column_int64(st, 0);
		ids[n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		digests[n] = xstrdup((const char *)sqlite3_column_text(st, 2));
		sizes[n] = sqlite3_column_int64(st, 3);
		n++;
	}
	if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	for (i = 0; r == 0 && i < n; i++) {
		d.rowid = rowids[i];
		d.attachment_id = ids[i];
		d.sha256 = digests[i];
		d.size = sizes[i];
		r = fn(&d, ud);
	}
	for (i = 0; i < n; i++) {
		free(ids[i]);
		free(digests[i]);
	}
	free(ids);
	free(digests);
	free(rowids);
	free(sizes);
	return r;
}
