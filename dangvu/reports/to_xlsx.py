"""The year-end report as XLSX: a first sheet with the title block and the narrative, then one sheet
per table of the report (title block, the table, a native bar chart where the section has one)."""

import re

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side

from dangvu.core import spreadsheets
from dangvu.core.dates import vn_date
from dangvu.documents.docx import number_line, place_date_line

from .builder import Report

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)


def _sheet_name(text: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", " ", text)[:28].strip()
    name, i = base, 2
    while name.lower() in used:
        name = f"{base[:25]} {i}"
        i += 1
    used.add(name.lower())
    return name


def _title_block(ws, report: Report, title: str) -> int:
    h = report.header
    ws["A1"] = h.issuer_superior.upper() if h.issuer_superior else h.issuer.upper()
    ws["A2"] = h.issuer.upper() if h.issuer_superior else number_line(h.number)
    ws["C1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws["C2"] = place_date_line(h.place, h.date)
    ws["A1"].font = ws["C1"].font = BOLD
    ws["C2"].font = Font(italic=True)
    ws["A4"] = report.title.upper()
    ws["A4"].font = Font(bold=True, size=13)
    ws["A5"] = title
    ws["A5"].font = BOLD
    ws["A6"] = f"{report.organization_name}, kỳ {vn_date(report.window.start)} – {vn_date(report.window.end)}"
    ws["A6"].font = Font(italic=True)
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 14
    return 8


def render(report: Report) -> bytes:
    wb = spreadsheets.workbook()
    used: set[str] = set()
    ws = wb.active
    ws.title = _sheet_name("Báo cáo", used)
    row = _title_block(ws, report, report.header.subject)
    for line in [report.intro] + [f"{n}. {s.heading}: " + " ".join(s.paragraphs) for n, s in report.numbered()] + [report.closing]:
        ws.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.row_dimensions[row].height = 15 * (1 + len(line) // 90)
        row += 1
    for number, section, table in report.tables():
        ws = wb.create_sheet(_sheet_name(f"{number}. {table.title}", used))
        row = _title_block(ws, report, f"Bảng {number}. {table.title}")
        for col, text in enumerate(table.columns, start=1):
            cell = ws.cell(row=row, column=col, value=text)
            cell.font, cell.border = BOLD, BOX
            cell.alignment = Alignment(horizontal="center")
        first = row + 1
        for r in table.rows:
            row += 1
            values = [("    " * r.level) + r.label, report.values[r.code].value if r.code in report.values else r.value,
                      r.percent]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.border = BOX
                if col > 1:
                    cell.alignment = Alignment(horizontal="right")
            ws.cell(row=row, column=2).number_format = "#,##0"
        chart = next((c for c in section.charts if {b.label for b in c.bars} <= {r.label for r in table.rows}), None)
        if chart is not None and chart.bars:
            bar = BarChart()
            bar.type = "bar"
            bar.title = chart.title
            bar.legend = None
            bar.add_data(Reference(ws, min_col=2, min_row=first, max_row=row), titles_from_data=False)
            bar.set_categories(Reference(ws, min_col=1, min_row=first, max_row=row))
            bar.height, bar.width = 7, 16
            ws.add_chart(bar, f"E{first - 1}")
    return spreadsheets.to_bytes(wb)
