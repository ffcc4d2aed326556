/* fuzz-mailcap.c - mailcap files (mailcap_load_text, mailcap_find) and
 * the shell command lines built from them (mailcap_command).
 *
 * Input: MEDIA-TYPE NUL PATH NUL MAILCAP-TEXT (missing parts are empty).
 * The path and the media type stand for what a hostile sender controls
 * (file name, Content-Type with its parameters); the mailcap text for
 * what the user's files may hold.  test= commands are never run: they are
 * dropped before mailcap_find().
 *
 * The quoting invariant, checked for the fixed templates below and for
 * every entry read from the input: the command built for PATH must have
 * the same shell structure as the one built for a plain placeholder, with
 * the placeholder replaced by PATH (or ./PATH) and every character of it
 * quoted.  A small model of POSIX sh splits both lines into words and
 * operators (quotes, backslashes, comments; $ and ` outside single quotes
 * are "active").  Where the template hands a word to another shell (sh,
 * bash, dash, ... with an option cluster holding 'c', or eval), that word
 * is split again and checked the same way.  A command may also come back
 * NULL (refused); when it does not, it is at most MAILCAP_COMMAND_MAX
 * bytes.
 */
#include "config.h"

#include <stdbool.h>
#include <strings.h>

#include "ebox/mailcap.h"
#include "fuzz.h"

#define PLACEHOLDER "Fz9Plc7Q"     /* stands for the path */
#define TYPE_PLACEHOLDER "fz9typ4w" /* stands for the media type */
/* Parameters: "Fz9Par1Q".."Fz9Par8Q" in check_command(). */
#define SH_MAX_TOKENS 4096

/* --- a model of the POSIX shell's word splitting ------------------------ */

struct sh_tok {
	bool op;                /* an operator: ; & | < > ( ) or newline */
	char *text;             /* after quote removal */
	unsigned char *lit;     /* per byte: 1 quoted or escaped, 0 active */
	size_t len, cap;
};

struct sh_line {
	struct sh_tok *t;
	size_t n;
};

static void
sh_free(struct sh_line *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->t[i].text);
		free(l->t[i].lit);
	}
	free(l->t);
	memset(l, 0, sizeof *l);
}

static struct sh_tok *
sh_new(struct sh_line *l)
{
	struct sh_tok *t;

	if (l->n == SH_MAX_TOKENS)
		return NULL;
	l->t = realloc(l->t, (l->n + 1) * sizeof *l->t);
	if (l->t == NULL)
		abort();
	t = &l->t[l->n++];
	memset(t, 0, sizeof *t);
	t->cap = 16;
	t->text = malloc(t->cap + 1);
	t->lit = malloc(t->cap + 1);
	if (t->text == NULL || t->lit == NULL)
		abort();
	t->text[0] = '\0';
	return t;
}

static void
sh_add(struct sh_tok *t, char c, bool lit)
{
	if (t->len == t->cap) {
		t->cap *= 2;
		t->text = realloc(t->text, t->cap + 1);
		t->lit = realloc(t->lit, t->cap + 1);
		if (t->text == NULL || t->lit == NULL)
			abort();
	}
	t->text[t->len] = c;
	t->lit[t->len++] = lit;
	t->text[t->len] = '\0';
}

/* Splits s; false when it cannot be split (an unclosed quote, too many
 * tokens). */
static bool
sh_split(const char *s, struct sh_line *l)
{
	struct sh_tok *w = NULL, *op;
	size_t i = 0;
	char c;

	memset(l, 0, sizeof *l);
	while (s[i] != '\0') {
		c = s[i];
		if (c == ' ' || c == '\t') {
			w = NULL;
			i++;
			continue;
		}
		if (w == NULL && c == '#') {
			while (s[i] != '\0' && s[i] != '\n')
				i++;
			continue;
		}
		if (strchr("\n;&|<>()", c) != NULL) {
			w = NULL;
			if ((op = sh_new(l)) == NULL)
				return false;
			op->op = true;
			sh_add(op, c, false);
			i++;
			continue;
		}
		if (w == NULL && (w = sh_new(l)) == NULL)
			return false;
		if (c == '\\') {
			if (s[i + 1] == '\n')
				i += 2;
			else if (s[i + 1] == '\0') {
				sh_add(w, '\\', true);
				i++;
			} else {
				sh_add(w, s[i + 1], true);
				i += 2;
			}
		} else if (c == '\'') {
			for (i++; s[i] != '\0' && s[i] != '\''; i++)
				sh_add(w, s[i], true);
			if (s[i] == '\0')
				return false;
			i++;
		} else if (c == '"') {
			for (i++; s[i] != '"'; ) {
				if (s[i] == '\0')
					return false;
				if (s[i] == '\\' && s[i + 1] != '\0' &&
				    strchr("$`\"\\\n", s[i + 1]) != NULL) {
					if (s[i + 1] != '\n')
						sh_add(w, s[i + 1], true);
					i += 2;
				} else {
					sh_add(w, s[i], s[i] != '$' && s[i] != '`');
					i++;
				}
			}
			i++;
		} else {
			sh_add(w, c, false);
			i++;
		}
	}
	return true;
}

