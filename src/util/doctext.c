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

/* How each type is turned into text; the rest goes through mailcap. */
static const struct {
	const char *type;
	enum doctext_way way;
} doctext_ways[] = {
	{ "application/pdf", DOCTEXT_PDF },
	{ "text/plain", DOCTEXT_READ },
	{ "text/csv", DOCTEXT_READ },
	{ "text/xml", DOCTEXT_READ },
	{ "application/xml", DOCTEXT_READ },
	{ "application/json", DOCTEXT_READ },
};

char *
doctext_bare_type(const char *media_type)
{
	char *type;
	size_t i;

	if (media_type == NULL)
		media_type = "application/octet-stream";
	type = xstrndup(media_type, strcspn(media_type, ";"));
	for (i = 0; type[i] != '\0'; i++)
		type[i] = (char)tolower((unsigned char)type[i]);
	while (i > 0 && isspace((unsigned char)type[i - 1]))
		type[--i] = '\0';
	memmove(type, type + strspn(type, " \t"), strlen(type) + 1 -
	    strspn(type, " \t"));
	return type;
}

enum doctext_way
doctext_way(const char *media_type)
{
	char *type = doctext_bare_type(media_type);
	enum doctext_way way = DOCTEXT_MAILCAP;
	size_t i;

	for (i = 0; i < sizeof doctext_ways / sizeof doctext_ways[0]; i++) {
		if (strcmp(type, doctext_ways[i].type) == 0)
			way = doctext_ways[i].way;
	}
	free(type);
	return way;
}

int
doctext_command(struct doctext_cmd *c, const char *path,
    const char *media_type, const struct mailcap_entry *en, struct err *e)
{
	char *type;

	memset(c, 0, sizeof *c);
	c->o.max_output = DOCTEXT_MAX;
	c->o.timeout_ms = DOCTEXT_TIMEOUT_MS;
	if (en == NULL) {               /* PDF */
		c->path = path[0] == '-' ? xasprintf("./%s", path) :
		    xstrdup(path);
		c->argv[0] = "pdftotext";
		c->argv[1] = "-layout";
		c->argv[2] = "-enc";
		c->argv[3] = "UTF-8";
		c->argv[4] = c->path;
		c->argv[5] = "-";
		c->argv[6] = NULL;
		c->o.argv = c->argv;
		return 0;
	}
	if ((c->shell = mailcap_command(en, path, media_type, e)) == NULL)
		return e->code;
	type = doctext_bare_type(media_type);
	c->shown_type = sanitize_text(type, 0);
	free(type);
	c->name = xasprintf(_("the text converter for %s"), c->shown_type);
	c->o.shell = c->shell;
	c->o.name = c->name;
	if (en->flags & MAILCAP_STDIN)
		c->o.stdin_path = path;
	return 0;
}

void
doctext_command_done(struct doctext_cmd *c)
{
	free(c->path);
	free(c->shell);
	free(c->name);
	free(c->shown_type);
	memset(c, 0, sizeof *c);
}

void
doctext_explain(enum doctext_way way, struct err *e)
{
	if (e->code == ERR_TOOBIG)
		err_set(e, ERR_TOOBIG, _("the text of this document is larger "
		    "than %d MiB"), DOCTEXT_MAX / (1024 * 1024));
	else if (e->code == ERR_NOTFOUND && way == DOCTEXT_PDF)
		err_set(e, ERR_NOTFOUND, _("pdftotext is not installed: install "
		    "poppler-utils to read PDF documents as text"));
}

void
doctext_no_way(const char *media_type, struct err *e)
{
	char *type = doctext_bare_type(media_type), *shown;

	shown = sanitize_text(type, 0);
	err_set(e, ERR_USAGE, _("no way to show %s as text: add a "
	    "copiousoutput entry to ~/.mailcap"), shown);
	free(shown);
	free(type);
}

int
doctext_read(const char *path, char **raw, size_t *rawlen, struct err *e)
{
	int rc;

	if ((rc = safefile_read(path, DOCTEXT_MAX, raw, rawlen, e)) ==
	    ERR_TOOBIG)
		err_set(e, rc, _("the document is larger than %d MiB"),
		    DOCTEXT_MAX / (1024 * 1024));
	return rc;
}

char *
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
	enum doctext_way way = doctext_way(media_type);
	struct mailcap_entry *en = NULL;
	struct doctext_cmd c;
	struct spawn_result r;
	char *raw = NULL;
	size_t rawlen = 0;
	int rc;

	*text = NULL;
	*len = 0;
	if (way == DOCTEXT_READ) {
		if ((rc = doctext_read(path, &raw, &rawlen, e)) == 0)
			*text = doctext_clean(raw, rawlen, len);
		return rc;
	}
	if (way == DOCTEXT_MAILCAP && mailcap_find(mc, media_type,
	    MAILCAP_TEXT, &en) != 0) {
		doctext_no_way(media_type, e);
		return e->code;
	}
	if ((rc = doctext_command(&c, path, media_type, en, e)) != 0)
		return rc;
	if ((rc = spawn_run(&c.o, &r, e)) != 0)
		doctext_explain(way, e);
	else {
		rawlen = r.out.len;
		*text = doctext_clean(buf_steal(&r.out), rawlen, len);
	}
	spawn_result_done(&r);
	doctext_command_done(&c);
	return rc;
}
