/* agenda.c - the mailbox's deadlines, and as iCalendar (agenda.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/agenda.h"
#include "ebox/buf.h"
#include "ebox/i18n.h"
#include "ebox/isotime.h"
#include "ebox/render.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"

static int
agenda_cmp(const void *a, const void *b)
{
	const struct agenda_item *x = a, *y = b;

	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->en->short_id, y->en->short_id);
}

size_t
agenda_build(struct mailbox *mb, struct agenda_item **out)
{
	size_t i, n = 0;

	*out = xcalloc(mb->n * 2 + 1, sizeof **out);
	for (i = 0; i < mb->n; i++) {
		struct mailbox_entry *en = &mb->entries[i];
		const struct ebox_message *m = en->msg;

		if (!en->on_server || en->sent != MAILBOX_RECEIVED)
			continue;
		if (m->payment != NULL && m->payment->due_date != 0 && !en->paid)
			(*out)[n++] = (struct agenda_item){ en, AGENDA_PAY,
			    m->payment->due_date };
		if (m->expiration_date != 0)
			(*out)[n++] = (struct agenda_item){ en, AGENDA_EXPIRES,
			    m->expiration_date };
	}
	qsort(*out, n, sizeof **out, agenda_cmp);
	return n;
}

char *
agenda_what(const struct agenda_item *it, const char *lang)
{
	const struct ebox_payment *p = it->en->msg->payment;
	char money[64];

	if (it->kind == AGENDA_EXPIRES)
		return xstrdup(_("Expires: save what you need"));
	text_money(money, sizeof money, p->amount + p->vat_amount,
	    p->currency, lang);
	return xasprintf(_("Pay %s"), money);
}

char *
agenda_text(const struct agenda_item *it, size_t n, const char *lang,
    time_t now)
{
	char date[16], days[48], *what, *sender, *clean;
	struct buf b;
	size_t i;

	buf_init(&b, 64 * 1024 * 1024);
	if (n == 0)
		buf_printf(&b, "%s\n", _("No deadline: nothing to pay, nothing "
		    "about to expire."));
	for (i = 0; i < n; i++) {
		const struct ebox_message *m = it[i].en->msg;
		const char *subject = tstring_pick(&m->subject, lang, NULL);

		isotime_format_date(it[i].when, date);
		if (it[i].kind == AGENDA_PAY &&
		    isotime_days_until(it[i].when, now) < 0)
			snprintf(days, sizeof days, "%s", _("overdue"));
		else
			render_days(it[i].when, now, days, sizeof days);
		what = agenda_what(&it[i], lang);
		/* One line each, whatever the sender put in them. */
		sender = sanitize_text(it[i].en->sender_name ?
		    it[i].en->sender_name : m->sender_org_id, 0);
		clean = sanitize_text(subject ? subject : "", 0);
		buf_printf(&b, "%s  %-14s  %s  %s  %s: %s\n", date, days,
		    it[i].en->short_id, what, sender, clean);
		free(what);
		free(sender);
		free(clean);
	}
	return buf_steal(&b);
}

/* One content line: "NAME:VALUE" with TEXT escaping (RFC 5545 3.3.11)
 * and folded at 75 octets without splitting a UTF-8 character (3.1). */
static void
ics_line(struct buf *b, const char *name, const char *value, bool text)
{
	struct buf l;
	const char *s;
	size_t i, col = 0, n;

	buf_init(&l, 64 * 1024);
	buf_puts(&l, name);
	buf_puts(&l, ":");
	for (s = value; s != NULL && *s != '\0'; s++) {
		if (text && (*s == '\\' || *s == ';' || *s == ','))
			buf_printf(&l, "\\%c", *s);
		else if (text && *s == '\n')
			buf_puts(&l, "\\n");
		else if ((unsigned char)*s >= 0x20 || *s == '\t')
			buf_append(&l, s, 1);
	}
	for (i = 0; i < l.len; i += n) {
		/* The first line holds 75 octets, the next ones 74 after
		 * their leading space. */
		size_t room = col == 0 ? 75 : 74;

		n = l.len - i < room ? l.len - i : room;
		while (n > 1 && i + n < l.len &&
		    ((unsigned char)l.data[i + n] & 0xc0) == 0x80)
			n--;
		if (col++ > 0)
			buf_puts(b, " ");
		buf_append(b, l.data + i, n);
		buf_puts(b, "\r\n");
	}
	buf_done(&l);
}

static void
ics_date(char out[9], time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 9, "%Y%m%d", &tm);
}

char *
agenda_ics(const struct agenda_item *it, size_t n, const char *lang,
    time_t now)
{
	char stamp[17], start[9], end[9], *what, *summary, *uid, *desc, *full;
	const char *subject, *sender;
	struct buf b;
	struct tm tm;
	size_t i;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	buf_init(&b, 256 * 1024 * 1024);
	buf_puts(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//ebox-tui//agenda//EN\r\nCALSCALE:GREGORIAN\r\n"
	    "METHOD:PUBLISH\r\n");
	for (i = 0; i < n; i++) {
		const struct ebox_message *m = it[i].en->msg;

		subject = tstring_pick(&m->subject, lang, NULL);
		sender = it[i].en->sender_name ? it[i].en->sender_name :
		    m->sender_org_id;
		what = agenda_what(&it[i], lang);
		/* TRANSLATORS: "Pay €312.40 — FPS Finance: Payment reminder". */
		full = xasprintf(_("%s — %s: %s"), what, sender ? sender : "",
		    subject ? subject : "");
		summary = sanitize_text(full, 0);
		free(full);
		/* Stable across runs: the same deadline is the same event. */
		uid = xasprintf("%s-%s-%s@ebox-tui", it[i].kind == AGENDA_PAY ?
		    "pay" : "expires", m->provider_id, m->id);
		desc = xasprintf(_("eBox message %s from %s. ebox-tui show %s"),
		    it[i].en->short_id, sender, it[i].en->short_id);
		ics_date(start, it[i].when);
		ics_date(end, it[i].when + 86400);
		buf_puts(&b, "BEGIN:VEVENT\r\n");
		ics_line(&b, "UID", uid, false);
		ics_line(&b, "DTSTAMP", stamp, false);
		ics_line(&b, "DTSTART;VALUE=DATE", start, false);
		ics_line(&b, "DTEND;VALUE=DATE", end, false);
		ics_line(&b, "SUMMARY", summary, true);
		ics_line(&b, "DESCRIPTION", desc, true);
		buf_puts(&b, "TRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\n"
		    "ACTION:DISPLAY\r\nTRIGGER:-P7D\r\n");
		ics_line(&b, "DESCRIPTION", summary, true);
		buf_puts(&b, "END:VALARM\r\nEND:VEVENT\r\n");
		free(what);
		free(summary);
		free(uid);
		free(desc);
	}
	buf_puts(&b, "END:VCALENDAR\r\n");
	return buf_steal(&b);
}
