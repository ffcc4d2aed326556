/* ui.h - the interactive inbox: one struct ui, views, key tables.
 *
 * The loop (ui.c) waits in net_poll() on curl's sockets, the keyboard and
 * the signal self-pipe.  Key handlers change state and return what needs
 * drawing (enum ui_dirty); only the loop draws, once per turn.  Views are
 * const descriptors (ui-index.c, ui-pager.c, ui-attach.c, ui-help.c,
 * ui-log.c); operations are rows of ui_ops[] (ui-ops.c) bound to keys per
 * view (ui-keys.c) through the same `bind` syntax users write.
 */
#ifndef EBOX_UI_H
#define EBOX_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>
#include <signal.h>
#include <wchar.h>

#include "cmd/cmd.h"
#include "ebox/convert.h"
#include "ebox/job.h"
#include "ebox/mailcap.h"
#include "ebox/pattern.h"
#include "ebox/render.h"
#include "ebox/theme.h"

struct buf;

struct ui;
struct ui_save;

/* What a handler changed; the loop draws exactly that. */
enum ui_dirty {
	UI_DIRTY_NONE = 0,
	UI_DIRTY_VIEW = 1 << 0,     /* the current view's body */
	UI_DIRTY_SIDEBAR = 1 << 1,
	UI_DIRTY_STATUS = 1 << 2,
	UI_DIRTY_LINE = 1 << 3,     /* message / prompt line */
	UI_DIRTY_ALL = 0xff,
};

enum ui_view_id {
	VIEW_INDEX,
	VIEW_SIDEBAR,   /* the sidebar with focus: its own key context */
	VIEW_PAGER,
	VIEW_ATTACH,
	VIEW_HELP,
	VIEW_LOG,
	VIEW_COUNT
};

enum ui_motion {
	MOTION_DOWN, MOTION_UP, MOTION_PAGE_DOWN, MOTION_PAGE_UP,
	MOTION_FIRST, MOTION_LAST, MOTION_HALF_DOWN, MOTION_HALF_UP,
};

struct view {
	enum ui_view_id id;
	const char *name;           /* as in `bind NAME KEY OP` */
	const char *title;          /* for the status line and help */
	void (*draw)(struct ui *ui);
	/* The screen's first line: which screen this is, and about what
	 * ("eBox: Inbox, 61 messages, 16 unread"). */
	void (*heading)(struct ui *ui, struct buf *b);
	/* Where the cursor goes: the focused row, column 0. */
	void (*cursor)(struct ui *ui, int *y, int *x);
	/* Moves the selection (or scrolls); returns enum ui_dirty. */
	int (*motion)(struct ui *ui, enum ui_motion m, int count);
};

/* The new position after motion m (count times) in a list of n rows of
 * which page are visible. */
size_t ui_motion(size_t pos, size_t n, enum ui_motion m, int count,
    int page);

extern const struct view *const ui_views[VIEW_COUNT];
const struct view *ui_view_find(const char *name);

/* --- operations ------------------------------------------------------- */

enum {
	OP_NEEDS_MESSAGE = 1 << 0,  /* a selected message must exist */
	OP_CHANGES_SERVER = 1 << 1, /* talks to the server */
};

struct ui_op {
	const char *name;           /* "next-entry" */
	const char *help;           /* one line for the help screen */
	int views;                  /* 1 << ui_view_id where it applies */
	int flags;
	int (*fn)(struct ui *ui, int count);    /* returns enum ui_dirty */
};

extern const struct ui_op ui_ops[];
extern const size_t ui_n_ops;
const struct ui_op *ui_op_find(const char *name);

/* --- keys ----------------------------------------------------------------- */

struct ui_binding {
	int key;                    /* curses key code or character */
	const struct ui_op *op;     /* NULL for a macro */
	char *macro;                /* keys to feed, for `macro` */
};

struct ui_keymap {
	struct ui_binding *b;
	size_t n;
};

