/* cmd-hide.c - `ebox-tui hide ID...` and `unhide ID...`: set the
 * messages' visibility with one PATCH per provider (merge-patch). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "cmd.h"
#include "ebox/xalloc.h"

struct hide_state {
	struct app *s;
	struct err err;
	int pending;
};

static void
hide_landed(struct ebox_source *src, const struct err *e, void *ud)
{
	struct hide_state *st = ud;

	if (e != NULL && st->err.code == 0)
		st->err = *e;
	st->pending--;
}

/* Sends one PATCH for the entries of source src among en[0..n). */
static void
hide_send(struct hide_state *st, struct ebox_source *src,
    struct mailbox_entry **en, size_t n, bool visible)
{
	const char **ids = xcalloc(n, sizeof *ids);
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(en[i]->msg->provider_id, src->info.id) == 0)
			ids[k++] = en[i]->msg->id;
	}
	if (k > 0) {
		st->pending++;
		ebox_set_visible(st->s->client, src, ids, k, visible,
		    hide_landed, st);
	}
	free(ids);
}

static int
hide_run(struct app *s, int argc, char **argv, bool visible)
{
	struct hide_state st;
	struct mailbox_entry **en;
	struct ebox_source *src;
	struct err e;
	size_t i, n = 0, n_src;
	int status = 0;

	err_clear(&e);
	memset(&st, 0, sizeof st);
	st.s = s;
	en = xcalloc((size_t)argc, sizeof *en);
	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			s->json = true;
			continue;
		}
		if ((en[n] = app_find(s, argv[i], &e)) == NULL)
			goto out;
		n++;
	}
	if (n == 0) {
		err_set(&e, ERR_USAGE, _("%s: give one or more message ids (see "
		    "`ebox-tui list`)"), argv[0]);
		goto out;
	}
	if (s->offline || s->last.offline) {
		err_set(&e, ERR_NET, _("%s needs the eBox, which cannot be "
		    "reached now (offline)"), argv[0]);
		goto out;
	}
	src = ebox_client_sources(s->client, &n_src);
	for (i = 0; i < n_src; i++)
		hide_send(&st, &src[i], en, n, visible);
	net_run(s->net);
	if (st.err.code != 0) {
		e = st.err;
		goto out;
	}
	for (i = 0; i < n; i++)
		app_set_visible(s, en[i], visible);
	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_open_array(g, visible ? "unhidden" : "hidden");
		for (i = 0; i < n; i++)
			jsonw_str(g, NULL, en[i]->short_id);
		jsonw_close_array(g);
		jsonw_end(g);
	} else {
		for (i = 0; i < n; i++)
			printf(visible ? _("unhid %s\n") : _("hid %s\n"),
			    en[i]->short_id);
	}
out:
	if (e.code != 0)
		status = out_error(s, &e);
	free(en);
	return status;
}

static int
hide_exec(struct app *s, int argc, char **argv)
{
	return hide_run(s, argc, argv, false);
}

static int
unhide_exec(struct app *s, int argc, char **argv)
{
	return hide_run(s, argc, argv, true);
}

const struct cmd cmd_hide = {
	.name = "hide",
	.args = "ID... [--json]",
	.summary = N_("Hide messages (they stay in the eBox, in the Hidden "
	    "folder; `unhide` brings them back)."),
	.exec = hide_exec,
};

const struct cmd cmd_unhide = {
	.name = "unhide",
	.args = "ID... [--json]",
	.summary = N_("Show hidden messages in the Inbox again."),
	.exec = unhide_exec,
};
