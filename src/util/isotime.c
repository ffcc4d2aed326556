/* isotime.c - ISO 8601 timestamps from the API, and calendar-date maths. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ebox/isotime.h"

/* Reads exactly n digits at *s into *v and advances; false otherwise. */
static bool
isotime_digits(const char **s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*s)[i] < '0' || (*s)[i] > '9')
			return false;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return true;
}

static bool
isotime_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
isotime_month_days(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && isotime_leap(y) ? 29 : days[m - 1];
}

/* Parses "YYYY-MM-DD" at *s into tm (checked) and advances. */
static bool
isotime_date(const char **s, struct tm *tm)
{
	int y, m, d;

	if (!isotime_digits(s, 4, &y) || *(*s)++ != '-' ||
	    !isotime_digits(s, 2, &m) || *(*s)++ != '-' ||
	    !isotime_digits(s, 2, &d))
		return false;
	if (m < 1 || m > 12 || d < 1 || d > isotime_month_days(y, m))
		return false;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	return true;
}

/* Parses "HH:MM[:SS[.fff]]" at *s into tm and advances. */
static bool
isotime_clock(const char **s, struct tm *tm)
{
	int h, mi, sec = 0, ignored;

	if (!isotime_digits(s, 2, &h) || *(*s)++ != ':' ||
	    !isotime_digits(s, 2, &mi))
		return false;
	if (**s == ':') {
		(*s)++;
		if (!isotime_digits(s, 2, &sec))
			return false;
		if (**s == '.' || **s == ',') {
			(*s)++;
			if (!isotime_digits(s, 1, &ignored))
				return false;
			while (**s >= '0' && **s <= '9')
				(*s)++;
		}
	}
	/* 60 is a leap second; timegm() folds it into the next minute. */
	if (h > 23 || mi > 59 || sec > 60)
		return false;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = sec;
	return true;
}

/* Parses "Z", "+HH:MM", "+HHMM" or "+HH" at *s into seconds east of UTC.
 * No designator at all is taken as UTC: the API's times are UTC. */
static bool
isotime_offset(const char **s, long *off)
{
	int sign, h, m = 0;

	*off = 0;
	if (**s == 'Z' || **s == 'z') {
		(*s)++;
		return true;
	}
	if (**s != '+' && **s != '-')
		return true;
	sign = *(*s)++ == '-' ? -1 : 1;
	if (!isotime_digits(s, 2, &h))
		return false;
	if (**s == ':') {
		(*s)++;
		if (!isotime_digits(s, 2, &m))
			return false;
	} else if (**s >= '0' && **s <= '9' && !isotime_digits(s, 2, &m))
		return false;
	if (h > 23 || m > 59)
		return false;
	*off = sign * (h * 3600L + m * 60L);
	return true;
}

int
isotime_parse(const char *s, time_t *out)
{
	struct tm tm;
	long off = 0;
	time_t t;

	if (s == NULL || !isotime_date(&s, &tm))
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (!isotime_clock(&s, &tm) || !isotime_offset(&s, &off))
			return -1;
	}
	if (*s != '\0')
		return -1;
	t = timegm(&tm);
	if (t == (time_t)-1 && tm.tm_year != 69)
		return -1;
	*out = t - off;
	return 0;
}

/* ISO 8601 wants four digits for the year: strftime's %Y does not pad
 * years before 1000 (and such a date would not parse back), so the
 * fields are written here.  Years outside 0..9999 do not fit: "?". */
static bool
isotime_year_ok(const struct tm *tm)
{
	return tm->tm_year >= -1900 && tm->tm_year <= 9999 - 1900;
}

void
isotime_format(time_t t, char out[21])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || !isotime_year_ok(&tm)) {
		snprintf(out, 21, "?");
		return;
	}
	/* The % keep the compiler sure every field fits its width. */
	snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)(tm.tm_year + 1900) % 10000u,
	    (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
	    (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u,
	    (unsigned)tm.tm_sec % 100u);
}

void
isotime_format_date(time_t t, char out[11])
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || !isotime_year_ok(&tm)) {
		snprintf(out, 11, "?");
		return;
	}
	snprintf(out, 11, "%04u-%02u-%02u",
	    (unsigned)(tm.tm_year + 1900) % 10000u,
	    (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

/* The local calendar date of t as a day number (days since 1970-01-01),
 * so differences count midnights, not 24-hour periods. */
static long
isotime_local_day(time_t t)
{
	struct tm tm, day;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	memset(&day, 0, sizeof day);
	day.tm_year = tm.tm_year;
	day.tm_mon = tm.tm_mon;
	day.tm_mday = tm.tm_mday;
	return (long)(timegm(&day) / 86400);
}

long
isotime_days_until(time_t t, time_t now)
{
	return isotime_local_day(t) - isotime_local_day(now);
}

int
isotime_parse_date(const char *s, time_t *out)
{
	struct tm tm;
	time_t t;

	if (s == NULL || !isotime_date(&s, &tm) || *s != '\0')
		return -1;
	tm.tm_isdst = -1;       /* let mktime find out for that date */
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	*out = t;
	return 0;
}
