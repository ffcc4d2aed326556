/* config.h - options, accounts and the one configuration syntax.
 *
 * Every option is one row of config_options[] (name, type, default,
 * bounds, help): the parser, `--help`, doc/ebox-tui.conf.5 and validation
 * read that table.  Syntax, one statement per line, '#' comments,
 * "double quotes" with \ escapes or 'single quotes':
 *
 *     set NAME VALUE          (also: NAME = VALUE, set NAME = VALUE)
 *     account NAME            following set lines belong to this account
 *     source FILE             relative to the including file; depth <= 8
 *     bind / unbind / macro / color / mono ...   kept for the UI (ui_lines)
 *
 * An option set inside an account block overrides the global value for
 * that account; an empty value ("") unsets it there.  `set NAME` alone
 * turns an OPT_BOOL on.  Errors read "FILE:LINE: sentence"; the first one
 * stops the load.
 */
#ifndef EBOX_CONFIG_H
#define EBOX_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "ebox/err.h"

enum opt_type { OPT_STRING, OPT_PATH, OPT_INT, OPT_BOOL, OPT_ENUM };

enum opt_scope {
	OPT_GLOBAL,     /* meaningful globally (may still be set per account) */
	OPT_ACCOUNT,    /* describes an account: registry, keys, ... */
};

struct opt_def {
	const char *name;
	enum opt_type type;
	enum opt_scope scope;
	const char *def;            /* default as text; NULL: unset */
	long min, max;              /* OPT_INT bounds */
	const char *const *choices; /* OPT_ENUM: NULL-terminated */
	const char *help;           /* one sentence */
};

extern const struct opt_def config_options[];
extern const size_t config_n_options;
const struct opt_def *config_option_find(const char *name);

/* A value as set by the user (text, already ~-expanded for OPT_PATH). */
struct opt_value {
	char *text;                 /* NULL: not set here */
	const char *file;           /* where it was set (for messages) */
	int line;
};

struct account {
	char *name;
	struct opt_value *values;   /* config_n_options slots */
};

/* A line the core does not interpret (bind, macro, color, ...). */
struct config_line {
	char *file;
	int line;
	int argc;
	char **argv;
};

struct config {
	struct opt_value *values;   /* global, config_n_options slots */
	struct account *accounts;
	size_t n_accounts;
	struct config_line *ui_lines;
	size_t n_ui_lines;
	char *path;                 /* the file loaded first, or NULL */
	char **strings;             /* the first config_n_options: defaults with
	                               "~/" expanded (or NULL); then file names
	                               kept alive for opt_value.file */
	size_t n_strings;
};

void config_init(struct config *c);
void config_done(struct config *c);
/* Reads FILE.  Unknown options and bad values are errors ("FILE:LINE: ..."). */
int config_load(struct config *c, const char *path, struct err *e);
/* Parses text as if it were a file named name (tests, -o overrides). */
int config_load_string(struct config *c, const char *name, const char *text,
    struct err *e);
/* Sets an option globally (acct NULL) or for one account, validating it. */
int config_set(struct config *c, struct account *acct, const char *name,
    const char *value, struct err *e);

/* The account called name; name NULL: the `default_account` option, else
 * the first account; a file without account blocks gets one called
 * "default" holding no values of its own (the globals apply).  NULL when
 * the named account does not exist (e points out the fix). */
struct account *config_account(struct config *c, const char *name,
    struct err *e);

/* Effective values: the account's, else the global one, else the default.
 * acct may be NULL.  An unknown name is a programming error (abort). */
const char *config_str(const struct config *c, const struct account *acct,
    const char *name);           /* NULL when unset with no default */
long config_int(const struct config *c, const struct account *acct,
    const char *name);
bool config_bool(const struct config *c, const struct account *acct,
    const char *name);

/* Reads text (from a file called name) one statement per line: splits
 * each line with config_split() and calls fn with its words, stopping at
 * the first error, which gets the prefix "NAME:LINE: " unless fn sets
 * *located (it already says where, e.g. inside a sourced file).  A UTF-8
 * byte order mark is skipped.  The one reader of config and theme files. */
typedef int (*config_line_fn)(void *ud, int line, int argc, char **argv,
    bool *located, struct err *e);
int config_each_line(const char *name, const char *text, config_line_fn fn,
    void *ud, struct err *e);

/* Splits one line into words (quotes, escapes, comments).  Returns the word
 * count (0 for blank/comment lines) or -1 with e set on bad quoting.
 * *argv is a new NULL-terminated array of new strings. */
int config_split(const char *line, char ***argv, struct err *e);
void config_argv_free(char **argv);

#endif
