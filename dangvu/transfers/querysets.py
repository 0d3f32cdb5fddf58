"""Reads of introduction letters; every list, page, export and API call starts from `visible_to(user)`.

A letter concerns two sides, so it is visible to both:
- the sending side: whoever may see the register of the cell the member left (now or before, as
  for members: history stays readable to those who were responsible);
- the receiving side: whoever may see the register of the organization the letter is addressed
  to (today), or of the cell that received the member;
- the member themself (a linked account).
Anyone else gets a 404, as everywhere.
"""

from django.db import models
from django.db.models import Q

VIEW = "members.view"


def org_ids_ever(user, action: str = VIEW):
    """Ids of organizations inside the user's subtrees for `action`, now or at any time before."""
    from dangvu.accounts import permissions
    from dangvu.organizations.models import Organization, OrganizationVersion

    ever = OrganizationVersion.objects.filter(
        permissions.prefix_q("path", permissions.historical_prefixes(user, action))
    ).order_by().values_list("organization_id", flat=True)
    now = Organization.objects.filter(
        permissions.prefix_q("path", permissions.current_prefixes(user, action))
    ).order_by().values_list("pk", flat=True)
    # A UNION of two index range scans (an OR of the two would scan every organization).
    return ever.union(now, all=True)


def org_ids_now(user, action: str = VIEW):
    """Ids of organizations inside the user's subtrees for `action` today."""
    from dangvu.accounts import permissions
    from dangvu.organizations.models import Organization

    return Organization.objects.filter(
        permissions.prefix_q("path", permissions.current_prefixes(user, action))
    ).order_by().values("pk")


class LetterQuerySet(models.QuerySet):
    def visible_to(self, user):
        from dangvu.accounts import permissions

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        own = Q(member__user=user)
        if not permissions.scope_orgs(user, VIEW):
            return self.filter(own)
        ever = org_ids_ever(user)
        return self.filter(Q(from_organization__in=ever) | Q(receiving_cell__in=ever)
                           | Q(destination__in=org_ids_now(user)) | own)

    def outgoing_for(self, user):
        """Letters for members who left a cell inside the user's subtrees (the sending side)."""
        from dangvu.accounts import permissions

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated or not permissions.scope_orgs(user, VIEW):
            return self.none()
        return self.filter(from_organization__in=org_ids_ever(user))

    def incoming_for(self, user):
        """Letters addressed to an organization inside the user's subtrees today (the receiving side)."""
        from dangvu.accounts import permissions

        if permissions.is_system_admin(user):
            return self.filter(destination__isnull=False)
        if user is None or not user.is_authenticated or not permissions.scope_orgs(user, VIEW):
            return self.none()
        return self.filter(destination__in=org_ids_now(user))

    def hosted_by(self, user):
        """Letters whose member was received in a cell inside the user's subtrees."""
        from dangvu.accounts import permissions

        if permissions.is_system_admin(user):
            return self.filter(receiving_cell__isnull=False)
        if user is None or not user.is_authenticated or not permissions.scope_orgs(user, VIEW):
            return self.none()
        return self.filter(receiving_cell__in=org_ids_ever(user))

    def awaiting(self):
        from dangvu.transfers.kinds import LetterStatus

        return self.filter(status=LetterStatus.ISSUED)

    def overdue_on(self, on):
        return self.awaiting().filter(presentation_deadline__lt=on)
