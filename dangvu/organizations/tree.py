"""The one answer to each tree question: where an organization sat on a date, its grassroots
organization, the committee that decides for it, whether it was active, what its committee is called.

Every answer is read from the dated `OrganizationVersion` rows (the tree as it stood on the date),
never from today's tree: a 2020 admission is decided by the 2020 district committee even if the
district was abolished in 2025.

Conventions (one for the whole app):
- A **chain** is a list of `OrgFact`, **root first**, ending with the organization itself (the order
  of its materialized path: province → … → cell). `chain[-1]` is the organization, `chain[-2]` its
  parent.
- An organization that **did not exist on the date** (no version valid then: before it was
  established, on or after it ended) has **no chain**: `chain_on` returns `[]`, and every question
  built on it (`grassroots_on`, `placement_on`) answers None / an empty placement. Callers decide
  what that means for them (usually a violation "did not exist on that date"); nothing falls back
  to today's tree.
- A version whose ancestors have no version on the same date is an inconsistent tree: `chain_on`
  raises `TreeInconsistent` instead of dropping the missing rows.

The grassroots organization (tổ chức cơ sở đảng, TCCSĐ) of an organization is the nearest grassroots
committee or grassroots cell at or above it. A cell placed directly under a commune-level committee
(the model since 1/7/2025, QĐ 294-QĐ/TW: no district level, the commune committee is the direct
superior of grassroots organizations and runs the cells of villages and streets itself) has that
commune committee as its grassroots organization, and the commune committee is then also its own
direct superior. Anything else has no grassroots organization (None): a province, a district, a
bloc committee, or a commune committee seen from above.

`OrgFact` is the frozen view of an organization the pure rules work on (rules modules take facts,
not model rows); `fact(org, on)` and `chain_on` build them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Q

from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind


class TreeInconsistent(RuntimeError):
    """The versions of a date do not form a tree (an ancestor has no version valid then)."""


@dataclass(frozen=True)
class OrgFact:
    """What the rules need to know of an organization, as it stood on the date concerned."""

    id: int
    name: str
    kind: str
    path: str
    unit_type: str = ""
    active: bool = True  # existed (established, not yet ended) on the date concerned

    def contains(self, other: OrgFact) -> bool:
        """`other` is this organization or lies below it."""
        return other.path.startswith(self.path)

    @property
    def ancestor_ids(self) -> list[int]:
        return path_ids(self.path)[:-1]


# ---------------------------------------------------------------- paths and subtrees

def path_ids(path: str) -> list[int]:
    """The ids of a materialized path, root first: "/1/12/340/" → [1, 12, 340]."""
    return [int(p) for p in path.strip("/").split("/") if p]


def subtree_q(field: str, path: str) -> Q:
    """"`field` is this path or below it", as the index-friendly `tree_prefix` lookup
    (dangvu/core/lookups.py); e.g. `Member.objects.filter(subtree_q("organization__path", org.path))`."""
    return Q(**{f"{field}__tree_prefix": path})


# ---------------------------------------------------------------- active on a date

def is_active(org, on: dt.date) -> bool:
    """Did `org` (an Organization) exist on `on`: established on or before it, not ended by it."""
    return org.established_on <= on and (org.ended_on is None or on < org.ended_on)


def fact(org, on: dt.date | None = None) -> OrgFact | None:
    """The fact of an Organization row (its present name, kind and path) with `active` on `on`
    (today when None). For the organization as named on a date, use `chain_on(org, on)[-1]`."""
    from dangvu.core.dates import today

    if org is None:
        return None
    return OrgFact(id=org.pk, name=org.name, kind=org.kind, path=org.path, unit_type=org.unit_type,
                   active=is_active(org, on or today()))


def _version_fact(v) -> OrgFact:
    return OrgFact(id=v.organization_id, name=v.name, kind=v.kind, path=v.path, unit_type=v.unit_type, active=True)


# ---------------------------------------------------------------- the chain as of a date

_VERSIONS: ContextVar[dict | None] = ContextVar("organization_versions", default=None)


@contextmanager
def versions_read_once() -> Iterator[None]:
    """Inside this block, `version_on` and `within_subtree_q` read each organization's versions once, then
    answer from that list (a figure set asks for the versions of the same organization for every base and day).
    For a read that does not change the tree meanwhile, e.g. computing figures."""
    token = _VERSIONS.set({})
    try:
        yield
    finally:
        _VERSIONS.reset(token)


def _cached_versions(org) -> list | None:
    """Every version of `org` (ordered by id, as `.first()` picks), when inside `versions_read_once`; else None."""
    from dangvu.organizations.models import OrganizationVersion

    cache = _VERSIONS.get()
    if cache is None:
        return None
    pk = getattr(org, "pk", org)
    if pk not in cache:
        cache[pk] = list(OrganizationVersion.objects.filter(organization_id=pk).order_by("pk"))
    return cache[pk]


def version_on(org, on: dt.date):
    """The OrganizationVersion of `org` valid on `on`, or None if it did not exist then."""
    from dangvu.organizations.models import OrganizationVersion

    versions = _cached_versions(org)
    if versions is not None:  # valid_on: valid_from <= on < valid_to
        return next((v for v in versions if v.valid_from <= on and (v.valid_to is None or v.valid_to > on)), None)
    return OrganizationVersion.objects.valid_on(on).filter(organization=org).first()


def versions_over(org, start: dt.date, end: dt.date) -> list:
    """The versions of `org` valid on some day of [start, end]."""
    from dangvu.organizations.models import OrganizationVersion

    versions = _cached_versions(org)
    if versions is not None:
        return [v for v in versions if v.valid_from <= end and (v.valid_to is None or v.valid_to >= start)]
    return list(OrganizationVersion.objects.filter(organization=org, valid_from__lte=end)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start)))


def chain_on(org, on: dt.date) -> list[OrgFact]:
    """`org` and its ancestors as they stood on `on`, root first, ending with `org`.

    [] when `org` did not exist on `on`. Raises TreeInconsistent when an ancestor has no version
    valid on that date. Two queries.
    """
    from dangvu.organizations.models import OrganizationVersion

    own = version_on(org, on)
    if own is None:
        return []
    ids = path_ids(own.path)
    versions = {v.organization_id: v for v in OrganizationVersion.objects.valid_on(on).filter(organization_id__in=ids[:-1])}
    missing = [i for i in ids[:-1] if i not in versions]
    if missing:
        raise TreeInconsistent(f"Organization {org.pk} on {on}: ancestors {missing} have no version valid then")
    versions[own.organization_id] = own
    return [_version_fact(versions[i]) for i in ids]


def ancestors_on(org, on: dt.date) -> list[OrgFact]:
    """The ancestors of `org` on `on`, root first (without `org`); [] if it did not exist then."""
    return chain_on(org, on)[:-1]


def chain_today(org) -> list:
    """`org` and its ancestors today (Organization rows), root first: the present tree, for the
    present-tense questions of forms and to-do lists. Ended ancestors keep their last state."""
    from dangvu.organizations.models import Organization

    ids = path_ids(org.path)
    found = Organization.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


# ---------------------------------------------------------------- grassroots organization

def grassroots_index(chain: list) -> int | None:
    """Index in `chain` (root first; OrgFact or Organization items) of the grassroots organization of
    its last item: the nearest grassroots committee or grassroots cell at or above it, else the
    nearest commune-level committee (since 1/7/2025 it runs the cells placed directly under it);
    None when neither is there."""
    for kinds in (GRASSROOTS_KINDS, {Kind.COMMUNE_COMMITTEE}):
        found = next((i for i in range(len(chain) - 1, -1, -1) if chain[i].kind in kinds), None)
        if found is not None:
            return found
    return None


def grassroots_of(chain: list):
    """The grassroots organization of the last item of `chain` (root first), or None."""
    i = grassroots_index(chain)
    return None if i is None else chain[i]


def grassroots_on(org, on: dt.date) -> OrgFact | None:
    """The grassroots organization of `org` as the tree stood on `on` (None if `org` did not exist
    then or has none)."""
    return grassroots_of(chain_on(org, on))


def grassroots_today(org):
    """The grassroots organization (an Organization row) of `org` in today's tree, or None."""
    return grassroots_of(chain_today(org))


