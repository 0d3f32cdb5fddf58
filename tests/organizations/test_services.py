"""Lifecycle services of the organization tree, with the named cast (tests/conftest.py)."""

import datetime as dt

import pytest

from dangvu.accounts.models import User
from dangvu.accounts.system import SYSTEM
from dangvu.audit.context import request_context
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.organizations import committees, rules, selectors
from dangvu.organizations import services as svc
from dangvu.organizations import tree as org_tree
from dangvu.organizations.kinds import EndReason, EventType, Kind, UnitType
from dangvu.organizations.models import (
    CommitteeMember,
    CommitteePosition,
    CommitteeTerm,
    Organization,
    OrganizationEvent,
    OrganizationVersion,
)
from tests.organizations.invariants import assert_tree_invariants, state_fingerprint

D = dt.date
BEFORE = D(2019, 12, 31)
ON = D(2020, 1, 1)


def codes(excinfo) -> list[str]:
    return [v.code for v in excinfo.value.violations]


def fresh(org: Organization) -> Organization:
    return Organization.objects.get(pk=org.pk)


def version_on(org: Organization, on: dt.date) -> OrganizationVersion | None:
    return selectors.organization_at(org, on)


def children_on(org: Organization, on: dt.date):
    """Children on a date, as a system administrator sees them."""
    superuser = User.objects.filter(username="superuser-test").first() or User.objects.create_user(
        username="superuser-test", is_superuser=True)
    return selectors.children_on(superuser, org, on)


