/* keyname.c - key names: a table for the named keys, a few rules for the
 * rest, and nothing that cannot be read back. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ebox/i18n.h"
#include "ebox/keyname.h"
#include "ebox/utf8.h"

/* name: what bind lines say, the same in every language; label: what
 * the key is called on the keyboards of the reader's language, for the
 * key bar (keyname_label). */
static const struct {
	const char *name;
	int key;
	const char *label;
} keyname_table[] = {
	{ "<Enter>", '\r', N_("<Enter>") },
	{ "<Tab>", '\t', N_("<Tab>") },
	{ "<Esc>", 27, N_("<Esc>") },
	{ "<Space>", ' ', N_("<Space>") },
	{ "<Backspace>", KEYNAME_FN + KEYFN_BACKSPACE, N_("<Backspace>") },
	{ "<Delete>", KEYNAME_FN + KEYFN_DELETE, N_("<Delete>") },
	{ "<Insert>", KEYNAME_FN + KEYFN_INSERT, N_("<Insert>") },
	{ "<Up>", KEYNAME_FN + KEYFN_UP, N_("<Up>") },
	{ "<Down>", KEYNAME_FN + KEYFN_DOWN, N_("<Down>") },
	{ "<Left>", KEYNAME_FN + KEYFN_LEFT, N_("<Left>") },
	{ "<Right>", KEYNAME_FN + KEYFN_RIGHT, N_("<Right>") },
	{ "<PageUp>", KEYNAME_FN + KEYFN_PAGE_UP, N_("<PageUp>") },
	{ "<PageDown>", KEYNAME_FN + KEYFN_PAGE_DOWN, N_("<PageDown>") },
	{ "<Home>", KEYNAME_FN + KEYFN_HOME, N_("<Home>") },
	{ "<End>", KEYNAME_FN + KEYFN_END, N_("<End>") },
	{ "<BackTab>", KEYNAME_FN + KEYFN_BACKTAB, N_("<BackTab>") },
};
#define KEYNAME_N (sizeof keyname_table / sizeof keyname_table[0])

/* NeoMutt's backslash spellings: \e \t \n \r \\. */
static const struct {
	char c;
	int key;
} keyname_escapes[] = {
	{ 'e', 27 }, { 't', '\t' }, { 'n', '\r' }, { 'r', '\r' },
	{ '\\', '\\' },
};

/* A control key from the letter after ^ or \C: @ A-Z [ \ ] ^ _ in either
 * case, and ? for DEL. */
static int
keyname_ctrl(char c)
{
	if (c == '?')
		return 0x7f;
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c >= '@' && c <= '_')
		return c - '@';
	return -1;
}

/* <F1>..<F24>: digits only, no leading zero (the name is printed back
 * as it is parsed), nothing after the '>'. */
static int
keyname_fkey(const char *s)
{
	int f = 0;

	if ((s[0] != '<') || (s[1] != 'F' && s[1] != 'f') || s[2] == '0')
		return -1;
	for (s += 2; *s >= '0' && *s <= '9' && f <= KEYNAME_F_MAX; s++)
		f = f * 10 + (*s - '0');
	if (strcmp(s, ">") != 0 || f < 1 || f > KEYNAME_F_MAX)
		return -1;
	return KEYNAME_FN + KEYFN_F0 + f;
}

int
keyname_parse(const char *s)
{
	size_t i, len = strlen(s);
	uint32_t cp;
	int k;

	for (i = 0; i < KEYNAME_N; i++) {
		if (strcasecmp(keyname_table[i].name, s) == 0)
			return keyname_table[i].key;
	}
	if ((k = keyname_fkey(s)) >= 0)
		return k;
	if (len == 2 && s[0] == '^')
		return keyname_ctrl(s[1]);
	if (len == 3 && s[0] == '\\' && (s[1] == 'C' || s[1] == 'c'))
		return keyname_ctrl(s[2]);
	if (len == 2 && s[0] == '\\') {
		for (i = 0; i < sizeof keyname_escapes / sizeof *keyname_escapes;
		    i++) {
			if (keyname_escapes[i].c == s[1])
				return keyname_escapes[i].key;
		}
		return -1;
	}
	/* One printable character: no control, no DEL, no C1. */
	if (len > 0 && utf8_decode(s, len, &cp) == len && cp > ' ' &&
	    !(cp >= 0x7f && cp <= 0x9f))
		return (int)cp;
	return -1;
}

void
keyname_format(int key, char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < KEYNAME_N; i++) {
		if (keyname_table[i].key == key) {
			snprintf(buf, n, "%s", keyname_table[i].name);
			return;
		}
	}
	if (key > KEYNAME_FN + KEYFN_F0 &&
	    key <= KEYNAME_FN + KEYFN_F0 + KEYNAME_F_MAX)
		snprintf(buf, n, "<F%d>", key - KEYNAME_FN - KEYFN_F0);
	else if (key >= 0 && key < 0x20)
		snprintf(buf, n, "^%c", '@' + key);
	else if (key == 0x7f)
		snprintf(buf, n, "^?");
	else if (key >= KEYNAME_FN)
		/* A key the terminal has but no name here: shown, but it
		 * cannot be bound by name. */
		snprintf(buf, n, "<key %d>", key - KEYNAME_FN);
	else if (key > ' ' && key < 0x110000 && !(key >= 0x80 && key <= 0x9f)) {
		char u[5] = { 0 };

		utf8_encode((uint32_t)key, u);
		snprintf(buf, n, "%s", u);
	} else
		snprintf(buf, n, "<U+%04X>", (unsigned)key);
}

void
keyname_label(int key, char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < KEYNAME_N; i++) {
		if (keyname_table[i].key == key) {
			snprintf(buf, n, "%s", _(keyname_table[i].label));
			return;
		}
	}
	keyname_format(key, buf, n);
}
