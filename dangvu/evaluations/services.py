"""Use cases of the annual review: the only code that writes this app's tables.

Each one: permission first (PermissionDeniedInScope), then every rule at once (rules.py, parameters by
the campaign's reference date), then one transaction (`@audited`) that locks the rows it changes with
their version, writes them, appends a GradeEvent for every step of a result and an audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from dangvu.accounts import permissions
from dangvu.accounts.system import SYSTEM
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import check_version, lock_for_update
from dangvu.discipline import hooks as discipline_hooks
from dangvu.discipline import selectors as discipline_selectors
from dangvu.discipline.kinds import Form
from dangvu.discipline.models import Proceeding
from dangvu.evaluations import penalties, rules, selectors
from dangvu.evaluations.kinds import EventKind, Exclusion, Step
from dangvu.evaluations.models import (
    Campaign,
    Commendation,
    Disqualification,
    GradeEvent,
    MemberReview,
    OrganizationReview,
    QuotaGroup,
)
from dangvu.evaluations.querysets import DECIDE, GRADE, MANAGE
from dangvu.members import selectors as member_selectors
from dangvu.members.models import Member
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization, OrganizationVersion
from dangvu.organizations.tree import committee_name, subtree_ids_on, version_on
from dangvu.rules.parameters import params_on
from dangvu.rules.regimes import review_regime_on

REVIEWED_KINDS = frozenset(Kind.values) - {Kind.PARTY_GROUP}


def _require(by, action: str, org, words: str) -> None:
    if not permissions.can(by, action, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền {words} của “{org.name}”.")


def _clean(text: str | None) -> str:
    return (text or "").strip()


def _decision_number(number: str | None, v: list[Violation]) -> str:
    number = " ".join((number or "").split())
    if not number:
        v.append(Violation("evaluation.decision_number", "Số quyết định: bắt buộc nhập.", "decision_number"))
    return number


def _event(*, kind, on, member_review=None, organization_review=None, old="", new="", score=None, by=None, **extra):
    return GradeEvent.objects.create(kind=kind, on=on, member_review=member_review, organization_review=organization_review,
                                     old_grade=old or "", new_grade=new or "", score=score,
                                     actor_label=audit.actor_label(by), **extra)


def _params(campaign: Campaign):
    return params_on(campaign.reference_date)


def _disqualifications(review: MemberReview) -> list[rules.Disqualification]:
    """The conditions of one review (C6): entered, and the discipline register's penalties of the year."""
    return penalties.conditions_for([review])[review.pk]


def _lock_reviews(rows) -> list[MemberReview]:
    """`lock_for_update` of every graded row's review in one query (with the member, cell, campaign and
    disqualifications the checks read), in the rows' order; the versions are compared by the caller."""
    pks = [row.review.pk for row in rows if row.grade]
    qs = (MemberReview.objects.select_related("member", "cell", "campaign").prefetch_related("disqualifications")
          .select_for_update(of=("self",)).filter(pk__in=pks))
    fresh = {review.pk: review for review in qs}
    out = []
    for pk in pks:
        if pk not in fresh:
            raise MemberReview.DoesNotExist(f"MemberReview {pk} does not exist.")
        fresh[pk]._bump_version = True
        out.append(fresh[pk])
    return out


# ---------------------------------------------------------------- the campaign

@audited
def open_campaign(*, by, organization: Organization, year: int, name: str = "", reference_date: dt.date | None = None,
                  self_assessment_due: dt.date | None = None, cell_due: dt.date | None = None,
                  decision_due: dt.date | None = None) -> Campaign:
    """Open the review of `organization`'s subtree for `year`, under the regime in force on the
    reference date (31/12 of the year unless given); the quota's percentage and base are recorded now.

    The members reviewed and the organizations are those of the register and the tree as they stood on
    `rules.listed_on` (the reference date once passed, today for the current year): in the party then, in
    the cell of that day, exempted or suspended that day (C12), organizations existing that day."""
    _require(by, MANAGE, organization, "mở đợt đánh giá, xếp loại")
    reference_date = reference_date or dt.date(year, 12, 31)
    v: list[Violation] = []
    if reference_date.year != year:
        v.append(Violation("evaluation.reference_date", f"Ngày xác định quy định áp dụng ({vn_date(reference_date)}) phải "
                           f"thuộc năm đánh giá {year}.", "reference_date"))
    dues = [("self_assessment_due", self_assessment_due), ("cell_due", cell_due), ("decision_due", decision_due)]
    given = [(f, d) for f, d in dues if d is not None]
    for (_f1, d1), (f2, d2) in zip(given, given[1:], strict=False):
        if d2 < d1:
            v.append(Violation("evaluation.deadlines", f"Hạn của bước sau ({vn_date(d2)}) không thể trước hạn của bước "
                               f"trước ({vn_date(d1)}).", f2))
    listed_on = rules.listed_on(reference_date, today())
    if version_on(organization, listed_on) is None:
        v.append(Violation("evaluation.organization_not_active", f"Tổ chức đảng: “{organization.name}” không hoạt động vào "
                           f"ngày {vn_date(listed_on)}, ngày lập danh sách đảng viên và tổ chức được đánh giá; mở đợt ở tổ "
                           "chức đảng có vào ngày đó.", "organization", rules.SOURCE_LISTED))
    if Campaign.objects.filter(organization=organization, year=year).exists():
        v.append(Violation("evaluation.campaign_exists", f"Năm đánh giá: “{organization.name}” đã có đợt đánh giá năm "
                           f"{year}.", "year"))
    raise_if(v)
    params = params_on(reference_date)
    regime = review_regime_on(reference_date)
    base = rules.QuotaBase.GOOD_OR_BETTER if params["evaluations.quota_base_good_or_better"] else rules.QuotaBase.GOOD
    campaign = Campaign(organization=organization, year=year, reference_date=reference_date, regime_code=regime.code,
                        name=_clean(name) or f"Kiểm điểm, đánh giá, xếp loại chất lượng năm {year} — {organization.name}",
                        quota_percent=params["evaluations.excellent_quota_percent"], quota_base=base,
                        self_assessment_due=self_assessment_due, cell_due=cell_due, decision_due=decision_due,
                        created_by=by if getattr(by, "pk", None) else None, created_by_label=audit.actor_label(by))
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as exc:
        raise RuleViolation([Violation("evaluation.campaign_exists", f"Năm đánh giá: “{organization.name}” đã có đợt "
                                       f"đánh giá năm {year}.", "year")]) from exc
    states = member_selectors.in_party_states_on(organization, listed_on).only(
        "member_id", "organization_id", "is_exempted", "is_suspended")
    MemberReview.objects.bulk_create([
        MemberReview(campaign=campaign, member_id=s.member_id, cell_id=s.organization_id,
                     exclusion=Exclusion.EXEMPTED if s.is_exempted else Exclusion.SUSPENDED if s.is_suspended else "",
                     step=Step.EXCLUDED if (s.is_exempted or s.is_suspended) else Step.PENDING)
        for s in states.order_by("member_id")])
    orgs = (OrganizationVersion.objects.valid_on(listed_on).filter(organization_id__in=subtree_ids_on(organization, listed_on),
                                                                    kind__in=REVIEWED_KINDS)
            .order_by("organization_id").values_list("organization_id", flat=True))
    OrganizationReview.objects.bulk_create([OrganizationReview(campaign=campaign, organization_id=pk) for pk in orgs])
    audit.record(actor=by, action="evaluations.open", obj=campaign, after=audit.snapshot(campaign, Campaign.AUDIT_FIELDS),
                 data={"members": campaign.member_reviews.count(), "organizations": campaign.organization_reviews.count(),
                       "listed_on": listed_on},
                 note=f"Mở đợt đánh giá năm {year} theo {regime.title}")
    return campaign


