"""The files of the import: the template of a kind, the export (the same format), and the uploaded file
returned with an added error column. Every workbook is made and saved through core.spreadsheets."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from dangvu.core import spreadsheets
from dangvu.imports import reading
from dangvu.imports.kinds import ImportKind
from dangvu.imports.models import RowStatus
from dangvu.organizations.models import Organization

DATE_FORMAT = "DD/MM/YYYY"
GUIDE_SHEET = "Huong dan"
EXAMPLE_SHEET = "Vi du"
ERROR_HEADER = "Lỗi (không nhập)"


def _header(ws, kind: ImportKind) -> None:
    ws.append([c.header + (" (*)" if c.required else "") for c in kind.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(kind.columns, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = max(14, len(column.header) + 4)
        ws.cell(1, index).number_format = "@"


def _exported(value):
    """The cell for a stored value. Text that starts with an apostrophe gets one more: reading drops a leading
    apostrophe (Excel's "keep as text" mark, cells.text), so the text comes back as stored (round trip)."""
    if isinstance(value, str) and value.startswith("'"):
        return "'" + value
    return value


def _row(ws, kind: ImportKind, values: dict) -> None:
    ws.append([_exported(values.get(c.key)) for c in kind.columns])
    r = ws.max_row
    for index, _column in enumerate(kind.columns, start=1):
        cell = ws.cell(r, index)
        if isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT
        elif isinstance(cell.value, str):
            cell.number_format = "@"  # text stays text: a citizen ID keeps its leading zero


def _guide(wb, kind: ImportKind) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    ws.append([f"Hướng dẫn nhập: {kind.label}"])
    ws.append(["Cột", "Bắt buộc", "Mô tả", "Ví dụ"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for column in kind.columns:
        ws.append([column.header, "Có" if column.required else "", str(column.description), column.example.lstrip("'")])
    ws.append([])
    ws.append(["Ngày ghi dd/mm/yyyy (cũng nhận d/m/yy và ô ngày của Excel). Cột có (*) là bắt buộc. Ô có công thức bị "
               "từ chối: hãy dán dạng giá trị. Dòng tiêu đề có thể nằm dưới vài dòng tiêu đề chung."])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["C"].width = 90
    for row in ws.iter_rows(min_row=3):
        row[2].alignment = Alignment(wrap_text=True)


def template(kind: ImportKind) -> bytes:
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.title = kind.sheet_name
    _header(ws, kind)
    example = wb.create_sheet(EXAMPLE_SHEET)
    _header(example, kind)
    _row(example, kind, {c.key: c.example.lstrip("'") or None for c in kind.columns})
    _guide(wb, kind)
    return spreadsheets.to_bytes(wb)


def export(kind: ImportKind, root: Organization, on: dt.date | None = None) -> bytes:
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.title = kind.sheet_name
    _header(ws, kind)
    for values in kind.export_rows(root, on):
        _row(ws, kind, values)
    _guide(wb, kind)
    return spreadsheets.to_bytes(wb)


def with_errors(run) -> tuple[bytes, str]:
    """The run's uploaded file with a last column saying why each rejected row was refused (XLSX or CSV, as uploaded)."""
    messages = {number: "; ".join(f"{col}: {msg}" if col else msg for col, msg in errors)
                for number, errors in run.rows.filter(status=RowStatus.REJECTED).values_list("row", "errors")}
    header_row = run.report.get("header_row", 1)
    content = bytes(run.content)
    if content.startswith(reading.ZIP_MAGIC):
        wb = load_workbook(io.BytesIO(content))
        ws = wb.worksheets[0]
        col = ws.max_column + 1
        ws.cell(header_row, col, ERROR_HEADER).font = Font(bold=True)
        for number, message in messages.items():
            ws.cell(number, col, message)
        return spreadsheets.to_bytes(wb), "xlsx"
    text = content.decode("utf-8-sig", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out)
    for number, row in enumerate(rows, start=1):
        extra = ERROR_HEADER if number == header_row else messages.get(number, "")
        writer.writerow([spreadsheets.neutralize(v) for v in row] + [extra])
    return out.getvalue().encode("utf-8-sig"), "csv"


def summary_lines(run) -> list[str]:
    """The preview as text (the command line prints it): counts, then each refused row's reasons and each changed
    row's columns, in the file's order."""
    report, c = run.report, run.counts
    lines = [f"Tệp {run.file_name} (SHA-256 {run.sha256[:16]}…)"]
    if report.get("error"):
        return [*lines, f"Không đọc được tệp: {report['error']}"]
    lines.append(f"Mới: {c['new']} · Thay đổi: {c['changed']} · Không đổi: {c['unchanged']} · Bị từ chối: {c['rejected']}")
    for r in run.rows.exclude(status=RowStatus.NEW).order_by("row").iterator():
        if r.status == RowStatus.REJECTED:
            for col, msg in r.errors:
                lines.append(f"  Dòng {r.row}" + (f", cột “{col}”" if col else "") + f": {msg}")
        else:
            lines.append(f"  Dòng {r.row} {r.label}: " + "; ".join(f"{h}: “{a}” → “{b}”" for h, a, b in r.diff))
    return lines
