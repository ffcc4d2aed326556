#!/bin/bash
# Pay (issue 10, part 1): for every message of the demo box that asks for a
# payment, the EPC QR code - as a PNG and as the half blocks drawn on the
# terminal - decodes (zbarimg) to the IBAN, amount and reference the
# provider itself serves; invalid sender data is named and no code is made.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

if ! command -v zbarimg > /dev/null; then
	fail "zbarimg is not installed (./quickstart deps installs zbar-tools)"
	done_testing
fi

# epc_of FILE: the decoded payload, newlines kept.
epc_of() { zbarimg -q --raw "$1" 2> /dev/null; }
# blocks_to_pbm light|dark: half-block lines (stdin) into a PBM, 4 pixels
# a module; a drawn block is light (a terminal with a dark background,
# the default) or dark (--invert, for a light background).
blocks_to_pbm() {
	"$PYTHON3" -c '
import sys
block_is_dark = sys.argv[1] == "dark"
rows = []
for line in sys.stdin.read().split("\n"):
    if not line or not set(line) <= set(" \u2580\u2584\u2588"):
        continue
    top = [c in "\u2580\u2588" for c in line]
    bottom = [c in "\u2584\u2588" for c in line]
    rows += [top, bottom]
w = max(len(r) for r in rows)
s = 4
out = ["P1", "%d %d" % (w * s, len(rows) * s)]
for r in rows:
    line = " ".join("1" if (x < len(r) and r[x]) == block_is_dark else "0" for x in range(w) for _ in range(s))
    out += [line] * s
print("\n".join(out))' "$1"
}
# want DP MESSAGEID: "IBAN EURx.yy REFDIGITS" from the provider (curl).
want() {
	server_raw "$1" "$2" | "$PYTHON3" -c '
import json, re, sys
m = json.load(sys.stdin)
p = m.get("paymentData") or m.get("payment")
total = round((p.get("amount") or 0) + (p.get("vatAmount") or 0), 2)
print(p["iban"].replace(" ", ""), "EUR%.2f" % total, re.sub(r"\D", "", p["reference"]))'
}
# got FILE: the same three from a decoded EPC payload.
got() {
	"$PYTHON3" -c '
import sys
l = sys.stdin.read().split("\n")
ok = l[0] == "BCD" and l[1] == "002" and l[3] == "SCT"
print(l[6], l[7], l[9] if ok else "not-an-EPC-payload")' < "$1"
}

provider_start --now "$(today_noon)"
ebox list --folder All --json
json '"\n".join(" ".join((m["id"], m["provider"], m["messageId"])) for m in j["messages"] if m["hasPayment"])' > "$T/payments"
check "the demo box asks for payments ($(wc -l < "$T/payments"))" [ "$(wc -l < "$T/payments")" -ge 4 ]
while read -r id dp mid; do
	w=$(want "$(dp_path "$dp")" "$mid")
	ebox pay "$id" --qr png "$T/$id.png"
	check "$id: pay --qr png exits 0" [ "$RC" = 0 ]
	epc_of "$T/$id.png" > "$T/$id.epc"
	check "$id: the PNG decodes to the provider's IBAN, amount, reference ($w)" \
	    [ "$(got "$T/$id.epc")" = "$w" ]
	ebox pay "$id" --qr
	printf '%s\n' "$OUT" | blocks_to_pbm light > "$T/$id.pbm"
	epc_of "$T/$id.pbm" > "$T/$id.term.epc"
	check "$id: the half blocks on the terminal decode the same" \
	    [ "$(got "$T/$id.term.epc")" = "$w" ]
	check "$id: the text lines come with it" eval 'printf "%s" "$OUT" | grep -q "IBAN:"'
done < "$T/payments"

id=$(head -n 1 "$T/payments" | cut -d' ' -f1)
ebox pay "$id" --json
check "--json: the IBAN is valid" [ "$(json 'j["payment"]["ibanValid"]')" = true ]
check "--json: the EPC payload is there" [ "$(json 'j["payment"]["epc"].split(chr(10))[0]')" = BCD ]
ebox pay "$id" --qr --invert
printf '%s\n' "$OUT" | blocks_to_pbm dark > "$T/inv.pbm"
epc_of "$T/inv.pbm" > "$T/inv.epc"
check "--invert: dark modules drawn, for a light background" [ "$(got "$T/inv.epc")" = "$(got "$T/$id.epc")" ]
LC_ALL=C ebox pay "$id" --qr
check "LANG=C: --qr is refused (exit 1)" [ "$RC" = 1 ]
check_err "and points to the PNG" "--qr png FILE"
check "the text lines are still printed" eval 'printf "%s" "$OUT" | grep -q "IBAN:"'
ebox pay "$(json 'j["payment"]["id"]' 2>/dev/null || echo 00000000)" > /dev/null
ebox list --json
plain=$(json '[m["id"] for m in j["messages"] if not m["hasPayment"]][0]')
ebox pay "$plain"
check "a message without payment: a clear error" eval '[ "$RC" != 0 ] && printf "%s" "$ERR" | grep -q "asks for no payment"'

