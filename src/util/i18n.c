/* i18n.c - binds the message catalogue and applies ui_language. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

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

const char *
i18n_lang(void)
{
	static const char *const known[] = { "fr", "nl", "de" };
	/* TRANSLATORS: the two-letter code of the language of this
	 * catalogue ("fr", "nl" or "de"): numbers and sizes are written
	 * the way this language writes them. */
	const char *code = _("en");
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (strcmp(code, known[i]) == 0)
			return known[i];
	}
	return "en";
}

/* The content languages, each named in the UI language. */
static const struct {
	const char *code;
	const char *name;
} i18n_lang_names[] = {
	{ "nl", N_("Dutch") },
	{ "fr", N_("French") },
	{ "de", N_("German") },
	{ "en", N_("English") },
};

const char *
i18n_lang_name(const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < sizeof i18n_lang_names / sizeof i18n_lang_names[0];
	    i++) {
		if (strcmp(code, i18n_lang_names[i].code) == 0)
			return _(i18n_lang_names[i].name);
	}
	return code;
}
