from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "dangvu.discipline"
    label = "discipline"
    verbose_name = "Kỷ luật đảng"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.discipline.selectors import penalty_note
        from dangvu.members import hooks as member_hooks

        member_hooks.plug_status_notes(penalty_note)

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "discipline.open": pgettext_lazy("audit action", "Mở vụ việc kỷ luật"),
            "discipline.defer": pgettext_lazy("audit action", "Tạm hoãn xem xét kỷ luật"),
            "discipline.resume": pgettext_lazy("audit action", "Tiếp tục xem xét kỷ luật"),
            "discipline.hearing": pgettext_lazy("audit action", "Ghi việc nghe đảng viên trình bày"),
            "discipline.propose": pgettext_lazy("audit action", "Ghi biểu quyết đề nghị kỷ luật"),
            "discipline.decide": pgettext_lazy("audit action", "Quyết định kỷ luật"),
            "discipline.drop": pgettext_lazy("audit action", "Kết luận không kỷ luật"),
            "discipline.record_past": pgettext_lazy("audit action", "Ghi quyết định kỷ luật đã ban hành"),
            "discipline.announce": pgettext_lazy("audit action", "Công bố quyết định kỷ luật"),
            "discipline.lapse_stopped": pgettext_lazy("audit action", "Dừng tự động hết hiệu lực kỷ luật (vi phạm mới)"),
            "discipline.appeal": pgettext_lazy("audit action", "Nhận đơn khiếu nại kỷ luật"),
            "discipline.appeal_decide": pgettext_lazy("audit action", "Giải quyết khiếu nại kỷ luật"),
            "discipline.notification": pgettext_lazy("audit action", "Ghi thông báo xử lý của cơ quan, đoàn thể"),
        })
