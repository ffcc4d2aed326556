/* store.h - the durable local mailbox: one SQLite database per account.
 *
 * The eBox deletes a message when it expires; the store keeps it.  It
 * holds every message ever listed (with what the server said about it,
 * plus local state: the text once fetched, tags, "paid", whether `check`
 * announced it), the providers and what the last sync learnt about them,
 * their reference data (to name senders offline), the documents fetched
 * once (files named by their SHA-256), and a full-text index.
 *
 * Layout: DIR/store.db (SQLite, WAL, mode 0600) and DIR/documents/XX/HEX
 * (0600), DIR made 0700; DIR is $XDG_DATA_HOME/ebox-tui/ACCOUNT (data, not
 * cache: it holds what the server may have deleted).  No token, key or
 * passphrase is ever stored.  `sqlite3 DIR/store.db` shows plain tables
 * (messages, documents, attachments, business_data, providers,
 * organizations, message_types, sent, meta) a user can query.
 *
 * Durability: every write is in a transaction (a sync commits one page
 * at a time); kill -9 loses at most the page being written.  Two
 * processes on one store: SQLite's locks with a busy timeout, so the
 * second waits (reads never wait in WAL mode).
 *
 * Errors are ERR_IO with a sentence naming the file, except: a store
 * written by a newer ebox-tui, or one that is damaged, is ERR_CONFIG with
 * a sentence that names --rebuild-store as the way out.  (A store of up
 * to 32 MB is checked page by page at open; a larger one, where that
 * would cost half a second per start, as its pages are read: then any
 * function may return that ERR_CONFIG.)
 *
 * A rowid names one message for the life of the store: it survives
 * VACUUM and is never given to another message after a purge.
 */
#ifndef EBOX_STORE_H
#define EBOX_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ebox/err.h"
#include "ebox/model.h"

#define STORE_SCHEMA 3          /* the schema this code writes */

struct store;

enum {
	/* Set the existing database aside (renamed store.db.broken-DATE,
	 * never deleted) and start an empty one; documents stay. */
	STORE_REBUILD = 1 << 0,
};

/* Opens DIR/store.db, creating DIR (0700) and the database (0600) when
 * missing, and migrating an older schema (each step in a transaction, so
 * an interrupted migration leaves the old schema).  *out is the store, or
 * NULL and e says why. */
int store_open(const char *dir, int flags, struct store **out,
    struct err *e);
void store_close(struct store *s);
/* DIR/store.db, for messages. */
const char *store_file(const struct store *s);
const char *store_dir(const struct store *s);

/* One transaction (not nested).  store_rollback is safe without one.
 * Without one, each write is its own transaction.  A write that fails
 * inside one (but with ERR_NOTFOUND, decided before writing) rolls the
 * whole transaction back, so that nothing half-written is committed:
 * later writes and store_commit then fail with a sentence saying so,
 * until store_commit or store_rollback ends it.  ERR_DATA refusals
 * (a message without an id...) write nothing and end nothing. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);

/* --- small named values (last check, last sync of the account...) ------- */

/* *value is a new string; ERR_NOTFOUND when the key was never set. */
int store_meta_get(struct store *s, const char *key, char **value,
    struct err *e);
int store_meta_set(struct store *s, const char *key, const char *value,
    struct err *e);

/* --- providers -------------------------------------------------------------- */

struct store_provider {
	char *id;
	struct tstring name;
	char *url;
	char *api_version;
	time_t last_sync;       /* last sync it answered in, 0: never */
	time_t last_full;       /* last complete listing (reconciliation) */
	time_t watermark;       /* newest receiptDate it listed, 0: none */
	long rejected;          /* messages the last sync could not read */
	char *rejected_reason;  /* the first one's sentence, or NULL */
	char *error;            /* why the last sync failed, or NULL */
};
void store_provider_done(struct store_provider *p);
/* Adds or updates what the registry says (id, name, url, version); the
 * sync fields are left as they are. */
int store_provider_put(struct store *s, const struct ebox_provider *p,
    struct err *e);
/* Writes the sync fields of p (by p->id, which must exist). */
int store_provider_update(struct store *s, const struct store_provider *p,
    struct err *e);
/* ERR_NOTFOUND when unknown. */
int store_provider_get(struct store *s, const char *id,
    struct store_provider *out, struct err *e);
/* Every provider, ordered by id; *out is a new array. */
int store_providers(struct store *s, struct store_provider **out, size_t *n,
    struct err *e);

/* --- reference data (names of senders and message types, per provider) -- */

/* A put that brings new names (a new organisation or type, or one
 * renamed) re-indexes the messages that name it; the same names again
 * cost one lookup.  So a sync best puts reference data before the
 * messages of a first listing. */

