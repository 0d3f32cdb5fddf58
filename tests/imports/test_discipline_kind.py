"""Discipline decisions taken before the application through the import: applied by
discipline.services.record_past_decision, idempotent, every refusal named by row and column, scoped, consistent with
the membership events import for an expulsion, counted in the figures of their year, and a round trip."""

import datetime as dt
import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from dangvu.accounts.models import Role
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.figures import Window
from dangvu.discipline.kinds import Status
from dangvu.discipline.models import Proceeding
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.imports.workbooks import export, template
from dangvu.members.kinds import EventType
from dangvu.members.kinds import Status as MemberStatus
from dangvu.members.models import Member, MembershipEvent
from dangvu.statistics import engine
from tests.conftest import _user
from tests.imports.helpers import Undo as _Undo
from tests.imports.helpers import import_rows as _import
from tests.imports.helpers import member_row, xlsx
from tests.imports.helpers import row_errors as _errors
from tests.imports.helpers import sheet_cells as _cells

D = dt.date
pytestmark = pytest.mark.django_db

HOA = member_row()  # admitted 03/02/2015, full member from 15/02/2016, cell A1
VETERAN = member_row(full_name="Trần Văn Cựu", citizen_id="001060000001", sex="Nam", date_of_birth="01/01/1960",
                     admission_decision_date="10/01/1990", ceremony_date="20/01/1990", recognition_date="20/01/1991",
                     admitted_in="Chi bộ Hợp tác xã cũ", joined_on="01/01/2010", organization="99.001.001.000.002")
NEW = member_row(full_name="Lê Thị Mới", citizen_id="001195000002", date_of_birth="01/01/1995",
                 admission_decision_date="01/06/2026", ceremony_date="10/06/2026", recognition_date="")  # probationary
WARNING = {"citizen_id": "001185012345", "full_name": "Nguyễn Thị Hoà", "decided_form": "Cảnh cáo",
           "summary": "Vi phạm quy định những điều đảng viên không được làm", "committed_on": "15/08/2018",
           "body_kind": "Chi bộ (hội nghị đảng viên)", "deciding_organization": "99.001.001.000.001",
           "decision_number": "01-QĐ/CB", "decided_on": "10/10/2018", "announced_on": "12/10/2018"}
ORG_REPRIMAND = {"organization": "99.001.001.000.002", "decided_form": "Khiển trách", "summary": "Buông lỏng sinh hoạt chi bộ",
                 "body_kind": "Ban Thường vụ cấp ủy", "deciding_organization": "99.001.001", "decision_number": "3-QĐ/ĐU",
                 "decided_on": "05/03/2019", "announced_on": "07/03/2019"}
EXPULSION = {"citizen_id": "001060000001", "full_name": "Trần Văn Cựu", "decided_form": "Khai trừ",
             "summary": "Tham nhũng, gây hậu quả rất nghiêm trọng", "body_kind": "Ban Thường vụ cấp ủy",
             "deciding_organization": "99.001", "decision_number": "15-QĐ/HU", "decided_on": "10/05/2020",
             "announced_on": "20/05/2020", "expulsion_ground": "corruption"}
EXPELLED_EVENT = {"citizen_id": "001060000001", "event_type": "Khai trừ", "effective_date": "20/05/2020",
                  "decision_number": "15-QĐ/HU", "decision_date": "10/05/2020", "deciding_body": "Ban Thường vụ Huyện ủy",
                  "ground": "corruption"}


@pytest.fixture
def register(cast):
    run = _import(cast, "members", [HOA, VETERAN, NEW])
    assert run.status == RunStatus.APPLIED, _errors(run)


def test_decisions_are_applied_twice_changes_nothing_and_they_count_in_their_year(cast, register):
    run = _import(cast, "discipline", [WARNING, ORG_REPRIMAND])
    assert run.status == RunStatus.APPLIED, _errors(run)
    assert run.counts == {"new": 2, "changed": 0, "unchanged": 0, "rejected": 0}
    warned = Proceeding.objects.get(member__citizen_id="001185012345")
    assert (warned.status, warned.decided_form, warned.lapses_on) == (Status.ANNOUNCED, "warning", D(2019, 10, 12))
    assert Proceeding.objects.get(subject_organization__code="99.001.001.000.002").body_kind == "standing_committee"
    again = _import(cast, "discipline", [WARNING, ORG_REPRIMAND])
    assert again.status == RunStatus.APPLIED
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 2, "rejected": 0}
    assert Proceeding.objects.count() == 2
    district = cast.tree.district_a
    assert engine.counts(Window(district, D(2018, 1, 1), D(2018, 12, 31)),
                         ["discipline.members", "discipline.members.by_form.warning", "discipline.organizations"]) == {
        "discipline.members": 1, "discipline.members.by_form.warning": 1, "discipline.organizations": 0}
    assert engine.counts(Window(district, D(2019, 1, 1), D(2019, 12, 31)),
                         ["discipline.members", "discipline.organizations.by_form.reprimand", "discipline.lapses"]) == {
        "discipline.members": 0, "discipline.organizations.by_form.reprimand": 1, "discipline.lapses": 1}


