/* test-translit.c - text for terminals whose locale is not UTF-8. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/translit.h"
#include "test.h"

#define CHECK_ASCII(in, want) do { \
	char *got_ = translit_ascii(in); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void
test_ascii(void)
{
	CHECK_ASCII(NULL, "");
	CHECK_ASCII("plain", "plain");
	CHECK_ASCII("Fran\xc3\xa7ois L\xc3\xa8ge", "Francois Lege");
	CHECK_ASCII("Stra\xc3\x9f" "e \xc3\x96" "sterreich", "Strasse Osterreich");
	CHECK_ASCII("\xc5\x93uvre \xc3\x86", "oeuvre AE");
	CHECK_ASCII("1\xe2\x80\xaf" "234,56 \xe2\x82\xac", "1 234,56 EUR");
	CHECK_ASCII("\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x93 ok\xe2\x80\xa6",
	    "\"quoted\" - ok...");
	/* A combining accent disappears; its letter stays. */
	CHECK_ASCII("e\xcc\x81t\xc3\xa9", "ete");
	CHECK_ASCII("\xe4\xb8\xad", "?");               /* no approximation */
	CHECK_ASCII("\xe2\x94\x82\xe2\x94\x80", "|-");  /* line drawing */
}

/* Finding 9: in a locale that is not UTF-8 nothing but the locale's own
 * characters reaches the terminal (no byte 0x80..0x9F, which a Latin-1
 * terminal takes for C1 controls: 0x9B is CSI). */
static void
test_locale_c(void)
{
	const char *in = "R\xc3\xa9sum\xc3\xa9 \xe2\x82\xac 5 \xe4\xb8\xad";
	char *out;
	size_t len, i;
	bool high = false;

	if (setlocale(LC_CTYPE, "C") == NULL) {
		CHECK(!"the C locale exists");
		return;
	}
	CHECK(!translit_utf8_locale());
	out = translit_locale(in, strlen(in), &len);
	CHECK_STR(out, "Resume EUR 5 ?");
	for (i = 0; i < len; i++)
		high |= (unsigned char)out[i] >= 0x80;
	CHECK(!high);
	free(out);
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) {
		CHECK(translit_utf8_locale());
		out = translit_locale(in, strlen(in), &len);
		CHECK_STR(out, in);
		free(out);
	}
}

int
main(void)
{
	RUN(test_ascii);
	RUN(test_locale_c);
	return TEST_DONE();
}
