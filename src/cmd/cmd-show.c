/* cmd-show.c - `ebox-tui show ID`: metadata, text, business data, payment
 * data and documents of one message.
 *
 * The text of a body-main message is its main content: fetching it makes
 * the message read, and for registered mail that is a legal proof of
 * reading, so it needs --confirm-registered.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "cmd.h"
#include "ebox/render.h"
#include "ebox/summary.h"
#include "ebox/utf8.h"

struct show_state {
	struct app *s;
	struct mailbox_entry *en;
	struct ebox_source *src;
	struct err err;         /* the message itself could not be had */
	bool confirm;           /* --confirm-registered */
	bool summary;           /* --summary: one sentence only */
	bool body_withheld;     /* registered mail, not confirmed */
};

/* A label padded to 10 columns by display width ("Läuft ab:" is 9
 * columns but 10 bytes), then a space. */
static void
show_label(const char *label)
{
	char *fit = utf8_fit(label, 10, false);

	printf("%s ", utf8_width(label) > 10 ? label : fit);
	free(fit);
}

static void
show_body_landed(struct ebox_source *src, struct tstring *body,
    const struct err *e, void *ud)
{
	struct show_state *st = ud;
	struct err re;

	/* 404 means "this message has no text": not an error for show. */
	if (e != NULL) {
		if (e->code != ERR_NOTFOUND && st->err.code == 0)
			st->err = *e;
		return;
	}
	app_set_body(st->s, st->en, body);
	if (st->en->msg->body_main &&   /* the server counts it */
	    app_main_fetched(st->s, st->en, NULL, NULL, &re) != 0)
		fprintf(stderr, _("ebox-tui: warning: %s\n"), re.msg);
}

static void
show_attachments_landed(struct ebox_source *src, struct ebox_attachment *a,
    size_t n, const struct err *e, void *ud)
{
	struct show_state *st = ud;
	struct ebox_message *m = st->en->msg;
	size_t i;

	if (e != NULL) {
		if (st->err.code == 0)
			st->err = *e;
		return;
	}
	for (i = 0; i < m->n_attachments; i++)
		ebox_attachment_done(&m->attachments[i]);
	free(m->attachments);
	m->attachments = a;
	m->n_attachments = n;
	app_save_message(st->s, st->en);
}

static void
show_message_landed(struct ebox_source *src, struct ebox_message *m,
    const struct err *e, void *ud)
{
	struct show_state *st = ud;
	struct app *s = st->s;

	if (e != NULL) {
		st->err = *e;
		return;
	}
	/* The fresh copy replaces the listed one (same id, keeps the tag),
	 * in the store too. */
	st->en = app_take_message(s, m);
	if (m->body_main && m->registered && !st->confirm) {
		st->body_withheld = true;
		return;
	}
	ebox_get_body(s->client, src, m->id, show_body_landed, st);
	if (m->n_attachments == 0 && !m->body_main)
		ebox_get_attachments(s->client, src, m->id,
		    show_attachments_landed, st);
}

/* "Id: 1a2b3c4d (provider/messageId)", what `save` and `hide` take. */
static void
show_id(const struct mailbox_entry *en)
{
	const struct ebox_message *m = en->msg;

	show_label(_("Id:"));
	printf("%s (", en->short_id);
	out_text(stdout, m->provider_id ? m->provider_id : "?");
	putchar('/');
	out_text(stdout, m->id ? m->id : "?");
	puts(")");
}

/* The CLI's own words after the notices: how to confirm here. */
static void
show_hint(const struct show_state *st)
{
	if (st->body_withheld)
		puts(_("To read it, run again with --confirm-registered."));
	else if (st->en->msg->registered && st->en->msg->n_attachments > 0)
		puts(_("`ebox-tui save` asks for --confirm-registered before it "
		    "opens the main document."));
}

/* One render line in the layout of `show`: labels padded to 10 columns,
 * headings with a colon, text and documents indented. */
static void
show_render_line(const struct render_line *l, bool after_blank)
{
	/* No indent before nothing: blank lines carry no trailing spaces. */
	if (l->kind == RENDER_FIELD || *l->text != '\0')
		printf("%*s", l->indent, "");
	if (l->kind == RENDER_FIELD) {
		show_label(l->label);
		printf("%s\n", l->text);
	} else if (l->kind == RENDER_HEADING) {   /* after the render's blank */
		if (!after_blank)
			putchar('\n');
		/* TRANSLATORS: a section heading of `show` ("Payment:"). */
		printf(_("%s:\n"), l->text);
	}
	else
		printf("%s\n", l->text);       /* a blank's text is "" */
}

