/* cmd.c - the table of subcommands and their help text. */
#include "config.h"

#include <string.h>

#include "ebox/i18n.h"
#include "cmd.h"

const struct cmd *const cmd_table[] = {
	&cmd_list, &cmd_show, &cmd_save, &cmd_folders, &cmd_providers,
	&cmd_hide, &cmd_unhide, &cmd_sync_cmd, &cmd_check, &cmd_archive,
	&cmd_purge, &cmd_receipts, &cmd_pay, &cmd_agenda, &cmd_reply,
	&cmd_sent, NULL
};

const struct cmd *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; cmd_table[i] != NULL; i++) {
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	}
	return NULL;
}

void
cmd_print_usage(FILE *f)
{
	size_t i;

	fputs(_("Commands:\n"), f);
	for (i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd *c = cmd_table[i];

		fprintf(f, "  %s %s\n      %s\n", c->name, c->args, _(c->summary));
	}
}

void
cmd_print_command_help(FILE *f, const struct cmd *c)
{
	fprintf(f, _("Usage: ebox-tui [GLOBAL OPTIONS] %s %s\n\n%s\n"), c->name,
	    c->args, _(c->summary));
	if (c->options_help != NULL)
		fprintf(f, "\n%s", _(c->options_help));
}

int
cmd_run(const struct cmd *c, const struct app_opts *g, int argc,
    char **argv)
{
	struct app s;
	struct err e;
	int i, status;

	err_clear(&e);
	memset(&s, 0, sizeof s);
	/* --help needs no app; --json must shape even set-up errors. */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cmd_print_command_help(stdout, c);
			return 0;
		}
		if (strcmp(argv[i], "--json") == 0)
			s.json = true;
	}
	if (app_open(&s, g, &e) != 0) {
		status = out_error(&s, &e);
		app_close(&s);
		return status;
	}
	status = c->exec(&s, argc, argv);
	app_close(&s);
	return status;
}

int
cmd_args_json_only(struct app *s, int argc, char **argv, struct err *e)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") != 0)
			return err_set(e, ERR_USAGE, _("%s: unexpected argument "
			    "'%s'"), argv[0], argv[i]);
		s->json = true;
	}
	return 0;
}

/* Names each provider that failed, so nothing is dropped silently. */
static void
cmd_warn_failed(struct app *a)
{
	struct ebox_source *src;
	size_t i, n;

	src = ebox_client_sources(a->client, &n);
	if (a->answered == a->asked)
		return;
	/* TRANSLATORS: the plural follows the first number, the providers
	 * that answered ("1 of 2 providers answered"). */
	fprintf(stderr, ngettext("ebox-tui: warning: %zu of %zu providers "
	    "answered\n", "ebox-tui: warning: %zu of %zu providers answered\n",
	    a->answered), a->answered, a->asked);
	for (i = 0; i < n; i++) {
		if (src[i].state == PROVIDER_FAILED) {
			fputs(_("ebox-tui: warning: "), stderr);
			out_text(stderr, src[i].err.msg);
			fputc('\n', stderr);
		}
	}
}

/* What the sync could not read, by provider, once. */
static void
cmd_warn_notices(struct app *a)
{
	size_t i;

	for (i = 0; i < a->last.n_notices; i++) {
		fputs(_("ebox-tui: warning: "), stderr);
		out_text(stderr, a->last.notices[i]);
		fputc('\n', stderr);
	}
}

int
cmd_sync(struct app *a, struct err *e)
{
	return cmd_sync_flags(a, -1, e);
}

int
cmd_sync_flags(struct app *a, int flags, struct err *e)
{
	bool first = !a->synced || flags >= 0;
	int r = flags >= 0 ? app_sync_run(a, flags, e) : app_sync_wait(a, e);

	if (r != 0)
		return r;
	if (first && !a->offline)
		cmd_warn_notices(a);
	if (a->offline)
		out_offline(a);
	else if (first && a->last.offline) {
		/* No server answered: say why, then answer from the store. */
		fputs(_("ebox-tui: warning: "), stderr);
		out_text(stderr, a->last.err.msg);
		fputc('\n', stderr);
		out_offline(a);
	} else if (first)
		cmd_warn_failed(a);
	return 0;
}
