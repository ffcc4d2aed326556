/* mailcap.c - RFC 1524 mailcap files: parse, look up, build safe commands. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/mailcap.h"
#include "ebox/safefile.h"
#include "ebox/spawn.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"

#define MAILCAP_FILE_MAX (1024 * 1024)  /* bytes read from one file */

/* Flags a line may carry, by name. */
static const struct {
	const char *name;
	int flag;
} mailcap_flags[] = {
	{ "copiousoutput", MAILCAP_COPIOUSOUTPUT },
	{ "needsterminal", MAILCAP_NEEDSTERMINAL },
};

/* key=value fields we keep, by name and where they go. */
static const struct {
	const char *name;
	size_t offset;
} mailcap_fields[] = {
	{ "test", offsetof(struct mailcap_entry, test) },
	{ "nametemplate", offsetof(struct mailcap_entry, nametemplate) },
	{ "description", offsetof(struct mailcap_entry, description) },
};

/* Where the parser is, for warnings. */
struct mailcap_pos {
	struct mailcap *mc;
	const char *file;
	int line;
};

static void
mailcap_warn(struct mailcap_pos *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Counts a skipped line; the first one's reason is kept. */
static void
mailcap_warn(struct mailcap_pos *p, const char *fmt, ...)
{
	char why[ERR_MSG_MAX / 2];
	va_list ap;

	p->mc->skipped++;
	if (p->mc->warning[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(p->mc->warning, sizeof p->mc->warning, "%.200s:%d: %s",
	    p->file, p->line, why);
}

/* A new string: s[0..n) without surrounding white space. */
static char *
mailcap_trim(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void
mailcap_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* A new string with every \x turned into x. */
static char *
mailcap_unescape(const char *s)
{
	char *out = xstrdup(s), *o = out;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0')
			s++;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* Length of the field at s: up to an unescaped ';' or the end. */
static size_t
mailcap_field_len(const char *s)
{
	size_t i = 0;

	while (s[i] != '\0' && s[i] != ';') {
		if (s[i] == '\\' && s[i + 1] != '\0')
			i++;
		i++;
	}
	return i;
}

/* Whether s is a media type we can match: "text/html", "text" or "*",
 * with "*" allowed as the subtype. */
static bool
mailcap_type_ok(const char *s)
{
	const char *slash = strchr(s, '/');
	const char *p;

	if (*s == '\0' || *s == '/' || (slash != NULL && slash[1] == '\0'))
		return false;
	if (slash != NULL && strchr(slash + 1, '/') != NULL)
		return false;
	for (p = s; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && strchr("/*!#$&.+^_-", *p) ==
		    NULL)
			return false;
	}
	return true;
}

/* Whether the command names the file (an unescaped %s). */
static bool
mailcap_has_file(const char *cmd)
{
	for (; *cmd != '\0'; cmd++) {
		if ((*cmd == '\\' || *cmd == '%') && cmd[1] != '\0') {
			if (*cmd == '%' && cmd[1] == 's')
				return true;
			cmd++;
		}
	}
	return false;
}

static void
mailcap_entry_done(struct mailcap_entry *en)
{
	size_t i;

	for (i = 0; i < en->n_typed; i++)
		free(en->typed[i].type);
	free(en->typed);
	free(en->type);
	free(en->command);
	free(en->test);
	free(en->nametemplate);
	free(en->description);
	free(en->file);
}

/* One optional field: a flag or key=value; unknown ones are ignored. */
static void
mailcap_option(struct mailcap_entry *en, char *f)
{
	char *eq = strchr(f, '='), *key, **slot;
	size_t i;

	if (eq == NULL) {
		mailcap_lower(f);
		for (i = 0; i < sizeof mailcap_flags / sizeof *mailcap_flags; i++)
			if (strcmp(f, mailcap_flags[i].name) == 0)
				en->flags |= mailcap_flags[i].flag;
		return;
	}
	key = mailcap_trim(f, (size_t)(eq - f));
	mailcap_lower(key);
	for (i = 0; i < sizeof mailcap_fields / sizeof *mailcap_fields; i++) {
		if (strcmp(key, mailcap_fields[i].name) != 0)
			continue;
		slot = (char **)((char *)en + mailcap_fields[i].offset);
		free(*slot);
		*slot = mailcap_trim(eq + 1, strlen(eq + 1));
		if (slot != &en->test) {        /* test keeps \ for the shell */
			char *plain = mailcap_unescape(*slot);

			free(*slot);
			*slot = plain;
		}
	}
	free(key);
}

/* Parses one logical line (continuations joined) into an entry. */
static void
mailcap_parse_line(struct mailcap_pos *p, const char *line)
{
	struct mailcap_entry en;
	size_t n;
	char *f;

	memset(&en, 0, sizeof en);
	n = mailcap_field_len(line);
	en.type = mailcap_trim(line, n);
	mailcap_lower(en.type);
	if (line[n] != ';') {
		mailcap_warn(p, _("no command after the type"));
		goto bad;
	}
	if (!mailcap_type_ok(en.type)) {
		mailcap_warn(p, _("'%.64s' is not a media type"), en.type);
		goto bad;
	}
	if (strchr(en.type, '/') == NULL) {     /* "text": any subtype */
		f = xasprintf("%s/*", en.type);
		free(en.type);
		en.type = f;
	}
	line += n + 1;
	n = mailcap_field_len(line);
	en.command = mailcap_trim(line, n);
	if (*en.command == '\0') {
		mailcap_warn(p, _("the command is empty"));
		goto bad;
	}
	while (line[n] == ';') {
		line += n + 1;
		n = mailcap_field_len(line);
		f = mailcap_trim(line, n);
		mailcap_option(&en, f);
		free(f);
	}
	if (!mailcap_has_file(en.command))
		en.flags |= MAILCAP_STDIN;
	if (p->mc->n == MAILCAP_ENTRIES_MAX) {
		mailcap_warn(p, ngettext("more than %d entry: the rest are "
		    "ignored", "more than %d entries: the rest are ignored",
		    MAILCAP_ENTRIES_MAX), MAILCAP_ENTRIES_MAX);
		goto bad;
	}
	en.file = xstrdup(p->file);
	en.line = p->line;
	p->mc->entries = xreallocarray(p->mc->entries, p->mc->n + 1,
	    sizeof *p->mc->entries);
	p->mc->entries[p->mc->n++] = en;
	return;
bad:
	mailcap_entry_done(&en);
}

/* Handles one joined line: comments and blank lines are passed over. */
static void
mailcap_logical_line(struct mailcap_pos *p, struct buf *line, bool comment,
    bool toolong)
{
	const char *s = line->data != NULL ? line->data : "";

	while (isspace((unsigned char)*s))
		s++;
	if (comment || (*s == '\0' && !toolong))
		return;
	if (toolong)
		mailcap_warn(p, ngettext("the line is longer than %d byte",
		    "the line is longer than %d bytes", MAILCAP_LINE_MAX),
		    MAILCAP_LINE_MAX);
	else if (memchr(line->data, '\0', line->len) != NULL)
		mailcap_warn(p, _("the line holds a NUL byte"));
	else
		mailcap_parse_line(p, s);
}

void
mailcap_load_text(struct mailcap *mc, const char *name, const char *text,
    size_t len)
{
	struct mailcap_pos p = { mc, name, 0 };
	const char *s = text, *end = text + len, *nl;
	struct buf line;
	bool toolong = false, cont = false, comment = false;
	int start = 0, here;
	size_t n, i;

	buf_init(&line, MAILCAP_LINE_MAX);
	while (s < end) {
		here = ++p.line;
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl != NULL ? nl : end) - s);
		if (!cont) {
			start = here;   /* warnings name a line's first row */
			for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t');)
				i++;
			comment = i < n && s[i] == '#';
		}
		if (n > 0 && s[n - 1] == '\r')
			n--;
		cont = n > 0 && s[n - 1] == '\\';
		if (buf_append(&line, s, cont ? n - 1 : n) != 0)
			toolong = true;
		if (!cont) {
			p.line = start;
			mailcap_logical_line(&p, &line, comment, toolong);
			p.line = here;
			buf_reset(&line);
			toolong = false;
		}
		s = nl != NULL ? nl + 1 : end;
	}
	if (cont) {                     /* the last line ended in '\\' */
		p.line = start;
		mailcap_logical_line(&p, &line, comment, toolong);
	}
	buf_done(&line);
}

/* Reads one file; a missing or unreadable one counts as empty. */
static void
mailcap_load_file(struct mailcap *mc, const char *path)
{
	char *text = NULL, *full = xdg_expand_home(path);
	size_t len;
	struct err e;

	if (safefile_read(full, MAILCAP_FILE_MAX, &text, &len, &e) == 0)
		mailcap_load_text(mc, full, text, len);
	free(text);
	free(full);
}

void
mailcap_load(struct mailcap *mc, const char *const *paths)
{
	const char *env = getenv("MAILCAPS");
	char *copy, *p, *next;

	memset(mc, 0, sizeof *mc);
	if (paths != NULL) {
		for (; *paths != NULL; paths++)
			mailcap_load_file(mc, *paths);
		return;
	}
	if (env == NULL) {
		mailcap_load_file(mc, "~/.mailcap");
		mailcap_load_file(mc, "/etc/mailcap");
		return;
	}
	copy = xstrdup(env);
	for (p = copy; p != NULL; p = next) {
		if ((next = strchr(p, ':')) != NULL)
			*next++ = '\0';
		if (*p != '\0')
			mailcap_load_file(mc, p);
	}
	free(copy);
}

void
mailcap_done(struct mailcap *mc)
{
	size_t i;

	for (i = 0; i < mc->n; i++)
		mailcap_entry_done(&mc->entries[i]);
	free(mc->entries);
	memset(mc, 0, sizeof *mc);
}

/* A new string: the media type without parameters, lower case. */
static char *
mailcap_bare_type(const char *media_type)
{
	char *t;

	t = mailcap_trim(media_type, strcspn(media_type, ";"));
	mailcap_lower(t);
	return t;
}

static bool
mailcap_matches(const char *pattern, const char *type)
{
	size_t major;

	if (strcmp(pattern, type) == 0 || strcmp(pattern, "*/*") == 0)
		return true;
	major = strlen(pattern) - 1;
	return major > 1 && strcmp(pattern + major - 1, "/*") == 0 &&
	    strncmp(pattern, type, major) == 0;
}

/* Whether en's test= depends on the type (%t): then its outcome is kept
 * per type, else once. */
static bool
mailcap_test_typed(const struct mailcap_entry *en)
{
	return strchr(en->test, '%') != NULL;
}

/* The recorded outcome of en's test for type: 1 passed, -1 failed, 0 not
 * run yet (an entry without test= passes). */
static int
mailcap_test_known(const struct mailcap_entry *en, const char *type)
{
	size_t i;

	if (en->test == NULL)
		return 1;
	if (!mailcap_test_typed(en))
		return en->test_result;
	for (i = 0; i < en->n_typed; i++) {
		if (strcmp(en->typed[i].type, type) == 0)
			return en->typed[i].result;
	}
	return 0;
}

char *
mailcap_test_command(const struct mailcap_entry *en, const char *media_type,
    struct err *e)
{
	struct mailcap_entry test = { .command = en->test, .file = en->file,
	    .line = en->line };

	return mailcap_command(&test, "", media_type, e);
}

void
mailcap_test_record(struct mailcap_entry *en, const char *media_type,
    bool passed)
{
	char *type;

	if (en->test == NULL)
		return;
	if (!mailcap_test_typed(en)) {
		en->test_result = passed ? 1 : -1;
		return;
	}
	type = mailcap_bare_type(media_type != NULL ? media_type : "");
	if (mailcap_test_known(en, type) != 0 ||
	    en->n_typed >= MAILCAP_TYPED_MAX) {
		free(type);
		return;
	}
	en->typed = xreallocarray(en->typed, en->n_typed + 1,
	    sizeof *en->typed);
	en->typed[en->n_typed].type = type;
	en->typed[en->n_typed++].result = passed ? 1 : -1;
}

int
mailcap_lookup(const struct mailcap *mc, const char *media_type,
    enum mailcap_want want, struct mailcap_entry **out)
{
	char *type = mailcap_bare_type(media_type != NULL ? media_type : "");
	int pass, copious, known, r = ERR_NOTFOUND;
	size_t i;

	*out = NULL;
	/* VIEW looks at entries without copiousoutput first, then the
	 * others; TEXT only at copiousoutput ones. */
	for (pass = want == MAILCAP_TEXT; pass < 2 && mc != NULL &&
	    *out == NULL; pass++) {
		for (i = 0; i < mc->n && *out == NULL; i++) {
			struct mailcap_entry *en = &mc->entries[i];

			copious = (en->flags & MAILCAP_COPIOUSOUTPUT) != 0;
			if (copious != pass || !mailcap_matches(en->type, type))
				continue;
			if ((known = mailcap_test_known(en, type)) < 0)
				continue;
			*out = en;
			r = known > 0 ? 0 : MAILCAP_UNTESTED;
		}
	}
	free(type);
	return r;
}

int
mailcap_find(const struct mailcap *mc, const char *media_type,
    enum mailcap_want want, struct mailcap_entry **out)
{
	struct spawn_opts o = { .name = _("the mailcap test"),
	    .any_status = true, .timeout_ms = MAILCAP_TEST_TIMEOUT_MS };
	struct spawn_result r;
	struct err e;
	char *cmd;
	int rc;

	while ((rc = mailcap_lookup(mc, media_type, want, out)) ==
	    MAILCAP_UNTESTED) {
		if ((cmd = mailcap_test_command(*out, media_type, NULL)) == NULL) {
			mailcap_test_record(*out, media_type, false);
			continue;
		}
		o.shell = cmd;
		mailcap_test_record(*out, media_type, spawn_run(&o, &r, &e) ==
		    0 && r.exited && r.status == 0);
		spawn_result_done(&r);
		free(cmd);
	}
	return rc;
}

/* Templates where a line is read again by a shell (command substitution,
 * eval, sh -c, ssh, tmux and the like): quotes we add may be undone
 * there, so only plain file paths are put in them.  Values the server
 * chose never rely on this list: they must be plain tokens everywhere
 * (mailcap_token_ok). */
static const struct {
	const char *s;
	bool word;              /* only as a word of its own */
} mailcap_reparse[] = {
	{ "$(", false },
	{ "`", false },
	{ "eval", true },
	{ "-c", true },
	{ "ssh", true },
	{ "tmux", true },
	{ "screen", true },
	{ "watch", true },
	{ "-e", true },
};

/* Shell quoting state of the command line built so far. */
struct mailcap_sh {
	struct buf b;
	enum { MAILCAP_SH_PLAIN, MAILCAP_SH_SINGLE, MAILCAP_SH_DOUBLE } q;
	bool escaped;           /* the last character was an active '\' */
	bool reparse;           /* the template has a mailcap_reparse word */
	bool bad;
	const char *why;        /* the sentence when bad, untranslated */
};

/* The characters of a media type or parameter token that every
 * registered type and charset uses.  RFC 6838 allows a few more in names
 * (! # $ & ^) and RFC 2045 more in tokens, but those are shell syntax,
 * and nothing real needs them. */
static bool
mailcap_token_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '+' || c == '-' ||
	    c == '_';
}

/* Whether a value the server chose may go into a command: %t must be
 * "type/subtype" (RFC 6838 restricted names, each starting with a letter
 * or digit, at most 127 characters), a %{param} value a token of the same
 * characters or empty. */
static bool
mailcap_token_ok(const char *v, bool is_type)
{
	const char *p = v, *slash = is_type ? strchr(v, '/') : NULL;
	size_t part = 0;

	if (is_type && (slash == NULL || !isalnum((unsigned char)v[0]) ||
	    !isalnum((unsigned char)slash[1])))
		return false;
	for (; *p != '\0'; p++) {
		if (p == slash) {
			part = 0;
			continue;
		}
		if (!mailcap_token_char(*p) || ++part > 127)
			return false;
	}
	return true;
}

/* Whether v means the same to the shell in any context: letters, digits,
 * a few punctuation marks, UTF-8. */
static bool
mailcap_plain_value(const char *v)
{
	for (; *v != '\0'; v++) {
		if (!isalnum((unsigned char)*v) && (unsigned char)*v < 0x80 &&
		    strchr("/._-+,:@%", *v) == NULL)
			return false;
	}
	return true;
}

/* Shells and programs that run their -c argument with a shell. */
static const char *const mailcap_shells[] = {
	"sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "fish", "csh",
	"tcsh", "busybox", "su", "script",
};

/* Whether the word at p (len bytes, maybe a path) names a shell. */
static bool
mailcap_is_shell(const char *p, size_t len)
{
	const char *base = p;
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == '/')
			base = p + i + 1;
	}
	len -= (size_t)(base - p);
	for (i = 0; i < sizeof mailcap_shells / sizeof *mailcap_shells; i++) {
		if (strlen(mailcap_shells[i]) == len &&
		    strncmp(mailcap_shells[i], base, len) == 0)
			return true;
	}
	return false;
}

