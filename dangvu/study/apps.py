from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "dangvu.study"
    label = "study"
    verbose_name = "Học tập, quán triệt nghị quyết"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "study.document": pgettext_lazy("audit action", "Thêm văn bản vào thư viện học tập"),
            "study.schedule": pgettext_lazy("audit action", "Lên kế hoạch học tập, quán triệt"),
            "study.attendance": pgettext_lazy("audit action", "Ghi danh sách tham dự học tập, quán triệt"),
            "study.makeup": pgettext_lazy("audit action", "Ghi buổi học bù"),
            "study.plan": pgettext_lazy("audit action", "Ghi kế hoạch, chương trình hành động"),
            "study.plan_status": pgettext_lazy("audit action", "Cập nhật tình trạng kế hoạch, chương trình hành động"),
        })
