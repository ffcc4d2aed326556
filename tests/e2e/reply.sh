#!/bin/bash
# Replies in the inbox (issue 10, part 3): r on a message that allows it
# opens $EDITOR on the text, asks the subject (prefilled "Re: ..."), files
# with Tab completion, then shows a summary and asks; y publishes it once
# (the provider's record is the oracle) and the Sent folder lists it.
# Every step's screen: the cursor on what has focus, words not colour,
# in English and in French (--accessible).
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

published() { control GET published | "$PYTHON3" -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))'; }
# The editor: writes a letter into the file it is given, like a person.
cat > "$T/editor.sh" <<'ED'
#!/bin/sh
printf 'Dear Sir or Madam,\n\nPlease find my answer attached.\n\nRegards\n' > "$1"
ED
cat > "$T/empty-editor.sh" <<'ED'
#!/bin/sh
: > "$1"
ED
chmod +x "$T/editor.sh" "$T/empty-editor.sh"
mkdir -p "$T/files"
printf '%%PDF-1.4 my answer\n' > "$T/files/answer-letter.pdf"

provider_start --now "$(today_noon)"
ebox list --folder All --json
SUBJ=$(json '[m["subject"] for m in j["messages"] if m["replyAuthorized"] and not m["registered"]][0]')
ORIG=$(json "[m['messageId'] for m in j['messages'] if m['subject'] == '''$SUBJ'''][0]")
NOREPLY=$(json '[m["subject"] for m in j["messages"] if not m["replyAuthorized"] and not m["registered"]][0]')
check "the demo box has a message that allows replies" [ -n "$SUBJ" ]

TUI_ENV="VISUAL=$T/editor.sh EDITOR=$T/editor.sh" tui_start -s 100x30
wait_loaded
select_by "$NOREPLY" "${NOREPLY:0:20}"
keys r
wait_message "r on a message that allows no reply says so" 'does not accept replies'
select_by "$SUBJ" "${SUBJ:0:20}"
keys r
wait_message "r: after the editor, the subject is asked, prefilled" "Subject: Re: "
c=$(cursor)
check "the cursor is on the prompt line ($c)" eval '[ "${c##*,}" = 1 ] && [ "$(echo "$c" | cut -d, -f2)" -ge $((ROWS - 3)) ]'
keys Enter
wait_message "then the files, one at a time" 'Attach file 1 of at most 6'
lit "$T/files/ans"
keys Tab
wait_message "Tab completes the path" 'answer-letter\.pdf'
keys Enter
wait_message "the file is attached, the next one asked" 'Attach file 2 of at most 6'
keys Enter
wait_line "Enter alone: line 1 says it is the reply to check" $TITLE_ROW '^Reply: check it before sending'
wait_screen "the summary names the file" 'File 1: answer-letter\.pdf'
check "and the recipient" screen_has 'To: '
check "and the text" screen_has 'Please find my answer attached'
wait_message "and asks" 'Send this reply\? \(y/n\)'
c=$(cursor)
check "the cursor is on the question ($c)" eval '[ "${c##*,}" = 1 ] && [ "$(echo "$c" | cut -d, -f2)" -ge $((ROWS - 3)) ]'
check "nothing is sent before y" [ "$(published)" = 0 ]
keys y
wait_message "y: it is sent, and the eBox message id said" 'Reply sent \(eBox message id [0-9a-f-]+\)' "$E2E_NET_TIMEOUT"
check "the provider received one publication" [ "$(published)" = 1 ]
control GET published > "$T/pub.json"
check "it answers the message (originalMessageId)" eval '"$PYTHON3" -c "import json,sys; i=json.load(open(sys.argv[1]))[\"items\"][0]; sys.exit(i[\"originalMessageId\"] != sys.argv[2] or \"Please find my answer\" not in list(i[\"messageToPublish\"][\"bodyContent\"].values())[0] or i[\"files\"][0][\"fileName\"] != \"answer-letter.pdf\")" "$T/pub.json" "$ORIG"'
keys c
lit Sent
keys Enter
wait_screen "the Sent folder lists it, to its recipient" 'To: '
check "with the sent flag O" eval 'sel_line | grep -q -E "[│|]> +O +"'
keys Enter
wait_screen "the reply opens: To and Status" 'Status: +Sent '
keys q
keys r
wait_message "r on a reply that was sent: it is not sent again" 'sent already'
check "still one publication after r on it" [ "$(published)" = 1 ]
keys d
wait_message "d on a reply: not mail at the eBox, nothing hidden" 'not mail at the eBox'
# Checklist point 4 on the new rows: their flag is in the help legend.
keys '?'
: > "$T/help"
collect_help "$T/help"
check "the flags of Sent (O ~ F) are in the help legend" eval 'grep -q "^  O   " "$T/help" && grep -q "^  ~   " "$T/help" && grep -q "^  F   " "$T/help"'
check "and r (reply) is on the help screen" grep -q -E '(^| )r +reply' "$T/help"
keys q
wait_line "q leaves the help" $HINTS_ROW '^q:Quit' 
# Esc gives up: nothing sent.
keys c
lit Inbox
keys Enter
select_by "$SUBJ" "${SUBJ:0:20}"
keys r
wait_message "a second reply: the subject again" "Subject: Re: "
keys Escape
wait_message "Esc: nothing sent, and it says so" 'Nothing sent'
check "no second publication" [ "$(published)" = 1 ]
tui_quit

