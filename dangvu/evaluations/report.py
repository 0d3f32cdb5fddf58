"""The annual-review section of the year-end report (dangvu.core.report_sections), in the published style:
"7/30 TCCSĐ hoàn thành xuất sắc nhiệm vụ, đạt 23,33%; … 93,18% đảng viên hoàn thành tốt nhiệm vụ trở lên".
Every number is a figure of the registry (evaluations/figures.py)."""

from dangvu.core.report_sections import ReportContext, Section, Table
from dangvu.evaluations.kinds import CommendationLevel, Grade

ORGS, MEMBERS = "evaluations.grassroots", "evaluations.members"
FIGURES = [f"{ORGS}.graded", f"{ORGS}.grade.*", f"{ORGS}.good_or_better", f"{MEMBERS}.graded", f"{MEMBERS}.grade.*",
           f"{MEMBERS}.good_or_better", f"{MEMBERS}.not_graded", "evaluations.commendations.individuals",
           "evaluations.commendations.collectives", "evaluations.commendations.individual.*",
           "evaluations.commendations.collective.*", "evaluations.commendations.individuals_consecutive"]
PRAISE = "evaluations.commendations"
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


def commendation_sentence(ctx: ReportContext) -> str:
    """"Khen thưởng: giấy khen cho 75 tập thể, 236 cá nhân; bằng khen cho 3 tập thể, 12 cá nhân"."""
    parts = []
    for level, name in CommendationLevel.choices:
        collectives, individuals = ctx.count(f"{PRAISE}.collective.{level}"), ctx.count(f"{PRAISE}.individual.{level}")
        whom = [f"{ctx.n(f'{PRAISE}.collective.{level}')} tập thể" if collectives else "",
                f"{ctx.n(f'{PRAISE}.individual.{level}')} cá nhân" if individuals else ""]
        if collectives or individuals:
            parts.append(f"{str(name).lower()} cho {', '.join(w for w in whom if w)}")
    if not parts:
        return ""
    text = f"Khen thưởng năm {ctx.year}: " + "; ".join(parts)
    if ctx.count(f"{PRAISE}.individuals_consecutive"):
        text += (f"; trong đó {ctx.n(PRAISE + '.individuals_consecutive')} cá nhân hoàn thành xuất sắc nhiệm vụ nhiều "
                 "năm liền")
    return text + "."


def sections(ctx: ReportContext) -> list[Section]:
    praise = commendation_sentence(ctx)
    if not ctx.count(f"{ORGS}.graded") and not ctx.count(f"{MEMBERS}.graded") and not praise:
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
    if praise:
        paragraphs.append(praise)
    tables = [Table("Xếp loại tổ chức cơ sở đảng", ctx.rows(ctx.family(ORGS + ".grade"), of=f"{ORGS}.graded")),
              Table("Xếp loại đảng viên", ctx.rows(ctx.family(MEMBERS + ".grade"), of=f"{MEMBERS}.graded"))]
    if praise:
        tables.append(Table("Khen thưởng", ctx.rows([f"{PRAISE}.collectives", *ctx.family(PRAISE + ".collective"),
                                                      f"{PRAISE}.individuals", *ctx.family(PRAISE + ".individual")])))
    return [Section("evaluations", "Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên", paragraphs, tables)]
