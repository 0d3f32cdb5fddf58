"""The tables as XLSX: opens with openpyxl, one sheet per table, the title block of the document
convention, the reference date, the registry's values, and the signature block."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from dangvu.core.figures import Window
from dangvu.statistics import periods, tables, xlsx_tables
from tests.statistics.tables_data import build

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2025-01-10")]


def _texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def _row_of(ws, code_label: str):
    for row in ws.iter_rows(min_row=1):
        if row[0].value == code_label:
            return row
    raise AssertionError(f"no row {code_label!r}")


def test_workbook_layout_values_and_signatures(cast):
    build(cast.tree)
    window = Window.year(cast.tree.district_a, 2024)
    filled = [periods.fill(t, window) for t in tables.TABLES]
    sig = xlsx_tables.signatures(cast.tree.district_a, window.end, preparer_name="Nguyễn Văn An")
    wb = load_workbook(io.BytesIO(xlsx_tables.workbook(filled, sig)))
    assert wb.sheetnames == [t.number for t in tables.TABLES]
    ws = wb["Biểu số 3-TKĐV"]
    texts = _texts(ws)
    # Title block: the superior and the issuing committee (documents/convention.py), the form number.
    assert ws["A1"].value == "ĐẢNG BỘ TỈNH THỬ NGHIỆM" and ws["A2"].value == "HUYỆN ỦY AN LẠC"
    assert ws["B1"].value == "Biểu số 3-TKĐV" and ws["B2"].value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert ws["A5"].value == "ĐẢNG VIÊN CHIA THEO GIỚI TÍNH, ĐỘ TUỔI, DÂN TỘC, TÔN GIÁO"
    assert ws["A6"].value == "Đảng bộ huyện An Lạc"
    assert ws["A7"].value == "Có đến ngày 31/12/2024"
    assert [ws.cell(9, c).value for c in range(1, 5)] == ["Chỉ tiêu", "Mã số", "Số lượng", "Tỷ lệ %"]
    # Values are numbers, formatted; shares are the printed percentage.
    total = _row_of(ws, "Tổng số đảng viên")
    assert (total[1].value, total[2].value, total[2].number_format) == ("01", 4, "#,##0")
    female = next(r for r in ws.iter_rows() if r[0].value and "nữ" in str(r[0].value).lower() and r[2].value is not None)
    assert (female[2].value, female[3].value, female[3].number_format) == (2, 0.5, "0.00%")
    assert total[0].border.left.style == "thin" and total[3].border.bottom.style == "thin"
    # Signature block.
    assert "NGƯỜI LẬP BIỂU" in texts and "(Ký, ghi rõ họ tên)" in texts and "Nguyễn Văn An" in texts
    assert "T/M BAN THƯỜNG VỤ" in texts and "BÍ THƯ" in texts
    assert "An Lạc, ngày 10 tháng 01 năm 2025" in texts
    # The period table names the period.
    ws2 = wb["Biểu số 2-TKĐV"]
    assert ws2["A7"].value == "Từ ngày 01/01/2024 đến ngày 31/12/2024"
    assert _row_of(ws2, "Đảng viên từ trần")[2].value == 1
    assert _row_of(ws2, "Đảng viên đầu kỳ")[2].value == 4


def test_truncated_shares_are_written_as_printed(cast):
    build(cast.tree)
    window = Window.year(cast.tree.district_a, 2024)
    assert xlsx_tables._percent_value(5, 28, "truncate") == Decimal("0.1785")
    assert xlsx_tables._percent_value(5, 28, "half_up") == Decimal("0.1786")
    assert xlsx_tables._percent_value(2, 3, "truncate") == Decimal("0.6666")
    assert xlsx_tables._percent_value(1, 0, "half_up") is None
    filled = [periods.fill(tables.get("bieu-2"), window, rounding="truncate")]
    sig = xlsx_tables.signatures(cast.tree.district_a, window.end)
    ws = load_workbook(io.BytesIO(xlsx_tables.workbook(filled, sig, rounding="truncate"))).active
    assert _row_of(ws, "Đảng viên chính thức")[3].value == 0.75
