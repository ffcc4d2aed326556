"""Minimal valid spreadsheet and archive annexes: XLSX, ODS, CSV and ZIP.

Each writer takes a table (a list of rows, each a list of str/int/float) and
returns the file as bytes.  Archive members carry a fixed timestamp so that
the bytes, and therefore the announced digests, are identical on every run.
"""

import io
import zipfile
from xml.sax.saxutils import escape

FIXED_TIME = (2024, 1, 1, 0, 0, 0)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


def make_zip(members, stored_first=None):
    """ZIP archive from an ordered list of (name, bytes) pairs.

    stored_first: name of a member to write uncompressed (the ODS mimetype
    member must be first and stored, per OpenDocument)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = (zipfile.ZIP_STORED if name == stored_first
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buf.getvalue()


def make_csv(rows):
    """CSV with ';' separators and CRLF, as Belgian spreadsheets export it."""
    def cell(value):
        text = str(value)
        if any(c in text for c in ';"\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        return text
    return "".join(";".join(cell(v) for v in row) + "\r\n"
                   for row in rows).encode("utf-8")


def _column_name(index):
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def _xlsx_cell(ref, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return '<c r="%s"><v>%s</v></c>' % (ref, value)
    return ('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>'
            % (ref, escape(str(value))))


def make_xlsx(rows, sheet_name="Sheet1"):
    """Office Open XML workbook with one sheet of inline strings and numbers."""
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_xlsx_cell("%s%d" % (_column_name(c), r), v)
                        for c, v in enumerate(row))
        sheet_rows.append('<row r="%d">%s</row>' % (r, cells))
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg_rel = "http://schemas.openxmlformats.org/package/2006/relationships"
    members = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>' % (pkg_rel, rel_ns)),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="%s" xmlns:r="%s"><sheets>'
         '<sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>'
         % (main_ns, rel_ns, escape(sheet_name, {'"': "&quot;"}))),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
         '</Relationships>' % (pkg_rel, rel_ns)),
        ("xl/worksheets/sheet1.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>'
         % (main_ns, "".join(sheet_rows))),
    ]
    return make_zip([(n, d.encode("utf-8")) for n, d in members])


def _ods_cell(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ('<table:table-cell office:value-type="float" office:value="%s">'
                '<text:p>%s</text:p></table:table-cell>' % (value, value))
    return ('<table:table-cell office:value-type="string"><text:p>%s</text:p>'
            '</table:table-cell>' % escape(str(value)))


def make_ods(rows, sheet_name="Sheet1"):
    """OpenDocument spreadsheet: mimetype (stored, first), manifest, content."""
    table_rows = "".join("<table:table-row>%s</table:table-row>"
                         % "".join(_ods_cell(v) for v in row) for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' office:version="1.2"><office:body><office:spreadsheet>'
        '<table:table table:name="%s">%s</table:table>'
        '</office:spreadsheet></office:body></office:document-content>'
        % (escape(sheet_name, {'"': "&quot;"}), table_rows))
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="%s"/>'
        '<manifest:file-entry manifest:full-path="content.xml"'
        ' manifest:media-type="text/xml"/>'
        '</manifest:manifest>' % ODS_TYPE)
    return make_zip([("mimetype", ODS_TYPE.encode("ascii")),
                     ("META-INF/manifest.xml", manifest.encode("utf-8")),
                     ("content.xml", content.encode("utf-8"))],
                    stored_first="mimetype")
