"""Request fields shared by the APIs of every app (the model-bound ones live with their model:
organizations.serializers.VisibleOrganizationField, members.api.VisibleMemberField)."""

from rest_framework import serializers


def optional_text(label: str, max_length: int | None = None, **kwargs):
    return serializers.CharField(label=label, max_length=max_length, required=False, allow_blank=True, default="", **kwargs)


def optional_date(label: str, **kwargs):
    return serializers.DateField(label=label, required=False, allow_null=True, default=None, **kwargs)


def version_field(what: str = ""):
    return serializers.IntegerField(label="version", min_value=1, required=False, allow_null=True, default=None,
                                    help_text=f"Tùy chọn: số phiên bản{what} khi bạn đọc nó; nếu đã đổi: 409.")
