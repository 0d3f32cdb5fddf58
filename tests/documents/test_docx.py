"""Official party documents (HD 36-HD/VPTW layout) rendered to DOCX and read back with python-docx."""

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from docx import Document
from docx.shared import Pt

from dangvu.core.http import ascii_filename
from dangvu.documents.docx import OfficialDocument, date_line, number_line, place_date_line, render_docx
from dangvu.documents.http import DOCX_CONTENT_TYPE, docx_response


def _doc(**overrides):
    fields = dict(
        issuer_superior="Đảng bộ huyện An Lạc",
        issuer="Đảng ủy xã An Lạc",
        number="12-QĐ/ĐU",
        place="An Lạc",
        date=dt.date(2026, 3, 5),
        kind_title="Quyết định",
        subject="về việc tặng Huy hiệu Đảng",
        preamble=["Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "Xét đề nghị của chi bộ thôn Đông,"],
        body=["Điều 1. Tặng Huy hiệu 30 năm tuổi Đảng cho các đồng chí có tên trong danh sách kèm theo.",
              "Điều 2. Chi bộ thôn Đông tổ chức trao tặng vào dịp 02/9/2026."],
        recipients=["Như Điều 2", "Lưu VP"],
        signer_for="T/M Ban Thường vụ",
        signer_title="Bí thư",
        signer_name="Nguyễn Văn An",
        table=[["STT", "Họ và tên", "Ngày sinh"], ["1", "Trần Thị Bình", "01/02/1960"], ["2", "Lê Văn Cường", "15/11/1958"]],
    )
    fields.update(overrides)
    return OfficialDocument(**fields)


def _open(data: bytes):
    return Document(io.BytesIO(data))


def _cell_lines(cell):
    return [p.text for p in cell.paragraphs]


def _runs_with(document_or_cell, text):
    return [run for p in document_or_cell.paragraphs for run in p.runs if run.text == text]


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
    (dt.date(2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
    (dt.date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"),
    (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
    (dt.date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
    (dt.date(2026, 11, 30), "ngày 30 tháng 11 năm 2026"),
    (dt.date(2026, 9, 2), "ngày 02 tháng 9 năm 2026"),
])
def test_date_line_leading_zeros_for_days_below_10_and_months_1_2(day, expected):
    assert date_line(day) == expected


def test_place_date_and_number_lines():
    assert place_date_line("An Lạc", dt.date(2026, 3, 5)) == "An Lạc, ngày 05 tháng 3 năm 2026"
    assert number_line("12-QĐ/ĐU") == "Số 12-QĐ/ĐU"
    assert number_line("Số 12-QĐ/ĐU") == "Số 12-QĐ/ĐU"


def test_header_columns():
    document = _open(render_docx(_doc()))
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert _cell_lines(left) == ["ĐẢNG BỘ HUYỆN AN LẠC", "ĐẢNG ỦY XÃ AN LẠC", "*", "Số 12-QĐ/ĐU"]
    assert _runs_with(left, "ĐẢNG ỦY XÃ AN LẠC")[0].bold is True
    assert not _runs_with(left, "ĐẢNG BỘ HUYỆN AN LẠC")[0].bold
    assert _cell_lines(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "An Lạc, ngày 05 tháng 3 năm 2026"]
    party = _runs_with(right, "ĐẢNG CỘNG SẢN VIỆT NAM")[0]
    assert party.bold is True and party.underline is True
    assert _runs_with(right, "An Lạc, ngày 05 tháng 3 năm 2026")[0].italic is True


def test_title_subject_preamble_body_in_order():
    document = _open(render_docx(_doc()))
    texts = [p.text for p in document.paragraphs if p.text]
    start = texts.index("QUYẾT ĐỊNH")
    assert texts[start:start + 7] == [
        "QUYẾT ĐỊNH", "về việc tặng Huy hiệu Đảng", "-----",
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "Xét đề nghị của chi bộ thôn Đông,",
        "Điều 1. Tặng Huy hiệu 30 năm tuổi Đảng cho các đồng chí có tên trong danh sách kèm theo.",
        "Điều 2. Chi bộ thôn Đông tổ chức trao tặng vào dịp 02/9/2026.",
    ]
    title = _runs_with(document, "QUYẾT ĐỊNH")[0]
    assert title.bold is True and title.font.size == Pt(16)
    assert _runs_with(document, "Điều 1.")[0].bold is True  # the article heading


def test_table_first_row_is_header():
    document = _open(render_docx(_doc()))
    assert len(document.tables) == 3  # header, data, footer
    data = document.tables[1]
    rows = [[cell.text for cell in row.cells] for row in data.rows]
    assert rows == [["STT", "Họ và tên", "Ngày sinh"], ["1", "Trần Thị Bình", "01/02/1960"], ["2", "Lê Văn Cường", "15/11/1958"]]
    assert all(run.bold for cell in data.rows[0].cells for p in cell.paragraphs for run in p.runs)
    assert not any(run.bold for cell in data.rows[1].cells for p in cell.paragraphs for run in p.runs)
    assert data.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeats on each page


def test_no_table_gives_header_and_footer_only():
    document = _open(render_docx(_doc(table=None)))
    assert len(document.tables) == 2


def test_signer_block_and_recipients():
    document = _open(render_docx(_doc()))
    left, right = document.tables[-1].rows[0].cells
    assert _cell_lines(left) == ["Nơi nhận:", "- Như Điều 2", "- Lưu VP"]
    assert _runs_with(left, "Nơi nhận:")[0].underline is True
    lines = _cell_lines(right)
    assert lines[0] == "T/M BAN THƯỜNG VỤ"
    assert lines[1] == "BÍ THƯ"
    assert lines[-1] == "Nguyễn Văn An"
    assert all(line == "" for line in lines[2:-1]) and len(lines[2:-1]) >= 3  # room for signature and seal
    assert _runs_with(right, "Nguyễn Văn An")[0].bold is True


def test_page_setup_and_font():
    document = _open(render_docx(_doc()))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
    top, bottom, left, right = margins
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20, margins
    sizes = {run.font.size for p in document.paragraphs for run in p.runs}
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {"Times New Roman"}
    assert Pt(14) in sizes and all(Pt(12) <= size <= Pt(16) for size in sizes)


def test_docx_response_headers():
    response = docx_response(_doc(), "Danh sách Huy hiệu Đảng")
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="Danh_sach_Huy_hieu_Dang.docx"' in disposition
    encoded = disposition.split("filename*=utf-8''", 1)[1]
    assert unquote(encoded, encoding="utf-8") == "Danh sách Huy hiệu Đảng.docx"
    assert " " not in encoded and all(ord(ch) < 128 for ch in disposition)
    assert response["Cache-Control"] == "private, no-store"
    assert _open(response.content).tables[0].rows[0].cells[1].paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_ascii_filename_fallback():
    assert ascii_filename("Quyết định số 12/QĐ.docx") == "Quyet_dinh_so_12_QD.docx"
    assert ascii_filename("đđđ") == "ddd"
    assert ascii_filename("“”") == "van-ban"
