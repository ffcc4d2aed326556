#!/usr/bin/env python3
"""tui-drive.py - times the interactive inbox of ebox-tui in tmux, for
bench/scale.sh.  Python 3 standard library and tmux only.

  tui-drive.py --socket NAME --launch SCRIPT MODE [options]

SCRIPT is an executable that sets the environment and execs ebox-tui (or,
for the baseline, a stand-in).  Each launch gets a fresh tmux server whose
pane runs `sh -c 'read x; exec SCRIPT'`: the clock starts when Enter is
sent to that shell, so tmux's own start-up is not counted.

The screen is read through one tmux control-mode client (`tmux -C`,
no-output): a capture-pane costs a round trip to the tmux server (about
0.3 ms), not a process start, so a key's latency is measured from the
send-keys to the first capture that shows its effect, with a resolution of
about a millisecond.  Every wait has a deadline; nothing sleeps and then
assumes.

Modes (one result per line, "name value [value...]", values in ms):
  baseline       stand-ins: first screen of a shell printf, key of a raw
                 echo loop (the harness' own overhead)
  first-screen   --runs R launches; each: time to the first message row,
                 then q
  cold-sync      --runs R launches on an empty store (give --wipe): first
                 screen, then j/k while the first sync runs in the
                 background ("fetching mail"), the end of that sync, q
  inbox          one launch (on a filled store: give --restore): first
                 screen, the end of the background sync, then key, search,
                 limit (~s, ~f, all), sort (o s, o d), and keys during a
                 full re-listing (R)

The store each launch starts from: --wipe DIR... empties those
directories before every launch (cold); --restore SRC DST replaces DST
with a copy of SRC before every launch (warm: SRC is a store filled once);
with neither, whatever the last launch left stays.
"""

import argparse
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import time

SEL = re.compile(r"^>|\u2502>|\|>")           # the selected index row
NUMBER = re.compile(r"(?:Document|Dokument) (\d+)")   # gen-box.py's subjects
LOADED = re.compile(r"\d+ messages from \d+ providers|providers answered")
PANE = "bench"


def now_ms():
    return time.perf_counter() * 1000.0


class Gone(Exception):
    """The program in the pane exited (the tmux server went away)."""


