/* store-provider.c - the Message Registries of the account: what the
 * registry says of each, and what the last sync learnt. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "store-private.h"

/* The columns store_provider_fill reads, in its order. */
#define STORE_PROVIDER_COLUMNS \
	"id, name_nl, name_fr, name_de, name_en, url, api_version," \
	" last_sync, last_full, watermark, rejected, rejected_reason, error"

void
store_provider_done(struct store_provider *p)
{
	free(p->id);
	tstring_done(&p->name);
	free(p->url);
	free(p->api_version);
	free(p->rejected_reason);
	free(p->error);
	memset(p, 0, sizeof *p);
}

static void
store_provider_fill(sqlite3_stmt *st, struct store_provider *p)
{
	p->id = store_col_str(st, 0);
	store_col_tstring(st, 1, &p->name);
	p->url = store_col_str(st, 5);
	p->api_version = store_col_str(st, 6);
	p->last_sync = store_col_time(st, 7);
	p->last_full = store_col_time(st, 8);
	p->watermark = store_col_time(st, 9);
	p->rejected = (long)sqlite3_column_int64(st, 10);
	p->rejected_reason = store_col_str(st, 11);
	p->error = store_col_str(st, 12);
}

int
store_provider_put(struct store *s, const struct ebox_provider *p,
    struct err *e)
{
	sqlite3_stmt *st;
	bool own;
	int r;

	if (p->id == NULL)
		return err_set(e, ERR_DATA, _("a provider without an id cannot "
		    "be stored"));
	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_stmt(s, STORE_Q_PROVIDER_PUT,
	    "INSERT INTO providers (id, name_nl, name_fr, name_de, name_en,"
	    " url, api_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (id) DO UPDATE SET name_nl = excluded.name_nl,"
	    " name_fr = excluded.name_fr, name_de = excluded.name_de,"
	    " name_en = excluded.name_en, url = excluded.url,"
	    " api_version = excluded.api_version", &st, e)) != 0)
		goto out;
	store_bind_str(st, 1, p->id);
	store_bind_tstring(st, 2, &p->name);
	store_bind_str(st, 6, p->url);
	store_bind_str(st, 7, p->api_version);
	r = store_step_done(s, st, e);
	store_stmt_done(st);
out:
	return store_op_end(s, own, r, e);
}

int
store_provider_update(struct store *s, const struct store_provider *p,
    struct err *e)
{
	sqlite3_stmt *st;
	bool own;
	int r;

	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_stmt(s, STORE_Q_PROVIDER_UPDATE,
	    "UPDATE providers SET last_sync = ?2, last_full = ?3,"
	    " watermark = ?4, rejected = ?5, rejected_reason = ?6, error = ?7"
	    " WHERE id = ?1", &st, e)) != 0)
		goto out;
	store_bind_str(st, 1, p->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)p->last_sync);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)p->last_full);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)p->watermark);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)p->rejected);
	store_bind_str(st, 6, p->rejected_reason);
	store_bind_str(st, 7, p->error);
	if ((r = store_step_done(s, st, e)) == 0 &&
	    sqlite3_changes(s->db) == 0)
		r = err_set(e, ERR_NOTFOUND, _("%s knows no provider %s"),
		    s->file, p->id != NULL ? p->id : "");
	store_stmt_done(st);
out:
	return store_op_end(s, own, r, e);
}

int
store_provider_get(struct store *s, const char *id,
    struct store_provider *out, struct err *e)
{
	sqlite3_stmt *st;
	int r, rc;

	memset(out, 0, sizeof *out);
	if ((r = store_stmt(s, STORE_Q_PROVIDER_GET,
	    "SELECT " STORE_PROVIDER_COLUMNS " FROM providers WHERE id = ?1",
	    &st, e)) != 0)
		return r;
	store_bind_str(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_provider_fill(st, out);
	else if (rc == SQLITE_DONE)
		r = err_set(e, ERR_NOTFOUND, _("%s knows no provider %s"),
		    s->file, id);
	else
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

int
store_providers(struct store *s, struct store_provider **out, size_t *n,
    struct err *e)
{
	struct store_provider *v = NULL;
	sqlite3_stmt *st;
	size_t len = 0, cap = 0;
	int r, rc;

	*out = NULL;
	*n = 0;
	if ((r = store_stmt(s, STORE_Q_PROVIDERS,
	    "SELECT " STORE_PROVIDER_COLUMNS " FROM providers ORDER BY id",
	    &st, e)) != 0)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			v = xreallocarray(v, cap, sizeof *v);
		}
		memset(&v[len], 0, sizeof v[len]);
		store_provider_fill(st, &v[len++]);
	}
	if (rc != SQLITE_DONE) {
		r = store_sqlerr(s, rc, e);
		while (len > 0)
			store_provider_done(&v[--len]);
		free(v);
		v = NULL;
	}
	store_stmt_done(st);
	*out = v;
	*n = len;
	return r;
}
