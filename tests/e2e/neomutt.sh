#!/bin/bash
# NeoMutt habits (issue 9, item 18): \Cx keys, bind index,pager, :set,
# :source, :bind at run time, :sort with its argument, Tab completion
# after ':' and in Save to:, ! and | , untag-pattern, ^D/^U.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)"
mkdir -p "$T/saved/inner"
cat >> "$CFG" <<CONF
set save_dir "$T/saved"
bind index \\Cn next-line
bind index,pager X show-log
CONF
printf 'bind index Z help\n' > "$T/extra.conf"

tui_start
wait_loaded
keys g
wait_line "the first message is selected" $BODY_ROW '│>'

# --- \Cn, bind index,pager ------------------------------------------------------------
keys C-n
wait_for "\\Cn (from the configuration) moves down" "$E2E_TIMEOUT" \
    eval '[ "$(sel_row)" = $((BODY_ROW + 1)) ]' && pass "\\Cn (from the configuration) moves down"
keys X
wait_line "bind index,pager: X opens the log in the index" $TITLE_ROW '^Message log'
keys q g Enter
wait_line "a message opens" $TITLE_ROW '^Message [0-9]+ of'
keys X
wait_line "bind index,pager: and in the pager" $TITLE_ROW '^Message log'
keys q q

# --- ^D / ^U --------------------------------------------------------------------------------
keys g C-d
wait_for "^D moves half a page down" "$E2E_TIMEOUT" \
    eval '[ "$(sel_row)" -gt $((BODY_ROW + 5)) ]' && pass "^D moves half a page down"
keys C-u
wait_for "^U comes back" "$E2E_TIMEOUT" eval '[ "$(sel_row)" = $BODY_ROW ]' &&
    pass "^U comes back"

# --- :set, :set NAME, :sort ARG ---------------------------------------------------------------
keys :
lit 'set sort sender'
keys Enter
wait_status ":set sort sender sorts by sender" 'sorted by sender'
keys :
lit 'set sort'
keys Enter
wait_message ":set sort says the value" '^sort = sender'
keys :
lit 'sort subject'
keys Enter
wait_status ":sort subject takes its argument" 'sorted by subject'
keys :
lit 'set nosuchoption 1'
keys Enter
wait_message ":set of an unknown option says so" 'unknown option'

# --- :source, :bind ---------------------------------------------------------------------------
keys :
lit "source $T/extra.conf"
keys Enter
wait_message ":source reads the file" "^Read $(re_quote "$T")"
keys Z
wait_line ":source's bind works (Z opens the help)" $TITLE_ROW '^Help:'
keys q
keys :
lit 'bind index Y summary'
keys Enter
keys g Y
wait_for ":bind at run time works (Y says the summary)" "$E2E_TIMEOUT" \
    message_has '^(Registered mail|Message) from' && pass ":bind at run time works (Y says the summary)"
# The fuzzer found an empty name in a list of views taken for nothing.
keys :
lit 'bind ,index W summary'
keys Enter
wait_message ":bind ,index: an empty view name is refused" "unknown view ''"

# --- Tab after ':' --------------------------------------------------------------------------------
keys :
lit 'unta'
keys Tab
wait_message "Tab completes an operation" '^: ?untag-pattern'
keys C-u
lit 'set sidebar_w'
keys Tab
wait_message "Tab completes an option after set" '^: ?set sidebar_width'
keys Escape

# --- untag-pattern ------------------------------------------------------------------------------
keys g t t
keys C-t
wait_message "^T asks for a pattern" '^Untag messages matching:'
lit '~T'
keys Enter
wait_message "^T untags them" '^Untagged 2 messages'
check "no row is tagged any more" screen_lacks '│.\*'

# --- | on a message -------------------------------------------------------------------------------
keys g '|'
wait_message "| asks for a command" '^Send the message as text'
lit "cat > $T/piped.txt"
keys Enter
wait_for "| runs it with the message as text" "$E2E_TIMEOUT" test -s "$T/piped.txt" &&
    pass "| runs it with the message as text"
check "the text has the message's fields" grep -q '^Subject:' "$T/piped.txt"
wait_for "then asks for Enter" "$E2E_TIMEOUT" screen_has 'Press Enter|Appuyez' &&
    pass "then asks for Enter"
keys Enter
wait_line "the inbox is back" $TITLE_ROW '^eBox: '

# --- ! ------------------------------------------------------------------------------------------------
keys '!'
wait_message "! asks for a command" '^Shell command'
lit "echo shell-ran > $T/shell.out"
keys Enter
wait_for "! runs it" "$E2E_TIMEOUT" test -s "$T/shell.out" && pass "! runs it"
wait_for "then asks for Enter" "$E2E_TIMEOUT" screen_has 'Press Enter|Appuyez' &&
    pass "! then asks for Enter"
keys Enter
wait_line "the inbox is back after !" $TITLE_ROW '^eBox: '

# --- Tab in Save to: ----------------------------------------------------------------------------------
keys :
lit 'sort date'
keys Enter
wait_for "back to the date order" "$E2E_TIMEOUT" eval '! status_has "sorted by"' &&
    pass "back to the date order"
keys g
select_by "Tax assessment notice" "Tax assess"
keys s
wait_message "s asks where to save" '^Save to:'
keys C-u
lit "$T/sav"
keys Tab
wait_message "Tab completes a folder name, with its /" "^Save to: $(re_quote "$T")/saved/"
lit "inn"
keys Tab
wait_message "and goes on inside it" "^Save to: $(re_quote "$T")/saved/inner/"
keys Enter
wait_for "the document is saved there" "$E2E_NET_TIMEOUT" \
    eval '[ -n "$(find "$T/saved/inner" -type f ! -name "*.part")" ]' &&
    pass "the document is saved there"
tui_quit
done_testing
