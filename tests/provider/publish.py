"""Replies through the Message Registry 2.1 publishMessage operation:
a strict multipart/form-data parser, the MessageToPublish checks, and the
record of what was received (GET /_test/published, Idempotency-Key).

Nothing here speaks HTTP: problems are raised as Invalid(code, sentence)
and the provider turns them into 400 StatusMessages.  The checks are
strict on purpose: a client that gets a publication past them sends what
the contract asks for, byte for byte.
"""

import base64
import hashlib
import json
import re
import threading
from dataclasses import dataclass

MAX_FILES = 6
MAX_FILE_BYTES = 4 << 20
MAX_SUBJECT = 400
MAX_BUSINESS_VALUE = 256
MAX_FTA_NAME = 100
MAX_FILE_NAME = 255
PART_NAMES = ["messageToPublish"] + ["upfile%d" % n for n in range(1, MAX_FILES + 1)]
LANGS = ("nl", "fr", "de", "en")
TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
MEDIA_TYPE = re.compile(r"(%s)/(%s)((?:\s*;\s*%s=(?:%s|\"(?:[^\"\\\r\n]|\\.)*\"))*)\s*"
                        % (TOKEN, TOKEN, TOKEN, TOKEN))
BOUNDARY = re.compile(r"[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]")


class Invalid(Exception):
    """A publication that breaks the contract: 400 with this sentence."""

    def __init__(self, message, code="INVALID_INPUT"):
        super().__init__(message)
        self.code = code
        self.message = message


# --- multipart/form-data (RFC 7578, RFC 2046 section 5.1) --------------------

@dataclass
class Part:
    name: str
    filename: str
    media_type: str               # as sent, None when absent
    data: bytes


def boundary_of(content_type):
    """The boundary parameter of a multipart/form-data Content-Type."""
    match = MEDIA_TYPE.fullmatch(content_type or "")
    if not match or (match.group(1).lower(), match.group(2).lower()) != ("multipart", "form-data"):
        raise Invalid("Content-Type must be multipart/form-data with a boundary, not %r" % (content_type,),
                      "UNSUPPORTED_MEDIA_TYPE")
    params = parameters(match.group(3))
    boundary = params.get("boundary")
    if boundary is None:
        raise Invalid("Content-Type multipart/form-data lacks its boundary parameter")
    if not BOUNDARY.fullmatch(boundary):
        raise Invalid("Invalid multipart boundary %r (1 to 70 characters of RFC 2046, "
                      "not ending with a space)" % boundary)
    return boundary.encode("ascii")


def parameters(text):
    """'; a=b; c="d"' -> {"a": "b", "c": "d"} (names in lower case)."""
    found = {}
    for match in re.finditer(r";\s*(%s\*?)=(%s|\"(?:[^\"\\\r\n]|\\.)*\")" % (TOKEN, TOKEN), text):
        value = match.group(2)
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        name = match.group(1).lower()
        if name in found:
            raise Invalid("Parameter %s given twice in %r" % (name, text.strip("; ")))
        found[name] = value
    return found


def parse_multipart(content_type, body):
    """Parts of a multipart/form-data body; Invalid on any syntax error:
    no preamble or epilogue, CRLF everywhere, closing delimiter present."""
    dash = b"--" + boundary_of(content_type)
    if not body.startswith(dash + b"\r\n"):
        raise Invalid("The multipart body must start with --BOUNDARY CRLF (no preamble)")
    parts, pos, number = [], len(dash) + 2, 1
    separator = b"\r\n" + dash
    while True:
        end = body.find(separator, pos)
        if end < 0:
            raise Invalid("Multipart part %d is not closed by CRLF --BOUNDARY" % number)
        parts.append(_part(body[pos:end], number))
        after = end + len(separator)
        if body[after:after + 2] == b"--":
            if body[after + 2:] not in (b"", b"\r\n"):
                raise Invalid("Data after the closing delimiter --BOUNDARY--")
            return parts
        if body[after:after + 2] != b"\r\n":
            raise Invalid("The delimiter after part %d must be followed by CRLF or --" % number)
        pos, number = after + 2, number + 1


