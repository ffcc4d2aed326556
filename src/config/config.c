/* config.c - the one configuration parser and effective-value lookup. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/config.h"
#include "ebox/safefile.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"

#define CONFIG_MAX_DEPTH 8              /* source nesting */
#define CONFIG_MAX_FILE (1024 * 1024)   /* a config file, bytes */
#define CONFIG_MAX_WORDS 256            /* words on one line */
#define CONFIG_NO_ACCOUNT SIZE_MAX

/* State while reading one file; sourced files get their own, chained. */
struct config_parse {
	struct config *c;
	const char *file;               /* as shown in messages (kept in c) */
	const char *real;               /* canonical path, for loop checks */
	int line;
	int depth;
	size_t acct;                    /* current account block (an index:
	                                   the array moves as it grows), or
	                                   CONFIG_NO_ACCOUNT */
	const struct config_parse *parent;
	bool located;                   /* e already says FILE:LINE */
};

/* config_stmts ------------------------------------------------------------ */

static int config_stmt_set(struct config_parse *, int, char **, struct err *);
static int config_stmt_account(struct config_parse *, int, char **,
    struct err *);
static int config_stmt_source(struct config_parse *, int, char **,
    struct err *);
static int config_stmt_ui(struct config_parse *, int, char **, struct err *);

/* Every statement the syntax knows; the UI's own are kept, not read. */
static const struct config_stmt {
	const char *name;
	int (*fn)(struct config_parse *, int, char **, struct err *);
} config_stmts[] = {
	{ "account", config_stmt_account },
	{ "bind", config_stmt_ui },
	{ "color", config_stmt_ui },
	{ "macro", config_stmt_ui },
	{ "mono", config_stmt_ui },
	{ "set", config_stmt_set },
	{ "source", config_stmt_source },
	{ "unbind", config_stmt_ui },
};

/* Boolean spellings users bring from other programs' configs. */
static const struct {
	const char *word;
	bool value;
} config_bools[] = {
	{ "yes", true }, { "no", false }, { "true", true }, { "false", false },
	{ "on", true }, { "off", false }, { "1", true }, { "0", false },
};

/* Strings ------------------------------------------------------------------ */

/* Keeps s alive as long as c (file names that opt_value.file points to). */
static const char *
config_keep(struct config *c, const char *s)
{
	size_t i;

	for (i = config_n_options; i < c->n_strings; i++) {
		if (c->strings[i] != NULL && strcmp(c->strings[i], s) == 0)
			return c->strings[i];
	}
	c->strings = xreallocarray(c->strings, c->n_strings + 1,
	    sizeof *c->strings);
	c->strings[c->n_strings] = xstrdup(s);
	return c->strings[c->n_strings++];
}

void
config_init(struct config *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	c->values = xcalloc(config_n_options, sizeof *c->values);
	/* The first config_n_options strings are the defaults with "~/"
	 * expanded, so config_str() can hand out a stable pointer. */
	c->n_strings = config_n_options;
	c->strings = xcalloc(c->n_strings, sizeof *c->strings);
	for (i = 0; i < config_n_options; i++) {
		if (config_options[i].type == OPT_PATH &&
		    config_options[i].def != NULL)
			c->strings[i] = xdg_expand_home(config_options[i].def);
	}
}

static void
config_values_free(struct opt_value *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < config_n_options; i++)
		free(v[i].text);
	free(v);
}

void
config_done(struct config *c)
{
	size_t i;

	config_values_free(c->values);
	for (i = 0; i < c->n_accounts; i++) {
		free(c->accounts[i].name);
		config_values_free(c->accounts[i].values);
	}
	free(c->accounts);
	for (i = 0; i < c->n_ui_lines; i++) {
		free(c->ui_lines[i].file);
		config_argv_free(c->ui_lines[i].argv);
	}
	free(c->ui_lines);
	free(c->path);
	for (i = 0; i < c->n_strings; i++)
		free(c->strings[i]);
	free(c->strings);
	memset(c, 0, sizeof *c);
}

/* Splitting ---------------------------------------------------------------- */