def test_every_refusal_is_named_and_nothing_is_written(cast, register):
    rows = [WARNING | {"decided_on": "10/10/2027", "announced_on": ""},                       # 2 in the future
            WARNING | {"decided_on": "10/10/2012", "announced_on": "12/10/2012", "committed_on": "",
                       "decision_number": "02-QĐ/CB"},                                          # 3 not yet in the party
            WARNING | {"decided_form": "Đình chỉ sinh hoạt"},                                    # 4 not a form
            WARNING | {"decided_form": "Khai trừ", "decision_number": "03-QĐ/CB"},               # 5 a cell may not expel
            {**WARNING, "citizen_id": "001195000002", "full_name": "", "decided_form": "Khai trừ",
             "body_kind": "Ban Thường vụ cấp ủy", "deciding_organization": "99.001", "decided_on": "01/11/2026",
             "announced_on": "02/11/2026", "expulsion_ground": "corruption"},                   # 6 probationary: no expulsion
            WARNING | {"deciding_organization": "99.001.001.000.002", "decision_number": "04-QĐ/CB"},  # 7 another cell
            WARNING | {"body_kind": "Chi ủy", "decision_number": "05-QĐ/CB"},                    # 8 a cell committee
            WARNING | {"announced_on": "01/10/2018", "decision_number": "06-QĐ/CB"},             # 9 announced before
            WARNING | {"citizen_id": "001185099999", "decision_number": "07-QĐ/CB"},             # 10 no such member
            WARNING | {"organization": "99.001.001.000.002", "decision_number": "08-QĐ/CB"},     # 11 member and organization
            WARNING | {"deciding_organization": "99.999", "decision_number": "09-QĐ/CB"},       # 12 no such organization
            WARNING | {"decision_number": ""},                                                  # 13 number required
            WARNING,                                                                            # 14 valid
            WARNING]                                                                            # 15 the same row twice
    run = _import(cast, "discipline", rows)
    assert run.status == RunStatus.REJECTED and not Proceeding.objects.exists()
    e = _errors(run)
    assert e[2] == [["Ngày quyết định", "Ngày quyết định: không thể sau ngày hôm nay."]]
    assert e[3] == [["Số CCCD", "Đảng viên: ngày 10/10/2012 Nguyễn Thị Hoà không sinh hoạt trong Đảng."]]
    assert e[4][0][0] == "Hình thức kỷ luật" and "không có trong danh mục" in e[4][0][1]
    assert e[5][0][0] == "Hình thức kỷ luật" and "chi bộ chỉ quyết định khiển trách, cảnh cáo" in e[5][0][1]
    assert e[6][0][0] == "Hình thức kỷ luật" and "đảng viên dự bị chỉ có thể bị khiển trách, cảnh cáo" in e[6][0][1]
    assert e[7][0][0] == "Mã tổ chức quyết định" and "chi bộ chỉ kỷ luật đảng viên của chi bộ mình" in e[7][0][1]
    assert e[8][0][0] == "Cơ quan quyết định" and "chi ủy không có thẩm quyền" in e[8][0][1]
    assert e[9][0][0] == "Ngày công bố" and "trước ngày quyết định" in e[9][0][1]
    assert e[10] == [["Số CCCD", "Không có đảng viên số 001185099999 trong phạm vi quyền của bạn."]]
    assert e[11][0][0] == "Mã tổ chức bị kỷ luật" and "không ghi cả hai" in e[11][0][1]
    assert e[12] == [["Mã tổ chức quyết định", "Mã tổ chức quyết định “99.999”: không có trong Đảng bộ huyện An Lạc hay "
                      "các tổ chức cấp trên của nó."]]
    # an organization of another district answers the same words (existence does not leak)
    other = _errors(_import(cast, "discipline", [WARNING | {"deciding_organization": "99.002"}]))
    assert other[2] == [[e[12][0][0], e[12][0][1].replace("99.999", "99.002")]]
    assert e[13][0][0] == "Số quyết định"
    assert 14 not in e and "trùng với dòng 14" in e[15][0][1]
    # a recorded decision the file tells differently is refused, not overwritten
    assert _import(cast, "discipline", [WARNING]).status == RunStatus.APPLIED
    run = _import(cast, "discipline", [WARNING | {"decided_form": "Khiển trách"}])
    assert run.status == RunStatus.REJECTED
    assert "đã được ghi với nội dung khác (Hình thức kỷ luật: đã ghi “Cảnh cáo”, tệp ghi “Khiển trách”)" in _errors(run)[2][0][1]
    assert "sửa trên trang Kỷ luật đảng, không sửa qua tệp" in _errors(run)[2][0][1]
    assert Proceeding.objects.get().decided_form == "warning"


