/* test-tty.c - the passphrase prompt: echo off, and always back on. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ebox/tty.h"
#include "test.h"

/* Not a terminal (finding 10: tcgetattr failed and an uninitialised
 * struct went to tcsetattr): the secret is still read, nothing else. */
static void
test_not_a_tty(void)
{
	char buf[64], prompt[64];
	int sv[2];
	ssize_t n;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		abort();
	CHECK(write(sv[1], "s3cret\n", 7) == 7);
	CHECK_INT(tty_read_secret(sv[0], "Pass: ", buf, sizeof buf), 6);
	CHECK_STR(buf, "s3cret");
	n = read(sv[1], prompt, sizeof prompt - 1);
	prompt[n > 0 ? n : 0] = '\0';
	CHECK_STR(prompt, "Pass: \n");
	/* Esc gives up; so does an end of file before anything. */
	CHECK(write(sv[1], "ab\x1b", 3) == 3);
	CHECK_INT(tty_read_secret(sv[0], "", buf, sizeof buf), -1);
	CHECK_STR(buf, "");
	/* Backspace takes back a character (all its bytes), ^U the line;
	 * an arrow key (Esc and more at once) is no answer and no Esc. */
	CHECK(write(sv[1], "ab\x7f\xc3\xa9\x7f" "c\n", 8) == 8);
	CHECK_INT(tty_read_secret(sv[0], "", buf, sizeof buf), 2);
	CHECK_STR(buf, "ac");
	CHECK(write(sv[1], "wrong\x15right\r", 12) == 12);
	CHECK_INT(tty_read_secret(sv[0], "", buf, sizeof buf), 5);
	CHECK_STR(buf, "right");
	CHECK(write(sv[1], "x\x1b[Dy\x1bOAz\n", 10) == 10);
	CHECK_INT(tty_read_secret(sv[0], "", buf, sizeof buf), 3);
	CHECK_STR(buf, "xyz");
	close(sv[1]);
	CHECK_INT(tty_read_secret(sv[0], "", buf, sizeof buf), -1);
	close(sv[0]);
}

/* Whether the pseudo-terminal's echo is on. */
static int
pty_echo(int master)
{
	struct termios t;

	if (tcgetattr(master, &t) != 0)
		return -1;
	return (t.c_lflag & ECHO) != 0;
}

/* Finding 10: ^C while echo was off left the terminal without echo. */
static void
test_signal_restores_echo(void)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int master, slave, status, i;
	char buf[64];
	pid_t pid;

	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
	    grantpt(master) != 0 || unlockpt(master) != 0) {
		CHECK(!"a pseudo-terminal can be opened");
		return;
	}
	CHECK_INT(pty_echo(master), 1);
	if ((pid = fork()) == 0) {
		setsid();
		if ((slave = open(ptsname(master), O_RDWR)) < 0)
			_exit(2);
		tty_read_secret(slave, "Pass: ", buf, sizeof buf);
		_exit(0);
	}
	/* Wait (up to 30 s) for the prompt to turn echo off. */
	for (i = 0; i < 3000 && pty_echo(master) != 0; i++)
		nanosleep(&tick, NULL);
	CHECK_INT(pty_echo(master), 0);
	kill(pid, SIGINT);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
	CHECK_INT(pty_echo(master), 1);
	close(master);
}

int
main(void)
{
	signal(SIGPIPE, SIG_IGN);       /* the prompt's newline to a closed peer */
	RUN(test_not_a_tty);
	RUN(test_signal_restores_echo);
	return TEST_DONE();
}
