/* decode-json.c - yajl callbacks that fill the model as values arrive.
 *
 * The parse keeps a stack of frames: the root slot at the bottom, then one
 * frame per open container saying what that container is for (an element
 * of a schema, translated texts included; a group of an element's members;
 * a list of elements or of translated texts; a value rendered as text; or
 * nothing we want) and so where the next value goes.  Two small tables
 * drive it: decode_json_kinds (what a frame does with a key, a value, its
 * end) and decode_json_types (how a field takes a value).
 *
 * Ownership: an element is written in place in whatever holds it and
 * counted there as soon as it starts, so everything half built when the
 * parse stops belongs to the root's out and one clear of the root frees it.
 * An element that fails is freed by the frame below it, which alone knows
 * whether to drop it, fail its holder or fail the call.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ebox/i18n.h"
#include "ebox/buf.h"
#include "ebox/decode.h"
#include "ebox/isotime.h"
#include "ebox/model.h"
#include "ebox/sanitize.h"
#include "ebox/utf8.h"
#include "ebox/xalloc.h"
#include "decode-json.h"

#define DECODE_JSON_FIELDS 32       /* fields of one schema, at most */
#define DECODE_JSON_SPELLINGS 64    /* spellings of one schema (seen bits) */
#define DECODE_JSON_SLOTS 64        /* hash slots per schema, a power of 2 */
#define DECODE_JSON_SCHEMAS 6       /* schemas one call may meet (a page
				       of messages: 5) */
#define DECODE_JSON_NUMBER_MAX 512  /* a longer number is not a number */
#define DECODE_JSON_WHAT_MAX 256
#define DECODE_JSON_ID_MAX 40       /* bytes of an id quoted in a sentence */
#define DECODE_JSON_VALUE_BYTES 32  /* what a struct costs: one value per */

/* What take functions answer. */
enum {
	DECODE_JSON_STOP = -1,      /* a cap was hit: e is set */
	DECODE_JSON_TAKEN = 0,
	DECODE_JSON_WRONG = 1,      /* not of the field's type; slot untouched */
};

enum decode_json_token_kind {
	DECODE_JSON_NULL,
	DECODE_JSON_BOOL,
	DECODE_JSON_NUMBER,
	DECODE_JSON_STRING,
	DECODE_JSON_MAP,            /* an object starts */
	DECODE_JSON_ARRAY,          /* an array starts */
};

/* One value as yajl hands it over: s is not NUL-terminated and holds the
 * bytes as sent (numbers as written). */
struct decode_json_token {
	enum decode_json_token_kind kind;
	const char *s;
	size_t len;
	bool b;
};

enum decode_json_kind {
	DECODE_JSON_ROOT,           /* the slot of the whole document */
	DECODE_JSON_ELEMENT,        /* an object of a schema */
	DECODE_JSON_GROUP,          /* an object of some members of one */
	DECODE_JSON_LIST,           /* an array of elements */
	DECODE_JSON_ENVELOPE,       /* {items: [...], totalItems} */
	DECODE_JSON_TSTRINGS,       /* an array of translated texts */
	DECODE_JSON_RENDER,         /* a container kept as compact JSON */
	DECODE_JSON_SKIP,           /* a container nobody asked for */
};

enum decode_json_why {
	DECODE_JSON_FINE,
	DECODE_JSON_NO,             /* "has no fileName" */
	DECODE_JSON_EMPTY,          /* "has an empty messageId" */
	DECODE_JSON_NOT,            /* "has a receiptDate that is not ..." */
	DECODE_JSON_NOT_OBJECT,     /* "is not a JSON object" */
	DECODE_JSON_NOT_LIST,       /* "the attachments field of ... is not
	                               a list" */
};

/* Why an element failed, kept until its item's name is known: a root item
 * is named after its id, which may come last. */
struct decode_json_fault {
	enum decode_json_why why;
	const char *key;            /* the field's spelling */
	const char *noun;           /* DECODE_JSON_NOT: what it should be */
	const struct decode_schema *part;   /* the failing element below the
	                                       item; NULL: the item itself */
	size_t index;               /* the part's position from 1; 0: alone */
};

struct decode_json;

/* One spelling of a schema, as a hash slot: with its field and how that
 * field takes a value, so a member's value is one load away from its
 * key rather than at the end of a chain of them. */
struct decode_json_slot {
	const char *name;           /* after "group.", NULL: empty slot */
	const struct decode_field *fd;
	int (*take)(struct decode_json *, const struct decode_field *,
	    char *, const struct decode_json_token *);
	unsigned short len;
	signed char group;          /* field index of its group, -1: none */
	unsigned char field, rank, bit;
};

/* A schema's spellings by name, built on first use in a call. */
struct decode_json_index {
	const struct decode_schema *schema;
	signed char group_of[DECODE_JSON_FIELDS];   /* by names[0]; -1 */
	uint32_t watch;             /* fields checked when an element ends:
	                               required, strict, or with a default */
	struct decode_json_slot slots[DECODE_JSON_SLOTS];
};

struct decode_json_frame {
	enum decode_json_kind kind;
	size_t n;                   /* values so far, against the item cap */
	const struct decode_field *field;   /* what this container fills */
	char *base;                 /* ELEMENT: the element; others: the
	                               struct holding field's slot */
	int member;                 /* GROUP: its field; ENVELOPE: the pending
	                               member; -1: skip the value */
	bool root;                  /* LIST, ENVELOPE: the root list */
	bool array;                 /* RENDER: ']' closes it */
	bool got;                   /* ENVELOPE: items was an array */
	size_t cap;                 /* LIST, TSTRINGS: room in the array */
	uint64_t seen;              /* spellings (or envelope members) met */
	/* ELEMENT; a GROUP's owner is its element. */
	struct decode_json_frame *owner;
	const struct decode_json_index *ix;
	const struct decode_json_slot *key;     /* pending member; NULL: skip */
	uint32_t bad;               /* fields whose value had the wrong type */
	unsigned char rank[DECODE_JSON_FIELDS]; /* 1 + spelling used; 0 none */
	struct decode_json_fault fault;         /* a part failing this one */
	size_t index;               /* position in its list from 1; 0 alone */
	bool item;                  /* a root item */
};

struct decode_json {
	const struct decode_root *root;
	void *out;
	struct decode_report *rep;
	struct err *e;
	int code;                   /* of the failure, when a callback stops */
	/* A failure found in the data, held until the parse ends: broken
	 * JSON and caps are what the bytes are first, as before any tree
	 * could be read. */
	char refused[ERR_MSG_MAX];
	size_t nodes;               /* values so far, against DECODE_MAX_NODES */
	int top;                    /* frames[top] is the innermost */
	struct decode_json_frame frames[DECODE_MAX_DEPTH + 1];
	size_t item_rejected;       /* parts the current item left out */
	struct decode_json_fault item_fault;    /* the first of them */
	struct buf render;          /* DECODE_TEXT of a container */
	size_t n_ix;
	struct decode_json_index ix[DECODE_JSON_SCHEMAS];
};

static int decode_json_fail(struct decode_json *, int, const char *, ...)
	__attribute__((format(printf, 3, 4)));

/* --- text, numbers, dates ------------------------------------------------ */

/* Copies the plain ASCII of u[i..n) to out and returns where it stops:
 * the first NUL or byte above 0x7F, or n.  Blocks of 16 bytes where SSE2
 * is there (any x86-64), else 8, are stored whole whatever they hold (the
 * copy is verbatim: bytes past a stop are the right ones or cut off
 * later), and the last block overlaps bytes already passed instead of
 * going byte by byte.  Copying while checking spares a second pass and
 * memcpy's branches on sizes, on every string of every page. */
