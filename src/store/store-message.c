/* store-message.c - writing messages: what a listing says (put), what is
 * no longer listed (gone), the text, the flags and the partition.
 *
 * A put costs what changed: an unchanged message (most of a
 * reconciliation) is one lookup and one small update; the documents,
 * business data and search row are written again only when the
 * server's digest of them changed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/mailbox.h"
#include "store-private.h"

/* The parameters of the message's columns, shared by the INSERT and the
 * UPDATE of store_message_put (store_message_bind fills them). */
enum {
	STORE_P_PROVIDER = 1, STORE_P_ID, STORE_P_SHORT_ID, STORE_P_RECEIVED,
	STORE_P_EXPIRES, STORE_P_FLAGS, STORE_P_SENDER_ORG,
	STORE_P_SENDER_APP, STORE_P_TYPE, STORE_P_PARTITION, STORE_P_FTA_NAME,
	STORE_P_N_DOCUMENTS, STORE_P_PAY_AMOUNT, STORE_P_PAY_VAT,
	STORE_P_PAY_CURRENCY, STORE_P_PAY_DUE, STORE_P_SEEN,
	STORE_P_SUBJECT,                        /* 4: nl fr de en */
	STORE_P_ORIGINAL_ID = STORE_P_SUBJECT + 4, STORE_P_FTA_ID,
	STORE_P_FTA_TYPE, STORE_P_PAY_ID, STORE_P_PAY_IBAN, STORE_P_PAY_BIC,
	STORE_P_PAY_REFERENCE, STORE_P_DIGEST, STORE_P_HAS_BODY,
	STORE_P_BODY,                           /* 4: nl fr de en */
	STORE_P_ROWID = STORE_P_BODY + 4,
};

/* The SQL below writes STORE_BITS_LOCAL as a number. */
_Static_assert(STORE_BITS_LOCAL == 960, "store-message.c SQL keeps 960");

static const char store_message_sql_insert[] =
	"INSERT INTO messages (provider, id, short_id, received, expires,"
	" flags, sender_org, sender_app, message_type, partition, fta_name,"
	" n_documents, payment_amount, payment_vat, payment_currency,"
	" payment_due, first_seen, last_seen, subject_nl, subject_fr,"
	" subject_de, subject_en, original_id, fta_id, fta_type, payment_id,"
	" payment_iban, payment_bic, payment_reference, server_digest,"
	" has_body, body_nl, body_fr, body_de, body_en) VALUES (?1, ?2, ?3,"
	" ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17,"
	" ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31,"
	" ?32, ?33, ?34)";

/* Every column the server sends but the text; the local flags (960:
 * tagged, paid, announced, unseen) stay. */
static const char store_message_sql_update[] =
	"UPDATE messages SET received = ?4, expires = ?5,"
	" flags = (flags & 960) | ?6, sender_org = ?7, sender_app = ?8,"
	" message_type = ?9, partition = ?10, fta_name = ?11,"
	" n_documents = ?12, payment_amount = ?13, payment_vat = ?14,"
	" payment_currency = ?15, payment_due = ?16, last_seen = ?17,"
	" subject_nl = ?18, subject_fr = ?19, subject_de = ?20,"
	" subject_en = ?21, original_id = ?22, fta_id = ?23, fta_type = ?24,"
	" payment_id = ?25, payment_iban = ?26, payment_bic = ?27,"
	" payment_reference = ?28, server_digest = ?29 WHERE rowid = ?35";

/* What a put needs to know of the stored message. */
struct store_message_old {
	int64_t rowid;
	unsigned char digest[STORE_DIGEST_LEN];
	int flags;
	bool has_body;
	char *partition;
};

/* The flags the server gives m, and "on the server" since it lists it. */
static int
store_message_server_bits(const struct ebox_message *m)
{
	return (m->read ? STORE_BIT_READ : 0) |
	    (m->visible ? STORE_BIT_VISIBLE : 0) |
	    (m->registered ? STORE_BIT_REGISTERED : 0) |
	    (m->body_main ? STORE_BIT_BODY_MAIN : 0) |
	    (m->reply_authorized ? STORE_BIT_REPLY : 0) |
	    STORE_BIT_ON_SERVER;
}

/* Binds m's columns; the text only for the INSERT (with_body): a put
 * never removes a text fetched earlier. */
