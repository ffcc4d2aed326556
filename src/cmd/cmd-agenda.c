/* cmd-agenda.c - `ebox-tui agenda`: every deadline of the mailbox, the
 * nearest first (a payment due, a message about to leave the eBox), as
 * text, JSON or an iCalendar file for a calendar application. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/agenda.h"
#include "ebox/i18n.h"
#include "ebox/safefile.h"
#include "ebox/isotime.h"
#include "ebox/xalloc.h"
#include "cmd.h"

static int
agenda_parse(struct app *s, int argc, char **argv, const char **ics,
    struct err *e)
{
	static const struct option longopts[] = {
		{ "ics", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "i:j", longopts, NULL)) != -1) {
		switch (ch) {
		case 'i': *ics = optarg; break;
		case 'j': s->json = true; break;
		default:
			return err_set(e, ERR_USAGE, _("agenda: unknown option or "
			    "missing value '%s'; see `ebox-tui agenda --help`"),
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, _("agenda: unexpected argument "
		    "'%s'"), argv[optind]);
	return 0;
}

static void
agenda_json(struct app *s, const struct agenda_item *it, size_t n)
{
	struct yajl_gen_t *g = jsonw_begin();
	size_t i;

	jsonw_open_array(g, "agenda");
	for (i = 0; i < n; i++) {
		jsonw_open(g, NULL);
		jsonw_str(g, "kind", it[i].kind == AGENDA_PAY ? "payment" :
		    "expiry");
		jsonw_time(g, "date", it[i].when);
		jsonw_int(g, "days", isotime_days_until(it[i].when, s->mb.now));
		jsonw_str(g, "id", it[i].en->short_id);
		jsonw_str(g, "messageId", it[i].en->msg->id);
		jsonw_str(g, "subject", out_subject(s, it[i].en->msg));
		if (it[i].kind == AGENDA_PAY) {
			jsonw_num(g, "amount", it[i].en->msg->payment->amount +
			    it[i].en->msg->payment->vat_amount);
			jsonw_str(g, "currency", it[i].en->msg->payment->currency);
		}
		jsonw_close(g);
	}
	jsonw_close_array(g);
	jsonw_end(g);
}

static int
agenda_exec(struct app *s, int argc, char **argv)
{
	struct agenda_item *it = NULL;
	const char *ics = NULL;
	char *cal;
	struct err e;
	size_t n;
	int rc = 0;

	err_clear(&e);
	if (agenda_parse(s, argc, argv, &ics, &e) != 0 ||
	    cmd_sync(s, &e) != 0)
		return out_error(s, &e);
	n = agenda_build(&s->mb, &it);
	if (ics != NULL) {
		cal = agenda_ics(it, n, s->lang, time(NULL));
		/* Replaced whole: a calendar that subscribes to the file
		 * sees the old one or the new one, never half of it. */
		rc = safefile_write_private(ics, cal, strlen(cal), &e);
		free(cal);
		if (rc != 0) {
			free(it);
			return out_error(s, &e);
		}
	}
	if (s->json)
		agenda_json(s, it, n);
	else if (ics != NULL)
		printf(ngettext("%zu deadline written to %s\n",
		    "%zu deadlines written to %s\n", n), n, ics);
	else {
		char *text = agenda_text(it, n, s->lang, s->mb.now);

		fputs(text, stdout);
		free(text);
	}
	free(it);
	return 0;
}

const struct cmd cmd_agenda = {
	.name = "agenda",
	.args = "[--ics FILE] [--json]",
	.summary = N_("List the deadlines, the nearest first: payments due "
	    "(not marked paid) and messages the eBox will delete; --ics "
	    "writes them as a calendar file."),
	.options_help =
	    N_("  --ics FILE  write an iCalendar file (one event per deadline, "
	    "the same events on every run, a reminder a week before)\n"
	    "  --json      print JSON: {\"agenda\": [{\"kind\", \"date\", "
	    "\"days\", \"id\", \"subject\", ...}]}\n"),
	.exec = agenda_exec,
};
