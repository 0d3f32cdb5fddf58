"""The input policy applied at the root: every row of the project's apps is checked before it is
saved, whichever door the value came through (a form, the API, a service, a command).

- Text (every CharField and TextField): stored NFC; refused when it holds control, zero-width or
  bidirectional-override characters, or more stacked marks than a Vietnamese letter carries
  (core.text.text_fault); a person's name (PERSON_NAME_FIELDS) refused when it mixes scripts
  (core.text.name_fault). Line breaks are allowed in long texts (TextField) only.
- Dates (every DateField): within the date policy's range (core.dates.out_of_range).

A refusal is a RuleViolation naming the field, so a form shows it on the field, the API answers
400, a command prints it; nothing is written. The audit trail (which records values as they were),
EXEMPT_MODELS and Django's own tables are left alone.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.db import models
from django.db.models.signals import pre_save

from dangvu.core.dates import out_of_range
from dangvu.core.errors import RuleViolation, Violation
from dangvu.core.text import clean_text, name_fault, text_fault

PERSON_NAME_FIELDS = frozenset({"full_name", "signer_name"})
EXEMPT_APPS = frozenset({"audit"})
# Records of what someone else sent or the machine wrote, kept as it came: a failed login's typed
# username (refusing it would break the throttle), a background job's error text.
EXEMPT_MODELS = frozenset({"accounts.loginfailure", "reports.reportjob"})


def _label(field) -> str:
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


TEXT, NAME, LONG_TEXT, DATE = 1, 2, 3, 4


@functools.cache
def _plan(model) -> tuple[tuple, ...]:
    """The fields of `model` the policy looks at, in order: (attname, what, field). Made once a model."""
    plan = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.TextField):
            plan.append((field.attname, LONG_TEXT, field))
        elif isinstance(field, models.CharField):
            plan.append((field.attname, NAME if field.name in PERSON_NAME_FIELDS else TEXT, field))
        elif isinstance(field, models.DateField):
            plan.append((field.attname, DATE, field))
    return tuple(plan)


@functools.lru_cache(maxsize=65536)
def _text_verdict(value: str, what: int) -> tuple[str, str]:
    """(stored form, fault) of a text: the same text gets the same answer, so a register of 100.000 members
    checks each distinct name, place or ethnicity once."""
    value = clean_text(value)
    fault = text_fault(value, multiline=what == LONG_TEXT)
    if not fault and what == NAME:
        fault = name_fault(value)
    return value, fault


def violations(instance) -> list[Violation]:
    """Clean the instance's texts in place (NFC) and return what the policy refuses."""
    found: list[Violation] = []
    faults: set[str] = set()  # a derived copy (a search text) repeats its source's fault: said once
    for attname, what, field in _plan(type(instance)):
        value = getattr(instance, attname, None)
        if what == DATE:
            if isinstance(value, dt.date):
                fault = out_of_range(value)
                if fault:
                    found.append(Violation("input.date", f"{_label(field)}: {fault}", field.name))
        elif isinstance(value, str) and value:
            if value.isascii() and value.isprintable():
                continue  # printable ASCII (numbers, codes, keys): NFC already, no control, invisible or combining mark
            # a str subclass (a choice) is checked as it is: the cache would answer with an equal plain str
            cleaned, fault = _text_verdict(value, what) if type(value) is str else _text_verdict.__wrapped__(value, what)
            if cleaned is not value:
                setattr(instance, attname, cleaned)
            if fault and fault not in faults:
                faults.add(fault)
                found.append(Violation("input.text", f"{_label(field)}: {fault}", field.name))
    return found


def check_before_save(sender, instance, raw=False, **kwargs) -> None:
    if (raw or not sender.__module__.startswith("dangvu.") or sender._meta.app_label in EXEMPT_APPS
            or sender._meta.label_lower in EXEMPT_MODELS):
        return  # fixtures load as dumped; the audit trail keeps what it saw
    found = violations(instance)
    if found:
        raise RuleViolation(found)


def connect() -> None:
    pre_save.connect(check_before_save, dispatch_uid="dangvu.core.integrity")
