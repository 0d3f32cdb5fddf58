"""Reads of the annual review for pages, API, figures: progress by organization, the quota state."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from dangvu.evaluations import rules
from dangvu.evaluations.kinds import Step
from dangvu.evaluations.models import Campaign, MemberReview
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization

GRASSROOTS = (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL)


@dataclass
class QuotaState:
    selected: int
    maximum: int
    base: str

    @property
    def exceeded(self) -> bool:
        return self.selected > self.maximum

    @property
    def text(self) -> str:
        return rules.quota_text(self.selected, self.maximum)


def quota_state(campaign: Campaign, counts) -> QuotaState:
    return QuotaState(counts.get(rules.Grade.EXCELLENT, 0),
                      rules.quota_max(counts, campaign.quota_base, campaign.quota_percent), campaign.quota_base)


@dataclass
class ProgressRow:
    organization: Organization
    members: int = 0
    excluded: int = 0
    self_assessed: int = 0
    proposed: int = 0
    decided: int = 0
    grades: Counter = field(default_factory=Counter)
    quota: QuotaState | None = None

    @property
    def graded(self) -> int:
        return self.members - self.excluded


def progress(campaign: Campaign, reviews) -> list[ProgressRow]:
    """One row per cell of the (already restricted) `reviews` of the campaign: who has self-assessed, which
    cells have proposed, which decisions are pending; the quota of each cell on the decided grades (or the
    proposals while undecided). One GROUP BY."""
    rows: dict[int, ProgressRow] = {}
    data = (reviews.filter(campaign=campaign).values("cell_id").annotate(
        members=Count("pk"), excluded=Count("pk", filter=Q(step=Step.EXCLUDED)),
        self_assessed=Count("pk", filter=Q(self_assessed_on__isnull=False)),
        proposed=Count("pk", filter=Q(step__in=[Step.PROPOSED, Step.DECIDED])),
        decided=Count("pk", filter=Q(step=Step.DECIDED)),
        excellent=Count("pk", filter=Q(grade=rules.Grade.EXCELLENT)), good=Count("pk", filter=Q(grade=rules.Grade.GOOD)),
        completed=Count("pk", filter=Q(grade=rules.Grade.COMPLETED)),
        not_completed=Count("pk", filter=Q(grade=rules.Grade.NOT_COMPLETED)),
        p_excellent=Count("pk", filter=Q(proposed_grade=rules.Grade.EXCELLENT, grade="")),
        p_good=Count("pk", filter=Q(proposed_grade=rules.Grade.GOOD, grade=""))))
    orgs = Organization.objects.in_bulk([d["cell_id"] for d in data])
    for d in data:
        grades = Counter({g: d[g] for g in rules.ORDER if d[g]})
        pending = Counter({rules.Grade.EXCELLENT: d["p_excellent"], rules.Grade.GOOD: d["p_good"]})
        row = ProgressRow(orgs[d["cell_id"]], d["members"], d["excluded"], d["self_assessed"], d["proposed"], d["decided"],
                          grades)
        row.quota = quota_state(campaign, grades + pending)
        rows[d["cell_id"]] = row
    return sorted(rows.values(), key=lambda r: r.organization.path)


def grassroots_quota(campaign: Campaign, reviews) -> list[tuple[Organization, QuotaState]]:
    """The quota per grassroots organization (HD 21/2019: within each grassroots organization), on the
    decided grades: the list committees check and the page flags."""
    out = []
    graded = reviews.filter(campaign=campaign, exclusion="").exclude(grade="")
    for org in Organization.objects.filter(kind__in=GRASSROOTS, path__startswith=campaign.organization.path).order_by("path"):
        counts = Counter(graded.filter(cell__path__startswith=org.path).values_list("grade", flat=True))
        if counts:
            out.append((org, quota_state(campaign, counts)))
    return out


def cell_reviews(campaign: Campaign, cell: Organization, reviews=None):
    qs = reviews if reviews is not None else MemberReview.objects.all()
    return (qs.filter(campaign=campaign, cell=cell).select_related("member").prefetch_related("disqualifications")
            .order_by("member__name_key", "pk"))


def live_counts(campaign: Campaign, cell: Organization, chosen: dict[int, str], field: str = "proposed_grade") -> Counter:
    """The cell's grades with the ones being chosen on the screen (review id → grade)."""
    grades = dict(campaign.member_reviews.filter(cell=cell, exclusion="").values_list("pk", field))
    grades.update({k: v for k, v in chosen.items() if k in grades})
    return Counter(g for g in grades.values() if g)
