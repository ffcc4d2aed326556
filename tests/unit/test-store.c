/* test-store.c - the local mailbox (SQLite): files and modes, schema
 * versions and damaged files, messages in and out field by field, local
 * state, the index walk, search, kept documents, purge, two connections
 * and a kill -9 in the middle of a transaction.
 *
 * Figures (fill, walk, search) are printed, never asserted: set
 * EBOX_TEST_STORE_N for a larger box (default 1000 messages). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ebox/err.h"
#include "ebox/model.h"
#include "ebox/store.h"
#include "ebox/xalloc.h"
#include "test.h"

static char tmp_root[] = "/tmp/ebox-test-store.XXXXXX";

#define T0 1700000000           /* a receipt date; others count from it */
#define DAY 86400

/* --- helpers ----------------------------------------------------------- */

/* DIR for one case, not created: store_open makes it. */
static char *
case_dir(const char *name)
{
	return xasprintf("%s/%s", tmp_root, name);
}

static struct store *
open_ok(const char *dir)
{
	struct store *s;
	struct err e;

	err_clear(&e);
	if (store_open(dir, 0, &s, &e) != 0) {
		fprintf(stderr, "store_open %s: %s\n", dir, e.msg);
		abort();
	}
	return s;
}

static int
mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return -1;
	return (int)(st.st_mode & 07777);
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* "BASE nl", "BASE fr", "BASE de", "BASE en". */
static void
tset(struct tstring *t, const char *base)
{
	t->nl = xasprintf("%s nl", base);
	t->fr = xasprintf("%s fr", base);
	t->de = xasprintf("%s de", base);
	t->en = xasprintf("%s en", base);
}

/* A message with every field set: 3 documents, a payment, 2 business
 * data with values, for-the-attention-of, partition. */
static struct ebox_message *
msg_full(const char *provider, const char *id, time_t received)
{
	struct ebox_message *m = xcalloc(1, sizeof *m);
	struct ebox_attachment *a;
	struct ebox_business_data *b;
	struct ebox_payment *p;
	char base[64];
	size_t i;

	m->provider_id = xstrdup(provider);
	m->id = xstrdup(id);
	m->original_id = xasprintf("orig-%s", id);
	snprintf(base, sizeof base, "Subject %s", id);
	tset(&m->subject, base);
	m->receipt_date = received;
	m->expiration_date = received + 30 * DAY;
	m->read = false;
	m->visible = true;
	m->registered = true;
	m->body_main = false;
	m->reply_authorized = true;
	m->fta_id = xstrdup("fta-1");
	m->fta_type = xstrdup("");              /* "" stays "", not NULL */
	m->fta_name = xstrdup("Jean Dupont");
	m->message_type_id = xstrdup("type-tax");
	m->sender_org_id = xstrdup("0123456789");
	m->sender_app_id = xstrdup("app-1");
	m->partition_id = xstrdup("part-A");
	m->n_attachments = 3;
	m->attachments = xcalloc(3, sizeof *m->attachments);
	for (i = 0; i < 3; i++) {
		a = &m->attachments[i];
		a->id = xasprintf("att-%zu", i);
		snprintf(base, sizeof base, "Title %zu", i);
		tset(&a->title, base);
		a->file_name = xasprintf("file-%zu.pdf", i);
		a->main_content = i == 0;
		a->media_type = xstrdup("application/pdf");
		a->size_kb = 12.5 * (double)(i + 1);
		a->digest_method = i == 2 ? NULL : xstrdup("sha_256");
		a->digest_value = i == 2 ? NULL : xasprintf("digest%zu", i);
		a->is_signed = i == 1;
		a->content_href = xasprintf("https://x/att-%zu", i);
	}
	p = m->payment = xcalloc(1, sizeof *p);
	p->id = xstrdup("pay-1");
	p->amount = 123.45;
	p->vat_amount = 25.92;
	p->currency = xstrdup("EUR");
	p->due_date = received + 10 * DAY;
	p->iban = xstrdup("BE68539007547034");
	p->bic = xstrdup("GEBABEBB");
	p->reference = xstrdup("+++123/4567/89012+++");
	m->n_business = 2;
	m->business = xcalloc(2, sizeof *m->business);
	for (i = 0; i < 2; i++) {
		b = &m->business[i];
		b->key = xasprintf("key%zu", i);
		snprintf(base, sizeof base, "Name %zu", i);
		tset(&b->name, base);
		snprintf(base, sizeof base, "Description %zu", i);
		tset(&b->description, base);
		b->n_values = 2;
		b->values = xcalloc(2, sizeof *b->values);
		snprintf(base, sizeof base, "Value %zu", i);
		tset(&b->values[0], base);
		b->values[1].fr = xstrdup("seulement en français \"quoted\"");
	}
	return m;
}

/* A message with little in it (index and search cases). */
static struct ebox_message *
msg_small(const char *provider, const char *id, time_t received,
    const char *subject_fr)
{
	struct ebox_message *m = xcalloc(1, sizeof *m);

	m->provider_id = xstrdup(provider);
	m->id = xstrdup(id);
	m->subject.fr = xstrdup(subject_fr);
	m->receipt_date = received;
	m->visible = true;
	return m;
}

static void
check_tstring(const struct tstring *a, const struct tstring *b)
{
	CHECK_STR(a->nl, b->nl);
	CHECK_STR(a->fr, b->fr);
	CHECK_STR(a->de, b->de);
	CHECK_STR(a->en, b->en);
}

/* Every field of every struct but the text. */
static void
check_same(const struct ebox_message *a, const struct ebox_message *b)
{
	size_t i, j;

	CHECK_STR(a->provider_id, b->provider_id);
	CHECK_STR(a->id, b->id);
	CHECK_STR(a->original_id, b->original_id);
	check_tstring(&a->subject, &b->subject);
	CHECK_INT(a->receipt_date, b->receipt_date);
	CHECK_INT(a->expiration_date, b->expiration_date);
	CHECK_INT(a->read, b->read);
	CHECK_INT(a->visible, b->visible);
	CHECK_INT(a->registered, b->registered);
	CHECK_INT(a->body_main, b->body_main);
	CHECK_INT(a->reply_authorized, b->reply_authorized);
	CHECK_STR(a->fta_id, b->fta_id);
	CHECK_STR(a->fta_type, b->fta_type);
	CHECK_STR(a->fta_name, b->fta_name);
	CHECK_STR(a->message_type_id, b->message_type_id);
	CHECK_STR(a->sender_org_id, b->sender_org_id);
	CHECK_STR(a->sender_app_id, b->sender_app_id);
	CHECK_STR(a->partition_id, b->partition_id);
	CHECK_INT(a->n_attachments, b->n_attachments);
	for (i = 0; i < a->n_attachments && i < b->n_attachments; i++) {
		const struct ebox_attachment *x = &a->attachments[i];
		const struct ebox_attachment *y = &b->attachments[i];

		CHECK_STR(x->id, y->id);
		check_tstring(&x->title, &y->title);
		CHECK_STR(x->file_name, y->file_name);
		CHECK_INT(x->main_content, y->main_content);
		CHECK_STR(x->media_type, y->media_type);
		CHECK(x->size_kb == y->size_kb);
		CHECK_STR(x->digest_method, y->digest_method);
		CHECK_STR(x->digest_value, y->digest_value);
		CHECK_INT(x->is_signed, y->is_signed);
		CHECK_STR(x->content_href, y->content_href);
	}
	CHECK_INT(a->payment != NULL, b->payment != NULL);
	if (a->payment != NULL && b->payment != NULL) {
		CHECK_STR(a->payment->id, b->payment->id);
		CHECK(a->payment->amount == b->payment->amount);
		CHECK(a->payment->vat_amount == b->payment->vat_amount);
		CHECK_STR(a->payment->currency, b->payment->currency);
		CHECK_INT(a->payment->due_date, b->payment->due_date);
		CHECK_STR(a->payment->iban, b->payment->iban);
		CHECK_STR(a->payment->bic, b->payment->bic);
		CHECK_STR(a->payment->reference, b->payment->reference);
	}
	CHECK_INT(a->n_business, b->n_business);
	for (i = 0; i < a->n_business && i < b->n_business; i++) {
		const struct ebox_business_data *x = &a->business[i];
		const struct ebox_business_data *y = &b->business[i];

		CHECK_STR(x->key, y->key);
		check_tstring(&x->name, &y->name);
		check_tstring(&x->description, &y->description);
		CHECK_INT(x->n_values, y->n_values);
		for (j = 0; j < x->n_values && j < y->n_values; j++)
			check_tstring(&x->values[j], &y->values[j]);
	}
}

