"""The register as rows: one shape for the list page, the XLSX export and (later) the API.

Sensitive fields (Member.SENSITIVE_FIELDS) never leave this module unmasked: a list or a file
shows "0381******23", the full value only through `services.reveal`, which is audited.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from dangvu.core import spreadsheets
from dangvu.core.masking import HIDDEN_TEXT, MASK, mask  # noqa: F401  (re-exported for the views)
from dangvu.core.numbers import format_number
from dangvu.members.kinds import Sex, Status
from dangvu.members.models import Member, MemberState

SHEET_TITLE = "Danh sách đảng viên"
# A bigger file is cut here, with a note at the end: filter to export the rest.
MAX_EXPORT_ROWS = 50_000
CHUNK = 900  # ids per IN (…) list: below SQLite's bound-parameter limit


def file_name(on: dt.date) -> str:
    return f"danh-sach-dang-vien-{on:%d-%m-%Y}.xlsx"


@dataclass(frozen=True)
class MemberRow:
    """One line of the register (mẫu 7-HSĐV, shortened), sensitive fields already masked."""

    pk: int
    full_name: str
    birth_year: int | None
    sex: str
    ethnicity: str
    organization: str
    organization_id: int | None
    status: str
    admission_date: dt.date | None
    theory_level: str
    citizen_id_masked: str
    # The cell's parent: cell names repeat ("Chi bộ khu phố 1" in every ward), so the list names both.
    organization_parent: str = ""


HEADERS = [
    _("STT"), _("Họ và tên"), _("Năm sinh"), _("Giới tính"), _("Dân tộc"), _("Tổ chức đảng"), _("Trạng thái"),
    _("Ngày vào Đảng"), _("Lý luận chính trị"), _("Số CCCD"),
]
COLUMN_WIDTHS = [6, 28, 10, 10, 12, 34, 16, 14, 18, 16]


def rows_for(members: Iterable[Member], on: dt.date | None = None) -> list[MemberRow]:
    """Rows of already-fetched members (select_related organization, ethnicity, theory_level).

    With `on` (a past date), status and cell are those of that date, read from the derived state
    intervals in one query for all the members, with the cell's name as it was then.
    """
    members = list(members)
    states: dict[int, MemberState] = {}
    names: dict[int, tuple[str, str]] = {}
    if on is not None and members:
        ids = [m.pk for m in members]
        for start in range(0, len(ids), CHUNK):  # one query for a page; a few for a whole export
            states |= {s.member_id: s for s in MemberState.objects.valid_on(on).filter(member_id__in=ids[start:start + CHUNK])}
        names = _names_on(on, {s.organization_id for s in states.values() if s.organization_id})
    result = []
    for m in members:
        if on is not None:
            state = states.get(m.pk)
            status = state.status if state else ""
            org_id = state.organization_id if state else None
            org_name, parent_name = names.get(org_id, ("", "")) if org_id else ("", "")
        else:
            status, org_id = m.status, m.organization_id
            org = m.organization if m.organization_id else None
            org_name = org.name if org else ""
            parent_name = org.parent.name if org is not None and org.parent_id else ""
        result.append(MemberRow(
            pk=m.pk, full_name=m.full_name, birth_year=m.date_of_birth.year if m.date_of_birth else None,
            sex=Sex(m.sex).label if m.sex in Sex.values else m.sex, ethnicity=m.ethnicity.name if m.ethnicity_id else "",
            organization=org_name, organization_id=org_id, status=Status(status).label if status in Status.values else status,
            admission_date=m.admission_decision_date, theory_level=m.theory_level.name if m.theory_level_id else "",
            citizen_id_masked=mask("citizen_id", m.citizen_id), organization_parent=parent_name,
        ))
    return result


def _names_on(on: dt.date, org_ids: set[int]) -> dict[int, tuple[str, str]]:
    """Names of organizations and of their parents on a date (a cell renamed since shows its name of then):
    one query."""
    from django.db.models import OuterRef, Subquery

    from dangvu.organizations.models import OrganizationVersion

    ids = sorted(org_ids)
    names: dict[int, tuple[str, str]] = {}
    parent = OrganizationVersion.objects.valid_on(on).filter(organization_id=OuterRef("parent_id")).values("name")[:1]
    for start in range(0, len(ids), CHUNK):
        rows = (OrganizationVersion.objects.valid_on(on).filter(organization_id__in=ids[start:start + CHUNK])
                .annotate(parent_name=Subquery(parent)).values_list("organization_id", "name", "parent_name"))
        names |= {pk: (name, parent_name or "") for pk, name, parent_name in rows}
    return names


def build_workbook(rows: Iterable[MemberRow], *, note: str = "") -> bytes:
    """An XLSX file of the rows: bold header, dates dd/mm/yyyy, an optional note under the table.

    Streamed (write-only workbook), so 50.000 rows stay light on memory; text that a spreadsheet would
    run as a formula (a name starting with "=") is neutralized by core.spreadsheets.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = spreadsheets.workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"

    def cell(value, **style):
        c = WriteOnlyCell(ws, value=value)
        for key, val in style.items():
            setattr(c, key, val)
        return c

    bold = Font(bold=True)
    ws.append([cell(str(h), font=bold) for h in HEADERS])
    for number, r in enumerate(rows, start=1):
        admission = cell(r.admission_date, number_format="DD/MM/YYYY") if r.admission_date else None
        ws.append([number, r.full_name, r.birth_year, r.sex, r.ethnicity, r.organization, r.status, admission, r.theory_level,
                   r.citizen_id_masked])
    if note:
        ws.append([])
        ws.append([cell(note, font=Font(italic=True))])
    return spreadsheets.to_bytes(wb)


def truncation_note(total: int, limit: int | None = None) -> str:
    limit = MAX_EXPORT_ROWS if limit is None else limit
    return (f"Danh sách có {format_number(total)} đảng viên; tệp chỉ gồm {format_number(limit)} dòng đầu. "
            "Hãy lọc theo tổ chức hoặc điều kiện khác để xuất phần còn lại.")
