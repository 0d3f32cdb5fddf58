"""Discipline services against the register: forms by subject, the vote against the register's base,
limitation, lapse, deferral, hearing, appeals, expulsion through the lifecycle, notifications."""

import datetime as dt

import pytest

from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.discipline import hooks, selectors, services
from dangvu.discipline.kinds import Form, Status, ViolationKind
from dangvu.discipline.models import Proceeding
from dangvu.members.kinds import Status as MemberStatus
from dangvu.organizations.committees import add_seat, create_term
from tests.discipline.conftest import cell_decides, open_for, violation

D = dt.date
pytestmark = pytest.mark.django_db


def codes(exc):
    return {v.code for v in exc.value.violations}


def test_cell_warning_takes_effect_on_announcement_and_lapses_after_twelve_months(people):
    p = open_for(people.inspector, people.an)
    p = cell_decides(people.inspector, p, people.cell)
    assert p.status == Status.ANNOUNCED and p.form_in_force == Form.WARNING
    assert p.lapses_on == D(2027, 10, 21)
    assert selectors.penalty_in_force(people.an, D(2026, 10, 20)) is None
    assert selectors.penalty_in_force(people.an, D(2026, 10, 21)).form == Form.WARNING
    assert selectors.penalty_in_force(people.an, D(2027, 10, 20)).form == Form.WARNING
    assert selectors.penalty_in_force(people.an, D(2027, 10, 21)) is None
    assert [x.form for x in selectors.penalties_in_year(people.an, 2026)] == [Form.WARNING]
    assert selectors.last_penalty(people.an, D(2028, 1, 1)).decided_on == D(2026, 10, 20)


def test_forms_by_subject(people):
    # Probationary member: reprimand and warning only.
    p = open_for(people.inspector, people.chi, form="reprimand")
    services.record_hearing(by=people.inspector, proceeding=p, heard_on=D(2026, 10, 10))
    with pytest.raises(RuleViolation) as exc:
        services.decide(by=people.inspector, proceeding=p, form="expulsion", body_kind="committee",
                        deciding_organization=people.tree.grassroots_a, decided_on=D(2026, 10, 20), votes_for=5, vote_base=9,
                        expulsion_ground="other_discipline")
    assert "discipline.form_subject" in codes(exc)
    # Full member without a committee seat: no removal from post.
    q = open_for(people.inspector, people.binh)
    services.record_hearing(by=people.inspector, proceeding=q, heard_on=D(2026, 10, 10))
    with pytest.raises(RuleViolation) as exc:
        services.decide(by=people.inspector, proceeding=q, form="removal_from_post", body_kind="committee",
                        deciding_organization=people.tree.grassroots_a, decided_on=D(2026, 10, 20), votes_for=5, vote_base=9)
    assert "discipline.no_post" in codes(exc)


def test_removal_from_post_for_a_seat_holder(people):
    term = create_term(by=people.cast.admin, organization=people.tree.grassroots_a, name="2025–2030",
                       start_date=D(2025, 7, 1), size=9)
    add_seat(by=people.cast.admin, term=term, position="member", start_date=D(2025, 7, 1), member=people.binh)
    p = open_for(people.inspector, people.binh)
    services.record_hearing(by=people.inspector, proceeding=p, heard_on=D(2026, 10, 10))
    with pytest.raises(RuleViolation) as exc:  # the base is the committee's size on the date (K4)
        services.decide(by=people.inspector, proceeding=p, form="removal_from_post", body_kind="committee",
                        deciding_organization=people.tree.grassroots_a, decided_on=D(2026, 10, 20), votes_for=5, vote_base=10)
    assert "discipline.vote_base_committee" in codes(exc)


def test_cell_powers(people):
    p = open_for(people.inspector, people.an, higher_level_task=True)
    services.record_hearing(by=people.inspector, proceeding=p, heard_on=D(2026, 10, 10))
    with pytest.raises(RuleViolation) as exc:
        services.decide(by=people.inspector, proceeding=p, form="warning", body_kind="cell_committee",
                        deciding_organization=people.cell, decided_on=D(2026, 10, 20), votes_for=2, vote_base=3)
    assert codes(exc) >= {"discipline.cell_committee"}
    with pytest.raises(RuleViolation) as exc:
        services.decide(by=people.inspector, proceeding=p, form="warning", body_kind="cell",
                        deciding_organization=people.cell, decided_on=D(2026, 10, 20), votes_for=2, vote_base=3)
    assert "discipline.higher_task" in codes(exc)
    with pytest.raises(RuleViolation) as exc:
        services.decide(by=people.inspector, proceeding=p, form="warning", body_kind="cell",
                        deciding_organization=people.tree.cell_a2, decided_on=D(2026, 10, 20), votes_for=2, vote_base=3)
    assert "discipline.cell_own" in codes(exc)


