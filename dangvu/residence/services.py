"""Use cases of residence contact. The only code that writes contacts, comments and meetings.

Each use case: the side and role first (PermissionDeniedInScope → 403 for something the user may
see), then every rule at once (RuleViolation → the form's fields or a 400), then one transaction
that writes the rows and the audit entry. A refusal anywhere rolls everything back.

The handshake (H3), across organizations:
  introduce (workplace side, "residence.introduce" over the member's cell) → "awaiting" (or
      "outside" when the residence is written down outside the system: no handshake);
  receive (residence side, "residence.introduce" over the commune or ward) → "received", and
      "assigned" when a residential cell is chosen at once;
  assign (residence side) → "assigned" to a residential cell inside the commune or ward (again to
      move the member to another cell);
  end (either side; "returned" only by the residence side, before assignment) → "ended".
Then the residence cell ("residence.comment" over the cell: its secretary, the officers) records
its meetings with the members' attendance (H4) and its comment each year (H1); a contact outside
the system gets its comments recorded by the workplace side from the paper it receives.
"""

import datetime as dt

from django.db import IntegrityError, transaction

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import field_violations, lock_for_update
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import fact, grassroots_today
from dangvu.residence import rules
from dangvu.residence.kinds import (
    CommentOccasion,
    ContactEndReason,
    ContactStatus,
    IntroductionExemption,
    MeetingExemption,
)
from dangvu.residence.models import ResidenceAttendance, ResidenceComment, ResidenceContact, ResidenceMeeting
from dangvu.rules.parameters import params_on

INTRODUCE = "residence.introduce"
COMMENT = "residence.comment"

# ---------------------------------------------------------------- helpers

def _user(by):
    return by if getattr(by, "pk", None) else None


def _clean(value) -> str:
    return (value or "").strip()




def _locked(contact: ResidenceContact, expected_version: int | None) -> ResidenceContact:
    return lock_for_update(contact, expected_version, queryset=ResidenceContact.objects.select_related(
        "member", "workplace_cell", "introduced_by", "receiving_organization", "residence_cell"))


def _audit(by, action: str, contact: ResidenceContact, before: dict | None, note: str) -> None:
    audit.record(actor=by, action=action, obj=contact, before=before,
                 after=audit.snapshot(contact, ResidenceContact.AUDIT_FIELDS), note=note)


def open_contact_of(member: Member) -> ResidenceContact | None:
    return (ResidenceContact.objects.filter(member=member, is_open=True)
            .select_related("receiving_organization", "residence_cell").first())


def describe_open(contact: ResidenceContact | None) -> str:
    """What a member already has open, for the rule's message ("" if nothing)."""
    if contact is None:
        return ""
    if contact.contact_status == ContactStatus.EXEMPT:
        return "đã được xác định không thuộc diện giới thiệu về nơi cư trú"
    return f"đã được giới thiệu về {contact.receiving_label} (giấy số {contact.letter_number})"


# ---------------------------------------------------------------- who may do what

def is_working_member(member: Member) -> bool:
    return (member.status in IN_PARTY and member.organization is not None
            and rules.is_working_unit(member.organization.unit_type))


def may_introduce_for(user, member: Member) -> bool:
    return (is_working_member(member) and not member.is_exempted
            and permissions.can(user, INTRODUCE, member.organization))


def workplace_side(user, contact: ResidenceContact) -> bool:
    return permissions.can(user, INTRODUCE, contact.workplace_cell)


def residence_side(user, contact: ResidenceContact) -> bool:
    return contact.receiving_organization_id is not None and permissions.can(user, INTRODUCE, contact.receiving_organization)


def may_receive(user, contact: ResidenceContact) -> bool:
    return contact.contact_status == ContactStatus.AWAITING and residence_side(user, contact)


def may_assign(user, contact: ResidenceContact) -> bool:
    return contact.contact_status in (ContactStatus.RECEIVED, ContactStatus.ASSIGNED) and residence_side(user, contact)


def may_end(user, contact: ResidenceContact) -> bool:
    return contact.is_open and (workplace_side(user, contact) or residence_side(user, contact))


def comment_side(user, contact: ResidenceContact) -> bool:
    """The residence cell comments (its secretary, the officers over it); for a residence outside the
    system, the workplace records the comment it received on paper."""
    if contact.residence_cell_id is not None:
        return permissions.can(user, COMMENT, contact.residence_cell)
    return contact.contact_status == ContactStatus.OUTSIDE and workplace_side(user, contact)


