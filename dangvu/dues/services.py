"""Use cases of party dues: the only code that writes this app's tables.

Each one: permission first ("dues.collect" over the member's cell: officers and the cell's
secretary; a member may declare their own basis, D1), then every rule (all violations at once,
rules.py), then one transaction that writes the rows and the audit entry on the member's record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import field_violations, lock_for_update
from dangvu.core.text import clean_text
from dangvu.dues import rules, selectors
from dangvu.dues.models import Channel, DuesBasis, DuesExcuse, DuesPayment
from dangvu.dues.querysets import COLLECT
from dangvu.members.models import Member
from dangvu.rules.parameters import params_on


def _user(by):
    return by if getattr(by, "pk", None) else None


def _is_self(by, member: Member) -> bool:
    return member.user_id is not None and member.user_id == getattr(by, "pk", None)


def may_collect(by, org) -> bool:
    return permissions.is_system_admin(by) or (org is not None and permissions.can(by, COLLECT, org))


def _require_collect(by, member: Member) -> None:
    if not permissions.may_change_member(by, member, COLLECT):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi đảng phí của {member.full_name}.")


# ---------------------------------------------------------------- basis (category and income)

@audited
def declare_basis(*, by, member: Member, valid_from: dt.date, category: str, income: Decimal | None = None,
                  zone: int | None = None, reduction_percent: int = 0, relief_until: dt.date | None = None,
                  note: str = "", expected_version: int | None = None) -> DuesBasis:
    """Declare what `member`'s dues are computed from, from `valid_from`'s month on (the month's basis
    declared again replaces it, with a version check). The cell (officers, the secretary) or the member
    themself (D1: members report their income) declares it."""
    by_member = _is_self(by, member)
    if not by_member:
        _require_collect(by, member)
    valid_from = rules.month_start(valid_from)
    relief_until = rules.month_start(relief_until) if relief_until else None
    income = Decimal(income) if income not in (None, "") else None
    note = clean_text(note or "").strip()
    params = params_on(valid_from)
    v = field_violations(DuesBasis, {"category": category, "note": note}, code_prefix="dues")
    v += rules.check_basis(category=category, valid_from=valid_from, income=income, zone=zone,
                           reduction_percent=reduction_percent or 0, relief_until=relief_until, params=params)
    if category not in rules.Category.WITH_INCOME:
        income = None
    if category not in rules.Category.WITH_ZONE and category != rules.Category.HARDSHIP_EXEMPT:
        zone = None
    raise_if(v)
    existing = DuesBasis.objects.filter(member=member, valid_from=valid_from).first()
    before = None
    if existing is not None:
        existing = lock_for_update(existing, expected_version)
        before = audit.snapshot(existing, DuesBasis.AUDIT_FIELDS)
        basis = existing
    else:
        basis = DuesBasis(member=member, valid_from=valid_from)
    basis.category, basis.income, basis.zone = category, income, zone
    basis.reduction_percent, basis.relief_until, basis.note = reduction_percent or 0, relief_until, note
    basis.reported_by_member = by_member
    basis.recorded_by, basis.recorded_by_label = _user(by), audit.actor_label(by)
    basis.save()
    audit.record(actor=by, action="dues.basis", obj=member, before=before,
                 after=audit.snapshot(basis, DuesBasis.AUDIT_FIELDS),
                 note=f"Căn cứ đóng đảng phí từ {rules.month_label(valid_from)}: {basis.get_category_display()}")
    return basis


# ---------------------------------------------------------------- payments

@dataclass
class Entry:
    """One member's payment for one month, as typed."""

    member_id: int
    amount: Decimal | None
    extra: Decimal | None = None
    paid_on: dt.date | None = None
    channel: str = Channel.CASH
    receipt_number: str = ""

    @property
    def empty(self) -> bool:
        return self.amount in (None, "") and self.extra in (None, "", Decimal(0))


def _paid_months(member_ids, months) -> set[tuple[int, dt.date]]:
    return set(DuesPayment.objects.filter(member_id__in=list(member_ids), month__in=list(months), voided_at__isnull=True)
               .values_list("member_id", "month"))


