/* output.c - text output of the command line.  Server text is sanitised
 * where it is printed (out_text, jsonw); and every byte written to stdout
 * and stderr passes the output gate as well, so that a print that forgot
 * to sanitise still cannot reach the terminal with an escape sequence. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

#include "ebox/safefile.h"
#include "ebox/i18n.h"
#include "cmd.h"
#include "ebox/isotime.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/translit.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

/* --- the output gate ------------------------------------------------------ */

/* Longest escape sequence or partial character held back between two
 * writes; anything longer is passed (and so dropped) at once. */
#define OUT_GATE_CARRY 4096

struct out_gate {
	int fd;
	char *carry;            /* tail of the last write, not yet complete */
	size_t ncarry;
};

FILE *out_tty;

/* Sanitises and, in a locale that is not UTF-8, transliterates what
 * stdio hands over, keeping back an escape sequence or a character that
 * the next write may complete. */
static ssize_t
out_gate_write(void *cookie, const char *data, size_t size)
{
	struct out_gate *g = cookie;
	size_t n = g->ncarry + size, done, len;
	char *all = xmalloc(n + 1), *clean, *shown;
	int r;

	if (g->ncarry > 0)
		memcpy(all, g->carry, g->ncarry);
	memcpy(all + g->ncarry, data, size);
	done = sanitize_complete(all, n);
	if (n - done > OUT_GATE_CARRY)
		done = n;
	clean = sanitize_textn(all, done, SANITIZE_KEEP_NEWLINES |
	    SANITIZE_KEEP_TABS);
	shown = translit_locale(clean, strlen(clean), &len);
	r = safefile_write_all(g->fd, shown, len);
	g->ncarry = n - done;
	g->carry = xreallocarray(g->carry, g->ncarry + 1, 1);
	memcpy(g->carry, all + done, g->ncarry);
	free(shown);
	free(clean);
	free(all);
	return r == 0 ? (ssize_t)size : -1;
}

static int
out_gate_close(void *cookie)
{
	struct out_gate *g = cookie;

	free(g->carry);
	free(g);
	return 0;
}

static FILE *
out_gate_open(int fd, int mode)
{
	cookie_io_functions_t io = { .write = out_gate_write,
	    .close = out_gate_close };
	struct out_gate *g = xcalloc(1, sizeof *g);
	FILE *f;

	g->fd = fd;
	if ((f = fopencookie(g, "w", io)) == NULL) {
		free(g);
		return NULL;
	}
	setvbuf(f, NULL, mode, 0);
	return f;
}

static FILE *out_real_stderr;

/* At exit: the gates write what they hold and go, the real streams come
 * back for whatever the C library still prints. */
static void
out_gate_remove(void)
{
	if (out_tty != NULL && stdout != out_tty) {
		fclose(stdout);
		stdout = out_tty;
	}
	if (out_real_stderr != NULL && stderr != out_real_stderr) {
		fclose(stderr);
		stderr = out_real_stderr;
	}
}

void
out_gate_install(void)
{
	FILE *o, *e;

	fflush(stdout);
	fflush(stderr);
	out_tty = stdout;
	out_real_stderr = stderr;
	if ((o = out_gate_open(STDOUT_FILENO, isatty(STDOUT_FILENO) ?
	    _IOLBF : _IOFBF)) != NULL)
		stdout = o;
	if ((e = out_gate_open(STDERR_FILENO, _IONBF)) != NULL)
		stderr = e;
	atexit(out_gate_remove);
}

/* --- printing ------------------------------------------------------------- */

void
out_text(FILE *f, const char *s)
{
	char *clean = sanitize_text(s, 0);

	fputs(clean, f);
	free(clean);
}

void
out_offline(const struct app *a)
{
	static bool said;
	char date[16], when[32];
	struct tm tm;

	if (said)
		return;
	said = true;
	if (a->last_sync == 0) {
		fputs(_("ebox-tui: offline: the local mailbox has never been "
		    "synced, so it holds nothing yet\n"), stderr);
		return;
	}
	/* The date as the reader writes it, like every other date shown. */
	localtime_r(&a->last_sync, &tm);
	text_date(date, sizeof date, a->last_sync, a->lang);
	snprintf(when, sizeof when, "%s %02d:%02d", date, tm.tm_hour,
	    tm.tm_min);
	fprintf(stderr, _("ebox-tui: offline: showing the local mailbox, last "
	    "synced %s\n"), when);
}

const char *
out_subject(const struct app *s, const struct ebox_message *m)
{
	const char *t = tstring_pick(&m->subject, s->lang, NULL);

	return t != NULL ? t : _("(no subject)");
}

char *
out_tstring(const struct app *s, const struct tstring *t)
{
	const char *text = tstring_pick(t, s->lang, NULL);

	return sanitize_text(text ? text : "", SANITIZE_KEEP_NEWLINES);
}

int
out_error(const struct app *s, const struct err *e)
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

#define OUT_SENDER_COLS 20

/* Columns for the subject: the terminal's width when stdout is one. */
int
out_subject_cols(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 60)
		return ws.ws_col - (8 + 2 + 10 + 2 + 6 + 2 + OUT_SENDER_COLS + 2);
	return -1;
}

void
out_message_line(struct app *s, const struct mailbox_entry *en,
    int subject_cols)
{
	char date[11], flags[16];
	char *sender, *fitted, *subject;

	isotime_format_date(en->msg->receipt_date, date);
	mailbox_flags(&s->mb, en, flags);
	sender = sanitize_text(en->sender_name ? en->sender_name :
	    (en->msg->sender_org_id ? en->msg->sender_org_id : "?"), 0);
	fitted = utf8_fit(sender, OUT_SENDER_COLS, false);
	subject = sanitize_text(out_subject(s, en->msg), 0);
	if (subject_cols > 0) {
		char *cut = utf8_truncate(subject, subject_cols, false);

		free(subject);
		subject = cut;
	}
	printf("%s  %s  %-6s  %s  %s\n", en->short_id, date, flags, fitted,
	    subject);
	free(sender);
	free(fitted);
	free(subject);
}
