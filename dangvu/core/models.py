"""The one write path every record shares: a version, timestamps, a lock-and-check, model validation.

- `VersionedModel`: the abstract base of every record users edit (organizations, members,
  candidates, transfer letters, residence contacts, committees, badges…). It gives `version`
  (starts at 1), `created_at` and `updated_at`. Its concrete subclasses are the *audited* models:
  `dangvu.audit.capture` refuses a service that changes one of them without an audit entry.
- `lock_for_update(obj, expected_version)`: the only "lock the row and compare the version" step.
  It re-reads the row under `SELECT … FOR UPDATE`, refuses a stale edit with the one
  `ConcurrentEditError` (409 in the API, a Vietnamese message on pages), and marks the fresh
  instance so that its next `save()` bumps the version, exactly once: that is the only place where
  a version is bumped.
- `field_violations(model, values)` / `full_clean(obj)`: validation from the model's own fields
  (lengths, choices, validators), as `Violation`s whose Vietnamese message names the field by its
  verbose name. No service repeats a model's lengths by hand.

`core` is the bottom layer: nothing here imports another dangvu app.
"""

from __future__ import annotations

from typing import TypeVar

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dangvu.core.errors import ConcurrentEditError, RuleViolation, Violation

M = TypeVar("M", bound="VersionedModel")


class VersionedModel(models.Model):
    """A record that users edit: versioned for concurrent-edit detection, timestamped, audited."""

    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if getattr(self, "_bump_version", False) and self.pk is not None and not self._state.adding:
            self.version += 1
            self._bump_version = False
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
        super().save(*args, **kwargs)

    # The words a concurrent-edit message names the record by (defaults to str(self)).
    def lock_label(self) -> str:
        return str(self)

    def audit_key(self) -> tuple[str, str]:
        """The object whose audit entry accounts for a change of this row: itself by default; a row
        that belongs to a member's record (a badge, an exemption) is accounted for by the member's entry."""
        return self._meta.label_lower, str(self.pk)


def lock_for_update(obj: M, expected_version: int | None = None, *, queryset=None, label: str | None = None) -> M:
    """Re-read `obj`'s row under a lock; refuse if it changed since the editor loaded `expected_version`.

    Returns the fresh, locked instance; its next `save()` writes version + 1. `expected_version=None`
    locks without comparing (a row the service changes as a consequence, e.g. a merge's target).
    `queryset` adds `select_related` for what the service reads next. Nothing is written when the
    version does not match.
    """
    model = type(obj)
    qs = queryset if queryset is not None else model._default_manager.all()
    fresh = qs.select_for_update(of=("self",)).get(pk=obj.pk)
    check_version(fresh, expected_version, label=label)
    fresh._bump_version = True
    return fresh


def check_version(fresh, expected_version: int | None, *, label: str | None = None) -> None:
    """The comparison of `lock_for_update`, for a service that checks permission between the lock
    and the comparison (so that an outsider learns nothing from a version)."""
    if expected_version is not None and fresh.version != expected_version:
        raise ConcurrentEditError(label or fresh.lock_label(), fresh.version)


def _label(field) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        text = str(field.verbose_name)
    return text[:1].upper() + text[1:]


def _message(field, error: ValidationError) -> str:
    label = _label(field)
    params = error.params or {}
    with translation.override(settings.LANGUAGE_CODE):
        if error.code == "max_length":
            return f"{label}: tối đa {params.get('limit_value')} ký tự."
        if error.code in ("blank", "null", "required"):
            return f"{label}: bắt buộc nhập."
        if error.code == "invalid_choice":
            return f"{label}: “{params.get('value')}” không có trong danh mục."
        text = error.message % params if params else error.message
        return f"{label}: {text}"


def _violations(model, field_name: str, errors: list[ValidationError], code_prefix: str) -> list[Violation]:
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return [Violation(f"{code_prefix}.invalid", str(m), None) for e in errors for m in e.messages]
    out = []
    for error in errors:
        for single in error.error_list:
            out.append(Violation(f"{code_prefix}.{single.code or 'invalid'}", _message(field, single), field_name))
    return out


def field_violations(model, values: dict, *, code_prefix: str | None = None) -> list[Violation]:
    """Check `values` (field name → value) against `model`'s field definitions.

    Empty values are left to the service (which says why a field is required in its own words);
    everything else goes through the field's own `clean` (length, choices, validators).
    """
    model = model if isinstance(model, type) else type(model)
    prefix = code_prefix or model._meta.model_name
    v: list[Violation] = []
    for name, value in values.items():
        if value in (None, ""):
            continue
        field = model._meta.get_field(name)
        try:
            field.clean(value, None)
        except ValidationError as exc:
            v += _violations(model, name, [exc], prefix)
    return v


def full_clean(obj: models.Model, *, exclude=None, validate_unique: bool = False,
               validate_constraints: bool = False) -> None:
    """`obj.full_clean()` as a `RuleViolation`: every message in Vietnamese, naming the field."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_constraints)
    except ValidationError as exc:
        prefix = obj._meta.model_name
        if hasattr(exc, "error_dict"):
            v = []
            for name, errors in exc.error_dict.items():
                v += _violations(type(obj), name, errors, prefix)
        else:
            v = [Violation(f"{prefix}.invalid", m, None) for m in exc.messages]
        raise RuleViolation(v) from exc