def _part(raw, number):
    head, sep, data = raw.partition(b"\r\n\r\n")
    if not sep:
        raise Invalid("Multipart part %d: headers must end with an empty line (CRLF CRLF)" % number)
    if b"\n" in head.replace(b"\r\n", b"") or b"\r" in head.replace(b"\r\n", b""):
        raise Invalid("Multipart part %d: header lines must end with CRLF (bare CR or LF)" % number)
    headers = {}
    for line in head.split(b"\r\n") if head else []:
        name, colon, value = line.decode("utf-8", "replace").partition(":")
        if not colon or not re.fullmatch(TOKEN, name):
            raise Invalid("Multipart part %d: malformed header line %r" % (number, line[:60]))
        if name.lower() in headers:
            raise Invalid("Multipart part %d: header %s given twice" % (number, name))
        headers[name.lower()] = value.strip()
    disposition = headers.get("content-disposition")
    if disposition is None:
        raise Invalid("Multipart part %d has no Content-Disposition" % number)
    kind, _semi, rest = disposition.partition(";")
    if kind.strip().lower() != "form-data":
        raise Invalid("Multipart part %d: Content-Disposition must be form-data, not %r" % (number, kind))
    params = parameters(";" + rest)
    if "name" not in params:
        raise Invalid("Multipart part %d: Content-Disposition has no name parameter" % number)
    filename = params.get("filename")
    if "filename*" in params:
        match = re.fullmatch(r"(?i)utf-8''(.*)", params["filename*"])
        if not match:
            raise Invalid("Multipart part %d: filename* must be UTF-8''percent-encoded" % number)
        filename = _percent_decode(match.group(1), number)
    media_type = headers.get("content-type")
    if media_type is not None and not MEDIA_TYPE.fullmatch(media_type):
        raise Invalid("Multipart part %d: malformed Content-Type %r" % (number, media_type))
    return Part(params["name"], filename, media_type, data)


def _percent_decode(text, number):
    try:
        return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                      text.encode("ascii")).decode("utf-8")
    except (UnicodeError, ValueError):
        raise Invalid("Multipart part %d: filename* is not percent-encoded UTF-8" % number) from None


# --- MessageToPublish (2.1) ---------------------------------------------------------

def _is_bool(value):
    return isinstance(value, bool)


def _is_text(value):
    return isinstance(value, str) and value.strip() != ""


def _translated(name, value, limit=None, required=True):
    if not isinstance(value, dict):
        raise Invalid("%s must be a TranslatedString object" % name)
    unknown = sorted(set(value) - set(LANGS))
    if unknown:
        raise Invalid("%s: unknown language %s (nl, fr, de, en)" % (name, unknown[0]))
    for lang, text in value.items():
        if not isinstance(text, str):
            raise Invalid("%s.%s must be a string" % (name, lang))
        if limit and len(text) > limit:
            raise Invalid("%s.%s is longer than %d characters" % (name, lang, limit))
    if required and not any(_is_text(text) for text in value.values()):
        raise Invalid("%s needs at least one non-empty language" % name)


def _recipient(value):
    if not isinstance(value, dict) or set(value) != {"eboxType", "eboxIdValue"}:
        raise Invalid("recipient must be {\"eboxType\", \"eboxIdValue\"}")
    if value["eboxType"] not in ("enterprise", "citizen") or not _is_text(value["eboxIdValue"]):
        raise Invalid("recipient.eboxType must be enterprise or citizen, with an eboxIdValue")


def _fta(value):
    if not isinstance(value, dict) or set(value) - {"id", "type", "name"} \
            or not all(isinstance(v, str) for v in value.values()):
        raise Invalid("forTheAttentionOf must be {\"id\", \"type\", \"name\"} strings")
    if len(value.get("name", "")) > MAX_FTA_NAME:
        raise Invalid("forTheAttentionOf.name is longer than %d characters" % MAX_FTA_NAME)


