/* spawn.c - run a child process safely (fork + exec, pipes read by poll). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/sanitize.h"
#include "ebox/spawn.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

extern char **environ;

#define SPAWN_CHUNK 65536       /* bytes per read or write */
#define SPAWN_SLICE_MS 100      /* how often a waiting loop checks the child */
#define SPAWN_LINE_COLS 200     /* stderr line kept in a sentence */

/* What the child tells the parent when it could not exec. */
enum spawn_stage {
	SPAWN_STAGE_CHDIR,
	SPAWN_STAGE_STDIO,
	SPAWN_STAGE_FORK,
	SPAWN_STAGE_EXEC,
};

struct spawn_report {
	int stage;              /* enum spawn_stage */
	int error;              /* errno */
};

/* Everything the child needs, prepared before fork: after fork only
 * async-signal-safe calls are made (the process may have threads). */
struct spawn_child {
	const char *const *argv;
	char **envp;            /* NULL: inherit environ */
	const char *cwd;
	int fd[3];              /* what becomes 0, 1, 2; -1 = keep ours */
	int report;             /* exec-error pipe, write end (O_CLOEXEC) */
	bool own_group;
	bool detach;
};

void
spawn_result_done(struct spawn_result *r)
{
	buf_done(&r->out);
}

static void
spawn_result_init(struct spawn_result *r, size_t max)
{
	memset(r, 0, sizeof *r);
	r->status = -1;
	buf_init(&r->out, max);
}

char *
spawn_shell_quote(const char *s)
{
	struct buf b;
	const char *p;

	buf_init(&b, (size_t)-1 / 2);
	buf_puts(&b, "'");
	for (p = s != NULL ? s : ""; *p != '\0'; p++) {
		if (*p == '\'')
			buf_puts(&b, "'\\''");
		else
			buf_append(&b, p, 1);
	}
	buf_puts(&b, "'");
	return buf_steal(&b);
}

char *
spawn_stderr_line(const struct spawn_result *r)
{
	const char *s = r->err, *nl;
	size_t n;
	char *clean, *cut;

	/* Skip leading blank lines: some tools start with one. */
	while (*s == '\n' || *s == '\r' || *s == ' ')
		s++;
	n = r->err_len - (size_t)(s - r->err);
	if ((nl = memchr(s, '\n', n)) != NULL)
		n = (size_t)(nl - s);
	clean = sanitize_textn(s, n, 0);
	cut = utf8_truncate(clean, SPAWN_LINE_COLS, false);
	free(clean);
	return cut;
}

/* The program's name for sentences, sanitised; a new string. */
static char *
spawn_name(const struct spawn_opts *o)
{
	if (o->name != NULL)
		return sanitize_text(o->name, 0);
	if (o->argv != NULL && o->argv[0] != NULL)
		return sanitize_text(o->argv[0], 0);
	return xstrdup(_("the command"));
}

static long long
spawn_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
spawn_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

void
spawn_close(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

/* Our environment with the "NAME=VALUE" strings of extra added or
 * replacing; the strings are borrowed, the array is new. */
static char **
spawn_envp(const char *const *extra)
{
	size_t n = 0, m = 0, i, j, k = 0;
	char **envp;

	while (environ[n] != NULL)
		n++;
	while (extra[m] != NULL)
		m++;
	envp = xreallocarray(NULL, n + m + 1, sizeof *envp);
	for (i = 0; i < n; i++) {
		for (j = 0; j < m; j++) {
			size_t len = strcspn(extra[j], "=");

			if (strncmp(environ[i], extra[j], len) == 0 &&
			    environ[i][len] == '=')
				break;
		}
		if (j == m)
			envp[k++] = environ[i];
	}
	for (j = 0; j < m; j++)
		envp[k++] = (char *)extra[j];
	envp[k] = NULL;
	return envp;
}

/* In the child: tells the parent what failed and leaves. */
static void __attribute__((noreturn))
spawn_child_fail(const struct spawn_child *c, int stage)
{
	struct spawn_report rep = { stage, errno };

	while (write(c->report, &rep, sizeof rep) < 0 && errno == EINTR)
		;
	_exit(127);
}

/* In the child: closes every descriptor from 3 up except keep. */
static void
spawn_child_close_from(int lo, int keep)
{
#ifdef SYS_close_range
	if (keep >= lo) {
		if (keep > lo)
			(void)syscall(SYS_close_range, lo, keep - 1, 0);
		if (syscall(SYS_close_range, keep + 1, ~0U, 0) == 0)
			return;
	} else if (syscall(SYS_close_range, lo, ~0U, 0) == 0)
		return;
#endif
	{
		long max = sysconf(_SC_OPEN_MAX);
		int fd;

		if (max < 0 || max > 65536)
			max = 65536;
		for (fd = lo; fd < max; fd++) {
			if (fd != keep)
				close(fd);
		}
	}
}

/* In the child: puts c->fd[] on 0, 1, 2 without one clobbering another. */
static void
spawn_child_stdio(struct spawn_child *c)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (c->fd[i] >= 0 && c->fd[i] < 3 &&
		    (c->fd[i] = fcntl(c->fd[i], F_DUPFD_CLOEXEC, 3)) < 0)
			spawn_child_fail(c, SPAWN_STAGE_STDIO);
	}
	for (i = 0; i < 3; i++) {
		if (c->fd[i] >= 0 && dup2(c->fd[i], i) < 0)
			spawn_child_fail(c, SPAWN_STAGE_STDIO);
	}
}

