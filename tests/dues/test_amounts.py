"""The set-based amounts due (dangvu.dues.amounts) equal the ledger's (dangvu.dues.selectors.ledger) cell by cell
and month by month: on a register with every category, reductions, exemptions, the party-age threshold of D9 with
time outside, a member moving cell mid-year, partial and missing payments; and on the demo. The number of queries
does not grow with the members."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from dangvu.accounts.system import SYSTEM
from dangvu.demo.organizations import KHU_PHO_1_CODE
from dangvu.dues import amounts, rules, selectors, services
from dangvu.members.kinds import IN_PARTY, EventType
from dangvu.members.models import Member, MemberState
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import subtree_q
from tests.awards import admitted_on, event
from tests.clock import TODAY
from tests.dues import member_with_basis

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = (D(2026, 1, 1), D(2026, 12, 1))


def members_under(org, first, last):
    """Members whose home lay in `org`'s subtree (today's tree) at some time in the period (the ledger's old way)."""
    end = rules.month_end(last)
    ids = (MemberState.objects.filter(subtree_q("organization__path", org.path), status__in=IN_PARTY, valid_from__lte=end)
           .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=rules.month_start(first))).values("member_id"))
    return Member.objects.filter(pk__in=ids).order_by("name_key", "pk")


def ledger_by_cell_month(org, first, last):
    """What the dues pages showed before: the ledger of the subtree's members (today's tree), summed."""
    lines = selectors.ledger(members_under(org, first, last), first, last)
    inside = set(Organization.objects.filter(subtree_q("path", org.path)).values_list("pk", flat=True))
    return selectors.summarize([line for line in lines if line.organization_id in inside],
                               rules.months_between(first, last)).by_cell_month


def as_tuples(found):
    return {key: (t.expected, t.collected, t.extra, t.arrears, t.members, t.paid_members, t.unpaid_members)
            for key, t in found.items()}


def assert_equal_to_ledger(org, first, last):
    expected = as_tuples(ledger_by_cell_month(org, first, last))
    found, unpaid = amounts.by_cell_month(org, first, last)
    assert as_tuples(found) == expected
    return found, unpaid


@pytest.fixture
def register(cast):
    cell_a1, cell_a2 = cast.tree.cell_a1, cast.tree.cell_a2
    ms = {
        "insured": member_with_basis("Trần Văn Ba", cell_a1, income=Decimal(8_512_345)),
        "benefit": member_with_basis("Lê Thị Bốn", cell_a1, category="benefit", income=Decimal(5_000_050)),
        "pension": member_with_basis("Phạm Văn Năm", cell_a2, category="pension", income=Decimal(7_123_457)),
        "student": member_with_basis("Hoàng Văn Sáu", cell_a2, category="student"),
        "uninsured": member_with_basis("Vũ Thị Bảy", cell_a1, category="uninsured", zone=2),
        "retired": member_with_basis("Đỗ Văn Tám", cell_a2, category="uninsured_retired", zone=4,
                                     reduction_percent=50, valid_from=D(2025, 12, 1), relief_until=D(2026, 6, 1)),
        "reduced": member_with_basis("Ngô Thị Chín", cell_a1, income=Decimal(9_999_999), reduction_percent=30,
                                     valid_from=D(2026, 2, 1), relief_until=D(2026, 9, 1)),
        "social": member_with_basis("Bùi Văn Mười", cell_a1, category="social_pension"),
        "hardship": member_with_basis("Đặng Thị Một", cell_a2, category="hardship_exempt", zone=3,
                                      valid_from=D(2026, 1, 1), relief_until=D(2026, 5, 1)),
        "old": member_with_basis("Lý Văn Lão", cell_a1, admitted=D(1976, 7, 1), category="pension",
                                 income=Decimal(6_000_001)),
        "old_outside": member_with_basis("Mai Văn Cụ", cell_a2, admitted=D(1976, 3, 2), category="pension",
                                         income=Decimal(6_500_000)),
        "no_basis": admitted_on("Cao Thị Chưa", cell_a1, D(2015, 3, 1)),
        "mover": member_with_basis("Tô Văn Chuyển", cell_a1, income=Decimal(7_000_000)),
    }
    type(ms["old_outside"]).objects.filter(pk=ms["old_outside"].pk).update(days_outside=200)
    event(ms["mover"], EventType.TRANSFERRED_INTERNAL, D(2026, 6, 15), cell_a2, number="5-QĐ", date=D(2026, 6, 10))
    services.declare_basis(by=SYSTEM, member=ms["insured"], valid_from=D(2026, 5, 1), category="insured",
                           income=Decimal(9_100_001))
    services.record_payment(by=SYSTEM, member=ms["insured"], months=[D(2026, m, 1) for m in (1, 2, 3, 5)],
                            paid_on=D(2026, 5, 2))
    services.record_payment(by=SYSTEM, member=ms["mover"], months=[D(2026, m, 1) for m in (1, 2, 3, 4, 5, 7)],
                            paid_on=D(2026, 7, 2))
    services.record_payment(by=SYSTEM, member=ms["pension"], months=[D(2026, 2, 1)], amount_per_month=Decimal(1_000),
                            paid_on=D(2026, 2, 2))  # a partial payment: an arrear, not an unpaid month
    services.record_payment(by=SYSTEM, member=ms["student"], months=[D(2026, 3, 1)], amount_per_month=Decimal(5_000),
                            extra=Decimal(20_000), paid_on=D(2026, 3, 2))
    return ms


