/* ui-attach.c - the documents of a message: the list, the safe save in
 * the background (progress on the status line, Esc cancels), reading a
 * document as text, opening it with its mailcap viewer, piping it to a
 * command.
 *
 * Saving is the same safe save as `ebox-tui save`: NAME.part (0600),
 * SHA-256 on the way, checked against the announced digest, then renamed
 * to a free name.  Viewing uses a private temporary copy that is removed
 * afterwards.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/copy.h"
#include "ebox/log.h"
#include "ebox/doctext.h"
#include "ebox/mailcap.h"
#include "ebox/safefile.h"
#include "ebox/sanitize.h"
#include "ebox/spawn.h"
#include "ebox/text.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"
#include "ui.h"
#include "ui-ops.h"
#include "ui-theme.h"

enum save_purpose { SAVE_KEEP, SAVE_VIEW_TEXT, SAVE_OPEN, SAVE_PIPE };

struct ui_save {
	struct ui *ui;
	struct ui_save *next;
	enum save_purpose purpose;
	char *short_id;
	char *name;             /* file name, for messages */
	char *digest;           /* announced digest, or NULL */
	char *media_type;
	char *command;          /* SAVE_PIPE */
	struct safefile file;   /* SAVE_KEEP */
	char *tmp;              /* the other purposes: a temporary copy */
	int fd;
	bool main_content;
	bool to_store;          /* tmp is a part file of the store: kept
	                           once verified, then used from there */
	char *attachment_id;    /* which document of the message */
	struct auth_call *call; /* the download, or */
	struct copy *copy;      /* the copy from the store */
};

/* The message the documents view is about: the one in the pager when the
 * view was opened from there, else the selected one. */
static struct mailbox_entry *
ui_attach_entry(struct ui *ui)
{
	struct mailbox_entry *en;
	struct err e;

	if (ui->attach_from == VIEW_PAGER && ui->pager.short_id != NULL)
		en = mailbox_find(&ui->app->mb, ui->pager.short_id, &e);
	else
		en = ui_index_selected(ui);
	/* The documents are in the whole message (the store has it). */
	if (en != NULL && app_message(ui->app, en, &e) == NULL) {
		log_msg("attach: %s", e.msg);
		return NULL;
	}
	return en;
}

/* --- the list -------------------------------------------------------------- */

static void
ui_attach_draw(struct ui *ui)
{
	struct mailbox_entry *en = ui_attach_entry(ui);
	int rows = ui_body_rows(ui), y;
	struct render_opts o;
	struct render r;
	const char *subject;

	if (en == NULL)
		return;
	subject = tstring_pick(&en->msg->subject, ui->app->lang, NULL);
	ui_draw_text(UI_BODY_Y, 0, subject ? subject : "", ui->cols,
	    THEME_HEADER_LABEL);
	/* The lines the message view shows for its documents (render.c:
	 * names, kinds and sizes in the reader's language), one per row. */
	memset(&o, 0, sizeof o);
	o.lang = ui->app->lang;
	o.now = ui->app->mb.now;
	o.expiring_days = ui->app->mb.expiring_days;
	render_message(en, &o, &r);
	for (y = 1; y < rows; y++) {
		size_t i = (size_t)(y - 1), k;
		char *line = NULL;

		for (k = 0; k < r.n && line == NULL; k++) {
			if (r.lines[k].kind == RENDER_DOCUMENT &&
			    r.lines[k].doc == (int)i)
				line = xasprintf("%s%s", i == ui->attach_sel ?
				    ">" : " ", r.lines[k].text);
		}
		if (line == NULL && i == 0)
			line = xstrdup(_("  This message has no documents: its "
			    "content is its text."));
		ui_draw_text(UI_BODY_Y + y, 0, line ? line : "", ui->cols,
		    i == ui->attach_sel && line ? THEME_INDICATOR : THEME_NORMAL);
		free(line);
	}
	render_done(&r);
}

static void
ui_attach_cursor(struct ui *ui, int *y, int *x)
{
	*y = UI_BODY_Y + 1 + (int)ui->attach_sel;
	*x = 0;
}

