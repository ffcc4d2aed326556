#!/bin/bash
# scale.sh - ebox-tui at 10 000 and 100 000 messages, against a static HTTPS
# server (Debian's nginx: TLS, HTTP/2, 127.0.0.1 only, pages as files), so
# that the figures measure the client and not a Python server.
#
#   bench/scale.sh                          (from a built checkout)
#   SCALE_SIZES=10000 bench/scale.sh        (a quick run)
#
# Prints one table: figure, ebox-tui, yardstick, ratio, goal.  Figures,
# never pass/fail: the exit status is 0 when it could measure.  See
# bench/README for what each figure means and what it needs.
#
# Environment:
#   SCALE_SIZES       box sizes (default "10000 100000")
#   SCALE_BIG         1 adds the 120 000-message box to SCALE_SIZES
#   SCALE_RUNS        timed runs per figure, medians reported (default 3)
#   SCALE_SAVE_SIZE   bytes of the saved document (default 1073741824)
#   SCALE_TUI         0 skips the interactive-inbox figures (default 1)
#   BENCH_CACHE       generated boxes and the big document, reused across
#                     runs (default /tmp/ebox-bench-cache)
#   EBOX_TUI          the binary (default ./ebox-tui of this checkout)
#   SCALE_KEEP        1 keeps the scratch directory (logs, www) for a look
set -u
export LC_ALL=C.UTF-8
export PYTHONDONTWRITEBYTECODE=1        # nothing written into the checkout

srcdir=$(cd "$(dirname "$0")/.." && pwd)
bench=$srcdir/bench
EBOX_TUI=${EBOX_TUI:-$srcdir/ebox-tui}
SCALE_SIZES=${SCALE_SIZES:-10000 100000}
[ "${SCALE_BIG:-0}" = 1 ] && SCALE_SIZES="$SCALE_SIZES 120000"
SCALE_RUNS=${SCALE_RUNS:-3}
SCALE_SAVE_SIZE=${SCALE_SAVE_SIZE:-1073741824}
SCALE_TUI=${SCALE_TUI:-1}
BENCH_CACHE=${BENCH_CACHE:-/tmp/ebox-bench-cache}
PYTHON3=${PYTHON3:-python3}
CC=${CC:-cc}
START=$EPOCHREALTIME

say() { printf '%s\n' "$*" >&2; }
die() { say "scale.sh: $*"; exit 1; }

# --- what it needs ------------------------------------------------------------

[ -x "$EBOX_TUI" ] || die "no $EBOX_TUI: build the checkout first" \
    "(autoreconf -fi && ./configure && make)"
if ! command -v nginx > /dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
	say "scale.sh: nginx is missing; installing Debian's nginx"
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y nginx > /dev/null || die "apt-get install nginx failed"
	else
		sudo apt-get install -y nginx > /dev/null || die "apt-get install nginx failed"
	fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in curl openssl "$PYTHON3" /usr/bin/time; do
	command -v "$tool" > /dev/null 2>&1 || die "needs $tool"
done
HAVE_TMUX=1
command -v tmux > /dev/null 2>&1 || HAVE_TMUX=0
[ "$SCALE_TUI" = 0 ] && HAVE_TMUX=0

# --- scratch, and everything stopped on exit ---------------------------------

S=$(mktemp -d "${TMPDIR:-/tmp}/ebox-scale.XXXXXX") || die "mktemp failed"
NGINX_PID=
TM_SOCK=ebox-scale-$$
export TMUX_TMPDIR=$S/tmux
mkdir -p "$TMUX_TMPDIR"
RESULTS=$S/results
: > "$RESULTS"

