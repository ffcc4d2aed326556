/* archive.c - documents kept before the eBox deletes them (archive.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "ebox/archive.h"
#include "ebox/log.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"

#define ARCHIVE_DAY 86400

/* One document to fetch. */
struct archive_doc {
	int64_t rowid;          /* its message in the store */
	char *provider, *message_id;
	struct ebox_message *msg;       /* whole, shared by its documents */
	size_t att;             /* index in msg->attachments */
	bool last_of_msg;       /* frees msg when done */
};

/* A download in flight. */
struct archive_call {
	struct archiver *ar;
	struct archive_doc *doc;
	struct auth_call *call;
	char *path;             /* the part file in the store */
	int fd;
	struct archive_call *next;
};

struct archiver {
	struct app *a;
	struct ebox_source *src;
	int max_requests;
	struct archive_doc *docs;
	size_t n, next;
	struct archive_call *calls;
	int in_flight;
	size_t kept, failed;
	bool cancelled;
	bool pumping;           /* inside archive_pump: no re-entry */
	archiver_done_fn fn;
	void *ud;
};

bool
archive_selects(const struct app *a, const struct mailbox_entry *en)
{
	const char *policy = config_str(&a->cfg, a->acct, "archive");
	const struct ebox_message *m = en->msg;
	time_t days = (time_t)config_int(&a->cfg, a->acct, "archive_days");

	if (strcmp(policy, "off") == 0 || !en->on_server || en->n_documents == 0)
		return false;
	if (m->registered && !config_bool(&a->cfg, a->acct,
	    "archive_registered"))
		return false;
	if (strcmp(policy, "all") == 0)
		return true;
	/* expiring: within archive_days, and not gone already */
	return m->expiration_date > a->mb.now &&
	    m->expiration_date - a->mb.now <= days * ARCHIVE_DAY;
}

/* Whether document att of the (whole) message m is to be fetched now. */
static bool
archive_wants(struct app *a, const struct mailbox_entry *en,
    const struct ebox_attachment *att)
{
	char *kept = NULL;
	struct err e;

	if (att->id == NULL || app_document_find(a, en, att, &kept, &e) == 0) {
		free(kept);
		return false;
	}
	/* Fetching the main content makes the message read at the eBox:
	 * for an unread one, only at the last moment. */
	if (att->main_content && !en->msg->read && !en->unseen)
		return mailbox_is_expiring(&a->mb, en->msg);
	return true;
}

/* The documents of src's messages to fetch, each message loaded from
 * the store once. */
static void
archive_collect(struct archiver *ar)
{
	struct app *a = ar->a;
	struct ebox_message *m;
	struct err e;
	size_t i, j, cap = 0, first;

	for (i = 0; i < a->mb.n; i++) {
		struct mailbox_entry *en = &a->mb.entries[i];

		if (en->rowid == 0 || strcmp(en->msg->provider_id,
		    ar->src->info.id) != 0 || !archive_selects(a, en))
			continue;
		if (store_message_load(a->store, en->rowid, &m, &e) != 0) {
			log_msg("archive: %s", e.msg);
			continue;
		}
		first = ar->n;
		for (j = 0; j < m->n_attachments; j++) {
			if (!archive_wants(a, en, &m->attachments[j]))
				continue;
			if (ar->n == cap) {
				cap = cap ? cap * 2 : 16;
				ar->docs = xreallocarray(ar->docs, cap,
				    sizeof *ar->docs);
			}
			memset(&ar->docs[ar->n], 0, sizeof ar->docs[ar->n]);
			ar->docs[ar->n].rowid = en->rowid;
			ar->docs[ar->n].provider = xstrdup(m->provider_id);
			ar->docs[ar->n].message_id = xstrdup(m->id);
			ar->docs[ar->n].msg = m;
			ar->docs[ar->n].att = j;
			ar->n++;
		}
		if (ar->n == first)
			ebox_message_free(m);
		else
			ar->docs[ar->n - 1].last_of_msg = true;
	}
}

static void archive_step(struct archiver *ar);

static void
archive_free(struct archiver *ar)
{
	size_t i;

	for (i = 0; i < ar->n; i++) {
		free(ar->docs[i].provider);
		free(ar->docs[i].message_id);
		if (ar->docs[i].last_of_msg)
			ebox_message_free(ar->docs[i].msg);
	}
	free(ar->docs);
	free(ar);
}

