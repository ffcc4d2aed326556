#!/bin/bash
# Golden screens at 80x24: the main screen, the pager of a plain message,
# the help screen, the documents view and the registered-mail question,
# compared with tests/e2e/golden/*.txt on every run.  GENERATE=1 rewrites
# the goldens (review the diff before committing them).
#
# The provider's "now" is pinned to noon today (see today_noon in lib.sh)
# and what still depends on the day is masked before comparing: dates,
# times, years, "in N days".
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

GOLDEN="$srcdir/tests/e2e/golden"
: "${GENERATE:=}"

# mask: the screen with what depends on the day replaced, same widths.
mask() {
	sed -E \
	    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}/YYYY-MM-DD/g' \
	    -e 's#[0-9]{2}/[0-9]{2}/[0-9]{4}#DD/MM/YYYY#g' \
	    -e 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/HH:MM:SS/g' \
	    -e 's/[0-9]{2}:[0-9]{2}/HH:MM/g' \
	    -e 's/\(in [0-9]+ days?\)/(in N days)/g' \
	    -e 's/[0-9]+ days? ago/N days ago/g' \
	    -e 's/20[0-9]{6}/YYYYMMDD/g' \
	    -e 's/\b20[0-9]{2}\b/YYYY/g'
}

# golden NAME DESC: compares the masked screen with golden/NAME.txt.
golden() {
	local want="$GOLDEN/$1.txt" got="$T/$1.txt"
	screen | mask > "$got"
	if [ -n "$GENERATE" ]; then
		mkdir -p "$GOLDEN"
		cp "$got" "$want"
		pass "$2: golden/$1.txt written"
	elif [ ! -f "$want" ]; then
		fail "$2: golden/$1.txt is missing (run with GENERATE=1)"
	elif diff -u "$want" "$got" > "$T/$1.diff"; then
		pass "$2 matches golden/$1.txt"
	else
		fail "$2 differs from golden/$1.txt:"
		sed 's/^/  /' "$T/$1.diff"
	fi
}

provider_start --now "$(today_noon)"
mkdir -p "$T/saved"
tui_start -s 80x24
wait_loaded
wait_line "the first message is selected" $BODY_ROW '│>' && golden main "the main screen"

keys '?'
wait_line "? opens the help screen" $BODY_ROW '^Keys of the Messages screen:' &&
    golden help "the help screen"
keys q
wait_line "q leaves the help screen" $HINTS_ROW '^q:Quit'

select_by "Remboursement d'impôt" "Remboursem…  FPS Finance" && pass "/ selects the tax refund"
keys Enter
wait_screen "the pager shows the document as text" '^Main document, as text:' &&
    wait_for "the document text arrives" "$E2E_NET_TIMEOUT" screen_has '^Service public fédéral Finances' &&
    golden pager "the pager of a plain message"
keys q
wait_line "q leaves the pager" $HINTS_ROW '^q:Quit'

select_by "pension estimate" "Your pensi…  FPS " && pass "/ selects the pension estimate"
keys v
wait_screen "v lists the documents" '^>1\. main' && golden documents "the documents view"
keys q
wait_line "q leaves the documents view" $HINTS_ROW '^q:Quit'

select_by "allocations de chômage temporaire" "NRr     " && pass "/ selects the registered mail"
keys Enter
wait_message "Enter on registered mail asks first" '^Registered mail: .*proof of reading.*(y/n)' &&
    golden registered "the registered-mail question"
keys C-g
wait_for "^G cancels the question" "$E2E_TIMEOUT" eval '! message_has "registered mail"' &&
    pass "^G cancels the question"
check "^G leaves the index on screen" line_has $HINTS_ROW '^q:Quit'

tui_quit
done_testing