# --- the inbox: $ shows it, p marks it paid ------------------------------------------
provider_start --now "$(today_noon)"
ebox list --folder All --json
TAX_ID=$(json "[m['id'] for m in j['messages'] if m['hasPayment'] and m['subject'].startswith('Tax assessment')][0]")
TAX=$(json "[m['subject'] for m in j['messages'] if m['id'] == '$TAX_ID'][0]")
TAX_FR=$(json "[m['subjects'].get('fr') for m in j['messages'] if m['id'] == '$TAX_ID'][0]")
ebox pay "$TAX_ID" --qr png "$T/tax.png"
epc_of "$T/tax.png" > "$T/tax.epc"
tui_start -s 100x70
wait_loaded
select_by "$TAX" "${TAX:0:20}"
keys '$'
wait_line "\$: line 1 says it is a payment" $TITLE_ROW '^Payment: Tax assessment'
wait_for "\$: the words come first" "$E2E_TIMEOUT" eval 'screen | sed -n "$((BODY_ROW + 1)),$((BODY_ROW + 6))p" | grep -q "IBAN:"' &&
    pass "\$: the words come first"
c=$(cursor)
check "\$: the cursor is on the top line ($c)" [ "$c" = "0,$BODY_ROW,1" ]
# A large frame may reach tmux in more than one piece: wait for it whole.
ui_decodes() {
	screen | blocks_to_pbm light > "$T/ui.pbm"
	epc_of "$T/ui.pbm" > "$T/ui.epc"
	[ -s "$T/ui.epc" ] && [ "$(got "$T/ui.epc")" = "$(got "$T/tax.epc")" ]
}
wait_for "\$: the code on screen decodes to the same transfer" "$E2E_TIMEOUT" ui_decodes &&
    pass "\$: the code on screen decodes to the same transfer"
keys q
wait_line "q goes back to the index" $HINTS_ROW '^q:Quit'
keys p
wait_message "p marks it paid, and says the eBox does not know" 'Marked as paid on this computer'
check "the flag turns from \$ to P" eval 'sel_line | grep -q -E "│> +[A-Z!r0-9]*P"'
tui_quit
ebox list --folder All --json
check "the mark is kept (list --json: paid)" [ "$(json "[m['paid'] for m in j['messages'] if m['id'] == '$TAX_ID'][0]")" = true ]
ebox pay "$TAX_ID"
check_out "pay says it is marked paid" "marked as paid on this computer"
# A: the agenda in the inbox, the same count as the command; the payment
# just marked paid has left it.
ebox agenda --json
n_agenda=$(json 'len(j["agenda"])')
tui_start -s 100x40
wait_loaded
keys A
wait_line "A: line 1 says the agenda and how many deadlines" $TITLE_ROW "^Agenda: $n_agenda deadlines, the nearest first"
wait_screen "A: the nearest is the overdue payment" 'overdue +[0-9a-f]{8}  Pay '
c=$(cursor)
check "A: the cursor is on the top line ($c)" [ "$c" = "0,$BODY_ROW,1" ]
keys q
wait_line "q goes back to the index" $HINTS_ROW '^q:Quit'
# The Agenda folder: the same deadlines as messages, the nearest first.
ebox list --folder Agenda --json
first=$(json 'j["messages"][0]["subject"]')
keys c
lit Agenda
keys Enter
wait_line "c Agenda: line 1 names the folder" $TITLE_ROW '^eBox: Agenda'
wait_for "the first row is the nearest deadline (${first:0:30})" "$E2E_TIMEOUT" sel_has "${first:0:10}" &&
    pass "the first row is the nearest deadline"
tui_quit
# French, accessible: the same screen in the reader's language.
TUI_ENV="LC_ALL=fr_BE.UTF-8 EBOX_TUI_LOCALEDIR=$EBOX_TUI_LOCALEDIR" tui_start -s 100x70 --accessible
wait_for "fr: the inbox is loaded" "$E2E_NET_TIMEOUT" eval '[ -n "$(sel_line)" ]'
select_by "$TAX_FR" "${TAX_FR:0:20}"
keys '$'
wait_line "fr: \$ says Paiement" $TITLE_ROW '^Paiement : '
wait_screen "fr: the amount in French" '1.?247,36 €'
wait_screen "fr: the lines are French" 'Échéance'
c=$(cursor)
check "fr accessible: the cursor is on the top line ($c)" [ "$c" = "0,$BODY_ROW,1" ]
keys q
tui_quit

# --- the sender's data is wrong -----------------------------------------------------
provider_start --now "$(today_noon)" --hostile
ebox list --folder All --json
bad_both=$(json '[m["id"] for m in j["messages"] if m["messageId"] == "hostile-payment"][0]')
bad_ref=$(json '[m["id"] for m in j["messages"] if m["messageId"] == "hostile-payment-ref"][0]')
ebox pay "$bad_both" --qr
check "invalid IBAN and reference: exit 3" [ "$RC" = 3 ]
check_err "the IBAN is named not valid" "The IBAN BE"
check_err "so is the structured communication" "structured communication is not valid"
check "no QR code is drawn" eval '! printf "%s" "$OUT" | grep -q "█"'
ebox pay "$bad_ref" --qr png "$T/bad.png"
check "invalid reference alone: exit 3" [ "$RC" = 3 ]
check "no image is written" [ ! -e "$T/bad.png" ]
ebox pay "$bad_ref" --json
check "--json says what is wrong" eval '[ "$(json "j[\"payment\"][\"referenceValid\"]")" = false ] && [ "$(json "j[\"payment\"][\"epc\"]")" = None ]'
done_testing
