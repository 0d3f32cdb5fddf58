"""core.bulk writes what Django's bulk_create writes (the import's set-based path stands on it), on both databases:
`insert` from instances (values read at once, choices kept as text, dates adapted) and `insert_rows` from tuples."""

import datetime as dt

import pytest
from django.db import transaction

from dangvu.audit.models import AuditEntry
from dangvu.core import bulk
from dangvu.members.kinds import Status
from dangvu.members.models import MemberState
from tests.members.test_services import register

D = dt.date
COLUMNS = ["member_id", "valid_from", "valid_to", "status", "organization_id", "temporary_organization_id", "is_exempted",
           "is_suspended"]


def _states(member):
    return list(MemberState.objects.filter(member=member).order_by("valid_from").values_list(*COLUMNS))


def _rows(member, cast):
    return [(member.pk, D(2012, 3, 20), D(2013, 3, 20), Status.PROBATIONARY, cast.tree.cell_a1.pk, None, False, False),
            (member.pk, D(2013, 3, 20), None, "full", cast.tree.cell_a1.pk, cast.tree.cell_a2.pk, True, False)]


@pytest.mark.on_date("2024-06-01")
def test_insert_and_insert_rows_write_what_bulk_create_writes(cast):
    member = register(cast.officer_a, cast.tree.cell_a1)
    rows = _rows(member, cast)
    written = []
    for write in (lambda: MemberState.objects.bulk_create([MemberState(**dict(zip(COLUMNS, r, strict=True))) for r in rows]),
                  lambda: bulk.insert(MemberState, [MemberState(**dict(zip(COLUMNS, r, strict=True))) for r in rows]),
                  lambda: bulk.insert_rows(MemberState, COLUMNS, rows)):
        with transaction.atomic():
            MemberState.objects.filter(member=member).delete()
            write()
            written.append(_states(member))
    assert written[0] == written[1] == written[2]
    assert written[0][0][3] == "probationary" and written[0][1][2] is None and written[0][1][5] == cast.tree.cell_a2.pk


@pytest.mark.on_date("2024-06-01")
def test_insert_gives_the_keys_in_order(cast):
    member = register(cast.officer_a, cast.tree.cell_a1)
    states = [MemberState(**dict(zip(COLUMNS, r, strict=True))) for r in _rows(member, cast)]
    with transaction.atomic():
        MemberState.objects.filter(member=member).delete()
        bulk.insert(MemberState, states, ids=True)
    assert [s.pk for s in states] == list(MemberState.objects.filter(member=member).order_by("id").values_list("id", flat=True))
    assert not states[0]._state.adding


def test_insert_rows_refuses_a_field_set_by_pre_save(db):
    with pytest.raises(ValueError, match="timestamp"):
        bulk.insert_rows(AuditEntry, ["action", "timestamp"], [("x", None)])
