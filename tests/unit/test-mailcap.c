/* test-mailcap.c - mailcap files and commands; documents as text (doctext). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebox/doctext.h"
#include "ebox/err.h"
#include "ebox/mailcap.h"
#include "ebox/spawn.h"
#include "test.h"

static char tmp_root[] = "/tmp/ebox-test-mailcap.XXXXXX";

static char *
path_in(const char *name)
{
	return test_path(tmp_root, name);
}

#define write_file test_write_file

/* Writes NAME in the temp dir; returns its path (caller frees). */
static char *
make_file(const char *name, const char *text)
{
	char *p = path_in(name);

	write_file(p, text, strlen(text));
	return p;
}

static int
exists(const char *name)
{
	char *p = path_in(name);
	struct stat st;
	int r = stat(p, &st) == 0;

	free(p);
	return r;
}

static void
load(struct mailcap *mc, const char *text)
{
	memset(mc, 0, sizeof *mc);
	mailcap_load_text(mc, "test.mailcap", text, strlen(text));
}

/* The command find() picks for type, or NULL. */
static const char *
found(const struct mailcap *mc, const char *type, enum mailcap_want want)
{
	struct mailcap_entry *en;

	if (mailcap_find(mc, type, want, &en) != 0) {
		CHECK(en == NULL);
		return NULL;
	}
	return en->command;
}

/* Runs a command line in the temp dir; its stdout or NULL on failure. */
static char *
run(const char *cmd, const char *stdin_path)
{
	struct spawn_opts o = { .shell = cmd, .max_output = 65536,
	    .cwd = tmp_root, .stdin_path = stdin_path };
	struct spawn_result r;
	struct err e;
	char *out = NULL;

	if (spawn_run(&o, &r, &e) == 0)
		out = strdup(r.out.data != NULL ? r.out.data : "");
	else
		fprintf(stderr, "  run: %s\n", e.msg);
	spawn_result_done(&r);
	return out;
}

static void
test_parse_basic(void)
{
	struct mailcap mc;

	load(&mc,
	    "# a comment\n"
	    "\n"
	    "   # an indented comment\n"
	    "application/pdf; evince %s; test=test -n \"$DISPLAY\"; "
	    "description=PDF \\; document; nametemplate=%s.pdf\n"
	    "Text/HTML ; w3m -T text/html -dump %s ; copiousoutput ;"
	    " NeedsTerminal ; x-unknown=1; compose=foo %s\n"
	    "text/plain; less\r\n");
	CHECK_INT(mc.n, 3);
	CHECK_INT(mc.skipped, 0);
	CHECK_STR(mc.warning, "");
	if (mc.n == 3) {
		CHECK_STR(mc.entries[0].type, "application/pdf");
		CHECK_STR(mc.entries[0].command, "evince %s");
		CHECK_STR(mc.entries[0].test, "test -n \"$DISPLAY\"");
		CHECK_STR(mc.entries[0].description, "PDF ; document");
		CHECK_STR(mc.entries[0].nametemplate, "%s.pdf");
		CHECK_INT(mc.entries[0].flags, 0);
		CHECK_INT(mc.entries[0].line, 4);
		CHECK_STR(mc.entries[0].file, "test.mailcap");
		CHECK_STR(mc.entries[1].type, "text/html");
		CHECK_STR(mc.entries[1].command, "w3m -T text/html -dump %s");
		CHECK_INT(mc.entries[1].flags,
		    MAILCAP_COPIOUSOUTPUT | MAILCAP_NEEDSTERMINAL);
		CHECK(mc.entries[1].test == NULL);
		CHECK_STR(mc.entries[2].command, "less");
		CHECK_INT(mc.entries[2].flags, MAILCAP_STDIN);
	}
	mailcap_done(&mc);
}

