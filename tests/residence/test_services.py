"""The use cases of residence contact: the handshake across the two sides, the rules, the audit
entries, and nothing half-done when a rule refuses."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.residence import services
from dangvu.residence.kinds import (
    CommentAssessment,
    CommentOccasion,
    ContactEndReason,
    ContactStatus,
    IntroductionExemption,
    MeetingExemption,
)
from dangvu.residence.models import ResidenceAttendance, ResidenceComment, ResidenceContact, ResidenceMeeting
from dangvu.rules import services as rule_services
from tests.members import register
from tests.residence.conftest import assigned, introduce

pytestmark = pytest.mark.django_db
D = dt.date


def _codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


def _comment(by, contact, *, year=2025, on=D(2025, 12, 15), occasion=CommentOccasion.ANNUAL, **kw):
    return services.record_comment(by=by, contact=contact, year=year, comment_occasion=occasion,
                                   text="Gương mẫu chấp hành quy định nơi cư trú; tham gia đầy đủ sinh hoạt.",
                                   comment_assessment=kw.pop("assessment", CommentAssessment.FULFILLED), commented_on=on, **kw)


def test_the_handshake_from_the_workplace_to_the_residence_cell(cast, res, binh):
    t = cast.tree
    contact = introduce(res.officer_agency, binh, t.grassroots_a, signer_name="Vũ Thị Hạnh", signer_title="Phó Bí thư")
    assert contact.contact_status == ContactStatus.AWAITING and contact.is_open
    assert (contact.workplace_cell, contact.introduced_by, contact.receiving_organization) == (res.office, res.agency,
                                                                                               t.grassroots_a)
    entry = AuditEntry.objects.get(action="residence.introduce")
    assert entry.actor == res.officer_agency and "Đảng bộ xã An Lạc" in entry.note and entry.changes["letter_number"][1] == \
        "12-GGT/ĐU"
    # The workplace may not receive its own introduction; the commune does, and assigns the cell.
    with pytest.raises(PermissionDeniedInScope):
        services.receive(by=res.officer_agency, contact=contact, received_on=D(2025, 3, 10), residence_cell=t.cell_a1)
    with pytest.raises(PermissionDeniedInScope):
        services.receive(by=cast.secretary_a1, contact=contact, received_on=D(2025, 3, 10), residence_cell=t.cell_a1)
    contact = services.receive(by=res.officer_ward, contact=contact, received_on=D(2025, 3, 10), residence_cell=t.cell_a1)
    assert contact.contact_status == ContactStatus.ASSIGNED and contact.assigned_on == D(2025, 3, 10) and contact.version == 2
    entry = AuditEntry.objects.get(action="residence.receive")
    assert entry.changes["contact_status"] == ["awaiting", "assigned"] and entry.changes["residence_cell"][1] == t.cell_a1.pk
    # Both sides see it; the other district does not.
    assert contact in ResidenceContact.objects.workplace_side_for(res.officer_agency)
    assert contact in ResidenceContact.objects.residence_side_for(cast.secretary_a1)
    assert contact not in ResidenceContact.objects.visible_to(res.secretary_a2)
    assert not ResidenceContact.objects.visible_to(cast.officer_b).exists()
    assert not ResidenceContact.objects.visible_to(cast.member_a1).exists()
    # The residence cell meets the member and writes its comment; the workplace reads it.
    meeting = services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                                      content="Thông báo tình hình địa phương", attendance=[(contact, "present", "")])
    assert meeting.attendance.get().mark == "present"
    comment = _comment(cast.secretary_a1, contact, signer_name="Trần Thị Bình")
    assert comment.due_date == D(2025, 12, 15) and not comment.late and comment.residence_cell == t.cell_a1
    assert AuditEntry.objects.get(action="residence.comment").note.startswith("Nhận xét năm 2025 của Chi bộ thôn Đông")
    assert AuditEntry.objects.filter(action="residence.meeting", object_id=str(meeting.pk)).exists()
    assert ResidenceComment.objects.filter(contact__in=ResidenceContact.objects.workplace_side_for(res.officer_agency)).get() == \
        comment


def test_receive_then_assign_then_move_to_another_cell(cast, res, binh):
    t = cast.tree
    contact = introduce(res.officer_agency, binh, t.grassroots_a)
    contact = services.receive(by=res.officer_ward, contact=contact, received_on=D(2025, 3, 10))
    assert contact.contact_status == ContactStatus.RECEIVED and contact.residence_cell is None
    with pytest.raises(RuleViolation) as exc:
        services.assign(by=res.officer_ward, contact=contact, residence_cell=t.cell_b1, assigned_on=D(2025, 3, 12))
    assert _codes(exc) == {"residence.cell_outside"}
    with pytest.raises(RuleViolation) as exc:
        services.assign(by=res.officer_ward, contact=contact, residence_cell=res.office, assigned_on=D(2025, 3, 9))
    assert _codes(exc) == {"residence.cell_kind", "residence.cell_outside", "residence.assigned_too_early"}
    contact = services.assign(by=res.officer_ward, contact=contact, residence_cell=t.cell_a1, assigned_on=D(2025, 3, 12))
    with pytest.raises(RuleViolation) as exc:
        services.assign(by=res.officer_ward, contact=contact, residence_cell=t.cell_a1, assigned_on=D(2025, 5, 1))
    assert _codes(exc) == {"residence.same_cell"}
    with pytest.raises(PermissionDeniedInScope):
        services.assign(by=cast.secretary_a1, contact=contact, residence_cell=t.cell_a2, assigned_on=D(2025, 5, 1))
    contact = services.assign(by=res.officer_ward, contact=contact, residence_cell=t.cell_a2, assigned_on=D(2025, 5, 1))
    assert contact.residence_cell == t.cell_a2 and contact.assigned_on == D(2025, 5, 1)
    assert "trước đó: Chi bộ thôn Đông" in AuditEntry.objects.filter(action="residence.assign").latest("id").note
    with pytest.raises(ConcurrentEditError):
        services.assign(by=res.officer_ward, contact=contact, residence_cell=t.cell_a1, assigned_on=D(2025, 6, 1),
                        expected_version=1)


def test_only_working_members_are_introduced_and_nothing_is_written_on_refusal(cast, res):
    t = cast.tree
    resident = register("Lê Văn Dân", t.cell_a1)
    worker = register("Ngô Văn Công", res.office)
    before = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        introduce(cast.officer_a, resident, t.grassroots_a)
    assert _codes(exc) == {"residence.not_working"}
    with pytest.raises(RuleViolation) as exc:
        introduce(cast.officer_a, worker, t.cell_a1, number="")  # a cell is not a commune; no number
    assert _codes(exc) == {"residence.receiving_kind", "residence.letter_number"}
    assert not ResidenceContact.objects.exists() and AuditEntry.objects.count() == before
    # The officer of district B may not introduce A's members at all.
    with pytest.raises(PermissionDeniedInScope):
        introduce(cast.officer_b, worker, t.grassroots_b)


def test_one_open_contact_per_member_and_a_new_one_after_the_end(cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        introduce(res.officer_agency, binh, t.grassroots_b, number="13-GGT/ĐU")
    assert _codes(exc) == {"residence.open_contact"}
    ended = services.end_contact(by=res.officer_ward, contact=contact, contact_end_reason=ContactEndReason.MOVED,
                                 ended_on=D(2026, 2, 1), end_note="Chuyển về xã Bình Minh")
    assert ended.contact_status == ContactStatus.ENDED and not ended.is_open
    assert "chuyển nơi cư trú" in AuditEntry.objects.get(action="residence.end").note
    again = introduce(res.officer_agency, binh, t.grassroots_b, number="13-GGT/ĐU", letter_date=D(2026, 2, 3))
    assert again.contact_status == ContactStatus.AWAITING
    # The same number in the same year by the same committee is refused.
    other = register("Lê Văn Khoa", res.office)
    with pytest.raises(RuleViolation) as exc:
        introduce(res.officer_agency, other, t.grassroots_a, number="13-ggt/ĐU", letter_date=D(2026, 5, 3))
    assert _codes(exc) == {"residence.number_taken"}


def test_end_reasons_and_sides(cast, res, binh):
    t = cast.tree
    contact = introduce(res.officer_agency, binh, t.grassroots_a)
    with pytest.raises(RuleViolation) as exc:
        services.end_contact(by=res.officer_agency, contact=contact, contact_end_reason=ContactEndReason.RETURNED,
                             ended_on=D(2025, 3, 5))
    assert _codes(exc) == {"residence.return_side"}
    with pytest.raises(PermissionDeniedInScope):
        services.end_contact(by=cast.officer_b, contact=contact, contact_end_reason=ContactEndReason.MOVED, ended_on=D(2025, 3, 5))
    returned = services.end_contact(by=res.officer_ward, contact=contact, contact_end_reason=ContactEndReason.RETURNED,
                                    ended_on=D(2025, 3, 5), end_note="Không cư trú trên địa bàn")
    assert returned.contact_status == ContactStatus.ENDED
    # Retired into the residence cell by an official transfer: only once the member is there.
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1, number="20-GGT/ĐU")
    with pytest.raises(RuleViolation) as exc:
        services.end_contact(by=res.officer_agency, contact=contact, contact_end_reason=ContactEndReason.RETIRED,
                             ended_on=D(2026, 6, 1))
    assert _codes(exc) == {"residence.still_working"}
    member_services.record_event(by=SYSTEM, member=binh, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2026, 6, 1),
                                 organization=t.cell_a1, decision=member_services.Decision(number="5-GGT/HU",
                                                                                           date=D(2026, 5, 20)))
    ended = services.end_contact(by=res.officer_ward, contact=contact, contact_end_reason=ContactEndReason.RETIRED,
                                 ended_on=D(2026, 6, 1))
    assert ended.contact_end_reason == ContactEndReason.RETIRED


def test_exempt_category_introduced_without_periodic_comment_or_meetings(cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1,
                       meeting_exemption=MeetingExemption.BARRACKS)
    with pytest.raises(RuleViolation) as exc:
        _comment(cast.secretary_a1, contact)
    assert _codes(exc) == {"residence.exempt_no_periodic"}
    assert not ResidenceComment.objects.exists()
    comment = _comment(cast.secretary_a1, contact, occasion=CommentOccasion.ON_REQUEST, purpose="Phục vụ công tác nhân sự")
    assert comment.due_date is None and comment.purpose == "Phục vụ công tác nhân sự"
    # A meeting without the exempt member's attendance is complete.
    meeting = services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                                      content="Thông báo tình hình địa phương", attendance=[])
    assert not meeting.attendance.exists()


def test_meeting_refused_as_a_whole(cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    hoa = register("Lê Thị Hoa", res.office, sex="female")
    other = assigned(res.officer_agency, res.officer_ward, hoa, t.grassroots_a, t.cell_a2, number="14-GGT/ĐU")
    before = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:  # Hoa lives in thôn Tây: she cannot be marked at thôn Đông
        services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                                content="Thông báo", attendance=[(contact, "present", ""), (other, "present", "")])
    assert _codes(exc) == {"residence.attendee_not_assigned"}
    with pytest.raises(RuleViolation) as exc:
        services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                                content="Thông báo", attendance=[])
    assert _codes(exc) == {"residence.attendee_missing"}
    assert not ResidenceMeeting.objects.exists() and not ResidenceAttendance.objects.exists()
    assert AuditEntry.objects.count() == before
    with pytest.raises(PermissionDeniedInScope):
        services.record_meeting(by=res.secretary_a2, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                                content="Thông báo", attendance=[(contact, "present", "")])
    services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                            content="Thông báo", attendance=[(contact, "excused", "Đi công tác")])
    with pytest.raises(RuleViolation) as exc:
        services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="when_needed",
                                content="Lấy ý kiến", attendance=[(contact, "present", "")])
    assert _codes(exc) == {"residence.meeting_duplicate"}


def test_comment_due_date_late_flag_and_a_dated_parameter(cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    hoa = register("Lê Thị Hoa", res.office, sex="female")
    other = assigned(res.officer_agency, res.officer_ward, hoa, t.grassroots_a, t.cell_a1, number="14-GGT/ĐU")
    on_time = _comment(cast.secretary_a1, contact, on=D(2025, 12, 15))
    late = _comment(cast.secretary_a1, other, on=D(2025, 12, 16), assessment=CommentAssessment.NOT_FULFILLED)
    assert (on_time.late, late.late) == (False, True)
    assert "chậm, hạn 15/12/2025" in AuditEntry.objects.filter(action="residence.comment").latest("id").note
    with pytest.raises(RuleViolation) as exc:
        _comment(cast.secretary_a1, contact, on=D(2025, 12, 20))
    assert _codes(exc) == {"residence.annual_exists"}
    with pytest.raises(PermissionDeniedInScope):
        _comment(res.secretary_a2, contact, year=2026, on=D(2026, 11, 1))
    with pytest.raises(PermissionDeniedInScope):
        _comment(res.officer_agency, contact, year=2026, on=D(2026, 11, 1))  # the workplace reads, the residence writes
    # An administrator moves the due date from a date on: the year whose end it covers follows it.
    rule_services.set_parameter(by=cast.admin, key="residence.comment_due_day", value=31, effective_from=D(2026, 1, 1),
                                reason="Hướng dẫn của Tỉnh ủy")
    comment_2026 = _comment(cast.secretary_a1, contact, year=2026, on=D(2026, 11, 20))
    assert comment_2026.due_date == D(2026, 12, 31)
    assert ResidenceComment.objects.get(pk=late.pk).due_date == D(2025, 12, 15)  # history is not rewritten


def test_exempt_from_being_introduced(cast, res):
    t = cast.tree
    police = register("Đỗ Văn Quân", res.office, is_police=True)
    with pytest.raises(RuleViolation) as exc:
        services.exempt_from_introduction(by=res.officer_agency, member=police, introduction_exemption=IntroductionExemption.OTHER,
                                          decided_on=D(2025, 3, 1))
    assert _codes(exc) == {"residence.exemption_note"}
    contact = services.exempt_from_introduction(by=res.officer_agency, member=police,
                                                introduction_exemption=IntroductionExemption.SPECIAL_DUTY,
                                                decided_on=D(2025, 3, 1))
    assert contact.contact_status == ContactStatus.EXEMPT and contact.is_open and contact.receiving_organization is None
    assert AuditEntry.objects.filter(action="residence.exempt").exists()
    with pytest.raises(RuleViolation) as exc:
        introduce(res.officer_agency, police, t.grassroots_a)
    assert _codes(exc) == {"residence.open_contact"}
    services.end_contact(by=res.officer_agency, contact=contact, contact_end_reason=ContactEndReason.NO_LONGER_EXEMPT,
                         ended_on=D(2026, 1, 5))
    assert introduce(res.officer_agency, police, t.grassroots_a, letter_date=D(2026, 1, 6)).contact_status == "awaiting"


def test_residence_outside_the_system(cast, res, binh):
    contact = services.introduce(by=res.officer_agency, member=binh, letter_number="30-GGT/ĐU", letter_date=D(2025, 3, 2),
                                 residence_address="Số 8 đường Trần Phú", receiving_text="Đảng ủy phường Điện Biên, tỉnh Thanh Hóa")
    assert contact.contact_status == ContactStatus.OUTSIDE and contact.start_on == D(2025, 3, 2)
    with pytest.raises(PermissionDeniedInScope):
        services.receive(by=res.officer_ward, contact=contact, received_on=D(2025, 3, 5))
    # The workplace records the comment it received on paper.
    comment = _comment(res.officer_agency, contact, written_by_text="Chi bộ khu phố 3, phường Điện Biên")
    assert comment.writer_label == "Chi bộ khu phố 3, phường Điện Biên" and comment.residence_cell is None
