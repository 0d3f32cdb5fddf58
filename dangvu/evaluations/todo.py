"""To-do items of the annual review: every pending step, and the striking-off ground of C15.

Pending steps are asked only in the campaigns under way: the current year's and the last
`todo.review_past_years` (1) years' (rules.oldest_year_under_way). A campaign of an older year, opened to import
the results decided at the time, raises no item for the members without a result.

- the member: their own self-assessment, until the self-assessment deadline;
- the cell (its secretary, the officers above): members not yet proposed by the cell;
- the deciding committee: proposals awaiting its decision; organizations awaiting the direct superior;
- a disqualifying condition entered after a higher grade was proposed or decided: to re-grade;
- two consecutive years not completed: a ground for striking off, in the cell's list;
- a year restored after the penalty that re-graded it was cancelled on appeal, whose commendation was cancelled
  with the re-grading (C11): the body that gave it decides again (services.restore_after_cancelled_penalty).
  Nothing else about commendations: they have no proposal step here, and the rules give no number of
  consecutive excellent years that calls for a commendation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.core.todo import TodoItem
from dangvu.evaluations import removal, rules
from dangvu.evaluations.kinds import EventKind, Step
from dangvu.evaluations.models import Campaign, Commendation, GradeEvent, MemberReview, OrganizationReview
from dangvu.evaluations.querysets import DECIDE, GRADE
from dangvu.members.kinds import IN_PARTY, RemovalGround
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on

RULE = "C9, C10, C12 — QĐ 366-QĐ/TW; HD 43-HD/BTCTW (31/10/2025)"


def _overdue(due: dt.date | None, on: dt.date) -> bool:
    return due is not None and due < on


def todo_items(user, on: dt.date) -> list[TodoItem]:
    items: list[TodoItem] = []
    campaigns = {c.pk: c for c in Campaign.objects.visible_to(user).filter(closed_on__isnull=True)}
    # Pending steps only in the campaigns still under way (rules.oldest_year_under_way): an old year opened to import
    # the results decided then asks nothing of its members and cells.
    oldest = rules.oldest_year_under_way(on, params_on(on)["todo.review_past_years"])
    under_way = [pk for pk, c in campaigns.items() if c.year >= oldest]
    # The member's own self-assessment.
    own = MemberReview.objects.none()
    if isinstance(getattr(user, "pk", None), int):
        own = MemberReview.objects.filter(member__user_id=user.pk, step=Step.PENDING, campaign__closed_on__isnull=True,
                                          campaign__year__gte=oldest, exclusion="")
    for r in own.select_related("campaign", "cell"):
        items.append(TodoItem("review_self", "Tự đánh giá, xếp loại", f"Viết bản tự kiểm điểm, tự xếp loại năm "
                              f"{r.campaign.year}", r.campaign.self_assessment_due, _overdue(r.campaign.self_assessment_due, on),
                              reverse("evaluations:self", args=[r.pk]), r.cell.name, RULE, r.cell_id))
    if not campaigns or not permissions.has_scope(user, GRADE):
        return items + _strike_off(user, on)
    reviews = MemberReview.objects.restrict(user, GRADE).filter(campaign_id__in=list(campaigns), exclusion="")
    # The cell's step.
    for row in (reviews.filter(campaign_id__in=under_way).exclude(step__in=[Step.PROPOSED, Step.DECIDED]).values("campaign_id", "cell_id")
                .annotate(n=Count("pk"), self_done=Count("pk", filter=Q(step=Step.SELF_ASSESSED)))):
        c, cell = campaigns[row["campaign_id"]], Organization.objects.get(pk=row["cell_id"])
        items.append(TodoItem("review_cell", "Chi bộ xét, đề xuất xếp loại", f"{row['n']} đảng viên chưa được chi bộ xét, "
                              f"đề xuất xếp loại năm {c.year} ({row['self_done']} đã tự đánh giá)", c.cell_due,
                              _overdue(c.cell_due, on), reverse("evaluations:cell", args=[c.pk, cell.pk]), cell.name, RULE,
                              cell.pk))
    # Conditions entered after a higher grade (in any year: a result to correct, not a pending step).
    for r in (reviews.filter(disqualifications__isnull=False).filter(
            Q(grade__in=rules.ORDER[:-1]) | Q(grade="", proposed_grade__in=rules.ORDER[:-1])).distinct()
            .select_related("member", "cell", "campaign")):
        items.append(TodoItem("review_regrade", "Xếp loại lại do điều kiện không hoàn thành nhiệm vụ",
                              f"{r.member.full_name}: có điều kiện không hoàn thành nhiệm vụ năm {r.campaign.year}, kết quả "
                              "phải là “không hoàn thành nhiệm vụ”", r.campaign.decision_due, _overdue(r.campaign.decision_due, on),
                              reverse("evaluations:campaign", args=[r.campaign_id]), r.cell.name,
                              rules.SOURCE_DISQUALIFIED, r.cell_id))
    # The committee's decisions.
    if permissions.has_scope(user, DECIDE):
        pending = defaultdict(int)
        for campaign_id, path in MemberReview.objects.restrict(user, DECIDE).filter(
                campaign_id__in=under_way, step=Step.PROPOSED).values_list("campaign_id", "cell__path"):
            pending[(campaign_id, path)] += 1
        deciders = Organization.objects.restrict(user, DECIDE).filter(kind__in=("grassroots_committee", "grassroots_cell"))
        for org in deciders:
            for campaign_id in sorted({k[0] for k in pending}):
                n = sum(count for (cid, path), count in pending.items() if cid == campaign_id and path.startswith(org.path))
                if not n:
                    continue
                c = campaigns[campaign_id]
                items.append(TodoItem("review_decide", "Quyết định xếp loại đảng viên", f"{n} đảng viên chờ quyết định xếp "
                                      f"loại năm {c.year}", c.decision_due, _overdue(c.decision_due, on),
                                      reverse("evaluations:decide", args=[c.pk, org.pk]), org.name, RULE, org.pk))
        for r in (OrganizationReview.objects.restrict(user, DECIDE).filter(campaign_id__in=under_way, step=Step.PROPOSED)
                  .select_related("organization__parent", "campaign")):
            parent = r.organization.parent
            if parent is not None and permissions.can(user, DECIDE, parent):
                items.append(TodoItem("review_org_decide", "Quyết định xếp loại tổ chức đảng", f"{r.organization.name}: chờ "
                                      f"cấp trên quyết định xếp loại năm {r.campaign.year}", r.campaign.decision_due,
                                      _overdue(r.campaign.decision_due, on),
                                      reverse("evaluations:organization", args=[r.campaign_id, r.pk]), r.organization.name,
                                      rules.SOURCE_DECIDER, r.organization_id))
    return items + _strike_off(user, on) + _restored_commendations(user)


def _restored_commendations(user) -> list[TodoItem]:
    """C11 undone: the year's result restored, a commendation cancelled with its re-grading and not given again."""
    if not permissions.has_scope(user, DECIDE):
        return []
    items = []
    restored = (GradeEvent.objects.filter(kind=EventKind.RESTORED, member_review__in=MemberReview.objects.restrict(user, DECIDE))
                .select_related("member_review__member", "member_review__cell", "member_review__campaign"))
    for event in restored:
        review = event.member_review
        year = review.campaign.year
        rows = Commendation.objects.filter(member_id=review.member_id, year__gte=year)
        cancelled = [c for c in rows.filter(cancelled_on__isnull=False, cancelled_on__lte=event.on)
                     if c.year - max(c.consecutive_years, 1) + 1 <= year]
        again = rows.filter(cancelled_on__isnull=True, decided_on__gte=event.on)
        for c in cancelled:
            if again.filter(year=c.year, level=c.level).exists():
                continue
            items.append(TodoItem("review_commendation_restored", "Xem xét lại khen thưởng đã hủy theo kết quả được khôi phục",
                                  f"{review.member.full_name}: kết quả năm {year} đã khôi phục ({rules.label(event.new_grade)}, "
                                  f"quyết định {event.decision_number}); {c.get_level_display().lower()} số {c.decision_number} "
                                  f"đã hủy ngày {c.cancelled_on:%d/%m/%Y} theo kết quả bị hủy — cấp đã khen xem xét lại",
                                  None, False, reverse("evaluations:commendations", args=[review.campaign_id]) + f"#commendation-{c.pk}",
                                  review.cell.name, rules.SOURCE_RETROACTIVE, review.cell_id))
    return items


def _strike_off(user, on: dt.date) -> list[TodoItem]:
    """Members of the user's cells with two consecutive years not completed (C15): a ground for striking off."""
    if not permissions.has_scope(user, GRADE):
        return []
    members = Member.objects.restrict(user, GRADE).filter(status__in=IN_PARTY, reviews__grade=rules.Grade.NOT_COMPLETED)
    members = {m.pk: m for m in members.select_related("organization").distinct()}
    years = params_on(on)["evaluations.strike_off_consecutive_years"]
    items = []
    for ev in removal.evidence(members, on):
        m = members[ev.member_id]
        span = ", ".join(str(d.year) for d in ev.months)
        items.append(TodoItem("review_strike_off", "Căn cứ xóa tên: không hoàn thành nhiệm vụ nhiều năm liền",
                              f"{m.full_name}: {years} năm liền không hoàn thành nhiệm vụ ({span}) — căn cứ xóa tên "
                              f"“{RemovalGround.STANDARDS_TWO_YEARS.label}”", ev.months[-1].replace(month=12, day=31), False,
                              reverse("members:detail", args=[m.pk]), m.organization.name if m.organization else "",
                              rules.SOURCE_STRIKE_OFF, m.organization_id))
    return items
