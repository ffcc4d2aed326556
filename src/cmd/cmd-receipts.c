/* cmd-receipts.c - `ebox-tui receipts`: each time ebox-tui opened the main
 * content of registered mail (the sender's proof of reading), from the
 * local receipt log (receipt.h).  Reads the log only: no network. */
#include "config.h"

#include <stdlib.h>

#include "ebox/i18n.h"
#include "ebox/receipt.h"
#include "cmd.h"

static void
receipts_json(const struct receipt *r, size_t n, size_t bad)
{
	struct yajl_gen_t *g = jsonw_begin();
	size_t i;

	jsonw_open_array(g, "receipts");
	for (i = 0; i < n; i++) {
		jsonw_open(g, NULL);
		jsonw_time(g, "opened", r[i].when);
		jsonw_str(g, "id", r[i].id);
		jsonw_str(g, "provider", r[i].provider);
		jsonw_str(g, "messageId", r[i].message_id);
		jsonw_str(g, "sender", r[i].sender);
		jsonw_str(g, "subject", r[i].subject);
		jsonw_str(g, "content", r[i].content);
		jsonw_str(g, "sha256", r[i].sha256);
		jsonw_close(g);
	}
	jsonw_close_array(g);
	jsonw_int(g, "unreadable", (long long)bad);
	jsonw_end(g);
}

/* "2026-12-01 13:05  12345678  ONEM: Subject" then the content and its
 * digest on a second, indented line. */
static void
receipts_text(const struct receipt *r, size_t n)
{
	char when[32];
	size_t i;

	if (n == 0)
		puts(_("No proof of reading yet: ebox-tui has not opened any "
		    "registered mail."));
	for (i = 0; i < n; i++) {
		strftime(when, sizeof when, "%Y-%m-%d %H:%M",
		    localtime(&r[i].when));
		printf("%s  %s  ", when, r[i].id);
		out_text(stdout, r[i].sender);
		fputs(": ", stdout);
		out_text(stdout, r[i].subject);
		fputs("\n    ", stdout);
		out_text(stdout, r[i].content);
		printf("  sha256:%s\n", r[i].sha256);
	}
}

static int
receipts_exec(struct app *s, int argc, char **argv)
{
	struct receipt *r = NULL;
	size_t n = 0, bad = 0;
	char *dir;
	struct err e;
	int rc;

	err_clear(&e);
	if (cmd_args_json_only(s, argc, argv, &e) != 0)
		return out_error(s, &e);
	dir = app_store_dir(s);
	rc = receipt_read(dir, &r, &n, &bad, &e);
	free(dir);
	if (rc != 0)
		return out_error(s, &e);
	if (s->json)
		receipts_json(r, n, bad);
	else
		receipts_text(r, n);
	if (bad > 0)
		fprintf(stderr, ngettext("ebox-tui: warning: %zu line of the "
		    "receipt log could not be read\n", "ebox-tui: warning: %zu "
		    "lines of the receipt log could not be read\n", bad), bad);
	receipt_free(r, n);
	return 0;
}

const struct cmd cmd_receipts = {
	.name = "receipts",
	.args = "[--json]",
	.summary = N_("List the proofs of reading ebox-tui gave: each time it "
	    "opened the main content of registered mail (date, sender, "
	    "subject, what was received and its SHA-256 digest)."),
	.options_help =
	    N_("  --json   print JSON: {\"receipts\": [{\"opened\", \"id\", "
	    "\"sender\", \"subject\", \"content\", \"sha256\", ...}]}\n"
	    "The log is kept in the local mailbox's directory and only ever "
	    "grows.\n"),
	.exec = receipts_exec,
};
