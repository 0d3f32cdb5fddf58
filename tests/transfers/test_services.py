"""The transfer services on the database: the two-sided handshake, the member's cell and status
after each step and as of any date, deadlines by the stored holiday calendar and by regime,
exemption and suspension, audit, and nothing half-done when a step is refused."""

import datetime as dt

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType, Status
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.rules.workdays import deadline
from dangvu.transfers import selectors, services
from dangvu.transfers.kinds import LetterStatus, Purpose, TransferKind
from dangvu.transfers.models import Exemption, TransferLetter
from tests.clock import TODAY
from tests.members import register
from tests.transfers.conftest import official

pytestmark = pytest.mark.django_db
D = dt.date
DAY = dt.timedelta(days=1)


def _codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


def _fields(exc) -> set[str]:
    return {v.field for v in exc.value.violations}


def _issue(by, member, destination, on, **kw):
    return services.issue_letter(by=by, member=member, destination=destination, issue_date=on,
                                 basis_date=kw.pop("basis_date", on - 3 * DAY), **official(**kw))


def _cell_on(member, on):
    state = MemberState.objects.valid_on(on).filter(member=member).first()
    return state.organization_id if state else None


# ---------------------------------------------------------------- the handshake

def test_official_transfer_across_districts(cast, more, binh):
    t = cast.tree
    issued_on, received_on = TODAY - 20 * DAY, TODAY - 10 * DAY
    letter = _issue(cast.officer_a, binh, t.cell_b1, issued_on)
    assert letter.status == LetterStatus.ISSUED and letter.is_open
    assert letter.issued_by == t.district_a  # T2: out of the grassroots organization → its direct superior
    assert letter.from_organization == t.cell_a1
    # In transit: still in A1, nothing recorded on the member yet.
    binh.refresh_from_db()
    assert binh.organization == t.cell_a1 and binh.status == Status.FULL
    assert not MembershipEvent.objects.filter(member=binh, event_type=EventType.TRANSFERRED_INTERNAL).exists()
    assert selectors.in_transit_ids([binh.pk]) == {binh.pk}
    # Both sides see it; a third district does not.
    assert TransferLetter.objects.visible_to(cast.officer_b).filter(pk=letter.pk).exists()
    assert TransferLetter.objects.visible_to(more.secretary_b1).filter(pk=letter.pk).exists()
    assert TransferLetter.objects.visible_to(cast.officer_a).filter(pk=letter.pk).exists()
    for outsider in (more.officer_c, cast.member_a1):
        assert not TransferLetter.objects.visible_to(outsider).filter(pk=letter.pk).exists()
    assert list(selectors.letters(cast.officer_b, "incoming", TODAY)) == [letter]
    assert list(selectors.letters(cast.officer_a, "incoming", TODAY)) == []
    assert list(selectors.letters(cast.officer_a, "outgoing", TODAY)) == [letter]
    assert list(selectors.letters(cast.officer_b, "in_transit", TODAY)) == [letter]
    # The issuer does not hold the receiving scope: it cannot confirm its own letter.
    with pytest.raises(PermissionDeniedInScope):
        services.receive_letter(by=cast.officer_a, letter=letter, receiving_cell=t.cell_b1, received_on=received_on)
    # The receiving cell's secretary confirms; the member moves on the receipt date.
    letter = services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=received_on)
    binh.refresh_from_db()
    assert letter.status == LetterStatus.RECEIVED and not letter.is_open and letter.received_by == more.secretary_b1
    assert binh.organization == t.cell_b1 and binh.status == Status.FULL
    event = letter.receipt_event
    assert (event.event_type, event.effective_date, event.organization, event.from_organization) == (
        EventType.TRANSFERRED_INTERNAL, received_on, t.cell_b1, t.cell_a1)
    assert event.recorded_by == more.secretary_b1 and event.decision_number == letter.number
    # As of any date: A1 until the day before the receipt, B1 from it.
    assert _cell_on(binh, issued_on) == t.cell_a1.pk
    assert _cell_on(binh, received_on - DAY) == t.cell_a1.pk
    assert _cell_on(binh, received_on) == t.cell_b1.pk
    assert selectors.in_transit_ids([binh.pk]) == set()
    # B now runs the member; A still reads the history.
    assert Member.objects.visible_to(cast.officer_b).filter(pk=binh.pk).exists()
    assert Member.objects.visible_to(cast.officer_a).filter(pk=binh.pk).exists()
    assert TransferLetter.objects.visible_to(cast.officer_a).filter(pk=letter.pk).exists()
    actions = list(AuditEntry.objects.filter(object_type="transfers.transferletter", object_id=str(letter.pk))
                   .order_by("id").values_list("action", "actor__username"))
    assert actions == [("transfers.issue", "officer_a"), ("transfers.receive", "secretary_b1")]
    assert AuditEntry.objects.filter(action="members.transferred_internal", object_id=str(binh.pk),
                                     actor=more.secretary_b1).count() == 1