def may_comment(user, contact: ResidenceContact) -> bool:
    return contact.contact_status in (ContactStatus.ASSIGNED, ContactStatus.OUTSIDE) and comment_side(user, contact)


def may_record_meeting(user, cell: Organization) -> bool:
    return (cell.ended_on is None and rules.is_residence_cell(cell.kind, cell.unit_type)
            and permissions.can(user, COMMENT, cell))


def require_residence_side(by, contact: ResidenceContact) -> None:
    if not residence_side(by, contact):
        raise PermissionDeniedInScope(f"Chỉ đảng ủy xã, phường nơi cư trú ({contact.receiving_label or 'ngoài hệ thống'}) "
                                      f"tiếp nhận và phân công {contact.member.full_name} về chi bộ nơi cư trú.")


def require_either_side(by, contact: ResidenceContact) -> None:
    if not (workplace_side(by, contact) or residence_side(by, contact)):
        raise PermissionDeniedInScope("Chỉ cấp ủy nơi công tác hoặc đảng ủy xã, phường nơi cư trú ghi việc kết thúc giữ mối "
                                      "liên hệ với nơi cư trú.")


def require_comment_side(by, contact: ResidenceContact) -> None:
    if not comment_side(by, contact):
        raise PermissionDeniedInScope(f"Chỉ chi ủy chi bộ nơi cư trú nhận xét {contact.member.full_name}.")


# ---------------------------------------------------------------- introduce (H1, H3, H5) and exempt (H6)

def _member_for_change(by, member: Member, what: str) -> Member:
    member = lock_for_update(member, queryset=Member.objects.select_related("organization"))
    if not permissions.is_system_admin(by) and (member.organization is None or not permissions.can(by, INTRODUCE, member.organization)):
        raise PermissionDeniedInScope(f"Bạn không có quyền {what} cho {member.full_name}.")
    return member


def _save_new(contact: ResidenceContact, member: Member) -> None:
    try:
        with transaction.atomic():
            contact.save()
    except IntegrityError as exc:  # another contact was opened for the member at the same moment
        raise RuleViolation([Violation("residence.open_contact", f"Đảng viên: {member.full_name} đã được giới thiệu về nơi "
                                                                 "cư trú.", "member")]) from exc


@audited
def introduce(*, by, member: Member, letter_number: str, letter_date: dt.date | None, residence_address: str,
              receiving_organization: Organization | None = None, receiving_text: str = "", meeting_exemption: str = "",
              signer_name: str = "", signer_title: str = "") -> ResidenceContact:
    """The workplace grassroots committee introduces a working member to the commune or ward where they live."""
    member = _member_for_change(by, member, "giới thiệu về nơi cư trú")
    letter_number, residence_address = _clean(letter_number), _clean(residence_address)
    receiving_text = "" if receiving_organization is not None else _clean(receiving_text)
    signer_name, signer_title, meeting_exemption = _clean(signer_name), _clean(signer_title), meeting_exemption or ""
    cell = member.organization
    introducer = grassroots_today(cell) if cell is not None else None
    facts = rules.IntroduceFacts(
        member_name=member.full_name, member_in_party=member.status in IN_PARTY, cell=fact(cell, letter_date),
        open_contact=describe_open(open_contact_of(member)), letter_number=letter_number, letter_date=letter_date,
        residence_address=residence_address, receiving=fact(receiving_organization, letter_date),
        receiving_text=receiving_text, meeting_exemption=meeting_exemption,
        number_taken=bool(introducer and letter_number and letter_date and ResidenceContact.objects.filter(
            introduced_by=introducer, letter_number__iexact=letter_number, letter_date__year=letter_date.year).exists()),
    )
    v = rules.check_introduce(facts, today()) + field_violations(ResidenceContact, code_prefix="residence", values=
        {"letter_number": letter_number, "residence_address": residence_address, "receiving_text": receiving_text,
         "signer_name": signer_name, "signer_title": signer_title})
    if member.is_exempted:
        v.append(Violation("residence.member_exempted", f"Đảng viên: {member.full_name} đang được miễn công tác và sinh hoạt "
                           "đảng.", "member"))
    raise_if(v)
    in_system = receiving_organization is not None
    contact = ResidenceContact(
        member=member, contact_status=ContactStatus.AWAITING if in_system else ContactStatus.OUTSIDE, is_open=True,
        workplace_cell=cell, introduced_by=introducer, letter_number=letter_number, letter_date=letter_date,
        residence_address=residence_address, receiving_organization=receiving_organization, receiving_text=receiving_text,
        meeting_exemption=meeting_exemption, signer_name=signer_name, signer_title=signer_title,
        created_by=_user(by), created_by_label=audit.actor_label(by),
    )
    _save_new(contact, member)
    exempt = f"; thuộc diện {MeetingExemption(meeting_exemption).label.lower()}" if meeting_exemption else ""
    _audit(by, "residence.introduce", contact, None,
           f"Giới thiệu {member.full_name} ({cell.name}) về giữ mối liên hệ với {contact.receiving_label}, giấy số "
           f"{letter_number} ngày {vn_date(letter_date)}{exempt}")
    return contact


