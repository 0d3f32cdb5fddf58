"""Rules of residence contact: pure functions that return violations or derived values and write
nothing (shared/domain-rules.md §12).

- H1 (QĐ 213-QĐ/TW Điều 1): working members (in agencies, enterprises, public service units and the
  armed forces) keep meeting at their workplace and keep regular contact with the party
  organization and the people where they live; both sides supervise and comment on them. Only a
  working member is introduced; the workplace grassroots committee introduces.
- H3 (Điều 4): the commune or ward committee receives the introduced members, lists them and
  assigns each to a village or street (residential) cell inside it.
- H4 (Điều 4): every 6 months, or when needed, the cells hold a meeting for the working members
  living there. The minimum number of meetings a year is a parameter ("residence.meetings_per_year",
  default 2 from "every 6 months"; H7: no minimum was found, UNCONFIRMED).
- H5 (HD 33-HD/BTCTW điểm 1.1): army and police in barracks, members working away or mobile,
  rotated cadres in duty housing, full-time study of 12 months of the year, students studying away
  are introduced but have no periodic meetings and no periodic annual comment, only a comment when
  needed.
- H6 (HD 33 điểm 1.2): army and police on special duties (and the other listed cases) are not
  introduced at all.
- H7: the due date of the annual comment is not found in the sources: a parameter (month and day,
  default 15/12, UNCONFIRMED), "before the year-end review".
- Before QĐ 213 (2/1/2020) the same duty stood in QĐ 76-QĐ/TW (15/6/2000): the documents cite the
  regulation in force on their date.
"""

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass

from dangvu.core.dates import add_months, vn_date
from dangvu.core.errors import Violation
from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind, UnitType
from dangvu.organizations.tree import OrgFact  # noqa: F401  (rules.OrgFact)
from dangvu.residence.kinds import (
    OPEN_STATUSES,
    RESIDENCE_CELL_KINDS,
    RESIDENCE_UNIT_TYPE,
    WORKING_UNIT_TYPES,
    AttendanceMark,
    CommentAssessment,
    CommentOccasion,
    ContactEndReason,
    ContactStatus,
    IntroductionExemption,
    MeetingExemption,
    MeetingType,
)
from dangvu.rules.parameters import Params
from dangvu.rules.regimes import BY_CODE, Chain, in_force

# The dates come from the one table of regimes (dangvu.rules.regimes, chains "residence" and
# "residence_guidance"): QĐ 76-QĐ/TW (15/6/2000) → QĐ 213-QĐ/TW (2/1/2020); HD 33-HD/BTCTW (30/10/2020).
QD213_DATE = BY_CODE["qd213"].effective
HD33_DATE = BY_CODE["hd33_2020"].effective
SOURCE_H1 = "QĐ 213-QĐ/TW Điều 1"
SOURCE_H3 = "QĐ 213-QĐ/TW Điều 4"
SOURCE_H4 = "QĐ 213-QĐ/TW Điều 4"
SOURCE_H5 = "HD 33-HD/BTCTW điểm 1.1"
SOURCE_H6 = "HD 33-HD/BTCTW điểm 1.2"
SOURCE_H7 = "H7: chưa thấy quy định, tham số mặc định (chưa xác nhận)"

MEETINGS_PER_YEAR = "residence.meetings_per_year"
DUE_MONTH = "residence.comment_due_month"
DUE_DAY = "residence.comment_due_day"


def regulation_on(on: dt.date) -> str:
    """The regulation on residence contact in force on `on`, as a document cites it."""
    doc = in_force(Chain.RESIDENCE, on) or BY_CODE["qd76"]
    return f"{doc.kind} số {doc.number} ngày {doc.issued.day}/{doc.issued.month}/{doc.issued.year} của {doc.issuer}"


def short_regulation_on(on: dt.date) -> str:
    return (in_force(Chain.RESIDENCE, on) or BY_CODE["qd76"]).short


def guidance_on(on: dt.date) -> str:
    """HD 33-HD/BTCTW (30/10/2020) guides QĐ 213 from its date; nothing is cited before it."""
    doc = in_force(Chain.RESIDENCE_GUIDANCE, on)
    return f"{doc.kind} số {doc.number} ngày {doc.issued.day}/{doc.issued.month}/{doc.issued.year} của {doc.issuer}" if doc else ""


# ---------------------------------------------------------------- which organizations

def is_working_unit(unit_type: str) -> bool:
    return unit_type in WORKING_UNIT_TYPES


