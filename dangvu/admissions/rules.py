"""Rules of admission and probation: pure functions that return violations or derived values.

They take the dates and counts of one step, the candidate's earlier steps, and the parameters in
force on the step's date (`dangvu.rules.parameters.params_on`); they read nothing and write nothing.
Working-day deadlines take a `WorkCalendar` (the stored holiday calendar, read by the caller).

Sources (shared/domain-rules.md): A1 age 18–60 counted in months at the cell's meeting; A3 the
awareness-class certificate valid 60 months; A4 application before the background statement; A7
verification before the grassroots committee certifies; A8/A9 introducers; A10/A11 two thirds;
A12 the deciding body by regime; A13 60 (+30) working days for the decision; A14 30 working days
for the ceremony; M2 12 months of probation; P1–P8 recognition and striking off.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dangvu.admissions.kinds import STAGE_AFTER, STEP_DATE_FIELD, STEP_ORDER, Stage, Step
from dangvu.core.dates import add_months, vn_date
from dangvu.core.errors import Violation
from dangvu.members.rules import months_between
from dangvu.organizations.tree import committee_name  # noqa: F401  (documents use rules.committee_name)
from dangvu.rules.regimes import DecidingLevel
from dangvu.rules.workdays import WorkCalendar, add_working_days

SRC_AGE = "QĐ 24-QĐ/TW điểm 1.1; QĐ 294-QĐ/TW Điều 1 (A1)"
SRC_EDUCATION = "QĐ 24-QĐ/TW điểm 1.2 (A2)"
SRC_FILE_VALIDITY = "Hướng dẫn địa phương (A19, chưa xác nhận quy định Trung ương)"
SRC_YOUTH = "Điều lệ Đảng Điều 4 (A9)"
SRC_CERTIFICATE = "HD 06-HD/TW (9/6/2025) điểm 5.4 (A3)"
SRC_ORDER = "Điều lệ Đảng Điều 4; HD 06-HD/TW điểm 3 (A4)"
SRC_VERIFICATION = "HD 06-HD/TW điểm 3.4d (A7)"
SRC_INTRODUCERS = "Điều lệ Đảng Điều 4.1–4.2; QĐ 294-QĐ/TW điểm 3.2.1 (A8, A9)"
SRC_CELL_VOTE = "Điều lệ Đảng Điều 4.4; HD 06-HD/TW điểm 3.6b (A10)"
SRC_COMMITTEE_VOTE = "HD 06-HD/TW điểm 3.7a (A11)"
SRC_DECIDING = "QĐ 29-QĐ/TW điểm 4.3.2 (A12); QĐ 208-QĐ/TW (2026)"
SRC_DECISION_DEADLINE = "QĐ 29-QĐ/TW điểm 4.3.1; QĐ 232-QĐ/TW điểm 4.3.1 (A13)"
SRC_CEREMONY = "QĐ 29/232/294-QĐ/TW điểm 4.1 (A14)"
SRC_PROBATION = "Điều lệ Đảng Điều 5 (M2, P4)"
SRC_PROPOSAL = "QĐ 29-QĐ/TW điểm 4.2a; QĐ 294-QĐ/TW điểm 4.2 (P1)"
SRC_RECOGNITION_VOTE = "Điều lệ Đảng Điều 5.2 (P2)"
SRC_RECOGNITION_DEADLINE = "QĐ 29-QĐ/TW điểm 4.3.1 (P3)"
SRC_MAX_VOTES = "QĐ 29-QĐ/TW điểm 4.2c (P5)"
SRC_STRIKE_OFF = "Điều lệ Đảng Điều 5; QĐ 29-QĐ/TW điểm 4.2 (P8)"


# ---------------------------------------------------------------- stage

def applicable_steps(needs_committee_vote: bool = True) -> tuple[str, ...]:
    """The steps of a candidate's pipeline. A grassroots cell (chi bộ cơ sở) has no grassroots
    committee above the cell: its own vote is the grassroots vote."""
    return tuple(s for s in STEP_ORDER if needs_committee_vote or s != Step.COMMITTEE_VOTE)


def derive_stage(dates: Mapping[str, dt.date | None], *, withdrawn: bool = False, needs_committee_vote: bool = True) -> str:
    """The stage from the recorded step dates: the last step of the unbroken run of recorded steps
    from the first one. A withdrawn candidate is withdrawn unless already admitted."""
    stage = Stage.PROPOSED
    for step in applicable_steps(needs_committee_vote):
        if dates.get(step) is None:
            break
        stage = STAGE_AFTER[step]
    if withdrawn and stage != Stage.ADMITTED:
        return Stage.WITHDRAWN
    return stage


def next_step(dates: Mapping[str, dt.date | None], *, withdrawn: bool = False, needs_committee_vote: bool = True) -> str | None:
    if withdrawn:
        return None
    return next((s for s in applicable_steps(needs_committee_vote) if dates.get(s) is None), None)


def previous_step(step: str, needs_committee_vote: bool = True) -> str | None:
    steps = applicable_steps(needs_committee_vote)
    i = steps.index(step)
    return steps[i - 1] if i else None


def check_step_order(step: str, on: dt.date, dates: Mapping[str, dt.date | None], *, needs_committee_vote: bool = True,
                     withdrawn: bool = False, today: dt.date, labels: Mapping[str, str] | None = None) -> list[Violation]:
    """A step is recorded once, after the one before it, on a date not before it and not in the future."""
    labels = labels or {s: Step(s).label for s in STEP_ORDER}
    field = STEP_DATE_FIELD[step]
    label = labels[step]
    if withdrawn:
        return [Violation("admission.withdrawn", "Người này đã dừng xem xét kết nạp: không ghi thêm bước nào.", None)]
    if step not in applicable_steps(needs_committee_vote):
        return [Violation("admission.step_not_applicable", f"{label}: không áp dụng với chi bộ cơ sở (chi bộ cơ sở "
                          "biểu quyết thay đảng ủy cơ sở).", None)]
    if dates.get(step) is not None:
        return [Violation("admission.step_recorded", f"{label}: đã ghi ngày {vn_date(dates[step])}.", field)]
    expected = next_step(dates, needs_committee_vote=needs_committee_vote)
    if expected != step:
        return [Violation("admission.step_order", f"{label}: chưa thể ghi, bước tiếp theo là “{labels[expected]}”; "
                          "các bước được ghi lần lượt, không bỏ qua bước nào.", None, SRC_ORDER)]
    v = []
    if on > today:
        v.append(Violation("admission.future", f"{label}: ngày {vn_date(on)} sau ngày hôm nay.", field))
    before = previous_step(step, needs_committee_vote)
    if before is not None and on < dates[before]:
        code = {Step.BACKGROUND: "admission.statement_before_application",
                Step.DECISION: "admission.decision_before_vote"}.get(step, "admission.date_order")
        source = {Step.BACKGROUND: SRC_ORDER, Step.COMMITTEE_VOTE: SRC_VERIFICATION}.get(step, "")
        v.append(Violation(code, f"{label}: ngày {vn_date(on)} trước ngày của bước trước "
                           f"(“{labels[before]}”, {vn_date(dates[before])}).", field, source))
    return v


# ---------------------------------------------------------------- age, certificate, votes

def age_months(date_of_birth: dt.date, on: dt.date) -> int:
    return months_between(date_of_birth, on)


def _age_text(months: int) -> str:
    return f"{months // 12} tuổi {months % 12} tháng"


def check_age(date_of_birth: dt.date, meeting: dt.date, params: Mapping[str, int], *, exception_decision: str = "",
              exception_reason: str = "") -> list[Violation]:
    """A1: at the cell's meeting, from 18 years 0 months to 60 years 0 months, counted in months.
    Older needs the decision of a committee directly under the Centre (number and reason recorded)."""
    months = age_months(date_of_birth, meeting)
    low, high = params["admission.min_age_months"], params["admission.max_age_months"]
    if months < low:
        return [Violation("admission.too_young", f"Ngày chi bộ xét: người vào Đảng mới {_age_text(months)}; phải đủ "
                          f"{_age_text(low)} (tính theo tháng, tại ngày chi bộ xét).", "cell_meeting_date", SRC_AGE)]
    if months > high:
        v = []
        if not exception_decision.strip():
            v.append(Violation("admission.too_old", f"Ngày chi bộ xét: người vào Đảng đã {_age_text(months)}, quá "
                               f"{_age_text(high)}; kết nạp người trên {high // 12} tuổi cần quyết định của cấp ủy trực thuộc "
                               "Trung ương: ghi số quyết định đó.", "age_exception_decision", SRC_AGE))
        if not exception_reason.strip():
            v.append(Violation("admission.too_old_reason", f"Lý do kết nạp người trên {high // 12} tuổi: bắt buộc ghi.",
                               "age_exception_reason", SRC_AGE))
        return v
    return []


# No one alive to be admitted was born before this day: a sanity bound against a mistyped year
# (01/01/0001), not a rule of the Party's.
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def check_birth_date(date_of_birth: dt.date) -> list[Violation]:
    if date_of_birth < EARLIEST_BIRTH:
        return [Violation("candidate.dob_too_early", f"Ngày sinh: {vn_date(date_of_birth)} không hợp lệ; người vào Đảng phải "
                          f"sinh từ ngày {vn_date(EARLIEST_BIRTH)} trở đi (kiểm tra lại năm sinh).", "date_of_birth")]
    return []


def earliest_certificate(date_of_birth: dt.date, params: Mapping[str, int]) -> dt.date:
    """A1 with A3: a certificate taken before this day expires before its holder is old enough to be
    admitted (minimum age minus the months a certificate stays valid)."""
    return add_months(date_of_birth, params["admission.min_age_months"] - params["admission.awareness_certificate_months"])


def check_certificate_date(certificate: dt.date, date_of_birth: dt.date, params: Mapping[str, int],
                           field: str = "awareness_certificate_date") -> list[Violation]:
    first = earliest_certificate(date_of_birth, params)
    if certificate < first:
        low, months = params["admission.min_age_months"], params["admission.awareness_certificate_months"]
        return [Violation("admission.certificate_too_early", f"Ngày cấp giấy chứng nhận lớp nhận thức về Đảng: "
                          f"{vn_date(certificate)} là trước ngày {vn_date(first)}; giấy chứng nhận chỉ có giá trị {months} tháng, "
                          f"nên đã hết hạn trước khi người sinh ngày {vn_date(date_of_birth)} đủ {_age_text(low)} để được "
                          "xét kết nạp.", field, SRC_CERTIFICATE)]
    return []


def certificate_expires(certificate: dt.date, params: Mapping[str, int]) -> dt.date:
    """The last day the awareness-class certificate is valid (A3: 60 months)."""
    return add_months(certificate, params["admission.awareness_certificate_months"])


def file_valid_until(statement: dt.date, params: Mapping[str, int]) -> dt.date:
    """A19 (local practice): the last day the background statement and the papers that go with it
    are treated as valid."""
    return add_months(statement, params["admission.file_validity_months"])


def check_certificate(certificate: dt.date, meeting: dt.date, params: Mapping[str, int]) -> list[Violation]:
    last = certificate_expires(certificate, params)
    if meeting > last:
        months = params["admission.awareness_certificate_months"]
        return [Violation("admission.certificate_expired", f"Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (ngày "
                          f"{vn_date(certificate)}) chỉ có giá trị {months} tháng, đến ngày {vn_date(last)}; ngày chi bộ xét "
                          f"{vn_date(meeting)} đã quá hạn: người vào Đảng phải học lại lớp.", "cell_meeting_date",
                          SRC_CERTIFICATE)]
    return []


def reaches_two_thirds(votes_for: int, base: int) -> bool:
    """At least two thirds, compared exactly in integers (6 of 9 is enough, 5 of 9 is not)."""
    return base > 0 and 3 * votes_for >= 2 * base


def check_vote(votes_for: int, base: int, *, base_field: str, votes_field: str, base_label: str, what: str,
               source: str, prefix: str = "admission") -> list[Violation]:
    """The counts are consistent and at least two thirds of `base` voted in favour."""
    if base < 1:
        return [Violation(f"{prefix}.vote_base", f"{base_label}: phải lớn hơn 0.", base_field)]
    if votes_for < 0 or votes_for > base:
        return [Violation(f"{prefix}.vote_count", f"Số tán thành ({votes_for}) phải từ 0 đến {base_label.lower()} ({base}).",
                          votes_field)]
    if not reaches_two_thirds(votes_for, base):
        need = -(-2 * base // 3)
        return [Violation(f"{prefix}.vote_two_thirds", f"Số tán thành: {votes_for}/{base}, chưa đạt 2/3 ({what} cần ít nhất "
                          f"{need}/{base}); nghị quyết không được thông qua.", votes_field, source)]
    return []


# ---------------------------------------------------------------- introducers

@dataclass(frozen=True)
class IntroducerFacts:
    """What the rules need to know of an introducer on the introduction date."""

    label: str  # "Người giới thiệu thứ nhất"
    field: str  # form field of the member
    since_field: str
    name: str
    is_full: bool
    in_same_grassroots: bool
    together_since: dt.date | None


def check_introducers(introducers: list[IntroducerFacts], on: dt.date, params: Mapping[str, int], *, organization_variant: str,
                      organization_name: str, grassroots_name: str) -> list[Violation]:
    """A8, A9: two full members of the same grassroots organization, each having worked, studied or
    lived with the applicant for at least 12 months; or, for a Youth Union (or trade union)
    introduction, that organization's executive plus one such member."""
    v: list[Violation] = []
    needed = 1 if organization_variant else 2
    given = [i for i in introducers if i.name]
    if organization_variant and not organization_name.strip():
        v.append(Violation("admission.introducing_org_name", "Tổ chức giới thiệu: ghi tên (ví dụ Ban Chấp hành Đoàn cơ sở …).",
                           "introducing_organization_name", SRC_INTRODUCERS))
    if len(given) < needed:
        for i in introducers[len(given):needed]:
            v.append(Violation("admission.introducer_missing", f"{i.label}: bắt buộc chọn (cần {needed} đảng viên chính thức "
                               "giới thiệu).", i.field, SRC_INTRODUCERS))
    if organization_variant and len(given) > 1:
        v.append(Violation("admission.introducer_extra", "Khi tổ chức Đoàn (Công đoàn) giới thiệu, chỉ cần một đảng viên "
                           "chính thức cùng giới thiệu: bỏ người giới thiệu thứ hai.", introducers[1].field, SRC_INTRODUCERS))
    if len(given) == 2 and given[0].name == given[1].name and given[0].field != given[1].field:
        v.append(Violation("admission.introducer_same", "Người giới thiệu thứ hai phải khác người thứ nhất.", given[1].field,
                           SRC_INTRODUCERS))
    months_needed = params["admission.introducer_together_months"]
    for i in given:
        if not i.is_full:
            v.append(Violation("admission.introducer_not_full", f"{i.label}: {i.name} không phải đảng viên chính thức vào ngày "
                               f"{vn_date(on)}.", i.field, SRC_INTRODUCERS))
        elif not i.in_same_grassroots:
            v.append(Violation("admission.introducer_other_grassroots", f"{i.label}: {i.name} không sinh hoạt trong "
                               f"{grassroots_name} (người giới thiệu phải cùng tổ chức cơ sở đảng).", i.field, SRC_INTRODUCERS))
        if i.together_since is None:
            v.append(Violation("admission.introducer_since", f"{i.label}: ghi ngày bắt đầu cùng công tác, học tập hoặc sinh sống "
                               "với người vào Đảng.", i.since_field, SRC_INTRODUCERS))
        elif i.together_since > on:
            v.append(Violation("admission.introducer_since_future", f"{i.label}: ngày cùng công tác ({vn_date(i.together_since)}) "
                               f"sau ngày giới thiệu ({vn_date(on)}).", i.since_field))
        elif months_between(i.together_since, on) < months_needed:
            v.append(Violation("admission.introducer_together", f"{i.label}: mới cùng công tác, học tập, sinh sống với người vào "
                               f"Đảng {months_between(i.together_since, on)} tháng (từ {vn_date(i.together_since)}); cần ít nhất "
                               f"{months_needed} tháng.", i.since_field, SRC_INTRODUCERS))
    return v


