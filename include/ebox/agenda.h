/* agenda.h - the deadlines of the mailbox: payments due and messages
 * about to leave the eBox, nearest first, and as an iCalendar file
 * (RFC 5545) that calendar applications import. */
#ifndef EBOX_AGENDA_H
#define EBOX_AGENDA_H

#include <stddef.h>
#include <time.h>

#include "ebox/mailbox.h"

enum agenda_kind {
	AGENDA_PAY,             /* a payment's due date (not marked paid) */
	AGENDA_EXPIRES,         /* the eBox deletes the message then */
};

struct agenda_item {
	struct mailbox_entry *en;
	enum agenda_kind kind;
	time_t when;
};

/* Every deadline of the messages the eBox still has, nearest first (the
 * same day: payments first).  *out is a new array. */
size_t agenda_build(struct mailbox *mb, struct agenda_item **out);
/* The deadline said in a few words, in the catalogue's language: "Pay
 * €312.40" or "Expires: save what you need".  A new string. */
char *agenda_what(const struct agenda_item *it, const char *lang);
/* One line each: "2026-12-06  in 5 days  affb8a3f  Pay €312.40  SENDER:
 * SUBJECT" ("overdue" for a payment past due), server text sanitised to
 * one line, or a sentence when there is none.  A new string. */
char *agenda_text(const struct agenda_item *it, size_t n, const char *lang,
    time_t now);
/* The items as a VCALENDAR: one all-day VEVENT each, UID stable across
 * runs (KIND-MESSAGEID@ebox-tui), a VALARM a week before, DTSTAMP now;
 * CRLF lines folded at 75 octets.  A new string. */
char *agenda_ics(const struct agenda_item *it, size_t n, const char *lang,
    time_t now);

#endif
