"""The year-end report as data: its header (the document convention of dangvu/documents), the
sections of every capability (dangvu.core.report_sections) and its signature block. The renderers
(to_docx, to_pdf, to_xlsx) only lay this out.

Every number comes from ONE call of the statistics engine for the window (`engine.compute`), plus
one for the stocks compared with the start of the year: the numbers the statistics pages and API
show for the same organization and year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from dangvu.core import report_sections
from dangvu.core.dates import today, vn_date
from dangvu.core.figures import Window, registry
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.organizations import tree
from dangvu.statistics import engine

TITLE = "Báo cáo kết quả công tác xây dựng Đảng năm {year}"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
ROUNDING_WORDS = {"half_up": "làm tròn", "truncate": "cắt bớt (không làm tròn)"}


@dataclass
class Report:
    window: Window
    rounding: str
    organization_name: str
    header: OfficialDocument  # issuer, number, place, date, kind and subject, recipients, signature
    intro: str
    sections: list[report_sections.Section]
    closing: str
    values: dict = field(default_factory=dict)  # code → engine.FigureValue, what the sections printed from
    start_values: dict = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.window.end.year

    @property
    def title(self) -> str:
        return TITLE.format(year=self.year)

    def numbered(self):
        """(number, section) pairs: "I", "II" …"""
        return [(ROMAN[i] if i < len(ROMAN) else str(i + 1), s) for i, s in enumerate(self.sections)]

    def tables(self):
        """Every table with its running number ("Bảng 1")."""
        out, n = [], 0
        for section in self.sections:
            for table in section.tables:
                n += 1
                out.append((n, section, table))
        return out


def document_date(org, year: int) -> dt.date:
    """The report is dated the day it is made, or the last day the organization existed if it has ended."""
    day = today()
    if org.ended_on is not None and org.ended_on <= day:
        day = org.ended_on - dt.timedelta(days=1)
    return day


def organization_name(org, on: dt.date) -> str:
    chain = tree.chain_on(org, on)
    return chain[-1].name if chain else org.name


def build(org, year: int, *, rounding: str = engine.DEFAULT_ROUNDING, date: dt.date | None = None,
          progress: Callable[[int, str], None] | None = None) -> Report:
    """The year-end report of `org` for `year`. `progress(percent, step)` is called as it goes."""
    def tick(pct: int, step: str) -> None:
        if progress is not None:
            progress(pct, step)

    window = Window.year(org, year)
    known = list(registry().figures)
    tick(5, "Tính các chỉ tiêu thống kê")
    codes = report_sections.wanted_codes(known)
    values = {v.code: v for v in engine.compute(window, codes, rounding=rounding)}
    start_codes = report_sections.wanted_start_codes(known)
    start_values = ({v.code: v for v in engine.compute(Window.on(org, window.before_start), start_codes, rounding=rounding)}
                    if start_codes else {})
    tick(40, "Viết các phần của báo cáo")
    name = organization_name(org, window.end)
    ctx = report_sections.ReportContext(window=window, rounding=rounding, values=values,
                                        labels={c: str(registry()[c].label) for c in values},
                                        organization_name=name, start_values=start_values)
    sections = report_sections.collect(ctx, lambda done, total: tick(40 + 40 * done // total, "Viết các phần của báo cáo"))

    on = date or document_date(org, year)
    issuer = convention.issuer(org, on)
    role, signer = convention.signer_from_committee(org, on)
    try:
        header = convention.document(issuer, role=role, signer_name=signer, doc_type="BC", date=on, kind_title="BÁO CÁO",
                                     subject=f"kết quả công tác xây dựng Đảng năm {year}", preamble=[], body=[],
                                     recipients=_recipients(issuer))
    except ValueError:  # a signer who cannot sign for this issuer: the issuer's secretary's block, name left blank
        header = convention.document(issuer, role=convention.Role.SECRETARY, signer_name="", doc_type="BC", date=on,
                                     kind_title="BÁO CÁO", subject=f"kết quả công tác xây dựng Đảng năm {year}",
                                     preamble=[], body=[], recipients=_recipients(issuer))
    intro = (f"Căn cứ số liệu của hệ thống tổ chức đảng và sổ danh sách đảng viên đến ngày {vn_date(window.end)}, "
             f"{issuer.name} báo cáo kết quả công tác xây dựng Đảng năm {year} như sau:")
    if not sections:
        intro += " trong năm không có số liệu về tổ chức đảng và đảng viên của tổ chức."
    closing = (f"Số liệu tính cho kỳ từ ngày {vn_date(window.start)} đến ngày {vn_date(window.end)}; số liệu thời điểm "
               f"tính vào ngày {vn_date(window.end)}, theo cây tổ chức tại ngày đó. Tỷ lệ phần trăm lấy hai chữ số "
               f"thập phân, {ROUNDING_WORDS[rounding]}.")
    tick(80, "Trình bày báo cáo")
    return Report(window, rounding, name, header, intro, sections, closing, values, start_values)


def _recipients(issuer) -> list[str]:
    superior = issuer.superior
    above = ("Ban Chấp hành Trung ương" if superior is None or superior.kind == "central"
             else convention.committee_name(superior.name))
    return [f"{above} (để báo cáo)", "Các đồng chí cấp ủy viên", "Lưu Văn phòng"]
