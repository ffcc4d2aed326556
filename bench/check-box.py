#!/usr/bin/env python3
"""check-box.py [N] - checks that gen-box.py's static files are what the
Python test provider answers for the same messages.

Generates a box of N messages (default 1000) in a temporary directory,
starts tests/provider/ebox-provider --messages N with the same --now and
seed, and compares byte for byte: every list item against the provider's
GET ebox/messages/{id}, every detail file (message, attachments,
attachment, content) and the reference-data lists, with the static box's
URLs (@BASE@/dpA/) turned into the provider's, and the receivedAfter
listings against the provider's answer to the same query.  The registry is compared
field by field (the static one lists the two active DPs at /dpA/ and /dpB/).
Prints one line per kind and exits 1 on any difference.
"""

import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PROVIDER = os.path.join(HERE, "..", "tests", "provider")
ROOTS = {"dpA": "/nsso/REST/ebox/messageRegistry/v2/",
         "dpB": "/bosa/REST/ebox/messageRegistry/v2/"}


def main():
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tmp = tempfile.mkdtemp(prefix="ebox-check-box.")
    proc = None
    try:
        box = os.path.join(tmp, "box")
        subprocess.run([sys.executable, os.path.join(HERE, "gen-box.py"), "generate",
                        "--messages", str(n), "--out", box], check=True)
        meta = json.load(open(os.path.join(box, "meta.json")))
        out = open(os.path.join(tmp, "provider.out"), "w+")
        proc = subprocess.Popen([sys.executable, os.path.join(PROVIDER, "ebox-provider"),
                                 "--port", "0", "--dir", os.path.join(tmp, "prov"),
                                 "--messages", str(n), "--now", meta["now"],
                                 "--seed", str(meta["seed"])],
                                stdout=out, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        url = None
        while url is None:
            out.seek(0)
            for line in out:
                if line.startswith("ready "):
                    url = line.split()[1]
            if url is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    print("check-box: the provider did not start")
                    return 1
                time.sleep(0.1)
        token = subprocess.run([sys.executable, os.path.join(PROVIDER, "mktoken.py"),
                                os.path.join(tmp, "prov"), "demo"],
                               capture_output=True, text=True, check=True).stdout.strip()
        ctx = ssl.create_default_context(cafile=os.path.join(tmp, "prov", "ca.pem"))

        def get(path):
            req = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token})
            try:
                with urllib.request.urlopen(req, context=ctx) as r:
                    return r.status, r.read()
            except urllib.error.HTTPError as e:
                return e.code, e.read()

        tree = os.path.join(box, "tree")
        counts = {}
        bad = 0

        def tally(kind, same, what):
            nonlocal bad
            ok, ko = counts.get(kind, (0, 0))
            counts[kind] = (ok + same, ko + (not same))
            if not same:
                bad += 1
                if bad <= 10:
                    print("DIFFERENT %s: %s" % (kind, what))

        big = (meta.get("big") or {}).get("message_id")
        for dp, root in ROOTS.items():
            ours = ("@BASE@/%s/" % dp).encode()
            theirs = (url + root).encode()
            pages = os.path.join(tree, dp, "_pages", "100")
            for name in sorted(os.listdir(pages)):
                if name == "end.json":
                    continue
                data = open(os.path.join(pages, name), "rb").read().replace(ours, theirs)
                page = json.loads(data)
                tally("page envelope", data.startswith(b'{"items":[') and
                      data.endswith(b'],"totalItems":%d}' % page["totalItems"]), name)
                for item in page["items"]:
                    if item["messageId"] == big:
                        continue        # carries the bench's extra annex
                    status, body = get(root + "ebox/messages/" + item["messageId"])
                    tally("list item", status == 200 and body in data, item["messageId"])
            # receivedAfter=D listings against the provider's answer to the
            # same query, which also lists the demo account's own messages
            # (the box has the synthetic ones only): those left out, the
            # same messages in the same order, items byte for byte but the
            # big-document message's.  Needs listings of one page (N up to
            # a few thousand).
            after = os.path.join(tree, dp, "_pages", "after")
            for day in sorted(os.listdir(after)):
                data = open(os.path.join(after, day, "100", "1.json"), "rb").read()
                page = json.loads(data.replace(ours, theirs))
                status, body = get("%sebox/messages?receivedAfter=%s&page=1&pageSize=100"
                                   % (root, day))
                got = json.loads(body) if status == 200 else {"items": [], "totalItems": -1}
                ids = {m["messageId"] for m in page["items"]}
                theirs_items = [m for m in got["items"] if m["messageId"] in ids]
                others = len(got["items"]) - len(theirs_items)
                same = status == 200 and got["totalItems"] <= 100 and \
                    page["totalItems"] == got["totalItems"] - others and \
                    len(theirs_items) == len(page["items"]) and \
                    all(a["messageId"] == b["messageId"] and
                        (a == b or a["messageId"] == big)
                        for a, b in zip(page["items"], theirs_items))
                tally("receivedAfter listing", same, "%s receivedAfter=%s" % (dp, day))
            for top, _dirs, files in os.walk(os.path.join(tree, dp)):
                rel = os.path.relpath(top, os.path.join(tree, dp))
                if rel.startswith("_pages") or rel == ".":
                    continue
                for name in files:
                    path = os.path.join(top, name)
                    if os.path.islink(path) or (big and big in rel):
                        continue
                    query = "?page=1&pageSize=100" if rel.count("/") == 1 and \
                        rel.split("/")[0] in ("referenceData", "refData") else ""
                    status, body = get(root + rel + query)
                    mine = open(path, "rb").read().replace(ours, theirs)
                    kind = "content" if rel.endswith("/content") else \
                        rel.split("/")[0] + ("" if rel.split("/")[0] != "ebox" else " detail")
                    tally(kind, status == 200 and body == mine, rel)
        status, body = get("/REST/ebox/enterprise/federation/v1/messageProviders")
        provider_entries = {p["messageProviderId"]: p for p in json.loads(body)}
        reg = json.load(open(os.path.join(tree, "REST/ebox/enterprise/federation/v1/"
                                          "messageProviders/_.json")))
        for entry in reg:
            theirs = provider_entries[entry["messageProviderId"]]
            keys_same = list(entry) == list(theirs)
            fields_same = all(entry[k] == theirs[k] for k in entry
                              if k not in ("messageProviderUrl", "_links"))
            tally("registry entry", keys_same and fields_same, entry["messageProviderId"])
        for kind, (ok, ko) in sorted(counts.items()):
            print("%-22s %6d identical, %d different" % (kind, ok, ko))
        return 1 if bad else 0
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
