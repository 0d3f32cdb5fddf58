"""Summary tables of the stock figures (issue 11, "Performance"): counts precomputed per organization and day.

A stock figure of a subtree on a day counts rows *placed at* the organizations of the subtree as the tree
stood that day (`organizations.tree.subtree_ids_on`). So it is the sum, over those organizations, of the
count of rows placed at each one. `SummaryCount` keeps that count per (day, organization, figure code),
with the organization's path on that day; a subtree's figure is then one SUM over one index range
(`path` under the subtree's path) instead of a scan of the member states.

Which figures: those of the bases named in `SUMMARY_BASES` (stock bases whose rows are the rows placed at
the organizations of `subtree_ids_on(window.organization, day)`, counted without DISTINCT, so counts add
up), except a figure whose condition depends on the window (age on the end date, a step taken by the
end date) on a base that is not read on the end date. Flows are not summarized: a distinct count of
members over a period does not add up over days. `summarizable_codes()` lists them (140 of the 177
figures today: every stock; bench/README.md names them).

Which days: the days of `SummaryDay`, chosen by whoever runs the refresh (`refresh_statistics --on …`;
by default today, yesterday and the two last 31/12: the statistics page's "as of today" reads the day
before 1/1 and the day before for the stocks at the start of the period).

Fresh or not: the register's writers mark the organizations they change (`SummaryMark`, written in the
same transaction as the change, by `dangvu.statistics.invalidation`); a change of the tree marks
everything. The engine serves a figure from the summary only when its day has been computed and no mark
lies in the subtree (`fresh`); otherwise it runs the live query. `refresh_stale()` (the background job's
entry point) recomputes the marked organizations on every day and removes the marks it has seen;
`refresh(days, organization)` recomputes whole days (or one subtree on those days).

Roll-ups: for the organizations of the top levels of the tree (depth <= the setting `statistics.rollup_depth`,
recorded per day in `SummaryDay.rollup_depth`), the subtree totals of the day are stored too (`SummaryRollup`,
one INSERT … SELECT of the day's `SummaryCount` rows under the organization's path, per organization), so that
the nation or a province reads one row per code instead of one per organization and code. Whatever rewrites
counts of a day rewrites the roll-ups of the organizations above them (and of the top-level organizations of a
refreshed subtree) in the same transaction; they are served under the same freshness check as the counts.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import import_module

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.fields import BooleanField, CharField, IntegerField
from django.utils import timezone

from dangvu.core.dates import today
from dangvu.core.figures import FIGURE_PROVIDERS, Figure, Window, registry
from dangvu.organizations.models import Organization, OrganizationVersion
from dangvu.organizations.tree import path_ids, version_on, versions_over
from dangvu.rules.parameters import params_on
from dangvu.statistics.models import SummaryCount, SummaryDay, SummaryFlow, SummaryFlowRun, SummaryMark, SummaryRollup

END = "end"
BEFORE_START = "before_start"
# Stock bases whose rows are placed at organizations (field `organization_id`) of the subtree on one day:
# the window's end date, or the day before its start.
SUMMARY_BASES = {
    "members.state_end": END,
    "members.state_start": BEFORE_START,
    "organizations.versions_end": END,
    "admissions.pipeline_end": END,
}
PLACED_AT = "organization_id"
BATCH = 5000
# The flows summarized (`SummaryFlow`): each figure-providing module's SUMMARY_FLOWS (flow base -> (field of the
# organization a row is placed at, field of its day, placed as the tree stood the day before)) and
# SUMMARY_CROSSINGS (figure -> (condition always counted, condition counted when the other organization lay
# outside the subtree, field of that organization, read the day before)); see dangvu.members.figures.


@functools.cache
def flow_bases() -> dict[str, tuple[str, str, bool]]:
    return _declared("SUMMARY_FLOWS")


@functools.cache
def crossings() -> dict[str, tuple]:
    return _declared("SUMMARY_CROSSINGS")


def _declared(name: str) -> dict:
    out: dict = {}
    for module in FIGURE_PROVIDERS:
        out.update(getattr(import_module(module), name, {}))
    return out


# The whole history, as a window: what the flows summary stores.
EVER_START, EVER_END = dt.date(1900, 1, 1), dt.date(9000, 12, 31)


def _reads(figure: Figure) -> str | None:
    """The day of the window the summary of `figure` is read on (END / BEFORE_START; FLOW: every day of the
    period, from `SummaryFlow`), None if it is not summarizable."""
    if _flow_summarized(figure):
        return FLOW
    reads = SUMMARY_BASES.get(figure.base)
    if reads is None or registry().bases[figure.base].distinct:
        return None
    if callable(figure.where) and reads != END:  # its condition reads the end date, the rows another day
        return None
    return reads


FLOW = "flow"


def _flow_summarized(figure: Figure) -> bool:
    """A flow of a base of `flow_bases()` whose condition does not depend on the window (or a transfer of
    `crossings()`), counting keys (not summing an amount): each counted row is stored once per figure with its
    day and placement, so the figure over any period is a count of those rows (DISTINCT keys when the base
    counts distinct members), equal to the live query's for every period, additive over days or not."""
    return (figure.base in flow_bases() and (not callable(figure.where) or figure.code in crossings())
            and not registry().bases[figure.base].measure)


