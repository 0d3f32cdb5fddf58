from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dangvu.organizations"
    label = "organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "organizations.establish": pgettext_lazy("audit action", "Thành lập"),
            "organizations.update": pgettext_lazy("audit action", "Sửa"),
            "organizations.rename": pgettext_lazy("audit action", "Đổi tên"),
            "organizations.correct_date": pgettext_lazy("audit action", "Đính chính ngày hiệu lực"),
            "organizations.move": pgettext_lazy("audit action", "Chuyển trực thuộc"),
            "organizations.merge": pgettext_lazy("audit action", "Sáp nhập"),
            "organizations.consolidate": pgettext_lazy("audit action", "Hợp nhất"),
            "organizations.split": pgettext_lazy("audit action", "Chia tách"),
            "organizations.dissolve": pgettext_lazy("audit action", "Giải thể"),
            "organizations.change_kind": pgettext_lazy("audit action", "Đổi loại hình"),
            "organizations.term_create": pgettext_lazy("audit action", "Tạo nhiệm kỳ"),
            "organizations.term_update": pgettext_lazy("audit action", "Sửa nhiệm kỳ"),
            "organizations.committee_change": pgettext_lazy("audit action", "Thay đổi cấp ủy"),
            "organizations.seat_add": pgettext_lazy("audit action", "Bổ sung cấp ủy viên"),
            "organizations.seat_end": pgettext_lazy("audit action", "Thôi giữ chức vụ"),
            "organizations.seat_link": pgettext_lazy("audit action", "Gắn cấp ủy viên với hồ sơ đảng viên"),
        })
