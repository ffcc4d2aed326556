/* app.c - from config file to a ready client: account, net, auth,
 * client and mailbox, for the command line and the inbox. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "ebox/i18n.h"
#include "ebox/app.h"
#include "ebox/sync.h"
#include "ebox/job.h"
#include "ebox/log.h"
#include "ebox/receipt.h"
#include "ebox/reply.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/tty.h"
#include "ebox/xalloc.h"
#include "ebox/xdg.h"

/* The content language: content_language, else the locale's messages
 * language when it is one eBox speaks, else English (tstring_pick then
 * falls back through the others). */
static void
app_pick_lang(struct app *s)
{
	static const char *const known[] = { "nl", "fr", "de", "en", NULL };
	const char *want = config_str(&s->cfg, s->acct, "content_language");
	const char *loc;
	size_t i;

	if (want == NULL || strcmp(want, "auto") == 0) {
		want = NULL;
		if ((loc = getenv("LANGUAGE")) == NULL || *loc == '\0')
			loc = setlocale(LC_MESSAGES, NULL);
		for (i = 0; loc != NULL && known[i] != NULL; i++) {
			if (strncmp(loc, known[i], 2) == 0)
				want = known[i];
		}
	}
	snprintf(s->lang_buf, sizeof s->lang_buf, "%s", want ? want : "en");
	s->lang = s->lang_buf;
}

/* Asks for the key's passphrase on the terminal, echo off.  Never logged.
 * The inbox asks before curses starts (auth_load_key in main.c). */
static int
app_passphrase(char *buf, int size, const char *key_file, void *ud)
{
	struct app *a = ud;
	char *prompt;
	int fd, n;

	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0)
		return -1;
	/* Asked again: the last one did not open the key.  Say so, or the
	 * same prompt twice reads like a lost keystroke. */
	prompt = xasprintf(a->passphrase_asked++ > 0 ?
	    _("That passphrase is wrong. Passphrase for %s (Enter to confirm, "
	    "Esc to give up): ") :
	    _("Passphrase for %s (Enter to confirm, Esc to give up): "),
	    key_file);
	n = tty_read_secret(fd, prompt, buf, size);
	free(prompt);
	close(fd);
	return n;
}

static char *
app_config_path(const struct app_opts *g)
{
	char *dir, *path;

	if (g->config_path != NULL)
		return xstrdup(g->config_path);
	if (getenv("EBOX_TUI_CONFIG") != NULL)
		return xstrdup(getenv("EBOX_TUI_CONFIG"));
	dir = xdg_config_dir();
	path = xasprintf("%s/config", dir);
	free(dir);
	return path;
}

static int
app_net(struct app *s, struct err *e)
{
	struct net_opts o;

	memset(&o, 0, sizeof o);
	o.ca_file = config_str(&s->cfg, s->acct, "ca_file");
	o.connect_timeout_s = config_int(&s->cfg, s->acct, "connect_timeout");
	o.low_speed_time_s = config_int(&s->cfg, s->acct, "low_speed_time");
	o.total_timeout_s = config_int(&s->cfg, s->acct, "request_timeout");
	o.max_retries = (int)config_int(&s->cfg, s->acct, "max_retries");
	o.retry_base_ms = config_int(&s->cfg, s->acct, "retry_base_ms");
	o.max_body = (size_t)config_int(&s->cfg, s->acct, "max_body_size");
	o.max_file = config_int(&s->cfg, s->acct, "max_document_size");
	o.min_speed = config_int(&s->cfg, s->acct, "download_min_speed");
	s->net = net_new(&o, e);
	return s->net == NULL ? -1 : 0;
}

static int
app_auth(struct app *s, struct err *e)
{
	struct auth_opts o;
	char *cache = NULL, *dir;
	int r;

	memset(&o, 0, sizeof o);
	o.token_url = config_str(&s->cfg, s->acct, "token_url");
	o.client_id = config_str(&s->cfg, s->acct, "client_id");
	o.key_file = config_str(&s->cfg, s->acct, "key_file");
	o.scope = config_str(&s->cfg, s->acct, "scope");
	o.audience = config_str(&s->cfg, s->acct, "audience");
	o.token_command = config_str(&s->cfg, s->acct, "token_command");
	o.cache_file = config_str(&s->cfg, s->acct, "token_cache");
	if (o.cache_file == NULL) {
		dir = xdg_cache_dir();
		if (xdg_mkdirs(dir, 0700) == 0)
			cache = xasprintf("%s/token-%s.json", dir, s->acct->name);
		free(dir);
		o.cache_file = cache;
	}
	if (o.token_command == NULL &&
	    (o.client_id == NULL || o.key_file == NULL)) {
		free(cache);
		return err_set(e, ERR_CONFIG, _("account '%s' has no credentials: "
		    "set client_id and key_file, or token_command "
		    "(see ebox-tui.conf(5))"), s->acct->name);
	}
	o.passphrase = app_passphrase;
	o.passphrase_ud = s;
	s->auth = auth_new(s->net, &o, e);
	r = s->auth == NULL ? -1 : 0;
	free(cache);
	return r;
}

