/* job.c - child processes as jobs of the one loop (see job.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/job.h"
#include "ebox/xalloc.h"

#define JOB_TERM_GRACE_MS SPAWN_TERM_GRACE_MS

struct job {
	struct job *prev, *next;        /* every live job of the process */
	struct net *net;
	struct spawn_opts o;            /* what verdicts need; name owned */
	struct spawn_proc p;
	struct spawn_result r;
	struct net_watch *w_out, *w_err, *w_child;
	struct net_timer *timeout;
	struct net_timer *kill;
	job_done_fn fn;
	void *ud;
};

/* SIGCHLD is process-wide, so the self-pipe and the list of jobs that
 * may have ended are too: the handler only writes a byte. */
static int job_sigpipe[2] = { -1, -1 };
static struct job *job_list;

static void
job_sigchld(int sig)
{
	int saved = errno;

	(void)!write(job_sigpipe[1], "c", 1);
	errno = saved;
}

static int
job_signals_init(struct err *e)
{
	struct sigaction sa;
	int i;

	if (job_sigpipe[0] >= 0)
		return 0;
	if (pipe2(job_sigpipe, O_CLOEXEC) != 0)
		return err_set(e, ERR_IO, _("cannot create a pipe: %s"),
		    strerror(errno));
	for (i = 0; i < 2; i++)
		fcntl(job_sigpipe[i], F_SETFL, O_NONBLOCK);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = job_sigchld;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	return 0;
}

static void
job_unlink(struct job *j)
{
	if (j->prev != NULL)
		j->prev->next = j->next;
	else if (job_list == j)
		job_list = j->next;
	if (j->next != NULL)
		j->next->prev = j->prev;
	j->prev = j->next = NULL;
}

static void
job_stop_watching(struct job *j)
{
	net_watch_remove(j->net, j->w_out);
	net_watch_remove(j->net, j->w_err);
	net_watch_remove(j->net, j->w_child);
	j->w_out = j->w_err = j->w_child = NULL;
	if (j->timeout != NULL)
		net_timer_cancel(j->net, j->timeout);
	if (j->kill != NULL)
		net_timer_cancel(j->net, j->kill);
	j->timeout = j->kill = NULL;
}

/* The end: the verdict, the caller's callback, then the job is gone. */
static void
job_finish(struct job *j, const struct err *override)
{
	struct err e;
	int rc;

	job_unlink(j);
	job_stop_watching(j);
	spawn_close(&j->p.out);
	spawn_close(&j->p.err);
	spawn_close(&j->p.in);
	err_clear(&e);
	if (override != NULL)
		e = *override;
	else if (j->o.detach)
		rc = 0;
	else if ((rc = spawn_verdict(&j->o, &j->p, &j->r, &e)) == 0)
		err_clear(&e);
	j->fn(j, &j->r, e.code != 0 ? &e : NULL, j->ud);
	net_release(j->net);
	spawn_result_done(&j->r);
	free((char *)j->o.name);
	free(j);
}

/* Finishes j if its child is gone and its output read.  A child that
 * exited while a grandchild holds its pipes does not keep it waiting:
 * what is there is read, then it ends (as spawn_run does). */
static bool
job_try_finish(struct job *j)
{
	if (!j->p.reaped)
		return false;
	if (j->p.out >= 0)
		spawn_drain(&j->p, &j->p.out, &j->r, false);
	if (j->p.err >= 0)
		spawn_drain(&j->p, &j->p.err, &j->r, true);
	job_finish(j, NULL);
	return true;
}

/* A SIGCHLD came: which of our children are gone?  Callbacks may start
 * or cancel jobs, so the walk starts over after each one that ends. */
static void
job_child_ready(int fd, short revents, void *ud)
{
	char buf[64];
	struct job *j;
	bool again = true;

	while (read(fd, buf, sizeof buf) > 0)
		;
	while (again) {
		again = false;
		for (j = job_list; j != NULL; j = j->next) {
			if (!j->p.reaped)
				spawn_reap(&j->p, &j->r, false);
			if (job_try_finish(j)) {
				again = true;
				break;
			}
		}
	}
}

