"""Accounts managed in the app: officers create accounts, reset passwords, deactivate accounts and list
who holds which role in their subtree. Granting and revoking a scope stays in accounts.services
(grant_scope, revoke_scope): the pages, the API and the `grant_scope` command call the same functions.

Who may manage an account: a system administrator, or an officer holding "accounts.manage" over
every organization where the account holds a scope, ranked at least as high there as each role the
account holds (an officer of district A never touches an account of district B, nor one that also
holds a role elsewhere, nor an administrator). Nobody manages their own account here (their own
password is changed on "Đổi mật khẩu").

Passwords are generated here, shown once (page, credentials sheet, API answer) and never stored in
clear; the account must choose its own password at the first login (User.must_change_password).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.db.models import Q

from dangvu.accounts import permissions, services
from dangvu.accounts.models import Role, Scope, User
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.errors import PermissionDeniedInScope, Violation, raise_if

# No 0/O, 1/l/I: a password read from paper is typed right the first time.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 10
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,149}$")


@dataclass(frozen=True)
class Credentials:
    """What is printed on the credentials sheet: shown once, never stored in clear."""

    user: User
    password: str
    organization: object
    role: str

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def generate_password() -> str:
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if any(c.isdigit() for c in password) and any(c.isupper() for c in password) and any(c.islower() for c in password):
            return password


# ---------------------------------------------------------------- who may do what

def may_manage_accounts(user) -> bool:
    """May `user` open the account pages at all (an officer or an administrator)."""
    return permissions.has_scope(user, "accounts.manage")


def managed_scopes(by):
    """The scopes held over organizations inside `by`'s "accounts.manage" subtrees today: who has
    access to what in their subtree (every scope for an administrator)."""
    if not permissions.has_scope(by, "accounts.manage"):
        return Scope.objects.none()
    qs = Scope.objects.select_related("user", "organization", "granted_by")
    if permissions.is_system_admin(by):
        return qs
    return qs.filter(organization__in=permissions.org_ids_now(by, "accounts.manage"))


def managed_users(by):
    """Accounts holding at least one scope inside `by`'s subtrees (those `by` may at least list)."""
    return User.objects.filter(pk__in=managed_scopes(by).values("user_id")).order_by("username")


def may_manage(by, user: User) -> bool:
    """May `by` reset the password of, deactivate, or grant and revoke scopes for `user`?"""
    if permissions.is_system_admin(by):
        return True
    if user.pk == getattr(by, "pk", None) or user.is_superuser or not permissions.has_scope(by, "accounts.manage"):
        return False
    scopes = list(user.scopes.select_related("organization"))
    return bool(scopes) and all(s.role in permissions.grantable_roles(by, s.organization) for s in scopes)


def _require_manage(by, user: User) -> None:
    if not may_manage(by, user):
        raise PermissionDeniedInScope(f"Bạn không có quyền quản lý tài khoản “{user.username}”: tài khoản có vai trò "
                                      "ngoài phạm vi của bạn hoặc cao hơn vai trò của bạn.")


# ---------------------------------------------------------------- use cases

def check_username(username: str) -> list[Violation]:
    if not USERNAME_RE.match(username or ""):
        return [Violation("accounts.username", "Tên đăng nhập: từ 3 đến 150 ký tự, chữ thường không dấu, số, dấu chấm, "
                                               "gạch dưới hoặc gạch ngang, bắt đầu bằng chữ hoặc số.", field="username")]
    if User.objects.filter(username__iexact=username).exists():
        return [Violation("accounts.username_taken", f"Tên đăng nhập: “{username}” đã có người dùng.", field="username")]
    return []


def free_username(base: str) -> str:
    """`base`, or `base` followed by 2, 3… if it is taken."""
    base = re.sub(r"[^a-z0-9._-]", "", base.lower())[:140] or "nguoidung"
    if len(base) < 3:
        base = (base + "000")[:3]
    candidate, n = base, 1
    taken = set(User.objects.filter(username__istartswith=base).values_list("username", flat=True))
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


@audited
def create_account(*, by, username: str, full_name: str, organization, role: str, email: str = "") -> Credentials:
    """Create an account holding `role` over `organization`'s subtree, with a generated password that
    must be changed at the first login."""
    username = (username or "").strip().lower()
    violations = check_username(username)
    if not (full_name or "").strip():
        violations.append(Violation("accounts.full_name", "Họ và tên: bắt buộc nhập.", field="full_name"))
    raise_if(violations)
    if role not in permissions.grantable_roles(by, organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền cấp vai trò “{Role(role).label if role in Role.values else role}” "
                                      f"cho {organization.name}.")
    password = generate_password()
    user = User.objects.create_user(username=username, password=password, full_name=full_name.strip(), email=email,
                                    must_change_password=True, is_staff=role == Role.ADMIN)
    audit.record(actor=by, action="accounts.create", obj=user, object_label=username,
                 data={"full_name": user.full_name, "organization": organization.name, "organization_id": organization.pk,
                       "role": role})
    services.grant_scope(by=by, user=user, organization=organization, role=role)
    return Credentials(user=user, password=password, organization=organization, role=role)


@audited
def reset_password(*, by, user: User) -> Credentials:
    """A new generated password, to be changed at the next login; the account's API token is revoked."""
    _require_manage(by, user)
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])  # revokes the API tokens (accounts.tokens)
    audit.record(actor=by, action="accounts.reset_password", obj=user, object_label=user.username)
    scope = user.scopes.select_related("organization").order_by("id").first()
    return Credentials(user=user, password=password, organization=scope.organization if scope else None,
                       role=scope.role if scope else Role.MEMBER)


@audited
def set_active(*, by, user: User, active: bool, reason: str = "") -> User:
    """Deactivate (nobody can log in with it; scopes and history kept) or reactivate an account."""
    _require_manage(by, user)
    if not active and not (reason or "").strip():
        raise_if([Violation("accounts.deactivate_reason", "Lý do khóa tài khoản: bắt buộc nhập.", field="reason")])
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])  # deactivating revokes the API tokens (accounts.tokens)
        audit.record(actor=by, action="accounts.activate" if active else "accounts.deactivate", obj=user,
                     object_label=user.username, before={"is_active": not active}, after={"is_active": active},
                     note=reason.strip())
    return user


def secretaries_by_cell(cell_ids) -> dict[int, set[int]]:
    """cell id → ids of active accounts holding the cell secretary role exactly on that cell."""
    result: dict[int, set[int]] = {}
    for org_id, user_id in (Scope.objects.filter(organization_id__in=cell_ids, role=Role.CELL_SECRETARY, user__is_active=True)
                            .values_list("organization_id", "user_id")):
        result.setdefault(org_id, set()).add(user_id)
    return result


def search(qs, text: str):
    text = (text or "").strip()
    if not text:
        return qs
    return qs.filter(Q(user__username__icontains=text) | Q(user__full_name__icontains=text)
                     | Q(organization__name__icontains=text) | Q(organization__code__startswith=text))
