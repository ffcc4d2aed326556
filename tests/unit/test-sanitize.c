/* test-sanitize.c - the terminal and file-name gates against hostile text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/sanitize.h"
#include "ebox/utf8.h"
#include "test.h"

/* Sanitises s with flags and compares; one line per case below. */
#define CHECK_TEXT(s, flags, want) do { \
	char *got_ = sanitize_text((s), (flags)); \
	CHECK_STR(got_, (want)); \
	free(got_); \
} while (0)

#define CHECK_NAME(s, want) do { \
	char *got_ = sanitize_filename(s); \
	CHECK_STR(got_, (want)); \
	free(got_); \
} while (0)

#define CHECK_PCT(s, want) do { \
	char *got_ = percent_decode(s); \
	CHECK_STR(got_, (want)); \
	free(got_); \
} while (0)

#define KEEP (SANITIZE_KEEP_NEWLINES | SANITIZE_KEEP_TABS)

static void
test_text_null_empty(void)
{
	CHECK_TEXT(NULL, 0, "");
	CHECK_TEXT("", 0, "");
	CHECK_TEXT("", KEEP, "");
}

static void
test_text_plain_unchanged(void)
{
	CHECK_TEXT("Hello, world!", 0, "Hello, world!");
	/* French, Dutch, German with accents. */
	CHECK_TEXT("Fran\xc3\xa7ois \xc3\xa9t\xc3\xa9 \xc3\xbc\xc3\x9f "
	    "\xc5\x93", 0,
	    "Fran\xc3\xa7ois \xc3\xa9t\xc3\xa9 \xc3\xbc\xc3\x9f \xc5\x93");
	/* CJK and Hangul. */
	CHECK_TEXT("\xe4\xb8\xad\xe6\x96\x87 \xed\x95\x9c", 0,
	    "\xe4\xb8\xad\xe6\x96\x87 \xed\x95\x9c");
	/* Combining marks and emoji pass. */
	CHECK_TEXT("e\xcc\x81 \xf0\x9f\x98\x80", 0,
	    "e\xcc\x81 \xf0\x9f\x98\x80");
}

