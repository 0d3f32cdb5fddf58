"""Screens of residence contact (QĐ 213-QĐ/TW).

Every read starts from `ResidenceContact.objects.visible_to(user)`, the register's
`Member.objects.visible_to(user)` or `Organization.objects.visible_to(user)`: 404 outside them;
403 when the thing is visible but the user's role or side may not make the change. Writes go
through dangvu.residence.services (run_service puts refusals on the form's fields).
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
from dangvu.core import params
from dangvu.core.dates import today, vn_date
from dangvu.core.filters import error_messages, page_queryset
from dangvu.core.forms import run_service
from dangvu.core.views import form_page
from dangvu.members.models import Member
from dangvu.organizations import tree
from dangvu.organizations.models import Organization
from dangvu.residence import documents, rules, selectors, services
from dangvu.residence.filters import ResidenceContactFilterSet, WorkingMemberFilterSet
from dangvu.residence.forms import AssignForm, CommentForm, EndForm, ExemptForm, IntroduceForm, MeetingForm, ReceiveForm
from dangvu.residence.kinds import CommentOccasion, ContactStatus
from dangvu.residence.models import ResidenceComment, ResidenceContact

PAGE_SIZE = 50


def contact_url(contact: ResidenceContact) -> str:
    return reverse("residence:detail", args=[contact.pk])


def member_url(member_id: int) -> str:
    return reverse("residence:member", args=[member_id])


def _contact(request, pk) -> ResidenceContact:
    try:
        return selectors.visible_contact(request.user, pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def _member(request, pk) -> Member:
    return get_object_or_404(Member.objects.visible_to(request.user).select_related("organization"), pk=pk)


def _year(request, *, quiet: bool = False) -> int:
    """The year asked for in ?year= (this year when absent; a message and this year when invalid,
    unless `quiet`: a FilterSet reading the same parameter already says so)."""
    raw = request.GET.get("year", "").strip()
    if raw:
        year = params.whole_number(raw)
        if year is not None and 2000 <= year <= 2100:
            return year
        if not quiet:
            messages.error(request, _("year: “%(value)s” không hợp lệ; nhập một năm từ 2000 đến 2100.") % {"value": raw})
    return today().year


# The page's tabs over the contacts list: side and contact_status preset, the other parameters as in the API.
CONTACT_TABS = {
    "awaiting": {"side": "residence", "contact_status": [ContactStatus.AWAITING, ContactStatus.RECEIVED]},
    "living": {"side": "residence", "contact_status": [ContactStatus.ASSIGNED]},
}


def _filtered(request, filterset_class, base, preset: dict | None = None, defaults: dict | None = None):
    data = request.GET.copy()
    for key in ("page", "tab"):
        data.pop(key, None)
    for key, value in (defaults or {}).items():
        data.setdefault(key, value)
    for key, value in (preset or {}).items():
        data.setlist(key, value if isinstance(value, list) else [value])
    filterset = filterset_class(data, queryset=base, request=request)
    for message in error_messages(filterset):
        messages.error(request, message)
    return filterset, page_queryset(filterset)


def _can_introduce_somewhere(user) -> bool:
    return permissions.has_scope(user, services.INTRODUCE)


def _about(contact, user) -> dict:
    """The form page's back link and lead line for a contact (core.views.form_page)."""
    lead = _("%(cell)s → %(place)s") % {"cell": contact.workplace_cell.name, "place": contact.receiving_label}
    if contact.residence_address:
        lead = f"{lead} · {selectors.shown_address(user, contact)}"
    return {"back_label": contact.member.full_name, "lead": lead}


# ---------------------------------------------------------------- the lists

@login_required
def index(request):
    user = request.user
    default = "workplace" if _can_introduce_somewhere(user) else "living"
    tab = request.GET.get("tab") or default
    if tab not in selectors.TABS:
        messages.error(request, _("tab: “%(value)s” không hợp lệ; chọn %(choices)s.") % {
            "value": tab, "choices": ", ".join(selectors.TABS)})
        tab = default
    year = _year(request, quiet=tab in CONTACT_TABS)
    context = {"tab": tab, "tabs": [(key, _(label)) for key, label in selectors.TABS.items()], "year": year,
               "can_introduce": _can_introduce_somewhere(user), "on": today()}
    query = request.GET.copy()
    query.pop("page", None)
    query["tab"] = tab
    context["query"] = query.urlencode()
    if tab == "workplace":
        filterset, qs = _filtered(request, WorkingMemberFilterSet, selectors.working_members(user))
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        selectors.attach_contacts(page.object_list)
        valid = filterset.form.cleaned_data if filterset.is_valid() else {}
        within = getattr(filterset, "organization", None)
        context.update(page=page, filters=[(k, _(v)) for k, v in selectors.WORKPLACE_FILTERS.items()],
                       contact_filter=valid.get("contact_status", ""), within=within, q=valid.get("q", ""))
    elif tab in CONTACT_TABS:
        base = selectors.awaiting(user) if tab == "awaiting" else selectors.living(user)
        defaults = {"year": str(today().year)} if tab == "living" else {}
        _filterset, qs = _filtered(request, ResidenceContactFilterSet, base, CONTACT_TABS[tab], defaults)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        if tab == "living":
            selectors.attach_year(page.object_list, year)
        context.update(page=page)
    else:
        page = Paginator(selectors.residence_cells(user, year), PAGE_SIZE).get_page(request.GET.get("page"))
        selectors.attach_cell_counts(page.object_list, year)
        context.update(page=page)
    return render(request, "residence/index.html", context)


