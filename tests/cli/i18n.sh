#!/bin/bash
# i18n: every catalogue is complete, no string in the sources lacks a
# translation, and the program speaks French, Dutch and German.
. "$srcdir/tests/cli/lib.sh"
: "${MSGFMT:=msgfmt}" "${XGETTEXT:=xgettext}"

# msgstr LANG MSGID: the translation of MSGID in po/LANG.po (oracle read
# straight from the catalogue, not through the program).
msgstr() {
	"$PYTHON3" - "$srcdir/po/$1.po" "$2" <<'PY'
import ast, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for block in text.split("\n\n"):
    m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
    if m:
        ident = "".join(ast.literal_eval(x) for x in m.group(1).split("\n") if x)
        if ident == sys.argv[2]:
            print("".join(ast.literal_eval(x) for x in m.group(2).split("\n") if x))
PY
}

for l in fr nl de; do
	stats=$("$MSGFMT" -c --statistics -o /dev/null "$srcdir/po/$l.po" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && ! contains "$stats" untranslated && ! contains "$stats" fuzzy; then
		pass "po/$l.po: $stats"
	else
		fail "po/$l.po must be complete and valid: $stats"
	fi
done

# A string added to the sources without a translation fails here.
(cd "$srcdir" && "$XGETTEXT" --from-code=UTF-8 -k_ -kN_ -o "$T/now.pot" \
    $POTFILES) || fail "xgettext could not read the sources"
for l in fr nl de; do
	if out=$(msgcmp "$srcdir/po/$l.po" "$T/now.pot" 2>&1); then
		pass "po/$l.po translates every string of the sources"
	else
		fail "po/$l.po lacks translations (run make update-po): $(printf '%s' "$out" | head -5)"
	fi
done

# --- every entry of every catalogue: translated, not fuzzy, and a plural
# entry with all its forms (issue 9: a catalogue without its plural form
# says "1 messages").  msgfmt counts; this names the entry.
for l in fr nl de; do
	if out=$("$PYTHON3" - "$srcdir/po/$l.po" <<'PY'
import ast, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'Plural-Forms: *nplurals=(\d+)', text)
nplurals = int(m.group(1)) if m else 0
bad = [] if m else ["the header has no Plural-Forms"]
for block in text.split("\n\n"):
    lines = [x for x in block.split("\n") if x and not x.startswith("#~")]
    fields, cur = {}, None
    for x in lines:
        k = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', x)
        if k:
            cur = k.group(1)
            fields[cur] = ast.literal_eval(k.group(2))
        elif x.startswith('"') and cur:
            fields[cur] += ast.literal_eval(x)
    mid = fields.get("msgid")
    if not mid:
        continue                # the header, or an obsolete entry
    name = repr(mid[:60])
    if any(x.startswith("#,") and "fuzzy" in x for x in lines):
        bad.append("fuzzy: " + name)
    forms = sorted(k for k in fields if k.startswith("msgstr["))
    if "msgid_plural" in fields:
        if "msgstr" in fields:
            bad.append("a plural entry translated without plural forms: " + name)
        elif len(forms) != nplurals:
            bad.append("%d plural forms instead of %d: %s" % (len(forms), nplurals, name))
        else:
            for k in forms:
                if fields[k] == "":
                    bad.append("%s is empty: %s" % (k, name))
    elif forms:
        bad.append("plural forms for a singular msgid: " + name)
    elif fields.get("msgstr", "") == "":
        bad.append("untranslated: " + name)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
); then
		pass "po/$l.po: every entry translated, not fuzzy, with all its plural forms"
	else
		fail "po/$l.po: $(printf '%s' "$out" | head -8)"
	fi
done