/* The default bindings, in the config syntax ("bind index j next-entry"). */
extern const char *const ui_default_bindings[];
int ui_keys_init(struct ui *ui, struct err *e);
void ui_keys_done(struct ui *ui);
/* Applies a bind/unbind/macro line (argv from config_split). */
int ui_keys_apply(struct ui *ui, int argc, char **argv, struct err *e);
/* The binding of key in view (then in the generic context), or NULL. */
const struct ui_binding *ui_keys_lookup(struct ui *ui, enum ui_view_id v,
    int key);
/* Key names (keyname.h): for help ("j", "<Enter>", "^L", "<PageDown>";
 * buf >= 16) and from bind lines ("j", "<Enter>", "^G", "\\Cn"); -1
 * when unknown. */
void ui_key_name(int key, char *buf, size_t n);
int ui_key_parse(const char *s);
/* curses' code of a function key (KEY_UP...) as our key (keyname.h). */
int ui_key_from_curses(int code);

/* --- prompts ----------------------------------------------------------- */

enum ui_prompt_kind { PROMPT_NONE, PROMPT_YESNO, PROMPT_CHOICE, PROMPT_TEXT };

typedef int (*ui_prompt_fn)(struct ui *ui, const char *answer, void *ud);

struct ui_prompt {
	enum ui_prompt_kind kind;
	char *question;
	wchar_t *buf;               /* text being edited */
	size_t len, cap, pos;       /* in characters */
	int history;                /* which history list (enum below) */
	int hist_pos;               /* -1: editing a new line */
	bool complete_folders;      /* Tab completes folder names */
	bool incremental;           /* calls fn on every change (search) */
	char *choices;              /* PROMPT_CHOICE: the accepted keys */
	const char *const *words;   /* and the words they stand for, for
	                               ":sort subject" (NULL: none) */
	const char *suffix;         /* "(y/n)": never cut off the screen */
	const char *hint;           /* "Please answer y or n.", after it */
	ui_prompt_fn fn;            /* answer NULL: cancelled */
	void *ud;
};

enum { HIST_SEARCH, HIST_LIMIT, HIST_COMMAND, HIST_PATH, HIST_FOLDER,
    HIST_PIPE, HIST_SUBJECT, HIST_COUNT };

/* --- the app ------------------------------------------------------------- */

struct ui_undo {                /* one hide/unhide to take back */
	char **ids;                 /* short ids */
	size_t n;
	bool was_visible;
};

/* A program that takes over the terminal (a needsterminal viewer, a
 * pipe): started from the top of the loop once curses is suspended, run
 * as a job while the loop goes on without the keyboard (ui.c). */
enum ui_fg_state { FG_NONE, FG_QUEUED, FG_RUNNING, FG_WAIT_KEY };
struct ui_fg {
	enum ui_fg_state state;
	char *command;              /* a /bin/sh line */
	char *stdin_path;           /* or NULL: the terminal */
	char *remove_after;         /* a temporary copy to delete, or NULL */
	bool wait_key;              /* "Press Enter" before curses comes back */
	void (*then)(struct ui *, int status, void *);  /* once curses is
	                               back (the editor of a reply), or NULL */
	void *then_ud;
	int status;                 /* the program's exit status, -1 none */
	struct job *job;
	struct sigaction old_quit;
};

/* Work in the background whose results come back to the inbox: converting
 * a document to text, finding a viewer (ui-attach.c); cancelled at exit. */
struct ui_bg {
	struct ui_bg *next;
	struct ui *ui;
	struct convert *conv;
	char *tmp;                  /* the copy being worked on */
	bool kept;                  /* tmp is the store's copy: not removed */
	char *name;                 /* the document's name, for messages */
	char *media_type;
};

