/* test-config.c - the option table, the parser and effective values. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ebox/config.h"
#include "test.h"

static char tmp_root[] = "/tmp/ebox-test-config.XXXXXX";

/* Loads text as a file called "config"; returns the result, e filled. */
static int
load(struct config *c, const char *text, struct err *e)
{
	config_init(c);
	err_clear(e);
	return config_load_string(c, "config", text, e);
}

/* Checks that text fails with exactly the sentence want. */
#define CHECK_LOAD_ERR(text, want) do { \
	struct config lcfg_; \
	struct err lerr_; \
	CHECK_INT(load(&lcfg_, (text), &lerr_), ERR_CONFIG); \
	CHECK_INT(lerr_.code, ERR_CONFIG); \
	CHECK_STR(lerr_.msg, (want)); \
	config_done(&lcfg_); \
} while (0)

static char *
tmp_path(const char *name)
{
	return test_path(tmp_root, name);
}

static void
write_tmp(const char *name, const char *text)
{
	char *p = tmp_path(name);
	FILE *f = fopen(p, "w");

	if (f == NULL)
		abort();
	fputs(text, f);
	fclose(f);
	free(p);
}

/* config_split ------------------------------------------------------------- */

static int
split(const char *line, char ***argv)
{
	struct err e;

	err_clear(&e);
	return config_split(line, argv, &e);
}

static void
test_split_null_blank_comment(void)
{
	char **argv;

	CHECK_INT(split(NULL, &argv), 0);
	CHECK(argv != NULL && argv[0] == NULL);
	config_argv_free(argv);
	CHECK_INT(split("", &argv), 0);
	config_argv_free(argv);
	CHECK_INT(split("   \t  ", &argv), 0);
	config_argv_free(argv);
	CHECK_INT(split("# a comment", &argv), 0);
	config_argv_free(argv);
	CHECK_INT(split("   # indented comment", &argv), 0);
	config_argv_free(argv);
	config_argv_free(NULL);
}

static void
test_split_words(void)
{
	char **argv;

	CHECK_INT(split("set  page_size\t50\r", &argv), 3);
	CHECK_STR(argv[0], "set");
	CHECK_STR(argv[1], "page_size");
	CHECK_STR(argv[2], "50");
	CHECK(argv[3] == NULL);
	config_argv_free(argv);
}

static void
test_split_comments(void)
{
	char **argv;

	CHECK_INT(split("set a b # trailing comment", &argv), 3);
	config_argv_free(argv);
	/* '#' inside a word is part of it. */
	CHECK_INT(split("color x#1 '#ff0000'", &argv), 3);
	CHECK_STR(argv[1], "x#1");
	CHECK_STR(argv[2], "#ff0000");
	config_argv_free(argv);
	CHECK_INT(split("set a \"# not a comment\"", &argv), 3);
	CHECK_STR(argv[2], "# not a comment");
	config_argv_free(argv);
}

static void
test_split_double_quotes(void)
{
	char **argv;

	CHECK_INT(split("set x \"two words\"", &argv), 3);
	CHECK_STR(argv[2], "two words");
	config_argv_free(argv);
	CHECK_INT(split("\"a\\\"b\\\\c\\nd\\te\\qf\"", &argv), 1);
	CHECK_STR(argv[0], "a\"b\\c\nd\teqf");
	config_argv_free(argv);
}

static void
test_split_single_quotes(void)
{
	char **argv;

	/* No escapes inside single quotes. */
	CHECK_INT(split("macro x 'a\\nb \"c\"'", &argv), 3);
	CHECK_STR(argv[2], "a\\nb \"c\"");
	config_argv_free(argv);
}

static void
test_split_empty_and_adjacent(void)
{
	char **argv;

	CHECK_INT(split("set x \"\"", &argv), 3);
	CHECK_STR(argv[2], "");
	config_argv_free(argv);
	CHECK_INT(split("a\"b c\"'d e'f", &argv), 1);
	CHECK_STR(argv[0], "ab cd ef");
	config_argv_free(argv);
	CHECK_INT(split("a\\ b c", &argv), 2);  /* escaped space */
	CHECK_STR(argv[0], "a b");
	config_argv_free(argv);
	/* NeoMutt's bare key names keep their backslash for the key
	 * parser: "bind index \Cn next-entry". */
	CHECK_INT(split("bind index \\Cn next-line", &argv), 4);
	CHECK_STR(argv[2], "\\Cn");
	config_argv_free(argv);
	CHECK_INT(split("macro index \\e x", &argv), 4);
	CHECK_STR(argv[2], "\\e");
	config_argv_free(argv);
}