static int
ui_attach_move(struct ui *ui, enum ui_motion m, int count)
{
	struct mailbox_entry *en = ui_attach_entry(ui);

	if (en == NULL)
		return UI_DIRTY_NONE;
	ui->attach_sel = ui_motion(ui->attach_sel, en->msg->n_attachments, m,
	    count, ui_body_rows(ui) - 1);
	return UI_DIRTY_VIEW;
}

/* "Documents of "Tax assessment 2025": 2". */
static void
ui_attach_heading(struct ui *ui, struct buf *b)
{
	struct mailbox_entry *en = ui_attach_entry(ui);
	const char *subject;

	if (en == NULL) {
		buf_puts(b, _("Documents"));
		return;
	}
	subject = tstring_pick(&en->msg->subject, ui->app->lang, NULL);
	buf_printf(b, ngettext("%zu document of \"%s\"",
	    "%zu documents of \"%s\"", en->msg->n_attachments),
	    en->msg->n_attachments, subject ? subject : _("(no subject)"));
}

const struct view ui_view_attach = {
	.id = VIEW_ATTACH, .name = "attach", .title = N_("Documents"),
	.draw = ui_attach_draw, .cursor = ui_attach_cursor,
	.motion = ui_attach_move,
	.heading = ui_attach_heading,
};

struct ui_attach_ask;
static int ui_attach_act(struct ui *ui, struct mailbox_entry *en,
    struct ui_attach_ask *ask);

/* --- downloads ------------------------------------------------------------- */

static void
ui_save_unlink(struct ui *ui, struct ui_save *sv)
{
	struct ui_save **pp;

	for (pp = &ui->saves; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == sv) {
			*pp = sv->next;
			break;
		}
	}
}

static void
ui_save_free(struct ui_save *sv)
{
	safefile_done(&sv->file);
	if (sv->fd >= 0)
		close(sv->fd);
	if (sv->tmp != NULL)
		unlink(sv->tmp);
	free(sv->tmp);
	free(sv->attachment_id);
	free(sv->short_id);
	free(sv->name);
	free(sv->digest);
	free(sv->media_type);
	free(sv->command);
	free(sv);
}

static void
ui_save_progress(int64_t done, int64_t total, void *ud)
{
	struct ui_save *sv = ud;
	struct ui *ui = sv->ui;

	char got[64], all[64];

	free(ui->progress);
	text_size(got, sizeof got, (double)done);
	if (total > 0) {
		text_size(all, sizeof all, (double)total);
		ui->progress = xasprintf(_("saving %s: %s of %s"), sv->name, got,
		    all);
	} else
		ui->progress = xasprintf(_("saving %s: %s"), sv->name, got);
	ui->dirty |= UI_DIRTY_STATUS;
}

/* A document converted to text in the background: shown in the pager if
 * the documents view is still where the user is. */
static void
ui_attach_text_ready(char *text, size_t len, const struct err *e, void *ud)
{
	struct ui_bg *b = ud;
	struct ui *ui = b->ui;

	if (!b->kept)
		unlink(b->tmp);
	if (e != NULL)
		ui_error(ui, "%s", e->msg);
	else if (ui->view != VIEW_ATTACH)
		ui_message(ui, _("The text of %s is ready, but you left the "
		    "documents view: press Enter there to read it."), b->name);
	else {
		ui->back_view = VIEW_ATTACH;
		ui_pager_show_text(ui, b->name, text);
		ui_note_done(ui, "read");       /* "Reading ... as text" */
	}
	free(text);
	ui_bg_free(ui, b);
	ui->dirty |= UI_DIRTY_ALL;
}

static void
ui_attach_viewer_started(struct job *j, struct spawn_result *r,
    const struct err *e, void *ud)
{
	struct ui *ui = ud;

	if (e != NULL && e->code != ERR_CANCELLED)
		ui_error(ui, "%s", e->msg);
}

/* The viewer of a document: a terminal program gets the terminal from
 * the top of the loop; a graphical one starts detached and the inbox
 * goes on.  Its copy stays in the private directory until ebox-tui
 * quits: such viewers often open the file long after they started. */