/* Characters the shell takes as themselves even when not quoted. */
static bool
sh_inert(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("/._-+,:@%", c) != NULL;
}

static bool
sh_is_shell(const char *word)
{
	static const char *const shells[] = {
		"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "yash", NULL
	};
	const char *base = strrchr(word, '/');
	size_t i;

	base = base != NULL ? base + 1 : word;
	for (i = 0; shells[i] != NULL; i++)
		if (strcmp(base, shells[i]) == 0)
			return true;
	return false;
}

/* Whether w is an option cluster a shell takes -c from: "-c", "-ec",
 * "-lc", "-xc"... (letters only; anything else makes sh refuse it). */
static bool
sh_c_option(const char *w)
{
	size_t n;

	if (w[0] != '-' || w[1] == '-' || strchr(w, 'c') == NULL)
		return false;
	n = strspn(w + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	return n > 0 && w[1 + n] == '\0';
}

/* The token another shell reads again (sh -c WORD, bash -lc WORD, eval
 * WORD) in the first simple command; -1 if none. */
static long
sh_reparsed(const struct sh_line *l)
{
	size_t k;

	if (l->n == 0 || l->t[0].op)
		return -1;
	if (strcmp(l->t[0].text, "eval") == 0)
		return l->n > 1 && !l->t[1].op ? 1 : -1;
	if (!sh_is_shell(l->t[0].text))
		return -1;
	for (k = 1; k + 1 < l->n && !l->t[k].op; k++) {
		if (sh_c_option(l->t[k].text))
			return l->t[k + 1].op ? -1 : (long)k + 1;
	}
	return -1;
}

/* --- the quoting invariant -------------------------------------------- */

/* Placeholders and what the command built for the fuzzed input put in
 * their place. */
struct subst {
	const char *ph;
	char *value;
};

#define SUBST_MAX 9             /* the media type and 8 parameters */

/* Compares the split of ref (built with placeholders) with the split of
 * got (built for the values): the same tokens, each placeholder replaced
 * by its value, every byte of a value quoted or inert.  depth limits
 * nested shells. */
static void
check_same_shape(const char *ref, const char *got, const struct subst *sub,
    size_t nsub, const char *template, int depth)
{
	struct sh_line a, b;
	size_t k, i, j, m, q, vlen, plen;
	const char *value;
	long inner;

	if (!sh_split(ref, &a)) {
		sh_free(&a);
		return;         /* the template itself is not valid sh */
	}
	if (!sh_split(got, &b))
		fuzz_fail("template '%s': the line for the values cannot be "
		    "split: [%s]", template, got);
	FUZZ_CHECK(a.n == b.n, "template '%s': %zu tokens, %zu with the "
	    "values: [%s] vs [%s]", template, a.n, b.n, ref, got);
	for (k = 0; k < a.n; k++) {
		const struct sh_tok *x = &a.t[k], *y = &b.t[k];

		FUZZ_CHECK(x->op == y->op, "template '%s': token %zu changed "
		    "kind: [%s]", template, k, got);
		/* Walk x, expanding each placeholder into its value. */
		for (i = 0, j = 0; i < x->len; ) {
			for (q = 0; q < nsub; q++) {
				plen = strlen(sub[q].ph);
				if (x->len - i >= plen &&
				    memcmp(x->text + i, sub[q].ph, plen) == 0)
					break;
			}
			if (q < nsub) {
				value = sub[q].value;
				vlen = strlen(value);
				FUZZ_CHECK(y->len - j >= vlen &&
				    memcmp(y->text + j, value, vlen) == 0,
				    "template '%s': the value '%s' is not intact "
				    "in word %zu: [%s]", template, value, k, got);
				for (m = 0; m < vlen; m++)
					FUZZ_CHECK(y->lit[j + m] ||
					    sh_inert((unsigned char)value[m]),
					    "template '%s': byte %zu of '%s' (%#x) "
					    "is active in [%s]", template, m, value,
					    (unsigned char)value[m], got);
				i += plen;
				j += vlen;
				continue;
			}
			FUZZ_CHECK(j < y->len && x->text[i] == y->text[j] &&
			    x->lit[i] == y->lit[j], "template '%s': word %zu "
			    "differs: [%s] vs [%s]", template, k, ref, got);
			i++;
			j++;
		}
		FUZZ_CHECK(j == y->len, "template '%s': word %zu is longer: "
		    "[%s]", template, k, got);
	}
	/* In a word read twice an empty value vanishes (and shifts the
	 * arguments: a known limit of plain-only values, README); only
	 * compare the second reading when every value has a byte. */
	for (q = 0; q < nsub && sub[q].value[0] != '\0'; q++)
		;
	if (q == nsub && depth < 3 && (inner = sh_reparsed(&a)) >= 0)
		check_same_shape(a.t[inner].text, b.t[inner].text, sub, nsub,
		    template, depth + 1);
	sh_free(&a);
	sh_free(&b);
}

/* A new string: s[0..n) without the white space isspace() knows. */
static char *
trimmed(const char *s, size_t n)
{
	char *out;

	while (n > 0 && strchr(" \t\n\v\f\r", *s) != NULL) {
		s++;
		n--;
	}
	while (n > 0 && strchr(" \t\n\v\f\r", s[n - 1]) != NULL)
		n--;
	if ((out = malloc(n + 1)) == NULL)
		abort();
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* What %t becomes: the media type up to ';', trimmed, lower case. */
static char *
bare_type(const char *type)
{
	char *out = trimmed(type, strcspn(type, ";")), *p;

	for (p = out; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	return out;
}

/* What %{name} becomes, as mailcap.h describes it: the value of the
 * parameter name of type ("; name=value" or name="value"), or "". */
static char *
param_value(const char *type, const char *name, size_t len)
{
	const char *p = strchr(type, ';'), *v;
	size_t n;
	char *out;

	for (; p != NULL; p = strchr(p, ';')) {
		p++;
		p += strspn(p, " \t");
		n = strcspn(p, "=;");
		if (p[n] != '=' || n != len || strncasecmp(p, name, n) != 0)
			continue;
		v = p + n + 1;
		if (*v != '"')
			return trimmed(v, strcspn(v, ";"));
		n = strcspn(v + 1, "\"");
		if ((out = malloc(n + 1)) == NULL)
			abort();
		memcpy(out, v + 1, n);
		out[n] = '\0';
		return out;
	}
	return strdup("");
}

/* Builds the command of en for path and for a placeholder path and
 * compares them (a path starting with '-' goes in as ./path).  Then the
 * same for the media type: the command for the fuzzed type against the
 * one for "fz9typ4w; NAME=PLACEHOLDER..." with every %{NAME} of the
 * template, when the names are plain. */
static void
check_command(const struct mailcap_entry *en, const char *path,
    const char *type)
{
	static const char *const params[SUBST_MAX - 1] = {
		"Fz9Par1Q", "Fz9Par2Q", "Fz9Par3Q", "Fz9Par4Q", "Fz9Par5Q",
		"Fz9Par6Q", "Fz9Par7Q", "Fz9Par8Q",
	};
	struct subst sub[SUBST_MAX];
	char *ref, *got, *reftype, *rt;
	const char *s, *close;
	size_t nsub = 0, i, n;
	bool plain = true;

	/* A template or type holding a placeholder would confuse the
	 * comparison (libFuzzer learns them from the memcmp calls here). */
	if (strcasestr(en->command, "fz9") != NULL ||
	    strcasestr(type, "fz9") != NULL)
		return;
	got = mailcap_command(en, path, type, NULL);
	if (got == NULL)
		return;         /* refused: nothing runs */
	FUZZ_CHECK(strlen(got) <= MAILCAP_COMMAND_MAX, "a %zu byte command",
	    strlen(got));
	ref = mailcap_command(en, PLACEHOLDER, type, NULL);
	if (ref != NULL) {
		sub[0].ph = PLACEHOLDER;
		sub[0].value = malloc(strlen(path) + 3);
		if (sub[0].value == NULL)
			abort();
		sprintf(sub[0].value, "%s%s", path[0] == '-' ? "./" : "", path);
		check_same_shape(ref, got, sub, 1, en->command, 0);
		free(sub[0].value);
	}
	free(ref);
	free(got);

	/* The media type and the parameters the template names, read the
	 * way mailcap_command() reads the template. */
	reftype = strdup(TYPE_PLACEHOLDER);
	if (reftype == NULL)
		abort();
	sub[nsub].ph = TYPE_PLACEHOLDER;
	sub[nsub++].value = bare_type(type);
	for (s = en->command; *s != '\0'; s++) {
		if ((*s != '\\' && *s != '%') || s[1] == '\0')
			continue;
		if (*s == '%' && s[1] == '{' &&
		    (close = strchr(s + 2, '}')) != NULL) {
			n = (size_t)(close - s - 2);
			if (n == 0 || strspn(s + 2, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") != n ||
			    nsub == SUBST_MAX) {
				plain = false;
				break;
			}
			rt = malloc(strlen(reftype) + n + 16);
			if (rt == NULL)
				abort();
			sprintf(rt, "%s; %.*s=%s", reftype, (int)n, s + 2,
			    params[nsub - 1]);
			free(reftype);
			reftype = rt;
			sub[nsub].ph = params[nsub - 1];
			sub[nsub++].value = param_value(type, s + 2, n);
			s = close;
			continue;
		}
		s++;
	}
	got = plain ? mailcap_command(en, PLACEHOLDER, type, NULL) : NULL;
	ref = plain ? mailcap_command(en, PLACEHOLDER, reftype, NULL) : NULL;
	if (got != NULL && ref != NULL)
		check_same_shape(ref, got, sub, nsub, en->command, 0);
	free(ref);
	free(got);
	free(reftype);
	for (i = 0; i < nsub; i++)
		free(sub[i].value);
}

/* Templates as users write them, the value in each kind of quotes. */
static const char *const fixed_templates[] = {
	"cat %s",
	"cat '%s'",
	"cat %{name} %{NAME}",
	"cat \"%s\"",
	"cat -- %s.txt",
	"iconv -f %{charset} -t utf-8 %s | less",
	"viewer --type=\"%t\" '%s' &",
	"file --mime-type=%t -- %s",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *type, *path, *text, *end;
	struct mailcap_entry fixed, *en;
	struct mailcap mc;
	char *buf;
	size_t i, tlen;

	buf = fuzz_cstr(data, size);
	end = buf + size;
	type = buf;
	path = type + strlen(type) + 1 <= end ? type + strlen(type) + 1 : end;
	text = path + strlen(path) + 1 <= end ? path + strlen(path) + 1 : end;
	tlen = (size_t)(end - text);

	memset(&fixed, 0, sizeof fixed);
	for (i = 0; i < sizeof fixed_templates / sizeof fixed_templates[0];
	    i++) {
		fixed.command = (char *)fixed_templates[i];
		check_command(&fixed, path, type);
	}

	memset(&mc, 0, sizeof mc);
	mailcap_load_text(&mc, "fuzz.mailcap", text, tlen);
	FUZZ_CHECK(mc.n <= MAILCAP_ENTRIES_MAX, "%zu entries", mc.n);
	FUZZ_CHECK((mc.skipped == 0) == (mc.warning[0] == '\0'),
	    "%zu skipped, warning '%s'", mc.skipped, mc.warning);
	for (i = 0; i < mc.n; i++) {
		en = &mc.entries[i];
		FUZZ_CHECK(en->type != NULL && en->command != NULL &&
		    *en->command != '\0', "entry %zu incomplete", i);
		FUZZ_CHECK(strchr(en->type, '/') != NULL, "type '%s'",
		    en->type);
		/* Never run a fuzzed test= command. */
		free(en->test);
		en->test = NULL;
		if (i < 16)
			check_command(en, path, type);
	}
	if (mailcap_find(&mc, type, MAILCAP_VIEW, &en) == 0)
		FUZZ_CHECK(en >= mc.entries && en < mc.entries + mc.n,
		    "found an entry outside the list");
	if (mailcap_find(&mc, type, MAILCAP_TEXT, &en) == 0)
		FUZZ_CHECK(en->flags & MAILCAP_COPIOUSOUTPUT,
		    "a text entry without copiousoutput");
	mailcap_done(&mc);
	free(buf);
	return 0;
}