def test_scope(cast, register):
    for user in (cast.secretary_a1, cast.officer_b, cast.viewer_a):
        with pytest.raises(PermissionDeniedInScope):
            services.preview(by=user, kind="discipline", organization=cast.tree.district_a, file_name="a.xlsx",
                             content=xlsx("discipline", [WARNING]))
    # district B's officer importing into district B reaches neither district A's members nor its organizations
    run = _import(cast, "discipline", [WARNING, ORG_REPRIMAND], by=cast.officer_b, org=cast.tree.district_b)
    assert run.status == RunStatus.REJECTED and not Proceeding.objects.exists()
    assert "trong phạm vi quyền" in _errors(run)[2][0][1] and "ngoài phạm vi quyền" in _errors(run)[3][0][1]
    # the district's inspection officer decides discipline there: they may import
    inspector = _user("inspector_a", "Vũ Văn Kiểm", cast.tree.district_a, Role.INSPECTION_OFFICER)
    assert _import(cast, "discipline", [WARNING], by=inspector).status == RunStatus.APPLIED


def test_expulsion_brought_by_the_events_file_is_its_removal(cast, register):
    assert _import(cast, "events", [EXPELLED_EVENT]).status == RunStatus.APPLIED
    run = _import(cast, "discipline", [EXPULSION | {"announced_on": "25/05/2020"}])  # another day than the register's
    assert run.status == RunStatus.REJECTED
    assert any(c == "Ngày công bố" and "đã ghi Trần Văn Cựu bị khai trừ ngày 20/05/2020" in m for c, m in _errors(run)[2])
    run = _import(cast, "discipline", [EXPULSION | {"decision_number": "16-QĐ/HU"}])  # another decision
    assert _errors(run)[2] == [["Số quyết định", "Số quyết định: sổ đảng viên ghi khai trừ ngày 20/05/2020 theo quyết định "
                                "15-QĐ/HU, không phải 16-QĐ/HU."]]
    run = _import(cast, "discipline", [EXPULSION | {"expulsion_ground": ""}])
    assert run.status == RunStatus.APPLIED, _errors(run)
    assert MembershipEvent.objects.filter(event_type=EventType.EXPELLED).count() == 1
    p = Proceeding.objects.get()
    assert (p.status, p.expulsion_ground, p.organization.code) == (Status.ANNOUNCED, "corruption", "99.001.001.000.002")
    assert _import(cast, "discipline", [EXPULSION]).counts["unchanged"] == 1


def test_expulsion_imported_first_records_the_removal_and_the_events_file_finds_it(cast, register):
    run = _import(cast, "discipline", [EXPULSION])
    assert run.status == RunStatus.APPLIED, _errors(run)
    assert Member.objects.get(citizen_id="001060000001").status == MemberStatus.EXPELLED
    run = _import(cast, "events", [EXPELLED_EVENT])
    assert run.counts == {"new": 0, "changed": 0, "unchanged": 1, "rejected": 0}
    assert MembershipEvent.objects.filter(event_type=EventType.EXPELLED).count() == 1


def test_round_trip_and_template(cast):
    order = ("members", "events", "discipline")
    with pytest.raises(_Undo), transaction.atomic():
        assert _import(cast, "members", [HOA, VETERAN, NEW]).status == RunStatus.APPLIED
        run = _import(cast, "discipline", [WARNING, ORG_REPRIMAND, EXPULSION])
        assert run.status == RunStatus.APPLIED, _errors(run)
        first = {k: export(KINDS[k], cast.tree.district_a) for k in order}
        raise _Undo
    assert not Member.objects.exists() and not Proceeding.objects.exists()
    for kind in order:
        run = _import(cast, kind, first[kind])
        assert run.status == RunStatus.APPLIED, (kind, _errors(run))
    second = {k: export(KINDS[k], cast.tree.district_a) for k in order}
    for kind in order:
        assert _cells(second[kind]) == _cells(first[kind]), kind
    assert len(_cells(first["discipline"])) == 4
    assert MembershipEvent.objects.filter(event_type=EventType.EXPELLED).count() == 1
    assert _import(cast, "discipline", second["discipline"]).counts["unchanged"] == 3
    # as known on a past day: decided by then, the announcement only when it had happened
    rows = _cells(export(KINDS["discipline"], cast.tree.district_a, on=D(2020, 5, 15)))
    headers = rows[0]
    assert len(rows) == 4 and rows[3][headers.index("Ngày công bố")] in (None, "")
    wb = load_workbook(io.BytesIO(template(KINDS["discipline"])))
    assert wb.sheetnames == ["Ky luat", "Vi du", "Huong dan"]
