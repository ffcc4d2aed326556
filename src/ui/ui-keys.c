/* ui-keys.c - key names and key maps.  The default bindings are lines in
 * the config syntax, read by the same code as the user's own `bind` and
 * `macro` lines (tmux key-bindings.c), so defaults and user keys can never
 * disagree about what a name means. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/keyname.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ebox/utf8.h"

#define UI_GENERIC VIEW_COUNT   /* keymaps[VIEW_COUNT]: every view */

const char *const ui_default_bindings[] = {
	/* everywhere */
	"bind generic ? help",
	"bind generic <F1> help",
	"bind generic M show-log",
	"bind generic ^L redraw",
	"bind generic : command-line",
	"bind generic <Esc> cancel",
	"bind generic ^G cancel",
	"bind generic q exit",
	"bind generic <Left> exit",
	"bind generic j next-line",
	"bind generic <Down> next-line",
	"bind generic k previous-line",
	"bind generic <Up> previous-line",
	"bind generic g first-line",
	"bind generic <Home> first-line",
	"bind generic G last-line",
	"bind generic <End> last-line",
	"bind generic <PageDown> next-page",
	"bind generic <Space> next-page",
	"bind generic ^F next-page",
	"bind generic <PageUp> previous-page",
	"bind generic - previous-page",
	"bind generic ^B previous-page",
	"bind generic ^D half-down",
	"bind generic ^U half-up",
	"bind generic ! shell-escape",
	/* the message index */
	"bind index q quit",
	"bind index <Enter> open-message",
	"bind index <Right> open-message",
	"bind index . next-unread",
	"bind index / search",
	"bind index n search-next",
	"bind index N search-previous",
	"bind index l limit",
	"bind index o sort",
	"bind index O sort-reverse",
	"bind index t tag-entry",
	"bind index T tag-pattern",
	"bind index ^T untag-pattern",
	"bind index ; tag-prefix",
	"bind index s save-message",
	"bind index S save-all",
	"bind index v view-attachments",
	"bind index i summary",
	"bind index $ show-payment",
	"bind index p toggle-paid",
	"bind index r reply",
	"bind index A show-agenda",
	"bind index | pipe-message",
	"bind index d hide-message",
	"bind index D unhide-message",
	"bind index u undo",
	"bind index c change-folder",
	"bind index m move-message",
	"bind index R refresh",
	"bind index <Tab> focus-sidebar",
	"bind index b toggle-sidebar",
	/* the folder sidebar, when it has the focus */
	"bind sidebar q quit",
	"bind sidebar <Enter> open-folder",
	"bind sidebar <Right> open-folder",
	"bind sidebar <Tab> focus-sidebar",
	"bind sidebar c change-folder",
	"bind sidebar R refresh",
	"bind sidebar b toggle-sidebar",
	/* the message view */
	"bind pager / search",
	"bind pager n search-next",
	"bind pager N search-previous",
	"bind pager J next-message",
	"bind pager K previous-message",
	"bind pager . next-unread",
	"bind pager s save-message",
	"bind pager S save-all",
	"bind pager v view-attachments",
	"bind pager i summary",
	"bind pager $ show-payment",
	"bind pager p toggle-paid",
	"bind pager r reply",
	"bind pager A show-agenda",
	"bind pager | pipe-message",
	"bind pager L cycle-language",
	"bind pager d hide-message",
	"bind pager D unhide-message",
	"bind pager u undo",
	/* the documents of a message */
	"bind attach <Enter> view-text",
	"bind attach <Right> view-text",
	"bind attach s save-attachment",
	"bind attach S save-all",
	"bind attach o open-attachment",
	"bind attach | pipe-attachment",
	NULL
};

/* curses' codes for function keys, and ours (keyname.h): bindings and
 * the help screen speak ours, so key names need no curses. */
static const struct {
	int curses;
	int fn;
} ui_key_curses[] = {
	{ KEY_BACKSPACE, KEYFN_BACKSPACE }, { KEY_DC, KEYFN_DELETE },
	{ KEY_IC, KEYFN_INSERT }, { KEY_UP, KEYFN_UP },
	{ KEY_DOWN, KEYFN_DOWN }, { KEY_LEFT, KEYFN_LEFT },
	{ KEY_RIGHT, KEYFN_RIGHT }, { KEY_PPAGE, KEYFN_PAGE_UP },
	{ KEY_NPAGE, KEYFN_PAGE_DOWN }, { KEY_HOME, KEYFN_HOME },
	{ KEY_END, KEYFN_END }, { KEY_BTAB, KEYFN_BACKTAB },
	{ KEY_A1, KEYFN_HOME }, { KEY_C1, KEYFN_END },
	{ KEY_A3, KEYFN_PAGE_UP }, { KEY_C3, KEYFN_PAGE_DOWN },
	{ KEY_FIND, KEYFN_HOME }, { KEY_SELECT, KEYFN_END },
	{ KEY_ENTER, 0 },       /* the keypad's Enter is Enter */
};

int
ui_key_from_curses(int code)
{
	size_t i;

	for (i = 0; i < sizeof ui_key_curses / sizeof ui_key_curses[0]; i++) {
		if (ui_key_curses[i].curses == code)
			return ui_key_curses[i].fn == 0 ? '\r' :
			    KEYNAME_FN + ui_key_curses[i].fn;
	}
	if (code >= KEY_F(1) && code <= KEY_F(KEYNAME_F_MAX))
		return KEYNAME_FN + KEYFN_F0 + (code - KEY_F0);
	return KEYNAME_FN + KEYFN_OTHER + code;
}

