/* reply.h - answering a message whose sender allows it (EBOX-API.md 4.6).
 *
 * A reply is a publication: Message Registry 2.1 POST publishMessage,
 * multipart, whose MessageToPublish names the message answered
 * (originalMessageId) and goes to its sender's enterprise eBox.  Its text
 * is the main content (bodyMainContent); files go as annexes upfile1..6
 * with their SHA-256.  The Idempotency-Key is a digest of the whole
 * publication, so the same reply sent again (a retry after a lost
 * answer, or the same command run twice) is never published twice.
 *
 * Nothing is lost: the reply is written to the store (the sent table)
 * before the first attempt, and what became of it after; the Sent folder
 * lists them all, failed ones too (their text is there to send again).
 */
#ifndef EBOX_REPLY_H
#define EBOX_REPLY_H

#include <stddef.h>

#include "ebox/app.h"
#include "ebox/store.h"

#define REPLY_MAX_FILES 6               /* upfile1..upfile6 */
#define REPLY_MAX_FILE_BYTES (4 << 20)  /* per file */
#define REPLY_MAX_SUBJECT 400           /* characters */
#define REPLY_MAX_BODY (1 << 20)        /* bytes of text */

struct reply_file {
	char *path;                     /* as the user gave it */
	char *name;                     /* its base name, sent */
	const char *media_type;
	char *data;
	size_t len;
	char *digest;                   /* SHA-256, base64url */
};

struct reply {
	char *provider_id, *original_id;
	char *recipient;                /* the sender's enterprise number */
	char *recipient_name;           /* for people, or NULL */
	char lang[3];                   /* of subject and text */
	char *subject;
	char *body;                     /* NULL until set */
	struct reply_file files[REPLY_MAX_FILES];
	size_t n_files;
};

/* Whether en may be answered: 0, or a sentence why not (it does not
 * allow replies, it is a reply itself, its sender is unknown). */
int reply_check(const struct mailbox_entry *en, struct err *e);
/* A reply to en (reply_check first): subject "Re: " and en's subject in
 * the content language (cut to REPLY_MAX_SUBJECT characters). */
int reply_init(struct reply *r, struct app *a, struct mailbox_entry *en,
    struct err *e);
void reply_done(struct reply *r);
/* A reply of the Sent folder (en) that was not sent, to send it again:
 * its subject and text as they were, its files read again from where
 * they were attached (the same files give the same Idempotency-Key, so
 * one that did get through is not published twice).  Refused for a
 * reply that was sent, or when a file is gone. */
int reply_from_sent(struct reply *r, struct app *a,
    const struct mailbox_entry *en, struct err *e);
/* Sets the subject: one line, not empty, at most REPLY_MAX_SUBJECT
 * characters (longer is cut); invalid UTF-8 refused. */
int reply_set_subject(struct reply *r, const char *subject, struct err *e);
/* Sets the text (CRLF made LF, blank lines at either end dropped):
 * refused when empty, not UTF-8, holding NUL or other control
 * characters than tab and newline, or larger than REPLY_MAX_BODY. */
int reply_set_body(struct reply *r, const char *text, size_t len,
    struct err *e);
/* Reads the file at path as an annex (a regular file, not empty, at most
 * REPLY_MAX_FILE_BYTES; REPLY_MAX_FILES in all; two files of one name
 * refused). */
int reply_attach(struct reply *r, const char *path, struct err *e);
/* What will be sent, for the confirmation: To, Subject, the text's size
 * and the files, one per line.  A new string. */
char *reply_summary(const struct reply *r);
/* The MessageToPublish JSON; a new string. */
char *reply_json(const struct reply *r);
/* The Idempotency-Key of r: "ebox-tui-" and a SHA-256 of the provider
 * and the JSON (the files are in it by their digests).  A new string. */
char *reply_key(const struct reply *r, const char *json);

/* How a send ended: row is the sent table's row (state SENT or FAILED);
 * e the reason when it failed; before when the store knew it as sent
 * already, so that nothing was published now. */
typedef void (*reply_sent_fn)(const struct store_sent *row, bool before,
    const struct err *e, void *ud);
/* Records r in the store, shows it in the Sent folder, then publishes
 * it; fn runs from net_poll().  A reply the store holds as sent already
 * is not sent again: fn says so (row->state SENT) from the next poll.
 * Fails at once (nothing sent, e set) with --offline or when the store
 * cannot record it; when its provider is not known now, it is recorded
 * as failed (to send again later) and the call fails. */
int reply_send(struct app *a, const struct reply *r, reply_sent_fn fn,
    void *ud, struct err *e);
/* The Sent folder's entry of the sent table's row id, or NULL. */
struct mailbox_entry *reply_entry(struct app *a, const char *provider,
    int64_t id);
/* Puts the store's replies in the Sent folder (app_open's, once). */
int reply_load_sent(struct app *a, struct err *e);

#endif
