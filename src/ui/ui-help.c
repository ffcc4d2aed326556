/* ui-help.c - the help screen (every binding of the screen it was opened
 * from, generated from the key tables, then the flag legend) and the
 * message log (every status message and error of the session). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ui-theme.h"

static const char *const help_legend[] = {
	"",
	N_("Flags in the message list:"),
	N_("  N   unread"),
	N_("  R   registered mail (opening it is a proof of reading)"),
	N_("  !   expires within 15 days"),
	N_("  $   payment requested (P once marked paid)"),
	N_("  A2  two documents (A3 three, ...)"),
	N_("  r   reply allowed"),
	N_("  H   hidden"),
	N_("  K   kept here: the eBox deleted it (folder Kept)"),
	N_("  S   its provider did not answer the last sync"),
	N_("  O   a reply you sent (folder Sent)"),
	N_("  ~   a reply being sent"),
	N_("  F   a reply that could not be sent: r sends it again"),
	N_("  *   tagged"),
	"",
	N_("Patterns for limit (l) and tag-pattern (T):"),
	N_("  ~f TEXT sender   ~s TEXT subject   ~b TEXT text, details, documents"),
	N_("  ~t TEXT type   ~r registered   ~N unread   ~E expiring   ~P payment"),
	N_("  ~H hidden   ~T tagged   ~K kept here (gone from the eBox)"),
	N_("  ~d 2026-01-01..2026-06-30, ~d <7d, ~d >2m   !TERM negates"),
	N_("  plain words: words that begin so, anywhere (\"ép\" finds épinards)"),
	NULL
};

/* Appends "KEY  operation  help" for every key bound to op in view. */
static void
ui_help_op(struct ui *ui, enum ui_view_id v, const struct ui_op *op,
    int cols, char ***lines, size_t *n)
{
	const struct ui_keymap *maps[3] = { &ui->keymaps[v],
	    v == VIEW_SIDEBAR ? &ui->keymaps[VIEW_INDEX] : NULL,
	    &ui->keymaps[VIEW_COUNT] };
	struct buf keys;
	char name[32];
	size_t i, j;

	buf_init(&keys, 1024);
	for (i = 0; i < 3; i++) {
		for (j = 0; maps[i] != NULL && j < maps[i]->n; j++) {
			const struct ui_binding *b = &maps[i]->b[j];

			/* Only keys that really reach op here (not shadowed). */
			if (b->op != op || ui_keys_lookup(ui, v, b->key) != b)
				continue;
			ui_key_name(b->key, name, sizeof name);
			buf_printf(&keys, "%s%s", keys.len ? " " : "", name);
		}
	}
	if (keys.len > 0) {
		/* A long description goes on over the next lines, under
		 * itself: nothing is cut off. */
		char *line = xasprintf("%-16s %-18s %s", keys.data, op->name,
		    _(op->help));

		ui_wrap_append(lines, n, line, cols, 36);
		free(line);
	}
	buf_done(&keys);
}

/* The help lines for view v; *lines is a new array of new strings. */
static size_t
ui_help_lines(struct ui *ui, enum ui_view_id v, int cols, char ***lines)
{
	size_t i, n = 0;

	*lines = NULL;
	*lines = xreallocarray(*lines, n + 1, sizeof **lines);
	(*lines)[n++] = xasprintf(_("Keys of the %s screen:"),
	    _(ui_views[v]->title));
	for (i = 0; i < ui_n_ops; i++) {
		if (ui_ops[i].views & (1 << v))
			ui_help_op(ui, v, &ui_ops[i], cols, lines, &n);
	}
	/* Macros too: they are bindings. */
	for (i = 0; i < ui->keymaps[v].n; i++) {
		char name[32], *line;

		if (ui->keymaps[v].b[i].macro == NULL)
			continue;
		ui_key_name(ui->keymaps[v].b[i].key, name, sizeof name);
		line = xasprintf("%-16s %-18s %s", name, "macro",
		    ui->keymaps[v].b[i].macro);
		ui_wrap_append(lines, &n, line, cols, 36);
		free(line);
	}
	for (i = 0; help_legend[i] != NULL; i++)
		ui_wrap_append(lines, &n, *help_legend[i] ? _(help_legend[i]) :
		    "", cols, 6);
	return n;
}

