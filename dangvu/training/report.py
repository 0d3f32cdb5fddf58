"""The training section of the year-end report (dangvu.core.report_sections), in the published style:
"tổ chức 18 lớp bồi dưỡng nhận thức về Đảng cho 1.093 quần chúng ưu tú; 12 lớp đảng viên mới với 826 học viên;
cử 134 đồng chí học trung cấp lý luận chính trị". The same figures as the statistics API (training.*)."""

from dangvu.core.report_sections import ReportContext, Section, Table
from dangvu.training.kinds import ClassKind

CLASSES, LEARNERS = "training.classes", "training.learners"
FIGURES = [CLASSES, "training.*"]

# Kinds sent to study political theory, in the order a report names them ("cử … đồng chí học …").
THEORY_SENT = [(ClassKind.THEORY_ELEMENTARY, "sơ cấp"), (ClassKind.THEORY_INTERMEDIATE, "trung cấp"),
               (ClassKind.THEORY_ADVANCED, "cao cấp"), (ClassKind.THEORY_BACHELOR, "cử nhân")]


def _classes(kind: str) -> str:
    return f"{CLASSES}.by_kind.{kind}"


def _learners(kind: str) -> str:
    return f"{LEARNERS}.by_kind.{kind}"


def sentences(ctx: ReportContext) -> list[str]:
    parts = []
    if ctx.count(_classes(ClassKind.AWARENESS)):
        parts.append(f"tổ chức {ctx.n(_classes(ClassKind.AWARENESS))} lớp bồi dưỡng nhận thức về Đảng cho "
                     f"{ctx.n(_learners(ClassKind.AWARENESS))} quần chúng ưu tú")
    if ctx.count(_classes(ClassKind.NEW_MEMBER)):
        parts.append(f"{ctx.n(_classes(ClassKind.NEW_MEMBER))} lớp đảng viên mới với {ctx.n(_learners(ClassKind.NEW_MEMBER))} "
                     "học viên")
    sent = [f"{ctx.n(_learners(kind))} đồng chí học {words} lý luận chính trị" for kind, words in THEORY_SENT
            if ctx.count(_learners(kind))]
    if sent:
        parts.append("cử " + ", ".join(sent))
    others = [(kind, words) for kind, words in ((ClassKind.PARTY_WORK, "bồi dưỡng nghiệp vụ công tác đảng"),
                                                (ClassKind.REFRESHER, "bồi dưỡng, cập nhật kiến thức"))
              if ctx.count(_classes(kind))]
    for kind, words in others:
        parts.append(f"{ctx.n(_classes(kind))} lớp {words} với {ctx.n(_learners(kind))} học viên")
    if not parts:
        return []
    return [f"Trong năm {ctx.year}, " + "; ".join(parts) + "."]


def sections(ctx: ReportContext) -> list[Section]:
    if not ctx.count(CLASSES):
        return []
    paragraphs = sentences(ctx)
    if ctx.count(LEARNERS):
        paragraphs.append(f"Tổng số {ctx.n(LEARNERS)} lượt học viên, {ctx.n('training.learners.passed')} lượt đạt "
                          f"({ctx.pct('training.learners.passed')}).")
    table = Table(f"Bồi dưỡng, đào tạo năm {ctx.year}", ctx.rows(ctx.family("training")))
    return [Section("training", "Công tác bồi dưỡng, đào tạo", paragraphs, [table])]
