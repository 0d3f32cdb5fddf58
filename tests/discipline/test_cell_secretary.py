"""K2: a cell reprimands or warns its own members, except for tasks assigned by a higher level; the cell's secretary
records those proceedings (open, hear, decide, announce) through the services, the pages and the API. Everything
else stays with the officers: other forms, a higher-level task, another cell, organizations, proposals, appeals,
notifications, a decision by another body."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts.models import Role
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.discipline import services
from dangvu.discipline.kinds import Status
from dangvu.discipline.models import Proceeding
from tests.conftest import _user
from tests.discipline.conftest import cell_decides, open_for, violation

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(people):
    return people.cast.secretary_a1


def test_the_secretary_records_the_cells_own_warning(people, secretary):
    p = open_for(secretary, people.an, form="warning")
    p = cell_decides(secretary, p, people.cell, form="warning", announced=None)
    assert p.status == Status.DECIDED and p.deciding_organization_id == people.cell.pk
    p = services.announce(by=secretary, proceeding=p, announced_on=D(2026, 10, 21))
    assert p.status == Status.ANNOUNCED and p.lapses_on == D(2027, 10, 21)
    assert AuditEntry.objects.filter(action="discipline.decide", actor_label__contains="Trần Thị Bình").exists()


@pytest.mark.parametrize(("case", "kw"), [
    ("expulsion proposed", dict(form="expulsion")),
    ("removal from post", dict(form="removal_from_post")),
    ("task of a higher level", dict(form="warning", higher_level_task=True)),
])
def test_the_secretary_may_not_open_what_the_cell_does_not_decide(people, secretary, case, kw):
    with pytest.raises(PermissionDeniedInScope) as exc:
        open_for(secretary, people.an, **kw)
    assert "chỉ ghi việc kỷ luật khiển trách, cảnh cáo" in str(exc.value), case
    assert not Proceeding.objects.exists()


def test_permission_matrix(people, secretary):
    other_secretary = _user("secretary_a2", "Bí thư A2", people.tree.cell_a2, Role.CELL_SECRETARY)
    own = open_for(people.inspector, people.binh, form="reprimand")
    higher = open_for(people.inspector, people.cuong, form="warning", higher_level_task=True)
    services.record_hearing(by=people.inspector, proceeding=higher, heard_on=D(2026, 10, 10))
    # Another cell's secretary, the secretary on a higher-level task, or on an organization: refused.
    with pytest.raises(PermissionDeniedInScope):
        services.record_hearing(by=other_secretary, proceeding=own, heard_on=D(2026, 10, 10))
    with pytest.raises(PermissionDeniedInScope):
        open_for(other_secretary, people.an)
    with pytest.raises(PermissionDeniedInScope):
        services.decide(by=secretary, proceeding=higher, form="warning", body_kind="cell", deciding_organization=people.cell,
                        decided_on=D(2026, 10, 20), votes_for=3, vote_base=3)
    with pytest.raises(PermissionDeniedInScope):
        services.open_proceeding(by=secretary, subject_organization=people.cell, opened_on=D(2026, 10, 1), summary="x",
                                 proposed_form="reprimand", violations=[violation(D(2026, 8, 1))])
    # On the cell's own case: a decision by another body or of another form is the officers'.
    services.record_hearing(by=secretary, proceeding=own, heard_on=D(2026, 10, 10))
    with pytest.raises(PermissionDeniedInScope):
        services.decide(by=secretary, proceeding=own, form="reprimand", body_kind="committee",
                        deciding_organization=people.tree.grassroots_a, decided_on=D(2026, 10, 20), votes_for=3, vote_base=5)
    with pytest.raises(PermissionDeniedInScope):
        services.record_proposal(by=secretary, proceeding=own, proposal_body=people.cell, proposal_on=D(2026, 10, 5),
                                 votes_for=3, vote_base=3)
    p = services.decide(by=secretary, proceeding=own, form="reprimand", body_kind="cell", deciding_organization=people.cell,
                        decided_on=D(2026, 10, 20), votes_for=2, vote_base=3, announced_on=D(2026, 10, 21))
    # Appeals and notifications stay with the officers.
    with pytest.raises(PermissionDeniedInScope):
        services.receive_appeal(by=secretary, proceeding=p, appellant="Trần Văn Bình",
                                decision_received_on=D(2026, 10, 22), received_on=D(2026, 10, 25))
    with pytest.raises(PermissionDeniedInScope):
        services.record_notification(by=secretary, member=people.an, body_kind="state", body_name="UBND xã",
                                     measure="Khiển trách", decision_date=D(2026, 11, 1), received_on=D(2026, 11, 2))
    # The organization officer of the district still does everything.
    assert services.may_act(people.cast.officer_a, higher) and not services.may_act(secretary, higher)
    assert services.may_act(secretary, p) and not services.may_act(other_secretary, p)


def test_the_secretary_through_the_pages(client, people, secretary):
    client.force_login(secretary)
    response = client.post(reverse("discipline:add") + f"?cell={people.cell.pk}", {
        "member": people.an.pk, "opened_on": "01/10/2026", "summary": "Vi phạm tư cách đảng viên", "proposed_form": "warning",
        "violation_kind": "ordinary", "committed_on": "01/08/2026", "violation": "Vi phạm quy định"})
    assert response.status_code == 302, response.content.decode()[:2000]
    p = Proceeding.objects.get(member=people.an)
    detail = client.get(reverse("discipline:detail", args=[p.pk])).content.decode()
    assert 'data-testid="discipline-cell-actions"' in detail and reverse("discipline:proposal", args=[p.pk]) not in detail
    assert client.get(reverse("discipline:proposal", args=[p.pk])).status_code == 403
    assert client.post(reverse("discipline:hearing", args=[p.pk]), {"version": p.version, "heard_on": "10/10/2026",
                                                                   "invitations_declined": 0}).status_code == 302
    p.refresh_from_db()
    response = client.post(reverse("discipline:decide", args=[p.pk]), {
        "version": p.version, "decided_form": "warning", "body_kind": "cell", "deciding_organization": people.cell.pk,
        "decided_on": "20/10/2026", "votes_for": 2, "vote_base": 3, "decision_number": "03-QĐ/CB",
        "announced_on": "21/10/2026"})
    assert response.status_code == 302, response.content.decode()[:3000]
    p.refresh_from_db()
    assert p.status == Status.ANNOUNCED and p.decision_number == "03-QĐ/CB"


def test_the_secretary_through_the_api(people, secretary):
    c = APIClient()
    c.force_authenticate(user=secretary)
    body = {"member": people.an.pk, "opened_on": "2026-10-01", "summary": "Vi phạm", "proposed_form": "reprimand",
            "violations": [{"committed_on": "2026-08-01", "description": "Vi phạm"}]}
    assert c.post("/api/discipline/proceedings/", body | {"proposed_form": "expulsion"}, format="json").status_code == 403
    response = c.post("/api/discipline/proceedings/", body, format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    assert c.post(f"/api/discipline/proceedings/{pk}/hearing/", {"heard_on": "2026-10-10"}, format="json").status_code == 200
    decide = {"form": "reprimand", "body_kind": "cell", "deciding_organization": people.cell.pk, "decided_on": "2026-10-20",
              "votes_for": 2, "vote_base": 3, "announced_on": "2026-10-21"}
    assert c.post(f"/api/discipline/proceedings/{pk}/decide/", decide | {
        "body_kind": "committee", "deciding_organization": people.tree.grassroots_a.pk}, format="json").status_code == 403
    response = c.post(f"/api/discipline/proceedings/{pk}/decide/", decide, format="json")
    assert response.status_code == 200 and response.json()["lapses_on"] == "2027-10-21"
    assert c.post(f"/api/discipline/proceedings/{pk}/proposal/", {}, format="json").status_code == 403
