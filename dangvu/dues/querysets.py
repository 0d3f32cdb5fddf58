"""Reads of dues bases and payments: a row is seen by whoever sees its member (the register's rule,
members/querysets.py, the member themself included), and changed by whoever may collect dues in the
member's cell ("dues.collect": officers and the cell's secretary)."""

from dangvu.accounts.querysets import RestrictedQuerySet

COLLECT = "dues.collect"


class DuesBasisQuerySet(RestrictedQuerySet):
    scope_through = "member"
    view_action = "members.view"
    change_action = COLLECT
    owner_field = "member__user"


class DuesPaymentQuerySet(RestrictedQuerySet):
    scope_through = "member"
    view_action = "members.view"
    change_action = COLLECT
    owner_field = "member__user"
