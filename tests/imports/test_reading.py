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


# The XLSX reader (reading._xlsx_grid) against openpyxl's own reading of the same file -----------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS = "{" + MAIN + "}"


def _typed(grid: list[list]) -> list[list]:
    """Values with their type (1 == 1.0 == True, a datetime is not its date), a formula as its text."""
    return [[("Formula", v.text) if isinstance(v, reading.Formula) else (type(v).__name__, v) for v in row]
            for row in grid]


def _formula(value) -> reading.Formula:
    """openpyxl's formula: its text; an array formula's text (not its object's repr, as the reader once gave)."""
    from openpyxl.worksheet.formula import ArrayFormula

    return reading.Formula(value.text if isinstance(value, ArrayFormula) else str(value))


def _openpyxl_grid(content: bytes, sheet: str | None = None) -> list[list]:
    """The grid as openpyxl reads the sheet (load_workbook, every cell of the file as its parser gives it): row n
    at index n - 1, a row as long as its last cell's column, a formula (data type "f") as Formula."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content))
    ws = wb[sheet] if sheet else wb.worksheets[0]
    grid: list[list] = []
    for (row, column), cell in sorted(ws._cells.items()):
        while len(grid) < row:
            grid.append([])
        values = grid[row - 1]
        values.extend([None] * (column - len(values)))
        values[column - 1] = _formula(cell.value) if cell.data_type == "f" else cell.value
    return grid


def _parser_grid(content: bytes) -> list[list]:
    """The grid as openpyxl's sheet parser reads the first sheet (what its read-only mode iterates), for the cells
    load_workbook's binding refuses (an empty style attribute)."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = load_workbook(io.BytesIO(content), read_only=True)
    ws = wb.worksheets[0]
    grid: list[list] = []
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, epoch=wb.epoch, date_formats=wb._date_formats,
                                 timedelta_formats=wb._timedelta_formats)
        for number, cells in parser.parse():
            while len(grid) < number:
                grid.append([])
            values = grid[number - 1]
            for cell in cells:
                values.extend([None] * (cell["column"] - len(values)))
                value = cell["value"]
                values[cell["column"] - 1] = _formula(value) if cell["data_type"] == "f" else value
    wb.close()
    return grid


def _rich():
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    return CellRichText([TextBlock(InlineFont(b=True), "Nguyễn "), "Thị ", TextBlock(InlineFont(i=True), "Hoà")])


def _varied_rows() -> list:
    """(row number, [(column, value, number format or None)]): every kind of value a register may hold."""
    return [
        (1, [(1, "Họ và tên", None), (2, "  có khoảng trắng  ", None), (3, "a & b < c\nhai dòng", None), (4, "Số", None)]),
        (2, [(1, 1, None), (2, -7, None), (3, 12345678901234, None), (4, 2.5, None), (5, 0.1, None), (6, 1e20, None),
             (7, 1.5e-10, None), (8, True, None), (9, False, None), (10, 0, None)]),
        (3, [(1, dt.date(2020, 1, 31), None), (2, dt.datetime(2021, 3, 4, 5, 6, 7), None), (3, dt.time(8, 30, 15), None),
             (4, dt.timedelta(hours=30, minutes=5), None), (5, 43831, "DD/MM/YYYY"), (6, 0.75, "hh:mm"),
             (7, 1.5, "[h]:mm:ss"), (8, 2.5, "0.00"), (9, 59, "d/m/yyyy"), (10, 61.25, "d/m/yyyy h:mm"),
             (11, dt.datetime(1985, 5, 12, 23, 59, 59), "dd/mm/yyyy hh:mm:ss")]),
        (4, [(1, "=SUM(A2:B2)", None), (2, '=CONCAT("A","B")', None), (3, "#N/A", None), (4, "#DIV/0!", None),
             (5, _rich(), None), (6, "Nguyễn Thị Hoà", None)]),
        # rows 5 to 7 missing: blank rows in the middle
        (8, [(1, "a", None), (4, 4, None), (26, "z", None)]),                     # gaps
        (9, [(2, "001185012345", None), (3, "'05/06/1990", None), (5, "Nguyễn Thị Hoà", None)]),
        (12, [(1, "cuối", None), (2, dt.date(1900, 3, 1), None)]),
    ]


