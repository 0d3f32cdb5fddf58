"""Committees (cấp ủy) per organization and term: rules and the services that change them.

Rules of domain-rules §1 enforced here:
- O6: a term lasts at most the length in force when it starts (cells and partial committees 2.5
  years, 5 years under the QĐ 294-QĐ/TW pilot for terms from 1/7/2025; other committees 5 years);
- O7: where there is a standing committee, it holds at most one third of the committee's members;
- M3: a probationary member does not stand for election: no probationary member in a committee;
- O11: a committee member on temporary transfer elsewhere stays on the home committee (nothing ends
  the seat: the seat's member is checked on their home organization);
- O12: a member leaves from the retirement date stated in the retirement decision, or from the date
  a removal or resignation decision takes effect (the decision is recorded on the seat);
- one secretary at a time; a new term closes the previous one.
Seats are linked to members of the register; a person outside it may still hold a seat, marked so.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import translation

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import add_months, vn_date
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import lock_for_update
from dangvu.organizations import hooks
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import (
    SEAT_END_BY_DECISION,
    CommitteeMember,
    CommitteePosition,
    CommitteeTerm,
    Organization,
    SeatEndGround,
)
from dangvu.organizations.rules import REFORM_2025
from dangvu.rules.parameters import params_on

ACTION = "committees.change"
# Positions that can be held by one person at a time in a committee.
SINGLE_SEAT = {CommitteePosition.SECRETARY}
# The standing committee (ban thường vụ): secretary, deputy secretaries and standing members (O7).
STANDING_POSITIONS = frozenset({CommitteePosition.SECRETARY, CommitteePosition.DEPUTY_SECRETARY,
                                CommitteePosition.STANDING_MEMBER})
# Kinds whose congress was held twice in five years (O6); the QĐ 294 pilot makes it once.
SHORT_TERM_KINDS = frozenset({Kind.CELL, Kind.PARTIAL_COMMITTEE})
SOURCE_O6 = "Điều lệ Đảng; QĐ 294-QĐ/TW, HD 06-HD/TW (O6)"
SOURCE_O7 = "QĐ 208-QĐ/TW (O7; chưa đối chiếu văn bản chính thức)"
SOURCE_M3 = "Điều lệ Đảng Điều 3.4 (M3)"
SOURCE_O12 = "QĐ 294-QĐ/TW điểm 16.4 (O12)"


# ---------------------------------------------------------------- rules (pure)

def term_months(kind: str, start: dt.date, params) -> int:
    """O6: the length of a term of a committee of `kind` that starts on `start`."""
    if kind in SHORT_TERM_KINDS:
        return params["committee.cell_term_months_pilot" if start >= REFORM_2025 else "committee.cell_term_months"]
    return params["committee.term_months"]


def term_expected_end(kind: str, start: dt.date, params) -> dt.date:
    return add_months(start, term_months(kind, start, params))


def check_term_length(kind: str, start: dt.date, end: dt.date | None, params, extension_decision: str = "") -> list[Violation]:
    """O6: a term ends at the latest when its length in force at its start has run, unless the
    higher committee allowed it to last longer (the document is recorded)."""
    if end is None or extension_decision.strip():
        return []
    months = term_months(kind, start, params)
    last = add_months(start, months)
    if end > last:
        years = f"{months // 12} năm" + (f" {months % 12} tháng" if months % 12 else "")
        return [Violation("term.too_long", f"Ngày kết thúc nhiệm kỳ ({vn_date(end)}): nhiệm kỳ của {Kind(kind).label.lower()} "
                          f"bắt đầu ngày {vn_date(start)} dài tối đa {years} ({months} tháng), tức đến ngày {vn_date(last)}; "
                          "nếu cấp ủy cấp trên cho phép kéo dài, ghi văn bản đó.", field="end_date", source=SOURCE_O6)]
    return []


def check_standing_share(standing: int, total: int, params) -> list[Violation]:
    """O7: the standing committee holds at most `thirds`/3 of the committee (exactly one third is allowed)."""
    thirds = params["committee.standing_max_thirds"]
    if 3 * standing <= thirds * total:
        return []
    limit = thirds * total // 3
    return [Violation("seat.standing_share", f"Chức vụ: Ban Thường vụ sẽ có {standing}/{total} cấp ủy viên, quá {thirds}/3 "
                      f"tổng số cấp ủy viên (tối đa {limit}). Ghi số lượng cấp ủy viên của nhiệm kỳ, hoặc ghi các ủy viên "
                      "trước rồi mới ghi Ban Thường vụ.", field="position", source=SOURCE_O7)]


def check_seat_holder(holder: hooks.SeatHolder, org_name: str, member_name: str, on: dt.date) -> list[Violation]:
    """M3 and the scope of a committee: a full member whose home organization lies in the committee's
    organization (or below) on the date the seat starts."""
    if not holder.in_party:
        return [Violation("seat.not_in_party", f"Đảng viên: {member_name} không phải đảng viên vào ngày {vn_date(on)}.",
                          field="member")]
    if holder.probationary:
        return [Violation("seat.probationary", f"Đảng viên: {member_name} là đảng viên dự bị vào ngày {vn_date(on)}; đảng viên "
                          "dự bị không có quyền ứng cử, không thể là cấp ủy viên.", field="member", source=SOURCE_M3)]
    if not holder.in_subtree:
        return [Violation("seat.outside_org", f"Đảng viên: {member_name} không sinh hoạt trong {org_name} (hoặc tổ chức trực "
                          f"thuộc) vào ngày {vn_date(on)}.", field="member")]
    return []


def check_seat_end(ground: str, decision_number: str, decision_date: dt.date | None, end: dt.date) -> list[Violation]:
    """O12: retirement, removal and resignation take effect from a decision (its number recorded);
    the seat ends on the date the decision states, which is not before the decision itself."""
    v: list[Violation] = []
    if ground and ground not in SeatEndGround.values:
        v.append(Violation("seat.end_ground", "Căn cứ thôi giữ chức vụ: chọn một căn cứ trong danh sách.", field="end_ground"))
    elif ground in SEAT_END_BY_DECISION and not decision_number:
        v.append(Violation("seat.end_decision", f"Số quyết định: bắt buộc khi thôi giữ chức vụ vì "
                           f"“{SeatEndGround(ground).label.lower()}” (cấp ủy viên thôi từ ngày quyết định có hiệu lực "
                           "hoặc ngày nghỉ hưu ghi trong quyết định).", field="end_decision_number", source=SOURCE_O12))
    if decision_date is not None and end < decision_date:
        v.append(Violation("seat.end_before_decision", f"Thôi giữ chức vụ từ ngày {vn_date(end)}: trước ngày quyết định "
                           f"({vn_date(decision_date)}); ngày thôi là ngày quyết định có hiệu lực.", field="end_date",
                           source=SOURCE_O12))
    return v


def _require(by, org: Organization) -> None:
    if not permissions.can(by, ACTION, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền thay đổi cấp ủy của “{org.name}”.")


def check_term(org: Organization, start: dt.date, end: dt.date | None, others) -> list[Violation]:
    v: list[Violation] = []
    if start < org.established_on:
        v.append(Violation("term.before_org", f"Ngày bắt đầu nhiệm kỳ ({vn_date(start)}) trước ngày thành lập tổ chức "
                           f"({vn_date(org.established_on)}).", field="start_date"))
    if org.ended_on and start >= org.ended_on:
        v.append(Violation("term.after_org", f"Tổ chức đã kết thúc từ {vn_date(org.ended_on)}.", field="start_date"))
    if end is not None and end <= start:
        v.append(Violation("term.span", "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.", field="end_date"))
    for other in others:
        other_end = other.end_date or dt.date.max
        this_end = end or dt.date.max
        if start < other_end and other.start_date < this_end:
            v.append(Violation("term.overlap", f"Nhiệm kỳ trùng thời gian với nhiệm kỳ {other.name} "
                               f"({vn_date(other.start_date)} – {vn_date(other.end_date) or 'nay'}).", field="start_date"))
    return v


@audited
def create_term(*, by, organization: Organization, name: str, start_date: dt.date, end_date: dt.date | None = None,
                congress_resolution: str = "", extension_decision: str = "", size: int | None = None) -> CommitteeTerm:
    """Open a term. An earlier term still open is closed on the day the new one starts."""
    _require(by, organization)
    # Terms of one organization are opened one at a time (two at once would both close the same open term).
    Organization.objects.select_for_update(of=("self",)).filter(pk=organization.pk).first()
    previous_open = organization.terms.filter(end_date__isnull=True, start_date__lt=start_date).first()
    others = organization.terms.exclude(pk=previous_open.pk if previous_open else None)
    violations = check_term(organization, start_date, end_date, others)
    extension_decision = (extension_decision or "").strip()
    violations += check_term_length(organization.kind, start_date, end_date, params_on(start_date, organization),
                                    extension_decision)
    if size is not None and size < 1:
        violations.append(Violation("term.size", "Số lượng cấp ủy viên: phải lớn hơn 0.", field="size"))
    if not (name or "").strip():
        violations.append(Violation("term.name", "Tên nhiệm kỳ: không được để trống (ví dụ 2020–2025).", field="name"))
    raise_if(violations)
    if previous_open is not None:
        previous_open = lock_for_update(previous_open)
        before = audit.snapshot(previous_open, CommitteeTerm.AUDIT_FIELDS)
        previous_open.end_date = start_date
        previous_open.save()
        for seat in previous_open.seats.filter(end_date__isnull=True):
            seat = lock_for_update(seat)
            seat_before = audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS)
            seat.end_date, seat.end_reason = start_date, "Hết nhiệm kỳ"
            seat.save()
            audit.record(actor=by, action="organizations.seat_end", obj=seat, before=seat_before,
                         after=audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS))
        audit.record(actor=by, action="organizations.term_update", obj=previous_open, before=before,
                     after=audit.snapshot(previous_open, CommitteeTerm.AUDIT_FIELDS), note="Kết thúc khi bắt đầu nhiệm kỳ mới")
    term = CommitteeTerm.objects.create(organization=organization, name=name.strip(), start_date=start_date,
                                        end_date=end_date, congress_resolution=congress_resolution,
                                        extension_decision=extension_decision, size=size)
    audit.record(actor=by, action="organizations.term_create", obj=term, after=audit.snapshot(term, CommitteeTerm.AUDIT_FIELDS))
    _audit_on_org(by, organization, f"Tạo nhiệm kỳ {term.name}")
    return term


def _audit_on_org(by, org: Organization, note) -> None:
    """Committee changes also appear on the organization's own history tab."""
    audit.record(actor=by, action="organizations.committee_change", obj=org, note=note)