int store_organization_put(struct store *s, const char *provider,
    const struct ebox_organization *o, struct err *e);
int store_message_type_put(struct store *s, const char *provider,
    const struct ebox_message_type *t, struct err *e);
/* Every one of provider; *out is a new array (free each with its _done,
 * then the array). */
int store_organizations(struct store *s, const char *provider,
    struct ebox_organization **out, size_t *n, struct err *e);
int store_message_types(struct store *s, const char *provider,
    struct ebox_message_type **out, size_t *n, struct err *e);

/* --- messages ----------------------------------------------------------------- */

enum store_change {
	STORE_SAME,             /* nothing the server says changed */
	STORE_NEW,              /* never seen before */
	STORE_CHANGED,          /* read, visible, partition... changed */
};

/* Stores m (m->provider_id set) as the server lists it now: every field
 * the server sends is replaced (subject, flags, documents, payment,
 * business data...), the message is on the server again, last seen at
 * `seen`.  Local state is kept: the text when m carries none, tags,
 * paid, announced, documents kept.  *how and *rowid (both may be NULL)
 * say what happened and where it lives.  STORE_CHANGED also when a
 * message marked gone is listed again, or when m carries a text that
 * differs from the one stored.  ERR_DATA without provider or id. */
int store_message_put(struct store *s, const struct ebox_message *m,
    time_t seen, enum store_change *how, int64_t *rowid, struct err *e);
/* After a complete listing of provider: its messages not seen since
 * `since` are no longer on the server (expired or deleted); they stay,
 * marked so.  *n (may be NULL) gets how many were newly marked. */
int store_message_gone(struct store *s, const char *provider, time_t since,
    size_t *n, struct err *e);
/* ERR_NOTFOUND when the store has no such message. */
int store_message_find(struct store *s, const char *provider,
    const char *id, int64_t *rowid, struct err *e);
/* The whole message: everything store_message_put stored plus its text
 * (has_body set when there is one).  *out is new (ebox_message_free). */
int store_message_load(struct store *s, int64_t rowid,
    struct ebox_message **out, struct err *e);
int store_message_set_body(struct store *s, int64_t rowid,
    const struct tstring *body, struct err *e);

enum store_flag {
	STORE_READ,             /* what the server says, mirrored */
	STORE_VISIBLE,
	STORE_TAGGED,           /* local */
	STORE_PAID,             /* local: the user marked the payment done */
	STORE_ANNOUNCED,        /* local: `check` reported it */
	STORE_UNSEEN,           /* local: read at the eBox only because a
	                           sync kept its main document; the user
	                           has not opened it (schema 2) */
};
int store_message_set_flag(struct store *s, int64_t rowid,
    enum store_flag flag, bool value, struct err *e);
int store_message_set_partition(struct store *s, int64_t rowid,
    const char *partition, struct err *e);
/* Removes the messages that are no longer on the server, and the kept
 * documents no other message needs (files included).  Only `ebox-tui
 * purge` calls this.  Counts in *messages and *files (may be NULL). */
int store_purge(struct store *s, size_t *messages, size_t *files,
    struct err *e);

/* The index: what the inbox holds in memory for every message, a lean
 * row (no documents, business data or text: store_message_load has
 * those).  Strings are valid during the callback only. */
struct store_row {
	int64_t rowid;
	const char *provider;
	const char *id;
	const char *subject[4];         /* nl fr de en (tstring_langs), or NULL */
	time_t received;
	time_t expires;                 /* 0: none */
	bool read, visible, registered, body_main, reply_authorized;
	bool on_server;                 /* false: kept locally only */
	bool tagged, paid, announced, unseen;
	const char *sender_org, *sender_app, *message_type, *partition;
	const char *fta_name;
	int n_documents;
	bool has_payment;
	time_t payment_due;             /* 0: none */
	double payment_amount;          /* VAT excluded */
	double payment_vat;
	const char *payment_currency;
	time_t first_seen;              /* when this store first listed it */
};
/* Calls fn for every message, newest first (by receipt date, then the
 * later stored first); a non-zero return stops the walk and is returned.
 * fn may call other store functions, and change the row it is given (set
 * a flag); other writes during a walk may or may not show in it. */
typedef int (*store_row_fn)(const struct store_row *r, void *ud);
int store_each_row(struct store *s, store_row_fn fn, void *ud,
    struct err *e);
/* The same in pieces: at most limit rows older than (received, rowid)
 * in the walk's order (the first piece: INT64_MAX for both). */
int store_each_row_before(struct store *s, int64_t received, int64_t rowid,
    int limit, store_row_fn fn, void *ud, struct err *e);
/* The same for one message. */
int store_row_get(struct store *s, int64_t rowid, store_row_fn fn, void *ud,
    struct err *e);
