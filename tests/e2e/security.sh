#!/bin/bash
# The security review's findings that live in the inbox:
#  1  "Save to:" never proposes a path built from the sender's file name;
#  8  a main document that does not match its digest is not shown;
#  13 a graphical viewer's copy is still there when the viewer reads it.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)" --hostile
SAVE="$T/saved"
mkdir -p "$SAVE"

# --- 1: ../../x as a document name -----------------------------------------
find_msg "Avis important"
tui_start
wait_loaded
select_by "Avis important" && pass "/ selects the message with hostile names"
keys v
wait_screen "v lists its documents" '^>1\. '
keys j
wait_screen "the second document is ../../x" '^>2\. .*\.\./\.\./x'
keys s
wait_line "s asks where to save" $((ROWS - 1)) '^Save to:'
prompt=$(message_line)
case $prompt in
*../*) fail "the proposed path holds ../ ($prompt)" ;;
*"Save to: $SAVE/"*) pass "the proposed path is save_dir/ and a clean name ($prompt)" ;;
*) fail "the proposed path starts with save_dir ($prompt)" ;;
esac
keys Enter
wait_for "the document is saved inside save_dir" "$E2E_NET_TIMEOUT" \
    eval '[ -n "$(find "$SAVE" -type f ! -name "*.part")" ]' &&
    pass "the document is saved inside save_dir"
check "nothing was written next to the test directory" [ ! -e "$T/x" ] && [ ! -e "$(dirname "$T")/x" ]
check "every saved file sits directly in save_dir" [ -z "$(find "$SAVE" -mindepth 2)" ]
keys q
tui_quit

# --- 8: the main document does not match its digest ----------------------------
provider_start --now "$(today_noon)"
find_msg "Remboursement d'impôt : confirmation"
BAD=$M_ID
provider_start --now "$(today_noon)" --digest-mismatch "$BAD"
tui_start
wait_loaded
select_by "Remboursement d'impôt" && pass "/ selects the message whose document is damaged"
keys Enter
wait_screen "the pager says the document does not match its digest" \
    'does not match the digest' "$E2E_NET_TIMEOUT"
check "the damaged document is not shown as text" screen_lacks '^Main document, as text'
keys q
wait_for "q goes back to the index" "$E2E_TIMEOUT" eval '[ -n "$(sel_line)" ]'
tui_quit

# --- 13: a viewer that opens its file a moment after it started -------------------
provider_start --now "$(today_noon)"
cat > "$T/mailcap" <<MC
application/pdf; sh -c 'sleep 1\; cp %s $T/viewed.pdf'
MC
TUI_ENV="MAILCAPS=$T/mailcap" tui_start
wait_loaded
select_by "Remboursement d'impôt" && pass "/ selects a message"
keys v
wait_screen "v lists its documents" '^>1\. '
keys o
wait_for "the viewer got its copy, a second after it started" \
    "$E2E_NET_TIMEOUT" test -s "$T/viewed.pdf" && pass "the viewer's copy outlived its start"
keys q
tui_quit
check "the private copies are gone once ebox-tui quit" [ -z "$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'ebox-tui-*' -user "$(id -u)" -newer "$T/mailcap" 2>/dev/null)" ]
done_testing
