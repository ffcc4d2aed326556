/* ui-pager.c - the message view: the rendered message (render.h), then
 * its main document as text, wrapped to the screen, with line and page
 * scrolling and search.
 *
 * Opening fetches what the list did not carry: the text (body) and, for a
 * message whose main content is a document, that document converted to
 * text.  Fetching the main content makes the message read on the server,
 * which for registered mail is a legal proof of reading: ui-index.c asks
 * first, and `confirmed` false shows the metadata only.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/log.h"
#include "ebox/doctext.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"
#include "ui.h"
#include "ui-ops.h"
#include "ui-theme.h"

#define PAGER_LABEL_COLS 11

static void ui_pager_layout_text(struct ui *ui);

static struct mailbox_entry *
ui_pager_entry(struct ui *ui)
{
	struct err e;

	if (ui->pager.short_id == NULL)
		return NULL;
	return mailbox_find(&ui->app->mb, ui->pager.short_id, &e);
}

static void
ui_pager_lines_free(struct ui_pager *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	free(p->kinds);
	p->lines = NULL;
	p->kinds = NULL;
	p->n = 0;
}

/* Stops the conversion of the main document, if one runs. */
static void
ui_pager_conv_clear(struct ui_pager *p)
{
	if (p->conv_path != NULL && p->conv_remove)
		unlink(p->conv_path);
	xfree(&p->conv_path);
	p->conv_remove = false;
}

static void
ui_pager_stop_conversion(struct ui_pager *p)
{
	convert_cancel(p->conv);
	p->conv = NULL;
	ui_pager_conv_clear(p);
}

void
ui_pager_done(struct ui_pager *p)
{
	ui_pager_stop_conversion(p);
	ui_pager_lines_free(p);
	render_done(&p->render);
	free(p->short_id);
	free(p->search);
	free(p->doc_text);
	free(p->doc_error);
	free(p->text_error);
	free(p->doc_view_heading);
	free(p->doc_view_title);
	free(p->doc_view_text);
	memset(p, 0, sizeof *p);
}

static void
ui_pager_push(struct ui_pager *p, const char *text, int kind)
{
	p->lines = xreallocarray(p->lines, p->n + 1, sizeof *p->lines);
	p->kinds = xreallocarray(p->kinds, p->n + 1, sizeof *p->kinds);
	p->lines[p->n] = xstrdup(text);
	p->kinds[p->n++] = (unsigned char)kind;
}

/* Wraps one line of (sanitised) text into width columns, at spaces when
 * it can, never inside a character; continuation lines get indent. */
static void
ui_pager_wrap(struct ui_pager *p, const char *text, int width, int indent,
    int kind)
{
	const char *s = text;
	bool first = true;

	if (width < 10)
		width = 10;
	do {
		int room = first ? width : width - indent;
		size_t n = utf8_prefix_bytes(s, room), cut = n;
		char *piece;

		if (s[n] != '\0') {
			while (cut > 0 && s[cut - 1] != ' ')
				cut--;
			if (cut == 0)
				cut = n;
		}
		piece = first ? xstrndup(s, cut) :
		    xasprintf("%*s%.*s", indent, "", (int)cut, s);
		ui_pager_push(p, piece, kind);
		free(piece);
		s += cut;
		while (*s == ' ')
			s++;
		first = false;
	} while (*s != '\0');
}

