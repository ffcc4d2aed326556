#!/bin/sh
# make-corpus.sh - writes the seed corpora (tests/fuzz/corpus/TARGET/) and
# the dictionaries (tests/fuzz/dict/TARGET.dict) from the unit test
# fixtures, the themes, the man page's example and the option and key
# tables, so the seeds follow the sources.  Run it from anywhere after
# changing those; commit what it writes.  It replaces the seeds it makes
# and leaves other files in corpus/ alone (inputs added by hand, crashes
# turned into seeds).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
fx=$top/tests/unit/fixtures
C=$here/corpus
D=$here/dict

mkdir -p "$D"
for t in decode token token-cache config split theme keys pattern sanitize \
    mailcap isotime text; do
	mkdir -p "$C/$t"
done

# seed TARGET NAME PRINTF-FORMAT: one seed from printf's octal escapes.
seed() {
	# shellcheck disable=SC2059
	printf "$3" > "$C/$1/$2"
}

# --- decode: first byte picks the decoder (order of fuzz-decode.c) ------
# decoder numbers: 0 messages 1 message 2 attachments 3 attachment
# 4 tstring 5 payment 6 summary 7 providers 8 message_type
# 9 message_types 10 organization 11 organizations 12 application
# 13 applications 14 status
dec() {
	n=$1
	shift
	for f in "$@"; do
		{ printf "\\$(printf %03o "$n")"; cat "$fx/$f"; } \
		    > "$C/decode/$(printf %02d "$n")-${f%.json}"
	done
}
dec 0 messages-v21.json messages-v3.json bad-attachment.json bad-date.json \
    bad.json deep.json escape-bidi.json invalid-utf8.json missing-id.json \
    too-many-items.json trailing-garbage.json truncated.json \
    wrong-subject.json wrong-types.json empty.json
dec 1 message.json huge-string.json
dec 2 attachments.json
dec 3 attachment.json
dec 4 body.json
dec 5 payment.json payment-no-iban.json payment-ref-object.json
dec 6 summary.json summary-minimal.json
dec 7 providers.json providers-items.json providers-bad-date.json
dec 8 message-type.json
dec 9 message-types.json
dec 10 organization.json
dec 11 organizations.json
dec 12 application.json
dec 13 applications.json
dec 14 status-v21.json status-fed.json status-odd.json

# --- token: first byte picks the status (0 = 200, 4 = 400, 8 = 500) -----
seed token ok '\000{"access_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln","token_type":"Bearer","expires_in":3600,"scope":"scope:document:management"}'
seed token ok-string-ttl '\000{"access_token":"abc.def","expires_in":"120"}'
seed token ok-huge-ttl '\000{"access_token":"abc","expires_in":99999999999999999999}'
seed token no-token '\000{"token_type":"Bearer","expires_in":3600}'
seed token bad-token '\000{"access_token":"a b\\r\\nX-Injected: 1"}'
seed token refused '\004{"error":"invalid_client","error_description":"The client assertion is \\u001b[31mexpired\\u001b[0m \\u202e"}'
seed token refused-plain '\005{"error":"unauthorized_client"}'
seed token server-error '\010<html><body>502 Bad Gateway</body></html>'
seed token empty '\000'

# --- token-cache: the account of fuzz-token-cache.c ---------------------
seed token-cache valid '{"token_url":"https://idp.example/oauth2/token","client_id":"ebox-client","access_token":"eyJ0eXAiOiJKV1QifQ.e30.c2ln","expires_at":1800000000}'
seed token-cache expired '{"token_url":"https://idp.example/oauth2/token","client_id":"ebox-client","access_token":"tok","expires_at":1700000000}'
seed token-cache other-client '{"token_url":"https://idp.example/oauth2/token","client_id":"someone-else","access_token":"tok","expires_at":1800000000}'
seed token-cache string-expiry '{"token_url":"https://idp.example/oauth2/token","client_id":"ebox-client","access_token":"tok","expires_at":"1800000000"}'
seed token-cache space-token '{"token_url":"https://idp.example/oauth2/token","client_id":"ebox-client","access_token":"to k","expires_at":1800000000}'
seed token-cache truncated '{"token_url":"https://idp.example/oauth2/token","client_id":"ebox-cl'

