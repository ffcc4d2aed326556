/* pattern.h - the small pattern language of limit (l) and tag-pattern (T).
 *
 *     ~f TEXT   sender name or enterprise number contains TEXT
 *     ~s TEXT   subject (any language) contains TEXT
 *     ~b TEXT   the text, business data or document names contain TEXT
 *     ~t TEXT   message type contains TEXT
 *     ~r        registered mail          ~N   unread
 *     ~E        expires soon             ~P   payment requested
 *     ~H        hidden                   ~T   tagged
 *     ~K        kept locally (gone from the eBox)
 *     ~d RANGE  received: 2026-01-01..2026-06-30, 2026-01-01.., ..2026-06-30,
 *               2026-03-05 (that day), <7d (younger than), >2m (older than);
 *               units d, w, m, y
 *     TEXT      anywhere the server's search looks (like --search)
 *     !TERM     not TERM
 * Terms are joined with AND.  TEXT is one word or "a quoted phrase"; all
 * text tests ignore case and accents.  With the store's full-text index
 * (pattern_search), TEXT, ~s and ~b match words that begin with TEXT, as
 * the eBox's search does; without it, they match TEXT anywhere.
 */
#ifndef EBOX_PATTERN_H
#define EBOX_PATTERN_H

#include <stdbool.h>
#include <stdint.h>
#include "ebox/err.h"
#include "ebox/mailbox.h"

struct pattern;

/* Parses text; *out is NULL for an empty pattern (matches everything). */
int pattern_parse(const char *text, time_t now, struct pattern **out,
    struct err *e);
bool pattern_match(const struct pattern *p, const struct mailbox *mb,
    const struct mailbox_entry *en);
void pattern_free(struct pattern *p);

/* Where a text term looks. */
enum pattern_in { PATTERN_IN_ALL, PATTERN_IN_SUBJECT, PATTERN_IN_BODY };
/* Finds the stored messages (*hits: sorted rowids, a new array) whose
 * text in where matches text; non-zero and e set on failure. */
typedef int (*pattern_search_fn)(enum pattern_in where, const char *text,
    int64_t **hits, size_t *n, void *ud, struct err *e);
/* Has fn answer every text term once (TEXT, ~s, ~b); pattern_match then
 * looks an entry's rowid up in the answers (an entry not stored, rowid
 * 0, is matched in memory).  ud and e are passed on. */
int pattern_search(struct pattern *p, pattern_search_fn fn, void *ud,
    struct err *e);

#endif
