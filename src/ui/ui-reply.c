/* ui-reply.c - r: answering a message in the inbox (reply.h).
 *
 * One step after the other, each the inbox's own screen: the text in
 * $VISUAL or $EDITOR (a file in the inbox's private directory), the
 * subject (prefilled "Re: ..."), files one prompt at a time (Tab
 * completes paths, Enter alone ends), then the summary as a text view
 * and a yes/no question.  Esc at any prompt gives up and says so.  The
 * reply is in the store from the moment it is sent; the Sent folder
 * shows what became of it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/reply.h"
#include "ebox/safefile.h"
#include "ebox/xdg.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ui-ops.h"

struct ui_reply {
	struct reply r;
	char *path;                     /* the text being written */
	char short_id[MAILBOX_ID_LEN + 1];
};

static void ui_reply_ask_file(struct ui *ui, struct ui_reply *rp);

static void
ui_reply_free(struct ui_reply *rp)
{
	if (rp->path != NULL)
		unlink(rp->path);
	free(rp->path);
	reply_done(&rp->r);
	free(rp);
}

static int
ui_reply_give_up(struct ui *ui, struct ui_reply *rp)
{
	ui_reply_free(rp);
	ui_message(ui, "%s", _("Nothing sent."));
	return UI_DIRTY_ALL;
}

/* The editor the user chose, with the file as its argument. */
static char *
ui_reply_editor(const char *path)
{
	const char *ed = getenv("VISUAL");

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	/* path is ours (the private directory): no quote in it. */
	return xasprintf("%s '%s'", ed, path);
}

static void
ui_reply_landed(const struct store_sent *row, bool before,
    const struct err *e, void *ud)
{
	struct ui *ui = ud;
	struct mailbox_entry *en;
	size_t idx;

	ui->replying--;
	if ((en = reply_entry(ui->app, row->provider, row->id)) != NULL) {
		idx = mailbox_index(&ui->app->mb, en);
		ui_index_update(ui, &idx, 1);
	}
	if (e != NULL)
		ui_note_error(ui, "reply", _("The reply was not sent: %s. It is "
		    "kept in the Sent folder."), e->msg);
	else if (before)
		ui_note(ui, "reply", _("This reply was sent before (eBox message "
		    "id %s): it was not sent again."), row->message_id);
	else
		ui_note(ui, "reply", _("Reply sent (eBox message id %s); it is "
		    "in the Sent folder."), row->message_id);
	ui->dirty |= UI_DIRTY_ALL;
}

static int
ui_reply_confirmed(struct ui *ui, const char *answer, void *ud)
{
	struct ui_reply *rp = ud;
	struct err e;

	/* Back to where r was pressed. */
	if (ui->view == VIEW_PAGER && ui_pager_close_text(ui))
		ui->view = ui->pager.doc_view_back;
	if (answer == NULL || strcmp(answer, "y") != 0)
		return ui_reply_give_up(ui, rp);
	if (reply_send(ui->app, &rp->r, ui_reply_landed, ui, &e) != 0) {
		ui_error(ui, _("The reply was not sent: %s"), e.msg);
		ui_index_rebuild(ui);   /* Sent may hold it, to send later */
		ui_reply_free(rp);
		return UI_DIRTY_ALL;
	}
	ui->replying++;
	ui_note(ui, "reply", "%s", _("Sending the reply..."));
	ui_index_rebuild(ui);
	ui_reply_free(rp);
	return UI_DIRTY_ALL;
}

/* The summary as a text view (read line by line), then the question. */
static void
ui_reply_summary_asking(struct ui *ui, struct ui_reply *rp,
    const char *question)
{
	char *summary = reply_summary(&rp->r), *text;

	text = xasprintf("%s\n%s\n", summary, rp->r.body);
	ui_pager_show_titled(ui, _("Reply: check it before sending"),
	    _("Reply"), text);
	free(text);
	free(summary);
	ui_prompt_yesno(ui, question, ui_reply_confirmed, rp);
}

static void
ui_reply_summary(struct ui *ui, struct ui_reply *rp)
{
	ui_reply_summary_asking(ui, rp, _("Send this reply?"));
}

