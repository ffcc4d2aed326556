/* cmd-providers.c - `ebox-tui providers`: the Message Registries that serve
 * this account, and whether each answers (its GET ebox summary). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/text.h"
#include "cmd.h"

/* The states in words, in the order of enum provider_state; the JSON keeps
 * the untranslated provider_state_names. */
static const char *const providers_states[] = {
	N_("waiting"), N_("loading"), N_("ok"), N_("failed"), N_("inactive"),
};

struct providers_state {
	struct app *s;
	struct err registry_err;
};

static void
providers_summary_landed(struct ebox_source *src,
    const struct ebox_summary *sum, const struct err *e, void *ud)
{
	if (e != NULL) {
		src->state = PROVIDER_FAILED;
		src->err = *e;
		return;
	}
	src->state = PROVIDER_OK;
	src->total = sum->n_messages;
	src->received = sum->n_messages;
}

static void
providers_landed(struct ebox_source *src, size_t n, const struct err *e,
    void *ud)
{
	struct providers_state *ps = ud;
	struct app *s = ps->s;
	size_t i;

	if (e != NULL) {
		ps->registry_err = *e;
		return;
	}
	for (i = 0; i < n; i++) {
		if (src[i].state == PROVIDER_INACTIVE)
			continue;
		src[i].state = PROVIDER_LOADING;
		ebox_get_summary(s->client, &src[i], providers_summary_landed, s);
	}
}

static void
providers_print(struct app *s)
{
	struct ebox_source *src;
	size_t i, n;

	src = ebox_client_sources(s->client, &n);
	for (i = 0; i < n; i++) {
		const char *name = tstring_pick(&src[i].info.name, s->lang, NULL);

		out_text(stdout, src[i].info.id);
		printf("  ");
		out_text(stdout, name ? name : "");
		printf("\n    ");
		out_text(stdout, src[i].info.url ? src[i].info.url : "");
		printf(_("  API "));
		out_text(stdout, src[i].info.api_version ?
		    src[i].info.api_version : "?");
		if (src[i].state == PROVIDER_OK)
			printf(ngettext("  ok (%ld message)\n",
			    "  ok (%ld messages)\n",
			    (unsigned long)src[i].total), src[i].total);
		else {
			printf(_("  %s: "), _(providers_states[src[i].state]));
			out_text(stdout, src[i].err.msg);
			putchar('\n');
		}
	}
}

/* Offline: what the store remembers of each provider. */
static void
providers_print_kept(struct app *s)
{
	struct store_provider *sp = NULL;
	char when[32];
	size_t i, n = 0;
	struct err e;

	if (store_providers(s->store, &sp, &n, &e) != 0)
		return;
	for (i = 0; i < n; i++) {
		const char *name = tstring_pick(&sp[i].name, s->lang, NULL);

		out_text(stdout, sp[i].id);
		printf("  ");
		out_text(stdout, name ? name : "");
		printf("\n    ");
		out_text(stdout, sp[i].url ? sp[i].url : "");
		if (sp[i].last_sync != 0) {
			text_date(when, sizeof when, sp[i].last_sync, s->lang);
			printf(_("  offline (last synced %s)\n"), when);
		} else
			printf(_("  offline (never synced)\n"));
		store_provider_done(&sp[i]);
	}
	free(sp);
}

static int
providers_exec(struct app *s, int argc, char **argv)
{
	struct providers_state ps;
	struct err e;

	err_clear(&e);
	memset(&ps, 0, sizeof ps);
	ps.s = s;
	if (cmd_args_json_only(s, argc, argv, &e) != 0)
		return out_error(s, &e);
	if (!s->offline) {
		ebox_fetch_sources(s->client, providers_landed, &ps);
		net_run(s->net);
	}
	/* No server reachable: the providers the store remembers. */
	if (ps.registry_err.code == ERR_OFFLINE || s->offline) {
		if (!s->offline) {
			fputs(_("ebox-tui: warning: "), stderr);
			out_text(stderr, ps.registry_err.msg);
			fputc('\n', stderr);
		}
		out_offline(s);
	} else if (ps.registry_err.code != 0)
		return out_error(s, &ps.registry_err);
	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_providers(g, s);
		jsonw_end(g);
	} else if (s->offline || ps.registry_err.code != 0)
		providers_print_kept(s);
	else
		providers_print(s);
	return 0;
}

const struct cmd cmd_providers = {
	.name = "providers",
	.args = "[--json]",
	.summary = N_("List the mail providers (Message Registries) of the "
	    "account: name, URL, API version, ok or failed and why."),
	.options_help = N_("  --json   print JSON (doc/json.md)\n"),
	.exec = providers_exec,
};
