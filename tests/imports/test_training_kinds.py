"""Training classes and their learners' results through the import: applied by training's services (create_class /
update_class, enrol + record_result, so a certificate feeds the member's theory history and the candidate's admission
step as from the class page), idempotent, every refusal named by row and column, scoped, counted in the figures of
their year, and a round trip (export → import into an empty register → export)."""

import datetime as dt
import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.figures import Window
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.imports.workbooks import export, template
from dangvu.members.models import Member, TheoryLevelRecord
from dangvu.statistics import engine
from dangvu.training import services as training_services
from dangvu.training.models import Enrolment, TrainingClass
from tests.admissions import candidate
from tests.imports.helpers import member_row, row_errors, rows_of, run_import, sheet_cells, xlsx

D = dt.date
pytestmark = pytest.mark.django_db

HOA = member_row()  # admitted 03/02/2015, full member from 15/02/2016, cell A1
TUAN = member_row(full_name="Trần Văn Tuấn", citizen_id="001080000002", sex="Nam", date_of_birth="01/01/1980",
                  organization="99.001.001.000.002")  # cell A2
THEORY = {"organization": "99.001", "name": "Lớp trung cấp lý luận chính trị khóa 10", "kind": "Trung cấp lý luận chính trị",
          "organizer_kind": "Trường chính trị", "organizer_name": "Trường Chính trị tỉnh Thử Nghiệm",
          "start_date": "06/03/2017", "end_date": "30/11/2018", "venue": "Trường Chính trị tỉnh"}
PARTY_WORK = {"organization": "99.001.001", "name": "Lớp nghiệp vụ công tác đảng 2020", "kind": "party_work",
              "organizer_kind": "Cấp ủy", "organizer_name": "Đảng ủy xã An Lạc", "start_date": "10/08/2020",
              "end_date": "12/08/2020"}
AWARENESS = {"organization": "99.001", "name": "Lớp nhận thức về Đảng đợt 1", "kind": "Bồi dưỡng nhận thức về Đảng",
             "organizer_kind": "Trung tâm chính trị", "organizer_name": "Trung tâm Chính trị huyện An Lạc",
             "start_date": "02/03/2026", "end_date": "06/03/2026"}
CLASSES = [THEORY, PARTY_WORK, AWARENESS]


def of(klass: dict) -> dict:
    return {"class_organization": klass["organization"], "class_name": klass["name"], "class_start": klass["start_date"]}


RESULTS = [
    of(THEORY) | {"citizen_id": "001185012345", "full_name": "Nguyễn Thị Hoà", "result": "Đạt", "certificate_number": "1234/TCLL",
                  "certificate_date": "15/12/2018"},
    of(THEORY) | {"citizen_id": "001080000002", "result": "Không đạt", "attended": "Có"},
    of(PARTY_WORK) | {"citizen_id": "001080000002", "full_name": "Trần Văn Tuấn", "result": "Đạt", "attended": "x",
                      "certificate_number": "15/GCN", "certificate_date": "12/08/2020", "certificate_issuer": "Huyện ủy An Lạc"},
]


def _import(cast, kind, rows_or_content, *, by=None, org=None):
    return run_import(by or cast.officer_a, kind, rows_or_content, organization=org or cast.tree.district_a)


@pytest.fixture
def register(cast):
    run = _import(cast, "members", [HOA, TUAN])
    assert run.status == RunStatus.APPLIED, row_errors(run)


@pytest.fixture
def classes(cast, register):
    run = _import(cast, "training_classes", CLASSES)
    assert run.status == RunStatus.APPLIED, row_errors(run)


