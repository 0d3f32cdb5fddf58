"""The official tables are rows of figure codes: every cell is the registry's number (engine.compute),
and on a small register those numbers are the hand-counted ones (tests/statistics/tables_data.py)."""

import pytest

from dangvu.core.figures import Window, registry
from dangvu.statistics import engine, periods, tables
from tests.statistics.tables_data import EXPECTED_2024, build

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2025-01-10")]


def test_every_named_row_is_a_registered_figure():
    reg = registry()
    missing = [code for t in tables.TABLES for code in tables.expected_codes(t) if code not in reg]
    assert missing == []


def test_lines_are_registered_figures_numbered_in_order():
    reg = registry()
    for table in tables.TABLES:
        laid = tables.lines(table)
        numbered = [ln for ln in laid if ln.code]
        assert numbered, table.code
        assert all(ln.code in reg for ln in numbered)
        assert [ln.number for ln in numbered] == [f"{i:02d}" for i in range(1, len(numbered) + 1)]
        assert len({ln.code for ln in numbered}) == len(numbered), f"{table.code}: a figure placed twice"
        # A heading is kept only when a figure follows it.
        for i, ln in enumerate(laid):
            if ln.code is None:
                assert i + 1 < len(laid) and any(x.code for x in laid[i + 1:]), f"{table.code}: empty heading {ln.label}"


def test_families_pick_up_every_registered_figure_of_their_prefix():
    reg = registry()
    t3 = tables.get("bieu-3")
    codes = tables.codes(t3)
    ethnic = [c for c in reg.figures if c.startswith("members.by_ethnicity.")]
    assert len(ethnic) == 55  # 54 recognized groups and "dân tộc khác"/foreign
    assert set(ethnic) <= set(codes)
    assert {"members.by_sex.male", "members.by_sex.female"} <= set(codes)
    assert [c for c in codes if c.startswith("members.by_age.")] == [c for c in reg.figures if c.startswith("members.by_age.")]


def test_an_unregistered_row_is_left_out_and_its_heading_too():
    table = tables.Table("thu", "Biểu thử", "Thử", (
        tables.Row("members.total"), tables.Heading("Không có gì"), tables.Row("members.no_such_figure", level=1),
        tables.Family("members.no_such_family", heading="Trống"), tables.Row("members.full", level=1)))
    laid = tables.lines(table)
    assert [(ln.code, ln.number) for ln in laid] == [("members.total", "01"), ("members.full", "02")]


def test_reference_text_follows_the_convention(tree):
    w = tables.window_for(tree.district_a, year=2024)
    assert (w.start.isoformat(), w.end.isoformat()) == ("2024-01-01", "2024-12-31")
    assert tables.get("bieu-3").reference_text(w) == "Có đến ngày 31/12/2024"
    assert tables.get("bieu-2").reference_text(w) == "Từ ngày 01/01/2024 đến ngày 31/12/2024"
    six_months = tables.window_for(tree.district_a, on=__import__("datetime").date(2024, 6, 30))
    assert tables.get("bieu-2").reference_text(six_months) == "Từ ngày 01/01/2024 đến ngày 30/06/2024"
    assert tables.get("bieu-3").reference_text(six_months) == "Có đến ngày 30/06/2024"


def test_cells_equal_the_engine_and_the_hand_count(tree):
    build(tree)
    window = Window.year(tree.district_a, 2024)
    seen = {}
    for table in tables.TABLES:
        filled = periods.fill(table, window)
        assert filled.submitted is None
        figures = [c for c in filled.cells if c.line.code]
        live = {fv.code: fv for fv in engine.compute(window, [c.line.code for c in figures])}
        for cell in figures:
            fv = live[cell.line.code]
            assert (cell.value, cell.denominator, cell.percent) == (fv.value, fv.denominator, fv.percent), cell.line.code
            assert not cell.frozen
            seen[cell.line.code] = cell.value
    for code, expected in EXPECTED_2024.items():
        assert seen[code] == expected, code
    assert seen["members.total_start"] + seen["members.admitted"] - seen["members.deceased"] == seen["members.total"]


def test_percent_column_is_the_share_of_the_denominator(tree):
    build(tree)
    filled = periods.fill(tables.get("bieu-2"), Window.year(tree.district_a, 2024), rounding="truncate")
    full = next(c for c in filled.cells if c.line.code == "members.full")
    assert (full.value, full.denominator, full.percent) == (3, 4, "75,00%")
    female = periods.fill(tables.get("bieu-3"), Window.year(tree.district_a, 2024))
    cell = next(c for c in female.cells if c.line.code == "members.by_sex.female")
    assert (cell.value, cell.denominator, cell.percent) == (2, 4, "50,00%")
