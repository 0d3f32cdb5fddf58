"""O1 and O14: the vote base of a cell comes from the register (members.selectors.vote_base), and every
vote recorded is checked against it; a cell with fewer than 3 full members passes no resolution."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services as admission_services
from dangvu.admissions.kinds import Step, VoteProposal
from dangvu.core.errors import RuleViolation
from dangvu.members import rules
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.members.selectors import vote_base
from dangvu.organizations import committees
from dangvu.organizations.models import CommitteePosition
from dangvu.rules.parameters import defaults
from tests.admissions import advance, candidate, full_members
from tests.members import register

D = dt.date
MEETING = D(2026, 3, 20)
P = defaults(MEETING)


def codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


@pytest.fixture
def cell(cast):
    """Cell A1 on 20/3/2026: five full members (one exempted, one on temporary transfer to B1), one
    probationary member, and a member of B1 here temporarily."""
    t = cast.tree
    members = full_members(t.cell_a1, names=("Lê Văn Hùng", "Phạm Thị Lan", "Trần Văn Nam", "Ngô Văn Miễn", "Đinh Văn Xa"))
    exempted, away = members[3], members[4]
    member_services.record_event(by=SYSTEM, member=exempted, event_type=EventType.EXEMPTED, effective_date=D(2025, 1, 6))
    member_services.record_event(by=SYSTEM, member=away, event_type=EventType.TEMPORARY_OUT, effective_date=D(2025, 9, 1),
                                 organization=t.cell_b1)
    probationary = register("Vũ Thị Dự", t.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False)
    b_member = register("Hoàng Văn Bắc", t.cell_b1)
    member_services.record_event(by=SYSTEM, member=b_member, event_type=EventType.TEMPORARY_OUT, effective_date=D(2025, 9, 1),
                                 organization=t.cell_a1)
    return members, probationary, b_member


def test_vote_base_from_the_register(cast, cell):
    members, probationary, b_member = cell
    base = vote_base(cast.tree.cell_a1, MEETING)
    assert {m.pk for m in base.counted} == {m.pk for m in members} | {probationary.pk}  # T6: the one away counts at home
    assert {m.pk for m in base.full} == {m.pk for m in members}  # M3: only full members vote
    assert [m.full_name for m in base.hosted] == ["Hoàng Văn Bắc"]  # here temporarily: not counted, no vote
    assert (base.minimum, base.maximum) == (3, 5)
    # O14: the exempted member and the one away count only when they attend and vote.
    assert base.base_with({members[3].pk}) == 4 and base.base_with({members[3].pk, members[4].pk}) == 5
    assert base.allows(3) and base.allows(5) and not base.allows(2) and not base.allows(6)
    # At B1 the member from A1 votes not; before the transfer (1/9/2025) the one away counted in full.
    assert vote_base(cast.tree.cell_b1, MEETING).maximum == 1
    assert vote_base(cast.tree.cell_a1, D(2024, 12, 31)).minimum == 5


def test_typed_base_rule_names_the_field_and_the_rule():
    assert rules.check_typed_vote_base(4, 3, 5, MEETING, field="full_members", label="Số biểu quyết", prefix="x") == []
    [v] = rules.check_typed_vote_base(6, 3, 5, MEETING, field="full_members", label="Số biểu quyết", prefix="x")
    assert v.code == "x.vote_base_register" and v.field == "full_members" and "O14" in v.source
    assert "phải từ 3 đến 5" in v.message and "20/03/2026" in v.message
    [v] = rules.check_typed_vote_base(9, 3, 3, MEETING, field="full_members", label="Số biểu quyết", prefix="x")
    assert "phải là 3" in v.message


@pytest.mark.parametrize(("full", "ok"), [(2, False), (3, True)])
def test_o1_boundary(full, ok):
    violations = rules.check_cell_min_full_members(full, MEETING, P, field="cell_meeting_date", what="nghị quyết", prefix="x")
    assert (violations == []) is ok
    if not ok:
        assert violations[0].code == "x.small_cell" and "O1" in violations[0].source and "cần ít nhất 3" in violations[0].message


def test_admission_vote_in_a_cell_of_two_full_members_is_refused(cast):
    introducers = full_members(cast.tree.cell_a2, names=("Lê Văn Một", "Lê Văn Hai"))
    c = advance(candidate(cast.tree.cell_a2), Step.INTRODUCERS, introducers=introducers)
    with pytest.raises(RuleViolation) as exc:
        admission_services.record_step(by=SYSTEM, candidate=c, step=Step.CELL_VOTE, data={
            "cell_meeting_date": MEETING, "full_members": 2, "votes_for": 2})
    assert codes(exc) == {"admission.small_cell"}
    assert exc.value.violations[0].field == "cell_meeting_date"
    register("Lê Văn Ba", cast.tree.cell_a2)
    c = admission_services.record_step(by=SYSTEM, candidate=c, step=Step.CELL_VOTE, data={
        "cell_meeting_date": MEETING, "full_members": 3, "votes_for": 2})
    assert c.cell_full_members == 3


def test_admission_vote_base_is_checked_against_the_register(cast, cell):
    members, _, _ = cell
    c = advance(candidate(cast.tree.cell_a1), Step.INTRODUCERS, introducers=members[:2])
    for typed in (2, 6):  # below the base without those who may be absent, above every full member
        with pytest.raises(RuleViolation) as exc:
            admission_services.record_step(by=SYSTEM, candidate=c, step=Step.CELL_VOTE, data={
                "cell_meeting_date": MEETING, "full_members": typed, "votes_for": 2})
        [v] = [v for v in exc.value.violations if v.code == "admission.vote_base_register"]
        assert v.field == "full_members"
    c = admission_services.record_step(by=SYSTEM, candidate=c, step=Step.CELL_VOTE, data={
        "cell_meeting_date": MEETING, "full_members": 4, "votes_for": 3})  # the exempted member attended and voted
    assert (c.cell_full_members, c.cell_votes_for) == (4, 3)


def test_probation_vote_base_is_checked_against_the_register(cast, cell):
    _, probationary, _ = cell
    on = D(2026, 6, 5)
    with pytest.raises(RuleViolation) as exc:
        admission_services.record_probation_vote(by=SYSTEM, member=probationary, meeting_date=on, proposal=VoteProposal.RECOGNIZE,
                                                 full_members=9, votes_for=9)
    assert codes(exc) == {"probation.vote_base_register"}
    vote = admission_services.record_probation_vote(by=SYSTEM, member=probationary, meeting_date=on,
                                                    proposal=VoteProposal.RECOGNIZE, full_members=3, votes_for=2)
    assert vote.passed


def test_committee_vote_base_follows_the_recorded_committee(cast):
    t = cast.tree
    introducers = full_members(t.cell_a1)
    c = advance(candidate(t.cell_a1), Step.CELL_VOTE, introducers=introducers)
    term = committees.create_term(by=SYSTEM, organization=t.grassroots_a, name="2025–2030", start_date=D(2025, 5, 5), size=3)
    for name, position in (("Đặng Văn Thư", CommitteePosition.SECRETARY), ("Bùi Văn Phó", CommitteePosition.DEPUTY_SECRETARY),
                           ("Lý Văn Ủy", CommitteePosition.MEMBER)):
        committees.add_seat(by=SYSTEM, term=term, full_name=name, position=position, start_date=D(2025, 5, 5))
    on = D(2026, 4, 1)
    assert admission_services.committee_members_on(t.cell_a1, on) == 3
    with pytest.raises(RuleViolation) as exc:
        admission_services.record_step(by=SYSTEM, candidate=c, step=Step.COMMITTEE_VOTE, data={
            "committee_meeting_date": on, "committee_members": 9, "votes_for": 8})
    assert codes(exc) == {"admission.committee_members_register"}
    assert exc.value.violations[0].field == "committee_members"
    c = admission_services.record_step(by=SYSTEM, candidate=c, step=Step.COMMITTEE_VOTE, data={
        "committee_meeting_date": on, "committee_members": 3, "votes_for": 2})
    assert c.committee_members == 3


def test_the_count_page_shows_the_same_base(client, cast, cell):
    import time_machine

    client.force_login(cast.officer_a)
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, 0), tick=False):
        response = client.get(reverse("transfers:count", args=[cast.tree.cell_a1.pk]))
    assert response.status_code == 200
    count = response.context["count"]
    base = vote_base(cast.tree.cell_a1, MEETING)
    assert (count.vote_base_minimum, count.vote_base_all_attend) == (base.minimum, base.maximum) == (3, 5)
    assert 'data-testid="vote-base-min">3<' in response.content.decode()
