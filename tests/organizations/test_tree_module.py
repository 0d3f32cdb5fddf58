"""One table over a small tree that is restructured on 1/7/2025 (QĐ 294: no district level): every
question of dangvu.organizations.tree asked before and after the change.

    Đảng bộ tỉnh Thử Nghiệm (province P)                     2010 →
    ├── Đảng bộ huyện An Lạc (district D)                     2010 → dissolved 1/7/2025
    │   └── Đảng bộ xã An Lạc (grassroots committee G)        2010 → moved under P and became a
    │       ├── Chi bộ thôn Đông (cell X)                     2010 →      commune committee, 1/7/2025
    │       ├── Chi bộ thôn Tây  (cell Y)                     2010 → merged into X on 1/1/2020
    │       └── Chi bộ thôn Mới  (cell Z)                             established 1/1/2026 (under G)
    └── Chi bộ cơ sở Trường Tiểu học (grassroots cell S)     2010 →
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.organizations import services, tree
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization

D = dt.date
FOUNDED = D(2010, 1, 1)
REFORM = D(2025, 7, 1)


@pytest.fixture
def t(db):
    def org(parent, code, name, kind, on=FOUNDED):
        return services.establish(by=SYSTEM, parent=parent, code=code, name=name, kind=kind, effective_date=on)

    p = org(None, "98", "Đảng bộ tỉnh Thử Nghiệm", Kind.PROVINCIAL_COMMITTEE)
    d = org(p, "98.001", "Đảng bộ huyện An Lạc", Kind.DISTRICT_COMMITTEE)
    g = org(d, "98.001.001", "Đảng bộ xã An Lạc", Kind.GRASSROOTS_COMMITTEE)
    x = org(g, "98.001.001.000.001", "Chi bộ thôn Đông", Kind.CELL)
    y = org(g, "98.001.001.000.002", "Chi bộ thôn Tây", Kind.CELL)
    s = org(p, "98.900", "Chi bộ cơ sở Trường Tiểu học", Kind.GRASSROOTS_CELL)
    services.merge(by=SYSTEM, source=y, target=x, effective_date=D(2020, 1, 1))
    services.move(by=SYSTEM, org=g, new_parent=p, effective_date=REFORM)
    services.change_kind(by=SYSTEM, org=Organization.objects.get(pk=g.pk), kind=Kind.COMMUNE_COMMITTEE, effective_date=REFORM)
    services.dissolve(by=SYSTEM, org=Organization.objects.get(pk=d.pk), effective_date=REFORM)
    z = org(Organization.objects.get(pk=g.pk), "98.001.001.000.003", "Chi bộ thôn Mới", Kind.CELL, on=D(2026, 1, 1))
    return SimpleNamespace(**{k: Organization.objects.get(pk=v.pk) for k, v in dict(p=p, d=d, g=g, x=x, y=y, z=z, s=s).items()})


BEFORE, AFTER = D(2020, 6, 1), D(2026, 3, 1)

# (organization, date, chain root first, grassroots, deciding committee's organization, active)
CASES = [
    ("x", BEFORE, "p d g x", "g", "d", True),
    ("x", AFTER, "p g x", "g", "g", True),  # a cell under a commune committee: it is grassroots and superior
    ("x", D(2025, 6, 30), "p d g x", "g", "d", True),  # the day before the reform
    ("y", D(2019, 12, 31), "p d g y", "g", "d", True),
    ("y", D(2020, 1, 1), "", None, None, False),  # merged that day: no longer in the tree
    ("z", D(2025, 12, 31), "", None, None, False),  # not yet established
    ("z", AFTER, "p g z", "g", "g", True),
    ("g", BEFORE, "p d g", "g", "d", True),
    ("g", AFTER, "p g", "g", "g", True),
    ("d", BEFORE, "p d", None, "p", True),  # a district has no grassroots organization: its parent decides
    ("d", AFTER, "", None, None, False),  # abolished on 1/7/2025
    ("s", AFTER, "p s", "s", "p", True),  # a grassroots cell under the province: the province decides
    ("p", AFTER, "p", None, None, True),
]


@pytest.mark.parametrize(("name", "on", "chain", "grassroots", "decides", "active"), CASES,
                         ids=[f"{c[0]}-{c[1]:%Y%m%d}" for c in CASES])
def test_every_question_on_dates_before_and_after(t, name, on, chain, grassroots, decides, active):
    org = getattr(t, name)
    ids = {getattr(t, k).pk: k for k in "pdgxyzs"}
    facts = tree.chain_on(org, on)
    assert " ".join(ids[f.id] for f in facts) == chain
    assert [f.id for f in tree.ancestors_on(org, on)] == [f.id for f in facts[:-1]]
    assert tree.is_active(org, on) is active
    found = tree.grassroots_on(org, on)
    assert (ids[found.id] if found else None) == grassroots
    deciding = tree.deciding_committee_on(org, on)
    assert (ids[deciding.id] if deciding else None) == decides
    assert tree.placement_on(org, on).organization == (facts[-1] if facts else None)


def test_names_and_kinds_are_those_of_the_date(t):
    before = tree.chain_on(t.x, BEFORE)
    after = tree.chain_on(t.x, AFTER)
    assert [f.kind for f in before] == [Kind.PROVINCIAL_COMMITTEE, Kind.DISTRICT_COMMITTEE, Kind.GRASSROOTS_COMMITTEE, Kind.CELL]
    assert [f.kind for f in after] == [Kind.PROVINCIAL_COMMITTEE, Kind.COMMUNE_COMMITTEE, Kind.CELL]
    assert before[-1].path != after[-1].path and after[-1].path == t.x.path
    assert all(f.active for f in before)
    # The deciding committee is named as on the date.
    assert tree.committee_name(tree.deciding_committee_on(t.x, BEFORE)) == "Huyện ủy An Lạc"
    assert tree.committee_name(tree.deciding_committee_on(t.x, AFTER)) == "Đảng ủy xã An Lạc"


def test_today_questions_read_the_present_tree(t):
    assert [o.pk for o in tree.chain_today(t.x)] == [t.p.pk, t.g.pk, t.x.pk]
    assert tree.grassroots_today(t.x) == t.g
    assert tree.grassroots_today(t.s) == t.s
    assert tree.grassroots_today(t.p) is None


def test_fact_of_a_row_says_whether_it_was_active(t):
    assert tree.fact(t.y, D(2019, 1, 1)).active and not tree.fact(t.y, D(2021, 1, 1)).active
    assert tree.fact(None, BEFORE) is None
    assert tree.fact(t.x, BEFORE).unit_type == t.x.unit_type


def test_a_broken_tree_is_an_error_not_a_shorter_chain(t):
    from dangvu.organizations.models import OrganizationVersion

    OrganizationVersion.objects.filter(organization=t.d).delete()
    with pytest.raises(tree.TreeInconsistent):
        tree.chain_on(t.x, BEFORE)


@pytest.mark.parametrize(("name", "kind", "committee"), [
    ("Đảng bộ tỉnh Thanh Hóa", Kind.PROVINCIAL_COMMITTEE, "Tỉnh ủy Thanh Hóa"),
    ("Đảng bộ thành phố Hà Nội", Kind.PROVINCIAL_COMMITTEE, "Thành ủy Hà Nội"),
    ("Đảng bộ huyện An Lạc", Kind.DISTRICT_COMMITTEE, "Huyện ủy An Lạc"),
    ("Đảng bộ xã An Lạc", Kind.COMMUNE_COMMITTEE, "Đảng ủy xã An Lạc"),
    ("Đảng bộ Trường THPT An Lạc", Kind.GRASSROOTS_COMMITTEE, "Đảng ủy Trường THPT An Lạc"),
    ("Đảng bộ Khối cơ quan tỉnh", Kind.BLOC_COMMITTEE, "Đảng ủy Khối cơ quan tỉnh"),
    ("Chi bộ thôn Đông", Kind.CELL, "Chi bộ thôn Đông"),
    ("Chi bộ cơ sở Trường Tiểu học", Kind.GRASSROOTS_CELL, "Chi bộ cơ sở Trường Tiểu học"),
])
def test_committee_name(name, kind, committee):
    fact = tree.OrgFact(id=1, name=name, kind=kind, path="/1/")
    assert tree.committee_name(fact) == committee
    assert tree.committee_name(name) == committee
    if kind == Kind.CELL:
        assert tree.committee_name(fact, cell_committee=True) == f"Chi ủy {name}"


def test_subtree_q_uses_the_index_friendly_lookup(t):
    # Y ended (merged) before G moved: it keeps its last path, under the old district.
    assert set(Organization.objects.filter(tree.subtree_q("path", t.g.path)).values_list("pk", flat=True)) == {
        t.g.pk, t.x.pk, t.z.pk}