def test_officer_of_the_receiving_district_chooses_the_cell(cast, binh):
    t = cast.tree
    letter = _issue(cast.officer_a, binh, t.grassroots_b, TODAY - 5 * DAY)
    with pytest.raises(RuleViolation) as exc:
        services.receive_letter(by=cast.officer_b, letter=letter, receiving_cell=t.grassroots_b, received_on=TODAY)
    assert _codes(exc) == {"transfer.receiving_kind"}
    letter = services.receive_letter(by=cast.officer_b, letter=letter, receiving_cell=t.cell_b1, received_on=TODAY)
    assert Member.objects.get(pk=binh.pk).organization == t.cell_b1


def test_issuer_holding_the_receiving_scope_confirms_internal_letters(cast, binh):
    t = cast.tree
    letter = services.issue_letter(by=cast.officer_a, member=binh, kind=TransferKind.INTERNAL, number="3-GGT/ĐU",
                                   issue_date=TODAY - 3 * DAY, destination=t.cell_a2)
    assert letter.issued_by == t.grassroots_a
    services.receive_letter(by=cast.officer_a, letter=letter, receiving_cell=t.cell_a2, received_on=TODAY)
    assert Member.objects.get(pk=binh.pk).organization == t.cell_a2


def test_a_grassroots_officer_issues_internal_but_not_official_letters(cast, more, binh):
    t = cast.tree
    with pytest.raises(RuleViolation) as exc:
        _issue(more.officer_ga, binh, t.cell_b1, TODAY - 3 * DAY)
    assert _codes(exc) == {"transfer.issuer_scope"} and "Đảng bộ huyện An Lạc" in str(exc.value)
    letter = services.issue_letter(by=more.officer_ga, member=binh, kind=TransferKind.INTERNAL, number="4-GGT/ĐU",
                                   issue_date=TODAY, destination=t.cell_a2)
    assert letter.status == LetterStatus.ISSUED


def test_only_officers_of_the_member_issue(cast, more, binh):
    for user in (cast.secretary_a1, cast.viewer_a, cast.officer_b, more.officer_c, cast.member_a1):
        with pytest.raises(PermissionDeniedInScope):
            _issue(user, binh, cast.tree.cell_b1, TODAY)
    assert not TransferLetter.objects.exists()


def test_one_open_letter_per_member(cast, binh):
    t = cast.tree
    first = _issue(cast.officer_a, binh, t.cell_b1, TODAY - 2 * DAY)
    with pytest.raises(RuleViolation) as exc:
        _issue(cast.officer_a, binh, t.cell_b1, TODAY, number="16-GGT/HU")
    assert _codes(exc) == {"transfer.open_letter"}
    services.cancel_letter(by=cast.officer_a, letter=first, reason="Đảng viên không chuyển công tác nữa")
    second = _issue(cast.officer_a, binh, t.cell_b1, TODAY, number="16-GGT/HU")
    assert second.is_open and TransferLetter.objects.get(pk=first.pk).status == LetterStatus.CANCELLED


