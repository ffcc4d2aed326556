/* translit.h - text for terminals whose locale is not UTF-8.
 *
 * Everything inside ebox-tui is UTF-8.  On a terminal in another locale
 * (LANG=C on a Linux console, a Latin-1 xterm) raw UTF-8 shows as garbage,
 * and its bytes 0x80..0x9F can even act as 8-bit C1 controls (0x9B is
 * CSI).  These functions turn sanitised UTF-8 into what such a terminal
 * can show: the locale's own characters where it has them, else an ASCII
 * approximation (é → e, € → EUR, “ ” → "), else '?'.
 */
#ifndef EBOX_TRANSLIT_H
#define EBOX_TRANSLIT_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the current LC_CTYPE locale is UTF-8 (no conversion needed). */
bool translit_utf8_locale(void);
/* s (UTF-8) as plain ASCII; a new string.  NULL gives "". */
char *translit_ascii(const char *s);
/* n bytes of UTF-8 as the locale's charset; a new buffer of *outlen
 * bytes (NUL-terminated).  In a UTF-8 locale, a copy. */
char *translit_locale(const char *s, size_t n, size_t *outlen);

#endif
