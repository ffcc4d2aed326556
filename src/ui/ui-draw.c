/* ui-draw.c - what every screen shares: the key bar on top, the status
 * line, the message line, and writing text into a fixed number of
 * columns (by display width, never splitting a character). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/translit.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ui-theme.h"

/* Curses is one global screen, so its drawing mode is one flag too;
 * in a locale that is not UTF-8, text is transliterated to ASCII too. */
static bool ui_draw_ascii;
static bool ui_draw_translit;

void
ui_draw_set_ascii(bool ascii)
{
	ui_draw_ascii = ascii;
	ui_draw_translit = !translit_utf8_locale();
}

int
ui_line_y(const struct ui *ui)
{
	int y = ui->rows - (ui->prompt.kind != PROMPT_NONE ? 1 : ui->msg_rows);

	return y > UI_BODY_Y + 1 ? y : ui->rows - 1;
}

int
ui_status_y(const struct ui *ui)
{
	return ui_line_y(ui) - 1;
}

int
ui_body_rows(const struct ui *ui)
{
	int rows = ui_status_y(ui) - UI_BODY_Y;

	return rows > 1 ? rows : 1;
}

void
ui_wrap_append(char ***lines, size_t *n, const char *text, int cols,
    int indent)
{
	const char *s = text;
	bool first = true;

	if (cols < 10)
		cols = 10;
	if (indent > cols / 2)
		indent = 2;
	do {
		int room = first ? cols : cols - indent;
		size_t len = utf8_prefix_bytes(s, room), cut = len;

		if (s[len] != '\0') {
			while (cut > 0 && s[cut - 1] != ' ')
				cut--;
			if (cut == 0)
				cut = len;
		}
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*lines)[(*n)++] = first ? xstrndup(s, cut) :
		    xasprintf("%*s%.*s", indent, "", (int)cut, s);
		s += cut;
		while (*s == ' ')
			s++;
		first = false;
	} while (*s != '\0');
}

/* Cuts text into lines of at most cols columns at spaces (a word longer
 * than a line is cut where it must). */
int
ui_msg_wrap(const struct ui *ui, const char *text, char *lines[UI_MSG_ROWS_MAX])
{
	const char *s = text;
	int n = 0, cols = ui->cols > 10 ? ui->cols : 10;

	while (*s != '\0' && n < UI_MSG_ROWS_MAX) {
		size_t len = utf8_prefix_bytes(s, cols), cut = len;

		if (s[len] != '\0' && n + 1 < UI_MSG_ROWS_MAX) {
			while (cut > 0 && s[cut - 1] != ' ')
				cut--;
			if (cut == 0)
				cut = len;
		} else if (s[len] != '\0')
			cut = strlen(s);        /* the last line: fitted */
		if (lines != NULL)
			lines[n] = xstrndup(s, cut);
		n++;
		s += cut;
		while (*s == ' ')
			s++;
	}
	return n > 0 ? n : 1;
}

void
ui_draw_text(int y, int x, const char *s, int cols, enum theme_element el)
{
	char *clean, *fitted;

	if (cols <= 0)
		return;
	/* Everything drawn passes the sanitiser once more: the one gate
	 * between any text and the terminal, wherever the text came from. */
	clean = sanitize_text(s, 0);
	if (ui_draw_translit) {
		char *ascii = translit_ascii(clean);

		free(clean);
		clean = ascii;
	}
	fitted = utf8_fit(clean, cols, ui_draw_ascii);
	free(clean);
	attrset(ui_theme_attr(el));
	mvaddstr(y, x, fitted);
	attrset(A_NORMAL);
	free(fitted);
}

/* The keys shown on top of each screen: the most used operations, with
 * whatever key they are bound to now. */
