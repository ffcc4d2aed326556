/* reply.c - composing, recording and publishing a reply (reply.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/evp.h>
#include <yajl/yajl_gen.h>

#include "ebox/buf.h"
#include "ebox/decode.h"
#include "ebox/i18n.h"
#include "ebox/isotime.h"
#include "ebox/log.h"
#include "ebox/multipart.h"
#include "ebox/reply.h"
#include "ebox/safefile.h"
#include "ebox/text.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"

#define REPLY_KEY_PREFIX "ebox-tui-"
#define REPLY_ID_PREFIX "sent-"         /* Sent folder entries' ids */

int
reply_check(const struct mailbox_entry *en, struct err *e)
{
	if (en->sent != MAILBOX_RECEIVED)
		return err_set(e, ERR_USAGE, _("This is a reply you wrote: r on it "
		    "sends it again when it was not sent."));
	if (!en->msg->reply_authorized)
		return err_set(e, ERR_USAGE, _("The sender does not accept "
		    "replies to this message through the eBox."));
	if (en->msg->sender_org_id == NULL || *en->msg->sender_org_id == '\0')
		return err_set(e, ERR_DATA, _("The message does not say which "
		    "enterprise sent it, so a reply cannot be addressed."));
	return 0;
}

void
reply_done(struct reply *r)
{
	size_t i;

	free(r->provider_id);
	free(r->original_id);
	free(r->recipient);
	free(r->recipient_name);
	free(r->subject);
	free(r->body);
	for (i = 0; i < r->n_files; i++) {
		free(r->files[i].path);
		free(r->files[i].name);
		free(r->files[i].data);
		free(r->files[i].digest);
	}
	memset(r, 0, sizeof *r);
}

/* The first max characters of s (a new string). */
static char *
reply_cut(const char *s, size_t max)
{
	size_t i = 0, n = 0, len = strlen(s), step;
	uint32_t cp;

	while (i < len && n < max) {
		step = utf8_decode(s + i, len - i, &cp);
		i += step ? step : 1;
		n++;
	}
	return xstrndup(s, i);
}

int
reply_set_subject(struct reply *r, const char *subject, struct err *e)
{
	char *copy, *p;

	if (!utf8_valid(subject, strlen(subject)))
		return err_set(e, ERR_USAGE, _("The subject is not valid UTF-8 "
		    "text."));
	copy = xstrdup(subject);
	for (p = copy; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';       /* one line */
	}
	text_trim(copy);
	if (*copy == '\0') {
		free(copy);
		return err_set(e, ERR_USAGE, _("The subject is empty."));
	}
	free(r->subject);
	r->subject = reply_cut(copy, REPLY_MAX_SUBJECT);
	free(copy);
	return 0;
}

int
reply_init(struct reply *r, struct app *a, struct mailbox_entry *en,
    struct err *e)
{
	const char *subject = tstring_pick(&en->msg->subject, a->lang, NULL);
	char *re;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = reply_check(en, e)) != 0)
		return rc;
	if (subject == NULL)
		subject = tstring_pick(&en->msg->subject, NULL, NULL);
	r->provider_id = xstrdup(en->msg->provider_id);
	r->original_id = xstrdup(en->msg->id);
	r->recipient = xstrdup(en->msg->sender_org_id);
	if (en->sender_name != NULL && *en->sender_name != '\0')
		r->recipient_name = xstrdup(en->sender_name);
	snprintf(r->lang, sizeof r->lang, "%s", a->lang);
	/* "Re:" is understood in every language of the eBox. */
	re = xasprintf("Re: %s", subject != NULL ? subject : "");
	if (reply_set_subject(r, re, e) != 0)
		reply_set_subject(r, "Re:", e);
	free(re);
	return 0;
}

