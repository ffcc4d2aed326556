#!/bin/bash
# Every screen readable in full (issue 9): one check per defect seen by a
# blind citizen, a French-, Dutch- and German-speaking citizen and a
# NeoMutt user, each of which failed before its fix.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
# In accessible mode a message stays this long before the next one:
# long enough that a queued message could never pass for a fresh one.
printf 'set status_min_seconds 30\nset save_dir "%s/saved"\n' "$T" >> "$CFG"
mkdir -p "$T/saved"

# The tax assessment: a payment, a due date.
find_msg "Tax assessment notice" || fail "the demo data has the tax assessment"
TAX_SUBJ="Tax assessment notice"

# --- 1, 7: at 80 columns in the four languages: the key bar keeps ?, i says the
# amount and the due date whole, and one message is one message -----------------------
tax_id=$M_ID
ebox list --folder All --json
declare -A JAN=([en]=January [fr]=janvier [nl]=januari [de]=Januar)
declare -A ONE=([en]='1 message, 1 unread' [fr]='1 message, 1 non lu'
    [nl]='1 bericht, 1 ongelezen' [de]='1 Nachricht, 1 ungelesen')
for loc in en_GB fr_BE nl_BE de_BE; do
	l=${loc%_*}
	subj=$(json "[m['subjects'].get('$l') or m['subject'] for m in j['messages'] if m['messageId'] == '$tax_id'][0]")
	TUI_ENV="LC_ALL=$loc.UTF-8 EBOX_TUI_LOCALEDIR=$EBOX_TUI_LOCALEDIR" tui_start -s 80x24
	wait_for "$l: the inbox is loaded" "$E2E_NET_TIMEOUT" eval '[ -n "$(sel_line)" ] && status_has "[0-9]{2}:[0-9]{2}"'
	wait_line "1 $l: the key bar shows ? at 80 columns" $HINTS_ROW '  \?:[[:alpha:]]+$'
	select_by "$subj" "${subj:0:8}"
	keys i
	wait_message "1 $l: i tells the tax assessment" "$(re_quote "${subj:0:20}")"
	said=$(message_line)
	echo "# $l: $said"
	check "1 $l: i keeps the amount at 80 columns" eval 'printf "%s" "$said" | grep -q -E "247[.,]36"'
	check "1 $l: and the due date" eval 'printf "%s" "$said" | grep -q -E "21\.? ${JAN[$l]} 2027"'
	check "1 $l: nothing is cut" eval '! printf "%s" "$said" | grep -q "…"'
	keys g t l
	lit '~T'
	keys Enter
	wait_line "7 $l: one tagged message: '${ONE[$l]}'" $TITLE_ROW "$(re_quote "${ONE[$l]}")"
	tui_quit
done

# --- 14: the first line names the screen ------------------------------------------
tui_start -s 80x24
wait_loaded
wait_line "14 index: line 1 names the folder and its counts" $TITLE_ROW \
    '^eBox: Inbox, [0-9]+ messages, [0-9]+ unread'
wait_line "1/14 the key hints on line 2 show ? at 80 columns" $HINTS_ROW '\?:Help'
keys '?'
wait_line "14 help: line 1 says whose keys" $TITLE_ROW '^Help: the keys of the Messages screen'
# 1: help descriptions wrap instead of being cut.
: > "$T/help80"
collect_help "$T/help80"
check "1 help: 'sort by date, sender, subject, expiry or due date' is whole" \
    eval 'tr "\n" " " < "$T/help80" | tr -s " " | grep -q "expiry or due date"'
check "1 help: no description is cut (no …)" eval '! grep -q "…" "$T/help80"'
keys q
keys M
wait_line "14 log: line 1 says it is the log" $TITLE_ROW '^Message log: [0-9]+ messages?'
keys q

# --- 1: the one-sentence summary at 80 columns, whole --------------------------------
select_by "$TAX_SUBJ" "Tax assess"
keys i
wait_for "1 i: the summary is on screen" "$E2E_TIMEOUT" message_has 'Tax assessment'
summary=$(message_line)
check "1 i: it keeps the amount at 80 columns ($summary)" eval 'printf "%s" "$summary" | grep -q -E "[0-9][.,][0-9]{2}"'
check "1 i: and the due date" eval 'printf "%s" "$summary" | grep -q -E "by [0-9]+ [A-Z][a-z]+|was due"'
keys M
wait_for "1 the log has the summary whole" "$E2E_TIMEOUT" eval 'screen | tr "\n" " " | tr -s " " | grep -q -F "$(printf "%s" "$summary" | cut -c1-30)"' &&
    pass "1 the log has the summary whole"
keys q

