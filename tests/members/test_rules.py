"""Pure rules of the member register (dangvu/members/rules.py): no database.

- Citizen ID (CCCD): 12 ASCII digits; province of birth registration (one of the 63 codes); the
  4th digit gives sex (even male, odd female) and century (0/1 → 1900s, 2/3 → 2000s); digits 5–6
  are the last two digits of the year of birth (Thông tư 07/2016/TT-BCA, 59/2021/TT-BCA).
- Months: a period counted in months ends on the same day of the month, or on the last day of the
  month when that month has no such day (31/1 + 1 month = 28 or 29/2; 29/2 + 12 months = 28/2).
- Admission age 18y0m–60y0m counted in months on the decision date (domain-rules A1); probation of
  12 months from the ceremony (M2, P4); re-admission ≥ 36 months after leaving, once (A15); party
  age from the first admission decision, minus the time outside the party (M1, M4).
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.core.citations import citation
from dangvu.members import rules
from dangvu.members.kinds import IN_PARTY, EventType, RemovalGround, Sex, Status
from dangvu.members.rules import EventFact, add_months, months_between
from dangvu.rules.parameters import Params

D = dt.date
TODAY = D(2026, 1, 15)

# The 63 province codes of Thông tư 07/2016/TT-BCA, written out independently of the source.
PROVINCES_63 = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang", "010": "Lào Cai",
    "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh",
    "030": "Hải Dương", "031": "Hải Phòng", "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum", "064": "Gia Lai", "066": "Đắk Lắk",
    "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "TP Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre",
    "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}


def cccd(province: str, sex: str, dob: dt.date, serial: int = 123) -> str:
    """A citizen ID built per the rule: province, century-and-sex digit, year of birth (2 digits), 6 digits."""
    digit = 2 * (dob.year // 100 - 19) + (0 if sex == Sex.MALE else 1)
    return f"{province}{digit}{dob.year % 100:02d}{serial:06d}"


def codes(violations) -> set[str]:
    return {v.code for v in violations}


# ---------------------------------------------------------------- citizen ID


def test_province_codes_are_the_63_provinces():
    assert len(PROVINCES_63) == 63
    assert rules.PROVINCE_CODES == set(PROVINCES_63)


def test_cccd_builder_matches_hand_written_examples():
    assert cccd("038", Sex.FEMALE, D(1990, 5, 17), 123456) == "038190123456"
    assert cccd("001", Sex.MALE, D(1985, 1, 2), 4321) == "001085004321"
    assert cccd("079", Sex.MALE, D(2003, 7, 1), 1) == "079203000001"
    assert cccd("096", Sex.FEMALE, D(2001, 3, 9), 99) == "096301000099"


@pytest.mark.parametrize("value, sex, dob", [
    ("038190123456", Sex.FEMALE, D(1990, 5, 17)),
    ("001085004321", Sex.MALE, D(1985, 1, 2)),
    ("079203000001", Sex.MALE, D(2003, 7, 1)),
    ("096301000099", Sex.FEMALE, D(2001, 3, 9)),
    ("038190123456", None, None),  # nothing to compare with: only format and province
])
def test_valid_citizen_ids_pass(value, sex, dob):
    assert rules.check_citizen_id(value, sex, dob) == []


@pytest.mark.parametrize("value", [None, ""])
def test_missing_citizen_id_is_not_checked(value):
    assert rules.check_citizen_id(value, Sex.MALE, D(1990, 1, 1)) == []


@pytest.mark.parametrize("value", [
    "03819012345",       # 11 digits
    "0381901234567",     # 13 digits
    "03819012345A",      # a letter
    "O38190123456",      # letter O for zero
    "038190 23456",      # a space inside
    " 38190123456",      # leading space
    "03819012345٠",      # Arabic-Indic zero: str.isdigit() is True
    "０38190123456",     # full-width zero
    "03819012345²",      # superscript two: str.isdigit() is True
    "-38190123456",
])
def test_citizen_id_must_be_twelve_ascii_digits(value):
    violations = rules.check_citizen_id(value, Sex.FEMALE, D(1990, 5, 17))
    assert codes(violations) == {"member.cccd_format"}
    (v,) = violations
    assert v.field == "citizen_id"
    assert v.source == rules.SOURCE_CCCD
    assert "12 chữ số" in v.message and v.message.startswith("Số CCCD")


@pytest.mark.parametrize("province", ["000", "003", "005", "039", "063", "097", "099", "100", "999"])
def test_unknown_province_code_is_refused(province):
    violations = rules.check_citizen_id(f"{province}190123456", Sex.FEMALE, D(1990, 5, 17))
    assert codes(violations) == {"member.cccd_province"}
    assert violations[0].field == "citizen_id" and violations[0].source == rules.SOURCE_CCCD
    assert f"“{province}”" in violations[0].message


@pytest.mark.parametrize("province", ["001", "038", "079", "096"])
def test_known_province_code_passes(province):
    assert rules.check_citizen_id(f"{province}190123456", Sex.FEMALE, D(1990, 5, 17)) == []


@pytest.mark.parametrize("digit, sex, ok", [
    ("0", Sex.MALE, True), ("0", Sex.FEMALE, False),
    ("1", Sex.FEMALE, True), ("1", Sex.MALE, False),
])
def test_fourth_digit_gives_sex_for_the_1900s(digit, sex, ok):
    violations = rules.check_citizen_id(f"038{digit}90123456", sex, D(1990, 5, 17))
    assert codes(violations) == (set() if ok else {"member.cccd_sex"})
    for v in violations:
        assert v.field == "citizen_id" and v.source == rules.SOURCE_CCCD


@pytest.mark.parametrize("digit, sex, ok", [
    ("2", Sex.MALE, True), ("2", Sex.FEMALE, False),
    ("3", Sex.FEMALE, True), ("3", Sex.MALE, False),
])
def test_fourth_digit_gives_sex_for_the_2000s(digit, sex, ok):
    violations = rules.check_citizen_id(f"038{digit}05123456", sex, D(2005, 2, 3))
    assert codes(violations) == (set() if ok else {"member.cccd_sex"})


@pytest.mark.parametrize("value, dob, ok", [
    ("038090123456", D(1990, 5, 17), True),
    ("038090123456", D(2090, 5, 17), False),   # 0 → 1900s
    ("038290123456", D(1990, 5, 17), False),   # 2 → 2000s
    ("038205123456", D(2005, 5, 17), True),
    ("038005123456", D(2005, 5, 17), False),   # born 2005 but 0 says 1905
    ("038205123456", D(1905, 5, 17), False),
    ("038091123456", D(1990, 5, 17), False),   # year digits 91 for 1990
    ("038089123456", D(1990, 5, 17), False),
    ("038000123456", D(1900, 1, 1), True),
    ("038299123456", D(2099, 12, 31), True),
])
def test_century_and_year_digits_must_match_the_date_of_birth(value, dob, ok):
    violations = rules.check_citizen_id(value, Sex.MALE, dob)
    assert codes(violations) == (set() if ok else {"member.cccd_birth_year"})
    for v in violations:
        assert v.field == "citizen_id" and v.source == rules.SOURCE_CCCD
        assert dob.strftime("%d/%m/%Y") in v.message  # names the date of birth as written in Vietnam


def test_every_mismatch_is_reported_at_once():
    violations = rules.check_citizen_id("003290123456", Sex.FEMALE, D(1990, 5, 17))
    assert codes(violations) == {"member.cccd_province", "member.cccd_sex", "member.cccd_birth_year"}


provinces = st.sampled_from(sorted(PROVINCES_63))
sexes = st.sampled_from([Sex.MALE, Sex.FEMALE])
births = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))
serials = st.integers(min_value=0, max_value=999_999)


@given(provinces, sexes, births, serials)
def test_any_cccd_built_per_the_rule_passes(province, sex, dob, serial):
    value = cccd(province, sex, dob, serial)
    assert len(value) == 12
    assert rules.check_citizen_id(value, sex, dob) == []
    assert rules.check_citizen_id(value) == []


@given(provinces, sexes, births, serials)
def test_flipping_the_sex_digit_parity_always_fails(province, sex, dob, serial):
    value = cccd(province, sex, dob, serial)
    flipped = value[:3] + str(int(value[3]) ^ 1) + value[4:]
    assert codes(rules.check_citizen_id(flipped, sex, dob)) == {"member.cccd_sex"}
    other = Sex.FEMALE if sex == Sex.MALE else Sex.MALE
    assert codes(rules.check_citizen_id(value, other, dob)) == {"member.cccd_sex"}


@given(provinces, sexes, births, serials)
def test_changing_the_century_always_fails(province, sex, dob, serial):
    value = cccd(province, sex, dob, serial)
    digit = int(value[3])
    other_century = digit + 2 if digit < 2 else digit - 2
    moved = value[:3] + str(other_century) + value[4:]
    assert codes(rules.check_citizen_id(moved, sex, dob)) == {"member.cccd_birth_year"}


@given(st.text(min_size=0, max_size=14))
def test_check_citizen_id_never_crashes(text):
    violations = rules.check_citizen_id(text, Sex.MALE, D(1990, 1, 1))
    if not (len(text) == 12 and text.isascii() and text.isdigit()):
        assert not text or codes(violations) == {"member.cccd_format"}


# ---------------------------------------------------------------- party card


@pytest.mark.parametrize("value, ok", [
    ("12345678", True), ("038190123456", True), (None, True), ("", True),
    ("1234567", False), ("123456789", False), ("1234567A", False), ("1234567٣", False),
])
def test_party_card_number(value, ok):
    violations = rules.check_party_card(value)
    assert codes(violations) == (set() if ok else {"member.card_format"})
    for v in violations:
        assert v.field == "party_card_number" and v.source


# ---------------------------------------------------------------- months


@pytest.mark.parametrize("start, months, expected", [
    (D(2021, 1, 31), 1, D(2021, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2021, 3, 31), 1, D(2021, 4, 30)),
    (D(2021, 1, 30), 1, D(2021, 2, 28)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 2, 29), 48, D(2028, 2, 29)),
    (D(2021, 12, 31), 2, D(2022, 2, 28)),
    (D(2021, 11, 15), 2, D(2022, 1, 15)),
    (D(2021, 3, 31), -1, D(2021, 2, 28)),
    (D(2000, 5, 15), 0, D(2000, 5, 15)),
    (D(2000, 1, 31), 18 * 12, D(2018, 1, 31)),
])
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize("start, end, expected", [
    (D(2021, 1, 31), D(2021, 2, 28), 1),    # the last day of a shorter month completes the month
    (D(2024, 1, 31), D(2024, 2, 28), 0),    # … but not in a leap year, where 29/2 exists
    (D(2024, 1, 31), D(2024, 2, 29), 1),
    (D(2021, 3, 31), D(2021, 4, 30), 1),
    (D(2021, 3, 31), D(2021, 4, 29), 0),
    (D(2004, 2, 29), D(2022, 2, 28), 216),  # born 29/2: 18 on 28/2 of a common year
    (D(2004, 2, 29), D(2022, 2, 27), 215),
    (D(2004, 2, 29), D(2024, 2, 28), 239),  # 2024 has a 29/2
    (D(2004, 2, 29), D(2024, 2, 29), 240),
    (D(2000, 5, 15), D(2018, 5, 15), 216),
    (D(2000, 5, 15), D(2018, 5, 14), 215),
    (D(2000, 5, 15), D(2000, 5, 15), 0),
    (D(2000, 5, 15), D(2000, 6, 14), 0),
])
def test_months_between(start, end, expected):
    assert months_between(start, end) == expected


any_date = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


@given(any_date, st.integers(min_value=0, max_value=1200))
def test_add_months_then_months_between_round_trips(start, n):
    end = add_months(start, n)
    assert months_between(start, end) == n
    if n:
        assert months_between(start, end - dt.timedelta(days=1)) == n - 1


@given(any_date, st.integers(min_value=0, max_value=60_000))
def test_months_between_is_the_last_whole_month_reached(start, days):
    end = start + dt.timedelta(days=days)
    m = months_between(start, end)
    assert m >= 0
    assert add_months(start, m) <= end < add_months(start, m + 1)


# ---------------------------------------------------------------- the record form


def record(**changes) -> dict:
    """A consistent record: woman born 17/5/1990 in Thanh Hóa, admitted 2015, full member 2016."""
    base = dict(
        full_name="Nguyễn Thị Hoà", sex=Sex.FEMALE, date_of_birth=D(1990, 5, 17), citizen_id="038190123456",
        party_card_number="12345678", admission_decision_date=D(2015, 3, 2), ceremony_date=D(2015, 3, 20),
        recognition_date=D(2016, 3, 20), youth_union_date=D(2005, 3, 26),
    )
    base.update(changes)
    return base


def one(violations, code):
    found = [v for v in violations if v.code == code]
    assert len(found) == 1, violations
    return found[0]


# Words each field is called by in the messages (the form's labels).
FIELD_WORDS = {
    "full_name": "họ và tên", "date_of_birth": "ngày sinh", "citizen_id": "số cccd", "party_card_number": "số thẻ đảng viên",
    "admission_decision_date": "ngày quyết định kết nạp", "ceremony_date": "ngày lễ kết nạp",
    "recognition_date": "ngày công nhận chính thức", "youth_union_date": "ngày vào đoàn",
    "admission_age_exception": "quyết định cho kết nạp người quá tuổi",
}


def assert_names_field(v, field, source=""):
    assert v.field == field
    assert FIELD_WORDS[field] in v.message.lower(), v.message
    assert v.source == source
    if source:
        assert citation(source) in v.text()  # the source in words for officers


def test_consistent_record_passes():
    assert rules.check_record(record(), TODAY) == []


def test_admission_at_18_years_0_months_passes_and_17_years_11_months_fails():
    dob = D(2000, 5, 15)
    assert rules.check_record(record(date_of_birth=dob, citizen_id=None, admission_decision_date=D(2018, 5, 15),
                                     ceremony_date=None, recognition_date=None, youth_union_date=None), TODAY) == []
    for decision in (D(2018, 5, 14), D(2018, 4, 15)):
        violations = rules.check_record(record(date_of_birth=dob, citizen_id=None, admission_decision_date=decision,
                                               ceremony_date=None, recognition_date=None, youth_union_date=None), TODAY)
        v = one(violations, "member.admission_age")
        assert_names_field(v, "admission_decision_date", rules.SOURCE_ADMISSION)
        assert "17 tuổi 11 tháng" in v.message
        assert codes(violations) == {"member.admission_age"}


def test_admission_at_60_years_0_months_passes_and_60_years_1_month_needs_the_decision():
    """A1: over 60 is not refused outright (the test used to pin that): it needs the decision of a
    committee directly under the Centre, recorded with the member."""
    dob = D(1960, 5, 15)
    fields = dict(date_of_birth=dob, citizen_id=None, ceremony_date=None, recognition_date=None, youth_union_date=None)
    for ok in (D(2020, 5, 15), D(2020, 6, 14)):  # 60 years 0 months (and 30 days: still 0 whole months)
        assert rules.check_record(record(admission_decision_date=ok, **fields), TODAY) == []
    violations = rules.check_record(record(admission_decision_date=D(2020, 6, 15), **fields), TODAY)
    v = one(violations, "member.admission_age")
    assert_names_field(v, "admission_age_exception", rules.SOURCE_ADMISSION)
    assert "60 tuổi 1 tháng" in v.message and "cấp ủy trực thuộc Trung ương" in v.message
    with_decision = record(admission_decision_date=D(2020, 6, 15), admission_age_exception="125-QĐ/TU ngày 1/6/2020", **fields)
    assert rules.check_record(with_decision, TODAY) == []


def test_admission_age_limits_are_read_from_the_parameters_of_the_decision_date():
    dob = D(1960, 5, 15)
    fields = dict(date_of_birth=dob, citizen_id=None, ceremony_date=None, recognition_date=None, youth_union_date=None,
                  admission_decision_date=D(2020, 6, 15))
    raised = {"admission.max_age_months": 61 * 12}
    asked = []

    def params_for(on):
        asked.append(on)
        return Params(on, raised)

    assert rules.check_record(record(**fields), TODAY, params_for) == []
    assert D(2020, 6, 15) in asked
    lowered = rules.check_record(record(**fields), TODAY,
                                 lambda on: Params(on, {"admission.min_age_months": 61 * 12}))
    assert "member.admission_age" in codes(lowered) and "đủ 61 tuổi" in one(lowered, "member.admission_age").message


@pytest.mark.parametrize("dob, first_ok", [
    (D(2000, 1, 31), D(2018, 1, 31)),
    (D(2000, 2, 29), D(2018, 2, 28)),  # no 29/2 in 2018: the month ends on 28/2
    (D(2000, 3, 31), D(2018, 3, 31)),
])
def test_age_boundary_on_month_ends(dob, first_ok):
    fields = dict(date_of_birth=dob, citizen_id=None, ceremony_date=None, recognition_date=None, youth_union_date=None)
    assert rules.check_record(record(admission_decision_date=first_ok, **fields), TODAY) == []
    violations = rules.check_record(record(admission_decision_date=first_ok - dt.timedelta(days=1), **fields), TODAY)
    assert codes(violations) == {"member.admission_age"}


@pytest.mark.parametrize("decision", [D(1990, 5, 17), D(1990, 5, 16), D(1980, 1, 1)])
def test_date_of_birth_on_or_after_the_admission_decision_is_refused(decision):
    violations = rules.check_record(record(admission_decision_date=decision, ceremony_date=None, recognition_date=None,
                                           youth_union_date=None), TODAY)
    v = one(violations, "member.dob_after_admission")
    assert_names_field(v, "date_of_birth")
    assert "17/05/1990" in v.message
    assert "member.admission_age" not in codes(violations)


def test_ceremony_before_the_decision_is_refused_and_same_day_passes():
    v = one(rules.check_record(record(ceremony_date=D(2015, 3, 1), recognition_date=D(2016, 3, 1)), TODAY),
            "member.ceremony_before_decision")
    assert_names_field(v, "ceremony_date")
    assert "01/03/2015" in v.message and "02/03/2015" in v.message
    assert rules.check_record(record(ceremony_date=D(2015, 3, 2), recognition_date=D(2016, 3, 2)), TODAY) == []


@pytest.mark.parametrize("ceremony, exactly_12_months", [
    (D(2015, 3, 20), D(2016, 3, 20)),
    (D(2015, 1, 31), D(2016, 1, 31)),
    (D(2016, 2, 29), D(2017, 2, 28)),  # ceremony on 29/2: probation ends on 28/2 next year
    (D(2015, 8, 31), D(2016, 8, 31)),
])
def test_recognition_exactly_12_months_after_the_ceremony_passes_and_a_day_earlier_fails(ceremony, exactly_12_months):
    fields = dict(admission_decision_date=ceremony, ceremony_date=ceremony)
    assert rules.check_record(record(recognition_date=exactly_12_months, **fields), TODAY) == []
    assert rules.check_record(record(recognition_date=exactly_12_months + dt.timedelta(days=400), **fields), TODAY) == []
    violations = rules.check_record(record(recognition_date=exactly_12_months - dt.timedelta(days=1), **fields), TODAY)
    v = one(violations, "member.recognition_early")
    assert_names_field(v, "recognition_date", rules.SOURCE_PROBATION)
    assert exactly_12_months.strftime("%d/%m/%Y") in v.message
    assert codes(violations) == {"member.recognition_early"}


def test_recognition_without_ceremony_names_the_ceremony_date():
    violations = rules.check_record(record(ceremony_date=None), TODAY)
    v = one(violations, "member.recognition_without_ceremony")
    assert_names_field(v, "ceremony_date")


@pytest.mark.parametrize("youth, ok", [(D(1990, 5, 16), False), (D(1990, 5, 17), False), (D(1990, 5, 18), True),
                                       (D(2004, 3, 26), True)])
def test_youth_union_date_must_be_after_birth(youth, ok):
    violations = rules.check_record(record(youth_union_date=youth), TODAY)
    if ok:
        assert violations == []
    else:
        assert_names_field(one(violations, "member.youth_union"), "youth_union_date")


def test_missing_name_and_date_of_birth():
    violations = rules.check_record(record(full_name="   ", date_of_birth=None, citizen_id=None, youth_union_date=None), TODAY)
    assert_names_field(one(violations, "member.name"), "full_name")
    assert_names_field(one(violations, "member.dob"), "date_of_birth")


def test_future_date_of_birth_is_refused():
    tomorrow = TODAY + dt.timedelta(days=1)
    violations = rules.check_record(dict(full_name="A", sex=Sex.MALE, date_of_birth=tomorrow), TODAY)
    assert_names_field(one(violations, "member.dob_future"), "date_of_birth")
    assert rules.check_record(dict(full_name="A", sex=Sex.MALE, date_of_birth=TODAY - dt.timedelta(days=1)), TODAY) == []


@pytest.mark.parametrize("field", ["admission_decision_date", "ceremony_date", "recognition_date", "youth_union_date"])
def test_future_dates_are_refused_and_name_the_field(field):
    """A record states facts: nothing on it can have happened after today."""
    tomorrow = TODAY + dt.timedelta(days=1)
    dates = dict(admission_decision_date=D(2024, 12, 1), ceremony_date=D(2024, 12, 20), recognition_date=D(2025, 12, 20),
                 youth_union_date=D(2005, 3, 26))
    assert rules.check_record(record(**dates), TODAY) == []
    if field == "admission_decision_date":
        dates.update(admission_decision_date=tomorrow, ceremony_date=None, recognition_date=None)
    elif field == "ceremony_date":
        dates.update(ceremony_date=tomorrow, recognition_date=None)
    else:
        dates[field] = tomorrow
    violations = rules.check_record(record(**dates), TODAY)
    assert violations, f"{field} after today was accepted"
    assert {v.field for v in violations} == {field}, violations
    for v in violations:
        assert_names_field(v, field)
    # Today itself is not in the future.
    dates[field] = TODAY
    if field == "admission_decision_date":
        dates.update(ceremony_date=None)
    assert rules.check_record(record(**dates), TODAY) == []


def test_all_violations_of_a_record_come_at_once():
    violations = rules.check_record(record(citizen_id="003090123456", party_card_number="12", ceremony_date=D(2015, 3, 1),
                                           recognition_date=D(2015, 6, 1), youth_union_date=D(1980, 1, 1)), TODAY)
    assert codes(violations) >= {"member.cccd_province", "member.cccd_sex", "member.card_format",
                                 "member.ceremony_before_decision", "member.recognition_early", "member.youth_union"}


# ---------------------------------------------------------------- replaying events

A1, A2, B1 = 11, 12, 21


def ev(event_type, on, org=None, id=0):
    return EventFact(event_type, on, org, id)


def seq(*events):
    """Facts with ids in the order given (as the database would number them)."""
    return [EventFact(t, on, rest[0] if rest else None, i) for i, (t, on, *rest) in enumerate(events, start=1)]


def test_full_life_cycle_with_one_readmission():
    events = seq(
        (EventType.ADMITTED, D(2000, 1, 1), A1),
        (EventType.RECOGNIZED, D(2001, 1, 1)),
        (EventType.EXEMPTED, D(2005, 6, 1)),
        (EventType.EXEMPTION_ENDED, D(2006, 6, 1)),
        (EventType.STRUCK_OFF, D(2010, 1, 1)),
        (EventType.READMITTED, D(2013, 1, 1), A2),  # exactly 36 months later
        (EventType.RECOGNIZED, D(2014, 1, 1)),
    )
    expected_status = [Status.PROBATIONARY, Status.FULL, Status.FULL, Status.FULL, Status.STRUCK_OFF, Status.PROBATIONARY,
                       Status.FULL]
    for n, status in enumerate(expected_status, start=1):
        r = rules.replay(events[:n])
        assert r.violations == [], (n, r.violations)
        assert r.status == status
    r = rules.replay(events)
    assert r.organization_id == A2 and not r.is_exempted and r.readmissions == 1
    assert r.days_outside == (D(2013, 1, 1) - D(2010, 1, 1)).days
    assert rules.replay(events[:3]).is_exempted and not rules.replay(events[:4]).is_exempted
    assert [(i.valid_from, i.valid_to, i.status, i.organization_id, i.is_exempted) for i in r.intervals] == [
        (D(2000, 1, 1), D(2001, 1, 1), Status.PROBATIONARY, A1, False),
        (D(2001, 1, 1), D(2005, 6, 1), Status.FULL, A1, False),
        (D(2005, 6, 1), D(2006, 6, 1), Status.FULL, A1, True),
        (D(2006, 6, 1), D(2010, 1, 1), Status.FULL, A1, False),
        (D(2013, 1, 1), D(2014, 1, 1), Status.PROBATIONARY, A2, False),
        (D(2014, 1, 1), None, Status.FULL, A2, False),
    ]


def test_readmission_35_months_after_leaving_is_refused():
    base = seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)),
               (EventType.STRUCK_OFF, D(2010, 1, 1)))
    early = rules.replay(base + [ev(EventType.READMITTED, D(2012, 12, 31), A1, 9)])
    assert codes(early.violations) == {"event.readmit_gap"}
    (v,) = early.violations
    assert v.field == "effective_date" and v.source == rules.SOURCE_READMISSION and "36" in v.message
    assert early.status == Status.STRUCK_OFF and early.days_outside == 0
    assert rules.replay(base + [ev(EventType.READMITTED, D(2013, 1, 1), A1, 9)]).violations == []


def test_readmission_gap_is_the_parameter_in_force_on_the_readmission_date():
    base = seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)),
               (EventType.STRUCK_OFF, D(2010, 1, 1)))
    readmit = ev(EventType.READMITTED, D(2012, 1, 1), A1, 9)  # 24 months later
    assert codes(rules.replay(base + [readmit]).violations) == {"event.readmit_gap"}
    shorter = rules.replay(base + [readmit], lambda on: Params(on, {"admission.readmission_min_months": 24}))
    assert shorter.violations == []


def _readmission(on, cleared=None, number="15-QĐ/TU", body="Ban Thường vụ Tỉnh ủy"):
    return EventFact(EventType.READMITTED, on, A1, rules.NEW_EVENT_ID, "", "", number, body, cleared)


@pytest.mark.parametrize(("cleared", "ok"), [
    (None, True),
    (D(2010, 1, 1), True),  # exactly 60 months before the re-admission
    (D(2010, 1, 2), False),  # one day short
    (D(2016, 1, 1), False),  # cleared after the re-admission date
])
def test_a15_sixty_months_after_the_criminal_record_is_cleared(cleared, ok):
    state = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)),
                             (EventType.EXPELLED, D(2008, 1, 1))))
    v = rules.apply(state, _readmission(D(2015, 1, 1), cleared))
    if ok:
        assert v == []
    else:
        (x,) = v
        assert x.code == "event.readmit_record" and x.field == "record_cleared_on" and "60 tháng" in x.message
        assert x.source == rules.SOURCE_READMISSION


def test_a15_the_higher_committee_decides_a_readmission():
    state = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)),
                             (EventType.STRUCK_OFF, D(2008, 1, 1))))
    for number, body in (("", "Ban Thường vụ Tỉnh ủy"), ("15-QĐ/TU", ""), ("", "")):
        (x,) = rules.apply(rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)),
                                            (EventType.STRUCK_OFF, D(2008, 1, 1)))),
                           _readmission(D(2015, 1, 1), number=number, body=body))
        assert x.code == "event.readmit_decision" and "cấp ủy cấp trên" in x.message
    assert rules.apply(state, _readmission(D(2015, 1, 1))) == []


def test_r2_absence_is_a_ground_to_strike_off_not_to_expel():
    assert rules.check_ground(EventType.STRUCK_OFF, RemovalGround.ABSENT) == []
    assert codes(rules.check_ground(EventType.EXPELLED, RemovalGround.ABSENT)) == {"event.ground_invalid"}


@pytest.mark.parametrize("ending", [EventType.STRUCK_OFF, EventType.EXPELLED, EventType.LEFT])
def test_readmission_only_once(ending):
    events = seq(
        (EventType.ADMITTED, D(1990, 1, 1), A1), (EventType.RECOGNIZED, D(1991, 1, 1)), (ending, D(2000, 1, 1)),
        (EventType.READMITTED, D(2004, 1, 1), A1), (EventType.RECOGNIZED, D(2005, 1, 1)), (ending, D(2010, 1, 1)),
        (EventType.READMITTED, D(2015, 1, 1), A1),
    )
    r = rules.replay(events)
    assert codes(r.violations) == {"event.readmit_once"}
    assert r.violations[0].source == rules.SOURCE_READMISSION
    assert r.status == ending.value and r.readmissions == 1


@pytest.mark.parametrize("status_event", [None, EventType.RECOGNIZED])
def test_readmission_of_someone_in_the_party_is_refused(status_event):
    events = seq((EventType.ADMITTED, D(2000, 1, 1), A1)) + ([ev(status_event, D(2001, 1, 1), id=2)] if status_event else [])
    r = rules.replay(events + [ev(EventType.READMITTED, D(2005, 1, 1), A2, 3)])
    assert codes(r.violations) == {"event.readmit_status"}


def test_recognizing_a_full_member_is_refused():
    r = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)),
                         (EventType.RECOGNIZED, D(2002, 1, 1))))
    assert codes(r.violations) == {"event.recognize_status"}
    assert r.violations[0].source == rules.SOURCE_PROBATION
    assert [i.valid_from for i in r.intervals] == [D(2000, 1, 1), D(2001, 1, 1)]


def test_recognition_before_the_end_of_probation_is_refused():
    r = rules.replay(seq((EventType.ADMITTED, D(2000, 3, 20), A1), (EventType.RECOGNIZED, D(2001, 3, 19))))
    assert r.violations and r.status == Status.PROBATIONARY


@pytest.mark.parametrize("event_type", list(EventType))
def test_no_event_after_death(event_type):
    base = seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)), (EventType.DECEASED, D(2020, 1, 1)))
    state = rules.replay(base)
    assert state.status == Status.DECEASED and state.ended_on == D(2020, 1, 1)
    violations = rules.apply(state, ev(event_type, D(2025, 1, 1), A2, 99))
    assert violations, event_type
    assert state.status == Status.DECEASED and state.last_date == D(2020, 1, 1)


def test_an_event_before_the_last_one_is_refused():
    state = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1))))
    before = (state.status, state.organization_id, state.last_date, len(state.intervals))
    violations = rules.apply(state, ev(EventType.TRANSFERRED_INTERNAL, D(2000, 12, 31), A2, 99))
    assert "event.out_of_order" in codes(violations)
    assert [v.field for v in violations if v.code == "event.out_of_order"] == ["effective_date"]
    assert (state.status, state.organization_id, state.last_date, len(state.intervals)) == before
    # The same day as the last event is not "before" it.
    assert rules.apply(state, ev(EventType.TRANSFERRED_INTERNAL, D(2001, 1, 1), A2, 99)) == []


def test_events_before_admission_and_double_admission_are_refused():
    assert codes(rules.replay([ev(EventType.RECOGNIZED, D(2000, 1, 1), id=1)]).violations) == {"event.recognize_status"}
    assert codes(rules.replay([ev(EventType.EXEMPTED, D(2000, 1, 1), id=1)]).violations) == {"event.not_in_party"}
    r = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.ADMITTED, D(2001, 1, 1), A2)))
    assert codes(r.violations) == {"event.already_admitted"} and r.organization_id == A1


def test_organization_is_required_where_the_event_places_the_member():
    for t in (EventType.TRANSFERRED_INTERNAL, EventType.TRANSFERRED_IN, EventType.TEMPORARY_OUT):
        r = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (t, D(2001, 1, 1))))
        assert codes(r.violations) == {"event.organization"}, t
        assert r.violations[0].field == "organization"


def test_admission_outside_the_system_names_the_place_instead_of_a_cell():
    """A member admitted elsewhere (register_member with a later joined_on) has no cell until transferred in."""
    outside = EventFact(EventType.ADMITTED, D(2000, 1, 1), None, 1, "Chi bộ xã Quảng Phú, tỉnh Thanh Hóa")
    r = rules.replay([outside, ev(EventType.TRANSFERRED_IN, D(2003, 1, 1), A1, 2)])
    assert r.violations == [] and r.status == Status.PROBATIONARY and r.organization_id == A1
    assert [(i.valid_from, i.organization_id) for i in r.intervals] == [(D(2000, 1, 1), None), (D(2003, 1, 1), A1)]
    for place in ("", "   "):
        r = rules.replay([EventFact(EventType.ADMITTED, D(2000, 1, 1), None, 1, place)])
        assert codes(r.violations) == {"event.organization"} and r.status == ""
    # A place does not stand in for the cell of a re-admission or a transfer.
    transfer_to_a_place = EventFact(EventType.TRANSFERRED_INTERNAL, D(2001, 1, 1), None, 2, "X")
    r = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1)) + [transfer_to_a_place])
    assert codes(r.violations) == {"event.organization"}


def test_flags_and_temporary_attachment():
    r = rules.replay(seq(
        (EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.SUSPENDED, D(2001, 1, 1)), (EventType.SUSPENDED, D(2001, 2, 1)),
        (EventType.REINSTATED, D(2001, 3, 1)), (EventType.REINSTATED, D(2001, 4, 1)), (EventType.TEMPORARY_OUT, D(2002, 1, 1), B1),
        (EventType.TEMPORARY_RETURN, D(2002, 6, 1)), (EventType.TEMPORARY_RETURN, D(2002, 7, 1)),
        (EventType.EXEMPTION_ENDED, D(2003, 1, 1)), (EventType.TRANSFERRED_INTERNAL, D(2004, 1, 1), A1),
    ))
    assert [v.code for v in r.violations] == ["event.already_suspended", "event.not_suspended", "event.not_away",
                                              "event.not_exempted", "event.same_org"]
    assert [(i.valid_from, i.organization_id, i.temporary_organization_id, i.is_suspended) for i in r.intervals] == [
        (D(2000, 1, 1), A1, None, False), (D(2001, 1, 1), A1, None, True), (D(2001, 3, 1), A1, None, False),
        (D(2002, 1, 1), A1, B1, False), (D(2002, 6, 1), A1, None, False),
    ]


def test_same_day_events_collapse_to_the_days_last_state():
    r = rules.replay(seq(
        (EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.TRANSFERRED_INTERNAL, D(2000, 1, 1), A2),
        (EventType.RECOGNIZED, D(2001, 1, 1)), (EventType.EXEMPTED, D(2001, 1, 1)), (EventType.TRANSFERRED_INTERNAL, D(2001, 1, 1), A1),
    ))
    assert r.violations == []
    assert [(i.valid_from, i.valid_to, i.status, i.organization_id, i.is_exempted) for i in r.intervals] == [
        (D(2000, 1, 1), D(2001, 1, 1), Status.PROBATIONARY, A2, False),
        (D(2001, 1, 1), None, Status.FULL, A1, True),
    ]


def test_admitted_and_struck_off_the_same_day_leaves_no_interval():
    r = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.STRUCK_OFF, D(2000, 1, 1))))
    assert r.intervals == [] and r.status == Status.STRUCK_OFF


def test_replay_sorts_by_date_then_id():
    events = [ev(EventType.RECOGNIZED, D(2001, 1, 1), id=1), ev(EventType.ADMITTED, D(2000, 1, 1), A1, id=2),
              ev(EventType.TRANSFERRED_INTERNAL, D(2001, 1, 1), A2, id=3)]
    r = rules.replay(events)
    assert r.violations == [] and r.status == Status.FULL and r.organization_id == A2
    assert rules.replay(list(reversed(events))) == r


def test_intervals_cover_exactly_the_time_in_the_party():
    r = rules.replay(seq(
        (EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)), (EventType.TRANSFERRED_INTERNAL, D(2003, 1, 1), A2),
        (EventType.LEFT, D(2005, 1, 1)), (EventType.READMITTED, D(2009, 1, 1), A1), (EventType.DECEASED, D(2009, 6, 1)),
    ))
    assert r.violations == []
    assert all(i.status in IN_PARTY for i in r.intervals)
    assert [(i.valid_from, i.valid_to) for i in r.intervals] == [
        (D(2000, 1, 1), D(2001, 1, 1)), (D(2001, 1, 1), D(2003, 1, 1)), (D(2003, 1, 1), D(2005, 1, 1)), (D(2009, 1, 1), D(2009, 6, 1)),
    ]
    assert r.status == Status.DECEASED and r.ended_on == D(2009, 6, 1)
    assert r.days_outside == (D(2009, 1, 1) - D(2005, 1, 1)).days


# ---------------------------------------------------------------- party age (M1, M4)


def test_party_age_subtracts_the_time_outside():
    """Admitted 1/1/2000, struck off 1/1/2010, re-admitted 1/1/2015: on 1/1/2025 the party age is 20 years."""
    r = rules.replay(seq((EventType.ADMITTED, D(2000, 1, 1), A1), (EventType.RECOGNIZED, D(2001, 1, 1)),
                         (EventType.STRUCK_OFF, D(2010, 1, 1)), (EventType.READMITTED, D(2015, 1, 1), A1)))
    assert r.violations == [] and r.days_outside == (D(2015, 1, 1) - D(2010, 1, 1)).days
    assert rules.party_age_years(D(2000, 1, 1), r.days_outside, D(2025, 1, 1)) == 20
    assert rules.party_age_years(D(2000, 1, 1), r.days_outside, D(2024, 6, 1)) == 19
    assert rules.party_age_days(D(2000, 1, 1), r.days_outside, D(2025, 1, 1)) == (
        (D(2010, 1, 1) - D(2000, 1, 1)).days + (D(2025, 1, 1) - D(2015, 1, 1)).days)
    # Without the gap the same dates would give 25 years.
    assert rules.party_age_years(D(2000, 1, 1), 0, D(2025, 1, 1)) == 25


def test_party_age_counts_from_the_decision_and_stops_when_the_member_leaves():
    assert rules.party_age_years(D(2000, 3, 2), 0, D(2030, 3, 2)) == 30
    assert rules.party_age_years(D(2000, 3, 2), 0, D(2030, 3, 1)) == 29
    assert rules.party_age_years(D(2000, 3, 2), 0, D(2030, 3, 2), ended_on=D(2020, 3, 2)) == 20
    assert rules.party_age_days(D(2000, 3, 2), 0, D(2030, 3, 2), ended_on=D(2000, 3, 12)) == 10
    assert rules.party_age_years(None, 0, D(2030, 1, 1)) == 0
    assert rules.party_age_years(D(2000, 1, 1), 0, D(1999, 1, 1)) == 0
    assert rules.party_age_days(D(2000, 1, 1), 0, D(1999, 1, 1)) == 0


def test_party_age_of_a_member_born_on_29_february_admitted_that_day():
    assert rules.party_age_years(D(2004, 2, 29), 0, D(2034, 2, 28)) == 30
    assert rules.party_age_years(D(2004, 2, 29), 0, D(2034, 2, 27)) == 29


@given(st.dates(min_value=D(1930, 1, 1), max_value=D(2020, 1, 1)), st.integers(0, 5000), st.integers(0, 30000))
def test_party_age_years_matches_party_age_days_roughly(first, outside, span):
    on = first + dt.timedelta(days=span)
    years = rules.party_age_years(first, outside, on)
    days = rules.party_age_days(first, outside, on)
    assert 0 <= days <= (on - first).days
    assert years * 365 <= days < (years + 1) * 366 + 1