int
reply_set_body(struct reply *r, const char *text, size_t len, struct err *e)
{
	struct buf b;
	size_t i;
	char *body;

	if (len > REPLY_MAX_BODY) {
		char max[32];

		text_size(max, sizeof max, REPLY_MAX_BODY);
		return err_set(e, ERR_TOOBIG, _("The text is larger than %s."),
		    max);
	}
	if (!utf8_valid(text, len))
		return err_set(e, ERR_USAGE, _("The text is not valid UTF-8: "
		    "save it as UTF-8 and try again."));
	buf_init(&b, (size_t)-1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue;
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			buf_done(&b);
			return err_set(e, ERR_USAGE, _("The text holds a control "
			    "character (byte %zu): only tabs and line breaks "
			    "are sent."), i + 1);
		}
		buf_append(&b, &text[i], 1);
	}
	body = buf_steal(&b);
	/* Blank lines at either end are not part of the letter. */
	for (i = strlen(body); i > 0 && strchr(" \t\n", body[i - 1]); i--)
		body[i - 1] = '\0';
	for (i = 0; body[i] == '\n' || body[i] == ' ' || body[i] == '\t'; i++)
		;
	while (i > 0 && body[i - 1] != '\n')
		i--;            /* keep the indent of the first line */
	if (body[i] == '\0') {
		free(body);
		return err_set(e, ERR_USAGE, _("The reply is empty: nothing was "
		    "sent."));
	}
	memmove(body, body + i, strlen(body + i) + 1);
	free(r->body);
	r->body = body;
	return 0;
}

static char *
reply_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return xstrdup(slash != NULL ? slash + 1 : path);
}

int
reply_attach(struct reply *r, const char *path, struct err *e)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	struct reply_file *f;
	unsigned int n = 0;
	char *name;
	size_t i;
	int rc;

	if (r->n_files == REPLY_MAX_FILES)
		return err_set(e, ERR_USAGE, ngettext("At most %d file can go "
		    "with a reply.", "At most %d files can go with a reply.",
		    REPLY_MAX_FILES), REPLY_MAX_FILES);
	name = reply_base_name(path);
	if (*name == '\0' || strlen(name) > 255 ||
	    !utf8_valid(name, strlen(name))) {
		free(name);
		return err_set(e, ERR_USAGE, _("%s: the file needs a name of at "
		    "most 255 bytes of UTF-8 text."), path);
	}
	for (i = 0; name[i] != '\0'; i++) {
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f ||
		    name[i] == '\\') {
			free(name);
			return err_set(e, ERR_USAGE, _("%s: the file name holds a "
			    "control character or a backslash: rename it."),
			    path);
		}
	}
	for (i = 0; i < r->n_files; i++) {
		if (strcmp(r->files[i].name, name) == 0) {
			free(name);
			return err_set(e, ERR_USAGE, _("A file named %s is "
			    "already attached."), r->files[i].name);
		}
	}
	f = &r->files[r->n_files];
	memset(f, 0, sizeof *f);
	if ((rc = safefile_read(path, REPLY_MAX_FILE_BYTES, &f->data, &f->len,
	    e)) != 0) {
		free(name);
		if (rc == ERR_NOTFOUND)
			err_set(e, rc, _("%s: no such file."), path);
		return rc;
	}
	if (f->len == 0) {
		free(f->data);
		free(name);
		return err_set(e, ERR_USAGE, _("%s is empty: nothing to attach."),
		    path);
	}
	EVP_Digest(f->data, f->len, md, &n, EVP_sha256(), NULL);
	f->digest = text_base64url(md, n);
	f->path = xstrdup(path);
	f->name = name;
	f->media_type = decode_media_type(name);
	r->n_files++;
	return 0;
}

