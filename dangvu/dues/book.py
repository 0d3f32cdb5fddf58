"""The cell's dues book (sổ thu đảng phí) of a year as XLSX, through core.spreadsheets: one row per
member, for each month the amount owed and the amount paid, then the year's totals; the cell's totals
by month, what it keeps and what it remits to the level above (D14, D16)."""

from __future__ import annotations

import datetime as dt

from openpyxl.styles import Alignment, Font

from dangvu.core import spreadsheets
from dangvu.core.dates import vn_date
from dangvu.dues import rules, selectors

MONEY = "#,##0"


def workbook_bytes(cell, year: int, on: dt.date) -> bytes:
    first = dt.date(year, 1, 1)
    last = dt.date(year, 12, 1)
    lines = selectors.ledger(selectors.members_in_cell(cell, first, last), first, last)
    lines = [line for line in lines if line.organization_id == cell.pk]
    months = rules.months_between(first, last)
    by_member: dict[int, dict] = {}
    for line in lines:
        by_member.setdefault(line.member.pk, {"member": line.member, "months": {}})["months"][line.month] = line
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.title = f"Sổ thu đảng phí {year}"
    ws.append([f"SỔ THU ĐẢNG PHÍ NĂM {year}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([cell.name])
    ws.append([f"Lập ngày {vn_date(on)}; số tiền tính bằng đồng. Mỗi tháng: phải đóng / đã đóng."])
    ws.append([])
    header = ["STT", "Họ và tên"]
    for m in months:
        header += [f"T{m.month:02d} phải đóng", f"T{m.month:02d} đã đóng"]
    header += ["Cả năm phải đóng", "Cả năm đã đóng", "Đóng thêm tự nguyện", "Còn nợ"]
    ws.append(header)
    for c in ws[5]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    rows = sorted(by_member.values(), key=lambda r: (r["member"].name_key, r["member"].pk))
    for n, row in enumerate(rows, start=1):
        values: list = [n, row["member"].full_name]
        expected = paid = extra = arrears = 0
        for m in months:
            line = row["months"].get(m)
            if line is None:
                values += [None, None]
                continue
            values += [int(line.due.amount), int(line.paid) if line.payment else None]
            expected += line.due.amount
            paid += line.paid
            extra += line.extra
            arrears += line.arrear
        values += [int(expected), int(paid), int(extra), int(arrears)]
        ws.append(values)
    summary = selectors.summarize(lines, months)
    totals: list = ["", "Cộng"]
    for m in months:
        t = summary.by_month.get(m)
        totals += [int(t.expected) if t else 0, int(t.collected) if t else 0]
    totals += [int(summary.total.expected), int(summary.total.collected), int(summary.total.extra),
               int(summary.total.arrears)]
    ws.append(totals)
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    for r in ws.iter_rows(min_row=6, min_col=3):
        for c in r:
            c.number_format = MONEY
    ws.column_dimensions["B"].width = 28
    return spreadsheets.to_bytes(wb)