def is_receiving_organization(kind: str, unit_type: str) -> bool:
    """H3: the commune or ward committee (since 1/7/2025 a commune committee; before, the grassroots
    committee or grassroots cell of a commune, ward or township)."""
    return kind == Kind.COMMUNE_COMMITTEE or (kind in GRASSROOTS_KINDS and unit_type == UnitType.COMMUNE_WARD)


def is_residence_cell(kind: str, unit_type: str) -> bool:
    return kind in RESIDENCE_CELL_KINDS and unit_type == RESIDENCE_UNIT_TYPE


def _required(value, field: str, label: str, code: str) -> list[Violation]:
    if value in (None, ""):
        return [Violation(code, f"{label}: bắt buộc nhập.", field)]
    return []


def _not_future(value: dt.date | None, today: dt.date, field: str, label: str, code: str) -> list[Violation]:
    if value is not None and value > today:
        return [Violation(code, f"{label} ({vn_date(value)}) không thể sau ngày hôm nay.", field)]
    return []


def _working_member(member_name: str, in_party: bool, cell: OrgFact | None) -> list[Violation]:
    if not in_party or cell is None:
        return [Violation("residence.not_in_party", f"Đảng viên: {member_name} không còn sinh hoạt đảng.", "member", SOURCE_H1)]
    if not is_working_unit(cell.unit_type):
        label = UnitType(cell.unit_type).label if cell.unit_type in UnitType.values else cell.unit_type
        return [Violation("residence.not_working", f"Đảng viên: {member_name} sinh hoạt tại {cell.name} (loại hình đơn vị: "
                          f"{label.lower()}), không phải đảng viên đang công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp, "
                          "lực lượng vũ trang: không thuộc diện giới thiệu về nơi cư trú.", "member", SOURCE_H1)]
    return []


# ---------------------------------------------------------------- H1, H3, H5: the introduction

@dataclass(frozen=True)
class IntroduceFacts:
    member_name: str
    member_in_party: bool
    cell: OrgFact | None  # the member's workplace cell
    open_contact: str  # what the member already has open ("" if nothing)
    letter_number: str
    letter_date: dt.date | None
    residence_address: str
    receiving: OrgFact | None  # the commune or ward (in the system)
    receiving_text: str  # or where, outside the system
    meeting_exemption: str
    number_taken: bool


def check_introduce(f: IntroduceFacts, today: dt.date) -> list[Violation]:
    v = _working_member(f.member_name, f.member_in_party, f.cell)
    if f.open_contact:
        v.append(Violation("residence.open_contact", f"Đảng viên: {f.member_name} {f.open_contact}; kết thúc việc đó trước khi "
                           "giới thiệu lại.", "member"))
    v += _required(f.letter_number, "letter_number", "Số giấy giới thiệu", "residence.letter_number")
    if f.number_taken:
        v.append(Violation("residence.number_taken", f"Số giấy giới thiệu: số {f.letter_number} đã dùng trong năm "
                           f"{f.letter_date.year} cho giấy giới thiệu khác của cùng cấp ủy.", "letter_number"))
    v += _required(f.letter_date, "letter_date", "Ngày giới thiệu", "residence.letter_date")
    v += _not_future(f.letter_date, today, "letter_date", "Ngày giới thiệu", "residence.letter_future")
    v += _required(f.residence_address.strip(), "residence_address", "Địa chỉ nơi cư trú", "residence.address")
    if f.receiving is None and not f.receiving_text.strip():
        v.append(Violation("residence.receiving_required", "Đảng ủy xã, phường nơi cư trú: bắt buộc chọn (trong hệ thống) "
                           "hoặc ghi nơi cư trú ngoài hệ thống.", "receiving_organization", SOURCE_H3))
    elif f.receiving is not None:
        if not is_receiving_organization(f.receiving.kind, f.receiving.unit_type):
            v.append(Violation("residence.receiving_kind", f"Đảng ủy xã, phường nơi cư trú: {f.receiving.name} không phải đảng ủy "
                               "xã, phường, thị trấn, đặc khu; đảng viên được giới thiệu về đảng ủy xã, phường nơi cư trú.",
                               "receiving_organization", SOURCE_H3))
        elif not f.receiving.active:
            v.append(Violation("residence.receiving_inactive", f"Đảng ủy xã, phường nơi cư trú: {f.receiving.name} không hoạt "
                               f"động vào ngày giới thiệu ({vn_date(f.letter_date)}).", "receiving_organization"))
    if f.meeting_exemption and f.meeting_exemption not in MeetingExemption.values:
        v.append(Violation("residence.meeting_exemption", "Diện không sinh hoạt định kỳ ở nơi cư trú: giá trị không hợp lệ.",
                           "meeting_exemption", SOURCE_H5))
    return v


