/* client-private.h - what client.c and client-sources.c share inside
 * src/ebox/. */
#ifndef EBOX_CLIENT_PRIVATE_H
#define EBOX_CLIENT_PRIVATE_H

#include "ebox/buf.h"
#include "ebox/client.h"

enum refdata_kind { REFDATA_NONE, REFDATA_ORGS, REFDATA_TYPES };

/* Paging state of a reference-data request (refdata != NONE). */
struct call_page {
	enum refdata_kind refdata;
	int page;
};

/* Reference data of one provider: ids are only meaningful there. */
struct refcache {
	struct ebox_organization *orgs;
	size_t n_orgs;
	struct ebox_message_type *types;
	size_t n_types;
	bool loaded;
};

/* Waits for both reference lists of one provider. */
struct refdata_wait {
	ebox_refdata_fn fn;
	void *ud;
	int pending;
	bool serial;                    /* the types only after the
	                                   organisations: one request at a
	                                   time */
	struct err err;
	struct auth_call *calls[2];     /* in flight: organisations, types */
};

struct ebox_client {
	struct net *net;
	struct auth *auth;
	char *registry_url;
	char *provider_url;
	int page_size;
	const char *lang;                /* of provider names in sentences */
	struct ebox_source registry;     /* pseudo-source: the registry root */
	struct ebox_source *sources;     /* fixed once the registry answered */
	struct refcache *refcaches;      /* parallel to sources */
	size_t n_sources;
	bool sources_known;
};

struct refcache *client_refcache(struct ebox_client *c,
    const struct ebox_source *s);
void refcache_clear(struct refcache *rc);
/* A new URL: the provider's root + the printf-formatted relative path. */
char *client_url(const struct ebox_source *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *client_refdata_url(const struct ebox_source *s,
    const struct call_page *p);
char *client_messages_path(const struct ebox_query *q, int page_size);
char *client_visible_body(const char *const *ids, size_t n, bool visible);
/* A JSON string literal for s, quotes included; a new string. */
char *client_json_string(const char *s);

#endif
