/* mailbox.h - the in-memory view of an account's mail: every message of
 * the store, virtual folders (named filters) with counts kept up to date
 * as messages change, sort, local search, stable short ids.
 *
 * The mailbox is fed by the app layer from the store (local first): an
 * entry holds a lean copy of its message (what the index needs: ids,
 * subject, dates, flags, sender, type, partition, payment) and the whole
 * message only once someone needed it (app_message()).  Views never copy
 * messages: they hold indices into a selection (struct mailbox_view) that
 * is built once and then updated by the entries a change touched, so the
 * work per synced page is proportional to the page.
 */
#ifndef EBOX_MAILBOX_H
#define EBOX_MAILBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "ebox/err.h"
#include "ebox/model.h"

#define MAILBOX_ID_LEN 8        /* short id: 8 lower-case hex digits */

struct mailbox_entry {
	struct ebox_message *msg;   /* owned; lean (no documents, business
	                               data or text) unless full */
	bool full;                  /* msg is the whole message */
	int64_t rowid;              /* in the store; 0 when not stored */
	char short_id[MAILBOX_ID_LEN + 1];
	const char *sender_name;    /* display name (names.h; not owned) */
	const char *type_name;      /* message type name (not owned) */
	int n_documents;            /* even when msg is lean */
	bool tagged;
	bool on_server;             /* false: no longer listed by the
	                               server (expired or deleted), kept */
	bool stale;                 /* its provider failed the last sync */
	bool paid;                  /* the payment was marked done locally */
	enum mailbox_sent {         /* a reply from here (the store's sent
	                               table), in the Sent folder only */
		MAILBOX_RECEIVED = 0,   /* not a reply: mail received */
		MAILBOX_SENDING,
		MAILBOX_SENT,
		MAILBOX_SEND_FAILED,
	} sent;
	char *sent_note;            /* a reply's fate in a sentence (its
	                               eBox message id, or why it failed);
	                               owned */
	bool unseen;                /* read at the eBox only because a sync
	                               kept its main document: shown unread
	                               until the user opens it */
	unsigned gen;               /* the sync that last saw it */
	/* Folded (case and accents) keys, made once when first asked
	 * (sort, limit ~f): a sort of 100 000 folded every subject. */
	char *fold_subject, *fold_sender;
	const char *fold_sender_of; /* the sender_name it was made from */
	char fold_subject_lang[3];  /* the mb->lang it was made for */
};

/* Counts of one folder, kept up to date by every change. */
struct folder_count {
	size_t total, unread;
	size_t present;             /* partitions: entries in it, hidden too */
};

struct mailbox {
	struct mailbox_entry *entries;
	size_t n;
	size_t cap;
	time_t now;                 /* "today" for expiry rules (tests set it) */
	int expiring_days;          /* default 15 */
	const char *lang;           /* preferred content language, not owned */
	size_t *slots;              /* private: hash of provider/id -> index+1 */
	size_t n_slots;             /* private: a power of two, or 0 */
	char **partitions;          /* private: every partition id seen, kept
	                               until mailbox_done (folder names) */
	struct folder_count *part_counts;  /* private: per partitions[i] */
	size_t n_partitions;
	struct folder_count counts[10];    /* private: per fixed folder kind */
	unsigned gen;               /* bumped by each sync (mailbox_prune) */
};

void mailbox_init(struct mailbox *mb);
void mailbox_done(struct mailbox *mb);
/* Adds msg (taking ownership; msg->provider_id must be set; full says
 * whether it is the whole message).  A message with the same provider
 * and id is replaced, keeping the entry's local state (tag, paid, unseen,
 * names, rowid) and a text fetched earlier when the new copy carries none.
 * Folder counts follow.  Returns the entry (entries may move: hold short
 * ids or indices, not pointers, across adds). */
struct mailbox_entry *mailbox_add(struct mailbox *mb, struct ebox_message *msg,
    bool full);
/* Replaces en's lean message with the whole one (ownership taken). */
void mailbox_set_full(struct mailbox *mb, struct mailbox_entry *en,
    struct ebox_message *full);
/* Flag changes that folders count: always through these. */
void mailbox_set_read(struct mailbox *mb, struct mailbox_entry *en, bool read);
void mailbox_set_visible(struct mailbox *mb, struct mailbox_entry *en,
    bool visible);
void mailbox_set_partition(struct mailbox *mb, struct mailbox_entry *en,
    const char *partition);
void mailbox_set_on_server(struct mailbox *mb, struct mailbox_entry *en,
    bool on_server);
/* Makes en a reply sent from here (or back into mail received), with
 * note (copied) as its fate. */
void mailbox_set_sent(struct mailbox *mb, struct mailbox_entry *en,
    enum mailbox_sent sent, const char *note);
/* Counts every folder again (after "now" moved: expiring changes). */
void mailbox_recount(struct mailbox *mb);
void mailbox_clear(struct mailbox *mb);
/* Removes provider_id's messages that the current sync (mb->gen) did not
 * see.  Returns how many went.  (The store-backed app keeps such
 * messages instead: mailbox_set_on_server.) */
size_t mailbox_prune(struct mailbox *mb, const char *provider_id);
/* The index of en in mb->entries. */
size_t mailbox_index(const struct mailbox *mb, const struct mailbox_entry *en);
/* The entry of provider/id, or NULL. */
struct mailbox_entry *mailbox_get(struct mailbox *mb, const char *provider_id,
    const char *message_id);
