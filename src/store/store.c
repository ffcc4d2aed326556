/* store.c - opening and closing the local mailbox, and the caller's
 * transactions.
 *
 * Durability: WAL with synchronous=NORMAL.  A commit appends its pages to
 * store.db-wal with write(); they are in the kernel before COMMIT
 * returns, so a kill -9 (or a crash of ebox-tui) loses nothing committed.
 * Only the checkpoint fsyncs.  A power cut or a kernel crash may lose
 * the last transactions since then, never the file's consistency (WAL
 * frames carry checksums), and a sync simply fetches those pages again.
 * FULL would fsync every page of a sync for no gain worth that.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"
#include "store-private.h"

#define STORE_FILE "store.db"
/* What SQLite keeps beside the database: set aside with it. */
static const char *const store_sidecars[] = { "", "-wal", "-shm" };

/* Renames file (and its -wal, -shm) to FILE.broken-YYYYmmddTHHMMSS, or
 * that name .2, .3... when taken: a damaged or too new store is never
 * deleted, the user may want it back. */
static int
store_set_aside(const char *file, struct err *e)
{
	char stamp[32], *base = NULL, *from, *to;
	struct stat st;
	struct tm tm;
	time_t now = time(NULL);
	int n, r = 0;
	size_t i;

	if (lstat(file, &st) != 0)
		return 0;                       /* nothing to set aside */
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
	for (n = 1; n < 100; n++) {
		base = n == 1 ? xasprintf("%s.broken-%s", file, stamp) :
		    xasprintf("%s.broken-%s.%d", file, stamp, n);
		if (lstat(base, &st) != 0)
			break;
		xfree(&base);
	}
	if (base == NULL)
		return err_set(e, ERR_IO, _("cannot set %s aside: too many "
		    "broken copies"), file);
	for (i = 0; i < sizeof store_sidecars / sizeof *store_sidecars; i++) {
		from = xasprintf("%s%s", file, store_sidecars[i]);
		to = xasprintf("%s%s", base, store_sidecars[i]);
		if (rename(from, to) != 0 && errno != ENOENT)
			r = err_set(e, ERR_IO, _("cannot set %s aside: %s"),
			    from, strerror(errno));
		free(from);
		free(to);
		if (r != 0)
			break;
	}
	free(base);
	return r;
}

/* Creates the database file with mode 0600 before SQLite sees it: SQLite
 * would create it 0644 & ~umask, and gives -wal and -shm the mode of the
 * database. */
static int
store_create_file(const char *file, struct err *e)
{
	int fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0)
		return err_set(e, ERR_IO, _("cannot create %s: %s"), file,
		    strerror(errno));
	close(fd);
	return 0;
}

/* Connection settings; each is per connection but journal_mode. */
static const char store_pragmas[] =
	"PRAGMA journal_mode = WAL;"
	/* Durable enough in WAL: see the top of this file. */
	"PRAGMA synchronous = NORMAL;"
	/* A checkpoint (two fsyncs) every 32 MiB of log rather than every
	 * 4 MiB: a first sync of 100 000 messages spent 7 s in them. */
	"PRAGMA wal_autocheckpoint = 8192;"
	"PRAGMA foreign_keys = ON;"
	/* A store.db from elsewhere runs no function of ours in a view or
	 * trigger it brings. */
	"PRAGMA trusted_schema = OFF;";

/* Reads the header and the schema: a file that is not a database, or
 * whose first pages are damaged, fails here rather than mid-sync. */
static int
store_check(struct store *s, struct err *e)
{
	int rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema",
	    NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_sqlerr(s, rc, e);
}

/* PRAGMA quick_check reads every page, so that a damaged one is named at
 * open (ERR_CONFIG, --rebuild-store) rather than in the middle of a
 * sync; not integrity_check, which also matches every index against its
 * table and takes several times longer.  Only up to this size: it costs
 * about 2.5 ms per MB (half a second for a 100 000 message store), too
 * much for every start.  A larger store is checked page by page as it
 * is read: SQLite verifies each page it loads, and any damage it meets
 * gets the same sentence (store_sqlerr). */