char *
app_store_dir(const struct app *a)
{
	char *data = xdg_data_dir(), *dir;

	dir = xasprintf("%s/%s", data, a->acct->name);
	free(data);
	return dir;
}

/* Reference data kept by earlier syncs: names work before (and without)
 * the network. */
static void
app_names_load(struct app *a)
{
	struct store_provider *p = NULL;
	struct ebox_organization *o;
	struct ebox_message_type *t;
	size_t np = 0, no, nt, i, j;
	struct err e;

	if (store_providers(a->store, &p, &np, &e) != 0) {
		log_msg("app: providers not read from the store: %s", e.msg);
		return;
	}
	for (i = 0; i < np; i++) {
		if (store_organizations(a->store, p[i].id, &o, &no, &e) == 0) {
			for (j = 0; j < no; j++) {
				names_add_org(a->names, p[i].id, &o[j]);
				ebox_organization_done(&o[j]);
			}
			free(o);
		}
		if (store_message_types(a->store, p[i].id, &t, &nt, &e) == 0) {
			for (j = 0; j < nt; j++) {
				names_add_type(a->names, p[i].id, &t[j]);
				ebox_message_type_done(&t[j]);
			}
			free(t);
		}
		store_provider_done(&p[i]);
	}
	free(p);
}

void
app_name_entry(struct app *a, struct mailbox_entry *en)
{
	const struct ebox_message *m = en->msg;

	en->sender_name = names_sender(a->names, m->provider_id,
	    m->sender_org_id, a->lang);
	en->type_name = names_type(a->names, m->provider_id,
	    m->message_type_id, a->lang);
}

/* A lean message from a store row: what the index needs. */
static struct ebox_message *
app_lean_message(const struct store_row *r)
{
	struct ebox_message *m = xcalloc(1, sizeof *m);
	size_t i;

	m->provider_id = xstrdup(r->provider);
	m->id = xstrdup(r->id);
	for (i = 0; i < 4; i++) {
		if (r->subject[i] != NULL)
			*tstring_slot(&m->subject, tstring_langs[i]) =
			    xstrdup(r->subject[i]);
	}
	m->receipt_date = r->received;
	m->expiration_date = r->expires;
	m->read = r->read && !r->unseen;
	m->visible = r->visible;
	m->registered = r->registered;
	m->body_main = r->body_main;
	m->reply_authorized = r->reply_authorized;
	m->sender_org_id = xstrdup(r->sender_org);
	m->sender_app_id = xstrdup(r->sender_app);
	m->message_type_id = xstrdup(r->message_type);
	m->partition_id = xstrdup(r->partition);
	m->fta_name = xstrdup(r->fta_name);
	if (r->has_payment) {
		m->payment = xcalloc(1, sizeof *m->payment);
		m->payment->amount = r->payment_amount;
		m->payment->vat_amount = r->payment_vat;
		m->payment->currency = xstrdup(r->payment_currency);
		m->payment->due_date = r->payment_due;
	}
	return m;
}

static int
app_fill_row(const struct store_row *r, void *ud)
{
	struct app *a = ud;
	struct app_fill *f = &a->fill;
	struct mailbox_entry *en;

	f->received = r->received;
	f->rowid = r->rowid;
	f->got++;
	/* Already there (a page of a sync came first): the sync's copy is
	 * the newer one. */
	if (mailbox_get(&a->mb, r->provider, r->id) != NULL)
		return 0;
	en = mailbox_add(&a->mb, app_lean_message(r), false);
	en->rowid = r->rowid;
	en->n_documents = r->n_documents;
	en->tagged = r->tagged;
	en->paid = r->paid;
	en->unseen = r->unseen;
	app_name_entry(a, en);
	if (!r->on_server)
		mailbox_set_on_server(&a->mb, en, false);
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 1024;
		f->touched = xreallocarray(f->touched, f->cap,
		    sizeof *f->touched);
	}
	f->touched[f->n++] = mailbox_index(&a->mb, en);
	return 0;
}

