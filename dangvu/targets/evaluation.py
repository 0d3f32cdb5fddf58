"""The actual and status of targets on a date, in a fixed number of queries for a list.

A figure target's actual is `engine.compute` over the target organization's subtree for its period up
to the date (flows from the period's start, stocks on the date or the period's end): the targets of
one organization and period share one compute. A parent's actual is computed over its whole subtree,
its breakdown's over their own (roll-up by construction). A manual target's actual is its last entry
on or before the date; without one, the sum of its breakdown's (counts, not percentages).
A code not registered (a capability that will register it has not landed) has no actual: "chưa có số liệu".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from dangvu.core.figures import FLOW, Window, registry
from dangvu.core.numbers import format_number, percent
from dangvu.rules.parameters import params_on
from dangvu.statistics.engine import compute
from dangvu.targets import rules
from dangvu.targets.kinds import STATUS_COLORS, Comparison, Measure, TargetStatus
from dangvu.targets.models import Target, TargetActual


@dataclass(frozen=True)
class Evaluation:
    target: Target
    on: dt.date
    actual: Fraction | None  # the value compared (a percentage when the target is one)
    value: int | Decimal | None  # the count (figure) or the entered value
    denominator: int | None
    status: str
    registered: bool  # a figure target whose code is in the registry (always True for manual ones)
    rolled_up: bool = False  # a manual actual summed from the breakdown

    @property
    def status_label(self) -> str:
        return str(TargetStatus(self.status).label)

    @property
    def status_color(self) -> str:
        return STATUS_COLORS[self.status]

    @property
    def actual_display(self) -> str:
        if self.actual is None:
            return "chưa có số liệu"
        if self.target.as_percent:
            if self.denominator is not None:
                return f"{percent(self.value, self.denominator)} ({format_number(self.value)}/{format_number(self.denominator)})"
            return format_number(Decimal(self.value), 2).removesuffix(",00") + "%"
        return format_number(Decimal(self.value), 2).removesuffix(",00")

    @property
    def expected_display(self) -> str:
        return threshold_display(self.target)

    def as_dict(self) -> dict:
        t = self.target
        return {"target": t.pk, "on": self.on.isoformat(), "status": self.status, "status_label": self.status_label,
                "actual": None if self.actual is None else float(self.actual), "actual_display": self.actual_display,
                "value": None if self.value is None else float(self.value), "denominator": self.denominator,
                "registered": self.registered, "rolled_up": self.rolled_up}


def _num(value) -> str:
    return format_number(Decimal(value), 2).removesuffix(",00")


def threshold_display(t: Target) -> str:
    unit = "%" if t.as_percent else ""
    if t.comparison == Comparison.BETWEEN:
        return f"{_num(t.threshold)}{unit}–{_num(t.threshold_high)}{unit}"
    sign = "≥" if t.comparison == Comparison.AT_LEAST else "≤"
    return f"{sign} {_num(t.threshold)}{unit}"


def cumulative(t: Target) -> bool:
    """A count of things done over the period (grows, never falls): a flow figure's value, or a count entered by hand."""
    if t.as_percent:
        return False
    if t.measure == Measure.MANUAL:
        return True
    reg = registry()
    return t.figure_code in reg and reg[t.figure_code].kind == FLOW


def evaluate(targets, on: dt.date) -> dict[int, Evaluation]:
    """The evaluation of each target on `on` (its id → Evaluation)."""
    targets = list(targets)
    if not targets:
        return {}
    reg = registry()
    tolerance = params_on(on)[rules.TOLERANCE]
    # Figure targets: one compute per (organization, period).
    groups: dict[tuple, list[Target]] = defaultdict(list)
    for t in targets:
        if t.measure == Measure.FIGURE and t.figure_code in reg:
            groups[(t.organization_id, t.period_start, min(t.period_end, max(on, t.period_start)))].append(t)
    figures: dict[int, tuple[int, int | None]] = {}
    for (_org, start, end), items in groups.items():
        values = {v.code: v for v in compute(Window(items[0].organization, start, end), sorted({t.figure_code for t in items}))}
        for t in items:
            figures[t.pk] = (values[t.figure_code].value, values[t.figure_code].denominator)
    # Manual targets: their entries and their breakdown's (one query each).
    manual_ids = [t.pk for t in targets if t.measure == Measure.MANUAL]
    children: dict[int, list[int]] = defaultdict(list)
    if manual_ids:
        for child_id, parent_id in Target.objects.filter(parent_id__in=manual_ids, measure=Measure.MANUAL).values_list("id", "parent_id"):
            children[parent_id].append(child_id)
    latest: dict[int, Decimal] = {}
    wanted = set(manual_ids) | {c for ids in children.values() for c in ids}
    if wanted:
        for target_id, value in (TargetActual.objects.filter(target_id__in=wanted, recorded_on__lte=on)
                                 .order_by("recorded_on", "id").values_list("target_id", "value")):
            latest[target_id] = value
    out = {}
    for t in targets:
        rolled = False
        value = denominator = None
        registered = True
        if t.measure == Measure.FIGURE:
            registered = t.figure_code in reg
            if t.pk in figures:
                value, denominator = figures[t.pk]
        else:
            value = latest.get(t.pk)
            if value is None and not t.as_percent and any(c in latest for c in children.get(t.pk, [])):
                value, rolled = sum((latest[c] for c in children[t.pk] if c in latest), Decimal(0)), True
        if value is None:
            actual = None
        elif t.as_percent and denominator is not None:
            actual = Fraction(value * 100, denominator) if denominator else None
        else:
            actual = Fraction(Decimal(value))
        state = rules.status(comparison=t.comparison, low=t.threshold, high=t.threshold_high, actual=actual,
                             start=t.period_start, end=t.period_end, on=on, cumulative=cumulative(t),
                             tolerance_percent=tolerance)
        out[t.pk] = Evaluation(t, on, actual, value, denominator, state, registered, rolled)
    return out


def headline(evaluations) -> str:
    """"13/15 chỉ tiêu đạt và vượt"."""
    evaluations = list(evaluations)
    met = sum(e.status == TargetStatus.MET for e in evaluations)
    return f"{met}/{len(evaluations)} chỉ tiêu đạt và vượt"


def overlapping(qs, start: dt.date, end: dt.date):
    """Targets whose period overlaps [start, end]."""
    return qs.filter(period_start__lte=end, period_end__gte=start)
