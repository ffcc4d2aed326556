/* test-keyname.c - key names read from bind lines and shown on the help
 * screen: every name shown can be typed back. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/keyname.h"
#include "test.h"

static void
test_names(void)
{
	CHECK_INT(keyname_parse("j"), 'j');
	CHECK_INT(keyname_parse("\xc3\xa9"), 0xe9);
	CHECK_INT(keyname_parse("<Enter>"), '\r');
	CHECK_INT(keyname_parse("<pagedown>"), KEYNAME_FN + KEYFN_PAGE_DOWN);
	CHECK_INT(keyname_parse("^G"), 7);
	CHECK_INT(keyname_parse("^g"), 7);
	CHECK_INT(keyname_parse("<F12>"), KEYNAME_FN + KEYFN_F0 + 12);
	CHECK_INT(keyname_parse("<f1>"), KEYNAME_FN + KEYFN_F0 + 1);
	/* NeoMutt's spellings. */
	CHECK_INT(keyname_parse("\\Cn"), 14);
	CHECK_INT(keyname_parse("\\cn"), 14);
	CHECK_INT(keyname_parse("\\e"), 27);
	CHECK_INT(keyname_parse("\\t"), '\t');
	CHECK_INT(keyname_parse("\\n"), '\r');
	CHECK_INT(keyname_parse("\\\\"), '\\');
	CHECK_INT(keyname_parse(""), -1);
	CHECK_INT(keyname_parse("jk"), -1);
	CHECK_INT(keyname_parse("\\q"), -1);
}

/* Found by the fuzzer (K2): "<F1x>", "<F1", "<F 1>" were taken as F1. */
static void
test_no_guessing(void)
{
	CHECK_INT(keyname_parse("<F1x>"), -1);
	CHECK_INT(keyname_parse("<F1"), -1);
	CHECK_INT(keyname_parse("<F 1>"), -1);
	CHECK_INT(keyname_parse("<F+1>"), -1);
	CHECK_INT(keyname_parse("<F0>"), -1);
	/* Found by the fuzzer: a name must read back as itself. */
	CHECK_INT(keyname_parse("<F06>"), -1);
	CHECK_INT(keyname_parse("<F012>"), -1);
	CHECK_INT(keyname_parse("<F25>"), -1);
	CHECK_INT(keyname_parse("<F99999999999>"), -1);
}

/* K3: DEL and C1 characters are not keys one can bind by typing them. */
static void
test_controls_refused(void)
{
	CHECK_INT(keyname_parse("\x7f"), -1);
	CHECK_INT(keyname_parse("\xc2\x9b"), -1);
	CHECK_INT(keyname_parse("\x01"), -1);
	CHECK_INT(keyname_parse("^?"), 0x7f);
}

/* K1: every name the help screen shows parses back to its key. */
static void
test_round_trip(void)
{
	static const char *const names[] = { "^@", "^A", "^[", "^\\", "^]",
	    "^^", "^_", "^?", "<F1>", "<F24>", "<Enter>", "<Tab>", "<Esc>",
	    "<Space>", "<BackTab>", "<Home>", "j", "\xc3\xa9", "\\Cn", NULL };
	char buf[32];
	size_t i;
	int key;

	for (i = 0; names[i] != NULL; i++) {
		key = keyname_parse(names[i]);
		CHECK(key >= 0);
		keyname_format(key, buf, sizeof buf);
		CHECK_INT(keyname_parse(buf), key);
	}
	for (key = 0; key < 0x20; key++) {
		keyname_format(key, buf, sizeof buf);
		CHECK_INT(keyname_parse(buf), key);
	}
}

/* The key bar speaks the reader's language ("<Enter>" stayed English in
 * every language, issue 9); bind lines keep the names that parse. */
static void
test_labels(void)
{
	char b[32];

	setenv("LANGUAGE", "fr", 1);
	setlocale(LC_MESSAGES, "");
	keyname_label('\r', b, sizeof b);
	CHECK_STR(b, "<Entr\xc3\xa9" "e>");
	keyname_label(KEYNAME_FN + KEYFN_PAGE_DOWN, b, sizeof b);
	CHECK_STR(b, "<PgSuiv>");
	keyname_label('j', b, sizeof b);
	CHECK_STR(b, "j");
	keyname_format('\r', b, sizeof b);
	CHECK_STR(b, "<Enter>");
	setenv("LANGUAGE", "de", 1);
	setlocale(LC_MESSAGES, "");
	keyname_label(27, b, sizeof b);
	CHECK_STR(b, "<Esc>");
	keyname_label(KEYNAME_FN + KEYFN_HOME, b, sizeof b);
	CHECK_STR(b, "<Pos1>");
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_MESSAGES, "");
	keyname_label('\r', b, sizeof b);
	CHECK_STR(b, "<Enter>");
}

int
main(void)
{
	/* Catalogues need a locale other than C; C.UTF-8 is always there. */
	setenv("LC_ALL", "C.UTF-8", 1);
	setlocale(LC_ALL, "");
	i18n_init(NULL);
	RUN(test_names);
	RUN(test_no_guessing);
	RUN(test_controls_refused);
	RUN(test_round_trip);
	RUN(test_labels);
	return TEST_DONE();
}
