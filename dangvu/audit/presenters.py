"""Audit entries as people read them: field labels, dd/mm/yyyy dates, names instead of ids, sensitive
values masked (dangvu/audit/masking.py)."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps

from dangvu.audit.masking import mask_entry

_HIDDEN = {"_data"}
_DATA_LABELS = {
    "effective_date": "Ngày hiệu lực", "decision_number": "Số quyết định", "decision_date": "Ngày quyết định",
    "deciding_body": "Cơ quan quyết định", "organization": "Tổ chức", "role": "Vai trò", "ip": "Địa chỉ IP",
}


@dataclass
class Line:
    label: str
    before: str
    after: str


@dataclass
class PresentedEntry:
    entry: object
    lines: list[Line]
    details: list[tuple[str, str]]


def _fmt(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def present_entries(entries) -> list[PresentedEntry]:
    """Entries for a page, sensitive values masked (audit.masking: one policy for every history)."""
    entries = [mask_entry(e) for e in entries]
    fk_ids: dict[str, set] = {}
    models = {}
    for e in entries:
        try:
            model = apps.get_model(e.object_type)
        except (LookupError, ValueError):
            model = None
        models[e.pk] = model
        for name, pair in e.changes.items():
            if model is None or name in _HIDDEN:
                continue
            field = _field(model, name)
            if field is not None and field.is_relation:
                fk_ids.setdefault(field.related_model._meta.label_lower, set()).update(v for v in pair if v)
    names = {}
    for label, ids in fk_ids.items():
        model = apps.get_model(label)
        names[label] = {o.pk: str(o) for o in model.objects.filter(pk__in=ids)}
    result = []
    for e in entries:
        model = models[e.pk]
        lines = []
        for name, pair in e.changes.items():
            if name in _HIDDEN:
                continue
            field = _field(model, name) if model else None
            label = str(field.verbose_name).capitalize() if field is not None else name
            before, after = pair
            if field is not None and field.choices:
                choices = dict(field.flatchoices)
                before, after = choices.get(before, before), choices.get(after, after)
            if field is not None and field.is_relation:
                lookup = names.get(field.related_model._meta.label_lower, {})
                before, after = lookup.get(before, before), lookup.get(after, after)
            lines.append(Line(label, _fmt(before), _fmt(after)))
        details = [(_DATA_LABELS.get(k, k), _fmt(v)) for k, v in (e.changes.get("_data") or {}).items() if v not in (None, "")]
        result.append(PresentedEntry(e, lines, details))
    return result


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None
