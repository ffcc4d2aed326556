#!/bin/bash
# man: the manual pages render: no mdoc macro leaks into the text (a '|'
# inside .Ql once ended the macro: "Ic archive Cm off |" was printed, and
# the defaults of index_format were cut), and the defaults read whole.
. "$srcdir/tests/cli/lib.sh"

if ! command -v groff > /dev/null; then
	fail "groff is needed to render the manual (apt-get install groff-base)"
	done_testing
fi
for page in ebox-tui.1 ebox-tui.conf.5; do
	groff -mandoc -Tutf8 -P-cbou "$srcdir/doc/$page" > "$T/$page.txt" 2> "$T/$page.err"
	check "$page renders" [ -s "$T/$page.txt" ]
	leaks=$(grep -n -E '(^|[[:space:]])(Ic|Cm|Ql|Ar|Pq|Fl|Ev|Pa|Xr) [^ ]' "$T/$page.txt" | head -n 5)
	if [ -z "$leaks" ]; then
		pass "$page: no mdoc macro printed as text"
	else
		fail "$page: mdoc macros printed as text: $leaks"
	fi
	errs=$(grep -v -E "can't break line" "$T/$page.err" | head -n 5)
	if [ -z "$errs" ]; then
		pass "$page: groff has no complaint"
	else
		fail "$page: groff says: $errs"
	fi
done
check "the accessible_index_format default reads whole" grep -q -F "%Z %s | %F | %D" "$T/ebox-tui.conf.5.txt"
check "the index_format default keeps its spaces" grep -q -F "%Z  %*s  %-20F  %D" "$T/ebox-tui.conf.5.txt"
check "the archive entry is an option, not text" grep -q -E '^ +archive off \| expiring \| all' "$T/ebox-tui.conf.5.txt"
done_testing
