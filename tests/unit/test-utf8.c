/* test-utf8.c - decoding, repair, display width and truncation. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ebox/utf8.h"
#include "test.h"

static void
test_decode_null_empty(void)
{
	uint32_t cp = 0;

	CHECK_INT(utf8_decode(NULL, 4, &cp), 0);
	CHECK_INT(cp, 0xfffd);
	cp = 0;
	CHECK_INT(utf8_decode("abc", 0, &cp), 0);
	CHECK_INT(cp, 0xfffd);
}

static void
test_decode_valid(void)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(utf8_decode("\xc3\xa9", 2, &cp), 2);          /* é */
	CHECK_INT(cp, 0xe9);
	CHECK_INT(utf8_decode("\xe2\x82\xac", 3, &cp), 3);      /* € */
	CHECK_INT(cp, 0x20ac);
	CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);  /* 😀 */
	CHECK_INT(cp, 0x1f600);
	CHECK_INT(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);  /* U+10FFFF */
	CHECK_INT(cp, 0x10ffff);
}

static void
test_decode_overlong(void)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("\xc0\xaf", 2, &cp), 0);          /* '/' */
	CHECK_INT(utf8_decode("\xc1\xbf", 2, &cp), 0);
	CHECK_INT(utf8_decode("\xe0\x80\xaf", 3, &cp), 0);
	CHECK_INT(utf8_decode("\xf0\x80\x80\xaf", 4, &cp), 0);
	CHECK_INT(cp, 0xfffd);
}

static void
test_decode_surrogate_and_range(void)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("\xed\xa0\x80", 3, &cp), 0);      /* U+D800 */
	CHECK_INT(utf8_decode("\xed\xbf\xbf", 3, &cp), 0);      /* U+DFFF */
	CHECK_INT(utf8_decode("\xed\x9f\xbf", 3, &cp), 3);      /* U+D7FF ok */
	CHECK_INT(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);  /* > 10FFFF */
	CHECK_INT(utf8_decode("\xf5\x80\x80\x80", 4, &cp), 0);
	CHECK_INT(utf8_decode("\xff", 1, &cp), 0);
}

static void
test_decode_truncated(void)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("\xe2\x82", 2, &cp), 0);
	CHECK_INT(utf8_decode("\xe2\x82\xac", 2, &cp), 0);      /* n short */
	CHECK_INT(utf8_decode("\x80", 1, &cp), 0);              /* lone cont. */
	CHECK_INT(utf8_decode("\xc3" "A", 2, &cp), 0);
}

static void
test_encode(void)
{
	char out[4];
	uint32_t cp;

	CHECK_INT(utf8_encode('x', out), 1);
	CHECK_INT(out[0], 'x');
	CHECK_INT(utf8_encode(0xe9, out), 2);
	CHECK(memcmp(out, "\xc3\xa9", 2) == 0);
	CHECK_INT(utf8_encode(0x20ac, out), 3);
	CHECK(memcmp(out, "\xe2\x82\xac", 3) == 0);
	CHECK_INT(utf8_encode(0x1f600, out), 4);
	CHECK_INT(utf8_decode(out, 4, &cp), 4);
	CHECK_INT(cp, 0x1f600);
	/* Unencodable values become U+FFFD rather than invalid bytes. */
	CHECK_INT(utf8_encode(0xd800, out), 3);
	CHECK(memcmp(out, "\xef\xbf\xbd", 3) == 0);
	CHECK_INT(utf8_encode(0x110000, out), 3);
}

static void
test_valid(void)
{
	CHECK(utf8_valid(NULL, 0));
	CHECK(!utf8_valid(NULL, 1));
	CHECK(utf8_valid("", 0));
	CHECK(utf8_valid("caf\xc3\xa9", 5));
	CHECK(!utf8_valid("caf\xc3", 4));
	CHECK(!utf8_valid("\xc0\xaf", 2));
	CHECK(utf8_valid("a\0b", 3));           /* NUL is valid UTF-8 */
}

