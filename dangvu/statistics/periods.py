"""Reads of the official tables and of submitted periods: the values of a table for a window (frozen
when the period was submitted), and the differences between a submitted copy and the live register.

A difference is explained, not hidden: for each figure whose live value differs from the submitted
one, the submitted and live values, the difference, and the records changed since the submission
(from the audit trail: the entries recorded after the submission's own entry, membership events,
badges and cards recorded on the member alike, each with the day it took effect) that are counted in the
figure now, or, for a figure that went down, that are no longer counted while still belonging to the
window's register (the likely cause; an officer reads the changes listed with each).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps

from dangvu.audit.models import AuditEntry
from dangvu.core.figures import Window, registry
from dangvu.core.numbers import percent
from dangvu.statistics import engine
from dangvu.statistics.models import SubmittedFigure, SubmittedPeriod
from dangvu.statistics.tables import Cell, Filled, Table, lines

SHOWN_PER_FIGURE = 50  # records listed under one difference
CHUNK = 900  # ids per IN (…) list: below SQLite's bound-parameter limit
# Where an audit entry's data names the day its change took effect: membership events, badges (awards.badge),
# cards (awards.card; a card exchange campaign, recorded on the organization, names its issue date too).
EFFECTIVE_DATE_KEYS = ("effective_date", "presentation_on", "issued_on")


def submitted_for(window: Window) -> SubmittedPeriod | None:
    """The standing submission of the window's organization and period, if any."""
    return (SubmittedPeriod.objects.current()
            .filter(organization=window.organization, start=window.start, end=window.end).first())


def fill(table: Table, window: Window, *, rounding: str = engine.DEFAULT_ROUNDING,
         period: SubmittedPeriod | None = None, live: bool = False) -> Filled:
    """The cells of `table` in `window`: from the frozen copy of the standing submission of the window
    (or `period`), live from the register when there is none or `live`. A figure registered after the
    submission is read live and marked so."""
    layout = lines(table)
    if period is None and not live:
        period = submitted_for(window)
    frozen: dict[str, SubmittedFigure] = {}
    if period is not None and not live:
        frozen = {f.code: f for f in period.figures.filter(code__in=[ln.code for ln in layout if ln.code])}
    missing = [ln.code for ln in layout if ln.code and ln.code not in frozen]
    computed = {fv.code: fv for fv in engine.compute(window, missing, rounding=rounding)} if missing else {}
    cells = []
    for ln in layout:
        if ln.code is None:
            cells.append(Cell(ln))
        elif ln.code in frozen:
            f = frozen[ln.code]
            shown = percent(f.value, f.denominator, rounding=rounding) if f.denominator is not None else None
            cells.append(Cell(ln, f.value, f.denominator, shown, frozen=True))
        else:
            fv = computed[ln.code]
            cells.append(Cell(ln, fv.value, fv.denominator, fv.percent, live_only=bool(frozen)))
    return Filled(table=table, window=window, cells=cells, submitted=period if frozen else None)


# ---------------------------------------------------------------- differences


@dataclass(frozen=True)
class Change:
    """One audit entry about a record, after the submission."""

    when: object
    actor: str
    action: str
    data: dict

    @property
    def effective_date(self) -> dt.date | None:
        """The date the change took effect, when the entry names one: a membership event's effective date,
        a badge's presentation date (awards.badge), a card's issue date (awards.card)."""
        for key in EFFECTIVE_DATE_KEYS:
            try:
                return dt.date.fromisoformat(self.data.get(key) or "")
            except (TypeError, ValueError):
                continue
        return None


@dataclass
class ChangedRecord:
    pk: int
    label: str
    subject: str  # "members.member" / "organizations.organization"
    changes: list[Change] = field(default_factory=list)


@dataclass
class Difference:
    code: str
    label: str
    submitted: int
    live: int
    submitted_denominator: int | None = None
    live_denominator: int | None = None
    counted_now: list[ChangedRecord] = field(default_factory=list)  # changed since submission, counted now
    not_counted_now: list[ChangedRecord] = field(default_factory=list)  # changed, in the window, not counted now

    @property
    def delta(self) -> int:
        return self.live - self.submitted

    @property
    def delta_text(self) -> str:
        return f"+{self.delta}" if self.delta > 0 else str(self.delta)


