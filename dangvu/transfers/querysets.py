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

from dangvu.organizations.querysets import org_ids_ever, org_ids_now  # noqa: F401  (used by selectors and todo)

VIEW = "members.view"


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
