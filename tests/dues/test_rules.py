"""The dues rules, pure: rates by regime on both sides of 1/2/2026, the party-age exemption, relief,
the checks of a basis and a payment, the D12 window."""

import datetime as dt
from decimal import Decimal

import pytest

from dangvu.dues import rules
from dangvu.dues.rules import Basis, Category
from dangvu.rules.parameters import Params

D = dt.date
JAN, FEB = D(2026, 1, 1), D(2026, 2, 1)


def due(category, month, age=10, **kw):
    basis = Basis(category=category, valid_from=D(2020, 1, 1), **kw)
    return rules.monthly_due(basis, month, age, Params(month))


def test_regime_changes_on_1_february_2026():
    assert rules.regime_of(D(2026, 1, 31)) == rules.QD342
    assert rules.regime_of(FEB) == rules.QD01


@pytest.mark.parametrize("category, income, before, after", [
    (Category.INSURED, Decimal(8_500_000), Decimal(85_000), Decimal(85_000)),  # 1% both (D15, D3)
    (Category.BENEFIT, Decimal(6_000_000), Decimal(60_000), Decimal(60_000)),  # 1% of the benefit (D4)
    (Category.PENSION, Decimal(7_000_001), Decimal(35_000), Decimal(35_000)),  # 0,5%, rounded to the đồng (D5)
    (Category.STUDENT, None, Decimal(3_000), Decimal(5_000)),  # fixed amount (D17 → D6)
])
def test_rates_on_both_sides_of_the_change(category, income, before, after):
    assert due(category, JAN, income=income).amount == before
    assert due(category, FEB, income=income).amount == after
    assert due(category, JAN, income=income).regime == rules.QD342
    assert due(category, FEB, income=income).regime == rules.QD01


def test_uninsured_rates_use_the_regional_minimum_wage_and_change_in_2028():
    # 0,3% of zone I (5.310.000) = 15.930; at pension age 0,2% of zone IV (3.700.000) = 7.400; QĐ 342: fixed 3.000.
    assert due(Category.UNINSURED, FEB, zone=1).amount == Decimal(15_930)
    assert due(Category.UNINSURED_RETIRED, FEB, zone=4).amount == Decimal(7_400)
    assert due(Category.UNINSURED, JAN, zone=1).amount == Decimal(3_000)
    assert due(Category.UNINSURED, D(2027, 12, 1), zone=1).amount == Decimal(15_930)
    assert due(Category.UNINSURED, D(2028, 1, 1), zone=1).amount == Decimal(26_550)  # 0,5%
    assert due(Category.UNINSURED_RETIRED, D(2028, 1, 1), zone=4).amount == Decimal(11_100)  # 0,3%
    assert "vùng I" in due(Category.UNINSURED, FEB, zone=1).explanation


def test_a_changed_parameter_changes_the_amount():
    params = Params(FEB, {"dues.min_wage_zone_1": 6_000_000})
    basis = Basis(Category.UNINSURED, D(2026, 1, 1), zone=1)
    assert rules.monthly_due(basis, FEB, 5, params).amount == Decimal(18_000)


def test_exemption_at_fifty_years_of_party_age_from_qd01_only():
    basis = Basis(Category.PENSION, D(2020, 1, 1), income=Decimal(10_000_000))
    assert rules.monthly_due(basis, FEB, 49, Params(FEB)).amount == Decimal(50_000)
    at_50 = rules.monthly_due(basis, FEB, 50, Params(FEB))
    assert (at_50.amount, at_50.exemption) == (Decimal(0), rules.Exemption.PARTY_AGE)
    assert "50 năm tuổi Đảng" in at_50.explanation
    # Before 1/2/2026 (QĐ 342) there was no such exemption.
    assert rules.monthly_due(basis, JAN, 55, Params(JAN)).amount == Decimal(50_000)


def test_exempt_categories_and_no_basis():
    assert due(Category.SOCIAL_PENSION, FEB).exemption == rules.Exemption.SOCIAL_PENSION
    assert rules.monthly_due(None, FEB, 5, Params(FEB)).exemption == rules.Exemption.NO_BASIS
    hardship = Basis(Category.HARDSHIP_EXEMPT, FEB, zone=2, relief_until=D(2026, 4, 1))
    assert rules.monthly_due(hardship, D(2026, 4, 1), 5, Params(FEB)).amount == 0
    # After the relief: the non-insured rate of its zone (0,3% × 4.730.000 = 14.190).
    assert rules.monthly_due(hardship, D(2026, 5, 1), 5, Params(FEB)).amount == Decimal(14_190)