#define STORE_CHECK_MAX (32 * 1024 * 1024)

static int
store_quick_check(struct store *s, struct err *e)
{
	sqlite3_stmt *st = NULL;
	const char *what;
	struct stat sb;
	int rc, r = 0;

	if (stat(s->file, &sb) == 0 && sb.st_size > STORE_CHECK_MAX)
		return 0;
	rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		what = (const char *)sqlite3_column_text(st, 0);
		if (what != NULL && strcmp(what, "ok") != 0)
			r = store_damaged(s->file, what, e);
		rc = SQLITE_OK;
	}
	if (r == 0 && rc != SQLITE_OK)
		r = store_sqlerr(s, rc, e);
	sqlite3_finalize(st);
	return r;
}

int
store_open(const char *dir, int flags, struct store **out, struct err *e)
{
	struct store *s;
	int r, rc;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->file = xasprintf("%s/%s", dir, STORE_FILE);
	if ((r = xdg_mkdirs(dir, 0700)) != 0) {
		r = err_set(e, ERR_IO, _("cannot create %s: %s"), dir,
		    strerror(-r));
		goto out;
	}
	if ((flags & STORE_REBUILD) && (r = store_set_aside(s->file, e)) != 0)
		goto out;
	if ((r = store_create_file(s->file, e)) != 0)
		goto out;
	/* NOMUTEX: one struct store is used by one thread at a time. */
	rc = sqlite3_open_v2(s->file, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		r = err_set(e, ERR_IO, _("cannot open %s: %s"), s->file,
		    s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto out;
	}
	/* A crafted file cannot corrupt memory through its own schema. */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if ((r = store_check(s, e)) != 0)
		goto out;
	if ((rc = sqlite3_exec(s->db, store_pragmas, NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		r = store_sqlerr(s, rc, e);
		goto out;
	}
	if ((r = store_schema_migrate(s, e)) != 0)
		goto out;
	if ((r = store_quick_check(s, e)) != 0)
		goto out;
	*out = s;
	s = NULL;
out:
	store_close(s);
	return r;
}

void
store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	store_search_done(s);
	for (i = 0; i < STORE_Q_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	/* The last connection to close checkpoints the WAL and removes
	 * -wal and -shm. */
	sqlite3_close(s->db);
	free(s->dir);
	free(s->file);
	free(s);
}

const char *
store_file(const struct store *s)
{
	return s->file;
}

const char *
store_dir(const struct store *s)
{
	return s->dir;
}

int
store_begin(struct store *s, struct err *e)
{
	/* A transaction a failure rolled back is still the caller's until
	 * store_commit or store_rollback ends it. */
	if (s->failed || !sqlite3_get_autocommit(s->db))
		return err_set(e, ERR_IO, _("cannot use %s: a transaction is "
		    "already open"), s->file);
	/* IMMEDIATE: the write lock is taken (or waited for) now.  A
	 * deferred transaction that read first could not wait for it
	 * later: SQLite would fail at once with SQLITE_BUSY. */
	return store_exec(s, STORE_Q_BEGIN, "BEGIN IMMEDIATE", e);
}

int
store_commit(struct store *s, struct err *e)
{
	int r;

	if (s->failed) {
		s->failed = false;
		return store_aborted(s, e);
	}
	if (sqlite3_get_autocommit(s->db))
		return err_set(e, ERR_IO, _("cannot use %s: no transaction is "
		    "open"), s->file);
	if ((r = store_exec(s, STORE_Q_COMMIT, "COMMIT", e)) != 0)
		store_rollback(s);
	return r;
}

void
store_rollback(struct store *s)
{
	if (s == NULL)
		return;
	s->failed = false;
	if (!sqlite3_get_autocommit(s->db))
		(void)store_exec(s, STORE_Q_ROLLBACK, "ROLLBACK", NULL);
}
