/* utf8.c - strict UTF-8 decoding, repair, display width and truncation. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/utf8.h"
#include "ebox/xalloc.h"

#define UTF8_REPLACEMENT 0xfffd

/*
 * One row per lead-byte class (RFC 3629 table): the byte count and the
 * allowed range of the second byte, which is what rules out overlong
 * forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
 */
static const struct {
	unsigned char lo, hi;           /* lead byte range */
	size_t len;
	unsigned char lo2, hi2;         /* allowed second byte */
	uint32_t mask;                  /* payload bits of the lead byte */
} utf8_leads[] = {
	{ 0xc2, 0xdf, 2, 0x80, 0xbf, 0x1f },
	{ 0xe0, 0xe0, 3, 0xa0, 0xbf, 0x0f },
	{ 0xe1, 0xec, 3, 0x80, 0xbf, 0x0f },
	{ 0xed, 0xed, 3, 0x80, 0x9f, 0x0f },
	{ 0xee, 0xef, 3, 0x80, 0xbf, 0x0f },
	{ 0xf0, 0xf0, 4, 0x90, 0xbf, 0x07 },
	{ 0xf1, 0xf3, 4, 0x80, 0xbf, 0x07 },
	{ 0xf4, 0xf4, 4, 0x80, 0x8f, 0x07 },
};

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;
	uint32_t c;

	*cp = UTF8_REPLACEMENT;
	if (s == NULL || n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	for (i = 0; i < sizeof utf8_leads / sizeof utf8_leads[0]; i++) {
		if (u[0] < utf8_leads[i].lo || u[0] > utf8_leads[i].hi)
			continue;
		if (n < utf8_leads[i].len ||
		    u[1] < utf8_leads[i].lo2 || u[1] > utf8_leads[i].hi2)
			return 0;
		c = u[0] & utf8_leads[i].mask;
		for (k = 1; k < utf8_leads[i].len; k++) {
			if ((u[k] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (u[k] & 0x3f);
		}
		*cp = c;
		return utf8_leads[i].len;
	}
	return 0;       /* continuation byte, C0, C1 or F5..FF as lead */
}

bool
utf8_incomplete(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;

	if (s == NULL || n == 0)
		return false;
	for (i = 0; i < sizeof utf8_leads / sizeof utf8_leads[0]; i++) {
		if (u[0] < utf8_leads[i].lo || u[0] > utf8_leads[i].hi)
			continue;
		if (n >= utf8_leads[i].len)
			return false;
		if (n > 1 && (u[1] < utf8_leads[i].lo2 ||
		    u[1] > utf8_leads[i].hi2))
			return false;
		for (k = 1; k < n; k++) {
			if ((u[k] & 0xc0) != 0x80)
				return false;
		}
		return true;
	}
	return false;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *u = (unsigned char *)out;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (unsigned char)(0xf0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

bool
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t cp;

	if (s == NULL)
		return n == 0;
	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
		i += len;
	}
	return true;
}

char *
utf8_repair(const char *s, size_t n)
{
	char *out, *p;
	size_t i = 0, len;
	uint32_t cp;

	if (s == NULL)
		return xstrdup("");
	/* Worst case: every byte becomes a 3-byte U+FFFD. */
	p = out = xreallocarray(NULL, n + 1, 3);
	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) == 0) {
			p += utf8_encode(UTF8_REPLACEMENT, p);
			i++;
			continue;
		}
		memcpy(p, s + i, len);
		p += len;
		i += len;
	}
	*p = '\0';
	return out;
}

/* Decodes at s (NUL-terminated); invalid bytes count as one U+FFFD. */
static size_t
utf8_next(const char *s, uint32_t *cp)
{
	size_t len = utf8_decode(s, strnlen(s, 4), cp);

	return len == 0 ? 1 : len;
}

int
utf8_width(const char *s)
{
	uint32_t cp;
	int w = 0;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		s += utf8_next(s, &cp);
		w += utf8_cp_width(cp);
	}
	return w;
}

size_t
utf8_prefix_bytes(const char *s, int cols)
{
	size_t i = 0, len;
	uint32_t cp;
	int w = 0, cw;

	if (s == NULL)
		return 0;
	while (s[i] != '\0') {
		len = utf8_next(s + i, &cp);
		cw = utf8_cp_width(cp);
		/* A zero-width mark belongs to the character before it, so it
		 * is taken whenever that character was; a character that does
		 * not fit ends the prefix together with its marks. */
		if (cw > 0 && w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	return i;
}

/* Cuts a valid string s to cols columns with the marker as last column. */
static char *
utf8_cut(const char *s, int cols, bool ascii)
{
	const char *mark = ascii ? "~" : "\xe2\x80\xa6";   /* U+2026 */
	size_t keep, mlen = strlen(mark);
	char *out;

	if (cols <= 0)
		return xstrdup("");
	if (utf8_width(s) <= cols)
		return xstrdup(s);
	keep = utf8_prefix_bytes(s, cols - 1);
	out = xmalloc(keep + mlen + 1);
	memcpy(out, s, keep);
	memcpy(out + keep, mark, mlen + 1);
	return out;
}

char *
utf8_truncate(const char *s, int cols, bool ascii)
{
	char *fixed, *out;

	if (s == NULL)
		s = "";
	fixed = utf8_repair(s, strlen(s));
	out = utf8_cut(fixed, cols, ascii);
	free(fixed);
	return out;
}

char *
utf8_fit(const char *s, int cols, bool ascii)
{
	char *cut, *out;
	int w;
	size_t len;

	cut = utf8_truncate(s, cols, ascii);
	w = utf8_width(cut);
	if (w >= cols)
		return cut;
	len = strlen(cut);
	out = xmalloc(len + (size_t)(cols - w) + 1);
	memcpy(out, cut, len);
	memset(out + len, ' ', (size_t)(cols - w));
	out[len + (size_t)(cols - w)] = '\0';
	free(cut);
	return out;
}