# --- config: the man page's example and the unit tests' shapes ----------
sed -n '/^\.Sh EXAMPLES/,/^\.Ed/p' "$top/doc/ebox-tui.conf.5" |
    sed -e '1,/^\.Bd/d' -e '/^\.Ed/d' > "$C/config/man-example"
seed config accounts 'sidebar = yes\nset sort=due\nset sort_reverse\naccount work\n  set page_size 10\n  token_command "printf %%s tok"\naccount home\n  set page_size ""\n'
seed config quoting 'set index_format "%%Z \\"%%s\\" \\t\\e[1m"\nset save_dir '"'"'~/my docs'"'"'\n# comment\nset theme dark # trailing\n'
seed config errors 'set page_size 0\n'
seed config typo 'set pagesize 10\n'
seed config bom '\357\273\277set ascii yes\r\n'
seed config source 'source nowhere.conf\n'
seed config ui-lines 'bind index x quit\nmacro pager Z "jjj"\nunbind generic q\ncolor status red default bold\nmono status reverse\n'

# --- split: single lines ------------------------------------------------
seed split plain 'set page_size 10'
seed split quotes 'set a "b \\"c\\" \\n\\t\\r\\e" '"'"'d e'"'"' f\\ g'
seed split comment 'bind index j next-line # a comment "#x"'
seed split unclosed 'set x "never closed'
seed split hash-in-word 'color normal #ff0000 a#b'

# --- theme: the shipped themes ------------------------------------------
for f in "$top"/themes/*.theme; do
	cp "$f" "$C/theme/$(basename "$f" .theme)"
done
seed theme errors 'colour normal red blue\ncolor nrmal red blue\ncolor normal color256 default\ncolor normal red blue blod\nmono\n'

# --- keys: the default bindings and odd names ---------------------------
sed -n 's/^	"\(bind [^"]*\)",$/\1/p' "$top/src/ui/ui-keys.c" > "$C/keys/defaults"
seed keys names '<F1>\n<F12>\n<f5>\n<PageDown>\n^A\n^[\n\303\251\n<Space>\nj\n'
seed keys lines 'bind generic <F3> help\nmacro index Z "jj"\nunbind pager /\nbind nowhere j quit\nbind index j no-such-op\nunbind index\n'

# --- pattern: the forms of pattern.h ------------------------------------
seed pattern from '~f "SPF Finances"'
seed pattern dates '~d 2026-01-01..2026-06-30 !~d 2026-03-05 ~d ..2026-02-01'
seed pattern ages '~d <7d ~d >2m ~d <1y ~d >3w'
seed pattern flags '~r ~N ~E ~P ~H ~T !~r'
seed pattern text 'facture "electricit" ~s Steuer ~t INVOICE'
seed pattern bad '~x ~d yesterday !'

# --- sanitize: first byte is the flags (1 newlines, 2 tabs) -------------
seed sanitize escapes '\003\033[31mred\033[0m \033]0;title\007 \033P+q\033\\ \302\233J \302\235x\302\234 tab\there\r\nnext'
seed sanitize bidi '\000invoice\342\200\256fdp.exe \342\201\246x\342\201\251 \330\234 \342\200\216\342\200\217 \357\273\277'
seed sanitize invalid '\000Caf\377 \303 x \300\257 \355\240\200 fin \364\220\200\200'
seed sanitize names '\000../../etc/passwd'
seed sanitize dots '\000 .. . -rf .bashrc ...'
seed sanitize long '\000aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \303\251\303\251.pdf'
seed sanitize percent '\000Facture%%20%%C3%%A9t%%C3%%A9%%2Fx%%00.pdf %%zz %%4'
seed sanitize backslash '\000C:\\Users\\x\\doc.pdf\342\200\215'

# --- mailcap: TYPE NUL PATH NUL MAILCAP ---------------------------------
seed mailcap tests 'application/pdf\000/tmp/ebox/Facture.pdf\000# a comment\n\napplication/pdf; evince %%s; test=test -n "$DISPLAY"; description=PDF \\; document; nametemplate=%%s.pdf\nText/HTML ; w3m -T text/html -dump %%s ; copiousoutput ; NeedsTerminal ; x-unknown=1\ntext/plain; less\r\n'
seed mailcap continued 'text/html; charset="utf-8"\000-rf\000text/html; w3m -dump \\\n  -T text/html %%s; \\\n   copiousoutput\ntext/plain; cat %%s\nimage/png; display %%s; \\'
seed mailcap quotes 'text/plain; charset=iso-8859-1\000it'"'"'s "a" $(b) `c`.txt\000text/plain; iconv -f %%{charset} -t utf-8 '"'"'%%s'"'"' | less; copiousoutput\ntext/*; less "%%s"\ntext/x; printf %%%%s %%t\n'
seed mailcap reparse 'text/plain\000a;b\000text/plain; sh -c '"'"'less %%s'"'"'\ntext/x; eval cat %%s\ntext/y; xterm -e "$(echo less) %%s"\ntext/z; bash -c "cat %%s"\n'
seed mailcap comment 'text/plain\000x\000text/plain; less # the file is %%s\n'
seed mailcap wildcard 'image/png\000p.png\000image; feh %%s\n*/*; xdg-open %%s\n'