/* The character a backslash escape inside double quotes stands for. */
static char
config_unescape(char ch)
{
	static const char from[] = "ntre", to[] = "\n\t\r\033";
	const char *p = ch != '\0' ? strchr(from, ch) : NULL;

	return p != NULL ? to[p - from] : ch;
}

static void
config_word_add(char ***argv, int *argc, struct buf *w)
{
	*argv = xreallocarray(*argv, (size_t)*argc + 2, sizeof **argv);
	(*argv)[(*argc)++] = buf_steal(w);
	(*argv)[*argc] = NULL;
}

/* Appends the quoted part starting at p (on the quote) to w; returns what
 * follows the closing quote, or NULL when there is none. */
static const char *
config_split_quoted(const char *p, struct buf *w, struct err *e)
{
	char quote = *p++, ch;

	for (; *p != '\0' && *p != quote; p++) {
		if (quote == '"' && *p == '\\' && p[1] != '\0') {
			ch = config_unescape(*++p);
			buf_append(w, &ch, 1);
		} else
			buf_append(w, p, 1);
	}
	if (*p == '\0') {
		err_set(e, ERR_CONFIG, quote == '"' ? _("the double quote is "
		    "never closed") : _("the single quote is never closed"));
		return NULL;
	}
	return p + 1;
}

static bool
config_split_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
config_split(const char *line, char ***argv, struct err *e)
{
	struct buf w;
	const char *p = line;
	int argc = 0;

	*argv = xcalloc(1, sizeof **argv);
	buf_init(&w, CONFIG_MAX_FILE);
	if (line == NULL)
		return 0;
	for (;;) {
		while (config_split_space(*p))
			p++;
		/* '#' starts a comment only where a word would start, so
		 * "#ff0000" needs quotes but "a#b" does not. */
		if (*p == '\0' || *p == '#')
			break;
		if (argc == CONFIG_MAX_WORDS) {
			err_set(e, ERR_CONFIG, _("too many words on one line"));
			goto fail;
		}
		while (*p != '\0' && !config_split_space(*p)) {
			if (*p == '"' || *p == '\'') {
				if ((p = config_split_quoted(p, &w, e)) == NULL)
					goto fail;
			} else if (*p == '\\' && (p[1] == 'C' || p[1] == 'c' ||
			    p[1] == 'e') && p[2] != '\0') {
				/* NeoMutt's key names, written bare:
				 * "bind index \Cn next-entry", "\e". */
				buf_append(&w, p, 2);
				p += 2;
			} else if (*p == '\\' && p[1] != '\0') {
				buf_append(&w, p + 1, 1);
				p += 2;
			} else
				buf_append(&w, p++, 1);
		}
		config_word_add(argv, &argc, &w);
	}
	buf_done(&w);
	return argc;

fail:
	buf_done(&w);
	config_argv_free(*argv);
	*argv = NULL;
	return -1;
}

void
config_argv_free(char **argv)
{
	char **p;

	if (argv == NULL)
		return;
	for (p = argv; *p != NULL; p++)
		free(*p);
	free(argv);
}

/* Suggestions -------------------------------------------------------------- */

/* Levenshtein distance of two short words (longer ones never match). */
static size_t
config_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[65], diag, up;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* Keeps cand in *best when it is closer to word than what is there: a
 * typo (at most two edits, fewer than half the word). */
static void
config_suggest(const char *word, const char *cand, const char **best,
    size_t *best_d)
{
	size_t d = config_distance(word, cand);

	if (d <= 2 && d * 2 < strlen(word) && d < *best_d) {
		*best = cand;
		*best_d = d;
	}
}

static const char *
config_suggest_option(const char *word)
{
	const char *best = NULL;
	size_t i, d = SIZE_MAX;

	for (i = 0; i < config_n_options; i++)
		config_suggest(word, config_options[i].name, &best, &d);
	return best;
}

static const char *
config_suggest_stmt(const char *word)
{
	const char *best = NULL;
	size_t i, d = SIZE_MAX;

	for (i = 0; i < sizeof config_stmts / sizeof config_stmts[0]; i++)
		config_suggest(word, config_stmts[i].name, &best, &d);
	return best;
}

