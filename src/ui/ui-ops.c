/* ui-ops.c - the table of operations (name, help, views, preconditions,
 * handler) and the handlers that work in every view.  The help screen,
 * the `bind` parser, the `:` command line and the meta-test that checks
 * the manual all read this one table. */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "ebox/sync.h"
#include "ui.h"
#include "ui-ops.h"

#define V(x) (1 << (x))
#define ALL_VIEWS (V(VIEW_COUNT) - 1)
#define LISTS (V(VIEW_INDEX) | V(VIEW_SIDEBAR))
#define MSG_VIEWS (V(VIEW_INDEX) | V(VIEW_PAGER))

const struct ui_op ui_ops[] = {
	{ "help", N_("show the keys of this screen"), ALL_VIEWS, 0, op_help },
	{ "show-log", N_("show every message of this session"), ALL_VIEWS, 0,
	  op_show_log },
	{ "redraw", N_("draw the screen again"), ALL_VIEWS, 0, op_redraw },
	{ "command-line", N_("type an operation by name"), ALL_VIEWS, 0,
	  op_command_line },
	{ "cancel", N_("stop the request in progress"), ALL_VIEWS, 0, op_cancel },
	{ "exit", N_("go back to the previous screen"), ALL_VIEWS, 0, op_exit },
	{ "quit", N_("leave ebox-tui"), LISTS, 0, op_quit },
	{ "next-line", N_("move down one line"), ALL_VIEWS, 0, op_next_line },
	{ "previous-line", N_("move up one line"), ALL_VIEWS, 0,
	  op_previous_line },
	{ "next-page", N_("move down one page"), ALL_VIEWS, 0, op_next_page },
	{ "previous-page", N_("move up one page"), ALL_VIEWS, 0,
	  op_previous_page },
	{ "first-line", N_("go to the first line"), ALL_VIEWS, 0, op_first_line },
	{ "last-line", N_("go to the last line"), ALL_VIEWS, 0, op_last_line },
	{ "half-down", N_("move down half a page"), ALL_VIEWS, 0, op_half_down },
	{ "half-up", N_("move up half a page"), ALL_VIEWS, 0, op_half_up },
	{ "shell-escape", N_("run a shell command (empty: a shell)"), ALL_VIEWS,
	  0, op_shell_escape },
	{ "open-message", N_("read the selected message"), V(VIEW_INDEX),
	  OP_NEEDS_MESSAGE, op_open_message },
	{ "next-unread", N_("go to the next unread message"), MSG_VIEWS, 0,
	  op_next_unread },
	{ "next-message", N_("read the next message"), V(VIEW_PAGER), 0,
	  op_next_message },
	{ "previous-message", N_("read the previous message"), V(VIEW_PAGER), 0,
	  op_previous_message },
	{ "cycle-language", N_("show the message in its next language"),
	  V(VIEW_PAGER), 0, op_cycle_language },
	{ "search", N_("search forward"), V(VIEW_INDEX) | V(VIEW_PAGER) |
	  V(VIEW_HELP) | V(VIEW_LOG), 0, op_search },
	{ "search-next", N_("find the next match"), V(VIEW_INDEX) | V(VIEW_PAGER) |
	  V(VIEW_HELP) | V(VIEW_LOG), 0, op_search_next },
	{ "search-previous", N_("find the previous match"), V(VIEW_INDEX) |
	  V(VIEW_PAGER) | V(VIEW_HELP) | V(VIEW_LOG), 0, op_search_previous },
	{ "limit", N_("show only messages matching a pattern"), V(VIEW_INDEX), 0,
	  op_limit },
	{ "sort", N_("sort by date, sender, subject, expiry or due date"),
	  V(VIEW_INDEX), 0, op_sort },
	{ "sort-reverse", N_("reverse the order"), V(VIEW_INDEX), 0,
	  op_sort_reverse },
	{ "tag-entry", N_("tag or untag the selected message"), V(VIEW_INDEX),
	  OP_NEEDS_MESSAGE, op_tag_entry },
	{ "tag-pattern", N_("tag the messages matching a pattern"), V(VIEW_INDEX),
	  0, op_tag_pattern },
	{ "untag-pattern", N_("untag the messages matching a pattern"),
	  V(VIEW_INDEX), 0, op_untag_pattern },
	{ "tag-prefix", N_("apply the next action to every tagged message"),
	  V(VIEW_INDEX), 0, op_tag_prefix },
	{ "save-message", N_("save the main document"), MSG_VIEWS,
	  OP_NEEDS_MESSAGE, op_save_message },
	{ "save-all", N_("save every document"), MSG_VIEWS | V(VIEW_ATTACH),
	  OP_NEEDS_MESSAGE, op_save_all },
	{ "summary", N_("say the message in one sentence"), MSG_VIEWS,
	  OP_NEEDS_MESSAGE, op_summary },
	{ "show-payment", N_("show the payment asked, checked, with a QR code "
	  "for a banking app"), MSG_VIEWS, OP_NEEDS_MESSAGE, op_show_payment },
	{ "toggle-paid", N_("mark the payment as paid here, or not"),
	  MSG_VIEWS, OP_NEEDS_MESSAGE, op_toggle_paid },
	{ "reply", N_("reply to the sender, when the message allows it: the "
	  "text in your editor, files, then a summary to confirm"),
	  MSG_VIEWS, OP_NEEDS_MESSAGE, op_reply },
	{ "show-agenda", N_("list every deadline, the nearest first"),
	  LISTS | V(VIEW_PAGER), 0, op_show_agenda },
	{ "pipe-message", N_("send the message as text to a command"),
	  MSG_VIEWS, OP_NEEDS_MESSAGE, op_pipe_message },
	{ "view-attachments", N_("list the documents of the message"), MSG_VIEWS,
	  OP_NEEDS_MESSAGE, op_view_attachments },
	{ "hide-message", N_("hide the message (undo with u)"), MSG_VIEWS,
	  OP_NEEDS_MESSAGE | OP_CHANGES_SERVER, op_hide_message },
	{ "unhide-message", N_("show a hidden message in the Inbox again"),
	  MSG_VIEWS, OP_NEEDS_MESSAGE | OP_CHANGES_SERVER, op_unhide_message },
	{ "undo", N_("take back the last hide or unhide"), MSG_VIEWS,
	  OP_CHANGES_SERVER, op_undo },
	{ "change-folder", N_("open another folder"), LISTS, 0, op_change_folder },
	{ "move-message", N_("move the message to another partition"),
	  V(VIEW_INDEX), OP_NEEDS_MESSAGE | OP_CHANGES_SERVER,
	  op_move_message },
	{ "refresh", N_("fetch the mail again"), LISTS, 0, op_refresh },
	{ "focus-sidebar", N_("move the focus between folders and messages"),
	  LISTS, 0, op_focus_sidebar },
	{ "toggle-sidebar", N_("show or hide the folder list"), LISTS, 0,
	  op_toggle_sidebar },
	{ "open-folder", N_("open the highlighted folder"), V(VIEW_SIDEBAR), 0,
	  op_open_folder },
	{ "view-text", N_("read the document as text"), V(VIEW_ATTACH), 0,
	  op_view_text },
	{ "save-attachment", N_("save the selected document"), V(VIEW_ATTACH), 0,
	  op_save_attachment },
	{ "open-attachment", N_("open the document with its viewer (mailcap)"),
	  V(VIEW_ATTACH), 0, op_open_attachment },
	{ "pipe-attachment", N_("send the document to a command"), V(VIEW_ATTACH),
	  0, op_pipe_attachment },
};
const size_t ui_n_ops = sizeof ui_ops / sizeof ui_ops[0];

