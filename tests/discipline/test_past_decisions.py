"""record_past_decision: a decision taken before the application, recorded decided and announced in one step with
the consequences of decide/announce; refused only where it cannot have been; one removal per expulsion."""

import datetime as dt

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.core.figures import Window
from dangvu.discipline import hooks, services
from dangvu.discipline.kinds import Form, Status
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.members.kinds import Status as MemberStatus
from dangvu.members.models import MembershipEvent
from dangvu.statistics import engine
from tests.conftest import SYSTEM

D = dt.date
pytestmark = pytest.mark.django_db


def past(by, *, member=None, organization=None, form="warning", body="cell", deciding=None, decided=D(2018, 10, 10),
         announced=D(2018, 10, 12), number="01-QĐ/CB", **kw):
    return services.record_past_decision(by=by, member=member, subject_organization=organization, form=form,
                                         summary="Vi phạm tư cách đảng viên", body_kind=body, deciding_organization=deciding,
                                         decided_on=decided, announced_on=announced, decision_number=number, **kw)


def codes(exc):
    return {v.code for v in exc.value.violations}


@pytest.fixture
def heard():
    events = []

    def listen(event, *, by):
        events.append(event)

    hooks.subscribe(listen)
    yield events
    hooks.unsubscribe(listen)


def test_a_past_warning_is_announced_lapses_and_counts_in_its_year(people, heard):
    p = past(people.inspector, member=people.an, deciding=people.cell, committed_on=D(2018, 8, 15))
    assert (p.status, p.form_in_force, p.organization, p.lapses_on) == (Status.ANNOUNCED, Form.WARNING, people.cell,
                                                                        D(2019, 10, 12))
    assert [v.committed_on for v in p.violations.all()] == [D(2018, 8, 15)]
    assert [(e.event, e.form, e.effective_on, e.violation_years) for e in heard] == [
        (hooks.ANNOUNCED, Form.WARNING, D(2018, 10, 12), (2018,))]
    assert list(AuditEntry.objects.filter(object_id=str(p.pk), action__startswith="discipline.")
                .order_by("id").values_list("action", flat=True)) == ["discipline.record_past", "discipline.announce"]
    window = Window(people.tree.district_a, D(2018, 1, 1), D(2018, 12, 31))
    assert engine.counts(window, ["discipline.members", "discipline.members.by_form.warning", "discipline.members.by_body.cell"]) \
        == {"discipline.members": 1, "discipline.members.by_form.warning": 1, "discipline.members.by_body.cell": 1}
    assert engine.counts(Window(people.tree.district_a, D(2019, 1, 1), D(2019, 12, 31)), ["discipline.lapses"]) == {
        "discipline.lapses": 1}


def test_without_announcement_it_stays_decided(people, heard):
    p = past(people.inspector, member=people.an, deciding=people.cell, announced=None)
    assert p.status == Status.DECIDED and p.announced_on is None and heard == []


def test_an_expulsion_records_the_removal_through_the_register(people, heard):
    p = past(people.inspector, member=people.binh, form="expulsion", body="standing_committee",
             deciding=people.tree.district_a, decided=D(2020, 5, 10), announced=D(2020, 5, 20), number="15-QĐ/HU",
             expulsion_ground="corruption")
    people.binh.refresh_from_db()
    assert people.binh.status == MemberStatus.EXPELLED and p.lapses_on is None
    event = MembershipEvent.objects.get(member=people.binh, event_type=EventType.EXPELLED)
    assert (event.effective_date, event.decision_number, event.ground) == (D(2020, 5, 20), "15-QĐ/HU", "corruption")
    assert heard[0].form == Form.EXPULSION
    # the register's figures of that year read the removal (the statistics of a past year are right)
    district = people.tree.district_a
    assert engine.value(Window.year(district, 2020), "members.expelled").value == 1
    assert engine.value(Window.year(district, 2020), "discipline.members.by_form.expulsion").value == 1
    assert engine.value(Window.on(district, D(2020, 5, 19)), "members.total").value == \
        engine.value(Window.on(district, D(2020, 5, 20)), "members.total").value + 1


def _expel(member, on, number="15-QĐ/HU"):
    member_services.record_event(by=SYSTEM, member=member, event_type=EventType.EXPELLED, effective_date=on, authorized=True,
                                 decision=member_services.Decision(number=number, date=on, body="Huyện ủy", ground="corruption"))


