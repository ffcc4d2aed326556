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

#define DOCTEXT_MAX (8 * 1024 * 1024)  /* cap on a document's text */
#define DOCTEXT_TIMEOUT_MS 30000       /* cap on a converter's run */

/* Converts the file at path, of media_type (parameters allowed), to text.
 * mc may be NULL (no mailcap entries).  On success *text is a new
 * NUL-terminated string of *len bytes (NUL bytes in the document became
 * U+FFFD) owned by the caller.  Errors: ERR_NOTFOUND "pdftotext is not
 * installed: ...", ERR_USAGE "no way to show TYPE as text: ...",
 * ERR_TOOBIG past DOCTEXT_MAX, ERR_IO for an unreadable file or a
 * converter that failed or took too long. */
int doctext_convert(const char *path, const char *media_type,
    const struct mailcap *mc, char **text, size_t *len, struct err *e);

#endif