def test_number_unique_per_issuer_and_year(cast, binh):
    t = cast.tree
    other = register("Lê Văn Cường", t.cell_a1)
    _issue(cast.officer_a, binh, t.cell_b1, TODAY)
    with pytest.raises(RuleViolation) as exc:
        _issue(cast.officer_a, other, t.cell_b1, TODAY)
    assert _codes(exc) == {"transfer.number_taken"}


def test_cancel_and_return(cast, more, binh):
    t = cast.tree
    letter = _issue(cast.officer_a, binh, t.cell_b1, TODAY - 2 * DAY)
    for user in (cast.officer_b, more.secretary_b1, cast.secretary_a1):
        with pytest.raises(PermissionDeniedInScope):
            services.cancel_letter(by=user, letter=letter, reason="x")
    with pytest.raises(RuleViolation) as exc:
        services.return_letter(by=more.secretary_b1, letter=letter, reason=" ")
    assert _codes(exc) == {"transfer.reason_required"}
    with pytest.raises(PermissionDeniedInScope):
        services.return_letter(by=cast.officer_a, letter=letter, reason="x")
    letter = services.return_letter(by=more.secretary_b1, letter=letter, reason="Chi bộ đã giải thể, gửi đến đảng ủy xã")
    assert letter.status == LetterStatus.RETURNED and not letter.is_open
    assert Member.objects.get(pk=binh.pk).organization == t.cell_a1
    with pytest.raises(RuleViolation) as exc:
        services.cancel_letter(by=cast.officer_a, letter=letter, reason="x")
    assert _codes(exc) == {"transfer.not_cancellable"}
    with pytest.raises(RuleViolation) as exc:
        services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=TODAY)
    assert _codes(exc) == {"transfer.not_awaiting"}


def test_stale_version_is_refused(cast, more, binh):
    letter = _issue(cast.officer_a, binh, cast.tree.cell_b1, TODAY)
    with pytest.raises(ConcurrentEditError):
        services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=cast.tree.cell_b1, received_on=TODAY,
                                expected_version=letter.version + 1)


# ---------------------------------------------------------------- nothing half-done

def test_a_refused_receipt_leaves_letter_and_member_untouched(cast, more, binh):
    t = cast.tree
    letter = _issue(cast.officer_a, binh, t.cell_b1, TODAY - 20 * DAY)
    # After the letter was issued the member was exempted (an event dated 10 days ago): a receipt
    # dated before that event is refused by the member's history, after the rules of the letter passed.
    member_services.record_event(by=cast.officer_a, member=binh, event_type=EventType.EXEMPTED,
                                 effective_date=TODAY - 10 * DAY)
    entries = AuditEntry.objects.count()
    events = MembershipEvent.objects.count()
    with pytest.raises(RuleViolation) as exc:
        services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=TODAY - 15 * DAY)
    assert _codes(exc) == {"event.out_of_order"} and _fields(exc) == {"received_on"}
    letter.refresh_from_db()
    binh.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED and letter.receipt_event is None and letter.version == 1
    assert binh.organization == t.cell_a1
    assert (MembershipEvent.objects.count(), AuditEntry.objects.count()) == (events, entries)


def test_a_refused_issue_writes_nothing(cast, binh):
    with pytest.raises(RuleViolation):
        _issue(cast.officer_a, binh, cast.tree.cell_b1, TODAY, self_review=False)
    assert not TransferLetter.objects.exists() and not AuditEntry.objects.filter(action__startswith="transfers.").exists()


# ---------------------------------------------------------------- deadlines (T3) and regimes

def test_thirty_working_days_across_tet_2026(cast, more, binh):
    t = cast.tree
    # Issued Tuesday 20/1/2026; Tết Bính Ngọ takes 16–20/2 off: the 30th working day is 10/3/2026.
    letter = _issue(cast.officer_a, binh, t.cell_b1, D(2026, 1, 20), basis_date=D(2026, 1, 12))
    assert letter.presentation_deadline == D(2026, 3, 10) and letter.deadline_in_working_days
    assert letter.overdue_on(D(2026, 3, 10)) is False and letter.overdue_on(D(2026, 3, 11)) is True
    with pytest.raises(RuleViolation) as exc:  # the 31st working day needs a reason
        services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=D(2026, 3, 11))
    assert _codes(exc) == {"transfer.late_presentation"} and _fields(exc) == {"late_reason"}
    letter = services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=D(2026, 3, 10))
    assert letter.late_reason == ""