def test_reduction_applies_until_its_last_month():
    basis = Basis(Category.INSURED, FEB, income=Decimal(10_000_000), reduction_percent=30, relief_until=D(2026, 7, 1))
    assert rules.monthly_due(basis, D(2026, 7, 1), 5, Params(FEB)).amount == Decimal(70_000)
    assert rules.monthly_due(basis, D(2026, 8, 1), 5, Params(FEB)).amount == Decimal(100_000)


def _basis_codes(**kw):
    args = dict(category=Category.INSURED, valid_from=FEB, income=Decimal(5_000_000), zone=None, reduction_percent=0,
                relief_until=None, params=Params(FEB)) | kw
    return [v.code for v in rules.check_basis(**args)]


def test_check_basis():
    assert _basis_codes() == []
    assert _basis_codes(income=None) == ["dues.income_required"]
    assert _basis_codes(income=Decimal(-1)) == ["dues.income_negative"]
    assert _basis_codes(category=Category.UNINSURED, income=None) == ["dues.zone_required"]
    assert _basis_codes(reduction_percent=40, relief_until=D(2026, 6, 1)) == ["dues.reduction_level"]
    assert _basis_codes(reduction_percent=50) == ["dues.relief_until_required"]
    assert _basis_codes(reduction_percent=50, relief_until=D(2027, 1, 1)) == []  # 12 months
    assert _basis_codes(reduction_percent=50, relief_until=D(2027, 2, 1)) == ["dues.relief_too_long"]  # 13 months
    assert _basis_codes(relief_until=D(2026, 5, 1)) == ["dues.relief_without"]


def _payment_codes(amount=Decimal(50_000), extra=Decimal(0), paid_on=D(2026, 3, 5), **kw):
    args = dict(expected=Decimal(50_000), already_paid=False, in_cell=True, member_name="A", today=D(2026, 12, 3),
                params=Params(FEB)) | kw
    facts = rules.PaymentFacts(month=D(2026, 3, 1), amount=amount, extra=extra, paid_on=paid_on)
    return [v.code for v in rules.check_payment(facts, **args)]


def test_check_payment():
    assert _payment_codes() == []
    assert _payment_codes(already_paid=True) == ["dues.already_paid"]
    assert _payment_codes(in_cell=False) == ["dues.not_in_cell"]
    assert _payment_codes(amount=Decimal(-5)) == ["dues.amount_negative"]
    assert _payment_codes(amount=Decimal(600_000)) == []  # 12 × the amount owed
    assert _payment_codes(amount=Decimal(600_001)) == ["dues.amount_absurd"]
    assert _payment_codes(amount=Decimal(0)) == ["dues.amount_zero"]
    assert _payment_codes(amount=Decimal(0), extra=Decimal(20_000)) == []
    assert _payment_codes(paid_on=D(2026, 12, 4)) == ["dues.paid_on_future"]
    assert _payment_codes(extra=Decimal(-1)) == ["dues.extra_negative"]


def test_timing_and_d12_window():
    assert rules.timing(D(2026, 3, 1), D(2026, 2, 20)) == "advance"
    assert rules.timing(D(2026, 3, 1), D(2026, 4, 1)) == "late"
    assert rules.timing(D(2026, 3, 1), D(2026, 3, 31)) == ""
    window = rules.d12_window(D(2026, 12, 3))
    assert (window[0], window[-1], len(window)) == (D(2025, 12, 1), D(2026, 11, 1), 12)
    expected = {D(2026, 1, 1): Decimal(5000), D(2026, 2, 1): Decimal(0), D(2026, 3, 1): Decimal(5000)}
    assert rules.unpaid_months(expected, [D(2026, 1, 1)]) == [D(2026, 3, 1)]


def test_retention_shares():
    params = Params(FEB)
    assert rules.retention_percent("cell", under_grassroots_committee=True, commune=True, params=params) == 30
    assert rules.retention_percent("grassroots_cell", under_grassroots_committee=False, commune=True, params=params) == 90
    assert rules.retention_percent("grassroots_committee", under_grassroots_committee=False, commune=False,
                                   params=params) == 70
    assert rules.retention_percent("district_committee", under_grassroots_committee=False, commune=False, params=params) == 50
