/* test-net.c - what net reads from response headers, and download caps. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ebox/client.h"
#include "ebox/net.h"
#include "test.h"

#define NOW ((time_t)1780000000)
#define YEAR_S (366L * 24 * 3600)

/* Finding 4 of the security review: an unbounded strtol and a "* 1000"
 * let a huge Retry-After overflow and schedule a retry 10^18 ms ahead. */
static void
test_retry_after(void)
{
	CHECK_INT(net_parse_retry_after("0", NOW), 0);
	CHECK_INT(net_parse_retry_after("30", NOW), 30);
	CHECK_INT(net_parse_retry_after("99999999999999999999", NOW), YEAR_S);
	CHECK_INT(net_parse_retry_after("9223372036854775807", NOW), YEAR_S);
	CHECK_INT(net_parse_retry_after("-5", NOW), -1);
	CHECK_INT(net_parse_retry_after("12abc", NOW), -1);
	CHECK_INT(net_parse_retry_after("", NOW), -1);
	CHECK_INT(net_parse_retry_after("soon", NOW), -1);
	/* HTTP-dates: in the past means now, far ahead is capped. */
	CHECK_INT(net_parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", NOW),
	    0);
	CHECK_INT(net_parse_retry_after("Wed, 21 Oct 2099 07:28:00 GMT", NOW),
	    YEAR_S);
	CHECK_INT(net_parse_retry_after("Thu, 28 May 2026 20:26:50 GMT",
	    (time_t)1780000000), 10);
	/* Whatever the input, the value times 1000 fits a long. */
	CHECK(net_parse_retry_after("99999999999999999999", NOW) * 1000L > 0);
}

static void
test_content_length(void)
{
	CHECK_INT(net_parse_length("0"), 0);
	CHECK_INT(net_parse_length("1048576"), 1048576);
	CHECK_INT(net_parse_length("-1"), -1);
	CHECK_INT(net_parse_length("12 34"), -1);
	CHECK_INT(net_parse_length("99999999999999999999999"), -1);
	CHECK_INT(net_parse_length(""), -1);
}

/* Finding 5: a download is capped from the size its sender announced. */
static void
test_download_cap(void)
{
	CHECK_INT(ebox_download_cap(0), 0);
	CHECK_INT(ebox_download_cap(-3), 0);
	CHECK_INT(ebox_download_cap(10), 10 * 1024 * 2 + 1024 * 1024);
	CHECK_INT(ebox_download_cap(1e300), 0);
	CHECK(ebox_download_cap(1048576) > (int64_t)1048576 * 1024);
}

int
main(void)
{
	RUN(test_retry_after);
	RUN(test_content_length);
	RUN(test_download_cap);
	return TEST_DONE();
}