struct ui_pager {
	char *short_id;             /* which message (entries may move) */
	struct render render;
	char **lines;               /* wrapped display lines, sanitised */
	unsigned char *kinds;       /* enum render_kind per line */
	size_t n;
	size_t top;
	char *search;               /* last pager search */
	char *doc_text;             /* main document as text, or NULL */
	char *doc_error;            /* why it is not shown, or NULL */
	char *text_error;           /* why the text is missing, or NULL */
	/* A document read as text from the documents list, shown instead of
	 * the message until q goes back to the list. */
	char *doc_view_title, *doc_view_text;
	char *doc_view_heading;     /* line 1: "Document as text: NAME" */
	int doc_view_back;          /* the view q goes back to */
	size_t msg_top;             /* the message's scroll meanwhile */
	bool withheld;              /* registered mail: user said no */
	bool loading;               /* content on its way */
	struct convert *conv;       /* its main document being converted */
	char *conv_path;            /* the file converted */
	bool conv_remove;           /* a temporary copy: removed after */
	char lang[3];               /* language shown (L cycles), "" = default */
};

struct ui {
	struct app *app;
	int rows, cols;
	bool quit;
	bool accessible;
	bool ascii;                 /* no line drawing characters */
	bool pay_invert;            /* qr_invert: QR codes for a light
	                             * background */
	bool color;

	enum ui_view_id view;       /* current view */
	enum ui_view_id back_view;  /* where q goes from help/log */
	int dirty;

	/* main screen */
	bool sidebar;
	int sidebar_width;
	const char *index_format;   /* from the config, read once */
	bool spell_flags;
	struct folder *folders;
	size_t n_folders;
	size_t folder_sel;          /* highlighted in the sidebar */
	char *folder_name;          /* the open folder */
	struct mailbox_view mv;
	char *sel_id;               /* selected message's short id */
	bool sel_moved;             /* the user chose it (else: stay on top) */
	size_t sel;                 /* its row in mv */
	size_t top;                 /* first index row on screen */
	struct pattern *limit;
	char *limit_text;
	enum sort_key sort;
	bool reverse;
	int sort_conf, reverse_conf;    /* the configuration's, last read */
	char *search;               /* last index search */
	struct ui_found {           /* the store's answer to a search */
		char *text;
		int64_t *hits;      /* sorted rowids */
		size_t n;
	} found;

	struct ui_pager pager;
	size_t attach_sel;          /* attachments view */
	enum ui_view_id attach_from;    /* the view it was opened from */
	size_t help_top, log_top;

	/* status and message line */
	char *msg;
	bool msg_error;
	const char *msg_key;        /* what it is about (ui_note), or NULL */
	int msg_rows;               /* lines it takes at the bottom: 1..3 */
	int drawn_body_rows;        /* the body's height at the last draw */
	bool in_key;                /* a key is being handled (ui_key) */
	time_t msg_since;
	int msg_min;                /* seconds a message stays (accessible) */
	struct ui_queued {
		char *text;
		bool error;
		const char *key;
	} *queue;
	size_t n_queue;
	char **log;
	size_t n_log;
	int busy;                   /* saves and changes in flight: quitting
	                             * asks first, they would be lost */
	int replying;               /* replies in flight: quitting asks */
	int reading;                /* the pager's fetches: quitting stops
	                             * them without asking, nothing is lost */
	char *progress;             /* "saving x.pdf: 120 of 450 kB" */
	bool syncing;               /* a sync runs, or waits for the fill */
	bool sync_wanted, sync_full;    /* to start once the box is loaded */
	struct net_timer *fill_timer;   /* the next piece of the box */

	struct ui_prompt prompt;
	char **history[HIST_COUNT];
	size_t n_history[HIST_COUNT];

	struct ui_keymap keymaps[VIEW_COUNT + 1];    /* + generic */
	int count;                  /* count prefix being typed */
	int *pending_keys;          /* macro keys to feed */
	size_t n_pending, pos_pending;

	struct ui_save *saves;      /* downloads in flight (ui-attach.c) */
	struct {                    /* the saves since none was running */
		size_t total, done, failed;
	} save_batch;
	bool tag_prefix;            /* ; was pressed: next action on tagged */
	struct ui_undo *undo;
	size_t n_undo;

