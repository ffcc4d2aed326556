/* store-schema.c - the tables of store.db, as a list of migration steps.
 *
 * PRAGMA user_version is the schema a store holds.  Each step brings it
 * from the version before to its own, in one transaction with the new
 * user_version, so an interrupted migration leaves the old schema whole.
 * A new schema is a new step at the end of store_schema_steps (and
 * STORE_SCHEMA in store.h goes up by one); a step already shipped is
 * never edited.
 *
 * The tables are meant to be read with `sqlite3 store.db` too: plain
 * columns, one per field, translated texts as four columns (_nl _fr _de
 * _en), times as INTEGER unix seconds, JSON only for business data
 * values (a list of translated texts).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "store-private.h"

/* Version 1: the first store. */
static const char store_schema_v1[] =
	/* Small named values: the last check, the last sync... */
	"CREATE TABLE meta ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL);"

	/* Message Registries, with what the last sync learnt of each. */
	"CREATE TABLE providers ("
	" id TEXT PRIMARY KEY,"
	" name_nl TEXT, name_fr TEXT, name_de TEXT, name_en TEXT,"
	" url TEXT,"
	" api_version TEXT,"
	" last_sync INTEGER NOT NULL DEFAULT 0,"
	" last_full INTEGER NOT NULL DEFAULT 0,"
	" watermark INTEGER NOT NULL DEFAULT 0,"
	" rejected INTEGER NOT NULL DEFAULT 0,"
	" rejected_reason TEXT,"
	" error TEXT);"

	/* Reference data, to name senders and types offline. */
	"CREATE TABLE organizations ("
	" provider TEXT NOT NULL,"
	" id TEXT NOT NULL,"
	" short_nl TEXT, short_fr TEXT, short_de TEXT, short_en TEXT,"
	" long_nl TEXT, long_fr TEXT, long_de TEXT, long_en TEXT,"
	" url_nl TEXT, url_fr TEXT, url_de TEXT, url_en TEXT,"
	" PRIMARY KEY (provider, id));"
	"CREATE TABLE message_types ("
	" provider TEXT NOT NULL,"
	" id TEXT NOT NULL,"
	" name_nl TEXT, name_fr TEXT, name_de TEXT, name_en TEXT,"
	" description_nl TEXT, description_fr TEXT, description_de TEXT,"
	" description_en TEXT,"
	" validity_number INTEGER NOT NULL DEFAULT 0,"
	" validity_unit TEXT,"
	" PRIMARY KEY (provider, id));"

	/* One row per message.  rowid is declared (INTEGER PRIMARY KEY) so
	 * that VACUUM never renumbers it, and AUTOINCREMENT so that a purged
	 * message's number is never given to another while a running
	 * ebox-tui still holds it.  The texts come last: a long body before
	 * the other columns would cost every read of them an overflow page.
	 *
	 * The yes/no fields live in one number, flags (bits in
	 * store-private.h), because every column the walk of the inbox
	 * reads costs as much as the next: nine columns were an eighth of
	 * the walk of a large box.  Each is also a column of its own name
	 * (read, visible... computed, not stored) for people who query the
	 * table. */
	"CREATE TABLE messages ("
	" rowid INTEGER PRIMARY KEY AUTOINCREMENT,"
	" provider TEXT NOT NULL,"
	" id TEXT NOT NULL,"
	" short_id TEXT NOT NULL,"
	" received INTEGER NOT NULL,"
	" expires INTEGER,"                     /* NULL: none */
	" flags INTEGER NOT NULL,"
	" read INTEGER GENERATED ALWAYS AS (flags & 1 != 0) VIRTUAL,"
	" visible INTEGER GENERATED ALWAYS AS (flags & 2 != 0) VIRTUAL,"
	" registered INTEGER GENERATED ALWAYS AS (flags & 4 != 0) VIRTUAL,"
	" body_main INTEGER GENERATED ALWAYS AS (flags & 8 != 0) VIRTUAL,"
	" reply_authorized INTEGER GENERATED ALWAYS AS (flags & 16 != 0)"
	"  VIRTUAL,"
	" on_server INTEGER GENERATED ALWAYS AS (flags & 32 != 0) VIRTUAL,"
	" tagged INTEGER GENERATED ALWAYS AS (flags & 64 != 0) VIRTUAL,"
	" paid INTEGER GENERATED ALWAYS AS (flags & 128 != 0) VIRTUAL,"
	" announced INTEGER GENERATED ALWAYS AS (flags & 256 != 0) VIRTUAL,"
	" sender_org TEXT,"
	" sender_app TEXT,"
	" message_type TEXT,"
	" partition TEXT,"
	" fta_name TEXT,"
	" n_documents INTEGER NOT NULL DEFAULT 0,"
	" payment_amount REAL,"                 /* NULL: no payment */
	" payment_vat REAL,"
	" payment_currency TEXT,"
	" payment_due INTEGER,"                 /* NULL: none */
	" first_seen INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" subject_nl TEXT, subject_fr TEXT, subject_de TEXT, subject_en TEXT,"
	" original_id TEXT,"
	" fta_id TEXT,"
	" fta_type TEXT,"
	" payment_id TEXT,"
	" payment_iban TEXT,"
	" payment_bic TEXT,"
	" payment_reference TEXT,"
	/* SHA-256 (first 16 bytes) of what the server said, but read,
	 * visible, partition and the text: tells an unchanged listing from
	 * a changed one without reading the message back. */
	" server_digest BLOB NOT NULL,"
	" has_body INTEGER NOT NULL DEFAULT 0,"
	" body_nl TEXT, body_fr TEXT, body_de TEXT, body_en TEXT,"
	" UNIQUE (provider, id));"
	/* The walk of the inbox (store_each_row), newest first, reads this
	 * index alone: it holds every column of struct store_row, so the
	 * walk never seeks into the wide rows (a fifth of its time). */
	"CREATE INDEX messages_walk ON messages (received, rowid, provider,"
	" id, subject_nl, subject_fr, subject_de, subject_en, expires, flags,"
	" sender_org, sender_app, message_type, partition, fta_name,"
	" n_documents, payment_due, payment_amount, payment_vat,"
	" payment_currency, first_seen);"
	/* store_message_gone: a provider's messages not seen since... */
	"CREATE INDEX messages_provider_seen ON messages (provider, last_seen);"
	/* `check`: only the few not yet announced (flag 256), oldest
	 * first. */
	"CREATE INDEX messages_unannounced ON messages (received)"
	" WHERE flags & 256 = 0;"
	/* New names for a sender or a type: its messages' search rows. */
	"CREATE INDEX messages_sender ON messages (provider, sender_org);"
	"CREATE INDEX messages_type ON messages (provider, message_type);"

	/* A message's documents, in the server's order. */
	"CREATE TABLE attachments ("
	" message INTEGER NOT NULL REFERENCES messages (rowid)"
	"  ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" attachment_id TEXT,"
	" title_nl TEXT, title_fr TEXT, title_de TEXT, title_en TEXT,"
	" file_name TEXT,"
	" main INTEGER NOT NULL,"
	" media_type TEXT,"
	" size_kb REAL NOT NULL,"
	" digest_method TEXT,"
	" digest_value TEXT,"
	" signed INTEGER NOT NULL,"
	" content_href TEXT,"
	" PRIMARY KEY (message, position)) WITHOUT ROWID;"

	/* values_json: [{"nl": ..., "fr": ..., "de": ..., "en": ...}, ...],
	 * a language missing when the server gave none. */
	"CREATE TABLE business_data ("
	" message INTEGER NOT NULL REFERENCES messages (rowid)"
	"  ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" key TEXT,"
	" name_nl TEXT, name_fr TEXT, name_de TEXT, name_en TEXT,"
	" description_nl TEXT, description_fr TEXT, description_de TEXT,"
	" description_en TEXT,"
	" values_json TEXT NOT NULL DEFAULT '[]',"
	" PRIMARY KEY (message, position)) WITHOUT ROWID;"

	/* Documents kept: the file is DIR/documents/XX/SHA256 (XX: its
	 * first two digits), shared by every row with that digest. */
	"CREATE TABLE documents ("
	" message INTEGER NOT NULL REFERENCES messages (rowid)"
	"  ON DELETE CASCADE,"
	" attachment_id TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" size INTEGER NOT NULL,"
	" kept_at INTEGER NOT NULL,"
	" PRIMARY KEY (message, attachment_id)) WITHOUT ROWID;"
	"CREATE INDEX documents_sha256 ON documents (sha256);"

	/* Full text, one row per message (rowid = messages.rowid).  The
	 * text indexed is folded (ß as ss...: store-search.c), so it is
	 * for matching, not for showing. */
	"CREATE VIRTUAL TABLE search USING fts5 ("
	" subject, text, business, sender, documents, fta,"
	" tokenize = \"unicode61 remove_diacritics 2\");";

