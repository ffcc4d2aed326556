/* text.h - text helpers shared by search and display. */
#ifndef EBOX_TEXT_H
#define EBOX_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* A new string folded for case- and accent-insensitive matching, the way
 * the Message Registry's q search does: lower case, Latin diacritics
 * removed (é→e, ß→ss, œ→oe, Æ→ae, ...), other characters kept. */
char *text_fold(const char *s);
/* Substring test after folding both sides ("Francois" finds "François"). */
bool text_contains_folded(const char *haystack, const char *needle);
/* Trims ASCII white space in place; returns s. */
char *text_trim(char *s);
/* Base64url without padding (RFC 4648 section 5); a new string. */
char *text_base64url(const unsigned char *data, size_t n);
/* Compares digests ignoring '=' padding; true when equal. */
bool text_digest_equal(const char *a, const char *b);

#endif
