"""The set-based apply of the members kind writes what the row-by-row apply (one service call a row) writes.

The same file is imported both ways on the same database, each in a transaction rolled back afterwards,
and the database is compared: members, their events (in id order), their state intervals, the audit
entries, the statistics marks; and the report (counts, every row's status, diff and errors).
"""

import json

import pytest
from django.db import transaction

from dangvu.audit.models import AuditEntry
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.members import services as member_services
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.statistics.models import SummaryDay, SummaryMark
from tests.clock import NOW, TODAY
from tests.imports.helpers import member_row, rows_of, xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    member_row(),
    member_row(full_name="Tra\u0302\u0300n Văn Bình", citizen_id="031090000001", sex="Nam", date_of_birth="2/3/90",
               recognition_date="", organization="99.001.001.000.002"),  # NFD name, probationary
    member_row(full_name="Lê Thị Cúc", citizen_id="001186000002", date_of_birth="01/01/1986", admitted_in="Chi bộ Trường X",
               joined_on="01/09/2017", recognition_date="20/02/2016", religion="", party_card_number="12345678"),
    member_row(full_name="Phạm Văn Dũng", citizen_id="001070000003", sex="Nam", date_of_birth="05/06/1970",
               admission_decision_date="10/10/2012", ceremony_date="20/10/2012", recognition_date="20/10/2013", workplace="HTX Đông"),
]
EXISTING = member_row(full_name="Hoàng Thị Em", citizen_id="001188000009", date_of_birth="09/09/1988", workplace="Trường A")
BAD = [
    member_row(citizen_id="001185099999", recognition_date="01/06/2015"),  # recognized before the 12 months
    member_row(citizen_id="001185099998", organization="99.002.001.000.001"),  # outside the officer's district
    member_row(citizen_id="001185099997", organization="99.009.999"),  # no such organization
    member_row(citizen_id=""),  # neither citizen ID nor card number
    member_row(citizen_id="001185099996", full_name="Nguyễn\u200b Văn Giấu"),  # a zero-width character (text policy)
    member_row(citizen_id="001185099995", date_of_birth="12/05/2005"),  # admitted at 9 years old
    member_row(citizen_id="001185099995", full_name="Trùng Số"),  # the same citizen ID twice in the file
    member_row(citizen_id="001185099994", sex="Khác"),  # not a choice
    member_row(full_name="Hoàng Thị Em", citizen_id="001188000009", date_of_birth="09/09/1988",
               admission_decision_date="01/01/2030"),  # a correction refused: decision in the future
]


@pytest.fixture(autouse=True, params=["one chunk", "chunks of 2"])
def write_chunk(request, monkeypatch):
    """Each test with the services' writes in one chunk, then a chunk every two members (register_members) or events
    (record_events): the entries written before a later one is refused are undone with it."""
    if request.param == "chunks of 2":
        monkeypatch.setattr(member_services, "WRITE_CHUNK", 2)


def _import(cast, content, *, apply=True, kind="members", by=None, organization=None):
    by, organization = by or cast.officer_a, organization or cast.tree.district_a
    run = services.preview(by=by, kind=kind, organization=organization, file_name="dv.xlsx", content=content)
    if apply and run.status == RunStatus.PREVIEWED:
        run = services.apply(by=by, run=run)
    return run


def _database() -> dict:
    cid = {m.pk: m.citizen_id or m.party_card_number for m in Member.objects.all()}
    skip = {"id", "created_at", "updated_at", "recorded_at", "member_id", "member"}

    def rows(queryset):
        grouped: dict = {}
        for row in queryset.order_by("id").values():
            grouped.setdefault(cid[row["member_id"]], []).append({k: v for k, v in row.items() if k not in skip})
        return grouped

    members = {cid[row["id"]]: {k: v for k, v in row.items() if k not in skip} for row in Member.objects.values()}
    audit = sorted(json.dumps([a.action, a.object_type, cid.get(int(a.object_id)) if a.object_type == "members.member" else
                               a.object_id, a.object_label, a.changes, a.actor_id, a.actor_label, a.note], sort_keys=True,
                              default=str)
                   for a in AuditEntry.objects.exclude(action__startswith="imports."))
    return {"members": members, "events": rows(MembershipEvent.objects), "states": rows(MemberState.objects),
            "audit": audit, "marks": sorted(set(SummaryMark.objects.values_list("organization_id", flat=True)))}


