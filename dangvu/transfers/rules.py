"""Rules of transfers of party activity and of exemption: pure functions that return violations
or derived values and write nothing (shared/domain-rules.md §2, §5, O14).

- T1: the paperwork of a permanent transfer is done within 60 working days of the decision that
  makes it necessary (job change, retirement, move…); later needs a reason.
- T2: who introduces the member: the grassroots committee inside its own organization (internal
  letters) and for temporary transfers; for a move out of the grassroots organization, its direct
  superior committee (the district, since 1/7/2025 the commune or ward committee; the provincial
  organization board for a grassroots organization directly under the province).
- T3: the member presents the letter within 30 working days of the issue date (QĐ 294-QĐ/TW and
  later); 30 calendar days before it. Later presentation needs a reason, recorded for the
  competent committee.
- T4/T5: temporary transfers last 3 months to under 12 months (work, residence; abroad), or
  3 months to 24 months for full-time study in Viet Nam.
- T6/T8/O14: a member on temporary transfer is counted at home, not at the host, and has no vote
  there; members away and exempted members count toward the home vote base only if they attend.
- T11: the member's self-review of the year before the transfer comes with the letter.
- M5/M7: the cell decides an exemption, on the listed grounds; maternity is for women members.
"""

import datetime as dt
from dataclasses import dataclass

from dangvu.core.dates import add_months, vn_date
from dangvu.core.errors import Violation
from dangvu.members.kinds import IN_PARTY, Sex
from dangvu.members.rules import months_between
from dangvu.organizations.kinds import Kind
from dangvu.organizations.tree import OrgFact, grassroots_of, placement  # noqa: F401  (rules.OrgFact, rules.grassroots_of)
from dangvu.rules.parameters import Params
from dangvu.rules.workdays import WorkCalendar, add_working_days
from dangvu.transfers.kinds import (
    PERMANENT_KINDS,
    SELF_REVIEW_KINDS,
    TEMPORARY_KINDS,
    ExemptionReason,
    LetterStatus,
    Purpose,
    TransferKind,
)

SOURCE_T1 = "QĐ 294-QĐ/TW điểm 6.3.1a"
SOURCE_T2 = "QĐ 294-QĐ/TW điểm 6.3.1; HD 01-HD/TW (2021) điểm 10"
SOURCE_T3_WORKING = "QĐ 294-QĐ/TW điểm 6.3.1"
SOURCE_T3_CALENDAR = "HD 09-HD/BTCTW (2017); quy định trước QĐ 294-QĐ/TW"
SOURCE_T4 = "QĐ 24/232-QĐ/TW điểm 6.3.2; HD 01-HD/TW (2021) điểm 10.2.2"
SOURCE_T5 = "HD 01-HD/TW (2021) điểm 10.2.2"
SOURCE_T6 = "QĐ 232-QĐ/TW điểm 6.3.2"
SOURCE_T9 = "Danh mục tài liệu hồ sơ đảng viên (giấy giới thiệu sinh hoạt đảng nội bộ)"
SOURCE_T11 = "HD 01-HD/TW (2021) điểm 10"
SOURCE_O14 = "QĐ 294-QĐ/TW điểm 9.3.2; HD 01-HD/TW (2016) điểm 13.2"
SOURCE_M5 = "QĐ 232-QĐ/TW Điều 7.1"
SOURCE_M7 = "HD 12-HD/BTCTW (18/1/2022) điểm IV.1.2"

# Organizations a member's cell may be (members live in cells and grassroots cells).
CELL_KINDS = frozenset({Kind.CELL, Kind.GRASSROOTS_CELL})


# ---------------------------------------------------------------- T2: who introduces

def issuing_body(kind: str, chain: list[OrgFact]) -> OrgFact:
    """The committee that issues the letter (T2), from the chain root → member's cell on the issue date.

    Inside the grassroots organization (internal) and for temporary transfers: the grassroots
    committee. Out of it (official, abroad, outside the system): its direct superior committee,
    which is the province itself (its organization board) for a grassroots organization directly
    under the province, and the commune committee itself for a cell placed directly under it (since
    1/7/2025 it is both; organizations.tree.placement).
    """
    place = placement(chain)
    if place.grassroots is None:
        return chain[-1]
    if kind in (TransferKind.INTERNAL, TransferKind.TEMPORARY):
        return place.grassroots
    return place.superior or place.grassroots


# ---------------------------------------------------------------- T3: presentation deadline