static void
test_stdin_flag(void)
{
	struct mailcap mc;

	load(&mc, "a/b; less %s\n" "a/c; less\n" "a/d; printf %%s\n"
	    "a/e; echo \\%s\n");
	CHECK_INT(mc.n, 4);
	if (mc.n == 4) {
		CHECK_INT(mc.entries[0].flags & MAILCAP_STDIN, 0);
		CHECK(mc.entries[1].flags & MAILCAP_STDIN);
		CHECK(mc.entries[2].flags & MAILCAP_STDIN);     /* %% */
		CHECK(mc.entries[3].flags & MAILCAP_STDIN);     /* \% */
	}
	mailcap_done(&mc);
}

static void
test_continuation(void)
{
	struct mailcap mc;

	load(&mc,
	    "text/html; w3m -dump \\\n"
	    "  -T text/html %s; \\\n"
	    "   copiousoutput\n"
	    "text/plain; cat %s\n"
	    "image/png; display %s; \\");       /* a last line ending in \ */
	CHECK_INT(mc.n, 3);
	if (mc.n == 3) {
		CHECK_STR(mc.entries[0].command,
		    "w3m -dump   -T text/html %s");
		CHECK_INT(mc.entries[0].flags, MAILCAP_COPIOUSOUTPUT);
		CHECK_INT(mc.entries[1].line, 4);
		CHECK_STR(mc.entries[2].command, "display %s");
	}
	mailcap_done(&mc);
}

static void
test_malformed_skipped(void)
{
	struct mailcap mc;
	char *text, *longline;
	size_t n = MAILCAP_LINE_MAX + 100;

	longline = malloc(n + 1);
	text = malloc(2 * n + 512);
	if (longline == NULL || text == NULL)
		abort();
	memset(longline, 'x', n);
	memcpy(longline, "text/x-long; ", 13);
	longline[n] = '\0';
	sprintf(text,
	    "text/plain; ok1 %%s\n"
	    "no-semicolon-here\n"
	    "; command-without-type\n"
	    "bad/type/x; cmd\n"
	    "text/ev\x1bil; cmd\n"
	    "text/empty;   ;copiousoutput\n"
	    "%s\n"
	    "text/html; ok2 %%s\n"
	    "  # %s\n", longline, longline);  /* a long comment is fine */
	load(&mc, text);
	CHECK_INT(mc.n, 2);
	CHECK_INT(mc.skipped, 6);
	CHECK_STR(mc.warning, "test.mailcap:2: no command after the type");
	if (mc.n == 2) {
		CHECK_STR(mc.entries[0].command, "ok1 %s");
		CHECK_STR(mc.entries[1].command, "ok2 %s");
		CHECK_INT(mc.entries[1].line, 8);
	}
	mailcap_done(&mc);

	load(&mc, "text/plain; a\n" "text/\n" "text/html; b\n");
	CHECK_INT(mc.n, 2);
	CHECK_STR(mc.warning, "test.mailcap:2: no command after the type");
	mailcap_done(&mc);
	load(&mc, "*/; a\n");
	CHECK_INT(mc.n, 0);
	CHECK_STR(mc.warning, "test.mailcap:1: '*/' is not a media type");
	mailcap_done(&mc);
	free(text);
	free(longline);
}

static void
test_entries_capped(void)
{
	struct mailcap mc;
	size_t total = MAILCAP_ENTRIES_MAX + 100, i;
	char *text = malloc(total * 32), *p = text;

	if (text == NULL)
		abort();
	for (i = 0; i < total; i++)
		p += sprintf(p, "x/t%zu; cat %%s\n", i);
	load(&mc, text);
	CHECK_INT(mc.n, MAILCAP_ENTRIES_MAX);
	CHECK_INT(mc.skipped, 100);
	mailcap_done(&mc);
	free(text);
}

