"""Reads for the rules screens and API."""

import datetime as dt
from dataclasses import dataclass

from dangvu.rules.models import CalendarDay, ParameterValue
from dangvu.rules.parameters import CONFIRM, DEFINITIONS, RULE, SETTING, ParameterDef, params_on


@dataclass
class ParameterRow:
    definition: ParameterDef
    value: object
    history: list[ParameterValue]
    override: ParameterValue | None = None  # the national setting in force, when an administrator set one

    @property
    def changed(self) -> bool:
        return self.value != self.definition.default

    @property
    def source(self) -> str:
        """Where the value in force comes from: the override's own reason, else the definition's source."""
        return self.override.reason if self.override else self.definition.source

    @property
    def status(self) -> str:
        return "" if self.override else self.definition.status


def parameter_rows(on: dt.date, kind: str | None = None) -> list[ParameterRow]:
    values = params_on(on)
    history: dict[str, list[ParameterValue]] = {}
    for row in ParameterValue.objects.select_related("created_by", "province").order_by("key", "effective_from", "id"):
        history.setdefault(row.key, []).append(row)
    return [ParameterRow(d, values[d.key], history.get(d.key, []), values.sources.get(d.key))
            for d in DEFINITIONS if kind is None or d.kind == kind]


def rule_rows(on: dt.date) -> list[ParameterRow]:
    return parameter_rows(on, RULE)


def setting_rows(on: dt.date) -> list[ParameterRow]:
    return parameter_rows(on, SETTING)


def confirmation_rows(on: dt.date) -> list[ParameterRow]:
    return parameter_rows(on, CONFIRM)


def calendar_year(year: int):
    return CalendarDay.objects.filter(date__year=year).order_by("date")
