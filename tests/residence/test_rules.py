"""The pure rules of residence contact (domain-rules §12), both sides of each boundary."""

import datetime as dt

import pytest

from dangvu.organizations.kinds import Kind, UnitType
from dangvu.residence import rules
from dangvu.residence.kinds import (
    CommentAssessment,
    CommentOccasion,
    ContactEndReason,
    ContactStatus,
    IntroductionExemption,
    MeetingExemption,
)
from dangvu.rules.parameters import Params

D = dt.date
TODAY = D(2026, 11, 23)
P = Params(TODAY)


def params(**overrides) -> Params:
    return Params(TODAY, {k.replace("__", "."): v for k, v in overrides.items()})


def org(pk=1, name="Chi bộ", kind=Kind.CELL, unit_type=UnitType.STATE_AGENCY, path="/1/2/3/", active=True):
    return rules.OrgFact(id=pk, name=name, kind=kind, unit_type=unit_type, path=path, active=active)


OFFICE = org(3, "Chi bộ Phòng Nội vụ")
COMMUNE = org(10, "Đảng bộ xã An Lạc", Kind.GRASSROOTS_COMMITTEE, UnitType.COMMUNE_WARD, "/1/10/")
WARD_2025 = org(11, "Đảng bộ phường Sơn Hà", Kind.COMMUNE_COMMITTEE, UnitType.COMMUNE_WARD, "/1/11/")
THON = org(12, "Chi bộ thôn Đông", Kind.CELL, UnitType.RESIDENTIAL, "/1/10/12/")


# ---------------------------------------------------------------- H7: the due date of the annual comment

def test_due_date_defaults_to_15_december_and_is_a_parameter():
    assert rules.comment_due(2026, P) == D(2026, 12, 15)
    assert rules.comment_due(2025, params(residence__comment_due_month=11, residence__comment_due_day=30)) == D(2025, 11, 30)
    # A day past the month's end is the month's last day.
    assert rules.comment_due(2026, params(residence__comment_due_month=11, residence__comment_due_day=31)) == D(2026, 11, 30)
    assert rules.comment_due(2024, params(residence__comment_due_month=2, residence__comment_due_day=31)) == D(2024, 2, 29)
    assert rules.comment_due(2025, params(residence__comment_due_month=2, residence__comment_due_day=31)) == D(2025, 2, 28)


def test_a_comment_on_the_due_date_is_on_time_the_day_after_is_late():
    due = rules.comment_due(2025, P)
    assert not rules.is_late(due, due)
    assert rules.is_late(due + dt.timedelta(days=1), due)
    assert not rules.is_late(due, None)  # comments when needed have no due date


@pytest.mark.parametrize("start, ended, expected", [
    (D(2025, 12, 15), None, True),  # assigned on the due date: asked
    (D(2025, 12, 16), None, False),  # the day after: not asked that year
    (D(2025, 3, 10), D(2025, 12, 15), False),  # ended on the due date: not asked
    (D(2025, 3, 10), D(2025, 12, 16), True),  # ended the day after: asked
    (None, None, False),  # not assigned yet
])
def test_which_annual_comments_are_asked(start, ended, expected):
    assert rules.comment_expected(year=2025, start_on=start, ended_on=ended, meeting_exemption="", p=P) is expected


@pytest.mark.parametrize("category", MeetingExemption.values)
def test_exempt_categories_are_never_asked_for_a_periodic_comment(category):
    """H5 (HD 33 điểm 1.1): army and police in barracks, working away, rotated cadres, full-time study, students."""
    assert not rules.comment_expected(year=2025, start_on=D(2025, 1, 2), ended_on=None, meeting_exemption=category, p=P)
    assert rules.comment_expected(year=2025, start_on=D(2025, 1, 2), ended_on=None, meeting_exemption="", p=P)


def _comment(**kw):
    base = dict(status=ContactStatus.ASSIGNED, in_system=True, meeting_exemption="", start_on=D(2025, 3, 10), year=2025,
                occasion=CommentOccasion.ANNUAL, purpose="", text="Gương mẫu", assessment=CommentAssessment.FULFILLED,
                commented_on=D(2025, 12, 10), annual_exists=False)
    base.update(kw)
    return rules.CommentFacts(**base)


