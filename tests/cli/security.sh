#!/bin/bash
# The security review's findings that live on the command line, each
# against the attack the test provider serves for it:
#   2  escapes in every field any command prints (folders, providers, errors)
#   4  a huge Retry-After
#   5  an endless document, a trickling one, one larger than announced
#   6  a JSON node bomb
#   12 redirects: no token to another origin, no assertion ever redirected
. "$srcdir/tests/cli/lib.sh"

# raw_ok FILE: no ESC, no C0 but newline, no C1, valid UTF-8.
raw_ok() {
	"$PYTHON3" - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("invalid UTF-8 at byte %d" % e.start)
bad = [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7f <= ord(c) <= 0x9f]
if bad:
    sys.exit("found %r" % bad[:5])
PY
}

# --- 2: escapes in whatever any command prints ----------------------------------
provider_start --hostile --hostile-registry --malformed
for cmd in "folders" "folders --json" "providers" "providers --json" \
    "list --folder All" "list --folder All --json"; do
	ebox $cmd
	check "$cmd: stdout is clean" raw_ok "$T/out"
	check "$cmd: stderr is clean" raw_ok "$T/err"
done
ebox folders
check "the hostile partition is listed, its escapes gone" grep -q '^  P  ' "$T/out"
ebox list --folder All --json
fields=$(json '[m["id"] for m in j["messages"] if m["messageId"] == "hostile-fields"][0]')
check "the message with hostile fields is listed" [ -n "$fields" ]
ebox show "$fields"
check "show of every hostile field is clean" raw_ok "$T/out"
ebox show "$fields" --json
check "show --json of every hostile field is clean" raw_ok "$T/out"
# An error sentence that quotes the server (StatusMessage with escapes).
ebox show ebox-bosa/no-such-message
check "an error quoting the server is clean" raw_ok "$T/err"

# --- 4: Retry-After: 99999999999999999999 ---------------------------------------
for value in 99999999999999999999 -5 "Wed, 21 Oct 2099 07:28:00 GMT" garbage; do
	provider_start --provider-down ebox-nsso --retry-after "$value"
	timeout 120 "$EBOX_TUI" --config "$CFG" list > "$T/out" 2> "$T/err"
	RC=$? OUT=$(cat "$T/out") ERR=$(cat "$T/err")
	check_rc "Retry-After: $value: list ends (the other provider answers)" 0
	check_err "Retry-After: $value: the down provider is named" "1 of 2 providers answered"
done

# --- 5: documents that never end, trickle, or outgrow their size ------------------
provider_start --hostile
cat >> "$CFG" <<CONF
set low_speed_time 3
CONF
ebox list --folder All --json
endless=$(json '[m["id"] for m in j["messages"] if m["messageId"] == "hostile-endless"][0]')
mkdir -p "$T/dl"
for doc in endless drip oversize; do
	timeout 120 "$EBOX_TUI" --config "$CFG" save "$endless" "$doc" -o "$T/dl" \
	    > "$T/out" 2> "$T/err"
	RC=$? OUT=$(cat "$T/out") ERR=$(cat "$T/err")
	check "$doc: save stops with an error" [ "$RC" -ne 0 -a "$RC" -ne 124 ]
	check "$doc: nothing is kept under a final name" [ -z "$(ls "$T/dl")" ]
done
timeout 120 "$EBOX_TUI" --config "$CFG" save "$endless" endless -o "$T/dl" 2> "$T/err"
ERR=$(cat "$T/err")
check_err "endless: the sentence says it was too large" "more than"
timeout 120 "$EBOX_TUI" --config "$CFG" save "$endless" drip -o "$T/dl" 2> "$T/err"
ERR=$(cat "$T/err")
check_err "drip: the sentence says it stalled" "stalled"
timeout 120 "$EBOX_TUI" --config "$CFG" save "$endless" oversize -o "$T/dl" 2> "$T/err"
ERR=$(cat "$T/err")
check_err "oversize: the sentence says it was larger than announced" "more than"
cat > "$T/small.conf" <<CONF
source "$CFG"
set max_document_size 4096
CONF
"$EBOX_TUI" --config "$T/small.conf" save "$endless" oversize -o "$T/dl" > "$T/out" 2> "$T/err"
RC=$? OUT=$(cat "$T/out") ERR=$(cat "$T/err")
check "oversize with max_document_size 4096: refused" [ "$RC" -ne 0 ]

# --- 6: a node bomb: bounded memory, the other provider's mail shown -------------
provider_start --node-bomb ebox-bosa
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%M' -o "$T/rss" "$EBOX_TUI" --config "$CFG" list --folder All \
	    > "$T/out" 2> "$T/err"
	RC=$? OUT=$(cat "$T/out") ERR=$(cat "$T/err")
	rss=$(tail -n 1 "$T/rss")
	echo "# peak RSS with a 15 MiB node bomb: $rss kB"
	check "the node bomb costs less than 250 MB (peak $rss kB)" [ "$rss" -lt 256000 ]
else
	ebox list --folder All
	fail "/usr/bin/time is needed to measure memory (apt-get install time)"
fi
check_rc "list ends with the other provider's mail" 0
check_err "the bomb's provider is named by its display name, with a cap" "Digital Post BOSA sent the message list that could not be read: the message list has"

# --- 12: redirects --------------------------------------------------------------
provider_start --redirect-content
ebox list --json
id=$(json '[m["id"] for m in j["messages"] if m["documents"] >= 1 and not m["registered"]][0]')
mkdir -p "$T/red"
ebox save "$id" -o "$T/red"
check_rc "a redirected document is saved" 0
check "the redirect target was asked for the document" grep -q 'auth=' "$T/prov.log"
check "no token followed the redirect to another origin" not grep -q 'auth=yes' "$T/prov.log"
provider_start --redirect-token
ebox list
check_rc "a redirecting token endpoint is an authentication error" 2
check_err "the sentence says the token server redirected" "redirect"
check "the client assertion never reached the redirect target" not grep -q 'assertion=yes' "$T/prov.log"
done_testing
