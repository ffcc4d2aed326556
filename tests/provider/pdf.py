"""Minimal real PDF writer for the test provider's demo documents.

Writes PDF 1.4 with the standard Helvetica fonts in WinAnsiEncoding, so that
accented Latin letters (é è ë ü ö ß …) render and text extractors such as
pdftotext read them back.  Streams are left uncompressed: the documents stay
small and a test can grep them.  Output is deterministic (no dates, no ids)
so that digests are stable from one run to the next.
"""

PAGE_WIDTH = 595    # A4 in points
PAGE_HEIGHT = 842
MARGIN_LEFT = 56
MARGIN_TOP = 64
MARGIN_BOTTOM = 56
WRAP_COLUMNS = 88   # characters per line at 10 pt Helvetica, roughly

# Line styles: (font resource, size, leading).
STYLES = {
    "title": ("F2", 14, 22),
    "heading": ("F2", 11, 16),
    "text": ("F1", 10, 14),
    "small": ("F1", 8, 11),
}


def _encode_text(text):
    """Encode for a PDF literal string in WinAnsiEncoding (cp1252).

    Characters outside cp1252 become '?'; bytes >= 0x80 and the three
    delimiters are escaped so the file itself stays 7-bit clean."""
    raw = text.encode("cp1252", errors="replace")
    out = bytearray()
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 0x20 or byte >= 0x80:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out)


def _utf16_hex(text):
    """A text string for the Info dictionary (UTF-16BE with BOM, as hex)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _wrap(text, width=WRAP_COLUMNS):
    """Greedy word wrap; a word longer than the width gets its own line."""
    words = text.split(" ")
    lines, current = [], ""
    for word in words:
        candidate = word if not current else current + " " + word
        if len(candidate) > width and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def _layout(paragraphs):
    """Turn (style, text) paragraphs into pages of (style, line) entries."""
    pages, page, y = [], [], PAGE_HEIGHT - MARGIN_TOP
    for style, text in paragraphs:
        _font, _size, leading = STYLES[style]
        for line in _wrap(text) if text else [""]:
            if y - leading < MARGIN_BOTTOM and page:
                pages.append(page)
                page, y = [], PAGE_HEIGHT - MARGIN_TOP
            page.append((style, line, y))
            y -= leading
    pages.append(page)
    return pages


def _content_stream(page):
    ops = [b"BT"]
    for style, line, y in page:
        font, size, _leading = STYLES[style]
        ops.append(b"/%s %d Tf 1 0 0 1 %d %d Tm (%s) Tj"
                   % (font.encode(), size, MARGIN_LEFT, y, _encode_text(line)))
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


class _Writer:
    """Collects numbered objects and writes the file with a correct xref."""

    def __init__(self):
        self.objects = []

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def set(self, number, body):
        self.objects[number - 1] = body

    def add(self, body):
        number = self.reserve()
        self.set(number, body)
        return number

    def render(self, root, info):
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n" % (len(self.objects) + 1)
        out += b"0000000000 65535 f \n"
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n"
                % (len(self.objects) + 1, root, info))
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def make_pdf(paragraphs, title="", author=""):
    """Build a PDF from paragraphs.

    paragraphs: iterable of (style, text) with style in STYLES, or plain
    strings (style "text").  Long paragraphs are wrapped; pages are added as
    needed.  Returns the file as bytes."""
    paragraphs = [p if isinstance(p, tuple) else ("text", p) for p in paragraphs]
    writer = _Writer()
    catalog = writer.reserve()
    pages_obj = writer.reserve()
    regular = writer.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                         b" /Encoding /WinAnsiEncoding >>")
    bold = writer.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold"
                      b" /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in _layout(paragraphs):
        stream = _content_stream(page)
        contents = writer.add(b"<< /Length %d >>\nstream\n" % len(stream)
                              + stream + b"endstream")
        kids.append(writer.add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d]"
            b" /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >>"
            b" /Contents %d 0 R >>"
            % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, regular, bold, contents)))
    writer.set(pages_obj, b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    writer.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj)
    info = writer.add(b"<< /Title %s /Author %s /Producer (ebox-provider pdf.py) >>"
                      % (_utf16_hex(title), _utf16_hex(author)))
    return writer.render(catalog, info)
