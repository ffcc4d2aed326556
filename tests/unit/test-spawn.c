/* test-spawn.c - child processes: capture, stdin, caps, timeouts, quoting. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ebox/err.h"
#include "ebox/spawn.h"
#include "test.h"

static char tmp_root[] = "/tmp/ebox-test-spawn.XXXXXX";

static char *
path_in(const char *name)
{
	return test_path(tmp_root, name);
}

#define write_file test_write_file

/* True when we have no child left, reaped or not: no zombie. */
static int
no_children(void)
{
	return waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_argv_capture(void)
{
	const char *argv[] = { "printf", "%s|%s", "a b", "$(echo no)", NULL };
	struct spawn_opts o = { .argv = argv, .max_output = 1024 };
	struct spawn_result r;
	struct err e;

	err_clear(&e);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_STR(r.out.data, "a b|$(echo no)");   /* no shell involved */
	CHECK(r.exited);
	CHECK_INT(r.status, 0);
	CHECK_INT(r.signal, 0);
	spawn_result_done(&r);
	CHECK(no_children());
}

static void
test_shell_capture(void)
{
	struct spawn_opts o = { .shell = "echo out; echo err >&2; exit 3",
	    .max_output = 1024, .any_status = true };
	struct spawn_result r;
	struct err e;

	err_clear(&e);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_STR(r.out.data, "out\n");
	CHECK_STR(r.err, "err\n");
	CHECK_INT(r.status, 3);
	spawn_result_done(&r);
}

static void
test_exit_status_sentence(void)
{
	/* The first stderr line, with its escape sequence removed. */
	struct spawn_opts o = { .shell = "printf 'bad \\033[31mthing\\nmore\\n' "
	    ">&2; exit 2", .name = "the viewer", .max_output = 16 };
	struct spawn_result r;
	struct err e;

	err_clear(&e);
	CHECK_INT(spawn_run(&o, &r, &e), ERR_IO);
	CHECK_STR(e.msg, "the viewer exited with status 2: bad thing");
	CHECK_INT(r.status, 2);
	spawn_result_done(&r);

	o.shell = "exit 4";
	CHECK_INT(spawn_run(&o, &r, &e), ERR_IO);
	CHECK_STR(e.msg, "the viewer exited with status 4");
	spawn_result_done(&r);
	CHECK(no_children());
}

static void
test_signal(void)
{
	struct spawn_opts o = { .shell = "kill -TERM $$", .max_output = 16 };
	struct spawn_result r;
	struct err e;

	err_clear(&e);
	CHECK_INT(spawn_run(&o, &r, &e), ERR_IO);
	CHECK(!r.exited);
	CHECK_INT(r.signal, SIGTERM);
	CHECK(strncmp(e.msg, "the command was stopped by signal 15",
	    strlen("the command was stopped by signal 15")) == 0);
	spawn_result_done(&r);
}

static void
test_not_installed(void)
{
	const char *argv[] = { "ebox-test-no-such-program", "x", NULL };
	struct spawn_opts o = { .argv = argv, .max_output = 16 };
	struct spawn_result r;
	struct err e;

	err_clear(&e);
	CHECK_INT(spawn_run(&o, &r, &e), ERR_NOTFOUND);
	CHECK_STR(e.msg, "ebox-test-no-such-program is not installed");
	spawn_result_done(&r);
	CHECK(no_children());
}

static void
test_usage(void)
{
	struct spawn_opts o = { 0 };
	struct spawn_result r;
	struct err e;

	CHECK_INT(spawn_run(&o, &r, &e), ERR_USAGE);
	spawn_result_done(&r);
}

static void
test_stdin_default_null(void)
{
	const char *argv[] = { "cat", NULL };
	struct spawn_opts o = { .argv = argv, .max_output = 16 };
	struct spawn_result r;
	struct err e;

	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_INT(r.out.len, 0);
	spawn_result_done(&r);
}

static void
test_stdin_file(void)
{
	const char *argv[] = { "cat", NULL };
	char *path = path_in("in.txt");
	struct spawn_opts o = { .argv = argv, .max_output = 64,
	    .stdin_path = path };
	struct spawn_result r;
	struct err e;

	write_file(path, "from a file\n", 12);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_STR(r.out.data, "from a file\n");
	spawn_result_done(&r);

	o.stdin_path = "/nonexistent/ebox-test";
	CHECK_INT(spawn_run(&o, &r, &e), ERR_IO);
	CHECK(strstr(e.msg, "cannot open /nonexistent/ebox-test") != NULL);
	spawn_result_done(&r);
	free(path);
}

/* More than a pipe holds, both ways: needs the poll loop to interleave. */
static void
test_stdin_buffer_large(void)
{
	const char *argv[] = { "cat", NULL };
	size_t n = 1 << 20, i;
	char *data = malloc(n);
	struct spawn_opts o = { .argv = argv, .max_output = n,
	    .stdin_data = data, .stdin_len = n };
	struct spawn_result r;
	struct err e;

	if (data == NULL)
		abort();
	for (i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_INT(r.out.len, n);
	CHECK(r.out.data != NULL && memcmp(r.out.data, data, n) == 0);
	spawn_result_done(&r);
	free(data);
}

/* A child that never reads its stdin must not kill us with SIGPIPE. */
static void
test_stdin_not_read(void)
{
	size_t n = 1 << 20;
	char *data = calloc(1, n);
	struct spawn_opts o = { .shell = "exec 0<&-; echo done",
	    .max_output = 64, .stdin_data = data, .stdin_len = n };
	struct spawn_result r;
	struct err e;
	sigset_t pending;

	if (data == NULL)
		abort();
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_STR(r.out.data, "done\n");
	sigpending(&pending);
	CHECK(!sigismember(&pending, SIGPIPE));
	spawn_result_done(&r);
	free(data);
}

static void
test_output_cap(void)
{
	const char *argv[] = { "yes", NULL };
	struct spawn_opts o = { .argv = argv, .max_output = 65536 };
	struct spawn_result r;
	struct err e;

	CHECK_INT(spawn_run(&o, &r, &e), ERR_TOOBIG);
	CHECK_STR(e.msg, "the output of yes is larger than 64 KiB");
	CHECK(r.out.len <= 65536);
	spawn_result_done(&r);
	CHECK(no_children());
}

static void
test_output_discarded(void)
{
	struct spawn_opts o = { .shell = "echo hidden", .max_output = 0 };
	struct spawn_result r;
	struct err e;

	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_INT(r.out.len, 0);
	spawn_result_done(&r);
}

static void
test_stderr_capped(void)
{
	struct spawn_opts o = { .shell = "yes 0123456789 | head -c 100000 >&2",
	    .max_output = 16 };
	struct spawn_result r;
	struct err e;

	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_INT(r.err_len, SPAWN_STDERR_MAX);
	CHECK_INT(strlen(r.err), SPAWN_STDERR_MAX);
	spawn_result_done(&r);
}

static void
test_timeout(void)
{
	struct spawn_opts o = { .shell = "sleep 30", .max_output = 16,
	    .timeout_ms = 300 };
	struct spawn_result r;
	struct err e;
	double t0 = now_s();

	CHECK_INT(spawn_run(&o, &r, &e), ERR_IO);
	CHECK(r.timed_out);
	CHECK_STR(e.msg, "the command took longer than 300 ms and was "
	    "stopped");
	CHECK(now_s() - t0 < 20);       /* generous: 30 s would be a bug */
	spawn_result_done(&r);
	CHECK(no_children());

	/* A child ignoring SIGTERM gets SIGKILL after the grace period. */
	o.shell = "trap '' TERM; sleep 30";
	o.timeout_ms = 1000;
	t0 = now_s();
	CHECK_INT(spawn_run(&o, &r, &e), ERR_IO);
	CHECK_STR(e.msg, "the command took longer than 1 s and was stopped");
	CHECK(now_s() - t0 < 25);
	CHECK_INT(r.signal, SIGKILL);
	spawn_result_done(&r);
	CHECK(no_children());
}

/* A grandchild keeping stdout open does not keep us waiting. */
static void
test_grandchild_holds_pipe(void)
{
	struct spawn_opts o = { .shell = "sleep 20 & echo started",
	    .max_output = 64 };
	struct spawn_result r;
	struct err e;
	double t0 = now_s();

	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_STR(r.out.data, "started\n");
	CHECK(now_s() - t0 < 15);
	spawn_result_done(&r);
}

/* Our descriptors without O_CLOEXEC do not leak into the child. */
static void
test_fds_closed(void)
{
	char cmd[128];
	int fd = open("/dev/null", O_RDONLY);   /* no O_CLOEXEC on purpose */
	struct spawn_opts o = { .shell = cmd, .max_output = 64 };
	struct spawn_result r;
	struct err e;

	CHECK(fd > 2);
	snprintf(cmd, sizeof cmd, "if [ -e /dev/fd/%d ]; then echo open; "
	    "else echo closed; fi; [ -e /dev/fd/2 ] && echo err-ok", fd);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_STR(r.out.data, "closed\nerr-ok\n");
	spawn_result_done(&r);
	close(fd);
}

static void
test_env_and_cwd(void)
{
	const char *env[] = { "EBOX_TEST_A=one two", "HOME=/ebox/home", NULL };
	struct spawn_opts o = { .shell = "printf '%s|%s|%s|' \"$EBOX_TEST_A\" "
	    "\"$HOME\" \"$EBOX_TEST_KEEP\"; pwd", .max_output = 4096,
	    .env = env, .cwd = tmp_root };
	struct spawn_result r;
	struct err e;
	char *want = malloc(strlen(tmp_root) + 64);

	if (want == NULL)
		abort();
	setenv("EBOX_TEST_KEEP", "kept", 1);
	sprintf(want, "one two|/ebox/home|kept|%s\n", tmp_root);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK_STR(r.out.data, want);
	spawn_result_done(&r);
	free(want);

	o.cwd = "/nonexistent/ebox-test";
	CHECK_INT(spawn_run(&o, &r, &e), ERR_IO);
	CHECK(strstr(e.msg, "/nonexistent/ebox-test") != NULL);
	spawn_result_done(&r);
	unsetenv("EBOX_TEST_KEEP");
}

/* An ignored SIGPIPE in the parent is not inherited by the child. */
static void
test_signals_reset(void)
{
	struct spawn_opts o = { .shell = "{ (yes; echo \"st=$?\" >&3) | "
	    "head -n 1; } 3>&1", .max_output = 64 };
	struct spawn_result r;
	struct err e;

	signal(SIGPIPE, SIG_IGN);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	/* head's "y" and the status may come in either order: head may
	 * close the pipe before its own output is flushed. */
	CHECK(r.out.data != NULL && (strcmp(r.out.data, "y\nst=141\n") == 0 ||
	    strcmp(r.out.data, "st=141\ny\n") == 0));  /* 128 + SIGPIPE */
	spawn_result_done(&r);
	signal(SIGPIPE, SIG_DFL);
}

static void
test_inherit_handler(int sig)
{
	(void)sig;
}

/* The terminal stays ours; SIGINT is ignored only while the child runs. */
static void
test_inherit(void)
{
	struct spawn_opts o = { .shell = "exit 0", .inherit_stdio = true };
	struct spawn_result r;
	struct sigaction sa, now;
	struct err e;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = test_inherit_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	CHECK(r.exited);
	CHECK_INT(r.out.len, 0);
	spawn_result_done(&r);
	sigaction(SIGINT, NULL, &now);
	CHECK(now.sa_handler == test_inherit_handler);
	signal(SIGINT, SIG_DFL);
}

static void
test_detach(void)
{
	char *mark = path_in("detached");
	char *cmd = malloc(strlen(mark) + 32);
	struct spawn_opts o = { .max_output = 16, .detach = true };
	struct spawn_result r;
	struct err e;
	double t0 = now_s();
	struct stat st;
	int seen = 0;

	if (cmd == NULL)
		abort();
	sprintf(cmd, "sleep 0.2; touch '%s'", mark);
	o.shell = cmd;
	CHECK_INT(spawn_run(&o, &r, &e), 0);
	spawn_result_done(&r);
	CHECK(no_children());   /* nothing of ours to reap */
	while (!seen && now_s() - t0 < 20) {
		seen = stat(mark, &st) == 0;
		usleep(20000);
	}
	CHECK(seen);

	{
		const char *argv[] = { "ebox-test-no-such-program", NULL };
		struct spawn_opts o2 = { .argv = argv, .detach = true };

		CHECK_INT(spawn_run(&o2, &r, &e), ERR_NOTFOUND);
		spawn_result_done(&r);
		CHECK(no_children());
	}
	free(cmd);
	free(mark);
}

static void
test_shell_quote(void)
{
	static const char *const hostile[] = {
		"", "plain", "it's", "'", "''", "a b\tc\nd", "$(touch pwned)",
		"`touch pwned`", "\\'\"$HOME\"", "-rf *", NULL,
	};
	char *q;
	size_t i;

	q = spawn_shell_quote(NULL);
	CHECK_STR(q, "''");
	free(q);
	q = spawn_shell_quote("it's");
	CHECK_STR(q, "'it'\\''s'");
	free(q);

	/* Round trip through a real shell, run in the temp dir. */
	for (i = 0; hostile[i] != NULL; i++) {
		char *cmd;
		struct spawn_opts o = { .max_output = 256, .cwd = tmp_root };
		struct spawn_result r;
		struct err e;

		q = spawn_shell_quote(hostile[i]);
		cmd = malloc(strlen(q) + 16);
		if (cmd == NULL)
			abort();
		sprintf(cmd, "printf %%s %s", q);
		o.shell = cmd;
		CHECK_INT(spawn_run(&o, &r, &e), 0);
		CHECK_STR(r.out.data != NULL ? r.out.data : "", hostile[i]);
		spawn_result_done(&r);
		free(cmd);
		free(q);
	}
	{
		char *pwned = path_in("pwned");
		struct stat st;

		CHECK(stat(pwned, &st) != 0);
		free(pwned);
	}
}

static void
remove_tree(void)
{
	test_remove_tree(tmp_root);
}

int
main(void)
{
	if (mkdtemp(tmp_root) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_argv_capture);
	RUN(test_shell_capture);
	RUN(test_exit_status_sentence);
	RUN(test_signal);
	RUN(test_not_installed);
	RUN(test_usage);
	RUN(test_stdin_default_null);
	RUN(test_stdin_file);
	RUN(test_stdin_buffer_large);
	RUN(test_stdin_not_read);
	RUN(test_output_cap);
	RUN(test_output_discarded);
	RUN(test_stderr_capped);
	RUN(test_timeout);
	RUN(test_grandchild_holds_pipe);
	RUN(test_fds_closed);
	RUN(test_env_and_cwd);
	RUN(test_signals_reset);
	RUN(test_inherit);
	RUN(test_detach);
	RUN(test_shell_quote);
	remove_tree();
	return TEST_DONE();
}
