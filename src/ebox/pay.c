/* pay.c - payment data checked like a bank would, and the EPC QR payload
 * (pay.h). */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ebox/buf.h"
#include "ebox/pay.h"
#include "ebox/xalloc.h"

/* ISO 7064 mod 97-10 of s read as digits, letters as 10..35. */
static int
pay_mod97(const char *s)
{
	int r = 0;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			r = (r * 10 + (*s - '0')) % 97;
		else if (isupper((unsigned char)*s))
			r = (r * 100 + (*s - 'A' + 10)) % 97;
		else
			return -1;
	}
	return r;
}

/* ISO 13616 and ISO 11649 alike: the first four characters moved to the
 * end, the whole is 1 mod 97. */
static bool
pay_mod97_moved(const char *s)
{
	char moved[40];

	snprintf(moved, sizeof moved, "%s%.4s", s + 4, s);
	return pay_mod97(moved) == 1;
}

/* s without spaces, upper case, into out (room n); false if too long or
 * not letters and digits. */
static bool
pay_compact(const char *s, char *out, size_t n)
{
	size_t len = 0;

	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (!isalnum((unsigned char)*s) || len + 1 >= n)
			return false;
		out[len++] = (char)toupper((unsigned char)*s);
	}
	out[len] = '\0';
	return len > 0;
}

/* ISO 13616: country, check digits, BBAN; the first four moved to the
 * end, mod 97 is 1. */
static bool
pay_iban_valid(const char *iban)
{
	size_t len = strlen(iban);

	if (len < 15 || len > 34 || !isupper((unsigned char)iban[0]) ||
	    !isupper((unsigned char)iban[1]) ||
	    !isdigit((unsigned char)iban[2]) || !isdigit((unsigned char)iban[3]))
		return false;
	/* Belgium: 16 characters, and the BBAN carries its own mod 97. */
	if (strncmp(iban, "BE", 2) == 0 && len != 16)
		return false;
	return pay_mod97_moved(iban);
}

/* +++123/4567/89002+++ (or the 12 digits alone): the first ten mod 97
 * are the last two, 97 for 0. */
static bool
pay_belgian(const char *s, char digits[13])
{
	size_t n = 0;
	long long ten;
	int check;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n == 12)
				return false;
			digits[n++] = *s;
		} else if (*s != '+' && *s != '/' && *s != ' ' && *s != '*')
			return false;
	}
	digits[n] = '\0';
	if (n != 12)
		return false;
	sscanf(digits, "%10lld%2d", &ten, &check);
	return (ten % 97 == 0 ? 97 : ten % 97) == check;
}

/* ISO 11649: RF, two check digits, up to 21 characters; mod 97 of the
 * rest followed by "RF" and the check digits is 1. */
static bool
pay_rf(const char *ref)
{
	size_t len = strlen(ref);

	return len >= 5 && len <= 25 && strncmp(ref, "RF", 2) == 0 &&
	    pay_mod97_moved(ref);
}

static void
pay_check_ref(const char *ref, struct pay_info *out)
{
	char compact[40];

	out->ref_kind = PAY_REF_NONE;
	out->ref_ok = true;
	if (ref == NULL || *ref == '\0')
		return;
	if (strchr(ref, '+') != NULL || strchr(ref, '/') != NULL ||
	    (strspn(ref, "0123456789 ") == strlen(ref))) {
		out->ref_kind = PAY_REF_BELGIAN;
		out->ref_ok = pay_belgian(ref, out->ref);
		return;
	}
	if (pay_compact(ref, compact, sizeof compact) &&
	    strncmp(compact, "RF", 2) == 0 && isdigit((unsigned char)compact[2])) {
		out->ref_kind = PAY_REF_RF;
		out->ref_ok = pay_rf(compact);
		snprintf(out->ref, sizeof out->ref, "%s", compact);
		return;
	}
	/* Free text: the sender's words go in the unstructured field. */
	out->ref_kind = PAY_REF_FREE;
	snprintf(out->ref, sizeof out->ref, "%s", ref);
}

bool
pay_check(const struct ebox_payment *p, struct pay_info *out)
{
	double total = p->amount + (isfinite(p->vat_amount) ?
	    p->vat_amount : 0);

	memset(out, 0, sizeof *out);
	out->iban_ok = pay_compact(p->iban, out->iban, sizeof out->iban) &&
	    pay_iban_valid(out->iban);
	if (!out->iban_ok)
		snprintf(out->iban, sizeof out->iban, "%.34s",
		    p->iban != NULL ? p->iban : "");
	if (pay_compact(p->bic, out->bic, sizeof out->bic) &&
	    strlen(out->bic) != 8 && strlen(out->bic) != 11)
		out->bic[0] = '\0';
	out->amount_ok = isfinite(total) && total > 0 && total < 1e9 &&
	    (p->currency == NULL || strcmp(p->currency, "EUR") == 0);
	out->cents = out->amount_ok ? llround(total * 100) : 0;
	pay_check_ref(p->reference, out);
	return out->iban_ok && out->amount_ok && out->ref_ok;
}

char *
pay_iban_groups(const char *iban)
{
	char *out = xmalloc(strlen(iban) * 2 + 1), *p = out;
	size_t n = 0;

	for (; *iban != '\0'; iban++) {
		if (*iban == ' ')
			continue;
		if (n > 0 && n % 4 == 0)
			*p++ = ' ';
		*p++ = *iban;
		n++;
	}
	*p = '\0';
	return out;
}

void
pay_ref_belgian(const char *d, char *out)
{
	snprintf(out, 21, "+++%.3s/%.4s/%.5s+++", d, d + 3, d + 7);
}

char *
pay_epc(const struct pay_info *pi, const char *name)
{
	struct buf b;
	char who[71];

	/* The name: 70 characters at most, on one line. */
	snprintf(who, sizeof who, "%s", name != NULL ? name : "");
	for (char *c = who; *c != '\0'; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	buf_init(&b, 1024);
	buf_printf(&b, "BCD\n002\n1\nSCT\n%s\n%s\n%s\nEUR%lld.%02lld\n\n",
	    pi->bic, who, pi->iban, pi->cents / 100, pi->cents % 100);
	/* Structured (RF or the Belgian twelve digits, as Belgian banking
	 * apps read them) or unstructured, never both. */
	if (pi->ref_kind == PAY_REF_BELGIAN || pi->ref_kind == PAY_REF_RF)
		buf_printf(&b, "%s\n", pi->ref);
	else
		buf_printf(&b, "\n%s", pi->ref_kind == PAY_REF_FREE ? pi->ref :
		    "");
	return buf_steal(&b);
}
