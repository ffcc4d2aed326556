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

static bool mailbox_folder_inbox(const struct mailbox *,
    const struct ebox_message *, const struct folder *);
static bool mailbox_folder_unread(const struct mailbox *,
    const struct ebox_message *, const struct folder *);
static bool mailbox_folder_registered(const struct mailbox *,
    const struct ebox_message *, const struct folder *);
static bool mailbox_folder_expiring(const struct mailbox *,
    const struct ebox_message *, const struct folder *);
static bool mailbox_folder_payments(const struct mailbox *,
    const struct ebox_message *, const struct folder *);
static bool mailbox_folder_hidden(const struct mailbox *,
    const struct ebox_message *, const struct folder *);
static bool mailbox_folder_all(const struct mailbox *,
    const struct ebox_message *, const struct folder *);
static bool mailbox_folder_partition(const struct mailbox *,
    const struct ebox_message *, const struct folder *);

/* Indexed by enum folder_kind; the fixed folders come first in this order
 * (the partition entry has no name of its own). */
static const struct {
	const char *name;
	const char *label;
	bool (*has)(const struct mailbox *, const struct ebox_message *,
	    const struct folder *);
} mailbox_folder_table[] = {
	[FOLDER_INBOX] = { "Inbox", N_("Inbox"), mailbox_folder_inbox },
	[FOLDER_UNREAD] = { "Unread", N_("Unread"), mailbox_folder_unread },
	[FOLDER_REGISTERED] = { "Registered", N_("Registered mail"),
	    mailbox_folder_registered },
	[FOLDER_EXPIRING] = { "Expiring", N_("Expiring soon"),
	    mailbox_folder_expiring },
	[FOLDER_PAYMENTS] = { "Payments", N_("Payments"),
	    mailbox_folder_payments },
	[FOLDER_HIDDEN] = { "Hidden", N_("Hidden"), mailbox_folder_hidden },
	[FOLDER_ALL] = { "All", N_("All messages"), mailbox_folder_all },
	[FOLDER_PARTITION] = { NULL, NULL, mailbox_folder_partition },
};
#define MAILBOX_FIXED FOLDER_PARTITION  /* number of fixed folders */

bool
mailbox_is_expiring(const struct mailbox *mb, const struct ebox_message *m)
{
	if (m->expiration_date == 0 || m->expiration_date <= mb->now)
		return false;
	return m->expiration_date - mb->now <=
	    (time_t)mb->expiring_days * MAILBOX_DAY;
}

static bool
mailbox_folder_inbox(const struct mailbox *mb, const struct ebox_message *m,
    const struct folder *f)
{
	return m->visible;
}

static bool
mailbox_folder_unread(const struct mailbox *mb, const struct ebox_message *m,
    const struct folder *f)
{
	return m->visible && !m->read;
}

static bool
mailbox_folder_registered(const struct mailbox *mb,
    const struct ebox_message *m, const struct folder *f)
{
	return m->visible && m->registered;
}

static bool
mailbox_folder_expiring(const struct mailbox *mb,
    const struct ebox_message *m, const struct folder *f)
{
	return m->visible && mailbox_is_expiring(mb, m);
}

static bool
mailbox_folder_payments(const struct mailbox *mb,
    const struct ebox_message *m, const struct folder *f)
{
	return m->visible && m->payment != NULL;
}

static bool
mailbox_folder_hidden(const struct mailbox *mb, const struct ebox_message *m,
    const struct folder *f)
{
	return !m->visible;
}

static bool
mailbox_folder_all(const struct mailbox *mb, const struct ebox_message *m,
    const struct folder *f)
{
	return true;
}

static bool
mailbox_folder_partition(const struct mailbox *mb,
    const struct ebox_message *m, const struct folder *f)
{
	return m->visible && m->partition_id != NULL && f->name != NULL &&
	    strcmp(m->partition_id, f->name) == 0;
}

bool
mailbox_in_folder(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f)
{
	if (f == NULL)
		return true;
	if ((size_t)f->kind >= sizeof mailbox_folder_table /
	    sizeof mailbox_folder_table[0])
		return false;
	return mailbox_folder_table[f->kind].has(mb, en->msg, f);
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

/* The partition ids in use in the store, sorted; the strings are the
 * mailbox's interned ones (stable until mailbox_done).  *out is a new
 * array. */
static size_t
mailbox_partitions(const struct mailbox *mb, const char ***out)
{
	const char **ids = xcalloc(mb->n_partitions ? mb->n_partitions : 1,
	    sizeof *ids);
	bool *used = xcalloc(mb->n_partitions ? mb->n_partitions : 1,
	    sizeof *used);
	const char *p;
	size_t i, j, n = 0;

	for (i = 0; i < mb->n; i++) {
		if ((p = mb->entries[i].msg->partition_id) == NULL)
			continue;
		for (j = 0; j < mb->n_partitions; j++) {
			if (strcmp(mb->partitions[j], p) == 0) {
				used[j] = true;
				break;
			}
		}
	}
	for (j = 0; j < mb->n_partitions; j++) {
		if (used[j])
			ids[n++] = mb->partitions[j];
	}
	free(used);
	qsort(ids, n, sizeof *ids, mailbox_partition_cmp);
	*out = ids;
	return n;
}

static void
mailbox_folder_count(const struct mailbox *mb, struct folder *f)
{
	const struct mailbox_entry *en;
	size_t i;

	f->total = f->unread = 0;
	for (i = 0; i < mb->n; i++) {
		en = &mb->entries[i];
		if (!mailbox_in_folder(mb, en, f))
			continue;
		f->total++;
		if (!en->msg->read)
			f->unread++;
	}
}

size_t
mailbox_folders(const struct mailbox *mb, struct folder **out)
{
	const char **parts;
	size_t n_parts, n, i;
	struct folder *f;

	n_parts = mailbox_partitions(mb, &parts);
	n = MAILBOX_FIXED + n_parts;
	f = xcalloc(n, sizeof *f);
	for (i = 0; i < MAILBOX_FIXED; i++) {
		f[i].kind = (enum folder_kind)i;
		f[i].name = mailbox_folder_table[i].name;
		f[i].label = mailbox_folder_table[i].label;
	}
	for (i = 0; i < n_parts; i++) {
		f[MAILBOX_FIXED + i].kind = FOLDER_PARTITION;
		f[MAILBOX_FIXED + i].name = parts[i];
		f[MAILBOX_FIXED + i].label =
		    strcmp(parts[i], MAILBOX_GENERAL) == 0 ?
		    N_("General partition") : parts[i];
	}
	free(parts);
	for (i = 0; i < n; i++)
		mailbox_folder_count(mb, &f[i]);
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
