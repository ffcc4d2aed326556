/* safefile.h - files that never appear half-written under a final name.
 *
 * A download goes to DIR/NAME.part (created O_EXCL, mode 0600), is hashed
 * on the way, checked, fsync'ed, then renamed to a free final name.  Small
 * state files (token cache) are written whole to a temporary and renamed.
 */
#ifndef EBOX_SAFEFILE_H
#define EBOX_SAFEFILE_H

#include <stddef.h>
#include <stdint.h>
#include "ebox/err.h"

struct safefile {
	int fd;                 /* open on part_path while in progress, else -1 */
	char *dir;
	char *name;             /* sanitised wanted final name */
	char *part_path;        /* DIR/NAME.part (or NAME.N.part if taken);
	                           NULL once committed or aborted */
	char *final_path;       /* set by safefile_commit */
};

/* Opens DIR/NAME.part for a file to be called NAME (already sanitised by
 * the caller or not: it is sanitised again here).  DIR must exist. */
int safefile_open(struct safefile *f, const char *dir, const char *name,
    struct err *e);
/* fsyncs, closes and renames to the first free name of NAME, "NAME (1)",
 * "NAME (2)"... keeping the extension; never replaces an existing file.
 * The final file gets mode 0644 & ~umask unless private is set (0600). */
int safefile_commit(struct safefile *f, int private_mode, struct err *e);
/* Copies the file at from into f's .part file, hashing it on the way
 * (SHA-256 into sha256, length into *bytes): a document kept earlier,
 * saved again without the network.  The caller checks and commits. */
int safefile_copy_in(struct safefile *f, const char *from,
    unsigned char sha256[32], int64_t *bytes, struct err *e);
/* Whether one of the names safefile_commit would give name in dir
 * (NAME, "NAME (1)", ... up to the first free one) already holds exactly
 * size bytes of SHA-256 sha256: 1 and *path (a new string) when so, 0
 * when not, an error code on a read error.  Lets an export run twice
 * write nothing the second time. */
int safefile_find_same(const char *dir, const char *name,
    const unsigned char sha256[32], int64_t size, char **path,
    struct err *e);
/* Removes the .part file (after a failure or cancel). */
void safefile_abort(struct safefile *f);
void safefile_done(struct safefile *f);  /* frees strings; aborts if open */

/* write() until all of data is out, through short writes and EINTR;
 * -1 with errno on failure.  The one such loop of the program. */
int safefile_write_all(int fd, const void *data, size_t len);
/* Writes data to path atomically (temp + fsync + rename), mode 0600. */
int safefile_write_private(const char *path, const void *data, size_t len,
    struct err *e);
/* Reads a whole small file (<= max bytes) into a new NUL-terminated string.
 * ERR_NOTFOUND when it does not exist, ERR_TOOBIG past max, else ERR_IO. */
int safefile_read(const char *path, size_t max, char **out, size_t *len,
    struct err *e);
/* The same from an open descriptor (a pipe too) until its end; name
 * says what it is in sentences.  fd stays open. */
int safefile_read_fd(int fd, const char *name, size_t max, char **out,
    size_t *len, struct err *e);

#endif
