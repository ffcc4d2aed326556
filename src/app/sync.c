/* sync.c - the sync (see sync.h): the registry, then for every active
 * provider its reference data and one or two listings, each page
 * committed to the store and merged into the mailbox as it lands.
 *
 * A provider is a small state machine: LISTING_NEW (messages received
 * after the watermark), then LISTING_FULL (everything: what changed, what
 * is gone) when due, then DONE.  A first sync has no watermark: its one
 * listing is complete.  Requests of a provider are pumped so that at
 * most max_requests are in flight (reference data included).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/archive.h"
#include "ebox/i18n.h"
#include "ebox/isotime.h"
#include "ebox/job.h"
#include "ebox/log.h"
#include "ebox/sync.h"
#include "ebox/xalloc.h"

#define SYNC_DAY 86400          /* overlap of a new-messages listing */
#define SYNC_COMMIT_MS 100      /* the most a stored page waits for its
                                   commit (kill -9 loses no more) */

enum sync_phase { PHASE_NEW, PHASE_FULL, PHASE_DONE };

struct sync;

/* A page request in flight (cancellable). */
struct sync_call {
	struct sync_call *next;
	struct sync_prov *p;
	struct auth_call *call;
	int page;
};

/* One provider of this sync. */
struct sync_prov {
	struct sync *sy;
	struct ebox_source *src;
	enum sync_phase phase;
	bool listing_full;      /* the listing in progress has no filter */
	time_t since;           /* receivedAfter of a new-messages listing */
	int next_page;          /* the next page to ask for */
	int pages;              /* in this listing; -1 until page 1 came */
	int landed;             /* pages of this listing that came */
	long total;             /* totalItems page 1 gave */
	long received;          /* items of this listing, rejected included */
	bool total_changed;     /* a later page gave another total: the box
	                           changed while it was listed */
	int in_flight;          /* requests out (pages and reference data) */
	struct refdata_wait *refdata;   /* in flight, or NULL */
	int refdata_requests;           /* it counts in in_flight */
	bool failed;
	struct err err;
	struct store_provider stored;   /* its state in the store */
	time_t watermark;
	size_t new_messages, changed, gone, rejected, new_registered;
	char *rejected_reason;
	struct sync_call *calls;
	struct archiver *archiver;      /* keeping documents, or NULL */
	bool archive_tried;
	bool listed_all;        /* a complete listing came whole */
	size_t archived, archive_failed;
};

struct sync {
	struct app *a;
	int flags;
	struct sync_cb cb;
	struct sync_prov *prov;
	size_t n;
	struct auth_call *registry;     /* the registry asked, or NULL */
	bool cancelled;
	time_t started;
	int max_requests;
	long reconcile_s;
	size_t *touched;        /* of the page being merged */
	size_t n_touched, cap_touched;
	struct net_timer *start;
	/* Pages that land within SYNC_COMMIT_MS share a transaction
	 * (commit): a commit costs an FTS flush, the same for 1 page as
	 * for 8. */
	bool in_txn;
	struct net_timer *commit;
};

static void sync_pump(struct sync_prov *p);
static void sync_txn_end(struct sync *sy);
static void sync_finish(struct sync *sy);

bool
sync_running(const struct app *a)
{
	return a->sync != NULL;
}

/* --- bookkeeping -------------------------------------------------------- */

static void
sync_touch(struct sync *sy, size_t idx)
{
	if (sy->n_touched == sy->cap_touched) {
		sy->cap_touched = sy->cap_touched ? sy->cap_touched * 2 : 128;
		sy->touched = xreallocarray(sy->touched, sy->cap_touched,
		    sizeof *sy->touched);
	}
	sy->touched[sy->n_touched++] = idx;
}

/* Hands the touched entries to the caller. */
static void
sync_changed(struct sync *sy)
{
	if (sy->n_touched > 0 && sy->cb.on_change != NULL && !sy->cancelled)
		sy->cb.on_change(sy->a, sy->touched, sy->n_touched, sy->cb.ud);
	sy->n_touched = 0;
}

static bool
sync_prov_busy(const struct sync_prov *p)
{
	return p->in_flight > 0 || p->phase != PHASE_DONE ||
	    p->archiver != NULL;
}

static void
sync_prov_fail(struct sync_prov *p, const struct err *e)
{
	if (!p->failed)
		p->err = *e;
	p->failed = true;
	p->phase = PHASE_DONE;
}

