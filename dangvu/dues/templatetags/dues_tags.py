from django import template

from dangvu.core.numbers import format_number

register = template.Library()


@register.filter
def vnd(value) -> str:
    """80000 → "80.000" (the amounts of the dues pages)."""
    if value in (None, ""):
        return ""
    return format_number(value)