static inline size_t
decode_json_plain(char *out, const unsigned char *u, size_t i, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t w;
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	__m128i v;
	int m;

	/* movemask takes each byte's high bit: set above 0x7F, and for a NUL
	 * through the compare. */
	while (n - i >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		_mm_storeu_si128((__m128i *)(void *)(out + i), v);
		m = _mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
		if (m != 0)
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
	if (i < n && n >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(u + n - 16));
		_mm_storeu_si128((__m128i *)(void *)(out + n - 16), v);
		m = _mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
		/* Bytes before i may be characters already decoded. */
		m &= ~0u << (i - (n - 16));
		return m == 0 ? n : n - 16 + (size_t)__builtin_ctz((unsigned)m);
	}
#endif
	while (n - i >= 8) {
		memcpy(&w, u + i, 8);
		memcpy(out + i, &w, 8);
		if ((((w - ones) & ~w) | w) & highs)
			break;
		i += 8;
	}
	if (i < n && n - i < 8 && n >= 8) {
		memcpy(&w, u + n - 8, 8);
		memcpy(out + n - 8, &w, 8);
		if (!((((w - ones) & ~w) | w) & highs))
			return n;
	}
	for (; i < n && u[i] != 0 && u[i] < 0x80; i++)
		out[i] = (char)u[i];
	return i;
}

/* Copies s[0..n) to out (n bytes of room) up to the first NUL (\u0000
 * ends a string, as it would in C anyway) and returns the length copied.
 * Characters above ASCII are left to utf8_decode(), the reference, so the
 * check agrees with utf8_repair(); at the first sequence that is not
 * UTF-8 the copy stops there and *valid turns false. */
static inline size_t
decode_json_copy(char *out, const char *s, size_t n, bool *valid)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	*valid = true;
	for (;;) {
		i = decode_json_plain(out, u, i, n);
		if (i == n || u[i] == 0)
			return i;
		/* A NUL is no continuation byte: utf8_decode never eats one. */
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			*valid = false;
			return i;
		}
		for (; k > 0; k--, i++)
			out[i] = s[i];
	}
}

/* The length of s[0..len) up to a NUL, for values read as they are. */
static size_t
decode_json_strlen(const char *s, size_t len)
{
	const char *nul = memchr(s, '\0', len);

	return nul != NULL ? (size_t)(nul - s) : len;
}

/* A new string from untrusted bytes: cut to DECODE_MAX_STRING on a
 * character boundary and at a NUL, whichever comes first; invalid
 * sequences replaced by U+FFFD.  Inlined: it runs for every string of
 * every page. */
static inline __attribute__((always_inline)) char *
decode_json_text(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	bool valid;
	char *out;
	size_t n;

	if (len > DECODE_MAX_STRING) {
		len = DECODE_MAX_STRING;
		/* Step back over continuation bytes of a split character. */
		while (len > DECODE_MAX_STRING - 4 && (u[len] & 0xc0) == 0x80)
			len--;
	}
	out = xmalloc(len + 1);
	n = decode_json_copy(out, s, len, &valid);
	if (valid) {
		out[n] = '\0';
		return out;
	}
	free(out);
	out = utf8_repair(s, n + decode_json_strlen(s + n, len - n));
	/* Each invalid byte became three (U+FFFD): the cap holds for what
	 * comes out, cut again on a character boundary. */
	if ((n = strlen(out)) > DECODE_MAX_STRING) {
		n = DECODE_MAX_STRING;
		while (n > 0 && ((unsigned char)out[n] & 0xc0) == 0x80)
			n--;
		out[n] = '\0';
	}
	return out;
}

/* strtod for JSON's '.' whatever LC_NUMERIC says; s is a checked number. */
static int
decode_json_strtod(const char *s, size_t len, double *out)
{
	const char *dp = localeconv()->decimal_point;
	size_t dplen = strlen(dp), i, j = 0;
	char copy[DECODE_JSON_NUMBER_MAX + 16], *end;

	if (dplen == 0 || dplen > 8)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			memcpy(copy + j, dp, dplen);
			j += dplen;
		} else
			copy[j++] = s[i];
	}
	copy[j] = '\0';
	*out = strtod(copy, &end);
	return *end == '\0' ? 0 : -1;
}

/* Reads the whole of s[0..len) as a JSON number.  Short decimals (the
 * sizes and amounts of every page) are computed exactly without strtod:
 * an integer below 2^53 times or divided by an exact power of ten is
 * correctly rounded (Clinger's fast path).  0, or -1 when s is not a
 * number. */
static int
decode_json_number(const char *s, size_t len, double *out)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
	};
	uint64_t m = 0;
	size_t i = 0;
	int digits = 0, scale = 0, ex = 0, exsign = 1, total;
	bool neg = false, exact = true, frac = false;
	double d;

	if (len == 0 || len > DECODE_JSON_NUMBER_MAX)
		return -1;
	if (s[i] == '-') {
		neg = true;
		i++;
	}
	if (i == len || s[i] < '0' || s[i] > '9' ||
	    (s[i] == '0' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9'))
		return -1;
	for (;;) {
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (m == 0 && s[i] == '0') {
				scale -= frac;  /* leading zeros only shift */
				continue;
			}
			if (digits == 19) {
				exact = false;
				scale += !frac;
				continue;
			}
			m = m * 10 + (uint64_t)(s[i] - '0');
			digits++;
			scale -= frac;
		}
		if (frac || i == len || s[i] != '.')
			break;
		frac = true;
		if (++i == len || s[i] < '0' || s[i] > '9')
			return -1;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			exsign = s[i++] == '-' ? -1 : 1;
		if (i == len || s[i] < '0' || s[i] > '9')
			return -1;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (ex < 100000)
				ex = ex * 10 + (s[i] - '0');
		}
	}
	if (i != len)
		return -1;
	total = scale + exsign * ex;
	if (m == 0) {
		*out = neg ? -0.0 : 0.0;
		return 0;
	}
	if (!exact || m > (1ULL << 53) || total < -22 || total > 22)
		return decode_json_strtod(s, len, out);
	d = (double)m;
	d = total < 0 ? d / pow10[-total] : d * pow10[total];
	*out = neg ? -d : d;
	return 0;
}

/* A number token, or a string holding only a number. */
static int
decode_json_double(const struct decode_json_token *t, double *out)
{
	if (t->kind == DECODE_JSON_NUMBER)
		return decode_json_number(t->s, t->len, out);
	if (t->kind == DECODE_JSON_STRING)
		return decode_json_number(t->s, decode_json_strlen(t->s,
		    t->len), out);
	return -1;
}

static int
decode_json_long(const struct decode_json_token *t, long *out)
{
	double d;

	if (decode_json_double(t, &d) != 0 || !isfinite(d) || d < -9e15 ||
	    d > 9e15)
		return -1;
	*out = (long)d;
	return 0;
}

static int
decode_json_time(const char *s, size_t len, time_t *out)
{
	char buf[128], *copy = buf;
	int r;

	len = decode_json_strlen(s, len);
	if (len >= sizeof buf)
		copy = xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	r = isotime_parse(copy, out);
	if (copy != buf)
		free(copy);
	return r;
}

/* --- frames --------------------------------------------------------------- */

static struct decode_json_frame *
decode_json_push(struct decode_json *d, enum decode_json_kind kind,
    const struct decode_field *fd, char *base)
{
	struct decode_json_frame *f = &d->frames[++d->top];

	f->kind = kind;
	f->n = 0;
	f->field = fd;
	f->base = base;
	f->member = -1;
	f->root = false;
	f->array = false;
	f->got = false;
	f->cap = 0;
	f->seen = 0;
	f->owner = NULL;
	f->key = NULL;
	return f;
}

/* Stops the parse with a sentence; returns 0, yajl's "stop". */
static int
decode_json_fail(struct decode_json *d, int code, const char *fmt, ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	d->code = code;
	err_set(d->e, code, "%s", msg);
	return 0;
}

/* Fails the call once the parse is over, unless something about the
 * bytes themselves fails it first; the first refusal is kept. */
static int
decode_json_refuse(struct decode_json *d, const char *msg)
{
	if (d->refused[0] == '\0')
		snprintf(d->refused, sizeof d->refused, "%s", msg[0] != '\0' ?
		    msg : "?");
	return 1;
}

