"""Party cards and Party badges through the import: applied by the awards services, idempotent, every refusal
named by row and column, scoped, and a round trip (export → import into an empty register → export)."""

import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from dangvu.audit.models import AuditEntry
from dangvu.awards.models import BadgeAward, CardNumber, PartyCard
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.imports.workbooks import export, template
from dangvu.members.models import Member
from tests.imports.helpers import Undo as _Undo
from tests.imports.helpers import import_rows as _import
from tests.imports.helpers import member_row, xlsx
from tests.imports.helpers import row_errors as _errors
from tests.imports.helpers import sheet_cells as _cells

pytestmark = pytest.mark.django_db

HOA = member_row()  # admitted 03/02/2015, full member from 15/02/2016, cell A1
VETERAN = member_row(full_name="Trần Văn Cựu", citizen_id="001060000001", sex="Nam", date_of_birth="01/01/1960",
                     admission_decision_date="10/01/1990", ceremony_date="20/01/1990", recognition_date="20/01/1991",
                     admitted_in="Chi bộ Hợp tác xã cũ", joined_on="01/01/2010", organization="99.001.001.000.002")
CARDS = [
    {"citizen_id": "001185012345", "full_name": "Nguyễn Thị Hoà", "number": "12345678", "kind": "Cấp thẻ lần đầu",
     "issued_on": "03/02/2017", "decision_number": "45-QĐ/HU", "decision_date": "20/01/2017"},
    {"citizen_id": "001185012345", "number": "12345678", "kind": "Cấp lại thẻ bị mất", "issued_on": "05/05/2020",
     "reason": "Mất khi đi công tác"},
    {"citizen_id": "001185012345", "number": "001185012345", "kind": "Đổi thẻ theo đợt", "issued_on": "01/12/2025",
     "decision_number": "7-QĐ/HU", "decision_date": "25/11/2025"},
]
BADGES = [{"citizen_id": "001060000001", "full_name": "Trần Văn Cựu", "milestone": "30 năm", "presentation_on": "03/02/2020",
           "decision_number": "120-QĐ/TU", "decision_date": "15/01/2020", "deciding_body": "Tỉnh ủy Thử Nghiệm"}]


@pytest.fixture
def register(cast):
    run = _import(cast, "members", [HOA, VETERAN])
    assert run.status == RunStatus.APPLIED, _errors(run)


def test_card_history_is_applied_in_order_and_twice_changes_nothing(cast, register):
    run = _import(cast, "cards", CARDS)
    assert run.status == RunStatus.APPLIED, _errors(run)
    assert run.counts == {"new": 3, "changed": 0, "unchanged": 0, "rejected": 0}
    hoa = Member.objects.get(citizen_id="001185012345")
    assert hoa.party_card_number == "001185012345"
    cards = list(PartyCard.objects.filter(member=hoa).order_by("issued_on").values_list("number", "previous_number"))
    assert cards == [("12345678", ""), ("12345678", "12345678"), ("001185012345", "12345678")]
    assert set(CardNumber.objects.filter(member=hoa).values_list("number", flat=True)) == {"12345678", "001185012345"}
    assert AuditEntry.objects.filter(action="awards.card", object_id=str(hoa.pk)).count() == 3
    again = _import(cast, "cards", CARDS)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3, "rejected": 0}
    assert PartyCard.objects.count() == 3


def test_card_history_behind_the_number_the_register_already_shows(cast):
    """The member's row carries today's card (from the 2-HSĐV); the card file brings the issues behind it."""
    assert _import(cast, "members", [HOA | {"party_card_number": "001185012345"}]).status == RunStatus.APPLIED
    run = _import(cast, "cards", CARDS)
    assert run.status == RunStatus.APPLIED, _errors(run)
    assert Member.objects.get().party_card_number == "001185012345"
    # a row found by the card number alone (no citizen ID): the number is the member's for ever
    run = _import(cast, "cards", [{"number": "12345678", "kind": "Cấp thẻ lần đầu", "issued_on": "03/02/2017",
                                   "decision_number": "45-QĐ/HU", "decision_date": "20/01/2017"}])
    assert run.counts["unchanged"] == 1


