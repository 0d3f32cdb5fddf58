"""One row per import attempt: who, which file (name, SHA-256), what it would change and what happened;
and one row per row of the file that is new, changed or refused (ImportRow), read a page at a time.

The uploaded bytes are kept with the preview so that "apply" runs the very file that was checked (the
hash is compared), and so that the file with an added error column can be downloaded.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.querysets import NOW, RestrictedQuerySet
from dangvu.core.choices import TranslatedTextChoices


class ImportRunQuerySet(RestrictedQuerySet):
    """The imports of the organizations a user keeps the register of today (officers, administrators)."""

    scope_fields = {"organization": NOW}
    view_action = "members.change"
    change_action = "members.change"


class RunStatus(TranslatedTextChoices):
    PREVIEWED = "previewed", _("Đã kiểm tra, chưa nhập")
    APPLIED = "applied", _("Đã nhập")
    REJECTED = "rejected", _("Bị từ chối, không nhập gì")


class ImportRun(models.Model):
    kind = models.CharField(_("loại dữ liệu"), max_length=30)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT,
                                     related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    content = models.BinaryField(_("nội dung tệp"), editable=False)
    status = models.CharField(_("kết quả"), max_length=20, choices=RunStatus.choices)
    counts = models.JSONField(_("số dòng"), default=dict)
    # the file's outcome: counts, error, header row and headers, column mapping; its rows are ImportRow
    report = models.JSONField(_("kết quả kiểm tra tệp"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by_label = models.CharField(_("người nhập"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    applied_at = models.DateTimeField(_("thời điểm nhập"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = "lần nhập dữ liệu"
        verbose_name_plural = "lần nhập dữ liệu"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "created_at"], name="importrun_org")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else self.file_name


class RowStatus(TranslatedTextChoices):
    NEW = "new", _("Mới")
    CHANGED = "changed", _("Thay đổi")
    REJECTED = "rejected", _("Bị từ chối")


class ImportRow(models.Model):
    """A row of the file the run would add, change or refused: its number in the file, the record it names, the
    columns it changes (column, now, in the file) or why it was refused (column, reason). The rows that change
    nothing are counted in the run, not kept. Their own table, not the run's report: a register's import has
    100.000 of them, and a page shows a hundred."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rows")
    row = models.PositiveIntegerField(_("dòng"))
    status = models.CharField(_("kết quả"), max_length=20, choices=RowStatus.choices)
    label = models.TextField(_("hồ sơ"), blank=True)
    diff = models.JSONField(_("thay đổi"), default=list, blank=True)  # [[column, now, in the file]]
    errors = models.JSONField(_("lỗi"), default=list, blank=True)  # [[column or "", reason]]

    class Meta:
        verbose_name = "dòng của lần nhập"
        verbose_name_plural = "dòng của lần nhập"
        ordering = ["row"]  # within a run (not "run": that would join the run to sort by its own ordering)
        indexes = [models.Index(fields=["run", "status", "row"], name="importrow_run")]

    def __str__(self) -> str:
        return f"{self.row}: {self.label}"