def summarizable_codes() -> list[str]:
    return [f.code for f in registry().ordered() if _reads(f) is not None]


def canonical_window(organization, day: dt.date, reads: str) -> Window:
    """The window whose rows and conditions the summary of `day` stores: stocks on `day` (END), or read on
    the day before a one-day period starting the day after `day` (BEFORE_START)."""
    return Window.on(organization, day if reads == END else day + dt.timedelta(days=1))


def default_days(on: dt.date | None = None) -> list[dt.date]:
    on = on or today()
    return sorted({on, on - dt.timedelta(days=1), dt.date(on.year - 1, 12, 31), dt.date(on.year - 2, 12, 31)})


# ---------------------------------------------------------------- serving

def fresh_q(organization_path: str, day: dt.date) -> Q:
    """`SummaryDay` rows of `day` with no mark on an organization under `organization_path` that day (nor
    a mark of the whole tree)."""
    under = OrganizationVersion.objects.valid_on(day).filter(organization_id=OuterRef("organization_id"),
                                                             path__tree_prefix=organization_path)
    stale = SummaryMark.objects.filter(Q(organization_id__isnull=True) | Q(Exists(under)))
    return Q(on=day) & ~Q(Exists(stale))


def is_fresh(organization, day: dt.date) -> bool:
    own = version_on(organization, day)
    return own is not None and SummaryDay.objects.filter(fresh_q(own.path, day)).exists()


def serve(window: Window, codes) -> dict[str, int]:
    """The figures of `codes` the summary can answer for `window` (summarizable, their day computed and
    fresh for the window's subtree), from the summary; the others are left to the live query. For the stocks:
    the organization's version on each day read (cached by the engine), one freshness check for all the days,
    then one read of the roll-ups of every day where the organization has them, else one SUM per day."""
    reg = registry()
    by_day: dict[dt.date, list[str]] = defaultdict(list)
    flows: list[str] = []
    for code in codes:
        reads = _reads(reg[code])
        if reads == FLOW:
            flows.append(code)
        elif reads is not None:
            by_day[getattr(window, reads)].append(code)
    out: dict[str, int] = serve_flows(window, flows) if flows else {}
    owns = {}
    for day, day_codes in by_day.items():
        own = version_on(window.organization, day)
        if own is None:  # the organization did not exist that day: nothing placed in its subtree
            out.update(dict.fromkeys(day_codes, 0))
        else:
            owns[day] = own
    if not owns:
        return out
    fresh = Q(pk__in=[])
    for day, own in owns.items():
        fresh |= fresh_q(own.path, day)
    depths = dict(SummaryDay.objects.filter(fresh).values_list("on", "rollup_depth"))
    rolled: list[dt.date] = []
    for day, own in owns.items():
        if day not in depths:
            continue
        out.update(dict.fromkeys(by_day[day], 0))
        if own.depth <= depths[day]:  # its subtree totals are stored
            rolled.append(day)
            continue
        sums = (SummaryCount.objects.filter(on=day, path__tree_prefix=own.path, code__in=by_day[day])
                .values("code").order_by().annotate(n=Sum("value")))
        out.update({row["code"]: int(row["n"]) for row in sums})
    if rolled:  # one statement for every day (each code is read on one day only)
        which = Q(pk__in=[])
        for day in rolled:
            which |= Q(on=day, code__in=by_day[day])
        out.update(SummaryRollup.objects.filter(which, organization_id=window.organization.pk)
                   .values_list("code", "value"))
    return out