static void
store_message_bind(sqlite3_stmt *st, const struct ebox_message *m,
    const char *short_id, const unsigned char *digest, time_t seen,
    bool with_body)
{
	const struct ebox_payment *p = m->payment;
	static const struct tstring none;

	store_bind_str(st, STORE_P_PROVIDER, m->provider_id);
	store_bind_str(st, STORE_P_ID, m->id);
	store_bind_str(st, STORE_P_SHORT_ID, short_id);
	sqlite3_bind_int64(st, STORE_P_RECEIVED, (sqlite3_int64)m->receipt_date);
	store_bind_time0(st, STORE_P_EXPIRES, m->expiration_date);
	sqlite3_bind_int(st, STORE_P_FLAGS, store_message_server_bits(m));
	store_bind_str(st, STORE_P_SENDER_ORG, m->sender_org_id);
	store_bind_str(st, STORE_P_SENDER_APP, m->sender_app_id);
	store_bind_str(st, STORE_P_TYPE, m->message_type_id);
	store_bind_str(st, STORE_P_PARTITION, m->partition_id);
	store_bind_str(st, STORE_P_FTA_NAME, m->fta_name);
	sqlite3_bind_int64(st, STORE_P_N_DOCUMENTS,
	    (sqlite3_int64)m->n_attachments);
	/* No payment: every payment column NULL (the unbound default). */
	if (p != NULL) {
		sqlite3_bind_double(st, STORE_P_PAY_AMOUNT, p->amount);
		sqlite3_bind_double(st, STORE_P_PAY_VAT, p->vat_amount);
		store_bind_str(st, STORE_P_PAY_CURRENCY, p->currency);
		store_bind_time0(st, STORE_P_PAY_DUE, p->due_date);
		store_bind_str(st, STORE_P_PAY_ID, p->id);
		store_bind_str(st, STORE_P_PAY_IBAN, p->iban);
		store_bind_str(st, STORE_P_PAY_BIC, p->bic);
		store_bind_str(st, STORE_P_PAY_REFERENCE, p->reference);
	}
	sqlite3_bind_int64(st, STORE_P_SEEN, (sqlite3_int64)seen);
	store_bind_tstring(st, STORE_P_SUBJECT, &m->subject);
	store_bind_str(st, STORE_P_ORIGINAL_ID, m->original_id);
	store_bind_str(st, STORE_P_FTA_ID, m->fta_id);
	store_bind_str(st, STORE_P_FTA_TYPE, m->fta_type);
	sqlite3_bind_blob(st, STORE_P_DIGEST, digest, STORE_DIGEST_LEN,
	    SQLITE_STATIC);
	if (with_body) {
		sqlite3_bind_int(st, STORE_P_HAS_BODY, m->has_body);
		store_bind_tstring(st, STORE_P_BODY,
		    m->has_body ? &m->body : &none);
	}
}

/* *found: whether provider/id is stored; old filled when it is. */
static int
store_message_lookup(struct store *s, const struct ebox_message *m,
    struct store_message_old *old, bool *found, struct err *e)
{
	const void *blob;
	sqlite3_stmt *st;
	int r, rc;

