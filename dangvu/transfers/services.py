"""Use cases of transfers of party activity and of exemption/suspension. The only code that writes
introduction letters and exemptions; members move only through membership events, recorded by
dangvu.members.services.record_event inside the same transaction.

Each use case: permission first (PermissionDeniedInScope → 403 for a visible letter), then every
rule at once (RuleViolation → the form's fields or a 400), then one transaction that writes the
letter, the membership event and the audit entries. A refusal anywhere rolls everything back.

The handshake across organizations:
  issue (sending side, "transfers.issue")  → letter ISSUED, the member is in transit;
  receive (receiving side, "transfers.receive" over the destination and the chosen cell)
      → official/internal: TRANSFERRED_INTERNAL to the receiving cell, dated the receipt;
      → temporary/abroad: TEMPORARY_OUT to the host cell (still counted at home, T6);
  return (receiving side) / cancel (sending side) → closed with a reason, the member stays;
  end (either side, temporary) → TEMPORARY_RETURN.
A letter to a place outside the system records TRANSFERRED_OUT at once (the member leaves the
register); a letter abroad to a place written down takes effect when issued and ends on return.
"""

import datetime as dt

from django.db import IntegrityError, transaction

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import field_violations, lock_for_update
from dangvu.members import services as member_services
from dangvu.members.kinds import IN_PARTY, EventType
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import chain_on, fact
from dangvu.rules.parameters import params_on
from dangvu.rules.regimes import regime_on
from dangvu.rules.workdays import deadline
from dangvu.transfers import rules
from dangvu.transfers.kinds import TEMPORARY_KINDS, ExemptionReason, LetterStatus, TransferKind
from dangvu.transfers.models import Exemption, TransferLetter

ISSUE = "transfers.issue"
RECEIVE = "transfers.receive"
CHANGE_MEMBER = "members.change"

# ---------------------------------------------------------------- helpers

def _user(by):
    return by if getattr(by, "pk", None) else None


def _remap(exc: RuleViolation, fields: dict[str, str]) -> RuleViolation:
    """Violations of a member event, put on the fields of the form that caused it."""
    return RuleViolation([Violation(v.code, v.message, fields.get(v.field, v.field) if v.field else v.field, v.source)
                          for v in exc.violations])


def _record(*, by, member, event_type, on, organization=None, external_place="", decision, fields, authorized: bool):
    """Record a member event for a transfer. `authorized=True` only where this service has itself checked
    `by` against the transfer's own two-sided rule (issuing side, receiving side); there is no default."""
    try:
        return member_services.record_event(by=by, member=member, event_type=event_type, effective_date=on,
                                             organization=organization, external_place=external_place, decision=decision,
                                             authorized=authorized)
    except RuleViolation as exc:
        raise _remap(exc, fields) from exc


def _locked(letter: TransferLetter, expected_version: int | None) -> TransferLetter:
    return lock_for_update(letter, expected_version, queryset=TransferLetter.objects.select_related(
        "member", "from_organization", "destination", "issued_by", "receiving_cell"))


def _decision(letter: TransferLetter) -> member_services.Decision:
    return member_services.Decision(number=letter.number, date=letter.issue_date, body=letter.issued_by.name,
                                    reason=f"Giấy giới thiệu sinh hoạt đảng ({TransferKind(letter.kind).label.lower()}) số "
                                           f"{letter.number}" + (f"; căn cứ: {letter.basis}" if letter.basis else ""))


def _audit(by, action: str, letter: TransferLetter, before: dict | None, note: str) -> None:
    audit.record(actor=by, action=action, obj=letter, before=before, after=audit.snapshot(letter, TransferLetter.AUDIT_FIELDS),
                 note=note)


def open_letter_of(member: Member) -> TransferLetter | None:
    return TransferLetter.objects.filter(member=member, is_open=True).select_related("destination", "receiving_cell").first()


def presentation_deadline_for(issue_date: dt.date) -> tuple[dt.date, bool]:
    """T3 for a letter issued on `issue_date`: (last day to present it, counted in working days?).

    30 working days (by the stored holiday calendar) under QĐ 294-QĐ/TW and later; 30 calendar
    days before (the regime of the issue date decides, `transfer_letter_working_days`)."""
    working = regime_on(issue_date).transfer_letter_working_days
    days = params_on(issue_date)["transfer.letter_presentation_days"]
    if working:
        return deadline(issue_date, days), True
    return rules.presentation_deadline(issue_date, days, False), False


