/* decode.h - pure JSON decoders: bytes in, struct out, sentence on failure.
 *
 * Every decoder reads the bytes once, with yajl's callback parser, writing
 * values straight into the model (no tree in between).  Each accepts the
 * Message Registry 2.1 spellings and the v3 ones (EBOX-API.md 3.4): where a
 * field has several, the first listed (v2.1) that is present and not null
 * wins wherever it stands; for a repeated member name the first one wins.
 * Unknown fields are skipped; an optional field of the wrong type reads as
 * absent.  Numbers are also read from strings holding a JSON number,
 * booleans from "true"/"false", ids from numbers (kept as written).
 *
 * Caps: nesting depth (DECODE_MAX_DEPTH), members or elements of one
 * container (DECODE_MAX_ITEMS), values in all, skipped ones included
 * (DECODE_MAX_NODES), string length (DECODE_MAX_STRING, longer strings are
 * cut on a character boundary).  Strings come out valid UTF-8 (invalid
 * bytes become U+FFFD) and end at a \u0000.  On failure the out struct is
 * left empty (nothing to free) and e says what was wrong.
 */
#ifndef EBOX_DECODE_H
#define EBOX_DECODE_H

#include <stddef.h>
#include "ebox/err.h"
#include "ebox/model.h"

#define DECODE_MAX_DEPTH 64
#define DECODE_MAX_ITEMS 10000
#define DECODE_MAX_STRING (64 * 1024)
#define DECODE_MAX_NODES 500000     /* values in one document, all levels */

/* A page {items, totalItems} (or a bare array), lenient per item: a
 * message without a usable messageId, subject or receiptDate (missing or
 * of the wrong type), or that is not an object, is left out of items; a
 * document, business data entry or payment block that fails its own
 * checks (or attachments, businessDataList, paymentData that are not a
 * list or an object) is left out of its message, which stays.  Each is
 * counted in out->rejected and the first one's sentence kept in
 * out->rejected_reason ("message 3 (abc) has a receiptDate that is not a
 * valid date").  A document with a missing or empty fileName is repaired,
 * not counted: it gets "document-N" (its position) plus an extension from
 * its mediaType.  The call fails only for the page as a whole: not JSON,
 * not a list, a cap hit.  out->total is totalItems (rejected ones
 * included), or the number of items on the page when it is missing, not a
 * whole number or negative.  out->items is never NULL on success. */
int decode_messages(const char *json, size_t len,
    struct ebox_message_list *out, struct err *e);
/* One message, read exactly as an item of decode_messages (its bad parts
 * left out, but not reported: there is no room for that here).  *out is a
 * new message, caller frees with ebox_message_free. */
int decode_message(const char *json, size_t len,
    struct ebox_message **out, struct err *e);
/* The documents of a message, lenient like a message's own: a bad one is
 * left out (unreported), a nameless one named. */
int decode_attachments(const char *json, size_t len,
    struct ebox_attachment **out, size_t *n, struct err *e);
/* One document; a bad one fails the call, a nameless one is named
 * "document-1.<ext>". */
int decode_attachment(const char *json, size_t len,
    struct ebox_attachment *out, struct err *e);
int decode_tstring(const char *json, size_t len, struct tstring *out,
    struct err *e);
/* *out is a new payment, caller frees with ebox_payment_free. */
int decode_payment(const char *json, size_t len,
    struct ebox_payment **out, struct err *e);
int decode_summary(const char *json, size_t len, struct ebox_summary *out,
    struct err *e);
/* Accepts a bare array (federation 1.3) or {items:[...]} (v3 guess).  A
 * provider that fails its checks fails the list (a reference-data list
 * too): those lists are small, and a gap in them would mislead. */
int decode_providers(const char *json, size_t len,
    struct ebox_provider **out, size_t *n, struct err *e);
int decode_message_type(const char *json, size_t len,
    struct ebox_message_type *out, struct err *e);
int decode_organization(const char *json, size_t len,
    struct ebox_organization *out, struct err *e);
int decode_application(const char *json, size_t len,
    struct ebox_application *out, struct err *e);
/* Paged reference-data lists {items, totalItems}: *out is a new array of
 * n items (free each with its _done, then the array); *total gets
 * totalItems. */
int decode_message_types(const char *json, size_t len,
    struct ebox_message_type **out, size_t *n, long *total, struct err *e);
int decode_organizations(const char *json, size_t len,
    struct ebox_organization **out, size_t *n, long *total, struct err *e);
int decode_applications(const char *json, size_t len,
    struct ebox_application **out, size_t *n, long *total, struct err *e);
/* Returns 0 and fills out when json is a StatusMessage (any subset of its
 * fields); used to turn 4xx/5xx bodies into sentences. */
/* The media type a file name's extension says, from the same table that
 * names nameless documents ("report.PDF" -> "application/pdf"), else
 * "application/octet-stream". */
const char *decode_media_type(const char *file_name);
int decode_status(const char *json, size_t len, struct ebox_status *out,
    struct err *e);

#endif
