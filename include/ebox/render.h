/* render.h - one message as labelled lines of plain text, shared by
 * `ebox-tui show` and the pager, so both say the same things in the same
 * order: header block, notices, text, business data, payment, documents.
 *
 * Every string in the result is sanitised (sanitize_text) and owned by the
 * render; nothing here knows about terminals or curses.
 */
#ifndef EBOX_RENDER_H
#define EBOX_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "ebox/mailbox.h"
#include "ebox/model.h"

enum render_kind {
	RENDER_FIELD,       /* label + value ("From:", "FOD Financiën ...") */
	RENDER_HEADING,     /* a section title in text ("Payment") */
	RENDER_NOTICE,      /* a sentence to notice (registered mail, expiry) */
	RENDER_TEXT,        /* one line of the message text */
	RENDER_DOCUMENT,    /* one document line; doc is its index (0-based) */
	RENDER_BLANK,
};

struct render_line {
	enum render_kind kind;
	char *label;        /* RENDER_FIELD (e.g. "Expires:"), else NULL */
	char *text;         /* never NULL */
	int doc;            /* RENDER_DOCUMENT: attachment index, else -1 */
	int indent;         /* columns of indentation for the value */
};

struct render {
	struct render_line *lines;
	size_t n;
	char *lang_used;    /* language the subject/text came in, e.g. "fr" */
	bool fell_back;     /* lang_used differs from the asked language */
};

struct render_opts {
	const char *lang;           /* the language to show (L picks one) */
	const char *preferred;      /* the reader's content language: a
	                               subject in another is marked with its
	                               language's name (NULL: lang) */
	time_t now;
	int expiring_days;
	bool body_withheld;         /* registered mail not confirmed */
	const char *sender_long;    /* organisation long name, or NULL */
	const char *app_name;       /* sender application name, or NULL */
};

/* Renders en's message; lines are not wrapped (the pager wraps). */
void render_message(const struct mailbox_entry *en,
    const struct render_opts *o, struct render *out);
void render_done(struct render *r);

/* "in 2 days", "tomorrow", "today", "yesterday", "3 days ago": from now
 * until t, by local calendar dates. */
void render_days(time_t t, time_t now, char *buf, size_t n);

#endif