static int
config_unknown_option(const char *name, struct err *e)
{
	const char *s = config_suggest_option(name);

	if (s != NULL)
		return err_set(e, ERR_CONFIG, _("unknown option '%s'; did you "
		    "mean '%s'?"), name, s);
	return err_set(e, ERR_CONFIG, _("unknown option '%s' (see "
	    "ebox-tui.conf(5) for the list)"), name);
}

/* Values ------------------------------------------------------------------- */

static int
config_check_bool(const struct opt_def *d, const char *value, char **out,
    struct err *e)
{
	size_t i;

	for (i = 0; i < sizeof config_bools / sizeof config_bools[0]; i++) {
		if (strcasecmp(value, config_bools[i].word) == 0) {
			*out = xstrdup(config_bools[i].value ? "yes" : "no");
			return 0;
		}
	}
	return err_set(e, ERR_CONFIG, _("'%s' must be yes or no, not '%s'"),
	    d->name, value);
}

static int
config_check_int(const struct opt_def *d, const char *value, char **out,
    struct err *e)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (*value == '\0' || isspace((unsigned char)*value) || *end != '\0' ||
	    errno != 0 || n < d->min || n > d->max)
		return err_set(e, ERR_CONFIG, _("'%s' must be a number from %ld "
		    "to %ld"), d->name, d->min, d->max);
	*out = xasprintf("%ld", n);
	return 0;
}

static int
config_check_enum(const struct opt_def *d, const char *value, char **out,
    struct err *e)
{
	struct buf list;
	size_t i;
	int r;

	for (i = 0; d->choices[i] != NULL; i++) {
		if (strcasecmp(value, d->choices[i]) == 0) {
			*out = xstrdup(d->choices[i]);
			return 0;
		}
	}
	buf_init(&list, ERR_MSG_MAX);
	for (i = 0; d->choices[i] != NULL; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", d->choices[i]);
	r = err_set(e, ERR_CONFIG, _("'%s' must be one of %s, not '%s'"),
	    d->name, list.data, value);
	buf_done(&list);
	return r;
}

/* Validates value for d and gives its stored form in *out (canonical
 * yes/no, a plain number, a choice as spelled in the table, "~/"
 * expanded).  An empty string stays empty: it unsets the option. */
static int
config_check(const struct opt_def *d, const char *value, char **out,
    struct err *e)
{
	*out = NULL;
	if (*value == '\0' && (d->type == OPT_STRING || d->type == OPT_PATH)) {
		*out = xstrdup("");
		return 0;
	}
	switch (d->type) {
	case OPT_BOOL:
		return config_check_bool(d, value, out, e);
	case OPT_INT:
		return config_check_int(d, value, out, e);
	case OPT_ENUM:
		return config_check_enum(d, value, out, e);
	case OPT_PATH:
		*out = xdg_expand_home(value);
		return 0;
	case OPT_STRING:
		break;
	}
	*out = xstrdup(value);
	return 0;
}

/* Stores a checked value; file is a string kept by c (or NULL). */
static int
config_assign(struct config *c, struct account *acct, const char *name,
    const char *value, const char *file, int line, struct err *e)
{
	const struct opt_def *d = config_option_find(name);
	struct opt_value *v;
	char *text = NULL;

	if (d == NULL)
		return config_unknown_option(name, e);
	if (value != NULL && config_check(d, value, &text, e) != 0)
		return ERR_CONFIG;
	v = &(acct != NULL ? acct->values : c->values)[d - config_options];
	free(v->text);
	v->text = text;
	v->file = file;
	v->line = line;
	return 0;
}

int
config_set(struct config *c, struct account *acct, const char *name,
    const char *value, struct err *e)
{
	return config_assign(c, acct, name, value, NULL, 0, e);
}

/* Statements --------------------------------------------------------------- */

static int
config_stmt_set(struct config_parse *p, int argc, char **argv,
    struct err *e)
{
	const struct opt_def *d;
	const char *name = argv[1], *value;
	char *eq = NULL;
	int r;