/* What the model costs counts against DECODE_MAX_NODES too, one value
 * per DECODE_JSON_VALUE_BYTES of struct or array: "{}" is one value in the
 * body but a document of some 150 bytes once made (with its made-up
 * name), and 15 MiB of them must not build 500,000 documents before the
 * cap says no.  So a value counted costs about what a string does, and
 * the model stays within DECODE_MAX_NODES of those.  0 (stop) past the
 * cap. */
static int
decode_json_charge(struct decode_json *d, size_t size)
{
	d->nodes += size / DECODE_JSON_VALUE_BYTES;
	if (d->nodes > DECODE_MAX_NODES)
		return decode_json_fail(d, ERR_TOOBIG, ngettext("%s has more "
		    "than %d value", "%s has more than %d values",
		    DECODE_MAX_NODES), _(d->root->what), DECODE_MAX_NODES);
	return 1;
}

/* Room for one more element in *arr (count used, *cap allocated), the
 * room paid for as it is made: spare slots cost like used ones, so
 * nothing needs trimming (a realloc per list cost a tenth of the time).
 * 0 (stop) past the cap. */
static int
decode_json_grow(struct decode_json *d, void **arr, size_t count,
    size_t *cap, size_t size)
{
	size_t more;

	if (count < *cap)
		return 1;
	more = *cap != 0 ? *cap : 4;
	if (!decode_json_charge(d, more * size))
		return 0;
	*cap += more;
	*arr = xreallocarray(*arr, *cap, size);
	return 1;
}

/* A schema's spellings by name.  The hash is the length and three bytes:
 * enough to spread a few dozen names over DECODE_JSON_SLOTS (1.1 probes
 * a key on real pages), cheap for every key; hits are compared in full. */
static inline size_t
decode_json_hash(int group, const char *s, size_t len)
{
	size_t h = len * 37 + (size_t)(group + 1) * 11;

	if (len > 0)
		h += (unsigned char)s[0] * 5u + (unsigned char)s[len / 2] +
		    (unsigned char)s[len - 1] * 9u;
	return h & (DECODE_JSON_SLOTS - 1);
}

/* Whether a[0..len) and b[0..len) are equal: word loads, the last one
 * overlapping, never a byte past either. */
static inline bool
decode_json_same(const char *a, const char *b, size_t len)
{
	uint64_t x, y;
	uint32_t p, q;
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 < len; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return false;
		}
		memcpy(&x, a + len - 8, 8);
		memcpy(&y, b + len - 8, 8);
		return x == y;
	}
	if (len >= 4) {
		memcpy(&p, a, 4);
		memcpy(&q, b, 4);
		if (p != q)
			return false;
		memcpy(&p, a + len - 4, 4);
		memcpy(&q, b + len - 4, 4);
		return p == q;
	}
	for (i = 0; i < len; i++) {
		if (a[i] != b[i])
			return false;
	}
	return true;
}

static inline const struct decode_json_slot *
decode_json_lookup(const struct decode_json_index *ix, int group,
    const char *s, size_t len)
{
	size_t i = decode_json_hash(group, s, len);
	const struct decode_json_slot *k;

	for (; (k = &ix->slots[i])->name != NULL;
	    i = (i + 1) & (DECODE_JSON_SLOTS - 1)) {
		if (k->len == len && k->group == group &&
		    decode_json_same(k->name, s, len))
			return k;
	}
	return NULL;
}

/* --- sentences ------------------------------------------------------------ */

/* Fills a schema's phrase (decode-json.h), translated: its %zu (or %1$zu)
 * takes n, its %s (or %2$s) the item.  Not printf, which would have to
 * trust a format that comes from a table and a catalogue. */
static void
decode_json_phrase(char *buf, size_t size, const char *phrase, size_t n,
    const char *item)
{
	char num[24];
	const char *p = _(phrase), *put;
	size_t k = 0, len;

	snprintf(num, sizeof num, "%zu", n);
	while (*p != '\0' && k + 1 < size) {
		put = NULL;
		if (p[0] == '%' && p[1] == '%') {
			put = "%";
			p += 2;
		} else if (p[0] == '%') {
			const char *q = p + 1;

			while (*q >= '0' && *q <= '9')
				q++;
			q += *q == '$';
			if (q[0] == 'z' && q[1] == 'u') {
				put = num;
				p = q + 2;
			} else if (q[0] == 's') {
				put = item;
				p = q + 1;
			}
		}
		if (put == NULL) {
			buf[k++] = *p++;
			continue;
		}
		len = strlen(put);
		if (len > size - 1 - k)
			len = size - 1 - k;
		memcpy(buf + k, put, len);
		k += len;
	}
	buf[k] = '\0';
}

/* How a root item is named: "message 3", or "message 3 (abc)" once its id
 * is known (cut and made safe to print: it comes from the server). */
static void
decode_json_item_name(const struct decode_schema *s, size_t index,
    const char *el, char *buf, size_t size)
{
	const char *id = NULL;
	char *clean, named[DECODE_JSON_WHAT_MAX / 2];
	size_t cut;

	decode_json_phrase(named, sizeof named, s->item != NULL ? s->item :
	    "%zu", index, "");
	if (el != NULL && s->id_field >= 0)
		id = *(char *const *)(el + s->fields[s->id_field].off);
	if (id == NULL || *id == '\0') {
		snprintf(buf, size, "%s", named);
		return;
	}
	clean = sanitize_text(id, SANITIZE_DROP_INVISIBLE);
	if ((cut = strlen(clean)) > DECODE_JSON_ID_MAX) {
		cut = DECODE_JSON_ID_MAX;
		while (cut > 0 && (clean[cut] & 0xc0) == 0x80)
			cut--;
		snprintf(buf, size, "%s (%.*s...)", named, (int)cut, clean);
	} else
		snprintf(buf, size, "%s (%s)", named, clean);
	free(clean);
}

/* What failed: the item, or a part of it named by its schema's phrase. */
static void
decode_json_what(const struct decode_json_fault *f, const char *item,
    char *what, size_t size)
{
	if (f->part == NULL)
		snprintf(what, size, "%s", item);
	else if (f->index > 0 && f->part->part != NULL)
		decode_json_phrase(what, size, f->part->part, f->index, item);
	else if (f->index == 0 && f->part->alone != NULL)
		decode_json_phrase(what, size, f->part->alone, 0, item);
	else
		snprintf(what, size, "%s", item);  /* no phrase: the item */
}

/* The sentence for fault f inside the item named item. */
static void
decode_json_sentence(const struct decode_json_fault *f, const char *item,
    char *out, size_t size)
{
	char what[DECODE_JSON_WHAT_MAX];

	decode_json_what(f, item, what, sizeof what);
	/* A switch rather than a table: printf then checks each format
	 * against its arguments. */
	switch (f->why) {
	case DECODE_JSON_NO:
		snprintf(out, size, _("%s has no %s"), what, f->key);
		break;
	case DECODE_JSON_EMPTY:
		snprintf(out, size, _("%s has an empty %s"), what, f->key);
		break;
	case DECODE_JSON_NOT:
		snprintf(out, size, _("%s has a %s that is not %s"), what,
		    f->key, _(f->noun));
		break;
	case DECODE_JSON_NOT_OBJECT:
		snprintf(out, size, _("%s is not a JSON object"), what);
		break;
	case DECODE_JSON_NOT_LIST:
		snprintf(out, size, _("the %.100s field of %s is not a list"),
		    f->key, what);
		break;
	case DECODE_JSON_FINE:
		snprintf(out, size, "%s", what);
		break;
	}
}

/* --- what happens to a failed element --------------------------------- */

/* A part of the current item was left out: counted, the first kept. */
static void
decode_json_count(struct decode_json *d, const struct decode_json_fault *f)
{
	d->item_rejected++;
	if (d->item_fault.why == DECODE_JSON_FINE)
		d->item_fault = *f;
}

/* An element held by field fd failed with f and is already freed: left
 * out (DECODE_DROP counts it), or its holder fails in turn, or, with no
 * holder, the call. */