def presentation_deadline(issue_date: dt.date, days: int, working_days: bool, cal: WorkCalendar = WorkCalendar()) -> dt.date:
    """The last day to present the letter: the `days`-th working day after the issue date (QĐ 294 and
    later), or `days` calendar days after it (before)."""
    if working_days:
        return add_working_days(issue_date, days, cal)
    return issue_date + dt.timedelta(days=days)


def deadline_source(working_days: bool) -> str:
    return SOURCE_T3_WORKING if working_days else SOURCE_T3_CALENDAR


# ---------------------------------------------------------------- T4/T5: temporary period

def check_period(kind: str, purpose: str, start: dt.date | None, end: dt.date | None, p: Params) -> list[Violation]:
    """Bounds of a temporary transfer (T4, T5), counted in months from the first day."""
    v: list[Violation] = []
    if start is None:
        v.append(Violation("transfer.period_start", "Sinh hoạt tạm thời từ ngày: bắt buộc nhập.", "period_start"))
    if end is None:
        v.append(Violation("transfer.period_end", "Sinh hoạt tạm thời đến ngày: bắt buộc nhập.", "period_end"))
    if kind == TransferKind.TEMPORARY and purpose not in Purpose.values:
        v.append(Violation("transfer.purpose", "Mục đích sinh hoạt tạm thời: chọn công tác, cư trú hoặc học tập.", "purpose"))
    if v:
        return v
    if end <= start:
        return [Violation("transfer.period_order", f"Đến ngày ({vn_date(end)}) phải sau ngày bắt đầu ({vn_date(start)}).",
                          "period_end")]
    shortest = add_months(start, p["transfer.temporary_min_months"])
    length = _length(start, end)
    if end < shortest:
        v.append(Violation("transfer.period_too_short", f"Thời gian sinh hoạt tạm thời ({length}) ngắn hơn "
                           f"{p['transfer.temporary_min_months']} tháng (phải đến ít nhất ngày {vn_date(shortest)}); "
                           "dưới mức này đảng viên không chuyển sinh hoạt tạm thời.", "period_end",
                           SOURCE_T5 if kind == TransferKind.ABROAD else SOURCE_T4))
    if kind == TransferKind.ABROAD:
        months = p["transfer.abroad_max_months"]
        if end >= add_months(start, months):
            v.append(Violation("transfer.period_too_long", f"Thời gian sinh hoạt tạm thời ở nước ngoài ({length}) phải dưới "
                               f"{months} tháng (trước ngày {vn_date(add_months(start, months))}).", "period_end", SOURCE_T5))
    elif purpose == Purpose.STUDY:
        months = p["transfer.study_max_months"]
        if end > add_months(start, months):
            v.append(Violation("transfer.period_too_long", f"Thời gian học tập trung ({length}) quá {months} tháng "
                               f"(đến chậm nhất ngày {vn_date(add_months(start, months))}); dài hơn thì chuyển sinh hoạt "
                               "chính thức.", "period_end", SOURCE_T4))
    else:
        months = p["transfer.temporary_max_months"]
        if end >= add_months(start, months):
            v.append(Violation("transfer.period_too_long", f"Thời gian sinh hoạt tạm thời ({length}) phải dưới {months} tháng "
                               f"(trước ngày {vn_date(add_months(start, months))}); từ {months} tháng trở lên thì chuyển "
                               "sinh hoạt chính thức.", "period_end", SOURCE_T4))
    return v


def _length(start: dt.date, end: dt.date) -> str:
    months = months_between(start, end)
    days = (end - add_months(start, months)).days
    return f"{months} tháng" + (f" {days} ngày" if days else "")


# ---------------------------------------------------------------- issuing a letter

@dataclass(frozen=True)
class IssueFacts:
    kind: str
    number: str
    issue_date: dt.date
    member_name: str
    member_status: str
    member_cell: OrgFact | None
    grassroots: OrgFact | None
    destination: OrgFact | None = None
    destination_text: str = ""
    basis: str = ""
    basis_date: dt.date | None = None
    late_issue_reason: str = ""
    purpose: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    self_review: bool = False
    self_review_date: dt.date | None = None
    temporarily_away_at: str = ""  # name of the host cell when the member is away (by an event)
    open_letter: str = ""  # number of the member's open letter, if any
    number_taken: bool = False
    t1_deadline: dt.date | None = None  # the 60th working day after the basis date
    t1_working_days: int | None = None  # T1's working days in force on the basis decision's date


