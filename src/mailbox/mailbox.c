/* mailbox.c - the in-memory mailbox: add or replace, short ids, find, and
 * the flag changes that folder counts follow. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/mailbox.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"

#define MAILBOX_FNV_OFFSET 0xcbf29ce484222325ULL
#define MAILBOX_FNV_PRIME 0x100000001b3ULL
#define MAILBOX_PREFIX_MIN 4    /* shortest short-id prefix accepted */

static const char *
mailbox_str(const char *s)
{
	return s != NULL ? s : "";
}

static uint64_t
mailbox_fnv(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= MAILBOX_FNV_PRIME;
	}
	return h;
}

/* FNV-1a 64 of "provider_id/message_id". */
static uint64_t
mailbox_hash(const char *provider_id, const char *message_id)
{
	uint64_t h = MAILBOX_FNV_OFFSET;

	h = mailbox_fnv(h, mailbox_str(provider_id));
	h = mailbox_fnv(h, "/");
	return mailbox_fnv(h, mailbox_str(message_id));
}

void
mailbox_short_id(const char *provider_id, const char *message_id,
    char out[MAILBOX_ID_LEN + 1])
{
	uint64_t h = mailbox_hash(provider_id, message_id);

	snprintf(out, MAILBOX_ID_LEN + 1, "%08x",
	    (unsigned int)(h & 0xffffffffU));
}

void
mailbox_init(struct mailbox *mb)
{
	memset(mb, 0, sizeof *mb);
	mb->now = time(NULL);
	mb->expiring_days = 15;
}

/* The folded keys of an entry whose message changed. */
static void
mailbox_fold_forget(struct mailbox_entry *en)
{
	xfree(&en->fold_subject);
	xfree(&en->fold_sender);
	en->fold_sender_of = NULL;
}

static void
mailbox_entry_done(struct mailbox_entry *en)
{
	mailbox_fold_forget(en);
	ebox_message_free(en->msg);
	free(en->sent_note);
	memset(en, 0, sizeof *en);
}

/* The caches are filled through const pointers: folding does not change
 * what the entry is, only how fast it is compared. */
const char *
mailbox_folded_subject(const struct mailbox *mb, const struct mailbox_entry *en)
{
	struct mailbox_entry *e = (struct mailbox_entry *)en;
	const char *lang = mb->lang != NULL ? mb->lang : "", *s;

	if (e->fold_subject != NULL && strncmp(e->fold_subject_lang, lang,
	    sizeof e->fold_subject_lang) == 0)
		return e->fold_subject;
	xfree(&e->fold_subject);
	snprintf(e->fold_subject_lang, sizeof e->fold_subject_lang, "%s", lang);
	if ((s = tstring_pick(&en->msg->subject, mb->lang, NULL)) != NULL)
		e->fold_subject = text_fold(s);
	return e->fold_subject;
}

const char *
mailbox_folded_sender(const struct mailbox_entry *en)
{
	struct mailbox_entry *e = (struct mailbox_entry *)en;
	const char *s = en->sender_name != NULL ? en->sender_name :
	    en->msg->sender_org_id;

	if (e->fold_sender == NULL || e->fold_sender_of != en->sender_name) {
		free(e->fold_sender);
		e->fold_sender = text_fold(s != NULL ? s : "");
		e->fold_sender_of = en->sender_name;
	}
	return e->fold_sender;
}

void
mailbox_clear(struct mailbox *mb)
{
	size_t i;

	for (i = 0; i < mb->n; i++)
		mailbox_entry_done(&mb->entries[i]);
	mb->n = 0;
	if (mb->slots != NULL)
		memset(mb->slots, 0, mb->n_slots * sizeof *mb->slots);
	mailbox_recount(mb);
}

void
mailbox_done(struct mailbox *mb)
{
	size_t i;

	mailbox_clear(mb);
	for (i = 0; i < mb->n_partitions; i++)
		free(mb->partitions[i]);
	free(mb->partitions);
	free(mb->part_counts);
	free(mb->entries);
	free(mb->slots);
	mb->partitions = NULL;
	mb->part_counts = NULL;
	mb->n_partitions = 0;
	mb->entries = NULL;
	mb->slots = NULL;
	mb->cap = 0;
	mb->n_slots = 0;
}