# ---------------------------------------------------------------- who may do what

def may_issue_for(user, member: Member) -> bool:
    return (member.organization_id is not None and member.status in IN_PARTY
            and permissions.can(user, ISSUE, member.organization))


def require_receiving_side(by, letter: TransferLetter) -> None:
    """Receipt and return are for the officers of the destination and the secretaries of its cells."""
    if not permissions.is_system_admin(by) and (letter.destination is None or not permissions.can(by, RECEIVE, letter.destination)):
        raise PermissionDeniedInScope(f"Chỉ cấp ủy, chi bộ nơi đến ({letter.destination_label}) xác nhận tiếp nhận hoặc trả lại "
                                      f"giấy giới thiệu số {letter.number}.")


def require_issuing_side(by, letter: TransferLetter) -> None:
    if not permissions.can(by, ISSUE, letter.issued_by):
        raise PermissionDeniedInScope(f"Chỉ {letter.issued_by.name}, nơi cấp giấy, được hủy giấy giới thiệu số {letter.number}.")


def require_either_side(by, letter: TransferLetter) -> None:
    """The return from a temporary transfer is recorded at home or at the host."""
    if permissions.is_system_admin(by):
        return
    home = permissions.can(by, ISSUE, letter.from_organization)
    host = letter.receiving_cell is not None and permissions.can(by, RECEIVE, letter.receiving_cell)
    if not (home or host):
        raise PermissionDeniedInScope(f"Chỉ nơi đi ({letter.from_organization.name}) hoặc nơi sinh hoạt tạm thời ghi việc trở về.")


def may_receive(user, letter: TransferLetter) -> bool:
    return (letter.status == LetterStatus.ISSUED and letter.destination_id is not None
            and permissions.can(user, RECEIVE, letter.destination))


def may_cancel(user, letter: TransferLetter) -> bool:
    cancellable = letter.status == LetterStatus.ISSUED or (letter.status == LetterStatus.SENT and letter.is_open)
    return cancellable and permissions.can(user, ISSUE, letter.issued_by)


def may_end(user, letter: TransferLetter) -> bool:
    if not (letter.kind in TEMPORARY_KINDS and letter.is_open and letter.status in (LetterStatus.RECEIVED, LetterStatus.SENT)):
        return False
    return permissions.can(user, ISSUE, letter.from_organization) or (
        letter.receiving_cell_id is not None and permissions.can(user, RECEIVE, letter.receiving_cell))


# ---------------------------------------------------------------- issue

