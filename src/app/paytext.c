/* paytext.c - a payment said in words (paytext.h). */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "ebox/buf.h"
#include "ebox/i18n.h"
#include "ebox/isotime.h"
#include "ebox/paytext.h"
#include "ebox/text.h"

char *
paytext_problems(const struct pay_info *pi)
{
	struct buf b;

	buf_init(&b, 4096);
	if (!pi->iban_ok)
		buf_printf(&b, _("The IBAN %s is not valid (its check digits "
		    "do not match). "), pi->iban);
	if (!pi->ref_ok)
		buf_printf(&b, pi->ref_kind == PAY_REF_RF ?
		    _("The reference %s is not a valid RF creditor reference. ") :
		    _("The structured communication is not valid (its check "
		    "digits do not match). "), pi->ref);
	if (!pi->amount_ok)
		buf_puts(&b, _("The amount is not a payable amount in euro. "));
	if (b.len == 0) {
		buf_done(&b);
		return NULL;
	}
	buf_puts(&b, _("No QR code is made: check with the sender before "
	    "paying."));
	return buf_steal(&b);
}

char *
paytext_lines(const struct app *a, const struct mailbox_entry *en,
    const struct pay_info *pi)
{
	const struct ebox_payment *p = en->msg->payment;
	char money[64], ref[24], date[64], *groups;
	const char *subject = tstring_pick(&en->msg->subject, a->lang, NULL);
	time_t now = a->mb.now;         /* the day the whole mailbox uses */
	struct buf b;

	buf_init(&b, 16384);
	buf_printf(&b, _("Payment asked by %s: %s\n"), en->sender_name ?
	    en->sender_name : en->msg->sender_org_id, subject ? subject : "");
	text_money(money, sizeof money, (double)pi->cents / 100, "EUR",
	    a->lang);
	buf_printf(&b, _("  Amount:     %s\n"), pi->amount_ok ? money : "?");
	groups = pay_iban_groups(pi->iban);
	buf_printf(&b, _("  IBAN:       %s%s\n"), groups, pi->iban_ok ? "" :
	    _(" (not valid)"));
	free(groups);
	if (pi->bic[0] != '\0')
		buf_printf(&b, _("  BIC:        %s\n"), pi->bic);
	if (pi->ref_kind == PAY_REF_BELGIAN && pi->ref_ok) {
		pay_ref_belgian(pi->ref, ref);
		buf_printf(&b, _("  Reference:  %s (structured communication)\n"),
		    ref);
	} else if (pi->ref_kind != PAY_REF_NONE) {
		buf_puts(&b, _("  Reference:  "));
		buf_puts(&b, pi->ref_ok ? pi->ref : p->reference);
		buf_printf(&b, "%s\n", pi->ref_ok ? "" : _(" (not valid)"));
	}
	if (p->due_date != 0) {
		text_date_long(date, sizeof date, p->due_date, now);
		if (isotime_days_until(p->due_date, now) < 0)
			buf_printf(&b, _("  Due:        %s (overdue)\n"), date);
		else
			buf_printf(&b, _("  Due:        %s\n"), date);
	}
	buf_printf(&b, "%s\n", en->paid ?
	    _("  Paid:       marked as paid on this computer") :
	    _("  Paid:       not marked (the eBox does not know)"));
	return buf_steal(&b);
}