def _both_ways(cast, monkeypatch, content, *, apply=True, kind="members"):
    """(report, database) of the set-based import, then of the row-by-row one; each rolled back."""
    calls = []
    single = {"members": "register_member", "events": "record_event"}[kind]  # the service a row goes through one by one
    original = getattr(member_services, single)
    monkeypatch.setattr(member_services, single, lambda **kw: calls.append(kw) or original(**kw))
    out = []
    for set_based in (True, False):
        with transaction.atomic():
            if not set_based:
                monkeypatch.setattr(KINDS[kind], "apply_rows", None)
            run = _import(cast, content, apply=apply, kind=kind)
            out.append(({"status": run.status, "counts": run.counts, "rows": rows_of(run)}, _database(), len(calls)))
            transaction.set_rollback(True)
        calls.clear()
    return out


def test_set_based_apply_writes_what_row_by_row_writes(cast, monkeypatch):
    SummaryDay.objects.create(on=TODAY, refreshed_at=NOW)  # the summary exists: the import marks it stale
    assert _import(cast, xlsx("members", [EXISTING, member_row(full_name="Vũ Văn Giang", citizen_id="001075000010",
                                                                 sex="Nam", date_of_birth="1/1/1975")])).status == RunStatus.APPLIED
    changed = dict(EXISTING, workplace="Trường B")
    unchanged = member_row(full_name="Vũ Văn Giang", citizen_id="001075000010", sex="Nam", date_of_birth="1/1/1975")
    content = xlsx("members", [*ROWS, changed, unchanged])
    (fast, fast_db, fast_calls), (slow, slow_db, slow_calls) = _both_ways(cast, monkeypatch, content)
    # the set-based path really ran, and the other did not (register_member once a new row, in the preview and the apply)
    assert fast_calls == 0 and slow_calls == 2 * len(ROWS)
    assert fast["status"] == RunStatus.APPLIED, [r["errors"] for r in fast["rows"] if r["errors"]]
    assert fast["counts"] == {"new": 4, "changed": 1, "unchanged": 1, "rejected": 0}
    assert fast == slow
    assert len(fast_db["members"]) == 6 and fast_db["marks"]
    for part in ("members", "events", "states", "audit", "marks"):
        assert fast_db[part] == slow_db[part], part


def test_set_based_check_reports_every_bad_row_as_row_by_row_does(cast, monkeypatch):
    _import(cast, xlsx("members", [EXISTING]))
    content = xlsx("members", [*ROWS, *BAD])
    (fast, fast_db, fast_calls), (slow, slow_db, _) = _both_ways(cast, monkeypatch, content)
    assert fast_calls == 0
    assert fast["status"] == RunStatus.REJECTED and fast["counts"]["rejected"] == len(BAD)
    assert fast == slow
    assert fast_db == slow_db  # nothing written either way (the existing member only)
    assert len(fast_db["members"]) == 1


def test_rows_that_depend_on_each_other_go_row_by_row(cast, monkeypatch):
    """A row naming by card number the member an earlier row registers: only the row order settles it."""
    content = xlsx("members", [member_row(party_card_number="22345678"),
                               member_row(citizen_id="", party_card_number="22345678", workplace="Trạm y tế")])
    (fast, fast_db, fast_calls), (slow, slow_db, _) = _both_ways(cast, monkeypatch, content)
    assert fast_calls == 2  # the file went row by row (the first row's register_member, in the preview and the apply)
    assert fast == slow and fast_db == slow_db