	*found = false;
	memset(old, 0, sizeof *old);
	if ((r = store_stmt(s, STORE_Q_MSG_LOOKUP,
	    "SELECT rowid, server_digest, flags, has_body, partition"
	    " FROM messages WHERE provider = ?1 AND id = ?2",
	    &st, e)) != 0)
		return r;
	store_bind_str(st, 1, m->provider_id);
	store_bind_str(st, 2, m->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		old->rowid = sqlite3_column_int64(st, 0);
		blob = sqlite3_column_blob(st, 1);
		if (blob != NULL &&
		    sqlite3_column_bytes(st, 1) == STORE_DIGEST_LEN)
			memcpy(old->digest, blob, STORE_DIGEST_LEN);
		old->flags = sqlite3_column_int(st, 2);
		old->has_body = sqlite3_column_int(st, 3) != 0;
		old->partition = store_col_str(st, 4);
	} else if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

/* Whether m's text differs from the stored one (m has a text). */
static int
store_message_body_differs(struct store *s, int64_t rowid,
    const struct ebox_message *m, bool *differs, struct err *e)
{
	struct tstring old;
	sqlite3_stmt *st;
	int r, rc;

	*differs = true;
	if ((r = store_stmt(s, STORE_Q_MSG_BODY_GET,
	    "SELECT body_nl, body_fr, body_de, body_en FROM messages"
	    " WHERE rowid = ?1 AND has_body", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_col_tstring(st, 0, &old);
		*differs = !store_tstring_equal(&old, &m->body);
		tstring_done(&old);
	} else if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

/* Writes the text columns of rowid; *found (may be NULL) false when
 * there is no such message. */
static int
store_message_write_body(struct store *s, int64_t rowid,
    const struct tstring *body, bool *found, struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, STORE_Q_MSG_BODY_SET,
	    "UPDATE messages SET has_body = 1, body_nl = ?2, body_fr = ?3,"
	    " body_de = ?4, body_en = ?5 WHERE rowid = ?1", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	store_bind_tstring(st, 2, body);
	if ((r = store_step_done(s, st, e)) == 0 && found != NULL)
		*found = sqlite3_changes(s->db) > 0;
	store_stmt_done(st);
	return r;
}

/* A message never seen: its row, documents, business data, search row. */
static int
store_message_insert(struct store *s, const struct ebox_message *m,
    const unsigned char *digest, time_t seen, int64_t *rowid, struct err *e)
{
	char short_id[MAILBOX_ID_LEN + 1];
	sqlite3_stmt *st;
	int r;

	/* The mailbox's own short id, so that `sqlite3 store.db` and the
	 * program name a message the same way. */
	mailbox_short_id(m->provider_id, m->id, short_id);
	if ((r = store_stmt(s, STORE_Q_MSG_INSERT, store_message_sql_insert,
	    &st, e)) != 0)
		return r;
	store_message_bind(st, m, short_id, digest, seen, true);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	if (r != 0)
		return r;
	*rowid = sqlite3_last_insert_rowid(s->db);
	if ((r = store_attachments_write(s, *rowid, m, true, e)) != 0 ||
	    (r = store_business_write(s, *rowid, m, true, e)) != 0)
		return r;
	return store_search_index(s, *rowid, m, true,
	    m->has_body ? &m->body : NULL, e);
}

/* Everything the server says about a stored message changed (its
 * digest): the row, the documents, the business data, the search row. */
static int
store_message_update(struct store *s, int64_t rowid,
    const struct ebox_message *m, const unsigned char *digest, time_t seen,
    bool body_changed, struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, STORE_Q_MSG_UPDATE, store_message_sql_update,
	    &st, e)) != 0)
		return r;
	store_message_bind(st, m, NULL, digest, seen, false);
	sqlite3_bind_int64(st, STORE_P_ROWID, rowid);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	if (r != 0)
		return r;
	if (body_changed &&
	    (r = store_message_write_body(s, rowid, &m->body, NULL, e)) != 0)
		return r;
	if ((r = store_attachments_write(s, rowid, m, false, e)) != 0 ||
	    (r = store_business_write(s, rowid, m, false, e)) != 0)
		return r;
	return store_search_index(s, rowid, m, false,
	    body_changed ? &m->body : NULL, e);
}

/* Only the flags (or on_server) or the text changed. */
static int
store_message_update_flags(struct store *s, int64_t rowid,
    const struct ebox_message *m, time_t seen, bool body_changed,
    struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, STORE_Q_MSG_FLAGS,
	    "UPDATE messages SET flags = (flags & 960) | ?2, partition = ?3,"
	    " last_seen = ?4 WHERE rowid = ?1", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_int(st, 2, store_message_server_bits(m));
	store_bind_str(st, 3, m->partition_id);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)seen);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	if (r != 0 || !body_changed)
		return r;
	if ((r = store_message_write_body(s, rowid, &m->body, NULL, e)) != 0)
		return r;
	return store_search_set_text(s, rowid, &m->body, e);
}

/* Nothing changed: the message was listed again at seen. */
static int
store_message_seen(struct store *s, int64_t rowid, time_t seen,
    struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, STORE_Q_MSG_SEEN,
	    "UPDATE messages SET last_seen = ?2 WHERE rowid = ?1", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)seen);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	return r;
}

int
store_message_put(struct store *s, const struct ebox_message *m,
    time_t seen, enum store_change *how, int64_t *rowid, struct err *e)
{
	unsigned char digest[STORE_DIGEST_LEN];
	struct store_message_old old;
	enum store_change change = STORE_NEW;
	bool own, found, same_digest, same_flags, body_changed = false;
	int64_t id = 0;
	int r;

	if (m->provider_id == NULL || m->id == NULL)
		return err_set(e, ERR_DATA, _("a message without a provider or "
		    "an id cannot be stored"));
	same_digest = store_digest_message(m, digest) == 0;
	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_message_lookup(s, m, &old, &found, e)) != 0)
		goto out;
	if (!found) {
		r = store_message_insert(s, m, digest, seen, &id, e);
		goto out;
	}
	id = old.rowid;
	same_digest = same_digest &&
	    memcmp(old.digest, digest, STORE_DIGEST_LEN) == 0;
	/* Registered, body_main and reply_authorized are in the digest
	 * too; read and visible change here, and "gone" ends. */
	same_flags = (old.flags & ~STORE_BITS_LOCAL) ==
	    store_message_server_bits(m) &&
	    store_str_equal(old.partition, m->partition_id);
	if (m->has_body && (r = store_message_body_differs(s, id, m,
	    &body_changed, e)) != 0)
		goto out;
	change = STORE_CHANGED;
	if (!same_digest)
		r = store_message_update(s, id, m, digest, seen, body_changed,
		    e);
	else if (!same_flags || body_changed)
		r = store_message_update_flags(s, id, m, seen, body_changed, e);
	else {
		change = STORE_SAME;
		r = store_message_seen(s, id, seen, e);
	}
