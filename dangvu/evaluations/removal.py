"""Evidence for striking off: two consecutive years not completed (QĐ 24-QĐ/TW điểm 8.1 (4), C15), from the
review results in force (dangvu.core.removal_evidence)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.urls import reverse

from dangvu.core.removal_evidence import Evidence
from dangvu.evaluations import rules
from dangvu.evaluations.models import MemberReview
from dangvu.members.kinds import RemovalGround
from dangvu.rules.parameters import params_on

GROUNDS = [RemovalGround.STANDARDS_TWO_YEARS]


def grades_by_member(member_ids, years: range) -> dict[int, dict[int, str]]:
    out: dict[int, dict[int, str]] = defaultdict(dict)
    rows = (MemberReview.objects.filter(member_id__in=list(member_ids), campaign__year__in=list(years)).exclude(grade="")
            .values_list("member_id", "campaign__year", "grade"))
    for member_id, year, grade in rows:
        # Nested campaigns may both hold a result: "not completed" anywhere counts.
        if out[member_id].get(year) != rules.Grade.NOT_COMPLETED:
            out[member_id][year] = grade
    return out


def evidence(member_ids, on: dt.date) -> list[Evidence]:
    needed = params_on(on)["evaluations.strike_off_consecutive_years"]
    out = []
    for member_id, grades in grades_by_member(member_ids, range(on.year - needed - 1, on.year + 1)).items():
        latest = max(grades)  # the latest year with a result: the streak must reach it
        if not rules.consecutive_not_completed(grades, latest, needed):
            continue
        years = range(latest - needed + 1, latest + 1)
        out.append(Evidence(member_id, RemovalGround.STANDARDS_TWO_YEARS, tuple(dt.date(y, 1, 1) for y in years), needed,
                            tuple(f"Năm {y}: {rules.label(rules.Grade.NOT_COMPLETED)}" for y in years),
                            reverse("evaluations:index")))
    return out
