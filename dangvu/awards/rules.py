"""Rules of Party badges (Huy hiệu Đảng) and party cards: pure functions, no database.

Badges (shared/domain-rules.md §10):
- B1 milestones 30, 40, 45, 50 … 90 years of party age (HD 01-HD/TW 2021 điểm 18);
- M1/M4 party age from the admission decision date minus the time outside the party: the date
  a member reaches N years is `add_months(first admission + days outside, 12·N)`, the same
  arithmetic as dangvu.members.rules.party_age_years (so the two never disagree);
- B4/B10 badges are presented on 3/2, 19/5, 2/9 and 7/11: the member is proposed for the first
  presentation date on or after the day the milestone is reached (a milestone reached on 2/9 is
  presented on 2/9, one reached on 3/9 on 7/11);
- B2 a seriously ill member may receive it up to 12 months early (30–65 years) or 24 months early
  (70–90 years); B3 a posthumous award up to 12 months early;
- B5/K8 not while a penalty is in force; after a penalty, 6 (reprimand), 9 (warning) or 12 (removal
  from post) months later. Both are read from the discipline register (dangvu.discipline.selectors:
  the penalty in force on the presentation date, the last penalty and its decision date; see
  services.record_award), never typed by the officer; a member suspended from party activity (đình
  chỉ sinh hoạt) is held back;
- B6 exempted members remain eligible (nothing here looks at the exemption).

Party cards (HD 01-HD/TW 2021 điểm 7.1; HD 12-HD/BTCTW 2022 II.2.2; CT 51-CT/TW 8/8/2025):
a card is issued to a full member; a lost card is reissued and a damaged one replaced on a stated
reason; the CT 51 exchange gives full members who hold a card a new card with a new number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dangvu.core.dates import vn_date
from dangvu.core.errors import Violation
from dangvu.members import rules as member_rules
from dangvu.members.kinds import IN_PARTY, Status
from dangvu.rules.parameters import Params
from dangvu.rules.regimes import Chain, in_force, regime_on

# The guidance on badges changes with the date (HD 01-HD/TW 2021 → HD 06-HD/TW 2025 → …): a message
# cites the one in force on the award's date (`badge_source`). These constants are the 2021 wording,
# kept for the register of sources; rule functions cite by date.
SOURCE_MILESTONES = "HD 01-HD/TW (2021) điểm 18"
SOURCE_PRESENTATION = "HD 01-HD/TW (2021) điểm 18"
SOURCE_EARLY = "HD 01-HD/TW (2021) điểm 18; QĐ 24-QĐ/TW (2021)"
SOURCE_POSTHUMOUS = "HD 01-HD/TW (2021) điểm 18"
# Where each guidance treats the Party badge (the point of HD 06/2025 was not read: the topic is named).
_BADGE_POINT = {"hd01_2016": "điểm 18", "hd01_2021": "điểm 18"}


def badge_source(on: dt.date, params: Mapping | None = None) -> str:
    """The guidance on Party badges in force on `on`, as a message cites it: "HD 06-HD/TW (9/6/2025),
    phần Huy hiệu Đảng"; before 2016 the 2021 wording."""
    doc = in_force(Chain.GUIDANCE, on, params if isinstance(params, Params) else None)
    if doc is None:
        return SOURCE_MILESTONES
    return f"{doc.short_dated} {_BADGE_POINT[doc.code]}" if doc.code in _BADGE_POINT else f"{doc.short_dated}, phần Huy hiệu Đảng"


def discipline_source(on: dt.date, params: Mapping | None = None) -> str:
    """B5 sits in the implementing regulation in force on the penalty's date."""
    return regime_on(on, params if isinstance(params, Params) else None).short
SOURCE_DISCIPLINE = "QĐ 24-QĐ/TW (2021)"
SOURCE_PARTY_AGE = "Điều lệ Đảng Điều 5.4 (tuổi đảng tính từ ngày quyết định kết nạp, trừ thời gian không sinh hoạt đảng)"
SOURCE_CARD = member_rules.SOURCE_CARD  # one text: the member record refuses card numbers by the same rule
SOURCE_EXCHANGE = "CT 51-CT/TW (8/8/2025)"

