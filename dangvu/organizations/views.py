"""Screens of the organization tree. Every read starts from `visible_to(user)`; 404 outside."""

import datetime as dt

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.audit.presenters import present_entries
from dangvu.audit.services import entries_for
from dangvu.core import params
from dangvu.core.dates import today, vn_date
from dangvu.core.forms import run_service
from dangvu.core.text import fold
from dangvu.core.views import form_page
from dangvu.organizations import committees, forms, hooks, selectors, services
from dangvu.organizations import tree as org_tree
from dangvu.organizations.actions import ACTIONS
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import CommitteeMember, CommitteeTerm, Organization
from dangvu.rules.parameters import params_on


def _as_of(request) -> tuple[dt.date, str]:
    """The date asked for in ?as_of= (dd/mm/yyyy or yyyy-mm-dd), today when absent; an error message if bad."""
    errors: list[str] = []
    on = params.or_message(lambda: params.date(request.GET, "as_of", label="Ngày", default=today()), errors, today())
    return on, " ".join(errors)


def _visible_org(request, pk) -> Organization:
    return get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)


def _changeable_org(request, pk, action="organizations.change") -> Organization:
    org = _visible_org(request, pk)
    if not permissions.can(request.user, action, org):
        raise PermissionDenied("Bạn chỉ có quyền xem tổ chức này.")
    return org


@login_required
def tree(request):
    on, error = _as_of(request)
    if error:
        messages.error(request, error)
    sort = _sort(request)
    nodes = selectors.tree_level(request.user, on, sort=sort)
    # Open the first level below a single top node straight away.
    if len(nodes) == 1:
        nodes[0].children = selectors.tree_level(request.user, on, nodes[0].id, sort=sort)
    return render(request, "organizations/tree.html", {
        "nodes": nodes, "on": on, "on_text": vn_date(on), "is_today": on == today(), "sort": sort,
        "presets": [("Hôm nay", vn_date(today())), ("31/12/2020", "31/12/2020"), ("30/06/2025", "30/06/2025")],
    })


@login_required
def tree_children(request, pk):
    on, _ = _as_of(request)
    # The parent itself may be a context row (not visible), children are restricted anyway.
    sort = _sort(request)
    nodes = selectors.tree_level(request.user, on, pk, sort=sort)
    return render(request, "organizations/_tree_nodes.html", {"nodes": nodes, "on_text": vn_date(on), "sort": sort})


def _sort(request) -> str:
    """?sort=code: the tree in the order of the organizations' codes; by name otherwise (the Vietnamese order)."""
    return "code" if request.GET.get("sort") == "code" else "name"


@login_required
def organization_list(request):
    from dangvu.organizations.filters import OrganizationFilterSet

    base = Organization.objects.visible_to(request.user).select_related("parent")
    filterset = OrganizationFilterSet(request.GET or None, queryset=base, request=request)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else base.filter(ended_on__isnull=True)
    page = Paginator(qs.order_by("path"), 50).get_page(request.GET.get("page"))
    # The kinds as a readable list of checkboxes (a raw multi-select needs Ctrl+click), folded in the template.
    kind = filterset.form.fields["kind"]
    kind.widget = django_forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}, choices=kind.choices)
    for field in filterset.form.fields.values():
        css = "form-select form-select-sm" if hasattr(field, "choices") else "form-control form-control-sm"
        field.widget.attrs.setdefault("class", css)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "organizations/list.html", {"filter": filterset, "page": page, "query": query.urlencode(),
                                                       "can_establish": permissions.has_scope(request.user, "organizations.change")})


@login_required
def organization_detail(request, pk):
    org = _visible_org(request, pk)
    on, error = _as_of(request)
    if error:
        messages.error(request, error)
    tab = request.GET.get("tab", "overview")
    can_change = permissions.can(request.user, "organizations.change", org)
    can_audit = permissions.may_view_audit(request.user, org)
    version_on = selectors.organization_at(org, on)
    context = {
        "org": org, "tab": tab, "on": on, "on_text": vn_date(on), "is_today": on == today(),
        "version_on": version_on,
        # The breadcrumb as of the date; an organization that did not exist then shows where it sits today.
        "ancestors": org_tree.ancestors_on(org, on) if version_on else org_tree.chain_today(org)[:-1],
        "can_change": can_change and org.is_active,
        "can_committee": permissions.can(request.user, "committees.change", org) and org.is_active,
        "can_audit": can_audit,
        "actions": ACTIONS.values(),
        # A parent outside the user's scope is named, not linked (its page would answer 404).
        "parent_visible": version_on is not None and version_on.parent_id is not None
        and Organization.objects.visible_to(request.user).filter(pk=version_on.parent_id).exists(),
    }
    if tab == "overview":
        context["children"] = selectors.children_on(request.user, org, on)
        if permissions.has_scope(request.user, "members.view"):
            context["status_counts"] = hooks.register().status_counts(request.user, org, on)
    elif tab == "committee":
        terms = list(org.terms.prefetch_related("seats").order_by("-start_date"))
        seats_on = committees.committee_on(org, on)
        _mark_seats(request.user, org, terms, seats_on)
        context["terms"] = terms
        context["committee_on"] = seats_on
        context["is_cell"] = org.kind in (Kind.CELL, Kind.GRASSROOTS_CELL)
        context["follower"] = committees.follower_on(org, on) if context["is_cell"] else None
    elif tab == "history":
        context["events"] = org.events.select_related("related").order_by("-effective_date", "-id")
    elif tab == "audit":
        if not can_audit:
            raise Http404
        context["entries"] = present_entries(entries_for(org)[:200])
    else:
        raise Http404
    return render(request, "organizations/detail.html", context)


