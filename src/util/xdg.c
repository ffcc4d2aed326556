/* xdg.c - XDG base directories, "~/" expansion and mkdir -p. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "ebox/xalloc.h"
#include "ebox/xdg.h"

/* $HOME, or "." when it is unset or empty: a relative directory the user
 * can find beats a NULL nobody checks. */
static const char *
xdg_home(void)
{
	const char *home = getenv("HOME");

	return home != NULL && *home != '\0' ? home : ".";
}

/* $VAR/ebox-tui when VAR holds an absolute path (the spec says relative
 * values are invalid and must be ignored), else $HOME/fallback/ebox-tui. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/ebox-tui", v);
	return xasprintf("%s/%s/ebox-tui", xdg_home(), fallback);
}

char *
xdg_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
xdg_cache_dir(void)
{
	return xdg_dir("XDG_CACHE_HOME", ".cache");
}

char *
xdg_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
xdg_state_dir(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state");
}

char *
xdg_expand_home(const char *path)
{
	if (path == NULL)
		return NULL;
	if (strcmp(path, "~") == 0)
		return xstrdup(xdg_home());
	if (strncmp(path, "~/", 2) == 0)
		return xasprintf("%s/%s", xdg_home(), path + 2);
	return xstrdup(path);
}

int
xdg_mkdirs(const char *path, int mode)
{
	char *copy, *p, saved;
	struct stat st;
	int r = 0;

	if (path == NULL || *path == '\0')
		return -EINVAL;
	copy = xstrdup(path);
	/* Create each prefix in turn; EEXIST is fine as long as the last
	 * one turns out to be a directory. */
	for (p = copy + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		saved = *p;
		*p = '\0';
		if (mkdir(copy, (mode_t)mode) != 0 && errno != EEXIST) {
			r = -errno;
			break;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	if (r == 0 && stat(path, &st) != 0)
		r = -errno;
	else if (r == 0 && !S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	free(copy);
	return r;
}
