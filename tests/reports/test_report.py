"""The year-end report: its sentences read as written by hand for a small fixed year, and every number
it prints in DOCX, PDF and XLSX is the statistics engine's number for the same window."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from dangvu.core import report_sections
from dangvu.core.figures import Window
from dangvu.core.numbers import format_number
from dangvu.reports import builder, render, to_pdf
from dangvu.statistics import engine

pytestmark = pytest.mark.on_date("2025-01-15")


def _report(year2024, rounding="half_up"):
    return builder.build(year2024.t.district_a, 2024, rounding=rounding)


def _section(report, key):
    return next(s for s in report.sections if s.key == key)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_sentences_read_as_expected(year2024):
    report = _report(year2024)
    members = _section(report, "members").paragraphs
    assert members[0] == ("Đến ngày 31/12/2024, Đảng bộ huyện An Lạc có 7 đảng viên, trong đó 4 đảng viên chính thức "
                          "(57,14%), 3 đảng viên dự bị (42,86%). Đầu năm có 5 đảng viên.")
    assert members[1] == ("Trong năm, kết nạp 3 đảng viên mới, trong đó 1 đảng viên là người có đạo, 1 đảng viên trong "
                          "doanh nghiệp ngoài nhà nước, 1 đảng viên nữ.")
    assert members[2] == "Cũng trong năm, giảm 1 đảng viên từ trần."
    organizations = _section(report, "organizations").paragraphs
    assert organizations == [
        "Đến ngày 31/12/2024, Đảng bộ huyện An Lạc có 2 tổ chức cơ sở đảng (1 đảng bộ cơ sở, 1 chi bộ cơ sở) và "
        "2 chi bộ trực thuộc.",
        "So với ngày 31/12/2023 (1 tổ chức cơ sở đảng, 2 chi bộ trực thuộc), tăng 1 tổ chức cơ sở đảng.",
    ]
    assert report.header.kind_title == "BÁO CÁO" and report.header.subject == "kết quả công tác xây dựng Đảng năm 2024"
    assert report.header.issuer == "HUYỆN ỦY AN LẠC" and report.header.number.endswith("-BC/HU")


def test_rounding_truncate_shows_in_the_text(year2024):
    """3/7 = 42,857…%: 42,86% rounded half up, 42,85% truncated (published reports truncate)."""
    half_up = _section(_report(year2024, "half_up"), "members").paragraphs[0]
    truncated = _section(_report(year2024, "truncate"), "members").paragraphs[0]
    assert "3 đảng viên dự bị (42,86%)" in half_up and "3 đảng viên dự bị (42,85%)" in truncated
    assert "hai chữ số thập phân, cắt bớt (không làm tròn)." in _report(year2024, "truncate").closing


def test_no_data_no_section(year2024):
    """Awards and residence print only figures the registry has, and only when above zero."""
    report = _report(year2024)
    keys = [s.key for s in report.sections]
    assert keys[:2] == ["organizations", "members"]
    for app in ("awards", "residence"):  # no badge, card or residence contact in this year's data
        assert app not in keys
        assert not any(v.value for c, v in report.values.items() if c.startswith(app + "."))
    empty = builder.build(year2024.t.district_b, 2024)
    assert [s.key for s in empty.sections] == ["organizations"]  # district B has cells but no member


def test_sections_name_only_registered_figures():
    from dangvu.core.figures import registry

    codes = report_sections.wanted_codes(registry().figures)
    assert "members.admitted.religious" in codes and "members.by_ethnicity.01" in codes
    assert all(c in registry() for c in codes)
    # Every code a section names explicitly is a registered figure (a misspelt one would silently drop
    # its sentence: awards.badges.awarded, residence.contacts were).
    from importlib import import_module

    named = {code for name in report_sections.REPORT_SECTION_PROVIDERS
             for code in getattr(import_module(name), "FIGURES", []) + getattr(import_module(name), "FIGURES_AT_START", [])
             if not code.endswith(".*")}
    assert sorted(c for c in named if c not in registry()) == []


def _printed_rows(report):
    return [(r, t) for _s in report.sections for t in _s.tables for r in t.rows if r.code]


def _engine(year2024, rounding="half_up"):
    window = Window.year(year2024.t.district_a, 2024)
    codes = [r.code for r, _t in _printed_rows(_report(year2024))]
    return {v.code: v for v in engine.compute(window, codes, rounding=rounding)}


def test_every_number_of_the_docx_is_the_engines(year2024):
    report = _report(year2024)
    computed = _engine(year2024)
    document = Document(io.BytesIO(render.render(report, "docx")))
    rows = {}
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            rows.setdefault(cells[0], cells)
    printed = _printed_rows(report)
    assert len(printed) >= 20
    for row, _table in printed:
        cells = rows[row.label]
        fv = computed[row.code]
        assert cells[1] == format_number(fv.value), row.code
        if fv.percent is not None:
            assert cells[2] == fv.percent, row.code
    text = _flat(" ".join(p.text for p in document.paragraphs))
    for section in report.sections:
        for paragraph in section.paragraphs:
            assert _flat(paragraph) in text
    assert "báo cáo kết quả công tác xây dựng đảng năm 2024" in text.lower()
    assert document.core_properties.title == "Báo cáo kết quả công tác xây dựng Đảng năm 2024"
    # The hand-computed figures of the year, as the document prints them.
    assert rows["Tổng số đảng viên"][1] == "7" and rows["Kết nạp đảng viên mới"][1] == "3"
    assert rows["Đảng viên từ trần"][1] == "1" and rows["Đảng viên đầu kỳ"][1] == "5"


def test_every_number_of_the_pdf_is_the_engines(year2024):
    report = _report(year2024, "truncate")
    computed = _engine(year2024, "truncate")
    pdf = PdfReader(io.BytesIO(render.render(report, "pdf")))
    text = _flat(" ".join(page.extract_text() for page in pdf.pages))
    for row, _table in _printed_rows(report):
        fv = computed[row.code]
        expected = " ".join(x for x in (row.label, format_number(fv.value), fv.percent or "") if x)
        assert expected in text, expected
    for section in report.sections:
        for paragraph in section.paragraphs:
            assert _flat(paragraph) in text, paragraph
    assert "BÁO CÁO" in text and "42,85%" in text and "42,86%" not in text
    fonts = {str(f.get("/BaseFont", "")) for page in pdf.pages for f in page["/Resources"]["/Font"].get_object().values()
             for f in [f.get_object()]}
    assert any("DejaVu" in f for f in fonts), fonts
    assert "Biểu đồ" in to_pdf.html(report)


def test_the_xlsx_has_one_sheet_per_table_with_the_engines_numbers(year2024):
    report = _report(year2024)
    computed = _engine(year2024)
    wb = load_workbook(io.BytesIO(render.render(report, "xlsx")))
    tables = report.tables()
    assert len(wb.sheetnames) == 1 + len(tables)
    for (number, _section, table), name in zip(tables, wb.sheetnames[1:], strict=True):
        ws = wb[name]
        assert ws["A5"].value == f"Bảng {number}. {table.title}"
        values = {str(r[0]).strip(): r[1] for r in ws.iter_rows(min_row=9, values_only=True) if r[0]}
        for row in table.rows:
            if row.code:
                assert values[row.label] == computed[row.code].value
    charted = [n for n in wb.sheetnames if wb[n]._charts]  # native bar charts: by sex and by age
    assert len(charted) == 2 and all("Cơ cấu" in n for n in charted)


def test_the_command_writes_each_format(year2024, tmp_path):
    from django.core.management import call_command

    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        out = tmp_path / f"r.{fmt}"
        call_command("report", "yearly", "--organization", "99.001", "--year", "2024", "--format", fmt,
                     "--output", str(out), "--rounding", "truncate", stdout=io.StringIO())
        assert out.read_bytes().startswith(magic)


def test_the_numbers_equal_the_statistics_api_when_it_is_there(cast, year2024):
    """The statistics API answers the same numbers the report prints."""
    from rest_framework.test import APIClient

    report = _report(year2024)
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    response = api.get("/api/statistics/", {"organization": year2024.t.district_a.pk, "year": 2024})
    assert response.status_code == 200, response.content
    body = response.json()
    items = body if isinstance(body, list) else body.get("results", body.get("figures", []))
    by_code = {i["code"]: i for i in items}
    for row, _table in _printed_rows(report):
        assert format_number(by_code[row.code]["value"]) == row.value, row.code
        assert (by_code[row.code]["percent"] or "") == row.percent, row.code
