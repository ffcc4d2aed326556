#!/bin/bash
# save: every demo document is saved with its announced SHA-256 digest
# verified; names never collide or escape; registered mail asks first.
. "$srcdir/tests/cli/lib.sh"
provider_start

# sha256 base64url without padding, computed by openssl (independent path).
digest() { openssl dgst -sha256 -binary "$1" | basenc --base64url | tr -d '=\n'; }

ebox list --folder All --json
ids=$(json '" ".join(m["id"] for m in j["messages"] if m["documents"] > 0)')
reg=$(json '[m["id"] for m in j["messages"] if m["registered"] and not m["read"] and m["documents"] > 0][0]')
total=0 bad=0
for id in $ids; do
	ebox show "$id" --json
	printf '%s' "$OUT" > "$T/show.json"
	ebox save "$id" --all --confirm-registered -o "$T/all/$id" --json
	if [ "$RC" -ne 0 ]; then
		fail "save $id --all exits 0"
		continue
	fi
	while IFS='|' read -r path announced; do
		total=$((total + 1))
		if [ ! -f "$path" ] || [ "$(digest "$path")" != "$announced" ]; then
			bad=$((bad + 1))
			echo "# digest mismatch or missing file: $path" >&2
		fi
	done < <("$PYTHON3" -c '
import json, sys
show = json.load(open(sys.argv[1]))["message"]["attachments"]
saved = json.loads(sys.argv[2])["saved"]
for s in saved:
    a = [a for a in show if a["index"] == s["index"]][0]
    print("%s|%s" % (s["path"], a["digest"]))' "$T/show.json" "$OUT")
done
check "every demo document saved and its SHA-256 equals its digest ($total files)" [ "$bad" -eq 0 -a "$total" -ge 20 ]
check "no .part file is left behind" [ -z "$(find "$T/all" -name '*.part')" ]

ebox list --json
id=$(json '[m["id"] for m in j["messages"] if m["documents"] > 0 and not m["registered"]][0]')
ebox save "$id" -o "$T/one"
check_rc "save the main document exits 0" 0
check_out "save prints the path" "$T/one/"
check_out "save says the digest was verified" "digest verified"
first=$(ls "$T/one")
ebox save "$id" -o "$T/one"
check "saving again never overwrites: a second file appears" [ "$(ls "$T/one" | wc -l)" -eq 2 ]
check_out "the second copy gets a (1) name" "(1)"
check "saved files are not executable and are regular" [ -f "$T/one/$first" -a ! -x "$T/one/$first" ]

ebox list --folder All --json
two=$(json '[m["id"] for m in j["messages"] if m["documents"] >= 2 and not m["registered"]][0]')
ebox show "$two" --json
annex=$(json 'j["message"]["attachments"][1]["fileName"]')
ebox save "$two" 2 -o "$T/annex"
check_rc "save by document number exits 0" 0
check "document 2 is the one saved" eval '[ -f "$T/annex/$annex" ] && [ "$(ls "$T/annex" | wc -l)" -eq 1 ]'
ebox save "$id" no-such-document.pdf -o "$T/none"
check_rc "an unknown document name is a usage error" 1

# Registered mail: the main document needs --confirm-registered.
provider_start
ebox save "$reg" -o "$T/reg"
check_rc "registered mail without confirmation: usage error" 1
check_err "it says why" "proof of reading"
check "nothing was saved" [ -z "$(ls -A "$T/reg" 2>/dev/null)" ]
ebox list --folder All --json
check "the registered mail is still unread on the server" [ "$(json '[m["read"] for m in j["messages"] if m["id"] == "'"$reg"'"][0]')" = false ]
ebox save "$reg" --confirm-registered -o "$T/reg"
check_rc "with --confirm-registered it is saved" 0
ebox list --folder All --json
check "and now it is read on the server" [ "$(json '[m["read"] for m in j["messages"] if m["id"] == "'"$reg"'"][0]')" = true ]
done_testing