static void
ui_attach_viewer_found(struct mailcap_entry *me, void *ud)
{
	struct ui_bg *b = ud;
	struct ui *ui = b->ui;
	struct spawn_opts o;
	struct err e;
	char *cmd;

	err_clear(&e);
	if (me == NULL) {
		ui_error(ui, _("No viewer for %s: add one to ~/.mailcap, or "
		    "press Enter to read it as text."), b->media_type);
		unlink(b->tmp);
	} else if ((cmd = mailcap_command(me, b->tmp, b->media_type,
	    &e)) == NULL) {
		ui_error(ui, "%s", e.msg);
		unlink(b->tmp);
	} else {
		const char *in = (me->flags & MAILCAP_STDIN) ? b->tmp : NULL;

		if (me->flags & MAILCAP_NEEDSTERMINAL)
			ui_foreground(ui, cmd, in, false, NULL);
		else {
			memset(&o, 0, sizeof o);
			o.shell = cmd;
			o.stdin_path = in;
			o.detach = true;
			o.name = _("the viewer");
			if (job_start(ui->app->net, &o, ui_attach_viewer_started,
			    ui, &e) == NULL)
				ui_error(ui, "%s", e.msg);
			else
				ui_message(ui, _("Opened %s with its viewer."),
				    b->name);
		}
		free(cmd);
	}
	ui_bg_free(ui, b);
	ui->dirty |= UI_DIRTY_ALL;
}

/* What happens to a downloaded copy: read as text, opened, piped.  The
 * converters and viewers run as jobs: nothing here waits for a child. */
static void
ui_save_use(struct ui *ui, struct ui_save *sv)
{
	struct ui_bg *b;
	char *tmp = sv->tmp;

	sv->tmp = NULL;         /* the copy now belongs to what uses it */
	switch (sv->purpose) {
	case SAVE_VIEW_TEXT:
		b = ui_bg_new(ui, sv->name, sv->media_type, tmp);
		ui_note(ui, "read", _("Reading %s as text..."), sv->name);
		b->conv = convert_text(ui->app->net, &ui->mailcap, b->tmp,
		    sv->media_type, ui_attach_text_ready, b);
		break;
	case SAVE_OPEN:
		b = ui_bg_new(ui, sv->name, sv->media_type, tmp);
		b->conv = convert_find_viewer(ui->app->net, &ui->mailcap,
		    sv->media_type, ui_attach_viewer_found, b);
		break;
	case SAVE_PIPE:
		ui_foreground(ui, sv->command, tmp, true, tmp);
		free(tmp);
		break;
	case SAVE_KEEP:
		sv->tmp = tmp;
		break;
	}
}

static void ui_save_landed(struct ebox_source *src, int64_t bytes,
    const unsigned char sha256[32], const struct err *e, void *ud);
static void ui_save_batch_note(struct ui *ui);

/* The entry's document that sv fetched, or NULL. */
static const struct ebox_attachment *
ui_save_document(const struct ui_save *sv, const struct mailbox_entry *en)
{
	size_t i;

	for (i = 0; en != NULL && sv->attachment_id != NULL &&
	    i < en->msg->n_attachments; i++) {
		if (en->msg->attachments[i].id != NULL &&
		    strcmp(en->msg->attachments[i].id, sv->attachment_id) == 0)
			return &en->msg->attachments[i];
	}
	return NULL;
}

/* The store's copy at kept (owned) used where it is: read as text or
 * piped; nothing to remove afterwards. */
static void
ui_save_use_kept(struct ui *ui, struct ui_save *sv, char *kept)
{
	struct ui_bg *b;

	if (sv->purpose == SAVE_PIPE) {
		ui_foreground(ui, sv->command, kept, true, NULL);
		free(kept);
		return;
	}
	b = ui_bg_new(ui, sv->name, sv->media_type, kept);
	b->kept = true;
	ui_note(ui, "read", _("Reading %s as text..."), sv->name);
	b->conv = convert_text(ui->app->net, &ui->mailcap, b->tmp,
	    sv->media_type, ui_attach_text_ready, b);
}

static void
ui_save_copied(int64_t bytes, const unsigned char sha256[32],
    const struct err *e, void *ud)
{
	struct ui_save *sv = ud;

	sv->copy = NULL;
	ui_save_landed(NULL, bytes, sha256, e, sv);
}

/* Copies the store's copy at kept into sv's file, in slices from the
 * loop; -1 (sv untouched) when it cannot start. */