static int64_t
put_ok(struct store *s, const struct ebox_message *m, time_t seen,
    enum store_change *how)
{
	struct err e;
	int64_t rowid = -1;

	err_clear(&e);
	CHECK_INT(store_message_put(s, m, seen, how, &rowid, &e), 0);
	if (e.code != 0)
		fprintf(stderr, "  put: %s\n", e.msg);
	return rowid;
}

static struct ebox_message *
load_ok(struct store *s, int64_t rowid)
{
	struct ebox_message *m = NULL;
	struct err e;

	err_clear(&e);
	CHECK_INT(store_message_load(s, rowid, &m, &e), 0);
	if (m == NULL) {
		fprintf(stderr, "  load %lld: %s\n", (long long)rowid, e.msg);
		abort();
	}
	return m;
}

/* Whether DIR holds a name starting with prefix. */
static char *
find_name(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;

	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
		    found == NULL)
			found = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	return found;
}

/* Regular files under DIR/documents (two levels). */
static int
count_documents(const char *dir)
{
	char *docs = xasprintf("%s/documents", dir), *sub;
	DIR *d = opendir(docs), *d2;
	struct dirent *de, *de2;
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", docs, de->d_name);
		if ((d2 = opendir(sub)) != NULL) {
			while ((de2 = readdir(d2)) != NULL)
				n += de2->d_name[0] != '.';
			closedir(d2);
		}
		free(sub);
	}
	if (d != NULL)
		closedir(d);
	free(docs);
	return n;
}

static void
write_text(const char *path, const char *text)
{
	test_write_file(path, text, strlen(text));
}

/* --- files, schema, damage ----------------------------------------------- */

static void
test_open_creates_private_files(void)
{
	char *dir = case_dir("modes/deeper"), *db, *wal, *shm;
	struct ebox_message *m = msg_small("p", "m1", T0, "x");
	struct store *s;

	umask(022);
	s = open_ok(dir);
	db = xasprintf("%s/store.db", dir);
	wal = xasprintf("%s-wal", db);
	shm = xasprintf("%s-shm", db);
	CHECK_INT(mode_of(dir), 0700);
	CHECK_INT(mode_of(db), 0600);
	CHECK_STR(store_file(s), db);
	CHECK_STR(store_dir(s), dir);
	put_ok(s, m, T0, NULL);
	/* SQLite gives -wal and -shm the database's own mode. */
	CHECK(exists(wal));
	CHECK_INT(mode_of(wal), 0600);
	CHECK_INT(mode_of(shm), 0600);
	store_close(s);
	ebox_message_free(m);
	free(db);
	free(wal);
	free(shm);
	free(dir);
}

static void
test_reopen_keeps_data(void)
{
	char *dir = case_dir("reopen"), *v = NULL;
	struct ebox_message *m = msg_full("p", "m1", T0);
	struct store *s = open_ok(dir);
	int64_t rowid, found = 0;
	struct err e;

	rowid = put_ok(s, m, T0, NULL);
	CHECK_INT(store_meta_set(s, "last_check", "1700000000", &e), 0);
	store_close(s);
	s = open_ok(dir);
	CHECK_INT(store_message_find(s, "p", "m1", &found, &e), 0);
	CHECK_INT(found, rowid);
	CHECK_INT(store_meta_get(s, "last_check", &v, &e), 0);
	CHECK_STR(v, "1700000000");
	free(v);
	CHECK_INT(store_meta_get(s, "never", &v, &e), ERR_NOTFOUND);
	CHECK(v == NULL);
	CHECK_INT(store_message_find(s, "p", "nope", &found, &e), ERR_NOTFOUND);
	store_close(s);
	ebox_message_free(m);
	free(dir);
}

static void
set_user_version(const char *file, int version)
{
	sqlite3 *db;
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
	if (sqlite3_open(file, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		abort();
	sqlite3_close(db);
}

/* Runs sql on the file directly, as a user (or an older ebox-tui)
 * would; 0 when it worked. */
static int
run_sql(const char *file, const char *sql)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open(file, &db) != SQLITE_OK)
		abort();
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static int row_copy(const struct store_row *r, void *ud);

/* A store of schema 1 (no unseen column) opens as schema 2 with every
 * message and flag kept, and the new flag works. */
static void
test_migration_1_to_2(void)
{
	char *dir = case_dir("migrate"), *db;
	struct ebox_message *m = msg_small("p", "m1", T0, "x");
	struct store *s = open_ok(dir);
	int64_t rowid, found = 0;
	struct err e;
	struct store_row seen;

	rowid = put_ok(s, m, T0, NULL);
	CHECK_INT(store_message_set_flag(s, rowid, STORE_PAID, true, &e), 0);
	store_close(s);
	db = xasprintf("%s/store.db", dir);
	/* Back to what schema 1 wrote. */
	CHECK_INT(run_sql(db, "ALTER TABLE messages DROP COLUMN unseen"),
	    SQLITE_OK);
	CHECK_INT(run_sql(db, "DROP TABLE sent"), SQLITE_OK);
	set_user_version(db, 1);
	CHECK(run_sql(db, "SELECT unseen FROM messages") != SQLITE_OK);

	s = open_ok(dir);
	CHECK_INT(run_sql(db, "SELECT unseen FROM messages"), SQLITE_OK);
	CHECK_INT(store_message_find(s, "p", "m1", &found, &e), 0);
	CHECK_INT(found, rowid);
	CHECK_INT(store_message_set_flag(s, rowid, STORE_UNSEEN, true, &e), 0);
	memset(&seen, 0, sizeof seen);
	CHECK_INT(store_row_get(s, rowid, row_copy, &seen, &e), 0);
	CHECK(seen.paid);
	CHECK(seen.unseen);
	/* A new listing of it (now read at the server) keeps the local
	 * flags. */
	m->read = !m->read;
	put_ok(s, m, T0 + 10, NULL);
	memset(&seen, 0, sizeof seen);
	CHECK_INT(store_row_get(s, rowid, row_copy, &seen, &e), 0);
	CHECK(seen.unseen);
	CHECK(seen.paid);
	CHECK_INT(seen.read, m->read);
	store_close(s);
	{
		sqlite3 *h;
		sqlite3_stmt *st;

		CHECK_INT(sqlite3_open(db, &h), SQLITE_OK);
		CHECK_INT(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st,
		    NULL), SQLITE_OK);
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_INT(sqlite3_column_int(st, 0), STORE_SCHEMA);
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
	ebox_message_free(m);
	free(db);
	free(dir);
}

static void
test_newer_schema_refused(void)
{
	char *dir = case_dir("newer"), *db, *broken;
	struct ebox_message *m = msg_small("p", "m1", T0, "x");
	struct store *s = open_ok(dir);
	int64_t rowid;
	struct err e;

	put_ok(s, m, T0, NULL);
	store_close(s);
	db = xasprintf("%s/store.db", dir);
	set_user_version(db, STORE_SCHEMA + 1);
	err_clear(&e);
	s = (struct store *)1;
	CHECK_INT(store_open(dir, 0, &s, &e), ERR_CONFIG);
	CHECK(s == NULL);
	CHECK(strstr(e.msg, "--rebuild-store") != NULL);
	CHECK(strstr(e.msg, db) != NULL);
	CHECK(strstr(e.msg, "newer") != NULL);
	/* Refused again: nothing was changed by the first attempt. */
	CHECK_INT(store_open(dir, 0, &s, &e), ERR_CONFIG);
	err_clear(&e);
	CHECK_INT(store_open(dir, STORE_REBUILD, &s, &e), 0);
	CHECK(s != NULL);
	broken = find_name(dir, "store.db.broken-");
	CHECK(broken != NULL);
	if (broken != NULL)
		CHECK_INT(mode_of(broken), 0600);
	CHECK_INT(store_message_find(s, "p", "m1", &rowid, &e), ERR_NOTFOUND);
	store_close(s);
	free(broken);
	free(db);
	ebox_message_free(m);
	free(dir);
}

static void
test_damaged_file_refused(void)
{
	char *dir = case_dir("damaged"), *db, *broken, garbage[8192];
	struct store *s = open_ok(dir);
	struct err e;
	size_t i;

	store_close(s);
	db = xasprintf("%s/store.db", dir);
	for (i = 0; i < sizeof garbage; i++)
		garbage[i] = (char)(i * 7 + 3);
	test_write_file(db, garbage, sizeof garbage);
	err_clear(&e);
	CHECK_INT(store_open(dir, 0, &s, &e), ERR_CONFIG);
	CHECK(strstr(e.msg, "--rebuild-store") != NULL);
	CHECK(strstr(e.msg, "damaged") != NULL);
	fprintf(stderr, "  damaged: %s\n", e.msg);
	err_clear(&e);
	CHECK_INT(store_open(dir, STORE_REBUILD, &s, &e), 0);
	broken = find_name(dir, "store.db.broken-");
	CHECK(broken != NULL);
	/* Set aside whole, never deleted. */
	if (broken != NULL) {
		struct stat st;

		CHECK_INT(stat(broken, &st), 0);
		CHECK_INT(st.st_size, sizeof garbage);
	}
	CHECK_INT(mode_of(db), 0600);
	store_close(s);
	/* A second rebuild in the same second takes another name. */
	CHECK_INT(store_open(dir, STORE_REBUILD, &s, &e), 0);
	store_close(s);
	free(broken);
	free(db);
	free(dir);
}

static void
test_damaged_page_refused(void)
{
	/* A valid header with damaged pages behind it: quick_check. */
	char *dir = case_dir("badpage"), *db, name[32];
	struct store *s = open_ok(dir);
	struct ebox_message *m;
	struct err e;
	int fd, i;

	CHECK_INT(store_begin(s, &e), 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "m%d", i);
		m = msg_full("p", name, T0 + i);
		put_ok(s, m, T0, NULL);
		ebox_message_free(m);
	}
	CHECK_INT(store_commit(s, &e), 0);
	store_close(s);                 /* checkpoints into store.db */
	db = xasprintf("%s/store.db", dir);
	fd = open(db, O_WRONLY);
	CHECK(fd >= 0);
	for (i = 8; i < 40; i++) {      /* pages 3.. of 4096 bytes */
		char junk[512];

		memset(junk, 0x5a + i, sizeof junk);
		CHECK(pwrite(fd, junk, sizeof junk, (off_t)i * 4096 + 100) ==
		    (ssize_t)sizeof junk);
	}
	close(fd);
	err_clear(&e);
	CHECK_INT(store_open(dir, 0, &s, &e), ERR_CONFIG);
	CHECK(strstr(e.msg, "--rebuild-store") != NULL);
	free(db);
	free(dir);
}