out:
	free(old.partition);
	r = store_op_end(s, own, r, e);
	if (r == 0 && how != NULL)
		*how = change;
	if (r == 0 && rowid != NULL)
		*rowid = id;
	return r;
}

int
store_message_gone(struct store *s, const char *provider, time_t since,
    size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t changes = 0;
	bool own;
	int r;

	if (n != NULL)
		*n = 0;
	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_stmt(s, STORE_Q_MSG_GONE,
	    "UPDATE messages SET flags = flags & ~32 WHERE provider = ?1"
	    " AND last_seen < ?2 AND flags & 32", &st, e)) == 0) {
		store_bind_str(st, 1, provider);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)since);
		if ((r = store_step_done(s, st, e)) == 0)
			changes = (size_t)sqlite3_changes(s->db);
		store_stmt_done(st);
	}
	if ((r = store_op_end(s, own, r, e)) == 0 && n != NULL)
		*n = changes;
	return r;
}

int
store_message_find(struct store *s, const char *provider, const char *id,
    int64_t *rowid, struct err *e)
{
	sqlite3_stmt *st;
	int r, rc;

	*rowid = 0;
	if ((r = store_stmt(s, STORE_Q_MSG_FIND,
	    "SELECT rowid FROM messages WHERE provider = ?1 AND id = ?2",
	    &st, e)) != 0)
		return r;
	store_bind_str(st, 1, provider);
	store_bind_str(st, 2, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*rowid = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		r = err_set(e, ERR_NOTFOUND, _("%s holds no message %s/%s"),
		    s->file, provider != NULL ? provider : "",
		    id != NULL ? id : "");
	else
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

static int
store_message_notfound(struct store *s, int64_t rowid, struct err *e)
{
	return err_set(e, ERR_NOTFOUND, _("%s holds no message number %lld"),
	    s->file, (long long)rowid);
}

int
store_message_set_body(struct store *s, int64_t rowid,
    const struct tstring *body, struct err *e)
{
	bool own, found = false;
	int r;

	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_message_write_body(s, rowid, body, &found, e)) == 0) {
		if (!found)
			r = store_message_notfound(s, rowid, e);
		else
			r = store_search_set_text(s, rowid, body, e);
	}
	return store_op_end(s, own, r, e);
}

/* Runs one UPDATE ... WHERE rowid = ?1 of a number (ivalue, ivalue2)
 * or a text (svalue, when text); ERR_NOTFOUND when no row has that
 * number. */
static int
store_message_update1(struct store *s, enum store_stmt_id id,
    const char *sql, int64_t rowid, int ivalue, int ivalue2,
    const char *svalue, bool text, struct err *e)
{
	sqlite3_stmt *st;
	bool own;
	int r;

	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_stmt(s, id, sql, &st, e)) == 0) {
		sqlite3_bind_int64(st, 1, rowid);
		if (text)
			store_bind_str(st, 2, svalue);
		else {
			sqlite3_bind_int(st, 2, ivalue);
			sqlite3_bind_int(st, 3, ivalue2);
		}
		if ((r = store_step_done(s, st, e)) == 0 &&
		    sqlite3_changes(s->db) == 0)
			r = store_message_notfound(s, rowid, e);
		store_stmt_done(st);
	}
	return store_op_end(s, own, r, e);
}

/* The bit of messages.flags each flag is. */
static const int store_message_flag_bits[] = {
	[STORE_READ] = STORE_BIT_READ,
	[STORE_VISIBLE] = STORE_BIT_VISIBLE,
	[STORE_TAGGED] = STORE_BIT_TAGGED,
	[STORE_PAID] = STORE_BIT_PAID,
	[STORE_ANNOUNCED] = STORE_BIT_ANNOUNCED,
	[STORE_UNSEEN] = STORE_BIT_UNSEEN,
};

int
store_message_set_flag(struct store *s, int64_t rowid, enum store_flag flag,
    bool value, struct err *e)
{
	int bit;

	if ((size_t)flag >= sizeof store_message_flag_bits /
	    sizeof store_message_flag_bits[0])
		return err_set(e, ERR_USAGE, _("unknown message flag %d"),
		    (int)flag);
	bit = store_message_flag_bits[flag];
	return store_message_update1(s, STORE_Q_MSG_FLAG,
	    "UPDATE messages SET flags = (flags & ~?2) | ?3 WHERE rowid = ?1",
	    rowid, bit, value ? bit : 0, NULL, false, e);
}

int
store_message_set_partition(struct store *s, int64_t rowid,
    const char *partition, struct err *e)
{
	return store_message_update1(s, STORE_Q_MSG_PARTITION,
	    "UPDATE messages SET partition = ?2 WHERE rowid = ?1", rowid, 0, 0,
	    partition, true, e);
}