static int
ui_save_copy(struct ui *ui, struct ui_save *sv, const char *kept)
{
	struct err e;

	sv->copy = copy_start(ui->app->net, kept, sv->purpose == SAVE_KEEP ?
	    sv->file.fd : sv->fd, ui_save_progress, ui_save_copied, sv, &e);
	if (sv->copy == NULL) {
		ui_error(ui, "%s", e.msg);
		return -1;
	}
	return 0;
}

/* A download into the store's part file, verified: kept, then used.
 * Returns true when sv goes on (a copy for a viewer started). */
static bool
ui_save_into_store(struct ui *ui, struct ui_save *sv, int64_t bytes,
    const unsigned char sha256[32])
{
	struct mailbox_entry *en;
	const struct ebox_attachment *a;
	struct err e;
	char *kept = NULL;

	close(sv->fd);
	sv->fd = -1;
	en = mailbox_find(&ui->app->mb, sv->short_id, &e);
	if ((a = ui_save_document(sv, en)) == NULL || app_document_keep(ui->app, en, a, sv->tmp, true,
	    sha256, bytes, &e) != 0 || app_document_find(ui->app, en, a,
	    &kept, &e) != 0) {
		/* Not kept (a message the store lacks, a full disk): the
		 * part file serves as a temporary copy. */
		log_msg("attach: %s not kept: %s", sv->name,
		    a == NULL ? "gone" : e.msg);
		ui_save_use(ui, sv);
		return false;
	}
	xfree(&sv->tmp);        /* moved into the store */
	sv->to_store = false;
	if (sv->purpose != SAVE_OPEN) {
		ui_save_use_kept(ui, sv, kept);
		return false;
	}
	/* A viewer gets a copy named like the document (viewers look at
	 * the extension), in the private directory. */
	if ((sv->tmp = ui_tmp_file(ui, sv->name, &sv->fd)) == NULL ||
	    ui_save_copy(ui, sv, kept) != 0) {
		free(kept);
		return false;
	}
	free(kept);
	sv->next = ui->saves;
	ui->saves = sv;
	ui->busy++;
	return true;
}

/* A saved download is kept in the store as well (a hard link when the
 * two are on one file system): it opens offline, and survives the
 * message's expiry. */
static void
ui_save_keep(struct ui *ui, struct ui_save *sv, struct mailbox_entry *en,
    const unsigned char sha256[32], int64_t bytes)
{
	const struct ebox_attachment *a = ui_save_document(sv, en);
	struct err e;

	if (a != NULL && app_document_keep(ui->app, en, a,
	    sv->file.final_path, false, sha256, bytes, &e) != 0)
		log_msg("attach: %s not kept: %s", sv->name, e.msg);
}

static void
ui_save_landed(struct ebox_source *src, int64_t bytes,
    const unsigned char sha256[32], const struct err *e, void *ud)
{
	struct ui_save *sv = ud;
	struct ui *ui = sv->ui;
	struct err fe, ce;
	struct mailbox_entry *en;
	char *got = NULL;
	bool fetched = src != NULL;     /* from the server, not the store */

	ui->busy--;
	ui_save_unlink(ui, sv);
	xfree(&ui->progress);
	ui->dirty |= UI_DIRTY_STATUS | UI_DIRTY_VIEW;
	err_clear(&ce);
	if (e != NULL) {
		ce = *e;
	} else if (sv->digest != NULL && !text_digest_equal(got =
	    text_base64url(sha256, 32), sv->digest)) {
		err_set(&ce, ERR_INTEGRITY, _("%s: the digest does not match what "
		    "the sender announced; nothing was kept"), sv->name);
	}
	free(got);
	en = mailbox_find(&ui->app->mb, sv->short_id, &fe);
	if (fetched && sv->main_content && e == NULL && en != NULL &&
	    app_main_fetched(ui->app, en, sv->name, sha256, &fe) != 0)
		ui_error(ui, "%s", fe.msg);     /* main content fetched */
	if (ce.code != 0) {
		safefile_abort(&sv->file);
		if (sv->purpose == SAVE_KEEP)
			ui->save_batch.failed++;
		ui_note_error(ui, sv->purpose == SAVE_KEEP ? NULL : "read", "%s",
		    ce.code == ERR_CANCELLED ? _("Cancelled: nothing was kept.") :
		    ce.msg);
		ui_save_batch_note(ui);
	} else if (sv->purpose == SAVE_KEEP) {
		if (safefile_commit(&sv->file, 0, &ce) != 0) {
			ui->save_batch.failed++;
			ui_note_error(ui, NULL, "%s", ce.msg);
		} else {
			ui->save_batch.done++;
			/* One save says so; of several, each goes to the
			 * log and the line counts them. */
			char *said = sv->digest ?
			    xasprintf(_("Saved %s (digest verified)."),
			    sv->file.final_path) :
			    xasprintf(_("Saved %s (no digest announced, not "
			    "verified)."), sv->file.final_path);

			if (ui->save_batch.total == 1)
				ui_note(ui, "save", "%s", said);
			else
				ui_log_note(ui, "%s", said);
			free(said);
			if (fetched)
				ui_save_keep(ui, sv, en, sha256, bytes);
		}
		ui_save_batch_note(ui);
	} else if (sv->to_store) {
		if (ui_save_into_store(ui, sv, bytes, sha256))
			return;
	} else
		ui_save_use(ui, sv);
	ui_save_free(sv);
}