nginx_stop() {
	if [ -n "$NGINX_PID" ]; then
		kill -TERM "$NGINX_PID" 2> /dev/null
		wait "$NGINX_PID" 2> /dev/null
		NGINX_PID=
	fi
}
# shellcheck disable=SC2317  # called by the trap
cleanup() {
	trap - EXIT INT TERM HUP
	tmux -L "$TM_SOCK" -f /dev/null kill-server > /dev/null 2>&1
	nginx_stop
	if [ "${SCALE_KEEP:-0}" = 1 ]; then
		say "scale.sh: scratch kept in $S"
	else
		rm -rf "$S"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# The client's environment: every XDG directory in the scratch dir.
export HOME=$S/home XDG_CONFIG_HOME=$S/xdg/config XDG_CACHE_HOME=$S/xdg/cache \
    XDG_DATA_HOME=$S/xdg/data XDG_STATE_HOME=$S/xdg/state
unset EBOX_TUI_CONFIG EBOX_TUI_LOG NO_COLOR
mkdir -p "$HOME"
# The store a figure starts from, stated for each: fresh_xdg (cold: no
# store, no token cache), or warm_xdg (a copy of the directories one cold
# `list` filled, kept in $S/warm by keep_warm).
fresh_xdg() {
	rm -rf "$S/xdg"
	mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"
}
keep_warm() {
	rm -rf "$S/warm"
	cp -a "$S/xdg" "$S/warm"
}
warm_xdg() {
	rm -rf "$S/xdg"
	cp -a "$S/warm" "$S/xdg"
}

put() { printf '%s\n' "$*" >> "$RESULTS"; }     # put KEY VALUE...
note() { put "note $*"; say "  note: $*"; }

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# timed OUT -- CMD...: runs CMD with stdout to OUT; sets T_SECS (wall),
# T_RSS (peak resident KiB) and T_RC.
timed() {
	local out=$1 t0 t1
	shift 2
	t0=$(now)
	/usr/bin/time -f '%M' -o "$S/time.out" "$@" > "$out" 2> "$S/cmd.err"
	T_RC=$?
	t1=$(now)
	T_SECS=$(elapsed "$t0" "$t1")
	T_RSS=$(tail -n 1 "$S/time.out")
}

# --- the throw-away CA and server certificate --------------------------------

make_pki() {
	local d=$S/pki
	mkdir -p "$d"
	(
		cd "$d" || exit 1
		openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem \
		    -out ca.pem -days 7 -subj "/CN=ebox-tui bench throw-away CA" \
		    -addext "basicConstraints=critical,CA:TRUE" \
		    -addext "keyUsage=critical,keyCertSign,cRLSign" &&
		openssl req -newkey rsa:2048 -nodes -keyout server-key.pem \
		    -out server.csr -subj "/CN=localhost" &&
		printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
		    "basicConstraints=CA:FALSE" \
		    "keyUsage=critical,digitalSignature,keyEncipherment" \
		    "extendedKeyUsage=serverAuth" > server.ext &&
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem \
		    -CAcreateserial -days 7 -extfile server.ext -out server.pem
	) > "$S/pki.log" 2>&1 || { cat "$S/pki.log" >&2; die "openssl failed"; }
	CA=$d/ca.pem
}

# --- nginx ----------------------------------------------------------------------

free_port() {
	"$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx_start WWW: nginx in the foreground as our child, its files in
# $S/nginx; sets PORT, BASE and NGINX_PID.  Retries on another port when
# the chosen one was taken meanwhile.
nginx_start() {
	local www=$1 ng=$S/nginx tries=0 user_line='' code i
	[ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
	while [ $tries -lt 5 ]; do
		tries=$((tries + 1))
		rm -rf "$ng"
		mkdir -p "$ng/tmp"
		PORT=$(free_port)
		sed -e "s|@PREFIX@|$ng|g" -e "s|@PORT@|$PORT|g" -e "s|@WWW@|$www|g" \
		    -e "s|@CERT@|$S/pki/server.pem|g" -e "s|@KEY@|$S/pki/server-key.pem|g" \
		    -e "s|@USER_LINE@|$user_line|g" "$bench/nginx.conf.in" > "$ng/nginx.conf"
		"$NGINX" -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" \
		    > "$ng/stdout" 2>&1 &
		NGINX_PID=$!
		BASE=https://127.0.0.1:$PORT
		for i in $(seq 200); do
			code=$(curl -q -s -o /dev/null -w '%{http_code}' --cacert "$CA" \
			    "$BASE/_probe" 2> /dev/null)
			[ "$code" = 404 ] && return 0
			kill -0 "$NGINX_PID" 2> /dev/null || break
			sleep 0.05
		done
		say "scale.sh: nginx did not start on port $PORT:"
		cat "$ng/error.log" "$ng/stdout" >&2 2> /dev/null
		nginx_stop
	done
	die "could not start nginx"
}

log_size() { stat -c %s "$S/nginx/access.log" 2> /dev/null || echo 0; }
# log_since MARK: the access log lines written after MARK bytes, once
# nginx has stopped writing (it logs a request when it ends).
log_since() {
	local a b i
	for i in $(seq 40); do
		a=$(log_size); sleep 0.05; b=$(log_size)
		[ "$a" = "$b" ] && break
	done
	tail -c +$(($1 + 1)) "$S/nginx/access.log"
}

# analyze_log META LOG: TLS connections per provider and whether the
# requests were exactly the box's client_urls.
analyze_log() {
	"$PYTHON3" - "$1" "$2" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1]))
names = {p["root"]: p["id"] for p in meta["providers"]}
names[meta["registry_root"]] = "registry"
names[meta["save_root"]] = "save"
served = set(meta.get("after_dates", {}))
conns, seen, non200, filtered, unfiltered = {}, [], 0, 0, 0
for line in open(sys.argv[2]):
    f = line.split()
    if len(f) < 9:
        continue
    conn, status, uri = f[1], f[3], f[8]
    who = next((n for r, n in names.items() if uri.startswith(r)), "other")
    conns.setdefault(who, set()).add(conn)
    seen.append(uri)
    non200 += status != "200"
    if "receivedAfter=" in uri:
        filtered += 1
        day = uri.split("receivedAfter=", 1)[1].split("&", 1)[0]
        unfiltered += day not in served
expected = set(meta["client_urls"])
print("connections", " ".join("%s=%d" % (k, len(v)) for k, v in sorted(conns.items())))
print("conn_max", max((len(v) for k, v in conns.items() if k != "registry"), default=0))
print("conn_total", len(set().union(*conns.values())) if conns else 0)
print("requests", len(seen))
print("non200", non200)
print("missing", len(expected - set(seen)))
print("extra", len(set(seen) - expected))
print("received_after", filtered)
print("received_after_unfiltered", unfiltered)
PY
}