def _codes(violations):
    return {v.code for v in violations}


def test_a_complete_annual_comment_passes():
    assert rules.check_comment(_comment(), TODAY) == []


def test_exempt_member_gets_no_periodic_comment_only_one_when_needed():
    v = rules.check_comment(_comment(meeting_exemption=MeetingExemption.FULL_TIME_STUDY), TODAY)
    assert _codes(v) == {"residence.exempt_no_periodic"} and v[0].field == "comment_occasion"
    assert "HD 33-HD/BTCTW điểm 1.1" in v[0].source and "đi học tập trung" in v[0].message
    assert rules.check_comment(_comment(meeting_exemption=MeetingExemption.FULL_TIME_STUDY, occasion=CommentOccasion.ON_REQUEST,
                                        purpose="Phục vụ công tác nhân sự"), TODAY) == []
    v = rules.check_comment(_comment(occasion=CommentOccasion.ON_REQUEST), TODAY)
    assert _codes(v) == {"residence.purpose"}


def test_comment_year_date_and_duplicates():
    assert _codes(rules.check_comment(_comment(annual_exists=True), TODAY)) == {"residence.annual_exists"}
    assert _codes(rules.check_comment(_comment(year=2026), TODAY)) == {"residence.year_future"}
    assert _codes(rules.check_comment(_comment(year=2024), TODAY)) == {"residence.year_before_start"}
    assert _codes(rules.check_comment(_comment(commented_on=TODAY + dt.timedelta(days=1)), TODAY)) == {
        "residence.commented_future"}
    assert rules.check_comment(_comment(commented_on=TODAY, year=2026), TODAY) == []
    assert _codes(rules.check_comment(_comment(commented_on=D(2025, 3, 9)), TODAY)) == {"residence.comment_before_start"}
    assert rules.check_comment(_comment(commented_on=D(2025, 3, 10)), TODAY) == []
    assert _codes(rules.check_comment(_comment(status=ContactStatus.AWAITING), TODAY)) == {"residence.not_assigned"}
    assert _codes(rules.check_comment(_comment(text=" ", assessment=""), TODAY)) == {"residence.text", "residence.assessment"}


# ---------------------------------------------------------------- H4: meetings

@pytest.mark.parametrize("held, minimum, short", [(0, 2, 2), (1, 2, 1), (2, 2, 0), (3, 2, 0), (3, 4, 1), (4, 4, 0)])
def test_meetings_count_against_the_minimum(held, minimum, short):
    assert rules.meetings_shortfall(held, params(residence__meetings_per_year=minimum)) == short


def test_the_minimum_is_two_a_year_unconfirmed_and_sets_the_interval():
    from dangvu.rules.parameters import BY_KEY

    definition = BY_KEY["residence.meetings_per_year"]
    assert definition.default == 2 and definition.status == "UNCONFIRMED" and "H7" in definition.source
    assert "chưa thấy" in definition.label
    for key in ("residence.comment_due_month", "residence.comment_due_day"):
        assert BY_KEY[key].status == "UNCONFIRMED" and "H7" in BY_KEY[key].source
    assert (BY_KEY["residence.comment_due_month"].default, BY_KEY["residence.comment_due_day"].default) == (12, 15)
    assert rules.meeting_interval_months(P) == 6
    assert rules.meeting_interval_months(params(residence__meetings_per_year=4)) == 3
    assert rules.meeting_interval_months(params(residence__meetings_per_year=1)) == 12


def test_next_meeting_due_six_months_after_the_last_or_the_first_assignment():
    assert rules.next_meeting_due(None, D(2025, 3, 10), P) == D(2025, 9, 10)
    assert rules.next_meeting_due(D(2025, 11, 20), D(2025, 3, 10), P) == D(2026, 5, 20)
    assert rules.next_meeting_due(D(2025, 8, 31), D(2025, 3, 10), P) == D(2026, 2, 28)