/* Remembers a partition id for good: folders name partitions with these
 * strings, so a folder held by a view outlives the messages that gave it
 * its name.  Returns its index. */
static size_t
mailbox_intern(struct mailbox *mb, const char *partition_id)
{
	size_t i;

	for (i = 0; i < mb->n_partitions; i++) {
		if (strcmp(mb->partitions[i], partition_id) == 0)
			return i;
	}
	mb->partitions = xreallocarray(mb->partitions, mb->n_partitions + 1,
	    sizeof *mb->partitions);
	mb->part_counts = xreallocarray(mb->part_counts, mb->n_partitions + 1,
	    sizeof *mb->part_counts);
	mb->partitions[mb->n_partitions] = xstrdup(partition_id);
	memset(&mb->part_counts[mb->n_partitions], 0,
	    sizeof *mb->part_counts);
	return mb->n_partitions++;
}

/* --- folder counts: every change goes out (-1) and comes back (+1) ---- */

static void
mailbox_count_one(struct folder_count *c, const struct mailbox_entry *en,
    int dir)
{
	c->total += (size_t)dir;
	if (!en->msg->read)
		c->unread += (size_t)dir;
}

/* Adds (dir 1) or removes (dir -1) en from the counts of every folder it
 * is in. */
static void
mailbox_count(struct mailbox *mb, const struct mailbox_entry *en, int dir)
{
	struct folder f;
	int k;

	memset(&f, 0, sizeof f);
	for (k = 0; k < FOLDER_PARTITION; k++) {
		f.kind = (enum folder_kind)k;
		if (mailbox_in_folder(mb, en, &f))
			mailbox_count_one(&mb->counts[k], en, dir);
	}
	if (en->msg->partition_id != NULL) {
		struct folder_count *c = &mb->part_counts[mailbox_intern(mb,
		    en->msg->partition_id)];

		c->present += (size_t)dir;
		if (en->msg->visible)
			mailbox_count_one(c, en, dir);
	}
}

void
mailbox_recount(struct mailbox *mb)
{
	size_t i;

	memset(mb->counts, 0, sizeof mb->counts);
	for (i = 0; i < mb->n_partitions; i++)
		memset(&mb->part_counts[i], 0, sizeof mb->part_counts[i]);
	for (i = 0; i < mb->n; i++)
		mailbox_count(mb, &mb->entries[i], 1);
}

void
mailbox_set_read(struct mailbox *mb, struct mailbox_entry *en, bool read)
{
	mailbox_count(mb, en, -1);
	en->msg->read = read;
	if (read)
		en->unseen = false;     /* the user opened it */
	mailbox_count(mb, en, 1);
}

void
mailbox_set_visible(struct mailbox *mb, struct mailbox_entry *en,
    bool visible)
{
	mailbox_count(mb, en, -1);
	en->msg->visible = visible;
	mailbox_count(mb, en, 1);
}

void
mailbox_set_partition(struct mailbox *mb, struct mailbox_entry *en,
    const char *partition)
{
	mailbox_count(mb, en, -1);
	free(en->msg->partition_id);
	en->msg->partition_id = xstrdup(partition);
	mailbox_count(mb, en, 1);
}

void
mailbox_set_on_server(struct mailbox *mb, struct mailbox_entry *en,
    bool on_server)
{
	mailbox_count(mb, en, -1);
	en->on_server = on_server;
	mailbox_count(mb, en, 1);
}

void
mailbox_set_full(struct mailbox *mb, struct mailbox_entry *en,
    struct ebox_message *full)
{
	mailbox_count(mb, en, -1);
	ebox_message_free(en->msg);
	en->msg = full;
	mailbox_fold_forget(en);
	en->full = true;
	en->n_documents = (int)full->n_attachments;
	mailbox_count(mb, en, 1);
}

size_t
mailbox_index(const struct mailbox *mb, const struct mailbox_entry *en)
{
	return (size_t)(en - mb->entries);
}

