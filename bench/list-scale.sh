#!/bin/bash
# list-scale.sh - how long `ebox-tui list` takes and how much memory it
# uses for a large eBox, against the local test provider.
#
#   bench/list-scale.sh [N...]      (run from the build directory)
#
# For each N (default 1000 5000 10000) it starts the provider with N extra
# synthetic messages, lists them all three times and prints the median
# wall time and the peak resident memory.  Figures, not pass/fail.
set -eu
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
EBOX_TUI=${EBOX_TUI:-./ebox-tui}
PYTHON3=${PYTHON3:-python3}
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

printf '%8s %10s %12s %12s\n' messages listed "median s" "peak RSS MB"
for n in ${@:-1000 5000 10000}; do
	"$PYTHON3" "$srcdir/tests/provider/ebox-provider" --port 0 --dir "$T/p" \
	    --messages "$n" > "$T/out" 2>/dev/null &
	pid=$!
	until grep -q '^ready' "$T/out"; do sleep 0.1; done
	XDG_CACHE_HOME=$T/cache "$PYTHON3" - "$EBOX_TUI" "$T/p/config" "$n" <<'PY'
import json, resource, subprocess, sys, time
exe, cfg, n = sys.argv[1], sys.argv[2], sys.argv[3]
times, count = [], 0
for _ in range(3):
    t0 = time.monotonic()
    out = subprocess.run([exe, "--config", cfg, "list", "--folder", "All", "--json"],
                         capture_output=True, check=True).stdout
    times.append(time.monotonic() - t0)
    count = json.loads(out)["count"]
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("%8s %10d %12.2f %12.1f" % (n, count, sorted(times)[1], rss))
PY
	kill $pid; wait $pid 2>/dev/null || true; pid=
done
