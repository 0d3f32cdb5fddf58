"""The striking-off ground "absent" (domain-rules G8, R1 case 1) computed from the attendance recorded
at cell meetings: a provider of dangvu.core.removal_evidence.

The year counted is the twelve months up to the day asked; a month counts once, whatever the number
of meetings missed in it; only unexcused absences count (an excused absence, an exempted member's or
a member away on temporary transfer never does: they cannot be marked unexcused)."""

from __future__ import annotations

import datetime as dt

from dangvu.core.removal_evidence import Evidence
from dangvu.meetings import rules, selectors
from dangvu.rules.parameters import params_on

GROUNDS = ["absent"]


def evidence(member_ids, on: dt.date) -> list[Evidence]:
    threshold = params_on(on)["removal.absence_months"]
    found = []
    for member_id, rows in selectors.unexcused_by_member(member_ids, rules.year_before(on), on).items():
        months = rules.absent_months(r.meeting.date for r in rows)
        found.append(Evidence(member_id=member_id, ground="absent", months=months, threshold=threshold,
                              details=tuple(selectors.describe_absence(r) for r in rows),
                              url=selectors.meeting_url(rows[-1].meeting)))
    return found