/* A shell followed by an option cluster holding 'c' (-c, -ec, -lc,
 * -xc, -ce...) runs the next word as a command line. */
static bool
mailcap_option_c(const char *cmd)
{
	const char *p = cmd, *w;
	size_t len;
	bool shell = false;

	for (;;) {
		p += strspn(p, " \t'\"(");
		if (*p == '\0')
			return false;
		len = strcspn(p, " \t'\";&|()");
		if (shell && *p == '-') {
			/* Options of the shell: it stays the shell's turn. */
			for (w = p + 1; w < p + len && isalpha((unsigned char)*w);
			    w++) {
				if (*w == 'c')
					return true;
			}
		} else
			shell = mailcap_is_shell(p, len);
		p += len;
		if (*p != '\0' && strchr(";&|", *p) != NULL)
			shell = false;
		if (*p != '\0')
			p++;
	}
}

/* Checked on the template as the shell sees it (escapes resolved):
 * "sh -\c" is sh -c too. */
static bool
mailcap_reparses(const char *template)
{
	char *cmd = mailcap_unescape(template);
	const char *at, *w;
	size_t i, n;
	bool r = mailcap_option_c(cmd);

	for (i = 0; i < sizeof mailcap_reparse / sizeof *mailcap_reparse && !r;
	    i++) {
		w = mailcap_reparse[i].s;
		n = strlen(w);
		for (at = cmd; !r && (at = strstr(at, w)) != NULL; at += n) {
			if (!mailcap_reparse[i].word)
				r = true;
			else if ((at == cmd || strchr(" \t;&|(", at[-1]) != NULL) &&
			    strchr(" \t'\"", at[n]) != NULL)
				r = true;       /* at[n] may be the NUL */
		}
	}
	free(cmd);
	return r;
}