/* --- messages ------------------------------------------------------------- */

static void
test_roundtrip_full_message(void)
{
	char *dir = case_dir("roundtrip");
	struct ebox_message *m = msg_full("prov-1", "msg-1", T0), *back;
	struct store *s = open_ok(dir);
	enum store_change how = STORE_SAME;
	int64_t rowid;

	rowid = put_ok(s, m, T0 + 5, &how);
	CHECK_INT(how, STORE_NEW);
	CHECK(rowid > 0);
	back = load_ok(s, rowid);
	check_same(m, back);
	CHECK(!back->has_body);
	CHECK(tstring_empty(&back->body));
	ebox_message_free(back);

	/* Without payment, business data or documents; NULLs stay NULL. */
	ebox_message_free(m);
	m = msg_small("prov-1", "msg-2", T0, "x");
	xfree(&m->subject.fr);
	rowid = put_ok(s, m, T0, &how);
	back = load_ok(s, rowid);
	check_same(m, back);
	CHECK(back->payment == NULL);
	CHECK(back->attachments == NULL);
	CHECK(back->business == NULL);
	CHECK(back->subject.fr == NULL);
	ebox_message_free(back);
	store_close(s);
	ebox_message_free(m);
	free(dir);
}

static void
test_put_same_and_changed(void)
{
	char *dir = case_dir("changed");
	struct ebox_message *m = msg_full("p", "m1", T0), *back;
	struct store *s = open_ok(dir);
	enum store_change how;
	int64_t rowid, again;

	rowid = put_ok(s, m, T0, &how);
	CHECK_INT(how, STORE_NEW);
	again = put_ok(s, m, T0 + 10, &how);
	CHECK_INT(how, STORE_SAME);
	CHECK_INT(again, rowid);

	/* A flag the server mirrors. */
	m->read = true;
	put_ok(s, m, T0 + 20, &how);
	CHECK_INT(how, STORE_CHANGED);
	put_ok(s, m, T0 + 21, &how);
	CHECK_INT(how, STORE_SAME);
	/* The partition. */
	free(m->partition_id);
	m->partition_id = xstrdup("part-B");
	put_ok(s, m, T0 + 30, &how);
	CHECK_INT(how, STORE_CHANGED);
	/* A document's title and the payment. */
	free(m->attachments[1].title.de);
	m->attachments[1].title.de = xstrdup("Neuer Titel");
	m->payment->amount = 99.5;
	m->visible = false;
	again = put_ok(s, m, T0 + 40, &how);
	CHECK_INT(how, STORE_CHANGED);
	CHECK_INT(again, rowid);
	back = load_ok(s, rowid);
	check_same(m, back);
	CHECK(back->read);
	CHECK(!back->visible);
	ebox_message_free(back);
	/* One business value less. */
	tstring_done(&m->business[0].values[1]);
	m->business[0].n_values = 1;
	put_ok(s, m, T0 + 50, &how);
	CHECK_INT(how, STORE_CHANGED);
	back = load_ok(s, rowid);
	check_same(m, back);
	ebox_message_free(back);
	put_ok(s, m, T0 + 60, &how);
	CHECK_INT(how, STORE_SAME);
	store_close(s);
	ebox_message_free(m);
	free(dir);
}

static int
row_copy(const struct store_row *r, void *ud)
{
	struct store_row *out = ud;

	*out = *r;
	/* Strings die with the callback: keep none of them. */
	out->provider = out->id = NULL;
	memset(out->subject, 0, sizeof out->subject);
	out->sender_org = out->sender_app = out->message_type = NULL;
	out->partition = out->fta_name = out->payment_currency = NULL;
	return 0;
}

static void
test_local_state_kept(void)
{
	char *dir = case_dir("local");
	struct ebox_message *m = msg_full("p", "m1", T0), *back;
	struct store *s = open_ok(dir);
	struct tstring body = { 0 };
	struct store_row row;
	enum store_change how;
	struct err e;
	int64_t rowid;

	rowid = put_ok(s, m, T0, NULL);
	tset(&body, "The text");
	CHECK_INT(store_message_set_body(s, rowid, &body, &e), 0);
	CHECK_INT(store_message_set_flag(s, rowid, STORE_TAGGED, true, &e), 0);
	CHECK_INT(store_message_set_flag(s, rowid, STORE_PAID, true, &e), 0);
	CHECK_INT(store_message_set_flag(s, rowid, STORE_ANNOUNCED, true, &e),
	    0);
	/* The server says something new, without the text. */
	free(m->subject.en);
	m->subject.en = xstrdup("New subject");
	put_ok(s, m, T0 + 100, &how);
	CHECK_INT(how, STORE_CHANGED);
	CHECK_INT(store_row_get(s, rowid, row_copy, &row, &e), 0);
	CHECK(row.tagged && row.paid && row.announced && row.on_server);
	CHECK_INT(row.first_seen, T0);
	back = load_ok(s, rowid);
	CHECK(back->has_body);
	check_tstring(&back->body, &body);
	CHECK_STR(back->subject.en, "New subject");
	ebox_message_free(back);
	/* A put that carries the same text is SAME; a new text CHANGED. */
	tstring_copy(&m->body, &body);
	m->has_body = true;
	put_ok(s, m, T0 + 200, &how);
	CHECK_INT(how, STORE_SAME);
	free(m->body.nl);
	m->body.nl = xstrdup("Andere tekst");
	put_ok(s, m, T0 + 300, &how);
	CHECK_INT(how, STORE_CHANGED);
	back = load_ok(s, rowid);
	CHECK_STR(back->body.nl, "Andere tekst");
	ebox_message_free(back);
	/* Flags on a message that does not exist. */
	CHECK_INT(store_message_set_flag(s, 999999, STORE_READ, true, &e),
	    ERR_NOTFOUND);
	CHECK_INT(store_message_set_body(s, 999999, &body, &e), ERR_NOTFOUND);
	CHECK_INT(store_message_set_partition(s, 999999, "x", &e),
	    ERR_NOTFOUND);
	CHECK_INT(store_message_set_partition(s, rowid, "part-Z", &e), 0);
	back = load_ok(s, rowid);
	CHECK_STR(back->partition_id, "part-Z");
	ebox_message_free(back);
	tstring_done(&body);
	store_close(s);
	ebox_message_free(m);
	free(dir);
}