# ---------------------------------------------------------------- H6: exempt from being introduced

@dataclass(frozen=True)
class ExemptFacts:
    member_name: str
    member_in_party: bool
    cell: OrgFact | None
    open_contact: str
    category: str
    decided_on: dt.date | None
    note: str


def check_exempt(f: ExemptFacts, today: dt.date) -> list[Violation]:
    v = _working_member(f.member_name, f.member_in_party, f.cell)
    if f.open_contact:
        v.append(Violation("residence.open_contact", f"Đảng viên: {f.member_name} {f.open_contact}.", "member"))
    if f.category not in IntroductionExemption.values:
        v.append(Violation("residence.exemption_category", "Diện không giới thiệu: bắt buộc chọn.", "introduction_exemption",
                           SOURCE_H6))
    elif f.category == IntroductionExemption.OTHER and not f.note.strip():
        v.append(Violation("residence.exemption_note", "Ghi chú: ghi rõ trường hợp không giới thiệu theo HD 33-HD/BTCTW "
                           "điểm 1.2.", "exemption_note", SOURCE_H6))
    v += _required(f.decided_on, "decided_on", "Ngày xác định", "residence.decided_on")
    v += _not_future(f.decided_on, today, "decided_on", "Ngày xác định", "residence.decided_future")
    return v


# ---------------------------------------------------------------- H3: receipt and assignment

def check_receive(*, status: str, letter_date: dt.date, received_on: dt.date | None, today: dt.date) -> list[Violation]:
    v = []
    if status != ContactStatus.AWAITING:
        v.append(Violation("residence.not_awaiting", "Giấy giới thiệu không ở tình trạng chờ tiếp nhận.", None))
    v += _required(received_on, "received_on", "Ngày tiếp nhận", "residence.received_on")
    if received_on is not None and received_on < letter_date:
        v.append(Violation("residence.received_before_letter", f"Ngày tiếp nhận ({vn_date(received_on)}) không thể trước ngày "
                           f"giới thiệu ({vn_date(letter_date)}).", "received_on"))
    v += _not_future(received_on, today, "received_on", "Ngày tiếp nhận", "residence.received_future")
    return v


def check_assign(*, receiving: OrgFact, cell: OrgFact | None, current_cell_id: int | None, assigned_on: dt.date | None,
                 received_on: dt.date | None, current_assigned_on: dt.date | None, cell_in_scope: bool,
                 today: dt.date) -> list[Violation]:
    v = []
    if cell is None:
        v.append(Violation("residence.cell_required", "Chi bộ nơi cư trú: bắt buộc chọn.", "residence_cell", SOURCE_H3))
    else:
        if not is_residence_cell(cell.kind, cell.unit_type):
            v.append(Violation("residence.cell_kind", f"Chi bộ nơi cư trú: {cell.name} không phải chi bộ thôn, tổ dân phố, khu "
                               "dân cư.", "residence_cell", SOURCE_H3))
        if not receiving.contains(cell):
            v.append(Violation("residence.cell_outside", f"Chi bộ nơi cư trú: {cell.name} không thuộc {receiving.name}, nơi "
                               "đảng viên được giới thiệu về.", "residence_cell", SOURCE_H3))
        elif not cell_in_scope:
            v.append(Violation("residence.cell_scope", f"Chi bộ nơi cư trú: bạn không có quyền phân công vào {cell.name}.",
                               "residence_cell"))
        if not cell.active:
            v.append(Violation("residence.cell_inactive", f"Chi bộ nơi cư trú: {cell.name} không hoạt động vào ngày phân công.",
                               "residence_cell"))
        if current_cell_id is not None and cell.id == current_cell_id:
            v.append(Violation("residence.same_cell", f"Chi bộ nơi cư trú: đảng viên đang được phân công về {cell.name}.",
                               "residence_cell"))
    v += _required(assigned_on, "assigned_on", "Ngày phân công", "residence.assigned_on")
    if assigned_on is not None:
        floor = current_assigned_on or received_on
        if floor is not None and assigned_on < floor:
            what = "ngày phân công trước đó" if current_assigned_on else "ngày tiếp nhận"
            v.append(Violation("residence.assigned_too_early", f"Ngày phân công ({vn_date(assigned_on)}) không thể trước {what} "
                               f"({vn_date(floor)}).", "assigned_on"))
        v += _not_future(assigned_on, today, "assigned_on", "Ngày phân công", "residence.assigned_future")
    return v


