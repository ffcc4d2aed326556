"""The local eBox test provider: HTTPS server, routing, auth and faults.

One process plays every remote party the client talks to: the Social
Security OAuth v5 token endpoint, the federation provider registry and
several Document Providers' Message Registries (see EBOX-API.md), plus the
/_test/ control endpoints and, on demand, a second listener (another
origin).  The data lives in demo_data (attacks for the hostile part,
publish for replies); this module owns the mutable state (tokens, used
jti, read/visible/partition flags, rate-limit counters), guarded by one
lock because the server is threaded.
"""

import argparse
import collections
import gc
import json
import os
import random
import re
import secrets
import select
import signal
import ssl
import subprocess
import sys
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import attacks
import demo_data
import jwt_verify
import publish
from demo_data import LEGACY_SCOPES, MESSAGE_SCOPE, REGISTRY_SCOPE, SENDER_SCOPE

TOKEN_PATH = "/REST/oauth/v5/token"
FEDERATION_ROOT = "/REST/ebox/enterprise/federation/v1/"
DP_REGISTRY_PATH = "/REST/ebox/enterprise/federation/documentProviderRegistry/v1/messageRegistries"
ACCOUNTS = ("demo", "enterprise", "noscope")
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
CLOCK_SKEW = 60
MAX_ASSERTION_LIFETIME = 600
MAX_REQUEST_BODY = 1 << 20
MAX_PUBLISH_BODY = 32 << 20      # six files of at most 4 MiB, with room to refuse more politely
TEST_ROOT = "/_test/"
REFDATA_CACHE = "public, no-transform, proxy-revalidate, max-age=86400"
JSON_TYPE = "application/json"
MERGE_PATCH_TYPE = "application/merge-patch+json"

# Scopes that open each kind of Message Registry endpoint: the v3-era
# Document Consumer scope, or the matching legacy scope (EBOX-API.md 2.4).
SCOPE_FOR = {
    "summary": {MESSAGE_SCOPE, LEGACY_SCOPES[0]},
    "messages": {MESSAGE_SCOPE, LEGACY_SCOPES[1]},
    "refdata": {MESSAGE_SCOPE, LEGACY_SCOPES[2]},
    "registry": {REGISTRY_SCOPE},
    "publish": {MESSAGE_SCOPE, LEGACY_SCOPES[1], SENDER_SCOPE},
}
PUBLISH_HOLD_SECONDS = 120


# --- responses -------------------------------------------------------------

@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: dict = field(default_factory=dict)
    registry: bool = False        # from a Message Registry (truncate/bad-json apply)
    stream: object = None         # attacks.Stream: body written piece by piece
    hold: float = 0.0             # answer nothing; close after the client or this many s