static void
test_wildcard(void)
{
	struct mailcap mc;

	load(&mc, "text/html; html-viewer %s\n" "text/*; text-viewer %s\n"
	    "image; image-viewer %s\n");
	CHECK_STR(found(&mc, "text/html", MAILCAP_VIEW), "html-viewer %s");
	CHECK_STR(found(&mc, "TEXT/HTML; charset=UTF-8", MAILCAP_VIEW),
	    "html-viewer %s");
	CHECK_STR(found(&mc, "text/x-whatever", MAILCAP_VIEW),
	    "text-viewer %s");
	CHECK_STR(found(&mc, "image/png", MAILCAP_VIEW), "image-viewer %s");
	CHECK_STR(found(&mc, "textual/plain", MAILCAP_VIEW), NULL);
	CHECK_STR(found(&mc, "application/pdf", MAILCAP_VIEW), NULL);
	CHECK_STR(found(&mc, "", MAILCAP_VIEW), NULL);
	CHECK_STR(found(NULL, "text/html", MAILCAP_VIEW), NULL);
	mailcap_done(&mc);

	/* File order decides, also for a wildcard before an exact type. */
	load(&mc, "text/*; any %s\n" "text/html; exact %s\n");
	CHECK_STR(found(&mc, "text/html", MAILCAP_VIEW), "any %s");
	mailcap_done(&mc);
}

static void
test_precedence_files(void)
{
	char *a = make_file("a.mailcap", "application/pdf; from-a %s\n");
	char *b = make_file("b.mailcap",
	    "application/pdf; from-b %s\ntext/plain; b-text %s\n");
	char *missing = path_in("missing.mailcap");
	const char *ab[] = { missing, a, b, NULL };
	const char *ba[] = { b, a, NULL };
	char *envlist;
	struct mailcap mc;

	mailcap_load(&mc, ab);
	CHECK_INT(mc.n, 3);
	CHECK_STR(found(&mc, "application/pdf", MAILCAP_VIEW), "from-a %s");
	CHECK_STR(found(&mc, "text/plain", MAILCAP_VIEW), "b-text %s");
	mailcap_done(&mc);
	mailcap_load(&mc, ba);
	CHECK_STR(found(&mc, "application/pdf", MAILCAP_VIEW), "from-b %s");
	mailcap_done(&mc);

	/* $MAILCAPS, colon-separated, when no list is given. */
	envlist = malloc(strlen(a) + strlen(b) + strlen(missing) + 8);
	if (envlist == NULL)
		abort();
	sprintf(envlist, "%s::%s:%s", b, missing, a);
	setenv("MAILCAPS", envlist, 1);
	mailcap_load(&mc, NULL);
	CHECK_INT(mc.n, 3);
	CHECK_STR(found(&mc, "application/pdf", MAILCAP_VIEW), "from-b %s");
	if (mc.n == 3)
		CHECK_STR(mc.entries[2].file, a);
	mailcap_done(&mc);

	/* Without it, ~/.mailcap comes first. */
	{
		char *home_mc = make_file(".mailcap",
		    "application/pdf; from-home %s\n");
		char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

		unsetenv("MAILCAPS");
		setenv("HOME", tmp_root, 1);
		mailcap_load(&mc, NULL);
		CHECK(mc.n >= 1);
		CHECK_STR(found(&mc, "application/pdf", MAILCAP_VIEW),
		    "from-home %s");
		mailcap_done(&mc);
		if (old_home != NULL)
			setenv("HOME", old_home, 1);
		free(old_home);
		free(home_mc);
	}
	free(envlist);
	free(a);
	free(b);
	free(missing);
}

static void
test_copiousoutput(void)
{
	struct mailcap mc;

	load(&mc, "text/html; w3m -dump %s; copiousoutput\n"
	    "text/html; firefox %s\n" "image/png; img2txt %s; copiousoutput\n");
	CHECK_STR(found(&mc, "text/html", MAILCAP_VIEW), "firefox %s");
	CHECK_STR(found(&mc, "text/html", MAILCAP_TEXT), "w3m -dump %s");
	/* VIEW falls back to a copiousoutput entry when there is no other. */
	CHECK_STR(found(&mc, "image/png", MAILCAP_VIEW), "img2txt %s");
	mailcap_done(&mc);

	load(&mc, "text/html; firefox %s\n");
	CHECK_STR(found(&mc, "text/html", MAILCAP_TEXT), NULL);
	mailcap_done(&mc);
}

