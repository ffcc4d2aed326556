/* test-nochecks.c - the harness's own guard: a test program that runs no
 * check must fail.  Listed in XFAIL_TESTS: if this ever passes, automake
 * reports XPASS and the suite fails. */
#include "config.h"

#include "test.h"

int
main(void)
{
	return TEST_DONE();
}