/* Its messages stay on screen, marked: the server could not confirm
 * them this time. */
static void
sync_mark_stale(struct sync *sy, const struct sync_prov *p, bool stale)
{
	struct mailbox *mb = &sy->a->mb;
	size_t i;

	for (i = 0; i < mb->n; i++) {
		if (strcmp(mb->entries[i].msg->provider_id,
		    p->src->info.id) == 0)
			mb->entries[i].stale = stale;
	}
}

/* What the store keeps of a provider after its part of the sync. */
static void
sync_prov_store(struct sync_prov *p)
{
	struct store_provider *st = &p->stored;
	struct err e;

	if (!p->failed && !p->sy->cancelled)
		st->last_sync = time(NULL);
	if (p->watermark > st->watermark)
		st->watermark = p->watermark;
	/* What a complete listing could not read stands until the next
	 * complete one; a listing of the new messages only adds to it. */
	if (p->listed_all || p->rejected > 0) {
		st->rejected = (long)p->rejected + (p->listed_all ? 0 :
		    st->rejected);
		if (p->listed_all || st->rejected_reason == NULL) {
			free(st->rejected_reason);
			st->rejected_reason = xstrdup(p->rejected_reason);
		}
	}
	free(st->error);
	st->error = p->failed ? xstrdup(p->err.msg) : NULL;
	if (store_provider_update(p->sy->a->store, st, &e) != 0)
		log_msg("sync: %s: not kept in the store: %s", p->src->info.id,
		    e.msg);
}

static void sync_prov_step(struct sync_prov *p);

static void
sync_archive_done(size_t kept, size_t failed, void *ud)
{
	struct sync_prov *p = ud;

	p->archiver = NULL;
	p->archived += kept;
	p->archive_failed += failed;
	sync_prov_step(p);
}

/* A provider is done when nothing of it is out and no phase is left;
 * its listings done, the archiver keeps what the eBox will delete. */
static void
sync_prov_step(struct sync_prov *p)
{
	struct sync *sy = p->sy;
	size_t i;

	if (sync_prov_busy(p))
		return;
	if (!p->archive_tried && !p->failed && !sy->cancelled) {
		p->archive_tried = true;
		p->archiver = archiver_start(sy->a, p->src, sy->max_requests,
		    sync_archive_done, p);
		if (p->archiver != NULL)
			return;
	}
	p->src->state = p->failed ? PROVIDER_FAILED : PROVIDER_OK;
	if (p->failed)
		p->src->err = p->err;
	sync_mark_stale(sy, p, p->failed);
	sync_prov_store(p);
	for (i = 0; i < sy->n; i++) {
		if (sync_prov_busy(&sy->prov[i]))
			return;
	}
	sync_finish(sy);
}

/* --- listings -------------------------------------------------------------- */

/* Whether a complete listing is due after the new messages. */
static bool
sync_full_due(const struct sync_prov *p)
{
	const struct sync *sy = p->sy;

	if (sy->flags & SYNC_NEW_ONLY)
		return false;
	if (sy->flags & SYNC_FULL)
		return true;
	return time(NULL) - p->stored.last_full >= sy->reconcile_s;
}

static void
sync_listing_start(struct sync_prov *p, enum sync_phase phase)
{
	p->phase = phase;
	p->listing_full = phase == PHASE_FULL;
	p->next_page = 1;
	p->pages = -1;
	p->landed = 0;
	p->total = 0;
	p->received = 0;
	p->total_changed = false;
	sync_pump(p);
}

/* A listing is over: marks what a complete one did not see, and goes on
 * to the next phase. */
static void
sync_listing_done(struct sync_prov *p)
{
	struct sync *sy = p->sy;
	struct mailbox *mb = &sy->a->mb;
	struct err e;
	size_t i, gone = 0;

	/* Only a listing that saw every message, of a box that did not
	 * change meanwhile, can say what is gone. */
	sync_txn_end(sy);
	if (p->listing_full && !p->failed && !sy->cancelled &&
	    !p->total_changed && p->received >= p->total) {
		/* Every page came: what it did not list is gone from the
		 * server (expired or deleted) and stays, kept. */
		if (store_message_gone(sy->a->store, p->src->info.id,
		    sy->started, &gone, &e) != 0)
			log_msg("sync: %s", e.msg);
		for (i = 0; i < mb->n; i++) {
			struct mailbox_entry *en = &mb->entries[i];

			if (en->gen == mb->gen || !en->on_server ||
			    en->sent != MAILBOX_RECEIVED || strcmp(en->msg->provider_id, p->src->info.id) != 0)
				continue;
			mailbox_set_on_server(mb, en, false);
			sync_touch(sy, i);
		}
		p->gone += gone;
		p->listed_all = true;
		p->stored.last_full = sy->started;
		sync_changed(sy);
	}
	if (p->phase == PHASE_NEW && !p->failed && !sy->cancelled &&
	    sync_full_due(p))
		sync_listing_start(p, PHASE_FULL);
	else
		p->phase = PHASE_DONE;
}

