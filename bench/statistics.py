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


def statistics_operations(gen):
    """(key, group, label, callable, target ms) for the runner (bench/__main__.py, with --members)."""
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

    def figure_set(org):
        return lambda: len(engine.compute(Window.on(org, on)))

    return [
        ("s_province_floor", "statistics", "floor SQL: province stocks (total, full, probationary, by sex)",
         floor(province), None),
        ("s_province_codes", "statistics", "engine: province, the same codes", same_codes(province), None),
        ("s_province_set", "statistics", "engine: province, the whole figure set", figure_set(province), 300.0),
        ("s_nation_floor", "statistics", "floor SQL: nation stocks (total, full, probationary, by sex)",
         floor(nation), None),
        ("s_nation_codes", "statistics", "engine: nation, the same codes", same_codes(nation), None),
        ("s_nation_set", "statistics", "engine: nation, the whole figure set", figure_set(nation), 3000.0),
    ]


def check_floor(gen) -> str:
    """The floor and the engine give the same numbers (else the ratio means nothing)."""
    ops = {key: fn for key, _group, _label, fn, _target in statistics_operations(gen)}
    for where in ("province", "nation"):
        floor, engine_values = ops[f"s_{where}_floor"](), ops[f"s_{where}_codes"]()
        if floor != engine_values:
            return f"FAIL {where}: floor {floor} != engine {engine_values}"
    return "PASS"


def ratios(results: list[dict]) -> list[str]:
    by_key = {r["key"]: r for r in results}
    lines = []
    for where in ("province", "nation"):
        floor = by_key.get(f"s_{where}_floor")
        if not floor:
            continue
        for kind in ("codes", "set"):
            r = by_key.get(f"s_{where}_{kind}")
            if r:
                ratio = r["p50_ms"] / floor["p50_ms"] if floor["p50_ms"] else float("inf")
                r["floor_p50_ms"], r["ratio_to_floor"] = floor["p50_ms"], round(ratio, 2)
                lines.append(f"{where}: {r['label']} p50 {r['p50_ms']:.1f} ms, floor {floor['p50_ms']:.1f} ms, "
                             f"ratio {ratio:.2f}")
    return lines
