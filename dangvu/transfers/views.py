"""Screens of transfers of party activity and of exemption/suspension.

Every read starts from `TransferLetter.objects.visible_to(user)` or `Member.objects.visible_to(user)`:
404 outside them; 403 when the letter or member is visible but the user's role or side may not
make the change. Writes go through dangvu.transfers.services (run_service puts refusals on the
form's fields).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.audit.presenters import present_entries
from dangvu.audit.services import entries_for
from dangvu.core.dates import today, vn_date
from dangvu.core.filters import error_messages, page_queryset
from dangvu.core.forms import run_service
from dangvu.core.views import form_page
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.transfers import documents, selectors, services
from dangvu.transfers.filters import DEFAULT_DIRECTION, LetterFilterSet
from dangvu.transfers.forms import CloseForm, EndForm, EventDecisionForm, ExemptionForm, IssueForm, ReceiveForm, ReturnForm
from dangvu.transfers.kinds import TransferKind
from dangvu.transfers.models import TransferLetter

PAGE_SIZE = 50


def letter_url(letter: TransferLetter) -> str:
    return reverse("transfers:detail", args=[letter.pk])


def member_page_url(member: Member) -> str:
    return reverse("transfers:member", args=[member.pk])


def _letter(request, pk) -> TransferLetter:
    try:
        return selectors.visible_letter(request.user, pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def _member(request, pk) -> Member:
    return get_object_or_404(Member.objects.visible_to(request.user).select_related("organization"), pk=pk)


def _about_letter(letter) -> dict:
    """The form page's back link and lead line for a letter (core.views.form_page)."""
    return {"back_label": _("Giấy giới thiệu số %(number)s") % {"number": letter.number},
            "lead": _("%(name)s: %(from)s → %(to)s") % {"name": letter.member.full_name, "from": letter.from_organization.name,
                                                      "to": letter.destination_label}}


# ---------------------------------------------------------------- lists

@login_required
def letter_list(request):
    on = today()
    data = request.GET.copy()
    data.pop("page", None)
    if "direction" not in data:
        data["direction"] = selectors.opening_tab(request.user, on, DEFAULT_DIRECTION)
    base = TransferLetter.objects.visible_to(request.user).select_related(*selectors.LETTER_RELATED).order_by("-issue_date", "-id")
    filterset = LetterFilterSet(data, queryset=base, request=request)
    for message in error_messages(filterset):
        messages.error(request, message)
    qs = page_queryset(filterset, default=selectors.letters(request.user, DEFAULT_DIRECTION, on))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for letter in page.object_list:
        letter.overdue = letter.overdue_on(on)
    tab = filterset.form.cleaned_data.get("direction") if filterset.is_valid() else DEFAULT_DIRECTION
    query = data.copy()
    return render(request, "transfers/list.html", {
        "tab": tab or "all", "tabs": [(key, _(label)) for key, label in selectors.TABS.items()], "page": page, "on": on,
        "query": query.urlencode(), "can_issue": permissions.has_scope(request.user, services.ISSUE),
    })


# ---------------------------------------------------------------- issue

@login_required
@require_http_methods(["GET", "POST"])
def letter_issue(request):
    user = request.user
    if not permissions.has_scope(user, services.ISSUE):
        raise PermissionDenied(_("Bạn không có quyền cấp giấy giới thiệu sinh hoạt đảng."))
    member_pk = request.GET.get("member") or request.POST.get("member")
    if not member_pk:
        q = request.GET.get("q", "")
        return render(request, "transfers/issue_pick.html", {"q": q, "members": selectors.issuable_members(user, q) if q else []})
    try:
        member = _member(request, int(member_pk))
    except ValueError as exc:
        raise Http404 from exc
    if not services.may_issue_for(user, member):
        raise PermissionDenied(_("Bạn không có quyền giới thiệu chuyển sinh hoạt đảng cho đảng viên này."))
    form = IssueForm(request.POST or None, initial={"issue_date": today(), "kind": TransferKind.OFFICIAL})
    if request.method == "POST" and form.is_valid():
        letter = run_service(form, lambda: services.issue_letter(by=user, member=member, **form.service_kwargs()))
        if letter is not None:
            messages.success(request, _("Đã cấp giấy giới thiệu số %(number)s cho %(name)s.") % {
                "number": letter.number, "name": member.full_name})
            return redirect(letter_url(letter))
    return render(request, "transfers/issue.html", {"form": form, "member": member})


