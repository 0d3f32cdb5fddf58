from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "dangvu.targets"
    label = "targets"
    verbose_name = "Chỉ tiêu nghị quyết"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "targets.create": pgettext_lazy("audit action", "Đặt chỉ tiêu nghị quyết, kế hoạch"),
            "targets.change": pgettext_lazy("audit action", "Sửa chỉ tiêu"),
            "targets.record_actual": pgettext_lazy("audit action", "Ghi kết quả thực hiện chỉ tiêu"),
        })
