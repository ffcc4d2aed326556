/* ui-theme.h - a theme turned into curses colour pairs and attributes.
 *
 * Call order: initscr(), then ui_theme_start() (again after a theme
 * change, then redraw everything), then ui_theme_attr() while drawing.
 * Colour pairs are curses' global state, so the attributes they give are
 * kept in a table of this file, filled by ui_theme_start(); before that
 * every element reads A_NORMAL.
 *
 * Pair N+1 belongs to element N.  FG or BG "default" takes the colour of
 * the normal element (or the terminal's own), so a window painted with
 * wbkgd(win, ' ' | ui_theme_attr(THEME_NORMAL)) has no holes when a
 * theme sets a background.
 */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <curses.h>
#include <stdbool.h>

#include "ebox/theme.h"

/* Sets up colour pairs for t when use_color and the terminal has colour;
 * otherwise no colour at all, only each element's mono attributes.  The
 * caller passes use_color false for NO_COLOR and `color = no`. */
void ui_theme_start(const struct theme *t, bool use_color);

/* What to draw el with: COLOR_PAIR | attributes, or the mono attributes. */
attr_t ui_theme_attr(enum theme_element el);

/* True when the last ui_theme_start() set up colour pairs. */
bool ui_theme_has_color(void);

/* A theme colour on a terminal with ncolours colours: as is when it has
 * it (or for -1, default); a bright colour 8..15 becomes its basic one,
 * color16..255 the nearest of the 8 basic colours by the RGB of the xterm
 * palette.  Pure (no curses state); exposed for tests. */
short ui_theme_fit(short colour, int ncolours);

#endif
