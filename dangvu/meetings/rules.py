"""The rules of cell meetings (domain-rules §6), as pure checks: each returns the violations found
(a Vietnamese message naming the field and the rule, with its source) and writes nothing.

Numbers come from the parameters in force on the meeting's date (`params`), the guidance cited from
the dated chain of documents on cell meetings (dangvu.rules.regimes, chain "meetings").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dangvu.core.dates import month_start, vn_date
from dangvu.core.errors import Violation
from dangvu.meetings.kinds import REGULAR_KINDS, Mark, MeetingKind
from dangvu.rules.regimes import Chain, in_force

SOURCE_REGULAR = "Điều lệ Đảng Điều 24"
SOURCE_THEMATIC = "HD 12-HD/BTCTW (6/7/2018)"
SOURCE_ABSENCE = "QĐ 24-QĐ/TW điểm 8.1"
SOURCE_VOTE_BASE = "QĐ 294-QĐ/TW điểm 9.3.2"


def guidance(on: dt.date) -> str:
    """The guidance on cell meetings in force on `on`: "HD 42-HD/BTCTW (28/10/2025)"."""
    doc = in_force(Chain.MEETINGS, on)
    return doc.short_dated if doc else SOURCE_THEMATIC


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


# ---------------------------------------------------------------- schedule, notice, duration

def check_schedule(*, date: dt.date | None, starts_at: dt.time | None, ends_at: dt.time | None, kind: str,
                   topic: str) -> list[Violation]:
    v: list[Violation] = []
    if date is None:
        v.append(Violation("meeting.date", "Ngày sinh hoạt: bắt buộc nhập.", "date"))
    if kind not in MeetingKind.values:
        v.append(Violation("meeting.kind", "Loại sinh hoạt: chọn một loại trong danh sách.", "kind"))
    elif kind != MeetingKind.REGULAR and not topic:
        v.append(Violation("meeting.topic", "Chủ đề chuyên đề: bắt buộc nhập với buổi sinh hoạt chuyên đề.", "topic"))
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        v.append(Violation("meeting.ends_at", "Giờ kết thúc: phải sau giờ bắt đầu.", "ends_at"))
    return v


def check_notice(*, date: dt.date, materials_sent_on: dt.date | None, params: Mapping) -> list[Violation]:
    """G3: the agenda and draft resolution reach the members at least `meetings.notice_days` before."""
    days = params["meetings.notice_days"]
    if materials_sent_on is None or (date - materials_sent_on).days < days:
        sent = f"gửi ngày {vn_date(materials_sent_on)}" if materials_sent_on else "chưa ghi ngày gửi"
        return [Violation("meeting.notice", f"Ngày gửi tài liệu: nội dung, dự thảo nghị quyết phải gửi đảng viên ít nhất "
                          f"{days} ngày trước buổi sinh hoạt ({sent}).", "materials_sent_on", f"G3 — {guidance(date)}")]
    return []


def check_superior_notice(*, date: dt.date, notified_on: dt.date | None, follower: str, params: Mapping) -> list[Violation]:
    """G3: the notice and documents also reach the member of the superior committee following the cell (`follower`,
    their name; "" when none is recorded) at least `meetings.notice_days` before."""
    days = params["meetings.notice_days"]
    if notified_on is not None and (date - notified_on).days >= days:
        return []
    who = f"cấp ủy viên cấp trên phụ trách chi bộ ({follower})" if follower else "cấp ủy viên cấp trên phụ trách chi bộ"
    sent = f"gửi ngày {vn_date(notified_on)}" if notified_on else "chưa ghi ngày gửi"
    return [Violation("meeting.notice_superior", f"Ngày gửi thông báo cho cấp ủy viên cấp trên: thông báo, tài liệu phải "
                      f"gửi {who} ít nhất {days} ngày trước buổi sinh hoạt ({sent}).", "superior_notified_on",
                      f"G3 — {guidance(date)}")]


def minimum_minutes(kind: str, params: Mapping) -> int:
    """G2: the minimum length of a meeting of this kind."""
    return params["meetings.combined_min_minutes" if kind == MeetingKind.COMBINED else "meetings.min_minutes"]


def check_duration(*, kind: str, minutes: int | None, date: dt.date, params: Mapping) -> list[Violation]:
    """G2: at least the minimum minutes (the combined minimum when regular and thematic share a session)."""
    if minutes is None:
        return [Violation("meeting.duration", "Giờ bắt đầu, giờ kết thúc: bắt buộc nhập khi ghi buổi sinh hoạt đã họp.",
                          "ends_at")]
    least = minimum_minutes(kind, params)
    if minutes < least:
        return [Violation("meeting.short", f"Thời lượng: buổi sinh hoạt kéo dài {minutes} phút, ít hơn mức tối thiểu "
                          f"{least} phút.", "ends_at", f"G2 — {guidance(date)}")]
    return []


def check_held(*, date: dt.date, today: dt.date) -> list[Violation]:
    if date > today:
        return [Violation("meeting.future", f"Ngày sinh hoạt: buổi sinh hoạt ngày {vn_date(date)} chưa diễn ra; chỉ ghi đã "
                          f"họp từ ngày đó trở đi.", "date")]
    return []


# ---------------------------------------------------------------- attendance

@dataclass(frozen=True)
class Expected:
    """A member expected at a meeting on its date (from the register, members.selectors.vote_base)."""

    member_id: int
    full_name: str
    full: bool  # a full member (only they vote, M3)
    away: bool = False  # on temporary transfer elsewhere (T6): attends there, counted here only if present
    exempted: bool = False  # exempted from meetings (M5): counted only if present
    hosted: bool = False  # of another cell, here temporarily (T6): attends here, no vote here

    @property
    def optional(self) -> bool:
        """Not held to attend here: absence is never unexcused."""
        return self.away or self.exempted


def check_attendance(expected: Iterable[Expected], marks: Iterable[tuple[int, str, str]], *, date: dt.date) -> list[Violation]:
    """Every member expected on the day marked once; nobody else; an excused absence has its reason; a member away
    or exempted is never marked absent without reason."""
    by_id = {e.member_id: e for e in expected}
    v: list[Violation] = []
    seen: set[int] = set()
    for member_id, mark, reason in marks:
        e = by_id.get(member_id)
        if e is None:
            v.append(Violation("attendance.not_in_cell", f"Điểm danh: đảng viên (mã {member_id}) không sinh hoạt ở chi bộ "
                               f"vào ngày {vn_date(date)} theo sổ đảng viên; không điểm danh được.", "attendance"))
            continue
        if member_id in seen:
            v.append(Violation("attendance.twice", f"Điểm danh: {e.full_name} được điểm danh hai lần.", "attendance"))
        seen.add(member_id)
        if mark not in Mark.values:
            v.append(Violation("attendance.mark", f"Điểm danh: chọn có mặt, vắng có lý do hoặc vắng không lý do cho "
                               f"{e.full_name}.", "attendance"))
        elif mark == Mark.EXCUSED and not reason:
            v.append(Violation("attendance.reason", f"Lý do vắng: bắt buộc ghi khi {e.full_name} vắng có lý do.",
                               "attendance"))
        elif mark == Mark.UNEXCUSED and e.optional:
            why = "đang sinh hoạt tạm thời nơi khác" if e.away else "được miễn sinh hoạt đảng"
            v.append(Violation("attendance.optional", f"Điểm danh: {e.full_name} {why}, vắng mặt không tính là vắng không "
                               "lý do.", "attendance", SOURCE_VOTE_BASE))
    missing = [e.full_name for e in by_id.values() if e.member_id not in seen]
    if missing:
        v.append(Violation("attendance.missing", "Điểm danh: chưa điểm danh " + ", ".join(missing) + ".", "attendance"))
    return v


def vote_base(expected: Iterable[Expected], present_ids: set[int]) -> int:
    """O14: the full members of the cell, less those away or exempted who did not attend (hosted members vote at home)."""
    return sum(1 for e in expected if e.full and not e.hosted and (not e.optional or e.member_id in present_ids))


def check_votes(*, votes_for: int | None, votes_against: int | None, votes_abstain: int | None,
                base: int) -> list[Violation]:
    """The votes on the resolution cannot exceed the vote base computed from the attendance (O14)."""
    given = [x for x in (votes_for, votes_against, votes_abstain) if x is not None]
    if not given:
        return []
    if any(x < 0 for x in given):
        return [Violation("resolution.votes_negative", "Biểu quyết: số phiếu không được âm.", "votes_for")]
    if sum(given) > base:
        return [Violation("resolution.votes_over_base", f"Biểu quyết: tổng số tán thành, không tán thành và không biểu "
                          f"quyết ({sum(given)}) vượt số đảng viên được tính biểu quyết ({base}).", "votes_for",
                          SOURCE_VOTE_BASE)]
    return []


# ---------------------------------------------------------------- minutes and the resolution (G4)

RESOLUTION_PARTS = (
    ("results", "I. Kết quả thực hiện tháng trước"),
    ("next_tasks", "II. Nhiệm vụ tháng tới"),
    ("assignment", "III. Phân công tổ chức thực hiện"),
    ("self_assessment", "IV. Tự đánh giá chất lượng buổi sinh hoạt"),
)


def check_complete(*, status: str, kind: str, minutes: str, parts: Mapping[str, str], date: dt.date) -> list[Violation]:
    """A meeting is complete only once held, with its minutes and, for a regular meeting, the four parts of the
    monthly resolution (G4)."""
    v: list[Violation] = []
    if status == "planned":
        v.append(Violation("meeting.not_held", "Tình trạng: buổi sinh hoạt chưa được ghi là đã họp (điểm danh) nên chưa "
                           "hoàn thành biên bản được.", "status"))
    if not (minutes or "").strip():
        v.append(Violation("meeting.no_minutes", "Biên bản: bắt buộc nhập trước khi ghi hoàn thành buổi sinh hoạt.",
                           "minutes"))
    if kind in REGULAR_KINDS:
        for name, label in RESOLUTION_PARTS:
            if not (parts.get(name) or "").strip():
                v.append(Violation("resolution.part", f"{label}: nghị quyết tháng phải có đủ bốn phần.", name,
                                   f"G4 — {guidance(date)}"))
    return v


# ---------------------------------------------------------------- compliance over months and quarters

def missing_regular(months: Iterable[dt.date], held_months: set[dt.date]) -> list[dt.date]:
    """G1: the months (first days) without a regular (or combined) meeting held."""
    return [m for m in months if m not in held_months]


def thematic_missing(quarter_counts: Mapping[int, int], quarters: Iterable[int], params: Mapping) -> list[int]:
    """G5: the quarters with fewer thematic meetings held than `meetings.thematic_per_quarter`."""
    least = params["meetings.thematic_per_quarter"]
    return [q for q in quarters if quarter_counts.get(q, 0) < least]


def thematic_required(quarters: Iterable[int], params: Mapping) -> int:
    """G5: the thematic meetings required over these quarters (`meetings.thematic_per_quarter` each)."""
    return len(list(quarters)) * params["meetings.thematic_per_quarter"]


def absent_months(unexcused_dates: Iterable[dt.date]) -> tuple[dt.date, ...]:
    """G8: the distinct months (first days) with an unexcused absence, in order."""
    return tuple(sorted({month_start(d) for d in unexcused_dates}))


def year_before(on: dt.date) -> dt.date:
    """The first day counted for "in a year" on `on`: the twelve months up to it (core.removal_evidence)."""
    try:
        return on.replace(year=on.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return on.replace(year=on.year - 1, day=28) + dt.timedelta(days=1)


# ---------------------------------------------------------------- meeting by party group (G6)

SOURCE_GROUP = "HD 03-HD/TW (27/12/2022) II.1.2, II.2"


def check_group_meeting(*, kind: str, group_in_cell: bool, has_groups: bool, members: int, months_used: set[dt.date],
                        month: dt.date, params: Mapping) -> list[Violation]:
    """G6: a regular meeting held by party group instead of the whole cell, only in a cell with party groups and at
    least `meetings.group_min_members` members, in at most `meetings.group_max_per_year` months of a year
    (`months_used`: the months of the year that already have a meeting by group; the groups of one month make one)."""
    least, most = params["meetings.group_min_members"], params["meetings.group_max_per_year"]
    g = f"G6 — {SOURCE_GROUP}"
    v: list[Violation] = []
    if kind != MeetingKind.REGULAR:
        v.append(Violation("meeting.group_kind", "Tổ đảng: chỉ sinh hoạt thường kỳ mới được tổ chức theo tổ đảng; sinh hoạt "
                           "chuyên đề họp toàn chi bộ.", "party_group", g))
    if not has_groups:
        v.append(Violation("meeting.group_none", "Tổ đảng: chi bộ không có tổ đảng nên không sinh hoạt theo tổ đảng được.",
                           "party_group", g))
    elif not group_in_cell:
        v.append(Violation("meeting.group_cell", "Tổ đảng: chọn một tổ đảng của chi bộ.", "party_group"))
    if members < least:
        v.append(Violation("meeting.group_small", f"Tổ đảng: chi bộ có {members} đảng viên, chưa đủ {least} đảng viên để "
                           "sinh hoạt theo tổ đảng.", "party_group", g))
    if month not in months_used and len(months_used) >= most:
        listed = ", ".join(f"{m:%m/%Y}" for m in sorted(months_used))
        v.append(Violation("meeting.group_max", f"Tổ đảng: chi bộ đã sinh hoạt theo tổ đảng {len(months_used)} lần trong năm "
                           f"{month.year} ({listed}); tối đa {most} lần một năm.", "party_group", g))
    return v


def ungrouped(expected: Iterable[Expected], groups: Mapping[int, int]) -> list[Expected]:
    """The members held to attend (neither away nor exempted; members hosted here included) who are in no party group,
    once the cell has recorded its groups' members (`groups`: member id → group id; empty: nothing recorded, nobody)."""
    if not groups:
        return []
    return [e for e in expected if not e.optional and e.member_id not in groups]


