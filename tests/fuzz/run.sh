#!/bin/sh
# run.sh - builds the libFuzzer harnesses of tests/fuzz/ with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer, runs each one and fails
# on any crash, leak, timeout, memory blow-up or sanitizer report.
#
#   FUZZ_SECONDS=60      seconds per target (5 is the smoke run)
#   FUZZ_TARGETS="a b"   only these targets (default: all of them)
#   FUZZ_JOBS=N          targets fuzzed side by side (default: processors)
#   FUZZ_BUILDDIR=DIR    where everything goes (default: build-fuzz/ at
#                        the top of the source tree)
#   FUZZ_CC=clang        the compiler (clang 14 or later)
#   FUZZ_BUILD_ONLY=1    build, do not run
#   FUZZ_ARGS="..."      extra libFuzzer options for every target
#
# The product is configured and built in a copy of its sources,
# FUZZ_BUILDDIR/tree: automake refuses a second, out-of-tree configure of
# a tree already configured in place, and a VPATH build could pick up the
# uninstrumented objects lying in such a tree.  Only the sources, the
# autotools output and the files Makefile.am includes are copied, with
# their times, so make rebuilds only what changed.
#
# Every target fuzzes a scratch copy of its corpus (FUZZ_BUILDDIR/run/T):
# the committed corpus never grows.  Crash inputs land in
# FUZZ_BUILDDIR/artifacts/; each target's log in FUZZ_BUILDDIR/logs/T.log.
# Exit status: 0 all targets OK, 1 at least one failed, 2 no build.
set -u

TARGETS_ALL="decode token token-cache config split theme keys pattern
sanitize mailcap isotime text"

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
cc=${FUZZ_CC:-clang}
B=${FUZZ_BUILDDIR:-$top/build-fuzz}
targets=${FUZZ_TARGETS:-$TARGETS_ALL}
extra=${FUZZ_ARGS:-}

# The library: instrumented for coverage but without libFuzzer's main();
# the harnesses: linked with it.
SAN="-fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS_LIB="-g -O1 -fsanitize=fuzzer-no-link,address,undefined $SAN"
CFLAGS_FUZZ="-g -O1 -fsanitize=fuzzer,address,undefined $SAN -std=gnu11"
CFLAGS_FUZZ="$CFLAGS_FUZZ -Wall -Wextra -Wno-unused-parameter"
CFLAGS_FUZZ="$CFLAGS_FUZZ -Wno-unused-function"

die() {
	echo "fuzz: $*" >&2
	exit 2
}

case $seconds in
''|*[!0-9]*) die "FUZZ_SECONDS must be a whole number, not '$seconds'" ;;
esac
case $jobs in
''|*[!0-9]*|0) die "FUZZ_JOBS must be a positive number, not '$jobs'" ;;
esac
for t in $targets; do
	case " $(echo $TARGETS_ALL) " in
	*" $t "*) ;;
	*) die "unknown target '$t' (targets: $(echo $TARGETS_ALL))" ;;
	esac
done
[ -f "$top/configure" ] ||
	die "$top/configure is missing: run autoreconf -fi first"
command -v "$cc" >/dev/null 2>&1 ||
	die "$cc not found (apt-get install clang libclang-rt-14-dev llvm)"
command -v pkg-config >/dev/null 2>&1 || die "pkg-config not found"

mkdir -p "$B/logs" "$B/artifacts" "$B/run" || die "cannot create $B"
B=$(cd "$B" && pwd)
tree=$B/tree

# --- the copy of the sources ------------------------------------------------

# Copies top-relative file $1 into the tree, keeping its time.
copy() {
	if [ ! -f "$tree/$1" ] || ! cmp -s "$top/$1" "$tree/$1"; then
		mkdir -p "$tree/$(dirname "$1")" && rm -f "$tree/$1" &&
		    cp -p "$top/$1" "$tree/$1" || die "cannot copy $1"
	fi
}

mkdir -p "$tree"
# local.mk too: the Makefile.in of a tree that includes it depends on it.
for f in configure configure.ac Makefile.am Makefile.in aclocal.m4 \
    config.h.in tests/fuzz/local.mk; do
	copy "$f"
