"""Meeting pages: the permission matrix (secretary of the cell, of another cell, officer, member, outsider), the
attendance of the whole cell posted from one screen, refusals shown on the form."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.meetings import services
from dangvu.meetings.kinds import MeetingStatus
from dangvu.meetings.models import Attendance, Meeting

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


def client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def planned(cell):
    return services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 12, 1), starts_at=T(8, 0),
                                     agenda="Kiểm điểm công tác tháng 11")


def users(cast, cell):
    return {"secretary_a1": cast.secretary_a1, "secretary_b1": cell.secretary_b1, "officer_a": cast.officer_a,
            "member_a1": cast.member_a1, "officer_b": cast.officer_b, "viewer_a": cast.viewer_a}


# who → (sees the meeting, may record it)
MATRIX = {"secretary_a1": (200, True), "officer_a": (200, True), "viewer_a": (200, False),
          "secretary_b1": (404, False), "member_a1": (404, False), "officer_b": (404, False)}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_permission_matrix(cast, cell, planned, who):
    user = users(cast, cell)[who]
    status, records = MATRIX[who]
    c = client(user)
    page = c.get(reverse("meetings:detail", args=[planned.pk]))
    assert page.status_code == status
    if status == 200:
        assert "Kiểm điểm công tác tháng 11" in page.content.decode()
        assert (b'data-testid="attendance-form"' in page.content) is records
    cell_page = c.get(reverse("meetings:cell", args=[cell.cell.pk]))
    assert cell_page.status_code == status
    response = c.post(reverse("meetings:attendance", args=[planned.pk]), {"ends_at": "09:40"})
    assert response.status_code == (status if status == 404 else (400 if records else 403))
    assert c.get(reverse("meetings:add", args=[cell.cell.pk])).status_code == (status if status == 404 else
                                                                               (200 if records else 403))
    index = c.get(reverse("meetings:index"))
    assert index.status_code == 200 and ("Chi bộ thôn Đông" in index.content.decode()) is (status == 200)


def test_secretary_records_the_whole_cell_on_one_screen(cast, cell, planned):
    c = client(cast.secretary_a1)
    page = c.get(reverse("meetings:detail", args=[planned.pk])).content.decode()
    for name in ("Nguyễn Văn An", "Phạm Văn Dũng", "Vũ Văn Hải"):
        assert name in page
    data = {"starts_at": "08:00", "ends_at": "09:35", "version": planned.version}
    for m in (cell.an, cell.binh, cell.chi, cell.hai):
        data[f"mark_{m.pk}"] = "present"
    data[f"mark_{cell.binh.pk}"], data[f"reason_{cell.binh.pk}"] = "excused", "Đi công tác"
    data[f"mark_{cell.dung.pk}"], data[f"reason_{cell.dung.pk}"] = "excused", "Được miễn sinh hoạt đảng"
    data[f"mark_{cell.giang.pk}"], data[f"reason_{cell.giang.pk}"] = "unexcused", ""
    refused = c.post(reverse("meetings:attendance", args=[planned.pk]), data)
    assert refused.status_code == 400 and "Đỗ Thị Giang đang sinh hoạt tạm thời nơi khác" in refused.content.decode()
    data[f"mark_{cell.giang.pk}"], data[f"reason_{cell.giang.pk}"] = "excused", "Sinh hoạt tạm thời nơi khác"
    response = c.post(reverse("meetings:attendance", args=[planned.pk]), data)
    assert response.status_code == 302
    m = Meeting.objects.get(pk=planned.pk)
    assert m.status == MeetingStatus.HELD and m.vote_base == 2
    assert Attendance.objects.get(meeting=m, member=cell.binh).reason == "Đi công tác"
    # Minutes without the four parts: refused on their fields.
    refused = c.post(reverse("meetings:minutes", args=[m.pk]), {"minutes": "Biên bản", "complete": "on", "version": m.version})
    assert refused.status_code == 400 and "nghị quyết tháng phải có đủ bốn phần" in refused.content.decode()
    done = c.post(reverse("meetings:minutes", args=[m.pk]), {
        "minutes": "Biên bản", "results": "I", "next_tasks": "II", "assignment": "III", "self_assessment": "IV",
        "votes_for": "2", "votes_against": "0", "votes_abstain": "0", "complete": "on", "version": m.version})
    assert done.status_code == 302 and Meeting.objects.get(pk=m.pk).status == MeetingStatus.COMPLETE
    task = c.post(reverse("meetings:task_add", args=[m.pk]), {"description": "Vận động đóng góp xây nhà văn hóa",
                                                              "owner": cell.an.pk, "due_on": "31/12/2026"})
    assert task.status_code == 302 and m.tasks.get().owner == cell.an


def test_the_secretary_plans_the_year(cast, cell):
    c = client(cast.secretary_a1)
    response = c.post(reverse("meetings:cell", args=[cell.cell.pk]), {"year": "2027", "day": "10", "topic_1": "Chuyên đề A"})
    assert response.status_code == 302
    assert Meeting.objects.filter(cell=cell.cell, date__year=2027).count() == 12
    assert Meeting.objects.get(cell=cell.cell, date=D(2027, 3, 10)).topic == "Chuyên đề A"
    assert client(cast.viewer_a).post(reverse("meetings:cell", args=[cell.cell.pk]), {"year": "2028", "day": "1"}).status_code == 403


def test_minutes_and_resolution_as_docx(cast, cell, planned):
    import io

    from docx import Document

    from tests.meetings.conftest import full_attendance

    m = services.record_held(by=SYSTEM, meeting=planned, ends_at=T(9, 40), attendance=full_attendance(cell))
    services.record_minutes(by=SYSTEM, meeting=m, minutes="Chi bộ thảo luận.", results="Hoàn thành chỉ tiêu",
                            next_tasks="Tổng kết năm", assignment="Đồng chí An phụ trách", self_assessment="Tốt",
                            votes_for=2, votes_against=0, votes_abstain=0, complete=True)
    c = client(cast.secretary_a1)
    response = c.get(reverse("meetings:resolution_docx", args=[m.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "NGHỊ QUYẾT" in text and "IV. Tự đánh giá chất lượng buổi sinh hoạt" in text and "Tổng kết năm" in text
    assert "Biểu quyết: 2/2 đồng chí tán thành" in text
    minutes = c.get(reverse("meetings:minutes_docx", args=[m.pk]))
    doc = Document(io.BytesIO(minutes.content))
    assert "BIÊN BẢN" in "\n".join(p.text for p in doc.paragraphs)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    names = [row.cells[1].text for row in table.rows[1:]]
    assert "Vũ Văn Hải" in names and len(names) == 6
    assert client(cast.officer_b).get(reverse("meetings:minutes_docx", args=[m.pk])).status_code == 404


def test_the_next_meeting_reviews_the_tasks_of_the_previous_ones(cast, cell, planned):
    from dangvu.meetings import selectors

    october = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 10, 6), starts_at=T(8, 0))
    rows = [(e.member_id, "excused" if e.optional else "present", "Theo quy định" if e.optional else "")
            for e in selectors.expected(cell.cell, october.date)]
    services.record_held(by=SYSTEM, meeting=october, ends_at=T(9, 45), attendance=rows)
    open_ = services.add_task(by=SYSTEM, meeting=october, description="Rà soát sổ đảng viên", owner=cell.an,
                              due_on=D(2026, 11, 20))
    done = services.add_task(by=SYSTEM, meeting=october, description="Thu đảng phí quý", owner=cell.binh, due_on=D(2026, 10, 30))
    old = services.add_task(by=SYSTEM, meeting=october, description="Việc đã xong trước", owner=cell.binh,
                            due_on=D(2026, 10, 8))
    services.complete_task(by=SYSTEM, task=old, done_on=D(2026, 10, 6))  # done on the October meeting's day itself
    services.complete_task(by=SYSTEM, task=done, done_on=D(2026, 10, 25))
    assert [t.pk for t in selectors.tasks_to_review(planned)] == [done.pk, open_.pk]
    text = client(cast.secretary_a1).get(reverse("meetings:detail", args=[planned.pk])).content.decode()
    assert "Nhiệm vụ từ các buổi trước" in text and "Rà soát sổ đảng viên" in text and "Quá hạn, chưa hoàn thành" in text
    assert "Hoàn thành 25/10/2026" in text and "Việc đã xong trước" not in text
    assert selectors.tasks_to_review(october) == []


def test_the_index_shows_meetings_held_against_those_required_for_the_period(cast, cell):
    """G1 (a regular meeting a month) and G5 (thematic meetings a quarter) over the months and quarters ended by today
    (03/12/2026): the selector's counts on the index, per cell; a past year counts the whole year."""
    from dangvu.meetings import selectors
    from dangvu.rules.parameters import params_on
    from tests.meetings.conftest import full_attendance

    for day, kind in ((D(2026, 10, 6), "combined"), (D(2026, 11, 5), "regular"), (D(2026, 11, 20), "regular")):
        m = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=day, kind=kind, starts_at=T(8, 0),
                                      topic="Chuyên đề quý IV" if kind == "combined" else "")
        services.record_held(by=SYSTEM, meeting=m, ends_at=T(10, 30), attendance=full_attendance(cell))
    services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 9, 8), starts_at=T(8, 0))  # planned: not held
    found = selectors.compliance(cell.cell, 2026, D(2026, 12, 3), params_on(D(2026, 12, 3)))
    # Eleven months ended (December's meeting is not due yet), two of them with a regular meeting (November's two count
    # once); three quarters ended, none with a thematic meeting (October's is in the fourth, not ended yet).
    assert (found.regular_held, found.regular_required, found.thematic_held, found.thematic_required) == (2, 11, 0, 3)
    assert found.period_end == D(2026, 11, 30)
    page = client(cast.secretary_a1).get(reverse("meetings:index")).content.decode()
    row = page[page.index(f'data-cell="{cell.cell.pk}"'):]
    row = row[:row.index("</tr>")]
    assert 'data-testid="regular-held" class="text-danger">2/11<' in row
    assert 'data-testid="thematic-held" class="text-danger">0/3<' in row
    assert "tính các tháng đã qua đến 30/11/2026" in page and "Điều lệ Đảng Điều 24" in page
    # A past year: twelve months, four quarters; a year not begun: nothing required yet.
    past = client(cast.officer_a).get(reverse("meetings:index") + "?year=2025").content.decode()
    assert ">0/12<" in past and ">0/4<" in past and "đến 31/12/2025" in past
    future = client(cast.officer_a).get(reverse("meetings:index") + "?year=2027").content.decode()
    assert ">0/0<" in future and "Chưa có tháng nào đã qua trong năm này" in future
