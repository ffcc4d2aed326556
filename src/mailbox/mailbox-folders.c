/* mailbox-folders.c - the virtual folders: a table of named predicates. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ebox/i18n.h"
#include "ebox/mailbox.h"
#include "ebox/xalloc.h"

#define MAILBOX_DAY 86400
#define MAILBOX_GENERAL "GENERAL"   /* every enterprise eBox has it */

typedef bool (*mailbox_folder_fn)(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_inbox(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_unread(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_registered(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_expiring(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_payments(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_agenda(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_sent(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_kept(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_hidden(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_all(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);
static bool mailbox_folder_partition(const struct mailbox *,
    const struct mailbox_entry *, const struct folder *);

/* Indexed by enum folder_kind; the fixed folders come first in this order
 * (the partition entry has no name of its own). */
static const struct {
	const char *name;
	const char *label;
	mailbox_folder_fn has;
} mailbox_folder_table[] = {
	[FOLDER_INBOX] = { "Inbox", N_("Inbox"), mailbox_folder_inbox },
	[FOLDER_UNREAD] = { "Unread", N_("Unread"), mailbox_folder_unread },
	[FOLDER_REGISTERED] = { "Registered", N_("Registered mail"),
	    mailbox_folder_registered },
	[FOLDER_EXPIRING] = { "Expiring", N_("Expiring soon"),
	    mailbox_folder_expiring },
	[FOLDER_PAYMENTS] = { "Payments", N_("Payments"),
	    mailbox_folder_payments },
	[FOLDER_AGENDA] = { "Agenda", N_("Agenda"), mailbox_folder_agenda },
	[FOLDER_KEPT] = { "Kept", N_("Kept locally"),
	    mailbox_folder_kept },
	[FOLDER_HIDDEN] = { "Hidden", N_("Hidden"), mailbox_folder_hidden },
	[FOLDER_ALL] = { "All", N_("All messages"), mailbox_folder_all },
	[FOLDER_SENT] = { "Sent", N_("Sent replies"), mailbox_folder_sent },
	[FOLDER_PARTITION] = { NULL, NULL, mailbox_folder_partition },
};
#define MAILBOX_FIXED FOLDER_PARTITION  /* number of fixed folders */
_Static_assert(MAILBOX_FIXED <= sizeof ((struct mailbox *)0)->counts /
    sizeof ((struct mailbox *)0)->counts[0], "mailbox.counts is too small");

bool
mailbox_is_expiring(const struct mailbox *mb, const struct ebox_message *m)
{
	if (m->expiration_date == 0 || m->expiration_date <= mb->now)
		return false;
	return m->expiration_date - mb->now <=
	    (time_t)mb->expiring_days * MAILBOX_DAY;
}

static bool
mailbox_folder_inbox(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f)
{
	return en->msg->visible;
}

static bool
mailbox_folder_unread(const struct mailbox *mb,
    const struct mailbox_entry *en, const struct folder *f)
{
	return en->msg->visible && !en->msg->read;
}

static bool
mailbox_folder_registered(const struct mailbox *mb,
    const struct mailbox_entry *en, const struct folder *f)
{
	return en->msg->visible && en->msg->registered;
}

/* A message the eBox no longer has cannot expire any more. */
static bool
mailbox_folder_expiring(const struct mailbox *mb,
    const struct mailbox_entry *en, const struct folder *f)
{
	return en->msg->visible && en->on_server &&
	    mailbox_is_expiring(mb, en->msg);
}

static bool
mailbox_folder_payments(const struct mailbox *mb,
    const struct mailbox_entry *en, const struct folder *f)
{
	return en->msg->visible && en->msg->payment != NULL;
}

time_t
mailbox_deadline(const struct mailbox_entry *en)
{
	const struct ebox_message *m = en->msg;
	time_t due = 0;

	if (!en->on_server || en->sent != MAILBOX_RECEIVED)
		return 0;
	if (m->payment != NULL && !en->paid)
		due = m->payment->due_date;
	if (m->expiration_date != 0 && (due == 0 || m->expiration_date < due))
		return m->expiration_date;
	return due;
}

static bool
mailbox_folder_agenda(const struct mailbox *mb,
    const struct mailbox_entry *en, const struct folder *f)
{
	return en->msg->visible && mailbox_deadline(en) != 0;
}

static bool
mailbox_folder_sent(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f)
{
	return true;
}

static bool
mailbox_folder_kept(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f)
{
	return !en->on_server;
}

static bool
mailbox_folder_hidden(const struct mailbox *mb,
    const struct mailbox_entry *en, const struct folder *f)
{
	return !en->msg->visible;
}

static bool
mailbox_folder_all(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f)
{
	return true;
}

static bool
mailbox_folder_partition(const struct mailbox *mb,
    const struct mailbox_entry *en, const struct folder *f)
{
	return en->msg->visible && en->msg->partition_id != NULL &&
	    f->name != NULL && strcmp(en->msg->partition_id, f->name) == 0;
}

bool
mailbox_in_folder(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f)
{
	if (f == NULL)
		return en->sent == MAILBOX_RECEIVED;
	if ((size_t)f->kind >= sizeof mailbox_folder_table /
	    sizeof mailbox_folder_table[0])
		return false;
	/* Replies sent live in Sent and nowhere else. */
	if ((en->sent != MAILBOX_RECEIVED) != (f->kind == FOLDER_SENT))
		return false;
	return mailbox_folder_table[f->kind].has(mb, en, f);
}

/* Partition order: GENERAL first, then by id. */
static int
mailbox_partition_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int gx = strcmp(x, MAILBOX_GENERAL) == 0;
	int gy = strcmp(y, MAILBOX_GENERAL) == 0;

	if (gx != gy)
		return gy - gx;
	return strcmp(x, y);
}

/* The partition ids in use, sorted; the strings are the mailbox's
 * interned ones (stable until mailbox_done).  *out is a new array of
 * indices into mb->partitions. */
static size_t
mailbox_partitions(const struct mailbox *mb, size_t **out)
{
	size_t *ids = xcalloc(mb->n_partitions ? mb->n_partitions : 1,
	    sizeof *ids), i, j, n = 0, t;

	for (i = 0; i < mb->n_partitions; i++) {
		if (mb->part_counts[i].present > 0)
			ids[n++] = i;
	}
	/* Insertion sort: a handful of partitions. */
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && mailbox_partition_cmp(
		    &mb->partitions[ids[j - 1]], &mb->partitions[ids[j]]) > 0;
		    j--) {
			t = ids[j];
			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
	}
	*out = ids;
	return n;
}

size_t
mailbox_folders(const struct mailbox *mb, struct folder **out)
{
	size_t *parts, n_parts, n, i;
	struct folder *f;

	n_parts = mailbox_partitions(mb, &parts);
	n = MAILBOX_FIXED + n_parts;
	f = xcalloc(n, sizeof *f);
	for (i = 0; i < MAILBOX_FIXED; i++) {
		f[i].kind = (enum folder_kind)i;
		f[i].name = mailbox_folder_table[i].name;
		f[i].label = mailbox_folder_table[i].label;
		f[i].total = mb->counts[i].total;
		f[i].unread = mb->counts[i].unread;
	}
	for (i = 0; i < n_parts; i++) {
		struct folder *p = &f[MAILBOX_FIXED + i];

		p->kind = FOLDER_PARTITION;
		p->name = mb->partitions[parts[i]];
		p->label = strcmp(p->name, MAILBOX_GENERAL) == 0 ?
		    N_("General partition") : p->name;
		p->total = mb->part_counts[parts[i]].total;
		p->unread = mb->part_counts[parts[i]].unread;
	}
	free(parts);
	*out = f;
	return n;
}

int
mailbox_folder_find(const struct mailbox *mb, const char *name,
    struct folder *out, struct err *e)
{
	struct folder *f;
	size_t n, i;
	int r = ERR_NOTFOUND;

	n = mailbox_folders(mb, &f);
	/* Fixed folders come first, so they win over a partition that
	 * happens to share their name. */
	for (i = 0; i < n; i++) {
		if (name != NULL && strcasecmp(f[i].name, name) == 0) {
			*out = f[i];
			r = 0;
			break;
		}
	}
	free(f);
	if (r != 0)
		err_set(e, ERR_NOTFOUND, _("no folder named '%.100s'"),
		    name != NULL ? name : "");
	return r;
}