static void
test_test_field(void)
{
	struct mailcap mc;
	char *count = path_in("count");
	char *text = malloc(strlen(count) * 2 + 256);
	char *out;

	if (text == NULL)
		abort();
	sprintf(text,
	    "text/html; never %%s; test=false\n"
	    "text/html; counted %%s; test=echo x >> '%s' \\; true\n"
	    "text/html; last %%s\n"
	    "text/plain; typed %%s; test=test %%t = text/plain\n", count);
	load(&mc, text);
	CHECK_INT(mc.n, 4);
	CHECK_STR(found(&mc, "text/html", MAILCAP_VIEW), "counted %s");
	CHECK_STR(found(&mc, "text/html", MAILCAP_VIEW), "counted %s");
	CHECK_STR(found(&mc, "text/html", MAILCAP_VIEW), "counted %s");
	if (mc.n == 4) {
		CHECK_INT(mc.entries[0].test_result, -1);
		CHECK_INT(mc.entries[1].test_result, 1);
	}
	out = run("cat count", NULL);
	CHECK_STR(out, "x\n");          /* ran once: the result is cached */
	free(out);
	CHECK_STR(found(&mc, "text/plain", MAILCAP_VIEW), "typed %s");
	mailcap_done(&mc);
	free(text);
	free(count);
}

static void
test_command_expand(void)
{
	struct mailcap mc;
	char *cmd;

	load(&mc,
	    "text/plain; view %s --type=%t 100%% \\; done %z\n"
	    "text/plain; iconv -f %{charset} -t UTF-8 %s%{none}\n"
	    "text/plain; echo '%s' \"%s\" \\\\%s\n"
	    "text/plain; echo a\\;b %s\n");
	CHECK_INT(mc.n, 4);
	if (mc.n != 4) {
		mailcap_done(&mc);
		return;
	}
	cmd = mailcap_command(&mc.entries[0], "/tmp/a b", "Text/Plain; x=y",
	    NULL);
	CHECK_STR(cmd, "view '/tmp/a b' --type='text/plain' 100% ; done %z");
	free(cmd);
	cmd = mailcap_command(&mc.entries[1], "/x",
	    "text/plain; format=flowed; CHARSET=\"ISO-8859-1\"", NULL);
	CHECK_STR(cmd, "iconv -f 'ISO-8859-1' -t UTF-8 '/x'''");
	free(cmd);
	/* A '\' left active just before %s would unquote it: refused. */
	cmd = mailcap_command(&mc.entries[2], "/x", "text/plain", NULL);
	CHECK_STR(cmd, NULL);
	free(cmd);
	cmd = mailcap_command(&mc.entries[3], "/p", "text/plain", NULL);
	CHECK_STR(cmd, "echo a;b '/p'");
	free(cmd);
	cmd = mailcap_command(&mc.entries[3], "-rf", "text/plain", NULL);
	CHECK_STR(cmd, "echo a;b './-rf'");
	free(cmd);
	{
		size_t n = MAILCAP_COMMAND_MAX + 10;
		char *huge = malloc(n + 1);

		if (huge == NULL)
			abort();
		memset(huge, 'a', n);
		huge[0] = '/';
		huge[n] = '\0';
		cmd = mailcap_command(&mc.entries[3], huge, "text/plain", NULL);
		CHECK_STR(cmd, NULL);
		free(cmd);
		free(huge);
	}
	mailcap_done(&mc);
}

/* A hostile file name and type, through every way an author may have
 * quoted %s: the file is read, nothing else is run. */
