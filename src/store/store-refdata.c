/* store-refdata.c - reference data per provider: the names of sender
 * organisations and of message types, so that senders are named
 * offline and found by the full-text search. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "store-private.h"

#define STORE_ORG_COLUMNS \
	"id, short_nl, short_fr, short_de, short_en," \
	" long_nl, long_fr, long_de, long_en, url_nl, url_fr, url_de, url_en"
#define STORE_TYPE_COLUMNS \
	"id, name_nl, name_fr, name_de, name_en, description_nl," \
	" description_fr, description_de, description_en, validity_number," \
	" validity_unit"

static void
store_org_fill(sqlite3_stmt *st, void *item)
{
	struct ebox_organization *o = item;

	o->id = store_col_str(st, 0);
	store_col_tstring(st, 1, &o->short_name);
	store_col_tstring(st, 5, &o->long_name);
	store_col_tstring(st, 9, &o->url);
}

static void
store_type_fill(sqlite3_stmt *st, void *item)
{
	struct ebox_message_type *t = item;

	t->id = store_col_str(st, 0);
	store_col_tstring(st, 1, &t->name);
	store_col_tstring(st, 5, &t->description);
	t->validity_number = (long)sqlite3_column_int64(st, 9);
	t->validity_unit = store_col_str(st, 10);
}

/* Whether the names the search indexes for this organisation or type
 * change with this put (it is new, or one language differs).  A sync
 * puts every organisation again each time; only a real change may cost
 * re-indexing its messages. */
static int
store_refdata_changed(struct store *s, enum store_stmt_id id,
    const char *sql, const char *provider, const char *key,
    const struct tstring *a, const struct tstring *b, bool *changed,
    struct err *e)
{
	struct tstring old[2];
	sqlite3_stmt *st;
	int r, rc;

	*changed = true;
	memset(old, 0, sizeof old);
	if ((r = store_stmt(s, id, sql, &st, e)) != 0)
		return r;
	store_bind_str(st, 1, provider);
	store_bind_str(st, 2, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_col_tstring(st, 0, &old[0]);
		if (b != NULL)
			store_col_tstring(st, 4, &old[1]);
		*changed = !store_tstring_equal(&old[0], a) ||
		    (b != NULL && !store_tstring_equal(&old[1], b));
		tstring_done(&old[0]);
		tstring_done(&old[1]);
	} else if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

/* The search rows of provider's messages that name this organisation
 * (col "sender_org") or type, indexed again with the new names. */
static int
store_refdata_reindex(struct store *s, enum store_stmt_id id,
    const char *sql, const char *provider, const char *key, struct err *e)
{
	sqlite3_stmt *st;
	struct buf b;
	int r, rc;

	if ((r = store_stmt(s, id, sql, &st, e)) != 0)
		return r;
	buf_init(&b, STORE_TEXT_MAX);
	store_bind_str(st, 1, provider);
	store_bind_str(st, 2, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_reset(&b);
		if ((r = store_refdata_sender_text(s, provider,
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), &b, e)) != 0 ||
		    (r = store_search_set_sender(s, sqlite3_column_int64(st, 0),
		    b.data != NULL ? b.data : "", e)) != 0)
			goto out;
	}
	if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
out:
	buf_done(&b);
	store_stmt_done(st);
	return r;
}

int
store_organization_put(struct store *s, const char *provider,
    const struct ebox_organization *o, struct err *e)
{
	sqlite3_stmt *st = NULL;
	bool own, changed;
	int r;

	if (provider == NULL || o->id == NULL)
		return err_set(e, ERR_DATA, _("an organisation without an id "
		    "cannot be stored"));
	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_refdata_changed(s, STORE_Q_ORG_GET,
	    "SELECT short_nl, short_fr, short_de, short_en,"
	    " long_nl, long_fr, long_de, long_en FROM organizations"
	    " WHERE provider = ?1 AND id = ?2", provider, o->id,
	    &o->short_name, &o->long_name, &changed, e)) != 0)
		goto out;
	if ((r = store_stmt(s, STORE_Q_ORG_PUT,
	    "INSERT INTO organizations (provider, " STORE_ORG_COLUMNS ")"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14) ON CONFLICT (provider, id) DO UPDATE SET"
	    " short_nl = excluded.short_nl, short_fr = excluded.short_fr,"
	    " short_de = excluded.short_de, short_en = excluded.short_en,"
	    " long_nl = excluded.long_nl, long_fr = excluded.long_fr,"
	    " long_de = excluded.long_de, long_en = excluded.long_en,"
	    " url_nl = excluded.url_nl, url_fr = excluded.url_fr,"
	    " url_de = excluded.url_de, url_en = excluded.url_en", &st, e)) != 0)
		goto out;
	store_bind_str(st, 1, provider);
	store_bind_str(st, 2, o->id);
	store_bind_tstring(st, 3, &o->short_name);
	store_bind_tstring(st, 7, &o->long_name);
	store_bind_tstring(st, 11, &o->url);
	if ((r = store_step_done(s, st, e)) != 0 || !changed)
		goto out;
	r = store_refdata_reindex(s, STORE_Q_ORG_MESSAGES,
	    "SELECT rowid, sender_org, message_type FROM messages"
	    " WHERE provider = ?1 AND sender_org = ?2", provider, o->id, e);
out:
	store_stmt_done(st);
	return store_op_end(s, own, r, e);
}

