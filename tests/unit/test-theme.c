/* test-theme.c - theme statements, theme files and the shipped themes. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebox/config.h"
#include "ebox/theme.h"
#include "test.h"

static char tmp_root[] = "/tmp/ebox-test-theme.XXXXXX";

/* Splits line and applies it to t; returns the result, e filled. */
static int
apply(struct theme *t, const char *line, struct err *e)
{
	char **argv;
	int argc, r;

	err_clear(e);
	argc = config_split(line, &argv, e);
	if (argc < 0)
		return argc;
	r = theme_apply(t, argc, argv, e);
	config_argv_free(argv);
	return r;
}

/* Checks that line fails with exactly the sentence want. */
#define CHECK_APPLY_ERR(line, want) do { \
	struct theme at_; \
	struct err ae_; \
	theme_init(&at_); \
	CHECK_INT(apply(&at_, (line), &ae_), ERR_CONFIG); \
	CHECK_INT(ae_.code, ERR_CONFIG); \
	CHECK_STR(ae_.msg, (want)); \
} while (0)

/* Writes text to tmp_root/name; returns the path (caller frees). */
static char *
write_tmp(const char *name, const char *text)
{
	char *path = malloc(strlen(tmp_root) + strlen(name) + 2);
	FILE *f;

	sprintf(path, "%s/%s", tmp_root, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0)
		abort();
	return path;
}

/* The themes directory of the source tree. */
static char *
themes_dir(void)
{
	const char *srcdir = getenv("srcdir");
	char *p = malloc(4096);

	snprintf(p, 4096, "%s/themes", srcdir ? srcdir : ".");
	return p;
}

static void
test_names(void)
{
	int i, j;

	CHECK_INT(theme_element_find(NULL), -1);
	CHECK_INT(theme_element_find(""), -1);
	CHECK_INT(theme_element_find("nope"), -1);
	CHECK_INT(theme_element_find("index_unread"), THEME_INDEX_UNREAD);
	CHECK_INT(theme_element_find("INDICATOR"), THEME_INDICATOR);
	for (i = 0; i < THEME_COUNT; i++) {
		CHECK(theme_element_names[i] != NULL);
		if (theme_element_names[i] == NULL)
			continue;
		CHECK_INT(theme_element_find(theme_element_names[i]), i);
		for (j = 0; j < i; j++)
			CHECK(strcmp(theme_element_names[i],
			    theme_element_names[j]) != 0);
	}
}

/* The compiled-in scheme works without colour: the selected row and
 * unread rows differ from plain ones by attributes alone. */
static void
test_init(void)
{
	struct theme t;
	int i;

	memset(&t, 0x5a, sizeof t);
	theme_init(&t);
	CHECK(t.el[THEME_INDICATOR].mono & THEME_ATTR_REVERSE);
	CHECK(t.el[THEME_INDEX_UNREAD].mono & THEME_ATTR_BOLD);
	CHECK(t.el[THEME_INDEX_UNREAD].attrs & THEME_ATTR_BOLD);
	CHECK(t.el[THEME_STATUS].mono & THEME_ATTR_REVERSE);
	CHECK_INT(t.el[THEME_NORMAL].fg, THEME_COLOR_DEFAULT);
	CHECK_INT(t.el[THEME_NORMAL].bg, THEME_COLOR_DEFAULT);
	CHECK_INT(t.el[THEME_INDEX].mono, 0);
	for (i = 0; i < THEME_COUNT; i++) {
		/* 8 basic colours only, so 8-colour terminals see it as is. */
		CHECK(t.el[i].fg >= -1 && t.el[i].fg <= 7);
		CHECK(t.el[i].bg >= -1 && t.el[i].bg <= 7);
		CHECK(t.el[i].fg == -1 || t.el[i].fg != t.el[i].bg);
		CHECK((t.el[i].attrs & THEME_ATTR_DIM) == 0);
	}
}