def _workbook(mode: str, *, epoch_1904: bool = False, iso_dates: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook(write_only=mode == "write_only", iso_dates=iso_dates)
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    if mode == "write_only":
        ws = wb.create_sheet("Đảng viên")
        written = 0
        for number, cells in _varied_rows():
            for _ in range(written + 1, number):
                ws.append([])
            row = []
            for column, value, number_format in cells:
                row.extend([None] * (column - 1 - len(row)))
                cell = WriteOnlyCell(ws, value=value)
                if number_format:
                    cell.number_format = number_format
                row.append(cell)
            ws.append(row)
            written = number
    else:
        ws = wb.active
        ws.title = "Đảng viên"
        for number, cells in _varied_rows():
            for column, value, number_format in cells:
                cell = ws.cell(number, column, value)
                if number_format:
                    cell.number_format = number_format
        ws.cell(10, 3)  # a row of one empty cell
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_parts(content: bytes, parts: dict[str, bytes]) -> bytes:
    """The package with some parts replaced or added (a new part's content type declared if it is shared strings)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = parts.pop(info.filename, None) or source.read(info)
            if info.filename == "[Content_Types].xml" and "xl/sharedStrings.xml" in parts:
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            target.writestr(info, data)
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def _with_shared_strings(content: bytes) -> bytes:
    """The workbook with its inline strings moved to a shared-string table, as Excel saves text (openpyxl 3.1 writes
    every string inline, in both modes), rich text runs kept."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(content))
    table, index, parts = [], {}, {}
    for name in source.namelist():
        if not name.startswith("xl/worksheets/sheet"):
            continue
        root = etree.fromstring(source.read(name))
        for c in root.iter(f"{NS}c"):
            inline = c.find(f"{NS}is")
            if c.get("t") != "inlineStr" or inline is None:
                continue
            key = etree.tostring(inline)
            if key not in index:
                index[key] = len(table)
                table.append(inline)
            c.remove(inline)
            c.set("t", "s")
            etree.SubElement(c, f"{NS}v").text = str(index[key])
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    sst = etree.Element(f"{NS}sst", nsmap={None: MAIN}, count=str(len(table)), uniqueCount=str(len(table)))
    for inline in table:
        etree.SubElement(sst, f"{NS}si").extend(inline)
    parts["xl/sharedStrings.xml"] = etree.tostring(sst, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _with_parts(content, parts)


def _without_references(content: bytes) -> bytes:
    """The workbook with the r attribute of its rows and cells removed (allowed: the next row, the next column)."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(content))
    root = etree.fromstring(source.read("xl/worksheets/sheet1.xml"))
    for element in root.iter(f"{NS}row", f"{NS}c"):
        element.attrib.pop("r", None)
    return _with_parts(content, {"xl/worksheets/sheet1.xml": etree.tostring(root)})


@pytest.mark.parametrize("mode", ["normal", "write_only", "shared_strings", "no_references"])
@pytest.mark.parametrize("epoch_1904, iso_dates", [(False, False), (True, False), (False, True)])
def test_xlsx_grid_is_openpyxls(mode, epoch_1904, iso_dates):
    content = _workbook("write_only" if mode == "write_only" else "normal", epoch_1904=epoch_1904, iso_dates=iso_dates)
    if mode == "shared_strings":
        content = _with_shared_strings(content)
        assert b"xl/sharedStrings.xml" in content
    elif mode == "no_references":
        content = _without_references(content)
    grid, name = reading._xlsx_grid(content, None)
    expected = _openpyxl_grid(content)
    assert name == "Đảng viên"
    assert _typed(grid) == _typed(expected)
    if mode != "no_references":  # what the cells hold, read by openpyxl and by the reader alike
        assert grid[4:7] == [[], [], []] and grid[7][1:3] == [None, None] and grid[7][25] == "z"
        assert grid[3][4] == "Nguyễn Thị Hoà" and isinstance(grid[3][0], reading.Formula) and grid[3][2] == "#N/A"
        serial_43831 = dt.datetime(2024, 1, 2) if epoch_1904 else dt.datetime(2020, 1, 1)  # the same serial, another day
        assert grid[1][7] is True and grid[2][4] == serial_43831 and grid[2][5] == dt.time(18, 0)
        assert grid[2][6] == dt.timedelta(days=1.5)


@pytest.mark.filterwarnings("ignore:Cell C3 is marked as a date")  # openpyxl's, for the serial past the dates
def test_xlsx_grid_reads_what_openpyxl_does_not_write():
    """Cells by hand: str results, error and boolean cells, empty values, rich text with a phonetic run, shared and
    array formulas, a row reference written as a float, cells and rows without references, no s (style 0) and an
    empty s; a table of shared strings with rich text."""
    base = _workbook("normal")
    sheet = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="str"><v>kết quả</v></c>
  <c r="D1" t="str"><f>"kết"&amp;"quả"</f><v>kếtquả</v></c><c r="E1" t="e"><v>#REF!</v></c><c r="F1" t="b"><v>0</v></c>
  <c r="G1"><v></v></c><c r="H1" t="s"><v></v></c><c r="I1" t="inlineStr"/><!-- a comment -->
  <c r="J1" t="inlineStr"><is><r><rPr><b/></rPr><t>Đảng </t></r><r><t xml:space="preserve">viên </t></r>
    <rPh sb="0" eb="1"><t>x</t></rPh></is></c>
  <c r="K1" t="inlineStr"><is><t>một</t><r><t>hai</t></r></is></c><c r="L1" t="inlineStr"><v>bỏ qua</v></c>
  <c r="M1" t="d"><v>2024-02-29T10:30:00</v></c><c r="N1" t="d"><v>2024-02-29</v></c></row>
<row r="2.0"><c r="A2"><f t="shared" ref="A2:A4" si="0">B2*2</f><v>4</v></c><c r="B2"><v>2</v></c>
  <c r="C2"><f t="array" ref="C2:C3">SUM(B2:B3*2)</f><v>4</v></c><c><v>7</v></c><c><v>8</v></c><c r="H2" s="1"><v>43831</v></c>
  <c s=""><v>43831</v></c><c><v>1E3</v></c></row>
<row><c r="A3"><f t="shared" si="0"/><v>6</v></c><c r="B3"><v>3</v></c><c r="C3" s="1"><v>99999999</v></c></row>
<row r="5"><c r="C5" t="n"><v> 12 </v></c></row>
</sheetData></worksheet>""".encode()
    strings = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>Họ và tên</t></si>
<si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t>Thị Hoà</t></r><rPh sb="0" eb="1"><t>phiên âm</t></rPh></si></sst>""".encode()
    content = _with_parts(base, {"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings})
    grid, _ = reading._xlsx_grid(content, None)
    assert _typed(grid) == _typed(_parser_grid(content))
    assert grid[0][:6] == ["Họ và tên", "Nguyễn Thị Hoà", "kết quả", grid[0][3], "#REF!", False]
    assert isinstance(grid[0][3], reading.Formula) and grid[0][3].text == '="kết"&"quả"'
    assert grid[0][6:] == [None, None, None, "Đảng viên ", "mộthai", None, dt.datetime(2024, 2, 29, 10, 30),
                           dt.date(2024, 2, 29)]
    assert grid[2][0].text == "=B3*2" and grid[1][2].text == "=SUM(B2:B3*2)"  # shared formula translated, array
    assert grid[1][3:5] == [7, 8] and grid[1][7] == dt.datetime(2020, 1, 1) and grid[1][8:] == [43831, 1000.0]
    assert grid[2][2] == "#VALUE!" and grid[3] == [] and grid[4] == [None, None, 12]


def test_sheet_chosen_by_name_among_several():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Điền mỗi đảng viên một dòng"])
    wb.create_sheet("Đảng viên").append(HEADERS)
    wb["Đảng viên"].append(["Nguyễn Thị Hoà", "Nữ", dt.date(1985, 5, 12)])
    wb.create_sheet("Khác").append(["x"])
    out = io.BytesIO()
    wb.save(out)
    content = out.getvalue()
    grid, name = reading._xlsx_grid(content, "DANG VIEN")
    assert name == "Đảng viên" and _typed(grid) == _typed(_openpyxl_grid(content, "Đảng viên"))
    assert reading._xlsx_grid(content, None) == ([["Điền mỗi đảng viên một dòng"]], "Hướng dẫn")
    table = reading.read(content, "a.xlsx", sheet="đảng viên", expected_headers=HEADERS)
    assert table.sheet == "Đảng viên" and table.rows == [(2, ["Nguyễn Thị Hoà", "Nữ", dt.datetime(1985, 5, 12)])]
    with pytest.raises(reading.UnreadableFile, match="các trang: Hướng dẫn, Đảng viên, Khác"):
        reading.read(content, "a.xlsx", sheet="Danh sách", expected_headers=HEADERS)


@pytest.mark.parametrize("part, damage", [
    ("xl/worksheets/sheet1.xml", lambda xml: xml[:len(xml) // 2]),                      # cut in the middle of the rows
    ("xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", b"</sheetDta>")),
    ("xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'r="A2"', b'r="2A"', 1)),    # not a cell reference
    ("xl/worksheets/sheet1.xml", lambda xml: b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
     b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
     + xml.replace(b"Nguy", b"&c;Nguy", 1)),                                             # entity expansion
    ("xl/styles.xml", lambda xml: xml[:100]),
    ("xl/workbook.xml", lambda xml: xml.replace(b"<sheets>", b"<sheets><sheet/>")),
])
def test_damaged_xlsx_is_unreadable(part, damage):
    content = xlsx("members", [member_row()] * 50)
    damaged = _with_parts(content, {part: damage(zipfile.ZipFile(io.BytesIO(content)).read(part))})
    with pytest.raises(reading.UnreadableFile, match="bị hỏng"):
        reading.read(damaged, "a.xlsx", expected_headers=HEADERS)


# A small file asking for a huge grid ---------------------------------------------------------------------------------

def _sheet(rows_xml: str) -> bytes:
    """The template's members file with its sheet replaced: the header row, one member row, then `rows_xml`."""
    header = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADERS))
    first = '<row r="2"><c r="A2" t="inlineStr"><is><t>Nguyễn Thị Hoà</t></is></c></row>'
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">{header}</row>'
             f"{first}{rows_xml}</sheetData></worksheet>").encode()
    return _with_parts(_workbook("normal"), {"xl/worksheets/sheet1.xml": sheet})


