/* tty.c - a secret read from the terminal with echo off, and the
 * terminal always restored. */
#include "config.h"

#include <errno.h>
#include <poll.h>
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

/* One byte, or -1 at the end of input. */
static int
tty_getc(int fd)
{
	unsigned char ch;
	ssize_t r;

	while ((r = read(fd, &ch, 1)) < 0 && errno == EINTR)
		;
	return r == 1 ? ch : -1;
}

/* After an Esc: a key such as an arrow sends Esc and more at once; that
 * is swallowed (it is no answer).  True if it was a lone Esc. */
static bool
tty_lone_esc(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int c;

	if (poll(&p, 1, 30) <= 0)
		return true;
	if ((c = tty_getc(fd)) != '[' && c != 'O')
		return c < 0;
	/* CSI or SS3: parameters, then a final byte in @..~ */
	while ((c = tty_getc(fd)) >= 0 && (c < 0x40 || c > 0x7e))
		;
	return false;
}

/* Backspace: the last character, all its UTF-8 bytes. */
static int
tty_erase(char *buf, int n)
{
	while (n > 0 && ((unsigned char)buf[--n] & 0xc0) == 0x80)
		;
	buf[n] = '\0';
	return n;
}

int
tty_read_secret(int fd, const char *prompt, char *buf, int size)
{
	struct sigaction sa, old[TTY_NSIG];
	struct termios quiet;
	bool is_tty;
	int n = 0, gave_up = 0, c;
	size_t i;

	tty_write(fd, prompt);
	/* A terminal whose settings cannot be read is left as it is. */
	is_tty = tcgetattr(fd, &tty_saved) == 0;
	if (is_tty) {
		memset(&sa, 0, sizeof sa);
		sigemptyset(&sa.sa_mask);
		sa.sa_handler = tty_signal;
		for (i = 0; i < TTY_NSIG; i++)
			sigaction(tty_signals[i], &sa, &old[i]);
		/* Byte by byte, so that Esc gives up at once (a line-mode
		 * read sees it only after Enter); ^C still interrupts. */
		quiet = tty_saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON);
		quiet.c_lflag |= ISIG;
		quiet.c_iflag |= ICRNL;
		quiet.c_cc[VMIN] = 1;
		quiet.c_cc[VTIME] = 0;
		tty_quiet_fd = fd;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	for (;;) {
		if ((c = tty_getc(fd)) < 0) {
			gave_up = n == 0;
			break;
		}
		if (c == '\n' || c == '\r')
			break;
		if (c == 0x1b) {                /* Esc */
			if (!tty_lone_esc(fd))
				continue;
			gave_up = 1;
			break;
		}
		if (c == 0x04 && n == 0) {      /* ^D on nothing */
			gave_up = 1;
			break;
		}
		if (c == 0x7f || c == 0x08) {   /* Backspace */
			n = tty_erase(buf, n);
			continue;
		}
		if (c == 0x15) {                /* ^U: start again */
			memset(buf, 0, (size_t)n);
			n = 0;
			continue;
		}
		if (n < size - 1)
			buf[n++] = (char)c;
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
