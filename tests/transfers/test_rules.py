"""Pure rules of transfers (no database): T2 issuer, T3 deadline, T4/T5 periods, T1/T11 on issue,
receipt checks, exemption grounds, and the vote base of O14/T6/T8."""

import datetime as dt

import pytest

from dangvu.members.kinds import Sex, Status
from dangvu.rules.parameters import defaults
from dangvu.rules.workdays import WorkCalendar
from dangvu.transfers import rules
from dangvu.transfers.kinds import LetterStatus, Purpose, TransferKind

D = dt.date
P = defaults(D(2026, 1, 1))

PROVINCE = rules.OrgFact(1, "Tỉnh", "provincial_committee", "/1/")
DISTRICT_A = rules.OrgFact(2, "Huyện A", "district_committee", "/1/2/")
GRASSROOTS_A = rules.OrgFact(3, "Xã A", "grassroots_committee", "/1/2/3/")
CELL_A1 = rules.OrgFact(4, "Chi bộ A1", "cell", "/1/2/3/4/")
CELL_A2 = rules.OrgFact(5, "Chi bộ A2", "cell", "/1/2/3/5/")
CELL_B1 = rules.OrgFact(8, "Chi bộ B1", "cell", "/1/6/7/8/")
GRASSROOTS_CELL = rules.OrgFact(9, "Chi bộ cơ sở", "grassroots_cell", "/1/9/")
COMMUNE = rules.OrgFact(10, "Đảng bộ phường", "commune_committee", "/1/10/")
CELL_UNDER_COMMUNE = rules.OrgFact(11, "Chi bộ khu phố", "cell", "/1/10/11/")
CHAIN_A1 = [PROVINCE, DISTRICT_A, GRASSROOTS_A, CELL_A1]


# ---------------------------------------------------------------- T2

@pytest.mark.parametrize("kind, issuer", [
    (TransferKind.INTERNAL, GRASSROOTS_A), (TransferKind.TEMPORARY, GRASSROOTS_A), (TransferKind.OFFICIAL, DISTRICT_A),
    (TransferKind.ABROAD, DISTRICT_A), (TransferKind.OUTSIDE, DISTRICT_A),
])
def test_issuing_body_by_kind(kind, issuer):
    assert rules.issuing_body(kind, CHAIN_A1) == issuer


def test_grassroots_directly_under_the_province_is_introduced_by_the_province():
    chain = [PROVINCE, GRASSROOTS_CELL]
    assert rules.issuing_body(TransferKind.OFFICIAL, chain) == PROVINCE
    assert rules.issuing_body(TransferKind.TEMPORARY, chain) == GRASSROOTS_CELL


def test_cell_directly_under_a_commune_committee_has_it_as_grassroots():
    chain = [PROVINCE, COMMUNE, CELL_UNDER_COMMUNE]
    assert rules.grassroots_of(chain) == COMMUNE
    assert rules.issuing_body(TransferKind.INTERNAL, chain) == COMMUNE
    # The commune committee runs the cells under it and is their direct superior (QĐ 294): it issues.
    assert rules.issuing_body(TransferKind.OFFICIAL, chain) == COMMUNE


# ---------------------------------------------------------------- T3

def test_presentation_deadline_working_days_skip_weekends_and_holidays():
    cal = WorkCalendar(days_off=frozenset({D(2026, 2, 16), D(2026, 2, 17)}))
    # Friday 13/2/2026: 1 working day later is Wednesday 18/2 (weekend, then two days off).
    assert rules.presentation_deadline(D(2026, 2, 13), 1, True, cal) == D(2026, 2, 18)
    assert rules.presentation_deadline(D(2026, 2, 13), 30, False) == D(2026, 3, 15)


# ---------------------------------------------------------------- T4 / T5

START = D(2026, 3, 1)


def _period(kind, purpose, end):
    return {v.code for v in rules.check_period(kind, purpose, START, end, P)}


