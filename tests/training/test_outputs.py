"""What training shows: pages, the API, the XLSX, the to-do items, the figures against a hand count and the
year-end report's sentence."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.system import SYSTEM
from dangvu.core.figures import Window
from dangvu.core.todo import collect
from dangvu.statistics import engine
from dangvu.training import services
from dangvu.training.models import Enrolment
from tests.admissions import candidate
from tests.api.conftest import FreshUserClient
from tests.clock import TODAY
from tests.members import register
from tests.training.conftest import open_class

D = dt.date
pytestmark = pytest.mark.django_db


def _sheet(content: bytes):
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_an_officer_records_a_class_through_the_pages(client, cast):
    t = cast.tree
    tien, lan = candidate(t.cell_a1, "Nguyễn Văn Tiến"), candidate(t.cell_a1, "Phạm Thị Lan", sex="female")
    client.force_login(cast.officer_a)
    response = client.post(reverse("training:add"), {
        "kind": "awareness", "name": "Lớp nhận thức về Đảng đợt 2/2026", "organization": t.district_a.pk,
        "organizer_kind": "political_centre", "organizer_name": "Trung tâm Chính trị huyện A", "start_date": "16/11/2026",
        "end_date": "20/11/2026", "venue": "Hội trường huyện"})
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    response = client.post(reverse("training:enrol", args=[pk]), {"learners": [tien.pk, lan.pk]})
    assert response.status_code == 302
    rows = list(Enrolment.objects.filter(training_class_id=pk).order_by("full_name"))
    data = {"certificate_date": "20/11/2026", "issuer": "Trung tâm Chính trị huyện A"}
    for e in rows:
        data[f"result_{e.pk}"] = "passed" if e.candidate_id == tien.pk else "failed"
        data[f"number_{e.pk}"] = "15/GCN" if e.candidate_id == tien.pk else ""
    response = client.post(reverse("training:results", args=[pk]), data)
    assert response.status_code == 302
    tien.refresh_from_db(), lan.refresh_from_db()
    assert (tien.awareness_certificate_date, tien.awareness_certificate_number) == (D(2026, 11, 20), "15/GCN")
    assert lan.awareness_certificate_date is None
    page = client.get(reverse("admissions:detail", args=[tien.pk])).content.decode()
    assert "Cấp từ lớp: Lớp nhận thức về Đảng đợt 2/2026" in page
    sheet = _sheet(client.get(reverse("training:class_xlsx", args=[pk])).content)
    assert ("STT", "Họ và tên", "Chi bộ", "Tham gia đầy đủ", "Kết quả", "Số giấy chứng nhận", "Ngày cấp", "Nơi cấp") in sheet
    assert (1, "Nguyễn Văn Tiến", "Chi bộ thôn Đông", "Có", "Đạt", "15/GCN", "20/11/2026", "Trung tâm Chính trị huyện A") in sheet
    assert (2, "Phạm Thị Lan", "Chi bộ thôn Đông", None, "Không đạt", None, None, None) in sheet


def test_a_passed_result_without_a_certificate_date_names_the_field(client, cast):
    t = cast.tree
    klass = open_class(t.district_a)
    (e,) = services.enrol(by=SYSTEM, training_class=klass, candidates=[candidate(t.cell_a1)])
    client.force_login(cast.officer_a)
    response = client.post(reverse("training:results", args=[klass.pk]), {f"result_{e.pk}": "passed", f"number_{e.pk}": "1"})
    assert response.status_code == 200
    assert "Ngày cấp giấy chứng nhận: bắt buộc nhập khi có học viên đạt." in response.content.decode()


def test_the_api_records_a_theory_class_and_lists_certificates(cast):
    t = cast.tree
    m = register("Đỗ Văn Hải", t.cell_a1)
    api = FreshUserClient(cast.officer_a)
    response = api.post("/api/training/classes/", {
        "organization": t.district_a.pk, "kind": "theory_intermediate", "name": "Trung cấp LLCT khóa 12",
        "organizer_kind": "school", "organizer_name": "Trường Chính trị tỉnh", "start_date": "2025-03-01",
        "end_date": "2026-06-30"}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(f"/api/training/classes/{pk}/enrol/", {"members": [m.pk]}, format="json")
    assert response.status_code == 200 and response.json()["enrolments"][0]["full_name"] == "Đỗ Văn Hải"
    eid = response.json()["enrolments"][0]["id"]
    response = api.post(f"/api/training/classes/{pk}/results/", {
        "certificate_date": "2026-07-10", "results": [{"enrolment": eid, "result": "passed", "certificate_number": "B-0012"}]},
        format="json")
    assert response.status_code == 200 and response.json()["enrolments"][0]["result"] == "passed"
    m.refresh_from_db()
    assert m.theory_level.code == "intermediate"
    listed = api.get("/api/training/certificates/").json()
    assert [(r["full_name"], r["certificate_number"], r["certificate_date"]) for r in listed["results"]] == [
        ("Đỗ Văn Hải", "B-0012", "2026-07-10")]
    assert FreshUserClient(cast.officer_b).get(f"/api/training/classes/{pk}/").status_code == 404
    assert FreshUserClient(cast.viewer_a).post(f"/api/training/classes/{pk}/enrol/", {"members": [m.pk]},
                                               format="json").status_code == 403
    refused = api.post("/api/training/classes/", {
        "organization": t.district_a.pk, "kind": "refresher", "name": "Lớp", "organizer_kind": "committee",
        "organizer_name": "Huyện ủy", "start_date": "2026-05-02", "end_date": "2026-05-01"}, format="json")
    assert refused.status_code == 400 and "Ngày bế giảng 01/05/2026 trước ngày khai giảng 02/05/2026" in str(refused.json())


def test_the_todo_lists_expiring_certificates_and_new_members_without_their_class(cast):
    t = cast.tree
    soon = candidate(t.cell_a1, "Nguyễn Văn Tiến")
    later = candidate(t.cell_a1, "Phạm Thị Lan", sex="female")
    klass = open_class(t.district_a, start=D(2021, 12, 1), end=D(2021, 12, 20))
    services.record_results(by=SYSTEM, training_class=klass, certificate_date=D(2021, 12, 20), rows=[
        (e, "passed", "") for e in services.enrol(by=SYSTEM, training_class=klass, candidates=[soon])])
    klass = open_class(t.district_a, start=D(2023, 5, 1), end=D(2023, 5, 5))
    services.record_results(by=SYSTEM, training_class=klass, certificate_date=D(2023, 5, 5), rows=[
        (e, "passed", "") for e in services.enrol(by=SYSTEM, training_class=klass, candidates=[later])])
    fresh = register("Đỗ Văn Hải", t.cell_a1, admitted=D(2026, 5, 5), full=False)
    register("Lê Văn Cũ", t.cell_a1, admitted=D(2012, 6, 1))  # long ago: not a new member
    items = [i for i in collect(cast.officer_a, TODAY) if i.category in ("awareness_certificate_expiring",
                                                                          "new_member_class_missing")]
    assert [(i.category, i.due, i.overdue) for i in items] == [
        ("awareness_certificate_expiring", D(2026, 12, 20), False), ("new_member_class_missing", D(2027, 5, 5), False)]
    assert "Nguyễn Văn Tiến" in items[0].title and "Đỗ Văn Hải" in items[1].title
    assert not [i for i in collect(cast.officer_b, TODAY) if i.category.startswith(("awareness_", "new_member_"))]
    klass = open_class(t.district_a, "new_member", start=D(2026, 8, 3), end=D(2026, 8, 7))
    services.record_results(by=SYSTEM, training_class=klass, certificate_date=D(2026, 8, 7), rows=[
        (e, "passed", "") for e in services.enrol(by=SYSTEM, training_class=klass, members=[fresh])])
    assert not [i for i in collect(cast.officer_a, TODAY) if i.category == "new_member_class_missing"]


def test_figures_and_the_report_sentence(cast):
    t = cast.tree
    people = [candidate(t.cell_a1, name, born=D(1998, 6, i + 1)) for i, name in enumerate(["Nguyễn Văn Tiến", "Trần Văn Phúc"])]
    klass = open_class(t.district_a, start=D(2026, 3, 2), end=D(2026, 3, 6))
    services.record_results(by=SYSTEM, training_class=klass, certificate_date=D(2026, 3, 6), rows=[
        (e, "passed", "") for e in services.enrol(by=SYSTEM, training_class=klass, candidates=people)])
    hai, lan = register("Đỗ Văn Hải", t.cell_a1), register("Phạm Thị Lan", t.cell_a1, sex="female")
    klass = open_class(t.district_a, "theory_intermediate", start=D(2026, 2, 2), end=D(2026, 10, 30))
    services.record_results(by=SYSTEM, training_class=klass, certificate_date=D(2026, 10, 30), rows=[
        (e, "passed" if e.member_id == hai.pk else "failed", "") for e in
        services.enrol(by=SYSTEM, training_class=klass, members=[hai, lan])])
    open_class(t.district_b, "new_member", start=D(2026, 4, 1), end=D(2026, 4, 3))  # another district
    open_class(t.district_a, "refresher", start=D(2025, 4, 1), end=D(2025, 4, 3))  # another year
    codes = ["training.classes", "training.classes.by_kind.awareness", "training.learners", "training.learners.passed",
             "training.learners.by_kind.theory_intermediate", "training.theory.intermediate"]
    got = engine.counts(Window.year(t.district_a, 2026), codes)
    assert got == {"training.classes": 2, "training.classes.by_kind.awareness": 1, "training.learners": 4,
                   "training.learners.passed": 3, "training.learners.by_kind.theory_intermediate": 2,
                   "training.theory.intermediate": 1}
    # The level on a date comes from the dated history: before the certificate, nobody.
    assert engine.counts(Window.on(t.district_a, D(2026, 10, 29)), ["training.theory.intermediate"]) == {
        "training.theory.intermediate": 0}
    from dangvu.reports import builder

    section = next(s for s in builder.build(t.district_a, 2026).sections if s.key == "training")
    assert section.paragraphs[0] == ("Trong năm 2026, tổ chức 1 lớp bồi dưỡng nhận thức về Đảng cho 2 quần chúng ưu tú; "
                                     "cử 2 đồng chí học trung cấp lý luận chính trị.")