# conn_max: the most TLS connections a provider used in $S/run.log.
conn_max() {
	analyze_log "$BOX/meta.json" "$S/run.log" | sed -n 's/^conn_max //p'
}

# --- the box: generated once per size into BENCH_CACHE -----------------------

gen_key() {
	cat "$bench/gen-box.py" "$srcdir/tests/provider/demo_data.py" \
	    "$srcdir/tests/provider/provider.py" "$srcdir/tests/provider/pdf.py" \
	    "$srcdir/tests/provider/office.py" | sha256sum | cut -c1-12
}

ensure_big() {
	BIG=$BENCH_CACHE/doc-$SCALE_SAVE_SIZE.bin
	if [ ! -s "$BIG.digest" ]; then
		say "scale.sh: writing the $SCALE_SAVE_SIZE-byte document (once) to $BIG"
	fi
	"$PYTHON3" "$bench/gen-box.py" big --out "$BIG" --size "$SCALE_SAVE_SIZE" \
	    > /dev/null || die "gen-box.py big failed"
}

# ensure_box N: sets BOX (a directory with tree/ and meta.json).
ensure_box() {
	local n=$1 t0
	BOX=$BENCH_CACHE/box-$n-$SCALE_SAVE_SIZE-$(gen_key)
	[ -f "$BOX/meta.json" ] && return 0
	say "scale.sh: generating a box of $n messages (once) in $BOX"
	t0=$(now)
	# Boxes of this size made by another version of the generator or of
	# the provider's data are stale.
	rm -rf "$BENCH_CACHE/box-$n-$SCALE_SAVE_SIZE-"*
	"$PYTHON3" "$bench/gen-box.py" generate --messages "$n" --out "$BOX.tmp.$$" \
	    --big "$BIG" || { rm -rf "$BOX.tmp.$$"; die "gen-box.py generate failed"; }
	mv "$BOX.tmp.$$" "$BOX" || die "cannot move the box into place"
	say "scale.sh:   took $(elapsed "$t0" "$(now)") s"
}