static bool
mailbox_same(const struct ebox_message *a, const char *provider_id,
    const char *message_id)
{
	return strcmp(mailbox_str(a->provider_id), mailbox_str(provider_id))
	    == 0 && strcmp(mailbox_str(a->id), mailbox_str(message_id)) == 0;
}

/* The slot that holds (or would hold) the entry for provider/id: open
 * addressing with linear probing, index + 1 in each slot, 0 when free. */
static size_t
mailbox_slot(const struct mailbox *mb, const char *provider_id,
    const char *message_id)
{
	size_t mask = mb->n_slots - 1;
	size_t i = (size_t)mailbox_hash(provider_id, message_id) & mask;
	size_t v;

	while ((v = mb->slots[i]) != 0) {
		if (mailbox_same(mb->entries[v - 1].msg, provider_id,
		    message_id))
			break;
		i = (i + 1) & mask;
	}
	return i;
}

/* Keeps the table at most half full, rebuilding it when it grows. */
static void
mailbox_rehash(struct mailbox *mb, size_t want)
{
	size_t n = mb->n_slots ? mb->n_slots : 64, i;
	const struct ebox_message *m;

	if (want * 2 < mb->n_slots)
		return;
	while (want * 2 >= n)
		n *= 2;
	free(mb->slots);
	mb->slots = xcalloc(n, sizeof *mb->slots);
	mb->n_slots = n;
	for (i = 0; i < mb->n; i++) {
		m = mb->entries[i].msg;
		mb->slots[mailbox_slot(mb, m->provider_id, m->id)] = i + 1;
	}
}

struct mailbox_entry *
mailbox_get(struct mailbox *mb, const char *provider_id,
    const char *message_id)
{
	size_t slot;

	if (mb->n_slots == 0)
		return NULL;
	slot = mailbox_slot(mb, provider_id, message_id);
	return mb->slots[slot] != 0 ? &mb->entries[mb->slots[slot] - 1] : NULL;
}

struct mailbox_entry *
mailbox_add(struct mailbox *mb, struct ebox_message *msg, bool full)
{
	struct mailbox_entry *en;
	size_t slot;

	if (msg->partition_id != NULL)
		mailbox_intern(mb, msg->partition_id);
	mailbox_rehash(mb, mb->n + 1);
	slot = mailbox_slot(mb, msg->provider_id, msg->id);
	if (mb->slots[slot] != 0) {
		/* Replaced: local state stays, and so does a text fetched
		 * earlier when the new copy carries none. */
		en = &mb->entries[mb->slots[slot] - 1];
		mailbox_count(mb, en, -1);
		if (!msg->has_body && en->msg->has_body) {
			msg->body = en->msg->body;
			msg->has_body = true;
			memset(&en->msg->body, 0, sizeof en->msg->body);
		}
		ebox_message_free(en->msg);
		en->msg = msg;
		mailbox_fold_forget(en);
		if (en->unseen)         /* read at the eBox, not by the user */
			msg->read = false;
		en->full = full;
		if (full)
			en->n_documents = (int)msg->n_attachments;
		en->gen = mb->gen;
		en->on_server = true;
		en->stale = false;
		mailbox_count(mb, en, 1);
		return en;
	}
	if (mb->n == mb->cap) {
		mb->cap = mb->cap ? mb->cap * 2 : 64;
		mb->entries = xreallocarray(mb->entries, mb->cap,
		    sizeof *mb->entries);
	}
	en = &mb->entries[mb->n];
	memset(en, 0, sizeof *en);
	en->msg = msg;
	en->full = full;
	en->n_documents = (int)msg->n_attachments;
	en->gen = mb->gen;
	en->on_server = true;
	mailbox_short_id(msg->provider_id, msg->id, en->short_id);
	mb->slots[slot] = ++mb->n;
	mailbox_count(mb, en, 1);
	return en;
}

void
mailbox_set_sent(struct mailbox *mb, struct mailbox_entry *en,
    enum mailbox_sent sent, const char *note)
{
	mailbox_count(mb, en, -1);
	en->sent = sent;
	free(en->sent_note);
	en->sent_note = note != NULL ? xstrdup(note) : NULL;
	mailbox_count(mb, en, 1);
}

