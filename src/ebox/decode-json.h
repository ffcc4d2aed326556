/* decode-json.h - a small JSON tree for the decoders, built with yajl.
 *
 * json_parse() turns untrusted bytes into a tree under the caps of decode.h:
 * nesting deeper than DECODE_MAX_DEPTH or a container with more than
 * DECODE_MAX_ITEMS members stops the parse; strings longer than
 * DECODE_MAX_STRING are cut on a character boundary; invalid UTF-8 becomes
 * U+FFFD, so every string in the tree is valid UTF-8 (a string holding
 * \u0000 ends there).  Lookups never fail loudly: a missing key, a JSON
 * null or a value of another type all read as "absent".
 */
#ifndef EBOX_DECODE_JSON_H
#define EBOX_DECODE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include "ebox/err.h"

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json {
	enum json_type type;
	char *key;              /* member name inside an object, else NULL */
	struct json *next;      /* next member or element of the parent */
	bool b;                 /* JSON_BOOL */
	double num;             /* JSON_NUMBER */
	char *str;              /* JSON_STRING text; JSON_NUMBER as written */
	struct json *first;     /* JSON_ARRAY, JSON_OBJECT: children in order */
	struct json *last;
	size_t n;               /* number of children */
};

/* Parses len bytes of text.  Returns a new tree (free with json_free), or
 * NULL with e set to a sentence naming what ("the message list is not valid
 * JSON (parse error at byte 12)"). */
struct json *json_parse(const char *text, size_t len, const char *what,
    struct err *e);
/* Frees a whole tree without recursion.  NULL is fine. */
void json_free(struct json *j);

/* The member called key of an object; NULL when j is not an object or has
 * no such member (the first one wins on duplicates). */
const struct json *json_get(const struct json *j, const char *key);
/* The first member present (and not null) among several spellings:
 * json_get_any(o, "readStatus", "isRead"). */
const struct json *json_get_anyv(const struct json *j, ...);
#define json_get_any(j, ...) json_get_anyv(j, __VA_ARGS__, (const char *)NULL)

bool json_is(const struct json *j, enum json_type type);
/* The text of a string, or NULL for anything else. */
const char *json_str(const struct json *j);
/* The value of a boolean (or of the strings "true"/"false"), else def. */
bool json_bool(const struct json *j, bool def);
/* The value of a number (or of a string holding only a number), else def. */
double json_num(const struct json *j, double def);
/* The elements of an array, or the items of an {items: [...]} envelope;
 * NULL otherwise.  *n (may be NULL) gets their count. */
const struct json *json_items(const struct json *j, size_t *n);
/* A new string: the value as compact JSON text ("{\"a\":1}", "12.50",
 * "true"); strings come out with their quotes and escapes. */
char *json_render(const struct json *j);

#endif
