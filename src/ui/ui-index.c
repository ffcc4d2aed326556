/* ui-index.c - the main screen: the folder sidebar and the message index,
 * their motions, search, limit, sort, tags and folder changes.
 *
 * The selection is remembered by short id, not by row, so it survives
 * pages arriving, sorting, limiting and resizing.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/isotime.h"
#include "ebox/log.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ui-ops.h"
#include "ui-theme.h"

/* --- geometry ------------------------------------------------------------ */

static int
ui_index_sidebar_cols(const struct ui *ui)
{
	int w = ui->sidebar_width;

	if (!ui->sidebar)
		return 0;
	if (w > ui->cols / 3)
		w = ui->cols / 3;       /* narrow screens keep room for subjects */
	return w;
}

/* First column of the index (after the sidebar and its divider). */
static int
ui_index_x(const struct ui *ui)
{
	int w = ui_index_sidebar_cols(ui);

	return w > 0 ? w + 1 : 0;
}

/* --- the selection -------------------------------------------------------- */

struct mailbox_entry *
ui_index_selected(struct ui *ui)
{
	if (ui->mv.n == 0 || ui->sel >= ui->mv.n)
		return NULL;
	return &ui->app->mb.entries[ui->mv.idx[ui->sel]];
}

/* Keeps the selected row on screen, scrolling as little as possible. */
static void
ui_index_scroll(struct ui *ui)
{
	size_t rows = (size_t)ui_body_rows(ui);

	if (ui->sel < ui->top)
		ui->top = ui->sel;
	else if (ui->sel >= ui->top + rows)
		ui->top = ui->sel - rows + 1;
	/* No empty rows below the list while rows are hidden above it (a
	 * limit after G kept the old scroll: one row shown, five above). */
	if (ui->top + rows > ui->mv.n)
		ui->top = ui->mv.n >= rows ? ui->mv.n - rows : 0;
}

void
ui_index_select_row(struct ui *ui, size_t row)
{
	struct mailbox_entry *en;

	if (row != ui->sel)
		ui->sel_moved = true;
	ui->sel = row;
	free(ui->sel_id);
	ui->sel_id = NULL;
	if ((en = ui_index_selected(ui)) != NULL)
		ui->sel_id = xstrdup(en->short_id);
	ui_index_scroll(ui);
}

static bool
ui_index_limit_match(const struct mailbox *mb, const struct mailbox_entry *en,
    const void *ud)
{
	return pattern_match(ud, mb, en);
}

/* The limit as a mailbox filter. */
static const struct mailbox_filter *
ui_index_filter(struct ui *ui, struct mailbox_filter *f)
{
	if (ui->limit == NULL)
		return NULL;
	memset(f, 0, sizeof *f);
	f->match = ui_index_limit_match;
	f->match_ud = ui->limit;
	return f;
}

/* Finds the selected message again wherever it went; until the user
 * chose one, the first row is selected. */
static void
ui_index_reselect(struct ui *ui)
{
	struct mailbox *mb = &ui->app->mb;
	struct mailbox_entry *en;
	struct err e;
	long row;

	if (!ui->sel_moved || ui->sel_id == NULL) {
		ui_index_select_row(ui, 0);
		return;
	}
	en = mailbox_find(mb, ui->sel_id, &e);
	row = en != NULL ? mailbox_view_row(&ui->mv, mailbox_index(mb, en)) :
	    -1;
	if (row >= 0) {
		ui->sel = (size_t)row;
		ui_index_scroll(ui);
		return;
	}
	ui_index_select_row(ui, ui->sel < ui->mv.n ? ui->sel :
	    (ui->mv.n ? ui->mv.n - 1 : 0));
}

static void
ui_index_folders(struct ui *ui)
{
	free(ui->folders);
	ui->n_folders = mailbox_folders(&ui->app->mb, &ui->folders);
	if (ui->folder_sel >= ui->n_folders)
		ui->folder_sel = 0;
}

void
ui_index_rebuild(struct ui *ui)
{
	struct mailbox *mb = &ui->app->mb;
	struct mailbox_filter flt;
	struct folder f;
	struct err e;

	ui_index_folders(ui);
	mailbox_view_done(&ui->mv);
	if (mailbox_folder_find(mb, ui->folder_name, &f, &e) != 0) {
		/* A partition folder appears only once its mail arrived. */
		memset(&ui->mv, 0, sizeof ui->mv);
		ui->sel = ui->top = 0;
		return;
	}
	mailbox_view_build(mb, &f, ui_index_filter(ui, &flt), ui->sort,
	    ui->reverse, &ui->mv);
	ui_index_reselect(ui);
}

