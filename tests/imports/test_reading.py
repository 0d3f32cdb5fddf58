"""Reading real spreadsheets: dates, names, IDs, header detection and refused files."""

import datetime as dt
import io
import unicodedata
import zipfile

import pytest

from dangvu.imports import cells, reading
from tests.imports.helpers import csv_bytes, member_row, xlsx

HEADERS = ["Họ và tên", "Giới tính", "Ngày sinh"]


@pytest.mark.parametrize("raw, expected", [
    ("31/12/2020", dt.date(2020, 12, 31)),
    ("1/2/85", dt.date(1985, 2, 1)),
    ("1/2/20", dt.date(2020, 2, 1)),
    ("'05/06/1990", dt.date(1990, 6, 5)),
    (43831, dt.date(2020, 1, 1)),          # an Excel serial
    ("43831", dt.date(2020, 1, 1)),        # the serial stored as text
    (dt.datetime(2019, 3, 4, 0, 0), dt.date(2019, 3, 4)),
    ("2020-12-31", dt.date(2020, 12, 31)),
    ("", None), (None, None),
])
def test_dates(raw, expected):
    assert cells.date(raw) == expected


@pytest.mark.parametrize("raw", ["31/06/2020", "abc", "12/13/2020", 43831.5, "01/01/1850"])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(cells.CellError):
        cells.date(raw)


@pytest.mark.parametrize("raw, expected", [
    ("001185012345", "001185012345"), (1185012345, None), (11185012345, "011185012345"),
    ("11185012345", "011185012345"), (11185012345.0, "011185012345"), ("'001185012345", "001185012345"),
])
def test_citizen_ids(raw, expected):
    if expected is None:
        with pytest.raises(cells.CellError, match="10 chữ số"):
            cells.citizen_id(raw)
    else:
        assert cells.citizen_id(raw) == expected


def test_citizen_id_shortened_by_excel_is_refused():
    with pytest.raises(cells.CellError, match="số mũ"):
        cells.citizen_id("1.18501E+11")


def test_names_nfd_and_tone_placement_compose_alike():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    assert cells.text(nfd) == "Nguyễn Thị Hoà"
    assert cells.text("  Lê   Văn  A ") == "Lê Văn A"
    assert cells.text(1234.0) == "1234"


def test_formula_cells_are_refused():
    with pytest.raises(cells.CellError, match="công thức"):
        cells.text(reading.Formula("=A1"))


def test_header_found_below_merged_title_rows_and_blank_tail_dropped():
    content = xlsx("members", [member_row()], title_rows=2, blank_tail=3)
    table = reading.read(content, "a.xlsx", expected_headers=HEADERS)
    assert table.header_row == 3
    assert [n for n, _ in table.rows] == [4]


def test_csv_with_bom_and_semicolons():
    content = "Họ và tên;Giới tính;Ngày sinh\nA;Nam;01/01/1990\n".encode("utf-8-sig")
    table = reading.read(content, "a.csv", expected_headers=HEADERS)
    assert table.headers == HEADERS and table.rows == [(2, ["A", "Nam", "01/01/1990"])]
    assert reading.read(csv_bytes("members", [member_row()]), "b.csv", expected_headers=HEADERS).rows


def test_formula_is_read_as_formula():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(HEADERS)
    wb.active.append(["=CONCAT(\"A\",\"B\")", "Nam", "01/01/1990"])
    out = io.BytesIO()
    wb.save(out)
    table = reading.read(out.getvalue(), "f.xlsx", expected_headers=HEADERS)
    assert isinstance(table.rows[0][1][0], reading.Formula)


@pytest.mark.parametrize("content, name, message", [
    (b"", "a.xlsx", "rỗng"),
    (reading.OLE_MAGIC + b"\0" * 600, "a.xlsx", "mật khẩu"),
    (b"PK\x03\x04garbage", "a.xlsx", "hỏng"),
    (b"not a zip", "a.xlsx", "hỏng"),
])
def test_unreadable_files(content, name, message):
    with pytest.raises(reading.UnreadableFile, match=message):
        reading.read(content, name, expected_headers=HEADERS)


def test_oversize_file_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(reading.UnreadableFile, match="quá lớn"):
        reading.read(b"x" * 101, "a.csv", expected_headers=HEADERS)


def test_zip_bomb_refused_before_openpyxl(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "0" * (5 * 1024 * 1024))
    with pytest.raises(reading.UnreadableFile, match="giải nén"):
        reading.read(out.getvalue(), "bomb.xlsx", expected_headers=HEADERS)


def test_wrong_sheet_and_no_header():
    content = xlsx("members", [member_row()])
    with pytest.raises(reading.UnreadableFile, match="Không có trang tính"):
        reading.read(content, "a.xlsx", sheet="Khác", expected_headers=HEADERS)
    with pytest.raises(reading.UnreadableFile, match="tiêu đề"):
        reading.read(b"x,y\n1,2\n", "a.csv", expected_headers=HEADERS)