# ---------------------------------------------------------------- the member's self-assessment

def may_self_assess(user, review: MemberReview) -> bool:
    """Only the member themself (the system, for imports and the demo, records on their behalf)."""
    if permissions.is_system(user):
        return True
    return review.member.user_id is not None and review.member.user_id == getattr(user, "pk", None)


@audited
def self_assess(*, by, review: MemberReview, version: int | None, self_text: str, self_grade: str,
                criteria_score: Decimal | None = None, results_score: Decimal | None = None,
                on: dt.date | None = None) -> MemberReview:
    """The member's own self-assessment (a member fills in only their own)."""
    review = lock_for_update(review, queryset=MemberReview.objects.select_related("campaign", "member"))
    if not may_self_assess(by, review):
        raise PermissionDeniedInScope("Chỉ đảng viên tự đánh giá, xếp loại bản thân mình.")
    check_version(review, version)
    campaign, on = review.campaign, on or today()
    params, regime = _params(campaign), campaign.regime
    v: list[Violation] = []
    if review.step in (Step.PROPOSED, Step.DECIDED):
        v.append(Violation("evaluation.closed_step", "Chi bộ đã họp xét, đề xuất xếp loại: bản tự đánh giá không sửa được "
                           "nữa.", "self_grade"))
    if not _clean(self_text):
        v.append(Violation("evaluation.self_text", "Bản tự kiểm điểm: bắt buộc nhập.", "self_text"))
    score = None
    if regime.scored:
        v += rules.check_scores(criteria_score, results_score, params)
        if criteria_score is not None and results_score is not None:
            score = criteria_score + results_score
    else:
        criteria_score = results_score = None
    if not v:
        v += rules.check_member_grade(grade=self_grade, regime=regime, score=score, params=params,
                                      exclusion=review.exclusion, field="self_grade")
    raise_if(v)
    before = audit.snapshot(review, MemberReview.AUDIT_FIELDS)
    review.self_text, review.self_grade = _clean(self_text), self_grade
    review.self_criteria_score, review.self_results_score, review.self_assessed_on = criteria_score, results_score, on
    review.step = Step.SELF_ASSESSED
    review.save()
    _event(kind=EventKind.SELF, on=on, member_review=review, new=self_grade, score=score, by=by)
    audit.record(actor=by, action="evaluations.self", obj=review, before=before,
                 after=audit.snapshot(review, MemberReview.AUDIT_FIELDS),
                 note=f"Tự xếp loại năm {campaign.year}: {rules.label(self_grade)}")
    return review


# ---------------------------------------------------------------- the cell's step

@dataclass
class CellRow:
    review: MemberReview
    version: int | None
    grade: str
    score: Decimal | None = None
    comment: str = ""
    residence_comment: str = ""
    votes_present: int | None = None
    votes_for: int | None = None


def counts_under(campaign: Campaign, path: str, *, field: str = "grade", overrides: dict[int, str] | None = None,
                 cell: Organization | None = None) -> Counter:
    """The grades of the campaign's members under `path` (or in one cell), with `overrides` (review id →
    grade) applied: what the quota is checked on."""
    qs = campaign.member_reviews.filter(exclusion="")
    qs = qs.filter(cell=cell) if cell is not None else qs.filter(cell__path__startswith=path)
    grades = dict(qs.values_list("pk", field))
    grades |= overrides or {}
    return Counter(g for g in grades.values() if g)