def test_every_card_refusal_is_named_and_nothing_is_written(cast, register):
    other = member_row(full_name="Lê Văn Khác", citizen_id="001070000009", sex="Nam", date_of_birth="01/01/1970")
    assert _import(cast, "members", [other]).status == RunStatus.APPLIED
    assert _import(cast, "cards", [{"citizen_id": "001070000009", "number": "87654321", "kind": "Cấp thẻ lần đầu",
                                    "issued_on": "01/03/2017"}]).status == RunStatus.APPLIED
    base = CARDS[0]
    rows = [base | {"number": "1234"},                                                        # 2 format
            base | {"number": "22222222", "issued_on": "01/01/2016"},                         # 3 before recognition
            base | {"number": "87654321"},                                                    # 4 another member's number
            base | {"citizen_id": "001185099999", "number": "66666666"},                                         # 5 no such member
            base | {"full_name": "Nguyễn Thị Khác", "number": "77777777"},                                       # 6 name does not match
            base | {"number": "33333333", "decision_date": "01/03/2017"},                     # 7 decision after the issue
            base | {"number": "44444444", "kind": "Cấp lại thẻ bị mất", "issued_on": "01/03/2018"},  # 8 no card yet, no reason
            base | {"kind": "Thẻ tạm"},                                                       # 9 not a kind
            base | {"number": "55555555", "issued_on": "01/01/2027"},                         # 10 in the future
            base,                                                                             # 11 the first issue: valid
            base]                                                                             # 12 the same row twice
    run = _import(cast, "cards", rows)
    assert run.status == RunStatus.REJECTED and not PartyCard.objects.filter(member__citizen_id="001185012345").exists()
    e = _errors(run)
    assert e[2][0][0] == "Số thẻ" and e[2][0][1].startswith("Số thẻ: 8 chữ số (thẻ theo CT 29-CT/TW) hoặc 12 chữ số")
    assert any(c == "Ngày cấp thẻ" and "trước ngày công nhận" in m for c, m in e[3])
    assert any("chỉ phát cho đảng viên chính thức" in m for _c, m in e[3])  # she was probationary on that day
    assert e[4][0][0] == "Số thẻ" and "đã cấp cho một đảng viên khác" in e[4][0][1]
    assert e[5] == [["Số CCCD", "Không có đảng viên số 001185099999 trong phạm vi quyền của bạn."]]
    assert e[6][0][0] == "Họ và tên" and "không khớp" in e[6][0][1]
    assert e[7][0][0] == "Ngày cấp thẻ" and "trước ngày quyết định" in e[7][0][1]
    assert {c for c, _m in e[8]} == {"Loại cấp thẻ", "Lý do"}
    assert e[9][0][0] == "Loại cấp thẻ" and "không có trong danh mục" in e[9][0][1]
    assert e[10][0][0] == "Ngày cấp thẻ" and "sau ngày hôm nay" in e[10][0][1]
    assert 11 not in e and "trùng với dòng 11" in e[12][0][1]
    # a recorded issue that the file tells differently is refused, not overwritten
    assert _import(cast, "cards", [base]).status == RunStatus.APPLIED
    run = _import(cast, "cards", [base | {"decision_number": "99-QĐ/HU"}])
    assert run.status == RunStatus.REJECTED and "nội dung khác" in _errors(run)[2][0][1]
    assert PartyCard.objects.get(member__citizen_id="001185012345").decision_number == "45-QĐ/HU"


def test_badges_through_the_award_rules(cast, register):
    run = _import(cast, "badges", BADGES)
    assert run.status == RunStatus.APPLIED, _errors(run)
    award = BadgeAward.objects.get()
    assert (award.milestone, award.kind, award.deciding_body) == (30, "regular", "Tỉnh ủy Thử Nghiệm")
    assert _import(cast, "badges", BADGES).counts["unchanged"] == 1
    row = BADGES[0]
    rows = [row | {"milestone": "40"},                                           # 2 party age not reached (B1)
            row | {"milestone": "35"},                                           # 3 not a milestone
            row | {"citizen_id": "001185012345", "full_name": ""},               # 4 Hoà: 30 years not reached
            row | {"presentation_on": "04/02/2020"},                             # 5 recorded differently
            row | {"milestone": "45", "decision_number": ""}]                    # 6 decision number required
    run = _import(cast, "badges", rows)
    assert run.status == RunStatus.REJECTED and BadgeAward.objects.count() == 1
    e = _errors(run)
    assert e[2][0][0] == "Ngày trao tặng" and "40 năm" in e[2][0][1], e[2]
    assert e[3][0][0] == "Mốc huy hiệu (năm)" and "một trong các mốc" in e[3][0][1]
    assert e[4][0][0] == "Ngày trao tặng" and "30 năm" in e[4][0][1], e[4]
    assert "nội dung khác" in e[5][0][1] and "Ngày trao tặng" in e[5][0][1]
    assert e[6] == [["Số quyết định", "bắt buộc, không được để trống."]]


def test_scope_secretary_and_outsider(cast, register):
    for user in (cast.secretary_a1, cast.officer_b, cast.viewer_a):
        for kind, rows in (("cards", CARDS), ("badges", BADGES)):
            with pytest.raises(PermissionDeniedInScope):
                services.preview(by=user, kind=kind, organization=cast.tree.district_a, file_name="a.xlsx",
                                 content=xlsx(kind, rows))
    # district B's officer importing into district B cannot reach district A's members
    for kind, rows in (("cards", CARDS[:1]), ("badges", BADGES)):
        run = _import(cast, kind, rows, by=cast.officer_b, org=cast.tree.district_b)
        assert run.status == RunStatus.REJECTED and "trong phạm vi quyền" in _errors(run)[2][0][1]
    assert not PartyCard.objects.exists() and not BadgeAward.objects.exists()


def test_round_trip_and_templates(cast):
    order = ("members", "cards", "badges")
    with pytest.raises(_Undo), transaction.atomic():
        for kind, rows in zip(order, ([HOA, VETERAN], CARDS, BADGES), strict=True):
            assert _import(cast, kind, rows).status == RunStatus.APPLIED
        first = {k: export(KINDS[k], cast.tree.district_a) for k in order}
        raise _Undo
    assert not Member.objects.exists() and not PartyCard.objects.exists()
    for kind in order:
        run = _import(cast, kind, first[kind])
        assert run.status == RunStatus.APPLIED, (kind, _errors(run))
    second = {k: export(KINDS[k], cast.tree.district_a) for k in order}
    for kind in order:
        assert _cells(second[kind]) == _cells(first[kind]), kind
    assert len(_cells(first["cards"])) == 4 and len(_cells(first["badges"])) == 2
    for kind in ("cards", "badges"):
        assert _import(cast, kind, second[kind]).counts["new"] == 0
        wb = load_workbook(io.BytesIO(template(KINDS[kind])))
        assert wb.sheetnames == [KINDS[kind].sheet_name, "Vi du", "Huong dan"]
        assert wb["Huong dan"].cell(3, 1).value == "Số CCCD"
