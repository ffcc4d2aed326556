/* buf.h - a growable byte buffer with a mandatory size cap.
 *
 * Every buffer the network can fill has a maximum (see curl's dynbuf):
 * appending past it fails with ERR_TOOBIG instead of growing without end.
 * data is always NUL-terminated (the NUL is not counted in len).
 */
#ifndef EBOX_BUF_H
#define EBOX_BUF_H

#include <stddef.h>
#include "ebox/err.h"

struct buf {
	char *data;     /* NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;     /* hard cap on len */
};

void buf_init(struct buf *b, size_t max);
void buf_done(struct buf *b);                  /* frees data, keeps max */
void buf_reset(struct buf *b);                 /* len = 0, keeps memory */
int buf_append(struct buf *b, const void *p, size_t n);  /* 0 or ERR_TOOBIG */
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (never NULL: "" when empty) and resets b. */
char *buf_steal(struct buf *b);

#endif