def to_json_bytes(value):
    """UTF-8 JSON; hostile placeholders become raw invalid bytes here."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if b"\xee\x83" in data:
        for char, raw in demo_data.RAW_BYTES.items():
            data = data.replace(char.encode("utf-8"), raw)
    return data


def json_response(value, status=200, **headers):
    return Response(status, to_json_bytes(value), JSON_TYPE, dict(headers))


def status_message(status, code, message, environment="acceptation", **headers):
    """StatusMessage error body (v2.1 spelling; FED13 uses upper case env)."""
    return json_response({"id": str(uuid.uuid4()), "code": code, "message": message,
                          "environment": environment}, status, **headers)


def oauth_error(status, error, description):
    """RFC 6749 section 5.2 error body."""
    return json_response({"error": error, "error_description": description}, status,
                         **{"Cache-Control": "no-store"})


class HTTPError(Exception):
    """Raised by handlers to answer with a StatusMessage."""

    def __init__(self, status, code, message, environment="acceptation", **headers):
        super().__init__(message)
        self.args_ = (status, code, message, environment, headers)
        self.response = status_message(status, code, message, environment, **headers)

    def reworded(self, change):
        """The same error with change(message) as its sentence."""
        status, code, message, environment, headers = self.args_
        return HTTPError(status, code, change(message), environment, **headers)


def bad_request(message):
    return HTTPError(400, "INVALID_INPUT", message)


def not_found(message):
    return HTTPError(404, "NOT_FOUND", message)


# --- requests --------------------------------------------------------------

@dataclass
class Request:
    method: str
    path: str
    target: str                  # path with query, for the log
    query: dict
    headers: object
    body: bytes
    client_ip: str
    client_id: str = None        # set once known, for the log and rate limit
    log_fields: list = field(default_factory=list)   # "key=value" added to the log line


def query_value(request, name):
    values = request.query.get(name)
    return values[-1] if values else None


def int_param(request, name, default, low, high):
    raw = query_value(request, name)
    if raw is None:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise bad_request("%s must be an integer" % name)
    value = int(raw)
    if value < low or (high is not None and value > high):
        raise bad_request("%s must be between %d and %s" % (name, low, high or "infinity"))
    return value


def bool_param(request, name):
    raw = query_value(request, name)
    if raw is None:
        return None
    if raw not in ("true", "false"):
        raise bad_request("%s must be true or false" % name)
    return raw == "true"


DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})")


def date_param(request, name):
    """yyyy-MM-dd as the instant of 00:00 Europe/Brussels that day, or an
    RFC 3339 date-time (offset required) as that instant.  2.1 says date;
    the date-time lets a client resume exactly where it saw its last
    message."""
    raw = query_value(request, name)
    if raw is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return demo_data.brussels_midnight(date.fromisoformat(raw))
        match = DATE_TIME.fullmatch(raw)
        if not match:
            raise ValueError
        fraction, offset = match.group(1), match.group(2)
        text = raw[:10] + "T" + raw[11:19] + ((fraction + "00000")[:7] if fraction else "")
        return datetime.fromisoformat(text + ("+00:00" if offset in "Zz" else offset))
    except ValueError:
        raise bad_request("%s must be a date yyyy-MM-dd or an RFC 3339 date-time "
                          "(send a '+' offset as %%2B)" % name) from None


def paging(request):
    """(page, pageSize) from the query; 400 when out of range."""
    return int_param(request, "page", 1, 1, None), int_param(request, "pageSize", 25, 1, 100)


def page_slice(request, items):
    page, size = paging(request)
    start = (page - 1) * size
    return {"items": items[start:start + size], "totalItems": len(items)}


# --- rendering (v2.1 and v3 spellings) ----------------------------------------

class Renderer:
    """Turns data-set objects into JSON values in one field spelling."""

    def __init__(self, spelling, state):
        self.v3 = spelling == "v3"
        self.state = state

    def attachment(self, message, attachment, root):
        size, digest = attachment.meta()
        value = {
            "attachmentId": attachment.attachment_id,
            "attachmentTitle": attachment.title,
            "fileName": attachment.file_name,
            "mediaType": attachment.media_type,
            "size": round(size / 1024.0, 3),
            "digest": {"digestMethod": "sha_256", "digestValue": digest},
            "contentHref": "%sebox/messages/%s/attachments/%s/content"
                           % (root, message.message_id, attachment.attachment_id),
        }
        main, signed = ("isMainContent", "isAttachmentSigned") if self.v3 \
            else ("mainContent", "attachmentSigned")
        value[main] = attachment.main
        value[signed] = attachment.signed
        if message.malformed in attacks.MALFORM_ATTACHMENT:
            attacks.MALFORM_ATTACHMENT[message.malformed](value)
        return value

    def attachments(self, message, root):
        items = [self.attachment(message, a, root) for a in message.attachments]
        return items if self.v3 else {"items": items, "totalItems": len(items)}

    def message(self, message, root):
        flags = self.state.flags(message)
        names = (("isRead", "isVisible", "isRegisteredMail", "isBodyMainContent", "isReplyAuthorized")
                 if self.v3 else
                 ("readStatus", "visible", "registeredMail", "bodyMainContent", "replyAuthorized"))
        value = {"messageId": message.message_id, "subject": message.subject,
                 "receiptDate": demo_data.iso(message.receipt),
                 "expirationDate": demo_data.iso(message.expiration)}
        for name, flag in zip(names, (flags["read"], flags["visible"], message.registered,
                                      message.body_main, message.reply)):
            value[name] = flag
        if message.fta:
            value["forTheAttentionOf"] = ({"ssin": message.fta["id"], "label": message.fta["name"]}
                                          if self.v3 else dict(message.fta))
        value["messageTypeId"] = message.type_id
        if self.v3:
            value["sender"] = {"eboxType": "enterprise", "enterpriseNumber": message.org_id}
        else:
            value["senderOrganizationId"] = message.org_id
        value["senderApplicationId"] = message.app_id
        value["attachments"] = self.attachments(message, root)
        if message.payment:
            value["paymentData"] = message.payment
        if message.business:
            value["businessDataList"] = {"items": message.business, "totalItems": len(message.business)}
        if flags["partition"]:
            value["partitionId"] = flags["partition"]
        if message.malformed in attacks.MALFORM:
            attacks.MALFORM[message.malformed](value)
        return value


# --- mutable state -----------------------------------------------------------

class State:
    """Everything that changes while the server runs, behind one lock."""

    def __init__(self, seed):
        self.lock = threading.Lock()
        self.tokens = {}              # token -> (client_id, scopes, expires_at)
        self.used_jti = set()
        self.flags_by_id = {}         # message id -> {"read", "visible", "partition"}
        self.last_access = {}         # (client id, dp id) -> datetime
        self.rate = {}                # key -> deque of request times
        self.rng = random.Random(seed)

    def flags(self, message):
        with self.lock:
            return dict(self._flags(message))

    def _flags(self, message):
        flags = self.flags_by_id.get(message.message_id)
        if flags is None:
            flags = {"read": message.read, "visible": message.visible, "partition": message.partition}
            self.flags_by_id[message.message_id] = flags
        return flags

    def forget(self, message_id):
        """A message left the data set: its flags go with it."""
        with self.lock:
            self.flags_by_id.pop(message_id, None)

    def mark_read(self, message):
        with self.lock:
            self._flags(message)["read"] = True

    def update(self, changes):
        """Apply [(message, {flag: value})] all at once."""
        with self.lock:
            for message, values in changes:
                self._flags(message).update(values)

    def issue_token(self, client_id, scopes, ttl):
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[token] = (client_id, frozenset(scopes), time.time() + ttl)
        return token

    def token(self, token):
        with self.lock:
            return self.tokens.get(token)

    def use_jti(self, jti):
        """False when the jti was seen before (a replayed assertion)."""
        with self.lock:
            if jti in self.used_jti:
                return False
            self.used_jti.add(jti)
            return True

    def touch(self, client_id, dp_id, now):
        with self.lock:
            previous = self.last_access.get((client_id, dp_id))
            self.last_access[(client_id, dp_id)] = now
            return previous

    def over_rate(self, key, limit):
        """Sliding one-second window; refused requests count too, as a
        gateway counts them."""
        now = time.monotonic()
        with self.lock:
            recent = self.rate.setdefault(key, collections.deque())
            while recent and recent[0] <= now - 1.0:
                recent.popleft()
            recent.append(now)
            return len(recent) > limit

    def roll(self, probability):
        with self.lock:
            return self.rng.random() < probability, self.rng.choice((500, 503))


# --- the provider application ---------------------------------------------

class Provider:
    """Maps a Request to a Response; no HTTP or socket code here."""

    def __init__(self, options, data, base_url, public_keys):
        self.options = options
        self.data = data
        self.base_url = base_url
        self.public_keys = public_keys    # client id -> RSAPublicKey
        self.state = State(options.seed)
        self.render = Renderer(options.spelling, self.state)
        self.token_url = base_url + TOKEN_PATH
        self.down = set(options.provider_down)
        self.retry_after = options.retry_after or "30"
        self.bombs = set(options.node_bomb)
        self.bomb = node_bomb() if self.bombs else None
        self.mismatch = set(options.digest_mismatch)
        self.search_cache = {}
        self.second_url = None            # the second listener, if any (main sets it)
        self.started = time.monotonic()
        self.publications = publish.Publications()
        self.test_routes = [(method, re.compile(pattern + r"/?"), handler) for method, pattern, handler in (
            ("POST", r"messages", self.test_add),
            ("PATCH", r"messages/(?P<mid>[^/]+)", self.test_patch),
            ("DELETE", r"messages/(?P<mid>[^/]+)", self.test_delete),
            ("GET", r"published", self.test_published))]
        self.dp_roots = self._dp_roots()
        self.dp_routes = self._dp_routes()

    # -- routing --

    def _dp_roots(self):
        """URL path prefix -> DP id.  Each DP answers on its v2 and v3 root."""
        roots = {}
        for provider in self.data.providers.values():
            roots[provider.path] = provider.dp_id
            roots[provider.path.replace("/v2/", "/v3/")] = provider.dp_id
        return roots

    def _dp_routes(self):
        mid = r"ebox/messages/(?P<mid>[^/]+)"
        kind = r"(?:referenceData|refData)/(?P<kind>messageTypes|senderOrganizations|senderApplications)"
        table = [
            ("GET", r"ebox", "summary", self.get_summary),
            ("GET", r"ebox/messages", "messages", self.list_messages),
            ("PATCH", r"ebox/messages", "messages", self.patch_messages),
            ("GET", mid, "messages", self.get_message),
            ("PATCH", mid, "messages", self.patch_message),
            ("GET", mid + r"/attachments", "messages", self.list_attachments),
            ("GET", mid + r"/attachments/(?P<aid>[^/]+)", "messages", self.get_attachment),
            ("GET", mid + r"/attachments/(?P<aid>[^/]+)/content", "messages", self.get_content),
            ("GET", mid + r"/body", "messages", self.get_body),
            ("GET", mid + r"/paymentData", "messages", self.get_payment),
            ("POST", r"publishMessage", "publish", self.publish_message),
            ("GET", kind, "refdata", self.list_refdata),
            ("GET", kind + r"/(?P<rid>[^/]+)", "refdata", self.get_refdata),
        ]
        return [(method, re.compile(pattern + r"/?"), scope, handler)
                for method, pattern, scope, handler in table]

    def handle(self, request):
        """Entry point: route, authenticate, inject faults, run the handler."""
        try:
            return self._route(request)
        except HTTPError as error:
            return error.response

    def _route(self, request):
        path = request.path
        if path.rstrip("/") == TOKEN_PATH:
            return self.token_endpoint(request)
        if path.startswith(FEDERATION_ROOT) or path.rstrip("/") == DP_REGISTRY_PATH:
            return self.federation(request)
        if path.startswith(TEST_ROOT):
            return self.test_control(request, path[len(TEST_ROOT):])
        for root, dp_id in self.dp_roots.items():
            if path.startswith(root) or path == root.rstrip("/"):
                return self.message_registry(request, dp_id, root, path[len(root):])
        raise not_found("No resource at %s" % path)

    def _limit(self, request, environment):
        """--rate-limit, for everything but the token endpoint."""
        opts = self.options
        if opts.rate_limit and self.state.over_rate(request.client_id or "ip:" + request.client_ip,
                                                     opts.rate_limit):
            raise HTTPError(429, "TOO_MANY_REQUESTS", "More than %d requests per second" % opts.rate_limit,
                            environment, **{"Retry-After": "1"})

    def _maybe_fail(self, environment):
        """--fail-rate: a 500 or 503 instead of the real answer."""
        if self.options.fail_rate:
            fail, status = self.state.roll(self.options.fail_rate)
            if fail:
                raise HTTPError(status, "INTERNAL_ERROR" if status == 500 else "SERVICE_UNAVAILABLE",
                                "Injected failure (--fail-rate)", environment)

    # -- authentication --

    def _peek_client(self, request):
        """Client id of the bearer token, if any, for logging and rate limits."""
        token = self._bearer(request)
        entry = self.state.token(token) if token else None
        if entry:
            request.client_id = entry[0]
        return entry

    @staticmethod
    def _bearer(request):
        header = request.headers.get("Authorization", "")
        match = re.fullmatch(r"[Bb]earer +([A-Za-z0-9._~+/=-]+)", header.strip())
        return match.group(1) if match else None

    def _authorize(self, request, entry, scope_kind, environment):
        """401 for a missing/unknown/expired token, 403 for a missing scope."""
        if not self._bearer(request):
            raise HTTPError(401, "UNAUTHORIZED", "Missing or malformed bearer token", environment,
                            **{"WWW-Authenticate": 'Bearer realm="ebox"'})
        if entry is None or entry[2] <= time.time():
            raise HTTPError(401, "UNAUTHORIZED", "Invalid or expired access token", environment,
                            **{"WWW-Authenticate": 'Bearer realm="ebox", error="invalid_token"'})
        if not entry[1] & SCOPE_FOR[scope_kind]:
            raise HTTPError(403, "FORBIDDEN", "The access token lacks the required scope", environment,
                            **{"WWW-Authenticate": 'Bearer realm="ebox", error="insufficient_scope"'})
        return entry[0]

    # -- OAuth token endpoint --

    def token_endpoint(self, request):
        if request.method != "POST":
            return oauth_error(405, "invalid_request", "Use POST")
        if self.options.redirect_token:       # the assertion must not follow
            return Response(307, b"", headers={"Location": self.second_url + TOKEN_PATH,
                                                "Cache-Control": "no-store"})
        ctype = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            return oauth_error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
        try:
            form = parse_qs(request.body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            return oauth_error(400, "invalid_request", "Body is not UTF-8")
        field_ = lambda name: (form.get(name) or [None])[-1]
        if field_("grant_type") is None:
            return oauth_error(400, "invalid_request", "Missing grant_type")
        if field_("grant_type") != "client_credentials":
            return oauth_error(400, "unsupported_grant_type", "Only client_credentials is supported")
        if field_("client_assertion_type") != ASSERTION_TYPE or not field_("client_assertion"):
            return oauth_error(400, "invalid_request",
                               "client_assertion_type must be %s with a client_assertion" % ASSERTION_TYPE)
        try:
            client_id = self._check_assertion(field_("client_assertion"), request)
        except jwt_verify.JWTError as error:
            return oauth_error(401, "invalid_client", str(error))
        box = self.data.box_for_client(client_id)
        granted = set(box.scopes)
        if field_("scope") is not None:
            granted &= set(field_("scope").split())
            if not granted:
                return oauth_error(400, "invalid_scope", "None of the requested scopes is granted to this client")
        ttl = self.options.token_ttl
        token = self.state.issue_token(client_id, granted, ttl)
        return json_response({"access_token": token, "token_type": "Bearer", "expires_in": ttl,
                              "scope": " ".join(s for s in box.scopes if s in granted)},
                             **{"Cache-Control": "no-store", "Pragma": "no-cache"})

    def _check_assertion(self, assertion, request):
        """RFC 7523 client authentication; returns the client id."""
        _header, claims, _signed, _sig = jwt_verify.split(assertion)
        if isinstance(claims.get("iss"), str):
            request.client_id = claims["iss"]
        claims = jwt_verify.verify(assertion, lambda iss: self.public_keys.get(iss)
                                   if isinstance(iss, str) else None)
        now = time.time()
        checks = [
            (claims.get("sub") == claims.get("iss"), "sub must equal iss"),
            (self._audience_ok(claims.get("aud")), "aud must be %s" % self.token_url),
            (isinstance(claims.get("exp"), (int, float)), "exp is missing"),
        ]
        for ok, sentence in checks:
            if not ok:
                raise jwt_verify.JWTError(sentence)
        if claims["exp"] + CLOCK_SKEW < now:
            raise jwt_verify.JWTError("assertion expired")
        if claims["exp"] > now + MAX_ASSERTION_LIFETIME + CLOCK_SKEW:
            raise jwt_verify.JWTError("exp is more than %d s ahead" % MAX_ASSERTION_LIFETIME)
        for claim in ("nbf", "iat"):
            if isinstance(claims.get(claim), (int, float)) and claims[claim] > now + CLOCK_SKEW:
                raise jwt_verify.JWTError("%s is in the future" % claim)
        jti = claims.get("jti")
        if not isinstance(jti, str) or not jti:
            raise jwt_verify.JWTError("jti is missing")
        if not self.state.use_jti(jti):
            raise jwt_verify.JWTError("assertion replayed (jti already used)")
        return claims["iss"]

    def _audience_ok(self, aud):
        return aud == self.token_url or (isinstance(aud, list) and self.token_url in aud)

    # -- federation registry --

    def federation(self, request):
        env = "ACCEPTATION"        # FED13 spells the environment in upper case
        entry = self._peek_client(request)
        self._limit(request, env)
        if request.method != "GET":
            raise HTTPError(405, "METHOD_NOT_ALLOWED", "Method not allowed", env, **{"Allow": "GET"})
        self._authorize(request, entry, "registry", env)
        self._maybe_fail(env)
        if request.path.rstrip("/") == DP_REGISTRY_PATH:
            return json_response([self._hostile(p, self._registry_entry(p)) for p in self.data.providers.values()])
        rest = request.path[len(FEDERATION_ROOT):].rstrip("/")
        if rest == "messageProviders":
            return json_response([self._hostile(p, self._provider_json(p)) for p in self.data.providers.values()])
        match = re.fullmatch(r"messageProviders/([^/]+)", rest)
        if match and unquote(match.group(1)) in self.data.providers:
            provider = self.data.providers[unquote(match.group(1))]
            return json_response(self._hostile(provider, self._provider_json(provider)))
        raise HTTPError(404, "NOT_FOUND", "MessageProvider not found", env)

    def _hostile(self, provider, value):
        """--hostile-registry: escapes in the names of one DP's entry."""
        if self.options.hostile_registry and provider.dp_id == attacks.REGISTRY_DP:
            return attacks.registry_texts(value)
        return value

    def _provider_url(self, provider):
        path = provider.path
        if self.render.v3 and not provider.deactivation:
            path = path.replace("/v2/", "/v3/")
        return self.base_url + path

    def _provider_json(self, provider):
        value = {
            "messageProviderId": provider.dp_id,
            "messageProviderName": provider.name,
            "messageProviderDescription": provider.description,
            "messageProviderUrl": self._provider_url(provider),
            "messageProviderActivationDate": provider.activation,
            "messageProviderTechnicalContact": provider.contact,
            "messageProviderPlannedMaintenance": provider.maintenance,
            "apiSupportedVersion": "3.5" if self.render.v3 and not provider.deactivation else "2.1",
            "_links": {"self": {"href": "%s%smessageProviders/%s"
                                % (self.base_url, FEDERATION_ROOT, provider.dp_id)}},
        }
        if provider.deactivation:
            value["messageProviderDeactivationDate"] = provider.deactivation
        return value

    def _registry_entry(self, provider):
        """v3-era documentProviderRegistry entry (schema unknown; EBOX-API.md 3.10)."""
        value = {"id": provider.dp_id, "name": provider.name, "url": self._provider_url(provider),
                 "version": "3.5" if self.render.v3 else "2.1", "activationDate": provider.activation}
        if provider.deactivation:
            value["deactivationDate"] = provider.deactivation
        return value

    # -- Message Registries --

    def message_registry(self, request, dp_id, root, rest):
        try:
            return self._message_registry(request, dp_id, root, rest)
        except HTTPError as error:
            if self.options.hostile_registry and dp_id == attacks.REGISTRY_DP:
                raise error.reworded(attacks.error_text) from None
            raise

    def _message_registry(self, request, dp_id, root, rest):
        env = "acceptation"
        entry = self._peek_client(request)
        self._limit(request, env)
        provider = self.data.providers[dp_id]
        if provider.deactivation:
            raise HTTPError(410, "GONE", "This Message Registry was deactivated on %s" % provider.deactivation)
        if dp_id in self.down:
            raise HTTPError(503, "SERVICE_UNAVAILABLE", "Message Registry %s is down (--provider-down)" % dp_id,
                            **{"Retry-After": self.retry_after})
        route = self._match(request.method, rest)
        client_id = self._authorize(request, entry, route[0], env)
        self._maybe_fail(env)
        box = self.data.box_for_client(client_id)
        previous = self.state.touch(client_id, dp_id, datetime.now(timezone.utc))
        ctx = Context(request, box, dp_id, self.base_url + root, previous)
        response = route[1](ctx, **route[2])
        response.registry = True
        return response

    def _match(self, method, rest):
        allowed = []
        for route_method, pattern, scope, handler in self.dp_routes:
            match = pattern.fullmatch(rest)
            if match:
                if route_method == method:
                    return scope, handler, {k: unquote(v) for k, v in match.groupdict().items()}
                allowed.append(route_method)
        if allowed:
            raise HTTPError(405, "METHOD_NOT_ALLOWED", "Method %s not allowed here" % method,
                            **{"Allow": ", ".join(allowed)})
        raise not_found("No resource at %s" % (rest or "/"))

    def _message(self, ctx, mid):
        message = self.data.find(ctx.box, ctx.dp_id, mid)
        if message is None:
            raise HTTPError(404, "MESSAGE_NOT_FOUND", "Message %s not found" % mid)
        return message

    def _attachment(self, message, aid):
        found = next((a for a in message.attachments if a.attachment_id == aid), None)
        if found is None:
            raise HTTPError(404, "ATTACHMENT_NOT_FOUND", "Attachment %s not found" % aid)
        return found

    # E1
    def get_summary(self, ctx):
        messages = self.data.messages(ctx.box, ctx.dp_id)
        unread = sum(1 for m in messages if not self.state.flags(m)["read"])
        size = self.data.box_size(ctx.box, ctx.dp_id)
        value = {"numberOfMessages": len(messages), "numberOfUnreadMessages": unread,
                 "eboxSize": round(size / 1024.0, 2)}
        if messages:
            value["lastReceiptDate"] = demo_data.iso(messages[0].receipt)
        # Before this run's first visit, pretend the box was opened two days ago.
        previous = ctx.previous_access or self.data.now - timedelta(days=2, hours=3)
        value["lastConsultationDate"] = demo_data.iso(previous)
        return json_response(value)

    # E2
    def list_messages(self, ctx):
        """Receipt bounds cut the pre-sorted list by bisection; only the other
        filters cost a scan, so an unfiltered page is a slice (EBOX-API.md 3.4)."""
        request = ctx.request
        page, size = paging(request)             # a bad page is a 400 even if nothing matches
        if ctx.dp_id in self.bombs:
            return Response(200, self.bomb)
        received = {}
        predicates = self._filters(request, ctx.box, received)
        listing, lo, hi = self.data.window(ctx.box, ctx.dp_id, received.get("receivedAfter"),
                                           received.get("receivedBefore"))
        start = (page - 1) * size
        if predicates:
            matching = [m for m in listing.messages[lo:hi] if all(p(m) for p in predicates)]
            total, items = len(matching), matching[start:start + size]
        else:
            total, items = hi - lo, listing.messages[min(hi, lo + start):min(hi, lo + start + size)]
        return json_response({"items": [self.render.message(m, ctx.root) for m in items],
                              "totalItems": total})

    def _filters(self, request, box, received):
        """Query parameters -> list of predicates on a message (AND); the
        receipt bounds go to `received` instead (list_messages bisects)."""
        preds = []
        bounds = [("receivedBefore", None, True), ("receivedAfter", None, False),
                  ("expiredBefore", lambda m: m.expiration, True), ("expiredAfter", lambda m: m.expiration, False)]
        for name, when, before in bounds:
            limit = date_param(request, name)
            if limit is None:
                continue
            if when is None:
                received[name] = limit
            else:
                preds.append((lambda m, w=when, l=limit: w(m) < l) if before
                             else (lambda m, w=when, l=limit: w(m) >= l))
        flag_names = {"readStatus": "read", "visible": "visible"}
        if self.render.v3:
            flag_names.update({"isRead": "read", "isVisible": "visible"})
        for name, flag in flag_names.items():
            wanted = bool_param(request, name)
            if wanted is not None:
                preds.append(lambda m, f=flag, w=wanted: self.state.flags(m)[f] == w)
        for name in ("registeredMail", "isRegisteredMail") if self.render.v3 else ("registeredMail",):
            wanted = bool_param(request, name)
            if wanted is not None:
                preds.append(lambda m, w=wanted: m.registered == w)
        exact = {"messageTypeId": lambda m: m.type_id, "senderOrganizationId": lambda m: m.org_id,
                 "senderApplicationId": lambda m: m.app_id,
                 "partitionId": lambda m: self.state.flags(m)["partition"]}
        for name, getter in exact.items():
            wanted = query_value(request, name)
            if wanted is not None:
                preds.append(lambda m, g=getter, w=wanted: g(m) == w)
        preds.extend(self._search_filter(request))
        return preds

    def _search_filter(self, request):
        q, qlang = query_value(request, "q"), query_value(request, "qlang")
        if qlang is not None and qlang not in ("fr", "nl", "de"):
            raise bad_request("qlang must be fr, nl or de")
        if q is None:
            return []
        if qlang is None:
            raise bad_request("q requires qlang")
        needle = demo_data.fold(q)
        return [lambda m: any(needle in text for text in self._haystack(m, qlang))]

    def _haystack(self, message, lang):
        """Folded texts searched by q (EBOX-API.md 3.4), cached per message."""
        key = (message.message_id, lang)
        cached = self.search_cache.get(key)
        if cached is None:
            org = demo_data.ORGS[message.org_id]
            app = demo_data.APPS[message.app_id]
            mtype = demo_data.TYPES[message.type_id]
            texts = [message.subject.get(lang, "")]
            texts += [v.get(lang, "") for item in message.business for v in item["values"]]
            if message.fta:
                texts += [message.fta["id"], message.fta["name"]]
            for ts_value in (org["organizationShortName"], org["organizationLongName"],
                             app["applicationName"], app.get("applicationDescription", {}),
                             mtype["messageTypeName"], mtype.get("messageTypeDescription", {})):
                texts.append(ts_value.get(lang, ""))
            cached = self.search_cache[key] = [demo_data.fold(t) for t in texts if t]
        return cached

    # E3
    def patch_messages(self, ctx):
        body = self._merge_patch_body(ctx.request)
        items = body.get("items")
        if not isinstance(items, list) or set(body) - {"items", "totalItems"}:
            raise bad_request("Body must be {\"items\": [...], \"totalItems\": n}")
        if "totalItems" in body and (not isinstance(body["totalItems"], int)
                                     or isinstance(body["totalItems"], bool)):
            raise bad_request("totalItems must be an integer")
        changes = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("messageId"), str):
                raise bad_request("Every item needs a messageId")
            changes.append((item["messageId"], self._patch_values(item, ctx.box, {"messageId"})))
        self._apply(ctx, changes)
        return Response(200, b"", JSON_TYPE)

    # v3-guess: PATCH ebox/messages/{id} with a merge-patch of one message.
    def patch_message(self, ctx, mid):
        if not self.render.v3:
            raise HTTPError(405, "METHOD_NOT_ALLOWED", "Method PATCH not allowed here", **{"Allow": "GET"})
        body = self._merge_patch_body(ctx.request)
        self._apply(ctx, [(mid, self._patch_values(body, ctx.box, set()))])
        return Response(200, b"", JSON_TYPE)

    @staticmethod
    def _merge_patch_body(request):
        ctype = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != MERGE_PATCH_TYPE:
            raise HTTPError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be %s" % MERGE_PATCH_TYPE)
        try:
            body = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise bad_request("Body is not valid JSON") from None
        if not isinstance(body, dict):
            raise bad_request("Body must be a JSON object")
        return body

    def _patch_values(self, item, box, ignore):
        """Validate one MessageToUpdate; return the flag changes."""
        keys = {"visible": "visible"}
        if self.render.v3:
            keys.update({"isVisible": "visible", "partitionId": "partition"})
        unknown = set(item) - set(keys) - ignore
        if unknown:
            raise bad_request("Cannot update %s" % ", ".join(sorted(unknown)))
        values = {}
        for key, flag in keys.items():
            if key not in item:
                continue
            value = item[key]
            if flag == "visible" and not isinstance(value, bool):
                raise bad_request("%s must be a boolean" % key)
            if flag == "partition" and value not in box.partitions:
                raise bad_request("Partition %r does not exist in this e-Box" % (value,))
            values[flag] = value
        if not values or (not self.render.v3 and "visible" not in values):
            raise bad_request("Nothing to update (visible is required)")
        return values

    def _apply(self, ctx, changes):
        """All ids must exist at this DP, else 404 and nothing changes."""
        resolved = []
        for mid, values in changes:
            message = self.data.find(ctx.box, ctx.dp_id, mid)
            if message is None:
                raise HTTPError(404, "MESSAGE_NOT_FOUND", "Message %s not found" % mid)
            resolved.append((message, values))
        self.state.update(resolved)

    # E4-E9
    def get_message(self, ctx, mid):
        return json_response(self.render.message(self._message(ctx, mid), ctx.root))

    def list_attachments(self, ctx, mid):
        message = self._message(ctx, mid)
        items = [self.render.attachment(message, a, ctx.root) for a in message.attachments]
        return json_response({"items": items, "totalItems": len(items)})

    def get_attachment(self, ctx, mid, aid):
        message = self._message(ctx, mid)
        return json_response(self.render.attachment(message, self._attachment(message, aid), ctx.root))

    def get_content(self, ctx, mid, aid):
        message = self._message(ctx, mid)
        attachment = self._attachment(message, aid)
        if self.options.redirect_content:
            return Response(307, b"", headers={"Location": self.second_url + ctx.request.target})
        return self._content(message, attachment)

    def _content(self, message, attachment):
        """The bytes of a document (E7), on either listener."""
        if attachment.main:
            self.state.mark_read(message)
        if attachment.special:               # endless, drip, oversize (--hostile)
            return Response(200, b"", attachment.media_type, stream=attacks.STREAMS[attachment.special])
        data = attachment.content()
        if message.message_id in self.mismatch and data:
            # One byte changed: same length, different SHA-256.
            data = data[:-1] + bytes([data[-1] ^ 0x01])
        return Response(200, data, attachment.media_type)

    # -- test control (/_test/, no auth, loopback only) --

    def clock(self):
        """The provider's now: --now (or the start) plus the real time since."""
        return self.data.now + timedelta(seconds=time.monotonic() - self.started)

    def test_control(self, request, rest):
        """What tests do to the server side behind the client's back."""
        if request.client_ip not in ("127.0.0.1", "::1"):
            raise HTTPError(403, "FORBIDDEN", "Test control is for loopback clients only")
        allowed = []
        for method, pattern, handler in self.test_routes:
            match = pattern.fullmatch(rest)
            if match:
                if method == request.method:
                    return handler(request, **{k: unquote(v) for k, v in match.groupdict().items()})
                allowed.append(method)
        if allowed:
            raise HTTPError(405, "METHOD_NOT_ALLOWED", "Method %s not allowed here" % request.method,
                            **{"Allow": ", ".join(allowed)})
        raise not_found("No test control at %s%s" % (TEST_ROOT, rest))

    @staticmethod
    def _json_object(request, allowed):
        try:
            body = json.loads(request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            raise bad_request("Body is not valid JSON") from None
        if not isinstance(body, dict):
            raise bad_request("Body must be a JSON object")
        unknown = sorted(set(body) - set(allowed))
        if unknown:
            raise bad_request("Unknown field %s (allowed: %s)" % (unknown[0], ", ".join(allowed)))
        for name, kinds in allowed.items():
            kinds = kinds if isinstance(kinds, tuple) else (kinds,)
            if name in body and (not isinstance(body[name], kinds)
                                 or (isinstance(body[name], bool) and bool not in kinds)):
                raise bad_request("%s has the wrong type" % name)
        return body

    def test_add(self, request):
        """POST /_test/messages: a new message received now, with one PDF."""
        body = self._json_object(request, {"account": str, "provider": str, "subject": dict,
                                           "registered": bool, "id": str})
        account = body.get("account", "demo")
        box = next((b for b in self.data.boxes.values() if b.account == account), None)
        if box is None:
            raise bad_request("Unknown account %r" % account)
        dp_id = body.get("provider", "ebox-bosa")
        if dp_id not in demo_data.NEW_MESSAGE_TYPES:
            raise bad_request("provider must be one of %s" % ", ".join(demo_data.NEW_MESSAGE_TYPES))
        subject = body.get("subject", {"fr": "Nouveau message de test", "nl": "Nieuw testbericht"})
        texts = {k: v for k, v in subject.items() if isinstance(v, str) and v.strip()}
        if set(subject) - {"nl", "fr", "de", "en"} or len(texts) != len(subject) or not texts:
            raise bad_request("subject must be a TranslatedString of non-empty nl, fr, de, en strings")
        message_id = body.get("id") or str(uuid.uuid4())
        if not message_id.strip() or "/" in message_id:
            raise bad_request("id must be a non-empty string without /")
        if message_id in self.data.by_id:
            raise HTTPError(409, "DUPLICATE", "Message %s already exists" % message_id)
        self._forget(message_id)
        message = self.data.new_message(box, dp_id, texts, self.clock(), message_id,
                                        registered=body.get("registered", False))
        return json_response({"messageId": message.message_id,
                              "receiptDate": demo_data.iso(message.receipt)}, 201)

    def test_patch(self, request, mid):
        """PATCH /_test/messages/{id}: change read, visible, partition."""
        body = self._json_object(request, {"readStatus": bool, "visible": bool, "partitionId": (str, type(None))})
        found = self.data.by_id.get(mid)
        if found is None:
            raise HTTPError(404, "MESSAGE_NOT_FOUND", "Message %s not found" % mid)
        names = {"readStatus": "read", "visible": "visible", "partitionId": "partition"}
        self.state.update([(found[1], {names[k]: v for k, v in body.items()})])
        flags = self.state.flags(found[1])
        return json_response({"messageId": mid, "readStatus": flags["read"], "visible": flags["visible"],
                              "partitionId": flags["partition"]})

    def test_delete(self, request, mid):
        """DELETE /_test/messages/{id}: gone, as if expired or deleted."""
        if self.data.remove(mid) is None:
            raise HTTPError(404, "MESSAGE_NOT_FOUND", "Message %s not found" % mid)
        self._forget(mid)
        return json_response({"messageId": mid, "deleted": True})

    def _forget(self, mid):
        self.state.forget(mid)
        for lang in ("fr", "nl", "de"):
            self.search_cache.pop((mid, lang), None)

    def test_published(self, request):
        """GET /_test/published: the publications received (see publishMessage)."""
        items = self.publications.records()
        return json_response({"items": items, "totalItems": len(items)})

    # -- the second listener (--redirect-content, --redirect-token) --

    SECOND_CONTENT = re.compile(r"ebox/messages/(?P<mid>[^/]+)/attachments/(?P<aid>[^/]+)/content/?")

    def handle_second(self, request):
        """Another origin that the main listener redirects to.  It logs what
        the client carried across (auth=, assertion=) and needs no token:
        a client must not send its credentials to a host it was redirected
        to, and the content must still arrive."""
        try:
            if request.path.rstrip("/") == TOKEN_PATH:
                return self._second_token(request)
            request.log_fields.append("auth=%s" % ("yes" if request.headers.get("Authorization") else "no"))
            for root in self.dp_roots:
                match = self.SECOND_CONTENT.fullmatch(request.path[len(root):]) \
                    if request.path.startswith(root) else None
                if match and request.method in ("GET", "HEAD"):
                    found = self.data.by_id.get(unquote(match.group("mid")))
                    if found is None or found[1].expiration < self.data.now:
                        raise HTTPError(404, "MESSAGE_NOT_FOUND", "Message not found")
                    return self._content(found[1], self._attachment(found[1], unquote(match.group("aid"))))
            raise not_found("No resource at %s" % request.path)
        except HTTPError as error:
            return error.response

    def _second_token(self, request):
        form = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
        sent = any(form.get("client_assertion", [""]))
        request.log_fields.append("assertion=%s" % ("yes" if sent else "no"))
        return oauth_error(400, "invalid_request", "This is not the token endpoint you were configured with")

    def get_body(self, ctx, mid):
        message = self._message(ctx, mid)
        if message.body is None:
            raise HTTPError(404, "BODY_NOT_FOUND", "Body not found")
        if message.body_main:
            self.state.mark_read(message)
        return json_response(message.body)

    def get_payment(self, ctx, mid):
        message = self._message(ctx, mid)
        if message.payment is None:
            raise HTTPError(404, "PAYMENT_DATA_NOT_FOUND", "PaymentData not found")
        return json_response(message.payment)

    # E14: replies, through the optional 2.1 publishMessage
    def publish_message(self, ctx):
        """A reply: strict multipart and MessageToPublish checks (publish.py),
        then the Idempotency-Key: a repeat of a recorded request is 409 with
        the first messageId, the same key on another request 422."""
        request, client_id = ctx.request, ctx.request.client_id
        key = request.headers.get("Idempotency-Key")
        if key is not None and not publish.IDEMPOTENCY_KEY.fullmatch(key):
            raise bad_request("Idempotency-Key must be 1 to 255 visible ASCII characters")
        try:
            publication = publish.parse_publication(request.headers.get("Content-Type"), request.body)
            seen = self.publications.seen(client_id, key, publication.fingerprint)
            if seen:
                return self._duplicate(*seen)
            original_id = publication.message.get("originalMessageId")
            original = self.data.find(ctx.box, ctx.dp_id, original_id) if original_id else None
            publish.check_reply(publication.message, original)
        except publish.Invalid as error:
            raise HTTPError(400, error.code, error.message) from None
        received = self.clock().replace(microsecond=0)
        mtype = demo_data.TYPES.get(publication.message.get("messageTypeId")) or demo_data.TYPES[original.type_id]
        value = {"messageId": str(uuid.uuid4()),
                 "expirationDate": demo_data.iso(demo_data.add_validity(received, mtype["_validity"])),
                 "receivedAt": demo_data.iso(received), "provider": ctx.dp_id, "clientId": client_id,
                 "idempotencyKey": key, "originalMessageId": original_id,
                 "messageToPublish": publication.message, "files": publication.file_list()}
        record, new = self.publications.add(client_id, key, publication.fingerprint, value)
        if not new:                       # the same key won a race meanwhile
            return self._duplicate(record, record.fingerprint == publication.fingerprint)
        response = json_response({"messageId": value["messageId"], "expirationDate": value["expirationDate"]},
                                 201)
        if self.options.publish_timeout_once and self.publications.take_hold():
            response.hold = PUBLISH_HOLD_SECONDS
        return response

    @staticmethod
    def _duplicate(record, same):
        """409 for a repeated request (its first messageId in the sentence
        and in a messageId field), 422 for a key reused on another one."""
        mid = record.value["messageId"]
        status, code, sentence = (
            (409, "DUPLICATE_PUBLICATION", "Already published with this Idempotency-Key: messageId %s" % mid)
            if same else
            (422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for another publication "
                                            "(messageId %s)" % mid))
        return json_response({"id": str(uuid.uuid4()), "code": code, "message": sentence,
                              "environment": "acceptation", "messageId": mid}, status)

    # E10-E12
    REFDATA_KINDS = {"messageTypes": ("types", "messageTypeId"),
                     "senderOrganizations": ("orgs", "organizationId"),
                     "senderApplications": ("apps", "applicationId")}

    def list_refdata(self, ctx, kind):
        items = self.data.refdata(ctx.dp_id, self.REFDATA_KINDS[kind][0])
        return json_response(page_slice(ctx.request, items), **{"Cache-Control": REFDATA_CACHE})

    def get_refdata(self, ctx, kind, rid):
        set_name, id_key = self.REFDATA_KINDS[kind]
        item = next((i for i in self.data.refdata(ctx.dp_id, set_name) if i[id_key] == rid), None)
        if item is None:
            raise HTTPError(404, "NOT_FOUND", "%s %s not found" % (kind, rid))
        return json_response(item, **{"Cache-Control": REFDATA_CACHE})


@dataclass
class Context:
    request: Request
    box: object
    dp_id: str
    root: str                     # absolute URL of the DP root used
    previous_access: datetime = None


# --- output faults ---------------------------------------------------------

BOMB_BYTES = 15 << 20


def node_bomb():
    """--node-bomb: a valid JSON document of 15 MiB made of 5 million empty
    arrays and objects, {"items":[[],{},[],...],"totalItems":1}; built once
    and shared by every answer."""
    head, tail, unit = b'{"items":[', b'],"totalItems":1}', b"[],{},"
    pairs = (BOMB_BYTES - len(head) - len(tail)) // len(unit)
    return head + unit * (pairs - 1) + unit[:-1] + tail

def corrupt_json(body):
    """--bad-json: cut the document in the middle and add stray tokens."""
    return body[:max(1, len(body) // 2)] + b',,"\xe2\x80\x9cunterminated: [}{'


# --- HTTP --------------------------------------------------------------------

class Inflight:
    """Requests in progress per group (a DP id for a Message Registry, else
    "token", "registry", "test", "second" or "other"), and the most seen at
    once per group: --log shows whether a client bounds its concurrency."""

    def __init__(self):
        self.lock = threading.Lock()
        self.current = collections.Counter()
        self.peak = collections.Counter()

    def enter(self, group):
        """Count a request in; returns how many of its group are in
        progress now, itself included."""
        with self.lock:
            self.current[group] += 1
            self.peak[group] = max(self.peak[group], self.current[group])
            return self.current[group]

    def leave(self, group):
        with self.lock:
            self.current[group] -= 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ebox-provider/1.0"
    timeout = 60                  # idle keep-alive connections are closed after this

    def setup(self):
        super().setup()
        # The TLS handshake runs here, in the connection's own thread, so a
        # slow client cannot hold up accept() in the main loop.
        self.connection.do_handshake()

    def log_message(self, format, *args):   # silence the default stderr log
        pass

    def _read_body(self, limit):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked(limit)
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            raise ValueError("body too large")
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self, limit):
        data = bytearray()
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():
                    pass
                return bytes(data)
            data += self.rfile.read(size)
            self.rfile.readline()
            if len(data) > limit:
                raise ValueError("body too large")

    def _handle(self):
        """One request: counted in flight from the request line until its
        answer goes out (--latency waits included; a stream until its last
        byte).  An answer leaves the count just before its bytes are
        written: a client that waits for it cannot send its next request
        earlier, so the count never sees a well-behaved client overlap
        itself by the time the server takes to return from the write."""
        app = self.server.app
        parts = urlsplit(self.path)
        self._group = app.group_of(parts.path, self.server.second)
        self._counted = True
        inflight = app.inflight.enter(self._group)
        try:
            self._serve(app, parts, inflight)
        finally:
            self._uncount()

    def _uncount(self):
        if self._counted:
            self._counted = False
            self.server.app.inflight.leave(self._group)

    def _serve(self, app, parts, inflight):
        try:
            body = self._read_body(app.body_limit(parts.path))
        except ValueError:
            self.close_connection = True
            self._send(status_message(413, "PAYLOAD_TOO_LARGE", "Request body too large"), None, inflight)
            return
        request = Request(self.command, parts.path, self.path,
                          parse_qs(parts.query, keep_blank_values=True), self.headers, body,
                          self.client_address[0])
        try:
            response = app.handle_second(request) if self.server.second else app.handle(request)
        except Exception:                         # a bug: report it, keep serving
            traceback.print_exc()
            response = status_message(500, "INTERNAL_ERROR", "Unexpected error in the test provider")
        if app.options.latency:
            time.sleep(app.options.latency / 1000.0)
        self._send(response, request, inflight)

    def _send(self, response, request, inflight):
        app = self.server.app
        if response.hold:
            request.log_fields.append("held=%s" % self._hold(response.hold))
            app.log(request, response.status, inflight)
            return
        if response.stream is not None:
            request.log_fields.append("stream=%s" % self._send_stream(response))
            app.log(request, response.status, inflight)
            return
        body = response.body
        if response.registry and app.options.bad_json and response.status == 200 \
                and response.content_type == JSON_TYPE and body:
            body = corrupt_json(body)
        truncate = response.registry and app.options.truncate and len(body) > 1
        self.send_response(response.status)
        content_type = response.content_type
        if content_type == JSON_TYPE:
            content_type += ";charset=UTF-8"
        if body or response.status != 200:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if truncate:
            self.send_header("Connection", "close")
        self._uncount()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body[:len(body) // 2] if truncate else body)
        if truncate:
            self.wfile.flush()
            self.close_connection = True
        app.log(request, response.status, inflight)

    def _send_stream(self, response):
        """Write a Stream as fast as the client reads (the socket blocks),
        chunked when it has no length; returns how it ended, for the log.
        A client that hangs up or stops reading for `timeout` seconds ends
        it: the thread never outlives the connection."""
        stream = response.stream
        chunked = stream.length is None
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(stream.length))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "HEAD":
            return "head"
        try:
            for chunk in stream.chunks():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                if stream.pause:
                    time.sleep(stream.pause)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:                          # includes ssl.SSLError and timeouts
            self.close_connection = True
            return "closed"
        return "complete"

    def _hold(self, seconds):
        """Send nothing until the client hangs up or `seconds` pass, then
        close: a request that times out on the client's side.  Returns who
        gave up first, for the log."""
        self.close_connection = True
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "server"
            try:
                readable, _w, _x = select.select([self.connection], [], [], min(left, 0.5))
                if readable and not self.connection.recv(4096):
                    return "client"
            except OSError:
                return "client"

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = _handle


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    second = False                # the --redirect-* listener

    def handle_error(self, request, client_address):
        # Clients that hang up, time out or fail the handshake are routine.
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError, ssl.SSLError, OSError)):
            return
        super().handle_error(request, client_address)


