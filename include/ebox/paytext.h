/* paytext.h - a payment said in words, for `pay` and the inbox's `$`:
 * the same lines in both, the QR code never alone. */
#ifndef EBOX_PAYTEXT_H
#define EBOX_PAYTEXT_H

#include "ebox/app.h"
#include "ebox/pay.h"

/* What is wrong with the sender's data, one sentence ending with what to
 * do; NULL when nothing is.  A new string. */
char *paytext_problems(const struct pay_info *pi);
/* "Payment asked by SENDER: SUBJECT" and one line each for the amount,
 * IBAN, BIC, reference, due date and whether it is marked paid, in the
 * catalogue's language, each ending in a newline.  Server text is not
 * sanitised here: the caller's output does it.  A new string. */
char *paytext_lines(const struct app *a, const struct mailbox_entry *en,
    const struct pay_info *pi);

#endif
