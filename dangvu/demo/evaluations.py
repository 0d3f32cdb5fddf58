"""Demo annual reviews (kiểm điểm, đánh giá, xếp loại), written through the services with `by=SYSTEM`.

For the province's subtree, one campaign a year from four years ago (today 2026: 2022–2025), each
under the regime of its year (QĐ 132, QĐ 124, QĐ 366 with scores for 2025), with a realistic
distribution (about one in six excellent within the quota of each cell, most good, a few completed, a
handful not completed, some of them for an entered disqualifying condition), the grassroots
organizations graded by their direct superior; in one organization an imported historical result
exceeds the excellent quota (the campaign page flags it). The current year's campaign is in
progress: many members have self-assessed, some cells have proposed, one grassroots organization
has decided; its excellent quota also holds within a group of similar function (the residential
cells, C7). Commendations (giấy khen) of the last year's results: members excellent two years in a
row or more ("hoàn thành xuất sắc nhiệm vụ N năm liền") and the grassroots organizations graded
excellent. Deterministic for a given generator state.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from dangvu.accounts.system import SYSTEM

PROVINCE_CODE = "38"
DISQUALIFIED = ("Bị kỷ luật khiển trách trong năm", "Vi phạm những điều đảng viên không được làm (đã kết luận)",
                "Bị kỷ luật cảnh cáo trong năm")
SELF_TEXT = ("Giữ vững lập trường chính trị, chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước; "
             "hoàn thành các nhiệm vụ được giao; tham gia đầy đủ sinh hoạt chi bộ. Hạn chế: đôi lúc chưa chủ động "
             "nghiên cứu nghị quyết; khắc phục trong năm tới.")


@dataclass
class EvaluationsResult:
    campaigns: int = 0
    decided: int = 0
    disqualified: int = 0
    flagged: str = ""
    commended_members: int = 0
    commended_organizations: int = 0

    def summary_lines(self) -> list[str]:
        if not self.campaigns:
            return ["Đánh giá, xếp loại: không tạo (thiếu tổ chức hoặc đảng viên)."]
        return [f"Đánh giá, xếp loại: {self.campaigns} đợt, {self.decided} kết quả đảng viên đã quyết định, "
                f"{self.disqualified} đảng viên có điều kiện không hoàn thành nhiệm vụ; vượt tỷ lệ xuất sắc: {self.flagged}; "
                f"giấy khen cho {self.commended_organizations} tập thể, {self.commended_members} cá nhân."]


def _score(rng: random.Random, grade: str, params) -> Decimal:
    from dangvu.evaluations.rules import Grade

    low = {Grade.EXCELLENT: params["evaluations.excellent_min_score"], Grade.GOOD: params["evaluations.good_min_score"],
           Grade.COMPLETED: params["evaluations.completed_min_score"], Grade.NOT_COMPLETED: Decimal(30)}[grade]
    high = {Grade.EXCELLENT: Decimal(100), Grade.GOOD: params["evaluations.excellent_min_score"] - Decimal("0.1"),
            Grade.COMPLETED: params["evaluations.good_min_score"] - Decimal("0.1"),
            Grade.NOT_COMPLETED: params["evaluations.completed_min_score"] - Decimal("0.1")}[grade]
    return (low + (high - low) * Decimal(rng.randint(0, 10)) / 10).quantize(Decimal("0.1"))


def _grades(rng: random.Random, n: int, percent: Decimal) -> list[str]:
    from dangvu.evaluations.rules import Grade

    grades = [Grade.NOT_COMPLETED if rng.random() < 0.01 else Grade.COMPLETED if rng.random() < 0.07 else Grade.GOOD
              for _ in range(n)]
    good = grades.count(Grade.GOOD)
    excellent = min(int(good * percent / 100), round(n * rng.uniform(0.12, 0.18)))
    for i in [i for i, g in enumerate(grades) if g == Grade.GOOD][:excellent]:
        grades[i] = Grade.EXCELLENT
    # The quota counts those still graded good: move back while over it.
    while grades.count(Grade.EXCELLENT) > int(grades.count(Grade.GOOD) * percent / 100):
        grades[grades.index(Grade.EXCELLENT)] = Grade.GOOD
    rng.shuffle(grades)
    return grades


def _prefer(grades: list[str], reviews, excellent_before: set[int]) -> list[str]:
    """The same grades, the excellent ones given first to the members excellent the year before (excellence
    tends to last: "hoàn thành xuất sắc nhiệm vụ nhiều năm liền")."""
    from dangvu.evaluations.rules import Grade

    k = grades.count(Grade.EXCELLENT)
    order = sorted(range(len(reviews)), key=lambda i: reviews[i].member_id not in excellent_before)
    out: list[str | None] = [None] * len(grades)
    for i in order[:k]:
        out[i] = Grade.EXCELLENT
    rest = iter(g for g in grades if g != Grade.EXCELLENT)
    return [g if g is not None else next(rest) for g in out]


def seed_evaluations(rng: random.Random, log=None) -> EvaluationsResult:
    """The reviews of the last four years and the current one in progress (inside the seed's transaction,
    after seed_members; independent of the other lifecycle demos)."""
    from dangvu.core.dates import today
    from dangvu.core.errors import RuleViolation
    from dangvu.evaluations import services
    from dangvu.evaluations.kinds import EventKind, Step
    from dangvu.evaluations.models import GradeEvent, MemberReview
    from dangvu.evaluations.rules import Grade
    from dangvu.members.models import Member
    from dangvu.organizations import tree
    from dangvu.organizations.models import Organization
    from dangvu.rules.parameters import params_on

    result = EvaluationsResult()
    root = Organization.objects.filter(code=PROVINCE_CODE).first()
    if root is None or not Member.objects.exists():
        return result
    current = today().year
    excellent_before: set[int] = set()
    for year in range(current - 4, current + 1):
        in_progress = year == current
        campaign = services.open_campaign(
            by=SYSTEM, organization=root, year=year, self_assessment_due=dt.date(year, 12, 10),
            cell_due=dt.date(year, 12, 20), decision_due=dt.date(year + 1, 1, 15))
        result.campaigns += 1
        if in_progress:
            residential = list(Organization.objects.filter(path__startswith=root.path, kind="cell",
                                                           unit_type__in=RESIDENTIAL, ended_on__isnull=True)
                               .order_by("path")[:12])
            if residential:
                services.define_quota_group(by=SYSTEM, campaign=campaign, name="Chi bộ thôn, tổ dân phố",
                                            organizations=residential)
        params = params_on(campaign.reference_date)
        scored = campaign.regime.scored
        by_cell: dict[int, list[MemberReview]] = defaultdict(list)
        for r in campaign.member_reviews.filter(exclusion="").select_related("cell", "member").order_by("cell_id", "member_id"):
            by_cell[r.cell_id].append(r)
        proposed_cells = []
        for reviews in by_cell.values():
            cell = reviews[0].cell
            grades = _prefer(_grades(rng, len(reviews), campaign.quota_percent), reviews, excellent_before)
            if in_progress:  # most have self-assessed; about a third of the cells have met
                for r, g in zip(reviews, grades, strict=True):
                    if rng.random() < 0.7:
                        score = _score(rng, g, params) if scored else None
                        services.self_assess(by=SYSTEM, review=r, version=None, self_text=SELF_TEXT,
                                             self_grade=Grade.GOOD if g == Grade.EXCELLENT and rng.random() < 0.5 else g,
                                             criteria_score=min(score * 3 / 10, Decimal(30)).quantize(Decimal("0.1"))
                                             if score is not None else None,
                                             results_score=(score - min(score * 3 / 10, Decimal(30)).quantize(Decimal("0.1")))
                                             if score is not None else None, on=dt.date(year, 11, 25))
                if rng.random() > 0.35:
                    continue
            rows = []
            for r, g in zip(reviews, grades, strict=True):
                if g == Grade.NOT_COMPLETED and rng.random() < 0.6:
                    services.record_disqualification(by=SYSTEM, review=r, description=rng.choice(DISQUALIFIED),
                                                     occurred_on=dt.date(year, rng.randint(2, 10), rng.randint(1, 28)))
                    result.disqualified += 1
                rows.append(services.CellRow(r, None, g, _score(rng, g, params) if scored else None,
                                             "Chi bộ nhất trí với bản tự kiểm điểm.", "", len(reviews), len(reviews)))
            services.grade_cell(by=SYSTEM, campaign=campaign, cell=cell, rows=rows, on=dt.date(year, 12, 15))
            proposed_cells.append(cell)
        # The grassroots committees decide (the current year: one of them).
        deciders: dict[int, Organization] = {}
        for cell in proposed_cells:
            grassroots = tree.grassroots_today(cell) or cell
            deciders.setdefault(grassroots.pk, grassroots)
        for n, org in enumerate(sorted(deciders.values(), key=lambda o: o.path)):
            if in_progress and n > 0:
                break
            rows = [services.DecisionRow(r, None, r.proposed_grade) for r in
                    campaign.member_reviews.filter(step=Step.PROPOSED, cell__path__startswith=org.path)]
            done = services.decide_members(by=SYSTEM, campaign=campaign, organization=org, rows=rows,
                                           decision_number=f"{rng.randint(10, 99)}-QĐ/ĐU", decided_on=dt.date(year, 12, 28))
            result.decided += len(done)
        excellent_before = set(campaign.member_reviews.filter(grade=Grade.EXCELLENT).values_list("member_id", flat=True))
        if in_progress:
            continue
        # Grassroots organizations: their self-assessment, then the direct superior decides (good first, then
        # excellent within the quota of the superior's organizations).
        org_reviews = list(campaign.organization_reviews.filter(organization__kind__in=["grassroots_committee",
                                                                                         "grassroots_cell"])
                           .select_related("organization__parent"))
        wanted = {review.pk: Grade.EXCELLENT if rng.random() < 0.2 else Grade.COMPLETED if rng.random() < 0.08 else Grade.GOOD
                  for review in org_reviews}
        _one_excellent_where_the_quota_allows(campaign, org_reviews, wanted)
        for review in org_reviews:
            g = wanted[review.pk]
            score = _score(rng, g, params) if scored else None
            criteria = min(score * 3 / 10, Decimal(30)).quantize(Decimal("0.1")) if score is not None else None
            services.self_assess_organization(by=SYSTEM, review=review, version=None, self_text="Báo cáo kiểm điểm (mẫu 01).",
                                              self_grade=g, criteria_score=criteria,
                                              results_score=score - criteria if score is not None else None,
                                              on=dt.date(year, 12, 10))
        for review in sorted(org_reviews, key=lambda r: rules_rank(wanted[r.pk])):
            review.refresh_from_db()
            grade = wanted[review.pk]
            try:
                services.decide_organization(by=SYSTEM, review=review, version=None, grade=grade,
                                             decision_number=f"{rng.randint(100, 999)}-QĐ/TU", decided_on=dt.date(year + 1, 1, 10))
            except RuleViolation:  # over the quota of the superior: graded good instead
                services.decide_organization(by=SYSTEM, review=review, version=None, grade=Grade.GOOD,
                                             decision_number=f"{rng.randint(100, 999)}-QĐ/TU", decided_on=dt.date(year + 1, 1, 10))
        if year == current - 4:
            # A historical result imported as published: one organization over the quota (flagged on the page).
            first = (campaign.member_reviews.filter(grade=Grade.GOOD).select_related("cell").order_by("cell__path").first())
            if first is not None:
                org = tree.grassroots_today(first.cell) or first.cell
                extra = list(campaign.member_reviews.filter(grade=Grade.GOOD, cell__path__startswith=org.path)
                             .order_by("pk")[:3])
                for r in extra:
                    GradeEvent.objects.create(member_review=r, kind=EventKind.LEGACY, old_grade=Grade.GOOD,
                                              new_grade=Grade.EXCELLENT, on=dt.date(year + 1, 1, 5), actor_label="Hệ thống",
                                              reason="Nhập kết quả đã công bố (vượt tỷ lệ xuất sắc)")
                MemberReview.objects.filter(pk__in=[r.pk for r in extra]).update(grade=Grade.EXCELLENT)
                result.flagged = f"{org.name} ({year})"
    _commendations(rng, root, current - 1, result)
    if log:
        for line in result.summary_lines():
            log(line)
    return result


def _one_excellent_where_the_quota_allows(campaign, org_reviews, wanted: dict[int, str]) -> None:
    """The year's list has an excellent grassroots organization: when none drawn could be decided (a superior with
    few organizations has no room in the quota), the first organization of the largest superior's group with room."""
    from dangvu.evaluations.rules import Grade, quota_max

    groups: dict[int, list] = defaultdict(list)
    for review in org_reviews:
        groups[review.organization.parent_id].append(review)
    for group in sorted(groups.values(), key=lambda g: (-len(g), g[0].organization.path)):
        room = quota_max({Grade.GOOD: len(group) - 1}, campaign.quota_base, campaign.quota_percent)
        if any(wanted[r.pk] == Grade.EXCELLENT for r in group) and room >= 1:
            return
        if room >= 1:
            wanted[min(group, key=lambda r: r.organization.path).pk] = Grade.EXCELLENT
            return


