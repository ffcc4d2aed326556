/* ui-pay.c - `$` shows what a message asks to pay, checked like a bank
 * would, the words first (a screen reader reads them; the QR code is for
 * a phone's camera, below); `p` marks it paid on this computer, which the
 * eBox never knows; `A` lists every deadline, the nearest first. */
#include "config.h"

#include <stdlib.h>

#include "ebox/agenda.h"
#include "ebox/buf.h"
#include "ebox/i18n.h"
#include "ebox/pay.h"
#include "ebox/paytext.h"
#include "ebox/qr.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ui-ops.h"

/* The message $ or p is about, whole (the payment's details are not in
 * the list), or NULL after saying why. */
static struct mailbox_entry *
ui_pay_entry(struct ui *ui)
{
	struct mailbox_entry *en = ui->view == VIEW_PAGER &&
	    ui->pager.short_id != NULL ? mailbox_find(&ui->app->mb,
	    ui->pager.short_id, NULL) : ui_index_selected(ui);
	struct err e;

	if (en == NULL)
		return NULL;
	if (app_message(ui->app, en, &e) == NULL) {
		ui_note_error(ui, "pay", "%s", e.msg);
		return NULL;
	}
	if (en->msg->payment == NULL) {
		ui_note(ui, "pay", "%s", _("This message asks for no payment."));
		return NULL;
	}
	return en;
}

/* The words, then the code (or why there is none). */
static char *
ui_pay_text(struct ui *ui, const struct mailbox_entry *en)
{
	struct pay_info pi;
	char *lines = NULL, *problems, *epc, **qr;
	size_t i, n;
	struct buf b;

	pay_check(en->msg->payment, &pi);
	buf_init(&b, 256 * 1024);
	lines = paytext_lines(ui->app, en, &pi);
	buf_puts(&b, lines);
	free(lines);
	buf_puts(&b, "\n");
	if ((problems = paytext_problems(&pi)) != NULL) {
		buf_printf(&b, "%s\n", problems);
		free(problems);
		return buf_steal(&b);
	}
	if (ui->ascii) {
		buf_printf(&b, _("The QR code for a banking app needs a UTF-8 "
		    "terminal; `ebox-tui pay %s --qr png FILE` writes it as an "
		    "image.\n"), en->short_id);
		return buf_steal(&b);
	}
	buf_puts(&b, _("The QR code below holds the same transfer for a "
	    "banking app (EPC, SEPA credit transfer):\n"));
	epc = pay_epc(&pi, en->sender_name ? en->sender_name :
	    en->msg->sender_org_id);
	if ((qr = qr_lines(epc, ui->pay_invert, &n)) != NULL) {
		for (i = 0; i < n; i++)
			buf_printf(&b, "%s\n", qr[i]);
		qr_lines_free(qr);
	}
	free(epc);
	return buf_steal(&b);
}

int
op_show_payment(struct ui *ui, int count)
{
	struct mailbox_entry *en = ui_pay_entry(ui);
	const char *subject;
	char *text, *heading;

	if (en == NULL)
		return UI_DIRTY_LINE;
	subject = tstring_pick(&en->msg->subject, ui->app->lang, NULL);
	if (subject == NULL)
		subject = _("(no subject)");
	text = ui_pay_text(ui, en);
	heading = xasprintf(_("Payment: %s"), subject);
	ui_pager_show_titled(ui, heading, subject, text);
	free(heading);
	free(text);
	return UI_DIRTY_ALL;
}

int
op_toggle_paid(struct ui *ui, int count)
{
	struct mailbox_entry *en = ui_pay_entry(ui);
	size_t idx;

	if (en == NULL)
		return UI_DIRTY_LINE;
	app_set_paid(ui->app, en, !en->paid);
	ui_note(ui, "pay", "%s", en->paid ? _("Marked as paid on this computer "
	    "(the eBox does not know; p again takes it back).") :
	    _("No longer marked as paid."));
	idx = mailbox_index(&ui->app->mb, en);
	ui_index_update(ui, &idx, 1);
	return UI_DIRTY_ALL;
}

int
op_show_agenda(struct ui *ui, int count)
{
	struct agenda_item *it = NULL;
	size_t n = agenda_build(&ui->app->mb, &it);
	char *text = agenda_text(it, n, ui->app->lang, ui->app->mb.now);
	char *heading = xasprintf(ngettext("Agenda: %zu deadline, the nearest "
	    "first", "Agenda: %zu deadlines, the nearest first", n), n);

	ui_pager_show_titled(ui, heading, _("Agenda"), text);
	free(heading);
	free(text);
	free(it);
	return UI_DIRTY_ALL;
}
