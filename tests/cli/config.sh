#!/bin/bash
# Configuration and credentials: clear sentences for every mistake, and
# every way of getting a token.
. "$srcdir/tests/cli/lib.sh"
provider_start

ebox --version
check_out "--version" "ebox-tui 0."
ebox --help
check_rc "--help exits 0" 0
for c in list show save folders providers hide unhide; do
	check "--help names '$c'" contains "$OUT" "  $c "
done
ebox list --help
check_out "list --help shows its options" "--search"
ebox frobnicate
check_rc "an unknown command is a usage error" 1

"$EBOX_TUI" --config "$T/missing" list > "$T/out" 2> "$T/err"; RC=$?; ERR=$(cat "$T/err")
check_rc "a missing config file exits 1" 1
check_err "it names the file" "$T/missing"

printf 'set page_size 500\n' > "$T/bad.conf"
"$EBOX_TUI" --config "$T/bad.conf" list > "$T/out" 2> "$T/err"; RC=$?; ERR=$(cat "$T/err")
check_rc "a bad value exits 1" 1
check_err "errors read FILE:LINE" "bad.conf:1:"

printf 'source "%s"\nset colour red\n' "$CFG" > "$T/bad2.conf"
"$EBOX_TUI" --config "$T/bad2.conf" list > "$T/out" 2> "$T/err"; RC=$?; ERR=$(cat "$T/err")
check_err "an unknown option is named with its line" "bad2.conf:2:"

ebox --account nobody list
check_rc "an unknown account exits 1" 1
check_err "the account is named" "nobody"

# The XDG default location is used without --config.
mkdir -p "$XDG_CONFIG_HOME/ebox-tui"
cp "$CFG" "$XDG_CONFIG_HOME/ebox-tui/config"
"$EBOX_TUI" list --json > "$T/out" 2> "$T/err"; RC=$?
check_rc "the XDG config file is read by default" 0

# token_command: a bearer token from another program.
cat > "$T/tc.conf" <<CONF
source "$CFG"
account scripted
set registry_url "$URL/REST/ebox/enterprise/federation/v1/"
set token_command "'$PYTHON3' '$srcdir/tests/provider/mktoken.py' '$T/prov' demo"
CONF
"$EBOX_TUI" --config "$T/tc.conf" --account scripted list --json > "$T/out" 2> "$T/err"; RC=$?; ERR=$(cat "$T/err")
check_rc "token_command: list works" 0
cat > "$T/tc2.conf" <<CONF
source "$CFG"
account broken
set registry_url "$URL/REST/ebox/enterprise/federation/v1/"
set token_command "exit 3"
CONF
"$EBOX_TUI" --config "$T/tc2.conf" --account broken list > "$T/out" 2> "$T/err"; RC=$?; ERR=$(cat "$T/err")
check_rc "a failing token_command: auth error" 2
check_err "it says the command failed" "token_command"

# A token without the message scope: 403 in words.
ebox --account noscope list
check_rc "missing scope: auth error" 2
check_err "missing scope: says so" "scope"

# A wrong key: the token server refuses the client assertion.
openssl genrsa -out "$T/other-key.pem" 2048 2>/dev/null
printf 'source "%s"\naccount demo\nset key_file "%s"\nset token_cache "%s/tc.json"\n' "$CFG" "$T/other-key.pem" "$T" > "$T/wrongkey.conf"
"$EBOX_TUI" --config "$T/wrongkey.conf" list > "$T/out" 2> "$T/err"; RC=$?; ERR=$(cat "$T/err")
check_rc "a wrong key: auth error" 2
check_err "a wrong key: the token server's refusal is reported" "refused"

# TLS verification is always on: without the test CA, no connection.
grep -v ca_file "$T/prov/config" > "$T/noca.conf"
printf 'set token_cache "%s/tc2.json"\n' "$T" >> "$T/noca.conf"
"$EBOX_TUI" --config "$T/noca.conf" list > "$T/out" 2> "$T/err"; RC=$?; ERR=$(cat "$T/err")
check_rc "an unknown CA: network error" 2
check_err "an unknown CA: says the certificate" "certificate"
done_testing