def test_classes_and_results_through_the_services_and_twice_unchanged(cast, classes):
    theory = TrainingClass.objects.get(name=THEORY["name"])
    assert (theory.organization, theory.kind, theory.organizer_kind, theory.start_date, theory.end_date, theory.venue) == (
        cast.tree.district_a, "theory_intermediate", "school", D(2017, 3, 6), D(2018, 11, 30), "Trường Chính trị tỉnh")
    assert AuditEntry.objects.filter(action="training.create").count() == 3
    run = _import(cast, "training_results", RESULTS)
    assert run.status == RunStatus.APPLIED, row_errors(run)
    assert run.counts == {"new": 3, "changed": 0, "unchanged": 0, "rejected": 0}
    got = {(e.training_class.kind, e.full_name): (e.attended, e.result, e.certificate_number, e.certificate_date,
                                                  e.certificate_issuer)
           for e in Enrolment.objects.select_related("training_class")}
    assert got == {
        ("theory_intermediate", "Nguyễn Thị Hoà"): (True, "passed", "1234/TCLL", D(2018, 12, 15), "Trường Chính trị tỉnh Thử Nghiệm"),
        ("theory_intermediate", "Trần Văn Tuấn"): (True, "failed", "", None, ""),
        ("party_work", "Trần Văn Tuấn"): (True, "passed", "15/GCN", D(2020, 8, 12), "Huyện ủy An Lạc")}
    # the certificate of the theory class fed the member's dated theory history, as from the class page
    hoa = Member.objects.get(citizen_id="001185012345")
    record = TheoryLevelRecord.objects.get(member=hoa)
    assert (record.level.code, record.obtained_on, record.certificate_number) == ("intermediate", D(2018, 12, 15), "1234/TCLL")
    assert record.source.startswith(THEORY["name"]) and hoa.theory_level.code == "intermediate"
    assert not TheoryLevelRecord.objects.filter(member__citizen_id="001080000002").exists()
    assert AuditEntry.objects.filter(action="training.result").count() == 3
    for kind, rows in (("training_classes", CLASSES), ("training_results", RESULTS)):
        assert _import(cast, kind, rows).counts == {"new": 0, "changed": 0, "unchanged": len(rows), "rejected": 0}
    assert Enrolment.objects.count() == 3 and TheoryLevelRecord.objects.count() == 1


def test_a_class_is_corrected_as_its_page_allows(cast, classes):
    run = _import(cast, "training_classes", [THEORY | {"venue": "Cơ sở 2", "end_date": "01/12/2018"},
                                             PARTY_WORK | {"name": "LỚP NGHIỆP VỤ CÔNG TÁC ĐẢNG 2020"}])
    assert run.status == RunStatus.APPLIED, row_errors(run)
    assert run.counts == {"new": 0, "changed": 1, "unchanged": 1, "rejected": 0}
    assert rows_of(run)[0]["diff"] == [["Ngày bế giảng", "30/11/2018", "01/12/2018"], ["Địa điểm", "Trường Chính trị tỉnh",
                                                                                             "Cơ sở 2"]]
    theory = TrainingClass.objects.get(name=THEORY["name"])
    assert (theory.venue, theory.end_date) == ("Cơ sở 2", D(2018, 12, 1))
    assert AuditEntry.objects.filter(action="training.update", object_id=str(theory.pk)).count() == 1
    # the kind of a class with learners is locked (training.kind_locked), here as on the page
    assert _import(cast, "training_results", RESULTS[:1]).status == RunStatus.APPLIED
    run = _import(cast, "training_classes", [THEORY | {"kind": "Cao cấp lý luận chính trị"}])
    assert run.status == RunStatus.REJECTED
    assert row_errors(run)[2] == [["Loại lớp", "Loại lớp: lớp đã có học viên, không đổi loại lớp."]]


