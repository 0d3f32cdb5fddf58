"""The discipline API: scoped reads (404 outside), the member's own announced decisions, writes through the
services (400 naming the field, 403 for the secretary), in the OpenAPI schema."""


import pytest
from rest_framework.test import APIClient

from dangvu.accounts.models import Role
from dangvu.discipline.models import Proceeding
from tests.conftest import _user
from tests.discipline.conftest import cell_decides, open_for

pytestmark = pytest.mark.django_db


def client_for(user):
    c = APIClient()
    c.force_authenticate(user=user)
    return c


def test_open_decide_and_appeal_through_the_api(people):
    c = client_for(people.inspector)
    body = {"member": people.binh.pk, "opened_on": "2026-10-01", "summary": "Vi phạm", "proposed_form": "reprimand",
            "violations": [{"committed_on": "2021-08-01", "description": "Vi phạm cũ"}]}
    response = c.post("/api/discipline/proceedings/", body, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "discipline.limitation"
    response = c.post("/api/discipline/proceedings/", body | {"violations": [{"committed_on": "2026-08-01",
                                                                               "description": "Vi phạm"}]}, format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    assert c.post(f"/api/discipline/proceedings/{pk}/hearing/", {"heard_on": "2026-10-10"}, format="json").status_code == 200
    response = c.post(f"/api/discipline/proceedings/{pk}/decide/", {
        "form": "reprimand", "body_kind": "cell", "deciding_organization": people.cell.pk, "decided_on": "2026-10-20",
        "votes_for": 2, "vote_base": 3, "announced_on": "2026-10-21"}, format="json")
    assert response.status_code == 200 and response.json()["lapses_on"] == "2027-10-21"
    response = c.post(f"/api/discipline/proceedings/{pk}/appeals/", {
        "appellant": "Trần Văn Bình", "decision_received_on": "2026-10-22", "received_on": "2026-12-01"}, format="json")
    assert response.status_code == 201 and response.json()["appeals"][0]["bars"] == ["late"]
    schema = c.get("/api/schema/").content.decode()
    assert "/api/discipline/proceedings/" in schema and "/api/discipline/notifications/" in schema


def test_scope_of_the_api(people):
    p = cell_decides(people.inspector, open_for(people.inspector, people.an), people.cell)
    url = f"/api/discipline/proceedings/{p.pk}/"
    assert client_for(people.cast.officer_b).get(url).status_code == 404
    assert client_for(people.cast.viewer_a).get(url).status_code == 404
    assert client_for(people.cast.secretary_a1).get(url).status_code == 200
    response = client_for(people.cast.secretary_a1).post(f"{url}appeals/", {  # appeals stay with the officers
        "appellant": "Nguyễn Văn An", "decision_received_on": "2026-10-22", "received_on": "2026-10-25"}, format="json")
    assert response.status_code == 403
    member_user = _user("an_member", "Nguyễn Văn An", people.cell, Role.MEMBER)
    type(people.an).objects.filter(pk=people.an.pk).update(user=member_user)
    assert client_for(member_user).get(url).status_code == 200
    assert [r["id"] for r in client_for(member_user).get("/api/discipline/proceedings/").json()["results"]] == [p.pk]
    assert Proceeding.objects.count() == 1