def _placed_q(roots: list[OrganizationVersion], path: str = "path", day_before=None) -> Q:
    """`SummaryFlow` rows whose `path` lay under one of the `roots` versions on its placement day (the row's own
    `day_before`, or the given one): `within_subtree_q`."""
    q = Q(pk__in=[])
    for root in roots:
        for before in ((False, True) if day_before is None else (day_before,)):
            c = Q(**{f"{path}__tree_prefix": root.path})
            if day_before is None:
                c &= Q(day_before=before)
            c &= Q(on__gt=root.valid_from) if before else Q(on__gte=root.valid_from)
            if root.valid_to is not None:
                c &= Q(on__lte=root.valid_to) if before else Q(on__lt=root.valid_to)
            q |= c
    return q


def flows_fresh(roots: list[OrganizationVersion]) -> bool:
    """The flows summary is computed and no mark lies on an organization that ever stood under one of `roots`."""
    under = Q(pk__in=[])
    for root in roots:
        under |= Q(path__tree_prefix=root.path)
    ever_under = OrganizationVersion.objects.filter(under, organization_id=OuterRef("organization_id"))
    stale = SummaryMark.objects.filter(Q(organization_id__isnull=True) | Q(Exists(ever_under)))
    return SummaryFlowRun.objects.filter(~Exists(stale)).exists()


def serve_flows(window: Window, codes) -> dict[str, int]:
    """The summarized flows `codes` over `window` from `SummaryFlow` (nothing when it is not fresh for the
    subtree): one COUNT per kind of count (distinct or not), grouped by code, over the rows of the period."""
    reg = registry()
    roots = versions_over(window.organization, window.start, window.end)
    if not roots:
        return dict.fromkeys(codes, 0)
    if not flows_fresh(roots):
        return {}
    out = dict.fromkeys(codes, 0)
    rows = SummaryFlow.objects.filter(_placed_q(roots), on__gte=window.start, on__lte=window.end)
    inside = [c for c in codes if c in crossings()]
    if inside:  # a transfer counts when the other organization lay outside the subtree
        outside = Q(other_path__isnull=True)
        for before in sorted({crossings()[c][3] for c in inside}):
            these = [c for c in inside if crossings()[c][3] == before]
            outside |= Q(code__in=these) & ~_placed_q(roots, "other_path", before)
        rows = rows.filter(outside)
    for distinct in (False, True):
        these = [c for c in codes if reg.bases[reg[c].base].distinct == distinct]
        if these:
            for row in (rows.filter(code__in=these).values("code").order_by()
                        .annotate(n=Count("key", distinct=distinct))):
                out[row["code"]] = int(row["n"])
    return out


# ---------------------------------------------------------------- computing

def _version_of(org_field: str, date_field: str, before: bool):
    """The version of the organization `org_field` valid on the row's `date_field` (or on the day before it)."""
    version = OrganizationVersion.objects.filter(organization_id=OuterRef(org_field))
    if before:
        return version.filter(valid_from__lt=OuterRef(date_field)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef(date_field)))
    return version.filter(valid_from__lte=OuterRef(date_field)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field)))


