"""One way to read the rows of a model that belongs to an organization: `restrict(user, action)`.

The idea is NetBox's `RestrictedQuerySet.restrict(user, action)`: a list, page, export, API call or
to-do provider never filters by the user's scope itself, it asks the model's queryset for the rows
the user may act on, and the queryset answers from one declaration. Here a model declares

- `scope_fields`: the foreign keys to an Organization that place a row in the tree (a transfer
  letter is placed at both ends), each with its reach:
  - `EVER`: for viewing, inside one of the user's subtrees now *or at any time before* (history
    stays readable to those who were responsible for it, as for organizations and members); for
    any other action, inside it now;
  - `NOW`: inside it now, for every action (the receiving side of a letter is whoever runs the
    destination today);
  the field "pk" places an Organization itself;
- or `scope_through`: a foreign key to another restricted model (a badge belongs to a member: it is
  seen by whoever sees the member);
- `view_action`: what "view" means for the model in accounts.permissions.ACTION_ROLES ("view" for the
  tree, "members.view" for the register: a `member` role does not read the cell's list);
- `change_action`: the default action of `changeable_by`;
- `owner_field`: the linked account that also sees its own rows ("member__user").

`restrict` holds the one opening every scope check used to repeat: the system and its
administrators see everything, anonymous users nothing, a user without a scope for the action only
their own rows. Safe by default: a model without a declaration restricts to nothing.

Every call is counted while `recording()` is active (tests/accounts/test_every_view_is_restricted.py
asserts that every non-public view goes through here).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from dangvu.accounts import permissions

EVER = "ever"
NOW = "now"
VIEW = "view"

_calls: contextvars.ContextVar[list | None] = contextvars.ContextVar("dangvu_restrict_calls", default=None)


@contextlib.contextmanager
def recording():
    """Collect (model label, action) of every `restrict` call made inside the block."""
    calls: list[tuple[str, str]] = []
    token = _calls.set(calls)
    try:
        yield calls
    finally:
        _calls.reset(token)


def _record(model, action: str) -> None:
    calls = _calls.get()
    if calls is not None:
        calls.append((model._meta.label_lower, action))


def record_gate(action: str) -> None:
    """permissions.has_scope counts as going through the mechanism: a form page that shows no record
    yet is opened only to those with a scope for the action (its pickers then read through restrict)."""
    calls = _calls.get()
    if calls is not None:
        calls.append(("has_scope", action))


def org_ids(user, action: str, *, ever: bool):
    """Ids of organizations inside the subtrees where `user` may perform `action`: today, or (`ever`)
    also those that once were (a subquery, for `…__in=`)."""
    return permissions.org_ids_ever(user, action) if ever else permissions.org_ids_now(user, action)


class RestrictedQuerySet(models.QuerySet):
    scope_fields: dict[str, str] = {}
    scope_through: str | None = None
    view_action: str = VIEW
    change_action: str | None = None
    owner_field: str | None = None

    def restrict(self, user, action: str = VIEW, *, fields: Iterable[str] | None = None, now: bool = False):
        """The rows `user` may perform `action` on ("view" is the model's `view_action`).

        `fields`: only through these scope fields (one side of a two-sided row: "the letters sent
        from my subtree"); the user's own rows are then not added, and for an administrator the rows
        where one of these fields is set.
        `now`: only rows inside the user's subtrees today, also for viewing (a work list: "the
        probationary members of my cells"), without the user's own rows.
        """
        _record(self.model, action)
        action = self.view_action if action == VIEW else action
        viewing = action == self.view_action
        selected = self._selected(fields)
        if permissions.is_system_admin(user):
            if fields is None:
                return self.all()
            return self.filter(_any(Q(**{f"{f}__isnull": False}) for f in selected))
        if user is None or not user.is_authenticated:
            return self.none()
        own = Q(**{self.owner_field: user}) if self.owner_field and viewing and fields is None and not now else None
        if not permissions.scope_orgs(user, action):
            return self.filter(own) if own is not None else self.none()
        return self._in_scope(user, action, viewing and not now, selected, own)

    def visible_to(self, user):
        """restrict(user, "view")."""
        return self.restrict(user, VIEW)

    def changeable_by(self, user, action: str | None = None):
        """restrict(user, action or the model's change action)."""
        action = action or self.change_action
        if action is None:
            raise ValueError(f"{self.model.__name__}: changeable_by needs an action")
        return self.restrict(user, action)

    # ------------------------------------------------------------ for subclasses

    def _selected(self, fields) -> dict[str, str]:
        if fields is None:
            return dict(self.scope_fields)
        unknown = set(fields) - set(self.scope_fields)
        if unknown:
            raise ValueError(f"{self.model.__name__}: not scope fields: {sorted(unknown)}")
        return {f: self.scope_fields[f] for f in fields}

    def _in_scope(self, user, action: str, history: bool, fields: dict[str, str], own: Q | None):
        """The rows inside the user's subtrees (the opening is done), through `fields`; `history`: the
        EVER fields reach back in time (viewing). Override for a faster form."""
        if self.scope_through is not None:
            related = self.model._meta.get_field(self.scope_through).related_model
            visible = related.objects.restrict(user, action, now=not history).order_by().values("pk")
            return self.filter(**{f"{self.scope_through}__in": visible})
        q = _any(self._scope_q(user, action, field, ever=history and reach == EVER) for field, reach in fields.items())
        if own is not None:
            q |= own
        return self.filter(q)

    def _scope_q(self, user, action: str, field: str, *, ever: bool) -> Q:
        return Q(**{f"{field}__in": org_ids(user, action, ever=ever)})


def _any(qs: Iterable[Q]) -> Q:
    """OR of the conditions; matches nothing when there are none."""
    result = None
    for q in qs:
        result = q if result is None else result | q
    return Q(pk__in=[]) if result is None else result
