/* fuzz-sanitize.c - the gates of sanitize.h, with their invariants.
 *
 * The first input byte gives the flags (bit 0 SANITIZE_KEEP_NEWLINES,
 * bit 1 SANITIZE_KEEP_TABS); the rest is the untrusted text, NULs and
 * all.  A broken invariant aborts:
 *
 * sanitize_text / sanitize_textn: the output is valid UTF-8 and holds no
 *   ESC or other C0 control (\n and \t only when their flag is set), no
 *   DEL, no C1 control U+0080..U+009F, no bidi control U+202A..U+202E,
 *   U+2066..U+2069, U+200E, U+200F, U+061C; it is idempotent
 *   (sanitize(sanitize(x)) == sanitize(x)); sanitize_text(s) equals
 *   sanitize_textn(s, strlen(s)).
 * sanitize_filename: no '/' or '\', not "", "." or "..", no leading '.'
 *   or '-', no trailing '.' or ' ', at most 200 bytes, valid UTF-8 with
 *   none of the characters above, and a fixed point (sanitising the
 *   result again changes nothing).
 * percent_decode: valid UTF-8 without NULs, or the input unchanged.
 */
#include "config.h"

#include "ebox/sanitize.h"
#include "fuzz.h"

#define NAME_MAX_BYTES 200      /* SANITIZE_NAME_MAX in sanitize.c */

/* raw: the n input bytes, unterminated; in: the same as a C string. */
static void
check_text(const char *raw, size_t n, const char *in, int flags)
{
	char *out, *again, *plain;

	out = sanitize_textn(raw, n, flags);
	fuzz_check_terminal_safe(out, flags & SANITIZE_KEEP_NEWLINES,
	    flags & SANITIZE_KEEP_TABS, "sanitize_textn's output");
	again = sanitize_text(out, flags);
	FUZZ_CHECK(strcmp(again, out) == 0, "not idempotent: \"%s\" then "
	    "\"%s\"", out, again);
	free(again);
	free(out);

	/* Up to the first NUL both entry points agree. */
	out = sanitize_text(in, flags);
	plain = sanitize_textn(in, strlen(in), flags);
	FUZZ_CHECK(strcmp(out, plain) == 0, "sanitize_text and "
	    "sanitize_textn disagree: \"%s\" / \"%s\"", out, plain);
	free(plain);
	free(out);
}

static void
check_filename(const char *in)
{
	char *name, *again;
	size_t len;

	name = sanitize_filename(in);
	len = strlen(name);
	FUZZ_CHECK(len > 0 && strcmp(name, ".") != 0 && strcmp(name, "..") != 0,
	    "name \"%s\"", name);
	FUZZ_CHECK(strchr(name, '/') == NULL && strchr(name, '\\') == NULL,
	    "a separator in \"%s\"", name);
	FUZZ_CHECK(name[0] != '.' && name[0] != '-', "\"%s\" starts with "
	    "'%c'", name, name[0]);
	FUZZ_CHECK(name[len - 1] != '.' && name[len - 1] != ' ',
	    "\"%s\" ends with '%c'", name, name[len - 1]);
	FUZZ_CHECK(len <= NAME_MAX_BYTES, "%zu bytes", len);
	fuzz_check_terminal_safe(name, false, false, "the file name");
	again = sanitize_filename(name);
	FUZZ_CHECK(strcmp(again, name) == 0, "not a fixed point: \"%s\" "
	    "became \"%s\"", name, again);
	free(again);
	free(name);
}

static void
check_percent(const char *in)
{
	char *out = percent_decode(in);

	FUZZ_CHECK(strcmp(out, in) == 0 || fuzz_utf8_valid(out, strlen(out)),
	    "\"%s\" decoded to invalid UTF-8", in);
	if (strchr(in, '%') == NULL)
		FUZZ_CHECK(strcmp(out, in) == 0, "changed without a '%%'");
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw, *in;
	int flags;

	if (size < 1)
		return 0;
	flags = data[0] & (SANITIZE_KEEP_NEWLINES | SANITIZE_KEEP_TABS);
	raw = fuzz_bytes(data + 1, size - 1);
	in = fuzz_cstr(data + 1, size - 1);
	check_text(raw, size - 1, in, flags);
	check_filename(in);
	check_percent(in);
	free(raw);
	free(in);
	return 0;
}