@audited
def grade_cell(*, by, campaign: Campaign, cell: Organization, rows: list[CellRow], on: dt.date | None = None) -> list[MemberReview]:
    """The cell's comments, vote, score and proposed grade for its members, on one screen; the excellent
    quota is checked over the whole cell (C7, C8)."""
    _require(by, GRADE, cell, "đề xuất xếp loại đảng viên")
    on = on or today()
    params, regime = _params(campaign), campaign.regime
    v: list[Violation] = []
    locked: list[tuple[MemberReview, CellRow]] = []
    graded = [row for row in rows if row.grade]
    fresh = _lock_reviews(graded)
    conditions = penalties.conditions_for(fresh)
    for row, review in zip(graded, fresh, strict=True):
        if review.campaign_id != campaign.pk or review.cell_id != cell.pk:
            raise PermissionDeniedInScope(f"{review.member.full_name} không thuộc chi bộ “{cell.name}” trong đợt này.")
        check_version(review, row.version)
        name = review.member.full_name
        if review.step == Step.DECIDED:
            v.append(Violation("evaluation.decided", f"{name}: cấp ủy đã quyết định xếp loại; muốn thay đổi phải hủy kết quả "
                               "và xếp loại lại.", "grade", rules.SOURCE_DECIDER))
            continue
        if regime.scored and row.score is not None and not (0 <= row.score <= 100):
            v.append(Violation("evaluation.score_range", f"{name}: điểm phải từ 0 đến 100.", "score", rules.SOURCE_BANDS))
            continue
        v += rules.check_member_grade(grade=row.grade, regime=regime, score=row.score if regime.scored else None,
                                      params=params, disqualifications=conditions[review.pk],
                                      exclusion=review.exclusion, full_name=name)
        if row.votes_present is not None and row.votes_for is not None and row.votes_for > row.votes_present:
            v.append(Violation("evaluation.votes", f"{name}: số phiếu tán thành ({row.votes_for}) không thể nhiều hơn số "
                               f"đảng viên dự biểu quyết ({row.votes_present}).", "votes_for"))
        locked.append((review, row))
    overrides = {review.pk: row.grade for review, row in locked}
    v += rules.check_quota(counts_under(campaign, cell.path, field="proposed_grade", overrides=overrides, cell=cell),
                           base=campaign.quota_base, percent=campaign.quota_percent, organization=cell.name)
    raise_if(v)
    out = []
    for review, row in locked:
        before = audit.snapshot(review, MemberReview.AUDIT_FIELDS)
        old = review.proposed_grade
        review.proposed_grade, review.proposed_on = row.grade, on
        review.score = row.score if regime.scored else None
        review.cell_comment, review.residence_comment = _clean(row.comment), _clean(row.residence_comment)
        review.votes_present, review.votes_for = row.votes_present, row.votes_for
        review.step = Step.PROPOSED
        review.save()
        _event(kind=EventKind.PROPOSED, on=on, member_review=review, old=old, new=row.grade, score=review.score, by=by)
        audit.record(actor=by, action="evaluations.propose", obj=review, before=before,
                     after=audit.snapshot(review, MemberReview.AUDIT_FIELDS),
                     note=f"Chi bộ {cell.name} đề xuất xếp loại năm {campaign.year}: {rules.label(row.grade)}")
        out.append(review)
    return out


# ---------------------------------------------------------------- the committee's decision

@dataclass
class DecisionRow:
    review: MemberReview
    version: int | None
    grade: str


@audited
def decide_members(*, by, campaign: Campaign, organization: Organization, rows: list[DecisionRow], decision_number: str,
                   decided_on: dt.date, deciding_body: str = "") -> list[MemberReview]:
    """The competent committee decides the grades of members under `organization` (proposed by their
    cells); the quota is checked over the whole organization (C7: within each grassroots organization)."""
    _require(by, DECIDE, organization, "quyết định xếp loại đảng viên")
    params, regime = _params(campaign), campaign.regime
    v: list[Violation] = []
    number = _decision_number(decision_number, v)
    body = _clean(deciding_body) or committee_name(organization)
    locked: list[tuple[MemberReview, str]] = []
    graded = [row for row in rows if row.grade]
    fresh = _lock_reviews(graded)
    conditions = penalties.conditions_for(fresh)
    for row, review in zip(graded, fresh, strict=True):
        if review.campaign_id != campaign.pk or not review.cell.path.startswith(organization.path):
            raise PermissionDeniedInScope(f"{review.member.full_name} không thuộc “{organization.name}” trong đợt này.")
        check_version(review, row.version)
        name = review.member.full_name
        if review.step != Step.PROPOSED:
            v.append(Violation("evaluation.not_proposed", f"{name}: chi bộ chưa đề xuất xếp loại (hoặc đã có quyết định).",
                               "grade"))
            continue
        v += rules.check_member_grade(grade=row.grade, regime=regime, score=review.score, params=params,
                                      disqualifications=conditions[review.pk], exclusion=review.exclusion,
                                      full_name=name)
        locked.append((review, row.grade))
    v += rules.check_quota(counts_under(campaign, organization.path, overrides={r.pk: g for r, g in locked}),
                           base=campaign.quota_base, percent=campaign.quota_percent, organization=organization.name)
    v += rules.group_quota_violations(selectors.member_group_counts(campaign, {r.pk: g for r, g in locked}),
                                      base=campaign.quota_base, percent=campaign.quota_percent)
    raise_if(v)
    out = []
    for review, grade in locked:
        before = audit.snapshot(review, MemberReview.AUDIT_FIELDS)
        review.grade, review.decided_on, review.decision_number, review.deciding_body = grade, decided_on, number, body
        review.step = Step.DECIDED
        review.save()
        _event(kind=EventKind.DECIDED, on=decided_on, member_review=review, new=grade, score=review.score, by=by,
               decision_number=number, deciding_body=body)
        audit.record(actor=by, action="evaluations.decide", obj=review, before=before,
                     after=audit.snapshot(review, MemberReview.AUDIT_FIELDS),
                     note=f"{body} quyết định xếp loại năm {campaign.year} ({number}, {vn_date(decided_on)}): "
                          f"{rules.label(grade)}")
        out.append(review)
    return out


# ---------------------------------------------------------------- conditions and re-grading

