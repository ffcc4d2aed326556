/* fuzz.h - what the libFuzzer harnesses of tests/fuzz/ share: copies of
 * the input with exact bounds (so ASan sees a read one byte too far), an
 * independent strict UTF-8 check and the list of characters that must
 * never reach the terminal.  An invariant that does not hold prints what
 * was wrong and calls abort(): libFuzzer then saves the input as a crash.
 *
 * The checks here deliberately do not call the product's own utf8.c, so a
 * bug there cannot hide itself.
 */
#ifndef EBOX_FUZZ_H
#define EBOX_FUZZ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Reports a broken invariant and stops: the input becomes a crash file. */
static void fuzz_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn, unused));

static void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\nINVARIANT BROKEN: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

/* FUZZ_CHECK(cond, fmt, ...): fuzz_fail with where and what failed. */
static void fuzz_fail_at(const char *file, int line, const char *cond,
    const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn, unused));

static void
fuzz_fail_at(const char *file, int line, const char *cond, const char *fmt,
    ...)
{
	va_list ap;

	fprintf(stderr, "\nINVARIANT BROKEN at %s:%d: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

#define FUZZ_CHECK(cond, ...) do { \
	if (!(cond)) \
		fuzz_fail_at(__FILE__, __LINE__, #cond, __VA_ARGS__); \
} while (0)

/* A NUL-terminated copy of the input (it may hold NULs of its own). */
static char * __attribute__((unused))
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A copy of exactly size bytes, no terminator: a read past the end is
 * an ASan report. */
static char * __attribute__((unused))
fuzz_bytes(const uint8_t *data, size_t size)
{
	char *s = malloc(size > 0 ? size : 1);

	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	return s;
}

/* Decodes one UTF-8 character at s (n bytes) strictly: no overlong forms,
 * no surrogates, nothing past U+10FFFF.  Returns its length, 0 when the
 * bytes are not valid UTF-8. */
static size_t __attribute__((unused))
fuzz_utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool __attribute__((unused))
fuzz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if ((len = fuzz_utf8_char(p + i, n - i, &cp)) == 0)
			return false;
		i += len;
	}
	return true;
}

/* Whether cp must never reach the terminal: C0 controls (but \n and \t
 * where allowed), DEL, C1 controls and the bidi controls of
 * sanitize.h. */
static bool __attribute__((unused))
fuzz_cp_forbidden(uint32_t cp, bool newline_ok, bool tab_ok)
{
	if (cp == '\n')
		return !newline_ok;
	if (cp == '\t')
		return !tab_ok;
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* Checks that s is valid UTF-8 free of what fuzz_cp_forbidden names;
 * what names s in the report. */
static void __attribute__((unused))
fuzz_check_terminal_safe(const char *s, bool newline_ok, bool tab_ok,
    const char *what)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = strlen(s), len;
	uint32_t cp;

	while (i < n) {
		if ((len = fuzz_utf8_char(p + i, n - i, &cp)) == 0)
			fuzz_fail("%s is not valid UTF-8 at byte %zu", what, i);
		if (fuzz_cp_forbidden(cp, newline_ok, tab_ok))
			fuzz_fail("%s holds U+%04X at byte %zu", what,
			    (unsigned)cp, i);
		i += len;
	}
}

/* Checks that a string the product promises to be valid UTF-8 is. */
static void __attribute__((unused))
fuzz_check_utf8(const char *s, const char *what)
{
	if (s != NULL && !fuzz_utf8_valid(s, strlen(s)))
		fuzz_fail("%s is not valid UTF-8: \"%.80s\"", what, s);
}

#endif
