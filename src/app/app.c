/* app.c - from config file to a ready client: account, net, auth,
 * client and mailbox, for the command line and the inbox. */
#include "config.h"

#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/app.h"
#include "ebox/job.h"
#include "ebox/log.h"
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
	char *prompt;
	int fd, n;

	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0)
		return -1;
	prompt = xasprintf(_("Passphrase for %s (Enter to confirm, Esc to "
	    "give up): "), key_file);
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
	s->auth = auth_new(s->net, &o, e);
	r = s->auth == NULL ? -1 : 0;
	free(cache);
	return r;
}

int
app_open(struct app *s, const struct app_opts *g, struct err *e)
{
	struct ebox_client_opts co;
	char *path = app_config_path(g);
	int r = -1;

	config_init(&s->cfg);
	mailbox_init(&s->mb);
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
	if (app_net(s, e) != 0 || app_auth(s, e) != 0)
		goto out;
	memset(&co, 0, sizeof co);
	co.net = s->net;
	co.auth = s->auth;
	co.registry_url = config_str(&s->cfg, s->acct, "registry_url");
	co.provider_url = config_str(&s->cfg, s->acct, "provider_url");
	co.page_size = (int)config_int(&s->cfg, s->acct, "page_size");
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
	/* Jobs, then net: cancelling their calls still reaches auth and the
	 * client. */
	if (s->net != NULL)
		job_cancel_all(s->net);
	net_free(s->net);
	s->net = NULL;
	ebox_client_free(s->client);
	s->client = NULL;
	auth_free(s->auth);
	s->auth = NULL;
	mailbox_done(&s->mb);
	config_done(&s->cfg);
}

struct sync_wait {
	bool done;
	size_t answered, asked;
	struct err err;
};

static void
app_sync_done(size_t answered, size_t asked, const struct err *e,
    void *ud)
{
	struct sync_wait *w = ud;

	w->done = true;
	w->answered = answered;
	w->asked = asked;
	if (e != NULL)
		w->err = *e;
}

int
app_sync_wait(struct app *s, struct err *e)
{
	struct ebox_sync_cb cb;
	struct sync_wait w;
	struct ebox_source *src;
	size_t i, n;

	if (s->synced)
		return 0;
	memset(&w, 0, sizeof w);
	memset(&cb, 0, sizeof cb);
	cb.on_done = app_sync_done;
	cb.ud = &w;
	ebox_sync(s->client, &s->mb, s->lang, &cb);
	net_run(s->net);
	s->synced = true;
	s->answered = w.answered;
	s->asked = w.asked;
	if (w.err.code != 0) {
		*e = w.err;
		return e->code;
	}
	if (w.answered == 0) {
		/* Every provider failed: the first reason is the error. */
		src = ebox_client_sources(s->client, &n);
		for (i = 0; i < n; i++) {
			if (src[i].state == PROVIDER_FAILED) {
				*e = src[i].err;
				return e->code;
			}
		}
		return err_set(e, ERR_NET, _("no provider answered"));
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

struct ebox_source *
app_source(struct app *s, const struct mailbox_entry *en,
    struct err *e)
{
	struct ebox_source *src;

	src = ebox_client_source(s->client, en->msg->provider_id);
	if (src == NULL)
		err_set(e, ERR_NOTFOUND, _("provider '%s' is not known"),
		    en->msg->provider_id);
	return src;
}
