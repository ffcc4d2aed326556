/* cmd-reply.c - `ebox-tui reply ID --body FILE [--attach FILE]...` and
 * `ebox-tui sent`: answering a message from scripts, and the replies
 * sent (reply.h). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/reply.h"
#include "ebox/safefile.h"
#include "ebox/xalloc.h"
#include "cmd.h"

struct reply_args {
	const char *id, *body, *subject;
	const char *attach[REPLY_MAX_FILES + 1];
	size_t n_attach;
	bool yes;
};

static int
reply_parse(struct app *s, int argc, char **argv, struct reply_args *o,
    struct err *e)
{
	static const struct option longopts[] = {
		{ "body", required_argument, NULL, 'b' },
		{ "attach", required_argument, NULL, 'a' },
		{ "subject", required_argument, NULL, 's' },
		{ "yes", no_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":b:a:s:yj", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'b': o->body = optarg; break;
		case 's': o->subject = optarg; break;
		case 'y': o->yes = true; break;
		case 'j': s->json = true; break;
		case 'a':
			if (o->n_attach == REPLY_MAX_FILES)
				return err_set(e, ERR_USAGE, ngettext("At most %d "
				    "file can go with a reply.", "At most %d "
				    "files can go with a reply.",
				    REPLY_MAX_FILES), REPLY_MAX_FILES);
			o->attach[o->n_attach++] = optarg;
			break;
		case ':':
			return err_set(e, ERR_USAGE, _("reply: %s needs a value"),
			    argv[optind - 1]);
		default:
			return err_set(e, ERR_USAGE, _("reply: unknown option "
			    "'%s'; see `ebox-tui reply --help`"),
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->id = argv[optind++];
	if (optind < argc)
		return err_set(e, ERR_USAGE, _("reply: unexpected argument '%s'"),
		    argv[optind]);
	if (o->id == NULL)
		return err_set(e, ERR_USAGE, _("reply: give the message id and "
		    "--body FILE (the text of the reply; - reads it from "
		    "stdin)"));
	if (o->body != NULL && strcmp(o->body, "-") == 0 && !o->yes)
		return err_set(e, ERR_USAGE, _("reply: with --body - (the text "
		    "from stdin) add --yes: stdin cannot answer the question "
		    "too"));
	return 0;
}

/* The text: the file, or stdin for "-". */
static int
reply_read_body(struct reply *r, const char *path, struct err *e)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (strcmp(path, "-") == 0)
		rc = safefile_read_fd(STDIN_FILENO, _("the standard input"),
		    REPLY_MAX_BODY, &text, &len, e);
	else
		rc = safefile_read(path, REPLY_MAX_BODY, &text, &len, e);
	if (rc == 0)
		rc = reply_set_body(r, text, len, e);
	free(text);
	return rc;
}

static bool
reply_confirm(const struct reply *r)
{
	char line[32], *summary = reply_summary(r);

	fputs(summary, stderr);
	free(summary);
	fputs(_("Send this reply? [y/N] "), stderr);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL)
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

struct reply_wait {
	bool done, before;
	struct store_sent row;
	struct err err;
};

static void
reply_landed(const struct store_sent *row, bool before, const struct err *e,
    void *ud)
{
	struct reply_wait *w = ud;

	w->done = true;
	w->before = before;
	w->row.id = row->id;
	w->row.state = row->state;
	w->row.message_id = row->message_id ? xstrdup(row->message_id) : NULL;
	w->row.key = row->key ? xstrdup(row->key) : NULL;
	w->row.sent_at = row->sent_at;
	if (e != NULL)
		w->err = *e;
}

static void
reply_print(struct app *s, const struct reply *r, const struct reply_wait *w,
    bool before)
{
	struct mailbox_entry *en = reply_entry(s, r->provider_id, w->row.id);

	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_open(g, "reply");
		jsonw_str(g, "id", en != NULL ? en->short_id : NULL);
		jsonw_str(g, "state", store_sent_states[w->row.state]);
		jsonw_str(g, "messageId", w->row.message_id);
		jsonw_str(g, "inReplyTo", r->original_id);
		jsonw_str(g, "recipient", r->recipient);
		jsonw_str(g, "idempotencyKey", w->row.key);
		jsonw_bool(g, "sentBefore", before);
		jsonw_close(g);
		jsonw_end(g);
	} else if (before) {
		printf(_("This reply was sent before (eBox message id %s): it "
		    "was not sent again.\n"), w->row.message_id);
	} else {
		printf(_("Reply sent to %s (eBox message id %s).\n"),
		    r->recipient_name != NULL ? r->recipient_name : r->recipient,
		    w->row.message_id);
	}
}