def test_a_value_past_the_last_row_allowed_is_refused_an_empty_row_there_ignored(settings):
    settings.IMPORT_MAX_ROWS = 100  # the data rows allowed, below the HEADER_SEARCH_ROWS where a header may be
    last = 100 + reading.HEADER_SEARCH_ROWS
    table = reading.read(_sheet(f'<row r="{last}"><c r="B{last}" t="inlineStr"><is><t>Nữ</t></is></c></row>'
                                '<row r="1048576" ht="20" customHeight="1"><c r="A1048576" s="1"/></row>'),
                         "a.xlsx", expected_headers=HEADERS)
    assert [n for n, _ in table.rows] == [2, last]  # the empty row at the sheet's end: not read, nor the rows before it
    with pytest.raises(reading.UnreadableFile, match=r"dữ liệu đến dòng 1\.048\.576, quá 100 dòng cho một lần nhập: hãy chia"):
        reading.read(_sheet('<row r="1048576"><c r="A1048576"><v>1</v></c></row>'), "a.xlsx", expected_headers=HEADERS)
    rows = "\n".join(["Họ và tên,Giới tính,Ngày sinh", *["An,Nữ,01/01/1980"] * (last - 1)])
    assert len(reading.read(rows.encode(), "a.csv", expected_headers=HEADERS).rows) == last - 1
    assert len(reading.read((rows + "\n,,\n" * 500).encode(), "a.csv", expected_headers=HEADERS).rows) == last - 1  # blank
    with pytest.raises(reading.UnreadableFile, match=f"dữ liệu đến dòng {last + 2}, quá 100 dòng"):
        reading.read((rows + "\n,,\n,Nữ,\n").encode(), "a.csv", expected_headers=HEADERS)