/* Commits the pages stored so far (the commit timer, the end of the
 * sync, before another transaction). */
static void
sync_txn_end(struct sync *sy)
{
	struct err e;

	if (sy->commit != NULL) {
		net_timer_cancel(sy->a->net, sy->commit);
		sy->commit = NULL;
	}
	if (!sy->in_txn)
		return;
	sy->in_txn = false;
	if (store_commit(sy->a->store, &e) != 0) {
		store_rollback(sy->a->store);
		log_msg("sync: pages were not kept: %s", e.msg);
	}
}

static void
sync_commit_due(void *ud)
{
	struct sync *sy = ud;

	sy->commit = NULL;
	sync_txn_end(sy);
}

/* Stores one page and merges it into the mailbox. */
static void
sync_page_take(struct sync_prov *p, struct ebox_message_list *list)
{
	struct sync *sy = p->sy;
	struct app *a = sy->a;
	enum store_change how;
	struct mailbox_entry *en;
	struct err e;
	int64_t rowid;
	int n_docs;
	size_t i;
	bool stored;

	err_clear(&e);
	stored = true;
	if (!sy->in_txn) {
		stored = sy->in_txn = store_begin(a->store, &e) == 0;
		if (stored)
			sy->commit = net_timer_add(a->net, SYNC_COMMIT_MS,
			    sync_commit_due, sy);
	}
	for (i = 0; i < list->n; i++) {
		struct ebox_message *m = list->items[i];

		how = STORE_NEW;
		rowid = 0;
		if (stored && store_message_put(a->store, m, sy->started, &how,
		    &rowid, &e) != 0)
			stored = false;
		if (how == STORE_NEW) {
			p->new_messages++;
			p->new_registered += m->registered;
		}
		else if (how == STORE_CHANGED)
			p->changed++;
		if (m->receipt_date > p->watermark)
			p->watermark = m->receipt_date;
		/* The index holds lean messages: the store has the rest. */
		n_docs = (int)m->n_attachments;
		ebox_message_lean(m);
		list->items[i] = NULL;
		en = mailbox_add(&a->mb, m, false);
		en->n_documents = n_docs;
		if (rowid != 0)
			en->rowid = rowid;
		app_name_entry(a, en);
		sync_touch(sy, mailbox_index(&a->mb, en));
	}
	if (!stored) {
		/* A failed write rolled the transaction back: this page and
		 * those of the same turn are not kept (the next sync brings
		 * them); the mailbox shows them meanwhile. */
		if (sy->in_txn) {
			store_rollback(a->store);
			sy->in_txn = false;
		}
		log_msg("sync: %s: a page was not kept: %s", p->src->info.id,
		    e.msg);
	}
	if (list->rejected > 0) {
		p->rejected += list->rejected;
		if (p->rejected_reason == NULL && list->rejected_reason != NULL)
			p->rejected_reason = xstrdup(list->rejected_reason);
	}
	sync_changed(sy);
}

static void
sync_call_forget(struct sync_prov *p, struct sync_call *k)
{
	struct sync_call **pp;

	for (pp = &p->calls; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == k) {
			*pp = k->next;
			break;
		}
	}
	free(k);
}

static void
sync_page_landed(struct ebox_source *s, struct ebox_message_list *list,
    const struct err *e, void *ud)
{
	struct sync_call *k = ud;
	struct sync_prov *p = k->p;
	struct sync *sy = p->sy;
	int page = k->page, size;

	sync_call_forget(p, k);
	p->in_flight--;
	if (sy->cancelled) {
		if (list != NULL)
			ebox_message_list_done(list);
		p->phase = PHASE_DONE;
		sync_prov_step(p);
		return;
	}
	if (e != NULL) {
		sync_prov_fail(p, e);
		sync_prov_step(p);
		return;
	}
	if (page != 1 && list->total != p->total)
		p->total_changed = true;
	p->received += (long)(list->n + list->rejected);
	if (page == 1) {
		p->total = list->total;
		size = ebox_client_page_size(sy->a->client);
		p->pages = list->total > 0 ? (int)((list->total + size - 1) /
		    size) : 0;
		if (p->pages == 0 && list->n > 0)
			p->pages = 1;   /* no totalItems: this page is all */
	}
	sync_page_take(p, list);
	ebox_message_list_done(list);
	p->landed++;
	if (p->pages >= 0 && p->landed >= p->pages)
		sync_listing_done(p);
	else
		sync_pump(p);
	sync_prov_step(p);
}

