/* ui-actions.c - what the index and the pager do to messages: save, hide
 * and unhide (with undo for the session), move, refresh, and `;` which
 * applies the next of these to every tagged message. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebox/buf.h"
#include "ebox/i18n.h"
#include "ebox/summary.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ui-ops.h"

/* The messages an action works on: the tagged ones after `;`, else the
 * one in the pager or the selected one.  *out is a new array.  Replies
 * you wrote are not at the eBox: no action here applies to them. */
static size_t
ui_targets(struct ui *ui, struct mailbox_entry ***out)
{
	struct mailbox_entry *one;
	struct err e;
	size_t i, n = 0, replies = 0;

	*out = NULL;
	if (ui->tag_prefix) {
		ui->tag_prefix = false;
		*out = xcalloc(ui->app->mb.n ? ui->app->mb.n : 1, sizeof **out);
		for (i = 0; i < ui->app->mb.n; i++) {
			struct mailbox_entry *en = &ui->app->mb.entries[i];

			if (en->tagged && en->sent != MAILBOX_RECEIVED)
				replies++;
			else if (en->tagged)
				(*out)[n++] = en;
		}
		if (n == 0 && replies > 0)
			ui_error(ui, "%s", _("Replies you wrote are not mail at the "
			    "eBox: they cannot be saved, hidden or moved."));
		else if (n == 0)
			ui_error(ui, _("No message is tagged: press t to tag one."));
		return n;
	}
	one = ui->view == VIEW_PAGER && ui->pager.short_id ?
	    mailbox_find(&ui->app->mb, ui->pager.short_id, &e) :
	    ui_index_selected(ui);
	if (one == NULL)
		return 0;
	if (one->sent != MAILBOX_RECEIVED) {
		ui_error(ui, "%s", _("Replies you wrote are not mail at the "
		    "eBox: they cannot be saved, hidden or moved."));
		return 0;
	}
	*out = xcalloc(1, sizeof **out);
	(*out)[0] = one;
	return 1;
}

int
op_tag_prefix(struct ui *ui, int count)
{
	ui->tag_prefix = true;
	ui_message(ui, _("Apply to the tagged messages: s save, S save all, "
	    "d hide, D unhide."));
	return UI_DIRTY_LINE;
}

/* --- save ---------------------------------------------------------------- */

struct ui_batch {
	char **ids;             /* short ids (entries may move meanwhile) */
	size_t n;
	bool all;               /* every document, not only the main one */
};

static void
ui_batch_free(struct ui_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->ids[i]);
	free(b->ids);
	free(b);
}

static struct ui_batch *
ui_batch_new(struct mailbox_entry **en, size_t n, bool all)
{
	struct ui_batch *b = xcalloc(1, sizeof *b);
	size_t i;

	b->ids = xcalloc(n, sizeof *b->ids);
	for (i = 0; i < n; i++)
		b->ids[i] = xstrdup(en[i]->short_id);
	b->n = n;
	b->all = all;
	return b;
}

static int
ui_save_dir_answer(struct ui *ui, const char *answer, void *ud)
{
	struct ui_batch *b = ud;
	struct mailbox_entry *en;
	struct err e;
	size_t i, j;

	for (i = 0; answer != NULL && *answer != '\0' && i < b->n; i++) {
		if ((en = mailbox_find(&ui->app->mb, b->ids[i], &e)) == NULL)
			continue;
		if (!b->all) {
			ui_attach_save(ui, en, -1, answer);
			continue;
		}
		for (j = 0; j < en->msg->n_attachments; j++)
			ui_attach_save(ui, en, (int)j, answer);
	}
	ui_batch_free(b);
	return UI_DIRTY_ALL;
}

/* The index of en's main document, or -1. */
static int
ui_main_document(const struct mailbox_entry *en)
{
	size_t i;

	for (i = 0; i < en->msg->n_attachments; i++) {
		if (en->msg->attachments[i].main_content)
			return (int)i;
	}
	return -1;
}