@audited
def issue_letter(*, by, member: Member, kind: str, number: str, issue_date: dt.date, destination: Organization | None = None,
                 destination_text: str = "", basis: str = "", basis_date: dt.date | None = None, late_issue_reason: str = "",
                 purpose: str = "", period_start: dt.date | None = None, period_end: dt.date | None = None,
                 self_review: bool = False, self_review_date: dt.date | None = None, signer_name: str = "",
                 signer_title: str = "") -> TransferLetter:
    """The sending side issues an introduction letter (giấy giới thiệu sinh hoạt đảng)."""
    member = lock_for_update(member, queryset=Member.objects.select_related("organization"))
    if not permissions.is_system_admin(by) and (member.organization is None or not permissions.can(by, ISSUE, member.organization)):
        raise PermissionDeniedInScope(f"Bạn không có quyền giới thiệu chuyển sinh hoạt đảng cho {member.full_name}.")
    number, destination_text, basis = (number or "").strip(), (destination_text or "").strip(), (basis or "").strip()
    signer_name, signer_title = (signer_name or "").strip(), (signer_title or "").strip()
    if kind not in TEMPORARY_KINDS:
        purpose, period_start, period_end = "", None, None
    if kind not in (TransferKind.OUTSIDE, TransferKind.ABROAD):
        destination_text = ""
    cell = member.organization if member.status in IN_PARTY else None
    chain = chain_on(cell, issue_date) if cell is not None else []
    issuer_fact = rules.issuing_body(kind, chain) if chain and kind in TransferKind.values else None
    issuer = Organization.objects.get(pk=issuer_fact.id) if issuer_fact else None
    p = params_on(issue_date, member.organization)
    t1_days = params_on(basis_date, member.organization)["transfer.official_working_days"] if basis_date else None
    state = MemberState.objects.filter(member=member, valid_to__isnull=True).select_related("temporary_organization").first()
    current = open_letter_of(member)
    facts = rules.IssueFacts(
        kind=kind, number=number, issue_date=issue_date, member_name=member.full_name, member_status=member.status,
        member_cell=fact(cell, issue_date), grassroots=rules.grassroots_of(chain) if chain else None,
        destination=fact(destination, issue_date), destination_text=destination_text, basis=basis, basis_date=basis_date,
        late_issue_reason=late_issue_reason or "", purpose=purpose or "", period_start=period_start, period_end=period_end,
        self_review=bool(self_review), self_review_date=self_review_date,
        temporarily_away_at=state.temporary_organization.name if state and state.temporary_organization else "",
        open_letter=current.number if current else "",
        number_taken=bool(issuer and number and TransferLetter.objects.filter(
            issued_by=issuer, number__iexact=number, issue_date__year=issue_date.year).exists()),
        # T1 runs from the basis decision, with the number of days in force on that decision's date.
        t1_deadline=deadline(basis_date, t1_days) if basis_date else None, t1_working_days=t1_days,
    )
    v = rules.check_issue(facts, p, today()) + field_violations(TransferLetter, code_prefix="transfer", values=
        {"number": number, "destination_text": destination_text, "basis": basis, "signer_name": signer_name,
         "signer_title": signer_title})
    if issuer is not None and not permissions.can(by, ISSUE, issuer):
        v.append(Violation("transfer.issuer_scope", f"Loại giấy giới thiệu: giấy này do {issuer.name} giới thiệu; bạn không có "
                           "quyền của cấp ủy đó.", "kind", rules.SOURCE_T2))
    raise_if(v)
    has_handshake = destination is not None
    due, working = presentation_deadline_for(issue_date) if has_handshake else (None, True)
    letter = TransferLetter(
        kind=kind, member=member, from_organization=cell, destination=destination, destination_text=destination_text,
        basis=basis, basis_date=basis_date, late_issue_reason=(late_issue_reason or "").strip(), number=number,
        issue_date=issue_date, issued_by=issuer, presentation_deadline=due, deadline_in_working_days=working,
        purpose=purpose or "", period_start=period_start, period_end=period_end, self_review=bool(self_review),
        self_review_date=self_review_date, signer_name=signer_name, signer_title=signer_title,
        status=LetterStatus.ISSUED if has_handshake else LetterStatus.SENT, is_open=kind != TransferKind.OUTSIDE,
        created_by=_user(by), created_by_label=audit.actor_label(by),
    )
    try:
        with transaction.atomic():
            letter.save()
    except IntegrityError as exc:  # another letter was opened for the member at the same moment
        raise RuleViolation([Violation("transfer.open_letter", f"{member.full_name} đã có giấy giới thiệu đang hiệu lực.",
                                       "member")]) from exc
    if kind == TransferKind.OUTSIDE:
        letter.out_event = _record(by=by, member=member, event_type=EventType.TRANSFERRED_OUT, on=issue_date,
                                   external_place=destination_text, decision=_decision(letter),
                                   fields={"effective_date": "issue_date", "external_place": "destination_text"},
                                   authorized=True)  # the issuing side was checked above
        letter.save(update_fields=["out_event"])
    label = TransferKind(kind).label.lower()
    _audit(by, "transfers.issue", letter, None,
           f"Cấp giấy giới thiệu sinh hoạt đảng {label} số {number} cho {member.full_name}: {cell.name} → "
           f"{letter.destination_label}" + (f"; hạn xuất trình {vn_date(due)}" if due else ""))
    return letter


# ---------------------------------------------------------------- receive, return, cancel, end

