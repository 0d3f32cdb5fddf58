"""Dues services against the register: bases with history, payments, the month's bulk entry (all or
nothing), voids, scope, audit, and the D12 evidence."""

import datetime as dt
from decimal import Decimal

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core import removal_evidence
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.dues import selectors, services
from dangvu.dues.models import DuesBasis, DuesPayment
from dangvu.dues.services import Entry
from dangvu.members.kinds import EventType
from tests.awards import admitted_on, event
from tests.dues import member_with_basis

pytestmark = pytest.mark.django_db
D = dt.date
MAR = D(2026, 3, 1)


def codes(exc_info):
    return [v.code for v in exc_info.value.violations]


def test_basis_history_gives_the_amount_of_each_month(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1, income=Decimal(6_000_000))
    services.declare_basis(by=cast.secretary_a1, member=m, valid_from=D(2026, 5, 15), category="insured",
                           income=Decimal(9_000_000))
    lines = {line.month: line.due.amount for line in selectors.ledger([m], D(2026, 1, 1), D(2026, 6, 1))}
    # QĐ 342 in January, QĐ 01 from February; the new salary from May.
    assert lines == {D(2026, 1, 1): 60_000, D(2026, 2, 1): 60_000, D(2026, 3, 1): 60_000, D(2026, 4, 1): 60_000,
                     D(2026, 5, 1): 90_000, D(2026, 6, 1): 90_000}
    assert list(DuesBasis.objects.filter(member=m).values_list("valid_from", flat=True)) == [D(2025, 1, 1), D(2026, 5, 1)]
    entry = AuditEntry.objects.filter(action="dues.basis", object_id=str(m.pk)).latest("id")
    assert entry.actor == cast.secretary_a1 and "tháng 05/2026" in entry.note


def test_fifty_years_of_party_age_exempts_with_time_outside_subtracted(cast):
    # Admitted 1/3/1976: 50 years on 1/3/2026; a year outside the party moves it to 1/3/2027.
    m = member_with_basis("Lê Văn Lão", cast.tree.cell_a1, admitted=D(1976, 3, 1), category="pension",
                          income=Decimal(6_000_000))
    amounts = {line.month: line.due.amount for line in selectors.ledger([m], D(2026, 2, 1), D(2026, 3, 1))}
    assert amounts == {D(2026, 2, 1): 30_000, D(2026, 3, 1): 0}
    type(m).objects.filter(pk=m.pk).update(days_outside=365)
    m.refresh_from_db()
    amounts = {line.month: line.due.amount for line in selectors.ledger([m], D(2026, 2, 1), D(2026, 3, 1))}
    assert amounts == {D(2026, 2, 1): 30_000, D(2026, 3, 1): 30_000}


def test_bad_basis_is_refused_with_the_field(cast):
    m = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(2012, 6, 1))
    with pytest.raises(RuleViolation) as exc:
        services.declare_basis(by=cast.secretary_a1, member=m, valid_from=MAR, category="uninsured", reduction_percent=45)
    assert set(codes(exc)) == {"dues.zone_required", "dues.reduction_level", "dues.relief_until_required"}
    assert exc.value.by_field().keys() == {"zone", "reduction_percent", "relief_until"}
    assert not DuesBasis.objects.exists()


def test_scope_of_declaring_a_basis(cast):
    m = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(2012, 6, 1))
    for user in (cast.officer_b, cast.viewer_a, cast.member_a1):
        with pytest.raises(PermissionDeniedInScope):
            services.declare_basis(by=user, member=m, valid_from=MAR, category="student")
    type(m).objects.filter(pk=m.pk).update(user=cast.member_a1)
    m.refresh_from_db()
    basis = services.declare_basis(by=cast.member_a1, member=m, valid_from=MAR, category="student")
    assert basis.reported_by_member