# --- 13: L shows another language and says which, by name ------------------------------
flat() { screen | tr '\n' ' ' | tr -s ' '; }
select_by "Confirmation de votre rendez-vous" "Confirmati"
keys Enter
wait_line "the message opens" $TITLE_ROW '^Message [0-9]+ of'
wait_for "13 the subject says its language by name" "$E2E_TIMEOUT" \
    eval 'flat | grep -q "Subject: .*\[French\]"' && pass "13 the subject says its language by name"
keys L
wait_for "13 L: another language, and the marker stays" "$E2E_TIMEOUT" \
    eval 'flat | grep -q -E "Subject: .*\[(Dutch|German|English)\]"' && pass "13 L: another language, and the marker stays"
check "13 L says the language's name, not its code" message_has 'Showing the message in (Dutch|German|English|French)\.'
keys q

# --- 4: a search that finds nothing leaves the selection ------------------------------
# From the third row: typing "relev" on the way finds a "Relevé" below.
keys g j j
wait_line "the third message is selected" $((BODY_ROW + 2)) '│>'
# Which row, which message (the flags and counts may change meanwhile:
# the message opened above is being marked read).
sel_key() { echo "$(sel_row):$(sel_line | sed 's/^[^│]*│//' | cut -c9-)"; }
before=$(sel_key)
keys /
lit relevqqq
keys Enter
wait_message "4 / relevqqq: not found" "Not found: relevqqq"
after=$(sel_key)
check "4 the selection did not move ($after)" [ "$after" = "$before" ]

# --- 5: a limit after G shows all its rows ---------------------------------------------
keys t j t j t
keys G
keys l
lit '~T'
keys Enter
wait_status "5 l ~T limits to the 3 tagged messages" 'limit: ~T'
rows=$(screen | sed -n "$((BODY_ROW + 1)),$((BODY_ROW + 3))p" | grep -c '│[> ]\*')
check "5 the three tagged messages are all on screen ($rows of 3)" [ "$rows" = 3 ]
keys l C-u
lit all
keys Enter
wait_status "back to every message" '^demo \| Inbox \| [0-9]+ messages'

# --- 12: ; then Esc ----------------------------------------------------------------------
keys '\;'
wait_message "; waits for an action" 'tagged messages'
keys Escape
wait_message "12 Esc cancels the pending ;" '^Cancelled'
keys d
wait_message "12 d after it hides the selected message only" 'Hid 1 message'
keys u
wait_message "u undoes it" 'Unhid 1 message'
tui_quit

# --- 2: accessible mode: the undo hint at once, prompt feedback on the prompt --------------
tui_start --accessible
wait_loaded
keys g d
wait_message "2 d: the undo hint comes at once (status_min_seconds is 30)" \
    'Hid 1 message\. Press u to undo' "$E2E_TIMEOUT"
keys u
wait_message "2 u: the undo comes at once too" 'Unhid 1 message'
# A registered message asks before opening; a wrong key is answered on
# the prompt line itself.
select_by "Envoi recommandé"
keys Enter
wait_message "the registered message asks first" 'proof of reading'
keys x
wait_message "2 a wrong key: the hint is on the prompt line" 'Please answer y or n'
keys n
wait_for "2 the hint went with the prompt" "$E2E_TIMEOUT" eval '! message_line | grep -q "Please answer"' &&
    pass "2 the hint went with the prompt"
keys q
tui_quit

# --- 2: several saves say one line, and nothing stale later ---------------------------
tui_start
wait_loaded
keys g t j t
keys '\;' s
wait_message "; s asks where to save" 'Save into folder:|Registered mail'
if message_has 'Registered mail'; then keys y; fi
keys Enter
wait_message "2 ;s: one line for the batch" 'Documents saved: 2 of 2\.' "$E2E_NET_TIMEOUT"
sleep 4         # the stale "Fetching ..." used to come back every 3 s
check "2 nothing older comes back after it" message_has 'Documents saved: 2 of 2'

# --- 16: the cursor shows while a prompt is typed in normal mode ------------------------
c=$(cursor)
check "16 normal mode: the cursor shows on the list too ($c)" [ "${c##*,}" = 1 ]
keys /
wait_message "/ opens the search prompt" '^Search:'
c=$(cursor)
check "16 normal mode: the cursor shows in the prompt ($c)" [ "${c##*,}" = 1 ]
keys Escape

# --- 11: Save to: a new folder, ending in / -----------------------------------------------
select_by "Tax assessment notice" "Tax assess"
keys s
wait_message "s asks where to save" '^Save to:'
keys C-u
lit "$T/new/folder/"
keys Enter
wait_for "11 the document lands inside the new folder" "$E2E_NET_TIMEOUT" \
    eval '[ -n "$(find "$T/new/folder" -type f ! -name "*.part" 2>/dev/null)" ]' &&
    pass "11 the document lands inside the new folder"
check "11 no file named like the folder" [ ! -f "$T/new/folder" ]
check "11 the message shows no //" not message_has '//'

