/* tty.c - a secret read from the terminal with echo off, and the
 * terminal always restored. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ebox/tty.h"

/* What a signal handler needs to put the terminal back: set only while
 * echo is off. */
static volatile sig_atomic_t tty_quiet_fd = -1;
static struct termios tty_saved;

static const int tty_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define TTY_NSIG (sizeof tty_signals / sizeof tty_signals[0])

/* Restores the terminal, then dies of the signal as it would have. */
static void
tty_signal(int sig)
{
	if (tty_quiet_fd >= 0)
		tcsetattr((int)tty_quiet_fd, TCSAFLUSH, &tty_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
tty_write(int fd, const char *s)
{
	size_t n = strlen(s);
	ssize_t w;

	while (n > 0 && ((w = write(fd, s, n)) > 0 || errno == EINTR)) {
		if (w > 0) {
			s += w;
			n -= (size_t)w;
		}
	}
}

int
tty_read_secret(int fd, const char *prompt, char *buf, int size)
{
	struct sigaction sa, old[TTY_NSIG];
	struct termios quiet;
	bool is_tty;
	int n = 0, gave_up = 0;
	size_t i;
	ssize_t r;
	char ch;

	tty_write(fd, prompt);
	/* A terminal whose settings cannot be read is left as it is. */
	is_tty = tcgetattr(fd, &tty_saved) == 0;
	if (is_tty) {
		memset(&sa, 0, sizeof sa);
		sigemptyset(&sa.sa_mask);
		sa.sa_handler = tty_signal;
		for (i = 0; i < TTY_NSIG; i++)
			sigaction(tty_signals[i], &sa, &old[i]);
		quiet = tty_saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tty_quiet_fd = fd;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	for (;;) {
		if ((r = read(fd, &ch, 1)) < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			gave_up = n == 0;
			break;
		}
		if (ch == '\n' || ch == '\r')
			break;
		if (ch == 0x1b) {       /* Esc */
			gave_up = 1;
			break;
		}
		if (n < size - 1)
			buf[n++] = ch;
	}
	buf[n] = '\0';
	if (is_tty) {
		tcsetattr(fd, TCSAFLUSH, &tty_saved);
		tty_quiet_fd = -1;
		for (i = 0; i < TTY_NSIG; i++)
			sigaction(tty_signals[i], &old[i], NULL);
	}
	tty_write(fd, "\n");
	if (gave_up) {
		memset(buf, 0, (size_t)size);
		return -1;
	}
	return n;
}
