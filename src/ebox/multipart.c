/* multipart.c - multipart/form-data bodies (multipart.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "ebox/buf.h"
#include "ebox/multipart.h"
#include "ebox/xalloc.h"

/* Printable ASCII that needs no escaping inside a quoted string. */
static int
multipart_plain(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
			return 0;
	}
	return 1;
}

/* filename*=UTF-8''%XX... (RFC 5987 attr-char stay as they are). */
static void
multipart_ext_value(struct buf *b, const char *s)
{
	static const char keep[] = "!#$&+-.^_`|~";
	const unsigned char *p;

	buf_puts(b, "UTF-8''");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= 'a' && *p <= 'z') || (*p != 0 && strchr(keep, *p)))
			buf_printf(b, "%c", *p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

static int
multipart_contains(const struct multipart_part *p, const char *needle)
{
	size_t n = strlen(needle), i;

	if (p->len < n)
		return 0;
	for (i = 0; i + n <= p->len; i++) {
		if (p->data[i] == needle[0] && memcmp(p->data + i, needle, n) == 0)
			return 1;
	}
	return 0;
}

char *
multipart_build_with(const struct multipart_part *parts, size_t n,
    const char *boundary, size_t *len)
{
	struct buf b;
	size_t i;

	for (i = 0; i < n; i++) {
		if (multipart_contains(&parts[i], boundary))
			return NULL;
	}
	buf_init(&b, (size_t)-1);
	for (i = 0; i < n; i++) {
		const struct multipart_part *p = &parts[i];

		buf_printf(&b, "--%s\r\nContent-Disposition: form-data; "
		    "name=\"%s\"", boundary, p->name);
		if (p->file_name != NULL && multipart_plain(p->file_name))
			buf_printf(&b, "; filename=\"%s\"", p->file_name);
		else if (p->file_name != NULL) {
			buf_puts(&b, "; filename*=");
			multipart_ext_value(&b, p->file_name);
		}
		buf_puts(&b, "\r\n");
		if (p->media_type != NULL)
			buf_printf(&b, "Content-Type: %s\r\n", p->media_type);
		buf_puts(&b, "\r\n");
		buf_append(&b, p->data, p->len);
		buf_puts(&b, "\r\n");
	}
	buf_printf(&b, "--%s--\r\n", boundary);
	*len = b.len;
	return buf_steal(&b);
}

char *
multipart_build(const struct multipart_part *parts, size_t n,
    char boundary[MULTIPART_BOUNDARY_MAX], size_t *len)
{
	unsigned char r[16];
	char *body;
	size_t i;

	do {
		if (RAND_bytes(r, sizeof r) != 1)
			abort();        /* no randomness: nothing is safe */
		strcpy(boundary, "ebox-tui-");
		for (i = 0; i < sizeof r; i++)
			snprintf(boundary + 9 + 2 * i, 3, "%02x", r[i]);
	} while ((body = multipart_build_with(parts, n, boundary, len)) ==
	    NULL);
	return body;
}
