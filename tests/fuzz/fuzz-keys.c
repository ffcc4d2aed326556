/* fuzz-keys.c - key names (ui_key_parse, ui_key_name) and bind / unbind /
 * macro lines (ui_keys_apply) of src/ui/ui-keys.c.
 *
 * ui-keys.c lives in the curses part of the program; run.sh links this
 * target against the program's ui/ and cmd/ objects (main.c left out) and
 * ncursesw.  Nothing here starts curses: key maps are plain memory.
 *
 * Every input line is taken as a key name, and when its words are a
 * bind, unbind or macro line, applied to a fresh struct ui holding the
 * default bindings.  Checked for a name that parses: the name printed for
 * the key (help screen) parses back to the same key, is valid UTF-8
 * without control characters, and a <...> name is printed as it was
 * written (up to case), so "<F1x>" cannot silently mean F1.  For an
 * accepted line, looking the key up finds what was bound (or nothing after
 * unbind, unless the generic map still has it).
 */
#include "config.h"

#include <strings.h>

#include "ebox/config.h"
#include "ebox/err.h"
#include "ui/ui.h"
#include "fuzz.h"

static void
check_key_name(const char *s)
{
	char name[64];
	int key = ui_key_parse(s), again;

	if (key < 0) {
		FUZZ_CHECK(key == -1, "ui_key_parse returned %d", key);
		return;
	}
	ui_key_name(key, name, sizeof name);
	fuzz_check_terminal_safe(name, false, false, "the key's name");
	again = ui_key_parse(name);
	FUZZ_CHECK(again == key, "'%s' is key %d, printed as '%s', which "
	    "parses as %d", s, key, name, again);
	if (s[0] == '<')
		FUZZ_CHECK(strcasecmp(s, name) == 0, "'%s' was taken as '%s'",
		    s, name);
}

/* The binding of key in the map of view name ("generic" included), by a
 * walk of its own: ui_keys_lookup() falls back to other maps. */
static const struct ui_binding *
find_in(struct ui *ui, const char *view, int key)
{
	const struct ui_keymap *map;
	const struct view *v;
	size_t i;

	if (strcmp(view, "generic") == 0)
		map = &ui->keymaps[VIEW_COUNT];
	else {
		v = ui_view_find(view);
		FUZZ_CHECK(v != NULL, "view '%s' accepted", view);
		map = &ui->keymaps[v->id];
	}
	for (i = 0; i < map->n; i++)
		if (map->b[i].key == key)
			return &map->b[i];
	return NULL;
}

static void
apply_line(struct ui *ui, int argc, char **argv)
{
	const struct ui_binding *b;
	char *views, *rest, *view;
	struct err e;
	int key, r, v;

	err_clear(&e);
	r = ui_keys_apply(ui, argc, argv, &e);
	if (r != 0) {
		FUZZ_CHECK(r < 0 && e.code == r && e.msg[0] != '\0',
		    "refused with %d and no sentence", r);
		return;
	}
	key = ui_key_parse(argv[2]);
	FUZZ_CHECK(key >= 0, "a line with a bad key '%s' accepted", argv[2]);
	/* VIEW may be a list, "index,pager": each one got the binding. */
	views = strdup(argv[1]);
	if (views == NULL)
		abort();
	for (rest = views; (view = strsep(&rest, ",")) != NULL;) {
		b = find_in(ui, view, key);
		if (strcmp(argv[0], "bind") == 0)
			FUZZ_CHECK(b != NULL && b->op != NULL &&
			    b->macro == NULL && strcmp(b->op->name, argv[3]) == 0,
			    "'%s' is not bound to %s", argv[2], argv[3]);
		else if (strcmp(argv[0], "macro") == 0)
			FUZZ_CHECK(b != NULL && b->op == NULL &&
			    b->macro != NULL && strcmp(b->macro, argv[3]) == 0,
			    "macro '%s' lost", argv[2]);
		else
			FUZZ_CHECK(b == NULL, "'%s' still bound after unbind",
			    argv[2]);
	}
	free(views);
	for (v = 0; v < VIEW_COUNT; v++)
		(void)ui_keys_lookup(ui, (enum ui_view_id)v, key);
}

/* The default key maps, read once; every input starts from a copy. */
static struct ui *fuzz_defaults;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e;

	if ((fuzz_defaults = calloc(1, sizeof *fuzz_defaults)) == NULL)
		abort();
	err_clear(&e);
	if (ui_keys_init(fuzz_defaults, &e) != 0)
		fuzz_fail("the default bindings fail: %s", e.msg);
	return 0;
}

static struct ui *
fuzz_ui_new(void)
{
	struct ui *ui = calloc(1, sizeof *ui);
	const struct ui_keymap *from;
	struct ui_keymap *to;
	size_t i, j;

	if (ui == NULL)
		abort();
	for (i = 0; i <= VIEW_COUNT; i++) {
		from = &fuzz_defaults->keymaps[i];
		to = &ui->keymaps[i];
		if (from->n == 0)
			continue;
		if ((to->b = malloc(from->n * sizeof *to->b)) == NULL)
			abort();
		memcpy(to->b, from->b, from->n * sizeof *to->b);
		to->n = from->n;
		for (j = 0; j < to->n; j++)
			if (to->b[j].macro != NULL &&
			    (to->b[j].macro = strdup(to->b[j].macro)) == NULL)
				abort();
	}
	return ui;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *line, *nl, **argv;
	struct ui *ui;
	struct err e;
	int argc;

	text = fuzz_cstr(data, size);
	ui = fuzz_ui_new();
	for (line = text; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		check_key_name(line);
		if ((argc = config_split(line, &argv, &e)) > 0) {
			check_key_name(argv[0]);
			if (strcmp(argv[0], "bind") == 0 ||
			    strcmp(argv[0], "unbind") == 0 ||
			    strcmp(argv[0], "macro") == 0)
				apply_line(ui, argc, argv);
		}
		config_argv_free(argv);
	}
	ui_keys_done(ui);
	free(ui);
	free(text);
	return 0;
}