static int
ui_save_path_answer(struct ui *ui, const char *answer, void *ud)
{
	struct ui_batch *b = ud;
	struct mailbox_entry *en;
	struct err e;
	int doc;

	if (answer != NULL && *answer != '\0' &&
	    (en = mailbox_find(&ui->app->mb, b->ids[0], &e)) != NULL &&
	    (doc = ui_main_document(en)) >= 0)
		ui_attach_save_to(ui, en, (size_t)doc, answer, false);
	ui_batch_free(b);
	return UI_DIRTY_ALL;
}

static int
ui_save_confirmed(struct ui *ui, const char *answer, void *ud)
{
	struct ui_batch *b = ud;
	struct mailbox_entry *en;
	struct err e;
	char *path;
	int doc;

	if (answer == NULL || strcmp(answer, "y") != 0) {
		ui_batch_free(b);
		ui_message(ui, _("Nothing saved: registered mail stays unread."));
		return UI_DIRTY_LINE;
	}
	/* One main document: its path, editable; else a folder for all. */
	if (b->n == 1 && !b->all &&
	    (en = mailbox_find(&ui->app->mb, b->ids[0], &e)) != NULL) {
		if ((doc = ui_main_document(en)) < 0) {
			ui_error(ui, _("This message has no main document: its "
			    "content is its text."));
			ui_batch_free(b);
			return UI_DIRTY_LINE;
		}
		path = ui_attach_prefill(ui, &en->msg->attachments[doc]);
		ui_prompt_text(ui, _("Save to:"), path, HIST_PATH,
		    ui_save_path_answer, b);
		free(path);
		return UI_DIRTY_LINE;
	}
	ui_prompt_text(ui, _("Save into folder:"), config_str(&ui->app->cfg,
	    ui->app->acct, "save_dir"), HIST_PATH, ui_save_dir_answer, b);
	return UI_DIRTY_LINE;
}

static int
ui_save(struct ui *ui, bool all)
{
	struct mailbox_entry **en;
	struct ui_batch *b;
	struct err e;
	size_t i, n = ui_targets(ui, &en), registered = 0;

	if (n == 0) {
		free(en);
		return UI_DIRTY_LINE;
	}
	for (i = 0; i < n; i++) {
		/* Their documents: the whole messages, from the store. */
		if (app_message(ui->app, en[i], &e) == NULL) {
			ui_error(ui, "%s", e.msg);
			free(en);
			return UI_DIRTY_LINE;
		}
		if (en[i]->msg->registered && !en[i]->msg->read)
			registered++;
	}
	b = ui_batch_new(en, n, all);
	free(en);
	if (registered > 0 &&
	    config_bool(&ui->app->cfg, ui->app->acct, "confirm_registered")) {
		ui_prompt_yesno(ui, _("Registered mail: saving it is a legal proof of "
		    "reading. Save?"),
		    ui_save_confirmed, b);
		return UI_DIRTY_LINE;
	}
	return ui_save_confirmed(ui, "y", b);
}

int op_save_message(struct ui *ui, int n) { return ui_save(ui, false); }
int op_save_all(struct ui *ui, int n) { return ui_save(ui, true); }

/* --- hide, unhide, undo -------------------------------------------------- */

struct ui_visibility {
	struct ui *ui;
	struct ui_batch *batch;
	bool visible;
	bool record;            /* push on the undo stack when done */
	int pending;
	struct err err;
};

static void
ui_visibility_apply(struct ui_visibility *v)
{
	struct ui *ui = v->ui;
	struct mailbox *mb = &ui->app->mb;
	struct mailbox_entry *en;
	struct ui_undo *u;
	struct err e;
	size_t i, k, *touched = xcalloc(v->batch->n + 1, sizeof *touched);

	for (i = k = 0; i < v->batch->n; i++) {
		if ((en = mailbox_find(mb, v->batch->ids[i], &e)) == NULL)
			continue;
		app_set_visible(ui->app, en, v->visible);
		touched[k++] = mailbox_index(mb, en);
	}
	ui_index_update(ui, touched, k);
	free(touched);
	if (v->record) {
		ui->undo = xreallocarray(ui->undo, ui->n_undo + 1,
		    sizeof *ui->undo);
		u = &ui->undo[ui->n_undo++];
		u->ids = v->batch->ids;
		u->n = v->batch->n;
		u->was_visible = !v->visible;
		v->batch->ids = NULL;
		v->batch->n = 0;
	}
}

