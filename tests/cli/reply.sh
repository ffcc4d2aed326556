#!/bin/bash
# Replies: `reply ID --body FILE [--attach FILE]...` publishes one reply
# through publishMessage (checked against what the test provider received:
# recipient, originalMessageId, text, files and their SHA-256), the same
# reply sent twice is published once, a retry after a lost answer is seen
# as one publication, refusals publish nothing, `sent` and the Sent folder
# list the replies, and a reply that could not be sent is kept with its
# error.
: "${srcdir:=.}"
. "$srcdir/tests/cli/lib.sh" || exit 99

# pub EXPR: evaluates a Python expression on the publications the provider
# received (p: the items of GET /_test/published; E: the environment).
pub() {
	control GET published | "$PYTHON3" -c '
import json, os, sys
p = json.load(sys.stdin)["items"]
E = os.environ
r = eval(sys.argv[1])
print(r if not isinstance(r, bool) else str(r).lower())' "$1"
}
npub() { pub 'len(p)'; }
# b64sha FILE: the file's SHA-256 in base64url without padding.
b64sha() {
	"$PYTHON3" -c '
import base64, hashlib, sys
d = hashlib.sha256(open(sys.argv[1], "rb").read()).digest()
print(base64.urlsafe_b64encode(d).rstrip(b"=").decode())' "$1"
}
nonzero() { [ "$RC" -ne 0 ]; }

provider_start
ebox list --folder All --json
check "list --folder All --json exits 0" [ "$RC" = 0 ]
ID=$(json '[m["id"] for m in j["messages"] if m["replyAuthorized"] and m["onServer"]][0]')
NOREPLY=$(json '[m["id"] for m in j["messages"] if not m["replyAuthorized"] and m["onServer"]][0]')
export ORIG_MID=$(json '[m["messageId"] for m in j["messages"] if m["id"] == "'"$ID"'"][0]')
export ORIG_ORG=$(json '[m["senderOrganizationId"] for m in j["messages"] if m["id"] == "'"$ID"'"][0]')
ORIG_PROVIDER=$(json '[m["provider"] for m in j["messages"] if m["id"] == "'"$ID"'"][0]')
printf '%s' "$OUT" | "$PYTHON3" -c '
import json, sys
j = json.load(sys.stdin)
m = [m for m in j["messages"] if m["id"] == sys.argv[1]][0]
print("\n".join(v for v in (m.get("subjects") or {}).values() if v) or m["subject"])' "$ID" > "$T/orig-subjects"
export ORIG_SUBJECTS="$T/orig-subjects"
check "a message that accepts replies ($ID) and one that does not ($NOREPLY)" \
    [ -n "$ID" -a -n "$NOREPLY" -a -n "$ORIG_MID" -a -n "$ORIG_ORG" ]

ebox --offline sent
check "before any reply, sent says there is none" eval '[ "$RC" = 0 ] && [ "$OUT" = "No reply sent yet." ]'

# --- a reply with two files -------------------------------------------------
printf 'Dear Sir or Madam,\n\n\tI enclose the requested documents.\nRégards, Zoë\n' > "$T/body.txt"
printf '%%PDF-1.4\n%% a small test document\n%%%%EOF\n' > "$T/a.pdf"
printf 'name,amount\nrent,1200.50\n' > "$T/b.csv"
export BODY1=$(cat "$T/body.txt")    # what is sent: the trailing newline dropped
export PDF_SHA=$(b64sha "$T/a.pdf") CSV_SHA=$(b64sha "$T/b.csv")
export PDF_SIZE=$(wc -c < "$T/a.pdf") CSV_SIZE=$(wc -c < "$T/b.csv")
ebox reply "$ID" --body "$T/body.txt" --attach "$T/a.pdf" --attach "$T/b.csv" --yes --json
check_rc "reply --attach a.pdf --attach b.csv --yes --json exits 0" 0
check "its JSON says state sent" [ "$(json 'j["reply"]["state"]')" = sent ]
export MID1=$(json 'j["reply"]["messageId"] or ""')
export KEY1=$(json 'j["reply"]["idempotencyKey"] or ""')
SENT1=$(json 'j["reply"]["id"] or ""')
check "and gives the eBox message id" [ -n "$MID1" ]
check "and says it was not sent before" [ "$(json 'j["reply"]["sentBefore"]')" = false ]
check "the provider received exactly one publication" [ "$(npub)" = 1 ]
check "its messageId is the one printed" [ "$(pub 'p[0]["messageId"] == E["MID1"]')" = true ]
check "its originalMessageId is the message answered ($ORIG_MID)" \
    [ "$(pub 'p[0]["originalMessageId"] == E["ORIG_MID"] == p[0]["messageToPublish"]["originalMessageId"]')" = true ]
