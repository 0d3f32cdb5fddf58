"""The cell's dues book (sổ thu đảng phí) of a year, as XLSX (through core.spreadsheets) and PDF: one row
per member, for each month the amount owed and the amount paid, then the year's totals; the cell's
totals by month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font

from dangvu.core import spreadsheets
from dangvu.core.dates import vn_date
from dangvu.dues import rules, selectors

MONEY = "#,##0"


@dataclass
class BookRow:
    number: int
    name: str
    months: list[tuple[int | None, int | None]]  # per month: (owed, paid), None where not in the cell
    expected: int
    paid: int
    extra: int
    arrears: int


@dataclass
class Book:
    cell: object
    year: int
    on: dt.date
    months: list[dt.date]
    rows: list[BookRow]
    totals: BookRow


def book(cell, year: int, on: dt.date) -> Book:
    """The book's rows: each member of the cell in the year, by name, then the totals."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 1)
    lines = [line for line in selectors.ledger(selectors.members_in_cell(cell, first, last), first, last)
             if line.organization_id == cell.pk]
    months = rules.months_between(first, last)
    by_member: dict[int, dict] = {}
    for line in lines:
        by_member.setdefault(line.member.pk, {"member": line.member, "months": {}})["months"][line.month] = line
    rows = []
    for n, entry in enumerate(sorted(by_member.values(), key=lambda r: (r["member"].name_key, r["member"].pk)), start=1):
        own = list(entry["months"].values())
        cells = [(int(x.due.amount), int(x.paid) if x.payment else None) if (x := entry["months"].get(m)) else (None, None)
                 for m in months]
        rows.append(BookRow(n, entry["member"].full_name, cells, int(sum(x.due.amount for x in own)),
                            int(sum(x.paid for x in own)), int(sum(x.extra for x in own)), int(sum(x.arrear for x in own))))
    summary = selectors.summarize(lines, months)
    month_totals = [(int(t.expected), int(t.collected)) if (t := summary.by_month.get(m)) else (0, 0) for m in months]
    totals = BookRow(0, "Cộng", month_totals, int(summary.total.expected), int(summary.total.collected),
                     int(summary.total.extra), int(summary.total.arrears))
    return Book(cell, year, on, months, rows, totals)


def workbook_bytes(cell, year: int, on: dt.date) -> bytes:
    b = book(cell, year, on)
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.title = f"Sổ thu đảng phí {year}"
    ws.append([f"SỔ THU ĐẢNG PHÍ NĂM {year}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([cell.name])
    ws.append([f"Lập ngày {vn_date(on)}; số tiền tính bằng đồng. Mỗi tháng: phải đóng / đã đóng."])
    ws.append([])
    header = ["STT", "Họ và tên"]
    for m in b.months:
        header += [f"T{m.month:02d} phải đóng", f"T{m.month:02d} đã đóng"]
    header += ["Cả năm phải đóng", "Cả năm đã đóng", "Đóng thêm tự nguyện", "Còn nợ"]
    ws.append(header)
    for c in ws[5]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for row in [*b.rows, b.totals]:
        values: list = [row.number or "", row.name]
        for owed, paid in row.months:
            values += [owed, paid]
        ws.append(values + [row.expected, row.paid, row.extra, row.arrears])
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    for r in ws.iter_rows(min_row=6, min_col=3):
        for c in r:
            c.number_format = MONEY
    ws.column_dimensions["B"].width = 28
    return spreadsheets.to_bytes(wb)


def pdf_bytes(cell, year: int, on: dt.date) -> bytes:
    """The same book as a landscape A4 PDF (WeasyPrint; the DejaVu fonts cover Vietnamese)."""
    from django.template.loader import render_to_string
    from weasyprint import HTML  # loads Pango: only where a PDF is made

    return HTML(string=render_to_string("dues/book_print.html", {"book": book(cell, year, on)})).write_pdf()
