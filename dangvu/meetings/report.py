"""The cell-meetings section of the year-end report (dangvu.core.report_sections): regular meetings held against
one a month for each cell (G1), thematic ones against the parameter a quarter (G5), meetings shorter than the
minimum (G2), attendance and unexcused absences, meetings by party group (G6), the quality self-assessment (G7).

The cells required to meet are those of the subtree at the end of the period (cells and grassroots cells): a
cell established or dissolved during the year is counted for the whole year, an approximation the text says."""

from dangvu.core.report_sections import ReportContext, Section, Table
from dangvu.rules.parameters import params_on

HELD, REGULAR, THEMATIC, SHORT = "meetings.held", "meetings.held.regular", "meetings.held.thematic", "meetings.held.short"
ATTENDANCE, PRESENT, UNEXCUSED = "meetings.attendance", "meetings.attendance.present", "meetings.attendance.unexcused"
CELLS = ("organizations.cells", "organizations.grassroots.cells")
GROUP, SCORED, GOOD = "meetings.held.group", "meetings.quality.scored", "meetings.quality.good"

FIGURES = [HELD, "meetings.*", *CELLS]


def sections(ctx: ReportContext) -> list[Section]:
    codes = ctx.family("meetings")
    if not ctx.count(HELD):
        return []
    start, end = ctx.window.start, ctx.window.end
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    cells = sum(ctx.count(c) for c in CELLS if ctx.has(c))
    per_quarter = params_on(end)["meetings.thematic_per_quarter"]
    quarters = (months + 2) // 3
    paragraphs = [
        f"Các chi bộ đã tổ chức {ctx.n(REGULAR)} buổi sinh hoạt thường kỳ (yêu cầu {cells * months} buổi: {cells} chi bộ × "
        f"{months} tháng) và {ctx.n(THEMATIC)} buổi sinh hoạt chuyên đề (yêu cầu tối thiểu {cells * quarters * per_quarter} "
        f"buổi); {ctx.n(SHORT)} buổi có thời lượng dưới mức tối thiểu.",
    ]
    if ctx.count(ATTENDANCE):
        paragraphs.append(f"Tỷ lệ đảng viên tham dự sinh hoạt: {ctx.pct(PRESENT, ATTENDANCE)}; {ctx.n(UNEXCUSED)} lượt vắng "
                          f"không lý do.")
    if ctx.count(GROUP):
        paragraphs.append(f"{ctx.n(GROUP)} buổi sinh hoạt thường kỳ được tổ chức theo tổ đảng (thí điểm).")
    if ctx.count(SCORED):
        paragraphs.append(f"{ctx.n(SCORED)} buổi sinh hoạt được chi bộ tự chấm điểm chất lượng theo phiếu chấm điểm của tỉnh "
                          f"ủy, trong đó {ctx.n(GOOD)} buổi đạt chất lượng tốt ({ctx.pct(GOOD)}).")
    table = Table(f"Sinh hoạt chi bộ năm {ctx.year}", ctx.rows(codes))
    return [Section("meetings", "Sinh hoạt chi bộ", paragraphs, [table])]
