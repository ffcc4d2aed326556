/* theme.c - UI elements, the compiled-in scheme and theme files. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/config.h"
#include "ebox/safefile.h"
#include "ebox/theme.h"
#include "ebox/xalloc.h"

#define THEME_MAX_FILE (256 * 1024)     /* a theme file, bytes */
#define THEME_MAX_LIST 32               /* themes named in an error */

const char *const theme_element_names[THEME_COUNT] = {
	[THEME_NORMAL] = "normal",
	[THEME_INDEX] = "index",
	[THEME_INDEX_UNREAD] = "index_unread",
	[THEME_INDEX_REGISTERED] = "index_registered",
	[THEME_INDEX_EXPIRING] = "index_expiring",
	[THEME_INDEX_TAGGED] = "index_tagged",
	[THEME_INDICATOR] = "indicator",
	[THEME_SIDEBAR] = "sidebar",
	[THEME_SIDEBAR_HEADING] = "sidebar_heading",
	[THEME_SIDEBAR_SELECTED] = "sidebar_selected",
	[THEME_DIVIDER] = "divider",
	[THEME_STATUS] = "status",
	[THEME_MESSAGE] = "message",
	[THEME_ERROR] = "error",
	[THEME_PROMPT] = "prompt",
	[THEME_HEADER_LABEL] = "header_label",
	[THEME_HEADER_VALUE] = "header_value",
	[THEME_BODY] = "body",
	[THEME_NOTICE] = "notice",
	[THEME_SEARCH] = "search",
	[THEME_HELP_KEY] = "help_key",
	[THEME_HELP_TEXT] = "help_text",
};

/* Colour names; colorN is parsed apart.  The first 8 are the ANSI
 * colours, the next 8 their bright variants (curses numbers 8..15). */
static const struct theme_colour {
	const char *name;
	short value;
} theme_colours[] = {
	{ "default", THEME_COLOR_DEFAULT },
	{ "black", 0 }, { "red", 1 }, { "green", 2 }, { "yellow", 3 },
	{ "blue", 4 }, { "magenta", 5 }, { "cyan", 6 }, { "white", 7 },
	{ "brightblack", 8 }, { "brightred", 9 }, { "brightgreen", 10 },
	{ "brightyellow", 11 }, { "brightblue", 12 }, { "brightmagenta", 13 },
	{ "brightcyan", 14 }, { "brightwhite", 15 },
};

/* Attribute names; "none" clears what came before it on the line. */
static const struct theme_attr {
	const char *name;
	int value;
} theme_attrs[] = {
	{ "bold", THEME_ATTR_BOLD },
	{ "underline", THEME_ATTR_UNDERLINE },
	{ "reverse", THEME_ATTR_REVERSE },
	{ "standout", THEME_ATTR_STANDOUT },
	{ "dim", THEME_ATTR_DIM },
	{ "italic", THEME_ATTR_ITALIC },
	{ "none", 0 },
};

#define B THEME_ATTR_BOLD
#define U THEME_ATTR_UNDERLINE
#define R THEME_ATTR_REVERSE
#define D THEME_COLOR_DEFAULT

/* The compiled-in scheme, the same as themes/default.theme (a unit test
 * holds them together).  Only the 8 ANSI colours, the terminal's own
 * foreground and background for text, colour only where it reads on both
 * light and dark backgrounds; the mono column alone still tells the
 * selected row (reverse) and unread rows (bold) apart. */
static const struct theme_style theme_default[THEME_COUNT] = {
	/*                         fg  bg  attrs   mono */
	[THEME_NORMAL] =           { D, D, 0,      0 },
	[THEME_INDEX] =            { D, D, 0,      0 },
	[THEME_INDEX_UNREAD] =     { D, D, B,      B },
	[THEME_INDEX_REGISTERED] = { 5, D, B,      B },
	[THEME_INDEX_EXPIRING] =   { 1, D, B,      B },
	[THEME_INDEX_TAGGED] =     { 4, D, U,      U },
	[THEME_INDICATOR] =        { 0, 6, 0,      R },
	[THEME_SIDEBAR] =          { D, D, 0,      0 },
	[THEME_SIDEBAR_HEADING] =  { D, D, B,      B },
	[THEME_SIDEBAR_SELECTED] = { D, D, R,      R },
	[THEME_DIVIDER] =          { 4, D, 0,      0 },
	[THEME_STATUS] =           { 7, 4, B,      R },
	[THEME_MESSAGE] =          { D, D, 0,      0 },
	[THEME_ERROR] =            { 1, D, B,      B },
	[THEME_PROMPT] =           { D, D, B,      B },
	[THEME_HEADER_LABEL] =     { 4, D, B,      B },
	[THEME_HEADER_VALUE] =     { D, D, 0,      0 },
	[THEME_BODY] =             { D, D, 0,      0 },
	[THEME_NOTICE] =           { 5, D, B,      B },
	[THEME_SEARCH] =           { 0, 3, 0,      R },
	[THEME_HELP_KEY] =         { 4, D, B,      B },
	[THEME_HELP_TEXT] =        { D, D, 0,      0 },
};

