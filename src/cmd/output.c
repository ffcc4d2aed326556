/* output.c - text output of the command line: everything the server sent
 * passes through sanitize_text() on its way to the terminal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <yajl/yajl_gen.h>

#include "ebox/i18n.h"
#include "cmd.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"

void
out_text(FILE *f, const char *s)
{
	char *clean = sanitize_text(s, 0);

	fputs(clean, f);
	free(clean);
}

const char *
out_subject(const struct session *s, const struct ebox_message *m)
{
	const char *t = tstring_pick(&m->subject, s->lang, NULL);

	return t != NULL ? t : "(no subject)";
}

char *
out_tstring(const struct session *s, const struct tstring *t)
{
	const char *text = tstring_pick(t, s->lang, NULL);

	return sanitize_text(text ? text : "", SANITIZE_KEEP_NEWLINES);
}

int
out_error(const struct session *s, const struct err *e)
{
	if (s != NULL && s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_open(g, "error");
		jsonw_str(g, "code", err_code_name(e->code));
		jsonw_str(g, "message", e->msg);
		jsonw_close(g);
		jsonw_end(g);
	}
	fputs(_("ebox-tui: "), stderr);
	out_text(stderr, e->msg);
	fputc('\n', stderr);
	return err_exit_status(e->code);
}

void
out_size(char *buf, size_t n, double bytes)
{
	if (bytes < 1024)
		snprintf(buf, n, "%.0f bytes", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, n, "%.1f kB", bytes / 1024);
	else
		snprintf(buf, n, "%.1f MB", bytes / (1024 * 1024));
}