@pytest.mark.parametrize("end, ok", [(D(2026, 5, 30), False), (D(2026, 5, 31), False), (D(2026, 6, 1), True)])
def test_at_least_three_months(end, ok):
    # 2 months 29 days is too short; 3 months is enough.
    assert ("transfer.period_too_short" not in _period(TransferKind.TEMPORARY, Purpose.WORK, end)) is ok


@pytest.mark.parametrize("end, ok", [(D(2027, 2, 1), True), (D(2027, 2, 28), True), (D(2027, 3, 1), False)])
def test_work_or_residence_under_twelve_months(end, ok):
    # 11 months (and 11 months 27 days) is fine; 12 months is an official transfer.
    assert (_period(TransferKind.TEMPORARY, Purpose.WORK, end) == set()) is ok


@pytest.mark.parametrize("end, ok", [(D(2028, 3, 1), True), (D(2028, 3, 2), False), (D(2028, 4, 1), False)])
def test_study_up_to_twenty_four_months(end, ok):
    assert (_period(TransferKind.TEMPORARY, Purpose.STUDY, end) == set()) is ok


@pytest.mark.parametrize("end, ok", [(D(2026, 6, 1), True), (D(2027, 2, 28), True), (D(2027, 3, 1), False),
                                     (D(2026, 5, 31), False)])
def test_abroad_three_to_under_twelve_months(end, ok):
    assert (_period(TransferKind.ABROAD, "", end) == set()) is ok


def test_period_needs_dates_purpose_and_order():
    assert {v.code for v in rules.check_period(TransferKind.TEMPORARY, "", None, None, P)} == {
        "transfer.period_start", "transfer.period_end", "transfer.purpose"}
    assert _period(TransferKind.TEMPORARY, Purpose.WORK, START) == {"transfer.period_order"}


def test_a_changed_parameter_moves_the_bound():
    p = defaults(D(2026, 1, 1))
    p._values["transfer.temporary_max_months"] = 6
    codes = {v.code for v in rules.check_period(TransferKind.TEMPORARY, Purpose.WORK, START, D(2026, 9, 1), p)}
    assert codes == {"transfer.period_too_long"}


# ---------------------------------------------------------------- issue

def _facts(**kw):
    base = dict(kind=TransferKind.OFFICIAL, number="15-GGT/HU", issue_date=D(2026, 3, 2), member_name="Trần Văn Bình",
                member_status=Status.FULL, member_cell=CELL_A1, grassroots=GRASSROOTS_A, destination=CELL_B1,
                basis="Quyết định điều động", basis_date=D(2026, 2, 20), self_review=True, t1_deadline=D(2026, 5, 20))
    base.update(kw)
    return rules.IssueFacts(**base)


def _codes(**kw):
    return {v.code for v in rules.check_issue(_facts(**kw), P, D(2026, 11, 1))}


def test_a_complete_official_letter_passes():
    assert _codes() == set()


def test_internal_letters_stay_inside_the_grassroots_organization():
    assert _codes(kind=TransferKind.INTERNAL, destination=CELL_A2, basis="", basis_date=None, self_review=False) == set()
    assert "transfer.internal_outside" in _codes(kind=TransferKind.INTERNAL, destination=CELL_B1)
    assert "transfer.official_inside" in _codes(destination=CELL_A2)
    assert "transfer.destination_same" in _codes(destination=CELL_A1)


def test_outside_needs_a_written_destination_and_no_organization():
    assert _codes(kind=TransferKind.OUTSIDE, destination=None, destination_text="Đảng bộ Quân khu 4") == set()
    assert "transfer.destination_text" in _codes(kind=TransferKind.OUTSIDE, destination=None)
    assert "transfer.outside_in_system" in _codes(kind=TransferKind.OUTSIDE, destination_text="x")