# --- no user-visible literal reaches the output unmarked -----------------
# Every C source (src/ui included) is scanned for string literals given
# straight to the output and UI functions below without _() or N_(); a
# literal that holds a letter once printf conversions and escapes are
# taken out is a sentence someone reads.  Each offender is reported as
# FILE:LINE.  Literals that must stay as they are go on ALLOW, each with
# the reason; UI_TODO lists what src/ui still shows unmarked (the inbox
# work fixes those and empties the list).  An entry that no longer
# matches fails too, so both lists only shrink.
# NAME/N: the Nth argument is no text (a message's key, the answer keys of
# a choice), whatever it holds.
SCAN_FUNCS="printf fprintf dprintf vprintf vfprintf fputs puts err_set
err_prefix snprintf xasprintf buf_printf buf_puts mailcap_warn
decode_json_fail render_field render_field_owned render_heading ui_message
ui_error ui_note/2 ui_note_error/2 ui_prompt_yesno ui_prompt_choice/3
ui_prompt_choice_words/3 ui_prompt_text ui_draw_text ui_pager_show_text
ui_wrap_append ui_msg_wrap out_text addstr waddstr mvaddstr mvwaddstr
addnstr waddnstr mvaddnstr mvwaddnstr printw wprintw mvprintw mvwprintw"
# FILE|LITERAL (as written in the source, adjacent literals joined).
cat > "$T/allow" <<'ALLOW'
# Paths, file names and their patterns: the file system, not people.
src/app/app.c|%s/config
src/app/app.c|%s/token-%s.json
src/app/app.c|%ld-XXXXXX
src/app/app.c|%s/keep-%ld.tmp
src/cmd/cmd-archive.c|%s/%s.json
src/cmd/cmd-save.c|document-%zu
src/config/theme.c|%s/%s.theme
src/ebox/decode.c|document-%zu%s
src/store/store-docs.c|%s.part
src/store/store.c|%s.broken-%s
src/store/store.c|%s.broken-%s.%d
src/util/safefile.c|%s/%s.part
src/util/safefile.c|%s/%s.%d.part
src/util/safefile.c|%s.XXXXXX
src/util/xdg.c|%s/ebox-tui
src/util/xdg.c|%s/%s/ebox-tui
src/ui/ui.c|%s/doc-%u%s
src/ui/ui.c|%s/ebox-tui-XXXXXX
src/ui/ui.c|/tmp
src/ui/ui.c|%s/themes
# Protocols: HTTP headers, form bodies, URL paths, JSON, SQL, ISO dates,
# the environment of new_mail_command (ebox-tui.conf(5)), the name of a
# digest algorithm before its value (receipts), the EPC069-12 QR payload
# (a banking app reads it, not a person), iCalendar syntax (agenda.c).
src/cmd/cmd-receipts.c|  sha256:%s\n
src/app/agenda.c|%s-%s-%s@ebox-tui
src/app/agenda.c|BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ebox-tui//agenda//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n
src/app/agenda.c|BEGIN:VEVENT\r\n
src/app/agenda.c|END:VALARM\r\nEND:VEVENT\r\n
src/app/agenda.c|END:VCALENDAR\r\n
src/app/agenda.c|TRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\n
src/app/agenda.c|\\n
src/app/agenda.c|expires
src/app/agenda.c|pay
src/ebox/pay.c|BCD\n002\n1\nSCT\n%s\n%s\n%s\nEUR%lld.%02lld\n\n
src/auth/auth.c|Authorization: Bearer %s
src/auth/auth.c|grant_type=client_credentials&client_assertion_type=urn%%3Aietf%%3Aparams%%3Aoauth%%3Aclient-assertion-type%%3Ajwt-bearer&client_assertion=%s%s%s
src/auth/auth.c|&scope=
src/ebox/client.c|ebox/messages?page=%d&pageSize=%d
src/ebox/client.c|{\"items\":[
src/ebox/client.c|%s{\"messageId\":%s,\"visible\":%s}
src/ebox/client.c|true
src/ebox/client.c|false
src/ebox/client.c|],\"totalItems\":%zu}
src/ebox/client.c|{\"partitionId\":%s}
src/ebox/decode-json.c|\\u%04x
src/ebox/decode-json.c|null
src/ebox/decode-json.c|true
src/ebox/decode-json.c|false
src/store/store-schema.c|PRAGMA user_version = %d
src/store/store-search.c| AND 
src/util/isotime.c|%04u-%02u-%02uT%02u:%02u:%02uZ
src/app/sync.c|EBOX_NEW=%zu
src/app/sync.c|EBOX_REGISTERED=%zu
src/app/sync.c|EBOX_UNREAD=%zu
src/app/sync.c|EBOX_ACCOUNT=%s
# Language codes, key names, flag letters and keywords of the config
# syntax: what users type, the same in every language.
src/app/app.c|en
src/config/keyname.c|<F%d>
src/config/keyname.c|<key %d>
src/config/keyname.c|<U+%04X>
src/mailbox/mailbox-view.c|A%d
src/ui/ui-help.c|macro
src/ui/ui-prompt.c|y
src/ui/ui-prompt.c|n
# The program name before the developer sentence of fatal() (out of memory and
# broken tables: no catalogue is trusted then), and a programming error
# no user can cause.
src/util/xalloc.c|ebox-tui: 
src/net/job.c|job: stdin_data is not supported
# A reply's publication (Message Registry 2.1 publishMessage): multipart
# syntax, HTTP headers and part names are the protocol's; "Re:" is the
# subject prefix every language of the eBox reads, not a word of ours.
src/app/reply.c|Re: %s
src/app/reply.c|upfile%zu
src/ebox/client.c|Content-Type: multipart/form-data; boundary=%s
src/ebox/client.c|Idempotency-Key: %s
src/ebox/multipart.c|UTF-8''
src/ebox/multipart.c|--%s\r\nContent-Disposition: form-data; name=\"%s\"
src/ebox/multipart.c|; filename=\"%s\"
src/ebox/multipart.c|; filename*=
src/ebox/multipart.c|Content-Type: %s\r\n
ALLOW
# TEMPORARY: what src/ui still shows unmarked (FILE|LITERAL).  The work
# on the inbox removes each line as it marks the string; nothing else
# may be added here.
cat > "$T/ui_todo" <<'UI_TODO'
UI_TODO
(cd "$srcdir" && find src -name '*.c' | sort) > "$T/sources"
scan=$(cd "$srcdir" && "$PYTHON3" - "$T/allow" "$T/ui_todo" "$SCAN_FUNCS" \
    $(cat "$T/sources") <<'PY'
import re, sys
def entries(path):
    out = set()
    for x in open(path, encoding="utf-8").read().split("\n"):
        if x and not x.startswith("#"):
            f, _, lit = x.partition("|")
            out.add((f, lit))
    return out
allow, todo = entries(sys.argv[1]), entries(sys.argv[2])
funcs, skip = set(), set()
for x in sys.argv[3].split():
    name, _, n = x.partition("/")
    funcs.add(name)
    if n:
        skip.add((name, int(n)))
marks = {"_", "N_", "gettext", "ngettext", "dgettext", "dngettext"}
tok = re.compile(r'''(?P<nl>\n)|(?P<ws>[ \t\r\f\v]+)|(?P<com>/\*.*?\*/|//[^\n]*)|(?P<pp>^[ \t]*\#(?:[^\n]|\\\n)*)|(?P<str>(?:u8|L|u|U)?"(?:\\.|[^"\\\n])*")|(?P<chr>'(?:\\.|[^'\\\n])+')|(?P<id>[A-Za-z_]\w*)|(?P<num>\d[\w.]*)|(?P<p>.)''', re.S | re.M)
spec = re.compile(r'%(\d+\$)?[-+ #0\']*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGaAcspn%]')
esc = re.compile(r'\\(x[0-9a-fA-F]+|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)')
keywords = {"return", "else", "do", "case"}
def visible(s):
    # Letters left once conversions ("%s", "%-20s") and escapes go.
    return re.search(r'[A-Za-z]', spec.sub(" ", esc.sub(" ", s))) is not None
def literals(path):
    """[line, function, literal] for each literal given at the top level
    of an argument of a function in funcs: not inside a nested call,
    whose own output is its own business, nor inside _() or N_()."""
    toks, line = [], 1
    for m in tok.finditer(open(path, encoding="utf-8").read()):
        k, v = m.lastgroup, m.group()
        if k not in ("nl", "ws", "com", "pp"):
            toks.append((k, v, line))
        line += v.count("\n")
    found = []
    for i, (k, v, line) in enumerate(toks):
        if k != "id" or v not in funcs or toks[i + 1:i + 2] != [("p", "(", toks[i + 1][2])]:
            continue
        if i > 0 and toks[i - 1][0] == "id" and toks[i - 1][1] not in keywords:
            continue            # a prototype: "void ui_message(..."
        stack, prev, cur, arg = [(True, v)], None, None, 1
        for kk, vv, ll in toks[i + 2:]:
            if kk == "p" and vv == "(":
                stack.append((prev is not None and prev[0] == "id",
                    prev[1] if prev else None))
            elif kk == "p" and vv == ")":
                stack.pop()
                if not stack:
                    break
            elif kk == "p" and vv == "," and len(stack) == 1:
                arg += 1
            elif kk == "str" and (v, arg) in skip:
                pass
            elif kk == "str" and not any(c for c, n in stack[1:]):
                lit = vv[vv.index('"') + 1:-1]
                if prev is not None and prev[0] == "str" and cur is not None:
                    cur[2] += lit
                else:
                    cur = [ll, v, lit]
                    found.append(cur)
            prev = (kk, vv)
    return found
bad, pending, seen = [], [], set()
for path in sys.argv[4:]:
    for line, fn, lit in literals(path):
        if not visible(lit):
            continue
        seen.add((path, lit))
        where = "%s:%d: %s(\"%s\")" % (path, line, fn, lit)
        if (path, lit) in allow:
            continue
        (pending if (path, lit) in todo else bad).append(where)
for f, lit in sorted((allow | todo) - seen):
    bad.append("%s: \"%s\" is on %s but no longer in the sources: remove "
        "it" % (f, lit, "ALLOW" if (f, lit) in allow else "UI_TODO"))
for f, lit in sorted(todo):
    if not f.startswith("src/ui/"):
        bad.append("%s: \"%s\": UI_TODO is for src/ui only" % (f, lit))
for x in pending:
    print("TODO " + x)
for x in bad:
    print("BAD " + x)
PY
) || fail "the scan of the sources could not run"
if printf '%s\n' "$scan" | grep -q '^TODO '; then
	echo "# UI_TODO: src/ui still shows these unmarked (the inbox work fixes them):"
	printf '%s\n' "$scan" | sed -n 's/^TODO /#   /p'
fi
if printf '%s\n' "$scan" | grep -q '^BAD '; then
	fail "user-visible literals must go through _() or N_() (or on ALLOW with a reason):
$(printf '%s\n' "$scan" | sed -n 's/^BAD /  /p')"
else
	pass "every user-visible literal given to the output is marked (ALLOW and UI_TODO aside)"
fi

# A number meeting a noun needs ngettext: a singular msgid whose number
# is followed by a plural noun ("%zu messages") says "1 messages".  Units
# are no nouns ("%d s", "%d MiB").  PLURAL_TODO lists what src/ui still
# counts that way (MSGID|FILE), to be emptied like UI_TODO.
cat > "$T/plural_todo" <<'PLURAL_TODO'
PLURAL_TODO
plurals=$("$PYTHON3" - "$T/now.pot" "$T/plural_todo" <<'PY'
import ast, re, sys
todo = set()
for x in open(sys.argv[2], encoding="utf-8").read().split("\n"):
    if x:
        mid, _, f = x.rpartition("|")
        todo.add((mid, f))
units = {"s", "ms", "KiB", "MiB", "kB", "MB"}
verbs = {"was", "does", "has", "is", "its", "this"}
seen = set()
for block in open(sys.argv[1], encoding="utf-8").read().split("\n\n"):
    if "msgid_plural" in block:
        continue
    m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
    if not m:
        continue
    mid = "".join(ast.literal_eval(x) for x in m.group(1).split("\n") if x)
    files = {r.split(":")[0] for l in block.split("\n") if l.startswith("#: ")
        for r in l[3:].split()}
    nouns = [w for w in re.findall(r'%(?:\d+\$)?[-+ 0-9]*(?:hh|h|ll|l|z|j)?[diu] +([A-Za-z]+)', mid)
        if w not in units | verbs and len(w) > 2 and w.endswith("s")]
    if not nouns:
        continue
    for f in sorted(files):
        seen.add((mid, f))
        print(("TODO " if (mid, f) in todo else "BAD ") + "%s: \"%s\"" % (f, mid))
for mid, f in sorted(todo - seen):
    print("BAD %s: \"%s\" is on PLURAL_TODO but counts no more: remove it" % (f, mid))
PY
) || fail "the plural scan could not run"
if printf '%s\n' "$plurals" | grep -q '^TODO '; then
	echo "# PLURAL_TODO: src/ui still counts these without ngettext:"
	printf '%s\n' "$plurals" | sed -n 's/^TODO /#   /p'
fi
if printf '%s\n' "$plurals" | grep -q '^BAD '; then
	fail "a number meets a plural noun without ngettext (\"1 messages\"):
$(printf '%s\n' "$plurals" | sed -n 's/^BAD /  /p')"
else
	pass "every number that meets a noun goes through ngettext (PLURAL_TODO aside)"
fi

# The program in each language (locales generated by ./quickstart).
provider_start
ebox list --folder All --json
reg=$(json '[m["id"] for m in j["messages"] if m["registered"]][0]')
pay=$(json '[m["id"] for m in j["messages"] if m["hasPayment"]][0]')
plain=$(json '[m["id"] for m in j["messages"] if not m["registered"] and not m["hasPayment"] and m["documents"] == 1][0]')
for loc in fr_BE nl_BE de_BE; do
	l=${loc%_BE}
	if ! locale -a 2>/dev/null | grep -qi "^$loc.utf-\?8$"; then
		fail "locale $loc.UTF-8 is not installed (./quickstart generates it)"
		continue
	fi
	want=$(msgstr "$l" "Read your Belgian eBox (official government mail) in a terminal.")
	LC_ALL=$loc.UTF-8 "$EBOX_TUI" --help > "$T/help" 2>&1
	check "$loc: --help speaks $l" grep -qF "$want" "$T/help"
	check "$loc: --help has no English summary line" not grep -qF "Read your Belgian eBox" "$T/help"
done
# The one-sentence summary: registered, payment and plain, in two languages.
for loc in fr_BE nl_BE; do
	l=${loc%_BE}
	reg_word=$(msgstr "$l" "Registered mail from %s: %s." | sed 's/%s.*//')
	msg_word=$(msgstr "$l" "Message from %s: %s." | sed 's/%s.*//')
	pay_word=$(msgstr "$l" "Pay %s by %s." | sed 's/%s.*//')
	LC_ALL=$loc.UTF-8 $EBOX_VALGRIND "$EBOX_TUI" --config "$CFG" show "$reg" --summary > "$T/s" 2>&1
	check "$loc: summary of registered mail starts '$reg_word'" grep -q "^$reg_word" "$T/s"
	LC_ALL=$loc.UTF-8 "$EBOX_TUI" --config "$CFG" show "$pay" --summary > "$T/s" 2>&1
	check "$loc: summary of a payment says '$pay_word' with a euro amount" grep -q "$pay_word.*€" "$T/s"
	LC_ALL=$loc.UTF-8 "$EBOX_TUI" --config "$CFG" show "$plain" --summary > "$T/s" 2>&1
	check "$loc: summary of a plain message starts '$msg_word'" grep -q "^$msg_word" "$T/s"
	check "$loc: the plain summary holds no English" not grep -qE "Message from|Registered mail from|Expires on|Pay " "$T/s"
done
LC_ALL=nl_BE.UTF-8 "$EBOX_TUI" --config "$CFG" show "$pay" --summary > "$T/s" 2>&1
check "nl_BE: amounts as € 1.234,56" grep -qE "€ [0-9.]+,[0-9]{2}" "$T/s"
LC_ALL=fr_BE.UTF-8 "$EBOX_TUI" --config "$CFG" show "$pay" --summary > "$T/s" 2>&1
check "fr_BE: amounts as 1 234,56 €" grep -qE "[0-9]+,[0-9]{2} €" "$T/s"

# --- numbers meet nouns: one is singular in every language (issue 9:
# "1 messages", "1 fournisseurs sur 2 ont répondu", "1 berichten",
# "1 Nachrichten") ------------------------------------------------------
LOCS="C fr_BE nl_BE de_BE"
have_locale() {
	[ "$1" = C ] || locale -a 2>/dev/null | grep -qi "^$1.utf-\?8$"
}
# ends_with TEXT END: "1 non lu" must not pass for "1 non lus".
ends_with() { case "$1" in *"$2") return 0;; esac; return 1; }
# in_lang LOC ARGS...: ebox in locale LOC ($OUT, $ERR, $RC).
in_lang() {
	local loc=$1; shift
	LC_ALL=$loc.UTF-8 ebox "$@"
}
# says LOC WHERE WANT: checks that $OUT or $ERR (WHERE) holds WANT.
says() {
	local text=$OUT
	[ "$2" = stderr ] && text=$ERR
	if contains "$text" "$3"; then pass "$1: $2 says '$3'"
	else fail "$1: $2 should say '$3'"; fi
}
# A folder of one message, none unread: "1 message, 0 unread".
ebox folders --json
one=$(json '[f["name"] for f in j["folders"] if f["total"] == 1 and f["unread"] == 0][0]')
for loc in $LOCS; do
	have_locale "$loc" || { fail "locale $loc.UTF-8 is not installed"; continue; }
	in_lang "$loc" folders
	line=$(printf '%s\n' "$OUT" | grep "^$one ")
	case $loc in
	C) want="1 message, 0 unread" ;;
	fr_BE) want="1 message, 0 non lu" ;;
	nl_BE) want="1 bericht, 0 ongelezen" ;;
	de_BE) want="1 Nachricht, 0 ungelesen" ;;
	esac
	check "$loc: folders says '$want' for $one" ends_with "$line" "$want"
