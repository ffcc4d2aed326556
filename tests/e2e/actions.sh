#!/bin/bash
# What the inbox does to mail, checked on the server (curl) and on disk
# (openssl digests): save one document, save all, `;s` on two tagged
# messages, registered mail answered "no", hide then undo.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
SAVE="$T/saved"
mkdir -p "$SAVE"
read -r IN_TOTAL IN_UNREAD <<< "$(folder_counts Inbox)"

tui_start
wait_loaded

# --- s: save the main document ----------------------------------------------
find_msg "Remboursement d'impôt : confirmation"
ONE_ID=$M_ID ONE_DP=$M_DP
ONE_NAME=$(main_doc "$ONE_DP" "$ONE_ID")
select_by "Remboursement d'impôt" && pass "/ selects the tax refund"
keys s
wait_message "s asks where to save" '^Save (to|into folder):'
if message_line | grep -q -F -- "Save to: $SAVE/$ONE_NAME"; then
	pass "s proposes save_dir/NAME (Save to: \$SAVE/$ONE_NAME)"
else
	fail "s proposes save_dir/NAME (Save to: \$SAVE/$ONE_NAME; got '$(message_line)')"
fi
keys Enter
wait_file "s saves $ONE_NAME into save_dir" "$SAVE/$ONE_NAME"
wait_screen "the message line says the digest was verified" \
    "^Saved $(re_quote "$SAVE/$ONE_NAME") \(digest verified\)\."
digest_ok "the saved file has the announced SHA-256" "$ONE_DP" "$ONE_ID" "$SAVE/$ONE_NAME"
check "no .part file is left" [ -z "$(find "$SAVE" -name '*.part')" ]

# --- S: save every document ----------------------------------------------------
find_msg "Estimation de votre pension"
ALL_ID=$M_ID ALL_DP=$M_DP
select_by "pension estimate" && pass "/ selects the pension estimate"
keys S
wait_message "S asks for a folder, save_dir proposed" \
    "^Save into folder: $(re_quote "$SAVE")\$"
keys Enter
announced_digests "$ALL_DP" "$ALL_ID" > "$T/all.digests"
check "the pension estimate has 3 documents" [ "$(wc -l < "$T/all.digests")" = 3 ]
while read -r name _; do
	wait_file "S saves $name" "$SAVE/$name" &&
	    digest_ok "$name has the announced SHA-256" "$ALL_DP" "$ALL_ID" "$SAVE/$name"
done < "$T/all.digests"
wait_message "S: one line counts the documents saved" \
    '^Documents saved: 3 of 3\.'
keys M
wait_line "M opens the message log" $HINTS_ROW '^q:Back'
n_verified=$(screen | grep -c '^[0-9:]\{8\} Saved .*(digest verified)\.')
check "the log has one 'digest verified' per document (4 so far, got $n_verified)" [ "$n_verified" = 4 ]
keys q
wait_line "q leaves the log" $HINTS_ROW '^q:Quit'

# S into a folder that does not exist yet: it is created, the sender's
# file names are kept.
find_msg "Dossier médical"
NEW_ID=$M_ID NEW_DP=$M_DP
select_by "Dossier médical" && pass "/ selects the medical file (2 documents)"
keys S
wait_message "S asks for a folder" '^Save into folder:'
keys C-u
lit "$T/new/sub"
keys Enter
while read -r name _; do
	wait_file "S into a new folder creates it and saves $name there" "$T/new/sub/$name" &&
	    digest_ok "$name has the announced SHA-256" "$NEW_DP" "$NEW_ID" "$T/new/sub/$name"
done < <(announced_digests "$NEW_DP" "$NEW_ID")

# --- t t ; s: save the tagged messages ------------------------------------------
keys g
wait_line "g selects the first message" $BODY_ROW '│>'
list_json
T1_ID=$(json 'j["messages"][0]["messageId"]')
T1_DP=$(dp_path "$(json 'j["messages"][0]["provider"]')")
T2_ID=$(json 'j["messages"][3]["messageId"]')
T2_DP=$(dp_path "$(json 'j["messages"][3]["provider"]')")
check "oracle: rows 1 and 4 are not registered mail" \
    [ "$(json '[j["messages"][i]["registered"] for i in (0, 3)] == [False, False]')" = true ]
