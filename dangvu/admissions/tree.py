"""Where a cell sits in the tree on a date: its grassroots organization and the committees above
it, as they were named then (the deciding body of a 2020 admission is the 2020 one)."""

import datetime as dt
from dataclasses import dataclass

from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import Organization, OrganizationVersion


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    kind: str
    path: str


def chain_on(org: Organization, on: dt.date) -> list[Node]:
    """`org` and its ancestors on `on`, nearest first (today's tree when `org` had no version then)."""
    version = OrganizationVersion.objects.valid_on(on).filter(organization=org).first()
    if version is None:
        ids = [*org.ancestor_ids(), org.pk]
        current = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
        return [Node(i, current[i].name, current[i].kind, current[i].path) for i in reversed(ids) if i in current]
    ids = [int(p) for p in version.path.strip("/").split("/") if p]
    versions = {v.organization_id: v for v in OrganizationVersion.objects.valid_on(on).filter(organization_id__in=ids)}
    missing = [i for i in ids if i not in versions]
    current = {o.pk: o for o in Organization.objects.filter(pk__in=missing)} if missing else {}
    nodes = []
    for i in reversed(ids):
        v = versions.get(i)
        if v is not None:
            nodes.append(Node(i, v.name, v.kind, v.path))
        elif i in current:
            nodes.append(Node(i, current[i].name, current[i].kind, current[i].path))
    return nodes


@dataclass(frozen=True)
class Placement:
    cell: Node
    grassroots: Node | None
    superior: Node | None  # the direct superior of the grassroots organization
    superior_parent: Node | None

    @property
    def grassroots_is_committee(self) -> bool:
        return self.grassroots is not None and self.grassroots.kind == Kind.GRASSROOTS_COMMITTEE


def placement_on(org: Organization, on: dt.date) -> Placement:
    """The cell's grassroots organization and its direct superior on `on`.

    Since 1/7/2025 cells of a ward or commune sit directly under the commune-level committee,
    which then plays both parts (their grassroots organization and its own direct superior):
    its standing committee decides for them (QĐ 294-QĐ/TW).
    """
    chain = chain_on(org, on)
    index = next((i for i, n in enumerate(chain) if n.kind in GRASSROOTS_KINDS), None)
    if index is None:
        commune = next((i for i, n in enumerate(chain) if n.kind == Kind.COMMUNE_COMMITTEE), None)
        if commune is not None:
            parent = chain[commune + 1] if len(chain) > commune + 1 else None
            return Placement(chain[0], chain[commune], chain[commune], parent)
        return Placement(chain[0], None, chain[1] if len(chain) > 1 else None, chain[2] if len(chain) > 2 else None)
    superior = chain[index + 1] if len(chain) > index + 1 else None
    superior_parent = chain[index + 2] if len(chain) > index + 2 else None
    return Placement(chain[0], chain[index], superior, superior_parent)


def grassroots_today(org: Organization) -> Organization | None:
    """The grassroots organization `org` belongs to today (itself for a grassroots cell; the
    commune-level committee for a cell placed directly under it)."""
    if org.kind in GRASSROOTS_KINDS:
        return org
    ancestors = list(reversed(org.ancestors()))
    found = next((a for a in ancestors if a.kind in GRASSROOTS_KINDS), None)
    return found or next((a for a in ancestors if a.kind == Kind.COMMUNE_COMMITTEE), None)
