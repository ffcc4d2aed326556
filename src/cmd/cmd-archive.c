/* cmd-archive.c - `ebox-tui archive`: the documents kept in the local
 * mailbox, exported as DIR/SENDER/YYYY-MM/NAME with one metadata file per
 * message (ID.json, the message as `show --json` prints it).
 *
 * Idempotent: a document already there (same bytes under NAME or one of
 * the "NAME (n)" names a save would give) is not written again, and a
 * metadata file is rewritten only when what it says changed.  Files are
 * private (0600, folders 0700): these are official letters.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yajl/yajl_gen.h>

#include "ebox/i18n.h"
#include "ebox/safefile.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"
#include "cmd.h"

struct archive_run {
	struct app *s;
	char *dir;
	size_t *by_rowid;               /* entry indices sorted by rowid */
	size_t n_by_rowid;
	size_t written, unchanged, failed, meta_written;
	struct yajl_gen_t *g;           /* --json: the files, as they go */
	struct err first;               /* the first failure */
};

static const struct mailbox *archive_sort_mb;   /* for qsort */

static int
archive_rowid_cmp(const void *a, const void *b)
{
	int64_t x = archive_sort_mb->entries[*(const size_t *)a].rowid;
	int64_t y = archive_sort_mb->entries[*(const size_t *)b].rowid;

	return x < y ? -1 : x > y;
}

static struct mailbox_entry *
archive_entry(struct archive_run *r, int64_t rowid)
{
	struct mailbox *mb = &r->s->mb;
	size_t lo = 0, hi = r->n_by_rowid, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (mb->entries[r->by_rowid[mid]].rowid < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->n_by_rowid && mb->entries[r->by_rowid[lo]].rowid == rowid)
		return &mb->entries[r->by_rowid[lo]];
	return NULL;
}

/* DIR/SENDER/YYYY-MM for en (a new string): names safe as file names. */
static char *
archive_folder(struct archive_run *r, const struct mailbox_entry *en)
{
	const char *who = en->sender_name != NULL ? en->sender_name :
	    en->msg->sender_org_id != NULL ? en->msg->sender_org_id :
	    en->msg->provider_id;
	char *sender = sanitize_filename(who), *dir;
	char month[8];
	struct tm tm;
	time_t t = en->msg->receipt_date;

	localtime_r(&t, &tm);
	strftime(month, sizeof month, "%Y-%m", &tm);
	dir = xasprintf("%s/%s/%s", r->dir, sender, month);
	free(sender);
	return dir;
}

static int
archive_hex(const char *hex, unsigned char out[32])
{
	unsigned int v;
	size_t i;

	if (hex == NULL || strlen(hex) != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (unsigned char)v;
	}
	return 0;
}

static void
archive_fail(struct archive_run *r, const struct err *e)
{
	if (r->first.code == 0)
		r->first = *e;
	r->failed++;
	fputs(_("ebox-tui: warning: "), stderr);
	out_text(stderr, e->msg);
	fputc('\n', stderr);
}

static void
archive_report(struct archive_run *r, const struct mailbox_entry *en,
    const char *path, bool written)
{
	if (r->g != NULL) {
		jsonw_open(r->g, NULL);
		jsonw_str(r->g, "id", en->short_id);
		jsonw_str(r->g, "path", path);
		jsonw_bool(r->g, "written", written);
		jsonw_close(r->g);
	} else if (written) {
		out_text(stdout, path);
		putchar('\n');
	}
}

/* The message's metadata next to its documents; rewritten only when it
 * says something new. */
static void
archive_metadata(struct archive_run *r, const struct mailbox_entry *en,
    const char *folder)
{
	struct yajl_gen_t *g = jsonw_begin();
	char *path = xasprintf("%s/%s.json", folder, en->short_id), *old = NULL;
	const unsigned char *text;
	size_t len, old_len = 0;
	struct err e;

	jsonw_message(g, r->s, en, true);
	yajl_gen_map_close(g);
	yajl_gen_get_buf(g, &text, &len);
	if (safefile_read(path, len + 1, &old, &old_len, &e) == 0 &&
	    old_len == len && memcmp(old, text, len) == 0) {
		free(old);
		free(path);
		yajl_gen_free(g);
		return;
	}
	free(old);
	if (safefile_write_private(path, text, len, &e) != 0)
		archive_fail(r, &e);
	else
		r->meta_written++;
	free(path);
	yajl_gen_free(g);
}

