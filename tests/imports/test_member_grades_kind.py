"""Members' annual grades through the import: old labels mapped by evaluations' table and kept, applied by
evaluations.services.record_legacy_member_result (decided, not re-checked against the quota), counted in the
year's figures, idempotent, every refusal named, scoped, round trip."""

import datetime as dt
import io

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.figures import Window
from dangvu.evaluations import services as eval_services
from dangvu.evaluations.kinds import EventKind
from dangvu.evaluations.models import GradeEvent, MemberReview
from dangvu.evaluations.services import CellRow, DecisionRow
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.imports.workbooks import export
from dangvu.members import services as member_services
from dangvu.members.kinds import IN_PARTY, EventType, RemovalGround
from dangvu.members.models import Member
from dangvu.statistics import engine
from tests.imports.helpers import member_row, row_errors, xlsx

pytestmark = pytest.mark.django_db

HOA = member_row(party_card_number="12345678")  # cell A1 (99.001.001.000.001), admitted 2015
VETERAN = member_row(full_name="Trần Văn Cựu", citizen_id="001060000001", sex="Nam", date_of_birth="01/01/1960",
                     admission_decision_date="10/01/1990", ceremony_date="20/01/1990", recognition_date="20/01/1991",
                     admitted_in="Chi bộ Hợp tác xã cũ", joined_on="01/01/2010", organization="99.001.001.000.002")
NORTH = member_row(full_name="Vũ Văn Bắc", citizen_id="001070000002", sex="Nam", date_of_birth="01/01/1970",
                   organization="99.002.001.000.001")  # district B
ROWS = [
    {"citizen_id": "001185012345", "full_name": "Nguyễn Thị Hoà", "year": "2018",
     "original_label": "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ", "decision_number": "12-QĐ/ĐU", "decided_on": "15/01/2019"},
    {"citizen_id": "001060000001", "year": 2018, "original_label": "ĐẢNG VIÊN VI PHẠM TƯ CÁCH", "decided_on": "15/01/2019"},
    {"party_card_number": "12345678", "year": "2019", "original_label": "Hoàn thành tốt nhiệm vụ",
     "decision_number": "3-QĐ/ĐU", "decided_on": "10/01/2020"},
]


def _import(cast, kind, rows, *, by=None, org=None, content=None):
    by = by or cast.officer_a
    run = services.preview(by=by, kind=kind, organization=org or cast.tree.district_a, file_name="xl.xlsx",
                           content=content or xlsx(kind, rows))
    if run.status == RunStatus.PREVIEWED:
        run = services.apply(by=by, run=run)
    return run




def _open(cast, *years, org=None):
    for y in years:
        eval_services.open_campaign(by=SYSTEM, organization=org or cast.tree.district_a, year=y)


@pytest.fixture
def register(cast):
    run = _import(cast, "members", [HOA, VETERAN])
    assert run.status == RunStatus.APPLIED, row_errors(run)


def _decided():
    return {(r.member.full_name, r.campaign.year): (r.grade, r.original_label, r.decision_number, r.decided_on.isoformat())
            for r in MemberReview.objects.filter(step="decided").select_related("member", "campaign")}


def test_grades_mapped_kept_counted_and_twice_unchanged(client, cast, register):
    _open(cast, 2018, 2019)
    run = _import(cast, "member_grades", ROWS)
    assert run.status == RunStatus.APPLIED, row_errors(run)
    assert run.counts == {"new": 3, "changed": 0, "unchanged": 0, "rejected": 0}
    # one excellent and no good in 2018: decided outside, the quota (C7) is not checked again
    assert _decided() == {
        ("Nguyễn Thị Hoà", 2018): ("excellent", "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ", "12-QĐ/ĐU", "2019-01-15"),
        ("Trần Văn Cựu", 2018): ("not_completed", "ĐẢNG VIÊN VI PHẠM TƯ CÁCH", "", "2019-01-15"),
        ("Nguyễn Thị Hoà", 2019): ("good", "Hoàn thành tốt nhiệm vụ", "3-QĐ/ĐU", "2020-01-10")}
    assert GradeEvent.objects.filter(kind=EventKind.LEGACY, member_review__isnull=False).count() == 3
    assert AuditEntry.objects.filter(action="evaluations.decide").count() == 3
    # the year's figures count the imported results
    y2018 = Window.year(cast.tree.district_a, 2018)
    assert engine.value(y2018, "evaluations.members.graded").value == 2
    assert engine.value(y2018, "evaluations.members.grade.excellent").value == 1
    assert engine.value(y2018, "evaluations.members.grade.not_completed").value == 1
    assert engine.value(Window.year(cast.tree.district_a, 2019), "evaluations.members.graded").value == 1
    again = _import(cast, "member_grades", ROWS)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3, "rejected": 0}
    assert AuditEntry.objects.filter(action="evaluations.decide").count() == 3
    # the label as written beside the grade: on the cell's page and in the API
    hoa = MemberReview.objects.get(member__citizen_id="001185012345", campaign__year=2018)
    client.force_login(cast.officer_a)
    page = client.get(reverse("evaluations:cell", args=[hoa.campaign_id, hoa.cell_id])).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "(Đủ tư cách, hoàn thành xuất sắc nhiệm vụ)" in page
    data = client.get(f"/api/member-reviews/{hoa.pk}/").json()
    assert (data["grade"], data["original_label"]) == ("excellent", "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ")