@audited
def record_disqualification(*, by, review: MemberReview, description: str, occurred_on: dt.date,
                            discipline_id: int | None = None) -> Disqualification:
    """Enter a disqualifying condition (C6) for a member's year. Until the discipline register exists it is
    entered by hand; `discipline_id` links it to a discipline decision later. A grade already proposed or
    decided above "not completed" must then be re-graded (the to-do list shows it)."""
    review = lock_for_update(review, queryset=MemberReview.objects.select_related("member", "cell", "campaign"))
    _require(by, GRADE, review.cell, "ghi điều kiện xếp loại đảng viên")
    v = []
    if not _clean(description):
        v.append(Violation("evaluation.disqualification", "Điều kiện không hoàn thành nhiệm vụ: bắt buộc ghi rõ (ví dụ: bị "
                           "kỷ luật khiển trách ngày …).", "description", rules.SOURCE_DISQUALIFIED))
    if occurred_on.year != review.campaign.year:
        v.append(Violation("evaluation.disqualification_year", f"Ngày ({vn_date(occurred_on)}): điều kiện phải xảy ra "
                           f"trong năm đánh giá {review.campaign.year}.", "occurred_on", rules.SOURCE_DISQUALIFIED))
    raise_if(v)
    row = Disqualification.objects.create(review=review, description=_clean(description)[:300], occurred_on=occurred_on,
                                          discipline_id=discipline_id, recorded_by_label=audit.actor_label(by))
    review.save(update_fields=["updated_at"])
    audit.record(actor=by, action="evaluations.disqualify", obj=review,
                 data={"description": row.description, "occurred_on": occurred_on, "discipline_id": discipline_id},
                 note=f"Điều kiện không hoàn thành nhiệm vụ năm {review.campaign.year}: {row.description}")
    return row


@audited
def regrade_member(*, by, review: MemberReview, version: int | None, grade: str, reason: str, decision_number: str,
                   on: dt.date, retroactive: bool = False, discipline_id: int | None = None) -> MemberReview:
    """Cancel a decided result and grade again (C10), or, when a past-year violation is disciplined, grade
    the year of the violation "not completed" (C11). The earlier events stay; a new one is added."""
    review = lock_for_update(review, queryset=MemberReview.objects.select_related("member", "cell", "campaign"))
    _require(by, DECIDE, review.cell, "xếp loại lại đảng viên")
    check_version(review, version)
    campaign = review.campaign
    v: list[Violation] = []
    number = _decision_number(decision_number, v)
    if not _clean(reason):
        v.append(Violation("evaluation.reason", "Lý do hủy kết quả, xếp loại lại: bắt buộc nhập.", "reason"))
    if review.step != Step.DECIDED:
        v.append(Violation("evaluation.not_decided", f"{review.member.full_name}: năm {campaign.year} chưa có quyết định "
                           "xếp loại để hủy.", "grade"))
    if retroactive and grade != rules.Grade.NOT_COMPLETED:
        v.append(Violation("evaluation.retroactive", "Xếp loại lại do kỷ luật vi phạm của năm trước: năm có vi phạm là "
                           f"“{rules.label(rules.Grade.NOT_COMPLETED)}”.", "grade", rules.SOURCE_RETROACTIVE))
    if not v:
        v += rules.check_member_grade(grade=grade, regime=campaign.regime, score=review.score, params=_params(campaign),
                                      disqualifications=_disqualifications(review), exclusion=review.exclusion,
                                      full_name=review.member.full_name)
    raise_if(v)
    before = audit.snapshot(review, MemberReview.AUDIT_FIELDS)
    old = review.grade
    review.grade, review.decided_on, review.decision_number = grade, on, number
    review.original_label = ""  # the imported label was the cancelled result's (kept in its LEGACY event)
    review.save()
    _event(kind=EventKind.RETROACTIVE if retroactive else EventKind.REGRADED, on=on, member_review=review, old=old,
           new=grade, score=review.score, by=by, decision_number=number, reason=_clean(reason), discipline_id=discipline_id)
    if grade == rules.Grade.NOT_COMPLETED:
        cancel_related_commendations(by=by, member_review=review, on=on, decision_number=number, reason=_clean(reason))
    audit.record(actor=by, action="evaluations.regrade", obj=review, before=before,
                 after=audit.snapshot(review, MemberReview.AUDIT_FIELDS),
                 note=f"Hủy kết quả năm {campaign.year} ({rules.label(old)}), xếp loại lại: {rules.label(grade)} — "
                      f"{_clean(reason)}")
    return review


@audited
def regrade_for_past_violation(*, by, member: Member, year: int, description: str, occurred_on: dt.date, reason: str,
                               decision_number: str, on: dt.date, discipline_id: int | None = None) -> MemberReview:
    """C11: a violation of `year` disciplined later makes `year` "not completed": the condition is entered
    for that year and its result cancelled and re-graded; the commendations resting on that year are
    cancelled with it (events, never deleted)."""
    review = (MemberReview.objects.filter(member=member, campaign__year=year, step=Step.DECIDED)
              .select_related("campaign").first())
    if review is None:
        raise RuleViolation([Violation("evaluation.no_result", f"{member.full_name}: chưa có kết quả xếp loại năm {year} "
                                       "để xếp loại lại.", "year", rules.SOURCE_RETROACTIVE)])
    record_disqualification(by=by, review=review, description=description, occurred_on=occurred_on,
                            discipline_id=discipline_id)
    return regrade_member(by=by, review=review, version=None, grade=rules.Grade.NOT_COMPLETED, reason=reason,
                          decision_number=decision_number, on=on, retroactive=True, discipline_id=discipline_id)


# ---------------------------------------------------------------- organizations

def _superior(org: Organization) -> Organization | None:
    return org.parent


