/* model.c - freeing, copying and small queries on the eBox data model. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/model.h"
#include "ebox/xalloc.h"

const char *const tstring_langs[4] = { "nl", "fr", "de", "en" };

/* The order tstring_pick() tries when the wanted language is missing. */
static const char *const tstring_fallback[4] = { "en", "fr", "nl", "de" };

void
tstring_done(struct tstring *t)
{
	free(t->nl);
	free(t->fr);
	free(t->de);
	free(t->en);
	memset(t, 0, sizeof *t);
}

void
tstring_copy(struct tstring *dst, const struct tstring *src)
{
	dst->nl = xstrdup(src->nl);
	dst->fr = xstrdup(src->fr);
	dst->de = xstrdup(src->de);
	dst->en = xstrdup(src->en);
}

char **
tstring_slot(struct tstring *t, const char *lang)
{
	char **slots[4] = { &t->nl, &t->fr, &t->de, &t->en };
	size_t i;

	if (lang == NULL)
		return NULL;
	for (i = 0; i < 4; i++) {
		if (strcmp(lang, tstring_langs[i]) == 0)
			return slots[i];
	}
	return NULL;
}

/* The text in lang when set and not empty, else NULL. */
static const char *
tstring_get(const struct tstring *t, const char *lang)
{
	char **slot = tstring_slot((struct tstring *)t, lang);

	if (slot == NULL || *slot == NULL || **slot == '\0')
		return NULL;
	return *slot;
}

const char *
tstring_pick(const struct tstring *t, const char *lang, const char **used)
{
	const char *s;
	size_t i;

	if (t == NULL)
		return NULL;
	if ((s = tstring_get(t, lang)) != NULL)
		goto found;
	for (i = 0; i < 4; i++) {
		lang = tstring_fallback[i];
		if ((s = tstring_get(t, lang)) != NULL)
			goto found;
	}
	if (used != NULL)
		*used = NULL;
	return NULL;

found:
	if (used != NULL) {
		/* Hand out the table's string, never the caller's. */
		for (i = 0; i < 4; i++) {
			if (strcmp(lang, tstring_langs[i]) == 0)
				*used = tstring_langs[i];
		}
	}
	return s;
}

bool
tstring_empty(const struct tstring *t)
{
	return tstring_pick(t, NULL, NULL) == NULL;
}

void
ebox_attachment_done(struct ebox_attachment *a)
{
	free(a->id);
	tstring_done(&a->title);
	free(a->file_name);
	free(a->media_type);
	free(a->digest_method);
	free(a->digest_value);
	free(a->content_href);
	memset(a, 0, sizeof *a);
}

/* A deep copy of one attachment into dst. */
static void
ebox_attachment_copy(struct ebox_attachment *dst,
    const struct ebox_attachment *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	tstring_copy(&dst->title, &src->title);
	dst->file_name = xstrdup(src->file_name);
	dst->media_type = xstrdup(src->media_type);
	dst->digest_method = xstrdup(src->digest_method);
	dst->digest_value = xstrdup(src->digest_value);
	dst->content_href = xstrdup(src->content_href);
}

void
ebox_payment_free(struct ebox_payment *p)
{
	if (p == NULL)
		return;
	free(p->id);
	free(p->currency);
	free(p->iban);
	free(p->bic);
	free(p->reference);
	free(p);
}

static struct ebox_payment *
ebox_payment_dup(const struct ebox_payment *src)
{
	struct ebox_payment *p;

	if (src == NULL)
		return NULL;
	p = xmalloc(sizeof *p);
	*p = *src;
	p->id = xstrdup(src->id);
	p->currency = xstrdup(src->currency);
	p->iban = xstrdup(src->iban);
	p->bic = xstrdup(src->bic);
	p->reference = xstrdup(src->reference);
	return p;
}

void
ebox_business_data_done(struct ebox_business_data *b)
{
	size_t i;

	free(b->key);
	tstring_done(&b->name);
	tstring_done(&b->description);
	for (i = 0; i < b->n_values; i++)
		tstring_done(&b->values[i]);
	free(b->values);
	memset(b, 0, sizeof *b);
}

static void
ebox_business_data_copy(struct ebox_business_data *dst,
    const struct ebox_business_data *src)
{
	size_t i;

	dst->key = xstrdup(src->key);
	tstring_copy(&dst->name, &src->name);
	tstring_copy(&dst->description, &src->description);
	dst->n_values = src->n_values;
	dst->values = NULL;
	if (src->n_values != 0) {
		dst->values = xcalloc(src->n_values, sizeof *dst->values);
		for (i = 0; i < src->n_values; i++)
			tstring_copy(&dst->values[i], &src->values[i]);
	}
}

void
ebox_message_free(struct ebox_message *m)
{
	if (m == NULL)
		return;
	ebox_message_clear(m);
	free(m);
}

void
ebox_message_clear(struct ebox_message *m)
{
	size_t i;

	free(m->provider_id);
	free(m->id);
	free(m->original_id);
	tstring_done(&m->subject);
	free(m->fta_id);
	free(m->fta_type);
	free(m->fta_name);
	free(m->message_type_id);
	free(m->sender_org_id);
	free(m->sender_app_id);
	free(m->partition_id);
	for (i = 0; i < m->n_attachments; i++)
		ebox_attachment_done(&m->attachments[i]);
	free(m->attachments);
	ebox_payment_free(m->payment);
	for (i = 0; i < m->n_business; i++)
		ebox_business_data_done(&m->business[i]);
	free(m->business);
	tstring_done(&m->body);
	memset(m, 0, sizeof *m);
}

