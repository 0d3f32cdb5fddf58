"""The to-do items of residence contact (with their date boundaries) and the DOCX documents."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from dangvu.audit.models import AuditEntry
from dangvu.core import todo as core_todo
from dangvu.residence import services, todo
from dangvu.residence.kinds import CommentAssessment, MeetingExemption
from tests.documents import extract
from tests.members import register
from tests.residence.conftest import assigned, introduce

pytestmark = pytest.mark.django_db
D = dt.date


def _cats(items, prefix="residence_"):
    return sorted((i.category, i.overdue) for i in items if i.category.startswith(prefix))


def _of(user, on, category):
    return [i for i in todo.todo_items(user, on) if i.category == category]


def test_introductions_awaiting_receipt_or_assignment(cast, res, binh):
    t = cast.tree
    contact = introduce(res.officer_agency, binh, t.grassroots_a)
    on = D(2025, 3, 5)
    [item] = _of(res.officer_ward, on, "residence_to_receive")
    assert "Trần Văn Bình" in item.title and item.url == reverse("residence:detail", args=[contact.pk]) and "H3" in item.rule
    assert _of(cast.officer_a, on, "residence_to_receive")  # district A covers the commune
    for user in (res.officer_agency, cast.secretary_a1, cast.viewer_a, cast.officer_b, cast.member_a1):
        assert not _of(user, on, "residence_to_receive")
    services.receive(by=res.officer_ward, contact=contact, received_on=D(2025, 3, 10))
    assert [i.category for i in todo.todo_items(res.officer_ward, on) if "residence_to" in i.category] == ["residence_to_assign"]


@pytest.mark.parametrize("on, cell_side, work_side", [
    (D(2025, 11, 14), [], []),  # 31 days before the due date (15/12): nothing yet
    (D(2025, 11, 15), [("residence_comment_due", False)], [("residence_comment_missing", False)]),  # 30 days before
    (D(2025, 12, 15), [("residence_comment_due", False)], [("residence_comment_missing", False)]),  # the due date
    (D(2025, 12, 16), [("residence_comment_overdue", True)], [("residence_comment_missing_overdue", True)]),
    (D(2026, 2, 1), [("residence_comment_overdue", True)], [("residence_comment_missing_overdue", True)]),  # last year's
])
def test_annual_comment_due_and_overdue_on_both_sides(cast, res, binh, on, cell_side, work_side):
    t = cast.tree
    assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    # An H5 member living in the same cell is never asked.
    quan = register("Đỗ Văn Quân", res.office)
    assigned(res.officer_agency, res.officer_ward, quan, t.grassroots_a, t.cell_a1, number="13-GGT/ĐU",
             meeting_exemption=MeetingExemption.WORKING_AWAY)
    assert _cats(todo._comments(cast.secretary_a1, on)) == cell_side
    assert _cats(todo._comments(res.officer_agency, on)) == work_side
    assert todo._comments(res.secretary_a2, on) == [] and todo._comments(cast.officer_b, on) == []
    for item in todo._comments(cast.secretary_a1, on):
        assert "Trần Văn Bình" in item.title and "Quân" not in item.title and item.due == D(2025, 12, 15)


def test_a_recorded_comment_clears_the_item(cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    assert todo._comments(cast.secretary_a1, D(2025, 12, 20))
    services.record_comment(by=cast.secretary_a1, contact=contact, year=2025, comment_occasion="annual", text="Tốt",
                            comment_assessment=CommentAssessment.FULFILLED, commented_on=D(2025, 12, 20))
    assert todo._comments(cast.secretary_a1, D(2025, 12, 20)) == []
    assert todo._comments(res.officer_agency, D(2026, 1, 5)) == []


def test_working_members_not_yet_introduced_per_grassroots_organization(cast, res, binh):
    t = cast.tree
    register("Ngô Văn Công", res.office)
    register("Lê Văn Dân", t.cell_a1)  # residential: not a working member
    [item] = _of(res.officer_agency, D(2026, 1, 5), "residence_not_introduced")
    assert item.title.startswith("Đảng bộ Cơ quan Chính quyền huyện An Lạc: 2 đảng viên") and f"&organization={res.agency.pk}" in item.url
    introduce(res.officer_agency, binh, t.grassroots_a)
    [item] = _of(cast.officer_a, D(2026, 1, 5), "residence_not_introduced")
    assert ": 1 đảng viên" in item.title
    assert not _of(res.officer_ward, D(2026, 1, 5), "residence_not_introduced")
    assert not _of(cast.viewer_a, D(2026, 1, 5), "residence_not_introduced")


def test_no_residence_meeting_in_six_months(cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    assert not _of(cast.secretary_a1, D(2025, 9, 10), "residence_meeting_overdue")  # six months after the assignment
    [item] = _of(cast.secretary_a1, D(2025, 9, 11), "residence_meeting_overdue")
    assert item.overdue and item.due == D(2025, 9, 10) and item.url == reverse("residence:cell", args=[t.cell_a1.pk])
    assert _of(res.officer_ward, D(2025, 9, 11), "residence_meeting_overdue")
    assert not _of(res.officer_agency, D(2025, 9, 11), "residence_meeting_overdue")
    assert not _of(res.secretary_a2, D(2025, 9, 11), "residence_meeting_overdue")
    services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                            content="Thông báo", attendance=[(contact, "present", "")])
    assert not _of(cast.secretary_a1, D(2025, 12, 14), "residence_meeting_overdue")
    assert _of(cast.secretary_a1, D(2025, 12, 15), "residence_meeting_overdue")
    # The to-do page collects them.
    assert any(i.category == "residence_meeting_overdue" for i in core_todo.collect(cast.secretary_a1, D(2025, 12, 15)))


def test_members_exempt_from_meetings_do_not_call_for_meetings(cast, res, binh):
    t = cast.tree
    assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1, meeting_exemption=MeetingExemption.BARRACKS)
    assert not _of(cast.secretary_a1, D(2026, 6, 1), "residence_meeting_overdue")


# ---------------------------------------------------------------- documents

def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join(paragraphs + cells)


def test_introduction_letter_docx(client, cast, res, binh):
    t = cast.tree
    binh.citizen_id, binh.party_card_number = "038080012345", "12345678"
    binh.save(update_fields=["citizen_id", "party_card_number"])
    contact = introduce(res.officer_agency, binh, t.grassroots_a, signer_name="Vũ Thị Hạnh", signer_title="Phó Bí thư Đảng ủy")
    client.force_login(res.officer_agency)
    response = client.get(reverse("residence:letter_docx", args=[contact.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = _text(response.content)
    for expected in ("GIẤY GIỚI THIỆU", "đảng viên về giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú", "Số 12-GGT/ĐU",
                     "Kính gửi: Đảng ủy xã An Lạc.", "Trần Văn Bình", "Chi bộ Phòng Nội vụ", "Số 12, thôn Đông, xã An Lạc",
                     "Căn cứ Quy định số 213-QĐ/TW, ngày 2/1/2020 của Bộ Chính trị",
                     "Căn cứ Hướng dẫn số 33-HD/BTCTW, ngày 30/10/2020", "trước ngày 15/12 hằng năm",
                     "T/M ĐẢNG ỦY", "VŨ THỊ HẠNH".title(), "ngày 02 tháng 3 năm 2025"):
        assert expected.lower() in text.lower(), expected
    assert "038080012345" not in text and "12345678" not in text
    doc = extract.read(response.content)  # the grassroots committee of the workplace issues and signs
    assert doc.header_left == ["ĐẢNG BỘ HUYỆN AN LẠC", "ĐẢNG ỦY CƠ QUAN CHÍNH QUYỀN HUYỆN AN LẠC", "*", "Số 12-GGT/ĐU"]
    assert doc.place_date == "An Lạc, ngày 02 tháng 3 năm 2025"
    assert doc.signature == ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Vũ Thị Hạnh"]
    # The residence side may read it too; each download is audited; outsiders get a 404.
    services.receive(by=res.officer_ward, contact=contact, received_on=D(2025, 3, 10), residence_cell=t.cell_a1)
    client.force_login(cast.secretary_a1)
    assert client.get(reverse("residence:letter_docx", args=[contact.pk])).status_code == 200
    assert AuditEntry.objects.filter(action="residence.letter_download", object_id=str(contact.pk)).count() == 2
    client.force_login(cast.officer_b)
    assert client.get(reverse("residence:letter_docx", args=[contact.pk])).status_code == 404


def test_letters_cite_the_regulation_of_their_date_and_the_exempt_category(client, cast, res, binh):
    t = cast.tree
    old = introduce(res.officer_agency, binh, t.grassroots_a, letter_date=D(2019, 6, 3), number="5-GGT/ĐU",
                    meeting_exemption=MeetingExemption.FULL_TIME_STUDY)
    client.force_login(res.officer_agency)
    text = _text(client.get(reverse("residence:letter_docx", args=[old.pk])).content)
    assert "Căn cứ Quy định số 76-QĐ/TW, ngày 15/6/2000 của Bộ Chính trị" in text and "213-QĐ/TW" not in text and "33-HD/BTCTW" not in text
    assert "không nhận xét định kỳ hằng năm" in text and "đi học tập trung từ 12 tháng trong năm" in text


def test_comment_form_docx(client, cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                            content="Thông báo tình hình an ninh trật tự", attendance=[(contact, "present", "")])
    comment = services.record_comment(by=cast.secretary_a1, contact=contact, year=2025, comment_occasion="annual",
                                      text="Gương mẫu chấp hành quy định nơi cư trú.\nTham gia đầy đủ sinh hoạt.",
                                      comment_assessment=CommentAssessment.FULFILLED, commented_on=D(2025, 12, 10),
                                      signer_name="Trần Thị Bình")
    client.force_login(res.officer_agency)  # the workplace downloads what the residence wrote
    response = client.get(reverse("residence:comment_docx", args=[comment.pk]))
    assert response.status_code == 200
    text = _text(response.content)
    for expected in ("PHIẾU NHẬN XÉT", "nơi cư trú năm 2025", "CHI BỘ THÔN ĐÔNG", "ĐẢNG BỘ XÃ AN LẠC",
                     "Kính gửi: Đảng ủy Cơ quan Chính quyền huyện An Lạc.", "Gương mẫu chấp hành quy định nơi cư trú.",
                     "Tham gia đầy đủ sinh hoạt.", "Kết luận: Hoàn thành trách nhiệm, nhiệm vụ của đảng viên ở nơi cư trú.",
                     "14/06/2025", "Thông báo tình hình an ninh trật tự", "Có mặt", "Trần Thị Bình",
                     "ngày 10 tháng 12 năm 2025"):
        assert expected in text, expected
    doc = extract.read(response.content)  # a cell without a chi ủy signs for the cell
    assert doc.header_left == ["ĐẢNG BỘ XÃ AN LẠC", "CHI BỘ THÔN ĐÔNG", "*", "Số"]
    assert doc.place_date == "An Lạc, ngày 10 tháng 12 năm 2025"
    assert doc.signature == ["T/M CHI BỘ", "BÍ THƯ", "Trần Thị Bình"]
    assert "Chi bộ thôn Đông nhận xét đồng chí: Trần Văn Bình, sinh ngày" in text
    assert AuditEntry.objects.filter(action="residence.comment_download", object_id=str(comment.pk)).exists()
    client.force_login(cast.officer_b)
    assert client.get(reverse("residence:comment_docx", args=[comment.pk])).status_code == 404
