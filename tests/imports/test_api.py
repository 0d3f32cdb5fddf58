import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from dangvu.members.models import Member
from tests.imports.helpers import member_row, xlsx

pytestmark = pytest.mark.django_db


def _api(user):
    c = APIClient()
    c.force_authenticate(user=user)
    return c


def _upload(c, org, rows):
    return c.post("/api/imports/", {"kind": "members", "organization": org.pk,
                                    "file": SimpleUploadedFile("dv.xlsx", xlsx("members", rows))}, format="multipart")


def test_upload_preview_apply_through_the_api(cast):
    c = _api(cast.officer_a)
    response = _upload(c, cast.tree.district_a, [member_row()])
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "previewed" and body["counts"]["new"] == 1 and not Member.objects.exists()
    applied = c.post(f"/api/imports/{body['id']}/apply/")
    assert applied.status_code == 200 and applied.json()["status"] == "applied" and Member.objects.count() == 1
    assert [r["id"] for r in c.get("/api/imports/").json()["results"]] == [body["id"]]


def test_rejected_rows_in_the_api_answer(cast):
    c = _api(cast.officer_a)
    body = _upload(c, cast.tree.district_a, [member_row(citizen_id="12")]).json()
    assert body["status"] == "rejected" and "rows" not in body
    rows = c.get(f"/api/imports/{body['id']}/rows/").json()
    assert rows["count"] == 1 and rows["results"][0]["row"] == 2 and rows["results"][0]["errors"][0][0] == "Số CCCD"


def test_a_runs_rows_are_read_a_page_at_a_time_and_by_status(cast):
    """A register's import has 100.000 rows: they are answered a page at a time, of one status when asked; the rows
    that change nothing are counted, not listed."""
    c = _api(cast.officer_a)
    kept = [member_row(full_name="Lê Văn Bảy", citizen_id="001185000007"), member_row(full_name="Hà Văn Tám", citizen_id="001185000008")]
    first = _upload(c, cast.tree.district_a, kept).json()
    c.post(f"/api/imports/{first['id']}/apply/")
    rows = [*kept, member_row(citizen_id="12"), member_row(full_name="Đỗ Thị Chín", citizen_id="001185000009"),
            member_row(full_name="Vũ Thị Mười", citizen_id="001185000010"), member_row(full_name="Bùi Văn Một", citizen_id="001185000011")]
    run = _upload(c, cast.tree.district_a, rows).json()
    assert run["counts"] == {"new": 3, "changed": 0, "unchanged": 2, "rejected": 1}
    page1 = c.get(f"/api/imports/{run['id']}/rows/", {"page_size": 2}).json()
    assert page1["count"] == 4 and [r["row"] for r in page1["results"]] == [4, 5] and page1["next"]
    page2 = c.get(page1["next"]).json()
    assert [(r["row"], r["status"]) for r in page2["results"]] == [(6, "new"), (7, "new")] and page2["next"] is None
    new = c.get(f"/api/imports/{run['id']}/rows/?status=new&page_size=2").json()
    assert new["count"] == 3 and [r["label"][:11] for r in new["results"]] == ["Đỗ Thị Chín", "Vũ Thị Mười"]
    refused = c.get(f"/api/imports/{run['id']}/rows/", {"status": "rejected"}).json()["results"]
    assert [(r["row"], r["errors"][0][0]) for r in refused] == [(4, "Số CCCD")]
    wrong = c.get(f"/api/imports/{run['id']}/rows/?status=unchanged")
    assert wrong.status_code == 400 and "unchanged" in str(wrong.json())
    assert _api(cast.officer_b).get(f"/api/imports/{run['id']}/rows/").status_code == 404


def test_upload_with_at_once_checks_and_applies_in_one_call(cast):
    c = _api(cast.officer_a)
    body = c.post("/api/imports/", {"kind": "members", "organization": cast.tree.district_a.pk, "at_once": "true",
                                    "file": SimpleUploadedFile("dv.xlsx", xlsx("members", [member_row()]))}, format="multipart")
    assert body.status_code == 201 and body.json()["status"] == "applied" and Member.objects.count() == 1
    refused = c.post("/api/imports/", {"kind": "members", "organization": cast.tree.district_a.pk, "at_once": "true",
                                       "file": SimpleUploadedFile("dv.xlsx", xlsx("members", [member_row(citizen_id="12")]))},
                     format="multipart").json()
    assert refused["status"] == "rejected" and Member.objects.count() == 1
    assert c.get(f"/api/imports/{refused['id']}/rows/").json()["results"][0]["errors"][0][0] == "Số CCCD"
    assert _api(cast.secretary_a1).post("/api/imports/", {
        "kind": "members", "organization": cast.tree.cell_a1.pk, "at_once": "true",
        "file": SimpleUploadedFile("dv.xlsx", xlsx("members", [member_row()]))}, format="multipart").status_code == 403


def test_scope_in_the_api(cast):
    run = _upload(_api(cast.officer_a), cast.tree.district_a, [member_row()]).json()
    outsider = _api(cast.officer_b)
    assert outsider.get(f"/api/imports/{run['id']}/").status_code == 404
    assert outsider.post(f"/api/imports/{run['id']}/apply/").status_code == 404
    assert outsider.get("/api/imports/").json()["results"] == []
    assert _upload(outsider, cast.tree.district_a, [member_row()]).status_code == 400  # not a visible organization
    secretary = _api(cast.secretary_a1)
    assert _upload(secretary, cast.tree.cell_a1, [member_row()]).status_code == 403
    assert not Member.objects.exists()


def test_the_list_and_a_runs_answer_read_neither_rows_nor_files(cast):
    """A run in the list and in its own answer carries its counts and its error, not its rows (their own endpoint)
    nor its file: a register's import has 100.000 rows, and a file of megabytes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = _api(cast.officer_a)
    good = _upload(c, cast.tree.district_a, [member_row()]).json()
    broken = c.post("/api/imports/", {"kind": "members", "organization": cast.tree.district_a.pk,
                                      "file": SimpleUploadedFile("hong.xlsx", b"PK\x03\x04broken")}, format="multipart").json()
    with CaptureQueriesContext(connection) as queries:
        listed = c.get("/api/imports/").json()["results"]
        detail = c.get(f"/api/imports/{good['id']}/").json()
    assert [(r["id"], r["status"], r["counts"]["new"]) for r in listed] == [(broken["id"], "rejected", 0),
                                                                            (good["id"], "previewed", 1)]
    assert "hỏng" in listed[0]["error"] and listed[1]["error"] == "" and "rows" not in listed[0]
    assert detail["error"] == "" and detail["counts"]["new"] == 1 and "rows" not in detail
    assert not [q for q in queries if "imports_importrow" in q["sql"]]
    read = [q["sql"] for q in queries if "imports_importrun" in q["sql"] and "COUNT(" not in q["sql"]]
    assert len(read) == 2 and not [sql for sql in read if '"content"' in sql]
