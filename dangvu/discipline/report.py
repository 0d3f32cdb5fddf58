"""The discipline section of the year-end report (dangvu.core.report_sections): members and organizations
disciplined in the year by form, appeals and their outcome, penalties that lapsed."""

from dangvu.core.report_sections import ReportContext, Section, Table

MEMBERS, ORGS, APPEALS, LAPSES = "discipline.members", "discipline.organizations", "discipline.appeals", "discipline.lapses"
FIGURES = [MEMBERS, "discipline.*"]


def sections(ctx: ReportContext) -> list[Section]:
    if not any(ctx.has(c) and ctx.count(c) for c in (MEMBERS, ORGS, APPEALS, LAPSES)):
        return []
    forms = ", ".join(f"{ctx.n(f'{MEMBERS}.by_form.{f}')} {label}" for f, label in (
        ("reprimand", "khiển trách"), ("warning", "cảnh cáo"), ("removal_from_post", "cách chức"), ("expulsion", "khai trừ")))
    paragraphs = [f"Trong năm, thi hành kỷ luật {ctx.n(MEMBERS)} lượt đảng viên ({forms}) và {ctx.n(ORGS)} tổ chức đảng."]
    if ctx.count(APPEALS):
        paragraphs.append(f"Nhận {ctx.n(APPEALS)} đơn khiếu nại kỷ luật, trong đó {ctx.n(APPEALS + '.not_handled')} đơn "
                          f"thuộc trường hợp không giải quyết; giữ nguyên {ctx.n(APPEALS + '.outcome.uphold')}, thay đổi "
                          f"{ctx.n(APPEALS + '.outcome.change')}, xóa {ctx.n(APPEALS + '.outcome.cancel')} quyết định kỷ luật.")
    paragraphs.append(f"{ctx.n(LAPSES)} quyết định kỷ luật đảng viên đã hết hiệu lực trong năm.")
    table = Table(f"Kỷ luật đảng năm {ctx.year}", ctx.rows(ctx.family("discipline")))
    return [Section("discipline", "Công tác kỷ luật đảng", paragraphs, [table])]
