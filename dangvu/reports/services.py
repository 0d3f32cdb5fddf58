"""Starting a year-end report (the only write of the app besides the job runner's progress)."""

from django.core.exceptions import ValidationError

from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.figures import Window
from dangvu.jobs import runner
from dangvu.statistics import engine

from .models import YEARLY_KIND, Format, ReportJob, Rounding
from .selectors import reportable

FIRST_YEAR = 1930


@audited
def start_report(*, by, organization, year: int, fmt: str, rounding: str = Rounding.HALF_UP) -> ReportJob:
    """Record a request for the year-end report of `organization` for `year` in format `fmt`; the job
    runner (dangvu.reports.jobs) makes the file."""
    if not reportable(by).filter(pk=organization.pk).exists():
        raise PermissionDeniedInScope(f"Bạn không có quyền lập báo cáo của “{organization.name}”.")
    errors = {}
    if fmt not in Format.values:
        errors["format"] = f"Định dạng: chọn một trong {', '.join(Format.values)}."
    if rounding not in Rounding.values:
        errors["rounding"] = f"Cách làm tròn: chọn một trong {', '.join(Rounding.values)}."
    from dangvu.core.dates import today

    if not FIRST_YEAR <= year <= today().year:
        errors["year"] = f"Năm: từ {FIRST_YEAR} đến {today().year}."
    if errors:
        raise ValidationError(errors)
    size = engine.value(Window.year(organization, year), "members.total").value
    job = runner.start(YEARLY_KIND, by=by, organization=organization, size=size,
                       params={"year": year, "format": fmt, "rounding": rounding})
    job = ReportJob.objects.get(pk=job.pk)
    audit.record(actor=by, action="reports.generate", obj=organization,
                 data={"year": year, "format": fmt, "rounding": rounding, "job": job.pk})
    return job
