"""The official tables as an XLSX workbook, in the layout an officer sends upwards.

One sheet per table: the title block (the superior organization and the issuing committee, upper
case, as `dangvu.documents.convention` heads every party document; "Biểu số …" on the right), the
title, the organization and the reference date ("Có đến ngày 31/12/2024" or the period), the table
with borders (Chỉ tiêu | Mã số | Số lượng | Tỷ lệ %, the columns numbered A, B, 1, 2), numbers as
numbers formatted "#,##0" and shares as the printed percentage (already rounded half-up or truncated,
so that the file shows what the page shows), the note on the form's status, and the signature block
(người lập biểu on the left; place and date, the signing formula — "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" —
and the secretary's name on the right).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dangvu.core import spreadsheets
from dangvu.core.dates import today, vn_date
from dangvu.documents import convention
from dangvu.organizations.tree import is_active, version_on
from dangvu.statistics import periods
from dangvu.statistics.tables import Filled

FONT = "Times New Roman"
WIDTHS = [62, 9, 14, 12]
HEADERS = ["Chỉ tiêu", "Mã số", "Số lượng", "Tỷ lệ %"]
COLUMN_NUMBERS = ["A", "B", "1", "2"]
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NUMBER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00%"


@dataclass(frozen=True)
class Signatures:
    """What the title and signature blocks say, decided once for the workbook."""

    superior_line: str
    issuer_line: str
    place_date: str
    formula: str  # "T/M BAN THƯỜNG VỤ"
    title: str  # "BÍ THƯ"
    signer_name: str
    preparer_name: str


def signatures(organization, reference: dt.date, *, preparer_name: str = "", issued_on: dt.date | None = None) -> Signatures:
    """The convention's header and signing for tables of `organization` (named as on the reference date),
    issued on `issued_on` (today)."""
    issued_on = issued_on or today()
    issuer = convention.issuer(organization, reference)
    superior, own = convention.header_lines(issuer)
    role, name = convention.signer_from_committee(organization, issued_on if is_active(organization, issued_on) else reference)
    try:
        formula, title = convention.signing(issuer, role)
    except ValueError:
        formula, title = convention.signing(issuer, convention.Role.SECRETARY)
    return Signatures(superior, own, convention.place_date(issuer, issued_on), formula, title, name, preparer_name)


def _percent_value(value: int, denominator: int, rounding: str) -> Decimal | None:
    """The share as a fraction rounded to 2 decimals of a percent, the way the page prints it."""
    if not denominator:
        return None
    mode = ROUND_DOWN if rounding == "truncate" else ROUND_HALF_UP
    return (Decimal(value) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=mode) / 100


def workbook(filled: list[Filled], sig: Signatures, *, rounding: str = "half_up") -> bytes:
    wb = spreadsheets.workbook()
    wb.remove(wb.active)
    for item in filled:
        _sheet(wb, item, sig, rounding)
    return spreadsheets.to_bytes(wb)


def _font(**kw) -> Font:
    return Font(name=FONT, size=kw.pop("size", 12), **kw)


def _put(ws, row: int, col: int, value, *, merge_to: int | None = None, font: Font | None = None,
         align: str = "left", wrap: bool = False):
    cell = ws.cell(row=row, column=col, value=value)
    cell.font = font or _font()
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
    if merge_to is not None and merge_to > col:
        ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=merge_to)
    return cell


def _sheet(wb, item: Filled, sig: Signatures, rounding: str) -> None:
    table = item.table
    ws = wb.create_sheet(table.number[:31])
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.print_options.horizontalCentered = True
    # Title block: the issuer on the left, the form number on the right.
    _put(ws, 1, 1, sig.superior_line, font=_font(), align="center")
    _put(ws, 2, 1, sig.issuer_line, font=_font(bold=True), align="center")
    _put(ws, 3, 1, "*", align="center")
    _put(ws, 1, 2, table.number, merge_to=4, font=_font(bold=True), align="right")
    _put(ws, 2, 2, "ĐẢNG CỘNG SẢN VIỆT NAM", merge_to=4, font=_font(bold=True, underline="single"), align="right")
    _put(ws, 5, 1, table.title.upper(), merge_to=4, font=_font(bold=True, size=14), align="center", wrap=True)
    ws.row_dimensions[5].height = 36
    _put(ws, 6, 1, organization_name(item), merge_to=4, font=_font(bold=True), align="center")
    _put(ws, 7, 1, item.reference_text, merge_to=4, font=_font(italic=True), align="center")
    row = 9
    for col, (header, number) in enumerate(zip(HEADERS, COLUMN_NUMBERS, strict=True), start=1):
        for r, text, font in ((row, header, _font(bold=True)), (row + 1, number, _font(italic=True, size=11))):
            c = _put(ws, r, col, text, font=font, align="center", wrap=True)
            c.border = BOX
    row += 2
    for cell in item.cells:
        line = cell.line
        heading = line.code is None
        label = _put(ws, row, 1, line.label, font=_font(bold=heading or line.level == 0, italic=line.level >= 2), wrap=True)
        label.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=line.level * 2)
        code = _put(ws, row, 2, line.number or None, align="center")
        value = _put(ws, row, 3, cell.value, align="right")
        value.number_format = NUMBER_FORMAT
        share = _percent_value(cell.value, cell.denominator, rounding) if cell.denominator is not None else None
        pct = _put(ws, row, 4, float(share) if share is not None else ("—" if cell.denominator == 0 else None), align="right")
        pct.number_format = PERCENT_FORMAT
        for c in (label, code, value, pct):
            c.border = BOX
        row += 1
    row += 1
    notes = [f"Ghi chú: {table.note}"]
    if item.submitted is not None:
        p = item.submitted
        notes.append(f"Số liệu đã nộp ngày {vn_date(p.created_at.date())} ({p.submitted_by_label}); "
                     "các thay đổi sau đó không làm thay đổi biểu này.")
    for note in notes:
        _put(ws, row, 1, note, merge_to=4, font=_font(italic=True, size=10), wrap=True)
        ws.row_dimensions[row].height = 30
        row += 1
    row += 1
    # Signature block: the preparer on the left; place and date, formula, title, name on the right.
    _put(ws, row, 2, sig.place_date, merge_to=4, font=_font(italic=True), align="center")
    row += 1
    _put(ws, row, 1, "NGƯỜI LẬP BIỂU", font=_font(bold=True), align="center")
    _put(ws, row, 2, sig.formula, merge_to=4, font=_font(bold=True), align="center")
    row += 1
    _put(ws, row, 1, "(Ký, ghi rõ họ tên)", font=_font(italic=True), align="center")
    _put(ws, row, 2, sig.title, merge_to=4, font=_font(bold=True), align="center")
    row += 4
    _put(ws, row, 1, sig.preparer_name, font=_font(bold=True), align="center")
    _put(ws, row, 2, sig.signer_name, merge_to=4, font=_font(bold=True), align="center")
    ws.print_area = f"A1:D{row}"


def organization_name(item: Filled) -> str:
    """The organization as it was named on the reference date."""
    version = version_on(item.window.organization, item.window.end)
    return version.name if version is not None else item.window.organization.name


def tables_file(user, window, chosen, rounding: str, progress=None) -> tuple[str, bytes]:
    """(file name, XLSX) of the `chosen` tables of `window`, the submitted figures where the period is
    locked, signed as prepared by `user`: for the page, the API and the background job (tables_views).
    `progress(done, total, message)` hears of each table filled."""
    submitted = periods.submitted_for(window)
    filled = []
    for done, table in enumerate(chosen, start=1):
        filled.append(periods.fill(table, window, rounding=rounding, period=submitted))
        if progress is not None:
            progress(done, len(chosen) + 1, _("Đã tính %(table)s") % {"table": table.number})
    if progress is not None:
        progress(len(chosen), len(chosen) + 1, _("Đang ghi tệp Excel"))
    organization = window.organization
    sig = signatures(organization, window.end, preparer_name=getattr(user, "full_name", "") or "")
    suffix = f"-{chosen[0].code}" if len(chosen) == 1 else ""
    return f"bieu-thong-ke-{organization.code}-{window.end:%d-%m-%Y}{suffix}.xlsx", workbook(filled, sig, rounding=rounding)
