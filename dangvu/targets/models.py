"""Targets of a congress resolution or a yearly plan (chỉ tiêu), their breakdown to the organizations
below, and the actuals entered by hand with their evidence.

A target is defined at one organization for a period (a committee term, or a year), in words
("Kết nạp ≥ 35 đảng viên, 2–3 trong doanh nghiệp ngoài nhà nước") and as a comparison with one or two
thresholds. Its actual is either a figure of the statistics registry (`figure_code`, its value or its
percentage of its denominator), computed over the organization's subtree for the period — so a
parent's actual rolls its children's up by construction — or the last value entered by hand
(`TargetActual`, with evidence, audited). A code not registered yet is kept as written: the target
shows "chưa có số liệu" until a capability registers it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.organizations.models import CommitteeTerm, Organization
from dangvu.targets.kinds import Comparison, Measure, PlanKind
from dangvu.targets.querysets import ActualQuerySet, TargetQuerySet


class Target(VersionedModel):
    organization = models.ForeignKey(Organization, verbose_name=_("tổ chức đặt chỉ tiêu"), on_delete=models.PROTECT,
                                     related_name="targets")
    parent = models.ForeignKey("self", verbose_name=_("chỉ tiêu cấp trên (phân bổ từ)"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    plan_kind = models.CharField(_("loại văn bản"), max_length=20, choices=PlanKind.choices)
    source = models.CharField(_("nghị quyết, kế hoạch"), max_length=255)
    term = models.ForeignKey(CommitteeTerm, verbose_name=_("nhiệm kỳ"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    number = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    text = models.TextField(_("nội dung chỉ tiêu"))
    comparison = models.CharField(_("so sánh"), max_length=10, choices=Comparison.choices)
    threshold = models.DecimalField(_("mức chỉ tiêu"), max_digits=12, decimal_places=2)
    threshold_high = models.DecimalField(_("mức trên (với “trong khoảng”)"), max_digits=12, decimal_places=2, null=True,
                                         blank=True)
    measure = models.CharField(_("cách tính kết quả"), max_length=10, choices=Measure.choices)
    figure_code = models.CharField(_("mã số liệu thống kê"), max_length=120, blank=True)
    as_percent = models.BooleanField(_("tính theo tỷ lệ %"), default=False)

    objects = TargetQuerySet.as_manager()

    AUDIT_FIELDS = ["organization", "parent", "plan_kind", "source", "term", "period_start", "period_end", "number", "text",
                    "comparison", "threshold", "threshold_high", "measure", "figure_code", "as_percent"]

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["organization", "period_start", "id"]
        indexes = [models.Index(fields=["organization", "period_start"], name="target_org_period")]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gt=F("period_start")), name="target_positive_period"),
            models.CheckConstraint(condition=Q(threshold_high__isnull=True) | Q(threshold_high__gte=F("threshold")),
                                   name="target_high_not_below_low"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}" if self.number else self.text


class TargetActual(models.Model):
    """A result entered by hand (kết quả thực hiện) with its evidence; append-only, the last one counts."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="actuals")
    value = models.DecimalField(_("kết quả thực hiện"), max_digits=12, decimal_places=2)
    recorded_on = models.DateField(_("tính đến ngày"))
    evidence = models.TextField(_("minh chứng"))
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="targets/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActualQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả thực hiện chỉ tiêu")
        ordering = ["target", "recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.target}: {self.value} ({self.recorded_on:%d/%m/%Y})"
