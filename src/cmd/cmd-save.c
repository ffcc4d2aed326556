/* cmd-save.c - `ebox-tui save ID`: the safe save of DESIGN.md step 6.
 *
 * Each document streams to NAME.part (0600, O_EXCL) while SHA-256 is
 * computed on the way; only when the digest matches the announced one is
 * the file renamed to a free, sanitised name inside the target directory.
 * A mismatch or a cut download never gets the final name.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "cmd.h"
#include "ebox/safefile.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"

struct save_state;

struct save_item {
	struct save_state *st;
	const struct ebox_attachment *a;
	size_t index;                   /* 1-based, as `show` numbers them */
	struct safefile file;
	int64_t bytes;
	bool verified;                  /* a digest was announced and matched */
	struct err err;
	struct err keep_err;
};

struct save_state {
	struct app *s;
	struct mailbox_entry *en;
	struct save_item *items;
	size_t n;
	struct err list_err;            /* fetching the attachment list */
};

struct save_opts {
	bool all;
	bool confirm;
	const char *dir;
	char **names;                   /* ATTACHMENT arguments */
	int n_names;
};

static void
save_attachments_landed(struct ebox_source *src, struct ebox_attachment *a,
    size_t n, const struct err *e, void *ud)
{
	struct save_state *st = ud;
	struct ebox_message *m;
	size_t i;

	if (e != NULL) {
		st->list_err = *e;
		return;
	}
	m = st->en->msg;
	for (i = 0; i < m->n_attachments; i++)
		ebox_attachment_done(&m->attachments[i]);
	free(m->attachments);
	m->attachments = a;
	m->n_attachments = n;
}

/* Does argument name pick attachment a (number i, id, or file name)? */
static bool
save_matches(const char *name, const struct ebox_attachment *a, size_t i)
{
	char *end;
	unsigned long k = strtoul(name, &end, 10);

	if (*name != '\0' && *end == '\0')
		return k == i;
	return (a->id != NULL && strcmp(a->id, name) == 0) ||
	    (a->file_name != NULL && strcmp(a->file_name, name) == 0);
}

static int
save_select(struct save_state *st, const struct ebox_message *m,
    const struct save_opts *o, struct err *e)
{
	size_t i;
	int j;

	st->items = xcalloc(m->n_attachments ? m->n_attachments : 1,
	    sizeof *st->items);
	for (i = 0; i < m->n_attachments; i++) {
		const struct ebox_attachment *a = &m->attachments[i];
		bool take = o->all || (o->n_names == 0 && a->main_content);

		for (j = 0; j < o->n_names && !take; j++)
			take = save_matches(o->names[j], a, i + 1);
		if (!take)
			continue;
		st->items[st->n].a = a;
		st->items[st->n].index = i + 1;
		st->items[st->n].file.fd = -1;
		st->n++;
	}
	for (j = 0; j < o->n_names; j++) {
		bool found = false;

		for (i = 0; i < m->n_attachments && !found; i++)
			found = save_matches(o->names[j], &m->attachments[i], i + 1);
		if (!found)
			return err_set(e, ERR_USAGE, _("save: the message has no "
			    "document '%s' (see `ebox-tui show ID`)"), o->names[j]);
	}
	if (st->n == 0)
		return err_set(e, ERR_USAGE, m->body_main ? _("save: this "
		    "message has no documents; its content is its text (use "
		    "`show`)") : _("save: nothing to save: the message has no "
		    "main document (use --all or name a document)"));
	for (i = 0; i < st->n; i++) {
		char *kept = NULL;
		struct err ke;
		bool has = app_document_find(st->s, st->en, st->items[i].a,
		    &kept, &ke) == 0;

		free(kept);
		/* A kept copy is read without the server: no new proof. */
		if (m->registered && st->items[i].a->main_content &&
		    !o->confirm && !has)
			return err_set(e, ERR_USAGE, _("this is registered mail: "
			    "downloading its main document creates a legal proof "
			    "of reading for the sender. Add --confirm-registered "
			    "to go ahead."));
	}
	return 0;
}

/* The document is in its .part file (downloaded, or copied from the
 * store): checked against its digest, then given its name, and kept in
 * the store when it came from the network. */
