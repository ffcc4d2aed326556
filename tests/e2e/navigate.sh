#!/bin/bash
# The interactive inbox, driven in tmux: first screen, j/k/Enter/q,
# folders (c with Tab completion, and the sidebar), the pager's scrolling
# and search, sort by sender, limit ~f, a resize that keeps the selection.
# Oracles: `ebox-tui list/folders --json` and the provider itself (curl).
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
mkdir -p "$T/saved"

# --- the oracle: the Inbox, newest first, as the CLI lists it -------------
list_json
INBOX_N=$(json 'j["count"]')
S0=$(json 'j["messages"][0]["subject"]')
S1=$(json 'j["messages"][1]["subject"]')
ID0=$(json 'j["messages"][0]["messageId"]')
DP0=$(dp_path "$(json 'j["messages"][0]["provider"]')")
REG0=$(json 'j["messages"][0]["registered"]')
read -r IN_TOTAL IN_UNREAD <<< "$(folder_counts Inbox)"
read -r REG_TOTAL REG_UNREAD <<< "$(folder_counts Registered)"
read -r PAY_TOTAL PAY_UNREAD <<< "$(folder_counts Payments)"
list_json --from INAMI
INAMI_N=$(json 'j["count"]')
list_json --sort sender
SENDERS=$(json '"\n".join(m["sender"][:15] for m in j["messages"][:6])')
check "oracle: the newest Inbox message is not registered mail" [ "$REG0" = false ]

# index rows show 30 columns of subject: compare a prefix.
P0=${S0:0:24}
P1=${S1:0:24}

tui_start
wait_loaded
wait_line "first screen: the key bar" $HINTS_ROW '^q:Quit  <Enter>:Open'
wait_line "first screen: the newest message is selected" $BODY_ROW "│> .*$(printf '%s' "$P0" | sed 's/[][\.*^$()+?{}|]/\\&/g')"
wait_status "first screen: status line with the Inbox counts" \
    "^demo \| Inbox \| $IN_TOTAL messages, $IN_UNREAD unread"
check "the Inbox count agrees with list --json ($INBOX_N)" [ "$IN_TOTAL" = "$INBOX_N" ]
check "the cursor sits on the selected row" [ "$(cursor | cut -d, -f2)" = $BODY_ROW ]

# --- j / k / Enter / q -------------------------------------------------------
keys j
wait_for "j selects the second message" "$E2E_TIMEOUT" line_has $((BODY_ROW + 1)) "│> .*${P1:0:15}" &&
    pass "j selects the second message"
check "after j the cursor follows the selection" [ "$(cursor | cut -d, -f2)" = $((BODY_ROW + 1)) ]
keys k
wait_for "k selects the first message again" "$E2E_TIMEOUT" line_has $BODY_ROW "│> .*${P0:0:15}" &&
    pass "k selects the first message again"
keys Enter
wait_line "Enter opens the pager (key bar)" $HINTS_ROW '^q:Back'
wait_screen "the pager shows the subject" "^Subject: +${P0:0:15}"
wait_screen "the pager shows the main document as text" '^Main document, as text:'
check "opening made the message read on the server" \
    [ "$(raw_flag "$DP0" "$ID0" readStatus)" = true ]
keys q
wait_line "q goes back to the index, same selection" $BODY_ROW "│> .*${P0:0:15}"
wait_line "the opened message lost its N flag" $BODY_ROW '│>  {6}|│> [^N]'

# --- folders: c + Tab completion, then the sidebar ----------------------------
keys c
wait_message "c asks for a folder" '^Open folder \(Tab completes\):'
lit Reg
keys Tab
wait_message "Tab completes the folder name" ':  ?Registered( mail)? *$'
keys Enter
wait_status "the Registered folder opens with its counts" \
    "^demo \| Registered( mail)? \| $REG_TOTAL messages, $REG_UNREAD unread"
wait_screen "the message line gives the folder's counts" \
    "^Registered mail: $REG_TOTAL messages, $REG_UNREAD unread\."
keys Tab
wait_line "Tab gives the sidebar the focus" $HINTS_ROW '^<Enter>:Open folder'
wait_screen "the sidebar marks the open folder" '^>\* Registered mail'
# Move the sidebar's selection to Payments.
pay_row=$(screen | grep -n 'Payments' | head -1 | cut -d: -f1)
reg_row=$(screen | grep -n '^>\* Registered' | head -1 | cut -d: -f1)
if [ -n "$pay_row" ] && [ -n "$reg_row" ]; then
	for _ in $(seq $((pay_row - reg_row))); do keys j; done
fi
wait_screen "j moves the sidebar selection to Payments" '^>  Payments'
keys Enter
wait_status "Enter opens Payments with its counts" \
    "^demo \| Payments \| $PAY_TOTAL messages, $PAY_UNREAD unread"
wait_line "the index has the focus again" $HINTS_ROW '^q:Quit'
keys c
lit Inbox
keys Enter
wait_status "back to the Inbox" "^demo \| Inbox \| $IN_TOTAL messages"

