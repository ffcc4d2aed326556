/* cmd-sync.c - `ebox-tui sync`: brings the local mailbox up to date and
 * says what changed. */
#include "config.h"

#include <getopt.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/sync.h"
#include "cmd.h"

static int
sync_parse(struct app *s, int argc, char **argv, bool *full, struct err *e)
{
	static const struct option longopts[] = {
		{ "full", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "fj", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': *full = true; break;
		case 'j': s->json = true; break;
		default:
			return err_set(e, ERR_USAGE, _("sync: unknown option '%s'; "
			    "see `ebox-tui sync --help`"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, _("sync: unexpected argument '%s'"),
		    argv[optind]);
	return 0;
}

static void
sync_print_json(struct app *s)
{
	const struct app_sync_state *st = &s->last;
	struct yajl_gen_t *g = jsonw_begin();

	jsonw_open(g, "sync");
	jsonw_int(g, "new", (long long)st->new_messages);
	jsonw_int(g, "changed", (long long)st->changed);
	jsonw_int(g, "gone", (long long)st->gone);
	jsonw_int(g, "rejected", (long long)st->rejected);
	jsonw_int(g, "providersAnswered", (long long)st->answered);
	jsonw_int(g, "providersAsked", (long long)st->asked);
	jsonw_bool(g, "offline", st->offline || s->offline);
	jsonw_time(g, "lastSync", s->last_sync);
	jsonw_int(g, "messages", (long long)s->mb.n);
	jsonw_close(g);
	jsonw_providers(g, s);
	jsonw_end(g);
}

static int
sync_exec(struct app *s, int argc, char **argv)
{
	const struct app_sync_state *st = &s->last;
	bool full = false;
	struct err e;

	err_clear(&e);
	if (sync_parse(s, argc, argv, &full, &e) != 0)
		return out_error(s, &e);
	if (s->offline) {
		err_set(&e, ERR_USAGE, _("sync: nothing to do with --offline"));
		return out_error(s, &e);
	}
	if (cmd_sync_flags(s, full ? SYNC_FULL : 0, &e) != 0)
		return out_error(s, &e);
	/* Offline is no error for the commands that read the mailbox; for
	 * this one it is the answer. */
	if (st->offline) {
		if (s->json)
			sync_print_json(s);
		return err_exit_status(ERR_OFFLINE);
	}
	if (s->json) {
		sync_print_json(s);
		return 0;
	}
	printf(ngettext("%zu new message", "%zu new messages",
	    st->new_messages), st->new_messages);
	printf(ngettext(", %zu changed", ", %zu changed", st->changed),
	    st->changed);
	printf(ngettext(", %zu no longer on the eBox (kept here)",
	    ", %zu no longer on the eBox (kept here)", st->gone), st->gone);
	/* TRANSLATORS: the plural follows the providers that answered. */
	printf(ngettext("; %zu of %zu providers answered",
	    "; %zu of %zu providers answered", st->answered), st->answered,
	    st->asked);
	printf(ngettext("; %zu message in the local mailbox.\n",
	    "; %zu messages in the local mailbox.\n", s->mb.n), s->mb.n);
	return 0;
}

const struct cmd cmd_sync_cmd = {
	.name = "sync",
	.args = "[--full] [--json]",
	.summary = N_("Bring the local mailbox up to date with the eBox and "
	    "say what changed: new messages, changed ones, those the eBox no "
	    "longer has (they stay here)."),
	.options_help =
	    N_("  --full   list every message again (read, hidden, moved, "
	    "deleted ones),\n"
	    "           not only the new ones (see reconcile_minutes)\n"
	    "  --json   print JSON (doc/json.md)\n"
	    "Exit status 2 when no server could be reached.\n"),
	.exec = sync_exec,
};
