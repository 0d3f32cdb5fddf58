"""The summary refresh on the one job mechanism (dangvu.statistics.jobs): a register change schedules one
refresh job after its commit (coalesced while one is pending), the job brings the summary back to the live
query, and the worker's daily pass summarizes today's day."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.core.figures import Window
from dangvu.jobs import runner
from dangvu.jobs.models import Job, Status
from dangvu.members.kinds import EventType
from dangvu.statistics import engine, jobs, summaries
from dangvu.statistics.models import SummaryDay, SummaryMark
from tests.clock import TODAY
from tests.statistics.conftest import _event
from tests.statistics.test_summaries import richer  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
D = dt.date
KIND = jobs.refresh_summaries.job_kind


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    from dangvu.jobs.management.commands import run_jobs

    monkeypatch.setattr(run_jobs, "close_old_connections", lambda: None)  # would close the test's own on PostgreSQL


def _refresh_jobs():
    return Job.objects.filter(kind=KIND)


def _equals_live(org) -> None:
    window = Window.on(org, TODAY)
    codes = summaries.summarizable_codes()
    served = summaries.serve(window, codes)
    assert set(served) == set(codes)  # fresh: every summarizable figure came from the summary
    live = engine.counts(window, codes, summary=False)
    assert served == {c: live[c] for c in codes}


def test_a_register_change_schedules_one_refresh_job_coalesced(richer, settings,  # noqa: F811
                                                                django_capture_on_commit_callbacks):
    settings.JOBS = "queue"
    t, m = richer.tree, richer.m
    summaries.refresh([TODAY, TODAY - dt.timedelta(days=1)])
    assert not _refresh_jobs().exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _event(m.m4, EventType.DECEASED, D(2026, 6, 1))
    assert len(callbacks) == 1  # one request per service call, however many marks it wrote
    job = _refresh_jobs().get()
    assert job.status == Status.QUEUED and job.exclusive and job.organization == t.province
    assert not summaries.is_fresh(t.province, TODAY)

    # A second change while the job waits: its marks join the pending job, no second job.
    with django_capture_on_commit_callbacks(execute=True):
        _event(m.m7, EventType.DECEASED, D(2026, 7, 1))
    assert _refresh_jobs().count() == 1
    assert SummaryMark.objects.count() > 0

    assert runner.run_pending() == 1
    job.refresh_from_db()
    assert job.status == Status.DONE, job.error
    assert job.total == 2 and job.done == 2  # progress: the two summarized days
    assert job.result["days"] == [(TODAY - dt.timedelta(days=1)).isoformat(), TODAY.isoformat()]
    assert not SummaryMark.objects.exists()
    _equals_live(t.province)

    # Once it is done, the next change starts a new job.
    with django_capture_on_commit_callbacks(execute=True):
        _event(m.m1, EventType.DECEASED, D(2026, 8, 1))
    assert _refresh_jobs().filter(status=Status.QUEUED).count() == 1


def test_in_immediate_mode_the_refresh_runs_at_the_commit(richer, settings,  # noqa: F811
                                                          django_capture_on_commit_callbacks):
    settings.JOBS = "immediate"
    t, m = richer.tree, richer.m
    summaries.refresh([TODAY, TODAY - dt.timedelta(days=1)])
    with django_capture_on_commit_callbacks(execute=True):
        _event(m.m4, EventType.DECEASED, D(2026, 6, 1))
    job = _refresh_jobs().get()
    assert job.status == Status.DONE, job.error
    assert not SummaryMark.objects.exists()
    _equals_live(t.province)
    _equals_live(t.cell_a2)


def test_no_job_without_marks_nor_after_a_rollback(richer, settings,  # noqa: F811
                                                   django_capture_on_commit_callbacks):
    settings.JOBS = "queue"
    m = richer.m
    with django_capture_on_commit_callbacks(execute=True):  # no day summarized: nothing marked, nothing scheduled
        _event(m.m4, EventType.DECEASED, D(2026, 6, 1))
    assert not _refresh_jobs().exists()
    summaries.refresh([TODAY])
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _event(m.m7, EventType.DECEASED, D(2026, 7, 1))
            raise RuntimeError("rolled back")
    assert not SummaryMark.objects.exists() and not _refresh_jobs().exists()
    assert jobs.schedule_refresh() is None


def test_the_workers_daily_pass_summarizes_today(richer, settings):  # noqa: F811
    settings.JOBS = "queue"
    t = richer.tree
    two_days_ago = TODAY - dt.timedelta(days=2)
    summaries.refresh([two_days_ago])  # yesterday's pass kept the day before yesterday
    out = StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert "03/12/2026" in out.getvalue()
    job = _refresh_jobs().get()
    assert job.status == Status.DONE, job.error
    assert sorted(SummaryDay.objects.values_list("on", flat=True)) == summaries.default_days(TODAY)
    assert two_days_ago not in summaries.default_days(TODAY)  # it left the rolling days: forgotten
    _equals_live(t.province)

    call_command("run_jobs", "--once", stdout=StringIO())  # today's day is there: no second refresh
    assert _refresh_jobs().count() == 1


def test_the_command_still_refreshes(richer):  # noqa: F811
    out = StringIO()
    call_command("refresh_statistics", "--on", "03/12/2026", "--on", "02/12/2026", stdout=out)
    assert sorted(SummaryDay.objects.values_list("on", flat=True)) == [TODAY - dt.timedelta(days=1), TODAY]
    assert "03/12/2026" in out.getvalue()
    _equals_live(richer.tree.province)


def test_a_failed_daily_pass_is_not_retried_every_pass(richer, settings, monkeypatch):  # noqa: F811
    settings.JOBS = "queue"

    def broken(days=None, organization=None, progress=None):
        raise RuntimeError("đĩa đầy")

    two_days_ago = TODAY - dt.timedelta(days=2)
    summaries.refresh([two_days_ago])
    monkeypatch.setattr(summaries, "refresh", broken)
    call_command("run_jobs", "--once", stdout=StringIO())
    job = _refresh_jobs().get()
    assert job.status == Status.FAILED and "đĩa đầy" in job.error
    call_command("run_jobs", "--once", stdout=StringIO())
    assert _refresh_jobs().count() == 1
    assert list(SummaryDay.objects.values_list("on", flat=True)) == [two_days_ago]  # kept: nothing replaced it


def test_no_daily_pass_while_the_summary_is_not_in_use(richer, settings):  # noqa: F811
    settings.JOBS = "queue"
    call_command("run_jobs", "--once", stdout=StringIO())
    assert not _refresh_jobs().exists() and not SummaryDay.objects.exists()
