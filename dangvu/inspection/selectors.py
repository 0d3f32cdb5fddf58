"""Reads of inspection and supervision beyond the restricted lists: the coverage of the year against the K18
target (set-based: one count of distinct members over the cases, one count of the register), the case's URL, what
the subject is shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.urls import reverse

from dangvu.core.figures import Window
from dangvu.core.numbers import percent
from dangvu.inspection import rules
from dangvu.inspection.kinds import COVERAGE_KINDS
from dangvu.inspection.models import Case
from dangvu.members.selectors import in_party_under_on
from dangvu.organizations.tree import within_subtree_q
from dangvu.rules.parameters import params_on


def case_url(case: Case) -> str:
    return reverse("inspection:case", args=[case.pk])


def cases_in(window: Window):
    """Cases decided in the window whose subject stood under the window's organization on the decision date."""
    return (Case.objects.filter(decision_date__gte=window.start, decision_date__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="subject_organization",
                                     date_field="decision_date")))


def covered_members(window: Window):
    """K18: cases of thematic inspection or supervision of a member in the window (one row per case)."""
    return cases_in(window).filter(kind__in=COVERAGE_KINDS, subject_member__isnull=False)


@dataclass(frozen=True)
class Coverage:
    year: int
    covered: int
    total: int
    target_percent: object
    shortfall: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.covered, self.total) if self.total else None

    @property
    def text(self) -> str:
        return percent(self.covered, self.total) if self.total else "—"

    @property
    def reached(self) -> bool:
        return self.shortfall == 0


def coverage(org, year: int, on: dt.date | None = None) -> Coverage:
    """K18 for `org`'s subtree in `year` (to `on` within the year): members thematically inspected or supervised
    (distinct) ÷ members in the party at the end of the period."""
    end = min(dt.date(year, 12, 31), on) if on else dt.date(year, 12, 31)
    window = Window(org, dt.date(year, 1, 1), max(end, dt.date(year, 1, 1)))
    covered = covered_members(window).values("subject_member_id").distinct().count()
    total = in_party_under_on(org, window.end)
    target = params_on(window.end, org)["inspection.coverage_target_percent"]
    return Coverage(year, covered, total, target, rules.coverage_shortfall(covered=covered, total=total,
                                                                           target_percent=target))