def test_every_class_refusal(cast, register):
    rows = [THEORY | {"organization": "99.002"},                            # 2 another district
            THEORY | {"kind": "Lớp tập huấn"},                              # 3 not a kind
            THEORY | {"end_date": "01/03/2017"},                            # 4 closes before it opens
            THEORY | {"organizer_name": ""},                                # 5 required
            THEORY | {"organizer_kind": "Bộ"},                              # 6 not an organizer
            THEORY | {"start_date": "31/02/2017"},                          # 7 not a date
            PARTY_WORK,                                                     # 8 valid
            PARTY_WORK | {"name": PARTY_WORK["name"].upper(), "venue": "Xã"}]  # 9 the same class (name folded)
    run = _import(cast, "training_classes", rows)
    assert run.status == RunStatus.REJECTED and not TrainingClass.objects.exists()
    e = row_errors(run)
    assert e[2][0][0] == "Mã tổ chức mở lớp" and "ngoài phạm vi quyền" in e[2][0][1]
    assert e[3][0][0] == "Loại lớp" and "không có trong danh mục" in e[3][0][1]
    assert e[4] == [["Ngày bế giảng", "Ngày bế giảng 01/03/2017 trước ngày khai giảng 06/03/2017."]]
    assert e[5] == [["Tên đơn vị tổ chức", "bắt buộc, không được để trống."]]
    assert e[6][0][0] == "Đơn vị tổ chức"
    assert e[7][0][0] == "Ngày khai giảng"
    assert 8 not in e and 9 not in e and len(e) == 6, e  # row 9 is row 8's class (the name folded): a correction
    run = _import(cast, "training_classes", rows[6:8])
    assert run.counts == {"new": 1, "changed": 1, "unchanged": 0, "rejected": 0}  # the venue set by the second row
    assert (TrainingClass.objects.get().name, TrainingClass.objects.get().venue) == (PARTY_WORK["name"], "Xã")
    run = _import(cast, "training_classes", [THEORY, THEORY])
    assert "trùng với dòng 2" in row_errors(run)[3][0][1]


def test_every_result_refusal_and_nothing_is_written(cast, classes):
    training_services.create_class(by=SYSTEM, organization=cast.tree.cell_a1, kind="refresher", name="Lớp chi bộ thôn Đông",
                                   organizer_kind="committee", organizer_name="Chi ủy thôn Đông", start_date=D(2021, 5, 4),
                                   end_date=D(2021, 5, 4))
    cell_class = {"class_organization": "99.001.001.000.001", "class_name": "Lớp chi bộ thôn Đông", "class_start": "04/05/2021"}
    base = RESULTS[0]
    rows = {2: base | {"class_start": "07/03/2017"},                                  # no such class
            3: base | {"citizen_id": "001185099999"},                                 # no such member
            4: base | {"full_name": "Nguyễn Thị Khác"},                               # name does not match
            5: base | {"attended": "Không"},                                          # passed but absent
            6: base | {"certificate_date": "01/03/2017"},                             # certificate before the class
            7: base | {"certificate_date": "04/12/2026"},                             # in the future
            8: base | {"result": "Không đạt"},                                        # a certificate for a failed learner
            9: base | {"certificate_date": ""},                                       # a number without a date
            10: cell_class | {"citizen_id": "001080000002", "result": "Đạt"},         # learner outside the class's subtree
            11: of(AWARENESS) | {"citizen_id": "001185012345", "result": "Đạt"},      # a member in the awareness class
            12: base | {"result": "Giỏi"},                                            # not a result
            13: base | {"attended": "Hình như có"}}                                   # not yes/no
    # a valid row beside a refused one: nothing is written
    run = _import(cast, "training_results", [base, rows[10]])
    assert run.status == RunStatus.REJECTED and list(row_errors(run)) == [3]
    assert not Enrolment.objects.exists() and not TheoryLevelRecord.objects.exists()
    e = {n: row_errors(_import(cast, "training_results", [row]))[2] for n, row in rows.items()}  # each alone: its reason
    assert e[2][0][0] == "Tên lớp" and "Không có lớp “Lớp trung cấp lý luận chính trị khóa 10” của 99.001 khai giảng 07/03/2017" \
        in e[2][0][1]
    assert e[3] == [["Số CCCD", "Không có đảng viên số 001185099999 trong phạm vi quyền của bạn."]]
    assert e[4][0][0] == "Họ và tên" and "không khớp" in e[4][0][1]
    assert e[5][0][0] == "Tham gia đầy đủ" and "không thể ghi kết quả đạt" in e[5][0][1]
    assert e[6][0][0] == "Ngày cấp giấy chứng nhận" and "trước ngày khai giảng 06/03/2017" in e[6][0][1]
    assert e[7][0][0] == "Ngày cấp giấy chứng nhận" and "sau ngày hôm nay" in e[7][0][1]
    assert e[8][0][0] == "Ngày cấp giấy chứng nhận" and "chỉ cấp giấy chứng nhận cho học viên có kết quả đạt" in e[8][0][1]
    assert e[9] == [["Ngày cấp giấy chứng nhận", "Ngày cấp giấy chứng nhận: bắt buộc khi ghi số giấy chứng nhận hoặc nơi cấp."]]
    assert e[10][0][0] == "Số CCCD" and "không là đảng viên sinh hoạt trong “Chi bộ thôn Đông” trong thời gian lớp học" in e[10][0][1]
    assert e[11][0][0] == "Số CCCD" and "chỉ ghi danh quần chúng ưu tú" in e[11][0][1]
    assert e[12][0][0] == "Kết quả" and "không có trong danh mục" in e[12][0][1]
    assert e[13][0][0] == "Tham gia đầy đủ" and "Có hoặc Không" in e[13][0][1]
    run = _import(cast, "training_results", [base, base | {"full_name": ""}])
    assert "trùng với dòng 2" in row_errors(run)[3][0][1] and not Enrolment.objects.exists()
    # a result recorded otherwise is refused, never overwritten (a certificate is final: it fed the records)
    assert _import(cast, "training_results", [base]).status == RunStatus.APPLIED
    run = _import(cast, "training_results", [base | {"certificate_number": "9999/TCLL"}])
    assert run.status == RunStatus.REJECTED
    assert row_errors(run)[2] == [["Kết quả", "Nguyễn Thị Hoà đã có kết quả lớp “Lớp trung cấp lý luận chính trị khóa 10” khác tệp "
                                "(Số giấy chứng nhận: đã ghi “1234/TCLL”, tệp ghi “9999/TCLL”); sửa trên trang lớp bồi dưỡng, "
                                "không sửa qua tệp."]]
    assert Enrolment.objects.get().certificate_number == "1234/TCLL"