def _seat_note(template: str, seat: CommitteeMember, on: dt.date) -> str:
    """A note about a seat, in the site language (it is stored)."""
    with translation.override(settings.LANGUAGE_CODE):
        return template.format(name=seat.full_name, position=seat.get_position_display(), date=vn_date(on))


def _held_on(term: CommitteeTerm, on: dt.date):
    return term.seats.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))


def _holder_violations(org: Organization, member, on: dt.date) -> list[Violation]:
    return check_seat_holder(hooks.register().seat_holder(member, org, on), org.name, member.full_name, on)


def _seat_taken(member, term: CommitteeTerm) -> Violation:
    return Violation("seat.duplicate", f"Đảng viên: {member.full_name} đang là cấp ủy viên nhiệm kỳ {term.name}; để đổi "
                     "chức vụ, ghi thôi giữ chức vụ cũ trước.", field="member")


@audited
def add_seat(*, by, term: CommitteeTerm, position: str, start_date: dt.date, member=None, full_name: str = "",
             decision_number: str = "") -> CommitteeMember:
    """A seat for `member` (a member of the register) or, without one, for a person outside the
    register named `full_name` (marked so)."""
    term = CommitteeTerm.objects.select_for_update().select_related("organization").get(pk=term.pk)
    org = term.organization
    _require(by, org)
    violations: list[Violation] = []
    full_name = member.full_name if member is not None else " ".join((full_name or "").split())
    if not full_name:
        violations.append(Violation("seat.name", "Họ và tên: chọn một đảng viên, hoặc ghi họ và tên người ngoài sổ đảng viên.",
                                    field="full_name"))
    if start_date < term.start_date or (term.end_date and start_date >= term.end_date):
        violations.append(Violation("seat.outside_term", f"Ngày bắt đầu giữ chức vụ ({vn_date(start_date)}) phải nằm trong "
                                    f"nhiệm kỳ {term.name}.", field="start_date"))
    held = list(_held_on(term, start_date))
    if member is not None:
        violations += _holder_violations(org, member, start_date)
        # Any seat of theirs in the term still held on or after the new seat's start: one person, one seat.
        if term.seats.filter(member=member).filter(Q(end_date__isnull=True) | Q(end_date__gt=start_date)).exists():
            violations.append(_seat_taken(member, term))
    if position in SINGLE_SEAT:
        holder = term.seats.filter(position=position).filter(Q(end_date__isnull=True) | Q(end_date__gt=start_date)).first()
        if holder is not None:
            violations.append(Violation("seat.single", f"Nhiệm kỳ đã có {CommitteePosition(position).label} "
                                        f"{holder.full_name} từ {vn_date(holder.start_date)}; hãy ghi nhận người đó thôi "
                                        "giữ chức vụ trước.", field="position", source="Điều lệ Đảng"))
    if term.size is not None and len(held) + 1 > term.size:
        violations.append(Violation("seat.over_size", f"Nhiệm kỳ {term.name} có {term.size} cấp ủy viên; ngày "
                                    f"{vn_date(start_date)} đã đủ {len(held)} người giữ chức vụ.", field="position"))
    has_standing = position == CommitteePosition.STANDING_MEMBER or any(
        s.position == CommitteePosition.STANDING_MEMBER for s in held)
    if has_standing and position in STANDING_POSITIONS:
        standing = sum(1 for s in held if s.position in STANDING_POSITIONS) + 1
        violations += check_standing_share(standing, term.size or len(held) + 1, params_on(start_date, org))
    raise_if(violations)
    try:
        with transaction.atomic():
            seat = CommitteeMember.objects.create(term=term, member=member, outside_register=member is None, full_name=full_name,
                                                  position=position, start_date=start_date, decision_number=decision_number)
    except IntegrityError as exc:  # the same person added twice at once (seat_one_open_per_member)
        raise RuleViolation([_seat_taken(member, term)]) from exc
    audit.record(actor=by, action="organizations.seat_add", obj=seat, after=audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS))
    _audit_on_org(by, org, _seat_note("{name} giữ chức {position} từ {date}", seat, start_date))
    return seat


