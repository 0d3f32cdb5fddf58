"""Screens of inspection and supervision: the cases of the user's scope and the coverage of the year, programmes,
a case (decision, timeline, working sessions, conclusion, remedies, DOCX), denunciations.

Every read starts from `restrict(user, …)` of this app's querysets ("inspection.view"): 404 outside them. A subject
member reaches a case notified to them and sees its decision and conclusion only. Writes go through
dangvu.inspection.services (run_service puts refusals on the form's fields).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts import permissions
from dangvu.core import params
from dangvu.core.dates import today
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.forms import run_service
from dangvu.core.views import form_page
from dangvu.discipline import services as discipline
from dangvu.documents.http import docx_response
from dangvu.inspection import documents, selectors, services
from dangvu.inspection.forms import (
    CaseForm,
    ConclusionForm,
    DenunciationForm,
    DoneForm,
    NotifyForm,
    ProgrammeForm,
    ProgrammeItemForm,
    ProposeDisciplineForm,
    RemedyDoneForm,
    RemedyForm,
    SessionForm,
    SettleForm,
    StepForm,
)
from dangvu.inspection.kinds import BodyKind, CaseStatus
from dangvu.inspection.models import Case, Denunciation, Programme, Remedy, Step
from dangvu.inspection.querysets import CHANGE, VIEW
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import subtree_q


def _year(request) -> int:
    return params.year(request.GET, "year", default=today().year, minimum=2000) or today().year


def _body(request, org_pk) -> Organization:
    return get_object_or_404(Organization.objects.restrict(request.user, CHANGE), pk=org_pk)


def _subjects(user, org: Organization):
    members = (Member.objects.restrict(user).filter(subtree_q("organization__path", org.path), status__in=IN_PARTY)
               .order_by("name_key", "id"))
    orgs = (Organization.objects.restrict(user, CHANGE).filter(subtree_q("path", org.path), ended_on__isnull=True)
            .exclude(kind=Kind.PARTY_GROUP).order_by("path"))
    return {"members": members, "organizations": orgs}


def _case(request, pk) -> Case:
    return get_object_or_404(Case.objects.visible_to(request.user).select_related(
        "body", "subject_member", "subject_organization", "programme", "proceeding"), pk=pk)


def _changeable(request, case: Case) -> Case:
    if not services.may_change(request.user, case.body):
        raise PermissionDenied(_("Chỉ cán bộ kiểm tra và bí thư chi bộ tiến hành mới ghi cuộc kiểm tra, giám sát này."))
    return case


def _in_scope(user, case: Case) -> bool:
    """The case is seen through the user's scope (not only as its notified subject)."""
    return permissions.can(user, VIEW, case.body)


@login_required
def index(request):
    year = _year(request)
    cases = list(Case.objects.visible_to(request.user).filter(decision_date__year=year)
                 .select_related("body", "subject_member", "subject_organization").order_by("-decision_date", "-id")[:300])
    bodies = permissions.scope_orgs(request.user, CHANGE) if not permissions.is_system_admin(request.user) else []
    coverage = [(org, selectors.coverage(org, year, today())) for org in bodies[:5]]
    programmes = list(Programme.objects.visible_to(request.user).filter(year=year).select_related("organization"))
    return render(request, "inspection/index.html", {"cases": cases, "year": year, "bodies": bodies,
                                                     "coverage": coverage, "programmes": programmes})


# ---------------------------------------------------------------- programmes

@login_required
@require_http_methods(["GET", "POST"])
def programme_add(request, org_pk):
    org = _body(request, org_pk)
    form = ProgrammeForm(request.POST or None, initial={"year": today().year, "adopted_on": today(),
                                                        "body_kind": BodyKind.CELL if org.kind in (Kind.CELL, Kind.GRASSROOTS_CELL)
                                                        else BodyKind.COMMISSION})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.create_programme(by=request.user, organization=org, **form.values()))
        if result is not None:
            messages.success(request, _("Đã ban hành chương trình kiểm tra, giám sát."))
            return redirect("inspection:programme", result.pk)
    return form_page(request, form, title=_("Chương trình kiểm tra, giám sát: %(name)s") % {"name": org.name},
                     back=reverse("inspection:index"), back_label=_("Kiểm tra, giám sát"))


@login_required
@require_http_methods(["GET", "POST"])
def programme(request, pk):
    prog = get_object_or_404(Programme.objects.visible_to(request.user).select_related("organization"), pk=pk)
    can_change = services.may_change(request.user, prog.organization)
    form = ProgrammeItemForm(request.POST or None, **_subjects(request.user, prog.organization)) if can_change else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Chỉ cán bộ kiểm tra và bí thư chi bộ ban hành mới sửa chương trình này."))
        if form.is_valid():
            result = run_service(form, lambda: services.add_programme_item(by=request.user, programme=prog, **form.values()))
            if result is not None:
                messages.success(request, _("Đã thêm nội dung vào chương trình."))
                return redirect("inspection:programme", prog.pk)
    items = list(prog.items.select_related("subject_member", "subject_organization"))
    cases = list(prog.cases.select_related("subject_member", "subject_organization"))
    coverage = selectors.coverage(prog.organization, prog.year, today())
    return render(request, "inspection/programme.html", {"programme": prog, "items": items, "cases": cases, "form": form,
                                                         "can_change": can_change, "coverage": coverage},
                  status=400 if form is not None and form.errors else 200)


