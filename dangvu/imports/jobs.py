"""The import as background jobs (dangvu.jobs): checking a large file, and applying it.

Both are exclusive: one import job at a time per organization (runner.JobAlreadyRunning otherwise).
The rows run inside one transaction (all or nothing), so `job.progress` written on the same database
connection becomes visible when that transaction ends: on this branch the bar moves from "queued" to
"running" to done, not row by row (a progress channel on a second connection is future work).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dangvu.imports import services
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.jobs.runner import JobError, job_kind


@job_kind(_("Kiểm tra tệp nhập dữ liệu"), exclusive=True)
def check_file(job):
    job.input_file.open("rb")
    try:
        content = job.input_file.read()
    finally:
        job.input_file.close()
    run = services.preview(by=job.requested_by, kind=job.params["kind"], organization=job.organization,
                           file_name=job.params["file_name"], content=content, progress=job.progress)
    return {"import_run": run.pk, "status": run.status, "counts": run.counts}


@job_kind(_("Nhập dữ liệu từ tệp"), exclusive=True)
def apply_file(job):
    run = services.apply(by=job.requested_by, run=ImportRun.objects.get(pk=job.params["import_run"]), progress=job.progress)
    if run.status != RunStatus.APPLIED:
        raise JobError(_("Không nhập gì: dữ liệu đã thay đổi từ lúc kiểm tra và có %(n)s dòng bị từ chối.")
                       % {"n": run.counts.get("rejected", 0)})
    return {"import_run": run.pk, "status": run.status, "counts": run.counts}