def test_t1_sixty_working_days_from_the_decision():
    assert _codes(issue_date=D(2026, 5, 20)) == set()
    assert _codes(issue_date=D(2026, 5, 21)) == {"transfer.t1_late"}
    assert _codes(issue_date=D(2026, 5, 21), late_issue_reason="Đảng viên ốm dài ngày") == set()
    # A temporary transfer is not bound by T1.
    assert "transfer.t1_late" not in _codes(kind=TransferKind.TEMPORARY, issue_date=D(2026, 5, 21), purpose=Purpose.WORK,
                                            period_start=D(2026, 6, 1), period_end=D(2026, 10, 1))


def test_t11_self_review_and_the_member():
    assert _codes(self_review=False) == {"transfer.self_review"}
    assert _codes(member_status=Status.DECEASED) == {"transfer.not_in_party"}
    assert _codes(open_letter="12-GGT/HU") == {"transfer.open_letter"}
    assert _codes(temporarily_away_at="Chi bộ B1") == {"transfer.member_away"}
    assert _codes(number=" ") == {"transfer.number"}
    assert _codes(number_taken=True) == {"transfer.number_taken"}
    assert _codes(issue_date=D(2026, 11, 2), t1_deadline=D(2026, 12, 1)) == {"transfer.issue_future"}
    assert _codes(basis_date=D(2026, 3, 3)) == {"transfer.basis_after_issue"}


# ---------------------------------------------------------------- receipt

def _receipt(**kw):
    base = dict(kind=TransferKind.OFFICIAL, status=LetterStatus.ISSUED, number="15-GGT/HU", issue_date=D(2026, 1, 20),
                presentation_deadline=D(2026, 3, 10), deadline_in_working_days=True, destination=CELL_B1, from_cell=CELL_A1,
                grassroots=GRASSROOTS_A, member_name="Trần Văn Bình", member_status=Status.FULL, member_cell_id=CELL_A1.id,
                receiving_cell=CELL_B1, received_on=D(2026, 3, 10))
    base.update(kw)
    return {v.code for v in rules.check_receipt(rules.ReceiptFacts(**base), D(2026, 11, 1))}


def test_receipt_on_the_last_day_needs_no_reason_the_day_after_does():
    assert _receipt() == set()
    assert _receipt(received_on=D(2026, 3, 11)) == {"transfer.late_presentation"}
    assert _receipt(received_on=D(2026, 3, 11), late_reason="Ốm") == set()


def test_receipt_checks_the_cell_and_the_letter():
    assert _receipt(receiving_cell=None) == {"transfer.receiving_cell"}
    assert _receipt(receiving_cell=CELL_A2) == {"transfer.receiving_outside"}
    assert _receipt(receiving_cell=CELL_B1, cell_in_scope=False) == {"transfer.receiving_scope"}
    assert _receipt(status=LetterStatus.CANCELLED) == {"transfer.not_awaiting"}
    assert _receipt(member_cell_id=CELL_A2.id) == {"transfer.member_moved"}
    assert _receipt(received_on=D(2026, 1, 19)) == {"transfer.received_before_issue"}
    assert _receipt(destination=DISTRICT_A, receiving_cell=CELL_A2) == {"transfer.receiving_inside"}


# ---------------------------------------------------------------- exemption and counting

def test_exemption_grounds():
    ok = rules.check_exemption("health", Sex.MALE, D(2026, 1, 5), D(2026, 1, 5))
    assert ok == []
    assert {v.code for v in rules.check_exemption("maternity", Sex.MALE, D(2026, 1, 5), None)} == {"exemption.maternity"}
    assert rules.check_exemption("maternity", Sex.FEMALE, D(2026, 1, 5), None) == []
    assert {v.code for v in rules.check_exemption("bored", Sex.MALE, None, None)} == {"exemption.reason",
                                                                                    "exemption.decision_date"}


@pytest.mark.parametrize("sex, born, expected", [
    (Sex.MALE, D(1966, 1, 5), True), (Sex.MALE, D(1966, 1, 6), False),
    (Sex.FEMALE, D(1971, 1, 5), True), (Sex.FEMALE, D(1971, 1, 6), False),
])
def test_advanced_age_hint(sex, born, expected):
    assert rules.advanced_age(sex, born, D(2026, 1, 5), P) is expected

