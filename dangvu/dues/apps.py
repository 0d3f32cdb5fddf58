from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    label = "dues"
    verbose_name = "Đảng phí"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "dues.basis": pgettext_lazy("audit action", "Kê khai căn cứ đóng đảng phí"),
            "dues.payment": pgettext_lazy("audit action", "Ghi nhận đóng đảng phí"),
            "dues.void": pgettext_lazy("audit action", "Hủy khoản đảng phí ghi nhầm"),
            "dues.excuse": pgettext_lazy("audit action", "Ghi lý do chính đáng chưa đóng đảng phí"),
        })