/* Asks for pages while the provider has room (max_requests in flight)
 * and the listing has pages left; page 1 first and alone, since it says
 * how many there are. */
static void
sync_pump(struct sync_prov *p)
{
	struct sync *sy = p->sy;
	struct ebox_query q;
	struct sync_call *k;
	char since[11];

	while (!p->failed && !sy->cancelled && p->phase != PHASE_DONE &&
	    p->in_flight < sy->max_requests &&
	    (p->next_page == 1 || (p->pages >= 0 && p->next_page <= p->pages))) {
		if (p->next_page > 1 && p->pages < 0)
			break;
		ebox_query_init(&q);
		q.page = p->next_page;
		if (!p->listing_full) {
			isotime_format_date(p->since, since);
			q.received_after = since;
		}
		k = xcalloc(1, sizeof *k);
		k->p = p;
		k->page = p->next_page++;
		k->next = p->calls;
		p->calls = k;
		p->in_flight++;
		k->call = ebox_get_messages(sy->a->client, p->src, &q,
		    sync_page_landed, k);
		if (k->page == 1)
			break;
	}
}

/* --- reference data --------------------------------------------------------- */

static void
sync_refdata_landed(struct ebox_source *s, const struct err *e, void *ud)
{
	struct sync_prov *p = ud;
	struct sync *sy = p->sy;
	struct app *a = sy->a;
	const struct ebox_organization *orgs;
	const struct ebox_message_type *types;
	size_t no, nt, i;
	struct err se;

	p->in_flight -= p->refdata_requests;
	p->refdata = NULL;
	/* Reference data only names things: without it ids are shown, so a
	 * failure here does not fail the provider. */
	if (e == NULL && !sy->cancelled) {
		ebox_refdata(a->client, s, &orgs, &no, &types, &nt);
		sync_txn_end(sy);
		if (store_begin(a->store, &se) == 0) {
			for (i = 0; i < no; i++)
				store_organization_put(a->store, s->info.id,
				    &orgs[i], &se);
			for (i = 0; i < nt; i++)
				store_message_type_put(a->store, s->info.id,
				    &types[i], &se);
			if (store_commit(a->store, &se) != 0)
				store_rollback(a->store);
		}
		for (i = 0; i < no; i++)
			names_add_org(a->names, s->info.id, &orgs[i]);
		for (i = 0; i < nt; i++)
			names_add_type(a->names, s->info.id, &types[i]);
		for (i = 0; i < a->mb.n; i++) {
			struct mailbox_entry *en = &a->mb.entries[i];
			const char *was = en->sender_name;

			if (strcmp(en->msg->provider_id, s->info.id) != 0)
				continue;
			app_name_entry(a, en);
			if (en->sender_name != was)
				sync_touch(sy, i);
		}
		sync_changed(sy);
	}
	sync_pump(p);
	sync_prov_step(p);
}

/* --- start and end -------------------------------------------------------------- */

static void
sync_prov_start(struct sync *sy, struct sync_prov *p)
{
	struct app *a = sy->a;
	struct err e;

	if (store_provider_put(a->store, &p->src->info, &e) != 0)
		log_msg("sync: %s", e.msg);
	if (store_provider_get(a->store, p->src->info.id, &p->stored, &e) != 0)
		p->stored.id = xstrdup(p->src->info.id);
	p->watermark = p->stored.watermark;
	p->src->state = PROVIDER_LOADING;
	err_clear(&p->src->err);
	/* Its two lists count as two requests, or as one when max_requests
	 * makes them take turns. */
	p->refdata_requests = sy->max_requests < 2 ? 1 : 2;
	p->in_flight += p->refdata_requests;
	p->refdata = ebox_get_refdata(a->client, p->src, sy->max_requests < 2,
	    sync_refdata_landed, p);
	if (p->stored.watermark == 0) {
		/* Never listed: one complete listing is all it takes. */
		sync_listing_start(p, PHASE_FULL);
	} else {
		p->since = p->stored.watermark - SYNC_DAY;
		sync_listing_start(p, PHASE_NEW);
	}
}

