/* test-isotime.c - ISO 8601 parsing, formatting and calendar-day counts. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "ebox/isotime.h"
#include "test.h"

/* 2023-04-29T08:25:53Z, a Saturday in summer time (UTC+2). */
#define T_0829 1682756753L

/* Parses s and checks the result (or the failure, want = -1). */
#define CHECK_PARSE(s, want) do { \
	time_t t_ = 12345; \
	int r_ = isotime_parse((s), &t_); \
	if ((want) == -1) { \
		CHECK_INT(r_, -1); \
		CHECK_INT(t_, 12345); \
	} else { \
		CHECK_INT(r_, 0); \
		CHECK_INT(t_, (want)); \
	} \
} while (0)

static time_t
utc(const char *s)
{
	time_t t = 0;

	if (isotime_parse(s, &t) != 0)
		abort();
	return t;
}

static void
test_parse_null_empty(void)
{
	CHECK_PARSE(NULL, -1);
	CHECK_PARSE("", -1);
}

static void
test_parse_offsets(void)
{
	CHECK_PARSE("2023-04-29T08:25:53Z", T_0829);
	CHECK_PARSE("2023-04-29T08:25:53z", T_0829);
	CHECK_PARSE("2023-04-29T10:25:53+02:00", T_0829);
	CHECK_PARSE("2023-04-29T10:25:53+0200", T_0829);
	CHECK_PARSE("2023-04-29T10:25:53+02", T_0829);
	CHECK_PARSE("2023-04-29T03:25:53-05:00", T_0829);
	CHECK_PARSE("2023-04-29T14:10:53+05:45", T_0829);
	CHECK_PARSE("2023-04-29T08:25:53+00:00", T_0829);
}

static void
test_parse_no_offset_is_utc(void)
{
	CHECK_PARSE("2023-04-29T08:25:53", T_0829);
	CHECK_PARSE("2023-04-29 08:25:53", T_0829);
	CHECK_PARSE("2023-04-29T08:25Z", T_0829 - 53);
}

static void
test_parse_fraction(void)
{
	CHECK_PARSE("2023-04-29T08:25:53.123Z", T_0829);
	CHECK_PARSE("2023-04-29T08:25:53.999999999+00:00", T_0829);
	CHECK_PARSE("2023-04-29T10:25:53,5+02:00", T_0829);
	CHECK_PARSE("2023-04-29T08:25:53.Z", -1);
}

static void
test_parse_date_only(void)
{
	CHECK_PARSE("2023-04-29", T_0829 - 8 * 3600 - 25 * 60 - 53);
	CHECK_PARSE("1970-01-01", 0);
	CHECK_PARSE("2024-02-29", 1709164800L);
}

static void
test_parse_garbage(void)
{
	CHECK_PARSE("garbage", -1);
	CHECK_PARSE("2023-4-29", -1);
	CHECK_PARSE("23-04-29", -1);
	CHECK_PARSE("2023/04/29", -1);
	CHECK_PARSE("2023-04-29T", -1);
	CHECK_PARSE("2023-04-29T10Z", -1);
	CHECK_PARSE("2023-04-29T10:25:53Zjunk", -1);
	CHECK_PARSE("2023-04-29T10:25:53+02:00 ", -1);
	CHECK_PARSE("2023-04-29Z", -1);
	CHECK_PARSE("2023-04-29T10:25:53+2", -1);
	CHECK_PARSE(" 2023-04-29", -1);
}

static void
test_parse_out_of_range(void)
{
	CHECK_PARSE("2023-00-10", -1);
	CHECK_PARSE("2023-13-01", -1);
	CHECK_PARSE("2023-04-00", -1);
	CHECK_PARSE("2023-04-31", -1);
	CHECK_PARSE("2023-02-29", -1);          /* not a leap year */
	CHECK_PARSE("1900-02-29", -1);          /* century, not leap */
	CHECK_PARSE("2000-02-29", 951782400L);  /* 400 years: leap */
	CHECK_PARSE("2023-04-29T24:00:00Z", -1);
	CHECK_PARSE("2023-04-29T10:60:00Z", -1);
	CHECK_PARSE("2023-04-29T10:00:61Z", -1);
	CHECK_PARSE("2023-04-29T10:00:00+24:00", -1);
	CHECK_PARSE("2023-04-29T10:00:00+02:60", -1);
}

static void
test_format(void)
{
	char out[21];

	isotime_format(0, out);
	CHECK_STR(out, "1970-01-01T00:00:00Z");
	isotime_format(T_0829, out);
	CHECK_STR(out, "2023-04-29T08:25:53Z");
	CHECK_INT(utc(out), T_0829);
}