@audited
def link_seat(*, by, seat: CommitteeMember, member) -> CommitteeMember:
    """Link a seat recorded by name to the member of the register who holds it (a correction of
    the record: the checks of a new seat apply on the seat's start date)."""
    seat = CommitteeMember.objects.select_for_update().select_related("term__organization").get(pk=seat.pk)
    org = seat.term.organization
    _require(by, org)
    violations = _holder_violations(org, member, seat.start_date)
    if seat.member_id is not None:
        violations.append(Violation("seat.linked", f"Ghế này đã gắn với đảng viên {seat.full_name}.", field="member"))
    elif _held_on(seat.term, seat.start_date).filter(member=member).exists():
        violations.append(Violation("seat.duplicate", f"Đảng viên: {member.full_name} đã có ghế khác trong nhiệm kỳ "
                                    f"{seat.term.name}.", field="member"))
    raise_if(violations)
    before = audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS)
    old_name = seat.full_name
    seat.member, seat.outside_register, seat.full_name = member, False, member.full_name
    seat.save()
    audit.record(actor=by, action="organizations.seat_link", obj=seat, before=before,
                 after=audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS),
                 note=f"Gắn với đảng viên {member.full_name}" + (f" (trước ghi: {old_name})" if old_name != member.full_name else ""))
    return seat


