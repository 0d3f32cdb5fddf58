"""The year-end report as a background job of the one mechanism (dangvu.jobs.runner): the job kind,
and when a report runs in the background (an organization of more than REPORT_INLINE_MEMBERS members,
default 3.000; a smaller one is made in the request, except with JOBS=queue).

Old report files are not kept for ever: the runner's retention (JOBS_RETENTION_DAYS) deletes them. A
report is made again from live data at will; what a period froze is in the submitted tables
(statistics), not in these files."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dangvu.jobs import runner

from . import render
from .models import ReportJob


def inline_limit() -> int:
    return getattr(settings, "REPORT_INLINE_MEMBERS", 3000)


@runner.job_kind(_("Báo cáo năm"))
def yearly_report(job) -> dict:
    """Make the year-end report file of `job` (params: year, format, rounding)."""
    year, fmt = job.params["year"], job.params["format"]

    def progress(pct: int, step: str) -> None:
        job.progress(min(max(pct, 0), 100), 100, step)

    data = render.yearly(job.organization, year, fmt, rounding=job.params.get("rounding", "half_up"),
                         progress=progress)
    job.attach(render.filename(job.organization, year, fmt), data, render.CONTENT_TYPES[fmt])
    return {"bytes": len(data)}



def dispatch(job: ReportJob) -> str:
    """Run or queue the report job; returns "inline", "thread" or "queued"."""
    return runner.dispatch(job, background=job.size > inline_limit())
