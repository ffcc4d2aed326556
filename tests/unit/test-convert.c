/* test-convert.c - documents as text and viewers found in the
 * background: every child is a job, the loop turns meanwhile. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebox/convert.h"
#include "ebox/xalloc.h"
#include "test.h"

static char tmp_root[] = "/tmp/ebox-test-convert-XXXXXX";
static int events;

struct got {
	bool done;
	int order;
	char *text;
	int code;
	const char *viewer;
};

static void
text_done(char *text, size_t len, const struct err *e, void *ud)
{
	struct got *g = ud;

	g->done = true;
	g->order = ++events;
	g->text = text;
	g->code = e ? e->code : 0;
}

static void
viewer_done(struct mailcap_entry *en, void *ud)
{
	struct got *g = ud;

	g->done = true;
	g->order = ++events;
	g->viewer = en ? en->command : NULL;
}

static void
tick(void *ud)
{
	int *order = ud;

	*order = ++events;
}

static struct net *
new_net(void)
{
	struct err e;
	struct net *n = net_new(NULL, &e);

	if (n == NULL)
		abort();
	return n;
}

/* A fake pdftotext on PATH: slow, and printing what it was given. */
static void
fake_pdftotext(void)
{
	char *path = test_path(tmp_root, "pdftotext"), *env;
	const char *script = "#!/bin/sh\nsleep 2\necho \"converted $5\"\n";

	test_write_file(path, script, strlen(script));
	chmod(path, 0755);
	env = xasprintf("%s:%s", tmp_root, getenv("PATH"));
	setenv("PATH", env, 1);
	free(env);
	free(path);
}

static void
test_plain_text(void)
{
	char *p = test_path(tmp_root, "a.txt");
	struct net *n = new_net();
	struct got g = { 0 };

	test_write_file(p, "caf\xe9\n", 5);
	convert_text(n, NULL, p, "text/plain; charset=utf-8", text_done, &g);
	CHECK(!g.done);                 /* never inside the call */
	net_run(n);
	CHECK(g.done);
	CHECK_STR(g.text, "caf\xef\xbf\xbd\n");
	free(g.text);
	net_free(n);
	free(p);
}

/* The acceptance of the issue, in miniature: a converter that takes two
 * seconds does not hold a timer due in 10 ms. */
static void
test_slow_pdf_does_not_block(void)
{
	char *p = test_path(tmp_root, "doc.pdf");
	struct net *n = new_net();
	struct got g = { 0 };
	int timer = 0;

	test_write_file(p, "%PDF-1.4\n", 9);
	events = 0;
	convert_text(n, NULL, p, "application/pdf", text_done, &g);
	net_timer_add(n, 10, tick, &timer);
	net_run(n);
	CHECK_INT(timer, 1);
	CHECK_INT(g.order, 2);
	CHECK_INT(g.code, 0);
	CHECK(g.text != NULL && strstr(g.text, "converted") != NULL);
	free(g.text);
	net_free(n);
	free(p);
}

static void
test_mailcap_with_tests(void)
{
	static const char text[] =
	    "text/html; echo never; copiousoutput; test=false\n"
	    "text/html; cat %s; copiousoutput; test=test %t = text/html\n";
	char *p = test_path(tmp_root, "page.html");
	struct net *n = new_net();
	struct mailcap mc;
	struct got g = { 0 };

	memset(&mc, 0, sizeof mc);
	mailcap_load_text(&mc, "t.mailcap", text, strlen(text));
	test_write_file(p, "<p>hi</p>\n", 10);
	convert_text(n, &mc, p, "text/html; charset=utf-8", text_done, &g);
	net_run(n);
	CHECK_STR(g.text, "<p>hi</p>\n");
	CHECK_INT(mc.entries[0].test_result, -1);
	free(g.text);
	/* No entry for this type: a sentence, no crash. */
	memset(&g, 0, sizeof g);
	convert_text(n, &mc, p, "application/x-other", text_done, &g);
	net_run(n);
	CHECK_INT(g.code, ERR_USAGE);
	CHECK(g.text == NULL);
	mailcap_done(&mc);
	net_free(n);
	free(p);
}

static void
test_find_viewer(void)
{
	static const char text[] =
	    "application/pdf; nope %s; test=false\n"
	    "application/pdf; evince %s; test=true\n";
	struct net *n = new_net();
	struct mailcap mc;
	struct got g = { 0 };

	memset(&mc, 0, sizeof mc);
	mailcap_load_text(&mc, "t.mailcap", text, strlen(text));
	convert_find_viewer(n, &mc, "application/pdf", viewer_done, &g);
	net_run(n);
	CHECK(g.done);
	CHECK_STR(g.viewer, "evince %s");
	memset(&g, 0, sizeof g);
	convert_find_viewer(n, &mc, "image/png", viewer_done, &g);
	net_run(n);
	CHECK(g.done && g.viewer == NULL);
	mailcap_done(&mc);
	net_free(n);
}

static void
test_cancel(void)
{
	char *p = test_path(tmp_root, "doc2.pdf");
	struct net *n = new_net();
	struct got g = { 0 }, h = { 0 };
	struct convert *c;

	test_write_file(p, "%PDF-1.4\n", 9);
	/* Before it starts, and while its converter runs. */
	c = convert_text(n, NULL, p, "application/pdf", text_done, &g);
	convert_cancel(c);
	c = convert_text(n, NULL, p, "application/pdf", text_done, &h);
	net_poll(n, NULL, 0, 100);      /* the converter starts */
	convert_cancel(c);
	net_run(n);
	CHECK(!g.done && !h.done);
	CHECK_INT(net_pending(n), 0);
	net_free(n);
	free(p);
}

int
main(void)
{
	if (mkdtemp(tmp_root) == NULL)
		abort();
	fake_pdftotext();
	RUN(test_plain_text);
	RUN(test_slow_pdf_does_not_block);
	RUN(test_mailcap_with_tests);
	RUN(test_find_viewer);
	RUN(test_cancel);
	test_remove_tree(tmp_root);
	return TEST_DONE();
}
