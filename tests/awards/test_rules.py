"""Pure badge and card rules (domain-rules §10 B1–B5, B10; M1/M4): boundaries on both sides."""

import datetime as dt

import pytest

from dangvu.awards import rules
from dangvu.awards.rules import AwardKind, CardKind, Discipline, DisciplineForm, MemberFacts
from dangvu.members import rules as member_rules
from dangvu.members.kinds import Status
from dangvu.rules.parameters import defaults

D = dt.date
PARAMS = defaults(D(2026, 1, 1))
FAR = D(2100, 1, 1)


def facts(admitted=D(1996, 9, 2), days_outside=0, status=Status.FULL, status_then=Status.FULL, died_on=None, suspended=False):
    return MemberFacts("Nguyễn Văn A", status, admitted, days_outside, status_then=status_then, suspended_then=suspended,
                       died_on=died_on)


def check(member=None, *, milestone=30, kind=AwardKind.REGULAR, on=D(2026, 9, 2), decision=D(2026, 8, 15), awarded=(),
          discipline=None):
    return [v.code for v in rules.check_award(member or facts(), milestone=milestone, kind=kind, presentation_on=on,
                                              decision_date=decision, already_awarded=set(awarded), params=PARAMS,
                                              today=FAR, discipline=discipline)]


# ---------------------------------------------------------------- B1, M1: reaching a milestone

def test_milestones_are_the_official_list():
    assert rules.MILESTONES == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


def test_reach_date_agrees_with_party_age_29y364d_vs_30y():
    admitted = D(1996, 9, 2)
    reached = rules.reach_date(admitted, 0, 30)
    assert reached == D(2026, 9, 2)
    assert member_rules.party_age_years(admitted, 0, reached - dt.timedelta(days=1)) == 29  # 29 years 364 days
    assert member_rules.party_age_years(admitted, 0, reached) == 30
    assert rules.reached_milestones(admitted, 0, D(2026, 9, 1)) == []
    assert rules.reached_milestones(admitted, 0, D(2026, 9, 2)) == [30]


def test_reach_date_from_29_february():
    admitted = D(1996, 2, 29)
    reached = rules.reach_date(admitted, 0, 30)
    assert reached == D(2026, 2, 28)
    assert member_rules.party_age_years(admitted, 0, D(2026, 2, 27)) == 29
    assert member_rules.party_age_years(admitted, 0, reached) == 30


@pytest.mark.parametrize("milestone", rules.MILESTONES)
def test_every_milestone_agrees_with_party_age(milestone):
    admitted, gap = D(1931, 1, 31), 400
    reached = rules.reach_date(admitted, gap, milestone)
    assert member_rules.party_age_years(admitted, gap, reached) == milestone
    assert member_rules.party_age_years(admitted, gap, reached - dt.timedelta(days=1)) == milestone - 1


def test_gap_outside_the_party_delays_the_milestone():
    admitted = D(1990, 3, 1)
    assert rules.reach_date(admitted, 0, 30) == D(2020, 3, 1)
    # 4 years and 10 days outside the party (struck off, re-admitted): the milestone moves by exactly that.
    gap = (D(1998, 3, 11) - D(1994, 3, 1)).days
    reached = rules.reach_date(admitted, gap, 30)
    assert reached == member_rules.add_months(admitted + dt.timedelta(days=gap), 360)
    assert member_rules.party_age_years(admitted, gap, reached - dt.timedelta(days=1)) == 29
    assert member_rules.party_age_years(admitted, gap, reached) == 30


def test_no_admission_date_no_milestone():
    assert rules.reach_date(None, 0, 30) is None
    assert rules.due_milestone(None, 0, set(), D(2026, 9, 2)) is None
    assert check(facts(admitted=None)) == ["badge.no_admission_date"]


# ---------------------------------------------------------------- B4, B10: presentation dates

