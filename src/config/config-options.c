/* config-options.c - THE option table: name, type, default, bounds, help. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "ebox/config.h"

static const char *const config_options_ui_languages[] = {
	"auto", "en", "fr", "nl", "de", NULL
};

static const char *const config_options_sorts[] = {
	"date", "sender", "subject", "expiry", "due", "deadline", NULL
};

static const char *const config_options_archive[] = {
	"off", "expiring", "all", NULL
};

static const char *const config_options_languages[] = {
	"auto", "nl", "fr", "de", "en", NULL
};

/*
 * The parser, --help and ebox-tui.conf(5) all read these rows; a new option
 * is one more row plus its entry in doc/ebox-tui.conf.5 (test-config checks
 * both).  Keep the rows in alphabetical order so the man page and --help
 * list them the same way.
 */
const struct opt_def config_options[] = {
	{ .name = "accessible", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "no",
	  .help = "Screen-reader mode: the cursor stays on what has focus, one "
	  "pane, flags spelled out, nothing moves on its own." },
	{ .name = "accessible_index_format", .type = OPT_STRING,
	  .scope = OPT_GLOBAL, .def = "%Z %s | %F | %D",
	  .help = "The index columns in accessible mode: flags and subject "
	  "first, so a 40-cell braille line shows what matters." },
	{ .name = "archive", .type = OPT_ENUM, .scope = OPT_GLOBAL,
	  .def = "expiring", .choices = config_options_archive,
	  .help = "Documents a sync keeps before the eBox deletes them: off, "
	  "expiring (of messages that expire within archive_days) or all.  "
	  "Annexes are fetched as they are; a main document only when its "
	  "message is read already or about to expire (fetching it marks the "
	  "message read at the eBox)." },
	{ .name = "archive_days", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "30", .min = 1, .max = 3650,
	  .help = "With archive = expiring: how many days before its expiry "
	  "a message's documents are kept." },
	{ .name = "archive_dir", .type = OPT_PATH, .scope = OPT_GLOBAL,
	  .def = "~/Documents/eBox",
	  .help = "Where `ebox-tui archive` exports the kept documents "
	  "(SENDER/YYYY-MM/NAME, one metadata file per message)." },
	{ .name = "archive_registered", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "no",
	  .help = "Lets the sync fetch the documents of registered mail too: "
	  "fetching its main content is a legal proof of reading." },
	{ .name = "ascii", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "no",
	  .help = "Draws with plain ASCII characters only (no line drawing)." },
	{ .name = "audience", .type = OPT_STRING, .scope = OPT_ACCOUNT,
	  .help = "The aud claim of the client assertion, when the token "
	  "endpoint wants something other than its own URL." },
	{ .name = "ca_file", .type = OPT_PATH, .scope = OPT_ACCOUNT,
	  .help = "A PEM file of certificate authorities to trust instead of "
	  "the system store (set globally to apply to every account)." },
	{ .name = "client_id", .type = OPT_STRING, .scope = OPT_ACCOUNT,
	  .help = "The OAuth client identifier issued to this account." },
	{ .name = "color", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "yes",
	  .help = "Uses the theme's colours; no means attributes only (so does "
	  "the NO_COLOR environment variable)." },
	{ .name = "confirm_registered", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "yes",
	  .help = "Asks before opening the main content of registered mail, "
	  "since the sender may take that as legal proof of reading." },
	{ .name = "connect_timeout", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "15", .min = 1, .max = 300,
	  .help = "Seconds to wait for a connection to a server." },
	{ .name = "content_language", .type = OPT_ENUM, .scope = OPT_GLOBAL,
	  .def = "auto", .choices = config_options_languages,
	  .help = "Language of names and subjects when a sender offers "
	  "several; auto follows the locale." },
	{ .name = "default_account", .type = OPT_STRING, .scope = OPT_GLOBAL,
	  .help = "The account used when none is named on the command line "
	  "(default: the first account)." },
	{ .name = "download_min_speed", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "1024", .min = 1, .max = 1073741824,
	  .help = "Bytes per second a document download must average over "
	  "low_speed_time; a slower one has stalled and is abandoned." },
	{ .name = "expiring_days", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "15", .min = 1, .max = 365,
	  .help = "A message expiring within this many days is marked as "
	  "expiring soon." },
	{ .name = "index_format", .type = OPT_STRING, .scope = OPT_GLOBAL,
	  .def = "%Z  %*s  %-20F  %D",
	  .help = "Columns of a message line: %Z flags, %D date, %F sender, %s "
	  "subject, %T type, %e expiry, %i id, %n documents, %p partition.  "
	  "%-20F pads or cuts to 20 columns; %*s takes the room the others "
	  "leave.  Flags and subject come first, so that the first 40 "
	  "columns (a braille line) say what matters." },
	{ .name = "key_file", .type = OPT_PATH, .scope = OPT_ACCOUNT,
	  .help = "The PEM RSA private key that signs the client assertion "
	  "(private_key_jwt)." },
	{ .name = "log_file", .type = OPT_PATH, .scope = OPT_GLOBAL,
	  .help = "Appends a debug log to this file (never tokens or keys)." },
	{ .name = "low_speed_time", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "30", .min = 1, .max = 600,
	  .help = "Seconds a transfer may stall (a download: below "
	  "download_min_speed; other requests: below one byte per second) "
	  "before it is abandoned." },
	{ .name = "max_body_size", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "16777216", .min = 1024, .max = 1073741824,
	  .help = "The largest answer in bytes kept in memory; attachments "
	  "stream to disk and are not limited by it." },
	{ .name = "max_document_size", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "2147483648", .min = 1024, .max = 1099511627776L,
	  .help = "The largest document in bytes ebox-tui downloads; a "
	  "document is also cut off well before that when it grows past the "
	  "size its sender announced." },
	{ .name = "max_requests", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "8", .min = 1, .max = 64,
	  .help = "Requests a sync keeps in flight per provider at most." },
	{ .name = "max_retries", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "3", .min = 0, .max = 10,
	  .help = "How many times a failed read-only request is tried again." },
	{ .name = "new_mail_command", .type = OPT_STRING, .scope = OPT_GLOBAL,
	  .help = "A shell command run after a sync that brought new mail, "
	  "with EBOX_NEW (new messages), EBOX_UNREAD, EBOX_REGISTERED (new "
	  "registered mail) and EBOX_ACCOUNT in its environment." },
	{ .name = "page_size", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "100", .min = 1, .max = 100,
	  .help = "Messages asked for per page." },
	{ .name = "provider_url", .type = OPT_STRING, .scope = OPT_ACCOUNT,
	  .help = "The root of one Message Registry, used instead of a "
	  "provider registry (for example the citizen eBox)." },
	{ .name = "qr_invert", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "no",
	  .help = "Draws payment QR codes ($) for a terminal with a light "
	  "background (by default they are drawn for a dark one)." },
	{ .name = "reconcile_minutes", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "60", .min = 0, .max = 525600,
	  .help = "A sync lists every message of a provider (to notice read, "
	  "hidden, moved and deleted ones) when the last complete listing is "
	  "older than this; otherwise only new messages are fetched." },
	{ .name = "registry_url", .type = OPT_STRING, .scope = OPT_ACCOUNT,
	  .help = "The root of the federation provider registry, e.g. "
	  "https://services.socialsecurity.be/REST/ebox/enterprise/"
	  "federation/v1/." },
	{ .name = "request_timeout", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "120", .min = 1, .max = 3600,
	  .help = "Seconds a whole request may take, downloads excepted." },
	{ .name = "retry_base_ms", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "500", .min = 1, .max = 60000,
	  .help = "Milliseconds before the first retry; each further retry "
	  "waits about twice as long." },
	{ .name = "save_dir", .type = OPT_PATH, .scope = OPT_GLOBAL,
	  .def = "~/Downloads/eBox",
	  .help = "The directory attachments are saved to." },
	{ .name = "scope", .type = OPT_STRING, .scope = OPT_ACCOUNT,
	  .help = "The OAuth scopes to ask for, separated by spaces (default: "
	  "all granted)." },
	{ .name = "sidebar", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "yes",
	  .help = "Shows the folder list beside the messages." },
	{ .name = "sidebar_width", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "24", .min = 10, .max = 60,
	  .help = "Columns of the folder list." },
	{ .name = "sort", .type = OPT_ENUM, .scope = OPT_GLOBAL,
	  .def = "date", .choices = config_options_sorts,
	  .help = "The order of the index: date, sender, subject, expiry, "
	  "due or deadline (the nearest of due and expiry)." },
	{ .name = "sort_reverse", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "no",
	  .help = "Reverses the order of the index." },
	{ .name = "spell_flags", .type = OPT_BOOL, .scope = OPT_GLOBAL,
	  .def = "no",
	  .help = "Writes the flags of the index as words (unread, registered) "
	  "instead of letters." },
	{ .name = "status_min_seconds", .type = OPT_INT, .scope = OPT_GLOBAL,
	  .def = "3", .min = 0, .max = 60,
	  .help = "In accessible mode, a status message stays at least this "
	  "long before the next one replaces it." },
	{ .name = "theme", .type = OPT_STRING, .scope = OPT_GLOBAL,
	  .def = "default",
	  .help = "A theme name (default, light, dark, high-contrast, mono) or "
	  "the path of a theme file." },
	{ .name = "token_cache", .type = OPT_PATH, .scope = OPT_ACCOUNT,
	  .help = "Where the access token is cached (mode 0600; default: "
	  "$XDG_CACHE_HOME/ebox-tui/token-ACCOUNT.json)." },
	{ .name = "token_command", .type = OPT_STRING, .scope = OPT_ACCOUNT,
	  .help = "A shell command whose first output line is the bearer "
	  "token, used instead of client_id and key_file." },
	{ .name = "token_url", .type = OPT_STRING, .scope = OPT_ACCOUNT,
	  .def = "https://services.socialsecurity.be/REST/oauth/v5/token",
	  .help = "The OAuth token endpoint." },
	{ .name = "ui_language", .type = OPT_ENUM, .scope = OPT_GLOBAL,
	  .def = "auto", .choices = config_options_ui_languages,
	  .help = "Language of the menus and messages of ebox-tui; auto "
	  "follows LANGUAGE, LC_ALL and LC_MESSAGES." },
};

const size_t config_n_options =
    sizeof config_options / sizeof config_options[0];

const struct opt_def *
config_option_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < config_n_options; i++) {
		if (strcmp(config_options[i].name, name) == 0)
			return &config_options[i];
	}
	return NULL;
}
