"""Lookups that read the same on both databases. `in_ids` (below): IN a long list of ids, one parameter.

`path__tree_prefix="/1/12/"`: "this path or anything below it", indexed on both databases.

Materialized paths are digits and slashes ending in "/". PostgreSQL answers `LIKE '/1/12/%'` from
a `varchar_pattern_ops` index. SQLite's LIKE is case-insensitive and never uses the binary index,
so there the same question is asked as a range: every string that starts with "/1/12/" lies in
["/1/12/", "/1/120") because "/" (0x2F) sorts just before "0" (0x30) — an index range scan.
"""

import datetime as dt
import json

from django.core.exceptions import EmptyResultSet
from django.db.models import CharField, DateField, Field, ForeignObject, Func, IntegerField, Lookup, Value


@CharField.register_lookup
class TreePrefix(Lookup):
    lookup_name = "tree_prefix"

    def get_db_prep_lookup(self, value, connection):
        if not isinstance(value, str) or not value.endswith("/") or any(c not in "0123456789/" for c in value):
            raise ValueError(f"tree_prefix expects a materialized path like '/1/12/', got {value!r}")
        return super().get_db_prep_lookup(value, connection)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE %s", [*lhs_params, f"{rhs_params[0]}%"]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _, rhs_params = self.process_rhs(compiler, connection)
        prefix = rhs_params[0]
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, prefix[:-1] + "0"]


@ForeignObject.register_lookup  # foreign keys do not inherit Field's lookups
@Field.register_lookup
class InIds(Lookup):
    """`organization_id__in_ids=[3, 5, …]`: IN a list of integer ids, sent as one parameter.

    `__in` writes one placeholder per value: with the thousands of organizations of a province,
    building and splitting that statement costs more than running it (about 80 ms a page in
    Python, psycopg and the planner). Here PostgreSQL gets `= ANY(%s::<type>[])`, one array; SQLite
    `IN (SELECT value FROM json_each(%s))` with one JSON text; other databases a plain IN list.
    Negation keeps Django's NULL handling (`~Q(x__in_ids=…)` also matches NULL), as for `__in`.
    Pass a frozenset for a long list: Django walks a list or tuple value item by item when it builds
    the filter.
    """

    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        return sorted({int(v) for v in self.rhs})

    def _lhs(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        return self.process_lhs(compiler, connection)

    def as_sql(self, compiler, connection):
        lhs, params = self._lhs(compiler, connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, params = self._lhs(compiler, connection)
        # Cast to the column's own type: a bigint column compared with an integer[] is planned
        # differently (worse) than with bigint[].
        return f"{lhs} = ANY(%s::{self.lhs.output_field.db_type(connection)}[])", [*params, pg_array(self.rhs)]

    def as_sqlite(self, compiler, connection):
        lhs, params = self._lhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.rhs)]


def pg_array(ids) -> str:
    """A PostgreSQL array literal of integers ("{3,5,8}"): one short text parameter, quick to send."""
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


class DaysUntil(Func):
    """`DaysUntil("first_admission_date", day)`: whole days from the date column to the fixed date
    `day` (negative when the column is later), an integer on both databases: `%s::date - col` on
    PostgreSQL, the difference of the Julian day numbers on SQLite. For conditions that add a day
    count column to a date column (the party age's time outside the party, `days_outside`)."""

    output_field = IntegerField()

    def __init__(self, field, day: dt.date):
        super().__init__(field, Value(day, output_field=DateField()))

    def as_sql(self, compiler, connection):
        column, day = self.source_expressions
        col_sql, col_params = compiler.compile(column)
        day_sql, day_params = compiler.compile(day)
        return f"(CAST({day_sql} AS date) - {col_sql})", [*day_params, *col_params]

    def as_sqlite(self, compiler, connection):
        column, day = self.source_expressions
        col_sql, col_params = compiler.compile(column)
        day_sql, day_params = compiler.compile(day)
        return f"CAST(julianday({day_sql}) - julianday({col_sql}) AS INTEGER)", [*day_params, *col_params]
