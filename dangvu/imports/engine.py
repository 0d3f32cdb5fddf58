"""Validate and apply a file: every row through the same services as the forms, all or nothing.

The preview IS the apply, rolled back: `run(..., apply=False)` opens one transaction, converts each row,
calls the services and rolls the whole transaction back at the end. A kind with a set-based apply
(`kind.apply_rows`: members, events) checks every row with the services' rules and lookups made once and
writes the new records in bulk through its service (members.services.register_members, record_events),
with the same result as row by row (tests/imports/test_set_based.py compares the two); other kinds, and files whose rows
depend on each other's order, go row by row through the services (each row in a savepoint, so a
refused row leaves nothing behind). So the preview sees exactly what the apply will do, with the
rules, the history replay and the rows that depend on earlier rows of the same file (a member in a
cell established three rows above). `apply=True` commits only when no row is rejected.

`progress(done, total, message)` is called as rows go by (the background job shows it as a bar).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.imports import cells, reading
from dangvu.imports.kinds import CHANGED, NEW, REJECTED, UNCHANGED, ImportKind, OneByOne, Outcome, RowError, reference_index
from dangvu.imports.reading import Table, header_key
from dangvu.organizations.models import Organization

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class RowResult:
    row: int
    status: str
    label: str = ""
    diff: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # [(column header, reason)]


@dataclass
class Result:
    kind: str
    file_name: str
    sha256: str
    counts: dict
    rows: list[RowResult]
    applied: bool = False
    error: str = ""  # the whole file was refused (unreadable, missing columns)
    header_row: int = 1
    headers: list = field(default_factory=list)  # the file's headers, for the column-mapping step

    @property
    def rejected(self) -> int:
        return self.counts.get(REJECTED, 0)

    def as_json(self) -> dict:
        """The file's outcome, as the run's report keeps it; its rows are kept apart (`kept_rows`)."""
        return {"kind": self.kind, "file_name": self.file_name, "sha256": self.sha256, "counts": self.counts,
                "applied": self.applied, "error": self.error, "header_row": self.header_row, "headers": self.headers}

    def kept_rows(self) -> list[RowResult]:
        """The rows a run keeps (imports.models.ImportRow): new, changed or refused; a row that changes nothing is
        only counted."""
        return [r for r in self.rows if r.status != UNCHANGED]


class _Rollback(Exception):
    pass


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def column_map(kind: ImportKind, table: Table, mapping: dict[str, str] | None = None) -> tuple[dict[str, int], list[str]]:
    """Column key → index in the file, and the required columns missing. `mapping`: file header → column key."""
    by_header = {header_key(c.header): c.key for c in kind.columns}
    by_header.update({header_key(c.key): c.key for c in kind.columns})
    for file_header, key in (mapping or {}).items():
        by_header[header_key(file_header)] = key
    found: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        key = by_header.get(header_key(header))
        if key and key not in found:
            found[key] = index
    missing = [c.header for c in kind.columns if c.required and c.key not in found]
    return found, missing


_CONVERT = object()  # a blank cell whose value the column's converter must give each time


@functools.cache
def _blank(column) -> object:
    """What the column makes of an empty cell, when that is empty too (None or ""): a register's row has a dozen
    empty cells, and 100.000 rows make a million converter calls of them."""
    try:
        value = column.convert(None)
    except cells.CellError:
        return _CONVERT
    return value if value is None or value == "" else _CONVERT


def convert_row(kind: ImportKind, raw: list, found: dict[str, int]) -> tuple[dict, list[tuple[str, str]]]:
    values, errors = {}, []
    for column in kind.columns:
        cell = raw[found[column.key]] if column.key in found else None
        value = _CONVERT if cell is not None else _blank(column)
        if value is _CONVERT:
            try:
                value = column.convert(cell)
            except cells.CellError as exc:
                errors.append((column.header, str(exc)))
                continue
        if column.required and value in (None, ""):
            errors.append((column.header, "bắt buộc, không được để trống."))
        values[column.key] = value
    return values, errors


def _violation_errors(kind: ImportKind, exc: RuleViolation) -> list[tuple[str, str]]:
    return [(kind.header_of(v.field), v.text()) for v in exc.violations]


_gc_lock = threading.Lock()
_gc_runs = [0, None]  # imports under way in this process, the threshold to put back when the last one ends


@contextmanager
def _fewer_collections():
    """The cyclic garbage collector's youngest generation collected every 10.000 allocations instead of 700 while a
    file is checked and written: an import allocates millions of short-lived objects (cells, dicts, model
    instances) and few cycles, and each collection walks the young objects again (≈ 20 % of the CPU at 3.000 rows).
    The setting is the process's: imports of two organizations in two threads share it, and the last one to end
    puts the original back."""
    with _gc_lock:
        if _gc_runs[0] == 0:
            _gc_runs[1] = gc.get_threshold()
            gc.set_threshold(GC_YOUNG_THRESHOLD, *_gc_runs[1][1:])
        _gc_runs[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_runs[0] -= 1
            if _gc_runs[0] == 0:
                gc.set_threshold(*_gc_runs[1])


GC_YOUNG_THRESHOLD = 10_000


def run(*, kind: ImportKind, content: bytes, file_name: str, by, organization: Organization, apply: bool,
        mapping: dict[str, str] | None = None, progress: Progress | None = None) -> Result:
    with _fewer_collections():
        return _run(kind=kind, content=content, file_name=file_name, by=by, organization=organization, apply=apply,
                    mapping=mapping, progress=progress)


def _run(*, kind, content, file_name, by, organization, apply, mapping, progress) -> Result:
    progress = progress or _no_progress
    reference_index.cache_clear()  # an administrator may have edited a reference list since the last run
    sha = hashlib.sha256(content).hexdigest()
    counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0, REJECTED: 0}
    def read():
        return reading.read(content, file_name, expected_headers=[c.header for c in kind.columns] + list(mapping or {}))

    try:
        table = read()
    except reading.UnreadableFile as exc:
        return Result(kind.code, file_name, sha, counts, [], error=str(exc))
    found, missing = column_map(kind, table, mapping)
    if missing:
        return Result(kind.code, file_name, sha, counts, [], error="Thiếu cột bắt buộc: " + ", ".join(missing) +
                      ". Hãy dùng tệp mẫu hoặc ghép cột ở bước ghép cột.", header_row=table.header_row,
                      headers=[h for h in table.headers if h])
    total = len(table.rows)
    progress(0, total, "Đang kiểm tra")
    try:
        with transaction.atomic():
            results = _set_based(kind, table, found, by=by, root=organization, progress=progress)
            if results is None:  # read again: the set-based path let go of the cells it converted (memory)
                results = _row_by_row(kind, read() if kind.apply_rows is not None else table, found, by=by, root=organization,
                                      progress=progress)
            for result in results:
                counts[result.status] += 1
            if not apply or counts[REJECTED]:
                raise _Rollback
    except _Rollback:
        pass
    applied = apply and not counts[REJECTED]
    return Result(kind.code, file_name, sha, counts, results, applied=applied, header_row=table.header_row,
                  headers=[h for h in table.headers if h])


def _row_by_row(kind, table, found, *, by, root, progress) -> list[RowResult]:
    results, seen, total = [], {}, len(table.rows)
    for done, (number, raw) in enumerate(table.rows, start=1):
        results.append(_one_row(kind, number, raw, found, seen, by=by, root=root))
        if done % 100 == 0 or done == total:
            progress(done, total, f"Đã xử lý {done}/{total} dòng")
    return results


def _set_based(kind, table, found, *, by, root, progress) -> list[RowResult] | None:
    """The kind's set-based apply (kind.apply_rows) over the rows that convert, in a savepoint; None (nothing left
    written) when the kind has none or the file needs the row-by-row path: rows that depend on each other
    (OneByOne), or a row the database itself refuses (IntegrityError: the row-by-row path names it)."""
    if kind.apply_rows is None:
        return None
    total = len(table.rows)
    early: dict[int, RowResult] = {}
    rows: list[tuple[int, dict]] = []
    seen: dict[tuple, int] = {}
    for done, (number, raw) in enumerate(table.rows, start=1):
        values, refused = _checked_values(kind, number, raw, found, seen)
        table.rows[done - 1] = (number, None)  # the cells are not read again: 100.000 rows of them hold much memory
        if refused is not None:
            early[number] = refused
        else:
            rows.append((number, values))
        if done % 1000 == 0:
            progress(done // 2, total, f"Đã kiểm tra {done}/{total} dòng")
    progress(total // 2, total, f"Đang ghi {len(rows)} dòng")
    try:
        with transaction.atomic():
            outcomes = kind.apply_rows(rows, by=by, root=root)
    except (OneByOne, IntegrityError):
        return None
    results = []
    for number, _raw in table.rows:
        if number in early:
            results.append(early[number])
            continue
        outcome = outcomes[number]
        if isinstance(outcome, Outcome):
            results.append(RowResult(number, outcome.status, outcome.label, outcome.diff))
        else:
            results.append(RowResult(number, REJECTED, errors=outcome))
    progress(total, total, f"Đã xử lý {total}/{total} dòng")
    return results


def _checked_values(kind, number, raw, found, seen) -> tuple[dict, RowResult | None]:
    """The row's values, or its refusal: a cell that does not convert, or a key met on an earlier row of the file."""
    values, errors = convert_row(kind, raw, found)
    if errors:
        return values, RowResult(number, REJECTED, errors=errors)
    key = kind.row_key(values)
    if key is not None:
        if key in seen:
            column = kind.header_of(key[0])
            return values, RowResult(number, REJECTED, errors=[(column, f"{column} {key[1]} trùng với dòng {seen[key]} trong "
                                                                        "cùng tệp.")])
        seen[key] = number
    return values, None


def _one_row(kind, number, raw, found, seen, *, by, root) -> RowResult:
    values, refused = _checked_values(kind, number, raw, found, seen)
    if refused is not None:
        return refused
    try:
        with transaction.atomic():
            outcome: Outcome = kind.apply_row(values, by=by, root=root)
    except RowError as exc:
        return RowResult(number, REJECTED, errors=[(kind.header_of(exc.column), exc.message)])
    except RuleViolation as exc:
        return RowResult(number, REJECTED, errors=_violation_errors(kind, exc))
    except (PermissionDeniedInScope, ConcurrentEditError) as exc:
        return RowResult(number, REJECTED, errors=[("", str(exc))])
    return RowResult(number, outcome.status, outcome.label, outcome.diff)