def test_late_presentation_is_recorded_with_its_reason(cast, more, binh):
    t = cast.tree
    letter = _issue(cast.officer_a, binh, t.cell_b1, D(2026, 1, 20), basis_date=D(2026, 1, 12))
    letter = services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1,
                                     received_on=D(2026, 3, 11), late_reason="Đảng viên điều trị tại bệnh viện")
    assert letter.late_reason == "Đảng viên điều trị tại bệnh viện"
    entry = AuditEntry.objects.get(action="transfers.receive", object_id=str(letter.pk))
    assert "xuất trình chậm" in entry.note and "10/03/2026" in entry.note


def test_thirty_calendar_days_before_qd_294(cast, more, binh):
    t = cast.tree
    letter = _issue(cast.officer_a, binh, t.cell_b1, D(2024, 2, 1), basis_date=D(2024, 1, 25))
    assert letter.presentation_deadline == D(2024, 3, 2) and not letter.deadline_in_working_days
    with pytest.raises(RuleViolation) as exc:
        services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=D(2024, 3, 3))
    assert _codes(exc) == {"transfer.late_presentation"} and "30 ngày kể từ" in str(exc.value)
    services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=D(2024, 3, 2))


def test_the_same_dates_give_different_deadlines_by_regime():
    calendar_2024, _ = services.presentation_deadline_for(D(2024, 6, 3))
    working_2026, working = services.presentation_deadline_for(D(2026, 6, 1))
    assert calendar_2024 == D(2024, 7, 3)
    assert working and working_2026 == D(2026, 7, 13)  # 30 working days after Monday 1/6/2026


def test_t1_sixty_working_days_by_the_stored_calendar(cast, binh):
    basis = D(2026, 1, 20)
    last = deadline(basis, 60)
    with pytest.raises(RuleViolation) as exc:
        _issue(cast.officer_a, binh, cast.tree.cell_b1, last + DAY, basis_date=basis)
    assert _codes(exc) == {"transfer.t1_late"}
    letter = _issue(cast.officer_a, binh, cast.tree.cell_b1, last, basis_date=basis)
    assert letter.late_issue_reason == ""


def test_t1_counts_the_days_in_force_on_the_basis_decision_not_on_the_letter(cast, binh):
    """The parameter changes to 30 working days from 1/3/2026: a basis decision of 20/1/2026 still has 60."""
    from dangvu.rules import services as rule_services

    rule_services.set_parameter(by=cast.admin, key="transfer.official_working_days", value=30,
                                effective_from=D(2026, 3, 1), reason="Thử: quy định mới")
    basis = D(2026, 1, 20)
    with pytest.raises(RuleViolation) as exc:
        _issue(cast.officer_a, binh, cast.tree.cell_b1, deadline(basis, 60) + DAY, basis_date=basis)
    assert _codes(exc) == {"transfer.t1_late"} and "quá 60 ngày làm việc" in str(exc.value)
    letter = _issue(cast.officer_a, binh, cast.tree.cell_b1, deadline(basis, 60), basis_date=basis)
    assert letter.late_issue_reason == ""


# ---------------------------------------------------------------- temporary, abroad, outside