static void
test_split_unterminated(void)
{
	struct err e;
	char **argv;

	err_clear(&e);
	CHECK_INT(config_split("set x \"open", &argv, &e), -1);
	CHECK(argv == NULL);
	CHECK_INT(e.code, ERR_CONFIG);
	CHECK_STR(e.msg, "the double quote is never closed");
	CHECK_INT(config_split("set x 'open", &argv, &e), -1);
	CHECK_STR(e.msg, "the single quote is never closed");
}

/* The option table --------------------------------------------------------- */

static void
test_table_rows(void)
{
	size_t i, j;
	const struct opt_def *d;

	CHECK(config_n_options >= 22);
	for (i = 0; i < config_n_options; i++) {
		d = &config_options[i];
		CHECK(d->name != NULL && d->name[0] != '\0');
		CHECK(d->help != NULL && strlen(d->help) > 10);
		CHECK(d->help[strlen(d->help) - 1] == '.');
		if (i > 0)
			CHECK(strcmp(config_options[i - 1].name, d->name) < 0);
		if (d->type == OPT_INT) {
			CHECK(d->min <= d->max);
			CHECK(d->def != NULL && atol(d->def) >= d->min &&
			    atol(d->def) <= d->max);
		}
		if (d->type == OPT_ENUM) {
			int found = 0;

			CHECK(d->choices != NULL && d->choices[0] != NULL);
			for (j = 0; d->choices[j] != NULL; j++)
				found |= d->def != NULL &&
				    strcmp(d->def, d->choices[j]) == 0;
			CHECK(found);
		}
		if (d->type == OPT_BOOL)
			CHECK(d->def != NULL && (strcmp(d->def, "yes") == 0 ||
			    strcmp(d->def, "no") == 0));
		CHECK(config_option_find(d->name) == d);
	}
}

static void
test_table_required_rows(void)
{
	static const struct {
		const char *name;
		enum opt_type type;
		const char *def;
		long min, max;
	} want[] = {
		{ "default_account", OPT_STRING, NULL, 0, 0 },
		{ "save_dir", OPT_PATH, "~/Downloads/eBox", 0, 0 },
		{ "content_language", OPT_ENUM, "auto", 0, 0 },
		{ "page_size", OPT_INT, "100", 1, 100 },
		{ "expiring_days", OPT_INT, "15", 1, 365 },
		{ "connect_timeout", OPT_INT, "15", 1, 300 },
		{ "low_speed_time", OPT_INT, "30", 1, 600 },
		{ "request_timeout", OPT_INT, "120", 1, 3600 },
		{ "max_retries", OPT_INT, "3", 0, 10 },
		{ "retry_base_ms", OPT_INT, "500", 1, 60000 },
		{ "max_body_size", OPT_INT, "16777216", 1024, 1073741824 },
		{ "log_file", OPT_PATH, NULL, 0, 0 },
		{ "ca_file", OPT_PATH, NULL, 0, 0 },
		{ "registry_url", OPT_STRING, NULL, 0, 0 },
		{ "provider_url", OPT_STRING, NULL, 0, 0 },
		{ "token_url", OPT_STRING,
		  "https://services.socialsecurity.be/REST/oauth/v5/token",
		  0, 0 },
		{ "client_id", OPT_STRING, NULL, 0, 0 },
		{ "key_file", OPT_PATH, NULL, 0, 0 },
		{ "scope", OPT_STRING, NULL, 0, 0 },
		{ "audience", OPT_STRING, NULL, 0, 0 },
		{ "token_command", OPT_STRING, NULL, 0, 0 },
		{ "token_cache", OPT_PATH, NULL, 0, 0 },
	};
	const struct opt_def *d;
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		d = config_option_find(want[i].name);
		CHECK(d != NULL);
		if (d == NULL)
			continue;
		CHECK_INT(d->type, want[i].type);
		CHECK_STR(d->def, want[i].def);
		if (d->type == OPT_INT) {
			CHECK_INT(d->min, want[i].min);
			CHECK_INT(d->max, want[i].max);
		}
	}
}

static void
test_option_find_unknown(void)
{
	CHECK(config_option_find(NULL) == NULL);
	CHECK(config_option_find("") == NULL);
	CHECK(config_option_find("colour") == NULL);
	CHECK(config_option_find("PAGE_SIZE") == NULL);
}

/* Values ------------------------------------------------------------------- */