TUI_ENV="VISUAL=$T/empty-editor.sh EDITOR=$T/empty-editor.sh" tui_start -s 100x30
wait_loaded
select_by "$SUBJ" "${SUBJ:0:20}"
keys r
wait_message "an empty text: nothing sent, and why" 'empty'
check "still one publication" [ "$(published)" = 1 ]
tui_quit

# Quitting while a reply is in flight asks; the reply stays in Sent as
# not sent, and r on it later sends it once: the registry had recorded
# it (its answer never came), so the same key gives its first messageId.
provider_start --now "$(today_noon)" --publish-timeout-once
TUI_ENV="VISUAL=$T/editor.sh EDITOR=$T/editor.sh" tui_start -s 100x30
wait_loaded
select_by "$SUBJ" "${SUBJ:0:20}"
keys r
wait_message "held: the subject is asked" "Subject: Re: "
keys Enter
wait_message "held: the files question" 'Attach file 1'
keys Enter
wait_message "held: the question" 'Send this reply\?'
keys y
wait_message "held: it is being sent" 'Sending the reply'
keys q
wait_message "q while a reply is in flight asks first" 'A reply is being sent\. Quit anyway\?'
keys y
wait_for "and y quits" "$E2E_TIMEOUT" test -s "$T/tui.rc"
check "the registry recorded it once" [ "$(published)" = 1 ]
ebox --offline sent --json
check "it is kept, not sent" [ "$(json '[s["state"] for s in j["sent"]]')" = "['failed']" ]
tui_start -s 100x30
wait_loaded
keys c
lit Sent
keys Enter
wait_screen "Sent shows it as not sent (F)" '[│|]> +F +'
keys r
wait_message "r on it: send it again?" 'Send this reply again\?'
keys y
wait_message "sent, once" 'Reply sent \(eBox message id [0-9a-f-]+\)' "$E2E_NET_TIMEOUT"
check "still one publication, asked twice" eval '[ "$(control GET published | "$PYTHON3" -c "import json, sys; print([i[\"attempts\"] for i in json.load(sys.stdin)[\"items\"]])")" = "[2]" ]'
tui_quit

echo "set spell_flags yes" >> "$CFG"
# Checklist point 7 on the new screens: LANG=C on a Linux console gets
# ASCII only, the summary of a French subject included.
: > "$T/console"
TUI_TERM=linux TUI_ENV="LC_ALL=C LANG=C VISUAL=$T/editor.sh EDITOR=$T/editor.sh" tui_start -s 100x30
tm pipe-pane -o -t "$TM_SESSION" "cat >> '$T/console'"
wait_loaded
select_by "$SUBJ" "${SUBJ:0:12}"
keys r
wait_message "LANG=C: the subject question" "Subject: Re: "
keys Enter
wait_message "LANG=C: the files question" 'Attach file 1'
keys Enter
wait_line "LANG=C: the summary" $TITLE_ROW '^Reply: check it before sending'
wait_message "LANG=C: the question" 'Send this reply\?'
keys n
wait_message "LANG=C: n sends nothing" 'Nothing sent'
check "LANG=C TERM=linux: only ASCII reached the terminal" eval '! LC_ALL=C grep -q -P "[\x80-\xff]" "$T/console"'
tui_quit

ebox list --folder All --json
SUBJ_FR=$(json "[m['subjects'].get('fr') for m in j['messages'] if m['messageId'] == '$ORIG'][0]")
TUI_ENV="LC_ALL=fr_BE.UTF-8 EBOX_TUI_LOCALEDIR=$EBOX_TUI_LOCALEDIR VISUAL=$T/editor.sh EDITOR=$T/editor.sh" tui_start -s 100x30 --accessible
wait_for "fr: the inbox is loaded" "$E2E_NET_TIMEOUT" eval '[ -n "$(sel_line)" ]'
keys c
lit Sent
keys Enter
wait_screen "fr, spell_flags: the flag in words" 'réponse envoyée'
wait_screen "fr: to whom" 'À : '
keys c
lit Inbox
keys Enter
select_by "$SUBJ_FR" "${SUBJ_FR:0:20}"
keys r
wait_message "fr: the subject question in French" 'Objet : Re: '
keys Enter
wait_message "fr: the files question in French" 'Joindre le fichier 1'
keys Enter
wait_line "fr: the summary in French" $TITLE_ROW '^Réponse : vérifiez-la avant de l.envoyer'
wait_message "fr: the question in French" 'Envoyer cette réponse'
keys n
wait_message "fr: n, nothing sent" 'Rien n.a été envoyé'
check "n sends nothing" [ "$(published)" = 1 ]
tui_quit
done_testing