def test_temporary_transfer_counts_at_home_not_at_the_host(cast, more, binh):
    t = cast.tree
    start = TODAY - 40 * DAY
    letter = services.issue_letter(by=cast.officer_a, member=binh, kind=TransferKind.TEMPORARY, number="7-GGT/ĐU",
                                   issue_date=start - 2 * DAY, destination=t.cell_b1, basis="Quyết định cử đi học",
                                   basis_date=start - 10 * DAY, purpose=Purpose.STUDY, period_start=start,
                                   period_end=start + 300 * DAY, self_review=True)
    assert letter.issued_by == t.grassroots_a  # T2: the grassroots committee introduces temporary transfers
    services.receive_letter(by=more.secretary_b1, letter=letter, receiving_cell=t.cell_b1, received_on=start)
    binh.refresh_from_db()
    assert binh.organization == t.cell_a1 and binh.status == Status.FULL
    state = MemberState.objects.valid_on(TODAY).get(member=binh)
    assert state.temporary_organization == t.cell_b1
    home, host = selectors.cell_count(t.cell_a1, TODAY), selectors.cell_count(t.cell_b1, TODAY)
    assert binh in home.counted and binh in home.away and home.vote_base_minimum == 0
    assert binh not in host.counted and binh in host.hosted
    assert [x.pk for x in selectors.letters(cast.officer_a, "temporary_away", TODAY)] == [letter.pk]
    assert [x.pk for x in selectors.letters(more.secretary_b1, "hosted", TODAY)] == [letter.pk]
    # Another letter is refused while away.
    with pytest.raises(RuleViolation) as exc:
        _issue(cast.officer_a, binh, t.cell_b1, TODAY)
    assert _codes(exc) == {"transfer.open_letter"}
    # The host records the return.
    with pytest.raises(PermissionDeniedInScope):
        services.end_temporary(by=more.officer_c, letter=letter, ended_on=TODAY)
    letter = services.end_temporary(by=more.secretary_b1, letter=letter, ended_on=TODAY - DAY)
    assert letter.status == LetterStatus.ENDED and letter.return_event.event_type == EventType.TEMPORARY_RETURN
    assert MemberState.objects.valid_on(TODAY).get(member=binh).temporary_organization is None
    assert MemberState.objects.valid_on(start).get(member=binh).temporary_organization == t.cell_b1


def test_outside_the_system_leaves_the_register_at_once(cast, binh):
    on = TODAY - 3 * DAY
    letter = services.issue_letter(by=cast.officer_a, member=binh, kind=TransferKind.OUTSIDE, number="9-GGT/HU",
                                   issue_date=on, destination_text="Đảng bộ Quân sự tỉnh (ngoài hệ thống)",
                                   basis="Quyết định nhập ngũ", basis_date=on - 5 * DAY, self_review=True)
    binh.refresh_from_db()
    assert letter.status == LetterStatus.SENT and not letter.is_open and letter.presentation_deadline is None
    assert binh.status == Status.TRANSFERRED_AWAY
    assert letter.out_event.event_type == EventType.TRANSFERRED_OUT and letter.out_event.effective_date == on
    assert letter.out_event.external_place == "Đảng bộ Quân sự tỉnh (ngoài hệ thống)"
    assert _cell_on(binh, on - DAY) == cast.tree.cell_a1.pk and _cell_on(binh, on) is None
    with pytest.raises(RuleViolation) as exc:
        services.cancel_letter(by=cast.officer_a, letter=letter, reason="nhầm")
    assert _codes(exc) == {"transfer.cancel_outside"}


def test_abroad_to_a_written_destination(cast, binh):
    start = TODAY - 30 * DAY
    letter = services.issue_letter(by=cast.officer_a, member=binh, kind=TransferKind.ABROAD, number="11-GGT/HU",
                                   issue_date=start - DAY, destination_text="Chi bộ Đại sứ quán tại Lào",
                                   basis="Quyết định cử đi công tác nước ngoài", basis_date=start - 9 * DAY,
                                   period_start=start, period_end=start + 200 * DAY, self_review=True)
    assert letter.status == LetterStatus.SENT and letter.is_open and letter.issued_by == cast.tree.district_a
    assert binh in selectors.cell_count(cast.tree.cell_a1, TODAY).away
    letter = services.end_temporary(by=cast.officer_a, letter=letter, ended_on=TODAY)
    assert letter.status == LetterStatus.ENDED and letter.return_event is None


# ---------------------------------------------------------------- exemption and suspension

