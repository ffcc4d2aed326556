/* render.c - one message as labelled lines for `show` and the pager. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ebox/i18n.h"
#include "ebox/isotime.h"
#include "ebox/pay.h"
#include "ebox/render.h"
#include "ebox/sanitize.h"
#include "ebox/text.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

#define RENDER_DAY ((time_t)86400)
#define RENDER_INDENT 2         /* sections below the header block */
#define RENDER_NAME_COLS 40     /* document names wider than this are not
                                   padded: one long name must not push
                                   every other row off the screen */

/* Short words for the media types of the v2.1 enum (and the aliases the
 * API reference says senders use); anything else shows as it came. */
static const struct {
	const char *type;
	const char *word;
} render_media_words[] = {
	{ "application/pdf", "PDF" },
	{ "text/csv", "CSV" },
	{ "application/zip", "ZIP" },
	{ "text/html", "HTML" },
	{ "text/plain", N_("plain text") },
	{ "text/xml", "XML" },
	{ "application/xml", "XML" },
	{ "application/vnd.oasis.opendocument.text", "ODT" },
	{ "application/vnd.oasis.opendocument.spreadsheet", "ODS" },
	{ "application/vnd.oasis.opendocument.presentation", "ODP" },
	{ "application/vnd.oasis.opendocument.graphics", "ODG" },
	{ "application/vnd.ms-excel", "XLS" },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    "XLSX" },
	{ "application/vnd.ms-powerpoint", "PPT" },
	{ "application/msword", "DOC" },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document", "DOCX" },
	{ "image/jpeg", "JPEG" },
	{ "image/png", "PNG" },
};

/* --- lines ------------------------------------------------------------- */

/* Appends a line; takes ownership of label and text (text NULL gives ""). */
static struct render_line *
render_add(struct render *r, enum render_kind kind, char *label, char *text,
    int indent)
{
	struct render_line *l;
	size_t cap;

	/* Capacity is implied by n: 8, then doubling at each power of two. */
	if (r->n == 0 || (r->n >= 8 && (r->n & (r->n - 1)) == 0)) {
		cap = r->n == 0 ? 8 : r->n * 2;
		r->lines = xreallocarray(r->lines, cap, sizeof *r->lines);
	}
	l = &r->lines[r->n++];
	l->kind = kind;
	l->label = label;
	l->text = text != NULL ? text : xstrdup("");
	l->doc = -1;
	l->indent = indent;
	return l;
}

static void
render_blank(struct render *r)
{
	render_add(r, RENDER_BLANK, NULL, NULL, 0);
}

static void
render_heading(struct render *r, const char *title)
{
	render_blank(r);
	render_add(r, RENDER_HEADING, NULL, xstrdup(title), 0);
}

/* A field whose value is already clean (owned); empty values are left out
 * because a label with nothing after it says nothing. */
static void
render_field_owned(struct render *r, const char *label, char *value,
    int indent)
{
	if (value == NULL || *value == '\0') {
		free(value);
		return;
	}
	render_add(r, RENDER_FIELD, xstrdup(label), value, indent);
}

/* A field from server text, sanitised to one line; the space a trailing
 * newline became is trimmed with the rest. */
static void
render_field(struct render *r, const char *label, const char *value,
    int indent)
{
	char *clean;

	if (value == NULL || *value == '\0')
		return;
	clean = sanitize_text(value, 0);
	text_trim(clean);
	render_field_owned(r, label, clean, indent);
}

/* --- formatting -------------------------------------------------------- */

void
render_days(time_t t, time_t now, char *buf, size_t n)
{
	long days = isotime_days_until(t, now);

	if (days == 0)
		snprintf(buf, n, "%s", _("today"));
	else if (days == 1)
		snprintf(buf, n, "%s", _("tomorrow"));
	else if (days == -1)
		snprintf(buf, n, "%s", _("yesterday"));
	else if (days > 1)
		snprintf(buf, n, ngettext("in %ld day", "in %ld days",
		    (unsigned long)days), days);
	else
		snprintf(buf, n, ngettext("%ld day ago", "%ld days ago",
		    (unsigned long)-days), -days);
}

