"""The import as background jobs (dangvu.jobs): checking a large file, and applying it.

Both are exclusive: one import job at a time per organization (runner.JobAlreadyRunning otherwise).
The rows run inside one transaction (all or nothing), so `job.progress` written on the same database
connection becomes visible when that transaction ends: on this branch the bar moves from "queued" to
"running" to done, not row by row (a progress channel on a second connection is future work).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.imports import services
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.jobs.runner import JobError, job_kind


def _checked(job, check):
    """The job's file checked by `check` (services.preview or check_and_apply), with the column mapping last saved for
    this kind in this organization, as the page does for a small file."""
    job.input_file.open("rb")
    try:
        content = job.input_file.read()
    finally:
        job.input_file.close()
    kind = job.params["kind"]
    return check(by=job.requested_by, kind=kind, organization=job.organization, file_name=job.params["file_name"],
                 content=content, mapping=services.saved_mapping(kind, job.organization) or None, progress=job.progress)


@job_kind(_("Kiểm tra tệp nhập dữ liệu"), exclusive=True)
def check_file(job):
    return _result(_checked(job, services.preview))


@job_kind(_("Kiểm tra và nhập tệp"), exclusive=True)
def check_and_apply_file(job):
    """The file checked and, when no row is refused, applied in the same pass (half the time of check, then apply)."""
    run = _checked(job, services.check_and_apply)
    if run.status != RunStatus.APPLIED:
        raise JobError(_("Không nhập gì: có %(n)s dòng bị từ chối. Xem từng dòng lỗi ở lần nhập “%(file)s” trong danh "
                         "sách các lần nhập.") % {"n": run.counts.get("rejected", 0), "file": run.file_name},
                       result=_result(run))
    return _result(run)


def _result(run) -> dict:
    """What the job leaves: the run (its page: "Xem kết quả" on the job's page), its outcome and counts."""
    return {"import_run": run.pk, "status": run.status, "counts": run.counts, "link": reverse("imports:detail", args=[run.pk])}


@job_kind(_("Nhập dữ liệu từ tệp"), exclusive=True)
def apply_file(job):
    run = services.apply(by=job.requested_by, run=ImportRun.objects.get(pk=job.params["import_run"]), progress=job.progress)
    if run.status != RunStatus.APPLIED:
        raise JobError(_("Không nhập gì: dữ liệu đã thay đổi từ lúc kiểm tra và có %(n)s dòng bị từ chối.")
                       % {"n": run.counts.get("rejected", 0)}, result=_result(run))
    return _result(run)
