#!/bin/bash
# memcheck.sh - `make check-valgrind`: list, show and save on every kind of
# demo message, under valgrind (EBOX_VALGRIND, set by the make target);
# lib.sh fails a check whenever valgrind reports an error or a leak.
. "$srcdir/tests/cli/lib.sh"
[ -n "$EBOX_VALGRIND" ] || { echo "run through make check-valgrind"; exit 1; }
provider_start --hostile

ebox list
check_rc "list" 0
ebox list --folder All --json
check_rc "list --folder All --json" 0
all=$OUT
pick() { OUT=$all json "$1"; }
for id in $(pick '" ".join(x for x in [
    [m["id"] for m in j["messages"] if m["hasPayment"]][0],
    [m["id"] for m in j["messages"] if m["bodyMain"] and not m["registered"]][0],
    [m["id"] for m in j["messages"] if m["registered"]][0],
    [m["id"] for m in j["messages"] if m["documents"] >= 3][0],
    [m["id"] for m in j["messages"] if "Avis important" in m["subject"]][0]])'); do
	ebox show "$id"
	check_rc "show $id" 0
	ebox show "$id" --json
	check_rc "show $id --json" 0
	ebox save "$id" --all --confirm-registered -o "$T/saved/$id"
	# 1: a body-only message has nothing to save, which is an answer too.
	check "save $id --all (exit $RC)" test "$RC" -le 1
done
ebox show 00000000
check_rc "show of an unknown id (error path)" 3
id=$(pick '[m["id"] for m in j["messages"] if m["documents"] > 0 and not m["registered"]][0]')
mid=$(pick '[m["messageId"] for m in j["messages"] if m["id"] == "'"$id"'"][0]')
provider_start --hostile --digest-mismatch "$mid"
ebox save "$id" --all -o "$T/mismatch"
check_rc "save with a digest mismatch (error path)" 3
# A reply: the multipart body, the store's sent table, the Sent folder;
# then the failure path (a registry that is down) and sending it again.
provider_start
ebox list --folder All --json
id=$(json '[m["id"] for m in j["messages"] if m["replyAuthorized"]][0]')
dp=$(json '[m["provider"] for m in j["messages"] if m["replyAuthorized"]][0]')
printf 'Thank you.\n' > "$T/reply.txt"
printf 'a;b\n' > "$T/annex.csv"
ebox reply "$id" --body "$T/reply.txt" --attach "$T/annex.csv" --yes
check_rc "reply" 0
ebox sent --json
check_rc "sent --json" 0
printf 'Another answer.\n' > "$T/reply2.txt"
KEEP_STORE=1 provider_start --provider-down "$dp" --retry-after 0
ebox reply "$id" --body "$T/reply2.txt" --yes
check_rc "reply to a registry that is down (error path)" 2
KEEP_STORE=1 provider_start
ebox sent --json
sid=$(json '[s["id"] for s in j["sent"] if s["state"] == "failed"][0]')
ebox reply "$sid" --yes
check_rc "reply SENT-ID sends the failed one again" 0
provider_start --bad-json
ebox list
check_rc "list on bad JSON (error path)" 3
done_testing