def _check_entry(entry: Entry, line: selectors.MonthLine | None, member: Member, month: dt.date, *, already: bool,
                 prefix: str, on: dt.date) -> list[Violation]:
    amount = Decimal(entry.amount) if entry.amount not in (None, "") else Decimal(0)
    extra = Decimal(entry.extra) if entry.extra not in (None, "") else Decimal(0)
    facts = rules.PaymentFacts(month=month, amount=amount, extra=extra, paid_on=entry.paid_on)
    expected = line.due.amount if line else Decimal(0)
    v = rules.check_payment(facts, expected=expected, already_paid=already, in_cell=line is not None,
                            member_name=member.full_name, today=on, params=params_on(month), field_prefix=prefix)
    if entry.channel not in Channel.values:
        v.append(Violation("dues.channel", f"{member.full_name}: hình thức nộp “{entry.channel}” không có trong danh mục.",
                           prefix + "channel"))
    if len(entry.receipt_number or "") > 40:
        v.append(Violation("dues.receipt_number", f"{member.full_name}: số biên lai tối đa 40 ký tự.", prefix + "receipt_number"))
    return v


def _write(by, member: Member, month: dt.date, org_id: int, entry: Entry, expected: Decimal) -> DuesPayment:
    payment = DuesPayment(member=member, month=month, organization_id=org_id, expected=expected,
                          amount=Decimal(entry.amount or 0), extra=Decimal(entry.extra or 0), paid_on=entry.paid_on,
                          channel=entry.channel, receipt_number=(entry.receipt_number or "").strip(),
                          recorded_by=_user(by), recorded_by_label=audit.actor_label(by))
    payment.save()
    audit.record(actor=by, action="dues.payment", obj=member, after=audit.snapshot(payment, DuesPayment.AUDIT_FIELDS),
                 data={"payment": payment.pk},
                 note=f"Đóng đảng phí {rules.month_label(month)}: {rules.money(payment.amount)}"
                      + (f", đóng thêm {rules.money(payment.extra)}" if payment.extra else ""))
    return payment


def _save_all(writes) -> list[DuesPayment]:
    try:
        with transaction.atomic():
            return [_write(*w) for w in writes]
    except IntegrityError as exc:  # a concurrent entry of the same month
        raise RuleViolation([Violation("dues.already_paid", "Một khoản đảng phí vừa được người khác ghi cho cùng đảng viên "
                                       "và tháng; tải lại trang để xem.", "month")]) from exc


@audited
def record_payment(*, by, member: Member, months: list[dt.date], amount_per_month: Decimal | None = None,
                   extra: Decimal | None = None, paid_on: dt.date, channel: str = Channel.CASH,
                   receipt_number: str = "") -> list[DuesPayment]:
    """One payment by `member` covering one or more months (D2: late, or in advance): one row a month,
    each the month's amount owed unless `amount_per_month` is given; the voluntary `extra` goes with the
    first month."""
    months = sorted({rules.month_start(m) for m in months})
    if not months:
        raise RuleViolation([Violation("dues.months_required", "Tháng đóng: chọn ít nhất một tháng.", "months")])
    lines = {line.month: line for line in selectors.ledger([member], months[0], months[-1])}
    from dangvu.organizations.models import Organization

    cells = Organization.objects.filter(pk__in={line.organization_id for line in lines.values()})
    if not lines:
        _require_collect(by, member)
    elif not all(may_collect(by, cell) for cell in cells):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi đảng phí của {member.full_name}.")
    already = _paid_months([member.pk], months)
    on = today()
    v: list[Violation] = []
    writes = []
    for i, month in enumerate(months):
        line = lines.get(month)
        entry = Entry(member.pk, amount_per_month if amount_per_month is not None else (line.due.amount if line else 0),
                      extra if i == 0 else None, paid_on, channel, receipt_number)
        v += _check_entry(entry, line, member, month, already=(member.pk, month) in already, prefix="", on=on)
        if line is not None:
            writes.append((by, member, month, line.organization_id, entry, line.due.amount))
    raise_if(v)
    return _save_all(writes)


@dataclass
class MonthResult:
    saved: list[DuesPayment]
    skipped: int


