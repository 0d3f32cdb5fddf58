"""The engine's counts against the simplest query for each figure (the "floor"), on the small data set
(tests/statistics/conftest.py), and the party-age bands against the register's one measure of party age.

`engine.counts` answers every figure of a base from one query (GROUPING SETS on PostgreSQL) or from one
aggregate plus one GROUP BY per dimension field (elsewhere). The floor counts each figure on its own:
the base's rows, filtered by the figure's condition, counted (distinct keys where the base says so).
"""

import datetime as dt
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.accounts.system import SYSTEM
from dangvu.core.figures import Window, registry
from dangvu.members import rules
from dangvu.members import services as member_services
from dangvu.members.figures import PARTY_AGE_BANDS, latest_admission_for
from dangvu.members.kinds import EventType, RemovalGround
from dangvu.members.models import Member
from dangvu.statistics import engine
from tests.statistics.conftest import _member

pytestmark = pytest.mark.django_db
D = dt.date


def floor(code: str, window: Window) -> int:
    figure = registry()[code]
    base = registry().bases[figure.base]
    rows = base.rows(window).order_by().filter(figure.condition(window))
    if base.distinct:
        return rows.values(base.key).distinct().count()
    return rows.exclude(**{f"{base.key}__isnull": True}).count()


WINDOWS = [
    lambda t: Window.year(t.district_a, 2024),
    lambda t: Window.year(t.district_b, 2025),  # across the merger of 1/3/2025
    lambda t: Window.on(t.province, D(2026, 12, 3)),
    lambda t: Window(t.district_b, D(2023, 5, 1), D(2024, 9, 1)),
]


@pytest.mark.parametrize("make_window", WINDOWS, ids=["A 2024", "B 2025", "province today", "B 5/2023-9/2024"])
def test_every_figure_equals_its_own_query(data, make_window):
    window = make_window(data.tree)
    codes = [f.code for f in registry().ordered()]
    got = engine.counts(window, codes)
    expected = {code: floor(code, window) for code in codes}
    assert got == expected
    assert sum(got.values()) > 0  # the window has something to count


def _table_has_rows(base_code: str, window) -> bool:
    return registry().bases[base_code].rows(window).model._base_manager.exists()


def test_postgresql_counts_each_base_in_one_query(data):
    """One query per base on PostgreSQL (GROUPING SETS), none for a base whose table is empty (one statement
    asks which tables are); a fixed number elsewhere. The organization's versions are read once."""
    window = Window.year(data.tree.district_a, 2024)
    codes = [f.code for f in registry().ordered()]
    bases = {registry()[c].base for c in codes}
    engine.counts(window, codes)  # warm the registry and the reference lists
    with CaptureQueriesContext(connection) as ctx:
        engine.counts(window, codes)
    sets = [q["sql"] for q in ctx.captured_queries if "GROUPING SETS" in q["sql"]]
    filled = {b for b in bases if _table_has_rows(b, window)}
    assert 0 < len(filled) < len(bases)
    if connection.vendor == "postgresql":
        assert len(sets) == len(filled)
    else:
        assert sets == []
    versions = [q for q in ctx.captured_queries if q["sql"].startswith('SELECT "organizations_organizationversion"."id"')]
    assert len(versions) == 1


def test_a_base_over_an_empty_table_counts_zero(data):
    """The engine skips the query of a base whose table holds no row: that query answers 0 for every figure."""
    reg = registry()
    for window in (Window.year(data.tree.district_a, 2024), Window.on(data.tree.province, D(2026, 12, 3))):
        by_base = defaultdict(list)
        for f in reg.ordered():
            by_base[f.base].append(f)
        skipped = [b for b in by_base if not _table_has_rows(b, window)]
        assert skipped
        for base_code in skipped:
            base, items = reg.bases[base_code], by_base[base_code]
            rows = base.rows(window).order_by()
            zeros = {f.code: 0 for f in items}
            assert engine._per_field(base, rows, items, window) == zeros, base_code
            if connection.vendor == "postgresql":
                assert engine._grouping_sets(base, rows, items, window) == zeros, base_code
        assert engine.counts(window, [f.code for b in skipped for f in by_base[b]]) == {
            f.code: 0 for b in skipped for f in by_base[b]}


def test_grouping_sets_equal_the_portable_path(data):
    """PostgreSQL: the GROUPING SETS query of each base gives what the portable per-field queries give."""
    if connection.vendor != "postgresql":
        pytest.skip("GROUPING SETS is the PostgreSQL path")
    reg = registry()
    for make_window in WINDOWS:
        window = make_window(data.tree)
        for base_code, base in reg.bases.items():
            items = [f for f in reg.ordered() if f.base == base_code]
            rows = base.rows(window).order_by()
            assert engine._grouping_sets(base, rows, items, window) == engine._per_field(base, rows, items, window)


def test_party_age_bands_subtract_the_time_outside_the_party(data):
    """A member admitted on 1/6/2014, struck off on 1/1/2018 and re-admitted on 1/1/2022 is 12 years from the
    admission on 3/12/2026 but 8 years of party age: the band is the one `rules.party_age_years` gives."""
    t = data.tree
    m9 = _member(t.cell_b1, "Ngô Văn Chín", "038185000009", "male", D(1985, 9, 9), D(2014, 6, 1))
    decision = member_services.Decision(ground=RemovalGround.UNPAID_DUES)
    member_services.record_event(by=SYSTEM, member=m9, event_type=EventType.STRUCK_OFF, effective_date=D(2018, 1, 1),
                                 decision=decision)
    m9.refresh_from_db()
    member_services.record_event(by=SYSTEM, member=m9, event_type=EventType.READMITTED, effective_date=D(2022, 1, 1),
                                 organization=t.cell_b1,
                                 decision=member_services.Decision(number="15-QĐ/TU", date=D(2021, 12, 20),
                                                                   body="Ban Thường vụ Tỉnh ủy Thử Nghiệm"))
    m9.refresh_from_db()
    on = D(2026, 12, 3)
    assert m9.days_outside == (D(2022, 1, 1) - D(2018, 1, 1)).days
    assert rules.party_age_years(m9.first_admission_date, m9.days_outside, on) == 8
    window = Window.on(t.province, on)
    codes = [f"members.by_party_age.{code}" for code, *_rest in PARTY_AGE_BANDS]
    got = engine.counts(window, codes)
    members = Member.objects.filter(pk__in=engine.drill("members.total", window, data.cast.admin).values("pk"))
    expected = dict.fromkeys(codes, 0)
    for member in members:
        age = rules.party_age_years(member.first_admission_date, member.days_outside, on)
        code = next(c for c, _w, low, high in PARTY_AGE_BANDS if (low is None or age >= low) and (high is None or age <= high))
        expected[f"members.by_party_age.{code}"] += 1
    assert got == expected
    assert got["members.by_party_age.under_10"] >= 1
    drilled = engine.drill("members.by_party_age.under_10", window, data.cast.admin)
    assert m9.pk in set(drilled.values_list("pk", flat=True))


@pytest.mark.parametrize("on", [D(2026, 12, 3), D(2024, 2, 29), D(2025, 2, 28), D(2024, 12, 31)])
@pytest.mark.parametrize("years", [1, 10, 20, 50])
def test_latest_admission_for_is_the_boundary_of_party_age_years(on, years):
    bound = latest_admission_for(on, years)
    assert rules.party_age_years(bound, 0, on) >= years
    assert rules.party_age_years(bound + dt.timedelta(days=1), 0, on) < years
