"""Screens of admissions and probation.

Every read starts from `Candidate.objects.visible_to(user)` or the probationary members of the
user's scope: 404 outside it (and for roles that do not see the register, such as `member`); 403
when the case is visible but the user's role may not record that step. Writes go through
dangvu.admissions.services, as the API does.
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
from dangvu.admissions import documents, rules, selectors, services
from dangvu.admissions.filters import OPEN, CandidateFilterSet, ProbationFilterForm
from dangvu.admissions.forms import (
    STEP_FORMS,
    CandidateForm,
    ProbationVoteForm,
    RecognitionForm,
    StrikeOffForm,
    WithdrawForm,
    proposing_cells,
)
from dangvu.admissions.kinds import SLUG_STEPS, STEP_SLUGS, IntroducingOrganization, Stage, Step
from dangvu.admissions.models import Candidate
from dangvu.admissions.querysets import DECIDE, PROPOSE, VIEW
from dangvu.core.dates import today, vn_date
from dangvu.core.filters import error_messages, page_queryset
from dangvu.core.forms import run_service
from dangvu.core.numbers import format_number, percent
from dangvu.core.pagination import BoundedPaginator
from dangvu.core.views import form_page
from dangvu.members.kinds import Status
from dangvu.members.models import Member
from dangvu.members.selectors import vote_base
from dangvu.rules.parameters import params_on

PAGE_SIZE = 50


def _reader(request) -> None:
    """Admissions are read by the roles that read the register (not the `member` role): 404 otherwise."""
    user = request.user
    if not permissions.has_scope(user, VIEW):
        raise Http404


def _visible_candidate(request, pk) -> Candidate:
    _reader(request)
    return get_object_or_404(Candidate.objects.visible_to(request.user).select_related(
        "organization", "introducer_1", "introducer_2", "member", "ethnicity", "religion", "general_education", "occupation"),
        pk=pk)


def _may(user, action: str, candidate: Candidate) -> bool:
    return permissions.can(user, action, candidate.organization)


def candidate_url(candidate: Candidate) -> str:
    return reverse("admissions:detail", args=[candidate.pk])


# ---------------------------------------------------------------- candidates

@login_required
def candidate_list(request):
    _reader(request)
    on = today()
    base = Candidate.objects.visible_to(request.user).select_related("organization")
    data = request.GET.copy()
    data.pop("page", None)
    data.setdefault("stage", OPEN)
    filterset = CandidateFilterSet(data, queryset=base, request=request)
    for message in error_messages(filterset):
        messages.error(request, message)
    qs = page_queryset(filterset).order_by("name_key", "id")
    page = BoundedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.candidates_with_due(list(page.object_list), on)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "admissions/list.html", {
        "page": page, "rows": rows, "query": query.urlencode(), "stage": data["stage"], "q": request.GET.get("q", ""),
        "stages": [(OPEN, _("Đang xem xét")), ("", _("Tất cả")), *[(s.value, s.label) for s in Stage]],
        "can_create": proposing_cells(request.user).exists(), "on": on,
    })


@login_required
@require_http_methods(["GET", "POST"])
def candidate_create(request):
    _reader(request)
    form = CandidateForm(request.POST or None, user=request.user)
    if not form.fields["organization"].queryset.exists():
        raise PermissionDenied(_("Bạn không phụ trách chi bộ nào để đề nghị kết nạp."))
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["organization"]
        candidate = run_service(form, lambda: services.create_candidate(by=request.user, organization=org, **form.identity()))
        if candidate is not None:
            messages.success(request, _("Đã đưa %(name)s vào danh sách người vào Đảng.") % {"name": candidate.full_name})
            return redirect(candidate_url(candidate))
    return form_page(request, form, title=_("Thêm người vào Đảng (quần chúng ưu tú)"), submit=_("Thêm"), back=reverse("admissions:list"),
                     intro=_("Các thông tin này được chuyển sang hồ sơ đảng viên khi người vào Đảng được kết nạp."))


@login_required
@require_http_methods(["GET", "POST"])
def candidate_edit(request, pk):
    candidate = _visible_candidate(request, pk)
    if not _may(request.user, PROPOSE, candidate):
        raise PermissionDenied(_("Bạn chỉ có quyền xem hồ sơ này."))
    form = CandidateForm(request.POST or None, candidate=candidate, initial=CandidateForm.initial_for(candidate))
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        result = run_service(form, lambda: services.update_candidate(by=request.user, candidate=candidate,
                                                                     expected_version=version, **form.identity()))
        if result is not None:
            messages.success(request, _("Đã lưu hồ sơ của %(name)s.") % {"name": result.full_name})
            return redirect(candidate_url(result))
    return form_page(request, form, title=_("Sửa hồ sơ: %(name)s") % {"name": candidate.full_name}, submit=_("Lưu"),
                     back=candidate_url(candidate))


def _step_details(c: Candidate, step: str) -> list[str]:
    """What was recorded at a step, in words."""
    lines: list[str] = []
    if step == Step.CERTIFICATE and c.awareness_certificate_date:
        if c.awareness_certificate_number:
            lines.append(_("Số %(number)s") % {"number": c.awareness_certificate_number})
        if c.awareness_certificate_issuer:
            lines.append(_("Nơi cấp: %(issuer)s") % {"issuer": c.awareness_certificate_issuer})
        lines.append(_("Cấp từ lớp: %(name)s") % {"name": c.awareness_class} if c.awareness_class
                     else _("Nhập tay (giấy chứng nhận cấp trước khi lớp được quản lý trên Đảng Vụ)"))
        last = rules.certificate_expires(c.awareness_certificate_date, params_on(c.awareness_certificate_date))
        lines.append(_("Còn giá trị đến %(date)s") % {"date": vn_date(last)})
    elif step == Step.VERIFICATION and c.verification_note:
        lines.append(c.verification_note)
    elif step == Step.INTRODUCERS and c.introduction_date:
        if c.introducing_organization:
            lines.append(f"{IntroducingOrganization(c.introducing_organization).label}: {c.introducing_organization_name}")
        for member, since in ((c.introducer_1, c.introducer_1_since), (c.introducer_2, c.introducer_2_since)):
            if member is not None:
                lines.append(_("%(name)s (cùng công tác từ %(since)s)") % {"name": member.full_name, "since": vn_date(since)})
    elif step == Step.CELL_VOTE and c.cell_meeting_date:
        lines.append(_("%(yes)s/%(all)s đảng viên chính thức tán thành (%(pct)s)") % {
            "yes": c.cell_votes_for, "all": c.cell_full_members, "pct": percent(c.cell_votes_for, c.cell_full_members)})
        months = rules.age_months(c.date_of_birth, c.cell_meeting_date)
        lines.append(_("Tuổi tại ngày chi bộ xét: %(y)s tuổi %(m)s tháng") % {"y": months // 12, "m": months % 12})
        if c.cell_resolution_number:
            lines.append(_("Nghị quyết số %(number)s") % {"number": c.cell_resolution_number})
        if c.age_exception_decision:
            lines.append(_("Trên 60 tuổi: Quyết định %(number)s — %(reason)s") % {
                "number": c.age_exception_decision, "reason": c.age_exception_reason})
    elif step == Step.COMMITTEE_VOTE and c.committee_meeting_date:
        lines.append(_("%(yes)s/%(all)s cấp ủy viên tán thành (%(pct)s)") % {
            "yes": c.committee_votes_for, "all": c.committee_members, "pct": percent(c.committee_votes_for, c.committee_members)})
    elif step == Step.DECISION and c.decision_date:
        lines.append(_("Quyết định số %(number)s · %(body)s") % {"number": c.decision_number, "body": c.deciding_body})
        if c.decision_extension_reason:
            lines.append(_("Gia hạn: %(reason)s") % {"reason": c.decision_extension_reason})
    elif step == Step.CEREMONY and c.ceremony_date and c.ceremony_delay_consent:
        lines.append(_("Tổ chức muộn, được đồng ý: %(text)s") % {"text": c.ceremony_delay_consent})
    return lines


def _timeline(c: Candidate) -> list[dict]:
    from dangvu.admissions.kinds import STEP_DATE_FIELD

    nxt = c.next_step
    return [{"step": step, "label": Step(step).label, "date": getattr(c, STEP_DATE_FIELD[step]), "details": _step_details(c, step),
             "is_next": step == nxt, "who": _("Chi bộ") if step in services.CELL_STEPS else _("Cấp ủy")}
            for step in rules.applicable_steps(c.needs_committee_vote)]


def _step_form(c: Candidate, step: str, data=None):
    form_class = STEP_FORMS[step]
    initial = {"version": c.version}
    base = None
    if step == Step.CELL_VOTE:
        base = vote_base(c.organization_id, today())
        initial["full_members"] = base.minimum or None
    elif step == Step.COMMITTEE_VOTE:
        initial["committee_members"] = services.committee_members_on(c.organization, today())
    form = form_class(data, candidate=c, initial=initial)
    if base is not None:
        form.fields["full_members"].help_text = base.describe()
    if step == Step.DECISION:
        # Left blank, the service writes the body of the regime in force on the decision date.
        body = services.default_deciding_body(c.organization, today()).text
        form.fields["deciding_body"].widget.attrs["placeholder"] = _blank_means(body)
    return form


def _blank_means(body: str) -> str:
    """A placeholder that cannot be taken for a filled-in value: what a blank field will write."""
    return _("Để trống: %(body)s") % {"body": body}


def _detail_context(request, c: Candidate, *, step_form=None, withdraw_form=None) -> dict:
    user = request.user
    nxt = c.next_step
    can_step = nxt is not None and _may(user, services.step_action(nxt), c)
    if step_form is None and can_step:
        step_form = _step_form(c, nxt)
    committee_stage = c.committee_meeting_date is not None or c.decision_date is not None
    can_withdraw = c.is_open and _may(user, DECIDE if committee_stage else PROPOSE, c)
    if withdraw_form is None and can_withdraw:
        withdraw_form = WithdrawForm(initial={"version": c.version, "on": vn_date(today())})
    due = selectors.candidates_with_due([c], today())[0][1]
    return {
        "candidate": c, "timeline": _timeline(c), "next_step": nxt, "next_label": Step(nxt).label if nxt else "",
        "step_form": step_form if can_step else None, "step_slug": STEP_SLUGS.get(nxt, ""), "withdraw_form": withdraw_form
        if can_withdraw else None, "can_edit": c.is_open and _may(user, PROPOSE, c), "due": due, "on": today(),
        "stage_label": Stage(c.stage).label, "age_now": rules.age_months(c.date_of_birth, today()) // 12,
    }


@login_required
def candidate_detail(request, pk):
    c = _visible_candidate(request, pk)
    return render(request, "admissions/detail.html", _detail_context(request, c))


@login_required
@require_POST
def candidate_step(request, pk, slug):
    c = _visible_candidate(request, pk)
    step = SLUG_STEPS.get(slug)
    if step is None:
        raise Http404
    if not _may(request.user, services.step_action(step), c):
        raise PermissionDenied(_("Bạn không có quyền ghi bước này."))
    form = _step_form(c, step, request.POST)
    if form.is_valid():
        version = form.cleaned_data.get("version")
        result = run_service(form, lambda: services.record_step(by=request.user, candidate=c, step=step,
                                                                data=form.data_for_service(), expected_version=version))
        if result is not None:
            messages.success(request, _("Đã ghi “%(step)s” cho %(name)s.") % {"step": Step(step).label, "name": result.full_name})
            if step == Step.CEREMONY and result.member_id:
                messages.info(request, _("%(name)s đã là đảng viên dự bị.") % {"name": result.full_name})
            return redirect(candidate_url(result))
    context = _detail_context(request, c, step_form=form)
    if c.next_step != step:  # a form for a step that is not the next one: show it with its errors
        context.update({"step_form": form, "step_slug": slug, "next_label": Step(step).label})
    return render(request, "admissions/detail.html", context, status=200)


@login_required
@require_POST
def candidate_withdraw(request, pk):
    c = _visible_candidate(request, pk)
    committee_stage = c.committee_meeting_date is not None or c.decision_date is not None
    if not _may(request.user, DECIDE if committee_stage else PROPOSE, c):
        raise PermissionDenied(_("Bạn không có quyền dừng xem xét hồ sơ này."))
    form = WithdrawForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.withdraw(by=request.user, candidate=c, on=d["on"], kind=d["kind"],
                                                             reason=d["reason"], expected_version=d.get("version")))
        if result is not None:
            messages.success(request, _("Đã dừng xem xét kết nạp %(name)s.") % {"name": result.full_name})
            return redirect(candidate_url(result))
    return render(request, "admissions/detail.html", _detail_context(request, c, withdraw_form=form))


@login_required
def admission_decision_docx(request, pk):
    from dangvu.documents.http import docx_response

    c = _visible_candidate(request, pk)
    if c.decision_date is None:
        raise Http404
    return docx_response(documents.admission_decision(c), documents.filename("Quyết định kết nạp", c.full_name, c.decision_number))


# ---------------------------------------------------------------- probation

@login_required
def probation_list(request):
    _reader(request)
    on = today()
    horizon = params_on(on)["todo.probation_horizon_days"]
    form = ProbationFilterForm(request.GET)
    for message in form.error_messages():
        messages.error(request, message)
    which = form.cleaned_data.get("due", "") if form.is_valid() else ""
    rows = selectors.probation_rows(selectors.probationary_members(request.user), on)
    total = len(rows)
    rows = form.rows(rows, on, horizon)
    page = BoundedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "admissions/probation_list.html", {
        "rows": page.object_list, "page": page, "query": query.urlencode(), "which": which, "horizon": horizon,
        "total_text": format_number(total), "on": on,
        "filters": [("", _("Tất cả")), (selectors.ENDING_SOON, _("Hết dự bị trong %(n)s ngày tới") % {"n": horizon}),
                    (selectors.OVERDUE, _("Quá hạn"))],
    })


def _visible_probation_member(request, pk) -> Member:
    _reader(request)
    member = get_object_or_404(Member.objects.visible_to(request.user).select_related("organization"), pk=pk)
    if services.probation_start(member) is None:
        raise Http404
    return member


def _probation_vote_form(org, on) -> ProbationVoteForm:
    base = vote_base(org.pk, on)
    form = ProbationVoteForm(initial={"meeting_date": vn_date(on), "full_members": base.minimum or None})
    form.fields["full_members"].help_text = base.describe()
    return form


def _probation_context(request, member: Member, **forms) -> dict:
    user = request.user
    on = today()
    p = services.probation_of(member)
    probationary = member.status == Status.PROBATIONARY
    org = member.organization
    can_vote = probationary and org is not None and permissions.can(user, PROPOSE, org)
    can_decide = probationary and org is not None and permissions.can(user, DECIDE, org)
    recognized = documents.recognition_event(member)
    if recognized is not None and recognized.effective_date < p.start:
        recognized = None  # a recognition of an earlier probation
    context = {
        "member": member, "p": p, "due": selectors.probation_due(p, on) if probationary else None, "probationary": probationary,
        "vote_form": forms.get("vote_form") or (_probation_vote_form(org, on) if can_vote else None),
        "recognize_form": forms.get("recognize_form") or (RecognitionForm(initial={"version": member.version})
                                                          if can_decide else None),
        "strike_form": forms.get("strike_form") or (StrikeOffForm(initial={"version": member.version}) if can_decide else None),
        "default_body": services.default_deciding_body(org, on).text if can_decide else "",
        "recognized": recognized, "candidate": Candidate.objects.filter(member=member).first(), "on": on,
        "max_votes": params_on(on)["probation.max_votes"],
    }
    if not can_vote:
        context["vote_form"] = None
    if not can_decide:
        context["recognize_form"] = context["strike_form"] = None
    for key in ("recognize_form", "strike_form"):
        if context[key] is not None:  # blank: the body of the regime in force on the decision date
            context[key].fields["deciding_body"].widget.attrs["placeholder"] = _blank_means(context["default_body"])
    return context


@login_required
def probation_detail(request, pk):
    member = _visible_probation_member(request, pk)
    return render(request, "admissions/probation_detail.html", _probation_context(request, member))


def probation_url(member: Member) -> str:
    return reverse("admissions:probation_detail", args=[member.pk])


def _probation_write(request, pk, action: str, form_class, form_key: str, call, success: str):
    member = _visible_probation_member(request, pk)
    if member.organization is None or not permissions.can(request.user, action, member.organization):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này."))
    form = form_class(request.POST)
    if form.is_valid():
        result = run_service(form, lambda: call(member, form.cleaned_data))
        if result is not None:
            messages.success(request, success % {"name": member.full_name})
            return redirect(probation_url(member))
    return render(request, "admissions/probation_detail.html", _probation_context(request, member, **{form_key: form}))


@login_required
@require_POST
def probation_vote(request, pk):
    return _probation_write(request, pk, PROPOSE, ProbationVoteForm, "vote_form", lambda m, d: services.record_probation_vote(
        by=request.user, member=m, meeting_date=d["meeting_date"], proposal=d["proposal"], full_members=d["full_members"],
        votes_for=d["votes_for"], resolution_number=d["resolution_number"]), _("Đã ghi biểu quyết của chi bộ về %(name)s."))


@login_required
@require_POST
def probation_recognize(request, pk):
    return _probation_write(request, pk, DECIDE, RecognitionForm, "recognize_form", lambda m, d: services.recognize(
        by=request.user, member=m, decision_number=d["decision_number"], decision_date=d["decision_date"],
        deciding_body=d["deciding_body"], delegated=d["delegated"], extension_reason=d["extension_reason"],
        expected_version=d.get("version")), _("%(name)s đã được công nhận là đảng viên chính thức."))


@login_required
@require_POST
def probation_strike_off(request, pk):
    return _probation_write(request, pk, DECIDE, StrikeOffForm, "strike_form", lambda m, d: services.strike_off(
        by=request.user, member=m, decision_number=d["decision_number"], decision_date=d["decision_date"], reason=d["reason"],
        deciding_body=d["deciding_body"], delegated=d["delegated"], extension_reason=d["extension_reason"],
        expected_version=d.get("version")), _("Đã xóa tên %(name)s trong danh sách đảng viên dự bị."))


@login_required
def recognition_decision_docx(request, pk):
    from dangvu.documents.http import docx_response

    member = _visible_probation_member(request, pk)
    event = documents.recognition_event(member)
    if event is None:
        raise Http404
    return docx_response(documents.recognition_decision(member, event),
                         documents.filename("Quyết định công nhận đảng viên chính thức", member.full_name, event.decision_number))