# --- the pager: scrolling and search --------------------------------------------
keys /
lit 'Tax assessment notice'
keys Enter
wait_screen "/ selects the tax assessment" '│> .*Tax assessment'
keys Enter
wait_screen "the pager shows the payment" '^  Reference: \+\+\+090/9337/55493\+\+\+'
wait_screen "the pager shows the document text" '^Main document, as text:'
wait_line "the pager starts at the top" $BODY_ROW '^Subject: '
before=$(row $((BODY_ROW + 1)))
keys j
wait_for "j scrolls one line" "$E2E_TIMEOUT" line_has $BODY_ROW "^$(printf '%s' "$before" | sed 's/[][\.*^$()+?{}|]/\\&/g')\$" &&
    pass "j scrolls one line"
first=$(row $BODY_ROW)
keys PageDown
wait_for "<PageDown> scrolls" "$E2E_TIMEOUT" eval '[ "$(row $BODY_ROW)" != "$first" ]' &&
    pass "<PageDown> scrolls"
check "this short message's last line is on screen after one <PageDown>" \
    screen_has '^SPF Finances – Tax-on-web$'
check "after <PageDown> the headers are off the screen" [ "$(screen | grep -c '^From: ')" = 0 ]
keys g
wait_line "g goes back to the top" $BODY_ROW '^Subject: '
keys /
wait_message "/ asks what to search in the message" '^Search in message:'
lit 'BE78679200333086'
keys Enter
wait_line "the search brings the matching line to the top" $BODY_ROW '^Compte : BE78679200333086'
check "the match was below the first page (headers scrolled away)" [ "$(screen | grep -c '^Subject: ')" = 0 ]
check "a first search from the top does not say it wrapped around" \
    [ "$(message_line | grep -c 'wrapped')" = 0 ]
keys q
wait_line "q leaves the pager" $HINTS_ROW '^q:Quit'

# --- sort by sender ---------------------------------------------------------------
keys g o
wait_message "o asks for the sort key" '^Sort by \(d\)ate, \(f\)rom sender'
keys f
wait_status "o f sorts by sender (status line)" '\| sorted by sender'
keys g
wait_line "g selects the first row" $BODY_ROW '│>'
# The sender: the 20 columns before the date, at the end of the row.
got=$(screen | sed -n "$((BODY_ROW + 1)),$((BODY_ROW + 6))p" | sed -E 's/^.*  (.{20})  [0-9-]{10} *$/\1/' | cut -c1-15 | sed 's/ *$//')
if [ "$got" = "$SENDERS" ]; then
	pass "the first six senders are in list --sort sender's order"
else
	fail "the first six senders are in list --sort sender's order"
	echo "  expected:"; printf '%s\n' "$SENDERS" | sed 's/^/    /'
	echo "  screen:"; printf '%s\n' "$got" | sed 's/^/    /'
fi
keys o d
wait_for "o d sorts by date again" "$E2E_TIMEOUT" screen_lacks 'sorted by' &&
    pass "o d sorts by date again"

# --- limit ~f SENDER ---------------------------------------------------------------
keys l
wait_message "l asks for a pattern" '^Limit to'
lit '~f INAMI'
keys Enter
wait_status "l ~f INAMI limits the index" \
    "^demo \| Inbox \| $INAMI_N messages, [0-9]+ unread \| limit: ~f INAMI"
others=$(screen | sed -n "$((BODY_ROW + 1)),$((ROWS - 2))p" | grep '│[> ]' | grep -v -c 'INAMI')
check "every listed row is from INAMI ($INAMI_N per list --from)" [ "$others" = 0 ]
keys l C-u
lit all
keys Enter
wait_status "l all shows every message again" "^demo \| Inbox \| $IN_TOTAL messages, [0-9]+ unread( \| synced [0-9:/-]+)?\$"

# --- resize 100x30 -> 60x20 -> 100x30 keeps the selection ----------------------------
keys g
for _ in $(seq 22); do keys j; done
wait_for "22 j select the 23rd message" "$E2E_TIMEOUT" line_has $((BODY_ROW + 22)) '│>' &&
    pass "22 j select the 23rd message"
SEL=$(sel_line)
SEL_SUBJ=$(printf '%s' "$SEL" | sed 's/^.*│> *[^ ]* *//')
# Flags and the subject's first characters: what 60 columns still show.
SEL_KEY=$(printf '%s' "$SEL" | sed 's/^.*│>//' | cut -c1-17)
tm resize-window -t "$TM_SESSION" -x 60 -y 20
ROWS=20 COLS=60
wait_line "at 60x20 the status line moves up" 18 '^demo \| Inbox'
wait_for "at 60x20 the selected message is still selected and visible" "$E2E_TIMEOUT" \
    eval 'sel_line | grep -q -F -- "$SEL_KEY"' &&
    pass "at 60x20 the selected message is still selected and visible"
tm resize-window -t "$TM_SESSION" -x 100 -y 30
ROWS=30 COLS=100
wait_line "back at 100x30" 28 '^demo \| Inbox'
wait_for "back at 100x30 the same message is selected" "$E2E_TIMEOUT" \
    eval 'sel_line | grep -q -F -- "$SEL_SUBJ"' &&
    pass "back at 100x30 the same message is selected"

tui_quit
done_testing
