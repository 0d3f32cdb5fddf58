"""Screens of discipline: the list of proceedings, a proceeding with its steps (hearing, deferral, proposal,
decision, announcement, appeals), the notifications of state bodies and mass organizations, the DOCX of a
decision.

Every read starts from `Proceeding.objects.restrict(user)` (querysets: officers of the subtree, the cell's
secretary, the member concerned once notified): 404 outside it; 403 when visible but the user may not
decide. Writes go through dangvu.discipline.services (run_service puts refusals on the form's fields).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core.dates import today, vn_date
from dangvu.core.forms import run_service
from dangvu.core.views import form_page
from dangvu.discipline import documents, selectors, services
from dangvu.discipline.forms import (
    AnnounceForm,
    AppealDecisionForm,
    AppealForm,
    CellPickForm,
    DecisionForm,
    DeferralForm,
    DropForm,
    HearingForm,
    NotificationForm,
    ProceedingForm,
    ProposalForm,
)
from dangvu.discipline.kinds import Status
from dangvu.discipline.models import Appeal, Proceeding
from dangvu.discipline.querysets import CELL, DECIDE
from dangvu.documents.http import docx_response
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import CELL_KINDS, path_ids


def _proceeding(request, pk) -> Proceeding:
    return get_object_or_404(selectors.proceedings_for(request.user), pk=pk)


def _decidable(request, pk, *, cell: bool = False) -> Proceeding:
    """`cell`: a step the cell's secretary may record on the cell's own reprimands and warnings (K2)."""
    p = _proceeding(request, pk)
    if not (services.may_act(request.user, p) if cell else services.may_decide(request.user, p.organization)):
        raise PermissionDenied(_("Chỉ cán bộ kiểm tra, cán bộ tổ chức cấp trên ghi các bước xử lý kỷ luật (bí thư chi bộ: "
                                 "khiển trách, cảnh cáo do chi bộ quyết định đối với đảng viên của chi bộ)."))
    return p


def _back(p: Proceeding) -> str:
    return reverse("discipline:detail", args=[p.pk])


def _cells(request):
    allowed = Organization.objects.restrict(request.user, DECIDE) | Organization.objects.restrict(request.user, CELL)
    return allowed.filter(kind__in=CELL_KINDS, ended_on__isnull=True).distinct().order_by("path")


def _above(p: Proceeding):
    """The subject's place and the organizations above it: the bodies that may decide (K2, K3)."""
    place = p.member.organization if p.member_id else p.subject_organization
    return Organization.objects.filter(pk__in=path_ids(place.path)).order_by("path")


@login_required
def index(request):
    qs = selectors.proceedings_for(request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    rows = list(qs.order_by("-opened_on", "-id")[:300])
    can_open = permissions.has_scope(request.user, DECIDE) or permissions.has_scope(request.user, CELL)
    return render(request, "discipline/index.html", {"rows": rows, "status": status, "statuses": Status.choices,
                                                     "can_open": can_open, "today": today()})


def _page(request, form, title, back, back_label, **kw):
    return form_page(request, form, title=title, back=back, back_label=back_label, **kw)


@login_required
@require_http_methods(["GET", "POST"])
def add(request):
    """A proceeding for a member: first the cell (GET ?cell=), then the member of that cell."""
    cells = _cells(request)
    pick = CellPickForm(request.GET or None, cells=cells)
    if not pick.is_valid():
        return _page(request, pick, _("Xem xét kỷ luật đảng viên: chọn chi bộ"), reverse("discipline:index"),
                     _("Kỷ luật"), submit=_("Tiếp tục"), template="discipline/pick.html")
    cell = pick.cleaned_data["cell"]
    members = Member.objects.restrict(request.user, "members.view").filter(organization=cell, status__in=IN_PARTY) \
        .order_by("name_key")
    form = ProceedingForm(request.POST or None, members=members, initial={"opened_on": today()})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.open_proceeding(by=request.user, member=form.cleaned_data["member"],
                                                                    **_opening(form.cleaned_data)))
        if result is not None:
            messages.success(request, _("Đã mở vụ việc xem xét kỷ luật."))
            return redirect(_back(result))
    return _page(request, form, _("Xem xét kỷ luật đảng viên: %(cell)s") % {"cell": cell.name}, reverse("discipline:index"),
                 _("Kỷ luật"))