# B1: badge milestones in years of party age.
MILESTONES: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
# B4: presentation dates (day, month): Party founding 3/2, President Hồ Chí Minh's birthday 19/5,
# National Day 2/9, October Revolution 7/11.
PRESENTATION_DAYS: tuple[tuple[int, int], ...] = ((3, 2), (19, 5), (2, 9), (7, 11))


class AwardKind:
    REGULAR = "regular"
    EARLY_ILLNESS = "early_illness"
    POSTHUMOUS = "posthumous"


class DisciplineForm:
    REPRIMAND = "reprimand"
    WARNING = "warning"
    REMOVAL_FROM_POST = "removal_from_post"


DEFERRAL_PARAM = {
    DisciplineForm.REPRIMAND: "badges.deferral_reprimand_months",
    DisciplineForm.WARNING: "badges.deferral_warning_months",
    DisciplineForm.REMOVAL_FROM_POST: "badges.deferral_removal_months",
}
DISCIPLINE_LABELS = {
    DisciplineForm.REPRIMAND: "khiển trách",
    DisciplineForm.WARNING: "cảnh cáo",
    DisciplineForm.REMOVAL_FROM_POST: "cách chức",
}


# ---------------------------------------------------------------- presentation dates and milestones

def presentation_dates(year: int) -> list[dt.date]:
    return [dt.date(year, month, day) for day, month in PRESENTATION_DAYS]


def is_presentation_date(on: dt.date) -> bool:
    return (on.day, on.month) in PRESENTATION_DAYS


def next_presentation_date(on: dt.date) -> dt.date:
    """The first presentation date on or after `on` (B4, B10)."""
    return next(d for d in presentation_dates(on.year) + presentation_dates(on.year + 1) if d >= on)


def previous_presentation_date(on: dt.date) -> dt.date:
    """The last presentation date strictly before `on`."""
    return [d for d in presentation_dates(on.year - 1) + presentation_dates(on.year) if d < on][-1]


def milestone_label(milestone: int) -> str:
    return f"Huy hiệu {milestone} năm tuổi Đảng"


def reach_date(first_admission: dt.date | None, days_outside: int, milestone: int) -> dt.date | None:
    """The day the member's party age reaches `milestone` years (M1, M4): None without an admission date.

    Consistent with members.rules.party_age_years: that function answers `milestone` on this day
    and `milestone - 1` the day before.
    """
    if first_admission is None:
        return None
    shifted = first_admission + dt.timedelta(days=days_outside or 0)
    return member_rules.add_months(shifted, 12 * milestone)


def early_limit_months(milestone: int, params: Mapping[str, int]) -> int:
    """B2: how many months early a seriously ill member may receive this badge."""
    if milestone >= params["badges.early_illness_high_from_years"]:
        return params["badges.early_illness_months_high"]
    return params["badges.early_illness_months"]


def reached_milestones(first_admission: dt.date | None, days_outside: int, on: dt.date) -> list[int]:
    """Milestones reached on or before `on`, lowest first."""
    return [m for m in MILESTONES if (r := reach_date(first_admission, days_outside, m)) is not None and r <= on]


@dataclass(frozen=True)
class Due:
    """A member's badge due at a presentation date."""

    milestone: int
    reached_on: dt.date  # the day the party age reached the milestone
    presentation_on: dt.date  # the presentation date that follows (B10)
    overdue: bool  # its own presentation date is already before the asked one


def due_milestone(first_admission: dt.date | None, days_outside: int, awarded: set[int] | frozenset[int],
                  on: dt.date) -> Due | None:
    """The badge due by date `on`: the highest milestone reached by then, unless that or a higher
    one was already awarded (a member who reached 40 years without the 30-year badge is proposed
    for the 40-year badge only)."""
    reached = reached_milestones(first_admission, days_outside, on)
    if not reached:
        return None
    highest = reached[-1]
    if any(a >= highest for a in awarded):
        return None
    reached_on = reach_date(first_admission, days_outside, highest)
    presentation = next_presentation_date(reached_on)
    return Due(highest, reached_on, presentation, presentation < on)


# ---------------------------------------------------------------- checking an award

