/* store-private.h - what the files of src/store/ share: the connection,
 * its cache of prepared statements, the error sentences and the small
 * helpers every query uses.
 *
 * Call order inside a writing function: store_op_begin, statements from
 * store_stmt (each finished with store_stmt_done), store_op_end.  The
 * strings bound with store_bind_str must live until store_stmt_done.
 */
#ifndef EBOX_STORE_PRIVATE_H
#define EBOX_STORE_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#include "ebox/buf.h"
#include "ebox/err.h"
#include "ebox/model.h"
#include "ebox/store.h"

/* The bits of messages.flags (the schema names each one as a column). */
enum {
	STORE_BIT_READ = 1 << 0,
	STORE_BIT_VISIBLE = 1 << 1,
	STORE_BIT_REGISTERED = 1 << 2,
	STORE_BIT_BODY_MAIN = 1 << 3,
	STORE_BIT_REPLY = 1 << 4,
	STORE_BIT_ON_SERVER = 1 << 5,
	STORE_BIT_TAGGED = 1 << 6,
	STORE_BIT_PAID = 1 << 7,
	STORE_BIT_ANNOUNCED = 1 << 8,
	STORE_BIT_UNSEEN = 1 << 9,      /* schema 2 */
	/* What a put keeps: the rest is the server's word. */
	STORE_BITS_LOCAL = STORE_BIT_TAGGED | STORE_BIT_PAID |
	    STORE_BIT_ANNOUNCED | STORE_BIT_UNSEEN,
};

/* Largest text we put in one full-text column (a body is the big one). */
#define STORE_TEXT_MAX (64u * 1024 * 1024)
/* SQLite waits this long for another process's write lock. */
#define STORE_BUSY_MS 5000

/* One cached prepared statement per query; the SQL lives next to the
 * code that binds it (store_stmt's argument), the id only names the slot. */
enum store_stmt_id {
	STORE_Q_BEGIN, STORE_Q_COMMIT, STORE_Q_ROLLBACK,
	STORE_Q_META_GET, STORE_Q_META_SET,
	STORE_Q_PROVIDER_PUT, STORE_Q_PROVIDER_UPDATE, STORE_Q_PROVIDER_GET,
	STORE_Q_PROVIDERS,
	STORE_Q_ORG_GET, STORE_Q_ORG_PUT, STORE_Q_ORGS, STORE_Q_ORG_MESSAGES,
	STORE_Q_ORG_NAMES,
	STORE_Q_TYPE_GET, STORE_Q_TYPE_PUT, STORE_Q_TYPES,
	STORE_Q_TYPE_MESSAGES, STORE_Q_TYPE_NAMES,
	STORE_Q_MSG_LOOKUP, STORE_Q_MSG_INSERT, STORE_Q_MSG_UPDATE,
	STORE_Q_MSG_SEEN, STORE_Q_MSG_BODY_GET, STORE_Q_MSG_BODY_SET,
	STORE_Q_MSG_FIND, STORE_Q_MSG_GONE, STORE_Q_MSG_EXISTS,
	STORE_Q_MSG_LOAD, STORE_Q_MSG_PARTITION, STORE_Q_MSG_FLAGS,
	STORE_Q_MSG_FLAG,
	STORE_Q_ATT_DELETE, STORE_Q_ATT_INSERT, STORE_Q_ATT_LOAD,
	STORE_Q_BIZ_DELETE, STORE_Q_BIZ_INSERT, STORE_Q_BIZ_LOAD,
	STORE_Q_BIZ_VALUES,
	STORE_Q_ROWS, STORE_Q_ROWS_BEFORE, STORE_Q_ROW, STORE_Q_UNANNOUNCED,
	STORE_Q_FTS_INSERT, STORE_Q_FTS_UPDATE, STORE_Q_FTS_TEXT,
	STORE_Q_FTS_SENDER, STORE_Q_FTS_MATCH,
	STORE_Q_DOC_PUT, STORE_Q_DOC_GET, STORE_Q_DOC_DROP,
	STORE_Q_PURGE_DIGESTS, STORE_Q_PURGE_FTS, STORE_Q_PURGE_MESSAGES,
	STORE_Q_DOC_NEEDED, STORE_Q_DOC_EACH,
	STORE_Q_SENT_PUT, STORE_Q_SENT_GET, STORE_Q_SENT_STATE,
	STORE_Q_SENT_EACH,
	STORE_Q_COUNT
};

struct store {
	sqlite3 *db;
	char *dir;                      /* DIR, as given */
	char *file;                     /* DIR/store.db */
	sqlite3_stmt *stmt[STORE_Q_COUNT];
	/* The FTS5 unicode61 tokenizer, to tell a query word that holds
	 * something searchable from one made only of separators
	 * (store-search.c); created on first use. */
	Fts5Tokenizer *tok;
	fts5_tokenizer tok_api;
	bool tok_tried;
	/* A write failed inside the caller's transaction and rolled it
	 * back: store_commit says so instead of committing nothing. */
	bool failed;
};

/* --- store-sql.c ----------------------------------------------------------- */

/* *st: the cached statement id, prepared from sql on first use, reset
 * and with no bindings. */
int store_stmt(struct store *s, enum store_stmt_id id, const char *sql,
    sqlite3_stmt **st, struct err *e);