def _opening(d) -> dict:
    violations = [services.ViolationInput(d["violation_kind"], d["committed_on"], d["violation"])]
    if d.get("committed_on_2"):
        violations.append(services.ViolationInput(d["violation_kind"], d["committed_on_2"], d.get("violation_2") or d["violation"]))
    return {"opened_on": d["opened_on"], "summary": d["summary"], "proposed_form": d["proposed_form"], "violations": violations,
            "case_reference": d.get("case_reference") or "", "higher_level_task": bool(d.get("higher_level_task"))}


@login_required
@require_http_methods(["GET", "POST"])
def add_organization(request):
    orgs = Organization.objects.restrict(request.user, DECIDE).filter(ended_on__isnull=True).order_by("path")
    form = ProceedingForm(request.POST or None, organizations=orgs, initial={"opened_on": today()})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.open_proceeding(
            by=request.user, subject_organization=form.cleaned_data["subject_organization"], **_opening(form.cleaned_data)))
        if result is not None:
            messages.success(request, _("Đã mở vụ việc xem xét kỷ luật."))
            return redirect(_back(result))
    return _page(request, form, _("Xem xét kỷ luật tổ chức đảng"), reverse("discipline:index"), _("Kỷ luật"))


@login_required
def detail(request, pk):
    p = _proceeding(request, pk)
    can = services.may_decide(request.user, p.organization)
    can_cell = not can and services.may_record_in_cell(request.user, p)  # the secretary: the cell's own steps (K2)
    appeals = list(p.appeals.all())
    entries = audit.entries_for(p)[:50] if can else []
    on = today()
    return render(request, "discipline/detail.html", {
        "p": p, "violations": list(p.violations.all()), "appeals": appeals, "can": can, "can_cell": can_cell,
        "entries": entries,
        "in_force": p.in_force_on(on), "lapsed": p.lapses_on is not None and p.lapses_on <= on,
        "notifications": list(p.notifications.all())})


def _step(request, pk, form_class, title, call, success, *, cell: bool = False, **form_kw):
    p = _decidable(request, pk, cell=cell)
    form = form_class(request.POST or None, initial={"version": p.version, **form_kw.pop("initial", {})}, **form_kw)
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: call(p, form.cleaned_data))
        if result is not None:
            messages.success(request, success)
            return redirect(_back(p))
    return _page(request, form, title, _back(p), str(p), lead=p.summary)


@login_required
@require_http_methods(["GET", "POST"])
def hearing(request, pk):
    return _step(request, pk, HearingForm, _("Nghe đảng viên trình bày"), lambda p, d: services.record_hearing(
        by=request.user, proceeding=p, heard_on=d["heard_on"], invitations_declined=d["invitations_declined"],
        expected_version=d["version"]), _("Đã ghi việc nghe trình bày."), cell=True)


@login_required
@require_http_methods(["GET", "POST"])
def defer(request, pk):
    return _step(request, pk, DeferralForm, _("Chưa xem xét kỷ luật (mang thai, nuôi con nhỏ, ốm nặng)"),
                 lambda p, d: services.defer(by=request.user, proceeding=p, reason=d["reason"], until=d["until"],
                                             child_born_on=d["child_born_on"], expected_version=d["version"]),
                 _("Đã ghi việc chưa xem xét kỷ luật."), cell=True)


@login_required
@require_http_methods(["GET", "POST"])
def proposal(request, pk):
    p = _decidable(request, pk)
    return _step(request, pk, ProposalForm, _("Biểu quyết đề nghị kỷ luật"), lambda p, d: services.record_proposal(
        by=request.user, proceeding=p, proposal_body=d["proposal_body"], proposal_on=d["proposal_on"],
        votes_for=d["votes_for"], vote_base=d["vote_base"], expected_version=d["version"]), _("Đã ghi biểu quyết đề nghị."),
        organizations=_above(p), initial={"proposal_on": today(), "proposal_body": p.organization_id})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    p = _decidable(request, pk, cell=True)
    officer = services.may_decide(request.user, p.organization)
    return _step(request, pk, DecisionForm, _("Quyết định kỷ luật"), lambda p, d: services.decide(
        by=request.user, proceeding=p, form=d["decided_form"], body_kind=d["body_kind"],
        deciding_organization=d["deciding_organization"], decided_on=d["decided_on"], votes_for=d["votes_for"],
        vote_base=d["vote_base"], decision_number=d["decision_number"], post=d["post"],
        expulsion_ground=d["expulsion_ground"], announced_on=d["announced_on"], expected_version=d["version"]),
        _("Đã ghi quyết định kỷ luật."), organizations=_above(p) if officer else Organization.objects.filter(pk=p.organization_id),
        initial={"decided_on": today(), "decided_form": p.proposed_form}
        | ({} if officer else {"body_kind": "cell", "deciding_organization": p.organization_id}), cell=True)