static void
test_apply_color(void)
{
	struct theme t;
	struct err e;

	theme_init(&t);
	CHECK_INT(apply(&t, "color index_unread red blue bold underline",
	    &e), 0);
	CHECK_INT(t.el[THEME_INDEX_UNREAD].fg, 1);
	CHECK_INT(t.el[THEME_INDEX_UNREAD].bg, 4);
	CHECK_INT(t.el[THEME_INDEX_UNREAD].attrs,
	    THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE);
	/* The mono style is left alone. */
	CHECK_INT(t.el[THEME_INDEX_UNREAD].mono, THEME_ATTR_BOLD);

	/* Attributes left out are off. */
	CHECK_INT(apply(&t, "color index_unread default default", &e), 0);
	CHECK_INT(t.el[THEME_INDEX_UNREAD].fg, THEME_COLOR_DEFAULT);
	CHECK_INT(t.el[THEME_INDEX_UNREAD].bg, THEME_COLOR_DEFAULT);
	CHECK_INT(t.el[THEME_INDEX_UNREAD].attrs, 0);

	/* Every attribute; none clears what came before it. */
	CHECK_INT(apply(&t, "color body white black bold underline reverse "
	    "standout dim italic", &e), 0);
	CHECK_INT(t.el[THEME_BODY].attrs, THEME_ATTR_BOLD |
	    THEME_ATTR_UNDERLINE | THEME_ATTR_REVERSE | THEME_ATTR_STANDOUT |
	    THEME_ATTR_DIM | THEME_ATTR_ITALIC);
	CHECK_INT(apply(&t, "color body white black bold none italic", &e),
	    0);
	CHECK_INT(t.el[THEME_BODY].attrs, THEME_ATTR_ITALIC);
	CHECK_INT(apply(&t, "color body white black none", &e), 0);
	CHECK_INT(t.el[THEME_BODY].attrs, 0);

	/* Names ignore case; quoting is the config's. */
	CHECK_INT(apply(&t, "color Status BrightWhite \"BLUE\" BOLD # bar",
	    &e), 0);
	CHECK_INT(t.el[THEME_STATUS].fg, 15);
	CHECK_INT(t.el[THEME_STATUS].bg, 4);
	CHECK_INT(t.el[THEME_STATUS].attrs, THEME_ATTR_BOLD);
}

static void
test_apply_colours(void)
{
	static const char *const names[] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan",
		"white", "brightblack", "brightred", "brightgreen",
		"brightyellow", "brightblue", "brightmagenta", "brightcyan",
		"brightwhite",
	};
	struct theme t;
	struct err e;
	char line[128];
	int i;

	theme_init(&t);
	for (i = 0; i < 16; i++) {
		snprintf(line, sizeof line, "color body %s %s", names[i],
		    names[15 - i]);
		CHECK_INT(apply(&t, line, &e), 0);
		CHECK_INT(t.el[THEME_BODY].fg, i);
		CHECK_INT(t.el[THEME_BODY].bg, 15 - i);
	}
	CHECK_INT(apply(&t, "color body color0 color255", &e), 0);
	CHECK_INT(t.el[THEME_BODY].fg, 0);
	CHECK_INT(t.el[THEME_BODY].bg, 255);
	CHECK_INT(apply(&t, "color body color9 color16", &e), 0);
	CHECK_INT(t.el[THEME_BODY].fg, 9);
	CHECK_INT(t.el[THEME_BODY].bg, 16);
	CHECK_INT(apply(&t, "color body COLOR042 color100", &e), 0);
	CHECK_INT(t.el[THEME_BODY].fg, 42);
	CHECK_INT(t.el[THEME_BODY].bg, 100);

	CHECK_APPLY_ERR("color body color256 default",
	    "unknown colour 'color256' (colorN goes from color0 to color255)");
	CHECK_APPLY_ERR("color body default color1000",
	    "unknown colour 'color1000' (colorN goes from color0 to "
	    "color255)");
	CHECK_APPLY_ERR("color body color12x default",
	    "unknown colour 'color12x' (colorN goes from color0 to color255)");
	CHECK_APPLY_ERR("color body color-1 default",
	    "unknown colour 'color-1'");
	CHECK_APPLY_ERR("color body color default",
	    "unknown colour 'color'");
	CHECK_APPLY_ERR("color body -1 default", "unknown colour '-1'");
	CHECK_APPLY_ERR("color body rde default",
	    "unknown colour 'rde'; did you mean 'red'?");
	CHECK_APPLY_ERR("color body default brigthblue",
	    "unknown colour 'brigthblue'; did you mean 'brightblue'?");
	CHECK_APPLY_ERR("color body default grey", "unknown colour 'grey'");
}