done
for f in $(cd "$top" && find build-aux m4 -type f) \
    $(cd "$top" && find src include -name '*.[ch]' -o -name '*.inc') \
    $(sed -n 's/^include[ 	][ 	]*//p' "$top/Makefile.am"); do
	copy "$f"
done

# --- configure and build the library ----------------------------------------

# Neutralises the autotools regeneration rules: the copy is never
# regenerated, only rebuilt.
MAKE_VARS="ACLOCAL=true AUTOCONF=true AUTOMAKE=true AUTOHEADER=true"
stamp="CC=$cc CFLAGS=$CFLAGS_LIB"
if [ ! -f "$tree/config.status" ] || [ ! -f "$B/configure.stamp" ] ||
    [ "$(cat "$B/configure.stamp")" != "$stamp" ]; then
	echo "fuzz: configuring in $tree"
	rm -f "$B/configure.stamp"
	(cd "$tree" && ./configure CC="$cc" CFLAGS="$CFLAGS_LIB" \
	    --enable-debug) > "$B/logs/configure.log" 2>&1 || {
		tail -n 30 "$B/logs/configure.log"
		die "configure failed (see $B/logs/configure.log)"
	}
	echo "$stamp" > "$B/configure.stamp"
fi

# keys needs the curses part of the program: its objects, main.c left out.
want_ui=no
case " $(echo $targets) " in *" keys "*) want_ui=yes ;; esac
make_goals=libebox.a
[ $want_ui = yes ] && make_goals="$make_goals ebox-tui"
echo "fuzz: building $make_goals"
# shellcheck disable=SC2086
(cd "$tree" && make -j"$jobs" $MAKE_VARS $make_goals) \
    > "$B/logs/build.log" 2>&1 || {
	tail -n 30 "$B/logs/build.log"
	die "the build failed (see $B/logs/build.log)"
}
if [ $want_ui = yes ]; then
	ui_objs=$(ls "$tree"/src/ui/ebox_tui-*.o "$tree"/src/cmd/ebox_tui-*.o)
	# shellcheck disable=SC2086
	if [ ! -f "$B/libebox-ui.a" ] ||
	    [ -n "$(find $ui_objs -newer "$B/libebox-ui.a")" ]; then
		rm -f "$B/libebox-ui.a"
		ar rcs "$B/libebox-ui.a" $ui_objs || die "ar failed"
	fi
fi

# --- the harnesses ------------------------------------------------------------

LIBS="$(pkg-config --libs libcurl libcrypto yajl sqlite3 libqrencode libpng) -lm" ||
    die "pkg-config failed"
INCS=$(pkg-config --cflags libcurl libcrypto yajl)
CURSES_LIBS=$(pkg-config --libs ncursesw) || die "no ncursesw"
CURSES_CFLAGS=$(pkg-config --cflags ncursesw)

# Builds fuzz-$1 when it is missing or older than what it is made of.
build_target() {
	exe=$B/fuzz-$1
	deps="$here/fuzz-$1.c $here/fuzz.h $tree/libebox.a"
	libs="$tree/libebox.a $LIBS"
	incs="$INCS"
	if [ "$1" = keys ]; then
		deps="$deps $B/libebox-ui.a"
		libs="$B/libebox-ui.a $libs $CURSES_LIBS"
		incs="$incs $CURSES_CFLAGS"
	fi
	if [ -f "$exe" ]; then
		stale=no
		for d in $deps; do
			[ "$d" -nt "$exe" ] && stale=yes
		done
		[ $stale = no ] && return 0
	fi
	# shellcheck disable=SC2086
	$cc $CFLAGS_FUZZ -I"$tree" -I"$tree/include" -I"$tree/src" -I"$here" \
	    $incs -o "$exe" "$here/fuzz-$1.c" $libs -lm \
	    > "$B/logs/cc-$1.log" 2>&1 || {
		cat "$B/logs/cc-$1.log"
		die "cannot build fuzz-$1"
	}
}

