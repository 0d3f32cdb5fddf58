"""`path__tree_prefix="/1/12/"`: "this path or anything below it", indexed on both databases.

Materialized paths are digits and slashes ending in "/". PostgreSQL answers `LIKE '/1/12/%'` from
a `varchar_pattern_ops` index. SQLite's LIKE is case-insensitive and never uses the binary index,
so there the same question is asked as a range: every string that starts with "/1/12/" lies in
["/1/12/", "/1/120") because "/" (0x2F) sorts just before "0" (0x30) — an index range scan.
"""

from django.db.models import CharField, Lookup


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