@audited
def record_month(*, by, cell, month: dt.date, entries: list[Entry]) -> MonthResult:
    """The secretary's entry of one month for the whole cell: every typed row checked (every bad row
    reported, with its member and field), then all saved in one transaction or none. Rows left empty
    are members who did not pay (yet)."""
    if not may_collect(by, cell):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi đảng phí của “{cell.name}”.")
    month = rules.month_start(month)
    lines = {line.member.pk: line for line in selectors.cell_month(cell, month)}
    typed = [(i, e) for i, e in enumerate(entries) if not e.empty]
    outsiders = {e.member_id for _, e in typed} - set(lines)
    names = dict(Member.objects.filter(pk__in=outsiders).values_list("pk", "full_name"))
    already = _paid_months([e.member_id for _, e in typed], [month])
    on = today()
    v: list[Violation] = []
    writes = []
    for i, entry in typed:
        line = lines.get(entry.member_id)
        member = line.member if line else Member(pk=entry.member_id, full_name=names.get(entry.member_id, f"#{entry.member_id}"))
        v += _check_entry(entry, line, member, month, already=(entry.member_id, month) in already, prefix=f"rows.{i}.", on=on)
        if line is not None:
            writes.append((by, line.member, month, cell.pk, entry, line.due.amount))
    raise_if(v)
    return MonthResult(_save_all(writes), len(entries) - len(typed))


@audited
def void_payment(*, by, payment: DuesPayment, reason: str, expected_version: int | None = None) -> DuesPayment:
    """Void a payment recorded by mistake (kept, greyed, with the reason); the month is then unpaid again."""
    payment = lock_for_update(payment, expected_version, queryset=DuesPayment.objects.select_related("member", "organization"))
    if not may_collect(by, payment.organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền hủy khoản đảng phí của {payment.member.full_name}.")
    reason = clean_text(reason or "").strip()
    v = []
    if not reason:
        v.append(Violation("dues.void_reason", "Lý do hủy: bắt buộc nhập.", "void_reason"))
    if payment.voided_at is not None:
        v.append(Violation("dues.already_voided", "Khoản đảng phí này đã được hủy trước đó.", "void_reason"))
    v += field_violations(DuesPayment, {"void_reason": reason}, code_prefix="dues")
    raise_if(v)
    before = audit.snapshot(payment, DuesPayment.AUDIT_FIELDS)
    payment.voided_at, payment.void_reason = timezone.now(), reason
    payment.save()
    audit.record(actor=by, action="dues.void", obj=payment.member, before=before,
                 after=audit.snapshot(payment, DuesPayment.AUDIT_FIELDS), data={"payment": payment.pk},
                 note=f"Hủy khoản đảng phí {rules.month_label(payment.month)}: {reason}")
    return payment


@audited
def excuse_month(*, by, member: Member, month: dt.date, reason: str) -> DuesExcuse:
    """Record that `member` did not pay `month` for a valid reason (the cell's judgement): the month no
    longer counts toward the D12 striking-off ground; it stays owed."""
    month = rules.month_start(month)
    reason = clean_text(reason or "").strip()
    lines = selectors.ledger([member], month, month)
    from dangvu.organizations.models import Organization

    cell = Organization.objects.filter(pk=lines[0].organization_id).first() if lines else None
    if cell is None:
        _require_collect(by, member)
    elif not may_collect(by, cell):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi đảng phí của {member.full_name}.")
    who = f"{member.full_name}, {rules.month_label(month)}"
    v: list[Violation] = []
    if not reason:
        v.append(Violation("dues.excuse_reason", "Lý do chính đáng: bắt buộc nhập.", "reason", rules.SOURCE_D12))
    v += field_violations(DuesExcuse, {"reason": reason}, code_prefix="dues")
    if not lines:
        v.append(Violation("dues.not_in_cell", f"{who}: đảng viên không sinh hoạt ở chi bộ nào trong tháng này.", "month"))
    elif lines[0].payment is not None:
        v.append(Violation("dues.excuse_paid", f"{who}: tháng này đã đóng đảng phí.", "month"))
    elif lines[0].due.amount <= 0:
        v.append(Violation("dues.excuse_nothing_owed", f"{who}: tháng này không phải đóng đảng phí.", "month"))
    if month > rules.month_start(today()):
        v.append(Violation("dues.excuse_future", f"{who}: chỉ ghi lý do cho tháng đã qua hoặc tháng này.", "month"))
    if DuesExcuse.objects.filter(member=member, month=month).exists():
        v.append(Violation("dues.excuse_duplicate", f"{who}: đã ghi lý do chính đáng cho tháng này.", "month"))
    raise_if(v)
    excuse = DuesExcuse(member=member, month=month, reason=reason, recorded_by=_user(by), recorded_by_label=audit.actor_label(by))
    excuse.save()
    audit.record(actor=by, action="dues.excuse", obj=member, after=audit.snapshot(excuse, DuesExcuse.AUDIT_FIELDS),
                 note=f"Chưa đóng đảng phí {rules.month_label(month)} có lý do chính đáng: {reason}")
    return excuse
