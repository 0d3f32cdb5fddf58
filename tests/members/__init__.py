"""Helpers for the register's page tests: members with a consistent CCCD, registered by the system."""

import datetime as dt
import itertools

from dangvu.accounts.system import SYSTEM
from dangvu.members import rules, services
from dangvu.rules.parameters import BY_KEY

_serial = itertools.count(1)


def cccd(sex: str, born: dt.date, serial: int | None = None, province: str = "038") -> str:
    """A CCCD consistent with sex and year of birth (province 038, century-and-sex digit, year, serial)."""
    digit = (0 if born.year < 2000 else 2) + (0 if sex == "male" else 1)
    return f"{province}{digit}{born.year % 100:02d}{serial if serial is not None else next(_serial):06d}"


def register(full_name: str, organization, *, sex: str = "male", born: dt.date = dt.date(1980, 5, 1),
             admitted: dt.date = dt.date(2012, 6, 1), full: bool = True, **fields):
    """A member admitted in `organization` on `admitted` (ceremony the same day), full member a year later."""
    fields.setdefault("citizen_id", cccd(sex, born))
    return services.register_member(
        by=SYSTEM, organization=organization, full_name=full_name, sex=sex, date_of_birth=born,
        admission_decision_date=admitted, ceremony_date=admitted,
        recognition_date=rules.add_months(admitted, BY_KEY["probation.months"].default) if full else None, **fields)


def register_sheet(content: bytes):
    """The exported register (members:export): (title lines, header, data rows) of its only sheet."""
    import io

    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    data = [row for row in rows[start + 1:] if row and isinstance(row[0], int)]
    return [row[0] for row in rows[:start] if row and row[0]], rows[start], data


def exported_names(content: bytes) -> list[str]:
    """The names in the exported register, in its order."""
    return [row[1] for row in register_sheet(content)[2]]
