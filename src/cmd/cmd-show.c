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

#include "cmd.h"
#include "ebox/isotime.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"

struct show_state {
	struct session *s;
	struct mailbox_entry *en;
	struct err err;         /* the message itself could not be had */
	bool confirm;           /* --confirm-registered */
	bool body_withheld;     /* registered mail, not confirmed */
};

static void
show_body_landed(struct ebox_source *src, struct tstring *body,
    const struct err *e, void *ud)
{
	struct show_state *st = ud;
	struct ebox_message *m = st->en->msg;

	/* 404 means "this message has no text": not an error for show. */
	if (e != NULL) {
		if (e->code != ERR_NOTFOUND && st->err.code == 0)
			st->err = *e;
		return;
	}
	tstring_done(&m->body);
	m->body = *body;
	m->has_body = true;
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
}

static void
show_message_landed(struct ebox_source *src, struct ebox_message *m,
    const struct err *e, void *ud)
{
	struct show_state *st = ud;
	struct session *s = st->s;

	if (e != NULL) {
		st->err = *e;
		return;
	}
	/* The fresh copy replaces the listed one (same id, keeps the tag). */
	st->en = mailbox_add(&s->mb, m);
	ebox_name_entries(s->client, &s->mb, s->lang);
	if (m->body_main && m->registered && !st->confirm) {
		st->body_withheld = true;
		return;
	}
	ebox_get_body(s->client, src, m->id, show_body_landed, st);
	if (m->n_attachments == 0 && !m->body_main)
		ebox_get_attachments(s->client, src, m->id,
		    show_attachments_landed, st);
}

static void
show_line(const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	printf("%-10s ", label);
	out_text(stdout, value);
	putchar('\n');
}