@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 9, 2), D(2026, 9, 2)),  # on a presentation date: that one
    (D(2026, 9, 3), D(2026, 11, 7)),  # the day after: the next one
    (D(2026, 2, 3), D(2026, 2, 3)),
    (D(2026, 2, 4), D(2026, 5, 19)),
    (D(2026, 5, 19), D(2026, 5, 19)),
    (D(2026, 5, 20), D(2026, 9, 2)),
    (D(2026, 11, 7), D(2026, 11, 7)),
    (D(2026, 11, 8), D(2027, 2, 3)),
    (D(2026, 1, 1), D(2026, 2, 3)),
])
def test_next_presentation_date(day, expected):
    assert rules.next_presentation_date(day) == expected


def test_previous_presentation_date():
    assert rules.previous_presentation_date(D(2026, 9, 2)) == D(2026, 5, 19)
    assert rules.previous_presentation_date(D(2026, 9, 3)) == D(2026, 9, 2)
    assert rules.previous_presentation_date(D(2026, 2, 3)) == D(2025, 11, 7)


def test_due_when_eligibility_falls_on_the_presentation_date():
    due = rules.due_milestone(D(1996, 9, 2), 0, set(), D(2026, 9, 2))
    assert due == rules.Due(30, D(2026, 9, 2), D(2026, 9, 2), overdue=False)


def test_eligibility_the_day_after_waits_for_the_next_presentation_date():
    assert rules.due_milestone(D(1996, 9, 3), 0, set(), D(2026, 9, 2)) is None
    due = rules.due_milestone(D(1996, 9, 3), 0, set(), D(2026, 11, 7))
    assert due == rules.Due(30, D(2026, 9, 3), D(2026, 11, 7), overdue=False)


def test_not_recorded_at_its_date_is_overdue_at_the_next():
    due = rules.due_milestone(D(1996, 9, 2), 0, set(), D(2026, 11, 7))
    assert due.milestone == 30 and due.presentation_on == D(2026, 9, 2) and due.overdue


def test_due_is_the_highest_milestone_not_covered_by_an_award():
    admitted = D(1976, 9, 2)  # 50 years on 2/9/2026
    assert rules.due_milestone(admitted, 0, set(), D(2026, 9, 2)).milestone == 50
    assert rules.due_milestone(admitted, 0, {30, 40, 45}, D(2026, 9, 2)).milestone == 50
    assert rules.due_milestone(admitted, 0, {50}, D(2026, 9, 2)) is None
    assert rules.due_milestone(admitted, 0, {30, 40, 45, 50}, D(2031, 9, 2)).milestone == 55


# ---------------------------------------------------------------- checking an award

def test_regular_award_on_and_before_the_milestone():
    assert check(on=D(2026, 9, 2)) == []
    assert check(on=D(2026, 9, 1), decision=D(2026, 8, 1)) == ["badge.not_reached"]


def test_one_award_per_milestone():
    assert check(awarded={30}) == ["badge.duplicate"]
    assert check(milestone=31) == ["badge.milestone"]


@pytest.mark.parametrize(("milestone", "admitted", "months", "ok"), [
    (30, D(1996, 9, 2), 12, True),
    (30, D(1996, 9, 2), 13, False),
    (65, D(1961, 9, 2), 12, True),
    (65, D(1961, 9, 2), 13, False),
    (70, D(1956, 9, 2), 24, True),
    (70, D(1956, 9, 2), 25, False),
    (90, D(1936, 9, 2), 24, True),
    (90, D(1936, 9, 2), 25, False),
])
def test_early_award_for_illness_limits(milestone, admitted, months, ok):
    reached = rules.reach_date(admitted, 0, milestone)
    assert reached == D(2026, 9, 2)
    on = member_rules.add_months(reached, -months)
    codes = check(facts(admitted=admitted), milestone=milestone, kind=AwardKind.EARLY_ILLNESS, on=on, decision=on)
    assert codes == ([] if ok else ["badge.too_early"])


