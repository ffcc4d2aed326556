/* fuzz-text.c - the text helpers of text.h that search and display use on
 * server data: text_fold / text_contains_folded, text_money, text_date,
 * text_trim, text_base64url, text_digest_equal.
 *
 * Input: HAYSTACK NUL NEEDLE (the needle may be missing); the first bytes
 * also feed the number, currency and language of text_money.  Checked:
 * text_fold gives valid UTF-8 no longer than its (repaired) input and is
 * idempotent; when both strings are valid UTF-8 and the needle occurs in
 * the haystack byte for byte, text_contains_folded finds it; text_money
 * and text_date fill their buffer with valid UTF-8 without cutting it;
 * base64url has the length RFC 4648 gives and only its alphabet.
 */
#include "config.h"

#include <math.h>

#include "ebox/text.h"
#include "fuzz.h"

static void
check_fold(const char *s)
{
	char *f = text_fold(s), *g;

	fuzz_check_utf8(f, "text_fold's output");
	/* Invalid bytes become the three of U+FFFD first. */
	FUZZ_CHECK(strlen(f) <= 3 * strlen(s), "folded to %zu bytes from %zu",
	    strlen(f), strlen(s));
	if (fuzz_utf8_valid(s, strlen(s)))
		FUZZ_CHECK(strlen(f) <= strlen(s), "folded to %zu bytes from "
		    "%zu", strlen(f), strlen(s));
	g = text_fold(f);
	FUZZ_CHECK(strcmp(f, g) == 0, "not idempotent: '%s' then '%s'", f, g);
	free(g);
	free(f);
}

static void
check_money(const uint8_t *data, size_t size)
{
	static const char *const currencies[] = { "EUR", "USD", "", NULL };
	static const char *const langs[] = { "fr", "nl", "de", "en", "fr_BE",
	    "xx", "", NULL };
	char buf[128], small[8];
	double v = 0;
	size_t len;

	if (size >= sizeof v)
		memcpy(&v, data, sizeof v);
	else if (size > 0)
		v = (double)data[0] * 1000.37 - 99999;
	text_money(buf, sizeof buf, v,
	    currencies[size > 8 ? data[8] % 4 : 0],
	    langs[size > 9 ? data[9] % 8 : 0]);
	len = strlen(buf);
	FUZZ_CHECK(len > 0 && len < sizeof buf - 1, "'%s' for %g", buf, v);
	fuzz_check_utf8(buf, "text_money's output");
	FUZZ_CHECK(strchr(buf, 'n') == NULL && strchr(buf, 'i') == NULL,
	    "'%s': nan or inf printed", buf);
	text_money(small, sizeof small, v, "EUR", "fr");
	FUZZ_CHECK(strlen(small) < sizeof small, "overflow");
}

static void
check_date(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "fr", "nl", "de", "en", NULL };
	char buf[32];
	int64_t t = 0;
	size_t i;

	if (size >= sizeof t)
		memcpy(&t, data + size - sizeof t, sizeof t);
	/* Beyond a few billion years localtime fails or the year does not
	 * fit the tm struct; keep to what a server date could be. */
	t %= (int64_t)400 * 366 * 86400 * 1000;
	for (i = 0; langs[i] != NULL; i++) {
		text_date(buf, sizeof buf, (time_t)t, langs[i]);
		FUZZ_CHECK(buf[0] != '\0' && strlen(buf) < sizeof buf - 1,
		    "'%s'", buf);
		fuzz_check_utf8(buf, "text_date's output");
	}
}

static void
check_base64(const uint8_t *data, size_t size)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	char *b = text_base64url(data, size), *padded;
	size_t want = size / 3 * 4 + (size % 3 ? size % 3 + 1 : 0);

	FUZZ_CHECK(strlen(b) == want, "%zu characters for %zu bytes, not %zu",
	    strlen(b), size, want);
	FUZZ_CHECK(strspn(b, alphabet) == want, "outside the alphabet: %s",
	    b);
	padded = malloc(want + 3);
	if (padded == NULL)
		abort();
	sprintf(padded, "%s==", b);
	FUZZ_CHECK(text_digest_equal(b, padded) == (want > 0),
	    "'%s' differs from itself padded", b);
	free(padded);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *hay, *needle, *trimmed;
	size_t hlen;

	buf = fuzz_cstr(data, size);
	hay = buf;
	hlen = strlen(hay);
	needle = hlen < size ? hay + hlen + 1 : hay + hlen;

	check_fold(hay);
	check_fold(needle);
	if (fuzz_utf8_valid(hay, hlen) &&
	    fuzz_utf8_valid(needle, strlen(needle)) &&
	    strstr(hay, needle) != NULL)
		FUZZ_CHECK(text_contains_folded(hay, needle), "'%s' not found "
		    "in '%s'", needle, hay);
	FUZZ_CHECK(text_contains_folded(hay, ""), "the empty needle missed");

	trimmed = strdup(hay);
	if (trimmed == NULL)
		abort();
	text_trim(trimmed);
	FUZZ_CHECK(strstr(hay, trimmed) != NULL, "trim made up text");
	free(trimmed);

	check_money(data, size);
	check_date(data, size);
	check_base64(data, size);
	free(buf);
	return 0;
}