@dataclass
class Report:
    period: SubmittedPeriod
    differences: list[Difference]
    changed: list[ChangedRecord]  # every record of the window changed since the submission (visible to the user)
    unregistered: list[str]  # codes submitted that the registry no longer has

    @property
    def clean(self) -> bool:
        return not self.differences


def _watermark(period: SubmittedPeriod) -> int:
    """The id of the submission's audit entry: what was recorded after it changed since."""
    entry = (AuditEntry.objects.filter(action="statistics.submit", object_type=period._meta.label_lower,
                                       object_id=str(period.pk)).order_by("id").first())
    return entry.pk if entry is not None else 0


def differences(period: SubmittedPeriod, user) -> Report:
    """The submitted copy of `period` against the register now, explained by what changed since.

    A figure differs when its count does; a share whose count is unchanged moves only with its
    denominator, which is a figure of its own and listed when it differs."""
    reg = registry()
    window = Window(period.organization, period.start, period.end)
    frozen = {f.code: f for f in period.figures.all()}
    known = [code for code in frozen if code in reg]
    live = {fv.code: fv for fv in engine.compute(window, known)} if known else {}
    diffs = [Difference(code, str(reg[code].label), frozen[code].value, live[code].value, frozen[code].denominator,
                        live[code].denominator)
             for code in known if frozen[code].value != live[code].value]
    changed = _changed_records(period, window, user)
    by_subject: dict[str, dict[int, ChangedRecord]] = defaultdict(dict)
    for record in changed:
        by_subject[record.subject][record.pk] = record
    for diff in diffs:
        figure = reg[diff.code]
        subject = reg.bases[figure.base].subject.lower()
        candidates = by_subject.get(subject, {})
        if not candidates:
            continue
        now = set()
        for chunk in _chunks(candidates):
            now |= set(engine.drill(diff.code, window, user).filter(pk__in=chunk).values_list("pk", flat=True))
        diff.counted_now = [candidates[pk] for pk in sorted(now)][:SHOWN_PER_FIGURE]
        if diff.live < diff.submitted:
            diff.not_counted_now = [r for pk, r in sorted(candidates.items()) if pk not in now][:SHOWN_PER_FIGURE]
    return Report(period=period, differences=diffs, changed=changed,
                  unregistered=sorted(code for code in frozen if code not in reg))


def _changed_records(period: SubmittedPeriod, window: Window, user) -> list[ChangedRecord]:
    """Members and organizations with an audit entry after the submission that the user may see and
    that belong to the window (counted by some base of the registry in it now)."""
    reg = registry()
    mark = _watermark(period)
    out: list[ChangedRecord] = []
    for subject in sorted({b.subject for b in reg.bases.values()}):
        model = apps.get_model(subject)
        object_type = model._meta.label_lower
        entries = list(AuditEntry.objects.filter(object_type=object_type, id__gt=mark, timestamp__gte=period.created_at)
                       .order_by("id")
                       .values("object_id", "timestamp", "actor_label", "action", "changes"))
        ids = {int(e["object_id"]) for e in entries if str(e["object_id"]).isdigit()}
        if not ids:
            continue
        in_window: set[int] = set()
        for base in reg.bases.values():
            if base.subject == subject:
                for chunk in _chunks(ids):
                    in_window |= set(base.rows(window).filter(**{f"{base.key}__in": chunk})
                                     .values_list(base.key, flat=True).distinct())
        visible = {obj.pk: obj for chunk in _chunks(in_window) for obj in model.objects.restrict(user).filter(pk__in=chunk)}
        records: dict[int, ChangedRecord] = {}
        for e in entries:
            pk = int(e["object_id"]) if str(e["object_id"]).isdigit() else None
            if pk not in visible:
                continue
            record = records.setdefault(pk, ChangedRecord(pk, _label(visible[pk]), object_type))
            record.changes.append(Change(e["timestamp"], e["actor_label"], AuditEntry(action=e["action"]).action_label,
                                         (e["changes"] or {}).get("_data", {})))
        out += sorted(records.values(), key=lambda r: r.label)
    return out


def _chunks(ids, size: int = CHUNK):
    """Ids in lists short enough for one IN (…) on SQLite."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def _label(obj) -> str:
    return getattr(obj, "full_name", None) or getattr(obj, "name", None) or str(obj)
