"""Hostile and malformed data for --hostile, --hostile-registry and
--malformed: messages, reference data, registry texts and endless streams
that attack a client's terminal, file system, shell, memory or patience.

demo_data imports this module only when one of those options is given, so
the default data set never contains any of it.  Message ids are plain
strings ("hostile-path", "malformed-3") because tests name them; every
document that is not a deliberate stream is a real file with a correct
digest.
"""

import itertools
from dataclasses import dataclass
from datetime import timedelta

import pdf
from demo_data import (APPS, ORGS, RAW_BYTES, TYPES, Attachment, b64url_digest, belgian_iban,
                       cbe, iso, payment, stable_uuid, structured_communication, ts, _printable)

ESC, BEL = "\u001b", "\u0007"

# One sample of every kind of attack on a terminal; SINK strings them all
# together so that each hostile field carries the whole set.
ATTACKS = (
    ("CSI clear screen", ESC + "[2J" + ESC + "[H"),
    ("OSC window title (BEL)", ESC + "]0;pwned" + BEL),
    ("OSC 8 hyperlink (ST)", ESC + "]8;;https://evil.example/" + ESC + "\\x" + ESC + "]8;;" + ESC + "\\"),
    ("8-bit C1 CSI", "\u009b31m"),
    ("DCS request (ST)", ESC + "P+q544e" + ESC + "\\"),
    ("8-bit DCS", "\u0090q\u009c"),
    ("BEL", BEL),
    ("backspaces", "\b\b\b"),
    ("carriage return", "\rOVERWRITTEN "),
    ("RLO bidi override", "\u202egnp.exe\u202c"),
    ("LRI isolate", "\u2066x\u2069"),
    ("zero width space", "\u200b"),
    ("soft hyphen", "\u00ad"),
    ("combining grapheme joiner", "\u034f"),
    ("Hangul fillers", "\u115f\u3164"),
    ("variation selector 16", "\ufe0f"),
    ("tag characters", "".join(chr(0xE0000 + ord(c)) for c in "ATTACK") + "\U000E007F"),
)
SINK = "".join(sample for _name, sample in ATTACKS)
RAW = "".join(RAW_BYTES)          # invalid UTF-8 on the wire (see RAW_BYTES)


def evil(label, raw=False):
    """A printable label wrapped in every terminal attack (and, with raw,
    the invalid UTF-8 placeholders)."""
    return "%s %s%s end" % (label, SINK, RAW if raw else "")


def evil_ts(fr, nl, de, en=None, raw_lang=None):
    """TranslatedString of evil() strings; raw_lang also gets invalid UTF-8."""
    texts = {"fr": fr, "nl": nl, "de": de}
    if en:
        texts["en"] = en
    return {lang: evil(text, raw=lang == raw_lang) for lang, text in texts.items()}


# --- reference data: a hostile sender on ebox-nsso ---------------------------

HOSTILE_DP = "ebox-nsso"
HOSTILE_ORG = cbe("09990001")
HOSTILE_APP = "hostile" + ESC + "[2J" + ESC + "]0;pwned" + BEL + "\u202eppa"
HOSTILE_TYPE = "HostileNotice"
HOSTILE_PARTITION = "P" + ESC + "]0;pwned" + BEL + ESC + "[2J"


