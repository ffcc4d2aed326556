/* keyname.h - keys as users write them in `bind` lines and read them on
 * the help screen.
 *
 * A key is an int: a Unicode code point for a character (control keys
 * are their C0 code: ^A is 1, Enter 13, Esc 27), KEYNAME_FN + a
 * keyname_fn for a function key.  Names: a character as itself ("j",
 * "é"), "^A".."^_" and "^?" for control keys, <Enter> <Tab> <Esc>
 * <Space> <Backspace> <Delete> <Insert> <Up> <Down> <Left> <Right>
 * <PageUp> <PageDown> <Home> <End> <BackTab> <F1>..<F24> (any case), and
 * NeoMutt's spellings: \Cx or \cx for control-x, \e Esc, \t Tab, \n and
 * \r Enter, \\ a backslash.  Every name keyname_format() writes parses
 * back to the same key; names that do not parse give -1 (not a guess:
 * "<F1x>" is not F1).
 */
#ifndef EBOX_KEYNAME_H
#define EBOX_KEYNAME_H

#include <stddef.h>

#define KEYNAME_FN 0x110000     /* function keys sit above Unicode */

enum keyname_fn {
	KEYFN_BACKSPACE = 1,
	KEYFN_DELETE,
	KEYFN_INSERT,
	KEYFN_UP,
	KEYFN_DOWN,
	KEYFN_LEFT,
	KEYFN_RIGHT,
	KEYFN_PAGE_UP,
	KEYFN_PAGE_DOWN,
	KEYFN_HOME,
	KEYFN_END,
	KEYFN_BACKTAB,
	KEYFN_F0 = 100,         /* F1..F24: KEYFN_F0 + n */
	KEYFN_OTHER = 1000,     /* any other terminal key: + its code */
};
#define KEYNAME_F_MAX 24

/* The key named s, or -1. */
int keyname_parse(const char *s);
/* The name of key into buf (at least 16 bytes); one that parses back. */
void keyname_format(int key, char *buf, size_t n);
/* What the key is called for people reading the key bar, in the UI
 * language ("<Entrée>", "<Bild↓>"); keyname_format()'s name for keys
 * without a word.  Not for bind lines: it need not parse back. */
void keyname_label(int key, char *buf, size_t n);

#endif
