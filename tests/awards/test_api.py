"""/api/badges/… and /api/party-cards/…: scope (404 / 400 for ids outside), 403 read-only, rules as 400."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.awards import services
from dangvu.awards.models import BadgeAward, PartyCard
from tests.awards import admitted_on

pytestmark = pytest.mark.django_db
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
D = dt.date


@pytest.fixture
def people(cast):
    return SimpleNamespace(
        a1=admitted_on("Trần Văn Bình", cast.tree.cell_a1, D(1976, 9, 2), party_card_number="12345678"),
        b1=admitted_on("Phạm Văn Cường", cast.tree.cell_b1, D(1996, 5, 1), party_card_number="87654321"),
    )


def _award(people, member=None, milestone=30):
    return services.record_award(by=SYSTEM, member=member or people.a1, milestone=milestone, presentation_on=D(2026, 9, 2),
                                 decision_number="1-QĐ/HU", decision_date=D(2026, 8, 1))


def test_read_matrix(cast, api, people):
    award = _award(people)
    card = services.issue_card(by=SYSTEM, member=people.a1, number="11112222", kind="reissue_lost", issued_on=D(2026, 1, 5),
                               reason="Mất")
    expected = {
        "/api/badges/": [200] * 6,
        "/api/badges/due/?presentation_on=02/09/2026": [200] * 6,
        f"/api/badges/{award.pk}/": [200, 200, 200, 404, 200, 404],
        "/api/party-cards/": [200] * 6,
        f"/api/party-cards/{card.pk}/": [200, 200, 200, 404, 200, 404],
    }
    failures = []
    for url, statuses in expected.items():
        for who, status in zip(CAST, statuses, strict=True):
            got = api(getattr(cast, who)).get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
        assert api().get(url).status_code in (401, 403)
    assert not failures, "\n".join(failures)


def test_lists_hold_only_the_scope(cast, api, people):
    _award(people)
    _award(people, people.b1)
    names = lambda who, url: {r["member_name"] for r in api(getattr(cast, who)).get(url).json()["results"]}  # noqa: E731
    assert names("officer_a", "/api/badges/") == {"Trần Văn Bình"}
    assert names("officer_b", "/api/badges/") == {"Phạm Văn Cường"}
    assert names("admin", "/api/badges/") == {"Trần Văn Bình", "Phạm Văn Cường"}
    assert names("member_a1", "/api/badges/") == set()
    due = api(cast.officer_a).get("/api/badges/due/?presentation_on=2026-09-02").json()
    assert due["count"] == 1 and due["results"][0]["member_name"] == "Trần Văn Bình"
    assert due["results"][0]["milestone"] == 50 and due["results"][0]["overdue"] is False
    assert api(cast.officer_b).get("/api/badges/due/?presentation_on=2026-09-02").json()["count"] == 0


def test_due_parameters(cast, api, people):
    client = api(cast.officer_a)
    response = client.get("/api/badges/due/?presentation_on=31/02/2026")
    assert response.status_code == 400 and "presentation_on" in response.json()
    response = client.get(f"/api/badges/due/?presentation_on=02/09/2026&organization={cast.tree.cell_b1.pk}")
    assert response.status_code == 400 and "ngoài phạm vi quyền" in response.json()["organization"][0]
    assert client.get(f"/api/badges/due/?presentation_on=02/09/2026&organization={cast.tree.cell_a2.pk}").json()["count"] == 0


def test_create_award_matrix(cast, api, people):
    body = {"member": people.a1.pk, "presentation_on": "2026-09-02", "decision_number": "5-QĐ/HU", "decision_date": "2026-08-20"}
    expected = {"admin": (201, 30), "officer_a": (201, 40), "secretary_a1": (403, 45), "member_a1": (400, 45),
                "viewer_a": (403, 45), "officer_b": (400, 45)}
    for who, (status, milestone) in expected.items():
        response = api(getattr(cast, who)).post("/api/badges/", body | {"milestone": milestone}, format="json")
        assert response.status_code == status, (who, response.json())
        if status == 400:
            assert "ngoài phạm vi quyền" in response.json()["member"][0]
    assert sorted(BadgeAward.objects.values_list("milestone", flat=True)) == [30, 40]


def test_create_award_rules_are_400_with_codes(cast, api, people):
    client = api(cast.officer_a)
    body = {"member": people.a1.pk, "milestone": 30, "presentation_on": "2026-09-02", "decision_number": "5-QĐ/HU",
            "decision_date": "2026-08-20"}
    assert client.post("/api/badges/", body, format="json").status_code == 201
    response = client.post("/api/badges/", body, format="json")
    assert response.status_code == 400
    assert [v["code"] for v in response.json()["violations"]] == ["badge.duplicate"]
    response = client.post("/api/badges/", body | {"milestone": 55}, format="json")  # 55 years on 2/9/2031
    assert [(v["code"], v["field"]) for v in response.json()["violations"]] == [("badge.not_reached", "presentation_on")]
    response = client.post("/api/badges/", body | {"milestone": 31}, format="json")
    assert response.status_code == 400 and response.json()["milestone"][0].startswith("Mốc huy hiệu:")


def test_cards_api(cast, api, people):
    client = api(cast.officer_a)
    body = {"member": people.a1.pk, "kind": "reissue_lost", "number": "87654321", "issued_on": "2026-03-01", "reason": "Mất"}
    response = client.post("/api/party-cards/", body, format="json")
    assert response.status_code == 400 and [v["code"] for v in response.json()["violations"]] == ["card.number_taken"]
    response = client.post("/api/party-cards/", body | {"number": "22223333"}, format="json")
    # Numbers are masked for everyone, the officer who issued the card too: the full number is an audited reveal.
    assert response.status_code == 201 and response.json()["number"] == "******33"
    assert response.json()["previous_number"] == "******78"
    card = response.json()["id"]
    shown = client.get(f"/api/party-cards/{card}/?reveal=number,previous_number").json()
    assert (shown["number"], shown["previous_number"]) == ("22223333", "12345678")
    assert AuditEntry.objects.filter(action="members.reveal", actor=cast.officer_a, object_id=str(people.a1.pk)).count() == 2
    for who, status in (("secretary_a1", 403), ("viewer_a", 403), ("officer_b", 400), ("member_a1", 400)):
        got = api(getattr(cast, who)).post("/api/party-cards/", body | {"number": "44445555"}, format="json").status_code
        assert got == status, who
    # A viewer reads the history with the numbers masked.
    rows = api(cast.viewer_a).get("/api/party-cards/").json()["results"]
    assert [r["number"] for r in rows] == ["******33"]
    # …and may not reveal them: refused (403), and the refusal is audited as on the page.
    assert api(cast.viewer_a).get(f"/api/party-cards/{card}/?reveal=number").status_code == 403
    assert AuditEntry.objects.filter(action="members.reveal_refused", actor=cast.viewer_a).count() == 1
    assert api(cast.officer_a).get(f"/api/party-cards/{card}/?reveal=kind").status_code == 400
    assert PartyCard.objects.count() == 1


def test_exchange_api(cast, api, people):
    body = {"organization": cast.tree.cell_a1.pk, "name": "Đổi thẻ CT 51", "numbering": "sequence", "start_number": "30000001",
            "issued_on": "2026-09-01", "decision_number": "100-QĐ/HU", "decision_date": "2026-08-25"}
    dry = api(cast.officer_a).post("/api/party-cards/exchange/", body | {"dry_run": True}, format="json")
    assert dry.status_code == 200 and dry.json()["rows"][0]["new_number"] == "30000001" and not PartyCard.objects.exists()
    assert api(cast.secretary_a1).post("/api/party-cards/exchange/", body, format="json").status_code == 403
    assert api(cast.officer_b).post("/api/party-cards/exchange/", body, format="json").status_code == 400
    done = api(cast.officer_a).post("/api/party-cards/exchange/", body, format="json")
    assert done.status_code == 201 and done.json()["cards"] == 1
    people.a1.refresh_from_db()
    assert people.a1.party_card_number == "30000001"


def test_schema_lists_the_endpoints(cast, api):
    schema = api(cast.admin).get("/api/schema/?format=json").json()
    for path in ("/api/badges/", "/api/badges/due/", "/api/party-cards/", "/api/party-cards/exchange/"):
        assert path in schema["paths"], path