check "it goes to the sender's enterprise eBox ($ORIG_ORG)" \
    [ "$(pub 'p[0]["messageToPublish"]["recipient"] == {"eboxType": "enterprise", "eboxIdValue": E["ORIG_ORG"]}')" = true ]
check "its text is the body, byte for byte (the final newline aside)" \
    [ "$(pub 'list(p[0]["messageToPublish"]["bodyContent"].values()) == [E["BODY1"]]')" = true ]
check "the text is the main content" [ "$(pub 'p[0]["messageToPublish"]["bodyMainContent"]')" = true ]
check "the subject is Re: and the message's subject" \
    [ "$(pub 'all(s.startswith("Re: ") and s[4:] in open(E["ORIG_SUBJECTS"]).read().split("\n") for s in p[0]["messageToPublish"]["subject"].values())')" = true ]
check "two files: a.pdf (application/pdf), b.csv (text/csv)" \
    [ "$(pub '[(f["fileName"], f["mediaType"].split(";")[0]) for f in p[0]["files"]] == [("a.pdf", "application/pdf"), ("b.csv", "text/csv")]')" = true ]
check "their sizes ($PDF_SIZE, $CSV_SIZE bytes)" \
    [ "$(pub '[f["size"] for f in p[0]["files"]] == [int(E["PDF_SIZE"]), int(E["CSV_SIZE"])]')" = true ]
check "what arrived has the SHA-256 of the files" \
    [ "$(pub '[f["digest"] for f in p[0]["files"]] == [E["PDF_SHA"], E["CSV_SHA"]]')" = true ]
check "and the digests announced in the message are those" \
    [ "$(pub '[a["digest"]["digestValue"] for a in p[0]["messageToPublish"]["attachments"]] == [E["PDF_SHA"], E["CSV_SHA"]]')" = true ]
check "its Idempotency-Key is the one printed" [ "$(pub 'p[0]["idempotencyKey"] == E["KEY1"] != ""')" = true ]

# --- the same reply again: published once -----------------------------------
ebox reply "$ID" --body "$T/body.txt" --attach "$T/a.pdf" --attach "$T/b.csv" --yes --json
check_rc "the same reply again exits 0" 0
check "and says it was sent before" [ "$(json 'j["reply"]["sentBefore"]')" = true ]
check "with the first messageId" [ "$(json 'j["reply"]["messageId"]')" = "$MID1" ]
check "the provider still has one publication" [ "$(npub)" = 1 ]
check "nothing was even sent again (attempts 1)" [ "$(pub 'p[0]["attempts"]')" = 1 ]
ebox reply "$ID" --body "$T/body.txt" --attach "$T/a.pdf" --attach "$T/b.csv" --yes
check "in text it says it was not sent again" eval '[ "$RC" = 0 ] && contains "$OUT" "sent before" && contains "$OUT" "$MID1"'

# --- another text: another publication ---------------------------------------
printf 'Second reply,\r\nwritten with CRLF.\r\n' > "$T/body2.txt"
ebox reply "$ID" --body "$T/body2.txt" --yes --json
check_rc "a reply with another text exits 0" 0
export MID2=$(json 'j["reply"]["messageId"] or ""')
SENT2=$(json 'j["reply"]["id"] or ""')
check "it is a new one (new messageId, not sent before)" \
    [ -n "$MID2" -a "$MID2" != "$MID1" -a "$(json 'j["reply"]["sentBefore"]')" = false ]
check "the provider now has two publications" [ "$(npub)" = 2 ]
check "the second is that one, with its own Idempotency-Key" \
    [ "$(pub 'p[1]["messageId"] == E["MID2"] and p[1]["idempotencyKey"] != E["KEY1"]')" = true ]
check "its text has CRLF made LF, without files" \
    [ "$(pub 'list(p[1]["messageToPublish"]["bodyContent"].values()) == ["Second reply,\nwritten with CRLF."] and p[1]["files"] == [] and not p[1]["messageToPublish"].get("attachments")')" = true ]

# --- sent, the Sent folder, the Inbox ---------------------------------------
ebox sent --json
check_rc "sent --json exits 0" 0
check "sent lists the two replies" [ "$(json 'len(j["sent"])')" = 2 ]
check "both sent, with the messageIds the provider gave" \
    [ "$(json 'sorted((s["state"], s["messageId"]) for s in j["sent"]) == sorted([("sent", "'"$MID1"'"), ("sent", "'"$MID2"'")])')" = true ]
