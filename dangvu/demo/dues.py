"""Demo data of party dues, written through the services only.

`seed_dues(rng, log=None)` runs after the demo members exist. For Chi bộ khu phố 1 and a few other
cells of its ward (where the demo secretary and member log in) it declares every member's dues basis and
records two years of monthly dues up to last month, cell by cell and month by month as a secretary
would (services.record_month): most paid in the month, some late, some through the portal, a few with
a voluntary extra; a handful of members leave a month or two unpaid, and one member of Chi bộ khu phố 1
leaves the last three months unpaid (heading for the D12 striking-off ground). This month is left for
the secretary to record. Deterministic for a given generator state and day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from dangvu.accounts.system import SYSTEM
from dangvu.dues import rules

MONTHS = 24
CELLS = 6  # Chi bộ khu phố 1 and the next cells of its ward: enough to show, quick to seed


@dataclass
class DuesResult:
    bases: int
    payments: int
    heading: str

    def summary_lines(self) -> list[str]:
        return [f"Đảng phí mẫu: {self.bases} căn cứ kê khai, {self.payments} khoản đã đóng; đảng viên sắp đủ căn cứ xóa tên "
                f"vì không đóng đảng phí: {self.heading or '—'}."]


def _category(rng: random.Random, member, on: dt.date) -> tuple[str, Decimal | None, int | None]:
    age = (on - member.date_of_birth).days // 365
    if member.is_retired or age >= 62:
        if rng.random() < 0.08:
            return rules.Category.SOCIAL_PENSION, None, None
        return rules.Category.PENSION, Decimal(rng.randrange(3_500_000, 12_000_000, 10_000)), None
    if age < 23:
        return rules.Category.STUDENT, None, None
    if rng.random() < 0.65:
        return rules.Category.INSURED, Decimal(rng.randrange(5_000_000, 22_000_000, 10_000)), None
    return rules.Category.UNINSURED, None, rng.choice([2, 3, 3, 4])


def seed_dues(rng: random.Random, log=None) -> DuesResult:
    from dangvu.core.dates import add_months, today
    from dangvu.demo.organizations import KHU_PHO_1_CODE
    from dangvu.dues import selectors, services
    from dangvu.dues.models import Channel
    from dangvu.organizations.kinds import Kind
    from dangvu.organizations.models import Organization
    from dangvu.organizations.tree import subtree_q

    on = today()
    this_month = rules.month_start(on)
    first = add_months(this_month, -MONTHS)
    last = add_months(this_month, -1)
    home = Organization.objects.filter(code=KHU_PHO_1_CODE).first()
    if home is None or home.parent is None:
        return DuesResult(0, 0, "")
    ward = list(Organization.objects.filter(subtree_q("path", home.parent.path), kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL],
                                            ended_on__isnull=True).exclude(pk=home.pk).order_by("path"))
    cells = [home, *ward[:CELLS - 1]]
    members = []
    for cell in cells:
        members += list(selectors.members_in_cell(cell, first, last))
    bases = payments = 0
    for member in sorted({m.pk: m for m in members}.values(), key=lambda m: m.pk):
        category, income, zone = _category(rng, member, first)
        services.declare_basis(by=SYSTEM, member=member, valid_from=first, category=category, income=income, zone=zone)
        bases += 1
        if category == rules.Category.INSURED and rng.random() < 0.3:  # a raise, declared from a later month
            raised = add_months(first, rng.randint(6, MONTHS - 2))
            services.declare_basis(by=SYSTEM, member=member, valid_from=raised, category=category,
                                   income=income + Decimal(rng.randrange(300_000, 2_000_000, 10_000)))
            bases += 1
    # Who leaves months unpaid: a handful with one or two scattered months, one heading for D12.
    ids = sorted({m.pk for m in members})
    skipped: dict[int, set[dt.date]] = {}
    months = rules.months_between(first, last)
    for member_id in rng.sample(ids, k=min(len(ids), max(3, len(ids) // 30))):
        skipped[member_id] = set(rng.sample(months[:-4], k=rng.randint(1, 2)))
    home_members = sorted(m.pk for m in members if m.organization_id == home.pk and m.user_id is None)
    heading = ""
    if home_members:
        target = home_members[len(home_members) // 2]
        skipped[target] = set(months[-3:])
        heading = next(m.full_name for m in members if m.pk == target)
    for month in months:
        for cell in cells:
            lines = selectors.cell_month(cell, month)
            entries = []
            for line in lines:
                if line.payment is not None or line.due.amount <= 0 or month in skipped.get(line.member.pk, ()):
                    continue
                late = rng.random() < 0.08
                paid_on = (rules.next_month(month) + dt.timedelta(days=rng.randint(0, 20)) if late
                           else month + dt.timedelta(days=rng.randint(0, 14)))
                paid_on = min(paid_on, on)
                portal = month >= dt.date(2026, 2, 1) and rng.random() < 0.35
                extra = Decimal(rng.choice([10_000, 20_000, 50_000])) if rng.random() < 0.03 else None
                entries.append(services.Entry(line.member.pk, line.due.amount, extra, paid_on,
                                              Channel.PORTAL if portal else Channel.CASH,
                                              f"DVC-{rng.randint(100000, 999999)}" if portal else f"{month:%m%y}-{len(entries) + 1:03d}"))
            if entries:
                payments += len(services.record_month(by=SYSTEM, cell=cell, month=month, entries=entries).saved)
        if log is not None:
            log(f"  … đảng phí tháng {month:%m/%Y}")
    return DuesResult(bases, payments, heading)