/* In the child: from fork to exec.  Only async-signal-safe calls. */
static void __attribute__((noreturn))
spawn_child_run(struct spawn_child *c)
{
	sigset_t none;
	int sig;

	/* Ignored signals stay ignored across exec; the viewer should get
	 * the defaults (SIGPIPE above all). */
	for (sig = 1; sig < NSIG; sig++) {
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	if (c->detach) {
		pid_t pid;

		setsid();
		if ((pid = fork()) < 0)
			spawn_child_fail(c, SPAWN_STAGE_FORK);
		if (pid > 0)
			_exit(0);       /* the grandchild goes to init */
	} else if (c->own_group)
		setpgid(0, 0);

	if (c->report < 3) {
		int fd = fcntl(c->report, F_DUPFD_CLOEXEC, 3);

		if (fd < 0)
			_exit(127);
		c->report = fd;
	}
	spawn_child_stdio(c);
	spawn_child_close_from(3, c->report);
	if (c->cwd != NULL && chdir(c->cwd) != 0)
		spawn_child_fail(c, SPAWN_STAGE_CHDIR);
	if (c->envp != NULL)
		execvpe(c->argv[0], (char *const *)c->argv, c->envp);
	else
		execvp(c->argv[0], (char *const *)c->argv);
	spawn_child_fail(c, SPAWN_STAGE_EXEC);
}

/* Reads the child's report: 0 once it has executed, else a sentence. */
static int
spawn_read_report(int fd, const char *name, const struct spawn_opts *o,
    struct err *e)
{
	struct spawn_report rep;
	ssize_t n;

	while ((n = read(fd, &rep, sizeof rep)) < 0 && errno == EINTR)
		;
	if (n != (ssize_t)sizeof rep)
		return 0;
	switch (rep.stage) {
	case SPAWN_STAGE_CHDIR:
		return err_set(e, ERR_IO, _("cannot run %s in %s: %s"), name,
		    o->cwd, strerror(rep.error));
	case SPAWN_STAGE_EXEC:
		if (rep.error == ENOENT)
			return err_set(e, ERR_NOTFOUND, _("%s is not installed"),
			    name);
		break;
	}
	return err_set(e, ERR_IO, _("cannot run %s: %s"), name,
	    strerror(rep.error));
}

void
spawn_kill(struct spawn_proc *s, int sig)
{
	if (s->reaped)
		return;
	if (s->own_group)
		kill(-s->pid, sig);
	else
		kill(s->pid, sig);
}

void
spawn_reap(struct spawn_proc *s, struct spawn_result *r, bool block)
{
	int status;
	pid_t got;

	if (s->reaped)
		return;
	while ((got = waitpid(s->pid, &status, block ? 0 : WNOHANG)) < 0 &&
	    errno == EINTR)
		;
	if (got == 0)
		return;
	s->reaped = true;
	if (got < 0)            /* SIGCHLD ignored by someone: status lost */
		return;
	if (WIFEXITED(status)) {
		r->exited = true;
		r->status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status))
		r->signal = WTERMSIG(status);
}

