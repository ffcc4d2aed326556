#!/bin/bash
# The 16-point accessibility checklist of FEATURES.md, point by point, in
# tmux at 80 columns: every point in accessible mode, and every point but
# 8 in normal mode (8 is checked there too: prompts take the cursor in
# both).  Then what is not a checklist point but keeps a console usable:
# ascii = yes, and TERM=dumb refused with a pointer to the command line.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

COLS=80
ROWS=24
provider_start --now "$(today_noon)"
mkdir -p "$T/saved"
list_json
# Every subject in every language: what an index row may begin with.
json '"\n".join(s for m in j["messages"] for s in list(m["subjects"].values()) + [m["subject"]])' > "$T/subjects"
id_of() { json "[m['messageId'] for m in j['messages'] if m['subject'] == '''$1'''][0]"; }
# Two plain unread messages (not registered, one document, not expiring,
# so not kept here yet): one per mode is deleted on the server to see
# the error reach the log.
json '"\n".join(m["subject"] for m in j["messages"] if not m["registered"] and m["documents"] == 1 and not m["expiring"] and not m["read"])' > "$T/plain"
json '"\n".join(m["subject"] for m in j["messages"] if not m["registered"] and m["documents"] == 1)' > "$T/readable"
PLAIN_accessible=$(sed -n 1p "$T/plain")
PLAIN_normal=$(sed -n 2p "$T/plain")
ID_accessible=$(id_of "$PLAIN_accessible")
ID_normal=$(id_of "$PLAIN_normal")
REGISTERED=$(json '[m["subject"] for m in j["messages"] if m["registered"]][0]')

# The operations the index's default bindings name (point 14).
sed -n '/ui_default_bindings\[\] = {/,/^};/p' "$srcdir/src/ui/ui-keys.c" |
    sed -n 's/^[[:space:]]*"bind \([a-z,]*\) [^ ]* \([a-z-]*\)".*/\1 \2/p' |
    awk '$1 ~ /(^|,)(index|generic)(,|$)/ { print $2 }' | sort -u > "$T/index-ops"

# col_of TEXT CHAR: the column (in characters) of CHAR's first place in TEXT.
col_of() { "$PYTHON3" -c 'import sys; print(sys.argv[1].find(sys.argv[2]))' "$1" "$2"; }
# pane_row N: screen row N from the index pane's first column on.
pane_row() { row "$1" | sed 's/^[^│]*│//'; }
# cursor_on DESC X Y: the cursor is visible at (X, Y).
cursor_on() {
	local c
	c=$(cursor)
	if [ "$c" = "$2,$3,1" ]; then pass "$1 (cursor $c)"
	else fail "$1: cursor at $c, expected $2,$3,1"; fi
}
# bytes_settled FILE: waits until FILE stops growing, prints its size.
bytes_settled() {
	local prev=-1
	while [ "$(stat -c %s "$1")" != "$prev" ]; do
		prev=$(stat -c %s "$1")
		sleep 0.3
	done
	echo "$prev"
}
# quiet_2s: waits (up to 60 s) until $T/pty-$mode has not grown for 2 s.
quiet_2s() {
	local size=-1 now since deadline
	since=$(ms_now)
	deadline=$((since + 60000))
	while :; do
		now=$(ms_now)
		if [ "$(stat -c %s "$T/pty-$mode")" != "$size" ]; then
			size=$(stat -c %s "$T/pty-$mode")
			since=$now
		fi
		[ $((now - since)) -ge 2000 ] && return 0
		[ "$now" -ge "$deadline" ] && return 1
		sleep 0.1
	done
}
# drawn FILE: the printable text in what was sent, for the log.
drawn() { LC_ALL=C tr -c '[:print:]' ' ' < "$1" | tr -s ' ' | cut -c1-300; }
# body_words: the words of the body lines (between the key hints and the
# status line), one per line.
body_words() {
	screen | sed -n "$((BODY_ROW + 1)),$(($(status_row)))p" | tr -s ' \n' '\n\n' | sed '/^$/d'
}