# FUZZ_JOBS harnesses at a time: each link pulls in the sanitizer runtimes.
set -- $targets
while [ $# -gt 0 ]; do
	pids=""
	i=0
	while [ "$i" -lt "$jobs" ] && [ $# -gt 0 ]; do
		build_target "$1" &
		pids="$pids $!"
		shift
		i=$((i + 1))
	done
	for p in $pids; do
		wait "$p" || exit 2
	done
done
echo "fuzz: built $(echo $targets | wc -w) targets in $B"
[ "${FUZZ_BUILD_ONLY:-}" = 1 ] && exit 0

# --- running ------------------------------------------------------------------

ASAN_OPTS=detect_leaks=1:symbolize=1:allocator_may_return_null=0
UBSAN_OPTS=print_stacktrace=1:halt_on_error=1:symbolize=1

# Runs target $1 in its scratch directory; the exit status goes to a file.
fuzz_one() {
	t=$1
	dir=$B/run/$t
	rm -rf "$dir" "$B/artifacts/$t"
	mkdir -p "$dir/corpus" "$dir/tmp" "$B/artifacts/$t"
	if [ -d "$here/corpus/$t" ]; then
		cp -R "$here/corpus/$t/." "$dir/corpus/"
	fi
	opts=""
	[ -f "$here/dict/$t.dict" ] && opts="-dict=$here/dict/$t.dict"
	# shellcheck disable=SC2086
	(cd "$dir" && HOME=$dir TMPDIR=$dir/tmp \
	    ASAN_OPTIONS=$ASAN_OPTS UBSAN_OPTIONS=$UBSAN_OPTS \
	    "$B/fuzz-$t" -max_total_time="$seconds" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$B/artifacts/$t/" $opts $extra corpus \
	    < /dev/null > "$B/logs/$t.log" 2>&1)
	echo $? > "$B/logs/$t.status"
}

# Prints the line of target $1; returns 1 when it failed.
report() {
	t=$1
	log=$B/logs/$t.log
	rc=$(cat "$B/logs/$t.status" 2>/dev/null || echo 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	[ -n "$execs" ] ||
		execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	cov=$(sed -n 's/.* cov: \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	bad=no
	[ "$rc" -ne 0 ] && bad=yes
	grep -a -q -e '^==[0-9]*==ERROR:' -e 'runtime error:' \
	    -e 'INVARIANT BROKEN' -e 'ERROR: libFuzzer' "$log" && bad=yes
	if [ $bad = no ]; then
		echo "fuzz $t: ${execs:-0} executions, ${cov:-0} coverage, OK"
		return 0
	fi
	echo "fuzz $t: ${execs:-0} executions, ${cov:-0} coverage, CRASH"
	why=$(grep -a -m 1 -e 'INVARIANT BROKEN' -e 'SUMMARY: ' \
	    -e 'ERROR: libFuzzer' "$log")
	[ -n "$why" ] || why=$(tail -n 1 "$log")
	echo "  $why"
	repro=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" |
	    tail -n 1)
	# -fork mode does not say where: take the newest artifact.
	[ -n "$repro" ] || repro=$(ls -t "$B/artifacts/$t"/* 2>/dev/null |
	    head -n 1)
	n=$(ls "$B/artifacts/$t" | wc -l)
	[ "$n" -gt 1 ] && echo "  $n inputs in $B/artifacts/$t"
	echo "  reproducer: ${repro:-none written}"
	echo "  log: $log"
	echo "  replay: $B/fuzz-$t $repro"
	return 1
}

pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; exit 130' INT TERM

failed=0
set -- $targets
while [ $# -gt 0 ]; do
	batch=""
	pids=""
	i=0
	while [ "$i" -lt "$jobs" ] && [ $# -gt 0 ]; do
		fuzz_one "$1" &
		pids="$pids $!"
		batch="$batch $1"
		shift
		i=$((i + 1))
	done
	wait
	for t in $batch; do
		report "$t" || failed=$((failed + 1))
	done
done
if [ $failed -ne 0 ]; then
	echo "fuzz: $failed of $(echo $targets | wc -w) targets failed"
	exit 1
fi
echo "fuzz: all $(echo $targets | wc -w) targets OK (${seconds}s each)"
exit 0
