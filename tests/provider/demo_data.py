"""The test provider's data set: Document Providers, reference data, boxes
and their messages, with real attachment files.

Everything here is deterministic: message and attachment ids are uuid5 of a
stable key, file bytes depend only on the message, and dates are offsets from
"now" (pinned with --now) so that "expires within 15 days" stays true on any
day.  The read, visible and partition attributes of a Message are initial
values only: the server keeps the live flags, behind its own lock.
"""

import base64
import bisect
import calendar
import dataclasses
import functools
import gc
import hashlib
import random
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import office
import pdf

NAMESPACE = uuid.UUID("6f1c9f1e-3c52-4b1e-9a57-0e8d2a4b7c10")
NAMESPACE_BYTES = NAMESPACE.bytes
LANGS = ("nl", "fr", "de")

# Invalid UTF-8 cannot live in a Python str, so hostile subjects carry these
# private-use characters and the server swaps them for raw bytes on the wire.
RAW_BYTES = {"\ue0ff": b"\xff", "\ue0fe": b"\xfe", "\ue0c0": b"\xc0\xaf"}

MESSAGE_SCOPE = "scope:document:management:consult:ws-eboxrestentreprise:documentconsumer"
REGISTRY_SCOPE = "scope:documentmanagement:ebox:enterprise:federation-rest:registry"
LEGACY_SCOPES = (
    "scope:document:management:consult:ws-eboxrestentreprise:summaryownebox",
    "scope:document:management:consult:ws-eboxrestentreprise:messagesfull",
    "scope:document:management:consult:ws-eboxrestentreprise:referencedata",
)
SENDER_SCOPE = "scope:document:management:consult:ws-eboxrestentreprise:publicationsender"


# --- time: Europe/Brussels without a tz database ---------------------------

@functools.lru_cache(maxsize=None)
def _last_sunday(year, month):
    last = calendar.monthrange(year, month)[1]
    day = datetime(year, month, last, 1, tzinfo=timezone.utc)
    return day - timedelta(days=(day.weekday() + 1) % 7)


OFFSETS = {hours: timedelta(hours=hours) for hours in (1, 2)}
ZONES = {hours: timezone(OFFSETS[hours]) for hours in (1, 2)}


def _brussels_hours(instant):
    utc = instant.astimezone(timezone.utc)
    return 2 if _last_sunday(utc.year, 3) <= utc < _last_sunday(utc.year, 10) else 1


def brussels_offset(instant):
    """UTC offset in Brussels at an aware instant (EU rule: summer time from
    the last Sunday of March to the last Sunday of October, 01:00 UTC)."""
    return OFFSETS[_brussels_hours(instant)]


def to_brussels(instant):
    return instant.astimezone(ZONES[_brussels_hours(instant)])


def iso(instant):
    """yyyy-MM-dd'T'HH:mm:ssXXX in Brussels time, e.g. 2026-11-20T09:12:00+01:00."""
    return to_brussels(instant).isoformat(timespec="seconds")


def brussels_midnight(day):
    """The instant of 00:00 Brussels time on a date."""
    guess = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return guess - brussels_offset(guess - timedelta(hours=2))


def add_months(instant, months):
    month0 = instant.month - 1 + months
    year, month = instant.year + month0 // 12, month0 % 12 + 1
    day = min(instant.day, calendar.monthrange(year, month)[1])
    return instant.replace(year=year, month=month, day=day)


def add_validity(instant, validity):
    number, unit = validity
    if unit == "day":
        return instant + timedelta(days=number)
    return add_months(instant, number * (12 if unit == "year" else 1))


# --- small helpers -----------------------------------------------------------

def ts(fr, nl=None, de=None, en=None):
    """TranslatedString; missing nl/de are back-filled like a DP must do."""
    value = {"nl": nl or fr, "fr": fr, "de": de or fr}
    if en:
        value["en"] = en
    return value


