/* ui-ops.h - the handlers behind ui_ops[] (ui-ops.c), one per operation,
 * defined in the file of the view or action they belong to. */
#ifndef EBOX_UI_OPS_H
#define EBOX_UI_OPS_H

struct ui;

/* ui-ops.c: everywhere */
int op_help(struct ui *, int);
int op_show_log(struct ui *, int);
int op_redraw(struct ui *, int);
int op_command_line(struct ui *, int);
int op_cancel(struct ui *, int);
int op_exit(struct ui *, int);
int op_quit(struct ui *, int);
int op_next_line(struct ui *, int);
int op_previous_line(struct ui *, int);
int op_next_page(struct ui *, int);
int op_previous_page(struct ui *, int);
int op_first_line(struct ui *, int);
int op_last_line(struct ui *, int);
int op_half_down(struct ui *, int);
int op_half_up(struct ui *, int);
int op_shell_escape(struct ui *, int);

/* ui-index.c */
int op_open_message(struct ui *, int);
int op_next_unread(struct ui *, int);
int op_search(struct ui *, int);
int op_search_next(struct ui *, int);
int op_search_previous(struct ui *, int);
int op_limit(struct ui *, int);
int op_sort(struct ui *, int);
int op_sort_reverse(struct ui *, int);
int op_tag_entry(struct ui *, int);
int op_tag_pattern(struct ui *, int);
int op_untag_pattern(struct ui *, int);
int op_change_folder(struct ui *, int);
int op_focus_sidebar(struct ui *, int);
int op_toggle_sidebar(struct ui *, int);
int op_open_folder(struct ui *, int);

/* ui-actions.c */
int op_tag_prefix(struct ui *, int);
int op_save_message(struct ui *, int);
int op_save_all(struct ui *, int);
int op_hide_message(struct ui *, int);
int op_unhide_message(struct ui *, int);
int op_undo(struct ui *, int);
int op_move_message(struct ui *, int);
int op_refresh(struct ui *, int);
int op_view_attachments(struct ui *, int);
int op_summary(struct ui *, int);
int op_show_payment(struct ui *, int);
int op_toggle_paid(struct ui *, int);
int op_reply(struct ui *, int);
int op_show_agenda(struct ui *, int);
int op_pipe_message(struct ui *, int);

/* ui-pager.c */
int op_next_message(struct ui *, int);
int op_cycle_language(struct ui *, int);
int op_previous_message(struct ui *, int);

/* ui-attach.c */
int op_view_text(struct ui *, int);
int op_save_attachment(struct ui *, int);
int op_open_attachment(struct ui *, int);
int op_pipe_attachment(struct ui *, int);

#endif