	struct theme theme;
	struct mailcap mailcap;
	int sigpipe[2];

	struct ui_fg fg;
	struct ui_bg *bg;
	char *tmpdir;               /* private (0700), removed at exit */
	unsigned tmp_seq;
};

/* ui.c */
int ui_main(struct app *s, struct err *e);
void ui_message(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A message about key (a static string: "save", "sync", "hide"...): it
 * replaces at once, on screen and in the queue, an earlier message about
 * the same thing, which is outdated by then ("Hiding..." by "Hid 1
 * message."); messages about different things take turns (accessible
 * mode: status_min_seconds each). */
void ui_note(struct ui *ui, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_note_error(struct ui *ui, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, for the log (M) only: the screen shows a summary. */
void ui_log_note(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Forgets the message about key, shown or queued (the thing is over and
 * nothing more is to be said). */
void ui_note_done(struct ui *ui, const char *key);
/* A configuration line typed after ':' (set, source, bind, unbind, macro,
 * color, mono), applied at once; false when argv[0] is none of them. */
bool ui_config_statement(struct ui *ui, int argc, char **argv);
/* Starts a sync of every provider (full: a complete listing, not only
 * what is new); the index follows as pages land. */
void ui_refresh(struct ui *ui, bool full);
/* Runs command (a /bin/sh line) with the terminal, from the top of the
 * loop: never inside the caller (often a network callback).  stdin_path
 * feeds its input; remove_after is deleted when it ends; wait_key asks
 * for Enter before the inbox comes back.  -1 when another program is
 * already using the terminal. */
int ui_foreground(struct ui *ui, const char *command, const char *stdin_path,
    bool wait_key, const char *remove_after);
/* The same for a program the inbox waits on (the editor of a reply):
 * then runs once the screen is back, with its exit status (-1 when it
 * did not exit normally). */
int ui_foreground_then(struct ui *ui, const char *command,
    void (*then)(struct ui *, int status, void *), void *ud);
/* A new private file in the inbox's temporary directory, named doc-N with
 * the extension of name when it has a plain one (viewers look at it);
 * its descriptor in *fd.  NULL and a message on failure. */
char *ui_tmp_file(struct ui *ui, const char *name, int *fd);
/* Background work: a new entry on ui->bg, and its removal. */
struct ui_bg *ui_bg_new(struct ui *ui, const char *name,
    const char *media_type, char *tmp);
void ui_bg_free(struct ui *ui, struct ui_bg *b);

/* ui-index.c */
void ui_index_rebuild(struct ui *ui);   /* after folder/limit/sort */
/* After the entries at indices touched[0..n) were added or changed: only
 * they move; the selected message stays selected, on the same line. */
void ui_index_update(struct ui *ui, const size_t *touched, size_t n);
/* Asks the store again for the limit's text terms (after a sync). */
void ui_index_limit_again(struct ui *ui);
struct mailbox_entry *ui_index_selected(struct ui *ui);
/* Unread messages in the index as it is shown (folder and limit). */
size_t ui_index_unread(struct ui *ui);
/* "61 messages, 16 unread" (plural forms right in every language). */
char *ui_index_counts(struct ui *ui);
void ui_index_select_row(struct ui *ui, size_t row);
void ui_index_open_folder(struct ui *ui, const char *name);
/* The folder's name as shown (translated label, or the partition id). */
const char *ui_folder_label(struct ui *ui, const char *name);
extern const struct view ui_view_index, ui_view_sidebar;

/* ui-pager.c */
void ui_pager_open(struct ui *ui, struct mailbox_entry *en, bool confirmed);
void ui_pager_show_text(struct ui *ui, const char *title, const char *text);
/* The same with another first line (a payment, the agenda). */
void ui_pager_show_titled(struct ui *ui, const char *heading,
    const char *title, const char *text);
/* Leaves a document shown as text: the message is back (and q went back
 * to the documents list).  False when no document was shown. */
bool ui_pager_close_text(struct ui *ui);
void ui_pager_layout(struct ui *ui);    /* after a resize */
void ui_pager_done(struct ui_pager *p);
int ui_pager_search_prompt(struct ui *ui);
int ui_pager_search_again(struct ui *ui, int dir);
extern const struct view ui_view_pager;

/* ui-attach.c */
extern const struct view ui_view_attach;
/* Saves document doc (-1: the main one) of en into dir, in the
 * background; progress on the status line. */
int ui_attach_save(struct ui *ui, struct mailbox_entry *en, int doc,
    const char *dir);
void ui_attach_cancel_all(struct ui *ui);
int ui_attach_save_to(struct ui *ui, struct mailbox_entry *en, size_t doc,
    const char *path, bool into_dir);
/* What "Save to:" proposes for a: save_dir, '/', the sanitised name; a
 * new string.  Never the sender's raw name (it may hold "../"). */
char *ui_attach_prefill(struct ui *ui, const struct ebox_attachment *a);

/* ui-help.c, ui-log.c */
extern const struct view ui_view_help, ui_view_log;

/* ui-help.c: every view's bindings as the help screen shows them */
void ui_help_print(struct ui *ui, FILE *f);

/* ui-prompt.c */
void ui_prompt_yesno(struct ui *ui, const char *question, ui_prompt_fn fn,
    void *ud);
/* One key out of choices ("dfsep"); fn gets it as a one-letter string. */
void ui_prompt_choice(struct ui *ui, const char *question,
    const char *choices, ui_prompt_fn fn, void *ud);
/* The same, the keys standing for words (choices[i] for words[i]), so
 * that ":sort subject" answers it. */
void ui_prompt_choice_words(struct ui *ui, const char *question,
    const char *choices, const char *const *words, ui_prompt_fn fn,
    void *ud);
void ui_prompt_text(struct ui *ui, const char *question, const char *initial,
    int history, ui_prompt_fn fn, void *ud);
/* Feeds a key to the open prompt; returns enum ui_dirty. */
int ui_prompt_key(struct ui *ui, int key, bool is_char);
void ui_prompt_draw(struct ui *ui);
void ui_prompt_cursor(struct ui *ui, int *y, int *x);
void ui_prompt_close(struct ui *ui);
/* Answers the open text prompt with text, as if typed and Enter pressed. */
int ui_prompt_submit(struct ui *ui, const char *text);

/* ui-draw.c: shared drawing helpers */
/* Writes s (already sanitised) at y,x in exactly cols columns. */
void ui_draw_text(int y, int x, const char *s, int cols, enum theme_element el);
/* ASCII only: "~" instead of "…" when text is cut (see ui->ascii). */
void ui_draw_set_ascii(bool ascii);
void ui_draw_status(struct ui *ui);
void ui_draw_line(struct ui *ui);
/* The first two lines: the screen's name (its heading), then the keys
 * of its main operations, "?" always among them. */
void ui_draw_title(struct ui *ui);
void ui_draw_hints(struct ui *ui);
/* The lines of the screen, top down: title, key hints, the view's body,
 * the status line, the message line(s) (ui->msg_rows of them). */
#define UI_TITLE_Y 0
#define UI_HINTS_Y 1
#define UI_BODY_Y 2
int ui_body_rows(const struct ui *ui);
int ui_status_y(const struct ui *ui);
int ui_line_y(const struct ui *ui);
/* Appends text to (*lines, *n), cut at spaces into lines of at most cols
 * columns (never inside a character); continuation lines are indented
 * by indent columns (help, log). */
void ui_wrap_append(char ***lines, size_t *n, const char *text, int cols,
    int indent);
/* How many lines (1..3) text takes on the message line; the lines, cut
 * at spaces, into lines[] (new strings) when lines is not NULL. */
#define UI_MSG_ROWS_MAX 3
int ui_msg_wrap(const struct ui *ui, const char *text,
    char *lines[UI_MSG_ROWS_MAX]);

#endif