done
# One unread among the hidden: "1 unread" ("1 non lu").
ebox list --json
unread=$(json '[m["id"] for m in j["messages"] if not m["read"] and not m["registered"]][-1]')
ebox hide "$unread"
ebox folders --json
check "hid an unread message" [ "$(json '[f["unread"] for f in j["folders"] if f["name"] == "Hidden"][0]')" = 1 ]
for loc in $LOCS; do
	have_locale "$loc" || continue
	in_lang "$loc" folders
	line=$(printf '%s\n' "$OUT" | grep "^Hidden ")
	case $loc in
	C) want="2 messages, 1 unread" ;;
	fr_BE) want="2 messages, 1 non lu" ;;
	nl_BE) want="2 berichten, 1 ongelezen" ;;
	de_BE) want="2 Nachrichten, 1 ungelesen" ;;
	esac
	check "$loc: folders says '$want' for Hidden" ends_with "$line" "$want"
done

# One provider of two down: "1 of 2 providers answered", the other named
# by its display name, in every language.
down=$(api demo "${URL}/REST/ebox/enterprise/federation/v1/messageProviders" |
    "$PYTHON3" -c 'import json, sys; print(json.load(sys.stdin)[0]["messageProviderId"])')
provider_start --provider-down "$down"
for loc in $LOCS; do
	have_locale "$loc" || continue
	in_lang "$loc" providers --json
	name=$(json '[p["name"] for p in j["providers"] if p["id"] == "'"$down"'"][0]')
	in_lang "$loc" list
	case $loc in
	C) says "$loc" stderr "1 of 2 providers answered" ;;
	fr_BE) says "$loc" stderr "1 fournisseur sur 2 a répondu" ;;
	nl_BE) says "$loc" stderr "1 van de 2 aanbieders heeft geantwoord" ;;
	de_BE) says "$loc" stderr "1 von 2 Anbietern hat geantwortet" ;;
	esac
	says "$loc" stderr "$name"
	check "$loc: the failed provider is not named by its id" not contains "$ERR" "$down:"