@audited
def self_assess_organization(*, by, review: OrganizationReview, version: int | None, self_text: str, self_grade: str,
                             criteria_score: Decimal | None = None, results_score: Decimal | None = None,
                             on: dt.date | None = None) -> OrganizationReview:
    """The organization's self-assessment (Form 01) and its proposed grade, by those who run it."""
    review = lock_for_update(review, queryset=OrganizationReview.objects.select_related("organization", "campaign"))
    _require(by, GRADE, review.organization, "tự đánh giá, xếp loại tổ chức đảng")
    check_version(review, version)
    campaign, on = review.campaign, on or today()
    params, regime = _params(campaign), campaign.regime
    v: list[Violation] = []
    if review.step == Step.DECIDED:
        v.append(Violation("evaluation.decided", "Cấp trên đã quyết định xếp loại: báo cáo tự đánh giá không sửa được nữa.",
                           "self_grade", rules.SOURCE_DECIDER))
    if not _clean(self_text):
        v.append(Violation("evaluation.self_text", "Báo cáo kiểm điểm (mẫu 01): bắt buộc nhập.", "self_text"))
    score = None
    if regime.scored:
        v += rules.check_scores(criteria_score, results_score, params)
        if not v:
            score = criteria_score + results_score
    else:
        criteria_score = results_score = None
    if not v:
        v += rules.check_organization_grade(grade=self_grade, regime=regime, score=score, params=params,
                                            field="self_grade")
    raise_if(v)
    before = audit.snapshot(review, OrganizationReview.AUDIT_FIELDS)
    review.self_text, review.self_grade, review.proposed_grade = _clean(self_text), self_grade, self_grade
    review.criteria_score, review.results_score, review.step = criteria_score, results_score, Step.PROPOSED
    review.save()
    _event(kind=EventKind.PROPOSED, on=on, organization_review=review, new=self_grade, score=score, by=by)
    audit.record(actor=by, action="evaluations.org_self", obj=review, before=before,
                 after=audit.snapshot(review, OrganizationReview.AUDIT_FIELDS),
                 note=f"Tự xếp loại năm {campaign.year}: {rules.label(self_grade)}")
    return review


def organization_counts(campaign: Campaign, superior: Organization, overrides: dict[int, str]) -> Counter:
    grades = dict(campaign.organization_reviews.filter(organization__parent=superior).values_list("pk", "grade"))
    grades |= overrides
    return Counter(g for g in grades.values() if g)


@audited
def decide_organization(*, by, review: OrganizationReview, version: int | None, grade: str, decision_number: str,
                        decided_on: dt.date, reason: str = "") -> OrganizationReview:
    """The direct superior's standing committee decides the grade of a party organization (C10); on a
    result already decided this cancels it and grades again (the earlier event stays)."""
    review = lock_for_update(review, queryset=OrganizationReview.objects.select_related("organization", "campaign"))
    org = review.organization
    superior = _superior(org)
    if superior is None:
        raise PermissionDeniedInScope(f"“{org.name}” không có cấp ủy cấp trên trực tiếp trong hệ thống.")
    _require(by, DECIDE, superior, "quyết định xếp loại các tổ chức đảng trực thuộc")
    check_version(review, version)
    campaign = review.campaign
    regrading = review.step == Step.DECIDED
    v: list[Violation] = []
    number = _decision_number(decision_number, v)
    if regrading and not _clean(reason):
        v.append(Violation("evaluation.reason", "Lý do hủy kết quả, xếp loại lại: bắt buộc nhập.", "reason",
                           rules.SOURCE_DECIDER))
    v += rules.check_organization_grade(grade=grade, regime=campaign.regime, score=review.score, params=_params(campaign),
                                        name=org.name)
    v += rules.check_quota(organization_counts(campaign, superior, {review.pk: grade}), base=campaign.quota_base,
                           percent=campaign.quota_percent, organization=f"các tổ chức trực thuộc {superior.name}")
    v += rules.group_quota_violations(selectors.organization_group_counts(campaign, {review.pk: grade}),
                                      base=campaign.quota_base, percent=campaign.quota_percent)
    raise_if(v)
    before = audit.snapshot(review, OrganizationReview.AUDIT_FIELDS)
    old, body = review.grade, committee_name(superior)
    review.grade, review.decided_on, review.decision_number, review.deciding_body = grade, decided_on, number, body
    review.step = Step.DECIDED
    review.original_label = ""  # an imported label was the cancelled result's (kept in its LEGACY event)
    review.save()
    _event(kind=EventKind.REGRADED if regrading else EventKind.DECIDED, on=decided_on, organization_review=review, old=old,
           new=grade, score=review.score, by=by, decision_number=number, deciding_body=body, reason=_clean(reason))
    if regrading and grade == rules.Grade.NOT_COMPLETED:
        cancel_related_commendations(by=by, organization_review=review, on=decided_on, decision_number=number,
                                     reason=_clean(reason))
    audit.record(actor=by, action="evaluations.org_decide", obj=review, before=before,
                 after=audit.snapshot(review, OrganizationReview.AUDIT_FIELDS),
                 note=f"{body} {'hủy kết quả, xếp loại lại' if regrading else 'quyết định xếp loại'} năm {campaign.year}: "
                      f"{rules.label(grade)}")
    return review


def _legacy_checks(review, campaign: Campaign, name: str, decided_on: dt.date) -> list[Violation]:
    """What refuses any result decided outside the application, an organization's or a member's: a year already
    decided (cancel and re-grade on the review page), a decision date before the year or in the future."""
    v: list[Violation] = []
    if review.step == Step.DECIDED:
        v.append(Violation("evaluation.decided", f"{name}: năm {campaign.year} đã có quyết định xếp loại; muốn thay đổi "
                           "phải hủy kết quả và xếp loại lại.", "original_label", rules.SOURCE_DECIDER))
    if decided_on.year < campaign.year or decided_on > today():
        v.append(Violation("evaluation.decided_on", f"Ngày quyết định ({vn_date(decided_on)}): không trước năm đánh giá "
                           f"{campaign.year}, không sau hôm nay.", "decided_on"))
    return v


