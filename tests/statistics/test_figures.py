"""Each figure family against a hand computation on the small data set (tests/statistics/conftest.py)."""

import datetime as dt

import pytest

from dangvu.core.figures import Window
from dangvu.statistics.engine import compute, counts

pytestmark = pytest.mark.django_db
D = dt.date


def _values(window, codes):
    return counts(window, codes)


def test_stocks_of_district_a_at_the_end_of_2024(data):
    c = _values(Window.year(data.tree.district_a, 2024), [
        "members.total", "members.full", "members.probationary", "members.by_sex.female", "members.by_sex.male",
        "members.religious", "members.by_religion.01", "members.by_religion.02", "members.by_party_age.under_10",
        "members.by_party_age.10_19", "members.by_party_age.30_39", "members.by_party_age.50_over",
        "members.by_age.to_30", "members.by_age.over_70", "members.total_start"])
    # End of 2024 in A: m1, m2, m4 (from B on 1/9), m6, m7; m3 died.
    assert c["members.total"] == 5
    assert c["members.full"] == 4 and c["members.probationary"] == 1  # m6
    assert c["members.by_sex.female"] == 3 and c["members.by_sex.male"] == 2  # m1, m4, m6 / m2, m7
    assert c["members.religious"] == 2 and c["members.by_religion.01"] == 1 and c["members.by_religion.02"] == 1
    # Party age on 31/12/2024: m2 (2023) and m6 (2024) under 10; m1 (2010) 14; m4 (1990) 34; m7 (1970) 54.
    assert c["members.by_party_age.under_10"] == 2
    assert c["members.by_party_age.10_19"] == 1
    assert c["members.by_party_age.30_39"] == 1
    assert c["members.by_party_age.50_over"] == 1
    # Age on 31/12/2024: m6 24, m2 29 (≤ 30); m7 79 (> 70).
    assert c["members.by_age.to_30"] == 2 and c["members.by_age.over_70"] == 1
    # 31/12/2023: m1, m2, m3, m7.
    assert c["members.total_start"] == 4


def test_flows_of_district_a_in_2024(data):
    c = _values(Window.year(data.tree.district_a, 2024), [
        "members.admitted", "members.admitted.female", "members.admitted.religious", "members.recognized",
        "members.transferred_in", "members.transferred_out", "members.deceased", "members.struck_off"])
    assert c == {"members.admitted": 1, "members.admitted.female": 1, "members.admitted.religious": 1,
                 "members.recognized": 1, "members.transferred_in": 1, "members.transferred_out": 0,
                 "members.deceased": 1, "members.struck_off": 0}
    b = _values(Window.year(data.tree.district_b, 2024), ["members.transferred_out", "members.transferred_in"])
    assert b == {"members.transferred_out": 1, "members.transferred_in": 0}
    province = _values(Window.year(data.tree.province, 2024), ["members.transferred_out", "members.transferred_in"])
    assert province == {"members.transferred_out": 0, "members.transferred_in": 0}  # inside the province


def test_flows_across_the_merger_are_counted_on_the_tree_of_their_time(data):
    """District A was merged into B in 2025: its 2020 and 2024 figures are those of its own subtree
    then, and B's figures of those years do not take in A's members."""
    t = data.tree
    assert _values(Window.year(t.district_a, 2020), ["members.total"])["members.total"] == 3  # m1, m3, m7
    assert _values(Window.year(t.district_b, 2020), ["members.total"])["members.total"] == 3  # m4, m5, m8
    assert _values(Window.year(t.district_b, 2024), ["members.admitted"])["members.admitted"] == 0
    assert _values(Window.year(t.district_a, 2024), ["members.admitted"])["members.admitted"] == 1
    assert _values(Window.year(t.district_b, 2023), ["members.struck_off"])["members.struck_off"] == 1
    # Today B holds everyone left: m1, m2, m4, m6, m7, m8.
    assert _values(Window.year(t.district_b, 2025), ["members.total"])["members.total"] == 6
    assert _values(Window.year(t.district_a, 2025), ["members.total"])["members.total"] == 0