void
ui_index_update(struct ui *ui, const size_t *touched, size_t n)
{
	struct mailbox_filter flt;
	size_t line = ui->sel >= ui->top ? ui->sel - ui->top : 0;
	size_t top = ui->top;

	if (!ui->mv.has_folder) {       /* its folder may exist now */
		ui_index_rebuild(ui);
		return;
	}
	ui_index_folders(ui);
	mailbox_view_update(&ui->app->mb, &ui->mv, ui_index_filter(ui, &flt),
	    touched, n);
	ui_index_reselect(ui);
	/* The selected message stays selected.  At the top of the list, new
	 * mail shows above it; scrolled down, the rows on screen stay put
	 * (the selected message keeps its line) rather than slide under
	 * the reader. */
	if (ui->sel_moved && top > 0 && ui->sel >= line)
		ui->top = ui->sel - line;
	else
		ui->top = top;
	ui_index_scroll(ui);
}

void
ui_index_limit_again(struct ui *ui)
{
	struct err e;

	if (ui->limit == NULL)
		return;
	if (app_pattern_search(ui->app, ui->limit, &e) != 0)
		log_msg("limit: %s", e.msg);
	ui_index_rebuild(ui);
}

const char *
ui_folder_label(struct ui *ui, const char *name)
{
	size_t i;

	for (i = 0; i < ui->n_folders; i++) {
		if (strcmp(ui->folders[i].name, name) == 0)
			return ui->folders[i].kind == FOLDER_PARTITION ?
			    ui->folders[i].name : _(ui->folders[i].label);
	}
	return name;
}

void
ui_index_open_folder(struct ui *ui, const char *name)
{
	size_t i;

	free(ui->folder_name);
	ui->folder_name = xstrdup(name);
	for (i = 0; i < ui->n_folders; i++) {
		if (strcmp(ui->folders[i].name, name) == 0)
			ui->folder_sel = i;
	}
	free(ui->sel_id);
	ui->sel_id = NULL;
	ui->sel = ui->top = 0;
	ui_index_rebuild(ui);
}

/* --- drawing: index rows ------------------------------------------------ */

/* The flag letters as words ("unread, registered mail"), for readers
 * who do not want to learn the letters. */
static void
ui_index_flag_words(struct buf *b, const char *flags)
{
	static const struct { char letter; const char *word; } words[] = {
		{ 'N', N_("unread") }, { 'R', N_("registered mail") },
		{ '!', N_("expires soon") }, { '$', N_("payment") },
		{ 'r', N_("reply allowed") }, { 'H', N_("hidden") },
		{ 'P', N_("paid") }, { 'K', N_("kept here") },
		{ 'S', N_("provider did not answer") },
		{ 'O', N_("reply sent") }, { '~', N_("reply being sent") },
		{ 'F', N_("reply not sent") },
	};
	const char *p;
	size_t i, start = b->len;

	for (p = flags; *p != '\0'; p++) {
		if (*p == 'A') {
			buf_puts(b, b->len > start ? ", " : "");
			long n = strtol(p + 1, NULL, 10);

			buf_printf(b, ngettext("%ld document", "%ld documents", n),
			    n);
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			continue;
		}
		for (i = 0; i < sizeof words / sizeof words[0]; i++) {
			if (words[i].letter == *p)
				buf_printf(b, "%s%s", b->len > start ? ", " : "",
				    _(words[i].word));
		}
	}
	if (b->len > start)
		buf_puts(b, ":");
}

/* Expands one %-code of index_format into b. */
static void
ui_index_code(struct ui *ui, const struct mailbox_entry *en, char code,
    struct buf *b)
{
	const struct ebox_message *m = en->msg;
	char tmp[32];

