"""Pure rules of the organization tree (domain-rules.md §1, O2, O4, O10): no database."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.core.citations import citation
from dangvu.organizations import rules
from dangvu.organizations.kinds import Kind

BEFORE = dt.date(2025, 6, 30)  # last day of the four-level system
REFORM = dt.date(2025, 7, 1)  # QĐ 294-QĐ/TW: no district level from this day
IN_2020 = dt.date(2020, 12, 31)
IN_2026 = dt.date(2026, 1, 1)
SOURCE_BEFORE = "QĐ 232-QĐ/TW"  # in force on BEFORE (30/6/2025)
SOURCE_2020 = "QĐ 29-QĐ/TW"  # in force until 29/7/2021
SOURCE_AFTER = "QĐ 294-QĐ/TW"


def codes(violations):
    return [v.code for v in violations]


# ---------------------------------------------------------------------------- regimes


def test_regime_switches_on_1_july_2025():
    assert rules.regime_on(BEFORE).code.startswith("four_levels")
    assert rules.regime_on(REFORM).code == "three_levels"
    assert rules.regime_on(dt.date(1930, 2, 3)).code.startswith("four_levels")
    assert rules.regime_on(dt.date(2100, 1, 1)).code == "three_levels"


@given(st.dates())
def test_exactly_one_regime_applies_on_any_date(on):
    assert sum(r.applies_on(on) for r in rules.STRUCTURE_REGIMES) == 1
    assert rules.regime_on(on).applies_on(on)


def test_every_regime_names_its_source_and_places_every_kind():
    for regime in rules.STRUCTURE_REGIMES:
        assert regime.source
        assert set(regime.allowed_parents) == set(Kind.values)


@given(st.sampled_from(Kind.values), st.sampled_from([*Kind.values, None]))
def test_a_placement_allowed_before_the_reform_stays_allowed_after(kind, parent_kind):
    # Organizations that were correctly placed on 30/6/2025 are not made invalid by the reform;
    # the reform only adds the commune level (districts are then dissolved by dated events).
    if not rules.check_placement(kind, parent_kind, BEFORE):
        assert rules.check_placement(kind, parent_kind, REFORM) == []


# ---------------------------------------------------------------------------- placement


@pytest.mark.parametrize("on", [IN_2020, BEFORE, REFORM, IN_2026])
def test_cell_under_province_is_refused_and_names_its_source(on):
    violations = rules.check_placement(Kind.CELL, Kind.PROVINCIAL_COMMITTEE, on)
    assert codes(violations) == ["org.placement"]
    v = violations[0]
    assert v.field == "parent"
    assert v.source == rules.regime_on(on).source
    assert {IN_2020: SOURCE_2020, BEFORE: SOURCE_BEFORE}.get(on, SOURCE_AFTER) in v.source
    assert on.strftime("%d/%m/%Y") in v.message
    assert "Chi bộ trực thuộc" in v.message
    assert "đảng bộ tỉnh" in v.message  # the parent's kind, in lower case
    assert "Đảng bộ cơ sở" in v.message  # the kinds that would be valid are listed
    assert citation(v.source) in v.text()  # the source in words for officers ("Căn cứ: Quy định 294-QĐ/TW …")


def test_grassroots_under_district_before_and_after_the_reform():
    for kind in (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL):
        assert rules.check_placement(kind, Kind.DISTRICT_COMMITTEE, IN_2020) == []
        assert rules.check_placement(kind, Kind.DISTRICT_COMMITTEE, BEFORE) == []
        # From 1/7/2025 there is no district level (QĐ 294, domain-rules O4): what still sits under a
        # district not yet dissolved may change in place, but nothing new is placed under one.
        assert rules.check_placement(kind, Kind.DISTRICT_COMMITTEE, REFORM) == []
        assert rules.check_new_placement(kind, Kind.DISTRICT_COMMITTEE, BEFORE) == []
        violations = rules.check_new_placement(kind, Kind.DISTRICT_COMMITTEE, REFORM)
        assert codes(violations) == ["org.placement"] and SOURCE_AFTER in violations[0].source


def test_grassroots_under_commune_committee_only_from_the_reform():
    for kind in (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL):
        violations = rules.check_placement(kind, Kind.COMMUNE_COMMITTEE, BEFORE)
        assert codes(violations) == ["org.placement"]
        assert SOURCE_BEFORE in violations[0].source
        assert rules.check_placement(kind, Kind.COMMUNE_COMMITTEE, REFORM) == []


def test_cells_sit_directly_under_a_commune_committee_from_the_reform():
    assert codes(rules.check_placement(Kind.CELL, Kind.COMMUNE_COMMITTEE, BEFORE)) == ["org.placement"]
    assert rules.check_placement(Kind.CELL, Kind.COMMUNE_COMMITTEE, REFORM) == []
    assert rules.check_placement(Kind.PARTIAL_COMMITTEE, Kind.COMMUNE_COMMITTEE, REFORM) == []
    assert codes(rules.check_placement(Kind.PARTIAL_COMMITTEE, Kind.COMMUNE_COMMITTEE, BEFORE)) == ["org.placement"]


def test_commune_committee_sits_under_a_province_only_from_the_reform():
    assert codes(rules.check_placement(Kind.COMMUNE_COMMITTEE, Kind.PROVINCIAL_COMMITTEE, BEFORE)) == ["org.placement"]
    assert rules.check_placement(Kind.COMMUNE_COMMITTEE, Kind.PROVINCIAL_COMMITTEE, REFORM) == []
    assert codes(rules.check_placement(Kind.COMMUNE_COMMITTEE, Kind.DISTRICT_COMMITTEE, REFORM)) == ["org.placement"]


@pytest.mark.parametrize("on", [IN_2020, IN_2026])
@pytest.mark.parametrize(
    ("kind", "parent_kind", "allowed"),
    [
        (Kind.CELL, Kind.GRASSROOTS_COMMITTEE, True),
        (Kind.CELL, Kind.PARTIAL_COMMITTEE, True),
        (Kind.CELL, Kind.GRASSROOTS_CELL, False),  # a grassroots cell has party groups, not cells (O2)
        (Kind.CELL, Kind.DISTRICT_COMMITTEE, False),
        (Kind.CELL, Kind.CELL, False),
        (Kind.PARTY_GROUP, Kind.GRASSROOTS_CELL, True),
        (Kind.PARTY_GROUP, Kind.CELL, True),
        (Kind.PARTY_GROUP, Kind.GRASSROOTS_COMMITTEE, False),
        (Kind.PARTY_GROUP, Kind.PARTY_GROUP, False),
        (Kind.PARTIAL_COMMITTEE, Kind.GRASSROOTS_COMMITTEE, True),
        (Kind.PARTIAL_COMMITTEE, Kind.GRASSROOTS_CELL, False),
        (Kind.DISTRICT_COMMITTEE, Kind.PROVINCIAL_COMMITTEE, True),
        (Kind.DISTRICT_COMMITTEE, Kind.DISTRICT_COMMITTEE, False),
        (Kind.BLOC_COMMITTEE, Kind.PROVINCIAL_COMMITTEE, True),
        (Kind.GRASSROOTS_COMMITTEE, Kind.BLOC_COMMITTEE, True),
        (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_COMMITTEE, False),
        (Kind.PROVINCIAL_COMMITTEE, Kind.CENTRAL, True),
        (Kind.CENTRAL, Kind.PROVINCIAL_COMMITTEE, False),
    ],
)
def test_placement_table(kind, parent_kind, allowed, on):
    assert (rules.check_placement(kind, parent_kind, on) == []) is allowed


@pytest.mark.parametrize("on", [IN_2020, IN_2026])
def test_roots(on):
    assert rules.check_placement(Kind.CENTRAL, None, on) == []
    assert rules.check_placement(Kind.PROVINCIAL_COMMITTEE, None, on) == []
    violations = rules.check_placement(Kind.CELL, None, on)
    assert codes(violations) == ["org.placement"]
    assert "phải trực thuộc" in violations[0].message


def test_placement_field_is_configurable():
    assert rules.check_placement(Kind.CELL, Kind.PROVINCIAL_COMMITTEE, IN_2020, field="target")[0].field == "target"


# ---------------------------------------------------------------------------- which kinds may be established


def test_district_committee_cannot_be_established_from_the_reform():
    assert rules.check_can_establish(Kind.DISTRICT_COMMITTEE, BEFORE) == []
    violations = rules.check_can_establish(Kind.DISTRICT_COMMITTEE, REFORM)
    assert codes(violations) == ["org.kind_not_in_regime"]
    assert violations[0].field == "kind"
    assert SOURCE_AFTER in violations[0].source
    assert "01/07/2025" in violations[0].message
    assert codes(rules.check_can_establish(Kind.DISTRICT_COMMITTEE, IN_2026)) == ["org.kind_not_in_regime"]


def test_commune_committee_cannot_be_established_before_the_reform():
    violations = rules.check_can_establish(Kind.COMMUNE_COMMITTEE, BEFORE)
    assert codes(violations) == ["org.kind_not_in_regime"]
    assert SOURCE_BEFORE in violations[0].source
    assert "01/07/2025" in violations[0].message
    assert codes(rules.check_can_establish(Kind.COMMUNE_COMMITTEE, IN_2020)) == ["org.kind_not_in_regime"]
    assert rules.check_can_establish(Kind.COMMUNE_COMMITTEE, REFORM) == []


@pytest.mark.parametrize("kind", [k for k in Kind.values if k not in (Kind.DISTRICT_COMMITTEE, Kind.COMMUNE_COMMITTEE)])
@pytest.mark.parametrize("on", [IN_2020, BEFORE, REFORM, IN_2026])
def test_other_kinds_can_be_established_on_both_sides(kind, on):
    assert rules.check_can_establish(kind, on) == []


# ---------------------------------------------------------------------------- code format


@pytest.mark.parametrize("code", ["38.168.053.000.001", "99", "99.001", "TW", "a-b_c.1", "9" * 40])
def test_valid_codes(code):
    assert rules.check_code(code) == []


@pytest.mark.parametrize("code", ["", None, ".99", "-99", "99 001", "99/001", "Đ.001", "9" * 41, "99.001\n", "mã"])
def test_invalid_codes(code):
    violations = rules.check_code(code)
    assert codes(violations) == ["org.code_format"]
    assert violations[0].field == "code"
    assert "38.168.053.000.001" in violations[0].message  # shows the expected shape


@given(st.text(alphabet="0123456789", min_size=2, max_size=2), st.lists(st.text(alphabet="0123456789", min_size=3, max_size=3),
                                                                        max_size=4))
def test_any_official_style_code_is_accepted(m1, rest):
    assert rules.check_code(".".join([m1, *rest])) == []


# ---------------------------------------------------------------------------- cycles, merges


def test_cycle_check():
    assert codes(rules.check_not_descendant("/1/2/", "/1/2/3/")) == ["org.cycle"]
    assert codes(rules.check_not_descendant("/1/2/", "/1/2/3/4/")) == ["org.cycle"]
    assert codes(rules.check_not_descendant("/1/2/", "/1/2/")) == ["org.cycle"]  # into itself
    assert rules.check_not_descendant("/1/2/", "/1/3/") == []
    assert rules.check_not_descendant("/1/2/", "/1/") == []  # up to its grandparent
    assert rules.check_not_descendant("/1/2/", "/1/22/") == []  # a sibling whose id starts the same
    assert rules.check_not_descendant("/1/2/", "/12/") == []
    assert rules.check_not_descendant("/1/2/", "/1/2/3/")[0].field == "parent"


def test_merge_pair():
    assert codes(rules.check_merge_pair(2, 2, "/1/2/", "/1/2/")) == ["org.merge_self"]
    assert codes(rules.check_merge_pair(2, 3, "/1/2/", "/1/2/3/")) == ["org.merge_into_descendant"]
    assert rules.check_merge_pair(2, 3, "/1/2/", "/1/3/") == []
    assert rules.check_merge_pair(2, 22, "/1/2/", "/1/22/") == []
    assert rules.check_merge_pair(3, 1, "/1/2/3/", "/1/") == []  # into an ancestor: a rule for placement, not for cycles
    assert rules.check_merge_pair(2, 3, "/1/2/", "/1/2/3/")[0].field == "target"


# ---------------------------------------------------------------------------- dates


def test_chronology_check():
    last = dt.date(2020, 1, 1)
    assert rules.check_chronology(last, last, "Chi bộ thôn Đông") == []
    assert rules.check_chronology(last, dt.date(2020, 1, 2), "Chi bộ thôn Đông") == []
    violations = rules.check_chronology(last, dt.date(2019, 12, 31), "Chi bộ thôn Đông")
    assert codes(violations) == ["org.out_of_order"]
    assert violations[0].field == "effective_date"
    assert "31/12/2019" in violations[0].message and "01/01/2020" in violations[0].message
    assert "Chi bộ thôn Đông" in violations[0].message


@given(st.dates(), st.dates())
def test_chronology_refuses_exactly_the_earlier_dates(last, on):
    assert bool(rules.check_chronology(last, on, "X")) is (on < last)


def test_exists_on():
    est, end = dt.date(2010, 1, 1), dt.date(2020, 1, 1)
    assert rules.check_exists_on("X", est, None, est, "parent") == []
    assert rules.check_exists_on("X", est, end, dt.date(2019, 12, 31), "parent") == []
    before = rules.check_exists_on("X", est, end, dt.date(2009, 12, 31), "parent", role="Tổ chức cấp trên")
    assert codes(before) == ["org.not_yet_established"]
    assert before[0].field == "parent"
    assert "Tổ chức cấp trên “X”" in before[0].message and "01/01/2010" in before[0].message
    # The end date is exclusive: an organization dissolved on 1/1/2020 no longer exists that day.
    assert codes(rules.check_exists_on("X", est, end, end, "parent")) == ["org.ended"]
    assert codes(rules.check_exists_on("X", est, end, dt.date(2030, 1, 1), "target")) == ["org.ended"]


def test_no_active_children_message_counts_them():
    assert rules.check_no_active_children(0, "Đảng bộ xã An Lạc") == []
    violations = rules.check_no_active_children(2, "Đảng bộ xã An Lạc")
    assert codes(violations) == ["org.has_children"]
    assert "còn 2 tổ chức trực thuộc" in violations[0].message
    assert "Đảng bộ xã An Lạc" in violations[0].message


# ---------------------------------------------------------------------------- kind changes


@pytest.mark.parametrize("on", [IN_2020, IN_2026])
def test_children_follow_a_kind_change(on):
    # Upgraded to a grassroots committee: party groups become cells (O2).
    assert rules.child_kind_after_change(Kind.PARTY_GROUP, Kind.GRASSROOTS_COMMITTEE, on) == Kind.CELL
    # Downgraded to a grassroots cell: cells become party groups.
    assert rules.child_kind_after_change(Kind.CELL, Kind.GRASSROOTS_CELL, on) == Kind.PARTY_GROUP
    # Kinds that still fit stay as they are.
    assert rules.child_kind_after_change(Kind.CELL, Kind.GRASSROOTS_COMMITTEE, on) == Kind.CELL
    assert rules.child_kind_after_change(Kind.PARTY_GROUP, Kind.CELL, on) == Kind.PARTY_GROUP
    # No valid kind: a partial committee cannot sit under a grassroots cell.
    assert rules.child_kind_after_change(Kind.PARTIAL_COMMITTEE, Kind.GRASSROOTS_CELL, on) is None


@given(st.sampled_from(Kind.values), st.sampled_from(Kind.values), st.dates(min_value=dt.date(2000, 1, 1)))
def test_child_kind_after_change_always_fits(child_kind, parent_kind, on):
    new_kind = rules.child_kind_after_change(child_kind, parent_kind, on)
    if new_kind is not None:
        assert rules.check_placement(new_kind, parent_kind, on) == []


@pytest.mark.parametrize(("on", "source"), [
    (dt.date(2019, 5, 1), "QĐ 29-QĐ/TW"), (dt.date(2021, 7, 29), "QĐ 29-QĐ/TW"), (dt.date(2021, 7, 30), "QĐ 24-QĐ/TW"),
    (dt.date(2025, 1, 19), "QĐ 24-QĐ/TW"), (dt.date(2025, 1, 20), "QĐ 232-QĐ/TW"), (dt.date(2025, 6, 30), "QĐ 232-QĐ/TW"),
    (dt.date(2025, 7, 1), "QĐ 294-QĐ/TW"),
])
def test_each_date_cites_the_regulation_in_force(on, source):
    assert source in rules.regime_on(on).source
    assert source in rules.check_placement(Kind.CELL, Kind.PROVINCIAL_COMMITTEE, on)[0].source
