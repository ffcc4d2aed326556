/* ui.c - the interactive inbox: curses set-up and teardown, signals, the
 * one event loop, the message line and the sync that feeds the index.
 *
 * The loop: draw what is dirty (one doupdate), drain every key curses has
 * buffered, then wait in net_poll() on curl's sockets, the keyboard and
 * the signal self-pipe.  Nothing else ever waits, so keys work while
 * requests run and nothing repaints while idle.
 */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/keyname.h"
#include "ebox/log.h"
#include "ebox/sync.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"
#include "ui.h"
#include "ui-theme.h"


static void ui_resized(struct ui *ui);
static void ui_relayout(struct ui *ui);

static int ui_sigfd = -1;       /* the self-pipe's write end, for handlers */
static bool ui_curses_on;

const struct view *const ui_views[VIEW_COUNT] = {
	[VIEW_INDEX] = &ui_view_index,
	[VIEW_SIDEBAR] = &ui_view_sidebar,
	[VIEW_PAGER] = &ui_view_pager,
	[VIEW_ATTACH] = &ui_view_attach,
	[VIEW_HELP] = &ui_view_help,
	[VIEW_LOG] = &ui_view_log,
};

const struct view *
ui_view_find(const char *name)
{
	size_t i;

	for (i = 0; i < VIEW_COUNT; i++) {
		if (strcmp(ui_views[i]->name, name) == 0)
			return ui_views[i];
	}
	return NULL;
}

/* --- terminal lifetime ------------------------------------------------ */

/* Restores the terminal; safe to call more than once and from the fatal
 * paths (xalloc's hook, fatal signals). */
static void
ui_curses_end(void)
{
	if (!ui_curses_on)
		return;
	ui_curses_on = false;
	endwin();
}

static void
ui_fatal_signal(int sig)
{
	ui_curses_end();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
ui_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;

	if (ui_sigfd >= 0)
		(void)!write(ui_sigfd, &b, 1);
	errno = saved;
}