static int
reply_exec(struct app *s, int argc, char **argv)
{
	struct reply_args o;
	struct reply_wait w;
	struct mailbox_entry *en;
	struct reply r;
	struct err e;
	size_t i;
	int status = 0;

	err_clear(&e);
	memset(&r, 0, sizeof r);
	memset(&w, 0, sizeof w);
	if (reply_parse(s, argc, argv, &o, &e) != 0)
		return out_error(s, &e);
	if ((en = app_find(s, o.id, &e)) == NULL)
		goto out;
	if (en->sent != MAILBOX_RECEIVED) {
		/* A reply of the Sent folder that did not go: again, as it
		 * was. */
		if (o.body != NULL || o.n_attach > 0 || o.subject != NULL) {
			err_set(&e, ERR_USAGE, _("reply: %s is a reply you wrote; "
			    "it is sent again as it was, without --body, "
			    "--attach or --subject"), o.id);
			goto out;
		}
		if (reply_from_sent(&r, s, en, &e) != 0)
			goto out;
	} else if (o.body == NULL) {
		err_set(&e, ERR_USAGE, _("reply: give the message id and --body "
		    "FILE (the text of the reply; - reads it from stdin)"));
		goto out;
	} else if (reply_init(&r, s, en, &e) != 0 ||
	    (o.subject != NULL && reply_set_subject(&r, o.subject, &e) != 0) ||
	    reply_read_body(&r, o.body, &e) != 0)
		goto out;
	for (i = 0; i < o.n_attach; i++) {
		if (reply_attach(&r, o.attach[i], &e) != 0)
			goto out;
	}
	if (!o.yes) {
		if (!isatty(STDIN_FILENO)) {
			err_set(&e, ERR_USAGE, _("reply: add --yes to send without "
			    "a question (stdin is not a terminal)"));
			goto out;
		}
		if (!reply_confirm(&r)) {
			fputs(_("Nothing sent.\n"), stderr);
			goto out;
		}
	}
	if (s->last.offline) {
		err_set(&e, ERR_NET, _("%s needs the eBox, which cannot be "
		    "reached now (offline)"), argv[0]);
		goto out;
	}
	if (reply_send(s, &r, reply_landed, &w, &e) != 0)
		goto out;
	net_run(s->net);
	if (!w.done)
		err_set(&e, ERR_NET, _("The reply got no answer."));
	else if (w.err.code != 0)
		e = w.err;
	else
		reply_print(s, &r, &w, w.before);
out:
	if (e.code != 0)
		status = out_error(s, &e);
	store_sent_done(&w.row);
	reply_done(&r);
	return status;
}

const struct cmd cmd_reply = {
	.name = "reply",
	.args = "ID --body FILE [--attach FILE]... [--subject TEXT] [--yes] "
	    "[--json] | SENT-ID [--yes] [--json]",
	.summary = N_("Answer a message whose sender accepts replies: the "
	    "text of FILE, with up to 6 files; shows what will be sent and "
	    "asks first."),
	.options_help =
	    N_("  --body FILE     the text of the reply (UTF-8; - reads "
	    "stdin, with --yes)\n"
	    "  --attach FILE   a file to send with it (repeatable, at most 6 "
	    "of at most 4 MiB)\n"
	    "  --subject TEXT  instead of \"Re: \" and the message's subject\n"
	    "  --yes           send without a question (needed when stdin is "
	    "not a terminal)\n"
	    "  --json          print JSON: {\"reply\": {\"id\", \"state\", "
	    "\"messageId\", \"idempotencyKey\", \"sentBefore\", ...}}\n"
	    "The same reply sent twice is published once: the second time "
	    "says it was sent before.  Replies are listed by `ebox-tui sent` "
	    "and in the Sent folder; the id of one that was not sent "
	    "(`ebox-tui list --folder Sent`) sends it again as it was.\n"),
	.exec = reply_exec,
};

/* --- sent ------------------------------------------------------------------ */

struct sent_list {
	struct app *s;
	struct yajl_gen_t *g;           /* --json, or NULL */
	size_t n;                       /* rows listed */
};

static int
sent_one(const struct store_sent *row, void *ud)
{
	struct sent_list *l = ud;
	struct yajl_gen_t *g = l->g;
	struct mailbox_entry *en = reply_entry(l->s, row->provider, row->id);
	char when[32];
	time_t t = row->sent_at != 0 ? row->sent_at : row->created;

	l->n++;
	if (g != NULL) {
		jsonw_open(g, NULL);
		jsonw_str(g, "id", en != NULL ? en->short_id : NULL);
		jsonw_int(g, "row", (long long)row->id);
		jsonw_str(g, "state", store_sent_states[row->state]);
		jsonw_str(g, "provider", row->provider);
		jsonw_str(g, "inReplyTo", row->original_id);
		jsonw_str(g, "recipient", row->recipient);
		jsonw_str(g, "subject", row->subject);
		jsonw_time(g, "created", row->created);
		jsonw_time(g, "sent", row->sent_at);
		jsonw_str(g, "messageId", row->message_id);
		jsonw_str(g, "idempotencyKey", row->key);
		jsonw_str(g, "error", row->error);
		jsonw_close(g);
		return 0;
	}
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&t));
	printf("%s  %s  %-7s  %s  ", en != NULL ? en->short_id : "--------",
	    when, _(store_sent_states[row->state]), row->recipient);
	out_text(stdout, row->subject);
	fputs("\n", stdout);
	if (row->message_id != NULL)
		printf("    %s\n", row->message_id);
	if (row->error != NULL) {
		fputs("    ", stdout);
		out_text(stdout, row->error);
		fputs("\n", stdout);
	}
	return 0;
}

static int
sent_exec(struct app *s, int argc, char **argv)
{
	struct sent_list l = { s, NULL, 0 };
	struct err e;

	err_clear(&e);
	if (cmd_args_json_only(s, argc, argv, &e) != 0)
		return out_error(s, &e);
	if (s->json) {
		l.g = jsonw_begin();
		jsonw_open_array(l.g, "sent");
	}
	if (store_each_sent(s->store, sent_one, &l, &e) != 0) {
		if (l.g != NULL)
			jsonw_end(l.g);
		return out_error(s, &e);
	}
	if (l.g != NULL) {
		jsonw_close_array(l.g);
		jsonw_end(l.g);
	} else if (l.n == 0)
		puts(_("No reply sent yet."));
	return 0;
}

const struct cmd cmd_sent = {
	.name = "sent",
	.args = "[--json]",
	.summary = N_("List the replies sent from this computer (sending, "
	    "sent, or failed with the reason)."),
	.options_help =
	    N_("  --json   print JSON: {\"sent\": [{\"state\", \"recipient\", "
	    "\"subject\", \"sent\", \"messageId\", \"error\", ...}]}\n"),
	.exec = sent_exec,
};
