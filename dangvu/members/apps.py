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
            "members.theory_level": pgettext_lazy("audit action", "Ghi trình độ lý luận chính trị"),
            "members.reveal": pgettext_lazy("audit action", "Xem thông tin được che"),
            "members.reveal_refused": pgettext_lazy("audit action", "Bị từ chối xem thông tin được che"),
            "members.number_search": pgettext_lazy("audit action", "Tìm theo số định danh"),
            "members.document_add": pgettext_lazy("audit action", "Thêm tài liệu vào hồ sơ"),
            "members.document_remove": pgettext_lazy("audit action", "Gỡ bỏ tài liệu khỏi hồ sơ"),
            "members.document_download": pgettext_lazy("audit action", "Tải tài liệu hồ sơ"),
            "members.document_download_refused": pgettext_lazy("audit action", "Bị từ chối tải tài liệu hồ sơ"),
        })
        # The tree asks the register through organizations.hooks (it sits below the register).
        from dangvu.members import selectors, services
        from dangvu.organizations import hooks

        hooks.plug(hooks.Register(
            check_members_can_follow=services.check_members_can_follow,
            transfer_members_on_merge=services.transfer_members_on_merge,
            in_party_count=services.in_party_count,
            in_party_under_on=selectors.in_party_under_on,
            seat_holder=selectors.seat_holder,
            seat_candidates=selectors.seat_candidates,
            visible_members=selectors.visible_members,
            status_counts=selectors.status_counts,
        ))
        # Each dated event of the register is its own named action: members.admitted, members.recognized…
        AuditEntry.ACTION_LABELS.update({f"members.{event.value}": event.label for event in EventType})