class Tmux:
    """A private tmux server with one session and a control-mode client."""

    def __init__(self, sock, cols, rows, command):
        self.sock = sock
        self.base = ["tmux", "-L", sock, "-f", "/dev/null"]
        subprocess.run(self.base + ["kill-server"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        subprocess.run(self.base + ["new-session", "-d", "-s", PANE, "-x", str(cols),
                                    "-y", str(rows), command], check=True)
        subprocess.run(self.base + ["set-option", "-g", "status", "off"], check=True)
        self.proc = subprocess.Popen(self.base + ["-C", "attach-session", "-t", PANE,
                                                  "-f", "no-output,ignore-size"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, bufsize=0)
        self.buf = b""
        self.gone = False
        # Skip whatever the attach itself prints: send a marker and read
        # blocks until its answer.
        marker = "bench-sync-%d" % os.getpid()
        deadline = time.monotonic() + 10
        self._send("display-message -p %s" % marker)
        while True:
            if time.monotonic() > deadline:
                raise RuntimeError("tmux control client did not answer")
            ok, lines = self._block(deadline)
            if marker in lines:
                break

    def _send(self, line):
        try:
            self.proc.stdin.write((line + "\n").encode())
        except (BrokenPipeError, ValueError):
            self.gone = True
            raise Gone()

    def _line(self, deadline):
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("tmux did not answer")
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    self.gone = True
                    raise Gone()
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def _block(self, deadline):
        """The next %begin..%end block of a command this client sent: (ok,
        lines).  Notifications outside blocks are skipped, and so are the
        blocks of commands that did not come from this client (flags 0:
        the attach-session of the command line, whose block may come after
        the first command's, which put every answer one behind); %exit
        means the server is gone."""
        while True:
            while True:
                line = self._line(deadline)
                if line.startswith("%exit"):
                    self.gone = True
                    raise Gone()
                if line.startswith("%begin"):
                    break
            ours = line.split()[-1] != "0"
            lines = []
            while True:
                line = self._line(deadline)
                if line.startswith("%end") or line.startswith("%error"):
                    break
                lines.append(line)
            if ours:
                return line.startswith("%end"), lines

    def cmd(self, line, timeout=10):
        if self.gone:
            raise Gone()
        self._send(line)
        ok, lines = self._block(time.monotonic() + timeout)
        if not ok and any("no current target" in l or "can't find" in l for l in lines):
            self.gone = True        # the session ended before %exit came
            raise Gone()
        if not ok:
            raise RuntimeError("tmux: %s: %s" % (line, " ".join(lines)))
        return lines

    def screen(self):
        return self.cmd("capture-pane -p -t %s" % PANE)

    def keys(self, *names):
        self.cmd("send-keys -t %s %s" % (PANE, " ".join(names)))

    def text(self, text):
        if "'" in text:
            raise ValueError("no single quotes in typed text")
        self.cmd("send-keys -t %s -l '%s'" % (PANE, text))

    def close(self):
        try:
            if self.proc.poll() is None:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        subprocess.run(self.base + ["kill-server"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def sel_row(lines):
    for i, line in enumerate(lines):
        if SEL.search(line):
            return i
    return None


def wait(tm, pred, timeout, poll_ms=0.5, what="condition"):
    """Polls the screen until pred(lines) is true; returns (ms, lines) from
    the call, or raises TimeoutError with the last screen."""
    t0 = now_ms()
    deadline = t0 + timeout * 1000.0
    while True:
        lines = tm.screen()
        t = now_ms()
        if pred(lines):
            return t - t0, lines
        if t > deadline:
            raise TimeoutError("%s not seen within %gs; screen:\n%s"
                               % (what, timeout, "\n".join(lines)))
        time.sleep(poll_ms / 1000.0)


def has(regex):
    rx = re.compile(regex)
    return lambda lines: any(rx.search(line) for line in lines)


def launch(args, script):
    tm = Tmux(args.socket, args.cols, args.rows, "sh -c 'read x; exec %s'" % script)
    # The shell is waiting in read: the screen is empty until Enter.
    t0 = now_ms()
    tm.keys("Enter")
    return tm, t0


def first_screen(tm, t0, timeout):
    """ms from Enter to a screen with a selected message row."""
    _, _ = wait(tm, lambda lines: sel_row(lines) is not None, timeout, poll_ms=0.5,
                what="a selected message row")
    return now_ms() - t0


def quit_tui(tm, timeout=15):
    try:
        tm.keys("q")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            tm.screen()
            time.sleep(0.02)
    except Gone:
        return True
    return False


def out(name, values):
    if not isinstance(values, (list, tuple)):
        values = [values]
    print(name, " ".join("%.1f" % v if isinstance(v, float) else str(v) for v in values),
          flush=True)


def note(text):
    print("note", text.replace("\n", " | "), flush=True)


def wipe(dirs):
    for d in dirs:
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)


def prepare(args):
    """The store of the next launch: --wipe, then --restore."""
    if args.wipe:
        wipe(args.wipe)
    for src, dst in args.restore:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, symlinks=True)


# --- measurements inside a loaded inbox ---------------------------------------

def key_once(tm, key, expect_row, timeout=5):
    t0 = now_ms()
    tm.keys(key)
    ms, lines = wait(tm, lambda lines: sel_row(lines) == expect_row, timeout,
                     what="the selection on row %d after %s" % (expect_row, key))
    return now_ms() - t0, lines


def keys_idle(tm, count):
    """j/k alternately between the first two rows; ms per key."""
    base = sel_row(tm.screen())
    samples = []
    for i in range(count):
        key, row = ("j", base + 1) if i % 2 == 0 else ("k", base)
        ms, _ = key_once(tm, key, row)
        samples.append(ms)
        time.sleep(0.02)
    return samples


def to_top(tm, top):
    """g: the selection back on the first message (row top)."""
    if sel_row(tm.screen()) != top:
        tm.keys("g")
        wait(tm, lambda lines: sel_row(lines) == top, 30, poll_ms=2,
             what="the first message selected after g")
    time.sleep(0.05)


def sel_line(lines):
    row = sel_row(lines)
    return lines[row] if row is not None else ""


def search(tm, meta, runs):
    """/ then "Document NNNN" (selects a message near the bottom), then the
    last digit of a message further down (gen-box.py chose both): the time
    of that last key, an incremental search through nearly the whole
    index from the top."""
    s = meta["search"]
    samples = []
    for _ in range(runs):
        origin = sel_row(tm.screen())
        tm.keys("/")
        wait(tm, has(r"Search:"), 10, poll_ms=2, what="the search prompt")
        tm.text(s["prefix"])
        wait(tm, lambda lines: s["first"] in sel_line(lines), 60, poll_ms=2,
             what="the first match of %r (Document %s)" % (s["prefix"], s["first"]))
        time.sleep(0.05)
        t0 = now_ms()
        tm.text(s["last"])
        wait(tm, lambda lines: s["number"] in sel_line(lines), 60,
             what="the match of %r" % (s["prefix"] + s["last"]))
        samples.append(now_ms() - t0)
        tm.keys("Escape")
        wait(tm, lambda lines: sel_row(lines) == origin and not has(r"Search:")(lines),
             10, poll_ms=2, what="the selection back after Escape")
        time.sleep(0.05)
    return samples


def limit(tm, patterns, runs):
    """For each pattern: l PATTERN Enter, then l all Enter; ms from Enter
    to the message.  Returns ({pattern: [ms]}, [ms of "all"])."""
    narrow, wide = {p: [] for p in patterns}, []
    for _ in range(runs):
        steps = []
        for p in patterns:
            steps += [(p, r"Showing \d+ messages that match", narrow[p]),
                      ("all", r"Showing every message", wide)]
        for answer, rx, store in steps:
            tm.keys("l")
            wait(tm, has(r"Limit to"), 10, poll_ms=2, what="the limit prompt")
            tm.keys("C-e", "C-u")
            tm.text(answer)
            time.sleep(0.05)
            t0 = now_ms()
            tm.keys("Enter")
            wait(tm, has(rx), 30, what="the limit message for %r" % answer)
            store.append(now_ms() - t0)
            time.sleep(0.05)
    return narrow, wide


def sort(tm, runs):
    """o s, o d: ms from the choice to "Sorted by ..." on screen; returns
    {"s": [ms], "d": [ms]}."""
    samples = {"s": [], "d": []}
    for _ in range(runs):
        for choice, word in (("s", "subject"), ("d", "date")):
            tm.keys("o")
            wait(tm, has(r"Sort by"), 10, poll_ms=2, what="the sort prompt")
            time.sleep(0.05)
            t0 = now_ms()
            tm.keys(choice)
            wait(tm, has(r"Sorted by %s" % word), 30, what="Sorted by %s" % word)
            samples[choice].append(now_ms() - t0)
            time.sleep(0.05)
    return samples


def sel_number(lines):
    """The message the selection is on (its "Document NNNNN"), or None."""
    found = NUMBER.search(sel_line(lines))
    return found.group(1) if found else None


FETCHING = has(r"fetching mail")


def keys_while_fetching(tm, t0, max_samples, timeout):
    """j and k alternately while the status line says "fetching mail";
    each key from send-keys to the first screen where the selection is on
    another message.  The selection is told by its message, not its row:
    mail that lands above it moves its row, not the message it is on.
    Every key sent while the sync runs counts, however long it waits (a
    key held up until the sync ends was delayed by it).  Returns (samples,
    ms from t0 to the first screen without "fetching mail")."""
    samples, i = [], 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = tm.screen()
        if not FETCHING(lines):
            return samples, now_ms() - t0
        if len(samples) >= max_samples:
            time.sleep(0.02)
            continue
        before = sel_number(lines)
        if before is None:
            time.sleep(0.005)
            continue
        key = "j" if i % 2 == 0 else "k"
        k0 = now_ms()
        tm.keys(key)
        wait(tm, lambda l: sel_number(l) not in (None, before),
             max(1, deadline - time.monotonic()),
             what="the selection moved by %s during the sync" % key)
        samples.append(now_ms() - k0)
        i += 1
        time.sleep(0.03)
    raise TimeoutError("the background sync did not end within %gs" % timeout)


def keys_during_sync(tm, max_samples, timeout):
    """R (a full re-listing of a filled store), then keys as above; returns
    (samples, ms from R to the end of that sync)."""
    t0 = now_ms()
    tm.keys("R")
    wait(tm, FETCHING, 10, poll_ms=1, what="fetching mail after R")
    return keys_while_fetching(tm, t0, max_samples, timeout)


# A stand-in for the key figures: raw terminal, redraws the selection on
# row 0 or 1 for each k or j, the least work a program can do per key.
ECHO_PROGRAM = """\
import os, tty
tty.setraw(0)
def draw(row):
    os.write(1, b"\\x1b[H\\x1b[2J" + b"\\r\\n" * row + "\\u2502> ready".encode())
draw(0)
while True:
    c = os.read(0, 1)
    if not c or c == b"q":
        break
    draw(1 if c == b"j" else 0)
"""


# --- modes ----------------------------------------------------------------------

def mode_baseline(args):
    d = args.scratch
    screen = os.path.join(d, "baseline-screen.sh")
    with open(screen, "w") as f:
        f.write("#!/bin/sh\nprintf '\\342\\224\\202> baseline\\n'\nexec sleep 600\n")
    echo = os.path.join(d, "baseline-echo.py")
    with open(echo, "w") as f:
        f.write(ECHO_PROGRAM)
    os.chmod(screen, 0o755)
    samples = []
    for _ in range(args.runs):
        tm, t0 = launch(args, screen)
        try:
            samples.append(first_screen(tm, t0, 10))
        finally:
            tm.close()
    out("baseline_first_screen_ms", samples)
    tm, t0 = launch(args, "%s %s" % (sys.executable, echo))
    try:
        first_screen(tm, t0, 10)
        out("baseline_key_ms", keys_idle(tm, args.keys))
    finally:
        tm.close()


def mode_first_screen(args):
    samples = []
    for _ in range(args.runs):
        prepare(args)
        tm, t0 = launch(args, args.launch)
        try:
            samples.append(first_screen(tm, t0, args.timeout))
            if not quit_tui(tm):
                note("ebox-tui did not quit on q within 15 s")
        except Gone:
            note("ebox-tui exited before showing a message")
        except (TimeoutError, RuntimeError) as e:
            note("first screen: %s" % e)
        finally:
            tm.close()
    out(args.prefix + "first_screen_ms", samples)


def peak_rss_kb(tm):
    """VmHWM of the program in the pane (the launch scripts exec it, so it
    has the pane's pid); None, with a note saying why, when unreadable."""
    lines = tm.cmd("display-message -p -t %s '#{pane_pid}'" % PANE)
    pid = lines[0].strip() if lines else ""
    try:
        with open("/proc/%s/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        note("peak RSS: no VmHWM for pid %r" % pid)
    except (OSError, ValueError) as e:
        note("peak RSS: pane pid %r (%r): %s" % (pid, lines, e))
    return None


def mode_cold_sync(args):
    """Each run: an empty store, the inbox, keys during its first sync."""
    screens, loads, keys, rss = [], [], [], []
    for run in range(args.runs):
        prepare(args)
        tm, t0 = launch(args, args.launch)
        step = "first screen"
        try:
            screens.append(first_screen(tm, t0, args.timeout))
            step = "keys during the first sync"
            samples, done = keys_while_fetching(tm, t0, args.keys * 50, args.timeout)
            keys += samples
            loads.append(done)
            if not has(LOADED.pattern)(tm.screen()):
                note("cold sync run %d: the sync ended without \"N messages from M "
                     "providers\"" % (run + 1))
            step = "peak RSS"
            kb = peak_rss_kb(tm)
            if kb is not None:
                rss.append(kb)
            step = "quit"
            if not quit_tui(tm):
                note("ebox-tui did not quit on q within 15 s")
        except (TimeoutError, Gone, RuntimeError) as e:
            note("cold sync run %d stopped at %s: %s" % (run + 1, step, e))
        finally:
            tm.close()
    out("cold_first_screen_ms", screens)
    out("cold_full_load_ms", loads)
    out("cold_sync_key_ms", keys)
    out("cold_inbox_rss_kb", rss)


def mode_inbox(args):
    import json
    with open(args.meta) as f:
        meta = json.load(f)
    prepare(args)
    tm, t0 = launch(args, args.launch)
    step, rss = "start", None
    try:
        step = "first screen"
        out("session_first_screen_ms", first_screen(tm, t0, args.timeout))
        step = "the end of the background sync"
        wait(tm, lambda lines: not FETCHING(lines) and LOADED.search("\n".join(lines)),
             args.timeout, poll_ms=5, what="the end of the background sync")
        out("warm_sync_done_ms", now_ms() - t0)
        top = sel_row(tm.screen())
        step = "keys"
        time.sleep(0.2)
        to_top(tm, top)
        out("key_ms", keys_idle(tm, args.keys))
        step = "search"
        out("search_ms", search(tm, meta, args.runs))
        step = "limit"
        patterns = [meta["limit"]] + ([args.limit_from] if args.limit_from else [])
        narrow, wide = limit(tm, patterns, args.runs)
        out("limit_ms", narrow[meta["limit"]])
        if args.limit_from:
            out("limit_from_ms", narrow[args.limit_from])
        out("unlimit_ms", wide)
        step = "sort"
        sorted_ms = sort(tm, args.runs)
        out("sort_s_ms", sorted_ms["s"])
        out("sort_d_ms", sorted_ms["d"])
        step = "peak RSS"
        rss = peak_rss_kb(tm)
        if rss is not None:
            out("inbox_rss_kb", rss)
        step = "keys during R"
        to_top(tm, top)
        samples, done = keys_during_sync(tm, args.keys * 50, args.timeout)
        out("resync_key_ms", samples)
        out("resync_ms", done)
        step = "peak RSS"
        rss = peak_rss_kb(tm)
        if rss is not None:
            out("resync_rss_kb", rss)
        step = "quit"
        if not quit_tui(tm):
            note("ebox-tui did not quit on q within 15 s")
    except (TimeoutError, Gone, RuntimeError) as e:
        note("inbox measurement stopped at %s: %s" % (step, e))
    finally:
        tm.close()


def main():
    p = argparse.ArgumentParser(description="time ebox-tui's inbox in tmux")
    p.add_argument("mode", choices=("baseline", "first-screen", "cold-sync", "inbox"))
    p.add_argument("--socket", required=True, help="tmux -L socket name")
    p.add_argument("--launch", help="executable that starts ebox-tui")
    p.add_argument("--scratch", help="directory for the baseline's scripts")
    p.add_argument("--meta", help="meta.json of the box (inbox mode)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--keys", type=int, default=20, help="key samples")
    p.add_argument("--timeout", type=float, default=600, help="seconds for a sync")
    p.add_argument("--wipe", nargs="*", default=[], help="directories emptied before a launch")
    p.add_argument("--restore", nargs=2, action="append", default=[], metavar=("SRC", "DST"),
                   help="DST replaced by a copy of SRC before a launch")
    p.add_argument("--limit-from", help="a sender word for the limit ~f figure")
    p.add_argument("--prefix", default="", help="prefix of the result names")
    p.add_argument("--cols", type=int, default=100)
    p.add_argument("--rows", type=int, default=30)
    args = p.parse_args()
    {"baseline": mode_baseline, "first-screen": mode_first_screen,
     "cold-sync": mode_cold_sync, "inbox": mode_inbox}[args.mode](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