def check_issue(f: IssueFacts, p: Params, today: dt.date) -> list[Violation]:
    v: list[Violation] = []
    if f.kind not in TransferKind.values:
        return [Violation("transfer.kind", f"Loại giấy giới thiệu: “{f.kind}” không tồn tại.", "kind")]
    # The member
    if f.member_status not in IN_PARTY or f.member_cell is None:
        v.append(Violation("transfer.not_in_party", f"{f.member_name} không còn sinh hoạt đảng trong hệ thống: không thể "
                           "giới thiệu chuyển sinh hoạt.", "member"))
    if f.open_letter:
        v.append(Violation("transfer.open_letter", f"{f.member_name} đang có giấy giới thiệu số {f.open_letter} chưa kết thúc; "
                           "mỗi đảng viên chỉ có một giấy giới thiệu đang hiệu lực (hãy hủy giấy đó, chờ tiếp nhận hoặc ghi "
                           "trở về trước).", "member"))
    elif f.temporarily_away_at:
        v.append(Violation("transfer.member_away", f"{f.member_name} đang sinh hoạt tạm thời tại {f.temporarily_away_at}: ghi "
                           "trở về trước khi giới thiệu chuyển sinh hoạt.", "member", SOURCE_T6))
    # The letter
    number = f.number.strip()
    if not number:
        v.append(Violation("transfer.number", "Số giấy giới thiệu: bắt buộc nhập.", "number"))
    elif f.number_taken:
        v.append(Violation("transfer.number_taken", f"Số giấy giới thiệu: số {number} đã được cấp trong năm {f.issue_date.year} "
                           "bởi cùng cấp ủy.", "number"))
    if f.issue_date > today:
        v.append(Violation("transfer.issue_future", "Ngày cấp: không thể sau ngày hôm nay.", "issue_date"))
    v += _check_destination(f)
    # The basis (T1) and the self-review (T11)
    if f.kind != TransferKind.INTERNAL:
        if not f.basis.strip():
            v.append(Violation("transfer.basis", "Căn cứ chuyển sinh hoạt: ghi quyết định hoặc văn bản của cấp có thẩm quyền "
                               "(chuyển công tác, nghỉ hưu, cử đi học, thay đổi nơi cư trú…).", "basis", SOURCE_T1))
        if f.basis_date is None:
            v.append(Violation("transfer.basis_date", "Ngày của quyết định căn cứ: bắt buộc nhập.", "basis_date", SOURCE_T1))
    if f.basis_date is not None:
        if f.basis_date > f.issue_date:
            v.append(Violation("transfer.basis_after_issue", f"Ngày của quyết định căn cứ ({vn_date(f.basis_date)}) không thể "
                               f"sau ngày cấp giấy giới thiệu ({vn_date(f.issue_date)}).", "basis_date"))
        elif (f.kind in PERMANENT_KINDS and f.t1_deadline is not None and f.issue_date > f.t1_deadline
              and not f.late_issue_reason.strip()):
            v.append(Violation("transfer.t1_late", f"Lý do làm thủ tục chậm: giấy cấp ngày {vn_date(f.issue_date)}, quá "
                               f"{f.t1_working_days or p['transfer.official_working_days']} ngày làm việc kể từ quyết định ngày "
                               f"{vn_date(f.basis_date)} (hạn {vn_date(f.t1_deadline)}); phải ghi lý do.", "late_issue_reason",
                               SOURCE_T1))
    if f.kind in SELF_REVIEW_KINDS and not f.self_review:
        v.append(Violation("transfer.self_review", "Bản tự kiểm điểm năm trước: đảng viên chuyển sinh hoạt phải nộp bản tự "
                           "kiểm điểm của năm trước khi chuyển, có nhận xét của cấp ủy cơ sở.", "self_review", SOURCE_T11))
    if f.self_review_date is not None and f.self_review_date > f.issue_date:
        v.append(Violation("transfer.self_review_date", f"Ngày nhận xét bản tự kiểm điểm ({vn_date(f.self_review_date)}) không "
                           f"thể sau ngày cấp ({vn_date(f.issue_date)}).", "self_review_date"))
    # The period (T4, T5)
    if f.kind in TEMPORARY_KINDS:
        v += check_period(f.kind, f.purpose, f.period_start, f.period_end, p)
        if f.period_end is not None and f.period_end <= f.issue_date:
            v.append(Violation("transfer.period_past", f"Đến ngày ({vn_date(f.period_end)}) phải sau ngày cấp giấy "
                               f"({vn_date(f.issue_date)}).", "period_end"))
    return v


