/* jsonw.c - the one --json schema (doc/json.md), written with yajl's
 * generator.  Server strings are sanitised here too: scripts often print
 * what they parse. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "cmd.h"
#include "ebox/isotime.h"
#include "ebox/sanitize.h"
#include "ebox/xalloc.h"

struct yajl_gen_t *
jsonw_begin(void)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	yajl_gen_config(g, yajl_gen_beautify, 0);
	yajl_gen_config(g, yajl_gen_validate_utf8, 1);
	yajl_gen_map_open(g);
	return g;
}

void
jsonw_end(struct yajl_gen_t *g)
{
	const unsigned char *text;
	size_t len;

	yajl_gen_map_close(g);
	yajl_gen_get_buf(g, &text, &len);
	fwrite(text, 1, len, stdout);
	fputc('\n', stdout);
	yajl_gen_free(g);
}

void
jsonw_flush(struct yajl_gen_t *g)
{
	const unsigned char *text;
	size_t len;

	yajl_gen_get_buf(g, &text, &len);
	fwrite(text, 1, len, stdout);
	yajl_gen_clear(g);
}

void
jsonw_key(struct yajl_gen_t *g, const char *key)
{
	if (key != NULL)
		yajl_gen_string(g, (const unsigned char *)key, strlen(key));
}

void
jsonw_str(struct yajl_gen_t *g, const char *key, const char *value)
{
	char *clean;

	jsonw_key(g, key);
	if (value == NULL) {
		yajl_gen_null(g);
		return;
	}
	clean = sanitize_text(value, SANITIZE_KEEP_NEWLINES |
	    SANITIZE_KEEP_TABS);
	yajl_gen_string(g, (const unsigned char *)clean, strlen(clean));
	free(clean);
}

void
jsonw_int(struct yajl_gen_t *g, const char *key, long long value)
{
	jsonw_key(g, key);
	yajl_gen_integer(g, value);
}

void
jsonw_num(struct yajl_gen_t *g, const char *key, double value)
{
	jsonw_key(g, key);
	yajl_gen_double(g, value);
}

void
jsonw_bool(struct yajl_gen_t *g, const char *key, bool value)
{
	jsonw_key(g, key);
	yajl_gen_bool(g, value);
}

void
jsonw_time(struct yajl_gen_t *g, const char *key, time_t value)
{
	char buf[21];

	if (value == 0) {
		jsonw_key(g, key);
		yajl_gen_null(g);
		return;
	}
	isotime_format(value, buf);
	jsonw_str(g, key, buf);
}

void
jsonw_tstring(struct yajl_gen_t *g, const char *key, const struct tstring *t)
{
	size_t i;

	jsonw_open(g, key);
	for (i = 0; i < 4; i++) {
		char **slot = tstring_slot((struct tstring *)t, tstring_langs[i]);

		if (slot != NULL && *slot != NULL)
			jsonw_str(g, tstring_langs[i], *slot);
	}
	jsonw_close(g);
}

void
jsonw_open(struct yajl_gen_t *g, const char *key)
{
	jsonw_key(g, key);
	yajl_gen_map_open(g);
}

void
jsonw_close(struct yajl_gen_t *g)
{
	yajl_gen_map_close(g);
}

void
jsonw_open_array(struct yajl_gen_t *g, const char *key)
{
	jsonw_key(g, key);
	yajl_gen_array_open(g);
}

void
jsonw_close_array(struct yajl_gen_t *g)
{
	yajl_gen_array_close(g);
}

static void
jsonw_attachment(struct yajl_gen_t *g, const struct ebox_attachment *a,
    size_t index)
{
	jsonw_open(g, NULL);
	jsonw_int(g, "index", (long long)index);
	jsonw_str(g, "id", a->id);
	jsonw_str(g, "fileName", a->file_name);
	jsonw_tstring(g, "title", &a->title);
	jsonw_bool(g, "main", a->main_content);
	jsonw_str(g, "mediaType", a->media_type);
	jsonw_num(g, "sizeKb", a->size_kb);
	jsonw_str(g, "digestMethod", a->digest_method);
	jsonw_str(g, "digest", a->digest_value);
	jsonw_bool(g, "signed", a->is_signed);
	jsonw_close(g);
}

static void
jsonw_payment(struct yajl_gen_t *g, const struct ebox_payment *p)
{
	if (p == NULL) {
		jsonw_key(g, "payment");
		yajl_gen_null(g);
		return;
	}
	jsonw_open(g, "payment");
	jsonw_str(g, "id", p->id);
	jsonw_num(g, "amount", p->amount);
	jsonw_num(g, "vatAmount", p->vat_amount);
	jsonw_str(g, "currency", p->currency);
	jsonw_time(g, "dueDate", p->due_date);
	jsonw_str(g, "iban", p->iban);
	jsonw_str(g, "bic", p->bic);
	jsonw_str(g, "reference", p->reference);
	jsonw_close(g);
}

static void
jsonw_business(struct yajl_gen_t *g, const struct ebox_message *m)
{
	size_t i, j;

	jsonw_open_array(g, "businessData");
	for (i = 0; i < m->n_business; i++) {
		const struct ebox_business_data *b = &m->business[i];

		jsonw_open(g, NULL);
		jsonw_str(g, "key", b->key);
		jsonw_tstring(g, "name", &b->name);
		jsonw_open_array(g, "values");
		for (j = 0; j < b->n_values; j++)
			jsonw_tstring(g, NULL, &b->values[j]);
		jsonw_close_array(g);
		jsonw_close(g);
	}
	jsonw_close_array(g);
}

void
jsonw_message(struct yajl_gen_t *g, const struct app *s,
    const struct mailbox_entry *en, bool detail)
{
	const struct ebox_message *m = en->msg;
	char flags[16];
	size_t i;

	mailbox_flags(&s->mb, en, flags);
	jsonw_open(g, NULL);
	jsonw_str(g, "id", en->short_id);
	jsonw_str(g, "provider", m->provider_id);
	jsonw_str(g, "messageId", m->id);
	jsonw_str(g, "subject", out_subject(s, m));
	jsonw_tstring(g, "subjects", &m->subject);
	jsonw_str(g, "sender", en->sender_name ? en->sender_name :
	    m->sender_org_id);
	jsonw_str(g, "senderOrganizationId", m->sender_org_id);
	jsonw_str(g, "senderApplicationId", m->sender_app_id);
	jsonw_str(g, "messageTypeId", m->message_type_id);
	jsonw_str(g, "messageType", en->type_name);
	jsonw_str(g, "partition", m->partition_id);
	jsonw_time(g, "received", m->receipt_date);
	jsonw_time(g, "expires", m->expiration_date);
	jsonw_str(g, "flags", flags);
	jsonw_bool(g, "read", m->read);
	jsonw_bool(g, "visible", m->visible);
	jsonw_bool(g, "registered", m->registered);
	jsonw_bool(g, "expiring", mailbox_is_expiring(&s->mb, m));
	jsonw_bool(g, "replyAuthorized", m->reply_authorized);
	jsonw_bool(g, "bodyMain", m->body_main);
	jsonw_bool(g, "hasPayment", m->payment != NULL);
	jsonw_int(g, "documents", (long long)en->n_documents);
	jsonw_bool(g, "onServer", en->on_server);
	jsonw_bool(g, "stale", en->stale);
	if (m->payment != NULL)
		jsonw_bool(g, "paid", en->paid);
	if (detail) {
		if (m->has_body)
			jsonw_tstring(g, "body", &m->body);
		jsonw_business(g, m);
		jsonw_payment(g, m->payment);
		jsonw_open_array(g, "attachments");
		for (i = 0; i < m->n_attachments; i++)
			jsonw_attachment(g, &m->attachments[i], i + 1);
		jsonw_close_array(g);
	}
	jsonw_close(g);
}

/* One provider: what this process saw of it (src, when it asked), what
 * the store remembers (sp: the last sync's figures). */
