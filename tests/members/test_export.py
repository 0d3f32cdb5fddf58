"""The XLSX export: the register (mẫu 7-HSĐV) with a title block, the list's rows and filters, masked numbers unless
revealed (audited), dd/mm/yyyy dates."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.members import exports, register_export, services
from dangvu.members.kinds import EventType, RemovalGround
from dangvu.references.models import ReferenceItem
from tests.clock import TODAY
from tests.members import exported_names, register, register_sheet

pytestmark = pytest.mark.django_db

EXPORT = reverse("members:export")


def _sheet_rows(content):
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


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


def test_export_title_block_register_columns_masking_and_dates(client, cast, members):
    binh, an, theory = members
    client.force_login(cast.officer_a)
    response = client.get(EXPORT, {"sex": "female"})
    assert response["Content-Disposition"] == f'attachment; filename="danh-sach-dang-vien-{TODAY:%d-%m-%Y}.xlsx"'
    ws = _sheet(response)
    assert ws.title == "Sổ danh sách đảng viên"
    title, header, rows = register_sheet(response.content)
    # the file says what it is: the register's title and form, the scope, the date, the filters, who and when
    assert title[:4] == ["DANH SÁCH ĐẢNG VIÊN", "Theo mẫu Sổ danh sách đảng viên (mẫu 7-HSĐV)", "Phạm vi: Đảng bộ huyện An Lạc",
                         f"Tính đến ngày {TODAY:%d/%m/%Y}"]
    assert "Điều kiện lọc: Trạng thái: Đang là đảng viên; Giới tính: Nữ" in title
    assert title[-1].startswith("Người xuất: Nguyễn Văn An (officer_a), lúc ") and title[-1].endswith(f"ngày {TODAY:%d/%m/%Y}")
    assert list(header) == [h for h, _w in register_export.COLUMNS]
    assert header[:3] == ("STT", "Họ và tên khai sinh", "Ngày sinh") and "Số thẻ đảng viên" in header
    (row,) = rows
    col = {h: i for i, h in enumerate(header)}
    assert row[col["Họ và tên khai sinh"]] == "Lê Thị Bình" and row[col["Ngày sinh"]].date() == dt.date(1985, 3, 2)
    assert row[col["Giới tính"]] == "Nữ" and row[col["Dân tộc"]] == "Kinh" and row[col["Lý luận chính trị"]] == theory.name
    assert row[col["Ngày vào Đảng"]].date() == dt.date(2012, 7, 9) and row[col["Ngày chính thức"]].date() == dt.date(2013, 7, 9)
    assert row[col["Tổ chức đảng"]] == "Chi bộ thôn Đông — Đảng bộ xã An Lạc" and row[col["Trạng thái"]] == "Chính thức"
    assert row[col["Số CCCD"]] == "0381******23"
    assert "038185000123" not in [v for r in ws.iter_rows(values_only=True) for v in r]
    header_row = next(r[0].row for r in ws.iter_rows() if r[0].value == "STT")
    assert ws.cell(row=header_row + 1, column=col["Ngày sinh"] + 1).number_format == "DD/MM/YYYY"
    assert all(c.font.bold for c in ws[header_row] if c.value)


def test_leaving_and_transfers_are_in_their_columns(client, cast, members):
    client.force_login(cast.officer_a)
    _title, header, rows = register_sheet(client.get(EXPORT, {"status": "struck_off"}).content)
    col = {h: i for i, h in enumerate(header)}
    assert [(r[col["Họ và tên khai sinh"]], r[col["Ra khỏi Đảng (ngày, hình thức)"]]) for r in rows] == [
        ("Phạm Văn Cường", "01/02/2020, xóa tên")]


def test_an_officer_may_export_full_numbers_and_each_reveal_is_audited(client, cast, members):
    binh, an, _ = members
    client.force_login(cast.officer_a)
    html = client.get(reverse("members:list")).content.decode()
    assert 'data-testid="export-reveal"' in html
    _title, header, rows = register_sheet(client.get(EXPORT, {"reveal": "1"}).content)
    by_name = {r[1]: r[header.index("Số CCCD")] for r in rows}
    assert by_name["Lê Thị Bình"] == "038185000123"
    reveals = AuditEntry.objects.filter(action="members.reveal", actor=cast.officer_a)
    assert sorted(reveals.values_list("object_id", flat=True)) == sorted([str(binh.pk), str(an.pk)])
    assert all("tệp Excel" in e.note for e in reveals)
    # a read-only leader asking for them gets the masks, and no reveal is recorded
    client.force_login(cast.viewer_a)
    assert 'data-testid="export-reveal"' not in client.get(reverse("members:list")).content.decode()
    _title, header, rows = register_sheet(client.get(EXPORT, {"reveal": "1"}).content)
    assert {r[1]: r[header.index("Số CCCD")] for r in rows}["Lê Thị Bình"] == "0381******23"
    assert not AuditEntry.objects.filter(action="members.reveal", actor=cast.viewer_a).exists()


def test_export_follows_the_filters_of_the_list(client, cast, members):
    client.force_login(cast.officer_a)
    names = lambda query: exported_names(client.get(EXPORT + query).content)  # noqa: E731
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
    title, header, rows = register_sheet(response.content)
    assert "Tính đến ngày 31/12/2012" in title
    org, status = header.index("Tổ chức đảng"), header.index("Trạng thái")
    assert [(r[1], r[org], r[status]) for r in rows] == [("Lê Thị Bình", "Chi bộ thôn Đông — Đảng bộ xã An Lạc", "Dự bị"),
                                                          ("Phạm Văn Cường", "Chi bộ thôn Đông — Đảng bộ xã An Lạc", "Dự bị")]


def test_export_as_of_in_several_chunks(client, cast, members, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 1)
    monkeypatch.setattr(register_export, "CHUNK", 1)
    client.force_login(cast.officer_a)
    _title, header, rows = register_sheet(client.get(EXPORT + "?as_of=31/12/2014").content)
    org, status = header.index("Tổ chức đảng"), header.index("Trạng thái")
    assert [(r[1], r[org].split(" — ")[0], r[status]) for r in rows] == [("Trần Văn An", "Chi bộ thôn Tây", "Dự bị"),
                                                                         ("Lê Thị Bình", "Chi bộ thôn Đông", "Chính thức"),
                                                                         ("Phạm Văn Cường", "Chi bộ thôn Đông", "Chính thức")]


def test_export_all_rows_not_just_the_page(client, cast):
    for i in range(55):
        register(f"Nguyễn Văn Số{i:02d}", cast.tree.cell_a1)
    client.force_login(cast.officer_a)
    assert len(register_sheet(client.get(EXPORT).content)[2]) == 55


def test_export_is_capped_with_a_note(client, cast, members, monkeypatch):
    monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 1)
    client.force_login(cast.officer_a)
    content = client.get(EXPORT + "?status=").content
    _title, _header, rows = register_sheet(content)
    assert [r[1] for r in rows] == ["Trần Văn An"]
    last = [r for r in _sheet_rows(content) if r and r[0]][-1]
    assert last[0] == ("Danh sách có 3 đảng viên; tệp chỉ gồm 1 dòng đầu. Hãy lọc theo tổ chức hoặc điều kiện khác "
                       "để xuất phần còn lại.")


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
