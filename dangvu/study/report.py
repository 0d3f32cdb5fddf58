"""The resolution-study section of the year-end report (dangvu.core.report_sections): sessions held, members who
studied over those who had to (one decimal, as published: "98,8%"), make-ups, and a sentence per central document
studied in the year ("98,8% đảng viên được học tập, quán triệt Kết luận Hội nghị Trung ương 4 khóa XIII")."""

from dangvu.core.report_sections import ReportContext, Row, Section, Table
from dangvu.study import rules
from dangvu.study.library import CENTRAL_DOCUMENTS

SESSIONS, EXPECTED, STUDIED, MADE_UP = "study.sessions", "study.expected", "study.studied", "study.made_up"

FIGURES = [SESSIONS, "study.*"]


def _pct(ctx: ReportContext, code: str, of: str) -> str:
    return rules.rate_text(ctx.count(code), ctx.count(of), ctx.rounding)


def sections(ctx: ReportContext) -> list[Section]:
    if not ctx.count(SESSIONS) or not ctx.count(EXPECTED):
        return []
    paragraphs = [
        f"Các cấp ủy, tổ chức đảng đã tổ chức {ctx.n(SESSIONS)} hội nghị, buổi học tập, quán triệt các nghị quyết, chỉ thị, "
        f"kết luận, quy định của Đảng; {_pct(ctx, STUDIED, EXPECTED)} đảng viên được học tập, quán triệt "
        f"({ctx.n(STUDIED)}/{ctx.n(EXPECTED)} đồng chí), trong đó {ctx.n(MADE_UP)} đồng chí học bù."]
    rows = [Row("Hội nghị, buổi học tập, quán triệt đã tổ chức", ctx.n(SESSIONS), code=SESSIONS),
            Row("Đảng viên phải học tập, quán triệt", ctx.n(EXPECTED), code=EXPECTED),
            Row("Đảng viên được học tập, quán triệt", ctx.n(STUDIED), _pct(ctx, STUDIED, EXPECTED), code=STUDIED),
            Row("Đảng viên học bù", ctx.n(MADE_UP), _pct(ctx, MADE_UP, EXPECTED), code=MADE_UP, level=1)]
    for _kind, _number, _issuer, _on, _title, short, code in CENTRAL_DOCUMENTS:
        expected, studied = f"study.expected.{code}", f"study.studied.{code}"
        if ctx.count(expected):
            pct = _pct(ctx, studied, expected)
            paragraphs.append(f"{pct} đảng viên được học tập, quán triệt {short}.")
            rows.append(Row(f"Được học tập, quán triệt {short}", ctx.n(studied), pct, code=studied, level=1))
    return [Section("study", "Học tập, quán triệt nghị quyết", paragraphs, [Table(f"Học tập, quán triệt năm {ctx.year}", rows)])]