def _meeting(**kw):
    people = (rules.Attendee(1, "Trần Văn Bình", D(2025, 3, 10), None, False),
              rules.Attendee(2, "Lê Thị Hoa", D(2025, 6, 1), None, False),
              rules.Attendee(3, "Đỗ Văn Quân", D(2025, 3, 10), None, True),  # H5: not held to the meetings
              rules.Attendee(4, "Phạm Văn Tú", D(2025, 1, 5), D(2025, 5, 1), False))
    base = dict(cell=THON, held_on=D(2025, 6, 1), meeting_type="periodic", content="Thông báo tình hình địa phương",
                duplicate=False, attendees=people, marks=((1, "present", ""), (2, "excused", "Đi công tác")))
    base.update(kw)
    return rules.MeetingFacts(**base)


def test_attendance_of_every_member_held_to_the_meeting():
    assert rules.check_meeting(_meeting(), TODAY) == []  # assigned on the meeting day: counted; H5 and ended: optional
    v = rules.check_meeting(_meeting(marks=((1, "present", ""),)), TODAY)
    assert _codes(v) == {"residence.attendee_missing"} and "Lê Thị Hoa" in v[0].message
    # The day before Hoa's assignment she is not expected, and may not be marked.
    assert rules.check_meeting(_meeting(held_on=D(2025, 5, 31), marks=((1, "present", ""),)), TODAY) == []
    v = rules.check_meeting(_meeting(held_on=D(2025, 5, 31)), TODAY)
    assert _codes(v) == {"residence.attendee_not_assigned"}
    # Ended on 1/5: still expected on 30/4, not on 1/5.
    v = rules.check_meeting(_meeting(held_on=D(2025, 4, 30), marks=((1, "present", ""),)), TODAY)
    assert _codes(v) == {"residence.attendee_missing"} and "Phạm Văn Tú" in v[0].message
    assert rules.check_meeting(_meeting(marks=((1, "present", ""), (2, "present", ""), (3, "present", ""))), TODAY) == []


def test_meeting_checks():
    v = rules.check_meeting(_meeting(marks=((1, "present", ""), (2, "excused", " "))), TODAY)
    assert _codes(v) == {"residence.absence_reason"}
    v = rules.check_meeting(_meeting(marks=((1, "present", ""), (2, "unexcused", ""), (99, "present", ""))), TODAY)
    assert _codes(v) == {"residence.attendee_not_assigned"}
    v = rules.check_meeting(_meeting(cell=OFFICE, duplicate=True, content="", meeting_type="x",
                                     held_on=TODAY + dt.timedelta(days=1), attendees=(), marks=()), TODAY)
    assert _codes(v) == {"residence.meeting_cell_kind", "residence.meeting_duplicate", "residence.content",
                         "residence.meeting_type", "residence.held_future"}


# ---------------------------------------------------------------- H1, H3: who is introduced, where

def _intro(**kw):
    base = dict(member_name="Trần Văn Bình", member_in_party=True, cell=OFFICE, open_contact="", letter_number="12-GGT/ĐU",
                letter_date=D(2025, 3, 2), residence_address="Số 12, thôn Đông", receiving=COMMUNE, receiving_text="",
                meeting_exemption="", number_taken=False)
    base.update(kw)
    return rules.IntroduceFacts(**base)


@pytest.mark.parametrize("unit_type, working", [
    (UnitType.PARTY_MASS, True), (UnitType.STATE_AGENCY, True), (UnitType.PUBLIC_SERVICE, True),
    (UnitType.STATE_ENTERPRISE, True), (UnitType.NON_STATE_ENTERPRISE, True), (UnitType.ARMED_FORCES, True),
    (UnitType.RESIDENTIAL, False), (UnitType.COMMUNE_WARD, False), (UnitType.OTHER, False),
])
def test_only_working_members_are_introduced(unit_type, working):
    v = rules.check_introduce(_intro(cell=org(3, "Chi bộ X", unit_type=unit_type)), TODAY)
    assert (v == []) is working
    if not working:
        assert v[0].code == "residence.not_working" and v[0].source == "QĐ 213-QĐ/TW Điều 1"