def is_youth_age(date_of_birth: dt.date, on: dt.date, params: Mapping[str, int]) -> bool:
    return age_months(date_of_birth, on) <= params["admission.youth_max_age_months"]


def check_youth_union(date_of_birth: dt.date, youth_union_date: dt.date | None, on: dt.date, params: Mapping[str, int], *,
                      organization_variant: str, no_youth_union_in: str = "") -> list[Violation]:
    """A9: an applicant of youth age (on the introduction date) is a Youth Union member, introduced by
    the Youth Union's grassroots executive and one full member; where the unit has no Youth Union
    organization (`no_youth_union_in` names it), by two full members. The Youth Union introduces no
    one past youth age. (The members themselves are checked by `check_introducers`.)"""
    limit = params["admission.youth_max_age_months"] // 12
    youth_union = organization_variant == "youth_union"
    if not is_youth_age(date_of_birth, on, params):
        if youth_union:
            return [Violation("admission.youth_union_past_age", f"Hình thức giới thiệu: Ban Chấp hành Đoàn cơ sở chỉ giới thiệu "
                              f"người vào Đảng trong độ tuổi thanh niên (đến {limit} tuổi); người này đã quá tuổi vào ngày "
                              f"giới thiệu ({vn_date(on)}): hai đảng viên chính thức giới thiệu.", "introducing_organization",
                              SRC_YOUTH)]
        return []
    v = []
    if youth_union_date is None or youth_union_date > on:
        v.append(Violation("admission.youth_union_member", f"Ngày vào Đoàn: người vào Đảng trong độ tuổi thanh niên (đến {limit} "
                           "tuổi) phải là đoàn viên Đoàn TNCS Hồ Chí Minh: ghi ngày vào Đoàn (trước ngày giới thiệu).",
                           "youth_union_date", SRC_YOUTH))
    if no_youth_union_in and youth_union:
        v.append(Violation("admission.youth_union_absent", f"Hình thức giới thiệu: {no_youth_union_in} không có tổ chức Đoàn, "
                           "nên hai đảng viên chính thức giới thiệu.", "introducing_organization", SRC_YOUTH))
    elif not no_youth_union_in and not youth_union:
        v.append(Violation("admission.youth_union_introduces", f"Hình thức giới thiệu: người vào Đảng trong độ tuổi thanh niên "
                           f"(đến {limit} tuổi) được Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức giới thiệu (chỉ nơi "
                           "không có tổ chức Đoàn mới do hai đảng viên chính thức giới thiệu).", "introducing_organization",
                           SRC_YOUTH))
    return v


