"""The official statistical tables (biểu thống kê) as data: rows of figure codes of the registry.

A table never counts anything itself: each of its rows names a figure of `dangvu.core.figures`
(`Row("members.total")`) or a **family** of them by prefix (`Family("members.by_ethnicity")`: every
registered figure whose code starts with "members.by_ethnicity.", in the registry's order). A row
whose figure is not registered (yet) is left out, so a table picks up what each capability
registers from its own `figures.py` without being edited, and its cells are, by construction, the
numbers the statistics page, the API and the drill-down lists show.

The layouts follow the dimensions of domain-rules §14 (S-3, S-4, S-5): the basic statistics forms
of HD 11-HD/BTCTW (2021) were not read, so the form numbers and the exact row order are UNCONFIRMED
(each table says so in its note). Reference date (S-2): stocks "có đến ngày 31/12/YYYY", flows over
the year; for another date D, stocks on D and flows from 01/01 of D's year to D (a six-month report
"có đến ngày 30/6").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dangvu.core.dates import today, vn_date
from dangvu.core.figures import FLOW, Window, registry
from dangvu.core.numbers import format_number

UNCONFIRMED_NOTE = ("Số hiệu và bố cục biểu chưa được đối chiếu với Hướng dẫn 11-HD/BTCTW (2021): các chỉ tiêu theo "
                    "các chiều thống kê của biểu mẫu cơ bản (HD 12/2012); số hiệu biểu là tạm.")


@dataclass(frozen=True)
class Row:
    """One figure of the registry (left out when it is not registered)."""

    code: str
    label: str = ""  # instead of the figure's label
    level: int = 0  # indentation: 1 = "trong đó" / "chia ra"


@dataclass(frozen=True)
class Family:
    """Every registered figure whose code starts with `prefix` + "." (those placed elsewhere in the table
    excepted), in the registry's order, under an optional heading."""

    prefix: str
    heading: str = ""
    level: int = 1


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 0


@dataclass(frozen=True)
class Table:
    code: str  # the table's stable code in URLs and the API ("bieu-2")
    number: str  # "Biểu số 2-TKĐV" (UNCONFIRMED)
    title: str
    items: tuple
    note: str = UNCONFIRMED_NOTE

    @property
    def has_flows(self) -> bool:
        """Some row counts over the period (a flow): the heading names the period, not only the date."""
        reg = registry()
        return any(reg[code].kind == FLOW for code in codes(self))

    def reference_text(self, window: Window) -> str:
        """"Có đến ngày 31/12/2024", or with flows "Từ ngày 01/01/2024 đến ngày 31/12/2024"."""
        if self.has_flows and window.start != window.end:
            return f"Từ ngày {vn_date(window.start)} đến ngày {vn_date(window.end)}"
        return f"Có đến ngày {vn_date(window.end)}"


@dataclass(frozen=True)
class Line:
    """A row of a table as laid out: a heading (code None) or a figure."""

    label: str
    level: int
    code: str | None = None  # the figure's code; None for a heading
    number: str = ""  # "Mã số" (01, 02 …), figures only


@dataclass(frozen=True)
class Cell:
    """A laid-out line with its value: `value`/`denominator` are exact counts, `percent` as printed."""

    line: Line
    value: int | None = None
    denominator: int | None = None
    percent: str | None = None
    frozen: bool = False  # read from the submitted copy of the period
    live_only: bool = False  # of a submitted period, but registered after it was submitted: live value

    @property
    def display(self) -> str:
        return "" if self.value is None else format_number(self.value)

    def as_dict(self) -> dict:
        return {"number": self.line.number, "label": self.line.label, "level": self.line.level, "code": self.line.code,
                "value": self.value, "denominator": self.denominator, "percent": self.percent, "frozen": self.frozen}


def lines(table: Table) -> list[Line]:
    """The rows of `table` whose figures are registered, numbered 01, 02 … in order; a heading is kept
    only when a figure follows it."""
    reg = registry()
    placed = {item.code for item in table.items if isinstance(item, Row)}
    out: list[Line] = []
    pending: list[Line] = []  # headings waiting for a figure

    def add(code: str, label: str, level: int) -> None:
        out.extend(pending)
        pending.clear()
        number = sum(1 for x in out if x.code is not None) + 1
        out.append(Line(label=label or str(reg[code].label), level=level, code=code, number=f"{number:02d}"))

    for item in table.items:
        if isinstance(item, Heading):
            pending[:] = [Line(label=item.text, level=item.level)]
        elif isinstance(item, Row):
            if item.code in reg:
                add(item.code, item.label, item.level)
        elif isinstance(item, Family):
            members = [f for f in reg.ordered() if f.code.startswith(item.prefix + ".") and f.code not in placed]
            if members:
                if item.heading:
                    pending[:] = [Line(label=item.heading, level=max(item.level - 1, 0))]
                for figure in members:
                    add(figure.code, "", item.level)
            else:
                pending.clear()
    return out


def codes(table: Table) -> list[str]:
    return [line.code for line in lines(table) if line.code]


def expected_codes(table: Table) -> list[str]:
    """The codes the table names explicitly (families are prefixes): for the registry test."""
    return [item.code for item in table.items if isinstance(item, Row)]


