/* fuzz-isotime.c - ISO 8601 parsing (isotime.h) and its round trips.
 *
 * The input is one string (TZ is Europe/Brussels, so local dates cross
 * daylight saving time).  Checked:
 *   isotime_parse(s) = t  =>  isotime_format(t) parses back to t, unless
 *     the year is past 9999, where the format is documented to give "?";
 *   isotime_parse_date(s) = t  =>  isotime_format_date(t) is s again,
 *     which parses back to t, and isotime_days_until(t, t) is 0;
 *   a string parse_date accepts is also accepted by isotime_parse.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "ebox/isotime.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("TZ", "Europe/Brussels", 1);
	tzset();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[21], day[11];
	time_t t, t2, d, d2;
	struct tm tm;

	if (size > 64)
		return 0;       /* the grammar has nothing longer */
	s = fuzz_cstr(data, size);
	if (isotime_parse(s, &t) == 0) {
		isotime_format(t, buf);
		/* "?": a year outside 0..9999 in UTC, which a date of
		 * year 0 or 9999 becomes with its offset (isotime.h). */
		if (strcmp(buf, "?") == 0)
			FUZZ_CHECK(gmtime_r(&t, &tm) == NULL ||
			    tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0,
			    "'%s' (%lld) formats as '?'", s, (long long)t);
		else {
			FUZZ_CHECK(isotime_parse(buf, &t2) == 0,
			    "'%s' formats as '%s', which does not parse", s,
			    buf);
			FUZZ_CHECK(t2 == t, "'%s' is %lld, formats as '%s', "
			    "which is %lld", s, (long long)t, buf,
			    (long long)t2);
		}
	}
	if (isotime_parse_date(s, &d) == 0) {
		isotime_format_date(d, day);
		FUZZ_CHECK(strcmp(day, s) == 0, "date '%s' formats as '%s'", s,
		    day);
		FUZZ_CHECK(isotime_parse_date(day, &d2) == 0 && d2 == d,
		    "'%s' does not parse back to %lld", day, (long long)d);
		FUZZ_CHECK(isotime_days_until(d, d) == 0, "a day is not today");
		FUZZ_CHECK(isotime_parse(s, &t) == 0, "'%s' is a date but not "
		    "a time", s);
	}
	free(s);
	return 0;
}
