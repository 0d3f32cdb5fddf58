from django.apps import AppConfig


class TodoConfig(AppConfig):
    name = "dangvu.todo"
    label = "todo"
    verbose_name = "Việc cần làm"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "todo.handled": pgettext_lazy("audit action", "Đánh dấu việc đã xử lý ở nơi khác"),
            "todo.reopened": pgettext_lazy("audit action", "Đưa việc trở lại danh sách việc cần làm"),
        })
