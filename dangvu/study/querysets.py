"""Reads of resolution study: a session (and its attendance) is seen by whoever may see the register of its
organizer (now or before), recorded by whoever runs the organizer now ("study.change": officers above it, a cell's
secretary for the cell). Follow-up plans likewise by their responsible organization. The document library is the
same for everyone (central documents): StudyDocument has a plain manager."""

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW = "members.view"
CHANGE = "study.change"
MANAGE = "study.manage"


class SessionQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = CHANGE


class AttendanceQuerySet(RestrictedQuerySet):
    scope_through = "session"
    view_action = VIEW
    change_action = CHANGE


class PlanQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = CHANGE