@dataclass(frozen=True)
class MemberFacts:
    """What the badge rules need to know of a member (services build it from the register).

    `status_then` and `suspended_then` are the member's state on the presentation date asked
    about (from the state intervals: an award recorded today may be one presented years ago).
    """

    full_name: str
    status: str  # today
    first_admission: dt.date | None
    days_outside: int
    status_then: str = ""
    suspended_then: bool = False
    died_on: dt.date | None = None


@dataclass(frozen=True)
class Discipline:
    form: str  # DisciplineForm
    decided_on: dt.date


def deferral_end(discipline: Discipline, params: Mapping[str, int]) -> dt.date:
    """B5: the first day a badge may be presented after this penalty: counted from the penalty's
    date, with the months in force on that date (`params` of the penalty date)."""
    return member_rules.add_months(discipline.decided_on, params[DEFERRAL_PARAM[discipline.form]])


def check_award(member: MemberFacts, *, milestone: int, kind: str, presentation_on: dt.date, decision_date: dt.date | None,
                already_awarded: set[int] | frozenset[int], params: Mapping[str, int], today: dt.date,
                discipline: Discipline | None = None, discipline_params: Mapping[str, int] | None = None,
                in_force: Discipline | None = None) -> list[Violation]:
    """Every reason this award may not be recorded (empty: it may). `params` are those in force on
    the presentation date; `discipline` the last penalty (reprimand, warning or removal from post) and
    `discipline_params` the parameters on its date (B5 counts from it); `in_force` a penalty in force on
    the presentation date (K8: no award while it is)."""
    v: list[Violation] = []
    src = badge_source(presentation_on, params)
    if milestone not in MILESTONES:
        return [Violation("badge.milestone", f"Mốc huy hiệu: {milestone} năm không phải mốc Huy hiệu Đảng "
                          f"({', '.join(map(str, MILESTONES))} năm).", "milestone", src)]
    if milestone in already_awarded:
        v.append(Violation("badge.duplicate", f"Mốc huy hiệu: {member.full_name} đã được tặng {milestone_label(milestone)}; "
                           "mỗi mốc chỉ tặng một lần.", "milestone", src))
    if decision_date is None:
        v.append(Violation("badge.decision_date", "Ngày quyết định: bắt buộc nhập (hồ sơ đảng viên lưu quyết định tặng "
                           "Huy hiệu).", "decision_date", "HD 12-HD/BTCTW (2022), danh mục hồ sơ đảng viên"))
    else:
        if decision_date > today:
            v.append(Violation("badge.decision_future", "Ngày quyết định: không thể sau ngày hôm nay.", "decision_date"))
        if presentation_on < decision_date:
            v.append(Violation("badge.presentation_before_decision", f"Ngày trao tặng ({vn_date(presentation_on)}) không thể "
                               f"trước ngày quyết định ({vn_date(decision_date)}).", "presentation_on"))
    reached = reach_date(member.first_admission, member.days_outside, milestone)
    if reached is None:
        v.append(Violation("badge.no_admission_date", f"{member.full_name}: hồ sơ chưa có ngày quyết định kết nạp, không "
                           "tính được tuổi đảng.", "milestone", SOURCE_PARTY_AGE))
        return v
    if kind == AwardKind.POSTHUMOUS:
        v += _check_posthumous(member, milestone, reached, presentation_on, params, src)
    elif kind in (AwardKind.REGULAR, AwardKind.EARLY_ILLNESS):
        v += _check_living(member, milestone, kind, reached, presentation_on, params, src)
    else:
        v.append(Violation("badge.kind", f"Hình thức: “{kind}” không hợp lệ.", "kind"))
    if in_force is not None:
        v.append(Violation("badge.discipline_in_force", f"Kỷ luật: {member.full_name} đang chịu hình thức kỷ luật "
                           f"{DISCIPLINE_LABELS.get(in_force.form, in_force.form)} (quyết định ngày {vn_date(in_force.decided_on)}) "
                           f"vào ngày trao tặng {vn_date(presentation_on)}: chưa xét tặng Huy hiệu Đảng.", "presentation_on",
                           "QĐ 69-QĐ/TW Điều 2.13"))
    if discipline is not None:
        dparams = discipline_params if discipline_params is not None else params
        end = deferral_end(discipline, dparams)
        if presentation_on < end:
            months = dparams[DEFERRAL_PARAM[discipline.form]]
            v.append(Violation("badge.discipline_deferral", f"Kỷ luật: sau hình thức {DISCIPLINE_LABELS[discipline.form]} "
                               f"ngày {vn_date(discipline.decided_on)}, phải sau {months} tháng kể từ ngày quyết định kỷ luật "
                               f"mới xét tặng Huy hiệu (từ ngày {vn_date(end)}).", "presentation_on",
                               discipline_source(discipline.decided_on, dparams)))
        if discipline.decided_on > today:
            v.append(Violation("badge.discipline_future", "Ngày quyết định kỷ luật: không thể sau ngày hôm nay.",
                               "presentation_on"))
    return v


