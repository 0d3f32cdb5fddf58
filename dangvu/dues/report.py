"""The dues section of the year-end report (dangvu.core.report_sections): the amounts collected in the published
style ("thu đảng phí … đồng, đạt …% số phải thu"), with the voluntary extra and the share through the portal, and
the members who paid (the figures of dangvu.dues.figures); no section when nothing was collected.

The amount due over the period (every member's rate each month, paid or not) is the set-based total over the
subtree (dangvu.dues.selectors.subtree_summary → dangvu.dues.amounts, the same number as the dues pages), computed
only when something was collected. Members are placed in the subtree as it stood each month, as in the figures."""

from dangvu.core.numbers import format_number, percent
from dangvu.core.report_sections import ReportContext, Section, Table
from dangvu.dues import rules, selectors

PAYERS, PORTAL, VOLUNTARY = "dues.payers", "dues.payers.portal", "dues.payers.voluntary"
COLLECTED, COLLECTED_PORTAL, AT_RATE, EXTRA = ("dues.amount.collected", "dues.amount.collected.portal", "dues.amount.rate",
                                               "dues.amount.voluntary")
AMOUNTS = [COLLECTED, COLLECTED_PORTAL, "dues.amount.collected.cash", AT_RATE, EXTRA]

FIGURES = [PAYERS, PORTAL, VOLUNTARY, *AMOUNTS]


def due_over(window) -> int:
    """What the members of the window's subtree owed at their rates over the window's months (whole đồng)."""
    first, last = rules.month_start(window.start), rules.month_start(window.end)
    return int(selectors.subtree_summary(window.organization, first, last).total.expected)


def sections(ctx: ReportContext) -> list[Section]:
    if not ctx.count(PAYERS) and not ctx.count(COLLECTED):
        return []
    paragraphs = []
    if ctx.count(COLLECTED):
        due = due_over(ctx.window)
        text = f"Năm {ctx.year}, thu đảng phí {ctx.n(COLLECTED)} đồng"
        if due:
            text += (f", đạt {percent(ctx.count(AT_RATE), due, rounding=ctx.rounding)} số phải thu theo quy định "
                     f"({format_number(due)} đồng)")
        extras = []
        if ctx.count(EXTRA):
            extras.append(f"{ctx.n(EXTRA)} đồng đảng viên tự nguyện đóng thêm")
        if ctx.count(COLLECTED_PORTAL):
            extras.append(f"{ctx.n(COLLECTED_PORTAL)} đồng thu qua Cổng Dịch vụ công quốc gia, chiếm "
                          f"{ctx.pct(COLLECTED_PORTAL)}")
        paragraphs.append(text + ("; trong đó " + "; ".join(extras) + "." if extras else "."))
    text = f"Trong năm, {ctx.n(PAYERS)} đảng viên đóng đảng phí"
    parts = []
    if ctx.count(PORTAL):
        parts.append(f"{ctx.n(PORTAL)} đồng chí đóng qua Cổng Dịch vụ công quốc gia ({ctx.pct(PORTAL)})")
    if ctx.count(VOLUNTARY):
        parts.append(f"{ctx.n(VOLUNTARY)} đồng chí tự nguyện đóng thêm")
    text += (", trong đó " + "; ".join(parts) + ".") if parts else "."
    paragraphs.append(text)
    table = Table(f"Đảng phí năm {ctx.year}", ctx.rows([PAYERS, PORTAL, VOLUNTARY]) + ctx.rows(AMOUNTS))
    return [Section("dues", "Thu, nộp đảng phí", paragraphs, [table])]