def test_a_learner_enrolled_on_the_page_gets_the_result_from_the_file(cast, classes):
    theory = TrainingClass.objects.get(name=THEORY["name"])
    training_services.enrol(by=cast.officer_a, training_class=theory, members=[Member.objects.get(citizen_id="001185012345")])
    run = _import(cast, "training_results", RESULTS[:1])
    assert run.status == RunStatus.APPLIED, row_errors(run)
    assert run.counts["changed"] == 1 and ["Kết quả", "Chưa có kết quả", "Đạt"] in rows_of(run)[0]["diff"]
    assert Member.objects.get(citizen_id="001185012345").theory_level.code == "intermediate"


def test_a_candidate_in_the_awareness_class_by_citizen_id(cast, classes):
    c = candidate(cast.tree.cell_a1, citizen_id="001098000077")
    row = of(AWARENESS) | {"citizen_id": "001098000077", "full_name": "Nguyễn Văn Tiến", "result": "Đạt",
                           "certificate_number": "7/GCN-TTCT", "certificate_date": "06/03/2026"}
    run = _import(cast, "training_results", [row])
    assert run.status == RunStatus.APPLIED, row_errors(run)
    c.refresh_from_db()
    assert (c.awareness_certificate_date, c.awareness_certificate_number) == (D(2026, 3, 6), "7/GCN-TTCT")
    assert c.awareness_certificate_issuer == "Trung tâm Chính trị huyện An Lạc"
    assert _import(cast, "training_results", [row]).counts["unchanged"] == 1
    run = _import(cast, "training_results", [row | {"citizen_id": "001098000078"}])
    assert "Không có quần chúng ưu tú số CCCD 001098000078" in row_errors(run)[2][0][1]


