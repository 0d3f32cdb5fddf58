"""Pages of the annual review (/danh-gia/).

Every read starts from `restrict`: a campaign, a review or an organization outside the user's scope is
a 404; one the user may see but not act on is a 403. The services decide the rules.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core.dates import today
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.core.forms import run_service
from dangvu.core.http import content_disposition
from dangvu.documents.http import docx_response
from dangvu.evaluations import documents, exports, rules, selectors, services
from dangvu.evaluations.forms import (
    CampaignForm,
    CellRowForm,
    CommendationForm,
    DecisionForm,
    DecisionRowForm,
    OrganizationDecisionForm,
    QuotaGroupForm,
    SelfAssessmentForm,
)
from dangvu.evaluations.kinds import Step
from dangvu.evaluations.models import Campaign, MemberReview, OrganizationReview
from dangvu.evaluations.querysets import DECIDE, GRADE, MANAGE
from dangvu.members import hooks as member_hooks
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on
from dangvu.rules.parameters import text as param_text


def _campaign(request, pk) -> Campaign:
    return get_object_or_404(Campaign.objects.visible_to(request.user).select_related("organization"), pk=pk)


def _org(request, pk, campaign: Campaign, action: str) -> Organization:
    org = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk,
                            path__startswith=campaign.organization.path)
    if not permissions.can(request.user, action, org):
        raise PermissionDenied(_("Bạn chỉ có quyền xem đánh giá, xếp loại của “%(name)s”.") % {"name": org.name})
    return org


@login_required
def index(request):
    campaigns = Campaign.objects.visible_to(request.user).select_related("organization")
    own = MemberReview.objects.filter(member__user=request.user).select_related("campaign").order_by("-campaign__year")
    return render(request, "evaluations/index.html", {
        "campaigns": campaigns, "own": own, "can_open": permissions.has_scope(request.user, MANAGE)})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    orgs = Organization.objects.restrict(request.user, MANAGE).filter(ended_on__isnull=True).order_by("path")
    if not permissions.has_scope(request.user, MANAGE):
        raise PermissionDenied(_("Bạn không có quyền mở đợt đánh giá, xếp loại."))
    form = CampaignForm(request.POST or None, organizations=orgs,
                        initial={"year": today().year} if request.method == "GET" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        campaign = run_service(form, lambda: services.open_campaign(
            by=request.user, organization=d["organization"], year=d["year"], reference_date=d["reference_date"],
            self_assessment_due=d["self_assessment_due"], cell_due=d["cell_due"], decision_due=d["decision_due"]))
        if campaign is not None:
            messages.success(request, _("Đã mở đợt đánh giá, xếp loại năm %(year)s.") % {"year": campaign.year})
            return redirect("evaluations:campaign", pk=campaign.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Mở đợt kiểm điểm, đánh giá, xếp loại"), "back": reverse("evaluations:index"),
        "back_label": _("Đánh giá, xếp loại"), "submit": _("Mở đợt"),
        "intro": _("Quy định áp dụng (QĐ 132, QĐ 124 hay QĐ 366 với thang 100 điểm), tỷ lệ và cơ sở tính xuất sắc được "
                   "xác định theo ngày xác định quy định áp dụng và ghi lại cùng đợt.")})


@login_required
def campaign(request, pk):
    c = _campaign(request, pk)
    reviews = MemberReview.objects.visible_to(request.user)
    rows = selectors.progress(c, reviews)
    for row in rows:
        row.can_grade = permissions.can(request.user, GRADE, row.organization)
    grassroots = selectors.grassroots_quota(c, reviews)
    deciders = [o for o in Organization.objects.visible_to(request.user).filter(
        kind__in=selectors.GRASSROOTS, path__startswith=c.organization.path).order_by("path")
        if permissions.can(request.user, DECIDE, o)]
    org_reviews = (OrganizationReview.objects.visible_to(request.user).filter(campaign=c)
                   .select_related("organization__parent").order_by("organization__path"))
    for r in org_reviews:
        parent = r.organization.parent
        r.can_decide = parent is not None and permissions.can(request.user, DECIDE, parent)
        r.can_self = permissions.can(request.user, GRADE, r.organization)
    return render(request, "evaluations/campaign.html", {
        "campaign": c, "regime": c.regime, "rows": rows, "grassroots": grassroots, "deciders": deciders,
        "org_reviews": org_reviews, "base_words": rules.base_words(c.quota_base)})


# ---------------------------------------------------------------- the member's own

@login_required
@require_http_methods(["GET", "POST"])
def self_assess(request, pk):
    review = get_object_or_404(MemberReview.objects.visible_to(request.user).select_related("campaign", "member"), pk=pk)
    if not services.may_self_assess(request.user, review):
        raise PermissionDenied(_("Chỉ đảng viên tự đánh giá, xếp loại bản thân mình."))
    regime = review.campaign.regime
    initial = {"self_text": review.self_text, "self_grade": review.self_grade,
               "criteria_score": review.self_criteria_score, "results_score": review.self_results_score}
    form = SelfAssessmentForm(request.POST or None, initial=initial, scored=regime.scored)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = run_service(form, lambda: services.self_assess(
            by=request.user, review=review, version=int(request.POST.get("version") or 0) or None,
            self_text=d["self_text"], self_grade=d["self_grade"], criteria_score=d.get("criteria_score"),
            results_score=d.get("results_score")))
        if done is not None:
            messages.success(request, _("Đã lưu bản tự đánh giá, xếp loại năm %(year)s.") % {"year": review.campaign.year})
            return redirect("evaluations:self", pk=review.pk)
    return render(request, "evaluations/self.html", {
        "review": review, "form": form, "regime": regime, "scale": _scale(review.campaign),
        "locked": review.step in (Step.PROPOSED, Step.DECIDED),
        "events": review.events.all()})


# ---------------------------------------------------------------- the cell's grading screen

def _row_forms(reviews, data=None):
    return [(r, CellRowForm(data, prefix=f"r{r.pk}", initial={
        "version": r.version, "grade": r.proposed_grade or r.self_grade, "score": r.score if r.score is not None
        else r.self_score, "comment": r.cell_comment, "votes_present": r.votes_present, "votes_for": r.votes_for}))
        for r in reviews]


def _bands(campaign: Campaign) -> str:
    """"Thang 100 điểm: xuất sắc từ 90 điểm, tốt từ 70 điểm, hoàn thành từ 50 điểm" (the parameters in force)."""
    params = params_on(campaign.reference_date)
    return _("Thang 100 điểm: xuất sắc từ %(e)s, tốt từ %(g)s, hoàn thành từ %(c)s") % {
        "e": param_text(params, "evaluations.excellent_min_score"), "g": param_text(params, "evaluations.good_min_score"),
        "c": param_text(params, "evaluations.completed_min_score")}


def _scale(campaign: Campaign) -> str:
    params = params_on(campaign.reference_date)
    return _("Tiêu chí chung tối đa %(c)s, kết quả thực hiện nhiệm vụ tối đa %(r)s.") % {
        "c": param_text(params, "evaluations.criteria_max_score"), "r": param_text(params, "evaluations.results_max_score")}


def _chosen(request, reviews) -> dict[int, str]:
    return {r.pk: request.POST.get(f"r{r.pk}-grade", "") for r in reviews if not r.exclusion}


@login_required
@require_http_methods(["GET", "POST"])
def cell(request, pk, cell_pk):
    c = _campaign(request, pk)
    org = _org(request, cell_pk, c, GRADE)
    reviews = list(selectors.cell_reviews(c, org))
    comments = member_hooks.annual_comments([r.member_id for r in reviews], c.year)
    for r in reviews:  # the residence cell's comment (C13): recorded by dangvu.residence, else the one entered
        r.residence_text = comments.get(r.member_id, r.residence_comment)
    rows = _row_forms(reviews, request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        if all(f.is_valid() for r, f in rows if not r.exclusion):
            service_rows = [services.CellRow(r, f.cleaned_data["version"], f.cleaned_data["grade"], f.cleaned_data["score"],
                                             f.cleaned_data["comment"], r.residence_text, f.cleaned_data["votes_present"],
                                             f.cleaned_data["votes_for"]) for r, f in rows if not r.exclusion]
            try:
                services.grade_cell(by=request.user, campaign=c, cell=org, rows=service_rows)
            except RuleViolation as exc:
                errors = [v.text() for v in exc.violations]
            except ConcurrentEditError as exc:
                errors = [str(exc)]
            except PermissionDeniedInScope as exc:
                raise PermissionDenied(str(exc)) from exc
            else:
                messages.success(request, _("Đã lưu đề xuất xếp loại của chi bộ."))
                return redirect("evaluations:cell", pk=c.pk, cell_pk=org.pk)
        else:
            errors = [e for r, f in rows for field_errors in f.errors.values() for e in
                      (f"{r.member.full_name}: {x}" for x in field_errors)]
    chosen = _chosen(request, reviews) if request.method == "POST" else {r.pk: r.proposed_grade or r.self_grade
                                                                          for r in reviews if not r.exclusion}
    quota = selectors.quota_state(c, selectors.live_counts(c, org, chosen))
    return render(request, "evaluations/cell.html", {
        "campaign": c, "cell": org, "rows": rows, "errors": errors, "quota": quota, "regime": c.regime, "bands": _bands(c),
        "base_words": rules.base_words(c.quota_base)})


@login_required
@require_POST
def cell_quota(request, pk, cell_pk):
    """The live quota line of the grading screen (htmx, on every change of a grade)."""
    c = _campaign(request, pk)
    org = _org(request, cell_pk, c, GRADE)
    reviews = list(selectors.cell_reviews(c, org))
    quota = selectors.quota_state(c, selectors.live_counts(c, org, _chosen(request, reviews)))
    return render(request, "evaluations/_quota.html", {"quota": quota, "base_words": rules.base_words(c.quota_base),
                                                       "campaign": c})


# ---------------------------------------------------------------- the committee's decision screen

@login_required
@require_http_methods(["GET", "POST"])
def decide(request, pk, org_pk):
    c = _campaign(request, pk)
    org = _org(request, org_pk, c, DECIDE)
    reviews = list(MemberReview.objects.filter(campaign=c, cell__path__startswith=org.path, exclusion="")
                   .exclude(step=Step.PENDING).select_related("member", "cell")
                   .prefetch_related("disqualifications").order_by("cell__path", "member__name_key"))
    rows = [(r, DecisionRowForm(request.POST or None, prefix=f"r{r.pk}",
                                initial={"version": r.version, "grade": r.grade or r.proposed_grade})) for r in reviews]
    form = DecisionForm(request.POST or None, initial={"decided_on": today()})
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _r, f in rows):
        d = form.cleaned_data
        decision_rows = [services.DecisionRow(r, f.cleaned_data["version"], f.cleaned_data["grade"])
                         for r, f in rows if r.step == Step.PROPOSED]
        done = run_service(form, lambda: services.decide_members(
            by=request.user, campaign=c, organization=org, rows=decision_rows, decision_number=d["decision_number"],
            decided_on=d["decided_on"], deciding_body=d["deciding_body"]))
        if done is not None:
            messages.success(request, _("Đã quyết định xếp loại %(n)s đảng viên.") % {"n": len(done)})
            return redirect("evaluations:decide", pk=c.pk, org_pk=org.pk)
    chosen = {r.pk: (request.POST.get(f"r{r.pk}-grade", "") if request.method == "POST" else r.grade or r.proposed_grade)
              for r in reviews}
    quota = selectors.quota_state(c, Counter(g for g in chosen.values() if g))
    return render(request, "evaluations/decide.html", {
        "campaign": c, "organization": org, "rows": rows, "form": form, "quota": quota,
        "base_words": rules.base_words(c.quota_base), "pending": sum(1 for r in reviews if r.step == Step.PROPOSED)})


@login_required
@require_http_methods(["GET", "POST"])
def organization_review(request, pk, review_pk):
    """An organization's review: its self-assessment (Form 01, by those who run it) and the decision of the
    direct superior (C10), which may cancel and re-grade."""
    c = _campaign(request, pk)
    review = get_object_or_404(OrganizationReview.objects.visible_to(request.user).select_related("organization__parent"),
                               pk=review_pk, campaign=c)
    parent = review.organization.parent
    can_decide = parent is not None and permissions.can(request.user, DECIDE, parent)
    can_self = permissions.can(request.user, GRADE, review.organization) and review.step != Step.DECIDED
    step = request.POST.get("step") if request.method == "POST" else None
    if step is not None and not {"self": can_self, "decide": can_decide}.get(step, False):
        raise PermissionDenied(_("Bạn chỉ có quyền xem đánh giá của tổ chức đảng này."))
    self_form = SelfAssessmentForm(request.POST if request.POST.get("step") == "self" else None, scored=c.regime.scored,
                                   initial={"self_text": review.self_text, "self_grade": review.self_grade,
                                            "criteria_score": review.criteria_score, "results_score": review.results_score})
    decision = OrganizationDecisionForm(request.POST if request.POST.get("step") == "decide" else None,
                                        initial={"grade": review.grade or review.proposed_grade, "decided_on": today(),
                                                 "version": review.version})
    if request.method == "POST":
        done = None
        if step == "self" and self_form.is_valid():
            d = self_form.cleaned_data
            done = run_service(self_form, lambda: services.self_assess_organization(
                by=request.user, review=review, version=None, self_text=d["self_text"], self_grade=d["self_grade"],
                criteria_score=d.get("criteria_score"), results_score=d.get("results_score")))
        elif step == "decide" and decision.is_valid():
            d = decision.cleaned_data
            done = run_service(decision, lambda: services.decide_organization(
                by=request.user, review=review, version=d["version"], grade=d["grade"],
                decision_number=d["decision_number"], decided_on=d["decided_on"], reason=d["reason"]))
        if done is not None:
            messages.success(request, _("Đã lưu."))
            return redirect("evaluations:organization", pk=c.pk, review_pk=review.pk)
    return render(request, "evaluations/organization.html", {
        "campaign": c, "review": review, "self_form": self_form, "decision": decision, "can_decide": can_decide,
        "can_self": can_self, "events": review.events.all(), "superior": parent})


@login_required
def results_xlsx(request, pk):
    c = _campaign(request, pk)
    response = HttpResponse(exports.results_xlsx(request.user, c), content_type=exports.XLSX)
    response["Content-Disposition"] = content_disposition(exports.file_name(c))
    return response


# ---------------------------------------------------------------- commendations and quota groups

@login_required
@require_http_methods(["GET", "POST"])
def commendations(request, pk):
    """The commendations of the campaign's year (khen thưởng): the list in the user's scope and, for the
    committees that decide, the form with the candidates and their years excellent in a row."""
    c = _campaign(request, pk)
    candidates = selectors.commendation_candidates(c, request.user, DECIDE)
    if request.method == "POST" and not candidates:
        raise PermissionDenied(_("Bạn không có quyền khen thưởng trong đợt này."))
    form = CommendationForm(request.POST or None, candidates=candidates,
                            initial={"decided_on": today(), "level": "certificate"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        kind, subject_pk = d["subject"][0], int(d["subject"][1:])
        member = Member.objects.get(pk=subject_pk) if kind == "m" else None
        organization = Organization.objects.get(pk=subject_pk) if kind == "o" else None
        done = run_service(form, lambda: services.commend(
            by=request.user, level=d["level"], year=c.year, member=member, organization=organization,
            consecutive_years=d["consecutive_years"] or 0, decision_number=d["decision_number"],
            decided_on=d["decided_on"], deciding_body=d["deciding_body"], reason=d["reason"]))
        if done is not None:
            messages.success(request, _("Đã ghi khen thưởng: %(what)s.") % {"what": str(done)})
            return redirect("evaluations:commendations", pk=c.pk)
    return render(request, "evaluations/commendations.html", {
        "campaign": c, "rows": selectors.commendations_of(c, request.user), "form": form if candidates else None})


@login_required
@require_http_methods(["GET", "POST"])
def quota_groups(request, pk):
    """The groups of similar function of the campaign (C7) and the quota within each."""
    c = _campaign(request, pk)
    can_manage = permissions.can(request.user, MANAGE, c.organization)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(_("Bạn không có quyền chia nhóm tính tỷ lệ xuất sắc của đợt này."))
    orgs = (Organization.objects.visible_to(request.user).filter(path__startswith=c.organization.path,
                                                                 ended_on__isnull=True).order_by("path"))
    form = QuotaGroupForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = run_service(form, lambda: services.define_quota_group(by=request.user, campaign=c, name=d["name"],
                                                                     organizations=list(d["organizations"])))
        if done is not None:
            messages.success(request, _("Đã thêm nhóm “%(name)s”.") % {"name": done.name})
            return redirect("evaluations:quota_groups", pk=c.pk)
    groups = selectors.group_quotas(c, selectors.member_group_counts(c), selectors.organization_group_counts(c))
    return render(request, "evaluations/quota_groups.html", {
        "campaign": c, "groups": groups, "form": form if can_manage else None,
        "base_words": rules.base_words(c.quota_base)})


# ---------------------------------------------------------------- documents (DOCX)

def _file(text: str) -> str:
    return text.replace("/", "-")


@login_required
def self_docx(request, pk):
    """The member's self-assessment on the form of their category (2A/2B/2C)."""
    review = get_object_or_404(MemberReview.objects.visible_to(request.user).select_related("campaign", "member", "cell"),
                               pk=pk)
    audit.record(actor=request.user, action="evaluations.docx", obj=review,
                 note=f"Tải bản tự kiểm điểm năm {review.campaign.year} (DOCX)")
    return docx_response(documents.self_assessment_document(review),
                         f"Bản tự kiểm điểm {review.campaign.year} - {review.member.full_name}.docx")


