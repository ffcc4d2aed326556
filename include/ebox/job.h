/* job.h - child processes as jobs of the one loop.
 *
 * A converter (pdftotext), a mailcap test, token_command, a viewer: each
 * runs as a job.  Its output pipes are descriptors of net_poll(), SIGCHLD
 * arrives through a self-pipe that is one more, a timeout is a net timer.
 * So the loop never waits for a child: keys and transfers go on while it
 * runs, and the job's callback runs from net_poll() once the child is
 * gone and its output read, exactly once.  Usage:
 *
 *	struct spawn_opts o = { .argv = argv, .max_output = 1 << 20,
 *	    .timeout_ms = 30000 };
 *	j = job_start(net, &o, done, ud, &e);     (NULL: e says why)
 *	...
 *	static void done(struct job *j, struct spawn_result *r,
 *	    const struct err *e, void *ud) { ... r->out.data ... }
 *
 * spawn_opts as in spawn.h, except stdin_data (not supported: use
 * stdin_path).  With inherit_stdio the child has the terminal: the caller
 * suspends its screen first and does not read the keyboard meanwhile.
 * With detach the job ends as soon as the program has started.
 */
#ifndef EBOX_JOB_H
#define EBOX_JOB_H

#include "ebox/err.h"
#include "ebox/net.h"
#include "ebox/spawn.h"

struct job;

/* r holds the output (owned by the job: copy or steal r->out before
 * returning); e is NULL when the child exited 0 (or any status with
 * any_status), else the sentence spawn_run would give, or ERR_CANCELLED. */
typedef void (*job_done_fn)(struct job *j, struct spawn_result *r,
    const struct err *e, void *ud);

/* Starts the child; NULL and e set when it could not be started (fn is
 * then never called).  The job holds n (net_run waits for it). */
struct job *job_start(struct net *n, const struct spawn_opts *o,
    job_done_fn fn, void *ud, struct err *e);
/* Stops the child now (SIGKILL to its group) and runs fn with
 * ERR_CANCELLED before returning.  NULL is fine. */
void job_cancel(struct job *j);
/* Cancels every job of n: before net_free(). */
void job_cancel_all(struct net *n);
/* The process id of the running child (for tests and logs). */
pid_t job_pid(const struct job *j);

#endif