/* Several saves at once say how far they are in one line that each
 * replaces: "Documents saved: 3 of 4." (each file is in the log).  The
 * counts stand apart from the nouns, so no language has to agree a word
 * with one number and its plural with the other. */
static void
ui_save_batch_note(struct ui *ui)
{
	size_t total = ui->save_batch.total, done = ui->save_batch.done;
	size_t failed = ui->save_batch.failed;

	if (total < 2)
		return;
	if (done + failed < total)
		ui_note(ui, "save", _("Saving documents: %zu of %zu saved..."),
		    done, total);
	else if (failed == 0)
		ui_note(ui, "save", _("Documents saved: %zu of %zu."), done,
		    total);
	else
		ui_note_error(ui, "save", _("Documents saved: %zu of %zu; failed: "
		    "%zu (M: the log says why)."), done, total, failed);
}

/* Starts fetching document a of en for purpose into sv's open file: from
 * the store when it keeps the document (no network, no new proof of
 * reading), else from the server. */
static void
ui_save_start(struct ui *ui, struct mailbox_entry *en,
    const struct ebox_attachment *a, struct ui_save *sv)
{
	struct ebox_source *src;
	struct err e;
	char *kept = NULL;

	sv->ui = ui;
	if (sv->purpose == SAVE_KEEP) {
		if (ui->saves == NULL || ui->save_batch.done +
		    ui->save_batch.failed >= ui->save_batch.total)
			memset(&ui->save_batch, 0, sizeof ui->save_batch);
		ui->save_batch.total++;
	}
	sv->short_id = xstrdup(en->short_id);
	sv->attachment_id = xstrdup(a->id);
	sv->digest = xstrdup(a->digest_value);
	sv->media_type = xstrdup(a->media_type ? a->media_type :
	    "application/octet-stream");
	sv->main_content = a->main_content;
	if (app_document_find(ui->app, en, a, &kept, &e) == 0) {
		if (ui_save_copy(ui, sv, kept) != 0) {
			free(kept);
			safefile_abort(&sv->file);
			ui_save_free(sv);
			return;
		}
		free(kept);
	} else if ((src = app_source(ui->app, en, &e)) == NULL) {
		ui_error(ui, "%s", e.msg);
		safefile_abort(&sv->file);
		ui_save_free(sv);
		return;
	} else {
		sv->call = ebox_download(ui->app->client, src, en->msg->id, a,
		    sv->purpose == SAVE_KEEP ? sv->file.fd : sv->fd,
		    ui_save_progress, ui_save_landed, sv);
		ui_note(ui, sv->purpose == SAVE_KEEP ? "save" : "read",
		    _("Fetching %s..."), sv->name);
	}
	sv->next = ui->saves;
	ui->saves = sv;
	ui->busy++;
}

