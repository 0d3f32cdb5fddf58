"""Reads: the tree as of a date, restricted to what the user may see.

The tree page answers "which organizations existed on D, under which parent, with which name and
kind" from the versions valid on D. A user sees there what was inside their scopes on D plus
whatever is inside their scopes today (so a ward created in 2025 can look back at where its
organizations stood in 2020); ancestors outside the scope appear as greyed context rows.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.organizations.kinds import KIND_SHORT, Kind
from dangvu.organizations.models import Organization, OrganizationVersion


@dataclass
class TreeNode:
    id: int
    name: str
    code: str
    kind: str
    path: str
    depth: int
    parent_id: int | None
    context: bool = False  # shown only to place visible nodes; outside the user's scope
    child_count: int = 0
    descendant_count: int = 0
    children: list["TreeNode"] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def kind_short(self) -> str:
        return KIND_SHORT[Kind(self.kind)]


def _scope_filter_on(user, on: dt.date) -> Q | None:
    """Q over versions for "inside a scope on D, or inside a scope today"; None = no restriction."""
    if permissions.is_system_admin(user):
        return None
    scope_ids = [o.pk for o in permissions.scope_orgs(user, "view")]
    paths_on = list(OrganizationVersion.objects.valid_on(on).filter(organization_id__in=scope_ids).values_list("path", flat=True))
    today_ids = Organization.objects.filter(
        permissions.prefix_q("path", permissions.current_prefixes(user, "view"))
    ).values("pk")
    return permissions.prefix_q("path", paths_on) | Q(organization_id__in=today_ids)


def _node(v: OrganizationVersion, context: bool = False) -> TreeNode:
    return TreeNode(id=v.organization_id, name=v.name, code=v.code, kind=v.kind, path=v.path, depth=v.depth,
                    parent_id=v.parent_id, context=context)


def visible_versions_on(user, on: dt.date, under_path: str | None = None):
    qs = OrganizationVersion.objects.valid_on(on)
    if under_path:
        qs = qs.filter(path__startswith=under_path)
    restriction = _scope_filter_on(user, on)
    return qs if restriction is None else qs.filter(restriction)


def tree_level(user, on: dt.date, parent_id: int | None = None) -> list[TreeNode]:
    """One level of the tree on date `on`: the children of `parent_id` (or the top), with counts.

    Top level = the shallowest visible organizations plus greyed ancestors that hold them.
    Counts come from the visible versions below each node, read in one query.
    """
    if parent_id is not None:
        parent_version = OrganizationVersion.objects.valid_on(on).filter(organization_id=parent_id).first()
        if parent_version is None:
            return []
        below = list(visible_versions_on(user, on, parent_version.path).exclude(organization_id=parent_id)
                     .only("organization_id", "path", "depth", "parent_id", "name", "code", "kind", "name_key"))
        base_depth = parent_version.depth
    else:
        below = list(visible_versions_on(user, on).only(
            "organization_id", "path", "depth", "parent_id", "name", "code", "kind", "name_key"))
        base_depth = 0
    if not below:
        return []
    visible_ids = {v.organization_id for v in below}
    # Rows at the next level: direct children, or context ancestors standing in for hidden ones.
    level_ids: list[int] = []
    for v in below:
        ids = [int(p) for p in v.path.strip("/").split("/")]
        if len(ids) > base_depth:
            level_ids.append(ids[base_depth])
    level_ids = list(dict.fromkeys(level_ids))
    if parent_id is None:
        # At the top, skip hidden ancestors that hold a single visible branch and show the branch.
        level_ids = _collapse_top(below, visible_ids)
    versions = {v.organization_id: v for v in OrganizationVersion.objects.valid_on(on).filter(organization_id__in=level_ids)}
    descendants: Counter = Counter()
    children: Counter = Counter()
    level_set = set(level_ids)
    for v in below:
        ids = [int(p) for p in v.path.strip("/").split("/")]
        for i, ancestor in enumerate(ids[:-1]):
            if ancestor in level_set:
                descendants[ancestor] += 1
                if i == len(ids) - 2:
                    children[ancestor] += 1
    nodes = []
    for oid in level_ids:
        v = versions.get(oid)
        if v is None:
            continue
        node = _node(v, context=oid not in visible_ids)
        node.descendant_count = descendants[oid]
        node.child_count = children[oid] or (1 if descendants[oid] else 0)
        nodes.append(node)
    nodes.sort(key=lambda n: (versions[n.id].name_key, n.id))
    return nodes


def _collapse_top(below: list[OrganizationVersion], visible_ids: set[int]) -> list[int]:
    """The shallowest visible nodes; if none is at the root, their topmost ancestors as context."""
    roots = []
    for v in sorted(below, key=lambda v: v.depth):
        ids = [int(p) for p in v.path.strip("/").split("/")]
        if any(a in roots for a in ids[:-1]):
            continue
        roots.append(ids[0] if ids[0] not in visible_ids and len(ids) > 1 else v.organization_id)
    return list(dict.fromkeys(roots))


def organization_at(org: Organization, on: dt.date) -> OrganizationVersion | None:
    return OrganizationVersion.objects.valid_on(on).filter(organization=org).select_related("parent").first()


def ancestors_on(org: Organization, on: dt.date) -> list[OrganizationVersion]:
    version = organization_at(org, on)
    if version is None:
        return []
    ids = [int(p) for p in version.path.strip("/").split("/")[:-1]]
    found = {v.organization_id: v for v in OrganizationVersion.objects.valid_on(on).filter(organization_id__in=ids)}
    return [found[i] for i in ids if i in found]


def children_on(user, org: Organization, on: dt.date):
    visible = Organization.objects.visible_to(user).values("pk")
    return OrganizationVersion.objects.valid_on(on).filter(parent=org, organization_id__in=visible).order_by("name_key")