static void
show_text(struct show_state *st)
{
	struct app *s = st->s;
	const struct mailbox_entry *en = st->en;
	const struct ebox_message *m = en->msg;
	struct render_opts o;
	struct render r;
	bool id_done = false;
	size_t i;

	memset(&o, 0, sizeof o);
	o.lang = s->lang;
	o.now = s->mb.now;
	o.expiring_days = s->mb.expiring_days;
	o.body_withheld = st->body_withheld;
	o.sender_long = names_sender_long(s->names, m->provider_id,
	    m->sender_org_id, s->lang);
	render_message(en, &o, &r);
	for (i = 0; i < r.n; i++) {
		const struct render_line *l = &r.lines[i];

		/* The id (for `save`) closes the header block. */
		if (!id_done && l->kind != RENDER_FIELD) {
			show_id(en);
			id_done = true;
		}
		show_render_line(l, i > 0 && r.lines[i - 1].kind ==
		    RENDER_BLANK);
		if (l->kind == RENDER_NOTICE && (i + 1 == r.n ||
		    r.lines[i + 1].kind != RENDER_NOTICE))
			show_hint(st);
	}
	if (!id_done)
		show_id(en);
	render_done(&r);
}

/* --summary: the one sentence of summary.h, from the listed metadata
 * alone (it never fetches content, so it never reads registered mail). */
static int
show_summary(struct show_state *st)
{
	struct app *s = st->s;
	struct render_opts o;
	char *sentence;

	memset(&o, 0, sizeof o);
	o.lang = s->lang;
	o.now = s->mb.now;
	o.expiring_days = s->mb.expiring_days;
	sentence = summary_sentence(st->en, &o);
	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_str(g, "id", st->en->short_id);
		jsonw_str(g, "summary", sentence);
		jsonw_end(g);
	} else
		puts(sentence);
	free(sentence);
	return 0;
}

static int
show_exec(struct app *s, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "confirm-registered", no_argument, NULL, 'C' },
		{ "summary", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct show_state st;
	struct ebox_source *src;
	struct err e;
	int ch;

	err_clear(&e);
	memset(&st, 0, sizeof st);
	st.s = s;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "jCS", longopts, NULL)) != -1) {
		if (ch == 'j')
			s->json = true;
		else if (ch == 'C')
			st.confirm = true;
		else if (ch == 'S')
			st.summary = true;
		else {
			err_set(&e, ERR_USAGE, _("show: unknown option '%s'"),
			    argv[optind - 1]);
			return out_error(s, &e);
		}
	}
	if (optind + 1 != argc) {
		err_set(&e, ERR_USAGE, _("show: give exactly one message id "
		    "(see `ebox-tui list`)"));
		return out_error(s, &e);
	}
	if ((st.en = app_find(s, argv[optind], &e)) == NULL)
		return out_error(s, &e);
	if (st.summary)
		return show_summary(&st);
	/* Online, the message is fetched again (the list does not carry
	 * everything); offline, or when its provider does not answer, the
	 * copy kept in the store is shown, and says so. */
	if ((src = app_source(s, st.en, &e)) != NULL) {
		st.src = src;
		ebox_get_message(s->client, src, st.en->msg->id,
		    show_message_landed, &st);
		net_run(s->net);
	}
	if (src == NULL || st.err.code == ERR_NET ||
	    st.err.code == ERR_OFFLINE) {
		if (app_message(s, st.en, &e) == NULL)
			return out_error(s, &e);
		err_clear(&st.err);
		st.body_withheld = st.en->msg->body_main &&
		    !st.en->msg->has_body;
		out_offline(s);
	}
	if (st.err.code != 0)
		return out_error(s, &st.err);
	if (s->json) {
		struct yajl_gen_t *g = jsonw_begin();

		jsonw_key(g, "message");
		jsonw_message(g, s, st.en, true);
		jsonw_bool(g, "bodyWithheld", st.body_withheld);
		jsonw_end(g);
	} else
		show_text(&st);
	return 0;
}

const struct cmd cmd_show = {
	.name = "show",
	.args = "ID [--summary] [--confirm-registered] [--json]",
	.summary = N_("Show one message: sender, dates, status, text, details, "
	    "payment and documents."),
	.options_help =
	    N_("  --confirm-registered  read the text of registered mail whose "
	    "text is its\n"
	    "                        main content (creates a proof of reading "
	    "for the sender)\n"
	    "  --summary             one sentence: sender, subject, documents, "
	    "payment, expiry\n"
	    "  --json                print JSON (doc/json.md)\n"),
	.exec = show_exec,
};
