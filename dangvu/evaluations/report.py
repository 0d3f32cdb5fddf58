"""The annual-review section of the year-end report (dangvu.core.report_sections), in the published style:
"7/30 TCCSĐ hoàn thành xuất sắc nhiệm vụ, đạt 23,33%; … 93,18% đảng viên hoàn thành tốt nhiệm vụ trở lên".
Every number is a figure of the registry (evaluations/figures.py)."""

from dangvu.core.report_sections import ReportContext, Section, Table
from dangvu.evaluations.kinds import Grade

ORGS, MEMBERS = "evaluations.grassroots", "evaluations.members"
FIGURES = [f"{ORGS}.graded", f"{ORGS}.grade.*", f"{ORGS}.good_or_better", f"{MEMBERS}.graded", f"{MEMBERS}.grade.*",
           f"{MEMBERS}.good_or_better", f"{MEMBERS}.not_graded"]
WORDS = {Grade.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ", Grade.GOOD: "hoàn thành tốt nhiệm vụ",
         Grade.COMPLETED: "hoàn thành nhiệm vụ", Grade.NOT_COMPLETED: "không hoàn thành nhiệm vụ"}


def _sentence(ctx: ReportContext, prefix: str, noun: str) -> str:
    graded = f"{prefix}.graded"
    parts = []
    for grade, words in WORDS.items():
        code = f"{prefix}.grade.{grade}"
        if ctx.count(code) or grade in (Grade.EXCELLENT, Grade.NOT_COMPLETED):
            parts.append(f"{ctx.ratio(code, graded)} {noun} {words}, đạt {ctx.pct(code, graded)}")
    better = f"{prefix}.good_or_better"
    return "; ".join(parts) + f"; {ctx.pct(better, graded)} {noun} hoàn thành tốt nhiệm vụ trở lên"


def sections(ctx: ReportContext) -> list[Section]:
    if not ctx.count(f"{ORGS}.graded") and not ctx.count(f"{MEMBERS}.graded"):
        return []
    paragraphs = []
    if ctx.count(f"{ORGS}.graded"):
        paragraphs.append(f"Kết quả đánh giá, xếp loại tổ chức cơ sở đảng năm {ctx.year}: "
                          + _sentence(ctx, ORGS, "TCCSĐ") + ".")
    if ctx.count(f"{MEMBERS}.graded"):
        text = f"Kết quả đánh giá, xếp loại đảng viên năm {ctx.year}: " + _sentence(ctx, MEMBERS, "đảng viên")
        if ctx.count(f"{MEMBERS}.not_graded"):
            text += f"; {ctx.n(MEMBERS + '.not_graded')} đảng viên miễn sinh hoạt hoặc đình chỉ sinh hoạt không xếp loại"
        paragraphs.append(text + ".")
    tables = [Table("Xếp loại tổ chức cơ sở đảng", ctx.rows(ctx.family(ORGS + ".grade"), of=f"{ORGS}.graded")),
              Table("Xếp loại đảng viên", ctx.rows(ctx.family(MEMBERS + ".grade"), of=f"{MEMBERS}.graded"))]
    return [Section("evaluations", "Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên", paragraphs, tables)]