/* A control character (a newline above all) ends a # comment or a
 * command, whatever quotes surround it: never in a value. */
static bool
mailcap_has_control(const char *v)
{
	for (; *v != '\0'; v++) {
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return true;
	}
	return false;
}

/* Appends one character of the author's text and follows the quotes. */
static void
mailcap_sh_raw(struct mailcap_sh *sh, char c)
{
	if (buf_append(&sh->b, &c, 1) != 0)
		sh->bad = true;
	if (sh->escaped) {
		sh->escaped = false;
		return;
	}
	if (sh->q == MAILCAP_SH_SINGLE) {
		if (c == '\'')
			sh->q = MAILCAP_SH_PLAIN;
	} else if (c == '\\')
		sh->escaped = true;
	else if (c == '"')
		sh->q = sh->q == MAILCAP_SH_DOUBLE ? MAILCAP_SH_PLAIN :
		    MAILCAP_SH_DOUBLE;
	else if (c == '\'' && sh->q == MAILCAP_SH_PLAIN)
		sh->q = MAILCAP_SH_SINGLE;
}

/* Appends a value so the shell reads it as one literal string, whatever
 * quotes it lands in. */
static void
mailcap_sh_value(struct mailcap_sh *sh, const char *v)
{
	char *quoted;
	int rc = 0;

	if (mailcap_has_control(v)) {
		sh->bad = true;
		sh->why = N_("a value holds a control character");
		return;
	}
	if (sh->escaped) {      /* a '\' would eat our opening quote */
		sh->bad = true;
		sh->why = N_("a backslash just before a percent sequence");
		return;
	}
	if (sh->reparse && !mailcap_plain_value(v)) {
		sh->bad = true;
		sh->why = N_("the file name is not plain and the command is "
		    "read twice by a shell");
		return;
	}
	switch (sh->q) {
	case MAILCAP_SH_PLAIN:
		quoted = spawn_shell_quote(v);
		rc = buf_puts(&sh->b, quoted);
		free(quoted);
		break;
	case MAILCAP_SH_SINGLE:
		for (; *v != '\0' && rc == 0; v++)
			rc = *v == '\'' ? buf_puts(&sh->b, "'\\''") :
			    buf_append(&sh->b, v, 1);
		break;
	case MAILCAP_SH_DOUBLE:
		for (; *v != '\0' && rc == 0; v++) {
			if (strchr("$`\"\\", *v) != NULL)
				rc = buf_append(&sh->b, "\\", 1);
			if (rc == 0)
				rc = buf_append(&sh->b, v, 1);
		}
		break;
	}
	if (rc != 0)
		sh->bad = true;
}