static void
save_finish(struct save_item *it, int64_t bytes,
    const unsigned char sha256[32], const struct err *e, bool kept)
{
	char *got;

	it->bytes = bytes;
	if (e != NULL) {
		it->err = *e;
		safefile_abort(&it->file);
		return;
	}
	if (it->a->digest_value != NULL) {
		got = text_base64url(sha256, 32);
		if (!text_digest_equal(got, it->a->digest_value)) {
			char *want = sanitize_text(it->a->digest_value, 0);

			err_set(&it->err, ERR_INTEGRITY, _("the digest of document "
			    "%zu does not match: announced %s, received %s; "
			    "nothing was saved"), it->index, want, got);
			free(want);
			free(got);
			safefile_abort(&it->file);
			return;
		}
		free(got);
		it->verified = true;
	}
	if (safefile_commit(&it->file, 0, &it->err) == 0 && !kept &&
	    app_document_keep(it->st->s, it->st->en, it->a,
	    it->file.final_path, false, sha256, bytes, &it->keep_err) != 0)
		fprintf(stderr, _("ebox-tui: warning: the document was saved "
		    "but not kept in the local mailbox: %s\n"),
		    it->keep_err.msg);
}

static void
save_landed(struct ebox_source *src, int64_t bytes,
    const unsigned char sha256[32], const struct err *e, void *ud)
{
	struct save_item *it = ud;
	struct err re;

	/* The server counts the main content fetched: the message is read,
	 * and registered mail leaves a receipt. */
	if (e == NULL && it->a->main_content && app_main_fetched(it->st->s,
	    it->st->en, it->a->file_name, sha256, &re) != 0)
		fprintf(stderr, _("ebox-tui: warning: %s\n"), re.msg);
	save_finish(it, bytes, sha256, e, false);
}

/* A document kept in the store is copied from there (no network, no new
 * proof of reading); the others are downloaded (src NULL: offline). */
static void
save_start(struct save_state *st, struct ebox_source *src,
    const struct ebox_message *m, const char *dir)
{
	unsigned char sha[32];
	struct err e;
	int64_t bytes;
	char *kept;
	size_t i;

	for (i = 0; i < st->n; i++) {
		struct save_item *it = &st->items[i];
		char *fallback = xasprintf("document-%zu", it->index);
		const char *name = it->a->file_name ? it->a->file_name : fallback;

		it->st = st;
		free(fallback);
		if (app_document_find(st->s, st->en, it->a, &kept, &e) == 0) {
			if (safefile_open(&it->file, dir, name, &it->err) == 0) {
				err_clear(&e);
				safefile_copy_in(&it->file, kept, sha, &bytes, &e);
				save_finish(it, bytes, sha, e.code ? &e : NULL,
				    true);
			}
			free(kept);
			continue;
		}
		if (src == NULL) {
			err_set(&it->err, ERR_NET, _("document %zu was never "
			    "fetched and its provider cannot be reached now "
			    "(offline)"), it->index);
			continue;
		}
		if (safefile_open(&it->file, dir, name, &it->err) == 0)
			ebox_download(st->s->client, src, m->id, it->a,
			    it->file.fd, NULL, save_landed, it);
	}
}

static int
save_report(struct save_state *st)
{
	struct app *s = st->s;
	struct yajl_gen_t *g = NULL;
	int status = 0;
	size_t i;

	if (s->json) {
		g = jsonw_begin();
		jsonw_open_array(g, "saved");
	}
	for (i = 0; i < st->n; i++) {
		struct save_item *it = &st->items[i];

		if (it->err.code != 0) {
			int rc = err_exit_status(it->err.code);

			if (rc > status)
				status = rc;
			if (!s->json) {
				fputs(_("ebox-tui: "), stderr);
				out_text(stderr, it->err.msg);
				fputc('\n', stderr);
			}
		} else if (!s->json) {
			unsigned long n = (unsigned long)it->bytes;

			printf(it->verified ? ngettext("saved %s (%lld "
			    "byte, digest verified)\n", "saved %s (%lld bytes, "
			    "digest verified)\n", n) : ngettext("saved %s "
			    "(%lld byte, no digest announced, not verified)\n",
			    "saved %s (%lld bytes, no digest announced, not "
			    "verified)\n", n), it->file.final_path,
			    (long long)it->bytes);
		}
		if (g != NULL) {
			jsonw_open(g, NULL);
			jsonw_int(g, "index", (long long)it->index);
			jsonw_str(g, "fileName", it->a->file_name);
			jsonw_str(g, "path", it->err.code ? NULL : it->file.final_path);
			jsonw_int(g, "bytes", it->bytes);
			jsonw_str(g, "digest", it->err.code ? "failed" :
			    it->verified ? "verified" : "absent");
			jsonw_str(g, "error", it->err.code ? it->err.msg : NULL);
			jsonw_close(g);
		}
	}
	if (g != NULL) {
		jsonw_close_array(g);
		jsonw_end(g);
	}
	return status;
}