# ---------------------------------------------------------------- cases

@login_required
@require_http_methods(["GET", "POST"])
def case_add(request, org_pk):
    org = _body(request, org_pk)
    initial = {"decision_date": today(), "body_kind": BodyKind.CELL if org.kind in (Kind.CELL, Kind.GRASSROOTS_CELL)
               else BodyKind.COMMISSION}
    denunciation = None
    if request.GET.get("to_cao"):
        denunciation = get_object_or_404(Denunciation.objects.restrict(request.user, CHANGE),
                                         pk=params.whole_number(request.GET["to_cao"]) or 0)
        initial.update(subject_member=denunciation.subject_member_id, kind="signs_of_violation",
                       subject_organization=None if denunciation.subject_member_id else denunciation.subject_organization_id)
    form = CaseForm(request.POST or None, initial=initial, **_subjects(request.user, org))
    prog = Programme.objects.visible_to(request.user).filter(organization=org, year=today().year).first()
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.open_case(by=request.user, body=org, programme=prog,
                                                              denunciation=denunciation, **form.values()))
        if result is not None:
            messages.success(request, _("Đã ghi quyết định %(n)s.") % {"n": result.decision_number})
            return redirect(selectors.case_url(result))
    return form_page(request, form, title=_("Quyết định kiểm tra, giám sát: %(name)s") % {"name": org.name},
                     back=reverse("inspection:index"), back_label=_("Kiểm tra, giám sát"), submit=_("Ghi quyết định"))


def _case_context(request, case: Case, **forms) -> dict:
    full = _in_scope(request.user, case)
    can_change = full and services.may_change(request.user, case.body)
    open_ = case.status == CaseStatus.OPEN
    context = {"case": case, "full": full, "can_change": can_change,
               "steps": list(case.steps.all()), "sessions": list(case.sessions.all()) if full else [],
               "remedies": list(case.remedies.all()),
               "denunciations": list(case.denunciations.all()) if full else []}
    if can_change:
        if open_:
            context["step_form"] = forms.get("step_form") or StepForm()
            context["session_form"] = forms.get("session_form") or SessionForm(initial={"held_on": today()})
            context["conclusion_form"] = forms.get("conclusion_form") or ConclusionForm(
                initial={"concluded_on": today(), "version": case.version})
        else:
            if case.notified_on is None:
                context["notify_form"] = forms.get("notify_form") or NotifyForm(initial={"notified_on": today()})
            if case.result == "discipline" and case.proceeding_id is None and case.subject_organization_id and \
                    discipline.may_decide(request.user, case.subject_organization):
                context["discipline_form"] = forms.get("discipline_form") or ProposeDisciplineForm(initial={
                    "opened_on": today(), "summary": case.conclusion, "proposed_form": "reprimand"})
        context["remedy_form"] = forms.get("remedy_form") or RemedyForm()
    return context


@login_required
def case(request, pk):
    c = _case(request, pk)
    return render(request, "inspection/case.html", _case_context(request, c))


def _post(request, pk, form_class, name, call, message):
    c = _changeable(request, _case(request, pk))
    if not _in_scope(request.user, c):
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        if run_service(form, lambda: call(c, form)) is not None:
            messages.success(request, message)
            return redirect(selectors.case_url(c))
    return render(request, "inspection/case.html", _case_context(request, c, **{name: form}), status=400)


@login_required
@require_POST
def step_add(request, pk):
    return _post(request, pk, StepForm, "step_form",
                 lambda c, f: services.add_step(by=request.user, case=c, **f.values()), _("Đã thêm bước tiến hành."))


@login_required
@require_POST
def session_add(request, pk):
    return _post(request, pk, SessionForm, "session_form",
                 lambda c, f: services.record_session(by=request.user, case=c, **f.values()), _("Đã ghi buổi làm việc."))


@login_required
@require_POST
def conclude(request, pk):
    return _post(request, pk, ConclusionForm, "conclusion_form",
                 lambda c, f: services.conclude_case(by=request.user, case=c, expected_version=f.cleaned_data["version"],
                                                     **f.values()),
                 _("Đã ghi kết luận."))


@login_required
@require_POST
def notify(request, pk):
    return _post(request, pk, NotifyForm, "notify_form",
                 lambda c, f: services.notify_subject(by=request.user, case=c, **f.values()), _("Đã ghi thông báo kết luận."))


@login_required
@require_POST
def remedy_add(request, pk):
    return _post(request, pk, RemedyForm, "remedy_form",
                 lambda c, f: services.add_remedy(by=request.user, case=c, **f.values()), _("Đã ghi yêu cầu khắc phục."))


@login_required
@require_POST
def propose_discipline(request, pk):
    return _post(request, pk, ProposeDisciplineForm, "discipline_form",
                 lambda c, f: services.propose_discipline(by=request.user, case=c, **f.service_values()),
                 _("Đã mở vụ việc xem xét kỷ luật."))


