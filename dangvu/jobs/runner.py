"""The ONE background-job mechanism of Đảng Vụ: large exports, year-end reports, imports, refreshes.

Writing a job kind (in your app's `jobs.py`, imported by its AppConfig.ready or by its views)::

    from dangvu.jobs.runner import JobError, job_kind

    @job_kind(_("Nhập danh sách đảng viên"), exclusive=True)   # exclusive: one pending per organization
    def import_members(job):                                  # kind = "dangvu.myapp.jobs.import_members"
        rows = load(job.input_file, job.params["sheet"])      # job.params: the JSON given to start()
        for i, row in enumerate(rows, 1):                     # job.organization, job.requested_by
            ...
            job.progress(i, len(rows), _("Đang nhập dòng %(n)s") % {"n": i})  # done, total, message
        if problems:
            raise JobError("Dòng 12, cột “Ngày sinh”: …")     # recorded as the job's error, as written
        job.attach("ket-qua.xlsx", data, XLSX)                # optional: the file to download
        return {"imported": len(rows)}                        # optional: JSON kept as job.result

Starting it (in your service, after its own checks and audit)::

    from dangvu.jobs import runner

    job = runner.start(import_members, by=user, organization=org, params={...}, size=len(rows),
                       input_file=(upload.name, upload.read()))   # optional: read back as job.input_file
    runner.dispatch(job, background=len(rows) > threshold)    # "inline", "thread" or "queued"

`start` raises `JobAlreadyRunning` (a ValidationError, message in Vietnamese) when the kind is exclusive
and a job of that kind for that organization is still queued or running.

The runner finds a kind by its dotted name (it imports the module), so a worker needs no registration
list. Showing it: redirect to `/cong-viec/<id>/?next=<back>` (`jobs:detail`, the job's page; the
user's jobs are listed at `/cong-viec/`), or include `{% include "jobs/_progress.html" with job=job %}` (an accessible htmx
progress bar polling `/cong-viec/<id>/trang-thai/` every second, then the download link or the error);
the API answers `GET /api/jobs/<id>/` (status, done/total/percent, message, error, result, file_url) and
`GET /api/jobs/<id>/file/`. Both are scoped: only who asked (within their scope) and administrators;
anyone else gets 404.

Modes (setting JOBS, env JOBS; REPORT_JOBS is still read):
- "immediate": `dispatch` runs the job at once, in the caller (tests, commands);
- "thread" (default, `make run`): `dispatch(background=False)` runs it in the caller; a background job
  runs in a daemon thread of the web process once the request's transaction has committed. No extra
  process; a job interrupted by a restart stays "running" and `run_jobs` takes it again when stale;
- "queue" (production, several web processes): every job waits for the worker `manage.py run_jobs`.

A job runs outside any transaction of its own; the job function opens the transactions it needs (a
service call per row, or per chunk). `job.progress` writes on the job's connection: inside one
transaction that holds every row, the progress would be seen only at its end (and rolled back with
it). A failure never escapes the runner: `JobError` is recorded as its message; any other exception as
"Lỗi không lường trước (…)" with its text, and logged.

Retention: `clean_up()` deletes the jobs finished more than JOBS_RETENTION_DAYS days ago (default 30;
0 keeps all) with their files (result and input); `run_jobs` runs it on each pass, `manage.py
clean_job_files` alone.
A queued job, or a running one without news for JOBS_STALE_MINUTES (default 30), is taken by `run_jobs`.

Worker passes: an app whose work must happen on a schedule (once a day) registers a function with
`runner.on_worker_pass(fn)` (in its AppConfig.ready); `run_jobs` calls every one at the start of each
pass, before the queued jobs (fn starts a job of its own kind when it is due; returns a line to print or None).

Why not django-tasks: see README "Architecture" (no progress, no per-organization exclusivity, no
thread mode that keeps a row; pre-1.0 with breaking changes). The kinds are dotted names of functions,
as in Django 6's task interface, so a later move to `django.tasks` keeps every kind and every caller.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.dates import vn_date

from .kinds import KINDS, JobError, job_kind, kind, label_of  # noqa: F401  (the API of this module)
from .models import FINISHED, Job, Status

log = logging.getLogger(__name__)

MODES = ("thread", "queue", "immediate")


class JobAlreadyRunning(ValidationError):
    """An exclusive kind has a queued or running job for this organization."""


def mode() -> str:
    return getattr(settings, "JOBS", "thread")


# ------------------------------------------------------------------ start and dispatch


def start(function_or_name, *, by, organization, params: dict | None = None, size: int = 0,
          input_file: tuple[str, bytes] | None = None) -> Job:
    """Record a job of the kind (the decorated function or its dotted name) for `organization`, asked by
    `by`; `input_file` (name, bytes): a file the job reads (an uploaded spreadsheet), kept with the job.
    The caller has checked the permission and written the audit entry."""
    k = kind(getattr(function_or_name, "job_kind", function_or_name))
    try:
        with transaction.atomic():
            job = Job(kind=k.name, params=params or {}, organization=organization, size=size,
                      requested_by=by if getattr(by, "pk", None) else None, exclusive=k.exclusive)
            if input_file is not None:
                job.input_file.save(input_file[0], ContentFile(input_file[1]), save=False)
            job.save()
            return job
    except IntegrityError:
        if not k.exclusive:
            raise
        pending = Job.objects.pending().filter(kind=k.name, organization=organization).first()
        since = vn_date(timezone.localtime(pending.created_at).date()) if pending else ""
        raise JobAlreadyRunning(
            _("“%(label)s” của “%(org)s” đang chờ hoặc đang chạy (yêu cầu ngày %(since)s): chỉ một việc "
              "loại này được chạy cùng lúc cho một tổ chức; hãy chờ việc đó xong.")
            % {"label": k.label, "org": organization.name, "since": since},
            code="job_already_running") from None


def dispatch(job: Job, *, background: bool = True) -> str:
    """Run or queue `job`; returns how: "inline", "thread" or "queued". `background=False` (a small
    job) runs it in the caller except in "queue" mode."""
    how = mode()
    if how == "immediate" or (how == "thread" and not background):
        run(job.pk)
        return "inline"
    if how == "thread":
        transaction.on_commit(lambda: threading.Thread(target=_in_thread, args=(job.pk,), daemon=True,
                                                       name=f"job-{job.pk}").start())
        return "thread"
    return "queued"


def _in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        connection.close()


# ------------------------------------------------------------------ running


def _runnable() -> Q:
    stale = timezone.now() - dt.timedelta(minutes=getattr(settings, "JOBS_STALE_MINUTES", 30))
    return Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__lt=stale)


def claim(pk: int) -> bool:
    """Mark a queued (or stale running) job as running; False if another runner took it (one UPDATE …
    WHERE: of two runners, one changes the row, the other finds it changed)."""
    return Job.objects.filter(pk=pk).filter(_runnable()).update(
        status=Status.RUNNING, started_at=timezone.now(), done=0, message=_("Bắt đầu"), error="") == 1


def run(pk: int) -> Job:
    """Run job `pk` if it is runnable, recording progress, result, file or error; returns the job."""
    if claim(pk):
        _execute(pk)
    return Job.objects.get(pk=pk)


def _execute(pk: int) -> None:
    job = Job.objects.select_related("organization", "requested_by").get(pk=pk)
    try:
        result = kind(job.kind).function(job)
        Job.objects.filter(pk=pk).update(status=Status.DONE, result=result or {}, message=_("Đã xong"),
                                         done=job.total, finished_at=timezone.now())
    except JobError as exc:
        _fail(pk, str(exc), exc.result)
    except Exception as exc:  # a failed job is recorded on the job, never lost
        log.exception("job %s (%s) failed", pk, job.kind)
        _fail(pk, _("Lỗi không lường trước (%(type)s): %(text)s") % {"type": type(exc).__name__, "text": exc})


def _fail(pk: int, text: str, result: dict | None = None) -> None:
    Job.objects.filter(pk=pk).update(status=Status.FAILED, error=text[:2000], message=_("Lỗi"), result=result or {},
                                     finished_at=timezone.now())


def run_pending(limit: int | None = None) -> int:
    """Run the queued (and stale running) jobs, oldest first; returns how many were run."""
    pending = Job.objects.filter(_runnable()).order_by("created_at", "pk").values_list("pk", flat=True)
    ran = 0
    for pk in list(pending[:limit] if limit else pending):
        if claim(pk):
            _execute(pk)
            ran += 1
    return ran


# ------------------------------------------------------------------ worker passes

WORKER_PASSES: dict[str, object] = {}


def on_worker_pass(fn):
    """Register `fn() -> str | None`, called by `run_jobs` at the start of each pass (see above)."""
    WORKER_PASSES[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def run_worker_passes() -> list[str]:
    """Call every registered worker pass; returns the lines they report. A failure is logged, never raised
    (the worker keeps running the queue)."""
    lines = []
    for name, fn in list(WORKER_PASSES.items()):
        try:
            line = fn()
        except Exception:
            log.exception("worker pass %s failed", name)
            continue
        if line:
            lines.append(str(line))
    return lines


# ------------------------------------------------------------------ retention


def retention_days() -> int:
    return getattr(settings, "JOBS_RETENTION_DAYS", 30)


def clean_up(days: int | None = None) -> int:
    """Delete the jobs finished more than `days` (default JOBS_RETENTION_DAYS) days ago, and their files;
    returns how many. 0 days keeps everything. Queued and running jobs are never touched."""
    days = retention_days() if days is None else days
    if days <= 0:
        return 0
    cutoff = timezone.now() - dt.timedelta(days=days)
    removed = 0
    for job in Job.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).order_by("pk").iterator():
        for kept in (job.file, job.input_file):
            if kept:
                kept.delete(save=False)  # a file already gone is no error (the storage ignores it)
        job.delete()
        removed += 1
    return removed