class App(Provider):
    """The Provider plus the request log and the in-flight counts."""

    def __init__(self, options, data, base_url, public_keys):
        super().__init__(options, data, base_url, public_keys)
        self.inflight = Inflight()
        self.log_lock = threading.Lock()
        self.log_file = open(options.log, "a", encoding="utf-8") if options.log else None

    def group_of(self, path, second=False):
        """The Inflight group of a request path."""
        if second:
            return "second"
        for root, dp_id in self.dp_roots.items():
            if path.startswith(root) or path == root.rstrip("/"):
                return dp_id
        if path.rstrip("/") == TOKEN_PATH:
            return "token"
        if path.startswith(FEDERATION_ROOT) or path.rstrip("/") == DP_REGISTRY_PATH:
            return "registry"
        return "test" if path.startswith(TEST_ROOT) else "other"

    def body_limit(self, path):
        """Largest request body read: publications carry files."""
        return MAX_PUBLISH_BODY if path.rstrip("/").endswith("/publishMessage") else MAX_REQUEST_BODY

    def log(self, request, status, inflight):
        """TIME METHOD TARGET STATUS CLIENT inflight=N [key=value...]: new
        fields only ever go at the end, since tests parse the first five."""
        if not self.log_file:
            return
        when = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if request is None:
            line = "%s - - %d - inflight=%d\n" % (when, status, inflight)
        else:
            line = "%s %s %s %d %s inflight=%d%s\n" % (
                when, request.method, request.target, status, request.client_id or "-", inflight,
                "".join(" " + f for f in request.log_fields))
        self.write_log(line)

    def write_log(self, line):
        if self.log_file:
            with self.log_lock:
                self.log_file.write(line)
                self.log_file.flush()

    def log_peaks(self):
        """At exit: the most requests one DP had in flight at once."""
        for dp_id in self.data.providers:
            self.write_log("max-inflight %s %d\n" % (dp_id, self.inflight.peak[dp_id]))