static void
test_apply_mono(void)
{
	struct theme t;
	struct err e;

	theme_init(&t);
	CHECK_INT(apply(&t, "mono indicator bold underline", &e), 0);
	CHECK_INT(t.el[THEME_INDICATOR].mono,
	    THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE);
	/* The colour style is left alone. */
	CHECK_INT(t.el[THEME_INDICATOR].fg, 0);
	CHECK_INT(t.el[THEME_INDICATOR].bg, 6);
	CHECK_INT(apply(&t, "mono indicator", &e), 0);
	CHECK_INT(t.el[THEME_INDICATOR].mono, 0);
	CHECK_INT(apply(&t, "mono indicator standout dim italic reverse", &e),
	    0);
	CHECK_INT(t.el[THEME_INDICATOR].mono, THEME_ATTR_STANDOUT |
	    THEME_ATTR_DIM | THEME_ATTR_ITALIC | THEME_ATTR_REVERSE);
	CHECK_INT(apply(&t, "mono indicator reverse none", &e), 0);
	CHECK_INT(t.el[THEME_INDICATOR].mono, 0);
}

static void
test_apply_errors(void)
{
	struct theme t;
	struct err e;

	CHECK_APPLY_ERR("color index_unraed red default",
	    "unknown element 'index_unraed'; did you mean 'index_unread'?");
	CHECK_APPLY_ERR("mono sidebar-heading bold",
	    "unknown element 'sidebar-heading'; did you mean "
	    "'sidebar_heading'?");
	CHECK_APPLY_ERR("mono pager bold", "unknown element 'pager'");
	CHECK_APPLY_ERR("color body red default bolt",
	    "unknown attribute 'bolt'; did you mean 'bold'?");
	CHECK_APPLY_ERR("mono body reverse blink",
	    "unknown attribute 'blink'");
	CHECK_APPLY_ERR("mono body undreline",
	    "unknown attribute 'undreline'; did you mean 'underline'?");
	CHECK_APPLY_ERR("color body red",
	    "usage: color ELEMENT FG BG [ATTR...]");
	CHECK_APPLY_ERR("color", "usage: color ELEMENT FG BG [ATTR...]");
	CHECK_APPLY_ERR("mono", "usage: mono ELEMENT [ATTR...]");
	CHECK_APPLY_ERR("colour body red default",
	    "unknown command 'colour'; did you mean 'color'?");
	CHECK_APPLY_ERR("set theme dark",
	    "unknown command 'set' (a theme has only color and mono lines)");

	/* A failed line changes nothing. */
	theme_init(&t);
	CHECK_INT(apply(&t, "color body red default bolt", &e), ERR_CONFIG);
	CHECK_INT(t.el[THEME_BODY].fg, THEME_COLOR_DEFAULT);
	CHECK_INT(apply(&t, "mono index_unread bold nope", &e), ERR_CONFIG);
	CHECK_INT(t.el[THEME_INDEX_UNREAD].mono, THEME_ATTR_BOLD);
	err_clear(&e);
	CHECK_INT(theme_apply(&t, 0, NULL, &e), ERR_CONFIG);
	CHECK_STR(e.msg, "empty theme line");
}

