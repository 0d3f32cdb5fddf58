"""Pages of party dues (/dang-phi/).

Every read starts from `Organization.objects.visible_to(user)` or `Member.objects.visible_to(user)`:
404 outside it; 403 when the cell or member is visible but the user's role may not collect dues.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts import permissions
from dangvu.core import params
from dangvu.core.dates import add_months, parse_date, today
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.core.forms import run_service
from dangvu.core.numbers import format_number
from dangvu.dues import book, rules, selectors, services
from dangvu.dues.forms import BasisForm, PaymentForm, VoidForm, parse_money
from dangvu.dues.models import Channel, DuesBasis, DuesExcuse, DuesPayment
from dangvu.dues.querysets import COLLECT
from dangvu.members.models import Member
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on

CELL_KINDS = (Kind.CELL, Kind.GRASSROOTS_CELL)
VIEW = "members.view"


def _visible_org(request, pk) -> Organization:
    return get_object_or_404(Organization.objects.restrict(request.user, VIEW), pk=pk)


def _register_cell(request, pk) -> Organization:
    """A cell whose members' dues the user may read (the register's readers: not the member role)."""
    cell = get_object_or_404(Organization.objects.restrict(request.user, VIEW), pk=pk)
    if cell.kind not in CELL_KINDS:
        raise Http404(_("Chỉ chi bộ thu đảng phí của đảng viên."))
    return cell


def _visible_member(request, pk) -> Member:
    return get_object_or_404(Member.objects.visible_to(request.user).select_related("organization"), pk=pk)


def _month(year: int, month: int) -> dt.date:
    try:
        return dt.date(year, month, 1)
    except ValueError as exc:
        raise Http404(_("Tháng không hợp lệ.")) from exc


def _default_org(user):
    scoped = permissions.scope_orgs(user, VIEW)
    if scoped:
        return min(scoped, key=lambda o: (o.depth, o.path))
    return Organization.objects.visible_to(user).order_by("depth", "path").first()


def _retention(org: Organization, on: dt.date) -> int:
    parent = org.parent
    under_committee = parent is not None and parent.kind in (Kind.GRASSROOTS_COMMITTEE, Kind.COMMUNE_COMMITTEE,
                                                              Kind.PARTIAL_COMMITTEE)
    commune = org.unit_type in ("commune_ward", "residential")
    return rules.retention_percent(org.kind, under_grassroots_committee=under_committee, commune=commune,
                                   params=params_on(on))


@login_required
def index(request):
    """Expected vs collected by cell and month over a subtree and a year, arrears and remittance."""
    if not permissions.has_scope(request.user, VIEW):
        raise PermissionDenied(_("Trang này dành cho cán bộ và bí thư chi bộ."))
    errors: list[str] = []
    year = params.or_message(lambda: params.year(request.GET, "year", default=today().year), errors, today().year)
    org_id = params.or_message(lambda: params.object_id(request.GET, "organization", label=_("Tổ chức đảng")), errors)
    org = _visible_org(request, org_id) if org_id else _default_org(request.user)
    for message in errors:
        messages.error(request, message)
    if org is None:
        raise Http404
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 1), rules.month_start(today())) if year == today().year else dt.date(year, 12, 1)
    if last < first:
        last = first
    summary = selectors.subtree_summary(org, first, last)
    cells = {o.pk: o for o in Organization.objects.filter(pk__in=summary.by_cell.keys())}
    rows = []
    for cell_id, totals in sorted(summary.by_cell.items(), key=lambda kv: cells[kv[0]].path):
        cell = cells[cell_id]
        kept = _retention(cell, last)
        rows.append({"cell": cell, "totals": totals, "months": [summary.by_cell_month.get((cell_id, m)) for m in summary.months],
                     "retained": totals.collected * kept / 100, "remitted": totals.collected * (100 - kept) / 100,
                     "retention": kept, "book_url": reverse("dues:book", args=[cell_id, year])})
    threshold = params_on(today())["removal.absence_months"]
    unpaid = selectors.unpaid_in_window(summary.total.member_ids_unpaid, today())
    heading = sorted(((m, months) for m, months in unpaid.items() if len(months) >= threshold - 1), key=lambda kv: -len(kv[1]))
    names = {m.pk: m for m in Member.objects.filter(pk__in=[m for m, _ in heading])}
    return render(request, "dues/index.html", {
        "org": org, "year": year, "years": range(today().year - 3, today().year + 1), "summary": summary, "rows": rows,
        "heading": [(names[m], months) for m, months in heading], "threshold": threshold,
        "this_month": rules.month_start(today()),
    })


def _entry_rows(lines, post=None, errors=None):
    rows = []
    for i, line in enumerate(lines):
        key = str(line.member.pk)
        row = {"i": i, "line": line, "key": key, "errors": (errors or {}).get(i, [])}
        if post is not None:
            row |= {"checked": post.get(f"paid_{key}") == "on", "amount": post.get(f"amount_{key}", ""),
                    "extra": post.get(f"extra_{key}", ""), "channel": post.get(f"channel_{key}", Channel.CASH),
                    "receipt": post.get(f"receipt_{key}", "")}
        else:
            row |= {"checked": False, "amount": format_number(line.due.amount) if line.due.amount else "", "extra": "",
                    "channel": Channel.CASH, "receipt": ""}
        rows.append(row)
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def cell_month(request, pk, year, month):
    """The secretary's entry of one month: every member of the cell, amount owed pre-filled; tick who paid."""
    cell = _register_cell(request, pk)
    month_date = _month(year, month)
    can_collect = services.may_collect(request.user, cell)
    lines = selectors.cell_month(cell, month_date)
    errors_by_row: dict[int, list[str]] = {}
    general: list[str] = []
    rows = _entry_rows(lines)
    paid_on_text = today().strftime("%d/%m/%Y")
    if request.method == "POST":
        if not can_collect:
            raise PermissionDenied(_("Bạn chỉ có quyền xem đảng phí của chi bộ này."))
        paid_on_text = request.POST.get("paid_on", "").strip()
        paid_on = parse_date(paid_on_text)
        if paid_on is None:
            general.append(_("Ngày đóng: nhập ngày theo dạng dd/mm/yyyy (ví dụ 05/03/2026)."))
        entries = []
        for i, line in enumerate(lines):
            key = str(line.member.pk)
            if request.POST.get(f"paid_{key}") != "on" and not request.POST.get(f"extra_{key}", "").strip():
                entries.append(services.Entry(line.member.pk, None))
                continue
            try:
                amount = parse_money(request.POST.get(f"amount_{key}")) or 0
                extra = parse_money(request.POST.get(f"extra_{key}"))
            except ValueError:
                errors_by_row.setdefault(i, []).append(_("%(name)s: nhập số tiền bằng chữ số, ví dụ 80.000.") % {
                    "name": line.member.full_name})
                entries.append(services.Entry(line.member.pk, None))
                continue
            entries.append(services.Entry(line.member.pk, amount, extra, paid_on, request.POST.get(f"channel_{key}", Channel.CASH),
                                          request.POST.get(f"receipt_{key}", "")))
        if not general and not errors_by_row:
            try:
                result = services.record_month(by=request.user, cell=cell, month=month_date, entries=entries)
            except RuleViolation as exc:
                for v in exc.violations:
                    parts = (v.field or "").split(".")
                    if len(parts) >= 2 and parts[0] == "rows" and parts[1].isdigit():
                        errors_by_row.setdefault(int(parts[1]), []).append(v.text())
                    else:
                        general.append(v.text())
            except PermissionDeniedInScope as exc:
                raise PermissionDenied(str(exc)) from exc
            else:
                messages.success(request, _("Đã ghi nhận đảng phí %(month)s của %(count)s đảng viên.") % {
                    "month": rules.month_label(month_date), "count": len(result.saved)})
                return redirect("dues:cell_month", pk=cell.pk, year=year, month=month)
        rows = _entry_rows(lines, request.POST, errors_by_row)
    totals = selectors.summarize(lines, [month_date]).total
    previous = add_months(month_date, -1)
    following = rules.next_month(month_date)
    return render(request, "dues/cell_month.html", {
        "cell": cell, "month": month_date, "rows": rows, "can_collect": can_collect, "general_errors": general,
        "paid_on": paid_on_text, "totals": totals, "channels": Channel.choices,
        "previous": previous, "following": following if following <= rules.next_month(today()) else None,
        "has_errors": bool(general or errors_by_row),
    }, status=400 if (general or errors_by_row) else 200)


