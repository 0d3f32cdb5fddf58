"""Official party documents as DOCX, in the layout of Hướng dẫn 36-HD/VPTW (3/4/2018).

HD 36-HD/VPTW ("thể thức và kỹ thuật trình bày văn bản của Đảng", Văn phòng Trung ương Đảng)
sets the layout every party committee uses; this module follows it for the parts the app fills:

- A4 (210 × 297 mm), portrait; text area 25 mm from the top and bottom edges, 35 mm from the
  left and 15 mm from the right (the party's office handbooks print these values; they sit
  inside the 20–25 / 20–25 / 30–35 / 15–20 mm ranges of the general guidance).
- Times New Roman (Unicode, TCVN 6909:2001), black.
- Header, two columns (ô 1–4 of the guidance):
  left — the direct superior (upper case, 14 pt, upright), the issuing body (upper case, 14 pt,
  bold), a star ``*``, the number "Số 12-QĐ/ĐU" (14 pt; party documents write "Số" without a
  colon); right — "ĐẢNG CỘNG SẢN VIỆT NAM" (upper case, 15 pt, bold, underlined), then the place
  and date in italics, 14 pt.
- Kind of document (``QUYẾT ĐỊNH`` …) centred, upper case, bold, 16 pt; the subject below it,
  centred, bold, 14 pt, then a short rule.
- Body: 14 pt, justified, first line indented 1 cm, 6 pt after each paragraph. Lines that begin
  with "Điều" are set in bold up to the first full stop (the article heading).
- Footer, two columns: left "Nơi nhận:" (14 pt, underlined) and the recipients (12 pt, each after
  a dash); right the signing authority "T/M BAN THƯỜNG VỤ" (upper case, bold, 14 pt), the
  signer's position (upper case, bold), room for the signature and seal, then the signer's name
  (bold, 14 pt).

Dates (``date_line``): "ngày 05 tháng 3 năm 2026". Day and month are Arabic numerals; a day below
10 and the months 1 and 2 take a leading zero ("ngày 01 tháng 02 năm 2026"), months 3 to 12 do
not. This is the rule of the state guidance (Nghị định 30/2020/NĐ-CP, Phụ lục I, and
Thông tư 01/2011/TT-BNV before it) and the practice of HD 36-HD/VPTW, whose own header reads
"Hà Nội, ngày 03 tháng 4 năm 2018". The zero prevents a later "1" or "2" from being written in
front of the number (01–09 → 11–29, 01–02 → 11–12).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

from dangvu.core.text import printable

FONT_NAME = "Times New Roman"
BODY_SIZE = Pt(14)
HEADING_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"

PAGE_WIDTH = Twips(11906)  # 210 mm, as Word stores A4
PAGE_HEIGHT = Twips(16838)  # 297 mm
MARGIN_TOP = Mm(25)
MARGIN_BOTTOM = Mm(25)
MARGIN_LEFT = Mm(35)
MARGIN_RIGHT = Mm(15)


@dataclasses.dataclass
class OfficialDocument:
    """What goes into one party document; ``render_docx`` lays it out."""

    issuer_superior: str  # e.g. "Đảng bộ tỉnh Thanh Hóa" or "Huyện ủy An Lạc"
    issuer: str  # e.g. "Đảng ủy xã An Lạc" (printed bold, upper case)
    number: str  # "12-QĐ/ĐU" (printed as "Số 12-QĐ/ĐU") or already "Số 12-QĐ/ĐU"
    place: str  # "An Lạc"
    date: dt.date
    kind_title: str  # "QUYẾT ĐỊNH", "DANH SÁCH", "TỜ TRÌNH" …
    subject: str  # "về việc tặng Huy hiệu Đảng"
    preamble: list[str]  # "Căn cứ …" lines
    body: list[str]  # articles / paragraphs
    recipients: list[str]  # "Như Điều 3", "Lưu VP" …
    signer_for: str  # "T/M BAN THƯỜNG VỤ" ("" when the head of a commission signs); see convention.py
    signer_title: str  # "BÍ THƯ"
    signer_name: str  # "Nguyễn Văn A"
    table: list[list[str]] | None = None  # first row = header


def date_line(date: dt.date) -> str:
    """``date`` → "ngày 05 tháng 3 năm 2026" (leading zero for days 1–9 and months 1–2)."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {day} tháng {month} năm {date.year}"


def place_date_line(place: str, date: dt.date) -> str:
    """"An Lạc, ngày 05 tháng 3 năm 2026"."""
    place = (place or "").strip()
    return f"{place}, {date_line(date)}" if place else date_line(date).capitalize()


def number_line(number: str) -> str:
    """"12-QĐ/ĐU" → "Số 12-QĐ/ĐU"; a number that already starts with "Số" is kept."""
    text = (number or "").rstrip()
    if text.strip().lower().startswith("số"):
        return text.strip()
    return f"Số {text}" if text.strip() else "Số"  # leading spaces kept: room for a serial given at signing


# --- low-level helpers ----------------------------------------------------------------------


def _add_run(para, text):
    """A run of `text`: control characters dropped (a value stored before the text policy of
    core.text would make the DOCX unwritable: XML cannot hold them)."""
    return para.add_run(printable(text))


def _set_run_font(run, size=BODY_SIZE, bold=False, italic=False, underline=False):
    run.font.name = FONT_NAME
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT_NAME)


