/* cmd-folders.c - `ebox-tui folders`: every folder with its counts. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "cmd.h"
#include "ebox/sanitize.h"
#include "ebox/utf8.h"

/* One folder: its name padded to 20 columns (by display width: a
 * partition's name is the server's text, "Élèves" is 6 columns but 8
 * bytes), then its counts, each with its own plural. */
static void
folders_print(const struct folder *f)
{
	char *name = sanitize_text(f->name, 0), *fit = utf8_fit(name, 20,
	    false);

	printf("%s%s ", f->kind == FOLDER_PARTITION ? "  " : "",
	    utf8_width(name) > 20 ? name : fit);
	printf(ngettext("%5zu message", "%5zu messages", f->total), f->total);
	printf(ngettext(", %zu unread\n", ", %zu unread\n", f->unread),
	    f->unread);
	free(fit);
	free(name);
}

static int
folders_exec(struct app *s, int argc, char **argv)
{
	struct folder *f = NULL;
	struct err e;
	size_t i, n;

	err_clear(&e);
	if (cmd_args_json_only(s, argc, argv, &e) != 0 ||
	    cmd_sync(s, &e) != 0)
		return out_error(s, &e);
	n = mailbox_folders(&s->mb, &f);
	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_open_array(g, "folders");
		for (i = 0; i < n; i++) {
			jsonw_open(g, NULL);
			jsonw_str(g, "name", f[i].name);
			jsonw_str(g, "label", f[i].label);
			jsonw_str(g, "kind", f[i].kind == FOLDER_PARTITION ?
			    "partition" : "folder");
			jsonw_int(g, "total", (long long)f[i].total);
			jsonw_int(g, "unread", (long long)f[i].unread);
			jsonw_close(g);
		}
		jsonw_close_array(g);
		jsonw_end(g);
	} else {
		for (i = 0; i < n; i++) {
			if (f[i].kind == FOLDER_PARTITION &&
			    (i == 0 || f[i - 1].kind != FOLDER_PARTITION))
				puts(_("Partitions:"));
			folders_print(&f[i]);
		}
	}
	free(f);
	return 0;
}

const struct cmd cmd_folders = {
	.name = "folders",
	.args = "[--json]",
	.summary = N_("List the folders (Inbox, Unread, Registered, Expiring, "
	    "Payments, Agenda, Kept, Hidden, All, Sent and one per partition) "
	    "with their counts."),
	.options_help = N_("  --json   print JSON (doc/json.md)\n"),
	.exec = folders_exec,
};