def check_education(rank: int | None, name: str, params: Mapping[str, int], rank_names: Mapping[int, str]) -> list[Violation]:
    """A2: general education of at least the minimum rank (lower secondary), at the cell's meeting."""
    minimum = params["admission.min_education_rank"]
    needed = rank_names.get(minimum, f"bậc {minimum}")
    if rank is None:
        return [Violation("admission.education_missing", f"Giáo dục phổ thông: ghi trình độ của người vào Đảng trước khi chi bộ "
                          f"xét (tối thiểu tốt nghiệp {needed.lower()}).", "general_education", SRC_EDUCATION)]
    if rank < minimum:
        return [Violation("admission.education", f"Giáo dục phổ thông: “{name}” chưa đạt trình độ tối thiểu (tốt nghiệp "
                          f"{needed.lower()}); vùng cao, hải đảo, đồng bào dân tộc thiểu số theo hướng dẫn riêng của Ban Bí "
                          "thư.", "general_education", SRC_EDUCATION)]
    return []


# ---------------------------------------------------------------- deadlines

@dataclass(frozen=True)
class Window:
    """A working-day deadline with its extension (A13, P3): within `due`, or up to `latest` with a reason."""

    start: dt.date
    due: dt.date
    latest: dt.date


def window(start: dt.date, days: int, extension: int, cal: WorkCalendar) -> Window:
    due = add_working_days(start, days, cal)
    latest = add_working_days(start, days + extension, cal) if extension else due
    return Window(start, due, latest)