static int
decode_json_lost(struct decode_json *d, const struct decode_field *fd,
    const struct decode_json_fault *f)
{
	char msg[ERR_MSG_MAX];
	int i;

	if (fd->flags & DECODE_DROP) {
		decode_json_count(d, f);
		return 1;
	}
	if (fd->flags & DECODE_SKIP)
		return 1;
	for (i = d->top; i > 0; i--) {
		if (d->frames[i].kind == DECODE_JSON_ELEMENT) {
			if (d->frames[i].fault.why == DECODE_JSON_FINE)
				d->frames[i].fault = *f;
			return 1;
		}
	}
	decode_json_sentence(f, _(d->root->what), msg, sizeof msg);
	return decode_json_refuse(d, msg);
}

/* A root item ended: kept (its parts' losses join the report) or lost
 * (index: its position; el: what was read of it, for its id). */
static int
decode_json_item_end(struct decode_json *d, const struct decode_field *fd,
    size_t index, const char *el, const struct decode_json_fault *f)
{
	struct decode_report *rep = d->rep;
	const struct decode_json_fault *why = f;
	char name[DECODE_JSON_WHAT_MAX], msg[ERR_MSG_MAX];

	if (f->why == DECODE_JSON_FINE) {
		rep->rejected += d->item_rejected;
		why = &d->item_fault;
		if (why->why == DECODE_JSON_FINE || rep->reason != NULL)
			return 1;
	} else if (fd->flags & DECODE_SKIP)
		return 1;
	else if (fd->flags & DECODE_DROP) {
		rep->rejected++;
		if (rep->reason != NULL)
			return 1;
	}
	if (index == 0)
		snprintf(name, sizeof name, "%s", _(d->root->what));
	else
		decode_json_item_name(fd->sub, index, el, name, sizeof name);
	decode_json_sentence(why, name, msg, sizeof msg);
	if (f->why == DECODE_JSON_FINE || (fd->flags & DECODE_DROP)) {
		rep->reason = xstrdup(msg);
		return 1;
	}
	return decode_json_refuse(d, msg);
}

/* --- translated texts ------------------------------------------------------ */

/* {nl, fr, de, en} is an element like any other: its keys and values then
 * take the same path as the members around them (one path the branch
 * predictor learns, rather than a switch of frame kind at every key).
 * Strings only; other types, other languages and null read as absent. */
static const struct decode_field decode_json_tstring_fields[] = {
	{ { "nl", NULL }, DECODE_STR, 0, offsetof(struct tstring, nl), NULL,
	    0 },
	{ { "fr", NULL }, DECODE_STR, 0, offsetof(struct tstring, fr), NULL,
	    0 },
	{ { "de", NULL }, DECODE_STR, 0, offsetof(struct tstring, de), NULL,
	    0 },
	{ { "en", NULL }, DECODE_STR, 0, offsetof(struct tstring, en), NULL,
	    0 },
};

static const struct decode_schema decode_json_tstring_schema = {
	"translated text", NULL, NULL, N_("a translated text of %s"),
	decode_json_tstring_fields,
	sizeof decode_json_tstring_fields / sizeof decode_json_tstring_fields[0],
	sizeof (struct tstring), -1, NULL, NULL
};

/* The slot a translated text is pushed as: in place, at its own base. */
static const struct decode_field decode_json_tstring_object = {
	{ NULL }, DECODE_OBJECT, 0, 0, &decode_json_tstring_schema, 0
};

static struct decode_json_frame *decode_json_push_element(struct decode_json *,
    const struct decode_field *, char *, size_t, bool);

static void
decode_json_push_tstring(struct decode_json *d, struct tstring *t)
{
	decode_json_push_element(d, &decode_json_tstring_object, (char *)t, 0,
	    false);
}

/* --- fields take values ------------------------------------------------ */

