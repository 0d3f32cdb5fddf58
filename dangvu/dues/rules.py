"""The rules of party dues (domain-rules §7: D1–D17), as pure functions.

A member owes dues for a month from their **dues basis** in force that month (category, income,
zone, relief), the **regime** of the month (QĐ 342-QĐ/TW before 1/2/2026, QĐ 01-QĐ/TW from then:
dangvu.rules.regimes, chain "dues") and the parameters in force on the month's first day. Every rate
and amount is a parameter (dangvu.rules.parameters, keys "dues.*"); nothing here writes.

- `monthly_due(basis, month, party_age_years, params)`: the amount a member owes for a month, with
  the regime, the reason of an exemption and the computation in words.
- `check_basis(...)`, `check_payment(...)`: the violations of a declared basis or a payment.
- `unpaid_months(...)`: months owed and not paid (D12, R1 case 1).
- `retention_percent(...)`: the share of the dues a level keeps (D14, D16).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dangvu.core.dates import add_months, month_end, month_start, next_month
from dangvu.core.errors import Violation
from dangvu.core.numbers import format_number
from dangvu.rules.parameters import text as param_text
from dangvu.rules.regimes import Chain, in_force

QD342, QD01 = "qd342", "qd01_2026"

SOURCE_QD01 = "QĐ 01-QĐ/TW (3/2/2026)"
SOURCE_QD342 = "QĐ 342-QĐ/TW (28/12/2010)"
SOURCE_D7 = "D7, D8 (QĐ 01-QĐ/TW (3/2/2026), tham số chưa xác nhận)"
SOURCE_D9 = "D9 (QĐ 01-QĐ/TW (3/2/2026))"
SOURCE_D10 = "D10 (QĐ 01-QĐ/TW (3/2/2026))"
SOURCE_D2 = "D2 (QĐ 01-QĐ/TW (3/2/2026) Điều 5)"
SOURCE_D12 = "R1, D12 (QĐ 24-QĐ/TW điểm 8.1; QĐ 01-QĐ/TW (3/2/2026))"
SOURCE_D16 = "D14, D16 (QĐ 342-QĐ/TW mục II.1)"


class Category:
    """What a member's dues are computed from (D3–D9, D15, D17)."""

    INSURED = "insured"  # compulsory social insurance: % of the salary used as its base (D3, D15)
    BENEFIT = "benefit"  # sick or maternity leave paid by social insurance: % of the benefit (D4)
    PENSION = "pension"  # % of the pension (D5, D17)
    STUDENT = "student"  # pupils and students: a fixed amount (D6, D17)
    UNINSURED = "uninsured"  # not insured, below pension age: % of the regional minimum wage (D7)
    UNINSURED_RETIRED = "uninsured_retired"  # not insured, at pension age without a pension (D7)
    SOCIAL_PENSION = "social_pension"  # on the social pension allowance: exempt (D9)
    HARDSHIP_EXEMPT = "hardship_exempt"  # exempt on application, at most the relief months (D9, D10)

    WITH_INCOME = frozenset({INSURED, BENEFIT, PENSION})
    WITH_ZONE = frozenset({UNINSURED, UNINSURED_RETIRED})
    EXEMPT = frozenset({SOCIAL_PENSION, HARDSHIP_EXEMPT})


ZONES = (1, 2, 3, 4)
ZONE_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}
ZONE_KEYS = {1: "dues.min_wage_zone_1", 2: "dues.min_wage_zone_2", 3: "dues.min_wage_zone_3", 4: "dues.min_wage_zone_4"}
# (category) → (rate key of the first years, rate key from the later year) for the non-insured (D7).
UNINSURED_KEYS = {
    "uninsured": ("dues.qd01.uninsured_percent", "dues.qd01.uninsured_percent_later"),
    "uninsured_retired": ("dues.qd01.uninsured_retired_percent", "dues.qd01.uninsured_retired_percent_later"),
}


class Exemption:
    PARTY_AGE = "party_age"
    SOCIAL_PENSION = "social_pension"
    HARDSHIP = "hardship"
    NO_BASIS = "no_basis"


@dataclass(frozen=True)
class Basis:
    """A member's dues basis as declared from a month on (its months are first days)."""

    category: str
    valid_from: dt.date
    income: Decimal | None = None  # đồng a month: salary, benefit or pension
    zone: int | None = None  # regional minimum wage zone (1–4)
    reduction_percent: int = 0  # 0 or one of the reduction levels (D10)
    relief_until: dt.date | None = None  # last month of a reduction or of an exemption on application