def fold(text):
    """Case- and accent-insensitive form used by the q search."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def cbe(prefix8):
    """Enterprise number with its mod-97 check digits."""
    return prefix8 + "%02d" % (97 - int(prefix8) % 97)


def belgian_iban(bank3, account7):
    """BE IBAN: BBAN check = first ten digits mod 97 (97 for 0), then ISO 7064."""
    ten = bank3 + account7
    bban = ten + "%02d" % (int(ten) % 97 or 97)
    check = 98 - int(bban + "111400") % 97     # "BE00" -> 11 14 00
    return "BE%02d%s" % (check, bban)


def structured_communication(ten_digits):
    """+++ddd/dddd/ddddd+++ with the two mod-97 check digits."""
    digits = ten_digits + "%02d" % (int(ten_digits) % 97 or 97)
    return "+++%s/%s/%s+++" % (digits[:3], digits[3:7], digits[7:])


def b64url_digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def stable_uuid(*parts):
    """uuid5(NAMESPACE, "a/b/..."), spelled out: uuid.uuid5 builds a UUID
    object per call, which dominated the start with --messages 120000."""
    raw = bytearray(hashlib.sha1(NAMESPACE_BYTES + "/".join(parts).encode("utf-8")).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50          # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80          # RFC 4122 variant
    hexa = raw.hex()
    return "%s-%s-%s-%s-%s" % (hexa[:8], hexa[8:12], hexa[12:16], hexa[16:20], hexa[20:])


MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
}


# --- data model --------------------------------------------------------------

@dataclass
class Attachment:
    attachment_id: str
    title: dict
    file_name: str
    media_type: str
    main: bool
    build: object                 # () -> bytes; called on demand
    signed: bool = False
    _meta: tuple = None           # (size in bytes, digest), filled lazily
    special: str = None           # served by a stream, not build() (hostile.STREAMS)
    size_key: tuple = None        # same key, same size (synthetic letters)

    def content(self):
        return self.build()

    def meta(self):
        # Racing threads compute the same tuple; the assignment is atomic.
        if self._meta is None:
            data = self.build()
            self._meta = (len(data), b64url_digest(data))
        return self._meta


@dataclass
class Message:
    message_id: str
    dp: str
    subject: dict
    receipt: datetime
    expiration: datetime
    type_id: str
    org_id: str
    app_id: str
    read: bool = False
    visible: bool = True
    registered: bool = False
    reply: bool = False
    fta: dict = None              # {"id", "type", "name"}
    attachments: list = field(default_factory=list)
    body: dict = None
    body_main: bool = False
    payment: dict = None
    business: list = field(default_factory=list)
    partition: str = None
    lang: str = "fr"              # language of the documents
    raw_subject: bool = False     # subject holds RAW_BYTES placeholders
    malformed: str = None         # rendered broken on purpose (--malformed)

    def main_attachment(self):
        return next((a for a in self.attachments if a.main), None)


@dataclass
class Box:
    account: str
    client_id: str
    kind: str                     # "citizen" | "enterprise"
    ident: str                    # SSIN or enterprise number
    holder: str
    scopes: tuple
    partitions: tuple = ()
    messages: dict = field(default_factory=dict)   # dp id -> [Message]


@dataclass
class DocumentProvider:
    dp_id: str
    path: str                     # URL path of the Message Registry root
    name: dict
    description: dict
    contact: str
    activation: str
    deactivation: str = None
    maintenance: list = field(default_factory=list)
    org_ids: tuple = ()
    empty_cross_refs: bool = False  # NSSO DP leaves the id arrays empty


# --- reference data ----------------------------------------------------------

ORGS = {}      # key -> organisation dict (v2.1 SenderOrganization)
APPS = {}      # app id -> dict (SenderApplication)
TYPES = {}     # type id -> dict (MessageType) + private keys
ORG_BY_KEY = {}


def _org(key, prefix8, short, long_, url, contact):
    org_id = cbe(prefix8)
    ORG_BY_KEY[key] = org_id
    ORGS[org_id] = {
        "organizationId": org_id,
        "organizationShortName": short,
        "organizationLongName": long_,
        "organizationLogos": [],
        "organizationUrl": url,
        "senderApplicationIds": [],
        "messageTypeIds": [],
        "contactBusiness": contact,
        "contactTechnical": "eboxintegration@smals.be",
    }


def _app(org_key, app_id, name, description, url):
    org_id = ORG_BY_KEY[org_key]
    APPS[app_id] = {
        "applicationId": app_id,
        "applicationName": name,
        "applicationDescription": description,
        "applicationLogos": [],
        "applicationUrl": url,
        "senderOrganizationIds": [org_id],
        "messageTypeIds": [],
        "contactBusiness": ORGS[org_id]["contactBusiness"],
        "contactTechnical": "eboxintegration@smals.be",
    }
    ORGS[org_id]["senderApplicationIds"].append(app_id)


def _type(app_id, type_id, name, description, validity, letter):
    org_id = APPS[app_id]["senderOrganizationIds"][0]
    TYPES[type_id] = {
        "messageTypeId": type_id,
        "messageTypeName": name,
        "messageTypeDescription": description,
        "validityPeriod": {"validityPeriodNumber": validity[0],
                           "validityPeriodUnit": validity[1]},
        "senderOrganizationIds": [org_id],
        "senderApplicationIds": [app_id],
        "_app": app_id, "_org": org_id, "_validity": validity, "_letter": letter,
    }
    APPS[app_id]["messageTypeIds"].append(type_id)
    ORGS[org_id]["messageTypeIds"].append(type_id)


def _build_organizations():
    _org("fin", "03083571",
         ts("SPF Finances", "FOD Financiën", "FÖD Finanzen", "FPS Finance"),
         ts("Service public fédéral Finances", "Federale Overheidsdienst Financiën",
            "Föderaler Öffentlicher Dienst Finanzen", "Federal Public Service Finance"),
         ts("https://finances.belgium.be/fr", "https://financien.belgium.be/nl",
            "https://finanzen.belgium.be/de"), "Contact center : 02 572 57 57")
    _org("onss", "02067316", ts("ONSS", "RSZ", "LSS", "NSSO"),
         ts("Office national de sécurité sociale", "Rijksdienst voor Sociale Zekerheid",
            "Landesamt für Soziale Sicherheit", "National Social Security Office"),
         ts("https://www.onss.be", "https://www.rsz.be", "https://www.lss.be"),
         "Contact center : 02 511 51 51")
    _org("onva", "02067380", ts("ONVA", "RJV", "LJU"),
         ts("Office national des Vacances annuelles", "Rijksdienst voor Jaarlijkse Vakantie",
            "Landesamt für den Jahresurlaub"),
         ts("https://www.onva.fgov.be", "https://www.rjv.fgov.be"), "Helpdesk : 02 627 97 60")
    _org("inami", "02066539", ts("INAMI", "RIZIV", "LIKIV"),
         ts("Institut national d'assurance maladie-invalidité",
            "Rijksinstituut voor ziekte- en invaliditeitsverzekering",
            "Landesinstitut für Kranken- und Invalidenversicherung"),
         ts("https://www.inami.fgov.be", "https://www.riziv.fgov.be"), "Helpdesk : 02 739 74 11")
    _org("sfp", "02067384", ts("SFP", "FPD", "FPD", "FPS"),
         ts("Service fédéral des Pensions", "Federale Pensioendienst",
            "Föderaler Pensionsdienst", "Federal Pension Service"),
         ts("https://www.sfpd.fgov.be", "https://www.sfpd.fgov.be/nl"), "Numéro gratuit : 1765")
    _org("onem", "02067374", ts("ONEM", "RVA", "LfA"),
         ts("Office national de l'Emploi", "Rijksdienst voor Arbeidsvoorziening",
            "Landesamt für Arbeitsbeschaffung"),
         ts("https://www.onem.be", "https://www.rva.be", "https://www.lfa.be"),
         "Bureau du chômage de Liège : 04 230 62 11")
    _org("liege", "02075216", ts("Ville de Liège", "Stad Luik", "Stadt Lüttich"),
         ts("Ville de Liège – Administration communale", "Stad Luik – Gemeentebestuur",
            "Stadt Lüttich – Gemeindeverwaltung"),
         ts("https://www.liege.be"), "Cité administrative : 04 221 84 11")
    _org("vlabel", "03163809", ts("Vlaamse Belastingdienst", "Vlaamse Belastingdienst",
                                  "Flämischer Steuerdienst", "Flemish Tax Administration"),
         ts("Autorités flamandes – Vlaamse Belastingdienst", "Vlaamse overheid – Vlaamse Belastingdienst",
            "Flämische Behörden – Flämischer Steuerdienst"),
         ts("https://www.vlaanderen.be/belastingen"), "Vlaamse Infolijn : 1700")
    _org("mobilit", "03083578",
         ts("SPF Mobilité", "FOD Mobiliteit", "FÖD Mobilität", "FPS Mobility"),
         ts("Service public fédéral Mobilité et Transports", "Federale Overheidsdienst Mobiliteit en Vervoer",
            "Föderaler Öffentlicher Dienst Mobilität und Transportwesen"),
         ts("https://mobilit.belgium.be/fr", "https://mobilit.belgium.be/nl",
            "https://mobilit.belgium.be/de"), "DIV : 02 277 30 50")
    _org("justice", "03083573", ts("SPF Justice", "FOD Justitie", "FÖD Justiz", "FPS Justice"),
         ts("Service public fédéral Justice", "Federale Overheidsdienst Justitie",
            "Föderaler Öffentlicher Dienst Justiz"),
         ts("https://justice.belgium.be/fr", "https://justitie.belgium.be/nl"), "02 542 65 11")
    _org("eco", "03145953", ts("SPF Economie", "FOD Economie", "FÖD Wirtschaft", "FPS Economy"),
         ts("SPF Economie, P.M.E., Classes moyennes et Énergie",
            "FOD Economie, K.M.O., Middenstand en Energie",
            "FÖD Wirtschaft, K.M.B., Mittelstand und Energie"),
         ts("https://economie.fgov.be/fr", "https://economie.fgov.be/nl"), "0800 120 33")


def _build_applications():
    _app("fin", "spf-finances:taxonweb", ts("Tax-on-web"),
         ts("Déclaration et avertissements-extraits de rôle de l'impôt des personnes physiques",
            "Aangifte en aanslagbiljetten personenbelasting",
            "Erklärung und Steuerbescheide der Steuer der natürlichen Personen"),
         ts("https://eservices.minfin.fgov.be/taxonweb"))
    _app("fin", "spf-finances:myminfin", ts("MyMinfin"),
         ts("Votre dossier fiscal en ligne", "Uw online fiscaal dossier", "Ihre Steuerakte online"),
         ts("https://eservices.minfin.fgov.be/myminfin-web/"))
    _app("onss", "rsz-onss:mysocialsecurity", ts("Ma sécurité sociale", "Mijn sociale zekerheid",
                                                  "Meine soziale Sicherheit"),
         ts("Services en ligne de l'ONSS pour les citoyens et employeurs",
            "Onlinediensten van de RSZ voor burgers en werkgevers",
            "Online-Dienste des LSS für Bürger und Arbeitgeber"),
         ts("https://www.socialsecurity.be"))
    _app("onss", "rsz-onss:dmfa", ts("DmfA"),
         ts("Déclaration multifonctionnelle trimestrielle", "Multifunctionele kwartaalaangifte",
            "Multifunktionelle Vierteljahreserklärung"), ts("https://www.socialsecurity.be"))
    _app("onva", "rjv-onva:workerholidayrights:cova2",
         ts("Secteur des Vacances Annuelles", "Sector Jaarlijkse Vakantie", "Sektor des Jahresurlaubs"),
         ts("Droits aux vacances des ouvriers", "Vakantierechten van arbeiders",
            "Urlaubsansprüche der Arbeiter"), ts("https://www.onva.fgov.be"))
    _app("inami", "riziv-inami:myhealth", ts("MaSanté / INAMI", "MijnGezondheid / RIZIV",
                                            "MeineGesundheit / LIKIV"),
         ts("Assurance soins de santé et indemnités", "Verzekering voor geneeskundige verzorging en uitkeringen",
            "Gesundheitspflege- und Entschädigungsversicherung"), ts("https://www.masante.belgique.be"))
    _app("sfp", "sfpd-fpd:mypension", ts("mypension.be"),
         ts("Votre dossier de pension en ligne", "Uw online pensioendossier", "Ihre Pensionsakte online"),
         ts("https://www.mypension.be"))
    _app("onem", "rva-onem:chomage", ts("Chômage et interruption de carrière",
                                        "Werkloosheid en loopbaanonderbreking",
                                        "Arbeitslosigkeit und Laufbahnunterbrechung"),
         ts("Décisions, cartes de contrôle et attestations de l'ONEM",
            "Beslissingen, controlekaarten en attesten van de RVA",
            "Entscheidungen, Kontrollkarten und Bescheinigungen des LfA"), ts("https://www.onem.be"))
    _app("liege", "liege:guichet", ts("Guichet électronique", "Elektronisch loket", "Elektronischer Schalter"),
         ts("Démarches en ligne de la Ville de Liège", "Online diensten van de Stad Luik",
            "Online-Dienste der Stadt Lüttich"), ts("https://www.liege.be/fr/demarches"))
    _app("vlabel", "vlabel:mijnburgerprofiel", ts("Mijn Burgerprofiel"),
         ts("Belastingen van de Vlaamse overheid", "Belastingen van de Vlaamse overheid",
            "Steuern der Flämischen Behörden"), ts("https://www.vlaanderen.be/mijn-burgerprofiel"))
    _app("mobilit", "mobilit:div", ts("Immatriculation des véhicules (DIV)", "Inschrijving van voertuigen (DIV)",
                                      "Fahrzeugzulassung (DIV)"),
         ts("Certificats d'immatriculation et permis", "Inschrijvingsbewijzen en rijbewijzen",
            "Zulassungsbescheinigungen und Führerscheine"), ts("https://mobilit.belgium.be"))
    _app("justice", "justice:just-on-web", ts("Just-on-web"),
         ts("Casier judiciaire et dépôt de documents en ligne", "Strafregister en online neerlegging",
            "Strafregister und Online-Hinterlegung"), ts("https://justonweb.be"))
    _app("eco", "economie:kbo-bce", ts("Banque-Carrefour des Entreprises", "Kruispuntbank van Ondernemingen",
                                       "Zentrale Datenbank der Unternehmen"),
         ts("Données de votre entreprise dans la BCE", "Gegevens van uw onderneming in de KBO",
            "Daten Ihres Unternehmens in der ZDU"), ts("https://kbopub.economie.fgov.be"))


def _build_message_types():
    """Message types with their validity period and the letter sentence
    printed in the generated PDF."""
    t = _type
    t("spf-finances:taxonweb", "TaxAssessmentNotice",
      ts("Avertissement-extrait de rôle", "Aanslagbiljet", "Steuerbescheid", "Tax assessment notice"),
      ts("Avertissement-extrait de rôle de l'impôt des personnes physiques",
         "Aanslagbiljet personenbelasting", "Steuerbescheid der Steuer der natürlichen Personen"),
      (3, "year"),
      ts("Vous trouverez ci-joint votre avertissement-extrait de rôle. Le montant éventuel à payer doit "
         "être versé avant l'échéance indiquée, avec la communication structurée mentionnée.",
         "In bijlage vindt u uw aanslagbiljet. Een eventueel te betalen bedrag moet vóór de vervaldag "
         "gestort worden, met de vermelde gestructureerde mededeling.",
         "Anbei finden Sie Ihren Steuerbescheid. Ein eventuell zu zahlender Betrag ist vor dem "
         "Fälligkeitsdatum mit der angegebenen strukturierten Mitteilung zu überweisen."))
    t("spf-finances:taxonweb", "SimplifiedReturnProposal",
      ts("Proposition de déclaration simplifiée", "Voorstel van vereenvoudigde aangifte",
         "Vorschlag der vereinfachten Erklärung"),
      ts("Proposition de déclaration simplifiée à l'impôt des personnes physiques",
         "Voorstel van vereenvoudigde aangifte in de personenbelasting",
         "Vorschlag der vereinfachten Erklärung zur Steuer der natürlichen Personen"),
      (1, "year"),
      ts("Si les données de la proposition sont correctes et complètes, vous ne devez rien faire.",
         "Als de gegevens van het voorstel juist en volledig zijn, hoeft u niets te doen.",
         "Wenn die Angaben des Vorschlags richtig und vollständig sind, brauchen Sie nichts zu tun."))
    t("spf-finances:myminfin", "PaymentReminder",
      ts("Rappel de paiement", "Betalingsherinnering", "Zahlungserinnerung"),
      ts("Rappel d'un montant d'impôt non payé", "Herinnering van een niet-betaald belastingbedrag",
         "Erinnerung an einen nicht gezahlten Steuerbetrag"),
      (2, "month"),
      ts("Sauf erreur de notre part, le montant ci-dessous n'a pas encore été payé.",
         "Behoudens vergissing van onzentwege werd het onderstaande bedrag nog niet betaald.",
         "Sofern uns kein Irrtum unterlaufen ist, wurde der nachstehende Betrag noch nicht gezahlt."))
    t("spf-finances:myminfin", "TaxDocument",
      ts("Document fiscal", "Fiscaal document", "Steuerdokument"),
      ts("Courrier de l'administration fiscale", "Brief van de belastingadministratie",
         "Schreiben der Steuerverwaltung"),
      (2, "year"),
      ts("Veuillez trouver ci-joint un document relatif à votre dossier fiscal.",
         "In bijlage vindt u een document over uw fiscaal dossier.",
         "Anbei finden Sie ein Dokument zu Ihrer Steuerakte."))
    t("rsz-onss:mysocialsecurity", "CareerOverview",
      ts("Aperçu de carrière", "Loopbaanoverzicht", "Laufbahnübersicht"),
      ts("Aperçu des périodes d'occupation déclarées", "Overzicht van de aangegeven tewerkstellingsperiodes",
         "Übersicht der gemeldeten Beschäftigungszeiten"),
      (2, "year"),
      ts("Voici l'aperçu des périodes d'occupation déclarées à votre nom.",
         "Hierbij het overzicht van de tewerkstellingsperiodes die op uw naam zijn aangegeven.",
         "Hier die Übersicht der auf Ihren Namen gemeldeten Beschäftigungszeiten."))
    t("rsz-onss:mysocialsecurity", "FormalNotice",
      ts("Mise en demeure", "Ingebrekestelling", "Inverzugsetzung"),
      ts("Mise en demeure par envoi recommandé électronique", "Ingebrekestelling per elektronisch aangetekende zending",
         "Inverzugsetzung per elektronischem Einschreiben"),
      (1, "year"),
      ts("Ce courrier recommandé vous met en demeure de régulariser votre situation dans les quinze jours.",
         "Deze aangetekende brief stelt u in gebreke om uw toestand binnen vijftien dagen te regulariseren.",
         "Dieses Einschreiben setzt Sie in Verzug, Ihre Lage binnen fünfzehn Tagen zu regeln."))
    t("rsz-onss:mysocialsecurity", "ServiceNotice",
      ts("Communication de service", "Dienstmededeling", "Dienstmitteilung"),
      ts("Information générale de l'ONSS", "Algemene informatie van de RSZ", "Allgemeine Information des LSS"),
      (1, "year"),
      ts("Cette communication vous informe d'un changement dans nos services.",
         "Deze mededeling informeert u over een wijziging in onze dienstverlening.",
         "Diese Mitteilung informiert Sie über eine Änderung unserer Dienste."))
    t("rsz-onss:dmfa", "DmfaNotification",
      ts("Notification DmfA", "DmfA-notificatie", "DmfA-Mitteilung"),
      ts("Accusé de réception et avis de débit de la déclaration trimestrielle",
         "Ontvangstbewijs en debetbericht van de kwartaalaangifte",
         "Empfangsbestätigung und Lastschriftanzeige der Vierteljahreserklärung"),
      (2, "year"),
      ts("Votre déclaration trimestrielle a été traitée. Le décompte des cotisations est joint.",
         "Uw kwartaalaangifte werd verwerkt. De afrekening van de bijdragen is bijgevoegd.",
         "Ihre Vierteljahreserklärung wurde bearbeitet. Die Beitragsabrechnung liegt bei."))
    t("rsz-onss:dmfa", "SpfFodSocialElections",
      ts("Élections sociales", "Sociale verkiezingen", "Sozialwahlen"),
      ts("Communication relative aux élections sociales", "Mededeling over de sociale verkiezingen",
         "Mitteilung zu den Sozialwahlen"),
      (1, "year"),
      ts("Cette communication concerne la procédure des élections sociales dans votre entreprise.",
         "Deze mededeling betreft de procedure van de sociale verkiezingen in uw onderneming.",
         "Diese Mitteilung betrifft das Verfahren der Sozialwahlen in Ihrem Unternehmen."))
    t("rjv-onva:workerholidayrights:cova2", "YearlyVacationAccountExtract",
      ts("Disponibilité de l'extrait de compte", "Beschikbaarheid rekeninguittreksel",
         "Verfügbarkeit Kontoauszug"),
      ts("Extrait de compte vacances annuelles", "Rekeninguittreksel jaarlijkse vakantie",
         "Kontoauszug Jahresurlaub"),
      (2, "year"),
      ts("L'extrait de compte reprend vos jours de vacances et le pécule auquel vous avez droit.",
         "Het rekeninguittreksel vermeldt uw vakantiedagen en het vakantiegeld waarop u recht hebt.",
         "Der Kontoauszug enthält Ihre Urlaubstage und das Urlaubsgeld, auf das Sie Anspruch haben."))
    t("rjv-onva:workerholidayrights:cova2", "YearlyVacationFiscalCertificate",
      ts("Disponibilité fiche fiscale", "Beschikbaarheid fiscale fiche", "Verfügbarkeit Steuerbescheinigung"),
      ts("Fiche fiscale 281.10 du pécule de vacances", "Fiscale fiche 281.10 van het vakantiegeld",
         "Steuerbescheinigung 281.10 des Urlaubsgeldes"),
      (2, "year"),
      ts("Les montants de cette fiche sont déjà communiqués à l'administration fiscale.",
         "De bedragen van deze fiche zijn al aan de belastingadministratie meegedeeld.",
         "Die Beträge dieser Bescheinigung wurden der Steuerverwaltung bereits mitgeteilt."))
    t("rjv-onva:workerholidayrights:cova2", "HolidayPayNotice",
      ts("Avis de paiement du pécule", "Betalingsbericht vakantiegeld", "Zahlungsanzeige Urlaubsgeld"),
      ts("Paiement du pécule de vacances", "Betaling van het vakantiegeld", "Zahlung des Urlaubsgeldes"),
      (1, "year"),
      ts("Votre pécule de vacances a été versé sur votre compte.",
         "Uw vakantiegeld werd op uw rekening gestort.",
         "Ihr Urlaubsgeld wurde auf Ihr Konto überwiesen."))
    t("riziv-inami:myhealth", "HealthStatement",
      ts("Relevé des prestations de santé", "Overzicht gezondheidsprestaties", "Übersicht der Gesundheitsleistungen"),
      ts("Relevé mensuel des prestations remboursées", "Maandelijks overzicht van de terugbetaalde prestaties",
         "Monatliche Übersicht der erstatteten Leistungen"),
      (1, "year"),
      ts("Ce relevé reprend les prestations de santé remboursées au cours du mois.",
         "Dit overzicht vermeldt de gezondheidsprestaties die tijdens de maand werden terugbetaald.",
         "Diese Übersicht enthält die im Laufe des Monats erstatteten Gesundheitsleistungen."))
    t("riziv-inami:myhealth", "IncapacityDecision",
      ts("Décision d'incapacité de travail", "Beslissing arbeidsongeschiktheid", "Entscheidung Arbeitsunfähigkeit"),
      ts("Décision du médecin-conseil", "Beslissing van de adviserend arts", "Entscheidung des Vertrauensarztes"),
      (2, "year"),
      ts("Le médecin-conseil a examiné votre dossier. Vous pouvez introduire un recours dans les trois mois.",
         "De adviserend arts heeft uw dossier onderzocht. U kunt binnen drie maanden beroep aantekenen.",
         "Der Vertrauensarzt hat Ihre Akte geprüft. Sie können binnen drei Monaten Einspruch erheben."))
    t("riziv-inami:myhealth", "DocumentRequest",
      ts("Demande de documents", "Vraag om documenten", "Anforderung von Unterlagen"),
      ts("Demande de pièces justificatives", "Vraag om bewijsstukken", "Anforderung von Belegen"),
      (1, "month"),
      ts("Merci de nous transmettre les documents demandés avant la date d'expiration de ce message.",
         "Gelieve ons de gevraagde documenten te bezorgen vóór de vervaldatum van dit bericht.",
         "Bitte senden Sie uns die angeforderten Unterlagen vor dem Ablaufdatum dieser Nachricht."))
    t("sfpd-fpd:mypension", "PensionEstimate",
      ts("Estimation de pension", "Pensioenraming", "Pensionsschätzung", "Pension estimate"),
      ts("Estimation de votre future pension", "Raming van uw toekomstig pensioen",
         "Schätzung Ihrer künftigen Pension"),
      (3, "year"),
      ts("Cette estimation est basée sur les données de carrière connues à ce jour.",
         "Deze raming is gebaseerd op de loopbaangegevens die vandaag gekend zijn.",
         "Diese Schätzung beruht auf den heute bekannten Laufbahndaten."))
    t("sfpd-fpd:mypension", "PensionInformation",
      ts("Information pension", "Pensioeninformatie", "Pensionsinformation"),
      ts("Information générale sur votre dossier de pension", "Algemene informatie over uw pensioendossier",
         "Allgemeine Information zu Ihrer Pensionsakte"),
      (1, "year"),
      ts("Votre dossier de pension a été mis à jour.", "Uw pensioendossier werd bijgewerkt.",
         "Ihre Pensionsakte wurde aktualisiert."))
    t("rva-onem:chomage", "ControlCardStatement",
      ts("Carte de contrôle eC3.2", "Controlekaart eC3.2", "Kontrollkarte eC3.2"),
      ts("Récapitulatif de la carte de contrôle électronique du chômage temporaire",
         "Overzicht van de elektronische controlekaart tijdelijke werkloosheid",
         "Übersicht der elektronischen Kontrollkarte der zeitweiligen Arbeitslosigkeit"),
      (1, "year"),
      ts("Voici le récapitulatif de votre carte de contrôle pour le mois écoulé.",
         "Hierbij het overzicht van uw controlekaart voor de afgelopen maand.",
         "Hier die Übersicht Ihrer Kontrollkarte für den vergangenen Monat."))
    t("rva-onem:chomage", "UnemploymentDecision",
      ts("Décision chômage", "Beslissing werkloosheid", "Entscheidung Arbeitslosigkeit"),
      ts("Décision relative au droit aux allocations", "Beslissing over het recht op uitkeringen",
         "Entscheidung über den Anspruch auf Leistungen"),
      (2, "year"),
      ts("Cette décision vous est notifiée par envoi recommandé électronique. Un recours est possible "
         "auprès du tribunal du travail dans les trois mois.",
         "Deze beslissing wordt u per elektronisch aangetekende zending betekend. Beroep is mogelijk "
         "bij de arbeidsrechtbank binnen drie maanden.",
         "Diese Entscheidung wird Ihnen per elektronischem Einschreiben zugestellt. Ein Einspruch beim "
         "Arbeitsgericht ist binnen drei Monaten möglich."))
    t("rva-onem:chomage", "FiscalCertificate28113",
      ts("Fiche fiscale 281.13", "Fiscale fiche 281.13", "Steuerbescheinigung 281.13"),
      ts("Fiche fiscale des allocations de chômage", "Fiscale fiche van de werkloosheidsuitkeringen",
         "Steuerbescheinigung der Arbeitslosenleistungen"),
      (2, "year"),
      ts("Cette fiche reprend les allocations payées au cours de l'année.",
         "Deze fiche vermeldt de uitkeringen die tijdens het jaar werden betaald.",
         "Diese Bescheinigung enthält die im Laufe des Jahres gezahlten Leistungen."))
    t("liege:guichet", "CityTaxNotice",
      ts("Taxe communale", "Gemeentebelasting", "Gemeindesteuer"),
      ts("Avertissement-extrait de rôle d'une taxe communale", "Aanslagbiljet van een gemeentebelasting",
         "Steuerbescheid einer Gemeindesteuer"),
      (2, "year"),
      ts("Le montant de la taxe est payable dans les deux mois de l'envoi du présent avertissement.",
         "Het bedrag van de belasting is betaalbaar binnen twee maanden na verzending van dit aanslagbiljet.",
         "Der Steuerbetrag ist binnen zwei Monaten nach Versand dieses Bescheids zahlbar."))
    t("liege:guichet", "CityServiceNotice",
      ts("Démarche administrative", "Administratieve aanvraag", "Verwaltungsvorgang"),
      ts("Suivi de vos démarches auprès de la Ville", "Opvolging van uw aanvragen bij de stad",
         "Verfolgung Ihrer Anträge bei der Stadt"),
      (1, "month"),
      ts("Votre demande a été enregistrée par nos services.", "Uw aanvraag werd door onze diensten geregistreerd.",
         "Ihr Antrag wurde von unseren Diensten registriert."))
    t("liege:guichet", "UrbanPlanning",
      ts("Urbanisme", "Stedenbouw", "Städtebau"),
      ts("Permis et déclarations d'urbanisme", "Stedenbouwkundige vergunningen en aangiften",
         "Städtebauliche Genehmigungen und Erklärungen"),
      (2, "year"),
      ts("Nous accusons réception de votre demande de permis d'urbanisme.",
         "Wij bevestigen de ontvangst van uw aanvraag tot stedenbouwkundige vergunning.",
         "Wir bestätigen den Eingang Ihres Antrags auf Städtebaugenehmigung."))
    t("vlabel:mijnburgerprofiel", "PropertyTaxAssessment",
      ts("Précompte immobilier", "Onroerende voorheffing", "Immobiliensteuervorabzug"),
      ts("Avertissement-extrait de rôle du précompte immobilier", "Aanslagbiljet onroerende voorheffing",
         "Steuerbescheid Immobiliensteuervorabzug"),
      (2, "year"),
      ts("Le précompte immobilier est calculé sur le revenu cadastral de votre bien.",
         "De onroerende voorheffing wordt berekend op het kadastraal inkomen van uw eigendom.",
         "Der Immobiliensteuervorabzug wird auf das Katastereinkommen Ihrer Immobilie berechnet."))
    t("vlabel:mijnburgerprofiel", "RenovationPremium",
      ts("Prime à la rénovation", "Renovatiepremie", "Renovierungsprämie"),
      ts("Décision relative à Mijn VerbouwPremie", "Beslissing over Mijn VerbouwPremie",
         "Entscheidung über Mijn VerbouwPremie"),
      (2, "year"),
      ts("Votre demande de prime a été examinée.", "Uw premieaanvraag werd onderzocht.",
         "Ihr Prämienantrag wurde geprüft."))
    t("vlabel:mijnburgerprofiel", "CivilRegistryNotice",
      ts("Registre national", "Rijksregister", "Nationalregister"),
      ts("Confirmation d'une modification de vos données", "Bevestiging van een wijziging van uw gegevens",
         "Bestätigung einer Änderung Ihrer Daten"),
      (1, "year"),
      ts("Nous confirmons la modification de vos données.", "Wij bevestigen de wijziging van uw gegevens.",
         "Wir bestätigen die Änderung Ihrer Daten."))
    t("mobilit:div", "VehicleRegistration",
      ts("Immatriculation", "Inschrijving voertuig", "Zulassung"),
      ts("Certificat d'immatriculation d'un véhicule", "Inschrijvingsbewijs van een voertuig",
         "Zulassungsbescheinigung eines Fahrzeugs"),
      (3, "year"),
      ts("Le certificat d'immatriculation de votre véhicule est joint à ce message.",
         "Het inschrijvingsbewijs van uw voertuig is bij dit bericht gevoegd.",
         "Die Zulassungsbescheinigung Ihres Fahrzeugs ist dieser Nachricht beigefügt."))
    t("mobilit:div", "DrivingLicence",
      ts("Permis de conduire", "Rijbewijs", "Führerschein"),
      ts("Suivi de votre permis de conduire", "Opvolging van uw rijbewijs", "Verfolgung Ihres Führerscheins"),
      (1, "year"),
      ts("Votre demande relative au permis de conduire est en cours de traitement.",
         "Uw aanvraag in verband met het rijbewijs wordt behandeld.",
         "Ihr Antrag zum Führerschein wird bearbeitet."))
    t("justice:just-on-web", "CriminalRecordExtract",
      ts("Extrait de casier judiciaire", "Uittreksel uit het strafregister", "Auszug aus dem Strafregister"),
      ts("Extrait de casier judiciaire (modèle 595)", "Uittreksel uit het strafregister (model 595)",
         "Auszug aus dem Strafregister (Modell 595)"),
      (3, "month"),
      ts("L'extrait ci-joint est valable pour la finalité indiquée dans votre demande.",
         "Het bijgevoegde uittreksel is geldig voor het doel vermeld in uw aanvraag.",
         "Der beigefügte Auszug gilt für den in Ihrem Antrag angegebenen Zweck."))
    t("justice:just-on-web", "JusticeNotice",
      ts("Courrier judiciaire", "Gerechtelijke brief", "Gerichtliches Schreiben"),
      ts("Communication du SPF Justice", "Mededeling van de FOD Justitie", "Mitteilung des FÖD Justiz"),
      (1, "year"),
      ts("Veuillez prendre connaissance du document ci-joint.", "Gelieve kennis te nemen van het bijgevoegde document.",
         "Bitte nehmen Sie Kenntnis von dem beigefügten Dokument."))
    t("economie:kbo-bce", "KboDataChange",
      ts("Modification BCE", "Wijziging KBO", "Änderung ZDU"),
      ts("Modification des données de l'entreprise dans la BCE", "Wijziging van de ondernemingsgegevens in de KBO",
         "Änderung der Unternehmensdaten in der ZDU"),
      (1, "year"),
      ts("Les données de votre entreprise ont été modifiées dans la Banque-Carrefour des Entreprises.",
         "De gegevens van uw onderneming werden gewijzigd in de Kruispuntbank van Ondernemingen.",
         "Die Daten Ihres Unternehmens wurden in der Zentralen Datenbank der Unternehmen geändert."))
    t("spf-finances:myminfin", "VatAccountStatement",
      ts("Extrait de compte TVA", "Rekeninguittreksel btw", "MwSt-Kontoauszug"),
      ts("Extrait du compte courant TVA", "Uittreksel van de btw-rekening-courant", "Auszug des MwSt-Kontokorrents"),
      (2, "year"),
      ts("Voici l'extrait de votre compte courant TVA.", "Hierbij het uittreksel van uw btw-rekening-courant.",
         "Hier der Auszug Ihres MwSt-Kontokorrents."))


_build_organizations()
_build_applications()
_build_message_types()


# --- providers -----------------------------------------------------------------

def providers(now):
    """The Document Providers known to the federation registry."""
    soon = to_brussels(now + timedelta(days=9)).replace(hour=20, minute=0, second=0)
    org = ORG_BY_KEY
    return [
        DocumentProvider(
            "ebox-nsso", "/nsso/REST/ebox/messageRegistry/v2/",
            ts("e-Box ONSS", "e-Box RSZ", "e-Box LSS", "e-Box NSSO"),
            ts("Message Registry de l'ONSS (institutions de sécurité sociale)",
               "Message Registry van de RSZ (socialezekerheidsinstellingen)",
               "Message Registry des LSS (Einrichtungen der sozialen Sicherheit)",
               "NSSO Message Registry (social security institutions)"),
            "eboxintegration@smals.be", "2017-12-01",
            org_ids=tuple(org[k] for k in ("onss", "onva", "inami", "sfp", "onem", "eco")),
            empty_cross_refs=True),
        DocumentProvider(
            "ebox-bosa", "/bosa/REST/ebox/messageRegistry/v2/",
            ts("Digital Post BOSA", "Digitale Post BOSA", "Digitale Post BOSA", "Digital Post BOSA"),
            ts("Document Provider du SPF BOSA pour les administrations fédérales, régionales et locales",
               "Document Provider van de FOD BOSA voor federale, regionale en lokale besturen",
               "Document Provider des FÖD BOSA für föderale, regionale und lokale Behörden",
               "FPS BOSA Document Provider for federal, regional and local administrations"),
            "digitalpost@bosa.fgov.be", "2020-03-01",
            maintenance=[{"startDate": iso(soon), "endDate": iso(soon + timedelta(hours=10))}],
            org_ids=tuple(org[k] for k in ("fin", "liege", "vlabel", "mobilit", "justice"))),
        DocumentProvider(
            "ebox-legacy", "/legacy/REST/ebox/messageRegistry/v1/",
            ts("Ancien fournisseur (désactivé)", "Oude provider (gedeactiveerd)",
               "Alter Anbieter (deaktiviert)", "Legacy provider (deactivated)"),
            ts("Fournisseur retiré du service", "Provider buiten dienst gesteld",
               "Außer Betrieb genommener Anbieter", "Provider taken out of service"),
            "eboxintegration@smals.be", "2018-01-01", deactivation="2023-06-30"),
    ]


# --- documents -------------------------------------------------------------

GREETING = {"fr": "Madame, Monsieur,", "nl": "Geachte mevrouw, geachte heer,",
            "de": "Sehr geehrte Damen und Herren,"}
CLOSING = {"fr": "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
           "nl": "Met vriendelijke groeten.", "de": "Mit freundlichen Grüßen."}
LABELS = {
    "fr": {"date": "Date", "ref": "Référence", "to": "Destinataire", "amount": "Montant à payer",
           "iban": "Compte", "comm": "Communication structurée", "due": "Échéance", "page": "Document"},
    "nl": {"date": "Datum", "ref": "Referentie", "to": "Bestemmeling", "amount": "Te betalen bedrag",
           "iban": "Rekening", "comm": "Gestructureerde mededeling", "due": "Vervaldag", "page": "Document"},
    "de": {"date": "Datum", "ref": "Referenz", "to": "Empfänger", "amount": "Zu zahlender Betrag",
           "iban": "Konto", "comm": "Strukturierte Mitteilung", "due": "Fälligkeit", "page": "Dokument"},
}


def _printable(text):
    """PDF text must not carry controls: hostile strings are neutralised."""
    return "".join(c if c.isprintable() else "?" for c in text).replace("\ue0ff", "?") \
        .replace("\ue0fe", "?").replace("\ue0c0", "?")


def letter_pdf(box, message, extra=()):
    """The main document of a message: a one-page letter in its language."""
    lang = message.lang
    label = LABELS[lang]
    org = ORGS[message.org_id]
    mtype = TYPES[message.type_id]
    paragraphs = [
        ("title", _printable(org["organizationLongName"][lang])),
        ("small", org["contactBusiness"]),
        ("text", ""),
        ("text", "%s : %s (%s)" % (label["to"], box.holder, box.ident)),
        ("text", "%s : %s" % (label["date"], to_brussels(message.receipt).strftime("%d/%m/%Y"))),
        ("text", "%s : %s" % (label["ref"], message.message_id[:8].upper())),
        ("text", ""),
        ("heading", _printable(message.subject[lang])),
        ("text", ""),
        ("text", GREETING[lang]),
        ("text", mtype["_letter"][lang]),
    ]
    if message.payment:
        pay = message.payment
        total = pay["amount"] + pay["vatAmount"]
        paragraphs += [
            ("text", ""),
            ("text", "%s : %.2f EUR" % (label["amount"], total)),
            ("text", "%s : %s (BIC %s)" % (label["iban"], pay["iban"], pay["bic"])),
            ("text", "%s : %s" % (label["comm"], pay["reference"])),
            ("text", "%s : %s" % (label["due"], pay["dueDate"][:10])),
        ]
    paragraphs += [("text", _printable(line)) for line in extra]
    paragraphs += [("text", ""), ("text", CLOSING[lang]), ("text", ""),
                   ("small", _printable("%s – %s" % (org["organizationShortName"][lang],
                                                     APPS[message.app_id]["applicationName"][lang])))]
    return pdf.make_pdf(paragraphs, title=_printable(message.subject[lang]),
                        author=org["organizationShortName"][lang])


# --- message construction --------------------------------------------------------

def message_order(message):
    """Sort key of every list: receiptDate, ties broken by messageId (both
    descending once reversed), so that pages are stable."""
    return (message.receipt, message.message_id)


class Builder:
    """Creates the messages of one box from short descriptions."""

    def __init__(self, box, now):
        self.box = box
        self.now = now

    def message(self, key, dp, type_id, subject, age=None, expires_in=None, read=True,
                lang="fr", annexes=(), main=True, main_name=None, extra=(), receipt=None,
                message_id=None, size_key=None, **fields):
        """Add a message.

        age: days since receipt (float).  expires_in: days until expiry; the
        receipt date is then derived from the type's validity period so that
        expirationDate = receipt + validity holds for every message.
        receipt: an exact instant instead (messages added while running).
        message_id: instead of the uuid5 of the key (ids that tests name)."""
        mtype = TYPES[type_id]
        validity = mtype["_validity"]
        if receipt is not None:
            pass
        elif expires_in is not None:
            target = self.now + timedelta(days=expires_in)
            receipt = self._office_hours(key, add_validity(target, (-validity[0], validity[1])))
        else:
            receipt = self._office_hours(key, self.now - timedelta(days=age))
        expiration = add_validity(receipt, validity)
        message = Message(
            message_id=message_id or stable_uuid(self.box.account, dp, key), dp=dp, subject=subject,
            receipt=receipt, expiration=expiration, type_id=type_id, org_id=mtype["_org"],
            app_id=mtype["_app"], read=read, lang=lang, **fields)
        attachments = []
        if main:
            if main_name is None:
                local = to_brussels(receipt)          # not strftime: 3x slower at scale
                main_name = "%s_%04d%02d%02d.pdf" % (type_id, local.year, local.month, local.day)
            name = main_name
            attachments.append(self._attachment(
                message, "1", ts(subject["fr"], subject["nl"], subject["de"]), name,
                "application/pdf", True, lambda m=message, x=extra: letter_pdf(self.box, m, x)))
            attachments[0].size_key = size_key
        for index, (name, media_type, title, build) in enumerate(annexes, start=len(attachments) + 1):
            attachments.append(self._attachment(message, str(index), title, name, media_type,
                                                False, build))
        message.attachments = attachments
        self.box.messages.setdefault(dp, []).append(message)
        return message

    def synthetic(self, key, dp, mtype, subject, age, read, size_key):
        """What message() makes of a plain one-PDF message, without its
        generality: --messages 120000 calls this 120000 times at start."""
        receipt = self._office_hours(key, self.now - timedelta(days=age))
        type_id = mtype["messageTypeId"]
        message = Message(stable_uuid(self.box.account, dp, key), dp, subject, receipt,
                          add_validity(receipt, mtype["_validity"]), type_id, mtype["_org"], mtype["_app"],
                          read=read)
        local = to_brussels(receipt)
        message.attachments = [Attachment(
            stable_uuid(message.message_id, "attachment", "1"), subject,
            "%s_%04d%02d%02d.pdf" % (type_id, local.year, local.month, local.day), "application/pdf", True,
            lambda m=message: letter_pdf(self.box, m, ()), size_key=size_key)]
        return message

    def _office_hours(self, key, instant):
        """Move a receipt time to 07:00-18:59 Brussels the same day, as batch
        publications do, unless that would put it in the last hour."""
        digest = hashlib.sha256(("%s/%s" % (self.box.account, key)).encode()).digest()
        local = to_brussels(instant)
        moved = local.replace(hour=7 + digest[0] % 12, minute=digest[1] % 60, second=0, microsecond=0)
        if moved > self.now - timedelta(hours=1):
            return instant.replace(second=0, microsecond=0)
        return moved.astimezone(timezone.utc)

    @staticmethod
    def _attachment(message, local_id, title, name, media_type, main, build):
        return Attachment(stable_uuid(message.message_id, "attachment", local_id), title, name,
                          media_type, main, build, signed=main and message.registered)


def bd(key, name, *values):
    """BusinessData with a TS name and TS values."""
    return {"key": key, "name": name,
            "values": [v if isinstance(v, dict) else ts(v) for v in values]}


def payment(message_key, amount, vat, due, iban, bic, reference):
    due = brussels_midnight(to_brussels(due).date())
    return {"paymentDataId": stable_uuid("payment", message_key), "amount": amount,
            "vatAmount": vat, "currency": "EUR", "dueDate": iso(due), "iban": iban,
            "bic": bic, "reference": reference}


def month_label(instant, lang):
    local = to_brussels(instant)
    return "%s %d" % (MONTHS[lang][local.month - 1], local.year)


def csv_annex(name, title, rows):
    return (name, "text/csv", title, lambda: office.make_csv(rows))


def xlsx_annex(name, title, rows, sheet="Sheet1"):
    return (name, office.XLSX_TYPE, title, lambda: office.make_xlsx(rows, sheet))


def ods_annex(name, title, rows, sheet="Sheet1"):
    return (name, office.ODS_TYPE, title, lambda: office.make_ods(rows, sheet))


def zip_annex(name, title, members):
    return (name, "application/zip", title, lambda: office.make_zip(members()))


def text_annex(name, title, text, media_type="text/plain"):
    return (name, media_type, title, lambda: text.encode("utf-8"))


def pdf_annex(name, title, lines):
    return (name, "application/pdf", title,
            lambda: pdf.make_pdf([("title", lines[0])] + list(lines[1:]), title=lines[0]))


# --- the demo (citizen) box ------------------------------------------------------

def _demo_nsso(b, now):
    dp = "ebox-nsso"
    year = to_brussels(now).year
    m = b.message
    m("onva-extract-cur", dp, "YearlyVacationAccountExtract",
      ts("Votre extrait de compte vacances annuelles %d" % year,
         "Uw rekeninguittreksel jaarlijkse vakantie %d" % year,
         "Ihr Kontoauszug Jahresurlaub %d" % year), age=45,
      business=[bd("vacationYear", ts("Exercice de vacances", "Vakantiedienstjaar", "Urlaubsjahr"), str(year))])
    m("onva-extract-prev", dp, "YearlyVacationAccountExtract",
      ts("Votre extrait de compte vacances annuelles %d" % (year - 1),
         "Uw rekeninguittreksel jaarlijkse vakantie %d" % (year - 1),
         "Ihr Kontoauszug Jahresurlaub %d" % (year - 1)), age=300)
    m("onva-fiscal", dp, "YearlyVacationFiscalCertificate",
      ts("Fiche fiscale 281.10 – pécule de vacances %d" % (year - 1),
         "Fiscale fiche 281.10 – vakantiegeld %d" % (year - 1),
         "Steuerbescheinigung 281.10 – Urlaubsgeld %d" % (year - 1)), age=250,
      business=[bd("incomeYear", ts("Revenus", "Inkomsten", "Einkünfte"), str(year - 1)),
                bd("ficheNumber", ts("Numéro de fiche", "Fichenummer", "Bescheinigungsnummer"), "281.10-448917")])
    m("onva-paid", dp, "HolidayPayNotice",
      ts("Votre pécule de vacances a été payé", "Uw vakantiegeld werd betaald", "Ihr Urlaubsgeld wurde gezahlt"),
      age=200)
    m("onss-career", dp, "CareerOverview",
      ts("Aperçu de votre carrière – mise à jour", "Overzicht van uw loopbaan – bijwerking",
         "Übersicht Ihrer Laufbahn – Aktualisierung"), age=120)
    m("onss-registered", dp, "FormalNotice",
      ts("Envoi recommandé : mise en demeure – cotisations de personnel domestique",
         "Aangetekende zending: ingebrekestelling – bijdragen huispersoneel",
         "Einschreiben: Inverzugsetzung – Beiträge für Hauspersonal"),
      age=2.1, read=False, registered=True,
      business=[bd("dossier", ts("Numéro de dossier", "Dossiernummer", "Aktenzeichen"), "RSZ-2025-0042817")])
    m("onss-test", dp, "ServiceNotice",
      ts("Message de test – vérification de votre eBox", "Testbericht – controle van uw eBox",
         "Testnachricht – Überprüfung Ihrer eBox", "Test message – checking your eBox"), age=290)
    m("onss-dimona", dp, "CareerOverview",
      ts("Attestation d'occupation (Dimona) – employeur Brasserie du Marché",
         "Tewerkstellingsattest (Dimona) – werkgever Brasserie du Marché",
         "Beschäftigungsbescheinigung (Dimona) – Arbeitgeber Brasserie du Marché"), age=200)
    m("onss-domestic", dp, "ServiceNotice",
      ts("Déclaration trimestrielle : accusé de réception", "Kwartaalaangifte: ontvangstbewijs",
         "Vierteljahreserklärung: Empfangsbestätigung"), age=100)
    m("onss-attest", dp, "CareerOverview",
      ts("Attestation de sécurité sociale pour votre employeur à l'étranger (A1)",
         "Attest sociale zekerheid voor uw werkgever in het buitenland (A1)",
         "Bescheinigung der sozialen Sicherheit für Ihren Arbeitgeber im Ausland (A1)"), age=65)
    m("inami-transport", dp, "HealthStatement",
      ts("Remboursement des frais de transport – séances de revalidation",
         "Terugbetaling van de vervoerskosten – revalidatiesessies",
         "Erstattung der Fahrtkosten – Rehabilitationssitzungen"), age=52, read=False)
    m("inami-incapacity", dp, "IncapacityDecision",
      ts("Décision : reconnaissance de votre incapacité de travail",
         "Beslissing: erkenning van uw arbeidsongeschiktheid",
         "Entscheidung: Anerkennung Ihrer Arbeitsunfähigkeit"), age=150, reply=True)
    m("inami-ehic", dp, "DocumentRequest",
      ts("Carte européenne d'assurance maladie – documents à compléter",
         "Europese ziekteverzekeringskaart – aan te vullen documenten",
         "Europäische Krankenversicherungskarte – zu ergänzende Unterlagen"),
      expires_in=10, read=False, reply=True)
    m("inami-chronic", dp, "HealthStatement",
      ts("Statut affection chronique : attestation %d" % year,
         "Statuut chronische aandoening: attest %d" % year,
         "Status chronische Erkrankung: Bescheinigung %d" % year), age=90,
      fta={"id": "03061200758", "type": "person", "name": "Emma Lemaire"})
    m("inami-hidden", dp, "HealthStatement",
      ts("Ancien relevé des prestations (archivé)", "Oud overzicht van de prestaties (gearchiveerd)",
         "Alte Leistungsübersicht (archiviert)"), age=280, visible=False)
    m("inami-zip", dp, "HealthStatement",
      ts("Dossier médical – pièces justificatives reçues", "Medisch dossier – ontvangen bewijsstukken",
         "Medizinische Akte – erhaltene Belege"), age=24, read=True,
      annexes=[zip_annex("pieces_justificatives.zip", ts("Pièces justificatives", "Bewijsstukken", "Belege"),
                         lambda: [("attestation_medecin.txt",
                                   "Attestation du Dr Van den Bossche – incapacité du 3 au 14.\n".encode("utf-8")),
                                  ("facture_kiné.csv", office.make_csv([["Date", "Séance", "Montant"],
                                                                        ["03/02", "Kinésithérapie", "27,50"],
                                                                        ["10/02", "Kinésithérapie", "27,50"]]))])])
    for k in range(8):
        when = now - timedelta(days=15 + 30 * k)
        m("inami-monthly-%d" % k, dp, "HealthStatement",
          ts("Relevé de vos prestations de santé – %s" % month_label(when, "fr"),
             "Overzicht van uw gezondheidsprestaties – %s" % month_label(when, "nl"),
             "Übersicht Ihrer Gesundheitsleistungen – %s" % month_label(when, "de")),
          age=15 + 30 * k, read=k > 0)
    for k in range(8):
        when = now - timedelta(days=5 + 30 * k)
        m("onem-ec32-%d" % k, dp, "ControlCardStatement",
          ts("Carte de contrôle chômage temporaire eC3.2 – %s" % month_label(when, "fr"),
             "Controlekaart tijdelijke werkloosheid eC3.2 – %s" % month_label(when, "nl"),
             "Kontrollkarte zeitweilige Arbeitslosigkeit eC3.2 – %s" % month_label(when, "de")),
          age=5 + 30 * k + 0.3, read=k > 1,
          annexes=[csv_annex("eC32_%02d.csv" % (k + 1), ts("Détail des jours", "Detail van de dagen", "Tagesdetails"),
                             [["Jour", "Code", "Heures"]] + [["%02d" % d, "T" if d % 7 else "R", 0 if d % 7 else 8]
                                                              for d in range(1, 11)])])
    m("onem-registered", dp, "UnemploymentDecision",
      ts("Envoi recommandé : décision relative à vos allocations de chômage temporaire",
         "Aangetekende zending: beslissing over uw uitkeringen tijdelijke werkloosheid",
         "Einschreiben: Entscheidung über Ihre Leistungen bei zeitweiliger Arbeitslosigkeit"),
      age=1.1, read=False, registered=True, reply=True)
    m("onem-281-13", dp, "FiscalCertificate28113",
      ts("Fiche fiscale 281.13 – allocations %d" % (year - 1),
         "Fiscale fiche 281.13 – uitkeringen %d" % (year - 1),
         "Steuerbescheinigung 281.13 – Leistungen %d" % (year - 1)), age=260)
    m("onem-credit", dp, "UnemploymentDecision",
      ts("Crédit-temps : accord pour une interruption à mi-temps",
         "Tijdskrediet: akkoord voor een halftijdse onderbreking",
         "Zeitkredit: Zustimmung zu einer halbzeitigen Unterbrechung"), age=170)
    m("onem-training", dp, "ControlCardStatement",
      ts("Formation : confirmation de votre inscription", "Opleiding: bevestiging van uw inschrijving",
         "Ausbildung: Bestätigung Ihrer Anmeldung"), age=40, reply=True)
    m("sfp-estimate", dp, "PensionEstimate",
      ts("Estimation de votre pension – détail de carrière", "Raming van uw pensioen – loopbaandetail",
         "Schätzung Ihrer Pension – Laufbahndetail", "Your pension estimate – career details"),
      age=60, reply=True,
      annexes=[csv_annex("carriere.csv", ts("Détail de carrière", "Loopbaandetail", "Laufbahndetail"),
                         [["Année", "Régime", "Jours", "Rémunération (EUR)"]] +
                         [[str(y), "salarié", 312, 28000 + 850 * (y - 2008)] for y in range(2008, year)]),
               xlsx_annex("simulation_pension.xlsx", ts("Simulation", "Simulatie", "Simulation"),
                          [["Âge de départ", "Montant brut mensuel (EUR)", "Année"]] +
                          [[a, round(1480.5 + 61.25 * (a - 63), 2), 1985 + a] for a in range(63, 68)],
                          sheet="Simulation")])
    m("sfp-body", dp, "PensionInformation",
      ts("Votre pension en un coup d'œil : nouveautés sur mypension.be",
         "Uw pensioen in één oogopslag: nieuw op mypension.be",
         "Ihre Pension auf einen Blick: Neuigkeiten auf mypension.be",
         "Your pension at a glance: what's new on mypension.be"),
      age=10, read=False, reply=True, main=False, body_main=True,
      body=ts("Madame, Monsieur,\n\nDepuis ce mois-ci, mypension.be affiche votre date de pension la plus proche.\n"
              "Vous pouvez aussi y demander votre pension en ligne.\n\n"
              "Vous avez une question ? Répondez simplement à ce message.\n\n"
              "Service fédéral des Pensions",
              "Geachte mevrouw, geachte heer,\n\nSinds deze maand toont mypension.be uw vroegste pensioendatum.\n"
              "U kunt er ook uw pensioen online aanvragen.\n\n"
              "Hebt u een vraag? Antwoord gewoon op dit bericht.\n\nFederale Pensioendienst",
              "Sehr geehrte Damen und Herren,\n\nSeit diesem Monat zeigt mypension.be Ihr frühestes Pensionsdatum an.\n"
              "Sie können dort auch Ihre Pension online beantragen.\n\n"
              "Haben Sie eine Frage? Antworten Sie einfach auf diese Nachricht.\n\nFöderaler Pensionsdienst",
              "Dear Sir or Madam,\n\nSince this month, mypension.be shows your earliest pension date.\n"
              "You can also apply for your pension online.\n\nFederal Pension Service"))
    m("sfp-attest", dp, "PensionInformation",
      ts("Votre attestation de carrière – mypension.be", "Uw loopbaanattest – mypension.be",
         "Ihre Laufbahnbescheinigung – mypension.be"), age=210)
    m("sfp-public", dp, "PensionEstimate",
      ts("Calcul de votre pension du secteur public (enseignement)",
         "Berekening van uw pensioen in de openbare sector (onderwijs)",
         "Öffentlicher Dienst: Berechnung Ihrer Pension (Unterricht)"), age=180, lang="de")


def _demo_bosa(b, now):
    dp = "ebox-bosa"
    year = to_brussels(now).year
    m = b.message
    fin_iban, fin_bic = belgian_iban("679", "2003330"), "PCHQBEBB"
    a = m("fin-assessment", dp, "TaxAssessmentNotice",
          ts("Avertissement-extrait de rôle – exercice d'imposition %d (revenus %d)" % (year, year - 1),
             "Aanslagbiljet personenbelasting – aanslagjaar %d (inkomsten %d)" % (year, year - 1),
             "Steuerbescheid Einkommensteuer – Steuerjahr %d (Einkünfte %d)" % (year, year - 1),
             "Tax assessment notice – tax year %d (income %d)" % (year, year - 1)),
          age=30, read=False, reply=True,
          business=[bd("taxYear", ts("Exercice d'imposition", "Aanslagjaar", "Steuerjahr"), str(year)),
                    bd("articleNumber", ts("Article de rôle", "Artikelnummer", "Heberollenartikel"), "720.418.553")],
          body=ts("Votre avertissement-extrait de rôle est disponible. Le détail du calcul figure dans le document.",
                  "Uw aanslagbiljet is beschikbaar. De berekening staat in het document.",
                  "Ihr Steuerbescheid ist verfügbar. Die Berechnung steht im Dokument."),
          main_name="AER_IPP_%d.pdf" % year)
    a.payment = payment("fin-assessment", 1247.36, 0.0, now + timedelta(days=52), fin_iban, fin_bic,
                        structured_communication("0909337554"))
    r = m("fin-reminder", dp, "PaymentReminder",
          ts("Rappel de paiement – impôt des personnes physiques", "Betalingsherinnering – personenbelasting",
             "Zahlungserinnerung – Einkommensteuer"), expires_in=7, read=False,
          business=[bd("articleNumber", ts("Article de rôle", "Artikelnummer", "Heberollenartikel"), "719.002.118")])
    r.payment = payment("fin-reminder", 312.40, 0.0, now + timedelta(days=6), fin_iban, fin_bic,
                        structured_communication("7190021181"))
    m("fin-proposal", dp, "SimplifiedReturnProposal",
      ts("Votre proposition de déclaration simplifiée %d" % (year - 1),
         "Uw voorstel van vereenvoudigde aangifte %d" % (year - 1),
         "Ihr Vorschlag der vereinfachten Erklärung %d" % (year - 1)), age=150)
    m("fin-epargne", dp, "TaxDocument",
      ts("Épargne-pension et épargne à long terme : confirmation de vos attestations",
         "Pensioensparen en langetermijnsparen: bevestiging van uw attesten",
         "Pensionssparen und langfristiges Sparen: Bestätigung Ihrer Bescheinigungen"), age=130)
    m("fin-taxonweb", dp, "SimplifiedReturnProposal",
      ts("Tax-on-web : accusé de réception de votre déclaration",
         "Tax-on-web: ontvangstbevestiging van uw aangifte",
         "Tax-on-web: Empfangsbestätigung Ihrer Erklärung"), age=140)
    m("fin-old-assessment", dp, "TaxAssessmentNotice",
      ts("Avertissement-extrait de rôle – exercice d'imposition %d" % (year - 1),
         "Aanslagbiljet personenbelasting – aanslagjaar %d" % (year - 1),
         "Steuerbescheid Einkommensteuer – Steuerjahr %d" % (year - 1)), age=295)
    m("fin-relief", dp, "TaxDocument",
      ts("Décision de dégrèvement d'office – François Lemaire",
         "Beslissing tot ambtshalve ontheffing – François Lemaire",
         "Entscheidung über Steuererlass von Amts wegen – François Lemaire"), age=80)
    m("fin-refund", dp, "TaxDocument",
      ts("Remboursement d'impôt : confirmation du virement", "Belastingteruggave: bevestiging van de overschrijving",
         "Steuererstattung: Bestätigung der Überweisung"), age=25)
    c = m("liege-waste", dp, "CityTaxNotice",
          ts("Taxe communale sur l'enlèvement des déchets ménagers %d" % year,
             "Gemeentebelasting op de ophaling van huishoudelijk afval %d" % year,
             "Gemeindesteuer auf die Abholung von Haushaltsabfällen %d" % year),
          age=50, read=False,
          business=[bd("taxPayerId", ts("Numéro de redevable", "Nummer belastingplichtige",
                                        "Steuerpflichtigennummer"), "LG-88.214.09"),
                    bd("address", ts("Adresse taxée", "Belast adres", "Besteuerte Adresse"),
                       "Rue de l'Épargne 12, 4000 Liège")])
    c.payment = payment("liege-waste", 135.0, 0.0, now + timedelta(days=12), belgian_iban("091", "0004319"),
                        "GKCCBEBB", structured_communication("8821409125"))
    m("liege-parking", dp, "CityServiceNotice",
      ts("Carte de riverain : votre renouvellement arrive à échéance",
         "Bewonerskaart: uw vernieuwing vervalt binnenkort",
         "Anwohnerkarte: Ihre Erneuerung läuft bald ab"), expires_in=4, read=False)
    m("liege-appointment", dp, "CityServiceNotice",
      ts("Confirmation de votre rendez-vous – Population, îlot Saint-Georges",
         "Bevestiging van uw afspraak – Bevolking, Saint-Georges",
         "Bestätigung Ihres Termins – Bevölkerung, Saint-Georges"), age=0.15, read=False)
    m("liege-permit", dp, "UrbanPlanning",
      ts("Permis d'urbanisme : accusé de réception de votre demande",
         "Stedenbouwkundige vergunning: ontvangstbewijs van uw aanvraag",
         "Städtebaugenehmigung: Empfangsbestätigung Ihres Antrags"), age=180,
      annexes=[ods_annex("liste_documents.ods", ts("Liste des documents", "Lijst van documenten", "Dokumentenliste"),
                         [["Document", "Reçu", "Pages"], ["Plan d'implantation", "oui", 2],
                          ["Photos de la façade", "oui", 4], ["Formulaire annexe 4", "non", 0]],
                         sheet="Documents")])
    p = m("vlabel-property", dp, "PropertyTaxAssessment",
          ts("Avertissement-extrait de rôle précompte immobilier %d" % year,
             "Aanslagbiljet onroerende voorheffing %d" % year,
             "Steuerbescheid Immobiliensteuervorabzug %d" % year), age=100, lang="nl",
          business=[bd("cadastralIncome", ts("Revenu cadastral", "Kadastraal inkomen", "Katastereinkommen"), "1 284 EUR"),
                    bd("parcel", ts("Parcelle", "Perceel", "Parzelle"), "Gent 5e afd., sectie C, nr 412F")])
    p.payment = payment("vlabel-property", 1198.72, 0.0, now - timedelta(days=40), belgian_iban("734", "0123456"),
                        "KREDBEBB", structured_communication("4120550318"))
    m("vlabel-premium", dp, "RenovationPremium",
      ts("Mijn VerbouwPremie : décision relative à votre demande", "Mijn VerbouwPremie: beslissing over uw aanvraag",
         "Mijn VerbouwPremie: Entscheidung über Ihren Antrag"), age=70, lang="nl", reply=True)
    m("vlabel-traffic", dp, "PropertyTaxAssessment",
      ts("Taxe de circulation %d : avertissement-extrait de rôle" % year,
         "Verkeersbelasting %d: aanslagbiljet" % year, "Verkehrssteuer %d: Steuerbescheid" % year),
      age=35, lang="nl")
    m("vlabel-address", dp, "CivilRegistryNotice",
      ts("Confirmation de votre changement d'adresse", "Bevestiging van uw adreswijziging",
         "Bestätigung Ihrer Adressänderung"), age=8, read=False, lang="nl")
    m("mobilit-registration", dp, "VehicleRegistration",
      ts("Certificat d'immatriculation – 1-ABC-234", "Inschrijvingsbewijs – 1-ABC-234",
         "Zulassungsbescheinigung – 1-ABC-234"), age=220,
      business=[bd("plate", ts("Plaque", "Nummerplaat", "Kennzeichen"), "1-ABC-234"),
                bd("vin", ts("Numéro de châssis", "Chassisnummer", "Fahrgestellnummer"), "WVWZZZ1KZAW123456")])
    m("mobilit-inspection", dp, "VehicleRegistration",
      ts("Rappel : contrôle technique de votre véhicule", "Herinnering: technische keuring van uw voertuig",
         "Erinnerung: technische Kontrolle Ihres Fahrzeugs"), age=45)
    m("mobilit-licence", dp, "DrivingLicence",
      ts("Permis de conduire : votre demande de duplicata", "Rijbewijs: uw aanvraag voor een duplicaat",
         "Führerschein: Ihr Antrag auf ein Duplikat"), age=15, read=False)
    m("justice-extract", dp, "CriminalRecordExtract",
      ts("Extrait de casier judiciaire (modèle 595)", "Uittreksel uit het strafregister (model 595)",
         "Auszug aus dem Strafregister (Modell 595)"), expires_in=6, read=False)
    m("justice-deposit", dp, "JusticeNotice",
      ts("Just-on-web : dépôt de votre document enregistré", "Just-on-web: neerlegging van uw document geregistreerd",
         "Just-on-web: Hinterlegung Ihres Dokuments registriert"), age=60)
    m("justice-jury", dp, "JusticeNotice",
      ts("Liste préparatoire des jurés – information", "Voorbereidende lijst van gezworenen – informatie",
         "Vorbereitende Geschworenenliste – Information"), age=110)
    # Already expired: a DP deletes it, so it must never be listed.
    m("justice-expired", dp, "CriminalRecordExtract",
      ts("Extrait de casier judiciaire (modèle 596-1) – expiré",
         "Uittreksel uit het strafregister (model 596-1) – vervallen",
         "Auszug aus dem Strafregister (Modell 596-1) – abgelaufen"), expires_in=-3)


HOSTILE_NAMES = ["../../x", "/etc/passwd", "a/b.pdf", "bad\u001b[31mname\u0007.pdf", "%2E%2E%2Fpercent.pdf"]


def _hostile(b):
    """Messages that attack a terminal or a file system (--hostile)."""
    dp = "ebox-nsso"
    m = b.message

    def hostile_pdf(name):
        return (name, "application/pdf", ts(name),
                lambda: pdf.make_pdf([("title", "Hostile attachment"), _printable(name)], title="hostile"))

    # All path-like names sit on one message, so that saving "all documents"
    # of that one message exercises every file-name attack at once.
    m("hostile-esc", dp, "ServiceNotice",
      ts("Avis important \u001b[2J\u001b]0;pwned\u0007 lisez-moi"), age=0.2, read=False,
      main_name="bad\u001b[31mname\u0007.pdf",
      fta={"id": "85031512369", "type": "person", "name": "\u001b[5mBLINK\u001b[0m \u202eevil"},
      business=[bd("esc", ts("Clé \u001b[1mgras"), "\u001b[41mrouge\u001b[0m")],
      annexes=[text_annex("../../x", ts("../../x"), "path traversal\n"),
               text_annex("/etc/passwd", ts("/etc/passwd"), "root:x:0:0:not really:/root:/bin/sh\n"),
               hostile_pdf("a/b.pdf"), hostile_pdf("%2E%2E%2Fpercent.pdf")])
    m("hostile-c1", dp, "ServiceNotice",
      ts("Paiement \u009b31m urgent \u202egnp.exe \u200f\u061c"), age=0.25, read=False,
      annexes=[hostile_pdf("facture\u202efdp.exe.pdf")])
    m("hostile-utf8", dp, "ServiceNotice",
      ts("Facture \ue0ff\ue0fe invalide \ue0c0 UTF-8"), age=0.3, read=False, raw_subject=True)
    m("hostile-long", dp, "ServiceNotice",
      ts(("Sujet très long " * 25)[:400]), age=0.35,
      main_name=("n" * 251) + ".pdf")


def _demo_box(now, hostile, malformed=False):
    box = Box("demo", "demo:ebox:citizen:client", "citizen", "85031512369", "François Lemaire",
              (MESSAGE_SCOPE, REGISTRY_SCOPE) + LEGACY_SCOPES)
    b = Builder(box, now)
    _demo_nsso(b, now)
    _demo_bosa(b, now)
    if hostile:
        _hostile(b)
    if hostile or malformed:
        import attacks                 # imports this module, so not at the top
        if hostile:
            attacks.add_messages(b, now)
        # --hostile is every attack: the malformed messages too (a
        # client must keep the good messages of their pages).
        if malformed or hostile:
            attacks.add_malformed(b, now)
    return box


# --- the enterprise box ------------------------------------------------------------

def _enterprise_box(now):
    box = Box("enterprise", "0812000163:ebox:enterprise:client", "enterprise", "0812000163",
              "Atelier Lumière SRL", (MESSAGE_SCOPE, REGISTRY_SCOPE) + LEGACY_SCOPES,
              partitions=("GENERAL", "HR", "ACCOUNTING"))
    b = Builder(box, now)
    nsso, bosa = "ebox-nsso", "ebox-bosa"
    hr = {"id": "79072300048", "type": "person", "name": "Sophie Janssens"}
    becbe = bd("BECBE", ts("Numéro d'entreprise", "Ondernemingsnummer", "Unternehmensnummer"), "0812000163")
    for k in range(4):
        when = now - timedelta(days=20 + 91 * k)
        quarter = (to_brussels(when).month - 1) // 3 + 1
        b.message("dmfa-%d" % k, nsso, "DmfaNotification",
                  ts("DmfA %dT%d : accusé de réception et avis de débit" % (to_brussels(when).year, quarter),
                     "DmfA %dK%d: ontvangstbewijs en debetbericht" % (to_brussels(when).year, quarter),
                     "DmfA %dQ%d: Empfangsbestätigung und Lastschriftanzeige" % (to_brussels(when).year, quarter)),
                  age=20 + 91 * k, read=k > 0, lang="nl", partition="HR" if k < 2 else "GENERAL",
                  fta=hr if k == 0 else None, business=[becbe],
                  annexes=[xlsx_annex("DmfA_decompte_%d.xlsx" % k, ts("Décompte", "Afrekening", "Abrechnung"),
                                      [["Travailleur", "Catégorie", "Cotisation (EUR)"],
                                       ["Janssens S.", "010", 2210.44], ["Peeters J.", "015", 1870.12],
                                       ["Dubois É.", "010", 1994.08]], sheet="DmfA")] if k == 0 else ())
    b.message("registered", nsso, "FormalNotice",
              ts("Envoi recommandé : mise en demeure – cotisations du 2e trimestre",
                 "Aangetekende zending: ingebrekestelling – bijdragen 2e kwartaal",
                 "Einschreiben: Inverzugsetzung – Beiträge des 2. Quartals"),
              age=3, read=False, registered=True, lang="nl", partition="ACCOUNTING", business=[becbe])
    b.message("elections", nsso, "SpfFodSocialElections",
              ts("Élections sociales : calendrier de la procédure", "Sociale verkiezingen: kalender van de procedure",
                 "Sozialwahlen: Zeitplan des Verfahrens"), age=140, lang="nl", partition="HR", fta=hr)
    b.message("kbo-change", nsso, "KboDataChange",
              ts("Modification de votre adresse de siège dans la BCE",
                 "Wijziging van uw zetel-adres in de KBO",
                 "Änderung Ihrer Sitzadresse in der ZDU"), age=60, lang="nl", partition="GENERAL", reply=True)
    b.message("kbo-body", nsso, "KboDataChange",
              ts("Rappel : confirmez vos données d'unité d'établissement",
                 "Herinnering: bevestig uw gegevens van vestigingseenheid",
                 "Erinnerung: Bestätigen Sie Ihre Niederlassungsdaten"),
              age=9, read=False, lang="nl", partition="GENERAL", main=False, body_main=True, reply=True,
              body=ts("Madame, Monsieur,\n\nVeuillez confirmer l'adresse de vos unités d'établissement\n"
                      "via My Enterprise avant la fin du mois.\n\nSPF Economie",
                      "Geachte mevrouw, geachte heer,\n\nGelieve het adres van uw vestigingseenheden\n"
                      "via My Enterprise te bevestigen vóór het einde van de maand.\n\nFOD Economie",
                      "Sehr geehrte Damen und Herren,\n\nBitte bestätigen Sie die Adresse Ihrer Niederlassungen\n"
                      "über My Enterprise vor Monatsende.\n\nFÖD Wirtschaft"))
    b.message("kbo-hidden", nsso, "KboDataChange",
              ts("Ancien avis BCE (masqué)", "Oud KBO-bericht (verborgen)", "Alte ZDU-Mitteilung (ausgeblendet)"),
              age=230, lang="nl", partition="GENERAL", visible=False)
    for k in range(3):
        b.message("onss-info-%d" % k, nsso, "ServiceNotice",
                  ts("Information employeurs n° %d : nouvelles instructions administratives" % (k + 1),
                     "Werkgeversinfo nr. %d: nieuwe administratieve instructies" % (k + 1),
                     "Arbeitgeberinfo Nr. %d: neue Verwaltungsanweisungen" % (k + 1)),
                  age=35 + 70 * k, lang="nl", partition="GENERAL")
    b.message("onss-test", nsso, "ServiceNotice",
              ts("Message de test – accès Document Consumer", "Testbericht – toegang Document Consumer",
                 "Testnachricht – Zugang Document Consumer"), age=250, lang="nl", partition="GENERAL")
    vat = b.message("vat", bosa, "VatAccountStatement",
                    ts("Extrait de compte courant TVA", "Uittreksel btw-rekening-courant", "MwSt-Kontokorrentauszug"),
                    age=12, read=False, lang="nl", partition="ACCOUNTING", business=[becbe])
    vat.payment = payment("enterprise-vat", 4120.0, 865.2, now + timedelta(days=20), belgian_iban("679", "2005502"),
                          "PCHQBEBB", structured_communication("0812000163"))
    b.message("isoc", bosa, "TaxAssessmentNotice",
              ts("Avertissement-extrait de rôle – impôt des sociétés", "Aanslagbiljet vennootschapsbelasting",
                 "Steuerbescheid Körperschaftsteuer"), age=110, lang="nl", partition="ACCOUNTING", reply=True)
    b.message("fin-281-50", bosa, "TaxDocument",
              ts("Demande de renseignements – fiches 281.50", "Vraag om inlichtingen – fiches 281.50",
                 "Auskunftsersuchen – Bescheinigungen 281.50"), age=5, read=False, lang="nl",
              partition="GENERAL", reply=True)
    return box


def _noscope_box(now):
    box = Box("noscope", "noscope:ebox:citizen:client", "citizen", "72010104586", "Jürgen Schröder",
              (SENDER_SCOPE,))
    b = Builder(box, now)
    for k in range(3):
        b.message("noscope-%d" % k, "ebox-nsso", "HealthStatement",
                  ts("Relevé des prestations n° %d" % (k + 1), "Overzicht prestaties nr. %d" % (k + 1),
                     "Leistungsübersicht Nr. %d" % (k + 1)), age=10 + 20 * k, lang="de")
    return box


# --- synthetic messages (--messages N) -------------------------------------------

# Message type of a message added at run time, per active DP.
NEW_MESSAGE_TYPES = {"ebox-nsso": "ServiceNotice", "ebox-bosa": "TaxDocument"}

# Types only an enterprise receives; synthetic citizen mail avoids them.
ENTERPRISE_TYPES = {"DmfaNotification", "SpfFodSocialElections", "KboDataChange", "VatAccountStatement"}


def _synthetic(box, now, count, seed, dp_orgs):
    """N extra messages, spread over the providers and senders.

    Metadata is built eagerly (cheap); file bytes are made only on request,
    from the message alone, so they are the same on every run.  Only types
    valid for more than 300 days are used, so that none has expired."""
    unit_days = {"day": 1, "month": 30, "year": 365}
    by_dp = {dp: [t for t in TYPES.values() if t["_org"] in orgs
                  and t["messageTypeId"] not in ENTERPRISE_TYPES
                  and not t.get("_hostile")
                  and t["_validity"][0] * unit_days[t["_validity"][1]] > 310]
             for dp, orgs in dp_orgs.items()}
    b = Builder(box, now)
    dps = sorted(by_dp)
    lists = {dp: box.messages.setdefault(dp, []) for dp in dps}
    for i in range(count):
        rng = random.Random("%d/%d" % (seed, i))
        dp = dps[i % len(dps)]
        mtype = by_dp[dp][rng.randrange(len(by_dp[dp]))]
        name = mtype["messageTypeName"]
        number = "%05d" % (i + 1)
        subject = {"nl": "Document %s – %s" % (number, name["nl"]),
                   "fr": "Document %s – %s" % (number, name["fr"]),
                   "de": "Dokument %s – %s" % (number, name["de"])}
        age = 0.5 + 300.0 * (i + rng.random()) / count
        lists[dp].append(b.synthetic("synthetic-%d" % i, dp, mtype, subject, age, rng.random() < 0.7,
                                     (mtype["messageTypeId"], len(number))))


# --- the whole data set ----------------------------------------------------------

@dataclass
class Listing:
    """The live (unexpired) messages of one box at one DP, most recent first,
    with the negated receipt timestamps in the same order for bisect.  Never
    modified: a change builds a new Listing, so readers need no lock."""
    messages: list
    keys: list
    size: int = None              # sum of attachment bytes, filled on first use


class DataSet:
    """Providers, reference data and boxes, with lookup tables.

    The data set may change while the server runs (/_test/ endpoints): every
    change swaps in new lists under self.lock, so a request that already
    holds a list keeps a consistent one."""

    def __init__(self, now, synthetic=0, hostile=False, seed=0, malformed=False):
        self.now = now
        self.lock = threading.Lock()
        self.providers = {p.dp_id: p for p in providers(now)}
        self.boxes = {}
        # The cyclic GC would rescan the growing data set again and again
        # (7 of 17 s with --messages 120000); nothing built here is garbage.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for box in (_demo_box(now, hostile, malformed), _enterprise_box(now), _noscope_box(now)):
                self.boxes[box.client_id] = box
            if synthetic:
                active = {p.dp_id: p.org_ids for p in self.providers.values() if not p.deactivation}
                _synthetic(self.boxes["demo:ebox:citizen:client"], now, synthetic, seed, active)
            if hostile:
                import attacks
                attacks.add_refdata(self.providers)
            self.by_id = {}
            for box in self.boxes.values():
                for dp, messages in box.messages.items():
                    messages.sort(key=message_order, reverse=True)
                    for message in messages:
                        self.by_id[message.message_id] = (box, message)
            self.listings = {}
            self.size_memo = {}           # Attachment.size_key -> bytes
        finally:
            if gc_was_enabled:
                gc.enable()

    def advance(self, delta):
        """The same messages, later: those that expired meanwhile leave
        the listings (--days-later)."""
        with self.lock:
            self.now = self.now + delta
            self.listings = {}

    def box_for_client(self, client_id):
        return self.boxes.get(client_id)

    def listing(self, box, dp_id):
        key = (box.client_id, dp_id)
        found = self.listings.get(key)
        if found is None:
            with self.lock:
                live = [m for m in box.messages.get(dp_id, ()) if m.expiration >= self.now]
                found = self.listings[key] = Listing(live, [-m.receipt.timestamp() for m in live])
        return found

    def messages(self, box, dp_id):
        """Live (unexpired) messages of a box at a DP, most recent first.
        A shared list: callers must not modify it."""
        return self.listing(box, dp_id).messages

    def window(self, box, dp_id, after=None, before=None):
        """(listing, lo, hi): messages[lo:hi] are those received at or after
        `after` and strictly before `before` (aware datetimes or None), by
        bisection on the sorted list instead of a scan."""
        listing = self.listing(box, dp_id)
        lo = bisect.bisect_right(listing.keys, -before.timestamp()) if before else 0
        hi = bisect.bisect_right(listing.keys, -after.timestamp()) if after else len(listing.keys)
        return listing, lo, max(lo, hi)

    def find(self, box, dp_id, message_id):
        found = self.by_id.get(message_id)
        if not found or found[0] is not box or found[1].dp != dp_id:
            return None
        message = found[1]
        return message if message.expiration >= self.now else None

    def new_message(self, box, dp_id, subject, receipt, message_id, registered=False):
        """A message that arrives while the server runs (POST /_test/messages):
        one PDF letter, unread; enterprise messages land in GENERAL."""
        scratch = dataclasses.replace(box, messages={})   # Builder appends there
        texts = [subject[lang] for lang in ("fr", "nl", "de", "en") if lang in subject]
        full = ts(subject.get("fr", texts[0]), subject.get("nl", texts[0]), subject.get("de", texts[0]),
                  subject.get("en"))
        message = Builder(scratch, self.now).message(
            message_id, dp_id, NEW_MESSAGE_TYPES[dp_id], full, receipt=receipt.replace(microsecond=0),
            message_id=message_id, read=False, registered=registered,
            partition="GENERAL" if box.kind == "enterprise" else None)
        self.add(box, message)
        return message

    def add(self, box, message):
        """Insert a message in its place in the order (copy on write)."""
        with self.lock:
            messages = [m for m in box.messages.get(message.dp, ()) if m.message_id != message.message_id]
            messages.append(message)
            messages.sort(key=message_order, reverse=True)
            box.messages[message.dp] = messages
            self.by_id[message.message_id] = (box, message)
            self.listings.pop((box.client_id, message.dp), None)

    def remove(self, message_id):
        """Forget a message (expired or deleted on the server); returns it."""
        with self.lock:
            found = self.by_id.pop(message_id, None)
            if found is None:
                return None
            box, message = found
            box.messages[message.dp] = [m for m in box.messages[message.dp] if m is not message]
            self.listings.pop((box.client_id, message.dp), None)
            return message

    def box_size(self, box, dp_id):
        """Bytes of every live attachment of a box at a DP (GET ebox).
        Synthetic letters of one shape have one size, so 120000 messages
        do not mean 120000 PDFs to build."""
        listing = self.listing(box, dp_id)
        if listing.size is None:
            total = 0
            for message in listing.messages:
                for attachment in message.attachments:
                    total += self._size(attachment)
            listing.size = total
        return listing.size

    def _size(self, attachment):
        if attachment._meta is None and attachment.size_key is not None:
            size = self.size_memo.get(attachment.size_key)
            if size is not None:
                return size
            size = self.size_memo[attachment.size_key] = attachment.meta()[0]
            return size
        return attachment.meta()[0]

    def refdata(self, dp_id, kind):
        """Reference data of one DP: kind is 'orgs', 'apps' or 'types'."""
        provider = self.providers[dp_id]
        orgs = set(provider.org_ids)
        if kind == "orgs":
            items = [o for o in ORGS.values() if o["organizationId"] in orgs]
        elif kind == "apps":
            items = [a for a in APPS.values() if a["senderOrganizationIds"][0] in orgs]
        else:
            items = [t for t in TYPES.values() if t["_org"] in orgs]
        public = [{k: v for k, v in item.items() if not k.startswith("_")} for item in items]
        if provider.empty_cross_refs:
            for item in public:
                for key in ("senderApplicationIds", "messageTypeIds", "senderOrganizationIds"):
                    if key in item:
                        item[key] = []
        return public
