/* sanitize.c - the gates from server text to the terminal and to file names. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/sanitize.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

#define SANITIZE_NAME_MAX 200   /* bytes; leaves room for " (99).part" */
#define SANITIZE_EXT_MAX 16     /* longer "extensions" are just dots */

/*
 * Invisible characters that can make text lie about itself: bidi
 * embeddings, overrides, isolates and marks (Trojan Source, CVE-2021-42574;
 * "invoice\u202Efdp.exe"), zero-width and filler characters, tag
 * characters and variation selectors (which can carry a whole hidden
 * message: "ASCII smuggling"), invisible operators, deprecated format
 * controls and interlinear annotation marks.  In text they are shown as
 * a visible placeholder "<U+202E>", so the reader sees that something is
 * there; in file names they are dropped.
 */
static const struct {
	uint32_t first, last;
} sanitize_invisible[] = {
	{ 0x00ad, 0x00ad },     /* SOFT HYPHEN */
	{ 0x034f, 0x034f },     /* COMBINING GRAPHEME JOINER */
	{ 0x061c, 0x061c },     /* ARABIC LETTER MARK */
	{ 0x115f, 0x1160 },     /* HANGUL CHOSEONG/JUNGSEONG FILLER */
	{ 0x17b4, 0x17b5 },     /* KHMER INHERENT VOWELS */
	{ 0x180b, 0x180f },     /* MONGOLIAN FVS, VOWEL SEPARATOR */
	{ 0x200b, 0x200f },     /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
	{ 0x202a, 0x202e },     /* LRE, RLE, PDF, LRO, RLO */
	{ 0x2060, 0x2064 },     /* WORD JOINER .. INVISIBLE PLUS */
	{ 0x2066, 0x206f },     /* isolates, deprecated format controls */
	{ 0x3164, 0x3164 },     /* HANGUL FILLER */
	{ 0xfe00, 0xfe0f },     /* VARIATION SELECTORS */
	{ 0xfeff, 0xfeff },     /* BOM / ZERO WIDTH NO-BREAK SPACE */
	{ 0xffa0, 0xffa0 },     /* HALFWIDTH HANGUL FILLER */
	{ 0xfff9, 0xfffb },     /* interlinear annotation */
	{ 0x1bca0, 0x1bca3 },   /* shorthand format controls */
	{ 0x1d173, 0x1d17a },   /* musical symbol format controls */
	{ 0xe0000, 0xe007f },   /* TAG characters */
	{ 0xe0100, 0xe01ef },   /* VARIATION SELECTORS SUPPLEMENT */
};

static bool
sanitize_is_invisible(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof sanitize_invisible / sizeof sanitize_invisible[0];
	    i++) {
		if (cp >= sanitize_invisible[i].first &&
		    cp <= sanitize_invisible[i].last)
			return true;
	}
	return false;
}

/* Joiners and presentation selectors have honest uses: ZWJ builds emoji
 * sequences, ZWNJ breaks a ligature (German "Auf\u200Clage"), VS15/VS16
 * choose text or emoji style.  One of them right after a visible
 * character passes; at the start, or in a run (a way to encode hidden
 * bits), it is shown. */
static bool
sanitize_is_joiner(uint32_t cp)
{
	return cp == 0x200c || cp == 0x200d || cp == 0xfe0e || cp == 0xfe0f;
}

/* The C1 controls that open a control string ended only by ST (or BEL,
 * which xterm also accepts): DCS, SOS, OSC, PM, APC. */
static bool
sanitize_is_string_start(uint32_t c1)
{
	return c1 == 0x90 || c1 == 0x98 || c1 == 0x9d || c1 == 0x9e ||
	    c1 == 0x9f;
}

/* Skips CSI parameters, intermediates and the final byte from i; stops
 * before anything that cannot be part of the sequence (a control, ESC,
 * non-ASCII), which the caller then handles on its own. */
static size_t
sanitize_skip_csi(const unsigned char *s, size_t n, size_t i)
{
	while (i < n && s[i] >= 0x20 && s[i] <= 0x3f)
		i++;                    /* parameters, intermediates */
	if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
		i++;                    /* final byte */
	return i;
}

/* Skips a control string from i up to and including its terminator: BEL,
 * ESC \ or U+009C.  An unterminated string runs to the end, as it would
 * on a terminal, so nothing hidden in it is ever shown. */
