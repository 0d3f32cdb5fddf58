"""The Django admin (/quan-tri/) writes to the audit trail like every other path.

The admin stays for what only a system administrator edits and the app has no screen for (the
reference lists); every add, change and delete made there is recorded with its values before and
after, in the same transaction as the change (the admin's views are atomic).
"""

from django.contrib import admin
from django.db import transaction

from dangvu.audit import services as audit


def _fields(obj) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields if not f.primary_key]


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        before = None
        if change:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = audit.snapshot(stored, _fields(obj)) if stored is not None else None
        super().save_model(request, obj, form, change)
        audit.record(actor=request.user, action="audit.admin_change" if change else "audit.admin_add", obj=obj,
                     before=before, after=audit.snapshot(obj, _fields(obj)))

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._record_delete(request, obj)
            super().delete_queryset(request, queryset)

    def _record_delete(self, request, obj) -> None:
        audit.record(actor=request.user, action="audit.admin_delete", obj=obj, before=audit.snapshot(obj, _fields(obj)))
