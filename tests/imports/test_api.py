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