int
app_fill_more(struct app *a, int rows, const size_t **touched, size_t *n,
    struct err *e)
{
	struct app_fill *f = &a->fill;

	f->n = 0;
	f->got = 0;
	*touched = NULL;
	*n = 0;
	if (f->done)
		return 0;
	if (store_each_row_before(a->store, f->received, f->rowid, rows,
	    app_fill_row, a, e) != 0)
		return e->code;
	if (f->got < (size_t)rows) {
		f->done = true;
		log_msg("app: %zu messages from the store", a->mb.n);
	}
	*touched = f->touched;
	*n = f->n;
	return 0;
}

bool
app_filling(const struct app *a)
{
	return !a->fill.done;
}

/* The mailbox from the store, before any request: local first.  The
 * inbox takes the first screens' worth now and the rest in pieces from
 * its loop (app_fill_more); the commands all of it. */
static int
app_fill(struct app *a, bool progressive, struct err *e)
{
	const size_t *touched;
	char *last = NULL;
	size_t n;

	a->fill.received = INT64_MAX;
	a->fill.rowid = INT64_MAX;
	/* The replies sent: a few rows, all at once. */
	if (reply_load_sent(a, e) != 0)
		return e->code;
	do {
		if (app_fill_more(a, progressive ? APP_FILL_FIRST :
		    APP_FILL_PIECE * 8, &touched, &n, e) != 0)
			return e->code;
	} while (!progressive && !a->fill.done);
	if (store_meta_get(a->store, "last_sync", &last, e) == 0)
		a->last_sync = (time_t)strtoll(last, NULL, 10);
	free(last);
	err_clear(e);
	return 0;
}

static void app_parts_clean(struct app *a);

static int
app_store_open(struct app *a, const struct app_opts *g, struct err *e)
{
	char *dir = app_store_dir(a);
	int r;

	r = store_open(dir, g->rebuild_store ? STORE_REBUILD : 0, &a->store,
	    e);
	free(dir);
	if (r != 0)
		return r;
	app_parts_clean(a);
	app_names_load(a);
	return app_fill(a, g->progressive, e);
}

int
app_open(struct app *s, const struct app_opts *g, struct err *e)
{
	struct ebox_client_opts co;
	char *path = app_config_path(g);
	int r = -1;

	config_init(&s->cfg);
	mailbox_init(&s->mb);
	s->names = names_new();
	s->offline = g->offline;
	if (access(path, R_OK) != 0) {
		err_set(e, ERR_CONFIG, _("no configuration file at %s: create one "
		    "(see ebox-tui.conf(5)) or use --config FILE"), path);
		goto out;
	}
	if (config_load(&s->cfg, path, e) != 0)
		goto out;
	if ((s->acct = config_account(&s->cfg, g->account, e)) == NULL)
		goto out;
	if (g->log_path == NULL &&
	    config_str(&s->cfg, s->acct, "log_file") != NULL)
		log_open(config_str(&s->cfg, s->acct, "log_file"));
	if (strcmp(config_str(&s->cfg, s->acct, "ui_language"), "auto") != 0)
		i18n_init(config_str(&s->cfg, s->acct, "ui_language"));
	app_pick_lang(s);
	s->mb.lang = s->lang;
	s->mb.now = time(NULL);
	s->mb.expiring_days = (int)config_int(&s->cfg, s->acct,
	    "expiring_days");
	if (app_store_open(s, g, e) != 0)
		goto out;
	if (app_net(s, e) != 0 || app_auth(s, e) != 0)
		goto out;
	memset(&co, 0, sizeof co);
	co.net = s->net;
	co.auth = s->auth;
	co.registry_url = config_str(&s->cfg, s->acct, "registry_url");
	co.provider_url = config_str(&s->cfg, s->acct, "provider_url");
	co.page_size = (int)config_int(&s->cfg, s->acct, "page_size");
	co.lang = s->lang;
	if ((s->client = ebox_client_new(&co, e)) == NULL)
		goto out;
	log_msg("app: account %s, language %s", s->acct->name, s->lang);
	r = 0;
out:
	free(path);
	return r;
}

