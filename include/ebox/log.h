/* log.h - an optional debug log (EBOX_TUI_LOG=FILE or --log FILE).
 *
 * Never pass a token, key or passphrase to these functions: the log is for
 * sharing in bug reports.  log_redact_url() strips query strings.
 */
#ifndef EBOX_LOG_H
#define EBOX_LOG_H

/* Opens the log file (0600, append).  0 or -1.  No file: logging is off. */
int log_open(const char *path);
void log_close(void);
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A new copy of url without user info, query string or fragment. */
char *log_redact_url(const char *url);

#endif
