"""Statistics at scale (issue 11): the figure set of the measured province and of the nation as of
today, each next to a floor — the simplest hand-written SQL for the same numbers, run in the same
session — and the ratio.

The floor covers the stock figures of the register on the date (total, full, probationary, by sex),
the part a hand-written query answers in one statement: one scan of the states valid on the date,
joined with the organization versions valid then under the subtree's path. The engine's run of the
same codes is measured beside it ("engine, same codes"), then the whole figure set (every registered
figure: stocks, flows, families; one aggregate per base and one GROUP BY per dimension field).
"""

from __future__ import annotations

CODES = ["members.total", "members.full", "members.probationary", "members.by_sex.male", "members.by_sex.female"]

FLOOR_SQL = """
SELECT COUNT(*),
       COUNT(*) FILTER (WHERE s.status = 'full'),
       COUNT(*) FILTER (WHERE s.status = 'probationary'),
       COUNT(*) FILTER (WHERE m.sex = 'male'),
       COUNT(*) FILTER (WHERE m.sex = 'female')
  FROM members_memberstate s
  JOIN members_member m ON m.id = s.member_id
  JOIN organizations_organizationversion v ON v.organization_id = s.organization_id
 WHERE s.valid_from <= %(on)s AND (s.valid_to IS NULL OR s.valid_to > %(on)s)
   AND s.status IN ('full', 'probationary')
   AND v.valid_from <= %(on)s AND (v.valid_to IS NULL OR v.valid_to > %(on)s)
   AND v.path LIKE %(prefix)s
"""


def _callables(gen):
    """The floor and the engine's same codes (lists of numbers) and the figure set, for the province and the nation."""
    from django.db import connection

    from dangvu.core.dates import today
    from dangvu.core.figures import Window
    from dangvu.organizations.models import Organization
    from dangvu.statistics import engine

    on = today()
    province = Organization.objects.get(pk=gen.province_id)
    nation = Organization.objects.get(pk=gen.root_id)

    def floor(org):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(FLOOR_SQL, {"on": on, "prefix": org.path + "%"})
                return list(cursor.fetchone())
        return run

    def same_codes(org):
        def run():
            values = engine.counts(Window.on(org, on), CODES)
            return [values[c] for c in CODES]
        return run

    def figure_set(org, summary=True):
        return lambda: len(engine.compute(Window.on(org, on), summary=summary))

    return {"province": (floor(province), same_codes(province), figure_set(province), figure_set(province, False)),
            "nation": (floor(nation), same_codes(nation), figure_set(nation), figure_set(nation, False))}


def prepare_summary(gen, log) -> dict:
    """Compute the summary tables (dangvu.statistics.summaries) for the default days (today, yesterday, the two
    last 31/12) before measuring, timed once; then check that the whole figure set served from them equals the
    live query for the province and the nation, and count the summary rows each reads."""
    import time

    from django.db import connection

    from dangvu.core.dates import today
    from dangvu.core.figures import Window
    from dangvu.organizations.models import Organization
    from dangvu.statistics import engine, summaries
    from dangvu.statistics.models import SummaryCount, SummaryFlow, SummaryRollup

    t = time.perf_counter()
    done = summaries.refresh(summaries.default_days())
    seconds = time.perf_counter() - t
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE statistics_summarycount")
            cursor.execute("VACUUM ANALYZE statistics_summaryflow")
            cursor.execute("VACUUM ANALYZE statistics_summaryrollup")
    flow_rows = SummaryFlow.objects.count()
    log(f"summary refreshed for {', '.join(str(d) for d in done.days)}: {done.rows:,} rows ({flow_rows:,} of them "
        f"flow rows) in {seconds:.1f} s")
    out = {"refresh_seconds": round(seconds, 1), "rows": done.rows, "flow_rows": flow_rows,
           "days": [str(d) for d in done.days], "summarized_codes": len(summaries.summarizable_codes())}
    on = today()
    codes = summaries.summarizable_codes()
    for where, pk in (("province", gen.province_id), ("nation", gen.root_id)):
        org = Organization.objects.get(pk=pk)
        for label, window in (("on", Window.on(org, on)), ("to_date", Window.to_date(org, on)),
                              ("year", Window.year(org, on.year - 1))):
            t = time.perf_counter()
            served = summaries.serve(window, codes)
            served_ms = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            live = engine.counts(window, codes, summary=False)
            live_ms = (time.perf_counter() - t) * 1000
            equal = "PASS" if served == live else f"FAIL {sorted(c for c in codes if served.get(c) != live[c])[:10]}"
            path = summaries.version_on(org, on).path
            rows = SummaryCount.objects.filter(on=on, path__tree_prefix=path).count()
            rolled = SummaryRollup.objects.filter(on=on, organization_id=org.pk).count()  # read instead, if any
            flows = (SummaryFlow.objects.filter(on__gte=window.start, on__lte=window.end, path__tree_prefix=path)
                     .count())
            log(f"summary {where} {label}: {len(served)} figures served ({served_ms:.0f} ms; live {live_ms:.0f} ms), "
                f"{rolled:,} roll-up rows (else {rows:,} summary rows) of the end day and {flows:,} flow rows read; "
                f"summary = live: {equal}")
            out[f"{where}_{label}"] = {"served": len(served), "stock_rows_read": rolled or rows,
                                       "stock_rows_without_rollup": rows, "flow_rows_read": flows,
                                       "equal_to_live": equal, "served_ms": round(served_ms, 1),
                                       "live_ms": round(live_ms, 1)}
    return out


