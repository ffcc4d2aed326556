/* i18n.h - translated text (gettext, domain "ebox-tui").  English is the
 * source language; po/fr.po, po/nl.po and po/de.po translate every string
 * marked here.  N_() marks strings in tables, translated where used. */
#ifndef EBOX_I18N_H
#define EBOX_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Binds the catalogue (EBOX_TUI_LOCALEDIR, else the installed one) and
 * applies ui_language when given (NULL: the locale's language). */
void i18n_init(const char *ui_language);

#endif
