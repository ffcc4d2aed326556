/* utf8.h - UTF-8 validation, display width and safe truncation. */
#ifndef EBOX_UTF8_H
#define EBOX_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available).  Returns the number of
 * bytes used (1..4) and sets *cp, or returns 0 and sets *cp = U+FFFD for an
 * invalid or truncated sequence (the caller then skips 1 byte). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
bool utf8_valid(const char *s, size_t n);
/* Whether s[0..n) is the beginning of one valid multi-byte character that
 * the next bytes may complete (a lead byte and continuation bytes only). */
bool utf8_incomplete(const char *s, size_t n);
/* A new string: s with every invalid sequence replaced by U+FFFD. */
char *utf8_repair(const char *s, size_t n);
/* Display width in terminal columns (wcwidth rules: combining marks 0,
 * East Asian wide 2, controls 0).  Does not need setlocale. */
int utf8_cp_width(uint32_t cp);
int utf8_width(const char *s);
/* Byte length of the longest prefix of s that fits in cols columns,
 * never splitting a character (combining marks stay with their base). */
size_t utf8_prefix_bytes(const char *s, int cols);
/* A new string cut to cols columns; when cut, the last column is "…"
 * (or "~" when ascii is true). */
char *utf8_truncate(const char *s, int cols, bool ascii);
/* A new string padded with spaces or truncated to exactly cols columns. */
char *utf8_fit(const char *s, int cols, bool ascii);

#endif