void
ui_key_name(int key, char *buf, size_t n)
{
	keyname_format(key, buf, n);
}

int
ui_key_parse(const char *s)
{
	return keyname_parse(s);
}

static struct ui_keymap *
ui_keys_map(struct ui *ui, const char *view, struct err *e)
{
	const struct view *v;

	if (strcmp(view, "generic") == 0)
		return &ui->keymaps[UI_GENERIC];
	if ((v = ui_view_find(view)) == NULL) {
		err_set(e, ERR_CONFIG, _("unknown view '%s': use generic, index, "
		    "sidebar, pager, attach, help or log"), view);
		return NULL;
	}
	return &ui->keymaps[v->id];
}

/* Sets (or, with op and macro NULL, removes) key in map. */
static void
ui_keys_set(struct ui_keymap *map, int key, const struct ui_op *op,
    const char *macro)
{
	size_t i;

	for (i = 0; i < map->n; i++) {
		if (map->b[i].key == key)
			break;
	}
	if (i == map->n) {
		if (op == NULL && macro == NULL)
			return;
		map->b = xreallocarray(map->b, map->n + 1, sizeof *map->b);
		map->n++;
	} else
		free(map->b[i].macro);
	if (op == NULL && macro == NULL) {
		map->b[i] = map->b[--map->n];
		return;
	}
	map->b[i].key = key;
	map->b[i].op = op;
	map->b[i].macro = xstrdup(macro);
}

/* One view of a bind, unbind or macro line. */
static int
ui_keys_apply_one(struct ui *ui, const char *view, int argc, char **argv,
    struct err *e)
{
	struct ui_keymap *map;
	const struct ui_op *op = NULL;
	int key;

	if ((map = ui_keys_map(ui, view, e)) == NULL)
		return e->code;
	if ((key = ui_key_parse(argv[2])) < 0)
		return err_set(e, ERR_CONFIG, _("unknown key '%s'"), argv[2]);
	if (strcmp(argv[0], "bind") == 0) {
		if ((op = ui_op_find(argv[3])) == NULL)
			return err_set(e, ERR_CONFIG, _("unknown operation '%s' "
			    "(the help screen, ?, lists them)"), argv[3]);
		ui_keys_set(map, key, op, NULL);
	} else if (strcmp(argv[0], "macro") == 0)
		ui_keys_set(map, key, NULL, argv[3]);
	else
		ui_keys_set(map, key, NULL, NULL);
	return 0;
}

/* VIEW may name several views, as NeoMutt allows: "bind index,pager x
 * op". */
int
ui_keys_apply(struct ui *ui, int argc, char **argv, struct err *e)
{
	int want = strcmp(argv[0], "unbind") == 0 ? 3 : 4, r = 0;
	char *views, *view, *rest;

	if (argc != want)
		return err_set(e, ERR_CONFIG, _("use: %s"), want == 3 ?
		    _("unbind VIEW KEY") : strcmp(argv[0], "macro") == 0 ?
		    _("macro VIEW KEY \"KEYS\"") : _("bind VIEW KEY OPERATION"));
	/* strsep, not strtok: an empty name (",generic", "index,,pager") is
	 * refused like any unknown view, not skipped (the fuzzer found it). */
	rest = views = xstrdup(argv[1]);
	while (r == 0 && (view = strsep(&rest, ",")) != NULL)
		r = ui_keys_apply_one(ui, view, argc, argv, e);
	free(views);
	return r;
}

int
ui_keys_init(struct ui *ui, struct err *e)
{
	char **argv;
	size_t i;
	int argc;

	for (i = 0; ui_default_bindings[i] != NULL; i++) {
		argc = config_split(ui_default_bindings[i], &argv, e);
		if (argc < 0 || ui_keys_apply(ui, argc, argv, e) != 0)
			fatal("bad default binding '%s': %s",
			    ui_default_bindings[i], e->msg);
		config_argv_free(argv);
	}
	return 0;
}

void
ui_keys_done(struct ui *ui)
{
	size_t i, j;

	for (i = 0; i <= VIEW_COUNT; i++) {
		for (j = 0; j < ui->keymaps[i].n; j++)
			free(ui->keymaps[i].b[j].macro);
		free(ui->keymaps[i].b);
		ui->keymaps[i].b = NULL;
		ui->keymaps[i].n = 0;
	}
}

static const struct ui_binding *
ui_keys_in(const struct ui_keymap *map, int key)
{
	size_t i;

	for (i = 0; i < map->n; i++) {
		if (map->b[i].key == key)
			return &map->b[i];
	}
	return NULL;
}

const struct ui_binding *
ui_keys_lookup(struct ui *ui, enum ui_view_id v, int key)
{
	const struct ui_binding *b;

	if ((b = ui_keys_in(&ui->keymaps[v], key)) != NULL)
		return b;
	/* The sidebar shares the index's keys it does not override. */
	if (v == VIEW_SIDEBAR && (b = ui_keys_in(&ui->keymaps[VIEW_INDEX],
	    key)) != NULL)
		return b;
	if (key == '\n')
		return ui_keys_lookup(ui, v, '\r');
	return ui_keys_in(&ui->keymaps[UI_GENERIC], key);
}
