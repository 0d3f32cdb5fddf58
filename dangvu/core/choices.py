"""Choices whose labels are translated (gettext_lazy) but read as plain strings.

Django's TextChoices keep a lazy label as a lazy object: `Kind.CELL.label` would be a proxy, and
code that treats labels as text (`", ".join(...)`, `.lower()` inside messages) fails or freezes the
language. Here:

- `Kind.choices` / `Kind.labels` keep the lazy labels, so model fields, forms and serializers built
  at import time still show each request's language;
- `Kind.CELL.label` is a plain `str` in the language active when it is read (like
  `get_kind_display()`).
"""

import enum

from django.db import models
from django.db.models.enums import ChoicesType


class TranslatedChoicesType(ChoicesType):
    @property
    def choices(cls):
        empty = [(None, cls.__empty__)] if hasattr(cls, "__empty__") else []
        return empty + [(member.value, member._label_) for member in cls]


class TranslatedTextChoices(models.TextChoices, metaclass=TranslatedChoicesType):
    @enum.property
    def label(self) -> str:
        return str(self._label_)
