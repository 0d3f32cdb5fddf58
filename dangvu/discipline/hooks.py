""""A penalty was decided": the apps above discipline (evaluations: C6 caps the year's grade, C11
re-grades the year the violation happened) subscribe here from their AppConfig.ready(), the way the
tree takes the register's answers through organizations.hooks. Discipline does not import them.

A subscriber is called inside the transaction of the discipline service, with the acting user: its
writes (and its audit entries) commit or roll back with the penalty. Events:
- "announced": a penalty takes effect (K5);
- "changed": an appeal decision changed its form (K11);
- "cancelled": an appeal decision cancelled it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

ANNOUNCED, CHANGED, CANCELLED = "announced", "changed", "cancelled"


@dataclass(frozen=True)
class PenaltyDecided:
    event: str  # ANNOUNCED / CHANGED / CANCELLED
    proceeding_id: int
    member_id: int | None  # None for an organization
    organization_id: int | None  # the organization disciplined (None for a member)
    form: str  # the form in force after the event (kinds.Form); "" when cancelled
    previous_form: str  # before the event ("" when announced)
    decided_on: dt.date
    effective_on: dt.date  # the announcement (or the appeal decision's announcement)
    violation_years: tuple[int, ...]  # the years the violations were committed (C11)


Subscriber = Callable[..., None]  # (event: PenaltyDecided, *, by) -> None
_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> None:
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber in _subscribers:
        _subscribers.remove(subscriber)


def fire(event: PenaltyDecided, *, by) -> None:
    for subscriber in list(_subscribers):
        subscriber(event, by=by)


__all__ = ["ANNOUNCED", "CANCELLED", "CHANGED", "PenaltyDecided", "fire", "subscribe", "unsubscribe"]
