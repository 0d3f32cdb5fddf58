"""/api/residence/: the same services, rules and scope as the pages (400 naming the field, 403 for
the wrong side or a read-only role, 404 outside both sides, 409 on a stale version), and the
OpenAPI schema."""

import datetime as dt
import re
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.residence import services
from dangvu.residence.models import ResidenceComment, ResidenceContact, ResidenceMeeting
from tests.api.helpers import results
from tests.members import register
from tests.residence.conftest import assigned

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/residence/contacts/"
MEETINGS = "/api/residence/meetings/"


def _payload(member, receiving, **kw):
    data = {"member": member.pk, "letter_number": "12-GGT/ĐU", "letter_date": "2025-03-02",
            "residence_address": "Số 12, thôn Đông", "receiving_organization": receiving.pk}
    data.update(kw)
    return data


def test_introduce_receive_comment_through_the_api(api, cast, res, binh):
    t = cast.tree
    binh.citizen_id = "038080012345"
    binh.save(update_fields=["citizen_id"])
    response = api(res.officer_agency).post(URL, _payload(binh, t.grassroots_a), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["contact_status"] == "awaiting" and body["introduced_by_name"] == "Đảng bộ Cơ quan Chính quyền huyện An Lạc"
    assert not body["can_receive"] and body["can_end"] and "citizen_id" not in body and "038080012345" not in str(body)
    pk = body["id"]
    assert [r["id"] for r in results(api(res.officer_ward).get(URL, {"side": "residence"}))] == [pk]
    assert results(api(res.officer_ward).get(URL, {"side": "workplace"})) == []
    assert [r["id"] for r in results(api(res.officer_agency).get(URL, {"side": "workplace"}))] == [pk]
    assert results(api(cast.officer_b).get(URL)) == []
    assert api(cast.officer_b).get(f"{URL}{pk}/").status_code == 404
    receipt = {"received_on": "2025-03-10", "residence_cell": t.cell_a1.pk, "version": 1}
    assert api(cast.officer_b).post(f"{URL}{pk}/receive/", receipt, format="json").status_code == 404
    assert api(res.officer_agency).post(f"{URL}{pk}/receive/", receipt, format="json").status_code == 403
    assert api(cast.viewer_a).post(f"{URL}{pk}/receive/", receipt, format="json").status_code == 403
    response = api(res.officer_ward).post(f"{URL}{pk}/receive/", {**receipt, "version": 7}, format="json")
    assert response.status_code == 409 and response.json()["current_version"] == 1
    response = api(res.officer_ward).post(f"{URL}{pk}/receive/", receipt, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["contact_status"] == "assigned" and response.json()["residence_cell_name"] == "Chi bộ thôn Đông"
    # The residence cell's secretary comments; the workplace reads it in the contact.
    comment = {"year": 2025, "comment_occasion": "annual", "text": "Gương mẫu ở khu dân cư", "comment_assessment": "fulfilled",
               "commented_on": "2025-12-16"}
    assert api(cast.viewer_a).post(f"{URL}{pk}/comment/", comment, format="json").status_code == 403
    assert api(res.officer_agency).post(f"{URL}{pk}/comment/", comment, format="json").status_code == 403
    response = api(cast.secretary_a1).post(f"{URL}{pk}/comment/", comment, format="json")
    assert response.status_code == 201, response.json()
    response = api(res.officer_agency).get(f"{URL}{pk}/")
    [read] = response.json()["comments"]
    assert read["comment_assessment"] == "fulfilled" and read["late"] and read["due_date"] == "2025-12-15"
    assert read["writer"] == "Chi bộ thôn Đông"
    response = api(cast.secretary_a1).post(f"{URL}{pk}/comment/", comment, format="json")
    assert response.status_code == 400 and response.json()["year"][0].startswith("Năm: đã có nhận xét định kỳ năm 2025")


def test_rule_violations_answer_400_with_the_field(api, cast, res, binh):
    t = cast.tree
    resident = register("Lê Văn Dân", t.cell_a1)
    response = api(cast.officer_a).post(URL, _payload(resident, t.grassroots_a), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["member"][0].startswith("Đảng viên: Lê Văn Dân sinh hoạt tại Chi bộ thôn Đông")
    assert body["violations"][0]["code"] == "residence.not_working" and body["violations"][0]["source"] == "QĐ 213-QĐ/TW Điều 1"
    response = api(cast.officer_a).post(URL, _payload(binh, t.cell_a1, letter_date="31/12/2099"), format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"receiving_organization", "letter_date", "violations"}
    response = api(cast.officer_a).post(URL, {"member": binh.pk}, format="json")
    assert response.status_code == 400 and response.json()["letter_number"] == ["Số giấy giới thiệu: bắt buộc."]
    # Ids outside the scope do not resolve; read-only roles and non-introducers get 403.
    response = api(cast.officer_b).post(URL, _payload(binh, t.grassroots_b), format="json")
    assert response.status_code == 400 and "không tồn tại hoặc ngoài phạm vi quyền" in response.json()["member"][0]
    assert api(cast.viewer_a).post(URL, _payload(binh, t.grassroots_a), format="json").status_code == 403
    assert api(cast.secretary_a1).post(URL, _payload(binh, t.grassroots_a), format="json").status_code == 403
    assert not ResidenceContact.objects.exists()
    assert api().get(URL).status_code in (401, 403)


def test_list_filters(api, cast, res, binh):
    t = cast.tree
    assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    police = register("Đỗ Văn Quân", res.office, is_police=True)
    response = api(res.officer_agency).post(f"{URL}exempt/", {"member": police.pk, "introduction_exemption": "special_duty",
                                                               "decided_on": "2025-04-01"}, format="json")
    assert response.status_code == 201 and response.json()["contact_status"] == "exempt"
    client = api(cast.officer_a)
    assert len(results(client.get(URL))) == 2
    assert [r["member_name"] for r in results(client.get(URL, {"contact_status": "assigned"}))] == ["Trần Văn Bình"]
    assert [r["member_name"] for r in results(client.get(URL, {"year": 2025}))] == ["Trần Văn Bình"]
    assert results(client.get(URL, {"year": 2024})) == []
    assert [r["member_name"] for r in results(client.get(URL, {"member": police.pk}))] == ["Đỗ Văn Quân"]
    assert len(results(api(cast.secretary_a1).get(URL, {"side": "residence"}))) == 1
    for bad in ({"side": "nope"}, {"contact_status": "nope"}, {"year": "abc"}, {"member": "x"}):
        response = client.get(URL, bad)
        assert response.status_code == 400 and set(bad) <= set(response.json())


def test_end_through_the_api(api, cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    url = f"{URL}{contact.pk}/end/"
    data = {"contact_end_reason": "moved", "ended_on": "2026-02-01", "end_note": "Chuyển nơi ở"}
    assert api(cast.officer_b).post(url, data, format="json").status_code == 404
    assert api(cast.viewer_a).post(url, data, format="json").status_code == 403
    assert api(cast.secretary_a1).post(url, data, format="json").status_code == 403
    response = api(res.officer_agency).post(url, {**data, "contact_end_reason": "returned"}, format="json")
    assert response.status_code == 400 and "contact_end_reason" in response.json()
    response = api(res.officer_agency).post(url, data, format="json")
    assert response.status_code == 200 and response.json()["contact_status"] == "ended"
    assert not response.json()["can_end"]


def test_meetings_through_the_api(api, cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    data = {"cell": t.cell_a1.pk, "held_on": "2025-06-14", "meeting_type": "periodic", "content": "Thông báo tình hình",
            "attendance": [{"contact": contact.pk, "mark": "excused", "reason": "Đi công tác"}]}
    assert api(cast.viewer_a).post(MEETINGS, data, format="json").status_code == 403
    assert api(res.officer_agency).post(MEETINGS, data, format="json").status_code == 400  # A1 is not theirs to name
    response = api(cast.officer_b).post(MEETINGS, data, format="json")
    assert response.status_code == 400 and "cell" in response.json()  # the cell does not resolve outside the scope
    response = api(cast.secretary_a1).post(MEETINGS, {**data, "attendance": []}, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "residence.attendee_missing"
    response = api(cast.secretary_a1).post(MEETINGS, data, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["attendance"] == [{"contact": contact.pk, "member_name": "Trần Văn Bình", "mark": "excused",
                                   "mark_label": "Vắng có lý do", "reason": "Đi công tác"}]
    assert [m["id"] for m in results(api(res.officer_ward).get(MEETINGS, {"cell": t.cell_a1.pk, "year": 2025}))] == [body["id"]]
    assert results(api(res.officer_ward).get(MEETINGS, {"year": 2024})) == []
    assert results(api(cast.officer_b).get(MEETINGS)) == []
    assert api(cast.officer_b).get(f"{MEETINGS}{body['id']}/").status_code == 404
    assert api(res.officer_ward).get(MEETINGS, {"cell": "x"}).status_code == 400
    # The workplace reads the attendance in the contact.
    [seen] = api(res.officer_agency).get(f"{URL}{contact.pk}/").json()["attendance"]
    assert seen["mark"] == "excused" and seen["held_on"] == "2025-06-14"
    assert ResidenceMeeting.objects.count() == 1 and not ResidenceComment.objects.exists()


def test_the_schema_is_clean_and_names_its_own_enums(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target), stdout=StringIO(), stderr=StringIO())
    schema = yaml.safe_load(target.read_text())
    assert {"/api/residence/contacts/", "/api/residence/contacts/{id}/receive/", "/api/residence/contacts/{id}/comment/",
            "/api/residence/contacts/exempt/", "/api/residence/meetings/"} <= set(schema["paths"])
    # Other apps' enums keep their names (no collision renamed them).
    names = set(schema["components"]["schemas"])
    assert {"OrganizationKindEnum", "MemberStatusEnum", "JobStatusEnum"} <= names
    assert not [n for n in names if re.search(r"[0-9A-F][0-9a-f]{2}Enum$", n)]  # colliding enums: Name + 3 hex + Enum


def test_the_contact_list_reads_in_a_fixed_number_of_queries(api, cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    client = api(cast.officer_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for i, name in enumerate(("Lê Thị Hoa", "Ngô Văn Công", "Đỗ Văn Quân")):
        member = register(name, res.office)
        other = assigned(res.officer_agency, res.officer_ward, member, t.grassroots_a, t.cell_a1, number=f"{20 + i}-GGT/ĐU")
        services.record_comment(by=cast.secretary_a1, contact=other, year=2025, comment_occasion="annual", text="Tốt",
                                comment_assessment="fulfilled", commented_on=dt.date(2025, 12, 1))
    services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=dt.date(2025, 12, 2), meeting_type="periodic",
                            content="Họp", attendance=[(c, "present", "") for c in ResidenceContact.objects.all()])
    assert contact and count() == one


def test_every_endpoint_for_every_cast_member(api, cast, res, binh):
    """Reads: 200 or 404. Writes with an empty body: 400 for whoever may make the change (the side and
    role are checked first), 403 for a visible contact on the wrong side or a read-only role, 404 outside."""
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    hoa = register("Lê Thị Hoa", res.office, sex="female")
    waiting = services.introduce(by=res.officer_agency, member=hoa, letter_number="14-GGT/ĐU", letter_date=dt.date(2025, 4, 1),
                                 residence_address="Số 3", receiving_organization=t.grassroots_a)
    meeting = services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=dt.date(2025, 6, 14),
                                      meeting_type="periodic", content="Họp", attendance=[(contact, "present", "")])
    users = [cast.admin, cast.officer_a, res.officer_agency, res.officer_ward, cast.secretary_a1, cast.member_a1, cast.viewer_a,
             cast.officer_b]
    c, w = contact.pk, waiting.pk
    matrix = {
        ("get", URL): [200] * 8,
        ("get", f"{URL}{c}/"): [200, 200, 200, 200, 200, 404, 200, 404],
        ("get", f"{URL}{w}/"): [200, 200, 200, 200, 404, 404, 200, 404],
        ("get", MEETINGS): [200] * 8,
        ("get", f"{MEETINGS}{meeting.pk}/"): [200, 200, 404, 200, 200, 404, 200, 404],
        ("post", URL): [400, 400, 400, 400, 403, 403, 403, 400],
        ("post", f"{URL}exempt/"): [400, 400, 400, 400, 403, 403, 403, 400],
        ("post", f"{URL}{w}/receive/"): [400, 400, 403, 400, 404, 404, 403, 404],
        ("post", f"{URL}{c}/assign/"): [400, 400, 403, 400, 403, 404, 403, 404],
        ("post", f"{URL}{c}/end/"): [400, 400, 400, 400, 403, 404, 403, 404],
        ("post", f"{URL}{c}/comment/"): [400, 400, 403, 400, 400, 404, 403, 404],
        ("post", MEETINGS): [400, 400, 400, 400, 400, 403, 403, 400],
    }
    failures = []
    for (method, url), expected in matrix.items():
        for user, status in zip(users, expected, strict=True):
            got = getattr(api(user), method)(url, {}, format="json").status_code if method == "post" else api(user).get(url).status_code
            if got != status:
                failures.append(f"{user.username} {method.upper()} {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)
    assert ResidenceContact.objects.count() == 2 and ResidenceMeeting.objects.count() == 1