	if (argc < 2)
		return err_set(e, ERR_CONFIG, _("'set' needs an option name and "
		    "a value"));
	/* "set NAME=VALUE" and "set NAME = VALUE" mean "set NAME VALUE". */
	if (argc == 2 && (eq = strchr(argv[1], '=')) != NULL) {
		*eq = '\0';
		value = eq + 1;
	} else if (argc == 4 && strcmp(argv[2], "=") == 0)
		value = argv[3];
	else if (argc == 3)
		value = argv[2];
	else if (argc == 2) {
		/* "set NAME" alone turns a yes/no option on, as in muttrc. */
		if ((d = config_option_find(name)) == NULL)
			return config_unknown_option(name, e);
		if (d->type != OPT_BOOL)
			return err_set(e, ERR_CONFIG, _("'%s' needs a value"),
			    name);
		value = "yes";
	} else
		return err_set(e, ERR_CONFIG, _("'set %s' takes one value; put "
		    "values with spaces in quotes"), name);
	r = config_assign(p->c, p->acct == CONFIG_NO_ACCOUNT ? NULL :
	    &p->c->accounts[p->acct], name, value, p->file, p->line, e);
	if (eq != NULL)
		*eq = '=';
	return r;
}

/* Account names end up in file names (token-NAME.json), so they are kept
 * to a safe alphabet. */
static bool
config_account_name_ok(const char *name)
{
	const char *s;

	if (*name == '\0' || *name == '.' || *name == '-')
		return false;
	for (s = name; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) && strchr("._-", *s) == NULL)
			return false;
	}
	return true;
}

static struct account *
config_account_find(struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_accounts; i++) {
		if (strcmp(c->accounts[i].name, name) == 0)
			return &c->accounts[i];
	}
	return NULL;
}

static struct account *
config_account_add(struct config *c, const char *name)
{
	struct account *a;

	c->accounts = xreallocarray(c->accounts, c->n_accounts + 1,
	    sizeof *c->accounts);
	a = &c->accounts[c->n_accounts++];
	a->name = xstrdup(name);
	a->values = xcalloc(config_n_options, sizeof *a->values);
	return a;
}

static int
config_stmt_account(struct config_parse *p, int argc, char **argv,
    struct err *e)
{
	struct account *a;

	if (argc != 2)
		return err_set(e, ERR_CONFIG, _("'account' takes one name, as in "
		    "'account work'"));
	if (!config_account_name_ok(argv[1]))
		return err_set(e, ERR_CONFIG, _("account name '%s' may only use "
		    "letters, digits, '.', '_' and '-', and not start with "
		    "'.' or '-'"), argv[1]);
	/* A second block with the same name goes on with the first. */
	if ((a = config_account_find(p->c, argv[1])) == NULL)
		a = config_account_add(p->c, argv[1]);
	p->acct = (size_t)(a - p->c->accounts);
	return 0;
}

static int
config_stmt_ui(struct config_parse *p, int argc, char **argv,
    struct err *e)
{
	struct config *c = p->c;
	struct config_line *l;
	int i;

	c->ui_lines = xreallocarray(c->ui_lines, c->n_ui_lines + 1,
	    sizeof *c->ui_lines);
	l = &c->ui_lines[c->n_ui_lines++];
	l->file = xstrdup(p->file);
	l->line = p->line;
	l->argc = argc;
	l->argv = xcalloc((size_t)argc + 1, sizeof *l->argv);
	for (i = 0; i < argc; i++)
		l->argv[i] = xstrdup(argv[i]);
	return 0;
}

static int config_parse_file(struct config *, const char *, int,
    const struct config_parse *, size_t, bool *, struct err *);

/* FILE relative to the directory of the file that names it. */
static char *
config_source_path(const struct config_parse *p, const char *name)
{
	char *expanded = xdg_expand_home(name), *path;
	const char *slash = strrchr(p->file, '/');

	if (expanded[0] == '/' || slash == NULL)
		return expanded;
	path = xasprintf("%.*s/%s", (int)(slash - p->file), p->file, expanded);
	free(expanded);
	return path;
}

static int
config_stmt_source(struct config_parse *p, int argc, char **argv,
    struct err *e)
{
	char *path;
	int r;

