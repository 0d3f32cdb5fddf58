"""Reads of the annual review; every list, page, export and API call starts here (restrict).

- A campaign is seen by whoever may see the tree at its organization (its subtree's officers,
  secretaries, viewers, members of a cell inside it).
- A member review is seen by whoever may see the register of the member's cell ("members.view":
  officers, inspectors, the cell's secretary, viewers), and by the member themself (their own only).
- An organization review is seen by whoever may see the organization, and by the officers above it.
"""

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW_MEMBERS = "members.view"
GRADE = "evaluations.grade"
DECIDE = "evaluations.decide"
MANAGE = "evaluations.manage"


class CampaignQuerySet(RestrictedQuerySet):
    """A campaign covers a subtree: whoever works inside it sees it too (a cell's secretary and members see
    the district's campaign), besides those whose subtree contains its organization."""

    scope_fields = {"organization": EVER}
    change_action = MANAGE

    def _in_scope(self, user, action, history, fields, own):
        inside = super()._in_scope(user, action, history, fields, own)
        if action != self.view_action:
            return inside
        above = {int(i) for org in permissions.scope_orgs(user, action) for i in org.path.strip("/").split("/") if i}
        return self.filter(Q(pk__in=inside.values("pk")) | Q(organization_id__in=above))


class MemberReviewQuerySet(RestrictedQuerySet):
    scope_fields = {"cell": EVER}
    view_action = VIEW_MEMBERS
    change_action = GRADE
    owner_field = "member__user"


class OrganizationReviewQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    change_action = DECIDE


class CommendationQuerySet(RestrictedQuerySet):
    """A commendation is seen with the register of the member's cell, or with the commended organization
    (and by the commended member themself)."""

    scope_fields = {"cell": EVER, "organization": EVER}
    view_action = VIEW_MEMBERS
    change_action = DECIDE
    owner_field = "member__user"
