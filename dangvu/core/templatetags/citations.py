"""Template filters: rule sources and confirmation levels in words (dangvu.core.citations)."""

from django import template

from dangvu.core import citations

register = template.Library()


@register.filter
def source_words(source: str) -> str:
    return citations.in_words(source)


@register.filter
def status_words(status: str) -> str:
    return citations.status_words(status)