# ---------------------------------------------------------------- the end of a contact

RESIDENCE_SIDE_ONLY = frozenset({ContactEndReason.RETURNED})
EXEMPT_REASONS = frozenset({ContactEndReason.NO_LONGER_EXEMPT, ContactEndReason.WORKPLACE_CHANGED,
                            ContactEndReason.LEFT_PARTY, ContactEndReason.RETIRED, ContactEndReason.OTHER})


@dataclass(frozen=True)
class EndFacts:
    status: str
    reason: str
    ended_on: dt.date | None
    start: dt.date  # the letter's date (or the date the exemption was decided)
    note: str
    residence_side: bool  # the person ending it speaks for the residence (else for the workplace)
    member_in_party: bool
    member_cell: OrgFact | None
    residence_cell_id: int | None


def check_end(f: EndFacts, today: dt.date) -> list[Violation]:
    v = []
    if f.status not in OPEN_STATUSES:
        return [Violation("residence.not_open", "Việc giữ mối liên hệ này đã kết thúc.", None)]
    if f.reason not in ContactEndReason.values:
        v.append(Violation("residence.end_reason", "Lý do kết thúc: bắt buộc chọn.", "contact_end_reason"))
    else:
        if f.reason in RESIDENCE_SIDE_ONLY and not f.residence_side:
            v.append(Violation("residence.return_side", "Lý do kết thúc: chỉ đảng ủy xã, phường nơi cư trú trả lại giấy giới "
                               "thiệu.", "contact_end_reason", SOURCE_H3))
        if f.reason == ContactEndReason.RETURNED and f.status not in (ContactStatus.AWAITING, ContactStatus.RECEIVED):
            v.append(Violation("residence.return_status", "Lý do kết thúc: chỉ trả lại giấy giới thiệu chưa phân công về chi "
                               "bộ.", "contact_end_reason"))
        if f.status == ContactStatus.EXEMPT and f.reason not in EXEMPT_REASONS:
            v.append(Violation("residence.exempt_reason", "Lý do kết thúc: đảng viên không thuộc diện giới thiệu; chọn “Hết "
                               "thuộc diện không giới thiệu” hoặc lý do phù hợp.", "contact_end_reason"))
        if f.reason == ContactEndReason.NO_LONGER_EXEMPT and f.status != ContactStatus.EXEMPT:
            v.append(Violation("residence.not_exempt", "Lý do kết thúc: đảng viên đã được giới thiệu, không phải diện không "
                               "giới thiệu.", "contact_end_reason"))
        if f.reason == ContactEndReason.LEFT_PARTY and f.member_in_party:
            v.append(Violation("residence.still_in_party", "Lý do kết thúc: đảng viên vẫn còn trong Đảng theo sổ đảng viên.",
                               "contact_end_reason"))
        if f.reason == ContactEndReason.RETIRED:
            if f.member_cell is not None and is_working_unit(f.member_cell.unit_type):
                v.append(Violation("residence.still_working", f"Lý do kết thúc: đảng viên vẫn sinh hoạt tại {f.member_cell.name}; "
                                   "ghi việc chuyển sinh hoạt đảng chính thức về nơi cư trú trước.", "contact_end_reason"))
            elif f.residence_cell_id is not None and f.member_cell is not None and f.member_cell.id != f.residence_cell_id:
                v.append(Violation("residence.retired_elsewhere", f"Lý do kết thúc: đảng viên sinh hoạt tại {f.member_cell.name}, "
                                   "không phải chi bộ nơi cư trú đã phân công.", "contact_end_reason"))
        if f.reason == ContactEndReason.OTHER and not f.note.strip():
            v.append(Violation("residence.end_note", "Ghi chú: ghi rõ lý do kết thúc.", "end_note"))
    v += _required(f.ended_on, "ended_on", "Ngày kết thúc", "residence.ended_on")
    if f.ended_on is not None and f.ended_on < f.start:
        v.append(Violation("residence.ended_before_start", f"Ngày kết thúc ({vn_date(f.ended_on)}) không thể trước ngày giới "
                           f"thiệu ({vn_date(f.start)}).", "ended_on"))
    v += _not_future(f.ended_on, today, "ended_on", "Ngày kết thúc", "residence.ended_future")
    return v


