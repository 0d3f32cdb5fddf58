"""The tree_prefix lookup matches exactly what startswith matches, and uses an index on SQLite."""

import pytest
from django.db import connection

from dangvu.organizations.models import Organization, OrganizationVersion

pytestmark = pytest.mark.django_db


def test_same_rows_as_startswith(cast):
    for org in Organization.objects.all():
        expected = set(Organization.objects.filter(path__startswith=org.path).values_list("pk", flat=True))
        assert set(Organization.objects.filter(path__tree_prefix=org.path).values_list("pk", flat=True)) == expected


def test_sibling_with_longer_id_is_not_matched(cast):
    # "/1/2/" must not match "/1/20/": the trailing slash is part of the prefix.
    paths = {o.path for o in Organization.objects.all()}
    for org in Organization.objects.all():
        for other in paths:
            matched = Organization.objects.filter(path=other, path__tree_prefix=org.path).exists()
            assert matched == other.startswith(org.path)


def test_rejects_non_path_values(cast):
    with pytest.raises(ValueError):
        list(Organization.objects.filter(path__tree_prefix="/1/2"))
    with pytest.raises(ValueError):
        list(Organization.objects.filter(path__tree_prefix="%/"))


def test_sql_is_index_friendly_on_each_database(cast):
    qs = OrganizationVersion.objects.filter(path__tree_prefix=cast.tree.district_a.path)
    sql, params = qs.query.sql_with_params()
    if connection.vendor == "sqlite":
        # A range on the binary index (SQLite's LIKE never uses it).
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert " LIKE " not in sql
    else:
        # A left-anchored LIKE that the varchar_pattern_ops index answers.
        assert " LIKE " in sql and params[-1] == cast.tree.district_a.path + "%"