def _check_destination(f: IssueFacts) -> list[Violation]:
    v: list[Violation] = []
    dest, text = f.destination, f.destination_text.strip()
    if f.kind == TransferKind.OUTSIDE:
        if dest is not None:
            v.append(Violation("transfer.outside_in_system", "Nơi đến: đây là giấy chuyển ra ngoài hệ thống; chọn “chính thức” "
                               "nếu nơi đến là tổ chức đảng trong hệ thống.", "destination"))
        if not text:
            v.append(Violation("transfer.destination_text", "Nơi đến (ngoài hệ thống): bắt buộc ghi tên tổ chức đảng nơi đến.",
                               "destination_text"))
        return v
    if dest is None:
        if f.kind == TransferKind.ABROAD:
            if not text:
                v.append(Violation("transfer.destination_abroad", "Nơi đến: chọn tổ chức đảng ở nước ngoài trong hệ thống, hoặc "
                                   "ghi nơi đến.", "destination_text"))
        else:
            v.append(Violation("transfer.destination", "Nơi đến: bắt buộc chọn tổ chức đảng trong hệ thống.", "destination"))
        return v
    if not dest.active:
        v.append(Violation("transfer.destination_inactive", f"Nơi đến: “{dest.name}” không hoạt động vào ngày "
                           f"{vn_date(f.issue_date)}.", "destination"))
    if dest.kind == Kind.PARTY_GROUP:
        v.append(Violation("transfer.destination_group", f"Nơi đến: “{dest.name}” là tổ đảng; giới thiệu đến chi bộ hoặc cấp "
                           "ủy.", "destination"))
    cell, grassroots = f.member_cell, f.grassroots
    if cell is None:
        return v
    if dest.id == cell.id:
        v.append(Violation("transfer.destination_same", f"Nơi đến: đảng viên đang sinh hoạt tại “{cell.name}”.", "destination"))
        return v
    if f.kind == TransferKind.INTERNAL:
        if grassroots is None or grassroots.id == cell.id:
            v.append(Violation("transfer.internal_no_cells", f"Loại giấy giới thiệu: “{cell.name}” là chi bộ cơ sở, không có chi "
                               "bộ trực thuộc để chuyển sinh hoạt nội bộ.", "kind", SOURCE_T9))
        elif not grassroots.contains(dest) or dest.kind not in CELL_KINDS:
            v.append(Violation("transfer.internal_outside", f"Nơi đến: chuyển sinh hoạt nội bộ là đến một chi bộ khác trong "
                               f"“{grassroots.name}”; “{dest.name}” không phải.", "destination", SOURCE_T9))
    elif f.kind == TransferKind.OFFICIAL and grassroots is not None and grassroots.contains(dest):
        v.append(Violation("transfer.official_inside", f"Nơi đến: “{dest.name}” ở trong “{grassroots.name}”; giữa các chi bộ "
                           "của cùng tổ chức cơ sở đảng thì cấp giấy giới thiệu sinh hoạt nội bộ.", "destination", SOURCE_T9))
    return v


# ---------------------------------------------------------------- receiving a letter

@dataclass(frozen=True)
class ReceiptFacts:
    kind: str
    status: str
    number: str
    issue_date: dt.date
    presentation_deadline: dt.date | None
    deadline_in_working_days: bool
    destination: OrgFact | None
    from_cell: OrgFact
    grassroots: OrgFact | None  # the grassroots organization the member leaves
    member_name: str
    member_status: str
    member_cell_id: int | None  # where the member is now
    receiving_cell: OrgFact | None
    received_on: dt.date | None
    late_reason: str = ""
    cell_in_scope: bool = True