#undef B
#undef U
#undef R
#undef D

void
theme_init(struct theme *t)
{
	memcpy(t->el, theme_default, sizeof t->el);
}

int
theme_element_find(const char *name)
{
	int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < THEME_COUNT; i++) {
		if (strcasecmp(theme_element_names[i], name) == 0)
			return i;
	}
	return -1;
}

/* Suggestions -------------------------------------------------------------- */

/* Edit distance of two short words, ignoring case, where swapping two
 * neighbours is one edit ("rde" is a typo of "red"); longer words never
 * match. */
static size_t
theme_distance(const char *word, const char *cand)
{
	size_t la = strlen(word), lb = strlen(cand), i, j, d[33][33];
	char a[33], b[33];

	if (la > 32 || lb > 32)
		return SIZE_MAX;
	for (i = 0; i <= la; i++) {
		a[i] = (char)tolower((unsigned char)word[i]);
		d[i][0] = i;
	}
	for (j = 0; j <= lb; j++) {
		b[j] = (char)tolower((unsigned char)cand[j]);
		d[0][j] = j;
	}
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			d[i][j] = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < d[i][j])
				d[i][j] = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < d[i][j])
				d[i][j] = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

/* Keeps cand in *best when it is a closer typo of word (at most two
 * edits, fewer than half the word). */
static void
theme_suggest(const char *word, const char *cand, const char **best,
    size_t *best_d)
{
	size_t d = theme_distance(word, cand);

	if (d <= 2 && d * 2 < strlen(word) && d < *best_d) {
		*best = cand;
		*best_d = d;
	}
}

/* Sets "unknown WHAT 'word'" with a did-you-mean from names (n of them,
 * stride bytes apart, each starting with a const char * name). */
static int
theme_unknown(struct err *e, const char *what, const char *word,
    const void *names, size_t n, size_t stride)
{
	const char *best = NULL;
	size_t i, d = SIZE_MAX;

	for (i = 0; i < n; i++) {
		theme_suggest(word, *(const char *const *)
		    ((const char *)names + i * stride), &best, &d);
	}
	if (best != NULL)
		return err_set(e, ERR_CONFIG, _("unknown %s '%s'; did you mean "
		    "'%s'?"), what, word, best);
	return err_set(e, ERR_CONFIG, _("unknown %s '%s'"), what, word);
}

/* Statements --------------------------------------------------------------- */

/* Parses colorN (N 0..255) into *out. */
static int
theme_colour_number(const char *word, short *out)
{
	const char *p;
	int n = 0;

	if (strncasecmp(word, "color", 5) != 0 || word[5] == '\0')
		return -1;
	for (p = word + 5; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || p - word >= 8)
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (n > 255)
		return -1;
	*out = (short)n;
	return 0;
}

static int
theme_colour(const char *word, short *out, struct err *e)
{
	size_t i;

	for (i = 0; i < sizeof theme_colours / sizeof theme_colours[0]; i++) {
		if (strcasecmp(theme_colours[i].name, word) == 0) {
			*out = theme_colours[i].value;
			return 0;
		}
	}
	if (theme_colour_number(word, out) == 0)
		return 0;
	if (strncasecmp(word, "color", 5) == 0 && word[5] >= '0' &&
	    word[5] <= '9')
		return err_set(e, ERR_CONFIG, _("unknown colour '%s' (colorN "
		    "goes from color0 to color255)"), word);
	return theme_unknown(e, "colour", word, theme_colours,
	    sizeof theme_colours / sizeof theme_colours[0],
	    sizeof theme_colours[0]);
}

/* ORs the attribute words of argv into *out, starting from 0. */
static int
theme_attr_list(int argc, char **argv, int *out, struct err *e)
{
	size_t i, n = sizeof theme_attrs / sizeof theme_attrs[0];
	int a;

	*out = 0;
	for (a = 0; a < argc; a++) {
		for (i = 0; i < n; i++) {
			if (strcasecmp(theme_attrs[i].name, argv[a]) == 0)
				break;
		}
		if (i == n)
			return theme_unknown(e, "attribute", argv[a],
			    theme_attrs, n, sizeof theme_attrs[0]);
		if (theme_attrs[i].value == 0)
			*out = 0;
		else
			*out |= theme_attrs[i].value;
	}
	return 0;
}

static int
theme_element(const char *word, struct err *e)
{
	int el;

	if ((el = theme_element_find(word)) < 0)
		return theme_unknown(e, "element", word, theme_element_names,
		    THEME_COUNT, sizeof theme_element_names[0]);
	return el;
}

