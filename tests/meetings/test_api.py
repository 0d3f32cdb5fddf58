"""API of meetings: scoped reads (404 outside), writes through the services (400 naming the field, 403, 409)."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.meetings import selectors, services

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(cell):
    return services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 12, 1), starts_at=T(8, 0), agenda="Tháng 12")


def rows(cell, **override):
    out = []
    for e in selectors.expected(cell.cell, D(2026, 12, 1)):
        mark, reason = ("excused", "Theo quy định") if e.optional else ("present", "")
        out.append({"member": e.member_id, "mark": mark, "reason": reason})
    return out


def test_reads_are_scoped(api, cast, cell, planned):
    assert api(cast.secretary_a1).get(f"/api/meetings/{planned.pk}/").json()["agenda"] == "Tháng 12"
    assert api(cast.officer_b).get(f"/api/meetings/{planned.pk}/").status_code == 404
    assert api(cell.secretary_b1).get("/api/meetings/").json()["count"] == 0
    assert api(cast.officer_a).get(f"/api/meetings/?cell={cell.cell.pk}&year=2026").json()["count"] == 1
    assert api(cast.officer_a).get("/api/meetings/?year=abc").status_code == 400


def test_secretary_records_held_minutes_and_tasks(api, cast, cell, planned):
    c = api(cast.secretary_a1)
    bad = c.post(f"/api/meetings/{planned.pk}/held/", {"ends_at": "09:40", "attendance": rows(cell)[:-1]}, format="json")
    assert bad.status_code == 400 and "Vũ Văn Hải" in str(bad.json())
    ok = c.post(f"/api/meetings/{planned.pk}/held/", {"ends_at": "09:40", "attendance": rows(cell), "version": planned.version},
                format="json")
    assert ok.status_code == 200, ok.json()
    body = ok.json()
    assert body["status"] == "held" and body["vote_base"] == 2 and body["duration_minutes"] == 100
    stale = c.post(f"/api/meetings/{planned.pk}/minutes/", {"minutes": "x", "version": planned.version}, format="json")
    assert stale.status_code == 409
    incomplete = c.post(f"/api/meetings/{planned.pk}/minutes/", {"minutes": "Biên bản", "complete": True}, format="json")
    assert incomplete.status_code == 400 and set(incomplete.json()) >= {"results", "next_tasks", "assignment", "self_assessment"}
    task = c.post(f"/api/meetings/{planned.pk}/tasks/", {"description": "Rà soát", "owner": cell.an.pk, "due_on": "2026-12-20"},
                  format="json")
    assert task.status_code == 201 and task.json()["tasks"][0]["owner_name"] == "Nguyễn Văn An"
    task_id = task.json()["tasks"][0]["id"]
    assert api(cast.officer_b).post(f"/api/meeting-tasks/{task_id}/done/", {"done_on": "2026-12-02"}, format="json").status_code == 404
    assert api(cast.viewer_a).post(f"/api/meeting-tasks/{task_id}/done/", {"done_on": "2026-12-02"}, format="json").status_code == 403
    done = c.post(f"/api/meeting-tasks/{task_id}/done/", {"done_on": "2026-12-02"}, format="json")
    assert done.status_code == 200 and done.json()["done_on"] == "2026-12-02"


def test_others_may_not_write(api, cast, cell, planned):
    assert api(cast.viewer_a).post(f"/api/meetings/{planned.pk}/held/", {"attendance": []}, format="json").status_code == 403
    assert api(cast.officer_b).post(f"/api/meetings/{planned.pk}/held/", {"attendance": []}, format="json").status_code == 404
    made = api(cell.secretary_b1).post("/api/meetings/", {"cell": cell.cell.pk, "date": "2026-12-15"}, format="json")
    assert made.status_code == 400 and "cell" in made.json()  # a cell out of scope does not exist for them
    made = api(cast.viewer_a).post("/api/meetings/", {"cell": cell.cell.pk, "date": "2026-12-15"}, format="json")
    assert made.status_code == 403
    made = api(cast.secretary_a1).post("/api/meetings/", {"cell": cell.cell.pk, "date": "2026-12-15", "kind": "thematic"},
                                       format="json")
    assert made.status_code == 400 and "topic" in made.json()


def test_schema_names_the_meeting_routes(api, cast):
    schema = api(cast.officer_a).get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/meetings/{id}/held/" in paths and "/api/meeting-tasks/{id}/done/" in paths


def test_quality_and_group_through_the_api(api, cast, cell, planned):
    """G7 scored through /api/meetings/{id}/quality/ (400 naming the criterion, 403, 404), shown on the meeting; G6
    refused through the API with its rule."""
    c = api(cast.secretary_a1)
    c.post(f"/api/meetings/{planned.pk}/held/", {"ends_at": "09:40", "attendance": rows(cell)}, format="json")
    sheet = services.quality_sheet(planned)
    scores = {key: most for key, _, most in sheet}
    assert api(cast.viewer_a).post(f"/api/meetings/{planned.pk}/quality/", {"scores": scores}, format="json").status_code == 403
    assert api(cast.officer_b).post(f"/api/meetings/{planned.pk}/quality/", {"scores": scores},
                                    format="json").status_code == 404
    bad = c.post(f"/api/meetings/{planned.pk}/quality/", {"scores": scores | {"content": 40}}, format="json")
    assert bad.status_code == 400, bad.json()
    assert [v["code"] for v in bad.json()["violations"]] == ["quality.range"], bad.json()
    ok = c.post(f"/api/meetings/{planned.pk}/quality/", {"scores": scores | {"content": 0}}, format="json")
    assert ok.status_code == 200, ok.json()
    body = ok.json()
    assert (body["quality_score"], body["quality_grade"], body["quality_scores"]["content"]) == (75, "fair", 0)
    assert body["party_group"] is None and body["party_group_name"] is None
    group = api(cast.officer_a).post("/api/meetings/", {"cell": cell.cell.pk, "date": "2026-12-15", "party_group": cast.tree.cell_a2.pk},
                   format="json")
    assert group.status_code == 400 and "không có tổ đảng" in str(group.json()["party_group"])
    paths = api(cast.officer_a).get("/api/schema/?format=json").json()["paths"]
    assert "/api/meetings/{id}/quality/" in paths and "/api/dues/months/" in paths