/* Ends a use of st: reset (ending its read) and bindings cleared (the
 * bound strings need not live any longer).  st may be NULL. */
void store_stmt_done(sqlite3_stmt *st);
/* The sentence for an SQLite failure rc on s->file; returns the code
 * (ERR_CONFIG for a damaged file, else ERR_IO). */
int store_sqlerr(struct store *s, int rc, struct err *e);
/* The ERR_CONFIG sentence for a damaged store (what: SQLite's words). */
int store_damaged(const char *file, const char *what, struct err *e);
/* Steps st to its end (a write); 0 or the error. */
int store_step_done(struct store *s, sqlite3_stmt *st, struct err *e);
/* Runs a statement without parameters (BEGIN, COMMIT...) to its end. */
int store_exec(struct store *s, enum store_stmt_id id, const char *sql,
    struct err *e);

/* NULL binds NULL: a missing field stays missing, "" stays "". */
void store_bind_str(sqlite3_stmt *st, int i, const char *v);
/* 0 ("none") binds NULL, for the columns where 0 means absent. */
void store_bind_time0(sqlite3_stmt *st, int i, time_t t);
/* Binds the 4 languages of t to i .. i+3 (nl fr de en). */
void store_bind_tstring(sqlite3_stmt *st, int i, const struct tstring *t);
/* A new copy of column i, NULL for SQL NULL. */
char *store_col_str(sqlite3_stmt *st, int i);
void store_col_tstring(sqlite3_stmt *st, int i, struct tstring *t);
time_t store_col_time(sqlite3_stmt *st, int i);
/* Same text (NULL equals only NULL); in every language. */
bool store_str_equal(const char *a, const char *b);
bool store_tstring_equal(const struct tstring *a, const struct tstring *b);

/* One write: a transaction of its own (BEGIN IMMEDIATE) when the caller
 * holds none, else part of the caller's.  Not a savepoint: FTS5 writes
 * its pending index to disk at every savepoint, which made a page of
 * 100 puts several times slower.  A failure halfway rolls the caller's
 * whole transaction back instead (store_op_end), so nothing half-written
 * is ever committed either way.  *own says which. */
int store_op_begin(struct store *s, bool *own, struct err *e);
/* The sentence for a write after a failure rolled the caller's
 * transaction back (s->failed). */
int store_aborted(struct store *s, struct err *e);
/* Commits (r == 0) or rolls back what store_op_begin began, or on
 * failure the caller's transaction (but for ERR_NOTFOUND, which the
 * functions decide before writing); returns r, or the commit's error. */
int store_op_end(struct store *s, bool own, int r, struct err *e);

/* --- store-schema.c -------------------------------------------------------- */

/* Brings s->db to STORE_SCHEMA (or refuses a newer one), checks FTS5. */
int store_schema_migrate(struct store *s, struct err *e);

/* --- store-digest.c -------------------------------------------------------- */

#define STORE_DIGEST_LEN 16     /* bytes of SHA-256 kept */
/* What the server said about m, but read, visible and partition (which
 * local actions change too: compared one by one) and the text.  -1 when
 * OpenSSL could not compute it: the caller then counts the put as a
 * change (slower, never wrong). */
int store_digest_message(const struct ebox_message *m,
    unsigned char out[STORE_DIGEST_LEN]);

/* --- store-search.c -------------------------------------------------------- */

/* Appends text (may be NULL) to a full-text column being built, folded
 * the way the search folds its words. */
void store_search_add(struct buf *b, const char *text);
/* Writes the full-text row of message rowid from m: a new row, or every
 * column again; the text column only when text is not NULL (the text
 * fetched earlier stays indexed). */
int store_search_index(struct store *s, int64_t rowid,
    const struct ebox_message *m, bool is_new, const struct tstring *text,
    struct err *e);
int store_search_set_text(struct store *s, int64_t rowid,
    const struct tstring *body, struct err *e);
/* Replaces the sender column of one row (text already folded). */
int store_search_set_sender(struct store *s, int64_t rowid,
    const char *text, struct err *e);
/* Frees the tokenizer. */
void store_search_done(struct store *s);

/* --- store-attachments.c, store-business.c --------------------------------- */

/* Replaces the rows of message rowid with m's (in m's order); fresh:
 * the message was just inserted, it has none yet. */
int store_attachments_write(struct store *s, int64_t rowid,
    const struct ebox_message *m, bool fresh, struct err *e);
int store_business_write(struct store *s, int64_t rowid,
    const struct ebox_message *m, bool fresh, struct err *e);
/* Fills m->attachments / m->business from the rows of message rowid. */
int store_attachments_load(struct store *s, int64_t rowid,
    struct ebox_message *m, struct err *e);
int store_business_load(struct store *s, int64_t rowid,
    struct ebox_message *m, struct err *e);

/* --- store-docs.c ---------------------------------------------------------- */

/* The file of a digest written as text: DIR/documents/XX/HEX, or NULL
 * when hex is not 64 lower-case hex digits (a record edited by hand must
 * not name a file elsewhere). */
char *store_docs_path(const struct store *s, const char *hex);

/* --- store-refdata.c ------------------------------------------------------- */

/* Appends the names of the message's sender and type (every language)
 * to b, for the full-text sender column. */
int store_refdata_sender_text(struct store *s, const char *provider,
    const char *org, const char *type, struct buf *b, struct err *e);

#endif
