"""The registry of statistical figures: what each app counts, under one stable code.

A **figure** is a count of members or organizations over a subtree of the party tree, either **as
of a date** (a stock: members in the party on 31/12/2024) or **over a period** (a flow: members
admitted in 2024). Each app that has something to count provides `figures.py` with two lists,

    BASES = [Base(...), ...]      # the set-based row sources it counts over
    FIGURES = [Figure(...), ...]  # the figures, each a filter on one base

and is named in FIGURE_PROVIDERS below. The statistics app (`dangvu.statistics.engine`) computes
them — one aggregate query per base, one GROUP BY per dimension, never a loop over organizations
or members — formats them, and lists the rows behind each one (drill-down) within a user's scope.

Conventions:
- A code is dotted lower-case words: `members.total`, `members.admitted.religious`,
  `members.by_ethnicity.01`. It never changes once published (targets and locked periods refer to it).
- A figure that is a share names its `denominator` (another figure's code); the percentage is
  computed from the two exact counts, never stored.
- A base with a `measure` sums an amount (whole đồng) instead of counting: its figures are amounts,
  exact integers like the counts (`dues.amount.*`); a share between two amounts is computed the same way.
- `rows(window)` returns a queryset with one row per thing counted (a member's state on a date, an
  event, an organization's version); `key` names the field holding the member or organization id,
  the same ids the drill-down lists.
- The people and organizations counted are those of the subtree **as it stood** on the date (stocks)
  or on each event's date (flows): `organizations.tree.subtree_ids_on` and `within_subtree_q`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.db.models import Q

STOCK = "stock"
FLOW = "flow"
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")

# Modules with BASES and FIGURES lists (in the order their sections appear).
FIGURE_PROVIDERS = [
    "dangvu.organizations.figures",
    "dangvu.members.figures",
    "dangvu.admissions.figures",
    "dangvu.awards.figures",
    "dangvu.residence.figures",
    "dangvu.meetings.figures",
    "dangvu.study.figures",
    "dangvu.evaluations.figures",
    "dangvu.dues.figures",
    "dangvu.inspection.figures",
    "dangvu.discipline.figures",
    "dangvu.training.figures",
]


@dataclass(frozen=True)
class Window:
    """Where and when figures are counted: the subtree of `organization`, stocks on `end`, flows over
    [start, end] (both days included). `Window.on(org, d)` is a single day; `Window.year(org, 2024)`
    is 1/1–31/12/2024 with stocks on 31/12/2024 (the reporting date, domain-rules S-2);
    `Window.to_date(org, d)` is the year so far."""

    organization: Any
    start: dt.date
    end: dt.date

    def __post_init__(self):
        if self.start > self.end:
            raise ValueError("start after end")

    @classmethod
    def on(cls, organization, day: dt.date) -> Window:
        return cls(organization, day, day)

    @classmethod
    def to_date(cls, organization, day: dt.date) -> Window:
        """"As of `day`": stocks on it, flows from 1 January of its year to it (the year so far). What
        `?on=` means on every statistics page, table and API."""
        return cls(organization, dt.date(day.year, 1, 1), day)

    @classmethod
    def year(cls, organization, year: int) -> Window:
        return cls(organization, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def before_start(self) -> dt.date:
        """The day before the period: stocks "at the start of the period" are read on it, so that
        start + flows in − flows out = end."""
        return self.start - dt.timedelta(days=1)


@dataclass(frozen=True)
class Base:
    """A set-based row source figures count over."""

    code: str  # e.g. "members.state_end"
    kind: str  # STOCK or FLOW
    subject: str  # the model the key points at, "members.Member" or "organizations.Organization"
    rows: Callable[[Window], Any]  # window -> QuerySet, one row per thing counted
    key: str  # the field of a row holding the subject's id ("member_id", "organization_id")
    distinct: bool = False  # count distinct keys (a flow where one member may have two rows)
    # An amount: the figures of this base SUM this field (or annotation) of the rows, a whole number of đồng, instead
    # of counting keys ("dues.amount.collected"). The drill-down still lists the members or organizations behind it.
    measure: str | None = None

    def __post_init__(self):
        if self.measure and self.distinct:
            raise ValueError(f"base {self.code}: a summed measure cannot count distinct keys")


@dataclass(frozen=True)
class Figure:
    code: str
    label: str  # Vietnamese, as a report prints it ("Đảng viên nữ")
    definition: str  # in words, for docs/statistics.md and the figure's help text
    base: str  # Base.code
    where: Q | Callable[[Window], Q] | None = None  # filter on the base's rows (or window -> filter: age on the date)
    dimension: tuple[str, str] | None = None  # (field, value): counted by one GROUP BY per field
    denominator: str | None = None  # code of the figure this one is a share of
    section: str = ""  # heading it is listed under ("Đảng viên", "Cơ cấu đảng viên theo dân tộc")
    order: int = 0

    @property
    def kind(self) -> str:
        return registry().bases[self.base].kind

    def condition(self, window: Window) -> Q:
        """The filter on the base's rows that selects what this figure counts in `window`."""
        if self.dimension is not None:
            return Q(**{self.dimension[0]: self.dimension[1]})
        if self.where is None:
            return Q()
        return self.where(window) if callable(self.where) else self.where


@dataclass
class Registry:
    bases: dict[str, Base] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)

    def add(self, bases: list[Base], figures: list[Figure]) -> None:
        for base in bases:
            if base.code in self.bases:
                raise ValueError(f"base {base.code} registered twice")
            self.bases[base.code] = base
        for figure in figures:
            if not CODE_RE.match(figure.code):
                raise ValueError(f"figure code {figure.code!r} is not dotted lower-case words")
            if figure.code in self.figures:
                raise ValueError(f"figure {figure.code} registered twice")
            if (figure.where is not None) and (figure.dimension is not None):
                raise ValueError(f"figure {figure.code}: where or dimension, not both")
            self.figures[figure.code] = figure

    def check(self) -> None:
        for figure in self.figures.values():
            if figure.base not in self.bases:
                raise ValueError(f"figure {figure.code}: unknown base {figure.base}")
            if figure.denominator and figure.denominator not in self.figures:
                raise ValueError(f"figure {figure.code}: unknown denominator {figure.denominator}")

    def __getitem__(self, code: str) -> Figure:
        return self.figures[code]

    def __contains__(self, code: str) -> bool:
        return code in self.figures

    def ordered(self) -> list[Figure]:
        """Every figure in the providers' order (then each provider's own order)."""
        return list(self.figures.values())


_registry: Registry | None = None


def registry() -> Registry:
    """The figures of every provider, built once."""
    global _registry
    if _registry is None:
        built = Registry()
        for name in FIGURE_PROVIDERS:
            module = import_module(name)
            built.add(list(getattr(module, "BASES", [])), list(getattr(module, "FIGURES", [])))
        built.check()
        _registry = built
    return _registry


def family(prefix: str, *, base: str, field: str, items, label: str, definition: str, section: str,
           denominator: str | None = None, order: int = 0) -> list[Figure]:
    """One figure per value of a dimension: `family("members.by_sex", field="member__sex",
    items=[("male", "Nam"), ("female", "Nữ")], label="Đảng viên {name}", …)` gives
    `members.by_sex.male` and `members.by_sex.female`, computed by one GROUP BY on `field`."""
    return [
        Figure(code=f"{prefix}.{code}", label=label.format(name=name), definition=definition.format(name=name),
               base=base, dimension=(field, code), denominator=denominator, section=section, order=order + i)
        for i, (code, name) in enumerate(items)
    ]