def test_early_award_limit_to_the_day():
    # 12 months early is the limit: one more day is refused (30-year badge).
    assert check(kind=AwardKind.EARLY_ILLNESS, on=D(2025, 9, 2), decision=D(2025, 9, 1)) == []
    assert check(kind=AwardKind.EARLY_ILLNESS, on=D(2025, 9, 1), decision=D(2025, 9, 1)) == ["badge.too_early"]


def test_early_limits_are_parameters():
    assert rules.early_limit_months(65, PARAMS) == 12
    assert rules.early_limit_months(70, PARAMS) == 24
    custom = dict(PARAMS) | {"badges.early_illness_months": 6}
    assert rules.early_limit_months(30, custom) == 6


def test_posthumous_within_12_months():
    reached = D(2026, 9, 2)  # admitted 2/9/1996
    died_ok = D(2025, 9, 2)  # 12 months short
    died_early = D(2025, 9, 1)  # 12 months and a day short
    dead = lambda died: facts(status=Status.DECEASED, status_then="", died_on=died)  # noqa: E731
    assert check(dead(died_ok), kind=AwardKind.POSTHUMOUS, on=D(2025, 11, 7), decision=D(2025, 10, 20)) == []
    assert check(dead(died_early), kind=AwardKind.POSTHUMOUS, on=D(2025, 11, 7),
                 decision=D(2025, 10, 20)) == ["badge.posthumous_too_early"]
    assert rules.posthumous_due(dead(died_ok), set(), PARAMS) == 30
    assert rules.posthumous_due(dead(died_early), set(), PARAMS) is None
    assert rules.posthumous_due(dead(reached), {30}, PARAMS) is None


def test_posthumous_only_for_the_deceased_and_after_death():
    assert check(kind=AwardKind.POSTHUMOUS) == ["badge.posthumous_alive"]
    dead = facts(status=Status.DECEASED, status_then="", died_on=D(2026, 10, 1))
    assert check(dead, kind=AwardKind.POSTHUMOUS, on=D(2026, 9, 2)) == ["badge.posthumous_before_death"]
    # A regular award presented after the death is refused: it is posthumous.
    assert check(dead, on=D(2026, 11, 7), decision=D(2026, 11, 1)) == ["badge.deceased"]
    # Presented while alive (recorded later): a regular award.
    alive_then = facts(status=Status.DECEASED, status_then=Status.FULL, died_on=D(2026, 10, 1))
    assert check(alive_then, on=D(2026, 9, 2)) == []


def test_not_in_the_party_on_the_presentation_date():
    assert check(facts(status=Status.STRUCK_OFF, status_then="")) == ["badge.not_in_party"]


def test_suspended_member_is_held_back():
    assert check(facts(suspended=True)) == ["badge.suspended"]


@pytest.mark.parametrize(("form", "months"), [(DisciplineForm.REPRIMAND, 6), (DisciplineForm.WARNING, 9),
                                              (DisciplineForm.REMOVAL_FROM_POST, 12)])
def test_discipline_deferral(form, months):
    decided = D(2026, 1, 10)
    end = member_rules.add_months(decided, months)
    assert rules.deferral_end(Discipline(form, decided), PARAMS) == end
    member = facts(admitted=D(1990, 1, 1))
    assert check(member, on=end, decision=end, discipline=Discipline(form, decided)) == []
    before = end - dt.timedelta(days=1)
    assert check(member, on=before, decision=before, discipline=Discipline(form, decided)) == ["badge.discipline_deferral"]


def test_decision_dates():
    assert check(decision=None) == ["badge.decision_date"]
    assert check(decision=D(2026, 9, 3)) == ["badge.presentation_before_decision"]
    codes = [v.code for v in rules.check_award(facts(), milestone=30, kind=AwardKind.REGULAR, presentation_on=D(2026, 9, 2),
                                               decision_date=D(2026, 8, 1), already_awarded=set(), params=PARAMS,
                                               today=D(2026, 7, 31))]
    assert codes == ["badge.decision_future"]


