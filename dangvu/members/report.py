"""The member section of the year-end report (dangvu.core.report_sections): the register at the end
of the year, the flows of the year and the make-up by sex, age and ethnicity, every number a figure of
dangvu/members/figures.py."""

from dangvu.core.dates import vn_date
from dangvu.core.report_sections import ReportContext, Section, Table

TOTAL, START = "members.total", "members.total_start"
FULL, PROBATIONARY, EXEMPTED = "members.full", "members.probationary", "members.exempted"
ADMITTED = "members.admitted"
ADMITTED_PARTS = [  # (code, words after the number in "trong đó …")
    ("members.admitted.religious", "đảng viên là người có đạo"),
    ("members.admitted.non_state_enterprise", "đảng viên trong doanh nghiệp ngoài nhà nước"),
    ("members.admitted.female", "đảng viên nữ"),
]
READMITTED, RECOGNIZED = "members.readmitted", "members.recognized"
TRANSFERRED_IN, TRANSFERRED_OUT = "members.transferred_in", "members.transferred_out"
LEAVING = [  # (code, words after the number)
    ("members.deceased", "đảng viên từ trần"),
    ("members.struck_off", "đảng viên bị xóa tên"),
    ("members.expelled", "đảng viên bị khai trừ"),
    ("members.left", "đảng viên ra khỏi Đảng"),
]
FLOWS = [START, ADMITTED, *[c for c, _ in ADMITTED_PARTS], READMITTED, RECOGNIZED, TRANSFERRED_IN, TRANSFERRED_OUT,
         *[c for c, _ in LEAVING], TOTAL]

FIGURES = [TOTAL, FULL, PROBATIONARY, EXEMPTED, *FLOWS, "members.by_sex.*", "members.by_age.*",
           "members.by_ethnicity.*"]


def admission_sentence(ctx: ReportContext) -> str:
    """"Trong năm, kết nạp 62 đảng viên mới, trong đó 1 đảng viên là người có đạo, 4 đảng viên trong
    doanh nghiệp ngoài nhà nước." (parts that are zero are left out; re-admissions follow)."""
    if not ctx.count(ADMITTED):
        text = "Trong năm, không kết nạp đảng viên mới"
    else:
        text = f"Trong năm, kết nạp {ctx.n(ADMITTED)} đảng viên mới"
        parts = [f"{ctx.n(code)} {words}" for code, words in ADMITTED_PARTS if ctx.count(code)]
        if parts:
            text += ", trong đó " + ", ".join(parts)
    if ctx.count(READMITTED):
        text += f"; kết nạp lại {ctx.n(READMITTED)} đảng viên"
    return text + "."


def flow_sentence(ctx: ReportContext) -> str:
    parts = []
    if ctx.count(RECOGNIZED):
        parts.append(f"công nhận đảng viên chính thức cho {ctx.n(RECOGNIZED)} đảng viên dự bị")
    if ctx.count(TRANSFERRED_IN):
        parts.append(f"tiếp nhận {ctx.n(TRANSFERRED_IN)} đảng viên chuyển sinh hoạt đảng chính thức đến")
    if ctx.count(TRANSFERRED_OUT):
        parts.append(f"chuyển sinh hoạt đảng chính thức đi {ctx.n(TRANSFERRED_OUT)} đảng viên")
    leaving = [f"{ctx.n(code)} {words}" for code, words in LEAVING if ctx.count(code)]
    if leaving:
        parts.append("giảm " + ", ".join(leaving))
    if not parts:
        return ""
    text = "; ".join(parts)
    return "Cũng trong năm, " + text + "."


def sections(ctx: ReportContext) -> list[Section]:
    if not (ctx.count(TOTAL) or ctx.count(START)):
        return []
    who = ctx.organization_name or "Đảng bộ"
    end = vn_date(ctx.end)
    total = (f"Đến ngày {end}, {who} có {ctx.n(TOTAL)} đảng viên, trong đó {ctx.n(FULL)} đảng viên chính thức "
             f"({ctx.pct(FULL)}), {ctx.n(PROBATIONARY)} đảng viên dự bị ({ctx.pct(PROBATIONARY)})")
    if ctx.count(EXEMPTED):
        total += f"; {ctx.n(EXEMPTED)} đảng viên được miễn công tác và sinh hoạt đảng ({ctx.pct(EXEMPTED)})"
    total += f". Đầu năm có {ctx.n(START)} đảng viên."
    paragraphs = [total, admission_sentence(ctx)]
    flows = flow_sentence(ctx)
    if flows:
        paragraphs.append(flows)
    female = ctx.family("members.by_sex")
    ages = ctx.family("members.by_age")
    makeup = []
    if "members.by_sex.female" in female:
        makeup.append(f"đảng viên nữ {ctx.n('members.by_sex.female')} ({ctx.pct('members.by_sex.female')})")
    if ages:
        young, old = ages[0], ages[-1]
        makeup.append(f"{ctx.label(young)[0].lower()}{ctx.label(young)[1:]} {ctx.n(young)} ({ctx.pct(young)})")
        makeup.append(f"{ctx.label(old)[0].lower()}{ctx.label(old)[1:]} {ctx.n(old)} ({ctx.pct(old)})")
    if makeup:
        paragraphs.append("Về cơ cấu: " + "; ".join(makeup) + ".")

    tables = [
        Table(f"Số lượng đảng viên đến ngày {end}", [ctx.row(TOTAL), *ctx.rows([FULL, PROBATIONARY, EXEMPTED], level=1)]),
        Table(f"Biến động đảng viên năm {ctx.year}", [
            ctx.row(START), ctx.row(ADMITTED), *ctx.rows([c for c, _ in ADMITTED_PARTS], level=1),
            *ctx.rows([READMITTED, RECOGNIZED, TRANSFERRED_IN, TRANSFERRED_OUT, *[c for c, _ in LEAVING]]),
            ctx.row(TOTAL, f"Đảng viên cuối năm ({end})")]),
    ]
    if female:
        tables.append(Table("Cơ cấu đảng viên theo giới tính", ctx.rows(female)))
    if ages:
        tables.append(Table("Cơ cấu đảng viên theo độ tuổi", ctx.rows(ages)))
    ethnic = [c for c in ctx.family("members.by_ethnicity") if ctx.count(c)]
    if ethnic:
        tables.append(Table("Cơ cấu đảng viên theo dân tộc (các dân tộc có đảng viên)", ctx.rows(ethnic)))
    charts = [c for c in (ctx.chart("Đảng viên theo độ tuổi", ages), ctx.chart("Đảng viên theo giới tính", female)) if c.bars]
    return [Section("members", "Đảng viên", paragraphs, tables, charts)]