static size_t
sanitize_skip_string(const unsigned char *s, size_t n, size_t i)
{
	while (i < n) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\')
			return i + 2;
		if (s[i] == 0xc2 && i + 1 < n && s[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return n;
}

/* Skips what follows a C1 control (7-bit ESC Fe form or 8-bit U+0080..
 * U+009F) that ended at i. */
static size_t
sanitize_skip_c1(const unsigned char *s, size_t n, size_t i, uint32_t c1)
{
	if (c1 == 0x9b)
		return sanitize_skip_csi(s, n, i);
	if (sanitize_is_string_start(c1))
		return sanitize_skip_string(s, n, i);
	return i;
}

/* Skips an escape sequence starting with ESC at i; returns where the
 * text resumes. */
static size_t
sanitize_skip_escape(const unsigned char *s, size_t n, size_t i)
{
	i++;                            /* ESC */
	if (i >= n)
		return i;
	/* ESC followed by 0x40..0x5F is the 7-bit form of the C1 control
	 * 0x80..0x9F (ECMA-48 5.3): ESC [ is CSI, ESC ] is OSC, ESC P DCS. */
	if (s[i] >= 0x40 && s[i] <= 0x5f)
		return sanitize_skip_c1(s, n, i + 1, (uint32_t)s[i] + 0x40);
	/* nF: intermediates then a final (ESC ( B, ESC # 8); Fp/Fs: one
	 * byte (ESC 7, ESC c, ESC =). */
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (i < n && s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return i;
}

/* Writes what stands for the invisible cp at p; returns the bytes. */
static size_t
sanitize_placeholder(char *p, uint32_t cp, int flags)
{
	if (flags & SANITIZE_DROP_INVISIBLE)
		return 0;
	return (size_t)sprintf(p, "<U+%04X>", (unsigned)cp);
}

static char *
sanitize_run(const char *str, size_t n, int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	char *out, *p;
	size_t i = 0, len;
	uint32_t cp, prev = 0;  /* the last code point shown, 0 at a start */

	/* Worst case: a 2-byte character becomes an 8-byte placeholder. */
	p = out = xreallocarray(NULL, n + 1, 4);
	while (i < n) {
		/* Printable ASCII, most of any text, goes through as it is:
		 * the output of `list --json` at 100 000 messages spent half
		 * its time here one character at a time. */
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			size_t j = i + 1;

			while (j < n && s[j] >= 0x20 && s[j] < 0x7f)
				j++;
			memcpy(p, str + i, j - i);
			p += j - i;
			prev = s[j - 1];
			i = j;
			continue;
		}
		if (s[i] == 0x1b) {
			i = sanitize_skip_escape(s, n, i);
			continue;
		}
		if ((len = utf8_decode(str + i, n - i, &cp)) == 0) {
			p += utf8_encode(0xfffd, p);
			i++;
			continue;
		}
		i += len;
		if (cp == '\r' || cp == '\n') {
			/* CR LF, a lone CR and LF are all one line break. */
			if (cp == '\r' && i < n && s[i] == '\n')
				i++;
			*p++ = (flags & SANITIZE_KEEP_NEWLINES) ? '\n' : ' ';
			prev = 0;
		} else if (cp == '\t') {
			*p++ = (flags & SANITIZE_KEEP_TABS) ? '\t' : ' ';
			prev = 0;
		} else if (cp < 0x20 || cp == 0x7f)
			continue;       /* other C0 and DEL, NUL included */
		else if (cp >= 0x80 && cp <= 0x9f)
			i = sanitize_skip_c1(s, n, i, cp);
		else if (cp == 0x2028 || cp == 0x2029) {
			*p++ = ' ';     /* line/paragraph separators */
			prev = 0;
		} else if (cp == 0xfeff && p == out)
			continue;       /* a byte order mark opening a text */
		else if (sanitize_is_invisible(cp) &&
		    !(sanitize_is_joiner(cp) && prev != 0 &&
		    !sanitize_is_invisible(prev))) {
			p += sanitize_placeholder(p, cp, flags);
			prev = cp;
		} else {
			memcpy(p, str + i - len, len);
			p += len;
			prev = cp;
		}
	}
	*p = '\0';
	return out;
}

size_t
sanitize_complete(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, start, len, end;
	uint32_t cp;

	while (i < n) {
		/* Printable ASCII and line breaks start nothing that could
		 * go on in the next piece. */
		if ((s[i] >= 0x20 && s[i] < 0x7f) || s[i] == '\n' ||
		    s[i] == '\t') {
			i++;
			continue;
		}
		start = i;
		if (s[i] == 0x1b) {
			/* A sequence that reaches the end may go on in the
			 * next piece: hold it back whole. */
			if ((end = sanitize_skip_escape(s, n, i)) >= n)
				return start;
			i = end;
			continue;
		}
		if ((len = utf8_decode(str + i, n - i, &cp)) == 0) {
			if (utf8_incomplete(str + i, n - i))
				return start;
			i++;
			continue;
		}
		i += len;
		if (cp >= 0x80 && cp <= 0x9f) {
			end = sanitize_skip_c1(s, n, i, cp);
			if (end >= n && (cp == 0x9b ||
			    sanitize_is_string_start(cp)))
				return start;
			i = end;
		}
	}
	return n;
}

char *
sanitize_text(const char *s, int flags)
{
	if (s == NULL)
		return xstrdup("");
	return sanitize_run(s, strlen(s), flags);
}

char *
sanitize_textn(const char *s, size_t n, int flags)
{
	if (s == NULL)
		return xstrdup("");
	return sanitize_run(s, n, flags);
}

/* Length of the extension of name (".pdf"), 0 when there is none worth
 * keeping: no dot after the first byte, or too long to be a type. */
static size_t
sanitize_ext_len(const char *name, size_t len)
{
	const char *dot = strrchr(name, '.');
	size_t ext;

	if (dot == NULL || dot == name)
		return 0;
	ext = len - (size_t)(dot - name);
	return ext > SANITIZE_EXT_MAX ? 0 : ext;
}

/* Cuts name (valid UTF-8, len bytes) to SANITIZE_NAME_MAX bytes on a
 * character boundary, keeping the extension. */
static void
sanitize_shorten(char *name, size_t len)
{
	size_t ext = sanitize_ext_len(name, len), keep;

	if (len <= SANITIZE_NAME_MAX)
		return;
	keep = SANITIZE_NAME_MAX - ext;
	/* Back off continuation bytes so no character is split. */
	while (keep > 0 && ((unsigned char)name[keep] & 0xc0) == 0x80)
		keep--;
	memmove(name + keep, name + len - ext, ext + 1);
}

/* Trailing dots and spaces: Windows drops them, and "x." hides the real
 * extension; leading spaces are just noise.  Trims name (len bytes) in
 * place; returns the new length. */
static size_t
sanitize_trim(char *name, size_t len)
{
	char *r = name;

	while (len > 0 && (name[len - 1] == '.' || name[len - 1] == ' '))
		name[--len] = '\0';
	while (*r == ' ')
		r++;
	len -= (size_t)(r - name);
	memmove(name, r, len + 1);
	return len;
}

char *
sanitize_filename(const char *s)
{
	char *name, *r, *w;
	size_t len;
	uint32_t cp;

	name = sanitize_text(s, SANITIZE_DROP_INVISIBLE);
	/* Path separators become '_' so the name can never leave the
	 * directory; ZWJ is harmless in text but has no place in a name. */
	for (r = w = name; *r != '\0'; ) {
		if ((len = utf8_decode(r, strnlen(r, 4), &cp)) == 0)
			len = 1;        /* cannot happen: r is sanitised */
		if (cp == '/' || cp == '\\')
			*w++ = '_';
		else if (cp != 0x200c && cp != 0x200d) {
			memmove(w, r, len);
			w += len;
		}
		r += len;
	}
	*w = '\0';
	len = sanitize_trim(name, strlen(name));
	if (len == 0) {
		free(name);
		return xstrdup("document");
	}
	/* A leading '.' hides the file (and makes "." and ".."); a leading
	 * '-' makes it look like an option to the user's shell tools. */
	if (name[0] == '.' || name[0] == '-')
		name[0] = '_';
	sanitize_shorten(name, len);
	/* The cut may have left a dot or a space at the end (found by the
	 * fuzzer: the result must be a fixed point). */
	if (sanitize_trim(name, strlen(name)) == 0) {
		free(name);
		return xstrdup("document");
	}
	return name;
}

static int
sanitize_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
percent_decode(const char *in)
{
	const char *s = in;
	char *out, *p;
	int hi, lo;

	if (in == NULL)
		return xstrdup("");
	p = out = xmalloc(strlen(in) + 1);
	while (*s != '\0') {
		if (s[0] == '%' &&
		    (hi = sanitize_hex((unsigned char)s[1])) >= 0 &&
		    (lo = sanitize_hex((unsigned char)s[2])) >= 0) {
			*p++ = (char)(hi << 4 | lo);
			s += 3;
		} else
			*p++ = *s++;
	}
	*p = '\0';
	/* A name that decodes to bytes that are not text (or holds %00) was
	 * probably never encoded: show it as it came. */
	if ((size_t)(p - out) != strlen(out) ||
	    !utf8_valid(out, (size_t)(p - out))) {
		free(out);
		return xstrdup(in);
	}
	return out;
}
