/* text.c - accent-insensitive folding for search, trimming, base64url, and
 * numbers, sizes and dates the way each language writes them. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/text.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

/*
 * Folded forms of U+00C0..U+017F (Latin-1 Supplement letters and Latin
 * Extended-A), the letters of Belgium's languages and their neighbours.
 * NULL keeps the code point (U+00D7 and U+00F7 are signs, not letters).
 */
static const char *const text_latin[] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	/* U+00D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	/* U+00F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* U+0108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* U+0118 */ "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* U+0128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	/* U+0138 */ "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	/* U+0148 */ "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* U+0158 */ "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* U+0168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* U+0178 */ "y", "z", "z", "z", "z", "z", "z", "s",
};

/*
 * Other scripts with a simple case offset: upper-case range, lower-case
 * distance.  Greek U+03A2 is unassigned; Cyrillic U+0400..U+040F map
 * +0x50 and U+0410..U+042F +0x20.
 */
static const struct {
	uint32_t first, last;
	uint32_t add;
} text_case[] = {
	{ 'A', 'Z', 0x20 },
	{ 0x0391, 0x03a1, 0x20 },       /* Greek capitals */
	{ 0x03a3, 0x03ab, 0x20 },
	{ 0x0400, 0x040f, 0x50 },       /* Cyrillic */
	{ 0x0410, 0x042f, 0x20 },
	{ 0xff21, 0xff3a, 0x20 },       /* fullwidth Latin */
};

/* Appends the folded form of cp at *p. */
static char *
text_fold_cp(char *p, uint32_t cp)
{
	const char *s;
	size_t i;

	if (cp >= 0xc0 && cp <= 0x17f &&
	    (s = text_latin[cp - 0xc0]) != NULL) {
		memcpy(p, s, strlen(s));
		return p + strlen(s);
	}
	/* Combining diacritics: decomposed "e\u0301" folds like "é". */
	if (cp >= 0x300 && cp <= 0x36f)
		return p;
	if (cp == 0xa0)
		cp = ' ';
	for (i = 0; i < sizeof text_case / sizeof text_case[0]; i++) {
		if (cp >= text_case[i].first && cp <= text_case[i].last) {
			cp += text_case[i].add;
			break;
		}
	}
	return p + utf8_encode(cp, p);
}

char *
text_fold(const char *s)
{
	char *fixed, *out, *p;
	const char *r;
	size_t len;
	uint32_t cp;

	if (s == NULL)
		return xstrdup("");
	fixed = utf8_repair(s, strlen(s));
	/* No folded form is longer than its source: two-byte letters give
	 * at most two ASCII bytes, and case offsets keep the byte length. */
	p = out = xmalloc(strlen(fixed) + 1);
	for (r = fixed; *r != '\0'; r += len) {
		len = utf8_decode(r, strnlen(r, 4), &cp);
		p = text_fold_cp(p, cp);
	}
	*p = '\0';
	free(fixed);
	return out;
}

bool
text_contains_folded(const char *haystack, const char *needle)
{
	char *h, *n;
	bool found;

	if (haystack == NULL)
		return needle == NULL || *needle == '\0';
	if (needle == NULL || *needle == '\0')
		return true;
	h = text_fold(haystack);
	n = text_fold(needle);
	found = strstr(h, n) != NULL;
	free(h);
	free(n);
	return found;
}

static bool
text_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

char *
text_trim(char *s)
{
	size_t len, start = 0;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	while (len > 0 && text_space(s[len - 1]))
		len--;
	while (start < len && text_space(s[start]))
		start++;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
	return s;
}

static const char text_b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *
text_base64url(const unsigned char *data, size_t n)
{
	char *out, *p;
	size_t i;
	uint32_t v;

	if (data == NULL)
		n = 0;
	p = out = xmalloc(n / 3 * 4 + 4 + 1);
	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 |
		    data[i + 2];
		*p++ = text_b64url[v >> 18 & 63];
		*p++ = text_b64url[v >> 12 & 63];
		*p++ = text_b64url[v >> 6 & 63];
		*p++ = text_b64url[v & 63];
	}
	if (n - i == 1) {
		v = (uint32_t)data[i] << 16;
		*p++ = text_b64url[v >> 18 & 63];
		*p++ = text_b64url[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8;
		*p++ = text_b64url[v >> 18 & 63];
		*p++ = text_b64url[v >> 12 & 63];
		*p++ = text_b64url[v >> 6 & 63];
	}
	*p = '\0';
	return out;
}

bool
text_digest_equal(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL || b == NULL)
		return false;
	la = strlen(a);
	lb = strlen(b);
	while (la > 0 && a[la - 1] == '=')
		la--;
	while (lb > 0 && b[lb - 1] == '=')
		lb--;
	return la == lb && la > 0 && memcmp(a, b, la) == 0;
}

/* Number conventions per language: thousands and decimal separators, and
 * where the euro sign goes.  The last row (English) is the default. */
static const struct {
	const char *lang;
	const char *thousands;
	char decimal;
	bool sign_first;
} text_money_styles[] = {
	{ "fr", "\u202f", ',', false },        /* narrow no-break space */
	{ "nl", ".", ',', true },
	{ "de", ".", ',', false },
	{ "en", ",", '.', true },
};

#define TEXT_N_STYLES (sizeof text_money_styles / sizeof text_money_styles[0])

/* The row of text_money_styles for lang (English when unknown). */
static size_t
text_style(const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < TEXT_N_STYLES; i++) {
		if (strncmp(lang, text_money_styles[i].lang, 2) == 0)
			return i;
	}
	return TEXT_N_STYLES - 1;
}