@login_required
def destination_options(request):
    """<option>s for the destination field (htmx): organizations by name or code."""
    if not permissions.has_scope(request.user, services.ISSUE):
        raise PermissionDenied
    orgs = selectors.destinations(request.GET.get("destination", "") or request.GET.get("q", ""), today())
    return render(request, "transfers/_destination_options.html", {"orgs": orgs})


# ---------------------------------------------------------------- one letter

@login_required
def letter_detail(request, pk):
    letter = _letter(request, pk)
    user, on = request.user, today()
    sides = [o for o in (letter.from_organization, letter.destination, letter.receiving_cell) if o is not None]
    can_audit = permissions.may_view_audit(user, *sides)
    return render(request, "transfers/detail.html", {
        "letter": letter, "on": on, "overdue": letter.overdue_on(on),
        "late": letter.received_on is not None and letter.presentation_deadline is not None
        and letter.received_on > letter.presentation_deadline,
        "can_receive": services.may_receive(user, letter), "can_cancel": services.may_cancel(user, letter),
        "can_end": services.may_end(user, letter),
        "member_visible": Member.objects.visible_to(user).filter(pk=letter.member_id).exists(),
        "entries": _present(entries_for(letter).order_by("-timestamp", "-id")[:100]) if can_audit else None,
    })


def _present(entries):
    """Audit entries of a letter as people read them (yes/no rather than True/False)."""
    presented = present_entries(entries)
    words = {"True": _("Có"), "False": _("Không")}
    for entry in presented:
        for line in entry.lines:
            line.before, line.after = words.get(line.before, line.before), words.get(line.after, line.after)
    return presented


@login_required
@require_http_methods(["GET", "POST"])
def letter_receive(request, pk):
    letter = _letter(request, pk)
    if not services.may_receive(request.user, letter):
        raise PermissionDenied(_("Chỉ cấp ủy, chi bộ nơi đến xác nhận tiếp nhận giấy giới thiệu đang chờ tiếp nhận."))
    cells = selectors.receivable_cells(request.user, letter, today())
    initial = {"received_on": today(), "version": letter.version}
    if letter.destination_id and cells.filter(pk=letter.destination_id).exists():
        initial["receiving_cell"] = letter.destination_id
    form = ReceiveForm(request.POST or None, cells=cells, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.receive_letter(
            by=request.user, letter=letter, receiving_cell=d["receiving_cell"], received_on=d["received_on"],
            late_reason=d["late_reason"], expected_version=d["version"]))
        if result is not None:
            messages.success(request, _("Đã tiếp nhận %(name)s vào %(cell)s.") % {
                "name": letter.member.full_name, "cell": result.receiving_cell.name})
            return redirect(letter_url(result))
    intro = _("Hạn xuất trình: %(due)s. Sau khi xác nhận, đảng viên được chuyển vào chi bộ tiếp nhận từ ngày tiếp nhận.") % {
        "due": vn_date(letter.presentation_deadline)}
    return form_page(request, form, title=_("Tiếp nhận: giấy giới thiệu số %(number)s") % {"number": letter.number},
                     back=letter_url(letter), submit=_("Xác nhận tiếp nhận"), intro=intro, **_about_letter(letter))