@audited
def exempt_from_introduction(*, by, member: Member, introduction_exemption: str, decided_on: dt.date | None,
                             exemption_note: str = "") -> ResidenceContact:
    """The workplace records that a working member is not introduced at all (H6)."""
    member = _member_for_change(by, member, "xác định diện không giới thiệu về nơi cư trú")
    exemption_note = _clean(exemption_note)
    cell = member.organization
    facts = rules.ExemptFacts(member_name=member.full_name, member_in_party=member.status in IN_PARTY,
                              cell=fact(cell, decided_on), open_contact=describe_open(open_contact_of(member)),
                              category=introduction_exemption or "", decided_on=decided_on, note=exemption_note)
    raise_if(rules.check_exempt(facts, today()))
    contact = ResidenceContact(
        member=member, contact_status=ContactStatus.EXEMPT, is_open=True, workplace_cell=cell, introduced_by=grassroots_today(cell),
        letter_date=decided_on, introduction_exemption=introduction_exemption, exemption_note=exemption_note,
        created_by=_user(by), created_by_label=audit.actor_label(by),
    )
    _save_new(contact, member)
    _audit(by, "residence.exempt", contact, None,
           f"{member.full_name} không thuộc diện giới thiệu về nơi cư trú: "
           f"{IntroductionExemption(introduction_exemption).label.lower()}")
    return contact


# ---------------------------------------------------------------- receive and assign (H3)

def _assign_violations(by, contact: ResidenceContact, cell: Organization | None, assigned_on: dt.date | None,
                       received_on: dt.date | None) -> list[Violation]:
    return rules.check_assign(
        receiving=fact(contact.receiving_organization, assigned_on), cell=fact(cell, assigned_on),
        current_cell_id=contact.residence_cell_id, assigned_on=assigned_on, received_on=received_on,
        current_assigned_on=contact.assigned_on, today=today(),
        cell_in_scope=cell is None or permissions.can(by, INTRODUCE, cell))


@audited
def receive(*, by, contact: ResidenceContact, received_on: dt.date | None, residence_cell: Organization | None = None,
            assigned_on: dt.date | None = None, expected_version: int | None = None) -> ResidenceContact:
    """The commune or ward committee receives the introduction and, if a cell is chosen, assigns the member to it."""
    contact = _locked(contact, expected_version)
    require_residence_side(by, contact)
    v = rules.check_receive(status=contact.contact_status, letter_date=contact.letter_date, received_on=received_on,
                            today=today())
    if residence_cell is not None:
        assigned_on = assigned_on or received_on
        v += [x for x in _assign_violations(by, contact, residence_cell, assigned_on, received_on)
              if x.code != "residence.assigned_on" or received_on is not None]
    raise_if(v)
    before = audit.snapshot(contact, ResidenceContact.AUDIT_FIELDS)
    contact.received_on, contact.received_by, contact.received_by_label = received_on, _user(by), audit.actor_label(by)
    contact.contact_status = ContactStatus.RECEIVED
    note = f"Tiếp nhận {contact.member.full_name} (giấy giới thiệu số {contact.letter_number}) ngày {vn_date(received_on)}"
    if residence_cell is not None:
        contact.contact_status, contact.residence_cell, contact.assigned_on = ContactStatus.ASSIGNED, residence_cell, assigned_on
        contact.assigned_by_label = audit.actor_label(by)
        note += f"; phân công về {residence_cell.name} từ {vn_date(assigned_on)}"
    contact.save()
    _audit(by, "residence.receive", contact, before, note)
    return contact