char *
reply_summary(const struct reply *r)
{
	char size[32];
	struct buf b;
	size_t i, lines = 0;
	const char *p;

	buf_init(&b, (size_t)-1);
	if (r->recipient_name != NULL)
		buf_printf(&b, _("To: %s (%s)\n"), r->recipient_name,
		    r->recipient);
	else
		buf_printf(&b, _("To: %s\n"), r->recipient);
	buf_printf(&b, _("Subject: %s\n"), r->subject);
	for (p = r->body; p != NULL && *p != '\0'; p++)
		lines += *p == '\n';
	if (r->body != NULL)
		lines++;
	buf_printf(&b, ngettext("Text: %zu line\n", "Text: %zu lines\n",
	    lines), lines);
	if (r->n_files == 0)
		buf_printf(&b, "%s\n", _("Files: none"));
	for (i = 0; i < r->n_files; i++) {
		text_size(size, sizeof size, (double)r->files[i].len);
		buf_printf(&b, _("File %zu: %s (%s, %s)\n"), i + 1,
		    r->files[i].name, size, r->files[i].media_type);
	}
	return buf_steal(&b);
}

/* --- the MessageToPublish -------------------------------------------------- */

/* The form part of file i: the name the JSON's httpPartName and the
 * multipart body must both use. */
static void
reply_part_name(size_t i, char out[16])
{
	snprintf(out, 16, "upfile%zu", i + 1);
}

static void
reply_gen_str(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/* {"LANG": text}: a TranslatedString in one language. */
static void
reply_gen_text(yajl_gen g, const char *name, const char *lang,
    const char *text)
{
	reply_gen_str(g, name);
	yajl_gen_map_open(g);
	reply_gen_str(g, lang);
	reply_gen_str(g, text);
	yajl_gen_map_close(g);
}

static void
reply_gen_file(yajl_gen g, const struct reply *r, size_t i)
{
	char part[16];

	reply_part_name(i, part);
	yajl_gen_map_open(g);
	reply_gen_str(g, "httpPartName");
	reply_gen_str(g, part);
	reply_gen_str(g, "mainContent");
	yajl_gen_bool(g, 0);
	reply_gen_text(g, "attachmentTitle", r->lang, r->files[i].name);
	reply_gen_str(g, "digest");
	yajl_gen_map_open(g);
	reply_gen_str(g, "digestMethod");
	reply_gen_str(g, "sha_256");
	reply_gen_str(g, "digestValue");
	reply_gen_str(g, r->files[i].digest);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
}

char *
reply_json(const struct reply *r)
{
	const unsigned char *out;
	yajl_gen g = yajl_gen_alloc(NULL);
	size_t len, i;
	char *json;

	yajl_gen_map_open(g);
	reply_gen_str(g, "recipient");
	yajl_gen_map_open(g);
	reply_gen_str(g, "eboxType");
	reply_gen_str(g, "enterprise");
	reply_gen_str(g, "eboxIdValue");
	reply_gen_str(g, r->recipient);
	yajl_gen_map_close(g);
	reply_gen_text(g, "subject", r->lang, r->subject);
	reply_gen_str(g, "bodyMainContent");
	yajl_gen_bool(g, 1);
	reply_gen_text(g, "bodyContent", r->lang, r->body ? r->body : "");
	reply_gen_str(g, "replyAuthorized");
	yajl_gen_bool(g, 0);
	reply_gen_str(g, "originalMessageId");
	reply_gen_str(g, r->original_id);
	if (r->n_files > 0) {
		reply_gen_str(g, "attachments");
		yajl_gen_array_open(g);
		for (i = 0; i < r->n_files; i++)
			reply_gen_file(g, r, i);
		yajl_gen_array_close(g);
	}
	yajl_gen_map_close(g);
	yajl_gen_get_buf(g, &out, &len);
	json = xstrndup((const char *)out, len);
	yajl_gen_free(g);
	return json;
}

char *
reply_key(const struct reply *r, const char *json)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	char *key;

	if (ctx == NULL)
		abort();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, r->provider_id, strlen(r->provider_id) + 1);
	EVP_DigestUpdate(ctx, json, strlen(json));
	EVP_DigestFinal_ex(ctx, md, &n);
	EVP_MD_CTX_free(ctx);
	key = xcalloc(1, sizeof REPLY_KEY_PREFIX + 2 * n);
	memcpy(key, REPLY_KEY_PREFIX, sizeof REPLY_KEY_PREFIX - 1);
	for (i = 0; i < n; i++)
		snprintf(key + sizeof REPLY_KEY_PREFIX - 1 + 2 * i, 3, "%02x",
		    md[i]);
	return key;
}

