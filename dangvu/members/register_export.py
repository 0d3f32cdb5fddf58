"""The member list as an officer sends it upwards: the register in the layout of Sổ danh sách đảng viên
(mẫu 7-HSĐV, domain-rules §13.3), with a title block that says what the file is.

- Title block: the organization (or "Toàn bộ phạm vi của người xuất"), the date the list is as of, every
  filter in use in words, who exported it and when.
- The register's columns with full dates (dd/mm/yyyy), the transfers, death and leaving read from the
  member's dated events (one query per chunk of members).
- Exactly what the user may see: identifying numbers masked (core.masking), unless the user asked for them
  and may reveal them for that member (accounts.permissions.may_reveal); a file with revealed numbers is
  audited as one reveal entry per member ("members.reveal", source "tệp Excel"), as on a page.
- Every cell goes through core.spreadsheets (text that would run as a formula is neutralized).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core import spreadsheets
from dangvu.core.dates import vn_date
from dangvu.core.masking import mask
from dangvu.members.exports import CHUNK, rows_for
from dangvu.members.kinds import EventType, Sex
from dangvu.members.models import Member, MembershipEvent

SHEET_TITLE = "Sổ danh sách đảng viên"
TITLE = "DANH SÁCH ĐẢNG VIÊN"
FORM_NOTE = "Theo mẫu Sổ danh sách đảng viên (mẫu 7-HSĐV)"
# (header, width): the register's 14 columns, some split in two, then where the member is and their CCCD.
COLUMNS = [
    ("STT", 6), ("Họ và tên khai sinh", 26), ("Ngày sinh", 12), ("Giới tính", 9), ("Dân tộc", 10), ("Tôn giáo", 12),
    ("Quê quán", 28), ("Giáo dục phổ thông", 11), ("Lý luận chính trị", 14), ("Chuyên môn", 18), ("Ngoại ngữ", 12),
    ("Nghề nghiệp, nơi làm việc", 30), ("Ngày vào Đảng", 12), ("Ngày chính thức", 12), ("Số thẻ đảng viên", 15),
    ("Số lý lịch", 10), ("Quân đội, công an, hưu trí", 14), ("Chuyển đi (ngày, nơi đến)", 28),
    ("Chuyển đến (ngày, nơi đi)", 28), ("Từ trần", 12), ("Ra khỏi Đảng (ngày, hình thức)", 26), ("Tổ chức đảng", 34),
    ("Trạng thái", 14), ("Số CCCD", 16), ("Ghi chú", 22),
]
REVEALED = ("citizen_id", "party_card_number")
LEAVING = {EventType.STRUCK_OFF: "xóa tên", EventType.EXPELLED: "khai trừ", EventType.LEFT: "xin ra khỏi Đảng"}
RELATED = ("organization__parent", "ethnicity", "religion", "general_education", "theory_level", "professional", "occupation")


@dataclass(frozen=True)
class TitleBlock:
    organization: str  # the organization the list is of, or the user's whole scope
    on: dt.date
    filters: list[str]  # each filter in use, in words ("Giới tính: Nữ")
    exported_by: str
    exported_at: dt.datetime

    def lines(self) -> list[str]:
        lines = [self.organization, f"Tính đến ngày {vn_date(self.on)}"]
        if self.filters:
            lines.append("Điều kiện lọc: " + "; ".join(self.filters))
        local = timezone.localtime(self.exported_at)
        lines.append(f"Người xuất: {self.exported_by}, lúc {local:%H:%M} ngày {vn_date(local.date())}")
        return lines


def _events(members: list[Member]) -> dict[int, dict[str, MembershipEvent]]:
    """The latest transfer out, transfer in, death and leaving of each member (one query per chunk)."""
    wanted = [EventType.TRANSFERRED_OUT, EventType.TRANSFERRED_IN, EventType.DECEASED, *LEAVING]
    latest: dict[int, dict[str, MembershipEvent]] = defaultdict(dict)
    ids = [m.pk for m in members]
    for start in range(0, len(ids), CHUNK):
        for e in (MembershipEvent.objects.filter(member_id__in=ids[start:start + CHUNK], event_type__in=wanted)
                  .select_related("organization", "from_organization").order_by("effective_date", "id")):
            latest[e.member_id][e.event_type] = e
    return latest


def _place(event: MembershipEvent, *, out: bool) -> str:
    """"dd/mm/yyyy, where": where the member went (out) or came from (in)."""
    where = event.external_place
    if not where and not out and event.from_organization_id:
        where = event.from_organization.name
    return vn_date(event.effective_date) + (f", {where}" if where else "")


def _forces(m: Member) -> str:
    return ", ".join(label for flag, label in ((m.is_army, "quân đội"), (m.is_police, "công an"), (m.is_retired, "hưu trí"))
                     if flag)


def register_rows(members: Iterable[Member], on: dt.date | None, *, user, reveal: bool) -> tuple[list[list], list[Member]]:
    """The rows of the register for `members` (already restricted and filtered), and the members whose
    numbers are shown in full (those `user` asked for and may reveal)."""
    members = list(members)
    base = {r.pk: r for r in rows_for(members, on)}  # status and cell as of `on`, the way the list shows them
    events = _events(members)
    revealed: list[Member] = []
    rows = []
    for index, m in enumerate(members, start=1):
        show = reveal and permissions.may_reveal(user, m)
        if show:
            revealed.append(m)
        number = {f: (getattr(m, f) or "") if show else mask(f, getattr(m, f)) for f in REVEALED}
        ev = events.get(m.pk, {})
        out, into, died = ev.get(EventType.TRANSFERRED_OUT), ev.get(EventType.TRANSFERRED_IN), ev.get(EventType.DECEASED)
        leaving = next((e for t, e in reversed(list(ev.items())) if t in LEAVING), None)
        r = base[m.pk]
        cell = r.organization + (f" — {r.organization_parent}" if r.organization_parent else "")
        work = ", ".join(filter(None, [m.occupation.name if m.occupation_id else "", m.position, m.workplace]))
        notes = ", ".join(filter(None, ["miễn sinh hoạt" if m.is_exempted else "", "đình chỉ sinh hoạt" if m.is_suspended else ""]))
        rows.append([
            index, m.full_name, m.date_of_birth, Sex(m.sex).label if m.sex in Sex.values else m.sex,
            m.ethnicity.name if m.ethnicity_id else "", m.religion.name if m.religion_id else "", m.home_town,
            m.general_education.name if m.general_education_id else "", m.theory_level.name if m.theory_level_id else "",
            m.professional.name if m.professional_id else "", m.foreign_language, work, m.admission_decision_date,
            m.recognition_date, number["party_card_number"], m.record_number, _forces(m),
            _place(out, out=True) if out else "", _place(into, out=False) if into else "",
            died.effective_date if died else None,
            f"{vn_date(leaving.effective_date)}, {LEAVING[leaving.event_type]}" if leaving else "",
            cell, r.status, number["citizen_id"], notes,
        ])
    return rows, revealed


def audit_reveals(user, revealed: list[Member]) -> None:
    """One "members.reveal" entry per member whose numbers the file shows in full (as a reveal on a page)."""
    for m in revealed:
        audit.record(actor=user, action="members.reveal", obj=m, data={"field": "citizen_id, party_card_number",
                                                                         "source": "tệp Excel"},
                     note="Xem số CCCD và số thẻ đảng viên (tệp Excel danh sách đảng viên)")


def build_register(rows: list[list], title: TitleBlock, *, note: str = "") -> bytes:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = spreadsheets.workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    header_row = 3 + len(title.lines()) + 1
    ws.freeze_panes = f"C{header_row + 1}"

    def cell(value, **style):
        c = WriteOnlyCell(ws, value=value)
        for key, val in style.items():
            setattr(c, key, val)
        return c

    ws.append([cell(TITLE, font=Font(bold=True, size=14))])
    ws.append([cell(FORM_NOTE, font=Font(italic=True))])
    for line in title.lines():
        ws.append([cell(line)])
    ws.append([])
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.append([cell(h, font=Font(bold=True), alignment=wrap) for h, _width in COLUMNS])
    for row in rows:
        ws.append([cell(v, number_format="DD/MM/YYYY") if isinstance(v, dt.date) else v for v in row])
    if note:
        ws.append([])
        ws.append([cell(note, font=Font(italic=True))])
    return spreadsheets.to_bytes(wb)