# ---------------------------------------------------------------- the tables

TABLES: tuple[Table, ...] = (
    Table("bieu-1", "Biểu số 1-TKTC", "Số lượng và cơ cấu tổ chức đảng", (
        Row("organizations.commune_committees"),
        Row("organizations.grassroots.total"),
        Row("organizations.grassroots.committees", "Đảng bộ cơ sở", level=1),
        Row("organizations.grassroots.cells", "Chi bộ cơ sở", level=1),
        Row("organizations.grassroots.non_state_enterprise", level=1),
        Row("organizations.partial_committees"),
        Row("organizations.cells"),
        Row("organizations.party_groups"),
        # The flows of the tree (established, merged, dissolved …) and whatever else the organizations
        # app registers.
        Family("organizations", heading="Biến động và chỉ tiêu khác về tổ chức đảng"),
    )),
    Table("bieu-2", "Biểu số 2-TKĐV", "Đảng viên đầu kỳ, cuối kỳ và biến động trong kỳ", (
        Row("members.total_start"),
        Heading("Tăng trong kỳ"),
        Row("members.admitted", level=1),
        Row("members.admitted.female", "Trong đó: nữ", level=2),
        Row("members.admitted.religious", "Trong đó: người có đạo", level=2),
        Row("members.admitted.non_state_enterprise", "Trong đó: trong doanh nghiệp ngoài nhà nước", level=2),
        Row("members.readmitted", level=1),
        Row("members.transferred_in", level=1),
        Row("members.reorganized_in", level=1),
        Heading("Giảm trong kỳ"),
        Row("members.deceased", level=1),
        Row("members.struck_off", level=1),
        Row("members.expelled", level=1),
        Row("members.left", level=1),
        Row("members.transferred_out", level=1),
        Row("members.reorganized_out", level=1),
        Heading("Chuyển đảng chính thức"),
        Row("members.recognized", level=1),
        Heading("Sinh hoạt đảng tạm thời (vẫn tính ở nơi sinh hoạt chính thức)"),
        Row("members.temporary_out", level=1),
        Row("members.temporary_away", level=1),
        Row("members.total", "Đảng viên cuối kỳ"),
        Row("members.full", level=1),
        Row("members.probationary", level=1),
    )),
    Table("bieu-3", "Biểu số 3-TKĐV", "Đảng viên chia theo giới tính, độ tuổi, dân tộc, tôn giáo", (
        Row("members.total"),
        Family("members.by_sex", heading="Chia theo giới tính"),
        Family("members.by_age", heading="Chia theo độ tuổi"),
        Family("members.by_ethnicity", heading="Chia theo dân tộc (54 dân tộc và dân tộc khác)"),
        Row("members.religious", "Đảng viên là người có đạo"),
        Family("members.by_religion", heading="Chia theo tôn giáo"),
    )),
    Table("bieu-4", "Biểu số 4-TKĐV", "Chất lượng đảng viên: học vấn, chuyên môn, học hàm học vị, lý luận chính trị", (
        Row("members.total"),
        Family("members.by_general_education", heading="Trình độ giáo dục phổ thông"),
        Family("members.by_professional", heading="Trình độ chuyên môn, nghiệp vụ"),
        Family("members.by_academic_degree", heading="Học vị"),
        Family("members.by_academic_title", heading="Học hàm"),
        Family("members.by_theory", heading="Trình độ lý luận chính trị"),
    )),
    Table("bieu-5", "Biểu số 5-TKĐV", "Đảng viên theo nghề nghiệp, tuổi đảng; miễn sinh hoạt, dự bị; huy hiệu, thẻ đảng", (
        Row("members.total"),
        Family("members.by_occupation", heading="Chia theo nghề nghiệp"),
        Row("members.army", level=1),
        Row("members.police", level=1),
        Row("members.retired", level=1),
        Family("members.by_party_age", heading="Chia theo tuổi đảng"),
        Row("members.exempted"),
        Row("members.probationary"),
        Row("awards.badges"),
        Family("awards.badges", level=1),
        Row("awards.cards"),
        Family("awards.cards", level=1),
    )),
)

BY_CODE = {t.code: t for t in TABLES}

def get(code: str) -> Table | None:
    return BY_CODE.get(code)


def default_year() -> int:
    """The last year that is over: the tables are sent after 31/12."""
    return today().year - 1


def window_for(organization, *, year: int | None = None, on: dt.date | None = None,
               start: dt.date | None = None, end: dt.date | None = None) -> Window:
    """The window of a table request: a year (stocks on 31/12, flows over the year, the default
    convention), a date D (stocks on D, flows from 01/01 of D's year), or an explicit period."""
    if year is not None:
        return Window.year(organization, year)
    if on is not None:
        return Window.to_date(organization, on)
    if start is not None and end is not None:
        return Window(organization, start, end)
    raise ValueError("a year, a date or a period")


@dataclass
class Filled:
    """A table filled for a window: its cells and where they come from."""

    table: Table
    window: Window
    cells: list[Cell] = field(default_factory=list)
    submitted: object = None  # the SubmittedPeriod the values were read from, if any

    @property
    def reference_text(self) -> str:
        return self.table.reference_text(self.window)
