/* store-purge.c - `ebox-tui purge`: the messages no longer on the server
 * go, with their search rows, documents, business data and the kept
 * files no other message needs.
 *
 * "No longer on the server" is flag 32 (STORE_BIT_ON_SERVER) clear.
 *
 * Files are removed inside the write transaction, so no
 * store_document_keep of another process can record the same digest in
 * between.  Should the commit then fail, a record may name a removed
 * file: store_document_find drops such records.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebox/xalloc.h"
#include "store-private.h"

struct store_purge_list {
	char **hex;
	size_t n, cap;
};

static void
store_purge_list_done(struct store_purge_list *l)
{
	while (l->n > 0)
		free(l->hex[--l->n]);
	free(l->hex);
	memset(l, 0, sizeof *l);
}

/* The digests kept for messages about to go. */
static int
store_purge_digests(struct store *s, struct store_purge_list *l,
    struct err *e)
{
	sqlite3_stmt *st;
	int r, rc;

	if ((r = store_stmt(s, STORE_Q_PURGE_DIGESTS,
	    "SELECT DISTINCT d.sha256 FROM documents d"
	    " JOIN messages m ON m.rowid = d.message WHERE m.flags & 32 = 0",
	    &st, e)) != 0)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->hex = xreallocarray(l->hex, l->cap, sizeof *l->hex);
		}
		l->hex[l->n++] = store_col_str(st, 0);
	}
	if (rc != SQLITE_DONE)
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	return r;
}

/* Runs a statement without parameters; *changes (may be NULL) gets the
 * rows it changed. */
static int
store_purge_exec(struct store *s, enum store_stmt_id id, const char *sql,
    size_t *changes, struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((r = store_stmt(s, id, sql, &st, e)) != 0)
		return r;
	if ((r = store_step_done(s, st, e)) == 0 && changes != NULL)
		*changes = (size_t)sqlite3_changes(s->db);
	store_stmt_done(st);
	return r;
}

/* Removes the file of hex when no record needs it any more. */
static int
store_purge_file(struct store *s, const char *hex, size_t *files,
    struct err *e)
{
	sqlite3_stmt *st;
	char *path;
	int r, rc;

	if ((r = store_stmt(s, STORE_Q_DOC_NEEDED,
	    "SELECT 1 FROM documents WHERE sha256 = ?1 LIMIT 1", &st, e)) != 0)
		return r;
	store_bind_str(st, 1, hex);
	rc = sqlite3_step(st);
	store_stmt_done(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, e);
	/* NULL for a digest that is not 64 hex digits: no file of ours. */
	if ((path = store_docs_path(s, hex)) != NULL && unlink(path) == 0)
		(*files)++;
	free(path);
	return 0;
}

int
store_purge(struct store *s, size_t *messages, size_t *files, struct err *e)
{
	struct store_purge_list l = { 0 };
	size_t n_messages = 0, n_files = 0, i;
	bool own;
	int r;

	if ((r = store_op_begin(s, &own, e)) != 0)
		return r;
	if ((r = store_purge_digests(s, &l, e)) != 0 ||
	    (r = store_purge_exec(s, STORE_Q_PURGE_FTS,
	    "DELETE FROM search WHERE rowid IN"
	    " (SELECT rowid FROM messages WHERE flags & 32 = 0)", NULL,
	    e)) != 0 ||
	    /* ON DELETE CASCADE takes the attachments, business data and
	     * document records along. */
	    (r = store_purge_exec(s, STORE_Q_PURGE_MESSAGES,
	    "DELETE FROM messages WHERE flags & 32 = 0", &n_messages, e)) != 0)
		goto out;
	for (i = 0; i < l.n && r == 0; i++)
		r = store_purge_file(s, l.hex[i], &n_files, e);
out:
	store_purge_list_done(&l);
	r = store_op_end(s, own, r, e);
	if (messages != NULL)
		*messages = r == 0 ? n_messages : 0;
	if (files != NULL)
		*files = n_files;
	return r;
}
