# lib.sh - shared by the end-to-end tests: the real ebox-tui in a private
# tmux server, against the local test provider (tests/provider).
#
# Built on tests/cli/lib.sh (provider_start, $CFG, ebox, api, the check
# helpers, done_testing).  Adds:
#
#   tui_start [-s COLSxROWS] [ARGS...]   start the inbox in tmux
#   keys KEY...                          tmux send-keys to it
#   screen                               the screen as text (capture-pane)
#   row N                                line N of the screen (0 = top)
#   wait_for DESC TIMEOUT CMD...         poll until CMD succeeds (no sleeps
#                                        of a fixed length)
#   wait_screen DESC REGEX [TIMEOUT]     poll until the screen matches
#   sel_line                             the selected index row
#   server_flag ID FIELD                 a message's flag, from the CLI
#   ms_now                               milliseconds, for measurements
#
# Every process a test starts (provider, tmux server) is stopped in the
# EXIT trap, also when a check fails or the test is interrupted.

: "${srcdir:=.}"
# shellcheck source=../cli/lib.sh
. "$srcdir/tests/cli/lib.sh"

# Without tmux the tests are skipped (exit 77), unless the test sets
# E2E_TMUX_OPTIONAL=1 before sourcing: then HAVE_TMUX=0 and it runs the
# checks that need no terminal (meta.sh).
HAVE_TMUX=1
if ! command -v tmux > /dev/null 2>&1; then
	HAVE_TMUX=0
	if [ -z "${E2E_TMUX_OPTIONAL:-}" ]; then
		echo "# SKIP: tmux is not installed; the e2e tests need it"
		rm -rf "$T"
		exit 77
	fi
fi

unset TMUX TMUX_PANE
# The tmux server's socket lives in $T: nothing is left behind in /tmp.
export TMUX_TMPDIR="$T"
export EBOX_TUI_THEMES="$srcdir/themes"
TM_SOCK="ebox-e2e-$$"
TM_SESSION=e2e
COLS=100
ROWS=30
# The screen's lines (src/ui/ui.h): the title naming the screen, the key
# hints, then the body.
TITLE_ROW=0
HINTS_ROW=1
BODY_ROW=2
# Deadlines: screen reactions (local, no network) and network round trips.
E2E_TIMEOUT=${E2E_TIMEOUT:-10}
E2E_NET_TIMEOUT=${E2E_NET_TIMEOUT:-20}

tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

tui_stop() {
	tm kill-server > /dev/null 2>&1
	return 0
}

# Replaces lib.sh's cleanup (the EXIT trap calls it by name).
cleanup() {
	tui_stop
	provider_stop
	rm -rf "$T"
}

# The CLI tests' fail prints the last CLI output; here that is an oracle's
# answer, unrelated to the screen: print the description only.
fail() {
	CHECKS=$((CHECKS + 1)); FAILED=$((FAILED + 1))
	echo "FAIL - $1"
	return 0
}

ms_now() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

# today_noon: 12:00 Brussels time today, for --now.  The demo data is
# relative to --now while ebox-tui judges "expiring" by the real clock:
# pinning "now" to today at a fixed hour keeps the two in step and makes
# the screens identical from day to day once dates are masked.
today_noon() {
	TZ=Europe/Brussels date +%Y-%m-%dT12:00:00%:z
}

