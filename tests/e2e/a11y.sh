#!/bin/bash
# Accessibility in tmux: in screen-reader mode the cursor is visible at
# column 0 of the focused item in every view, the selection shows without
# colour, NO_COLOR leaves no colour on screen, nothing is sent while idle,
# one j sends few bytes, ascii = yes draws no line characters, and
# TERM=dumb is refused with a sentence pointing to the command line.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
mkdir -p "$T/saved"
list_json
PLAIN=$(json '[m["subject"] for m in j["messages"] if not m["registered"] and m["documents"] == 1][0]')

# cursor_at DESC Y: the cursor is visible at column 0 of row Y.
cursor_at() {
	local c
	c=$(cursor)
	if [ "$c" = "0,$2,1" ]; then pass "$1 (cursor $c)"
	else fail "$1: cursor at $c, expected 0,$2,1"; fi
}

tui_start --accessible
wait_loaded
keys j j
wait_for "j j moves the selection" "$E2E_TIMEOUT" eval '[ "$(sel_row)" = $((BODY_ROW + 2)) ]'
check "the selected row starts with > at column 0" eval 'screen | sed -n "$((BODY_ROW + 3))p" | grep -q "^>"'
cursor_at "index: the cursor is on the selected row" $((BODY_ROW + 2))
check "no sidebar in accessible mode" not screen_has '│'
row1=$(row $BODY_ROW)
check "a row starts with flags and the subject (40 cells)" eval '[ -n "$(printf "%s" "$row1" | cut -c1-40 | grep -E "^[ >][ *][ NR!\$Ar0-9H]{6} [^ ]")" ]'

select_by "${PLAIN:0:20}" "" > /dev/null
keys Enter
wait_for "Enter opens the message" "$E2E_TIMEOUT" screen_has '^Subject:'
cursor_at "pager: the cursor is on the top line" $BODY_ROW
# The main document lands later and marks the message read: wait for it,
# or its redraw would fall into the idle window below.
wait_for "its document arrives as text" "$E2E_NET_TIMEOUT" screen_has '^Main document'
keys v
wait_for "v opens the documents" "$E2E_TIMEOUT" screen_has '^>1\. '
cursor_at "documents: the cursor is on the selected document" $((BODY_ROW + 1))
keys '?'
wait_for "? opens the help" "$E2E_TIMEOUT" screen_has '^Keys of the '
cursor_at "help: the cursor is on the top line" $BODY_ROW
keys q q q
wait_for "q goes back to the index" "$E2E_TIMEOUT" eval '[ -n "$(sel_line)" ]'
keys /
wait_for "/ opens a prompt" "$E2E_TIMEOUT" message_has '^Search:'
c=$(cursor)
check "prompt: the cursor is at the insertion point ($c)" [ "$c" = "8,$((ROWS - 1)),1" ]
keys Escape
wait_for "Esc closes the prompt" "$E2E_TIMEOUT" message_has 'Cancelled'

# Nothing is sent while idle; one j sends little.
tm pipe-pane -o -t "$TM_SESSION" "cat >> '$T/pty.out'"
: > "$T/pty.out"
sleep 5         # the acceptance: 5 s of idling, then count the bytes
idle=$(stat -c %s "$T/pty.out")
check "after 5 s idle the terminal received no bytes ($idle)" [ "$idle" -eq 0 ]
before=$(sel_row)
keys j
wait_for "j moves" "$E2E_TIMEOUT" eval '[ "$(sel_row)" != "$before" ]'
# Wait until the output stops growing, then count.
prev=-1
while [ "$(stat -c %s "$T/pty.out")" != "$prev" ]; do
	prev=$(stat -c %s "$T/pty.out")
	sleep 0.3
done
bytes=$prev
echo "# bytes written for one j: $bytes"
check "one j writes under 400 bytes ($bytes)" [ "$bytes" -gt 0 ] && [ "$bytes" -lt 400 ]
tm pipe-pane -t "$TM_SESSION"
tui_quit

# NO_COLOR: no colour SGR at all on screen (bold and reverse may stay).
TUI_ENV="NO_COLOR=1" tui_start
wait_loaded
select_by "${PLAIN:0:20}" "" > /dev/null
keys Enter
wait_for "a message opens" "$E2E_TIMEOUT" screen_has '^Subject:'
wait_for "its document arrives as text" "$E2E_NET_TIMEOUT" screen_has '^Main document'
tm capture-pane -e -p -t "$TM_SESSION" > "$T/sgr"
# 39 and 49 are "default colour", what a colourless screen is made of.
check "NO_COLOR: capture-pane -e holds no colour SGR" not grep -qE $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]+)*m' "$T/sgr"
check "NO_COLOR: the selection is still reverse video" grep -q $'\e\\[7m' "$T/sgr"
keys q
tui_quit

# ascii = yes: no line drawing or ellipsis characters.
cat > "$T/ascii.conf" <<CONF
source "$CFG"
set ascii yes
CONF
CFG_SAVE=$CFG
CFG=$T/ascii.conf
tui_start
wait_loaded
check "ascii: no line-drawing characters" not screen_has '│|─|…'
check "ascii: the divider is |" screen_has '\|'
tui_quit
CFG=$CFG_SAVE

# TERM=dumb: a clear refusal that points to the command line.
TUI_ENV="TERM=dumb" tui_start
wait_for "TERM=dumb: ebox-tui exits" "$E2E_TIMEOUT" test -s "$T/tui.rc"
check "TERM=dumb: exit status 1" [ "$(cat "$T/tui.rc")" = 1 ]
check "TERM=dumb: the sentence points to the command line" grep -q "ebox-tui list" "$T/tui.err"
done_testing