def test_a_result_decided_in_the_application_reads_as_unchanged(cast, register):
    """A year graded through the cell and the committee exports with its grade's label: that row imports unchanged,
    a row telling another grade is refused."""
    _open(cast, 2018)
    hoa = MemberReview.objects.get(member__citizen_id="001185012345")
    eval_services.grade_cell(by=SYSTEM, campaign=hoa.campaign, cell=cast.tree.cell_a1, rows=[CellRow(hoa, None, "good")],
                             on=dt.date(2018, 12, 20))
    eval_services.decide_members(by=SYSTEM, campaign=hoa.campaign, organization=cast.tree.grassroots_a,
                                 rows=[DecisionRow(hoa, None, "good")], decision_number="45-QĐ/ĐU",
                                 decided_on=dt.date(2019, 1, 10))
    [row] = KINDS["member_grades"].export_rows(cast.tree.district_a, None)
    assert row["original_label"] == "Hoàn thành tốt nhiệm vụ" and row["decision_number"] == "45-QĐ/ĐU"
    row = row | {"original_label": "HOÀN THÀNH TỐT NHIỆM VỤ", "decided_on": "10/01/2019"}
    assert _import(cast, "member_grades", [row]).counts == {"new": 0, "changed": 0, "unchanged": 1, "rejected": 0}
    run = _import(cast, "member_grades", [row | {"original_label": "Đủ tư cách, hoàn thành tốt nhiệm vụ"}])
    assert run.status == RunStatus.REJECTED and "“Hoàn thành tốt nhiệm vụ”, quyết định 45-QĐ/ĐU" in row_errors(run)[2][0][1]


def test_every_member_grade_refusal(cast, register):
    veteran = Member.objects.get(citizen_id="001060000001")
    for event_type, on in ((EventType.EXEMPTED, dt.date(2016, 3, 1)), (EventType.EXEMPTION_ENDED, dt.date(2017, 3, 1))):
        member_services.record_event(by=SYSTEM, member=veteran, event_type=event_type, effective_date=on)
    _open(cast, 2016, 2017, 2018)  # the veteran exempted on 31/12/2016 (not graded that year, C12), not since
    assert _import(cast, "member_grades", ROWS[:1]).status == RunStatus.APPLIED
    late = _import(cast, "members", [member_row(full_name="Lê Văn Muộn", citizen_id="001185000003")])
    assert late.status == RunStatus.APPLIED, row_errors(late)
    base = ROWS[1]
    rows = [base | {"original_label": "Khá"},                                   # 2 not in the table
            base | {"original_label": "Trong sạch, vững mạnh"},                 # 3 an organization's label
            base | {"year": "2012"},                                            # 4 no campaign that year
            base | {"citizen_id": "001185000003", "year": "2018"},              # 5 not listed by the campaign
            ROWS[0] | {"original_label": "Hoàn thành nhiệm vụ"},                # 6 decided otherwise
            base | {"full_name": "Trần Văn Khác", "year": "2015"},              # 7 the name does not match
            base | {"citizen_id": "001099999999", "year": "2014"},              # 8 no such member
            base | {"citizen_id": "", "year": "2013"},                          # 9 neither CCCD nor card
            base | {"year": "18"},                                              # 10 not a year
            base | {"decided_on": ""},                                          # 11 date required
            base | {"year": "2017", "decided_on": "31/12/2016"},                # 12 before the year
            base | {"year": "2016"},                                            # 13 exempted that year (C12)
            base,                                                               # 14 valid
            base]                                                               # 15 twice
    run = _import(cast, "member_grades", rows)
    assert run.status == RunStatus.REJECTED
    e = row_errors(run)
    assert e[2][0][0] == "Xếp loại" and "bảng quy đổi xếp loại đảng viên" in e[2][0][1]
    assert e[3][0][0] == "Xếp loại" and "bảng quy đổi" in e[3][0][1]
    assert e[4][0][0] == "Năm" and "Chưa có đợt đánh giá năm 2012 có tên Trần Văn Cựu" in e[4][0][1]
    assert e[5][0][0] == "Năm" and "Chưa có đợt đánh giá năm 2018 có tên Lê Văn Muộn" in e[5][0][1]
    assert e[6][0][0] == "Xếp loại" and "đã có kết quả xếp loại năm 2018" in e[6][0][1] and "không sửa qua tệp" in e[6][0][1]
    assert e[7][0][0] == "Họ và tên" and "không khớp" in e[7][0][1]
    assert e[8][0][0] == "Số CCCD" and "Không có đảng viên số 001099999999" in e[8][0][1]
    assert e[9][0][0] == "Số CCCD" and "phải có ít nhất một" in e[9][0][1]
    assert e[10][0][0] == "Năm"
    assert e[11] == [["Ngày quyết định", "bắt buộc, không được để trống."]]
    assert e[12][0][0] == "Ngày quyết định" and "không trước năm đánh giá 2017" in e[12][0][1]
    assert e[13][0][0] == "Xếp loại" and "không xếp loại chất lượng" in e[13][0][1]
    assert 14 not in e and e[15][0] == ["Số CCCD", "Số CCCD 001060000001 năm 2018 trùng với dòng 14 trong cùng tệp."]
    assert MemberReview.objects.filter(step="decided").count() == 1


