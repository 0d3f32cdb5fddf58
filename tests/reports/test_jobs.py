"""Report jobs: their lifecycle (queued → running → done, a failure recorded), the page and the API,
and who may see what (the named cast: an outsider gets 404, a viewer may read and download)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.audit.models import AuditEntry
from dangvu.jobs import runner
from dangvu.jobs.models import Job
from dangvu.reports import jobs, services
from dangvu.reports.models import ReportJob, Status

pytestmark = pytest.mark.on_date("2025-01-15")


def _start(cast, year2024, fmt="docx", user=None):
    return services.start_report(by=user or cast.officer_a, organization=year2024.t.district_a, year=2024, fmt=fmt)


def test_a_queued_job_runs_to_done_with_progress(cast, year2024, settings):
    settings.JOBS = "queue"
    job = _start(cast, year2024)
    assert job.size == 7 and job.status == Status.QUEUED and job.percent == 0
    assert jobs.dispatch(job) == "queued"
    assert AuditEntry.objects.filter(action="reports.generate", object_id=str(year2024.t.district_a.pk)).exists()
    seen = []
    original = Job.progress

    def spy(self, done, total=None, message=""):
        original(self, done, total, message)
        row = Job.objects.get(pk=self.pk)  # what the status endpoint reads while it works
        seen.append((row.status, row.percent))

    Job.progress = spy
    try:
        assert runner.run_pending() == 1
    finally:
        Job.progress = original
    job.refresh_from_db()
    assert job.status == Status.DONE and job.percent == 100 and job.finished_at and job.started_at
    assert job.filename == "bao-cao-nam-2024-99.001.docx" and job.file.read().startswith(b"PK")
    progress = [p for _s, p in seen if p is not None]
    assert progress == sorted(progress) and 0 < progress[0] < 100 and progress[-1] == 99  # 100 only once done
    assert {s for s, _p in seen} == {Status.RUNNING}  # queued → running (every step) → done
    assert runner.run_pending() == 0  # nothing left


def test_small_reports_run_in_the_request_big_ones_in_the_background(cast, year2024, settings):
    settings.JOBS = "thread"
    settings.REPORT_INLINE_MEMBERS = 7
    job = _start(cast, year2024)
    assert jobs.dispatch(job) == "inline"
    job.refresh_from_db()
    assert job.status == Status.DONE
    settings.REPORT_INLINE_MEMBERS = 6
    big = _start(cast, year2024)
    assert jobs.dispatch(big) == "thread"  # started once the transaction commits


def test_a_failure_is_recorded_on_the_job(cast, year2024, settings, monkeypatch):
    settings.JOBS = "queue"
    job = _start(cast, year2024, "pdf")

    def broken(report):
        raise RuntimeError("Pango không có")

    monkeypatch.setitem(jobs.render.RENDERERS, "pdf", broken)
    runner.run(job.pk)
    job.refresh_from_db()
    assert job.status == Status.FAILED and "Pango không có" in job.error and not job.file and job.finished_at


def test_a_stale_running_job_is_taken_again_a_fresh_one_is_not(cast, year2024, settings):
    settings.JOBS = "queue"
    job = _start(cast, year2024)
    assert runner.claim(job.pk)
    assert not runner.claim(job.pk)  # running, just started: another runner leaves it
    ReportJob.objects.filter(pk=job.pk).update(started_at=job.created_at.replace(year=2024))
    assert runner.claim(job.pk)


def test_outsiders_may_not_start(cast, year2024):
    from dangvu.core.errors import PermissionDeniedInScope

    with pytest.raises(PermissionDeniedInScope):
        _start(cast, year2024, user=cast.officer_b)
    with pytest.raises(PermissionDeniedInScope):
        _start(cast, year2024, user=cast.member_a1)


# ---------------------------------------------------------------- the page


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_the_page_starts_a_report_and_offers_the_file(cast, year2024):
    c = _client(cast.officer_a)
    page = c.get(reverse("reports:index"))
    assert page.status_code == 200 and "Đảng bộ huyện An Lạc" in page.content.decode()
    assert "Đảng bộ huyện Bình Minh" not in page.content.decode()  # outside the scope: not offered
    response = c.post(reverse("reports:index"), {"organization": year2024.t.district_a.pk, "year": 2024, "format": "docx",
                                                 "rounding": "truncate"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert job.rounding == "truncate" and job.requested_by == cast.officer_a
    status = c.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert 'data-status="done"' in status and reverse("reports:download", args=[job.pk]) in status
    file = c.get(reverse("reports:download", args=[job.pk]))
    assert file.status_code == 200 and b"".join(file.streaming_content).startswith(b"PK")
    assert "bao-cao-nam-2024-99.001.docx" in file["Content-Disposition"]


def test_the_page_refuses_an_organization_outside_the_scope(cast, year2024):
    c = _client(cast.officer_a)
    response = c.post(reverse("reports:index"), {"organization": year2024.t.district_b.pk, "year": 2024, "format": "pdf",
                                                 "rounding": "half_up"})
    assert response.status_code == 200 and 'data-testid="error-organization"' in response.content.decode()
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("who, page, download", [
    ("officer_a", 200, 200), ("viewer_a", 200, 200), ("admin", 200, 200),
    ("secretary_a1", 404, 404),  # a cell secretary reads the register of the cell, not the district's reports
    ("member_a1", 404, 404), ("officer_b", 404, 404),
])
def test_permission_matrix_of_a_job(cast, year2024, who, page, download):
    job = _start(cast, year2024)
    jobs.dispatch(job)
    c = _client(getattr(cast, who))
    assert c.get(reverse("reports:job", args=[job.pk])).status_code == page
    assert c.get(reverse("reports:job_status", args=[job.pk])).status_code == page
    assert c.get(reverse("reports:download", args=[job.pk])).status_code == download
    api = APIClient()
    api.force_authenticate(getattr(cast, who))
    assert api.get(f"/api/reports/{job.pk}/").status_code == page
    assert api.get(f"/api/reports/{job.pk}/file/").status_code == download


def test_a_viewer_may_make_a_report(cast, year2024):
    job = _start(cast, year2024, user=cast.viewer_a)
    assert job.requested_by == cast.viewer_a


def test_anonymous_users_are_sent_to_login(year2024):
    assert Client().get(reverse("reports:index")).status_code == 302
    assert APIClient().get("/api/reports/").status_code in (401, 403)


# ---------------------------------------------------------------- the API


def test_the_api_starts_reports_and_serves_the_file(cast, year2024):
    api = APIClient()
    api.force_authenticate(cast.viewer_a)
    response = api.post("/api/reports/", {"organization": year2024.t.district_a.pk, "year": 2024, "format": "xlsx"},
                        format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "done" and body["progress"] == 100 and body["organization_code"] == "99.001"
    assert body["file_url"] == f"/api/reports/{body['id']}/file/"
    status = api.get(f"/api/reports/{body['id']}/").json()
    assert status["status"] == "done" and status["rounding"] == "half_up"
    file = api.get(body["file_url"])
    assert file.status_code == 200 and file["Content-Type"].startswith("application/vnd.openxmlformats")
    listed = api.get("/api/reports/").json()
    assert [j["id"] for j in listed["results"]] == [body["id"]]


def test_the_api_answers_409_before_the_file_exists(cast, year2024, settings):
    settings.JOBS = "queue"
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    body = api.post("/api/reports/", {"organization": year2024.t.district_a.pk, "year": 2024, "format": "pdf"},
                    format="json").json()
    assert body["status"] == "queued" and body["file_url"] is None
    assert api.get(f"/api/reports/{body['id']}/file/").status_code == 409


def test_the_api_refuses_what_is_outside_the_scope_and_bad_input(cast, year2024):
    api = APIClient()
    api.force_authenticate(cast.officer_b)
    response = api.post("/api/reports/", {"organization": year2024.t.district_a.pk, "year": 2024, "format": "pdf"},
                        format="json")
    assert response.status_code == 400 and "organization" in response.json()
    api.force_authenticate(cast.officer_a)
    response = api.post("/api/reports/", {"organization": year2024.t.district_a.pk, "year": 2031, "format": "odt"},
                        format="json")
    assert response.status_code == 400 and {"format"} <= set(response.json())
    assert not ReportJob.objects.exists()


def test_the_api_is_in_the_schema(cast):
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {"/api/reports/", "/api/reports/{id}/", "/api/reports/{id}/file/"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/reports/"]


def test_old_report_files_are_deleted_after_the_retention_period(cast, year2024, settings, tmp_path, monkeypatch):
    """Jobs finished more than JOBS_RETENTION_DAYS ago go with their files (the command, and the worker on
    each pass); recent, queued and running jobs stay; 0 days keeps everything."""
    import datetime as dt
    from io import StringIO

    from django.core.management import call_command
    settings.JOBS_RETENTION_DAYS = 30
    old, recent, failed = (runner.run(_start(cast, year2024).pk) for _ in range(3))
    assert old.status == recent.status == Status.DONE
    ReportJob.objects.filter(pk=failed.pk).update(status=Status.FAILED)
    settings.JOBS = "queue"
    queued = _start(cast, year2024)
    now = old.finished_at  # the module's frozen moment (on_date), when the jobs ran
    ReportJob.objects.filter(pk=old.pk).update(finished_at=now - dt.timedelta(days=31))
    ReportJob.objects.filter(pk=failed.pk).update(finished_at=now - dt.timedelta(days=45))
    ReportJob.objects.filter(pk=recent.pk).update(finished_at=now - dt.timedelta(days=29))
    old_file = tmp_path / old.file.name
    assert old_file.exists() and (tmp_path / recent.file.name).exists()

    out = StringIO()
    call_command("clean_report_files", "--days", "0", stdout=out)
    assert "giữ tất cả" in out.getvalue() and ReportJob.objects.count() == 4
    call_command("clean_report_files", stdout=out)
    assert "Đã xóa 2 công việc cũ (quá 30 ngày)" in out.getvalue()
    assert set(ReportJob.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk}
    assert not old_file.exists() and (tmp_path / recent.file.name).exists()

    # The worker cleans up on each pass (after making the queued report). Its pass first drops stale
    # connections, which on PostgreSQL would close the test's own: not here.
    from dangvu.jobs.management.commands import run_jobs

    monkeypatch.setattr(run_jobs, "close_old_connections", lambda: None)
    ReportJob.objects.filter(pk=recent.pk).update(finished_at=now - dt.timedelta(days=40))
    call_command("run_report_jobs", "--once", stdout=out)
    assert list(ReportJob.objects.values_list("pk", "status")) == [(queued.pk, Status.DONE)]
    assert not (tmp_path / recent.file.name).exists()
    with pytest.raises(Exception, match="số ngày lưu giữ phải từ 0 trở lên"):
        call_command("clean_report_files", "--days", "-1")
