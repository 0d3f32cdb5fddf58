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
