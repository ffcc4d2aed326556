/* fuzz-split.c - config_split(), the word splitter of config and theme
 * files and of the default key bindings.
 *
 * The input is one line (it may hold newlines: config_split treats them as
 * blanks).  Checked: the array is NULL-terminated with as many words as
 * returned, at most 256 of them; a failure frees everything and leaves
 * *argv NULL; and splitting is stable: the words written back with double
 * quotes (escaping only '"' and '\') split into the same words.
 */
#include "config.h"

#include "ebox/buf.h"
#include "ebox/config.h"
#include "ebox/err.h"
#include "fuzz.h"

#define SPLIT_MAX_WORDS 256     /* CONFIG_MAX_WORDS in config.c */

/* The words quoted back into one line; a new string. */
static char *
join(char **argv, int argc)
{
	size_t len = 1, i;
	char *out, *p;
	const char *s;
	int k;

	for (k = 0; k < argc; k++)
		len += 3 + 2 * strlen(argv[k]);
	p = out = malloc(len);
	if (out == NULL)
		abort();
	for (k = 0; k < argc; k++) {
		if (k > 0)
			*p++ = ' ';
		*p++ = '"';
		for (s = argv[k], i = 0; s[i] != '\0'; i++) {
			if (s[i] == '"' || s[i] == '\\')
				*p++ = '\\';
			*p++ = s[i];
		}
		*p++ = '"';
	}
	*p = '\0';
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **argv = (char **)&argv, **again = NULL, *line, *joined;
	struct err e;
	int argc, argc2, k;

	line = fuzz_cstr(data, size);
	err_clear(&e);
	argc = config_split(line, &argv, &e);
	if (argc < 0) {
		FUZZ_CHECK(argc == -1, "config_split returned %d", argc);
		FUZZ_CHECK(argv == NULL, "*argv left after a failure");
		FUZZ_CHECK(e.code == ERR_CONFIG && e.msg[0] != '\0',
		    "a failure without a sentence");
		free(line);
		return 0;
	}
	FUZZ_CHECK(argc <= SPLIT_MAX_WORDS, "%d words", argc);
	FUZZ_CHECK(argv != NULL && argv[argc] == NULL,
	    "the array is not NULL-terminated");
	for (k = 0; k < argc; k++)
		FUZZ_CHECK(argv[k] != NULL, "word %d is NULL", k);

	joined = join(argv, argc);
	argc2 = config_split(joined, &again, &e);
	FUZZ_CHECK(argc2 == argc, "the quoted words split into %d, not %d: %s",
	    argc2, argc, e.msg);
	for (k = 0; k < argc; k++)
		FUZZ_CHECK(strcmp(argv[k], again[k]) == 0,
		    "word %d changed: '%s' became '%s'", k, argv[k], again[k]);
	config_argv_free(again);
	free(joined);
	config_argv_free(argv);
	free(line);
	return 0;
}
