"""A background job (dangvu.jobs.runner): what to run (a registered kind and its parameters), who asked,
for which organization (its scope), how far it has got, and what came out (a file, a result, an error)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.accounts import permissions
from dangvu.accounts.querysets import EVER, RestrictedQuerySet

from .kinds import label_of

# A job is seen by whoever may read the register of its organization (now or before); the status
# endpoint narrows that to who asked (administrators see every job).
VIEW = "members.view"


class Status(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


PENDING = (Status.QUEUED, Status.RUNNING)
FINISHED = (Status.DONE, Status.FAILED)


class JobQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW

    def pending(self):
        return self.filter(status__in=PENDING)

    def asked_by(self, user):
        """The jobs `user` asked for and may still see (scope); an administrator: every job."""
        visible = self.restrict(user)
        return visible if permissions.is_system_admin(user) else visible.filter(requested_by=user)


class Job(models.Model):
    kind = models.CharField(_("loại công việc"), max_length=200, db_index=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"),
                                     on_delete=models.PROTECT, related_name="+")
    exclusive = models.BooleanField(_("một việc một lúc"), default=False,
                                    help_text=_("Chỉ một công việc loại này của tổ chức được chờ hoặc chạy cùng lúc."))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("đã làm"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    message = models.CharField(_("đang làm"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("quy mô"), default=0)
    input_file = models.FileField(_("tệp đầu vào"), upload_to="jobs/input/%Y/", blank=True, max_length=300)
    file = models.FileField(_("tệp"), upload_to="jobs/%Y/", blank=True, max_length=300)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=100, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("công việc nền")
        verbose_name_plural = _("công việc nền")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                                   name="jobs_job_done_le_total"),
            # one pending job per (kind, organization) where the kind asks for it (an import of a cell)
            models.UniqueConstraint(fields=["kind", "organization"],
                                    condition=models.Q(exclusive=True, status__in=["queued", "running"]),
                                    name="jobs_job_one_pending_per_kind_and_organization"),
        ]

    def __str__(self):
        return f"{self.label} – {self.organization} (#{self.pk})"

    @property
    def label(self) -> str:
        return label_of(self.kind)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        """0–100; 100 only once done (a running job at its last step shows 99)."""
        if self.status == Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, self.done * 100 // self.total)

    # ------------------------------------------------ the API of a running job function (runner docstring)

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        """Record how far the job has got: `done` of `total` units (rows, organizations, steps; total
        kept from the previous call when None), and what it is doing, in Vietnamese. Written at once
        with one UPDATE, outside any transaction of the job, so the status endpoint sees it."""
        total = self.total if total is None else max(int(total), 0)
        done = min(max(int(done), 0), total) if total else max(int(done), 0)
        self.done, self.total, self.message = done, total, str(message)[:200]
        Job.objects.filter(pk=self.pk).update(done=self.done, total=self.total, message=self.message)

    def attach(self, filename: str, data: bytes, content_type: str) -> None:
        """Keep `data` as the job's file (the download link appears once the job is done)."""
        self.file.save(filename, ContentFile(data), save=False)
        self.filename, self.content_type = filename[:200], content_type[:100]
        Job.objects.filter(pk=self.pk).update(file=self.file.name, filename=self.filename,
                                               content_type=self.content_type)

