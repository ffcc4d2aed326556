/* decode.h - pure JSON decoders: bytes in, struct out, sentence on failure.
 *
 * Every decoder accepts the Message Registry 2.1 spellings and the v3 ones
 * (EBOX-API.md 3.4), ignores unknown fields, and enforces caps: nesting
 * depth (DECODE_MAX_DEPTH), item counts (DECODE_MAX_ITEMS), values in all
 * (DECODE_MAX_NODES, so memory stays proportional), string length
 * (DECODE_MAX_STRING, longer strings are cut on a character boundary).
 * Strings come out valid UTF-8 (invalid bytes become U+FFFD).  On failure
 * the out struct is left empty (nothing to free) and e says what was wrong.
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

int decode_messages(const char *json, size_t len,
    struct ebox_message_list *out, struct err *e);
/* *out is a new message, caller frees with ebox_message_free. */
int decode_message(const char *json, size_t len,
    struct ebox_message **out, struct err *e);
int decode_attachments(const char *json, size_t len,
    struct ebox_attachment **out, size_t *n, struct err *e);
int decode_attachment(const char *json, size_t len,
    struct ebox_attachment *out, struct err *e);
int decode_tstring(const char *json, size_t len, struct tstring *out,
    struct err *e);
/* *out is a new payment, caller frees with ebox_payment_free. */
int decode_payment(const char *json, size_t len,
    struct ebox_payment **out, struct err *e);
int decode_summary(const char *json, size_t len, struct ebox_summary *out,
    struct err *e);
/* Accepts a bare array (federation 1.3) or {items:[...]} (v3 guess). */
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
int decode_status(const char *json, size_t len, struct ebox_status *out,
    struct err *e);

#endif