	switch (code) {
	case 'Z':
		mailbox_flags(&ui->app->mb, en, tmp);
		if (ui->spell_flags)
			ui_index_flag_words(b, tmp);
		else
			buf_printf(b, "%-6s", tmp);
		break;
	case 'D':
		text_date(tmp, sizeof tmp, m->receipt_date, ui->app->lang);
		buf_puts(b, tmp);
		break;
	case 'e':
		if (m->expiration_date != 0) {
			text_date(tmp, sizeof tmp, m->expiration_date,
			    ui->app->lang);
			buf_puts(b, tmp);
		}
		break;
	case 'F':
		/* A reply from here shows whom it went to. */
		buf_printf(b, en->sent != MAILBOX_RECEIVED ? _("To: %s") : "%s",
		    en->sender_name ? en->sender_name :
		    (m->sender_org_id ? m->sender_org_id : "?"));
		break;
	case 's': {
		const char *s = tstring_pick(&m->subject, ui->app->lang, NULL);

		buf_puts(b, s ? s : _("(no subject)"));
		break;
	}
	case 'T':
		buf_puts(b, en->type_name ? en->type_name :
		    (m->message_type_id ? m->message_type_id : ""));
		break;
	case 'i':
		buf_puts(b, en->short_id);
		break;
	case 'n':
		buf_printf(b, "%d", en->n_documents);
		break;
	case 'p':
		buf_puts(b, m->partition_id ? m->partition_id : "");
		break;
	default:
		buf_append(b, &code, 1);
		break;
	}
}

/* Pads or cuts one field to width columns ('-': aligned left). */
static void
ui_index_fit(struct ui *ui, struct buf *b, const char *text, int width,
    bool left)
{
	char *clean = sanitize_text(text, 0);
	char *fit = utf8_truncate(clean, width, ui->ascii);
	int pad = width - utf8_width(fit);

	if (!left && pad > 0)
		buf_printf(b, "%*s", pad, "");
	buf_puts(b, fit);
	if (left && pad > 0)
		buf_printf(b, "%*s", pad, "");
	free(clean);
	free(fit);
}

/* The narrowest a "%*" field gets, however little room is left. */
#define UI_FILL_MIN 10

/* Formats an index row of `cols` columns by index_format: "%-20F" pads
 * or cuts the field to 20 columns ('-' aligns left); "%*s" takes what
 * the other fields leave, so the subject can come before the sender and
 * date and still line them up in columns. */
static char *
ui_index_format(struct ui *ui, const struct mailbox_entry *en, int cols)
{
	const char *fmt = ui->index_format;
	struct buf b, field, fill;
	size_t fill_at = 0;
	bool has_fill = false;
	const char *p;

	buf_init(&b, 16384);
	buf_init(&fill, 8192);
	for (p = fmt; *p != '\0'; p++) {
		bool left = false, star = false;
		int width = 0;

		if (*p != '%' || p[1] == '\0') {
			buf_append(&b, p, 1);
			continue;
		}
		p++;
		if (*p == '%') {
			buf_puts(&b, "%");
			continue;
		}
		if (*p == '-') {
			left = true;
			p++;
		}
		if (*p == '*' && !has_fill) {
			star = true;
			p++;
		}
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
		if (*p == '\0')
			break;
		if (star) {
			/* Placed once the others are measured. */
			ui_index_code(ui, en, *p, &fill);
			fill_at = b.len;
			has_fill = true;
			continue;
		}
		buf_init(&field, 8192);
		ui_index_code(ui, en, *p, &field);
		if (width > 0)
			ui_index_fit(ui, &b, field.data ? field.data : "", width,
			    left);
		else if (field.data != NULL)
			buf_puts(&b, field.data);
		buf_done(&field);
	}
	if (has_fill) {
		int room = cols - utf8_width(b.data ? b.data : "");
		struct buf row;

		buf_init(&row, 16384);
		if (fill_at > 0)
			buf_append(&row, b.data, fill_at);
		ui_index_fit(ui, &row, fill.data ? fill.data : "",
		    room > UI_FILL_MIN ? room : UI_FILL_MIN, true);
		if (b.data != NULL)
			buf_puts(&row, b.data + fill_at);
		buf_done(&b);
		b = row;
	}
	buf_done(&fill);
	return buf_steal(&b);
}

static enum theme_element
ui_index_element(const struct mailbox_entry *en, bool selected)
{
	if (selected)
		return THEME_INDICATOR;
	if (en->tagged)
		return THEME_INDEX_TAGGED;
	if (!en->msg->read)
		return THEME_INDEX_UNREAD;
	return THEME_INDEX;
}

/* What an empty index says: why it is empty, and what to do. */
static char *
ui_index_empty_text(struct ui *ui)
{
	const struct app_sync_state *st = &ui->app->last;

	if (app_filling(ui->app))
		return xstrdup(_("  Loading the local mailbox..."));
	if (ui->syncing)
		return xstrdup(_("  Fetching your mail..."));
	if (st->when != 0 && st->answered == 0 && st->err.code != 0)
		return xasprintf(_("  Your mail could not be fetched: %s. Check "
		    "your connection, then press R to try again."),
		    st->err.msg);
	if (ui->limit != NULL)
		return xasprintf(_("  No message here matches %s."),
		    ui->limit_text);
	return xstrdup(_("  No messages here."));
}

