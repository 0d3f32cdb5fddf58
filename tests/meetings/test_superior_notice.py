"""G3's notice to the member of the superior committee following the cell: the dated assignment (organizations,
audited, scoped), the meeting's date of notice (noted, not refused), the to-do and the API."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core import todo
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.meetings import services
from dangvu.organizations import committees
from dangvu.organizations.models import CellFollower
from tests.awards import admitted_on as register

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


@pytest.fixture
def seats(cast):
    t = cast.tree
    term = committees.create_term(by=SYSTEM, organization=t.grassroots_a, name="2025–2030", start_date=D(2025, 6, 1))
    tam = register("Lương Văn Tâm", t.cell_a2, admitted=D(2005, 3, 1))
    nga = register("Phí Thị Nga", t.cell_a2, admitted=D(2006, 3, 1))
    seat_tam = committees.add_seat(by=SYSTEM, term=term, member=tam, position="member", start_date=D(2025, 6, 1))
    seat_nga = committees.add_seat(by=SYSTEM, term=term, member=nga, position="member", start_date=D(2026, 3, 1))
    term_b = committees.create_term(by=SYSTEM, organization=t.grassroots_b, name="2025–2030", start_date=D(2025, 6, 1))
    other = register("Hồ Văn Khác", t.cell_b1, admitted=D(2006, 3, 1))
    seat_b = committees.add_seat(by=SYSTEM, term=term_b, member=other, position="member", start_date=D(2025, 6, 1))
    return seat_tam, seat_nga, seat_b


def codes(exc):
    return {v.code for v in exc.value.violations}


def test_assignment_is_dated_audited_and_checked(cast, seats):
    tam, nga, other = seats
    cell = cast.tree.cell_a1
    first = committees.assign_follower(by=cast.officer_a, cell=cell, seat=tam, start_date=D(2026, 1, 1))
    assert AuditEntry.objects.filter(action="organizations.follower_assign", object_id=str(first.pk)).exists()
    assert AuditEntry.objects.filter(action="organizations.committee_change", object_id=str(cell.pk),
                                     note__contains="Lương Văn Tâm").exists()
    committees.assign_follower(by=cast.officer_a, cell=cell, seat=nga, start_date=D(2026, 6, 1))
    assert committees.follower_on(cell, D(2026, 5, 31)).seat == tam
    assert committees.follower_on(cell, D(2026, 6, 1)).seat == nga
    assert committees.follower_on(cell, D(2025, 12, 31)) is None
    first.refresh_from_db()
    assert first.end_date == D(2026, 6, 1)
    with pytest.raises(RuleViolation) as exc:
        committees.assign_follower(by=cast.officer_a, cell=cell, seat=other, start_date=D(2026, 5, 1))
    assert codes(exc) == {"follower.not_superior", "follower.before_current"}
    assert "không phải cấp ủy cấp trên" in str(exc.value)
    with pytest.raises(RuleViolation) as exc:
        committees.assign_follower(by=cast.officer_a, cell=cast.tree.cell_a2, seat=nga, start_date=D(2026, 2, 1))
    assert codes(exc) == {"follower.seat_not_held"}
    with pytest.raises(RuleViolation) as exc:
        committees.assign_follower(by=cast.officer_a, cell=cast.tree.grassroots_a, seat=nga, start_date=D(2026, 7, 1))
    assert "follower.not_cell" in codes(exc)
    with pytest.raises(PermissionDeniedInScope):
        committees.assign_follower(by=cast.secretary_a1, cell=cell, seat=tam, start_date=D(2026, 9, 1))
    with pytest.raises(PermissionDeniedInScope):
        committees.assign_follower(by=cast.officer_b, cell=cell, seat=tam, start_date=D(2026, 9, 1))
    assert CellFollower.objects.count() == 2


def test_meeting_notes_the_notice_to_the_follower_without_refusing(cast, seats):
    cell = cast.tree.cell_a1
    committees.assign_follower(by=cast.officer_a, cell=cell, seat=seats[0], start_date=D(2026, 1, 1))
    m = services.schedule_meeting(by=cast.secretary_a1, cell=cell, date=D(2026, 12, 10), starts_at=T(8, 0),
                                  materials_sent_on=D(2026, 12, 5))
    [note] = services.short_of(m)
    assert note.code == "meeting.notice_superior" and note.field == "superior_notified_on"
    assert "Lương Văn Tâm" in note.message and "chưa ghi ngày gửi" in note.message
    m = services.update_meeting(by=cast.secretary_a1, meeting=m, superior_notified_on=D(2026, 12, 10))
    assert "gửi ngày 10/12/2026" in services.short_of(m)[0].message
    m = services.update_meeting(by=cast.secretary_a1, meeting=m, superior_notified_on=D(2026, 12, 8))
    assert services.short_of(m) == []
    entry = AuditEntry.objects.filter(action__startswith="meetings.", object_id=str(m.pk)).latest("id")
    assert "superior_notified_on" in entry.changes


def test_todo_lists_upcoming_meetings_whose_notice_is_missing_or_late(cast, seats):
    cell = cast.tree.cell_a1
    on = D(2026, 12, 3)
    m = services.schedule_meeting(by=cast.secretary_a1, cell=cell, date=D(2026, 12, 4), starts_at=T(8, 0),
                                  materials_sent_on=D(2026, 12, 3))
    [item] = [i for i in todo.collect(cast.secretary_a1, on) if i.category == "meeting_notice"]
    assert "ngày 04/12/2026" in item.title and "chưa gửi cấp ủy viên cấp trên phụ trách" in item.title
    assert "đảng viên" not in item.title.split(":")[1].split(";")[0] or "gửi đảng viên muộn" not in item.title
    assert item.due == D(2026, 12, 3) and not item.overdue
    services.update_meeting(by=cast.secretary_a1, meeting=m, date=D(2026, 12, 3), superior_notified_on=D(2026, 12, 1))
    [item] = [i for i in todo.collect(cast.secretary_a1, on) if i.category == "meeting_notice"]
    assert "gửi đảng viên muộn (03/12/2026)" in item.title and item.overdue
    m.refresh_from_db()
    services.update_meeting(by=cast.secretary_a1, meeting=m, materials_sent_on=D(2026, 12, 1))
    assert not [i for i in todo.collect(cast.secretary_a1, on) if i.category == "meeting_notice"]
    assert not [i for i in todo.collect(cast.officer_b, on) if i.category == "meeting_notice"]


def test_api_reads_and_writes_the_date(api, cast, seats):
    c = api(cast.secretary_a1)
    r = c.post("/api/meetings/", {"cell": cast.tree.cell_a1.pk, "date": "2026-12-10", "starts_at": "08:00",
                                  "superior_notified_on": "2026-12-07"}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["superior_notified_on"] == "2026-12-07"
    bad = c.post("/api/meetings/", {"cell": cast.tree.cell_a1.pk, "date": "2026-12-11", "superior_notified_on": "7/12"},
                 format="json")
    assert bad.status_code == 400 and "superior_notified_on" in bad.json().get("errors", bad.json())


def test_organization_page_form_and_api(api, cast, seats):
    from django.test import Client

    cell = cast.tree.cell_a1
    officer = Client()
    officer.force_login(cast.officer_a)
    page = officer.get(f"/to-chuc/{cell.pk}/?tab=committee")
    assert "Chưa phân công." in page.content.decode()
    url = f"/to-chuc/{cell.pk}/phu-trach/"
    bad = officer.post(url, {"seat": seats[2].pk, "start_date": "01/09/2026"})
    assert bad.status_code == 200 and 'data-testid="error-seat"' in bad.content.decode() and not CellFollower.objects.exists()
    ok = officer.post(url, {"seat": seats[0].pk, "start_date": "01/09/2026"})
    assert ok.status_code == 302
    assert "Lương Văn Tâm" in officer.get(f"/to-chuc/{cell.pk}/?tab=committee").content.decode()
    secretary = Client()
    secretary.force_login(cast.secretary_a1)
    assert secretary.get(url).status_code in (403, 404)
    outsider = Client()
    outsider.force_login(cast.officer_b)
    assert outsider.get(url).status_code == 404
    c = api(cast.officer_a)
    r = c.post(f"/api/organizations/{cell.pk}/followers/", {"seat": seats[1].pk, "start_date": "2026-10-01"}, format="json")
    assert r.status_code == 201 and r.json()["full_name"] == "Phí Thị Nga"
    rows = c.get(f"/api/organizations/{cell.pk}/followers/").json()
    assert [(x["full_name"], x["end_date"]) for x in rows] == [("Phí Thị Nga", None), ("Lương Văn Tâm", "2026-10-01")]
    bad = c.post(f"/api/organizations/{cell.pk}/followers/", {"seat": seats[2].pk, "start_date": "2026-11-01"}, format="json")
    assert bad.status_code == 400 and "seat" in bad.json()
    assert api(cast.officer_b).get(f"/api/organizations/{cell.pk}/followers/").status_code == 404