def _about(org) -> dict:
    """The form page's back link for an organization (core.views.form_page)."""
    return {"back": reverse("organizations:detail", args=[org.pk]), "back_label": org.name}


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    parent = None
    parent_pk = params.object_id(request.GET, "parent", label="Tổ chức cấp trên")
    if parent_pk:
        parent = get_object_or_404(Organization.objects.changeable_by(request.user), pk=parent_pk)
    form = forms.EstablishForm(request.POST or None, user=request.user, initial={"parent": parent})
    if not form.fields["parent"].queryset.exists():
        raise PermissionDenied("Bạn không có quyền thành lập tổ chức.")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        org = run_service(form, lambda: services.establish(
            by=request.user, parent=d["parent"], code=d["code"], name=d["name"], short_name=d["short_name"], kind=d["kind"],
            unit_type=d["unit_type"], address=d["address"], has_youth_union=d["has_youth_union"],
            effective_date=d["effective_date"], decision=form.decision()))
        if org is not None:
            messages.success(request, f"Đã thành lập {org.name}.")
            return redirect(org_url(org))
    return form_page(request, form, title="Thành lập tổ chức đảng", submit="Thành lập",
                     **(_about(parent) if parent else {"back": reverse("organizations:tree")}))


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    org = _changeable_org(request, pk)
    initial = {f: getattr(org, f) for f in services.CORRECTABLE_FIELDS} | {"version": org.version}
    form = forms.CorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version")
        result = run_service(form, lambda: services.correct(by=request.user, org=org, expected_version=version, **d))
        if result is not None:
            messages.success(request, "Đã lưu thông tin tổ chức.")
            return redirect(org_url(result))
    return form_page(request, form, title=f"Sửa thông tin: {org.name}", **_about(org),
                     intro="Dùng để đính chính sai sót nhập liệu. Đổi tên theo quyết định thì dùng “Đổi tên”, để giữ lịch sử.")


@login_required
@require_http_methods(["GET", "POST"])
def organization_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    spec = ACTIONS[action]
    org = _changeable_org(request, pk)
    if spec.for_active_only and not org.is_active:
        messages.error(request, f"{org.name} đã kết thúc từ {vn_date(org.ended_on)}: không thể {spec.title.lower()}.")
        return redirect(org_url(org))
    form = spec.form_class(request.POST or None, user=request.user, org=org,
                           initial={"version": org.version, "effective_date": today()})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: spec.perform(form, org, request.user))
        if result is not None:
            messages.success(request, f"{spec.title}: đã ghi nhận.")
            return redirect(org_url(result) + "?tab=history")
    return form_page(request, form, title=f"{spec.title}: {org.name}", **_about(org), submit=spec.title, danger=spec.danger)


@login_required
@require_http_methods(["GET", "POST"])
def term_create(request, pk):
    org = _changeable_org(request, pk, "committees.change")
    form = forms.TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        term = run_service(form, lambda: committees.create_term(by=request.user, organization=org, **d))
        if term is not None:
            messages.success(request, f"Đã tạo nhiệm kỳ {term.name}.")
            return redirect(org_url(org) + "?tab=committee")
    return form_page(request, form, title=f"Nhiệm kỳ mới: {org.name}", **_about(org))


@login_required
@require_http_methods(["GET", "POST"])
def seat_add(request, term_pk):
    term = get_object_or_404(CommitteeTerm.objects.filter(organization__in=Organization.objects.visible_to(request.user)),
                             pk=term_pk)
    org = _changeable_org(request, term.organization_id, "committees.change")
    on = today() if term.start_date <= today() and (term.end_date is None or today() < term.end_date) else term.start_date
    form = forms.SeatForm(request.POST or None, initial={"start_date": term.start_date}, user=request.user, org=org, on=on)
    if request.method == "POST" and form.is_valid():
        seat = run_service(form, lambda: committees.add_seat(by=request.user, term=term, **form.cleaned_data))
        if seat is not None:
            messages.success(request, f"Đã bổ sung {seat.full_name}.")
            return redirect(org_url(org) + "?tab=committee")
    return form_page(request, form, title=f"Bổ sung cấp ủy viên: nhiệm kỳ {term.name}", **_about(org),
                     scripts=[forms.SEAT_SEARCH_SCRIPT])