def test_reorganization_flows(data):
    t = data.tree
    a = _values(Window.year(t.district_a, 2025), ["members.reorganized_out", "members.reorganized_in"])
    b = _values(Window.year(t.district_b, 2025), ["members.reorganized_out", "members.reorganized_in"])
    p = _values(Window.year(t.province, 2025), ["members.reorganized_out", "members.reorganized_in"])
    assert a == {"members.reorganized_out": 5, "members.reorganized_in": 0}
    assert b == {"members.reorganized_out": 0, "members.reorganized_in": 5}
    assert p == {"members.reorganized_out": 0, "members.reorganized_in": 0}
    # The grassroots organization itself moved: inside its own subtree nothing moved.
    g = _values(Window.year(t.grassroots_a, 2025), ["members.reorganized_out", "members.reorganized_in"])
    assert g == {"members.reorganized_out": 0, "members.reorganized_in": 0}


def test_organization_figures(data):
    t = data.tree
    end_2024 = _values(Window.year(t.province, 2024), ["organizations.grassroots.total", "organizations.cells",
                                                         "organizations.grassroots.committees"])
    assert end_2024 == {"organizations.grassroots.total": 2, "organizations.cells": 3,
                        "organizations.grassroots.committees": 2}
    assert _values(Window.year(t.district_a, 2025), ["organizations.cells"])["organizations.cells"] == 0
    assert _values(Window.year(t.district_b, 2025), ["organizations.cells"])["organizations.cells"] == 3
    merged = _values(Window.year(t.province, 2025), ["organizations.merged", "organizations.established"])
    assert merged == {"organizations.merged": 1, "organizations.established": 0}
    assert _values(Window.year(t.province, 2010), ["organizations.established"])["organizations.established"] == 8
    assert _values(Window.year(t.district_b, 2025), ["organizations.merged"])["organizations.merged"] == 0


@pytest.mark.parametrize(("num", "den", "rounding", "text"), [
    (2, 3, "half_up", "66,67%"), (2, 3, "truncate", "66,66%"), (5, 28, "half_up", "17,86%"), (5, 28, "truncate", "17,85%"),
])
def test_rounding_through_the_engine(num, den, rounding, text):
    from dangvu.statistics.engine import FigureValue

    assert FigureValue("x.y", "x", num, den, rounding).percent == text


def test_rounding_on_the_data_set(data):
    # 31/12/2023 in the province: m1, m2, m3, m4, m7, m8 (6); probationary: m2 → 1/6. Males m2, m3, m7, m8 → 4/6.
    values = {v.code: v for v in compute(Window.on(data.tree.province, D(2023, 12, 31)), ["members.by_sex.male"],
                                         rounding="truncate")}
    assert values["members.by_sex.male"].value == 4 and values["members.by_sex.male"].denominator == 6
    assert values["members.by_sex.male"].percent == "66,66%"
    half = compute(Window.on(data.tree.province, D(2023, 12, 31)), ["members.by_sex.male"])[0]
    assert half.percent == "66,67%"


def test_the_figure_set_takes_a_fixed_number_of_queries(data):
    """One aggregate per base with rows and one GROUP BY per dimension field (plus the window organization's
    versions): the same number of queries for a cell and for the province."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.core.figures import registry

    reg = registry()
    fields = {(f.base, f.dimension[0]) for f in reg.figures.values() if f.dimension}
    plain_bases = {f.base for f in reg.figures.values() if not f.dimension}
    sizes = []
    for org in (data.tree.cell_a1, data.tree.province):
        with CaptureQueriesContext(connection) as queries:
            compute(Window.year(org, 2024))
        sizes.append(len(queries))
    assert sizes[0] == sizes[1]
    # A base whose table is empty takes no query (its figures are 0). The rest: the window organization's versions
    # (read once), which tables are empty (one statement), the summary's freshness checks (no day summarized here).
    bases = plain_bases | {base for base, _ in fields}
    filled = {b for b in bases if reg.bases[b].rows(Window.year(data.tree.province, 2024)).model._base_manager.exists()}
    if connection.vendor == "postgresql":  # one GROUPING SETS statement per base
        counted = len(filled)
    else:
        counted = len(plain_bases & filled) + len({(b, f) for b, f in fields if b in filled})
    assert 0 < len(filled) < len(bases)
    assert counted + 2 <= sizes[0] <= counted + 5, (counted, sizes)