def _flow_roots() -> list[int]:
    return list(OrganizationVersion.objects.filter(parent__isnull=True).order_by("organization_id")
                .values_list("organization_id", flat=True).distinct())


def _refresh_flows(org_ids: list[int] | None) -> int:
    """Recompute the `SummaryFlow` rows (all of them, or those placed at `org_ids`): for each summarized flow,
    its base's rows over the whole history of each root, with the placement's path, copied by one INSERT …
    SELECT per figure (the base's own query: the same rows the live query counts)."""
    reg = registry()
    stale = SummaryFlow.objects.all() if org_ids is None else SummaryFlow.objects.filter(organization_id__in_ids=frozenset(org_ids))
    _delete(stale)
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in ("on", "day_before", "organization_id", "path", "code", "key", "other_path"))
    table = qn(SummaryFlow._meta.db_table)
    total = 0
    figures = [f for f in reg.ordered() if _reads(f) == FLOW]
    for root_id in _flow_roots():
        window = Window(Organization(pk=root_id), EVER_START, EVER_END)
        for figure in figures:
            org_field, date_field, before = flow_bases()[figure.base]
            base = reg.bases[figure.base]
            if figure.code in crossings():
                always, crossing, other_field, other_before = crossings()[figure.code]
                parts = [(always, None), (crossing, Subquery(_version_of(other_field, date_field, other_before)
                                                             .values("path")[:1]))]
            else:
                parts = [(figure.condition(window), None)]
            for condition, other in parts:
                rows = (base.rows(window).filter(condition).order_by()
                        .annotate(sf_on=F(date_field), sf_before=Value(before, output_field=BooleanField()),
                                  sf_org=ExpressionWrapper(F(org_field), output_field=IntegerField()),
                                  sf_path=Subquery(_version_of(org_field, date_field, before).values("path")[:1]),
                                  sf_code=Value(figure.code, output_field=CharField()),
                                  sf_key=F(base.key),
                                  sf_other=other if other is not None else Value(None, output_field=CharField()))
                        .filter(sf_path__isnull=False, sf_org__isnull=False))
                if org_ids is not None:
                    rows = rows.filter(sf_org__in_ids=frozenset(org_ids))
                try:
                    sql, params = (rows.values("sf_on", "sf_before", "sf_org", "sf_path", "sf_code", "sf_key", "sf_other")
                                   .query.sql_with_params())
                except EmptyResultSet:  # nothing placed under this root
                    continue
                with connection.cursor() as cursor:
                    cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
                    total += max(cursor.rowcount, 0)
    SummaryFlowRun.objects.all().delete()
    SummaryFlowRun.objects.create(refreshed_at=timezone.now())
    return total

def _by_base() -> dict[str, list[Figure]]:
    reg = registry()
    out: dict[str, list[Figure]] = defaultdict(list)
    for figure in reg.ordered():
        if _reads(figure) in (END, BEFORE_START):
            out[figure.base].append(figure)
    return out


def _placed_counts(day: dt.date, roots, org_ids: list[int] | None) -> dict[tuple[int, str], int]:
    """{(organization id, code): count} of every summarizable figure on `day`, for the rows placed in the
    subtrees of `roots` (and, given `org_ids`, only at those organizations). One aggregate grouped by
    organization for the plain figures of a base, one GROUP BY (organization, field) per dimension field."""
    reg = registry()
    out: dict[tuple[int, str], int] = {}
    for base_code, items in _by_base().items():
        base, reads = reg.bases[base_code], SUMMARY_BASES[base_code]
        for root in roots:
            window = canonical_window(root, day, reads)
            rows = base.rows(window).order_by()
            if org_ids is not None:
                rows = rows.filter(**{f"{PLACED_AT}__in_ids": frozenset(org_ids)})
            plain = [f for f in items if f.dimension is None]
            if plain:
                aggregates = {f"f{i}": Count(base.key, filter=f.condition(window)) for i, f in enumerate(plain)}
                for row in rows.values(PLACED_AT).annotate(**aggregates):
                    for i, f in enumerate(plain):
                        if row[f"f{i}"]:
                            out[(row[PLACED_AT], f.code)] = row[f"f{i}"]
            by_field: dict[str, dict[str, str]] = defaultdict(dict)
            for f in items:
                if f.dimension is not None:
                    by_field[f.dimension[0]][f.dimension[1]] = f.code
            for field_name, codes in by_field.items():
                for row in rows.values(PLACED_AT, field_name).annotate(n=Count(base.key)):
                    code = codes.get(str(row[field_name]))
                    if code is not None and row["n"]:
                        out[(row[PLACED_AT], code)] = row["n"]
    return out


