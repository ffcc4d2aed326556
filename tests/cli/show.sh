#!/bin/bash
# show: metadata, text, business data, payment data and documents; the
# text of registered mail is withheld without --confirm-registered, and
# reading the main content flips the read status on the server only then.
. "$srcdir/tests/cli/lib.sh"
provider_start

ebox list --folder All --json
pay=$(json '[m["id"] for m in j["messages"] if m["hasPayment"]][0]')
bodyonly=$(json '[m["id"] for m in j["messages"] if m["bodyMain"] and not m["registered"] and not m["read"]][0]')
docs=$(json '[m["id"] for m in j["messages"] if m["documents"] >= 3][0]')
reg=$(json '[m["id"] for m in j["messages"] if m["registered"] and not m["read"]][0]')

ebox show "$pay"
check_rc "show a payment message exits 0" 0
check_out "show prints the subject label" "Subject:"
check_out "show prints the payment block" "Payment:"
check_out "show prints an IBAN" "IBAN:"
check_out "show prints the structured reference" "+++"
ebox show "$pay" --json
check "show --json carries payment amount and IBAN" [ "$(json 'j["message"]["payment"]["amount"] > 0 and j["message"]["payment"]["iban"].startswith("BE")')" = true ]

ebox show "$docs"
check_out "show lists the documents" "Documents:"
check_out "show marks the main document" "1. main"
check_out "show lists an annex" "annex"
ebox show "$docs" --json
check "show --json lists 3+ attachments with digests" [ "$(json 'len(j["message"]["attachments"]) >= 3 and all(a["digest"] for a in j["message"]["attachments"])')" = true ]

# A body-main message: its text is the main content; showing it reads it.
ebox show "$bodyonly" --json
check "body-only message: the text is shown" [ "$(json 'len(j["message"]["body"]) > 0')" = true ]
ebox list --folder All --json
check "reading the body marks the message read on the server" [ "$(json '[m["read"] for m in j["messages"] if m["id"] == "'"$bodyonly"'"][0]')" = true ]

# Registered mail: metadata only until confirmed.
ebox show "$reg"
check_rc "show registered mail exits 0" 0
check_out "show says what a proof of reading is" "proof of reading"
ebox list --folder All --json
check "registered mail stays unread after show" [ "$(json '[m["read"] for m in j["messages"] if m["id"] == "'"$reg"'"][0]')" = false ]

ebox show
check_rc "show without an id is a usage error" 1
ebox show 00000000
check_rc "show of an unknown id exits 3" 3
check_err "the unknown id is named" "00000000"
ebox show "$pay" --bogus
check_rc "an unknown option is a usage error" 1
done_testing