@audited
def receive_letter(*, by, letter: TransferLetter, receiving_cell: Organization | None, received_on: dt.date | None,
                   late_reason: str = "", expected_version: int | None = None) -> TransferLetter:
    """The receiving side confirms that the member presented the letter; the member is moved."""
    letter = _locked(letter, expected_version)
    require_receiving_side(by, letter)
    member = Member.objects.get(pk=letter.member_id)
    late_reason = (late_reason or "").strip()
    chain = chain_on(letter.from_organization, letter.issue_date)
    facts = rules.ReceiptFacts(
        kind=letter.kind, status=letter.status, number=letter.number, issue_date=letter.issue_date,
        presentation_deadline=letter.presentation_deadline, deadline_in_working_days=letter.deadline_in_working_days,
        destination=fact(letter.destination, received_on or today()),
        from_cell=fact(letter.from_organization, letter.issue_date), grassroots=rules.grassroots_of(chain),
        member_name=member.full_name, member_status=member.status, member_cell_id=member.organization_id,
        receiving_cell=fact(receiving_cell, received_on or today()), received_on=received_on, late_reason=late_reason,
        cell_in_scope=receiving_cell is None or permissions.can(by, RECEIVE, receiving_cell),
    )
    raise_if(rules.check_receipt(facts, today()))
    before = audit.snapshot(letter, TransferLetter.AUDIT_FIELDS)
    event_type = EventType.TEMPORARY_OUT if letter.kind in TEMPORARY_KINDS else EventType.TRANSFERRED_INTERNAL
    letter.receipt_event = _record(by=by, member=member, event_type=event_type, on=received_on, organization=receiving_cell,
                                   decision=_decision(letter),
                                   fields={"effective_date": "received_on", "organization": "receiving_cell"},
                                   authorized=True)  # require_receiving_side above
    letter.status = LetterStatus.RECEIVED
    letter.is_open = letter.kind in TEMPORARY_KINDS
    letter.received_on, letter.receiving_cell, letter.late_reason = received_on, receiving_cell, late_reason
    letter.received_by, letter.received_by_label = _user(by), audit.actor_label(by)
    letter.save()
    late = rules.is_late(letter.presentation_deadline, received_on)
    _audit(by, "transfers.receive", letter, before,
           f"Tiếp nhận {member.full_name} vào {receiving_cell.name} ngày {vn_date(received_on)}"
           + (f" (xuất trình chậm, hạn {vn_date(letter.presentation_deadline)}; lý do: {late_reason})" if late else ""))
    return letter


def _close_violations(letter, reason: str, on: dt.date | None, field: str = "closed_on") -> list[Violation]:
    v = []
    if not reason:
        v.append(Violation("transfer.reason_required", "Lý do: bắt buộc nhập.", "reason"))
    if on is None:
        v.append(Violation("transfer.date_required", "Ngày: bắt buộc nhập.", field))
    else:
        if on < letter.issue_date:
            v.append(Violation("transfer.before_issue", f"Ngày ({vn_date(on)}) không thể trước ngày cấp giấy "
                               f"({vn_date(letter.issue_date)}).", field))
        if on > today():
            v.append(Violation("transfer.date_future", "Ngày: không thể sau ngày hôm nay.", field))
    return v


@audited
def return_letter(*, by, letter: TransferLetter, reason: str, returned_on: dt.date | None = None,
                  expected_version: int | None = None) -> TransferLetter:
    """The receiving side does not accept the letter (wrong destination, incomplete file…): it goes back."""
    letter = _locked(letter, expected_version)
    require_receiving_side(by, letter)
    reason, returned_on = (reason or "").strip(), returned_on or today()
    v = [] if letter.status == LetterStatus.ISSUED else [Violation(
        "transfer.not_awaiting", f"Giấy giới thiệu số {letter.number} không ở tình trạng chờ tiếp nhận.", None)]
    raise_if(v + _close_violations(letter, reason, returned_on))
    before = audit.snapshot(letter, TransferLetter.AUDIT_FIELDS)
    _close(letter, by, LetterStatus.RETURNED, returned_on, reason)
    _audit(by, "transfers.return", letter, before, f"Trả lại giấy giới thiệu số {letter.number}. Lý do: {reason}")
    return letter


@audited
def cancel_letter(*, by, letter: TransferLetter, reason: str, expected_version: int | None = None) -> TransferLetter:
    """The issuing side withdraws a letter that has not been received; the member stays where they are."""
    letter = _locked(letter, expected_version)
    require_issuing_side(by, letter)
    reason = (reason or "").strip()
    v = []
    if letter.kind == TransferKind.OUTSIDE:
        v.append(Violation("transfer.cancel_outside", f"Giấy giới thiệu số {letter.number} chuyển ra ngoài hệ thống: đảng viên "
                           "đã ra khỏi sổ đảng viên khi cấp giấy; nếu đảng viên trở lại, ghi “chuyển sinh hoạt đến”.", None))
    elif not (letter.status == LetterStatus.ISSUED or (letter.status == LetterStatus.SENT and letter.is_open)):
        v.append(Violation("transfer.not_cancellable", f"Giấy giới thiệu số {letter.number} đã "
                           f"{LetterStatus(letter.status).label.lower()}: không hủy được.", None))
    raise_if(v + _close_violations(letter, reason, today()))
    before = audit.snapshot(letter, TransferLetter.AUDIT_FIELDS)
    _close(letter, by, LetterStatus.CANCELLED, today(), reason)
    _audit(by, "transfers.cancel", letter, before, f"Hủy giấy giới thiệu số {letter.number}. Lý do: {reason}")
    return letter