static void
test_load_path(void)
{
	struct theme t, def;
	struct err e;
	char *path, *want;

	theme_init(&def);
	path = write_tmp("ok.theme",
	    "\xef\xbb\xbf# a theme\n"
	    "\n"
	    "color body red default bold   # trailing comment\r\n"
	    "   mono body underline\n"
	    "color 'help_key' \"color200\" default");
	/* Starts from the compiled-in scheme, whatever t held. */
	memset(&t, 0, sizeof t);
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), 0);
	CHECK_INT(e.code, 0);
	CHECK_INT(t.el[THEME_BODY].fg, 1);
	CHECK_INT(t.el[THEME_BODY].attrs, THEME_ATTR_BOLD);
	CHECK_INT(t.el[THEME_BODY].mono, THEME_ATTR_UNDERLINE);
	CHECK_INT(t.el[THEME_HELP_KEY].fg, 200);
	CHECK_INT(t.el[THEME_HELP_KEY].attrs, 0);
	CHECK(memcmp(&t.el[THEME_INDICATOR], &def.el[THEME_INDICATOR],
	    sizeof def.el[0]) == 0);
	free(path);

	/* Each error names its file and line. */
	path = write_tmp("bad-element.theme",
	    "# fine\ncolor body red default\n\ncolor bdoy red default\n");
	want = malloc(strlen(path) + 100);
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), ERR_CONFIG);
	sprintf(want, "%s:4: unknown element 'bdoy'; did you mean 'body'?",
	    path);
	CHECK_STR(e.msg, want);
	CHECK_INT(e.code, ERR_CONFIG);
	free(path);

	path = write_tmp("bad-colour.theme", "color body purple default\n");
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), ERR_CONFIG);
	sprintf(want, "%s:1: unknown colour 'purple'", path);
	CHECK_STR(e.msg, want);
	free(path);

	path = write_tmp("bad-attr.theme",
	    "mono body bold\nmono body\nmono status revers\n");
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), ERR_CONFIG);
	sprintf(want, "%s:3: unknown attribute 'revers'; did you mean "
	    "'reverse'?", path);
	CHECK_STR(e.msg, want);
	free(path);

	path = write_tmp("bad-quote.theme", "\n\ncolor body \"red default\n");
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), ERR_CONFIG);
	sprintf(want, "%s:3: the double quote is never closed", path);
	CHECK_STR(e.msg, want);
	free(path);

	path = write_tmp("bad-cmd.theme", "set x y\n");
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), ERR_CONFIG);
	sprintf(want, "%s:1: unknown command 'set' (a theme has only color "
	    "and mono lines)", path);
	CHECK_STR(e.msg, want);
	free(path);

	/* A path that is not there. */
	path = malloc(strlen(tmp_root) + 32);
	sprintf(path, "%s/missing.theme", tmp_root);
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), ERR_CONFIG);
	sprintf(want, "cannot read %s: No such file or directory", path);
	CHECK_STR(e.msg, want);
	free(path);

	/* A directory is not a theme. */
	err_clear(&e);
	CHECK_INT(theme_load(&t, tmp_root, NULL, &e), ERR_CONFIG);
	sprintf(want, "cannot read %s: not a regular file", tmp_root);
	CHECK_STR(e.msg, want);
	free(want);
}

