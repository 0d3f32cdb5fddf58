from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "accounts.grant_scope": pgettext_lazy("audit action", "Cấp phạm vi"),
            "accounts.revoke_scope": pgettext_lazy("audit action", "Thu hồi phạm vi"),
            "accounts.login_failed": pgettext_lazy("audit action", "Đăng nhập thất bại"),
            "accounts.password_change": pgettext_lazy("audit action", "Đổi mật khẩu"),
            "accounts.create": pgettext_lazy("audit action", "Tạo tài khoản"),
            "accounts.reset_password": pgettext_lazy("audit action", "Đặt lại mật khẩu"),
            "accounts.deactivate": pgettext_lazy("audit action", "Khóa tài khoản"),
            "accounts.activate": pgettext_lazy("audit action", "Mở khóa tài khoản"),
            "accounts.link_member": pgettext_lazy("audit action", "Gắn tài khoản với hồ sơ đảng viên"),
        })
