from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEntry(models.Model):
    """One recorded change: who, when, under which request, to what, and the values before/after.

    Rows copy the actor's name and the object's label and hold no foreign key that cascades, so
    they survive the deletion of the user or the object. They are never updated.
    """

    timestamp = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=200)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, db_index=True)
    action = models.CharField(_("hành động"), max_length=40, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=60)
    object_id = models.CharField(_("mã đối tượng"), max_length=40)
    object_label = models.CharField(_("đối tượng"), max_length=300)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-timestamp"])]

    def __str__(self) -> str:
        return f"{self.timestamp:%d/%m/%Y %H:%M} {self.actor_label} {self.action} {self.object_label}"

    ACTION_LABELS = {
        "create": pgettext_lazy("audit action", "Tạo mới"),
        "update": pgettext_lazy("audit action", "Sửa"),
        "establish": pgettext_lazy("audit action", "Thành lập"),
        "rename": pgettext_lazy("audit action", "Đổi tên"),
        "move": pgettext_lazy("audit action", "Chuyển trực thuộc"),
        "merge": pgettext_lazy("audit action", "Sáp nhập"),
        "consolidate": pgettext_lazy("audit action", "Hợp nhất"),
        "split": pgettext_lazy("audit action", "Chia tách"),
        "dissolve": pgettext_lazy("audit action", "Giải thể"),
        "change_kind": pgettext_lazy("audit action", "Đổi loại hình"),
        "grant_scope": pgettext_lazy("audit action", "Cấp phạm vi"),
        "revoke_scope": pgettext_lazy("audit action", "Thu hồi phạm vi"),
        "term_create": pgettext_lazy("audit action", "Tạo nhiệm kỳ"),
        "term_update": pgettext_lazy("audit action", "Sửa nhiệm kỳ"),
        "committee": pgettext_lazy("audit action", "Thay đổi cấp ủy"),
        "committee_add": pgettext_lazy("audit action", "Bổ sung cấp ủy viên"),
        "committee_end": pgettext_lazy("audit action", "Thôi giữ chức vụ"),
        "committee_link": pgettext_lazy("audit action", "Gắn cấp ủy viên với hồ sơ đảng viên"),
        "login_failed": pgettext_lazy("audit action", "Đăng nhập thất bại"),
        "password_change": pgettext_lazy("audit action", "Đổi mật khẩu"),
        "reveal": pgettext_lazy("audit action", "Xem thông tin được che"),
        "reveal_refused": pgettext_lazy("audit action", "Bị từ chối xem thông tin được che"),
        "document_add": pgettext_lazy("audit action", "Thêm tài liệu vào hồ sơ"),
        "document_remove": pgettext_lazy("audit action", "Gỡ bỏ tài liệu khỏi hồ sơ"),
        "document_download": pgettext_lazy("audit action", "Tải tài liệu hồ sơ"),
        "document_download_refused": pgettext_lazy("audit action", "Bị từ chối tải tài liệu hồ sơ"),
        "rules.parameter_set": pgettext_lazy("audit action", "Đặt giá trị tham số"),
        "rules.day_added": pgettext_lazy("audit action", "Thêm ngày vào lịch nghỉ"),
        "rules.day_removed": pgettext_lazy("audit action", "Xóa ngày khỏi lịch nghỉ"),
    }
    # Apps with their own actions add their labels here from AppConfig.ready().

    @property
    def action_label(self) -> str:
        if self.action.startswith("member."):
            from dangvu.members.kinds import EventType

            try:
                return EventType(self.action.removeprefix("member.")).label
            except ValueError:
                pass
        return self.ACTION_LABELS.get(self.action, self.action)