/* An amount in the reader's conventions ("1 234,56 €", "€ 1.234,56"). */
static char *
render_amount(double v, const char *currency, const char *lang)
{
	char buf[128], *cur = currency ? sanitize_text(currency, 0) : NULL;

	text_money(buf, sizeof buf, v, cur && *cur ? cur : NULL, lang);
	free(cur);
	return xstrdup(buf);
}

/* Local date and time: "2024-06-13 09:26", "13/06/2024 09:26". */
static void
render_datetime(time_t t, char *buf, size_t n, const char *lang)
{
	char date[16];
	struct tm tm;

	text_date(date, sizeof date, t, lang);
	if (localtime_r(&t, &tm) == NULL)
		snprintf(buf, n, "?");
	else
		snprintf(buf, n, "%s %02d:%02d", date, tm.tm_hour, tm.tm_min);
}

/* "2024-06-13 (in 12 days)", or past_word when before now. */
static char *
render_date_days(time_t t, time_t now, bool past, const char *past_word,
    const char *lang)
{
	char date[16], days[48];

	text_date(date, sizeof date, t, lang);
	if (past)
		return xasprintf("%s (%s)", date, past_word);
	render_days(t, now, days, sizeof days);
	return xasprintf("%s (%s)", date, days);
}

/* The IBAN in groups of four, sanitised: it is the sender's text. */
static char *
render_iban(const char *iban)
{
	char *clean = sanitize_text(iban, 0), *out = pay_iban_groups(clean);

	free(clean);
	return out;
}

static const char *
render_media_word(const char *type)
{
	size_t i, len;

	if (type == NULL)
		return NULL;
	/* Ignore parameters: "text/plain; charset=utf-8" is still text. */
	len = strcspn(type, "; ");
	for (i = 0; i < sizeof render_media_words /
	    sizeof render_media_words[0]; i++) {
		if (strlen(render_media_words[i].type) == len &&
		    strncasecmp(render_media_words[i].type, type, len) == 0)
			return _(render_media_words[i].word);
	}
	return type;
}

/* --- header block ------------------------------------------------------ */

static void
render_subject(struct render *r, const struct ebox_message *m,
    const struct render_opts *o)
{
	const char *used = NULL, *subject;
	char *clean, *value;

	subject = tstring_pick(&m->subject, o->lang, &used);
	if (subject == NULL) {
		/* The text then says which language the message came in. */
		if (m->has_body)
			tstring_pick(&m->body, o->lang, &used);
	}
	if (used != NULL) {
		const char *want = o->preferred != NULL ? o->preferred : o->lang;

		r->lang_used = xstrdup(used);
		r->fell_back = want != NULL && strcmp(used, want) != 0;
	}
	if (subject == NULL) {
		render_field(r, _("Subject:"), _("(no subject)"), 0);
		return;
	}
	clean = text_trim(sanitize_text(subject, 0));
	if (*clean == '\0') {
		/* Only controls or spaces: as good as none. */
		free(clean);
		clean = xstrdup(_("(no subject)"));
	}
	if (r->fell_back) {
		/* The language by name: a code means nothing to a listener. */
		value = xasprintf("%s [%s]", clean, i18n_lang_name(used));
		free(clean);
	} else
		value = clean;
	render_field_owned(r, _("Subject:"), value, 0);
}

