from dangvu.study.models import StudySession
from tests.api.conftest import FreshUserClient
from tests.study.conftest import SESSION_DAY


def test_api_records_a_session_and_answers_its_rates(cast, people, nq57):
    officer = FreshUserClient(cast.officer_a)
    r = officer.post("/api/study/sessions/", {"organization": cast.tree.grassroots_a.pk, "date": SESSION_DAY.isoformat(),
                                               "documents": [nq57.pk], "form": "online"}, format="json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = officer.post(f"/api/study/sessions/{pk}/attendance/", {"absent": [{"member": people.giang.pk, "reason": "Ốm"}]},
                     format="json")
    assert r.status_code == 200 and r.json()["rate"] == {"organization": cast.tree.grassroots_a.pk,
                                                          "label": "Đảng bộ xã An Lạc", "expected": 4, "studied": 3,
                                                          "rate": "75,0%"}
    r = officer.post(f"/api/study/sessions/{pk}/makeup/", {"date": "2026-11-10", "members": [people.an.pk]}, format="json")
    assert r.status_code == 400 and "Học bù: chỉ đảng viên vắng" in r.content.decode()
    r = officer.post(f"/api/study/sessions/{pk}/makeup/", {"date": "2026-11-12", "members": [people.giang.pk]}, format="json")
    assert r.status_code == 201
    assert officer.get(f"/api/study/sessions/{pk}/").json()["rate"]["rate"] == "100,0%"
    assert FreshUserClient(cast.officer_b).get(f"/api/study/sessions/{pk}/").status_code == 404
    assert FreshUserClient(cast.officer_b).get("/api/study/sessions/").json()["count"] == 0
    assert FreshUserClient(cast.viewer_a).post(f"/api/study/sessions/{pk}/attendance/", {}, format="json").status_code == 403
    assert StudySession.objects.count() == 2


def test_api_library_search_and_number_check(cast):
    officer = FreshUserClient(cast.officer_a)
    numbers = [d["number"] for d in officer.get("/api/study/documents/", {"q": "phap quyen"}).json()["results"]]
    assert numbers == ["27-NQ/TW"]
    r = officer.post("/api/study/documents/", {"kind": "directive", "number": "5-CT/TW", "issuer": "Bộ Chính trị",
                                                "issued_on": "2016-05-15", "title": "Thử"}, format="json")
    assert r.status_code == 400 and "số nhỏ hơn 10 ghi thêm số 0 phía trước (05-CT/TW)" in r.content.decode()
    r = FreshUserClient(cast.secretary_a1).post("/api/study/documents/", {"kind": "directive", "number": "05-CT/TW",
                                                                          "issuer": "Bộ Chính trị", "issued_on": "2016-05-15",
                                                                          "title": "Thử"}, format="json")
    assert r.status_code == 403