void
text_money(char *buf, size_t n, double v, const char *currency,
    const char *lang)
{
	char digits[32], grouped[96];
	unsigned long long cents;
	bool euro = currency != NULL && strcmp(currency, "EUR") == 0;
	bool neg = v < 0;
	size_t i, s = text_style(lang), len, k = 0;
	if (v != v)
		v = 0;                  /* NaN from bad data */
	if (neg)
		v = -v;
	if (v > 1e15)
		v = 1e15;
	cents = (unsigned long long)(v * 100 + 0.5);
	if (cents == 0)
		neg = false;    /* no "-0.00" */
	len = (size_t)snprintf(digits, sizeof digits, "%llu", cents / 100);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			k += (size_t)snprintf(grouped + k, sizeof grouped - k, "%s",
			    text_money_styles[s].thousands);
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	if (!euro)
		snprintf(buf, n, "%s%s%c%02llu%s%s", neg ? "-" : "", grouped,
		    text_money_styles[s].decimal, cents % 100,
		    currency ? " " : "", currency ? currency : "");
	else if (text_money_styles[s].sign_first)
		snprintf(buf, n, "%s%s%s%c%02llu", neg ? "-" : "",
		    s == 1 ? "\u20ac " : "\u20ac", grouped,
		    text_money_styles[s].decimal, cents % 100);
	else
		snprintf(buf, n, "%s%s%c%02llu \u20ac", neg ? "-" : "", grouped,
		    text_money_styles[s].decimal, cents % 100);
}

/* Date orders per language (day first, and the separator); ISO for the
 * rest. */
static const struct {
	const char *lang;
	char sep;
} text_date_styles[] = {
	{ "fr", '/' },
	{ "nl", '/' },
	{ "de", '.' },
};

void
text_date(char *buf, size_t n, time_t t, const char *lang)
{
	struct tm tm;
	size_t i;

	if (localtime_r(&t, &tm) == NULL) {
		snprintf(buf, n, "?");
		return;
	}
	for (i = 0; lang != NULL && i < sizeof text_date_styles /
	    sizeof text_date_styles[0]; i++) {
		if (strncmp(lang, text_date_styles[i].lang, 2) == 0) {
			snprintf(buf, n, "%02d%c%02d%c%04d", tm.tm_mday,
			    text_date_styles[i].sep, tm.tm_mon + 1,
			    text_date_styles[i].sep, tm.tm_year + 1900);
			return;
		}
	}
	snprintf(buf, n, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/* A number with one decimal in lang's style ("45.2", "45,2"), whatever
 * LC_NUMERIC says (printf would follow the locale, not the language of
 * the words around the number). */
static void
text_decimal1(char *buf, size_t n, double v, const char *lang)
{
	unsigned long long tenths;

	if (v != v || v < 0)
		v = 0;                  /* NaN or a negative size: bad data */
	if (v > 1e15)
		v = 1e15;
	tenths = (unsigned long long)(v * 10 + 0.5);
	snprintf(buf, n, "%llu%c%llu", tenths / 10,
	    text_money_styles[text_style(lang)].decimal, tenths % 10);
}

void
text_size(char *buf, size_t n, double bytes)
{
	const char *lang = i18n_lang();    /* the words' language */
	char num[48];

	if (bytes != bytes || bytes < 0)
		bytes = 0;
	if (bytes < 1024) {
		unsigned long whole = (unsigned long)(bytes + 0.5);

		snprintf(num, sizeof num, "%lu", whole);
		/* TRANSLATORS: a size; %s is the number. */
		snprintf(buf, n, ngettext("%s byte", "%s bytes", whole), num);
	} else if (bytes < 1024 * 1024) {
		text_decimal1(num, sizeof num, bytes / 1024, lang);
		/* TRANSLATORS: a size in kilobytes; %s is the number. */
		snprintf(buf, n, _("%s kB"), num);
	} else {
		text_decimal1(num, sizeof num, bytes / (1024 * 1024), lang);
		/* TRANSLATORS: a size in megabytes; %s is the number. */
		snprintf(buf, n, _("%s MB"), num);
	}
}

/* Month names for long dates, in the language of the sentence around
 * them (the catalogue's), not LC_TIME's. */
static const char *const text_months[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"),
	N_("October"), N_("November"), N_("December"),
};

void
text_date_long(char *buf, size_t n, time_t t, time_t now)
{
	struct tm tm, tn;

	if (localtime_r(&t, &tm) == NULL || localtime_r(&now, &tn) == NULL) {
		snprintf(buf, n, "?");
		return;
	}
	/* The first of the month has its own pattern: French writes "1er". */
	if (tm.tm_mday == 1 && tm.tm_year == tn.tm_year)
		/* TRANSLATORS: the first day of a month in a sentence, "1
		 * October"; %s is the month's name (French: "1er %s"). */
		snprintf(buf, n, _("1 %s"), _(text_months[tm.tm_mon]));
	else if (tm.tm_mday == 1)
		/* TRANSLATORS: the first day of a month in a sentence, "1
		 * October 2027" (French: "1er %s %d"). */
		snprintf(buf, n, _("1 %s %d"), _(text_months[tm.tm_mon]),
		    tm.tm_year + 1900);
	else if (tm.tm_year == tn.tm_year)
		/* TRANSLATORS: a date in a sentence, "21 October": %1$d is
		 * the day, %2$s the month's name (German: "%1$d. %2$s"). */
		snprintf(buf, n, _("%1$d %2$s"), tm.tm_mday,
		    _(text_months[tm.tm_mon]));
	else
		/* TRANSLATORS: a date in a sentence, "21 October 2027": %1$d
		 * is the day, %2$s the month's name, %3$d the year (German:
		 * "%1$d. %2$s %3$d"). */
		snprintf(buf, n, _("%1$d %2$s %3$d"), tm.tm_mday,
		    _(text_months[tm.tm_mon]), tm.tm_year + 1900);
}