def check_in_window(on: dt.date, w: Window, *, reason: str, field: str, reason_field: str, what: str, start_label: str,
                    days: int, extension: int, source: str) -> list[Violation]:
    if on <= w.due:
        return []
    if on <= w.latest:
        if reason.strip():
            return []
        return [Violation("admission.deadline_extension_reason", f"{what} ngày {vn_date(on)}: quá thời hạn {days} ngày làm việc "
                          f"kể từ {start_label} (hạn {vn_date(w.due)}); chỉ được gia hạn tối đa {extension} ngày làm việc "
                          f"(đến {vn_date(w.latest)}) trong trường hợp đặc biệt: ghi lý do gia hạn.", reason_field, source)]
    # Past the extension the decision is still valid, but the delay is the committee's to answer for
    # before the superior committee (QĐ 29/232 điểm 4.3.1): the reason is required and kept.
    if reason.strip():
        return []
    return [Violation("admission.deadline_passed", f"{what} ngày {vn_date(on)}: quá thời hạn {days} ngày làm việc kể từ "
                      f"{start_label}, kể cả gia hạn {extension} ngày làm việc (hạn cuối {vn_date(w.latest)}); cấp ủy chậm "
                      "quyết định phải báo cáo, giải trình với cấp ủy cấp trên trực tiếp: ghi lý do chậm.", reason_field, source)]


