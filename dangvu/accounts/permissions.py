"""The one place that decides who may see and change what.

A user holds scopes (organization, role). A scope covers the organization's subtree:
- to **see** an organization, it must be, or once have been, inside the subtree of one of the
  user's scope organizations (history stays readable to those who were responsible for it);
- to **change** it, it must be inside that subtree now, and the role must allow the action.
System administrators see and change everything.

Everything is computed once per user object (i.e. once per request) and cached on it.
"""

from django.apps import apps
from django.db.models import Q

from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM, is_system  # noqa: F401  (permissions.SYSTEM)

# Which roles may perform which action inside their subtree.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "view": frozenset(Role.values),
    "organizations.change": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    "committees.change": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    "audit.view": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.INSPECTION_OFFICER, Role.VIEWER}),
    # The register: a `member` sees only their own record (linked account), not the cell's list.
    "members.view": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.INSPECTION_OFFICER, Role.CELL_SECRETARY, Role.VIEWER}),
    "members.change": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # Who may reveal masked fields (CCCD, card number, photo, addresses); each reveal is logged.
    "members.reveal": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.INSPECTION_OFFICER}),
    # Party badges and party cards: organization officers record awards, issue and exchange cards.
    "awards.change": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # Admissions and probation: a cell secretary proposes (records the cell's steps for their cell),
    # organization officers decide (committee steps, decisions, ceremony, recognition).
    "admissions.propose": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.CELL_SECRETARY}),
    "admissions.decide": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # Transfers of party activity: officers issue introduction letters for members in their subtree;
    # on the receiving side the officers and the receiving cell's secretary confirm receipt.
    "transfers.issue": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    "transfers.receive": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.CELL_SECRETARY}),
    # Residence contact (QĐ 213-QĐ/TW): officers introduce working members of their subtree (workplace
    # side) and receive them and assign them to a residential cell (the commune or ward side); the
    # residence cell's secretary (and officers) record its meetings and its comments on the members.
    "residence.introduce": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    "residence.comment": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.CELL_SECRETARY}),
    # Cell meetings: the cell's secretary (and officers above it) plan and record meetings, attendance, minutes,
    # resolutions and their tasks.
    "meetings.change": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.CELL_SECRETARY}),
    # Official statistical tables: organization officers submit (lock) a period of their subtree;
    # reopening it needs an officer of the level above (statistics.services.may_reopen).
    "statistics.submit": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # Congress-resolution and yearly-plan targets: organization officers set them, break them down to the
    # organizations below and enter the results measured by hand; whoever reads figures sees them.
    "targets.change": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # Discipline (kỷ luật), appeals and notifications of state bodies: inspection and organization officers of the
    # subtree record and decide; a cell secretary reads the proceedings of their cell; the member concerned reads
    # their own decisions once announced (discipline.querysets).
    "discipline.view": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.INSPECTION_OFFICER, Role.CELL_SECRETARY}),
    "discipline.decide": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.INSPECTION_OFFICER}),
    # Resolution study: officers add documents to the library; officers and a cell's secretary record the study
    # sessions of their organization (attendance, make-ups) and its follow-up plans.
    "study.manage": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    "study.change": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.CELL_SECRETARY}),
    # Party dues: officers and the cell's secretary declare members' dues bases and record payments.
    "dues.collect": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.CELL_SECRETARY}),
    # Training classes (bồi dưỡng, đào tạo): organization officers record classes, enrol candidates and members of
    # their subtree, record attendance, results and certificates (which then feed the admission step and the record).
    "training.manage": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # The to-do list: organization officers mark an item of their subtree as handled elsewhere (with a reason).
    "todo.handle": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # The annual review (evaluations): officers open campaigns and decide gradings (the committee's step);
    # a cell secretary records the cell's comments, vote and proposals for the cell's members.
    "evaluations.manage": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    "evaluations.grade": frozenset({Role.ADMIN, Role.ORG_OFFICER, Role.CELL_SECRETARY}),
    "evaluations.decide": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # Inspection and supervision (K13–K18), restricted by nature: inspection officers conduct the cases of their
    # subtree, a cell secretary those of their cell; organization officers and viewers read only the figures.
    "inspection.view": frozenset({Role.ADMIN, Role.INSPECTION_OFFICER, Role.CELL_SECRETARY}),
    "inspection.change": frozenset({Role.ADMIN, Role.INSPECTION_OFFICER, Role.CELL_SECRETARY}),
    # Accounts: organization officers create accounts, grant and revoke scopes inside their subtree
    # (never a role above their own, never administrator), reset passwords, deactivate accounts.
    "accounts.manage": frozenset({Role.ADMIN, Role.ORG_OFFICER}),
    # Discipline decided by the cell itself (K2: reprimand or warning of its own members, except for tasks of a
    # higher level): the cell's secretary records those proceedings (discipline.services.may_record_in_cell).
    "discipline.cell": frozenset({Role.ADMIN, Role.CELL_SECRETARY}),
}

