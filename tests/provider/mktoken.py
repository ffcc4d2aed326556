#!/usr/bin/env python3
"""Print an access token from the local eBox test provider.

    mktoken.py DIR ACCOUNT [--scope "S1 S2"] [--assertion] [--exp-in S]
               [--aud URL] [--iss ID] [--jti ID] [--key FILE] [--passin ARG]
    mktoken.py --dir DIR --account ACCOUNT [options...]

Reads DIR/config (written by ebox-provider) for the account's token_url,
client_id and key_file, builds an RS256 client assertion (RFC 7523) signed
with `openssl dgst -sha256 -sign`, posts it to the token endpoint and prints
the access_token.  With --assertion it prints the signed assertion instead
and contacts nothing (for testing the token endpoint with curl).  The other
options forge claims for negative tests.  Standard library only.
"""

import argparse
import base64
import json
import re
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def read_account(config_path, account):
    """Settings of one account in an ebox-tui config (global ones included)."""
    settings, current = {}, None
    with open(config_path, encoding="utf-8") as config:
        for line in config:
            line = line.strip()
            if line.startswith("account "):
                current = line.split(None, 1)[1]
                continue
            match = re.fullmatch(r'set (\w+) "((?:[^"\\]|\\.)*)"', line)
            if match and current in (None, account):
                settings[match.group(1)] = re.sub(r"\\(.)", r"\1", match.group(2))
    return settings


def sign(message, key_file, passin):
    argv = ["openssl", "dgst", "-sha256", "-sign", key_file]
    if passin:
        argv += ["-passin", passin]
    result = subprocess.run(argv, input=message, capture_output=True, check=False)
    if result.returncode != 0:
        sys.exit("mktoken: openssl failed: %s" % result.stderr.decode(errors="replace").strip())
    return result.stdout


def assertion(settings, args):
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT"}
    claims = {"iss": args.iss or settings["client_id"], "sub": args.iss or settings["client_id"],
              "aud": args.aud or settings["token_url"], "exp": now + args.exp_in,
              "jti": args.jti or str(uuid.uuid4())}
    signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode()))
    signature = sign(signing_input.encode("ascii"), args.key or settings["key_file"], args.passin)
    return signing_input + "." + b64url(signature)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?")
    parser.add_argument("account", nargs="?")
    parser.add_argument("--dir", dest="dir_option", metavar="DIR")
    parser.add_argument("--account", dest="account_option", metavar="ACCOUNT")
    parser.add_argument("--scope")
    parser.add_argument("--assertion", action="store_true", help="print the client assertion only")
    parser.add_argument("--exp-in", type=int, default=300, help="assertion lifetime in seconds")
    parser.add_argument("--aud")
    parser.add_argument("--iss")
    parser.add_argument("--jti")
    parser.add_argument("--key")
    parser.add_argument("--passin", help="openssl -passin argument, e.g. pass:demo-pass")
    args = parser.parse_args()
    args.dir = args.dir_option or args.dir
    args.account = args.account_option or args.account
    if not args.dir or not args.account:
        parser.error("DIR and ACCOUNT are required (positional or --dir/--account)")
    settings = read_account(args.dir.rstrip("/") + "/config", args.account)
    if "client_id" not in settings:
        sys.exit("mktoken: no account %r in %s/config" % (args.account, args.dir))
    jws = assertion(settings, args)
    if args.assertion:
        print(jws)
        return 0
    form = {"grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": jws}
    if args.scope is not None:
        form["scope"] = args.scope
    request = urllib.request.Request(settings["token_url"], urllib.parse.urlencode(form).encode(),
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    context = ssl.create_default_context(cafile=settings["ca_file"])
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as response:
            print(json.load(response)["access_token"])
    except urllib.error.HTTPError as error:
        sys.exit("mktoken: HTTP %d: %s" % (error.code, error.read().decode(errors="replace")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