@pytest.mark.parametrize(("votes", "base", "ok"), [(2, 3, True), (1, 3, False), (2, 4, False), (3, 4, True)])
def test_majority_at_the_boundary(people, votes, base, ok):
    p = open_for(people.inspector, people.an)
    services.record_hearing(by=people.inspector, proceeding=p, heard_on=D(2026, 10, 10))
    call = dict(by=people.inspector, proceeding=p, form="warning", body_kind="committee",
                deciding_organization=people.tree.grassroots_a, decided_on=D(2026, 10, 20), votes_for=votes, vote_base=base)
    if ok:
        assert services.decide(**call).status == Status.DECIDED
    else:
        with pytest.raises(RuleViolation) as exc:
            services.decide(**call)
        assert "discipline.vote_majority" in codes(exc)


def test_cell_vote_base_comes_from_the_register(people):
    p = open_for(people.inspector, people.an)
    with pytest.raises(RuleViolation) as exc:  # 3 full members in A1 (Chi is probationary)
        cell_decides(people.inspector, p, people.cell, votes=2, base=2)
    assert "discipline.vote_base_register" in codes(exc)


@pytest.mark.parametrize(("votes", "ok"), [(2, True), (1, False)])
def test_expulsion_needs_two_thirds_proposing_and_passes_through_the_lifecycle(people, votes, ok):
    events = []

    def heard(event, *, by):
        events.append(event)

    hooks.subscribe(heard)
    try:
        _expel(people, votes, ok, events)
    finally:
        hooks.unsubscribe(heard)


def _expel(people, votes, ok, events):
    p = open_for(people.inspector, people.an, form="expulsion", kind=ViolationKind.EXPULSION_LEVEL)
    if not ok:
        with pytest.raises(RuleViolation) as exc:
            services.record_proposal(by=people.inspector, proceeding=p, proposal_body=people.cell,
                                     proposal_on=D(2026, 10, 5), votes_for=votes, vote_base=3)
        assert "discipline.proposal_two_thirds" in codes(exc)
        return
    services.record_proposal(by=people.inspector, proceeding=p, proposal_body=people.cell, proposal_on=D(2026, 10, 5),
                             votes_for=votes, vote_base=3)
    services.record_hearing(by=people.inspector, proceeding=p, invitations_declined=2)
    p = services.decide(by=people.inspector, proceeding=p, form="expulsion", body_kind="standing_committee",
                        deciding_organization=people.tree.district_a, decided_on=D(2026, 10, 20), votes_for=4, vote_base=7,
                        decision_number="12-QĐ/HU", expulsion_ground="other_discipline", announced_on=D(2026, 10, 25))
    people.an.refresh_from_db()
    assert people.an.status == MemberStatus.EXPELLED
    event = people.an.events.get(event_type="expelled")
    assert event.effective_date == D(2026, 10, 25) and event.ground == "other_discipline" and event.decision_number == "12-QĐ/HU"
    assert p.lapses_on is None
    assert events[-1].event == hooks.ANNOUNCED and events[-1].form == Form.EXPULSION and events[-1].violation_years == (2026,)


def test_hearing_required(people):
    p = open_for(people.inspector, people.an)
    with pytest.raises(RuleViolation) as exc:
        services.decide(by=people.inspector, proceeding=p, form="warning", body_kind="cell", deciding_organization=people.cell,
                        decided_on=D(2026, 10, 20), votes_for=2, vote_base=3)
    assert "discipline.not_heard" in codes(exc)


@pytest.mark.parametrize(("opened", "ok"), [(D(2026, 7, 31), True), (D(2026, 8, 1), False)])
def test_limitation_five_years_to_the_day(people, opened, ok):
    call = dict(on=opened, form="reprimand", committed=D(2021, 8, 1))
    if ok:
        open_for(people.inspector, people.an, **call)
    else:
        with pytest.raises(RuleViolation) as exc:
            open_for(people.inspector, people.an, **call)
        assert "discipline.limitation" in codes(exc)


def test_limitation_restarted_by_a_new_violation_and_none_for_expulsion_level(people):
    p = services.open_proceeding(by=people.inspector, member=people.an, opened_on=D(2026, 10, 1), summary="Hai vi phạm",
                                 proposed_form="reprimand", violations=[violation(D(2021, 1, 10)), violation(D(2025, 3, 1))])
    assert p.pk
    with pytest.raises(RuleViolation):
        open_for(people.inspector, people.binh, form="warning", committed=D(2016, 1, 1))
    assert open_for(people.inspector, people.binh, form="warning", committed=D(2016, 1, 1),
                    kind=ViolationKind.INTERNAL_POLITICAL).pk


