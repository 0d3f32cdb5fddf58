"""/api/dues/…: rates by date, bases and payments scoped (404 outside, own rows for a member), rules as 400."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.dues import services
from dangvu.dues.models import DuesPayment
from dangvu.members.models import Member
from tests.dues import member_with_basis

pytestmark = pytest.mark.django_db
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
D = dt.date


@pytest.fixture
def people(cast):
    a1 = member_with_basis("Lê Văn Cường", cast.tree.cell_a1)
    Member.objects.filter(pk=a1.pk).update(user=cast.member_a1)
    return SimpleNamespace(a1=a1, b1=member_with_basis("Phạm Văn Bắc", cast.tree.cell_b1))


def test_rates_by_date(cast, api):
    before = api(cast.member_a1).get("/api/dues/rates/?on=31/01/2026").json()
    after = api(cast.member_a1).get("/api/dues/rates/?on=2026-02-01").json()
    assert before["regime"] == "QĐ 342-QĐ/TW" and after["regime"] == "QĐ 01-QĐ/TW"
    student = next(p for p in after["parameters"] if p["key"] == "dues.qd01.student_amount")
    assert (student["value"], student["rule"]) == ("5000", "D6")
    assert api().get("/api/dues/rates/").status_code in (401, 403)


def test_read_matrix(cast, api, people):
    [pay_a1] = services.record_payment(by=SYSTEM, member=people.a1, months=[D(2026, 11, 1)], paid_on=D(2026, 11, 5))
    [pay_b1] = services.record_payment(by=SYSTEM, member=people.b1, months=[D(2026, 11, 1)], paid_on=D(2026, 11, 5))
    expected = {
        f"/api/dues/payments/{pay_a1.pk}/": [200, 200, 200, 200, 200, 404],
        f"/api/dues/payments/{pay_b1.pk}/": [200, 404, 404, 404, 404, 200],
    }
    failures = []
    for url, statuses in expected.items():
        for who, status in zip(CAST, statuses, strict=True):
            got = api(getattr(cast, who)).get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)
    names = lambda who, url: {r["member_name"] for r in api(getattr(cast, who)).get(url).json()["results"]}  # noqa: E731
    assert names("officer_a", "/api/dues/payments/") == {"Lê Văn Cường"}
    assert names("member_a1", "/api/dues/payments/") == {"Lê Văn Cường"}
    assert names("member_a1", "/api/dues/bases/") == {"Lê Văn Cường"}
    assert names("officer_b", "/api/dues/bases/") == {"Phạm Văn Bắc"}


def test_write_matrix_and_rules(cast, api, people):
    body = {"member": people.a1.pk, "months": ["2026-10-01", "2026-11-01"], "paid_on": "2026-11-20", "channel": "portal",
            "receipt_number": "DVC-1"}
    assert api(cast.officer_b).post("/api/dues/payments/", body, format="json").status_code == 400  # member not visible
    assert api(cast.viewer_a).post("/api/dues/payments/", body, format="json").status_code == 403
    assert api(cast.member_a1).post("/api/dues/payments/", body, format="json").status_code == 403
    response = api(cast.secretary_a1).post("/api/dues/payments/", body, format="json")
    assert response.status_code == 201, response.json()
    assert [(r["month"], r["amount"], r["timing"]) for r in response.json()] == [("2026-10-01", "80000", "late"),
                                                                                ("2026-11-01", "80000", "")]
    again = api(cast.secretary_a1).post("/api/dues/payments/", body | {"months": ["2026-11-01"]}, format="json")
    assert again.status_code == 400 and again.json()["violations"][0]["code"] == "dues.already_paid"
    negative = api(cast.officer_a).post("/api/dues/payments/", body | {"months": ["2026-09-01"], "amount_per_month": "-1"},
                                        format="json")
    assert negative.status_code == 400 and negative.json()["violations"][0]["code"] == "dues.amount_negative"
    assert DuesPayment.objects.count() == 2
    payment = DuesPayment.objects.get(month=D(2026, 10, 1))
    stale = api(cast.secretary_a1).post(f"/api/dues/payments/{payment.pk}/void/", {"void_reason": "Nhầm", "version": 9},
                                        format="json")
    assert stale.status_code == 409
    voided = api(cast.secretary_a1).post(f"/api/dues/payments/{payment.pk}/void/", {"void_reason": "Nhầm",
                                                                                     "version": payment.version}, format="json")
    assert voided.status_code == 200 and voided.json()["void_reason"] == "Nhầm"


def test_basis_declared_through_the_api(cast, api, people):
    body = {"member": people.a1.pk, "valid_from": "2026-12-01", "category": "uninsured", "zone": 2}
    assert api(cast.officer_b).post("/api/dues/bases/", body, format="json").status_code == 400
    bad = api(cast.secretary_a1).post("/api/dues/bases/", body | {"zone": None}, format="json")
    assert bad.status_code == 400 and "zone" in bad.json()
    ok = api(cast.member_a1).post("/api/dues/bases/", body, format="json")  # the member reports their own (D1)
    assert ok.status_code == 201 and ok.json()["reported_by_member"] is True


def test_month_bulk_entry_all_or_nothing(cast, api, people):
    """POST /api/dues/months/: a month's payments for the cell in one call, through the entry page's service: every bad
    row reported with its index and field, nothing saved; then all saved at once."""
    second = member_with_basis("Trần Thị Bê", cast.tree.cell_a1, category="student")
    url = "/api/dues/months/"
    bad = {"cell": cast.tree.cell_a1.pk, "month": "2026-11-15", "paid_on": "2026-11-20", "rows": [
        {"member": people.a1.pk, "amount": "80000"},
        {"member": second.pk, "amount": "-5000"},
        {"member": people.b1.pk, "amount": "80000"},
        {"member": second.pk, "amount": "5000", "paid_on": "2027-01-01"}]}
    response = api(cast.secretary_a1).post(url, bad, format="json")
    assert response.status_code == 400
    assert [(v["code"], v["field"]) for v in response.json()["violations"]] == [
        ("dues.amount_negative", "rows.1.amount"), ("dues.not_in_cell", "rows.2.month"),
        ("dues.paid_on_future", "rows.3.paid_on")]
    assert not DuesPayment.objects.exists()
    good = {"cell": cast.tree.cell_a1.pk, "month": "2026-11-15", "paid_on": "2026-11-20", "rows": [
        {"member": people.a1.pk, "amount": "80000", "extra": "20000", "channel": "portal", "receipt_number": "DVC-9"},
        {"member": second.pk}]}
    assert api(cast.viewer_a).post(url, good, format="json").status_code == 403
    assert api(cast.officer_b).post(url, good, format="json").status_code == 400  # the cell is not visible
    assert api(cast.secretary_a1).post(url, good | {"cell": cast.tree.grassroots_a.pk}, format="json").status_code == 400
    response = api(cast.secretary_a1).post(url, good, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["skipped"] == 1
    assert [(r["member"], r["month"], r["amount"], r["extra"], r["channel"]) for r in body["saved"]] == [
        (people.a1.pk, "2026-11-01", "80000", "20000", "portal")]
    again = api(cast.secretary_a1).post(url, good, format="json")
    assert again.status_code == 400 and again.json()["violations"][0]["code"] == "dues.already_paid"
    assert DuesPayment.objects.count() == 1
