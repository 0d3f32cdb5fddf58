from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    client_request_id = models.CharField(_("mã yêu cầu của máy khách"), max_length=64, blank=True, default="")
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

    # Every action is named `app.verb` (`organizations.establish`, `members.admitted`, `transfers.receive`);
    # each app names its own actions in Vietnamese from its AppConfig.ready():
    # `AuditEntry.ACTION_LABELS.update({...})`.
    ACTION_LABELS: dict = {}

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS.get(self.action, self.action)