static void
ui_visibility_landed(struct ebox_source *src, const struct err *e, void *ud)
{
	struct ui_visibility *v = ud;
	struct ui *ui = v->ui;
	size_t n = v->batch->n;

	if (e != NULL && v->err.code == 0)
		v->err = *e;
	ui->busy--;
	if (--v->pending > 0)
		return;
	/* "Hiding..." is outdated now: replaced at once, in accessible
	 * mode too (the undo hint must not come 35 s late). */
	if (v->err.code != 0)
		ui_note_error(ui, "hide", "%s", v->err.msg);
	else {
		ui_visibility_apply(v);
		if (v->visible)
			ui_note(ui, "hide", ngettext("Unhid %zu message.",
			    "Unhid %zu messages.", n), n);
		else
			ui_note(ui, "hide", ngettext("Hid %zu message. Press u "
			    "to undo.", "Hid %zu messages. Press u to undo.", n),
			    n);
	}
	ui->dirty |= UI_DIRTY_ALL;
	ui_batch_free(v->batch);
	free(v);
}

/* One PATCH per provider for the messages in batch. */
static void
ui_visibility_send(struct ui *ui, struct ui_batch *batch, bool visible,
    bool record)
{
	struct ui_visibility *v;
	struct ebox_source *src;
	struct mailbox_entry *en;
	const char **ids;
	struct err e;
	size_t i, j, k, n_src;

	/* All or nothing: the screen never shows a change the server did
	 * not take (offline, a provider gone from the registry). */
	for (j = 0; j < batch->n; j++) {
		if ((en = mailbox_find(&ui->app->mb, batch->ids[j], &e)) !=
		    NULL && app_source(ui->app, en, &e) == NULL) {
			ui_error(ui, "%s", e.msg);
			ui_batch_free(batch);
			return;
		}
	}
	v = xcalloc(1, sizeof *v);
	ids = xcalloc(batch->n, sizeof *ids);
	v->ui = ui;
	v->batch = batch;
	v->visible = visible;
	v->record = record;
	v->pending = 1;         /* held while sending */
	src = ebox_client_sources(ui->app->client, &n_src);
	for (i = 0; i < n_src; i++) {
		for (j = k = 0; j < batch->n; j++) {
			en = mailbox_find(&ui->app->mb, batch->ids[j], &e);
			if (en != NULL && strcmp(en->msg->provider_id,
			    src[i].info.id) == 0)
				ids[k++] = en->msg->id;
		}
		if (k == 0)
			continue;
		v->pending++;
		ui->busy++;
		ebox_set_visible(ui->app->client, &src[i], ids, k, visible,
		    ui_visibility_landed, v);
	}
	free(ids);
	ui->busy++;
	ui_visibility_landed(NULL, NULL, v);
}

static int
ui_hide(struct ui *ui, bool visible)
{
	struct mailbox_entry **en;
	size_t n = ui_targets(ui, &en);

	if (n > 0) {
		ui_visibility_send(ui, ui_batch_new(en, n, false), visible, true);
		ui_note(ui, "hide", "%s", visible ? _("Unhiding...") :
		    _("Hiding..."));
	}
	free(en);
	return UI_DIRTY_LINE | UI_DIRTY_STATUS;
}

int op_hide_message(struct ui *ui, int n) { return ui_hide(ui, false); }
int op_unhide_message(struct ui *ui, int n) { return ui_hide(ui, true); }