static int
ui_signals_start(struct ui *ui, struct err *e)
{
	static const int fatal_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
	    SIGABRT };
	static const int loop_sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	if (pipe(ui->sigpipe) != 0)
		return err_set(e, ERR_IO, _("cannot create a pipe: %s"),
		    strerror(errno));
	for (i = 0; i < 2; i++) {
		fcntl(ui->sigpipe[i], F_SETFL, O_NONBLOCK);
		fcntl(ui->sigpipe[i], F_SETFD, FD_CLOEXEC);
	}
	ui_sigfd = ui->sigpipe[1];
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_signal;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof loop_sigs / sizeof loop_sigs[0]; i++)
		sigaction(loop_sigs[i], &sa, NULL);
	sa.sa_handler = ui_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatal_sigs / sizeof fatal_sigs[0]; i++)
		sigaction(fatal_sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static void
ui_signals_stop(struct ui *ui)
{
	static const int sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
	size_t i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	ui_sigfd = -1;
	close(ui->sigpipe[0]);
	close(ui->sigpipe[1]);
}

static int
ui_curses_start(struct ui *ui, struct err *e)
{
	/* curses writes its own escape sequences: it gets the real
	 * terminal, not the output gate that the rest of the program's
	 * stdout goes through (every string it draws is sanitised in
	 * ui_draw_text instead). */
	if (newterm(NULL, out_tty != NULL ? out_tty : stdout, stdin) == NULL)
		return err_set(e, ERR_USAGE, _("this terminal (TERM=%s) is "
		    "unknown to curses; check TERM, or use the command line: "
		    "ebox-tui list (see ebox-tui --help)"), getenv("TERM"));
	ui_curses_on = true;
	xalloc_set_fatal_hook(ui_curses_end);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* The cursor marks the focus in every mode: braille displays and
	 * screen readers follow it, not reverse video, and not everyone who
	 * needs them turns on accessible mode.  Sighted users see it on the
	 * > marker, where it hides nothing. */
	curs_set(1);
	ui_theme_start(&ui->theme, ui->color);
	getmaxyx(stdscr, ui->rows, ui->cols);
	return 0;
}

/* --- messages ---------------------------------------------------------- */

static void
ui_log_add(struct ui *ui, const char *text, bool error)
{
	char stamp[16];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
	ui->log = xreallocarray(ui->log, ui->n_log + 1, sizeof *ui->log);
	ui->log[ui->n_log++] = xasprintf("%s %s%s", stamp,
	    error ? _("error: ") : "", text);
}

static void
ui_show_message(struct ui *ui, char *text, bool error, const char *key)
{
	int rows = text != NULL ? ui_msg_wrap(ui, text, NULL) : 1;

	free(ui->msg);
	ui->msg = text;
	ui->msg_error = error;
	ui->msg_key = key;
	ui->msg_since = time(NULL);
	ui->dirty |= UI_DIRTY_LINE | UI_DIRTY_STATUS;
	/* A longer message takes more lines: the body gives them up. */
	if (rows != ui->msg_rows) {
		ui->msg_rows = rows;
		ui->dirty |= UI_DIRTY_ALL;
		ui_relayout(ui);
	}
}

/* Drops the queued messages about key: outdated. */
static void
ui_queue_forget(struct ui *ui, const char *key)
{
	size_t i, k;

	for (i = k = 0; i < ui->n_queue; i++) {
		if (key != NULL && ui->queue[i].key != NULL &&
		    strcmp(ui->queue[i].key, key) == 0)
			free(ui->queue[i].text);
		else
			ui->queue[k++] = ui->queue[i];
	}
	ui->n_queue = k;
}

static bool
ui_same_key(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Every message goes to the log at once.  On screen, in accessible mode,
 * a message stays msg_min seconds before the next replaces it, so that
 * a screen reader has time to speak it; but a message about the same
 * thing as the one shown or queued replaces it at once: the older one
 * is outdated, and nothing is said late. */
static void
ui_vnote(struct ui *ui, const char *key, bool error, const char *fmt,
    va_list ap)
{
	char *text = xvasprintf(fmt, ap);

	ui_log_add(ui, text, error);
	log_msg("%s%s", error ? "error: " : "", text);
	ui_queue_forget(ui, key);
	if (ui->msg_min > 0 && ui->msg != NULL && !ui->in_key &&
	    !ui_same_key(key, ui->msg_key) &&
	    time(NULL) - ui->msg_since < ui->msg_min) {
		ui->queue = xreallocarray(ui->queue, ui->n_queue + 1,
		    sizeof *ui->queue);
		ui->queue[ui->n_queue].text = text;
		ui->queue[ui->n_queue].error = error;
		ui->queue[ui->n_queue++].key = key;
		return;
	}
	ui_show_message(ui, text, error, key);
}

/* Milliseconds until the next queued message is due; -1: none queued. */
static int
ui_queue_due_ms(struct ui *ui)
{
	time_t due;

	if (ui->n_queue == 0)
		return -1;
	due = ui->msg_since + ui->msg_min;
	if (due <= time(NULL)) {
		ui_show_message(ui, ui->queue[0].text, ui->queue[0].error,
		    ui->queue[0].key);
		memmove(ui->queue, ui->queue + 1,
		    --ui->n_queue * sizeof *ui->queue);
		return ui->n_queue ? ui->msg_min * 1000 : -1;
	}
	return (int)(due - time(NULL)) * 1000;
}

void
ui_log_note(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	ui_log_add(ui, text, false);
	log_msg("%s", text);
	free(text);
}

void
ui_note_done(struct ui *ui, const char *key)
{
	ui_queue_forget(ui, key);
	if (ui_same_key(key, ui->msg_key))
		ui_show_message(ui, NULL, false, NULL);
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vnote(ui, NULL, false, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vnote(ui, NULL, true, fmt, ap);
	va_end(ap);
	beep();
}

void
ui_note(struct ui *ui, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vnote(ui, key, false, fmt, ap);
	va_end(ap);
}

void
ui_note_error(struct ui *ui, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vnote(ui, key, true, fmt, ap);
	va_end(ap);
	beep();
}

/* --- the sync ------------------------------------------------------------ */

/* A page landed: only the entries it touched move in the index. */
static void
ui_sync_change(struct app *a, const size_t *touched, size_t n, void *ud)
{
	struct ui *ui = ud;

	xfree(&ui->found.text);         /* the store holds more now */
	ui_index_update(ui, touched, n);
	ui->dirty |= UI_DIRTY_VIEW | UI_DIRTY_SIDEBAR | UI_DIRTY_STATUS;
}

/* One sentence per provider that failed, then the outcome. */
static void
ui_sync_done(struct app *a, void *ud)
{
	struct ui *ui = ud;
	const struct app_sync_state *st = &a->last;
	struct ebox_source *src;
	size_t i, n;

	ui->syncing = false;
	ui->dirty |= UI_DIRTY_ALL;
	ui_index_limit_again(ui);
	if (st->cancelled) {
		ui_note(ui, "sync", "%s", _("Sync stopped; what came so far is "
		    "kept."));
		return;
	}
	/* What happened, and what to do about it; the index says it too
	 * when it has nothing to show. */
	if (st->answered == 0 && st->err.code != 0) {
		if (st->offline)
			ui_note_error(ui, "sync", _("Offline: showing the mail "
			    "kept on this computer (%s). Check your connection; R "
			    "tries again."), st->err.msg);
		else
			ui_note_error(ui, "sync", _("The eBox did not answer: "
			    "%s. R tries again."), st->err.msg);
		return;
	}
	src = ebox_client_sources(a->client, &n);
	for (i = 0; i < n; i++) {
		if (src[i].state == PROVIDER_FAILED)
			ui_error(ui, "%s", src[i].err.msg);
	}
	for (i = 0; i < st->n_notices; i++)
		ui_error(ui, "%s", st->notices[i]);
	/* The end of a sync in words: screen readers hear that it is over,
	 * and what it brought. */
	if (st->answered == st->asked) {
		char *msgs = xasprintf(ngettext("%zu message", "%zu messages",
		    a->mb.n), a->mb.n);
		char *provs = xasprintf(ngettext("%zu provider",
		    "%zu providers", st->asked), st->asked);

		/* TRANSLATORS: "62 messages from 2 providers; 1 new." */
		ui_note(ui, "sync", ngettext("%s from %s; %zu new.",
		    "%s from %s; %zu new.", st->new_messages), msgs, provs,
		    st->new_messages);
		free(msgs);
		free(provs);
	} else
		ui_note_done(ui, "sync");
}

/* One piece of the local mailbox into the index, then the next from the
 * loop: keys go on while a large box loads; the sync waits for it. */
static void
ui_fill_piece(void *ud)
{
	struct ui *ui = ud;
	const size_t *touched;
	struct err e;
	size_t n;

	ui->fill_timer = NULL;
	if (app_fill_more(ui->app, APP_FILL_PIECE, &touched, &n, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		ui->app->fill.done = true;      /* what came is shown */
	} else
		ui_index_update(ui, touched, n);
	ui->dirty |= UI_DIRTY_VIEW | UI_DIRTY_SIDEBAR | UI_DIRTY_STATUS;
	if (app_filling(ui->app)) {
		ui->fill_timer = net_timer_add(ui->app->net, 0, ui_fill_piece, ui);
		return;
	}
	if (ui->sync_wanted) {
		ui->sync_wanted = false;
		ui_refresh(ui, ui->sync_full);
	}
}

void
ui_refresh(struct ui *ui, bool full)
{
	struct sync_cb cb;
	struct err e;

	if (app_filling(ui->app) && !ui->app->offline) {
		/* After the local mailbox is all in (ui_fill_piece). */
		ui->sync_wanted = true;
		ui->sync_full = ui->sync_full || full;
		ui->syncing = true;
		return;
	}

	if (ui->app->offline) {
		ui_error(ui, _("Offline (--offline): the mail is not fetched."));
		return;
	}
	if (sync_running(ui->app)) {
		ui_message(ui, _("Already fetching the mail."));
		return;
	}
	memset(&cb, 0, sizeof cb);
	cb.on_change = ui_sync_change;
	cb.on_done = ui_sync_done;
	cb.ud = ui;
	if (sync_start(ui->app, full ? SYNC_FULL : 0, &cb, &e) != 0) {
		ui_error(ui, "%s", e.msg);
		return;
	}
	ui->syncing = true;
	ui->dirty |= UI_DIRTY_STATUS;
}

/* --- programs with the terminal, copies, background work ------------------ */

int
ui_foreground(struct ui *ui, const char *command, const char *stdin_path,
    bool wait_key, const char *remove_after)
{
	struct ui_fg *fg = &ui->fg;

	if (fg->state != FG_NONE) {
		ui_error(ui, _("Another program is using the terminal."));
		if (remove_after != NULL)
			unlink(remove_after);
		return -1;
	}
	fg->state = FG_QUEUED;
	fg->command = xstrdup(command);
	fg->stdin_path = xstrdup(stdin_path);
	fg->remove_after = xstrdup(remove_after);
	fg->wait_key = wait_key;
	return 0;
}

int
ui_foreground_then(struct ui *ui, const char *command,
    void (*then)(struct ui *, int, void *), void *ud)
{
	if (ui_foreground(ui, command, NULL, false, NULL) != 0)
		return -1;
	ui->fg.then = then;
	ui->fg.then_ud = ud;
	return 0;
}

static void
ui_fg_clear(struct ui_fg *fg)
{
	if (fg->remove_after != NULL)
		unlink(fg->remove_after);
	xfree(&fg->command);
	xfree(&fg->stdin_path);
	xfree(&fg->remove_after);
	fg->job = NULL;
	fg->then = NULL;
	fg->then_ud = NULL;
	fg->state = FG_NONE;
}

/* The terminal comes back to the inbox. */
static void
ui_fg_resume(struct ui *ui)
{
	void (*then)(struct ui *, int, void *) = ui->fg.then;
	void *ud = ui->fg.then_ud;
	int status = ui->fg.status;

	sigaction(SIGQUIT, &ui->fg.old_quit, NULL);
	ui_fg_clear(&ui->fg);
	reset_prog_mode();
	clearok(curscr, TRUE);
	ui->dirty |= UI_DIRTY_ALL;
	if (then != NULL)
		then(ui, status, ud);
}

static void
ui_fg_done(struct job *j, struct spawn_result *r, const struct err *e,
    void *ud)
{
	struct ui *ui = ud;

	ui->fg.job = NULL;
	ui->fg.status = r != NULL && e == NULL ? r->status : -1;
	if (e != NULL && e->code != ERR_CANCELLED)
		ui_error(ui, "%s", e->msg);
	if (ui->fg.wait_key && !ui->quit) {
		fputs(_("\nPress Enter to go back to ebox-tui."), stdout);
		fflush(stdout);
		ui->fg.state = FG_WAIT_KEY;
		return;
	}
	ui_fg_resume(ui);
}

/* From the top of the loop: suspend curses and start the queued program
 * as a job.  ^C and ^\\ are for it while it runs, as with the C
 * library's system function. */
static void
ui_fg_start(struct ui *ui)
{
	struct ui_fg *fg = &ui->fg;
	struct spawn_opts o;
	struct sigaction ign;
	struct err e;

	memset(&o, 0, sizeof o);
	o.shell = fg->command;
	o.stdin_path = fg->stdin_path;
	o.inherit_stdio = true;
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGQUIT, &ign, &fg->old_quit);
	fg->state = FG_RUNNING;
	if ((fg->job = job_start(ui->app->net, &o, ui_fg_done, ui, &e)) == NULL) {
		ui_fg_resume(ui);
		ui_error(ui, "%s", e.msg);
	}
}

/* "Press Enter": the terminal is in its normal mode, so a whole line
 * is there once poll() says so. */
static void
ui_fg_key(struct ui *ui)
{
	char buf[256];
	ssize_t n = read(STDIN_FILENO, buf, sizeof buf);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0 || memchr(buf, '\n', (size_t)n) != NULL ||
	    memchr(buf, '\r', (size_t)n) != NULL)
		ui_fg_resume(ui);
}

char *
ui_tmp_file(struct ui *ui, const char *name, int *fd)
{
	const char *dot = name != NULL ? strrchr(name, '.') : NULL;
	char ext[12] = "";
	size_t i, n;
	char *path;

	*fd = -1;
	if (ui->tmpdir == NULL) {
		ui_error(ui, _("cannot create a temporary file: %s"),
		    strerror(ENOENT));
		return NULL;
	}
	/* Viewers may go by the extension; only a plain one is kept, so
	 * the path stays plain for mailcap templates. */
	if (dot != NULL && (n = strlen(dot + 1)) > 0 && n < sizeof ext - 1) {
		for (i = 0; i < n && isalnum((unsigned char)dot[1 + i]); i++)
			;
		if (i == n)
			snprintf(ext, sizeof ext, ".%s", dot + 1);
	}
	path = xasprintf("%s/doc-%u%s", ui->tmpdir, ++ui->tmp_seq, ext);
	if ((*fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0) {
		ui_error(ui, _("cannot create a temporary file: %s"),
		    strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

/* The inbox's private directory for copies of documents handed to
 * viewers: a graphical viewer may open its file long after it started,
 * so copies stay until ebox-tui quits (finding 13: unlinking right after
 * exec raced the viewer). */
static void
ui_tmpdir_start(struct ui *ui)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/ebox-tui-XXXXXX", base && *base ? base :
	    "/tmp");

	if (mkdtemp(dir) == NULL) {
		free(dir);
		return;
	}
	ui->tmpdir = dir;
}

static void
ui_tmpdir_remove(struct ui *ui)
{
	struct dirent *d;
	DIR *dir;
	char *p;

	if (ui->tmpdir == NULL || (dir = opendir(ui->tmpdir)) == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", ui->tmpdir, d->d_name);
		unlink(p);
		free(p);
	}
	closedir(dir);
	rmdir(ui->tmpdir);
	xfree(&ui->tmpdir);
}

struct ui_bg *
ui_bg_new(struct ui *ui, const char *name, const char *media_type, char *tmp)
{
	struct ui_bg *b = xcalloc(1, sizeof *b);

	b->ui = ui;
	b->tmp = tmp;
	b->name = xstrdup(name);
	b->media_type = xstrdup(media_type);
	b->next = ui->bg;
	ui->bg = b;
	return b;
}

void
ui_bg_free(struct ui *ui, struct ui_bg *b)
{
	struct ui_bg **pp;

	for (pp = &ui->bg; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	}
	free(b->tmp);
	free(b->name);
	free(b->media_type);
	free(b);
}

/* --- keys ----------------------------------------------------------------- */

/* Runs one key in the current view: prompt first, then the count prefix,
 * then the binding (an operation, or a macro whose keys are queued). */
static void
ui_key_run(struct ui *ui, int key, bool is_char)
{
	const struct ui_binding *b;
	const struct ui_op *op;
	size_t i, len;
	int count;

	if (ui->prompt.kind != PROMPT_NONE) {
		ui->dirty |= ui_prompt_key(ui, key, is_char);
		return;
	}
	if (is_char && key >= '0' && key <= '9' && (ui->count > 0 || key != '0')) {
		if (ui->count < 100000)
			ui->count = ui->count * 10 + (key - '0');
		ui_note(ui, "count", _("Count: %d"), ui->count);
		return;
	}
	count = ui->count;
	ui->count = 0;
	if (count > 0)
		ui_note_done(ui, "count");      /* it has done its job */
	if ((b = ui_keys_lookup(ui, ui->view, key)) == NULL) {
		char name[32];

		ui_key_name(key, name, sizeof name);
		ui_error(ui, _("The key %s does nothing here. Press ? for help."),
		    name);
		return;
	}
	if (b->macro != NULL) {
		len = strlen(b->macro);
		free(ui->pending_keys);
		ui->pending_keys = xcalloc(len + 1, sizeof *ui->pending_keys);
		ui->n_pending = 0;
		for (i = 0; i < len; i++)
			ui->pending_keys[ui->n_pending++] =
			    (unsigned char)b->macro[i];
		ui->pos_pending = 0;
		return;
	}
	op = b->op;
	if ((op->flags & OP_NEEDS_MESSAGE) && ui_index_selected(ui) == NULL) {
		ui_error(ui, _("No message is selected."));
		return;
	}
	ui->dirty |= op->fn(ui, count);
}

/* What a key says comes at once, whatever waits in the queue: the
 * reader pressed the key and listens for its answer (the queue is for
 * what happens meanwhile: a provider that failed, a save done). */
static void
ui_key(struct ui *ui, int key, bool is_char)
{
	ui->in_key = true;
	ui_key_run(ui, key, is_char);
	ui->in_key = false;
}

/* Reads every key curses holds (neomutt key/get.c: curses buffers keys of
 * its own, so poll() alone would miss them).  Returns true if any. */
static bool
ui_drain_keys(struct ui *ui)
{
	bool any = false;
	wint_t wc;
	int r;

	while (ui->pos_pending < ui->n_pending && !ui->quit) {
		int k = ui->pending_keys[ui->pos_pending++];

		ui_key(ui, k == '\n' ? '\r' : k, k < KEYNAME_FN);
		any = true;
	}
	nodelay(stdscr, TRUE);
	while (!ui->quit && (r = wget_wch(stdscr, &wc)) != ERR) {
		any = true;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE) {
				ui_resized(ui);
				continue;
			}
			ui_key(ui, ui_key_from_curses((int)wc), false);
		} else
			ui_key(ui, wc == '\n' ? '\r' : (int)wc, true);
	}
	return any;
}

/* --- drawing ------------------------------------------------------------- */

/* The body changed height (a longer message, a resize): the selection
 * stays in sight. */
static void
ui_relayout(struct ui *ui)
{
	ui_index_select_row(ui, ui->sel);
}

/* After a resize every view reflows and the selection stays in sight. */
static void
ui_resized(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->msg_rows = ui->msg != NULL ? ui_msg_wrap(ui, ui->msg, NULL) : 1;
	ui_pager_layout(ui);
	ui_relayout(ui);
	ui->dirty |= UI_DIRTY_ALL;
}

static void
ui_draw(struct ui *ui)
{
	const struct view *v = ui_views[ui->view];
	int y = 0, x = 0;

	/* A prompt or a longer message changed the body's height. */
	if (ui_body_rows(ui) != ui->drawn_body_rows) {
		ui->drawn_body_rows = ui_body_rows(ui);
		ui_relayout(ui);
		ui->dirty |= UI_DIRTY_ALL;
	}
	if (ui->dirty & (UI_DIRTY_VIEW | UI_DIRTY_STATUS)) {
		ui_draw_title(ui);
		ui_draw_hints(ui);
	}
	if (ui->dirty & (UI_DIRTY_VIEW | UI_DIRTY_SIDEBAR))
		v->draw(ui);
	if (ui->dirty & (UI_DIRTY_STATUS | UI_DIRTY_VIEW))
		ui_draw_status(ui);
	if (ui->dirty & (UI_DIRTY_LINE | UI_DIRTY_VIEW))
		ui_draw_line(ui);
	if (ui->prompt.kind != PROMPT_NONE)
		ui_prompt_cursor(ui, &y, &x);
	else
		v->cursor(ui, &y, &x);
	move(y, x);
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = UI_DIRTY_NONE;
}

static void
ui_handle_signals(struct ui *ui)
{
	unsigned char b;

	while (read(ui->sigpipe[0], &b, 1) == 1) {
		switch (b) {
		case SIGWINCH:
			/* curses delivers KEY_RESIZE too; this covers the case
			 * where it did not see the signal itself. */
			endwin();
			refresh();
			ui_resized(ui);
			break;
		case SIGINT:
			/* ^C is for the program that has the terminal. */
			if (ui->fg.state == FG_NONE)
				ui->quit = true;
			break;
		default:        /* SIGTERM, SIGHUP */
			ui->quit = true;
			break;
		}
	}
}

/* While another program has the terminal the loop goes on (transfers,
 * jobs) but neither draws nor reads keys: the keyboard is the program's,
 * then only the Enter of "Press Enter" is read. */
static void
ui_loop_foreground(struct ui *ui)
{
	struct pollfd fds[2];

	fds[0].fd = ui->sigpipe[0];
	fds[0].events = POLLIN;
	fds[1].fd = STDIN_FILENO;
	fds[1].events = POLLIN;
	net_poll(ui->app->net, fds, ui->fg.state == FG_WAIT_KEY ? 2 : 1, 60000);
	if (fds[0].revents & POLLIN)
		ui_handle_signals(ui);
	if (ui->fg.state == FG_WAIT_KEY && (fds[1].revents & (POLLIN | POLLHUP)))
		ui_fg_key(ui);
}

static void
ui_loop(struct ui *ui)
{
	struct pollfd fds[2];
	int wait;

	ui->dirty = UI_DIRTY_ALL;
	while (!ui->quit) {
		if (ui->fg.state == FG_QUEUED)
			ui_fg_start(ui);
		if (ui->fg.state != FG_NONE) {
			ui_loop_foreground(ui);
			continue;
		}
		if (ui->dirty)
			ui_draw(ui);
		if (ui_drain_keys(ui))
			continue;
		if (ui->quit)
			break;
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[1].fd = ui->sigpipe[0];
		fds[1].events = POLLIN;
		fds[0].revents = fds[1].revents = 0;
		wait = ui_queue_due_ms(ui);
		if (ui->dirty)
			continue;       /* a queued message just came due */
		net_poll(ui->app->net, fds, 2, wait >= 0 ? wait : 60000);
		if (fds[1].revents & POLLIN)
			ui_handle_signals(ui);
	}
}

/* --- set-up ---------------------------------------------------------------- */

/* The Linux virtual console (linux, linux-16color...). */
static bool
ui_term_is_console(void)
{
	const char *term = getenv("TERM");

	return term != NULL && strncmp(term, "linux", 5) == 0;
}

/* The options the inbox reads: at start, and again after :set or
 * :source. */
static void
ui_read_options(struct ui *ui)
{
	struct config *c = &ui->app->cfg;
	const struct account *a = ui->app->acct;
	size_t i;

	ui->accessible = config_bool(c, a, "accessible");
	/* Line drawing needs UTF-8; in another locale draw plain ASCII.  So
	 * does the Linux console (TERM=linux), where Speakup and BRLTTY
	 * read the screen: its font may lack the characters, and a braille
	 * line has no use for them. */
	ui->ascii = config_bool(c, a, "ascii") ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0 || ui_term_is_console();
	ui_draw_set_ascii(ui->ascii);
	ui->msg_min = ui->accessible ?
	    (int)config_int(c, a, "status_min_seconds") : 0;
	ui->color = config_bool(c, a, "color") && getenv("NO_COLOR") == NULL;
	ui->sidebar = config_bool(c, a, "sidebar") && !ui->accessible;
	ui->sidebar_width = (int)config_int(c, a, "sidebar_width");
	ui->pay_invert = config_bool(c, a, "qr_invert");
	ui->index_format = config_str(c, a, ui->accessible ?
	    "accessible_index_format" : "index_format");
	ui->spell_flags = config_bool(c, a, "spell_flags");
	/* The order the user chose with o or :sort stays until the
	 * configuration's own changes. */
	for (i = 0; sort_key_names[i] != NULL; i++) {
		if (strcmp(sort_key_names[i], config_str(c, a, "sort")) == 0 &&
		    (int)i != ui->sort_conf) {
			ui->sort = (enum sort_key)i;
			ui->sort_conf = (int)i;
		}
	}
	if ((int)config_bool(c, a, "sort_reverse") != ui->reverse_conf) {
		ui->reverse = config_bool(c, a, "sort_reverse");
		ui->reverse_conf = ui->reverse;
	}
}

/* The bind, macro, color and mono lines of the configuration, from the
 * from-th on. */
static int
ui_apply_lines(struct ui *ui, size_t from, struct err *e)
{
	struct config *c = &ui->app->cfg;
	size_t i;
	int r;

	for (i = from; i < c->n_ui_lines; i++) {
		struct config_line *l = &c->ui_lines[i];

		if (strcmp(l->argv[0], "color") == 0 ||
		    strcmp(l->argv[0], "mono") == 0)
			r = theme_apply(&ui->theme, l->argc, l->argv, e);
		else
			r = ui_keys_apply(ui, l->argc, l->argv, e);
		if (r != 0) {
			err_prefix(e, "%s:%d", l->file, l->line);
			return r;
		}
	}
	return 0;
}

static int
ui_config(struct ui *ui, struct err *e)
{
	struct config *c = &ui->app->cfg;
	const struct account *a = ui->app->acct;
	const char *dirs[4];
	char *user_dir, *dev_dir = NULL;
	const char *env_dir = getenv("EBOX_TUI_THEMES");
	size_t nd = 0;
	int r;

	ui_read_options(ui);
	user_dir = xdg_config_dir();
	dev_dir = xasprintf("%s/themes", user_dir);
	if (env_dir != NULL)
		dirs[nd++] = env_dir;
	dirs[nd++] = dev_dir;
	dirs[nd++] = DATADIR "/themes";
	dirs[nd] = NULL;
	r = theme_load(&ui->theme, config_str(c, a, "theme"), dirs, e);
	free(user_dir);
	free(dev_dir);
	if (r != 0)
		return r;
	mailcap_load(&ui->mailcap, NULL);
	if (ui_keys_init(ui, e) != 0)
		return e->code;
	return ui_apply_lines(ui, 0, e);
}

/* After :set or :source: the options again, the colours, the index in
 * its (maybe new) order and format. */
static void
ui_reconfigure(struct ui *ui)
{
	ui_read_options(ui);
	ui_theme_start(&ui->theme, ui->color);
	ui_index_rebuild(ui);
	ui_pager_layout(ui);
	ui->dirty |= UI_DIRTY_ALL;
}

/* A configuration statement typed after ':' (set, source, bind,
 * unbind, macro, color, mono): it applies at once.  Returns false when
 * argv[0] is not one (then it names an operation). */
bool
ui_config_statement(struct ui *ui, int argc, char **argv)
{
	struct config *c = &ui->app->cfg;
	size_t before = c->n_ui_lines;
	const char *value;
	char *path;
	struct err e;
	int r;

	err_clear(&e);
	if (strcmp(argv[0], "set") == 0) {
		if (argc == 2) {        /* :set NAME shows the value */
			if (config_option_find(argv[1]) == NULL)
				r = err_set(&e, ERR_USAGE, _("unknown option '%s'"),
				    argv[1]);
			else {
				value = config_str(c, ui->app->acct, argv[1]);
				ui_message(ui, "%s = %s", argv[1], value ? value :
				    "");
				return true;
			}
		} else if (argc != 3)
			r = err_set(&e, ERR_USAGE, _("use: set NAME VALUE"));
		else if ((r = config_set(c, NULL, argv[1], argv[2], &e)) != 0 &&
		    ui->app->acct != NULL)
			r = config_set(c, ui->app->acct, argv[1], argv[2], &e);
		if (r == 0) {
			ui_reconfigure(ui);
			ui_message(ui, "%s = %s", argv[1], argv[2]);
		}
	} else if (strcmp(argv[0], "source") == 0) {
		if (argc != 2)
			r = err_set(&e, ERR_USAGE, _("use: source FILE"));
		else {
			path = xdg_expand_home(argv[1]);
			if ((r = config_load(c, path, &e)) == 0 &&
			    (r = ui_apply_lines(ui, before, &e)) == 0) {
				ui_reconfigure(ui);
				ui_message(ui, _("Read %s."), path);
			}
			free(path);
		}
	} else if (strcmp(argv[0], "bind") == 0 ||
	    strcmp(argv[0], "unbind") == 0 || strcmp(argv[0], "macro") == 0) {
		if ((r = ui_keys_apply(ui, argc, argv, &e)) == 0)
			ui_message(ui, "%s", _("Done: the help screen (?) shows "
			    "the keys."));
	} else if (strcmp(argv[0], "color") == 0 ||
	    strcmp(argv[0], "mono") == 0) {
		if ((r = theme_apply(&ui->theme, argc, argv, &e)) == 0)
			ui_reconfigure(ui);
	} else
		return false;
	if (r != 0)
		ui_error(ui, "%s", e.msg);
	ui->dirty |= UI_DIRTY_ALL;
	return true;
}

static int
ui_check_terminal(struct err *e)
{
	const char *term = getenv("TERM");

	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return err_set(e, ERR_USAGE, _("this terminal (TERM=%s) cannot "
		    "show the interactive inbox; use the command line instead: "
		    "ebox-tui list, show, save (see ebox-tui --help)"),
		    term ? term : "");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, ERR_USAGE, _("the interactive inbox needs a "
		    "terminal; use the command line instead: ebox-tui list "
		    "(see ebox-tui --help)"));
	return 0;
}

static void
ui_free(struct ui *ui)
{
	size_t i, j;

	ui_prompt_close(ui);
	ui_pager_done(&ui->pager);
	ui_keys_done(ui);
	mailcap_done(&ui->mailcap);
	mailbox_view_done(&ui->mv);
	pattern_free(ui->limit);
	free(ui->limit_text);
	free(ui->folders);
	free(ui->folder_name);
	free(ui->sel_id);
	free(ui->search);
	free(ui->found.text);
	free(ui->found.hits);
	free(ui->msg);
	for (i = 0; i < ui->n_queue; i++)
		free(ui->queue[i].text);
	free(ui->queue);
	free(ui->progress);
	free(ui->pending_keys);
	for (i = 0; i < ui->n_log; i++)
		free(ui->log[i]);
	free(ui->log);
	for (i = 0; i < HIST_COUNT; i++) {
		for (j = 0; j < ui->n_history[i]; j++)
			free(ui->history[i][j]);
		free(ui->history[i]);
	}
	for (i = 0; i < ui->n_undo; i++) {
		for (j = 0; j < ui->undo[i].n; j++)
			free(ui->undo[i].ids[j]);
		free(ui->undo[i].ids);
	}
	free(ui->undo);
}

int
ui_main(struct app *s, struct err *e)
{
	struct ui ui;
	int r;

	memset(&ui, 0, sizeof ui);
	ui.app = s;
	ui.msg_rows = 1;
	ui.sort_conf = ui.reverse_conf = -1;
	theme_init(&ui.theme);
	if ((r = ui_check_terminal(e)) != 0 || (r = ui_config(&ui, e)) != 0 ||
	    (r = ui_signals_start(&ui, e)) != 0) {
		ui_free(&ui);
		return r;
	}
	ui.folder_name = xstrdup("Inbox");
	ui_tmpdir_start(&ui);
	if ((r = ui_curses_start(&ui, e)) != 0) {
		ui_signals_stop(&ui);
		ui_tmpdir_remove(&ui);
		ui_free(&ui);
		return r;
	}
	if (!s->offline)
		ui_note(&ui, "sync", "%s", _("Fetching your mail..."));
	/* Without an asynchronous resolver a slow DNS server stalls the
	 * loop inside libcurl (curl issue 11089): say so once. */
	if (!net_async_dns())
		ui_error(&ui, _("This libcurl looks up server names while "
		    "everything waits: a slow DNS server can freeze the inbox."));
	ui_index_rebuild(&ui);
	if (app_filling(s))
		ui.fill_timer = net_timer_add(s->net, 0, ui_fill_piece, &ui);
	if (s->offline)
		ui_message(&ui, _("Offline: showing the mail kept on this "
		    "computer."));
	else
		ui_refresh(&ui, false);
	ui_loop(&ui);
	if (ui.fill_timer != NULL)
		net_timer_cancel(s->net, ui.fill_timer);
	sync_cancel(s);
	ui_attach_cancel_all(&ui);
	ui_pager_done(&ui.pager);
	while (ui.bg != NULL) {
		convert_cancel(ui.bg->conv);
		ui_bg_free(&ui, ui.bg);
	}
	if (ui.fg.job != NULL)
		job_cancel(ui.fg.job);
	job_cancel_all(s->net);
	/* Cancelling what is still in flight runs callbacks that reach ui:
	 * do it while ui exists. */
	net_free(s->net);
	s->net = NULL;
	if (ui.fg.state != FG_NONE)
		ui_fg_clear(&ui.fg);
	ui_curses_end();
	xalloc_set_fatal_hook(NULL);
	ui_signals_stop(&ui);
	ui_tmpdir_remove(&ui);
	ui_free(&ui);
	return 0;
}