def register_refdata():
    """Add the hostile organisation, application and message type to the
    reference tables (idempotent).  They are listed by a DP only once
    add_refdata() put the organisation in its org_ids."""
    if HOSTILE_TYPE in TYPES:
        return
    ORGS[HOSTILE_ORG] = {
        "organizationId": HOSTILE_ORG,
        "organizationShortName": evil_ts("Expéditeur", "Afzender", "Absender", "Sender"),
        "organizationLongName": evil_ts("Organisation hostile", "Vijandige organisatie",
                                        "Feindliche Organisation", raw_lang="fr"),
        "organizationLogos": [],
        "organizationUrl": ts("https://evil.example/"),
        "senderApplicationIds": [HOSTILE_APP],
        "messageTypeIds": [HOSTILE_TYPE],
        "contactBusiness": evil("Contact"),
        "contactTechnical": evil("tech@evil.example"),
    }
    APPS[HOSTILE_APP] = {
        "applicationId": HOSTILE_APP,
        "applicationName": evil_ts("Application", "Toepassing", "Anwendung"),
        "applicationDescription": evil_ts("Description", "Beschrijving", "Beschreibung"),
        "applicationLogos": [],
        "applicationUrl": ts("https://evil.example/app"),
        "senderOrganizationIds": [HOSTILE_ORG],
        "messageTypeIds": [HOSTILE_TYPE],
        "contactBusiness": evil("Contact"),
        "contactTechnical": evil("tech@evil.example"),
    }
    TYPES[HOSTILE_TYPE] = {
        "messageTypeId": HOSTILE_TYPE,
        "messageTypeName": evil_ts("Type", "Soort", "Art", "Type"),
        "messageTypeDescription": evil_ts("Description du type", "Beschrijving", "Beschreibung"),
        "validityPeriod": {"validityPeriodNumber": 1, "validityPeriodUnit": "year"},
        "senderOrganizationIds": [HOSTILE_ORG],
        "senderApplicationIds": [HOSTILE_APP],
        "_app": HOSTILE_APP, "_org": HOSTILE_ORG, "_validity": (1, "year"),
        "_letter": ts("Lettre hostile."), "_hostile": True,
    }


def add_refdata(providers):
    """Let the hostile DP list the hostile sender in its reference data."""
    provider = providers[HOSTILE_DP]
    if HOSTILE_ORG not in provider.org_ids:
        provider.org_ids = provider.org_ids + (HOSTILE_ORG,)


# --- documents --------------------------------------------------------------

def small_pdf(*lines):
    """A real one-page PDF (controls neutralised: PDF text cannot hold them)."""
    text = [_printable(line) for line in lines]
    return lambda: pdf.make_pdf([("title", text[0])] + text[1:], title=text[0])


def html_page(title):
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n"
            "<body><h1>%s</h1><p>Document de test du fournisseur local.</p></body></html>\n"
            % (title, title)).encode("utf-8")


def attachments(message, specs):
    """Attachment objects from (local id, title, file name, media type,
    build) tuples; the first one is the main content."""
    made = []
    for index, (local_id, title, name, media_type, build) in enumerate(specs):
        made.append(Attachment(local_id or stable_uuid(message.message_id, "attachment", str(index + 1)),
                               title, name, media_type, index == 0, build))
    return made


# --- the hostile messages (--hostile) -----------------------------------------

PATH_NAMES = ["../../.config/autostart/x.desktop", "/etc/cron.d/evil", "..\\..\\win.ini",
              "sub/dir/../../../up.pdf", "%2E%2E%2F%2E%2E%2Fenc.pdf", "~/.bashrc", "..", "   "]

# Media types that try to reach a shell through a mailcap command line.
MEDIA_TYPES = [
    ("charset-subst.html", 'text/html; charset="$(touch /tmp/ebox-pwned)"', "html"),
    ("name-param.html", "text/html; charset=utf-8;name=';touch /tmp/ebox-pwned;'", "html"),
    ("backquote.txt", "text/x-`touch${IFS}/tmp/ebox-pwned`", "text"),
    ("quoted-param.pdf", 'application/pdf; x="a b"', "pdf"),
    ("control.html", "text/html; charset=utf-8", "html"),
]

# Belgian payment references: a valid IBAN with a wrong one beside it.
GOOD_IBAN = belgian_iban("091", "0123456")                      # Belfius, BIC GKCCBEBB
BAD_IBAN = GOOD_IBAN[:2] + "%02d" % ((int(GOOD_IBAN[2:4]) + 1) % 100) + GOOD_IBAN[4:]
GOOD_REFERENCE = structured_communication("1234567890")
BAD_REFERENCE = GOOD_REFERENCE[:-5] + "%02d" % ((int(GOOD_REFERENCE[-5:-3]) + 1) % 97) + "+++"


def _receipt(now, days):
    """Exact receipt times (no office-hours shuffle): these messages stay
    older than the first --hostile ones, whose place tests rely on."""
    return (now - timedelta(days=days)).replace(second=0, microsecond=0)


def add_messages(b, now):
    """The --hostile messages beyond the first four (demo_data._hostile)."""
    register_refdata()
    _path(b, now)
    _fields(b, now)
    _media_types(b, now)
    _endless(b, now)
    _payments(b, now)


