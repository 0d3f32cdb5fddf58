from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "dangvu.rules"
    label = "rules"
    verbose_name = "Quy tắc và tham số"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "rules.parameter_set": pgettext_lazy("audit action", "Đặt giá trị tham số"),
            "rules.day_added": pgettext_lazy("audit action", "Thêm ngày vào lịch nghỉ"),
            "rules.day_removed": pgettext_lazy("audit action", "Xóa ngày khỏi lịch nghỉ"),
        })
