from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = "Sinh hoạt chi bộ"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "meetings.schedule": pgettext_lazy("audit action", "Lên kế hoạch sinh hoạt chi bộ"),
            "meetings.update": pgettext_lazy("audit action", "Sửa buổi sinh hoạt chi bộ"),
            "meetings.held": pgettext_lazy("audit action", "Ghi buổi sinh hoạt chi bộ và điểm danh"),
            "meetings.minutes": pgettext_lazy("audit action", "Ghi biên bản, nghị quyết sinh hoạt chi bộ"),
            "meetings.task": pgettext_lazy("audit action", "Giao nhiệm vụ theo nghị quyết chi bộ"),
            "meetings.task_done": pgettext_lazy("audit action", "Hoàn thành nhiệm vụ theo nghị quyết chi bộ"),
        })
