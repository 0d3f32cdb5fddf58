"""An appeal decision that cancels an expulsion, or changes it to a lighter form, returns the member to the party
through the register's lifecycle (members.services.annul_expulsion): the "expelled" event is marked annulled by
the appeal decision, the history replays as if never expelled (as-of counts of the dates in between, party age),
the record page shows the member back and the annulled event struck through; a lighter form takes effect."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import RuleViolation
from dangvu.discipline import selectors, services
from dangvu.discipline.kinds import Form, Status, ViolationKind
from dangvu.members import services as member_services
from dangvu.members.kinds import Status as MemberStatus
from dangvu.members.models import MembershipEvent
from dangvu.members.selectors import in_party_under_on, state_on
from tests.discipline.conftest import open_for

D = dt.date
pytestmark = pytest.mark.django_db


def codes(exc):
    return {v.code for v in exc.value.violations}


def _expel(people):
    p = open_for(people.inspector, people.an, form="expulsion", kind=ViolationKind.EXPULSION_LEVEL)
    services.record_proposal(by=people.inspector, proceeding=p, proposal_body=people.cell, proposal_on=D(2026, 10, 5),
                             votes_for=3, vote_base=3)
    services.record_hearing(by=people.inspector, proceeding=p, heard_on=D(2026, 10, 10))
    p = services.decide(by=people.inspector, proceeding=p, form="expulsion", body_kind="standing_committee",
                        deciding_organization=people.tree.district_a, decided_on=D(2026, 10, 20), votes_for=4, vote_base=7,
                        decision_number="12-QĐ/HU", expulsion_ground="other_discipline", announced_on=D(2026, 10, 25))
    appeal = services.receive_appeal(by=people.inspector, proceeding=p, appellant="Nguyễn Văn An",
                                     decision_received_on=D(2026, 10, 26), received_on=D(2026, 11, 2),
                                     handling_body="Ủy ban Kiểm tra Tỉnh ủy")
    people.an.refresh_from_db()
    assert people.an.status == MemberStatus.EXPELLED
    return p, appeal


def _figures(people, between):
    from dangvu.core.figures import Window
    from dangvu.statistics import engine

    total = engine.value(Window.on(people.tree.district_a, between), "members.total").value
    expelled = engine.value(Window.year(people.tree.district_a, 2026), "members.expelled").value
    return total, expelled


def test_cancelled_expulsion_restores_membership_as_if_never_expelled(people, client):
    between = D(2026, 11, 10)
    before_count = in_party_under_on(people.cell, between)
    total_before, _ = _figures(people, between)
    p, appeal = _expel(people)
    assert state_on(people.an, between) is None
    assert in_party_under_on(people.cell, between) == before_count - 1
    assert _figures(people, between) == (total_before - 1, 1)
    services.decide_appeal(by=people.inspector, appeal=appeal, outcome="cancel", decided_on=D(2026, 11, 20),
                           announced_on=D(2026, 11, 25), decision_number="07-QĐ/UBKT")
    an = people.an
    an.refresh_from_db()
    assert an.status == MemberStatus.FULL and an.organization_id == people.cell.pk and an.days_outside == 0
    state = state_on(an, between)  # the dates in between: in the party, in their cell
    assert state is not None and state.status == MemberStatus.FULL and state.organization_id == people.cell.pk
    assert in_party_under_on(people.cell, between) == before_count
    assert _figures(people, between) == (total_before, 0)  # the statistics of the dates in between, and the year's flows
    assert not an.states.filter(valid_from__gt=D(2026, 10, 1)).exists()  # no break at the expulsion or the annulment
    assert not an.events.filter(event_type="expelled").exists()  # flows, exports and replay read it as never happened
    expelled = MembershipEvent.with_annulled.get(member=an, event_type="expelled")  # nothing overwritten
    assert (expelled.effective_date, expelled.decision_number) == (D(2026, 10, 25), "12-QĐ/HU")
    assert (expelled.annulled_on, expelled.annulment_number, expelled.annulment_date) == (D(2026, 11, 25), "07-QĐ/UBKT",
                                                                                          D(2026, 11, 20))
    assert expelled.annulment_body == "Ủy ban Kiểm tra Tỉnh ủy"
    entry = AuditEntry.objects.get(action="members.expulsion_annulled")
    assert entry.object_id == str(an.pk) and "07-QĐ/UBKT" in entry.note
    p.refresh_from_db()
    assert p.status == Status.CANCELLED and selectors.penalty_in_force(an, D(2026, 11, 25)) is None

    client.force_login(people.cast.officer_a)
    page = client.get(reverse("members:detail", args=[an.pk])).content.decode()
    assert "Chính thức" in page or "chính thức" in page
    history = client.get(reverse("members:detail", args=[an.pk]) + "?tab=events").content.decode()
    assert 'data-testid="annulled-event"' in history and "Đã hủy bỏ từ ngày 25/11/2026" in history
    assert "07-QĐ/UBKT" in history


def test_expulsion_changed_to_warning_on_appeal_takes_effect_and_restores(people):
    p, appeal = _expel(people)
    services.decide_appeal(by=people.inspector, appeal=appeal, outcome="change", new_form="warning",
                           decided_on=D(2026, 11, 20), announced_on=D(2026, 11, 25), decision_number="08-QĐ/UBKT")
    people.an.refresh_from_db()
    assert people.an.status == MemberStatus.FULL and people.an.organization_id == people.cell.pk
    p.refresh_from_db()
    assert p.form_in_force == Form.WARNING and p.lapses_on == D(2027, 11, 25)  # K7 from the appeal decision
    assert selectors.penalty_in_force(people.an, D(2026, 12, 1)).form == Form.WARNING


def test_raising_to_expulsion_on_appeal_stays_refused(people):
    from tests.discipline.conftest import cell_decides

    p = cell_decides(people.inspector, open_for(people.inspector, people.binh), people.cell)
    a = services.receive_appeal(by=people.inspector, proceeding=p, appellant="Trần Văn Bình",
                                decision_received_on=D(2026, 10, 22), received_on=D(2026, 11, 1))
    with pytest.raises(RuleViolation) as exc:
        services.decide_appeal(by=people.inspector, appeal=a, outcome="change", new_form="expulsion",
                               decided_on=D(2026, 11, 20), announced_on=D(2026, 11, 25))
    assert "appeal.expulsion_change" in codes(exc)


def test_only_an_expulsion_can_be_annulled(people):
    with pytest.raises(RuleViolation) as exc:
        member_services.annul_expulsion(by=people.cast.officer_a, member=people.binh, on=D(2026, 11, 25),
                                        decision=member_services.Decision(number="07-QĐ/UBKT"))
    assert "event.annul_not_expelled" in codes(exc)
    assert "không phải là khai trừ" in str(exc.value.violations[0].message)
