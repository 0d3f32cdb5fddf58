"""The account pages (`/tai-khoan/quan-ly/…`): officers give logins in their subtree. Each page calls the
services (accounts.administration, accounts.services, access.services) that the API and the commands
call too. Generated passwords are shown once, on the printable credentials sheet."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.access import services
from dangvu.access.forms import AccountForm, BulkSecretaryForm, DeactivateForm, LinkMemberForm, ScopeForm, manageable_organizations
from dangvu.accounts import administration, permissions
from dangvu.accounts import services as account_services
from dangvu.accounts.models import Role
from dangvu.audit.presenters import present_entries
from dangvu.audit.services import entries_for
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.core.views import form_page
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

PER_PAGE = 50


def _require_manager(user) -> None:
    if not administration.may_manage_accounts(user):
        raise Http404


def _form_errors(form, exc: RuleViolation) -> None:
    for v in exc.violations:
        form.add_error(v.field if v.field in form.fields else None, v.message)


@login_required
def account_list(request):
    """Who has access to what in the officer's subtree: one row per account, its roles and organizations."""
    _require_manager(request.user)
    scopes = administration.managed_scopes(request.user)
    org = None
    if request.GET.get("organization"):
        org = get_object_or_404(Organization.objects.changeable_by(request.user, "accounts.manage"), pk=request.GET["organization"])
        scopes = scopes.filter(organization__path__tree_prefix=org.path)
    if request.GET.get("role") in Role.values:
        scopes = scopes.filter(role=request.GET["role"])
    scopes = administration.search(scopes, request.GET.get("q", ""))
    user_ids = list(scopes.order_by("user__username").values_list("user_id", flat=True).distinct())
    page = Paginator(user_ids, PER_PAGE).get_page(request.GET.get("page"))
    rows: dict[int, dict] = {}
    for scope in scopes.filter(user_id__in=list(page.object_list)).order_by("organization__path", "role"):
        rows.setdefault(scope.user_id, {"user": scope.user, "scopes": []})["scopes"].append(scope)
    ordered = [rows[i] for i in page.object_list if i in rows]
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(request, "access/list.html", {
        "rows": ordered, "page": page, "query": query, "organization": org, "q": request.GET.get("q", ""),
        "role": request.GET.get("role", ""), "roles": Role.choices,
        "organizations": Organization.objects.changeable_by(request.user, "accounts.manage").active()
        .exclude(kind="party_group").order_by("path")[:500],
    })


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request):
    _require_manager(request.user)
    initial = {}
    if request.GET.get("organization"):
        initial["organization"] = request.GET["organization"]
    form = AccountForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            credentials = administration.create_account(by=request.user, username=d["username"], full_name=d["full_name"],
                                                        email=d["email"], organization=d["organization"], role=d["role"])
        except RuleViolation as exc:
            _form_errors(form, exc)
        except PermissionDeniedInScope as exc:
            form.add_error("role", str(exc))
        else:
            return _sheet(request, [credentials], title="Tài khoản mới")
    return form_page(request, form, title="Tạo tài khoản", back=reverse("access:list"), back_label="Tài khoản",
                     submit="Tạo tài khoản",
                     intro="Mật khẩu được tạo ngẫu nhiên, in ra một lần trên phiếu tài khoản; người dùng phải đổi mật khẩu "
                           "ở lần đăng nhập đầu tiên.")


def _sheet(request, credentials, *, title: str, organization=None):
    """The printable credentials sheet: shown once, right after the passwords were generated."""
    return render(request, "access/credentials.html", {
        "credentials": credentials, "title": title, "organization": organization,
        "login_url": request.build_absolute_uri(reverse("accounts:login")),
    })


def _managed_user(request, pk):
    return get_object_or_404(administration.managed_users(request.user), pk=pk)


@login_required
def account_detail(request, pk):
    _require_manager(request.user)
    account = _managed_user(request, pk)
    manageable = administration.may_manage(request.user, account)
    scopes = list(account.scopes.select_related("organization", "granted_by").order_by("organization__path"))
    visible = set(administration.managed_scopes(request.user).filter(user=account).values_list("pk", flat=True))
    for s in scopes:
        s.visible = s.pk in visible
        s.revocable = manageable and s.role in permissions.grantable_roles(request.user, s.organization)
    linked = Member.objects.visible_to(request.user).filter(user=account).select_related("organization").first()
    return render(request, "access/detail.html", {
        "account": account, "scopes": scopes, "manageable": manageable, "linked": linked,
        "scope_form": ScopeForm(user=request.user), "deactivate_form": DeactivateForm(),
        "link_form": LinkMemberForm(members=_linkable_members(request.user, account), initial={"member": linked}),
        "entries": present_entries(entries_for(account)[:50]),
    })


