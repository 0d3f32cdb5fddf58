import re

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
    body = _upload(_api(cast.officer_a), cast.tree.district_a, [member_row(citizen_id="12")]).json()
    assert body["status"] == "rejected"
    assert body["rows"][0]["errors"][0][0] == "Số CCCD"


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


def test_the_list_reads_neither_reports_nor_files(cast):
    """A run in the list carries its counts and its error, not its rows: a register's import reports a row each
    (100.000), and the list read every run's report and file."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = _api(cast.officer_a)
    good = _upload(c, cast.tree.district_a, [member_row()]).json()
    broken = c.post("/api/imports/", {"kind": "members", "organization": cast.tree.district_a.pk,
                                      "file": SimpleUploadedFile("hong.xlsx", b"PK\x03\x04broken")}, format="multipart").json()
    with CaptureQueriesContext(connection) as queries:
        listed = c.get("/api/imports/").json()["results"]
    assert [(r["id"], r["status"], r["counts"]["new"]) for r in listed] == [(broken["id"], "rejected", 0),
                                                                            (good["id"], "previewed", 1)]
    assert "hỏng" in listed[0]["error"] and listed[1]["error"] == "" and "rows" not in listed[0]
    read = [q["sql"] for q in queries if "imports_importrun" in q["sql"] and "COUNT(" not in q["sql"]]
    assert len(read) == 1 and '"content"' not in read[0]
    # the report named only inside the error's JSON lookup (SQLite: JSON_EXTRACT(report, '$."error"'), PostgreSQL: ->>)
    uses = re.findall(r'"imports_importrun"\."report"(.{0,4})', read[0])
    assert uses and all(after.startswith((", '$", " ->>")) for after in uses), uses
    detail = c.get(f"/api/imports/{good['id']}/").json()
    assert detail["rows"][0]["status"] == "new" and detail["error"] == ""
