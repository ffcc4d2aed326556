#!/bin/bash
# hide / unhide: round trips through PATCH ebox/messages (merge-patch).
. "$srcdir/tests/cli/lib.sh"
provider_start

ebox list --json
inbox=$(json 'j["count"]')
a=$(json 'j["messages"][0]["id"]')
b=$(json 'j["messages"][-1]["id"]')
ebox hide "$a" "$b"
check_rc "hide two messages exits 0" 0
check_out "hide names what it hid" "hid $a"
ebox list --json
check "the Inbox has two fewer messages" [ "$(json 'j["count"]')" -eq $((inbox - 2)) ]
check "the hidden ones are gone from the Inbox" [ "$(json '"'"$a"'" not in [m["id"] for m in j["messages"]]')" = true ]
ebox list --folder Hidden --json
check "they are in the Hidden folder" [ "$(json 'set(["'"$a"'", "'"$b"'"]) <= set(m["id"] for m in j["messages"])')" = true ]
ebox unhide "$a" "$b" --json
check_rc "unhide exits 0" 0
check "unhide --json lists both" [ "$(json 'sorted(j["unhidden"]) == sorted(["'"$a"'", "'"$b"'"])')" = true ]
ebox list --json
check "the Inbox is whole again" [ "$(json 'j["count"]')" -eq "$inbox" ]
ebox hide deadbeef
check_rc "hiding an unknown id exits 3" 3
ebox hide
check_rc "hide without ids is a usage error" 1
done_testing