meta() {        # meta EXPR: a value of meta.json (Python expression on m)
	"$PYTHON3" -c 'import json, sys; m = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
	    "$BOX/meta.json" "$1"
}

write_config() {
	CFG=$S/config
	cat > "$CFG" <<CONF
# ebox-tui configuration of bench/scale.sh (static nginx box)
set ca_file "$CA"
set save_dir "$S/saved"
# The box's clock is fixed, the machine's is not: with the default
# (expiring) the sync would also fetch the documents of whatever expires
# within archive_days of today, a set that changes with the date of the run.
set archive off
set default_account bench
account bench
set registry_url "$BASE$(meta 'm["registry_root"]')"
set token_command "echo bench-token"
account save
set provider_url "$BASE$(meta 'm["save_root"]')"
set token_command "echo bench-token"
CONF
	cat > "$S/launch-tui.sh" <<SH
#!/bin/sh
export TERM=xterm-256color LC_ALL=C.UTF-8 HOME='$HOME'
export XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME'
export XDG_DATA_HOME='$XDG_DATA_HOME' XDG_STATE_HOME='$XDG_STATE_HOME'
unset NO_COLOR EBOX_TUI_CONFIG EBOX_TUI_LOG
exec '$EBOX_TUI' --config '$CFG' 2>> '$S/tui.err'
SH
	chmod +x "$S/launch-tui.sh"
}

curl_config() {     # the URL list of a cold list, as a curl -K file
	"$PYTHON3" - "$BOX/meta.json" "$BASE" > "$S/curl.cfg" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1]))
for path in meta["client_urls"]:
    print('url = "%s%s"' % (sys.argv[2], path))
    print('output = "/dev/null"')
PY
}

CURL_ARGS=(-q -sS --no-progress-meter -g --http2 --cacert)

# --- decoding -----------------------------------------------------------------

DECODE_BENCH=
build_decode_bench() {
	if [ ! -f "$srcdir/libebox.a" ]; then
		make -C "$srcdir" libebox.a > "$S/make.log" 2>&1 ||
		    { note "decode: make libebox.a failed"; return 1; }
	fi
	# shellcheck disable=SC2046
	if "$CC" -O2 -std=gnu11 -I"$srcdir/include" -I"$srcdir/src" -I"$srcdir" \
	    $(pkg-config --cflags yajl) -o "$S/decode-bench" "$bench/decode-bench.c" \
	    "$srcdir/libebox.a" $(pkg-config --libs libcurl libcrypto yajl) -lm \
	    > "$S/cc.log" 2>&1; then
		DECODE_BENCH=$S/decode-bench
	else
		note "decode: decode-bench.c does not build against this libebox.a" \
		    "($(head -n 1 "$S/cc.log"))"
	fi
}

# --- one box size -------------------------------------------------------------

# count_of FILE: the "count" of a `list --json` output, or nothing.
count_of() {
	"$PYTHON3" -c 'import json, sys; print(json.load(open(sys.argv[1]))["count"])' \
	    "$1" 2> /dev/null
}

# limit_from FILE: the longest word of the sender with the most messages
# in a `list --json` output: the ~f pattern of the inbox limit figure.
limit_from() {
	"$PYTHON3" - "$1" <<'PY' 2> /dev/null
import collections, json, sys
senders = collections.Counter(m.get("sender") or "" for m in json.load(open(sys.argv[1]))["messages"])
name = senders.most_common(1)[0][0]
print(max((w for w in name.split() if "'" not in w and '"' not in w), key=len))
PY
}

