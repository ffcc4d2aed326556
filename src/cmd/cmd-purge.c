/* cmd-purge.c - `ebox-tui purge`: removes from this computer the messages
 * the eBox no longer has (expired or deleted), and their kept documents.
 * The only way kept mail ever goes: it asks first. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "cmd.h"

static int
purge_parse(struct app *s, int argc, char **argv, bool *yes, struct err *e)
{
	static const struct option longopts[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "yj", longopts, NULL)) != -1) {
		switch (ch) {
		case 'y': *yes = true; break;
		case 'j': s->json = true; break;
		default:
			return err_set(e, ERR_USAGE, _("purge: unknown option "
			    "'%s'; see `ebox-tui purge --help`"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, _("purge: unexpected argument '%s'"),
		    argv[optind]);
	return 0;
}

/* Asks on the terminal; false unless the answer starts with y. */
static bool
purge_confirm(size_t n)
{
	char line[32];

	fprintf(stderr, ngettext("Remove %zu message that the eBox no longer "
	    "has, and its documents, from this computer for good? [y/N] ",
	    "Remove %zu messages that the eBox no longer has, and their "
	    "documents, from this computer for good? [y/N] ", n), n);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL)
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

static int
purge_exec(struct app *s, int argc, char **argv)
{
	size_t i, kept = 0, messages = 0, files = 0;
	bool yes = false;
	struct err e;

	err_clear(&e);
	if (purge_parse(s, argc, argv, &yes, &e) != 0)
		return out_error(s, &e);
	for (i = 0; i < s->mb.n; i++)
		kept += !s->mb.entries[i].on_server;
	if (kept > 0 && !yes) {
		if (!isatty(STDIN_FILENO)) {
			err_set(&e, ERR_USAGE, ngettext("purge removes %zu "
			    "message for good: add --yes to do it without a "
			    "question", "purge removes %zu messages for good: "
			    "add --yes to do it without a question", kept),
			    kept);
			return out_error(s, &e);
		}
		if (!purge_confirm(kept)) {
			fputs(_("Nothing removed.\n"), stderr);
			return 0;
		}
	}
	if (kept > 0 && store_purge(s->store, &messages, &files, &e) != 0)
		return out_error(s, &e);
	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_open(g, "purged");
		jsonw_int(g, "messages", (long long)messages);
		jsonw_int(g, "documents", (long long)files);
		jsonw_close(g);
		jsonw_end(g);
	} else {
		printf(ngettext("Removed %zu message", "Removed %zu messages",
		    messages), messages);
		printf(ngettext(" and %zu kept document.\n",
		    " and %zu kept documents.\n", files), files);
	}
	return 0;
}

const struct cmd cmd_purge = {
	.name = "purge",
	.args = "[--yes] [--json]",
	.summary = N_("Remove from this computer the messages the eBox no "
	    "longer has (folder Kept) and their documents; asks first."),
	.options_help =
	    N_("  --yes    do not ask (needed when stdin is not a terminal)\n"
	    "  --json   print JSON: {\"purged\": {\"messages\": N, "
	    "\"documents\": N}}\n"
	    "Archive them first if you want to keep them: ebox-tui archive.\n"),
	.exec = purge_exec,
};
