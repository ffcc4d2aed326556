/* cmd-pay.c - `ebox-tui pay ID`: what a message asks to be paid, checked
 * like a bank would, as text lines (always), JSON, or an EPC QR code for
 * a banking app: half blocks on the terminal or a PNG file. */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/pay.h"
#include "ebox/paytext.h"
#include "ebox/qr.h"
#include "cmd.h"

struct pay_opts {
	bool qr, invert;
	const char *png;        /* --qr png FILE */
};

static int
pay_parse(struct app *s, int argc, char **argv, struct pay_opts *o,
    struct err *e)
{
	static const struct option longopts[] = {
		{ "qr", no_argument, NULL, 'q' },
		{ "invert", no_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, i, j;

	/* --qr png FILE: the code as an image.  Taken out before getopt,
	 * which would read png and FILE as ids. */
	for (i = j = 0; i < argc; i++) {
		if (strcmp(argv[i], "--qr") == 0 && i + 2 < argc &&
		    strcmp(argv[i + 1], "png") == 0) {
			o->png = argv[i + 2];
			o->qr = true;
			i += 2;
			continue;
		}
		argv[j++] = argv[i];
	}
	argc = j;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "qij", longopts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			o->qr = true;
			break;
		case 'i': o->invert = true; break;
		case 'j': s->json = true; break;
		default:
			return err_set(e, ERR_USAGE, _("pay: unknown option '%s'; "
			    "see `ebox-tui pay --help`"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return err_set(e, ERR_USAGE, _("pay: give one message id; see "
		    "`ebox-tui pay --help`"));
	return 0;
}

static void
pay_json(struct app *s, const struct mailbox_entry *en,
    const struct ebox_payment *p, const struct pay_info *pi, const char *epc,
    const char *problems)
{
	struct yajl_gen_t *g = jsonw_begin();
	static const char *const kinds[] = { "none", "belgian", "rf", "free" };

	jsonw_open(g, "payment");
	jsonw_str(g, "id", en->short_id);
	jsonw_str(g, "paymentDataId", p->id);
	jsonw_str(g, "iban", pi->iban);
	jsonw_bool(g, "ibanValid", pi->iban_ok);
	jsonw_str(g, "bic", pi->bic[0] != '\0' ? pi->bic : NULL);
	jsonw_int(g, "amountCents", pi->amount_ok ? pi->cents : 0);
	jsonw_str(g, "currency", p->currency);
	jsonw_str(g, "referenceKind", kinds[pi->ref_kind]);
	jsonw_str(g, "reference", pi->ref_ok ? pi->ref : p->reference);
	jsonw_bool(g, "referenceValid", pi->ref_ok);
	jsonw_time(g, "dueDate", p->due_date);
	jsonw_bool(g, "paid", en->paid);
	jsonw_str(g, "epc", epc);
	jsonw_str(g, "problem", problems);
	jsonw_close(g);
	jsonw_end(g);
}

/* The QR code on the terminal: only where half blocks can be drawn. */
static int
pay_qr_terminal(const char *epc, bool invert, struct err *e)
{
	char **lines;
	size_t i, n;

	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		return err_set(e, ERR_USAGE, _("the QR code needs a UTF-8 "
		    "terminal; `--qr png FILE` writes it as an image"));
	if ((lines = qr_lines(epc, invert, &n)) == NULL)
		return err_set(e, ERR_DATA, _("the payment data does not fit in "
		    "a QR code"));
	putchar('\n');
	for (i = 0; i < n; i++)
		printf("%s\n", lines[i]);
	qr_lines_free(lines);
	return 0;
}

static int
pay_exec(struct app *s, int argc, char **argv)
{
	struct pay_opts o = { false, false, NULL };
	struct mailbox_entry *en;
	struct pay_info pi;
	char *epc = NULL, *problems, *final = NULL;
	struct err e;
	int rc = 0;

	err_clear(&e);
	if (pay_parse(s, argc, argv, &o, &e) != 0 || cmd_sync(s, &e) != 0)
		return out_error(s, &e);
	/* The whole message: the list keeps only what it shows. */
	if ((en = app_find(s, argv[optind], &e)) == NULL ||
	    app_message(s, en, &e) == NULL)
		return out_error(s, &e);
	if (en->msg->payment == NULL) {
		err_set(&e, ERR_NOTFOUND, _("message %s asks for no payment"),
		    en->short_id);
		return out_error(s, &e);
	}
	pay_check(en->msg->payment, &pi);
	problems = paytext_problems(&pi);
	if (problems == NULL)
		epc = pay_epc(&pi, en->sender_name ? en->sender_name :
		    en->msg->sender_org_id);
	if (s->json)
		pay_json(s, en, en->msg->payment, &pi, epc, problems);
	else {
		char *text = paytext_lines(s, en, &pi);

		fputs(text, stdout);
		free(text);
	}
	if (problems != NULL) {
		err_set(&e, ERR_DATA, "%s", problems);
		if (!s->json)
			rc = out_error(s, &e);
		else
			rc = 3;
	} else if (o.png != NULL) {
		if (qr_png(epc, o.png, &final, &e) != 0)
			rc = out_error(s, &e);
		else if (!s->json)
			printf(_("QR code written to %s\n"), final);
	} else if (o.qr && !s->json && pay_qr_terminal(epc, o.invert, &e) != 0)
		rc = out_error(s, &e);
	free(final);
	free(problems);
	free(epc);
	return rc;
}

const struct cmd cmd_pay = {
	.name = "pay",
	.args = "ID [--qr [png FILE]] [--invert] [--json]",
	.summary = N_("Show what a message asks you to pay, checked (IBAN and "
	    "structured communication), with an EPC QR code for a banking "
	    "app."),
	.options_help =
	    N_("  --qr            draw the QR code on the terminal (UTF-8)\n"
	    "  --qr png FILE   write it as a PNG image instead\n"
	    "  --invert        for a terminal with a light background (the "
	    "code is drawn for a dark one)\n"
	    "  --json          print JSON: {\"payment\": {\"iban\", "
	    "\"ibanValid\", \"amountCents\", \"reference\", \"epc\", ...}}\n"
	    "Exit status 3 when the sender's payment data is not valid (no QR "
	    "code is made).\n"),
	.exec = pay_exec,
};
