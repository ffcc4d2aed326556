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
/* Base64url without padding (RFC 4648 section 5); a new string. */
char *text_base64url(const unsigned char *data, size_t n);
/* Compares digests ignoring '=' padding; true when equal. */
bool text_digest_equal(const char *a, const char *b);

#endif