def test_an_expulsion_already_in_the_register_is_its_removal_never_a_second_one(people):
    _expel(people.binh, D(2020, 5, 20))
    kw = dict(member=people.binh, form="expulsion", body="standing_committee", deciding=people.tree.district_a,
              number="15-QĐ/HU")
    with pytest.raises(RuleViolation) as exc:  # announced on another day than the register's expulsion
        past(people.inspector, decided=D(2020, 5, 10), announced=D(2020, 5, 25), **kw)
    assert "discipline.expulsion_recorded" in codes(exc)
    with pytest.raises(RuleViolation) as exc:  # not announced while the register has it expelled
        past(people.inspector, decided=D(2020, 5, 10), announced=None, **kw)
    assert "discipline.expulsion_recorded" in codes(exc)
    with pytest.raises(RuleViolation) as exc:  # another decision number than the register's
        past(people.inspector, decided=D(2020, 5, 10), announced=D(2020, 5, 20), **kw | {"number": "16-QĐ/HU"})
    assert codes(exc) == {"discipline.expulsion_number"}
    # decided and announced on the day of the removal: the standing is read the day before; the ground is the register's
    p = past(people.inspector, decided=D(2020, 5, 20), announced=D(2020, 5, 20), **kw)
    assert p.expulsion_ground == "corruption" and p.status == Status.ANNOUNCED
    assert MembershipEvent.objects.filter(member=people.binh, event_type=EventType.EXPELLED).count() == 1


def test_refused_only_what_cannot_have_been(people):
    by, cell = people.inspector, people.cell
    cases = [
        (dict(member=people.an, deciding=cell, decided=D(2026, 12, 4), announced=None), "discipline.decided_on"),
        (dict(member=people.an, deciding=cell, announced=D(2018, 10, 1)), "discipline.announce_before"),
        (dict(member=people.an, deciding=cell, decided=D(2009, 1, 5), announced=D(2009, 1, 6)), "discipline.not_in_party"),
        (dict(member=people.an, deciding=cell, form="suspension"), "discipline.form"),
        (dict(member=people.chi, deciding=people.tree.district_a, body="standing_committee", form="expulsion",
              decided=D(2026, 11, 1), announced=D(2026, 11, 2), expulsion_ground="corruption"), "discipline.form_subject"),
        (dict(member=people.an, deciding=cell, form="expulsion", expulsion_ground="corruption"), "discipline.cell_forms"),
        (dict(member=people.an, deciding=people.tree.cell_a2), "discipline.cell_own"),
        (dict(member=people.an, deciding=cell, body="cell_committee"), "discipline.cell_committee"),
        (dict(member=people.an, deciding=people.tree.district_a, body="standing_committee", form="removal_from_post"),
         "discipline.no_post"),
        (dict(member=people.an, deciding=people.tree.district_a, body="standing_committee", form="expulsion"),
         "discipline.expulsion_ground"),
        (dict(organization=people.tree.cell_a2, deciding=people.tree.district_a, body="standing_committee"),
         "discipline.org_superior"),
        (dict(member=people.an, deciding=cell, committed_on=D(2019, 1, 1)), "discipline.violation_future"),
    ]
    for kw, code in cases:
        with pytest.raises(RuleViolation) as exc:
            past(by, **kw)
        assert code in codes(exc), (kw, codes(exc))
    assert not people.an.discipline_proceedings.exists()
    # a post named by the file is enough for removal from post (the committees of old years may not be recorded)
    p = past(by, member=people.an, deciding=people.tree.district_a, body="standing_committee", form="removal_from_post",
             post="Phó Bí thư Chi bộ thôn Đông")
    assert p.post == "Phó Bí thư Chi bộ thôn Đông"
    with pytest.raises(RuleViolation) as exc:  # the same decision twice
        past(by, member=people.an, deciding=people.tree.district_a, body="standing_committee", form="removal_from_post",
             post="Phó Bí thư Chi bộ thôn Đông")
    assert codes(exc) == {"discipline.past_recorded"}
    org = past(by, organization=people.tree.cell_a2, deciding=people.tree.grassroots_a, body="standing_committee",
               form="reprimand", number="3-QĐ/ĐU")
    assert org.organization == people.tree.cell_a2 and org.status == Status.ANNOUNCED


def test_only_who_decides_discipline_there(people):
    for user in (people.cast.secretary_a1, people.cast.officer_b, people.cast.viewer_a):
        with pytest.raises(PermissionDeniedInScope):
            past(user, member=people.an, deciding=people.cell)
    assert past(people.cast.officer_a, member=people.an, deciding=people.cell).status == Status.ANNOUNCED


def test_its_page_and_decision_document(client, people):
    from django.urls import reverse

    p = past(people.inspector, member=people.an, deciding=people.cell, committed_on=D(2018, 8, 15))
    client.force_login(people.inspector)
    body = client.get(reverse("discipline:detail", args=[p.pk])).content.decode()
    assert "01-QĐ/CB" in body and "12/10/2018" in body
    response = client.get(reverse("discipline:decision_docx", args=[p.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
