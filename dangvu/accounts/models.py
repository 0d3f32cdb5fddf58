from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
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


class NormalizingUserManager(UserManager):
    """Looks users up by the normalized username (accounts/login.py), whatever spelling is typed."""

    def get_by_natural_key(self, username):
        return super().get_by_natural_key(self.model.normalize_username(username))


class User(AbstractUser):
    objects = NormalizingUserManager()

    @classmethod
    def normalize_username(cls, username):
        """NFKC, trimmed, case-folded: the one spelling, wherever a username is created or read."""
        from dangvu.accounts.login import normalize_username

        return normalize_username(username)

    def save(self, *args, **kwargs):
        self.username = self.normalize_username(self.username)
        super().save(*args, **kwargs)

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


class LoginGate(models.Model):
    """A fixed set of lock slots (accounts/login.py): a login attempt holds its account's and its
    address's slot from the lockout check until its failure is counted."""

    slot = models.PositiveIntegerField(primary_key=True)

    def __str__(self) -> str:
        return str(self.slot)


class ApiToken(models.Model):
    """An API access token (accounts/tokens.py). Only a hash of the key is stored; the key is shown
    once, when created. A token expires, and is revoked by its owner, by a password change or by
    the deactivation of its user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField("tên gợi nhớ", max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField("đầu mã", max_length=8)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn")
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    revoked_reason = models.CharField("lý do thu hồi", max_length=40, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