static void
job_output_ready(int fd, short revents, void *ud)
{
	struct job *j = ud;
	bool is_err = fd == j->p.err;
	int *slot = is_err ? &j->p.err : &j->p.out;

	spawn_drain(&j->p, slot, &j->r, is_err);
	if (j->p.toobig && !j->p.reaped) {
		/* Past max_output: no need to read the rest. */
		spawn_kill(&j->p, SIGKILL);
	}
	if (*slot < 0) {
		net_watch_remove(j->net, is_err ? j->w_err : j->w_out);
		if (is_err)
			j->w_err = NULL;
		else
			j->w_out = NULL;
	}
}

static void
job_kill_now(void *ud)
{
	struct job *j = ud;

	j->kill = NULL;
	spawn_kill(&j->p, SIGKILL);
}

/* The timeout: SIGTERM, then SIGKILL after a grace period. */
static void
job_timed_out(void *ud)
{
	struct job *j = ud;

	j->timeout = NULL;
	j->r.timed_out = true;
	spawn_kill(&j->p, SIGTERM);
	spawn_kill(&j->p, SIGCONT);
	j->kill = net_timer_add(j->net, JOB_TERM_GRACE_MS, job_kill_now, j);
}

struct job *
job_start(struct net *n, const struct spawn_opts *o, job_done_fn fn,
    void *ud, struct err *e)
{
	struct job *j;

	if (o->stdin_data != NULL) {
		err_set(e, ERR_USAGE, "job: stdin_data is not supported");
		return NULL;
	}
	if (job_signals_init(e) != 0)
		return NULL;
	j = xcalloc(1, sizeof *j);
	if (spawn_start(o, &j->p, &j->r, e) != 0) {
		spawn_result_done(&j->r);
		free(j);
		return NULL;
	}
	j->net = n;
	j->o = *o;
	j->o.argv = NULL;               /* not needed past the start */
	j->o.shell = NULL;
	j->o.env = NULL;
	j->o.name = o->name != NULL ? xstrdup(o->name) : o->argv != NULL ?
	    xstrdup(o->argv[0]) : xstrdup(_("the command"));
	j->fn = fn;
	j->ud = ud;
	net_hold(n);
	j->next = job_list;
	if (job_list != NULL)
		job_list->prev = j;
	job_list = j;
	if (j->p.out >= 0)
		j->w_out = net_watch_add(n, j->p.out, POLLIN, job_output_ready, j);
	if (j->p.err >= 0)
		j->w_err = net_watch_add(n, j->p.err, POLLIN, job_output_ready, j);
	j->w_child = net_watch_add(n, job_sigpipe[0], POLLIN, job_child_ready,
	    j);
	if (o->timeout_ms > 0 && !o->detach)
		j->timeout = net_timer_add(n, o->timeout_ms, job_timed_out, j);
	/* A detached job's middle process is already reaped; a child that
	 * ended before we watched may have sent SIGCHLD already: both are
	 * seen at the next turn of the loop through the self-pipe. */
	if (j->p.reaped)
		(void)!write(job_sigpipe[1], "c", 1);
	return j;
}

void
job_cancel(struct job *j)
{
	struct err e;

	if (j == NULL)
		return;
	if (!j->p.reaped) {
		spawn_kill(&j->p, SIGKILL);
		spawn_reap(&j->p, &j->r, true);
	}
	err_set(&e, ERR_CANCELLED, _("%s was stopped"), j->o.name);
	job_finish(j, &e);
}

void
job_cancel_all(struct net *n)
{
	struct job *j;

	for (;;) {
		for (j = job_list; j != NULL && j->net != n; j = j->next)
			;
		if (j == NULL)
			return;
		job_cancel(j);
	}
}

pid_t
job_pid(const struct job *j)
{
	return j->p.pid;
}