/* r on a reply of the Sent folder that did not go: the same again. */
static int
ui_reply_again(struct ui *ui, struct mailbox_entry *en)
{
	struct ui_reply *rp = xcalloc(1, sizeof *rp);
	struct err e;

	if (reply_from_sent(&rp->r, ui->app, en, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		free(rp);
		return UI_DIRTY_LINE;
	}
	snprintf(rp->short_id, sizeof rp->short_id, "%s", en->short_id);
	ui_reply_summary_asking(ui, rp, _("Send this reply again?"));
	return UI_DIRTY_ALL;
}

static int
ui_reply_file_answer(struct ui *ui, const char *answer, void *ud)
{
	struct ui_reply *rp = ud;
	struct err e;
	char *path;

	if (answer == NULL)
		return ui_reply_give_up(ui, rp);
	if (*answer == '\0') {
		ui_reply_summary(ui, rp);
		return UI_DIRTY_ALL;
	}
	path = xdg_expand_home(answer);
	if (reply_attach(&rp->r, path, &e) != 0)
		ui_error(ui, "%s", e.msg);
	else
		ui_message(ui, _("Attached %s."),
		    rp->r.files[rp->r.n_files - 1].name);
	free(path);
	if (rp->r.n_files == REPLY_MAX_FILES) {
		ui_reply_summary(ui, rp);
		return UI_DIRTY_ALL;
	}
	ui_reply_ask_file(ui, rp);
	return UI_DIRTY_LINE;
}

static void
ui_reply_ask_file(struct ui *ui, struct ui_reply *rp)
{
	char *q = xasprintf(_("Attach file %zu of at most %d (Tab completes, "
	    "Enter alone: no more):"), rp->r.n_files + 1, REPLY_MAX_FILES);

	ui_prompt_text(ui, q, NULL, HIST_PATH, ui_reply_file_answer, rp);
	free(q);
}

static int
ui_reply_subject_answer(struct ui *ui, const char *answer, void *ud)
{
	struct ui_reply *rp = ud;
	struct err e;

	if (answer == NULL)
		return ui_reply_give_up(ui, rp);
	if (reply_set_subject(&rp->r, answer, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		ui_prompt_text(ui, _("Subject:"), rp->r.subject, HIST_SUBJECT,
		    ui_reply_subject_answer, rp);
		return UI_DIRTY_LINE;
	}
	ui_reply_ask_file(ui, rp);
	return UI_DIRTY_LINE;
}

/* The editor is done: its file is the text. */
static void
ui_reply_edited(struct ui *ui, int status, void *ud)
{
	struct ui_reply *rp = ud;
	char *text = NULL;
	size_t len = 0;
	struct err e;

	if (status != 0) {
		ui_error(ui, _("The editor ended with an error (status %d): "
		    "nothing sent."), status);
		ui_reply_free(rp);
		return;
	}
	if (safefile_read(rp->path, REPLY_MAX_BODY, &text, &len, &e) != 0 ||
	    reply_set_body(&rp->r, text, len, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		free(text);
		ui_reply_free(rp);
		return;
	}
	free(text);
	ui_prompt_text(ui, _("Subject:"), rp->r.subject, HIST_SUBJECT,
	    ui_reply_subject_answer, rp);
}

int
op_reply(struct ui *ui, int count)
{
	struct mailbox_entry *en = ui->view == VIEW_PAGER &&
	    ui->pager.short_id != NULL ? mailbox_find(&ui->app->mb,
	    ui->pager.short_id, NULL) : ui_index_selected(ui);
	struct ui_reply *rp;
	char *cmd;
	struct err e;
	int fd;

	if (en == NULL)
		return UI_DIRTY_LINE;
	if (ui->app->offline) {
		ui_error(ui, "%s", _("Offline (--offline): the reply cannot be "
		    "sent."));
		return UI_DIRTY_LINE;
	}
	if (en->sent != MAILBOX_RECEIVED)
		return ui_reply_again(ui, en);
	/* Said before the letter is written, not after. */
	if (ebox_client_source(ui->app->client, en->msg->provider_id) == NULL) {
		ui_error(ui, _("The provider %s of this message is not known now: "
		    "fetch the mail first (or it left the eBox)."),
		    en->msg->provider_id);
		return UI_DIRTY_LINE;
	}
	rp = xcalloc(1, sizeof *rp);
	if (reply_init(&rp->r, ui->app, en, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		free(rp);
		return UI_DIRTY_LINE;
	}
	snprintf(rp->short_id, sizeof rp->short_id, "%s", en->short_id);
	if ((rp->path = ui_tmp_file(ui, "reply.txt", &fd)) == NULL) {
		ui_reply_free(rp);
		return UI_DIRTY_LINE;
	}
	close(fd);
	cmd = ui_reply_editor(rp->path);
	if (ui_foreground_then(ui, cmd, ui_reply_edited, rp) != 0)
		ui_reply_free(rp);
	free(cmd);
	return UI_DIRTY_ALL;
}