def check_receipt(f: ReceiptFacts, today: dt.date) -> list[Violation]:
    if f.status != LetterStatus.ISSUED or f.destination is None:
        return [Violation("transfer.not_awaiting", f"Giấy giới thiệu số {f.number} không ở tình trạng chờ tiếp nhận "
                          f"({LetterStatus(f.status).label.lower()}).", None)]
    v: list[Violation] = []
    if f.member_status not in IN_PARTY or f.member_cell_id != f.from_cell.id:
        v.append(Violation("transfer.member_moved", f"{f.member_name} không còn sinh hoạt tại “{f.from_cell.name}” như khi cấp "
                           "giấy: không tiếp nhận theo giấy này được; bên giới thiệu cần hủy giấy.", None))
    cell = f.receiving_cell
    if cell is None:
        v.append(Violation("transfer.receiving_cell", "Chi bộ tiếp nhận: bắt buộc chọn.", "receiving_cell"))
    else:
        if cell.kind not in CELL_KINDS:
            v.append(Violation("transfer.receiving_kind", f"Chi bộ tiếp nhận: “{cell.name}” không phải chi bộ.", "receiving_cell"))
        elif not f.destination.contains(cell):
            v.append(Violation("transfer.receiving_outside", f"Chi bộ tiếp nhận: “{cell.name}” không thuộc “{f.destination.name}”, "
                               "nơi giấy giới thiệu gửi đến.", "receiving_cell"))
        elif not f.cell_in_scope:
            v.append(Violation("transfer.receiving_scope", f"Chi bộ tiếp nhận: “{cell.name}” ngoài phạm vi bạn được tiếp nhận "
                               "đảng viên.", "receiving_cell"))
        elif cell.id == f.from_cell.id:
            v.append(Violation("transfer.receiving_same", f"Chi bộ tiếp nhận: đảng viên đang sinh hoạt tại “{cell.name}”.",
                               "receiving_cell"))
        elif f.kind == TransferKind.OFFICIAL and f.grassroots is not None and f.grassroots.contains(cell):
            v.append(Violation("transfer.receiving_inside", f"Chi bộ tiếp nhận: “{cell.name}” ở trong “{f.grassroots.name}”, "
                               "nơi đảng viên chuyển đi.", "receiving_cell"))
        if not cell.active:
            v.append(Violation("transfer.receiving_inactive", f"Chi bộ tiếp nhận: “{cell.name}” không hoạt động vào ngày tiếp "
                               "nhận.", "receiving_cell"))
    on = f.received_on
    if on is None:
        v.append(Violation("transfer.received_on", "Ngày tiếp nhận: bắt buộc nhập.", "received_on"))
        return v
    if on < f.issue_date:
        v.append(Violation("transfer.received_before_issue", f"Ngày tiếp nhận ({vn_date(on)}) không thể trước ngày cấp giấy "
                           f"({vn_date(f.issue_date)}).", "received_on"))
    if on > today:
        v.append(Violation("transfer.received_future", "Ngày tiếp nhận: không thể sau ngày hôm nay.", "received_on"))
    if f.presentation_deadline is not None and on > f.presentation_deadline and not f.late_reason.strip():
        unit = "ngày làm việc" if f.deadline_in_working_days else "ngày"
        v.append(Violation("transfer.late_presentation", f"Lý do xuất trình chậm: giấy giới thiệu phải được xuất trình trong 30 "
                           f"{unit} kể từ ngày cấp, tức chậm nhất ngày {vn_date(f.presentation_deadline)}; xuất trình ngày "
                           f"{vn_date(on)} phải ghi rõ lý do để cấp ủy có thẩm quyền xem xét.", "late_reason",
                           deadline_source(f.deadline_in_working_days)))
    return v


def is_late(presentation_deadline: dt.date | None, received_on: dt.date) -> bool:
    return presentation_deadline is not None and received_on > presentation_deadline


# ---------------------------------------------------------------- exemption (M5–M7)

def age_years(born: dt.date, on: dt.date) -> int:
    return months_between(born, on) // 12


def advanced_age(sex: str, born: dt.date | None, on: dt.date, p: Params) -> bool:
    """Past working age as HD 27-HD/BTCTW (2009) put it (a hint only: QĐ 232/24 fix no age, M5)."""
    if born is None:
        return False
    limit = p["exemption.advanced_age_women"] if sex == Sex.FEMALE else p["exemption.advanced_age_men"]
    return age_years(born, on) >= limit


def check_exemption(reason: str, sex: str, decision_date: dt.date | None, effective_date: dt.date | None) -> list[Violation]:
    v: list[Violation] = []
    if reason not in ExemptionReason.values:
        v.append(Violation("exemption.reason", "Lý do miễn: chọn một lý do trong danh mục.", "reason", SOURCE_M7))
    elif reason == ExemptionReason.MATERNITY and sex != Sex.FEMALE:
        v.append(Violation("exemption.maternity", "Lý do miễn: nghỉ thai sản chỉ áp dụng với đảng viên nữ.", "reason", SOURCE_M7))
    if decision_date is None:
        v.append(Violation("exemption.decision_date", "Ngày quyết định của chi bộ: bắt buộc nhập (chi bộ xem xét, quyết định).",
                           "decision_date", SOURCE_M5))
    elif effective_date is not None and effective_date < decision_date:
        v.append(Violation("exemption.before_decision", f"Ngày hiệu lực ({vn_date(effective_date)}) không thể trước ngày quyết "
                           f"định ({vn_date(decision_date)}).", "effective_date"))
    return v