/* Its id in the mailbox: the row's, as the registry's id is not known
 * before it is sent (and never for a failed one). */
static char *
reply_entry_id(int64_t id)
{
	return xasprintf(REPLY_ID_PREFIX "%lld", (long long)id);
}

struct mailbox_entry *
reply_entry(struct app *a, const char *provider, int64_t id)
{
	char *mid = reply_entry_id(id);
	struct mailbox_entry *en = mailbox_get(&a->mb, provider, mid);

	free(mid);
	return en;
}

/* --- the Sent folder --------------------------------------------------------- */

/* The fate of a reply in a sentence. */
static char *
reply_note(const struct store_sent *row)
{
	char when[21], *files, *p, *note;

	files = xstrdup(row->files != NULL ? row->files : "");
	for (p = files; *p != '\0'; p++) {
		if (*p == '\n')
			*p = ',';
	}
	switch (row->state) {
	case STORE_SENT_SENT:
		isotime_format(row->sent_at, when);
		note = xasprintf(_("Sent %s; its eBox message id is %s."), when,
		    row->message_id != NULL ? row->message_id : "?");
		break;
	case STORE_SENT_FAILED:
		note = xasprintf(_("Not sent: %s. Its text and files are kept "
		    "here: r sends it again."), row->error != NULL ?
		    row->error : _("unknown error"));
		break;
	default:
		note = xstrdup(_("Being sent."));
		break;
	}
	if (*files != '\0') {
		p = note;
		note = xasprintf(_("%s Files: %s."), p, files);
		free(p);
	}
	free(files);
	return note;
}

static enum mailbox_sent
reply_state(enum store_sent_state s)
{
	static const enum mailbox_sent map[] = {
		[STORE_SENT_SENDING] = MAILBOX_SENDING,
		[STORE_SENT_SENT] = MAILBOX_SENT,
		[STORE_SENT_FAILED] = MAILBOX_SEND_FAILED,
	};

	return map[s];
}

/* Puts row in the mailbox (or brings its entry up to date). */
static struct mailbox_entry *
reply_show(struct app *a, const struct store_sent *row)
{
	struct ebox_message *m = xcalloc(1, sizeof *m);
	struct mailbox_entry *en;
	char **slot;
	char *note;

	m->provider_id = xstrdup(row->provider);
	m->id = reply_entry_id(row->id);
	m->original_id = xstrdup(row->original_id);
	if ((slot = tstring_slot(&m->subject, row->lang)) == NULL)
		slot = &m->subject.en;
	*slot = xstrdup(row->subject);
	if ((slot = tstring_slot(&m->body, row->lang)) == NULL)
		slot = &m->body.en;
	*slot = xstrdup(row->body);
	m->has_body = true;
	m->body_main = true;
	m->receipt_date = row->sent_at != 0 ? row->sent_at : row->created;
	m->read = true;
	m->visible = true;
	m->sender_org_id = xstrdup(row->recipient);
	en = mailbox_add(&a->mb, m, true);
	note = reply_note(row);
	mailbox_set_sent(&a->mb, en, reply_state(row->state), note);
	free(note);
	app_name_entry(a, en);
	return en;
}

static int
reply_load_one(const struct store_sent *row, void *ud)
{
	reply_show(ud, row);
	return 0;
}

int
reply_load_sent(struct app *a, struct err *e)
{
	return store_each_sent(a->store, reply_load_one, a, e);
}

/* The row id behind a Sent entry, or 0. */
static int64_t
reply_row_of(const struct mailbox_entry *en)
{
	const char *id = en->msg->id;

	if (en->sent == MAILBOX_RECEIVED ||
	    strncmp(id, REPLY_ID_PREFIX, strlen(REPLY_ID_PREFIX)) != 0)
		return 0;
	return strtoll(id + strlen(REPLY_ID_PREFIX), NULL, 10);
}

