"""Computing the registered figures (dangvu.core.figures) for a window, and the rows behind each.

`compute(window)` runs a fixed number of queries whatever the size of the subtree: on PostgreSQL one
GROUPING SETS query per base (one scan of the base's rows for all its figures and dimensions),
elsewhere one aggregate query per base (every plain figure of the base as a filtered COUNT) and one
GROUP BY per dimension field. `drill(code, window, user)` is the list of members or organizations behind a figure, within
the user's scope: for a user whose scope holds the window's organization its count is the figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Sum

from dangvu.core.figures import Figure, Window, registry
from dangvu.core.numbers import ROUNDING_MODES, format_number, percent
from dangvu.organizations.tree import versions_read_once
from dangvu.statistics import summaries

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


def _count(base, where=None):
    """What a figure of `base` adds up: its keys counted, or its measure summed (an amount)."""
    if base.measure:
        return Sum(base.measure, filter=where)
    return Count(base.key, distinct=base.distinct, filter=where)


def _whole(value) -> int:
    """A count, or a sum of whole đồng (Decimal on every database), as an exact int; an empty sum is 0."""
    return int(value or 0)


def counts(window: Window, codes, *, summary: bool = True) -> dict[str, int]:
    """The raw counts of the figures `codes` (and nothing else) in `window`. The stock figures the summary
    tables answer (dangvu.statistics.summaries: computed for the day and fresh for the subtree) come from
    them unless `summary` is False; the rest from the live query: one query per base on PostgreSQL
    (GROUPING SETS), one aggregate plus one GROUP BY per dimension field elsewhere."""
    with versions_read_once():  # the organization's versions, read once for every base and day
        reg = registry()
        out: dict[str, int] = summaries.serve(window, codes) if summary else {}
        by_base: dict[str, list[Figure]] = defaultdict(list)
        for code in codes:
            if code not in out:
                by_base[reg[code].base].append(reg[code])
        rowsets = {base_code: reg.bases[base_code].rows(window).order_by() for base_code in by_base}
        empty = _empty_tables(rowsets.values())
        for base_code, items in by_base.items():
            base, rows = reg.bases[base_code], rowsets[base_code]
            if rows.model._meta.db_table in empty and rows.query.combinator is None:
                out.update(dict.fromkeys((f.code for f in items), 0))  # rows of an empty table: none
            elif connections[rows.db].vendor == "postgresql":
                out.update(_grouping_sets(base, rows, items, window))
            else:
                out.update(_per_field(base, rows, items, window))
        return out


def _empty_tables(rowsets) -> set[str]:
    """The tables, among those the querysets `rowsets` select from, that hold no row at all (one statement).
    A queryset of a model reads rows of its model's table (joins from it add none): over an empty table it
    has no row, and every figure of its base is 0, what its query would answer."""
    tables = sorted({rows.model._meta.db_table for rows in rowsets})
    if not tables:
        return set()
    connection = connections[next(iter(rowsets)).db]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {qn(t)})" for t in tables))
        found = cursor.fetchone()
    return {t for t, any_row in zip(tables, found, strict=True) if not any_row}


def _dimensions(items) -> dict[str, list[Figure]]:
    by_field: dict[str, list[Figure]] = defaultdict(list)
    for f in items:
        if f.dimension is not None:
            by_field[f.dimension[0]].append(f)
    return by_field


def _per_field(base, rows, items, window: Window) -> dict[str, int]:
    """The portable way: one aggregate with a filtered COUNT per plain figure, one GROUP BY per
    dimension field."""
    out: dict[str, int] = {}
    plain = [f for f in items if f.dimension is None]
    if plain:
        aggregates = {f"f{i}": _count(base, f.condition(window)) for i, f in enumerate(plain)}
        result = rows.aggregate(**aggregates)
        out.update({f.code: _whole(result[f"f{i}"]) for i, f in enumerate(plain)})
    for field_name, group in _dimensions(items).items():
        grouped = {str(row[field_name]): _whole(row["n"]) for row in
                   rows.values(field_name).annotate(n=_count(base)).order_by()}
        out.update({f.code: grouped.get(f.dimension[1], 0) for f in group})
    return out


def _grouping_sets(base, rows, items, window: Window) -> dict[str, int]:
    """PostgreSQL: every figure of the base from ONE scan of its rows. Each plain figure's condition
    becomes a boolean column and each dimension field a column of the base's rows; the outer query
    counts the rows (the keys) by GROUPING SETS: the empty set (the figures without a condition), one set
    per condition (its TRUE group is the figure) and one per dimension field (each value a figure).
    The same numbers as `_per_field`, which tests/statistics/test_engine_parity.py checks."""
    plain = [f for f in items if f.dimension is None]
    conditions = {f"sc{i}": f.condition(window) for i, f in enumerate(plain)}
    conditions = {name: q for name, q in conditions.items() if q}  # Q() is every row: the empty set answers it
    by_field = _dimensions(items)
    dims = {f"sd{j}": field_name for j, field_name in enumerate(by_field)}
    columns = [*conditions, *dims]
    measure = {"sv": F(base.measure)} if base.measure else {}
    inner = rows.annotate(sk=F(base.key), **measure, **{name: F(field_name) for name, field_name in dims.items()},
                          **{name: ExpressionWrapper(q, output_field=BooleanField()) for name, q in conditions.items()})
    try:
        inner_sql, params = inner.values("sk", *measure, *columns).query.sql_with_params()
    except EmptyResultSet:  # the organization did not exist then: nothing to count
        return {f.code: 0 for f in items}
    qn = connections[rows.db].ops.quote_name
    count = "SUM(t.sv)" if base.measure else f"COUNT({'DISTINCT ' if base.distinct else ''}t.sk)"
    flags = "".join(f"GROUPING(t.{qn(c)}), " for c in columns)
    sets = ", ".join(["()", *(f"(t.{qn(c)})" for c in columns)])
    sql = (f"SELECT {flags}{''.join(f't.{qn(c)}, ' for c in columns)}{count} FROM ({inner_sql}) t "
           f"GROUP BY GROUPING SETS ({sets})")
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        result = cursor.fetchall()
    n = len(columns)
    total, true_of, by_value = 0, {}, defaultdict(dict)
    for row in result:
        flags_row, values, number = row[:n], row[n:2 * n], _whole(row[2 * n])
        grouped = [i for i, flag in enumerate(flags_row) if flag == 0]
        if not grouped:
            total = number
            continue
        column = columns[grouped[0]]
        if column in conditions:
            if values[grouped[0]] is True:
                true_of[column] = number
        else:
            by_value[column][str(values[grouped[0]])] = number
    out = {f.code: (true_of.get(f"sc{i}", 0) if f"sc{i}" in conditions else total) for i, f in enumerate(plain)}
    for name, field_name in dims.items():
        out.update({f.code: by_value[name].get(f.dimension[1], 0) for f in by_field[field_name]})
    return out


def compute(window: Window, codes=None, *, rounding: str = DEFAULT_ROUNDING, summary: bool = True) -> list[FigureValue]:
    """The figures `codes` (every registered figure when None) in `window`, in registry order (`summary`:
    see `counts`)."""
    if rounding not in ROUNDING_MODES:
        raise ValueError(f"Cách làm tròn {rounding!r} không hợp lệ (chọn: {', '.join(ROUNDING_MODES)})")
    wanted = figures(codes)
    needed = {f.code for f in wanted} | {f.denominator for f in wanted if f.denominator}
    raw = counts(window, sorted(needed), summary=summary)
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
