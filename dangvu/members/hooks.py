"""What the lifecycle apps ask one another about a member, through the register (they are independent:
.importlinter). An app that answers plugs its function in from its AppConfig.ready; the asking app calls
the hook and gets an empty answer while nobody answers.

- `annual_comments(member_ids, year)`: the residence cell's annual comment on each working member
  (QĐ 213, H1; an input of the annual review, C13), plugged in by dangvu.residence, read by the cell's
  grading screen of dangvu.evaluations.
- `status_notes(member, on)`: short notes shown under the member's status on their record page (the
  penalty in force, K8), plugged in by dangvu.discipline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

_annual_comments: Callable[[list[int], int], dict[int, str]] | None = None


def plug_annual_comments(fn: Callable[[list[int], int], dict[int, str]]) -> None:
    global _annual_comments
    _annual_comments = fn


def annual_comments(member_ids: Iterable[int], year: int) -> dict[int, str]:
    """member id → the residence cell's annual comment of `year` (text and conclusion), for those that have one."""
    ids = list(member_ids)
    if _annual_comments is None or not ids:
        return {}
    return _annual_comments(ids, year)


_status_notes: list[Callable[[object, dt.date], list[str]]] = []


def plug_status_notes(fn: Callable[[object, dt.date], list[str]]) -> None:
    if fn not in _status_notes:
        _status_notes.append(fn)


def status_notes(member, on: dt.date) -> list[str]:
    """What the lifecycle apps say about the member's standing on `on` (empty while nobody answers)."""
    return [note for fn in _status_notes for note in fn(member, on)]
