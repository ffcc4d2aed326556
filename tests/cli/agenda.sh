#!/bin/bash
# Deadlines (issue 10, part 2): `agenda` lists every payment due and every
# expiry, nearest first, with "overdue"; --ics writes an RFC 5545 calendar
# that a strict hand check and Python's icalendar both read, and a second
# run yields the same events (stable UIDs), replacing the file.
: "${srcdir:=.}"
. "$srcdir/tests/cli/lib.sh" || exit 99

provider_start
ebox list --folder All --json
want_pay=$(json 'sum(1 for m in j["messages"] if m["hasPayment"] and m["onServer"])')
want_exp=$(json 'sum(1 for m in j["messages"] if m["expires"] and m["onServer"])')
ebox agenda --json
check "agenda --json exits 0" [ "$RC" = 0 ]
check "one item per payment due ($want_pay)" [ "$(json 'sum(1 for a in j["agenda"] if a["kind"] == "payment")')" = "$want_pay" ]
check "and one per expiry ($want_exp)" [ "$(json 'sum(1 for a in j["agenda"] if a["kind"] == "expiry")')" = "$want_exp" ]
check "nearest first" [ "$(json 'all(a["date"] <= b["date"] for a, b in zip(j["agenda"], j["agenda"][1:]))')" = true ]
check "an overdue payment is in it (days < 0)" [ "$(json 'any(a["kind"] == "payment" and a["days"] < 0 for a in j["agenda"])')" = true ]
ebox agenda
check_out "the text says overdue" "overdue"
check_out "and in how many days" "in "
check "the overdue payment comes first" eval 'printf "%s\n" "$OUT" | head -n 1 | grep -q overdue'

n=$(($(json 'len(j["agenda"])' 2> /dev/null || echo 0)))
ebox agenda --json
n=$(json 'len(j["agenda"])')
ebox agenda --ics "$T/deadlines.ics"
check "--ics exits 0" [ "$RC" = 0 ]
check_out "and says how many" "$n deadlines written to"
# A strict hand check of the syntax (RFC 5545 3.1): CRLF, 75 octets.
"$PYTHON3" - "$T/deadlines.ics" > "$T/strict" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")
bad = []
if not data.endswith(b"\r\n"): bad.append("no final CRLF")
if b"\n" in data.replace(b"\r\n", b""): bad.append("a bare LF")
for i, l in enumerate(lines):
    if len(l) > 75: bad.append("line %d has %d octets" % (i + 1, len(l)))
    try: l.decode("utf-8")
    except UnicodeDecodeError: bad.append("line %d splits a character" % (i + 1))
unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
depth = []
for l in unfolded:
    if l.startswith("BEGIN:"): depth.append(l[6:])
    elif l.startswith("END:"):
        if not depth or depth.pop() != l[4:]: bad.append("unbalanced " + l)
if depth: bad.append("unclosed " + ",".join(depth))
print("; ".join(bad) or "ok")
PY
check "the hand check passes ($(cat "$T/strict"))" [ "$(cat "$T/strict")" = ok ]
# What a calendar application reads (python3-icalendar).
read_ics() {
	"$PYTHON3" - "$1" <<'PY'
import sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
for ev in cal.walk("VEVENT"):
    alarms = ev.walk("VALARM")
    trig = alarms[0]["TRIGGER"].dt if alarms else None
    start = ev["DTSTART"].dt
    assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime)
    print(ev["UID"], start.isoformat(), trig == datetime.timedelta(days=-7), ev["DTSTAMP"].dt.tzinfo is not None)
PY
}
read_ics "$T/deadlines.ics" > "$T/events1" 2> "$T/ics.err"
check "icalendar reads it ($(head -c 200 "$T/ics.err"))" [ -s "$T/events1" -a ! -s "$T/ics.err" ]
check "one event per deadline ($n)" [ "$(wc -l < "$T/events1")" = "$n" ]
check "every event has a reminder a week before" [ "$(grep -c ' True True$' "$T/events1")" = "$n" ]
check "UIDs are unique" [ "$(cut -d' ' -f1 "$T/events1" | sort -u | wc -l)" = "$n" ]
ebox agenda --ics "$T/deadlines.ics"
read_ics "$T/deadlines.ics" > "$T/events2"
check "a second run: the same events, the same UIDs" cmp -s "$T/events1" "$T/events2"
check "the file was replaced, not set beside" [ -z "$(find "$T" -maxdepth 1 -name 'deadlines*' ! -name deadlines.ics)" ]
ebox agenda --ics "$T/no/such/dir/x.ics"
check "an unwritable path: a clear error, exit 3" eval '[ "$RC" = 3 ] && printf "%s" "$ERR" | grep -q "cannot create a file next to"'
LC_ALL=fr_BE.UTF-8 EBOX_TUI_LOCALEDIR=$EBOX_TUI_LOCALEDIR ebox agenda
check_out "fr: en retard" "en retard"
check_out "fr: Payer" "Payer"
done_testing