@login_required
@require_http_methods(["GET", "POST"])
def follower_assign(request, pk):
    """Name the member of a superior committee following the cell from a date (G3)."""
    org = _changeable_org(request, pk, "committees.change")
    on = today()
    seats = (CommitteeMember.objects.filter(term__organization_id__in=[f.id for f in org_tree.ancestors_on(org, on)],
                                            start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
             .select_related("term__organization").order_by("term__organization__path", "name_key"))
    form = forms.FollowerForm(request.POST or None, seats=seats, initial={"start_date": on})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: committees.assign_follower(by=request.user, cell=org, **form.cleaned_data))
        if result is not None:
            messages.success(request, f"Đã phân công {result.seat.full_name} phụ trách chi bộ.")
            return redirect(org_url(org) + "?tab=committee")
    return form_page(request, form, title=f"Cấp ủy viên cấp trên phụ trách: {org.name}", **_about(org))


SEAT_SEARCH_LIMIT = 20


@login_required
@require_http_methods(["GET"])
def seat_member_search(request, pk):
    """The seat form's member box asks here as the user types: the seat's candidates on `on` (full
    members of the organization or below that the user may see, forms.SeatForm's own queryset) whose
    name contains `q`, diacritics and case ignored. JSON: {"results": [{"id", "label", "context"}], "empty"}."""
    org = _changeable_org(request, pk, "committees.change")
    on = params.date(request.GET, "on", default=today())  # a bad date answers 400 (BadParameterMiddleware)
    needle = fold(request.GET.get("q", ""))[:100]
    results = []
    if needle:
        members = (hooks.register().seat_candidates(request.user, org, on).filter(search_text__contains=needle)
                   .select_related("organization")[:SEAT_SEARCH_LIMIT])
        field = forms.MemberChoiceField(queryset=None)
        results = [{"id": m.pk, "label": m.full_name, "context": field.label_from_instance(m)} for m in members]
    return JsonResponse({"results": results, "empty": _("Không có đảng viên chính thức nào phù hợp trong tổ chức.")})


@login_required
@require_http_methods(["GET", "POST"])
def seat_end(request, seat_pk):
    seat = get_object_or_404(
        CommitteeMember.objects.filter(term__organization__in=Organization.objects.visible_to(request.user)), pk=seat_pk)
    org = _changeable_org(request, seat.term.organization_id, "committees.change")
    form = forms.EndSeatForm(request.POST or None, initial={"end_date": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: committees.end_seat(
            by=request.user, seat=seat, end_date=d["end_date"], reason=d["reason"], ground=d["ground"],
            decision_number=d["decision_number"], decision_date=d["decision_date"]))
        if result is not None:
            messages.success(request, f"Đã ghi nhận {seat.full_name} thôi giữ chức vụ.")
            return redirect(org_url(org) + "?tab=committee")
    return form_page(request, form, title=f"Thôi giữ chức vụ: {seat.full_name}", **_about(org))


def _mark_seats(user, org: Organization, terms, seats_on) -> None:
    """What the committee tab shows besides the seats: which holders the user may open, and each
    term's length in force (O6)."""
    all_seats = [seat for term in terms for seat in term.seats.all()] + list(seats_on)
    ids = {seat.member_id for seat in all_seats if seat.member_id}
    visible = set(hooks.register().visible_members(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    for seat in all_seats:
        seat.member_visible = seat.member_id in visible
    for term in terms:
        term.expected_end = committees.term_expected_end(org.kind, term.start_date, params_on(term.start_date))


@login_required
@require_http_methods(["GET", "POST"])
def seat_link(request, seat_pk):
    """Link a seat recorded by name to the member of the register who holds it."""
    seat = get_object_or_404(
        CommitteeMember.objects.filter(term__organization__in=Organization.objects.visible_to(request.user)), pk=seat_pk)
    org = _changeable_org(request, seat.term.organization_id, "committees.change")
    form = forms.LinkSeatForm(request.POST or None, user=request.user, org=org, on=seat.start_date)
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: committees.link_seat(by=request.user, seat=seat, member=form.cleaned_data["member"]))
        if result is not None:
            messages.success(request, f"Đã gắn chức vụ với đảng viên {result.full_name}.")
            return redirect(org_url(org) + "?tab=committee")
    return form_page(request, form, title=f"Gắn với sổ đảng viên: {seat.full_name}", **_about(org),
                     intro="Chọn đảng viên trong sổ là người giữ chức vụ này (tên trên ghế sẽ theo sổ đảng viên).",
                     scripts=[forms.SEAT_SEARCH_SCRIPT])


def org_url(org: Organization) -> str:
    return reverse("organizations:detail", args=[org.pk])