def _path(b, now):
    message = b.message("hostile-path", "ebox-nsso", "ServiceNotice",
                        ts("Documents aux noms dangereux", "Documenten met gevaarlijke namen",
                           "Dokumente mit gefährlichen Namen"),
                        receipt=_receipt(now, 1.5), read=False, message_id="hostile-path", main=False)
    message.attachments = attachments(message, [
        (None, ts(name), name, "application/pdf", small_pdf("Hostile file name", "File name: " + repr(name)))
        for name in PATH_NAMES])


def _fields(b, now):
    message = b.message(
        "hostile-fields", HOSTILE_DP, HOSTILE_TYPE,
        evil_ts("Sujet", "Onderwerp", "Betreff", "Subject", raw_lang="de"),
        receipt=_receipt(now, 31.5), read=False, message_id="hostile-fields", main=False,
        partition=HOSTILE_PARTITION, reply=True,
        fta={"id": evil("85031512369"), "type": "person", "name": evil("Nom")},
        business=[{"key": evil("cle"), "name": evil_ts("Nom", "Naam", "Name"),
                   "values": [evil_ts("Valeur", "Waarde", "Wert", raw_lang="fr"),
                              evil_ts("Deuxième", "Tweede", "Zweite")]}],
        body=evil_ts("Corps du message\nligne 2", "Berichttekst\nregel 2", "Nachrichtentext\nZeile 2",
                     "Message body\nline 2", raw_lang="fr"))
    message.payment = {"paymentDataId": "hostile-fields-payment", "amount": 13.37, "vatAmount": 0.0,
                       "currency": evil("EUR"), "dueDate": iso(now + timedelta(days=20)),
                       "iban": evil(GOOD_IBAN), "bic": evil("GKCCBEBB"), "reference": evil(GOOD_REFERENCE)}
    message.attachments = attachments(message, [
        (None, evil_ts("Titre", "Titel", "Titel"), evil("document") + ".pdf", "application/pdf",
         small_pdf("Hostile fields", "Every printable field of this message holds escapes."))])


def _media_types(b, now):
    message = b.message("hostile-mediatype", "ebox-nsso", "ServiceNotice",
                        ts("Types de médias piégés", "Gevaarlijke mediatypes", "Gefährliche Medientypen"),
                        receipt=_receipt(now, 1.6), read=False, message_id="hostile-mediatype", main=False)
    builds = {"html": lambda name: (lambda: html_page(name)),
              "text": lambda name: (lambda: ("Plain text served as %s\n" % name).encode()),
              "pdf": lambda name: small_pdf("Media type test", name)}
    message.attachments = attachments(message, [
        (None, ts(name), name, media_type, builds[kind](name)) for name, media_type, kind in MEDIA_TYPES])


def _payments(b, now):
    due = now + timedelta(days=25)
    for key, iban, reference, subject, days in (
            ("hostile-payment", BAD_IBAN, BAD_REFERENCE,
             ts("Paiement : IBAN et communication invalides", "Betaling: ongeldige IBAN en mededeling",
                "Zahlung: ungültige IBAN und Mitteilung"), 32.5),
            ("hostile-payment-ref", GOOD_IBAN, BAD_REFERENCE,
             ts("Paiement : communication structurée invalide", "Betaling: ongeldige gestructureerde mededeling",
                "Zahlung: ungültige strukturierte Mitteilung"), 33.5)):
        message = b.message(key, "ebox-nsso", "ServiceNotice", subject, receipt=_receipt(now, days),
                            read=False, message_id=key)
        message.payment = payment(key, 75.0, 0.0, due, iban, "GKCCBEBB", reference)


# --- endless and oversized documents -------------------------------------------

@dataclass
class Stream:
    """How the content endpoint serves a special attachment: chunks() yields
    bytes; length None means chunked transfer; pause is the delay between
    chunks."""
    chunks: object
    length: int = None
    pause: float = 0.0


CHUNK = 64 * 1024
ENDLESS_ANNOUNCED = 10 * 1024
OVERSIZE_ANNOUNCED = 1024
OVERSIZE_BYTES = 50 * 1024 * 1024
PDF_HEAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def _endless_chunks():
    yield PDF_HEAD
    filler = (b"% endless document: a client must stop reading at the announced size\n" * 1000)[:CHUNK]
    while True:
        yield filler