int
op_undo(struct ui *ui, int count)
{
	struct ui_batch *b;
	struct ui_undo *u;

	if (ui->n_undo == 0) {
		ui_message(ui, _("Nothing to undo."));
		return UI_DIRTY_LINE;
	}
	u = &ui->undo[--ui->n_undo];
	b = xcalloc(1, sizeof *b);
	b->ids = u->ids;
	b->n = u->n;
	ui_visibility_send(ui, b, u->was_visible, false);
	ui_note(ui, "hide", "%s", _("Undoing..."));
	return UI_DIRTY_LINE;
}

/* --- move, refresh, documents ---------------------------------------------- */

struct ui_move {
	struct ui *ui;
	struct ui_batch *batch;
	char *partition;
	int pending;
	size_t moved;
	struct err err;
};

static void
ui_move_landed(struct ebox_source *src, const struct err *e, void *ud)
{
	struct ui_move *mv = ud;
	struct ui *ui = mv->ui;

	ui->busy--;
	if (e != NULL && mv->err.code == 0)
		mv->err = *e;
	if (--mv->pending > 0)
		return;
	if (mv->err.code != 0)
		ui_error(ui, "%s", mv->err.msg);
	else {
		struct mailbox *mb = &ui->app->mb;
		struct mailbox_entry *en;
		struct err fe;
		size_t i, k, *touched = xcalloc(mv->batch->n + 1,
		    sizeof *touched);

		for (i = k = 0; i < mv->batch->n; i++) {
			if ((en = mailbox_find(mb, mv->batch->ids[i], &fe)) ==
			    NULL)
				continue;
			app_set_partition(ui->app, en, mv->partition);
			touched[k++] = mailbox_index(mb, en);
		}
		ui_index_update(ui, touched, k);
		free(touched);
		ui_note(ui, "move", ngettext("Moved %zu message to %s.",
		    "Moved %zu messages to %s.", mv->moved), mv->moved,
		    mv->partition);
	}
	ui->dirty |= UI_DIRTY_ALL;
	ui_batch_free(mv->batch);
	free(mv->partition);
	free(mv);
}

/* Sends one PATCH per message; the local copy moves once the server
 * agreed (the answer callback), so the screen never shows a wish. */
static int
ui_move_answer(struct ui *ui, const char *answer, void *ud)
{
	struct ui_batch *b = ud;
	struct ui_move *mv;
	struct mailbox_entry *en;
	struct ebox_source *src;
	struct folder f;
	struct err e;
	size_t i;

	if (answer == NULL || *answer == '\0' ||
	    mailbox_folder_find(&ui->app->mb, answer, &f, &e) != 0 ||
	    f.kind != FOLDER_PARTITION) {
		if (answer != NULL && *answer != '\0')
			ui_error(ui, _("There is no partition called %s."), answer);
		ui_batch_free(b);
		return UI_DIRTY_LINE;
	}
	mv = xcalloc(1, sizeof *mv);
	mv->ui = ui;
	mv->batch = b;
	mv->partition = xstrdup(f.name);
	mv->pending = 1;        /* held while sending */
	for (i = 0; i < b->n; i++) {
		if ((en = mailbox_find(&ui->app->mb, b->ids[i], &e)) == NULL ||
		    (src = app_source(ui->app, en, &e)) == NULL)
			continue;
		mv->moved++;
		mv->pending++;
		ui->busy++;
		ebox_move(ui->app->client, src, en->msg->id, f.name,
		    ui_move_landed, mv);
	}
	ui->busy++;
	ui_move_landed(NULL, NULL, mv);
	return UI_DIRTY_LINE;
}

int
op_move_message(struct ui *ui, int count)
{
	struct mailbox_entry **en;
	struct ebox_source *src;
	struct err e;
	size_t i, n = ui_targets(ui, &en);

	for (i = 0; i < n; i++) {
		src = app_source(ui->app, en[i], &e);
		if (src == NULL || !ebox_can_move(src)) {
			/* Message Registry 2.1 can only change visibility. */
			ui_error(ui, _("This eBox does not let ebox-tui move "
			    "messages between partitions (the 2.1 interface can "
			    "only hide them)."));
			free(en);
			return UI_DIRTY_LINE;
		}
	}
	if (n > 0) {
		ui_prompt_text(ui, _("Move to partition (Tab completes):"), NULL,
		    HIST_FOLDER, ui_move_answer, ui_batch_new(en, n, false));
		ui->prompt.complete_folders = true;
	}
	free(en);
	return UI_DIRTY_LINE;
}

