/* i18n.c - binds the message catalogue and applies ui_language. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "ebox/i18n.h"

void
i18n_init(const char *ui_language)
{
	const char *dir = getenv("EBOX_TUI_LOCALEDIR");

	/* The build tree's catalogues for tests and `make demo`. */
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	if (ui_language != NULL && *ui_language != '\0' &&
	    getenv("LANGUAGE") == NULL) {
		/* gettext reads LANGUAGE first; setlocale again so it notices. */
		setenv("LANGUAGE", ui_language, 1);
		setlocale(LC_MESSAGES, "");
	}
}
