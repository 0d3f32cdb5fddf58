"""Who sees which case (restricted by nature): the inspection officer of the subtree, the secretary of the conducting
cell only, the subject member only once notified (and only the decision and conclusion), the outsider nothing (404),
pages and API alike; the organization officer reads figures, not cases."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM
from dangvu.inspection import services
from dangvu.organizations import committees
from tests.conftest import _user
from tests.inspection.conftest import open_thematic

D = dt.date


@pytest.fixture
def cases(world):
    committees.create_term(by=SYSTEM, organization=world.t.cell_a1, name="2025–2027", start_date=D(2025, 9, 1))
    district = open_thematic(world, subject=world.an)
    cell = services.open_case(by=world.cast.secretary_a1, body=world.t.cell_a1, body_kind="cell",
                              kind="thematic_supervision", subject_member=world.binh, topic="Nhiệm vụ được giao",
                              decision_number="1-QĐ/CB", decision_date=D(2026, 3, 2), due_on=D(2026, 4, 2),
                              team="Đ/c Bí thư chi bộ")
    return district, cell


def _page(user, case):
    client = Client()
    client.force_login(user)
    return client.get(reverse("inspection:case", args=[case.pk]))


def _api(user, case):
    client = APIClient()
    client.force_authenticate(user=user)
    return client.get(f"/api/inspection/cases/{case.pk}/")


def test_the_visibility_matrix(world, cases):
    district, cell = cases
    c = world.cast
    expected = {  # user: (district's case, cell's case)
        world.inspector: (200, 200),
        c.secretary_a1: (404, 200),
        c.member_a1: (404, 404),  # An is the subject of the district's case, not yet notified
        world.inspector_b: (404, 404),
        c.officer_a: (404, 404),
        c.viewer_a: (404, 404),
    }
    for user, codes in expected.items():
        assert (_page(user, district).status_code, _page(user, cell).status_code) == codes, user.username
        assert (_api(user, district).status_code, _api(user, cell).status_code) == codes, user.username


def test_the_subject_sees_the_notified_decision_and_conclusion_only(world, cases):
    district, _cell = cases
    services.record_session(by=world.inspector, case=district, held_on=D(2026, 3, 10), participants="Đoàn giám sát",
                            content="Ghi nhận ý kiến nội bộ của đoàn")
    district.refresh_from_db()
    services.conclude_case(by=world.inspector, case=district, concluded_on=D(2026, 4, 1), findings="Xác minh nội bộ",
                           conclusion="Đồng chí An thực hiện tốt", result="good")
    services.notify_subject(by=world.inspector, case=district, notified_on=D(2026, 4, 3))
    page = _page(world.cast.member_a1, district)
    body = page.content.decode()
    assert page.status_code == 200 and "Đồng chí An thực hiện tốt" in body
    assert "Xác minh nội bộ" not in body and "Ghi nhận ý kiến nội bộ" not in body and "Hồ Thị Sát" not in body
    data = _api(world.cast.member_a1, district).json()
    assert data["conclusion"] == "Đồng chí An thực hiện tốt" and "findings" not in data and "team" not in data
    listed = APIClient()
    listed.force_authenticate(user=world.cast.member_a1)
    assert [r["id"] for r in listed.get("/api/inspection/cases/").json()["results"]] == [district.pk]
    # The subject may not write.
    client = Client()
    client.force_login(world.cast.member_a1)
    assert client.post(reverse("inspection:remedy_add", args=[district.pk]), {"description": "x"}).status_code in (403, 404)


def test_the_denouncer_is_hidden_from_the_page_and_the_api_until_a_handler_asks(world):
    d = services.receive_denunciation(by=world.inspector, body=world.t.district_a, received_on=D(2026, 2, 1),
                                      subject_member=world.binh, content="Vi phạm", denouncer_name="Ngô Văn Tố",
                                      signed=True, specific=True, with_evidence=True)
    colleague_client = Client()
    colleague = _user("inspector_a2", "Đinh Văn Đồng", world.t.district_a, Role.INSPECTION_OFFICER)
    colleague_client.force_login(colleague)
    page = colleague_client.get(reverse("inspection:denunciation", args=[d.pk]))
    assert page.status_code == 200 and "Ngô Văn Tố" not in page.content.decode()
    assert colleague_client.post(reverse("inspection:denunciation_reveal", args=[d.pk])).status_code == 403
    api = APIClient()
    api.force_authenticate(user=world.inspector)
    assert "Ngô Văn Tố" not in api.get(f"/api/inspection/denunciations/{d.pk}/").content.decode()
    assert api.post(f"/api/inspection/denunciations/{d.pk}/reveal/").json()["name"] == "Ngô Văn Tố"
    handler = Client()
    handler.force_login(world.inspector)
    assert "Ngô Văn Tố" in handler.post(reverse("inspection:denunciation_reveal", args=[d.pk])).content.decode()
    outsider = APIClient()
    outsider.force_authenticate(user=world.inspector_b)
    assert outsider.post(f"/api/inspection/denunciations/{d.pk}/reveal/").status_code == 404
