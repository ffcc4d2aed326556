/* ui-theme.c - colour pairs and attributes for the theme's elements. */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdbool.h>

#include "ebox/theme.h"
#include "ui/ui-theme.h"

/* Filled by ui_theme_start(): curses' colour pairs are global anyway. */
static attr_t ui_theme_attrs[THEME_COUNT];
static bool ui_theme_color;

/* THEME_ATTR_* to curses. */
static const struct {
	int theme;
	attr_t curses;
} ui_theme_attr_map[] = {
	{ THEME_ATTR_BOLD, A_BOLD },
	{ THEME_ATTR_UNDERLINE, A_UNDERLINE },
	{ THEME_ATTR_REVERSE, A_REVERSE },
	{ THEME_ATTR_STANDOUT, A_STANDOUT },
	{ THEME_ATTR_DIM, A_DIM },
#ifdef A_ITALIC
	{ THEME_ATTR_ITALIC, A_ITALIC },
#endif
};

/* The 8 basic colours as xterm shows them, to find the nearest. */
static const unsigned char ui_theme_basic[8][3] = {
	{ 0x00, 0x00, 0x00 }, { 0xcd, 0x00, 0x00 }, { 0x00, 0xcd, 0x00 },
	{ 0xcd, 0xcd, 0x00 }, { 0x00, 0x00, 0xee }, { 0xcd, 0x00, 0xcd },
	{ 0x00, 0xcd, 0xcd }, { 0xe5, 0xe5, 0xe5 },
};

/* The 6 levels of each channel in the xterm 6x6x6 colour cube. */
static const unsigned char ui_theme_cube[6] = {
	0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff
};

static attr_t
ui_theme_curses_attrs(int attrs)
{
	attr_t a = A_NORMAL;
	size_t i;

	for (i = 0; i < sizeof ui_theme_attr_map / sizeof ui_theme_attr_map[0];
	    i++) {
		if (attrs & ui_theme_attr_map[i].theme)
			a |= ui_theme_attr_map[i].curses;
	}
	return a;
}

/* The RGB of xterm colour n, 16..255: a 6x6x6 cube, then 24 greys. */
static void
ui_theme_rgb(int n, int rgb[3])
{
	if (n >= 232) {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (n - 232);
		return;
	}
	n -= 16;
	rgb[0] = ui_theme_cube[n / 36];
	rgb[1] = ui_theme_cube[(n / 6) % 6];
	rgb[2] = ui_theme_cube[n % 6];
}

short
ui_theme_fit(short colour, int ncolours)
{
	int rgb[3], i, c, d, best = 0, best_d = INT_MAX;
	bool grey;

	if (colour < 0 || colour < ncolours)
		return colour;
	if (colour < 16)
		return (short)(colour - 8);
	ui_theme_rgb(colour, rgb);
	grey = rgb[0] == rgb[1] && rgb[1] == rgb[2];
	for (i = 0; i < 8; i++) {
		/* A grey becomes black or white, never a hue. */
		if (grey && i != COLOR_BLACK && i != COLOR_WHITE)
			continue;
		for (d = 0, c = 0; c < 3; c++)
			d += (rgb[c] - ui_theme_basic[i][c]) *
			    (rgb[c] - ui_theme_basic[i][c]);
		if (d < best_d) {
			best = i;
			best_d = d;
		}
	}
	return (short)best;
}

/* One of fg or bg for a pair: "default" is normal's colour, else the
 * terminal's own (dflt), fitted to what the terminal has. */
static short
ui_theme_pair_colour(short colour, short normal, short dflt)
{
	if (colour == THEME_COLOR_DEFAULT)
		colour = normal;
	if (colour == THEME_COLOR_DEFAULT)
		return dflt;
	return ui_theme_fit(colour, COLORS);
}

void
ui_theme_start(const struct theme *t, bool use_color)
{
	const struct theme_style *s, *normal = &t->el[THEME_NORMAL];
	short fg, bg, dfg = -1, dbg = -1;
	int i;

	ui_theme_color = use_color && has_colors() && start_color() == OK;
	/* Without default colours -1 is no colour: take white on black. */
	if (ui_theme_color && use_default_colors() != OK) {
		dfg = COLOR_WHITE;
		dbg = COLOR_BLACK;
	}
	for (i = 0; i < THEME_COUNT; i++) {
		s = &t->el[i];
		if (!ui_theme_color || i + 1 >= COLOR_PAIRS) {
			ui_theme_attrs[i] = ui_theme_curses_attrs(s->mono);
			continue;
		}
		fg = ui_theme_pair_colour(s->fg, normal->fg, dfg);
		bg = ui_theme_pair_colour(s->bg, normal->bg, dbg);
		/* Two colours that fall together on a small palette would
		 * hide the text: keep it readable. */
		if (fg == bg && fg >= 0 && s->fg != s->bg)
			fg = bg == COLOR_BLACK ? COLOR_WHITE : COLOR_BLACK;
		init_pair((short)(i + 1), fg, bg);
		ui_theme_attrs[i] = COLOR_PAIR(i + 1) |
		    ui_theme_curses_attrs(s->attrs);
	}
}

attr_t
ui_theme_attr(enum theme_element el)
{
	if ((int)el < 0 || el >= THEME_COUNT)
		return A_NORMAL;
	return ui_theme_attrs[el];
}

bool
ui_theme_has_color(void)
{
	return ui_theme_color;
}
