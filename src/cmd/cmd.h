/* cmd.h - the subcommands of the command line.
 *
 * Each subcommand lives in its own file and exports one const struct cmd
 * (see tmux cmd-*.c).  main.c parses the global options, cmd_find() picks
 * the command, and the command runs on a struct app (app.h): config,
 * account, net, auth, client and mailbox.
 */
#ifndef EBOX_CMD_H
#define EBOX_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "ebox/app.h"
#include "ebox/client.h"
#include "ebox/config.h"
#include "ebox/mailbox.h"

struct cmd {
	const char *name;
	const char *args;               /* "ID [ATTACHMENT...] [--all] ..." */
	const char *summary;            /* one sentence for --help */
	const char *options_help;       /* lines for `ebox-tui help CMD` */
	/* Runs the command; returns a process exit status (err.h codes). */
	int (*exec)(struct app *s, int argc, char **argv);
};

extern const struct cmd cmd_list, cmd_show, cmd_save, cmd_folders,
    cmd_providers, cmd_hide, cmd_unhide, cmd_sync_cmd, cmd_check,
    cmd_archive, cmd_purge, cmd_receipts, cmd_pay, cmd_agenda, cmd_reply,
    cmd_sent;
extern const struct cmd *const cmd_table[];

const struct cmd *cmd_find(const char *name);
/* Opens the app, runs c with its own arguments (argv[0] is the command
 * name; --help is handled here), closes the app.  Returns the exit
 * status. */
int cmd_run(const struct cmd *c, const struct app_opts *g, int argc,
    char **argv);
/* For commands whose only option is --json: sets s->json, or fills e
 * and returns ERR_USAGE for anything else. */
int cmd_args_json_only(struct app *s, int argc, char **argv,
    struct err *e);
/* Prints the usage of every command (for --help). */
void cmd_print_usage(FILE *f);
void cmd_print_command_help(FILE *f, const struct cmd *c);

/* cmd.c: syncs for a command (once) and warns on stderr about each
 * provider that failed; fails only when none answered. */
int cmd_sync(struct app *a, struct err *e);
/* The same with sync.h's flags, even when this process synced before. */
int cmd_sync_flags(struct app *a, int flags, struct err *e);
/* Exit status of `check` when nothing arrived. */
#define CMD_EXIT_NOTHING_NEW 4

/* output.c */
/* Puts the output gate on stdout and stderr: every byte written through
 * them is sanitised (sanitize.h) and, in a locale that is not UTF-8,
 * transliterated (translit.h).  out_tty keeps the real stdout, for
 * curses, whose escape sequences are its own. */
void out_gate_install(void);
extern FILE *out_tty;
/* Says once, on stderr, that the answer comes from the local mailbox
 * alone (and since when it was last synced). */
void out_offline(const struct app *a);
/* One message as `list` prints it: id, date, flags, sender, subject
 * (cut to subject_cols when > 0, see out_subject_cols). */
void out_message_line(struct app *s, const struct mailbox_entry *en,
    int subject_cols);
/* Columns left for the subject on the terminal stdout is, or -1. */
int out_subject_cols(void);
/* Prints server text sanitised (one line: controls and newlines removed). */
void out_text(FILE *f, const char *s);
/* Prints a message's subject in the content language, sanitised. */
const char *out_subject(const struct app *s, const struct ebox_message *m);
/* Reports an error: "ebox-tui: sentence" or, with --json, a JSON object
 * {"error": {"code": "...", "message": "..."}} on stdout. Returns the
 * exit status for e->code. */
int out_error(const struct app *s, const struct err *e);
/* The text of a tstring in the content language, sanitised, a new string
 * ("" when empty). */
char *out_tstring(const struct app *s, const struct tstring *t);

/* jsonw.c: the JSON writer, one schema for every --json output (doc/json.md). */
struct yajl_gen_t;
struct yajl_gen_t *jsonw_begin(void);
/* Writes the generator's text to stdout with a final newline, frees it. */
void jsonw_end(struct yajl_gen_t *g);
/* Writes what the generator holds so far to stdout (long lists stream
 * instead of growing in memory). */
void jsonw_flush(struct yajl_gen_t *g);
void jsonw_key(struct yajl_gen_t *g, const char *key);
void jsonw_str(struct yajl_gen_t *g, const char *key, const char *value);
void jsonw_int(struct yajl_gen_t *g, const char *key, long long value);
void jsonw_num(struct yajl_gen_t *g, const char *key, double value);
void jsonw_bool(struct yajl_gen_t *g, const char *key, bool value);
void jsonw_time(struct yajl_gen_t *g, const char *key, time_t value);
void jsonw_tstring(struct yajl_gen_t *g, const char *key,
    const struct tstring *t);
void jsonw_open(struct yajl_gen_t *g, const char *key);     /* { */
void jsonw_close(struct yajl_gen_t *g);                     /* } */
void jsonw_open_array(struct yajl_gen_t *g, const char *key);
void jsonw_close_array(struct yajl_gen_t *g);
/* The message object of doc/json.md; detail adds body/business/payment. */
void jsonw_message(struct yajl_gen_t *g, const struct app *s,
    const struct mailbox_entry *en, bool detail);
void jsonw_providers(struct yajl_gen_t *g, struct app *s);

#endif