def test_a_member_who_has_left_since_has_the_grade_of_a_year_in_the_party(cast, register):
    """The 2018 campaign, opened in 2026, lists the members in the party on 31/12/2018 in their cell of that day:
    Hoà, who left the party in 2021, is listed and her 2018 grade imports; the veteran, moved to cell A1 in 2020, is
    reviewed in cell A2 where he was in 2018, and his row is refused when imported into cell A1."""
    hoa = Member.objects.get(citizen_id="001185012345")
    veteran = Member.objects.get(citizen_id="001060000001")
    member_services.record_event(by=SYSTEM, member=veteran, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=dt.date(2020, 6, 1), organization=cast.tree.cell_a1)
    member_services.record_event(by=SYSTEM, member=hoa, event_type=EventType.LEFT, effective_date=dt.date(2021, 5, 10),
                                 decision=member_services.Decision(number="5-QĐ/ĐU", ground=RemovalGround.OWN_REQUEST))
    hoa.refresh_from_db()
    assert hoa.status not in IN_PARTY
    _open(cast, 2018)
    assert {(r.member.full_name, r.cell.name) for r in MemberReview.objects.select_related("member", "cell")} == {
        ("Nguyễn Thị Hoà", cast.tree.cell_a1.name), ("Trần Văn Cựu", cast.tree.cell_a2.name)}
    run = _import(cast, "member_grades", ROWS[:1])
    assert run.status == RunStatus.APPLIED, row_errors(run)
    assert _decided() == {("Nguyễn Thị Hoà", 2018): ("excellent", "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ", "12-QĐ/ĐU",
                                                     "2019-01-15")}
    run = _import(cast, "member_grades", ROWS[1:2], org=cast.tree.cell_a1)
    assert run.status == RunStatus.REJECTED and "không thuộc Chi bộ" in row_errors(run)[2][0][1]
    assert _import(cast, "member_grades", ROWS[1:2], org=cast.tree.cell_a2).status == RunStatus.APPLIED


def test_scope(cast, register):
    _import(cast, "members", [NORTH], org=cast.tree.district_b, by=cast.officer_b)
    _open(cast, 2018)
    _open(cast, 2018, org=cast.tree.district_b)
    for user in (cast.secretary_a1, cast.officer_b, cast.viewer_a):
        with pytest.raises(PermissionDeniedInScope):
            services.preview(by=user, kind="member_grades", organization=cast.tree.district_a, file_name="a.xlsx",
                             content=xlsx("member_grades", ROWS[:1]))
    # district B's officer, into district B, naming a member of district A: not found in their scope
    run = _import(cast, "member_grades", ROWS[:1], by=cast.officer_b, org=cast.tree.district_b)
    assert run.status == RunStatus.REJECTED and "trong phạm vi quyền của bạn" in row_errors(run)[2][0][1]
    # district A's officer, into cell A2, naming a member of cell A1: outside the organization chosen
    run = _import(cast, "member_grades", ROWS[:1], org=cast.tree.cell_a2)
    assert run.status == RunStatus.REJECTED and "không thuộc Chi bộ" in row_errors(run)[2][0][1]
    row = {"citizen_id": "001070000002", "year": "2018", "original_label": "Hoàn thành nhiệm vụ", "decided_on": "15/01/2019"}
    assert _import(cast, "member_grades", [row], by=cast.officer_b, org=cast.tree.district_b).status == RunStatus.APPLIED
    assert MemberReview.objects.filter(step="decided").count() == 1


class _Undo(Exception):
    pass


def _cells(content):
    return [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]


def test_round_trip(cast, register):
    with pytest.raises(_Undo), transaction.atomic():
        _open(cast, 2018, 2019)
        assert _import(cast, "member_grades", ROWS).status == RunStatus.APPLIED
        first = export(KINDS["member_grades"], cast.tree.district_a)
        raise _Undo
    assert not MemberReview.objects.exists()
    _open(cast, 2018, 2019)
    assert _import(cast, "member_grades", [], content=first).status == RunStatus.APPLIED
    assert _cells(export(KINDS["member_grades"], cast.tree.district_a)) == _cells(first) and len(_cells(first)) == 4
    assert _decided()[("Trần Văn Cựu", 2018)][:2] == ("not_completed", "ĐẢNG VIÊN VI PHẠM TƯ CÁCH")
