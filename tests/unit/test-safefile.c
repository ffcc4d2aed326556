/* test-safefile.c - safe file writing, XDG directories and the debug log. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebox/err.h"
#include "ebox/log.h"
#include "ebox/safefile.h"
#include "ebox/xdg.h"
#include "test.h"

static char tmp_root[] = "/tmp/ebox-test-safefile.XXXXXX";

/* A fresh empty directory for one case. */
static char *
fresh_dir(const char *name)
{
	char *p = malloc(strlen(tmp_root) + strlen(name) + 2);

	if (p == NULL)
		abort();
	sprintf(p, "%s/%s", tmp_root, name);
	if (mkdir(p, 0700) != 0)
		abort();
	return p;
}

static char *
path_in(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	if (p == NULL)
		abort();
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

/* The whole content of path (static buffer), or "(missing)". */
static const char *
read_back(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return "(missing)";
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
mode_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return -1;
	return (int)(st.st_mode & 07777);
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Opens, writes text and commits; returns the final path (malloc'd). */
static char *
save(const char *dir, const char *name, const char *text, int private_mode)
{
	struct safefile f;
	struct err e;
	char *final;

	err_clear(&e);
	if (safefile_open(&f, dir, name, &e) != 0 ||
	    write(f.fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    safefile_commit(&f, private_mode, &e) != 0) {
		fprintf(stderr, "save %s: %s\n", name, e.msg);
		abort();
	}
	final = strdup(f.final_path);
	safefile_done(&f);
	return final;
}

static void
test_open_missing_dir(void)
{
	struct safefile f;
	struct err e;

	err_clear(&e);
	CHECK_INT(safefile_open(&f, "/nonexistent-ebox-dir", "x.pdf", &e),
	    ERR_IO);
	CHECK_INT(e.code, ERR_IO);
	CHECK(strstr(e.msg, "/nonexistent-ebox-dir/x.pdf.part") != NULL);
	CHECK_INT(f.fd, -1);
	safefile_done(&f);              /* safe after a failed open */
}

static void
test_open_creates_part_0600(void)
{
	char *dir = fresh_dir("part"), *part = path_in(dir, "report.pdf.part");
	struct safefile f;
	struct err e;

	umask(022);
	CHECK_INT(safefile_open(&f, dir, "report.pdf", &e), 0);
	CHECK(f.fd >= 0);
	CHECK_STR(f.part_path, part);
	CHECK_STR(f.name, "report.pdf");
	CHECK_INT(mode_of(part), 0600);
	CHECK(f.final_path == NULL);
	safefile_done(&f);
	free(part);
	free(dir);
}

static void
test_commit_renames(void)
{
	char *dir = fresh_dir("commit"), *final, *want;

	umask(022);
	final = save(dir, "report.pdf", "%PDF-1.7", 0);
	want = path_in(dir, "report.pdf");
	CHECK_STR(final, want);
	CHECK_STR(read_back(final), "%PDF-1.7");
	CHECK_INT(mode_of(final), 0644);
	CHECK_INT(count_entries(dir), 1);       /* no .part left */
	free(want);
	free(final);
	free(dir);
}

static void
test_commit_mode_umask_and_private(void)
{
	char *dir = fresh_dir("modes"), *a, *b;

	umask(077);
	a = save(dir, "a.txt", "a", 0);
	CHECK_INT(mode_of(a), 0600);
	umask(022);
	b = save(dir, "b.txt", "b", 1);
	CHECK_INT(mode_of(b), 0600);
	free(a);
	free(b);
	free(dir);
}

static void
test_commit_never_overwrites(void)
{
	char *dir = fresh_dir("collide"), *old = path_in(dir, "report.pdf");
	char *want1 = path_in(dir, "report (1).pdf");
	char *want2 = path_in(dir, "report (2).pdf");
	char *f1, *f2;

	write_file(old, "OLD");
	f1 = save(dir, "report.pdf", "NEW1", 0);
	CHECK_STR(f1, want1);
	f2 = save(dir, "report.pdf", "NEW2", 0);
	CHECK_STR(f2, want2);
	CHECK_STR(read_back(old), "OLD");
	CHECK_STR(read_back(want1), "NEW1");
	CHECK_STR(read_back(want2), "NEW2");
	CHECK_INT(count_entries(dir), 3);
	free(f1);
	free(f2);
	free(old);
	free(want1);
	free(want2);
	free(dir);
}

static void
test_commit_no_extension(void)
{
	char *dir = fresh_dir("noext"), *old = path_in(dir, "README");
	char *want = path_in(dir, "README (1)"), *f;

	write_file(old, "x");
	f = save(dir, "README", "y", 0);
	CHECK_STR(f, want);
	free(f);
	free(want);
	free(old);
	free(dir);
}

static void
test_commit_race_placeholder(void)
{
	/* The final name appears after open but before commit (another
	 * program, another download): it must survive. */
	char *dir = fresh_dir("race"), *taken = path_in(dir, "x.pdf");
	char *want = path_in(dir, "x (1).pdf");
	struct safefile f;
	struct err e;

	CHECK_INT(safefile_open(&f, dir, "x.pdf", &e), 0);
	CHECK(write(f.fd, "mine", 4) == 4);
	write_file(taken, "theirs");
	CHECK_INT(safefile_commit(&f, 0, &e), 0);
	CHECK_STR(f.final_path, want);
	CHECK_STR(read_back(taken), "theirs");
	CHECK_STR(read_back(want), "mine");
	safefile_done(&f);
	free(want);
	free(taken);
	free(dir);
}

static void
test_commit_dangling_symlink(void)
{
	/* A symlink under the final name is not followed or replaced. */
	char *dir = fresh_dir("symfinal"), *link_path = path_in(dir, "a.pdf");
	char *target = path_in(tmp_root, "symfinal-target");
	char *f;

	CHECK_INT(symlink(target, link_path), 0);
	f = save(dir, "a.pdf", "data", 0);
	CHECK(strstr(f, "a (1).pdf") != NULL);
	CHECK(!exists(target));
	CHECK_INT(mode_of(link_path) >= 0, 1);
	free(f);
	free(target);
	free(link_path);
	free(dir);
}

static void
test_part_name_taken(void)
{
	char *dir = fresh_dir("parttaken"), *p0 = path_in(dir, "x.pdf.part");
	char *p1 = path_in(dir, "x.pdf.1.part");
	struct safefile f;
	struct err e;

	write_file(p0, "someone else's download");
	CHECK_INT(safefile_open(&f, dir, "x.pdf", &e), 0);
	CHECK_STR(f.part_path, p1);
	safefile_abort(&f);
	CHECK_STR(read_back(p0), "someone else's download");
	CHECK(!exists(p1));
	safefile_done(&f);
	free(p0);
	free(p1);
	free(dir);
}

static void
test_part_symlink_not_followed(void)
{
	char *dir = fresh_dir("partsym"), *p0 = path_in(dir, "y.part");
	char *target = path_in(tmp_root, "partsym-target");
	struct safefile f;
	struct err e;

	CHECK_INT(symlink(target, p0), 0);
	CHECK_INT(safefile_open(&f, dir, "y", &e), 0);
	CHECK(strstr(f.part_path, "y.1.part") != NULL);
	CHECK(!exists(target));
	safefile_done(&f);
	free(target);
	free(p0);
	free(dir);
}

static void
test_abort_leaves_nothing(void)
{
	char *dir = fresh_dir("abort");
	struct safefile f;
	struct err e;

	CHECK_INT(safefile_open(&f, dir, "cut.pdf", &e), 0);
	CHECK(write(f.fd, "half", 4) == 4);
	safefile_abort(&f);
	CHECK_INT(f.fd, -1);
	CHECK_INT(count_entries(dir), 0);
	safefile_abort(&f);             /* twice is harmless */
	safefile_done(&f);
	free(dir);
}

static void
test_done_aborts_open_file(void)
{
	char *dir = fresh_dir("done");
	struct safefile f;
	struct err e;

	CHECK_INT(safefile_open(&f, dir, "z.pdf", &e), 0);
	safefile_done(&f);
	CHECK_INT(count_entries(dir), 0);
	free(dir);
}

static void
test_commit_not_open(void)
{
	char *dir = fresh_dir("notopen");
	struct safefile f;
	struct err e;

	CHECK_INT(safefile_open(&f, dir, "n.pdf", &e), 0);
	safefile_abort(&f);
	err_clear(&e);
	CHECK_INT(safefile_commit(&f, 0, &e), ERR_IO);
	CHECK(e.msg[0] != '\0');
	CHECK_INT(count_entries(dir), 0);
	safefile_done(&f);
	free(dir);
}

static void
test_hostile_names_stay_inside(void)
{
	static const char *const names[] = {
		"../../evil", "/etc/passwd", "a/b.pdf", "..", ".", "",
		"..\\evil", "bad\x1b[31mname\a.pdf", "sub/../../up",
	};
	char *outer = fresh_dir("hostile"), *dir = fresh_dir("hostile/in"), *f;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		f = save(dir, names[i], "x", 0);
		/* Directly inside dir: the rest has no '/'. */
		CHECK(strncmp(f, dir, strlen(dir)) == 0 &&
		    f[strlen(dir)] == '/');
		CHECK(strchr(f + strlen(dir) + 1, '/') == NULL);
		free(f);
	}
	CHECK_INT(count_entries(dir), (int)(sizeof names / sizeof names[0]));
	/* Nothing escaped upwards: "../../evil" would be tmp_root/evil. */
	CHECK_INT(count_entries(outer), 1);
	f = path_in(tmp_root, "evil");
	CHECK(!exists(f));
	free(f);
	f = path_in(dir, "_etc_passwd");
	CHECK(exists(f));
	free(f);
	f = path_in(dir, "document");
	CHECK(exists(f));
	free(f);
	free(dir);
	free(outer);
}

static void
test_write_private(void)
{
	char *dir = fresh_dir("private"), *p = path_in(dir, "token.json");
	struct err e;

	umask(0);
	CHECK_INT(safefile_write_private(p, "{\"a\":1}", 7, &e), 0);
	CHECK_STR(read_back(p), "{\"a\":1}");
	CHECK_INT(mode_of(p), 0600);
	CHECK_INT(safefile_write_private(p, "{}", 2, &e), 0);  /* replace */
	CHECK_STR(read_back(p), "{}");
	CHECK_INT(count_entries(dir), 1);       /* no temporary left */
	CHECK_INT(safefile_write_private(p, "", 0, &e), 0);
	CHECK_STR(read_back(p), "");
	umask(022);
	free(p);
	free(dir);
}

static void
test_write_private_missing_dir(void)
{
	struct err e;

	err_clear(&e);
	CHECK_INT(safefile_write_private("/nonexistent-ebox-dir/t.json", "x",
	    1, &e), ERR_IO);
	CHECK(strstr(e.msg, "/nonexistent-ebox-dir/t.json") != NULL);
}

static void
test_read(void)
{
	char *dir = fresh_dir("read"), *p = path_in(dir, "f"), *out;
	size_t len = 99;
	struct err e;

	write_file(p, "0123456789");
	CHECK_INT(safefile_read(p, 10, &out, &len, &e), 0);
	CHECK_STR(out, "0123456789");
	CHECK_INT(len, 10);
	free(out);
	CHECK_INT(safefile_read(p, 100, &out, NULL, &e), 0);
	CHECK_STR(out, "0123456789");
	free(out);
	free(p);
	free(dir);
}

static void
test_read_empty(void)
{
	char *dir = fresh_dir("readempty"), *p = path_in(dir, "f"), *out;
	size_t len = 99;
	struct err e;

	write_file(p, "");
	CHECK_INT(safefile_read(p, 0, &out, &len, &e), 0);
	CHECK_STR(out, "");
	CHECK_INT(len, 0);
	free(out);
	free(p);
	free(dir);
}

static void
test_read_too_big(void)
{
	char *dir = fresh_dir("readbig"), *p = path_in(dir, "f"), *out;
	struct err e;

	write_file(p, "0123456789");
	out = (char *)"untouched";
	CHECK_INT(safefile_read(p, 9, &out, NULL, &e), ERR_TOOBIG);
	CHECK(out == NULL);
	CHECK_INT(e.code, ERR_TOOBIG);
	free(p);
	free(dir);
}

static void
test_read_missing_and_dir(void)
{
	char *out;
	struct err e;

	CHECK_INT(safefile_read("/nonexistent-ebox-file", 10, &out, NULL, &e),
	    ERR_NOTFOUND);
	CHECK(strstr(e.msg, "/nonexistent-ebox-file") != NULL);
	CHECK_INT(safefile_read(tmp_root, 10, &out, NULL, &e), ERR_IO);
	CHECK(out == NULL);
}

static void
test_xdg_dirs_env(void)
{
	char *s;

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	setenv("XDG_STATE_HOME", "/x/state", 1);
	s = xdg_config_dir();
	CHECK_STR(s, "/x/conf/ebox-tui");
	free(s);
	s = xdg_cache_dir();
	CHECK_STR(s, "/x/cache/ebox-tui");
	free(s);
	s = xdg_state_dir();
	CHECK_STR(s, "/x/state/ebox-tui");
	free(s);
}

static void
test_xdg_dirs_home(void)
{
	char *s;

	unsetenv("XDG_CONFIG_HOME");
	setenv("XDG_CACHE_HOME", "", 1);
	setenv("XDG_STATE_HOME", "relative/ignored", 1);
	setenv("HOME", "/home/u", 1);
	s = xdg_config_dir();
	CHECK_STR(s, "/home/u/.config/ebox-tui");
	free(s);
	s = xdg_cache_dir();
	CHECK_STR(s, "/home/u/.cache/ebox-tui");
	free(s);
	s = xdg_state_dir();
	CHECK_STR(s, "/home/u/.local/state/ebox-tui");
	free(s);
}

static void
test_xdg_no_home(void)
{
	char *s;

	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	s = xdg_config_dir();
	CHECK_STR(s, "./.config/ebox-tui");
	free(s);
	s = xdg_expand_home("~/x");
	CHECK_STR(s, "./x");
	free(s);
}

static void
test_xdg_expand_home(void)
{
	char *s;

	setenv("HOME", "/home/u", 1);
	CHECK(xdg_expand_home(NULL) == NULL);
	s = xdg_expand_home("");
	CHECK_STR(s, "");
	free(s);
	s = xdg_expand_home("~");
	CHECK_STR(s, "/home/u");
	free(s);
	s = xdg_expand_home("~/Downloads/eBox");
	CHECK_STR(s, "/home/u/Downloads/eBox");
	free(s);
	s = xdg_expand_home("~user/x");         /* not supported: unchanged */
	CHECK_STR(s, "~user/x");
	free(s);
	s = xdg_expand_home("/abs/~/x");
	CHECK_STR(s, "/abs/~/x");
	free(s);
}

static void
test_xdg_mkdirs(void)
{
	char *dir = fresh_dir("mkdirs"), *deep = path_in(dir, "a/b/c");
	char *file = path_in(dir, "file"), *under = path_in(dir, "file/x");

	CHECK_INT(xdg_mkdirs(NULL, 0700), -EINVAL);
	CHECK_INT(xdg_mkdirs("", 0700), -EINVAL);
	umask(022);
	CHECK_INT(xdg_mkdirs(deep, 0700), 0);
	CHECK_INT(mode_of(deep), 0700);
	CHECK_INT(xdg_mkdirs(deep, 0700), 0);   /* exists: fine */
	write_file(file, "x");
	CHECK_INT(xdg_mkdirs(file, 0700), -ENOTDIR);
	CHECK_INT(xdg_mkdirs(under, 0700), -ENOTDIR);
	free(under);
	free(file);
	free(deep);
	free(dir);
}

static void
test_log_off_by_default(void)
{
	log_msg("nobody hears %d", 1);  /* must not crash or write */
	CHECK_INT(log_open(NULL), -1);
	CHECK_INT(log_open(""), -1);
	CHECK_INT(log_open("/nonexistent-ebox-dir/log"), -1);
}

static void
test_log_lines(void)
{
	char *dir = fresh_dir("log"), *p = path_in(dir, "debug.log");
	const char *text;

	umask(022);
	CHECK_INT(log_open(p), 0);
	CHECK_INT(mode_of(p), 0600);
	log_msg("hello %s", "world");
	log_msg("evil \x1b]0;title\x07 two\nlines");
	log_close();
	log_msg("after close");
	text = read_back(p);
	/* "YYYY-MM-DD HH:MM:SS.mmm hello world\n" */
	CHECK(strlen(text) > 24 && text[4] == '-' && text[10] == ' ' &&
	    text[19] == '.');
	CHECK(strstr(text, " hello world\n") != NULL);
	CHECK(strstr(text, " evil  two lines\n") != NULL);
	CHECK(strchr(text, '\x1b') == NULL);
	CHECK(strstr(text, "after close") == NULL);
	/* Appends, never truncates. */
	CHECK_INT(log_open(p), 0);
	log_msg("third");
	log_close();
	CHECK(strstr(read_back(p), " hello world\n") != NULL);
	CHECK(strstr(read_back(p), " third\n") != NULL);
	free(p);
	free(dir);
}

static void
test_log_redact_url(void)
{
	char *s;

	s = log_redact_url(NULL);
	CHECK_STR(s, "(null)");
	free(s);
	s = log_redact_url("https://h/a/b?code=SECRET&x=1");
	CHECK_STR(s, "https://h/a/b");
	free(s);
	s = log_redact_url("https://h/a#frag");
	CHECK_STR(s, "https://h/a");
	free(s);
	s = log_redact_url("https://user:pw@h:8443/p?q");
	CHECK_STR(s, "https://h:8443/p");
	free(s);
	s = log_redact_url("https://h/p/a@b");          /* '@' in the path */
	CHECK_STR(s, "https://h/p/a@b");
	free(s);
}

/* rm -r of the case directories (two levels are all the cases make). */
static void
cleanup(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char *p;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = path_in(dir, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			cleanup(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

int
main(void)
{
	int r;

	if (mkdtemp(tmp_root) == NULL)
		abort();
	RUN(test_open_missing_dir);
	RUN(test_open_creates_part_0600);
	RUN(test_commit_renames);
	RUN(test_commit_mode_umask_and_private);
	RUN(test_commit_never_overwrites);
	RUN(test_commit_no_extension);
	RUN(test_commit_race_placeholder);
	RUN(test_commit_dangling_symlink);
	RUN(test_part_name_taken);
	RUN(test_part_symlink_not_followed);
	RUN(test_abort_leaves_nothing);
	RUN(test_done_aborts_open_file);
	RUN(test_commit_not_open);
	RUN(test_hostile_names_stay_inside);
	RUN(test_write_private);
	RUN(test_write_private_missing_dir);
	RUN(test_read);
	RUN(test_read_empty);
	RUN(test_read_too_big);
	RUN(test_read_missing_and_dir);
	RUN(test_xdg_dirs_env);
	RUN(test_xdg_dirs_home);
	RUN(test_xdg_no_home);
	RUN(test_xdg_expand_home);
	RUN(test_xdg_mkdirs);
	RUN(test_log_off_by_default);
	RUN(test_log_lines);
	RUN(test_log_redact_url);
	r = TEST_DONE();
	cleanup(tmp_root);
	return r;
}
