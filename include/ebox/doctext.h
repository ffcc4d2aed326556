/* doctext.h - a document as plain text for the pager.
 *
 * PDF goes through pdftotext (poppler-utils), plain text, CSV and XML are
 * read as they are, anything else (HTML first of all) through the first
 * mailcap entry with copiousoutput for its type.  The result is valid
 * UTF-8 but NOT sanitised: the pager sanitises each line it draws.
 */
#ifndef EBOX_DOCTEXT_H
#define EBOX_DOCTEXT_H

#include <stddef.h>
#include "ebox/err.h"
#include "ebox/mailcap.h"
#include "ebox/spawn.h"

#define DOCTEXT_MAX (8 * 1024 * 1024)  /* cap on a document's text */
#define DOCTEXT_TIMEOUT_MS 30000       /* cap on a converter's run */

/* How a document becomes text. */
enum doctext_way {
	DOCTEXT_READ,           /* it is text: read as it is */
	DOCTEXT_PDF,            /* pdftotext */
	DOCTEXT_MAILCAP,        /* the first copiousoutput mailcap entry */
};

/* A converter to run, and the strings its spawn options point to. */
struct doctext_cmd {
	struct spawn_opts o;    /* stdout is the text; caps set */
	const char *argv[7];
	char *path, *shell, *name, *shown_type;
};

/* The media type without parameters, lower case; a new string. */
char *doctext_bare_type(const char *media_type);
enum doctext_way doctext_way(const char *media_type);
/* The converter for path: pdftotext when en is NULL, else en's mailcap
 * command (en from mailcap_lookup(..., MAILCAP_TEXT, ...)).  Release c
 * with doctext_command_done, also after a failure. */
int doctext_command(struct doctext_cmd *c, const char *path,
    const char *media_type, const struct mailcap_entry *en, struct err *e);
void doctext_command_done(struct doctext_cmd *c);
/* Turns a converter's failure into the sentence for way (pdftotext is not
 * installed, the text is too large). */
void doctext_explain(enum doctext_way way, struct err *e);
/* ERR_USAGE: no mailcap entry turns media_type into text. */
void doctext_no_way(const char *media_type, struct err *e);
/* A text file as it is (capped at DOCTEXT_MAX). */
int doctext_read(const char *path, char **raw, size_t *rawlen,
    struct err *e);
/* Takes raw (n bytes); returns it as valid UTF-8 (NUL and invalid bytes
 * become U+FFFD) and its length in *len. */
char *doctext_clean(char *raw, size_t n, size_t *len);

/* Converts the file at path, of media_type (parameters allowed), to text,
 * waiting for the converter (the command line and the tests; the inbox
 * converts in the background: convert.h).
 * mc may be NULL (no mailcap entries).  On success *text is a new
 * NUL-terminated string of *len bytes (NUL bytes in the document became
 * U+FFFD) owned by the caller.  Errors: ERR_NOTFOUND "pdftotext is not
 * installed: ...", ERR_USAGE "no way to show TYPE as text: ...",
 * ERR_TOOBIG past DOCTEXT_MAX, ERR_IO for an unreadable file or a
 * converter that failed or took too long. */
int doctext_convert(const char *path, const char *media_type,
    const struct mailcap *mc, char **text, size_t *len, struct err *e);

#endif