	if (argc != 2)
		return err_set(e, ERR_CONFIG, _("'source' takes one file name"));
	if (p->depth + 1 > CONFIG_MAX_DEPTH)
		return err_set(e, ERR_CONFIG, _("cannot source '%s': files are "
		    "nested more than %d deep"), argv[1], CONFIG_MAX_DEPTH);
	path = config_source_path(p, argv[1]);
	/* The sourced file starts in the current account block, so
	 * "account work" then "source work-secrets" does what it says. */
	r = config_parse_file(p->c, path, p->depth + 1, p, p->acct,
	    &p->located, e);
	free(path);
	return r;
}

/* Parsing ------------------------------------------------------------------ */

static const struct config_stmt *
config_stmt_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof config_stmts / sizeof config_stmts[0]; i++) {
		if (strcmp(config_stmts[i].name, name) == 0)
			return &config_stmts[i];
	}
	return NULL;
}

/* One statement: which kind, then its handler. */
static int
config_parse_words(struct config_parse *p, int argc, char **argv,
    struct err *e)
{
	const struct config_stmt *st;
	const char *s;
	char setword[] = "set", *set[4] = { setword, NULL, NULL, NULL };

	/* "NAME = VALUE" and "NAME=VALUE" are "set NAME VALUE". */
	if ((argc == 3 && strcmp(argv[1], "=") == 0) ||
	    (argc == 1 && strchr(argv[0], '=') != NULL)) {
		set[1] = argv[0];
		set[2] = argc == 3 ? argv[2] : NULL;
		return config_stmt_set(p, argc == 3 ? 3 : 2, set, e);
	}
	if ((st = config_stmt_find(argv[0])) != NULL)
		return st->fn(p, argc, argv, e);
	if (config_option_find(argv[0]) != NULL)
		return err_set(e, ERR_CONFIG, _("unknown command '%s'; did you "
		    "mean 'set %s ...'?"), argv[0], argv[0]);
	if ((s = config_suggest_stmt(argv[0])) != NULL)
		return err_set(e, ERR_CONFIG, _("unknown command '%s'; did you "
		    "mean '%s'?"), argv[0], s);
	return err_set(e, ERR_CONFIG, _("unknown command '%s'"), argv[0]);
}