static void
ui_lines_free(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Draws lines from top; shared by help and log. */
static void
ui_text_draw(struct ui *ui, char **lines, size_t n, size_t top)
{
	int rows = ui_body_rows(ui), y;

	for (y = 0; y < rows; y++) {
		size_t i = top + (size_t)y;

		ui_draw_text(UI_BODY_Y + y, 0, i < n ? lines[i] : "", ui->cols,
		    i == 0 && lines == NULL ? THEME_HELP_KEY : THEME_HELP_TEXT);
	}
}

static void
ui_help_draw(struct ui *ui)
{
	char **lines;
	size_t n = ui_help_lines(ui, ui->back_view, ui->cols, &lines);

	if (ui->help_top >= n)
		ui->help_top = n ? n - 1 : 0;
	ui_text_draw(ui, lines, n, ui->help_top);
	ui_lines_free(lines, n);
}

static void
ui_text_cursor(struct ui *ui, int *y, int *x)
{
	*y = UI_BODY_Y;
	*x = 0;
}

static int
ui_text_move(size_t *top, size_t n, struct ui *ui, enum ui_motion m,
    int count)
{
	size_t rows = (size_t)ui_body_rows(ui);
	size_t last = n > rows ? n - rows : 0;
	size_t t = ui_motion(*top, last + 1, m, count, (int)rows);

	if (t == *top)
		return UI_DIRTY_NONE;
	*top = t;
	return UI_DIRTY_VIEW;
}

static int
ui_help_move(struct ui *ui, enum ui_motion m, int count)
{
	char **lines;
	size_t n = ui_help_lines(ui, ui->back_view, ui->cols, &lines);
	int r = ui_text_move(&ui->help_top, n, ui, m, count);

	ui_lines_free(lines, n);
	return r;
}

static void
ui_help_heading(struct ui *ui, struct buf *b)
{
	buf_printf(b, _("Help: the keys of the %s screen"),
	    _(ui_views[ui->back_view]->title));
}

const struct view ui_view_help = {
	.id = VIEW_HELP, .name = "help", .title = N_("Help"),
	.draw = ui_help_draw, .cursor = ui_text_cursor, .motion = ui_help_move,
	.heading = ui_help_heading,
};

/* The log's entries, each whole over as many lines as it needs. */
static size_t
ui_log_lines(struct ui *ui, char ***lines)
{
	size_t i, n = 0;

	*lines = NULL;
	for (i = 0; i < ui->n_log; i++)
		ui_wrap_append(lines, &n, ui->log[i], ui->cols, 9);
	return n;
}

static void
ui_log_draw(struct ui *ui)
{
	char **lines;
	size_t n = ui_log_lines(ui, &lines);

	ui_text_draw(ui, lines, n, ui->log_top);
	ui_lines_free(lines, n);
}

static int
ui_log_move(struct ui *ui, enum ui_motion m, int count)
{
	char **lines;
	size_t n = ui_log_lines(ui, &lines);
	int r = ui_text_move(&ui->log_top, n, ui, m, count);

	ui_lines_free(lines, n);
	return r;
}

static void
ui_log_heading(struct ui *ui, struct buf *b)
{
	buf_printf(b, ngettext("Message log: %zu message of this session",
	    "Message log: %zu messages of this session", ui->n_log),
	    ui->n_log);
}

const struct view ui_view_log = {
	.id = VIEW_LOG, .name = "log", .title = N_("Message log"),
	.draw = ui_log_draw, .cursor = ui_text_cursor, .motion = ui_log_move,
	.heading = ui_log_heading,
};

/* For the meta-test and the manual: prints every view's bindings. */
void
ui_help_print(struct ui *ui, FILE *f)
{
	char **lines;
	size_t v, i, n;

	for (v = 0; v < VIEW_COUNT; v++) {
		/* Unwrapped: one binding per line, for the meta-test. */
		n = ui_help_lines(ui, (enum ui_view_id)v, 100000, &lines);
		for (i = 0; i < n; i++)
			fprintf(f, "%s\n", lines[i]);
		ui_lines_free(lines, n);
	}
}
