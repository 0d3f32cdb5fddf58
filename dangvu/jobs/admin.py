from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dangvu.audit.admin import AuditedModelAdmin
from dangvu.jobs.models import Job


@admin.register(Job)
class JobAdmin(AuditedModelAdmin):
    """Read-only: a job is made by the page that asks for it and run by the worker (run_jobs)."""

    list_display = ["kind", "requested_by", "organization", "status", "progress_percent", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["requested_by", "organization"]
    date_hierarchy = "created_at"

    @admin.display(description=_("tiến độ"))
    def progress_percent(self, obj):
        return f"{obj.percent}%"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