# How much a role may do, highest first: nobody grants a role ranked above their own on the organization.
ROLE_RANK: dict[str, int] = {
    Role.ADMIN: 5, Role.ORG_OFFICER: 4, Role.INSPECTION_OFFICER: 3, Role.VIEWER: 2, Role.CELL_SECRETARY: 1, Role.MEMBER: 0,
}

_CACHE_ATTR = "_dangvu_scope_cache"


def _scopes(user):
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {"scopes": list(user.scopes.select_related("organization").all())}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def forget(user) -> None:
    """Drop the cached scopes (after a grant or a move)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_system_admin(user) -> bool:
    """A system administrator, or the system itself (accounts.system.SYSTEM: demo, commands)."""
    if is_system(user):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(s.role == Role.ADMIN for s in _scopes(user)["scopes"])


def has_scope(user, action: str = "view") -> bool:
    """May `user` perform `action` somewhere: an administrator (or the system), or a user holding a
    scope whose role allows it. The one opening of every page, menu and to-do provider."""
    from dangvu.accounts.querysets import record_gate

    record_gate(action)
    if is_system_admin(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    return bool(scope_orgs(user, action))


def held_roles(user) -> set[str]:
    """The roles `user` holds anywhere (from the per-request cache: no query after the first)."""
    if user is None or not user.is_authenticated or is_system(user):
        return set()
    return {s.role for s in _scopes(user)["scopes"]}


def scope_orgs(user, action: str = "view"):
    roles = ACTION_ROLES[action]
    return [s.organization for s in _scopes(user)["scopes"] if s.role in roles]


def current_prefixes(user, action: str) -> list[str]:
    """Paths of today's subtrees in which `user` may perform `action`."""
    return sorted({org.path for org in scope_orgs(user, action)})


def historical_prefixes(user, action: str = "view") -> list[str]:
    """Every path the scope organizations ever had: their subtrees through time."""
    cache = _scopes(user)
    key = f"hist:{action}"
    if key not in cache:
        OrganizationVersion = apps.get_model("organizations", "OrganizationVersion")  # accounts sits below organizations
        org_ids = [o.pk for o in scope_orgs(user, action)]
        paths = set(OrganizationVersion.objects.filter(organization_id__in=org_ids).values_list("path", flat=True))
        paths |= {o.path for o in scope_orgs(user, action)}
        cache[key] = sorted(paths)
    return cache[key]


def org_ids_ever(user, action: str = "members.view"):
    """Ids of organizations inside the user's subtrees for `action`, now or at any time before (a
    subquery for semi-joins from other registers: `…__in=org_ids_ever(user)`)."""
    OrganizationVersion = apps.get_model("organizations", "OrganizationVersion")  # accounts sits below organizations
    Organization = apps.get_model("organizations", "Organization")
    ever = (OrganizationVersion.objects.filter(prefix_q("path", historical_prefixes(user, action)))
            .order_by().values_list("organization_id", flat=True))
    now = Organization.objects.filter(prefix_q("path", current_prefixes(user, action))).order_by().values_list("pk", flat=True)
    # A UNION of two index range scans (an OR of the two would scan every organization).
    return ever.union(now, all=True)


