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

/* The language of the catalogue in use ("fr", "nl", "de", else "en"):
 * the language of the words shown, whatever the locale's LC_NUMERIC or
 * the content language.  A static string. */
const char *i18n_lang(void);

/* The name of a content language (nl, fr, de, en) in the UI language,
 * for people: "Dutch", "néerlandais", "Niederländisch"; any other code
 * is returned as it is ("" for NULL).  For "Showing the message in
 * Dutch." and the marker of a subject in another language. */
const char *i18n_lang_name(const char *code);

#endif