done

# An overdue payment says so in the one-sentence summary, as show does
# (issue 9: "Pay €1,198.72 by 21 October." read as current).  The data
# set of 100 days ago: its payments due within 100 days are overdue now.
past=$("$PYTHON3" -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) - d.timedelta(days=100)).strftime("%Y-%m-%dT10:00:00Z"))')
provider_start --now "$past"
ebox list --folder Payments --json
overdue=
for id in $(json '" ".join(m["id"] for m in j["messages"])'); do
	ebox show "$id" --json
	if [ "$(json 'j["message"]["payment"] is not None and j["message"]["payment"]["dueDate"] is not None and j["message"]["payment"]["dueDate"][:10] < __import__("datetime").date.today().isoformat()')" = true ]; then
		overdue=$id
		break
	fi
done
check "the data set of 100 days ago has an overdue payment" [ -n "$overdue" ]
for loc in $LOCS; do
	have_locale "$loc" || continue
	in_lang "$loc" show "$overdue" --summary
	case $loc in
	C) says "$loc" stdout "was due on" ; says "$loc" stdout "(overdue)." ;;
	fr_BE) says "$loc" stdout "était dû le" ; says "$loc" stdout "(en retard)." ;;
	nl_BE) says "$loc" stdout "moest uiterlijk op" ; says "$loc" stdout "(vervallen)." ;;
	de_BE) says "$loc" stdout "fällig (überfällig)." ;;
	esac
	check "$loc: the overdue summary does not ask to pay" not grep -qE "^Pay |Pay .* by|À payer|Te betalen|Zahlen Sie" "$T/out"
