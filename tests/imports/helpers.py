import csv
import io

from dangvu.core import spreadsheets
from dangvu.imports.kinds import KINDS


def xlsx(kind: str, rows: list[dict], *, title_rows: int = 0, headers: list[str] | None = None, blank_tail: int = 0) -> bytes:
    """A workbook like the ones people fill: optional title rows above the header, the header, the rows."""
    k = KINDS[kind]
    wb = spreadsheets.workbook()
    ws = wb.active
    for i in range(title_rows):
        ws.append([f"DANH SÁCH {i + 1}"])
    if title_rows:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    ws.append(headers or [c.header for c in k.columns])
    for row in rows:
        ws.append([row.get(c.key) for c in k.columns])
    for _ in range(blank_tail):
        ws.append([None, ""])
    out = io.BytesIO()
    wb.save(out)  # as the user's program saves it: no neutralizing
    return out.getvalue()


def csv_bytes(kind: str, rows: list[dict]) -> bytes:
    k = KINDS[kind]
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([c.header for c in k.columns])
    for row in rows:
        w.writerow([row.get(c.key, "") for c in k.columns])
    return out.getvalue().encode("utf-8-sig")


def member_row(**over) -> dict:
    row = {"full_name": "Nguyễn Thị Hoà", "sex": "Nữ", "date_of_birth": "12/05/1985", "citizen_id": "001185012345",
           "ethnicity": "Kinh", "admission_decision_date": "03/02/2015", "ceremony_date": "15/02/2015",
           "recognition_date": "15/02/2016", "organization": "99.001.001.000.001"}
    row.update(over)
    return row


def run_import(by, kind: str, rows_or_content, *, organization):
    """Preview a file (rows in the template, or the bytes of a file) and apply it when no row is refused."""
    from dangvu.imports import services
    from dangvu.imports.models import RunStatus

    content = rows_or_content if isinstance(rows_or_content, bytes) else xlsx(kind, rows_or_content)
    run = services.preview(by=by, kind=kind, organization=organization, file_name=f"{kind}.xlsx", content=content)
    if run.status == RunStatus.PREVIEWED:
        run = services.apply(by=by, run=run)
    return run


def rows_of(run) -> list[dict]:
    """The rows the run keeps (new, changed, refused), in the file's order, as dicts."""
    return list(run.rows.order_by("row").values("row", "status", "label", "diff", "errors"))


def row_errors(run) -> dict:
    """{row number: [[column header, reason]]} of the refused rows."""
    return {r["row"]: r["errors"] for r in rows_of(run) if r["errors"]}


def import_rows(cast, kind: str, rows_or_content, *, by=None, org=None):
    """`run_import` into district A as its officer unless told otherwise: the run."""
    return run_import(by or cast.officer_a, kind, rows_or_content, organization=org or cast.tree.district_a)


class Undo(Exception):
    """Raised to roll back an atomic block on purpose (export, then import into an empty register)."""


def sheet_cells(content: bytes) -> list[list]:
    """The values of the first sheet of an XLSX, row by row."""
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]