static void
ui_index_draw_rows(struct ui *ui)
{
	int x = ui_index_x(ui), cols = ui->cols - x;
	int rows = ui_body_rows(ui), y;
	char **empty = NULL, *why;
	size_t row, n_empty = 0, i;

	/* Nothing to list: why, in full (wrapped), and what to do. */
	if (ui->mv.n == 0) {
		why = ui_index_empty_text(ui);
		ui_wrap_append(&empty, &n_empty, why, cols, 2);
		free(why);
	}
	for (y = 0; y < rows; y++) {
		row = ui->top + (size_t)y;
		if (row >= ui->mv.n) {
			ui_draw_text(UI_BODY_Y + y, x, (size_t)y < n_empty ?
			    empty[y] : "", cols, THEME_NORMAL);
			continue;
		}
		struct mailbox_entry *en = &ui->app->mb.entries[ui->mv.idx[row]];
		bool selected = row == ui->sel && ui->view == VIEW_INDEX;
		char *text = ui_index_format(ui, en, cols - 2);
		char *line = xasprintf("%s%s%s", row == ui->sel ? ">" : " ",
		    en->tagged ? "*" : " ", text);

		ui_draw_text(UI_BODY_Y + y, x, line, cols,
		    ui_index_element(en, selected || row == ui->sel));
		free(text);
		free(line);
	}
	for (i = 0; i < n_empty; i++)
		free(empty[i]);
	free(empty);
}

/* --- drawing: the sidebar -------------------------------------------------- */

static void
ui_sidebar_draw(struct ui *ui)
{
	int w = ui_index_sidebar_cols(ui), rows = ui_body_rows(ui), y = 0;
	const char *bar = ui->ascii ? "|" : "\u2502";
	size_t i;

	if (w == 0)
		return;
	for (i = 0; i < ui->n_folders && y < rows; i++) {
		const struct folder *f = &ui->folders[i];
		bool sel = i == ui->folder_sel, open = strcmp(f->name,
		    ui->folder_name) == 0;
		char counts[32], *name, *line;
		int room;

		if (f->kind == FOLDER_PARTITION &&
		    (i == 0 || ui->folders[i - 1].kind != FOLDER_PARTITION)) {
			ui_draw_text(UI_BODY_Y + y++, 0, _(" Partitions"), w,
			    THEME_SIDEBAR_HEADING);
			if (y >= rows)
				break;
		}
		snprintf(counts, sizeof counts, "%zu/%zu", f->unread, f->total);
		room = w - 3 - (int)strlen(counts) - 1;
		name = utf8_fit(f->kind == FOLDER_PARTITION ?
		    f->name : _(f->label), room > 1 ? room : 1, ui->ascii);
		line = xasprintf("%s%s%s %s", sel && ui->view == VIEW_SIDEBAR ?
		    ">" : " ", open ? "*" : " ", f->kind == FOLDER_PARTITION ?
		    " " : "", name);
		ui_draw_text(UI_BODY_Y + y, 0, line, w - (int)strlen(counts),
		    sel && ui->view == VIEW_SIDEBAR ? THEME_SIDEBAR_SELECTED :
		    THEME_SIDEBAR);
		ui_draw_text(UI_BODY_Y + y, w - (int)strlen(counts), counts,
		    (int)strlen(counts), sel && ui->view == VIEW_SIDEBAR ?
		    THEME_SIDEBAR_SELECTED : THEME_SIDEBAR);
		free(name);
		free(line);
		y++;
	}
	for (; y < rows; y++)
		ui_draw_text(UI_BODY_Y + y, 0, "", w, THEME_SIDEBAR);
	attrset(ui_theme_attr(THEME_DIVIDER));
	for (y = 0; y < rows; y++)
		mvaddstr(UI_BODY_Y + y, w, bar);
	attrset(A_NORMAL);
}

static void
ui_index_draw(struct ui *ui)
{
	if (ui->dirty & (UI_DIRTY_SIDEBAR | UI_DIRTY_VIEW))
		ui_sidebar_draw(ui);
	if (ui->dirty & UI_DIRTY_VIEW)
		ui_index_draw_rows(ui);
}

static void
ui_index_cursor(struct ui *ui, int *y, int *x)
{
	*y = UI_BODY_Y + (int)(ui->sel - ui->top);
	*x = ui_index_x(ui);
}