def _date_time(name):
    def check(value):
        if not isinstance(value, str) or not re.fullmatch(
                r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", value):
            raise Invalid("%s must be a date-time yyyy-MM-dd'T'HH:mm:ssXXX" % name)
    return check


def _business(value):
    if not isinstance(value, list):
        raise Invalid("businessDataList must be an array")
    for index, item in enumerate(value):
        where = "businessDataList[%d]" % index
        if not isinstance(item, dict) or set(item) - {"key", "name", "description", "values"}:
            raise Invalid("%s must be {key, values, name?, description?}" % where)
        if not _is_text(item.get("key")) or not isinstance(item.get("values"), list) or not item["values"]:
            raise Invalid("%s needs a key and a non-empty values array" % where)
        for number, text in enumerate(item["values"]):
            _translated("%s.values[%d]" % (where, number), text, MAX_BUSINESS_VALUE)
        for name in ("name", "description"):
            if name in item:
                _translated("%s.%s" % (where, name), item[name])


def _payment(value):
    required = {"paymentDataId", "amount", "vatAmount", "currency", "iban", "dueDate"}
    if not isinstance(value, dict) or required - set(value):
        raise Invalid("paymentData needs %s" % ", ".join(sorted(required)))
    for name in ("amount", "vatAmount"):
        if not isinstance(value[name], (int, float)) or isinstance(value[name], bool):
            raise Invalid("paymentData.%s must be a number" % name)


def _attachments(value):
    if not isinstance(value, list):
        raise Invalid("attachments must be an array")
    if len(value) > MAX_FILES:
        raise Invalid("At most %d attachments (upfile1..upfile%d)" % (MAX_FILES, MAX_FILES))
    seen = set()
    for index, item in enumerate(value):
        where = "attachments[%d]" % index
        allowed = {"httpPartName", "mainContent", "attachmentTitle", "digest", "attachmentSigned"}
        if not isinstance(item, dict) or set(item) - allowed:
            raise Invalid("%s: unknown field %s" % (where, sorted(set(item) - allowed)[0])
                          if isinstance(item, dict) else "%s must be an object" % where)
        part = item.get("httpPartName")
        if part not in PART_NAMES[1:]:
            raise Invalid("%s.httpPartName must be one of upfile1..upfile%d, not %r" % (where, MAX_FILES, part))
        if part in seen:
            raise Invalid("%s.httpPartName %s is used twice" % (where, part))
        seen.add(part)
        if not _is_bool(item.get("mainContent")):
            raise Invalid("%s.mainContent is required and must be a boolean" % where)
        if "attachmentSigned" in item and not _is_bool(item["attachmentSigned"]):
            raise Invalid("%s.attachmentSigned must be a boolean" % where)
        if "attachmentTitle" in item:
            _translated(where + ".attachmentTitle", item["attachmentTitle"])
        digest = item.get("digest")
        if digest is not None and (not isinstance(digest, dict) or digest.get("digestMethod") != "sha_256"
                                   or not isinstance(digest.get("digestValue"), str) or set(digest) -
                                   {"digestMethod", "digestValue"}):
            raise Invalid("%s.digest must be {\"digestMethod\": \"sha_256\", \"digestValue\": base64url}" % where)


def _require(kind, name):
    def check(value):
        if not kind(value):
            raise Invalid("%s has the wrong type" % name)
    return check


# field -> (required, check)
MESSAGE_FIELDS = {
    "recipient": (True, _recipient),
    "subject": (True, lambda v: _translated("subject", v, MAX_SUBJECT)),
    "bodyMainContent": (True, _require(_is_bool, "bodyMainContent (boolean)")),
    "replyAuthorized": (True, _require(_is_bool, "replyAuthorized (boolean)")),
    "forTheAttentionOf": (False, _fta),
    "originalMessageId": (False, _require(_is_text, "originalMessageId (non-empty string)")),
    "messageTypeId": (False, _require(_is_text, "messageTypeId (non-empty string)")),
    "expirationDate": (False, _date_time("expirationDate")),
    "senderOrganizationId": (False, _require(lambda v: isinstance(v, str) and re.fullmatch(r"[0-1][0-9]{9}", v),
                                             "senderOrganizationId ([0-1][0-9]{9})")),
    "senderApplicationId": (False, _require(_is_text, "senderApplicationId (non-empty string)")),
    "registeredMail": (False, _require(_is_bool, "registeredMail (boolean)")),
    "attachments": (False, _attachments),
    "bodyContent": (False, lambda v: _translated("bodyContent", v)),
    "businessDataList": (False, _business),
    "paymentData": (False, _payment),
}


def b64url_sha256(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


@dataclass
class Publication:
    """A syntactically valid publishMessage request."""
    message: dict                 # the MessageToPublish
    files: dict                   # part name -> Part
    fingerprint: str = ""         # same request, same fingerprint (boundary aside)

    def file_list(self):
        return [{"part": name, "fileName": part.filename, "mediaType": part.media_type,
                 "size": len(part.data), "digest": b64url_sha256(part.data)}
                for name, part in sorted(self.files.items())]


def parse_publication(content_type, body):
    """multipart -> Publication, every contract rule that needs no data set
    checked; Invalid otherwise."""
    parts = parse_multipart(content_type, body)
    by_name = {}
    for part in parts:
        if part.name not in PART_NAMES:
            raise Invalid("Unknown part %r (expected messageToPublish, upfile1..upfile%d)" % (part.name, MAX_FILES))
        if part.name in by_name:
            raise Invalid("Part %s is given twice" % part.name)
        by_name[part.name] = part
    message = _message_part(by_name.pop("messageToPublish", None))
    for name, part in sorted(by_name.items()):
        _file_part(name, part)
    _cross_check(message, by_name)
    canonical = json.dumps(message, sort_keys=True, ensure_ascii=False).encode("utf-8")
    digest = hashlib.sha256(canonical)
    for item in Publication(message, by_name).file_list():
        digest.update(json.dumps(item, sort_keys=True).encode("utf-8"))
    return Publication(message, by_name, digest.hexdigest())


def _message_part(part):
    if part is None:
        raise Invalid("The messageToPublish part is missing")
    if part.media_type is not None and part.media_type.split(";")[0].strip().lower() \
            not in ("application/json", "text/plain"):
        raise Invalid("The messageToPublish part must be application/json, not %s" % part.media_type)
    try:
        message = json.loads(part.data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Invalid("messageToPublish is not valid UTF-8 JSON: %s" % error) from None
    if not isinstance(message, dict):
        raise Invalid("messageToPublish must be a JSON object")
    unknown = sorted(set(message) - set(MESSAGE_FIELDS))
    if unknown:
        raise Invalid("messageToPublish: unknown field %s" % unknown[0])
    for name, (required, check) in MESSAGE_FIELDS.items():
        if name in message:
            check(message[name])
        elif required:
            raise Invalid("messageToPublish: %s is required" % name)
    return message


def _file_part(name, part):
    if not part.filename or not part.filename.strip():
        raise Invalid("Part %s needs a filename in its Content-Disposition" % name)
    if len(part.filename) > MAX_FILE_NAME:
        raise Invalid("Part %s: the file name is longer than %d characters" % (name, MAX_FILE_NAME))
    if "/" in part.filename or "\\" in part.filename or any(ord(c) < 32 or ord(c) == 127 for c in part.filename):
        raise Invalid("Part %s: the file name must be a bare name, without path or control characters" % name)
    if part.media_type is None:
        raise Invalid("Part %s needs a Content-Type (the document's media type)" % name)
    if not part.data:
        raise Invalid("Part %s is empty" % name)
    if len(part.data) > MAX_FILE_BYTES:
        raise Invalid("Part %s is larger than %d bytes" % (name, MAX_FILE_BYTES))


def _cross_check(message, files):
    """Parts against the JSON: each referenced once, one main content."""
    attachments = message.get("attachments", [])
    referenced = {item["httpPartName"] for item in attachments}
    missing, extra = sorted(referenced - set(files)), sorted(set(files) - referenced)
    if missing:
        raise Invalid("attachments refer to part %s, which is missing" % missing[0])
    if extra:
        raise Invalid("Part %s is not referenced by any attachment" % extra[0])
    if message.get("registeredMail"):
        raise Invalid("registeredMail is reserved to the ePost service", "INVALID_SENDER")
    if message["bodyMainContent"] and "bodyContent" not in message:
        raise Invalid("bodyMainContent is true but there is no bodyContent")
    mains = int(message["bodyMainContent"]) + sum(1 for item in attachments if item["mainContent"])
    if mains == 0:
        raise Invalid("No main content: exactly one is expected (bodyMainContent or one attachment "
                      "with mainContent)")
    if mains > 1:
        raise Invalid("Too many main contents (%d): exactly one is expected" % mains)
    for item in attachments:
        digest = item.get("digest")
        if digest and digest["digestValue"].rstrip("=") != b64url_sha256(files[item["httpPartName"]].data):
            raise Invalid("The digest of %s does not match its content" % item["httpPartName"],
                          "DIGEST_DO_NOT_MATCH")


def check_reply(message, original):
    """The rules that need the data set: a reply to a message of this box
    that allows it, addressed to that message's sender."""
    if "originalMessageId" not in message:
        raise Invalid("Only replies can be published here: originalMessageId is required")
    if original is None:
        raise Invalid("originalMessageId %s is not a message of this e-Box at this Message Registry"
                      % message["originalMessageId"], "MESSAGE_NOT_FOUND")
    if not original.reply:
        raise Invalid("Message %s does not allow replies (replyAuthorized is false)" % original.message_id,
                      "REPLY_NOT_AUTHORIZED")
    recipient = message["recipient"]
    if recipient != {"eboxType": "enterprise", "eboxIdValue": original.org_id}:
        raise Invalid("A reply goes to the sender of the original message: recipient must be "
                      "{\"eboxType\": \"enterprise\", \"eboxIdValue\": \"%s\"}" % original.org_id)


# --- what was received ---------------------------------------------------------------

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")


@dataclass
class Record:
    value: dict                   # what GET /_test/published shows
    fingerprint: str
    attempts: int = 1


class Publications:
    """Publications received, in order, and the Idempotency-Keys seen (per
    client), behind one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = []
        self.by_key = {}              # (client id, key) -> Record
        self.hold_pending = True      # --publish-timeout-once not used yet

    def records(self):
        """JSON-ready copies, oldest first."""
        with self.lock:
            return [dict(item.value, attempts=item.attempts) for item in self.items]

    def seen(self, client_id, key, fingerprint):
        """(record, same request?) for a key already used, else None; a
        repeat counts as an attempt."""
        if key is None:
            return None
        with self.lock:
            record = self.by_key.get((client_id, key))
            if record is None:
                return None
            record.attempts += 1
            return record, record.fingerprint == fingerprint

    def add(self, client_id, key, fingerprint, value):
        """Record a publication; if the key was recorded meanwhile (two
        requests at once), return that one instead."""
        with self.lock:
            if key is not None:
                record = self.by_key.get((client_id, key))
                if record is not None:
                    record.attempts += 1
                    return record, False
            record = Record(value, fingerprint)
            self.items.append(record)
            if key is not None:
                self.by_key[(client_id, key)] = record
            return record, True

    def take_hold(self):
        """True once: the first publication is the one held unanswered."""
        with self.lock:
            pending, self.hold_pending = self.hold_pending, False
            return pending
