from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.models import Group
        from django.utils.translation import pgettext_lazy

        from dangvu.accounts import tokens  # noqa: F401  (revokes API tokens on password change/deactivation)
        from dangvu.accounts.forms import AdminLoginForm
        from dangvu.audit.models import AuditEntry

        # The admin's login goes through the one login door; groups are not used (roles are scopes).
        admin.site.login_form = AdminLoginForm
        if admin.site.is_registered(Group):
            admin.site.unregister(Group)

        AuditEntry.ACTION_LABELS.update({
            "accounts.grant_scope": pgettext_lazy("audit action", "Cấp phạm vi"),
            "accounts.revoke_scope": pgettext_lazy("audit action", "Thu hồi phạm vi"),
            "accounts.login": pgettext_lazy("audit action", "Đăng nhập"),
            "accounts.login_failed": pgettext_lazy("audit action", "Đăng nhập thất bại"),
            "accounts.lockout": pgettext_lazy("audit action", "Khóa đăng nhập tạm thời"),
            "accounts.login_refused": pgettext_lazy("audit action", "Từ chối đăng nhập (đang bị khóa)"),
            "accounts.token_create": pgettext_lazy("audit action", "Tạo mã truy cập API"),
            "accounts.token_revoke": pgettext_lazy("audit action", "Thu hồi mã truy cập API"),
            "accounts.password_change": pgettext_lazy("audit action", "Đổi mật khẩu"),
            "accounts.create": pgettext_lazy("audit action", "Tạo tài khoản"),
            "accounts.reset_password": pgettext_lazy("audit action", "Đặt lại mật khẩu"),
            "accounts.deactivate": pgettext_lazy("audit action", "Khóa tài khoản"),
            "accounts.activate": pgettext_lazy("audit action", "Mở khóa tài khoản"),
            "accounts.link_member": pgettext_lazy("audit action", "Gắn tài khoản với hồ sơ đảng viên"),
        })