struct store_schema_step {
	int version;            /* user_version once this step is done */
	const char *sql;
};

/* Schema 2: the unseen flag (bit 512), and its column for people who
 * query the table.  flags already holds it: no row changes. */
static const char store_schema_v2[] =
	"ALTER TABLE messages ADD COLUMN unseen INTEGER"
	" GENERATED ALWAYS AS (flags & 512 != 0) VIRTUAL;";

/* Schema 3: replies sent (or being sent) from this account.  A row is
 * written before the first attempt, so a reply is never lost: state
 * 'sending' until the registry answered ('sent', with its messageId) or
 * gave up ('failed', with the sentence).  idempotency_key is the
 * Idempotency-Key of every attempt (the same reply, the same key). */
static const char store_schema_v3[] =
	"CREATE TABLE sent ("
	" id INTEGER PRIMARY KEY,"
	" provider TEXT NOT NULL,"
	" original_id TEXT NOT NULL,"
	" idempotency_key TEXT NOT NULL UNIQUE,"
	" recipient TEXT NOT NULL,"
	" lang TEXT NOT NULL,"
	" subject TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" files TEXT NOT NULL DEFAULT '',"
	" paths TEXT NOT NULL DEFAULT '',"
	" created INTEGER NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'sending'"
	"  CHECK (state IN ('sending', 'sent', 'failed')),"
	" message_id TEXT,"
	" sent_at INTEGER,"
	" expiration INTEGER,"
	" error TEXT);";

