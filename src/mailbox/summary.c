/* summary.c - the one-sentence summary of a message (summary.h): what it
 * is and who sent it, how many documents, what to pay by when (or that
 * the payment is overdue), and when it expires — the facts a citizen acts
 * on, in reading order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/isotime.h"
#include "ebox/sanitize.h"
#include "ebox/summary.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"

/* "What to pay by when", or that the day has passed: the whole due day
 * is still in time, as in render.c. */
static void
summary_payment(struct buf *b, const struct ebox_payment *p,
    const struct render_opts *o)
{
	char amount[128], date[64], *cur = p->currency ?
	    sanitize_text(p->currency, 0) : NULL;

	text_money(amount, sizeof amount, p->amount + p->vat_amount,
	    cur && *cur ? cur : NULL, o->lang);
	free(cur);
	buf_puts(b, " ");
	if (p->due_date == 0) {
		buf_printf(b, _("Pay %s."), amount);
		return;
	}
	text_date_long(date, sizeof date, p->due_date, o->now);
	if (isotime_days_until(p->due_date, o->now) < 0)
		buf_printf(b, _("Payment of %s was due on %s (overdue)."),
		    amount, date);
	else
		buf_printf(b, _("Pay %s by %s."), amount, date);
}

/* The subject, sanitised, without its own full stop, and with its
 * language named when it is not the one asked for (a screen reader
 * would read it with the wrong voice). */
static char *
summary_subject(const struct ebox_message *m, const struct render_opts *o)
{
	const char *used = NULL;
	const char *subject = tstring_pick(&m->subject, o->lang, &used);
	char *subj, *marked;

	subj = text_trim(sanitize_text(subject ? subject : _("(no subject)"),
	    0));
	if (*subj != '\0' && strchr(".!?", subj[strlen(subj) - 1]) != NULL)
		subj[strlen(subj) - 1] = '\0';
	if (subject == NULL || used == NULL || o->lang == NULL ||
	    strcmp(used, o->lang) == 0)
		return subj;
	/* TRANSLATORS: a subject, then the name of its language. */
	marked = xasprintf(_("%s (in %s)"), subj, i18n_lang_name(used));
	free(subj);
	return marked;
}

char *
summary_sentence(const struct mailbox_entry *en, const struct render_opts *o)
{
	const struct ebox_message *m = en->msg;
	struct buf b;
	char date[64], *sender, *subj;

	buf_init(&b, 64 * 1024);
	sender = text_trim(sanitize_text(en->sender_name ? en->sender_name :
	    (m->sender_org_id ? m->sender_org_id : _("an unknown sender")), 0));
	subj = summary_subject(m, o);
	buf_printf(&b, m->registered ? _("Registered mail from %s: %s.") :
	    _("Message from %s: %s."), sender, subj);
	free(sender);
	free(subj);
	if (en->n_documents > 0) {
		size_t nd = (size_t)en->n_documents;

		buf_puts(&b, " ");
		buf_printf(&b, ngettext("%zu document.", "%zu documents.", nd),
		    nd);
	}
	if (m->payment != NULL)
		summary_payment(&b, m->payment, o);
	if (m->expiration_date != 0) {
		/* The server deletes a message at its expiration instant. */
		text_date_long(date, sizeof date, m->expiration_date, o->now);
		buf_puts(&b, " ");
		buf_printf(&b, m->expiration_date <= o->now ?
		    _("Expired on %s.") : _("Expires on %s."), date);
	}
	return buf_steal(&b);
}
