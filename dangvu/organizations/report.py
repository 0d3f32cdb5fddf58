"""The organization section of the year-end report (dangvu.core.report_sections): the party
organizations of the subtree at the end of the year and the change since its start, every number a
figure of dangvu/organizations/figures.py."""

from dangvu.core.dates import vn_date
from dangvu.core.numbers import format_number
from dangvu.core.report_sections import ReportContext, Section, Table, join_words

TOTAL = "organizations.grassroots.total"
COMMITTEES = "organizations.grassroots.committees"
GRASSROOTS_CELLS = "organizations.grassroots.cells"
CELLS = "organizations.cells"

FIGURES = [TOTAL, COMMITTEES, GRASSROOTS_CELLS, CELLS]
FIGURES_AT_START = [TOTAL, COMMITTEES, GRASSROOTS_CELLS, CELLS]


def _change(ctx: ReportContext, code: str, noun: str) -> str:
    diff = ctx.count(code) - ctx.count_at_start(code)
    if diff > 0:
        return f"tăng {format_number(diff)} {noun}"
    if diff < 0:
        return f"giảm {format_number(-diff)} {noun}"
    return ""


def sections(ctx: ReportContext) -> list[Section]:
    if not any(ctx.count(c) or ctx.count_at_start(c) for c in FIGURES):
        return []
    who = ctx.organization_name or "Đảng bộ"
    parts = []
    if ctx.count(TOTAL):
        parts.append(f"{ctx.n(TOTAL)} tổ chức cơ sở đảng ({ctx.n(COMMITTEES)} đảng bộ cơ sở, "
                     f"{ctx.n(GRASSROOTS_CELLS)} chi bộ cơ sở)")
    if ctx.count(CELLS):
        parts.append(f"{ctx.n(CELLS)} chi bộ trực thuộc")
    first = (f"Đến ngày {vn_date(ctx.end)}, {who} có {join_words(parts)}." if parts
             else f"Đến ngày {vn_date(ctx.end)}, {who} không có tổ chức cơ sở đảng.")
    paragraphs = [first]
    start = ctx.window.before_start
    if ctx.start_values:
        changes = [c for c in (_change(ctx, TOTAL, "tổ chức cơ sở đảng"), _change(ctx, CELLS, "chi bộ trực thuộc")) if c]
        if changes:
            paragraphs.append(f"So với ngày {vn_date(start)} ({ctx.n_start(TOTAL)} tổ chức cơ sở đảng, "
                              f"{ctx.n_start(CELLS)} chi bộ trực thuộc), {join_words(changes)}.")
        else:
            paragraphs.append(f"So với ngày {vn_date(start)}, số tổ chức cơ sở đảng và chi bộ trực thuộc không thay đổi.")
    rows = [ctx.row(TOTAL), ctx.row(COMMITTEES, level=1), ctx.row(GRASSROOTS_CELLS, level=1), ctx.row(CELLS)]
    table = Table(f"Tổ chức đảng đến ngày {vn_date(ctx.end)}", rows)
    return [Section("organizations", "Tổ chức đảng", paragraphs, [table])]
