/* archive.h - documents kept before the eBox deletes them.
 *
 * The eBox deletes a message when it expires.  After a provider's
 * listings, a sync hands the provider to the archiver: the documents the
 * archive options select (archive = off | expiring | all, archive_days,
 * archive_registered) that the store does not keep yet are downloaded,
 * at most max_requests at a time, checked against their digest and kept
 * (app_document_keep).  Annexes are fetched as they are; the main
 * document of an unread message only once it is about to expire, since
 * fetching it makes the message read at the eBox; the message then stays
 * unread here (app_set_unseen).  Registered mail is never fetched unless
 * archive_registered says so: that would be a legal proof of reading.
 */
#ifndef EBOX_ARCHIVE_H
#define EBOX_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include "ebox/app.h"

struct archiver;

/* The archiver of one provider ended (done, failed or cancelled). */
typedef void (*archiver_done_fn)(size_t kept, size_t failed, void *ud);

/* Starts archiving src's messages; NULL (fn never called) when there is
 * nothing to fetch.  The requests go through the loop. */
struct archiver *archiver_start(struct app *a, struct ebox_source *src,
    int max_requests, archiver_done_fn fn, void *ud);
/* Stops it: downloads in flight are cancelled, fn runs. */
void archiver_cancel(struct archiver *ar);

/* Whether the archive options select the message of en at all (not yet
 * which of its documents). */
bool archive_selects(const struct app *a, const struct mailbox_entry *en);

#endif