void
ebox_message_lean(struct ebox_message *m)
{
	size_t i;

	for (i = 0; i < m->n_attachments; i++)
		ebox_attachment_done(&m->attachments[i]);
	free(m->attachments);
	m->attachments = NULL;
	m->n_attachments = 0;
	for (i = 0; i < m->n_business; i++)
		ebox_business_data_done(&m->business[i]);
	free(m->business);
	m->business = NULL;
	m->n_business = 0;
	tstring_done(&m->body);
	m->has_body = false;
	free(m->original_id);
	m->original_id = NULL;
	free(m->fta_id);
	free(m->fta_type);
	m->fta_id = m->fta_type = NULL;
	if (m->payment != NULL) {
		free(m->payment->id);
		free(m->payment->iban);
		free(m->payment->bic);
		free(m->payment->reference);
		m->payment->id = m->payment->iban = m->payment->bic =
		    m->payment->reference = NULL;
	}
}

struct ebox_message *
ebox_message_dup(const struct ebox_message *src)
{
	struct ebox_message *m = xmalloc(sizeof *m);
	size_t i;

	*m = *src;
	m->provider_id = xstrdup(src->provider_id);
	m->id = xstrdup(src->id);
	m->original_id = xstrdup(src->original_id);
	tstring_copy(&m->subject, &src->subject);
	m->fta_id = xstrdup(src->fta_id);
	m->fta_type = xstrdup(src->fta_type);
	m->fta_name = xstrdup(src->fta_name);
	m->message_type_id = xstrdup(src->message_type_id);
	m->sender_org_id = xstrdup(src->sender_org_id);
	m->sender_app_id = xstrdup(src->sender_app_id);
	m->partition_id = xstrdup(src->partition_id);
	m->attachments = NULL;
	if (src->n_attachments != 0) {
		m->attachments = xcalloc(src->n_attachments,
		    sizeof *m->attachments);
		for (i = 0; i < src->n_attachments; i++)
			ebox_attachment_copy(&m->attachments[i],
			    &src->attachments[i]);
	}
	m->payment = ebox_payment_dup(src->payment);
	m->business = NULL;
	if (src->n_business != 0) {
		m->business = xcalloc(src->n_business, sizeof *m->business);
		for (i = 0; i < src->n_business; i++)
			ebox_business_data_copy(&m->business[i],
			    &src->business[i]);
	}
	tstring_copy(&m->body, &src->body);
	return m;
}

const struct ebox_attachment *
ebox_message_main(const struct ebox_message *m)
{
	size_t i;

	if (m == NULL || m->body_main)
		return NULL;
	for (i = 0; i < m->n_attachments; i++) {
		if (m->attachments[i].main_content)
			return &m->attachments[i];
	}
	return NULL;
}

void
ebox_message_list_done(struct ebox_message_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		ebox_message_free(l->items[i]);
	free(l->items);
	free(l->rejected_reason);
	memset(l, 0, sizeof *l);
}

void
ebox_provider_done(struct ebox_provider *p)
{
	free(p->id);
	tstring_done(&p->name);
	tstring_done(&p->description);
	free(p->url);
	free(p->api_version);
	free(p->technical_contact);
	free(p->maintenance);
	memset(p, 0, sizeof *p);
}

bool
ebox_provider_active(const struct ebox_provider *p, time_t now,
    const char **why)
{
	const char *reason = NULL;
	size_t i;

	/* Marked here, translated by whoever shows them. */
	if (p->activation != 0 && now < p->activation)
		reason = N_("not active yet");
	else if (p->deactivation != 0 && now >= p->deactivation)
		reason = N_("deactivated");
	for (i = 0; reason == NULL && i < p->n_maintenance; i++) {
		if (now >= p->maintenance[i].start &&
		    now < p->maintenance[i].end)
			reason = N_("down for planned maintenance");
	}
	if (why != NULL)
		*why = reason;
	return reason == NULL;
}

void
ebox_message_type_done(struct ebox_message_type *t)
{
	free(t->id);
	tstring_done(&t->name);
	tstring_done(&t->description);
	free(t->validity_unit);
	memset(t, 0, sizeof *t);
}

void
ebox_organization_done(struct ebox_organization *o)
{
	free(o->id);
	tstring_done(&o->short_name);
	tstring_done(&o->long_name);
	tstring_done(&o->url);
	memset(o, 0, sizeof *o);
}

void
ebox_application_done(struct ebox_application *a)
{
	free(a->id);
	tstring_done(&a->name);
	tstring_done(&a->description);
	tstring_done(&a->url);
	memset(a, 0, sizeof *a);
}

void
ebox_status_done(struct ebox_status *s)
{
	free(s->id);
	free(s->code);
	free(s->message);
	free(s->contact);
	free(s->environment);
	free(s->message_id);
	free(s->expiration_date);
	memset(s, 0, sizeof *s);
}
