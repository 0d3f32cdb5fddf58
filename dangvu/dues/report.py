"""The dues section of the year-end report (dangvu.core.report_sections): members who paid dues, through
the portal, with a voluntary extra (the figures of dangvu.dues.figures); no section when nobody paid."""

from dangvu.core.report_sections import ReportContext, Section, Table

PAYERS, PORTAL, VOLUNTARY = "dues.payers", "dues.payers.portal", "dues.payers.voluntary"

FIGURES = [PAYERS, PORTAL, VOLUNTARY]


def sections(ctx: ReportContext) -> list[Section]:
    if not ctx.count(PAYERS):
        return []
    text = f"Trong năm, {ctx.n(PAYERS)} đảng viên đóng đảng phí"
    parts = []
    if ctx.count(PORTAL):
        parts.append(f"{ctx.n(PORTAL)} đồng chí đóng qua Cổng Dịch vụ công quốc gia ({ctx.pct(PORTAL)})")
    if ctx.count(VOLUNTARY):
        parts.append(f"{ctx.n(VOLUNTARY)} đồng chí tự nguyện đóng thêm")
    text += (", trong đó " + "; ".join(parts) + ".") if parts else "."
    table = Table(f"Đảng phí năm {ctx.year}", ctx.rows(FIGURES))
    return [Section("dues", "Thu, nộp đảng phí", [text], [table])]