def _check_living(member: MemberFacts, milestone: int, kind: str, reached: dt.date, presentation_on: dt.date,
                  params, src: str) -> list[Violation]:
    v: list[Violation] = []
    if member.died_on is not None and presentation_on >= member.died_on:
        return [Violation("badge.deceased", f"Hình thức: {member.full_name} đã từ trần ngày {vn_date(member.died_on)}; "
                          "chọn “truy tặng”.", "kind", src)]
    if member.status_then not in IN_PARTY:
        label = Status(member.status).label.lower() if member.status else "chưa được kết nạp"
        return [Violation("badge.not_in_party", f"Ngày trao tặng: ngày {vn_date(presentation_on)} {member.full_name} không "
                          f"sinh hoạt trong Đảng (hiện {label}): không xét tặng Huy hiệu Đảng.", "presentation_on",
                          src)]
    if member.suspended_then:
        v.append(Violation("badge.suspended", f"{member.full_name} đang bị đình chỉ sinh hoạt đảng: chưa xét tặng Huy hiệu.",
                           None, discipline_source(presentation_on, params)))
    if kind == AwardKind.REGULAR and presentation_on < reached:
        v.append(Violation("badge.not_reached", f"Ngày trao tặng: đến {vn_date(presentation_on)} tuổi đảng chưa đủ {milestone} "
                           f"năm (đủ ngày {vn_date(reached)}, dịp trao tặng {vn_date(next_presentation_date(reached))}). "
                           "Đảng viên bị bệnh nặng có thể được tặng sớm: chọn hình thức “tặng sớm do bệnh nặng”.",
                           "presentation_on", src))
    elif kind == AwardKind.EARLY_ILLNESS:
        months = early_limit_months(milestone, params)
        earliest = member_rules.add_months(reached, -months)
        if presentation_on < earliest:
            v.append(Violation("badge.too_early", f"Ngày trao tặng: tặng sớm do bệnh nặng chỉ được sớm tối đa {months} tháng "
                               f"với {milestone_label(milestone)} (đủ tuổi đảng ngày {vn_date(reached)}; sớm nhất "
                               f"{vn_date(earliest)}).", "presentation_on", f"{src}; {discipline_source(presentation_on, params)}"))
    return v


def _check_posthumous(member: MemberFacts, milestone: int, reached: dt.date, presentation_on: dt.date,
                      params, src: str) -> list[Violation]:
    if member.status != Status.DECEASED or member.died_on is None:
        return [Violation("badge.posthumous_alive", f"Hình thức: truy tặng chỉ dành cho đảng viên đã từ trần; "
                          f"{member.full_name} chưa được ghi sự kiện từ trần.", "kind", src)]
    v: list[Violation] = []
    months = params["badges.posthumous_early_months"]
    earliest = member_rules.add_months(reached, -months)
    if member.died_on < earliest:
        v.append(Violation("badge.posthumous_too_early", f"Mốc huy hiệu: khi từ trần ({vn_date(member.died_on)}) tuổi đảng còn "
                           f"thiếu hơn {months} tháng so với mốc {milestone} năm (đủ ngày {vn_date(reached)}); chỉ truy tặng "
                           f"khi thiếu không quá {months} tháng.", "milestone", src))
    if presentation_on < member.died_on:
        v.append(Violation("badge.posthumous_before_death", f"Ngày trao tặng ({vn_date(presentation_on)}) không thể trước ngày "
                           f"từ trần ({vn_date(member.died_on)}).", "presentation_on"))
    return v


