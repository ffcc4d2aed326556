/* receipt.h - the local log of proofs of reading.
 *
 * Opening the main content of registered mail creates, for the sender, a
 * legal proof that it was read.  ebox-tui keeps its own record of each
 * time it did so: one line appended to ACCOUNT/receipts in the local
 * mailbox's directory, never rewritten, mode 0600.  Tab-separated, one
 * receipt per line, fields cleaned of tabs and line breaks:
 *
 *   TIME  PROVIDER  MESSAGE-ID  ID  SENDER  SUBJECT  CONTENT  SHA256
 *
 * TIME is UTC (2026-12-01T12:00:00Z), CONTENT the document's file name or
 * "text" for the message's own text, SHA256 the base64url digest of what
 * was received.  Lines starting with # are comments.
 */
#ifndef EBOX_RECEIPT_H
#define EBOX_RECEIPT_H

#include <stddef.h>
#include <time.h>

#include "ebox/err.h"

struct receipt {
	time_t when;
	char *provider, *message_id, *id, *sender, *subject, *content;
	char *sha256;
};

#define RECEIPT_FILE "receipts"

/* Appends r to DIR/receipts (created 0600) in one write, and syncs it. */
int receipt_append(const char *dir, const struct receipt *r, struct err *e);
/* Every receipt of DIR/receipts, oldest first (none if there is no file
 * yet); a line that cannot be read is skipped and counted in *bad. */
int receipt_read(const char *dir, struct receipt **out, size_t *n,
    size_t *bad, struct err *e);
void receipt_free(struct receipt *r, size_t n);

#endif
