"""The rules of admission and probation, pure: each boundary on both sides."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.admissions import rules
from dangvu.admissions.kinds import STAGE_ORDER, STEP_ORDER, Stage, Step
from dangvu.rules.parameters import Params, defaults
from dangvu.rules.regimes import DecidingLevel, regime_on
from dangvu.rules.workdays import WorkCalendar

D = dt.date
P = defaults(D(2026, 1, 1))


def codes(violations) -> set[str]:
    return {v.code for v in violations}


# ---------------------------------------------------------------- A1 age, counted in months at the cell's meeting

@pytest.mark.parametrize(("born", "meeting", "ok"), [
    (D(2008, 3, 20), D(2026, 3, 20), True),    # 18 years 0 months exactly
    (D(2008, 3, 21), D(2026, 3, 20), False),   # 17 years 11 months (one day short)
    (D(2008, 4, 20), D(2026, 3, 20), False),   # 17 years 11 months
    (D(1966, 3, 20), D(2026, 3, 20), True),    # 60 years 0 months
    (D(1966, 2, 21), D(2026, 3, 20), True),    # 60 years 0 months and 27 days: still 60y0m
    (D(1966, 2, 20), D(2026, 3, 20), False),   # 60 years 1 month
])
def test_age_boundaries(born, meeting, ok):
    v = rules.check_age(born, meeting, P)
    assert (v == []) is ok, v
    if not ok:
        assert v[0].field in ("cell_meeting_date", "age_exception_decision") and "A1" in v[0].source


def test_age_messages_name_years_and_months():
    (young,) = rules.check_age(D(2008, 4, 20), D(2026, 3, 20), P)
    assert young.code == "admission.too_young" and "17 tuổi 11 tháng" in young.message
    old = rules.check_age(D(1966, 2, 20), D(2026, 3, 20), P)
    assert codes(old) == {"admission.too_old", "admission.too_old_reason"} and "60 tuổi 1 tháng" in old[0].message


def test_over_sixty_only_as_documented_exception():
    born, meeting = D(1960, 1, 1), D(2026, 3, 20)
    assert codes(rules.check_age(born, meeting, P, exception_decision="12-QĐ/TU")) == {"admission.too_old_reason"}
    assert codes(rules.check_age(born, meeting, P, exception_reason="Có công lớn")) == {"admission.too_old"}
    assert rules.check_age(born, meeting, P, exception_decision="12-QĐ/TU", exception_reason="Có công lớn") == []
    # An exception does not help someone too young.
    assert codes(rules.check_age(D(2010, 1, 1), meeting, P, exception_decision="x", exception_reason="y")) == {"admission.too_young"}


def test_age_follows_the_parameters():
    from dangvu.rules.parameters import Params

    custom = Params(D(2026, 1, 1), {"admission.max_age_months": 60 * 12 + 6})
    assert rules.check_age(D(1966, 2, 20), D(2026, 3, 20), custom) == []


# ---------------------------------------------------------------- A3 certificate valid 60 months

def test_certificate_valid_60_months_not_one_day_more():
    cert = D(2021, 3, 15)
    assert rules.certificate_expires(cert, P) == D(2026, 3, 15)
    assert rules.check_certificate(cert, D(2026, 3, 15), P) == []
    (v,) = rules.check_certificate(cert, D(2026, 3, 16), P)
    assert v.code == "admission.certificate_expired" and "60 tháng" in v.message and "A3" in v.source


# ---------------------------------------------------------------- A10, A11 two thirds, exactly

@pytest.mark.parametrize(("yes", "base", "ok"), [
    (6, 9, True), (5, 9, False), (2, 3, True), (1, 3, False), (8, 12, True), (7, 12, False), (7, 10, True), (6, 10, False),
    (3, 3, True), (0, 1, False),
])
def test_two_thirds_exactly_or_more(yes, base, ok):
    assert rules.reaches_two_thirds(yes, base) is ok
    v = rules.check_vote(yes, base, base_field="full_members", votes_field="votes_for", base_label="Số đảng viên chính thức",
                         what="nghị quyết", source="x")
    assert (v == []) is ok
    if not ok:
        assert v[0].code == "admission.vote_two_thirds" and v[0].field == "votes_for" and f"{yes}/{base}" in v[0].message


def test_vote_counts_must_be_consistent():
    kw = {"base_field": "full_members", "votes_field": "votes_for", "base_label": "Số đảng viên", "what": "x", "source": "y"}
    assert codes(rules.check_vote(10, 9, **kw)) == {"admission.vote_count"}
    assert codes(rules.check_vote(0, 0, **kw)) == {"admission.vote_base"}


# ---------------------------------------------------------------- A8, A9 introducers

def _facts(label, field, *, since, full=True, same=True, name="Lê Văn Hùng"):
    return rules.IntroducerFacts(label, field, f"{field}_since", name, full, same, since)


def test_introducer_twelve_months_together_both_sides():
    on = D(2026, 3, 9)
    ok = [_facts("Người 1", "introducer_1", since=D(2025, 3, 9)), _facts("Người 2", "introducer_2", since=D(2020, 1, 1),
                                                                      name="Phạm Thị Lan")]
    assert rules.check_introducers(ok, on, P, organization_variant="", organization_name="", grassroots_name="X") == []
    short = [_facts("Người 1", "introducer_1", since=D(2025, 3, 10)), ok[1]]
    (v,) = rules.check_introducers(short, on, P, organization_variant="", organization_name="", grassroots_name="X")
    assert v.code == "admission.introducer_together" and v.field == "introducer_1_since" and "11 tháng" in v.message


def test_introducers_full_members_of_the_same_grassroots_organization():
    on = D(2026, 3, 9)
    facts = [_facts("Người 1", "introducer_1", since=D(2020, 1, 1), full=False),
             _facts("Người 2", "introducer_2", since=D(2020, 1, 1), same=False, name="Phạm Thị Lan")]
    v = rules.check_introducers(facts, on, P, organization_variant="", organization_name="", grassroots_name="Đảng bộ xã An Lạc")
    assert codes(v) == {"admission.introducer_not_full", "admission.introducer_other_grassroots"}
    assert "Đảng bộ xã An Lạc" in next(x.message for x in v if x.code == "admission.introducer_other_grassroots")


def test_two_introducers_or_youth_union_plus_one():
    on = D(2026, 3, 9)
    one = [_facts("Người 1", "introducer_1", since=D(2020, 1, 1)), rules.IntroducerFacts("Người 2", "introducer_2",
                                                                                        "introducer_2_since", "", False, False, None)]
    assert codes(rules.check_introducers(one, on, P, organization_variant="", organization_name="", grassroots_name="X")) == {
        "admission.introducer_missing"}
    assert rules.check_introducers(one, on, P, organization_variant="youth_union", organization_name="BCH Đoàn xã An Lạc",
                                   grassroots_name="X") == []
    assert codes(rules.check_introducers(one, on, P, organization_variant="youth_union", organization_name="",
                                         grassroots_name="X")) == {"admission.introducing_org_name"}
    two = [one[0], _facts("Người 2", "introducer_2", since=D(2020, 1, 1), name="Phạm Thị Lan")]
    assert codes(rules.check_introducers(two, on, P, organization_variant="trade_union", organization_name="BCH Công đoàn",
                                         grassroots_name="X")) == {"admission.introducer_extra"}


# ---------------------------------------------------------------- A13, A14 working-day windows (pure calendar)

def test_window_and_extension_reason():
    cal = WorkCalendar()
    w = rules.window(D(2026, 3, 6), 60, 30, cal)  # a Friday; no holidays in this calendar
    assert w.due == D(2026, 5, 29) and w.latest == D(2026, 7, 10)
    kw = {"reason": "", "field": "decision_date", "reason_field": "decision_extension_reason", "what": "Quyết định",
          "start_label": "nghị quyết", "days": 60, "extension": 30, "source": "A13"}
    assert rules.check_in_window(w.due, w, **kw) == []
    assert codes(rules.check_in_window(D(2026, 6, 1), w, **kw)) == {"admission.deadline_extension_reason"}
    assert rules.check_in_window(D(2026, 6, 1), w, **(kw | {"reason": "Chờ kết quả thẩm tra bổ sung"})) == []
    assert rules.check_in_window(w.latest, w, **(kw | {"reason": "x"})) == []
    late = rules.check_in_window(D(2026, 7, 13), w, **kw)
    assert codes(late) == {"admission.deadline_passed"} and late[0].field == "decision_extension_reason"
    assert "báo cáo, giải trình với cấp ủy cấp trên trực tiếp" in late[0].message
    # Past the extension the decision stands, with the delay explained (A13).
    assert rules.check_in_window(D(2026, 7, 13), w, **(kw | {"reason": "Chậm do chờ kết luận thẩm tra"})) == []


def test_ceremony_within_thirty_working_days_or_with_consent():
    cal = WorkCalendar()
    decision = D(2026, 4, 15)  # Wednesday; the 30th working day after it is 27/5/2026
    assert rules.check_ceremony(D(2026, 5, 27), decision, P, cal, delay_consent="") == []
    (v,) = rules.check_ceremony(D(2026, 5, 28), decision, P, cal, delay_consent="")
    assert v.code == "admission.ceremony_late" and v.field == "ceremony_delay_consent"
    assert rules.check_ceremony(D(2026, 5, 28), decision, P, cal, delay_consent="Công văn 45-CV/HU") == []


# ---------------------------------------------------------------- A12 deciding body by regime

def test_committee_names():
    assert rules.committee_name("Đảng bộ huyện An Lạc") == "Huyện ủy An Lạc"
    assert rules.committee_name("Đảng bộ thị xã Sơn Hà") == "Thị ủy Sơn Hà"
    assert rules.committee_name("Đảng bộ tỉnh Thanh Hóa") == "Tỉnh ủy Thanh Hóa"
    assert rules.committee_name("Đảng bộ xã An Lạc") == "Đảng ủy xã An Lạc"
    assert rules.committee_name("Đảng bộ Công ty Cổ phần Xi măng Sơn Hà") == "Đảng ủy Công ty Cổ phần Xi măng Sơn Hà"


def test_deciding_body_2020_and_2026():
    kw = {"grassroots_name": "Đảng bộ xã An Lạc", "grassroots_is_committee": True, "superior_name": "Đảng bộ huyện An Lạc",
          "superior_parent_name": "Đảng bộ tỉnh Thử Nghiệm"}
    in_2020 = rules.deciding_body(regime_on(D(2020, 6, 1)).admission_deciding_level, **kw)
    assert in_2020.text == "Ban Thường vụ Huyện ủy An Lạc" and in_2020.superior_name == "Đảng bộ tỉnh Thử Nghiệm"
    # The day before QĐ 208 and the day it applies (once an administrator confirmed its text).
    confirmed = Params(D(2026, 7, 26), {"regimes.qd208_confirmed": 1})
    assert rules.deciding_body(regime_on(D(2026, 7, 25), confirmed).admission_deciding_level, **kw).text == (
        "Ban Thường vụ Huyện ủy An Lạc")
    assert rules.deciding_body(regime_on(D(2026, 7, 26), Params(D(2026, 7, 26))).admission_deciding_level, **kw).text == (
        "Ban Thường vụ Huyện ủy An Lạc")  # not confirmed: QĐ 294 still applies
    in_2026 = rules.deciding_body(regime_on(D(2026, 7, 26), confirmed).admission_deciding_level, **kw)
    assert in_2026.text == "Ban Thường vụ Đảng ủy xã An Lạc" and in_2026.superior_name == "Đảng bộ huyện An Lạc"
    # Delegated authority before QĐ 208: the grassroots committee itself, collectively.
    delegated = rules.deciding_body(DecidingLevel.DIRECT_SUPERIOR_STANDING, delegated=True, **kw)
    assert delegated.text == "Đảng ủy xã An Lạc" and delegated.delegated
    # A grassroots cell has no standing committee: its direct superior decides in 2026 too.
    cell = rules.deciding_body(DecidingLevel.GRASSROOTS_STANDING, **(kw | {"grassroots_name": "Chi bộ Trường THPT An Lạc",
                                                                          "grassroots_is_committee": False}))
    assert cell.text == "Ban Thường vụ Huyện ủy An Lạc"
    # A12: a grassroots organization directly under the province: the standing office with the standing
    # members heading party boards, not "Ban Thường vụ Tỉnh ủy".
    province = rules.deciding_body(DecidingLevel.DIRECT_SUPERIOR_STANDING, grassroots_name="Đảng bộ Bệnh viện Đa khoa tỉnh",
                                   grassroots_is_committee=True, superior_name="Đảng bộ tỉnh Thử Nghiệm",
                                   superior_parent_name="", superior_is_province=True)
    assert province.text == ("Thường trực Tỉnh ủy Thử Nghiệm và các đồng chí Ủy viên Ban Thường vụ là trưởng các ban đảng")
    assert province.committee == "Tỉnh ủy Thử Nghiệm"


# ---------------------------------------------------------------- stage: order, determinism, monotony

def test_step_order_refuses_skips_repeats_and_earlier_dates():
    today = D(2026, 11, 24)
    dates = {Step.CERTIFICATE: D(2026, 1, 5)}
    assert codes(rules.check_step_order(Step.BACKGROUND, D(2026, 1, 20), dates, today=today)) == {"admission.step_order"}
    assert codes(rules.check_step_order(Step.CERTIFICATE, D(2026, 1, 20), dates, today=today)) == {"admission.step_recorded"}
    assert rules.check_step_order(Step.APPLICATION, D(2026, 1, 5), dates, today=today) == []
    assert codes(rules.check_step_order(Step.APPLICATION, D(2026, 1, 4), dates, today=today)) == {"admission.date_order"}
    assert codes(rules.check_step_order(Step.APPLICATION, D(2026, 11, 25), dates, today=today)) == {"admission.future"}
    # A4: the background statement after the application.
    dates[Step.APPLICATION] = D(2026, 1, 12)
    assert codes(rules.check_step_order(Step.BACKGROUND, D(2026, 1, 11), dates, today=today)) == {
        "admission.statement_before_application"}
    assert codes(rules.check_step_order(Step.APPLICATION, D(2026, 1, 20), {}, withdrawn=True, today=today)) == {
        "admission.withdrawn"}
    # A grassroots cell has no committee vote.
    assert codes(rules.check_step_order(Step.COMMITTEE_VOTE, D(2026, 1, 20), {}, needs_committee_vote=False, today=today)) == {
        "admission.step_not_applicable"}


def _dates(recorded: list[bool]) -> dict:
    start = D(2025, 1, 1)
    return {step: start + dt.timedelta(days=10 * i) if on else None for i, (step, on) in enumerate(zip(STEP_ORDER, recorded,
                                                                                                       strict=True))}


flags = st.lists(st.booleans(), min_size=len(STEP_ORDER), max_size=len(STEP_ORDER))


@given(flags, st.booleans(), st.booleans())
def test_stage_is_deterministic_and_the_prefix_of_recorded_steps(recorded, withdrawn, committee):
    dates = _dates(recorded)
    stage = rules.derive_stage(dates, withdrawn=withdrawn, needs_committee_vote=committee)
    assert stage == rules.derive_stage(dict(reversed(list(dates.items()))), withdrawn=withdrawn, needs_committee_vote=committee)
    steps = rules.applicable_steps(committee)
    prefix = 0
    while prefix < len(steps) and dates[steps[prefix]] is not None:
        prefix += 1
    expected = STAGE_ORDER[0] if prefix == 0 else rules.STAGE_AFTER[steps[prefix - 1]]
    if withdrawn and expected != Stage.ADMITTED:
        expected = Stage.WITHDRAWN
    assert stage == expected


@given(flags, st.booleans(), st.data())
def test_recording_a_step_never_moves_the_stage_back(recorded, committee, data):
    dates = _dates(recorded)
    before = rules.derive_stage(dates, needs_committee_vote=committee)
    nxt = rules.next_step(dates, needs_committee_vote=committee)
    missing = [s for s in rules.applicable_steps(committee) if dates[s] is None]
    if not missing:
        return
    step = data.draw(st.sampled_from(missing))
    dates[step] = D(2026, 1, 1)
    after = rules.derive_stage(dates, needs_committee_vote=committee)
    assert STAGE_ORDER.index(after) >= STAGE_ORDER.index(before)
    if step == nxt:
        # The next step moves the stage on, to that step's stage (or further, over steps already dated).
        assert STAGE_ORDER.index(after) >= STAGE_ORDER.index(rules.STAGE_AFTER[step]) > STAGE_ORDER.index(before)
    else:
        # Any other step leaves the stage where it was (the services refuse it anyway).
        assert after == before


@given(flags, st.booleans())
def test_withdrawal_is_terminal_until_admitted(recorded, committee):
    dates = _dates(recorded)
    open_stage = rules.derive_stage(dates, needs_committee_vote=committee)
    closed = rules.derive_stage(dates, withdrawn=True, needs_committee_vote=committee)
    assert closed == (Stage.ADMITTED if open_stage == Stage.ADMITTED else Stage.WITHDRAWN)
    assert rules.next_step(dates, withdrawn=True, needs_committee_vote=committee) is None


def test_a14_counts_from_the_receipt_of_the_decision():
    cal = WorkCalendar()
    decision, received = D(2026, 4, 15), D(2026, 4, 20)  # received the Monday after; 30th working day: 1/6/2026
    assert rules.check_ceremony(D(2026, 6, 1), decision, P, cal, delay_consent="", received=received) == []
    (v,) = rules.check_ceremony(D(2026, 6, 2), decision, P, cal, delay_consent="", received=received)
    assert v.code == "admission.ceremony_late" and "nhận quyết định" in v.message and "30 ngày làm việc" in v.message
    # Without the receipt date, the decision date is the start (27/5 is the last day).
    assert rules.check_ceremony(D(2026, 5, 28), decision, P, cal, delay_consent="")[0].code == "admission.ceremony_late"
    (before,) = rules.check_ceremony(D(2026, 5, 1), decision, P, cal, delay_consent="", received=D(2026, 4, 14))
    assert before.code == "admission.received_before_decision" and before.field == "decision_received_date"
    # The number of days is the parameter's.
    longer = Params(D(2026, 4, 15), {"admission.ceremony_working_days": 31})
    assert rules.check_ceremony(D(2026, 6, 2), decision, longer, cal, delay_consent="", received=received) == []


@pytest.mark.parametrize(("rank", "codes"), [(None, ["admission.education_missing"]), (1, ["admission.education"]),
                                             (2, []), (3, [])])
def test_a2_education_at_least_lower_secondary(rank, codes):
    names = {1: "Tiểu học", 2: "Trung học cơ sở", 3: "Trung học phổ thông"}
    v = rules.check_education(rank, names.get(rank, ""), P, names)
    assert [x.code for x in v] == codes
    assert all(x.field == "general_education" and x.source == rules.SRC_EDUCATION for x in v)
    if rank == 1:
        assert "trung học cơ sở" in v[0].message


@pytest.mark.parametrize(("born", "youth_union", "codes"), [
    (D(1996, 3, 10), None, ["admission.youth_union_member"]),  # 30 years 0 months on 10/3/2026: youth age
    (D(1996, 3, 9), None, ["admission.youth_union_member"]),  # 30 years 0 months (a day more, same whole months)
    (D(1996, 2, 9), None, []),  # 30 years 1 month: past youth age
    (D(2000, 1, 1), D(2016, 3, 26), []),
    (D(2000, 1, 1), D(2026, 3, 11), ["admission.youth_union_member"]),  # joined after the introduction
])
def test_a9_an_applicant_of_youth_age_is_a_youth_union_member(born, youth_union, codes):
    variant = "youth_union" if rules.is_youth_age(born, D(2026, 3, 10), P) else ""
    v = rules.check_youth_union(born, youth_union, D(2026, 3, 10), P, organization_variant=variant)
    assert [x.code for x in v] == codes
    assert all(x.field == "youth_union_date" and x.source == rules.SRC_YOUTH for x in v)


@pytest.mark.parametrize(("born", "variant", "without", "codes"), [
    # 30 years 0 months on 10/3/2026 (the last month of youth age, admission.youth_max_age_months = 360):
    (D(1996, 3, 10), "youth_union", "", []),  # the Youth Union executive and one full member
    (D(1996, 3, 10), "", "", ["admission.youth_union_introduces"]),  # two members where there is a Youth Union: refused
    (D(1996, 3, 10), "trade_union", "", ["admission.youth_union_introduces"]),
    (D(1996, 3, 10), "", "Chi bộ Công ty TNHH Minh Phát", []),  # no Youth Union in the unit: two full members
    (D(1996, 3, 10), "youth_union", "Chi bộ Công ty TNHH Minh Phát", ["admission.youth_union_absent"]),
    # 30 years 1 month: past youth age, two full members; the Youth Union introduces no one.
    (D(1996, 2, 9), "", "", []),
    (D(1996, 2, 9), "youth_union", "", ["admission.youth_union_past_age"]),
    (D(1996, 2, 9), "youth_union", "Chi bộ Công ty TNHH Minh Phát", ["admission.youth_union_past_age"]),
])
def test_a9_who_introduces_an_applicant_of_youth_age(born, variant, without, codes):
    v = rules.check_youth_union(born, D(2012, 3, 26), D(2026, 3, 10), P, organization_variant=variant, no_youth_union_in=without)
    assert [x.code for x in v] == codes
    assert all(x.field == "introducing_organization" and x.source == rules.SRC_YOUTH for x in v)
    if codes == ["admission.youth_union_absent"]:
        assert "Chi bộ Công ty TNHH Minh Phát không có tổ chức Đoàn" in v[0].message
    if codes and codes != ["admission.youth_union_absent"]:
        assert "đến 30 tuổi" in v[0].message  # the age comes from the parameter, in years


def test_a9_the_age_limit_is_the_parameter_in_force():
    """A younger limit (24 years) makes a 27-year-old past youth age: two members, no Youth Union."""
    younger = {**P, "admission.youth_max_age_months": 288}
    born = D(1998, 6, 15)
    assert rules.check_youth_union(born, D(2014, 3, 26), D(2026, 3, 10), younger, organization_variant="") == []
    assert [x.code for x in rules.check_youth_union(born, D(2014, 3, 26), D(2026, 3, 10), P, organization_variant="")] == [
        "admission.youth_union_introduces"]
