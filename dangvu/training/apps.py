from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangvu.training"
    label = "training"
    verbose_name = "Bồi dưỡng, đào tạo"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "training.create": pgettext_lazy("audit action", "Mở lớp bồi dưỡng"),
            "training.update": pgettext_lazy("audit action", "Sửa lớp bồi dưỡng"),
            "training.enrol": pgettext_lazy("audit action", "Ghi danh học viên"),
            "training.result": pgettext_lazy("audit action", "Ghi kết quả học viên"),
        })