@audited
def end_seat(*, by, seat: CommitteeMember, end_date: dt.date, reason: str = "", ground: str = "",
             decision_number: str = "", decision_date: dt.date | None = None) -> CommitteeMember:
    """The member leaves the committee from `end_date` (O12: the retirement date in the decision, or the
    date a removal or resignation decision takes effect). A temporary transfer elsewhere ends no seat (O11)."""
    seat = CommitteeMember.objects.select_for_update().select_related("term__organization").get(pk=seat.pk)
    _require(by, seat.term.organization)
    violations: list[Violation] = []
    if seat.end_date is not None:
        violations.append(Violation("seat.ended", f"{seat.full_name} đã thôi giữ chức vụ từ {vn_date(seat.end_date)}.",
                                    field="end_date"))
    elif end_date < seat.start_date:
        violations.append(Violation("seat.span", "Ngày thôi giữ chức vụ phải từ ngày bắt đầu trở đi.", field="end_date"))
    elif seat.term.end_date and end_date > seat.term.end_date:
        violations.append(Violation("seat.after_term", f"Ngày thôi giữ chức vụ ({vn_date(end_date)}) sau ngày kết thúc nhiệm kỳ "
                                    f"{seat.term.name} ({vn_date(seat.term.end_date)}).", field="end_date"))
    decision_number = (decision_number or "").strip()
    violations += check_seat_end(ground or "", decision_number, decision_date, end_date)
    raise_if(violations)
    before = audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS)
    seat.end_date, seat.end_reason = end_date, (reason or "").strip()
    seat.end_ground, seat.end_decision_number, seat.end_decision_date = ground or "", decision_number, decision_date
    seat.save()
    audit.record(actor=by, action="organizations.seat_end", obj=seat, before=before,
                 after=audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS))
    _audit_on_org(by, seat.term.organization, _seat_note("{name} thôi giữ chức {position} từ {date}", seat, end_date))
    return seat