checklist() {
	local mode=$1 m="$1:" plain c x y words_80 n
	local -a args=()
	[ "$mode" = accessible ] && args=(--accessible)
	eval "plain=\$PLAIN_$mode"

	tui_start "${args[@]}"
	wait_loaded "$m the mail is loaded"

	# 1, 2, 3: the cursor on the focus, visible; the selection in text.
	keys j j
	wait_for "$m j j moves the selection" "$E2E_TIMEOUT" eval '[ "$(sel_row)" = $((BODY_ROW + 2)) ]'
	x=$(col_of "$(sel_line)" '>')
	cursor_on "$m 1/2 index: the cursor is on the selected row's marker" "$x" $((BODY_ROW + 2))
	check "$m 3 the selected row carries > in plain text" eval 'row $((BODY_ROW + 2)) | grep -q -E "^>|[│|]>"'
	n=$(screen | grep -c -E '^>|[│|]>')
	check "$m 3 one row only carries it ($n)" [ "$n" = 1 ]
	if [ "$mode" = normal ]; then
		keys Tab
		wait_line "$m Tab focuses the folders" $HINTS_ROW '^<Enter>:Open folder'
		keys j
		cursor_on "$m 1/2 folders: the cursor is on the selected folder" 0 $((BODY_ROW + 1))
		keys k Tab
		wait_line "$m Tab gives the messages the focus" $HINTS_ROW '^q:Quit'
	fi

	# 5: the flags and the subject in the first 40 columns of each row.
	local bad=0 seen=0 r frag
	for r in $(seq $BODY_ROW $((BODY_ROW + 9))); do
		frag=$(pane_row "$r" | cut -c1-40)
		[ -n "${frag// /}" ] || continue
		seen=$((seen + 1))
		# marker, tag, flags, then the subject's first characters
		frag=$(printf '%s' "$frag" | cut -c9- | sed 's/^ *//; s/ *$//; s/… *.*$//; s/  .*$//; s/ | .*$//')
		if [ ${#frag} -lt 5 ] || ! grep -q -F -- "$frag" "$T/subjects"; then
			bad=$((bad + 1)); echo "# row $r: '$(pane_row "$r" | cut -c1-40)'"
		fi
	done
	check "$m 5 the first 40 columns of $seen rows hold flags and subject ($bad do not)" [ "$seen" -ge 8 -a "$bad" = 0 ]

	# 4: every flag letter on screen is in the help legend.
	pane_row_all() { for r in $(seq $BODY_ROW $(($(status_row) - 1))); do pane_row "$r"; done; }
	pane_row_all | cut -c3-8 | grep -o '[A-Za-z!$]' | sort -u > "$T/flags-$mode"
	keys '?'
	: > "$T/help-$mode"
	collect_help "$T/help-$mode"
	local missing=
	while read -r f; do
		grep -q -E "^  $(re_quote "$f")[0-9]* " "$T/help-$mode" || missing="$missing $f"
	done < "$T/flags-$mode"
	check "$m 4 the flags on screen ($(tr -d '\n' < "$T/flags-$mode")) are all in the legend${missing:+, not:$missing}" \
	    [ "$(wc -l < "$T/flags-$mode")" -ge 3 -a -z "$missing" ]
	# 14: every operation bound in the index is on its help screen.
	missing=$(grep -v -x -F -f <(grep -o -E '\b[a-z]+(-[a-z]+)+\b|\b[a-z]+\b' "$T/help-$mode" | sort -u) "$T/index-ops" | tr '\n' ' ')
	check "$m 14 the help lists every operation bound in the index${missing:+ (not: $missing)}" \
	    [ "$(wc -l < "$T/index-ops")" -ge 20 -a -z "$missing" ]
	keys g
	wait_line "$m the help is back at its top" $((BODY_ROW + 0)) '^Keys of the '
	cursor_on "$m 1/2 help: the cursor is on the top line" 0 $BODY_ROW
	keys q
	wait_line "$m q leaves the help" $HINTS_ROW '^q:Quit'

	# 8: a prompt takes the cursor.
	select_by "$REGISTERED" "${REGISTERED:0:8}"
	keys Enter
	wait_message "$m Enter on registered mail asks first" 'proof of reading'
	c=$(cursor)
	y=$(screen | grep -n 'proof of reading\|y/n\|(y' | tail -n 1 | cut -d: -f1)
	check "$m 8 the cursor is on the prompt's line ($c, prompt ends on row $((y - 1)))" \
	    [ "${c#*,}" = "$((y - 1)),1" ]
	keys n
	wait_for "$m n answers the prompt" "$E2E_TIMEOUT" eval '! message_line | grep -q "proof of reading"'
	keys q
	wait_line "$m q goes back to the index" $HINTS_ROW '^q:Quit'

	# 9: an error can be read again in the log.  The message goes from
	# the server behind the inbox's back; opening it fails.
	eval "control DELETE \"messages/\$ID_$mode\"" > /dev/null
	select_by "$plain" "${plain:0:8}"
	keys Enter
	wait_line "$m Enter opens it" $TITLE_ROW "^Message [0-9]+ of [0-9]+: $(re_quote "${plain:0:25}")"
	wait_for "$m 9 opening the deleted message fails, in words" "$E2E_NET_TIMEOUT" \
	    eval 'screen | grep -q -i -E "no longer|not found|could not|failed"' &&
	    pass "$m 9 opening the deleted message fails, in words"
	local said
	said=$(screen | grep -i -E -o "[^│]*(no longer|not found|could not|failed)[^│]*" | head -n 1 | sed 's/^ *//' | cut -c1-30)
	keys q
	keys M
	wait_line "$m M opens the log" $TITLE_ROW '^Message log'
	check "$m 9 the log holds it ($said)" eval '[ ${#said} -ge 10 ] && screen | grep -q -F -- "$said"'
	keys q

	# 12: the pager, line by line; long lines wrap between words.
	select_by "$PLAIN_other" "${PLAIN_other:0:8}"
	keys Enter
	wait_line "$m Enter opens the message" $TITLE_ROW "^Message [0-9]+ of [0-9]+: $(re_quote "${PLAIN_other:0:25}")"
	wait_for "$m its document arrives as text" "$E2E_NET_TIMEOUT" screen_has '^Main document'
	cursor_on "$m 1/2 pager: the cursor is on the top line" 0 $BODY_ROW
	local first second
	first=$(row $BODY_ROW)
	second=$(row $((BODY_ROW + 1)))
	keys j
	wait_for "$m 12 j moves one line" "$E2E_TIMEOUT" eval '[ "$(row $BODY_ROW)" = "$second" ]' &&
	    pass "$m 12 j moves one line"
	cursor_on "$m 12 the cursor is at the start of the top line" 0 $BODY_ROW
	keys k
	wait_for "$m k moves back" "$E2E_TIMEOUT" eval '[ "$(row $BODY_ROW)" = "$first" ]'
	body_words > "$T/words80"
	n=$(wc -l < "$T/words80")
	check "$m 12 the message shows enough words to tell ($n)" [ "$n" -ge 30 ]
	tm resize-window -t "$TM_SESSION" -x 200
	# Word wrapping keeps the words: what 80 columns show is the start of
	# what 200 show, once the pager has reflowed.  A word cut in two would
	# never match.
	wait_for "$m 12 wrapped at 80 columns, the words are those of 200 columns" "$E2E_TIMEOUT" \
	    eval '[ "$(tm display -p -t "$TM_SESSION" "#{pane_width}")" = 200 ] && body_words > "$T/words200" && ! cmp -s "$T/words200" "$T/words80" && head -n "$n" "$T/words200" | cmp -s - "$T/words80"' &&
	    pass "$m 12 wrapped at 80 columns, the words are those of 200 columns"
	check "$m 12 no wrap glyph at a line's end" eval '! screen | grep -q -E "[↪⏎\\\\]$"'
	tm resize-window -t "$TM_SESSION" -x $COLS
	wait_for "$m back to 80 columns" "$E2E_TIMEOUT" eval '[ "$(tm display -p -t "$TM_SESSION" "#{pane_width}")" = $COLS ]'

	# 1: the documents list.
	keys v
	wait_for "$m v opens the documents" "$E2E_TIMEOUT" screen_has '^>1\. '
	cursor_on "$m 1/2 documents: the cursor is on the selected document" 0 $((BODY_ROW + 1))
	keys q q
	wait_line "$m q q goes back to the index" $HINTS_ROW '^q:Quit'

	# 1/2: a text prompt: the cursor at the insertion point.
	keys /
	wait_message "$m / opens a prompt" '^Search:'
	lit ab
	cursor_on "$m 1/2 prompt: the cursor is at the insertion point" 10 $((ROWS - 1))
	keys Escape
	wait_message "$m Esc closes the prompt" 'Cancelled'

	# 10, 11: nothing is sent while idle; one j sends little.
	keys g
	wait_for "$m g selects the first message" "$E2E_TIMEOUT" eval '[ "$(sel_row)" = $BODY_ROW ]'
	: > "$T/pty-$mode"
	tm pipe-pane -o -t "$TM_SESSION" "cat >> '$T/pty-$mode'"
	# Work started earlier may still end with one update (a document
	# kept, a sync's last word): that is a step finishing, which may
	# show.  Wait for 2 s without a byte first; anything that repaints
	# by itself every 5 s or faster still shows in the window after.
	quiet_2s || fail "$m the screen settles (still writing after 60 s)"
	settled=$(stat -c %s "$T/pty-$mode")
	[ "$settled" -gt 0 ] && echo "# $m before the idle window: $settled bytes ($(drawn "$T/pty-$mode"))"
	: > "$T/pty-$mode"
	sleep 5         # the acceptance: 5 s of idling, then count the bytes
	c=$(stat -c %s "$T/pty-$mode")
	check "$m 10 after 5 s idle the terminal received no bytes ($c)" [ "$c" -eq 0 ]
	[ "$c" -gt 0 ] && echo "# drawn while idle: $(drawn "$T/pty-$mode")"
	: > "$T/pty-$mode"
	y=$(sel_row)
	keys j
	wait_for "$m j moves" "$E2E_TIMEOUT" eval '[ "$(sel_row)" != "$y" ]'
	c=$(bytes_settled "$T/pty-$mode")
	check "$m 11 one j writes under 400 bytes ($c)" [ "$c" -gt 0 -a "$c" -lt 400 ]
	tm pipe-pane -t "$TM_SESSION"

	# 15: new mail never steals the focus.
	local before row_before
	before=$(sel_line); before=${before#*[│|]}
	row_before=$(sel_row)
	control POST messages "{\"subject\": {\"en\": \"Fresh letter $mode\"}, \"id\": \"fresh-$mode\"}" > /dev/null
	keys R
	wait_message "$m 15 R: the new mail is announced in words" '1 new' "$E2E_NET_TIMEOUT"
	c=$(sel_line)
	check "$m 15 the same message is still selected" [ "${c#*[│|]}" = "$before" ]
	check "$m 15 the cursor follows it" [ "$(cursor | cut -d, -f2)" = "$(sel_row)" ]
	tui_quit

	# 6: NO_COLOR.
	TUI_ENV="NO_COLOR=1" tui_start "${args[@]}"
	wait_loaded "$m NO_COLOR: the mail is loaded"
	tm capture-pane -e -p -t "$TM_SESSION" > "$T/sgr-$mode"
	# 39 and 49 are "default colour", what a colourless screen is made of.
	check "$m 6 NO_COLOR: no colour SGR on screen" not grep -qE $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]+)*m' "$T/sgr-$mode"
	check "$m 6 NO_COLOR: the selection is still reverse video" grep -q $'\e\\[7m' "$T/sgr-$mode"
	tui_quit

	# 7: LANG=C TERM=linux: ASCII only.
	: > "$T/console-$mode"
	TUI_TERM=linux TUI_ENV="LC_ALL=C LANG=C" tui_start "${args[@]}"
	tm pipe-pane -o -t "$TM_SESSION" "cat >> '$T/console-$mode'"
	wait_loaded "$m LANG=C TERM=linux: the mail is loaded"
	keys j k '?'
	wait_line "$m the help opens" $BODY_ROW '^Keys of the '
	keys q
	check "$m 7 LANG=C TERM=linux: only ASCII reaches the terminal" \
	    eval '! LC_ALL=C grep -q -P "[\x80-\xff]" "$T/console-$mode"'
	tui_quit

	# 13: one pane: with the sidebar off, rows start at column 0.
	printf 'source "%s"\nset sidebar no\n' "$CFG" > "$T/onepane.conf"
	local cfg_save=$CFG
	CFG=$T/onepane.conf
	tui_start "${args[@]}"
	wait_loaded "$m one pane: the mail is loaded"
	check "$m 13 sidebar off: the selected row starts at column 0" eval 'row $BODY_ROW | grep -q "^>"'
	check "$m 13 no divider on screen" screen_lacks '│'
	tui_quit
	CFG=$cfg_save
}

PLAIN_other=$(tail -n 1 "$T/readable")
checklist accessible
# Every mode starts again from the demo data (the message deleted above).
provider_start --now "$(today_noon)"
checklist normal

# 16: everything read or saved in the inbox exists on the command line,
# as plain text and as JSON.
ebox list
check "16 list: plain text" eval '[ "$RC" = 0 ] && printf "%s" "$OUT" | grep -q -F "${PLAIN_other:0:20}"'
ebox list --json
SHORT=$(json "[m['id'] for m in j['messages'] if m['subject'] == '''$PLAIN_other'''][0]")
check "16 list --json: the message is there" [ -n "$SHORT" ]
ebox show "$SHORT"
check "16 show: plain text" eval '[ "$RC" = 0 ] && printf "%s" "$OUT" | grep -q -F "${PLAIN_other:0:20}"'
ebox show "$SHORT" --json
check "16 show --json: valid JSON with the subject" eval '[ "$(json "j[\"message\"][\"subject\"]")" = "$PLAIN_other" ]'
ebox save "$SHORT" -o "$T/cli-saved" --json
check "16 save --json: the document is saved" eval '[ "$RC" = 0 ] && [ -n "$(find "$T/cli-saved" -type f)" ]'
for c in folders providers; do
	ebox $c --json
	check "16 $c --json: valid JSON" eval 'json "True" > /dev/null'
done

# ascii = yes: no line drawing or ellipsis characters.
printf 'source "%s"\nset ascii yes\n' "$CFG" > "$T/ascii.conf"
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
