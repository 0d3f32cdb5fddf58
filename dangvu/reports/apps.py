from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo năm"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "reports.generate": pgettext_lazy("audit action", "Lập báo cáo năm"),
        })
