"""The review's DOCX (self-assessment form, the cell's minutes, the grading decision), the commendation and
quota-group pages, and the residence cell's comment on the cell's grading screen (C13)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from dangvu.accounts.system import SYSTEM
from dangvu.evaluations import documents, rules
from dangvu.evaluations.models import Commendation, QuotaGroup
from dangvu.members.models import Member
from dangvu.residence import services as residence
from tests.evaluations.conftest import open_year, review_of
from tests.evaluations.test_commendations import decide_year

D = dt.date
G = rules.Grade
pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    doc = Document(io.BytesIO(response.content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_forms_of_the_member_categories():
    assert documents.form_code(Member(position="Phó Chủ tịch UBND xã")) == "2A"
    assert documents.form_code(Member(workplace="Trường Tiểu học An Lạc")) == "2B"
    assert documents.form_code(Member(workplace="Trường Tiểu học An Lạc", is_retired=True)) == "2C"
    assert documents.form_code(Member()) == "2C"


def test_self_assessment_minutes_and_decision_docx(client, cast, people):
    campaign = decide_year(cast, people, 2026, excellent=[people.cuong])
    own = review_of(campaign, people.cuong)
    client.force_login(cast.member_a1)
    text = _text(client.get(reverse("evaluations:self_docx", args=[own.pk])))
    assert "BẢN TỰ KIỂM ĐIỂM" in text.upper() and "Mẫu 2C, QĐ 366" in text and "Lê Văn Cường" in text
    client.force_login(cast.secretary_a1)
    text = _text(client.get(reverse("evaluations:minutes_docx", args=[campaign.pk, cast.tree.cell_a1.pk])))
    assert "BIÊN BẢN" in text.upper() and "hoàn thành xuất sắc nhiệm vụ: 1" in text and "Đỗ Văn Miễn" in text
    client.force_login(cast.officer_a)
    text = _text(client.get(reverse("evaluations:decision_docx", args=[campaign.pk, cast.tree.grassroots_a.pk])))
    assert "26-QĐ/ĐU" in text and "QUYẾT ĐỊNH" in text.upper() and "Căn cứ Quy định số 366-QĐ/TW" in text
    assert "đối với 6 đảng viên" in text and "Nguyễn Văn Một 0" in text


def test_commendation_page_records_with_the_years_in_a_row(client, cast, people):
    decide_year(cast, people, 2025, excellent=[people.cuong])
    campaign = decide_year(cast, people, 2026, excellent=[people.cuong])
    url = reverse("evaluations:commendations", args=[campaign.pk])
    client.force_login(cast.officer_a)
    page = client.get(url).content.decode()
    assert "Lê Văn Cường — Chi bộ thôn Đông — 2 năm liền xuất sắc" in page
    data = {"subject": f"m{people.cuong.pk}", "level": "certificate", "consecutive_years": "3",
            "decision_number": "15-QĐ/HU", "decided_on": "05/02/2027", "reason": "Hoàn thành xuất sắc nhiệm vụ 3 năm liền"}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "2 năm liền đến năm 2026" in refused.content.decode()
    assert client.post(url, data | {"consecutive_years": "2"}).status_code == 302
    assert Commendation.objects.get().consecutive_years == 2
    client.force_login(cast.secretary_a1)
    assert 'data-testid="commendation-form"' not in client.get(url).content.decode()
    assert client.post(url, data).status_code == 403


def test_quota_group_page(client, cast, people):
    campaign = open_year(cast, 2026)
    url = reverse("evaluations:quota_groups", args=[campaign.pk])
    data = {"name": "Chi bộ thôn", "organizations": [cast.tree.cell_a1.pk, cast.tree.cell_a2.pk]}
    client.force_login(cast.secretary_a1)
    assert client.post(url, data).status_code == 403
    client.force_login(cast.officer_a)
    assert client.post(url, data).status_code == 302
    assert set(QuotaGroup.objects.get().organizations.all()) == {cast.tree.cell_a1, cast.tree.cell_a2}
    assert "đã chọn 0 xuất sắc / tối đa 0" in client.get(url).content.decode()


def test_the_residence_comment_shows_on_the_cell_grading_screen(client, cast):
    from tests.members import register
    from tests.residence.conftest import assigned, make_res

    res = make_res(cast)
    worker = register("Đặng Văn Tùng", res.office, admitted=D(2012, 6, 1), current_address="Số 12, thôn Đông")
    contact = assigned(SYSTEM, SYSTEM, worker, cast.tree.grassroots_a, cast.tree.cell_a1)
    residence.record_comment(by=SYSTEM, contact=contact, year=2026, comment_occasion="annual",
                             text="Gương mẫu, tích cực ở nơi cư trú", comment_assessment="fulfilled",
                             commented_on=D(2026, 11, 20))
    campaign = open_year(cast, 2026)
    client.force_login(cast.officer_a)
    url = reverse("evaluations:cell", args=[campaign.pk, res.office.pk])
    page = client.get(url).content.decode()
    assert "Gương mẫu, tích cực ở nơi cư trú — Hoàn thành trách nhiệm" in page
    review = review_of(campaign, worker)
    response = client.post(url, {f"r{review.pk}-version": review.version, f"r{review.pk}-grade": G.GOOD,
                                 f"r{review.pk}-score": "80", f"r{review.pk}-comment": "Tốt"})
    assert response.status_code == 302
    assert "Gương mẫu, tích cực ở nơi cư trú" in review_of(campaign, worker).residence_comment
    other = client.get(reverse("evaluations:cell", args=[campaign.pk, cast.tree.cell_a1.pk])).content.decode()
    assert "Gương mẫu, tích cực" not in other
