/* cmd-check.c - `ebox-tui check`: new mail for scripts, cron and status
 * bars.  Syncs the new messages, prints those arrived since the last
 * check (each exactly once: the store marks them announced), and says so
 * in its exit status: 0 new mail, 4 nothing new. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/log.h"
#include "ebox/sync.h"
#include "ebox/xalloc.h"
#include "cmd.h"

struct check_run {
	struct app *s;
	bool first;             /* no check ever: only unread mail is news */
	int64_t *rowids;        /* to mark announced, once printed */
	size_t n, cap;
	struct mailbox_entry **news;
	size_t n_news;
};

static int
check_row(const struct store_row *r, void *ud)
{
	struct check_run *c = ud;
	struct mailbox_entry *en;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rowids = xreallocarray(c->rowids, c->cap, sizeof *c->rowids);
		c->news = xreallocarray(c->news, c->cap, sizeof *c->news);
	}
	c->rowids[c->n++] = r->rowid;
	/* The very first check announces what is still unread, not a whole
	 * box of old letters. */
	if (c->first && r->read && !r->unseen)
		return 0;
	if ((en = mailbox_get(&c->s->mb, r->provider, r->id)) != NULL)
		c->news[c->n_news++] = en;
	return 0;
}

/* Everything walked is announced now: the next check starts after it. */
static void
check_mark(struct check_run *c)
{
	struct app *s = c->s;
	char now[32];
	struct err e;
	size_t i;

	if (store_begin(s->store, &e) != 0) {
		log_msg("check: %s", e.msg);
		return;
	}
	for (i = 0; i < c->n; i++) {
		if (store_message_set_flag(s->store, c->rowids[i],
		    STORE_ANNOUNCED, true, &e) != 0)
			break;
	}
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	if (i < c->n || store_meta_set(s->store, "last_check", now, &e) != 0 ||
	    store_commit(s->store, &e) != 0) {
		store_rollback(s->store);
		log_msg("check: not marked: %s", e.msg);
	}
}

static void
check_print(struct check_run *c)
{
	struct app *s = c->s;
	size_t i;
	int cols = out_subject_cols();

	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_int(g, "new", (long long)c->n_news);
		jsonw_bool(g, "offline", s->offline || s->last.offline);
		jsonw_open_array(g, "messages");
		for (i = 0; i < c->n_news; i++)
			jsonw_message(g, s, c->news[i], false);
		jsonw_close_array(g);
		jsonw_end(g);
		return;
	}
	if (c->n_news == 0) {
		fputs(_("No new mail.\n"), stderr);
		return;
	}
	printf(ngettext("%zu new message:\n", "%zu new messages:\n",
	    c->n_news), c->n_news);
	for (i = 0; i < c->n_news; i++)
		out_message_line(s, c->news[i], cols);
}

static int
check_exec(struct app *s, int argc, char **argv)
{
	struct check_run c;
	char *last = NULL;
	struct err e;
	int status;

	err_clear(&e);
	memset(&c, 0, sizeof c);
	c.s = s;
	if (cmd_args_json_only(s, argc, argv, &e) != 0 ||
	    cmd_sync_flags(s, SYNC_NEW_ONLY, &e) != 0)
		return out_error(s, &e);
	c.first = store_meta_get(s->store, "last_check", &last, &e) != 0;
	free(last);
	if (store_each_unannounced(s->store, check_row, &c, &e) != 0) {
		free(c.rowids);
		free(c.news);
		return out_error(s, &e);
	}
	check_print(&c);
	fflush(stdout);
	/* Announced only once they were printed. */
	if (!ferror(stdout))
		check_mark(&c);
	/* Nothing new, but nothing could be asked either: say so. */
	if (c.n_news > 0)
		status = 0;
	else if (s->offline || s->last.offline)
		status = err_exit_status(ERR_OFFLINE);
	else
		status = CMD_EXIT_NOTHING_NEW;
	free(c.rowids);
	free(c.news);
	return status;
}

const struct cmd cmd_check = {
	.name = "check",
	.args = "[--json]",
	.summary = N_("Fetch the new mail and print what arrived since the "
	    "last check (each message once); exit status 0 when there is new "
	    "mail, 4 when there is none."),
	.options_help =
	    N_("  --json   print JSON: {\"new\": N, \"messages\": [...]}\n"
	    "The first check reports the unread messages.  Exit status 2 when "
	    "no server\n"
	    "could be reached and nothing new was kept either.  See also "
	    "new_mail_command\n"
	    "in ebox-tui.conf(5).\n"),
	.exec = check_exec,
};