int
store_message_type_put(struct store *s, const char *provider,
    const struct ebox_message_type *t, struct err *e)
{
	sqlite3_stmt *st = NULL;
	bool own, changed;
	int r;

	if (provider == NULL || t->id == NULL)
		return err_set(e, ERR_DATA, _("a message type without an id "
		    "cannot be stored"));
	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_refdata_changed(s, STORE_Q_TYPE_GET,
	    "SELECT name_nl, name_fr, name_de, name_en FROM message_types"
	    " WHERE provider = ?1 AND id = ?2", provider, t->id, &t->name,
	    NULL, &changed, e)) != 0)
		goto out;
	if ((r = store_stmt(s, STORE_Q_TYPE_PUT,
	    "INSERT INTO message_types (provider, " STORE_TYPE_COLUMNS ")"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
	    " ON CONFLICT (provider, id) DO UPDATE SET"
	    " name_nl = excluded.name_nl, name_fr = excluded.name_fr,"
	    " name_de = excluded.name_de, name_en = excluded.name_en,"
	    " description_nl = excluded.description_nl,"
	    " description_fr = excluded.description_fr,"
	    " description_de = excluded.description_de,"
	    " description_en = excluded.description_en,"
	    " validity_number = excluded.validity_number,"
	    " validity_unit = excluded.validity_unit", &st, e)) != 0)
		goto out;
	store_bind_str(st, 1, provider);
	store_bind_str(st, 2, t->id);
	store_bind_tstring(st, 3, &t->name);
	store_bind_tstring(st, 7, &t->description);
	sqlite3_bind_int64(st, 11, (sqlite3_int64)t->validity_number);
	store_bind_str(st, 12, t->validity_unit);
	if ((r = store_step_done(s, st, e)) != 0 || !changed)
		goto out;
	r = store_refdata_reindex(s, STORE_Q_TYPE_MESSAGES,
	    "SELECT rowid, sender_org, message_type FROM messages"
	    " WHERE provider = ?1 AND message_type = ?2", provider, t->id, e);
out:
	store_stmt_done(st);
	return store_op_end(s, own, r, e);
}

/* Appends the columns of one row (a query on provider and id) to b. */
static int
store_refdata_names(struct store *s, enum store_stmt_id id, const char *sql,
    const char *provider, const char *key, int ncols, struct buf *b,
    struct err *e)
{
	sqlite3_stmt *st;
	int r, rc, i;

	if (key == NULL)
		return 0;
	if ((r = store_stmt(s, id, sql, &st, e)) != 0)
		return r;
	store_bind_str(st, 1, provider);
	store_bind_str(st, 2, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++)
			store_search_add(b,
			    (const char *)sqlite3_column_text(st, i));
	} else if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

int
store_refdata_sender_text(struct store *s, const char *provider,
    const char *org, const char *type, struct buf *b, struct err *e)
{
	int r;

	/* The enterprise number too: people search by it. */
	store_search_add(b, org);
	if ((r = store_refdata_names(s, STORE_Q_ORG_NAMES,
	    "SELECT short_nl, short_fr, short_de, short_en,"
	    " long_nl, long_fr, long_de, long_en FROM organizations"
	    " WHERE provider = ?1 AND id = ?2", provider, org, 8, b, e)) != 0)
		return r;
	return store_refdata_names(s, STORE_Q_TYPE_NAMES,
	    "SELECT name_nl, name_fr, name_de, name_en FROM message_types"
	    " WHERE provider = ?1 AND id = ?2", provider, type, 4, b, e);
}

static void
store_org_done(void *item)
{
	ebox_organization_done(item);
}

static void
store_type_done(void *item)
{
	ebox_message_type_done(item);
}

/* Every row of one provider's reference data (organisations or message
 * types): items of size bytes, each filled by fill; on a failure, what
 * was read goes through done and *out stays NULL. */
static int
store_refdata_list(struct store *s, enum store_stmt_id id, const char *sql,
    const char *provider, size_t size, void (*fill)(sqlite3_stmt *, void *),
    void (*done)(void *), void **out, size_t *n, struct err *e)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	int r, rc;

	*out = NULL;
	*n = 0;
	if ((r = store_stmt(s, id, sql, &st, e)) != 0)
		return r;
	store_bind_str(st, 1, provider);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, size);
		}
		memset(v + len * size, 0, size);
		fill(st, v + len++ * size);
	}
	if (rc != SQLITE_DONE) {
		r = store_sqlerr(s, rc, e);
		while (len > 0)
			done(v + --len * size);
		xfree(&v);
	}
	store_stmt_done(st);
	*out = v;
	*n = len;
	return r;
}

int
store_organizations(struct store *s, const char *provider,
    struct ebox_organization **out, size_t *n, struct err *e)
{
	void *v;
	int r = store_refdata_list(s, STORE_Q_ORGS,
	    "SELECT " STORE_ORG_COLUMNS " FROM organizations"
	    " WHERE provider = ?1 ORDER BY id", provider, sizeof **out,
	    store_org_fill, store_org_done, &v, n, e);

	*out = v;
	return r;
}

int
store_message_types(struct store *s, const char *provider,
    struct ebox_message_type **out, size_t *n, struct err *e)
{
	void *v;
	int r = store_refdata_list(s, STORE_Q_TYPES,
	    "SELECT " STORE_TYPE_COLUMNS " FROM message_types"
	    " WHERE provider = ?1 ORDER BY id", provider, sizeof **out,
	    store_type_fill, store_type_done, &v, n, e);

	*out = v;
	return r;
}
