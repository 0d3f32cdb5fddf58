"""`{% rule_param "probation.months" on %}` → "12 tháng": a number written into a page comes from the
parameter in force on the date it applies to (dangvu.rules.parameters)."""

import datetime as dt

from django import template

from dangvu.core.dates import today
from dangvu.rules.parameters import params_on, text

register = template.Library()


@register.simple_tag
def rule_param(key: str, on: dt.date | None = None) -> str:
    return text(params_on(on or today()), key)
