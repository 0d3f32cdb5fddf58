"""Submitted (locked) periods of the official tables.

When an officer sends the tables of an organization for a period upwards, the period is
**submitted**: a `SubmittedPeriod` (who, when, organization, window, note) with a frozen copy of every
registered figure (`SubmittedFigure`: code, label, value, denominator). From then on the tables of that
organization and window are read from the copy; a later correction of the register shows as an
explained difference against it (dangvu.statistics.periods.differences), never by changing it.
A period is reopened (by an administrator or an officer of the level above, with a reason) rather
than deleted: the copy stays, and the period may be submitted again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.querysets import EVER, RestrictedQuerySet
from dangvu.core.dates import vn_date
from dangvu.core.models import VersionedModel

VIEW = "members.view"  # the tables count the register: whoever reads the register of the subtree
SUBMIT = "statistics.submit"


class SubmittedPeriodQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = SUBMIT

    def current(self):
        """Submissions not reopened."""
        return self.filter(reopened_at__isnull=True)


class SubmittedPeriod(VersionedModel):
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"),
                                     on_delete=models.PROTECT, related_name="+")
    organization_name = models.CharField(_("tên tổ chức khi nộp"), max_length=255)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày (ngày số liệu)"))
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_by_label = models.CharField(_("người nộp"), max_length=200)
    reopened_at = models.DateTimeField(_("thời điểm mở lại"), null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reopened_by_label = models.CharField(_("người mở lại"), max_length=200, blank=True)
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)

    objects = SubmittedPeriodQuerySet.as_manager()

    AUDIT_FIELDS = ["organization", "start", "end", "note", "reopened_at", "reopen_reason"]

    class Meta:
        verbose_name = _("kỳ báo cáo đã nộp")
        verbose_name_plural = _("kỳ báo cáo đã nộp")
        ordering = ["-end", "organization_name", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "start", "end"], condition=Q(reopened_at__isnull=True),
                                    name="statperiod_one_open_submission"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="statperiod_start_before_end"),
        ]
        indexes = [models.Index(fields=["organization", "end"], name="statperiod_org_end")]

    def __str__(self) -> str:
        return f"{self.organization_name}: {self.period_text}"

    @property
    def period_text(self) -> str:
        return f"{vn_date(self.start)}–{vn_date(self.end)}"

    @property
    def is_open(self) -> bool:
        """Submitted and not reopened: its tables are frozen."""
        return self.reopened_at is None

    def lock_label(self) -> str:
        return f"Kỳ báo cáo {self}"


class SubmittedFigure(models.Model):
    """The value of one figure as submitted (append-only: never edited)."""

    period = models.ForeignKey(SubmittedPeriod, on_delete=models.PROTECT, related_name="figures")
    code = models.CharField(_("mã chỉ tiêu"), max_length=120)
    label = models.CharField(_("chỉ tiêu"), max_length=255)
    value = models.BigIntegerField(_("số lượng"))
    denominator = models.BigIntegerField(_("mẫu số"), null=True, blank=True)

    class Meta:
        verbose_name = _("số liệu đã nộp")
        verbose_name_plural = _("số liệu đã nộp")
        ordering = ["period", "id"]
        constraints = [models.UniqueConstraint(fields=["period", "code"], name="statfigure_one_per_code")]

    def __str__(self) -> str:
        return f"{self.code} = {self.value}"


class SummaryDay(models.Model):
    """A date for which the summary of the stock figures (`SummaryCount`) has been computed
    (dangvu.statistics.summaries). The rows of a day are served while no `SummaryMark` makes them stale."""

    on = models.DateField(_("ngày số liệu"), unique=True)
    refreshed_at = models.DateTimeField(_("thời điểm tính"))
    # The organizations of depth <= rollup_depth that day have their subtree totals (`SummaryRollup`); 0: none.
    rollup_depth = models.PositiveSmallIntegerField(_("số cấp có dòng tổng cộng"), default=0)

    class Meta:
        verbose_name = _("ngày tổng hợp số liệu")
        verbose_name_plural = _("ngày tổng hợp số liệu")
        ordering = ["on"]

    def __str__(self) -> str:
        return vn_date(self.on)


class SummaryCount(models.Model):
    """The count of one stock figure at one organization (the rows placed AT it, not below it) on one
    day, with the organization's path as the tree stood that day: a subtree's figure is the SUM over
    the rows under the subtree's path (one index range). Zero counts are not stored."""

    on = models.DateField()
    organization_id = models.IntegerField()
    path = models.CharField(max_length=255)
    code = models.CharField(max_length=120)
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["on", "path"], name="statsum_on_path", opclasses=["date_ops", "varchar_pattern_ops"],
                                include=["code", "value"]),
                   models.Index(fields=["on", "organization_id"], name="statsum_on_org")]

    def __str__(self) -> str:
        return f"{self.on} {self.path} {self.code} = {self.value}"


class SummaryRollup(models.Model):
    """The subtree total of one stock figure on one day for an organization of the top levels of the tree (depth
    <= its `SummaryDay.rollup_depth`): the SUM of the `SummaryCount` rows under its path that day, stored at refresh
    so that a big subtree (the nation, a province) reads one row per code. Fresh exactly when its day's counts
    under the path are (the same marks); zero totals are not stored."""

    on = models.DateField()
    organization_id = models.IntegerField()
    code = models.CharField(max_length=120)
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["on", "organization_id"], name="statrollup_on_org", include=["code", "value"])]

    def __str__(self) -> str:
        return f"{self.on} #{self.organization_id} {self.code} = {self.value}"


class SummaryMark(models.Model):
    """The register changed at an organization (`organization_id`; None: the tree itself changed, every
    row is stale): the summary rows of that organization are stale, on every day, until a refresh that
    started after the mark was written."""

    organization_id = models.IntegerField(null=True, blank=True, db_index=True)
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.organization_id or '*'} @ {self.marked_at}"


class SummaryFlow(models.Model):
    """One row counted by a summarized flow figure (dangvu.statistics.summaries, `FLOW_BASES`): the figure's code,
    the day of the row (`on`, e.g. the event's effective date), the organization it is placed at and that
    organization's path as the tree stood on the day the base places it (`day_before`: the day before `on`),
    and the key the figure counts (a member id). A subtree's flow over a period is then a COUNT (DISTINCT, when
    the base counts distinct members) over one index range of `on`, filtered on the path."""

    on = models.DateField()
    day_before = models.BooleanField(default=False)
    organization_id = models.IntegerField()
    path = models.CharField(max_length=255)
    code = models.CharField(max_length=120)
    key = models.IntegerField()
    # A transfer: the path of the other organization (where the member came from, on the day before; where they
    # went, on the day), counted only when it lay outside the window's subtree. NULL: counted.
    other_path = models.CharField(max_length=255, null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["on", "path"], name="statflow_on_path", opclasses=["date_ops", "varchar_pattern_ops"],
                                include=["code", "key", "day_before", "other_path"]),
                   models.Index(fields=["organization_id"], name="statflow_org")]

    def __str__(self) -> str:
        return f"{self.on} {self.path} {self.code} #{self.key}"


class SummaryFlowRun(models.Model):
    """The flows summary (`SummaryFlow`) has been computed (at `refreshed_at`): its rows are served while no
    `SummaryMark` lies in the subtree."""

    refreshed_at = models.DateTimeField(_("thời điểm tính"))

    def __str__(self) -> str:
        return str(self.refreshed_at)