# ---------------------------------------------------------------- deciding committee

@dataclass(frozen=True)
class Placement:
    """Where an organization sits for the decisions about it, on a date."""

    organization: OrgFact | None  # the organization itself (None if it did not exist on the date)
    grassroots: OrgFact | None  # its grassroots organization
    superior: OrgFact | None  # the direct superior of the grassroots organization: it decides
    superior_parent: OrgFact | None  # the organization above the superior (the issuer's superior on documents)

    @property
    def grassroots_is_committee(self) -> bool:
        return self.grassroots is not None and self.grassroots.kind == Kind.GRASSROOTS_COMMITTEE

    @property
    def cell(self) -> OrgFact | None:  # the name the admission decision uses
        return self.organization


def placement(chain: list[OrgFact]) -> Placement:
    """The placement of the last item of `chain` (root first).

    The direct superior of the grassroots organization is its parent; a commune-level committee
    acting as the grassroots organization of the cells under it (QĐ 294-QĐ/TW, since 1/7/2025) is its
    own direct superior: its standing committee decides for them. Without a grassroots organization
    the parent decides.
    """
    if not chain:
        return Placement(None, None, None, None)
    i = grassroots_index(chain)
    at = lambda k: chain[k] if 0 <= k < len(chain) else None  # noqa: E731
    if i is None:
        return Placement(chain[-1], None, at(len(chain) - 2), at(len(chain) - 3))
    if chain[i].kind == Kind.COMMUNE_COMMITTEE:
        return Placement(chain[-1], chain[i], chain[i], at(i - 1))
    return Placement(chain[-1], chain[i], at(i - 1), at(i - 2))