/* A line sets the whole style of its kind: attributes left out are off. */
int
theme_apply(struct theme *t, int argc, char **argv, struct err *e)
{
	short fg, bg;
	int el, attrs, r;

	if (argc < 1 || argv == NULL || argv[0] == NULL)
		return err_set(e, ERR_CONFIG, _("empty theme line"));
	if (strcmp(argv[0], "color") == 0) {
		if (argc < 4)
			return err_set(e, ERR_CONFIG, _("usage: color ELEMENT "
			    "FG BG [ATTR...]"));
		if ((el = theme_element(argv[1], e)) < 0)
			return el;
		if ((r = theme_colour(argv[2], &fg, e)) != 0 ||
		    (r = theme_colour(argv[3], &bg, e)) != 0 ||
		    (r = theme_attr_list(argc - 4, argv + 4, &attrs, e)) != 0)
			return r;
		t->el[el].fg = fg;
		t->el[el].bg = bg;
		t->el[el].attrs = attrs;
		return 0;
	}
	if (strcmp(argv[0], "mono") == 0) {
		if (argc < 2)
			return err_set(e, ERR_CONFIG, _("usage: mono ELEMENT "
			    "[ATTR...]"));
		if ((el = theme_element(argv[1], e)) < 0)
			return el;
		if ((r = theme_attr_list(argc - 2, argv + 2, &attrs, e)) != 0)
			return r;
		t->el[el].mono = attrs;
		return 0;
	}
	if (strcmp(argv[0], "colour") == 0)
		return err_set(e, ERR_CONFIG, _("unknown command 'colour'; did "
		    "you mean 'color'?"));
	return err_set(e, ERR_CONFIG, _("unknown command '%s' (a theme has only "
	    "color and mono lines)"), argv[0]);
}

/* Loading ------------------------------------------------------------------ */

static int
theme_parse_line(void *ud, int line, int argc, char **argv, bool *located,
    struct err *e)
{
	return theme_apply(ud, argc, argv, e);
}

/* Applies every line of text, a file called file; errors get FILE:LINE. */
static int
theme_parse(struct theme *t, const char *file, const char *text,
    struct err *e)
{
	return config_each_line(file, text, theme_parse_line, t, e);
}

static int
theme_load_file(struct theme *t, const char *path, struct err *e)
{
	struct err re;
	char *text;
	int r;

	err_clear(&re);
	if ((r = safefile_read(path, THEME_MAX_FILE, &text, NULL, &re)) != 0) {
		if (r == ERR_TOOBIG)
			return err_set(e, ERR_CONFIG, _("%s is larger than 256 "
			    "KiB; is it really a theme?"), path);
		return err_set(e, ERR_CONFIG, "%s", re.msg);
	}
	r = theme_parse(t, path, text, e);
	free(text);
	return r;
}

static int
theme_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends ", NAME" for every NAME.theme in dirs (sorted, each once) to
 * msg, as far as it fits in size bytes. */
static void
theme_list(const char *const *dirs, char *msg, size_t size)
{
	char *names[THEME_MAX_LIST];
	struct dirent *de;
	size_t n = 0, i, len, used;
	DIR *d;

	for (; dirs != NULL && *dirs != NULL; dirs++) {
		if ((d = opendir(*dirs)) == NULL)
			continue;
		while (n < THEME_MAX_LIST && (de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len <= 6 ||
			    strcmp(de->d_name + len - 6, ".theme") != 0)
				continue;
			names[n] = xstrndup(de->d_name, len - 6);
			for (i = 0; i < n; i++) {
				if (strcmp(names[i], names[n]) == 0)
					break;
			}
			if (i < n)
				free(names[n]);
			else
				n++;
		}
		closedir(d);
	}
	qsort(names, n, sizeof names[0], theme_cmp);
	for (i = 0; i < n; i++) {
		used = strlen(msg);
		if (used < size)
			snprintf(msg + used, size - used, "%s%s",
			    i == 0 ? _("; the themes are: ") : ", ", names[i]);
		free(names[i]);
	}
}

/* A name is a path when it holds a '/'; else NAME.theme is looked for in
 * dirs, first found wins.  "default" needs no file: it is compiled in. */
int
theme_load(struct theme *t, const char *name, const char *const *dirs,
    struct err *e)
{
	const char *const *dir;
	char *path;
	int r;

	theme_init(t);
	if (name == NULL || *name == '\0')
		return err_set(e, ERR_CONFIG, _("no theme name given"));
	if (strchr(name, '/') != NULL)
		return theme_load_file(t, name, e);
	if (name[0] == '.')
		return err_set(e, ERR_CONFIG, _("'%s' is not a theme name"), name);
	for (dir = dirs; dir != NULL && *dir != NULL; dir++) {
		path = xasprintf("%s/%s.theme", *dir, name);
		if (access(path, F_OK) == 0 || errno != ENOENT) {
			/* Found (or there but unreadable): this one wins. */
			r = theme_load_file(t, path, e);
			free(path);
			return r;
		}
		free(path);
	}
	if (strcmp(name, "default") == 0)
		return 0;
	err_set(e, ERR_CONFIG, _("no theme called '%s'"), name);
	if (e != NULL)
		theme_list(dirs, e->msg, sizeof e->msg);
	return ERR_CONFIG;
}