def test_payment_for_a_month_already_paid_is_refused(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1)
    services.record_payment(by=cast.secretary_a1, member=m, months=[MAR], paid_on=D(2026, 3, 10))
    with pytest.raises(RuleViolation) as exc:
        services.record_payment(by=cast.secretary_a1, member=m, months=[MAR, D(2026, 4, 1)], paid_on=D(2026, 4, 10))
    assert codes(exc) == ["dues.already_paid"]
    assert "tháng 03/2026" in exc.value.violations[0].message
    assert DuesPayment.objects.count() == 1  # April not written either


def test_advance_payment_covers_several_months_with_extra_on_the_first(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1)
    rows = services.record_payment(by=cast.secretary_a1, member=m, months=[D(2026, 12, 1), D(2027, 1, 1)],
                                   extra=Decimal(20_000), paid_on=D(2026, 11, 28), channel="portal", receipt_number="BL-9")
    assert [(p.month, p.amount, p.extra, p.timing, p.channel) for p in rows] == [
        (D(2026, 12, 1), 80_000, 20_000, "advance", "portal"), (D(2027, 1, 1), 80_000, 0, "advance", "portal")]
    assert AuditEntry.objects.filter(action="dues.payment", object_id=str(m.pk)).count() == 2


def test_negative_absurd_and_outside_the_cell_are_refused(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        services.record_payment(by=cast.secretary_a1, member=m, months=[MAR], amount_per_month=Decimal(-1),
                                paid_on=D(2026, 3, 2))
    assert codes(exc) == ["dues.amount_negative"]
    with pytest.raises(RuleViolation) as exc:
        services.record_payment(by=cast.secretary_a1, member=m, months=[MAR], amount_per_month=Decimal(80_000_000),
                                paid_on=D(2026, 3, 2))
    assert codes(exc) == ["dues.amount_absurd"]
    # Admitted on 1/6/2012: not in the party (nor the cell) in 2011.
    with pytest.raises(RuleViolation) as exc:
        services.record_payment(by=SYSTEM, member=m, months=[D(2011, 5, 1)], paid_on=D(2026, 3, 2))
    assert codes(exc) == ["dues.not_in_cell"]
    assert not DuesPayment.objects.exists()


def test_bulk_month_saves_all_or_nothing_and_reports_every_bad_row(cast):
    a = member_with_basis("Nguyễn Văn An", cast.tree.cell_a1)
    b = member_with_basis("Trần Thị Bê", cast.tree.cell_a1, category="student")
    c = member_with_basis("Lê Văn Xa", cast.tree.cell_a2)  # another cell
    paid = D(2026, 3, 5)
    bad = [Entry(a.pk, Decimal(80_000), paid_on=paid), Entry(b.pk, Decimal(-5_000), paid_on=paid),
           Entry(c.pk, Decimal(80_000), paid_on=paid)]
    with pytest.raises(RuleViolation) as exc:
        services.record_month(by=cast.secretary_a1, cell=cast.tree.cell_a1, month=MAR, entries=bad)
    assert [(v.code, v.field) for v in exc.value.violations] == [("dues.amount_negative", "rows.1.amount"),
                                                                  ("dues.not_in_cell", "rows.2.month")]
    assert not DuesPayment.objects.exists()
    good = [Entry(a.pk, Decimal(80_000), paid_on=paid), Entry(b.pk, None), Entry(b.pk, Decimal(5_000), paid_on=paid)]
    result = services.record_month(by=cast.secretary_a1, cell=cast.tree.cell_a1, month=MAR, entries=good)
    assert (len(result.saved), result.skipped) == (2, 1)
    lines = {line.member.pk: line for line in selectors.cell_month(cast.tree.cell_a1, MAR)}
    assert (lines[a.pk].paid, lines[b.pk].paid, lines[b.pk].due.amount) == (80_000, 5_000, 5_000)
    with pytest.raises(PermissionDeniedInScope):
        services.record_month(by=cast.officer_b, cell=cast.tree.cell_a1, month=MAR, entries=good)


def test_void_makes_the_month_unpaid_again(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1)
    [p] = services.record_payment(by=cast.secretary_a1, member=m, months=[MAR], paid_on=D(2026, 3, 10))
    with pytest.raises(RuleViolation) as exc:
        services.void_payment(by=cast.secretary_a1, payment=p, reason="  ")
    assert codes(exc) == ["dues.void_reason"]
    services.void_payment(by=cast.secretary_a1, payment=p, reason="Ghi nhầm người")
    [line] = selectors.ledger([m], MAR, MAR)
    assert line.unpaid and DuesPayment.objects.get().void_reason == "Ghi nhầm người"
    services.record_payment(by=cast.secretary_a1, member=m, months=[MAR], paid_on=D(2026, 3, 12))
    assert DuesPayment.objects.count() == 2


def test_a_member_transferred_pays_to_the_cell_of_each_month(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1)
    event(m, EventType.TRANSFERRED_INTERNAL, D(2026, 4, 15), cast.tree.cell_a2, number="5-QĐ", date=D(2026, 4, 10))
    cells = {line.month: line.organization_id for line in selectors.ledger([m], MAR, D(2026, 5, 1))}
    assert cells == {MAR: cast.tree.cell_a1.pk, D(2026, 4, 1): cast.tree.cell_a1.pk, D(2026, 5, 1): cast.tree.cell_a2.pk}
    with pytest.raises(RuleViolation) as exc:
        services.record_month(by=cast.secretary_a1, cell=cast.tree.cell_a1, month=D(2026, 5, 1),
                              entries=[Entry(m.pk, Decimal(80_000), paid_on=D(2026, 5, 3))])
    assert codes(exc) == ["dues.not_in_cell"]


def test_d12_evidence_three_unpaid_months_in_twelve(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1, valid_from=D(2026, 6, 1))
    for month in (D(2026, 6, 1), D(2026, 7, 1), D(2026, 8, 1)):
        services.record_payment(by=SYSTEM, member=m, months=[month], paid_on=month)
    on = D(2026, 11, 20)  # September and October unpaid: not yet the ground
    [ev] = removal_evidence.evidence([m.pk], on, ground="unpaid_dues")
    assert (ev.months, ev.threshold, ev.met) == ((D(2026, 9, 1), D(2026, 10, 1)), 3, False)
    [ev] = removal_evidence.evidence([m.pk], D(2026, 12, 3), ground="unpaid_dues")
    assert ev.met and len(ev.details) == 3 and "11/2026" in ev.details[-1]


def test_a_month_excused_for_a_valid_reason_does_not_count_for_d12(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1, valid_from=D(2026, 9, 1))
    on = D(2026, 12, 3)
    assert [e.met for e in removal_evidence.evidence([m.pk], on, ground="unpaid_dues")] == [True]
    with pytest.raises(PermissionDeniedInScope):
        services.excuse_month(by=cast.officer_b, member=m, month=D(2026, 10, 1), reason="Ốm nặng")
    with pytest.raises(RuleViolation) as exc:
        services.excuse_month(by=cast.secretary_a1, member=m, month=D(2026, 10, 1), reason=" ")
    assert codes(exc) == ["dues.excuse_reason"]
    services.excuse_month(by=cast.secretary_a1, member=m, month=D(2026, 10, 20), reason="Nằm viện cả tháng")
    [ev] = removal_evidence.evidence([m.pk], on, ground="unpaid_dues")
    assert ev.months == (D(2026, 9, 1), D(2026, 11, 1)) and not ev.met
    [line] = selectors.ledger([m], D(2026, 10, 1), D(2026, 10, 1))
    assert line.arrear == 80_000  # still owed
    with pytest.raises(RuleViolation) as exc:
        services.excuse_month(by=cast.secretary_a1, member=m, month=D(2026, 10, 1), reason="Lần nữa")
    assert codes(exc) == ["dues.excuse_duplicate"]
    assert AuditEntry.objects.filter(action="dues.excuse", object_id=str(m.pk)).count() == 1
