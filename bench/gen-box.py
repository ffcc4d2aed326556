#!/usr/bin/env python3
"""gen-box.py - a static eBox for bench/scale.sh: the files a plain HTTPS
server (nginx) serves so that ebox-tui and curl can be timed against it.

  gen-box.py generate --messages N --out DIR [--now ISO] [--seed S]
                      [--big FILE] [--detail K]
  gen-box.py big --out FILE [--size BYTES]
  gen-box.py materialize --tree DIR/tree --base https://127.0.0.1:PORT --out WWW

The messages are the test provider's own synthetic messages (the ones
`tests/provider/ebox-provider --messages N --now ISO --seed S` adds), built
with its demo_data module and rendered with its Renderer, then serialised
with its to_json_bytes: every JSON body here is byte for byte what the
Python provider would answer for the same messages, except that the DP
roots are /dpA/ (ebox-nsso) and /dpB/ (ebox-bosa) and that the registry
lists those two only.  Absolute URLs (contentHref, registry entries) hold
the placeholder @BASE@ until `materialize` writes the tree for one port.

Tree layout (URL path -> file):
  /REST/ebox/enterprise/federation/v1/messageProviders[/ID]  .../_.json
  /dpX/ebox/messages?page=P&pageSize=100         dpX/_pages/100/P.json
                     (past the end)              dpX/_pages/100/end.json
  /dpX/ebox/messages?receivedAfter=D&page=P&pageSize=100
                                                 dpX/_pages/after/D/100/P.json
                     (past the end)              dpX/_pages/after/D/100/end.json
  /dpX/ebox/messages/ID[/attachments[/AID]]      .../_.json
  /dpX/ebox/messages/ID/attachments/AID/content  .../content/_.pdf or _.bin
  /dpX/ebox/messages/ID/body, /paymentData       .../_.json when it exists
  /dpX/{referenceData,refData}/KIND[/ID]         .../_.json
  /save/...                                      a one-message DP holding
                                                 the message with the big
                                                 document (for `save`)
The receivedAfter listings (what a sync of a filled store asks for: the
messages received since a day before its newest one) exist for the dates
D from AFTER_BEFORE days before "now" to AFTER_PAST days after it, each
with what the provider answers for receivedAfter=D (received at or after
00:00 Brussels time that day); meta.json lists them as "after_dates".
Detail endpoints exist for the newest K messages of each DP (default 100,
one page: what the first screen shows) and for the big-document message.

Python 3 standard library only; deterministic for the same arguments.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import sys
import types
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
PROVIDER_DIR = os.path.join(HERE, "..", "tests", "provider")
DEFAULT_NOW = "2026-06-15T12:00:00+02:00"
BASE = "@BASE@"
PAGE_SIZE = 100
ROOTS = {"ebox-nsso": "/dpA/", "ebox-bosa": "/dpB/"}
SAVE_ROOT = "/save/"
BIG_DEFAULT = 1 << 30
REFDATA_KINDS = {"senderOrganizations": ("orgs", "organizationId"),
                 "messageTypes": ("types", "messageTypeId"),
                 "senderApplications": ("apps", "applicationId")}
MEDIA_EXT = {"application/pdf": "pdf"}     # anything else is served as _.bin
# receivedAfter=D listings are written for the dates from AFTER_BEFORE days
# before "now" (Brussels date) to AFTER_PAST days after it: a client sends
# the date of a day before its newest message, in its own time zone.
AFTER_BEFORE, AFTER_PAST = 8, 1


def load_provider(provider_dir):
    sys.dont_write_bytecode = True      # no __pycache__ in the checkout
    sys.path.insert(0, os.path.abspath(provider_dir))
    import demo_data   # noqa: E402  (the provider's modules, imported by path)
    import provider
    return demo_data, provider


class Flags:
    """The provider's State.flags() for a server that never changes them."""

    @staticmethod
    def flags(message):
        return {"read": message.read, "visible": message.visible,
                "partition": message.partition}


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def b64url(digest):
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# --- the big document ---------------------------------------------------------