/* Sidebar rows differ from folder indices by the "Partitions" heading. */
static void
ui_sidebar_cursor(struct ui *ui, int *y, int *x)
{
	size_t i;
	int row = 0;

	for (i = 0; i < ui->folder_sel && i < ui->n_folders; i++)
		row++;
	for (i = 0; i <= ui->folder_sel && i < ui->n_folders; i++) {
		if (ui->folders[i].kind == FOLDER_PARTITION) {
			row++;
			break;
		}
	}
	*y = UI_BODY_Y + row;
	*x = 0;
}

static int
ui_index_move(struct ui *ui, enum ui_motion m, int count)
{
	size_t row = ui_motion(ui->sel, ui->mv.n, m, count, ui_body_rows(ui));

	if (row == ui->sel && ui->mv.n > 0 && count <= 1) {
		ui_message(ui, m == MOTION_DOWN || m == MOTION_PAGE_DOWN ||
		    m == MOTION_LAST ? _("This is the last message.") :
		    _("This is the first message."));
		return UI_DIRTY_LINE;
	}
	ui->sel_moved = true;
	ui_index_select_row(ui, row);
	return UI_DIRTY_VIEW | UI_DIRTY_STATUS;
}

static int
ui_sidebar_move(struct ui *ui, enum ui_motion m, int count)
{
	ui->folder_sel = ui_motion(ui->folder_sel, ui->n_folders, m, count,
	    ui_body_rows(ui));
	return UI_DIRTY_SIDEBAR;
}

size_t
ui_index_unread(struct ui *ui)
{
	struct folder f;
	struct err e;
	size_t unread = 0, i;

	/* The folder keeps its count; a limit needs counting. */
	if (ui->limit == NULL && mailbox_folder_find(&ui->app->mb,
	    ui->folder_name, &f, &e) == 0)
		return f.unread;
	for (i = 0; i < ui->mv.n; i++) {
		if (!ui->app->mb.entries[ui->mv.idx[i]].msg->read)
			unread++;
	}
	return unread;
}

/* "eBox: Inbox, 61 messages, 16 unread" (and the limit, when one is
 * set): where the reader is, first. */
char *
ui_index_counts(struct ui *ui)
{
	size_t unread = ui_index_unread(ui);
	char *n_msgs = xasprintf(ngettext("%zu message", "%zu messages",
	    ui->mv.n), ui->mv.n);
	char *n_unread = xasprintf(ngettext("%zu unread", "%zu unread",
	    unread), unread);
	/* TRANSLATORS: "61 messages, 16 unread". */
	char *s = xasprintf(_("%s, %s"), n_msgs, n_unread);

	free(n_msgs);
	free(n_unread);
	return s;
}

static void
ui_index_heading(struct ui *ui, struct buf *b)
{
	char *counts = ui_index_counts(ui);

	buf_printf(b, _("eBox: %s, %s"), ui_folder_label(ui, ui->folder_name),
	    counts);
	if (ui->limit_text != NULL)
		buf_printf(b, _(" (limited to %s)"), ui->limit_text);
	free(counts);
}

static void
ui_sidebar_heading(struct ui *ui, struct buf *b)
{
	buf_printf(b, ngettext("eBox: %zu folder", "eBox: %zu folders",
	    ui->n_folders), ui->n_folders);
}

const struct view ui_view_index = {
	.id = VIEW_INDEX, .name = "index", .title = N_("Messages"),
	.draw = ui_index_draw, .cursor = ui_index_cursor, .motion = ui_index_move,
	.heading = ui_index_heading,
};

const struct view ui_view_sidebar = {
	.id = VIEW_SIDEBAR, .name = "sidebar", .title = N_("Folders"),
	.draw = ui_index_draw, .cursor = ui_sidebar_cursor,
	.motion = ui_sidebar_move, .heading = ui_sidebar_heading,
};

/* --- operations -------------------------------------------------------------- */

static int
ui_open_answer(struct ui *ui, const char *answer, void *ud)
{
	struct mailbox_entry *en = ui_index_selected(ui);

	if (answer == NULL || en == NULL)
		return UI_DIRTY_LINE;
	ui_pager_open(ui, en, strcmp(answer, "y") == 0);
	return UI_DIRTY_ALL;
}