def _linkable_members(by, account):
    """Members of the organizations where the account holds a scope (its cell), that `by` may change."""
    orgs = account.scopes.values("organization_id")
    changeable = Member.objects.changeable_by(by)
    return ((changeable.filter(organization__in=orgs, user__isnull=True) | changeable.filter(user=account))
            .select_related("organization").order_by("name_key"))


@login_required
@require_POST
def account_action(request, pk, action):
    """grant, revoke, reset, deactivate, activate, link: one POST each, back to the account page."""
    _require_manager(request.user)
    account = _managed_user(request, pk)
    back = redirect("access:detail", pk=account.pk)
    try:
        if action == "cap-quyen":
            form = ScopeForm(request.POST, user=request.user)
            if not form.is_valid():
                for errors in form.errors.values():
                    for e in errors:
                        messages.error(request, e)
                return back
            account_services.grant_scope(by=request.user, user=account, organization=form.cleaned_data["organization"],
                                         role=form.cleaned_data["role"])
            messages.success(request, "Đã cấp phạm vi quyền.")
        elif action == "thu-hoi":
            scope = get_object_or_404(administration.managed_scopes(request.user).filter(user=account), pk=request.POST.get("scope"))
            account_services.revoke_scope(by=request.user, scope=scope)
            messages.success(request, "Đã thu hồi phạm vi quyền.")
        elif action == "dat-lai-mat-khau":
            credentials = administration.reset_password(by=request.user, user=account)
            return _sheet(request, [credentials], title="Mật khẩu mới")
        elif action == "khoa":
            form = DeactivateForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Lý do khóa tài khoản: bắt buộc nhập.")
                return back
            administration.set_active(by=request.user, user=account, active=False, reason=form.cleaned_data["reason"])
            messages.success(request, "Đã khóa tài khoản.")
        elif action == "mo-khoa":
            administration.set_active(by=request.user, user=account, active=True)
            messages.success(request, "Đã mở khóa tài khoản.")
        elif action == "gan-ho-so":
            form = LinkMemberForm(request.POST, members=_linkable_members(request.user, account))
            if not form.is_valid():
                messages.error(request, "Hồ sơ đảng viên: chọn một hồ sơ trong danh sách.")
                return back
            services.link_member(by=request.user, user=account, member=form.cleaned_data["member"])
            messages.success(request, "Đã cập nhật hồ sơ đảng viên gắn với tài khoản.")
        else:
            raise Http404
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    except RuleViolation as exc:
        messages.error(request, str(exc))
    return back


@login_required
@require_http_methods(["GET", "POST"])
def bulk_secretaries(request):
    """"Create a secretary account for every cell of this organization that has none"."""
    _require_manager(request.user)
    chosen = request.POST.get("organization") or request.GET.get("organization")
    if chosen:  # an organization outside the officer's subtree: not found, as everywhere
        get_object_or_404(manageable_organizations(request.user), pk=chosen if chosen.isdigit() else None)
    form = BulkSecretaryForm(request.POST or request.GET or None, user=request.user)
    plans, org = None, None
    if form.is_bound and form.is_valid():
        org = form.cleaned_data["organization"]
        if request.method == "POST":
            try:
                created = services.create_secretary_accounts(by=request.user, organization=org)
            except PermissionDeniedInScope as exc:
                raise PermissionDenied(str(exc)) from exc
            if not created:
                messages.info(request, f"Mọi chi bộ của {org.name} đã có tài khoản bí thư.")
                return redirect(reverse("access:bulk") + f"?organization={org.pk}")
            return _sheet(request, created, title=f"Tài khoản bí thư chi bộ — {org.name}", organization=org)
        plans = services.cells_without_secretary(request.user, org)
    return render(request, "access/bulk.html", {"form": form, "plans": plans, "organization": org})