# ---------------------------------------------------------------- H1, H5, H7: the annual comment

def comment_due(year: int, p: Params) -> dt.date:
    """The last day for the residence cell to return its comment of `year` (H7: a parameter, 15/12 by
    default); a day past the month's end is the month's last day (e.g. 31 in a 30-day month)."""
    month = min(max(p[DUE_MONTH], 1), 12)
    day = min(max(p[DUE_DAY], 1), monthrange(year, month)[1])
    return dt.date(year, month, day)


def comment_expected(*, year: int, start_on: dt.date | None, ended_on: dt.date | None, meeting_exemption: str,
                     p: Params) -> bool:
    """Is a periodic comment of `year` asked for? Not for the categories of H5; otherwise when the
    residence answered for the member on the due date (assigned by then, not ended before it)."""
    if meeting_exemption or start_on is None:
        return False
    due = comment_due(year, p)
    return start_on <= due and (ended_on is None or ended_on > due)


def is_late(commented_on: dt.date, due: dt.date | None) -> bool:
    return due is not None and commented_on > due


@dataclass(frozen=True)
class CommentFacts:
    status: str
    in_system: bool  # the residence is a commune or ward of the system (else written down, outside)
    meeting_exemption: str
    start_on: dt.date | None
    year: int | None
    occasion: str
    purpose: str
    text: str
    assessment: str
    commented_on: dt.date | None
    annual_exists: bool


def check_comment(f: CommentFacts, today: dt.date) -> list[Violation]:
    v = []
    if f.status not in (ContactStatus.ASSIGNED, ContactStatus.OUTSIDE):
        v.append(Violation("residence.not_assigned", "Đảng viên chưa được phân công về chi bộ nơi cư trú (hoặc đã kết thúc "
                           "giữ mối liên hệ): chưa nhận xét được.", None, SOURCE_H3))
    if f.occasion not in CommentOccasion.values:
        v.append(Violation("residence.occasion", "Loại nhận xét: bắt buộc chọn.", "comment_occasion"))
    elif f.occasion == CommentOccasion.ANNUAL:
        if f.meeting_exemption:
            label = MeetingExemption(f.meeting_exemption).label.lower()
            v.append(Violation("residence.exempt_no_periodic", f"Loại nhận xét: đảng viên thuộc diện {label}, không nhận xét "
                               "định kỳ hằng năm; chỉ nhận xét khi cần (nhân sự, khen thưởng, kỷ luật).", "comment_occasion",
                               SOURCE_H5))
        if f.annual_exists:
            v.append(Violation("residence.annual_exists", f"Năm: đã có nhận xét định kỳ năm {f.year} cho đảng viên này.", "year"))
    elif not f.purpose.strip():
        v.append(Violation("residence.purpose", "Mục đích nhận xét: ghi rõ (ví dụ phục vụ công tác nhân sự).", "purpose",
                           SOURCE_H5))
    v += _required(f.year, "year", "Năm", "residence.year")
    v += _required(f.text.strip(), "text", "Nội dung nhận xét", "residence.text")
    if f.assessment not in CommentAssessment.values:
        v.append(Violation("residence.assessment", "Kết luận: bắt buộc chọn.", "comment_assessment", SOURCE_H1))
    v += _required(f.commented_on, "commented_on", "Ngày nhận xét", "residence.commented_on")
    v += _not_future(f.commented_on, today, "commented_on", "Ngày nhận xét", "residence.commented_future")
    if f.commented_on is not None and f.start_on is not None and f.commented_on < f.start_on:
        v.append(Violation("residence.comment_before_start", f"Ngày nhận xét ({vn_date(f.commented_on)}) không thể trước ngày "
                           f"đảng viên được phân công về chi bộ nơi cư trú ({vn_date(f.start_on)}).", "commented_on"))
    if f.year is not None:
        if f.commented_on is not None and f.year > f.commented_on.year:
            v.append(Violation("residence.year_future", f"Năm: không nhận xét trước cho năm {f.year} (ngày nhận xét "
                               f"{vn_date(f.commented_on)}).", "year"))
        if f.start_on is not None and f.year < f.start_on.year:
            v.append(Violation("residence.year_before_start", f"Năm: năm {f.year} trước khi đảng viên giữ mối liên hệ với nơi "
                               f"cư trú ({vn_date(f.start_on)}).", "year"))
    return v


# ---------------------------------------------------------------- H4: meetings