# --- isotime ------------------------------------------------------------
seed isotime offset '2023-04-29T10:25:53+02:00'
seed isotime zulu '2023-04-29T10:25:53Z'
seed isotime fraction '2023-04-29T10:25:53.123456Z'
seed isotime compact-offset '2023-04-29 10:25-0530'
seed isotime leap-second '2016-12-31T23:59:60Z'
seed isotime date '2024-02-29'
seed isotime dst '2026-03-29'
seed isotime epoch '1970-01-01T00:00:00Z'
seed isotime far '9999-12-31T23:59:59-23:59'

# --- text: HAYSTACK NUL NEEDLE ------------------------------------------
seed text accents 'Fran\303\247ois \303\211lectricit\303\251 Stra\303\237e \305\223uvre\000francois'
seed text greek '\316\221\316\222\316\223 \320\200\320\220 \357\274\241\000\316\261'
seed text combining 'e\314\201t\303\251\000ete'
seed text invalid 'Caf\377 \303\000caf'
seed text money '\000\000\000\000\000\000\360\077\000\001'

# --- dictionaries -------------------------------------------------------
# dict FILE WORD...: one entry per plain word (no quotes, no backslashes).
dict() {
	f=$D/$1
	shift
	for w in "$@"; do
		printf '"%s"\n' "$w"
	done > "$f"
}
# raw FILE ENTRY...: entries already in libFuzzer's dictionary syntax
# ("..." with \\, \" and \xNN escapes: no \n or \t), appended.
raw() {
	f=$D/$1
	shift
	for w in "$@"; do
		printf '%s\n' "$w"
	done >> "$f"
}

# Every member name decode.c reads, quoted as in JSON, and JSON tokens.
grep -o '"[a-z][a-zA-Z]*"' "$top/src/ebox/decode.c" | sort -u |
    sed 's/"\(.*\)"/"\\"\1\\""/' > "$D/decode.dict"
raw decode.dict '"{"' '"}"' '"["' '"]"' '":"' '","' '"null"' '"true"' \
    '"false"' '"\\u0000"' '"\\ud800"' '"\\u202e"' '"1e999"' '"-0"' \
    '"\"items\":["' '"\"totalItems\":"' '"\"2023-04-29T10:25:53+02:00\""' \
    '"\"2023-04-29\""' '"\xc3\xa9"' '"\xff"'

dict token.dict access_token token_type expires_in scope error \
    error_description Bearer
raw token.dict '"\"access_token\":\""' '"\"expires_in\":"' \
    '"\"error_description\":\""' '"\\u001b["'