@login_required
def minutes_docx(request, pk, cell_pk):
    c = _campaign(request, pk)
    org = _org(request, cell_pk, c, GRADE)
    reviews = list(selectors.cell_reviews(c, org))
    audit.record(actor=request.user, action="evaluations.docx", obj=c, note=f"Tải biên bản họp xét của {org.name} (DOCX)")
    return docx_response(documents.minutes_document(c, org, reviews), f"Biên bản xếp loại {c.year} - {org.name}.docx")


@login_required
def decision_docx(request, pk, org_pk):
    """The grading decision of `org`'s committee: the latest decision number, or the one asked (?so=)."""
    c = _campaign(request, pk)
    org = _org(request, org_pk, c, DECIDE)
    decided = (MemberReview.objects.filter(campaign=c, cell__path__startswith=org.path, step=Step.DECIDED)
               .select_related("member", "cell").order_by("cell__path", "member__name_key"))
    number = request.GET.get("so") or (decided.order_by("-decided_on", "-pk").values_list("decision_number", flat=True)
                                       .first() or "")
    reviews = [r for r in decided if r.decision_number == number]
    audit.record(actor=request.user, action="evaluations.docx", obj=c,
                 note=f"Tải quyết định xếp loại {number or '(chưa có)'} của {org.name} (DOCX)")
    return docx_response(documents.decision_document(c, org, reviews),
                         f"Quyết định xếp loại {c.year} {_file(number)} - {org.name}.docx")
