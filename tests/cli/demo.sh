#!/bin/sh
# demo.sh - `make demo`: start the local eBox test provider and open
# ebox-tui on its demo account; the provider stops when ebox-tui exits.
set -eu
: "${srcdir:=.}"
dir=${EBOX_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ebox-tui/demo-provider}
mkdir -p "$dir"
out=$(mktemp)
"${PYTHON3:-python3}" "$srcdir/tests/provider/ebox-provider" --port 0 --dir "$dir" "$@" \
    > "$out" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT INT TERM
i=0
until grep -q '^ready ' "$out"; do
	kill -0 $pid 2>/dev/null || { echo "the test provider did not start" >&2; exit 1; }
	i=$((i + 1)); [ $i -lt 600 ] || { echo "the test provider is not ready" >&2; exit 1; }
	sleep 0.1
done
echo "Test provider: $(sed -n 's/^ready //p' "$out") (config: $dir/config)" >&2
./ebox-tui --config "$dir/config"
