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


def test_insert_rows_writes_json_values_as_the_orm_does(cast):
    """A JSON field's value from a tuple (an import's rows): lists, tuples, texts with quotes, backslashes, tabs and
    newlines (COPY's text format escapes them on PostgreSQL), read back as the ORM's own write."""
    from dangvu.imports.models import ImportRow, ImportRun

    run = ImportRun.objects.create(kind="members", organization=cast.tree.district_a, file_name="dv.xlsx", sha256="0" * 64,
                                   content=b"", status="previewed")
    diff = [("Nơi làm việc", "", 'UBND xã "An Lạc"\tab\n'), ("Ghi chú", "a\tb", "dòng 1\ndòng 2\\")]
    errors = [["", "Lý do có \\ và \"ngoặc\""]]
    fields = ["run_id", "row", "status", "label", "diff", "errors"]
    bulk.insert_rows(ImportRow, fields, [(run.pk, 2, "changed", "Nguyễn Thị Hoà", diff, errors)])
    ImportRow.objects.create(run=run, row=3, status="changed", label="Nguyễn Thị Hoà", diff=diff, errors=errors)
    copied, created = ImportRow.objects.filter(run=run).order_by("row").values("label", "diff", "errors")
    assert copied == created and copied["diff"][0] == ["Nơi làm việc", "", 'UBND xã "An Lạc"\tab\n']


def test_insert_rows_refuses_a_field_set_by_pre_save(db):
    with pytest.raises(ValueError, match="timestamp"):
        bulk.insert_rows(AuditEntry, ["action", "timestamp"], [("x", None)])


@pytest.mark.on_date("2024-06-01")
def test_new_makes_what_keywords_make(cast, django_assert_num_queries):
    from dangvu.members.models import Member, MembershipEvent

    values = {"full_name": "Nguyễn Văn An", "sex": "M", "date_of_birth": D(1980, 1, 2), "citizen_id": "001080000001",
              "ceremony_date": D(2000, 1, 1), "admission_decision_date": D(2000, 1, 1), "organization": cast.tree.cell_a1}
    made, expected = bulk.new(Member, values), Member(**values)
    assert [getattr(made, f.attname) for f in Member._meta.concrete_fields] == \
           [getattr(expected, f.attname) for f in Member._meta.concrete_fields]
    with django_assert_num_queries(0):  # the object given for a relation is the one cached, as with keywords
        assert made.organization is cast.tree.cell_a1
    event = bulk.new(MembershipEvent, {"member": made, "event_type": "admitted", "effective_date": D(2000, 1, 1),
                                       "organization_id": cast.tree.cell_a1.pk})
    assert event.member is made and event.member_id is None and event.organization_id == cast.tree.cell_a1.pk
    first, second = bulk.new(AuditEntry, {"action": "x"}), bulk.new(AuditEntry, {"action": "y"})
    assert first.changes == {} and first.changes is not second.changes  # a callable default made for each instance
    with pytest.raises(TypeError, match="nickname"):
        bulk.new(Member, {"nickname": "An"})
    assert made._state.adding and made._state.db is None and made.pk is None


def test_new_goes_through_init_when_a_receiver_listens(db):
    from django.db.models.signals import post_init

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=AuditEntry)
    try:
        entry = bulk.new(AuditEntry, {"action": "x"})
    finally:
        post_init.disconnect(receiver, sender=AuditEntry)
    assert seen == [entry] and entry.action == "x"
    assert bulk.new(AuditEntry, {"action": "y"}) not in seen


@pytest.mark.on_date("2024-06-01")
def test_insert_stamps_the_timestamps_as_bulk_create_does(cast):
    from tests.clock import moment

    member = register(cast.officer_a, cast.tree.cell_a1)
    entries = [bulk.new(AuditEntry, {"action": "test.stamp", "object_type": "members.member", "object_id": str(member.pk),
                                     "object_label": str(member), "changes": {"n": n}}) for n in range(3)]
    with transaction.atomic():
        bulk.insert(AuditEntry, entries)
    stored = list(AuditEntry.objects.filter(action="test.stamp").order_by("id").values_list("timestamp", "changes"))
    assert stored == [(moment("2024-06-01"), {"n": n}) for n in range(3)]  # what pre_save gives: the test's clock
    assert all(e.timestamp == moment("2024-06-01") for e in entries)


@pytest.mark.on_date("2024-06-01")
def test_update_writes_the_fields_named_and_nothing_else(cast):
    from dangvu.members.models import Member
    from tests.clock import moment

    first = register(cast.officer_a, cast.tree.cell_a1)
    second = register(cast.officer_a, cast.tree.cell_a1, full_name="Trần Thị Bình")
    untouched = {m.pk: list(Member.objects.filter(pk=m.pk).values_list("full_name", "citizen_id", "created_at"))
                 for m in (first, second)}
    first.status, first.organization, first.version = "full", cast.tree.cell_a2, first.version + 5
    second.is_exempted, second.full_name = True, "Không được ghi"  # full_name not named: not written
    with transaction.atomic():
        bulk.update(Member, [first, second], ["status", "organization", "is_exempted", "version", "updated_at"])
    rows = {pk: row for pk, *row in Member.objects.filter(pk__in=[first.pk, second.pk]).values_list(
        "pk", "status", "organization_id", "is_exempted", "version", "updated_at")}
    assert rows[first.pk] == ["full", cast.tree.cell_a2.pk, False, first.version, moment("2024-06-01")]
    assert rows[second.pk][2] is True and rows[second.pk][1] == cast.tree.cell_a1.pk
    for m in (first, second):  # the fields not named are as they were
        assert list(Member.objects.filter(pk=m.pk).values_list("full_name", "citizen_id", "created_at")) == untouched[m.pk]
    with pytest.raises(ValueError, match="once"):
        bulk.update(Member, [first, first], ["status"])
