"""Committees (cấp ủy) per organization and term: rules and the services that change them."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core.dates import vn_date
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, Violation, raise_if
from dangvu.organizations.models import CommitteeMember, CommitteePosition, CommitteeTerm, Organization

ACTION = "committees.change"
# Positions that can be held by one person at a time in a committee.
SINGLE_SEAT = {CommitteePosition.SECRETARY}


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


@transaction.atomic
def create_term(*, by, organization: Organization, name: str, start_date: dt.date, end_date: dt.date | None = None,
                congress_resolution: str = "") -> CommitteeTerm:
    """Open a term. An earlier term still open is closed on the day the new one starts."""
    _require(by, organization)
    previous_open = organization.terms.filter(end_date__isnull=True, start_date__lt=start_date).first()
    others = organization.terms.exclude(pk=previous_open.pk if previous_open else None)
    violations = check_term(organization, start_date, end_date, others)
    if not (name or "").strip():
        violations.append(Violation("term.name", "Tên nhiệm kỳ: không được để trống (ví dụ 2020–2025).", field="name"))
    raise_if(violations)
    if previous_open is not None:
        before = audit.snapshot(previous_open, CommitteeTerm.AUDIT_FIELDS)
        previous_open.end_date = start_date
        previous_open.version += 1
        previous_open.save()
        for seat in previous_open.seats.filter(end_date__isnull=True):
            seat_before = audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS)
            seat.end_date, seat.end_reason = start_date, "Hết nhiệm kỳ"
            seat.save()
            audit.record(actor=by, action="committee_end", obj=seat, before=seat_before,
                         after=audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS))
        audit.record(actor=by, action="term_update", obj=previous_open, before=before,
                     after=audit.snapshot(previous_open, CommitteeTerm.AUDIT_FIELDS), note="Kết thúc khi bắt đầu nhiệm kỳ mới")
    term = CommitteeTerm.objects.create(organization=organization, name=name.strip(), start_date=start_date,
                                        end_date=end_date, congress_resolution=congress_resolution)
    audit.record(actor=by, action="term_create", obj=term, after=audit.snapshot(term, CommitteeTerm.AUDIT_FIELDS))
    _audit_on_org(by, organization, f"Tạo nhiệm kỳ {term.name}")
    return term


def _audit_on_org(by, org: Organization, note) -> None:
    """Committee changes also appear on the organization's own history tab."""
    audit.record(actor=by, action="committee", obj=org, note=note)


def _seat_note(template: str, seat: CommitteeMember, on: dt.date) -> str:
    """A note about a seat, in the site language (it is stored)."""
    with translation.override(settings.LANGUAGE_CODE):
        return template.format(name=seat.full_name, position=seat.get_position_display(), date=vn_date(on))


@transaction.atomic
def add_seat(*, by, term: CommitteeTerm, full_name: str, position: str, start_date: dt.date,
             decision_number: str = "") -> CommitteeMember:
    term = CommitteeTerm.objects.select_for_update().get(pk=term.pk)
    _require(by, term.organization)
    violations: list[Violation] = []
    full_name = " ".join((full_name or "").split())
    if not full_name:
        violations.append(Violation("seat.name", "Họ và tên: không được để trống.", field="full_name"))
    if start_date < term.start_date or (term.end_date and start_date >= term.end_date):
        violations.append(Violation("seat.outside_term", f"Ngày bắt đầu giữ chức vụ ({vn_date(start_date)}) phải nằm trong "
                                    f"nhiệm kỳ {term.name}.", field="start_date"))
    if position in SINGLE_SEAT:
        holder = term.seats.filter(position=position).filter(Q(end_date__isnull=True) | Q(end_date__gt=start_date)).first()
        if holder is not None:
            violations.append(Violation("seat.single", f"Nhiệm kỳ đã có {CommitteePosition(position).label} "
                                        f"{holder.full_name} từ {vn_date(holder.start_date)}; hãy ghi nhận người đó thôi "
                                        "giữ chức vụ trước.", field="position", source="Điều lệ Đảng"))
    raise_if(violations)
    seat = CommitteeMember.objects.create(term=term, full_name=full_name, position=position, start_date=start_date,
                                          decision_number=decision_number)
    audit.record(actor=by, action="committee_add", obj=seat, after=audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS))
    _audit_on_org(by, term.organization, _seat_note("{name} giữ chức {position} từ {date}", seat, start_date))
    return seat


@transaction.atomic
def end_seat(*, by, seat: CommitteeMember, end_date: dt.date, reason: str = "") -> CommitteeMember:
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
    raise_if(violations)
    before = audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS)
    seat.end_date, seat.end_reason = end_date, (reason or "").strip()
    seat.save()
    audit.record(actor=by, action="committee_end", obj=seat, before=before,
                 after=audit.snapshot(seat, CommitteeMember.AUDIT_FIELDS))
    _audit_on_org(by, seat.term.organization, _seat_note("{name} thôi giữ chức {position} từ {date}", seat, end_date))
    return seat


def committee_on(org: Organization, on: dt.date):
    """Seats held on date `on`, secretary first."""
    from dangvu.organizations.models import POSITION_RANK

    seats = list(CommitteeMember.objects.filter(term__organization=org, start_date__lte=on)
                 .filter(Q(end_date__isnull=True) | Q(end_date__gt=on)).select_related("term"))
    return sorted(seats, key=lambda s: (POSITION_RANK[s.position], s.name_key))


__all__ = ["create_term", "add_seat", "end_seat", "committee_on", "ConcurrentEditError"]
