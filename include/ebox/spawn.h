/* spawn.h - run a child process safely: no shell unless asked, every
 * other descriptor closed, output captured with a cap, a timeout.
 *
 * The call blocks until the child is gone (or, with detach, until it has
 * started): it is meant for viewers and converters run on the user's
 * request, never for anything the event loop must keep turning during.
 * Usage:
 *
 *	struct spawn_opts o = { .argv = argv, .max_output = 1 << 20,
 *	    .timeout_ms = 30000 };
 *	struct spawn_result r;
 *	rc = spawn_run(&o, &r, &e);
 *	... r.out.data, r.status ...
 *	spawn_result_done(&r);          (always, whatever rc was)
 */
#ifndef EBOX_SPAWN_H
#define EBOX_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "ebox/buf.h"
#include "ebox/err.h"

#define SPAWN_STDERR_MAX 4096   /* bytes of stderr kept for sentences */
#define SPAWN_TERM_GRACE_MS 2000 /* SIGTERM, then this long, then SIGKILL */

struct spawn_opts {
	/* Exactly one of argv and shell.  argv: NULL-terminated, argv[0]
	 * looked up in PATH (execvp), no shell involved.  shell: one command
	 * line run as /bin/sh -c LINE (quote what goes into it with
	 * spawn_shell_quote). */
	const char *const *argv;
	const char *shell;
	/* What to call the program in sentences ("the viewer"); default
	 * argv[0], or "the command" for a shell line. */
	const char *name;

	/* stdin: from the file stdin_path, else from the memory stdin_data
	 * (stdin_len bytes; a child that stops reading early is fine), else
	 * /dev/null (the terminal's stdin with inherit_stdio). */
	const char *stdin_path;
	const void *stdin_data;
	size_t stdin_len;

	/* Leave stdout and stderr on the terminal (interactive viewers; the
	 * caller suspends curses first).  The child then stays in our
	 * process group so it may read the terminal, and we ignore SIGINT
	 * and SIGQUIT until it is done, as system(3) does. */
	bool inherit_stdio;
	/* Start the child in its own session with stdout and stderr on
	 * /dev/null (stdin too, unless stdin_path; stdin_data is ignored)
	 * and do not wait for it (graphical viewers).  spawn_run returns
	 * once the program has been executed; no zombie is left behind. */
	bool detach;
	/* A non-zero exit status is not an error (test= commands). */
	bool any_status;

	/* Cap on captured stdout; past it the child is killed and spawn_run
	 * fails with ERR_TOOBIG.  0: stdout is read and thrown away. */
	size_t max_output;
	/* Stop the child (SIGTERM, then SIGKILL) after this long; 0 = never. */
	int timeout_ms;
	/* Extra "NAME=VALUE" strings, NULL-terminated, added to (or
	 * replacing in) our environment; NULL for none. */
	const char *const *env;
	/* Working directory of the child; NULL = ours. */
	const char *cwd;
};

struct spawn_result {
	bool exited;            /* the child exited normally */
	int status;             /* its exit status when exited, else -1 */
	int signal;             /* the signal that ended it, else 0 */
	bool timed_out;         /* we stopped it at the timeout */
	struct buf out;         /* captured stdout (max = o->max_output) */
	char err[SPAWN_STDERR_MAX + 1];  /* first 4 KiB of stderr, raw */
	size_t err_len;
};

/* Runs the child described by o and waits for it (see detach).  r is
 * initialised here and must be released with spawn_result_done whatever
 * happens.  0 when the child ran and exited 0 (any status with
 * any_status); else a sentence in e:
 *   ERR_NOTFOUND "pdftotext is not installed" (exec found no program),
 *   ERR_IO "the viewer exited with status 2: <first stderr line>",
 *          "the viewer was stopped by signal 11 (Segmentation fault)",
 *          "the command took longer than 30 s and was stopped",
 *          "cannot open FILE: ...", "cannot run X: ...",
 *   ERR_TOOBIG "the output of X is larger than N KiB". */
int spawn_run(const struct spawn_opts *o, struct spawn_result *r,
    struct err *e);
void spawn_result_done(struct spawn_result *r);

/* --- for loops that wait themselves (job.h) ------------------------------ */

/* A running child as the parent sees it. */
struct spawn_proc {
	pid_t pid;
	bool own_group;         /* in its own process group (kill -pid) */
	bool reaped;
	int in;                 /* pipe to the child's stdin, or -1 */
	int out;                /* pipe from its stdout (non-blocking), or -1 */
	int err;                /* pipe from its stderr (non-blocking), or -1 */
	const char *data;       /* stdin data still to write */
	size_t left;
	bool toobig;            /* stdout passed max_output */
};

/* Starts the child of o and returns once it has executed (or failed to:
 * a sentence in e, nothing left running).  r is initialised here; release
 * it with spawn_result_done.  Signals are the caller's business. */
int spawn_start(const struct spawn_opts *o, struct spawn_proc *s,
    struct spawn_result *r, struct err *e);
/* Reads what is there on *fd (s->out or s->err) into r; closes and sets
 * *fd to -1 at end of file. */
void spawn_drain(struct spawn_proc *s, int *fd, struct spawn_result *r,
    bool is_err);
/* Collects the child if it is gone (waits for it when block); fills r. */
void spawn_reap(struct spawn_proc *s, struct spawn_result *r, bool block);
/* Sends sig to the child (its whole group when it has one). */
void spawn_kill(struct spawn_proc *s, int sig);
/* After the child is reaped: 0, or the sentence spawn_run would give. */
int spawn_verdict(const struct spawn_opts *o, const struct spawn_proc *s,
    const struct spawn_result *r, struct err *e);
void spawn_close(int *fd);

/* The first line of r's stderr, sanitised for the terminal and cut to a
 * reasonable length; a new string, "" when there was none. */
char *spawn_stderr_line(const struct spawn_result *r);

/* s single-quoted for /bin/sh ('it'\''s'); a new string.  NULL gives "''". */
char *spawn_shell_quote(const char *s);

#endif