check "both answer the original message" \
    [ "$(json 'all(s["inReplyTo"] == "'"$ORIG_MID"'" and s["recipient"] == "'"$ORIG_ORG"'" and s["error"] is None for s in j["sent"])')" = true ]
ebox sent
check "sent in text names the messageIds" eval 'contains "$OUT" "$MID1" && contains "$OUT" "$MID2"'
ebox list --folder Sent --json
check_rc "list --folder Sent --json exits 0" 0
check "the Sent folder lists the two replies" \
    [ "$(json 'sorted(m["id"] for m in j["messages"]) == sorted(["'"$SENT1"'", "'"$SENT2"'"])')" = true ]
ebox list --json
check "the Inbox does not list them" \
    [ "$(json 'not any(m["id"] in ("'"$SENT1"'", "'"$SENT2"'") or m["messageId"].startswith("sent-") for m in j["messages"])')" = true ]

# --- refusals: nothing published, nothing recorded ---------------------------
n_before=$(npub)
ebox reply "$NOREPLY" --body "$T/body.txt" --yes
check "a message without replyAuthorized: refused" nonzero
check_err "with a sentence on stderr" "does not accept replies"
ebox reply "$ID" --yes
check_rc "no --body: a usage error (exit 1, as --help documents)" 1
check_err "that names --body" "--body"
: > "$T/empty.txt"
ebox reply "$ID" --body "$T/empty.txt" --yes
check "an empty text: refused" nonzero
check_err "because it is empty" "empty"
printf '\n  \n\t\n' > "$T/blank.txt"
ebox reply "$ID" --body "$T/blank.txt" --yes
check "a text of blank lines: refused as empty" eval 'nonzero && contains "$ERR" "empty"'
printf 'Hello\0world\n' > "$T/nul.txt"
ebox reply "$ID" --body "$T/nul.txt" --yes
check "a text holding NUL: refused" nonzero
check_err "a control character is named" "control character"
printf 'Hello \033[31mred\n' > "$T/esc.txt"
ebox reply "$ID" --body "$T/esc.txt" --yes
check "a text holding ESC: refused" eval 'nonzero && contains "$ERR" "control character"'
set --
for i in 1 2 3 4 5 6 7; do
	echo "file $i" > "$T/f$i.txt"
	set -- "$@" --attach "$T/f$i.txt"
done
ebox reply "$ID" --body "$T/body.txt" --yes "$@"
check "7 files: refused" nonzero
check_err "at most 6" "At most 6"
ebox reply "$ID" --body "$T/body.txt" --attach "$T/no-such-annex.pdf" --yes
check "a file that does not exist: refused" nonzero
check_err "naming it" "no-such-annex.pdf"
ebox reply "$ID" --body "$T/body.txt" --attach "$T/empty.txt" --yes
check "an empty file: refused" nonzero
check_err "as empty, naming it" "empty.txt is empty"
ebox reply "$ID" --body "$T/body2.txt" < /dev/null
check "without --yes, stdin not a terminal: refused" nonzero
check_err "saying to add --yes" "--yes"
check "no refusal published anything ($n_before publications)" [ "$(npub)" = "$n_before" ]
ebox sent --json
check "and none was recorded as a reply" [ "$(json 'len(j["sent"])')" = 2 ]
# The text from a pipe (--body -, with --yes).
ebox reply "$ID" --body - --yes --json < <(printf 'Sent from a script,\nthrough a pipe.\n')
check "--body - reads the text from a pipe" [ "$RC" = 0 -a "$(json 'j["reply"]["state"]')" = sent ]
check "and publishes it" [ "$(pub '"through a pipe." in list(p[-1]["messageToPublish"]["bodyContent"].values())[0]')" = true ]
ebox reply "$ID" --body - < <(printf 'x')
check "--body - without --yes: refused (stdin cannot also answer)" nonzero

