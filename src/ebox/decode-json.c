/* decode-json.c - a capped JSON tree built with the yajl callback parser. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/decode.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"
#include "decode-json.h"

/* The parse in progress: the tree so far and the open containers. */
struct json_parser {
	struct json *root;
	struct json *open[DECODE_MAX_DEPTH];
	int depth;
	size_t nodes;           /* built so far, against DECODE_MAX_NODES */
	char *key;              /* the member name waiting for its value */
	const char *what;
	struct err *e;
};

/* A new string from len untrusted bytes: cut to DECODE_MAX_STRING on a
 * character boundary, invalid sequences replaced by U+FFFD. */
static char *
json_text(const unsigned char *s, size_t len)
{
	size_t cut = len;

	if (cut > DECODE_MAX_STRING) {
		cut = DECODE_MAX_STRING;
		/* Step back over continuation bytes of a split character. */
		while (cut > DECODE_MAX_STRING - 4 && (s[cut] & 0xc0) == 0x80)
			cut--;
	}
	return utf8_repair((const char *)s, cut);
}

/* strtod for JSON's '.' whatever LC_NUMERIC says.  0 when the whole of
 * s[0..len) is a number, -1 otherwise. */
static int
json_strtod(const char *s, size_t len, double *out)
{
	const char *dp = localeconv()->decimal_point;
	size_t dplen = strlen(dp), i, j = 0;
	char *copy, *end;
	int r = -1;

	if (len == 0 || len > 512)
		return -1;
	copy = xmalloc(len * (dplen ? dplen : 1) + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && dplen != 0) {
			memcpy(copy + j, dp, dplen);
			j += dplen;
		} else if (s[i] == '\0' || s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n') {
			goto out;       /* strtod would skip or stop there */
		} else
			copy[j++] = s[i];
	}
	copy[j] = '\0';
	*out = strtod(copy, &end);
	if (end != copy && *end == '\0')
		r = 0;
out:
	free(copy);
	return r;
}

/* Hangs a new node under the innermost open container (or makes it the
 * root).  0 (yajl: stop) when a cap is hit. */
static int
json_add(struct json_parser *p, struct json *node)
{
	struct json *parent;

	/* Tiny nodes cost far more in memory than in bytes on the wire:
	 * a 16 MiB body of "[]," would be millions of them. */
	if (++p->nodes > DECODE_MAX_NODES) {
		json_free(node);
		err_set(p->e, ERR_TOOBIG, _("%s has more than %d values"),
		    p->what, DECODE_MAX_NODES);
		return 0;
	}
	if (p->depth == 0) {
		p->root = node;
		return 1;
	}
	parent = p->open[p->depth - 1];
	if (parent->n >= DECODE_MAX_ITEMS) {
		json_free(node);
		err_set(p->e, ERR_TOOBIG, _("%s has a list of more than %d items"),
		    p->what, DECODE_MAX_ITEMS);
		return 0;
	}
	if (parent->type == JSON_OBJECT) {
		node->key = p->key != NULL ? p->key : xstrdup("");
		p->key = NULL;
	}
	if (parent->last != NULL)
		parent->last->next = node;
	else
		parent->first = node;
	parent->last = node;
	parent->n++;
	return 1;
}

static struct json *
json_node(enum json_type type)
{
	struct json *j = xcalloc(1, sizeof *j);

	j->type = type;
	return j;
}

static int
json_cb_null(void *ctx)
{
	return json_add(ctx, json_node(JSON_NULL));
}

static int
json_cb_boolean(void *ctx, int value)
{
	struct json *j = json_node(JSON_BOOL);

	j->b = value != 0;
	return json_add(ctx, j);
}

static int
json_cb_number(void *ctx, const char *s, size_t len)
{
	struct json *j = json_node(JSON_NUMBER);

	j->str = xstrndup(s, len > 512 ? 512 : len);
	if (json_strtod(s, len, &j->num) != 0)
		j->num = 0;
	return json_add(ctx, j);
}

static int
json_cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct json *j = json_node(JSON_STRING);

	j->str = json_text(s, len);
	return json_add(ctx, j);
}

static int
json_cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct json_parser *p = ctx;

	free(p->key);
	p->key = json_text(s, len);
	return 1;
}

/* Opens an object or array; the depth cap is checked here, before the
 * node exists, so nothing deeper is ever built. */
static int
json_open(struct json_parser *p, enum json_type type)
{
	struct json *j;

	if (p->depth >= DECODE_MAX_DEPTH) {
		err_set(p->e, ERR_TOOBIG, _("%s is nested more than %d levels "
		    "deep"), p->what, DECODE_MAX_DEPTH);
		return 0;
	}
	j = json_node(type);
	if (!json_add(p, j))
		return 0;
	p->open[p->depth++] = j;
	return 1;
}

static int
json_cb_start_map(void *ctx)
{
	return json_open(ctx, JSON_OBJECT);
}

static int
json_cb_start_array(void *ctx)
{
	return json_open(ctx, JSON_ARRAY);
}

static int
json_cb_end(void *ctx)
{
	struct json_parser *p = ctx;

	if (p->depth > 0)
		p->depth--;
	return 1;
}

static const yajl_callbacks json_callbacks = {
	.yajl_null = json_cb_null,
	.yajl_boolean = json_cb_boolean,
	.yajl_number = json_cb_number,
	.yajl_string = json_cb_string,
	.yajl_start_map = json_cb_start_map,
	.yajl_map_key = json_cb_map_key,
	.yajl_end_map = json_cb_end,
	.yajl_start_array = json_cb_start_array,
	.yajl_end_array = json_cb_end,
};

