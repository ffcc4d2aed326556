/* store-attachments.c - a message's documents as the server describes
 * them (not the kept files: store-docs.c), one row each, in order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/xalloc.h"
#include "store-private.h"

int
store_attachments_write(struct store *s, int64_t rowid,
    const struct ebox_message *m, bool fresh, struct err *e)
{
	const struct ebox_attachment *a;
	sqlite3_stmt *st;
	size_t i;
	int r = 0;

	/* A new message has no rows yet: the DELETE (a two-pass one, with
	 * a temporary table) would be a third of the cost of a put. */
	if (!fresh) {
		if ((r = store_stmt(s, STORE_Q_ATT_DELETE,
		    "DELETE FROM attachments WHERE message = ?1", &st, e)) != 0)
			return r;
		sqlite3_bind_int64(st, 1, rowid);
		r = store_step_done(s, st, e);
		store_stmt_done(st);
	}
	if (r != 0 || m->n_attachments == 0)
		return r;
	if ((r = store_stmt(s, STORE_Q_ATT_INSERT,
	    "INSERT INTO attachments (message, position, attachment_id,"
	    " title_nl, title_fr, title_de, title_en, file_name, main,"
	    " media_type, size_kb, digest_method, digest_value, signed,"
	    " content_href) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14, ?15)", &st, e)) != 0)
		return r;
	for (i = 0; i < m->n_attachments && r == 0; i++) {
		a = &m->attachments[i];
		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		store_bind_str(st, 3, a->id);
		store_bind_tstring(st, 4, &a->title);
		store_bind_str(st, 8, a->file_name);
		sqlite3_bind_int(st, 9, a->main_content);
		store_bind_str(st, 10, a->media_type);
		sqlite3_bind_double(st, 11, a->size_kb);
		store_bind_str(st, 12, a->digest_method);
		store_bind_str(st, 13, a->digest_value);
		sqlite3_bind_int(st, 14, a->is_signed);
		store_bind_str(st, 15, a->content_href);
		r = store_step_done(s, st, e);
		store_stmt_done(st);
	}
	return r;
}

int
store_attachments_load(struct store *s, int64_t rowid,
    struct ebox_message *m, struct err *e)
{
	struct ebox_attachment *a;
	sqlite3_stmt *st;
	size_t cap = 0;
	int r, rc;

	if ((r = store_stmt(s, STORE_Q_ATT_LOAD,
	    "SELECT attachment_id, title_nl, title_fr, title_de, title_en,"
	    " file_name, main, media_type, size_kb, digest_method,"
	    " digest_value, signed, content_href FROM attachments"
	    " WHERE message = ?1 ORDER BY position", &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n_attachments == cap) {
			cap = cap ? cap * 2 : 4;
			m->attachments = xreallocarray(m->attachments, cap,
			    sizeof *m->attachments);
		}
		a = &m->attachments[m->n_attachments++];
		memset(a, 0, sizeof *a);
		a->id = store_col_str(st, 0);
		store_col_tstring(st, 1, &a->title);
		a->file_name = store_col_str(st, 5);
		a->main_content = sqlite3_column_int(st, 6) != 0;
		a->media_type = store_col_str(st, 7);
		a->size_kb = sqlite3_column_double(st, 8);
		a->digest_method = store_col_str(st, 9);
		a->digest_value = store_col_str(st, 10);
		a->is_signed = sqlite3_column_int(st, 11) != 0;
		a->content_href = store_col_str(st, 12);
	}
	if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}
