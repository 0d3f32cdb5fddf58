import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.study import services
from dangvu.study.models import StudySession
from tests.study.conftest import SESSION_DAY

D = dt.date


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_officer_records_a_session_attendance_and_makeup_through_the_pages(cast, people, nq57):
    c = _client(cast.officer_a)
    r = c.post(reverse("study:session_add"), {"organization": cast.tree.grassroots_a.pk, "date": "10/11/2026",
                                              "documents": [nq57.pk], "form": "combined", "place": "Hội trường xã",
                                              "cadres_expected": "2"})
    session = StudySession.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("study:session", args=[session.pk])
    page = c.get(r["Location"]).content.decode()
    assert "Nguyễn Văn An" in page and "Hoàng Văn Em" in page and "Phạm Văn Dũng" not in page and "Lê Thị Chi" not in page
    r = c.post(reverse("study:attendance", args=[session.pk]), {
        "version": session.version, "cadres_present": "2", f"absent_{people.binh.pk}": "on",
        f"reason_{people.binh.pk}": "Ốm"})
    assert r.status_code == 302
    page = c.get(r["Location"]).content.decode()
    assert "Tỷ lệ được học tập: 83,3% (5/6 cán bộ, đảng viên)" in page
    r = c.post(reverse("study:makeup", args=[session.pk]), {"date": "20/11/2026", "form": "in_person",
                                                            "members": [people.binh.pk]})
    assert r.status_code == 302
    page = c.get(reverse("study:session", args=[session.pk])).content.decode()
    assert "Tỷ lệ được học tập: 100,0% (6/6 cán bộ, đảng viên)" in page and "Vắng, đã học bù ngày 20/11/2026" in page
    xlsx = c.get(reverse("study:attendance_xlsx", args=[session.pk]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("Cộng (kể cả cán bộ không phải đảng viên)" in [row[1] for row in rows])
    assert [row[1] for row in rows if isinstance(row[0], int)] == ["Nguyễn Văn An", "Trần Văn Bình", "Hoàng Văn Em",
                                                                   "Đỗ Thị Giang"]
    assert c.get(reverse("study:index")).content.decode().count("100,0%") == 1


def test_errors_name_the_field(cast, people, nq57):
    c = _client(cast.officer_a)
    r = c.post(reverse("study:document_add"), {"kind": "resolution", "number": "57 NQ TW", "issuer": "Bộ Chính trị",
                                               "issued_on": "22/12/2024", "title": "Thử", "level": "all"})
    assert r.status_code == 200 and "Số, ký hiệu: “57NQTW” không đúng dạng" in r.content.decode()
    session = services.schedule_session(by=cast.officer_a, organization=cast.tree.cell_a1, date=D(2026, 12, 20),
                                        documents=[nq57])
    page = c.get(reverse("study:session", args=[session.pk])).content.decode()
    assert 'data-testid="attendance-form"' not in page  # not yet held


def test_library_search_page(cast):
    c = _client(cast.member_a1)
    page = c.get(reverse("study:documents") + "?q=kinh te tu nhan").content.decode()
    assert "68-NQ/TW" in page and "57-NQ/TW" not in page


def test_secretary_sees_own_cell_sessions_not_the_district_one(cast, people, nq57):
    district = services.schedule_session(by=cast.officer_a, organization=cast.tree.grassroots_a, date=SESSION_DAY,
                                         documents=[nq57])
    own = services.schedule_session(by=cast.secretary_a1, organization=cast.tree.cell_a1, date=SESSION_DAY, documents=[nq57])
    page = _client(cast.secretary_a1).get(reverse("study:index")).content.decode()
    assert reverse("study:session", args=[own.pk]) in page and reverse("study:session", args=[district.pk]) not in page
    assert _client(cast.officer_b).get(reverse("study:session", args=[own.pk])).status_code == 404
    assert _client(cast.viewer_a).post(reverse("study:attendance", args=[own.pk]), {}).status_code == 403
