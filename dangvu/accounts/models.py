from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices


class Role(TranslatedTextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    ORG_OFFICER = "org_officer", _("Cán bộ tổ chức")
    INSPECTION_OFFICER = "inspection_officer", _("Cán bộ kiểm tra")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    VIEWER = "viewer", _("Lãnh đạo (chỉ xem)")
    MEMBER = "member", _("Đảng viên")


class User(AbstractUser):
    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    # Set when an officer creates the account or resets its password (accounts.administration): the
    # user must choose their own password before anything else (accounts.middleware).
    must_change_password = models.BooleanField("phải đổi mật khẩu khi đăng nhập", default=False)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_system_admin(self) -> bool:
        from dangvu.accounts.permissions import is_system_admin

        return is_system_admin(self)


class Scope(models.Model):
    """A role held on an organization; it covers that organization's whole subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="scopes")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="tổ chức", on_delete=models.PROTECT, related_name="scopes"
    )
    role = models.CharField("vai trò", max_length=30, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phạm vi quyền"
        verbose_name_plural = "phạm vi quyền"
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="scope_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"


class LoginFailure(models.Model):
    """Failed logins, counted per username and per address for throttling."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} @ {self.ip_address}"
