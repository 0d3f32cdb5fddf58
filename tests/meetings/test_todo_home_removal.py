"""The to-do items of meetings, the member's own page, the evidence of G8 on the striking-off form."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.access import services as access_services
from dangvu.accounts.system import SYSTEM
from dangvu.core import todo
from dangvu.meetings import selectors, services

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


def hold(c, day, binh="present", kind="regular", topic=""):
    m = services.schedule_meeting(by=SYSTEM, cell=c.cell, date=day, kind=kind, topic=topic, starts_at=T(8, 0))
    rows = [(e.member_id, "excused" if e.optional else "present", "Theo quy định" if e.optional else "")
            for e in selectors.expected(c.cell, day) if e.member_id != c.binh.pk]
    return services.record_held(by=SYSTEM, meeting=m, ends_at=T(10, 0), attendance=rows + [(c.binh, binh, "")])


def test_todo_names_missing_meetings_thematic_tasks_and_members_heading_for_g8(cast, cell):
    for day in (D(2026, 9, 10), D(2026, 10, 10)):
        hold(cell, day, binh="unexcused")
    november = hold(cell, D(2026, 11, 10), kind="combined", topic="Chuyên đề quý IV")
    services.add_task(by=SYSTEM, meeting=november, description="Rà soát hồ sơ đảng viên", owner=cell.an, due_on=D(2026, 12, 5))
    items = todo.collect(cast.secretary_a1, D(2026, 12, 3))
    by_category = {}
    for i in items:
        by_category.setdefault(i.category, []).append(i)
    assert [i.title for i in by_category["meeting_missing"]] == ["Chưa ghi buổi sinh hoạt thường kỳ tháng 12/2026"]
    assert "thematic_missing" not in by_category  # the combined meeting of November counts for Q4
    assert by_category["meeting_task_due"][0].due == D(2026, 12, 5) and not by_category["meeting_task_due"][0].overdue
    absence = by_category["meeting_absence"][0]
    assert "Trần Văn Bình (2 tháng)" in absence.title and not absence.overdue and absence.organization == "Chi bộ thôn Đông"
    # Cell A2 keeps no meetings in the app: not flooded with "not recorded" items; the outsider officer (whose cell B1
    # keeps none either) and the member see none of it.
    assert {i.organization for i in todo.collect(cast.officer_a, D(2026, 12, 3))
            if i.category.startswith(("meeting", "thematic"))} == {"Chi bộ thôn Đông"}
    assert not [i for i in todo.collect(cast.officer_b, D(2026, 12, 3)) if i.category.startswith(("meeting", "thematic"))]
    assert not [i for i in todo.collect(cast.member_a1, D(2026, 12, 3)) if i.category.startswith("meeting")]


def test_the_member_sees_upcoming_meetings_and_attendance_on_their_page(cast, cell):
    access_services.link_member(by=SYSTEM, user=cast.member_a1, member=cell.binh)
    hold(cell, D(2026, 11, 10), binh="unexcused")
    services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 12, 10), starts_at=T(14, 0), place="Nhà văn hóa thôn",
                              agenda="Tổng kết năm 2026")
    services.schedule_meeting(by=SYSTEM, cell=cast.tree.cell_b1, date=D(2026, 12, 11), agenda="Chi bộ khác")
    c = Client()
    c.force_login(cast.member_a1)
    page = c.get(reverse("my_record")).content.decode()
    assert "10/12/2026 14:00" in page and "Nhà văn hóa thôn" in page and "Tổng kết năm 2026" in page
    assert "Chi bộ khác" not in page
    assert "10/11/2026 · Sinh hoạt thường kỳ · Vắng không lý do" in page


def test_the_striking_off_form_shows_the_absence_evidence(cast, cell):
    for day in (D(2026, 9, 10), D(2026, 10, 10), D(2026, 11, 10)):
        hold(cell, day, binh="unexcused")
    c = Client()
    c.force_login(cast.officer_a)
    page = c.get(reverse("members:event", args=[cell.binh.pk])).content.decode()
    assert 'data-testid="removal-evidence"' in page and "3 tháng (quy định 3 tháng)" in page and "đã đủ căn cứ" in page
    assert "Vắng không lý do buổi sinh hoạt thường kỳ ngày 10/10/2026 (Chi bộ thôn Đông)" in page
    other = c.get(reverse("members:event", args=[cell.an.pk])).content.decode()
    assert 'data-testid="removal-evidence"' not in other