/* A new string: parameter name of media_type ("; charset=utf-8"), or "". */
static char *
mailcap_param(const char *media_type, const char *name, size_t name_len)
{
	const char *p = strchr(media_type, ';'), *v;
	size_t n;

	while (p != NULL) {
		p++;
		p += strspn(p, " \t");
		n = strcspn(p, "=;");
		if (p[n] == '=' && n == name_len &&
		    strncasecmp(p, name, n) == 0) {
			v = p + n + 1;
			if (*v == '"')
				return xstrndup(v + 1, strcspn(v + 1, "\""));
			return mailcap_trim(v, strcspn(v, ";"));
		}
		p = strchr(p, ';');
	}
	return xstrdup("");
}

/* Expands one %-sequence at s (just after the '%'); returns how many
 * characters of s it used. */
static size_t
mailcap_percent(struct mailcap_sh *sh, const char *s, const char *path,
    const char *type, const char *media_type)
{
	const char *close;
	char *v;

	switch (*s) {
	case '%':
		mailcap_sh_raw(sh, '%');
		return 1;
	case 's':
		mailcap_sh_value(sh, path);
		return 1;
	case 't':
		if (!mailcap_token_ok(type, true)) {
			sh->bad = true;
			sh->why = N_("the media type the sender gave is not a "
			    "plain type/subtype");
			return 1;
		}
		mailcap_sh_value(sh, type);
		return 1;
	case '{':
		if ((close = strchr(s, '}')) == NULL)
			break;
		v = mailcap_param(media_type, s + 1, (size_t)(close - s - 1));
		if (!mailcap_token_ok(v, false)) {
			sh->bad = true;
			sh->why = N_("a parameter of the media type the sender "
			    "gave is not a plain token");
		} else
			mailcap_sh_value(sh, v);
		free(v);
		return (size_t)(close - s) + 1;
	}
	mailcap_sh_raw(sh, '%');        /* unknown: kept as written */
	return 0;
}