# ---------------------------------------------------------------- introduce, exempt (workplace side)

def _pick_member(request, *, title: str, action: str):
    """The member picker of the introduce and exempt pages; returns (member or None, response or None)."""
    user = request.user
    if not _can_introduce_somewhere(user):
        raise PermissionDenied(_("Bạn không có quyền giới thiệu đảng viên về nơi cư trú."))
    member_pk = request.GET.get("member") or request.POST.get("member")
    if not member_pk:
        q = request.GET.get("q", "")
        return None, render(request, "residence/pick.html", {
            "q": q, "title": title, "action": action, "members": selectors.introducible_members(user, q) if q else []})
    try:
        member = _member(request, int(member_pk))
    except ValueError as exc:
        raise Http404 from exc
    if not services.may_introduce_for(user, member):
        raise PermissionDenied(_("Bạn không có quyền giới thiệu đảng viên này về nơi cư trú (chỉ đảng viên đang công tác, "
                                 "trong phạm vi của bạn)."))
    if services.open_contact_of(member) is not None:
        raise PermissionDenied(_("Đảng viên này đã được giới thiệu về nơi cư trú (hoặc không thuộc diện giới thiệu): kết thúc "
                                 "việc đó trước."))
    return member, None


@login_required
@require_http_methods(["GET", "POST"])
def introduce(request):
    member, response = _pick_member(request, title=_("Giới thiệu đảng viên về nơi cư trú"), action="introduce")
    if response is not None:
        return response
    form = IntroduceForm(request.POST or None, initial={"letter_date": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        contact = run_service(form, lambda: services.introduce(
            by=request.user, member=member, letter_number=d["letter_number"], letter_date=d["letter_date"],
            residence_address=d["residence_address"], receiving_organization=d["receiving_organization"],
            receiving_text=d["receiving_text"], meeting_exemption=d["meeting_exemption"], signer_name=d["signer_name"],
            signer_title=d["signer_title"]))
        if contact is not None:
            messages.success(request, _("Đã giới thiệu %(name)s về %(place)s.") % {
                "name": member.full_name, "place": contact.receiving_label})
            return redirect(contact_url(contact))
    grassroots = tree.grassroots_today(member.organization) if member.organization else None
    return render(request, "residence/introduce.html", {"form": form, "member": member, "grassroots": grassroots})


@login_required
@require_http_methods(["GET", "POST"])
def exempt(request):
    member, response = _pick_member(request, title=_("Đảng viên không thuộc diện giới thiệu về nơi cư trú"), action="exempt")
    if response is not None:
        return response
    form = ExemptForm(request.POST or None, initial={"decided_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        contact = run_service(form, lambda: services.exempt_from_introduction(
            by=request.user, member=member, introduction_exemption=d["introduction_exemption"], decided_on=d["decided_on"],
            exemption_note=d["exemption_note"]))
        if contact is not None:
            messages.success(request, _("Đã ghi %(name)s không thuộc diện giới thiệu về nơi cư trú.") % {"name": member.full_name})
            return redirect(member_url(member.pk))
    return form_page(request, form, title=_("Không thuộc diện giới thiệu về nơi cư trú: %(name)s") % {"name": member.full_name},
                     back=member_url(member.pk), submit=_("Ghi"),
                     intro=_("Quân đội, công an làm nhiệm vụ đặc biệt và các trường hợp khác theo HD 33-HD/BTCTW điểm 1.2 "
                             "không giới thiệu về giữ mối liên hệ với nơi cư trú."))


@login_required
def receiving_options(request):
    """<option>s for the commune or ward field (htmx): communes and wards by name or code."""
    if not _can_introduce_somewhere(request.user):
        raise PermissionDenied
    orgs = selectors.receiving_options(request.GET.get("receiving_organization", "") or request.GET.get("q", ""), today())
    return render(request, "residence/_receiving_options.html", {"orgs": orgs})


# ---------------------------------------------------------------- one contact

@login_required
def detail(request, pk):
    contact = _contact(request, pk)
    user = request.user
    sides = [o for o in (contact.workplace_cell, contact.receiving_organization, contact.residence_cell) if o is not None]
    can_audit = permissions.may_view_audit(user, *sides)
    comments, attendance = selectors.contact_history(contact)
    entries = None
    if can_audit:
        entries = present_entries(entries_for(contact).order_by("-timestamp", "-id")[:100])
    return render(request, "residence/detail.html", {
        "contact": contact, "comments": comments, "attendance": attendance,
        "can_receive": services.may_receive(user, contact), "can_assign": services.may_assign(user, contact),
        "can_end": services.may_end(user, contact), "can_comment": services.may_comment(user, contact),
        "member_visible": Member.objects.visible_to(user).filter(pk=contact.member_id).exists(),
        "entries": entries, "exempt": contact.contact_status == ContactStatus.EXEMPT,
    })


@login_required
@require_http_methods(["GET", "POST"])
def receive(request, pk):
    contact = _contact(request, pk)
    if not services.may_receive(request.user, contact):
        raise PermissionDenied(_("Chỉ đảng ủy xã, phường nơi cư trú tiếp nhận giấy giới thiệu đang chờ tiếp nhận."))
    cells = selectors.assignable_cells(request.user, contact, today())
    form = ReceiveForm(request.POST or None, cells=cells, initial={"received_on": today(), "version": contact.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.receive(
            by=request.user, contact=contact, received_on=d["received_on"], residence_cell=d["residence_cell"],
            assigned_on=d["assigned_on"], expected_version=d["version"]))
        if result is not None:
            if result.residence_cell:
                messages.success(request, _("Đã tiếp nhận và phân công %(name)s về %(cell)s.") % {
                    "name": contact.member.full_name, "cell": result.residence_cell.name})
            else:
                messages.success(request, _("Đã tiếp nhận %(name)s.") % {"name": contact.member.full_name})
            return redirect(contact_url(result))
    return form_page(request, form, title=_("Tiếp nhận: %(name)s") % {"name": contact.member.full_name},
                     back=contact_url(contact), submit=_("Tiếp nhận"), **_about(contact, request.user),
                     intro=_("Đảng ủy xã, phường tiếp nhận, lập danh sách và phân công đảng viên về chi bộ thôn, tổ dân phố "
                             "nơi cư trú (QĐ 213-QĐ/TW Điều 4)."))


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, pk):
    contact = _contact(request, pk)
    if not services.may_assign(request.user, contact):
        raise PermissionDenied(_("Chỉ đảng ủy xã, phường nơi cư trú phân công đảng viên đã tiếp nhận về chi bộ."))
    cells = selectors.assignable_cells(request.user, contact, today())
    form = AssignForm(request.POST or None, cells=cells, initial={"assigned_on": today(), "version": contact.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.assign(by=request.user, contact=contact, residence_cell=d["residence_cell"],
                                                           assigned_on=d["assigned_on"], expected_version=d["version"]))
        if result is not None:
            messages.success(request, _("Đã phân công %(name)s về %(cell)s.") % {
                "name": contact.member.full_name, "cell": result.residence_cell.name})
            return redirect(contact_url(result))
    return form_page(request, form, title=_("Phân công về chi bộ nơi cư trú: %(name)s") % {"name": contact.member.full_name},
                     back=contact_url(contact), submit=_("Phân công"), **_about(contact, request.user))


@login_required
@require_http_methods(["GET", "POST"])
def end(request, pk):
    contact = _contact(request, pk)
    if not services.may_end(request.user, contact):
        raise PermissionDenied(_("Chỉ cấp ủy nơi công tác hoặc đảng ủy xã, phường nơi cư trú ghi việc kết thúc."))
    form = EndForm(request.POST or None, initial={"ended_on": today(), "version": contact.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.end_contact(
            by=request.user, contact=contact, contact_end_reason=d["contact_end_reason"], ended_on=d["ended_on"],
            end_note=d["end_note"], expected_version=d["version"]))
        if result is not None:
            messages.success(request, _("Đã ghi kết thúc giữ mối liên hệ với nơi cư trú của %(name)s.") % {
                "name": contact.member.full_name})
            return redirect(contact_url(result))
    return form_page(request, form, title=_("Kết thúc giữ mối liên hệ với nơi cư trú: %(name)s") % {
        "name": contact.member.full_name}, back=contact_url(contact), submit=_("Ghi kết thúc"),
        **_about(contact, request.user), danger=True,
        intro=_("Việc giữ mối liên hệ đã kết thúc vẫn được lưu cùng các nhận xét và buổi sinh hoạt."))


@login_required
@require_http_methods(["GET", "POST"])
def comment(request, pk):
    contact = _contact(request, pk)
    if not services.may_comment(request.user, contact):
        raise PermissionDenied(_("Chỉ chi ủy chi bộ nơi cư trú nhận xét đảng viên đã được phân công về chi bộ."))
    on = today()
    p = selectors.year_params(on.year)
    initial = {"year": on.year, "commented_on": on, "signer_title": _("Bí thư chi bộ"),
               "comment_occasion": CommentOccasion.ON_REQUEST if contact.meeting_exemption else CommentOccasion.ANNUAL}
    outside = contact.residence_cell_id is None
    form = CommentForm(request.POST or None, initial=initial, outside=outside)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.record_comment(
            by=request.user, contact=contact, year=d["year"], comment_occasion=d["comment_occasion"], text=d["text"],
            comment_assessment=d["comment_assessment"], commented_on=d["commented_on"], purpose=d["purpose"],
            signer_name=d["signer_name"], signer_title=d["signer_title"], written_by_text=d.get("written_by_text", "")))
        if result is not None:
            messages.success(request, _("Đã ghi nhận xét năm %(year)s về %(name)s.") % {
                "year": result.year, "name": contact.member.full_name})
            return redirect(contact_url(contact))
    if contact.meeting_exemption:
        intro = _("Đảng viên thuộc diện không sinh hoạt định kỳ ở nơi cư trú (HD 33-HD/BTCTW điểm 1.1): chỉ nhận xét khi cần "
                  "(nhân sự, khen thưởng, kỷ luật).")
    else:
        intro = _("Nhận xét hằng năm gửi về cấp ủy nơi công tác trước ngày %(due)s (hạn mặc định, chưa thấy quy định: tham số "
                  "“residence.comment_due_month/day”), để kiểm điểm, đánh giá, xếp loại đảng viên cuối năm.") % {
            "due": vn_date(rules.comment_due(on.year, p))}
    return form_page(request, form, title=_("Nhận xét của chi bộ nơi cư trú: %(name)s") % {"name": contact.member.full_name},
                     back=contact_url(contact), submit=_("Ghi nhận xét"), **_about(contact, request.user), intro=intro)


@login_required
def letter_docx(request, pk):
    contact = _contact(request, pk)
    if contact.contact_status == ContactStatus.EXEMPT or not contact.letter_number:
        raise Http404
    return documents.introduction_response(request.user, contact)


@login_required
def comment_docx(request, pk):
    comment_ = get_object_or_404(ResidenceComment.objects.select_related("contact"), pk=pk)
    contact = _contact(request, comment_.contact_id)
    comment_.contact = contact
    return documents.comment_response(request.user, comment_)


# ---------------------------------------------------------------- the residence cell and its meetings

def _residence_cell(request, org_pk) -> Organization:
    cell = get_object_or_404(Organization.objects.visible_to(request.user), pk=org_pk)
    if not rules.is_residence_cell(cell.kind, cell.unit_type) or not selectors.may_view_cell(request.user, cell):
        raise Http404
    return cell


@login_required
def cell(request, org_pk):
    cell_ = _residence_cell(request, org_pk)
    page = selectors.cell_page(request.user, cell_, _year(request))
    return render(request, "residence/cell.html", {"page": page, "cell": cell_, "on": today()})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, org_pk):
    cell_ = _residence_cell(request, org_pk)
    if not services.may_record_meeting(request.user, cell_):
        raise PermissionDenied(_("Chỉ chi ủy chi bộ nơi cư trú ghi buổi sinh hoạt với đảng viên đang công tác."))
    # Every member ever assigned here: a meeting recorded afterwards may date from before a contact ended.
    attendees = services.attendees_of(cell_)
    form = MeetingForm(request.POST or None, attendees=attendees)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.record_meeting(
            by=request.user, cell=cell_, held_on=d["held_on"], meeting_type=d["meeting_type"], content=d["content"],
            attendance=form.attendance()))
        if result is not None:
            messages.success(request, _("Đã ghi buổi sinh hoạt ngày %(date)s.") % {"date": vn_date(result.held_on)})
            return redirect(reverse("residence:meeting", args=[result.pk]))
    return render(request, "residence/meeting_form.html", {"form": form, "cell": cell_})


@login_required
def meeting(request, pk):
    meeting_ = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
    rows = list(meeting_.attendance.select_related("contact__member").order_by("contact__member__name_key"))
    return render(request, "residence/meeting.html", {"meeting": meeting_, "rows": rows})


@login_required
def member(request, pk):
    try:
        member_ = selectors.panel_member(request.user, pk)
    except Member.DoesNotExist as exc:
        raise Http404 from exc
    panel = selectors.member_panel(request.user, member_, today())
    return render(request, "residence/member.html", {"member": member_, "panel": panel})