static void
render_from(struct render *r, const struct mailbox_entry *en,
    const struct render_opts *o)
{
	const char *name = en->sender_name, *org = en->msg->sender_org_id;
	const char *lng = o->sender_long;
	/* A reply from here names whom it went to. */
	const char *label = en->sent != MAILBOX_RECEIVED ? _("To:") :
	    _("From:");
	char *s;

	if (name == NULL || *name == '\0')
		name = lng;
	if (org != NULL && *org == '\0')
		org = NULL;
	if (name == NULL || *name == '\0') {
		render_field(r, label, org != NULL ? org : _("(unknown sender)"),
		    0);
		return;
	}
	if (lng != NULL && *lng != '\0' && strcmp(lng, name) != 0)
		s = xasprintf("%s — %s%s%s%s", name, lng, org ? " (" : "",
		    org ? org : "", org ? ")" : "");
	else
		s = xasprintf("%s%s%s%s", name, org ? " (" : "",
		    org ? org : "", org ? ")" : "");
	render_field(r, label, s, 0);
	free(s);
}

static void
render_dates(struct render *r, const struct ebox_message *m,
    const struct render_opts *o)
{
	char buf[32];

	if (m->receipt_date != 0) {
		render_datetime(m->receipt_date, buf, sizeof buf, o->lang);
		render_field(r, _("Received:"), buf, 0);
	}
	/* The server deletes a message at its expiration instant. */
	if (m->expiration_date != 0)
		render_field_owned(r, _("Expires:"),
		    render_date_days(m->expiration_date, o->now,
		    m->expiration_date <= o->now, _("expired"), o->lang), 0);
}

static void
render_status(struct render *r, const struct ebox_message *m)
{
	char *s;

	s = xasprintf("%s%s%s%s%s", m->read ? _("read") : _("unread"),
	    m->registered ? _(", registered mail") : "",
	    m->visible ? "" : _(", hidden"),
	    m->reply_authorized ? _(", reply allowed") : "",
	    m->payment != NULL ? _(", payment requested") : "");
	render_field_owned(r, _("Status:"), s, 0);
}

static void
render_for(struct render *r, const struct ebox_message *m)
{
	const char *name = m->fta_name, *id = m->fta_id;
	char *s;

	if (name != NULL && *name == '\0')
		name = NULL;
	if (id != NULL && *id == '\0')
		id = NULL;
	if (name != NULL && id != NULL) {
		s = xasprintf("%s (%s)", name, id);
		render_field(r, _("For:"), s, 0);
		free(s);
	} else
		render_field(r, _("For:"), name != NULL ? name : id, 0);
}

static void
render_header(struct render *r, const struct mailbox_entry *en,
    const struct render_opts *o)
{
	const struct ebox_message *m = en->msg;

	render_subject(r, m, o);
	render_from(r, en, o);
	if (en->sent != MAILBOX_RECEIVED) {
		char buf[32];

		render_datetime(m->receipt_date, buf, sizeof buf, o->lang);
		render_field(r, en->sent == MAILBOX_SENT ? _("Sent:") :
		    _("Written:"), buf, 0);
		render_field(r, _("Status:"), en->sent_note, 0);
		return;
	}
	render_field(r, _("Type:"), en->type_name != NULL ? en->type_name :
	    m->message_type_id, 0);
	render_field(r, _("Service:"), o->app_name, 0);
	render_dates(r, m, o);
	render_status(r, m);
	render_for(r, m);
	render_field(r, _("Partition:"), m->partition_id, 0);
}

/* --- notices ----------------------------------------------------------- */

/* Same rule as mailbox_is_expiring(), which needs a whole mailbox. */
static bool
render_expiring(const struct ebox_message *m, const struct render_opts *o)
{
	if (m->read || m->expiration_date == 0 ||
	    m->expiration_date <= o->now)
		return false;
	return m->expiration_date - o->now <=
	    (time_t)o->expiring_days * RENDER_DAY;
}

