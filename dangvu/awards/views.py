"""Pages of Party badges and party cards (/huy-hieu/).

Every read starts from `Member.objects.visible_to(user)` / `Organization.objects.visible_to(user)`:
404 outside it; 403 when the member is visible but the user's role may not record awards or cards.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.awards import documents, rules, services
from dangvu.awards.filters import BadgeAwardFilterSet, DueFilterForm
from dangvu.awards.forms import AwardForm, CardForm, ExchangeForm
from dangvu.awards.models import BadgeAward, CardExchangeCampaign, PartyCard
from dangvu.core import masking, params
from dangvu.core.dates import today, vn_date
from dangvu.core.filters import error_messages, page_queryset
from dangvu.core.forms import run_service
from dangvu.core.http import local_next
from dangvu.core.numbers import format_number
from dangvu.documents.http import docx_response
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

PAGE_SIZE = 100


def _visible_member(request, pk) -> Member:
    return get_object_or_404(Member.objects.visible_to(request.user).select_related("organization"), pk=pk)


def _changeable_member(request, pk) -> Member:
    member = _visible_member(request, pk)
    if not permissions.may_change_member(request.user, member, services.CHANGE):
        raise PermissionDenied(_("Bạn chỉ có quyền xem Huy hiệu Đảng và thẻ đảng viên của đảng viên này."))
    return member


def _due_filter(request):
    form = DueFilterForm(request.GET or None, user=request.user)
    on = rules.next_presentation_date(today())
    organization = None
    if form.is_bound and form.is_valid():
        on = form.cleaned_data["presentation_on"] or on
        organization = form.cleaned_data["organization"]
    elif not form.is_bound:
        form = DueFilterForm(initial={"presentation_on": on}, user=request.user)
    return form, on, organization


def _upcoming_dates(start):
    dates = [rules.next_presentation_date(start)]
    while len(dates) < 4:
        dates.append(rules.next_presentation_date(dates[-1] + dt.timedelta(days=1)))
    return dates


def award_url(row, on, back: str = "") -> str:
    """The award form for a due row, presented at the asked date `on`."""
    query = {"milestone": row.milestone, "presentation_on": vn_date(on)}
    if row.posthumous:
        query["kind"] = rules.AwardKind.POSTHUMOUS
    if back:
        query["next"] = back
    return f"{reverse('awards:record', args=[row.member.pk])}?{urlencode(query)}"


@login_required
def due(request):
    form, on, organization = _due_filter(request)
    rows = services.due_list(request.user, on, organization) if not form.errors else []
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    changeable = {}
    for row in page.object_list:
        org = row.member.organization
        if org is not None and org.pk not in changeable:
            changeable[org.pk] = permissions.can(request.user, services.CHANGE, org)
    query = request.GET.copy()
    query.pop("page", None)
    if "presentation_on" not in query:
        query["presentation_on"] = vn_date(on)
    back = f"{reverse('awards:due')}?{query.urlencode()}"
    items = [{"row": r, "can_record": bool(r.member.organization_id and changeable.get(r.member.organization_id)) and not r.blocked,
              "record_url": award_url(r, on, back)} for r in page.object_list]
    counts = {m: 0 for m in rules.MILESTONES}
    for r in rows:
        counts[r.milestone] += 1
    return render(request, "awards/due.html", {
        "form": form, "on": on, "on_text": vn_date(on), "organization": organization, "items": items, "page": page,
        "count_text": format_number(len(rows)), "counts": [(m, c) for m, c in counts.items() if c],
        "is_presentation_date": rules.is_presentation_date(on), "upcoming": _upcoming_dates(today()),
        "query": query.urlencode(), "docx_url": f"{reverse('awards:due_docx')}?{query.urlencode()}",
        "can_exchange": _may_exchange(request.user),
    })


def _issuer(user, organization):
    if organization is not None:
        return organization
    scoped = permissions.scope_orgs(user, "view")
    if scoped:
        return min(scoped, key=lambda o: (o.depth, o.path))
    return Organization.objects.visible_to(user).order_by("depth", "path").first()


@login_required
def due_docx(request):
    form, on, organization = _due_filter(request)
    if form.errors:
        messages.error(request, _("Điều kiện lọc chưa hợp lệ: chưa tạo được danh sách."))
        return redirect(f"{reverse('awards:due')}?{request.GET.urlencode()}")
    issuer = _issuer(request.user, organization)
    if issuer is None:
        raise PermissionDenied(_("Bạn chưa được giao phạm vi tổ chức nào."))
    rows = services.due_list(request.user, on, organization)
    doc = documents.proposal_document(rows, organization=issuer, presentation_on=on, issued_on=today())
    return docx_response(doc, f"Danh sách đề nghị tặng Huy hiệu Đảng {on:%d-%m-%Y}.docx")


@login_required
@require_http_methods(["GET", "POST"])
def record(request, pk):
    member = _changeable_member(request, pk)
    if request.method == "POST":
        form = AwardForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            award = run_service(form, lambda: services.record_award(
                by=request.user, member=member, milestone=d["milestone"], kind=d["kind"],
                presentation_on=d["presentation_on"], decision_number=d["decision_number"],
                decision_date=d["decision_date"], deciding_body=d["deciding_body"], badge_number=d["badge_number"],
                note=d["note"]))
            if award is not None:
                messages.success(request, _("Đã ghi nhận %(badge)s cho %(name)s.") % {
                    "badge": rules.milestone_label(award.milestone), "name": member.full_name})
                back = local_next(request)
                if back:
                    return redirect(back)
                return redirect("awards:member", pk=member.pk)
    else:
        initial = {"presentation_on": rules.next_presentation_date(today()), "decision_date": today()}
        errors: list[str] = []
        milestone = params.or_message(lambda: params.integer(request.GET, "milestone", label="Mốc tuổi đảng", minimum=1,
                                                             maximum=100), errors)
        if milestone:
            initial["milestone"] = milestone
        if request.GET.get("kind"):
            initial["kind"] = request.GET["kind"]
        initial["presentation_on"] = params.or_message(
            lambda: params.date(request.GET, "presentation_on", label="Ngày trao tặng", default=initial["presentation_on"]),
            errors, initial["presentation_on"])
        for error in errors:
            messages.error(request, error)
        # The decision comes before the presentation: suggest no later date than the presentation's.
        initial["decision_date"] = min(initial["decision_date"], initial["presentation_on"])
        form = AwardForm(initial=initial)
    back = local_next(request)
    return render(request, "awards/award_form.html", {
        "form": form, "member": member, "title": _("Ghi nhận tặng Huy hiệu Đảng"), "next": back,
        "party_age": services.party_age_on(member, today(), services.died_on(member)),
        "awarded": sorted(services.awarded_milestones(member)),
    })


@login_required
def member_page(request, pk):
    member = _visible_member(request, pk)
    died = services.died_on(member)
    on = today()
    due = rules.due_milestone(member.first_admission_date, member.days_outside or 0, services.awarded_milestones(member),
                              rules.next_presentation_date(on)) if member.in_party else None
    next_milestone = next((m for m in rules.MILESTONES if rules.reach_date(member.first_admission_date, member.days_outside or 0, m)
                           and rules.reach_date(member.first_admission_date, member.days_outside or 0, m) > on), None)
    return render(request, "awards/member.html", {
        "member": member, "awards": BadgeAward.objects.filter(member=member).order_by("milestone"),
        "cards": _cards(request.user, member), "can_change": permissions.may_change_member(request.user, member, services.CHANGE),
        "party_age": services.party_age_on(member, on, died),
        "due": due, "next_milestone": next_milestone,
        "next_reach": rules.reach_date(member.first_admission_date, member.days_outside or 0, next_milestone)
        if next_milestone else None,
    })


def _cards(user, member: Member) -> list[PartyCard]:
    """The member's card history; numbers masked as the register masks the card number (for everyone:
    the full number is shown by the record's audited reveal)."""
    cards = list(PartyCard.objects.filter(member=member).select_related("campaign").order_by("issued_on", "id"))
    for c in cards:
        c.number = masking.mask("party_card_number", c.number)
        c.previous_number = masking.mask("party_card_number", c.previous_number)
    return cards


