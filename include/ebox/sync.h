/* sync.h - what changed on the servers, into the store, then the mailbox.
 *
 * For every active provider of the registry: its reference data (to name
 * senders), then the new messages (receivedAfter the watermark less a day
 * of overlap), then, when the last complete listing is older than
 * reconcile_minutes or SYNC_FULL asks, a complete listing that notices
 * read, visibility and partition changes and the messages the server no
 * longer lists (kept, marked so).  Pages are requested until totalItems
 * is reached, at most max_requests at a time per provider.  Each page is
 * committed to the store in one transaction, then merged into the
 * mailbox; on_change tells which entries moved.  A provider that fails
 * keeps its messages, marked stale; the others go on.
 */
#ifndef EBOX_SYNC_H
#define EBOX_SYNC_H

#include <stddef.h>
#include "ebox/app.h"

enum {
	SYNC_FULL = 1 << 0,     /* a complete listing of every provider */
	SYNC_NEW_ONLY = 1 << 1, /* new messages only (check) */
};

struct sync_cb {
	/* Entries (indices into a->mb.entries) added or changed. */
	void (*on_change)(struct app *a, const size_t *touched, size_t n,
	    void *ud);
	/* The sync is over, cancelled or not: a->last has the figures. */
	void (*on_done)(struct app *a, void *ud);
	void *ud;
};

/* Starts a sync in the background (the loop runs it); ERR_USAGE when one
 * is already running. */
int sync_start(struct app *a, int flags, const struct sync_cb *cb,
    struct err *e);
/* Stops the sync in flight (its requests are cancelled; what was
 * committed stays); on_done runs.  Nothing happens without one. */
void sync_cancel(struct app *a);
bool sync_running(const struct app *a);
/* Frees what a sync state holds (its notices) and zeroes it. */
void sync_state_clear(struct app_sync_state *st);

#endif
