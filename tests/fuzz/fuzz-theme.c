/* fuzz-theme.c - theme_apply() on the words of any theme file.
 *
 * Each input line is split with config_split() and, when it has words,
 * handed to theme_apply() (a bad line does not stop the next ones, unlike
 * theme_load(), so one input reaches further).  Checked after every line:
 * each element's colours are -1..255 and its attributes only the
 * THEME_ATTR_* bits; a line that was accepted is a color or mono line
 * naming a known element; a refused one leaves the theme as it was.
 * config_each_line() then reads the whole input through the same
 * function, as theme_load() does.
 */
#include "config.h"

#include "ebox/config.h"
#include "ebox/err.h"
#include "ebox/theme.h"
#include "fuzz.h"

#define ATTRS_ALL (THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE | \
	THEME_ATTR_REVERSE | THEME_ATTR_STANDOUT | THEME_ATTR_DIM | \
	THEME_ATTR_ITALIC)

static void
check_theme(const struct theme *t)
{
	int i;

	for (i = 0; i < THEME_COUNT; i++) {
		const struct theme_style *s = &t->el[i];

		FUZZ_CHECK(s->fg >= -1 && s->fg <= 255 && s->bg >= -1 &&
		    s->bg <= 255, "%s: colours %d/%d",
		    theme_element_names[i], s->fg, s->bg);
		FUZZ_CHECK((s->attrs & ~ATTRS_ALL) == 0 &&
		    (s->mono & ~ATTRS_ALL) == 0, "%s: attributes %#x/%#x",
		    theme_element_names[i], s->attrs, s->mono);
	}
}

static int
each_line(void *ud, int line, int argc, char **argv, bool *located,
    struct err *e)
{
	return theme_apply(ud, argc, argv, e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t, before;
	char *text, *line, *nl, **argv;
	struct err e;
	int argc, r;

	text = fuzz_cstr(data, size);
	theme_init(&t);
	for (line = text; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		err_clear(&e);
		if ((argc = config_split(line, &argv, &e)) <= 0) {
			config_argv_free(argv);
			continue;
		}
		before = t;
		err_clear(&e);
		r = theme_apply(&t, argc, argv, &e);
		if (r == 0) {
			FUZZ_CHECK(strcmp(argv[0], "color") == 0 ||
			    strcmp(argv[0], "mono") == 0,
			    "'%s' line accepted", argv[0]);
			FUZZ_CHECK(argc >= 2 && theme_element_find(argv[1]) >= 0,
			    "an unknown element accepted");
		} else {
			FUZZ_CHECK(r < 0 && e.code == r && e.msg[0] != '\0',
			    "refused with %d and no sentence", r);
			FUZZ_CHECK(memcmp(&t, &before, sizeof t) == 0,
			    "a refused line changed the theme");
		}
		check_theme(&t);
		config_argv_free(argv);
	}
	free(text);

	/* The whole input through the reader of theme files. */
	text = fuzz_cstr(data, size);
	theme_init(&t);
	err_clear(&e);
	r = config_each_line("fuzz.theme", text, each_line, &t, &e);
	FUZZ_CHECK(r == 0 || (r < 0 && strncmp(e.msg, "fuzz.theme:", 11) == 0),
	    "an error that does not say where: %s", e.msg);
	check_theme(&t);
	free(text);
	return 0;
}