/* Prints multi-line server text indented, each line sanitised. */
static void
show_block(const char *text, const char *indent)
{
	char *clean = sanitize_text(text, SANITIZE_KEEP_NEWLINES), *line, *save;

	for (line = strtok_r(clean, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		printf("%s%s\n", indent, line);
	free(clean);
}

static void
show_status(const struct session *s, const struct ebox_message *m)
{
	char buf[256];

	snprintf(buf, sizeof buf, "%s%s%s%s%s", m->read ? "read" : "unread",
	    m->registered ? ", registered mail" : "",
	    m->visible ? "" : ", hidden",
	    m->reply_authorized ? ", reply allowed" : "",
	    m->payment ? ", payment requested" : "");
	show_line("Status:", buf);
}

static void
show_dates(const struct session *s, const struct ebox_message *m)
{
	char date[21], buf[96];
	long days;

	isotime_format_date(m->receipt_date, date);
	show_line("Received:", date);
	if (m->expiration_date != 0) {
		isotime_format_date(m->expiration_date, date);
		days = isotime_days_until(m->expiration_date, s->mb.now);
		if (days > 1)
			snprintf(buf, sizeof buf, "%s (expires in %ld days)",
			    date, days);
		else if (days == 1)
			snprintf(buf, sizeof buf, "%s (expires tomorrow)", date);
		else
			snprintf(buf, sizeof buf, "%s (expires today)", date);
		show_line("Expires:", buf);
	}
}

static void
show_payment(const struct ebox_payment *p)
{
	char buf[128], date[11];

	if (p == NULL)
		return;
	puts("\nPayment:");
	snprintf(buf, sizeof buf, "%.2f %s (VAT %.2f %s)", p->amount,
	    p->currency ? p->currency : "", p->vat_amount,
	    p->currency ? p->currency : "");
	printf("  %-10s %s\n", "Amount:", buf);
	if (p->due_date != 0) {
		isotime_format_date(p->due_date, date);
		printf("  %-10s %s\n", "Due:", date);
	}
	if (p->iban) { printf("  %-10s ", "IBAN:"); out_text(stdout, p->iban); putchar('\n'); }
	if (p->bic) { printf("  %-10s ", "BIC:"); out_text(stdout, p->bic); putchar('\n'); }
	if (p->reference) { printf("  %-10s ", "Reference:"); out_text(stdout, p->reference); putchar('\n'); }
}

static void
show_business(const struct session *s, const struct ebox_message *m)
{
	size_t i, j;

	if (m->n_business == 0)
		return;
	puts("\nDetails:");
	for (i = 0; i < m->n_business; i++) {
		const struct ebox_business_data *b = &m->business[i];
		char *name = out_tstring(s, &b->name);

		printf("  ");
		out_text(stdout, *name ? name : (b->key ? b->key : "?"));
		printf(":");
		for (j = 0; j < b->n_values; j++) {
			char *v = out_tstring(s, &b->values[j]);

			printf("%s", j ? ", " : " ");
			out_text(stdout, v);
			free(v);
		}
		putchar('\n');
		free(name);
	}
}

static void
show_documents(const struct ebox_message *m)
{
	char size[32];
	size_t i;

	if (m->n_attachments == 0)
		return;
	puts("\nDocuments:");
	for (i = 0; i < m->n_attachments; i++) {
		const struct ebox_attachment *a = &m->attachments[i];

		out_size(size, sizeof size, a->size_kb * 1024);
		printf("  %zu. %-5s ", i + 1, a->main_content ? "main" : "annex");
		out_text(stdout, a->file_name ? a->file_name : "(no name)");
		printf("  ");
		out_text(stdout, a->media_type ? a->media_type : "?");
		printf("  %s%s\n", size, a->is_signed ? "  signed" : "");
	}
}

static void
show_text(struct show_state *st)
{
	struct session *s = st->s;
	const struct mailbox_entry *en = st->en;
	const struct ebox_message *m = en->msg;
	char *body, buf[256];

	show_line("Subject:", out_subject(s, m));
	snprintf(buf, sizeof buf, "%s%s%s%s", en->sender_name ?
	    en->sender_name : "", en->sender_name ? " (" : "",
	    m->sender_org_id ? m->sender_org_id : "?", en->sender_name ? ")" : "");
	show_line("From:", buf);
	show_line("Type:", en->type_name ? en->type_name : m->message_type_id);
	show_dates(s, m);
	show_status(s, m);
	if (m->fta_name != NULL)
		show_line("For:", m->fta_name);
	show_line("Partition:", m->partition_id);
	snprintf(buf, sizeof buf, "%s (%s/%s)", en->short_id,
	    m->provider_id ? m->provider_id : "?", m->id ? m->id : "?");
	show_line("Id:", buf);
	if (m->registered && !st->body_withheld)
		puts("\nThis is registered mail: opening its main document "
		    "creates a legal\nproof of reading for the sender (`save` "
		    "asks for --confirm-registered).");
	if (st->body_withheld) {
		puts("\nThis is registered mail. Reading its text creates a legal "
		    "proof of reading\nfor the sender. To read it, run again with "
		    "--confirm-registered.");
	} else if (m->has_body && !tstring_empty(&m->body)) {
		body = out_tstring(s, &m->body);
		puts("");
		show_block(body, "  ");
		free(body);
	}
	show_business(s, m);
	show_payment(m->payment);
	show_documents(m);
}

static int
show_exec(struct session *s, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "confirm-registered", no_argument, NULL, 'C' },
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
	while ((ch = getopt_long(argc, argv, "jC", longopts, NULL)) != -1) {
		if (ch == 'j')
			s->json = true;
		else if (ch == 'C')
			st.confirm = true;
		else {
			err_set(&e, ERR_USAGE, "show: unknown option '%s'",
			    argv[optind - 1]);
			return out_error(s, &e);
		}
	}
	if (optind + 1 != argc) {
		err_set(&e, ERR_USAGE, "show: give exactly one message id "
		    "(see `ebox-tui list`)");
		return out_error(s, &e);
	}
	if ((st.en = session_find(s, argv[optind], &e)) == NULL ||
	    (src = session_source(s, st.en, &e)) == NULL)
		return out_error(s, &e);
	ebox_get_message(s->client, src, st.en->msg->id, show_message_landed,
	    &st);
	net_run(s->net);
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
	.args = "ID [--confirm-registered] [--json]",
	.summary = "Show one message: sender, dates, status, text, details, "
	    "payment and documents.",
	.options_help =
	    "  --confirm-registered  read the text of registered mail whose "
	    "text is its\n"
	    "                        main content (creates a proof of reading "
	    "for the sender)\n"
	    "  --json                print JSON (doc/json.md)\n",
	.exec = show_exec,
};