def test_equal_to_the_ledger_over_the_district_and_each_cell(cast, register):
    found, unpaid = assert_equal_to_ledger(cast.tree.district_a, *YEAR)
    assert_equal_to_ledger(cast.tree.cell_a1, *YEAR)
    assert_equal_to_ledger(cast.tree.cell_a2, *YEAR)
    a1, a2 = cast.tree.cell_a1.pk, cast.tree.cell_a2.pk
    # The mover counts in cell A1 until June (the home of the month's first day), in A2 from July.
    mover = register["mover"].pk
    assert mover in found[(a1, D(2026, 6, 1))].member_ids_unpaid and (a2, D(2026, 6, 1)) in found
    assert mover not in found[(a2, D(2026, 7, 1))].member_ids_unpaid
    assert mover in found[(a2, D(2026, 8, 1))].member_ids_unpaid
    # Hand check of cell A1 in March 2026 (QĐ 01): 1% of 8.512.345 (paid), 1% of 5.000.050 (rounded half up),
    # the zone II rate, 70% of 1% of 9.999.999, nothing for the social pension, the 50-year-old member and the one
    # without a basis, 0,5% of 6.000.001 (50 years of party age only in July), 1% of 7.000.000 (paid).
    params = selectors.ParamsBook().on(D(2026, 3, 1))
    zone2 = rules.monthly_due(rules.Basis("uninsured", D(2026, 1, 1), zone=2), D(2026, 3, 1), 0, params).amount
    march = found[(a1, D(2026, 3, 1))]
    assert march.expected == 85_123 + 50_001 + zone2 + 70_000 + 30_000 + 70_000  # the 1976 member is exempt from July
    assert march.collected == 85_123 + 70_000 and march.members == 8
    assert register["no_basis"].pk not in unpaid and register["social"].pk not in unpaid


def test_the_query_count_does_not_grow_with_the_members(cast, register):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            amounts.by_cell_month(cast.tree.district_a, *YEAR)
        return len(ctx.captured_queries)

    before = count()
    for i in range(6):
        m = member_with_basis(f"Thêm Văn {i}", cast.tree.cell_a1 if i % 2 else cast.tree.cell_a2, income=Decimal(5_000_000))
        services.record_payment(by=SYSTEM, member=m, months=[D(2026, 1, 1)], paid_on=D(2026, 1, 3))
    assert count() == before <= 4 * 12 + 1


def test_a_cell_moved_is_counted_where_it_stood_each_month(cast, register):
    """Not the ledger's today's tree: the month's tree. Cell A2 moved under district B from 1/7/2026 counts under
    district A until June and under district B from July."""
    from dangvu.organizations import services as org_services

    org_services.move(by=SYSTEM, org=cast.tree.cell_a2, new_parent=cast.tree.grassroots_b, effective_date=D(2026, 7, 1),
                      decision=org_services.Decision(number="9-QĐ", date=D(2026, 6, 20)))
    found_a, _ = amounts.by_cell_month(cast.tree.district_a, *YEAR)
    found_b, _ = amounts.by_cell_month(cast.tree.district_b, *YEAR)
    a2 = cast.tree.cell_a2.pk
    assert (a2, D(2026, 6, 1)) in found_a and (a2, D(2026, 7, 1)) not in found_a
    assert (a2, D(2026, 6, 1)) not in found_b and (a2, D(2026, 7, 1)) in found_b


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", "11", "--members", "300", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_equal_to_the_ledger_on_the_demo(demo):
    root = Organization.objects.filter(parent__isnull=True).order_by("path").first()
    first = rules.month_start(TODAY.replace(year=TODAY.year - 1))
    found, _ = assert_equal_to_ledger(root, first, rules.month_start(TODAY))
    assert sum(t.expected for t in found.values()) > 0 and sum(t.arrears for t in found.values()) > 0
    cell = Organization.objects.get(code=KHU_PHO_1_CODE)
    assert_equal_to_ledger(cell, first, rules.month_start(TODAY))
