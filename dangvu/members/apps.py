from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = "Đảng viên"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry
        from dangvu.members.kinds import EventType

        AuditEntry.ACTION_LABELS.update({
            "members.create": pgettext_lazy("audit action", "Tạo mới"),
            "members.update": pgettext_lazy("audit action", "Sửa"),
            "members.reveal": pgettext_lazy("audit action", "Xem thông tin được che"),
            "members.reveal_refused": pgettext_lazy("audit action", "Bị từ chối xem thông tin được che"),
            "members.document_add": pgettext_lazy("audit action", "Thêm tài liệu vào hồ sơ"),
            "members.document_remove": pgettext_lazy("audit action", "Gỡ bỏ tài liệu khỏi hồ sơ"),
            "members.document_download": pgettext_lazy("audit action", "Tải tài liệu hồ sơ"),
            "members.document_download_refused": pgettext_lazy("audit action", "Bị từ chối tải tài liệu hồ sơ"),
        })
        # Each dated event of the register is its own named action: members.admitted, members.recognized…
        AuditEntry.ACTION_LABELS.update({f"members.{event.value}": event.label for event in EventType})
