/* err.c - the error type shared by every layer. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ebox/err.h"

void
err_clear(struct err *e)
{
	if (e == NULL)
		return;
	e->code = ERR_OK;
	e->msg[0] = '\0';
}

int
err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

void
err_prefix(struct err *e, const char *fmt, ...)
{
	char head[ERR_MSG_MAX], old[ERR_MSG_MAX];
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	snprintf(e->msg, sizeof e->msg, "%.200s: %.300s", head, old);
}

/* Indexed by -code; keep in the order of enum err_code. */
static const struct {
	const char *name;
	int status;
} err_table[] = {
	{ "ok", 0 },
	{ "usage", 1 },
	{ "config", 1 },
	{ "network", 2 },
	{ "auth", 2 },
	{ "not-found", 3 },
	{ "data", 3 },
	{ "integrity", 3 },
	{ "io", 3 },
	{ "cancelled", 1 },
	{ "too-big", 3 },
	{ "offline", 2 },
};

const char *
err_code_name(int code)
{
	size_t i = (size_t)(code < 0 ? -code : code);

	if (i >= sizeof err_table / sizeof err_table[0])
		return "error";
	return err_table[i].name;
}

int
err_exit_status(int code)
{
	size_t i = (size_t)(code < 0 ? -code : code);

	if (i >= sizeof err_table / sizeof err_table[0])
		return 3;
	return err_table[i].status;
}