@audited
def assign(*, by, contact: ResidenceContact, residence_cell: Organization | None, assigned_on: dt.date | None,
           expected_version: int | None = None) -> ResidenceContact:
    """Assign a received member to a residential cell of the commune or ward (or to another one)."""
    contact = _locked(contact, expected_version)
    require_residence_side(by, contact)
    v = []
    if contact.contact_status not in (ContactStatus.RECEIVED, ContactStatus.ASSIGNED):
        v.append(Violation("residence.not_received", "Giấy giới thiệu chưa được tiếp nhận (hoặc đã kết thúc): chưa phân công "
                           "được.", None, rules.SOURCE_H3))
    raise_if(v + _assign_violations(by, contact, residence_cell, assigned_on, contact.received_on))
    before = audit.snapshot(contact, ResidenceContact.AUDIT_FIELDS)
    previous = contact.residence_cell
    contact.contact_status, contact.residence_cell, contact.assigned_on = ContactStatus.ASSIGNED, residence_cell, assigned_on
    contact.assigned_by_label = audit.actor_label(by)
    contact.save()
    moved = f" (trước đó: {previous.name})" if previous else ""
    _audit(by, "residence.assign", contact, before, f"Phân công {contact.member.full_name} về {residence_cell.name} từ "
                                                    f"{vn_date(assigned_on)}{moved}")
    return contact


# ---------------------------------------------------------------- end

@audited
def end_contact(*, by, contact: ResidenceContact, contact_end_reason: str, ended_on: dt.date | None, end_note: str = "",
                expected_version: int | None = None) -> ResidenceContact:
    """The contact ends (moved, changed job, retired into the residence cell, returned…); it stays in history."""
    contact = _locked(contact, expected_version)
    require_either_side(by, contact)
    end_note = _clean(end_note)
    member = Member.objects.select_related("organization").get(pk=contact.member_id)
    facts = rules.EndFacts(
        status=contact.contact_status if contact.is_open else ContactStatus.ENDED, reason=contact_end_reason or "",
        ended_on=ended_on, start=contact.letter_date, note=end_note,
        residence_side=residence_side(by, contact), member_in_party=member.status in IN_PARTY,
        member_cell=fact(member.organization, ended_on), residence_cell_id=contact.residence_cell_id)
    raise_if(rules.check_end(facts, today()))
    before = audit.snapshot(contact, ResidenceContact.AUDIT_FIELDS)
    contact.contact_status, contact.is_open = ContactStatus.ENDED, False
    contact.ended_on, contact.contact_end_reason, contact.end_note = ended_on, contact_end_reason, end_note
    contact.ended_by_label = audit.actor_label(by)
    contact.save()
    _audit(by, "residence.end", contact, before, f"Kết thúc giữ mối liên hệ với nơi cư trú của {member.full_name} ngày "
                                                 f"{vn_date(ended_on)}: {ContactEndReason(contact_end_reason).label.lower()}"
                                                 + (f" ({end_note})" if end_note else ""))
    return contact


# ---------------------------------------------------------------- the comment (H1, H5, H7)

