/* xalloc.h - allocation that never returns NULL.
 *
 * On out-of-memory the fatal hook runs first (the UI uses it to restore the
 * terminal), then a sentence goes to stderr and the process aborts.
 */
#ifndef EBOX_XALLOC_H
#define EBOX_XALLOC_H

#include <stddef.h>
#include <stdarg.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: overflow-checked nmemb * size. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);            /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Called once before aborting on out-of-memory or a fatal error. */
void xalloc_set_fatal_hook(void (*hook)(void));
/* Runs the hook, prints "ebox-tui: <msg>" and aborts. */
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Frees *p and sets it to NULL. */
#define xfree(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

#endif