@login_required
@require_http_methods(["GET", "POST"])
def letter_return(request, pk):
    letter = _letter(request, pk)
    if not services.may_receive(request.user, letter):
        raise PermissionDenied(_("Chỉ cấp ủy, chi bộ nơi đến trả lại giấy giới thiệu đang chờ tiếp nhận."))
    form = ReturnForm(request.POST or None, initial={"returned_on": today(), "version": letter.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.return_letter(by=request.user, letter=letter, reason=d["reason"],
                                                                  returned_on=d["returned_on"], expected_version=d["version"]))
        if result is not None:
            messages.success(request, _("Đã trả lại giấy giới thiệu số %(number)s.") % {"number": letter.number})
            return redirect(letter_url(result))
    return form_page(request, form, title=_("Trả lại: giấy giới thiệu số %(number)s") % {"number": letter.number},
                     back=letter_url(letter), submit=_("Trả lại giấy"), **_about_letter(letter), danger=True,
                     intro=_("Đảng viên vẫn sinh hoạt ở nơi đi; bên giới thiệu được báo qua tình trạng của giấy."))


@login_required
@require_http_methods(["GET", "POST"])
def letter_cancel(request, pk):
    letter = _letter(request, pk)
    if not services.may_cancel(request.user, letter):
        raise PermissionDenied(_("Chỉ cấp ủy đã cấp giấy được hủy giấy giới thiệu chưa được tiếp nhận."))
    form = CloseForm(request.POST or None, initial={"version": letter.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.cancel_letter(by=request.user, letter=letter, reason=d["reason"],
                                                                  expected_version=d["version"]))
        if result is not None:
            messages.success(request, _("Đã hủy giấy giới thiệu số %(number)s.") % {"number": letter.number})
            return redirect(letter_url(result))
    return form_page(request, form, title=_("Hủy giấy giới thiệu số %(number)s") % {"number": letter.number},
                     back=letter_url(letter), submit=_("Hủy giấy"), **_about_letter(letter), danger=True,
                     intro=_("Giấy bị hủy vẫn được lưu; đảng viên tiếp tục sinh hoạt ở nơi đi."))


@login_required
@require_http_methods(["GET", "POST"])
def letter_end(request, pk):
    letter = _letter(request, pk)
    if not services.may_end(request.user, letter):
        raise PermissionDenied(_("Chỉ nơi đi hoặc nơi sinh hoạt tạm thời ghi việc trở về của sinh hoạt tạm thời đang diễn ra."))
    form = EndForm(request.POST or None, initial={"ended_on": today(), "version": letter.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.end_temporary(by=request.user, letter=letter, ended_on=d["ended_on"],
                                                                  note=d["note"], expected_version=d["version"]))
        if result is not None:
            messages.success(request, _("Đã ghi %(name)s trở về sinh hoạt tại %(cell)s.") % {
                "name": letter.member.full_name, "cell": letter.from_organization.name})
            return redirect(letter_url(result))
    return form_page(request, form, title=_("Trở về: giấy giới thiệu số %(number)s") % {"number": letter.number},
                     back=letter_url(letter), submit=_("Ghi trở về"), **_about_letter(letter))


@login_required
def letter_docx(request, pk):
    letter = _letter(request, pk)
    return documents.letter_response(request.user, letter)


# ---------------------------------------------------------------- the member's page: transfers, exemption, suspension

@login_required
def member_transfers(request, pk):
    member = _member(request, pk)
    panel = selectors.member_panel(request.user, member, today())
    return render(request, "transfers/member.html", {"member": member, "panel": panel, "in_party": member.status in IN_PARTY})


def _changeable(request, pk) -> Member:
    member = _member(request, pk)
    if not permissions.may_change_member(request.user, member, services.CHANGE_MEMBER):
        raise PermissionDenied(_("Bạn chỉ có quyền xem hồ sơ đảng viên này."))
    return member


@login_required
@require_http_methods(["GET", "POST"])
def exemption_add(request, pk):
    member = _changeable(request, pk)
    form = ExemptionForm(request.POST or None)
    panel = selectors.member_panel(request.user, member, today())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.record_exemption(
            by=request.user, member=member, reason=d["reason"], decision_number=d["decision_number"],
            decision_date=d["decision_date"], effective_date=d["effective_date"], note=d["note"]))
        if result is not None:
            messages.success(request, _("Đã ghi miễn công tác và sinh hoạt đảng cho %(name)s.") % {"name": member.full_name})
            return redirect(member_page_url(member))
    intro = _("Chi bộ xem xét, quyết định và báo cáo cấp ủy cấp trên (QĐ 232-QĐ/TW Điều 7.1). Đảng viên được miễn không "
              "phải đánh giá, xếp loại; vẫn được dự đại hội đảng viên, được tặng Huy hiệu Đảng.")
    if panel.advanced_age:
        intro += " " + _("Gợi ý: đảng viên đã quá tuổi lao động theo HD 27-HD/BTCTW (2009) (nam trên 60, nữ trên 55).")
    return form_page(request, form, title=_("Miễn công tác và sinh hoạt đảng: %(name)s") % {"name": member.full_name},
                     back=member_page_url(member), submit=_("Ghi miễn sinh hoạt"), intro=intro, back_label=member.full_name)


def _event_page(request, pk, *, service, title, submit, success, require_reason=False, require_decision_date=False,
                with_body=True, intro=""):
    member = _changeable(request, pk)
    form = EventDecisionForm(request.POST or None, require_reason=require_reason, require_decision_date=require_decision_date,
                             with_body=with_body)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: service(request.user, member, d))
        if result is not None:
            messages.success(request, success % {"name": member.full_name})
            return redirect(member_page_url(member))
    return form_page(request, form, title=title % {"name": member.full_name}, back=member_page_url(member), submit=submit,
                     intro=intro, back_label=member.full_name)


@login_required
@require_http_methods(["GET", "POST"])
def exemption_end(request, pk):
    return _event_page(
        request, pk, title=_("Thôi miễn sinh hoạt: %(name)s"), submit=_("Ghi thôi miễn"), with_body=False,
        success=_("Đã ghi thôi miễn công tác và sinh hoạt đảng cho %(name)s."),
        service=lambda user, member, d: services.end_exemption(
            by=user, member=member, effective_date=d["effective_date"], decision_number=d["decision_number"],
            decision_date=d["decision_date"], note=d["reason"]))


@login_required
@require_http_methods(["GET", "POST"])
def suspension_add(request, pk):
    return _event_page(
        request, pk, title=_("Đình chỉ sinh hoạt đảng: %(name)s"), submit=_("Ghi đình chỉ"), require_reason=True,
        require_decision_date=True, success=_("Đã ghi đình chỉ sinh hoạt đảng đối với %(name)s."),
        intro=_("Đảng viên bị đình chỉ sinh hoạt vẫn đóng đảng phí và không đánh giá, xếp loại trong thời gian bị đình chỉ."),
        service=lambda user, member, d: services.suspend(
            by=user, member=member, effective_date=d["effective_date"], decision_date=d["decision_date"],
            decision_number=d["decision_number"], deciding_body=d["deciding_body"], reason=d["reason"]))


@login_required
@require_http_methods(["GET", "POST"])
def suspension_end(request, pk):
    return _event_page(
        request, pk, title=_("Phục hồi sinh hoạt đảng: %(name)s"), submit=_("Ghi phục hồi"),
        success=_("Đã ghi phục hồi sinh hoạt đảng cho %(name)s."),
        service=lambda user, member, d: services.reinstate(
            by=user, member=member, effective_date=d["effective_date"], decision_date=d["decision_date"],
            decision_number=d["decision_number"], deciding_body=d["deciding_body"], reason=d["reason"]))


# ---------------------------------------------------------------- counting at a cell (T6, T8, O14)

@login_required
def cell_count(request, org_pk):
    org = get_object_or_404(Organization.objects.visible_to(request.user), pk=org_pk)
    if not selectors.may_view_members_of(request.user, org):
        raise Http404
    return render(request, "transfers/count.html", {"count": selectors.cell_count(org, today())})
