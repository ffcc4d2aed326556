/* decode-json.h - the streaming JSON reader under every decoder of decode.h.
 *
 * decode_json_parse() runs yajl's callback parser over untrusted bytes and
 * writes each value straight into the model struct it belongs to, as the
 * tables of decode.c describe: no tree is built, members nobody asked for
 * are skipped without a copy.  A schema is the list of fields of one kind
 * of object (message, document...); each member name goes to its field
 * through a small hash index of the schema's spellings, built on first use
 * in each call.
 *
 * Rules every decoder shares (decode.h states them for callers):
 *  - Spellings: a field may have several (v2.1 first, then v3); the first
 *    listed that is present and not null wins wherever it comes in the
 *    object.  A repeated member name: the first one wins, null or not.
 *  - A value of the wrong type reads as absent, unless the field is
 *    DECODE_REQUIRED or DECODE_STRICT: then the element fails.
 *  - An element that fails inside a DECODE_DROP list (or a DECODE_DROP
 *    DECODE_NEW field) is left out and counted in the report; the element
 *    holding it stays.  At the root, a DECODE_DROP list keeps its other
 *    items; any other failure fails the call with a sentence.
 *  - Caps: nesting (DECODE_MAX_DEPTH), members or elements in one
 *    container (DECODE_MAX_ITEMS) and values in all (DECODE_MAX_NODES) are
 *    counted for every value, skipped ones included, and stop the parse;
 *    strings are cut to DECODE_MAX_STRING on a character boundary, end at
 *    a \u0000, and come out valid UTF-8 (invalid bytes become U+FFFD).
 */
#ifndef EBOX_DECODE_JSON_H
#define EBOX_DECODE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include "ebox/err.h"

enum decode_type {
	DECODE_STR,             /* a string */
	DECODE_ID,              /* a string, or a number kept as written */
	DECODE_TEXT,            /* anything; non-strings as compact JSON */
	DECODE_TSTRING,         /* {nl,fr,de,en}, or a bare string (as en) */
	DECODE_TIME,            /* ISO 8601 date-time or date */
	DECODE_BOOL,            /* true/false (or the strings) */
	DECODE_DOUBLE,          /* a finite number (or a numeric string) */
	DECODE_LONG,            /* the same, as a long */
	DECODE_TSTRINGS,        /* an array of translated texts (elements of
	                           other types skipped), or a lone one; the
	                           slot is the array, n_off its count */
	DECODE_GROUP,           /* an object whose members are the fields
	                           spelt "name.member" of the same struct */
	DECODE_LIST,            /* elements of sub: an array or {items: [...]};
	                           the slot is the array, n_off its count */
	DECODE_NEW,             /* one element of sub, allocated; the slot is
	                           a pointer, NULL when absent */
	DECODE_OBJECT,          /* one element of sub, in place (a root) */
};

enum {
	DECODE_REQUIRED = 1 << 0,   /* missing or bad: the element fails (in a
	                               group: when the group is there) */
	DECODE_STRICT = 1 << 1,     /* may be missing; bad: the element fails */
	DECODE_TRUE = 1 << 2,       /* boolean defaulting to true */
	DECODE_MINUS1 = 1 << 3,     /* long defaulting to -1 */
	DECODE_DROP = 1 << 4,       /* LIST, NEW: a failing element (or a
	                               value that is no list or object) is left
	                               out and counted; its holder stays */
	DECODE_SKIP = 1 << 5,       /* LIST: the same, without counting */
	DECODE_POINTERS = 1 << 6,   /* LIST: the slot holds pointers to
	                               elements allocated one by one */
};

struct decode_schema;

struct decode_field {
	const char *names[4];   /* spellings, NULL-terminated */
	enum decode_type type;
	int flags;
	size_t off;             /* of the slot in the element */
	const struct decode_schema *sub;    /* LIST, NEW, OBJECT */
	size_t n_off;           /* LIST, TSTRINGS: of the size_t count */
};

/* One kind of object.  Sentences name an element by whole phrases, each
 * marked N_() and translated when used, so that every language can put
 * its articles and word order around the number ("le document 2 dans le
 * message 3"): item, at the root of a list ("message %zu"); part, inside
 * a list of an item ("document %zu of %s", %s the item); alone, when it
 * stands alone in an item ("the payment data of %s", DECODE_NEW).  NULL
 * where the schema never plays that role. */
struct decode_schema {
	const char *noun;       /* internal name, for developer errors only */
	const char *item, *part, *alone;
	const struct decode_field *fields;
	size_t n_fields;
	size_t size;            /* of one element */
	int id_field;           /* its value also names a root list item in
	                           sentences ("message 3 (abc)"); -1: none */
	/* After the fields passed their checks: repairs and derived values.
	 * index is the element's position in its list from 1, 0 alone. */
	void (*finish)(void *el, size_t index);
	void (*done)(void *el);    /* frees what el holds; NULL: nothing */
};

/* What one call reads: the root value's shape and names. */
struct decode_root {
	const char *what;       /* "the message list": starts sentences */
	/* When the root value has the wrong type (marked N_(), translated
	 * when used); NULL: "<what> is not a list" or "... a JSON object". */
	const char *not_type;
	struct decode_field field;  /* off and n_off are relative to out */
};

/* What a lenient call left out. */
struct decode_report {
	size_t rejected;        /* elements left out, at any level */
	char *reason;           /* the first one's sentence (caller frees), or
	                           NULL */
	long total;             /* the root's totalItems; -1 when absent, not
	                           a whole number, or negative */
	size_t items;           /* values in the root list, kept or not */
};

/* Parses len bytes into out as root describes.  0, or an error code with e
 * set; on failure out is left empty (nothing to free) and so is rep.  Uses
 * some 25 KiB of stack (the parse state) and no other memory than what it
 * hands out, plus yajl's. */
int decode_json_parse(const char *text, size_t len,
    const struct decode_root *root, void *out, struct decode_report *rep,
    struct err *e);

#endif