@login_required
@require_http_methods(["GET", "POST"])
def step_done(request, pk):
    step = get_object_or_404(Step.objects.restrict(request.user, CHANGE).select_related("case", "case__body"), pk=pk)
    form = DoneForm(request.POST or None, initial={"done_on": today()})
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: services.complete_step(by=request.user, step=step, **form.values())) is not None:
            messages.success(request, _("Đã ghi hoàn thành bước."))
            return redirect(selectors.case_url(step.case) + "#timeline")
    return form_page(request, form, title=_("Hoàn thành bước"), lead=step.title, back=selectors.case_url(step.case),
                     back_label=str(step.case))


@login_required
@require_http_methods(["GET", "POST"])
def remedy_done(request, pk):
    remedy = get_object_or_404(Remedy.objects.restrict(request.user, CHANGE).select_related("case", "case__body"), pk=pk)
    form = RemedyDoneForm(request.POST or None, initial={"done_on": today()})
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: services.complete_remedy(by=request.user, remedy=remedy, **form.values())) is not None:
            messages.success(request, _("Đã ghi hoàn thành khắc phục."))
            return redirect(selectors.case_url(remedy.case) + "#remedies")
    return form_page(request, form, title=_("Hoàn thành khắc phục"), lead=remedy.description,
                     back=selectors.case_url(remedy.case), back_label=str(remedy.case))


@login_required
def decision_docx(request, pk):
    c = _case(request, pk)
    return docx_response(documents.decision_document(c), f"quyet-dinh-kiem-tra-{c.pk}")


@login_required
def conclusion_docx(request, pk):
    c = _case(request, pk)
    if c.status != CaseStatus.CONCLUDED:
        raise Http404
    return docx_response(documents.conclusion_document(c), f"ket-luan-kiem-tra-{c.pk}")


# ---------------------------------------------------------------- denunciations

@login_required
def denunciations(request):
    rows = list(Denunciation.objects.visible_to(request.user).select_related("body", "subject_member",
                                                                             "subject_organization", "case")[:300])
    bodies = permissions.scope_orgs(request.user, CHANGE) if not permissions.is_system_admin(request.user) else []
    return render(request, "inspection/denunciations.html", {"rows": rows, "bodies": bodies})


@login_required
@require_http_methods(["GET", "POST"])
def denunciation_add(request, org_pk):
    org = _body(request, org_pk)
    form = DenunciationForm(request.POST or None, initial={"received_on": today()}, **_subjects(request.user, org))
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.receive_denunciation(by=request.user, body=org, **form.values()))
        if result is not None:
            messages.success(request, _("Đã tiếp nhận đơn tố cáo: %(s)s.") % {"s": result.get_status_display().lower()})
            return redirect("inspection:denunciation", result.pk)
    return form_page(request, form, title=_("Tiếp nhận đơn tố cáo: %(name)s") % {"name": org.name},
                     back=reverse("inspection:denunciations"), back_label=_("Đơn tố cáo"))


def _denunciation(request, pk) -> Denunciation:
    return get_object_or_404(Denunciation.objects.visible_to(request.user).select_related(
        "body", "subject_member", "subject_organization", "case"), pk=pk)


def _denunciation_context(request, d: Denunciation, **extra) -> dict:
    can_change = services.may_change(request.user, d.body)
    return {"d": d, "can_change": can_change, "may_reveal": services.may_reveal_denouncer(request.user, d),
            "settle_form": extra.get("settle_form") or (SettleForm(initial={"version": d.version})
                                                          if can_change and d.status == "to_handle" else None),
            **{k: v for k, v in extra.items() if k != "settle_form"}}


@login_required
def denunciation(request, pk):
    d = _denunciation(request, pk)
    return render(request, "inspection/denunciation.html", _denunciation_context(request, d))


@login_required
@require_POST
def denunciation_reveal(request, pk):
    """The denouncer's identity, for a handler; the read is audited (K15, protection of the denouncer)."""
    d = _denunciation(request, pk)
    try:
        name, contact = services.reveal_denouncer(by=request.user, denunciation=d)
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    return render(request, "inspection/denunciation.html", _denunciation_context(request, d, revealed=(name, contact)))


@login_required
@require_POST
def denunciation_settle(request, pk):
    d = _denunciation(request, pk)
    if not services.may_change(request.user, d.body):
        raise PermissionDenied(_("Chỉ cán bộ kiểm tra của tổ chức nhận đơn mới ghi kết quả giải quyết."))
    form = SettleForm(request.POST)
    if form.is_valid():
        if run_service(form, lambda: services.settle_denunciation(
                by=request.user, denunciation=d, outcome=form.cleaned_data["outcome"],
                expected_version=form.cleaned_data["version"])) is not None:
            messages.success(request, _("Đã ghi kết quả giải quyết đơn tố cáo."))
            return redirect("inspection:denunciation", d.pk)
    return render(request, "inspection/denunciation.html", _denunciation_context(request, d, settle_form=form), status=400)
