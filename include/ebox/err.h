/* err.h - one error type for every layer.
 *
 * Functions that can fail return int (0 ok, a negative enum err_code) and
 * fill a struct err with a sentence fit for a user.  The code decides the
 * process exit status (err_exit_status); the sentence is what people read.
 */
#ifndef EBOX_ERR_H
#define EBOX_ERR_H

#include <stddef.h>

enum err_code {
	ERR_OK = 0,
	ERR_USAGE = -1,     /* bad command line or config value */
	ERR_CONFIG = -2,    /* config file unreadable or invalid */
	ERR_NET = -3,       /* connection, TLS, timeout, HTTP 5xx */
	ERR_AUTH = -4,      /* token could not be had, 401, 403 */
	ERR_NOTFOUND = -5,  /* 404, unknown id */
	ERR_DATA = -6,      /* server sent something we cannot decode */
	ERR_INTEGRITY = -7, /* digest mismatch, cut download */
	ERR_IO = -8,        /* local file system */
	ERR_CANCELLED = -9, /* the user cancelled */
	ERR_TOOBIG = -10,   /* a size cap was hit */
	ERR_OFFLINE = -11,  /* no connection at all: the name does not
	                       resolve, the connection is refused or times
	                       out (the local mailbox answers instead) */
};

#define ERR_MSG_MAX 512

struct err {
	int code;                 /* enum err_code, 0 when no error */
	char msg[ERR_MSG_MAX];    /* a sentence for the user, no trailing newline */
};

/* Resets e to "no error". */
void err_clear(struct err *e);

/* Sets code and a printf-formatted sentence; returns code so callers can
 * write `return err_set(e, ERR_IO, "...")`.  e may be NULL. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prepends "context: " to the existing sentence (keeps the code). */
void err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A short name for a code ("network", "integrity", ...), for logs and JSON. */
const char *err_code_name(int code);

/* Process exit status documented in ebox-tui(1):
 * 0 ok, 1 usage/config, 2 network or auth, 3 data or integrity (and I/O). */
int err_exit_status(int code);

#endif
