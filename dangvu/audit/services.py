"""Writing audit entries. Services (decorated with `capture.audited`) call `record` inside their transaction;
the change set of `dangvu.audit.capture` checks that every record they changed has one."""

import datetime as dt
import functools
import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import translation

from dangvu.audit.capture import current_changeset
from dangvu.audit.context import current_client_request_id, current_request_id
from dangvu.audit.models import AuditEntry
from dangvu.core import bulk

_AS_IS = frozenset({str, int, bool, float, type(None)})


def _jsonable(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


@functools.lru_cache(maxsize=256)
def _attnames(model, fields: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((name, model._meta.get_field(name).attname) for name in fields)


def snapshot(obj, fields: list[str]) -> dict[str, Any]:
    """The audited values of an object: foreign keys by id, dates as ISO text."""
    return {name: _jsonable(getattr(obj, attr)) for name, attr in _attnames(type(obj), tuple(fields))}


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    if not before and after:  # a new record: every value that is not empty
        return {key: [None, after[key]] for key in sorted(after) if after[key] not in (None, "")}
    before = before or {}
    after = after or {}
    changed = {}
    keys = before.keys() if before.keys() == after.keys() else before.keys() | after.keys()  # snapshots: the same keys
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old != new and not (old in (None, "") and new in (None, "")):  # empty before and after: nothing to tell
            changed[key] = [old, new]
    return {key: changed[key] for key in sorted(changed)}


def actor_label(user) -> str:
    if getattr(user, "is_system_actor", False):  # accounts.system.SYSTEM (audit sits below accounts)
        return "Hệ thống"
    if user is None:
        return "không xác định"
    full = getattr(user, "full_name", "") or ""
    return f"{full} ({user.username})" if full else user.username


def record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str | None = None,
    object_id: Any = None,
    object_label: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
    data: dict | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one audit entry. `changes` holds field → [before, after], plus any event data.

    Stored text (labels, notes) is always in the site language (Vietnamese), whatever language
    the acting user's pages are shown in.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _record(actor=actor, action=action, obj=obj, object_type=object_type, object_id=object_id,
                       object_label=object_label, before=before, after=after, data=data, note=str(note))


def _record(*, actor, action, obj, object_type, object_id, object_label, before, after, data, note) -> AuditEntry:
    entry = _entry(actor=actor, action=action, obj=obj, object_type=object_type, object_id=object_id,
                   object_label=object_label, before=before, after=after, data=data, note=note, request_id=current_request_id())
    entry.save()
    _note(entry)
    return entry


def _entry(*, actor, action, obj, object_type, object_id, object_label, before, after, data, note, request_id) -> AuditEntry:
    """One entry, not yet written."""
    changes: dict[str, Any]
    if not before and after:  # a new record: diff's first case, made JSON-ready in the same pass (100.000 of them in an import)
        changes = {key: [None, _jsonable(value)] for key, value in sorted(after.items()) if value is not None and value != ""}
    else:
        before = {k: _jsonable(v) for k, v in before.items()} if before else before
        after = {k: _jsonable(v) for k, v in after.items()} if after else after
        changes = diff(before, after)
    if data:
        changes["_data"] = {k: _jsonable(v) for k, v in data.items()}
    return bulk.new(AuditEntry, {
        "actor_id": actor.pk if getattr(actor, "pk", None) else None,  # the key: no cached object to check when written
        "actor_label": actor_label(actor),
        "request_id": request_id,
        "client_request_id": current_client_request_id(),
        "action": action,
        "object_type": sys.intern(object_type or obj._meta.label_lower),  # one string, not one an entry (label_lower builds it)
        "object_id": str(object_id if object_id is not None else obj.pk),
        "object_label": (object_label or str(obj))[:300],
        "changes": changes,
        "note": note,
    })


def _note(entry: AuditEntry) -> None:
    changes_open = current_changeset()
    if changes_open is not None:
        changes_open.note_entry(entry.object_type, entry.object_id)


@dataclass(frozen=True)
class Entry:
    """What `record` takes for one object, for `record_many`."""

    obj: Any = None
    before: dict | None = None
    after: dict | None = None
    data: dict | None = None
    object_type: str | None = None
    object_id: Any = None
    object_label: str | None = None
    note: str = ""
    action: str | None = None  # for record_many: this entry's action, when it is not the call's


def record_many(*, actor, action: str | None, entries: list[Entry]) -> list[AuditEntry]:
    """Append the entries of a set-based write at once (core.bulk.insert), in order: each the entry `record` writes
    for the same arguments (the action: the entry's own, else the call's), all under the request id of this call.
    The entries get no primary key back."""
    request_id = current_request_id()
    with translation.override(settings.LANGUAGE_CODE):
        rows = [_entry(actor=actor, action=e.action or action, obj=e.obj, object_type=e.object_type, object_id=e.object_id,
                       object_label=e.object_label, before=e.before, after=e.after, data=e.data, note=str(e.note),
                       request_id=request_id) for e in entries]
    bulk.insert(AuditEntry, rows)
    for entry in rows:
        _note(entry)
    return rows


def entries_for(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