done
# German dates take the ordinal period ("bis 20. Januar 2027").
if have_locale de_BE; then
	in_lang de_BE show "$overdue" --summary
	check "de_BE: the due date has its ordinal period" grep -qE "am [0-9]{1,2}\. [A-Z][a-zä]+ " "$T/out"
fi

# --- error sentences in the reader's language, nouns and layer names
# included (issue 9: "the provider registry: impossible de se connecter")
provider_start --bad-json
for loc in fr_BE nl_BE de_BE; do
	have_locale "$loc" || continue
	in_lang "$loc" list
	case $loc in
	fr_BE) says "$loc" stderr "la liste des messages sous une forme illisible : la liste des messages n'est pas du JSON valide" ;;
	nl_BE) says "$loc" stderr "de berichtenlijst in een onleesbare vorm: de berichtenlijst is geen geldige JSON" ;;
	de_BE) says "$loc" stderr ": die Nachrichtenliste war nicht lesbar: die Nachrichtenliste ist kein gültiges JSON" ;;
	esac
	check "$loc: no English noun in the data error" not grep -qE "message list|could not be read" "$T/err"
done
# No connection at all: the registry by name, and what to do.
provider_start
ebox list --json
nodocs=$(json '[m["id"] for m in j["messages"] if m["documents"] == 0][0]')
provider_stop
for loc in $LOCS; do
	have_locale "$loc" || continue
	in_lang "$loc" list
	case $loc in
	C) says "$loc" stderr "the provider registry cannot be reached: could not connect to" ;;
	fr_BE) says "$loc" stderr "le registre des fournisseurs est injoignable : impossible de se connecter" ;;
	nl_BE) says "$loc" stderr "het register van postaanbieders is niet bereikbaar: kon geen verbinding maken" ;;
	de_BE) says "$loc" stderr "das Verzeichnis der Postanbieter ist nicht erreichbar: keine Verbindung" ;;
	esac
	case $loc in
	C) says "$loc" stderr "check your connection, or try again later" ;;
	fr_BE) says "$loc" stderr "vérifiez votre connexion ou réessayez plus tard" ;;
	nl_BE) says "$loc" stderr "controleer uw verbinding of probeer het later opnieuw" ;;
	de_BE) says "$loc" stderr "prüfen Sie Ihre Verbindung oder versuchen Sie es später erneut" ;;
	esac
done
# save's usage errors (issue 9: English in every language).
for loc in fr_BE nl_BE de_BE; do
	have_locale "$loc" || continue
	in_lang "$loc" --offline save "$nodocs"
	check_rc "$loc: save of a message without documents is a usage error" 1
	check "$loc: save says so in $loc" not grep -qE "this message|nothing to save" "$T/err"
	case $loc in
	fr_BE) says "$loc" stderr "save : " ;;
	nl_BE) says "$loc" stderr "save: " ;;
	de_BE) says "$loc" stderr "save: " ;;
	esac
done
done_testing
