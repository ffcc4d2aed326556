/* store-sql.c - the statement cache, SQLite's errors as sentences, the
 * bind and column helpers, and one write as a unit (store_op_*). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "store-private.h"

int
store_stmt(struct store *s, enum store_stmt_id id, const char *sql,
    sqlite3_stmt **st, struct err *e)
{
	int rc;

	*st = s->stmt[id];
	if (*st != NULL)
		return 0;
	/* PERSISTENT: these live as long as the connection. */
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->stmt[id], NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(s->stmt[id]);
		s->stmt[id] = NULL;
		return store_sqlerr(s, rc, e);
	}
	*st = s->stmt[id];
	return 0;
}

void
store_stmt_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	/* A SELECT left mid-way would hold its read transaction open:
	 * the snapshot would go stale and checkpoints could not finish. */
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
store_damaged(const char *file, const char *what, struct err *e)
{
	return err_set(e, ERR_CONFIG, _("%s is damaged (%s): start ebox-tui "
	    "with --rebuild-store to set it aside and build a new one from "
	    "the server"), file, what);
}

int
store_sqlerr(struct store *s, int rc, struct err *e)
{
	const char *what = sqlite3_errmsg(s->db);

	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return store_damaged(s->file, what, e);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, ERR_IO, ngettext("%s is busy: another "
		    "ebox-tui has been writing to it for more than %d second",
		    "%s is busy: another ebox-tui has been writing to it for "
		    "more than %d seconds", STORE_BUSY_MS / 1000), s->file,
		    STORE_BUSY_MS / 1000);
	default:
		return err_set(e, ERR_IO, _("cannot use %s: %s"), s->file,
		    what);
	}
}

int
store_step_done(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return store_sqlerr(s, rc, e);
}

void
store_bind_str(sqlite3_stmt *st, int i, const char *v)
{
	/* STATIC: v lives until store_stmt_done clears the binding. */
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

void
store_bind_time0(sqlite3_stmt *st, int i, time_t t)
{
	if (t == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, (sqlite3_int64)t);
}

void
store_bind_tstring(sqlite3_stmt *st, int i, const struct tstring *t)
{
	store_bind_str(st, i, t->nl);
	store_bind_str(st, i + 1, t->fr);
	store_bind_str(st, i + 2, t->de);
	store_bind_str(st, i + 3, t->en);
}

char *
store_col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	return v != NULL ? xstrdup((const char *)v) : NULL;
}

void
store_col_tstring(sqlite3_stmt *st, int i, struct tstring *t)
{
	t->nl = store_col_str(st, i);
	t->fr = store_col_str(st, i + 1);
	t->de = store_col_str(st, i + 2);
	t->en = store_col_str(st, i + 3);
}

time_t
store_col_time(sqlite3_stmt *st, int i)
{
	return (time_t)sqlite3_column_int64(st, i);
}

bool
store_str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

bool
store_tstring_equal(const struct tstring *a, const struct tstring *b)
{
	return store_str_equal(a->nl, b->nl) && store_str_equal(a->fr, b->fr) &&
	    store_str_equal(a->de, b->de) && store_str_equal(a->en, b->en);
}

int
store_exec(struct store *s, enum store_stmt_id id, const char *sql,
    struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, id, sql, &st, e)) != 0)
		return r;
	r = store_step_done(s, st, e);
	store_stmt_done(st);
	return r;
}

int
store_aborted(struct store *s, struct err *e)
{
	return err_set(e, ERR_IO, _("cannot write %s: an earlier error rolled "
	    "the transaction back, nothing of it was saved"), s->file);
}

int
store_op_begin(struct store *s, bool *own, struct err *e)
{
	*own = false;
	/* The rest of a rolled back transaction must not be committed
	 * piecemeal on its own: writes wait for store_commit or
	 * store_rollback to close it. */
	if (s->failed)
		return store_aborted(s, e);
	/* autocommit is SQLite's own word on whether a transaction is
	 * open: it also knows when an error rolled one back. */
	*own = sqlite3_get_autocommit(s->db) != 0;
	if (*own)
		return store_exec(s, STORE_Q_BEGIN, "BEGIN IMMEDIATE", e);
	return 0;
}

int
store_op_end(struct store *s, bool own, int r, struct err *e)
{
	if (r == 0 && own)
		r = store_exec(s, STORE_Q_COMMIT, "COMMIT", e);
	if (r == 0)
		return 0;
	/* ERR_NOTFOUND is decided before anything is written; any other
	 * failure may leave the write half done.  Inside the caller's
	 * transaction, that transaction goes with it: a page of a sync is
	 * whole or absent, and the sync fetches it again. */
	if (r != ERR_NOTFOUND || own) {
		if (!own && !sqlite3_get_autocommit(s->db))
			s->failed = true;
		if (!sqlite3_get_autocommit(s->db))
			store_exec(s, STORE_Q_ROLLBACK, "ROLLBACK", NULL);
	}
	return r;
}
