/* net-status.c - sentences for HTTP statuses, and URL percent-encoding. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ebox/net.h"
#include "ebox/xalloc.h"

static const struct {
	long status;
	const char *text;
} net_status_table[] = {
	{ 0, "no answer came from the server" },
	{ 400, "the server did not understand the request (HTTP 400)" },
	{ 401, "the server did not accept the access token (HTTP 401)" },
	{ 403, "the server refused access (HTTP 403)" },
	{ 404, "the server does not know this address (HTTP 404)" },
	{ 405, "the server does not allow this action here (HTTP 405)" },
	{ 406, "the server cannot answer in an accepted format (HTTP 406)" },
	{ 408, "the server gave up waiting for the request (HTTP 408)" },
	{ 409, "the request conflicts with the server's state (HTTP 409)" },
	{ 410, "the item is gone from the server (HTTP 410)" },
	{ 412, "the item changed on the server meanwhile (HTTP 412)" },
	{ 413, "the request is too large for the server (HTTP 413)" },
	{ 414, "the address is too long for the server (HTTP 414)" },
	{ 415, "the server does not accept this kind of content (HTTP 415)" },
	{ 422, "the server could not process the request (HTTP 422)" },
	{ 429, "the server is receiving too many requests, try again later "
	    "(HTTP 429)" },
	{ 500, "the server had an internal error (HTTP 500)" },
	{ 501, "the server does not support this request (HTTP 501)" },
	{ 502, "a gateway in front of the server got no valid answer "
	    "(HTTP 502)" },
	{ 503, "the service is temporarily unavailable (HTTP 503)" },
	{ 504, "a gateway in front of the server timed out (HTTP 504)" },
};

/* For statuses not in the table: one sentence per class. */
static const char *const net_status_class[] = {
	"the server sent an invalid status",
	"the server sent an unexpected interim answer (HTTP 1xx)",
	"the server answered successfully (HTTP 2xx)",
	"the server sent an unexpected redirection (HTTP 3xx)",
	"the server refused the request (HTTP 4xx)",
	"the server had an error (HTTP 5xx)",
};

const char *
net_status_text(long status)
{
	size_t i;

	for (i = 0; i < sizeof net_status_table / sizeof net_status_table[0];
	    i++)
		if (net_status_table[i].status == status)
			return net_status_table[i].text;
	if (status >= 100 && status <= 599)
		return net_status_class[status / 100];
	return net_status_class[0];
}

/* RFC 3986 unreserved characters pass; everything else is %XX. */
static bool
net_escape_keep(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

char *
net_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(s);
	const unsigned char *q;
	char *out, *p;

	if (len > (SIZE_MAX - 1) / 3)
		fatal("a string is too long to escape");
	out = p = xmalloc(len * 3 + 1);
	for (q = (const unsigned char *)s; *q != '\0'; q++) {
		if (net_escape_keep(*q)) {
			*p++ = (char)*q;
		} else {
			*p++ = '%';
			*p++ = hex[*q >> 4];
			*p++ = hex[*q & 0xf];
		}
	}
	*p = '\0';
	return out;
}
