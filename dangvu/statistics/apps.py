from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "dangvu.statistics"
    label = "statistics"
    verbose_name = "Thống kê"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry
        from dangvu.jobs import runner
        from dangvu.statistics import invalidation, jobs

        invalidation.connect()
        runner.on_worker_pass(jobs.daily_pass)

        AuditEntry.ACTION_LABELS.update({
            "statistics.submit": pgettext_lazy("audit action", "Nộp biểu thống kê (khóa số liệu kỳ báo cáo)"),
            "statistics.reopen": pgettext_lazy("audit action", "Mở lại kỳ báo cáo đã nộp"),
        })
