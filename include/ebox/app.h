/* app.h - the application state of one account: config, network, auth,
 * the Message Registry client, the store and the mailbox, shared by the
 * command line (src/cmd/) and the interactive inbox (src/ui/).
 *
 * DESIGN.md's struct app: one of it per process, passed down explicitly.
 * Local first: app_open() fills the mailbox from the store before any
 * request is made; a sync (sync.h) then brings what changed on the
 * servers into the store and the mailbox.  Every change the user makes
 * (read, hidden, moved, a text or a document fetched) goes to the store
 * as well, through the functions below.
 */
#ifndef EBOX_APP_H
#define EBOX_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ebox/client.h"
#include "ebox/config.h"
#include "ebox/mailbox.h"
#include "ebox/names.h"
#include "ebox/pattern.h"
#include "ebox/store.h"

/* What main.c learnt from the command line. */
struct app_opts {
	const char *config_path;
	const char *account;
	const char *log_path;
	bool accessible;                /* --accessible */
	bool offline;                   /* --offline: the store only */
	bool rebuild_store;             /* --rebuild-store */
	bool progressive;               /* the inbox: fill in pieces */
};

/* Rows the inbox loads before its first screen, then per piece. */
#define APP_FILL_FIRST 2000
#define APP_FILL_PIECE 1000

/* Filling the mailbox from the store (app_fill_more). */
struct app_fill {
	bool done;
	int64_t received, rowid;        /* where the next piece starts */
	size_t got;                     /* rows the last piece walked */
	size_t *touched;                /* entries it added */
	size_t n, cap;
};

struct sync;

/* What the last sync found. */
struct app_sync_state {
	time_t when;                    /* when it ended, 0: none yet */
	bool running;
	bool offline;                   /* no server could be reached */
	bool cancelled;
	size_t answered, asked;         /* providers */
	size_t new_messages, changed, gone, rejected;
	size_t new_registered;          /* registered mail among the new */
	size_t archived, archive_failed;        /* documents kept (archive.h) */
	struct err err;                 /* why nothing answered, if so */
	/* Sentences for the user, one per provider that sent something
	 * unreadable ("FPS Finance sent 1 message that could not be read:
	 * ..."): printed once per sync, by whoever started it. */
	char **notices;
	size_t n_notices;
};

struct app {
	struct config cfg;
	struct account *acct;
	struct net *net;
	struct auth *auth;
	struct ebox_client *client;
	struct store *store;
	struct names *names;
	struct mailbox mb;
	const char *lang;               /* content language: nl fr de en */
	char lang_buf[3];
	bool json;                      /* the command line prints JSON */
	bool offline;                   /* --offline: no network at all */
	bool synced;                    /* a sync ran in this process */
	struct app_fill fill;
	struct sync *sync;              /* the sync in flight, or NULL */
	struct app_sync_state last;     /* the last sync of this process */
	time_t last_sync;               /* the last sync that reached a
	                                   server, from the store; 0: never */
	/* Counts of the last sync, as the command line and the status line
	 * print them ("1 of 2 providers answered"). */
	size_t answered, asked;
	int passphrase_asked;           /* times the key's passphrase was
	                                   asked: again means wrong */
};

int app_open(struct app *a, const struct app_opts *o, struct err *e);
void app_close(struct app *a);
/* With opts.progressive, app_open loads only the newest messages; the
 * rest comes in pieces of at most rows: *touched the indices of the
 * entries added (valid until the next call).  A sync waits for the end
 * (app_filling false). */
int app_fill_more(struct app *a, int rows, const size_t **touched, size_t *n,
    struct err *e);
bool app_filling(const struct app *a);
/* Where the store lives: $XDG_DATA_HOME/ebox-tui/ACCOUNT; a new string. */
char *app_store_dir(const struct app *a);

/* Syncs and waits (the command line): once per process.  Fails only when
 * no provider answered and the store holds nothing either; offline (by
 * option, or because no server answered) is not an error: a->offline
 * or a->last says so. */
int app_sync_wait(struct app *a, struct err *e);
/* The same with sync.h's flags (SYNC_FULL...), whether or not this
 * process synced before. */
int app_sync_run(struct app *a, int flags, struct err *e);
/* Finds one message by any id form mailbox_find accepts (syncing first
 * on the command line, unless offline). */
struct mailbox_entry *app_find(struct app *a, const char *id, struct err *e);
/* The provider of en, to fetch from; NULL and a sentence when it is not
 * known (offline, or not in the registry any more). */
struct ebox_source *app_source(struct app *a, const struct mailbox_entry *en,
    struct err *e);
/* The whole message of en (documents, business data, text), loaded from
 * the store the first time; en->msg afterwards.  NULL and a sentence
 * when the store fails. */
struct ebox_message *app_message(struct app *a, struct mailbox_entry *en,
    struct err *e);
/* A whole message fetched from the server (one message, not a list):
 * kept in the store and put in the mailbox (ownership taken). */
struct mailbox_entry *app_take_message(struct app *a, struct ebox_message *m);
/* Keeps en's whole message again after parts of it arrived (its
 * documents). */
void app_save_message(struct app *a, struct mailbox_entry *en);
/* Names en's sender and message type from the reference data known. */
void app_name_entry(struct app *a, struct mailbox_entry *en);

/* The store's full-text search (store_search): *hits the rowids found,
 * sorted (for mailbox_filter.hits); a new array. */
int app_search(struct app *a, const char *text, int64_t **hits, size_t *n,
    struct err *e);

/* Has the store's full-text search answer p's text terms (TEXT, ~s,
 * ~b: see pattern_search). */
int app_pattern_search(struct app *a, struct pattern *p, struct err *e);

/* Changes that the store keeps too. */
void app_set_read(struct app *a, struct mailbox_entry *en, bool read);
/* The main content of en came from the eBox (its text when content is
 * NULL, else the document of that file name, with its digest): the
 * server counts the message read, and for registered mail that is the
 * sender's proof of reading, of which a receipt is kept (receipt.h).
 * Fails only when the receipt could not be written. */
int app_main_fetched(struct app *a, struct mailbox_entry *en,
    const char *content, const unsigned char sha256[32], struct err *e);
/* en, unread, is about to become read at the eBox without the user (a
 * sync keeps its main document): it stays unread here until opened. */
void app_set_unseen(struct app *a, struct mailbox_entry *en);
void app_set_visible(struct app *a, struct mailbox_entry *en, bool visible);
void app_set_partition(struct app *a, struct mailbox_entry *en,
    const char *partition);
void app_set_paid(struct app *a, struct mailbox_entry *en, bool paid);
/* Takes body (moved) as en's text. */
void app_set_body(struct app *a, struct mailbox_entry *en,
    struct tstring *body);

/* Documents kept in the store (by SHA-256). */
/* The kept copy of document att of en: *path a new string; ERR_NOTFOUND
 * when it was never fetched. */
int app_document_find(struct app *a, const struct mailbox_entry *en,
    const struct ebox_attachment *att, char **path, struct err *e);
/* A new private file (0600) in the store's directory for a download
 * that is to be kept: app_document_keep(move) then renames it, no copy.
 * *fd is open for writing; NULL and e set on failure. */
char *app_document_tmp(struct app *a, int *fd, struct err *e);
/* Keeps the verified download at path as document att of en.  With
 * move, path is moved into the store (a temporary copy); else the store
 * gets a hard link, or a copy across file systems (a saved file stays
 * where the user saved it). */
int app_document_keep(struct app *a, const struct mailbox_entry *en,
    const struct ebox_attachment *att, const char *path, bool move,
    const unsigned char sha256[32], int64_t size, struct err *e);

#endif