# tui_start [-s COLSxROWS] [ARGS...]: opens the inbox on $CFG in a new
# tmux server; its exit status lands in $T/tui.rc.
tui_start() {
	if [ "${1:-}" = -s ]; then
		COLS=${2%x*}
		ROWS=${2#*x}
		shift 2
	fi
	tui_stop
	rm -f "$T/tui.rc"
	{
		echo '#!/bin/sh'
		printf 'cd %q || exit 1\n' "$T"
		# TUI_TERM: another terminal type for one test (linux).
		printf 'export TERM=%s LC_ALL=C.UTF-8 ' "${TUI_TERM:-xterm-256color}"
		printf 'EBOX_TUI_THEMES=%q XDG_CONFIG_HOME=%q ' \
		    "$EBOX_TUI_THEMES" "$XDG_CONFIG_HOME"
		printf 'XDG_CACHE_HOME=%q XDG_STATE_HOME=%q HOME=%q ' \
		    "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$HOME"
		# The local mailbox of this provider (cli/lib.sh).
		printf 'XDG_DATA_HOME=%q\n' "${XDG_DATA_HOME:-$HOME/.local/share}"
		echo 'unset NO_COLOR EBOX_TUI_CONFIG EBOX_TUI_LOG'
		# TUI_ENV: extra "NAME=VALUE ..." for one test (NO_COLOR, LC_ALL).
		[ -n "${TUI_ENV:-}" ] && echo "export $TUI_ENV"
		printf '%q --config %q' "$EBOX_TUI" "$CFG"
		[ $# -gt 0 ] && printf ' %q' "$@"
		printf ' 2> %q\n' "$T/tui.err"
		printf 'echo $? > %q\n' "$T/tui.rc"
	} > "$T/run-tui.sh"
	chmod +x "$T/run-tui.sh"
	tm new-session -d -s "$TM_SESSION" -x "$COLS" -y "$ROWS" \
	    "$T/run-tui.sh" || { echo "FAIL - tmux did not start"; exit 1; }
	tm set-option -g status off > /dev/null 2>&1
	return 0
}

keys() { tm send-keys -t "$TM_SESSION" "$@"; }
# lit TEXT: types TEXT literally (no key names).
lit() { tm send-keys -t "$TM_SESSION" -l -- "$1"; }

screen() { tm capture-pane -p -t "$TM_SESSION" 2> /dev/null; }
row() { screen | sed -n "$(($1 + 1))p"; }
# The status line is the last "ACCOUNT | ..." line: a long message below
# it takes up to three lines, pushing it up.  message_line: those lines,
# joined (or the prompt).
status_row() {
	screen | grep -n -E '^[A-Za-z0-9_.-]+ \| ' | tail -n 1 |
	    sed 's/:.*//' | awk '{ print $1 - 1 }'
}
status_line() {
	local r
	r=$(status_row)
	if [ -n "$r" ]; then row "$r"; else row $((ROWS - 2)); fi
}
message_line() {
	local r
	r=$(status_row)
	[ -n "$r" ] || r=$((ROWS - 2))
	screen | sed -n "$((r + 2)),\$p" | tr '\n' ' ' | sed 's/  *$//'
}
status_has() { status_line | grep -q -E -- "$1"; }
message_has() { message_line | grep -q -E -- "$1"; }
cursor() { tm display -p -t "$TM_SESSION" '#{cursor_x},#{cursor_y},#{cursor_flag}'; }

# The selected row of the index: after the sidebar's divider, or at the
# start of the line when the sidebar is hidden.
sel_line() { screen | grep -m1 -E '^>|│>|\|>'; }
# The number (0 = top) of the screen line holding the selection.
sel_row() {
	screen | grep -n -m1 -E '^>|│>|\|>' | cut -d: -f1 |
	    awk '{ print $1 - 1 }'
}

dump_screen() {
	echo "  --- screen (${COLS}x${ROWS}) ---"
	screen | sed 's/^/  | /'
	echo "  ---"
}

# wait_for DESC TIMEOUT CMD...: polls CMD until it succeeds.  On timeout,
# fails DESC and shows the screen; returns 1.  Passes nothing on success:
# the caller decides.
wait_for() {
	local desc=$1 timeout=$2 deadline
	shift 2
	deadline=$(($(ms_now) + timeout * 1000))
	while :; do
		"$@" && return 0
		if [ "$(ms_now)" -ge "$deadline" ]; then
			fail "$desc (not seen within ${timeout}s)"
			dump_screen
			return 1
		fi
		if [ -s "$T/tui.rc" ] && ! tm has-session -t "$TM_SESSION" \
		    2> /dev/null; then
			# It may have happened between the two tests above.
			"$@" && return 0
			fail "$desc (ebox-tui exited with status $(cat "$T/tui.rc"))"
			sed -n '1,20s/^/  stderr: /p' "$T/tui.err" 2> /dev/null
			return 1
		fi
		sleep 0.02
	done
}

screen_has() { screen | grep -q -E -- "$1"; }
screen_lacks() { ! screen | grep -q -E -- "$1"; }
line_has() { row "$1" | grep -q -E -- "$2"; }

# wait_screen DESC REGEX [TIMEOUT]: passes DESC once the screen matches.
wait_screen() {
	wait_for "$1" "${3:-$E2E_TIMEOUT}" screen_has "$2" && pass "$1"
}

# wait_status / wait_message DESC REGEX [TIMEOUT]: the same for the
# status line and the message line(s).
wait_status() {
	wait_for "$1" "${3:-$E2E_TIMEOUT}" status_has "$2" && pass "$1"
}
wait_message() {
	wait_for "$1" "${3:-$E2E_TIMEOUT}" message_has "$2" && pass "$1"
}

# wait_line DESC ROW REGEX [TIMEOUT]: the same for one line.
wait_line() {
	wait_for "$1" "${4:-$E2E_TIMEOUT}" line_has "$2" "$3" && pass "$1"
}

# wait_idle: the first sync is over (the message line reports it).
wait_loaded() {
	wait_for "${1:-the mail is loaded}" "${2:-$E2E_NET_TIMEOUT}" \
	    screen_has '[0-9]+ messages from [0-9]+ providers|providers answered'
}

# tui_quit: presses q until ebox-tui exits; checks its exit status.
tui_quit() {
	keys q
	if wait_for "q leaves ebox-tui" "$E2E_TIMEOUT" test -s "$T/tui.rc"; then
		if [ "$(cat "$T/tui.rc")" = 0 ]; then
			pass "q leaves ebox-tui with status 0"
		else
			fail "q leaves ebox-tui with status 0 (got $(cat "$T/tui.rc"))"
		fi
	fi
}

# list_json [ARGS]: `ebox-tui list --json ARGS` into $OUT (the oracle).
list_json() { ebox list --json "$@"; }

# server_flag ID FIELD: FIELD (read, visible, ...) of the message whose
# messageId or short id starts with ID, as the CLI reads it from the
# server now (folder All holds hidden mail too).
server_flag() {
	ebox list --folder All --json
	json "[m['$2'] for m in j['messages'] if m['messageId'].startswith('$1') or m['id'].startswith('$1')][0]"
}

# server_raw DP ID: the message as the provider itself serves it (curl,
# independent of ebox-tui).  DP is nsso or bosa.
server_raw() {
	api demo "$URL/$1/REST/ebox/messageRegistry/v2/ebox/messages/$2"
}

# raw_flag DP ID FIELD: one field of server_raw (readStatus, visible).
raw_flag() {
	server_raw "$1" "$2" | "$PYTHON3" -c '
import json, sys
v = json.load(sys.stdin)[sys.argv[1]]
print(str(v).lower() if isinstance(v, bool) else v)' "$3"
}

# b64url_sha256 FILE: the digest the way the eBox announces it.
b64url_sha256() {
	openssl dgst -sha256 -binary "$1" | openssl base64 -A | tr '+/' '-_' |
	    tr -d '='
}

# announced_digests DP ID: "FILENAME DIGEST" lines of the message's
# documents, from the provider (curl).
announced_digests() {
	api demo "$URL/$1/REST/ebox/messageRegistry/v2/ebox/messages/$2/attachments" |
	    "$PYTHON3" -c '
import json, sys
for a in json.load(sys.stdin)["items"]:
    print(a.get("fileName") or a.get("filename"), a["digest"]["digestValue"])'
}

# folder_counts NAME: "TOTAL UNREAD" of a folder, from `ebox-tui folders`.
folder_counts() {
	ebox folders --json
	json "' '.join(str(f[k]) for f in j['folders'] if f['name'] == '$1' for k in ('total', 'unread'))"
}

# dp_path PROVIDER-ID: the provider's path prefix at the test provider.
dp_path() { echo "${1#ebox-}"; }

# wait_file DESC FILE: polls until FILE exists and no .part is left.
wait_file() {
	wait_for "$1" "$E2E_NET_TIMEOUT" test -f "$2" && pass "$1"
}

# digest_ok DESC DP MSGID FILE: FILE's SHA-256 is the digest the provider
# announced for the document of that name (curl + openssl, not ebox-tui).
digest_ok() {
	local want got name
	name=$(basename "$4")
	want=$(announced_digests "$2" "$3" | awk -v n="$name" '$1 == n { print $2 }')
	got=$(b64url_sha256 "$4" 2> /dev/null)
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		pass "$1"
	else
		fail "$1 (announced '$want', file has '$got')"
	fi
}

# collect_help OUTFILE: pages through the help screen that is open now with
# <PageDown> and appends every body line to OUTFILE.  The help ends with
# the pattern legend, whose last line starts "  plain words": paging
# stops once it is on screen.
HELP_END='^  plain words'
help_body() { screen | sed -n "$((BODY_ROW + 1)),$((ROWS - 2))p"; }
help_changed() { [ "$(help_body)" != "$1" ]; }
collect_help() {
	local cur n=0
	wait_for "the help screen opens" "$E2E_TIMEOUT" screen_has '^Keys of the ' || return 1
	while :; do
		cur=$(help_body)
		printf '%s\n' "$cur" >> "$1"
		printf '%s\n' "$cur" | grep -q -E "$HELP_END" && return 0
		n=$((n + 1))
		if [ $n -gt 30 ]; then
			fail "the help screen ends with the pattern legend"
			return 1
		fi
		keys PageDown
		wait_for "<PageDown> scrolls the help screen" "$E2E_TIMEOUT" \
		    help_changed "$cur" || return 1
	done
}

# find_msg TEXT: the message whose subject (in any language) contains
# TEXT, from `ebox-tui list --folder All --json`; sets M_ID (messageId),
# M_DP (nsso or bosa) and M_SHORT (the 8-digit id).
find_msg() {
	local r
	ebox list --folder All --json
	r=$(json "[' '.join((m['messageId'], m['provider'], m['id'])) for m in j['messages'] if any('''$1''' in s for s in list(m['subjects'].values()) + [m['subject']])][0]" 2> /dev/null)
	M_ID=${r%% *}
	r=${r#* }
	M_DP=$(dp_path "${r%% *}")
	M_SHORT=${r#* }
	[ -n "$M_ID" ]
}

# main_doc DP ID: the file name of the message's main document.
main_doc() {
	api demo "$URL/$1/REST/ebox/messageRegistry/v2/ebox/messages/$2/attachments" |
	    "$PYTHON3" -c '
import json, sys
for a in json.load(sys.stdin)["items"]:
    if a.get("mainContent"):
        print(a["fileName"])'
}

# select_by TEXT: index search (/) for TEXT, then waits until the
# selected row shows PREFIX (default TEXT).
sel_has() { sel_line | grep -q -F -- "$1"; }
select_by() {
	keys /
	lit "$1"
	keys Enter
	wait_for "/ $1 selects it" "$E2E_TIMEOUT" sel_has "${2:-$1}"
}

# re_quote TEXT: TEXT with the ERE metacharacters escaped.
re_quote() { printf '%s' "$1" | sed 's/[][\.*^$()+?{}|]/\\&/g'; }