static void
test_format_date_local(void)
{
	char out[11];

	isotime_format_date(T_0829, out);
	CHECK_STR(out, "2023-04-29");
	/* 23:30 UTC is already the next day in Brussels. */
	isotime_format_date(utc("2023-04-28T23:30:00Z"), out);
	CHECK_STR(out, "2023-04-29");
	isotime_format_date(utc("2023-12-31T22:59:59Z"), out);
	CHECK_STR(out, "2023-12-31");
	isotime_format_date(utc("2023-12-31T23:00:00Z"), out);
	CHECK_STR(out, "2024-01-01");
}

static void
test_days_until_same_day(void)
{
	time_t now = utc("2023-04-29T06:00:00+02:00");

	CHECK_INT(isotime_days_until(now, now), 0);
	CHECK_INT(isotime_days_until(utc("2023-04-29T23:59:00+02:00"), now), 0);
	CHECK_INT(isotime_days_until(utc("2023-04-29T00:00:00+02:00"), now), 0);
}

static void
test_days_until_by_calendar(void)
{
	/* One hour apart, but tomorrow by the calendar. */
	time_t now = utc("2023-04-29T23:30:00+02:00");

	CHECK_INT(isotime_days_until(utc("2023-04-30T00:30:00+02:00"), now), 1);
	CHECK_INT(isotime_days_until(utc("2023-04-28T23:59:00+02:00"), now),
	    -1);
	CHECK_INT(isotime_days_until(utc("2023-05-14T12:00:00+02:00"), now),
	    15);
}

static void
test_days_until_dst_and_year(void)
{
	/* Summer time starts 2023-03-26: a 23-hour day still counts one. */
	CHECK_INT(isotime_days_until(utc("2023-03-27T12:00:00+02:00"),
	    utc("2023-03-25T12:00:00+01:00")), 2);
	CHECK_INT(isotime_days_until(utc("2024-01-01T00:00:00+01:00"),
	    utc("2023-12-31T23:59:00+01:00")), 1);
	CHECK_INT(isotime_days_until(utc("2023-01-01T12:00:00+01:00"),
	    utc("2024-01-01T12:00:00+01:00")), -365);
}

static void
test_parse_date_local(void)
{
	time_t t = 99;

	CHECK_INT(isotime_parse_date(NULL, &t), -1);
	CHECK_INT(isotime_parse_date("", &t), -1);
	CHECK_INT(isotime_parse_date("2023-04-29", &t), 0);
	CHECK_INT(t, utc("2023-04-28T22:00:00Z"));      /* summer: UTC+2 */
	CHECK_INT(isotime_parse_date("2023-01-15", &t), 0);
	CHECK_INT(t, utc("2023-01-14T23:00:00Z"));      /* winter: UTC+1 */
	t = 99;
	CHECK_INT(isotime_parse_date("2023-02-30", &t), -1);
	CHECK_INT(isotime_parse_date("2023-04-29T00:00", &t), -1);
	CHECK_INT(isotime_parse_date("2023-04-29x", &t), -1);
	CHECK_INT(t, 99);
}

/* Found by the fuzzer: strftime's %Y does not pad years before 1000, so
 * such a date was written as "999-12-31..." and did not parse back. */
static void
test_format_small_years(void)
{
	char buf[21], day[11];
	time_t t = 0, back = 0;

	CHECK_INT(isotime_parse("0999-12-31T23:59:59Z", &t), 0);
	isotime_format(t, buf);
	CHECK_STR(buf, "0999-12-31T23:59:59Z");
	CHECK_INT(isotime_parse(buf, &back), 0);
	CHECK_INT(back, t);
	CHECK_INT(isotime_parse("0000-01-01", &t), 0);
	isotime_format(t, buf);
	CHECK_STR(buf, "0000-01-01T00:00:00Z");
	CHECK_INT(isotime_parse_date("0042-03-05", &t), 0);
	isotime_format_date(t, day);
	CHECK_STR(day, "0042-03-05");
}

int
main(void)
{
	/* Local dates must be the same on every machine. */
	setenv("TZ", "Europe/Brussels", 1);
	tzset();
	RUN(test_parse_null_empty);
	RUN(test_format_small_years);
	RUN(test_parse_offsets);
	RUN(test_parse_no_offset_is_utc);
	RUN(test_parse_fraction);
	RUN(test_parse_date_only);
	RUN(test_parse_garbage);
	RUN(test_parse_out_of_range);
	RUN(test_format);
	RUN(test_format_date_local);
	RUN(test_days_until_same_day);
	RUN(test_days_until_by_calendar);
	RUN(test_days_until_dst_and_year);
	RUN(test_parse_date_local);
	return TEST_DONE();
}
