"""Organizations' annual grades through the import: legacy labels mapped by evaluations' table and kept, applied by
evaluations.services.record_legacy_result, idempotent, every refusal named, scoped, round trip."""

import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.evaluations import services as eval_services
from dangvu.evaluations.models import OrganizationReview
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.imports.workbooks import export
from tests.imports.helpers import row_errors, xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    {"organization": "99.001.001.000.001", "name": "Chi bộ thôn Đông", "year": "2018", "original_label": "Trong sạch, vững mạnh",
     "decision_number": "5-QĐ/HU", "decided_on": "20/01/2019"},
    {"organization": "99.001.001.000.002", "year": 2018, "original_label": "HOÀN THÀNH TỐT NHIỆM VỤ", "decided_on": "20/01/2019"},
    {"organization": "99.001.001", "year": "2019", "original_label": "Yếu kém", "decision_number": "9-QĐ/HU",
     "decided_on": "15/01/2020"},
]


def _open(cast, *years):
    for y in years:
        eval_services.open_campaign(by=SYSTEM, organization=cast.tree.district_a, year=y)


def _import(cast, rows, *, by=None, org=None, content=None):
    by = by or cast.officer_a
    run = services.preview(by=by, kind="org_grades", organization=org or cast.tree.district_a, file_name="xl.xlsx",
                           content=content or xlsx("org_grades", rows))
    if run.status == RunStatus.PREVIEWED:
        run = services.apply(by=by, run=run)
    return run




def test_grades_mapped_kept_and_twice_unchanged(cast):
    _open(cast, 2018, 2019)
    run = _import(cast, ROWS)
    assert run.status == RunStatus.APPLIED, row_errors(run)
    got = {(r.organization.code, r.campaign.year): (r.grade, r.original_label, r.step)
           for r in OrganizationReview.objects.filter(step="decided").select_related("organization", "campaign")}
    assert got == {("99.001.001.000.001", 2018): ("excellent", "Trong sạch, vững mạnh", "decided"),
                   ("99.001.001.000.002", 2018): ("good", "HOÀN THÀNH TỐT NHIỆM VỤ", "decided"),
                   ("99.001.001", 2019): ("not_completed", "Yếu kém", "decided")}
    assert _import(cast, ROWS).counts == {"new": 0, "changed": 0, "unchanged": 3, "rejected": 0}


def test_every_grade_refusal(cast):
    _open(cast, 2018)
    assert _import(cast, ROWS[:1]).status == RunStatus.APPLIED
    base = ROWS[1]
    rows = [base | {"original_label": "Khá"},                              # 2 not in the table
            base | {"year": "2017"},                                        # 3 no campaign that year
            base | {"organization": "99.002.001.000.001"},                  # 4 outside the district
            ROWS[0] | {"original_label": "Hoàn thành nhiệm vụ"},            # 5 decided otherwise
            base | {"name": "Chi bộ khác", "year": "2016"},                 # 6 the name does not match
            base | {"year": "18"},                                          # 7 not a year
            base | {"decided_on": ""},                                      # 8 date required
            base,                                                           # 9 valid
            base]                                                           # 10 twice
    run = _import(cast, rows)
    assert run.status == RunStatus.REJECTED
    e = row_errors(run)
    assert e[2][0][0] == "Xếp loại" and "bảng quy đổi" in e[2][0][1]
    assert e[3][0][0] == "Năm" and "Chưa có đợt đánh giá năm 2017" in e[3][0][1]
    assert e[4][0][0] == "Mã tổ chức" and "ngoài phạm vi" in e[4][0][1]
    assert e[5][0][0] == "Xếp loại" and "đã có kết quả" in e[5][0][1]
    assert e[6][0][0] == "Tên tổ chức"
    assert e[7][0][0] == "Năm"
    assert e[8] == [["Ngày quyết định", "bắt buộc, không được để trống."]]
    assert 9 not in e and "trùng với dòng 9" in e[10][0][1]
    assert OrganizationReview.objects.filter(step="decided").count() == 1


def test_scope(cast):
    _open(cast, 2018)
    for user in (cast.secretary_a1, cast.officer_b, cast.viewer_a):
        with pytest.raises(PermissionDeniedInScope):
            services.preview(by=user, kind="org_grades", organization=cast.tree.district_a, file_name="a.xlsx",
                             content=xlsx("org_grades", ROWS))
    run = _import(cast, ROWS[:1], by=cast.officer_b, org=cast.tree.district_b)
    assert run.status == RunStatus.REJECTED and "ngoài phạm vi" in row_errors(run)[2][0][1]


class _Undo(Exception):
    pass


def _cells(content):
    return [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]


def test_round_trip(cast):
    with pytest.raises(_Undo), transaction.atomic():
        _open(cast, 2018, 2019)
        assert _import(cast, ROWS).status == RunStatus.APPLIED
        first = export(KINDS["org_grades"], cast.tree.district_a)
        raise _Undo
    _open(cast, 2018, 2019)
    assert _import(cast, [], content=first).status == RunStatus.APPLIED
    assert _cells(export(KINDS["org_grades"], cast.tree.district_a)) == _cells(first) and len(_cells(first)) == 4
