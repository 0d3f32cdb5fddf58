"""Reads of cell meetings: a meeting (and its attendance, tasks) is seen by whoever may see the
register of its cell (now or before: history stays readable), changed by whoever runs the cell now
("meetings.change": officers above it, its secretary). A member sees their own meetings on their
home page through dangvu.meetings.selectors, not through these lists."""

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW = "members.view"
CHANGE = "meetings.change"


class MeetingQuerySet(RestrictedQuerySet):
    scope_fields = {"cell": EVER}
    view_action = VIEW
    change_action = CHANGE


class TaskQuerySet(RestrictedQuerySet):
    scope_through = "meeting"
    view_action = VIEW
    change_action = CHANGE


class AttendanceQuerySet(RestrictedQuerySet):
    scope_through = "meeting"
    view_action = VIEW
    change_action = CHANGE


class GroupMembershipQuerySet(RestrictedQuerySet):
    scope_fields = {"cell": EVER}
    view_action = VIEW
    change_action = CHANGE

    def valid_on(self, on):
        from django.db.models import Q

        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gte=on))
