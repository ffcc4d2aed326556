/* test-text.c - folding for search, trimming, base64url and digests;
 * sizes and dates as each language writes them. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/text.h"
#include "test.h"

#define NOW ((time_t)1717243200)        /* 2024-06-01 14:00 in Brussels */
#define DAY ((time_t)86400)

#define CHECK_FOLD(s, want) do { \
	char *got_ = text_fold(s); \
	CHECK_STR(got_, (want)); \
	free(got_); \
} while (0)

#define CHECK_B64(data, n, want) do { \
	char *got_ = text_base64url((const unsigned char *)(data), (n)); \
	CHECK_STR(got_, (want)); \
	free(got_); \
} while (0)

static void
test_fold_null_empty(void)
{
	CHECK_FOLD(NULL, "");
	CHECK_FOLD("", "");
}

static void
test_fold_ascii(void)
{
	CHECK_FOLD("Hello WORLD 42!", "hello world 42!");
}

static void
test_fold_diacritics(void)
{
	CHECK_FOLD("\xc3\xa9", "e");                    /* é */
	CHECK_FOLD("\xc3\x89", "e");                    /* É */
	CHECK_FOLD("\xc3\xa7", "c");                    /* ç */
	CHECK_FOLD("\xc3\xb1", "n");                    /* ñ */
	CHECK_FOLD("\xc3\xbc", "u");                    /* ü */
	CHECK_FOLD("\xc3\x96", "o");                    /* Ö */
	CHECK_FOLD("\xc3\xb8", "o");                    /* ø */
	CHECK_FOLD("\xc5\x81\xc3\xb3" "d\xc5\xba", "lodz");     /* Łódź */
	CHECK_FOLD("Fran\xc3\xa7ois", "francois");
	CHECK_FOLD("\xc3\x85" "ngstr\xc3\xb6m", "angstrom");
	CHECK_FOLD("\xc5\xa0koda \xc4\x8c" "esk\xc3\xa1", "skoda ceska");
}

static void
test_fold_ligatures(void)
{
	CHECK_FOLD("Stra\xc3\x9f" "e", "strasse");      /* ß */
	CHECK_FOLD("\xc5\x93uvre", "oeuvre");           /* œ */
	CHECK_FOLD("\xc5\x92" "UVRE", "oeuvre");        /* Œ */
	CHECK_FOLD("\xc3\xa6ther", "aether");           /* æ */
	CHECK_FOLD("\xc3\x86", "ae");                   /* Æ */
	CHECK_FOLD("\xc4\xb2sselmeer", "ijsselmeer");   /* Ĳ */
}

static void
test_fold_keeps_signs(void)
{
	CHECK_FOLD("2\xc3\x97" "3\xc3\xb7" "1", "2\xc3\x97" "3\xc3\xb7" "1");
	CHECK_FOLD("100 \xe2\x82\xac", "100 \xe2\x82\xac");
}

static void
test_fold_combining(void)
{
	/* Decomposed e + U+0301 folds like the precomposed é. */
	CHECK_FOLD("Caf" "e\xcc\x81", "cafe");
}

