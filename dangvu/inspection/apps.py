from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "dangvu.inspection"
    label = "inspection"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "inspection.programme": pgettext_lazy("audit action", "Ban hành chương trình kiểm tra, giám sát"),
            "inspection.programme_item": pgettext_lazy("audit action", "Thêm nội dung chương trình kiểm tra, giám sát"),
            "inspection.open": pgettext_lazy("audit action", "Quyết định kiểm tra, giám sát"),
            "inspection.step": pgettext_lazy("audit action", "Ghi bước tiến hành kiểm tra, giám sát"),
            "inspection.session": pgettext_lazy("audit action", "Ghi buổi làm việc với đối tượng kiểm tra, giám sát"),
            "inspection.conclude": pgettext_lazy("audit action", "Kết luận kiểm tra, giám sát"),
            "inspection.notify": pgettext_lazy("audit action", "Thông báo kết luận kiểm tra, giám sát"),
            "inspection.propose_discipline": pgettext_lazy("audit action", "Đề nghị xem xét kỷ luật sau kiểm tra"),
            "inspection.remedy": pgettext_lazy("audit action", "Yêu cầu khắc phục sau kiểm tra, giám sát"),
            "inspection.remedy_done": pgettext_lazy("audit action", "Hoàn thành khắc phục sau kiểm tra, giám sát"),
            "inspection.denunciation": pgettext_lazy("audit action", "Tiếp nhận đơn tố cáo"),
            "inspection.denunciation_settle": pgettext_lazy("audit action", "Giải quyết đơn tố cáo"),
            "inspection.denouncer_read": pgettext_lazy("audit action", "Xem danh tính người tố cáo"),
        })