# --- a lost answer: the retry is the same publication ------------------------
provider_start --publish-timeout-once
echo "set request_timeout 3" >> "$CFG"
ebox list --folder All --json
ID=$(json '[m["id"] for m in j["messages"] if m["messageId"] == "'"$ORIG_MID"'"][0]')
printf 'A reply whose first answer is lost.\n' > "$T/body3.txt"
ebox reply "$ID" --body "$T/body3.txt" --yes --json
check_rc "the answer to the first attempt never comes: reply still exits 0" 0
check "state sent" [ "$(json 'j["reply"]["state"]')" = sent ]
export MID3=$(json 'j["reply"]["messageId"] or ""')
export KEY3=$(json 'j["reply"]["idempotencyKey"] or ""')
check "the provider has exactly one publication" [ "$(npub)" = 1 ]
check "that two attempts carried (attempts 2)" [ "$(pub 'p[0]["attempts"]')" = 2 ]
check "its messageId is the one the CLI printed" [ "$(pub 'p[0]["messageId"] == E["MID3"] != ""')" = true ]
check "with the same Idempotency-Key" [ "$(pub 'p[0]["idempotencyKey"] == E["KEY3"]')" = true ]
ebox sent --json
check "sent lists it as sent with that messageId" \
    [ "$(json '[(s["state"], s["messageId"]) for s in j["sent"]] == [("sent", "'"$MID3"'")]')" = true ]

# --- no eBox: an error, nothing lost -----------------------------------------
provider_stop
printf 'A reply while the eBox is away.\n' > "$T/body4.txt"
ebox reply "$ID" --body "$T/body4.txt" --yes
check_rc "the provider is dead: reply fails with a network error (exit 2)" 2
check "with a clear error on stderr" eval 'contains "$ERR" "cannot be reached" || contains "$ERR" "offline"'
ebox --offline sent --json
check "the reply sent before is still listed (--offline)" \
    [ "$RC" = 0 -a "$(json '[(s["state"], s["messageId"]) for s in j["sent"] if s["state"] == "sent"] == [("sent", "'"$MID3"'")]')" = true ]
check "no reply is left half-sent (state sending)" \
    [ "$(json 'any(s["state"] == "sending" for s in j["sent"])')" = false ]
# The eBox is there, but its registry fails the publication.
KEEP_STORE=1 provider_start --provider-down "$ORIG_PROVIDER" --retry-after 0
ebox reply "$ID" --body "$T/body4.txt" --yes
check "the registry fails the publication (503): reply exits non-zero" nonzero
check_err "saying why" "503"
check "nothing was published" [ "$(npub)" = 0 ]
ebox --offline sent --json
check "the reply is kept, state failed, with the error" \
    [ "$(json 'len([s for s in j["sent"] if s["state"] == "failed" and "503" in (s["error"] or "") and s["messageId"] is None and s["inReplyTo"] == "'"$ORIG_MID"'"])')" = 1 ]
check "beside the reply sent before" [ "$(json 'len(j["sent"])')" = 2 ]
ebox --offline sent
check "sent in text shows it failed and why" eval 'contains "$OUT" "failed" && contains "$OUT" "503"'
KEEP_STORE=1 provider_start
ebox sent --json
check "later, with the eBox back, sent still lists the failed reply" \
    [ "$RC" = 0 -a "$(json 'len([s for s in j["sent"] if s["state"] == "failed" and s["error"]])')" = 1 ]
ebox list --folder Sent --json
check "and so does the Sent folder (two replies)" [ "$(json 'j["count"]')" = 2 ]

# Sending the failed one again: its id in Sent, nothing to retype.
ebox sent --json
FAILED_ID=$(json '[s["id"] for s in j["sent"] if s["state"] == "failed"][0]')
check "sent --json gives the failed reply's id" [ -n "$FAILED_ID" ]
ebox reply "$FAILED_ID" --body "$T/body4.txt" --yes
check "a reply you wrote takes no new --body (exit 1)" [ "$RC" = 1 ]
ebox reply "$FAILED_ID" --yes --json
check "reply SENT-ID sends it again as it was" [ "$RC" = 0 -a "$(json 'j["reply"]["state"]')" = sent ]
check "one publication now" [ "$(npub)" = 1 ]
control GET published > "$T/again.json"
check "with the text kept" eval '"$PYTHON3" -c "import json,sys; i=json.load(open(sys.argv[1]))[\"items\"][0]; sys.exit(list(i[\"messageToPublish\"][\"bodyContent\"].values())[0] != open(sys.argv[2]).read().strip())" "$T/again.json" "$T/body4.txt"'
ebox sent --json
check "the same row is now sent (no second entry)" [ "$(json 'len([s for s in j["sent"] if s["state"] == "sent"])')" = 2 -a "$(json 'len(j["sent"])')" = 2 ]
ebox reply "$FAILED_ID" --yes
check "once sent, it is not sent again" eval '[ "$RC" != 0 ] && contains "$ERR" "sent already"'
check "still one publication" [ "$(npub)" = 1 ]
done_testing
