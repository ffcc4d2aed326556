/* multipart.h - a multipart/form-data body (RFC 7578, RFC 2046 5.1), as
 * the Message Registry's publishMessage takes it: no preamble, no
 * epilogue, CRLF everywhere, one Content-Disposition per part with its
 * name and, for files, the file name (plain when it is printable ASCII
 * without quotes or backslashes, else RFC 5987 filename*=UTF-8''...). */
#ifndef EBOX_MULTIPART_H
#define EBOX_MULTIPART_H

#include <stddef.h>

struct multipart_part {
	const char *name;           /* form field: "messageToPublish", "upfile1" */
	const char *file_name;      /* NULL for a plain field */
	const char *media_type;     /* Content-Type of the part, or NULL */
	const char *data;
	size_t len;
};

/* The body, with a random boundary that occurs in no part (written to
 * boundary, which holds MULTIPART_BOUNDARY_MAX bytes).  A new buffer of
 * *len bytes (NUL-terminated too). */
#define MULTIPART_BOUNDARY_MAX 48
char *multipart_build(const struct multipart_part *parts, size_t n,
    char boundary[MULTIPART_BOUNDARY_MAX], size_t *len);
/* The same with the caller's boundary (tests); NULL when the boundary
 * occurs in a part. */
char *multipart_build_with(const struct multipart_part *parts, size_t n,
    const char *boundary, size_t *len);

#endif
