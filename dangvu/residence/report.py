"""The residence-contact section of the year-end report (dangvu.core.report_sections): working members
keeping contact with their place of residence (QĐ 213-QĐ/TW).

It prints the residence figures of the registry (`residence.contact`, `residence.comments` and
whatever else the residence app registers under `residence.`); while none is registered, or none is
above zero, the report has no such section."""

from dangvu.core.report_sections import ReportContext, Section, Table

CONTACTS, COMMENTS = "residence.contact", "residence.comments"

FIGURES = [CONTACTS, COMMENTS, "residence.*"]


def sections(ctx: ReportContext) -> list[Section]:
    codes = ctx.family("residence")
    if not any(ctx.count(c) for c in codes):
        return []
    parts = []
    if ctx.count(CONTACTS):
        parts.append(f"{ctx.n(CONTACTS)} đảng viên đang công tác giữ mối liên hệ với chi bộ và nhân dân nơi cư trú")
    if ctx.count(COMMENTS):
        parts.append(f"chi bộ nơi cư trú gửi {ctx.n(COMMENTS)} nhận xét về đảng viên")
    paragraphs = ["Về giữ mối liên hệ với nơi cư trú: " + "; ".join(parts) + "."] if parts else []
    table = Table("Đảng viên giữ mối liên hệ với nơi cư trú", ctx.rows(c for c in codes if ctx.count(c) or c in (CONTACTS, COMMENTS)))
    return [Section("residence", "Đảng viên giữ mối liên hệ với nơi cư trú", paragraphs, [table])]