# --- 12: q from a document read as text goes back to the documents --------------------------
keys v
wait_for "v lists the documents" "$E2E_TIMEOUT" screen_has '^>1\. '
keys Enter
wait_line "the document as text: line 1 says so" $TITLE_ROW '^Document as text' "$E2E_NET_TIMEOUT"
keys q
wait_for "12 q goes back to the documents list" "$E2E_TIMEOUT" screen_has '^>1\. ' &&
    pass "12 q goes back to the documents list"
keys q
tui_quit

# --- 3: an encrypted key: the passphrase, asked before the inbox ------------------------
# In French: Enter confirms, a wrong one is said wrong and asked again,
# the right one opens the inbox; Esc gives up with a sentence.
printf 'account demo\nset key_file "%s"\n' "$T/prov/demo-key-enc.pem" > "$T/enc.conf"
CFG_PLAIN=$CFG
printf 'source "%s"\nsource "%s"\n' "$CFG" "$T/enc.conf" > "$T/enc-all.conf"
CFG=$T/enc-all.conf
FR_ENV="LC_ALL=fr_BE.UTF-8 EBOX_TUI_LOCALEDIR=$EBOX_TUI_LOCALEDIR"
TUI_ENV=$FR_ENV tui_start
wait_screen "3 the passphrase is asked, in French" '^Phrase secrète de .*demo-key-enc\.pem'
lit not-the-passphrase
keys Enter
wait_screen "3 Enter confirms; a wrong one is said wrong, and asked again" 'phrase secrète est incorrecte'
c=$(cursor)
check "3 the cursor waits after the new prompt ($c)" eval '[ "${c##*,}" = 1 ] && [ "$(echo "$c" | cut -d, -f2)" -ge 1 ]'
lit demo-pass
keys Enter
wait_line "3 the right one opens the inbox, in French" $TITLE_ROW '^eBox : Boîte de réception' "$E2E_NET_TIMEOUT"
check "3 the passphrase never reached the screen" screen_lacks 'demo-pass|not-the-passphrase'
tui_quit
TUI_ENV=$FR_ENV tui_start
wait_screen "3 asked again at the next start" '^Phrase secrète de '
keys Escape
wait_for "3 Esc gives up: ebox-tui exits" "$E2E_TIMEOUT" test -s "$T/tui.rc" &&
    pass "3 Esc gives up: ebox-tui exits"
check "3 with a sentence that says why" grep -q "aucune phrase secrète" "$T/tui.err"
TUI_ENV=$FR_ENV tui_start
for try in 1 2 3; do
	wait_for "3 try $try: the prompt waits" "$E2E_TIMEOUT" eval '[ "$(screen | grep -c "Phrase secrète de ")" -ge $try ]' ||
	    break
	lit "wrong-$try"
	keys Enter
done
wait_for "3 three wrong ones: ebox-tui exits" "$E2E_TIMEOUT" test -s "$T/tui.rc" &&
    pass "3 three wrong ones: ebox-tui exits"
check "3 saying the passphrase is wrong" grep -q "est incorrecte" "$T/tui.err"
CFG=$CFG_PLAIN

# --- 10: nothing reachable, nothing kept: the index says why and what to do ----------------
provider_stop
XDG_DATA_HOME="$T/empty-store"
export XDG_DATA_HOME
tui_start
wait_for "10 an empty index says the mail could not be fetched" "$E2E_NET_TIMEOUT" \
    screen_has 'could not be fetched' && pass "10 an empty index says the mail could not be fetched"
check "10 and what to do" eval 'screen | tr "\n" " " | tr -s " " | grep -q "press R to try again"'
check "10 no 'No messages here.'" screen_lacks 'No messages here'
tui_quit

# --- 15: the Linux console ----------------------------------------------------------------
KEEP_STORE=1 provider_start --now "$(today_noon)"
tui_start
wait_loaded
tui_quit
TUI_TERM=linux TUI_ENV="LC_ALL=C LANG=C" tui_start
wait_loaded "15 LANG=C TERM=linux: the inbox loads"
tm pipe-pane -o -t "$TM_SESSION" "cat >> '$T/console.out'"
keys j j k
wait_for "15 j moves the selection" "$E2E_TIMEOUT" eval '[ "$(sel_row)" = $((BODY_ROW + 1)) ]' &&
    pass "15 j moves the selection"
check "15 LANG=C: only ASCII reaches the terminal" eval '! LC_ALL=C grep -q -P "[\x80-\xff]" "$T/console.out"'
check "15 LANG=C: Liège reads Liege" screen_has 'Liege'
tui_quit
TUI_TERM=linux TUI_ENV="LC_ALL=C.UTF-8" tui_start
wait_loaded
check "15 C.UTF-8 TERM=linux: no line-drawing characters" screen_lacks '│'
tui_quit
done_testing
