"""Reads of targets: a target is seen by whoever reads the figures of its organization (officers,
secretaries, leaders of a subtree that holds it, now or before), through RestrictedQuerySet."""

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW = "members.view"
CHANGE = "targets.change"


class TargetQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = CHANGE


class ActualQuerySet(RestrictedQuerySet):
    scope_through = "target"
    view_action = VIEW
    change_action = CHANGE
