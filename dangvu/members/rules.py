"""Rules of the member register: pure functions that return violations or derived state.

- Citizen ID (CCCD, 12 digits): province of birth registration (3 digits, one of the 63 codes),
  century-and-sex digit, the last two digits of the year of birth, then 6 digits
  (Thông tư 07/2016/TT-BCA, Thông tư 59/2021/TT-BCA).
- Admission age counted in months (A1), probation from the ceremony (M2), re-admission (A15):
  every threshold is a parameter (dangvu.rules.parameters) read for the date it applies to; the
  functions take `params_for`, a function from a date to the parameters in force on it
  (`params_on`, or a `ParamsBook` when replaying many events).
- Party age from the admission decision (Điều lệ Điều 5.4).
- Status and cell come from replaying the dated events.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dangvu.core.dates import add_months, vn_date
from dangvu.core.errors import Violation
from dangvu.members.kinds import (
    ENDING_EVENTS,
    GROUNDS_FOR,
    IN_PARTY,
    NEEDS_ORGANIZATION,
    READMISSION_BARRED,
    EventType,
    RemovalGround,
    Sex,
    Status,
)
from dangvu.rules.parameters import defaults

SOURCE_ADMISSION = "QĐ 24-QĐ/TW (2021) điểm 1.1; QĐ 294-QĐ/TW (2025) Điều 1"
SOURCE_PROBATION = "Điều lệ Đảng Điều 5"
SOURCE_CCCD = "Thông tư 59/2021/TT-BCA"
SOURCE_CARD = "HD 01-HD/TW (2021) điểm 7.1; HD 12-HD/BTCTW (2022) mục II.2.2"
SOURCE_READMISSION = "QĐ 232-QĐ/TW (2025) điểm 3.5"
SOURCE_READMISSION_BARRED = "QĐ 232-QĐ/TW (2025); QĐ 294-QĐ/TW (2025) điểm 3.5.2"
SOURCE_REMOVAL = "QĐ 24-QĐ/TW (2021) điểm 8.1; QĐ 294-QĐ/TW (2025)"

# Codes of the 63 provinces and cities used in the first three digits of a CCCD.
PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 "
    "045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 "
    "092 093 094 095 096".split()
)

ParamsFor = Callable[[dt.date], Mapping]


def _age_text(months: int) -> str:
    return f"{months // 12} tuổi {months % 12} tháng"


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (a birthday on the 31st counts at month end)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day and not _is_month_end(end):
        months -= 1
    return months


def _is_month_end(d: dt.date) -> bool:
    return (d + dt.timedelta(days=1)).month != d.month


def check_citizen_id(citizen_id: str | None, sex: str | None = None, date_of_birth: dt.date | None = None) -> list[Violation]:
    if not citizen_id:
        return []
    f = "citizen_id"
    if len(citizen_id) != 12 or not citizen_id.isascii() or not citizen_id.isdigit():
        return [Violation("member.cccd_format", "Số CCCD: phải gồm đúng 12 chữ số.", f, SOURCE_CCCD)]
    violations = []
    if citizen_id[:3] not in PROVINCE_CODES:
        violations.append(Violation("member.cccd_province", f"Số CCCD: 3 số đầu “{citizen_id[:3]}” không phải mã tỉnh, thành phố "
                                    "nơi đăng ký khai sinh.", f, SOURCE_CCCD))
    gender_digit = int(citizen_id[3])
    century = 1900 + 100 * (gender_digit // 2)
    digit_sex = Sex.MALE if gender_digit % 2 == 0 else Sex.FEMALE
    if sex and sex != digit_sex:
        violations.append(Violation("member.cccd_sex", f"Số CCCD: chữ số thứ 4 ({gender_digit}) ứng với giới tính "
                                    f"{Sex(digit_sex).label.lower()}, không khớp với giới tính đã khai.", f, SOURCE_CCCD))
    if date_of_birth is not None:
        year = century + int(citizen_id[4:6])
        if year != date_of_birth.year:
            violations.append(Violation("member.cccd_birth_year", f"Số CCCD: chữ số thứ 4–6 ứng với năm sinh {year}, không khớp "
                                        f"với ngày sinh {vn_date(date_of_birth)}.", f, SOURCE_CCCD))
    return violations


def check_party_card(number: str | None) -> list[Violation]:
    if number and (not number.isascii() or not number.isdigit() or len(number) not in (8, 12)):
        return [Violation("member.card_format", "Số thẻ đảng viên: 8 chữ số (thẻ theo CT 29-CT/TW) hoặc 12 chữ số "
                          "(thẻ mới theo CT 51-CT/TW).", "party_card_number", "CT 29-CT/TW; CT 51-CT/TW")]
    return []


def check_admission_age(dob: dt.date, decision: dt.date, params: Mapping, exception_decision: str = "") -> list[Violation]:
    """A1 in the register, at the admission decision date: not under the minimum age; over the
    maximum only with the decision of a committee directly under the Centre (recorded)."""
    age = months_between(dob, decision)
    low, high = params["admission.min_age_months"], params["admission.max_age_months"]
    if age < low:
        return [Violation("member.admission_age", f"Ngày quyết định kết nạp: khi kết nạp đảng viên mới {_age_text(age)}; tuổi "
                          f"kết nạp phải từ đủ {low // 12} tuổi (tính theo tháng).", "admission_decision_date", SOURCE_ADMISSION)]
    if age > high and not (exception_decision or "").strip():
        return [Violation("member.admission_age", f"Ngày quyết định kết nạp: khi kết nạp đảng viên đã {_age_text(age)}, quá "
                          f"{high // 12} tuổi; kết nạp người trên {high // 12} tuổi cần quyết định của cấp ủy trực thuộc Trung "
                          "ương: ghi số, ngày quyết định đó vào “quyết định cho kết nạp người quá tuổi”.",
                          "admission_age_exception", SOURCE_ADMISSION)]
    return []


def check_record(r: dict, today: dt.date, params_for: ParamsFor = defaults) -> list[Violation]:
    """Checks across fields of the record form. `r` maps field names to cleaned values; `params_for`
    gives the parameters in force on a date (`params_on`)."""
    v: list[Violation] = []
    dob = r.get("date_of_birth")
    decision, ceremony, recognition = r.get("admission_decision_date"), r.get("ceremony_date"), r.get("recognition_date")
    if not (r.get("full_name") or "").strip():
        v.append(Violation("member.name", "Họ và tên: không được để trống.", "full_name"))
    if dob is None:
        v.append(Violation("member.dob", "Ngày sinh: bắt buộc nhập.", "date_of_birth"))
    elif dob > today:
        v.append(Violation("member.dob_future", "Ngày sinh: không thể sau ngày hôm nay.", "date_of_birth"))
    v += check_citizen_id(r.get("citizen_id"), r.get("sex"), dob)
    v += check_party_card(r.get("party_card_number"))
    if decision and dob:
        if decision <= dob:
            v.append(Violation("member.dob_after_admission", f"Ngày sinh ({vn_date(dob)}) phải trước ngày quyết định kết nạp "
                               f"({vn_date(decision)}).", "date_of_birth"))
        else:
            v += check_admission_age(dob, decision, params_for(decision), r.get("admission_age_exception", ""))
    if decision and decision > today:
        v.append(Violation("member.decision_future", "Ngày quyết định kết nạp: không thể sau ngày hôm nay.",
                           "admission_decision_date"))
    for key, code, label in (("ceremony_date", "ceremony", "Ngày lễ kết nạp"), ("recognition_date", "recognition",
                             "Ngày công nhận chính thức"), ("youth_union_date", "youth_union", "Ngày vào Đoàn")):
        if r.get(key) and r[key] > today:
            v.append(Violation(f"member.{code}_future", f"{label}: không thể sau ngày hôm nay.", key))
    if ceremony and decision and ceremony < decision:
        v.append(Violation("member.ceremony_before_decision", f"Ngày lễ kết nạp ({vn_date(ceremony)}) không thể trước ngày "
                           f"quyết định kết nạp ({vn_date(decision)}).", "ceremony_date"))
    if recognition:
        if not ceremony:
            v.append(Violation("member.recognition_without_ceremony", "Ngày công nhận chính thức: cần có ngày lễ kết nạp.",
                               "ceremony_date"))
        else:
            months = params_for(ceremony)["probation.months"]
            if recognition < add_months(ceremony, months):
                v.append(Violation("member.recognition_early", f"Ngày công nhận chính thức ({vn_date(recognition)}) sớm hơn "
                                   f"ngày hết {months} tháng dự bị ({vn_date(add_months(ceremony, months))}).",
                                   "recognition_date", SOURCE_PROBATION))
    youth = r.get("youth_union_date")
    if youth and dob and youth <= dob:
        v.append(Violation("member.youth_union", "Ngày vào Đoàn phải sau ngày sinh.", "youth_union_date"))
    return v


# ---------------------------------------------------------------- replaying events

@dataclass(frozen=True)
class EventFact:
    """What replay needs to know of an event."""

    event_type: str
    effective_date: dt.date
    organization_id: int | None = None
    id: int = 0
    external_place: str = ""  # where it happened when outside the system (admitted elsewhere)
    ground: str = ""  # why the member left (RemovalGround), on ending events
    # A15, on a re-admission: the decision of the higher committee, and when a criminal record
    # (less serious crime) was cleared, if the person had one.
    decision_number: str = ""
    deciding_body: str = ""
    record_cleared_on: dt.date | None = None


@dataclass
class Interval:
    valid_from: dt.date
    valid_to: dt.date | None
    status: str
    organization_id: int | None
    temporary_organization_id: int | None
    is_exempted: bool
    is_suspended: bool


@dataclass
class Replay:
    intervals: list[Interval] = field(default_factory=list)
    status: str = ""
    organization_id: int | None = None
    temporary_organization_id: int | None = None
    is_exempted: bool = False
    is_suspended: bool = False
    days_outside: int = 0
    ended_on: dt.date | None = None
    ended_ground: str = ""
    readmissions: int = 0
    last_date: dt.date | None = None
    probation_started: dt.date | None = None  # the ceremony (admission or re-admission event)
    violations: list[Violation] = field(default_factory=list)


def check_readmission(state: Replay, e: EventFact, params: Mapping) -> list[Violation]:
    """A15, A16: who may be re-admitted, once, how long after leaving (and after a criminal record
    was cleared), and by whose decision (the higher committee's)."""
    on = e.effective_date
    if state.status not in (Status.STRUCK_OFF, Status.LEFT, Status.EXPELLED):
        return [Violation("event.readmit_status", "Chỉ kết nạp lại người đã bị xóa tên, khai trừ hoặc ra khỏi Đảng.",
                          "event_type", SOURCE_READMISSION)]
    if state.ended_ground in READMISSION_BARRED:
        ground = RemovalGround(state.ended_ground).label
        return [Violation("event.readmit_barred", f"Không kết nạp lại người đã ra khỏi Đảng với lý do “{ground}”.",
                          "event_type", SOURCE_READMISSION_BARRED)]
    if state.readmissions >= 1:
        return [Violation("event.readmit_once", "Chỉ được kết nạp lại một lần.", "event_type", SOURCE_READMISSION)]
    v = []
    gap = params["admission.readmission_min_months"]
    if state.ended_on and months_between(state.ended_on, on) < gap:
        v.append(Violation("event.readmit_gap", f"Kết nạp lại phải sau ít nhất {gap} tháng kể từ khi ra khỏi Đảng "
                           f"({vn_date(state.ended_on)}).", "effective_date", SOURCE_READMISSION))
    cleared = e.record_cleared_on
    after_record = params["admission.readmission_after_record_months"]
    if cleared is not None and (cleared > on or months_between(cleared, on) < after_record):
        v.append(Violation("event.readmit_record", f"Kết nạp lại phải sau ít nhất {after_record} tháng kể từ ngày được xóa án "
                           f"tích ({vn_date(cleared)}).", "record_cleared_on", SOURCE_READMISSION))
    if e.id >= NEW_EVENT_ID and not (e.decision_number.strip() and e.deciding_body.strip()):
        v.append(Violation("event.readmit_decision", "Quyết định kết nạp lại: ghi số quyết định và cấp ủy quyết định (việc kết "
                           "nạp lại do cấp ủy cấp trên xem xét, quyết định).", "decision_number", SOURCE_READMISSION))
    return v


# A new event being checked carries this id (stored events have their own, smaller ids): rules that
# apply only when an event is recorded (not to old histories replayed) look at it.
NEW_EVENT_ID = 10**12


def apply(state: Replay, e: EventFact, params_for: ParamsFor = defaults) -> list[Violation]:
    """Apply one event to `state` (in place); returns the violations if it may not happen.
    `params_for(date)`: the parameters in force on a date."""
    t, on = e.event_type, e.effective_date
    v: list[Violation] = []
    if state.last_date and on < state.last_date:
        v.append(Violation("event.out_of_order", f"Ngày hiệu lực {vn_date(on)} sớm hơn sự kiện gần nhất ({vn_date(state.last_date)}); "
                           "các sự kiện phải được ghi theo thứ tự thời gian.", "effective_date"))
    in_party = state.status in IN_PARTY
    if t in NEEDS_ORGANIZATION and e.organization_id is None and not (t == EventType.ADMITTED and e.external_place.strip()):
        v.append(Violation("event.organization", "Tổ chức đảng: bắt buộc với sự kiện này.", "organization"))
    if t == EventType.ADMITTED:
        if state.status:
            v.append(Violation("event.already_admitted", "Đảng viên đã được kết nạp; người đã ra khỏi Đảng thì ghi “Kết nạp lại”.",
                               "event_type"))
    elif t == EventType.READMITTED:
        v += check_readmission(state, e, params_for(on))
    elif t == EventType.RECOGNIZED:
        if state.status != Status.PROBATIONARY:
            v.append(Violation("event.recognize_status", "Chỉ công nhận chính thức cho đảng viên dự bị.", "event_type",
                               SOURCE_PROBATION))
        elif state.probation_started and on < add_months(state.probation_started,
                                                         months := params_for(state.probation_started)["probation.months"]):
            end = add_months(state.probation_started, months)
            v.append(Violation("event.recognize_early", f"Ngày công nhận chính thức ({vn_date(on)}) sớm hơn ngày hết {months} tháng dự bị "
                               f"({vn_date(end)}); đảng viên trở thành chính thức từ ngày {vn_date(end)} dù được xét muộn.",
                               "effective_date", SOURCE_PROBATION))
    elif not in_party:
        label = Status(state.status).label.lower() if state.status else "chưa được kết nạp"
        v.append(Violation("event.not_in_party", f"Người này hiện {label}: không thể ghi sự kiện này.", "event_type"))
    else:
        if t == EventType.EXEMPTED and state.is_exempted:
            v.append(Violation("event.already_exempted", "Đảng viên đang được miễn sinh hoạt.", "event_type"))
        if t == EventType.EXEMPTION_ENDED and not state.is_exempted:
            v.append(Violation("event.not_exempted", "Đảng viên không trong thời gian miễn sinh hoạt.", "event_type"))
        if t == EventType.SUSPENDED and state.is_suspended:
            v.append(Violation("event.already_suspended", "Đảng viên đang bị đình chỉ sinh hoạt.", "event_type"))
        if t == EventType.REINSTATED and not state.is_suspended:
            v.append(Violation("event.not_suspended", "Đảng viên không bị đình chỉ sinh hoạt.", "event_type"))
        if t == EventType.TEMPORARY_RETURN and state.temporary_organization_id is None:
            v.append(Violation("event.not_away", "Đảng viên không sinh hoạt tạm thời ở nơi khác.", "event_type"))
        if t in (EventType.TRANSFERRED_INTERNAL, EventType.TRANSFERRED_IN) and e.organization_id == state.organization_id:
            v.append(Violation("event.same_org", "Tổ chức đến trùng với tổ chức đang sinh hoạt.", "organization"))
    if v:
        return v
    _transition(state, e)
    return []


def _transition(state: Replay, e: EventFact) -> None:
    t, on = e.event_type, e.effective_date
    if t == EventType.ADMITTED:
        state.status, state.organization_id = Status.PROBATIONARY, e.organization_id
        state.probation_started = on
    elif t == EventType.READMITTED:
        state.days_outside += (on - state.ended_on).days if state.ended_on else 0
        state.status, state.organization_id, state.ended_on = Status.PROBATIONARY, e.organization_id, None
        state.ended_ground = ""
        state.readmissions += 1
        state.probation_started = on
        state.is_exempted = state.is_suspended = False
    elif t == EventType.RECOGNIZED:
        state.status = Status.FULL
    elif t in (EventType.TRANSFERRED_IN, EventType.TRANSFERRED_INTERNAL):
        state.organization_id = e.organization_id
    elif t == EventType.TEMPORARY_OUT:
        state.temporary_organization_id = e.organization_id
    elif t == EventType.TEMPORARY_RETURN:
        state.temporary_organization_id = None
    elif t == EventType.EXEMPTED:
        state.is_exempted = True
    elif t == EventType.EXEMPTION_ENDED:
        state.is_exempted = False
    elif t == EventType.SUSPENDED:
        state.is_suspended = True
    elif t == EventType.REINSTATED:
        state.is_suspended = False
    elif t in ENDING_EVENTS:
        state.status, state.ended_on, state.ended_ground = ENDING_EVENTS[t], on, e.ground
        state.is_exempted = state.is_suspended = False
        state.temporary_organization_id = None
    state.last_date = on


def check_ground(event_type: str, ground: str) -> list[Violation]:
    """A striking off, a leaving or an expulsion names its ground, one of those its kind allows."""
    allowed = GROUNDS_FOR.get(event_type)
    if allowed is None:
        if ground:
            return [Violation("event.ground_not_applicable", "Căn cứ ra khỏi Đảng: chỉ ghi khi xóa tên, khai trừ hoặc "
                              "ra khỏi Đảng.", "ground")]
        return []
    label = EventType(event_type).label.lower()
    if not ground:
        return [Violation("event.ground_required", f"Căn cứ ra khỏi Đảng: bắt buộc chọn khi {label}.", "ground", SOURCE_REMOVAL)]
    if ground not in allowed:
        return [Violation("event.ground_invalid", f"Căn cứ ra khỏi Đảng: không phải căn cứ để {label}.", "ground",
                          SOURCE_REMOVAL)]
    return []


def replay(events: list[EventFact], params_for: ParamsFor = defaults) -> Replay:
    """Replay events in date order: intervals of unchanged state, the present state, days outside."""
    state = Replay()
    for e in sorted(events, key=lambda e: (e.effective_date, e.id)):
        violations = apply(state, e, params_for)
        if violations:
            state.violations += violations
            continue
        snapshot = Interval(e.effective_date, None, state.status, state.organization_id, state.temporary_organization_id,
                            state.is_exempted, state.is_suspended)
        if state.intervals and state.intervals[-1].valid_from == e.effective_date:
            state.intervals[-1] = snapshot  # several events on one day: the day's last state holds
        else:
            if state.intervals:
                state.intervals[-1].valid_to = e.effective_date
            state.intervals.append(snapshot)
    # Only stretches in the party are states; after an ending event the member is not in any cell.
    state.intervals = [i for i in state.intervals if i.status in IN_PARTY]
    return state


def party_age_days(first_admission: dt.date | None, days_outside: int, on: dt.date, ended_on: dt.date | None = None) -> int:
    """Days of party age on `on`: from the admission decision, minus time outside the party."""
    if first_admission is None or on < first_admission:
        return 0
    end = min(on, ended_on) if ended_on else on
    return max((end - first_admission).days - days_outside, 0)


def party_age_years(first_admission: dt.date | None, days_outside: int, on: dt.date, ended_on: dt.date | None = None) -> int:
    """Whole years of party age (months counted exactly; time outside removed)."""
    if first_admission is None or on < first_admission:
        return 0
    end = min(on, ended_on) if ended_on else on
    shifted = first_admission + dt.timedelta(days=days_outside)
    return max(months_between(shifted, end) // 12, 0) if end >= shifted else 0


# ---------------------------------------------------------------- vote base of a cell (O1, O14)

SOURCE_O1 = "Điều lệ Đảng Điều 21.2 (O1)"
SOURCE_O14 = "QĐ 294-QĐ/TW điểm 9.3.2 (O14)"


def check_cell_min_full_members(full_count: int, on: dt.date, params, *, field: str, what: str, prefix: str) -> list[Violation]:
    """O1 (and P7, the same rule): a cell with fewer full members than the minimum passes no
    resolution on admission, recognition or striking off a probationary member."""
    minimum = params["organization.cell_min_full_members"]
    if full_count >= minimum:
        return []
    return [Violation(f"{prefix}.small_cell", f"Chi bộ chỉ có {full_count} đảng viên chính thức vào ngày {vn_date(on)} (theo sổ "
                      f"đảng viên; cần ít nhất {minimum}): chi bộ không thông qua được {what}; cấp ủy cấp trên bổ sung đảng viên "
                      "hoặc sắp xếp lại chi bộ trước.", field, SOURCE_O1)]


def check_typed_vote_base(typed: int, minimum: int, maximum: int, on: dt.date, *, field: str, label: str, prefix: str
                          ) -> list[Violation]:
    """O14: the base typed on a form is the one the register gives on the meeting date: the full
    members, less those on temporary transfer elsewhere and the exempted, each of whom counts only
    when attending and voting (so the base lies between the two)."""
    if minimum <= typed <= maximum:
        return []
    if minimum == maximum:
        expected = f"phải là {minimum}"
    else:
        expected = (f"phải từ {minimum} đến {maximum} ({maximum - minimum} đảng viên sinh hoạt tạm thời nơi khác hoặc được "
                    "miễn sinh hoạt chỉ được tính khi có mặt và biểu quyết)")
    return [Violation(f"{prefix}.vote_base_register", f"{label}: nhập {typed}, nhưng theo sổ đảng viên ngày {vn_date(on)} chi bộ "
                      f"có {maximum} đảng viên chính thức; số biểu quyết {expected}.", field, SOURCE_O14)]