def check_ceremony(on: dt.date, decision: dt.date, params: Mapping[str, int], cal: WorkCalendar, *,
                   delay_consent: str, received: dt.date | None = None) -> list[Violation]:
    """A14: within the working days in force of the day the cell received the decision (the
    decision date when the receipt is not recorded); later only with the direct superior's consent."""
    v = []
    if received is not None:
        if received < decision:
            v.append(Violation("admission.received_before_decision", f"Ngày chi bộ nhận quyết định ({vn_date(received)}) không "
                               f"thể trước ngày quyết định kết nạp ({vn_date(decision)}).", "decision_received_date"))
        if received > on:
            v.append(Violation("admission.received_after_ceremony", f"Ngày chi bộ nhận quyết định ({vn_date(received)}) không "
                               f"thể sau ngày lễ kết nạp ({vn_date(on)}).", "decision_received_date"))
        if v:
            return v
    start = received or decision
    days = params["admission.ceremony_working_days"]
    due = add_working_days(start, days, cal)
    since = (f"kể từ ngày chi bộ nhận quyết định kết nạp ({vn_date(start)})" if received else
             f"kể từ quyết định kết nạp ({vn_date(start)}; chưa ghi ngày chi bộ nhận quyết định)")
    if on > due and not delay_consent.strip():
        return [Violation("admission.ceremony_late", f"Ngày lễ kết nạp {vn_date(on)}: quá {days} ngày làm việc {since}, hạn "
                          f"{vn_date(due)}; tổ chức muộn hơn phải báo cáo và được cấp ủy cấp trên trực tiếp đồng ý: ghi văn "
                          "bản đồng ý.", "ceremony_delay_consent", SRC_CEREMONY)]
    return []


