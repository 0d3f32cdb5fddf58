"""The admission and recognition decisions as DOCX: built from the data recorded."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import documents, services
from dangvu.admissions.kinds import Step, VoteProposal
from dangvu.organizations import committees
from dangvu.organizations.models import CommitteePosition
from tests.admissions import advance, candidate
from tests.members import register

pytestmark = pytest.mark.django_db
D = dt.date


def text_of(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_admission_decision(client, cast, cell_members):
    term = committees.create_term(by=SYSTEM, organization=cast.tree.district_a, name="2020–2025", start_date=D(2020, 10, 1))
    committees.add_seat(by=SYSTEM, term=term, full_name="Đặng Văn Thư", position=CommitteePosition.SECRETARY,
                        start_date=D(2020, 10, 1))
    c = advance(candidate(cast.tree.cell_a1, home_town="xã An Lạc", workplace="Hội Liên hiệp Phụ nữ xã An Lạc"),
                Step.DECISION, introducers=cell_members[:2])
    doc = documents.admission_decision(c)
    assert (doc.issuer, doc.issuer_superior, doc.signer_for) == ("HUYỆN ỦY AN LẠC", "ĐẢNG BỘ TỈNH THỬ NGHIỆM", "T/M BAN THƯỜNG VỤ")
    assert (doc.number, doc.date, doc.place, doc.signer_name) == ("125-QĐ/HU", D(2026, 4, 15), "An Lạc", "Đặng Văn Thư")
    client.force_login(cast.viewer_a)
    response = client.get(reverse("admissions:decision_docx", args=[c.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = text_of(response.content)
    for expected in ("HUYỆN ỦY AN LẠC", "Số 125-QĐ/HU", "An Lạc, ngày 15 tháng 4 năm 2026", "QUYẾT ĐỊNH",
                     "về việc kết nạp đảng viên", "Kết nạp quần chúng Nguyễn Văn Tiến, sinh ngày 15/06/1998, quê quán xã An Lạc",
                     "Chi bộ thôn Đông ngày 20/03/2026", "3/3", "T/M BAN THƯỜNG VỤ", "Đặng Văn Thư",
                     "quê quán xã An Lạc, công tác tại Hội Liên hiệp Phụ nữ xã An Lạc vào Đảng",
                     "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\nCăn cứ Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành "
                     "Trung ương về thi hành Điều lệ Đảng;"):
        assert expected.lower() in text.lower(), expected


def test_recognition_decision_after_qd_208(client, cast, cell_members, qd208_confirmed):
    m = register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 8, 4), full=False)
    services.record_probation_vote(by=SYSTEM, member=m, meeting_date=D(2026, 8, 10), proposal=VoteProposal.RECOGNIZE,
                                   full_members=3, votes_for=3)
    services.recognize(by=SYSTEM, member=m, decision_number="12-QĐ/ĐU", decision_date=D(2026, 8, 20))
    client.force_login(cast.officer_a)
    response = client.get(reverse("admissions:recognition_docx", args=[m.pk]))
    assert response.status_code == 200
    text = text_of(response.content)
    for expected in ("ĐẢNG ỦY XÃ AN LẠC", "Số 12-QĐ/ĐU", "về việc công nhận đảng viên chính thức",
                     "là đảng viên chính thức của Đảng Cộng sản Việt Nam kể từ ngày 04/08/2026",
                     "Căn cứ Quy định số 208-QĐ/TW, ngày 26/7/2026 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;",
                     "Chi bộ thôn Đông ngày 10/08/2026", "T/M BAN THƯỜNG VỤ"):
        assert expected.lower() in text.lower(), expected


def test_until_qd_208_is_confirmed_a_decision_of_august_2026_cites_qd_294(client, cast, cell_members):
    m = register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 8, 4), full=False)
    services.record_probation_vote(by=SYSTEM, member=m, meeting_date=D(2026, 8, 10), proposal=VoteProposal.RECOGNIZE,
                                   full_members=3, votes_for=3)
    services.recognize(by=SYSTEM, member=m, decision_number="12-QĐ/HU", decision_date=D(2026, 8, 20))
    client.force_login(cast.officer_a)
    text = text_of(client.get(reverse("admissions:recognition_docx", args=[m.pk])).content)
    assert "Căn cứ Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;" in text
    assert "208-QĐ/TW" not in text
    assert "HUYỆN ỦY AN LẠC" in text.upper()