static void
test_defaults(void)
{
	struct config c;

	setenv("HOME", "/home/u", 1);
	config_init(&c);
	CHECK_INT(config_int(&c, NULL, "page_size"), 100);
	CHECK_INT(config_int(&c, NULL, "max_body_size"), 16777216);
	CHECK_STR(config_str(&c, NULL, "content_language"), "auto");
	CHECK_STR(config_str(&c, NULL, "save_dir"), "/home/u/Downloads/eBox");
	CHECK_STR(config_str(&c, NULL, "token_url"),
	    "https://services.socialsecurity.be/REST/oauth/v5/token");
	CHECK(config_str(&c, NULL, "log_file") == NULL);
	CHECK(config_str(&c, NULL, "page_size") != NULL);
	CHECK(config_bool(&c, NULL, "confirm_registered"));
	CHECK(c.path == NULL);
	CHECK_INT(c.n_accounts, 0);
	config_done(&c);
}

static void
test_set_forms(void)
{
	static const char *const forms[] = {
		"set page_size 42", "set page_size = 42", "page_size = 42",
		"page_size=42", "set page_size=42", "  set   page_size '42' ",
		"set page_size \"42\" # comment",
	};
	struct config c;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		CHECK_INT(load(&c, forms[i], &e), 0);
		CHECK_INT(config_int(&c, NULL, "page_size"), 42);
		config_done(&c);
	}
}

static void
test_set_records_where(void)
{
	struct config c;
	struct err e;
	const struct opt_value *v;

	CHECK_INT(load(&c, "# one\n\nset client_id abc\n", &e), 0);
	v = &c.values[config_option_find("client_id") - config_options];
	CHECK_STR(v->text, "abc");
	CHECK_STR(v->file, "config");
	CHECK_INT(v->line, 3);
	config_done(&c);
}

static void
test_last_set_wins(void)
{
	struct config c;
	struct err e;

	CHECK_INT(load(&c, "set page_size 10\nset page_size 20\n", &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 20);
	config_done(&c);
}

static void
test_path_expands_home(void)
{
	struct config c;
	struct err e;

	setenv("HOME", "/home/u", 1);
	CHECK_INT(load(&c, "set save_dir ~/eBox\nset log_file /var/x~/y\n"
	    "set client_id ~/not-a-path\n", &e), 0);
	CHECK_STR(config_str(&c, NULL, "save_dir"), "/home/u/eBox");
	CHECK_STR(config_str(&c, NULL, "log_file"), "/var/x~/y");
	CHECK_STR(config_str(&c, NULL, "client_id"), "~/not-a-path");
	config_done(&c);
}

static void
test_bool_values(void)
{
	static const struct {
		const char *word;
		bool value;
	} cases[] = {
		{ "yes", true }, { "no", false }, { "true", true },
		{ "false", false }, { "on", true }, { "off", false },
		{ "1", true }, { "0", false }, { "YES", true },
		{ "Off", false },
	};
	char line[64];
	struct config c;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(line, sizeof line, "set confirm_registered %s",
		    cases[i].word);
		CHECK_INT(load(&c, line, &e), 0);
		CHECK_INT(config_bool(&c, NULL, "confirm_registered"),
		    cases[i].value);
		config_done(&c);
	}
	/* "set NAME" alone turns a boolean on. */
	CHECK_INT(load(&c, "set confirm_registered no\nset confirm_registered",
	    &e), 0);
	CHECK(config_bool(&c, NULL, "confirm_registered"));
	config_done(&c);
}

static void
test_bool_invalid(void)
{
	CHECK_LOAD_ERR("set confirm_registered maybe",
	    "config:1: 'confirm_registered' must be yes or no, not 'maybe'");
	CHECK_LOAD_ERR("set confirm_registered \"\"",
	    "config:1: 'confirm_registered' must be yes or no, not ''");
}