def rules_rank(grade: str) -> int:
    """Decide the lower grades first, so that the excellent quota has its base."""
    from dangvu.evaluations.rules import ORDER

    return -ORDER.index(grade)


RESIDENTIAL = ("residential",)


def _commendations(rng: random.Random, root, year: int, result: EvaluationsResult) -> None:
    """Giấy khen of the district committees for `year`'s results, decided in January: members excellent
    two years in a row or more, and the grassroots organizations graded excellent."""
    from dangvu.core.errors import RuleViolation
    from dangvu.evaluations import services
    from dangvu.evaluations.models import Campaign
    from dangvu.evaluations.rules import Grade
    from dangvu.evaluations.selectors import years_excellent_of

    campaign = Campaign.objects.filter(organization=root, year=year).first()
    if campaign is None:
        return
    on = dt.date(year + 1, 1, 20)
    reviews = list(campaign.member_reviews.filter(grade=Grade.EXCELLENT).select_related("member").order_by("pk"))
    years = years_excellent_of([r.member_id for r in reviews], year)
    for r in reviews:
        if years[r.member_id] < 2:
            continue
        try:
            services.commend(by=SYSTEM, level="certificate", year=year, member=r.member, consecutive_years=years[r.member_id],
                             decision_number=f"{rng.randint(100, 999)}-QĐ/HU", decided_on=on,
                             reason=f"Hoàn thành xuất sắc nhiệm vụ {years[r.member_id]} năm liền ({year - years[r.member_id] + 1}–{year})")
        except RuleViolation:
            continue
        result.commended_members += 1
    for review in campaign.organization_reviews.filter(grade=Grade.EXCELLENT).select_related("organization").order_by("pk"):
        services.commend(by=SYSTEM, level="certificate", year=year, organization=review.organization,
                         decision_number=f"{rng.randint(100, 999)}-QĐ/HU", decided_on=on,
                         reason=f"Tập thể hoàn thành xuất sắc nhiệm vụ năm {year}")
        result.commended_organizations += 1
