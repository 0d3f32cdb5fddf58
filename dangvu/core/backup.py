"""Backup and restore of the whole database (`manage.py backup`, `manage.py restore`; README
"Sao lưu và khôi phục").

One format for both databases: a gzip file of JSON lines, a header (format, time, source database,
the applied migrations, the row count of every table) then one line per row, every model of every
app (the audit trail included) in dependency order, foreign keys to content types by natural key.
A backup of SQLite can be restored into PostgreSQL and back.

Consistent while the app runs:
- PostgreSQL: every table is read in one READ ONLY, REPEATABLE READ transaction (one snapshot;
  writers are not blocked).
- SQLite: every table is read in one DEFERRED read transaction: in WAL mode (settings.py) it sees
  the database as of its first read and does not block the app's writers.

A restore goes into a new database, migrated to the same migrations (no user, no audit entry yet:
the rows the migrations seed are replaced by the backup's), in one transaction; the id sequences
are moved past the restored ids.
"""

from __future__ import annotations

import contextlib
import gzip
import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "dangvu-backup"
VERSION = 1
SKIPPED = {"contenttypes.contenttype", "auth.permission"}  # made again by `migrate`; referred to by natural key
# A database with users or an audit trail is in use: a restore never overwrites it.
IN_USE = {"accounts.user", "audit.auditentry"}
BATCH = 1000


class BackupError(Exception):
    pass


def models_in_order():
    """Every concrete, managed model with a table of its own, parents before children."""
    app_models = [(config, [m for m in config.get_models() if m._meta.managed and not m._meta.proxy
                            and m._meta.label_lower not in SKIPPED]) for config in apps.get_app_configs()]
    return [m for m in serializers.sort_dependencies(app_models, allow_cycles=True)
            if m._meta.label_lower not in SKIPPED]


def _applied_migrations(alias: str) -> list[list[str]]:
    """The applied migrations of the installed apps (a removed app's leftover records do not count)."""
    installed = {config.label for config in apps.get_app_configs()}
    return sorted([list(key) for key in MigrationRecorder(connections[alias]).applied_migrations() if key[0] in installed])


@contextlib.contextmanager
def _snapshot(alias: str = DEFAULT_DB_ALIAS):
    """Every read inside the block sees one consistent snapshot of the database; writers go on."""
    connection = connections[alias]
    if connection.in_atomic_block:  # already one transaction (a caller's, or a test's)
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # A read transaction (DEFERRED, not the app's IMMEDIATE): in WAL mode it reads the database as
        # of its first read and never blocks the app's writers.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("COMMIT")
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def backup(output: str | Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the whole database to `output`; returns the header (with the row counts)."""
    output = Path(output)
    alias = using
    with _snapshot(using):
        models = models_in_order()
        counts = {m._meta.label_lower: m._default_manager.using(alias).count() for m in models}
        header = {"format": FORMAT, "version": VERSION, "created_at": timezone.now().isoformat(),
                  "vendor": connections[using].vendor, "migrations": _applied_migrations(alias), "counts": counts}
        partial = output.with_name(output.name + ".partial")
        with gzip.open(partial, "wt", encoding="utf-8") as out:
            out.write(json.dumps(header, ensure_ascii=False) + "\n")
            for model in models:
                rows = model._default_manager.using(alias).order_by("pk").iterator(chunk_size=2000)
                for row in serializers.serialize("python", rows, use_natural_foreign_keys=True):
                    out.write(json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n")
        partial.replace(output)  # a backup file is whole or absent
    return header


def read_header(path: str | Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        try:
            header = json.loads(source.readline())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BackupError(f"{path}: không phải tệp sao lưu của Đảng Vụ.") from exc
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise BackupError(f"{path}: không phải tệp sao lưu của Đảng Vụ (phiên bản {VERSION}).")
    return header


def restore(path: str | Path, *, using: str = DEFAULT_DB_ALIAS) -> Counter:
    """Load a backup into the empty, migrated database `using`; returns the rows restored per model."""
    try:
        header = read_header(path)
    except (OSError, EOFError) as exc:
        raise BackupError(f"{path}: không đọc được tệp sao lưu ({exc}).") from exc
    if _applied_migrations(using) != header["migrations"]:
        raise BackupError("Cơ sở dữ liệu đích không ở cùng phiên bản cấu trúc (migrations) với bản sao lưu: "
                          "hãy chạy `manage.py migrate` trên cùng phiên bản mã nguồn.")
    models = models_in_order()
    in_use = [m._meta.label_lower for m in models if m._meta.label_lower in IN_USE and m._default_manager.using(using).exists()]
    if in_use:
        raise BackupError("Cơ sở dữ liệu đích đang được dùng (có dữ liệu trong: " + ", ".join(in_use)
                          + "): chỉ khôi phục vào cơ sở dữ liệu mới, đã migrate.")
    restored: Counter = Counter()
    connection = connections[using]
    with transaction.atomic(using=using), gzip.open(path, "rt", encoding="utf-8") as source:
        with connection.cursor() as cursor:  # what the migrations seeded (lists, holidays) comes from the backup
            for model in reversed(models):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        source.readline()
        batch: list = []
        for line in source:
            for item in serializers.deserialize("python", [json.loads(line)], using=using, handle_forward_references=True):
                restored[item.object._meta.label_lower] += 1
                if item.m2m_data or item.deferred_fields or item.object._meta.parents:
                    item.save(using=using)
                    continue
                if batch and type(batch[0]) is not type(item.object):
                    _insert(batch, using)
                batch.append(item.object)
                if len(batch) >= BATCH:
                    _insert(batch, using)
        _insert(batch, using)
        connection.check_constraints()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    expected = {label: n for label, n in header["counts"].items() if n}
    if dict(restored) != expected:
        raise BackupError(f"Số dòng khôi phục không khớp với bản sao lưu: {dict(restored)} ≠ {expected}.")
    return restored


def _insert(batch: list, using: str) -> None:
    """Rows of one model as they were (ids included), many a statement; no save() or signal runs."""
    if batch:
        type(batch[0])._base_manager.using(using).bulk_create(batch)
        batch.clear()
