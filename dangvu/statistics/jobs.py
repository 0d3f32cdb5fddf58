"""The summary refresh as a background job (dangvu.jobs): the one way the summary tables are kept fresh.

- `refresh_summaries` (exclusive: one pending or running at a time, so two refreshes never run at once)
  brings the summary up to date: the days named in its params (`{"days": ["YYYY-MM-DD", …]}`, the daily
  pass) and then whatever the register's changes marked stale (`summaries.refresh_stale`), again while
  changes committed during the run left marks.
- `schedule_refresh()` runs after the commit of a register write that marked the summary stale
  (`invalidation.mark` registers it with `transaction.on_commit`): it starts the job unless one is already
  pending (coalesced), and dispatches it in the background (mode "thread": a daemon thread; "queue": the
  worker; "immediate": at once, in the caller).
- `daily_pass()` (a worker pass of `run_jobs`): once the summary is in use (some day summarized: a first
  `refresh_statistics`, as nothing is marked before either), when today's day is not summarized yet, starts
  the job for `summaries.default_days()`; after refreshing them the job forgets the day that left the
  rolling default (the day before yesterday, unless a 31/12 kept).
- `run_by_hand(params, wait=…)`: what `manage.py refresh_statistics` runs: the same exclusive kind, started and
  run in the caller (params `"by_hand"`: exactly the recompute, `--stale` or `--forget` the command was asked,
  without the job's extra passes). A refresh already pending (the background one, or another command) makes it
  wait up to `wait` seconds, then refuse with `JobAlreadyRunning` (Vietnamese): two refreshes never interleave.
The job belongs to the root of the tree (a job has an organization); it is asked by no one (the system).
"""

from __future__ import annotations

import datetime as dt
import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.dates import today, vn_date
from dangvu.jobs import runner
from dangvu.jobs.models import Job
from dangvu.organizations.models import Organization
from dangvu.statistics import summaries
from dangvu.statistics.models import SummaryDay, SummaryMark

# Passes over marks a change committed while the job ran; a mark left after the last one waits for the
# next change (or the next daily pass): meanwhile the engine answers its organizations live.
PASSES = 3


@runner.job_kind(gettext_lazy("Cập nhật bảng tổng hợp số liệu thống kê"), exclusive=True)
def refresh_summaries(job):
    days = [dt.date.fromisoformat(d) for d in job.params.get("days", [])]
    rows, cleared = 0, 0

    def progress(done, total):
        job.progress(done, total, _("Đang tính tổng hợp: %(done)s/%(total)s ngày") % {"done": done, "total": total})

    if job.params.get("by_hand"):
        return _by_hand(job.params, days, progress)
    if days:
        done = summaries.refresh(days, progress=progress)
        rows += done.rows
        cleared += done.marks_cleared
        dropped = [dt.date.fromisoformat(d) for d in job.params.get("forget", [])]
        if dropped:
            summaries.forget(dropped)
    for _pass in range(PASSES):
        if not SummaryMark.objects.exists():
            break
        done = summaries.refresh_stale(progress=progress)
        rows += done.rows
        cleared += done.marks_cleared
    return {"days": [d.isoformat() for d in sorted(SummaryDay.objects.values_list("on", flat=True))], "rows": rows,
            "marks_cleared": cleared}


def _by_hand(params: dict, days: list[dt.date], progress) -> dict:
    """What the command asked, exactly (see `run_by_hand`); the result names the days it refreshed."""
    if params.get("forget"):
        dropped = [dt.date.fromisoformat(d) for d in params["forget"]]
        return {"forgotten": summaries.forget(dropped), "refreshed": [d.isoformat() for d in dropped],
                "rows": 0, "marks_cleared": 0}
    if params.get("stale"):
        done = summaries.refresh_stale(progress=progress)
    else:
        organization = Organization.objects.get(pk=params["organization"]) if params.get("organization") else None
        done = summaries.refresh(days or None, organization, progress=progress)
    return {"refreshed": [d.isoformat() for d in done.days], "rows": done.rows, "marks_cleared": done.marks_cleared}


def run_by_hand(params: dict, *, wait: int = 0) -> Job | None:
    """Run the refresh `manage.py refresh_statistics` was asked (params: `days`, `organization` (pk), `stale`,
    `forget`) as a `refresh_summaries` job, in the caller. While another refresh is pending, try again each
    second for up to `wait` seconds, then raise `runner.JobAlreadyRunning`. Returns the finished job (its
    `result`, or its `error` when it failed); None when there is no tree yet (nothing to refresh)."""
    root = _root()
    if root is None:
        return None
    for attempt in range(max(wait, 0) + 1):
        try:
            job = runner.start(refresh_summaries, by=None, organization=root, params={**params, "by_hand": True})
        except runner.JobAlreadyRunning:
            if attempt >= wait:
                raise
            time.sleep(1)
        else:
            job = runner.run(job.pk)
            while not job.finished:  # a worker (mode "queue") claimed it first: it runs the same params
                time.sleep(1)
                job.refresh_from_db()
            return job
    return None  # not reached: the last attempt returns or raises


def _pending() -> bool:
    return Job.objects.pending().filter(kind=refresh_summaries.job_kind).exists()


def _root() -> Organization | None:
    return Organization.objects.filter(parent__isnull=True).order_by("pk").first()


def _start(params: dict | None = None) -> Job | None:
    root = _root()
    if root is None:
        return None
    try:
        return runner.start(refresh_summaries, by=None, organization=root, params=params or {})
    except runner.JobAlreadyRunning:
        return None  # another request started it a moment ago: that one refreshes


def schedule_refresh() -> Job | None:
    """Start and dispatch the refresh when there is something to refresh and no refresh is pending;
    returns the job started (None: nothing to do, or coalesced into the pending one)."""
    if not SummaryMark.objects.exists() or _pending():
        return None
    job = _start()
    if job is not None:
        runner.dispatch(job, background=True)
    return job


def daily_pass() -> str | None:
    """The worker's daily refresh: today's day once, while the summary is in use (the job is run by the same
    pass of `run_jobs`)."""
    on = today()
    if not SummaryDay.objects.exists() or SummaryDay.objects.filter(on=on).exists() or _pending():
        return None
    if Job.objects.filter(kind=refresh_summaries.job_kind, params__has_key="days", created_at__date=on).exists():
        return None  # today's pass already ran and failed: its error is on the job, not retried every pass
    dropped = set(summaries.default_days(on - dt.timedelta(days=1))) - set(summaries.default_days(on))
    job = _start({"days": [d.isoformat() for d in summaries.default_days(on)],
                  "forget": [d.isoformat() for d in sorted(dropped)]})
    if job is None:
        return None
    runner.dispatch(job, background=True)  # mode "queue" (the worker): queued, run in this same pass
    return _("Đã lên lịch tính tổng hợp số liệu thống kê ngày %(day)s") % {"day": vn_date(on)}