def _roots(day: dt.date) -> list[int]:
    return list(OrganizationVersion.objects.valid_on(day).filter(parent__isnull=True)
                .order_by("organization_id").values_list("organization_id", flat=True))


def _store(day: dt.date, counts: dict[tuple[int, str], int], stale) -> int:
    """Replace the rows `stale` (a queryset of `day`'s rows) by `counts`, with each organization's path on the day."""
    org_ids = sorted({org_id for org_id, _code in counts})
    paths = dict(OrganizationVersion.objects.valid_on(day).filter(organization_id__in_ids=frozenset(org_ids))
                 .values_list("organization_id", "path")) if org_ids else {}
    _delete(stale)
    rows = [SummaryCount(on=day, organization_id=org_id, path=paths[org_id], code=code, value=n)
            for (org_id, code), n in sorted(counts.items()) if org_id in paths]
    SummaryCount.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def rollup_depth(day: dt.date) -> int:
    """How many top levels of the tree get their subtree totals stored when `day` is computed (the setting)."""
    return int(params_on(day)["statistics.rollup_depth"])


def _roll_up(day: dt.date, depth: int, org_ids=None) -> int:
    """Replace the roll-ups of `day` of the organizations of depth <= `depth` that day (all of them, or those of
    `org_ids`) by the sums of the day's `SummaryCount` rows under their paths: one INSERT … SELECT each."""
    stale = SummaryRollup.objects.filter(on=day)
    if org_ids is not None:
        stale = stale.filter(organization_id__in_ids=frozenset(org_ids))
    _delete(stale)
    tops = OrganizationVersion.objects.valid_on(day).filter(depth__lte=depth)
    if org_ids is not None:
        tops = tops.filter(organization_id__in_ids=frozenset(org_ids))
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in ("on", "organization_id", "code", "value"))
    table = qn(SummaryRollup._meta.db_table)
    total = 0
    for org_id, path in tops.order_by("path").values_list("organization_id", "path"):
        sql, params = (SummaryCount.objects.filter(on=day, path__tree_prefix=path).values("code").order_by()
                       .annotate(n=Sum("value")).query.sql_with_params())
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT %s, %s, t.code, t.n FROM ({sql}) t",
                           [connection.ops.adapt_datefield_value(day), org_id, *params])
            total += max(cursor.rowcount, 0)
    return total


def _above(day: dt.date, org_ids) -> set[int]:
    """`org_ids` and every organization above one of them on `day` (the roll-ups their counts add to)."""
    paths = (OrganizationVersion.objects.valid_on(day).filter(organization_id__in_ids=frozenset(org_ids))
             .values_list("path", flat=True))
    return {pk for path in paths for pk in path_ids(path)}


@dataclass
class Refreshed:
    days: list[dt.date]
    rows: int
    marks_cleared: int


def _seen_marks() -> list[tuple[int, int | None]]:
    return list(SummaryMark.objects.order_by("id").values_list("id", "organization_id"))