int
op_open_message(struct ui *ui, int count)
{
	struct mailbox_entry *en = ui_index_selected(ui);

	if (en->msg->registered && !en->msg->read &&
	    config_bool(&ui->app->cfg, ui->app->acct, "confirm_registered")) {
		ui_prompt_yesno(ui, _("Registered mail: opening it is a legal proof of "
		    "reading. Open it?"),
		    ui_open_answer, NULL);
		return UI_DIRTY_LINE;
	}
	ui_pager_open(ui, en, true);
	return UI_DIRTY_ALL;
}

int
op_next_unread(struct ui *ui, int count)
{
	size_t i, row;

	for (i = 1; i <= ui->mv.n; i++) {
		row = (ui->sel + i) % ui->mv.n;
		if (!ui->app->mb.entries[ui->mv.idx[row]].msg->read) {
			ui_index_select_row(ui, row);
			if (ui->view == VIEW_PAGER)
				return op_open_message(ui, 0);
			return UI_DIRTY_VIEW | UI_DIRTY_STATUS;
		}
	}
	ui_message(ui, _("No unread messages here."));
	return UI_DIRTY_LINE;
}

/* --- search (incremental) ------------------------------------------------ */

/* The next row from start (excluded) in direction dir that matches text,
 * wrapping; -1 when none. */
/* The store's answer for text, asked once per text (each typed
 * character is a new one). */
static void
ui_index_found(struct ui *ui, const char *text, struct mailbox_filter *f)
{
	struct ui_found *fd = &ui->found;
	struct err e;

	memset(f, 0, sizeof *f);
	f->search = text;
	if (fd->text == NULL || strcmp(fd->text, text) != 0) {
		xfree(&fd->text);
		xfree(&fd->hits);
		fd->n = 0;
		if (app_search(ui->app, text, &fd->hits, &fd->n, &e) != 0) {
			/* In memory, then: slower, never wrong. */
			log_msg("index search: %s", e.msg);
			return;
		}
		fd->text = xstrdup(text);
	}
	f->hits = fd->hits;
	f->n_hits = fd->n;
}

static long
ui_index_find(struct ui *ui, const char *text, size_t start, int dir)
{
	struct mailbox_filter f;
	size_t i, row, n = ui->mv.n;

	ui_index_found(ui, text, &f);
	for (i = 0; i < n; i++) {
		if (dir < 0)
			row = (start + n - 1 - i) % n;
		else
			row = (start + 1 + i) % n;
		if (mailbox_matches(&ui->app->mb, &ui->app->mb.entries[ui->mv.idx[row]],
		    &f))
			return (long)row;
	}
	return -1;
}

struct ui_search {
	size_t origin;          /* where the search started */
};

static int
ui_index_search_answer(struct ui *ui, const char *answer, void *ud)
{
	struct ui_search *s = ud;
	long row;

	if (answer == NULL) {           /* cancelled: back where we were */
		ui_index_select_row(ui, s->origin);
		free(s);
		return UI_DIRTY_VIEW | UI_DIRTY_LINE;
	}
	if (ui->prompt.kind == PROMPT_NONE) {   /* Enter: keep this match */
		free(ui->search);
		ui->search = xstrdup(answer);
		/* Not found: the selection goes back where it was (typing
		 * "q" first had moved it to a match of "q"). */
		if (*answer != '\0' && ui->mv.n > 0 && ui_index_find(ui, answer,
		    s->origin == 0 ? ui->mv.n - 1 : s->origin - 1, 1) < 0) {
			ui_index_select_row(ui, s->origin);
			ui_note_error(ui, "search", _("Not found: %s"), answer);
		}
		free(s);
		return UI_DIRTY_VIEW | UI_DIRTY_LINE;
	}
	if (*answer == '\0')
		return UI_DIRTY_NONE;
	/* As you type: the first match from where the search started; none,
	 * and the selection is back there. */
	row = ui_index_find(ui, answer, s->origin == 0 ? ui->mv.n - 1 :
	    s->origin - 1, 1);
	ui_index_select_row(ui, row >= 0 ? (size_t)row : s->origin);
	return UI_DIRTY_VIEW | UI_DIRTY_STATUS;
}

int
op_search(struct ui *ui, int count)
{
	struct ui_search *s;

	if (ui->view == VIEW_PAGER || ui->view == VIEW_HELP ||
	    ui->view == VIEW_LOG)
		return ui_pager_search_prompt(ui);
	s = xcalloc(1, sizeof *s);
	s->origin = ui->sel;
	ui_prompt_text(ui, _("Search:"), NULL, HIST_SEARCH, ui_index_search_answer,
	    s);
	ui->prompt.incremental = true;
	return UI_DIRTY_LINE;
}