static void
test_hostile_name(void)
{
	static const char *const templates[] = {
		"cat %s", "cat '%s'", "cat \"%s\"", "cat -- %s # %T",
		"x=%s\\; cat \"$x\"", "cat < %s", "true -cols 80 %s >/dev/null"
		" \\; cat %s", NULL,
	};
	/* Templates the shell reads twice: a hostile name is refused. */
	static const char *const reparsed[] = {
		"cat \"$(printf %%s %s)\"", "cat `echo '%s'`",
		"sh -c 'cat %s'", "eval cat %s", "sh -c \"cat %s\"", NULL,
	};
	const char *name = "it's $(touch pwned1) `touch pwned2` \"q\" "
	    "'$(touch pwned3)' \\ $HOME; touch pwned4 .txt";
	const char *type = "text/x-$(touch pwned5)'`touch pwned6`";
	char *path = path_in(name), *plain = path_in("plain-name.txt");
	char *out, *cmd, *text;
	struct mailcap mc;
	size_t i;

	write_file(path, "SECRET\n", 7);
	write_file(plain, "PLAIN\n", 6);
	for (i = 0; templates[i] != NULL; i++) {
		text = malloc(strlen(templates[i]) + 32);
		if (text == NULL)
			abort();
		sprintf(text, "text/*; %s\n", templates[i]);
		load(&mc, text);
		CHECK_INT(mc.n, 1);
		if (mc.n == 1) {
			cmd = mailcap_command(&mc.entries[0], path, type, NULL);
			CHECK(cmd != NULL);
			out = cmd != NULL ? run(cmd, NULL) : NULL;
			CHECK_STR(out, "SECRET\n");
			if (out == NULL || strcmp(out, "SECRET\n") != 0)
				fprintf(stderr, "  template %s -> %s\n",
				    templates[i], cmd);
			free(out);
			free(cmd);
		}
		mailcap_done(&mc);
		free(text);
	}
	for (i = 0; reparsed[i] != NULL; i++) {
		text = malloc(strlen(reparsed[i]) + 32);
		if (text == NULL)
			abort();
		sprintf(text, "text/*; %s\n", reparsed[i]);
		load(&mc, text);
		CHECK_INT(mc.n, 1);
		if (mc.n == 1) {
			cmd = mailcap_command(&mc.entries[0], path, "text/plain",
			    NULL);
			CHECK_STR(cmd, NULL);
			free(cmd);
			cmd = mailcap_command(&mc.entries[0], plain,
			    "text/plain", NULL);
			out = cmd != NULL ? run(cmd, NULL) : NULL;
			CHECK_STR(out, "PLAIN\n");
			free(out);
			free(cmd);
		}
		mailcap_done(&mc);
		free(text);
	}
	/* %t from the server: a hostile type is never put in a command. */
	load(&mc, "text/*; cat -- %s # %t\n");
	if (mc.n == 1) {
		cmd = mailcap_command(&mc.entries[0], path, type, NULL);
		CHECK_STR(cmd, NULL);
		free(cmd);
	}
	mailcap_done(&mc);
	CHECK(!exists("pwned1"));
	CHECK(!exists("pwned2"));
	CHECK(!exists("pwned3"));
	CHECK(!exists("pwned4"));
	CHECK(!exists("pwned5"));
	CHECK(!exists("pwned6"));
	unlink(path);
	free(path);
	free(plain);
}

/* Finding 3 of the security review: a mediaType parameter chosen by the
 * sender ran as a command through templates that hand the line to a
 * second shell the old check did not know (sh -ec, bash -lc, ssh).  Now
 * every %t and %{param} must be a plain token, whatever the template. */
