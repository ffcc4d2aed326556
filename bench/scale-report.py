#!/usr/bin/env python3
"""scale-report.py RESULTS - prints bench/scale.sh's table from its results
file ("KEY VALUE..." lines; sizes prefix their keys as "10000.cold_s").
Medians of the runs; never a verdict: the goal column is for the reader.
"""

import statistics
import sys


def load(path):
    values, notes, order = {}, [], []
    with open(path) as f:
        for line in f:
            key, _, rest = line.rstrip("\n").partition(" ")
            if key == "note" or key.endswith(".note"):
                notes.append((key[:-5] + ": " if key.endswith(".note") else "") + rest)
                continue
            values[key] = rest
            order.append(key)
    return values, notes


def nums(values, key):
    raw = values.get(key, "")
    out = []
    for word in raw.split():
        try:
            out.append(float(word))
        except ValueError:
            pass
    return out


def med(values, key):
    xs = nums(values, key)
    return statistics.median(xs) if xs else None


def pct(values, key, q):
    xs = sorted(nums(values, key))
    if not xs:
        return None
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def fmt(x, digits=2, unit=""):
    if x is None:
        return "n/a"
    return ("%." + str(digits) + "f%s") % (x, unit)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return "%.2fx" % (a / b)


def label(n):
    n = int(n)
    return "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


