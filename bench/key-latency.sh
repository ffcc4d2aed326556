#!/bin/bash
# key-latency.sh - how long a key takes to reach the screen while every
# provider answer is delayed by 2 s and a refresh is in flight.
#
# Measured from tmux send-keys to the first capture-pane that shows the
# moved selection; prints one figure per try and the best.  A benchmark,
# not a test: it prints figures and exits 0 whenever it could measure.
# (The suite checks the property without a clock: tests/e2e/responsive.sh.)
#
#   bench/key-latency.sh            from the top of a built tree
#   TRIES=10 bench/key-latency.sh
cd "$(dirname "$0")/.." || exit 1
export srcdir=${srcdir:-.} EBOX_TUI=${EBOX_TUI:-$PWD/ebox-tui}
. tests/e2e/lib.sh || exit 1

TRIES=${TRIES:-5}
provider_start --now "$(today_noon)" --latency 2000

tui_start
wait_loaded "the mail arrives despite 2 s per answer" 60

# measure KEY: milliseconds between sending KEY and seeing the selection
# on another row, or "idle:MS" when the refresh had already ended.
measure() {
	local before t0 now snap r
	before=$(sel_row)
	t0=$(ms_now)
	keys "$1"
	while :; do
		snap=$(screen)
		r=$(printf '%s\n' "$snap" | grep -n -m1 -E '│>|\|>|^>' | cut -d: -f1)
		now=$(ms_now)
		if [ -n "$r" ] && [ "$((r - 1))" != "$before" ]; then
			break
		fi
		if [ $((now - t0)) -gt 10000 ]; then
			echo "timeout"
			return
		fi
	done
	if printf '%s\n' "$snap" | grep -q 'fetching mail'; then
		echo $((now - t0))
	else
		echo "idle:$((now - t0))"
	fi
}

best=
figures=
key=j
for try in $(seq "$TRIES"); do
	keys R
	wait_for "R starts a refresh (try $try)" "$E2E_TIMEOUT" \
	    line_has $((ROWS - 2)) 'fetching mail' || continue
	ms=$(measure $key)
	figures="$figures $ms"
	case $ms in
	timeout|idle:*) ;;
	*) if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi ;;
	esac
	[ $key = j ] && key=k || key=j
	wait_for "the refresh ends (try $try)" "$E2E_NET_TIMEOUT" \
	    eval '! line_has $((ROWS - 2)) "fetching mail"'
done
tui_quit
printf 'key to screen while requests wait (--latency 2000), ms:%s\n' "$figures"
printf 'best: %s ms   (goal: one frame, 16 ms)\n' "${best:-none}"
exit 0
