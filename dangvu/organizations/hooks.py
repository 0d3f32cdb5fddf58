"""What the organization tree asks of the member register, which sits above it.

A merger moves the members of the organization that ends; a change of kind counts the members; a
committee seat goes to a full member of the organization. The tree does not import the register:
the members app plugs its answers in here from its AppConfig.ready() (`plug(Register(...))`), the way
the to-do list and the figures take each app's contribution. Nothing falls back when nothing is
plugged: asking before the apps are ready is a programming error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dangvu.core.numbers import format_number


@dataclass(frozen=True)
class SeatHolder:
    """Where a member stood on the day a seat starts, for the committee rules (M3)."""

    in_party: bool
    probationary: bool
    in_subtree: bool  # their home organization is the committee's organization or lies below it


@dataclass(frozen=True)
class Register:
    # (source, target, on) -> violations: may the members of `source` follow it into `target`
    check_members_can_follow: Callable
    # (by=, source=, target=, on=, decision=) -> number of members moved into `target`
    transfer_members_on_merge: Callable
    # (org) -> members in the party whose home is `org` today
    in_party_count: Callable[..., int]
    # (org, on) -> members in the party whose home is `org` or below it on `on`
    in_party_under_on: Callable[..., int]
    # (member, org, on) -> SeatHolder
    seat_holder: Callable[..., SeatHolder]
    # (user, org, on) -> queryset of the members a seat of `org` may go to, as `user` may see them
    seat_candidates: Callable
    # (user) -> queryset of the members `user` may open
    visible_members: Callable
    # (user, org, on) -> [StatusCount]: the organization page's members by status, each a link to the list
    status_counts: Callable[..., list]


@dataclass(frozen=True)
class StatusCount:
    """One line of "members by status" on an organization's page: counted the way the member list counts."""

    code: str
    label: str
    count: int
    more: bool  # the count stopped at its bound ("hơn 10.000")
    url: str  # the member list filtered the same way

    @property
    def display(self) -> str:
        """The count the Vietnamese way ("1.639")."""
        return format_number(self.count)


_plugged: Register | None = None


def plug(register: Register) -> None:
    global _plugged
    _plugged = register


def register() -> Register:
    if _plugged is None:
        raise RuntimeError("The member register has not plugged into organizations.hooks (MembersConfig.ready)")
    return _plugged


__all__ = ["Register", "SeatHolder", "StatusCount", "plug", "register"]