static void
test_server_values_are_tokens(void)
{
	static const char *const templates[] = {
		"sh -ec \"iconv -f %{charset} -t UTF-8 %s\"",
		"bash -lc 'w3m -T %t -I %{charset} %s'",
		"ssh host cat %s %{charset}",
		"cat %s # %{name}",
		NULL,
	};
	static const char *const hostile[] = {
		"text/html; charset=\"$(touch pwned-mc1)\"",
		"text/html; charset=utf-8;name=';touch pwned-mc2;'",
		"text/x-`touch pwned-mc3`; charset=utf-8",
		"text/html; charset=\"a b\"",
		"text/html; charset=utf-8`id`",
		NULL,
	};
	struct mailcap mc;
	struct err e;
	char *cmd, *line;
	size_t i, j;

	for (i = 0; templates[i] != NULL; i++) {
		line = malloc(strlen(templates[i]) + 16);
		if (line == NULL)
			abort();
		sprintf(line, "text/*; %s\n", templates[i]);
		load(&mc, line);
		CHECK_INT(mc.n, 1);
		for (j = 0; mc.n == 1 && hostile[j] != NULL; j++) {
			err_clear(&e);
			cmd = mailcap_command(&mc.entries[0], "/tmp/x", hostile[j],
			    &e);
			if (cmd != NULL && (strchr(cmd, '$') != NULL ||
			    strchr(cmd, '`') != NULL || strchr(cmd, ';') != NULL))
				fprintf(stderr, "  %s + %s -> %s\n", templates[i],
				    hostile[j], cmd);
			/* Either refused, or the value was absent (%{name}
			 * of a type without it) and nothing hostile got in. */
			CHECK(cmd == NULL || (strstr(cmd, "touch") == NULL &&
			    strstr(cmd, "`") == NULL));
			if (cmd == NULL)
				CHECK(strstr(e.msg, "plain") != NULL);
			free(cmd);
		}
		/* An honest type still works. */
		cmd = mailcap_command(&mc.entries[0], "/tmp/x",
		    "text/html; charset=ISO-8859-1; name=report.html", NULL);
		CHECK(cmd != NULL);
		free(cmd);
		mailcap_done(&mc);
		free(line);
	}
	CHECK(!exists("pwned-mc1"));
	CHECK(!exists("pwned-mc2"));
	CHECK(!exists("pwned-mc3"));
}

/* --- doctext ------------------------------------------------------- */

static void
test_doctext_csv(void)
{
	const char *csv = "name;amount;\"note, quoted\"\r\nAnaïs;12,50;\"a;b\"\r\n";
	char *p = make_file("data.csv", csv), *text;
	size_t len;
	struct err e;

	CHECK_INT(doctext_convert(p, "Text/CSV; charset=utf-8", NULL, &text,
	    &len, &e), 0);
	CHECK_STR(text, csv);
	CHECK_INT(len, strlen(csv));
	free(text);
	free(p);
}

static void
test_doctext_repair(void)
{
	static const char bad[] = "caf\xe9 ok\n\x00nul\xff\n";
	static const char want[] = "caf\xef\xbf\xbd ok\n\xef\xbf\xbdnul"
	    "\xef\xbf\xbd\n";
	char *p = path_in("bad.txt"), *text;
	size_t len;
	struct err e;

	write_file(p, bad, sizeof bad - 1);
	CHECK_INT(doctext_convert(p, "text/plain", NULL, &text, &len, &e), 0);
	CHECK_INT(len, sizeof want - 1);
	CHECK(text != NULL && memcmp(text, want, sizeof want) == 0);
	free(text);
	unlink(p);
	CHECK_INT(doctext_convert(p, "text/plain", NULL, &text, &len, &e),
	    ERR_NOTFOUND);
	CHECK(text == NULL);
	free(p);
}

static void
test_doctext_toobig(void)
{
	char *p = path_in("big.txt"), *text;
	size_t n = DOCTEXT_MAX + 1, len;
	char *data = malloc(n);
	struct err e;

	if (data == NULL)
		abort();
	memset(data, 'a', n);
	write_file(p, data, n);
	CHECK_INT(doctext_convert(p, "text/plain", NULL, &text, &len, &e),
	    ERR_TOOBIG);
	CHECK_STR(e.msg, "the document is larger than 8 MiB");
	unlink(p);
	free(data);
	free(p);
}

