"""The register's screens end to end through Django's test client."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.members import services
from dangvu.members.forms import FIELDSETS, MASKED_ON_EDIT, RecordForm
from dangvu.members.kinds import EventType
from dangvu.members.models import Member
from dangvu.references.models import ReferenceItem
from tests.members import cccd, register

pytestmark = pytest.mark.django_db

LIST = reverse("members:list")


def _rows(client, query=""):
    return client.get(LIST + query).context["rows"]


def _names(client, query=""):
    return [r.full_name for r in _rows(client, query)]


def _record_data(member, **changes):
    """What the edit form posts when the user changes only `changes` (masked fields left empty)."""
    data = {}
    for name, value in RecordForm.initial_for(member).items():
        if name in MASKED_ON_EDIT or value in (None, False):
            continue
        data[name] = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value
    data.update(changes)
    return data


def test_fieldsets_hold_every_record_field_once():
    names = [n for _, group in FIELDSETS for n in group]
    assert sorted(names) == sorted(Member.RECORD_FIELDS) and len(names) == len(set(names))


# ---------------------------------------------------------------- list

def test_list_sorts_by_given_name_and_masks_the_cccd(client, cast):
    a1 = cast.tree.cell_a1
    binh = register("Lê Thị Bình", a1, sex="female", born=dt.date(1985, 3, 2), citizen_id="038185000123")
    register("Trần Văn An", a1)
    register("Đặng Văn Ánh", a1)
    register("Nguyễn Văn Dũng", a1, born=dt.date(2001, 2, 3), admitted=dt.date(2022, 3, 1))
    client.force_login(cast.officer_a)
    assert _names(client) == ["Trần Văn An", "Đặng Văn Ánh", "Lê Thị Bình", "Nguyễn Văn Dũng"]
    html = client.get(LIST).content.decode()
    assert "038185000123" not in html and "0381******23" in html
    assert "4 đảng viên" in html
    row = next(r for r in _rows(client) if r.pk == binh.pk)
    assert (row.birth_year, row.sex, row.organization, row.status) == (1985, "Nữ", "Chi bộ thôn Đông", "Chính thức")
    assert f'href="{reverse("members:detail", args=[binh.pk])}"' in html
    assert f'href="{reverse("members:export")}?' in html


def test_search_ignores_case_diacritics_and_tone_placement(client, cast):
    a1 = cast.tree.cell_a1
    register("Nguyễn Thị Hoà", a1, sex="female")
    register("Nguyễn Thị Hòa", a1, sex="female")
    register("Nguyễn Thị Hoa Lan", a1, sex="female")
    register("Nguyễn Văn Hòa", a1)
    register("Trần Văn Bình", a1, citizen_id="038080123456")
    client.force_login(cast.officer_a)
    assert sorted(_names(client, "?q=nguyen thi hoa")) == ["Nguyễn Thị Hoa Lan", "Nguyễn Thị Hoà", "Nguyễn Thị Hòa"]
    assert sorted(_names(client, "?q=NGUYỄN THỊ HÒA")) == ["Nguyễn Thị Hoa Lan", "Nguyễn Thị Hoà", "Nguyễn Thị Hòa"]
    assert _names(client, "?q=tran van binh") == ["Trần Văn Bình"]
    assert _names(client, "?q=038080123456") == ["Trần Văn Bình"]  # search by number, shown masked


def test_list_shows_members_in_the_party_unless_asked(client, cast):
    a1 = cast.tree.cell_a1
    register("Trần Văn An", a1)
    gone = register("Lê Văn Bảo", a1)
    services.record_event(by=SYSTEM, member=gone, event_type=EventType.DECEASED, effective_date=dt.date(2023, 4, 5))
    register("Phạm Thị Cúc", a1, sex="female", admitted=dt.date(2025, 3, 1), full=False)
    client.force_login(cast.officer_a)
    assert _names(client) == ["Trần Văn An", "Phạm Thị Cúc"]
    assert _names(client, "?status=") == ["Trần Văn An", "Lê Văn Bảo", "Phạm Thị Cúc"]
    assert _names(client, "?status=deceased") == ["Lê Văn Bảo"]
    assert _names(client, "?status=probationary") == ["Phạm Thị Cúc"]


def test_list_filters_by_sex_reference_and_organization(client, cast):
    kinh = ReferenceItem.objects.get(list_code="ethnicity", name="Kinh")
    register("Trần Văn An", cast.tree.cell_a1, ethnicity=kinh)
    register("Lê Thị Bình", cast.tree.cell_a2, sex="female")
    client.force_login(cast.officer_a)
    assert _names(client, "?sex=female") == ["Lê Thị Bình"]
    assert _names(client, f"?ethnicity={kinh.pk}") == ["Trần Văn An"]
    assert _names(client, f"?organization={cast.tree.cell_a2.pk}") == ["Lê Thị Bình"]
    assert _names(client, f"?organization={cast.tree.grassroots_a.pk}") == ["Trần Văn An", "Lê Thị Bình"]
    # The organization is chosen by id (a search box with JavaScript: tests/members/test_list_at_scale.py).
    html = client.get(LIST + f"?organization={cast.tree.cell_a2.pk}").content.decode()
    assert 'data-testid="organization-chosen"' in html and "Chi bộ thôn Tây" in html


def test_bad_date_is_reported_on_the_filter(client, cast):
    register("Trần Văn An", cast.tree.cell_a1)
    client.force_login(cast.officer_a)
    response = client.get(LIST + "?as_of=31/02/2021")
    assert response.status_code == 200 and "as_of" in response.context["filter"].errors
    assert 'data-testid="filter-error-as_of"' in response.content.decode()


def test_list_as_of_shows_status_and_cell_of_that_date(client, cast):
    tree = cast.tree
    moved = register("Trần Văn Bình", tree.cell_a1, admitted=dt.date(2015, 3, 10))
    services.record_event(by=SYSTEM, member=moved, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=dt.date(2022, 5, 1),
                          organization=tree.cell_a2, decision=services.Decision(number="12-QĐ/ĐU"))
    register("Lê Thị Cúc", tree.cell_a1, sex="female", admitted=dt.date(2021, 6, 1))  # probationary on 31/12/2021
    register("Phạm Văn Dũng", tree.cell_a1, admitted=dt.date(2023, 1, 5))  # not yet admitted on 31/12/2021
    client.force_login(cast.officer_a)

    then = {r.full_name: (r.organization, r.status) for r in _rows(client, "?as_of=31/12/2021")}
    assert then == {"Trần Văn Bình": ("Chi bộ thôn Đông", "Chính thức"), "Lê Thị Cúc": ("Chi bộ thôn Đông", "Dự bị")}
    now = {r.full_name: (r.organization, r.status) for r in _rows(client)}
    assert now["Trần Văn Bình"] == ("Chi bộ thôn Tây", "Chính thức") and now["Lê Thị Cúc"] == ("Chi bộ thôn Đông", "Chính thức")
    html = client.get(LIST + "?as_of=31/12/2021").content.decode()
    assert "tại ngày 31/12/2021" in html and "Tổ chức đảng (ngày 31/12/2021)" in html
    # Filtering by the cell of that date: Bình was in A1 then, in A2 now.
    assert _names(client, f"?as_of=31/12/2021&organization={tree.cell_a2.pk}") == []
    assert _names(client, f"?organization={tree.cell_a2.pk}") == ["Trần Văn Bình"]


def test_list_shows_the_cell_name_of_that_date(client, cast):
    from dangvu.organizations import services as org_services

    register("Trần Văn Bình", cast.tree.cell_a1)
    org_services.rename(by=SYSTEM, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Hưng", effective_date=dt.date(2020, 1, 1))
    client.force_login(cast.officer_a)
    assert _rows(client, "?as_of=31/12/2019")[0].organization == "Chi bộ thôn Đông"
    assert _rows(client)[0].organization == "Chi bộ thôn Đông Hưng"


def _list_queries(client, query=""):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST + query)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["rows"])


@pytest.mark.parametrize("query", ["", "?as_of=31/12/2021", "?q=nguyen&theory_level=&status="])
def test_list_query_count_does_not_grow_with_the_page(client, cast, query):
    kinh = ReferenceItem.objects.get(list_code="ethnicity", name="Kinh")
    theory = ReferenceItem.objects.filter(list_code="theory_level").first()
    cells = [cast.tree.cell_a1, cast.tree.cell_a2]

    def add(n, start):
        for i in range(start, start + n):
            register(f"Nguyễn Văn Số{i}", cells[i % 2], ethnicity=kinh, theory_level=theory, admitted=dt.date(2015, 1, 1))

    add(3, 0)
    client.force_login(cast.officer_a)
    client.get(LIST)  # warm up the session
    small, shown_small = _list_queries(client, query)
    add(17, 3)
    large, shown_large = _list_queries(client, query)
    assert (shown_small, shown_large) == (3, 20)
    assert small == large, f"{small} queries for 3 members, {large} for 20"
    # 13 at most (the as-of page): the scope's organizations, their members today and those who moved out are
    # read once per request (MemberQuerySet.restrict(form=LIST)) instead of inside every query of the page.
    assert large <= 13


def test_list_paginates_by_50_with_dotted_numbers(client, cast):
    for i in range(51):
        register(f"Nguyễn Văn Số{i:02d}", cast.tree.cell_a1)
    client.force_login(cast.officer_a)
    response = client.get(LIST + "?q=nguyen")
    assert len(response.context["rows"]) == 50 and "Trang 1/2" in response.content.decode()
    assert "51 đảng viên" in response.content.decode()
    page2 = client.get(LIST + "?q=nguyen&page=2")
    assert len(page2.context["rows"]) == 1 and "?q=nguyen&page=1" in page2.content.decode()


def test_count_uses_a_dot_for_thousands(client, cast, monkeypatch):
    from dangvu.core.pagination import BoundedPaginator

    register("Trần Văn An", cast.tree.cell_a1)
    monkeypatch.setattr(BoundedPaginator, "count", 2345)
    client.force_login(cast.officer_a)
    assert "2.345 đảng viên" in client.get(LIST).content.decode()


# ---------------------------------------------------------------- detail, masking, reveal

@pytest.fixture
def binh(cast):
    return register("Trần Văn Bình", cast.tree.cell_a1, citizen_id="038080123456", party_card_number="12345678",
                    permanent_address="Số 5 đường Lê Lợi, phường Hạc Thành", workplace="UBND xã An Lạc",
                    admitted=dt.date(2010, 6, 1))


def test_detail_masks_sensitive_fields_and_shows_the_record(client, cast, binh):
    client.force_login(cast.viewer_a)
    html = client.get(reverse("members:detail", args=[binh.pk])).content.decode()
    assert "038080123456" not in html and "0380******56" in html
    assert "12345678" not in html and "******78" in html
    assert "Lê Lợi" not in html
    assert "UBND xã An Lạc" in html and "01/06/2010" in html and "Chính thức" in html and "Chi bộ thôn Đông" in html
    assert "Sơ yếu lý lịch" in html and "Kết nạp vào Đảng" in html and "Trình độ" in html
    assert "reveal-citizen_id" not in html  # a viewer may not reveal: no button


def test_party_age_counts_from_the_decision_and_stops_at_the_end(client, cast, binh, settings):
    client.force_login(cast.officer_a)
    services.record_event(by=SYSTEM, member=binh, event_type=EventType.DECEASED, effective_date=dt.date(2020, 6, 1))
    html = client.get(reverse("members:detail", args=[binh.pk])).content.decode()
    assert "Tuổi đảng: 10 năm" in html and "Đã từ trần" in html and "từ 01/06/2020" in html


def test_reveal_shows_the_value_and_is_audited(client, cast, binh):
    client.force_login(cast.officer_a)
    html = client.get(reverse("members:detail", args=[binh.pk])).content.decode()
    assert 'data-testid="reveal-citizen_id"' in html and f'hx-post="{reverse("members:reveal", args=[binh.pk, "citizen_id"])}"' in html
    response = client.post(reverse("members:reveal", args=[binh.pk, "citizen_id"]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-testid="revealed-citizen_id">038080123456<' in response.content.decode()
    entry = AuditEntry.objects.get(action="members.reveal")
    assert entry.actor == cast.officer_a and entry.object_id == str(binh.pk)
    assert entry.changes["_data"] == {"field": "citizen_id"} and "CCCD" in entry.note
    client.post(reverse("members:reveal", args=[binh.pk, "permanent_address"]))
    assert AuditEntry.objects.filter(action="members.reveal").count() == 2
    # The reveal is listed in the member's change history, naming the field.
    audit = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=audit").content.decode()
    assert "Xem số CCCD/định danh" in audit and "Xem nơi thường trú" in audit and "Xem thông tin được che" in audit


def test_history_tab_masks_sensitive_values(client, cast, binh):
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:edit", args=[binh.pk]), _record_data(binh, citizen_id="038080654321"))
    assert response.status_code == 302
    binh.refresh_from_db()
    assert binh.citizen_id == "038080654321"
    client.force_login(cast.viewer_a)
    audit = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=audit").content.decode()
    assert "038080654321" not in audit and "038080123456" not in audit
    assert "0380******56" in audit and "0380******21" in audit


def test_events_tab_is_the_timeline(client, cast, binh):
    services.record_event(by=cast.officer_a, member=binh, event_type=EventType.TRANSFERRED_INTERNAL,
                          effective_date=dt.date(2022, 5, 1), organization=cast.tree.cell_a2,
                          decision=services.Decision(number="12-QĐ/ĐU", date=dt.date(2022, 4, 28), body="Đảng ủy xã An Lạc"))
    client.force_login(cast.secretary_a1)
    # Moved out of the secretary's cell: the cell's past member stays readable there (history)…
    assert client.get(reverse("members:detail", args=[binh.pk])).status_code == 200
    client.force_login(cast.officer_b)  # …while an outsider still gets nothing.
    assert client.get(reverse("members:detail", args=[binh.pk])).status_code == 404
    client.force_login(cast.viewer_a)
    html = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=events").content.decode()
    assert "Chuyển sinh hoạt nội bộ" in html and "Từ Chi bộ thôn Đông" in html and "Tại Chi bộ thôn Tây" in html
    assert "Quyết định số 12-QĐ/ĐU ngày 28/04/2022" in html and "Đảng ủy xã An Lạc" in html
    assert "Nguyễn Văn An (officer_a)" in html and "Kết nạp (dự bị)" in html
    assert html.index("Chuyển sinh hoạt nội bộ") < html.index("Kết nạp (dự bị)")  # newest first
    # The change history names the event in words, and yes/no values read "Có"/"Không".
    audit = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=audit").content.decode()
    assert "Chuyển sinh hoạt nội bộ" in audit and "members.transferred_internal" not in audit
    assert "12-QĐ/ĐU" in audit and "→ Không" in audit and "False" not in audit


def test_unknown_tab_is_not_found(client, cast, binh):
    client.force_login(cast.officer_a)
    assert client.get(reverse("members:detail", args=[binh.pk]) + "?tab=khac").status_code == 404


# ---------------------------------------------------------------- create

def _create_data(cast, **changes):
    data = {"organization": cast.tree.cell_a1.pk, "full_name": "Hoàng Thị Mai", "sex": "female", "date_of_birth": "14/02/1990",
            "citizen_id": cccd("female", dt.date(1990, 2, 14), 777), "admission_decision_date": "03/02/2015",
            "ceremony_date": "03/02/2015", "recognition_date": "03/02/2016", "workplace": "Trường THCS An Lạc"}
    data.update(changes)
    return data


def test_create_registers_a_member(client, cast):
    client.force_login(cast.officer_a)
    response = client.get(reverse("members:create"))
    assert "Chi bộ thôn Đông" in response.content.decode() and "Kết nạp vào Đảng" in response.content.decode()
    response = client.post(reverse("members:create"), _create_data(cast))
    member = Member.objects.get(full_name="Hoàng Thị Mai")
    assert response.status_code == 302 and response["Location"] == reverse("members:detail", args=[member.pk])
    assert member.status == "full" and member.organization == cast.tree.cell_a1 and member.workplace == "Trường THCS An Lạc"
    assert AuditEntry.objects.filter(action="members.create", object_id=str(member.pk), actor=cast.officer_a).exists()


def test_create_transferred_in_later(client, cast):
    client.force_login(cast.officer_a)
    client.post(reverse("members:create"), _create_data(cast, joined_on="01/09/2020", admitted_in="Chi bộ Trường ĐH Vinh"))
    member = Member.objects.get(full_name="Hoàng Thị Mai")
    assert list(member.events.values_list("event_type", flat=True)) == ["admitted", "recognized", "transferred_in"]


def test_create_reports_every_rule_on_its_field_and_writes_nothing(client, cast):
    client.force_login(cast.officer_a)
    # CCCD of a man born in 1980 for a woman born 1998; admitted at 17 years 4 months.
    response = client.post(reverse("members:create"), _create_data(
        cast, date_of_birth="14/02/1998", citizen_id="038080123456", admission_decision_date="14/06/2015",
        ceremony_date="14/06/2015", recognition_date="14/06/2016"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "chữ số thứ 4 (0) ứng với giới tính nam" in " ".join(errors["citizen_id"])
    assert "năm sinh 1980" in " ".join(errors["citizen_id"])
    assert "17 tuổi 4 tháng" in " ".join(errors["admission_decision_date"])
    assert "Quy định 24-QĐ/TW" in " ".join(errors["admission_decision_date"])
    html = response.content.decode()
    assert 'data-testid="error-citizen_id"' in html and 'data-testid="error-admission_decision_date"' in html
    assert not Member.objects.exists() and not AuditEntry.objects.filter(object_type="members.member").exists()


def test_create_form_errors_in_vietnamese(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:create"), _create_data(cast, full_name="", date_of_birth="31/02/1990"))
    html = response.content.decode()
    assert "Họ và tên khai sinh: bắt buộc nhập." in html
    assert "Ngày sinh: Ngày “31/02/1990” không có thật" in html
    response = client.post(reverse("members:create"), _create_data(cast, admission_decision_date="", ceremony_date="",
                                                                    recognition_date=""))
    assert "bắt buộc nhập khi vào sổ đảng viên" in response.content.decode()
    assert not Member.objects.exists()


# ---------------------------------------------------------------- edit

def test_edit_changes_a_field_and_it_appears_in_the_history(client, cast, binh):
    client.force_login(cast.officer_a)
    response = client.get(reverse("members:edit", args=[binh.pk]))
    html = response.content.decode()
    assert 'value="UBND xã An Lạc"' in html
    assert "038080123456" not in html and "Đang có: 0380******56" in html  # the edit form is no unlogged reveal
    response = client.post(reverse("members:edit", args=[binh.pk]), _record_data(binh, workplace="Trường Tiểu học An Lạc"))
    assert response.status_code == 302
    binh.refresh_from_db()
    assert binh.workplace == "Trường Tiểu học An Lạc" and binh.version == 2
    assert binh.citizen_id == "038080123456" and binh.party_card_number == "12345678"  # left empty: kept
    assert binh.permanent_address == "Số 5 đường Lê Lợi, phường Hạc Thành"
    entry = AuditEntry.objects.get(action="members.update", object_id=str(binh.pk))
    assert entry.changes == {"workplace": ["UBND xã An Lạc", "Trường Tiểu học An Lạc"], "version": [1, 2]} or \
        entry.changes == {"workplace": ["UBND xã An Lạc", "Trường Tiểu học An Lạc"]}
    audit = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=audit").content.decode()
    assert "Nơi làm việc" in audit and "Trường Tiểu học An Lạc" in audit and "Nguyễn Văn An (officer_a)" in audit


def test_edit_rule_violation_is_shown_and_nothing_changes(client, cast, binh):
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:edit", args=[binh.pk]), _record_data(binh, recognition_date="01/01/2011"))
    assert response.status_code == 200
    assert "sớm hơn ngày hết 12 tháng dự bị" in " ".join(response.context["form"].errors["recognition_date"])
    binh.refresh_from_db()
    assert binh.recognition_date == dt.date(2011, 6, 1) and binh.version == 1


def test_edit_page_does_not_change_the_card_number(client, cast, binh):
    """The card number belongs to the card register: the edit form shows it disabled and ignores a posted one."""
    client.force_login(cast.officer_a)
    html = client.get(reverse("members:edit", args=[binh.pk])).content.decode()
    assert "Số thẻ đảng viên: chỉ thay đổi khi cấp thẻ" in html
    response = client.post(reverse("members:edit", args=[binh.pk]),
                           _record_data(binh, party_card_number="99998888", position="Bí thư Đoàn"))
    assert response.status_code == 302
    binh.refresh_from_db()
    assert binh.party_card_number == "12345678" and binh.position == "Bí thư Đoàn"


def test_second_concurrent_edit_is_refused_and_first_is_kept(client, cast, binh):
    loaded = Member.objects.get(pk=binh.pk)  # both editors open the form at version 1
    client.force_login(cast.officer_a)
    first = client.post(reverse("members:edit", args=[binh.pk]), _record_data(loaded, position="Bí thư Đoàn"))
    assert first.status_code == 302
    client.force_login(cast.admin)
    second = client.post(reverse("members:edit", args=[binh.pk]), _record_data(loaded, position="Phó Chủ tịch"))
    assert second.status_code == 200
    assert "vừa được người khác thay đổi" in second.content.decode()
    binh.refresh_from_db()
    assert binh.position == "Bí thư Đoàn" and binh.version == 2


# ---------------------------------------------------------------- events

def test_event_form_records_a_transfer(client, cast, binh):
    client.force_login(cast.officer_a)
    html = client.get(reverse("members:event", args=[binh.pk])).content.decode()
    assert "Chuyển sinh hoạt nội bộ" in html and 'value="admitted"' not in html
    response = client.post(reverse("members:event", args=[binh.pk]), {
        "event_type": "transferred_internal", "effective_date": "01/05/2022", "organization": cast.tree.cell_a2.pk,
        "decision_number": "12-QĐ/ĐU", "decision_date": "28/04/2022", "deciding_body": "Đảng ủy xã An Lạc",
        "reason": "Chuyển nơi cư trú", "version": binh.version,
    })
    assert response.status_code == 302 and response["Location"].endswith("?tab=events")
    binh.refresh_from_db()
    assert binh.organization == cast.tree.cell_a2 and binh.version == 2
    event = binh.events.get(event_type="transferred_internal")
    assert (event.decision_number, event.deciding_body, event.reason, event.recorded_by) == (
        "12-QĐ/ĐU", "Đảng ủy xã An Lạc", "Chuyển nơi cư trú", cast.officer_a)


def test_event_rule_violations_are_shown_on_the_fields(client, cast, binh):
    client.force_login(cast.officer_a)
    url = reverse("members:event", args=[binh.pk])
    response = client.post(url, {"event_type": "transferred_internal", "effective_date": "01/05/2022", "version": binh.version})
    assert "Tổ chức đảng: bắt buộc với sự kiện này." in " ".join(response.context["form"].errors["organization"])
    response = client.post(url, {"event_type": "recognized", "effective_date": "01/05/2022", "version": binh.version})
    assert "Chỉ công nhận chính thức cho đảng viên dự bị." in response.content.decode()
    response = client.post(url, {"event_type": "transferred_out", "effective_date": "01/05/2022", "version": binh.version})
    assert "Nơi chuyển đến: bắt buộc" in " ".join(response.context["form"].errors["external_place"])
    response = client.post(url, {"event_type": "deceased", "effective_date": "01/05/2022", "version": binh.version - 1 or 99})
    assert "vừa được người khác thay đổi" in response.content.decode()
    binh.refresh_from_db()
    assert binh.status == "full" and binh.events.count() == 2


@pytest.mark.django_db
def test_list_names_each_members_cell_with_its_parent(client, cast):
    """Cell names repeat ("Chi bộ khu phố 1" in every ward): the list names the cell and its parent, today and
    as of a date (issue 10 §5)."""
    register("Nguyễn Văn Một", cast.tree.cell_a1, admitted=dt.date(2012, 6, 1))
    client.force_login(cast.officer_a)
    for query in ({}, {"as_of": "31/12/2020"}):
        html = client.get(reverse("members:list"), query).content.decode()
        cells = re.findall(r'data-testid="member-org">([^<]+)<span class="text-muted">— ([^<]+)</span>', html)
        assert cells == [("Chi bộ thôn Đông ", "Đảng bộ xã An Lạc")], query
