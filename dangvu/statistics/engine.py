"""Computing the registered figures (dangvu.core.figures) for a window, and the rows behind each.

`compute(window)` runs one aggregate query per base (every plain figure of the base as a filtered
COUNT) and one GROUP BY per dimension field: a fixed number of queries whatever the size of the
subtree. `drill(code, window, user)` is the list of members or organizations behind a figure, within
the user's scope: for a user whose scope holds the window's organization its count is the figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count

from dangvu.core.figures import Figure, Window, registry
from dangvu.core.numbers import ROUNDING_MODES, format_number, percent

DEFAULT_ROUNDING = "half_up"


@dataclass(frozen=True)
class FigureValue:
    code: str
    label: str
    value: int
    denominator: int | None = None
    rounding: str = DEFAULT_ROUNDING

    @property
    def percent(self) -> str | None:
        """The share as printed ("23,33%"), None for a plain count, "—" for an empty denominator."""
        if self.denominator is None:
            return None
        return percent(self.value, self.denominator, rounding=self.rounding)

    @property
    def display(self) -> str:
        return format_number(self.value)

    @property
    def denominator_display(self) -> str:
        return "" if self.denominator is None else format_number(self.denominator)

    def as_dict(self) -> dict:
        return {"code": self.code, "label": str(self.label), "value": self.value, "denominator": self.denominator,
                "percent": self.percent}


def figures(codes=None) -> list[Figure]:
    reg = registry()
    if codes is None:
        return reg.ordered()
    unknown = [c for c in codes if c not in reg]
    if unknown:
        raise KeyError(f"Không có chỉ tiêu thống kê mã {', '.join(unknown)}")
    return [reg[c] for c in codes]


def _count(base, where):
    return Count(base.key, distinct=base.distinct, filter=where)


def counts(window: Window, codes) -> dict[str, int]:
    """The raw counts of the figures `codes` (and nothing else) in `window`."""
    reg = registry()
    by_base: dict[str, list[Figure]] = defaultdict(list)
    for code in codes:
        by_base[reg[code].base].append(reg[code])
    out: dict[str, int] = {}
    for base_code, items in by_base.items():
        base = reg.bases[base_code]
        rows = base.rows(window).order_by()
        plain = [f for f in items if f.dimension is None]
        if plain:
            aggregates = {f"f{i}": _count(base, f.condition(window)) for i, f in enumerate(plain)}
            result = rows.aggregate(**aggregates)
            out.update({f.code: result[f"f{i}"] or 0 for i, f in enumerate(plain)})
        by_field: dict[str, list[Figure]] = defaultdict(list)
        for f in items:
            if f.dimension is not None:
                by_field[f.dimension[0]].append(f)
        for field_name, group in by_field.items():
            grouped = {str(row[field_name]): row["n"] for row in
                       rows.values(field_name).annotate(n=Count(base.key, distinct=base.distinct)).order_by()}
            out.update({f.code: grouped.get(f.dimension[1], 0) for f in group})
    return out


def compute(window: Window, codes=None, *, rounding: str = DEFAULT_ROUNDING) -> list[FigureValue]:
    """The figures `codes` (every registered figure when None) in `window`, in registry order."""
    if rounding not in ROUNDING_MODES:
        raise ValueError(f"Cách làm tròn {rounding!r} không hợp lệ (chọn: {', '.join(ROUNDING_MODES)})")
    wanted = figures(codes)
    needed = {f.code for f in wanted} | {f.denominator for f in wanted if f.denominator}
    raw = counts(window, sorted(needed))
    return [FigureValue(code=f.code, label=f.label, value=raw[f.code],
                        denominator=raw[f.denominator] if f.denominator else None, rounding=rounding)
            for f in wanted]


def value(window: Window, code: str, *, rounding: str = DEFAULT_ROUNDING) -> FigureValue:
    return compute(window, [code], rounding=rounding)[0]


def subject_model(figure: Figure):
    return apps.get_model(registry().bases[figure.base].subject)


def drill(code: str, window: Window, user):
    """The members or organizations counted by figure `code` in `window` that `user` may see
    (a queryset of the base's subject model)."""
    figure = registry()[code]
    base = registry().bases[figure.base]
    rows = base.rows(window).order_by()
    rows = rows.filter(figure.condition(window))
    model = subject_model(figure)
    return model.objects.restrict(user).filter(pk__in=rows.values(base.key))
