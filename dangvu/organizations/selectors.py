"""Reads: the tree as of a date, restricted to what the user may see.

The tree page answers "which organizations existed on D, under which parent, with which name and
kind" from the versions valid on D. A user sees there what was inside their scopes on D plus
whatever is inside their scopes today (so a ward created in 2025 can look back at where its
organizations stood in 2020); ancestors outside the scope appear as greyed context rows.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Value
from django.db.models.functions import StrIndex, Substr

from dangvu.accounts import permissions
from dangvu.organizations.kinds import Kind, kind_short
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
        return kind_short(self.kind, self.name)


def visible_versions_on(user, on: dt.date, under_path: str | None = None):
    """Versions valid on `on` that the user may see there: inside a scope on that date, or inside
    a scope today. Built as one semi-join over a UNION of index range scans (an OR would scan)."""
    qs = OrganizationVersion.objects.valid_on(on)
    if under_path:
        qs = qs.filter(path__tree_prefix=under_path)
    # Inside a scope today: the one restriction (administrators: every organization; anonymous: none).
    today_ids = Organization.objects.restrict(user, "view", now=True).order_by().values("pk")
    if permissions.is_system_admin(user):
        return qs  # every organization is inside their scope today: no need to join
    scope_ids = [o.pk for o in permissions.scope_orgs(user, "view")]
    paths_on = list(OrganizationVersion.objects.valid_on(on).filter(organization_id__in=scope_ids).values_list("path", flat=True))
    inside_then = OrganizationVersion.objects.valid_on(on).filter(permissions.prefix_q("path", paths_on)).order_by().values("pk")
    inside_now = OrganizationVersion.objects.valid_on(on).filter(organization_id__in=today_ids).order_by().values("pk")
    return qs.filter(pk__in=inside_then.union(inside_now, all=True))


def _node(v: OrganizationVersion, context: bool = False) -> TreeNode:
    return TreeNode(id=v.organization_id, name=v.name, code=v.code, kind=v.kind, path=v.path, depth=v.depth,
                    parent_id=v.parent_id, context=context)


def _ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def _segment_counts(visible, base_path: str) -> dict[int, int]:
    """For each node one level below `base_path`: how many visible versions lie in its subtree
    (itself included). One GROUP BY on the path cut after the next segment; no rows in Python."""
    rest = Substr("path", len(base_path) + 1)
    segment = Substr("path", 1, len(base_path) + StrIndex(rest, Value("/")), output_field=CharField())
    rows = (visible.filter(path__tree_prefix=base_path).exclude(path=base_path).order_by()
            .annotate(segment=segment).values("segment").annotate(n=Count("pk")).values_list("segment", "n"))
    return {_ids(seg)[-1]: n for seg, n in rows}


def tree_level(user, on: dt.date, parent_id: int | None = None, sort: str = "name") -> list[TreeNode]:
    """One level of the tree on date `on`: the children of `parent_id` (or the top), with counts.

    Rows are the next level below the parent that hold something visible; a row that is itself
    outside the user's scope is a greyed context row. Counts are of visible organizations.
    """
    visible = visible_versions_on(user, on)
    if parent_id is not None:
        parent_version = OrganizationVersion.objects.valid_on(on).filter(organization_id=parent_id).first()
        if parent_version is None:
            return []
        base_path = parent_version.path
        counts = _segment_counts(visible, base_path)
        level_ids = list(counts)
    else:
        base_path = "/"
        level_ids = _top_ids(user, on, visible)
        counts = _segment_counts(visible, base_path) if level_ids else {}
    if not level_ids:
        return []
    versions = {v.organization_id: v for v in OrganizationVersion.objects.valid_on(on).filter(organization_id__in=level_ids)}
    visible_ids = set(visible.filter(organization_id__in=level_ids).values_list("organization_id", flat=True))
    child_counts = dict(visible.filter(parent_id__in=level_ids).order_by().values("parent_id").annotate(n=Count("pk"))
                        .values_list("parent_id", "n"))
    nodes = []
    for oid in level_ids:
        v = versions.get(oid)
        if v is None:
            continue
        node = _node(v, context=oid not in visible_ids)
        node.descendant_count = counts.get(oid, 0) - (1 if oid in visible_ids else 0)
        node.child_count = child_counts.get(oid, 0) or (1 if node.descendant_count else 0)
        nodes.append(node)
    if sort == "code":
        nodes.sort(key=lambda n: (code_key(n.code), n.id))
    else:
        nodes.sort(key=lambda n: (versions[n.id].name_key, n.id))
    return nodes


def code_key(code: str) -> tuple:
    """Codes in their natural order: "38.168.9" before "38.168.10" (numbers compared as numbers)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def _top_ids(user, on: dt.date, visible) -> list[int]:
    """The top rows: roots of the tree for an administrator; otherwise the roots that hold the
    user's shallowest visible organizations (greyed when outside the scope)."""
    if permissions.is_system_admin(user):
        return list(OrganizationVersion.objects.valid_on(on).filter(parent__isnull=True).values_list("organization_id", flat=True))
    scope_ids = [o.pk for o in permissions.scope_orgs(user, "view")]
    candidates = list(OrganizationVersion.objects.valid_on(on).filter(organization_id__in=scope_ids).values_list("path", flat=True))
    # Organizations in a scope today that sat elsewhere on that date (e.g. a ward created in 2025
    # looking at 2020): their positions then, minus those already under a candidate.
    today_ids = Organization.objects.restrict(user, "view", now=True).order_by().values("pk")
    elsewhere = OrganizationVersion.objects.valid_on(on).filter(organization_id__in=today_ids)
    if candidates:
        elsewhere = elsewhere.exclude(permissions.prefix_q("path", candidates))
    candidates += list(elsewhere.values_list("path", flat=True)[:5000])
    roots = {_ids(path)[0] for path in permissions._minimal(candidates)}
    return sorted(roots)


def organization_at(org: Organization, on: dt.date) -> OrganizationVersion | None:
    return OrganizationVersion.objects.valid_on(on).filter(organization=org).select_related("parent").first()


def children_on(user, org: Organization, on: dt.date):
    visible = Organization.objects.visible_to(user).values("pk")
    return OrganizationVersion.objects.valid_on(on).filter(parent=org, organization_id__in=visible).order_by("name_key")
