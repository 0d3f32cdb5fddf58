"""The badges-and-cards section of the year-end report (dangvu.core.report_sections).

It prints the awards figures of the registry (`awards.badges`, `awards.cards` and
whatever else the awards app registers under `awards.`); while none is registered, or none is above
zero in the year, the report has no such section."""

from dangvu.core.report_sections import ReportContext, Section, Table

BADGES, CARDS = "awards.badges", "awards.cards"

FIGURES = [BADGES, CARDS, "awards.*"]


def sections(ctx: ReportContext) -> list[Section]:
    codes = ctx.family("awards")
    if not any(ctx.count(c) for c in codes):
        return []
    parts = []
    if ctx.count(BADGES):
        parts.append(f"trao tặng Huy hiệu Đảng cho {ctx.n(BADGES)} đồng chí")
    if ctx.count(CARDS):
        parts.append(f"cấp thẻ đảng viên cho {ctx.n(CARDS)} đồng chí")
    paragraphs = ["Trong năm, " + "; ".join(parts) + "."] if parts else []
    table = Table(f"Huy hiệu Đảng, thẻ đảng viên năm {ctx.year}", ctx.rows(c for c in codes if ctx.count(c) or c in (BADGES, CARDS)))
    return [Section("awards", "Tặng Huy hiệu Đảng, cấp thẻ đảng viên", paragraphs, [table])]