int
reply_from_sent(struct reply *r, struct app *a, const struct mailbox_entry *en,
    struct err *e)
{
	struct store_sent row;
	char *paths, *path, *save = NULL;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = store_sent_get(a->store, reply_row_of(en), &row, e)) != 0)
		return rc;
	if (row.state == STORE_SENT_SENT) {
		rc = err_set(e, ERR_USAGE, _("This reply was sent already (eBox "
		    "message id %s)."), row.message_id != NULL ?
		    row.message_id : "?");
		store_sent_done(&row);
		return rc;
	}
	r->provider_id = xstrdup(row.provider);
	r->original_id = xstrdup(row.original_id);
	r->recipient = xstrdup(row.recipient);
	if (en->sender_name != NULL && *en->sender_name != '\0')
		r->recipient_name = xstrdup(en->sender_name);
	snprintf(r->lang, sizeof r->lang, "%s", row.lang);
	r->subject = xstrdup(row.subject);
	r->body = xstrdup(row.body);
	paths = xstrdup(row.paths != NULL ? row.paths : "");
	store_sent_done(&row);
	for (path = strtok_r(paths, "\n", &save); path != NULL && rc == 0;
	    path = strtok_r(NULL, "\n", &save))
		rc = reply_attach(r, path, e);
	free(paths);
	if (rc != 0)
		reply_done(r);
	return rc;
}

/* --- sending ------------------------------------------------------------------- */

struct reply_call {
	struct app *a;
	int64_t id;                     /* its row */
	reply_sent_fn fn;
	void *ud;
	bool before;                    /* published before this send */
};

/* Reads the row again, shows it, tells the caller. */
static void
reply_finish(struct reply_call *k, const struct err *why)
{
	struct store_sent row;
	struct err e;

	if (store_sent_get(k->a->store, k->id, &row, &e) != 0) {
		log_msg("reply: %s", e.msg);
		memset(&row, 0, sizeof row);
		row.id = k->id;
		row.state = why != NULL ? STORE_SENT_FAILED : STORE_SENT_SENT;
		k->fn(&row, k->before, why != NULL ? why : &e, k->ud);
	} else {
		reply_show(k->a, &row);
		k->fn(&row, k->before, why, k->ud);
		store_sent_done(&row);
	}
	free(k);
}

static void
reply_published(struct ebox_source *s, const char *message_id,
    const char *expiration, bool duplicate, const struct err *e, void *ud)
{
	struct reply_call *k = ud;
	time_t exp = 0;
	struct err se;

	if (e != NULL) {
		log_msg("reply %lld: %s", (long long)k->id, e->msg);
		if (store_sent_set(k->a->store, k->id, STORE_SENT_FAILED, NULL, 0,
		    0, e->msg, &se) != 0)
			log_msg("reply: %s", se.msg);
		reply_finish(k, e);
		return;
	}
	if (expiration != NULL)
		isotime_parse(expiration, &exp);
	/* A 409 for our key means an earlier attempt of this reply got
	 * through (its answer was lost): this send, not a second one. */
	log_msg("reply %lld published as %s%s", (long long)k->id, message_id,
	    duplicate ? " (already published with this key)" : "");
	if (store_sent_set(k->a->store, k->id, STORE_SENT_SENT, message_id,
	    time(NULL), exp, NULL, &se) != 0)
		log_msg("reply: %s", se.msg);
	reply_finish(k, NULL);
}

static void
reply_already(void *ud)
{
	struct reply_call *k = ud;
	struct net *net = k->a->net;

	reply_finish(k, NULL);
	net_release(net);
}

