"""Reads of the annual review for pages, API, figures: progress by organization, the quota state."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from dangvu.accounts import permissions
from dangvu.evaluations import rules
from dangvu.evaluations.kinds import Step
from dangvu.evaluations.models import Campaign, Commendation, MemberReview, OrganizationReview
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


def years_excellent_of(member_ids, year: int) -> dict[int, int]:
    """The years excellent in a row ending with `year` of each member (one query)."""
    by_member: dict[int, dict[int, str]] = {}
    for member_id, y, grade in (MemberReview.objects.filter(member_id__in=member_ids, step=Step.DECIDED,
                                                            campaign__year__lte=year)
                                .values_list("member_id", "campaign__year", "grade")):
        by_member.setdefault(member_id, {})[y] = grade
    return {m: rules.consecutive_excellent(by_member.get(m, {}), year) for m in member_ids}


def commendation_candidates(campaign: Campaign, user, decide_action: str) -> list[tuple[str, str]]:
    """The choices of the commendation form: members graded excellent and organizations graded good or better
    in the campaign, among those the user may decide for; each with its years excellent in a row."""
    reviews = list(MemberReview.objects.restrict(user, decide_action).filter(campaign=campaign, grade=rules.Grade.EXCELLENT)
                   .select_related("member", "cell").order_by("cell__path", "member__name_key"))
    years = years_excellent_of([r.member_id for r in reviews], campaign.year)
    out = [(f"m{r.member_id}", f"{r.member.full_name} — {r.cell.name} — {years[r.member_id]} năm liền xuất sắc")
           for r in reviews]
    for r in (OrganizationReview.objects.visible_to(user).filter(campaign=campaign, grade__in=[rules.Grade.EXCELLENT,
                                                                                                rules.Grade.GOOD])
              .select_related("organization").order_by("organization__path")):
        if permissions.can(user, decide_action, r.organization):
            out.append((f"o{r.organization_id}", f"{r.organization.name} — {rules.label(r.grade)}"))
    return out


def commendations_of(campaign: Campaign, user):
    """The commendations of the campaign's year in the user's scope, in force and cancelled."""
    return (Commendation.objects.visible_to(user).filter(year=campaign.year)
            .filter(Q(cell__path__startswith=campaign.organization.path)
                    | Q(organization__path__startswith=campaign.organization.path))
            .select_related("member", "organization", "cell").order_by("-decided_on", "pk"))


@dataclass
class GroupQuota:
    name: str
    organizations: list
    members: QuotaState
    collectives: QuotaState


def group_quotas(campaign: Campaign, member_counts: dict, organization_counts: dict) -> list[GroupQuota]:
    """The quota of each group of similar function (C7): its members and its organizations."""
    return [GroupQuota(g.name, list(g.organizations.all()), quota_state(campaign, member_counts.get(g.name, Counter())),
                       quota_state(campaign, organization_counts.get(g.name, Counter())))
            for g in campaign.quota_groups.prefetch_related("organizations")]


def _group_reviews_q(group) -> Q:
    q = Q(pk__in=[])
    for org in group.organizations.all():
        q |= Q(cell__path__startswith=org.path)
    return q


def member_group_counts(campaign: Campaign, overrides: dict[int, str] | None = None,
                        groups=None) -> dict[str, Counter]:
    """The grades of each group's members (the decided grade, else the cell's proposal), with `overrides`
    (review id → grade) applied."""
    out = {}
    for group in groups if groups is not None else campaign.quota_groups.prefetch_related("organizations"):
        rows = campaign.member_reviews.filter(_group_reviews_q(group), exclusion="").values_list("pk", "grade",
                                                                                                "proposed_grade")
        grades = {pk: grade or proposed for pk, grade, proposed in rows}
        grades |= {k: g for k, g in (overrides or {}).items() if k in grades}
        out[group.name] = Counter(g for g in grades.values() if g)
    return out


def organization_group_counts(campaign: Campaign, overrides: dict[int, str] | None = None,
                              groups=None) -> dict[str, Counter]:
    """The decided grades of each group's organizations, with `overrides` (organization review id → grade)."""
    out = {}
    for group in groups if groups is not None else campaign.quota_groups.prefetch_related("organizations"):
        ids = [o.pk for o in group.organizations.all()]
        grades = dict(campaign.organization_reviews.filter(organization_id__in=ids).values_list("pk", "grade"))
        grades |= {k: g for k, g in (overrides or {}).items() if k in grades}
        out[group.name] = Counter(g for g in grades.values() if g)
    return out