static void
sync_sources_landed(struct ebox_source *s, size_t n, const struct err *e,
    void *ud)
{
	struct sync *sy = ud;
	size_t i, k;

	sy->registry = NULL;
	if (e != NULL || sy->cancelled) {
		if (e != NULL) {
			sy->a->last.err = *e;
			sy->a->last.offline = e->code == ERR_OFFLINE;
		}
		sync_finish(sy);
		return;
	}
	sy->prov = xcalloc(n ? n : 1, sizeof *sy->prov);
	for (i = k = 0; i < n; i++) {
		if (s[i].state == PROVIDER_INACTIVE)
			continue;
		sy->prov[k].sy = sy;
		sy->prov[k].src = &s[i];
		k++;
	}
	sy->n = k;
	if (sy->n == 0) {
		err_set(&sy->a->last.err, ERR_NET, _("no mail provider is "
		    "active for this account right now"));
		sync_finish(sy);
		return;
	}
	sy->a->mb.gen++;
	for (i = 0; i < sy->n; i++)
		sync_prov_start(sy, &sy->prov[i]);
}

static void
sync_begin(void *ud)
{
	struct sync *sy = ud;

	sy->start = NULL;
	sy->registry = ebox_fetch_sources(sy->a->client, sync_sources_landed,
	    sy);
}

static void
sync_free(struct sync *sy)
{
	size_t i;

	for (i = 0; i < sy->n; i++) {
		store_provider_done(&sy->prov[i].stored);
		free(sy->prov[i].rejected_reason);
	}
	free(sy->prov);
	free(sy->touched);
	free(sy);
}

/* Rejected messages in words, by the provider's name: the log and
 * a->last.notices (the caller shows them). */
static void
sync_notices(struct sync *sy)
{
	struct app_sync_state *st = &sy->a->last;
	size_t i;

	for (i = 0; i < sy->n; i++) {
		const struct sync_prov *p = &sy->prov[i];
		char name[128], *s;

		if (p->rejected == 0)
			continue;
		ebox_client_source_name(sy->a->client, p->src, name,
		    sizeof name);
		s = xasprintf(ngettext("%s sent %zu message that could not be "
		    "read: %s", "%s sent %zu messages that could not be read: %s",
		    p->rejected), name, p->rejected, p->rejected_reason ?
		    p->rejected_reason : _("no reason given"));
		log_msg("sync: %s", s);
		st->notices = xreallocarray(st->notices, st->n_notices + 1,
		    sizeof *st->notices);
		st->notices[st->n_notices++] = s;
	}
}

void
sync_state_clear(struct app_sync_state *st)
{
	size_t i;

	for (i = 0; i < st->n_notices; i++)
		free(st->notices[i]);
	free(st->notices);
	memset(st, 0, sizeof *st);
}

static void
sync_new_mail_started(struct job *j, struct spawn_result *r,
    const struct err *e, void *ud)
{
	if (e != NULL)
		log_msg("sync: new_mail_command: %s", e->msg);
}

/* new_mail_command, detached, with the figures in its environment. */
static void
sync_new_mail(struct app *a)
{
	const char *cmd = config_str(&a->cfg, a->acct, "new_mail_command");
	char *env[5];
	const char *envp[5];
	struct spawn_opts o;
	struct folder f;
	struct err e;
	size_t i, unread = 0;

	if (cmd == NULL || *cmd == '\0')
		return;
	if (mailbox_folder_find(&a->mb, "Inbox", &f, &e) == 0)
		unread = f.unread;
	env[0] = xasprintf("EBOX_NEW=%zu", a->last.new_messages);
	env[1] = xasprintf("EBOX_REGISTERED=%zu", a->last.new_registered);
	env[2] = xasprintf("EBOX_UNREAD=%zu", unread);
	env[3] = xasprintf("EBOX_ACCOUNT=%s", a->acct->name);
	env[4] = NULL;
	for (i = 0; i < 5; i++)
		envp[i] = env[i];
	memset(&o, 0, sizeof o);
	o.shell = cmd;
	o.name = "new_mail_command";
	o.detach = true;
	o.env = envp;
	if (job_start(a->net, &o, sync_new_mail_started, NULL, &e) == NULL)
		log_msg("sync: new_mail_command: %s", e.msg);
	for (i = 0; i < 4; i++)
		free(env[i]);
}