@audited
def end_temporary(*, by, letter: TransferLetter, ended_on: dt.date | None, note: str = "",
                  expected_version: int | None = None) -> TransferLetter:
    """A temporary transfer ends: the member returns to the home cell (TEMPORARY_RETURN)."""
    letter = _locked(letter, expected_version)
    require_either_side(by, letter)
    note = (note or "").strip()
    v = []
    if not (letter.kind in TEMPORARY_KINDS and letter.is_open and letter.status in (LetterStatus.RECEIVED, LetterStatus.SENT)):
        v.append(Violation("transfer.not_away", f"Giấy giới thiệu số {letter.number} không phải sinh hoạt tạm thời đang diễn ra.",
                           None))
    start = letter.received_on or letter.issue_date
    if ended_on is None:
        v.append(Violation("transfer.ended_on", "Ngày trở về: bắt buộc nhập.", "ended_on"))
    elif ended_on < start:
        v.append(Violation("transfer.ended_before_start", f"Ngày trở về ({vn_date(ended_on)}) không thể trước ngày bắt đầu "
                           f"sinh hoạt tạm thời ({vn_date(start)}).", "ended_on"))
    elif ended_on > today():
        v.append(Violation("transfer.ended_future", "Ngày trở về: không thể sau ngày hôm nay.", "ended_on"))
    raise_if(v)
    before = audit.snapshot(letter, TransferLetter.AUDIT_FIELDS)
    if letter.receipt_event_id is not None:
        letter.return_event = _record(by=by, member=letter.member, event_type=EventType.TEMPORARY_RETURN, on=ended_on,
                                      decision=_decision(letter), fields={"effective_date": "ended_on", "event_type": None},
                                      authorized=True)  # require_either_side above
    _close(letter, by, LetterStatus.ENDED, ended_on, note)
    _audit(by, "transfers.end", letter, before, f"{letter.member.full_name} trở về {letter.from_organization.name} ngày "
                                                f"{vn_date(ended_on)}, kết thúc sinh hoạt tạm thời")
    return letter


def _close(letter: TransferLetter, by, status: str, on: dt.date, reason: str) -> None:
    letter.status, letter.is_open = status, False
    letter.closed_on, letter.close_reason = on, reason
    letter.closed_by, letter.closed_by_label = _user(by), audit.actor_label(by)
    letter.save()


# ---------------------------------------------------------------- exemption and suspension (M5–M9)

def _require_change(by, member: Member) -> None:
    if not permissions.may_change_member(by, member, CHANGE_MEMBER):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi miễn, đình chỉ sinh hoạt cho {member.full_name}.")


def _event_decision(number: str, date: dt.date | None, body: str, reason: str) -> member_services.Decision:
    return member_services.Decision(number=(number or "").strip(), date=date, body=(body or "").strip(),
                                    reason=(reason or "").strip())


EVENT_FIELDS = {"event_type": None}


@audited
def record_exemption(*, by, member: Member, reason: str, decision_date: dt.date | None, decision_number: str = "",
                     effective_date: dt.date | None = None, note: str = "") -> Exemption:
    """The cell exempts a member from work and meetings (M5) on one of the grounds of M7."""
    member = Member.objects.select_related("organization").get(pk=member.pk)
    _require_change(by, member)
    effective_date = effective_date or decision_date
    raise_if(rules.check_exemption(reason, member.sex, decision_date, effective_date))
    body = member.organization.name if member.organization else ""
    label = ExemptionReason(reason).label
    _close_stale_exemptions(by, member)
    event = _record(by=by, member=member, event_type=EventType.EXEMPTED, on=effective_date, authorized=False,
                    decision=_event_decision(decision_number, decision_date, body, f"{label}. {note}".strip(". ")),
                    fields=EVENT_FIELDS)
    return Exemption.objects.create(member=member, reason=reason, started_on=effective_date, decision_number=decision_number,
                                    decision_date=decision_date, note=(note or "").strip(), start_event=event)


