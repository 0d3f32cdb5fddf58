"""The figure set as an XLSX workbook (openpyxl): title block, organization, window, the table by
section (label, value, denominator, percent), numbers in the Vietnamese way ("2.345", "23,33%")."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, Side

from dangvu.core import spreadsheets
from dangvu.core.dates import today, vn_date
from dangvu.core.figures import Window, registry
from dangvu.statistics.docs import by_section

# Excel stores the number; the format shows it. A dot for thousands ("#.##0") only reads right in a
# Vietnamese Excel; the percent is written as its printed text so every reader shows "23,33%".
INTEGER_FORMAT = "#,##0"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def figures_xlsx(window: Window, values, *, description: str | None = None) -> bytes:
    reg = registry()
    by_code = {v.code: v for v in values}
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.title = "Thống kê"
    org = window.organization
    ws["A1"] = org.name.upper()
    ws["A1"].font = Font(bold=True)
    ws["A3"] = "THỐNG KÊ CÔNG TÁC TỔ CHỨC, ĐẢNG VIÊN"
    ws["A3"].font = Font(bold=True, size=13)
    if description is None:
        description = (f"ngày {vn_date(window.end)}" if window.start == window.end
                       else f"từ ngày {vn_date(window.start)} đến ngày {vn_date(window.end)}")
    ws["A4"] = f"Tổ chức: {org.name} (mã {org.code}) · Kỳ: {description}"
    ws["A5"] = f"Lập ngày {vn_date(today())}; số tồn tính vào ngày {vn_date(window.end)}."
    header = ["STT", "Chỉ tiêu", "Mã", "Số lượng", "Trên tổng số", "Tỷ lệ"]
    row = 7
    for col, text in enumerate(header, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    index = 0
    for section, figures in by_section([reg[v.code] for v in values]).items():
        row += 1
        ws.cell(row=row, column=2, value=section).font = Font(bold=True)
        for figure in figures:
            value = by_code[figure.code]
            row += 1
            index += 1
            cells = [index, str(value.label), value.code, value.value, value.denominator, value.percent]
            for col, content in enumerate(cells, start=1):
                cell = ws.cell(row=row, column=col, value=content)
                cell.border = BORDER
                if col in (4, 5) and content is not None:
                    cell.number_format = INTEGER_FORMAT
                if col in (4, 5, 6):
                    cell.alignment = Alignment(horizontal="right")
    row += 2
    ws.cell(row=row, column=5, value="NGƯỜI LẬP BIỂU").font = Font(bold=True)
    for col, width in zip("ABCDEF", (6, 60, 38, 12, 14, 10), strict=True):
        ws.column_dimensions[col].width = width
    return spreadsheets.to_bytes(wb)
