/* net-status.c - sentences for HTTP statuses, and URL percent-encoding. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/net.h"
#include "ebox/xalloc.h"

static const struct {
	long status;
	const char *text;
} net_status_table[] = {
	{ 0, N_("no answer came from the server") },
	{ 400, N_("the server did not understand the request (HTTP 400)") },
	{ 401, N_("the server did not accept the access token (HTTP 401)") },
	{ 403, N_("the server refused access (HTTP 403)") },
	{ 404, N_("the server does not know this address (HTTP 404)") },
	{ 405, N_("the server does not allow this action here (HTTP 405)") },
	{ 406, N_("the server cannot answer in an accepted format (HTTP 406)") },
	{ 408, N_("the server gave up waiting for the request (HTTP 408)") },
	{ 409, N_("the request conflicts with the server's state (HTTP 409)") },
	{ 410, N_("the item is gone from the server (HTTP 410)") },
	{ 412, N_("the item changed on the server meanwhile (HTTP 412)") },
	{ 413, N_("the request is too large for the server (HTTP 413)") },
	{ 414, N_("the address is too long for the server (HTTP 414)") },
	{ 415, N_("the server does not accept this kind of content (HTTP 415)") },
	{ 422, N_("the server could not process the request (HTTP 422)") },
	{ 429, N_("the server is receiving too many requests, try again later "
	    "(HTTP 429)") },
	{ 500, N_("the server had an internal error (HTTP 500)") },
	{ 501, N_("the server does not support this request (HTTP 501)") },
	{ 502, N_("a gateway in front of the server got no valid answer "
	    "(HTTP 502)") },
	{ 503, N_("the service is temporarily unavailable (HTTP 503)") },
	{ 504, N_("a gateway in front of the server timed out (HTTP 504)") },
};

/* For statuses not in the table: one sentence per class. */
static const char *const net_status_class[] = {
	N_("the server sent an invalid status"),
	N_("the server sent an unexpected interim answer (HTTP 1xx)"),
	N_("the server answered successfully (HTTP 2xx)"),
	N_("the server sent an unexpected redirection (HTTP 3xx)"),
	N_("the server refused the request (HTTP 4xx)"),
	N_("the server had an error (HTTP 5xx)"),
};

const char *
net_status_text(long status)
{
	size_t i;

	for (i = 0; i < sizeof net_status_table / sizeof net_status_table[0];
	    i++)
		if (net_status_table[i].status == status)
			return _(net_status_table[i].text);
	if (status >= 100 && status <= 599)
		return _(net_status_class[status / 100]);
	return _(net_status_class[0]);
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
