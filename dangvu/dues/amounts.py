"""The amount due, collected and in arrears by cell and month over a subtree, set-based.

One aggregate query per month of the period (twelve for a year), whatever the number of members:

- the members of the month are the register's dated states: a member counts in the home cell (nơi sinh hoạt
  chính thức) of the first state in the party that overlaps the month (as the ledger, dangvu.dues.selectors);
- the cell is placed in the subtree **as the tree stood on the month's first day**
  (organizations.tree.subtree_ids_on), not as it stands today;
- the amount owed is the one of rules.monthly_due, written as SQL: the basis in force that month (the latest
  declared from that month or before), the regime and the parameters of the month, the exemption at the party
  age of D9 (admission date shifted by the days outside the party), the exemptions and reductions while their
  relief lasts. The amounts that do not depend on the income are computed by rules.monthly_due itself for each
  (category, zone, reduction, relief) and put in the query as constants; the income categories are
  round-half-up(income × rate × (100 − reduction) / 10 000) in SQL, exact on both databases.

tests/dues/test_amounts.py checks it equals the ledger line by line on a demo-like register and across a member
moving cell in the middle of the year, and that the number of queries does not grow with the members.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Floor

from dangvu.dues import rules
from dangvu.dues.models import DuesBasis, DuesPayment
from dangvu.dues.selectors import Totals
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import MemberState
from dangvu.organizations.tree import subtree_ids_on
from dangvu.rules.parameters import ParamsBook

MONEY = DecimalField(max_digits=30, decimal_places=6)
ZERO = Decimal(0)
RATE_SCALE = 1000  # rates are percentages with at most three decimals (1, 0,5, …)
ALL_CATEGORIES = [rules.Category.INSURED, rules.Category.BENEFIT, rules.Category.PENSION, rules.Category.STUDENT,
                  rules.Category.UNINSURED, rules.Category.UNINSURED_RETIRED, rules.Category.SOCIAL_PENSION,
                  rules.Category.HARDSHIP_EXEMPT]


def _d(value) -> Value:
    return Value(Decimal(value), output_field=MONEY)


def _states_of_month(month: dt.date):
    """The state that places each member in the party in `month`: the first one overlapping it."""
    end = rules.month_end(month)
    overlapping = (MemberState.objects.filter(status__in=IN_PARTY, organization__isnull=False, valid_from__lte=end)
                   .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=month)))
    earlier = overlapping.filter(member_id=OuterRef("member_id")).filter(
        Q(valid_from__lt=OuterRef("valid_from")) | Q(valid_from=OuterRef("valid_from"), pk__lt=OuterRef("pk")))
    return overlapping.filter(~Exists(earlier))


def _due_expression(month: dt.date, params) -> Case:
    """rules.monthly_due of a DuesBasis row (the one in force in `month`) as SQL."""
    regime = rules.regime_of(month)
    relief_on = Q(relief_until__isnull=True) | Q(relief_until__gte=month)
    whens = []
    cutoff = rules.exempt_party_age_cutoff(month, params)
    if cutoff is not None:
        # admission + days outside ≤ cutoff; SQLite yields the sum as a 'YYYY-MM-DD hh:mm:ss' text, hence "< next day".
        next_day = cutoff + dt.timedelta(days=1)
        whens.append(When(Q(member__first_admission_date__isnull=False, member__days_outside=0,
                            member__first_admission_date__lte=cutoff) | Q(member__days_outside__gt=0, shifted__lt=next_day),
                          then=_d(0)))
    whens.append(When(category__isnull=True, then=_d(0)))
    levels = rules.reduction_levels(params)
    multiplier = Case(*[When(Q(reduction_percent=level) & relief_on, then=_d(100 - level)) for level in levels], default=_d(100),
                      output_field=MONEY)
    for category in ALL_CATEGORIES:
        if category in rules.Category.WITH_INCOME:
            rate, _source = rules.income_rate(category, regime, params)
            scaled = Decimal(rate) * RATE_SCALE
            if scaled != scaled.to_integral_value():
                raise ValueError(f"dues rate {rate} has more than three decimals")
            divisor = 100 * RATE_SCALE * 100
            amount = Floor((Coalesce(F("income"), _d(0)) * _d(scaled) * multiplier + _d(divisor // 2)) / _d(divisor))
            whens.append(When(category=category, then=amount))
            continue
        for zone in rules.ZONES:
            in_zone = Q(zone=zone) | Q(zone__isnull=True) if zone == rules.ZONES[-1] else Q(zone=zone)
            for level in levels:
                basis = rules.Basis(category, month, zone=zone, reduction_percent=level, relief_until=None)
                whens.append(When(Q(category=category, reduction_percent=level) & in_zone & relief_on,
                                  then=_d(rules.monthly_due(basis, month, 0, params).amount)))
            on = rules.monthly_due(rules.Basis(category, month, zone=zone, relief_until=None), month, 0, params).amount
            off = rules.monthly_due(rules.Basis(category, month, zone=zone, relief_until=dt.date(1900, 1, 1)), month, 0,
                                    params).amount
            whens.append(When(Q(category=category) & in_zone & relief_on, then=_d(on)))
            whens.append(When(Q(category=category) & in_zone, then=_d(off)))
    return Case(*whens, default=_d(0), output_field=MONEY)


def _with_payments(qs, month: dt.date):
    payments = DuesPayment.objects.filter(member_id=OuterRef("member_id"), month=month, voided_at__isnull=True)
    return qs.annotate(paid=Coalesce(Subquery(payments.values("amount")[:1]), _d(0), output_field=MONEY),
                       extra=Coalesce(Subquery(payments.values("extra")[:1]), _d(0), output_field=MONEY),
                       has_payment=Exists(payments))


def month_rows(org, month: dt.date, *, book: ParamsBook | None = None) -> list:
    """The members placed under `org` in `month` (its first day), as two querysets each with `cell`, `member_id`,
    `due`, `paid`, `extra`, `has_payment` and `arrear` annotated: the members with a dues basis in force (rows of
    DuesBasis) and those without (rows of MemberState, owing nothing)."""
    month = rules.month_start(month)
    params = (book or ParamsBook()).on(month)
    placed = _states_of_month(month).filter(organization_id__in=subtree_ids_on(org, month))
    in_force = DuesBasis.objects.filter(valid_from__lte=month).filter(~Exists(DuesBasis.objects.filter(
        member_id=OuterRef("member_id"), valid_from__gt=OuterRef("valid_from"), valid_from__lte=month)))
    days_outside = ExpressionWrapper(F("member__days_outside"), output_field=IntegerField())
    with_basis = (in_force.annotate(cell=Subquery(placed.filter(member_id=OuterRef("member_id")).values("organization_id")[:1]))
                  .filter(cell__isnull=False)
                  .annotate(shifted=ExpressionWrapper(F("member__first_admission_date") + ExpressionWrapper(
                      days_outside * Value(dt.timedelta(days=1)), output_field=DurationField()), output_field=DateField())))
    with_basis = _with_payments(with_basis, month).annotate(due=_due_expression(month, params))
    without = (placed.filter(~Exists(DuesBasis.objects.filter(member_id=OuterRef("member_id"), valid_from__lte=month)))
               .annotate(cell=F("organization_id"), due=_d(0)))
    without = _with_payments(without, month)
    arrear = Case(When(due__gt=F("paid"), then=F("due") - F("paid")), default=_d(0), output_field=MONEY)
    return [with_basis.annotate(arrear=arrear), without.annotate(arrear=arrear)]


def by_cell_month(org, first: dt.date, last: dt.date) -> tuple[dict, set[int]]:
    """{(cell id, month): Totals} over `org`'s subtree from `first` to `last`, and the ids of the members with a month
    owed and not paid. Two or three queries a month (and the tree's), whatever the number of members."""
    book = ParamsBook()
    found: dict = {}
    unpaid: set[int] = set()
    for month in rules.months_between(first, last):
        unpaid_q = Q(due__gt=0, has_payment=False)
        for rows in month_rows(org, month, book=book):
            for row in (rows.order_by().values("cell")
                        .annotate(t_expected=Sum("due"), t_collected=Sum("paid"), t_extra=Sum("extra"),
                                  t_arrears=Sum("arrear"), t_members=Count("member_id"),
                                  t_paid=Count("member_id", filter=Q(has_payment=True)),
                                  t_unpaid=Count("member_id", filter=unpaid_q))):
                t = found.setdefault((row["cell"], month), Totals())
                t.merge(Totals(expected=Decimal(row["t_expected"] or 0), collected=Decimal(row["t_collected"] or 0),
                               extra=Decimal(row["t_extra"] or 0), arrears=Decimal(row["t_arrears"] or 0),
                               members=row["t_members"], paid_members=row["t_paid"], unpaid_members=row["t_unpaid"]))
            if rows.model is DuesBasis and any(t.unpaid_members for (_, m), t in found.items() if m == month):
                for member_id, cell in rows.filter(unpaid_q).values_list("member_id", "cell"):
                    found[(cell, month)].member_ids_unpaid.add(member_id)
                    unpaid.add(member_id)
    return found, unpaid


def rolled_up(found: dict) -> tuple[dict, dict, object]:
    """By cell, by month and in total, from the (cell, month) totals."""
    by_cell: dict = defaultdict(Totals)
    by_month: dict = defaultdict(Totals)
    total = Totals()
    for (cell, month), t in found.items():
        for bucket in (by_cell[cell], by_month[month], total):
            bucket.merge(t)
    return dict(by_cell), dict(by_month), total