/* Everything landed (or was cancelled): the sync goes on. */
static void
archive_end(struct archiver *ar)
{
	archiver_done_fn fn = ar->fn;
	size_t kept = ar->kept, failed = ar->failed;
	void *ud = ar->ud;

	log_msg("archive: %s: %zu documents kept, %zu failed",
	    ar->src->info.id, kept, failed);
	archive_free(ar);
	fn(kept, failed, ud);
}

static void
archive_call_forget(struct archiver *ar, struct archive_call *k)
{
	struct archive_call **pp;

	for (pp = &ar->calls; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == k) {
			*pp = k->next;
			break;
		}
	}
	if (k->fd >= 0)
		close(k->fd);
	if (k->path != NULL)
		unlink(k->path);
	free(k->path);
	free(k);
}

/* A document came: checked, kept; an unread message it made read at
 * the eBox stays unread here. */
static void
archive_landed(struct ebox_source *s, int64_t bytes,
    const unsigned char sha256[32], const struct err *e, void *ud)
{
	struct archive_call *k = ud;
	struct archiver *ar = k->ar;
	struct archive_doc *d = k->doc;
	const struct ebox_attachment *att = &d->msg->attachments[d->att];
	struct mailbox_entry *en;
	struct err ke;
	char *got = NULL;

	ar->in_flight--;
	en = mailbox_get(&ar->a->mb, d->provider, d->message_id);
	err_clear(&ke);
	if (e != NULL)
		ke = *e;
	else if (att->digest_value != NULL && !text_digest_equal(got =
	    text_base64url(sha256, 32), att->digest_value))
		err_set(&ke, ERR_INTEGRITY, _("the digest does not match"));
	free(got);
	if (ke.code == 0 && en != NULL) {
		if (att->main_content && !en->msg->read)
			app_set_unseen(ar->a, en);
		close(k->fd);
		k->fd = -1;
		if (app_document_keep(ar->a, en, att, k->path, true, sha256,
		    bytes, &ke) == 0)
			xfree(&k->path);        /* moved into the store */
	}
	if (ke.code != 0 && ke.code != ERR_CANCELLED) {
		ar->failed++;
		log_msg("archive: %s/%s, document %s: %s", d->provider,
		    d->message_id, att->id, ke.msg);
	} else if (ke.code == 0)
		ar->kept++;
	archive_call_forget(ar, k);
	archive_step(ar);
}

static void
archive_pump(struct archiver *ar)
{
	struct archive_call *k;
	struct archive_doc *d;
	struct err e;

	ar->pumping = true;
	while (!ar->cancelled && ar->in_flight < ar->max_requests &&
	    ar->next < ar->n) {
		d = &ar->docs[ar->next++];
		k = xcalloc(1, sizeof *k);
		k->ar = ar;
		k->doc = d;
		if ((k->path = app_document_tmp(ar->a, &k->fd, &e)) == NULL) {
			log_msg("archive: %s", e.msg);
			ar->failed++;
			free(k);
			continue;
		}
		k->next = ar->calls;
		ar->calls = k;
		ar->in_flight++;
		k->call = ebox_download(ar->a->client, ar->src, d->message_id,
		    &d->msg->attachments[d->att], k->fd, NULL, archive_landed,
		    k);
	}
	ar->pumping = false;
}

/* More downloads, or the end once nothing is left in flight. */
static void
archive_step(struct archiver *ar)
{
	if (ar->pumping)
		return;
	archive_pump(ar);
	if (ar->in_flight == 0 && (ar->cancelled || ar->next >= ar->n))
		archive_end(ar);
}

struct archiver *
archiver_start(struct app *a, struct ebox_source *src, int max_requests,
    archiver_done_fn fn, void *ud)
{
	struct archiver *ar = xcalloc(1, sizeof *ar);

	ar->a = a;
	ar->src = src;
	ar->max_requests = max_requests > 0 ? max_requests : 1;
	ar->fn = fn;
	ar->ud = ud;
	archive_collect(ar);
	if (ar->n == 0) {
		archive_free(ar);
		return NULL;
	}
	log_msg("archive: %s: %zu documents to keep", src->info.id, ar->n);
	archive_pump(ar);
	if (ar->in_flight == 0) {       /* none could even start */
		archive_free(ar);
		return NULL;
	}
	return ar;
}

void
archiver_cancel(struct archiver *ar)
{
	struct ebox_client *c = ar->a->client;
	int n = ar->in_flight;

	ar->cancelled = true;
	/* Each cancel runs archive_landed; the last one ends (and frees)
	 * the archiver: ar is not touched after it. */
	while (n-- > 0)
		ebox_cancel(c, ar->calls->call);
}
