"""Reads of residence contacts and meetings; every list, page, document and API call starts here.

A contact concerns two sides, so it is visible to both:
- the workplace side: whoever may see the register of the member's workplace cell (now or before:
  history stays readable to those who were responsible);
- the residence side: whoever may see the register of the commune or ward the member was
  introduced to (today), or of the residence cell the member was assigned to;
- the member themself (a linked account).
The residence side sees the contact, not the member's record (masked fields stay masked: the
member's register page remains a 404 for them). Anyone else gets a 404, as everywhere.
A residence meeting is visible to whoever may see the register of its cell.
"""

from django.db.models import Q

from dangvu.accounts.querysets import EVER, NOW, RestrictedQuerySet

VIEW = "members.view"


class ContactQuerySet(RestrictedQuerySet):
    scope_fields = {"workplace_cell": EVER, "residence_cell": EVER, "receiving_organization": NOW}
    view_action = VIEW
    owner_field = "member__user"

    def workplace_side_for(self, user):
        """Contacts of members whose workplace cell is (or was) inside the user's subtrees."""
        return self.restrict(user, fields=["workplace_cell"])

    def residence_side_for(self, user):
        """Contacts addressed to a commune or ward inside the user's subtrees today, or assigned to a
        residence cell inside them (now or before)."""
        return self.restrict(user, fields=["receiving_organization", "residence_cell"])

    def open(self):
        return self.filter(is_open=True)

    def active_in_year(self, year: int):
        """Contacts introduced by the end of `year` and not ended before it began (exemptions excluded)."""
        import datetime as dt

        from dangvu.residence.kinds import ContactStatus

        return (self.exclude(contact_status=ContactStatus.EXEMPT).exclude(introduction_exemption__gt="")
                .filter(letter_date__lte=dt.date(year, 12, 31))
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=dt.date(year, 1, 1))))


class MeetingQuerySet(RestrictedQuerySet):
    scope_fields = {"cell": EVER}
    view_action = VIEW
