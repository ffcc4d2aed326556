/* copy.h - a file copied in slices from the loop.
 *
 * Saving a document the store already keeps needs no network, but a
 * copy of a large file in one go would stop the keys for seconds.  A copy
 * runs as a net timer instead: each pass of the loop's timers copies one slice
 * (COPY_SLICE bytes), hashes it (SHA-256, so the copy is verified like a
 * download), then yields.  The callback runs from net_poll(), exactly
 * once: at the end, on an error, or on copy_cancel().  A copy holds the
 * loop (net_hold) like a job: net_run() waits for it.
 */
#ifndef EBOX_COPY_H
#define EBOX_COPY_H

#include <stdint.h>
#include "ebox/err.h"
#include "ebox/net.h"

#define COPY_SLICE (2 << 20)

struct copy;

/* e is NULL on success; bytes copied and their SHA-256. */
typedef void (*copy_done_fn)(int64_t bytes, const unsigned char sha256[32],
    const struct err *e, void *ud);
typedef void (*copy_progress_fn)(int64_t done, int64_t total, void *ud);

/* Copies the file at from into out (an open descriptor, not closed).
 * NULL and e set when from cannot be opened (fn is then never called). */
struct copy *copy_start(struct net *n, const char *from, int out,
    copy_progress_fn progress, copy_done_fn fn, void *ud, struct err *e);
/* Stops the copy; fn runs with ERR_CANCELLED before this returns. */
void copy_cancel(struct copy *c);

#endif