static int
save_parse(struct app *s, int argc, char **argv, struct save_opts *o,
    struct err *e)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'A' },
		{ "output", required_argument, NULL, 'o' },
		{ "confirm-registered", no_argument, NULL, 'C' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "Ao:Cj", longopts, NULL)) != -1) {
		switch (ch) {
		case 'A': o->all = true; break;
		case 'o': o->dir = optarg; break;
		case 'C': o->confirm = true; break;
		case 'j': s->json = true; break;
		default:
			return err_set(e, ERR_USAGE, _("save: unknown option '%s'; "
			    "see `ebox-tui save --help`"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return err_set(e, ERR_USAGE, _("save: give a message id (see "
		    "`ebox-tui list`)"));
	o->names = argv + optind + 1;
	o->n_names = argc - optind - 1;
	return 0;
}

static int
save_exec(struct app *s, int argc, char **argv)
{
	struct save_state st;
	struct save_opts o;
	struct mailbox_entry *en;
	struct ebox_source *src;
	struct err e, se;
	char *dir = NULL;
	int status;
	size_t i;

	err_clear(&e);
	memset(&st, 0, sizeof st);
	st.s = s;
	if (save_parse(s, argc, argv, &o, &e) != 0 ||
	    (en = app_find(s, argv[optind], &e)) == NULL ||
	    app_message(s, en, &e) == NULL)
		return out_error(s, &e);
	st.en = en;
	/* Offline is fine for what the store kept. */
	src = app_source(s, en, &se);
	if (en->msg->n_attachments == 0 && !en->msg->body_main && src != NULL) {
		/* The list did not carry them: ask the attachments endpoint. */
		ebox_get_attachments(s->client, src, en->msg->id,
		    save_attachments_landed, &st);
		net_run(s->net);
		if (st.list_err.code != 0)
			return out_error(s, &st.list_err);
		app_save_message(s, en);
	}
	dir = xdg_expand_home(o.dir ? o.dir : config_str(&s->cfg, s->acct,
	    "save_dir"));
	if (xdg_mkdirs(dir, 0700) != 0) {
		err_set(&e, ERR_IO, _("cannot create the folder %s"), dir);
		free(dir);
		return out_error(s, &e);
	}
	if (save_select(&st, en->msg, &o, &e) != 0) {
		free(st.items);
		free(dir);
		return out_error(s, &e);
	}
	save_start(&st, src, en->msg, dir);
	net_run(s->net);
	status = save_report(&st);
	for (i = 0; i < st.n; i++)
		safefile_done(&st.items[i].file);
	free(st.items);
	free(dir);
	return status;
}

const struct cmd cmd_save = {
	.name = "save",
	.args = "ID [ATTACHMENT...] [--all] [-o DIR] [--confirm-registered] "
	    "[--json]",
	.summary = N_("Save the main document of a message (or the named ones, "
	    "or --all), checking each file's SHA-256 digest."),
	.options_help =
	    N_("  ATTACHMENT            a document's number (as `show` lists "
	    "them), id or file name\n"
	    "  --all                 every document of the message\n"
	    "  -o, --output DIR      save into DIR (default: save_dir, "
	    "~/Downloads/eBox)\n"
	    "  --confirm-registered  allow downloading the main document of "
	    "registered mail\n"
	    "                        (creates a legal proof of reading for "
	    "the sender)\n"
	    "  --json                print JSON (doc/json.md)\n"
	    "Files are never overwritten: a taken name gets \" (1)\", \" (2)\"... "
	    "A document\nwhose digest does not match is not kept (exit status "
	    "3).\n"),
	.exec = save_exec,
};
