#!/bin/bash
# The security review's findings that live in the inbox:
#  1  "Save to:" never proposes a path built from the sender's file name;
#  8  a main document that does not match its digest is not shown;
#  13 a graphical viewer's copy is still there when the viewer reads it.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

# The inbox's private directories go to a TMPDIR of this test's own, so
# that the last check sees only them (not another ebox-tui's).
mkdir -p "$T/tmp"
export TMPDIR="$T/tmp"
provider_start --now "$(today_noon)" --hostile
# save_dir two levels down, so that ../../x would land in $T, where this
# test alone writes (the directory above $T is shared with others).
SAVE="$T/in/saved"
mkdir -p "$SAVE"
echo "set save_dir \"$SAVE\"" >> "$CFG"

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
wait_message "s asks where to save" '^Save to:'
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
check "nothing was written next to the test directory" [ ! -e "$T/x" -a ! -e "$T/in/x" ]
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
# --- 3: media types with shell syntax, through templates that reparse --------------
provider_start --now "$(today_noon)" --hostile
rm -f /tmp/ebox-pwned
cat > "$T/mailcap" <<'MC'
text/html; sh -ec "cat %s\; echo %{charset} %{name}"; copiousoutput
text/*; bash -lc 'cat %s # %t'; copiousoutput
application/pdf; sh -ec 'echo pdf %t %{x}'; copiousoutput
MC
TUI_ENV="MAILCAPS=$T/mailcap" tui_start
wait_loaded
for i in 1 2 3 4 5; do
	select_by "Types de médias piégés" > /dev/null
	keys v
	wait_screen "v lists the documents with hostile media types" '^>1\. ' > /dev/null
	for j in $(seq 2 $i); do keys j; done
	wait_for "document $i is selected" "$E2E_TIMEOUT" screen_has "^>$i\\. " > /dev/null
	keys Enter
	# Read as text, or refused with a sentence: either way the loop
	# comes back to it; the message line says which.
	wait_for "document $i: read as text, or refused" "$E2E_NET_TIMEOUT" \
	    screen_has 'cannot be used safely|^<html|Plain text served|^Media type test|no way to show' &&
	    pass "document $i: read as text, or refused"
	keys q
	wait_for "back to a list ($i)" "$E2E_TIMEOUT" eval 'screen_has "^>" || [ -n "$(sel_line)" ]' > /dev/null
	screen_has '^>[0-9]\. ' && keys q
	wait_for "back to the index ($i)" "$E2E_TIMEOUT" eval '[ -n "$(sel_line)" ]' > /dev/null
done
check "no media type ran as a command (/tmp/ebox-pwned absent)" [ ! -e /tmp/ebox-pwned ]
keys q q
tui_quit

check "the private copies are gone once ebox-tui quit" [ -z "$(find "$T/tmp" -maxdepth 1 -name 'ebox-tui-*' 2>/dev/null)" ]
done_testing
