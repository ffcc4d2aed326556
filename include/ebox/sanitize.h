/* sanitize.h - the two gates between untrusted server text and the user.
 *
 * sanitize_text() stands between the network and the terminal: it removes
 * C0/C1 controls (keeping \n and \t only when asked), ESC/CSI/OSC/DCS
 * sequences as a whole, and replaces invalid UTF-8 with U+FFFD.  Bidi
 * controls (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C) and other
 * invisible characters that can hide or spoof text (zero-width and filler
 * characters, tags, variation selectors, soft hyphen) become a visible
 * placeholder such as "<U+202E>"; a single joiner or VS15/VS16 right
 * after a visible character passes (emoji, ligature breaks).
 * sanitize_filename() stands between the network and a file name.
 */
#ifndef EBOX_SANITIZE_H
#define EBOX_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

enum {
	SANITIZE_KEEP_NEWLINES = 1 << 0,  /* keep \n (and turn \r\n into \n) */
	SANITIZE_KEEP_TABS = 1 << 1,      /* keep \t, else it becomes a space */
	SANITIZE_DROP_INVISIBLE = 1 << 2, /* drop invisible characters instead
	                                     of showing placeholders */
};

/* A new string safe to print.  NULL in gives "". */
char *sanitize_text(const char *s, int flags);
/* Same, for n bytes that may contain NULs (they are dropped). */
char *sanitize_textn(const char *s, size_t n, int flags);

/* For text that arrives in pieces (the output gate): the length of the
 * longest prefix of s[0..n) that does not end inside a UTF-8 character or
 * an escape sequence, so that sanitising the pieces one by one gives the
 * same result as sanitising the whole. */
size_t sanitize_complete(const char *s, size_t n);

/* A new file name safe to create inside a directory: no '/', '\\', NUL,
 * controls, bidi or format characters; not "", ".", ".."; no leading '.'
 * or '-' (replaced by '_'); trailing dots and spaces removed; at most
 * 200 bytes keeping the extension; "document" when nothing is left. */
char *sanitize_filename(const char *s);

/* Percent-decodes %XX sequences (file names arrive encoded when the sender
 * used encodeURIComponent).  Invalid escapes are kept as they are.  When
 * the decoded bytes are not valid UTF-8 or hold a NUL, the name was not
 * encoded after all: a copy of s comes back unchanged.  NULL gives "". */
char *percent_decode(const char *s);

#endif
