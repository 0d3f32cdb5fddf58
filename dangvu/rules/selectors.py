"""Reads for the rules screens and API."""

import datetime as dt
from dataclasses import dataclass

from dangvu.rules.models import CalendarDay, ParameterValue
from dangvu.rules.parameters import DEFINITIONS, ParameterDef, params_on


@dataclass
class ParameterRow:
    definition: ParameterDef
    value: int
    history: list[ParameterValue]

    @property
    def changed(self) -> bool:
        return self.value != self.definition.default


def parameter_rows(on: dt.date) -> list[ParameterRow]:
    values = params_on(on)
    history: dict[str, list[ParameterValue]] = {}
    for row in ParameterValue.objects.select_related("created_by").order_by("key", "effective_from", "id"):
        history.setdefault(row.key, []).append(row)
    return [ParameterRow(d, values[d.key], history.get(d.key, [])) for d in DEFINITIONS]


def calendar_year(year: int):
    return CalendarDay.objects.filter(date__year=year).order_by("date")