# ---------------------------------------------------------------------------- events

def event_row(**over) -> dict:
    return {"citizen_id": "001185012345", "full_name": "Nguyễn Thị Hoà"} | over


EVENTS = [
    event_row(event_type="Chuyển sinh hoạt nội bộ", effective_date="01/07/2020", organization="99.001.001.000.002",
              decision_number="12-QĐ/ĐU", decision_date="25/06/2020", deciding_body="Đảng ủy xã"),
    event_row(event_type="Từ trần", effective_date="05/05/2024"),  # after the transfer the row above records
    event_row(event_type="Chuyển sinh hoạt nội bộ", effective_date="01/07/2020", organization="99.001.001.000.002"),  # unchanged
    event_row(citizen_id="031090000001", full_name="Trần Văn Bình", event_type="Công nhận đảng viên chính thức",
              effective_date="20/02/2016"),  # the probationary member of ROWS
    event_row(citizen_id="", party_card_number="12345678", full_name="Lê Thị Cúc", event_type="Miễn công tác và sinh hoạt đảng",
              effective_date="01/03/2021", reason="Tuổi cao"),
    event_row(citizen_id="001186000002", full_name="", event_type="Thôi miễn công tác và sinh hoạt",
              effective_date="01/03/2022"),  # the same member, by citizen ID: the history the row above leaves
    event_row(citizen_id="001070000003", full_name="Phạm Văn Dũng", event_type="Chuyển sinh hoạt đi ngoài hệ thống",
              effective_date="01/01/2023", external_place="Đảng bộ tỉnh Y"),
]
BAD_EVENTS = [
    event_row(event_type="Từ trần", effective_date="01/01/2010"),  # before the admission: the history refuses it
    event_row(event_type="Từ trần", effective_date="01/01/2030"),  # in the future
    event_row(citizen_id="001070000003", full_name="Phạm Văn Dũng", event_type="Miễn công tác và sinh hoạt đảng",
              effective_date="01/02/2023"),  # he left the system on an earlier row of the file
    event_row(citizen_id="001099999999", event_type="Từ trần", effective_date="01/01/2023"),  # no such member
    event_row(full_name="Nguyễn Văn Khác", event_type="Từ trần", effective_date="01/01/2023"),  # the name does not match
    event_row(citizen_id="001080000077", full_name="Đỗ Văn Ngoài", event_type="Từ trần",
              effective_date="01/01/2023"),  # a member of district B: outside the officer's scope
    event_row(citizen_id="031090000001", full_name="Trần Văn Bình", event_type="Chuyển sinh hoạt nội bộ",
              effective_date="01/01/2023", organization="99.002.001.000.001"),  # to a cell outside the scope
    event_row(citizen_id="031090000001", full_name="Trần Văn Bình", event_type="Chuyển sinh hoạt đi ngoài hệ thống",
              effective_date="01/02/2023"),  # no destination written
    event_row(citizen_id="", party_card_number="", event_type="Từ trần", effective_date="01/01/2023"),  # nobody named
]


def _members_for_events(cast):
    assert _import(cast, xlsx("members", ROWS)).status == RunStatus.APPLIED
    outsider = member_row(full_name="Đỗ Văn Ngoài", citizen_id="001080000077", sex="Nam", date_of_birth="1/1/1980",
                          organization="99.002.001.000.001")
    run = _import(cast, xlsx("members", [outsider]), by=cast.officer_b, organization=cast.tree.district_b)
    assert run.status == RunStatus.APPLIED, rows_of(run)[0]["errors"]