static void
test_doctext_html_mailcap(void)
{
	const char *html = "<p>Bonjour &amp; bienvenue</p>\n";
	char *p = make_file("page.html", html), *text;
	struct mailcap mc;
	size_t len;
	struct err e;

	load(&mc, "text/html; firefox %s\n" "text/html; cat %s; copiousoutput\n");
	CHECK_INT(doctext_convert(p, "text/html; charset=utf-8", &mc, &text,
	    &len, &e), 0);
	CHECK_STR(text, html);
	free(text);
	mailcap_done(&mc);

	/* No %s: the file goes on stdin. */
	load(&mc, "text/html; sed s/Bonjour/Salut/; copiousoutput\n");
	CHECK_INT(doctext_convert(p, "text/html", &mc, &text, &len, &e), 0);
	CHECK_STR(text, "<p>Salut &amp; bienvenue</p>\n");
	free(text);
	mailcap_done(&mc);

	/* A converter that fails says so. */
	load(&mc, "text/html; cat /nonexistent/ebox %s; copiousoutput\n");
	CHECK_INT(doctext_convert(p, "text/html", &mc, &text, &len, &e),
	    ERR_IO);
	CHECK(strncmp(e.msg, "the text converter for text/html exited with "
	    "status 1: ", 51) == 0);
	CHECK(strstr(e.msg, "/nonexistent/ebox") != NULL);
	CHECK(text == NULL);
	mailcap_done(&mc);

	/* Only a viewer, or no mailcap at all: no way. */
	load(&mc, "text/html; firefox %s\n");
	CHECK_INT(doctext_convert(p, "text/html", &mc, &text, &len, &e),
	    ERR_USAGE);
	CHECK_STR(e.msg, "no way to show text/html as text: add a "
	    "copiousoutput entry to ~/.mailcap");
	mailcap_done(&mc);
	CHECK_INT(doctext_convert(p, "application/x-\x1b[31mevil", NULL,
	    &text, &len, &e), ERR_USAGE);
	CHECK(strchr(e.msg, '\x1b') == NULL);
	CHECK(strstr(e.msg, "application/x-") != NULL);
	free(p);
}

/* A real PDF from the test provider's writer, read back by pdftotext. */
static void
test_doctext_pdf(void)
{
	const char *srcdir = getenv("srcdir");
	char *pdf = path_in("letter.pdf"), *script, *text;
	size_t len;
	struct err e;
	int rc;

	if (access("/usr/bin/pdftotext", X_OK) != 0 &&
	    system("command -v pdftotext >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_doctext_pdf: skipped, no pdftotext\n");
		free(pdf);
		return;
	}
	script = malloc(strlen(pdf) + 1024);
	if (script == NULL)
		abort();
	sprintf(script, "python3 -c 'import sys; sys.path.insert(0, sys.argv[1]"
	    " + \"/tests/provider\"); import pdf; "
	    "open(sys.argv[2], \"wb\").write(pdf.make_pdf([(\"title\", "
	    "\"Avis important\"), \"Votre d\\u00e9claration est pr\\u00eate "
	    "\\u00e0 signer.\"]))' '%s' '%s'", srcdir ? srcdir : ".", pdf);
	rc = system(script);
	free(script);
	if (rc != 0) {
		fprintf(stderr, "test_doctext_pdf: skipped, python3 could not "
		    "write the PDF\n");
		free(pdf);
		return;
	}
	CHECK_INT(doctext_convert(pdf, "application/pdf", NULL, &text, &len,
	    &e), 0);
	CHECK(text != NULL && strstr(text, "Avis important") != NULL);
	CHECK(text != NULL &&
	    strstr(text, "Votre déclaration est prête à signer.") != NULL);
	CHECK(text != NULL && strlen(text) == len);
	free(text);

	/* Without pdftotext on PATH: a sentence saying what to install. */
	{
		char *old = strdup(getenv("PATH"));
		char *empty = path_in("empty-bin");

		mkdir(empty, 0700);
		setenv("PATH", empty, 1);
		CHECK_INT(doctext_convert(pdf, "application/pdf", NULL, &text,
		    &len, &e), ERR_NOTFOUND);
		CHECK_STR(e.msg, "pdftotext is not installed: install "
		    "poppler-utils to read PDF documents as text");
		CHECK(text == NULL);
		setenv("PATH", old, 1);
		free(old);
		free(empty);
	}
	free(pdf);

	/* Not a PDF at all: pdftotext's complaint comes through. */
	pdf = make_file("fake.pdf", "this is not a pdf\n");
	CHECK_INT(doctext_convert(pdf, "application/pdf", NULL, &text, &len,
	    &e), ERR_IO);
	CHECK(strncmp(e.msg, "pdftotext exited with status", 28) == 0);
	free(pdf);
}