/* Lays the message out for the current width. */
void
ui_pager_layout(struct ui *ui)
{
	struct ui_pager *p = &ui->pager;
	int width = ui->cols - 1;
	size_t i;
	char *line, *clean, *save, *tok;

	if (p->doc_view_text != NULL) {
		ui_pager_layout_text(ui);
		return;
	}
	if (p->short_id == NULL)
		return;
	ui_pager_lines_free(p);
	for (i = 0; i < p->render.n; i++) {
		const struct render_line *l = &p->render.lines[i];

		switch (l->kind) {
		case RENDER_FIELD:
			line = xasprintf("%*s%-*s %s", l->indent, "",
			    PAGER_LABEL_COLS - 1, l->label ? l->label : "",
			    l->text);
			ui_pager_wrap(p, line, width, l->indent +
			    PAGER_LABEL_COLS, RENDER_FIELD);
			free(line);
			break;
		case RENDER_BLANK:
			ui_pager_push(p, "", RENDER_BLANK);
			break;
		default:
			line = xasprintf("%*s%s", l->indent, "", l->text);
			ui_pager_wrap(p, line, width, l->indent, (int)l->kind);
			free(line);
			break;
		}
	}
	if (p->loading) {
		ui_pager_push(p, "", RENDER_BLANK);
		ui_pager_push(p, _("Fetching the content..."), RENDER_NOTICE);
	}
	if (p->text_error != NULL) {
		ui_pager_push(p, "", RENDER_BLANK);
		clean = sanitize_text(p->text_error, 0);
		ui_pager_wrap(p, clean, width, 0, RENDER_NOTICE);
		free(clean);
	}
	if (p->doc_error != NULL) {
		ui_pager_push(p, "", RENDER_BLANK);
		clean = sanitize_text(p->doc_error, 0);
		ui_pager_wrap(p, clean, width, 0, RENDER_NOTICE);
		free(clean);
	}
	if (p->doc_text != NULL) {
		ui_pager_push(p, "", RENDER_BLANK);
		ui_pager_push(p, _("Main document, as text:"), RENDER_HEADING);
		clean = sanitize_text(p->doc_text, SANITIZE_KEEP_NEWLINES);
		for (tok = clean; tok != NULL; tok = save) {
			if ((save = strchr(tok, '\n')) != NULL)
				*save++ = '\0';
			ui_pager_wrap(p, tok, width, 0, RENDER_TEXT);
		}
		free(clean);
	}
	if (p->top >= p->n)
		p->top = p->n ? p->n - 1 : 0;
}

/* Renders the entry again (after the body or read status changed). */
static void
ui_pager_rerender(struct ui *ui)
{
	struct mailbox_entry *en = ui_pager_entry(ui);
	const struct ebox_organization *org;
	struct ebox_source *src;
	struct render_opts o;

	if (en == NULL)
		return;
	memset(&o, 0, sizeof o);
	src = ebox_client_source(ui->app->client, en->msg->provider_id ?
	    en->msg->provider_id : "");
	if (src != NULL && (org = ebox_organization_of(ui->app->client, src,
	    en->msg->sender_org_id)) != NULL)
		o.sender_long = tstring_pick(&org->long_name, ui->app->lang, NULL);
	o.lang = ui->pager.lang[0] ? ui->pager.lang : ui->app->lang;
	/* L shows another language: the marker still says which. */
	o.preferred = ui->app->lang;
	o.now = ui->app->mb.now;
	o.expiring_days = ui->app->mb.expiring_days;
	o.body_withheld = ui->pager.withheld && en->msg->body_main;
	render_done(&ui->pager.render);
	render_message(en, &o, &ui->pager.render);
	ui_pager_layout(ui);
	ui->dirty |= UI_DIRTY_VIEW;
}

/* --- fetching the content ------------------------------------------------- */

struct pager_fetch {
	struct ui *ui;
	char *short_id;
	char *path;             /* temporary copy of the main document */
	char *media_type;
	char *digest;           /* announced, or NULL */
	char *file_name;        /* for the receipt of registered mail */
	int fd;
};

static void
pager_fetch_free(struct pager_fetch *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->path != NULL)
		unlink(f->path);
	free(f->path);
	free(f->media_type);
	free(f->digest);
	free(f->file_name);
	free(f->short_id);
	free(f);
}

/* Still showing the message this answer is for? */
static bool
pager_fetch_current(struct pager_fetch *f)
{
	return f->ui->pager.short_id != NULL &&
	    strcmp(f->ui->pager.short_id, f->short_id) == 0;
}

static void
ui_pager_body_landed(struct ebox_source *src, struct tstring *body,
    const struct err *e, void *ud)
{
	struct pager_fetch *f = ud;
	struct ui *ui = f->ui;
	struct err fe;
	struct mailbox_entry *en = mailbox_find(&ui->app->mb, f->short_id, &fe);

	ui->reading--;
	if (en != NULL && body != NULL) {
		app_set_body(ui->app, en, body);
		if (en->msg->body_main &&       /* the server counts this */
		    app_main_fetched(ui->app, en, NULL, NULL, &fe) != 0)
			ui_error(ui, "%s", fe.msg);
	} else if (e != NULL && e->code != ERR_NOTFOUND) {
		/* In the view it concerns, where the reader is looking. */
		if (pager_fetch_current(f)) {
			free(ui->pager.text_error);
			ui->pager.text_error = xasprintf(_("(The text of this "
			    "message could not be fetched: %s. Press q, then "
			    "Enter to try again.)"), e->msg);
		}
		ui_error(ui, "%s", e->msg);
	}
	if (pager_fetch_current(f)) {
		ui->pager.loading = ui->reading > 0 && ui->pager.loading &&
		    en != NULL && !en->msg->body_main && en->msg->n_attachments;
		ui_pager_rerender(ui);
	}
	pager_fetch_free(f);
	ui->dirty |= UI_DIRTY_STATUS;
}

