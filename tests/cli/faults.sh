#!/bin/bash
# Every fault the provider can inject is survived: a retry or a clear
# error, never a crash, never a partial file under a final name.
. "$srcdir/tests/cli/lib.sh"

no_crash() {    # a crash or abort would be status >= 128
	if [ "$RC" -lt 128 ]; then pass "$1: no crash"; else fail "$1: crashed ($RC)"; fi
}

provider_start --latency 300
ebox list --json
check_rc "--latency 300: list works" 0

provider_start --fail-rate 0.3 --seed 7
ebox list --folder All --json
check_rc "--fail-rate 0.3: retries get every page" 0
check "--fail-rate: all messages arrive" [ "$(json 'j["count"]')" -ge 60 ]
check "--fail-rate: the provider did answer 5xx" grep -qE ' 50[03] ' "$T/prov.log"

provider_start --rate-limit 3
ebox list --folder All --json
check_rc "--rate-limit 3: 429 + Retry-After is honoured" 0
check "--rate-limit: all messages arrive" [ "$(json 'j["count"]')" -ge 60 ]
check "--rate-limit: the provider did answer 429" grep -q ' 429 ' "$T/prov.log"

provider_start --bad-json
ebox list
no_crash "--bad-json"
check_rc "--bad-json: a data error" 3
check_err "--bad-json: the sentence says it could not be read" "could not be read"

provider_start
ebox list --json
id=$(json '[m["id"] for m in j["messages"] if m["documents"] > 0 and not m["registered"]][0]')
mid=$(json '[m["messageId"] for m in j["messages"] if m["id"] == "'"$id"'"][0]')
provider_start --digest-mismatch "$mid"
ebox save "$id" --all -o "$T/mismatch"
check_rc "--digest-mismatch: integrity error" 3
check_err "--digest-mismatch: says the digest does not match" "does not match"
check "--digest-mismatch: nothing under a final name, no .part" [ -z "$(ls -A "$T/mismatch")" ]

provider_start --truncate
ebox save "$id" --all -o "$T/cut"
no_crash "--truncate"
check "--truncate: a clear error" [ "$RC" -eq 2 -o "$RC" -eq 3 ]
check "--truncate: nothing under a final name, no .part" [ -z "$(ls -A "$T/cut" 2>/dev/null)" ]
ebox list
no_crash "--truncate list"
check "--truncate list: a clear error" [ "$RC" -eq 2 -o "$RC" -eq 3 ]
check "--truncate list: a sentence on stderr" [ -n "$ERR" ]

provider_start --token-ttl 1
ebox list --json
check_rc "--token-ttl 1: list works" 0
# A cached token the server no longer knows: 401, fetch again once, go on.
provider_start
ebox list --json
cache=$(ls "$XDG_CACHE_HOME"/ebox-tui/token-demo.json)
check "the token cache is mode 0600" [ "$(stat -c %a "$cache")" = 600 ]
"$PYTHON3" - "$cache" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["access_token"] = "revoked-token"
json.dump(d, open(p, "w"))
PY
ebox list --json
check_rc "a revoked cached token: refetched after 401" 0
check "the provider answered 401 once" grep -q ' 401 ' "$T/prov.log"
tok=$("$PYTHON3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$cache")
check "the token never appears in the provider log" eval '[ -n "$tok" ] && ! grep -qF "$tok" "$T/prov.log"'

ids=$("$PYTHON3" -c '
import json, sys
for p in json.load(open(sys.argv[1])): print(p["messageProviderId"])' <(api demo "${URL}/REST/ebox/enterprise/federation/v1/messageProviders") | head -n 1)
provider_start --provider-down "$ids"
ebox list --json
check_rc "--provider-down: the other provider's mail is listed" 0
check "--provider-down: some messages arrive" [ "$(json 'j["count"]')" -gt 0 ]
check_err "--provider-down: says 1 of 2 providers answered" "1 of 2 providers answered"
check_err "--provider-down: names the failed provider" "$ids"

provider_stop
ebox list
check_rc "a dead server, mail kept: answered from the local mailbox" 0
check_err "a dead server: says offline" "offline"
check_err "a dead server: says why" "connect"
XDG_DATA_HOME="$T/empty-data" ebox list
check_rc "a dead server, nothing kept: network error" 2
check_err "a dead server, nothing kept: a sentence" "connect"
done_testing
