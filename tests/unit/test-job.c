/* test-job.c - child processes as jobs of the one loop. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebox/job.h"
#include "ebox/net.h"
#include "test.h"

struct outcome {
	bool done;
	int code;               /* err code, 0 ok */
	char msg[512];
	char out[256];
	bool timed_out;
	int order;              /* when it finished, in events */
};

static int events;

static void
job_done(struct job *j, struct spawn_result *r, const struct err *e,
    void *ud)
{
	struct outcome *o = ud;

	o->done = true;
	o->order = ++events;
	o->code = e ? e->code : 0;
	snprintf(o->msg, sizeof o->msg, "%s", e ? e->msg : "");
	snprintf(o->out, sizeof o->out, "%.*s", (int)r->out.len,
	    r->out.data ? r->out.data : "");
	o->timed_out = r->timed_out;
}

static struct job *
start(struct net *n, const char *shell, size_t max, int timeout_ms,
    struct outcome *o)
{
	struct spawn_opts so = { .shell = shell, .name = "the test job",
	    .max_output = max, .timeout_ms = timeout_ms };
	struct err e;

	memset(o, 0, sizeof *o);
	return job_start(n, &so, job_done, o, &e);
}

static struct net *
new_net(void)
{
	struct err e;
	struct net *n = net_new(NULL, &e);

	if (n == NULL)
		abort();
	return n;
}

static void
test_output_and_status(void)
{
	struct net *n = new_net();
	struct outcome a, b;

	CHECK(start(n, "printf hello", 1024, 0, &a) != NULL);
	CHECK(start(n, "echo oops >&2; exit 3", 1024, 0, &b) != NULL);
	net_run(n);                     /* returns once both are done */
	CHECK(a.done && b.done);
	CHECK_INT(a.code, 0);
	CHECK_STR(a.out, "hello");
	CHECK_INT(b.code, ERR_IO);
	CHECK(strstr(b.msg, "status 3") != NULL);
	CHECK(strstr(b.msg, "oops") != NULL);
	net_free(n);
}

static void
test_timeout_and_caps(void)
{
	struct net *n = new_net();
	struct outcome slow, big;

	CHECK(start(n, "exec sleep 30", 1024, 200, &slow) != NULL);
	CHECK(start(n, "exec yes", 1000, 0, &big) != NULL);
	net_run(n);
	CHECK(slow.done && slow.timed_out);
	CHECK(strstr(slow.msg, "longer than") != NULL);
	CHECK_INT(big.code, ERR_TOOBIG);
	net_free(n);
}

static void
test_not_found(void)
{
	const char *argv[] = { "ebox-no-such-program", NULL };
	struct spawn_opts so = { .argv = argv };
	struct net *n = new_net();
	struct outcome o;
	struct err e;

	memset(&o, 0, sizeof o);
	CHECK(job_start(n, &so, job_done, &o, &e) == NULL);
	CHECK_INT(e.code, ERR_NOTFOUND);
	CHECK(!o.done);
	CHECK_INT(net_pending(n), 0);
	net_free(n);
}

static void
test_cancel(void)
{
	struct net *n = new_net();
	struct outcome o;
	struct job *j = start(n, "exec sleep 30", 0, 0, &o);
	pid_t pid;

	CHECK(j != NULL);
	if (j == NULL)
		return;
	pid = job_pid(j);
	job_cancel(j);
	CHECK(o.done);
	CHECK_INT(o.code, ERR_CANCELLED);
	CHECK(kill(pid, 0) != 0 && errno == ESRCH);
	CHECK_INT(net_pending(n), 0);
	net_free(n);
}

static void
timer_fired(void *ud)
{
	struct outcome *o = ud;

	/* The loop turned while the child was still running. */
	o->order = ++events;
}

/* The loop never waits for a child: a timer due long before the child
 * ends fires first. */
static void
test_loop_keeps_turning(void)
{
	struct net *n = new_net();
	struct outcome o, t;

	memset(&t, 0, sizeof t);
	events = 0;
	CHECK(start(n, "exec sleep 3", 0, 0, &o) != NULL);
	net_timer_add(n, 10, timer_fired, &t);
	net_run(n);
	CHECK(o.done);
	CHECK_INT(t.order, 1);
	CHECK_INT(o.order, 2);
	net_free(n);
}

/* A child that ends while a grandchild holds its pipes: the job ends
 * with the child. */
static void
test_grandchild_holds_pipes(void)
{
	struct net *n = new_net();
	struct outcome o;
	long gpid;

	CHECK(start(n, "sleep 30 & echo $!", 1024, 0, &o) != NULL);
	net_run(n);
	CHECK(o.done);
	CHECK_INT(o.code, 0);
	gpid = strtol(o.out, NULL, 10);
	CHECK(gpid > 0 && kill((pid_t)gpid, 0) == 0);
	if (gpid > 0)
		kill((pid_t)gpid, SIGKILL);
	net_free(n);
}

static void
test_detach(void)
{
	const char *argv[] = { "sleep", "1", NULL };
	struct spawn_opts so = { .argv = argv, .detach = true };
	struct net *n = new_net();
	struct outcome o;
	struct err e;

	memset(&o, 0, sizeof o);
	CHECK(job_start(n, &so, job_done, &o, &e) != NULL);
	net_run(n);
	CHECK(o.done);
	CHECK_INT(o.code, 0);
	net_free(n);
}

int
main(void)
{
	RUN(test_output_and_status);
	RUN(test_timeout_and_caps);
	RUN(test_not_found);
	RUN(test_cancel);
	RUN(test_loop_keeps_turning);
	RUN(test_grandchild_holds_pipes);
	RUN(test_detach);
	return TEST_DONE();
}