def committee_on(org: Organization, on: dt.date):
    """Seats held on date `on`, secretary first."""
    from dangvu.organizations.models import POSITION_RANK

    seats = list(CommitteeMember.objects.filter(term__organization=org, start_date__lte=on)
                 .filter(Q(end_date__isnull=True) | Q(end_date__gt=on)).select_related("term", "member"))
    return sorted(seats, key=lambda s: (POSITION_RANK[s.position], s.name_key))


def committee_size_on(org, on: dt.date) -> int | None:
    """How many sit on `org`'s committee on `on` (one person, one seat), or None when no term of
    the committee covers that date (the size is then unknown to the register)."""
    org_id = getattr(org, "pk", org)
    covering = CommitteeTerm.objects.filter(organization_id=org_id, start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=on))
    if not covering.exists():
        return None
    seats = CommitteeMember.objects.filter(term__in=covering, start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=on))
    return seats.values("member_id").filter(member__isnull=False).distinct().count() + seats.filter(member__isnull=True).count()


__all__ = ["create_term", "add_seat", "link_seat", "end_seat", "committee_on", "committee_size_on", "ConcurrentEditError"]


# ---------------------------------------------------------------- the superior committee member following a cell (G3)

SOURCE_G3 = "G3 (HD 12-HD/BTCTW; HD 42-HD/BTCTW)"


def follower_on(cell, on: dt.date):
    """The assignment (CellFollower, with its seat) of the superior committee member following `cell` on `on`, or None."""
    from dangvu.organizations.models import CellFollower

    return (CellFollower.objects.filter(cell=cell, start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
            .select_related("seat", "seat__term__organization").order_by("-start_date").first())


@audited
def assign_follower(*, by, cell: Organization, seat: CommitteeMember, start_date: dt.date, note: str = ""):
    """`seat`'s holder, a member of a committee above `cell`, follows the cell from `start_date`; the previous
    assignment ends that day."""
    from dangvu.organizations.models import CellFollower
    from dangvu.organizations.tree import ancestors_on

    cell = lock_for_update(cell)
    _require(by, cell)
    seat = CommitteeMember.objects.select_related("term__organization").get(pk=seat.pk)
    v: list[Violation] = []
    if cell.kind not in (Kind.CELL, Kind.GRASSROOTS_CELL):
        v.append(Violation("follower.not_cell", f"Tổ chức: {cell.name} không phải chi bộ.", "cell"))
    if start_date is None:
        v.append(Violation("follower.start_required", "Từ ngày: bắt buộc nhập.", "start_date"))
        raise_if(v)
    above = {fact.id for fact in ancestors_on(cell, start_date)}
    if seat.term.organization_id not in above:
        v.append(Violation("follower.not_superior", f"Cấp ủy viên: {seat.full_name} là cấp ủy viên của "
                           f"{seat.term.organization.name}, không phải cấp ủy cấp trên của {cell.name} ngày "
                           f"{vn_date(start_date)}.", "seat", SOURCE_G3))
    if start_date < seat.start_date or (seat.end_date is not None and start_date >= seat.end_date):
        v.append(Violation("follower.seat_not_held", f"Cấp ủy viên: {seat.full_name} không giữ chức vụ cấp ủy ngày "
                           f"{vn_date(start_date)}.", "seat", SOURCE_G3))
    current = CellFollower.objects.select_for_update().filter(cell=cell, end_date__isnull=True).first()
    if current is not None and start_date <= current.start_date:
        v.append(Violation("follower.before_current", f"Từ ngày: phải sau ngày {vn_date(current.start_date)}, ngày "
                           f"{current.seat.full_name} bắt đầu phụ trách chi bộ.", "start_date"))
    raise_if(v)
    if current is not None:
        before = audit.snapshot(current, CellFollower.AUDIT_FIELDS)
        current.end_date = start_date
        current.save()
        audit.record(actor=by, action="organizations.follower_end", obj=current, before=before,
                     after=audit.snapshot(current, CellFollower.AUDIT_FIELDS))
    assignment = CellFollower.objects.create(cell=cell, seat=seat, start_date=start_date, note=" ".join(note.split()))
    audit.record(actor=by, action="organizations.follower_assign", obj=assignment,
                 after=audit.snapshot(assignment, CellFollower.AUDIT_FIELDS))
    _audit_on_org(by, cell, _seat_note("{name} (" + seat.term.organization.name + ") phụ trách chi bộ từ {date}", seat,
                                       start_date))
    return assignment
