from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "dangvu.transfers"
    label = "transfers"
    verbose_name = "Chuyển sinh hoạt đảng"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry
        from dangvu.members.selectors import register_away_source
        from dangvu.transfers.selectors import away_abroad

        register_away_source(away_abroad)

        AuditEntry.ACTION_LABELS.update({
            "transfers.issue": pgettext_lazy("audit action", "Cấp giấy giới thiệu sinh hoạt đảng"),
            "transfers.receive": pgettext_lazy("audit action", "Tiếp nhận đảng viên chuyển đến"),
            "transfers.return": pgettext_lazy("audit action", "Trả lại giấy giới thiệu"),
            "transfers.cancel": pgettext_lazy("audit action", "Hủy giấy giới thiệu"),
            "transfers.end": pgettext_lazy("audit action", "Kết thúc sinh hoạt tạm thời"),
            "transfers.exemption_close": pgettext_lazy("audit action", "Khép lại miễn công tác và sinh hoạt đảng"),
            "transfers.letter_download": pgettext_lazy("audit action", "Tải giấy giới thiệu sinh hoạt đảng"),
        })