char *
mailcap_command(const struct mailcap_entry *en, const char *path,
    const char *media_type, struct err *e)
{
	struct mailcap_sh sh = { .q = MAILCAP_SH_PLAIN };
	char *type, *safe_path = NULL;
	const char *s;

	if (media_type == NULL)
		media_type = "";
	if (path == NULL)
		path = "";
	if (path[0] == '-')             /* never read as an option */
		path = safe_path = xasprintf("./%s", path);
	type = mailcap_bare_type(media_type);
	sh.reparse = mailcap_reparses(en->command);
	buf_init(&sh.b, MAILCAP_COMMAND_MAX);
	for (s = en->command; *s != '\0' && !sh.bad; s++) {
		if (*s == '\\' && s[1] != '\0')
			mailcap_sh_raw(&sh, *++s);
		else if (*s == '%' && s[1] != '\0')
			s += mailcap_percent(&sh, s + 1, path, type,
			    media_type);
		else
			mailcap_sh_raw(&sh, *s);
	}
	free(type);
	free(safe_path);
	if (sh.bad) {
		if (sh.why == NULL)
			sh.why = N_("the command would be too long");
		if (en->file != NULL)
			err_set(e, ERR_USAGE, _("the mailcap command at %s:%d "
			    "cannot be used safely: %s"), en->file, en->line,
			    _(sh.why));
		else
			err_set(e, ERR_USAGE, _("the mailcap command cannot be "
			    "used safely: %s"), _(sh.why));
		buf_done(&sh.b);
		return NULL;
	}
	return buf_steal(&sh.b);
}
