"""A year-end report being produced (or produced): who asked, for which organization and year, in
which format, how far it has got, and the file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

# Who may generate and read the reports of an organization: whoever may read its register (the
# officers, the inspection officers, the cell secretaries, the viewers; not the member role).
VIEW = "members.view"


class Format(models.TextChoices):
    DOCX = "docx", "Word (DOCX)"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel (XLSX)"


class Rounding(models.TextChoices):
    HALF_UP = "half_up", _("Làm tròn (17,86%)")
    TRUNCATE = "truncate", _("Cắt bớt (17,85%)")


class Status(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ReportJobQuerySet(RestrictedQuerySet):
    """A job is seen by whoever may read the register of its organization (now or before)."""

    scope_fields = {"organization": EVER}
    view_action = VIEW

    def pending(self):
        return self.filter(status__in=[Status.QUEUED, Status.RUNNING])


class ReportJob(models.Model):
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người lập"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"),
                                     on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    format = models.CharField(_("định dạng"), max_length=8, choices=Format.choices)
    rounding = models.CharField(_("cách làm tròn tỷ lệ"), max_length=16, choices=Rounding.choices,
                                default=Rounding.HALF_UP)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("đang làm"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("số đảng viên của tổ chức"), default=0)
    file = models.FileField(_("tệp"), upload_to="reports/%Y/", blank=True)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo năm")
        verbose_name_plural = _("báo cáo năm")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="reports_job_progress_le_100"),
        ]

    def __str__(self):
        return f"Báo cáo năm {self.year} – {self.organization} ({self.get_format_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)