def _paragraph(container, text="", *, align=None, size=BODY_SIZE, bold=False, italic=False,
               underline=False, space_after=Pt(0), space_before=Pt(0), first_line_indent=None):
    """A paragraph in ``container`` (document or table cell) with one formatted run."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.space_after = space_after
    fmt.space_before = space_before
    fmt.line_spacing = 1.0
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if align is not None:
        para.alignment = align
    if text:
        _set_run_font(_add_run(para, text), size, bold, italic, underline)
    return para


def _first_paragraph(cell, text="", **kwargs):
    """Fill the paragraph a new cell already has instead of leaving an empty line above."""
    para = cell.paragraphs[0]
    fmt = para.paragraph_format
    fmt.space_after = kwargs.pop("space_after", Pt(0))
    fmt.space_before = kwargs.pop("space_before", Pt(0))
    fmt.line_spacing = 1.0
    align = kwargs.pop("align", None)
    if align is not None:
        para.alignment = align
    if text:
        _set_run_font(_add_run(para, text), **kwargs)
    return para


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _set_widths(table, widths):
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _two_columns(document, left_width, right_width):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _set_widths(table, (left_width, right_width))
    return table.rows[0].cells


def _body_paragraph(document, text):
    para = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=Pt(6),
                      first_line_indent=Cm(1))
    para.paragraph_format.line_spacing = 1.15
    stripped = text.strip()
    if stripped.startswith("Điều") and "." in stripped:
        head, rest = stripped.split(".", 1)
        _set_run_font(_add_run(para, head + "."), bold=True)
        if rest:
            _set_run_font(_add_run(para, rest))
    else:
        _set_run_font(_add_run(para, stripped))
    return para


# --- the document ---------------------------------------------------------------------------


def render_docx(doc: OfficialDocument) -> bytes:
    """Lay out ``doc`` (HD 36-HD/VPTW) and return the DOCX file as bytes."""
    document = new_document()
    write_header(document, doc)
    for line in doc.preamble:
        para = _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, italic=True,
                          space_after=Pt(3), first_line_indent=Cm(1))
        para.paragraph_format.line_spacing = 1.15
    for line in doc.body:
        _body_paragraph(document, line)

    if doc.table:
        _data_table(document, doc.table)

    write_footer(document, doc)
    return save(document)


def new_document():
    """An empty A4 document with the margins and font of HD 36 (python-docx ``Document``)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_NAME)
    return document


def _text_width():
    return PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT


def write_header(document, doc: OfficialDocument) -> None:
    """The header of ``doc`` (issuer, number, party heading, place and date), its kind and subject."""
    left, right = _two_columns(document, Mm(72), _text_width() - Mm(72))
    centre = WD_ALIGN_PARAGRAPH.CENTER
    if doc.issuer_superior:
        _first_paragraph(left, doc.issuer_superior.upper(), align=centre)
        _paragraph(left, doc.issuer.upper(), align=centre, bold=True)
    else:
        _first_paragraph(left, doc.issuer.upper(), align=centre, bold=True)
    _paragraph(left, "*", align=centre)
    _paragraph(left, number_line(doc.number), align=centre)
    _first_paragraph(right, HEADING_PARTY, align=centre, size=Pt(15), bold=True, underline=True)
    _paragraph(right, place_date_line(doc.place, doc.date), align=WD_ALIGN_PARAGRAPH.RIGHT,
               italic=True, space_before=Pt(6))

    # Kind and subject.
    _paragraph(document, doc.kind_title.upper(), align=centre, size=Pt(16), bold=True,
               space_before=Pt(18))
    if doc.subject:
        _paragraph(document, doc.subject, align=centre, bold=True)
    _paragraph(document, "-----", align=centre, space_after=Pt(12))


def write_footer(document, doc: OfficialDocument) -> None:
    """Recipients (left) and the signature block (right) of ``doc``."""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "", space_after=Pt(6))
    left, right = _two_columns(document, Mm(72), _text_width() - Mm(72))
    _first_paragraph(left, "Nơi nhận:", underline=True)
    for recipient in doc.recipients:
        _paragraph(left, f"- {recipient}", size=Pt(12))
    lines = [line.upper() for line in (doc.signer_for, doc.signer_title) if line]
    _first_paragraph(right, lines[0] if lines else "", align=centre, bold=True)
    for line in lines[1:]:  # the head of a commission signs with no formula line ("TRƯỞNG BAN")
        _paragraph(right, line, align=centre, bold=True)
    for _ in range(4):  # room for signature and seal
        _paragraph(right, "", align=centre)
    _paragraph(right, doc.signer_name, align=centre, bold=True)


def heading(document, text: str, *, level: int = 1):
    """A section heading of a report: bold, left-aligned ("I. TỔ CHỨC ĐẢNG"), or bold italic at level 2."""
    para = _paragraph(document, text, bold=True, italic=level > 1, space_before=Pt(6 if level > 1 else 12),
                      space_after=Pt(6))
    para.paragraph_format.keep_with_next = True
    return para


def body_paragraph(document, text: str):
    """A body paragraph: justified, first line indented 1 cm."""
    return _body_paragraph(document, text)


def data_table(document, rows, *, widths=None, align_right_from: int | None = None):
    """A bordered table, the first row a header repeated on each page; ``align_right_from``: the
    columns from this index on are right-aligned (numbers)."""
    table = _data_table(document, rows)
    if align_right_from is not None:
        for row in table.rows[1:]:
            for cell in row.cells[align_right_from:]:
                for para in cell.paragraphs:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths:
        _set_widths(table, widths)
    return table


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _data_table(document, rows):
    width = max(len(row) for row in rows)
    table = document.add_table(rows=0, cols=width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        header = index == 0
        for column in range(width):
            value = values[column] if column < len(values) else ""
            _first_paragraph(cells[column], "" if value is None else str(value),
                             align=WD_ALIGN_PARAGRAPH.CENTER if header else None,
                             size=Pt(12), bold=header)
        if header:
            _repeat_header(table.rows[0])
    _paragraph(document, "", space_after=Pt(6))
    return table