@pytest.fixture
def unchanged():
    """`with unchanged():` asserts that the block wrote nothing to the tree, its events or the audit."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = state_fingerprint()
        yield
        assert state_fingerprint() == before

    return check


# ============================================================================ establish


def test_cast_tree_is_consistent(tree):
    assert_tree_invariants()
    assert tree.cell_a1.path == f"/{tree.province.pk}/{tree.district_a.pk}/{tree.grassroots_a.pk}/{tree.cell_a1.pk}/"
    assert [o.depth for o in (tree.province, tree.district_a, tree.grassroots_a, tree.cell_a1)] == [1, 2, 3, 4]


def test_establish_writes_row_version_event_and_audit(cast):
    t = cast.tree
    with request_context("req-establish"):
        cell = svc.establish(by=cast.officer_a, parent=t.grassroots_a, code=" 99.001.001.000.003 ", name="  Chi bộ thôn Nam ",
                             kind=Kind.CELL, effective_date=ON, unit_type=UnitType.RESIDENTIAL,
                             decision=svc.Decision("12-QĐ/HU", D(2019, 12, 20), "Huyện ủy An Lạc"))
    cell = fresh(cell)
    assert (cell.code, cell.name) == ("99.001.001.000.003", "Chi bộ thôn Nam")
    assert cell.parent_id == t.grassroots_a.pk
    assert cell.path == f"{t.grassroots_a.path}{cell.pk}/"
    assert cell.depth == 4
    assert cell.established_on == ON and cell.ended_on is None
    assert cell.search_text == "chi bo thon nam 99.001.001.000.003"
    [version] = cell.versions.all()
    assert (version.valid_from, version.valid_to, version.parent_id, version.path, version.kind) == (
        ON, None, t.grassroots_a.pk, cell.path, Kind.CELL)
    [event] = cell.events.all()
    assert event.event_type == EventType.ESTABLISH
    assert (event.decision_number, event.decision_date, event.deciding_body) == ("12-QĐ/HU", D(2019, 12, 20), "Huyện ủy An Lạc")
    assert event.related_id == t.grassroots_a.pk
    assert event.recorded_by_id == cast.officer_a.pk
    assert event.describe() == "Thành lập “Chi bộ thôn Nam”, trực thuộc Đảng bộ xã An Lạc"
    assert version.event_id == event.pk
    entry = AuditEntry.objects.get(action="organizations.establish", object_id=str(cell.pk))
    assert entry.actor_id == cast.officer_a.pk and entry.request_id == "req-establish"
    assert entry.changes["code"] == [None, "99.001.001.000.003"]
    assert entry.changes["parent"] == [None, t.grassroots_a.pk]
    assert entry.changes["_data"]["effective_date"] == "2020-01-01"
    assert entry.changes["_data"]["decision_number"] == "12-QĐ/HU"
    assert_tree_invariants()


def test_establish_refuses_a_code_already_used(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=tree.grassroots_a, code="99.001", name="Chi bộ mới", kind=Kind.CELL, effective_date=ON)
    assert codes(exc) == ["org.code_taken"]
    assert "Đảng bộ huyện An Lạc" in str(exc.value)
    assert exc.value.by_field() == {"code": [exc.value.violations[0].text()]}


def test_establish_reports_every_violation_at_once(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=tree.province, code="mã sai", name="  ", kind=Kind.CELL, effective_date=ON)
    assert set(codes(exc)) == {"org.code_format", "org.name_required", "org.placement"}
    assert set(exc.value.by_field()) == {"code", "name", "parent"}


def test_establish_refuses_a_placement_the_rules_refuse(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=tree.province, code="99.900", name="Chi bộ lạc chỗ", kind=Kind.CELL, effective_date=ON)
    assert codes(exc) == ["org.placement"]
    assert rules.regime_on(ON).source == exc.value.violations[0].source


def test_establish_needs_the_parent_to_exist_on_the_date(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=tree.grassroots_a, code="99.001.001.000.009", name="Chi bộ sớm", kind=Kind.CELL,
                      effective_date=D(2009, 12, 31))
    assert "org.not_yet_established" in codes(exc)
    assert "chưa được thành lập" in str(exc.value)


def test_a_dissolved_parent_takes_no_children(tree, unchanged):
    svc.dissolve(by=SYSTEM, org=tree.cell_a2, effective_date=ON)
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=fresh(tree.cell_a2), code="99.001.001.000.002.01", name="Tổ đảng 1",
                      kind=Kind.PARTY_GROUP, effective_date=D(2021, 1, 1))
    assert codes(exc) == ["org.ended"]
    # Nor may a child be added retroactively, dated while the parent still existed: the child would
    # stay active under a dissolved parent and have no parent in the tree after 1/1/2020.
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=fresh(tree.cell_a2), code="99.001.001.000.002.01", name="Tổ đảng 1",
                      kind=Kind.PARTY_GROUP, effective_date=D(2015, 1, 1))
    assert "org.ended" in codes(exc)


def test_an_ended_organization_takes_no_further_event_even_dated_while_it_existed(tree, unchanged):
    svc.dissolve(by=SYSTEM, org=tree.cell_a2, effective_date=D(2024, 1, 1))
    svc.merge(by=SYSTEM, source=tree.cell_b1, target=tree.cell_a1, effective_date=D(2024, 1, 1))
    ended_cell, merged_cell = fresh(tree.cell_a2), fresh(tree.cell_b1)
    for call in (
        lambda: svc.rename(by=SYSTEM, org=ended_cell, name="Chi bộ thôn Tây Mới", effective_date=ON),
        lambda: svc.change_kind(by=SYSTEM, org=ended_cell, kind=Kind.PARTY_GROUP, effective_date=ON),
        lambda: svc.dissolve(by=SYSTEM, org=ended_cell, effective_date=ON),
        lambda: svc.move(by=SYSTEM, org=ended_cell, new_parent=tree.grassroots_b, effective_date=ON),
        lambda: svc.move(by=SYSTEM, org=tree.cell_a1, new_parent=merged_cell, effective_date=ON),
        lambda: svc.merge(by=SYSTEM, source=ended_cell, target=tree.cell_a1, effective_date=ON),
        lambda: svc.merge(by=SYSTEM, source=tree.cell_a1, target=merged_cell, effective_date=ON),
        lambda: svc.split(by=SYSTEM, source=ended_cell, code="99.001.001.000.009", name="Chi bộ tách", effective_date=ON),
    ):
        with unchanged(), pytest.raises(RuleViolation) as exc:
            call()
        assert "org.ended" in codes(exc)
    assert_tree_invariants()


def test_kinds_follow_the_2025_reform(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=tree.province, code="99.003", name="Đảng bộ huyện mới", kind=Kind.DISTRICT_COMMITTEE,
                      effective_date=D(2025, 7, 1))
    assert codes(exc) == ["org.kind_not_in_regime"]
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=tree.province, code="99.100", name="Đảng bộ xã An Hòa", kind=Kind.COMMUNE_COMMITTEE,
                      effective_date=D(2025, 6, 30))
    assert set(codes(exc)) == {"org.kind_not_in_regime", "org.placement"}
    svc.establish(by=SYSTEM, parent=tree.province, code="99.003", name="Đảng bộ huyện mới", kind=Kind.DISTRICT_COMMITTEE,
                  effective_date=D(2025, 6, 30))
    commune = svc.establish(by=SYSTEM, parent=tree.province, code="99.100", name="Đảng bộ xã An Hòa", kind=Kind.COMMUNE_COMMITTEE,
                            effective_date=D(2025, 7, 1))
    svc.establish(by=SYSTEM, parent=commune, code="99.100.000.000.001", name="Chi bộ ấp 1", kind=Kind.CELL,
                  effective_date=D(2025, 7, 1))
    assert_tree_invariants()


def test_only_a_system_administrator_creates_a_root(cast, unchanged):
    with unchanged(), pytest.raises(PermissionDeniedInScope):
        svc.establish(by=cast.officer_a, parent=None, code="98", name="Đảng bộ tỉnh khác", kind=Kind.PROVINCIAL_COMMITTEE,
                      effective_date=ON)
    root = svc.establish(by=cast.admin, parent=None, code="98", name="Đảng bộ tỉnh khác", kind=Kind.PROVINCIAL_COMMITTEE,
                         effective_date=ON)
    assert root.path == f"/{root.pk}/" and root.depth == 1


# ============================================================================ rename


def test_rename_is_dated_and_as_of_queries_see_the_name_of_the_time(tree):
    cell = svc.rename(by=SYSTEM, org=tree.cell_a1, name="Chi bộ thôn Đông Hưng", effective_date=ON)
    assert fresh(cell).name == "Chi bộ thôn Đông Hưng"
    assert fresh(cell).search_text.startswith("chi bo thon dong hung")
    assert fresh(cell).version == 2
    assert version_on(cell, BEFORE).name == "Chi bộ thôn Đông"
    assert version_on(cell, ON).name == "Chi bộ thôn Đông Hưng"
    assert version_on(cell, D(2010, 1, 1)).name == "Chi bộ thôn Đông"
    assert version_on(cell, D(2009, 12, 31)) is None
    assert OrganizationVersion.objects.valid_on(D(2015, 6, 1)).get(organization=cell).name == "Chi bộ thôn Đông"
    assert OrganizationVersion.objects.valid_on(D(2030, 1, 1)).get(organization=cell).name == "Chi bộ thôn Đông Hưng"
    old, new = cell.versions.order_by("valid_from")
    assert (old.valid_from, old.valid_to, new.valid_from, new.valid_to) == (D(2010, 1, 1), ON, ON, None)
    event = cell.events.get(event_type=EventType.RENAME)
    assert event.describe() == "Đổi tên từ “Chi bộ thôn Đông” thành “Chi bộ thôn Đông Hưng”"
    assert [v.name for v in children_on(tree.grassroots_a, BEFORE)] == ["Chi bộ thôn Đông", "Chi bộ thôn Tây"]
    assert [v.name for v in children_on(tree.grassroots_a, ON)] == ["Chi bộ thôn Đông Hưng", "Chi bộ thôn Tây"]
    assert_tree_invariants()


def test_two_renames_on_one_day_leave_one_version_for_that_day(tree):
    svc.rename(by=SYSTEM, org=tree.cell_a1, name="Tên nhầm", effective_date=ON)
    svc.rename(by=SYSTEM, org=tree.cell_a1, name="Chi bộ thôn Đông Hưng", effective_date=ON)
    assert tree.cell_a1.versions.count() == 2
    assert version_on(tree.cell_a1, ON).name == "Chi bộ thôn Đông Hưng"
    assert_tree_invariants()


def test_rename_refusals(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.rename(by=SYSTEM, org=tree.cell_a1, name="Chi bộ thôn Đông", effective_date=ON)
    assert codes(exc) == ["org.same_name"]
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.rename(by=SYSTEM, org=tree.cell_a1, name=" ", effective_date=ON)
    assert codes(exc) == ["org.name_required"]
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.rename(by=SYSTEM, org=tree.cell_a1, name="Chi bộ mới", effective_date=D(2009, 1, 1))
    assert "org.not_yet_established" in codes(exc)


# ============================================================================ move


def test_move_carries_the_subtree_and_history_keeps_the_old_position(tree):
    t = tree
    old_paths = {o.pk: o.path for o in (t.grassroots_a, t.cell_a1, t.cell_a2)}
    svc.move(by=SYSTEM, org=t.grassroots_a, new_parent=t.district_b, effective_date=ON)
    g, c1, c2 = fresh(t.grassroots_a), fresh(t.cell_a1), fresh(t.cell_a2)
    assert g.parent_id == t.district_b.pk
    assert g.path == f"{t.district_b.path}{g.pk}/" and g.depth == 3
    assert c1.path == f"{g.path}{c1.pk}/" and c2.path == f"{g.path}{c2.pk}/"
    assert c1.parent_id == g.pk  # children keep their parent
    assert g.version == 2
    for org in (g, c1, c2):
        assert version_on(org, BEFORE).path == old_paths[org.pk]
        assert version_on(org, ON).path == org.path
    assert version_on(g, BEFORE).parent_id == t.district_a.pk
    assert version_on(g, ON).parent_id == t.district_b.pk
    assert [v.name for v in org_tree.ancestors_on(c1, BEFORE)] == [
        "Đảng bộ tỉnh Thử Nghiệm", "Đảng bộ huyện An Lạc", "Đảng bộ xã An Lạc"]
    assert [v.name for v in org_tree.ancestors_on(c1, ON)] == [
        "Đảng bộ tỉnh Thử Nghiệm", "Đảng bộ huyện Bình Minh", "Đảng bộ xã An Lạc"]
    assert list(children_on(t.district_a, ON)) == []
    assert [v.organization_id for v in children_on(t.district_a, BEFORE)] == [g.pk]
    assert sorted(v.organization_id for v in children_on(t.district_b, ON)) == sorted([g.pk, t.grassroots_b.pk])
    event = g.events.get(event_type=EventType.MOVE)
    assert event.data["subtree_size"] == 3
    assert event.describe() == "Chuyển từ Đảng bộ huyện An Lạc sang trực thuộc Đảng bộ huyện Bình Minh"
    assert list(Organization.objects.within(t.district_a)) == [fresh(t.district_a)]
    assert_tree_invariants()


def test_move_on_the_day_of_another_change_updates_that_days_version(tree):
    svc.rename(by=SYSTEM, org=tree.cell_a1, name="Chi bộ thôn Đông Hưng", effective_date=ON)
    svc.move(by=SYSTEM, org=tree.grassroots_a, new_parent=tree.district_b, effective_date=ON)
    assert tree.cell_a1.versions.count() == 2
    v = version_on(tree.cell_a1, ON)
    assert (v.name, v.path) == ("Chi bộ thôn Đông Hưng", fresh(tree.cell_a1).path)
    assert_tree_invariants()


@pytest.mark.parametrize(("org", "new_parent"), [
    ("grassroots_a", "cell_a1"),  # into its own descendant
    ("district_a", "grassroots_a"),
    ("grassroots_a", "grassroots_a"),  # into itself
])
def test_move_refuses_cycles(tree, unchanged, org, new_parent):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.move(by=SYSTEM, org=getattr(tree, org), new_parent=getattr(tree, new_parent), effective_date=ON)
    assert "org.cycle" in codes(exc)


def test_move_refusals(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.move(by=SYSTEM, org=tree.cell_a1, new_parent=tree.grassroots_a, effective_date=ON)
    assert "org.same_parent" in codes(exc)
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.move(by=SYSTEM, org=tree.cell_a1, new_parent=tree.district_b, effective_date=ON)
    assert codes(exc) == ["org.placement"]
    later = svc.establish(by=SYSTEM, parent=tree.district_b, code="99.002.002", name="Đảng bộ xã Bình An",
                          kind=Kind.GRASSROOTS_COMMITTEE, effective_date=D(2021, 1, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.move(by=SYSTEM, org=tree.cell_a1, new_parent=later, effective_date=ON)
    assert "org.not_yet_established" in codes(exc)


# ============================================================================ merge


def test_merge_moves_children_to_the_target_and_ends_the_source(tree):
    t = tree
    target = svc.merge(by=SYSTEM, source=t.grassroots_a, target=t.grassroots_b, effective_date=ON)
    assert target.pk == t.grassroots_b.pk
    g = fresh(t.grassroots_a)
    assert (g.ended_on, g.end_reason, g.successor_id) == (ON, EndReason.MERGED, t.grassroots_b.pk)
    assert not g.is_active
    for cell in (t.cell_a1, t.cell_a2):
        c = fresh(cell)
        assert c.parent_id == t.grassroots_b.pk and c.path == f"{t.grassroots_b.path}{c.pk}/"
        assert version_on(c, BEFORE).parent_id == t.grassroots_a.pk
        assert version_on(c, ON).parent_id == t.grassroots_b.pk
        move_event = c.events.get(event_type=EventType.MOVE)
        assert move_event.data["because"] == "merge" and move_event.related_id == t.grassroots_b.pk
    assert version_on(g, BEFORE) is not None and version_on(g, ON) is None
    merge_event = g.events.get(event_type=EventType.MERGE)
    assert merge_event.data["children_moved"] == 2
    assert merge_event.describe() == "Sáp nhập vào Đảng bộ xã Bình Minh; 2 tổ chức trực thuộc được chuyển sang"
    absorb = t.grassroots_b.events.get(event_type=EventType.ABSORB)
    assert absorb.related_id == g.pk
    assert fresh(t.grassroots_b).version == 2
    assert sorted(v.organization_id for v in children_on(t.grassroots_b, ON)) == sorted(
        [t.cell_a1.pk, t.cell_a2.pk, t.cell_b1.pk])
    assert_tree_invariants()


def test_merge_target_must_exist_on_the_date(tree, unchanged):
    later = svc.establish(by=SYSTEM, parent=tree.district_b, code="99.002.002", name="Đảng bộ xã Bình An",
                          kind=Kind.GRASSROOTS_COMMITTEE, effective_date=D(2021, 1, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.merge(by=SYSTEM, source=tree.grassroots_a, target=later, effective_date=D(2020, 6, 1))
    assert "org.not_yet_established" in codes(exc)
    assert exc.value.violations[codes(exc).index("org.not_yet_established")].field == "target"
    svc.dissolve(by=SYSTEM, org=tree.cell_b1, effective_date=ON)
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.merge(by=SYSTEM, source=tree.cell_a1, target=fresh(tree.cell_b1), effective_date=D(2021, 1, 1))
    assert "org.ended" in codes(exc)


@pytest.mark.parametrize(("source", "target", "code"), [
    ("district_a", "grassroots_a", "org.merge_into_descendant"),
    ("district_a", "cell_a1", "org.merge_into_descendant"),
    ("grassroots_a", "grassroots_a", "org.merge_self"),
])
def test_merge_refuses_self_and_descendants(tree, unchanged, source, target, code):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.merge(by=SYSTEM, source=getattr(tree, source), target=getattr(tree, target), effective_date=ON)
    assert codes(exc) == [code]


def test_merge_refuses_when_children_do_not_fit_the_target(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.merge(by=SYSTEM, source=tree.grassroots_a, target=tree.district_b, effective_date=ON)
    assert codes(exc) == ["org.placement", "org.placement"]
    assert "Chi bộ thôn Đông: " in str(exc.value) and "Chi bộ thôn Tây: " in str(exc.value)
    assert {v.field for v in exc.value.violations} == {"target"}


def test_merge_must_come_after_the_sources_last_change(tree, unchanged):
    svc.rename(by=SYSTEM, org=tree.grassroots_a, name="Đảng bộ xã An Lạc Mới", effective_date=ON)
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.merge(by=SYSTEM, source=tree.grassroots_a, target=tree.grassroots_b, effective_date=ON)
    assert codes(exc) == ["org.out_of_order"]


# ============================================================================ split


def test_split_takes_the_chosen_children(tree):
    t = tree
    new = svc.split(by=SYSTEM, source=t.grassroots_a, code="99.001.002", name="Đảng bộ xã An Lạc Tây", effective_date=ON,
                    children=[t.cell_a2])
    new = fresh(new)
    assert new.parent_id == t.district_a.pk and new.kind == Kind.GRASSROOTS_COMMITTEE
    assert new.unit_type == UnitType.COMMUNE_WARD
    assert new.established_on == ON
    assert fresh(t.cell_a2).parent_id == new.pk
    assert fresh(t.cell_a1).parent_id == t.grassroots_a.pk
    assert version_on(t.cell_a2, BEFORE).parent_id == t.grassroots_a.pk
    assert version_on(t.cell_a2, ON).parent_id == new.pk
    assert fresh(t.grassroots_a).is_active
    assert new.events.get(event_type=EventType.SPLIT).data["role"] == "new"
    source_event = t.grassroots_a.events.get(event_type=EventType.SPLIT)
    assert source_event.data["children_moved"] == 1
    assert source_event.describe() == "Chia tách, thành lập Đảng bộ xã An Lạc Tây"
    assert_tree_invariants()


def test_split_with_dissolve_source(tree):
    t = tree
    new = svc.split(by=SYSTEM, source=t.grassroots_a, code="99.001.002", name="Đảng bộ xã An Lạc Mới", effective_date=ON,
                    children=[t.cell_a1, t.cell_a2], dissolve_source=True)
    g = fresh(t.grassroots_a)
    assert (g.ended_on, g.end_reason) == (ON, EndReason.DISSOLVED)
    assert {c.pk for c in fresh(new).children.all()} == {t.cell_a1.pk, t.cell_a2.pk}
    assert version_on(g, BEFORE) is not None and version_on(g, ON) is None
    assert_tree_invariants()


def test_split_refusals(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.split(by=SYSTEM, source=tree.grassroots_a, code="99.001.002", name="Mới", effective_date=ON,
                  children=[tree.cell_a1], dissolve_source=True)
    assert codes(exc) == ["org.has_children"]
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.split(by=SYSTEM, source=tree.grassroots_a, code="99.001.002", name="Mới", effective_date=ON, children=[tree.cell_b1])
    assert codes(exc) == ["org.split_child"]
    with unchanged(), pytest.raises(RuleViolation) as exc:  # fails in establish, after the first checks
        svc.split(by=SYSTEM, source=tree.grassroots_a, code="99.002", name="Mới", effective_date=ON, children=[tree.cell_a2])
    assert codes(exc) == ["org.code_taken"]


def test_split_is_refused_before_the_sources_last_change(tree, unchanged):
    svc.rename(by=SYSTEM, org=tree.grassroots_a, name="Đảng bộ xã An Lạc Mới", effective_date=D(2022, 1, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.split(by=SYSTEM, source=tree.grassroots_a, code="99.001.002", name="Đảng bộ xã An Lạc Tây", effective_date=ON,
                  children=[tree.cell_a2])
    assert "org.out_of_order" in codes(exc)


# ============================================================================ dissolve


def test_dissolve_is_refused_while_children_are_active(tree, unchanged):
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.dissolve(by=SYSTEM, org=tree.grassroots_a, effective_date=ON)
    assert codes(exc) == ["org.has_children"]
    assert "còn 2 tổ chức trực thuộc đang hoạt động" in str(exc.value)


def test_dissolved_organization_leaves_the_tree_from_its_date(cast):
    t = cast.tree
    svc.dissolve(by=cast.officer_a, org=t.cell_a2, effective_date=ON)
    c = fresh(t.cell_a2)
    assert (c.ended_on, c.end_reason, c.version) == (ON, EndReason.DISSOLVED, 2)
    assert version_on(c, BEFORE) is not None and version_on(c, ON) is None
    assert c not in Organization.objects.active()
    assert c in Organization.objects.active(on=BEFORE)
    assert c not in Organization.objects.active(on=ON)
    assert [n.id for n in selectors.tree_level(cast.admin, BEFORE, t.grassroots_a.pk)] == [t.cell_a1.pk, t.cell_a2.pk]
    assert [n.id for n in selectors.tree_level(cast.admin, ON, t.grassroots_a.pk)] == [t.cell_a1.pk]
    assert [n.id for n in selectors.tree_level(cast.officer_a, D(2030, 1, 1), t.grassroots_a.pk)] == [t.cell_a1.pk]
    # Once its children are gone the parent may be dissolved, and later than them.
    svc.dissolve(by=SYSTEM, org=t.cell_a1, effective_date=D(2021, 1, 1))
    svc.dissolve(by=SYSTEM, org=t.grassroots_a, effective_date=D(2021, 1, 1))
    assert selectors.tree_level(cast.admin, D(2021, 1, 1), t.district_a.pk) == []
    assert_tree_invariants()


def test_dissolve_refusals(tree, unchanged):
    svc.rename(by=SYSTEM, org=tree.cell_a2, name="Chi bộ thôn Tây Mới", effective_date=ON)
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.dissolve(by=SYSTEM, org=tree.cell_a2, effective_date=ON)  # the same day as its last change
    assert codes(exc) == ["org.out_of_order"]
    svc.dissolve(by=SYSTEM, org=tree.cell_a2, effective_date=D(2020, 1, 2))
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.dissolve(by=SYSTEM, org=tree.cell_a2, effective_date=D(2021, 1, 1))
    assert "org.ended" in codes(exc)


# ============================================================================ change_kind


@pytest.fixture
def grassroots_cell(tree):
    """A grassroots cell with two party groups under district A (established 2012)."""
    on = D(2012, 1, 1)
    gc = svc.establish(by=SYSTEM, parent=tree.district_a, code="99.001.002", name="Chi bộ Trường THCS An Lạc",
                       kind=Kind.GRASSROOTS_CELL, effective_date=on, unit_type=UnitType.PUBLIC_SERVICE)
    groups = [svc.establish(by=SYSTEM, parent=gc, code=f"99.001.002.000.00{i}", name=f"Tổ đảng số {i}", kind=Kind.PARTY_GROUP,
                            effective_date=on) for i in (1, 2)]
    return gc, groups


def test_upgrade_turns_party_groups_into_cells(cast, grassroots_cell):
    gc, groups = grassroots_cell
    with request_context("req-kind"):
        # No member is registered in this tree: the upgrade stands on the higher committee's consent (O2).
        svc.change_kind(by=cast.officer_a, org=gc, kind=Kind.GRASSROOTS_COMMITTEE, effective_date=ON,
                        exception_consent="Công văn 12-CV/HU ngày 20/12/2019")
    assert fresh(gc).kind == Kind.GRASSROOTS_COMMITTEE
    assert version_on(gc, BEFORE).kind == Kind.GRASSROOTS_CELL and version_on(gc, ON).kind == Kind.GRASSROOTS_COMMITTEE
    for group in groups:
        g = fresh(group)
        assert g.kind == Kind.CELL and g.version == 2
        assert version_on(g, BEFORE).kind == Kind.PARTY_GROUP
        assert version_on(g, ON).kind == Kind.CELL
        event = g.events.get(event_type=EventType.CHANGE_KIND)
        assert event.effective_date == ON and event.related_id == gc.pk
        assert event.data == {"old_kind": Kind.PARTY_GROUP, "new_kind": Kind.CELL, "because": "parent_kind"}
        assert event.describe() == "Đổi loại hình từ Tổ đảng thành Chi bộ trực thuộc"
        entry = AuditEntry.objects.get(action="organizations.change_kind", object_id=str(g.pk))
        assert entry.changes["kind"] == [Kind.PARTY_GROUP, Kind.CELL] and entry.request_id == "req-kind"
    assert gc.events.get(event_type=EventType.CHANGE_KIND).data == {
        "old_kind": Kind.GRASSROOTS_CELL, "new_kind": Kind.GRASSROOTS_COMMITTEE, "members": 0,
        "exception_consent": "Công văn 12-CV/HU ngày 20/12/2019"}
    assert_tree_invariants()


def test_downgrade_turns_cells_into_party_groups(tree):
    svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=Kind.GRASSROOTS_CELL, effective_date=ON)
    assert fresh(tree.cell_a1).kind == Kind.PARTY_GROUP and fresh(tree.cell_a2).kind == Kind.PARTY_GROUP
    assert version_on(tree.cell_a1, BEFORE).kind == Kind.CELL
    assert_tree_invariants()


def test_downgrade_is_refused_when_grandchildren_would_no_longer_fit(tree, unchanged):
    # Cell A1 has a party group; turning A1 into a party group would put a party group under a party group.
    svc.establish(by=SYSTEM, parent=tree.cell_a1, code="99.001.001.000.001.01", name="Tổ đảng xóm 1", kind=Kind.PARTY_GROUP,
                  effective_date=D(2015, 1, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=Kind.GRASSROOTS_CELL, effective_date=ON)
    assert "org.child_kind" in codes(exc)


def test_change_kind_refusals(tree, grassroots_cell, unchanged):
    gc, _ = grassroots_cell
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.change_kind(by=SYSTEM, org=gc, kind=Kind.GRASSROOTS_CELL, effective_date=ON)
    assert codes(exc) == ["org.same_kind"]
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=Kind.CELL, effective_date=ON)
    assert codes(exc) == ["org.placement"]
    assert exc.value.violations[0].field == "kind"
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=Kind.COMMUNE_COMMITTEE, effective_date=ON)
    assert "org.kind_not_in_regime" in codes(exc)
    svc.establish(by=SYSTEM, parent=tree.grassroots_a, code="99.001.001.001", name="Đảng bộ bộ phận thôn", kind=Kind.PARTIAL_COMMITTEE,
                  effective_date=D(2015, 1, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:  # a partial committee cannot sit under a grassroots cell
        svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=Kind.GRASSROOTS_CELL, effective_date=ON)
    assert codes(exc) == ["org.child_kind"]
    assert "Đảng bộ bộ phận thôn" in str(exc.value)


# ============================================================================ chronology


def test_events_dated_before_the_latest_change_are_refused(tree, unchanged):
    svc.rename(by=SYSTEM, org=tree.cell_a1, name="Chi bộ thôn Đông Hưng", effective_date=ON)
    earlier = D(2019, 6, 1)
    for call in (
        lambda: svc.rename(by=SYSTEM, org=tree.cell_a1, name="Chi bộ khác", effective_date=earlier),
        lambda: svc.move(by=SYSTEM, org=tree.cell_a1, new_parent=tree.grassroots_b, effective_date=earlier),
        lambda: svc.dissolve(by=SYSTEM, org=tree.cell_a1, effective_date=earlier),
        lambda: svc.merge(by=SYSTEM, source=tree.cell_a1, target=tree.cell_a2, effective_date=earlier),
        # a change of an ancestor may not precede a change recorded in its subtree
        lambda: svc.move(by=SYSTEM, org=tree.grassroots_a, new_parent=tree.district_b, effective_date=earlier),
        lambda: svc.merge(by=SYSTEM, source=tree.grassroots_a, target=tree.grassroots_b, effective_date=earlier),
        # nor may a child be added to an organization before its latest change
        lambda: svc.establish(by=SYSTEM, parent=tree.cell_a1, code="99.001.001.000.001.01", name="Tổ đảng 1",
                              kind=Kind.PARTY_GROUP, effective_date=earlier),
    ):
        with unchanged(), pytest.raises(RuleViolation) as exc:
            call()
        assert "org.out_of_order" in codes(exc)
        assert "01/01/2020" in str(exc.value)


def _end_history_late(tree):
    """Cell A2 leaves grassroots A in 2024 (moved to B), cell A1 is dissolved in 2024."""
    svc.move(by=SYSTEM, org=tree.cell_a2, new_parent=tree.grassroots_b, effective_date=D(2024, 1, 1))
    svc.dissolve(by=SYSTEM, org=tree.cell_a1, effective_date=D(2024, 1, 1))


def test_dissolve_before_a_child_ended_is_refused(tree, unchanged):
    _end_history_late(tree)
    # In 2020 grassroots A still had both cells: dissolving it then would orphan their 2020-2024 history.
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.dissolve(by=SYSTEM, org=tree.grassroots_a, effective_date=ON)
    assert "org.out_of_order" in codes(exc)
    svc.dissolve(by=SYSTEM, org=tree.grassroots_a, effective_date=D(2024, 1, 1))
    assert_tree_invariants()


def test_move_before_a_descendant_left_or_ended_is_refused(tree, unchanged):
    _end_history_late(tree)
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.move(by=SYSTEM, org=tree.grassroots_a, new_parent=tree.district_b, effective_date=ON)
    assert "org.out_of_order" in codes(exc)
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.merge(by=SYSTEM, source=tree.grassroots_a, target=tree.grassroots_b, effective_date=ON)
    assert "org.out_of_order" in codes(exc)
    svc.move(by=SYSTEM, org=tree.grassroots_a, new_parent=tree.district_b, effective_date=D(2024, 1, 1))
    assert_tree_invariants()


def test_change_kind_before_a_child_left_is_refused(tree, unchanged):
    # Cell A2 sat under grassroots committee A until 2024; making A a grassroots cell from 2020
    # would leave a cell under a grassroots cell in 2020-2024.
    svc.move(by=SYSTEM, org=tree.cell_a2, new_parent=tree.grassroots_b, effective_date=D(2024, 1, 1))
    svc.dissolve(by=SYSTEM, org=tree.cell_a1, effective_date=D(2024, 1, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:
        svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=Kind.GRASSROOTS_CELL, effective_date=ON)
    assert "org.out_of_order" in codes(exc)


# ============================================================================ concurrency


def test_stale_correction_is_refused_and_the_first_edit_kept(cast):
    cell = cast.tree.cell_a1
    first_editor, second_editor = fresh(cell), fresh(cell)
    assert first_editor.version == second_editor.version == 1
    svc.correct(by=cast.officer_a, org=first_editor, expected_version=1, name="Chi bộ thôn Đông (sửa)")
    with pytest.raises(ConcurrentEditError) as exc:
        svc.correct(by=cast.officer_a, org=second_editor, expected_version=1, name="Chi bộ thôn Đông B")
    assert exc.value.current_version == 2
    assert "vừa được người khác thay đổi" in str(exc.value)
    c = fresh(cell)
    assert c.name == "Chi bộ thôn Đông (sửa)" and c.version == 2
    assert version_on(c, ON).name == "Chi bộ thôn Đông (sửa)"  # a correction fixes the record, not a dated rename
    assert AuditEntry.objects.filter(action="organizations.update", object_id=str(c.pk)).count() == 1


def test_stale_lifecycle_edits_are_refused(tree, unchanged):
    svc.rename(by=SYSTEM, org=tree.grassroots_a, name="Đảng bộ xã An Lạc Mới", effective_date=ON, expected_version=1)
    stale = dict(expected_version=1, effective_date=D(2021, 1, 1))
    for call in (
        lambda: svc.rename(by=SYSTEM, org=tree.grassroots_a, name="Tên khác", **stale),
        lambda: svc.move(by=SYSTEM, org=tree.grassroots_a, new_parent=tree.district_b, **stale),
        lambda: svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=Kind.GRASSROOTS_CELL, **stale),
        lambda: svc.merge(by=SYSTEM, source=tree.grassroots_a, target=tree.grassroots_b, **stale),
    ):
        with unchanged(), pytest.raises(ConcurrentEditError):
            call()
    assert fresh(tree.grassroots_a).name == "Đảng bộ xã An Lạc Mới"


def test_correction_without_change_writes_nothing(tree, unchanged):
    with unchanged():
        svc.correct(by=SYSTEM, org=tree.cell_a1, expected_version=1, name="Chi bộ thôn Đông")


# ============================================================================ audit


def _service_calls(cast):
    t = cast.tree
    when = {"effective_date": ON}
    return {
        "rename": (lambda: svc.rename(by=cast.officer_a, org=t.cell_a1, name="Chi bộ thôn Đông Hưng", **when), t.cell_a1,
                   {"name": ["Chi bộ thôn Đông", "Chi bộ thôn Đông Hưng"]}),
        "move": (lambda: svc.move(by=cast.admin, org=t.grassroots_a, new_parent=t.district_b, **when), t.grassroots_a,
                 {"parent": [t.district_a.pk, t.district_b.pk]}),
        "dissolve": (lambda: svc.dissolve(by=cast.officer_a, org=t.cell_a2, **when), t.cell_a2,
                     {"ended_on": [None, "2020-01-01"], "end_reason": ["", EndReason.DISSOLVED]}),
        "merge": (lambda: svc.merge(by=cast.officer_a, source=t.cell_a1, target=t.cell_a2, **when), t.cell_a1,
                  {"ended_on": [None, "2020-01-01"], "end_reason": ["", EndReason.MERGED], "successor": [None, t.cell_a2.pk]}),
        "change_kind": (lambda: svc.change_kind(by=cast.officer_a, org=t.grassroots_a, kind=Kind.GRASSROOTS_CELL, **when),
                        t.grassroots_a, {"kind": [Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL]}),
        "split": (lambda: svc.split(by=cast.officer_a, source=t.grassroots_a, code="99.001.002", name="Đảng bộ xã An Lạc Tây",
                                    children=[t.cell_a2], **when), t.grassroots_a, {}),
        "update": (lambda: svc.correct(by=cast.officer_a, org=t.cell_a1, expected_version=1, address="Thôn Đông"), t.cell_a1,
                   {"address": ["", "Thôn Đông"]}),
    }


@pytest.mark.parametrize("action", ["rename", "move", "dissolve", "merge", "change_kind", "split", "update"])
def test_every_service_writes_an_audit_entry(cast, action):
    call, obj, expected_changes = _service_calls(cast)[action]
    actor = cast.admin if action == "move" else cast.officer_a
    entries_before = AuditEntry.objects.count()
    with request_context(f"req-{action}"):
        call()
    entry = AuditEntry.objects.get(action=f"organizations.{action}", object_id=str(obj.pk))
    assert entry.actor_id == actor.pk
    assert entry.actor_label == f"{actor.full_name} ({actor.username})"
    assert entry.request_id == f"req-{action}"
    assert entry.object_type == "organizations.organization"
    assert entry.object_label == fresh(obj).name
    for field, change in expected_changes.items():
        assert entry.changes[field] == change, field
    assert set(entry.changes) - {"_data"} == set(expected_changes)
    if action != "update":
        assert entry.changes["_data"]["effective_date"] == "2020-01-01"
    # every entry written by the call carries the request id
    new_entries = AuditEntry.objects.order_by("id")[entries_before:]
    assert new_entries and {e.request_id for e in new_entries} == {f"req-{action}"}


def test_merge_audits_source_target_and_moved_children(cast):
    t = cast.tree
    with request_context("req-merge"):
        svc.merge(by=cast.admin, source=t.grassroots_a, target=t.grassroots_b, effective_date=ON)
    entries = AuditEntry.objects.filter(request_id="req-merge")
    assert sorted((e.action, int(e.object_id)) for e in entries) == sorted([
        ("organizations.merge", t.grassroots_a.pk), ("organizations.merge", t.grassroots_b.pk),
        ("organizations.move", t.cell_a1.pk), ("organizations.move", t.cell_a2.pk)])
    child_entry = entries.get(action="organizations.move", object_id=str(t.cell_a1.pk))
    assert child_entry.changes["parent"] == [t.grassroots_a.pk, t.grassroots_b.pk]
    assert child_entry.note == "Do sáp nhập Đảng bộ xã An Lạc vào Đảng bộ xã Bình Minh"
    assert entries.get(action="organizations.merge", object_id=str(t.grassroots_b.pk)).note == "Tiếp nhận Đảng bộ xã An Lạc"


# ============================================================================ permissions


def test_officer_b_cannot_move_a_cell_of_a(cast, unchanged):
    t = cast.tree
    with unchanged(), pytest.raises(PermissionDeniedInScope):
        svc.move(by=cast.officer_b, org=t.cell_a1, new_parent=t.grassroots_b, effective_date=ON)
    assert fresh(t.cell_a1).path == t.cell_a1.path


def test_officer_a_cannot_move_a_cell_out_of_a_into_b(cast, unchanged):
    t = cast.tree
    counts = (Organization.objects.count(), OrganizationVersion.objects.count(), OrganizationEvent.objects.count(),
              AuditEntry.objects.count())
    with unchanged(), pytest.raises(PermissionDeniedInScope):
        svc.move(by=cast.officer_a, org=t.cell_a1, new_parent=t.grassroots_b, effective_date=ON)
    assert counts == (Organization.objects.count(), OrganizationVersion.objects.count(), OrganizationEvent.objects.count(),
                      AuditEntry.objects.count())
    assert fresh(t.cell_a1).parent_id == t.grassroots_a.pk
    assert version_on(t.cell_a1, ON).parent_id == t.grassroots_a.pk


def test_officer_a_can_move_inside_a(cast):
    t = cast.tree
    other = svc.establish(by=cast.officer_a, parent=t.district_a, code="99.001.002", name="Đảng bộ xã An Phú",
                          kind=Kind.GRASSROOTS_COMMITTEE, effective_date=ON)
    svc.move(by=cast.officer_a, org=t.cell_a2, new_parent=other, effective_date=ON)
    assert fresh(t.cell_a2).parent_id == other.pk


@pytest.mark.parametrize("who", ["secretary_a1", "member_a1", "viewer_a", "officer_b"])
def test_roles_without_change_rights_are_refused(cast, unchanged, who):
    t, user = cast.tree, getattr(cast, who)
    for call in (
        lambda: svc.rename(by=user, org=t.cell_a1, name="Chi bộ khác", effective_date=ON),
        lambda: svc.dissolve(by=user, org=t.cell_a1, effective_date=ON),
        lambda: svc.establish(by=user, parent=t.cell_a1, code="99.001.001.000.001.01", name="Tổ đảng 1", kind=Kind.PARTY_GROUP,
                              effective_date=ON),
        lambda: svc.change_kind(by=user, org=t.grassroots_a, kind=Kind.GRASSROOTS_CELL, effective_date=ON),
        lambda: svc.correct(by=user, org=t.cell_a1, expected_version=1, name="Chi bộ khác"),
        lambda: committees.create_term(by=user, organization=t.cell_a1, name="2020–2025", start_date=ON),
    ):
        with unchanged(), pytest.raises(PermissionDeniedInScope):
            call()


def test_officer_a_cannot_reach_outside_a(cast, unchanged):
    t = cast.tree
    for call in (
        lambda: svc.merge(by=cast.officer_a, source=t.grassroots_a, target=t.grassroots_b, effective_date=ON),
        lambda: svc.establish(by=cast.officer_a, parent=t.province, code="99.003", name="Đảng bộ huyện mới",
                              kind=Kind.DISTRICT_COMMITTEE, effective_date=ON),
        lambda: svc.move(by=cast.officer_a, org=t.district_a, new_parent=t.province, effective_date=ON),
        lambda: svc.split(by=cast.officer_a, source=t.district_a, code="99.003", name="Đảng bộ huyện tách", effective_date=ON),
    ):
        with unchanged(), pytest.raises(PermissionDeniedInScope):
            call()


# ============================================================================ committees


@pytest.fixture
def term_2015(cast):
    term = committees.create_term(by=cast.officer_a, organization=cast.tree.grassroots_a, name="2015–2020",
                                  start_date=D(2015, 10, 1))
    secretary = committees.add_seat(by=cast.officer_a, term=term, full_name="Nguyễn  Văn Bảy",
                                    position=CommitteePosition.SECRETARY, start_date=D(2015, 10, 1))
    member = committees.add_seat(by=cast.officer_a, term=term, full_name="Trần Thị Cúc", position=CommitteePosition.MEMBER,
                                 start_date=D(2015, 10, 1))
    return term, secretary, member


def test_new_term_closes_the_previous_open_term(cast, term_2015):
    term, secretary, member = term_2015
    assert secretary.full_name == "Nguyễn Văn Bảy"
    with request_context("req-term"):
        new = committees.create_term(by=cast.officer_a, organization=cast.tree.grassroots_a, name="2020–2025",
                                     start_date=D(2020, 10, 1))
    term.refresh_from_db()
    assert term.end_date == D(2020, 10, 1) and term.version == 2
    assert new.end_date is None
    for seat in CommitteeMember.objects.filter(term=term):
        assert (seat.end_date, seat.end_reason) == (D(2020, 10, 1), "Hết nhiệm kỳ")
    entry = AuditEntry.objects.get(action="organizations.term_update", request_id="req-term")
    assert entry.changes["end_date"] == [None, "2020-10-01"] and entry.actor_id == cast.officer_a.pk
    assert AuditEntry.objects.filter(action="organizations.term_create", object_id=str(new.pk)).exists()
    assert committees.committee_on(cast.tree.grassroots_a, D(2020, 10, 1)) == []
    assert [s.full_name for s in committees.committee_on(cast.tree.grassroots_a, D(2020, 9, 30))] == [
        "Nguyễn Văn Bảy", "Trần Thị Cúc"]


def test_overlapping_terms_are_refused(cast, unchanged):
    g = cast.tree.grassroots_a
    committees.create_term(by=SYSTEM, organization=g, name="2010–2015", start_date=D(2010, 10, 1), end_date=D(2015, 10, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:
        committees.create_term(by=SYSTEM, organization=g, name="2014–2019", start_date=D(2014, 1, 1))
    assert codes(exc) == ["term.overlap"]
    assert "2010–2015" in str(exc.value)
    committees.create_term(by=SYSTEM, organization=g, name="2020–2025", start_date=D(2020, 10, 1))
    with unchanged(), pytest.raises(RuleViolation) as exc:  # an earlier start does not close a later open term
        committees.create_term(by=SYSTEM, organization=g, name="2019", start_date=D(2019, 1, 1), end_date=D(2021, 1, 1))
    assert codes(exc) == ["term.overlap"]
    committees.create_term(by=SYSTEM, organization=g, name="2015–2020", start_date=D(2015, 10, 1), end_date=D(2020, 10, 1))
    assert CommitteeTerm.objects.filter(organization=g).count() == 3


def test_term_refusals(cast, unchanged):
    g = cast.tree.grassroots_a
    with unchanged(), pytest.raises(RuleViolation) as exc:
        committees.create_term(by=SYSTEM, organization=g, name=" ", start_date=D(2009, 1, 1), end_date=D(2008, 1, 1))
    assert set(codes(exc)) == {"term.before_org", "term.span", "term.name"}
    with unchanged(), pytest.raises(PermissionDeniedInScope):
        committees.create_term(by=cast.officer_b, organization=g, name="2020–2025", start_date=ON)


def test_second_secretary_is_refused(cast, term_2015, unchanged):
    term, secretary, _ = term_2015
    with unchanged(), pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=cast.officer_a, term=term, full_name="Lê Văn Tám", position=CommitteePosition.SECRETARY,
                            start_date=D(2017, 1, 1))
    assert codes(exc) == ["seat.single"]
    assert exc.value.violations[0].source == "Điều lệ Đảng"
    assert "Nguyễn Văn Bảy" in str(exc.value)
    # Several deputies are fine.
    for name in ("Lê Văn Tám", "Phạm Thị Chín"):
        committees.add_seat(by=cast.officer_a, term=term, full_name=name, position=CommitteePosition.DEPUTY_SECRETARY,
                            start_date=D(2017, 1, 1))
    # Once the secretary has left, a successor can take the seat from that day.
    committees.end_seat(by=cast.officer_a, seat=secretary, end_date=D(2018, 1, 1), reason="Nghỉ hưu")
    committees.add_seat(by=cast.officer_a, term=term, full_name="Lê Văn Tám", position=CommitteePosition.SECRETARY,
                        start_date=D(2018, 1, 1))
    on = committees.committee_on(cast.tree.grassroots_a, D(2018, 6, 1))
    assert [(s.full_name, s.position) for s in on][:1] == [("Lê Văn Tám", CommitteePosition.SECRETARY)]
    assert [s.position for s in on] == [CommitteePosition.SECRETARY, CommitteePosition.DEPUTY_SECRETARY,
                                        CommitteePosition.DEPUTY_SECRETARY, CommitteePosition.MEMBER]
    assert [s.full_name for s in on if s.position == CommitteePosition.DEPUTY_SECRETARY] == ["Phạm Thị Chín", "Lê Văn Tám"]


def test_end_seat(cast, term_2015, unchanged):
    term, secretary, member = term_2015
    with unchanged(), pytest.raises(RuleViolation) as exc:
        committees.end_seat(by=cast.officer_a, seat=member, end_date=D(2015, 9, 30))
    assert codes(exc) == ["seat.span"]
    with request_context("req-seat"):
        committees.end_seat(by=cast.officer_a, seat=member, end_date=D(2017, 3, 1), reason="  Chuyển công tác ")
    member.refresh_from_db()
    assert (member.end_date, member.end_reason) == (D(2017, 3, 1), "Chuyển công tác")
    entry = AuditEntry.objects.get(action="organizations.seat_end", request_id="req-seat")
    assert entry.changes["end_date"] == [None, "2017-03-01"]
    assert AuditEntry.objects.filter(action="organizations.committee_change", request_id="req-seat",
                                     object_id=str(term.organization_id)).exists()
    with unchanged(), pytest.raises(RuleViolation) as exc:
        committees.end_seat(by=cast.officer_a, seat=member, end_date=D(2018, 1, 1))
    assert codes(exc) == ["seat.ended"]
    with unchanged(), pytest.raises(PermissionDeniedInScope):
        committees.end_seat(by=cast.officer_b, seat=secretary, end_date=D(2018, 1, 1))
    assert [s.full_name for s in committees.committee_on(cast.tree.grassroots_a, D(2017, 3, 1))] == ["Nguyễn Văn Bảy"]


def test_seat_must_fall_inside_its_term(cast, term_2015, unchanged):
    term, _, _ = term_2015
    with unchanged(), pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=cast.officer_a, term=term, full_name="", position=CommitteePosition.MEMBER,
                            start_date=D(2015, 1, 1))
    assert set(codes(exc)) == {"seat.name", "seat.outside_term"}