@login_required
def member_page(request, pk):
    """A member's dues: basis history, the last twelve months, payments (with voided ones)."""
    member = _visible_member(request, pk)
    can_collect = permissions.may_change_member(request.user, member, COLLECT)
    on = today()
    lines = selectors.member_year(member, on)
    return render(request, "dues/member.html", {
        "member": member, "lines": list(reversed(lines)), "can_collect": can_collect,
        "bases": DuesBasis.objects.visible_to(request.user).filter(member=member).order_by("-valid_from"),
        "payments": DuesPayment.objects.visible_to(request.user).filter(member=member).select_related("organization")
        .order_by("-month", "-id")[:60],
        "excuses": DuesExcuse.objects.visible_to(request.user).filter(member=member).order_by("-month"),
        "arrears": sum((line.arrear for line in lines if line.month < rules.month_start(on)), start=selectors.ZERO),
        "unpaid": [line.month for line in lines if line.unpaid and line.month < rules.month_start(on)],
    })


def _collectable(request, pk) -> Member:
    member = _visible_member(request, pk)
    if not permissions.may_change_member(request.user, member, COLLECT) and member.user_id != request.user.pk:
        raise PermissionDenied(_("Bạn chỉ có quyền xem đảng phí của đảng viên này."))
    return member


@login_required
@require_http_methods(["GET", "POST"])
def basis(request, pk):
    member = _collectable(request, pk)
    levels = rules.reduction_levels(params_on(today()))
    if request.method == "POST":
        form = BasisForm(request.POST, levels=levels)
        if form.is_valid():
            d = form.cleaned_data
            saved = run_service(form, lambda: services.declare_basis(
                by=request.user, member=member, valid_from=d["valid_from"], category=d["category"], income=d["income"],
                zone=d["zone"], reduction_percent=d["reduction_percent"] or 0, relief_until=d["relief_until"], note=d["note"]))
            if saved is not None:
                messages.success(request, _("Đã ghi căn cứ đóng đảng phí của %(name)s.") % {"name": member.full_name})
                return redirect("dues:member", pk=member.pk)
    else:
        form = BasisForm(initial={"valid_from": rules.month_start(today())}, levels=levels)
    return render(request, "dues/form.html", {"form": form, "member": member, "title": _("Kê khai căn cứ đóng đảng phí")})