def test_set_based_events_write_what_row_by_row_writes(cast, monkeypatch):
    _members_for_events(cast)
    assert _import(cast, xlsx("events", EVENTS[:1]), kind="events").status == RunStatus.APPLIED  # one already there
    SummaryDay.objects.create(on=TODAY, refreshed_at=NOW)  # the summary exists: the import marks it stale
    SummaryMark.objects.all().delete()
    (fast, fast_db, fast_calls), (slow, slow_db, slow_calls) = _both_ways(cast, monkeypatch, xlsx("events", EVENTS),
                                                                          kind="events")
    assert fast_calls == 0 and slow_calls == 2 * 5  # five new events, in the preview and the apply
    assert fast["status"] == RunStatus.APPLIED, [r["errors"] for r in fast["rows"] if r["errors"]]
    assert fast["counts"] == {"new": 5, "changed": 0, "unchanged": 2, "rejected": 0}
    assert fast == slow
    assert fast_db["marks"] and len(fast_db["events"]["001185012345"]) == 4  # admitted, recognized, moved, deceased
    for part in ("members", "events", "states", "audit", "marks"):
        assert fast_db[part] == slow_db[part], part


def test_set_based_events_report_every_bad_row_as_row_by_row_does(cast, monkeypatch):
    _members_for_events(cast)
    content = xlsx("events", [*EVENTS, *BAD_EVENTS])
    (fast, fast_db, fast_calls), (slow, slow_db, _) = _both_ways(cast, monkeypatch, content, kind="events")
    assert fast_calls == 0
    assert fast["status"] == RunStatus.REJECTED and fast["counts"]["rejected"] == len(BAD_EVENTS)
    assert fast == slow
    assert fast_db == slow_db  # nothing written either way
    reasons = [e for r in fast["rows"] for _col, e in r["errors"]]
    # Dũng, after the row that moves him out of the system; Hoà after the row that records her death
    assert "Người này hiện đã chuyển đi ngoài hệ thống: không thể ghi sự kiện này." in reasons, reasons
    assert "Người này hiện đã từ trần: không thể ghi sự kiện này." in reasons
    assert any("Nơi chuyển đến" in e for e in reasons) and any("sau ngày hôm nay" in e for e in reasons)


def test_services_keep_nothing_when_an_entry_after_written_chunks_is_refused(cast, write_chunk):
    """register_members and record_events write as they check (a chunk at a time with chunks of 2): an entry refused
    after chunks were written undoes them, with no transaction of the caller around the call."""
    import datetime as dt

    from dangvu.members.kinds import EventType

    t = cast.tree

    def person(n, **over):
        return {"full_name": f"Đảng Viên {n}", "sex": "female", "date_of_birth": dt.date(1985, 1, n),
                "citizen_id": f"00118500010{n}", "admission_decision_date": dt.date(2015, 2, 3),
                "ceremony_date": dt.date(2015, 2, 15), "recognition_date": dt.date(2016, 2, 15)} | over

    empty = _database()
    found = member_services.register_members(by=cast.officer_a, registrations=[
        *(member_services.Registration(t.cell_a1, person(n)) for n in range(1, 5)),
        member_services.Registration(t.cell_a1, person(5, recognition_date=dt.date(2015, 6, 1)))])  # before the 12 months
    assert [bool(v) for v in found] == [False] * 4 + [True]
    assert _database() == empty
    found = member_services.register_members(by=cast.officer_a, registrations=[
        member_services.Registration(t.cell_a1, person(n)) for n in range(1, 5)])
    assert found == [[]] * 4 and len(_database()["members"]) == 4

    members = {m.citizen_id: m for m in Member.objects.all()}
    registered = _database()
    entries = [member_services.EventEntry(members[f"00118500010{n}"], EventType.TRANSFERRED_INTERNAL, dt.date(2020, 7, 1),
                                          t.cell_a2) for n in range(1, 5)]
    refused = member_services.EventEntry(members["001185000101"], EventType.DECEASED, dt.date(2010, 1, 1))  # before admission
    found = member_services.record_events(by=cast.officer_a, entries=[*entries, refused])
    assert [bool(v) for v in found] == [False] * 4 + [True]
    assert _database() == registered
    assert member_services.record_events(by=cast.officer_a, entries=entries) == [[]] * 4
    assert len(_database()["events"]["001185000101"]) == 3  # admitted, recognized, moved
