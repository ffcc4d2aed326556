# lib.sh - shared by the CLI tests: start the local eBox test provider,
# run ebox-tui against it, assert, and stop everything on exit.
#
# Every test sources this file, calls provider_start [OPTIONS], then uses
# ebox (runs the binary, output in $OUT/$ERR, status in $RC) and the check
# helpers.  A test prints one line per check and exits 1 if any failed.

set -u
: "${srcdir:=.}"
: "${PYTHON3:=python3}"
: "${EBOX_TUI:=$PWD/ebox-tui}"
: "${EBOX_VALGRIND:=}"

T=$(mktemp -d "${TMPDIR:-/tmp}/ebox-test.XXXXXX")
PROVIDER_PID=
CHECKS=0
FAILED=0
export XDG_CONFIG_HOME="$T/xdg-config" XDG_CACHE_HOME="$T/xdg-cache"
export XDG_STATE_HOME="$T/xdg-state" HOME="$T/home"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
unset EBOX_TUI_CONFIG EBOX_TUI_LOG
export LC_ALL=C.UTF-8

provider_stop() {
	if [ -n "$PROVIDER_PID" ]; then
		kill -TERM "$PROVIDER_PID" 2>/dev/null
		wait "$PROVIDER_PID" 2>/dev/null
		PROVIDER_PID=
	fi
}

cleanup() {
	provider_stop
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 129' HUP INT TERM

# provider_start [OPTIONS...]: starts the provider on a free port with its
# files in $T/prov, waits (up to 60 s) for its "ready" line, and writes
# $CFG: the provider's config plus fast retries for tests.
PROVIDER_STARTS=0
provider_start() {
	provider_stop
	# A new provider is a new eBox: a new local mailbox goes with it,
	# unless the test keeps it (KEEP_STORE=1 provider_start ...: the
	# same eBox later, or another day).
	PROVIDER_STARTS=$((PROVIDER_STARTS + 1))
	if [ "${KEEP_STORE:-0}" != 1 ]; then
		export XDG_DATA_HOME="$T/xdg-data.$PROVIDER_STARTS"
	fi
	mkdir -p "$T/prov"
	: > "$T/prov.out"
	"$PYTHON3" "$srcdir/tests/provider/ebox-provider" --port 0 \
	    --dir "$T/prov" --log "$T/prov.log" "$@" \
	    > "$T/prov.out" 2> "$T/prov.err" &
	PROVIDER_PID=$!
	local i=0
	while ! grep -q '^ready ' "$T/prov.out" 2>/dev/null; do
		if ! kill -0 "$PROVIDER_PID" 2>/dev/null || [ $i -ge 600 ]; then
			echo "FAIL: the test provider did not start:" >&2
			cat "$T/prov.err" >&2
			exit 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	URL=$(sed -n 's/^ready //p' "$T/prov.out")
	CFG="$T/config"
	cat > "$CFG" <<CONF
source "$T/prov/config"
set retry_base_ms 20
set save_dir "$T/saved"
CONF
}

# ebox ARGS...: runs ebox-tui on the test config; $RC, $OUT, $ERR.
ebox() {
	$EBOX_VALGRIND "$EBOX_TUI" --config "$CFG" "$@" > "$T/out" 2> "$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	case "$EBOX_VALGRIND" in
	valgrind*)
		if grep -q "==[0-9]*==" "$T/err"; then
			fail "valgrind reported errors for: ebox-tui $*"
			sed -n '1,40p' "$T/err" >&2
		fi ;;
	esac
}

pass() { CHECKS=$((CHECKS + 1)); echo "ok - $1"; }
fail() {
	CHECKS=$((CHECKS + 1)); FAILED=$((FAILED + 1))
	echo "FAIL - $1"
	[ -n "${OUT:-}" ] && printf '  stdout: %s\n' "$(printf '%s' "$OUT" | head -c 1500)"
	[ -n "${ERR:-}" ] && printf '  stderr: %s\n' "$(printf '%s' "$ERR" | head -c 1500)"
	return 0
}

# check DESC COMMAND...: passes when COMMAND succeeds.
check() {
	local desc=$1; shift
	if "$@"; then pass "$desc"; else fail "$desc"; fi
}

check_rc() {    # check_rc DESC EXPECTED
	if [ "$RC" -eq "$2" ]; then pass "$1"; else fail "$1 (exit $RC, expected $2)"; fi
}

not() { ! "$@"; }
contains() { case "$1" in *"$2"*) return 0;; esac; return 1; }
check_out() { if contains "$OUT" "$2"; then pass "$1"; else fail "$1 (stdout lacks '$2')"; fi; }
check_err() { if contains "$ERR" "$2"; then pass "$1"; else fail "$1 (stderr lacks '$2')"; fi; }

# json EXPR: evaluates a Python expression on the JSON in $OUT (as j).
json() {
	printf '%s' "$OUT" | "$PYTHON3" -c '
import json, sys
j = json.load(sys.stdin)
r = eval(sys.argv[1])
print(r if not isinstance(r, bool) else str(r).lower())' "$1"
}

# token ACCOUNT: a bearer token straight from the provider (test oracle).
token() {
	"$PYTHON3" "$srcdir/tests/provider/mktoken.py" "$T/prov" "$1"
}

# api ACCOUNT PATH-URL: GETs a provider URL with curl (the oracle path,
# independent of ebox-tui), prints the body.
api() {
	curl -sS --cacert "$T/prov/ca.pem" -H "Authorization: Bearer $(token "$1")" "$2"
}

# control METHOD PATH [JSON]: the test provider's control API (what
# happens on the server side behind the client's back: a new message, a
# message read or deleted elsewhere).
control() {
	curl -sS --cacert "$T/prov/ca.pem" -X "$1" \
	    -H 'Content-Type: application/json' ${3:+--data "$3"} "$URL/_test/$2"
}

# done_testing: the summary line and the exit status.  A test that ran
# no check fails: a script that silently did nothing proves nothing.
done_testing() {
	echo "# $CHECKS checks, $FAILED failed"
	if [ "$CHECKS" -eq 0 ]; then
		echo "FAIL - no check ran"
		exit 1
	fi
	[ "$FAILED" -eq 0 ]
	exit $?
}