size_t
mailbox_prune(struct mailbox *mb, const char *provider_id)
{
	size_t i, k, removed = 0;
	const struct ebox_message *m;

	for (i = k = 0; i < mb->n; i++) {
		struct mailbox_entry *en = &mb->entries[i];

		if (en->gen != mb->gen && en->msg->provider_id != NULL &&
		    strcmp(en->msg->provider_id, provider_id) == 0) {
			mailbox_count(mb, en, -1);
			mailbox_entry_done(en);
			removed++;
			continue;
		}
		mb->entries[k++] = *en;
	}
	mb->n = k;
	if (removed > 0 && mb->n_slots > 0) {
		/* Indices moved: build the hash again. */
		memset(mb->slots, 0, mb->n_slots * sizeof *mb->slots);
		for (i = 0; i < mb->n; i++) {
			m = mb->entries[i].msg;
			mb->slots[mailbox_slot(mb, m->provider_id, m->id)] = i + 1;
		}
	}
	return removed;
}

/* True when s is 4 to 8 hex digits; lower is its lower-case copy. */
static bool
mailbox_hex_prefix(const char *s, char lower[MAILBOX_ID_LEN + 1])
{
	size_t len = strlen(s), i;

	if (len < MAILBOX_PREFIX_MIN || len > MAILBOX_ID_LEN ||
	    strspn(s, "0123456789abcdefABCDEF") != len)
		return false;
	for (i = 0; i <= len; i++)
		lower[i] = (char)tolower((unsigned char)s[i]);
	return true;
}

/* "provider_id/message_id" names exactly this message. */
static bool
mailbox_full_id(const struct ebox_message *m, const char *id)
{
	const char *p = mailbox_str(m->provider_id);
	size_t lp = strlen(p);

	return strncmp(id, p, lp) == 0 && id[lp] == '/' &&
	    strcmp(id + lp + 1, mailbox_str(m->id)) == 0;
}

/* The ways an id can name a message, strongest first: the first way that
 * matches anything decides (one match: found; more: ambiguous). */
enum mailbox_how {
	MAILBOX_BY_SHORT,       /* all 8 digits of a short id */
	MAILBOX_BY_FULL,        /* provider_id/message_id */
	MAILBOX_BY_MESSAGE,     /* a bare message id */
	MAILBOX_BY_PREFIX,      /* the start of a short id, >= 4 digits */
	MAILBOX_HOW_COUNT
};

static bool
mailbox_match(const struct mailbox_entry *en, enum mailbox_how how,
    const char *id, const char *hex)
{
	if (how == MAILBOX_BY_SHORT)
		return hex != NULL && strlen(hex) == MAILBOX_ID_LEN &&
		    strcmp(en->short_id, hex) == 0;
	if (how == MAILBOX_BY_FULL)
		return mailbox_full_id(en->msg, id);
	if (how == MAILBOX_BY_MESSAGE)
		return strcmp(mailbox_str(en->msg->id), id) == 0;
	return hex != NULL &&
	    strncmp(en->short_id, hex, strlen(hex)) == 0;
}

struct mailbox_entry *
mailbox_find(struct mailbox *mb, const char *id, struct err *e)
{
	char lower[MAILBOX_ID_LEN + 1];
	const char *hex = NULL;
	struct mailbox_entry *found = NULL;
	size_t i, matches;
	int how;

	if (id == NULL || *id == '\0') {
		err_set(e, ERR_USAGE, _("no message id given"));
		return NULL;
	}
	if (mailbox_hex_prefix(id, lower))
		hex = lower;
	for (how = 0; how < MAILBOX_HOW_COUNT; how++) {
		matches = 0;
		for (i = 0; i < mb->n; i++) {
			if (mailbox_match(&mb->entries[i], how, id, hex)) {
				found = &mb->entries[i];
				matches++;
			}
		}
		if (matches == 1)
			return found;
		if (matches > 1) {
			err_set(e, ERR_USAGE, ngettext("id '%.100s' is "
			    "ambiguous: matches %zu message", "id '%.100s' is "
			    "ambiguous: matches %zu messages", matches), id,
			    matches);
			return NULL;
		}
	}
	err_set(e, ERR_NOTFOUND, _("no message with id '%.100s'"), id);
	return NULL;
}