static void
sync_finish(struct sync *sy)
{
	struct app *a = sy->a;
	struct app_sync_state *st = &a->last;
	struct sync_cb cb = sy->cb;
	char when[32];
	struct err e;
	size_t i;

	sync_txn_end(sy);
	st->running = false;
	st->cancelled = sy->cancelled;
	st->when = time(NULL);
	st->asked = sy->n;
	for (i = 0; i < sy->n; i++) {
		const struct sync_prov *p = &sy->prov[i];

		if (!p->failed)
			st->answered++;
		st->new_messages += p->new_messages;
		st->changed += p->changed;
		st->gone += p->gone;
		st->rejected += p->rejected;
		st->new_registered += p->new_registered;
		st->archived += p->archived;
		st->archive_failed += p->archive_failed;
	}
	sync_notices(sy);
	if (sy->n > 0 && st->answered == 0 && st->err.code == 0)
		st->err = sy->prov[0].err;
	/* Offline: nothing answered, and what failed could not connect. */
	if (st->answered == 0 && st->err.code == ERR_OFFLINE)
		st->offline = true;
	a->answered = st->answered;
	a->asked = st->asked;
	a->synced = true;
	if (st->answered > 0) {
		a->last_sync = st->when;
		snprintf(when, sizeof when, "%lld", (long long)st->when);
		if (store_meta_set(a->store, "last_sync", when, &e) != 0)
			log_msg("sync: %s", e.msg);
	}
	log_msg("sync: %zu of %zu providers, %zu new, %zu changed, %zu gone, "
	    "%zu rejected, %zu documents kept%s", st->answered, st->asked,
	    st->new_messages, st->changed, st->gone, st->rejected,
	    st->archived, st->cancelled ? " (cancelled)" : "");
	if (st->new_messages > 0 && !st->cancelled)
		sync_new_mail(a);
	a->sync = NULL;
	net_release(a->net);
	sync_free(sy);
	if (cb.on_done != NULL)
		cb.on_done(a, cb.ud);
}

int
sync_start(struct app *a, int flags, const struct sync_cb *cb, struct err *e)
{
	struct sync *sy;

	if (a->sync != NULL)
		return err_set(e, ERR_USAGE, _("a sync is already running"));
	/* A sync merges into the whole mailbox (and says what is gone
	 * from it): never into a half-loaded one. */
	if (app_filling(a))
		return err_set(e, ERR_USAGE, _("the local mailbox is still "
		    "loading"));
	sy = xcalloc(1, sizeof *sy);
	sy->a = a;
	sy->flags = flags;
	if (cb != NULL)
		sy->cb = *cb;
	sy->started = time(NULL);
	sy->max_requests = (int)config_int(&a->cfg, a->acct, "max_requests");
	sy->reconcile_s = config_int(&a->cfg, a->acct, "reconcile_minutes") *
	    60;
	sync_state_clear(&a->last);
	a->last.running = true;
	a->sync = sy;
	a->mb.now = time(NULL);
	net_hold(a->net);       /* net_pending() counts the sync */
	/* From the loop, so that nothing calls back inside sync_start. */
	sy->start = net_timer_add(a->net, 0, sync_begin, sy);
	return 0;
}

void
sync_cancel(struct app *a)
{
	struct sync *sy = a->sync;
	struct sync_prov *p;
	size_t i;

	if (sy == NULL)
		return;
	sy->cancelled = true;
	if (sy->start != NULL) {
		net_timer_cancel(a->net, sy->start);
		sy->start = NULL;
		sync_finish(sy);
		return;
	}
	if (sy->registry != NULL) {
		/* Its callback finishes the sync. */
		ebox_cancel(a->client, sy->registry);
		return;
	}
	/* Each cancel runs its request's callback, which steps the
	 * provider; the last one finishes the sync (and frees it: a->sync
	 * says whether it is still there). */
	for (i = 0; a->sync == sy && i < sy->n; i++) {
		p = &sy->prov[i];
		while (a->sync == sy && p->calls != NULL)
			ebox_cancel(a->client, p->calls->call);
		if (a->sync == sy && p->refdata != NULL)
			ebox_cancel_refdata(a->client, p->refdata);
		if (a->sync == sy && p->archiver != NULL)
			archiver_cancel(p->archiver);
	}
	if (a->sync == sy)      /* nothing was in flight */
		sync_finish(sy);
}
