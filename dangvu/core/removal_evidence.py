"""Evidence for the striking-off grounds that the app computes instead of an officer typing them.

Two grounds of QĐ 24-QĐ/TW điểm 8.1 (1) are facts the app records month by month: unexcused absence
from cell meetings in N months of a year (domain-rules G8, kept by the meetings app) and unpaid dues in
N months of a year (D12, kept by the dues app). Each app that computes a ground provides a module with

    GROUNDS = ["absent"]                                  # members.kinds.RemovalGround values it proves
    def evidence(member_ids, on: datetime.date) -> list[Evidence]

(`member_ids`: the members to look at; `on`: the day of the question, the year counted is the twelve
months before it, parameters by date) and is named in EVIDENCE_PROVIDERS below. The removal form shows
the evidence of the member and the ground chosen, the cells' to-do lists name the members heading for
a ground, and the event records the evidence it was decided on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module

# Modules with GROUNDS and evidence(member_ids, on).
EVIDENCE_PROVIDERS: list[str] = [
    "dangvu.meetings.evidence",
    "dangvu.dues.evidence",
    "dangvu.evaluations.removal",
]


@dataclass(frozen=True)
class Evidence:
    member_id: int
    ground: str  # a members.kinds.RemovalGround value, e.g. "absent", "unpaid_dues"
    months: tuple[dt.date, ...]  # first day of each month that counts (absent, unpaid)
    threshold: int  # the number of months the rule asks for, as in force on the day asked
    details: tuple[str, ...] = field(default_factory=tuple)  # one line per meeting or month, Vietnamese
    url: str = ""  # where the facts are kept

    @property
    def met(self) -> bool:
        """The ground is met: at least `threshold` months count."""
        return len(self.months) >= self.threshold


def evidence(member_ids: Iterable[int], on: dt.date, *, ground: str | None = None) -> list[Evidence]:
    """The evidence every provider finds for these members on `on` (only for `ground` when given)."""
    ids = list(member_ids)
    found: list[Evidence] = []
    for path in EVIDENCE_PROVIDERS:
        module = import_module(path)
        if ground is not None and ground not in module.GROUNDS:
            continue
        found.extend(e for e in module.evidence(ids, on) if ground is None or e.ground == ground)
    return found