def _drip_chunks():
    return itertools.repeat(b".")


def _oversize_chunks():
    yield PDF_HEAD
    left = OVERSIZE_BYTES - len(PDF_HEAD)
    filler = b"0" * CHUNK
    while left > 0:
        yield filler[:left]
        left -= min(left, CHUNK)


STREAMS = {
    "endless": Stream(_endless_chunks),
    "drip": Stream(_drip_chunks, pause=0.5),
    "oversize": Stream(_oversize_chunks, length=OVERSIZE_BYTES),
}


def _prefix(chunks, size):
    """The first `size` bytes of a stream: what the metadata announces."""
    data = bytearray()
    for chunk in chunks():
        data += chunk
        if len(data) >= size:
            return bytes(data[:size])
    return bytes(data)


def _endless(b, now):
    message = b.message("hostile-endless", "ebox-nsso", "ServiceNotice",
                        ts("Document sans fin", "Eindeloos document", "Endloses Dokument"),
                        receipt=_receipt(now, 1.65), read=False, message_id="hostile-endless", main=False)
    specs = [("endless", "endless.pdf", "application/pdf", ENDLESS_ANNOUNCED),
             ("drip", "drip.txt", "text/plain", 16),
             ("oversize", "oversize.pdf", "application/pdf", OVERSIZE_ANNOUNCED)]
    made = []
    for special, name, media_type, announced in specs:
        head = _prefix(STREAMS[special].chunks, announced)
        attachment = Attachment(special, ts(name), name, media_type, special == "endless",
                                lambda h=head: h, special=special)
        attachment._meta = (announced, b64url_digest(head))
        made.append(attachment)
    message.attachments = made


# --- malformed messages (--malformed) ----------------------------------------------

# messageId, age in days, what is broken; the renderer applies MALFORM.
MALFORMED = [
    ("malformed-1", 3.5, "no-message-id"),
    ("malformed-2", 11.5, "subject-number"),
    ("malformed-3", 27.5, "attachments-string"),
    ("malformed-4", 45.5, "bad-receipt-date"),
    ("malformed-5", 90.5, "empty-file-name"),
    ("malformed-6", 160.5, "digest-number"),
]


def add_malformed(b, now):
    for index, (message_id, days, kind) in enumerate(MALFORMED, start=1):
        message = b.message(message_id, "ebox-bosa", "TaxDocument",
                            ts("Message mal formé n° %d" % index, "Misvormd bericht nr. %d" % index,
                               "Fehlerhafte Nachricht Nr. %d" % index),
                            receipt=_receipt(now, days), message_id=message_id, malformed=kind)
        if kind == "empty-file-name":
            message.attachments[0].file_name = ""


def _drop(key):
    return lambda value: value.pop(key, None)


def _set(key, bad):
    return lambda value: value.__setitem__(key, bad)


# kind -> change applied to the rendered Message JSON (both spellings).
MALFORM = {
    "no-message-id": _drop("messageId"),
    "subject-number": _set("subject", 42),
    "attachments-string": _set("attachments", "see the portal"),
    "bad-receipt-date": _set("receiptDate", "2025-13-45T25:61:00+02:00"),
}
# kind -> change applied to every rendered Attachment of the message (inside
# the Message and on the attachments endpoints).  "empty-file-name" is in
# the data itself.
MALFORM_ATTACHMENT = {"digest-number": _set("digest", 12345)}


# --- --hostile-registry ---------------------------------------------------------------

REGISTRY_DP = "ebox-bosa"


def registry_texts(value):
    """Escapes in the human fields of a provider registry entry, never in
    its id or URL (the client must still reach the DP)."""
    for key in ("messageProviderName", "messageProviderDescription", "name"):
        if isinstance(value.get(key), dict):
            value[key] = {lang: evil(text) for lang, text in value[key].items()}
    if "messageProviderTechnicalContact" in value:
        value["messageProviderTechnicalContact"] = evil(value["messageProviderTechnicalContact"])
    return value


def error_text(message):
    """An error sentence of the hostile DP, with escapes (and raw bytes)."""
    return evil(message, raw=True)