/* The main document as text, converted in the background. */
static void
ui_pager_text_ready(char *text, size_t len, const struct err *e, void *ud)
{
	struct ui *ui = ud;
	struct ui_pager *p = &ui->pager;

	p->conv = NULL;
	ui_pager_conv_clear(p);
	xfree(&p->doc_text);
	xfree(&p->doc_error);
	if (e != NULL) {
		p->doc_error = xasprintf(_("(This document cannot be shown as "
		    "text: %s. Press v, then o to open it with its viewer, or s "
		    "to save it.)"), e->msg);
		free(text);
	} else
		p->doc_text = text;
	p->loading = false;
	ui_pager_rerender(ui);
	ui->dirty |= UI_DIRTY_STATUS;
}

/* Shows the file at path as text, converted in the background (keys go
 * on meanwhile); remove: a temporary copy, deleted after. */
static void
ui_pager_convert(struct ui *ui, char *path, const char *media_type,
    bool remove)
{
	struct ui_pager *p = &ui->pager;

	ui_pager_stop_conversion(p);
	p->conv_path = path;
	p->conv_remove = remove;
	p->loading = true;
	p->conv = convert_text(ui->app->net, &ui->mailcap, p->conv_path,
	    media_type, ui_pager_text_ready, ui);
}

/* The main document came: verified, it is kept in the store (moved
 * there, no copy) and shown from there. */
static void
ui_pager_doc_landed(struct ebox_source *src, int64_t bytes,
    const unsigned char sha256[32], const struct err *e, void *ud)
{
	struct pager_fetch *f = ud;
	struct ui *ui = f->ui;
	struct err fe;
	struct mailbox_entry *en = mailbox_find(&ui->app->mb, f->short_id, &fe);
	const struct ebox_attachment *att;
	char *got = NULL, *kept = NULL;
	bool current = pager_fetch_current(f);

	ui->reading--;
	if (e == NULL && en != NULL &&  /* main content fetched */
	    app_main_fetched(ui->app, en, f->file_name, sha256, &fe) != 0)
		ui_error(ui, "%s", fe.msg);
	if (e != NULL) {
		ui_error(ui, "%s", e->msg);
	} else if (f->digest != NULL && !text_digest_equal(got =
	    text_base64url(sha256, 32), f->digest)) {
		/* Finding 8: what is shown and fed to a converter is checked
		 * like what is saved. */
		if (current) {
			xfree(&ui->pager.doc_text);
			free(ui->pager.doc_error);
			ui->pager.doc_error = xstrdup(_("(The main document does "
			    "not match the digest its sender announced: it was "
			    "damaged or changed on the way, so it is not shown.)"));
		}
		ui_error(ui, _("The main document does not match its announced "
		    "digest; it is not shown."));
	} else {
		close(f->fd);
		f->fd = -1;
		if (en != NULL && (att = ebox_message_main(en->msg)) != NULL &&
		    app_document_keep(ui->app, en, att, f->path, true, sha256,
		    bytes, &fe) == 0 && app_document_find(ui->app, en, att,
		    &kept, &fe) == 0)
			xfree(&f->path);        /* moved into the store */
		else if (en != NULL)
			log_msg("pager: the document was not kept: %s", fe.msg);
		if (current && kept != NULL)
			ui_pager_convert(ui, kept, f->media_type, false);
		else if (current) {
			ui_pager_convert(ui, f->path, f->media_type, true);
			f->path = NULL;
		} else
			free(kept);
	}
	free(got);
	if (current && ui->pager.conv == NULL) {
		ui->pager.loading = false;
		ui_pager_rerender(ui);
	}
	pager_fetch_free(f);
	ui->dirty |= UI_DIRTY_STATUS;
}

