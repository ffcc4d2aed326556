/* sync.c - the client's lifetime and the federated sync: registry → every
 * active provider paged concurrently → merged into the mailbox.
 *
 * A provider that fails is marked with its reason while the others go on;
 * the caller learns "answered of asked" at the end (DESIGN.md step 4).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/client.h"
#include "ebox/xalloc.h"
#include "client-private.h"

/* Per-provider progress of one sync. */
struct sync_source {
	int pending;            /* requests in flight for this provider */
	bool failed;
};

struct sync_state {
	struct ebox_client *c;
	struct mailbox *mb;
	char *lang;
	struct ebox_sync_cb cb;
	struct sync_source *per;        /* parallel to c->sources */
	int pending;                    /* requests in flight in all */
	struct err err;                 /* the registry's failure, if any */
};

/* What a page request needs to know when it lands. */
struct sync_page {
	struct sync_state *st;
	int page;
};

struct ebox_client *
ebox_client_new(const struct ebox_client_opts *o, struct err *e)
{
	struct ebox_client *c;

	if (o->registry_url == NULL && o->provider_url == NULL) {
		err_set(e, ERR_CONFIG, _("the account has neither registry_url "
		    "nor provider_url: set one of them in the config file"));
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->net = o->net;
	c->auth = o->auth;
	c->registry_url = xstrdup(o->registry_url);
	c->provider_url = xstrdup(o->provider_url);
	c->page_size = o->page_size > 0 && o->page_size <= 100 ?
	    o->page_size : 100;
	c->registry.info.id = xstrdup("the provider registry");
	c->registry.info.url = xstrdup(o->registry_url ? o->registry_url : "");
	return c;
}

void
refcache_clear(struct refcache *rc)
{
	size_t i;

	for (i = 0; i < rc->n_orgs; i++)
		ebox_organization_done(&rc->orgs[i]);
	for (i = 0; i < rc->n_types; i++)
		ebox_message_type_done(&rc->types[i]);
	free(rc->orgs);
	free(rc->types);
	memset(rc, 0, sizeof *rc);
}

void
ebox_client_free(struct ebox_client *c)
{
	size_t i;

	if (c == NULL)
		return;
	if (c->sync != NULL)
		sync_free(c->sync);
	for (i = 0; i < c->n_sources; i++) {
		ebox_provider_done(&c->sources[i].info);
		refcache_clear(&c->refcaches[i]);
	}
	free(c->sources);
	free(c->refcaches);
	ebox_provider_done(&c->registry.info);
	free(c->registry_url);
	free(c->provider_url);
	free(c);
}

struct refcache *
client_refcache(struct ebox_client *c, const struct ebox_source *s)
{
	return &c->refcaches[s - c->sources];
}

struct ebox_source *
ebox_client_sources(struct ebox_client *c, size_t *n)
{
	*n = c->n_sources;
	return c->sources;
}

struct ebox_source *
ebox_client_source(struct ebox_client *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n_sources; i++) {
		if (strcmp(c->sources[i].info.id, id) == 0)
			return &c->sources[i];
	}
	return NULL;
}

char *
client_json_string(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	struct buf b;

	buf_init(&b, (size_t)-1);
	buf_puts(&b, "\"");
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\') {
			char esc[2] = { '\\', (char)ch };

			buf_append(&b, esc, 2);
		} else if (ch < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[ch >> 4],
			    hex[ch & 15] };

			buf_append(&b, esc, 6);
		} else
			buf_append(&b, s, 1);
	}
	buf_puts(&b, "\"");
	return buf_steal(&b);
}

/* --- names: sender and message type from the provider's reference data --- */

static void
sync_name_entry(struct ebox_client *c, const struct ebox_source *s,
    struct mailbox_entry *en, const char *lang)
{
	const struct ebox_organization *o;
	const struct ebox_message_type *t;
	const char *name;

	o = ebox_organization_of(c, s, en->msg->sender_org_id);
	if (o != NULL) {
		name = tstring_pick(&o->short_name, lang, NULL);
		if (name == NULL)
			name = tstring_pick(&o->long_name, lang, NULL);
		if (name != NULL) {
			free(en->sender_name);
			en->sender_name = xstrdup(name);
		}
	}
	t = ebox_message_type_of(c, s, en->msg->message_type_id);
	if (t != NULL && (name = tstring_pick(&t->name, lang, NULL)) != NULL) {
		free(en->type_name);
		en->type_name = xstrdup(name);
	}
}

/* Names every message of s (after its reference data arrived). */
static void
sync_name_source(struct sync_state *st, const struct ebox_source *s)
{
	size_t i;

	for (i = 0; i < st->mb->n; i++) {
		struct mailbox_entry *en = &st->mb->entries[i];

		if (en->msg->provider_id != NULL &&
		    strcmp(en->msg->provider_id, s->info.id) == 0)
			sync_name_entry(st->c, s, en, st->lang);
	}
}

void
ebox_name_entries(struct ebox_client *c, struct mailbox *mb, const char *lang)
{
	size_t i;

	for (i = 0; i < mb->n; i++) {
		struct mailbox_entry *en = &mb->entries[i];
		struct ebox_source *s;

		if (en->msg->provider_id == NULL)
			continue;
		if ((s = ebox_client_source(c, en->msg->provider_id)) != NULL)
			sync_name_entry(c, s, en, lang);
	}
}

/* --- the sync ---------------------------------------------------------------- */

void
sync_free(struct sync_state *st)
{
	if (st->c->sync == st)
		st->c->sync = NULL;
	free(st->per);
	free(st->lang);
	free(st);
}