/* Stops the child: SIGTERM, a grace period, then SIGKILL; reaps it. */
static void
spawn_stop(struct spawn_proc *s, struct spawn_result *r)
{
	long long until = spawn_now_ms() + SPAWN_TERM_GRACE_MS;

	spawn_kill(s, SIGTERM);
	spawn_kill(s, SIGCONT);
	while (!s->reaped && spawn_now_ms() < until) {
		spawn_sleep_ms(10);
		spawn_reap(s, r, false);
	}
	spawn_kill(s, SIGKILL);
	spawn_reap(s, r, true);
}

/* Feeds the child's stdin; a child that stopped reading ends the feed. */
static void
spawn_feed(struct spawn_proc *s)
{
	size_t n = s->left < SPAWN_CHUNK ? s->left : SPAWN_CHUNK;
	ssize_t w = write(s->in, s->data, n);

	if (w < 0) {
		if (errno != EINTR && errno != EAGAIN)
			spawn_close(&s->in);        /* EPIPE: it did not want it */
		return;
	}
	s->data += w;
	s->left -= (size_t)w;
	if (s->left == 0)
		spawn_close(&s->in);
}

void
spawn_drain(struct spawn_proc *s, int *fd, struct spawn_result *r,
    bool is_err)
{
	char chunk[SPAWN_CHUNK];
	ssize_t n;

	for (;;) {
		if ((n = read(*fd, chunk, sizeof chunk)) < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				spawn_close(fd);
			return;
		}
		if (n == 0) {
			spawn_close(fd);
			return;
		}
		if (is_err) {
			size_t room = SPAWN_STDERR_MAX - r->err_len;
			size_t keep = (size_t)n < room ? (size_t)n : room;

			memcpy(r->err + r->err_len, chunk, keep);
			r->err_len += keep;
			r->err[r->err_len] = '\0';
		} else if (r->out.max > 0 &&
		    buf_append(&r->out, chunk, (size_t)n) != 0) {
			s->toobig = true;
			return;
		}
	}
}

/* Milliseconds poll may sleep: until the deadline, in slices so that a
 * child that exited while a grandchild holds its pipes is noticed. */
static int
spawn_poll_wait(long long deadline)
{
	long long left;

	if (deadline == 0)
		return SPAWN_SLICE_MS;
	left = deadline - spawn_now_ms();
	if (left < 0)
		return 0;
	return left < SPAWN_SLICE_MS ? (int)left : SPAWN_SLICE_MS;
}

/* The parent's loop: feed, read, watch the clock, until the child is
 * gone.  Returns with the child reaped. */
static void
spawn_wait(struct spawn_proc *s, struct spawn_result *r, int timeout_ms)
{
	long long deadline = timeout_ms > 0 ? spawn_now_ms() + timeout_ms : 0;
	struct pollfd pfd[3];
	int *which[3];
	int n, i;

	for (;;) {
		if (s->in < 0 && s->out < 0 && s->err < 0 && deadline == 0) {
			spawn_reap(s, r, true);
			return;
		}
		n = 0;
		if (s->in >= 0) {
			pfd[n] = (struct pollfd){ s->in, POLLOUT, 0 };
			which[n++] = &s->in;
		}
		if (s->out >= 0) {
			pfd[n] = (struct pollfd){ s->out, POLLIN, 0 };
			which[n++] = &s->out;
		}
		if (s->err >= 0) {
			pfd[n] = (struct pollfd){ s->err, POLLIN, 0 };
			which[n++] = &s->err;
		}
		if (poll(pfd, (nfds_t)n, spawn_poll_wait(deadline)) < 0 &&
		    errno != EINTR)
			spawn_sleep_ms(10);
		for (i = 0; i < n; i++) {
			if (pfd[i].revents == 0)
				continue;
			if (which[i] == &s->in)
				spawn_feed(s);
			else
				spawn_drain(s, which[i], r, which[i] == &s->err);
		}
		if (s->toobig) {
			spawn_stop(s, r);
			return;
		}
		spawn_reap(s, r, false);
		if (s->reaped) {
			/* What is left in the pipes, then done: a grandchild
			 * holding them open does not keep us here. */
			if (s->out >= 0)
				spawn_drain(s, &s->out, r, false);
			if (s->err >= 0)
				spawn_drain(s, &s->err, r, true);
			return;
		}
		if (deadline != 0 && spawn_now_ms() >= deadline) {
			r->timed_out = true;
			spawn_stop(s, r);
			return;
		}
	}
}

