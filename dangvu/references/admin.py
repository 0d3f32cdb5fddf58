from django.contrib import admin

from dangvu.references.models import ReferenceItem


@admin.register(ReferenceItem)
class ReferenceItemAdmin(admin.ModelAdmin):
    list_display = ["list_code", "code", "name", "sort_order", "rank", "active"]
    list_filter = ["list_code", "active"]
    search_fields = ["name", "code"]
