#!/bin/bash
# The inbox in French, Dutch and German: the main screen, the help screen
# and a message view show no English UI string (checked against the
# catalogue: no English msgid whose translation differs may appear), and
# the demo subjects appear in that language.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
mkdir -p "$T/saved"
list_json
NEWEST_ID=$(json 'j["messages"][0]["messageId"]')

# english_fragments LANG: the English UI phrases of the catalogue that the
# language translates differently (literal pieces of 12+ characters
# between format directives), one per line.
english_fragments() {
	"$PYTHON3" - "$srcdir/po/$1.po" <<'PY'
import ast, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for block in text.split("\n\n"):
    m = re.search(r'^msgid ((?:".*"\n?)+)(?:msgid_plural (?:".*"\n?)+)?msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
    if not m:
        continue
    mid = "".join(ast.literal_eval(x) for x in m.group(1).split("\n") if x)
    mstr = "".join(ast.literal_eval(x) for x in m.group(2).split("\n") if x)
    if not mid or mid == mstr:
        continue
    for piece in re.split(r"%[-0-9.*]*[a-z]+|\n", mid):
        piece = piece.strip()
        if len(piece) >= 12 and piece not in mstr:
            print(piece)
PY
}

# no_english DESC FILE LANG: FILE holds none of LANG's English fragments.
no_english() {
	local hits
	hits=$(grep -F -f "$T/en-$3" "$2" | head -3)
	if [ -z "$hits" ]; then pass "$1"; else fail "$1: English on screen: $hits"; fi
}

for loc in fr_BE nl_BE de_BE; do
	l=${loc%_BE}
	if ! locale -a 2>/dev/null | grep -qi "^$loc.utf-\?8$"; then
		fail "locale $loc.UTF-8 is not installed (./quickstart generates it)"
		continue
	fi
	english_fragments "$l" > "$T/en-$l"
	check "$l: the catalogue yields English fragments to look for" [ -s "$T/en-$l" ]
	ebox list --json
	SUBJ=$(json "j['messages'][0]['subjects'].get('$l') or ''")

	TUI_ENV="LC_ALL=$loc.UTF-8 EBOX_TUI_LOCALEDIR=$EBOX_TUI_LOCALEDIR" tui_start
	wait_for "$l: the mail is loaded" "$E2E_NET_TIMEOUT" screen_has \
	    "$(re_quote "${SUBJ:0:20}")"
	screen > "$T/main-$l"
	no_english "$l: the main screen shows no English UI string" "$T/main-$l" "$l"
	check "$l: the newest subject is shown in $l" grep -qF "${SUBJ:0:20}" "$T/main-$l"
	keys '?'
	: > "$T/help-$l"
	for i in 1 2 3 4 5 6; do
		screen >> "$T/help-$l"
		keys PageDown
	done
	check "$l: the help screen opened" [ "$(wc -l < "$T/help-$l")" -gt 20 ]
	no_english "$l: the help screen shows no English UI string" "$T/help-$l" "$l"
	keys q g Enter
	wait_for "$l: a message opens" "$E2E_TIMEOUT" eval '[ "$(row $BODY_ROW | cut -c1-3)" != "$(sed -n "$((BODY_ROW + 1))p" "$T/main-$l" | cut -c1-3)" ]'
	screen > "$T/pager-$l"
	no_english "$l: the message view shows no English UI string" "$T/pager-$l" "$l"
	check "$l: the message view shows the subject in $l" grep -qF "${SUBJ:0:20}" "$T/pager-$l"
	tui_stop
done
done_testing
