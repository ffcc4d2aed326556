/* fuzz-config.c - config_load_string() on any text, then every lookup.
 *
 * The input is a configuration file called "fuzz.conf" (run.sh runs the
 * target in a scratch directory with HOME pointing there, so `source` and
 * "~/" find nothing of the user's).  Whether the load succeeds or stops
 * at an error, what was read must be consistent: every option's effective
 * value, globally and per account, is valid for its type (numbers within
 * their bounds, yes/no, one of the choices), and the kept UI lines are
 * well-formed.
 */
#include "config.h"

#include <stdio.h>
#include <strings.h>

#include "ebox/config.h"
#include "ebox/err.h"
#include "fuzz.h"

static void
check_values(struct config *c, struct account *acct)
{
	const struct opt_def *d;
	const char *s;
	size_t i, k;
	long n;

	for (i = 0; i < config_n_options; i++) {
		d = &config_options[i];
		s = config_str(c, acct, d->name);
		FUZZ_CHECK(s == NULL || *s != '\0', "%s: empty, not unset",
		    d->name);
		switch (d->type) {
		case OPT_INT:
			n = config_int(c, acct, d->name);
			FUZZ_CHECK(s == NULL || (n >= d->min && n <= d->max),
			    "%s = %ld outside %ld..%ld", d->name, n, d->min,
			    d->max);
			break;
		case OPT_BOOL:
			(void)config_bool(c, acct, d->name);
			FUZZ_CHECK(s == NULL || strcmp(s, "yes") == 0 ||
			    strcmp(s, "no") == 0, "%s = '%s'", d->name, s);
			break;
		case OPT_ENUM:
			for (k = 0; s != NULL && d->choices[k] != NULL; k++)
				if (strcmp(s, d->choices[k]) == 0)
					break;
			FUZZ_CHECK(s == NULL || d->choices[k] != NULL,
			    "%s = '%s', not a choice", d->name, s);
			break;
		case OPT_STRING:
		case OPT_PATH:
			break;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ui_words[] = {
		"bind", "color", "macro", "mono", "unbind", NULL
	};
	struct config c;
	struct account *acct;
	struct err e, e2;
	char *text;
	size_t i, k;
	int r, j;

	/* The real reader stops at 1 MiB files. */
	if (size > 1024 * 1024)
		return 0;
	text = fuzz_cstr(data, size);
	config_init(&c);
	err_clear(&e);
	r = config_load_string(&c, "fuzz.conf", text, &e);
	if (r != 0) {
		FUZZ_CHECK(r < 0 && e.code == r, "returned %d, e.code %d", r,
		    e.code);
		FUZZ_CHECK(e.msg[0] != '\0', "an error without a sentence");
	}

	check_values(&c, NULL);
	for (i = 0; i < c.n_accounts; i++) {
		acct = &c.accounts[i];
		FUZZ_CHECK(acct->name != NULL && *acct->name != '\0' &&
		    *acct->name != '.' && *acct->name != '-' &&
		    strchr(acct->name, '/') == NULL,
		    "account name '%s' unfit for a file name", acct->name);
		check_values(&c, acct);
	}
	for (i = 0; i < c.n_ui_lines; i++) {
		const struct config_line *l = &c.ui_lines[i];

		FUZZ_CHECK(l->argc >= 1 && l->argv[l->argc] == NULL,
		    "ui line with %d words", l->argc);
		for (k = 0; ui_words[k] != NULL; k++)
			if (strcmp(l->argv[0], ui_words[k]) == 0)
				break;
		FUZZ_CHECK(ui_words[k] != NULL, "ui line '%s' kept",
		    l->argv[0]);
		for (j = 0; j < l->argc; j++)
			FUZZ_CHECK(l->argv[j] != NULL, "a NULL word");
	}

	/* Choosing the account never fails for want of one, unless a
	 * default_account names a missing block. */
	err_clear(&e2);
	acct = config_account(&c, NULL, &e2);
	FUZZ_CHECK(acct != NULL || config_str(&c, NULL, "default_account") !=
	    NULL, "no account chosen: %s", e2.msg);
	if (acct != NULL)
		check_values(&c, acct);

	config_done(&c);
	free(text);
	return 0;
}
