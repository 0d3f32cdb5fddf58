"""An audit that a service cannot forget.

Every service that changes state is decorated with `@audited`: it runs in one transaction and in
a *change set*. While the change set is open, every save or delete of an audited model (the
concrete subclasses of `dangvu.core.models.VersionedModel`: organizations, members, candidates,
letters, contacts, committees, badges, exemptions) is noted, and every `audit.record(...)` marks
the object it is about. When the service returns, each changed row must be accounted for by an
entry about itself or about the record it belongs to (`VersionedModel.audit_key`, e.g. a badge
by its member's entry); otherwise `UnauditedChange` is raised inside the transaction, which rolls
the whole change back. A service that writes a record without saying so cannot commit.

Outside a service, during a web request (pages, API), writing an audited model at all is refused:
every change goes through a service. Management commands and the demo (which call services) are
not requests; data migrations and fixtures (`raw` saves) are not checked.

Named domain events stay named (`members.admitted`, `transfers.receive`…): the guard checks that
an entry exists, the service still chooses what it says.
"""

from __future__ import annotations

import contextvars
import functools
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from dangvu.core.models import VersionedModel


class UnauditedChange(RuntimeError):
    """An audited record was changed without an audit entry: the transaction is rolled back."""


@dataclass
class ChangeSet:
    changed: dict[tuple[str, str], tuple[tuple[str, str], str]] = field(default_factory=dict)
    recorded: set[tuple[str, str]] = field(default_factory=set)

    def note_change(self, instance) -> None:
        own = (instance._meta.label_lower, str(instance.pk))
        self.changed[own] = (instance.audit_key(), str(instance._meta.verbose_name))

    def note_entry(self, object_type: str, object_id) -> None:
        self.recorded.add((object_type, str(object_id)))

    def unaccounted(self) -> list[str]:
        return [f"{label} #{own[1]} ({own[0]})" for own, (key, label) in self.changed.items()
                if own not in self.recorded and key not in self.recorded]


_current: contextvars.ContextVar[ChangeSet | None] = contextvars.ContextVar("dangvu_audit_changeset", default=None)
_strict: contextvars.ContextVar[bool] = contextvars.ContextVar("dangvu_audit_strict", default=False)


def current_changeset() -> ChangeSet | None:
    return _current.get()


@contextmanager
def change_set():
    """Open a change set (or join the one already open) and check it when the outermost one closes."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    changes = ChangeSet()
    token = _current.set(changes)
    try:
        yield changes
        missing = changes.unaccounted()
        if missing:
            raise UnauditedChange("Thay đổi không có nhật ký (audit): " + ", ".join(sorted(missing)))
    finally:
        _current.reset(token)


def audited(func):
    """Decorate a service: one transaction, one change set, and no change without an audit entry."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with transaction.atomic(), change_set():
            return func(*args, **kwargs)

    wrapper.__audited__ = True
    return wrapper


@contextmanager
def strict():
    """Inside a web request: an audited model may be written only inside a change set."""
    token = _strict.set(True)
    try:
        yield
    finally:
        _strict.reset(token)


def _on_write(sender, instance, **kwargs):
    if kwargs.get("raw") or not isinstance(instance, VersionedModel):
        return
    changes = _current.get()
    if changes is not None:
        changes.note_change(instance)
    elif _strict.get():
        raise UnauditedChange(f"{instance._meta.label} #{instance.pk} được ghi ngoài một dịch vụ có ghi nhật ký.")


def connect() -> None:
    post_save.connect(_on_write, dispatch_uid="dangvu.audit.capture.save")
    post_delete.connect(_on_write, dispatch_uid="dangvu.audit.capture.delete")