static struct pager_fetch *
pager_fetch_new(struct ui *ui, const struct mailbox_entry *en)
{
	struct pager_fetch *f = xcalloc(1, sizeof *f);

	f->ui = ui;
	f->short_id = xstrdup(en->short_id);
	f->fd = -1;
	return f;
}

/* Downloads the main document into the store's directory (a private
 * part file, kept once verified) and shows it as text. */
static void
ui_pager_fetch_document(struct ui *ui, struct ebox_source *src,
    const struct mailbox_entry *en, const struct ebox_attachment *a)
{
	struct pager_fetch *f = pager_fetch_new(ui, en);
	struct err e;

	if ((f->path = app_document_tmp(ui->app, &f->fd, &e)) == NULL) {
		ui_error(ui, "%s", e.msg);
		pager_fetch_free(f);
		return;
	}
	f->media_type = xstrdup(a->media_type);
	f->digest = xstrdup(a->digest_value);
	f->file_name = xstrdup(a->file_name != NULL ? a->file_name : "?");
	ui->reading++;
	ui->pager.loading = true;
	ebox_download(ui->app->client, src, en->msg->id, a, f->fd, NULL,
	    ui_pager_doc_landed, f);
}

/* What the pager needs and the store lacks: the text, the main document
 * (a kept document opens at once, offline too). */
static void
ui_pager_fetch(struct ui *ui, struct mailbox_entry *en)
{
	const struct ebox_attachment *main_doc;
	struct ebox_source *src;
	struct err e;
	char *kept = NULL;
	bool want_body, want_doc;

	if (app_message(ui->app, en, &e) == NULL) {
		ui_error(ui, "%s", e.msg);
		return;
	}
	main_doc = ebox_message_main(en->msg);
	/* The text of a message that is not body-main is not its main
	 * content: it may always be read. */
	want_body = !en->msg->has_body &&
	    (!ui->pager.withheld || !en->msg->body_main);
	want_doc = !ui->pager.withheld && main_doc != NULL &&
	    main_doc->id != NULL;
	if (want_doc && app_document_find(ui->app, en, main_doc, &kept,
	    &e) == 0) {
		ui_pager_convert(ui, kept, main_doc->media_type, false);
		want_doc = false;
	}
	if (!want_body && !want_doc)
		return;
	if ((src = app_source(ui->app, en, &e)) == NULL) {
		free(ui->pager.doc_error);
		ui->pager.doc_error = xasprintf(_("(Offline: %s.)"), e.msg);
		return;
	}
	if (want_body) {
		ui->reading++;
		ui->pager.loading = true;
		ebox_get_body(ui->app->client, src, en->msg->id,
		    ui_pager_body_landed, pager_fetch_new(ui, en));
	}
	if (want_doc)
		ui_pager_fetch_document(ui, src, en, main_doc);
}

void
ui_pager_open(struct ui *ui, struct mailbox_entry *en, bool confirmed)
{
	char *id = xstrdup(en->short_id);

	ui_pager_done(&ui->pager);
	ui->pager.short_id = id;
	ui->pager.withheld = !confirmed;
	ui->view = VIEW_PAGER;
	ui_pager_fetch(ui, en);
	ui_pager_rerender(ui);
	free(ui->msg);
	ui->msg = NULL;
	if (!confirmed)
		ui_message(ui, _("Showing the details only: the content was not "
		    "opened and the message stays unread."));
	ui->dirty |= UI_DIRTY_ALL;
}

/* Shows any text (a document as text) in the pager. */
/* The lines of a document shown as text. */
static void
ui_pager_layout_text(struct ui *ui)
{
	struct ui_pager *p = &ui->pager;
	char *clean, *tok, *save;

	ui_pager_lines_free(p);
	ui_pager_push(p, p->doc_view_title, RENDER_HEADING);
	ui_pager_push(p, "", RENDER_BLANK);
	clean = sanitize_text(p->doc_view_text, SANITIZE_KEEP_NEWLINES);
	for (tok = clean; tok != NULL; tok = save) {
		if ((save = strchr(tok, '\n')) != NULL)
			*save++ = '\0';
		ui_pager_wrap(p, tok, ui->cols - 1, 0, RENDER_TEXT);
	}
	free(clean);
}