static void
test_load_name(void)
{
	struct theme t, def;
	struct err e;
	char *d1, *d2, *path;
	const char *dirs[4];

	theme_init(&def);
	d1 = malloc(strlen(tmp_root) + 8);
	d2 = malloc(strlen(tmp_root) + 8);
	sprintf(d1, "%s/d1", tmp_root);
	sprintf(d2, "%s/d2", tmp_root);
	if (mkdir(d1, 0700) != 0 || mkdir(d2, 0700) != 0)
		abort();
	free(write_tmp("d1/only1.theme", "color body red default\n"));
	free(write_tmp("d1/both.theme", "color body green default\n"));
	free(write_tmp("d2/both.theme", "color body blue default\n"));
	free(write_tmp("d2/only2.theme", "color body cyan default\n"));
	free(write_tmp("d2/broken.theme", "color body cyan\n"));
	free(write_tmp("d2/.hidden.theme", "color body cyan default\n"));
	free(write_tmp("d2/notes.txt", "\n"));
	dirs[0] = "/nonexistent/ebox-themes";
	dirs[1] = d1;
	dirs[2] = d2;
	dirs[3] = NULL;

	err_clear(&e);
	CHECK_INT(theme_load(&t, "only1", dirs, &e), 0);
	CHECK_INT(t.el[THEME_BODY].fg, 1);
	CHECK_INT(theme_load(&t, "only2", dirs, &e), 0);
	CHECK_INT(t.el[THEME_BODY].fg, 6);
	/* First found wins. */
	CHECK_INT(theme_load(&t, "both", dirs, &e), 0);
	CHECK_INT(t.el[THEME_BODY].fg, 2);
	CHECK_INT(theme_load(&t, "both", dirs + 2, &e), 0);
	CHECK_INT(t.el[THEME_BODY].fg, 4);
	CHECK_INT(e.code, 0);

	/* An error in a theme found by name names its path. */
	err_clear(&e);
	CHECK_INT(theme_load(&t, "broken", dirs, &e), ERR_CONFIG);
	path = malloc(strlen(d2) + 100);
	sprintf(path, "%s/broken.theme:1: usage: color ELEMENT FG BG "
	    "[ATTR...]", d2);
	CHECK_STR(e.msg, path);
	free(path);

	/* Not found: the themes there are are listed. */
	err_clear(&e);
	CHECK_INT(theme_load(&t, "nope", dirs, &e), ERR_CONFIG);
	CHECK_STR(e.msg, "no theme called 'nope'; the themes are: both, "
	    "broken, only1, only2");
	err_clear(&e);
	CHECK_INT(theme_load(&t, "nope", NULL, &e), ERR_CONFIG);
	CHECK_STR(e.msg, "no theme called 'nope'");
	err_clear(&e);
	CHECK_INT(theme_load(&t, ".hidden", dirs, &e), ERR_CONFIG);
	CHECK_STR(e.msg, "'.hidden' is not a theme name");
	err_clear(&e);
	CHECK_INT(theme_load(&t, "", dirs, &e), ERR_CONFIG);
	CHECK_STR(e.msg, "no theme name given");
	err_clear(&e);
	CHECK_INT(theme_load(&t, NULL, dirs, &e), ERR_CONFIG);
	CHECK_STR(e.msg, "no theme name given");
	/* A failed load leaves the compiled-in scheme. */
	CHECK(memcmp(&t, &def, sizeof t) == 0);

	/* "default" is compiled in and needs no file. */
	memset(&t, 0, sizeof t);
	err_clear(&e);
	CHECK_INT(theme_load(&t, "default", dirs, &e), 0);
	CHECK_INT(theme_load(&t, "default", NULL, &e), 0);
	CHECK(memcmp(&t, &def, sizeof t) == 0);
	CHECK_INT(e.code, 0);

	/* e may be NULL. */
	CHECK_INT(theme_load(&t, "nope", dirs, NULL), ERR_CONFIG);
	free(d1);
	free(d2);
}

/* Which elements a theme file has color and mono lines for; also checks
 * the rules of the file called name. */
static void
check_shipped(const char *dir, const char *name)
{
	bool has_color[THEME_COUNT] = { false }, has_mono[THEME_COUNT] = {
	    false };
	struct theme t;
	struct err e;
	char path[4096], *text, *line, *nl, **argv;
	const char *dirs[2] = { dir, NULL };
	char tname[256];
	size_t len;
	int argc, el, i, a;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	len = strlen(name) - strlen(".theme");
	snprintf(tname, sizeof tname, "%.*s", (int)len, name);

	/* It loads, by path and by name. */
	err_clear(&e);
	CHECK_INT(theme_load(&t, path, NULL, &e), 0);
	if (e.code != 0)
		fprintf(stderr, "  %s\n", e.msg);
	CHECK_INT(theme_load(&t, tname, dirs, &e), 0);

	/* Every element has a color and a mono line. */
	if ((f = fopen(path, "r")) == NULL)
		abort();
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t)n + 1);
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		abort();
	text[n] = '\0';
	fclose(f);
	CHECK(strncmp(text, "# ", 2) == 0);     /* a header comment */
	for (line = text; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line) - 1;
		else
			*nl = '\0';
		argc = config_split(line, &argv, &e);
		CHECK(argc >= 0);
		if (argc >= 2 && (el = theme_element_find(argv[1])) >= 0) {
			if (strcmp(argv[0], "color") == 0) {
				CHECK(!has_color[el]);  /* each once */
				has_color[el] = true;
			} else {
				CHECK(!has_mono[el]);
				has_mono[el] = true;
			}
			for (a = 2; a < argc; a++)
				if (strcmp(name, "high-contrast.theme") == 0)
					CHECK(strcmp(argv[a], "dim") != 0);
			if (strcmp(name, "mono.theme") == 0 &&
			    strcmp(argv[0], "color") == 0) {
				CHECK_STR(argv[2], "default");
				CHECK_STR(argv[3], "default");
			}
		}
		config_argv_free(argv);
	}
	free(text);
	for (i = 0; i < THEME_COUNT; i++) {
		if (!has_color[i] || !has_mono[i])
			fprintf(stderr, "  %s: no %s line for %s\n", name,
			    has_color[i] ? "mono" : "color",
			    theme_element_names[i]);
		CHECK(has_color[i]);
		CHECK(has_mono[i]);
	}

	/* Without colour the indicator and unread rows still stand out. */
	CHECK(t.el[THEME_INDICATOR].mono & THEME_ATTR_REVERSE);
	CHECK(t.el[THEME_INDEX_UNREAD].mono & THEME_ATTR_BOLD);
	for (i = 0; i < THEME_COUNT; i++) {
		CHECK(t.el[i].fg == -1 || t.el[i].fg != t.el[i].bg);
		if (strcmp(name, "mono.theme") == 0)
			CHECK_INT(t.el[i].attrs, t.el[i].mono);
		if (strcmp(name, "high-contrast.theme") == 0) {
			CHECK((t.el[i].attrs & THEME_ATTR_DIM) == 0);
			CHECK((t.el[i].mono & THEME_ATTR_DIM) == 0);
		}
	}
	if (strcmp(name, "high-contrast.theme") == 0) {
		CHECK(t.el[THEME_INDEX_UNREAD].attrs & THEME_ATTR_BOLD);
		CHECK(t.el[THEME_ERROR].attrs & THEME_ATTR_BOLD);
		CHECK(t.el[THEME_INDICATOR].attrs & THEME_ATTR_BOLD);
		CHECK(t.el[THEME_NOTICE].attrs & THEME_ATTR_BOLD);
	}
}