def org_ids_now(user, action: str = "members.view"):
    """Ids of organizations inside the user's subtrees for `action` today."""
    Organization = apps.get_model("organizations", "Organization")  # accounts sits below organizations
    return Organization.objects.filter(prefix_q("path", current_prefixes(user, action))).order_by().values("pk")


def prefix_q(field: str, prefixes: list[str]) -> Q:
    """OR of "inside the subtree at this path" over the prefixes; matches nothing when there are none.

    Uses the `tree_prefix` lookup (dangvu/core/lookups.py): an index range scan on both databases.
    """
    q = Q(pk__in=[])
    for prefix in _minimal(prefixes):
        q |= Q(**{f"{field}__tree_prefix": prefix})
    return q


def _minimal(prefixes: list[str]) -> list[str]:
    """Drop prefixes already covered by a shorter one."""
    result: list[str] = []
    for p in sorted(prefixes, key=len):
        if not any(p.startswith(r) for r in result):
            result.append(p)
    return result


def can(user, action: str, org) -> bool:
    """May `user` perform `action` on organization `org` (its current position)?"""
    if is_system_admin(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    if action == "view":
        return any(org.path.startswith(p) for p in historical_prefixes(user)) or _ever_under(user, org)
    return any(org.path.startswith(p) for p in current_prefixes(user, action))


def _ever_under(user, org) -> bool:
    OrganizationVersion = apps.get_model("organizations", "OrganizationVersion")  # accounts sits below organizations
    return OrganizationVersion.objects.filter(
        Q(organization=org) & prefix_q("path", historical_prefixes(user))
    ).exists()


def roles_on(user, org) -> set[str]:
    """The roles `user` holds over `org` through a scope that covers it now."""
    if is_system_admin(user):
        return set(Role.values)
    return {s.role for s in _scopes(user)["scopes"] if org.path.startswith(s.organization.path)}


# ---------------------------------------------------------------- predicates on records

def may_change_member(user, member, action: str = "members.change") -> bool:
    """May `user` perform `action` on `member`'s record: their cell is inside a subtree where the
    user's role allows it today (administrators and the system: always)."""
    if is_system_admin(user):
        return True
    return member.organization_id is not None and can(user, action, member.organization)


def may_reveal(user, member) -> bool:
    """May `user` see the masked fields of `member` (CCCD, card number, photo, addresses, files)?
    Administrators, officers and inspectors of the member's cell ("members.reveal"), and the member
    themself. Each reveal is audited (members.services.reveal)."""
    if is_system_admin(user):
        return True
    if member.user_id is not None and member.user_id == getattr(user, "pk", None):
        return True
    return member.organization_id is not None and can(user, "members.reveal", member.organization)


def may_reveal_q(user, prefix: str = "") -> Q:
    """`may_reveal` as a filter on members (reached through `prefix`, e.g. "member__"): the members
    whose masked fields `user` may see. Searching by a fragment of a number is allowed on these only."""
    if is_system_admin(user):
        return Q()
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    return prefix_q(f"{prefix}organization__path", current_prefixes(user, "members.reveal")) | Q(**{f"{prefix}user": user})


def may_view_audit(user, *orgs) -> bool:
    """May `user` read the audit entries of a record placed at `orgs` (any of them): a role allowing
    "audit.view" over one of them today (administrators: always)."""
    if is_system_admin(user):
        return True
    return any(roles_on(user, o) & ACTION_ROLES["audit.view"] for o in orgs if o is not None)


def grantable_roles(user, org) -> list[str]:
    """The roles `user` may grant over `org`'s subtree: none outside their "accounts.manage" subtrees;
    inside, every role ranked at most as high as the highest they hold over `org`, never administrator
    (administrators, and the system, grant every role)."""
    if is_system_admin(user):
        return list(Role.values)
    if not can(user, "accounts.manage", org):
        return []
    top = max((ROLE_RANK[r] for r in roles_on(user, org)), default=-1)
    return [r for r in Role.values if r != Role.ADMIN and ROLE_RANK[r] <= top]
