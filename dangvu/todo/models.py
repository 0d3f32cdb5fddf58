"""An item of the to-do list that an officer marked as handled elsewhere (on paper, by another unit,
or no longer relevant), with the reason. The mark is keyed by the item's `key` (dangvu.core.todo), so a
recurring item due again later is a new item; reopening keeps the row (the history) and ends the mark."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.querysets import EVER, RestrictedQuerySet
from dangvu.core.models import VersionedModel
from dangvu.organizations.models import Organization

HANDLE = "todo.handle"


class HandledItemQuerySet(RestrictedQuerySet):
    scope_fields = {"organization": EVER}
    view_action = "view"
    change_action = HANDLE

    def open(self):
        return self.filter(reopened_at__isnull=True)


class HandledItem(VersionedModel):
    key = models.CharField(_("mã việc"), max_length=500)
    category = models.CharField(_("loại việc"), max_length=60)
    category_label = models.CharField(_("nhóm việc"), max_length=200)
    title = models.TextField(_("việc"))
    due = models.DateField(_("hạn"), null=True, blank=True)
    organization = models.ForeignKey(Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do"))
    handled_on = models.DateField(_("ngày đánh dấu"))
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đánh dấu"), on_delete=models.PROTECT,
                                   related_name="+")
    reopened_at = models.DateTimeField(_("thời điểm đưa trở lại"), null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đưa trở lại"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    objects = HandledItemQuerySet.as_manager()

    AUDIT_FIELDS = ["key", "category", "title", "due", "organization", "reason", "handled_on", "reopened_at"]

    class Meta:
        verbose_name = _("việc đã xử lý ở nơi khác")
        verbose_name_plural = _("việc đã xử lý ở nơi khác")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open mark per item: a double click or a retry cannot mark it twice.
            models.UniqueConstraint(fields=["key"], condition=Q(reopened_at__isnull=True), name="todo_one_open_mark"),
        ]

    def __str__(self) -> str:
        return self.title[:300]