int
op_refresh(struct ui *ui, int count)
{
	bool was = ui->syncing;

	ui_refresh(ui, true);
	if (!was && ui->syncing)
		ui_note(ui, "sync", "%s", _("Fetching your mail again..."));
	return UI_DIRTY_LINE | UI_DIRTY_STATUS;
}

int
op_view_attachments(struct ui *ui, int count)
{
	ui->attach_from = ui->view;
	ui->view = VIEW_ATTACH;
	ui->attach_sel = 0;
	return UI_DIRTY_ALL;
}

/* The one-sentence summary on the message line (and in the log, M). */
int
op_summary(struct ui *ui, int count)
{
	struct mailbox_entry **en;
	struct render_opts o;
	char *sentence;
	size_t n = ui_targets(ui, &en);

	if (n > 0) {
		memset(&o, 0, sizeof o);
		o.lang = ui->app->lang;
		o.now = ui->app->mb.now;
		o.expiring_days = ui->app->mb.expiring_days;
		sentence = summary_sentence(en[0], &o);
		ui_message(ui, "%s", sentence);
		free(sentence);
	}
	free(en);
	return UI_DIRTY_LINE;
}

/* --- | : the message as text to a command ------------------------------- */

/* The message as the pager renders it (registered mail's text withheld
 * unless it was read), one line per field, into a private file. */
static char *
ui_message_text_file(struct ui *ui, struct mailbox_entry *en)
{
	struct render_opts o;
	struct render r;
	struct buf b;
	struct err e;
	char *path;
	size_t i;
	int fd;

	if (app_message(ui->app, en, &e) == NULL) {
		ui_error(ui, "%s", e.msg);
		return NULL;
	}
	memset(&o, 0, sizeof o);
	o.lang = ui->app->lang;
	o.now = ui->app->mb.now;
	o.expiring_days = ui->app->mb.expiring_days;
	o.body_withheld = en->msg->registered && !en->msg->read &&
	    en->msg->body_main;
	render_message(en, &o, &r);
	buf_init(&b, (size_t)1 << 30);
	for (i = 0; i < r.n; i++)
		buf_printf(&b, "%*s%s%s%s\n", r.lines[i].indent, "",
		    r.lines[i].label ? r.lines[i].label : "",
		    r.lines[i].label ? " " : "", r.lines[i].text);
	render_done(&r);
	if ((path = ui_tmp_file(ui, "message.txt", &fd)) != NULL) {
		if (write(fd, b.data ? b.data : "", b.len) != (ssize_t)b.len) {
			ui_error(ui, _("cannot write %s: %s"), path,
			    strerror(errno));
			unlink(path);
			xfree(&path);
		}
		close(fd);
	}
	buf_done(&b);
	return path;
}

static int
ui_pipe_message_answer(struct ui *ui, const char *answer, void *ud)
{
	struct mailbox_entry *en = ui_index_selected(ui);
	struct err e;
	char *path;

	if (ui->view == VIEW_PAGER && ui->pager.short_id != NULL)
		en = mailbox_find(&ui->app->mb, ui->pager.short_id, &e);
	if (answer == NULL || *answer == '\0' || en == NULL)
		return UI_DIRTY_LINE;
	if ((path = ui_message_text_file(ui, en)) != NULL) {
		ui_foreground(ui, answer, path, true, path);
		free(path);
	}
	return UI_DIRTY_ALL;
}

int
op_pipe_message(struct ui *ui, int count)
{
	ui_prompt_text(ui, _("Send the message as text to the command:"), NULL,
	    HIST_PIPE, ui_pipe_message_answer, NULL);
	return UI_DIRTY_LINE;
}
