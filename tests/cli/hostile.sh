#!/bin/bash
# Hostile server text never reaches the terminal raw, and hostile file
# names never escape the save directory.
. "$srcdir/tests/cli/lib.sh"
provider_start --hostile

# raw_ok FILE: no ESC, no C1 (as UTF-8 or raw bytes), no bidi overrides,
# no other C0 control but newline, and valid UTF-8.
raw_ok() {
	"$PYTHON3" - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("invalid UTF-8 at byte %d" % e.start)
bad = [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7f <= ord(c) <= 0x9f
       or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
if bad:
    sys.exit("found %r" % bad[:5])
PY
}

ebox list --folder All
check_rc "list with hostile subjects exits 0" 0
check "list output is free of escapes, C1, bidi and invalid UTF-8" raw_ok "$T/out"
ebox list --folder All --json
check "list --json output is clean too" raw_ok "$T/out"
hostile=$(json '" ".join(m["id"] for m in j["messages"] if any(c in m["subject"] for c in "\ufffd[") or "pwned" in m["subject"])')
check "the hostile messages are listed" [ -n "$hostile" ]
for id in $hostile; do
	ebox show "$id"
	check "show $id is clean" raw_ok "$T/out"
	ebox show "$id" --json
	check "show --json $id is clean" raw_ok "$T/out"
done

# Attachment names: ../../x, /etc/passwd, a/b.pdf, control characters.
mkdir -p "$T/jail/inside"
ebox list --folder All --json
evil= want=0
for id in $(json '" ".join(m["id"] for m in j["messages"] if m["documents"] > 0)'); do
	ebox show "$id" --json
	if [ "$(json 'any(c in (a["fileName"] or "") for a in j["message"]["attachments"] for c in ("/", "..", "%2", "\x1b"))')" = true ]; then
		evil="$evil $id"
		want=$((want + $(json 'len(j["message"]["attachments"])')))
	fi
done
check "messages with hostile document names exist" [ -n "$evil" ]
for id in $evil; do
	ebox save "$id" --all --confirm-registered -o "$T/jail/inside"
	check_rc "saving the hostile names of $id exits 0" 0
done
check "nothing was written outside the save directory" eval '[ -z "$(find "$T/jail" -mindepth 1 -not -path "$T/jail/inside*")" ] && [ ! -e "$T/x" ] && [ ! -e "$T/jail/x" ]'
check "every file sits directly in the save directory" [ -z "$(find "$T/jail/inside" -mindepth 2)" ]
n=$(find "$T/jail/inside" -type f | wc -l)
check "every hostile document was saved ($n of $want)" [ "$n" -eq "$want" -a "$n" -ge 5 ]
check "no saved name holds a control character or starts with a dot" [ -z "$(ls -A "$T/jail/inside" | LC_ALL=C grep -E '[[:cntrl:]]|^\.')" ]
ls "$T/jail/inside" > "$T/names"
check "saved names are clean for the terminal" raw_ok "$T/names"
check "/etc/passwd was not touched" [ "$(stat -c %Y /etc/passwd)" -lt "$(date +%s)" ]

# Finding 9: in a locale that is not UTF-8 the output is transliterated:
# no byte above 0x7F (0x80-0x9F would be C1 controls on a Latin-1
# terminal; 0x9B is CSI).
ascii_only() { ! LC_ALL=C grep -q -P '[\x80-\xff]' "$1"; }
LC_ALL=C ebox list --folder All
check_rc "list in the C locale exits 0" 0
check "list in the C locale writes ASCII only" ascii_only "$T/out"
check "accents are transliterated, not dropped (Liège -> Liege)" grep -q "Liege" "$T/out"
for id in $hostile; do
	LC_ALL=C ebox show "$id"
	check "show $id in the C locale writes ASCII only" ascii_only "$T/out"
done
LC_ALL=C ebox folders
check "folders in the C locale writes ASCII only" ascii_only "$T/out"

# Finding 9: invisible characters are shown, not passed on silently.
ebox list --folder All
check "a bidi override in a subject is shown as <U+202E>" grep -q '<U+202E>' "$T/out"

# Finding 11: no core file can carry a token to disk.
provider_start --hostile --latency 3000
"$EBOX_TUI" --config "$CFG" list > /dev/null 2>&1 &
pid=$!
limits_zero() { grep -q -E '^Max core file size +0 +0 ' "/proc/$pid/limits" 2>/dev/null; }
deadline=$(( $(date +%s) + 30 ))
while ! limits_zero && kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
	sleep 0.05
done
check "ebox-tui runs with a core file size limit of 0" limits_zero
wait "$pid"
done_testing
