/* text.h - text helpers shared by search and display. */
#ifndef EBOX_TEXT_H
#define EBOX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A new string folded for case- and accent-insensitive matching, the way
 * the Message Registry's q search does: lower case, Latin diacritics
 * removed (é→e, ß→ss, œ→oe, Æ→ae, ...), other characters kept. */
char *text_fold(const char *s);
/* Substring test after folding both sides ("Francois" finds "François"). */
bool text_contains_folded(const char *haystack, const char *needle);
/* Trims ASCII white space in place; returns s. */
char *text_trim(char *s);
/* An amount of money the way readers of lang expect it: "fr" 1 234,56 €,
 * "nl" € 1.234,56, "de" 1.234,56 €, else 1,234.56 EUR.  The euro gets
 * its sign, other currencies their ISO code.  Independent of setlocale,
 * so output does not change with LC_NUMERIC surprises. */
void text_money(char *buf, size_t n, double v, const char *currency,
    const char *lang);
/* A local date the way readers of lang write it: "fr"/"nl" 25/11/2026,
 * "de" 25.11.2026, else ISO 2026-11-25 (also for scripts).  buf >= 11. */
void text_date(char *buf, size_t n, time_t t, const char *lang);
/* A size for people in the catalogue's language (i18n_lang), the
 * language of the words around it: "812 bytes", "45.2 kB" (en), "45,2 kB"
 * (nl, de), "1,5 Mo" (fr).  The one function for every size shown.
 * buf >= 32. */
void text_size(char *buf, size_t n, double bytes);
/* A local date inside a sentence, in the catalogue's language: "21
 * October", "21. Oktober" (de), with the year when it is not now's:
 * "21 October 2027".  buf >= 64. */
void text_date_long(char *buf, size_t n, time_t t, time_t now);
/* Base64url without padding (RFC 4648 section 5); a new string. */
char *text_base64url(const unsigned char *data, size_t n);
/* Compares digests ignoring '=' padding; true when equal. */
bool text_digest_equal(const char *a, const char *b);

#endif
