"""Reading the spreadsheets people really have: XLSX or CSV, checked before anything is parsed.

What is refused, with a Vietnamese message (`UnreadableFile`), before any row is looked at:
- a file larger than IMPORT_MAX_BYTES (setting), or an XLSX whose parts would unpack to more than
  IMPORT_MAX_UNPACKED_BYTES or unpack more than IMPORT_MAX_RATIO times (a zip bomb): the sizes are read
  from the ZIP directory, before openpyxl opens anything;
- a sheet reaching past row IMPORT_MAX_ROWS (200.000: twice the benchmark's 100.000 rows, ~450 MB) or a value
  past column MAX_COLUMNS, found as the sheet is read: a small file cannot ask for a grid of millions of rows
  or columns (a cell at XFD1048576 is a few bytes). An empty cell past MAX_COLUMNS (formatting) is not read;
- a password-protected XLSX (an OLE compound file, as Excel saves encrypted workbooks) or an old .xls;
- a corrupt file, a CSV that is not UTF-8 (with or without BOM) nor Windows-1258;
- no sheet named as expected when the workbook has several (the first sheet is read when it has one
  data sheet), no header row in the first HEADER_SEARCH_ROWS rows (merged title rows above the header are
  skipped), a required column missing.

An XLSX sheet is read in one streaming pass by this module's own reader over lxml (openpyxl reads only the
workbook's parts: sheets, epoch, styles): the values openpyxl would give, without its per-cell objects, and without
the whole extra pass its read-only mode makes over a sheet that has no <dimension>. A part carrying a DTD is refused
and entities are never expanded (`_iterparse`).

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
from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.xml.constants import SHARED_STRINGS

from dangvu.core.numbers import format_number
from dangvu.core.text import fold

HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 1024  # a template has ~25 columns; Excel's last is XFD (16.384)
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


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 200_000)


def _too_many_rows(number: int) -> UnreadableFile:
    return UnreadableFile(f"Tệp có dữ liệu đến dòng {format_number(number)}, quá {format_number(max_rows())} dòng cho một lần "
                          "nhập: hãy chia tệp thành nhiều phần (hoặc xóa các dòng thừa ở cuối trang tính).")


def _too_far_right(where: str) -> UnreadableFile:
    return UnreadableFile(f"Ô {where} nằm ngoài {format_number(MAX_COLUMNS)} cột đầu của trang tính: tệp mẫu không có cột nào "
                          "ở đó. Hãy xóa ô đó (hoặc chép bảng sang một trang mới) rồi tải lên lại.")


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
    """The grid of the chosen sheet and its name. openpyxl reads the workbook's parts (content types, shared strings'
    location, sheets, epoch, styles) but builds no worksheet: `load_workbook(read_only=True)` would parse a sheet
    written without a <dimension> (every sheet openpyxl's write-only mode writes) once just to size it, and its
    per-cell Python was most of the reading time. The sheet is then parsed once, streaming (`_sheet_rows`)."""
    _check_zip(content)
    try:
        reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=False, keep_links=False)  # links unread
    except Exception as exc:  # zipfile accepted it in _check_zip; kept for whatever ExcelReader adds
        raise UnreadableFile(_CORRUPT) from exc
    try:
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        wb = reader.wb
        sheets = [(s.name, rel) for s, rel in reader.parser.find_sheets() if rel.target in reader.valid_files]
        names = [name for name, _ in sheets]
        if sheet:
            chosen = next(((n, rel) for n, rel in sheets if fold(n) == fold(sheet)), None)
            if chosen is None:
                raise UnreadableFile(f"Không có trang tính “{sheet}” trong tệp (các trang: {', '.join(names)}).")
        else:  # the first worksheet (a chart sheet has no cells)
            chosen = next(((n, rel) for n, rel in sheets if "chartsheet" not in rel.Type), None)
            if chosen is None:
                raise UnreadableFile(_CORRUPT)
        strings = _shared_strings(reader)
        with reader.archive.open(chosen[1].target) as source:
            grid = list(_sheet_rows(source, strings, wb.epoch, wb._date_formats, wb._timedelta_formats))
    except UnreadableFile:
        raise
    except Exception as exc:  # openpyxl and lxml raise many kinds (KeyError, XML errors, ValueError…) for a damaged file
        raise UnreadableFile(_CORRUPT) from exc
    finally:
        reader.archive.close()
    return grid, chosen[0]


_CORRUPT = "Tệp .xlsx bị hỏng: không đọc được nội dung. Hãy mở lại bằng Excel, lưu lại rồi tải lên lại."
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _T, _SI = (_MAIN + tag for tag in ("row", "c", "v", "f", "is", "t", "si"))
_DIGITS = "0123456789"


def _iterparse(source, tag: str):
    """The `tag` elements of a part, streaming. XML attacks: lxml keeps entity references unexpanded
    (resolve_entities=False: no "billion laughs"), loads no DTD nor anything from the network, and refuses
    oversized text nodes and deep trees (huge_tree=False, libxml2's limits); a part carrying a DTD at all,
    which Excel never writes, is refused (`_no_dtd`). openpyxl itself parses with the standard library's expat."""
    return etree.iterparse(source, events=("end",), tag=tag, resolve_entities=False, load_dtd=False, no_network=True,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def _no_dtd(element) -> None:
    if element.getroottree().docinfo.internalDTD is not None:
        raise ValueError("a DTD in a spreadsheet part")


def _text(element) -> str:
    """The text of a shared string <si> or an inline string <is> without its formatting, as openpyxl's
    Text.content: the (last) plain <t>, then the <t> of each rich-text run <r>; phonetic runs <rPh> left out."""
    if len(element) == 1 and element[0].tag == _T:  # the usual case: plain text
        return element[0].text or ""
    plain, runs = None, []
    for child in element:
        local = child.tag.rpartition("}")[2]
        if local == "t":
            plain = child.text
        elif local == "r":
            text = None
            for part in child:
                if part.tag.rpartition("}")[2] == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return (plain or "") + "".join(runs)


def _shared_strings(reader) -> list[str]:
    """The shared-string table, as openpyxl's read_string_table reads it (its "x005F_" removal included), parsed
    with lxml: openpyxl's per-string objects took most of a second for 100.000 strings."""
    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    strings = []
    with reader.archive.open(part.PartName[1:]) as source:
        for _, si in _iterparse(source, _SI):
            if not strings:
                _no_dtd(si)
            strings.append(_text(si).replace("x005F_", ""))
            si.clear()
            while si.getprevious() is not None:
                del si.getparent()[0]
    return strings


def _sheet_rows(source, strings: list[str], epoch, date_formats, timedelta_formats):
    """The values of a sheet's XML, row by row from row 1 (a row missing from the file: an empty list; a row as long
    as its last cell's column), as openpyxl's WorkSheetParser reads them with data_only=False: a formula as Formula
    (openpyxl's own parse_formula: shared, array and data-table formulas), numbers as int or float, a number in a date
    style as from_excel converts it (datetime, date-less time, timedelta for a duration style; "#VALUE!" outside the
    dates), booleans, shared, inline and rich-text strings as str, errors and t="str" results as their text, t="d"
    ISO dates. Cells and rows may omit their reference (the next one). One pass: no <dimension> needed; each row is
    dropped from the tree once read, so memory stays flat whatever the sheet's length."""
    formulas = WorkSheetParser(None, strings, data_only=False, epoch=epoch)  # for parse_formula and its shared formulas
    columns: dict[str, int] = {}    # the letters of a reference → the column
    styles: dict = {}               # the s attribute → None (not a date style) or, for a date style, its values:
                                    # {serial text: value} and, under None, whether it is a duration style
    expected, number, limit = 1, 0, max_rows() + HEADER_SEARCH_ROWS  # the data rows, below a header where it may be
    for _, row in _iterparse(source, _ROW):
        if not number:
            _no_dtd(row)
        r = row.get("r")
        if r is None:
            number += 1
        else:
            try:
                number = int(r)
            except ValueError:
                value = float(r)
                if not value.is_integer():
                    raise ValueError(f"{r} is not a valid row number") from None
                number = int(value)
        values: list = []
        size = column = 0
        for c in row:
            if c.tag != _C:
                continue
            ref = c.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                column = columns.get(letters, 0)
                if not column:
                    column = coordinate_to_tuple(ref)[1]
                    if column < 1:
                        raise ValueError(f"{ref} is not a cell reference")
                    columns[letters] = column
            else:
                column += 1
            v = f = inline = None
            if len(c) == 1:  # the usual cell: one <v> or <is>
                child = c[0]
                tag = child.tag
                if tag == _V:
                    v = child
                elif tag == _IS:
                    inline = child
                elif tag == _F:
                    f = child
            else:
                for child in c:
                    tag = child.tag
                    if tag == _V:
                        if v is None:
                            v = child
                    elif tag == _IS:
                        if inline is None:
                            inline = child
                    elif tag == _F and f is None:
                        f = child
            t = c.get("t", "n")
            if f is not None:
                value = _formula(formulas.parse_formula(c))
            elif t == "inlineStr":
                if inline is None:
                    value = None
                elif len(inline) == 1 and inline[0].tag == _T:  # plain text
                    value = inline[0].text or ""
                else:
                    value = _text(inline)
            elif v is None or not (text := v.text):
                value = None
            elif t == "n":
                s = c.get("s")
                try:
                    converted = styles[s]
                except KeyError:  # as openpyxl: no s is style 0, an empty s no style
                    style = 0 if s is None else int(s) if s else s
                    converted = styles[s] = {None: style in timedelta_formats} if style in date_formats else None
                if converted is None:
                    value = int(text) if "." not in text and "E" not in text and "e" not in text else float(text)
                else:  # a date style: from_excel, once for each serial (a sheet repeats its dates)
                    value = converted.get(text)
                    if value is None:
                        value = converted[text] = _date(text, epoch, converted[None])
            elif t == "s":
                value = strings[int(text)]
            elif t == "b":
                value = bool(int(text))
            elif t == "d":
                value = from_ISO8601(text)
            else:  # "e" (an error: its text), "str" (a formula's text result), anything else: the text
                value = text
            if column > MAX_COLUMNS:
                if value is None:
                    continue  # an empty cell far right (formatting): not read
                raise _too_far_right(ref or f"ở cột {format_number(column)} của dòng {format_number(number)}")
            if column > size:
                if column > size + 1:
                    values.extend([None] * (column - size - 1))
                values.append(value)
                size = column
            else:
                values[column - 1] = value
        if number <= limit:
            for _ in range(expected, number):
                yield []
            yield values
            expected = number + 1
        elif any(value is not None for value in values):
            raise _too_many_rows(number)
        # else an empty row far down (a height, a style): not read, nor the rows between
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]


def _formula(value) -> Formula:
    """openpyxl's formula as Formula: its text ("=…"), an array formula's too, a data table's as Excel shows it."""
    if isinstance(value, ArrayFormula):
        return Formula(value.text or "=")
    if isinstance(value, DataTableFormula):
        return Formula(f"=TABLE({value.r1 or ''},{value.r2 or ''})")
    return Formula(str(value))


def _date(text: str, epoch, duration: bool):
    """A number in a date style, as openpyxl converts it (its _cast_number, then from_excel)."""
    serial = int(text) if "." not in text and "E" not in text and "e" not in text else float(text)
    try:
        return from_excel(serial, epoch, timedelta=duration)
    except (OverflowError, ValueError):  # outside the dates: openpyxl makes it an error cell
        return "#VALUE!"


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
    grid, limit = [], max_rows() + HEADER_SEARCH_ROWS
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if number > limit:
            if any(v.strip() for v in row):
                raise _too_many_rows(number)
            continue  # a blank line far down: not read (as an empty row of a sheet)
        if len(row) > MAX_COLUMNS:
            if any(v.strip() for v in row[MAX_COLUMNS:]):
                raise _too_far_right(f"ở cột {format_number(MAX_COLUMNS + 1)} của dòng {format_number(number)}")
            del row[MAX_COLUMNS:]
        grid.append(row)
    return grid


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
    width = len(headers)
    for offset in range(best + 2, len(grid) + 1):
        values = grid[offset - 1]  # the grid's own list, cut or padded to the headers in place: no second copy of the table
        if len(values) > width:
            del values[width:]
        elif len(values) < width:
            values.extend([None] * (width - len(values)))
        if all(_blank(v) for v in values):
            continue
        rows.append((offset, values))
    return Table(headers=headers, rows=rows, header_row=best + 1, sheet=sheet_name)
