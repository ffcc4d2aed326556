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
ui_body_rows(const struct ui *ui)
{
	int rows = ui->rows - 3;        /* key bar, status line, message line */

	return rows > 1 ? rows : 1;
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

void
ui_draw_topbar(struct ui *ui)
{
	struct buf b;
	char key[32];
	size_t i;

	buf_init(&b, 4096);
	for (i = 0; i < sizeof ui_topbar_items / sizeof ui_topbar_items[0]; i++) {
		if (ui_topbar_items[i].view != ui->view ||
		    !ui_topbar_key(ui, ui->view, ui_topbar_items[i].op, key,
		    sizeof key))
			continue;
		buf_printf(&b, "%s%s:%s", b.len ? "  " : "", key,
		    _(ui_topbar_items[i].label));
	}
	ui_draw_text(0, 0, b.data, ui->cols, THEME_STATUS);
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
		buf_printf(b, _(" | %zu of %zu providers answered"),
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
	struct folder f;
	struct err e;
	size_t unread = 0, i;

	/* The folder keeps its count; a limit needs counting. */
	if (ui->limit == NULL && mailbox_folder_find(&ui->app->mb,
	    ui->folder_name, &f, &e) == 0)
		unread = f.unread;
	else {
		for (i = 0; i < ui->mv.n; i++) {
			if (!ui->app->mb.entries[ui->mv.idx[i]].msg->read)
				unread++;
		}
	}
	buf_init(&b, 4096);
	buf_printf(&b, _("%s | %s | %zu messages, %zu unread"),
	    ui->app->acct->name, ui_folder_label(ui, ui->folder_name), ui->mv.n,
	    unread);
	if (ui->limit_text != NULL)
		buf_printf(&b, _(" | limit: %s"), ui->limit_text);
	if (ui->sort != SORT_DATE || ui->reverse)
		buf_printf(&b, _(" | sorted by %s%s"), _(sort_key_names[ui->sort]),
		    ui->reverse ? _(", reversed") : "");
	ui_status_activity(ui, &b);
	ui_draw_text(ui->rows - 2, 0, b.data, ui->cols, THEME_STATUS);
	buf_done(&b);
}

void
ui_draw_line(struct ui *ui)
{
	if (ui->prompt.kind != PROMPT_NONE) {
		ui_prompt_draw(ui);
		return;
	}
	ui_draw_text(ui->rows - 1, 0, ui->msg ? ui->msg : "", ui->cols,
	    ui->msg_error ? THEME_ERROR : THEME_MESSAGE);
}
