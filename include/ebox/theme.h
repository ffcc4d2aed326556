/* theme.h - UI elements and their colours, parsed from theme files.
 *
 * A theme file holds lines in the one configuration syntax:
 *     color ELEMENT FG BG [ATTR...]     colour terminals
 *     mono ELEMENT [ATTR...]            terminals without colour, NO_COLOR
 * FG/BG: default, black, red, green, yellow, blue, magenta, cyan, white,
 * brightblack ... brightwhite, or colorN (0..255).  ATTR: bold, underline,
 * reverse, standout, dim, italic, none.  This layer knows no curses: the
 * UI maps a theme to colour pairs (src/ui/ui-theme.c).
 *
 * A line sets the whole style of its kind (attributes left out are off;
 * "none" clears those before it).  Names are matched ignoring case.  FG or
 * BG "default" is the colour of the normal element, or the terminal's own
 * when normal has none; colours a terminal lacks map to the nearest of
 * the 8 basic ones.  Themes are looked for as NAME.theme; "default" is
 * compiled in and needs no file.
 */
#ifndef EBOX_THEME_H
#define EBOX_THEME_H

#include <stdbool.h>
#include "ebox/err.h"

enum theme_element {
	THEME_NORMAL,           /* default text */
	THEME_INDEX,            /* an index row */
	THEME_INDEX_UNREAD,     /* an unread row (bold by default) */
	THEME_INDEX_REGISTERED, /* flag R column */
	THEME_INDEX_EXPIRING,   /* flag ! column */
	THEME_INDEX_TAGGED,     /* a tagged row */
	THEME_INDICATOR,        /* the selected row (with the > marker) */
	THEME_SIDEBAR,
	THEME_SIDEBAR_HEADING,  /* "Partitions" */
	THEME_SIDEBAR_SELECTED,
	THEME_DIVIDER,          /* between sidebar and index */
	THEME_STATUS,           /* the status line */
	THEME_MESSAGE,          /* the message line */
	THEME_ERROR,            /* an error on the message line */
	THEME_PROMPT,
	THEME_HEADER_LABEL,     /* pager: "From:" */
	THEME_HEADER_VALUE,
	THEME_BODY,
	THEME_NOTICE,           /* registered-mail and expiry notices */
	THEME_SEARCH,           /* search matches in the pager */
	THEME_HELP_KEY,
	THEME_HELP_TEXT,
	THEME_COUNT
};

extern const char *const theme_element_names[THEME_COUNT];

enum {
	THEME_ATTR_BOLD = 1 << 0,
	THEME_ATTR_UNDERLINE = 1 << 1,
	THEME_ATTR_REVERSE = 1 << 2,
	THEME_ATTR_STANDOUT = 1 << 3,
	THEME_ATTR_DIM = 1 << 4,
	THEME_ATTR_ITALIC = 1 << 5,
};

#define THEME_COLOR_DEFAULT (-1)

struct theme_style {
	short fg, bg;           /* -1 default, 0..255 */
	int attrs;              /* THEME_ATTR_* with colour */
	int mono;               /* THEME_ATTR_* without colour */
};

struct theme {
	struct theme_style el[THEME_COUNT];
};

/* The compiled-in default (readable on any terminal, also in mono). */
void theme_init(struct theme *t);
/* Applies one color/mono line (argv[0] is "color" or "mono"). */
int theme_apply(struct theme *t, int argc, char **argv, struct err *e);
/* Loads a theme by name (NAME.theme in the directories of dirs, a
 * NULL-terminated list, first found wins) or by path (contains '/').
 * Starts from theme_init().  Errors read "FILE:LINE: sentence". */
int theme_load(struct theme *t, const char *name, const char *const *dirs,
    struct err *e);
int theme_element_find(const char *name);   /* -1 when unknown */

#endif