# ebox_runs NAME STATE -- ARGS...: SCALE_RUNS timed runs of ebox-tui ARGS
# (stdout kept in $S/out.json), each from the store STATE (fresh_xdg or
# warm_xdg); puts N.NAME_s and N.NAME_rss_kb; checks the count of the
# first run's answer when it is a listing of All.
ebox_runs() {
	local name=$1 state=$2 i
	local -a secs=() rss=()
	shift 3
	for i in $(seq "$SCALE_RUNS"); do
		"$state"
		timed "$S/out.json" -- "$EBOX_TUI" --config "$CFG" "$@"
		[ "$T_RC" = 0 ] || note "$n: $name run $i: exit $T_RC: $(head -c 200 "$S/cmd.err")"
		secs+=("$T_SECS"); rss+=("$T_RSS")
		if [ "$i" = 1 ] && [[ " $* " == *" --folder All "* ]]; then
			put "$n.${name}_count $(count_of "$S/out.json")"
		fi
	done
	put "$n.${name}_s ${secs[*]}"
	put "$n.${name}_rss_kb ${rss[*]}"
}

measure_size() {
	local n=$1 www=$S/www-$1 i mark count
	local -a cold=() coldrss=() curls=() econns=() cconns=()
	ensure_box "$n"
	mkdir -p "$www"
	nginx_start "$www"
	"$PYTHON3" "$bench/gen-box.py" materialize --tree "$BOX/tree" --base "$BASE" \
	    --out "$www" || die "materialize failed"
	write_config
	curl_config
	say "scale.sh: $n messages at $BASE ($(meta 'm["json_bytes"]') bytes of pages)"

	# A first cold run (empty store), not timed: checks the answer, its
	# access log says how many TLS connections and which URLs, and the
	# store it fills is the warm state (kept aside by keep_warm).
	fresh_xdg
	mark=$(log_size)
	timed "$S/list.json" -- "$EBOX_TUI" --config "$CFG" list --folder All --json
	log_since "$mark" > "$S/run.log"
	if [ "$T_RC" != 0 ]; then
		note "$n: ebox-tui list failed (exit $T_RC): $(head -c 300 "$S/cmd.err")"
		nginx_stop
		return
	fi
	count=$(count_of "$S/list.json")
	put "$n.cold_count ${count:-none}"
	[ "$count" = "$n" ] || note "$n: list --folder All counted ${count:-nothing}, not $n"
	keep_warm
	put "$n.store_kb $(du -sk "$S/warm/data/ebox-tui" 2> /dev/null | cut -f1)"
	LIMIT_FROM=$(limit_from "$S/list.json")
	analyze_log "$BOX/meta.json" "$S/run.log" > "$S/analysis"
	sed "s/^/$n.ebox_/" "$S/analysis" >> "$RESULTS"
	econns+=("$(sed -n 's/^conn_max //p' "$S/analysis")")
	if grep -q "^$n.ebox_received_after [1-9]" "$RESULTS"; then
		note "$n: ebox-tui asked with receivedAfter on an empty store"
	fi
	mark=$(log_size)
	curl "${CURL_ARGS[@]}" "$CA" -H "Authorization: Bearer bench-token" \
	    --parallel --parallel-max 8 -K "$S/curl.cfg" || note "$n: curl failed"
	log_since "$mark" > "$S/run.log"
	analyze_log "$BOX/meta.json" "$S/run.log" > "$S/analysis"
	sed "s/^/$n.curl_/" "$S/analysis" >> "$RESULTS"
	cconns+=("$(sed -n 's/^conn_max //p' "$S/analysis")")

	# Cold sync: an empty store (fresh XDG_DATA_HOME) every run.  The
	# TLS connections of every run are counted too (they vary from run
	# to run when a connection reaches nginx's 1000 requests).
	say "scale.sh:   cold list vs curl, $SCALE_RUNS runs each"
	for i in $(seq "$SCALE_RUNS"); do
		fresh_xdg
		mark=$(log_size)
		timed /dev/null -- "$EBOX_TUI" --config "$CFG" list --folder All --json
		[ "$T_RC" = 0 ] || note "$n: list run $i exit $T_RC"
		cold+=("$T_SECS"); coldrss+=("$T_RSS")
		log_since "$mark" > "$S/run.log"
		econns+=("$(conn_max)")
		mark=$(log_size)
		timed /dev/null -- curl "${CURL_ARGS[@]}" "$CA" \
		    -H "Authorization: Bearer bench-token" --parallel --parallel-max 8 \
		    -K "$S/curl.cfg"
		curls+=("$T_SECS")
		log_since "$mark" > "$S/run.log"
		cconns+=("$(conn_max)")
	done
	put "$n.cold_s ${cold[*]}"
	put "$n.cold_rss_kb ${coldrss[*]}"
	put "$n.curl_s ${curls[*]}"
	put "$n.ebox_conn_runs ${econns[*]}"
	put "$n.curl_conn_runs ${cconns[*]}"

	# Warm: every run starts from a copy of the store the first cold run
	# filled.  The server stays as it was, and reconcile_minutes (60) has
	# not passed: a sync from it asks for the messages received since a
	# day before the newest one (receivedAfter), no full listing.
	say "scale.sh:   warm: --offline list, list, sync --full from a filled store"
	if "$EBOX_TUI" --help 2>&1 | grep -q -- --offline; then
		ebox_runs offline warm_xdg -- --offline list --folder All --json
	else
		put "$n.offline_s n/a"
	fi
	# A warm list that syncs: its requests are those of its first run.
	warm_xdg
	mark=$(log_size)
	"$EBOX_TUI" --config "$CFG" list --folder All --json > /dev/null 2>&1
	log_since "$mark" > "$S/run.log"
	analyze_log "$BOX/meta.json" "$S/run.log" | sed "s/^/$n.warm_/" >> "$RESULTS"
	if grep -q "^$n.warm_received_after_unfiltered [1-9]" "$RESULTS"; then
		note "$n: the warm sync asked receivedAfter for a date the box has no" \
		    "listing of; the unfiltered pages were served"
	fi
	ebox_runs warm warm_xdg -- list --folder All --json
	# The hourly reconcile from the same store: new messages, then every
	# page again (what a sync does once reconcile_minutes have passed).
	ebox_runs reconcile warm_xdg -- sync --full --json

	if [ -n "$DECODE_BENCH" ]; then
		say "scale.sh:   decoding"
		# shellcheck disable=SC2046
		if "$DECODE_BENCH" -r 5 $(ls "$www"/dp[AB]/_pages/100/[0-9]*.json) \
		    > "$S/decode.out" 2> "$S/decode.err"; then
			sed "s/^/$n.decode_/" "$S/decode.out" >> "$RESULTS"
		else
			note "$n: decode-bench failed: $(head -c 200 "$S/decode.err")"
		fi
	fi

	if [ "$HAVE_TMUX" = 1 ]; then
		say "scale.sh:   interactive inbox (tmux): cold sync, warm open"
		local drive=("$PYTHON3" "$bench/tui-drive.py" --socket "$TM_SOCK"
		    --launch "$S/launch-tui.sh" --runs "$SCALE_RUNS")
		{
			# Cold: an empty store each run; keys during the first sync.
			"${drive[@]}" cold-sync --wipe "$XDG_DATA_HOME" "$XDG_CACHE_HOME" \
			    "$XDG_STATE_HOME"
			# Warm: the filled store each run.
			"${drive[@]}" first-screen --prefix warm_ --restore "$S/warm" "$S/xdg"
			"${drive[@]}" inbox --meta "$BOX/meta.json" --restore "$S/warm" "$S/xdg" \
			    ${LIMIT_FROM:+--limit-from "~f $LIMIT_FROM"}
		} 2> "$S/drive.err" | sed "s/^/$n./" >> "$RESULTS"
		put "$n.limit_from ~f ${LIMIT_FROM:-}"
		put "$n.limit_s $(meta 'm["limit"]')"
		[ -s "$S/drive.err" ] && note "$n: tui-drive: $(tail -n 3 "$S/drive.err" | tr '\n' ' ')"
	fi

	if [ "$n" = "${SIZES[0]}" ]; then
		measure_save
	fi
	nginx_stop
	rm -rf "$www" "$S/warm"
}