/* The messages `check` has not announced yet, oldest first; fn may set
 * STORE_ANNOUNCED on each as it goes. */
int store_each_unannounced(struct store *s, store_row_fn fn, void *ud,
    struct err *e);

/* --- search --------------------------------------------------------------------- */

/* Full-text search (FTS5, unicode61 remove_diacritics 2) over subjects,
 * texts, business data names and values (every language), sender and
 * message type names, document names and titles, and the
 * for-the-attention-of name.  Each word of query is a prefix ("ép" finds
 * "épinards", "francois" finds "François"), all words must match; the
 * query is never read as FTS syntax.  *rowids is a new array, in no
 * particular order.  A query without a word to search (empty, or only
 * separators such as "-") finds nothing, not everything.  ß, æ, œ, ĳ and
 * ø ł đ match ss, ae, oe, ij and o l d both ways ("strasse" finds
 * "Straße"), which unicode61 alone does not do. */
int store_search(struct store *s, const char *query, int64_t **rowids,
    size_t *n, struct err *e);
/* The same, in some columns only (the limit's ~s and ~b). */
enum store_search_in {
	STORE_IN_ALL,
	STORE_IN_SUBJECT,       /* subjects, every language */
	STORE_IN_BODY,          /* texts, business data, document names */
};
int store_search_in(struct store *s, enum store_search_in where,
    const char *query, int64_t **rowids, size_t *n, struct err *e);

/* --- documents kept -------------------------------------------------------------- */

/* Where a document with this SHA-256 lives: DIR/documents/XX/HEX (a new
 * string); it may not exist. */
char *store_document_path(const struct store *s,
    const unsigned char sha256[32]);
/* Keeps the downloaded file at from (already verified by the caller
 * against the announced digest) as document attachment_id of message
 * rowid: moved into place (0600, fsync'd; copied when from is on another
 * file system; when a file of that digest is already kept, from is
 * removed instead), and recorded.  ERR_NOTFOUND (from left alone) when
 * there is no message rowid. */
int store_document_keep(struct store *s, int64_t rowid,
    const char *attachment_id, const char *from,
    const unsigned char sha256[32], int64_t size, struct err *e);
/* The kept file of that document: *path a new string.  ERR_NOTFOUND when
 * not kept, or when the file has gone or its size changed (the record is
 * then dropped). */
int store_document_find(struct store *s, int64_t rowid,
    const char *attachment_id, char **path, struct err *e);
/* Every kept document, by message (rowid order); strings valid during
 * the callback only; a non-zero return stops the walk and is returned.
 * fn may call store_document_find (which drops a record whose file is
 * gone) but no other write. */
struct store_document {
	int64_t rowid;          /* its message */
	const char *attachment_id;
	const char *sha256;     /* 64 hex digits */
	int64_t size;
};
typedef int (*store_document_fn)(const struct store_document *d, void *ud);
int store_each_document(struct store *s, store_document_fn fn, void *ud,
    struct err *e);

/* --- replies sent ------------------------------------------------------------------ */

enum store_sent_state { STORE_SENT_SENDING, STORE_SENT_SENT, STORE_SENT_FAILED };
extern const char *const store_sent_states[];   /* "sending", ... NULL */

struct store_sent {
	int64_t id;
	char *provider, *original_id;
	char *key;              /* Idempotency-Key of every attempt */
	char *recipient;        /* the enterprise number it went to */
	char *lang;             /* of subject and body */
	char *subject, *body;
	char *files;            /* attached file names, one per line */
	char *paths;            /* where they were read, one per line (to
	                           send a failed reply again) */
	time_t created;
	enum store_sent_state state;
	char *message_id;       /* the registry's, once sent */
	time_t sent_at, expiration;     /* 0 unknown */
	char *error;            /* why it failed */
};
void store_sent_done(struct store_sent *r);
/* Records a reply before its first attempt (r->id, state and the answer
 * fields ignored): *out is its row.  The same key again (the same reply
 * tried again) gives the existing row, 'sending' again unless it was
 * sent. */
int store_sent_put(struct store *s, const struct store_sent *r,
    struct store_sent *out, struct err *e);
/* What became of it. */
int store_sent_set(struct store *s, int64_t id, enum store_sent_state state,
    const char *message_id, time_t sent_at, time_t expiration,
    const char *error, struct err *e);
int store_sent_get(struct store *s, int64_t id, struct store_sent *out,
    struct err *e);
/* Every reply, oldest first; the row is valid during the callback; a
 * non-zero return stops the walk and is returned. */
typedef int (*store_sent_fn)(const struct store_sent *r, void *ud);
int store_each_sent(struct store *s, store_sent_fn fn, void *ud,
    struct err *e);

#endif