static int
ui_index_search_again(struct ui *ui, int dir)
{
	long row;

	if (ui->search == NULL || *ui->search == '\0') {
		ui_error(ui, _("No search yet: press / to search."));
		return UI_DIRTY_LINE;
	}
	if ((row = ui_index_find(ui, ui->search, ui->sel, dir)) < 0) {
		ui_error(ui, _("Not found: %s"), ui->search);
		return UI_DIRTY_LINE;
	}
	if ((dir > 0 && (size_t)row <= ui->sel) ||
	    (dir < 0 && (size_t)row >= ui->sel))
		ui_message(ui, _("Search wrapped around."));
	ui_index_select_row(ui, (size_t)row);
	return UI_DIRTY_VIEW | UI_DIRTY_LINE;
}

int
op_search_next(struct ui *ui, int count)
{
	if (ui->view != VIEW_INDEX)
		return ui_pager_search_again(ui, 1);
	return ui_index_search_again(ui, 1);
}

int
op_search_previous(struct ui *ui, int count)
{
	if (ui->view != VIEW_INDEX)
		return ui_pager_search_again(ui, -1);
	return ui_index_search_again(ui, -1);
}

/* --- limit, sort, tags --------------------------------------------------- */

static int
ui_limit_answer(struct ui *ui, const char *answer, void *ud)
{
	struct pattern *p = NULL;
	struct err e;

	if (answer == NULL)
		return UI_DIRTY_LINE;
	err_clear(&e);
	if (pattern_parse(strcmp(answer, "all") == 0 ? "" : answer,
	    time(NULL), &p, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		return UI_DIRTY_LINE;
	}
	if (app_pattern_search(ui->app, p, &e) != 0) {
		pattern_free(p);
		ui_error(ui, "%s", e.msg);
		return UI_DIRTY_LINE;
	}
	pattern_free(ui->limit);
	ui->limit = p;
	free(ui->limit_text);
	ui->limit_text = p ? xstrdup(answer) : NULL;
	ui_index_rebuild(ui);
	if (p != NULL)
		ui_message(ui, ngettext("Showing %zu message that matches %s.",
		    "Showing %zu messages that match %s.", ui->mv.n), ui->mv.n,
		    answer);
	else
		ui_message(ui, _("Showing every message."));
	return UI_DIRTY_ALL;
}

int
op_limit(struct ui *ui, int count)
{
	ui_prompt_text(ui, _("Limit to (~f sender ~s subject ~b text ~r ~N ~E "
	    "~P ~K ~d, all):"), ui->limit_text, HIST_LIMIT, ui_limit_answer, NULL);
	return UI_DIRTY_LINE;
}

static int
ui_sort_answer(struct ui *ui, const char *answer, void *ud)
{
	static const struct { char key; enum sort_key sort; } keys[] = {
		{ 'd', SORT_DATE }, { 'f', SORT_SENDER }, { 's', SORT_SUBJECT },
		{ 'e', SORT_EXPIRY }, { 'p', SORT_DUE }, { 'n', SORT_DEADLINE },
	};
	size_t i;

	if (answer == NULL)
		return UI_DIRTY_LINE;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (keys[i].key == answer[0])
			ui->sort = keys[i].sort;
	}
	ui_index_rebuild(ui);
	ui_message(ui, _("Sorted by %s."), _(sort_key_names[ui->sort]));
	return UI_DIRTY_ALL;
}

int
op_sort(struct ui *ui, int count)
{
	/* The names of `set sort` (sort_key_names), in the keys' order. */
	static const char *const words[] = { "date", "sender", "subject",
	    "expiry", "due", "deadline", NULL };

	ui_prompt_choice_words(ui, _("Sort by (d)ate, (f)rom sender, (s)ubject, "
	    "(e)xpiry, (p)ayment due, (n)earest deadline?"), "dfsepn", words,
	    ui_sort_answer, NULL);
	return UI_DIRTY_LINE;
}

int
op_sort_reverse(struct ui *ui, int count)
{
	ui->reverse = !ui->reverse;
	ui_index_rebuild(ui);
	ui_message(ui, "%s", ui->reverse ? _("Order reversed.") :
	    _("Order restored."));
	return UI_DIRTY_ALL;
}