def check_ungrouped(expected: Iterable[Expected], groups: Mapping[int, int], *, on: dt.date) -> list[Violation]:
    """G6 (and Điều lệ Điều 24 on party groups): a member of a cell that keeps party groups belongs to one; those in
    none on `on` (newly arrived, newly admitted) are named. A warning for the secretary, never a refusal: a meeting by
    party group does not expect them."""
    missing = ungrouped(expected, groups)
    if not missing:
        return []
    names = ", ".join(e.full_name for e in missing)
    return [Violation("group.member_none", f"Tổ đảng: {names} chưa thuộc tổ đảng nào ngày {vn_date(on)} "
                      f"({len(missing)} đảng viên); buổi sinh hoạt theo tổ đảng không chờ các đồng chí này cho đến khi "
                      f"được ghi vào một tổ.", "assignments", f"G6 — {SOURCE_REGULAR}; {SOURCE_GROUP}")]


def check_group_attendance(marks: Iterable[tuple[int, str, str]], elsewhere: Mapping[int, str],
                           names: Mapping[int, str]) -> list[Violation]:
    """G6: the group's members are those marked at its meeting (at least one); a member marked at another group's
    meeting of the same month belongs to that group (`elsewhere`: member id → the other group's name)."""
    marks = list(marks)
    if not marks:
        return [Violation("attendance.group_empty", "Điểm danh: ghi các đảng viên của tổ đảng.", "attendance")]
    return [Violation("attendance.group_twice", f"Điểm danh: {names.get(mid, mid)} đã được điểm danh ở buổi sinh hoạt của "
                      f"{elsewhere[mid]} trong tháng.", "attendance", f"G6 — {SOURCE_GROUP}")
            for mid, _, _ in marks if mid in elsewhere]