/* The short id: FNV-1a 64 of "provider_id/message_id", low 32 bits, hex. */
void mailbox_short_id(const char *provider_id, const char *message_id,
    char out[MAILBOX_ID_LEN + 1]);
/* Finds a message by short id (or a unique prefix of >= 4 digits) or by
 * "provider_id/message_id" or by a bare message id when unique.  NULL and
 * e set (not found / ambiguous) otherwise. */
struct mailbox_entry *mailbox_find(struct mailbox *mb, const char *id,
    struct err *e);

/* Folders are named filters over the mailbox. */
enum folder_kind {
	FOLDER_INBOX,       /* visible */
	FOLDER_UNREAD,      /* visible and unread */
	FOLDER_REGISTERED,  /* visible registered mail */
	FOLDER_EXPIRING,    /* visible, expires within expiring_days */
	FOLDER_PAYMENTS,    /* visible with payment data */
	FOLDER_AGENDA,      /* visible, still on the eBox, with a deadline:
	                       a payment due (not marked paid) or an expiry */
	FOLDER_KEPT,        /* no longer on the server, kept locally */
	FOLDER_HIDDEN,      /* visible == false */
	FOLDER_ALL,         /* everything received */
	FOLDER_SENT,        /* replies sent from here */
	FOLDER_PARTITION,   /* visible, in one partition */
};
struct folder {
	enum folder_kind kind;
	const char *name;   /* "Inbox", ... or the partition id (owned by mb,
	                       valid until mailbox_done, even across a
	                       refresh that replaces every message) */
	const char *label;  /* English label for display */
	size_t total, unread;
};
/* The folders of this mailbox: the fixed ones, then one per partition in
 * use (sorted, GENERAL first), with their counts (no scan: the counts are
 * kept).  *out is a new array, free() it. */
size_t mailbox_folders(const struct mailbox *mb, struct folder **out);
/* Finds a folder by name, case-insensitively ("inbox", "GENERAL"). */
int mailbox_folder_find(const struct mailbox *mb, const char *name,
    struct folder *out, struct err *e);
bool mailbox_in_folder(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f);

/* en's subject (in mb->lang, else another language) and sender name
 * (else enterprise number), folded (text_fold): kept in the entry, made
 * again after it changes.  The subject is NULL when there is none; the
 * sender "" when unknown. */
const char *mailbox_folded_subject(const struct mailbox *mb,
    const struct mailbox_entry *en);
const char *mailbox_folded_sender(const struct mailbox_entry *en);

/* Predicates used by folders and flags. */
bool mailbox_is_expiring(const struct mailbox *mb, const struct ebox_message *m);
/* en's nearest deadline (a payment due and not marked paid, or the
 * expiry), 0 when it has none or the eBox no longer has it. */
time_t mailbox_deadline(const struct mailbox_entry *en);

/* A filter on top of the folder (the CLI flags and the UI limit).
 * match, when set, decides instead of the fields below (a pattern: see
 * pattern.h). */
struct mailbox_filter {
	bool unread_only;
	bool registered_only;
	const char *from;       /* folded substring of sender id/name */
	const char *search;     /* folded substring, like the server's q:
	                           subject (every language), sender and type
	                           names, fta name; hits, when set, instead */
	const int64_t *hits;    /* sorted rowids the store's full-text search
	                           found for search (NULL: match in memory) */
	size_t n_hits;
	bool (*match)(const struct mailbox *mb, const struct mailbox_entry *en,
	    const void *ud);
	const void *match_ud;
};

enum sort_key { SORT_DATE, SORT_SENDER, SORT_SUBJECT, SORT_EXPIRY, SORT_DUE,
	SORT_DEADLINE };        /* the nearest of due (unpaid) and expiry */
extern const char *const sort_key_names[];   /* "date","sender",... NULL */

/* A selection: indices into mb->entries, filtered and sorted.  The
 * Agenda folder sorted by date (newest first, the default) is sorted by
 * deadline instead: the nearest first. */
struct mailbox_view {
	size_t *idx;
	size_t n;
	/* What it was built with, for mailbox_view_update. */
	struct folder folder;
	bool has_folder;
	enum sort_key key;
	bool reverse;
};
void mailbox_view_build(const struct mailbox *mb, const struct folder *f,
    const struct mailbox_filter *flt, enum sort_key key, bool reverse,
    struct mailbox_view *out);
/* Brings v up to date after the entries at indices touched[0..n) were
 * added or changed (flt as when v was built): they leave the view, and
 * those that now belong are merged back in order.  Work proportional to
 * the view plus n log n, no filtering of the whole mailbox. */
void mailbox_view_update(const struct mailbox *mb, struct mailbox_view *v,
    const struct mailbox_filter *flt, const size_t *touched, size_t n);
void mailbox_view_done(struct mailbox_view *v);
/* The row of entry index idx in v, or -1. */
long mailbox_view_row(const struct mailbox_view *v, size_t idx);

bool mailbox_matches(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct mailbox_filter *flt);
/* Whether rowid is among the sorted hits. */
bool mailbox_hit(const int64_t *hits, size_t n, int64_t rowid);

/* Flag letters for the index: N unread, R registered, ! expiring,
 * $ payment (P once marked paid), A<n> documents when n > 1, r reply
 * allowed, H hidden, K kept locally (gone from the server), S stale (its
 * provider did not answer the last sync).  Written into
 * out (16 bytes room), e.g. "NR!$A2". */
void mailbox_flags(const struct mailbox *mb, const struct mailbox_entry *en,
    char out[16]);

#endif