@dataclass(frozen=True)
class Due:
    amount: Decimal  # whole đồng
    regime: str  # QD342 or QD01
    exemption: str = ""  # an Exemption value when nothing is owed
    explanation: str = ""  # "1% × 8.500.000 đ", "Miễn: tuổi Đảng từ 50 năm"
    source: str = ""

    @property
    def exempt(self) -> bool:
        return bool(self.exemption)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from `first` to `last`, both included."""
    out, m = [], month_start(first)
    while m <= last:
        out.append(m)
        m = next_month(m)
    return out


def month_label(month: dt.date) -> str:
    """"tháng 02/2026"."""
    return f"tháng {month:%m/%Y}"


def money(amount: Decimal | int) -> str:
    """"8.500.000 đ"."""
    return f"{format_number(amount)} đ"


def regime_of(month: dt.date) -> str:
    """The dues regime of a month: QĐ 01 from its effective date, QĐ 342 before."""
    doc = in_force(Chain.DUES, month_start(month))
    return QD01 if doc is not None and doc.code == QD01 else QD342


def reduction_levels(params: Mapping) -> tuple[int, ...]:
    return (params["dues.reduction_low_percent"], params["dues.reduction_mid_percent"], params["dues.reduction_high_percent"])


def _whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _pct(rate: Decimal) -> str:
    return f"{rate:f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _relief_on(basis: Basis, month: dt.date) -> bool:
    return basis.relief_until is None or month <= basis.relief_until


def _uninsured_key(basis: Basis, month: dt.date, params: Mapping) -> str:
    later = month.year >= params["dues.qd01.uninsured_later_from_year"]
    keys = UNINSURED_KEYS.get(basis.category, UNINSURED_KEYS[Category.UNINSURED])
    return keys[1] if later else keys[0]


def monthly_due(basis: Basis | None, month: dt.date, party_age_years: int, params: Mapping) -> Due:
    """What a member owes for `month` (its first day), `params` being those in force on that day.

    QĐ 01 (from 1/2/2026): exempt at the party-age threshold (D9) or on the social pension; exempt on
    application for at most the relief months; otherwise the category's rate (D3–D7), reduced by the
    hardship level while the reduction lasts (D10). QĐ 342 (before): salary-like incomes at its rate
    (D15), pensions at its rate, everyone else its fixed amount (D17); the exemptions and reductions
    decided by the cell apply the same way.
    """
    month = month_start(month)
    regime = regime_of(month)
    if regime == QD01 and party_age_years >= params["dues.qd01.exempt_party_age_years"]:
        return Due(Decimal(0), regime, Exemption.PARTY_AGE,
                   f"Miễn: tuổi Đảng từ {param_text(params, 'dues.qd01.exempt_party_age_years')}", SOURCE_D9)
    if basis is None:
        return Due(Decimal(0), regime, Exemption.NO_BASIS, "Chưa kê khai căn cứ đóng đảng phí", SOURCE_D2)
    if basis.category == Category.SOCIAL_PENSION:
        return Due(Decimal(0), regime, Exemption.SOCIAL_PENSION, "Miễn: hưởng trợ cấp hưu trí xã hội", SOURCE_D9)
    if basis.category == Category.HARDSHIP_EXEMPT and _relief_on(basis, month):
        return Due(Decimal(0), regime, Exemption.HARDSHIP, "Miễn theo đơn (hoàn cảnh khó khăn)", SOURCE_D10)
    amount, explanation, source = _rate(basis, month, regime, params)
    if basis.reduction_percent and _relief_on(basis, month) and amount:
        amount = amount * (100 - basis.reduction_percent) / 100
        explanation += f", giảm {basis.reduction_percent}%"
        source += "; " + SOURCE_D10
    return Due(_whole(amount), regime, "", explanation, source)


def income_rate(category: str, regime: str, params: Mapping) -> tuple[Decimal, str]:
    """The percentage of the income owed by an income category (D3–D5, D15, D17) and its source."""
    if regime == QD342:
        if category in (Category.INSURED, Category.BENEFIT):
            return params["dues.qd342.salary_percent"], "D15 (" + SOURCE_QD342 + ")"
        return params["dues.qd342.pension_percent"], "D17 (" + SOURCE_QD342 + ")"
    key, rule = {Category.INSURED: ("dues.qd01.salary_percent", "D3"), Category.BENEFIT: ("dues.qd01.benefit_percent", "D4"),
                 Category.PENSION: ("dues.qd01.pension_percent", "D5")}[category]
    return params[key], f"{rule} ({SOURCE_QD01})"


def exempt_party_age_cutoff(month: dt.date, params: Mapping) -> dt.date | None:
    """Under QĐ 01, a member is exempt in `month` (D9) when their admission date shifted by their days outside the
    party falls on or before this day (whole party-age years counted as members.rules.party_age_years does on the
    month's first day); None under QĐ 342."""
    month = month_start(month)
    if regime_of(month) != QD01:
        return None
    return dt.date(month.year - params["dues.qd01.exempt_party_age_years"], month.month, 1)


def _rate(basis: Basis, month: dt.date, regime: str, params: Mapping) -> tuple[Decimal, str, str]:
    income = Decimal(basis.income or 0)
    category = basis.category
    if category in Category.WITH_INCOME:
        rate, source = income_rate(category, regime, params)
        return income * rate / 100, f"{_pct(rate)} × {money(income)}", source
    if regime == QD342:
        fixed = Decimal(params["dues.qd342.other_amount"])
        return fixed, f"Mức cố định {money(fixed)}", "D17 (" + SOURCE_QD342 + ")"
    if category == Category.STUDENT:
        fixed = Decimal(params["dues.qd01.student_amount"])
        return fixed, f"Mức cố định {money(fixed)}", f"D6 ({SOURCE_QD01})"
    if category in Category.WITH_ZONE:
        zone = basis.zone or ZONES[-1]
        wage = Decimal(params[ZONE_KEYS[zone]])
        rate = params[_uninsured_key(basis, month, params)]
        return (wage * rate / 100, f"{_pct(rate)} × lương tối thiểu vùng {ZONE_NAMES[zone]} {money(wage)}", SOURCE_D7)
    # An exemption on application whose relief ended: the non-insured rate of the lowest zone.
    wage = Decimal(params[ZONE_KEYS[basis.zone or ZONES[-1]]])
    rate = params[_uninsured_key(basis, month, params)]
    return wage * rate / 100, f"{_pct(rate)} × lương tối thiểu vùng {money(wage)} (hết thời hạn miễn)", SOURCE_D7


# ---------------------------------------------------------------- checks

def check_basis(*, category: str, valid_from: dt.date, income: Decimal | None, zone: int | None, reduction_percent: int,
                relief_until: dt.date | None, params: Mapping) -> list[Violation]:
    """A declared dues basis: income for the income categories, a zone for the non-insured, a
    reduction among the levels, and a relief (reduction or exemption on application) of at most the
    relief months."""
    v: list[Violation] = []
    if category in Category.WITH_INCOME:
        if income is None:
            v.append(Violation("dues.income_required", "Thu nhập làm căn cứ: bắt buộc nhập với đảng viên đóng theo tỷ lệ "
                               "trên tiền lương, trợ cấp hoặc lương hưu.", "income", SOURCE_QD01))
        elif income <= 0:
            v.append(Violation("dues.income_negative", "Thu nhập làm căn cứ: phải lớn hơn 0 đồng.", "income", SOURCE_QD01))
        elif income != income.quantize(Decimal(1)):
            v.append(Violation("dues.income_whole", "Thu nhập làm căn cứ: ghi số đồng, không có phần lẻ.", "income"))
    elif income not in (None, Decimal(0)) and income < 0:
        v.append(Violation("dues.income_negative", "Thu nhập làm căn cứ: không được âm.", "income"))
    if category in Category.WITH_ZONE and zone not in ZONES:
        v.append(Violation("dues.zone_required", "Vùng lương tối thiểu: chọn vùng I, II, III hoặc IV cho đảng viên không "
                           "tham gia bảo hiểm xã hội.", "zone", SOURCE_D7))
    levels = reduction_levels(params)
    if reduction_percent and reduction_percent not in levels:
        allowed = ", ".join(f"{x}%" for x in levels)
        v.append(Violation("dues.reduction_level", f"Mức giảm: chỉ được giảm {allowed}.", "reduction_percent", SOURCE_D10))
    if reduction_percent and category in Category.EXEMPT:
        v.append(Violation("dues.reduction_exempt", "Mức giảm: đảng viên đã được miễn đóng đảng phí thì không giảm thêm.",
                           "reduction_percent", SOURCE_D10))
    relief = bool(reduction_percent) or category == Category.HARDSHIP_EXEMPT
    if relief:
        limit = params["dues.relief_max_months"]
        if relief_until is None:
            v.append(Violation("dues.relief_until_required", "Miễn, giảm đến tháng: bắt buộc nhập; mỗi lần miễn, giảm tối đa "
                               f"{param_text(params, 'dues.relief_max_months')}.", "relief_until", SOURCE_D10))
        elif relief_until < valid_from:
            v.append(Violation("dues.relief_before", "Miễn, giảm đến tháng: không được trước tháng bắt đầu áp dụng.",
                               "relief_until", SOURCE_D10))
        elif len(months_between(valid_from, relief_until)) > limit:
            v.append(Violation("dues.relief_too_long", "Miễn, giảm đến tháng: mỗi lần miễn, giảm tối đa "
                               f"{param_text(params, 'dues.relief_max_months')} (từ {month_label(valid_from)} đến "
                               f"{month_label(relief_until)} là {len(months_between(valid_from, relief_until))} tháng).",
                               "relief_until", SOURCE_D10))
    elif relief_until is not None:
        v.append(Violation("dues.relief_without", "Miễn, giảm đến tháng: chỉ ghi khi có mức giảm hoặc miễn theo đơn.",
                           "relief_until"))
    return v


@dataclass(frozen=True)
class PaymentFacts:
    month: dt.date
    amount: Decimal
    extra: Decimal
    paid_on: dt.date | None


def check_payment(p: PaymentFacts, *, expected: Decimal, already_paid: bool, in_cell: bool, member_name: str,
                  today: dt.date, params: Mapping, field_prefix: str = "") -> list[Violation]:
    """A payment for one month: not a month already paid, the member in the cell that month, no
    negative or absurd amount, a payment date not in the future (D2: late and advance payments are
    allowed)."""
    f = field_prefix
    who = f"{member_name}, {month_label(p.month)}"
    v: list[Violation] = []
    if already_paid:
        v.append(Violation("dues.already_paid", f"{who}: đã ghi nhận đóng đảng phí tháng này; không ghi hai lần (sửa "
                           "khoản đã ghi nếu nhầm).", f + "month"))
    if not in_cell:
        v.append(Violation("dues.not_in_cell", f"{who}: đảng viên không sinh hoạt ở chi bộ trong tháng này nên chi bộ "
                           "không thu đảng phí tháng này.", f + "month", SOURCE_D2))
    if p.amount < 0:
        v.append(Violation("dues.amount_negative", f"{who}: số tiền đảng phí không được âm.", f + "amount"))
    elif p.amount != p.amount.quantize(Decimal(1)):
        v.append(Violation("dues.amount_whole", f"{who}: số tiền ghi số đồng, không có phần lẻ.", f + "amount"))
    elif in_cell:
        multiple = params["dues.max_month_multiple"]
        ceiling = max(expected, Decimal(params["dues.qd01.student_amount"])) * multiple
        if p.amount > ceiling:
            v.append(Violation("dues.amount_absurd", f"{who}: số tiền {money(p.amount)} lớn hơn {multiple} lần mức phải "
                               f"đóng ({money(expected)}): kiểm tra lại; phần đóng thêm tự nguyện ghi ở cột riêng.",
                               f + "amount"))
    if p.extra < 0:
        v.append(Violation("dues.extra_negative", f"{who}: số tiền đóng thêm tự nguyện không được âm.", f + "extra"))
    elif p.extra > params["dues.max_extra_amount"]:
        v.append(Violation("dues.extra_absurd", f"{who}: số tiền đóng thêm {money(p.extra)} vượt mức "
                           f"{money(params['dues.max_extra_amount'])}: kiểm tra lại.", f + "extra"))
    if p.amount == 0 and p.extra == 0 and in_cell:
        v.append(Violation("dues.amount_zero", f"{who}: chưa nhập số tiền.", f + "amount"))
    if p.paid_on is None:
        v.append(Violation("dues.paid_on_required", f"{who}: ngày đóng bắt buộc nhập.", f + "paid_on"))
    elif p.paid_on > today:
        v.append(Violation("dues.paid_on_future", f"{who}: ngày đóng không được sau hôm nay.", f + "paid_on"))
    return v


def timing(month: dt.date, paid_on: dt.date) -> str:
    """"advance" (paid before the month), "late" (after it), "" in the month (D2)."""
    if paid_on < month_start(month):
        return "advance"
    if paid_on > month_end(month):
        return "late"
    return ""


def unpaid_months(expected: Mapping[dt.date, Decimal], paid: Iterable[dt.date]) -> list[dt.date]:
    """Months with an amount owed and no payment (D12 counts these; a partial payment is an arrear,
    not an unpaid month)."""
    done = set(paid)
    return sorted(m for m, amount in expected.items() if amount > 0 and m not in done)


def d12_window(on: dt.date) -> list[dt.date]:
    """The twelve months before `on`'s month (months already over) that D12 counts."""
    start = month_start(on)
    return months_between(add_months(start, -12), start - dt.timedelta(days=1))


def retention_percent(kind: str, *, under_grassroots_committee: bool, commune: bool, params: Mapping) -> int:
    """The share of collected dues an organization keeps (the rest goes to the level above, D16; QĐ 01's
    shares were not found, D14: the same parameters, set from 1/2/2026 when known)."""
    if kind in ("cell", "party_group") and under_grassroots_committee:
        return params["dues.retention.cell_percent"]
    if kind in ("grassroots_cell", "grassroots_committee", "commune_committee", "cell", "party_group"):
        return params["dues.retention.commune_grassroots_percent" if commune else "dues.retention.grassroots_percent"]
    return params["dues.retention.upper_percent"]