static void
test_int_bounds(void)
{
	struct config c;
	struct err e;

	CHECK_INT(load(&c, "set page_size 1\nset max_retries 0\n"
	    "set max_body_size 1073741824\n", &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 1);
	CHECK_INT(config_int(&c, NULL, "max_retries"), 0);
	CHECK_INT(config_int(&c, NULL, "max_body_size"), 1073741824);
	config_done(&c);
	CHECK_INT(load(&c, "set page_size 100", &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 100);
	config_done(&c);
}

static void
test_int_invalid(void)
{
	static const char *const bad[] = {
		"0", "101", "-1", "abc", "10x", " 5", "", "5.0",
		"99999999999999999999999",
	};
	char line[64];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(line, sizeof line, "\n\n\n\nset page_size '%s'",
		    bad[i]);
		CHECK_LOAD_ERR(line,
		    "config:5: 'page_size' must be a number from 1 to 100");
	}
	CHECK_LOAD_ERR("set max_retries 11",
	    "config:1: 'max_retries' must be a number from 0 to 10");
}

static void
test_enum_values(void)
{
	struct config c;
	struct err e;

	CHECK_INT(load(&c, "set content_language FR", &e), 0);
	CHECK_STR(config_str(&c, NULL, "content_language"), "fr");
	config_done(&c);
	CHECK_LOAD_ERR("set content_language es",
	    "config:1: 'content_language' must be one of auto, nl, fr, de, "
	    "en, not 'es'");
}

static void
test_empty_string_unsets(void)
{
	struct config c;
	struct account *a;
	struct err e;

	CHECK_INT(load(&c, "set client_id global\nset log_file ''\n"
	    "account a\nset client_id ''\n", &e), 0);
	a = config_account(&c, "a", &e);
	CHECK(a != NULL);
	CHECK_STR(config_str(&c, NULL, "client_id"), "global");
	CHECK(config_str(&c, a, "client_id") == NULL);
	CHECK(config_str(&c, NULL, "log_file") == NULL);
	config_done(&c);
}

/* Accounts ----------------------------------------------------------------- */

static void
test_account_override_and_fallback(void)
{
	struct config c;
	struct account *a, *b;
	struct err e;

	CHECK_INT(load(&c,
	    "set page_size 50\n"
	    "set client_id shared\n"
	    "account a\n"
	    "  set page_size 20\n"
	    "  set registry_url https://r.example/\n"
	    "account b\n"
	    "  set provider_url https://p.example/\n", &e), 0);
	CHECK_INT(c.n_accounts, 2);
	a = config_account(&c, "a", &e);
	b = config_account(&c, "b", &e);
	CHECK(a != NULL && b != NULL);
	CHECK_STR(a->name, "a");
	CHECK_INT(config_int(&c, a, "page_size"), 20);
	CHECK_INT(config_int(&c, b, "page_size"), 50);
	CHECK_INT(config_int(&c, NULL, "page_size"), 50);
	CHECK_STR(config_str(&c, a, "client_id"), "shared");
	CHECK_STR(config_str(&c, a, "registry_url"), "https://r.example/");
	CHECK(config_str(&c, b, "registry_url") == NULL);
	CHECK(config_str(&c, NULL, "registry_url") == NULL);
	CHECK_STR(config_str(&c, b, "provider_url"), "https://p.example/");
	/* A default shows through both levels. */
	CHECK_INT(config_int(&c, b, "expiring_days"), 15);
	config_done(&c);
}

static void
test_account_continued(void)
{
	struct config c;
	struct account *a;
	struct err e;

	CHECK_INT(load(&c, "account a\nset scope s1\naccount b\n"
	    "account a\nset audience aud\n", &e), 0);
	CHECK_INT(c.n_accounts, 2);
	a = config_account(&c, "a", &e);
	CHECK_STR(config_str(&c, a, "scope"), "s1");
	CHECK_STR(config_str(&c, a, "audience"), "aud");
	config_done(&c);
}

static void
test_account_errors(void)
{
	CHECK_LOAD_ERR("account",
	    "config:1: 'account' takes one name, as in 'account work'");
	CHECK_LOAD_ERR("account a b",
	    "config:1: 'account' takes one name, as in 'account work'");
	CHECK_LOAD_ERR("account ../x",
	    "config:1: account name '../x' may only use letters, digits, "
	    "'.', '_' and '-', and not start with '.' or '-'");
	CHECK_LOAD_ERR("account a/b",
	    "config:1: account name 'a/b' may only use letters, digits, "
	    "'.', '_' and '-', and not start with '.' or '-'");
}

static void
test_account_lookup(void)
{
	struct config c;
	struct account *a;
	struct err e;

	CHECK_INT(load(&c, "account first\naccount second\n", &e), 0);
	a = config_account(&c, NULL, &e);
	CHECK(a != NULL && strcmp(a->name, "first") == 0);
	a = config_account(&c, "second", &e);
	CHECK(a != NULL && strcmp(a->name, "second") == 0);
	err_clear(&e);
	CHECK(config_account(&c, "third", &e) == NULL);
	CHECK_INT(e.code, ERR_CONFIG);
	CHECK(strstr(e.msg, "no account 'third'") != NULL);
	config_done(&c);
}

static void
test_account_default_account(void)
{
	struct config c;
	struct account *a;
	struct err e;

	CHECK_INT(load(&c, "set default_account second\n"
	    "account first\naccount second\n", &e), 0);
	a = config_account(&c, NULL, &e);
	CHECK(a != NULL && strcmp(a->name, "second") == 0);
	a = config_account(&c, "first", &e);    /* a name still wins */
	CHECK(a != NULL && strcmp(a->name, "first") == 0);
	config_done(&c);
	CHECK_INT(load(&c, "set default_account nope\naccount first\n", &e),
	    0);
	err_clear(&e);
	CHECK(config_account(&c, NULL, &e) == NULL);
	CHECK_STR(e.msg, "default_account is 'nope' but no 'account nope' "
	    "block exists");
	config_done(&c);
}

static void
test_account_implicit_default(void)
{
	struct config c;
	struct account *a;
	struct err e;

	/* No account block: the globals are the account. */
	CHECK_INT(load(&c, "set client_id me\n", &e), 0);
	a = config_account(&c, NULL, &e);
	CHECK(a != NULL);
	CHECK_STR(a != NULL ? a->name : NULL, "default");
	CHECK_STR(config_str(&c, a, "client_id"), "me");
	CHECK(config_account(&c, NULL, &e) == a);       /* only one */
	config_done(&c);
}

/* Statements and errors ---------------------------------------------------- */

static void
test_unknown_option(void)
{
	CHECK_LOAD_ERR("set pagesize 5",
	    "config:1: unknown option 'pagesize'; did you mean 'page_size'?");
	CHECK_LOAD_ERR("\n\nset expring_days 5",
	    "config:3: unknown option 'expring_days'; did you mean "
	    "'expiring_days'?");
	CHECK_LOAD_ERR("set zzzzzz 5",
	    "config:1: unknown option 'zzzzzz' (see ebox-tui.conf(5) for the "
	    "list)");
	CHECK_LOAD_ERR("pagesize = 5",
	    "config:1: unknown option 'pagesize'; did you mean 'page_size'?");
}

static void
test_unknown_command(void)
{
	CHECK_LOAD_ERR("# c\n\n\ncolour index red default",
	    "config:4: unknown command 'colour'; did you mean 'color'?");
	CHECK_LOAD_ERR("page_size 50",
	    "config:1: unknown command 'page_size'; did you mean 'set "
	    "page_size ...'?");
	CHECK_LOAD_ERR("frobnicate now",
	    "config:1: unknown command 'frobnicate'");
	CHECK_LOAD_ERR("Set page_size 5",
	    "config:1: unknown command 'Set'; did you mean 'set'?");
}

static void
test_set_errors(void)
{
	CHECK_LOAD_ERR("set",
	    "config:1: 'set' needs an option name and a value");
	CHECK_LOAD_ERR("set client_id",
	    "config:1: 'client_id' needs a value");
	CHECK_LOAD_ERR("set client_id a b",
	    "config:1: 'set client_id' takes one value; put values with "
	    "spaces in quotes");
	CHECK_LOAD_ERR("set x \"open",
	    "config:1: the double quote is never closed");
}

static void
test_first_error_stops(void)
{
	struct config c;
	struct err e;

	CHECK_INT(load(&c, "set page_size 7\nset page_size 0\n"
	    "set page_size 9\n", &e), ERR_CONFIG);
	CHECK_INT(config_int(&c, NULL, "page_size"), 7);
	config_done(&c);
}

static void
test_ui_lines_kept(void)
{
	struct config c;
	struct err e;

	CHECK_INT(load(&c,
	    "bind index j next-entry\n"
	    "set page_size 5\n"
	    "unbind pager q\n"
	    "macro index ,s \"<save-all><exit>\"\n"
	    "color index_new brightwhite default bold\n"
	    "mono indicator reverse\n", &e), 0);
	CHECK_INT(c.n_ui_lines, 5);
	if (c.n_ui_lines == 5) {
		CHECK_STR(c.ui_lines[0].file, "config");
		CHECK_INT(c.ui_lines[0].line, 1);
		CHECK_INT(c.ui_lines[0].argc, 4);
		CHECK_STR(c.ui_lines[0].argv[3], "next-entry");
		CHECK(c.ui_lines[0].argv[4] == NULL);
		CHECK_INT(c.ui_lines[1].line, 3);
		CHECK_STR(c.ui_lines[1].argv[0], "unbind");
		CHECK_STR(c.ui_lines[2].argv[3], "<save-all><exit>");
		CHECK_STR(c.ui_lines[3].argv[0], "color");
		CHECK_INT(c.ui_lines[3].argc, 5);
		CHECK_STR(c.ui_lines[4].argv[0], "mono");
		CHECK_INT(c.ui_lines[4].line, 6);
	}
	/* Not interpreted: a nonsense binding is the UI's to report. */
	config_done(&c);
	CHECK_INT(load(&c, "bind nowhere ?? nothing", &e), 0);
	CHECK_INT(c.n_ui_lines, 1);
	config_done(&c);
}

static void
test_crlf_and_bom(void)
{
	struct config c;
	struct err e;

	CHECK_INT(load(&c, "\xef\xbb\xbfset page_size 8\r\nset scope 'a b'\r\n",
	    &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 8);
	CHECK_STR(config_str(&c, NULL, "scope"), "a b");
	config_done(&c);
}

static void
test_load_string_null(void)
{
	struct config c;
	struct err e;

	config_init(&c);
	CHECK_INT(config_load_string(&c, NULL, NULL, &e), 0);
	CHECK_INT(config_load_string(&c, "x", "", &e), 0);
	config_done(&c);
}

/* Files and source --------------------------------------------------------- */

static void
test_load_file(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("plain.conf");

	write_tmp("plain.conf", "set page_size 33\nbind index x quit\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 33);
	CHECK_STR(c.path, p);
	CHECK_STR(c.ui_lines[0].file, p);
	config_done(&c);
	free(p);
}

static void
test_load_missing(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("missing.conf"), want[512];

	config_init(&c);
	err_clear(&e);
	CHECK_INT(config_load(&c, p, &e), ERR_CONFIG);
	snprintf(want, sizeof want, "cannot read %s: No such file or directory",
	    p);
	CHECK_STR(e.msg, want);
	CHECK_INT(config_load(&c, NULL, &e), ERR_CONFIG);
	config_done(&c);
	free(p);
}

static void
test_load_file_error_location(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("bad.conf"), want[512];

	write_tmp("bad.conf", "# header\nset page_size 500\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), ERR_CONFIG);
	snprintf(want, sizeof want,
	    "%s:2: 'page_size' must be a number from 1 to 100", p);
	CHECK_STR(e.msg, want);
	config_done(&c);
	free(p);
}

static void
test_source_relative(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("main.conf"), *sub = tmp_path("sub");
	const struct opt_value *v;
	char want[512];

	mkdir(sub, 0700);
	write_tmp("main.conf", "set page_size 1\nsource sub/extra.conf\n"
	    "set max_retries 2\n");
	/* more.conf is found next to extra.conf, not next to main.conf. */
	write_tmp("sub/extra.conf", "set page_size 7\nsource more.conf\n");
	write_tmp("sub/more.conf", "\nset expiring_days 9\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 7);
	CHECK_INT(config_int(&c, NULL, "expiring_days"), 9);
	CHECK_INT(config_int(&c, NULL, "max_retries"), 2);
	v = &c.values[config_option_find("expiring_days") - config_options];
	snprintf(want, sizeof want, "%s/sub/more.conf", tmp_root);
	CHECK_STR(v->file, want);
	CHECK_INT(v->line, 2);
	CHECK_STR(c.path, p);
	config_done(&c);
	free(sub);
	free(p);
}

static void
test_source_in_account(void)
{
	struct config c;
	struct account *a;
	struct err e;
	char *p = tmp_path("acct.conf");

	write_tmp("acct.conf", "account work\nsource acct-secrets.conf\n"
	    "set scope after\n");
	write_tmp("acct-secrets.conf", "set client_id secret-id\n"
	    "account other\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), 0);
	a = config_account(&c, "work", &e);
	CHECK(a != NULL);
	CHECK_STR(config_str(&c, a, "client_id"), "secret-id");
	CHECK(config_str(&c, NULL, "client_id") == NULL);
	/* Back in the including file, the account block it was in goes on. */
	CHECK_STR(config_str(&c, a, "scope"), "after");
	CHECK_INT(c.n_accounts, 2);
	config_done(&c);
	free(p);
}

static void
test_source_error_inside(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("outer.conf"), want[512];

	write_tmp("outer.conf", "source inner.conf\n");
	write_tmp("inner.conf", "set page_size 1\nset nonsense 1\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), ERR_CONFIG);
	/* The line named is the bad one, not the source line. */
	snprintf(want, sizeof want, "%s/inner.conf:2: unknown option "
	    "'nonsense' (see ebox-tui.conf(5) for the list)", tmp_root);
	CHECK_STR(e.msg, want);
	config_done(&c);
	free(p);
}

static void
test_source_missing(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("src-missing.conf"), want[512];

	write_tmp("src-missing.conf", "\nsource nope.conf\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), ERR_CONFIG);
	snprintf(want, sizeof want, "%s:2: cannot read %s/nope.conf: No such "
	    "file or directory", p, tmp_root);
	CHECK_STR(e.msg, want);
	config_done(&c);
	free(p);
}

static void
test_source_loop(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("loop-a.conf"), want[512];

	write_tmp("loop-a.conf", "set page_size 1\nsource loop-b.conf\n");
	write_tmp("loop-b.conf", "source loop-a.conf\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), ERR_CONFIG);
	snprintf(want, sizeof want, "%s/loop-b.conf:1: %s/loop-a.conf is "
	    "already being read (a source loop)", tmp_root, tmp_root);
	CHECK_STR(e.msg, want);
	config_done(&c);
	free(p);
}

static void
test_source_self(void)
{
	struct config c;
	struct err e;
	char *p = tmp_path("self.conf"), want[512];

	write_tmp("self.conf", "source ./self.conf\n");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), ERR_CONFIG);
	snprintf(want, sizeof want, "%s:1: %s/./self.conf is already being "
	    "read (a source loop)", p, tmp_root);
	CHECK_STR(e.msg, want);
	config_done(&c);
	free(p);
}

static void
test_source_depth(void)
{
	struct config c;
	struct err e;
	char name[32], text[64], *p, want[512];
	int i;

	/* d0 sources d1 ... up to d10: d8 is the last one allowed. */
	for (i = 0; i <= 10; i++) {
		snprintf(name, sizeof name, "d%d.conf", i);
		snprintf(text, sizeof text, "source d%d.conf\n", i + 1);
		write_tmp(name, text);
	}
	p = tmp_path("d0.conf");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), ERR_CONFIG);
	snprintf(want, sizeof want, "%s/d8.conf:1: cannot source 'd9.conf': "
	    "files are nested more than 8 deep", tmp_root);
	CHECK_STR(e.msg, want);
	config_done(&c);
	free(p);

	/* Exactly 8 levels is fine. */
	write_tmp("d8.conf", "set page_size 8\n");
	p = tmp_path("d0.conf");
	config_init(&c);
	CHECK_INT(config_load(&c, p, &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 8);
	config_done(&c);
	free(p);
}

/* The public setter and programming errors --------------------------------- */

static void
test_config_set(void)
{
	struct config c;
	struct account *a;
	struct err e;

	CHECK_INT(load(&c, "account a\n", &e), 0);
	a = config_account(&c, "a", &e);
	CHECK_INT(config_set(&c, NULL, "page_size", "12", &e), 0);
	CHECK_INT(config_set(&c, a, "page_size", "13", &e), 0);
	CHECK_INT(config_int(&c, NULL, "page_size"), 12);
	CHECK_INT(config_int(&c, a, "page_size"), 13);
	CHECK_INT(config_set(&c, a, "page_size", NULL, &e), 0);  /* unset */
	CHECK_INT(config_int(&c, a, "page_size"), 12);
	err_clear(&e);
	CHECK_INT(config_set(&c, NULL, "page_size", "0", &e), ERR_CONFIG);
	CHECK_STR(e.msg, "'page_size' must be a number from 1 to 100");
	CHECK_INT(config_int(&c, NULL, "page_size"), 12);
	CHECK_INT(config_set(&c, NULL, "frobnicate", "x", &e), ERR_CONFIG);
	CHECK_STR(e.msg, "unknown option 'frobnicate' (see ebox-tui.conf(5) "
	    "for the list)");
	CHECK_INT(config_set(&c, NULL, "colour", "x", &e), ERR_CONFIG);
	CHECK_STR(e.msg, "unknown option 'colour'; did you mean 'color'?");
	config_done(&c);
}

/* Runs fn in a child and tells whether it died of SIGABRT. */
static int
aborts(void (*fn)(void))
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		freopen("/dev/null", "w", stderr);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void
lookup_unknown(void)
{
	struct config c;

	config_init(&c);
	config_str(&c, NULL, "no_such_option");
	config_done(&c);
}

static void
lookup_wrong_type(void)
{
	struct config c;

	config_init(&c);
	config_int(&c, NULL, "client_id");
	config_done(&c);
}

static void
lookup_known(void)
{
	struct config c;

	config_init(&c);
	config_int(&c, NULL, "page_size");
	config_done(&c);
}

static void
test_lookup_programming_errors(void)
{
	CHECK(aborts(lookup_unknown));
	CHECK(aborts(lookup_wrong_type));
	CHECK(!aborts(lookup_known));
}

/* The manual --------------------------------------------------------------- */

/* doc/ebox-tui.conf.5 from $srcdir, or NULL when it cannot be read. */
static char *
read_man_page(void)
{
	const char *srcdir = getenv("srcdir");
	char path[4096], *text;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/doc/ebox-tui.conf.5",
	    srcdir != NULL ? srcdir : ".");
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc(1, (size_t)n + 1);
	if (text == NULL || fread(text, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	return text;
}

static void
test_man_page_lists_every_option(void)
{
	char *man = read_man_page(), entry[128];
	size_t i;

	CHECK(man != NULL);
	if (man == NULL)
		return;
	for (i = 0; i < config_n_options; i++) {
		snprintf(entry, sizeof entry, "\n.It Ic %s ",
		    config_options[i].name);
		if (strstr(man, entry) == NULL) {
			fprintf(stderr, "option %s is not in ebox-tui.conf.5\n",
			    config_options[i].name);
			CHECK(strstr(man, entry) != NULL);
		}
	}
	free(man);
}

static void
test_man_page_example_parses(void)
{
	char *man = read_man_page(), *start, *end;
	struct config c;
	struct account *a;
	struct err e;

	CHECK(man != NULL);
	if (man == NULL)
		return;
	start = strstr(man, ".Sh EXAMPLES");
	start = start != NULL ? strstr(start, ".Bd -literal") : NULL;
	start = start != NULL ? strchr(start, '\n') : NULL;
	end = start != NULL ? strstr(start, "\n.Ed") : NULL;
	CHECK(end != NULL);
	if (end == NULL) {
		free(man);
		return;
	}
	*end = '\0';
	setenv("HOME", "/home/u", 1);
	CHECK_INT(load(&c, start + 1, &e), 0);
	CHECK_STR(e.msg, "");
	CHECK_INT(c.n_accounts, 2);
	a = config_account(&c, NULL, &e);
	CHECK_STR(a != NULL ? a->name : NULL, "company");
	CHECK_INT(config_int(&c, a, "page_size"), 100);
	CHECK_STR(config_str(&c, a, "key_file"),
	    "/home/u/.config/ebox-tui/company.pem");
	a = config_account(&c, "home", &e);
	CHECK_INT(config_int(&c, a, "page_size"), 50);
	CHECK_INT(config_int(&c, a, "expiring_days"), 30);
	CHECK_INT(c.n_ui_lines, 2);
	config_done(&c);
	free(man);
}

static void
cleanup(const char *dir)
{
	test_remove_tree(dir);
}

int
main(void)
{
	int r;

	if (mkdtemp(tmp_root) == NULL)
		abort();
	RUN(test_split_null_blank_comment);
	RUN(test_split_words);
	RUN(test_split_comments);
	RUN(test_split_double_quotes);
	RUN(test_split_single_quotes);
	RUN(test_split_empty_and_adjacent);
	RUN(test_split_unterminated);
	RUN(test_table_rows);
	RUN(test_table_required_rows);
	RUN(test_option_find_unknown);
	RUN(test_defaults);
	RUN(test_set_forms);
	RUN(test_set_records_where);
	RUN(test_last_set_wins);
	RUN(test_path_expands_home);
	RUN(test_bool_values);
	RUN(test_bool_invalid);
	RUN(test_int_bounds);
	RUN(test_int_invalid);
	RUN(test_enum_values);
	RUN(test_empty_string_unsets);
	RUN(test_account_override_and_fallback);
	RUN(test_account_continued);
	RUN(test_account_errors);
	RUN(test_account_lookup);
	RUN(test_account_default_account);
	RUN(test_account_implicit_default);
	RUN(test_unknown_option);
	RUN(test_unknown_command);
	RUN(test_set_errors);
	RUN(test_first_error_stops);
	RUN(test_ui_lines_kept);
	RUN(test_crlf_and_bom);
	RUN(test_load_string_null);
	RUN(test_load_file);
	RUN(test_load_missing);
	RUN(test_load_file_error_location);
	RUN(test_source_relative);
	RUN(test_source_in_account);
	RUN(test_source_error_inside);
	RUN(test_source_missing);
	RUN(test_source_loop);
	RUN(test_source_self);
	RUN(test_source_depth);
	RUN(test_config_set);
	RUN(test_lookup_programming_errors);
	RUN(test_man_page_lists_every_option);
	RUN(test_man_page_example_parses);
	r = TEST_DONE();
	cleanup(tmp_root);
	return r;
}