static const struct store_schema_step store_schema_steps[] = {
	{ 1, store_schema_v1 },
	{ 2, store_schema_v2 },
	{ 3, store_schema_v3 },
};

#define STORE_SCHEMA_N \
	(sizeof store_schema_steps / sizeof store_schema_steps[0])

/* PRAGMA user_version, or a negative error. */
static int
store_schema_version(struct store *s, int *version, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : store_sqlerr(s, rc, e);
}

/* A clear sentence when this SQLite cannot do full-text search at all,
 * rather than "no such module" halfway through a migration. */
static int
store_schema_check_fts5(struct store *s, struct err *e)
{
	int rc;

	if (sqlite3_compileoption_used("ENABLE_FTS5"))
		return 0;
	/* It may still be there (loaded as an extension): try it. */
	rc = sqlite3_exec(s->db, "CREATE VIRTUAL TABLE temp.store_fts5_probe "
	    "USING fts5(x); DROP TABLE temp.store_fts5_probe;", NULL, NULL,
	    NULL);
	if (rc == SQLITE_OK)
		return 0;
	return err_set(e, ERR_IO, _("the SQLite library lacks full-text search "
	    "(FTS5), which ebox-tui needs for %s: install an SQLite built with "
	    "it"), s->file);
}

/* The sentence for a store this code cannot read. */
static int
store_schema_newer(struct store *s, int version, struct err *e)
{
	return err_set(e, ERR_CONFIG, _("%s was written by a newer ebox-tui "
	    "(store schema %d; this one reads up to %d): update ebox-tui, or "
	    "start it with --rebuild-store to set this store aside and build a "
	    "new one from the server"), s->file, version, STORE_SCHEMA);
}

/* Runs one step in a transaction of its own.  Another process may have
 * run it while we waited for the lock: the version is read again
 * inside. */
static int
store_schema_step(struct store *s, const struct store_schema_step *step,
    struct err *e)
{
	char sql[64];
	int rc, r = 0, version;

	if ((rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return store_sqlerr(s, rc, e);
	if ((r = store_schema_version(s, &version, e)) != 0)
		goto out;
	if (version > STORE_SCHEMA) {
		r = store_schema_newer(s, version, e);
		goto out;
	}
	if (version >= step->version)
		goto out;
	if ((rc = sqlite3_exec(s->db, step->sql, NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		r = store_sqlerr(s, rc, e);
		goto out;
	}
	/* PRAGMA takes no parameter; the number is ours, not data. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", step->version);
	if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		r = store_sqlerr(s, rc, e);
out:
	if (r == 0 && (rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		r = store_sqlerr(s, rc, e);
	if (r != 0 && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

int
store_schema_migrate(struct store *s, struct err *e)
{
	int r, version;
	size_t i;

	if ((r = store_schema_version(s, &version, e)) != 0)
		return r;
	if (version > STORE_SCHEMA)
		return store_schema_newer(s, version, e);
	if ((r = store_schema_check_fts5(s, e)) != 0)
		return r;
	for (i = 0; i < STORE_SCHEMA_N; i++) {
		if (store_schema_steps[i].version <= version)
			continue;
		if ((r = store_schema_step(s, &store_schema_steps[i], e)) != 0)
			return r;
	}
	return 0;
}