@login_required
@require_http_methods(["GET", "POST"])
def card(request, pk):
    member = _changeable_member(request, pk)
    if request.method == "POST":
        form = CardForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            issued = run_service(form, lambda: services.issue_card(
                by=request.user, member=member, number=d["number"], kind=d["kind"], issued_on=d["issued_on"],
                decision_number=d["decision_number"], decision_date=d["decision_date"], reason=d["reason"]))
            if issued is not None:
                messages.success(request, _("Đã ghi nhận thẻ đảng viên số %(number)s cho %(name)s.") % {
                    "number": issued.number, "name": member.full_name})
                return redirect("awards:member", pk=member.pk)
    else:
        kind = "reissue_lost" if member.party_card_number else "issue"
        form = CardForm(initial={"kind": kind, "issued_on": today()})
    return render(request, "awards/card_form.html", {"form": form, "member": member, "title": _("Cấp thẻ đảng viên")})


def _may_exchange(user) -> bool:
    return permissions.has_scope(user, services.CHANGE)


@login_required
@require_http_methods(["GET", "POST"])
def exchange(request):
    if not _may_exchange(request.user):
        raise PermissionDenied(_("Bạn không có quyền đổi thẻ đảng viên."))
    plan, done = None, None
    if request.method == "POST":
        form = ExchangeForm(request.POST, user=request.user)
        if form.is_valid():
            d = form.cleaned_data
            if "confirm" in request.POST:
                done = run_service(form, lambda: services.exchange_cards(
                    by=request.user, organization=d["organization"], name=d["name"], issued_on=d["issued_on"],
                    decision_number=d["decision_number"], decision_date=d["decision_date"], numbering=d["numbering"],
                    start_number=d["start_number"]))
                if done is not None:
                    messages.success(request, _("Đã đổi %(count)s thẻ đảng viên (đợt “%(name)s”).") % {
                        "count": format_number(done.card_count), "name": done.name})
                    return redirect("awards:exchange")
            else:
                rows, violations = services.plan_exchange(
                    organization=d["organization"], numbering=d["numbering"], start_number=d["start_number"],
                    issued_on=d["issued_on"], directive_date=services.CT51_DATE)
                plan = {"rows": rows, "problems": [r for r in rows if r.problem], "violations": violations}
    else:
        form = ExchangeForm(initial={"issued_on": today(), "decision_date": today()}, user=request.user)
    campaigns = CardExchangeCampaign.objects.filter(
        organization__in=Organization.objects.visible_to(request.user)).select_related("organization")[:20]
    return render(request, "awards/exchange.html", {"form": form, "plan": plan, "campaigns": campaigns,
                                                    "title": _("Đổi thẻ đảng viên theo đợt")})


@login_required
def awarded(request):
    qs = (BadgeAward.objects.visible_to(request.user)
          .select_related("member", "organization").order_by("-presentation_on", "member__name_key", "id"))
    filterset = BadgeAwardFilterSet(request.GET or None, queryset=qs, request=request)
    for message in error_messages(filterset):
        messages.error(request, message)
    qs = page_queryset(filterset)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "awards/awarded.html", {"page": page, "filter": filterset, "query": query.urlencode(),
                                                   "count_text": format_number(page.paginator.count),
                                                   "can_exchange": _may_exchange(request.user)})
