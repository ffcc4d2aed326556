/* test-pay.c - payment data checked like a bank would, and the EPC
 * payload banking apps scan. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebox/pay.h"
#include "test.h"

static struct ebox_payment
payment(const char *iban, const char *reference, double amount)
{
	struct ebox_payment p;

	memset(&p, 0, sizeof p);
	p.iban = (char *)iban;
	p.bic = (char *)"GKCCBEBB";
	p.reference = (char *)reference;
	p.amount = amount;
	p.currency = (char *)"EUR";
	return p;
}

static void
test_iban(void)
{
	struct pay_info pi;
	struct ebox_payment p;
	char *groups;

	p = payment("BE71 0961 2345 6769", "+++090/9337/55493+++", 10);
	CHECK(pay_check(&p, &pi));
	CHECK_STR(pi.iban, "BE71096123456769");
	groups = pay_iban_groups(pi.iban);
	CHECK_STR(groups, "BE71 0961 2345 6769");
	free(groups);
	/* One digit off: the check digits no longer match. */
	p = payment("BE72096123456769", "+++090/9337/55493+++", 10);
	CHECK(!pay_check(&p, &pi));
	CHECK(!pi.iban_ok);
	CHECK(pi.ref_ok);
	/* Other countries by ISO 13616 alone; lower case and spaces pass. */
	p = payment("de89 3704 0044 0532 0130 00", NULL, 10);
	CHECK(pay_check(&p, &pi));
	CHECK_STR(pi.iban, "DE89370400440532013000");
	CHECK_INT(pi.ref_kind, PAY_REF_NONE);
	/* Belgium has 16 characters; junk and empties fail. */
	p = payment("BE7109612345676", NULL, 10);
	CHECK(!pay_check(&p, &pi));
	p = payment("BE71-0961-2345-6769", NULL, 10);
	CHECK(!pay_check(&p, &pi));
	p = payment(NULL, NULL, 10);
	CHECK(!pay_check(&p, &pi));
}

static void
test_reference(void)
{
	struct pay_info pi;
	struct ebox_payment p;
	char shown[24];

	/* 0909337554 mod 97 = 93; a remainder of 0 is written 97. */
	p = payment("BE71096123456769", "+++090/9337/55493+++", 10);
	CHECK(pay_check(&p, &pi));
	CHECK_INT(pi.ref_kind, PAY_REF_BELGIAN);
	CHECK_STR(pi.ref, "090933755493");
	pay_ref_belgian(pi.ref, shown);
	CHECK_STR(shown, "+++090/9337/55493+++");
	p = payment("BE71096123456769", "000000009797", 10);
	CHECK(pay_check(&p, &pi));
	p = payment("BE71096123456769", "***090/9337/55494***", 10);
	CHECK(!pay_check(&p, &pi));
	CHECK(!pi.ref_ok);
	CHECK(pi.iban_ok);
	p = payment("BE71096123456769", "+++090/9337/5549+++", 10);
	CHECK(!pay_check(&p, &pi));
	/* ISO 11649: RF18 5390 0754 7034 is the standard's example. */
	p = payment("BE71096123456769", "RF18 5390 0754 7034", 10);
	CHECK(pay_check(&p, &pi));
	CHECK_INT(pi.ref_kind, PAY_REF_RF);
	CHECK_STR(pi.ref, "RF18539007547034");
	p = payment("BE71096123456769", "RF19 5390 0754 7034", 10);
	CHECK(!pay_check(&p, &pi));
	/* Free words go unstructured. */
	p = payment("BE71096123456769", "Invoice 2026-114", 10);
	CHECK(pay_check(&p, &pi));
	CHECK_INT(pi.ref_kind, PAY_REF_FREE);
}

static void
test_amount_and_epc(void)
{
	struct pay_info pi;
	struct ebox_payment p;
	char *epc;

	p = payment("BE71096123456769", "+++090/9337/55493+++", 1000.0);
	p.vat_amount = 210.10;
	CHECK(pay_check(&p, &pi));
	CHECK(pi.cents == 121010);
	epc = pay_epc(&pi, "SPF Finances");
	CHECK_STR(epc, "BCD\n002\n1\nSCT\nGKCCBEBB\nSPF Finances\n"
	    "BE71096123456769\nEUR1210.10\n\n090933755493\n");
	free(epc);
	p = payment("BE71096123456769", "Invoice 7", 0.07);
	CHECK(pay_check(&p, &pi));
	epc = pay_epc(&pi, "A\nB");
	CHECK_STR(epc, "BCD\n002\n1\nSCT\nGKCCBEBB\nA B\n"
	    "BE71096123456769\nEUR0.07\n\n\nInvoice 7");
	free(epc);
	/* Nothing, negative, not euro, not a number: not payable. */
	p = payment("BE71096123456769", NULL, 0);
	CHECK(!pay_check(&p, &pi) && !pi.amount_ok);
	p = payment("BE71096123456769", NULL, -5);
	CHECK(!pay_check(&p, &pi));
	p = payment("BE71096123456769", NULL, 5);
	p.currency = (char *)"USD";
	CHECK(!pay_check(&p, &pi));
	p = payment("BE71096123456769", NULL, 0.0 / 0.0);
	CHECK(!pay_check(&p, &pi));
}

int
main(void)
{
	RUN(test_iban);
	RUN(test_reference);
	RUN(test_amount_and_epc);
	return TEST_DONE();
}