@login_required
@require_http_methods(["GET", "POST"])
def pay(request, pk):
    member = _visible_member(request, pk)
    if not permissions.may_change_member(request.user, member, COLLECT):
        raise PermissionDenied(_("Bạn chỉ có quyền xem đảng phí của đảng viên này."))
    if request.method == "POST":
        form = PaymentForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            months = rules.months_between(d["first_month"], d["last_month"] or d["first_month"])
            if not months:
                form.add_error("last_month", _("Đến tháng: không được trước “Từ tháng”."))
            else:
                saved = run_service(form, lambda: services.record_payment(
                    by=request.user, member=member, months=months, amount_per_month=d["amount_per_month"], extra=d["extra"],
                    paid_on=d["paid_on"], channel=d["channel"], receipt_number=d["receipt_number"]))
                if saved is not None:
                    messages.success(request, _("Đã ghi nhận đảng phí %(count)s tháng của %(name)s.") % {
                        "count": len(saved), "name": member.full_name})
                    return redirect("dues:member", pk=member.pk)
    else:
        form = PaymentForm(initial={"first_month": rules.month_start(today()), "paid_on": today()})
    return render(request, "dues/form.html", {"form": form, "member": member, "title": _("Ghi nhận đóng đảng phí")})


@login_required
@require_POST
def void(request, pk):
    payment = get_object_or_404(DuesPayment.objects.visible_to(request.user).select_related("member"), pk=pk)
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Lý do hủy: bắt buộc nhập."))
        return redirect("dues:member", pk=payment.member_id)
    try:
        services.void_payment(by=request.user, payment=payment, reason=form.cleaned_data["void_reason"],
                              expected_version=form.cleaned_data["version"])
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    except RuleViolation as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã hủy khoản đảng phí %(month)s.") % {"month": rules.month_label(payment.month)})
    return redirect("dues:member", pk=payment.member_id)


@login_required
@require_POST
def excuse(request, pk):
    """Record a month unpaid for a valid reason (D12 does not count it)."""
    member = _visible_member(request, pk)
    month = parse_date(request.POST.get("month", ""))
    if month is None:
        messages.error(request, _("Tháng: nhập ngày bất kỳ trong tháng theo dạng dd/mm/yyyy."))
        return redirect("dues:member", pk=member.pk)
    try:
        services.excuse_month(by=request.user, member=member, month=month, reason=request.POST.get("reason", ""))
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    except RuleViolation as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ghi lý do chính đáng chưa đóng đảng phí %(month)s.") % {
            "month": rules.month_label(month)})
    return redirect("dues:member", pk=member.pk)


@login_required
def book_xlsx(request, pk, year):
    """The cell's dues book (sổ thu đảng phí) of a year as XLSX."""
    cell = _register_cell(request, pk)
    content = book.workbook_bytes(cell, year, today())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-thu-dang-phi-{cell.pk}-{year}.xlsx"'
    return response


@login_required
def book_pdf(request, pk, year):
    """The cell's dues book of a year as PDF."""
    cell = _register_cell(request, pk)
    response = HttpResponse(book.pdf_bytes(cell, year, today()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="so-thu-dang-phi-{cell.pk}-{year}.pdf"'
    return response
