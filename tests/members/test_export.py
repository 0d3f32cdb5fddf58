"""The XLSX export: same rows and columns as the list, masked numbers, dd/mm/yyyy dates."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.system import SYSTEM
from dangvu.members import exports, services
from dangvu.members.kinds import EventType, RemovalGround
from dangvu.references.models import ReferenceItem
from tests.clock import TODAY
from tests.members import register

pytestmark = pytest.mark.django_db

EXPORT = reverse("members:export")


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def members(cast):
    kinh = ReferenceItem.objects.get(list_code="ethnicity", name="Kinh")
    theory = ReferenceItem.objects.filter(list_code="theory_level").order_by("sort_order").first()
    binh = register("Lê Thị Bình", cast.tree.cell_a1, sex="female", born=dt.date(1985, 3, 2), citizen_id="038185000123",
                    admitted=dt.date(2012, 7, 9), ethnicity=kinh, theory_level=theory)
    an = register("Trần Văn An", cast.tree.cell_a2, admitted=dt.date(2014, 1, 15))
    gone = register("Phạm Văn Cường", cast.tree.cell_a1)
    services.record_event(by=SYSTEM, member=gone, event_type=EventType.STRUCK_OFF, effective_date=dt.date(2020, 2, 1),
                          decision=services.Decision(ground=RemovalGround.CARD_RETURNED))
    return binh, an, theory


def test_export_headers_rows_masking_and_dates(client, cast, members):
    binh, an, theory = members
    client.force_login(cast.officer_a)
    response = client.get(EXPORT)
    assert response["Content-Disposition"] == f'attachment; filename="danh-sach-dang-vien-{TODAY:%d-%m-%Y}.xlsx"'
    ws = _sheet(response)
    assert ws.title == "Danh sách đảng viên"
    header = [c.value for c in ws[1]]
    assert header == ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Tổ chức đảng", "Trạng thái", "Ngày vào Đảng",
                      "Lý luận chính trị", "Số CCCD"]
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    # Given name first: An before Bình; the struck-off member is not in the party today.
    assert [r[1] for r in rows] == ["Trần Văn An", "Lê Thị Bình"]
    assert rows[1][:7] == (2, "Lê Thị Bình", 1985, "Nữ", "Kinh", "Chi bộ thôn Đông", "Chính thức")
    assert rows[1][8] == theory.name
    assert rows[1][9] == "0381******23"
    assert "038185000123" not in [v for r in rows for v in r]
    date_cell = ws.cell(row=3, column=8)
    assert date_cell.value.date() == dt.date(2012, 7, 9) and date_cell.number_format == "DD/MM/YYYY"


def test_export_follows_the_filters_of_the_list(client, cast, members):
    client.force_login(cast.officer_a)
    names = lambda query: [r[1] for r in _sheet(client.get(EXPORT + query)).iter_rows(min_row=2, values_only=True)]  # noqa: E731
    assert names("?sex=female") == ["Lê Thị Bình"]
    assert names("?status=struck_off") == ["Phạm Văn Cường"]
    assert names(f"?organization={cast.tree.cell_a2.pk}") == ["Trần Văn An"]
    assert names("?q=tran van an") == ["Trần Văn An"]
    # The list's "Xuất Excel" button carries the same query string.
    html = client.get(reverse("members:list") + "?sex=female&q=le").content.decode()
    assert f'href="{EXPORT}?sex=female&amp;q=le"' in html


def test_export_as_of_a_date_uses_that_dates_cell_and_status(client, cast, members):
    binh, an, _ = members
    services.record_event(by=SYSTEM, member=binh, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=dt.date(2022, 5, 1),
                          organization=cast.tree.cell_a2)
    client.force_login(cast.officer_a)
    response = client.get(EXPORT + "?as_of=31/12/2012")
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-dang-vien-31-12-2012.xlsx"'
    rows = list(_sheet(response).iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5], r[6]) for r in rows] == [("Lê Thị Bình", "Chi bộ thôn Đông", "Dự bị"),
                                                  ("Phạm Văn Cường", "Chi bộ thôn Đông", "Dự bị")]


def test_export_as_of_in_several_chunks(client, cast, members, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 1)
    client.force_login(cast.officer_a)
    rows = list(_sheet(client.get(EXPORT + "?as_of=31/12/2014")).iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5], r[6]) for r in rows] == [("Trần Văn An", "Chi bộ thôn Tây", "Dự bị"),
                                                  ("Lê Thị Bình", "Chi bộ thôn Đông", "Chính thức"),
                                                  ("Phạm Văn Cường", "Chi bộ thôn Đông", "Chính thức")]


def test_export_all_rows_not_just_the_page(client, cast):
    for i in range(55):
        register(f"Nguyễn Văn Số{i:02d}", cast.tree.cell_a1)
    client.force_login(cast.officer_a)
    assert _sheet(client.get(EXPORT)).max_row == 56


def test_export_is_capped_with_a_note(client, cast, members, monkeypatch):
    monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 1)
    client.force_login(cast.officer_a)
    rows = list(_sheet(client.get(EXPORT + "?status=")).iter_rows(min_row=2, values_only=True))
    assert rows[0][1] == "Trần Văn An"
    assert rows[-1][0] == ("Danh sách có 3 đảng viên; tệp chỉ gồm 1 dòng đầu. Hãy lọc theo tổ chức hoặc điều kiện khác "
                           "để xuất phần còn lại.")
    assert len([r for r in rows if isinstance(r[0], int)]) == 1


def test_bad_filter_is_sent_back_to_the_list(client, cast, members):
    client.force_login(cast.officer_a)
    response = client.get(EXPORT + "?as_of=32/13/2020")
    assert response.status_code == 302 and response["Location"].startswith(reverse("members:list"))


def test_build_workbook_and_mask_as_functions():
    assert exports.mask("citizen_id", "038185000123") == "0381******23"
    assert exports.mask("party_card_number", "12345678") == "******78"
    assert exports.mask("citizen_id", None) == "" and exports.mask("current_address", "Số 1 Tràng Tiền") == "***"
    row = exports.MemberRow(pk=1, full_name="Nguyễn Thị Hoà", birth_year=1990, sex="Nữ", ethnicity="Kinh", organization="Chi bộ 1",
                            organization_id=1, status="Dự bị", admission_date=dt.date(2024, 2, 29), theory_level="",
                            citizen_id_masked="0381******23")
    ws = load_workbook(io.BytesIO(exports.build_workbook([row]))).active
    assert ws.cell(row=2, column=2).value == "Nguyễn Thị Hoà" and ws.cell(row=2, column=8).number_format == "DD/MM/YYYY"
    assert exports.file_name(dt.date(2026, 3, 1)) == "danh-sach-dang-vien-01-03-2026.xlsx"