static void
jsonw_provider(struct yajl_gen_t *g, struct app *s,
    const struct ebox_source *src, const struct store_provider *sp)
{
	const struct tstring *name = src != NULL ? &src->info.name : &sp->name;

	jsonw_open(g, NULL);
	jsonw_str(g, "id", src != NULL ? src->info.id : sp->id);
	jsonw_str(g, "name", tstring_pick(name, s->lang, NULL));
	jsonw_str(g, "url", src != NULL ? src->info.url : sp->url);
	jsonw_str(g, "apiVersion", src != NULL ? src->info.api_version :
	    sp->api_version);
	jsonw_str(g, "state", src != NULL ? provider_state_names[src->state] :
	    "offline");
	jsonw_str(g, "error", src != NULL && src->err.msg[0] ? src->err.msg :
	    sp != NULL ? sp->error : NULL);
	jsonw_int(g, "messages", src != NULL && src->total > 0 ? src->total :
	    src != NULL ? src->received : 0);
	jsonw_int(g, "rejected", sp != NULL ? sp->rejected : 0);
	jsonw_str(g, "rejectedReason", sp != NULL ? sp->rejected_reason : NULL);
	jsonw_time(g, "lastSync", sp != NULL ? sp->last_sync : 0);
	jsonw_time(g, "lastFullSync", sp != NULL ? sp->last_full : 0);
	jsonw_close(g);
}

/* The providers of the registry when this process asked it, then those
 * only the store remembers (offline, or gone from the registry). */
void
jsonw_providers(struct yajl_gen_t *g, struct app *s)
{
	struct store_provider *sp = NULL;
	struct ebox_source *src;
	size_t i, j, n = 0, n_src = 0;
	bool *listed;
	struct err e;

	if (store_providers(s->store, &sp, &n, &e) != 0)
		n = 0;
	listed = xcalloc(n + 1, sizeof *listed);
	src = ebox_client_sources(s->client, &n_src);
	jsonw_open_array(g, "providers");
	for (i = 0; i < n_src; i++) {
		for (j = 0; j < n && strcmp(sp[j].id, src[i].info.id) != 0; j++)
			;
		if (j < n)
			listed[j] = true;
		jsonw_provider(g, s, &src[i], j < n ? &sp[j] : NULL);
	}
	for (j = 0; j < n; j++) {
		if (!listed[j])
			jsonw_provider(g, s, NULL, &sp[j]);
		store_provider_done(&sp[j]);
	}
	jsonw_close_array(g);
	free(listed);
	free(sp);
}