static void
remove_tree(void)
{
	test_remove_tree(tmp_root);
}

/* Found by the fuzzer: option clusters (bash -lc, sh -ec) and escaped
 * options (sh -\c) were not seen as a second shell; a comment followed
 * by a newline in a value ran what came after it. */
static void
test_command_reparse_clusters(void)
{
	struct mailcap_entry en;
	char *cmd;

	memset(&en, 0, sizeof en);
	en.command = "bash -lc 'iconv -f %{charset} -t utf-8 %s'";
	cmd = mailcap_command(&en, "/tmp/f", "text/plain; charset=$(id)", NULL);
	CHECK(cmd == NULL);
	free(cmd);
	cmd = mailcap_command(&en, "/tmp/f", "text/plain; charset=utf-8", NULL);
	CHECK_STR(cmd, "bash -lc 'iconv -f utf-8 -t utf-8 /tmp/f'");
	free(cmd);
	en.command = "sh -ec \"file --mime-type=%t %s\"";
	cmd = mailcap_command(&en, "/tmp/f", "text/x`id`", NULL);
	CHECK(cmd == NULL);
	free(cmd);
	/* Our own path, not plain, in a line a shell reads twice. */
	en.command = "sh -\\c \"cat %s\"";
	cmd = mailcap_command(&en, "a;b", "text/plain", NULL);
	CHECK(cmd == NULL);
	free(cmd);
	en.command = "bash -l -xc 'cat %s'";
	cmd = mailcap_command(&en, "a b", "text/plain", NULL);
	CHECK(cmd == NULL);
	free(cmd);
	/* An option that merely contains a c is not a shell's -c. */
	en.command = "w3m -cols 80 %s";
	cmd = mailcap_command(&en, "a b", "text/plain", NULL);
	CHECK_STR(cmd, "w3m -cols 80 'a b'");
	free(cmd);
}

static void
test_command_comment_newline(void)
{
	struct mailcap_entry en;
	char *cmd;

	memset(&en, 0, sizeof en);
	en.command = "cat %s # shows %t";
	cmd = mailcap_command(&en, "/tmp/f", "text/plain\ntouch pwned #", NULL);
	CHECK(cmd == NULL);
	free(cmd);
	en.command = "cat %s # file";
	cmd = mailcap_command(&en, "/tmp/f\ntouch pwned", "text/plain", NULL);
	CHECK(cmd == NULL);
	free(cmd);
}

int
main(void)
{
	if (mkdtemp(tmp_root) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_parse_basic);
	RUN(test_stdin_flag);
	RUN(test_continuation);
	RUN(test_malformed_skipped);
	RUN(test_entries_capped);
	RUN(test_wildcard);
	RUN(test_precedence_files);
	RUN(test_copiousoutput);
	RUN(test_test_field);
	RUN(test_command_expand);
	RUN(test_hostile_name);
	RUN(test_server_values_are_tokens);
	RUN(test_command_reparse_clusters);
	RUN(test_command_comment_newline);
	RUN(test_doctext_csv);
	RUN(test_doctext_repair);
	RUN(test_doctext_toobig);
	RUN(test_doctext_html_mailcap);
	RUN(test_doctext_pdf);
	remove_tree();
	return TEST_DONE();
}