def test_exemption_and_its_end(cast, more):
    hoa = register("Lê Thị Hoa", cast.tree.cell_a1, sex="female", born=D(1960, 3, 1))
    with pytest.raises(PermissionDeniedInScope):
        services.record_exemption(by=cast.secretary_a1, member=hoa, reason="health", decision_date=TODAY)
    exemption = services.record_exemption(by=cast.officer_a, member=hoa, reason="advanced_age", decision_number="05-NQ/CB",
                                          decision_date=TODAY - 5 * DAY)
    hoa.refresh_from_db()
    assert hoa.is_exempted and exemption.start_event.event_type == EventType.EXEMPTED
    assert exemption.start_event.decision_number == "05-NQ/CB" and exemption.start_event.deciding_body == "Chi bộ thôn Đông"
    with pytest.raises(RuleViolation) as exc:
        services.record_exemption(by=cast.officer_a, member=hoa, reason="health", decision_date=TODAY)
    assert _codes(exc) == {"event.already_exempted"}
    assert Exemption.objects.filter(member=hoa).count() == 1
    services.end_exemption(by=cast.officer_a, member=hoa, effective_date=TODAY)
    hoa.refresh_from_db()
    exemption.refresh_from_db()
    assert not hoa.is_exempted and exemption.ended_on == TODAY
    with pytest.raises(RuleViolation) as exc:
        services.end_exemption(by=cast.officer_a, member=hoa, effective_date=TODAY)
    assert _codes(exc) == {"event.not_exempted"}


def test_maternity_is_for_women(cast, binh):
    with pytest.raises(RuleViolation) as exc:
        services.record_exemption(by=cast.officer_a, member=binh, reason="maternity", decision_date=TODAY)
    assert _codes(exc) == {"exemption.maternity"} and _fields(exc) == {"reason"}
    assert not Exemption.objects.exists() and not Member.objects.get(pk=binh.pk).is_exempted


def test_suspension_and_reinstatement(cast, binh):
    with pytest.raises(RuleViolation) as exc:
        services.suspend(by=cast.officer_a, member=binh, effective_date=TODAY, decision_date=None, reason="")
    assert _codes(exc) == {"suspension.decision_date", "suspension.reason"}
    services.suspend(by=cast.officer_a, member=binh, effective_date=TODAY - 3 * DAY, decision_date=TODAY - 3 * DAY,
                     decision_number="12-QĐ/UBKT", deciding_body="Ủy ban Kiểm tra Huyện ủy", reason="Đang xem xét kỷ luật")
    assert Member.objects.get(pk=binh.pk).is_suspended
    with pytest.raises(RuleViolation) as exc:
        services.suspend(by=cast.officer_a, member=binh, effective_date=TODAY, decision_date=TODAY, reason="x")
    assert _codes(exc) == {"event.already_suspended"}
    services.reinstate(by=cast.officer_a, member=binh, effective_date=TODAY)
    assert not Member.objects.get(pk=binh.pk).is_suspended
    with pytest.raises(PermissionDeniedInScope):
        services.suspend(by=cast.officer_b, member=binh, effective_date=TODAY, decision_date=TODAY, reason="x")


def test_exemption_ended_by_the_register_form_is_closed_and_audited(cast, more):
    """An exemption ended through the register's plain event form (members.record_event) leaves
    its row open until the next exemption, which closes it at that event's date, with an audit entry."""
    hoa = register("Lê Thị Hoa", cast.tree.cell_a1, sex="female", born=D(1960, 3, 1))
    first = services.record_exemption(by=cast.officer_a, member=hoa, reason="health", decision_date=TODAY - 20 * DAY)
    ended_on = TODAY - 10 * DAY
    member_services.record_event(by=cast.officer_a, member=hoa, event_type=EventType.EXEMPTION_ENDED, effective_date=ended_on)
    assert Exemption.objects.get(pk=first.pk).ended_on is None
    services.record_exemption(by=cast.officer_a, member=hoa, reason="advanced_age", decision_date=TODAY - 2 * DAY)
    first.refresh_from_db()
    assert first.ended_on == ended_on and first.end_event.event_type == EventType.EXEMPTION_ENDED
    entry = AuditEntry.objects.get(object_type="transfers.exemption", object_id=str(first.pk), action="transfers.exemption_close")
    assert entry.actor == cast.officer_a and entry.changes["ended_on"] == [None, ended_on.isoformat()]