def refresh(days=None, organization: Organization | None = None, progress=None) -> Refreshed:
    """Recompute the summary of `days` (default: the days already computed, or `default_days()` when
    none): the whole tree, or the subtree of `organization` on each day. A full refresh of every
    computed day removes the marks written before it started; a subtree refresh removes the marks of the
    organizations of the subtree (not a mark of the whole tree). Each day is replaced in one transaction."""
    existing = set(SummaryDay.objects.values_list("on", flat=True))
    wanted = sorted(set(days) if days else (existing or set(default_days())))
    seen = _seen_marks()
    total, covered = 0, set()
    if organization is None:
        with transaction.atomic():
            total += _refresh_flows(None)
    for i, day in enumerate(wanted, 1):
        with transaction.atomic():
            if organization is None:
                depth = rollup_depth(day)
                counts = _placed_counts(day, [Organization(pk=pk) for pk in _roots(day)], None)
                total += _store(day, counts, SummaryCount.objects.filter(on=day))
                total += _roll_up(day, depth)
            else:  # a subtree: the day keeps the depth its roll-ups were computed with
                depth = SummaryDay.objects.filter(on=day).values_list("rollup_depth", flat=True).first() or 0
                own = version_on(organization, day)
                counts = _placed_counts(day, [organization], None) if own else {}
                stale = SummaryCount.objects.filter(on=day, path__tree_prefix=own.path) if own else SummaryCount.objects.none()
                total += _store(day, counts, stale)
                if own is not None:
                    inside = set(OrganizationVersion.objects.valid_on(day).filter(path__tree_prefix=own.path)
                                 .values_list("organization_id", flat=True))
                    covered |= inside
                    total += _roll_up(day, depth, inside | set(path_ids(own.path)))
            SummaryDay.objects.update_or_create(on=day, defaults={"refreshed_at": timezone.now(), "rollup_depth": depth})
        if progress:
            progress(i, len(wanted))
    if organization is not None and covered:
        with transaction.atomic():
            total += _refresh_flows(sorted(covered))
    cleared = 0
    if existing <= set(wanted):
        ids = [pk for pk, org in seen if organization is None or (org is not None and org in covered)]
        cleared = _clear(ids)
    return Refreshed(wanted, total, cleared)


def refresh_stale(progress=None) -> Refreshed:
    """The background job's entry point: bring every computed day up to date with the register. A mark of
    the whole tree recomputes every day; marks of organizations recompute those organizations' rows on
    every day. Removes only the marks it read before computing (a change committed meanwhile stays marked).
    `progress(done, total)`, if given, is called after each day."""
    seen = _seen_marks()
    days = sorted(SummaryDay.objects.values_list("on", flat=True))
    flows = SummaryFlowRun.objects.exists()
    if not seen or not (days or flows):
        return Refreshed(days, 0, 0)
    if any(org is None for _pk, org in seen):
        return refresh(days, progress=progress)
    org_ids = sorted({org for _pk, org in seen})
    depths = dict(SummaryDay.objects.values_list("on", "rollup_depth"))
    total = 0
    for i, day in enumerate(days, 1):
        with transaction.atomic():
            counts = _placed_counts(day, [Organization(pk=pk) for pk in _roots(day)], org_ids)
            total += _store(day, counts, SummaryCount.objects.filter(on=day, organization_id__in_ids=frozenset(org_ids)))
            total += _roll_up(day, depths[day], _above(day, org_ids))
            SummaryDay.objects.filter(on=day).update(refreshed_at=timezone.now())
        if progress:
            progress(i, len(days))
    if flows:
        with transaction.atomic():
            total += _refresh_flows(org_ids)
    return Refreshed(days, total, _clear([pk for pk, _org in seen]))


def _delete(rows) -> int:
    """Delete summary rows in one statement: they are derived counts, not register data (no audit entry, no
    signal; `QuerySet.delete` would first read every row for the audit's post_delete handler)."""
    return rows._raw_delete(rows.db)


def _clear(ids: list[int]) -> int:
    return SummaryMark.objects.filter(pk__in_ids=frozenset(ids)).delete()[0] if ids else 0


def forget(days) -> int:
    """Stop keeping the summary of `days` (their figures are then computed live)."""
    _delete(SummaryCount.objects.filter(on__in=list(days)))
    _delete(SummaryRollup.objects.filter(on__in=list(days)))
    return SummaryDay.objects.filter(on__in=list(days)).delete()[0]
