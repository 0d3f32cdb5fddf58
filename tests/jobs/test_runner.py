"""The one background-job mechanism (dangvu.jobs): progress visible while a job runs, failures recorded
in Vietnamese, one pending job per (kind, organization) where the kind asks for it, the dispatch modes,
the scope of the status endpoint and page (who asked and administrators; anyone else 404), retention."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.jobs import runner
from dangvu.jobs.models import Job, Status

pytestmark = pytest.mark.on_date("2025-03-10")

SEEN: list = []


@runner.job_kind("Đếm thử")
def count_to_three(job):
    """A test kind: three steps, each observed through the API as the owner sees it while it runs."""
    api = job.params.get("observe")
    for i in range(1, 4):
        job.progress(i, 3, f"Đang đếm {i}")
        if api:
            SEEN.append(_api(job.requested_by).get(f"/api/jobs/{job.pk}/").json())
    job.attach("dem-thu.txt", b"1 2 3", "text/plain")
    return {"counted": 3}


@runner.job_kind("Nhập thử", exclusive=True)
def exclusive_import(job):
    job.progress(1, 1, "Xong dòng 1")


@runner.job_kind("Đọc tệp thử")
def upper_case_input(job):
    with job.input_file.open("rb") as f:
        job.attach("ket-qua.txt", f.read().upper(), "text/plain")


@runner.job_kind("Hỏng thử")
def broken(job):
    if job.params.get("explained"):
        raise runner.JobError("Dòng 12, cột “Ngày sinh”: 31/06/2020 không phải một ngày có thật.")
    raise RuntimeError("ổ đĩa đầy")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.JOBS = "immediate"
    SEEN.clear()


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _start(cast, kind=count_to_three, user=None, **params):
    return runner.start(kind, by=user or cast.officer_a, organization=cast.tree.district_a, params=params)


def test_progress_is_visible_while_the_job_runs_then_the_file(cast):
    job = _start(cast, observe=True)
    assert job.kind == "tests.jobs.test_runner.count_to_three" and job.status == Status.QUEUED
    assert runner.dispatch(job) == "inline"
    assert [(s["status"], s["done"], s["total"], s["percent"], s["message"]) for s in SEEN] == [
        ("running", 1, 3, 33, "Đang đếm 1"), ("running", 2, 3, 66, "Đang đếm 2"), ("running", 3, 3, 99, "Đang đếm 3")]
    assert all(s["file_url"] is None for s in SEEN)
    body = _api(cast.officer_a).get(f"/api/jobs/{job.pk}/").json()
    assert body["status"] == "done" and body["percent"] == 100 and body["result"] == {"counted": 3}
    assert body["kind_label"] == "Đếm thử" and body["file_url"] == f"/api/jobs/{job.pk}/file/"
    file = _api(cast.officer_a).get(body["file_url"])
    assert file.status_code == 200 and b"".join(file.streaming_content) == b"1 2 3"
    html = _client(cast.officer_a).get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert 'data-status="done"' in html and reverse("jobs:download", args=[job.pk]) in html and "hx-get" not in html


def test_the_progress_fragment_polls_while_queued_or_running(cast, settings):
    settings.JOBS = "queue"
    job = _start(cast)
    assert runner.dispatch(job) == "queued"
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, done=2, total=5, message="Đang ghi trang 2")
    html = _client(cast.officer_a).get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert f'hx-get="{reverse("jobs:status", args=[job.pk])}"' in html and 'aria-valuenow="40"' in html
    assert 'role="progressbar"' in html and "Đang ghi trang 2 (2/5)" in html and "Tải về" not in html
    assert _api(cast.officer_a).get(f"/api/jobs/{job.pk}/file/").status_code == 409


def test_a_failure_is_recorded_with_a_vietnamese_message(cast):
    explained = runner.run(_start(cast, broken, explained=True).pk)
    assert explained.status == Status.FAILED and explained.finished_at
    assert explained.error == "Dòng 12, cột “Ngày sinh”: 31/06/2020 không phải một ngày có thật."
    unexpected = runner.run(_start(cast, broken).pk)
    assert unexpected.status == Status.FAILED and unexpected.error == "Lỗi không lường trước (RuntimeError): ổ đĩa đầy"
    html = _client(cast.officer_a).get(reverse("jobs:status", args=[unexpected.pk])).content.decode()
    assert 'data-status="failed"' in html and "Không hoàn thành được: Lỗi không lường trước" in html
    assert 'role="alert"' in html and "hx-get" not in html


def test_one_pending_job_per_kind_and_organization_where_the_kind_asks(cast, settings):
    settings.JOBS = "queue"
    first = _start(cast, exclusive_import)
    with pytest.raises(runner.JobAlreadyRunning) as refused:
        _start(cast, exclusive_import, user=cast.viewer_a)
    assert "“Nhập thử” của “Đảng bộ huyện An Lạc” đang chờ hoặc đang chạy (yêu cầu ngày 10/03/2025)" in refused.value.messages[0]
    runner.start(exclusive_import, by=cast.officer_b, organization=cast.tree.district_b)  # another organization
    _start(cast)
    _start(cast)  # a kind that does not ask for it: as many as one likes
    runner.run(first.pk)
    assert _start(cast, exclusive_import).status == Status.QUEUED  # the first one is done: a new one may start


def test_dispatch_modes(cast, settings):
    settings.JOBS = "thread"
    small = _start(cast)
    assert runner.dispatch(small, background=False) == "inline"
    assert Job.objects.get(pk=small.pk).status == Status.DONE
    big = _start(cast)
    assert runner.dispatch(big) == "thread"  # started once the transaction commits
    settings.JOBS = "queue"
    queued = _start(cast)
    assert runner.dispatch(queued, background=False) == "queued"
    assert runner.run_pending() == 2  # the one the thread would have run (never committed here) and this one


def test_a_stale_running_job_is_taken_again_a_fresh_one_is_not(cast, settings):
    settings.JOBS_STALE_MINUTES = 30
    job = _start(cast)
    assert runner.claim(job.pk) and not runner.claim(job.pk)
    Job.objects.filter(pk=job.pk).update(started_at=job.created_at - dt.timedelta(minutes=31))
    assert runner.claim(job.pk)


def test_a_job_reads_its_input_file_which_goes_with_it(cast, settings, tmp_path):
    job = runner.start(upper_case_input, by=cast.officer_a, organization=cast.tree.district_a,
                       input_file=("danh-sach.csv", b"ho ten,ngay sinh"))
    assert job.input_file.name.startswith("jobs/input/") and (tmp_path / job.input_file.name).exists()
    job = runner.run(job.pk)
    assert job.status == Status.DONE and job.file.read() == b"HO TEN,NGAY SINH"
    Job.objects.filter(pk=job.pk).update(finished_at=job.finished_at - dt.timedelta(days=31))
    settings.JOBS_RETENTION_DAYS = 30
    assert runner.clean_up() == 1
    assert not (tmp_path / job.input_file.name).exists() and not (tmp_path / job.file.name).exists()


def test_an_unknown_kind_is_refused(cast):
    with pytest.raises(runner.JobError, match="không được đăng ký"):
        runner.start("os.system", by=cast.officer_a, organization=cast.tree.district_a)


@pytest.mark.parametrize("who, seen", [
    ("officer_a", True), ("admin", True),
    ("viewer_a", False),  # same district, may read its register, but did not ask
    ("officer_b", False), ("member_a1", False),
])
def test_only_who_asked_and_administrators_see_a_job(cast, who, seen):
    job = runner.run(_start(cast).pk)
    user = getattr(cast, who)
    code = 200 if seen else 404
    assert _api(user).get(f"/api/jobs/{job.pk}/").status_code == code
    assert _api(user).get(f"/api/jobs/{job.pk}/file/").status_code == code
    assert _client(user).get(reverse("jobs:status", args=[job.pk])).status_code == code
    assert _client(user).get(reverse("jobs:download", args=[job.pk])).status_code == code
    assert [j["id"] for j in _api(user).get("/api/jobs/").json()["results"]] == ([job.pk] if seen else [])
    listed = _client(user).get(reverse("jobs:index")).content.decode()
    assert (reverse("jobs:detail", args=[job.pk]) in listed) == (who == "officer_a")  # one's own jobs only


def test_who_asked_loses_the_job_with_the_scope(cast):
    from dangvu.accounts.models import Scope

    job = runner.run(_start(cast).pk)
    Scope.objects.filter(user=cast.officer_a).delete()
    assert _api(cast.officer_a).get(f"/api/jobs/{job.pk}/").status_code == 404


def test_anonymous_users_are_refused(cast):
    job = runner.run(_start(cast).pk)
    assert APIClient().get(f"/api/jobs/{job.pk}/").status_code in (401, 403)
    assert Client().get(reverse("jobs:status", args=[job.pk])).status_code == 302


def test_finished_jobs_and_their_files_go_after_the_retention_period(cast, settings, tmp_path, monkeypatch):
    settings.JOBS_RETENTION_DAYS = 30
    old, recent = (runner.run(_start(cast).pk) for _ in range(2))
    failed = runner.run(_start(cast, broken).pk)
    settings.JOBS = "queue"
    queued = _start(cast)
    now = old.finished_at
    Job.objects.filter(pk=old.pk).update(finished_at=now - dt.timedelta(days=31))
    Job.objects.filter(pk=failed.pk).update(finished_at=now - dt.timedelta(days=45))
    Job.objects.filter(pk=recent.pk).update(finished_at=now - dt.timedelta(days=29))
    Job.objects.filter(pk=queued.pk).update(created_at=now - dt.timedelta(days=90))
    old_file = tmp_path / old.file.name
    assert old_file.exists()
    out = StringIO()
    call_command("clean_job_files", "--days", "0", stdout=out)
    assert "giữ tất cả" in out.getvalue() and Job.objects.count() == 4
    call_command("clean_job_files", stdout=out)
    assert "Đã xóa 2 công việc cũ (quá 30 ngày)" in out.getvalue()
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk}
    assert not old_file.exists() and (tmp_path / recent.file.name).exists()

    from dangvu.jobs.management.commands import run_jobs

    monkeypatch.setattr(run_jobs, "close_old_connections", lambda: None)  # would close the test's own on PostgreSQL
    call_command("run_jobs", "--once", stdout=out)
    assert "Đã chạy 1 công việc" in out.getvalue()
    assert Job.objects.get(pk=queued.pk).status == Status.DONE


def test_the_api_is_in_the_schema(cast):
    schema = _api(cast.officer_a).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {"/api/jobs/", "/api/jobs/{id}/", "/api/jobs/{id}/file/"} <= set(schema["paths"])


def test_the_django_admin_lists_jobs_read_only(cast):
    from dangvu.accounts.models import User

    job = runner.run(_start(cast).pk)
    admin = _client(User.objects.create_superuser("quantri.jobs", password="x-Quantri-2025"))
    listing = admin.get("/quan-tri/jobs/job/").content.decode()
    assert "100%" in listing and f"/quan-tri/jobs/job/{job.pk}/change/" in listing
    assert admin.get("/quan-tri/jobs/job/add/").status_code == 403
    assert admin.post(f"/quan-tri/jobs/job/{job.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Job.objects.filter(pk=job.pk).exists()


@pytest.mark.django_db
def test_worker_passes_run_first_and_a_failing_one_does_not_stop_the_worker(monkeypatch):
    def failing():
        raise RuntimeError("hỏng")

    def due():
        return "Đã lên lịch việc hằng ngày"

    monkeypatch.setattr(runner, "WORKER_PASSES", {})
    runner.on_worker_pass(failing)
    runner.on_worker_pass(due)
    runner.on_worker_pass(due)  # registered once, by its dotted name
    assert runner.run_worker_passes() == ["Đã lên lịch việc hằng ngày"]
    from dangvu.jobs.management.commands import run_jobs

    monkeypatch.setattr(run_jobs, "close_old_connections", lambda: None)  # would close the test's own on PostgreSQL
    out = StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert out.getvalue().count("Đã lên lịch việc hằng ngày") == 1