static void
test_gone_and_back(void)
{
	char *dir = case_dir("gone");
	struct ebox_message *a = msg_small("p", "a", T0, "a");
	struct ebox_message *b = msg_small("p", "b", T0 + 1, "b");
	struct ebox_message *c = msg_small("q", "c", T0 + 2, "c");
	struct store *s = open_ok(dir);
	struct store_row row;
	enum store_change how;
	int64_t ra, rb, rc;
	struct err e;
	size_t n = 99;

	ra = put_ok(s, a, 100, NULL);
	rb = put_ok(s, b, 100, NULL);
	rc = put_ok(s, c, 100, NULL);
	/* The next complete listing of p (at 200) has b only. */
	put_ok(s, b, 200, &how);
	CHECK_INT(how, STORE_SAME);
	CHECK_INT(store_message_gone(s, "p", 200, &n, &e), 0);
	CHECK_INT(n, 1);
	CHECK_INT(store_row_get(s, ra, row_copy, &row, &e), 0);
	CHECK(!row.on_server);
	CHECK_INT(store_row_get(s, rb, row_copy, &row, &e), 0);
	CHECK(row.on_server);
	CHECK_INT(store_row_get(s, rc, row_copy, &row, &e), 0);
	CHECK(row.on_server);           /* another provider */
	CHECK_INT(store_message_gone(s, "p", 200, &n, &e), 0);
	CHECK_INT(n, 0);                /* already marked */
	CHECK_INT(store_message_gone(s, "p", 200, NULL, &e), 0);
	/* Listed again: on the server again, and that is a change. */
	put_ok(s, a, 300, &how);
	CHECK_INT(how, STORE_CHANGED);
	CHECK_INT(store_row_get(s, ra, row_copy, &row, &e), 0);
	CHECK(row.on_server);
	CHECK_INT(store_row_get(s, 424242, row_copy, &row, &e), ERR_NOTFOUND);
	store_close(s);
	ebox_message_free(a);
	ebox_message_free(b);
	ebox_message_free(c);
	free(dir);
}

struct walk {
	int n;
	int stop_at;
	time_t last;
	bool ordered;
	char ids[16][16];
	bool full_ok;
};

static int
walk_rows(const struct store_row *r, void *ud)
{
	struct walk *w = ud;

	if (w->n > 0 && r->received > w->last)
		w->ordered = false;
	w->last = r->received;
	if (w->n < 16)
		snprintf(w->ids[w->n], sizeof w->ids[0], "%s", r->id);
	if (strcmp(r->id, "full") == 0)
		w->full_ok = strcmp(r->provider, "p") == 0 &&
		    strcmp(r->subject[0], "Subject full nl") == 0 &&
		    strcmp(r->subject[3], "Subject full en") == 0 &&
		    r->expires == T0 + 5 * DAY + 30 * DAY && r->registered &&
		    !r->body_main && r->reply_authorized && r->visible &&
		    !r->read && r->on_server && !r->tagged &&
		    strcmp(r->sender_org, "0123456789") == 0 &&
		    strcmp(r->sender_app, "app-1") == 0 &&
		    strcmp(r->message_type, "type-tax") == 0 &&
		    strcmp(r->partition, "part-A") == 0 &&
		    strcmp(r->fta_name, "Jean Dupont") == 0 &&
		    r->n_documents == 3 && r->has_payment &&
		    r->payment_due == T0 + 5 * DAY + 10 * DAY &&
		    r->payment_amount == 123.45 && r->payment_vat == 25.92 &&
		    strcmp(r->payment_currency, "EUR") == 0 &&
		    r->first_seen == 777;
	else if (r->has_payment || r->subject[0] != NULL || r->expires != 0)
		w->full_ok = false;
	w->n++;
	return w->n == w->stop_at ? 42 : 0;
}

static void
test_each_row(void)
{
	static const time_t when[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
	char *dir = case_dir("rows"), id[16];
	struct store *s = open_ok(dir);
	struct ebox_message *m;
	struct walk w;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof when / sizeof when[0]; i++) {
		snprintf(id, sizeof id, "m%zu", i);
		m = msg_small("p", id, T0 + when[i] * DAY, "x");
		put_ok(s, m, 100, NULL);
		ebox_message_free(m);
	}
	m = msg_full("p", "full", T0 + 5 * DAY);
	put_ok(s, m, 777, NULL);
	ebox_message_free(m);
	memset(&w, 0, sizeof w);
	w.ordered = true;
	CHECK_INT(store_each_row(s, walk_rows, &w, &e), 0);
	CHECK_INT(w.n, 9);
	CHECK(w.ordered);
	CHECK_STR(w.ids[0], "m5");      /* T0 + 9 days: newest */
	CHECK_STR(w.ids[1], "m7");
	/* Same day: the later stored first ("full" after m4). */
	CHECK_STR(w.ids[2], "full");
	CHECK_STR(w.ids[3], "m4");
	CHECK(w.full_ok);
	/* A non-zero return stops the walk and is returned. */
	memset(&w, 0, sizeof w);
	w.stop_at = 3;
	CHECK_INT(store_each_row(s, walk_rows, &w, &e), 42);
	CHECK_INT(w.n, 3);
	/* And the walk left no read open: a write goes through at once. */
	CHECK_INT(store_meta_set(s, "k", "v", &e), 0);
	store_close(s);
	free(dir);
}

struct announce {
	struct store *s;
	int n;
	time_t last;
	bool ordered;
};

static int
announce_row(const struct store_row *r, void *ud)
{
	struct announce *a = ud;
	struct err e;

	if (a->n > 0 && r->received < a->last)
		a->ordered = false;
	a->last = r->received;
	a->n++;
	/* `check` marks each one as it reports it. */
	CHECK_INT(store_message_set_flag(a->s, r->rowid, STORE_ANNOUNCED, true,
	    &e), 0);
	return 0;
}

static void
test_unannounced(void)
{
	char *dir = case_dir("announce"), id[16];
	struct store *s = open_ok(dir);
	struct ebox_message *m;
	struct announce a;
	struct err e;
	int i;

	for (i = 0; i < 20; i++) {
		snprintf(id, sizeof id, "m%d", i);
		m = msg_small("p", id, T0 + ((i * 7) % 20) * DAY, "x");
		put_ok(s, m, 100, NULL);
		ebox_message_free(m);
	}
	memset(&a, 0, sizeof a);
	a.s = s;
	a.ordered = true;
	CHECK_INT(store_each_unannounced(s, announce_row, &a, &e), 0);
	CHECK_INT(a.n, 20);             /* each once, though marked during */
	CHECK(a.ordered);               /* oldest first */
	memset(&a, 0, sizeof a);
	a.s = s;
	CHECK_INT(store_each_unannounced(s, announce_row, &a, &e), 0);
	CHECK_INT(a.n, 0);
	/* A new one shows; an old one put again stays announced. */
	m = msg_small("p", "new", T0, "x");
	put_ok(s, m, 200, NULL);
	ebox_message_free(m);
	m = msg_small("p", "m3", T0 + 1, "changed");
	put_ok(s, m, 200, NULL);
	ebox_message_free(m);
	memset(&a, 0, sizeof a);
	a.s = s;
	CHECK_INT(store_each_unannounced(s, announce_row, &a, &e), 0);
	CHECK_INT(a.n, 1);
	store_close(s);
	free(dir);
}

