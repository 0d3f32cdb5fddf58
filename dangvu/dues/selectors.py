"""Reads of party dues: the ledger of what each member owed and paid month by month.

The amount owed is never stored ahead: it is computed from the register (the member's cell and
status in each month, their party age), the basis in force that month and the parameters of that
month (rules.monthly_due). A payment keeps the amount expected when it was recorded.

The cell of a month is the member's home cell (nơi sinh hoạt chính thức) on the first day of the
month they were in the party; members away on temporary transfer pay to their home cell.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from dangvu.core.dates import add_months
from dangvu.dues import rules
from dangvu.dues.models import DuesBasis, DuesExcuse, DuesPayment
from dangvu.members import rules as member_rules
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member, MemberState
from dangvu.rules.parameters import ParamsBook

ZERO = Decimal(0)


@dataclass
class MonthLine:
    member: Member
    month: dt.date
    organization_id: int
    due: rules.Due
    payment: DuesPayment | None = None

    @property
    def paid(self) -> Decimal:
        return self.payment.amount if self.payment else ZERO

    @property
    def extra(self) -> Decimal:
        return self.payment.extra if self.payment else ZERO

    @property
    def arrear(self) -> Decimal:
        return max(self.due.amount - self.paid, ZERO)

    @property
    def unpaid(self) -> bool:
        return self.due.amount > 0 and self.payment is None


def _home_by_month(member_ids: list[int], months: list[dt.date]) -> dict[tuple[int, dt.date], int]:
    """(member id, month) → the home cell of the first day of the month the member was in the party."""
    if not months:
        return {}
    first, last = months[0], rules.month_end(months[-1])
    states = (MemberState.objects.filter(member_id__in=member_ids, status__in=IN_PARTY, valid_from__lte=last)
              .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=first)).exclude(organization__isnull=True)
              .order_by("member_id", "valid_from").values_list("member_id", "valid_from", "valid_to", "organization_id"))
    out: dict[tuple[int, dt.date], int] = {}
    for member_id, start, end, org_id in states:
        for month in months:
            key = (member_id, month)
            if key in out:
                continue
            if start <= rules.month_end(month) and (end is None or end > month):
                out[key] = org_id
    return out


def bases_of(member_ids: Iterable[int], until: dt.date) -> dict[int, list[rules.Basis]]:
    found: dict[int, list[rules.Basis]] = defaultdict(list)
    for basis in DuesBasis.objects.filter(member_id__in=list(member_ids), valid_from__lte=until).order_by("valid_from"):
        found[basis.member_id].append(basis.facts())
    return found


def basis_on(bases: list[rules.Basis], month: dt.date) -> rules.Basis | None:
    """The latest basis declared from `month` or before."""
    found = None
    for basis in bases:
        if basis.valid_from <= month:
            found = basis
    return found


def party_age(member: Member, on: dt.date) -> int:
    """Whole years of party age on `on`, time outside the party subtracted (members.rules, M1, M4)."""
    return member_rules.party_age_years(member.first_admission_date, member.days_outside or 0, on)


def ledger(members: Iterable[Member], first: dt.date, last: dt.date, *, book: ParamsBook | None = None) -> list[MonthLine]:
    """One line per member and month from `first` to `last` in which the member was in the party."""
    members = {m.pk: m for m in members}
    months = rules.months_between(first, last)
    if not members or not months:
        return []
    ids = list(members)
    homes = _home_by_month(ids, months)
    bases = bases_of(ids, months[-1])
    payments = {(p.member_id, p.month): p for p in DuesPayment.objects.filter(
        member_id__in=ids, month__gte=months[0], month__lte=months[-1], voided_at__isnull=True)}
    book = book or ParamsBook()
    lines = []
    for member_id, member in members.items():
        for month in months:
            org_id = homes.get((member_id, month))
            if org_id is None:
                continue
            due = rules.monthly_due(basis_on(bases.get(member_id, []), month), month, party_age(member, month), book.on(month))
            lines.append(MonthLine(member, month, org_id, due, payments.get((member_id, month))))
    return lines


def members_in_cell(cell, first: dt.date, last: dt.date):
    """Members whose home was `cell` at some time in the months from `first` to `last`."""
    end = rules.month_end(last)
    ids = (MemberState.objects.filter(organization=cell, status__in=IN_PARTY, valid_from__lte=end)
           .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=rules.month_start(first))).values("member_id"))
    return Member.objects.filter(pk__in=ids).order_by("name_key", "pk")


def cell_month(cell, month: dt.date) -> list[MonthLine]:
    """Every member of `cell` in `month` with what they owe and what they paid (the entry screen, the book)."""
    month = rules.month_start(month)
    return [line for line in ledger(members_in_cell(cell, month, month), month, month) if line.organization_id == cell.pk]


@dataclass
class Totals:
    expected: Decimal = ZERO
    collected: Decimal = ZERO
    extra: Decimal = ZERO
    arrears: Decimal = ZERO
    members: int = 0
    paid_members: int = 0
    unpaid_members: int = 0
    member_ids_unpaid: set = field(default_factory=set)

    def add(self, line: MonthLine) -> None:
        self.expected += line.due.amount
        self.collected += line.paid
        self.extra += line.extra
        self.arrears += line.arrear
        self.members += 1
        if line.payment is not None:
            self.paid_members += 1
        if line.unpaid:
            self.unpaid_members += 1
            self.member_ids_unpaid.add(line.member.pk)

    def merge(self, other: Totals) -> None:
        self.expected += other.expected
        self.collected += other.collected
        self.extra += other.extra
        self.arrears += other.arrears
        self.members += other.members
        self.paid_members += other.paid_members
        self.unpaid_members += other.unpaid_members
        self.member_ids_unpaid |= other.member_ids_unpaid

    @property
    def rate(self) -> str:
        from dangvu.core.numbers import percent

        return percent(int(self.collected), int(self.expected), 1) if self.expected else "—"


@dataclass
class Summary:
    """Expected vs collected over a subtree and a period: by cell and month, by month, in total."""

    months: list[dt.date]
    by_cell_month: dict[tuple[int, dt.date], Totals]
    by_cell: dict[int, Totals]
    by_month: dict[dt.date, Totals]
    total: Totals
    lines: list[MonthLine]


def summarize(lines: list[MonthLine], months: list[dt.date]) -> Summary:
    by_cell_month: dict = defaultdict(Totals)
    by_cell: dict = defaultdict(Totals)
    by_month: dict = defaultdict(Totals)
    total = Totals()
    for line in lines:
        for bucket in (by_cell_month[(line.organization_id, line.month)], by_cell[line.organization_id],
                       by_month[line.month], total):
            bucket.add(line)
    return Summary(months, dict(by_cell_month), dict(by_cell), dict(by_month), total, lines)


def subtree_summary(org, first: dt.date, last: dt.date) -> Summary:
    """Dues of the members of `org`'s subtree over the months: each month's members from the register's dated
    states, in their home cell as the tree stood that month, set-based (dangvu.dues.amounts: a few queries a month,
    whatever the number of members). No `lines`: the member ids with an unpaid month are in the totals."""
    from dangvu.dues import amounts

    found, _unpaid = amounts.by_cell_month(org, first, last)
    by_cell, by_month, total = amounts.rolled_up(found)
    return Summary(rules.months_between(first, last), found, by_cell, by_month, total, [])


def member_year(member: Member, on: dt.date, months_back: int = 12) -> list[MonthLine]:
    """The member's lines over the `months_back` months up to `on`'s month (their own page)."""
    last = rules.month_start(on)
    first = rules.months_between(add_months(last, -(months_back - 1)), last)[0]
    return ledger([member], first, last)


def unpaid_in_window(member_ids: Iterable[int], on: dt.date) -> dict[int, list[dt.date]]:
    """Months unpaid (owed, no payment) without a valid reason recorded, in the twelve months before `on`'s
    month (D12)."""
    months = rules.d12_window(on)
    ids = list(member_ids)
    members = Member.objects.filter(pk__in=ids)
    excused = set(DuesExcuse.objects.filter(member_id__in=ids, month__gte=months[0], month__lte=months[-1])
                  .values_list("member_id", "month"))
    found: dict[int, list[dt.date]] = defaultdict(list)
    for line in ledger(members, months[0], months[-1]):
        if line.unpaid and (line.member.pk, line.month) not in excused:
            found[line.member.pk].append(line.month)
    return dict(found)
