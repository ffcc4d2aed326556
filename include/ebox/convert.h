/* convert.h - documents turned into text, and their viewers found, in
 * the background.
 *
 * The same work as doctext_convert() and mailcap_find(), but every child
 * it needs (mailcap test= commands, pdftotext, a copiousoutput converter)
 * runs as a job of the loop (job.h): the inbox keeps answering keys
 * while a large PDF is converted.  The callback runs from net_poll(),
 * never inside the call that started the work, exactly once unless the
 * work is cancelled first.
 */
#ifndef EBOX_CONVERT_H
#define EBOX_CONVERT_H

#include <stddef.h>
#include "ebox/err.h"
#include "ebox/mailcap.h"
#include "ebox/net.h"

struct convert;

/* text: the document as valid UTF-8 (NOT sanitised), owned by the
 * callback; NULL with e set on failure (the sentences of doctext.h). */
typedef void (*convert_text_fn)(char *text, size_t len, const struct err *e,
    void *ud);
/* en: the mailcap entry that views media_type, NULL when there is none. */
typedef void (*convert_viewer_fn)(struct mailcap_entry *en, void *ud);

/* Converts the file at path (which must stay until the callback) to
 * text.  mc may be NULL; it must outlive the conversion. */
struct convert *convert_text(struct net *n, struct mailcap *mc,
    const char *path, const char *media_type, convert_text_fn fn, void *ud);
/* Finds the viewer of media_type, running test= commands as needed. */
struct convert *convert_find_viewer(struct net *n, struct mailcap *mc,
    const char *media_type, convert_viewer_fn fn, void *ud);
/* Stops the work; its callback will not run.  NULL is fine. */
void convert_cancel(struct convert *c);

#endif
