/* names.c - senders and message types by provider and id: two hash
 * tables of records that are never freed before the whole table, so the
 * strings they hand out stay valid. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/names.h"
#include "ebox/xalloc.h"

struct names_rec {
	struct names_rec *next;         /* same bucket */
	struct names_rec *older;        /* replaced records, kept alive */
	char *provider, *id;
	struct tstring a;               /* org: short name; type: name */
	struct tstring b;               /* org: long name */
};

struct names_map {
	struct names_rec **buckets;
	size_t n_buckets;               /* a power of two */
	size_t n;
};

struct names {
	struct names_map orgs;
	struct names_map types;
};

static uint64_t
names_hash(const char *provider, const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *s;

	for (s = provider; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	h = (h ^ 0x1f) * 0x100000001b3ULL;
	for (s = id; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

struct names *
names_new(void)
{
	return xcalloc(1, sizeof (struct names));
}

static void
names_rec_free(struct names_rec *r)
{
	struct names_rec *older;

	for (; r != NULL; r = older) {
		older = r->older;
		free(r->provider);
		free(r->id);
		tstring_done(&r->a);
		tstring_done(&r->b);
		free(r);
	}
}

static void
names_map_done(struct names_map *m)
{
	struct names_rec *r, *next;
	size_t i;

	for (i = 0; i < m->n_buckets; i++) {
		for (r = m->buckets[i]; r != NULL; r = next) {
			next = r->next;
			names_rec_free(r);
		}
	}
	free(m->buckets);
}

void
names_free(struct names *n)
{
	if (n == NULL)
		return;
	names_map_done(&n->orgs);
	names_map_done(&n->types);
	free(n);
}

static struct names_rec **
names_slot(const struct names_map *m, const char *provider, const char *id)
{
	struct names_rec **pp;

	if (m->n_buckets == 0)
		return NULL;
	pp = &m->buckets[names_hash(provider, id) & (m->n_buckets - 1)];
	for (; *pp != NULL; pp = &(*pp)->next) {
		if (strcmp((*pp)->id, id) == 0 &&
		    strcmp((*pp)->provider, provider) == 0)
			break;
	}
	return pp;
}

/* Doubles the table when it is full (one record per bucket on average). */
static void
names_grow(struct names_map *m)
{
	struct names_rec **old = m->buckets, *r, *next;
	size_t n_old = m->n_buckets, i, k;

	if (m->n < m->n_buckets)
		return;
	m->n_buckets = n_old ? n_old * 2 : 64;
	m->buckets = xcalloc(m->n_buckets, sizeof *m->buckets);
	for (i = 0; i < n_old; i++) {
		for (r = old[i]; r != NULL; r = next) {
			next = r->next;
			k = names_hash(r->provider, r->id) & (m->n_buckets - 1);
			r->next = m->buckets[k];
			m->buckets[k] = r;
		}
	}
	free(old);
}

/* A new record for provider/id in m; the one it replaces stays alive
 * behind it (strings handed out keep pointing into it). */
static struct names_rec *
names_put(struct names_map *m, const char *provider, const char *id)
{
	struct names_rec **pp, *r = xcalloc(1, sizeof *r);

	names_grow(m);
	pp = names_slot(m, provider, id);
	r->provider = xstrdup(provider);
	r->id = xstrdup(id);
	if (*pp != NULL) {
		r->next = (*pp)->next;
		r->older = *pp;
		(*pp)->next = NULL;
	} else
		m->n++;
	*pp = r;
	return r;
}

static const struct names_rec *
names_get(const struct names_map *m, const char *provider, const char *id)
{
	struct names_rec **pp;

	if (provider == NULL || id == NULL)
		return NULL;
	pp = names_slot(m, provider, id);
	return pp != NULL ? *pp : NULL;
}

void
names_add_org(struct names *n, const char *provider,
    const struct ebox_organization *o)
{
	struct names_rec *r;

	if (provider == NULL || o->id == NULL)
		return;
	r = names_put(&n->orgs, provider, o->id);
	tstring_copy(&r->a, &o->short_name);
	tstring_copy(&r->b, &o->long_name);
}

void
names_add_type(struct names *n, const char *provider,
    const struct ebox_message_type *t)
{
	struct names_rec *r;

	if (provider == NULL || t->id == NULL)
		return;
	r = names_put(&n->types, provider, t->id);
	tstring_copy(&r->a, &t->name);
}

const char *
names_sender(const struct names *n, const char *provider, const char *org_id,
    const char *lang)
{
	const struct names_rec *r = names_get(&n->orgs, provider, org_id);
	const char *s;

	if (r == NULL)
		return NULL;
	if ((s = tstring_pick(&r->a, lang, NULL)) == NULL)
		s = tstring_pick(&r->b, lang, NULL);
	return s;
}

const char *
names_sender_long(const struct names *n, const char *provider,
    const char *org_id, const char *lang)
{
	const struct names_rec *r = names_get(&n->orgs, provider, org_id);

	return r != NULL ? tstring_pick(&r->b, lang, NULL) : NULL;
}

const char *
names_type(const struct names *n, const char *provider, const char *type_id,
    const char *lang)
{
	const struct names_rec *r = names_get(&n->types, provider, type_id);

	return r != NULL ? tstring_pick(&r->a, lang, NULL) : NULL;
}