# --- PKI -------------------------------------------------------------------

OPENSSL_CONFIG = """\
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
"""


def _run_parallel(jobs):
    """Run openssl jobs [(argv, output path)] at once; each writes to a
    temporary name renamed on success, so an interrupted run never leaves a
    half-written file that a later start would reuse."""
    procs = []
    try:
        for argv, output in jobs:
            tmp = output + ".tmp%d" % os.getpid()
            argv = [a.replace("{out}", tmp) for a in argv]
            procs.append((subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.PIPE), output, tmp, argv))
        for proc, output, tmp, argv in procs:
            _out, err = proc.communicate()
            if proc.returncode != 0:
                raise RuntimeError("%s failed: %s" % (" ".join(argv[:3]), err.decode(errors="replace").strip()))
            os.replace(tmp, output)
    finally:
        for proc, _output, tmp, _argv in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if os.path.exists(tmp):
                os.unlink(tmp)


def ensure_pki(directory):
    """Create (or reuse) the CA, the server certificate and the client keys."""
    path = lambda name: os.path.join(directory, name)
    exists = lambda name: os.path.exists(path(name))
    genkey = lambda name: (["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                            "-out", "{out}"], path(name))
    old_umask = os.umask(0o077)
    try:
        keys = ["ca-key.pem", "server-key.pem"] + ["%s-key.pem" % a for a in ACCOUNTS]
        new_keys = [k for k in keys if not exists(k)]
        _run_parallel([genkey(k) for k in new_keys])
        cnf = path("openssl.cnf")
        with open(cnf, "w") as out:
            out.write(OPENSSL_CONFIG)
        second = []
        new_ca = "ca-key.pem" in new_keys or not exists("ca.pem")
        if new_ca:
            second.append((["openssl", "req", "-config", cnf, "-x509", "-new", "-key", path("ca-key.pem"),
                            "-subj", "/CN=ebox-provider throw-away test CA", "-days", "3650",
                            "-extensions", "v3_ca", "-out", "{out}"], path("ca.pem")))
        for account in ACCOUNTS:
            if "%s-key.pem" % account in new_keys or not exists("%s-pub.pem" % account):
                second.append((["openssl", "pkey", "-in", path("%s-key.pem" % account), "-pubout",
                                "-out", "{out}"], path("%s-pub.pem" % account)))
        if "demo-key.pem" in new_keys or not exists("demo-key-enc.pem"):
            second.append((["openssl", "rsa", "-in", path("demo-key.pem"), "-aes256",
                            "-passout", "pass:demo-pass", "-out", "{out}"], path("demo-key-enc.pem")))
        _run_parallel(second)
        if new_ca or "server-key.pem" in new_keys or not exists("server.pem"):
            _run_parallel([(["openssl", "req", "-config", cnf, "-x509", "-new", "-key", path("server-key.pem"),
                             "-CA", path("ca.pem"), "-CAkey", path("ca-key.pem"), "-subj", "/CN=localhost",
                             "-days", "825", "-extensions", "v3_server", "-out", "{out}"], path("server.pem"))])
    finally:
        os.umask(old_umask)
    for name in ("ca.pem", "server.pem") + tuple("%s-pub.pem" % a for a in ACCOUNTS):
        os.chmod(path(name), 0o644)


def quote_config(value):
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')


def write_config(directory, base_url, data):
    """DIR/config: a ready ebox-tui configuration for the three accounts."""
    lines = ["# ebox-tui configuration for the local test provider (written by ebox-provider)",
             "set ca_file %s" % quote_config(os.path.join(directory, "ca.pem")),
             "set default_account demo"]
    clients = {box.account: box.client_id for box in data.boxes.values()}
    for account in ACCOUNTS:
        lines += ["account %s" % account,
                  "set registry_url %s" % quote_config(base_url + FEDERATION_ROOT),
                  "set token_url %s" % quote_config(base_url + TOKEN_PATH),
                  "set client_id %s" % quote_config(clients[account]),
                  "set key_file %s" % quote_config(os.path.join(directory, "%s-key.pem" % account))]
    tmp = os.path.join(directory, "config.tmp%d" % os.getpid())
    with open(tmp, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.replace(tmp, os.path.join(directory, "config"))


def load_public_keys(directory, data):
    keys = {}
    for box in data.boxes.values():
        with open(os.path.join(directory, "%s-pub.pem" % box.account)) as pem:
            keys[box.client_id] = jwt_verify.load_public_key(pem.read())
    return keys


# --- command line -------------------------------------------------------------

def _ranged(kind, low=None, high=None):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError("invalid value %r" % text) from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise argparse.ArgumentTypeError("%r is out of range [%s, %s]"
                                             % (text, low, "..." if high is None else high))
        return value
    return parse


def _instant(text):
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError("invalid ISO 8601 date-time %r" % text) from None
    if value.tzinfo is None:     # local Brussels time
        guess = value.replace(tzinfo=timezone.utc)
        value = guess - demo_data.brussels_offset(guess)
    return value.astimezone(timezone.utc)


def _header_value(text):
    """Any string a header can carry: CR, LF and NUL would end the header
    or the whole head, so they are refused.  Beyond Latin-1 the UTF-8 bytes
    go out as they are (http.server writes headers in Latin-1)."""
    if any(c in text for c in "\r\n\0"):
        raise argparse.ArgumentTypeError("a header value cannot hold CR, LF or NUL: %r" % text)
    return text.encode("utf-8", "surrogateescape").decode("latin-1")


def _message_id(text):
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise argparse.ArgumentTypeError("not a messageId (UUID): %r" % text) from None


def parse_args(argv):
    provider_ids = [p.dp_id for p in demo_data.providers(datetime.now(timezone.utc))]
    parser = argparse.ArgumentParser(prog="ebox-provider",
                                     description="Local eBox test provider (HTTPS on 127.0.0.1).")
    add = parser.add_argument
    add("--port", type=_ranged(int, 0, 65535), required=True, help="TCP port; 0 picks a free one")
    add("--dir", required=True, help="directory for keys, certificates and the config file")
    add("--spelling", choices=("v2", "v3"), default="v2", help="field names of the Message Registries")
    add("--messages", type=_ranged(int, 0, 1000000), default=0, metavar="N",
        help="add N synthetic messages to the demo account")
    add("--hostile", action="store_true",
        help="add hostile messages to the demo account (and the --malformed ones)")
    add("--hostile-registry", action="store_true",
        help="escapes in ebox-bosa's registry names and in its error sentences")
    add("--malformed", action="store_true", help="add malformed messages to ebox-bosa's demo list")
    add("--seed", type=_ranged(int), default=0, help="seed for synthetic data and --fail-rate")
    add("--log", metavar="FILE", help="append one line per request")
    add("--now", type=_instant, metavar="ISO", help="pin the data set's notion of now")
    add("--days-later", type=_ranged(int, 0, 100000), default=0, metavar="N",
        help="serve the data set of --now N days later: what expired meanwhile is gone "
             "(its messages are those of a run with the same --now and --seed)")
    add("--latency", type=_ranged(int, 0, 600000), default=0, metavar="MS", help="delay every response")
    add("--fail-rate", type=_ranged(float, 0.0, 1.0), default=0.0, metavar="P",
        help="answer 500/503 with probability P")
    add("--rate-limit", type=_ranged(int, 1), default=0, metavar="N",
        help="429 above N requests per second per client")
    add("--truncate", action="store_true", help="cut Message Registry bodies in half")
    add("--bad-json", action="store_true", help="malformed JSON from the Message Registries")
    add("--token-ttl", type=_ranged(int, 1, 10**7), default=3600, metavar="S", help="token lifetime")
    add("--provider-down", action="append", default=[], choices=provider_ids, metavar="ID",
        help="that Document Provider answers 503 (repeatable)")
    add("--digest-mismatch", action="append", default=[], type=_message_id, metavar="ID",
        help="serve altered content for that messageId (repeatable)")
    add("--retry-after", type=_header_value, metavar="VALUE",
        help="Retry-After of the --provider-down 503 answers, sent verbatim (default 30)")
    add("--node-bomb", action="append", default=[], choices=provider_ids, metavar="ID",
        help="that DP's message lists are a 15 MiB JSON document of tiny nodes (repeatable)")
    add("--redirect-content", action="store_true",
        help="document content answers 307 to a second listener (https://localhost:PORT2)")
    add("--redirect-token", action="store_true",
        help="the token endpoint answers 307 to the second listener, which refuses")
    add("--publish-timeout-once", action="store_true",
        help="the first publication is recorded but never answered (held %d s)" % PUBLISH_HOLD_SECONDS)
    options = parser.parse_args(argv)
    if options.retry_after is not None and not options.provider_down:
        parser.error("--retry-after needs --provider-down")
    return parser, options


def main(argv=None):
    parser, options = parse_args(sys.argv[1:] if argv is None else argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    now = options.now or datetime.now(timezone.utc).replace(microsecond=0)
    data = demo_data.DataSet(now, synthetic=options.messages, hostile=options.hostile, seed=options.seed,
                             malformed=options.malformed)
    if options.days_later:
        data.advance(timedelta(days=options.days_later))
    # The data set lives as long as the process: keep its objects out of
    # every later GC pass (a full pass over --messages 120000 takes ~1 s).
    gc.freeze()
    unknown = [m for m in options.digest_mismatch if m not in data.by_id]
    if unknown:
        parser.error("--digest-mismatch: unknown messageId %s" % unknown[0])
    directory = os.path.abspath(options.dir)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        ensure_pki(directory)
    except (OSError, RuntimeError) as error:
        print("ebox-provider: %s" % error, file=sys.stderr)
        return 1
    if stop.is_set():
        return 0
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(os.path.join(directory, "server.pem"), os.path.join(directory, "server-key.pem"))
    servers = []
    try:
        servers.append(listen(options.port, context))
        if options.redirect_content or options.redirect_token:
            servers.append(listen(0, context, second=True))
    except OSError as error:
        print("ebox-provider: cannot listen on 127.0.0.1: %s" % error, file=sys.stderr)
        return 1
    base_url = "https://127.0.0.1:%d" % servers[0].server_address[1]
    app = App(options, data, base_url, load_public_keys(directory, data))
    if len(servers) > 1:
        # Another origin: other host name (same certificate) and other port.
        app.second_url = "https://localhost:%d" % servers[1].server_address[1]
    write_config(directory, base_url, data)
    for server in servers:
        server.app = app
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    print("ready %s" % base_url, flush=True)
    while not stop.wait(0.5):
        pass
    for server in servers:
        server.shutdown()
        server.server_close()
    app.log_peaks()
    return 0


def listen(port, context, second=False):
    """A TLS listener on 127.0.0.1 (the handshake runs in each connection's
    thread, see Handler.setup)."""
    server = Server(("127.0.0.1", port), Handler, bind_and_activate=True)
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    server.second = second
    return server