static void
render_notices(struct render *r, const struct ebox_message *m,
    const struct render_opts *o)
{
	char days[48];
	bool expiring = render_expiring(m, o);

	if (!m->registered && !o->body_withheld && !expiring)
		return;
	render_blank(r);
	if (m->registered)
		render_add(r, RENDER_NOTICE, NULL, xstrdup(_("Registered mail: "
		    "opening its main document creates a legal proof of "
		    "reading for the sender.")), 0);
	if (o->body_withheld)
		render_add(r, RENDER_NOTICE, NULL, xstrdup(_("Its text is its "
		    "main content; it is shown only after you confirm.")), 0);
	if (expiring) {
		render_days(m->expiration_date, o->now, days, sizeof days);
		render_add(r, RENDER_NOTICE, NULL, xasprintf(_("This message "
		    "expires %s: save what you need."), days), 0);
	}
}

/* --- text -------------------------------------------------------------- */

/* One TEXT line per line of the body; blank lines inside are kept (they
 * are paragraphs), those at either end are dropped. */
static void
render_body(struct render *r, const struct ebox_message *m,
    const struct render_opts *o)
{
	const char *text;
	char *clean, *start, *end, *nl;

	if (o->body_withheld || !m->has_body)
		return;
	if ((text = tstring_pick(&m->body, o->lang, NULL)) == NULL)
		return;
	clean = sanitize_text(text, SANITIZE_KEEP_NEWLINES);
	start = clean + strspn(clean, "\n");
	end = start + strlen(start);
	while (end > start && end[-1] == '\n')
		end--;
	*end = '\0';
	if (*start != '\0') {
		render_blank(r);
		for (;;) {
			nl = strchr(start, '\n');
			render_add(r, RENDER_TEXT, NULL, nl != NULL ?
			    xstrndup(start, (size_t)(nl - start)) :
			    xstrdup(start), RENDER_INDENT);
			if (nl == NULL)
				break;
			start = nl + 1;
		}
	}
	free(clean);
}

/* --- business data, payment, documents --------------------------------- */

static void
render_business_item(struct render *r, const struct ebox_business_data *b,
    const struct render_opts *o)
{
	const char *name = tstring_pick(&b->name, o->lang, NULL), *v;
	char *label, *clean, *value = NULL, *joined;
	size_t i;

	if (name == NULL || *name == '\0')
		name = b->key != NULL && *b->key != '\0' ? b->key : "?";
	for (i = 0; i < b->n_values; i++) {
		if ((v = tstring_pick(&b->values[i], o->lang, NULL)) == NULL ||
		    *v == '\0')
			continue;
		clean = text_trim(sanitize_text(v, 0));
		if (value == NULL)
			value = clean;
		else {
			joined = xasprintf("%s, %s", value, clean);
			free(value);
			free(clean);
			value = joined;
		}
	}
	/* A name without values still tells what the sender meant to say. */
	clean = text_trim(sanitize_text(name, 0));
	/* TRANSLATORS: a label made of the sender's own words and a colon
	 * (French: "%s :"). */
	label = xasprintf(_("%s:"), clean);
	free(clean);
	render_add(r, RENDER_FIELD, label, value, RENDER_INDENT);
}

static void
render_business(struct render *r, const struct ebox_message *m,
    const struct render_opts *o)
{
	size_t i;

	if (m->n_business == 0)
		return;
	render_heading(r, _("Details"));
	for (i = 0; i < m->n_business; i++)
		render_business_item(r, &m->business[i], o);
}

static void
render_payment(struct render *r, const struct ebox_payment *p,
    const struct render_opts *o)
{
	if (p == NULL)
		return;
	render_heading(r, _("Payment"));
	render_field_owned(r, _("Amount:"), render_amount(p->amount,
	    p->currency, o->lang),
	    RENDER_INDENT);
	render_field_owned(r, _("VAT:"), render_amount(p->vat_amount,
	    p->currency, o->lang), RENDER_INDENT);
	/* Due on a calendar day: the whole of that day is still in time. */
	if (p->due_date != 0)
		render_field_owned(r, _("Due:"), render_date_days(p->due_date,
		    o->now, isotime_days_until(p->due_date, o->now) < 0,
		    _("overdue"), o->lang), RENDER_INDENT);
	if (p->iban != NULL && *p->iban != '\0')
		render_field_owned(r, _("IBAN:"), render_iban(p->iban),
		    RENDER_INDENT);
	render_field(r, _("BIC:"), p->bic, RENDER_INDENT);
	render_field(r, _("Reference:"), p->reference, RENDER_INDENT);
}

