/* mailcap.h - which program shows a media type (RFC 1524 mailcap files).
 *
 * Files are read in order and the first usable entry wins.  A line is
 * `type/subtype; command; flag; key=value` with `\;` for a literal ';',
 * a trailing `\` continuing the line and `#` starting a comment.  Known
 * flags: copiousoutput, needsterminal; known fields: test=, nametemplate=,
 * description= (others are ignored).  Usage:
 *
 *	struct mailcap mc;
 *	mailcap_load(&mc, NULL);                ($MAILCAPS or the defaults)
 *	if (mailcap_find(&mc, type, MAILCAP_VIEW, &en) == 0) {
 *		cmd = mailcap_command(en, path, type);
 *		... spawn_run with .shell = cmd, .stdin_path = path when
 *		    en->flags & MAILCAP_STDIN, .inherit_stdio when
 *		    en->flags & MAILCAP_NEEDSTERMINAL ...
 *	}
 *	mailcap_done(&mc);
 */
#ifndef EBOX_MAILCAP_H
#define EBOX_MAILCAP_H

#include <stdbool.h>
#include <stddef.h>
#include "ebox/err.h"

#define MAILCAP_LINE_MAX 4096      /* longer (joined) lines are skipped */
#define MAILCAP_ENTRIES_MAX 1000   /* entries past this are ignored */
#define MAILCAP_COMMAND_MAX 16384  /* an expanded command line */
#define MAILCAP_TYPED_MAX 64       /* outcomes of %t tests kept per entry */
#define MAILCAP_TEST_TIMEOUT_MS 10000  /* a test= command that hangs fails */
#define MAILCAP_UNTESTED 1         /* mailcap_lookup: run this test first */

enum mailcap_flag {
	MAILCAP_COPIOUSOUTPUT = 1 << 0, /* prints text: for the pager */
	MAILCAP_NEEDSTERMINAL = 1 << 1, /* interactive: give it the terminal */
	MAILCAP_STDIN = 1 << 2,         /* no %s: the file goes on stdin */
};

enum mailcap_want {
	MAILCAP_VIEW,   /* any entry; ones without copiousoutput first */
	MAILCAP_TEXT,   /* copiousoutput entries only */
};

struct mailcap_entry {
	char *type;             /* lower case, "text/html"; "*" as subtype */
	char *command;          /* as written, escapes unresolved */
	char *test;             /* test= command, or NULL */
	char *nametemplate;     /* or NULL */
	char *description;      /* or NULL */
	int flags;              /* enum mailcap_flag */
	int test_result;        /* cache: 0 not run, 1 passed, -1 failed */
	struct {                /* the same, per type, for tests using %t */
		char *type;
		int result;
	} *typed;
	size_t n_typed;
	char *file;             /* where it was read, for messages */
	int line;
};

struct mailcap {
	struct mailcap_entry *entries;
	size_t n;
	size_t skipped;                 /* malformed or over-long lines */
	char warning[ERR_MSG_MAX];      /* "FILE:LINE: sentence" for the first
	                                   skipped line, else "" */
};

/* Reads the files of paths (NULL-terminated) in order; paths NULL means
 * $MAILCAPS (colon-separated) when set, else ~/.mailcap, /etc/mailcap.
 * Missing or unreadable files are passed over; malformed lines are
 * skipped and counted.  Never fails. */
void mailcap_load(struct mailcap *mc, const char *const *paths);
/* Adds the entries of one file's text, as if read from name, to mc
 * (zeroed or already loaded). */
void mailcap_load_text(struct mailcap *mc, const char *name,
    const char *text, size_t len);
void mailcap_done(struct mailcap *mc);

/* The first entry for media_type (parameters after ';' are ignored; case
 * does not matter; an entry with a '*' subtype, or a bare "text", matches
 * any text type) that is wanted and whose test= command (run by /bin/sh,
 * %t expanded, %s empty) exits 0.  mc may be NULL (no entries).
 *
 * mailcap_lookup never runs a test: when it reaches an entry whose test
 * has not run yet for this type, it returns MAILCAP_UNTESTED with *out =
 * that entry; the caller runs mailcap_test_command() (as a job: the inbox
 * never waits for a child), records the outcome with
 * mailcap_test_record(), and asks again.  Outcomes are kept in the entry
 * (per type when the test uses %t).  0 and *out when an entry is found,
 * ERR_NOTFOUND and *out = NULL when none is.
 *
 * mailcap_find does the same but runs the tests itself and waits for
 * them (for programs without an event loop, and the tests). */
int mailcap_lookup(const struct mailcap *mc, const char *media_type,
    enum mailcap_want want, struct mailcap_entry **out);
int mailcap_find(const struct mailcap *mc, const char *media_type,
    enum mailcap_want want, struct mailcap_entry **out);
/* en's test= line ready for /bin/sh -c (%t expanded), or NULL and a
 * sentence when it cannot be made safe (record it as failed). */
char *mailcap_test_command(const struct mailcap_entry *en,
    const char *media_type, struct err *e);
void mailcap_test_record(struct mailcap_entry *en, const char *media_type,
    bool passed);

/* en's command ready for /bin/sh -c: %s becomes path and %t media_type
 * (without parameters), %{NAME} the parameter NAME of media_type (or
 * nothing), each quoted for the shell to suit the quotes the author put
 * around it; %% is %, \x is x; a path starting with '-' gets "./".
 * Without %s the caller feeds the file on stdin (en->flags has
 * MAILCAP_STDIN).
 *
 * The media type and its parameters come from the server, so they are
 * expanded only when they are plain tokens (letters, digits, . + - _,
 * one '/' in the type): a command is never built around shell syntax
 * the sender chose, whatever the template does with it.
 *
 * A new string, or NULL and a sentence in e (may be NULL) when the line
 * would be longer than MAILCAP_COMMAND_MAX or cannot be made safe: a
 * server value that is not a plain token, a '\' just before a
 * %-sequence, or a path with characters other than letters, digits,
 * UTF-8 and /._-+,:@% in a command a shell reads twice ($(...),
 * backquotes, eval, sh -c, ssh, tmux...).  ebox-tui passes paths it made
 * itself, which are plain. */
char *mailcap_command(const struct mailcap_entry *en, const char *path,
    const char *media_type, struct err *e);

#endif
