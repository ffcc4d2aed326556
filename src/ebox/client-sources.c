/* client-sources.c - the client's lifetime and the providers it knows:
 * the registry's answer (or the one provider_url), each with its reference
 * data cache. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/client.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/xalloc.h"
#include "client-private.h"

struct ebox_client *
ebox_client_new(const struct ebox_client_opts *o, struct err *e)
{
	struct ebox_client *c;

	if (o->registry_url == NULL && o->provider_url == NULL) {
		err_set(e, ERR_CONFIG, _("the account has neither registry_url "
		    "nor provider_url: set one of them in the config file"));
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->net = o->net;
	c->auth = o->auth;
	c->registry_url = xstrdup(o->registry_url);
	c->provider_url = xstrdup(o->provider_url);
	c->page_size = o->page_size > 0 && o->page_size <= 100 ?
	    o->page_size : 100;
	c->lang = o->lang;
	/* An id for logs; sentences say ebox_client_source_name(). */
	c->registry.info.id = xstrdup("registry");
	c->registry.info.url = xstrdup(o->registry_url ? o->registry_url : "");
	return c;
}

int
ebox_client_page_size(const struct ebox_client *c)
{
	return c->page_size;
}

void
refcache_clear(struct refcache *rc)
{
	size_t i;

	for (i = 0; i < rc->n_orgs; i++)
		ebox_organization_done(&rc->orgs[i]);
	for (i = 0; i < rc->n_types; i++)
		ebox_message_type_done(&rc->types[i]);
	free(rc->orgs);
	free(rc->types);
	memset(rc, 0, sizeof *rc);
}

void
ebox_client_free(struct ebox_client *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n_sources; i++) {
		ebox_provider_done(&c->sources[i].info);
		refcache_clear(&c->refcaches[i]);
	}
	free(c->sources);
	free(c->refcaches);
	ebox_provider_done(&c->registry.info);
	free(c->registry_url);
	free(c->provider_url);
	free(c);
}

struct refcache *
client_refcache(struct ebox_client *c, const struct ebox_source *s)
{
	return &c->refcaches[s - c->sources];
}

struct ebox_source *
ebox_client_sources(struct ebox_client *c, size_t *n)
{
	*n = c->n_sources;
	return c->sources;
}

const char *
ebox_client_source_name(const struct ebox_client *c,
    const struct ebox_source *s, char *buf, size_t size)
{
	const char *name;
	char *clean;

	if (s == &c->registry) {
		snprintf(buf, size, "%s", _("the provider registry"));
		return buf;
	}
	name = tstring_pick(&s->info.name, c->lang, NULL);
	clean = text_trim(sanitize_text(name != NULL ? name : "", 0));
	snprintf(buf, size, "%s", *clean != '\0' ? clean :
	    s->info.id != NULL ? s->info.id : "?");
	free(clean);
	return buf;
}

struct ebox_source *
ebox_client_source(struct ebox_client *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n_sources; i++) {
		if (strcmp(c->sources[i].info.id, id) == 0)
			return &c->sources[i];
	}
	return NULL;
}

char *
client_json_string(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	struct buf b;

	buf_init(&b, (size_t)-1);
	buf_puts(&b, "\"");
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\') {
			char esc[2] = { '\\', (char)ch };

			buf_append(&b, esc, 2);
		} else if (ch < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[ch >> 4],
			    hex[ch & 15] };

			buf_append(&b, esc, 6);
		} else
			buf_append(&b, s, 1);
	}
	buf_puts(&b, "\"");
	return buf_steal(&b);
}
