"""/api/transfers/: the same services, rules and scope as the pages (400 naming the field, 403 for
the wrong side, 404 outside both sides, 409 on a stale version), and the OpenAPI schema."""

import datetime as dt

import pytest

from dangvu.members.models import Member
from dangvu.transfers import services
from dangvu.transfers.kinds import LetterStatus, Purpose, TransferKind
from dangvu.transfers.models import TransferLetter
from tests.api.helpers import results
from tests.clock import TODAY
from tests.members import register
from tests.transfers.conftest import official

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
URL = "/api/transfers/"


def _iso(d):
    return d.isoformat()


def _payload(member, destination, **kw):
    data = {"member": member.pk, "destination": destination.pk, "issue_date": _iso(TODAY - 4 * DAY),
            "basis_date": _iso(TODAY - 8 * DAY), **official()}
    data.update(kw)
    return data


def test_issue_receive_through_the_api(api, cast, more, binh):
    t = cast.tree
    response = api(cast.officer_a).post(URL, _payload(binh, t.cell_b1), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "issued" and body["issued_by_name"] == "Đảng bộ huyện An Lạc" and body["can_cancel"]
    assert not body["can_receive"] and body["presentation_deadline"]
    pk = body["id"]
    # The receiving side lists it as incoming; the sending side as outgoing; a third party does not see it.
    assert [r["id"] for r in results(api(cast.officer_b).get(URL, {"direction": "incoming"}))] == [pk]
    assert [r["id"] for r in results(api(cast.officer_a).get(URL, {"direction": "outgoing"}))] == [pk]
    assert results(api(cast.officer_a).get(URL, {"direction": "incoming"})) == []
    assert results(api(more.officer_c).get(URL)) == []
    assert api(more.officer_c).get(f"{URL}{pk}/").status_code == 404
    assert api(more.officer_c).post(f"{URL}{pk}/receive/", {"receiving_cell": t.cell_b1.pk,
                                                            "received_on": _iso(TODAY)}, format="json").status_code == 404
    # The issuer may not confirm (403); the receiving secretary does.
    response = api(cast.officer_a).post(f"{URL}{pk}/receive/", {"receiving_cell": t.cell_b1.pk, "received_on": _iso(TODAY)},
                                        format="json")
    assert response.status_code == 403
    response = api(more.secretary_b1).post(f"{URL}{pk}/receive/", {"receiving_cell": t.cell_b1.pk,
                                                                   "received_on": _iso(TODAY), "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "received" and response.json()["receiving_cell_name"] == "Chi bộ thôn Bắc"
    assert Member.objects.get(pk=binh.pk).organization == t.cell_b1


def test_rule_violations_answer_400_with_the_field(api, cast, binh):
    response = api(cast.officer_a).post(URL, _payload(binh, cast.tree.cell_a2), format="json")
    assert response.status_code == 400
    body = response.json()
    assert "destination" in body and body["violations"][0]["code"] == "transfer.official_inside"
    response = api(cast.officer_a).post(URL, _payload(binh, cast.tree.cell_b1, kind="temporary", purpose="work",
                                                      period_start=_iso(TODAY), period_end=_iso(TODAY + 60 * DAY)),
                                        format="json")
    assert response.status_code == 400 and "period_end" in response.json()
    assert {v["code"] for v in response.json()["violations"]} == {"transfer.period_too_short"}
    response = api(cast.officer_a).post(URL, {"kind": "sideways"}, format="json")
    assert response.status_code == 400 and {"member", "kind", "number", "issue_date"} <= set(response.json())
    assert not TransferLetter.objects.exists()


def test_ids_resolve_only_within_scope(api, cast, more, binh):
    # officer_b cannot name a member of district A (404-like 400 on the field), nor issue for one.
    response = api(cast.officer_b).post(URL, _payload(binh, cast.tree.cell_b1), format="json")
    assert response.status_code == 400 and "không tồn tại hoặc ngoài phạm vi quyền" in response.json()["member"][0]
    # A secretary sees the member but may not issue: 403.
    response = api(cast.secretary_a1).post(URL, _payload(binh, cast.tree.cell_b1), format="json")
    assert response.status_code == 403


def test_cancel_return_end_and_conflict(api, cast, more, binh):
    t = cast.tree
    letter = services.issue_letter(by=cast.officer_a, member=binh, destination=t.cell_b1, issue_date=TODAY - 3 * DAY,
                                   basis_date=TODAY - 9 * DAY, **official())
    url = f"{URL}{letter.pk}/"
    assert api(cast.officer_b).post(f"{url}cancel/", {"reason": "x"}, format="json").status_code == 403
    assert api(cast.officer_a).post(f"{url}cancel/", {"reason": "x", "version": 7}, format="json").status_code == 409
    response = api(cast.officer_a).post(f"{url}cancel/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = api(cast.officer_a).post(f"{url}cancel/", {"reason": "Không chuyển nữa"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    response = api(more.secretary_b1).post(f"{url}return/", {"reason": "x"}, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "transfer.not_awaiting"
    # A temporary transfer, received, then ended through the API.
    hoa = register("Lê Thị Hoa", t.cell_a2, sex="female")
    start = TODAY - 20 * DAY
    temp = services.issue_letter(by=cast.officer_a, member=hoa, kind=TransferKind.TEMPORARY, number="7-GGT/ĐU",
                                 issue_date=start - DAY, destination=t.cell_b1, basis="Quyết định", basis_date=start - 5 * DAY,
                                 purpose=Purpose.WORK, period_start=start, period_end=start + 150 * DAY, self_review=True)
    temp = services.receive_letter(by=cast.officer_b, letter=temp, receiving_cell=t.cell_b1, received_on=start)
    rows = results(api(cast.officer_b).get(URL, {"direction": "hosted"}))
    assert [r["id"] for r in rows] == [temp.pk] and rows[0]["can_end"]
    response = api(cast.officer_b).post(f"{URL}{temp.pk}/end-temporary/", {"ended_on": _iso(TODAY + DAY)}, format="json")
    assert response.status_code == 400 and "ended_on" in response.json()
    response = api(cast.officer_b).post(f"{URL}{temp.pk}/end-temporary/", {"ended_on": _iso(TODAY)}, format="json")
    assert response.status_code == 200 and response.json()["status"] == LetterStatus.ENDED


def test_filters_and_their_errors(api, cast, binh):
    services.issue_letter(by=cast.officer_a, member=binh, destination=cast.tree.cell_b1, issue_date=dt.date(2026, 1, 20),
                          basis_date=dt.date(2026, 1, 12), **official())
    client = api(cast.admin)
    assert len(results(client.get(URL, {"direction": "overdue"}))) == 1
    assert len(results(client.get(URL, {"direction": "in_transit", "kind": "official"}))) == 1
    assert results(client.get(URL, {"status": "received"})) == []
    assert len(results(client.get(URL, {"member": binh.pk}))) == 1
    response = client.get(URL, {"direction": "up", "status": "lost", "member": "x"})
    assert response.status_code == 400 and set(response.json()) == {"direction", "status", "member"}
    row = results(client.get(URL, {"direction": "overdue"}))[0]
    assert row["overdue"] is True and row["presentation_deadline"] == "2026-03-10"


def test_member_role_sees_only_own_letters(api, cast, binh):
    services.issue_letter(by=cast.officer_a, member=binh, destination=cast.tree.cell_b1, issue_date=TODAY,
                          basis_date=TODAY - 3 * DAY, **official())
    assert results(api(cast.member_a1).get(URL)) == []
    binh.user = cast.member_a1
    binh.save(update_fields=["user"])
    assert len(results(api(cast.member_a1).get(URL))) == 1


def test_anonymous_is_refused(api):
    assert api().get(URL).status_code in (401, 403)


def test_schema_documents_the_endpoints(api, cast):
    response = api(cast.admin).get("/api/schema/", {"format": "json"})
    paths = response.json()["paths"]
    for path in ("/api/transfers/", "/api/transfers/{id}/", "/api/transfers/{id}/receive/", "/api/transfers/{id}/cancel/",
                 "/api/transfers/{id}/return/", "/api/transfers/{id}/end-temporary/"):
        assert path in paths
    assert "post" in paths["/api/transfers/"] and "get" in paths["/api/transfers/"]


def test_endpoint_matrix(api, cast, more, binh):
    """Every endpoint × the cast, without changing anything: an empty body reaches the input check
    (400) only for those on the right side; visible but the wrong side or role is 403, invisible 404."""
    t = cast.tree
    letter = services.issue_letter(by=cast.officer_a, member=binh, destination=t.cell_b1, issue_date=TODAY - 3 * DAY,
                                   basis_date=TODAY - 9 * DAY, **official())
    hoa = register("Lê Thị Hoa", t.cell_a2, sex="female")
    start = TODAY - 20 * DAY
    temp = services.issue_letter(by=cast.officer_a, member=hoa, kind=TransferKind.TEMPORARY, number="7-GGT/ĐU",
                                 issue_date=start - DAY, destination=t.cell_b1, basis="Quyết định", basis_date=start - 5 * DAY,
                                 purpose=Purpose.WORK, period_start=start, period_end=start + 150 * DAY, self_review=True)
    services.receive_letter(by=cast.officer_b, letter=temp, receiving_cell=t.cell_b1, received_on=start)
    users = {"admin": cast.admin, "officer_a": cast.officer_a, "secretary_a1": cast.secretary_a1, "member_a1": cast.member_a1,
             "viewer_a": cast.viewer_a, "officer_b": cast.officer_b, "secretary_b1": more.secretary_b1,
             "officer_c": more.officer_c}
    one, tmp = f"{URL}{letter.pk}/", f"{URL}{temp.pk}/"
    matrix = {
        ("get", URL): [200] * 8,
        ("get", one): [200, 200, 200, 404, 200, 200, 200, 404],
        ("get", tmp): [200, 200, 404, 404, 200, 200, 200, 404],
        ("post", URL): [400, 400, 403, 403, 403, 400, 403, 400],  # officers reach the input check
        ("post", f"{one}receive/"): [400, 403, 403, 404, 403, 400, 400, 404],
        ("post", f"{one}return/"): [400, 403, 403, 404, 403, 400, 400, 404],
        ("post", f"{one}cancel/"): [400, 400, 403, 404, 403, 403, 403, 404],
        ("post", f"{tmp}end-temporary/"): [400, 400, 404, 404, 403, 400, 400, 404],
    }
    failures = []
    for (method, url), expected in matrix.items():
        for (who, user), status in zip(users.items(), expected, strict=True):
            got = getattr(api(user), method)(url, {}, format="json").status_code
            if got != status:
                failures.append(f"{who} {method.upper()} {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)
    assert TransferLetter.objects.get(pk=letter.pk).status == LetterStatus.ISSUED
    assert TransferLetter.objects.get(pk=temp.pk).status == LetterStatus.RECEIVED
    for method, url in matrix:
        assert getattr(api(), method)(url, {}, format="json").status_code in (401, 403)