def _extra_callables(gen):
    """The statistics page's "as of a date" (`?on=`: stocks on the date, flows from 1 January, Window.to_date)
    for the province, and the year-end report of the province for the last full year (DOCX and PDF)."""
    from dangvu.core.dates import today
    from dangvu.core.figures import Window
    from dangvu.organizations.models import Organization
    from dangvu.reports import render
    from dangvu.statistics import engine

    on = today()
    province = Organization.objects.get(pk=gen.province_id)
    nation = Organization.objects.get(pk=gen.root_id)
    return {
        "to_date": lambda: len(engine.compute(Window.to_date(province, on))),
        "to_date_live": lambda: len(engine.compute(Window.to_date(province, on), summary=False)),
        "nation_to_date": lambda: len(engine.compute(Window.to_date(nation, on))),
        "year": lambda: len(engine.compute(Window.year(province, on.year - 1))),
        "report_docx": lambda: len(render.yearly(province, on.year - 1, "docx")),
        "report_pdf": lambda: len(render.yearly(province, on.year - 1, "pdf")),
    }


def statistics_operations(gen, reports: bool = True):
    """(key, group, label, callable, target ms) for the runner (bench/__main__.py, with --members); each
    callable answers one number (the runner's "rows": the members counted, the figures computed, or the
    bytes of a report)."""
    ops = []
    for where, (floor, same, whole, live) in _callables(gen).items():
        ops += [
            (f"s_{where}_floor", "statistics", f"floor SQL: {where} stocks (total, full, probationary, by sex)",
             lambda f=floor: f()[0], None),
            (f"s_{where}_codes", "statistics", f"engine: {where}, the same codes", lambda f=same: f()[0], None),
            (f"s_{where}_set", "statistics", f"engine: {where}, the whole figure set (stocks from the summary)", whole,
             300.0 if where == "province" else 3000.0),
            (f"s_{where}_live", "statistics", f"engine: {where}, the whole figure set, live (no summary)", live, None),
        ]
    extra = _extra_callables(gen)
    year = "last full year"
    ops += [
        ("s_province_to_date", "statistics", "engine: province, the whole set as of today (flows from 1/1; summary)",
         extra["to_date"], None),
        ("s_province_to_date_live", "statistics", "engine: province, the whole set as of today (flows from 1/1), live",
         extra["to_date_live"], None),
        ("s_nation_to_date", "statistics", "engine: nation, the whole set as of today (flows from 1/1; summary)",
         extra["nation_to_date"], None),
        ("s_province_year", "statistics", "engine: province, the whole set of the last full year (summary)",
         extra["year"], None),
    ]
    if reports:
        ops += [
            ("s_report_docx", "statistics", f"year-end report of the province, {year}, DOCX", extra["report_docx"], 15000.0),
            ("s_report_pdf", "statistics", f"year-end report of the province, {year}, PDF", extra["report_pdf"], 15000.0),
        ]
    return ops


def explain(gen) -> dict:
    """Profile of the province's whole figure set as of today with flows from 1/1: every statement it runs, with its time, and on
    PostgreSQL its EXPLAIN (ANALYZE, BUFFERS) plan; printed by the runner, stored in the results."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    whole = _extra_callables(gen)["to_date"]  # as of today with flows from 1/1, with the summary
    whole()
    with CaptureQueriesContext(connection) as ctx:
        whole()
    out = []
    for q in ctx.captured_queries:
        item = {"ms": round(float(q.get("time") or 0) * 1000, 1), "sql": q["sql"]}
        if connection.vendor == "postgresql" and q["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                item["plan"] = "\n".join(row[0] for row in cursor.fetchall())
        out.append(item)
    return {"statements": sorted(out, key=lambda i: i["ms"], reverse=True)}


def check_floor(gen) -> str:
    """The floor and the engine give the same numbers (else the ratio means nothing)."""
    for where, (floor, same, _whole, _live) in _callables(gen).items():
        floor_values, engine_values = floor(), same()
        if floor_values != engine_values:
            return f"FAIL {where}: floor {floor_values} != engine {engine_values}"
    return "PASS"


def ratios(results: list[dict]) -> list[str]:
    by_key = {r["key"]: r for r in results}
    lines = []
    for where in ("province", "nation"):
        floor = by_key.get(f"s_{where}_floor")
        if not floor:
            continue
        for kind in ("codes", "set", "live"):
            r = by_key.get(f"s_{where}_{kind}")
            if r:
                ratio = r["p50_ms"] / floor["p50_ms"] if floor["p50_ms"] else float("inf")
                r["floor_p50_ms"], r["ratio_to_floor"] = floor["p50_ms"], round(ratio, 2)
                lines.append(f"{where}: {r['label']} p50 {r['p50_ms']:.1f} ms, floor {floor['p50_ms']:.1f} ms, "
                             f"ratio {ratio:.2f}")
    return lines
