"""`manage.py refresh_statistics` takes the exclusivity of the background refresh (the job kind
`refresh_summaries`): it refuses, or waits with `--wait`, while a refresh is pending, so two refreshes of the
summary tables never interleave."""

import datetime as dt
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from dangvu.jobs import runner
from dangvu.jobs.models import Job, Status
from dangvu.statistics import jobs, summaries
from dangvu.statistics.models import SummaryDay
from tests.clock import TODAY

KIND = jobs.refresh_summaries.job_kind
BUSY = "đang chờ hoặc đang chạy"


@pytest.mark.django_db
def test_the_command_refuses_while_a_refresh_is_pending_and_runs_as_the_job_after(data):
    root = data.tree.province
    background = runner.start(jobs.refresh_summaries, by=None, organization=root, params={})
    assert runner.claim(background.pk)  # running, as the background thread would have it
    with pytest.raises(CommandError, match=f"{BUSY}.*--wait GIÂY"):
        call_command("refresh_statistics", "--on", "03/12/2026")
    with pytest.raises(CommandError, match=BUSY):
        call_command("refresh_statistics", "--forget", "03/12/2026", "--wait", "1")
    assert not SummaryDay.objects.exists()
    assert Job.objects.filter(kind=KIND).count() == 1

    Job.objects.filter(pk=background.pk).update(status=Status.DONE)
    out = StringIO()
    call_command("refresh_statistics", "--on", "03/12/2026", stdout=out)
    assert list(SummaryDay.objects.values_list("on", flat=True)) == [TODAY]
    by_hand = Job.objects.filter(kind=KIND).exclude(pk=background.pk).get()
    assert by_hand.status == Status.DONE and by_hand.exclusive and by_hand.organization == root
    assert by_hand.params == {"days": ["2026-12-03"], "by_hand": True}
    assert f"Đã tính tổng hợp ngày 03/12/2026: {by_hand.result['rows']} dòng" in out.getvalue()
    assert f"(công việc #{by_hand.pk})" in out.getvalue()


@pytest.mark.django_db
def test_a_negative_wait_is_refused(data):
    with pytest.raises(CommandError, match="--wait: số giây chờ phải là số nguyên không âm"):
        call_command("refresh_statistics", "--wait", "-1")


@pytest.mark.django_db
def test_a_failed_refresh_by_hand_says_so(data, monkeypatch):
    def broken(days=None, organization=None, progress=None):
        raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(summaries, "refresh", broken)
    with pytest.raises(CommandError, match=r"Tính tổng hợp không xong \(công việc #\d+\): .*đĩa đầy"):
        call_command("refresh_statistics")
    assert not Job.objects.pending().exists()  # the slot is free again


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent connections: PostgreSQL (SQLite's in-memory test database is one connection)")
@pytest.mark.django_db(transaction=True)
def test_a_refresh_by_hand_never_interleaves_with_the_running_background_refresh(official_lists, data, monkeypatch):
    original = summaries.refresh
    entered, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow_first(days=None, organization=None, progress=None):
        first = not calls
        calls.append("start")
        if first:
            entered.set()
            assert release.wait(30)
        try:
            return original(days, organization, progress)
        finally:
            calls.append("end")

    monkeypatch.setattr(summaries, "refresh", slow_first)

    def in_thread(fn):
        def target():
            try:
                fn()
            finally:
                connection.close()
        worker = threading.Thread(target=target)
        worker.start()
        return worker

    background = runner.start(jobs.refresh_summaries, by=None, organization=data.tree.province,
                              params={"days": [TODAY.isoformat()]})
    bg = in_thread(lambda: runner.run(background.pk))
    assert entered.wait(30)
    with pytest.raises(CommandError, match=BUSY):  # refused at once
        call_command("refresh_statistics", "--on", "02/12/2026")

    out = StringIO()
    waiting = in_thread(lambda: call_command("refresh_statistics", "--on", "02/12/2026", "--wait", "20", stdout=out))
    time.sleep(1.5)
    assert waiting.is_alive() and calls == ["start"]  # still waiting: it has not started its refresh
    release.set()
    bg.join(30)
    waiting.join(30)
    assert not waiting.is_alive()
    assert calls == ["start", "end", "start", "end"]  # one after the other, never interleaved
    assert "Đã tính tổng hợp ngày 02/12/2026" in out.getvalue()
    assert sorted(SummaryDay.objects.values_list("on", flat=True)) == [TODAY - dt.timedelta(days=1), TODAY]
    assert list(Job.objects.filter(kind=KIND).values_list("status", flat=True)) == [Status.DONE, Status.DONE]