char *
ui_attach_prefill(struct ui *ui, const struct ebox_attachment *a)
{
	char *name = sanitize_filename(a->file_name ? a->file_name :
	    "document");
	const char *dir = config_str(&ui->app->cfg, ui->app->acct, "save_dir");
	size_t n = strlen(dir);
	char *path;

	path = xasprintf("%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/",
	    name);
	free(name);
	return path;
}

/* Saves document doc of en to path: into that directory (created if
 * needed) when into_dir, when it ends in '/' or names an existing
 * directory, else under that file name.  Every part of path was typed or
 * accepted by the user: the prompt is prefilled with save_dir and the
 * sanitised name only (ui_attach_prefill), never with server text that
 * could hold "../" (finding 1 of the security review); the last part is
 * sanitised once more by safefile. */
int
ui_attach_save_to(struct ui *ui, struct mailbox_entry *en, size_t doc,
    const char *path, bool into_dir)
{
	const struct ebox_attachment *a = &en->msg->attachments[doc];
	struct ui_save *sv = xcalloc(1, sizeof *sv);
	char *expanded = xdg_expand_home(path), *dir, *name, *d, *b;
	size_t len = strlen(expanded);
	struct stat st;
	struct err e;
	int r;

	sv->fd = -1;
	sv->file.fd = -1;
	sv->purpose = SAVE_KEEP;
	/* A path that names a directory keeps the sender's file name. */
	if (into_dir || (len > 0 && expanded[len - 1] == '/') ||
	    (stat(expanded, &st) == 0 && S_ISDIR(st.st_mode))) {
		while (len > 1 && expanded[len - 1] == '/')
			expanded[--len] = '\0';
		dir = xstrdup(expanded);
		name = xstrdup(a->file_name ? a->file_name : "document");
	} else {
		d = xstrdup(expanded);
		b = xstrdup(expanded);
		dir = xstrdup(dirname(d));
		name = xstrdup(basename(b));
		free(d);
		free(b);
	}
	err_clear(&e);
	if ((r = xdg_mkdirs(dir, 0700)) != 0)
		err_set(&e, ERR_IO, _("cannot create the folder %s: %s"), dir,
		    strerror(-r));
	if (e.code != 0 || safefile_open(&sv->file, dir, name, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		free(dir);
		free(name);
		free(expanded);
		ui_save_free(sv);
		return -1;
	}
	sv->name = xstrdup(name);
	free(dir);
	free(name);
	free(expanded);
	ui_save_start(ui, en, a, sv);
	return 0;
}

int
ui_attach_save(struct ui *ui, struct mailbox_entry *en, int doc,
    const char *dir)
{
	size_t i;

	if (doc >= 0)
		return ui_attach_save_to(ui, en, (size_t)doc, dir, true);
	for (i = 0; i < en->msg->n_attachments; i++) {
		if (en->msg->attachments[i].main_content)
			return ui_attach_save_to(ui, en, i, dir, true);
	}
	ui_error(ui, _("This message has no main document: its content is its "
	    "text."));
	return -1;
}

void
ui_attach_cancel_all(struct ui *ui)
{
	/* Each cancel runs ui_save_landed, which unlinks the save. */
	while (ui->saves != NULL) {
		if (ui->saves->copy != NULL)
			copy_cancel(ui->saves->copy);
		else
			ebox_cancel(ui->app->client, ui->saves->call);
	}
}

/* Downloads document doc of en to a private temporary file for purpose. */
static void
ui_attach_fetch_tmp(struct ui *ui, struct mailbox_entry *en, size_t doc,
    enum save_purpose purpose, const char *command)
{
	const struct ebox_attachment *a = &en->msg->attachments[doc];
	struct ui_save *sv = xcalloc(1, sizeof *sv);
	struct err e;
	char *kept = NULL;

	sv->file.fd = -1;
	sv->fd = -1;
	sv->purpose = purpose;
	sv->command = xstrdup(command);
	sv->name = xstrdup(a->file_name ? a->file_name : "document");
	sv->media_type = xstrdup(a->media_type ? a->media_type :
	    "application/octet-stream");
	if (app_document_find(ui->app, en, a, &kept, &e) == 0 &&
	    purpose != SAVE_OPEN) {
		ui_save_use_kept(ui, sv, kept); /* no copy needed */
		ui_save_free(sv);
		return;
	}
	/* A viewer gets a private copy of a kept document; what is not kept
	 * yet goes to the store first. */
	if (kept != NULL)
		sv->tmp = ui_tmp_file(ui, sv->name, &sv->fd);
	else if ((sv->tmp = app_document_tmp(ui->app, &sv->fd, &e)) == NULL)
		ui_error(ui, "%s", e.msg);
	else
		sv->to_store = true;
	free(kept);
	if (sv->tmp == NULL) {
		ui_save_free(sv);
		return;
	}
	free(sv->media_type);
	sv->media_type = NULL;
	ui_save_start(ui, en, a, sv);
}

/* --- operations ----------------------------------------------------------- */

struct ui_attach_ask {
	enum save_purpose purpose;
	size_t doc;
};

static int
ui_attach_path_answer(struct ui *ui, const char *answer, void *ud)
{
	struct ui_attach_ask *ask = ud;
	struct mailbox_entry *en = ui_attach_entry(ui);

	if (answer != NULL && *answer != '\0' && en != NULL) {
		if (ask->purpose == SAVE_PIPE)
			ui_attach_fetch_tmp(ui, en, ask->doc, SAVE_PIPE, answer);
		else
			ui_attach_save_to(ui, en, ask->doc, answer, false);
	}
	free(ask);
	return UI_DIRTY_ALL;
}

/* Registered mail: fetching the main document is a proof of reading. */
static int
ui_attach_confirmed(struct ui *ui, const char *answer, void *ud)
{
	struct ui_attach_ask *ask = ud;
	struct mailbox_entry *en = ui_attach_entry(ui);

	if (answer == NULL || strcmp(answer, "y") != 0 || en == NULL) {
		free(ask);
		ui_message(ui, _("Not opened: the message stays unread."));
		return UI_DIRTY_LINE;
	}
	return ui_attach_act(ui, en, ask);
}

static int
ui_attach_act(struct ui *ui, struct mailbox_entry *en,
    struct ui_attach_ask *ask)
{
	const struct ebox_attachment *a = &en->msg->attachments[ask->doc];
	char *initial;

	switch (ask->purpose) {
	case SAVE_KEEP:
		initial = ui_attach_prefill(ui, a);
		ui_prompt_text(ui, _("Save to:"), initial, HIST_PATH,
		    ui_attach_path_answer, ask);
		free(initial);
		return UI_DIRTY_LINE;
	case SAVE_PIPE:
		ui_prompt_text(ui, _("Pipe to command:"), NULL, HIST_PIPE,
		    ui_attach_path_answer, ask);
		return UI_DIRTY_LINE;
	default:
		ui_attach_fetch_tmp(ui, en, ask->doc, ask->purpose, NULL);
		free(ask);
		return UI_DIRTY_ALL;
	}
}

/* Checks the selection, asks for registered mail, then acts. */
static int
ui_attach_op(struct ui *ui, enum save_purpose purpose)
{
	struct mailbox_entry *en = ui_attach_entry(ui);
	struct ui_attach_ask *ask;

	if (en == NULL || ui->attach_sel >= en->msg->n_attachments) {
		ui_error(ui, _("No document is selected."));
		return UI_DIRTY_LINE;
	}
	ask = xcalloc(1, sizeof *ask);
	ask->purpose = purpose;
	ask->doc = ui->attach_sel;
	if (en->msg->registered && !en->msg->read &&
	    en->msg->attachments[ask->doc].main_content &&
	    config_bool(&ui->app->cfg, ui->app->acct, "confirm_registered")) {
		ui_prompt_yesno(ui, _("Registered mail: opening it is a legal proof of "
		    "reading. Go ahead?"), ui_attach_confirmed,
		    ask);
		return UI_DIRTY_LINE;
	}
	return ui_attach_act(ui, en, ask);
}

int op_view_text(struct ui *ui, int n) { return ui_attach_op(ui, SAVE_VIEW_TEXT); }
int op_save_attachment(struct ui *ui, int n) { return ui_attach_op(ui, SAVE_KEEP); }
int op_open_attachment(struct ui *ui, int n) { return ui_attach_op(ui, SAVE_OPEN); }
int op_pipe_attachment(struct ui *ui, int n) { return ui_attach_op(ui, SAVE_PIPE); }
