#!/bin/bash
# The loop never waits for a child: while a converter that takes five
# seconds turns the main document into text, j still moves the selection
# (the converter is a fake pdftotext on PATH that leaves marker files).
# No clock is read: the check is that the key was handled while the
# converter was still running.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
mkdir -p "$T/bin"
cat > "$T/bin/pdftotext" <<SH
#!/bin/sh
: > "$T/converter-started"
sleep 5
echo "converted by the slow fake"
: > "$T/converter-done"
SH
chmod +x "$T/bin/pdftotext"

find_msg "Remboursement d'impôt : confirmation"
TUI_ENV="PATH=$T/bin:$PATH" tui_start
wait_loaded
select_by "Remboursement d'impôt" && pass "/ selects a message with a PDF"
keys Enter
wait_for "the document downloads and the converter starts" \
    "$E2E_NET_TIMEOUT" test -e "$T/converter-started" &&
    pass "the slow converter runs"
keys q
wait_for "q leaves the message at once" "$E2E_TIMEOUT" eval '[ -n "$(sel_line)" ]'
before=$(sel_row)
keys j
wait_for "j moves the selection" "$E2E_TIMEOUT" eval '[ "$(sel_row)" != "$before" ]'
if [ -e "$T/converter-done" ]; then
	fail "j was handled while the converter still ran (it had finished)"
else
	pass "j was handled while the converter still ran"
fi
# The conversion of a message left behind is dropped; nothing breaks.
wait_for "the converter ends" 30 test -e "$T/converter-done"
keys k
wait_for "k moves back" "$E2E_TIMEOUT" eval '[ "$(sel_row)" = "$before" ]'
keys Enter
wait_screen "opened again, the document is shown as text" \
    'converted by the slow fake' 30
keys q
wait_for "q goes back to the index" "$E2E_TIMEOUT" eval '[ -n "$(sel_line)" ]'
tui_quit
done_testing