@audited
def record_comment(*, by, contact: ResidenceContact, year: int | None, comment_occasion: str, text: str,
                   comment_assessment: str, commented_on: dt.date | None, purpose: str = "", signer_name: str = "",
                   signer_title: str = "", written_by_text: str = "") -> ResidenceComment:
    """The residence cell committee's comment on a working member: yearly (before the annual review),
    or when needed (the only kind for the categories of H5)."""
    contact = _locked(contact, None)
    require_comment_side(by, contact)
    text, purpose = (text or "").strip(), _clean(purpose)
    signer_name, signer_title, written_by_text = _clean(signer_name), _clean(signer_title), _clean(written_by_text)
    annual = comment_occasion == CommentOccasion.ANNUAL
    facts = rules.CommentFacts(
        status=contact.contact_status if contact.is_open else ContactStatus.ENDED,
        in_system=contact.receiving_organization_id is not None, meeting_exemption=contact.meeting_exemption,
        start_on=contact.start_on, year=year, occasion=comment_occasion or "", purpose=purpose, text=text,
        assessment=comment_assessment or "", commented_on=commented_on,
        annual_exists=annual and year is not None and contact.comments.filter(
            year=year, comment_occasion=CommentOccasion.ANNUAL).exists())
    raise_if(rules.check_comment(facts, today()) + field_violations(ResidenceComment, code_prefix="residence", values=
        {"purpose": purpose, "signer_name": signer_name, "signer_title": signer_title, "written_by_text": written_by_text}))
    due = rules.comment_due(year, params_on(dt.date(year, 12, 31))) if annual else None
    comment = ResidenceComment(
        contact=contact, year=year, comment_occasion=comment_occasion, purpose="" if annual else purpose, text=text,
        comment_assessment=comment_assessment, commented_on=commented_on, due_date=due,
        residence_cell=contact.residence_cell, written_by_text="" if contact.residence_cell_id else (
            written_by_text or contact.receiving_label),
        signer_name=signer_name, signer_title=signer_title, created_by=_user(by), created_by_label=audit.actor_label(by),
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError as exc:
        raise RuleViolation([Violation("residence.annual_exists", f"Năm: đã có nhận xét định kỳ năm {year}.", "year")]) from exc
    late = f" (chậm, hạn {vn_date(due)})" if rules.is_late(commented_on, due) else ""
    what = f"năm {year}" if annual else f"khi cần ({purpose})"
    audit.record(actor=by, action="residence.comment", obj=comment, after=audit.snapshot(comment, ResidenceComment.AUDIT_FIELDS),
                 note=f"Nhận xét {what} của {comment.writer_label} về {contact.member.full_name}: "
                      f"{comment.get_comment_assessment_display().lower()}{late}")
    return comment


# ---------------------------------------------------------------- meetings (H4)

def attendees_of(cell: Organization) -> list[ResidenceContact]:
    """Contacts ever assigned to the cell (still there, or ended there), for attendance."""
    return list(ResidenceContact.objects.filter(residence_cell=cell).exclude(contact_status=ContactStatus.EXEMPT)
                .select_related("member").order_by("member__name_key", "id"))


@audited
def record_meeting(*, by, cell: Organization | None, held_on: dt.date | None, meeting_type: str, content: str,
                   attendance: list) -> ResidenceMeeting:
    """The residence cell records a meeting for the working members living in its area, with each
    introduced member's attendance (every member held to the meetings must be marked).

    `attendance`: items (contact or contact id, mark, reason)."""
    if cell is not None and not permissions.can(by, COMMENT, cell):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi sinh hoạt của {cell.name}.")
    content = (content or "").strip()
    attendees = attendees_of(cell) if cell is not None else []
    marks = tuple((getattr(c, "pk", c), mark or "", _clean(reason)) for c, mark, reason in attendance)
    facts = rules.MeetingFacts(
        cell=fact(cell, held_on), held_on=held_on, meeting_type=meeting_type or "", content=content,
        duplicate=cell is not None and held_on is not None and ResidenceMeeting.objects.filter(cell=cell, held_on=held_on).exists(),
        attendees=tuple(rules.Attendee(c.pk, c.member.full_name, c.assigned_on, c.ended_on, bool(c.meeting_exemption))
                        for c in attendees),
        marks=marks)
    v = rules.check_meeting(facts, today())
    v += [Violation(x.code, x.message, "attendance") for _, _, r in marks
          for x in field_violations(ResidenceAttendance, {"reason": r}, code_prefix="residence")]
    raise_if(v)
    meeting = ResidenceMeeting(cell=cell, held_on=held_on, meeting_type=meeting_type, content=content,
                               created_by=_user(by), created_by_label=audit.actor_label(by))
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as exc:
        raise RuleViolation([Violation("residence.meeting_duplicate", f"Ngày sinh hoạt: chi bộ đã ghi một buổi sinh hoạt ngày "
                                                                      f"{vn_date(held_on)}.", "held_on")]) from exc
    ResidenceAttendance.objects.bulk_create([ResidenceAttendance(meeting=meeting, contact_id=contact_id, mark=mark,
                                                                 reason=reason) for contact_id, mark, reason in marks])
    present = sum(1 for _, mark, _ in marks if mark == "present")
    audit.record(actor=by, action="residence.meeting", obj=meeting,
                 after=audit.snapshot(meeting, ResidenceMeeting.AUDIT_FIELDS),
                 data={"attendance": {str(cid): mark for cid, mark, _ in marks}},
                 note=f"Ghi sinh hoạt của {cell.name} với đảng viên đang công tác ngày {vn_date(held_on)}: "
                      f"{present}/{len(marks)} có mặt")
    return meeting
