"""The tree as of a date, one level at a time, for each kind of user (selectors.tree_level)."""

import datetime as dt

import pytest

from dangvu.accounts import services as account_services
from dangvu.accounts.models import Role, User
from dangvu.accounts.system import SYSTEM
from dangvu.organizations import selectors
from dangvu.organizations import services as svc
from dangvu.organizations.kinds import Kind, UnitType
from tests.organizations.invariants import assert_tree_invariants

D = dt.date
IN_2020 = D(2020, 12, 31)
REFORM = D(2025, 7, 1)
IN_2026 = D(2026, 1, 1)


def rows(nodes):
    """(name, context, child_count, descendant_count) per node, in display order."""
    return [(n.name, n.context, n.child_count, n.descendant_count) for n in nodes]


def test_admin_sees_the_whole_tree_level_by_level(cast):
    t = cast.tree
    assert rows(selectors.tree_level(cast.admin, IN_2020)) == [("Đảng bộ tỉnh Thử Nghiệm", False, 2, 7)]
    assert rows(selectors.tree_level(cast.admin, IN_2020, t.province.pk)) == [
        ("Đảng bộ huyện An Lạc", False, 1, 3),
        ("Đảng bộ huyện Bình Minh", False, 1, 2),
    ]
    assert rows(selectors.tree_level(cast.admin, IN_2020, t.grassroots_a.pk)) == [
        ("Chi bộ thôn Đông", False, 0, 0),
        ("Chi bộ thôn Tây", False, 0, 0),
    ]
    node = selectors.tree_level(cast.admin, IN_2020, t.district_a.pk)[0]
    assert (node.id, node.code, node.kind, node.parent_id, node.depth) == (
        t.grassroots_a.pk, "99.001.001", Kind.GRASSROOTS_COMMITTEE, t.district_a.pk, 3)
    assert (node.kind_label, node.kind_short) == ("Đảng bộ cơ sở", "ĐBCS")


def test_nothing_before_the_tree_existed(cast):
    assert selectors.tree_level(cast.admin, D(2009, 12, 31)) == []
    assert selectors.tree_level(cast.admin, D(2009, 12, 31), cast.tree.province.pk) == []


def test_officer_sees_their_subtree_under_a_greyed_province(cast):
    t = cast.tree
    top = selectors.tree_level(cast.officer_a, IN_2020)
    # The province is outside officer A's scope: shown as context, holding A's branch only.
    assert rows(top) == [("Đảng bộ tỉnh Thử Nghiệm", True, 1, 4)]
    assert rows(selectors.tree_level(cast.officer_a, IN_2020, t.province.pk)) == [("Đảng bộ huyện An Lạc", False, 1, 3)]
    assert rows(selectors.tree_level(cast.officer_a, IN_2020, t.district_a.pk)) == [("Đảng bộ xã An Lạc", False, 2, 2)]
    assert [n.name for n in selectors.tree_level(cast.officer_a, IN_2020, t.grassroots_a.pk)] == [
        "Chi bộ thôn Đông", "Chi bộ thôn Tây"]
    # District B is not even listed, nor can it be expanded.
    assert selectors.tree_level(cast.officer_a, IN_2020, t.district_b.pk) == []
    assert rows(selectors.tree_level(cast.officer_b, IN_2020, t.province.pk)) == [("Đảng bộ huyện Bình Minh", False, 1, 2)]


def test_cell_secretary_sees_the_cell_under_context_rows(cast):
    t = cast.tree
    for user in (cast.secretary_a1, cast.member_a1):
        assert rows(selectors.tree_level(user, IN_2020)) == [("Đảng bộ tỉnh Thử Nghiệm", True, 1, 1)]
        assert rows(selectors.tree_level(user, IN_2020, t.province.pk)) == [("Đảng bộ huyện An Lạc", True, 1, 1)]
        assert rows(selectors.tree_level(user, IN_2020, t.district_a.pk)) == [("Đảng bộ xã An Lạc", True, 1, 1)]
        assert rows(selectors.tree_level(user, IN_2020, t.grassroots_a.pk)) == [("Chi bộ thôn Đông", False, 0, 0)]


def test_viewer_and_admin_rows_are_not_context(cast):
    assert rows(selectors.tree_level(cast.admin, IN_2020))[0][1] is False
    assert [n.context for n in selectors.tree_level(cast.viewer_a, IN_2020, cast.tree.province.pk)] == [False]


def test_counts_follow_dated_changes(cast):
    t = cast.tree
    svc.establish(by=SYSTEM, parent=t.grassroots_a, code="99.001.001.000.003", name="Chi bộ thôn Nam", kind=Kind.CELL,
                  effective_date=D(2021, 1, 1))
    assert rows(selectors.tree_level(cast.officer_a, IN_2020, t.province.pk)) == [("Đảng bộ huyện An Lạc", False, 1, 3)]
    assert rows(selectors.tree_level(cast.officer_a, D(2021, 1, 1), t.province.pk)) == [("Đảng bộ huyện An Lạc", False, 1, 4)]
    assert rows(selectors.tree_level(cast.admin, D(2021, 1, 1), t.district_a.pk)) == [("Đảng bộ xã An Lạc", False, 3, 3)]


