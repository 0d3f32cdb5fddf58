"""Running the report jobs: in the request, in a background thread of the web process, or by a worker.

`dispatch(job)` decides, from the setting REPORT_JOBS:
- "immediate": the job runs at once, in the caller (tests, commands);
- "thread" (default, `make run`): a report of an organization with at most REPORT_INLINE_MEMBERS
  members (default 3.000) runs in the request; a larger one runs in a background thread of the web
  process once the request's transaction has committed; the page polls its progress. No extra
  process is needed; a job interrupted by a restart of the server stays "running" and is picked up
  again by `manage.py run_report_jobs` (it takes jobs queued, and jobs running without progress for
  REPORT_STALE_MINUTES);
- "queue": every job waits for the worker `manage.py run_report_jobs` (several web processes,
  production on PostgreSQL).

The job's progress is written with UPDATE … WHERE pk (outside any transaction of the report), so the
status endpoint reads it while the report is being made.

Old report files are not kept for ever: `clean_up()` deletes the jobs that finished (done or failed)
more than REPORT_RETENTION_DAYS days ago (default 30; 0 keeps them all) with their files. The worker
`run_report_jobs` runs it on each pass, and `manage.py clean_report_files` runs it alone (a daily cron
job where no worker runs, e.g. with REPORT_JOBS=thread). A report is made again from live data at will;
what a period froze is in the submitted tables (statistics), not in these files.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from . import render
from .models import ReportJob, Status

log = logging.getLogger(__name__)


def mode() -> str:
    return getattr(settings, "REPORT_JOBS", "thread")


def inline_limit() -> int:
    return getattr(settings, "REPORT_INLINE_MEMBERS", 3000)


def dispatch(job: ReportJob) -> str:
    """Run or queue `job`; returns how: "inline", "thread" or "queued"."""
    how = mode()
    if how == "immediate" or (how == "thread" and job.size <= inline_limit()):
        run(job.pk)
        return "inline"
    if how == "thread":
        transaction.on_commit(lambda: threading.Thread(target=_in_thread, args=(job.pk,), daemon=True,
                                                       name=f"report-job-{job.pk}").start())
        return "thread"
    return "queued"


def _in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        connection.close()


def _update(pk: int, **fields) -> None:
    ReportJob.objects.filter(pk=pk).update(**fields)


def claim(pk: int) -> bool:
    """Mark a queued (or stale running) job as running; False if another runner took it (one UPDATE …
    WHERE: of two runners, one changes the row, the other finds it changed)."""
    return ReportJob.objects.filter(pk=pk).filter(_runnable()).update(
        status=Status.RUNNING, started_at=timezone.now(), progress=0, step="Bắt đầu", error="") == 1


def _runnable() -> Q:
    stale = timezone.now() - dt.timedelta(minutes=getattr(settings, "REPORT_STALE_MINUTES", 30))
    return Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__lt=stale)


def run(pk: int) -> ReportJob:
    """Make the file of job `pk`, recording progress, the file or the error."""
    if claim(pk):
        _make(pk)
    return ReportJob.objects.get(pk=pk)


def _make(pk: int) -> None:
    job = ReportJob.objects.select_related("organization").get(pk=pk)

    def progress(pct: int, step: str) -> None:
        _update(pk, progress=min(max(pct, 0), 99 if pct < 100 else 100), step=step[:200])

    try:
        data = render.yearly(job.organization, job.year, job.format, rounding=job.rounding, progress=progress)
        name = render.filename(job.organization, job.year, job.format)
        job.file.save(name, ContentFile(data), save=False)
        _update(pk, file=job.file.name, filename=name, status=Status.DONE, progress=100, step="Đã xong",
                finished_at=timezone.now())
    except Exception as exc:  # a failed report is recorded on the job, never lost
        log.exception("report job %s failed", pk)
        _update(pk, status=Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], step="Lỗi",
                finished_at=timezone.now())


def retention_days() -> int:
    return getattr(settings, "REPORT_RETENTION_DAYS", 30)


def clean_up(days: int | None = None) -> int:
    """Delete the jobs finished more than `days` (default REPORT_RETENTION_DAYS) days ago, and their
    files; returns how many. 0 days keeps everything. Queued and running jobs are never touched."""
    days = retention_days() if days is None else days
    if days <= 0:
        return 0
    cutoff = timezone.now() - dt.timedelta(days=days)
    old = ReportJob.objects.filter(status__in=[Status.DONE, Status.FAILED], finished_at__lt=cutoff).order_by("pk")
    removed = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)  # a file already gone is no error (the storage ignores it)
        job.delete()
        removed += 1
    return removed


def run_pending(limit: int | None = None) -> int:
    """Run the queued (and stale running) jobs, oldest first; returns how many were run."""
    pending = ReportJob.objects.filter(_runnable()).order_by("created_at", "pk").values_list("pk", flat=True)
    done = 0
    for pk in list(pending[:limit] if limit else pending):
        if claim(pk):
            _make(pk)
            done += 1
    return done
