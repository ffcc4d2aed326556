/* mailbox.h - the store: every message of an account's providers, virtual
 * folders (named filters), sort, local search, stable short ids.
 *
 * The mailbox owns its messages.  Views never copy them: they hold
 * indices into a selection (struct mailbox_view) that is rebuilt when the
 * store, the folder, the limit or the sort changes.
 */
#ifndef EBOX_MAILBOX_H
#define EBOX_MAILBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "ebox/err.h"
#include "ebox/model.h"

#define MAILBOX_ID_LEN 8        /* short id: 8 lower-case hex digits */

struct mailbox_entry {
	struct ebox_message *msg;   /* owned */
	char short_id[MAILBOX_ID_LEN + 1];
	char *sender_name;          /* resolved display name, owned, or NULL */
	char *type_name;            /* resolved message type name, or NULL */
	bool tagged;
	unsigned gen;               /* the sync that last saw it */
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
	size_t n_partitions;
	unsigned gen;               /* bumped by each sync (mailbox_prune) */
};

void mailbox_init(struct mailbox *mb);
void mailbox_done(struct mailbox *mb);
/* Adds msg (taking ownership; msg->provider_id must be set).  A message
 * with the same provider and id is replaced, keeping its tag.  Returns
 * the entry. */
struct mailbox_entry *mailbox_add(struct mailbox *mb, struct ebox_message *msg);
void mailbox_clear(struct mailbox *mb);
/* Removes provider_id's messages that the current sync (mb->gen) did not
 * see: they are gone from the server.  Returns how many went. */
size_t mailbox_prune(struct mailbox *mb, const char *provider_id);
/* The short id: FNV-1a 64 of "provider_id/message_id", low 32 bits, hex. */
void mailbox_short_id(const char *provider_id, const char *message_id,
    char out[MAILBOX_ID_LEN + 1]);
/* Finds a message by short id (or a unique prefix of >= 4 digits) or by
 * "provider_id/message_id" or by a bare message id when unique.  NULL and
 * e set (not found / ambiguous) otherwise. */
struct mailbox_entry *mailbox_find(struct mailbox *mb, const char *id,
    struct err *e);

/* Folders are named filters over the store. */
enum folder_kind {
	FOLDER_INBOX,       /* visible */
	FOLDER_UNREAD,      /* visible and unread */
	FOLDER_REGISTERED,  /* visible registered mail */
	FOLDER_EXPIRING,    /* visible, expires within expiring_days */
	FOLDER_PAYMENTS,    /* visible with payment data */
	FOLDER_HIDDEN,      /* visible == false */
	FOLDER_ALL,         /* everything */
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
/* The folders of this mailbox: the fixed ones, then one per partition seen
 * (sorted, GENERAL first).  *out is a new array, free() it. */
size_t mailbox_folders(const struct mailbox *mb, struct folder **out);
/* Finds a folder by name, case-insensitively ("inbox", "GENERAL"). */
int mailbox_folder_find(const struct mailbox *mb, const char *name,
    struct folder *out, struct err *e);
bool mailbox_in_folder(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct folder *f);

/* Predicates used by folders and flags. */
bool mailbox_is_expiring(const struct mailbox *mb, const struct ebox_message *m);

/* A filter on top of the folder (the CLI flags and the UI limit). */
struct mailbox_filter {
	bool unread_only;
	bool registered_only;
	const char *from;       /* folded substring of sender id/name */
	const char *search;     /* folded substring, like the server's q:
	                           subject (every language), business data
	                           values, sender and type names, fta name */
};

enum sort_key { SORT_DATE, SORT_SENDER, SORT_SUBJECT, SORT_EXPIRY, SORT_DUE };
extern const char *const sort_key_names[];   /* "date","sender",... NULL */

/* A selection: indices into mb->entries, filtered and sorted. */
struct mailbox_view {
	size_t *idx;
	size_t n;
};
void mailbox_view_build(const struct mailbox *mb, const struct folder *f,
    const struct mailbox_filter *flt, enum sort_key key, bool reverse,
    struct mailbox_view *out);
void mailbox_view_done(struct mailbox_view *v);

bool mailbox_matches(const struct mailbox *mb, const struct mailbox_entry *en,
    const struct mailbox_filter *flt);

/* Flag letters for the index: N unread, R registered, ! expiring,
 * $ payment, A<n> documents when n > 1, r reply allowed, H hidden.
 * Written into out (16 bytes room), e.g. "NR!$A2". */
void mailbox_flags(const struct mailbox *mb, const struct mailbox_entry *en,
    char out[16]);

#endif