static void
test_repair(void)
{
	char *s;

	s = utf8_repair(NULL, 5);
	CHECK_STR(s, "");
	free(s);
	s = utf8_repair("", 0);
	CHECK_STR(s, "");
	free(s);
	s = utf8_repair("caf\xc3\xa9", 5);
	CHECK_STR(s, "caf\xc3\xa9");
	free(s);
	s = utf8_repair("a\xff" "b", 3);
	CHECK_STR(s, "a\xef\xbf\xbd" "b");
	free(s);
	s = utf8_repair("\xed\xa0\x80", 3);     /* each byte replaced */
	CHECK_STR(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
}

static void
test_cp_width(void)
{
	CHECK_INT(utf8_cp_width(0), 0);
	CHECK_INT(utf8_cp_width('\n'), 0);
	CHECK_INT(utf8_cp_width(0x7f), 0);
	CHECK_INT(utf8_cp_width(0x9b), 0);
	CHECK_INT(utf8_cp_width('a'), 1);
	CHECK_INT(utf8_cp_width(0xe9), 1);              /* é */
	CHECK_INT(utf8_cp_width(0xad), 1);              /* soft hyphen */
	CHECK_INT(utf8_cp_width(0x301), 0);             /* combining acute */
	CHECK_INT(utf8_cp_width(0x200b), 0);
	CHECK_INT(utf8_cp_width(0x200d), 0);            /* ZWJ */
	CHECK_INT(utf8_cp_width(0xfe0f), 0);            /* VS16 */
	CHECK_INT(utf8_cp_width(0x1160), 0);            /* Hangul medial */
	CHECK_INT(utf8_cp_width(0xe0100), 0);           /* VS17 */
	CHECK_INT(utf8_cp_width(0x4e2d), 2);            /* 中 */
	CHECK_INT(utf8_cp_width(0xac00), 2);            /* 가 */
	CHECK_INT(utf8_cp_width(0x3042), 2);            /* あ */
	CHECK_INT(utf8_cp_width(0xff21), 2);            /* fullwidth A */
	CHECK_INT(utf8_cp_width(0xff71), 1);            /* halfwidth ｱ */
	CHECK_INT(utf8_cp_width(0x1f600), 2);           /* 😀 */
	CHECK_INT(utf8_cp_width(0x231a), 2);            /* ⌚ */
	CHECK_INT(utf8_cp_width(0x20000), 2);           /* CJK ext. B */
	CHECK_INT(utf8_cp_width(0x2192), 1);            /* → ambiguous: 1 */
	CHECK_INT(utf8_cp_width(0x3099), 0);            /* kana voiced mark */
}

static void
test_width(void)
{
	CHECK_INT(utf8_width(NULL), 0);
	CHECK_INT(utf8_width(""), 0);
	CHECK_INT(utf8_width("abc"), 3);
	CHECK_INT(utf8_width("caf\xc3\xa9"), 4);
	CHECK_INT(utf8_width("cafe\xcc\x81"), 4);               /* e + U+0301 */
	CHECK_INT(utf8_width("\xe4\xb8\xad\xe6\x96\x87"), 4);   /* 中文 */
	CHECK_INT(utf8_width("a\xff"), 2);                      /* U+FFFD */
	CHECK_INT(utf8_width("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"), 4);
}

static void
test_prefix_bytes(void)
{
	CHECK_INT(utf8_prefix_bytes(NULL, 3), 0);
	CHECK_INT(utf8_prefix_bytes("", 3), 0);
	CHECK_INT(utf8_prefix_bytes("abc", 0), 0);
	CHECK_INT(utf8_prefix_bytes("abcdef", 3), 3);
	CHECK_INT(utf8_prefix_bytes("abc", 10), 3);
	/* A wide character that does not fit whole is left out. */
	CHECK_INT(utf8_prefix_bytes("a\xe4\xb8\xad", 2), 1);
	CHECK_INT(utf8_prefix_bytes("a\xe4\xb8\xad", 3), 4);
	/* A combining mark stays with its base... */
	CHECK_INT(utf8_prefix_bytes("e\xcc\x81x", 1), 3);
	/* ...and goes with it when the base does not fit. */
	CHECK_INT(utf8_prefix_bytes("ae\xcc\x81", 1), 1);
	CHECK_INT(utf8_prefix_bytes("\xc3\xa9\xc3\xa9", 1), 2);
}

static void
test_truncate(void)
{
	char *s;

	s = utf8_truncate(NULL, 5, false);
	CHECK_STR(s, "");
	free(s);
	s = utf8_truncate("hello", 0, false);
	CHECK_STR(s, "");
	free(s);
	s = utf8_truncate("hello", 5, false);
	CHECK_STR(s, "hello");
	free(s);
	s = utf8_truncate("hello world", 5, false);
	CHECK_STR(s, "hell\xe2\x80\xa6");
	free(s);
	s = utf8_truncate("hello world", 5, true);
	CHECK_STR(s, "hell~");
	free(s);
	s = utf8_truncate("hello", 1, true);
	CHECK_STR(s, "~");
	free(s);
	/* 中文字 is 6 columns; in 4 only 中 fits before the marker. */
	s = utf8_truncate("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, true);
	CHECK_STR(s, "\xe4\xb8\xad~");
	CHECK(utf8_width(s) <= 4);
	free(s);
	s = utf8_truncate("ab\xff" "cdef", 4, true);    /* repaired first */
	CHECK_STR(s, "ab\xef\xbf\xbd~");
	free(s);
}

static void
test_fit(void)
{
	char *s;

	s = utf8_fit(NULL, 3, true);
	CHECK_STR(s, "   ");
	free(s);
	s = utf8_fit("ab", 0, true);
	CHECK_STR(s, "");
	free(s);
	s = utf8_fit("ab", 4, true);
	CHECK_STR(s, "ab  ");
	free(s);
	s = utf8_fit("abcdef", 4, true);
	CHECK_STR(s, "abc~");
	free(s);
	s = utf8_fit("\xc3\xa9t\xc3\xa9", 4, false);
	CHECK_STR(s, "\xc3\xa9t\xc3\xa9 ");
	free(s);
	s = utf8_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, true);
	CHECK_INT(utf8_width(s), 4);
	free(s);
}

int
main(void)
{
	RUN(test_decode_null_empty);
	RUN(test_decode_valid);
	RUN(test_decode_overlong);
	RUN(test_decode_surrogate_and_range);
	RUN(test_decode_truncated);
	RUN(test_encode);
	RUN(test_valid);
	RUN(test_repair);
	RUN(test_cp_width);
	RUN(test_width);
	RUN(test_prefix_bytes);
	RUN(test_truncate);
	RUN(test_fit);
	return TEST_DONE();
}
