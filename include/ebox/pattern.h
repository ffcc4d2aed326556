/* pattern.h - the small pattern language of limit (l) and tag-pattern (T).
 *
 *     ~f TEXT   sender name or enterprise number contains TEXT
 *     ~s TEXT   subject (any language) contains TEXT
 *     ~t TEXT   message type contains TEXT
 *     ~r        registered mail          ~N   unread
 *     ~E        expires soon             ~P   payment requested
 *     ~H        hidden                   ~T   tagged
 *     ~d RANGE  received: 2026-01-01..2026-06-30, 2026-01-01.., ..2026-06-30,
 *               2026-03-05 (that day), <7d (younger than), >2m (older than);
 *               units d, w, m, y
 *     TEXT      anywhere the server's search looks (like --search)
 *     !TERM     not TERM
 * Terms are joined with AND.  TEXT is one word or "a quoted phrase"; all
 * text tests ignore case and accents.
 */
#ifndef EBOX_PATTERN_H
#define EBOX_PATTERN_H

#include <stdbool.h>
#include "ebox/err.h"
#include "ebox/mailbox.h"

struct pattern;

/* Parses text; *out is NULL for an empty pattern (matches everything). */
int pattern_parse(const char *text, time_t now, struct pattern **out,
    struct err *e);
bool pattern_match(const struct pattern *p, const struct mailbox *mb,
    const struct mailbox_entry *en);
void pattern_free(struct pattern *p);

#endif