static void
test_fold_other_scripts(void)
{
	CHECK_FOLD("\xce\x91\xce\x98\xce\x97\xce\x9d\xce\x91",  /* ΑΘΗΝΑ */
	    "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1");
	CHECK_FOLD("\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90",
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");
	CHECK_FOLD("\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87");
	CHECK_FOLD("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
}

static void
test_fold_invalid_utf8(void)
{
	CHECK_FOLD("A\xff" "B", "a\xef\xbf\xbd" "b");
	CHECK_FOLD("\xc3", "\xef\xbf\xbd");
}

static void
test_contains_null_empty(void)
{
	CHECK(!text_contains_folded(NULL, "x"));
	CHECK(text_contains_folded(NULL, NULL));
	CHECK(text_contains_folded("abc", NULL));
	CHECK(text_contains_folded("abc", ""));
	CHECK(text_contains_folded("", ""));
	CHECK(!text_contains_folded("", "a"));
}

static void
test_contains_folded(void)
{
	CHECK(text_contains_folded("Fran\xc3\xa7ois Dupont", "Francois"));
	CHECK(text_contains_folded("Francois", "Fran\xc3\xa7ois"));
	CHECK(text_contains_folded("\xc3\xa9pinards", "\xc3\x89P"));
	CHECK(text_contains_folded("some random text", "me rando"));
	CHECK(!text_contains_folded("some random", "This some random"));
	CHECK(!text_contains_folded("Fran\xc3\xa7ois", "Franz"));
	CHECK(text_contains_folded("Stra\xc3\x9f" "e", "strasse"));
	CHECK(text_contains_folded("FOD Financi\xc3\xabn", "financien"));
}

static void
test_trim(void)
{
	char a[] = "  hello \t\n", b[] = "", c[] = " \t ", d[] = "x";
	char e[] = "\xc2\xa0keep\xc2\xa0";

	CHECK(text_trim(NULL) == NULL);
	CHECK_STR(text_trim(a), "hello");
	CHECK(text_trim(a) == a);
	CHECK_STR(text_trim(b), "");
	CHECK_STR(text_trim(c), "");
	CHECK_STR(text_trim(d), "x");
	CHECK_STR(text_trim(e), "\xc2\xa0keep\xc2\xa0");     /* ASCII only */
}

static void
test_base64url_empty(void)
{
	CHECK_B64(NULL, 0, "");
	CHECK_B64("", 0, "");
	CHECK_B64(NULL, 5, "");
}

static void
test_base64url_rfc4648(void)
{
	/* RFC 4648 section 10, without the padding of section 5's profile. */
	CHECK_B64("f", 1, "Zg");
	CHECK_B64("fo", 2, "Zm8");
	CHECK_B64("foo", 3, "Zm9v");
	CHECK_B64("foob", 4, "Zm9vYg");
	CHECK_B64("fooba", 5, "Zm9vYmE");
	CHECK_B64("foobar", 6, "Zm9vYmFy");
}

static void
test_base64url_alphabet(void)
{
	/* Bytes that give '+' and '/' in standard base64. */
	CHECK_B64("\xfb\xff", 2, "-_8");
	CHECK_B64("\xff\xff\xff", 3, "____");
	CHECK_B64("\xf8\x3e\x0f", 3, "-D4P");
	CHECK_B64("\0\0\0", 3, "AAAA");
}

static void
test_base64url_sha256(void)
{
	static const unsigned char empty_sha256[32] = {
		0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14,
		0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
		0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c,
		0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
	};

	CHECK_B64(empty_sha256, 32,
	    "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
}

static void
test_digest_equal(void)
{
	const char *d = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

	CHECK(!text_digest_equal(NULL, d));
	CHECK(!text_digest_equal(d, NULL));
	CHECK(!text_digest_equal("", ""));
	CHECK(!text_digest_equal("==", "="));
	CHECK(text_digest_equal(d, d));
	CHECK(text_digest_equal(d,
	    "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU="));
	CHECK(text_digest_equal("Zm8=", "Zm8"));
	CHECK(!text_digest_equal(d,
	    "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));  /* base64 */
	CHECK(!text_digest_equal("Zm8", "Zm9"));
	CHECK(!text_digest_equal("Zm8", "Zm8v"));
	CHECK(!text_digest_equal("Zm8", "zm8"));
}

/* Speaks lang from the build tree's catalogues (EBOX_TUI_LOCALEDIR). */
static void
speak(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	setlocale(LC_MESSAGES, "");     /* gettext notices the change */
}

/* One decimal separator per language, the unit in its words; bytes
 * singular and plural (issue 9: "2.2 kB" in one view, "2,2 kB" in
 * another). */
static void
test_size(void)
{
	char b[64];

	speak("en");
	text_size(b, sizeof b, 0);
	CHECK_STR(b, "0 bytes");
	text_size(b, sizeof b, 1);
	CHECK_STR(b, "1 byte");
	text_size(b, sizeof b, 812);
	CHECK_STR(b, "812 bytes");
	text_size(b, sizeof b, 2253);
	CHECK_STR(b, "2.2 kB");
	text_size(b, sizeof b, 1.5 * 1024 * 1024);
	CHECK_STR(b, "1.5 MB");
	text_size(b, sizeof b, -5);
	CHECK_STR(b, "0 bytes");
	speak("nl");
	text_size(b, sizeof b, 2253);
	CHECK_STR(b, "2,2 kB");
	text_size(b, sizeof b, 1);
	CHECK_STR(b, "1 byte");
	speak("de");
	text_size(b, sizeof b, 2253);
	CHECK_STR(b, "2,2 kB");
	text_size(b, sizeof b, 1.5 * 1024 * 1024);
	CHECK_STR(b, "1,5 MB");
	speak("fr");
	text_size(b, sizeof b, 2253);
	CHECK_STR(b, "2,2 ko");
	text_size(b, sizeof b, 1);
	CHECK_STR(b, "1 octet");
	text_size(b, sizeof b, 812);
	CHECK_STR(b, "812 octets");
	speak("en");
}

/* The catalogue's language, and language names in it. */
static void
test_lang_names(void)
{
	speak("en");
	CHECK_STR(i18n_lang(), "en");
	CHECK_STR(i18n_lang_name("nl"), "Dutch");
	CHECK_STR(i18n_lang_name("xx"), "xx");
	CHECK_STR(i18n_lang_name(NULL), "");
	speak("fr");
	CHECK_STR(i18n_lang(), "fr");
	CHECK_STR(i18n_lang_name("nl"), "n\xc3\xa9" "erlandais");
	speak("nl");
	CHECK_STR(i18n_lang(), "nl");
	CHECK_STR(i18n_lang_name("fr"), "Frans");
	speak("de");
	CHECK_STR(i18n_lang(), "de");
	CHECK_STR(i18n_lang_name("nl"), "Niederl\xc3\xa4" "ndisch");
	speak("en");
}

/* Dates inside sentences: German takes the ordinal period ("bis 20.
 * Januar 2027"), the year only when it is not this year's. */
static void
test_date_long(void)
{
	char b[64];

	speak("en");
	text_date_long(b, sizeof b, NOW + 20 * DAY, NOW);
	CHECK_STR(b, "21 June");
	text_date_long(b, sizeof b, NOW + 233 * DAY, NOW);
	CHECK_STR(b, "20 January 2025");
	text_date_long(b, sizeof b, NOW - 200 * DAY, NOW);
	CHECK_STR(b, "14 November 2023");
	speak("de");
	text_date_long(b, sizeof b, NOW + 233 * DAY, NOW);
	CHECK_STR(b, "20. Januar 2025");
	text_date_long(b, sizeof b, NOW + 20 * DAY, NOW);
	CHECK_STR(b, "21. Juni");
	speak("fr");
	text_date_long(b, sizeof b, NOW + 233 * DAY, NOW);
	CHECK_STR(b, "20 janvier 2025");
	/* The first of the month: "1er" in French. */
	text_date_long(b, sizeof b, NOW + 153 * DAY, NOW);
	CHECK_STR(b, "1er novembre");
	text_date_long(b, sizeof b, NOW + 214 * DAY, NOW);
	CHECK_STR(b, "1er janvier 2025");
	speak("de");
	text_date_long(b, sizeof b, NOW, NOW);
	CHECK_STR(b, "1. Juni");
	speak("en");
	text_date_long(b, sizeof b, NOW, NOW);
	CHECK_STR(b, "1 June");
	text_date_long(b, sizeof b, NOW + 214 * DAY, NOW);
	CHECK_STR(b, "1 January 2025");
	speak("nl");
	text_date_long(b, sizeof b, NOW + 20 * DAY, NOW);
	CHECK_STR(b, "21 juni");
	speak("en");
}

int
main(void)
{
	setenv("TZ", "Europe/Brussels", 1);
	tzset();
	/* Catalogues need a locale other than C; C.UTF-8 is always there. */
	setenv("LC_ALL", "C.UTF-8", 1);
	setlocale(LC_ALL, "");
	i18n_init(NULL);
	RUN(test_fold_null_empty);
	RUN(test_fold_ascii);
	RUN(test_fold_diacritics);
	RUN(test_fold_ligatures);
	RUN(test_fold_keeps_signs);
	RUN(test_fold_combining);
	RUN(test_fold_other_scripts);
	RUN(test_fold_invalid_utf8);
	RUN(test_contains_null_empty);
	RUN(test_contains_folded);
	RUN(test_trim);
	RUN(test_base64url_empty);
	RUN(test_base64url_rfc4648);
	RUN(test_base64url_alphabet);
	RUN(test_base64url_sha256);
	RUN(test_digest_equal);
	RUN(test_size);
	RUN(test_date_long);
	RUN(test_lang_names);
	return TEST_DONE();
}
