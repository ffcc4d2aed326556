/* doctext.c - a document as plain UTF-8 text for the pager. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/doctext.h"
#include "ebox/mailcap.h"
#include "ebox/safefile.h"
#include "ebox/sanitize.h"
#include "ebox/spawn.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

#define DOCTEXT_REPLACEMENT 0xFFFD

/* One conversion: what is converted and how to name it in sentences. */
struct doctext_job {
	const char *path;
	const char *type;       /* bare, lower case */
	const char *media_type; /* as given, with parameters */
	const struct mailcap *mc;
	char *shown_type;       /* sanitised type for sentences */
};

typedef int (*doctext_fn)(const struct doctext_job *, char **, size_t *,
    struct err *);

static int doctext_pdf(const struct doctext_job *, char **, size_t *,
    struct err *);
static int doctext_read(const struct doctext_job *, char **, size_t *,
    struct err *);

/* How each known type becomes text; the rest goes through mailcap. */
static const struct {
	const char *type;
	doctext_fn convert;
} doctext_ways[] = {
	{ "application/pdf", doctext_pdf },
	{ "text/plain", doctext_read },
	{ "text/csv", doctext_read },
	{ "text/xml", doctext_read },
	{ "application/xml", doctext_read },
	{ "application/json", doctext_read },
};

/* Runs a converter with the caps of this module; stdout into *raw. */
static int
doctext_spawn(struct spawn_opts *o, char **raw, size_t *rawlen,
    struct err *e)
{
	struct spawn_result r;
	int rc;

	o->max_output = DOCTEXT_MAX;
	o->timeout_ms = DOCTEXT_TIMEOUT_MS;
	if ((rc = spawn_run(o, &r, e)) == ERR_TOOBIG)
		err_set(e, rc, _("the text of this document is larger than "
		    "%d MiB"), DOCTEXT_MAX / (1024 * 1024));
	if (rc == 0) {
		*rawlen = r.out.len;
		*raw = buf_steal(&r.out);
	}
	spawn_result_done(&r);
	return rc;
}

static int
doctext_pdf(const struct doctext_job *j, char **raw, size_t *rawlen,
    struct err *e)
{
	char *path = j->path[0] == '-' ? xasprintf("./%s", j->path) :
	    xstrdup(j->path);
	const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path,
	    "-", NULL };
	struct spawn_opts o = { .argv = argv };
	int rc;

	if ((rc = doctext_spawn(&o, raw, rawlen, e)) == ERR_NOTFOUND)
		err_set(e, rc, _("pdftotext is not installed: install "
		    "poppler-utils to read PDF documents as text"));
	free(path);
	return rc;
}

static int
doctext_read(const struct doctext_job *j, char **raw, size_t *rawlen,
    struct err *e)
{
	int rc;

	if ((rc = safefile_read(j->path, DOCTEXT_MAX, raw, rawlen, e)) ==
	    ERR_TOOBIG)
		err_set(e, rc, _("the document is larger than %d MiB"),
		    DOCTEXT_MAX / (1024 * 1024));
	return rc;
}

/* Anything else: the first copiousoutput entry of the user's mailcap. */
static int
doctext_mailcap(const struct doctext_job *j, char **raw, size_t *rawlen,
    struct err *e)
{
	struct mailcap_entry *en;
	struct spawn_opts o = { 0 };
	char *cmd, *name;
	int rc;

	if (mailcap_find(j->mc, j->type, MAILCAP_TEXT, &en) != 0)
		return err_set(e, ERR_USAGE, _("no way to show %s as text: add "
		    "a copiousoutput entry to ~/.mailcap"), j->shown_type);
	if ((cmd = mailcap_command(en, j->path, j->media_type, e)) == NULL)
		return e->code;
	name = xasprintf("the text converter for %s", j->shown_type);
	o.shell = cmd;
	o.name = name;
	if (en->flags & MAILCAP_STDIN)
		o.stdin_path = j->path;
	rc = doctext_spawn(&o, raw, rawlen, e);
	free(name);
	free(cmd);
	return rc;
}

/* Makes s[0..n) valid UTF-8: invalid sequences and NUL bytes become
 * U+FFFD.  Takes s; returns the text to keep and its length in *len. */
static char *
doctext_clean(char *s, size_t n, size_t *len)
{
	char *out, *p;
	size_t i = 0, used;
	uint32_t cp;

	if (utf8_valid(s, n) && memchr(s, '\0', n) == NULL) {
		*len = n;
		return s;
	}
	p = out = xreallocarray(NULL, n + 1, 3);
	while (i < n) {
		if ((used = utf8_decode(s + i, n - i, &cp)) == 0 || cp == 0) {
			p += utf8_encode(DOCTEXT_REPLACEMENT, p);
			i += used ? used : 1;
			continue;
		}
		memcpy(p, s + i, used);
		p += used;
		i += used;
	}
	*p = '\0';
	*len = (size_t)(p - out);
	free(s);
	return out;
}

int
doctext_convert(const char *path, const char *media_type,
    const struct mailcap *mc, char **text, size_t *len, struct err *e)
{
	struct doctext_job j = { .path = path, .mc = mc };
	doctext_fn convert = doctext_mailcap;
	char *type, *raw = NULL;
	size_t i, rawlen = 0;
	int rc;

	*text = NULL;
	*len = 0;
	if (media_type == NULL)
		media_type = "application/octet-stream";
	j.media_type = media_type;
	type = xstrndup(media_type, strcspn(media_type, ";"));
	for (i = 0; type[i] != '\0'; i++)
		type[i] = (char)tolower((unsigned char)type[i]);
	while (i > 0 && isspace((unsigned char)type[i - 1]))
		type[--i] = '\0';
	j.type = type + strspn(type, " \t");
	j.shown_type = sanitize_text(j.type, 0);
	for (i = 0; i < sizeof doctext_ways / sizeof *doctext_ways; i++) {
		if (strcmp(j.type, doctext_ways[i].type) == 0)
			convert = doctext_ways[i].convert;
	}
	if ((rc = convert(&j, &raw, &rawlen, e)) == 0)
		*text = doctext_clean(raw, rawlen, len);
	free(j.shown_type);
	free(type);
	return rc;
}
