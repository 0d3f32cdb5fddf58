"""The to-do list as an officer works through it: grouped by kind with counts, most urgent group first,
filtered by organization (its subtree), kind and horizon; items marked as handled elsewhere shown only
on request, with their mark."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from dangvu.accounts import permissions
from dangvu.core import todo
from dangvu.organizations.models import Organization
from dangvu.todo.models import HANDLE, HandledItem

OVERDUE = "overdue"
# The horizons an officer filters by: what is overdue, or due within N days (undated items, such as a
# letter waiting to be received, are actionable now and stay in every horizon but "overdue").
HORIZONS = [("", _("Mọi thời hạn")), (OVERDUE, _("Chỉ việc quá hạn")), ("7", _("Đến hạn trong 7 ngày")),
            ("30", _("Đến hạn trong 30 ngày")), ("90", _("Đến hạn trong 90 ngày"))]
# The overview shows this many items of each group; the group's own view pages through all of them.
PREVIEW = 10
PER_PAGE = 25


@dataclass(frozen=True)
class Row:
    item: todo.TodoItem
    mark: HandledItem | None = None
    may_handle: bool = False


@dataclass
class Group:
    category: str
    label: str
    rows: list[Row] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def overdue(self) -> int:
        return sum(r.item.overdue for r in self.rows)

    @property
    def preview(self) -> list[Row]:
        return self.rows[:PREVIEW]


@dataclass
class Worklist:
    on: dt.date
    groups: list[Group]
    kinds: list[tuple[str, str]]  # every kind in the user's list that day (before the filters), for the filter
    organizations: list[Organization]  # the user's own organizations first, then those of the items

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def overdue(self) -> int:
        return sum(g.overdue for g in self.groups)


def in_horizon(item: todo.TodoItem, on: dt.date, horizon: str) -> bool:
    if not horizon:
        return True
    if horizon == OVERDUE:
        return item.overdue
    return item.overdue or item.due is None or item.due <= on + dt.timedelta(days=int(horizon))


def worklist(user, on: dt.date, *, organization: Organization | None = None, kind: str = "", horizon: str = "",
             include_handled: bool = False) -> Worklist:
    items = todo.collect(user, on, include_handled=include_handled)
    org_ids = {i.organization_id for i in items if i.organization_id}
    orgs = Organization.objects.in_bulk(org_ids)
    kinds = sorted({(i.category, i.category_label) for i in items}, key=lambda kv: kv[1])
    own = permissions.scope_orgs(user)
    own_ids = {o.pk for o in own}
    choices = own + sorted((o for o in orgs.values() if o.pk not in own_ids), key=lambda o: o.path)
    marks = {m.key: m for m in HandledItem.objects.open().filter(key__in=[i.key for i in items]).select_related("handled_by")} \
        if include_handled else {}
    groups: dict[str, Group] = {}
    for item in items:  # already most urgent first (core.todo.urgency)
        if kind and item.category != kind:
            continue
        if not in_horizon(item, on, horizon):
            continue
        if organization is not None:
            org = orgs.get(item.organization_id)
            if org is None or not org.path.startswith(organization.path):
                continue
        org = orgs.get(item.organization_id)
        row = Row(item, marks.get(item.key), org is not None and permissions.can(user, HANDLE, org))
        groups.setdefault(item.category, Group(item.category, item.category_label)).rows.append(row)
    return Worklist(on=on, groups=list(groups.values()), kinds=kinds, organizations=choices)
