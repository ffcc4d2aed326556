/* store-business.c - a message's business data: one row per item, its
 * values (a list of translated texts) as a JSON array of
 * {"nl", "fr", "de", "en"} objects, a language left out when missing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "store-private.h"

/* The values of b as JSON, in g's buffer. */
static void
store_business_json(yajl_gen g, const struct ebox_business_data *b)
{
	const char *const *langs = tstring_langs;
	const struct tstring *v;
	const char *text[4];
	size_t i, k;

	yajl_gen_array_open(g);
	for (i = 0; i < b->n_values; i++) {
		v = &b->values[i];
		text[0] = v->nl;
		text[1] = v->fr;
		text[2] = v->de;
		text[3] = v->en;
		yajl_gen_map_open(g);
		for (k = 0; k < 4; k++) {
			if (text[k] == NULL)
				continue;
			yajl_gen_string(g, (const unsigned char *)langs[k],
			    strlen(langs[k]));
			yajl_gen_string(g, (const unsigned char *)text[k],
			    strlen(text[k]));
		}
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
}

int
store_business_write(struct store *s, int64_t rowid,
    const struct ebox_message *m, bool fresh, struct err *e)
{
	const struct ebox_business_data *b;
	const unsigned char *json;
	sqlite3_stmt *st;
	yajl_gen g;
	size_t i, len;
	int r = 0;

	/* A new message has no rows yet: the DELETE (a two-pass one, with
	 * a temporary table) would be a third of the cost of a put. */
	if (!fresh) {
		if ((r = store_stmt(s, STORE_Q_BIZ_DELETE,
		    "DELETE FROM business_data WHERE message = ?1", &st, e)) != 0)
			return r;
		sqlite3_bind_int64(st, 1, rowid);
		r = store_step_done(s, st, e);
		store_stmt_done(st);
	}
	if (r != 0 || m->n_business == 0)
		return r;
	if ((r = store_stmt(s, STORE_Q_BIZ_INSERT,
	    "INSERT INTO business_data (message, position, key, name_nl,"
	    " name_fr, name_de, name_en, description_nl, description_fr,"
	    " description_de, description_en, values_json) VALUES (?1, ?2,"
	    " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", &st, e)) != 0)
		return r;
	for (i = 0; i < m->n_business && r == 0; i++) {
		b = &m->business[i];
		if ((g = yajl_gen_alloc(NULL)) == NULL)
			fatal("out of memory");
		store_business_json(g, b);
		yajl_gen_get_buf(g, &json, &len);
		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		store_bind_str(st, 3, b->key);
		store_bind_tstring(st, 4, &b->name);
		store_bind_tstring(st, 8, &b->description);
		sqlite3_bind_text(st, 12, (const char *)json, (int)len,
		    SQLITE_STATIC);
		r = store_step_done(s, st, e);
		store_stmt_done(st);
		yajl_gen_free(g);
	}
	return r;
}

/* b->values from its JSON (SQLite's own JSON functions read it). */
static int
store_business_values(struct store *s, const char *json,
    struct ebox_business_data *b, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int r, rc;

	if ((r = store_stmt(s, STORE_Q_BIZ_VALUES,
	    "SELECT json_extract(value, '$.nl'), json_extract(value, '$.fr'),"
	    " json_extract(value, '$.de'), json_extract(value, '$.en')"
	    " FROM json_each(?1) ORDER BY key", &st, e)) != 0)
		return r;
	store_bind_str(st, 1, json != NULL ? json : "[]");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (b->n_values == cap) {
			cap = cap ? cap * 2 : 4;
			b->values = xreallocarray(b->values, cap,
			    sizeof *b->values);
		}
		store_col_tstring(st, 0, &b->values[b->n_values++]);
	}
	if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

int
store_business_load(struct store *s, int64_t rowid, struct ebox_message *m,
    struct err *e)
{
	struct ebox_business_data *b;
	sqlite3_stmt *st;
	size_t cap = 0;
	int r, rc;

	if ((r = store_stmt(s, STORE_Q_BIZ_LOAD,
	    "SELECT key, name_nl, name_fr, name_de, name_en, description_nl,"
	    " description_fr, description_de, description_en, values_json"
	    " FROM business_data WHERE message = ?1 ORDER BY position",
	    &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n_business == cap) {
			cap = cap ? cap * 2 : 4;
			m->business = xreallocarray(m->business, cap,
			    sizeof *m->business);
		}
		b = &m->business[m->n_business++];
		memset(b, 0, sizeof *b);
		b->key = store_col_str(st, 0);
		store_col_tstring(st, 1, &b->name);
		store_col_tstring(st, 5, &b->description);
		if ((r = store_business_values(s,
		    (const char *)sqlite3_column_text(st, 9), b, e)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}
