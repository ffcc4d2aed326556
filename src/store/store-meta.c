/* store-meta.c - small named values (the last check, the last sync of the
 * account...), one row each in the meta table. */
#include "config.h"

#include "ebox/i18n.h"
#include "store-private.h"

int
store_meta_get(struct store *s, const char *key, char **value,
    struct err *e)
{
	sqlite3_stmt *st;
	int r, rc;

	*value = NULL;
	if ((r = store_stmt(s, STORE_Q_META_GET,
	    "SELECT value FROM meta WHERE key = ?1", &st, e)) != 0)
		return r;
	store_bind_str(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = store_col_str(st, 0);
	else if (rc == SQLITE_DONE)
		r = err_set(e, ERR_NOTFOUND, _("%s holds no value named %s"),
		    s->file, key);
	else
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

int
store_meta_set(struct store *s, const char *key, const char *value,
    struct err *e)
{
	sqlite3_stmt *st;
	bool own;
	int r;

	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_stmt(s, STORE_Q_META_SET,
	    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	    &st, e)) == 0) {
		store_bind_str(st, 1, key);
		/* NOT NULL: a missing value is stored empty. */
		store_bind_str(st, 2, value != NULL ? value : "");
		r = store_step_done(s, st, e);
		store_stmt_done(st);
	}
	return store_op_end(s, own, r, e);
}