const struct ui_op *
ui_op_find(const char *name)
{
	size_t i;

	for (i = 0; i < ui_n_ops; i++) {
		if (strcmp(ui_ops[i].name, name) == 0)
			return &ui_ops[i];
	}
	return NULL;
}

size_t
ui_motion(size_t pos, size_t n, enum ui_motion m, int count, int page)
{
	size_t step = (size_t)(count > 0 ? count : 1);
	size_t pg = (size_t)(page > 1 ? page - 1 : 1);
	size_t half = (size_t)(page > 3 ? page / 2 : 1);

	if (n == 0)
		return 0;
	switch (m) {
	case MOTION_DOWN:
		return pos + step < n ? pos + step : n - 1;
	case MOTION_UP:
		return pos > step ? pos - step : 0;
	case MOTION_PAGE_DOWN:
		return pos + step * pg < n ? pos + step * pg : n - 1;
	case MOTION_PAGE_UP:
		return pos > step * pg ? pos - step * pg : 0;
	case MOTION_FIRST:
		return count > 0 && (size_t)count <= n ? (size_t)count - 1 : 0;
	case MOTION_LAST:
		return n - 1;
	case MOTION_HALF_DOWN:
		return pos + step * half < n ? pos + step * half : n - 1;
	case MOTION_HALF_UP:
		return pos > step * half ? pos - step * half : 0;
	}
	return pos;
}

