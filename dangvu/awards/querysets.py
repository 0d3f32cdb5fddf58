"""Reads of badges and party cards: a row is seen by whoever sees its member (the register's rule,
members/querysets.py), through accounts.querysets.RestrictedQuerySet."""

from dangvu.accounts.querysets import RestrictedQuerySet

VIEW = "members.view"


class BadgeAwardQuerySet(RestrictedQuerySet):
    scope_through = "member"
    view_action = VIEW
    change_action = "awards.change"


class PartyCardQuerySet(RestrictedQuerySet):
    scope_through = "member"
    view_action = VIEW
    change_action = "awards.change"