/* One kept document: to its folder, unless it is there already. */
static int
archive_document(const struct store_document *d, void *ud)
{
	struct archive_run *r = ud;
	struct mailbox_entry *en = archive_entry(r, d->rowid);
	const struct ebox_attachment *att = NULL;
	struct safefile f;
	unsigned char want[32], got[32];
	char *folder, *kept = NULL, *same = NULL;
	int64_t bytes;
	struct err e;
	size_t i;
	int rc;

	err_clear(&e);
	if (en == NULL || app_message(r->s, en, &e) == NULL ||
	    archive_hex(d->sha256, want) != 0)
		return 0;       /* not in this mailbox (purged meanwhile) */
	for (i = 0; i < en->msg->n_attachments; i++) {
		if (en->msg->attachments[i].id != NULL &&
		    strcmp(en->msg->attachments[i].id, d->attachment_id) == 0)
			att = &en->msg->attachments[i];
	}
	if (att == NULL)
		return 0;
	folder = archive_folder(r, en);
	if ((rc = xdg_mkdirs(folder, 0700)) != 0) {
		err_set(&e, ERR_IO, _("cannot create the folder %s: %s"), folder,
		    strerror(-rc));
		archive_fail(r, &e);
		free(folder);
		return 0;
	}
	archive_metadata(r, en, folder);
	rc = safefile_find_same(folder, att->file_name ? att->file_name :
	    "document", want, d->size, &same, &e);
	if (rc == 1) {
		r->unchanged++;
		archive_report(r, en, same, false);
	} else if (rc != 0) {
		archive_fail(r, &e);
	} else if (app_document_find(r->s, en, att, &kept, &e) != 0) {
		archive_fail(r, &e);    /* the kept file went away */
	} else if (safefile_open(&f, folder, att->file_name ? att->file_name :
	    "document", &e) != 0) {
		archive_fail(r, &e);
	} else {
		if (safefile_copy_in(&f, kept, got, &bytes, &e) == 0 &&
		    memcmp(got, want, 32) != 0)
			err_set(&e, ERR_INTEGRITY, _("the kept copy %s is "
			    "damaged: not archived"), kept);
		if (e.code != 0 || safefile_commit(&f, 1, &e) != 0) {
			safefile_abort(&f);
			archive_fail(r, &e);
		} else {
			r->written++;
			archive_report(r, en, f.final_path, true);
		}
		safefile_done(&f);
	}
	free(kept);
	free(same);
	free(folder);
	return 0;
}

static int
archive_parse(struct app *s, int argc, char **argv, const char **dir,
    struct err *e)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:j", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': *dir = optarg; break;
		case 'j': s->json = true; break;
		default:
			return err_set(e, ERR_USAGE, _("archive: unknown option "
			    "'%s'; see `ebox-tui archive --help`"),
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, _("archive: unexpected argument "
		    "'%s'"), argv[optind]);
	return 0;
}

static int
archive_exec(struct app *s, int argc, char **argv)
{
	struct archive_run r;
	const char *dir = NULL;
	struct err e;
	size_t i;
	int rc;

	err_clear(&e);
	memset(&r, 0, sizeof r);
	r.s = s;
	if (archive_parse(s, argc, argv, &dir, &e) != 0 || cmd_sync(s, &e) != 0)
		return out_error(s, &e);
	r.dir = xdg_expand_home(dir != NULL ? dir :
	    config_str(&s->cfg, s->acct, "archive_dir"));
	if ((rc = xdg_mkdirs(r.dir, 0700)) != 0) {
		err_set(&e, ERR_IO, _("cannot create the folder %s: %s"), r.dir,
		    strerror(-rc));
		free(r.dir);
		return out_error(s, &e);
	}
	r.by_rowid = xcalloc(s->mb.n + 1, sizeof *r.by_rowid);
	for (i = 0; i < s->mb.n; i++) {
		if (s->mb.entries[i].rowid != 0)
			r.by_rowid[r.n_by_rowid++] = i;
	}
	archive_sort_mb = &s->mb;
	qsort(r.by_rowid, r.n_by_rowid, sizeof *r.by_rowid, archive_rowid_cmp);
	if (s->json) {
		r.g = jsonw_begin();
		jsonw_str(r.g, "dir", r.dir);
		jsonw_open_array(r.g, "files");
	}
	if (store_each_document(s->store, archive_document, &r, &e) != 0) {
		if (r.g != NULL)
			yajl_gen_free(r.g);
		free(r.by_rowid);
		free(r.dir);
		return out_error(s, &e);
	}
	if (r.g != NULL) {
		jsonw_close_array(r.g);
		jsonw_int(r.g, "written", (long long)r.written);
		jsonw_int(r.g, "unchanged", (long long)r.unchanged);
		jsonw_int(r.g, "failed", (long long)r.failed);
		jsonw_end(r.g);
	} else {
		fprintf(stderr, ngettext("%zu document archived in %s",
		    "%zu documents archived in %s", r.written), r.written,
		    r.dir);
		fprintf(stderr, ngettext(", %zu already there",
		    ", %zu already there", r.unchanged), r.unchanged);
		fprintf(stderr, ngettext(", %zu failed.\n", ", %zu failed.\n",
		    r.failed), r.failed);
	}
	free(r.by_rowid);
	free(r.dir);
	return r.failed > 0 ? err_exit_status(r.first.code) : 0;
}

const struct cmd cmd_archive = {
	.name = "archive",
	.args = "[-o DIR] [--json]",
	.summary = N_("Export the documents kept on this computer (they "
	    "survive the eBox's deletion of expired mail) as "
	    "DIR/SENDER/YYYY-MM/NAME, with one metadata file per message; a "
	    "second run writes nothing new."),
	.options_help =
	    N_("  -o, --output DIR   where to export (default: archive_dir, "
	    "~/Documents/eBox)\n"
	    "  --json             print JSON: the files, written or already "
	    "there\n"
	    "Which documents are kept is set by the archive options of "
	    "ebox-tui.conf(5);\n"
	    "a document opened or saved once is always kept.\n"),
	.exec = archive_exec,
};