static int
op_move(struct ui *ui, enum ui_motion m, int count)
{
	return ui_views[ui->view]->motion(ui, m, count);
}

int op_next_line(struct ui *ui, int n) { return op_move(ui, MOTION_DOWN, n); }
int op_previous_line(struct ui *ui, int n) { return op_move(ui, MOTION_UP, n); }
int op_next_page(struct ui *ui, int n) { return op_move(ui, MOTION_PAGE_DOWN, n); }
int op_previous_page(struct ui *ui, int n) { return op_move(ui, MOTION_PAGE_UP, n); }
int op_first_line(struct ui *ui, int n) { return op_move(ui, MOTION_FIRST, n); }
int op_last_line(struct ui *ui, int n) { return op_move(ui, MOTION_LAST, n); }
int op_half_down(struct ui *ui, int n) { return op_move(ui, MOTION_HALF_DOWN, n); }
int op_half_up(struct ui *ui, int n) { return op_move(ui, MOTION_HALF_UP, n); }

/* Switches to a view, remembering where `exit` returns to. */
static int
ui_goto(struct ui *ui, enum ui_view_id v)
{
	if (ui->view != VIEW_HELP && ui->view != VIEW_LOG)
		ui->back_view = ui->view;
	ui->view = v;
	return UI_DIRTY_ALL;
}

int
op_help(struct ui *ui, int count)
{
	if (ui->view == VIEW_HELP)
		return UI_DIRTY_NONE;
	ui->help_top = 0;
	return ui_goto(ui, VIEW_HELP);
}

int
op_show_log(struct ui *ui, int count)
{
	size_t rows = (size_t)ui_body_rows(ui);

	ui->log_top = ui->n_log > rows ? ui->n_log - rows : 0;
	return ui_goto(ui, VIEW_LOG);
}

int
op_redraw(struct ui *ui, int count)
{
	clearok(curscr, TRUE);
	return UI_DIRTY_ALL;
}

int
op_exit(struct ui *ui, int count)
{
	switch (ui->view) {
	case VIEW_INDEX:
	case VIEW_SIDEBAR:
		return op_quit(ui, count);
	case VIEW_HELP:
	case VIEW_LOG:
		ui->view = ui->back_view;
		break;
	case VIEW_ATTACH:
		ui->view = ui->attach_from == VIEW_PAGER && ui->pager.short_id ?
		    VIEW_PAGER : VIEW_INDEX;
		break;
	case VIEW_PAGER: {
		struct mailbox_entry *en = NULL;
		struct err e;
		size_t idx;

		/* A document read as text goes back to its list, a payment
		 * to where $ was pressed. */
		if (ui_pager_close_text(ui)) {
			ui->view = ui->pager.doc_view_back;
			break;
		}
		ui->view = VIEW_INDEX;
		/* Its read status may have changed: that row only. */
		if (ui->pager.short_id != NULL && (en = mailbox_find(
		    &ui->app->mb, ui->pager.short_id, &e)) != NULL) {
			idx = mailbox_index(&ui->app->mb, en);
			ui_index_update(ui, &idx, 1);
		}
		break;
	}
	default:
		break;
	}
	return UI_DIRTY_ALL;
}

