#!/bin/bash
# Proof of reading (issue 10, part 4): every time ebox-tui fetches the main
# content of registered mail from the eBox, through the command line or
# the inbox, `receipts` lists it once, with the digest of what came; a
# copy from the local mailbox is no new proof; the log is 0600 and a line
# cut short is skipped with a warning, not fatal.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
ebox list --folder All --json
json '"\n".join(m["id"] + " " + m["subject"] for m in j["messages"] if m["registered"])' > "$T/registered"
check "the demo box has two registered letters" [ "$(wc -l < "$T/registered")" -ge 2 ]
CLI_ID=$(sed -n '1s/ .*//p' "$T/registered")
UI_ID=$(sed -n '2s/ .*//p' "$T/registered")
UI_SUBJ=$(sed -n '2s/^[^ ]* //p' "$T/registered")
LOG="$XDG_DATA_HOME/ebox-tui/demo/receipts"
count() { ebox receipts --json; json 'len(j["receipts"])'; }

ebox receipts
check "receipts before any: exit 0" [ "$RC" = 0 ]
check_out "receipts before any: says there is none" "No proof of reading yet"
check "receipts --json before any: an empty list" [ "$(count)" = 0 ]

# --- the command line --------------------------------------------------------------
ebox save "$CLI_ID" -o "$T/cli"
check "save without --confirm-registered is refused" [ "$RC" != 0 ]
ebox show "$CLI_ID"
check "show without --confirm-registered: no receipt" [ "$(count)" = 0 ]
ebox save "$CLI_ID" -o "$T/cli" --confirm-registered
check "save --confirm-registered saves" eval '[ "$RC" = 0 ] && [ -n "$(find "$T/cli" -type f)" ]'
check "one receipt" [ "$(count)" = 1 ]
saved=$(find "$T/cli" -type f | head -n 1)
want=$("$PYTHON3" -c 'import base64, hashlib, sys
print(base64.urlsafe_b64encode(hashlib.sha256(open(sys.argv[1], "rb").read()).digest()).decode().rstrip("="))' "$saved")
ebox receipts --json
check "it names the message" [ "$(json 'j["receipts"][0]["id"]')" = "$CLI_ID" ]
check "and the document received" [ "$(json 'j["receipts"][0]["content"]')" = "$(basename "$saved")" ]
check "with the SHA-256 of what was saved" [ "$(json 'j["receipts"][0]["sha256"]')" = "$want" ]
check "the log is private (0600)" [ "$(stat -c %a "$LOG")" = 600 ]
ebox save "$CLI_ID" -o "$T/cli2" --confirm-registered
check "a second save comes from the local mailbox: no new proof" [ "$(count)" = 1 ]

# --- the inbox ---------------------------------------------------------------------------
tui_start
wait_loaded
select_by "$UI_SUBJ" "${UI_SUBJ:0:8}"
keys Enter
wait_message "opening registered mail asks first" 'proof of reading'
keys y
wait_for "the document arrives" "$E2E_NET_TIMEOUT" screen_has '^Main document' &&
    pass "the document arrives"
keys q
wait_line "q goes back to the index" $HINTS_ROW '^q:Quit'
tui_quit
check "the inbox left a receipt too" [ "$(count)" = 2 ]
ebox receipts --json
check "for the message opened there" [ "$(json 'j["receipts"][1]["id"]')" = "$UI_ID" ]
ebox receipts
check_out "receipts: one line per proof, with its digest" "sha256:"
check "receipts: both ids listed" eval 'printf "%s" "$OUT" | grep -q "$CLI_ID" && printf "%s" "$OUT" | grep -q "$UI_ID"'

# --- a line cut short --------------------------------------------------------------------
printf '2026-12-01T12:00:00Z\tebox-nsso\tcut' >> "$LOG"
ebox receipts --json
check "a cut line: receipts still exits 0" [ "$RC" = 0 ]
check "the whole ones are listed" [ "$(json 'len(j["receipts"])')" = 2 ]
check "the cut one is counted as unreadable" [ "$(json 'j["unreadable"]')" = 1 ]
check_err "and a warning says so" "could not be read"
done_testing