void
ebox_sync_counts(struct ebox_client *c, size_t *answered, size_t *asked)
{
	size_t i;

	*answered = *asked = 0;
	for (i = 0; i < c->n_sources; i++) {
		if (c->sources[i].state == PROVIDER_INACTIVE)
			continue;
		(*asked)++;
		if (c->sources[i].state == PROVIDER_OK)
			(*answered)++;
	}
}

static void
sync_finish(struct sync_state *st)
{
	size_t answered, asked;
	struct ebox_sync_cb cb = st->cb;
	struct err e = st->err;

	ebox_sync_counts(st->c, &answered, &asked);
	/* A provider that answered in full has told us everything it holds:
	 * what it no longer lists is gone (expired or deleted). */
	for (size_t i = 0; i < st->c->n_sources; i++) {
		if (st->c->sources[i].state == PROVIDER_OK)
			mailbox_prune(st->mb, st->c->sources[i].info.id);
	}
	if (e.code == 0 && asked == 0)
		err_set(&e, ERR_NET, _("no mail provider is active for this "
		    "account right now"));
	sync_free(st);
	if (cb.on_done != NULL)
		cb.on_done(answered, asked, e.code ? &e : NULL, cb.ud);
}

/* One request of provider s is over. */
static void
sync_step_done(struct sync_state *st, struct ebox_source *s)
{
	struct sync_source *ps = &st->per[s - st->c->sources];

	if (--ps->pending == 0)
		s->state = ps->failed ? PROVIDER_FAILED : PROVIDER_OK;
	if (--st->pending == 0)
		sync_finish(st);
}

static void sync_request_page(struct sync_state *st, struct ebox_source *s,
    int page);

static void
sync_page_landed(struct ebox_source *s, struct ebox_message_list *list,
    const struct err *e, void *ud)
{
	struct sync_page *sp = ud;
	struct sync_state *st = sp->st;
	struct sync_source *ps = &st->per[s - st->c->sources];
	size_t i, added = 0;
	int page = sp->page, pages;

	free(sp);
	if (e != NULL) {
		if (!ps->failed)
			s->err = *e;
		ps->failed = true;
		sync_step_done(st, s);
		return;
	}
	s->total = list->total;
	for (i = 0; i < list->n; i++) {
		struct mailbox_entry *en = mailbox_add(st->mb, list->items[i]);

		list->items[i] = NULL;
		sync_name_entry(st->c, s, en, st->lang);
		added++;
	}
	s->received += (long)added;
	free(list->items);
	list->items = NULL;
	list->n = 0;
	/* The first page tells how many there are: ask for the rest at once,
	 * so every page of every provider travels concurrently. */
	if (page == 1 && list->total > 0) {
		pages = (int)((list->total + st->c->page_size - 1) /
		    st->c->page_size);
		if (pages > 1000)
			pages = 1000;   /* 100 000 messages: a sane ceiling */
		for (int p = 2; p <= pages; p++)
			sync_request_page(st, s, p);
	}
	if (st->cb.on_page != NULL)
		st->cb.on_page(s, added, st->cb.ud);
	sync_step_done(st, s);
}

static void
sync_request_page(struct sync_state *st, struct ebox_source *s, int page)
{
	struct sync_page *sp = xcalloc(1, sizeof *sp);
	struct ebox_query q;

	sp->st = st;
	sp->page = page;
	ebox_query_init(&q);
	q.page = page;
	st->per[s - st->c->sources].pending++;
	st->pending++;
	ebox_get_messages(st->c, s, &q, sync_page_landed, sp);
}

static void
sync_refdata_landed(struct ebox_source *s, const struct err *e, void *ud)
{
	struct sync_state *st = ud;

	/* Reference data only names things: without it ids are shown, so a
	 * failure here does not fail the provider. */
	sync_name_source(st, s);
	if (st->cb.on_page != NULL)
		st->cb.on_page(s, 0, st->cb.ud);
	sync_step_done(st, s);
}

static void
sync_start(struct sync_state *st)
{
	struct ebox_client *c = st->c;
	size_t i;

	st->per = xcalloc(c->n_sources ? c->n_sources : 1, sizeof *st->per);
	st->mb->gen++;
	st->pending = 1;        /* held until every request is out */
	for (i = 0; i < c->n_sources; i++) {
		struct ebox_source *s = &c->sources[i];

		if (s->state == PROVIDER_INACTIVE)
			continue;
		s->state = PROVIDER_LOADING;
		s->received = 0;
		s->total = -1;
		err_clear(&s->err);
		sync_request_page(st, s, 1);
		st->per[i].pending++;
		st->pending++;
		ebox_get_refdata(c, s, sync_refdata_landed, st);
	}
	if (--st->pending == 0)
		sync_finish(st);
}

static void
sync_sources_landed(struct ebox_source *s, size_t n, const struct err *e,
    void *ud)
{
	struct sync_state *st = ud;

	if (e != NULL) {
		st->err = *e;
		sync_finish(st);
		return;
	}
	sync_start(st);
}

void
ebox_sync(struct ebox_client *c, struct mailbox *mb, const char *lang,
    const struct ebox_sync_cb *cb)
{
	struct sync_state *st;

	if (c->sync != NULL)
		return;         /* one sync at a time; the running one will do */
	st = xcalloc(1, sizeof *st);
	st->c = c;
	st->mb = mb;
	st->lang = xstrdup(lang);
	st->cb = *cb;
	c->sync = st;
	ebox_fetch_sources(c, sync_sources_landed, st);
}