@pytest.fixture
def reform_2025(cast):
    """The real 2025 restructuring, on district A: a commune committee under the province takes over."""
    t = cast.tree
    commune = svc.establish(by=cast.admin, parent=t.province, code="99.101", name="Đảng bộ xã An Lạc Mới",
                            kind=Kind.COMMUNE_COMMITTEE, effective_date=REFORM, unit_type=UnitType.COMMUNE_WARD)
    svc.merge(by=cast.admin, source=t.grassroots_a, target=commune, effective_date=REFORM)
    svc.dissolve(by=cast.admin, org=t.district_a, effective_date=REFORM)
    assert_tree_invariants()
    return commune


def test_tree_before_the_reform_is_the_tree_of_its_time(cast, reform_2025):
    t = cast.tree
    assert [n.name for n in selectors.tree_level(cast.admin, IN_2020, t.province.pk)] == [
        "Đảng bộ huyện An Lạc", "Đảng bộ huyện Bình Minh"]
    assert rows(selectors.tree_level(cast.admin, IN_2020, t.district_a.pk)) == [("Đảng bộ xã An Lạc", False, 2, 2)]
    assert [n.name for n in selectors.tree_level(cast.admin, IN_2020, t.grassroots_a.pk)] == [
        "Chi bộ thôn Đông", "Chi bộ thôn Tây"]
    assert selectors.tree_level(cast.admin, IN_2020, reform_2025.pk) == []
    # The day before the reform is still the old tree.
    assert [n.name for n in selectors.tree_level(cast.admin, D(2025, 6, 30), t.grassroots_a.pk)] == [
        "Chi bộ thôn Đông", "Chi bộ thôn Tây"]


def test_tree_after_the_reform_has_the_commune_committee_holding_the_cells(cast, reform_2025):
    t = cast.tree
    for on in (REFORM, IN_2026):
        assert rows(selectors.tree_level(cast.admin, on)) == [("Đảng bộ tỉnh Thử Nghiệm", False, 2, 6)]
        assert rows(selectors.tree_level(cast.admin, on, t.province.pk)) == [
            ("Đảng bộ huyện Bình Minh", False, 1, 2),
            ("Đảng bộ xã An Lạc Mới", False, 2, 2),
        ]
        assert [(n.name, n.parent_id, n.depth) for n in selectors.tree_level(cast.admin, on, reform_2025.pk)] == [
            ("Chi bộ thôn Đông", reform_2025.pk, 3), ("Chi bộ thôn Tây", reform_2025.pk, 3)]
        # District A and its grassroots committee are gone.
        assert selectors.tree_level(cast.admin, on, t.district_a.pk) == []
        assert selectors.tree_level(cast.admin, on, t.grassroots_a.pk) == []
        assert selectors.organization_at(t.district_a, on) is None


def test_a_new_commune_officer_can_look_back_at_where_the_cells_stood(cast, reform_2025):
    t = cast.tree
    officer = User.objects.create_user(username="officer_commune", full_name="Võ Thị Giang")
    account_services.grant_scope(by=cast.admin, user=officer, organization=reform_2025, role=Role.ORG_OFFICER)
    # Today: the commune committee under the greyed province.
    assert rows(selectors.tree_level(officer, IN_2026)) == [("Đảng bộ tỉnh Thử Nghiệm", True, 1, 3)]
    assert rows(selectors.tree_level(officer, IN_2026, t.province.pk)) == [("Đảng bộ xã An Lạc Mới", False, 2, 2)]
    # In 2020 the commune committee did not exist; its cells are shown where they were then.
    assert rows(selectors.tree_level(officer, IN_2020)) == [("Đảng bộ tỉnh Thử Nghiệm", True, 1, 2)]
    assert rows(selectors.tree_level(officer, IN_2020, t.province.pk)) == [("Đảng bộ huyện An Lạc", True, 1, 2)]
    assert rows(selectors.tree_level(officer, IN_2020, t.grassroots_a.pk)) == [
        ("Chi bộ thôn Đông", False, 0, 0), ("Chi bộ thôn Tây", False, 0, 0)]
    assert selectors.tree_level(officer, IN_2020, t.district_b.pk) == []


def test_officer_of_a_dissolved_district_keeps_its_history(cast, reform_2025):
    t = cast.tree
    assert rows(selectors.tree_level(cast.officer_a, IN_2020, t.province.pk)) == [("Đảng bộ huyện An Lạc", False, 1, 3)]
    assert selectors.tree_level(cast.officer_a, IN_2026) == []
