"""The targets section of the year-end report (dangvu.core.report_sections): the organization's own
congress-resolution and yearly-plan targets whose period overlaps the year, each with its result and
status, and the headline "13/15 chỉ tiêu đạt và vượt".

A target measured by a figure is evaluated by the statistics engine (dangvu.targets.evaluation), the
same number the targets page and the dashboard show. The report's organization is one the requesting
user may see (the reports app checks it), so its targets are read without a further restriction."""

from dangvu.core.dates import today
from dangvu.core.report_sections import ReportContext, Row, Section, Table
from dangvu.targets.dashboard import evaluation_day
from dangvu.targets.evaluation import evaluate, headline, overlapping
from dangvu.targets.kinds import TargetStatus
from dangvu.targets.models import Target

FIGURES: list[str] = []  # the targets evaluate their own figures through the engine


def sections(ctx: ReportContext) -> list[Section]:
    window = ctx.window
    targets = (overlapping(Target.objects.filter(organization=window.organization), window.start, window.end)
               .select_related("organization").order_by("period_start", "number", "id"))
    evaluations = list(evaluate(targets, evaluation_day(ctx.year, today())).values())
    if not evaluations:
        return []
    missed = [e for e in evaluations if e.status == TargetStatus.MISSED]
    sentence = f"Về thực hiện các chỉ tiêu nghị quyết, kế hoạch: {headline(evaluations)}"
    if missed:
        sentence += f"; {len(missed)} chỉ tiêu chưa đạt"
    rows = [Row(label=str(e.target), value=f"{e.expected_display} → {e.actual_display}", percent=e.status_label)
            for e in evaluations]
    table = Table(f"Kết quả thực hiện chỉ tiêu năm {ctx.year}", rows, columns=("Chỉ tiêu", "Yêu cầu → kết quả", "Đánh giá"))
    return [Section("targets", "Thực hiện các chỉ tiêu nghị quyết, kế hoạch", [sentence + "."], [table])]