def placement_on(org, on: dt.date) -> Placement:
    """The grassroots organization and the deciding (direct superior) committee of `org` on `on`."""
    return placement(chain_on(org, on))


def deciding_committee_on(org, on: dt.date) -> OrgFact | None:
    """The organization whose committee decides for `org` on `on` (the direct superior of its
    grassroots organization; see `placement`)."""
    return placement_on(org, on).superior


# ---------------------------------------------------------------- committee names

_COMMITTEES = (("Đảng bộ tỉnh ", "Tỉnh ủy "), ("Đảng bộ thành phố ", "Thành ủy "), ("Đảng bộ huyện ", "Huyện ủy "),
               ("Đảng bộ quận ", "Quận ủy "), ("Đảng bộ thị xã ", "Thị ủy "), ("Đảng bộ ", "Đảng ủy "))
CELL_KINDS = frozenset({Kind.CELL, Kind.GRASSROOTS_CELL})


def committee_name(org, *, cell_committee: bool = False) -> str:
    """The name of the executive committee (cấp ủy) of an organization (an OrgFact, an Organization, a
    version or a plain name):

    "Đảng bộ tỉnh Thanh Hóa" → "Tỉnh ủy Thanh Hóa", "Đảng bộ huyện An Lạc" → "Huyện ủy An Lạc",
    "Đảng bộ xã An Lạc" → "Đảng ủy xã An Lạc", "Đảng bộ Trường THPT" → "Đảng ủy Trường THPT".
    A cell acts through itself ("Chi bộ thôn Đông") unless it elected a cell committee
    (`cell_committee=True`: "Chi ủy Chi bộ thôn Đông").
    """
    name = " ".join((org if isinstance(org, str) else org.name).split())
    kind = None if isinstance(org, str) else getattr(org, "kind", None)
    if kind in CELL_KINDS or (kind is None and name.lower().startswith("chi bộ")):
        return f"Chi ủy {name}" if cell_committee else name
    for prefix, committee in _COMMITTEES:
        if name.lower().startswith(prefix.lower()):
            return committee + name[len(prefix):]
    return name



# ---------------------------------------------------------------- subtrees as of a date (statistics)

def subtree_ids_on(org, on: dt.date):
    """Ids of `org` and every organization under it **as the tree stood on `on`** (a subquery:
    `…organization_id__in=subtree_ids_on(org, on)`). Empty when `org` did not exist on `on`.

    The 2020 subtree of a district merged away in 2025 is its 2020 subtree: the versions valid on
    the date, under the district's path on the date, never today's tree.
    """
    from dangvu.organizations.models import OrganizationVersion

    own = version_on(org, on)
    if own is None:
        return OrganizationVersion.objects.none().values("organization_id")
    return (OrganizationVersion.objects.valid_on(on).filter(path__tree_prefix=own.path)
            .order_by().values("organization_id"))


def within_subtree_q(org, start: dt.date, end: dt.date, *, org_field: str, date_field: str, day_before: bool = False) -> Q:
    """Rows whose `org_field` organization lay under `org` **on the row's own `date_field`**, for dates
    in [start, end]: the condition of a flow (admissions of 2020 counted where the cell sat in 2020).

    `day_before`: placed as the tree stood on the day before the row's date, for the organization a
    member leaves (a cell closed by a merger on 1/7/2025 sends its members on that day: on the day
    before it still stood where it was).

    One EXISTS per version of `org` over the period (usually one): set-based on both databases.
    """
    from django.db.models import Exists, OuterRef

    from dangvu.organizations.models import OrganizationVersion

    date = OuterRef(date_field)
    condition = Q(pk__in=[])
    for root in versions_over(org, start, end):
        placed = OrganizationVersion.objects.filter(organization=OuterRef(org_field), path__tree_prefix=root.path)
        if day_before:  # the version valid on date − 1: valid_from < date <= valid_to
            placed = placed.filter(valid_from__lt=date).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date))
            in_root = Q(**{f"{date_field}__gt": root.valid_from})
            if root.valid_to is not None:
                in_root &= Q(**{f"{date_field}__lte": root.valid_to})
        else:
            placed = placed.filter(valid_from__lte=date).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date))
            in_root = Q(**{f"{date_field}__gte": root.valid_from})
            if root.valid_to is not None:
                in_root &= Q(**{f"{date_field}__lt": root.valid_to})
        condition |= Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end}) & in_root & Q(Exists(placed))
    return condition
