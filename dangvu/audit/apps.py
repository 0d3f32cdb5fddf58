from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dangvu.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit import capture
        from dangvu.audit.models import AuditEntry

        capture.connect()
        AuditEntry.ACTION_LABELS.update({
            "audit.admin_add": pgettext_lazy("audit action", "Thêm (trang quản trị)"),
            "audit.admin_change": pgettext_lazy("audit action", "Sửa (trang quản trị)"),
            "audit.admin_delete": pgettext_lazy("audit action", "Xóa (trang quản trị)"),
        })
