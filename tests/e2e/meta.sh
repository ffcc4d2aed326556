#!/bin/bash
# Meta-test: the key tables, the help screen, the manual and the layering
# agree.
#  - every operation of src/ui/ui-ops.c's table is on a help screen (the
#    help of the index, the sidebar, the pager and the documents view,
#    paged through with <PageDown> in tmux) and in doc/ebox-tui.1's KEYS
#    section;
#  - every default binding of src/ui/ui-keys.c is listed on the help
#    screen of its view ("generic": on some screen);
#  - no file under src/ or include/ outside src/ui/ includes curses.
# Runs without tmux too: the help screen checks are then skipped.
: "${srcdir:=.}"
E2E_TMUX_OPTIONAL=1
. "$srcdir/tests/e2e/lib.sh" || exit 99

OPS_C="$srcdir/src/ui/ui-ops.c"
KEYS_C="$srcdir/src/ui/ui-keys.c"
MAN="$srcdir/doc/ebox-tui.1"

# --- the operations, from the table itself ---------------------------------
sed -n '/^const struct ui_op ui_ops\[\] = {/,/^};/p' "$OPS_C" |
    grep -o '{ "[a-z][a-z-]*"' | sed 's/^{ "//; s/"$//' > "$T/ops"
n_ops=$(wc -l < "$T/ops")
check "the operations table of ui-ops.c parses ($n_ops operations)" [ "$n_ops" -ge 30 ]

# --- the manual's KEYS section ---------------------------------------------------
sed -n '/^\.SH KEYS/,/^\.SH /p' "$MAN" > "$T/man.keys"
check "doc/ebox-tui.1 has a KEYS section" [ -s "$T/man.keys" ]
missing=
while read -r op; do
	grep -q -x "\.B $op" "$T/man.keys" || missing="$missing $op"
done < "$T/ops"
if [ -z "$missing" ]; then
	pass "every operation is in doc/ebox-tui.1's KEYS section (.B NAME)"
else
	fail "operations missing from doc/ebox-tui.1's KEYS section:$missing"
fi
# And the other way round: the manual names no operation that is gone.
# (entries are ".TP" then ".B NAME"; bind and macro in the prose are not)
extra=$(awk 'prev == ".TP" && $1 == ".B" && NF == 2 { print $2 } { prev = $0 }' \
    "$T/man.keys" | grep -v -x -F -f "$T/ops" | tr '\n' ' ')
check "the KEYS section names no unknown operation${extra:+ ($extra)}" [ -z "$extra" ]

# --- curses stays in src/ui/ --------------------------------------------------------
CURSES_RE='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"][^>"]*curses[^>"]*[>"]'
bad=$(cd "$srcdir" && grep -r -l -E --include='*.[ch]' "$CURSES_RE" src include |
    grep -v '^src/ui/' | tr '\n' ' ')
check "no file outside src/ui/ includes curses${bad:+ (found: $bad)}" [ -z "$bad" ]
ui_files=$(cd "$srcdir" && grep -r -l -E --include='*.[ch]' "$CURSES_RE" src/ui | wc -l)
check "the include pattern does find curses in src/ui/ ($ui_files files)" [ "$ui_files" -gt 0 ]

# --- the default bindings --------------------------------------------------------------
sed -n '/ui_default_bindings\[\] = {/,/^};/p' "$KEYS_C" |
    sed -n 's/^[[:space:]]*"\(bind [^"]*\)",.*/\1/p' > "$T/bindings"
n_bind=$(wc -l < "$T/bindings")
check "the default bindings of ui-keys.c parse ($n_bind bindings)" [ "$n_bind" -ge 40 ]

if [ "$HAVE_TMUX" = 0 ]; then
	echo "ok - # SKIP the help screen checks: tmux is not installed"
	done_testing
fi

# --- the help screens, collected in tmux ---------------------------------------------
provider_start --now "$(today_noon)"
tui_start
wait_loaded
wait_line "the first message is selected" $BODY_ROW '│>'

: > "$T/help.index"; : > "$T/help.sidebar"; : > "$T/help.pager"; : > "$T/help.attach"
keys '?'
collect_help "$T/help.index" && check "? from the index shows its keys" \
    grep -q '^Keys of the Messages screen:' "$T/help.index"
keys q
wait_line "q leaves the help screen" $HINTS_ROW '^q:Quit'

keys Tab
wait_line "Tab focuses the sidebar" $HINTS_ROW '^<Enter>:Open folder'
keys '?'
collect_help "$T/help.sidebar" && check "? from the sidebar shows its keys" \
    grep -q '^Keys of the Folders screen:' "$T/help.sidebar"
keys q
wait_line "q goes back to the sidebar" $HINTS_ROW '^<Enter>:Open folder'
keys Tab
wait_line "Tab gives the index the focus" $HINTS_ROW '^q:Quit'

select_by "Remboursement d'impôt" && pass "/ selects a message that is not registered"
keys Enter
wait_line "Enter opens the pager" $HINTS_ROW '^q:Back'
keys '?'
collect_help "$T/help.pager" && check "? from the pager shows its keys" \
    grep -q '^Keys of the Message screen:' "$T/help.pager"
keys q
wait_line "q goes back to the pager" $HINTS_ROW '^q:Back  <PageDown>'
keys v
wait_line "v opens the documents view" $HINTS_ROW '^q:Back  <Enter>:Read'
keys '?'
collect_help "$T/help.attach" && check "? from the documents view shows its keys" \
    grep -q '^Keys of the .* screen:' "$T/help.attach"
keys q
wait_line "q goes back to the documents view" $HINTS_ROW '^q:Back  <Enter>:Read'
tui_stop

# check_help: every operation on some help screen; every binding on the
# help screen of its view.
"$PYTHON3" - "$T" <<'PY' > "$T/help.result"
import sys
t = sys.argv[1]
ops = [l.strip() for l in open(t + "/ops") if l.strip()]
screens = {}
for view in ("index", "sidebar", "pager", "attach"):
    rows = set()
    for line in open(t + "/help." + view, encoding="utf-8"):
        tok = line.split()
        for i, w in enumerate(tok):
            if w in ops:
                for k in tok[:i]:
                    rows.add((k, w))
                rows.add((None, w))
                break
    screens[view] = rows
for op in ops:
    if not any((None, op) in s for s in screens.values()):
        print("op-missing", op)
for b in open(t + "/bindings"):
    _, view, key, op = b.split()
    views = screens.keys() if view == "generic" else [view]
    if not any((key, op) in screens.get(v, ()) for v in views):
        print("binding-missing", view, key, op)
PY
missing_ops=$(sed -n 's/^op-missing //p' "$T/help.result" | tr '\n' ' ')
check "every operation is on a help screen${missing_ops:+ (missing: $missing_ops)}" \
    [ -z "$missing_ops" ]
missing_b=$(sed -n 's/^binding-missing //p' "$T/help.result" | tr '\n' ';')
check "every default binding is on its view's help screen${missing_b:+ (missing: $missing_b)}" \
    [ -z "$missing_b" ]
done_testing
