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
        })
