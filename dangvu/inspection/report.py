"""The inspection and supervision section of the year-end report (dangvu.core.report_sections): "29 cuộc kiểm tra,
5 cuộc giám sát", by kind and result, and the share of members thematically inspected or supervised against the
target of K18 (the parameter in force at the end of the period)."""

from dangvu.core.report_sections import ReportContext, Section, Table
from dangvu.rules.parameters import params_on

CASES, INSPECTIONS, SUPERVISIONS = "inspection.cases", "inspection.inspections", "inspection.supervisions"
THEMATIC, SIGNS = "inspection.cases.by_kind.thematic_supervision", "inspection.cases.by_kind.signs_of_violation"
CONCLUDED, DISCIPLINE = "inspection.cases.concluded", "inspection.cases.by_result.discipline"
COVERED, TOTAL = "inspection.members_covered", "members.total"
DENUNCIATIONS, NOT_HANDLED = "inspection.denunciations", "inspection.denunciations.not_handled"

FIGURES = [CASES, "inspection.*", TOTAL]


def sections(ctx: ReportContext) -> list[Section]:
    if not ctx.count(CASES) and not ctx.count(DENUNCIATIONS):
        return []
    target = params_on(ctx.window.end, ctx.window.organization)["inspection.coverage_target_percent"]
    paragraphs = [
        f"Các cấp ủy, ủy ban kiểm tra và chi bộ đã tiến hành {ctx.n(INSPECTIONS)} cuộc kiểm tra ({ctx.n(SIGNS)} cuộc khi có "
        f"dấu hiệu vi phạm) và {ctx.n(SUPERVISIONS)} cuộc giám sát ({ctx.n(THEMATIC)} cuộc giám sát chuyên đề); "
        f"{ctx.n(CONCLUDED)} cuộc đã kết luận, {ctx.n(DISCIPLINE)} cuộc kết luận vi phạm đến mức phải xem xét kỷ luật.",
    ]
    if ctx.has(TOTAL) and ctx.count(TOTAL):
        paragraphs.append(f"{ctx.n(COVERED)} đảng viên được kiểm tra, giám sát chuyên đề, đạt {ctx.pct(COVERED, TOTAL)} "
                          f"tổng số đảng viên (chỉ tiêu {target}%).")
    if ctx.count(DENUNCIATIONS):
        paragraphs.append(f"Tiếp nhận {ctx.n(DENUNCIATIONS)} đơn tố cáo, trong đó {ctx.n(NOT_HANDLED)} đơn không đủ điều "
                          f"kiện giải quyết (nặc danh, mạo danh, không cụ thể hoặc không có chứng cứ).")
    table = Table(f"Kiểm tra, giám sát năm {ctx.year}", ctx.rows(ctx.family("inspection")))
    return [Section("inspection", "Công tác kiểm tra, giám sát", paragraphs, [table])]