/* --- search ----------------------------------------------------------------- */

/* How many messages query finds; -1 on an error. */
static int
search_n(struct store *s, const char *query)
{
	int64_t *rowids = NULL;
	struct err e;
	size_t n = 0;

	err_clear(&e);
	if (store_search(s, query, &rowids, &n, &e) != 0) {
		fprintf(stderr, "  search '%s': %s\n", query, e.msg);
		return -1;
	}
	free(rowids);
	return (int)n;
}

static void
test_search(void)
{
	char *dir = case_dir("search");
	struct store *s = open_ok(dir);
	struct ebox_message *m1, *m2, *m3;
	struct ebox_organization o = { 0 };
	struct ebox_message_type t = { 0 };
	struct tstring body = { 0 };
	int64_t *rowids = NULL, r1, r2;
	size_t n = 9;
	struct err e;

	m1 = msg_small("p", "m1", T0, "Recette aux épinards de François");
	m1->sender_org_id = xstrdup("0987654321");
	m1->message_type_id = xstrdup("invoice");
	m2 = msg_small("p", "m2", T0 + 1, "Ihre Wohnung in der Straße");
	m2->fta_name = xstrdup("Ærøskøbing Œuvre");
	m3 = msg_full("p", "m3", T0 + 2);
	r1 = put_ok(s, m1, 100, NULL);
	r2 = put_ok(s, m2, 100, NULL);
	put_ok(s, m3, 100, NULL);

	CHECK_INT(search_n(s, "ép"), 1);
	CHECK_INT(search_n(s, "EPIN"), 1);
	CHECK_INT(search_n(s, "francois"), 1);
	CHECK_INT(search_n(s, "FRANÇOIS"), 1);
	CHECK_INT(search_n(s, "STRASSE"), 1);   /* ß folded as ss */
	CHECK_INT(search_n(s, "straße"), 1);
	CHECK_INT(search_n(s, "strasse wohnung"), 1);
	CHECK_INT(search_n(s, "oeuvre"), 1);
	CHECK_INT(search_n(s, "aeroskobing"), 1);
	CHECK_INT(search_n(s, "épinards  \t recette"), 1);  /* several words */
	CHECK_INT(search_n(s, "épinards wohnung"), 0);      /* all must match */
	CHECK_INT(search_n(s, "subj"), 1);
	CHECK_INT(search_n(s, "value"), 1);     /* business values */
	CHECK_INT(search_n(s, "quoted"), 1);
	CHECK_INT(search_n(s, "file-2"), 1);    /* document names */
	CHECK_INT(search_n(s, "title 1"), 1);   /* document titles */
	CHECK_INT(search_n(s, "dupont"), 1);    /* for the attention of */
	CHECK_INT(search_n(s, "0987654321"), 1);        /* enterprise number */
	/* An empty query finds nothing (not everything). */
	CHECK_INT(search_n(s, ""), 0);
	CHECK_INT(search_n(s, "   "), 0);
	CHECK_INT(store_search(s, NULL, &rowids, &n, &e), 0);
	CHECK_INT(n, 0);
	CHECK(rowids == NULL);

	/* Hostile queries: never FTS syntax, never an error. */
	CHECK_INT(search_n(s, "NEAR("), 0);
	CHECK_INT(search_n(s, "\""), 0);
	CHECK_INT(search_n(s, "\"\"\""), 0);
	CHECK_INT(search_n(s, "*"), 0);
	CHECK_INT(search_n(s, "OR"), 0);
	CHECK_INT(search_n(s, "-"), 0);
	CHECK_INT(search_n(s, "épinards OR"), 0);      /* OR is a word */
	CHECK_INT(search_n(s, "épinards -"), 1);       /* - is nothing */
	CHECK_INT(search_n(s, "épi* \"fran"), 1);
	CHECK_INT(search_n(s, "NEAR(épinards françois) AND NOT ^x"), 0);
	CHECK_INT(search_n(s, "subject:épinards"), 0);
	CHECK_INT(search_n(s, "{subject text}: x"), 0);
	CHECK_INT(search_n(s, "\xc2\xab \xc2\xbb ( ) + :"), 0);
	CHECK_INT(search_n(s, "a\"b\"c*"), 0);

	/* The sender's names arrive after the message: searchable then. */
	CHECK_INT(search_n(s, "financien"), 0);
	o.id = xstrdup("0987654321");
	o.short_name.nl = xstrdup("FOD Financiën");
	o.short_name.fr = xstrdup("SPF Finances");
	o.long_name.de = xstrdup("Föderaler Öffentlicher Dienst Finanzen");
	CHECK_INT(store_organization_put(s, "p", &o, &e), 0);
	CHECK_INT(search_n(s, "financien"), 1);
	CHECK_INT(search_n(s, "foderaler"), 1);
	CHECK_INT(store_search(s, "spf fin", &rowids, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(rowids[0], r1);
	free(rowids);
	/* Renamed: the old name no longer finds it. */
	free(o.short_name.fr);
	o.short_name.fr = xstrdup("SPF Argent");
	CHECK_INT(store_organization_put(s, "p", &o, &e), 0);
	CHECK_INT(search_n(s, "spf finances"), 0);
	CHECK_INT(search_n(s, "argent"), 1);
	/* Same name for another provider: not this message. */
	free(o.short_name.fr);
	o.short_name.fr = xstrdup("Zorglub");
	CHECK_INT(store_organization_put(s, "other", &o, &e), 0);
	CHECK_INT(search_n(s, "zorglub"), 0);
	/* Message type names. */
	t.id = xstrdup("invoice");
	t.name.fr = xstrdup("Facture");
	CHECK_INT(store_message_type_put(s, "p", &t, &e), 0);
	CHECK_INT(search_n(s, "factu"), 1);
	/* A message put after its sender is known is indexed with it. */
	ebox_message_free(m3);
	m3 = msg_small("p", "m4", T0, "x");
	m3->sender_org_id = xstrdup("0987654321");
	put_ok(s, m3, 100, NULL);
	CHECK_INT(search_n(s, "argent"), 2);

	/* The text, once fetched. */
	CHECK_INT(search_n(s, "kohlrabi"), 0);
	body.de = xstrdup("Kohlrabi und Spinat");
	CHECK_INT(store_message_set_body(s, r2, &body, &e), 0);
	CHECK_INT(search_n(s, "kohlrabi spinat"), 1);
	/* ... stays indexed when the server changes the message. */
	free(m2->subject.fr);
	m2->subject.fr = xstrdup("Autre chose");
	put_ok(s, m2, 200, NULL);
	CHECK_INT(search_n(s, "kohlrabi"), 1);
	CHECK_INT(search_n(s, "wohnung"), 0);
	CHECK_INT(search_n(s, "autre"), 1);

	tstring_done(&body);
	ebox_organization_done(&o);
	ebox_message_type_done(&t);
	ebox_message_free(m1);
	ebox_message_free(m2);
	ebox_message_free(m3);
	store_close(s);
	free(dir);
}

/* --- reference data and providers ------------------------------------------- */

static void
test_providers_and_refdata(void)
{
	char *dir = case_dir("providers");
	struct store *s = open_ok(dir);
	struct ebox_provider p = { 0 };
	struct store_provider sp, *all = NULL;
	struct ebox_organization o = { 0 }, *orgs = NULL;
	struct ebox_message_type t = { 0 }, *types = NULL;
	struct err e;
	size_t n = 0, i;

	p.id = xstrdup("zeta");
	tset(&p.name, "Zeta");
	p.url = xstrdup("https://zeta/");
	p.api_version = xstrdup("2.1");
	CHECK_INT(store_provider_put(s, &p, &e), 0);
	free(p.id);
	p.id = xstrdup("alpha");
	CHECK_INT(store_provider_put(s, &p, &e), 0);
	CHECK_INT(store_provider_get(s, "zeta", &sp, &e), 0);
	CHECK_STR(sp.id, "zeta");
	CHECK_STR(sp.name.de, "Zeta de");
	CHECK_STR(sp.url, "https://zeta/");
	CHECK_STR(sp.api_version, "2.1");
	CHECK_INT(sp.last_sync, 0);
	CHECK(sp.error == NULL && sp.rejected_reason == NULL);
	sp.last_sync = T0;
	sp.last_full = T0 - 10;
	sp.watermark = T0 - 20;
	sp.rejected = 3;
	sp.rejected_reason = xstrdup("message 3 has no messageId");
	sp.error = xstrdup("timeout");
	CHECK_INT(store_provider_update(s, &sp, &e), 0);
	store_provider_done(&sp);
	/* The registry again: the sync fields stay. */
	free(p.url);
	p.url = xstrdup("https://zeta2/");
	free(p.id);
	p.id = xstrdup("zeta");
	CHECK_INT(store_provider_put(s, &p, &e), 0);
	CHECK_INT(store_provider_get(s, "zeta", &sp, &e), 0);
	CHECK_STR(sp.url, "https://zeta2/");
	CHECK_INT(sp.last_sync, T0);
	CHECK_INT(sp.last_full, T0 - 10);
	CHECK_INT(sp.watermark, T0 - 20);
	CHECK_INT(sp.rejected, 3);
	CHECK_STR(sp.rejected_reason, "message 3 has no messageId");
	CHECK_STR(sp.error, "timeout");
	store_provider_done(&sp);
	CHECK_INT(store_provider_get(s, "nope", &sp, &e), ERR_NOTFOUND);
	sp.id = (char *)"nope";
	CHECK_INT(store_provider_update(s, &sp, &e), ERR_NOTFOUND);
	CHECK_INT(store_providers(s, &all, &n, &e), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(all[0].id, "alpha");
		CHECK_STR(all[1].id, "zeta");
	}
	for (i = 0; i < n; i++)
		store_provider_done(&all[i]);
	free(all);
	ebox_provider_done(&p);

	o.id = xstrdup("org-b");
	tset(&o.short_name, "Short");
	tset(&o.long_name, "Long");
	tset(&o.url, "https://org");
	CHECK_INT(store_organization_put(s, "zeta", &o, &e), 0);
	free(o.id);
	o.id = xstrdup("org-a");
	free(o.url.en);
	o.url.en = NULL;
	CHECK_INT(store_organization_put(s, "zeta", &o, &e), 0);
	CHECK_INT(store_organizations(s, "zeta", &orgs, &n, &e), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(orgs[0].id, "org-a");
		check_tstring(&orgs[0].short_name, &o.short_name);
		check_tstring(&orgs[0].long_name, &o.long_name);
		check_tstring(&orgs[0].url, &o.url);
		CHECK_STR(orgs[1].url.en, "https://org en");
	}
	for (i = 0; i < n; i++)
		ebox_organization_done(&orgs[i]);
	free(orgs);
	CHECK_INT(store_organizations(s, "alpha", &orgs, &n, &e), 0);
	CHECK_INT(n, 0);
	free(orgs);
	ebox_organization_done(&o);

	t.id = xstrdup("type-1");
	tset(&t.name, "Type");
	tset(&t.description, "About");
	t.validity_number = 90;
	t.validity_unit = xstrdup("day");
	CHECK_INT(store_message_type_put(s, "zeta", &t, &e), 0);
	CHECK_INT(store_message_types(s, "zeta", &types, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(types[0].id, "type-1");
		check_tstring(&types[0].name, &t.name);
		check_tstring(&types[0].description, &t.description);
		CHECK_INT(types[0].validity_number, 90);
		CHECK_STR(types[0].validity_unit, "day");
		ebox_message_type_done(&types[0]);
	}
	free(types);
	ebox_message_type_done(&t);
	store_close(s);
	free(dir);
}

/* --- documents and purge ------------------------------------------------------ */

static void
fake_sha(unsigned char sha[32], int seed)
{
	int i;

	for (i = 0; i < 32; i++)
		sha[i] = (unsigned char)(seed * 31 + i * 7);
}

/* A downloaded file in dir (mode 0644, as a download might be). */
static char *
download(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);

	write_text(p, text);
	chmod(p, 0644);
	return p;
}

static void
test_documents(void)
{
	char *dir = case_dir("docs"), *from, *path = NULL, *want, *again = NULL;
	struct ebox_message *a = msg_small("p", "a", T0, "a");
	struct ebox_message *b = msg_small("p", "b", T0, "b");
	struct store *s = open_ok(dir);
	unsigned char sha[32];
	int64_t ra, rb;
	struct err e;

	ra = put_ok(s, a, 100, NULL);
	rb = put_ok(s, b, 100, NULL);
	fake_sha(sha, 1);
	want = store_document_path(s, sha);
	CHECK(strncmp(want, dir, strlen(dir)) == 0);
	CHECK(strstr(want, "/documents/") != NULL);
	CHECK_INT(strlen(strrchr(want, '/') + 1), 64);
	CHECK_INT(store_document_find(s, ra, "att-1", &path, &e), ERR_NOTFOUND);
	CHECK(path == NULL);

	from = download(tmp_root, "dl-1.part", "%PDF-1.7 one");
	CHECK_INT(store_document_keep(s, ra, "att-1", from, sha, 12, &e), 0);
	CHECK(!exists(from));
	CHECK_INT(mode_of(want), 0600);
	CHECK_INT(store_document_find(s, ra, "att-1", &path, &e), 0);
	CHECK_STR(path, want);
	free(path);
	path = NULL;
	free(from);

	/* The same bytes for another message: one file. */
	from = download(tmp_root, "dl-2.part", "%PDF-1.7 one");
	CHECK_INT(store_document_keep(s, rb, "att-9", from, sha, 12, &e), 0);
	CHECK(!exists(from));
	CHECK_INT(count_documents(dir), 1);
	CHECK_INT(store_document_find(s, rb, "att-9", &again, &e), 0);
	CHECK_STR(again, want);
	free(again);
	free(from);
	/* Kept again for the same document: still one record, one file. */
	from = download(tmp_root, "dl-3.part", "%PDF-1.7 one");
	CHECK_INT(store_document_keep(s, ra, "att-1", from, sha, 12, &e), 0);
	CHECK_INT(count_documents(dir), 1);
	free(from);
	/* An unknown message. */
	from = download(tmp_root, "dl-4.part", "x");
	CHECK_INT(store_document_keep(s, 987654, "att-1", from, sha, 1, &e),
	    ERR_NOTFOUND);
	CHECK(exists(from));
	unlink(from);
	free(from);

	/* The file removed by hand: not found, and the record is dropped. */
	CHECK_INT(unlink(want), 0);
	err_clear(&e);
	CHECK_INT(store_document_find(s, ra, "att-1", &path, &e), ERR_NOTFOUND);
	CHECK(path == NULL);
	CHECK(strstr(e.msg, "gone") != NULL);
	err_clear(&e);
	CHECK_INT(store_document_find(s, ra, "att-1", &path, &e), ERR_NOTFOUND);
	CHECK(strstr(e.msg, "not kept") != NULL);
	/* A changed size counts as gone too. */
	from = download(tmp_root, "dl-5.part", "%PDF-1.7 one");
	CHECK_INT(store_document_keep(s, ra, "att-1", from, sha, 12, &e), 0);
	free(from);
	write_text(want, "%PDF-1.7 one, but longer");
	CHECK_INT(store_document_find(s, rb, "att-9", &path, &e), ERR_NOTFOUND);
	/* Keeping it again replaces the damaged file. */
	from = download(tmp_root, "dl-6.part", "%PDF-1.7 one");
	CHECK_INT(store_document_keep(s, rb, "att-9", from, sha, 12, &e), 0);
	CHECK_INT(store_document_find(s, rb, "att-9", &path, &e), 0);
	free(path);
	free(from);
	free(want);
	store_close(s);
	ebox_message_free(a);
	ebox_message_free(b);
	free(dir);
}

static void
test_purge(void)
{
	char *dir = case_dir("purge"), *from, *shared, *lone, *path;
	struct ebox_message *a = msg_small("p", "a", T0, "purgeme alpha");
	struct ebox_message *b = msg_small("p", "b", T0, "purgeme beta");
	struct ebox_message *c = msg_full("p", "c", T0);
	struct store *s = open_ok(dir);
	unsigned char sha1[32], sha2[32];
	size_t nm = 99, nf = 99;
	int64_t ra, rb, rc, found;
	struct err e;

	free(c->subject.fr);
	c->subject.fr = xstrdup("purgeme gamma");
	ra = put_ok(s, a, 100, NULL);
	rb = put_ok(s, b, 100, NULL);
	rc = put_ok(s, c, 100, NULL);
	fake_sha(sha1, 1);
	fake_sha(sha2, 2);
	shared = store_document_path(s, sha1);
	lone = store_document_path(s, sha2);
	from = download(tmp_root, "p1", "shared");
	CHECK_INT(store_document_keep(s, ra, "d", from, sha1, 6, &e), 0);
	free(from);
	from = download(tmp_root, "p2", "shared");
	CHECK_INT(store_document_keep(s, rc, "d", from, sha1, 6, &e), 0);
	free(from);
	from = download(tmp_root, "p3", "lone");
	CHECK_INT(store_document_keep(s, rb, "d", from, sha2, 4, &e), 0);
	free(from);
	/* Nothing gone yet: nothing purged. */
	CHECK_INT(store_purge(s, &nm, &nf, &e), 0);
	CHECK_INT(nm, 0);
	CHECK_INT(nf, 0);
	/* The next listing has only c. */
	put_ok(s, c, 200, NULL);
	CHECK_INT(store_message_gone(s, "p", 200, NULL, &e), 0);
	CHECK_INT(search_n(s, "purgeme"), 3);   /* gone but kept */
	CHECK_INT(store_purge(s, &nm, &nf, &e), 0);
	CHECK_INT(nm, 2);
	CHECK_INT(nf, 1);
	CHECK(exists(shared));
	CHECK(!exists(lone));
	CHECK_INT(store_message_find(s, "p", "a", &found, &e), ERR_NOTFOUND);
	CHECK_INT(store_message_find(s, "p", "b", &found, &e), ERR_NOTFOUND);
	CHECK_INT(store_message_find(s, "p", "c", &found, &e), 0);
	CHECK_INT(search_n(s, "purgeme"), 1);
	CHECK_INT(store_document_find(s, rc, "d", &path, &e), 0);
	free(path);
	CHECK_INT(store_document_find(s, ra, "d", &path, &e), ERR_NOTFOUND);
	/* A purged number is never given to another message. */
	ebox_message_free(a);
	a = msg_small("p", "a2", T0, "x");
	CHECK(put_ok(s, a, 300, NULL) > rc);
	CHECK_INT(store_purge(s, NULL, NULL, &e), 0);
	free(shared);
	free(lone);
	store_close(s);
	ebox_message_free(a);
	ebox_message_free(b);
	ebox_message_free(c);
	free(dir);
}

/* --- transactions, two connections, kill -9 ----------------------------------- */

static void
test_transactions(void)
{
	char *dir = case_dir("txn");
	struct ebox_message *m = msg_full("p", "m1", T0);
	struct store *s = open_ok(dir);
	int64_t rowid;
	struct err e;

	store_rollback(s);              /* safe without one */
	CHECK_INT(store_commit(s, &e), ERR_IO);
	CHECK_INT(store_begin(s, &e), 0);
	CHECK_INT(store_begin(s, &e), ERR_IO);  /* not nested */
	put_ok(s, m, 100, NULL);
	store_rollback(s);
	CHECK_INT(store_message_find(s, "p", "m1", &rowid, &e), ERR_NOTFOUND);
	CHECK_INT(store_begin(s, &e), 0);
	put_ok(s, m, 100, NULL);
	CHECK_INT(store_commit(s, &e), 0);
	CHECK_INT(store_message_find(s, "p", "m1", &rowid, &e), 0);
	/* A failed put inside a transaction leaves the rest of it. */
	CHECK_INT(store_begin(s, &e), 0);
	CHECK_INT(store_meta_set(s, "a", "1", &e), 0);
	free(m->id);
	m->id = NULL;
	CHECK_INT(store_message_put(s, m, 100, NULL, NULL, &e), ERR_DATA);
	CHECK_INT(store_commit(s, &e), 0);
	free(m->id);
	m->id = xstrdup("m2");
	/* A write failing halfway (the record is written, the file is
	 * missing) takes the whole transaction with it, and nothing more
	 * is written in it until it is ended. */
	CHECK_INT(store_begin(s, &e), 0);
	rowid = put_ok(s, m, 100, NULL);
	err_clear(&e);
	CHECK_INT(store_document_keep(s, rowid, "att-0", "/nonexistent-ebox/x",
	    (const unsigned char *)"0123456789abcdef0123456789abcdef", 3, &e),
	    ERR_IO);
	CHECK_INT(store_meta_set(s, "b", "2", &e), ERR_IO);
	CHECK(strstr(e.msg, "rolled") != NULL);
	CHECK_INT(store_begin(s, &e), ERR_IO);     /* still the caller's */
	CHECK_INT(store_commit(s, &e), ERR_IO);
	CHECK(strstr(e.msg, "rolled") != NULL);
	CHECK_INT(store_message_find(s, "p", "m2", &rowid, &e), ERR_NOTFOUND);
	/* Ended: writes go through again. */
	CHECK_INT(store_meta_set(s, "b", "2", &e), 0);
	/* The same after store_rollback. */
	CHECK_INT(store_begin(s, &e), 0);
	CHECK_INT(store_document_keep(s, 1, "att-0", "/nonexistent-ebox/x",
	    (const unsigned char *)"0123456789abcdef0123456789abcdef", 3, &e),
	    ERR_IO);
	store_rollback(s);
	CHECK_INT(store_meta_set(s, "c", "3", &e), 0);
	store_close(s);
	ebox_message_free(m);
	free(dir);
}

struct holder {
	const char *dir;
	int ready[2];           /* pipe: the holder has its transaction */
	double committed_at;
	int r;
};

/* Another connection: takes the write lock, holds it 400 ms, commits. */
static void *
hold_lock(void *arg)
{
	struct holder *h = arg;
	struct ebox_message *m = msg_small("p", "first", T0, "x");
	struct store *s = open_ok(h->dir);
	struct err e;

	h->r = store_begin(s, &e);
	if (h->r == 0)
		h->r = store_message_put(s, m, 100, NULL, NULL, &e);
	if (write(h->ready[1], "x", 1) != 1)
		abort();
	usleep(400 * 1000);
	h->committed_at = now_ms();
	if (h->r == 0)
		h->r = store_commit(s, &e);
	store_close(s);
	ebox_message_free(m);
	return NULL;
}

static void
test_two_connections(void)
{
	char *dir = case_dir("two");
	struct ebox_message *m = msg_small("p", "second", T0, "x");
	struct holder h = { 0 };
	struct store *s;
	pthread_t th;
	double t0, t1;
	int64_t rowid;
	struct err e;
	char c;

	store_close(open_ok(dir));      /* the schema exists */
	h.dir = dir;
	if (pipe(h.ready) != 0)
		abort();
	CHECK_INT(pthread_create(&th, NULL, hold_lock, &h), 0);
	CHECK_INT(read(h.ready[0], &c, 1), 1);
	t0 = now_ms();
	/* Opening only reads: it does not wait for the writer. */
	err_clear(&e);
	CHECK_INT(store_open(dir, 0, &s, &e), 0);
	if (s == NULL) {
		fprintf(stderr, "  second open: %s\n", e.msg);
		abort();
	}
	/* The holder's message is not committed yet: not seen. */
	CHECK_INT(store_message_find(s, "p", "first", &rowid, &e),
	    ERR_NOTFOUND);
	/* A write waits for the other's commit, then goes through. */
	put_ok(s, m, 100, NULL);
	t1 = now_ms();
	pthread_join(th, NULL);
	CHECK_INT(h.r, 0);
	CHECK(t1 >= h.committed_at);
	fprintf(stderr, "  second writer waited %.0f ms\n", t1 - t0);
	CHECK_INT(store_message_find(s, "p", "first", &rowid, &e), 0);
	CHECK_INT(store_message_find(s, "p", "second", &rowid, &e), 0);
	store_close(s);
	close(h.ready[0]);
	close(h.ready[1]);
	ebox_message_free(m);
	free(dir);
}

/* The child: commits page 1 (50 messages), writes page 2 without
 * committing, says so, and waits for its SIGKILL. */
static void
kill_child(const char *dir, int ready)
{
	struct store *s = open_ok(dir);
	struct ebox_message *m;
	char id[32];
	struct err e;
	int i, page;

	for (page = 0; page < 2; page++) {
		if (store_begin(s, &e) != 0)
			_exit(2);
		for (i = 0; i < 50; i++) {
			snprintf(id, sizeof id, "page%d-%d", page, i);
			m = msg_full("p", id, T0 + page * 100 + i);
			if (store_message_put(s, m, 100, NULL, NULL, &e) != 0)
				_exit(3);
			ebox_message_free(m);
		}
		if (page == 0 && store_commit(s, &e) != 0)
			_exit(4);
	}
	if (write(ready, "x", 1) != 1)
		_exit(5);
	for (;;)
		pause();
}

static int
count_rows(const struct store_row *r, void *ud)
{
	(*(int *)ud)++;
	return 0;
}

static void
test_kill9_mid_transaction(void)
{
	char *dir = case_dir("kill9");
	struct store *s;
	int ready[2], status = 0, n = 0;
	int64_t rowid;
	pid_t pid;
	struct err e;
	char c;

	if (pipe(ready) != 0)
		abort();
	fflush(NULL);
	/* No connection is open in this process: the child inherits none. */
	if ((pid = fork()) == 0) {
		close(ready[0]);
		kill_child(dir, ready[1]);
		_exit(0);
	}
	close(ready[1]);
	CHECK_INT(read(ready[0], &c, 1), 1);
	close(ready[0]);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	err_clear(&e);
	CHECK_INT(store_open(dir, 0, &s, &e), 0);
	if (s == NULL) {
		fprintf(stderr, "  reopen after kill -9: %s\n", e.msg);
		return;
	}
	CHECK_INT(store_each_row(s, count_rows, &n, &e), 0);
	CHECK_INT(n, 50);
	CHECK_INT(store_message_find(s, "p", "page0-49", &rowid, &e), 0);
	CHECK_INT(store_message_find(s, "p", "page1-0", &rowid, &e),
	    ERR_NOTFOUND);
	CHECK_INT(search_n(s, "page1"), 0);
	CHECK_INT(search_n(s, "subject page0"), 50);
	store_close(s);
	free(dir);
}

/* --- figures ------------------------------------------------------------------- */

static int
walk_count(const struct store_row *r, void *ud)
{
	(*(size_t *)ud) += r->subject[1] != NULL;
	return 0;
}

/* A box of N messages (pages of 100 in one transaction each): how long
 * the fill, a page, the walk and a search take, and the file size. */
static void
test_figures(void)
{
	const char *env = getenv("EBOX_TEST_STORE_N");
	long total = env != NULL ? atol(env) : 1000;
	char *dir = case_dir("figures"), *db, id[32];
	double t0, fill, page_max = 0, p0 = 0, walk, search;
	struct ebox_message *m;
	struct store *s = open_ok(dir);
	size_t n = 0, hits = 0;
	int64_t *rowids;
	struct stat st;
	struct err e;
	long i;

	t0 = now_ms();
	for (i = 0; i < total; i++) {
		if (i % 100 == 0) {
			p0 = now_ms();
			CHECK_INT(store_begin(s, &e), 0);
		}
		snprintf(id, sizeof id, "msg-%ld", i);
		m = msg_full("p", id, T0 + i * 60);
		free(m->subject.fr);
		m->subject.fr = xasprintf("Avertissement-extrait de rôle %ld "
		    "épinards", i);
		store_message_put(s, m, 100, NULL, NULL, &e);
		ebox_message_free(m);
		if (i % 100 == 99 || i == total - 1) {
			CHECK_INT(store_commit(s, &e), 0);
			if (now_ms() - p0 > page_max)
				page_max = now_ms() - p0;
		}
	}
	fill = now_ms() - t0;
	t0 = now_ms();
	CHECK_INT(store_each_row(s, walk_count, &n, &e), 0);
	walk = now_ms() - t0;
	CHECK_INT(n, total);
	t0 = now_ms();
	CHECK_INT(store_search(s, "avert rôle", &rowids, &hits, &e), 0);
	search = now_ms() - t0;
	CHECK_INT(hits, total);
	free(rowids);
	store_close(s);
	db = xasprintf("%s/store.db", dir);
	stat(db, &st);
	fprintf(stderr, "  figures for %ld messages: fill %.0f ms (slowest "
	    "page of 100: %.1f ms), each_row %.1f ms, search %.1f ms, "
	    "store.db %.1f MB\n", total, fill, page_max, walk, search,
	    (double)st.st_size / 1e6);
	free(db);
	free(dir);
}

/* Replies: recorded before the first attempt, the same key is the same
 * row (a failed one tried again, a sent one stays sent), each state
 * kept with its answer. */
static int
sent_count(const struct store_sent *r, void *ud)
{
	(*(int *)ud)++;
	return 0;
}

static void
test_sent(void)
{
	char *dir = case_dir("sent");
	struct store *s = open_ok(dir);
	struct store_sent in, row, again, got;
	struct err e;
	int n = 0;

	memset(&in, 0, sizeof in);
	in.provider = "p";
	in.original_id = "m1";
	in.key = "ebox-tui-k1";
	in.recipient = "0206731645";
	in.lang = "fr";
	in.subject = "Re: Épargne";
	in.body = "Bonjour";
	in.files = "a.pdf\nb.csv";
	in.created = T0;
	CHECK_INT(store_sent_put(s, &in, &row, &e), 0);
	CHECK(row.id > 0);
	CHECK_INT(row.state, STORE_SENT_SENDING);
	CHECK_STR(row.files, "a.pdf\nb.csv");
	CHECK_INT(store_sent_set(s, row.id, STORE_SENT_FAILED, NULL, 0, 0,
	    "HTTP 503", &e), 0);
	CHECK_INT(store_sent_put(s, &in, &again, &e), 0);
	CHECK_INT(again.id, row.id);
	CHECK_INT(again.state, STORE_SENT_SENDING);
	CHECK(again.error == NULL);
	CHECK_INT(store_sent_set(s, row.id, STORE_SENT_SENT, "mid-1", T0 + 5,
	    T0 + 86400, NULL, &e), 0);
	store_sent_done(&again);
	CHECK_INT(store_sent_put(s, &in, &again, &e), 0);
	CHECK_INT(again.state, STORE_SENT_SENT);
	CHECK_STR(again.message_id, "mid-1");
	CHECK_INT((long)again.sent_at, (long)(T0 + 5));
	in.key = "ebox-tui-k2";
	CHECK_INT(store_sent_put(s, &in, &got, &e), 0);
	CHECK(got.id != row.id);
	CHECK_INT(store_each_sent(s, sent_count, &n, &e), 0);
	CHECK_INT(n, 2);
	store_sent_done(&got);
	CHECK_INT(store_sent_get(s, row.id + 1000, &got, &e), ERR_NOTFOUND);
	store_sent_done(&row);
	store_sent_done(&again);
	store_close(s);
	/* Kept across a reopen. */
	s = open_ok(dir);
	n = 0;
	CHECK_INT(store_each_sent(s, sent_count, &n, &e), 0);
	CHECK_INT(n, 2);
	store_close(s);
	free(dir);
}

int
main(void)
{
	int r;

	if (mkdtemp(tmp_root) == NULL)
		abort();
	RUN(test_open_creates_private_files);
	RUN(test_reopen_keeps_data);
	RUN(test_newer_schema_refused);
	RUN(test_migration_1_to_2);
	RUN(test_damaged_file_refused);
	RUN(test_damaged_page_refused);
	RUN(test_roundtrip_full_message);
	RUN(test_put_same_and_changed);
	RUN(test_local_state_kept);
	RUN(test_gone_and_back);
	RUN(test_each_row);
	RUN(test_unannounced);
	RUN(test_search);
	RUN(test_providers_and_refdata);
	RUN(test_documents);
	RUN(test_purge);
	RUN(test_transactions);
	RUN(test_two_connections);
	RUN(test_kill9_mid_transaction);
	RUN(test_figures);
	RUN(test_sent);
	r = TEST_DONE();
	test_remove_tree(tmp_root);
	return r;
}
