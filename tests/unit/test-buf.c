/* test-buf.c - the capped byte buffer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/buf.h"
#include "test.h"

static void
test_init_empty(void)
{
	struct buf b;

	buf_init(&b, 10);
	CHECK(b.data == NULL);
	CHECK_INT(b.len, 0);
	CHECK_INT(b.max, 10);
	buf_done(&b);
	CHECK(b.data == NULL);
}

static void
test_append_zero(void)
{
	struct buf b;

	buf_init(&b, 10);
	CHECK_INT(buf_append(&b, "", 0), 0);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.data, "");
	buf_done(&b);
}

static void
test_append_terminates(void)
{
	struct buf b;

	buf_init(&b, 100);
	CHECK_INT(buf_append(&b, "abc", 3), 0);
	CHECK_INT(buf_append(&b, "defgh", 2), 0);
	CHECK_INT(b.len, 5);
	CHECK_STR(b.data, "abcde");
	buf_done(&b);
}

static void
test_append_binary(void)
{
	struct buf b;

	buf_init(&b, 100);
	CHECK_INT(buf_append(&b, "a\0b", 3), 0);
	CHECK_INT(b.len, 3);
	CHECK(memcmp(b.data, "a\0b", 4) == 0);
	buf_done(&b);
}

static void
test_cap_exact(void)
{
	struct buf b;

	buf_init(&b, 4);
	CHECK_INT(buf_append(&b, "abcd", 4), 0);
	CHECK_INT(b.len, 4);
	CHECK_INT(buf_append(&b, "", 0), 0);
	buf_done(&b);
}

static void
test_cap_exceeded(void)
{
	struct buf b;

	buf_init(&b, 4);
	CHECK_INT(buf_append(&b, "abc", 3), 0);
	CHECK_INT(buf_append(&b, "de", 2), ERR_TOOBIG);
	/* A refused append leaves the buffer as it was. */
	CHECK_INT(b.len, 3);
	CHECK_STR(b.data, "abc");
	CHECK_INT(buf_append(&b, "d", 1), 0);
	CHECK_STR(b.data, "abcd");
	buf_done(&b);
}

static void
test_cap_zero(void)
{
	struct buf b;

	buf_init(&b, 0);
	CHECK_INT(buf_append(&b, "a", 1), ERR_TOOBIG);
	CHECK_INT(b.len, 0);
	buf_done(&b);
}

static void
test_cap_overflow(void)
{
	struct buf b;

	/* n near SIZE_MAX must not wrap the length check. */
	buf_init(&b, 8);
	CHECK_INT(buf_append(&b, "ab", 2), 0);
	CHECK_INT(buf_append(&b, "x", (size_t)-1), ERR_TOOBIG);
	CHECK_INT(b.len, 2);
	buf_done(&b);
}

static void
test_grow(void)
{
	struct buf b;
	int i, fail = 0;

	buf_init(&b, 100000);
	for (i = 0; i < 10000; i++)
		fail |= buf_append(&b, "0123456789", 10) != 0;
	CHECK_INT(fail, 0);
	CHECK_INT(b.len, 100000);
	CHECK(b.cap > b.len);
	CHECK(memcmp(b.data + 99990, "0123456789", 10) == 0);
	CHECK_INT(b.data[b.len], '\0');
	buf_done(&b);
}

static void
test_puts(void)
{
	struct buf b;

	buf_init(&b, 6);
	CHECK_INT(buf_puts(&b, ""), 0);
	CHECK_INT(buf_puts(&b, "abc"), 0);
	CHECK_INT(buf_puts(&b, "defg"), ERR_TOOBIG);
	CHECK_STR(b.data, "abc");
	buf_done(&b);
}

static void
test_printf(void)
{
	struct buf b;

	buf_init(&b, 16);
	CHECK_INT(buf_printf(&b, "%d-%s", 42, "x"), 0);
	CHECK_STR(b.data, "42-x");
	CHECK_INT(buf_printf(&b, "%s", "this is too long"), ERR_TOOBIG);
	CHECK_STR(b.data, "42-x");
	buf_done(&b);
}

static void
test_reset(void)
{
	struct buf b;
	char *before;

	buf_init(&b, 10);
	buf_reset(&b);                  /* on an empty buffer: harmless */
	CHECK_INT(b.len, 0);
	buf_puts(&b, "hello");
	before = b.data;
	buf_reset(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.data, "");
	CHECK(b.data == before);        /* memory kept */
	buf_puts(&b, "hi");
	CHECK_STR(b.data, "hi");
	buf_done(&b);
}

static void
test_steal(void)
{
	struct buf b;
	char *s;

	buf_init(&b, 10);
	s = buf_steal(&b);
	CHECK_STR(s, "");
	free(s);
	buf_puts(&b, "mine");
	s = buf_steal(&b);
	CHECK_STR(s, "mine");
	CHECK(b.data == NULL);
	CHECK_INT(b.len, 0);
	CHECK_INT(b.max, 10);
	free(s);
	/* The buffer is usable again, cap unchanged. */
	CHECK_INT(buf_puts(&b, "0123456789x"), ERR_TOOBIG);
	CHECK_INT(buf_puts(&b, "again"), 0);
	buf_done(&b);
}

static void
test_done_keeps_max(void)
{
	struct buf b;

	buf_init(&b, 3);
	buf_puts(&b, "abc");
	buf_done(&b);
	CHECK_INT(b.len, 0);
	CHECK_INT(b.max, 3);
	CHECK_INT(buf_puts(&b, "abcd"), ERR_TOOBIG);
	buf_done(&b);
}

int
main(void)
{
	RUN(test_init_empty);
	RUN(test_append_zero);
	RUN(test_append_terminates);
	RUN(test_append_binary);
	RUN(test_cap_exact);
	RUN(test_cap_exceeded);
	RUN(test_cap_zero);
	RUN(test_cap_overflow);
	RUN(test_grow);
	RUN(test_puts);
	RUN(test_printf);
	RUN(test_reset);
	RUN(test_steal);
	RUN(test_done_keeps_max);
	return TEST_DONE();
}