def posthumous_due(member: MemberFacts, awarded, params) -> int | None:
    """The badge a deceased member may be awarded posthumously: the highest milestone reached by
    the death, or within the allowed months after it, that neither it nor a higher one was awarded."""
    if member.died_on is None or member.first_admission is None:
        return None
    horizon = member_rules.add_months(member.died_on, params["badges.posthumous_early_months"])
    reached = reached_milestones(member.first_admission, member.days_outside, horizon)
    if not reached or any(a >= reached[-1] for a in awarded):
        return None
    return reached[-1]


# ---------------------------------------------------------------- party cards

class CardKind:
    ISSUE = "issue"
    REISSUE_LOST = "reissue_lost"
    REPLACE_DAMAGED = "replace_damaged"
    EXCHANGE = "exchange"


def check_card(*, full_name: str, status: str, recognition_date: dt.date | None, current_number: str | None,
               number: str, kind: str, issued_on: dt.date, reason: str, today: dt.date) -> list[Violation]:
    """Checks of one card issue that need no database (uniqueness is the service's)."""
    v: list[Violation] = []
    if not number:
        v.append(Violation("card.number_required", "Số thẻ: bắt buộc nhập.", "number"))
    elif member_rules.check_party_card(number):
        v.append(Violation("card.number_format", "Số thẻ: 8 chữ số (thẻ theo CT 29-CT/TW) hoặc 12 chữ số (thẻ mới theo "
                           "CT 51-CT/TW).", "number", "CT 29-CT/TW; CT 51-CT/TW"))
    if status != Status.FULL:
        label = Status(status).label.lower() if status else "chưa được kết nạp"
        v.append(Violation("card.not_full_member", f"{full_name} hiện là “{label}”: thẻ đảng viên chỉ phát cho đảng viên "
                           "chính thức.", None, SOURCE_CARD))
    if issued_on > today:
        v.append(Violation("card.future", "Ngày cấp thẻ: không thể sau ngày hôm nay.", "issued_on"))
    if recognition_date and issued_on < recognition_date:
        v.append(Violation("card.before_recognition", f"Ngày cấp thẻ ({vn_date(issued_on)}) không thể trước ngày công nhận "
                           f"đảng viên chính thức ({vn_date(recognition_date)}).", "issued_on", SOURCE_CARD))
    if kind == CardKind.ISSUE:
        if current_number:
            v.append(Violation("card.already_has_card", f"Loại cấp thẻ: {full_name} đã có thẻ số {current_number}; chọn cấp "
                               "lại (mất thẻ), đổi (thẻ hỏng) hoặc đổi thẻ theo đợt.", "kind", SOURCE_CARD))
    elif kind in (CardKind.REISSUE_LOST, CardKind.REPLACE_DAMAGED, CardKind.EXCHANGE):
        if not current_number:
            v.append(Violation("card.no_card", f"Loại cấp thẻ: {full_name} chưa có thẻ đảng viên; chọn “cấp thẻ lần đầu”.",
                               "kind", SOURCE_CARD))
        if kind in (CardKind.REISSUE_LOST, CardKind.REPLACE_DAMAGED) and not (reason or "").strip():
            v.append(Violation("card.reason_required", "Lý do: bắt buộc ghi khi cấp lại thẻ bị mất hoặc đổi thẻ bị hỏng "
                               "(theo bản kiểm điểm của đảng viên).", "reason", SOURCE_CARD))
        if kind == CardKind.EXCHANGE and number and number == current_number:
            v.append(Violation("card.exchange_same_number", f"Số thẻ: đổi thẻ theo đợt cấp thẻ mới với số mới; {number} là số "
                               "thẻ đang dùng.", "number", SOURCE_EXCHANGE))
    else:
        v.append(Violation("card.kind", f"Loại cấp thẻ: “{kind}” không hợp lệ.", "kind"))
    return v


def sequence_numbers(start: str, count: int) -> list[str]:
    """`count` consecutive numbers from `start`, keeping its width ("00001234" → "00001235" …)."""
    width = len(start)
    first = int(start)
    return [str(first + i).zfill(width) for i in range(count)]
