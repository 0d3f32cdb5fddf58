"""A year-end report being produced (or produced): a background job (dangvu.jobs) whose parameters are
the year, the format and the rounding."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.jobs.models import Job, JobQuerySet, Status  # noqa: F401  (Status: the reports' names)

# Who may generate and read the reports of an organization: whoever may read its register (the
# officers, the inspection officers, the cell secretaries, the viewers; not the member role).
VIEW = "members.view"


# The kind of the year-end report jobs (dangvu.reports.jobs.yearly_report, registered there).
YEARLY_KIND = "dangvu.reports.jobs.yearly_report"


class Format(models.TextChoices):
    DOCX = "docx", "Word (DOCX)"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel (XLSX)"


class Rounding(models.TextChoices):
    HALF_UP = "half_up", _("Làm tròn (17,86%)")
    TRUNCATE = "truncate", _("Cắt bớt (17,85%)")


class ReportJobManager(models.Manager.from_queryset(JobQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(kind=YEARLY_KIND)


class ReportJob(Job):
    """A background job (dangvu.jobs) of the kind "year-end report": its year, format and rounding are
    the job's parameters."""

    objects = ReportJobManager()

    class Meta:
        proxy = True
        verbose_name = _("báo cáo năm")
        verbose_name_plural = _("báo cáo năm")

    def __str__(self):
        return f"Báo cáo năm {self.year} – {self.organization} ({self.get_format_display()})"

    @property
    def year(self) -> int:
        return self.params.get("year")

    @property
    def format(self) -> str:
        return self.params.get("format", "")

    @property
    def rounding(self) -> str:
        return self.params.get("rounding", Rounding.HALF_UP)

    def get_format_display(self) -> str:
        return str(dict(Format.choices).get(self.format, self.format))

    def get_rounding_display(self) -> str:
        return str(dict(Rounding.choices).get(self.rounding, self.rounding))
