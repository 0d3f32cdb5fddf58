"""The sections of the year-end report ("Báo cáo kết quả công tác xây dựng Đảng năm …").

Each app that has something to report provides `report.py` with

    FIGURES = ["members.total", "members.by_sex.*", …]   # the figure codes it prints (".*": a family)
    FIGURES_AT_START = ["organizations.grassroots.total"]  # optional: stocks also read at the period's start
    def sections(ctx: ReportContext) -> list[Section]     # [] when the app has no data in the window

and is named in REPORT_SECTION_PROVIDERS below (in the order the report prints them). The reports
app (`dangvu.reports.builder`) gathers the codes of every provider that the figure registry knows,
computes them in ONE call of the statistics engine for the window, and hands each provider a
`ReportContext` holding those values: every number a section prints is a number of the registry,
the same the statistics pages and API show. A provider never counts anything itself; a figure a
provider names that is not registered (yet) is simply absent (`ctx.has(code)` is False), so a
section can name figures another capability will register later.

A section is a heading, narrative paragraphs (sentences built from the figures: "Trong năm, kết nạp
62 đảng viên mới, trong đó …"), tables (label, value, percent) and optional bar charts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from dangvu.core.numbers import format_number, percent

# Modules with FIGURES and sections(ctx), in the order of the report.
REPORT_SECTION_PROVIDERS = [
    "dangvu.organizations.report",
    "dangvu.members.report",
    "dangvu.awards.report",
    "dangvu.residence.report",
    "dangvu.meetings.report",
    "dangvu.study.report",
    "dangvu.evaluations.report",
    "dangvu.dues.report",
    "dangvu.inspection.report",
    "dangvu.discipline.report",
    "dangvu.training.report",
    "dangvu.targets.report",
]


@dataclass(frozen=True)
class Row:
    label: str
    value: str  # as printed ("2.345")
    percent: str = ""  # as printed ("23,33%"), "" for a plain count
    code: str = ""  # the figure it prints ("" for a heading row)
    level: int = 0  # indentation: 1 for "trong đó" rows


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[Row]
    columns: tuple[str, str, str] = ("Chỉ tiêu", "Số lượng", "Tỷ lệ")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # as printed next to the bar ("1.234 (23,33%)")


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: the renderers draw it as they can (PDF: bars, XLSX: a native chart)."""

    title: str
    bars: list[Bar]

    @property
    def largest(self) -> int:
        return max((b.value for b in self.bars), default=0)


@dataclass(frozen=True)
class Section:
    key: str  # stable, e.g. "members"
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [r.code for t in self.tables for r in t.rows if r.code]


@dataclass
class ReportContext:
    """What a provider writes from: the window and the computed figures.

    `values` maps a figure code to an object with `value` and `denominator` (the engine's
    FigureValue); `labels` maps a code to its registry label.
    """

    window: Any  # dangvu.core.figures.Window
    rounding: str
    values: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)
    organization_name: str = ""  # as named on the window's end date ("Đảng bộ tỉnh Thanh Hóa")
    start_values: dict[str, Any] = field(default_factory=dict)  # FIGURES_AT_START on the day before the period

    @property
    def year(self) -> int:
        return self.window.end.year

    @property
    def end(self) -> dt.date:
        return self.window.end

    def has(self, code: str) -> bool:
        return code in self.values

    def count(self, code: str) -> int:
        return self.values[code].value if code in self.values else 0

    def count_at_start(self, code: str) -> int:
        return self.start_values[code].value if code in self.start_values else 0

    def n(self, code: str) -> str:
        """The count as printed: "2.345"."""
        return format_number(self.count(code))

    def n_start(self, code: str) -> str:
        return format_number(self.count_at_start(code))

    def pct(self, code: str, of: str | None = None) -> str:
        """The share of `code` in its denominator (or in figure `of`) as printed: "23,33%"; "" for
        a figure without a denominator."""
        fv = self.values.get(code)
        if fv is None:
            return ""
        if of is not None:
            return percent(fv.value, self.count(of), rounding=self.rounding)
        if fv.denominator is None:
            return ""
        return percent(fv.value, fv.denominator, rounding=self.rounding)

    def ratio(self, code: str, of: str) -> str:
        """"7/30 … đạt 23,33%" style: "7/30"."""
        return f"{self.n(code)}/{self.n(of)}"

    def label(self, code: str) -> str:
        return str(self.labels.get(code, code))

    def row(self, code: str, label: str | None = None, *, level: int = 0, of: str | None = None) -> Row:
        return Row(label or self.label(code), self.n(code), self.pct(code, of), code, level)

    def rows(self, codes: Iterable[str], **kwargs) -> list[Row]:
        return [self.row(c, **kwargs) for c in codes if self.has(c)]

    def family(self, prefix: str) -> list[str]:
        """The codes of a family present in the values, in registry order ("members.by_sex")."""
        return [c for c in self.values if c.startswith(prefix + ".")]

    def chart(self, title: str, codes: Iterable[str], *, label: Callable[[str], str] | None = None,
              skip_zero: bool = False) -> Chart:
        bars = []
        for c in codes:
            if not self.has(c) or (skip_zero and not self.count(c)):
                continue
            share = self.pct(c)
            bars.append(Bar((label or self.label)(c), self.count(c), f"{self.n(c)} ({share})" if share else self.n(c)))
        return Chart(title, bars)


def providers() -> list:
    return [import_module(name) for name in REPORT_SECTION_PROVIDERS]


def wanted_codes(known: Iterable[str]) -> list[str]:
    """The figure codes the providers print that `known` (the registry's codes, in order) holds;
    "prefix.*" names every code of a family."""
    known = list(known)
    out: list[str] = []
    for module in providers():
        for pattern in getattr(module, "FIGURES", []):
            if pattern.endswith(".*"):
                prefix = pattern[:-1]
                matches = [c for c in known if c.startswith(prefix)]
            else:
                matches = [pattern] if pattern in known else []
            out.extend(c for c in matches if c not in out)
    return out


def wanted_start_codes(known: Iterable[str]) -> list[str]:
    """The stock figures the providers compare with the start of the period (FIGURES_AT_START)."""
    known = set(known)
    return [c for module in providers() for c in getattr(module, "FIGURES_AT_START", []) if c in known]


def collect(ctx: ReportContext, progress: Callable[[int, int], None] | None = None) -> list[Section]:
    """Every provider's sections for `ctx`, in provider order (providers with no data give none).
    `progress(done, total)` is called after each provider."""
    modules = providers()
    sections: list[Section] = []
    for i, module in enumerate(modules, start=1):
        sections.extend(module.sections(ctx))
        if progress is not None:
            progress(i, len(modules))
    return sections


def join_words(parts: list[str]) -> str:
    """["a", "b", "c"] → "a, b và c"."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]