static void
test_shipped(void)
{
	static const char *const must[] = {
		"default.theme", "light.theme", "dark.theme",
		"high-contrast.theme", "mono.theme",
	};
	struct theme t, def;
	struct err e;
	struct dirent *de;
	char *dir = themes_dir();
	const char *dirs[2] = { dir, NULL };
	size_t i, len;
	int found = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "cannot open %s\n", dir);
		CHECK(d != NULL);
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len <= 6 || strcmp(de->d_name + len - 6, ".theme") != 0)
			continue;
		test_current = de->d_name;
		check_shipped(dir, de->d_name);
		for (i = 0; i < sizeof must / sizeof must[0]; i++)
			if (strcmp(must[i], de->d_name) == 0)
				found++;
	}
	closedir(d);
	test_current = "test_shipped";
	CHECK_INT(found, 5);

	/* themes/default.theme is the compiled-in scheme. */
	theme_init(&def);
	err_clear(&e);
	memset(&t, 0, sizeof t);
	CHECK_INT(theme_load(&t, "default", dirs, &e), 0);
	for (i = 0; i < THEME_COUNT; i++) {
		test_current = theme_element_names[i];
		CHECK_INT(t.el[i].fg, def.el[i].fg);
		CHECK_INT(t.el[i].bg, def.el[i].bg);
		CHECK_INT(t.el[i].attrs, def.el[i].attrs);
		CHECK_INT(t.el[i].mono, def.el[i].mono);
	}
	test_current = "test_shipped";
	free(dir);
}

/* Removes everything test_load_* wrote. */
static void
cleanup(void)
{
	static const char *const files[] = {
		"ok.theme", "bad-element.theme", "bad-colour.theme",
		"bad-attr.theme", "bad-quote.theme", "bad-cmd.theme",
		"d1/only1.theme", "d1/both.theme", "d2/both.theme",
		"d2/only2.theme", "d2/broken.theme", "d2/.hidden.theme",
		"d2/notes.txt", "d1", "d2",
	};
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", tmp_root, files[i]);
		remove(path);
	}
	rmdir(tmp_root);
}

int
main(void)
{
	if (mkdtemp(tmp_root) == NULL)
		abort();
	RUN(test_names);
	RUN(test_init);
	RUN(test_apply_color);
	RUN(test_apply_colours);
	RUN(test_apply_mono);
	RUN(test_apply_errors);
	RUN(test_load_path);
	RUN(test_load_name);
	RUN(test_shipped);
	cleanup();
	return TEST_DONE();
}
