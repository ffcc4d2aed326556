/* app.h - the application state of one account: config, network, auth,
 * the Message Registry client, and the mailbox, shared by the command line
 * (src/cmd/) and the interactive inbox (src/ui/).
 *
 * DESIGN.md's struct app: one of it per process, passed down explicitly.
 * app_open() reads the config, resolves the account and sets up every
 * layer; app_close() tears them down in the order their callbacks need.
 */
#ifndef EBOX_APP_H
#define EBOX_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "ebox/client.h"
#include "ebox/config.h"
#include "ebox/mailbox.h"

/* What main.c learnt from the command line. */
struct app_opts {
	const char *config_path;
	const char *account;
	const char *log_path;
	bool accessible;                /* --accessible */
};

struct app {
	struct config cfg;
	struct account *acct;
	struct net *net;
	struct auth *auth;
	struct ebox_client *client;
	struct mailbox mb;
	const char *lang;               /* content language: nl fr de en */
	char lang_buf[3];
	bool json;                      /* the command line prints JSON */
	bool synced;
	size_t answered, asked;         /* providers, after a sync */
};

int app_open(struct app *a, const struct app_opts *o, struct err *e);
void app_close(struct app *a);
/* Fetches every provider's messages into a->mb and waits for them (the
 * command line).  Fails only when no provider answered; the providers
 * that failed are in ebox_client_sources() with their reason. */
int app_sync_wait(struct app *a, struct err *e);
/* Syncs if needed and finds one message by any id form mailbox_find
 * accepts. */
struct mailbox_entry *app_find(struct app *a, const char *id, struct err *e);
struct ebox_source *app_source(struct app *a, const struct mailbox_entry *en,
    struct err *e);

#endif
