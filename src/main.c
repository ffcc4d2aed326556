/* main.c - entry point: global options, then one subcommand, or the
 * interactive inbox when there is no command and a terminal to show it.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ebox/i18n.h"
#include "cmd/cmd.h"
#include "ui/ui.h"
#include "ebox/log.h"

/* clang spells "built with AddressSanitizer" differently from gcc. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EBOX_HAVE_ASAN 1
#endif
#endif
#ifndef EBOX_HAVE_ASAN
#define EBOX_HAVE_ASAN 0
#endif

static void
main_usage(FILE *f)
{
	fputs(_("Usage: ebox-tui [GLOBAL OPTIONS] [COMMAND [ARGS...]]\n"
	    "Read your Belgian eBox (official government mail) in a terminal.\n"
	    "\n"
	    "Global options:\n"
	    "  -c, --config FILE    read FILE instead of "
	    "$XDG_CONFIG_HOME/ebox-tui/config\n"
	    "  -a, --account NAME   use account NAME (default: default_account,"
	    " or the first)\n"
	    "      --log FILE       write a debug log to FILE (never holds "
	    "tokens)\n"
	    "      --accessible     screen-reader mode for the inbox (cursor on "
	    "the focus,\n"
	    "                       one pane, messages stay long enough to be "
	    "read)\n"
	    "      --offline        no network: only the local mailbox "
	    "($XDG_DATA_HOME/\n"
	    "                       ebox-tui/ACCOUNT) answers\n"
	    "      --rebuild-store  set a damaged or newer local mailbox aside "
	    "and build\n"
	    "                       a new one from the eBox\n"
	    "  -h, --help           show this help; `ebox-tui COMMAND --help` "
	    "for one command\n"
	    "  -V, --version        show the version\n"
	    "\n"), f);
	cmd_print_usage(f);
	fputs(_("\nWithout a command, the interactive inbox opens (press ? in "
	    "it for help);\nwhen the output is not a terminal, the inbox is "
	    "listed.\n"
	    "IDs are the 8-digit ids printed by `list`; every command accepts "
	    "them.\n"
	    "\n"
	    "Every command reads the local mailbox and syncs it first; when no "
	    "server can\nbe reached it says so and answers from the local "
	    "mailbox.\n"
	    "\n"
	    "Exit status: 0 ok, 1 usage or configuration error, 2 network or "
	    "authentication\nerror, 3 data or integrity error (bad answer, "
	    "digest mismatch, file error),\n4 `check` found no new mail.\n"
	    "See ebox-tui(1) and ebox-tui.conf(5).\n"), f);
}

/* Tokens and keys live in this process's memory: no core file may carry
 * them to disk, and other processes of the user may not read it (the
 * sanitizer builds need ptrace for their leak checker, so they keep it). */
static void
main_harden(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
#if !defined(__SANITIZE_ADDRESS__) && !EBOX_HAVE_ASAN
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

/* The interactive inbox on the configured account. */
static int
main_inbox(const struct app_opts *g)
{
	struct app_opts o = *g;
	struct app s;
	struct err e;
	int status = 0;

	memset(&s, 0, sizeof s);
	err_clear(&e);
	if (g->log_path != NULL)
		log_open(g->log_path);
	/* The first screen from the newest messages; the rest loads in
	 * pieces while keys work. */
	o.progressive = true;
	g = &o;
	/* The key's passphrase is asked now, before curses owns the
	 * screen; never later over the inbox. */
	if (app_open(&s, g, &e) != 0 || (g->accessible &&
	    config_set(&s.cfg, NULL, "accessible", "yes", &e) != 0) ||
	    auth_load_key(s.auth, &e) != 0 || ui_main(&s, &e) != 0)
		status = out_error(&s, &e);
	app_close(&s);
	log_close();
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "account", required_argument, NULL, 'a' },
		{ "log", required_argument, NULL, 'L' },
		{ "accessible", no_argument, NULL, 'A' },
		{ "offline", no_argument, NULL, 'O' },
		{ "rebuild-store", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct app_opts g;
	const struct cmd *cmd;
	char *default_argv[] = { (char *)"list", NULL };
	int ch, status;

	main_harden();
	setlocale(LC_ALL, "");
	i18n_init(NULL);
	out_gate_install();
	memset(&g, 0, sizeof g);
	/* '+': stop at the command name; its options are its own. */
	while ((ch = getopt_long(argc, argv, "+c:a:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			g.config_path = optarg;
			break;
		case 'a':
			g.account = optarg;
			break;
		case 'L':
			g.log_path = optarg;
			break;
		case 'A':
			g.accessible = true;
			break;
		case 'O':
			g.offline = true;
			break;
		case 'B':
			g.rebuild_store = true;
			break;
		case 'h':
			main_usage(stdout);
			return 0;
		case 'V':
			printf(_("ebox-tui %s\n"), PACKAGE_VERSION);
			return 0;
		default:
			main_usage(stderr);
			return 1;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && isatty(STDOUT_FILENO))
		return main_inbox(&g);
	if (argc == 0) {
		argc = 1;
		argv = default_argv;
	}
	if ((cmd = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, _("ebox-tui: unknown command '%s'; try "
		    "`ebox-tui --help`\n"), argv[0]);
		return 1;
	}
	if (g.log_path == NULL)
		g.log_path = getenv("EBOX_TUI_LOG");
	if (g.log_path != NULL && log_open(g.log_path) != 0)
		fprintf(stderr, _("ebox-tui: cannot open the log file %s\n"),
		    g.log_path);
	status = cmd_run(cmd, &g, argc, argv);
	log_close();
	return status;
}