# ---------------------------------------------------------------- deciding body


@dataclass(frozen=True)
class DecidingBody:
    text: str  # "Ban Thường vụ Huyện ủy An Lạc"
    committee: str  # "Huyện ủy An Lạc"
    organization_name: str  # the organization whose committee decides, as named on the date
    superior_name: str  # the organization above it, as named on the date (issuer's superior on the document)
    level: str
    delegated: bool
    organization_id: int | None = None


def deciding_body(level: str, *, grassroots_name: str, grassroots_is_committee: bool, superior_name: str,
                  superior_parent_name: str, delegated: bool = False, grassroots_id: int | None = None,
                  superior_id: int | None = None, superior_is_province: bool = False) -> DecidingBody:
    """A12: who decides an admission (and a recognition) on a date.

    Before QĐ 208: the standing committee of the direct superior of the grassroots organization;
    a grassroots committee with delegated authority decides itself (collectively). From QĐ 208
    (26/7/2026): the standing committee of the grassroots committee. A grassroots cell has no
    standing committee: its direct superior's decides under every regime.

    A grassroots organization directly under a provincial committee: the provincial standing
    office (thường trực) with the standing-committee members who head the party boards decides
    (QĐ 29/24 điểm 4.3.2), not the whole standing committee.
    """
    own = level == DecidingLevel.GRASSROOTS_STANDING and grassroots_is_committee
    if own or (delegated and grassroots_is_committee):
        committee = committee_name(grassroots_name)
        text = f"Ban Thường vụ {committee}" if own else committee
        return DecidingBody(text, committee, grassroots_name, superior_name, level, delegated and not own, grassroots_id)
    committee = committee_name(superior_name)
    if superior_is_province:
        text = f"Thường trực {committee} và các đồng chí Ủy viên Ban Thường vụ là trưởng các ban đảng"
        return DecidingBody(text, committee, superior_name, superior_parent_name, level, False, superior_id)
    return DecidingBody(f"Ban Thường vụ {committee}", committee, superior_name, superior_parent_name, level, False, superior_id)


