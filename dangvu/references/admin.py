from django.contrib import admin

from dangvu.audit.admin import AuditedModelAdmin
from dangvu.references.models import ReferenceItem


@admin.register(ReferenceItem)
class ReferenceItemAdmin(AuditedModelAdmin):
    list_display = ["list_code", "code", "name", "sort_order", "rank", "active"]
    list_filter = ["list_code", "active"]
    search_fields = ["name", "code"]
