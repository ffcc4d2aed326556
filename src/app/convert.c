/* convert.c - documents as text and viewers found, through jobs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/convert.h"
#include "ebox/doctext.h"
#include "ebox/job.h"
#include "ebox/xalloc.h"

struct convert {
	struct net *net;
	struct mailcap *mc;
	char *path;
	char *media_type;
	enum mailcap_want want;         /* TEXT: convert; VIEW: find a viewer */
	enum doctext_way way;
	struct mailcap_entry *test_of;  /* whose test= the job runs */
	struct doctext_cmd cmd;
	struct job *job;
	struct net_timer *defer;        /* delivers from the loop */
	convert_text_fn text_fn;
	convert_viewer_fn viewer_fn;
	void *ud;
	bool cancelled;                 /* free without calling back */
	/* What to deliver. */
	char *text;
	size_t len;
	struct err err;
	struct mailcap_entry *viewer;
};

static void convert_resolve(struct convert *c);

static void
convert_free(struct convert *c)
{
	net_release(c->net);
	doctext_command_done(&c->cmd);
	free(c->text);
	free(c->path);
	free(c->media_type);
	free(c);
}

/* Hands the outcome to the caller and ends the work. */
static void
convert_deliver(struct convert *c)
{
	if (c->cancelled)
		;
	else if (c->want == MAILCAP_TEXT) {
		char *text = c->text;

		c->text = NULL;
		c->text_fn(text, c->len, c->err.code ? &c->err : NULL, c->ud);
	} else
		c->viewer_fn(c->viewer, c->ud);
	convert_free(c);
}

static void
convert_fail(struct convert *c, const struct err *e)
{
	c->err = *e;
	convert_deliver(c);
}

static void
convert_converted(struct job *j, struct spawn_result *r, const struct err *e,
    void *ud)
{
	struct convert *c = ud;
	size_t n;

	c->job = NULL;
	if (e != NULL) {
		c->err = *e;
		if (e->code != ERR_CANCELLED)
			doctext_explain(c->way, &c->err);
		convert_deliver(c);
		return;
	}
	n = r->out.len;
	c->text = doctext_clean(buf_steal(&r->out), n, &c->len);
	convert_deliver(c);
}

/* Starts the converter (pdftotext, or en's copiousoutput command). */
static void
convert_run(struct convert *c, const struct mailcap_entry *en)
{
	struct err e;

	err_clear(&e);
	if (doctext_command(&c->cmd, c->path, c->media_type, en, &e) != 0 ||
	    (c->job = job_start(c->net, &c->cmd.o, convert_converted, c,
	    &e)) == NULL) {
		doctext_explain(c->way, &e);
		convert_fail(c, &e);
	}
}

static void
convert_tested(struct job *j, struct spawn_result *r, const struct err *e,
    void *ud)
{
	struct convert *c = ud;

	c->job = NULL;
	if (e != NULL && e->code == ERR_CANCELLED) {
		convert_fail(c, e);
		return;
	}
	mailcap_test_record(c->test_of, c->media_type, e == NULL &&
	    r->exited && r->status == 0);
	convert_resolve(c);
}

/* Looks up the mailcap entry, running one test= at a time as a job, and
 * goes on from there: convert (TEXT) or deliver the viewer (VIEW). */
static void
convert_resolve(struct convert *c)
{
	struct spawn_opts o = { .name = _("the mailcap test"),
	    .any_status = true, .timeout_ms = MAILCAP_TEST_TIMEOUT_MS };
	struct mailcap_entry *en;
	struct err e;
	char *cmd;
	int rc;

	for (;;) {
		rc = mailcap_lookup(c->mc, c->media_type, c->want, &en);
		if (rc != MAILCAP_UNTESTED)
			break;
		if ((cmd = mailcap_test_command(en, c->media_type, NULL)) ==
		    NULL) {
			mailcap_test_record(en, c->media_type, false);
			continue;
		}
		o.shell = cmd;
		c->test_of = en;
		c->job = job_start(c->net, &o, convert_tested, c, &e);
		free(cmd);
		if (c->job != NULL)
			return;
		mailcap_test_record(en, c->media_type, false);
	}
	if (c->want == MAILCAP_VIEW) {
		c->viewer = rc == 0 ? en : NULL;
		convert_deliver(c);
	} else if (rc != 0) {
		doctext_no_way(c->media_type, &e);
		convert_fail(c, &e);
	} else
		convert_run(c, en);
}

static struct convert *
convert_new(struct net *n, struct mailcap *mc, const char *path,
    const char *media_type, enum mailcap_want want, void *ud)
{
	struct convert *c = xcalloc(1, sizeof *c);

	c->net = n;
	c->mc = mc;
	c->path = xstrdup(path);
	c->media_type = xstrdup(media_type ? media_type :
	    "application/octet-stream");
	c->want = want;
	c->ud = ud;
	c->way = doctext_way(c->media_type);
	net_hold(n);            /* net_run waits for the outcome */
	return c;
}

/* Runs the first step from the loop, so that even a lookup that needs
 * no child never calls back inside convert_text(). */
static void
convert_first_step(void *ud)
{
	struct convert *c = ud;
	char *raw = NULL;
	size_t rawlen = 0;

	c->defer = NULL;
	switch (c->way) {
	case DOCTEXT_READ:
		if (doctext_read(c->path, &raw, &rawlen, &c->err) == 0)
			c->text = doctext_clean(raw, rawlen, &c->len);
		convert_deliver(c);
		break;
	case DOCTEXT_PDF:
		convert_run(c, NULL);
		break;
	case DOCTEXT_MAILCAP:
		convert_resolve(c);
		break;
	}
}

struct convert *
convert_text(struct net *n, struct mailcap *mc, const char *path,
    const char *media_type, convert_text_fn fn, void *ud)
{
	struct convert *c = convert_new(n, mc, path, media_type, MAILCAP_TEXT,
	    ud);

	c->text_fn = fn;
	c->defer = net_timer_add(n, 0, convert_first_step, c);
	return c;
}

struct convert *
convert_find_viewer(struct net *n, struct mailcap *mc,
    const char *media_type, convert_viewer_fn fn, void *ud)
{
	struct convert *c = convert_new(n, mc, "", media_type, MAILCAP_VIEW,
	    ud);

	c->viewer_fn = fn;
	c->way = DOCTEXT_MAILCAP;
	c->defer = net_timer_add(n, 0, convert_first_step, c);
	return c;
}

void
convert_cancel(struct convert *c)
{
	struct job *j;

	if (c == NULL)
		return;
	if (c->defer != NULL)
		net_timer_cancel(c->net, c->defer);
	c->defer = NULL;
	c->cancelled = true;
	if ((j = c->job) != NULL) {
		/* Its callback runs now, with ERR_CANCELLED, and frees c. */
		c->job = NULL;
		job_cancel(j);
		return;
	}
	convert_free(c);
}