# ---------------------------------------------------------------- quality of a meeting (G7)

SOURCE_QUALITY = "phiếu chấm điểm của tỉnh ủy (mặc định theo QĐ 27-QĐ/TU tỉnh Nghệ An, 30/10/2023)"

# The parameters of the sheet, spelled out (each criterion's points; the grades' lower bounds, best first).
QUALITY_POINTS = {
    "preparation": "meetings.quality.preparation", "procedure": "meetings.quality.procedure",
    "attendance": "meetings.quality.attendance", "duration": "meetings.quality.duration",
    "content": "meetings.quality.content", "discussion": "meetings.quality.discussion",
    "resolution": "meetings.quality.resolution", "minutes": "meetings.quality.minutes",
}
QUALITY_BOUNDS = (("good", "meetings.quality.good_from"), ("fair", "meetings.quality.fair_from"),
                  ("average", "meetings.quality.average_from"))


def quality_sheet(params: Mapping) -> list[tuple[str, str, int]]:
    """The province's scoring sheet in force (key, criterion, maximum points); a criterion set to 0 points is off it."""
    from dangvu.rules.parameters import QUALITY_SHEET

    return [(key, label, params[QUALITY_POINTS[key]]) for key, label, *_ in QUALITY_SHEET if params[QUALITY_POINTS[key]] > 0]


def quality_grade(total: int, params: Mapping) -> str:
    for grade, key in QUALITY_BOUNDS:
        if total >= params[key]:
            return grade
    return "poor"


def score_quality(scores: Mapping[str, int | None], params: Mapping) -> tuple[list[Violation], int, str]:
    """G7: every criterion of the sheet in force scored from 0 to its points; the total and the grade."""
    v: list[Violation] = []
    total = 0
    sheet = quality_sheet(params)
    unknown = set(scores) - {key for key, _, _ in sheet}
    for key in sorted(unknown):
        v.append(Violation("quality.unknown", f"Chấm điểm: tiêu chí “{key}” không có trong phiếu chấm điểm đang áp dụng.",
                           f"quality_{key}"))
    for key, label, most in sheet:
        value = scores.get(key)
        if value is None:
            v.append(Violation("quality.missing", f"{label}: bắt buộc chấm điểm (từ 0 đến {most}).", f"quality_{key}"))
        elif not 0 <= value <= most:
            v.append(Violation("quality.range", f"{label}: điểm từ 0 đến {most}, không phải {value}.", f"quality_{key}",
                               f"G7 — {SOURCE_QUALITY}"))
        else:
            total += value
    return v, total, quality_grade(total, params)

