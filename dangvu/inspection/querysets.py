"""Reads of inspection and supervision, restricted by nature ("inspection.view": administrators, inspection
officers, cell secretaries; not organization officers nor viewers): a case, a programme or a denunciation is placed
at the organization of the body that conducts or received it. An inspection officer sees those of their subtree, a
cell secretary those of their cell; the subject member sees a case once its conclusion is notified to them."""

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW = "inspection.view"
CHANGE = "inspection.change"


class ProgrammeQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = CHANGE


class ProgrammeItemQuerySet(RestrictedQuerySet):
    scope_through = "programme"
    view_action = VIEW
    change_action = CHANGE


class CaseQuerySet(RestrictedQuerySet):
    scope_fields = {"body": EVER}
    view_action = VIEW
    change_action = CHANGE
    owner_field = "notified_user"


class CaseChildQuerySet(RestrictedQuerySet):
    scope_through = "case"
    view_action = VIEW
    change_action = CHANGE


class DenunciationQuerySet(RestrictedQuerySet):
    scope_fields = {"body": EVER}
    view_action = VIEW
    change_action = CHANGE