T1_NAME=$(main_doc "$T1_DP" "$T1_ID")
T2_NAME=$(main_doc "$T2_DP" "$T2_ID")
keys t
wait_line "t tags the first message (* in the 2nd column)" $BODY_ROW '│.\*'
keys j j t
wait_line "t tags the fourth message" $((BODY_ROW + 3)) '│.\*'
check "exactly two rows are tagged" [ "$(screen | grep -c '│.\*')" = 2 ]
keys '\;'
wait_message "; asks what to apply to the tagged messages" '^Apply to the tagged messages'
keys s
wait_message "; s asks for a folder" '^Save into folder:'
keys Enter
wait_file "; s saves the first tagged message ($T1_NAME)" "$SAVE/$T1_NAME" &&
    digest_ok "$T1_NAME has the announced SHA-256" "$T1_DP" "$T1_ID" "$SAVE/$T1_NAME"
wait_file "; s saves the second tagged message ($T2_NAME)" "$SAVE/$T2_NAME" &&
    digest_ok "$T2_NAME has the announced SHA-256" "$T2_DP" "$T2_ID" "$SAVE/$T2_NAME"

# --- registered mail: "no" leaves it unread --------------------------------------
REG_ID=b714e95f-156f-5b05-bb1f-ea476907d413
check "oracle: the registered mail is unread on the server" \
    [ "$(raw_flag nsso "$REG_ID" readStatus)" = false ]
select_by "allocations de chômage temporaire" "Envoi recommandé : décision" &&
    pass "/ selects the registered mail"
keys Enter
wait_message "opening registered mail asks first" \
    'proof of reading.*Open it\? \(y/n\)'
keys n
wait_line "n shows the details only" $HINTS_ROW '^q:Back'
wait_screen "n: the message line says it stays unread" 'stays unread'
check "n: the content was not fetched (no document text)" screen_lacks '^Main document, as text:'
keys q
wait_line "q goes back to the index" $HINTS_ROW '^q:Quit'
check "n: the registered mail is still unread on the server" \
    [ "$(raw_flag nsso "$REG_ID" readStatus)" = false ]
check "n: the index still flags it unread" sel_has 'NR'
REG_NAME=$(main_doc nsso "$REG_ID")
keys s
wait_message "s on registered mail asks first" 'proof of reading'
check "the question shows its (y/n) answers at 100 columns" message_has '\(y/n\)'
keys n
wait_message "n: nothing saved" '^Nothing saved'
check "n: no file for the registered mail" [ ! -e "$SAVE/$REG_NAME" ]
check "n: still unread on the server after s/n" \
    [ "$(raw_flag nsso "$REG_ID" readStatus)" = false ]

# --- hide, then undo -------------------------------------------------------------
find_msg "Message de test"
HIDE_ID=$M_ID HIDE_DP=$M_DP
select_by "Message de test" "Test message" && pass "/ selects the test message"
keys d
wait_message "d hides it (message line)" '^Hid 1 message\. Press u to undo\.'
wait_status "d: the Inbox has one message less" \
    "^demo \| Inbox \| $((IN_TOTAL - 1)) messages"
check "d: hidden on the server" [ "$(raw_flag "$HIDE_DP" "$HIDE_ID" visible)" = false ]
check "d: no longer selected" eval '! sel_has "Test message"'
keys u
wait_message "u unhides it (message line)" '^Unhid 1 message\.'
wait_status "u: the Inbox count is back" "^demo \| Inbox \| $IN_TOTAL messages"
check "u: visible again on the server" [ "$(raw_flag "$HIDE_DP" "$HIDE_ID" visible)" = true ]
keys g
keys /
lit "Message de test"
keys Enter
wait_for "u: the message is back in the Inbox" "$E2E_TIMEOUT" sel_has "Test message" &&
    pass "u: the message is back in the Inbox"

tui_quit
done_testing