struct json *
json_parse(const char *text, size_t len, const char *what, struct err *e)
{
	struct json_parser p;
	yajl_handle h;
	yajl_status st;
	size_t at;

	memset(&p, 0, sizeof p);
	p.what = what;
	p.e = e;
	if (text == NULL || len == 0) {
		err_set(e, ERR_DATA, _("%s is empty"), what);
		return NULL;
	}
	h = yajl_alloc(&json_callbacks, NULL, &p);
	if (h == NULL)
		fatal("out of memory (JSON parser)");
	yajl_config(h, yajl_dont_validate_strings, 1);
	yajl_config(h, yajl_allow_trailing_garbage, 0);
	yajl_config(h, yajl_allow_comments, 0);
	yajl_config(h, yajl_allow_multiple_values, 0);
	yajl_config(h, yajl_allow_partial_values, 0);

	st = yajl_parse(h, (const unsigned char *)text, len);
	if (st == yajl_status_ok) {
		st = yajl_complete_parse(h);
		if (st == yajl_status_error) {
			err_set(e, ERR_DATA, _("%s is cut short (the JSON ends "
			    "after %zu bytes)"), what, len);
			goto fail;
		}
	}
	if (st == yajl_status_client_canceled)
		goto fail;      /* a cap was hit: e already says which */
	if (st != yajl_status_ok) {
		at = yajl_get_bytes_consumed(h);
		err_set(e, ERR_DATA, _("%s is not valid JSON (parse error at "
		    "byte %zu)"), what, at);
		goto fail;
	}
	yajl_free(h);
	free(p.key);
	if (p.root == NULL) {
		err_set(e, ERR_DATA, _("%s is empty"), what);
		return NULL;
	}
	return p.root;

fail:
	yajl_free(h);
	free(p.key);
	json_free(p.root);
	return NULL;
}

void
json_free(struct json *j)
{
	struct json *todo, *node;

	if (j == NULL)
		return;
	/* Children are spliced in front of the remaining work list, so the
	 * walk needs no stack however deep the tree is.  The root's own next
	 * is not followed: it has no siblings worth keeping. */
	j->next = NULL;
	todo = j;
	while (todo != NULL) {
		node = todo;
		todo = node->next;
		if (node->first != NULL) {
			node->last->next = todo;
			todo = node->first;
		}
		free(node->key);
		free(node->str);
		free(node);
	}
}

const struct json *
json_get(const struct json *j, const char *key)
{
	const struct json *c;

	if (j == NULL || j->type != JSON_OBJECT)
		return NULL;
	for (c = j->first; c != NULL; c = c->next) {
		if (strcmp(c->key, key) == 0)
			return c;
	}
	return NULL;
}

const struct json *
json_get_anyv(const struct json *j, ...)
{
	const struct json *v = NULL;
	const char *key;
	va_list ap;

	va_start(ap, j);
	while ((key = va_arg(ap, const char *)) != NULL) {
		v = json_get(j, key);
		if (v != NULL && v->type != JSON_NULL)
			break;
		v = NULL;
	}
	va_end(ap);
	return v;
}

bool
json_is(const struct json *j, enum json_type type)
{
	return j != NULL && j->type == type;
}

const char *
json_str(const struct json *j)
{
	return json_is(j, JSON_STRING) ? j->str : NULL;
}

bool
json_bool(const struct json *j, bool def)
{
	if (json_is(j, JSON_BOOL))
		return j->b;
	if (json_is(j, JSON_STRING)) {
		if (strcmp(j->str, "true") == 0)
			return true;
		if (strcmp(j->str, "false") == 0)
			return false;
	}
	return def;
}

double
json_num(const struct json *j, double def)
{
	double d;

	if (json_is(j, JSON_NUMBER))
		return j->num;
	if (json_is(j, JSON_STRING) &&
	    json_strtod(j->str, strlen(j->str), &d) == 0)
		return d;
	return def;
}

const struct json *
json_items(const struct json *j, size_t *n)
{
	if (json_is(j, JSON_OBJECT))
		j = json_get(j, "items");
	if (!json_is(j, JSON_ARRAY)) {
		if (n != NULL)
			*n = 0;
		return NULL;
	}
	if (n != NULL)
		*n = j->n;
	return j->first;
}

/* Appends s as a JSON string literal. */
static void
json_render_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_append(b, "\"", 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_append(b, "\\", 1);
			buf_append(b, p, 1);
		} else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_append(b, p, 1);
	}
	buf_append(b, "\"", 1);
}

/* Recursion is bounded: json_parse never builds more than
 * DECODE_MAX_DEPTH levels. */
static void
json_render_to(struct buf *b, const struct json *j)
{
	const struct json *c;

	switch (j->type) {
	case JSON_NULL:
		buf_puts(b, "null");
		break;
	case JSON_BOOL:
		buf_puts(b, j->b ? "true" : "false");
		break;
	case JSON_NUMBER:
		buf_puts(b, j->str);
		break;
	case JSON_STRING:
		json_render_string(b, j->str);
		break;
	case JSON_ARRAY:
	case JSON_OBJECT:
		buf_puts(b, j->type == JSON_ARRAY ? "[" : "{");
		for (c = j->first; c != NULL; c = c->next) {
			if (c != j->first)
				buf_puts(b, ",");
			if (j->type == JSON_OBJECT) {
				json_render_string(b, c->key);
				buf_puts(b, ":");
			}
			json_render_to(b, c);
		}
		buf_puts(b, j->type == JSON_ARRAY ? "]" : "}");
		break;
	}
}

char *
json_render(const struct json *j)
{
	struct buf b;

	if (j == NULL)
		return xstrdup("null");
	/* Past the cap the text is simply cut: it is for display only. */
	buf_init(&b, 4 * DECODE_MAX_STRING);
	json_render_to(&b, j);
	return buf_steal(&b);
}
