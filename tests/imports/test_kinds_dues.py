"""Dues payments through the import: applied by dues.services.record_payment, idempotent, every refusal named,
scoped, and a round trip (export → import into an empty register → export)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import transaction
from openpyxl import load_workbook

from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.dues import services as dues_services
from dangvu.dues.models import DuesPayment
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.kinds_dues import money, month
from dangvu.imports.models import RunStatus
from dangvu.imports.workbooks import export, template
from dangvu.members.models import Member
from tests.imports.helpers import csv_bytes, member_row, row_errors, xlsx

pytestmark = pytest.mark.django_db

HOA = member_row()  # admitted 03/02/2015, cell A1
PAYMENTS = [
    {"citizen_id": "001185012345", "full_name": "Nguyễn Thị Hoà", "month": "05/2024", "amount": "80.000",
     "paid_on": "10/05/2024", "channel": "Tiền mặt tại chi bộ", "receipt_number": "BL-1"},
    {"citizen_id": "001185012345", "month": "2024-06", "amount": 80000, "extra": "20.000", "paid_on": "28/05/2024",
     "channel": "Cổng Dịch vụ công quốc gia"},
    {"citizen_id": "001185012345", "month": "01/07/2024", "amount": "80 000 đ", "paid_on": "02/08/2024"},
]


def _import(cast, kind, rows, *, by=None, org=None, content=None):
    by = by or cast.officer_a
    content = content or xlsx(kind, rows)
    name = f"{kind}.xlsx" if content.startswith(b"PK") else f"{kind}.csv"
    run = services.preview(by=by, kind=kind, organization=org or cast.tree.district_a, file_name=name, content=content)
    if run.status == RunStatus.PREVIEWED:
        run = services.apply(by=by, run=run)
    return run




def _members(cast, content=None):
    """Hoà in the register, with what her dues are computed from since 2024 (insured, 8.000.000 đ: 80.000 đ a month;
    the basis is declared on the dues page, it is not part of the import)."""
    assert _import(cast, "members", [HOA], content=content).status == RunStatus.APPLIED
    dues_services.declare_basis(by=SYSTEM, member=Member.objects.get(), valid_from=dt.date(2024, 1, 1), category="insured",
                                income=Decimal(8_000_000))


@pytest.fixture
def register(cast):
    _members(cast)


def test_month_and_money_cells():
    assert month("5/2024").isoformat() == "2024-05-01" and month("2024-12").isoformat() == "2024-12-01"
    assert month("17/03/2023").isoformat() == "2023-03-01" and month(None) is None
    for bad in ("13/2024", "31/02/2024", "tháng năm"):
        with pytest.raises(ValueError, match="Tháng"):
            month(bad)
    assert money("80.000") == money(80000.0) == money("80 000 đ") == Decimal(80000)
    with pytest.raises(ValueError, match="Số tiền"):
        money("tám chục")


def test_payments_applied_then_reimport_changes_nothing(cast, register):
    run = _import(cast, "dues", PAYMENTS)
    assert run.status == RunStatus.APPLIED, row_errors(run)
    got = list(DuesPayment.objects.order_by("month").values_list("month", "amount", "extra", "channel", "receipt_number"))
    assert [(m.isoformat(), int(a), int(e), c, r) for m, a, e, c, r in got] == [
        ("2024-05-01", 80000, 0, "cash", "BL-1"), ("2024-06-01", 80000, 20000, "portal", ""), ("2024-07-01", 80000, 0, "cash", "")]
    again = _import(cast, "dues", [], content=csv_bytes("dues", PAYMENTS))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3, "rejected": 0}, again.report
    assert DuesPayment.objects.count() == 3


def test_every_dues_refusal_is_named_and_nothing_is_written(cast, register):
    assert _import(cast, "dues", PAYMENTS[:1]).status == RunStatus.APPLIED
    base = PAYMENTS[0] | {"receipt_number": ""}
    rows = [base | {"amount": "90.000"},                          # 2 a month already paid, differently
            base | {"month": "06/2024", "amount": "-5.000"},      # 3 negative
            base | {"month": "07/2024", "amount": "80.000.000"},  # 4 absurd
            base | {"month": "05/2014"},                          # 5 before she was in the party (not in the cell)
            base | {"month": "08/2024", "paid_on": "01/01/2027"},  # 6 paid in the future
            base | {"month": "09/2024", "channel": "Chuyển khoản"},  # 7 not a channel
            base | {"month": "13/2024"},                          # 8 not a month
            base | {"month": "10/2024", "amount": ""},            # 9 amount required
            base | {"month": "11/2024", "citizen_id": "001185099999"},  # 10 no such member
            base | {"month": "12/2024"},                          # 11 valid
            base | {"month": "12/2024"}]                          # 12 twice in the file
    run = _import(cast, "dues", rows)
    assert run.status == RunStatus.REJECTED and DuesPayment.objects.count() == 1
    e = row_errors(run)
    assert e[2][0][0] == "Tháng" and "không ghi hai lần" in e[2][0][1]
    assert e[3][0][0] == "Số tiền (đồng)" and "không được âm" in e[3][0][1]
    assert e[4][0][0] == "Số tiền (đồng)" and "lớn hơn" in e[4][0][1]
    assert e[5][0][0] == "Tháng" and "không sinh hoạt ở chi bộ" in e[5][0][1]
    assert e[6][0][0] == "Ngày đóng" and "sau hôm nay" in e[6][0][1]
    assert e[7][0][0] == "Hình thức nộp"
    assert e[8][0][0] == "Tháng" and "từ 1 đến 12" in e[8][0][1]
    assert e[9] == [["Số tiền (đồng)", "bắt buộc, không được để trống."]]
    assert e[10] == [["Số CCCD", "Không có đảng viên số 001185099999 trong phạm vi quyền của bạn."]]
    assert 11 not in e and "trùng với dòng 11" in e[12][0][1]


def test_scope_secretary_and_outsider(cast, register):
    for user in (cast.secretary_a1, cast.officer_b, cast.viewer_a):
        with pytest.raises(PermissionDeniedInScope):
            services.preview(by=user, kind="dues", organization=cast.tree.district_a, file_name="a.xlsx",
                             content=xlsx("dues", PAYMENTS))
    run = _import(cast, "dues", PAYMENTS, by=cast.officer_b, org=cast.tree.district_b)
    assert run.status == RunStatus.REJECTED and "trong phạm vi quyền" in row_errors(run)[2][0][1]
    assert not DuesPayment.objects.exists()


class _Undo(Exception):
    pass


def _cells(content: bytes) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]


def test_round_trip_and_template(cast):
    with pytest.raises(_Undo), transaction.atomic():
        _members(cast)
        assert _import(cast, "dues", PAYMENTS).status == RunStatus.APPLIED
        first = {k: export(KINDS[k], cast.tree.district_a) for k in ("members", "dues")}
        raise _Undo
    assert not Member.objects.exists() and not DuesPayment.objects.exists()
    _members(cast, first["members"])
    run = _import(cast, "dues", [], content=first["dues"])
    assert run.status == RunStatus.APPLIED, row_errors(run)
    assert _cells(export(KINDS["dues"], cast.tree.district_a)) == _cells(first["dues"])
    assert len(_cells(first["dues"])) == 4
    assert _import(cast, "dues", [], content=first["dues"]).counts["unchanged"] == 3
    wb = load_workbook(io.BytesIO(template(KINDS["dues"])))
    assert wb.sheetnames == ["Dang phi", "Vi du", "Huong dan"] and wb["Vi du"].cell(2, 4).value == "05/2024"
