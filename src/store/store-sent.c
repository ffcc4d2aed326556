/* store-sent.c - replies sent from this account (the sent table). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "store-private.h"

const char *const store_sent_states[] = {
	N_("sending"), N_("sent"), N_("failed"), NULL
};

void
store_sent_done(struct store_sent *r)
{
	free(r->provider);
	free(r->original_id);
	free(r->key);
	free(r->recipient);
	free(r->lang);
	free(r->subject);
	free(r->body);
	free(r->files);
	free(r->paths);
	free(r->message_id);
	free(r->error);
	memset(r, 0, sizeof *r);
}

static enum store_sent_state
store_sent_state_of(const char *s)
{
	int i;

	for (i = 0; s != NULL && store_sent_states[i] != NULL; i++) {
		if (strcmp(s, store_sent_states[i]) == 0)
			return (enum store_sent_state)i;
	}
	return STORE_SENT_FAILED;
}

#define STORE_SENT_COLUMNS \
	"id, provider, original_id, idempotency_key, recipient, lang," \
	" subject, body, files, created, state, message_id, sent_at," \
	" expiration, error, paths"

/* One row of the columns above, from column 0. */
static void
store_sent_read(sqlite3_stmt *st, struct store_sent *r)
{
	char *state = store_col_str(st, 10);

	r->id = sqlite3_column_int64(st, 0);
	r->provider = store_col_str(st, 1);
	r->original_id = store_col_str(st, 2);
	r->key = store_col_str(st, 3);
	r->recipient = store_col_str(st, 4);
	r->lang = store_col_str(st, 5);
	r->subject = store_col_str(st, 6);
	r->body = store_col_str(st, 7);
	r->files = store_col_str(st, 8);
	r->created = store_col_time(st, 9);
	r->state = store_sent_state_of(state);
	r->message_id = store_col_str(st, 11);
	r->sent_at = store_col_time(st, 12);
	r->expiration = store_col_time(st, 13);
	r->error = store_col_str(st, 14);
	r->paths = store_col_str(st, 15);
	free(state);
}

int
store_sent_put(struct store *s, const struct store_sent *r,
    struct store_sent *out, struct err *e)
{
	sqlite3_stmt *st;
	bool own;
	int r2, rc;

	memset(out, 0, sizeof *out);
	if ((r2 = store_op_begin(s, &own, e)) != 0)
		return r2;
	/* The same reply again (its key): a failed one is tried again, a
	 * sent one stays sent. */
	if ((r2 = store_stmt(s, STORE_Q_SENT_PUT,
	    "INSERT INTO sent (provider, original_id, idempotency_key,"
	    " recipient, lang, subject, body, files, created, paths)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	    " ON CONFLICT (idempotency_key) DO UPDATE SET"
	    "  state = CASE state WHEN 'sent' THEN 'sent' ELSE 'sending' END,"
	    "  error = NULL"
	    " RETURNING " STORE_SENT_COLUMNS, &st, e)) == 0) {
		store_bind_str(st, 1, r->provider);
		store_bind_str(st, 2, r->original_id);
		store_bind_str(st, 3, r->key);
		store_bind_str(st, 4, r->recipient);
		store_bind_str(st, 5, r->lang);
		store_bind_str(st, 6, r->subject);
		store_bind_str(st, 7, r->body);
		store_bind_str(st, 8, r->files != NULL ? r->files : "");
		sqlite3_bind_int64(st, 9, (sqlite3_int64)r->created);
		store_bind_str(st, 10, r->paths != NULL ? r->paths : "");
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			store_sent_read(st, out);
			rc = sqlite3_step(st);
		}
		if (rc != SQLITE_DONE)
			r2 = store_sqlerr(s, rc, e);
		store_stmt_done(st);
	}
	if (r2 != 0)
		store_sent_done(out);
	return store_op_end(s, own, r2, e);
}

int
store_sent_set(struct store *s, int64_t id, enum store_sent_state state,
    const char *message_id, time_t sent_at, time_t expiration,
    const char *error, struct err *e)
{
	sqlite3_stmt *st;
	bool own;
	int r;

	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_stmt(s, STORE_Q_SENT_STATE,
	    "UPDATE sent SET state = ?2, message_id = ?3, sent_at = ?4,"
	    " expiration = ?5, error = ?6 WHERE id = ?1", &st, e)) == 0) {
		sqlite3_bind_int64(st, 1, id);
		store_bind_str(st, 2, store_sent_states[state]);
		store_bind_str(st, 3, message_id);
		store_bind_time0(st, 4, sent_at);
		store_bind_time0(st, 5, expiration);
		store_bind_str(st, 6, error);
		r = store_step_done(s, st, e);
		store_stmt_done(st);
	}
	return store_op_end(s, own, r, e);
}

int
store_sent_get(struct store *s, int64_t id, struct store_sent *out,
    struct err *e)
{
	sqlite3_stmt *st;
	int r, rc;

	memset(out, 0, sizeof *out);
	if ((r = store_stmt(s, STORE_Q_SENT_GET, "SELECT " STORE_SENT_COLUMNS
	    " FROM sent WHERE id = ?1", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_sent_read(st, out);
	else if (rc == SQLITE_DONE)
		r = err_set(e, ERR_NOTFOUND, _("%s holds no reply %lld"),
		    s->file, (long long)id);
	else
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

int
store_each_sent(struct store *s, store_sent_fn fn, void *ud, struct err *e)
{
	struct store_sent row;
	sqlite3_stmt *st;
	int r, rc;

	if ((r = store_stmt(s, STORE_Q_SENT_EACH, "SELECT " STORE_SENT_COLUMNS
	    " FROM sent ORDER BY created, id", &st, e)) != 0)
		return r;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_sent_read(st, &row);
		r = fn(&row, ud);
		store_sent_done(&row);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}
