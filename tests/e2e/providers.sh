#!/bin/bash
# One provider down: the screen says "1 of 2 providers answered", names
# the one that failed and shows the other's mail.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

# The down provider answers 503 with Retry-After: 30; without retries the
# failure is final at once instead of after 3 x 30 s.
provider_start --now "$(today_noon)" --provider-down ebox-nsso
echo "set max_retries 0" >> "$CFG"
ebox list --json
BOSA_N=$(json 'j["count"]')
NSSO_IN=$(json 'len([m for m in j["messages"] if m["provider"] == "ebox-nsso"])')
S0=$(json 'j["messages"][0]["subject"]')
check "oracle: list --json has only ebox-bosa mail ($BOSA_N)" [ "$NSSO_IN" = 0 ] 
check "oracle: ebox-bosa has mail" [ "$BOSA_N" -gt 0 ]

tui_start
wait_status "the status line says 1 of 2 providers answered" \
    "^demo \| Inbox \| $BOSA_N messages, [0-9]+ unread \| 1 of 2 providers answered" "$E2E_NET_TIMEOUT"
wait_message "the message line names the provider that failed, by its name" '^e-Box NSSO '
wait_line "the other provider's newest message is selected" $BODY_ROW "│> .*$(re_quote "${S0:0:24}")"
senders=$(screen | sed -n "$((BODY_ROW + 1)),$((ROWS - 2))p" | grep -E '│[> ][ *].*  [0-9-]{10} *$' |
    sed -E 's/^.*  (.{20})  [0-9-]{10} *$/\1/')
check "the index shows rows with senders" [ -n "$senders" ]
check "no ebox-nsso sender is shown (NSSO, ONEM, INAMI, ONVA, FPS)" \
    [ "$(printf '%s\n' "$senders" | grep -c -E '^(NSSO|ONEM|INAMI|ONVA|FPS +$)')" = 0 ]
keys M
wait_line "M: the log keeps the provider's error" $HINTS_ROW '^q:Back'
check "the log names e-Box NSSO and the reason" eval 'screen | tr "\n" " " | tr -s " " | grep -q "error: e-Box NSSO .*unavailable"'
keys q
tui_quit
done_testing
