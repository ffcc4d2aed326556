#!/bin/bash
# list: every message the provider holds is listed, newest first, with
# flags; folders and filters select what they say.
. "$srcdir/tests/cli/lib.sh"
provider_start

ebox list --folder All --json
check_rc "list --json exits 0" 0
count=$(json 'j["count"]')
# The oracle: the provider's own summaries (GET ebox) of every active DP,
# read with curl, independently of ebox-tui.
held=0
api demo "${URL}/REST/ebox/enterprise/federation/v1/messageProviders" > "$T/registry.json"
for root in $("$PYTHON3" -c '
import json, sys, datetime
today = datetime.date.today().isoformat()
for p in json.load(open(sys.argv[1])):
    d = p.get("messageProviderDeactivationDate")
    if not d or d > today: print(p["messageProviderUrl"])' "$T/registry.json"); do
	n=$(api demo "${root}ebox" | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["numberOfMessages"])')
	held=$((held + n))
done
if [ "$count" -ge 60 ] && [ "$count" -eq "$held" ]; then
	pass "list --folder All counts what the provider holds ($count)"
else
	fail "list --folder All counts $count, the provider holds $held"
fi
check "every message has an 8-digit id" [ "$(json 'all(len(m["id"]) == 8 for m in j["messages"])')" = true ]
check "ids are unique" [ "$(json 'len(set(m["id"] for m in j["messages"])) == len(j["messages"])')" = true ]
check "newest first" [ "$(json '[m["received"] for m in j["messages"]] == sorted([m["received"] for m in j["messages"]], reverse=True)')" = true ]
check "senders are named from reference data" [ "$(json 'all(m["sender"] and not m["sender"].isdigit() for m in j["messages"])')" = true ]

ebox list --json
inbox=$(json 'j["count"]')
first=$(json 'j["messages"][0]["subject"]')
check "hidden messages are not in the Inbox" [ "$inbox" -lt "$count" ]
ebox list
check_rc "list exits 0" 0
lines=$(printf '%s\n' "$OUT" | wc -l)
check "list prints one line per Inbox message ($lines)" [ "$lines" -eq "$inbox" ]
check "the first line is the newest subject" contains "$(printf '%s\n' "$OUT" | head -n 1)" "${first:0:30}"

ebox list --registered --json
check "registered filter: at least 2, all registered, flag R" [ "$(json 'j["count"] >= 2 and all(m["registered"] and "R" in m["flags"] for m in j["messages"])')" = true ]
ebox list --unread --json
check "unread filter: all unread, flag N" [ "$(json 'j["count"] > 0 and all(not m["read"] and "N" in m["flags"] for m in j["messages"])')" = true ]
ebox list --folder Expiring --json
check "Expiring folder: at least 3, flag !" [ "$(json 'j["count"] >= 3 and all("!" in m["flags"] for m in j["messages"])')" = true ]
ebox list --folder Payments --json
check "Payments folder: at least 2, flag \$" [ "$(json 'j["count"] >= 2 and all("$" in m["flags"] and m["hasPayment"] for m in j["messages"])')" = true ]
ebox list --folder hidden --json
check "Hidden folder holds only hidden messages" [ "$(json 'j["count"] >= 1 and all(not m["visible"] for m in j["messages"])')" = true ]
ebox list --folder Nowhere
check_rc "an unknown folder is a usage error" 1
check_err "the unknown folder is named" "Nowhere"

# Search is case- and accent-insensitive, like the server's q.
ebox list --folder All --search 'É' --json
n1=$(json 'j["count"]')
ebox list --folder All --search 'e' --json
n2=$(json 'j["count"]')
check "search ignores accents and case (É finds what e finds: $n1)" [ "$n1" -eq "$n2" -a "$n1" -gt 0 ]
ebox list --folder All --search 'francois' --json
check "'francois' finds François" [ "$(json 'j["count"] > 0 and all("François" in m["subject"] for m in j["messages"])')" = true ]
ebox list --folder All --search 'zzzz-nothing-zzzz' --json
check "a search that matches nothing gives 0" [ "$(json 'j["count"]')" -eq 0 ]
ebox list --from 'financ' --json
check "--from matches the sender name" [ "$(json 'j["count"] > 0 and all("financ" in m["sender"].lower() for m in j["messages"])')" = true ]
ebox list --sort sender --json
check "sort by sender" [ "$(json '[m["sender"].lower() for m in j["messages"]] == sorted(m["sender"].lower() for m in j["messages"])')" = true ]
ebox list --sort nonsense
check_rc "an unknown sort key is a usage error" 1

ebox folders --json
check "folders: Inbox count equals list" [ "$(json '[f["total"] for f in j["folders"] if f["name"] == "Inbox"][0]')" -eq "$inbox" ]
ebox folders
check_out "folders prints Inbox" "Inbox"

# The enterprise account has partitions: GENERAL plus two more.
ebox --account enterprise folders --json
check "enterprise: GENERAL and two more partitions" [ "$(json 'len([f for f in j["folders"] if f["kind"] == "partition"]) >= 3 and any(f["name"] == "GENERAL" for f in j["folders"])')" = true ]

# The v3 spellings give the same mailbox.
ebox list --folder All --json
v2=$(json 'sorted((m["id"], m["read"], m["registered"], m["documents"], m["bodyMain"], m["visible"], m["sender"]) for m in j["messages"])')
provider_start --spelling v3
ebox list --folder All --json
check_rc "list on a v3-spelling provider exits 0" 0
v3=$(json 'sorted((m["id"], m["read"], m["registered"], m["documents"], m["bodyMain"], m["visible"], m["sender"]) for m in j["messages"])')
check "v3 spellings decode to the same messages" [ "$v2" = "$v3" ]
done_testing