def _write_legacy(by, review, *, grade: str, label_text: str, decision_number: str, decided_on: dt.date, action: str,
                  **event_subject):
    """Decide `review` (an OrganizationReview or a MemberReview) with a result decided outside the application: the
    grade, the label as written, the decision; a LEGACY event and the audit entry."""
    before = audit.snapshot(review, review.AUDIT_FIELDS)
    review.grade, review.original_label, review.decided_on = grade, label_text, decided_on
    review.decision_number, review.step = " ".join((decision_number or "").split()), Step.DECIDED
    review.save()
    _event(kind=EventKind.LEGACY, on=decided_on, new=grade, by=by, original_label=review.original_label,
           decision_number=review.decision_number, **event_subject)
    audit.record(actor=by, action=action, obj=review, before=before, after=audit.snapshot(review, review.AUDIT_FIELDS),
                 note=f"Nhập kết quả cũ năm {review.campaign.year}: “{review.original_label}” → {rules.label(grade)}")
    return review


@audited
def record_legacy_result(*, by, review: OrganizationReview, original_label: str, decision_number: str = "",
                         decided_on: dt.date) -> OrganizationReview:
    """A historical result under an old label ("trong sạch, vững mạnh", "yếu kém"…), mapped to the four
    grades by the table (rules.LEGACY_LABELS); the original label is kept. Refused as a member's (`_legacy_checks`)."""
    review = lock_for_update(review, queryset=OrganizationReview.objects.select_related("organization", "campaign"))
    _require(by, MANAGE, review.organization, "nhập kết quả xếp loại cũ")
    label_text = _clean(original_label)
    grade = rules.legacy_grade(original_label)
    v: list[Violation] = []
    if grade is None:
        v.append(Violation("evaluation.legacy_label", f"Mức xếp loại cũ “{label_text}”: không có trong bảng quy đổi "
                           "(trong sạch, vững mạnh; hoàn thành tốt nhiệm vụ; hoàn thành nhiệm vụ; yếu kém).",
                           "original_label"))
    v += _legacy_checks(review, review.campaign, review.organization.name, decided_on)
    raise_if(v)
    return _write_legacy(by, review, grade=grade, label_text=label_text, decision_number=decision_number,
                         decided_on=decided_on, action="evaluations.org_decide", organization_review=review)


@audited
def record_legacy_member_result(*, by, review: MemberReview, original_label: str, decision_number: str = "",
                                decided_on: dt.date) -> MemberReview:
    """A member's result decided outside the application (an old year, a paper register): the label as written
    ("Đủ tư cách, hoàn thành tốt nhiệm vụ", "Vi phạm tư cách"…, or one of the four grades) is mapped to the four
    grades by the table (rules.MEMBER_LEGACY_LABELS), kept as the original label, and the review is decided.

    The committee already decided: the result is NOT re-checked against the excellent quota (C7, C8), nor against
    the score bands or the conditions entered for the year (a condition contradicting it shows in the to-do list,
    to re-grade, as for any decided result). Refused: a member not graded that year (C12: the review excluded),
    and what `_legacy_checks` refuses."""
    review = lock_for_update(review, queryset=MemberReview.objects.select_related("member", "cell", "campaign"))
    _require(by, MANAGE, review.cell, "nhập kết quả xếp loại cũ của đảng viên")
    campaign, name, label_text = review.campaign, review.member.full_name, _clean(original_label)
    grade = rules.member_legacy_grade(label_text)
    v: list[Violation] = []
    if grade is None:
        v.append(Violation("evaluation.legacy_label", f"Mức xếp loại “{label_text}”: không có trong bảng quy đổi (đủ tư "
                           "cách, hoàn thành xuất sắc / tốt nhiệm vụ; đủ tư cách, hoàn thành nhiệm vụ; vi phạm tư cách; "
                           "hoặc một trong bốn mức hiện hành).", "original_label", rules.SOURCE_MEMBER_LEGACY))
    elif review.exclusion:
        v += rules.check_member_grade(grade=grade, regime=campaign.regime, score=None, params=_params(campaign),
                                      exclusion=review.exclusion, full_name=name, field="original_label")
    v += _legacy_checks(review, campaign, name, decided_on)
    raise_if(v)
    return _write_legacy(by, review, grade=grade, label_text=label_text, decision_number=decision_number,
                         decided_on=decided_on, action="evaluations.decide", member_review=review)


# ---------------------------------------------------------------- commendations (khen thưởng)

def _years_excellent(*, member: Member | None = None, organization: Organization | None = None, year: int) -> int:
    """The years excellent in a row ending with `year`, from the results in force."""
    if member is not None:
        rows = MemberReview.objects.filter(member=member, step=Step.DECIDED, campaign__year__lte=year)
    else:
        rows = OrganizationReview.objects.filter(organization=organization, step=Step.DECIDED, campaign__year__lte=year)
    return rules.consecutive_excellent(dict(rows.values_list("campaign__year", "grade")), year)


def _result_of(*, member: Member | None, organization: Organization | None, year: int):
    """The review of `year` and whether its result was cancelled by a re-grading to not completed."""
    if member is not None:
        review = MemberReview.objects.filter(member=member, campaign__year=year).select_related("cell").first()
    else:
        review = OrganizationReview.objects.filter(organization=organization, campaign__year=year).first()
    if review is None or review.step != Step.DECIDED:
        return review, None, False
    cancelled = review.grade == rules.Grade.NOT_COMPLETED and review.events.filter(
        kind__in=[EventKind.RETROACTIVE, EventKind.REGRADED]).exists()
    return review, review.grade, cancelled


