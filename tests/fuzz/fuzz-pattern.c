/* fuzz-pattern.c - the limit / tag-pattern language (pattern.h):
 * pattern_parse() on any text, then pattern_match() against every
 * message of a small mailbox built once from JSON below (every kind of
 * term has something to look at: senders, types, dates, flags, payment,
 * a hidden and a tagged message, text in several languages).
 *
 * "now" is fixed (2026-03-15) so a crash replays the same way.  Checked:
 * an empty pattern (white space only) parses to NULL and matches all; a
 * refused pattern leaves *out NULL with ERR_USAGE and a sentence; and
 * matching gives the same answer twice.
 */
#include "config.h"

#include <ctype.h>

#include "ebox/decode.h"
#include "ebox/err.h"
#include "ebox/mailbox.h"
#include "ebox/pattern.h"
#include "ebox/xalloc.h"
#include "fuzz.h"

#define FUZZ_NOW ((time_t)1773532800)      /* 2026-03-15T00:00:00Z */

static const char *const fuzz_messages[] = {
	("{\"messageId\":\"m1\",\"subject\":{\"fr\":\"Facture d'\\u00e9"
	"lectricit\\u00e9\",\"nl\":\"Elektriciteitsfactuur\"},"
	"\"receiptDate\":\"2026-03-14T09:00:00Z\","
	"\"expirationDate\":\"2026-03-20T00:00:00Z\",\"readStatus\":false,"
	"\"senderOrganizationId\":\"0123456789\",\"messageTypeId\":\"INVOICE\","
	"\"paymentData\":{\"amount\":12.5,\"currency\":\"EUR\","
	"\"iban\":\"BE68539007547034\"}}"),
	("{\"messageId\":\"m2\",\"subject\":{\"de\":\"Steuerbescheid \\u00dc\"},"
	"\"receiptDate\":\"2025-12-31T23:59:59+01:00\",\"isRegisteredMail\":true,"
	"\"isRead\":true,\"sender\":{\"enterpriseNumber\":\"0987654321\"},"
	"\"businessDataList\":[{\"key\":\"k\",\"values\":"
	"[{\"en\":\"reference 42\"}]}]}"),
	("{\"messageId\":\"m3\",\"subject\":\"plain \\u202eevil\",\"receiptDate\":"
	"\"2024-02-29\",\"visible\":false,\"partitionId\":\"HR\","
	"\"forTheAttentionOf\":{\"id\":\"1\",\"type\":\"x\","
	"\"name\":\"Fran\\u00e7ois\"}}"),
	("{\"messageId\":\"m4\",\"subject\":{\"en\":\"\"},\"receiptDate\":"
	"\"1970-01-01T00:00:00Z\"}"),
};

static struct mailbox fuzz_mb;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mailbox_entry *en;
	struct ebox_message *m;
	struct err e;
	size_t i;

	mailbox_init(&fuzz_mb);
	fuzz_mb.now = FUZZ_NOW;
	fuzz_mb.lang = "fr";
	for (i = 0; i < sizeof fuzz_messages / sizeof fuzz_messages[0]; i++) {
		if (decode_message(fuzz_messages[i], strlen(fuzz_messages[i]), &m,
		    &e) != 0)
			fuzz_fail("message %zu does not decode: %s", i, e.msg);
		m->provider_id = xstrdup(i % 2 ? "prov-b" : "prov-a");
		en = mailbox_add(&fuzz_mb, m, true);
		if (i == 0) {
			/* names.h strings: not owned by the entry */
			en->sender_name = "SPF Finances \xc3\x89tat";
			en->type_name = "Facture";
		}
		en->tagged = i == 2;
		en->on_server = i != 1;         /* ~K finds one */
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pattern *p = (struct pattern *)&p;
	const char *s;
	char *text;
	struct err e;
	bool blank = true, m1, m2;
	size_t i;
	int r;

	text = fuzz_cstr(data, size);
	for (s = text; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			blank = false;
	err_clear(&e);
	r = pattern_parse(text, FUZZ_NOW, &p, &e);
	if (r != 0) {
		FUZZ_CHECK(r == ERR_USAGE && e.code == r && e.msg[0] != '\0',
		    "refused with %d: %s", r, e.msg);
		FUZZ_CHECK(p == NULL, "*out left after a failure");
		FUZZ_CHECK(!blank, "a blank pattern refused");
		free(text);
		return 0;
	}
	FUZZ_CHECK((p == NULL) == blank, "blank %d but pattern %p", blank,
	    (void *)p);
	for (i = 0; i < fuzz_mb.n; i++) {
		m1 = pattern_match(p, &fuzz_mb, &fuzz_mb.entries[i]);
		m2 = pattern_match(p, &fuzz_mb, &fuzz_mb.entries[i]);
		FUZZ_CHECK(m1 == m2, "matching is not repeatable");
		FUZZ_CHECK(p != NULL || m1, "the empty pattern left one out");
	}
	pattern_free(p);
	free(text);
	return 0;
}
