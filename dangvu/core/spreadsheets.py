"""Every spreadsheet the app writes is made and saved here, so that no cell is a formula by accident.

Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by spreadsheet programs
as a formula (a member named `=HYPERLINK("http://…"&A1,"Bấm vào đây")` would be a live link that
sends the neighbouring cell away). Such text is written with a leading apostrophe (OWASP "CSV
injection"): it stays text, shown as typed. Only text is touched: numbers, dates and empty cells
stay what they are, and so do the app's own number formats.

Use `workbook()` for a new workbook (also write-only: its sheets neutralize each appended row) and
`to_bytes(wb)` to save it (it neutralizes every cell of ordinary sheets). tests/core/test_spreadsheets.py
checks that no module writes a workbook another way.
"""

import io

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


def neutralize(value):
    """`value` made safe for a cell: text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return PREFIX + value
    return value


def _neutralize_cell(cell) -> None:
    if isinstance(cell, Cell) and isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.value = neutralize(cell.value)  # re-typed as text ("s"), not a formula ("f")


class _SafeWriteOnlySheet(WriteOnlyWorksheet):
    def append(self, iterable):
        row = []
        for value in iterable:
            if isinstance(value, Cell):
                _neutralize_cell(value)
                row.append(value)
            else:
                row.append(neutralize(value))
        super().append(row)


class _Workbook(Workbook):
    def create_sheet(self, title=None, index=None):
        if not self.write_only:
            return super().create_sheet(title, index)
        sheet = _SafeWriteOnlySheet(parent=self, title=title)
        self._add_sheet(sheet, index)
        return sheet


def workbook(*, write_only: bool = False) -> Workbook:
    """A new workbook for an export (write-only: rows are streamed, and neutralized as they are appended)."""
    return _Workbook(write_only=write_only)


def to_bytes(wb: Workbook) -> bytes:
    """The XLSX file of `wb`, every text cell that would be a formula neutralized first."""
    if not wb.write_only:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    _neutralize_cell(cell)
    elif not isinstance(wb, _Workbook):
        raise TypeError("A write-only workbook must come from core.spreadsheets.workbook(), which neutralizes its rows.")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
