/* log.c - the optional debug log: one timestamped, sanitised line per call. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ebox/log.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"

/* The one piece of mutable file state below main: the log is reached from
 * every layer, and threading a handle through all of them for a debug aid
 * would cost more than it saves.  -1: logging is off. */
static int log_fd = -1;

int
log_open(const char *path)
{
	int fd;

	if (path == NULL || *path == '\0')
		return -1;
	/* 0600: the log holds message subjects and sender names. */
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0)
		return -1;
	log_close();
	log_fd = fd;
	return 0;
}

void
log_close(void)
{
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
}

void
log_msg(const char *fmt, ...)
{
	struct timespec ts;
	struct tm tm;
	char stamp[32], *raw, *clean, *line;
	va_list ap;
	size_t len, off = 0;
	ssize_t n;

	if (log_fd < 0)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (localtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(stamp, sizeof stamp, "?");
	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	/* Logged text often comes from the server: keep escapes out of the
	 * terminal of whoever runs `tail -f`, and one entry per line. */
	clean = sanitize_text(raw, 0);
	line = xasprintf("%s.%03ld %s\n", stamp, ts.tv_nsec / 1000000L, clean);
	/* One write per line: O_APPEND keeps lines whole between processes. */
	len = strlen(line);
	while (off < len) {
		if ((n = write(log_fd, line + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)n;
	}
	free(line);
	free(clean);
	free(raw);
}

char *
log_redact_url(const char *url)
{
	const char *scheme, *host, *at, *end;

	if (url == NULL)
		return xstrdup("(null)");
	/* Query strings and fragments may carry codes or tokens (OAuth
	 * redirects); user info may carry a password. */
	end = url + strcspn(url, "?#");
	scheme = strstr(url, "://");
	host = scheme != NULL && scheme < end ? scheme + 3 : url;
	at = memchr(host, '@', (size_t)(end - host));
	if (at != NULL && at < host + strcspn(host, "/"))
		return xasprintf("%.*s%.*s", (int)(host - url), url,
		    (int)(end - at - 1), at + 1);
	return xstrndup(url, (size_t)(end - url));
}
