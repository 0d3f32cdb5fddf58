"""Large exports run as background jobs (EXPORT_BACKGROUND_MEMBERS): the member register XLSX and the
statistics tables. The export page sends the user to the job's page; the file is the one made at once,
with the same scope and the same audited reveal rules; only who asked may download it."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.audit.models import AuditEntry
from dangvu.jobs import runner
from dangvu.jobs.models import Job, Status
from dangvu.members import views as member_views
from tests.members import register, register_sheet
from tests.statistics.tables_data import build

pytestmark = pytest.mark.on_date("2025-03-10")

EXPORT = reverse("members:export")


@pytest.fixture(autouse=True)
def background(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.JOBS = "immediate"
    settings.EXPORT_BACKGROUND_MEMBERS = 1  # more than one member: in the background


@pytest.fixture
def members(cast):
    binh = register("Lê Thị Bình", cast.tree.cell_a1, sex="female", born=dt.date(1985, 3, 2), citizen_id="038185000123",
                    admitted=dt.date(2012, 7, 9))
    an = register("Trần Văn An", cast.tree.cell_a2, admitted=dt.date(2014, 1, 15), citizen_id="038080000456")
    return binh, an


def _job_from(response) -> Job:
    assert response.status_code == 302 and response["Location"].startswith("/cong-viec/")
    return Job.objects.get(pk=int(response["Location"].split("/")[2]))


def _download(client, job) -> bytes:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_large_register_export_is_a_job_whose_file_reveals_and_audits_as_at_once(client, cast, members, monkeypatch):
    binh, an = members
    monkeypatch.setattr(member_views, "REGISTER_CHUNK", 1)  # one row per chunk: STT must still run on
    client.force_login(cast.officer_a)
    job = _job_from(client.get(EXPORT, {"reveal": "1"}))
    assert job.kind == "dangvu.members.views.register_xlsx" and job.organization == cast.tree.district_a
    assert job.status == Status.DONE and job.size == 2 and job.requested_by == cast.officer_a
    page = client.get(reverse("jobs:detail", args=[job.pk]), {"next": "/dang-vien/"}).content.decode()
    assert "Xuất danh sách đảng viên (Excel)" in page and reverse("jobs:download", args=[job.pk]) in page
    assert 'href="/dang-vien/"' in page
    title, header, rows = register_sheet(_download(client, job))
    assert [r[0] for r in rows] == [1, 2] and [r[1] for r in rows] == ["Trần Văn An", "Lê Thị Bình"]
    assert {r[1]: r[header.index("Số CCCD")] for r in rows}["Lê Thị Bình"] == "038185000123"
    assert title[-1].startswith("Người xuất: Nguyễn Văn An (officer_a)")
    reveals = AuditEntry.objects.filter(action="members.reveal", actor=cast.officer_a)
    assert sorted(reveals.values_list("object_id", flat=True)) == sorted([str(binh.pk), str(an.pk)])
    # someone else may not fetch it, even from the same district
    client.force_login(cast.viewer_a)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    # a read-only leader's background export shows masks and records no reveal
    viewer_job = _job_from(client.get(EXPORT, {"reveal": "1"}))
    _title, header, rows = register_sheet(_download(client, viewer_job))
    assert {r[1]: r[header.index("Số CCCD")] for r in rows}["Lê Thị Bình"] == "0381******23"
    assert not AuditEntry.objects.filter(action="members.reveal", actor=cast.viewer_a).exists()


def test_the_register_export_reports_its_progress(client, cast, members, settings, monkeypatch):
    settings.JOBS = "queue"
    settings.EXPORT_BACKGROUND_MEMBERS = 0
    monkeypatch.setattr(member_views, "REGISTER_CHUNK", 1)
    client.force_login(cast.officer_a)
    job = _job_from(client.get(EXPORT, {"organization": cast.tree.cell_a1.pk}))
    assert job.status == Status.QUEUED and job.organization == cast.tree.cell_a1
    assert 'data-status="queued"' in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    seen = []
    original = Job.progress

    def spy(self, done, total=None, message=""):
        original(self, done, total, message)
        row = Job.objects.get(pk=self.pk)
        seen.append((row.status, row.done, row.total, row.message))

    monkeypatch.setattr(Job, "progress", spy)
    assert runner.run_pending() == 1
    assert seen == [("running", 1, 2, "Đã lập 1/1 dòng"), ("running", 1, 2, "Đang ghi tệp Excel")]
    assert Job.objects.get(pk=job.pk).status == Status.DONE


def test_a_small_export_is_made_at_once(client, cast, members, settings):
    settings.EXPORT_BACKGROUND_MEMBERS = 2
    client.force_login(cast.officer_a)
    response = client.get(EXPORT)
    assert response.status_code == 200 and not Job.objects.exists()
    assert [r[1] for r in register_sheet(response.content)[2]] == ["Trần Văn An", "Lê Thị Bình"]


def test_large_statistics_tables_are_a_job(client, cast):
    build(cast.tree)
    client.force_login(cast.officer_a)
    response = client.get(reverse("statistics_tables:download"), {"organization": cast.tree.district_a.pk, "year": 2024})
    job = _job_from(response)
    assert job.kind == "dangvu.statistics.tables_views.tables_xlsx" and job.status == Status.DONE and job.size > 1
    assert job.filename == "bieu-thong-ke-99.001-31-12-2024.xlsx" and job.organization == cast.tree.district_a
    wb = load_workbook(io.BytesIO(_download(client, job)))
    assert len(wb.sheetnames) == 5 and wb["Biểu số 3-TKĐV"]["A7"].value == "Có đến ngày 31/12/2024"
    one = _job_from(client.get(reverse("statistics_tables:download"),
                               {"organization": cast.tree.district_a.pk, "year": 2024, "table": "bieu-2"}))
    assert one.filename.endswith("-bieu-2.xlsx") and len(load_workbook(io.BytesIO(_download(client, one))).sheetnames) == 1
    # outside the scope: 404 before any job
    client.force_login(cast.officer_b)
    assert client.get(reverse("statistics_tables:download"), {"organization": cast.tree.district_a.pk}).status_code == 404
    assert Job.objects.count() == 2