def make_big(path, size):
    """A deterministic incompressible file of size bytes; returns its
    digest (SHA-256, base64url without padding), also kept in PATH.digest."""
    digest_path = path + ".digest"
    if os.path.exists(path) and os.path.exists(digest_path) \
            and os.path.getsize(path) == size:
        with open(digest_path) as f:
            return f.read().strip()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    block = random.Random(20260615).randbytes(1 << 20)
    h = hashlib.sha256()
    tmp = "%s.tmp%d" % (path, os.getpid())
    try:
        with open(tmp, "wb") as out:
            k, left = 0, size
            while left > 0:
                chunk = (k.to_bytes(8, "big") + block[8:])[:left]
                out.write(chunk)
                h.update(chunk)
                left -= len(chunk)
                k += 1
        value = b64url(h.digest())
        with open(digest_path + ".tmp", "w") as f:
            f.write(value + "\n")
        os.replace(digest_path + ".tmp", digest_path)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return value


# --- the box ------------------------------------------------------------------

def generate(args):
    demo_data, provider = load_provider(args.provider_dir)
    now = datetime.fromisoformat(args.now).astimezone(timezone.utc)
    render = provider.Renderer("v2", Flags())
    to_json = provider.to_json_bytes
    tree = os.path.join(args.out, "tree")
    os.makedirs(tree)

    # The demo account's box with the synthetic messages only (exactly the
    # ones ebox-provider --messages N adds, same ids, same order).
    box = demo_data._demo_box(now, False)
    box.messages = {}
    dps = {p.dp_id: p for p in demo_data.providers(now)}
    active = {dp: dps[dp].org_ids for dp in ROOTS}
    demo_data._synthetic(box, now, args.messages, args.seed, active)
    for messages in box.messages.values():
        messages.sort(key=lambda m: (m.receipt, m.message_id), reverse=True)

    # The big document: an annex of the newest ebox-nsso message.
    big = None
    if args.big:
        size = os.path.getsize(args.big)
        with open(args.big + ".digest") as f:
            digest = f.read().strip()
        target = box.messages["ebox-nsso"][0]
        annex = demo_data.Attachment(
            demo_data.stable_uuid(target.message_id, "attachment", "bench-big"),
            demo_data.ts("Archive complète du dossier", "Volledig archief van het dossier",
                         "Vollständiges Archiv der Akte", "Complete file archive"),
            "archive-dossier.bin", "application/octet-stream", False, None)
        annex._meta = (size, digest)
        target.attachments.append(annex)
        big = {"message_id": target.message_id, "attachment_id": annex.attachment_id,
               "file": os.path.abspath(args.big), "size": size, "digest": digest,
               "file_name": annex.file_name}

    # Reference data, as DataSet.refdata() answers it.
    dataset = demo_data.DataSet.__new__(demo_data.DataSet)
    dataset.providers = dps

    def refdata(root_dir, dp_id):
        for kind, (set_name, id_key) in REFDATA_KINDS.items():
            items = dataset.refdata(dp_id, set_name)
            listing = to_json({"items": items[:PAGE_SIZE], "totalItems": len(items)})
            for spelling in ("referenceData", "refData"):
                write(os.path.join(root_dir, spelling, kind, "_.json"), listing)
                for item in items:
                    write(os.path.join(root_dir, spelling, kind, item[id_key], "_.json"),
                          to_json(item))

    def detail(root_dir, root_url, message):
        mdir = os.path.join(root_dir, "ebox", "messages", message.message_id)
        write(os.path.join(mdir, "_.json"), to_json(render.message(message, root_url)))
        items = [render.attachment(message, a, root_url) for a in message.attachments]
        write(os.path.join(mdir, "attachments", "_.json"),
              to_json({"items": items, "totalItems": len(items)}))
        for a, item in zip(message.attachments, items):
            adir = os.path.join(mdir, "attachments", a.attachment_id)
            write(os.path.join(adir, "_.json"), to_json(item))
            content = os.path.join(adir, "content")
            if big and a.attachment_id == big["attachment_id"]:
                os.makedirs(content, exist_ok=True)
                os.symlink(big["file"], os.path.join(content, "_.bin"))
            else:
                write(os.path.join(content, "_." + MEDIA_EXT.get(a.media_type, "bin")),
                      a.content())
        if message.body is not None:
            write(os.path.join(mdir, "body", "_.json"), to_json(message.body))
        if message.payment is not None:
            write(os.path.join(mdir, "paymentData", "_.json"), to_json(message.payment))

    meta = {"messages": args.messages, "now": args.now, "seed": args.seed,
            "page_size": PAGE_SIZE, "providers": [], "big": big,
            "registry_root": provider.FEDERATION_ROOT, "save_root": SAVE_ROOT}
    page_paths = {}
    json_bytes = 0
    today = demo_data.to_brussels(now).date()
    after_dates = [today + timedelta(days=d) for d in range(-AFTER_BEFORE, AFTER_PAST + 1)]
    after_counts = {}
    for dp_id, root in ROOTS.items():
        messages = box.messages.get(dp_id, [])
        root_dir = os.path.join(tree, root.strip("/"))
        root_url = BASE + root
        pages = max(1, (len(messages) + PAGE_SIZE - 1) // PAGE_SIZE)
        for page in range(1, pages + 1):
            chunk = messages[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
            body = to_json({"items": [render.message(m, root_url) for m in chunk],
                            "totalItems": len(messages)})
            json_bytes += len(body)
            write(os.path.join(root_dir, "_pages", str(PAGE_SIZE), "%d.json" % page), body)
        write(os.path.join(root_dir, "_pages", str(PAGE_SIZE), "end.json"),
              to_json({"items": [], "totalItems": len(messages)}))
        # receivedAfter=D: the messages received at or after 00:00
        # Brussels time on D (the provider's date_param and window), a
        # prefix of the newest-first list.
        for day in after_dates:
            cutoff = demo_data.brussels_midnight(day)
            recent = [m for m in messages if m.receipt >= cutoff]
            pdir = os.path.join(root_dir, "_pages", "after", day.isoformat(), str(PAGE_SIZE))
            for page in range(1, max(1, (len(recent) + PAGE_SIZE - 1) // PAGE_SIZE) + 1):
                chunk = recent[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
                write(os.path.join(pdir, "%d.json" % page),
                      to_json({"items": [render.message(m, root_url) for m in chunk],
                               "totalItems": len(recent)}))
            write(os.path.join(pdir, "end.json"),
                  to_json({"items": [], "totalItems": len(recent)}))
            after_counts.setdefault(day.isoformat(), {})[dp_id] = len(recent)
        for message in messages[:args.detail]:
            detail(root_dir, root_url, message)
        refdata(root_dir, dp_id)
        page_paths[dp_id] = ["%sebox/messages?page=%d&pageSize=%d" % (root, p, PAGE_SIZE)
                             for p in range(1, pages + 1)]
        meta["providers"].append({"id": dp_id, "root": root, "messages": len(messages),
                                  "pages": pages})

    if big:
        # The one-message DP for `save`: the same message under /save/.
        save_dir = os.path.join(tree, SAVE_ROOT.strip("/"))
        message = box.messages["ebox-nsso"][0]
        write(os.path.join(save_dir, "_pages", str(PAGE_SIZE), "1.json"),
              to_json({"items": [render.message(message, BASE + SAVE_ROOT)], "totalItems": 1}))
        write(os.path.join(save_dir, "_pages", str(PAGE_SIZE), "end.json"),
              to_json({"items": [], "totalItems": 1}))
        detail(save_dir, BASE + SAVE_ROOT, message)
        refdata(save_dir, "ebox-nsso")
        if args.detail < 1:     # else the loop above wrote it already
            detail(os.path.join(tree, ROOTS["ebox-nsso"].strip("/")),
                   BASE + ROOTS["ebox-nsso"], message)
        big["content_path"] = "%sebox/messages/%s/attachments/%s/content" % (
            SAVE_ROOT, big["message_id"], big["attachment_id"])

    # The federation registry (messageProviders), by the provider's own code.
    fake = types.SimpleNamespace(render=types.SimpleNamespace(v3=False), base_url=BASE,
                                 _provider_url=lambda p: BASE + ROOTS[p.dp_id])
    entries = [provider.Provider._provider_json(fake, dps[dp]) for dp in ROOTS]
    reg_dir = os.path.join(tree, provider.FEDERATION_ROOT.strip("/"), "messageProviders")
    write(os.path.join(reg_dir, "_.json"), to_json(entries))
    for dp_id, entry in zip(ROOTS, entries):
        write(os.path.join(reg_dir, dp_id, "_.json"), to_json(entry))

    # StatusMessage bodies for the answers nginx makes itself (fixed ids:
    # a static server cannot draw a uuid per answer).
    errors = {"404": ("NOT_FOUND", "No resource at this path"),
              "404-message": ("MESSAGE_NOT_FOUND", "Message not found"),
              "404-body": ("BODY_NOT_FOUND", "Body not found"),
              "404-payment": ("PAYMENT_DATA_NOT_FOUND", "PaymentData not found"),
              "400": ("INVALID_INPUT", "Only page=N&pageSize=100 is served by this static box")}
    for name, (code, text) in errors.items():
        write(os.path.join(tree, "_err", name + ".json"),
              to_json({"id": demo_data.stable_uuid("bench-error", name), "code": code,
                       "message": text, "environment": "acceptation"}))

    # What ebox-tui asks for in a cold `list` (registry, every page, the
    # reference data it reads): the URL list the curl yardstick fetches.
    urls = [provider.FEDERATION_ROOT + "messageProviders"]
    for dp_id, root in ROOTS.items():
        urls.append(page_paths[dp_id][0])
        urls += ["%sreferenceData/%s?page=1&pageSize=100" % (root, kind)
                 for kind in ("senderOrganizations", "messageTypes")]
        urls += page_paths[dp_id][1:]
    meta["client_urls"] = urls
    # receivedAfter dates served filtered, with the messages each lists.
    meta["after_dates"] = after_counts
    meta["json_bytes"] = json_bytes
    meta["search"] = search_target([m for ms in box.messages.values() for m in ms],
                                   args.messages)
    meta["limit"] = "~s " + meta["search"]["number"][1:]
    with open(os.path.join(args.out, "meta.json"), "w") as out:
        json.dump(meta, out, indent=1)
        out.write("\n")
    return 0


def search_target(messages, count):
    """The inbox search figure types "Document NNNN" and then one more
    digit: the first text must select another message (nearer the top),
    the whole number only the target, as deep down the inbox (newest
    first) as possible, so that the last key scans nearly every message.
    Returns {"prefix", "last", "first", "number", "position"}."""
    order = sorted(messages, key=lambda m: m.receipt, reverse=True)
    by_number, position = {}, {}
    for pos, m in enumerate(order):
        number = m.subject["fr"].split()[1]          # "Document 01234 – ..."
        by_number[number] = m
        position[m.message_id] = pos

    def matching(text):
        # Numbers that contain `text` right after "Document ": those that
        # start with it (5 digits, or 6 for 100000 and up).
        found = [by_number[n] for n in ["%s%d" % (text, d) for d in range(10)]
                 + ["%s%02d" % (text, d) for d in range(100)] if n in by_number]
        if text in by_number:
            found.append(by_number[text])
        return found

    for target in reversed(order):
        number = target.subject["fr"].split()[1]
        if len(number) < 2:
            continue
        prefix = number[:-1]
        first = min(matching(prefix), key=lambda m: position[m.message_id])
        only = matching(number)
        if first is target or first.receipt == target.receipt \
                or [m.message_id for m in only] != [target.message_id]:
            continue
        return {"prefix": "Document " + prefix, "last": number[-1],
                "first": first.subject["fr"].split()[1], "number": number,
                "position": position[target.message_id] + 1, "of": count}
    raise SystemExit("gen-box.py: no message fits the search figure")


def materialize(args):
    """Copies the tree to WWW with @BASE@ replaced; symlinks stay symlinks."""
    base = args.base.encode()
    for top, dirs, files in os.walk(args.tree):
        rel = os.path.relpath(top, args.tree)
        dest = os.path.normpath(os.path.join(args.out, rel))
        os.makedirs(dest, exist_ok=True)
        for name in files:
            src = os.path.join(top, name)
            dst = os.path.join(dest, name)
            if os.path.islink(src):
                os.symlink(os.readlink(src), dst)
            elif name.endswith(".json"):
                with open(src, "rb") as f:
                    data = f.read()
                with open(dst, "wb") as f:
                    f.write(data.replace(b"@BASE@", base))
            else:
                shutil.copyfile(src, dst)
    return 0


def big_file(args):
    print(make_big(args.out, args.size))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="gen-box.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--messages", type=int, required=True)
    g.add_argument("--out", required=True, help="new directory (must not exist)")
    g.add_argument("--now", default=DEFAULT_NOW)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("--big", help="the big document (made by `big`), announced as an annex")
    g.add_argument("--detail", type=int, default=PAGE_SIZE,
                   help="newest messages per DP with detail endpoints")
    g.add_argument("--provider-dir", default=PROVIDER_DIR)
    b = sub.add_parser("big")
    b.add_argument("--out", required=True)
    b.add_argument("--size", type=int, default=BIG_DEFAULT)
    m = sub.add_parser("materialize")
    m.add_argument("--tree", required=True)
    m.add_argument("--base", required=True)
    m.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    if args.command == "generate" and args.messages < 2:
        parser.error("--messages must be at least 2")
    return {"generate": generate, "big": big_file, "materialize": materialize}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
