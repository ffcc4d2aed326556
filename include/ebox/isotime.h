/* isotime.h - ISO 8601 parsing and date formatting. */
#ifndef EBOX_ISOTIME_H
#define EBOX_ISOTIME_H

#include <stdbool.h>
#include <time.h>

/* "2023-04-29T10:25:53+02:00", "...Z", "...53.123Z", "2023-04-29" (as
 * midnight UTC) to UTC time_t.  Returns 0 or -1 on a malformed string. */
int isotime_parse(const char *s, time_t *out);
/* UTC "YYYY-MM-DDTHH:MM:SSZ" into out (21 bytes room). */
void isotime_format(time_t t, char out[21]);
/* Local "YYYY-MM-DD" into out (11 bytes room). */
void isotime_format_date(time_t t, char out[11]);
/* Whole days from now until t (negative in the past), by local calendar
 * dates, so "tomorrow" is 1 whatever the hour. */
long isotime_days_until(time_t t, time_t now);
/* Parses "YYYY-MM-DD" as local midnight.  0 or -1. */
int isotime_parse_date(const char *s, time_t *out);

#endif