def test_introduction_checks():
    assert rules.check_introduce(_intro(), TODAY) == []
    assert rules.check_introduce(_intro(receiving=WARD_2025), TODAY) == []  # the 2025 commune committee
    assert rules.check_introduce(_intro(receiving=None, receiving_text="Đảng ủy phường Điện Biên"), TODAY) == []
    v = rules.check_introduce(_intro(receiving=None), TODAY)
    assert _codes(v) == {"residence.receiving_required"} and v[0].field == "receiving_organization"
    assert _codes(rules.check_introduce(_intro(receiving=THON), TODAY)) == {"residence.receiving_kind"}
    assert _codes(rules.check_introduce(_intro(receiving=org(10, "Đảng bộ xã cũ", Kind.GRASSROOTS_COMMITTEE,
                                                             UnitType.COMMUNE_WARD, "/1/10/", False)), TODAY)) == {
        "residence.receiving_inactive"}
    assert _codes(rules.check_introduce(_intro(letter_date=TODAY + dt.timedelta(days=1)), TODAY)) == {"residence.letter_future"}
    assert rules.check_introduce(_intro(letter_date=TODAY), TODAY) == []
    assert _codes(rules.check_introduce(_intro(open_contact="đã được giới thiệu"), TODAY)) == {"residence.open_contact"}
    assert _codes(rules.check_introduce(_intro(member_in_party=False), TODAY)) == {"residence.not_in_party"}
    assert _codes(rules.check_introduce(_intro(letter_number="", residence_address=" ", number_taken=False), TODAY)) == {
        "residence.letter_number", "residence.address"}
    assert _codes(rules.check_introduce(_intro(number_taken=True), TODAY)) == {"residence.number_taken"}


def test_exemption_from_being_introduced():
    base = dict(member_name="Đỗ Văn Quân", member_in_party=True, cell=OFFICE, open_contact="",
                category=IntroductionExemption.SPECIAL_DUTY, decided_on=D(2025, 3, 1), note="")
    assert rules.check_exempt(rules.ExemptFacts(**base), TODAY) == []
    v = rules.check_exempt(rules.ExemptFacts(**{**base, "category": IntroductionExemption.OTHER}), TODAY)
    assert _codes(v) == {"residence.exemption_note"} and v[0].source == "HD 33-HD/BTCTW điểm 1.2"
    assert _codes(rules.check_exempt(rules.ExemptFacts(**{**base, "category": ""}), TODAY)) == {"residence.exemption_category"}


def test_assignment_checks():
    kw = dict(receiving=COMMUNE, cell=THON, current_cell_id=None, assigned_on=D(2025, 3, 10), received_on=D(2025, 3, 10),
              current_assigned_on=None, cell_in_scope=True, today=TODAY)
    assert rules.check_assign(**kw) == []
    assert _codes(rules.check_assign(**{**kw, "assigned_on": D(2025, 3, 9)})) == {"residence.assigned_too_early"}
    assert _codes(rules.check_assign(**{**kw, "cell": org(13, "Chi bộ thôn Nam", Kind.CELL, UnitType.RESIDENTIAL,
                                                          "/1/99/13/")})) == {"residence.cell_outside"}
    assert _codes(rules.check_assign(**{**kw, "cell": org(14, "Chi bộ Cơ quan xã", Kind.CELL, UnitType.STATE_AGENCY,
                                                          "/1/10/14/")})) == {"residence.cell_kind"}
    assert _codes(rules.check_assign(**{**kw, "current_cell_id": THON.id})) == {"residence.same_cell"}
    assert _codes(rules.check_assign(**{**kw, "cell_in_scope": False})) == {"residence.cell_scope"}
    assert _codes(rules.check_assign(**{**kw, "cell": None, "assigned_on": None})) == {"residence.cell_required",
                                                                                       "residence.assigned_on"}