def test_scope(cast, classes):
    for user in (cast.secretary_a1, cast.officer_b, cast.viewer_a, cast.member_a1):
        for kind, rows in (("training_classes", CLASSES), ("training_results", RESULTS)):
            with pytest.raises(PermissionDeniedInScope):
                services.preview(by=user, kind=kind, organization=cast.tree.district_a, file_name="a.xlsx",
                                 content=xlsx(kind, rows))
    # a class organized above the officer's scope (the province's school) is refused with the row's column
    training_services.create_class(by=SYSTEM, organization=cast.tree.province, **{
        k: v for k, v in THEORY.items() if k not in ("organization", "kind", "organizer_kind", "start_date", "end_date")},
        kind="theory_intermediate", organizer_kind="school", start_date=D(2017, 3, 6), end_date=D(2018, 11, 30))
    run = _import(cast, "training_classes", [THEORY | {"organization": "99"}])
    assert run.status == RunStatus.REJECTED and row_errors(run)[2][0][0] == "Mã tổ chức mở lớp"
    run = _import(cast, "training_results", [RESULTS[0] | {"class_organization": "99"}])
    assert run.status == RunStatus.REJECTED and row_errors(run)[2][0][0] == "Mã tổ chức mở lớp"
    assert "ngoài phạm vi quyền" in row_errors(run)[2][0][1]
    # district B's officer importing into district B reaches neither district A's classes nor its members
    run = _import(cast, "training_results", RESULTS[:1], by=cast.officer_b, org=cast.tree.district_b)
    assert run.status == RunStatus.REJECTED and row_errors(run)[2][0][0] == "Mã tổ chức mở lớp"
    assert not Enrolment.objects.exists()


def test_imported_results_count_in_the_figures_of_their_year(cast, classes):
    assert _import(cast, "training_results", RESULTS).status == RunStatus.APPLIED
    codes = ["training.classes", "training.learners", "training.learners.passed", "training.learners.by_kind.theory_intermediate",
             "training.theory.intermediate"]
    district = cast.tree.district_a
    assert engine.counts(Window.year(district, 2017), codes) == {
        "training.classes": 1, "training.learners": 2, "training.learners.passed": 1,
        "training.learners.by_kind.theory_intermediate": 2, "training.theory.intermediate": 0}
    assert engine.counts(Window.year(district, 2018), codes)["training.theory.intermediate"] == 1
    assert engine.counts(Window.year(district, 2020), ["training.learners", "training.learners.passed"]) == {
        "training.learners": 1, "training.learners.passed": 1}


class _Undo(Exception):
    pass


def test_round_trip_and_templates(cast):
    order = ("members", "training_classes", "training_results")
    with pytest.raises(_Undo), transaction.atomic():
        for kind, rows in zip(order, ([HOA, TUAN], CLASSES, RESULTS), strict=True):
            assert _import(cast, kind, rows).status == RunStatus.APPLIED
        first = {k: export(KINDS[k], cast.tree.district_a) for k in order}
        raise _Undo
    assert not Member.objects.exists() and not TrainingClass.objects.exists()
    for kind in order:
        run = _import(cast, kind, first[kind])
        assert run.status == RunStatus.APPLIED, (kind, row_errors(run))
    second = {k: export(KINDS[k], cast.tree.district_a) for k in order}
    for kind in order:
        assert sheet_cells(second[kind]) == sheet_cells(first[kind]), kind
    assert len(sheet_cells(first["training_classes"])) == 4 and len(sheet_cells(first["training_results"])) == 4
    assert Member.objects.get(citizen_id="001185012345").theory_level.code == "intermediate"
    assert len(sheet_cells(export(KINDS["training_classes"], cast.tree.district_a, D(2019, 12, 31)))) == 2
    for kind in ("training_classes", "training_results"):
        assert _import(cast, kind, second[kind]).counts["new"] == 0
        wb = load_workbook(io.BytesIO(template(KINDS[kind])))
        assert wb.sheetnames == [KINDS[kind].sheet_name, "Vi du", "Huong dan"]
        assert wb["Huong dan"].cell(3, 1).value == "Mã tổ chức mở lớp"