/* A pipe whose parent end is non-blocking; both ends close-on-exec. */
static int
spawn_pipe(int p[2], int parent_end)
{
	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	fcntl(p[parent_end], F_SETFL, O_NONBLOCK);
	return 0;
}

/* Opens the child's stdin, stdout and stderr; parent ends go into s. */
static int
spawn_open_stdio(const struct spawn_opts *o, struct spawn_child *c,
    struct spawn_proc *s, struct err *e)
{
	int p[2];

	if (o->detach) {
		if ((c->fd[1] = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
			goto fail;
		c->fd[2] = c->fd[1];
	}
	if (o->stdin_path != NULL) {
		if ((c->fd[0] = open(o->stdin_path, O_RDONLY | O_CLOEXEC)) < 0)
			return err_set(e, ERR_IO, _("cannot open %s: %s"),
			    o->stdin_path, strerror(errno));
	} else if (o->detach)
		c->fd[0] = c->fd[1];
	else if (o->stdin_data != NULL) {
		if (spawn_pipe(p, 1) != 0)
			goto fail;
		c->fd[0] = p[0];
		s->in = p[1];
		s->data = o->stdin_data;
		s->left = o->stdin_len;
		if (s->left == 0)
			spawn_close(&s->in);
	} else if (!o->inherit_stdio &&
	    (c->fd[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
		goto fail;
	if (o->inherit_stdio || o->detach)
		return 0;
	if (spawn_pipe(p, 0) != 0)
		goto fail;
	s->out = p[0];
	c->fd[1] = p[1];
	if (spawn_pipe(p, 0) != 0)
		goto fail;
	s->err = p[0];
	c->fd[2] = p[1];
	return 0;
fail:
	return err_set(e, ERR_IO, _("cannot start a program: %s"),
	    strerror(errno));
}

static void
spawn_close_child_ends(struct spawn_child *c)
{
	int i, j;

	for (i = 0; i < 3; i++) {
		if (c->fd[i] < 0)
			continue;
		for (j = i + 1; j < 3; j++) {   /* /dev/null shared by detach */
			if (c->fd[j] == c->fd[i])
				c->fd[j] = -1;
		}
		spawn_close(&c->fd[i]);
	}
	spawn_close(&c->report);
}

/* The sentence for a child that ran but did not end well; 0 if it did. */
static int
spawn_verdict_named(const struct spawn_opts *o, const struct spawn_proc *s,
    const struct spawn_result *r, const char *name, struct err *e)
{
	char *line;
	int rc;

	if (s->toobig)
		return err_set(e, ERR_TOOBIG, _("the output of %s is larger "
		    "than %zu KiB"), name, o->max_output / 1024);
	if (r->timed_out) {
		if (o->timeout_ms % 1000 == 0)
			return err_set(e, ERR_IO, _("%s took longer than %d s "
			    "and was stopped"), name, o->timeout_ms / 1000);
		return err_set(e, ERR_IO, _("%s took longer than %d ms and was "
		    "stopped"), name, o->timeout_ms);
	}
	if (r->signal != 0)
		return err_set(e, ERR_IO, _("%s was stopped by signal %d (%s)"),
		    name, r->signal, strsignal(r->signal));
	if (!r->exited || r->status == 0 || o->any_status)
		return 0;
	line = spawn_stderr_line(r);
	if (*line != '\0')
		rc = err_set(e, ERR_IO, _("%s exited with status %d: %s"), name,
		    r->status, line);
	else
		rc = err_set(e, ERR_IO, _("%s exited with status %d"), name,
		    r->status);
	free(line);
	return rc;
}

int
spawn_verdict(const struct spawn_opts *o, const struct spawn_proc *s,
    const struct spawn_result *r, struct err *e)
{
	char *name = spawn_name(o);
	int rc = spawn_verdict_named(o, s, r, name, e);

	free(name);
	return rc;
}

/* SIGPIPE is blocked while we write to the child; one raised by us is
 * taken back before the old mask returns. */
static void
spawn_sigpipe_block(sigset_t *old, bool *was_pending)
{
	sigset_t set, pending;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, old);
	sigpending(&pending);
	*was_pending = sigismember(&pending, SIGPIPE) == 1;
}

static void
spawn_sigpipe_restore(const sigset_t *old, bool was_pending)
{
	sigset_t set, pending;
	struct timespec zero = { 0, 0 };

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigpending(&pending);
	if (!was_pending && sigismember(&pending, SIGPIPE) == 1)
		while (sigtimedwait(&set, NULL, &zero) < 0 && errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* While a child has the terminal, ^C and ^\ are for it, not for us
 * (as system(3) does); the old actions come back afterwards. */
static void
spawn_terminal_signals(bool ignore, struct sigaction old[2])
{
	static const int sigs[2] = { SIGINT, SIGQUIT };
	struct sigaction ign;
	int i;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	for (i = 0; i < 2; i++) {
		if (ignore)
			sigaction(sigs[i], &ign, &old[i]);
		else
			sigaction(sigs[i], &old[i], NULL);
	}
}

int
spawn_start(const struct spawn_opts *o, struct spawn_proc *sp,
    struct spawn_result *r, struct err *e)
{
	const char *sh_argv[] = { "/bin/sh", "-c", o->shell, NULL };
	struct spawn_child c = { .fd = { -1, -1, -1 }, .report = -1 };
	char *name = spawn_name(o);
	int p[2], rc = 0;

	*sp = (struct spawn_proc){ .pid = -1, .in = -1, .out = -1, .err = -1 };
	spawn_result_init(r, o->max_output);
	if ((o->argv == NULL || o->argv[0] == NULL) == (o->shell == NULL)) {
		rc = err_set(e, ERR_USAGE, _("spawn: give argv or a shell line"));
		goto out;
	}
	c.argv = o->argv != NULL ? o->argv : sh_argv;
	c.cwd = o->cwd;
	c.detach = o->detach;
	c.own_group = !o->inherit_stdio && !o->detach;
	sp->own_group = c.own_group;
	if ((rc = spawn_open_stdio(o, &c, sp, e)) != 0)
		goto out;
	if (pipe2(p, O_CLOEXEC) != 0) {
		rc = err_set(e, ERR_IO, _("cannot start a program: %s"),
		    strerror(errno));
		goto out;
	}
	c.report = p[1];
	if (o->env != NULL)
		c.envp = spawn_envp(o->env);
	if ((sp->pid = fork()) == 0)
		spawn_child_run(&c);
	spawn_close_child_ends(&c);
	if (sp->pid < 0) {
		rc = err_set(e, ERR_IO, _("cannot start %s: %s"), name,
		    strerror(errno));
		close(p[0]);
		goto out;
	}
	/* The report pipe closes at exec (close-on-exec): a short wait. */
	rc = spawn_read_report(p[0], name, o, e);
	close(p[0]);
	if (rc != 0 || o->detach)
		spawn_reap(sp, r, true);   /* the short-lived middle */
out:
	if (rc != 0) {
		spawn_close(&sp->out);
		spawn_close(&sp->err);
		spawn_close(&sp->in);
	}
	spawn_close_child_ends(&c);
	free(c.envp);
	free(name);
	return rc;
}

int
spawn_run(const struct spawn_opts *o, struct spawn_result *r, struct err *e)
{
	struct sigaction oldterm[2];
	struct spawn_proc s;
	sigset_t oldmask;
	bool pending;
	int rc;

	spawn_sigpipe_block(&oldmask, &pending);
	if (o->inherit_stdio)
		spawn_terminal_signals(true, oldterm);
	rc = spawn_start(o, &s, r, e);
	if (rc == 0 && !o->detach) {
		spawn_wait(&s, r, o->timeout_ms);
		rc = spawn_verdict(o, &s, r, e);
	}
	spawn_close(&s.in);
	spawn_close(&s.out);
	spawn_close(&s.err);
	if (o->inherit_stdio)
		spawn_terminal_signals(false, oldterm);
	spawn_sigpipe_restore(&oldmask, pending);
	return rc;
}