void
ui_pager_show_titled(struct ui *ui, const char *heading, const char *title,
    const char *text)
{
	struct ui_pager *p = &ui->pager;

	if (p->doc_view_text == NULL)
		p->msg_top = p->top;
	free(p->doc_view_heading);
	free(p->doc_view_title);
	free(p->doc_view_text);
	p->doc_view_heading = xstrdup(heading);
	p->doc_view_title = xstrdup(title);
	p->doc_view_text = xstrdup(text);
	p->doc_view_back = ui->view;
	p->top = 0;
	ui_pager_layout_text(ui);
	ui->view = VIEW_PAGER;
	ui->dirty |= UI_DIRTY_ALL;
}

void
ui_pager_show_text(struct ui *ui, const char *title, const char *text)
{
	char *heading = xasprintf(_("Document as text: %s"), title);

	ui_pager_show_titled(ui, heading, title, text);
	free(heading);
}

bool
ui_pager_close_text(struct ui *ui)
{
	struct ui_pager *p = &ui->pager;

	if (p->doc_view_text == NULL)
		return false;
	xfree(&p->doc_view_heading);
	xfree(&p->doc_view_title);
	xfree(&p->doc_view_text);
	p->top = p->msg_top;
	ui_pager_layout(ui);
	ui->dirty |= UI_DIRTY_ALL;
	return true;
}

/* --- drawing and motion ---------------------------------------------------- */

static const enum theme_element pager_elements[] = {
	[RENDER_FIELD] = THEME_HEADER_VALUE,
	[RENDER_HEADING] = THEME_HEADER_LABEL,
	[RENDER_NOTICE] = THEME_NOTICE,
	[RENDER_TEXT] = THEME_BODY,
	[RENDER_DOCUMENT] = THEME_BODY,
	[RENDER_BLANK] = THEME_NORMAL,
};

static void
ui_pager_draw(struct ui *ui)
{
	struct ui_pager *p = &ui->pager;
	int rows = ui_body_rows(ui), y;

	for (y = 0; y < rows; y++) {
		size_t i = p->top + (size_t)y;
		enum theme_element el = THEME_NORMAL;

		if (i < p->n) {
			el = pager_elements[p->kinds[i]];
			if (p->search != NULL && *p->search != '\0' &&
			    text_contains_folded(p->lines[i], p->search))
				el = THEME_SEARCH;
		}
		ui_draw_text(UI_BODY_Y + y, 0, i < p->n ? p->lines[i] :
		    (i == p->n && y > 0 ? _("~ end") : ""),
		    ui->cols, el);
	}
}

static void
ui_pager_cursor(struct ui *ui, int *y, int *x)
{
	*y = UI_BODY_Y;
	*x = 0;
}

static int
ui_pager_move(struct ui *ui, enum ui_motion m, int count)
{
	struct ui_pager *p = &ui->pager;
	size_t rows = (size_t)ui_body_rows(ui);
	size_t last = p->n > rows ? p->n - rows : 0;
	size_t top = ui_motion(p->top, last + 1, m, count, (int)rows);

	if (top == p->top) {
		ui_message(ui, m == MOTION_UP || m == MOTION_PAGE_UP ||
		    m == MOTION_FIRST ? _("This is the top.") :
		    _("This is the end. Press q to go back."));
		return UI_DIRTY_LINE;
	}
	p->top = top;
	return UI_DIRTY_VIEW;
}

/* "Message 3 of 61: Tax assessment 2025" (or the title of a text shown
 * in the pager). */
static void
ui_pager_heading(struct ui *ui, struct buf *b)
{
	struct mailbox_entry *en = ui_pager_entry(ui);
	const char *subject;
	long row;

	if (ui->pager.doc_view_heading != NULL || en == NULL) {
		buf_puts(b, ui->pager.doc_view_heading ?
		    ui->pager.doc_view_heading : "");
		return;
	}
	subject = tstring_pick(&en->msg->subject, ui->pager.lang[0] ?
	    ui->pager.lang : ui->app->lang, NULL);
	row = mailbox_view_row(&ui->mv, mailbox_index(&ui->app->mb, en));
	if (row >= 0)
		buf_printf(b, _("Message %ld of %zu: %s"), row + 1, ui->mv.n,
		    subject ? subject : _("(no subject)"));
	else
		buf_printf(b, _("Message: %s"), subject ? subject :
		    _("(no subject)"));
}

