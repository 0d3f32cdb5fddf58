"""Who sees discipline: the inspection and organization officers of the subtree and the secretary of
the cell the proceeding sits in ("discipline.view"); the member concerned sees their own decisions
once announced (notified), nothing before; everyone else gets nothing (404). Changes need
"discipline.decide" (inspection and organization officers); a cell's secretary records the cell's own
reprimands and warnings of its members ("discipline.cell", K2)."""

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.accounts.querysets import EVER, VIEW, RestrictedQuerySet, org_ids

VIEW_ACTION = "discipline.view"
DECIDE = "discipline.decide"
CELL = "discipline.cell"  # the cell's secretary: the cell's own reprimands and warnings (K2, services.may_record_in_cell)


class ProceedingQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW_ACTION
    change_action = DECIDE
    owner_field = "member__user"

    def restrict(self, user, action: str = VIEW, *, fields=None, now: bool = False):
        qs = super().restrict(user, action, fields=fields, now=now)
        if permissions.is_system_admin(user) or user is None or not user.is_authenticated:
            return qs
        # The member's own proceedings only once the decision was announced to them.
        own_unnotified = Q(member__user=user) & Q(announced_on__isnull=True)
        action = self.view_action if action == VIEW else action
        if permissions.scope_orgs(user, action):
            own_unnotified &= ~Q(organization__in=org_ids(user, action, ever=True))
        return qs.exclude(own_unnotified)

    def announced(self):
        return self.filter(announced_on__isnull=False)


class ViolationQuerySet(RestrictedQuerySet):
    scope_through = "proceeding"
    view_action = VIEW_ACTION
    change_action = DECIDE


class AppealQuerySet(RestrictedQuerySet):
    scope_through = "proceeding"
    view_action = VIEW_ACTION
    change_action = DECIDE


class NotificationQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW_ACTION
    change_action = DECIDE
    owner_field = "member__user"