/* The clean display name of a document: its file name, else its title. */
static char *
render_document_name(const struct ebox_attachment *a,
    const struct render_opts *o)
{
	const char *name = a->file_name;

	if (name == NULL || *name == '\0')
		name = tstring_pick(&a->title, o->lang, NULL);
	return text_trim(sanitize_text(name != NULL && *name != '\0' ? name :
	    _("(no name)"), 0));
}

/* "1. main   name.pdf   PDF, 45.2 kB, signed", names padded to one column
 * so the types line up; "main" and "annex" padded by display width to
 * the wider of the two words, whatever their length in the language. */
static void
render_document(struct render *r, const struct ebox_attachment *a,
    size_t i, const char *name, int cols)
{
	const char *word = render_media_word(a->media_type);
	const char *kind = a->main_content ? _("main") : _("annex");
	int kind_cols = utf8_width(_("main")), pad = cols - utf8_width(name);
	char size[64], *type, *tail, *s;

	if (utf8_width(_("annex")) > kind_cols)
		kind_cols = utf8_width(_("annex"));
	size[0] = '\0';
	if (a->size_kb > 0)
		text_size(size, sizeof size, a->size_kb * 1024);
	type = sanitize_text(word, 0);
	tail = xasprintf("%s%s%s%s", type, *type != '\0' && *size != '\0' ?
	    ", " : "", size, a->is_signed ? _(", signed") : "");
	if (*tail == ',')
		memmove(tail, tail + 2, strlen(tail + 2) + 1);  /* only signed */
	if (*tail == '\0')
		s = xasprintf("%zu. %s%*s  %s", i + 1, kind,
		    kind_cols - utf8_width(kind), "", name);
	else
		s = xasprintf("%zu. %s%*s  %s%*s   %s", i + 1, kind,
		    kind_cols - utf8_width(kind), "", name, pad > 0 ? pad : 0,
		    "", tail);
	free(tail);
	free(type);
	render_add(r, RENDER_DOCUMENT, NULL, s, RENDER_INDENT)->doc = (int)i;
}

static void
render_documents(struct render *r, const struct ebox_message *m,
    const struct render_opts *o)
{
	char **names;
	int cols = 0, w;
	size_t i;

	if (m->n_attachments == 0)
		return;
	names = xcalloc(m->n_attachments, sizeof *names);
	for (i = 0; i < m->n_attachments; i++) {
		names[i] = render_document_name(&m->attachments[i], o);
		w = utf8_width(names[i]);
		if (w > cols && w <= RENDER_NAME_COLS)
			cols = w;
	}
	render_heading(r, _("Documents"));
	for (i = 0; i < m->n_attachments; i++) {
		render_document(r, &m->attachments[i], i, names[i], cols);
		free(names[i]);
	}
	free(names);
}

/* --- entry points ------------------------------------------------------ */

void
render_message(const struct mailbox_entry *en, const struct render_opts *o,
    struct render *out)
{
	const struct ebox_message *m = en->msg;

	memset(out, 0, sizeof *out);
	render_header(out, en, o);
	render_notices(out, m, o);
	render_body(out, m, o);
	render_business(out, m, o);
	render_payment(out, m->payment, o);
	render_documents(out, m, o);
}

void
render_done(struct render *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->lines[i].label);
		free(r->lines[i].text);
	}
	free(r->lines);
	free(r->lang_used);
	memset(r, 0, sizeof *r);
}
