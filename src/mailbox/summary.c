/* summary.c - the one-sentence summary of a message (summary.h): what it
 * is and who sent it, how many documents, what to pay by when, and when
 * it expires — the facts a citizen acts on, in reading order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/sanitize.h"
#include "ebox/summary.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"

/* "15 May" (the year too when it is not this year's). */
static void
summary_date(time_t t, time_t now, char *buf, size_t n)
{
	struct tm tm, tn;

	localtime_r(&t, &tm);
	localtime_r(&now, &tn);
	if (strftime(buf, n, tm.tm_year == tn.tm_year ? "%-d %B" :
	    "%-d %B %Y", &tm) == 0)
		snprintf(buf, n, "?");
}

char *
summary_sentence(const struct mailbox_entry *en, const struct render_opts *o)
{
	const struct ebox_message *m = en->msg;
	const char *subject = tstring_pick(&m->subject, o->lang, NULL);
	struct buf b;
	char date[64], *sender, *subj;

	buf_init(&b, 64 * 1024);
	sender = text_trim(sanitize_text(en->sender_name ? en->sender_name :
	    (m->sender_org_id ? m->sender_org_id : _("an unknown sender")), 0));
	subj = text_trim(sanitize_text(subject ? subject : _("(no subject)"),
	    0));
	/* The subject may end with its own full stop. */
	if (*subj != '\0' && strchr(".!?", subj[strlen(subj) - 1]) != NULL)
		subj[strlen(subj) - 1] = '\0';
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
	if (m->payment != NULL) {
		char amount[128], *cur = m->payment->currency ?
		    sanitize_text(m->payment->currency, 0) : NULL;

		text_money(amount, sizeof amount, m->payment->amount +
		    m->payment->vat_amount, cur && *cur ? cur : NULL, o->lang);
		free(cur);
		buf_puts(&b, " ");
		if (m->payment->due_date != 0) {
			summary_date(m->payment->due_date, o->now, date,
			    sizeof date);
			buf_printf(&b, _("Pay %s by %s."), amount, date);
		} else
			buf_printf(&b, _("Pay %s."), amount);
	}
	if (m->expiration_date != 0) {
		summary_date(m->expiration_date, o->now, date, sizeof date);
		buf_puts(&b, " ");
		buf_printf(&b, _("Expires on %s."), date);
	}
	return buf_steal(&b);
}