dict token-cache.dict token_url client_id access_token expires_at \
    https://idp.example/oauth2/token ebox-client 1800000000
dict config.dict set account source bind unbind macro color mono yes no \
    on off true false = '#' '~/' \
    $(sed -n 's/.*\.name = "\([^"]*\)".*/\1/p' \
        "$top/src/config/config-options.c")
raw config.dict '"\""' '"'"'"'"' '"\\\""' '"\\e"' '"\xef\xbb\xbf"'
: > "$D/split.dict"
raw split.dict '"\""' '"'"'"'"' '"\\"' '"\\\""' '"#"' '"\\n"' '"\\t"' \
    '"\\e"' '"\\r"' '"\x09"' '"\x0a"' '"\x0d"'
dict theme.dict color mono colour default color0 color255 \
    $(grep -o -e '{ "[a-z]*", ' -e '] = "[a-z_]*",' \
        "$top/src/config/theme.c" | sed 's/.*"\(.*\)".*/\1/' | sort -u)
dict keys.dict bind unbind macro generic index sidebar pager attach help \
    log '<F' '<Enter>' '<Tab>' '<Esc>' '<Space>' '<Backspace>' '<Delete>' \
    '<Insert>' '<Up>' '<Down>' '<Left>' '<Right>' '<PageUp>' \
    '<PageDown>' '<Home>' '<End>' '<BackTab>' '^' '<F1>' '<F12>' \
    $(sed -n 's/^	"bind [a-z]* [^ ]* \([a-z-]*\)",$/\1/p' \
        "$top/src/ui/ui-keys.c" | sort -u)
raw keys.dict '"\x7f"' '"\xc2\x9b"' '"^@"' '"^_"'
dict pattern.dict '~f' '~s' '~t' '~d' '~r' '~N' '~E' '~P' '~H' '~T' '!' \
    .. '<' '>' 7d 2w 3m 1y 2026-03-05 2026-01-01.. ..2026-06-30 \
    999999999999999d
raw pattern.dict '"\""'
dict mailcap.dict '%s' '%t' '%{charset}' '%%' copiousoutput needsterminal \
    test= nametemplate= description= '$(' '`' eval '-c' 'sh -c ' '; ' '#' \
    charset= '*/*' text/plain '-' './' '${' '&&' '|' '<' '>' ')'
raw mailcap.dict '"'"'"'"' '"\""' '"\\"' '"\\;"' '"\x00"' '"\x0a"' '"\\\x0a"'
dict isotime.dict T Z z + - : . , 2026- -02-29 23:59:60 0000- 9999- \
    +14:00 -23:59 0999-
raw isotime.dict '" "'
: > "$D/sanitize.dict"
raw sanitize.dict '"\x1b["' '"\x1b]"' '"\x1bP"' '"\x1b\\"' '"\x07"' \
    '"\xc2\x9b"' '"\xc2\x9d"' '"\xc2\x9c"' '"\xc2\x85"' '"\xe2\x80\xae"' \
    '"\xe2\x81\xa6"' '"\xe2\x81\xa9"' '"\xd8\x9c"' '"\xe2\x80\x8e"' \
    '"\xe2\x80\x8d"' '"\xe2\x80\xa8"' '"\xef\xbb\xbf"' '"\xef\xbf\xbd"' \
    '"%2F"' '"%00"' '"%C3%A9"' '"%"' '".."' '"/"' '"\\"' '"\x0d\x0a"' '"\x09"' \
    '"."' '" "' '"-"'
dict text.dict EUR USD fr nl de en
raw text.dict '"\xc3\x89"' '"\xc3\x9f"' '"\xc5\x93"' '"\xc3\x86"' \
    '"\xc4\xb0"' '"\xcc\x81"' '"\xce\x91"' '"\xd0\x80"' '"\xef\xbc\xa1"' \
    '"\xc2\xa0"' '"\x00"'

echo "make-corpus: $(find "$C" -type f | wc -l) seeds," \
    "$(du -sk "$C" | cut -f1) KiB; $(ls "$D" | wc -l) dictionaries"