def _end(**kw):
    base = dict(status=ContactStatus.ASSIGNED, reason=ContactEndReason.MOVED, ended_on=D(2026, 3, 1), start=D(2025, 3, 2),
                note="", residence_side=False, member_in_party=True, member_cell=OFFICE, residence_cell_id=THON.id)
    base.update(kw)
    return rules.EndFacts(**base)


def test_end_checks():
    assert rules.check_end(_end(), TODAY) == []
    assert _codes(rules.check_end(_end(reason=ContactEndReason.RETURNED), TODAY)) == {"residence.return_side",
                                                                                      "residence.return_status"}
    assert rules.check_end(_end(reason=ContactEndReason.RETURNED, residence_side=True, status=ContactStatus.AWAITING), TODAY) == []
    assert _codes(rules.check_end(_end(reason=ContactEndReason.RETIRED), TODAY)) == {"residence.still_working"}
    assert rules.check_end(_end(reason=ContactEndReason.RETIRED, member_cell=THON), TODAY) == []
    assert _codes(rules.check_end(_end(reason=ContactEndReason.RETIRED, member_cell=org(15, "Chi bộ thôn Tây", Kind.CELL,
                                                                                          UnitType.RESIDENTIAL)), TODAY)) == {
        "residence.retired_elsewhere"}
    assert _codes(rules.check_end(_end(reason=ContactEndReason.LEFT_PARTY), TODAY)) == {"residence.still_in_party"}
    assert _codes(rules.check_end(_end(reason=ContactEndReason.OTHER), TODAY)) == {"residence.end_note"}
    assert _codes(rules.check_end(_end(ended_on=D(2025, 3, 1)), TODAY)) == {"residence.ended_before_start"}
    assert rules.check_end(_end(ended_on=D(2025, 3, 2)), TODAY) == []
    assert _codes(rules.check_end(_end(status=ContactStatus.ENDED), TODAY)) == {"residence.not_open"}
    assert _codes(rules.check_end(_end(reason=ContactEndReason.NO_LONGER_EXEMPT), TODAY)) == {"residence.not_exempt"}
    assert rules.check_end(_end(status=ContactStatus.EXEMPT, reason=ContactEndReason.NO_LONGER_EXEMPT), TODAY) == []
    assert _codes(rules.check_end(_end(status=ContactStatus.EXEMPT), TODAY)) == {"residence.exempt_reason"}


# ---------------------------------------------------------------- the regulation in force (QĐ 76 → QĐ 213, HD 33)

def test_documents_cite_the_regulation_of_their_date():
    assert "76-QĐ/TW" in rules.regulation_on(D(2020, 1, 1))
    assert "213-QĐ/TW ngày 2/1/2020" in rules.regulation_on(D(2020, 1, 2))
    assert rules.short_regulation_on(D(2020, 1, 1)) == "QĐ 76-QĐ/TW" and rules.short_regulation_on(D(2020, 1, 2)) == "QĐ 213-QĐ/TW"
    assert rules.guidance_on(D(2020, 10, 29)) == ""
    assert "33-HD/BTCTW" in rules.guidance_on(D(2020, 10, 30))


def test_receiving_organizations_and_residence_cells():
    assert rules.is_receiving_organization(Kind.COMMUNE_COMMITTEE, UnitType.COMMUNE_WARD)
    assert rules.is_receiving_organization(Kind.GRASSROOTS_COMMITTEE, UnitType.COMMUNE_WARD)
    assert rules.is_receiving_organization(Kind.GRASSROOTS_CELL, UnitType.COMMUNE_WARD)
    assert not rules.is_receiving_organization(Kind.GRASSROOTS_COMMITTEE, UnitType.STATE_AGENCY)
    assert not rules.is_receiving_organization(Kind.DISTRICT_COMMITTEE, UnitType.OTHER)
    assert rules.is_residence_cell(Kind.CELL, UnitType.RESIDENTIAL)
    assert not rules.is_residence_cell(Kind.CELL, UnitType.STATE_AGENCY)
    assert not rules.is_residence_cell(Kind.PARTY_GROUP, UnitType.RESIDENTIAL)
