from django.apps import AppConfig


class ResidenceConfig(AppConfig):
    name = "dangvu.residence"
    label = "residence"
    verbose_name = "Giữ mối liên hệ với nơi cư trú"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry
        from dangvu.members import hooks
        from dangvu.residence.selectors import annual_comments

        hooks.plug_annual_comments(annual_comments)

        AuditEntry.ACTION_LABELS.update({
            "residence.introduce": pgettext_lazy("audit action", "Giới thiệu đảng viên về giữ mối liên hệ với nơi cư trú"),
            "residence.exempt": pgettext_lazy("audit action", "Xác định không thuộc diện giới thiệu về nơi cư trú"),
            "residence.receive": pgettext_lazy("audit action", "Tiếp nhận đảng viên giữ mối liên hệ với nơi cư trú"),
            "residence.assign": pgettext_lazy("audit action", "Phân công đảng viên về chi bộ nơi cư trú"),
            "residence.end": pgettext_lazy("audit action", "Kết thúc giữ mối liên hệ với nơi cư trú"),
            "residence.comment": pgettext_lazy("audit action", "Nhận xét của chi bộ nơi cư trú"),
            "residence.meeting": pgettext_lazy("audit action", "Ghi sinh hoạt với đảng viên đang công tác"),
            "residence.letter_download": pgettext_lazy("audit action", "Tải giấy giới thiệu về nơi cư trú"),
            "residence.comment_download": pgettext_lazy("audit action", "Tải phiếu nhận xét của chi bộ nơi cư trú"),
        })
