"""Account use cases: granting and revoking scopes (logins: accounts/login.py; API tokens: accounts/tokens.py)."""

from dangvu.accounts import permissions
from dangvu.accounts.models import Role, Scope, User
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.errors import PermissionDeniedInScope, Violation, raise_if


@audited
def grant_scope(*, by, user: User, organization, role: str) -> Scope:
    """Give `user` the `role` over `organization`'s subtree.

    A system administrator grants anything; an organization officer grants, inside their own subtree,
    roles ranked no higher than their own there, never administrator (permissions.grantable_roles),
    to accounts they may manage (an account new to their subtree too, unless it holds a role elsewhere).
    """
    if role not in Role.values:
        raise_if([Violation("scope.role", f"Vai trò “{role}” không tồn tại; chọn một trong: {', '.join(Role.values)}.",
                            field="role")])
    if not permissions.is_system_admin(by):
        if role not in permissions.grantable_roles(by, organization):
            raise PermissionDeniedInScope("Bạn không có quyền cấp vai trò này cho tổ chức này.")
        if user.scopes.exists() and not _may_manage(by, user):
            raise PermissionDeniedInScope(f"Bạn không có quyền quản lý tài khoản “{user.username}”.")
    scope, created = Scope.objects.get_or_create(user=user, organization=organization, role=role,
                                                 defaults={"granted_by": by if getattr(by, "pk", None) else None})
    if created:
        audit.record(actor=by, action="accounts.grant_scope", obj=user, object_label=user.username,
                     data={"organization": organization.name, "organization_id": organization.pk, "role": role})
        permissions.forget(user)
    return scope


def _may_manage(by, user) -> bool:
    from dangvu.accounts.administration import may_manage

    return may_manage(by, user)


@audited
def revoke_scope(*, by, scope: Scope) -> None:
    """Take a scope back: administrators, or an officer who may grant that role there and manage the account."""
    if not permissions.is_system_admin(by):
        if scope.role not in permissions.grantable_roles(by, scope.organization) or not _may_manage(by, scope.user):
            raise PermissionDeniedInScope("Bạn không có quyền thu hồi phạm vi quyền này.")
    audit.record(actor=by, action="accounts.revoke_scope", obj=scope.user, object_label=scope.user.username,
                 data={"organization": scope.organization.name, "organization_id": scope.organization_id, "role": scope.role})
    scope.delete()
    permissions.forget(scope.user)
