/* store-load.c - a whole message back from its columns, field by field
 * (no JSON round trip through the server's decoders). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/xalloc.h"
#include "store-private.h"

/* The row's columns, in the order store_load_fill reads them. */
static const char store_load_sql[] =
	"SELECT provider, id, original_id, subject_nl, subject_fr,"
	" subject_de, subject_en, received, expires, flags, fta_id, fta_type,"
	" fta_name, message_type, sender_org, sender_app, partition,"
	" payment_amount IS NOT NULL, payment_id, payment_amount, payment_vat,"
	" payment_currency, payment_due, payment_iban, payment_bic,"
	" payment_reference, has_body, body_nl, body_fr, body_de, body_en"
	" FROM messages WHERE rowid = ?1";

static void
store_load_fill(sqlite3_stmt *st, struct ebox_message *m)
{
	struct ebox_payment *p;
	int flags;

	m->provider_id = store_col_str(st, 0);
	m->id = store_col_str(st, 1);
	m->original_id = store_col_str(st, 2);
	store_col_tstring(st, 3, &m->subject);
	m->receipt_date = store_col_time(st, 7);
	m->expiration_date = store_col_time(st, 8);
	flags = sqlite3_column_int(st, 9);
	m->read = (flags & STORE_BIT_READ) != 0;
	m->visible = (flags & STORE_BIT_VISIBLE) != 0;
	m->registered = (flags & STORE_BIT_REGISTERED) != 0;
	m->body_main = (flags & STORE_BIT_BODY_MAIN) != 0;
	m->reply_authorized = (flags & STORE_BIT_REPLY) != 0;
	m->fta_id = store_col_str(st, 10);
	m->fta_type = store_col_str(st, 11);
	m->fta_name = store_col_str(st, 12);
	m->message_type_id = store_col_str(st, 13);
	m->sender_org_id = store_col_str(st, 14);
	m->sender_app_id = store_col_str(st, 15);
	m->partition_id = store_col_str(st, 16);
	if (sqlite3_column_int(st, 17)) {
		p = m->payment = xcalloc(1, sizeof *p);
		p->id = store_col_str(st, 18);
		p->amount = sqlite3_column_double(st, 19);
		p->vat_amount = sqlite3_column_double(st, 20);
		p->currency = store_col_str(st, 21);
		p->due_date = store_col_time(st, 22);
		p->iban = store_col_str(st, 23);
		p->bic = store_col_str(st, 24);
		p->reference = store_col_str(st, 25);
	}
	m->has_body = sqlite3_column_int(st, 26) != 0;
	if (m->has_body)
		store_col_tstring(st, 27, &m->body);
}

int
store_message_load(struct store *s, int64_t rowid, struct ebox_message **out,
    struct err *e)
{
	struct ebox_message *m = NULL;
	sqlite3_stmt *st;
	int r, rc;

	*out = NULL;
	if ((r = store_stmt(s, STORE_Q_MSG_LOAD, store_load_sql, &st, e)) != 0)
		return r;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		m = xcalloc(1, sizeof *m);
		store_load_fill(st, m);
	} else if (rc == SQLITE_DONE)
		r = err_set(e, ERR_NOTFOUND, _("%s holds no message number "
		    "%lld"), s->file, (long long)rowid);
	else
		r = store_sqlerr(s, rc, e);
	store_stmt_done(st);
	if (r == 0 && (r = store_attachments_load(s, rowid, m, e)) == 0)
		r = store_business_load(s, rowid, m, e);
	if (r != 0) {
		ebox_message_free(m);
		return r;
	}
	*out = m;
	return 0;
}