def meetings_minimum(p: Params) -> int:
    return p[MEETINGS_PER_YEAR]


def meeting_interval_months(p: Params) -> int:
    """Months between two meetings for the minimum a year (6 for 2 a year, H4)."""
    return max(1, 12 // max(p[MEETINGS_PER_YEAR], 1))


def meetings_shortfall(held: int, p: Params) -> int:
    """How many meetings a cell (or a member's attendance) is short of the yearly minimum."""
    return max(0, p[MEETINGS_PER_YEAR] - held)


def next_meeting_due(last_meeting: dt.date | None, first_assigned: dt.date, p: Params) -> dt.date:
    """When the next meeting for working members is due: an interval after the last one (or after the
    first working member was assigned to the cell, if there has been none since)."""
    reference = max(last_meeting, first_assigned) if last_meeting else first_assigned
    return add_months(reference, meeting_interval_months(p))


@dataclass(frozen=True)
class Attendee:
    contact_id: int
    member_name: str
    start_on: dt.date | None
    ended_on: dt.date | None
    exempt: bool  # H5: not held to the meetings

    def assigned_on(self, day: dt.date) -> bool:
        return self.start_on is not None and self.start_on <= day and (self.ended_on is None or self.ended_on > day)


@dataclass(frozen=True)
class MeetingFacts:
    cell: OrgFact | None
    held_on: dt.date | None
    meeting_type: str
    content: str
    duplicate: bool
    attendees: tuple[Attendee, ...]  # contacts assigned to the cell
    marks: tuple[tuple[int, str, str], ...]  # (contact id, mark, reason)


def check_meeting(f: MeetingFacts, today: dt.date) -> list[Violation]:
    v = []
    if f.cell is None:
        v.append(Violation("residence.meeting_cell", "Chi bộ nơi cư trú: bắt buộc chọn.", "cell"))
    else:
        if not is_residence_cell(f.cell.kind, f.cell.unit_type):
            v.append(Violation("residence.meeting_cell_kind", f"Chi bộ nơi cư trú: {f.cell.name} không phải chi bộ thôn, tổ dân "
                               "phố, khu dân cư.", "cell", SOURCE_H4))
        elif not f.cell.active:
            v.append(Violation("residence.meeting_cell_inactive", f"Chi bộ nơi cư trú: {f.cell.name} không hoạt động vào ngày "
                               "sinh hoạt.", "cell"))
    v += _required(f.held_on, "held_on", "Ngày sinh hoạt", "residence.held_on")
    v += _not_future(f.held_on, today, "held_on", "Ngày sinh hoạt", "residence.held_future")
    if f.meeting_type not in MeetingType.values:
        v.append(Violation("residence.meeting_type", "Hình thức: bắt buộc chọn.", "meeting_type"))
    v += _required(f.content.strip(), "content", "Nội dung", "residence.content")
    if f.duplicate:
        v.append(Violation("residence.meeting_duplicate", f"Ngày sinh hoạt: chi bộ đã ghi một buổi sinh hoạt ngày "
                           f"{vn_date(f.held_on)}.", "held_on"))
    by_id = {a.contact_id: a for a in f.attendees}
    seen = set()
    for contact_id, mark, reason in f.marks:
        person = by_id.get(contact_id)
        if person is None or (f.held_on is not None and not person.assigned_on(f.held_on)):
            name = person.member_name if person else f"id {contact_id}"
            v.append(Violation("residence.attendee_not_assigned", f"Tham dự: {name} không được phân công về chi bộ này vào ngày "
                               "sinh hoạt.", "attendance"))
            continue
        if contact_id in seen:
            v.append(Violation("residence.attendee_twice", f"Tham dự: {person.member_name} được ghi hai lần.", "attendance"))
        seen.add(contact_id)
        if mark not in AttendanceMark.values:
            v.append(Violation("residence.mark", f"Tham dự: chọn có mặt hoặc vắng cho {person.member_name}.", "attendance"))
        elif mark == AttendanceMark.EXCUSED and not reason.strip():
            v.append(Violation("residence.absence_reason", f"Tham dự: ghi lý do vắng của {person.member_name}.", "attendance"))
    if f.held_on is not None:
        for person in f.attendees:
            if person.assigned_on(f.held_on) and not person.exempt and person.contact_id not in seen:
                v.append(Violation("residence.attendee_missing", f"Tham dự: chưa ghi có mặt hay vắng của {person.member_name}.",
                                   "attendance", SOURCE_H4))
    return v
