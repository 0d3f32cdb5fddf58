"""Reads of classes and learners: every page, API call, export and to-do starts from `visible_to(user)`.

A class is seen by whoever sees the register of the organization that opened it (officers, inspectors,
viewers, cell secretaries of its subtree); it is managed by the organization officers of that subtree
("training.manage"). A learner row is seen through its class.
"""

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW = "members.view"
MANAGE = "training.manage"


class TrainingClassQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = MANAGE


class EnrolmentQuerySet(RestrictedQuerySet):
    scope_through = "training_class"
    view_action = VIEW
    change_action = MANAGE
