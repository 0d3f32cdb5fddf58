"""Request fields shared by the APIs of every app (the model-bound ones live with their model:
organizations.serializers.VisibleOrganizationField, members.api.VisibleMemberField)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def optional_text(label: str, max_length: int | None = None, **kwargs):
    return serializers.CharField(label=label, max_length=max_length, required=False, allow_blank=True, default="", **kwargs)


def optional_date(label: str, **kwargs):
    return serializers.DateField(label=label, required=False, allow_null=True, default=None, **kwargs)


def version_field(what: str = ""):
    return serializers.IntegerField(label="version", min_value=1, required=False, allow_null=True, default=None,
                                    help_text=f"Tùy chọn: số phiên bản{what} khi bạn đọc nó; nếu đã đổi: 409.")


def inline_enum(values, description: str):
    """A choice field class whose schema is an inline enum (wrapped in allOf, which the schema's enum
    post-processing leaves alone), so that it never collides with another app's enum of the same name."""

    @extend_schema_field({"allOf": [{"type": "string", "enum": list(values)}], "description": description})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField


def describe_choices(choices) -> str:
    """"value: label; …" of a choice set, for a field's description."""
    return "; ".join(f"{value}: {str(label).lower()}" for value, label in choices.choices) + "."
