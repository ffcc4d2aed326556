/* store-digest.c - a fingerprint of what the server said about a message,
 * so that a put can tell STORE_SAME from STORE_CHANGED by comparing 16
 * bytes instead of reading the message, its documents and its business
 * data back (a reconciliation lists every message again).
 *
 * Every field goes in with a tag and its length, NULL apart from "", so
 * that two different messages never feed SHA-256 the same bytes.  read,
 * visible (bits of the flags column) and partition are left out: local
 * actions change them too, so they are compared with what is stored one
 * by one (store-message.c).  So is the text, which a listing rarely
 * carries.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>

#include "store-private.h"

/* Fields go to a buffer, hashed once at the end: SHA-256 updates of a
 * few bytes each cost more than the hashing. */
static void
store_digest_bytes(struct buf *ctx, char tag, const void *p, size_t n)
{
	uint64_t len = n;

	(void)buf_append(ctx, &tag, 1);
	(void)buf_append(ctx, &len, sizeof len);
	(void)buf_append(ctx, p, n);
}

static void
store_digest_str(struct buf *ctx, const char *s)
{
	if (s == NULL)
		store_digest_bytes(ctx, 'n', "", 0);
	else
		store_digest_bytes(ctx, 's', s, strlen(s));
}

static void
store_digest_int(struct buf *ctx, int64_t v)
{
	store_digest_bytes(ctx, 'i', &v, sizeof v);
}

static void
store_digest_double(struct buf *ctx, double v)
{
	store_digest_bytes(ctx, 'd', &v, sizeof v);
}

static void
store_digest_tstring(struct buf *ctx, const struct tstring *t)
{
	store_digest_str(ctx, t->nl);
	store_digest_str(ctx, t->fr);
	store_digest_str(ctx, t->de);
	store_digest_str(ctx, t->en);
}

static void
store_digest_attachment(struct buf *ctx, const struct ebox_attachment *a)
{
	store_digest_str(ctx, a->id);
	store_digest_tstring(ctx, &a->title);
	store_digest_str(ctx, a->file_name);
	store_digest_int(ctx, a->main_content);
	store_digest_str(ctx, a->media_type);
	store_digest_double(ctx, a->size_kb);
	store_digest_str(ctx, a->digest_method);
	store_digest_str(ctx, a->digest_value);
	store_digest_int(ctx, a->is_signed);
	store_digest_str(ctx, a->content_href);
}

static void
store_digest_payment(struct buf *ctx, const struct ebox_payment *p)
{
	store_digest_int(ctx, p != NULL);
	if (p == NULL)
		return;
	store_digest_str(ctx, p->id);
	store_digest_double(ctx, p->amount);
	store_digest_double(ctx, p->vat_amount);
	store_digest_str(ctx, p->currency);
	store_digest_int(ctx, (int64_t)p->due_date);
	store_digest_str(ctx, p->iban);
	store_digest_str(ctx, p->bic);
	store_digest_str(ctx, p->reference);
}

static void
store_digest_business(struct buf *ctx, const struct ebox_business_data *b)
{
	size_t i;

	store_digest_str(ctx, b->key);
	store_digest_tstring(ctx, &b->name);
	store_digest_tstring(ctx, &b->description);
	store_digest_int(ctx, (int64_t)b->n_values);
	for (i = 0; i < b->n_values; i++)
		store_digest_tstring(ctx, &b->values[i]);
}

int
store_digest_message(const struct ebox_message *m,
    unsigned char out[STORE_DIGEST_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	struct buf b, *ctx = &b;
	size_t i;
	int r = 0;

	/* Past the cap the digest covers a prefix only: a change beyond
	 * 64 MB of one message's metadata goes unseen, a risk taken. */
	buf_init(&b, STORE_TEXT_MAX);
	store_digest_str(ctx, m->original_id);
	store_digest_tstring(ctx, &m->subject);
	store_digest_int(ctx, (int64_t)m->receipt_date);
	store_digest_int(ctx, (int64_t)m->expiration_date);
	store_digest_int(ctx, m->registered);
	store_digest_int(ctx, m->body_main);
	store_digest_int(ctx, m->reply_authorized);
	store_digest_str(ctx, m->fta_id);
	store_digest_str(ctx, m->fta_type);
	store_digest_str(ctx, m->fta_name);
	store_digest_str(ctx, m->message_type_id);
	store_digest_str(ctx, m->sender_org_id);
	store_digest_str(ctx, m->sender_app_id);
	store_digest_int(ctx, (int64_t)m->n_attachments);
	for (i = 0; i < m->n_attachments; i++)
		store_digest_attachment(ctx, &m->attachments[i]);
	store_digest_payment(ctx, m->payment);
	store_digest_int(ctx, (int64_t)m->n_business);
	for (i = 0; i < m->n_business; i++)
		store_digest_business(ctx, &m->business[i]);
	if (EVP_Digest(b.data != NULL ? b.data : "", b.len, md, &mdlen,
	    EVP_sha256(), NULL) != 1 || mdlen < STORE_DIGEST_LEN) {
		memset(out, 0, STORE_DIGEST_LEN);
		r = -1;
	} else
		memcpy(out, md, STORE_DIGEST_LEN);
	buf_done(&b);
	return r;
}