const struct view ui_view_pager = {
	.id = VIEW_PAGER, .name = "pager", .title = N_("Message"),
	.draw = ui_pager_draw, .cursor = ui_pager_cursor, .motion = ui_pager_move,
	.heading = ui_pager_heading,
};

/* --- search ---------------------------------------------------------------- */

int
ui_pager_search_again(struct ui *ui, int dir)
{
	struct ui_pager *p = &ui->pager;
	size_t i, n = p->n;

	if (ui->view != VIEW_PAGER) {
		ui_error(ui, _("Search works in the index and the message view."));
		return UI_DIRTY_LINE;
	}
	if (p->search == NULL || *p->search == '\0') {
		ui_error(ui, _("No search yet: press / to search."));
		return UI_DIRTY_LINE;
	}
	for (i = 1; i <= n; i++) {
		size_t line = dir > 0 ? (p->top + i) % n : (p->top + n - i) % n;

		if (text_contains_folded(p->lines[line], p->search)) {
			if ((dir > 0) != (line > p->top))
				ui_message(ui, _("Search wrapped around."));
			p->top = line;
			return UI_DIRTY_VIEW | UI_DIRTY_LINE;
		}
	}
	ui_error(ui, _("Not found: %s"), p->search);
	return UI_DIRTY_LINE;
}

static int
ui_pager_search_answer(struct ui *ui, const char *answer, void *ud)
{
	if (answer == NULL || *answer == '\0')
		return UI_DIRTY_LINE;
	free(ui->pager.search);
	ui->pager.search = xstrdup(answer);
	/* A new search starts at the top line itself. */
	for (size_t i = ui->pager.top; i < ui->pager.n; i++) {
		if (text_contains_folded(ui->pager.lines[i], answer)) {
			ui->pager.top = i;
			return UI_DIRTY_VIEW;
		}
	}
	return ui_pager_search_again(ui, 1);      /* wraps, and says so */
}

int
ui_pager_search_prompt(struct ui *ui)
{
	if (ui->view != VIEW_PAGER) {
		ui_error(ui, _("Search works in the index and the message view."));
		return UI_DIRTY_LINE;
	}
	ui_prompt_text(ui, _("Search in message:"), NULL, HIST_SEARCH,
	    ui_pager_search_answer, NULL);
	return UI_DIRTY_LINE;
}

/* --- next / previous message ------------------------------------------------ */

static int
ui_pager_step(struct ui *ui, int dir)
{
	if ((dir > 0 && ui->sel + 1 >= ui->mv.n) || (dir < 0 && ui->sel == 0)) {
		ui_message(ui, "%s", dir > 0 ? _("This is the last message.") :
		    _("This is the first message."));
		return UI_DIRTY_LINE;
	}
	ui_index_select_row(ui, dir > 0 ? ui->sel + 1 : ui->sel - 1);
	return op_open_message(ui, 0);
}

/* L: the next language the sender wrote this message in (subject or
 * text), so a bilingual reader can compare. */
int
op_cycle_language(struct ui *ui, int count)
{
	struct mailbox_entry *en = ui_pager_entry(ui);
	const char *cur = ui->pager.lang[0] ? ui->pager.lang : ui->app->lang;
	size_t i, start = 0;

	if (en == NULL)
		return UI_DIRTY_NONE;
	for (i = 0; i < 4; i++) {
		if (strcmp(tstring_langs[i], cur) == 0)
			start = i;
	}
	for (i = 1; i <= 4; i++) {
		const char *l = tstring_langs[(start + i) % 4];
		char **subj = tstring_slot(&en->msg->subject, l);
		char **body = tstring_slot(&en->msg->body, l);

		if ((subj && *subj && **subj) || (body && *body && **body)) {
			snprintf(ui->pager.lang, sizeof ui->pager.lang, "%s", l);
			ui_pager_rerender(ui);
			ui_message(ui, _("Showing the message in %s."),
			    i18n_lang_name(l));
			return UI_DIRTY_VIEW | UI_DIRTY_LINE;
		}
	}
	ui_message(ui, _("This message has no other language."));
	return UI_DIRTY_LINE;
}

int
op_next_message(struct ui *ui, int count)
{
	return ui_pager_step(ui, 1);
}

int
op_previous_message(struct ui *ui, int count)
{
	return ui_pager_step(ui, -1);
}
