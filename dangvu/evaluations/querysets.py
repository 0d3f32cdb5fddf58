"""Reads of the annual review; every list, page, export and API call starts here (restrict).

- A campaign is seen by whoever may see the tree at its organization (its subtree's officers,
  secretaries, viewers, members of a cell inside it).
- A member review is seen by whoever may see the register of the member's cell ("members.view":
  officers, inspectors, the cell's secretary, viewers), and by the member themself (their own only).
- An organization review is seen by whoever may see the organization, and by the officers above it.
"""

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW_MEMBERS = "members.view"
GRADE = "evaluations.grade"
DECIDE = "evaluations.decide"
MANAGE = "evaluations.manage"


class CampaignQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    change_action = MANAGE


class MemberReviewQuerySet(RestrictedQuerySet):
    scope_fields = {"cell": EVER}
    view_action = VIEW_MEMBERS
    change_action = GRADE
    owner_field = "member__user"


class OrganizationReviewQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    change_action = DECIDE