@login_required
@require_http_methods(["GET", "POST"])
def announce(request, pk):
    return _step(request, pk, AnnounceForm, _("Công bố quyết định kỷ luật"), lambda p, d: services.announce(
        by=request.user, proceeding=p, announced_on=d["announced_on"], expected_version=d["version"]),
        _("Đã ghi ngày công bố: quyết định có hiệu lực."), initial={"announced_on": today()}, cell=True)


@login_required
@require_http_methods(["GET", "POST"])
def drop(request, pk):
    return _step(request, pk, DropForm, _("Kết luận không kỷ luật"), lambda p, d: services.drop(
        by=request.user, proceeding=p, on=d["on"], reason=d["reason"], expected_version=d["version"]),
        _("Đã kết thúc vụ việc."), initial={"on": today()}, cell=True)


@login_required
@require_http_methods(["GET", "POST"])
def appeal_add(request, pk):
    p = _decidable(request, pk)
    return _step(request, pk, AppealForm, _("Nhận đơn khiếu nại kỷ luật"), lambda p, d: services.receive_appeal(
        by=request.user, proceeding=p, appellant=d["appellant"], decision_received_on=d["decision_received_on"],
        received_on=d["received_on"], content=d["content"], declared_bars=d["bars"], handling_body=d["handling_body"]),
        _("Đã ghi đơn khiếu nại."), initial={"received_on": today(), "appellant": p.subject_name})


@login_required
@require_http_methods(["GET", "POST"])
def appeal_decide(request, pk):
    appeal = get_object_or_404(Appeal.objects.restrict(request.user).select_related("proceeding"), pk=pk)
    return _step(request, appeal.proceeding_id, AppealDecisionForm, _("Giải quyết khiếu nại kỷ luật"),
                 lambda p, d: services.decide_appeal(by=request.user, appeal=appeal, outcome=d["outcome"],
                                                     decided_on=d["decided_on"], announced_on=d["announced_on"],
                                                     decision_number=d["decision_number"], new_form=d["new_form"]),
                 _("Đã ghi quyết định giải quyết khiếu nại."), initial={"decided_on": today(), "announced_on": today()})


@login_required
def decision_docx(request, pk):
    p = _proceeding(request, pk)
    if not p.decided_on:
        raise PermissionDenied(_("Vụ việc chưa có quyết định kỷ luật."))
    doc = documents.decision_document(p)
    return docx_response(doc, f"Quyết định kỷ luật {p.subject_name} {vn_date(p.decided_on).replace('/', '-')}.docx")


@login_required
def notifications(request):
    rows = list(selectors.notifications_for(request.user).order_by("-received_on", "-id")[:300])
    return render(request, "discipline/notifications.html", {"rows": rows,
                                                             "can_add": permissions.has_scope(request.user, DECIDE)})


@login_required
@require_http_methods(["GET", "POST"])
def notification_add(request):
    pick = CellPickForm(request.GET or None, cells=_cells(request))
    if not pick.is_valid():
        return _page(request, pick, _("Thông báo xử lý của cơ quan, đoàn thể: chọn chi bộ"),
                     reverse("discipline:notifications"), _("Thông báo"), submit=_("Tiếp tục"),
                     template="discipline/pick.html")
    cell = pick.cleaned_data["cell"]
    members = Member.objects.restrict(request.user, "members.view").filter(organization=cell, status__in=IN_PARTY) \
        .order_by("name_key")
    form = NotificationForm(request.POST or None, members=members, initial={"received_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.record_notification(
            by=request.user, member=d["member"], body_kind=d["body_kind"], body_name=d["body_name"], measure=d["measure"],
            decision_date=d["decision_date"], received_on=d["received_on"], decision_number=d["decision_number"],
            note=d["note"]))
        if result is not None:
            messages.success(request, _("Đã ghi thông báo."))
            return redirect("discipline:notifications")
    return _page(request, form, _("Thông báo xử lý của cơ quan, đoàn thể: %(cell)s") % {"cell": cell.name},
                 reverse("discipline:notifications"), _("Thông báo"))