int
config_each_line(const char *name, const char *text, config_line_fn fn,
    void *ud, struct err *e)
{
	const char *line = text, *nl;
	char *copy, **argv;
	bool located;
	int argc, lineno, r = 0;

	/* A UTF-8 byte order mark from a Windows editor is not a word. */
	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (lineno = 1; r == 0 && *line != '\0'; lineno++) {
		nl = strchr(line, '\n');
		copy = nl != NULL ? xstrndup(line, (size_t)(nl - line)) :
		    xstrdup(line);
		argc = config_split(copy, &argv, e);
		free(copy);
		located = false;
		if (argc < 0)
			r = ERR_CONFIG;
		else if (argc > 0)
			r = fn(ud, lineno, argc, argv, &located, e);
		config_argv_free(argv);
		if (r != 0 && !located)
			err_prefix(e, "%s:%d", name, lineno);
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return r;
}

static int
config_parse_line(void *ud, int line, int argc, char **argv, bool *located,
    struct err *e)
{
	struct config_parse *p = ud;
	int r;

	p->line = line;
	r = config_parse_words(p, argc, argv, e);
	*located = p->located;
	return r;
}

/* Parses text line by line, stopping at the first error. */
static int
config_parse_text(struct config_parse *p, const char *text, struct err *e)
{
	return config_each_line(p->file, text, config_parse_line, p, e);
}

/* True when real is already being read further up the chain. */
static bool
config_parse_loops(const struct config_parse *up, const char *real)
{
	for (; up != NULL; up = up->parent) {
		if (strcmp(up->real, real) == 0)
			return true;
	}
	return false;
}

/* Reads path as a configuration file.  *located tells whether an error
 * already names a line of path (else the caller adds its own FILE:LINE). */
static int
config_parse_file(struct config *c, const char *path, int depth,
    const struct config_parse *parent, size_t acct, bool *located,
    struct err *e)
{
	struct config_parse p;
	struct err re;
	char *text = NULL, *real;
	int r;

	if ((real = realpath(path, NULL)) == NULL)
		return err_set(e, ERR_CONFIG, _("cannot read %s: %s"), path,
		    strerror(errno));
	if (config_parse_loops(parent, real)) {
		r = err_set(e, ERR_CONFIG, _("%s is already being read (a "
		    "source loop)"), path);
		free(real);
		return r;
	}
	err_clear(&re);
	if ((r = safefile_read(path, CONFIG_MAX_FILE, &text, NULL, &re)) != 0) {
		free(real);
		if (r == ERR_TOOBIG)
			return err_set(e, ERR_CONFIG, _("%s is larger than 1 "
			    "MiB; is it really a configuration file?"), path);
		return err_set(e, ERR_CONFIG, "%s", re.msg);
	}
	memset(&p, 0, sizeof p);
	p.c = c;
	p.file = config_keep(c, path);
	p.real = real;
	p.depth = depth;
	p.acct = acct;
	p.parent = parent;
	r = config_parse_text(&p, text, e);
	*located = r != 0;
	free(text);
	free(real);
	return r;
}

int
config_load(struct config *c, const char *path, struct err *e)
{
	bool located;

	if (path == NULL)
		return err_set(e, ERR_CONFIG, _("no configuration file given"));
	if (c->path == NULL)
		c->path = xstrdup(path);
	return config_parse_file(c, path, 0, NULL, CONFIG_NO_ACCOUNT, &located,
	    e);
}

int
config_load_string(struct config *c, const char *name, const char *text,
    struct err *e)
{
	struct config_parse p;

	memset(&p, 0, sizeof p);
	p.c = c;
	p.file = config_keep(c, name != NULL ? name : "(string)");
	p.real = p.file;
	p.acct = CONFIG_NO_ACCOUNT;
	return config_parse_text(&p, text != NULL ? text : "", e);
}

/* Lookup ------------------------------------------------------------------- */

struct account *
config_account(struct config *c, const char *name, struct err *e)
{
	struct account *a;
	const char *def;

	if (name == NULL && (def = config_str(c, NULL, "default_account")) !=
	    NULL) {
		if ((a = config_account_find(c, def)) == NULL)
			err_set(e, ERR_CONFIG, _("default_account is '%s' but no "
			    "'account %s' block exists"), def, def);
		return a;
	}
	if (name != NULL) {
		if ((a = config_account_find(c, name)) == NULL)
			err_set(e, ERR_CONFIG, c->n_accounts == 0 ?
			    _("no account '%s' in the configuration") :
			    _("no account '%s' in the configuration; add an "
			    "'account' block or check the spelling"), name);
		return a;
	}
	/* No account block at all: the global settings are the account,
	 * so a one-account setup needs no block. */
	if (c->n_accounts == 0)
		config_account_add(c, "default");
	return &c->accounts[0];
}

/* The definition of name and its index; abort when it does not exist,
 * or has another type than the caller reads it as (a programming error,
 * not a user's). */
static size_t
config_lookup(const char *name, int type)
{
	const struct opt_def *d = config_option_find(name);

	if (d == NULL)
		fatal("no option called '%s'", name);
	if (type >= 0 && (int)d->type != type)
		fatal("option '%s' read with the wrong type", name);
	return (size_t)(d - config_options);
}

/* The effective text of option i: the account's, the global, the default.
 * "" (set to nothing) reads as unset. */
static const char *
config_text(const struct config *c, const struct account *acct, size_t i)
{
	const char *t = NULL;

	if (acct != NULL && acct->values != NULL)
		t = acct->values[i].text;
	if (t == NULL)
		t = c->values[i].text;
	if (t == NULL) {
		if (i < c->n_strings && c->strings[i] != NULL)
			t = c->strings[i];
		else
			t = config_options[i].def;
	}
	return t != NULL && *t != '\0' ? t : NULL;
}

const char *
config_str(const struct config *c, const struct account *acct,
    const char *name)
{
	return config_text(c, acct, config_lookup(name, -1));
}

long
config_int(const struct config *c, const struct account *acct,
    const char *name)
{
	const char *t = config_text(c, acct, config_lookup(name, OPT_INT));

	return t != NULL ? strtol(t, NULL, 10) : 0;
}

bool
config_bool(const struct config *c, const struct account *acct,
    const char *name)
{
	const char *t = config_text(c, acct, config_lookup(name, OPT_BOOL));

	return t != NULL && strcmp(t, "yes") == 0;
}