# ---------------------------------------------------------------- probation

def probation_end(start: dt.date, params: Mapping[str, int]) -> dt.date:
    """The day the probationary member becomes a full member (M2, P4): the ceremony + 12 months,
    whenever the cell meets or the committee decides."""
    return add_months(start, params["probation.months"])


def proposal_deadline(end: dt.date, params: Mapping[str, int], cal: WorkCalendar) -> dt.date:
    """P1: the cell proposes within 30 working days after the probation ends."""
    return add_working_days(end, params["probation.proposal_working_days"], cal)


def check_probation_vote(*, meeting: dt.date, proposal: str, start: dt.date, end: dt.date, today: dt.date, full_members: int,
                         votes_for: int, failed_votes: int, pending: bool,
                         params: Mapping[str, int]) -> list[Violation]:
    """P1, P2, P5, P8: when the cell may vote on a probationary member, and on what base. P7 (a cell
    with fewer than 3 full members votes on nothing) and the base against the register are O1 and O14,
    checked by the service with dangvu.members.rules."""
    from dangvu.admissions.kinds import VoteProposal

    v: list[Violation] = []
    if meeting > today:
        v.append(Violation("probation.vote_future", f"Ngày chi bộ xét: {vn_date(meeting)} sau ngày hôm nay.", "meeting_date"))
    if meeting < start:
        v.append(Violation("probation.vote_before_start", f"Ngày chi bộ xét: {vn_date(meeting)} trước ngày lễ kết nạp "
                           f"({vn_date(start)}).", "meeting_date"))
    elif proposal == VoteProposal.RECOGNIZE and meeting < end:
        v.append(Violation("probation.vote_before_end", f"Ngày chi bộ xét: chi bộ xét công nhận chính thức sau khi hết "
                           f"{params['probation.months']} tháng dự bị (từ ngày {vn_date(end)}).", "meeting_date", SRC_PROPOSAL))
    if pending:
        v.append(Violation("probation.vote_pending", "Chi bộ đã có nghị quyết đạt 2/3 về đảng viên này, đang chờ cấp ủy có "
                           "thẩm quyền quyết định.", None))
    max_votes = params["probation.max_votes"]
    if failed_votes >= max_votes:
        v.append(Violation("probation.max_votes", f"Chi bộ đã biểu quyết {failed_votes} lần không đạt 2/3: báo cáo cấp ủy cấp "
                           "trên trực tiếp; cấp ủy có thẩm quyền xem xét, quyết định (không biểu quyết thêm ở chi bộ).", None,
                           SRC_MAX_VOTES))
    what = "công nhận chính thức" if proposal == VoteProposal.RECOGNIZE else "xóa tên đảng viên dự bị"
    base_v = [x for x in check_vote(votes_for, full_members, base_field="full_members", votes_field="votes_for",
                                    base_label="Số đảng viên chính thức của chi bộ", what=what, source=SRC_RECOGNITION_VOTE,
                                    prefix="probation")
              if x.code != "probation.vote_two_thirds"]  # a vote below 2/3 is recorded: it counts toward P5
    return v + base_v