def test_deferral(people):
    p = open_for(people.inspector, people.chi, form="reprimand")
    p = services.defer(by=people.inspector, proceeding=p, reason="nursing", until=None, on=D(2026, 10, 5),
                       child_born_on=D(2026, 5, 1))
    assert p.deferred_until == D(2027, 5, 1) and p.status == Status.DEFERRED
    services.record_hearing(by=people.inspector, proceeding=p, heard_on=D(2026, 10, 10))
    with pytest.raises(RuleViolation) as exc:
        services.decide(by=people.inspector, proceeding=p, form="reprimand", body_kind="cell", deciding_organization=people.cell,
                        decided_on=D(2026, 11, 20), votes_for=2, vote_base=3)
    assert "discipline.deferred" in codes(exc)


def test_new_violation_stops_the_lapse(people):
    p = cell_decides(people.inspector, open_for(people.inspector, people.an), people.cell)
    open_for(people.inspector, people.an, on=D(2026, 12, 1), committed=D(2026, 11, 15))
    p.refresh_from_db()
    assert p.lapses_on is None and p.lapse_stopped_on == D(2026, 11, 15)
    assert selectors.penalty_in_force(people.an, D(2030, 1, 1)).proceeding_id == p.pk


@pytest.mark.parametrize(("received", "handled"), [(D(2026, 11, 21), True), (D(2026, 11, 22), False)])
def test_appeal_deadline(people, received, handled):
    p = cell_decides(people.inspector, open_for(people.inspector, people.an), people.cell)
    a = services.receive_appeal(by=people.inspector, proceeding=p, appellant="Nguyễn Văn An",
                                decision_received_on=D(2026, 10, 22), received_on=received)
    assert a.handled is handled
    p.refresh_from_db()
    if handled:
        assert p.lapses_on is None  # lapse waits for the appeal decision
    else:
        assert a.bars == ["late"] and p.lapses_on == D(2027, 10, 21)
        with pytest.raises(RuleViolation) as exc:
            services.decide_appeal(by=people.inspector, appeal=a, outcome="uphold", decided_on=D(2026, 12, 1),
                                   announced_on=D(2026, 12, 2))
        assert "appeal.not_handled" in codes(exc)


def test_appeal_change_and_cancel(people):
    p = cell_decides(people.inspector, open_for(people.inspector, people.an), people.cell)
    a = services.receive_appeal(by=people.inspector, proceeding=p, appellant="Nguyễn Văn An",
                                decision_received_on=D(2026, 10, 22), received_on=D(2026, 11, 1))
    services.decide_appeal(by=people.inspector, appeal=a, outcome="change", new_form="reprimand", decided_on=D(2026, 11, 20),
                           announced_on=D(2026, 11, 25), decision_number="05-QĐ/UBKT")
    p.refresh_from_db()
    assert p.decided_form == Form.WARNING and p.form_in_force == Form.REPRIMAND and p.lapses_on == D(2027, 11, 25)
    q = cell_decides(people.inspector, open_for(people.inspector, people.binh), people.cell)
    b = services.receive_appeal(by=people.inspector, proceeding=q, appellant="Trần Văn Bình",
                                decision_received_on=D(2026, 10, 22), received_on=D(2026, 11, 1))
    services.decide_appeal(by=people.inspector, appeal=b, outcome="cancel", decided_on=D(2026, 11, 20),
                           announced_on=D(2026, 11, 25))
    assert selectors.penalty_in_force(people.binh, D(2026, 11, 24)) is not None
    assert selectors.penalty_in_force(people.binh, D(2026, 11, 25)) is None


def test_outsider_may_not_open(people):
    with pytest.raises(PermissionDeniedInScope):
        open_for(people.cast.officer_b, people.an)
    with pytest.raises(PermissionDeniedInScope):  # the secretary: only the cell's own reprimands and warnings (K2)
        open_for(people.cast.secretary_a1, people.an, form="expulsion")
    assert not Proceeding.objects.exists()


def test_notification_late_is_recorded(people):
    n = services.record_notification(by=people.inspector, member=people.an, body_kind="state", body_name="UBND xã An Lạc",
                                     measure="Khiển trách (kỷ luật công chức)", decision_date=D(2026, 11, 1),
                                     received_on=D(2026, 11, 7))
    assert n.late
    ok = services.record_notification(by=people.inspector, member=people.binh, body_kind="front", body_name="MTTQ xã",
                                      measure="Cảnh cáo", decision_date=D(2026, 11, 1), received_on=D(2026, 11, 6))
    assert not ok.late