def test_a_value_past_the_last_column_allowed_is_refused_an_empty_cell_there_ignored():
    table = reading.read(_sheet('<row r="3"><c r="A3" t="inlineStr"><is><t>Lê Văn Cường</t></is></c>'
                                '<c r="XFD3" s="1"/></row>'), "a.xlsx", expected_headers=HEADERS)
    assert [values[0] for _, values in table.rows] == ["Nguyễn Thị Hoà", "Lê Văn Cường"]
    with pytest.raises(reading.UnreadableFile, match=r"Ô XFD3 nằm ngoài 1\.024 cột đầu của trang tính"):
        reading.read(_sheet('<row r="3"><c r="XFD3"><v>1</v></c></row>'), "a.xlsx", expected_headers=HEADERS)
    with pytest.raises(reading.UnreadableFile, match=r"Ô AMK3 nằm ngoài"):  # column 1.025
        reading.read(_sheet('<row r="3"><c r="AMK3"><v>1</v></c></row>'), "a.xlsx", expected_headers=HEADERS)
    assert reading.read(_sheet('<row r="3"><c r="AMJ3"><v>1</v></c></row>'), "a.xlsx", expected_headers=HEADERS)  # 1.024
    wide = "Họ và tên,Giới tính,Ngày sinh\nAn,Nữ,01/01/1980" + "," * 2000
    assert reading.read(wide.encode(), "a.csv", expected_headers=HEADERS).rows[0][1][:3] == ["An", "Nữ", "01/01/1980"]
    with pytest.raises(reading.UnreadableFile, match=r"Ô ở cột 1\.025 của dòng 2 nằm ngoài"):
        reading.read((wide + "x").encode(), "a.csv", expected_headers=HEADERS)
