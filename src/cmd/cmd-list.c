/* cmd-list.c - `ebox-tui list`: one line per message of a folder. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "cmd.h"
#include "ebox/isotime.h"
#include "ebox/sanitize.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

struct list_opts {
	const char *folder;
	const char *sort;
	bool reverse;
	struct mailbox_filter flt;
};

static int
list_parse(struct app *s, int argc, char **argv, struct list_opts *o,
    struct err *e)
{
	static const struct option longopts[] = {
		{ "folder", required_argument, NULL, 'f' },
		{ "unread", no_argument, NULL, 'u' },
		{ "registered", no_argument, NULL, 'r' },
		{ "from", required_argument, NULL, 'F' },
		{ "search", required_argument, NULL, 's' },
		{ "sort", required_argument, NULL, 'o' },
		{ "reverse", no_argument, NULL, 'R' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	o->folder = "Inbox";
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "f:urF:s:o:Rj", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f': o->folder = optarg; break;
		case 'u': o->flt.unread_only = true; break;
		case 'r': o->flt.registered_only = true; break;
		case 'F': o->flt.from = optarg; break;
		case 's': o->flt.search = optarg; break;
		case 'o': o->sort = optarg; break;
		case 'R': o->reverse = true; break;
		case 'j': s->json = true; break;
		default:
			return err_set(e, ERR_USAGE, _("list: unknown option '%s'; "
			    "see `ebox-tui list --help`"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, _("list: unexpected argument '%s'"),
		    argv[optind]);
	return 0;
}

static int
list_sort_key(const char *name, enum sort_key *key, struct err *e)
{
	int i;

	*key = SORT_DATE;
	if (name == NULL)
		return 0;
	for (i = 0; sort_key_names[i] != NULL; i++) {
		if (strcmp(sort_key_names[i], name) == 0) {
			*key = (enum sort_key)i;
			return 0;
		}
	}
	return err_set(e, ERR_USAGE, _("list: unknown sort key '%s' (date, "
	    "sender, subject, expiry, due, deadline)"), name);
}

static int
list_exec(struct app *s, int argc, char **argv)
{
	struct list_opts o;
	struct folder f;
	struct mailbox_view v;
	enum sort_key key;
	int64_t *hits = NULL;
	struct err e;
	size_t i;
	int cols;

	err_clear(&e);
	if (list_parse(s, argc, argv, &o, &e) != 0 ||
	    list_sort_key(o.sort, &key, &e) != 0 || cmd_sync(s, &e) != 0)
		return out_error(s, &e);
	if (mailbox_folder_find(&s->mb, o.folder, &f, &e) != 0) {
		e.code = ERR_USAGE;     /* a name the user typed */
		return out_error(s, &e);
	}
	/* --search looks where the eBox does and further: texts, business
	 * data and document names too (the store's full-text index). */
	if (o.flt.search != NULL && *o.flt.search != '\0') {
		if (app_search(s, o.flt.search, &hits, &o.flt.n_hits, &e) != 0)
			return out_error(s, &e);
		o.flt.hits = hits;
	}
	mailbox_view_build(&s->mb, &f, &o.flt, key, o.reverse, &v);
	free(hits);
	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_str(g, "folder", f.name);
		jsonw_int(g, "count", (long long)v.n);
		jsonw_open_array(g, "messages");
		for (i = 0; i < v.n; i++) {
			jsonw_message(g, s, &s->mb.entries[v.idx[i]], false);
			if (i % 256 == 255)
				jsonw_flush(g);
		}
		jsonw_close_array(g);
		jsonw_providers(g, s);
		jsonw_end(g);
	} else {
		cols = out_subject_cols();
		for (i = 0; i < v.n; i++)
			out_message_line(s, &s->mb.entries[v.idx[i]], cols);
		/* A partition's label is its name (server text), not a
		 * msgid. */
		if (v.n == 0)
			fprintf(stderr, _("No messages in %s.\n"),
			    f.label == f.name ? f.label : _(f.label));
	}
	mailbox_view_done(&v);
	return 0;
}

const struct cmd cmd_list = {
	.name = "list",
	.args = "[--folder NAME] [--unread] [--registered] [--from TEXT] "
	    "[--search TEXT] [--sort KEY] [--reverse] [--json]",
	.summary = N_("List the messages of a folder (default Inbox), newest "
	    "first: id, date, flags, sender, subject."),
	.options_help =
	    N_("  --folder NAME   Inbox, Unread, Registered, Expiring, Payments, "
	    "Agenda,\n"
	    "                  Kept, Hidden, All, Sent, or a partition (see "
	    "`ebox-tui folders`)\n"
	    "  --unread        only unread messages\n"
	    "  --registered    only registered mail\n"
	    "  --from TEXT     sender name or enterprise number contains TEXT\n"
	    "  --search TEXT   every word of TEXT starts a word of the subject, "
	    "text,\n"
	    "                  sender, type, details or document names (any "
	    "language,\n"
	    "                  ignoring case and accents)\n"
	    "  --sort KEY      date, sender, subject, expiry, due or deadline\n"
	    "  --reverse       reverse the order\n"
	    "  --json          print JSON (doc/json.md)\n"
	    "Flags: N unread, R registered mail, ! expires within 15 days, "
	    "$ payment\n"
	    "       (P once paid), A2 two documents, r reply allowed, H hidden,"
	    "\n"
	    "       K kept locally (gone from the eBox), S its provider did "
	    "not answer;\n"
	    "       in Sent: O reply sent, ~ being sent, F not sent.\n"),
	.exec = list_exec,
};
