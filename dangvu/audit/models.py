from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One recorded change: who, when, under which request, to what, and the values before/after.

    Rows copy the actor's name and the object's label and hold no foreign key that cascades, so
    they survive the deletion of the user or the object. They are never updated.
    """

    timestamp = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField("người thực hiện", max_length=200)
    request_id = models.CharField("mã yêu cầu", max_length=64, db_index=True)
    action = models.CharField("hành động", max_length=40, db_index=True)
    object_type = models.CharField("loại đối tượng", max_length=60)
    object_id = models.CharField("mã đối tượng", max_length=40)
    object_label = models.CharField("đối tượng", max_length=300)
    changes = models.JSONField("thay đổi", default=dict, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-timestamp"])]

    def __str__(self) -> str:
        return f"{self.timestamp:%d/%m/%Y %H:%M} {self.actor_label} {self.action} {self.object_label}"

    ACTION_LABELS = {
        "create": "Tạo mới",
        "update": "Sửa",
        "establish": "Thành lập",
        "rename": "Đổi tên",
        "move": "Chuyển trực thuộc",
        "merge": "Hợp nhất",
        "split": "Chia tách",
        "dissolve": "Giải thể",
        "change_kind": "Đổi loại hình",
        "grant_scope": "Cấp phạm vi",
        "revoke_scope": "Thu hồi phạm vi",
        "term_create": "Tạo nhiệm kỳ",
        "term_update": "Sửa nhiệm kỳ",
        "committee": "Thay đổi cấp ủy",
        "committee_add": "Bổ sung cấp ủy viên",
        "committee_end": "Thôi giữ chức vụ",
        "login_failed": "Đăng nhập thất bại",
        "password_change": "Đổi mật khẩu",
    }

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS.get(self.action, self.action)