static int
decode_json_take_str(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	if (t->kind != DECODE_JSON_STRING)
		return DECODE_JSON_WRONG;
	*(char **)(base + fd->off) = decode_json_text(t->s, t->len);
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_id(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	if (t->kind == DECODE_JSON_NUMBER) {
		*(char **)(base + fd->off) = xstrndup(t->s,
		    t->len > DECODE_JSON_NUMBER_MAX ? DECODE_JSON_NUMBER_MAX :
		    t->len);
		return DECODE_JSON_TAKEN;
	}
	return decode_json_take_str(d, fd, base, t);
}

static int
decode_json_take_text(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	struct decode_json_frame *f;

	switch (t->kind) {
	case DECODE_JSON_BOOL:
		*(char **)(base + fd->off) = xstrdup(t->b ? "true" : "false");
		return DECODE_JSON_TAKEN;
	case DECODE_JSON_MAP:
	case DECODE_JSON_ARRAY:
		buf_reset(&d->render);
		buf_append(&d->render, t->kind == DECODE_JSON_MAP ? "{" : "[",
		    1);
		f = decode_json_push(d, DECODE_JSON_RENDER, fd, base);
		f->array = t->kind == DECODE_JSON_ARRAY;
		return DECODE_JSON_TAKEN;
	default:
		return decode_json_take_id(d, fd, base, t);
	}
}

static int
decode_json_take_tstring(struct decode_json *d,
    const struct decode_field *fd, char *base,
    const struct decode_json_token *t)
{
	struct tstring *ts = (struct tstring *)(base + fd->off);

	if (t->kind == DECODE_JSON_STRING) {
		ts->en = decode_json_text(t->s, t->len);
		return DECODE_JSON_TAKEN;
	}
	if (t->kind != DECODE_JSON_MAP)
		return DECODE_JSON_WRONG;
	decode_json_push_tstring(d, ts);
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_time(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	time_t v;

	if (t->kind != DECODE_JSON_STRING ||
	    decode_json_time(t->s, t->len, &v) != 0)
		return DECODE_JSON_WRONG;
	*(time_t *)(base + fd->off) = v;
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_bool(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	bool *slot = (bool *)(base + fd->off);
	size_t len;

	if (t->kind == DECODE_JSON_BOOL) {
		*slot = t->b;
		return DECODE_JSON_TAKEN;
	}
	if (t->kind != DECODE_JSON_STRING)
		return DECODE_JSON_WRONG;
	len = decode_json_strlen(t->s, t->len);
	if (len == 4 && memcmp(t->s, "true", 4) == 0)
		*slot = true;
	else if (len == 5 && memcmp(t->s, "false", 5) == 0)
		*slot = false;
	else
		return DECODE_JSON_WRONG;
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_double(struct decode_json *d,
    const struct decode_field *fd, char *base,
    const struct decode_json_token *t)
{
	double v;

	if (decode_json_double(t, &v) != 0 || !isfinite(v))
		return DECODE_JSON_WRONG;
	*(double *)(base + fd->off) = v;
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_long(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	long v;

	if (decode_json_long(t, &v) != 0)
		return DECODE_JSON_WRONG;
	*(long *)(base + fd->off) = v;
	return DECODE_JSON_TAKEN;
}

/* One more translated text at the end of a TSTRINGS slot; NULL (stop)
 * past the cap. */
static struct tstring *
decode_json_tstrings_add(struct decode_json *d, const struct decode_field *fd,
    char *base, size_t *cap)
{
	struct tstring **arr = (struct tstring **)(base + fd->off);
	size_t *n = (size_t *)(base + fd->n_off);
	struct tstring *t;

	if (!decode_json_grow(d, (void **)arr, *n, cap, sizeof **arr))
		return NULL;
	t = &(*arr)[(*n)++];
	memset(t, 0, sizeof *t);
	return t;
}

static int
decode_json_take_tstrings(struct decode_json *d,
    const struct decode_field *fd, char *base,
    const struct decode_json_token *t)
{
	struct tstring *ts;
	size_t cap = 0;

	/* A lone text is a list of one. */
	switch (t->kind) {
	case DECODE_JSON_ARRAY:
		decode_json_push(d, DECODE_JSON_TSTRINGS, fd, base);
		return DECODE_JSON_TAKEN;
	case DECODE_JSON_STRING:
		if ((ts = decode_json_tstrings_add(d, fd, base, &cap)) == NULL)
			return DECODE_JSON_STOP;
		ts->en = decode_json_text(t->s, t->len);
		return DECODE_JSON_TAKEN;
	case DECODE_JSON_MAP:
		if ((ts = decode_json_tstrings_add(d, fd, base, &cap)) == NULL)
			return DECODE_JSON_STOP;
		decode_json_push_tstring(d, ts);
		return DECODE_JSON_TAKEN;
	default:
		return DECODE_JSON_WRONG;
	}
}

static int
decode_json_take_group(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	struct decode_json_frame *el = d->frames[d->top].owner, *f;

	if (t->kind != DECODE_JSON_MAP)
		return DECODE_JSON_WRONG;
	f = decode_json_push(d, DECODE_JSON_GROUP, fd, base);
	f->owner = el;
	f->member = (int)(fd - el->ix->schema->fields);
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_list(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	bool root = d->top == 0;
	struct decode_json_frame *f;

	if (t->kind == DECODE_JSON_ARRAY)
		f = decode_json_push(d, DECODE_JSON_LIST, fd, base);
	else if (t->kind == DECODE_JSON_MAP)
		f = decode_json_push(d, DECODE_JSON_ENVELOPE, fd, base);
	else
		return DECODE_JSON_WRONG;
	f->root = root;
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_new(struct decode_json *d, const struct decode_field *fd,
    char *base, const struct decode_json_token *t)
{
	void *el;

	if (t->kind != DECODE_JSON_MAP)
		return DECODE_JSON_WRONG;
	if (!decode_json_charge(d, fd->sub->size))
		return DECODE_JSON_STOP;
	el = xcalloc(1, fd->sub->size);
	*(void **)(base + fd->off) = el;
	decode_json_push_element(d, fd, el, 0, d->top == 0);
	return DECODE_JSON_TAKEN;
}

static int
decode_json_take_object(struct decode_json *d,
    const struct decode_field *fd, char *base,
    const struct decode_json_token *t)
{
	if (t->kind != DECODE_JSON_MAP)
		return DECODE_JSON_WRONG;
	decode_json_push_element(d, fd, base + fd->off, 0, d->top == 0);
	return DECODE_JSON_TAKEN;
}

/* Clearing a slot: when a better spelling replaces a value, and for the
 * root when the call fails. */
static void
decode_json_clear_str(const struct decode_field *fd, char *base)
{
	xfree((char **)(base + fd->off));
}

static void
decode_json_clear_tstring(const struct decode_field *fd, char *base)
{
	tstring_done((struct tstring *)(base + fd->off));
}

static void
decode_json_clear_scalar(const struct decode_field *fd, char *base)
{
	/* The value is set whole or not at all: the default comes back at
	 * the element's end. */
}

static void
decode_json_clear_tstrings(const struct decode_field *fd, char *base)
{
	struct tstring **arr = (struct tstring **)(base + fd->off);
	size_t *n = (size_t *)(base + fd->n_off), i;

	for (i = 0; i < *n; i++)
		tstring_done(&(*arr)[i]);
	xfree(arr);
	*n = 0;
}

static void
decode_json_clear_list(const struct decode_field *fd, char *base)
{
	const struct decode_schema *s = fd->sub;
	void **arr = (void **)(base + fd->off);
	size_t *n = (size_t *)(base + fd->n_off), i;
	char *el;

	for (i = 0; i < *n; i++) {
		if (fd->flags & DECODE_POINTERS)
			el = ((char **)*arr)[i];
		else
			el = (char *)*arr + i * s->size;
		if (s->done != NULL)
			s->done(el);
		if (fd->flags & DECODE_POINTERS)
			free(el);
	}
	xfree(arr);
	*n = 0;
}

static void
decode_json_clear_new(const struct decode_field *fd, char *base)
{
	void **slot = (void **)(base + fd->off);

	if (*slot != NULL && fd->sub->done != NULL)
		fd->sub->done(*slot);
	xfree(slot);
}

static void
decode_json_clear_object(const struct decode_field *fd, char *base)
{
	if (fd->sub->done != NULL)
		fd->sub->done(base + fd->off);
	memset(base + fd->off, 0, fd->sub->size);
}

static const struct {
	int (*take)(struct decode_json *, const struct decode_field *,
	    char *, const struct decode_json_token *);
	void (*clear)(const struct decode_field *, char *);
	const char *noun;       /* "... that is not <noun>" */
} decode_json_types[] = {
	[DECODE_STR] = { decode_json_take_str, decode_json_clear_str,
	    N_("text") },
	[DECODE_ID] = { decode_json_take_id, decode_json_clear_str,
	    N_("text") },
	[DECODE_TEXT] = { decode_json_take_text, decode_json_clear_str,
	    N_("a value") },
	[DECODE_TSTRING] = { decode_json_take_tstring,
	    decode_json_clear_tstring, N_("a translated text") },
	[DECODE_TIME] = { decode_json_take_time, decode_json_clear_scalar,
	    N_("a valid date") },
	[DECODE_BOOL] = { decode_json_take_bool, decode_json_clear_scalar,
	    N_("true or false") },
	[DECODE_DOUBLE] = { decode_json_take_double, decode_json_clear_scalar,
	    N_("a number") },
	[DECODE_LONG] = { decode_json_take_long, decode_json_clear_scalar,
	    N_("a whole number") },
	[DECODE_TSTRINGS] = { decode_json_take_tstrings,
	    decode_json_clear_tstrings, N_("a list of translated texts") },
	/* A group writes other fields' slots: it has nothing to clear and
	 * so must keep a single spelling. */
	[DECODE_GROUP] = { decode_json_take_group, decode_json_clear_scalar,
	    N_("a JSON object") },
	[DECODE_LIST] = { decode_json_take_list, decode_json_clear_list,
	    N_("a list") },
	[DECODE_NEW] = { decode_json_take_new, decode_json_clear_new,
	    N_("a JSON object") },
	[DECODE_OBJECT] = { decode_json_take_object, decode_json_clear_object,
	    N_("a JSON object") },
};

/* --- schemas by name ------------------------------------------------------ */

/* The field index of the group called s[0..len) in schema s, or -1. */
static int
decode_json_group(const struct decode_schema *s, const char *name,
    size_t len)
{
	size_t i;

	for (i = 0; i < s->n_fields; i++) {
		if (s->fields[i].type == DECODE_GROUP &&
		    strlen(s->fields[i].names[0]) == len &&
		    memcmp(s->fields[i].names[0], name, len) == 0)
			return (int)i;
	}
	return -1;
}

/* The index of schema s for this call, built the first time it is met:
 * a few dozen inserts, far cheaper than the page it serves, and no state
 * outside the call. */
static const struct decode_json_index *
decode_json_index(struct decode_json *d, const struct decode_schema *s)
{
	struct decode_json_index *ix;
	struct decode_json_slot *k;
	const char *name, *dot;
	size_t i, r, h, bits = 0;
	int group;

	for (i = 0; i < d->n_ix; i++) {
		if (d->ix[i].schema == s)
			return &d->ix[i];
	}
	if (d->n_ix == DECODE_JSON_SCHEMAS || s->n_fields > DECODE_JSON_FIELDS)
		fatal("decoder tables: too many schemas or fields (%s)",
		    s->noun);
	ix = &d->ix[d->n_ix++];
	ix->schema = s;
	memset(ix->slots, 0, sizeof ix->slots);
	ix->watch = 0;
	for (i = 0; i < s->n_fields; i++) {
		ix->group_of[i] = -1;
		if (s->fields[i].flags & (DECODE_REQUIRED | DECODE_STRICT |
		    DECODE_TRUE | DECODE_MINUS1))
			ix->watch |= 1u << i;
		for (r = 0; r < 4 && (name = s->fields[i].names[r]) != NULL;
		    r++) {
			group = -1;
			if ((dot = strchr(name, '.')) != NULL) {
				group = decode_json_group(s, name,
				    (size_t)(dot - name));
				if (group < 0)
					fatal("decoder tables: no group for %s",
					    name);
				name = dot + 1;
				if (r == 0)
					ix->group_of[i] = (signed char)group;
			}
			if (bits == DECODE_JSON_SPELLINGS || strlen(name) == 0)
				fatal("decoder tables: too many spellings or an "
				    "empty one (%s)", s->noun);
			h = decode_json_hash(group, name, strlen(name));
			while (ix->slots[h].name != NULL)
				h = (h + 1) & (DECODE_JSON_SLOTS - 1);
			k = &ix->slots[h];
			k->name = name;
			k->fd = &s->fields[i];
			k->take = decode_json_types[s->fields[i].type].take;
			k->len = (unsigned short)strlen(name);
			k->group = (signed char)group;
			k->field = (unsigned char)i;
			k->rank = (unsigned char)r;
			k->bit = (unsigned char)bits++;
		}
	}
	return ix;
}

/* Opens an element of fd->sub at el, already zeroed and owned by what
 * holds it; item: a root item, whose parts' losses are counted anew. */
static struct decode_json_frame *
decode_json_push_element(struct decode_json *d,
    const struct decode_field *fd, char *el, size_t index, bool item)
{
	struct decode_json_frame *f = decode_json_push(d, DECODE_JSON_ELEMENT,
	    fd, el);

	f->owner = f;
	f->ix = decode_json_index(d, fd->sub);
	f->bad = 0;
	memset(f->rank, 0, sizeof f->rank);
	f->fault.why = DECODE_JSON_FINE;
	f->index = index;
	f->item = item;
	if (item) {
		d->item_rejected = 0;
		d->item_fault.why = DECODE_JSON_FINE;
	}
	return f;
}

/* --- what each frame does with keys, values and its end --------------- */

/* A value nobody asked for: a container is walked, never kept. */
static int
decode_json_skip(struct decode_json *d, const struct decode_json_token *t)
{
	if (t->kind == DECODE_JSON_MAP || t->kind == DECODE_JSON_ARRAY)
		decode_json_push(d, DECODE_JSON_SKIP, NULL, NULL);
	return 1;
}

static int
decode_json_skip_key(struct decode_json *d, struct decode_json_frame *f,
    const char *s, size_t len)
{
	return 1;
}

static int
decode_json_skip_value(struct decode_json *d, struct decode_json_frame *f,
    const struct decode_json_token *t)
{
	return decode_json_skip(d, t);
}

/* The end of a frame that leaves nothing to finish (the callback has
 * already taken it off the stack). */
static int
decode_json_ended(struct decode_json *d, struct decode_json_frame *f)
{
	return 1;
}

/* The root slot takes the one value of the document. */
static int
decode_json_root_value(struct decode_json *d, struct decode_json_frame *f,
    const struct decode_json_token *t)
{
	const struct decode_root *root = d->root;
	char msg[ERR_MSG_MAX];
	int r;

	r = decode_json_types[root->field.type].take(d, &root->field, d->out,
	    t);
	if (r != DECODE_JSON_WRONG)
		return r == DECODE_JSON_STOP ? 0 : 1;
	if (root->not_type != NULL)
		snprintf(msg, sizeof msg, "%s", _(root->not_type));
	else if (root->field.type == DECODE_LIST)
		snprintf(msg, sizeof msg, _("%s is not a list"), _(root->what));
	else
		snprintf(msg, sizeof msg, _("%s is not a JSON object"),
		    root->what);
	decode_json_refuse(d, msg);
	return decode_json_skip(d, t);
}

/* A member name inside an element or one of its groups. */
static int
decode_json_element_key(struct decode_json *d, struct decode_json_frame *f,
    const char *s, size_t len)
{
	struct decode_json_frame *el = f->owner;
	const struct decode_json_slot *k;

	/* member is -1 in an element, the group's field in a group. */
	k = decode_json_lookup(el->ix, f->member, s, len);
	if (k != NULL) {
		/* A repeated name: the first one wins, null or not. */
		if (el->seen & (1ULL << k->bit))
			k = NULL;
		else
			el->seen |= 1ULL << k->bit;
	}
	f->key = k;
	return 1;
}

/* A member's value: to its field, unless a better spelling of the same
 * field already came (the v2.1 one wins wherever it stands). */
static int
decode_json_element_value(struct decode_json *d, struct decode_json_frame *f,
    const struct decode_json_token *t)
{
	struct decode_json_frame *el = f->owner;
	const struct decode_json_slot *k = f->key;
	const struct decode_field *fd;
	struct decode_json_fault fault;
	unsigned rank, bit;
	int r;

	if (k == NULL || t->kind == DECODE_JSON_NULL)
		return decode_json_skip(d, t);
	fd = k->fd;
	rank = k->rank + 1u;
	bit = 1u << k->field;
	if (el->rank[k->field] != 0) {
		if (el->rank[k->field] <= rank)
			return decode_json_skip(d, t);
		decode_json_types[fd->type].clear(fd, el->base);
		el->bad &= ~bit;
	}
	el->rank[k->field] = (unsigned char)rank;
	r = k->take(d, fd, el->base, t);
	if (r == DECODE_JSON_STOP)
		return 0;
	if (r == DECODE_JSON_TAKEN)
		return 1;
	if (fd->flags & DECODE_DROP) {
		/* A list or object that is not one: counted like a failed
		 * element, the element holding it stays. */
		memset(&fault, 0, sizeof fault);
		fault.key = fd->names[k->rank];
		if (fd->type == DECODE_LIST)
			fault.why = DECODE_JSON_NOT_LIST;
		else {
			fault.why = DECODE_JSON_NOT_OBJECT;
			fault.part = fd->sub;
		}
		decode_json_count(d, &fault);
	} else
		el->bad |= bit;
	return decode_json_skip(d, t);
}

/* Checks an ended element's fields in table order: the first failure, or
 * DECODE_JSON_FINE after defaults are set for what is absent. */
static void
decode_json_check(struct decode_json_frame *f, struct decode_json_fault *out)
{
	const struct decode_schema *s = f->ix->schema;
	const struct decode_field *fd;
	char *base = f->base;
	uint32_t todo;
	bool bad;
	int g, i;

	memset(out, 0, sizeof *out);
	/* Only the fields that can fail or have a default, in table order
	 * (the first failure is the one reported). */
	for (todo = f->ix->watch | f->bad; todo != 0; todo &= todo - 1) {
		i = __builtin_ctz(todo);
		fd = &s->fields[i];
		bad = (f->bad & (1u << i)) != 0;
		if (f->rank[i] != 0 && !bad) {
			/* An empty required id is as good as none. */
			if ((fd->flags & DECODE_REQUIRED) &&
			    (fd->type == DECODE_STR || fd->type == DECODE_ID) &&
			    **(char **)(base + fd->off) == '\0') {
				out->why = DECODE_JSON_EMPTY;
				out->key = fd->names[0];
				break;
			}
			continue;
		}
		if (bad && (fd->flags & (DECODE_REQUIRED | DECODE_STRICT))) {
			out->why = DECODE_JSON_NOT;
			out->key = fd->names[f->rank[i] - 1];
			out->noun = decode_json_types[fd->type].noun;
			break;
		}
		g = f->ix->group_of[i];
		if (!bad && (fd->flags & DECODE_REQUIRED) && (g < 0 ||
		    (f->rank[g] != 0 && !(f->bad & (1u << g))))) {
			out->why = DECODE_JSON_NO;
			out->key = fd->names[0];
			break;
		}
		if (fd->flags & DECODE_TRUE)
			*(bool *)(base + fd->off) = true;
		if (fd->flags & DECODE_MINUS1)
			*(long *)(base + fd->off) = -1;
	}
	if (out->why == DECODE_JSON_FINE)
		*out = f->fault;
	else if (!f->item) {
		out->part = s;
		out->index = f->index;
	}
}


/* An element ended: checked, finished, then kept or dropped by what holds
 * it (a list, a DECODE_NEW slot, the root).  f is already popped. */
static int
decode_json_element_end(struct decode_json *d, struct decode_json_frame *f)
{
	const struct decode_field *fd = f->field;
	const struct decode_schema *s = fd->sub;
	struct decode_json_frame *up = &d->frames[d->top];
	struct decode_json_fault fault;

	decode_json_check(f, &fault);
	if (fault.why == DECODE_JSON_FINE && s->finish != NULL)
		s->finish(f->base, f->index);
	/* A root item is named now, while what was read of it (its id) is
	 * still there. */
	if (f->item && !decode_json_item_end(d, fd, f->index, f->base, &fault))
		return 0;
	if (fault.why == DECODE_JSON_FINE)
		return 1;
	if (s->done != NULL)
		s->done(f->base);
	if (up->kind == DECODE_JSON_LIST) {
		if (fd->flags & DECODE_POINTERS)
			free(f->base);
		(*(size_t *)(up->base + fd->n_off))--;
	} else if (fd->type == DECODE_NEW)
		xfree((void **)(up->base + fd->off));
	else
		memset(f->base, 0, s->size);
	return f->item ? 1 : decode_json_lost(d, fd, &fault);
}

/* An element of a list: appended and counted at once (the root then owns
 * it, whatever happens next); anything else is a failed element. */
static int
decode_json_list_value(struct decode_json *d, struct decode_json_frame *f,
    const struct decode_json_token *t)
{
	const struct decode_field *fd = f->field;
	const struct decode_schema *s = fd->sub;
	void **arr = (void **)(f->base + fd->off);
	size_t *n = (size_t *)(f->base + fd->n_off);
	struct decode_json_fault fault;
	char *el;

	if (t->kind != DECODE_JSON_MAP) {
		memset(&fault, 0, sizeof fault);
		fault.why = DECODE_JSON_NOT_OBJECT;
		if (f->root) {
			if (!decode_json_item_end(d, fd, f->n, NULL, &fault))
				return 0;
		} else {
			fault.part = s;
			fault.index = f->n;
			if (!decode_json_lost(d, fd, &fault))
				return 0;
		}
		return decode_json_skip(d, t);
	}
	if (fd->flags & DECODE_POINTERS) {
		if (!decode_json_grow(d, arr, *n, &f->cap, sizeof (void *)) ||
		    !decode_json_charge(d, s->size))
			return 0;
		el = xcalloc(1, s->size);
		((char **)*arr)[(*n)++] = el;
	} else {
		if (!decode_json_grow(d, arr, *n, &f->cap, s->size))
			return 0;
		el = (char *)*arr + (*n)++ * s->size;
		memset(el, 0, s->size);
	}
	decode_json_push_element(d, fd, el, f->n, f->root);
	return 1;
}

static int
decode_json_list_end(struct decode_json *d, struct decode_json_frame *f)
{
	if (f->root)
		d->rep->items = f->n;
	return 1;
}

/* {items: [...], totalItems: n}: the root needs its items; a nested one
 * may lack them (no elements). */
static int
decode_json_envelope_key(struct decode_json *d, struct decode_json_frame *f,
    const char *s, size_t len)
{
	f->member = -1;
	if (len == 5 && memcmp(s, "items", 5) == 0)
		f->member = 0;
	else if (len == 10 && memcmp(s, "totalItems", 10) == 0)
		f->member = 1;
	if (f->member >= 0) {
		if (f->seen & (1u << f->member))
			f->member = -1;         /* the first one wins */
		else
			f->seen |= 1u << f->member;
	}
	return 1;
}

static int
decode_json_envelope_value(struct decode_json *d,
    struct decode_json_frame *f, const struct decode_json_token *t)
{
	struct decode_json_frame *list;
	struct decode_json_fault fault;
	long total;

	if (f->member == 1 && f->root) {
		if (decode_json_long(t, &total) == 0 && total >= 0)
			d->rep->total = total;
	} else if (f->member == 0 && t->kind == DECODE_JSON_ARRAY) {
		f->got = true;
		list = decode_json_push(d, DECODE_JSON_LIST, f->field, f->base);
		list->root = f->root;
		return 1;
	} else if (f->member == 0 && !f->root &&
	    t->kind != DECODE_JSON_NULL && (f->field->flags & DECODE_DROP)) {
		memset(&fault, 0, sizeof fault);
		fault.why = DECODE_JSON_NOT_LIST;
		fault.key = f->field->names[0];
		decode_json_count(d, &fault);
	}
	return decode_json_skip(d, t);
}

static int
decode_json_envelope_end(struct decode_json *d, struct decode_json_frame *f)
{
	char msg[ERR_MSG_MAX];

	if (f->root && !f->got) {
		snprintf(msg, sizeof msg, _("%s has no list of items"),
		    _(d->root->what));
		return decode_json_refuse(d, msg);
	}
	return 1;
}

/* The elements of a TSTRINGS array: texts kept, anything else skipped. */
static int
decode_json_tstrings_value(struct decode_json *d,
    struct decode_json_frame *f, const struct decode_json_token *t)
{
	struct tstring *ts;

	if (t->kind != DECODE_JSON_STRING && t->kind != DECODE_JSON_MAP)
		return decode_json_skip(d, t);
	if ((ts = decode_json_tstrings_add(d, f->field, f->base, &f->cap)) ==
	    NULL)
		return 0;
	if (t->kind == DECODE_JSON_STRING)
		ts->en = decode_json_text(t->s, t->len);
	else
		decode_json_push_tstring(d, ts);
	return 1;
}

/* Appends s as a JSON string literal (repaired like any string). */
static void
decode_json_render_string(struct buf *b, const char *s, size_t len)
{
	char *text = decode_json_text(s, len), esc[8];
	const unsigned char *p, *run;

	buf_append(b, "\"", 1);
	for (p = run = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p != '"' && *p != '\\' && *p >= 0x20)
			continue;
		buf_append(b, run, (size_t)(p - run));
		if (*p < 0x20)
			snprintf(esc, sizeof esc, "\\u%04x", *p);
		else
			snprintf(esc, sizeof esc, "\\%c", *p);
		buf_puts(b, esc);
		run = p + 1;
	}
	buf_append(b, run, (size_t)(p - run));
	buf_append(b, "\"", 1);
	free(text);
}

/* DECODE_TEXT of a container: the value again as compact JSON.  Past the
 * buffer's cap the text is simply cut: it is for display only. */
static int
decode_json_render_key(struct decode_json *d, struct decode_json_frame *f,
    const char *s, size_t len)
{
	if (f->n > 0)
		buf_append(&d->render, ",", 1);
	decode_json_render_string(&d->render, s, len);
	buf_append(&d->render, ":", 1);
	return 1;
}

static int
decode_json_render_value(struct decode_json *d, struct decode_json_frame *f,
    const struct decode_json_token *t)
{
	struct decode_json_frame *inner;
	struct buf *b = &d->render;

	if (f->array && f->n > 1)
		buf_append(b, ",", 1);
	switch (t->kind) {
	case DECODE_JSON_NULL:
		buf_puts(b, "null");
		break;
	case DECODE_JSON_BOOL:
		buf_puts(b, t->b ? "true" : "false");
		break;
	case DECODE_JSON_NUMBER:
		buf_append(b, t->s, t->len > DECODE_JSON_NUMBER_MAX ?
		    DECODE_JSON_NUMBER_MAX : t->len);
		break;
	case DECODE_JSON_STRING:
		decode_json_render_string(b, t->s, t->len);
		break;
	case DECODE_JSON_MAP:
	case DECODE_JSON_ARRAY:
		buf_append(b, t->kind == DECODE_JSON_MAP ? "{" : "[", 1);
		inner = decode_json_push(d, DECODE_JSON_RENDER, NULL, NULL);
		inner->array = t->kind == DECODE_JSON_ARRAY;
		break;
	}
	return 1;
}

static int
decode_json_render_end(struct decode_json *d, struct decode_json_frame *f)
{
	buf_append(&d->render, f->array ? "]" : "}", 1);
	if (f->field != NULL)   /* the outermost: the text is complete */
		*(char **)(f->base + f->field->off) = buf_steal(&d->render);
	return 1;
}

static const struct {
	int (*key)(struct decode_json *, struct decode_json_frame *,
	    const char *, size_t);
	int (*value)(struct decode_json *, struct decode_json_frame *,
	    const struct decode_json_token *);
	int (*end)(struct decode_json *, struct decode_json_frame *);
} decode_json_kinds[] = {
	[DECODE_JSON_ROOT] = { NULL, decode_json_root_value, NULL },
	[DECODE_JSON_ELEMENT] = { decode_json_element_key,
	    decode_json_element_value, decode_json_element_end },
	[DECODE_JSON_GROUP] = { decode_json_element_key,
	    decode_json_element_value, decode_json_ended },
	[DECODE_JSON_LIST] = { NULL, decode_json_list_value,
	    decode_json_list_end },
	[DECODE_JSON_ENVELOPE] = { decode_json_envelope_key,
	    decode_json_envelope_value, decode_json_envelope_end },
	[DECODE_JSON_TSTRINGS] = { NULL, decode_json_tstrings_value,
	    decode_json_ended },
	[DECODE_JSON_RENDER] = { decode_json_render_key,
	    decode_json_render_value, decode_json_render_end },
	[DECODE_JSON_SKIP] = { decode_json_skip_key, decode_json_skip_value,
	    decode_json_ended },
};

/* --- yajl callbacks ------------------------------------------------------ */

/* Every value passes here: the caps first, then the innermost frame. */
static int
decode_json_value(struct decode_json *d, const struct decode_json_token *t)
{
	struct decode_json_frame *f = &d->frames[d->top];

	/* Skipped values count too: a body of millions of tiny ones is
	 * refused after DECODE_MAX_NODES however little of it is kept. */
	if (++d->nodes > DECODE_MAX_NODES)
		return decode_json_fail(d, ERR_TOOBIG, ngettext("%s has more "
		    "than %d value", "%s has more than %d values",
		    DECODE_MAX_NODES), _(d->root->what), DECODE_MAX_NODES);
	/* (The root slot holds one value: it never gets near the cap.) */
	if (f->n >= DECODE_MAX_ITEMS)
		return decode_json_fail(d, ERR_TOOBIG, ngettext("%s has a list "
		    "of more than %d item", "%s has a list of more than %d "
		    "items", DECODE_MAX_ITEMS), _(d->root->what),
		    DECODE_MAX_ITEMS);
	f->n++;
	/* Members of elements are most of a page: called directly, the
	 * compiler can inline them. */
	if (f->kind == DECODE_JSON_ELEMENT || f->kind == DECODE_JSON_GROUP)
		return decode_json_element_value(d, f, t);
	return decode_json_kinds[f->kind].value(d, f, t);
}

/* A container starts: the depth is checked before anything is built, so
 * nothing deeper ever is. */
static int
decode_json_open(struct decode_json *d, const struct decode_json_token *t)
{
	if (d->top >= DECODE_MAX_DEPTH)
		return decode_json_fail(d, ERR_TOOBIG, ngettext("%s is nested "
		    "more than %d level deep", "%s is nested more than %d "
		    "levels deep", DECODE_MAX_DEPTH), _(d->root->what),
		    DECODE_MAX_DEPTH);
	return decode_json_value(d, t);
}

static int
decode_json_cb_null(void *ctx)
{
	struct decode_json_token t = { DECODE_JSON_NULL, NULL, 0, false };

	return decode_json_value(ctx, &t);
}

static int
decode_json_cb_boolean(void *ctx, int value)
{
	struct decode_json_token t = { DECODE_JSON_BOOL, NULL, 0, value != 0 };

	return decode_json_value(ctx, &t);
}

static int
decode_json_cb_number(void *ctx, const char *s, size_t len)
{
	struct decode_json_token t = { DECODE_JSON_NUMBER, s, len, false };

	return decode_json_value(ctx, &t);
}

static int
decode_json_cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct decode_json_token t = { DECODE_JSON_STRING, (const char *)s,
	    len, false };

	return decode_json_value(ctx, &t);
}

static int
decode_json_cb_start_map(void *ctx)
{
	struct decode_json_token t = { DECODE_JSON_MAP, NULL, 0, false };

	return decode_json_open(ctx, &t);
}

static int
decode_json_cb_start_array(void *ctx)
{
	struct decode_json_token t = { DECODE_JSON_ARRAY, NULL, 0, false };

	return decode_json_open(ctx, &t);
}

static int
decode_json_cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct decode_json *d = ctx;
	struct decode_json_frame *f = &d->frames[d->top];

	if (f->kind == DECODE_JSON_ELEMENT || f->kind == DECODE_JSON_GROUP)
		return decode_json_element_key(d, f, (const char *)s, len);
	return decode_json_kinds[f->kind].key(d, f, (const char *)s, len);
}

static int
decode_json_cb_end(void *ctx)
{
	struct decode_json *d = ctx;
	struct decode_json_frame *f = &d->frames[d->top--];

	return decode_json_kinds[f->kind].end(d, f);
}

static const yajl_callbacks decode_json_callbacks = {
	.yajl_null = decode_json_cb_null,
	.yajl_boolean = decode_json_cb_boolean,
	.yajl_number = decode_json_cb_number,
	.yajl_string = decode_json_cb_string,
	.yajl_start_map = decode_json_cb_start_map,
	.yajl_map_key = decode_json_cb_map_key,
	.yajl_end_map = decode_json_cb_end,
	.yajl_start_array = decode_json_cb_start_array,
	.yajl_end_array = decode_json_cb_end,
};

int
decode_json_parse(const char *text, size_t len,
    const struct decode_root *root, void *out, struct decode_report *rep,
    struct err *e)
{
	struct decode_json state, *d = &state;
	yajl_handle h;
	yajl_status st;
	int r = 0;

	memset(rep, 0, sizeof *rep);
	rep->total = -1;
	if (text == NULL || len == 0)
		return err_set(e, ERR_DATA, _("%s is empty"), _(root->what));
	/* On the stack (some 25 KiB): a block that size from malloc makes
	 * glibc consolidate its free lists at every page.  Not zeroed:
	 * frames and indexes are set up as they are used. */
	d->root = root;
	d->out = out;
	d->rep = rep;
	d->e = e;
	d->code = 0;
	d->refused[0] = '\0';
	d->nodes = 0;
	d->top = 0;
	d->n_ix = 0;
	d->item_rejected = 0;
	d->item_fault.why = DECODE_JSON_FINE;
	buf_init(&d->render, 4 * DECODE_MAX_STRING);
	memset(&d->frames[0], 0, sizeof d->frames[0]);
	d->frames[0].kind = DECODE_JSON_ROOT;
	d->frames[0].base = out;

	h = yajl_alloc(&decode_json_callbacks, NULL, d);
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
			r = err_set(e, ERR_DATA, ngettext("%s is cut short "
			    "(the JSON ends after %zu byte)", "%s is cut short "
			    "(the JSON ends after %zu bytes)", len),
			    _(root->what), len);
			goto fail;
		}
	}
	if (st == yajl_status_client_canceled) {
		r = d->code;    /* a cap or a failed element: e says which */
		goto fail;
	}
	if (st != yajl_status_ok) {
		r = err_set(e, ERR_DATA, _("%s is not valid JSON (parse error "
		    "at byte %zu)"), _(root->what), yajl_get_bytes_consumed(h));
		goto fail;
	}
	if (d->frames[0].n == 0) {
		r = err_set(e, ERR_DATA, _("%s is empty"), _(root->what));
		goto fail;
	}
	if (d->refused[0] != '\0') {
		r = err_set(e, ERR_DATA, "%s", d->refused);
		goto fail;
	}
	goto out;

fail:
	decode_json_types[root->field.type].clear(&root->field, out);
	free(rep->reason);
	memset(rep, 0, sizeof *rep);
	rep->total = -1;
out:
	yajl_free(h);
	buf_done(&d->render);
	return r;
}