def test_violations_name_field_and_source():
    v = rules.check_award(facts(), milestone=30, kind=AwardKind.EARLY_ILLNESS, presentation_on=D(2025, 8, 1),
                          decision_date=D(2025, 8, 1), already_awarded=set(), params=PARAMS, today=FAR)
    assert [(x.code, x.field) for x in v] == [("badge.too_early", "presentation_on")]
    # 1/8/2025: the guidance in force is HD 06-HD/TW (9/6/2025), no longer HD 01-HD/TW (2021).
    assert "12 tháng" in v[0].message and "HD 06-HD/TW" in v[0].source


# ---------------------------------------------------------------- cards

def card(**kw):
    args = dict(full_name="Nguyễn Văn A", status=Status.FULL, recognition_date=D(2020, 1, 1), current_number=None,
                number="12345678", kind=CardKind.ISSUE, issued_on=D(2021, 1, 1), reason="", today=D(2026, 1, 1))
    return [v.code for v in rules.check_card(**(args | kw))]


def test_card_rules():
    assert card() == []
    assert card(number="123456789012") == []
    assert card(number="1234567") == ["card.number_format"]
    assert card(number="") == ["card.number_required"]
    assert card(status=Status.PROBATIONARY) == ["card.not_full_member"]
    assert card(current_number="11112222") == ["card.already_has_card"]
    assert card(kind=CardKind.REISSUE_LOST) == ["card.no_card", "card.reason_required"]
    assert card(kind=CardKind.REISSUE_LOST, current_number="11112222", reason="Mất") == []
    assert card(kind=CardKind.REPLACE_DAMAGED, current_number="11112222", reason=" ") == ["card.reason_required"]
    assert card(kind=CardKind.EXCHANGE, current_number="12345678") == ["card.exchange_same_number"]
    assert card(issued_on=D(2019, 12, 31)) == ["card.before_recognition"]
    assert card(issued_on=D(2026, 1, 2)) == ["card.future"]


def test_sequence_numbers_keep_width():
    assert rules.sequence_numbers("00000998", 3) == ["00000998", "00000999", "00001000"]


def test_b5_waits_the_months_in_force_on_the_penalty_date_counted_from_it():
    """The deferral counts from the penalty's date with the months in force then, whatever the
    parameters of the presentation date say."""
    from dangvu.rules.parameters import Params

    decided = D(2025, 9, 20)
    member = facts(admitted=D(1990, 1, 1))
    at_penalty = Params(decided)  # 6 months for a reprimand
    at_presentation = Params(D(2026, 9, 2), {"badges.deferral_reprimand_months": 12})
    v = rules.check_award(member, milestone=30, kind=AwardKind.REGULAR, presentation_on=D(2026, 3, 20),
                          decision_date=D(2026, 3, 1), already_awarded=set(), params=at_presentation, today=FAR,
                          discipline=Discipline(DisciplineForm.REPRIMAND, decided), discipline_params=at_penalty)
    assert [x.code for x in v] == []  # 20/3/2026 = 20/9/2025 + 6 months
    (late,) = rules.check_award(member, milestone=30, kind=AwardKind.REGULAR, presentation_on=D(2026, 3, 19),
                                decision_date=D(2026, 3, 1), already_awarded=set(), params=at_presentation, today=FAR,
                                discipline=Discipline(DisciplineForm.REPRIMAND, decided), discipline_params=at_penalty)
    assert late.code == "badge.discipline_deferral" and "6 tháng kể từ ngày quyết định kỷ luật" in late.message


def test_badge_messages_cite_the_guidance_in_force_on_the_presentation_date():
    from dangvu.rules.parameters import Params

    assert rules.badge_source(D(2024, 9, 2), Params(D(2024, 9, 2))) == "HD 01-HD/TW (28/9/2021) điểm 18"
    assert rules.badge_source(D(2026, 2, 3), Params(D(2026, 2, 3))).startswith("HD 06-HD/TW (9/6/2025)")
