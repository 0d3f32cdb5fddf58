"""Committee terms and seats through the API."""

import pytest

from dangvu.organizations.models import CommitteeMember, CommitteeTerm
from tests.api.helpers import results

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_for_tests")]

TERMS = "/api/committee-terms/"


def _term(client, org, **extra):
    return client.post(TERMS, {"organization": org.pk, "name": "2020–2025", "start_date": "15/07/2020", **extra}, format="json")


def _seat(client, term_id, **extra):
    data = {"full_name": "Nguyễn Văn Bình", "position": "secretary", "start_date": "15/07/2020", **extra}
    return client.post(f"{TERMS}{term_id}/seats/", data, format="json")


def test_term_and_seats_lifecycle(cast, api):
    officer_a = api(cast.officer_a)
    response = _term(officer_a, cast.tree.grassroots_a, congress_resolution="NQ ĐH lần thứ XX")
    assert response.status_code == 201, response.json()
    term = response.json()
    assert term["organization"] == cast.tree.grassroots_a.pk and term["organization_name"] == "Đảng bộ xã An Lạc"
    assert term["start_date"] == "2020-07-15" and term["end_date"] is None and term["can_change"] is True

    assert _seat(officer_a, term["id"]).status_code == 201
    assert _seat(officer_a, term["id"], full_name="Lê Thị Hoa", position="deputy_secretary").status_code == 201

    # A second secretary while the first still holds the seat is refused by the rule (Điều lệ Đảng).
    second = _seat(officer_a, term["id"], full_name="Trần Văn Cường", start_date="01/01/2022")
    assert second.status_code == 400
    body = second.json()
    assert "Nguyễn Văn Bình" in body["position"][0]
    assert body["violations"][0]["code"] == "seat.single" and body["violations"][0]["source"] == "Điều lệ Đảng"
    assert CommitteeMember.objects.filter(position="secretary").count() == 1

    seats = officer_a.get(f"{TERMS}{term['id']}/seats/").json()
    assert [(s["full_name"], s["position_label"]) for s in seats] == [
        ("Nguyễn Văn Bình", "Bí thư"), ("Lê Thị Hoa", "Phó Bí thư")]

    # The secretary leaves; then a successor can be recorded.
    ended = officer_a.post(f"/api/committee-seats/{seats[0]['id']}/end/", {"end_date": "31/12/2021", "reason": "Nghỉ hưu"},
                           format="json")
    assert ended.status_code == 200, ended.json()
    assert ended.json()["end_date"] == "2021-12-31" and ended.json()["end_reason"] == "Nghỉ hưu"
    again = officer_a.post(f"/api/committee-seats/{seats[0]['id']}/end/", {"end_date": "01/01/2022"}, format="json")
    assert again.status_code == 400 and again.json()["violations"][0]["code"] == "seat.ended"
    assert _seat(officer_a, term["id"], full_name="Trần Văn Cường", start_date="01/01/2022").status_code == 201

    listed = results(officer_a.get(TERMS, {"organization": cast.tree.grassroots_a.pk}))
    assert [t["id"] for t in listed] == [term["id"]]
    assert officer_a.get(f"{TERMS}{term['id']}/").json()["name"] == "2020–2025"
    # The organization's own history records the committee changes.
    history = results(officer_a.get(f"/api/organizations/{cast.tree.grassroots_a.pk}/history/"))
    assert sum(1 for e in history if e["action"] == "organizations.committee_change") == 5


def test_new_term_closes_the_open_one(cast, api):
    officer_a = api(cast.officer_a)
    first = _term(officer_a, cast.tree.grassroots_a).json()
    second = _term(officer_a, cast.tree.grassroots_a, name="2025–2030", start_date="2025-07-20")
    assert second.status_code == 201
    assert officer_a.get(f"{TERMS}{first['id']}/").json()["end_date"] == "2025-07-20"
    overlap = _term(officer_a, cast.tree.grassroots_a, name="2024", start_date="01/01/2024", end_date="01/06/2024")
    assert overlap.status_code == 400 and overlap.json()["violations"][0]["code"] == "term.overlap"
    assert "start_date" in overlap.json()


def test_term_scope(cast, api):
    term = CommitteeTerm.objects.create(organization=cast.tree.grassroots_a, name="2020–2025",
                                        start_date="2020-07-15")
    seat = CommitteeMember.objects.create(term=term, full_name="Nguyễn Văn Bình", outside_register=True, position="secretary",
                                          start_date="2020-07-15")
    officer_b = api(cast.officer_b)
    assert results(officer_b.get(TERMS)) == []
    assert results(officer_b.get(TERMS, {"organization": cast.tree.grassroots_a.pk})) == []
    assert officer_b.get(f"{TERMS}{term.pk}/").status_code == 404
    assert officer_b.get(f"{TERMS}{term.pk}/seats/").status_code == 404
    assert _seat(officer_b, term.pk, full_name="X", position="member").status_code == 404
    assert officer_b.post(f"/api/committee-seats/{seat.pk}/end/", {"end_date": "01/01/2022"}, format="json").status_code == 404
    outside = _term(officer_b, cast.tree.grassroots_a)
    assert outside.status_code == 400 and "ngoài phạm vi quyền" in outside.json()["organization"][0]

    # The viewer sees, may not change.
    viewer = api(cast.viewer_a)
    assert [t["id"] for t in results(viewer.get(TERMS))] == [term.pk]
    assert results(viewer.get(TERMS))[0]["can_change"] is False
    assert _term(viewer, cast.tree.cell_a1).status_code == 403
    assert _seat(viewer, term.pk, full_name="X", position="member").status_code == 403
    assert viewer.post(f"/api/committee-seats/{seat.pk}/end/", {"end_date": "01/01/2022"}, format="json").status_code == 403
    # The member of A1 does not see the commune's committee.
    assert api(cast.member_a1).get(f"{TERMS}{term.pk}/").status_code == 404


def test_seat_validation_messages(cast, api):
    officer_a = api(cast.officer_a)
    term = _term(officer_a, cast.tree.grassroots_a).json()
    response = officer_a.post(f"{TERMS}{term['id']}/seats/", {"position": "king", "start_date": "x"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "full_name" not in body  # a member or a name: the service decides (seat.name below)
    assert body["position"] == ["Chức vụ: “king” không phải là lựa chọn hợp lệ."]
    assert body["start_date"][0].startswith("Từ ngày: ngày không đúng dạng")
    nobody = officer_a.post(f"{TERMS}{term['id']}/seats/", {"position": "member", "start_date": "01/08/2020"}, format="json")
    assert nobody.status_code == 400 and nobody.json()["violations"][0]["code"] == "seat.name"
    assert "full_name" in nobody.json()
    outside = _seat(officer_a, term["id"], start_date="01/01/2019")
    assert outside.status_code == 400 and outside.json()["violations"][0]["code"] == "seat.outside_term"