static const struct {
	enum ui_view_id view;
	const char *op;
	const char *label;
} ui_topbar_items[] = {
	{ VIEW_INDEX, "quit", N_("Quit") },
	{ VIEW_INDEX, "open-message", N_("Open") },
	{ VIEW_INDEX, "save-message", N_("Save") },
	{ VIEW_INDEX, "hide-message", N_("Hide") },
	{ VIEW_INDEX, "search", N_("Search") },
	{ VIEW_INDEX, "change-folder", N_("Folder") },
	{ VIEW_INDEX, "help", N_("Help") },
	{ VIEW_SIDEBAR, "open-folder", N_("Open folder") },
	{ VIEW_SIDEBAR, "focus-sidebar", N_("Messages") },
	{ VIEW_SIDEBAR, "help", N_("Help") },
	{ VIEW_PAGER, "exit", N_("Back") },
	{ VIEW_PAGER, "next-page", N_("Next page") },
	{ VIEW_PAGER, "save-message", N_("Save") },
	{ VIEW_PAGER, "view-attachments", N_("Documents") },
	{ VIEW_PAGER, "search", N_("Search") },
	{ VIEW_PAGER, "help", N_("Help") },
	{ VIEW_ATTACH, "exit", N_("Back") },
	{ VIEW_ATTACH, "view-text", N_("Read") },
	{ VIEW_ATTACH, "save-attachment", N_("Save") },
	{ VIEW_ATTACH, "save-all", N_("Save all") },
	{ VIEW_ATTACH, "open-attachment", N_("Open") },
	{ VIEW_ATTACH, "help", N_("Help") },
	{ VIEW_HELP, "exit", N_("Back") },
	{ VIEW_LOG, "exit", N_("Back") },
};

/* The first key bound to op in view (or generic); false if none. */
static bool
ui_topbar_key(struct ui *ui, enum ui_view_id v, const char *op, char *buf,
    size_t n)
{
	const struct ui_keymap *maps[3] = { &ui->keymaps[v],
	    v == VIEW_SIDEBAR ? &ui->keymaps[VIEW_INDEX] : NULL,
	    &ui->keymaps[VIEW_COUNT] };
	size_t i, j;

	for (i = 0; i < 3; i++) {
		if (maps[i] == NULL)
			continue;
		for (j = 0; j < maps[i]->n; j++) {
			const struct ui_binding *b = &maps[i]->b[j];

			if (b->op != NULL && strcmp(b->op->name, op) == 0 &&
			    ui_keys_lookup(ui, v, b->key) == b) {
				ui_key_name(b->key, buf, n);
				return true;
			}
		}
	}
	return false;
}

/* The key hints: the main operations of the view with the keys they are
 * bound to now; the help key last and always there (the others give way
 * when the line is short). */
void
ui_draw_hints(struct ui *ui)
{
	struct buf b;
	char key[32], *help = NULL;
	size_t i, room;

	if (ui_topbar_key(ui, ui->view, "help", key, sizeof key))
		help = xasprintf("%s:%s", key, _("Help"));
	room = (size_t)ui->cols - (help != NULL ? (size_t)utf8_width(help) + 2 :
	    0);
	buf_init(&b, 4096);
	for (i = 0; i < sizeof ui_topbar_items / sizeof ui_topbar_items[0]; i++) {
		char *item;

		if (ui_topbar_items[i].view != ui->view ||
		    strcmp(ui_topbar_items[i].op, "help") == 0 ||
		    !ui_topbar_key(ui, ui->view, ui_topbar_items[i].op, key,
		    sizeof key))
			continue;
		item = xasprintf("%s%s:%s", b.len ? "  " : "", key,
		    _(ui_topbar_items[i].label));
		if (utf8_width(b.data ? b.data : "") + utf8_width(item) <=
		    (int)room)
			buf_puts(&b, item);
		free(item);
	}
	if (help != NULL)
		buf_printf(&b, "%s%s", b.len ? "  " : "", help);
	ui_draw_text(UI_HINTS_Y, 0, b.data ? b.data : "", ui->cols,
	    THEME_STATUS);
	buf_done(&b);
	free(help);
}

