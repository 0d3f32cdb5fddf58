"""Reading the spreadsheets people really have: XLSX or CSV, checked before anything is parsed.

What is refused, with a Vietnamese message (`UnreadableFile`), before any row is looked at:
- a file larger than IMPORT_MAX_BYTES (setting), or an XLSX whose parts would unpack to more than
  IMPORT_MAX_UNPACKED_BYTES or unpack more than IMPORT_MAX_RATIO times (a zip bomb): the sizes are read
  from the ZIP directory, before openpyxl opens anything;
- a password-protected XLSX (an OLE compound file, as Excel saves encrypted workbooks) or an old .xls;
- a corrupt file, a CSV that is not UTF-8 (with or without BOM) nor Windows-1258;
- no sheet named as expected when the workbook has several (the first sheet is read when it has one
  data sheet), no header row in the first HEADER_SEARCH_ROWS rows (merged title rows above the header are
  skipped), a required column missing.

Formulas are refused, cell by cell: a cell holding a formula rejects its row ("ô chứa công thức"), since
the value Excel last computed may be stale or absent and a formula is never what a register says.
Trailing blank rows are dropped; a blank row in the middle is skipped and keeps the numbering: the row
number reported is the spreadsheet's own row number.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from dangvu.core.text import fold

HEADER_SEARCH_ROWS = 20
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """The file cannot be read at all; nothing is imported."""


class Formula:
    """A cell that held a formula (refused by the kind's converters)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"


@dataclass
class Table:
    headers: list[str]                          # as written in the file
    rows: list[tuple[int, list]]                # (spreadsheet row number, raw values in header order)
    header_row: int = 1
    sheet: str = ""
    extra: dict = field(default_factory=dict)


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024)


def _max_unpacked() -> int:
    return getattr(settings, "IMPORT_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)


def _max_ratio() -> int:
    return getattr(settings, "IMPORT_MAX_RATIO", 200)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB".replace(".", ",")


def read(content: bytes, file_name: str, *, sheet: str | None = None, expected_headers: list[str] = ()) -> Table:
    """The table of `content` (XLSX or CSV by content, not by name)."""
    if len(content) > max_bytes():
        raise UnreadableFile(f"Tệp quá lớn: {_mb(len(content))}; tối đa {_mb(max_bytes())}. Hãy chia tệp thành nhiều phần.")
    if not content.strip():
        raise UnreadableFile("Tệp rỗng: không có dòng nào.")
    if content.startswith(OLE_MAGIC):
        raise UnreadableFile("Tệp có đặt mật khẩu hoặc là định dạng Excel cũ (.xls): hãy bỏ mật khẩu và lưu lại dạng .xlsx "
                             "(Excel: Tệp → Lưu thành → Sổ làm việc Excel) rồi tải lên lại.")
    if content.startswith(ZIP_MAGIC):
        grid, sheet_name = _xlsx_grid(content, sheet)
    elif file_name.lower().endswith((".xlsx", ".xlsm", ".zip")):
        raise UnreadableFile("Tệp .xlsx bị hỏng: không đọc được nội dung. Hãy mở lại bằng Excel, lưu lại rồi tải lên lại.")
    else:
        grid, sheet_name = _csv_grid(content), ""
    return _table(grid, expected_headers, sheet_name)


def _check_zip(content: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile("Tệp .xlsx bị hỏng: không đọc được nội dung. Hãy mở lại bằng Excel, lưu lại rồi tải lên lại.") from exc
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > _max_unpacked() or unpacked / packed > _max_ratio() and unpacked > 10 * 1024 * 1024:
        raise UnreadableFile(f"Tệp bị từ chối: khi giải nén chiếm {_mb(unpacked)} (tối đa {_mb(_max_unpacked())}, "
                             "tỷ lệ nén bất thường). Hãy kiểm tra lại tệp.")
    if not any(i.filename == "xl/workbook.xml" for i in infos):
        raise UnreadableFile("Tệp không phải bảng tính Excel (.xlsx): hãy lưu lại dạng .xlsx hoặc .csv.")


def _xlsx_grid(content: bytes, sheet: str | None):
    _check_zip(content)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors…) for a damaged file
        raise UnreadableFile("Tệp .xlsx bị hỏng: không đọc được nội dung. Hãy mở lại bằng Excel, lưu lại rồi tải lên lại.") from exc
    names = wb.sheetnames
    if sheet:
        match = [n for n in names if fold(n) == fold(sheet)]
        if not match:
            raise UnreadableFile(f"Không có trang tính “{sheet}” trong tệp (các trang: {', '.join(names)}).")
        ws = wb[match[0]]
    else:
        ws = wb[names[0]]
    try:
        grid = list(_sheet_rows(ws))
    except Exception as exc:  # a damaged sheet: as load_workbook
        raise UnreadableFile("Tệp .xlsx bị hỏng: không đọc được nội dung. Hãy mở lại bằng Excel, lưu lại rồi tải lên lại.") from exc
    finally:
        wb.close()
    return grid, ws.title


def _sheet_rows(ws):
    """The values of a read-only sheet, row by row from row 1 (a row missing from the file: an empty list), a formula
    as Formula. openpyxl's own parser without its cell objects (iter_rows makes a ReadOnlyCell per cell, then its
    values_only mode loses which cells held a formula): a third of the reading time of a large file. Pinned openpyxl
    (requirements.txt): the parser's arguments are those ReadOnlyWorksheet._cells_by_row passes."""
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=False, epoch=ws.parent.epoch,
                                 date_formats=ws.parent._date_formats, timedelta_formats=ws.parent._timedelta_formats)
        expected = 1
        for number, row in parser.parse():
            for _ in range(expected, number):
                yield []
            values = [None] * (row[-1]["column"] if row else 0)
            for cell in row:
                value = cell["value"]
                values[cell["column"] - 1] = Formula(str(value)) if cell["data_type"] == "f" else value
            yield values
            expected = number + 1


def _csv_grid(content: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything; kept for clarity
        raise UnreadableFile("Tệp CSV không đọc được: hãy lưu lại với bảng mã UTF-8.")
    if "\x00" in text:
        raise UnreadableFile("Tệp không phải CSV hay .xlsx: không đọc được nội dung.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header_key(text) -> str:
    """Headers compared without case, diacritics, tone placement, punctuation or line breaks."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(str(text or ""))).split())


def _table(grid: list[list], expected_headers: list[str], sheet_name: str) -> Table:
    wanted = {header_key(h) for h in expected_headers}
    best, best_hits = None, 0
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for v in row if not isinstance(v, Formula) and header_key(v) in wanted)
        if hits > best_hits:
            best, best_hits = index, hits
    if best is None:
        first = next((r for r in grid if any(not _blank(v) for v in r)), None)
        if not wanted and first is not None:
            best = grid.index(first)
        else:
            raise UnreadableFile(f"Không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu"
                                 f"{' của trang “' + sheet_name + '”' if sheet_name else ''}: hãy dùng tệp mẫu "
                                 "(cột đầu tiên: " + ", ".join(expected_headers[:3]) + "…).")
    headers = ["" if _blank(v) else str(v).strip() for v in grid[best]]
    rows = []
    for offset, row in enumerate(grid[best + 1:], start=best + 2):
        values = list(row[:len(headers)]) + [None] * (len(headers) - len(row))
        if all(_blank(v) for v in values):
            continue
        rows.append((offset, values))
    return Table(headers=headers, rows=rows, header_row=best + 1, sheet=sheet_name)