void
app_close(struct app *s)
{
	/* The sync and the jobs, then net: cancelling their calls still
	 * reaches auth and the client. */
	sync_cancel(s);
	sync_state_clear(&s->last);
	xfree(&s->fill.touched);
	if (s->net != NULL)
		job_cancel_all(s->net);
	net_free(s->net);
	s->net = NULL;
	ebox_client_free(s->client);
	s->client = NULL;
	auth_free(s->auth);
	s->auth = NULL;
	mailbox_done(&s->mb);
	store_close(s->store);
	s->store = NULL;
	names_free(s->names);
	s->names = NULL;
	config_done(&s->cfg);
}

static void
app_sync_waited(struct app *a, void *ud)
{
	bool *done = ud;

	*done = true;
}

int
app_sync_wait(struct app *a, struct err *e)
{
	if (a->synced || a->offline)
		return 0;
	return app_sync_run(a, 0, e);
}

int
app_sync_run(struct app *a, int flags, struct err *e)
{
	struct sync_cb cb;
	bool done = false;

	if (a->offline)
		return 0;
	memset(&cb, 0, sizeof cb);
	cb.on_done = app_sync_waited;
	cb.ud = &done;
	if (sync_start(a, flags, &cb, e) != 0)
		return e->code;
	while (!done && net_pending(a->net) > 0)
		if (net_poll(a->net, NULL, 0, -1) != 0) {
			sync_cancel(a);
			break;
		}
	/* What the sync started (new_mail_command) gets going before the
	 * command goes on: a short-lived process would cancel it. */
	net_run(a->net);
	/* No server could be reached, but the store has mail: answer from
	 * it (the caller says so).  Any other failure (refused credentials,
	 * a certificate, bad answers) is an error: the local mail is one
	 * --offline away. */
	if (a->last.answered == 0 && a->last.err.code != 0 &&
	    (a->mb.n == 0 || !a->last.offline)) {
		*e = a->last.err;
		if (a->mb.n > 0 && strlen(e->msg) + 80 < sizeof e->msg)
			strcat(e->msg, _(" (--offline shows the mail kept on "
			    "this computer)"));
		return e->code;
	}
	return 0;
}

struct mailbox_entry *
app_find(struct app *s, const char *id, struct err *e)
{
	if (app_sync_wait(s, e) != 0)
		return NULL;
	return mailbox_find(&s->mb, id, e);
}

/* A provider's name for sentences while it cannot be asked: the one the
 * store remembers, sanitised, else its id. */
static void
app_provider_name(struct app *a, const char *id, char *buf, size_t size)
{
	struct store_provider sp;
	const char *name = NULL;
	char *clean = NULL;
	struct err e;

	memset(&sp, 0, sizeof sp);
	if (a->store != NULL && store_provider_get(a->store, id, &sp, &e) == 0)
		name = tstring_pick(&sp.name, a->lang, NULL);
	if (name != NULL)
		clean = text_trim(sanitize_text(name, 0));
	snprintf(buf, size, "%s", clean != NULL && *clean != '\0' ? clean :
	    id != NULL ? id : "?");
	free(clean);
	store_provider_done(&sp);
}

struct ebox_source *
app_source(struct app *s, const struct mailbox_entry *en,
    struct err *e)
{
	struct ebox_source *src;
	char name[128];

	if (s->offline || (src = ebox_client_source(s->client,
	    en->msg->provider_id)) == NULL) {
		app_provider_name(s, en->msg->provider_id, name, sizeof name);
		err_set(e, ERR_NET, _("%s cannot be reached now (offline): "
		    "only what the local mailbox holds can be shown"), name);
		return NULL;
	}
	return src;
}

struct ebox_message *
app_message(struct app *a, struct mailbox_entry *en, struct err *e)
{
	struct ebox_message *full;

	if (en->full || en->rowid == 0)
		return en->msg;
	if (store_message_load(a->store, en->rowid, &full, e) != 0)
		return NULL;
	mailbox_set_full(&a->mb, en, full);
	return en->msg;
}

struct mailbox_entry *
app_take_message(struct app *a, struct ebox_message *m)
{
	struct mailbox_entry *en;
	struct err e;
	int64_t rowid = 0;

	if (store_message_put(a->store, m, time(NULL), NULL, &rowid, &e) != 0)
		log_msg("app: a message was not kept: %s", e.msg);
	en = mailbox_add(&a->mb, m, true);
	if (rowid != 0)
		en->rowid = rowid;
	app_name_entry(a, en);
	return en;
}

void
app_save_message(struct app *a, struct mailbox_entry *en)
{
	struct err e;

	if (en->full && store_message_put(a->store, en->msg, time(NULL), NULL,
	    NULL, &e) != 0)
		log_msg("app: a message was not kept: %s", e.msg);
	if (en->full)
		en->n_documents = (int)en->msg->n_attachments;
}