# --- save of the big document ---------------------------------------------------

measure_save() {
	local id url i ok
	local -a es=() er=() cs=() cr=()
	id=$(meta 'm["big"]["message_id"]')
	url=$BASE$(meta 'm["big"]["content_path"]')
	say "scale.sh:   save of $SCALE_SAVE_SIZE bytes vs curl -o, $SCALE_RUNS runs each"
	# The one-message provider's list alone: the RSS a save should stay near.
	fresh_xdg
	timed /dev/null -- "$EBOX_TUI" --config "$CFG" -a save list --folder All --json
	put "save_list_rss_kb $T_RSS"
	# Not timed: brings the file into the page cache for both.
	curl "${CURL_ARGS[@]}" "$CA" -H "Authorization: Bearer bench-token" -o /dev/null "$url"
	for i in $(seq "$SCALE_RUNS"); do
		fresh_xdg
		rm -rf "$S/saved"
		mkdir -p "$S/saved"
		timed "$S/save.json" -- "$EBOX_TUI" --config "$CFG" -a save save "$id" --all \
		    -o "$S/saved" --json
		ok=$("$PYTHON3" -c '
import json, sys
s = json.load(open(sys.argv[1]))["saved"]
print("%d/%d" % (sum(x.get("digest") == "verified" for x in s), len(s)))' "$S/save.json" 2> /dev/null)
		[ "$T_RC" = 0 ] || note "save run $i: exit $T_RC: $(head -c 200 "$S/cmd.err")"
		es+=("$T_SECS"); er+=("$T_RSS")
		put "save_verified ${ok:-none}"
		rm -rf "$S/saved"
		timed /dev/null -- curl "${CURL_ARGS[@]}" "$CA" \
		    -H "Authorization: Bearer bench-token" -o "$S/curl.bin" "$url"
		cs+=("$T_SECS"); cr+=("$T_RSS")
		rm -f "$S/curl.bin"
	done
	put "save_s ${es[*]}"
	put "save_rss_kb ${er[*]}"
	put "curl_save_s ${cs[*]}"
	put "curl_save_rss_kb ${cr[*]}"
}

# --- main -----------------------------------------------------------------------

read -r -a SIZES <<< "$SCALE_SIZES"
[ ${#SIZES[@]} -gt 0 ] || die "SCALE_SIZES is empty"
mkdir -p "$BENCH_CACHE"
make_pki
ensure_big
build_decode_bench
if [ "$HAVE_TMUX" = 1 ]; then
	say "scale.sh: harness baseline (tmux)"
	"$PYTHON3" "$bench/tui-drive.py" baseline --socket "$TM_SOCK" --scratch "$S" \
	    --runs "$SCALE_RUNS" 2> "$S/drive.err" >> "$RESULTS" ||
	    note "baseline: $(tail -n 2 "$S/drive.err" | tr '\n' ' ')"
elif [ "$SCALE_TUI" != 0 ]; then
	note "tmux is missing: no interactive-inbox figures"
fi
for n in "${SIZES[@]}"; do
	measure_size "$n"
done

machine="$(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
machine="$machine, $(free -g | awk '/^Mem:/ { print $2 " GB" }'), Linux $(uname -r)"
put "machine $machine"
put "date $(date -u '+%Y-%m-%d %H:%M UTC')"
put "version $(git -C "$srcdir" describe --always --dirty --tags 2> /dev/null || echo unknown)"
put "tools $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), $(curl --version | head -n 1 | cut -d' ' -f1-2)"
put "runs $SCALE_RUNS"
put "sizes ${SIZES[*]}"
put "save_size $SCALE_SAVE_SIZE"
put "elapsed $(elapsed "$START" "$(now)")"

"$PYTHON3" "$bench/scale-report.py" "$RESULTS"
exit 0