static int
op_quit_answer(struct ui *ui, const char *answer, void *ud)
{
	if (answer != NULL && strcmp(answer, "y") == 0)
		ui->quit = true;
	return UI_DIRTY_LINE;
}

int
op_quit(struct ui *ui, int count)
{
	if (ui->replying > 0) {
		ui_prompt_yesno(ui, _("A reply is being sent. Quit anyway? (It "
		    "stays in the Sent folder, to send again.)"),
		    op_quit_answer, NULL);
		return UI_DIRTY_LINE;
	}
	if (ui->busy > 0) {
		ui_prompt_yesno(ui, _("A download is still running. Quit anyway "
		    "and stop it?"), op_quit_answer, NULL);
		return UI_DIRTY_LINE;
	}
	ui->quit = true;
	return UI_DIRTY_NONE;
}

int
op_cancel(struct ui *ui, int count)
{
	if (ui->tag_prefix) {           /* ; waits for its operation */
		ui->tag_prefix = false;
		ui_message(ui, "%s", _("Cancelled."));
		return UI_DIRTY_LINE;
	}
	if (ui->busy == 0 && !ui->syncing) {
		ui_message(ui, _("Nothing to stop."));
		return UI_DIRTY_LINE;
	}
	ui_attach_cancel_all(ui);
	sync_cancel(ui->app);   /* its on_done says so */
	return UI_DIRTY_ALL;
}

/* ! : a command with the terminal, or a shell when none is typed (exit
 * it to come back). */
static int
op_shell_answer(struct ui *ui, const char *answer, void *ud)
{
	const char *shell = getenv("SHELL");

	if (answer == NULL)
		return UI_DIRTY_LINE;
	if (*answer == '\0')
		ui_foreground(ui, shell != NULL && *shell != '\0' ? shell :
		    "/bin/sh", NULL, false, NULL);
	else
		ui_foreground(ui, answer, NULL, true, NULL);
	return UI_DIRTY_ALL;
}

int
op_shell_escape(struct ui *ui, int count)
{
	ui_prompt_text(ui, _("Shell command (Enter alone: a shell):"), NULL,
	    HIST_PIPE, op_shell_answer, NULL);
	return UI_DIRTY_LINE;
}

/* `:name [args]` runs the operation of that name (args go to prompts that
 * the operation would open, e.g. ":limit ~r", ":sort subject"); `:set`,
 * `:source`, `:bind`... are configuration lines, applied at once. */
static int
op_command_answer(struct ui *ui, const char *answer, void *ud)
{
	const struct ui_op *op;
	char *name, *space, **argv = NULL;
	int dirty = UI_DIRTY_LINE, argc;
	struct err e;

	if (answer == NULL || *answer == '\0')
		return UI_DIRTY_LINE;
	if ((argc = config_split(answer, &argv, &e)) < 0) {
		ui_error(ui, "%s", e.msg);
		return UI_DIRTY_LINE;
	}
	if (argc > 0 && ui_config_statement(ui, argc, argv)) {
		config_argv_free(argv);
		return UI_DIRTY_ALL;
	}
	config_argv_free(argv);
	name = xstrdup(answer);
	if ((space = strchr(name, ' ')) != NULL) {
		*space++ = '\0';
		while (*space == ' ')
			space++;
	}
	if ((op = ui_op_find(name)) == NULL)
		ui_error(ui, _("Unknown operation '%s'. The help screen (?) lists "
		    "them."), name);
	else if (!(op->views & (1 << ui->view)))
		ui_error(ui, _("'%s' does not work on this screen."), name);
	else if ((op->flags & OP_NEEDS_MESSAGE) && ui_index_selected(ui) == NULL)
		ui_error(ui, _("No message is selected."));
	else {
		dirty |= op->fn(ui, 0);
		if (space != NULL && *space != '\0' &&
		    ui->prompt.kind != PROMPT_NONE)
			dirty |= ui_prompt_submit(ui, space);
	}
	free(name);
	return dirty;
}

int
op_command_line(struct ui *ui, int count)
{
	ui_prompt_text(ui, ":", NULL, HIST_COMMAND, op_command_answer, NULL);
	return UI_DIRTY_LINE;
}