@audited
def commend(*, by, level: str, year: int, decision_number: str, decided_on: dt.date, reason: str,
            member: Member | None = None, organization: Organization | None = None, consecutive_years: int = 0,
            deciding_body: str = "") -> Commendation:
    """Record a commendation of an individual (`member`) or a collective (`organization`) for the result of
    `year`: the years excellent in a row are computed from the results; refused while a penalty is in force
    (K8), when the year's result was cancelled (C11) or is not completed."""
    if (member is None) == (organization is None):
        raise RuleViolation([Violation("evaluation.commendation_subject", "Khen thưởng: chọn một cá nhân hoặc một tập "
                                       "thể.", "member")])
    review, grade, cancelled = _result_of(member=member, organization=organization, year=year)
    unit = (review.cell if review is not None else member.organization) if member is not None else organization
    if unit is None:
        raise RuleViolation([Violation("evaluation.commendation_subject", f"{member.full_name}: không thuộc chi bộ nào.",
                                       "member")])
    _require(by, DECIDE, unit, "khen thưởng")
    subject = member.full_name if member is not None else organization.name
    v: list[Violation] = []
    number = " ".join((decision_number or "").split())
    if level not in rules.LEVEL_WORDS:
        v.append(Violation("evaluation.commendation_level", "Hình thức khen thưởng: chọn giấy khen, bằng khen hoặc cờ thi "
                           "đua.", "level"))
    if decided_on.year < year:
        v.append(Violation("evaluation.commendation_date", f"Ngày quyết định ({vn_date(decided_on)}) không thể trước năm "
                           f"kết quả {year}.", "decided_on"))
    v += rules.check_commendation(
        subject=subject, year=year, grade=grade, cancelled=cancelled, consecutive_years=consecutive_years or 0,
        excellent_years=_years_excellent(member=member, organization=organization, year=year),
        penalties=(penalties.penalties_in_force(member, decided_on) if member is not None
                   else penalties.organization_penalty(organization, decided_on)), decision_number=number,
        reason=reason)
    raise_if(v)
    body = _clean(deciding_body) or committee_name(review.campaign.organization if review is not None else unit)
    row = Commendation.objects.create(
        level=level, member=member, organization=organization, cell=unit if member is not None else None, year=year,
        consecutive_years=consecutive_years or 0, member_review=review if member is not None else None,
        organization_review=review if organization is not None else None, decision_number=number, decided_on=decided_on,
        deciding_body=body, reason=_clean(reason), recorded_by_label=audit.actor_label(by))
    audit.record(actor=by, action="evaluations.commend", obj=row, after=audit.snapshot(row, Commendation.AUDIT_FIELDS),
                 note=f"{row.get_level_display()} ({number}, {vn_date(decided_on)}) cho {subject}: {row.reason}")
    return row


def related_commendations(*, member_review: MemberReview | None = None, organization_review: OrganizationReview | None = None):
    """The commendations in force resting on the review's year: for that year, or for years in a row that
    include it."""
    review = member_review or organization_review
    year = review.campaign.year
    subject = {"member_id": member_review.member_id} if member_review else {
        "organization_id": organization_review.organization_id}
    rows = Commendation.objects.filter(cancelled_on__isnull=True, year__gte=year, **subject)
    return [c for c in rows.order_by("pk") if c.year - max(c.consecutive_years, 1) + 1 <= year]


@audited
def cancel_related_commendations(*, by, on: dt.date, decision_number: str, reason: str,
                                 member_review: MemberReview | None = None,
                                 organization_review: OrganizationReview | None = None) -> list[Commendation]:
    """C11: the result of the review's year cancelled, the commendations resting on it are cancelled too, each
    with an event on the review (nothing is deleted). Called inside the re-grading's transaction."""
    review = member_review or organization_review
    out = []
    for row in related_commendations(member_review=member_review, organization_review=organization_review):
        row = lock_for_update(row)
        before = audit.snapshot(row, Commendation.AUDIT_FIELDS)
        row.cancelled_on, row.cancellation_decision_number = on, decision_number
        row.cancellation_reason = f"Kết quả xếp loại năm {review.campaign.year} bị hủy: {reason}"
        row.save()
        _event(kind=EventKind.COMMENDATION_CANCELLED, on=on, member_review=member_review,
               organization_review=organization_review, old=review.grade, new=review.grade, by=by,
               decision_number=decision_number, reason=f"Hủy {row.get_level_display().lower()} số {row.decision_number} "
               f"({vn_date(row.decided_on)}): {row.cancellation_reason}")
        audit.record(actor=by, action="evaluations.commendation_cancel", obj=row, before=before,
                     after=audit.snapshot(row, Commendation.AUDIT_FIELDS), note=row.cancellation_reason)
        out.append(row)
    return out


# ---------------------------------------------------------------- groups of similar function (C7)

