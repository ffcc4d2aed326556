#!/bin/bash
# The inbox on the local mailbox: it opens from the store (offline too,
# with a kept document), says how fresh the mail is, merges new mail
# without moving the selection, and Esc stops a sync.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

NOW=$(today_noon)
provider_start --now "$NOW"

# A message with a document, fetched once in the inbox.
ebox list --json
subject=$(json '[m["subject"] for m in j["messages"] if m["documents"] > 0 and not m["registered"] and not m["bodyMain"]][0]')
word=${subject:0:16}
tui_start
wait_loaded
wait_status "the status line says when the mail was synced" 'synced [0-9][0-9]:[0-9][0-9]'
select_by "$word" && pass "/ finds the message"
keys Enter
wait_screen "its main document is shown as text" 'Main document, as text:' "$E2E_NET_TIMEOUT"
keys q
tui_quit

# --- offline: the provider is gone ---------------------------------------------------
provider_stop
tui_start
wait_screen "offline: the stored mail is shown at once" "$(re_quote "${subject:0:20}")"
wait_status "offline: the status line says so" 'offline'
wait_screen "offline: the message line says why" 'Offline: showing the mail kept'
select_by "$word" && pass "offline: / finds the message"
keys Enter
wait_screen "offline: its kept document opens" 'Main document, as text:'
screen_lacks 'Fetching the content' && pass "offline: nothing waits for the network"
keys q
tui_quit

# --- new mail merges in; the selection stays where it is ------------------------------
KEEP_STORE=1 provider_start --now "$NOW"
tui_start
wait_loaded
keys j j j
wait_for "j moves the selection" "$E2E_TIMEOUT" eval '[ "$(sel_row)" -ge $((BODY_ROW + 3)) ]'
before=$(sel_line); before=${before#*│}
row_before=$(sel_row)
control POST messages '{"subject": {"fr": "Courrier tout frais", "nl": "Gloednieuwe brief"}, "id": "fresh-1"}' > /dev/null
keys R
wait_screen "R brings the new message" 'Courrier tout frais|Gloednieuwe brief' "$E2E_NET_TIMEOUT"
wait_screen "the sync says it is over" '1 new\.' "$E2E_NET_TIMEOUT"
after=$(sel_line)
check "the same message is still selected" [ "${after#*│}" = "$before" ]
check "one line lower: the new one is above it" [ "$(sel_row)" = $((row_before + 1)) ]
check "the cursor is on it" [ "$(cursor | cut -d, -f2)" = "$(sel_row)" ]
tui_quit

# --- Esc stops a sync ------------------------------------------------------------------------
KEEP_STORE=1 provider_start --now "$NOW" --latency 4000
tui_start
wait_status "a slow sync: the status line says it is running" 'fetching mail'
keys Escape
wait_screen "Esc stops it, in words" 'Sync stopped'
wait_for "the status line no longer says fetching" "$E2E_TIMEOUT" \
    eval '! status_line | grep -q "fetching mail"' && pass "the status line no longer says fetching"
check "the mail is still there" screen_has "$(re_quote "${subject:0:20}")"
tui_quit
done_testing