static int
app_rowid_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
app_search(struct app *a, const char *text, int64_t **hits, size_t *n,
    struct err *e)
{
	if (store_search(a->store, text, hits, n, e) != 0)
		return e->code;
	if (*hits == NULL)      /* found nothing: not "no search" */
		*hits = xcalloc(1, sizeof **hits);
	qsort(*hits, *n, sizeof **hits, app_rowid_cmp);
	return 0;
}

/* A pattern's text term, answered by the store. */
static int
app_pattern_term(enum pattern_in where, const char *text, int64_t **hits,
    size_t *n, void *ud, struct err *e)
{
	static const enum store_search_in in[] = {
		[PATTERN_IN_ALL] = STORE_IN_ALL,
		[PATTERN_IN_SUBJECT] = STORE_IN_SUBJECT,
		[PATTERN_IN_BODY] = STORE_IN_BODY,
	};
	struct app *a = ud;

	if (store_search_in(a->store, in[where], text, hits, n, e) != 0)
		return e->code;
	qsort(*hits, *n, sizeof **hits, app_rowid_cmp);
	return 0;
}

int
app_pattern_search(struct app *a, struct pattern *p, struct err *e)
{
	return pattern_search(p, app_pattern_term, a, e);
}

/* --- changes the store keeps ---------------------------------------------- */

static void
app_store_flag(struct app *a, const struct mailbox_entry *en,
    enum store_flag flag, bool value)
{
	struct err e;

	if (en->rowid != 0 && store_message_set_flag(a->store, en->rowid, flag,
	    value, &e) != 0)
		log_msg("app: the store did not take a flag: %s", e.msg);
}

void
app_set_read(struct app *a, struct mailbox_entry *en, bool read)
{
	bool unseen = en->unseen;

	mailbox_set_read(&a->mb, en, read);
	app_store_flag(a, en, STORE_READ, read);
	if (unseen && !en->unseen)
		app_store_flag(a, en, STORE_UNSEEN, false);
}

/* SHA-256 of a message's text as received: each language present, in
 * tstring_langs order, tagged ("fr\0TEXT\0"), base64url. */
static char *
app_text_digest(const struct tstring *t)
{
	const char *texts[4] = { t->nl, t->fr, t->de, t->en };
	unsigned char md[32];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t i;

	if (ctx == NULL)
		fatal("out of memory (EVP_MD_CTX_new)");
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	for (i = 0; i < 4; i++) {
		if (texts[i] == NULL)
			continue;
		EVP_DigestUpdate(ctx, tstring_langs[i], strlen(tstring_langs[i]) + 1);
		EVP_DigestUpdate(ctx, texts[i], strlen(texts[i]) + 1);
	}
	EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	return text_base64url(md, sizeof md);
}

int
app_main_fetched(struct app *a, struct mailbox_entry *en,
    const char *content, const unsigned char sha256[32], struct err *e)
{
	const struct ebox_message *m = en->msg;
	struct receipt r;
	char *dir, *digest;
	int rc;

	app_set_read(a, en, true);
	if (!m->registered)
		return 0;
	digest = content == NULL ? app_text_digest(&m->body) :
	    text_base64url(sha256, 32);
	memset(&r, 0, sizeof r);
	r.when = time(NULL);
	r.provider = m->provider_id;
	r.message_id = m->id;
	r.id = en->short_id;
	r.sender = (char *)(en->sender_name != NULL ? en->sender_name :
	    m->sender_org_id);
	r.subject = (char *)tstring_pick(&m->subject, a->lang, NULL);
	r.content = (char *)(content != NULL ? content : "text");
	r.sha256 = digest;
	dir = app_store_dir(a);
	if ((rc = receipt_append(dir, &r, e)) != 0)
		log_msg("app: no receipt written: %s", e->msg);
	free(dir);
	free(digest);
	return rc;
}

void
app_set_unseen(struct app *a, struct mailbox_entry *en)
{
	if (en->unseen || en->msg->read)
		return;
	en->unseen = true;
	app_store_flag(a, en, STORE_UNSEEN, true);
}

void
app_set_visible(struct app *a, struct mailbox_entry *en, bool visible)
{
	mailbox_set_visible(&a->mb, en, visible);
	app_store_flag(a, en, STORE_VISIBLE, visible);
}

