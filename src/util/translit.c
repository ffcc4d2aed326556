/* translit.c - UTF-8 for terminals whose locale is not UTF-8. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/buf.h"
#include "ebox/translit.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

/* ASCII for the characters Belgian mail is written with (Latin-1 and
 * Latin Extended-A by their base letter, typographic punctuation, the
 * euro sign, the line drawing of the inbox), sorted for bsearch.
 * Generated from Unicode's decompositions, then hand-checked. */
static const struct translit_row {
	uint32_t cp;
	const char *ascii;
} translit_rows[] = {
#include "translit-table.inc"
};

static int
translit_cmp(const void *key, const void *row)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct translit_row *r = row;

	return cp < r->cp ? -1 : cp > r->cp;
}

/* The ASCII for cp: its table entry, nothing for a combining mark (the
 * base letter was already written), else "?". */
static const char *
translit_one(uint32_t cp)
{
	const struct translit_row *r;

	if (cp < 0x80)
		return NULL;            /* the caller copies ASCII itself */
	if (cp >= 0x300 && cp <= 0x36f)
		return "";
	r = bsearch(&cp, translit_rows, sizeof translit_rows /
	    sizeof translit_rows[0], sizeof translit_rows[0], translit_cmp);
	return r != NULL ? r->ascii : "?";
}

bool
translit_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0;
}

/* Appends the ASCII form of n bytes of UTF-8 to b. */
static void
translit_ascii_into(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t cp;
	const char *a;

	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) == 0) {
			buf_append(b, "?", 1);
			i++;
			continue;
		}
		if ((a = translit_one(cp)) == NULL)
			buf_append(b, s + i, 1);
		else
			buf_puts(b, a);
		i += len;
	}
}

char *
translit_ascii(const char *s)
{
	struct buf b;

	buf_init(&b, (size_t)-1 / 2);
	if (s != NULL)
		translit_ascii_into(&b, s, strlen(s));
	return buf_steal(&b);
}

/* One converter per process, for the codeset of the locale in force when
 * it was first needed (ebox-tui sets its locale once, at start). */
static iconv_t
translit_cd(void)
{
	static iconv_t cd = (iconv_t)-1;
	static bool tried;

	if (!tried) {
		tried = true;
		cd = iconv_open(nl_langinfo(CODESET), "UTF-8");
	}
	return cd;
}

/* Converts one character with cd into b; false when the charset has no
 * such character. */
static bool
translit_iconv_one(iconv_t cd, struct buf *b, const char *s, size_t len)
{
	char in[4], out[16], *ip = in, *op = out;
	size_t il = len, ol = sizeof out;

	memcpy(in, s, len);
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		return false;
	buf_append(b, out, sizeof out - ol);
	return true;
}

char *
translit_locale(const char *s, size_t n, size_t *outlen)
{
	struct buf b;
	iconv_t cd;
	size_t i = 0, len;
	uint32_t cp;

	buf_init(&b, (size_t)-1 / 2);
	if (translit_utf8_locale()) {
		buf_append(&b, s, n);
	} else if ((cd = translit_cd()) == (iconv_t)-1) {
		translit_ascii_into(&b, s, n);
	} else {
		while (i < n) {
			len = utf8_decode(s + i, n - i, &cp);
			if (len == 0)
				len = 1;
			if (cp < 0x80 || !translit_iconv_one(cd, &b, s + i, len))
				translit_ascii_into(&b, s + i, len);
			i += len;
		}
	}
	*outlen = b.len;
	return buf_steal(&b);
}