/* The files of r as upfile parts (names pointing into names[]). */
static void
reply_parts(const struct reply *r, struct multipart_part *parts,
    char names[][16])
{
	size_t i;

	for (i = 0; i < r->n_files; i++) {
		reply_part_name(i, names[i]);
		parts[i].name = names[i];
		parts[i].file_name = r->files[i].name;
		parts[i].media_type = r->files[i].media_type;
		parts[i].data = r->files[i].data;
		parts[i].len = r->files[i].len;
	}
}

/* The row to record: the file names one per line. */
static void
reply_row(const struct reply *r, const char *key, struct store_sent *row)
{
	struct buf b;
	size_t i;

	memset(row, 0, sizeof *row);
	buf_init(&b, (size_t)-1);
	for (i = 0; i < r->n_files; i++)
		buf_printf(&b, "%s%s", i ? "\n" : "", r->files[i].name);
	row->files = buf_steal(&b);
	/* Absolute, to read them again from anywhere. */
	for (i = 0; i < r->n_files; i++) {
		char *full = realpath(r->files[i].path, NULL);

		buf_printf(&b, "%s%s", i ? "\n" : "", full != NULL ? full :
		    r->files[i].path);
		free(full);
	}
	row->paths = buf_steal(&b);
	row->provider = r->provider_id;
	row->original_id = r->original_id;
	row->key = (char *)key;
	row->recipient = r->recipient;
	row->lang = (char *)r->lang;
	row->subject = r->subject;
	row->body = r->body;
	row->created = time(NULL);
}

int
reply_send(struct app *a, const struct reply *r, reply_sent_fn fn, void *ud,
    struct err *e)
{
	struct multipart_part parts[REPLY_MAX_FILES];
	char names[REPLY_MAX_FILES][16];
	struct ebox_publication pub;
	struct store_sent row, rec;
	struct reply_call *k;
	struct ebox_source *src = NULL;
	char *json, *key;
	int rc;

	if (r->body == NULL)
		return err_set(e, ERR_USAGE, _("The reply is empty: nothing was "
		    "sent."));
	if (a->offline)
		return err_set(e, ERR_OFFLINE, _("Offline (--offline): the reply "
		    "cannot be sent."));
	json = reply_json(r);
	key = reply_key(r, json);
	reply_row(r, key, &row);
	rc = store_sent_put(a->store, &row, &rec, e);
	free(row.files);
	free(row.paths);
	if (rc == 0 && rec.state != STORE_SENT_SENT &&
	    (src = ebox_client_source(a->client, r->provider_id)) == NULL) {
		/* Kept as failed, to send again once its provider is back:
		 * what was written is never lost. */
		rc = err_set(e, ERR_NOTFOUND, _("The provider %s of this "
		    "message is not known now: fetch the mail first (or it "
		    "left the eBox)."), r->provider_id);
		int64_t id = rec.id;

		store_sent_set(a->store, id, STORE_SENT_FAILED, NULL, 0, 0,
		    e->msg, NULL);
		store_sent_done(&rec);
		if (store_sent_get(a->store, id, &rec, NULL) == 0)
			reply_show(a, &rec);
	}
	if (rc != 0) {
		store_sent_done(&rec);
		free(json);
		free(key);
		return rc;
	}
	k = xcalloc(1, sizeof *k);
	k->a = a;
	k->id = rec.id;
	k->fn = fn;
	k->ud = ud;
	if (rec.state == STORE_SENT_SENT) {
		/* Not again: the registry has it (and would say 409).
		 * Held, so that the command line's net_run waits for it. */
		net_hold(a->net);
		k->before = true;
		net_timer_add(a->net, 0, reply_already, k);
	} else {
		reply_show(a, &rec);
		reply_parts(r, parts, names);
		memset(&pub, 0, sizeof pub);
		pub.message_json = json;
		pub.files = parts;
		pub.n_files = r->n_files;
		pub.idempotency_key = key;
		ebox_publish(a->client, src, &pub, reply_published, k);
	}
	store_sent_done(&rec);
	free(json);
	free(key);
	return 0;
}
