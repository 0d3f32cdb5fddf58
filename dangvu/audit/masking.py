"""Audit values as those who read the trail see them: sensitive values masked by the one policy.

The trail keeps the real values (it is the record of what changed); every place that shows an
entry (the history tabs, the global log, the API) shows it through `mask_entry`, so reading the
history is never an unlogged reveal. Masked are:
- every key named like a sensitive field (`core.masking.SENSITIVE`: citizen_id, party_card_number,
  addresses, photo), in the before/after values and in the event data;
- the keys an app declares for one of its actions (`register("awards.card", number=NUMBER, …)`:
  the card register's `number`, `previous_number`);
- in the note, each of those values, and any long run of digits (`core.masking.mask_text`).
"""

import copy

from dangvu.core import masking
from dangvu.core.masking import NUMBER, TEXT  # noqa: F401  (for register(): audit.masking.NUMBER)

_BY_ACTION: dict[str, dict[str, str]] = {}


def register(action: str, **keys: str) -> None:
    """Declare keys of `action`'s entries that hold sensitive values, and how each is masked (NUMBER, TEXT)."""
    _BY_ACTION.setdefault(action, {}).update(keys)


def _kind(action: str, key: str) -> str | None:
    return _BY_ACTION.get(action, {}).get(key) or masking.SENSITIVE.get(key)


def _masked(key: str, value, kind: str):
    if value is None or value == "" or not isinstance(value, str | int):
        return value
    return masking.mask(key, str(value), kind)


def masked_changes(action: str, changes: dict) -> tuple[dict, list]:
    """(the changes with sensitive values masked, the (key, value, kind) triples that were masked)."""
    known: list = []
    result = {}
    for key, pair in (changes or {}).items():
        if key == "_data" and isinstance(pair, dict):
            data, more = masked_changes(action, pair)
            result[key] = data
            known += more
            continue
        kind = _kind(action, key)
        if kind is None:
            result[key] = pair
        elif isinstance(pair, list):
            result[key] = [_masked(key, v, kind) for v in pair]
            known += [(key, v, kind) for v in pair if isinstance(v, str)]
        else:
            result[key] = _masked(key, pair, kind)
            known += [(key, pair, kind)] if isinstance(pair, str) else []
    return result, known


def mask_entry(entry):
    """A copy of `entry` (never saved) whose changes and note show sensitive values masked."""
    shown = copy.copy(entry)
    shown.changes, known = masked_changes(entry.action, entry.changes)
    shown.note = masking.mask_text(entry.note, known)
    shown.save = _unsaveable
    return shown


def _unsaveable(*args, **kwargs):
    raise RuntimeError("A masked audit entry is for display: it is never saved.")
