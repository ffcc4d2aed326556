/* xdg.h - where config, cache and state files live (XDG base dirs). */
#ifndef EBOX_XDG_H
#define EBOX_XDG_H

/* New strings: $XDG_CONFIG_HOME/ebox-tui (default ~/.config/ebox-tui),
 * $XDG_CACHE_HOME/ebox-tui (~/.cache/ebox-tui), $XDG_STATE_HOME/ebox-tui
 * (~/.local/state/ebox-tui). */
char *xdg_config_dir(void);
char *xdg_cache_dir(void);
char *xdg_state_dir(void);
/* $XDG_DATA_HOME/ebox-tui (~/.local/share/ebox-tui): data the user keeps. */
char *xdg_data_dir(void);
/* Expands a leading "~/" to $HOME; a new string. */
char *xdg_expand_home(const char *path);
/* mkdir -p with the given mode for directories it creates. 0 or -errno. */
int xdg_mkdirs(const char *path, int mode);

#endif
