"""Read back a generated party document (DOCX): its header columns, body lines and signature."""

import io
from types import SimpleNamespace

from docx import Document


def _lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def read(content: bytes) -> SimpleNamespace:
    """header_left: ["ĐẢNG BỘ …", "ĐẢNG ỦY …", "*", "Số …"]; place_date; body (non-empty
    paragraphs outside tables); recipients; signature: [formula, title, name] (empty lines dropped);
    text: everything, joined by new lines."""
    document = Document(io.BytesIO(content))
    header_left, header_right = document.tables[0].rows[0].cells
    foot_left, foot_right = document.tables[-1].rows[0].cells
    body = [p.text for p in document.paragraphs if p.text]
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return SimpleNamespace(
        header_left=_lines(header_left), place_date=_lines(header_right)[-1], body=body,
        recipients=_lines(foot_left)[1:], signature=[line for line in _lines(foot_right) if line],
        text="\n".join(body + cells))
