/* pay.h - a payment the sender asks for, checked and made scannable.
 *
 * The eBox gives an IBAN, a BIC, an amount and a reference as the sender
 * typed them.  pay_check() validates them the way a bank would (ISO 13616
 * mod 97 for the IBAN; the Belgian structured communication
 * +++ddd/dddd/ddddd+++ with its mod 97 check digits, or an ISO 11649 RF
 * creditor reference) and pay_epc() builds the EPC069-12 "BCD" payload of
 * the SEPA credit transfer QR code that banking apps scan.
 */
#ifndef EBOX_PAY_H
#define EBOX_PAY_H

#include <stdbool.h>

#include "ebox/model.h"

enum pay_ref_kind {
	PAY_REF_NONE,           /* no reference given */
	PAY_REF_BELGIAN,        /* +++123/4567/89002+++ */
	PAY_REF_RF,             /* RF18 5390 0754 7034 */
	PAY_REF_FREE,           /* free text: sent as unstructured */
};

struct pay_info {
	char iban[35];          /* without spaces, upper case */
	bool iban_ok;
	char bic[12];           /* "" when absent or not 8/11 characters */
	long long cents;        /* the amount to pay, VAT included */
	bool amount_ok;         /* positive, at most 999 999 999.99 */
	enum pay_ref_kind ref_kind;
	char ref[36];           /* 12 digits, RF..., or the free text cut */
	bool ref_ok;
};

/* Fills out from p (which stays the caller's).  True when everything a
 * transfer needs is valid; otherwise false, and the *_ok fields say what
 * is not. */
bool pay_check(const struct ebox_payment *p, struct pay_info *out);
/* The IBAN in groups of four, "BE71 0961 2345 6769", the way paper
 * transfer forms print it (spaces in iban are dropped first): a new
 * string. */
char *pay_iban_groups(const char *iban);
/* "+++090/9337/55427+++" from 12 digits (21 bytes room). */
void pay_ref_belgian(const char *digits, char *out);
/* The EPC069-12 payload (version 002, UTF-8) for a valid pi, paid to
 * name: a new string. */
char *pay_epc(const struct pay_info *pi, const char *name);

#endif
