"""Reads of introduction letters; every list, page, export and API call starts from `visible_to(user)`.

A letter concerns two sides, so it is visible to both:
- the sending side: whoever may see the register of the cell the member left (now or before, as
  for members: history stays readable to those who were responsible);
- the receiving side: whoever may see the register of the organization the letter is addressed
  to (today), or of the cell that received the member;
- the member themself (a linked account).
Anyone else gets a 404, as everywhere.
"""

from dangvu.accounts.querysets import EVER, NOW, RestrictedQuerySet

VIEW = "members.view"


class LetterQuerySet(RestrictedQuerySet):
    scope_fields = {"from_organization": EVER, "receiving_cell": EVER, "destination": NOW}
    view_action = VIEW
    owner_field = "member__user"

    def outgoing_for(self, user):
        """Letters for members who left a cell inside the user's subtrees (the sending side)."""
        return self.restrict(user, fields=["from_organization"])

    def incoming_for(self, user):
        """Letters addressed to an organization inside the user's subtrees today (the receiving side)."""
        return self.restrict(user, fields=["destination"])

    def hosted_by(self, user):
        """Letters whose member was received in a cell inside the user's subtrees."""
        return self.restrict(user, fields=["receiving_cell"])

    def awaiting(self):
        from dangvu.transfers.kinds import LetterStatus

        return self.filter(status=LetterStatus.ISSUED)

    def overdue_on(self, on):
        return self.awaiting().filter(presentation_deadline__lt=on)