@audited
def define_quota_group(*, by, campaign: Campaign, name: str, organizations: list[Organization]) -> QuotaGroup:
    """A group of similar function for the campaign (C7: "trong từng nhóm có chức năng, nhiệm vụ tương đồng"):
    organizations of the campaign's subtree, each in one group at most."""
    _require(by, MANAGE, campaign.organization, "chia nhóm tính tỷ lệ xuất sắc")
    v: list[Violation] = []
    name = _clean(name)
    if not name:
        v.append(Violation("evaluation.group_name", "Tên nhóm: bắt buộc nhập.", "name", rules.SOURCE_QUOTA))
    elif campaign.quota_groups.filter(name=name).exists():
        v.append(Violation("evaluation.group_name", f"Tên nhóm: đợt này đã có nhóm “{name}”.", "name"))
    if not organizations:
        v.append(Violation("evaluation.group_organizations", "Tổ chức đảng trong nhóm: chọn ít nhất một.", "organizations",
                           rules.SOURCE_QUOTA))
    outside = [o.name for o in organizations if not o.path.startswith(campaign.organization.path)]
    if outside:
        v.append(Violation("evaluation.group_organizations", f"Tổ chức đảng trong nhóm: {', '.join(outside)} không thuộc "
                           f"“{campaign.organization.name}”.", "organizations"))
    taken = QuotaGroup.organizations.through.objects.filter(quotagroup__campaign=campaign,
                                                           organization__in=organizations).select_related("organization")
    if taken:
        v.append(Violation("evaluation.group_organizations", "Tổ chức đảng trong nhóm: "
                           f"{', '.join(t.organization.name for t in taken)} đã thuộc một nhóm khác.", "organizations",
                           rules.SOURCE_QUOTA))
    raise_if(v)
    group = QuotaGroup.objects.create(campaign=campaign, name=name)
    group.organizations.set(organizations)
    audit.record(actor=by, action="evaluations.quota_groups", obj=campaign,
                 data={"group": name, "organizations": sorted(o.pk for o in organizations)},
                 note=f"Nhóm tính tỷ lệ xuất sắc “{name}”: {', '.join(o.name for o in organizations)}")
    return group


# ---------------------------------------------------------------- the discipline register's hook (C11)

def on_penalty_decided(event: discipline_hooks.PenaltyDecided, *, by) -> None:
    """C11: a penalty announced (or increased on appeal) re-grades "not completed" each year of its violations
    decided above it, cancelling the related commendations (penalties.py). Runs in the discipline service's
    transaction: the re-grading commits or rolls back with the penalty."""
    if event.member_id is None:
        return
    if event.event == discipline_hooks.CANCELLED:
        restore_after_cancelled_penalty(by=by, proceeding_id=event.proceeding_id, member_id=event.member_id,
                                        on=event.effective_on)
        return
    proceeding = Proceeding.objects.prefetch_related("violations").get(pk=event.proceeding_id)
    reviews = (MemberReview.objects.filter(member_id=event.member_id, campaign__year__in=event.violation_years,
                                           step=Step.DECIDED).exclude(grade=rules.Grade.NOT_COMPLETED)
               .select_related("member", "cell", "campaign"))
    form = Form(event.form).label.lower()
    number = proceeding.decision_number or f"kỷ luật {event.proceeding_id}"
    for review in reviews:
        year = review.campaign.year
        committed = min(v.committed_on for v in proceeding.violations.all() if v.committed_on.year == year)
        actor = by if permissions.can(by, DECIDE, review.cell) else SYSTEM
        regrade_for_past_violation(
            by=actor, member=review.member, year=year, occurred_on=committed, on=event.effective_on,
            description=f"Kỷ luật {form} do vi phạm ngày {vn_date(committed)} (quyết định {number})",
            reason=f"Vi phạm năm {year} bị kỷ luật {form} (quyết định {number}, công bố {vn_date(event.effective_on)})",
            decision_number=number, discipline_id=event.proceeding_id)


@audited
def restore_after_cancelled_penalty(*, by, proceeding_id: int, member_id: int, on: dt.date) -> list[MemberReview]:
    """C11 undone: an appeal decision cancelled the penalty that re-graded a past year "not completed". Each
    year whose present grade is still that re-grading's goes back to the grade it had before, by a new event
    (RESTORED, the appeal decision's number; the earlier events stay). A year re-graded since, or still capped by
    another condition, keeps its grade.

    The commendations cancelled with the re-grading STAY CANCELLED: C11 (HD 25-HD/BTCTW 4.5) orders their
    cancellation and no rule restores them; a commendation is the decision of the body that gave it, which may
    decide it again. The restored event says so."""
    appeal = discipline_selectors.cancelling_appeal(proceeding_id)
    number = (appeal.decision_number if appeal else "") or f"hủy kỷ luật {proceeding_id}"
    out = []
    retro = (GradeEvent.objects.filter(kind=EventKind.RETROACTIVE, discipline_id=proceeding_id,
                                       member_review__member_id=member_id).select_related("member_review"))
    for event in retro:
        review = lock_for_update(event.member_review, queryset=MemberReview.objects.select_related("member", "cell",
                                                                                                 "campaign"))
        last = review.events.exclude(kind=EventKind.COMMENDATION_CANCELLED).order_by("-on", "-id").first()
        if last is None or last.pk != event.pk or review.grade != rules.Grade.NOT_COMPLETED:
            continue  # re-graded since: that later decision stands
        if rules.check_member_grade(grade=event.old_grade, regime=review.campaign.regime, score=review.score,
                                    params=_params(review.campaign), disqualifications=_disqualifications(review),
                                    exclusion=review.exclusion, full_name=review.member.full_name):
            continue  # still capped (another penalty or condition of the year)
        actor = by if permissions.can(by, DECIDE, review.cell) else SYSTEM
        before = audit.snapshot(review, MemberReview.AUDIT_FIELDS)
        review.grade, review.decided_on, review.decision_number = event.old_grade, on, number
        review.save()
        reason = (f"Quyết định kỷ luật đã làm xếp loại lại năm {review.campaign.year} bị hủy khi giải quyết khiếu nại "
                  f"(quyết định {number}, công bố {vn_date(on)}); khen thưởng đã hủy theo kết quả đó không tự khôi phục.")
        _event(kind=EventKind.RESTORED, on=on, member_review=review, old=rules.Grade.NOT_COMPLETED, new=event.old_grade,
               score=review.score, by=actor, decision_number=number, reason=reason, discipline_id=proceeding_id)
        audit.record(actor=actor, action="evaluations.restore", obj=review, before=before,
                     after=audit.snapshot(review, MemberReview.AUDIT_FIELDS),
                     note=f"Khôi phục kết quả năm {review.campaign.year}: {rules.label(event.old_grade)} — {reason}")
        out.append(review)
    return out