static void
test_text_keeps_zwj(void)
{
	/* 👩‍💻 = U+1F469 ZWJ U+1F4BB: the joiner makes one emoji. */
	CHECK_TEXT("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 0,
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
}

static void
test_text_newlines(void)
{
	CHECK_TEXT("a\nb", 0, "a b");
	CHECK_TEXT("a\nb", SANITIZE_KEEP_NEWLINES, "a\nb");
	CHECK_TEXT("a\r\nb", SANITIZE_KEEP_NEWLINES, "a\nb");
	CHECK_TEXT("a\r\nb", 0, "a b");
	/* A lone CR would move the cursor back over the line: a break. */
	CHECK_TEXT("paid\rUNPAID", SANITIZE_KEEP_NEWLINES, "paid\nUNPAID");
	CHECK_TEXT("paid\rUNPAID", 0, "paid UNPAID");
}

static void
test_text_tabs(void)
{
	CHECK_TEXT("a\tb", 0, "a b");
	CHECK_TEXT("a\tb", SANITIZE_KEEP_TABS, "a\tb");
	CHECK_TEXT("a\tb", SANITIZE_KEEP_NEWLINES, "a b");
}

static void
test_text_c0_and_del(void)
{
	CHECK_TEXT("a\x01\x02\x07\x08\x0b\x0c\x0e\x1f\x7f" "b", KEEP, "ab");
}

static void
test_text_csi(void)
{
	CHECK_TEXT("\x1b[31mred\x1b[0m", 0, "red");
	CHECK_TEXT("a\x1b[2J\x1b[Hb", 0, "ab");
	CHECK_TEXT("x\x1b[?1049hy", 0, "xy");           /* private mode */
	CHECK_TEXT("x\x1b[38;5;196mz", 0, "xz");
	CHECK_TEXT("x\x1b[ q", 0, "x");                 /* intermediate */
	CHECK_TEXT("cut\x1b[31", 0, "cut");             /* unterminated */
}

static void
test_text_osc(void)
{
	/* Window title and hyperlinks, ended by BEL or ST. */
	CHECK_TEXT("a\x1b]0;pwned\x07" "b", 0, "ab");
	CHECK_TEXT("a\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\b", 0,
	    "alinkb");
	CHECK_TEXT("a\x1b]52;c;ZXZpbA==\x07" "b", 0, "ab");  /* clipboard */
	/* Unterminated: nothing after it is shown. */
	CHECK_TEXT("a\x1b]0;title never ends", 0, "a");
}

static void
test_text_dcs_sos_pm_apc(void)
{
	CHECK_TEXT("a\x1bPq#0;2;0;0;0\x1b\\b", 0, "ab");     /* DCS */
	CHECK_TEXT("a\x1bXhidden\x1b\\b", 0, "ab");          /* SOS */
	CHECK_TEXT("a\x1b^hidden\x1b\\b", 0, "ab");          /* PM */
	CHECK_TEXT("a\x1b_hidden\x1b\\b", 0, "ab");          /* APC */
}

static void
test_text_two_char_escapes(void)
{
	CHECK_TEXT("a\x1b" "cb", 0, "ab");              /* RIS: full reset */
	CHECK_TEXT("a\x1b" "7b\x1b" "8c", 0, "abc");    /* save/restore */
	CHECK_TEXT("a\x1b(0b", 0, "ab");                /* charset */
	CHECK_TEXT("a\x1b#8" "b", 0, "ab");             /* DECALN */
	CHECK_TEXT("a\x1b", 0, "a");                    /* lone ESC at end */
	CHECK_TEXT("a\x1b\x1b[1mb", 0, "ab");
}

static void
test_text_c1_8bit(void)
{
	/* U+0085 NEL and other C1 controls as UTF-8. */
	CHECK_TEXT("a\xc2\x85" "b\xc2\x80\xc2\x8a" "c", 0, "abc");
	/* U+009F is APC: a string up to ST, like ESC _. */
	CHECK_TEXT("a\xc2\x9f" "hidden\xc2\x9c" "b", 0, "ab");
	/* U+009B is CSI: its parameters and final byte go with it. */
	CHECK_TEXT("a\xc2\x9b" "31mred", 0, "ared");
	CHECK_TEXT("a\xc2\x9b" "2Jb", 0, "ab");
	/* U+009D is OSC, ended by ST (U+009C or ESC \) or BEL. */
	CHECK_TEXT("a\xc2\x9d" "0;title\xc2\x9c" "b", 0, "ab");
	CHECK_TEXT("a\xc2\x9d" "0;title\x07" "b", 0, "ab");
	CHECK_TEXT("a\xc2\x90" "dcs\x1b\\b", 0, "ab");
	/* A raw 0x9B byte is invalid UTF-8, not a CSI. */
	CHECK_TEXT("a\x9b" "31m", 0, "a\xef\xbf\xbd" "31m");
}

static void
test_text_bidi(void)
{
	static const char *const bidi[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac",  /* 202A-C */
		"\xe2\x80\xad", "\xe2\x80\xae",                  /* 202D-E */
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",  /* 2066-8 */
		"\xe2\x81\xa9",                                  /* 2069 */
		"\xe2\x80\x8e", "\xe2\x80\x8f",                  /* 200E-F */
		"\xd8\x9c",                                      /* 061C */
	};
	static const char *const shown[] = {
		"<U+202A>", "<U+202B>", "<U+202C>", "<U+202D>", "<U+202E>",
		"<U+2066>", "<U+2067>", "<U+2068>", "<U+2069>", "<U+200E>",
		"<U+200F>", "<U+061C>",
	};
	char in[32], want[32];
	size_t i;

	/* Shown, not dropped: the reader must see that the text was
	 * tampered with (finding 9 of the security review). */
	for (i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		snprintf(in, sizeof in, "a%sb", bidi[i]);
		snprintf(want, sizeof want, "a%sb", shown[i]);
		CHECK_TEXT(in, 0, want);
		CHECK_TEXT(in, SANITIZE_DROP_INVISIBLE, "ab");
	}
	CHECK_TEXT("invoice\xe2\x80\xae" "fdp.exe", 0,
	    "invoice<U+202E>fdp.exe");
}

static void
test_text_invisible(void)
{
	CHECK_TEXT("a\xe2\x80\x8b" "b", 0, "a<U+200B>b");       /* U+200B */
	CHECK_TEXT("\xef\xbb\xbf" "a", 0, "a");   /* a BOM opening a text */
	CHECK_TEXT("a\xef\xbb\xbf" "b", 0, "a<U+FEFF>b");       /* elsewhere */
	CHECK_TEXT("a\xe2\x80\x8c" "b", 0, "a\xe2\x80\x8c" "b"); /* ZWNJ kept */
	CHECK_TEXT("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", KEEP, "a b c");
}

/* Finding 9: invisible code points that carried hidden text. */
static void
test_text_hidden_text(void)
{
	/* Tag characters spell "HI" invisibly after "ok". */
	CHECK_TEXT("ok\xf3\xa0\x81\x88\xf3\xa0\x81\x89", 0,
	    "ok<U+E0048><U+E0049>");
	CHECK_TEXT("in\xc2\xad" "voice", 0, "in<U+00AD>voice");   /* SHY */
	CHECK_TEXT("a\xcd\x8f" "b", 0, "a<U+034F>b");              /* CGJ */
	CHECK_TEXT("\xe1\x85\x9f" "x", 0, "<U+115F>x");           /* filler */
	CHECK_TEXT("\xe3\x85\xa4", 0, "<U+3164>");                /* filler */
	CHECK_TEXT("\xef\xbe\xa0", 0, "<U+FFA0>");
	/* Variation selectors: a run hides bits, one after a symbol is
	 * the emoji presentation and passes. */
	CHECK_TEXT("x\xef\xb8\x80\xef\xb8\x81", 0, "x<U+FE00><U+FE01>");
	CHECK_TEXT("\xe2\x9d\xa4\xef\xb8\x8f", 0, "\xe2\x9d\xa4\xef\xb8\x8f");
	CHECK_TEXT("\xe2\x9d\xa4\xef\xb8\x8f\xef\xb8\x8f", 0,
	    "\xe2\x9d\xa4\xef\xb8\x8f<U+FE0F>");
	CHECK_TEXT("\xef\xb8\x8f" "a", 0, "<U+FE0F>a");            /* at start */
	CHECK_TEXT("a\xf3\xa0\x84\x80", 0, "a<U+E0100>");       /* VS17 */
	/* Two joiners in a row are a code, not a ligature break. */
	CHECK_TEXT("a\xe2\x80\x8c\xe2\x80\x8d" "b", 0,
	    "a\xe2\x80\x8c<U+200D>b");
	/* In file names they are simply gone. */
	CHECK_NAME("a\xc2\xad" "b\xf3\xa0\x81\x88.pdf", "ab.pdf");
}

/* The output gate sanitises text that arrives in pieces: a cut is never
 * inside a character or an escape sequence. */
static void
test_complete(void)
{
	CHECK_INT(sanitize_complete("abc", 3), 3);
	CHECK_INT(sanitize_complete("ab\xc3", 3), 2);          /* half of é */
	CHECK_INT(sanitize_complete("ab\xc3\xa9", 4), 4);
	CHECK_INT(sanitize_complete("ab\xe2\x82", 4), 2);      /* 2/3 of € */
	CHECK_INT(sanitize_complete("ab\x1b", 3), 2);
	CHECK_INT(sanitize_complete("ab\x1b[3", 5), 2);
	CHECK_INT(sanitize_complete("ab\x1b[31mc", 8), 8);
	CHECK_INT(sanitize_complete("a\x1b]0;title", 10), 1);   /* open OSC */
	CHECK_INT(sanitize_complete("a\x1b]0;t\x07z", 8), 8);
	CHECK_INT(sanitize_complete("a\xc2\x9b" "3", 4), 1);     /* 8-bit CSI */
	CHECK_INT(sanitize_complete("a\xff", 2), 2);   /* invalid: no wait */
}

static void
test_text_invalid_utf8(void)
{
	CHECK_TEXT("a\xff" "b", 0, "a\xef\xbf\xbd" "b");
	CHECK_TEXT("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");   /* overlong */
	CHECK_TEXT("\xed\xa0\x80", 0,                           /* surrogate */
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_TEXT("caf\xc3", 0, "caf\xef\xbf\xbd");            /* truncated */
}

static void
test_textn_nul(void)
{
	char *s;

	s = sanitize_textn(NULL, 4, 0);
	CHECK_STR(s, "");
	free(s);
	s = sanitize_textn("a\0b\x1b[1mc", 8, 0);
	CHECK_STR(s, "abc");
	free(s);
	s = sanitize_textn("abcdef", 3, 0);
	CHECK_STR(s, "abc");
	free(s);
}

static void
test_text_output_always_valid(void)
{
	static const char junk[] = "\xff\xfe\x1b[\xc2\x9b\xed\xa0\x80\xf4\x90"
	    "\x80\x80\x1b]\xe2\x80\xae\x00\x7f\xc3";
	char *s = sanitize_textn(junk, sizeof junk - 1, 0);
	size_t i;

	CHECK(utf8_valid(s, strlen(s)));
	for (i = 0; s[i] != '\0'; i++)
		CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
	free(s);
}

static void
test_filename_null_empty(void)
{
	CHECK_NAME(NULL, "document");
	CHECK_NAME("", "document");
	CHECK_NAME("   ", "document");
	CHECK_NAME("\x1b[31m", "document");
}

static void
test_filename_dots(void)
{
	CHECK_NAME(".", "document");
	CHECK_NAME("..", "document");
	CHECK_NAME("...", "document");
	CHECK_NAME(".bashrc", "_bashrc");
	CHECK_NAME("report.pdf.", "report.pdf");
	CHECK_NAME("report.pdf . ", "report.pdf");
}

static void
test_filename_traversal(void)
{
	CHECK_NAME("../../x", "_._.._x");
	CHECK_NAME("/etc/passwd", "_etc_passwd");
	CHECK_NAME("a/b.pdf", "a_b.pdf");
	CHECK_NAME("..\\..\\win.ini", "_._.._win.ini");
	CHECK_NAME("/", "_");
}

static void
test_filename_leading_dash(void)
{
	CHECK_NAME("-rf.pdf", "_rf.pdf");
	CHECK_NAME("  -x", "_x");
}

static void
test_filename_controls(void)
{
	CHECK_NAME("bad\x1b[31mname\a.pdf", "badname.pdf");
	CHECK_NAME("two\nlines.pdf", "two lines.pdf");
	CHECK_NAME("tab\there.pdf", "tab here.pdf");
	CHECK_NAME("a\x7f" "b.pdf", "ab.pdf");
}

static void
test_filename_bidi(void)
{
	CHECK_NAME("invoice\xe2\x80\xae" "fdp.exe", "invoicefdp.exe");
	CHECK_NAME("a\xe2\x81\xa6" "b\xe2\x80\x8b" "c.pdf", "abc.pdf");
	CHECK_NAME("a\xe2\x80\x8d" "b", "ab");          /* no ZWJ in names */
}

static void
test_filename_keeps_unicode(void)
{
	CHECK_NAME("Fran\xc3\xa7ois \xe4\xb8\xad.pdf",
	    "Fran\xc3\xa7ois \xe4\xb8\xad.pdf");
	CHECK_NAME("bad\xff.pdf", "bad\xef\xbf\xbd.pdf");
}

static void
test_filename_long(void)
{
	char in[1100], *s;

	memset(in, 'a', 1000);
	strcpy(in + 1000, ".pdf");
	s = sanitize_filename(in);
	CHECK_INT(strlen(s), 200);
	CHECK(strcmp(s + 196, ".pdf") == 0);
	CHECK(strspn(s, "a") == 196);
	free(s);

	/* No extension: plain cut. */
	memset(in, 'b', 1000);
	in[1000] = '\0';
	s = sanitize_filename(in);
	CHECK_INT(strlen(s), 200);
	free(s);
}

static void
test_filename_long_utf8_boundary(void)
{
	char in[1100], *s;
	size_t i;

	/* 499 two-byte "é", then ".pdf": the cut must not split one. */
	for (i = 0; i < 499; i++)
		memcpy(in + 2 * i, "\xc3\xa9", 2);
	strcpy(in + 998, ".pdf");
	s = sanitize_filename(in);
	CHECK(strlen(s) <= 200);
	CHECK(utf8_valid(s, strlen(s)));
	CHECK(strcmp(s + strlen(s) - 4, ".pdf") == 0);
	CHECK_INT(strlen(s), 200);      /* 98 x 2 + 4 */
	free(s);
}

static void
test_filename_never_slash(void)
{
	static const char *const hostile[] = {
		"../../x", "/etc/passwd", "a/b.pdf", "..", ".", "",
		"\xe2\x80\xae/..", "x\xc0\xaf..\xc0\xafy", "%2e%2e%2fx",
		"\\\\server\\share", "/../../../",
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		s = sanitize_filename(hostile[i]);
		CHECK(strchr(s, '/') == NULL);
		CHECK(strchr(s, '\\') == NULL);
		CHECK(s[0] != '.' && s[0] != '\0');
		CHECK(strcmp(s, ".") != 0 && strcmp(s, "..") != 0);
		free(s);
	}
}

static void
test_percent_null_empty(void)
{
	CHECK_PCT(NULL, "");
	CHECK_PCT("", "");
}

static void
test_percent_decode(void)
{
	CHECK_PCT("plain.pdf", "plain.pdf");
	CHECK_PCT("a%20b.pdf", "a b.pdf");
	CHECK_PCT("Fran%C3%A7ois.pdf", "Fran\xc3\xa7ois.pdf");
	CHECK_PCT("Fran%c3%a7ois.pdf", "Fran\xc3\xa7ois.pdf");
	CHECK_PCT("a+b", "a+b");                        /* not form encoding */
}

static void
test_percent_invalid_escapes_kept(void)
{
	CHECK_PCT("100%", "100%");
	CHECK_PCT("100%.pdf", "100%.pdf");
	CHECK_PCT("%zz%4", "%zz%4");
	CHECK_PCT("50%25", "50%");
}

static void
test_percent_not_utf8_kept(void)
{
	/* Decoding gives bytes that are not UTF-8: keep the original. */
	CHECK_PCT("caf%E9.pdf", "caf%E9.pdf");
	CHECK_PCT("a%00b", "a%00b");
	CHECK_PCT("%C0%AF", "%C0%AF");
}

/* Found by the fuzzer: cutting a long name to 200 bytes could leave a
 * trailing space or dot, so the result was not a fixed point. */
static void
test_name_cut_trailing(void)
{
	char in[256], want[256], *got, *again;

	memset(in, 'a', 199);
	strcpy(in + 199, " bbbbbbbbbbbbbbbbbbbb");
	memset(want, 'a', 199);
	want[199] = '\0';
	got = sanitize_filename(in);
	CHECK_STR(got, want);
	again = sanitize_filename(got);
	CHECK_STR(again, got);
	free(again);
	free(got);
	in[199] = '.';
	got = sanitize_filename(in);
	CHECK_STR(got, want);
	free(got);
}

int
main(void)
{
	RUN(test_text_null_empty);
	RUN(test_text_plain_unchanged);
	RUN(test_text_keeps_zwj);
	RUN(test_text_newlines);
	RUN(test_text_tabs);
	RUN(test_text_c0_and_del);
	RUN(test_text_csi);
	RUN(test_text_osc);
	RUN(test_text_dcs_sos_pm_apc);
	RUN(test_text_two_char_escapes);
	RUN(test_text_c1_8bit);
	RUN(test_text_bidi);
	RUN(test_text_invisible);
	RUN(test_text_hidden_text);
	RUN(test_complete);
	RUN(test_name_cut_trailing);
	RUN(test_text_invalid_utf8);
	RUN(test_textn_nul);
	RUN(test_text_output_always_valid);
	RUN(test_filename_null_empty);
	RUN(test_filename_dots);
	RUN(test_filename_traversal);
	RUN(test_filename_leading_dash);
	RUN(test_filename_controls);
	RUN(test_filename_bidi);
	RUN(test_filename_keeps_unicode);
	RUN(test_filename_long);
	RUN(test_filename_long_utf8_boundary);
	RUN(test_filename_never_slash);
	RUN(test_percent_null_empty);
	RUN(test_percent_decode);
	RUN(test_percent_invalid_escapes_kept);
	RUN(test_percent_not_utf8_kept);
	return TEST_DONE();
}