def _close_stale_exemptions(by, member: Member) -> None:
    """An exemption ended through the register's plain event form leaves its row open: close it at
    the date of that EXEMPTION_ENDED event, so rows and history agree (audited like any change)."""
    for row in Exemption.objects.filter(member=member, ended_on__isnull=True):
        row = lock_for_update(row)
        ended = (MembershipEvent.objects.filter(member=member, event_type=EventType.EXEMPTION_ENDED,
                                                effective_date__gte=row.started_on).order_by("effective_date", "id").first())
        row.ended_on = ended.effective_date if ended else row.started_on
        row.end_event = ended
        row.save(update_fields=["ended_on", "end_event"])
        audit.record(actor=by, action="transfers.exemption_close", obj=row, object_label=f"Miễn sinh hoạt của {member.full_name}",
                     before={"ended_on": None}, after={"ended_on": row.ended_on},
                     note="Khép lại theo sự kiện thôi miễn sinh hoạt đã ghi trong sổ")


@audited
def end_exemption(*, by, member: Member, effective_date: dt.date | None, decision_number: str = "",
                  decision_date: dt.date | None = None, note: str = "") -> MembershipEvent:
    member = Member.objects.select_related("organization").get(pk=member.pk)
    _require_change(by, member)
    if effective_date is None:
        raise_if([Violation("exemption.effective_date", "Ngày hiệu lực: bắt buộc nhập.", "effective_date")])
    body = member.organization.name if member.organization else ""
    event = _record(by=by, member=member, event_type=EventType.EXEMPTION_ENDED, on=effective_date, authorized=False,
                    decision=_event_decision(decision_number, decision_date, body, note), fields=EVENT_FIELDS)
    current = Exemption.objects.filter(member=member, ended_on__isnull=True).first()
    if current is not None:
        current = lock_for_update(current)
        current.ended_on, current.end_event = effective_date, event
        current.end_decision_number, current.end_decision_date = (decision_number or "").strip(), decision_date
        current.end_note = (note or "").strip()
        current.save()
    return event


@audited
def suspend(*, by, member: Member, effective_date: dt.date | None, decision_date: dt.date | None, reason: str,
            decision_number: str = "", deciding_body: str = "") -> MembershipEvent:
    """Suspension from party activity (đình chỉ sinh hoạt) pending a case; the member still pays dues (M9)."""
    member = Member.objects.select_related("organization").get(pk=member.pk)
    _require_change(by, member)
    v = []
    if effective_date is None:
        v.append(Violation("suspension.effective_date", "Ngày hiệu lực: bắt buộc nhập.", "effective_date"))
    if decision_date is None:
        v.append(Violation("suspension.decision_date", "Ngày quyết định: bắt buộc nhập.", "decision_date"))
    elif effective_date is not None and effective_date < decision_date:
        v.append(Violation("suspension.before_decision", f"Ngày hiệu lực ({vn_date(effective_date)}) không thể trước ngày quyết "
                           f"định ({vn_date(decision_date)}).", "effective_date"))
    if not (reason or "").strip():
        v.append(Violation("suspension.reason", "Lý do: bắt buộc nhập.", "reason"))
    raise_if(v)
    return _record(by=by, member=member, event_type=EventType.SUSPENDED, on=effective_date, authorized=False,
                   decision=_event_decision(decision_number, decision_date, deciding_body, reason), fields=EVENT_FIELDS)


@audited
def reinstate(*, by, member: Member, effective_date: dt.date | None, decision_date: dt.date | None = None,
              decision_number: str = "", deciding_body: str = "", reason: str = "") -> MembershipEvent:
    member = Member.objects.select_related("organization").get(pk=member.pk)
    _require_change(by, member)
    if effective_date is None:
        raise_if([Violation("suspension.effective_date", "Ngày hiệu lực: bắt buộc nhập.", "effective_date")])
    return _record(by=by, member=member, event_type=EventType.REINSTATED, on=effective_date, authorized=False,
                   decision=_event_decision(decision_number, decision_date, deciding_body, reason), fields=EVENT_FIELDS)
