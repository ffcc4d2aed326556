/* qr.h - QR codes (libqrencode) for the terminal and as PNG files. */
#ifndef EBOX_QR_H
#define EBOX_QR_H

#include <stdbool.h>
#include <stddef.h>

#include "ebox/err.h"

/* The quiet zone scanners need around the code, in modules. */
#define QR_QUIET 4

/* The code of text (error correction M) as lines of half blocks: each
 * character is two modules, one above the other.  A terminal draws its
 * text light on dark, so the blocks are the light modules; invert draws
 * the dark ones, for a light background.  The quiet zone is included.  A NULL-terminated array of new strings, or NULL. */
char **qr_lines(const char *text, bool invert, size_t *n_lines);
void qr_lines_free(char **lines);
/* The code as a PNG file (8 pixels a module, quiet zone, black on white),
 * written to a temporary name and renamed to path, or "path (1)"... if
 * that exists: *final says which (a new string). */
int qr_png(const char *text, const char *path, char **final, struct err *e);

#endif
