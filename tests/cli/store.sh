#!/bin/bash
# store: the local mailbox.  Offline answers, mail the eBox deleted kept,
# requests in flight capped, kill -9 mid-sync, new mail announced once,
# archive, purge, --rebuild-store, new_mail_command.
. "$srcdir/tests/cli/lib.sh"

# wait_for DESC SECONDS COMMAND...: polls until COMMAND succeeds.
wait_for() {
	local desc=$1 limit=$2 i=0
	shift 2
	while ! "$@"; do
		if [ $i -ge $((limit * 10)) ]; then
			fail "$desc (waited ${limit} s)"
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	pass "$desc"
}

store_db() { ls "$XDG_DATA_HOME"/ebox-tui/*/store.db 2>/dev/null | head -n 1; }

# --- where it lives, what it holds ------------------------------------------------
# The data set's "now", pinned: the same messages come back a year later.
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
provider_start --now "$NOW"
ebox sync
check_rc "sync exits 0" 0
check_out "sync says how many arrived" "new messages"
db=$(store_db)
check "the store is under XDG_DATA_HOME/ebox-tui/ACCOUNT" [ -n "$db" -a "$(dirname "$db")" = "$XDG_DATA_HOME/ebox-tui/demo" ]
check "its directory is private (0700)" [ "$(stat -c %a "$(dirname "$db")")" = 700 ]
check "its file is private (0600)" [ "$(stat -c %a "$db")" = 600 ]
if command -v sqlite3 > /dev/null; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM messages")
	check "sqlite3 reads its messages table ($n rows)" [ "$n" -gt 0 ]
	check "no token in the store" [ -z "$(sqlite3 "$db" .dump | grep -i 'access_token\|BEGIN RSA\|BEGIN PRIVATE')" ]
else
	fail "sqlite3 is needed to read the store (apt-get install sqlite3)"
fi
ebox sync --json
check_rc "a second sync exits 0" 0
check "a second sync brings nothing new" [ "$(json 'j["sync"]["new"]')" -eq 0 ]
check "sync --json says who answered" [ "$(json 'j["sync"]["providersAnswered"]')" -eq 2 ]

# --- offline: the provider stopped ------------------------------------------------
ebox list --folder All --json
total=$(json 'j["count"]')
id=$(json '[m["id"] for m in j["messages"] if m["documents"] > 0 and not m["registered"]][0]')
ebox save "$id" -o "$T/first"
check_rc "a document saved online" 0
provider_stop
ebox list --folder All --json
check_rc "offline: list exits 0" 0
check_err "offline: list says offline" "offline"
check "offline: every message is listed ($total)" [ "$(json 'j["count"]')" -eq "$total" ]
ebox show "$id"
check_rc "offline: show exits 0" 0
check_err "offline: show says offline" "offline"
check_out "offline: show prints the message" "Subject:"
ebox save "$id" -o "$T/offline-save"
check_rc "offline: the fetched document is saved again from the store" 0
check "offline: the same bytes" cmp -s "$T/first/$(ls "$T/first")" "$T/offline-save/$(ls "$T/offline-save")"
ebox --offline list
check_rc "--offline: list exits 0" 0
check_err "--offline: says so" "offline"
ebox sync
check_rc "offline: sync itself fails: exit 2" 2
ebox hide "$id"
check_rc "offline: hide is refused" 2
check_err "offline: hide says why" "offline"

# --- a provider that fails keeps its messages, marked stale -----------------------
KEEP_STORE=1 provider_start --now "$NOW" --provider-down ebox-bosa
ebox list --folder All --json
check_rc "one provider down: list exits 0" 0
check "one provider down: every message is still listed ($total)" [ "$(json 'j["count"]')" -eq "$total" ]
check "its messages are marked stale" [ "$(json 'all(m["stale"] for m in j["messages"] if m["provider"] == "ebox-bosa") and any(m["provider"] == "ebox-bosa" for m in j["messages"])')" = true ]
check "the other provider's are not" [ "$(json 'any(m["stale"] for m in j["messages"] if m["provider"] != "ebox-bosa")')" = false ]
ebox list --folder All
check "the text list flags them S" grep -q '^[0-9a-f]\{8\}  [0-9-]\{10\}  [^ ]*S' "$T/out"
provider_stop

# --- a year later: the eBox deleted the expired messages ----------------------------
KEEP_STORE=1 provider_start --now "$NOW" --days-later 400
ebox sync --full --json
check_rc "a year later: sync exits 0" 0
check "a year later: the sync says messages are gone" [ "$(json 'j["sync"]["gone"]')" -gt 0 ]
ebox list --folder All --json
check "a year later: every message is still listed ($total)" [ "$(json 'j["count"]')" -ge "$total" ]
check "a year later: some are marked onServer false" [ "$(json 'sum(1 for m in j["messages"] if m["onServer"] is False)')" -gt 0 ]
check "a year later: the saved one is among them" [ "$(json "[m['onServer'] for m in j['messages'] if m['id'] == '$id'][0]")" = false ]
ebox list --folder Kept --json
check "the Kept folder holds them" [ "$(json 'j["count"]')" -gt 0 ]
ebox list --folder Kept
check_out "the text list flags them K" "K"
ebox save "$id" -o "$T/later-save"
check_rc "a year later: its fetched document still opens" 0
check "a year later: the same bytes" cmp -s "$T/first/$(ls "$T/first")" "$T/later-save/$(ls "$T/later-save")"
ebox archive -o "$T/archive" --json
check_rc "archive exits 0" 0
check "archive wrote the kept documents" [ "$(json 'j["written"]')" -ge 1 ]
check "archive: SENDER/YYYY-MM/NAME" [ -n "$(find "$T/archive" -mindepth 3 -maxdepth 3 -type f -name '*.pdf' | head -n 1)" ]
check "archive: a metadata file per message" [ -n "$(find "$T/archive" -mindepth 3 -maxdepth 3 -name '*.json' | head -n 1)" ]
files=$(cd "$T/archive" && find . -type f -print0 | sort -z | xargs -0 md5sum)
ebox archive -o "$T/archive" --json
written=$(json 'j["written"]'); unchanged=$(json 'j["unchanged"]')
check "a second archive writes nothing new ($written written, $unchanged there)" [ "$written" -eq 0 -a "$unchanged" -ge 1 ]
check "a second archive leaves every file as it was" [ "$(cd "$T/archive" && find . -type f -print0 | sort -z | xargs -0 md5sum)" = "$files" ]
echo n > "$T/no"; ebox purge < "$T/no"
check_rc "purge without a terminal or --yes: usage error" 1
ebox purge --yes --json
check_rc "purge --yes exits 0" 0
check "purge removed the kept messages" [ "$(json 'j["purged"]["messages"]')" -gt 0 ]
ebox --offline list --folder Kept --json
check "the Kept folder is empty now" [ "$(json 'j["count"]')" -eq 0 ]

# --- requests in flight per provider ------------------------------------------------------
# in_flight LIMIT: lists a 600-message box over 10-message pages with
# max_requests LIMIT; the provider's peak in flight per provider.
in_flight() {
	# The provider appends to prov.log, and every provider of this test
	# writes its peaks there at exit: only this one's may count (an
	# earlier one, with the default max_requests, may have had 2).
	: > "$T/prov.log"
	provider_start --messages 600 --latency 30
	printf 'set page_size 10\nset max_requests %s\n' "$1" >> "$CFG"
	ebox list --folder All --json
	check_rc "max_requests $1: a 600-message box over 10-message pages" 0
	check "max_requests $1: every message is listed" [ "$(json 'j["count"]')" -ge 600 ]
	provider_stop
	peak=$(sed -n 's/^max-inflight \([^ ]*\) \([0-9]*\)$/\2/p' "$T/prov.log" | sort -n | tail -n 1)
	check "max_requests $1: the provider logged its peak in flight ($peak)" [ -n "$peak" ]
}
in_flight 1
check "never more than max_requests (1) in flight per provider ($peak)" [ "${peak:-99}" -eq 1 ]
# When it fails, the requests that overlapped say why.
[ "${peak:-99}" -eq 1 ] || grep -B4 -A1 ' inflight=[2-9]' "$T/prov.log" | sed 's/^/  # /' | head -40
in_flight 3
check "never more than max_requests (3) in flight per provider ($peak)" [ "${peak:-99}" -le 3 ]
check "but more than one: pages overlap ($peak)" [ "${peak:-0}" -ge 2 ]

# --- kill -9 in the middle of a sync ----------------------------------------------------------
provider_start --messages 3000 --latency 200
printf 'set page_size 20\nset max_requests 2\n' >> "$CFG"
"$EBOX_TUI" --config "$CFG" sync > "$T/kill.out" 2>&1 &
pid=$!
count_rows() { n=$(sqlite3 "$(store_db)" "SELECT count(*) FROM messages" 2>/dev/null || echo 0); [ "${n:-0}" -ge 200 ]; }
wait_for "the sync commits pages as they come" 120 count_rows
committed=$n
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
ebox --offline list --folder All --json
check_rc "after kill -9: list exits 0" 0
check "after kill -9: every committed message is there ($committed)" [ "$(json 'j["count"]')" -ge "$committed" ]
if command -v sqlite3 > /dev/null; then
	check "after kill -9: the store passes its integrity check" [ "$(sqlite3 "$(store_db)" 'PRAGMA integrity_check')" = ok ]
fi
ebox sync --json
check_rc "after kill -9: a sync completes" 0
check "after kill -9: the box is complete" [ "$(json 'j["sync"]["messages"]')" -ge 3000 ]
provider_stop

# --- new mail, announced once -----------------------------------------------------------------
provider_start
printf 'set new_mail_command "env | grep ^EBOX_ > %s/newmail.env"\n' "$T" >> "$CFG"
ebox check --json
check_rc "the first check: exit 0" 0
first=$(json 'j["new"]')
check "the first check announces the unread mail ($first)" [ "$first" -gt 0 ]
check "the first check lists them" [ "$(json 'len(j["messages"])')" -eq "$first" ]
check "each of them is unread" [ "$(json 'all(not m["read"] for m in j["messages"])')" = true ]
wait_for "new_mail_command ran" 30 test -s "$T/newmail.env"
check "new_mail_command got EBOX_NEW" grep -q '^EBOX_NEW=[1-9]' "$T/newmail.env"
check "new_mail_command got EBOX_ACCOUNT" grep -q '^EBOX_ACCOUNT=demo$' "$T/newmail.env"
rm -f "$T/newmail.env"
ebox check --json
check_rc "nothing new: exit 4" 4
check "nothing new: an empty list" [ "$(json 'j["new"]')" -eq 0 ]
control POST messages '{"subject": {"fr": "Lettre toute neuve"}, "id": "brand-new-1"}' > /dev/null
ebox check --json
check_rc "one new message: exit 0" 0
check "exactly one new message" [ "$(json 'j["new"]')" -eq 1 ]
check "it is the new one" [ "$(json 'j["messages"][0]["messageId"]')" = brand-new-1 ]
wait_for "new_mail_command ran again" 30 test -s "$T/newmail.env"
check "new_mail_command: EBOX_NEW=1" grep -q '^EBOX_NEW=1$' "$T/newmail.env"
ebox check
check_rc "announced once: the next check has nothing (exit 4)" 4
check_err "in words" "No new mail"

# --- one malformed message among good ones --------------------------------------------------
provider_start --malformed
ebox list --folder All --json
check_rc "malformed messages: list exits 0" 0
good=$(api demo "$URL/bosa/REST/ebox/messageRegistry/v2/ebox/messages?page=1" | "$PYTHON3" -c '
import json, sys
print(json.load(sys.stdin)["totalItems"])')
check "every good message is listed (the bad ones are malformed-1, -2, -4)" [ "$(json 'sum(1 for m in j["messages"] if m["provider"] == "ebox-bosa")')" -eq $((good - 3)) ]
check "a message whose document was bad is kept, without it" [ "$(json 'sum(1 for m in j["messages"] if m["messageId"] in ("malformed-3", "malformed-6"))')" -eq 2 ]
check "a document without a name is kept under a made-up one" [ "$(json 'sum(1 for m in j["messages"] if m["messageId"] == "malformed-5")')" -eq 1 ]
check_err "the provider is named on stderr, by its name" "Digital Post BOSA sent"
check_err "with the reason" "could not be read: message"
ebox providers --json
check "providers --json counts what was rejected" [ "$(json '[p["rejected"] for p in j["providers"] if p["id"] == "ebox-bosa"][0]')" -ge 3 ]
check "providers --json gives the first reason" [ -n "$(json '[p["rejectedReason"] for p in j["providers"] if p["id"] == "ebox-bosa"][0]')" ]
ebox sync
ebox providers --json
check "a sync of the new messages keeps the count" [ "$(json '[p["rejected"] for p in j["providers"] if p["id"] == "ebox-bosa"][0]')" -ge 3 ]
ebox sync --full
check_err "the next complete listing says so again" "Digital Post BOSA sent"

# --- a damaged store ----------------------------------------------------------------------------
db=$(store_db)
printf 'this is not a database at all, not even a little bit: %0500d' 0 > "$db"
rm -f "$db-wal" "$db-shm"
ebox list
check "a damaged store: a clear error, no crash" [ "$RC" -ne 0 -a "$RC" -lt 128 ]
check_err "a damaged store: the way out is named" "--rebuild-store"
"$EBOX_TUI" --config "$CFG" --rebuild-store list > "$T/out" 2> "$T/err"; RC=$?
check_rc "--rebuild-store: list exits 0" 0
check "--rebuild-store: the damaged file is set aside" [ -n "$(ls "$(dirname "$db")" | grep broken)" ]
ebox list --folder All --json
check "--rebuild-store: the box is whole again" [ "$(json 'j["count"]')" -gt 0 ]
done_testing