def main():
    values, notes = load(sys.argv[1])
    sizes = values.get("sizes", "").split()
    rows = []

    def row(figure, mine, yard="-", r="-", goal="-"):
        rows.append((figure, mine, yard, r, goal))

    def sep():
        rows.append(None)

    base_screen = med(values, "baseline_first_screen_ms")
    base_key = med(values, "baseline_key_ms")
    for n in sizes:
        k, p = label(n), n + "."
        count = values.get(p + "cold_count")
        row("listed in full %s (count)" % k, count or "n/a", "box " + n, "-", "= " + n)
        cold, curl = med(values, p + "cold_s"), med(values, p + "curl_s")
        row("cold sync %s (s)" % k, fmt(cold, 3), "curl " + fmt(curl, 3), ratio(cold, curl),
            "<= 1.25x")
        rss = med(values, p + "cold_rss_kb")
        row("cold sync %s peak RSS (MB)" % k, fmt(rss and rss / 1024, 1))
        conn, conn_curl = med(values, p + "ebox_conn_runs"), med(values, p + "curl_conn_runs")
        worst = max(nums(values, p + "ebox_conn_runs") or [0]) or None
        row("TLS connections %s (max/provider)" % k,
            "%s (max %s)" % (fmt(conn, 0), fmt(worst, 0)), "curl " + fmt(conn_curl, 0), "-",
            "1-2")
        if values.get(p + "offline_s", "n/a").startswith("n/a"):
            row("warm --offline list %s (s)" % k, "n/a (no --offline yet)", "-", "-", "<= 0.5 s")
        else:
            orss = med(values, p + "offline_rss_kb")
            row("warm --offline list %s (s)" % k, fmt(med(values, p + "offline_s"), 3), "-",
                "-", "<= 0.5 s")
            row("warm --offline list %s peak RSS (MB)" % k, fmt(orss and orss / 1024, 1), "-",
                "-", "<= 100 MB")
        wrss = med(values, p + "warm_rss_kb")
        row("warm list (syncs) %s (s)" % k, fmt(med(values, p + "warm_s"), 3),
            "%s requests" % values.get(p + "warm_requests", "?"), "-", "<= 0.5 s")
        row("warm list (syncs) %s peak RSS (MB)" % k, fmt(wrss and wrss / 1024, 1), "-", "-",
            "<= 100 MB")
        rec, rrss = med(values, p + "reconcile_s"), med(values, p + "reconcile_rss_kb")
        row("warm sync --full %s (s)" % k, fmt(rec, 3), "curl " + fmt(curl, 3), ratio(rec, curl))
        row("warm sync --full %s peak RSS (MB)" % k, fmt(rrss and rrss / 1024, 1))
        if p + "warm_first_screen_ms" in values or p + "cold_first_screen_ms" in values:
            harness = "harness " + fmt(base_screen and base_screen / 1000, 3)
            wfs, cfs = med(values, p + "warm_first_screen_ms"), med(values, p + "cold_first_screen_ms")
            row("inbox first screen, warm %s (s)" % k, fmt(wfs and wfs / 1000, 3), harness, "-",
                "<= 0.3 s")
            irss = med(values, p + "inbox_rss_kb")
            row("inbox warm peak RSS %s (MB)" % k, fmt(irss and irss / 1024, 1), "-", "-",
                "<= 100 MB")
            done = med(values, p + "warm_sync_done_ms")
            row("inbox warm: its sync done %s (s)" % k, fmt(done and done / 1000, 2))
            echo = "echo " + fmt(base_key, 1)
            row("key to screen %s (ms)" % k, fmt(med(values, p + "key_ms"), 1), echo, "-",
                "<= 16 ms")
            for name, key in (("search", "search_ms"), ("limit ~s", "limit_ms"),
                              ("limit ~f", "limit_from_ms"), ("limit all", "unlimit_ms"),
                              ("sort o s", "sort_s_ms"), ("sort o d", "sort_d_ms")):
                row("%s %s (ms)" % (name, k), fmt(med(values, p + key), 1), "-", "-", "<= 50 ms")
            idle = med(values, p + "key_ms")
            row("inbox first screen, cold %s (s)" % k, fmt(cfs and cfs / 1000, 3), harness)
            full = med(values, p + "cold_full_load_ms")
            row("inbox cold sync: all in %s (s)" % k, fmt(full and full / 1000, 2),
                "cold list " + fmt(cold, 2), ratio(full and full / 1000, cold))
            crss = med(values, p + "cold_inbox_rss_kb")
            row("inbox cold sync peak RSS %s (MB)" % k, fmt(crss and crss / 1024, 1))
            for name, key in (("key during cold sync", "cold_sync_key_ms"),
                              ("key during R re-sync", "resync_key_ms")):
                xs = nums(values, p + key)
                worst = max(xs) if xs else None
                delay = "+%.1f ms" % (worst - idle) if idle is not None and worst is not None \
                    else "-"
                row("%s %s, max (ms)" % (name, k), fmt(worst, 1), "idle " + fmt(idle, 1), delay,
                    "<= +16 ms")
        dec, yajl = med(values, p + "decode_decode_mbps"), med(values, p + "decode_yajl_mbps")
        row("decode %s (MB/s)" % k, fmt(dec, 1), "yajl " + fmt(yajl, 1), ratio(dec, yajl),
            ">= 0.6x")
        sep()

    size = float(values.get("save_size", "0") or 0)
    save, curl_save = med(values, "save_s"), med(values, "curl_save_s")
    mbps = lambda t: size / t / 1e6 if t else None
    gib = size / (1 << 30)
    what = "%.0f GiB" % gib if gib >= 1 else "%.0f MiB" % (size / (1 << 20))
    row("save %s (MB/s)" % what, fmt(mbps(save), 1), "curl -o " + fmt(mbps(curl_save), 1),
        ratio(mbps(save), mbps(curl_save)), ">= 0.9x")
    srss, lrss = med(values, "save_rss_kb"), med(values, "save_list_rss_kb")
    row("save %s peak RSS (MB)" % what, fmt(srss and srss / 1024, 1),
        "list " + fmt(lrss and lrss / 1024, 1), ratio(srss, lrss), "flat")

    widths = [max(len(r[i]) for r in rows if r) for i in range(5)]
    header = ("figure", "ebox-tui", "yardstick", "ratio", "goal")
    widths = [max(w, len(h)) for w, h in zip(widths, header)]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    print()
    print(line(header))
    for r in rows[:-1] if rows and rows[-1] is None else rows:
        print(line(r) if r else "")
    print()
    for n in sizes:
        p = n + "."
        for who, what in (("ebox", "ebox-tui cold, 1st run"), ("curl", "curl, 1st run")):
            c = values.get(p + who + "_connections")
            if c is not None:
                print("%s %s: TLS connections %s; %s requests, %s not 200, %s of the box's URLs "
                      "not asked, %s others asked"
                      % (label(n), what, c,
                         values.get(p + who + "_requests", "?"), values.get(p + who + "_non200", "?"),
                         values.get(p + who + "_missing", "?"), values.get(p + who + "_extra", "?")))
        for who, what in (("ebox", "ebox-tui cold"), ("curl", "curl")):
            if p + who + "_conn_runs" in values:
                print("%s %s: TLS connections (max/provider) of each run: %s"
                      % (label(n), what, values[p + who + "_conn_runs"]))
        if p + "warm_connections" in values:
            print("%s ebox-tui warm list: TLS connections %s; %s requests (%s with "
                  "receivedAfter), %s not 200"
                  % (label(n), values[p + "warm_connections"],
                     values.get(p + "warm_requests", "?"),
                     values.get(p + "warm_received_after", "?"),
                     values.get(p + "warm_non200", "?")))
        for key, what in (("cold_sync_key_ms", "keys during the inbox's first sync (cold)"),
                          ("resync_key_ms", "keys during R (full re-listing, warm)")):
            if p + key in values:
                xs = nums(values, p + key)
                print("%s %s: %d samples, median %s ms, p95 %s ms, max %s ms"
                      % (label(n), what, len(xs), fmt(med(values, p + key), 1),
                         fmt(pct(values, p + key, 0.95), 1), fmt(max(xs) if xs else None, 1)))
        if p + "resync_ms" in values:
            print("%s R re-sync took %s s; inbox peak RSS after it %s MB"
                  % (label(n), fmt(med(values, p + "resync_ms") / 1000, 2),
                     fmt((med(values, p + "resync_rss_kb") or 0) / 1024, 1)))
        for key in ("limit_s", "limit_from"):
            if p + key in values:
                print("%s %s pattern: %s" % (label(n), key.replace("_", " "), values[p + key]))
        for key, what in (("offline_count", "warm --offline list"), ("warm_count", "warm list")):
            if values.get(p + key, n) != n:
                print("%s %s counted %s, not %s" % (label(n), what, values[p + key] or "nothing",
                                                    n))
        if p + "store_kb" in values:
            print("%s store after a cold list: %s MB" % (label(n),
                                                         fmt(float(values[p + "store_kb"]) / 1024, 1)))
    if "save_verified" in values:
        print("save: digests verified %s (last run)" % values["save_verified"])
    for text in notes:
        print("note: " + text)
    print("medians of %s runs; cold = empty XDG_DATA_HOME and XDG_CACHE_HOME each run; "
          "warm = a copy of the store one cold list filled, each run" % values.get("runs", "?"))
    print("machine: %s; %s; %s; %s" % (values.get("machine", "?"), values.get("date", "?"),
                                       values.get("version", "?"), values.get("tools", "?")))
    el = float(values.get("elapsed", "0") or 0)
    print("bench/scale.sh ran %dm%02ds" % (el // 60, el % 60))
    return 0


if __name__ == "__main__":
    sys.exit(main())
