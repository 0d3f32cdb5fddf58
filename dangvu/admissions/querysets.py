"""Reads of candidates: every page, API call and to-do list starts from `visible_to(user)`.

A candidate is seen by those who may see the register of their cell (officers, inspectors, the
cell's secretary, viewers; not the `member` role), including after the cell moved elsewhere;
changed by those whose role allows the step's action over the cell today (accounts.permissions:
"admissions.propose" for the cell's steps, "admissions.decide" for the committees' steps).
"""

from dangvu.accounts.querysets import EVER, RestrictedQuerySet

VIEW = "members.view"
PROPOSE = "admissions.propose"
DECIDE = "admissions.decide"


class CandidateQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = PROPOSE