void
app_set_paid(struct app *a, struct mailbox_entry *en, bool paid)
{
	en->paid = paid;
	app_store_flag(a, en, STORE_PAID, paid);
}

void
app_set_partition(struct app *a, struct mailbox_entry *en,
    const char *partition)
{
	struct err e;

	mailbox_set_partition(&a->mb, en, partition);
	if (en->rowid != 0 && store_message_set_partition(a->store, en->rowid,
	    partition, &e) != 0)
		log_msg("app: the store did not take a partition: %s", e.msg);
}

void
app_set_body(struct app *a, struct mailbox_entry *en, struct tstring *body)
{
	struct err e;

	if (en->rowid != 0 && store_message_set_body(a->store, en->rowid, body,
	    &e) != 0)
		log_msg("app: the store did not take a text: %s", e.msg);
	tstring_done(&en->msg->body);
	en->msg->body = *body;
	en->msg->has_body = true;
	memset(body, 0, sizeof *body);
}

/* --- documents kept --------------------------------------------------------- */

int
app_document_find(struct app *a, const struct mailbox_entry *en,
    const struct ebox_attachment *att, char **path, struct err *e)
{
	*path = NULL;
	if (en->rowid == 0 || att->id == NULL)
		return err_set(e, ERR_NOTFOUND, _("not kept"));
	return store_document_find(a->store, en->rowid, att->id, path, e);
}

/* A copy of src at dst (a new file, 0600): for a document saved on
 * another file system than the store's. */
static int
app_copy_file(const char *src, const char *dst, struct err *e)
{
	char buf[65536];
	ssize_t n;
	int in, out, r = 0;

	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0)
		return err_set(e, ERR_IO, _("cannot read %s: %s"), src,
		    strerror(errno));
	if ((out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0) {
		close(in);
		return err_set(e, ERR_IO, _("cannot create %s: %s"), dst,
		    strerror(errno));
	}
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(out, buf, (size_t)n) != n) {
			r = err_set(e, ERR_IO, _("cannot copy %s: %s"), src,
			    strerror(errno));
			break;
		}
	}
	close(in);
	if (close(out) != 0 && r == 0)
		r = err_set(e, ERR_IO, _("cannot write %s: %s"), dst,
		    strerror(errno));
	if (r != 0)
		unlink(dst);
	return r;
}

/* Downloads on their way into the store: DIR/part-PID-XXXXXX. */
#define APP_PART_PREFIX "part-"

char *
app_document_tmp(struct app *a, int *fd, struct err *e)
{
	char *path = xasprintf("%s/" APP_PART_PREFIX "%ld-XXXXXX",
	    store_dir(a->store), (long)getpid());

	if ((*fd = mkostemp(path, O_CLOEXEC)) < 0) {
		err_set(e, ERR_IO, _("cannot create a file in %s: %s"),
		    store_dir(a->store), strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

/* Removes the parts that a killed process left (its pid is gone); a
 * running one's are its own. */
static void
app_parts_clean(struct app *a)
{
	const char *dir = store_dir(a->store);
	struct dirent *d;
	DIR *dp;
	long pid;
	char *path;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		if (strncmp(d->d_name, APP_PART_PREFIX,
		    strlen(APP_PART_PREFIX)) != 0)
			continue;
		pid = strtol(d->d_name + strlen(APP_PART_PREFIX), NULL, 10);
		if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
			path = xasprintf("%s/%s", dir, d->d_name);
			log_msg("app: removing an unfinished download %s", path);
			unlink(path);
			free(path);
		}
	}
	closedir(dp);
}

int
app_document_keep(struct app *a, const struct mailbox_entry *en,
    const struct ebox_attachment *att, const char *path, bool move,
    const unsigned char sha256[32], int64_t size, struct err *e)
{
	char *tmp;
	int r;

	if (en->rowid == 0 || att->id == NULL)
		return 0;
	if (move)
		return store_document_keep(a->store, en->rowid, att->id, path,
		    sha256, size, e);
	/* The user's saved file stays; the store gets its own name for the
	 * same bytes. */
	tmp = xasprintf("%s/keep-%ld.tmp", store_dir(a->store),
	    (long)getpid());
	unlink(tmp);
	if (link(path, tmp) != 0 && (r = app_copy_file(path, tmp, e)) != 0) {
		free(tmp);
		return r;
	}
	r = store_document_keep(a->store, en->rowid, att->id, tmp, sha256, size,
	    e);
	unlink(tmp);
	free(tmp);
	return r;
}