int
op_tag_entry(struct ui *ui, int count)
{
	struct mailbox_entry *en = ui_index_selected(ui);

	en->tagged = !en->tagged;
	ui_note(ui, "tag", "%s", en->tagged ? _("Tagged.") : _("Untagged."));
	if (ui->sel + 1 < ui->mv.n)
		ui_index_select_row(ui, ui->sel + 1);
	return UI_DIRTY_VIEW | UI_DIRTY_LINE;
}

/* Tags (ud non-NULL: untags) the listed messages matching answer. */
static int
ui_tag_pattern_answer(struct ui *ui, const char *answer, void *ud)
{
	bool tag = ud == NULL;
	struct pattern *p = NULL;
	struct err e;
	size_t i, n = 0;

	if (answer == NULL || *answer == '\0')
		return UI_DIRTY_LINE;
	err_clear(&e);
	if (pattern_parse(answer, time(NULL), &p, &e) != 0 ||
	    app_pattern_search(ui->app, p, &e) != 0) {
		pattern_free(p);
		ui_error(ui, "%s", e.msg);
		return UI_DIRTY_LINE;
	}
	for (i = 0; i < ui->mv.n; i++) {
		struct mailbox_entry *en = &ui->app->mb.entries[ui->mv.idx[i]];

		if (en->tagged != tag && pattern_match(p, &ui->app->mb, en)) {
			en->tagged = tag;
			n++;
		}
	}
	pattern_free(p);
	if (tag)
		ui_message(ui, ngettext("Tagged %zu message.",
		    "Tagged %zu messages.", n), n);
	else
		ui_message(ui, ngettext("Untagged %zu message.",
		    "Untagged %zu messages.", n), n);
	return UI_DIRTY_VIEW | UI_DIRTY_LINE;
}

int
op_tag_pattern(struct ui *ui, int count)
{
	ui_prompt_text(ui, _("Tag messages matching:"), NULL, HIST_LIMIT,
	    ui_tag_pattern_answer, NULL);
	return UI_DIRTY_LINE;
}

int
op_untag_pattern(struct ui *ui, int count)
{
	static int untag;       /* any non-NULL ud: untag */

	ui_prompt_text(ui, _("Untag messages matching:"), NULL, HIST_LIMIT,
	    ui_tag_pattern_answer, &untag);
	return UI_DIRTY_LINE;
}

/* --- folders ------------------------------------------------------------------ */

static int
ui_folder_answer(struct ui *ui, const char *answer, void *ud)
{
	struct folder f;
	struct err e;
	size_t i;

	if (answer == NULL || *answer == '\0')
		return UI_DIRTY_LINE;
	err_clear(&e);
	/* The shown (translated) names work as well as the English ones. */
	for (i = 0; i < ui->n_folders; i++) {
		if (text_contains_folded(ui_folder_label(ui,
		    ui->folders[i].name), answer) &&
		    strlen(answer) == strlen(ui_folder_label(ui,
		    ui->folders[i].name)))
			answer = ui->folders[i].name;
	}
	if (mailbox_folder_find(&ui->app->mb, answer, &f, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		return UI_DIRTY_LINE;
	}
	ui_index_open_folder(ui, f.name);
	ui->view = VIEW_INDEX;
	{
		char *counts = ui_index_counts(ui);

		/* TRANSLATORS: "Inbox: 61 messages, 16 unread." */
		ui_message(ui, _("%s: %s."), _(f.label), counts);
		free(counts);
	}
	return UI_DIRTY_ALL;
}

int
op_change_folder(struct ui *ui, int count)
{
	ui_prompt_text(ui, _("Open folder (Tab completes):"), NULL, HIST_FOLDER,
	    ui_folder_answer, NULL);
	ui->prompt.complete_folders = true;
	return UI_DIRTY_LINE;
}

int
op_open_folder(struct ui *ui, int count)
{
	if (ui->folder_sel >= ui->n_folders)
		return UI_DIRTY_NONE;
	return ui_folder_answer(ui, ui->folders[ui->folder_sel].name, NULL);
}

int
op_focus_sidebar(struct ui *ui, int count)
{
	if (ui->view == VIEW_SIDEBAR) {
		ui->view = VIEW_INDEX;
		return UI_DIRTY_ALL;
	}
	ui->sidebar = true;
	ui->view = VIEW_SIDEBAR;
	return UI_DIRTY_ALL;
}

int
op_toggle_sidebar(struct ui *ui, int count)
{
	ui->sidebar = !ui->sidebar;
	if (!ui->sidebar && ui->view == VIEW_SIDEBAR)
		ui->view = VIEW_INDEX;
	return UI_DIRTY_ALL;
}
