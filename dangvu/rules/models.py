"""Stored settings of the rules engine: parameter values set by administrators and the calendar
of public holidays (and make-up working days) used to count working days."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices


class ParameterValue(models.Model):
    """A value set for a parameter from a date on. Rows are only added: the history stays."""

    key = models.CharField(_("tham số"), max_length=80, db_index=True)
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=4)
    effective_from = models.DateField(_("áp dụng từ ngày"))
    # A local rule (domain-rules A18): the value applies only in this province (a provincial committee).
    province = models.ForeignKey("organizations.Organization", verbose_name=_("chỉ áp dụng trong tỉnh"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("căn cứ, lý do"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "effective_from", "id"]
        verbose_name = _("giá trị tham số")

    def __str__(self) -> str:
        return f"{self.key} = {self.display_value} từ {self.effective_from:%d/%m/%Y}"

    @property
    def display_value(self):
        from dangvu.rules.parameters import BY_KEY

        definition = BY_KEY.get(self.key)
        return definition.coerce(self.value) if definition else self.value


class DayKind(TranslatedTextChoices):
    HOLIDAY = "holiday", _("Ngày nghỉ lễ, Tết")
    COMPENSATORY = "compensatory", _("Nghỉ bù")
    MAKEUP_WORKDAY = "makeup_workday", _("Ngày làm bù (thứ Bảy, Chủ nhật đi làm)")


class CalendarDay(models.Model):
    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("tên"), max_length=120)
    source = models.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày trong lịch nghỉ")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