/* The first line says which screen this is: a screen reader starting
 * at the top hears it first. */
void
ui_draw_title(struct ui *ui)
{
	const struct view *v = ui_views[ui->view];
	struct buf b;

	buf_init(&b, 4096);
	if (v->heading != NULL)
		v->heading(ui, &b);
	else
		buf_puts(&b, _(v->title));
	ui_draw_text(UI_TITLE_Y, 0, b.data ? b.data : "", ui->cols,
	    THEME_STATUS);
	buf_done(&b);
}

/* Network activity in words, never a spinner: it changes only when a
 * step completes. */
static void
ui_status_activity(struct ui *ui, struct buf *b)
{
	const struct app *a = ui->app;
	char when[32];
	struct tm now, then;
	time_t t = time(NULL);

	if (ui->progress != NULL) {
		buf_printf(b, " | %s", ui->progress);
		return;
	}
	if (app_filling(a))
		buf_printf(b, " | %s", _("loading the local mailbox"));
	else if (ui->syncing)
		buf_printf(b, " | %s", _("fetching mail"));
	else if (a->offline || a->last.offline)
		buf_printf(b, " | %s", _("offline"));
	else if (a->last.when != 0 && a->last.answered == 0)
		buf_printf(b, " | %s", _("sync failed"));
	else if (a->asked > 0 && a->answered < a->asked)
		/* TRANSLATORS: the verb agrees with the first number. */
		buf_printf(b, ngettext(" | %zu of %zu providers answered",
		    " | %zu of %zu providers answered", a->answered),
		    a->answered, a->asked);
	if (ui->syncing)
		return;
	/* When the mail shown was last confirmed by the servers. */
	if (a->last_sync == 0) {
		buf_printf(b, " | %s", _("never synced"));
		return;
	}
	localtime_r(&t, &now);
	localtime_r(&a->last_sync, &then);
	if (now.tm_year == then.tm_year && now.tm_yday == then.tm_yday)
		strftime(when, sizeof when, "%H:%M", &then);
	else
		text_date(when, sizeof when, a->last_sync, a->lang);
	buf_printf(b, _(" | synced %s"), when);
}

void
ui_draw_status(struct ui *ui)
{
	struct buf b;
	char *counts = ui_index_counts(ui);

	buf_init(&b, 4096);
	buf_printf(&b, "%s | %s | %s", ui->app->acct->name,
	    ui_folder_label(ui, ui->folder_name), counts);
	free(counts);
	if (ui->limit_text != NULL)
		buf_printf(&b, _(" | limit: %s"), ui->limit_text);
	if (ui->sort != SORT_DATE || ui->reverse)
		buf_printf(&b, _(" | sorted by %s%s"), _(sort_key_names[ui->sort]),
		    ui->reverse ? _(", reversed") : "");
	ui_status_activity(ui, &b);
	ui_draw_text(ui_status_y(ui), 0, b.data, ui->cols, THEME_STATUS);
	buf_done(&b);
}

/* The message, wrapped over up to three lines; a last line that does
 * not hold the rest ends in "..." (the log, M, has it whole). */
void
ui_draw_line(struct ui *ui)
{
	char *lines[UI_MSG_ROWS_MAX];
	int i, n, y = ui_line_y(ui);

	if (ui->prompt.kind != PROMPT_NONE) {
		ui_prompt_draw(ui);
		return;
	}
	n = ui->msg != NULL ? ui_msg_wrap(ui, ui->msg, lines) : 0;
	for (i = 0; y + i < ui->rows; i++)
		ui_draw_text(y + i, 0, i < n ? lines[i] : "", ui->cols,
		    ui->msg_error ? THEME_ERROR : THEME_MESSAGE);
	for (i = 0; i < n; i++)
		free(lines[i]);
}
