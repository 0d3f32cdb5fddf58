"""Reads for the residence pages, the API and the to-do list; always restricted to what the user may see."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils.translation import gettext_noop as N_

from dangvu.accounts import permissions
from dangvu.core import masking
from dangvu.core.dates import vn_date
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.residence import rules, services
from dangvu.residence.kinds import (
    RESIDENCE_CELL_KINDS,
    RESIDENCE_UNIT_TYPE,
    WORKING_UNIT_TYPES,
    CommentOccasion,
    ContactStatus,
)
from dangvu.residence.models import ResidenceAttendance, ResidenceComment, ResidenceContact, ResidenceMeeting
from dangvu.residence.querysets import VIEW
from dangvu.rules.parameters import params_on

CONTACT_RELATED = ("member", "workplace_cell", "introduced_by", "receiving_organization", "residence_cell")

# The lists of the residence page.
TABS = {
    "workplace": N_("Đảng viên đang công tác"),
    "awaiting": N_("Chờ tiếp nhận, phân công"),
    "living": N_("Đảng viên đang công tác cư trú tại địa bàn"),
    "cells": N_("Chi bộ nơi cư trú"),
}
# The workplace list, by the member's residence contact.
WORKPLACE_FILTERS = {
    "": N_("Tất cả"),
    "not_introduced": N_("Chưa giới thiệu"),
    ContactStatus.AWAITING: N_("Đã giới thiệu, chờ tiếp nhận"),
    ContactStatus.RECEIVED: N_("Đã tiếp nhận, chưa phân công"),
    ContactStatus.ASSIGNED: N_("Đã phân công về chi bộ"),
    ContactStatus.OUTSIDE: N_("Nơi cư trú ngoài hệ thống"),
    ContactStatus.EXEMPT: N_("Không thuộc diện giới thiệu"),
}


def year_params(year: int):
    """Parameters that govern `year` (those in force at its end: a change made during the year applies to it)."""
    return params_on(dt.date(year, 12, 31))


# ---------------------------------------------------------------- the workplace side

def working_members(user):
    """Working members (H1) of cells inside the user's subtrees today (filters: filters.WorkingMemberFilterSet)."""
    qs = Member.objects.restrict(user, VIEW, now=True).filter(status__in=IN_PARTY, organization__unit_type__in=WORKING_UNIT_TYPES)
    return qs.select_related("organization").order_by("name_key", "id")


def attach_contacts(members) -> None:
    """Put on each member their open contact (`residence_contact`) and its latest annual comment
    (`residence_comment`), from two queries for the whole page."""
    members = list(members)
    contacts = {c.member_id: c for c in ResidenceContact.objects.filter(member_id__in=[m.pk for m in members], is_open=True)
                .select_related("receiving_organization", "residence_cell")}
    latest = {}
    for comment in (ResidenceComment.objects.filter(contact__in=list(contacts.values()), comment_occasion=CommentOccasion.ANNUAL)
                    .order_by("contact_id", "-year", "-id")):
        latest.setdefault(comment.contact_id, comment)
    for m in members:
        m.residence_contact = contacts.get(m.pk)
        m.residence_comment = latest.get(m.residence_contact.pk) if m.residence_contact else None


def introducible_members(user, q: str = "", limit: int = 20):
    """Working members the user may introduce, without an open contact, found by name (the picker)."""
    qs = (Member.objects.restrict(user, services.INTRODUCE)
          .filter(status__in=IN_PARTY, organization__unit_type__in=WORKING_UNIT_TYPES, is_exempted=False)
          .filter(~Exists(ResidenceContact.objects.filter(member=OuterRef("pk"), is_open=True))).select_related("organization"))
    if q.strip():
        qs = qs.search(q)
    return qs.order_by("name_key", "id")[:limit]


def receiving_options(q: str, on: dt.date, limit: int = 20):
    """Communes and wards a member may be introduced to: any in the system that exists today (the
    workplace must be able to name the residence, which is usually outside its scope)."""
    from dangvu.core.text import fold
    from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind, UnitType

    needle = fold(q or "")
    if len(needle) < 2:
        return Organization.objects.none()
    return (Organization.objects.active(on)
            .filter(Q(kind=Kind.COMMUNE_COMMITTEE) | Q(kind__in=GRASSROOTS_KINDS, unit_type=UnitType.COMMUNE_WARD))
            .filter(search_text__contains=needle).order_by("path")[:limit])


# ---------------------------------------------------------------- the residence side

def awaiting(user):
    """Introductions addressed to a commune or ward in the user's subtrees, not yet assigned to a cell."""
    return (ResidenceContact.objects.residence_side_for(user)
            .filter(contact_status__in=[ContactStatus.AWAITING, ContactStatus.RECEIVED])
            .select_related(*CONTACT_RELATED).order_by("letter_date", "id"))


def living(user):
    """Working members assigned to residence cells the user may see (now or before), still in contact."""
    return (ResidenceContact.objects.residence_side_for(user).filter(contact_status=ContactStatus.ASSIGNED)
            .select_related(*CONTACT_RELATED).order_by("residence_cell__path", "member__name_key", "id"))


def attach_year(contacts, year: int) -> None:
    """Put on each contact its annual comment of `year` (`year_comment`), whether one is asked
    (`comment_expected`), the due date (`comment_due`) and its attendance that year (`year_attendance`)."""
    contacts = list(contacts)
    p = year_params(year)
    due = rules.comment_due(year, p)
    comments = {c.contact_id: c for c in ResidenceComment.objects.filter(
        contact__in=contacts, year=year, comment_occasion=CommentOccasion.ANNUAL)}
    present = defaultdict(int)
    for row in (ResidenceAttendance.objects.filter(contact__in=contacts, meeting__held_on__year=year, mark="present")
                .values("contact_id").annotate(n=Count("id"))):
        present[row["contact_id"]] = row["n"]
    for c in contacts:
        c.year_comment = comments.get(c.pk)
        c.comment_expected = rules.comment_expected(year=year, start_on=c.start_on, ended_on=c.ended_on,
                                                    meeting_exemption=c.meeting_exemption, p=p)
        c.comment_due = due
        c.year_attendance = present[c.pk]


def residence_cells(user, year: int):
    """Residential cells inside the user's subtrees today, with their working members and meetings of `year`."""
    qs = (Organization.objects.restrict(user, VIEW, now=True).active()
          .filter(kind__in=RESIDENCE_CELL_KINDS, unit_type=RESIDENCE_UNIT_TYPE))
    contacts = ResidenceContact.objects.filter(residence_cell=OuterRef("pk"), contact_status=ContactStatus.ASSIGNED)
    return (qs.annotate(has_contacts=Exists(contacts))
            .order_by("-has_contacts", "path"))


def attach_cell_counts(cells, year: int) -> None:
    cells = list(cells)
    ids = [c.pk for c in cells]
    living_counts = dict(ResidenceContact.objects.filter(residence_cell_id__in=ids, contact_status=ContactStatus.ASSIGNED)
                         .values_list("residence_cell_id").annotate(n=Count("id")))
    meetings = {row["cell_id"]: row for row in ResidenceMeeting.objects.filter(cell_id__in=ids, held_on__year=year)
                .values("cell_id").annotate(n=Count("id"))}
    last = dict(ResidenceMeeting.objects.filter(cell_id__in=ids).values_list("cell_id").annotate(last=Max("held_on")))
    minimum = rules.meetings_minimum(year_params(year))
    for c in cells:
        c.living_count = living_counts.get(c.pk, 0)
        c.meetings_count = meetings.get(c.pk, {}).get("n", 0)
        c.meetings_minimum = minimum
        c.last_meeting = last.get(c.pk)


def may_view_cell(user, cell: Organization) -> bool:
    return permissions.can(user, VIEW, cell)


@dataclass
class CellPage:
    cell: Organization
    year: int
    contacts: list
    meetings: list
    minimum: int
    shortfall: int
    due: dt.date
    can_record: bool
    can_comment: bool


def cell_page(user, cell: Organization, year: int) -> CellPage:
    """A residence cell: the working members assigned to it (open, or ended during `year`), their
    comment of `year`, and the cell's meetings that year with their attendance."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    contacts = list(ResidenceContact.objects.filter(residence_cell=cell).exclude(contact_status=ContactStatus.EXEMPT)
                    .filter(Q(is_open=True) | Q(ended_on__gte=start)).filter(assigned_on__lte=end)
                    .select_related(*CONTACT_RELATED).order_by("member__name_key", "id"))
    attach_year(contacts, year)
    meetings = list(ResidenceMeeting.objects.filter(cell=cell, held_on__year=year).order_by("held_on", "id")
                    .annotate(present=Count("attendance", filter=Q(attendance__mark="present")), marked=Count("attendance")))
    p = year_params(year)
    return CellPage(cell=cell, year=year, contacts=contacts, meetings=meetings, minimum=rules.meetings_minimum(p),
                    shortfall=rules.meetings_shortfall(len(meetings), p), due=rules.comment_due(year, p),
                    can_record=services.may_record_meeting(user, cell),
                    can_comment=permissions.can(user, services.COMMENT, cell))


# ---------------------------------------------------------------- one contact, one member

def visible_contact(user, pk: int) -> ResidenceContact:
    return ResidenceContact.objects.visible_to(user).select_related(*CONTACT_RELATED, "member__organization").get(pk=pk)


def contact_history(contact: ResidenceContact):
    comments = list(contact.comments.select_related("residence_cell").order_by("-year", "-commented_on", "-id"))
    attendance = list(contact.attendance.select_related("meeting", "meeting__cell").order_by("-meeting__held_on"))
    return comments, attendance


@dataclass
class MemberPanel:
    member: Member
    contacts: list
    open_contact: ResidenceContact | None
    working: bool
    member_visible: bool
    can_introduce: bool
    year: int
    minimum: int
    year_attendance: int = 0


def panel_member(user, pk: int) -> Member:
    """The member of a residence panel: one whose record the user may see, or one with a contact the
    user may see (the residence side sees the contact, not the record). Else DoesNotExist."""
    member = Member.objects.visible_to(user).select_related("organization").filter(pk=pk).first()
    if member is not None:
        member.record_visible = True
        return member
    if not ResidenceContact.objects.visible_to(user).filter(member_id=pk).exists():
        raise Member.DoesNotExist
    member = Member.objects.select_related("organization").get(pk=pk)
    member.record_visible = False
    return member


def member_panel(user, member: Member, on: dt.date) -> MemberPanel:
    contacts = list(ResidenceContact.objects.visible_to(user).filter(member=member).select_related(*CONTACT_RELATED)
                    .order_by("-letter_date", "-id"))
    for c in contacts:
        c.history_comments, c.history_attendance = contact_history(c)
    open_contact = next((c for c in contacts if c.is_open), None)
    year = on.year
    p = year_params(year)
    present = ResidenceAttendance.objects.filter(contact__member=member, meeting__held_on__year=year, mark="present").count()
    return MemberPanel(
        member=member, contacts=contacts, open_contact=open_contact, working=services.is_working_member(member),
        member_visible=getattr(member, "record_visible", False),
        can_introduce=open_contact is None and services.may_introduce_for(user, member)
        and not ResidenceContact.objects.filter(member=member, is_open=True).exists(),
        year=year, minimum=rules.meetings_minimum(p), year_attendance=present)


def assignable_cells(user, contact: ResidenceContact, on: dt.date):
    """Residential cells inside the contact's commune or ward where the user may assign the member."""
    if contact.receiving_organization_id is None:
        return Organization.objects.none()
    return (Organization.objects.changeable_by(user, services.INTRODUCE).active(on).within(contact.receiving_organization)
            .filter(kind__in=RESIDENCE_CELL_KINDS, unit_type=RESIDENCE_UNIT_TYPE)
            .exclude(pk=contact.residence_cell_id or 0).order_by("path"))


def visible_meetings(user):
    return ResidenceMeeting.objects.visible_to(user).select_related("cell")


# ---------------------------------------------------------------- the residence address (masked)

def may_see_address(user, contact: ResidenceContact) -> bool:
    """The residence address follows the register's masking policy (core.masking, accounts.permissions):
    shown to those whose role may reveal members' masked data ("members.reveal": officers, inspectors,
    administrators) over one side of the contact (the workplace cell, the receiving organization, the
    residence cell), and to the member; masked ("***") for leaders (viewers), cell secretaries and others."""
    if permissions.is_system_admin(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    member_user = getattr(contact.member, "user_id", None)
    if member_user is not None and member_user == user.pk:
        return True
    sides = (contact.workplace_cell, contact.receiving_organization, contact.residence_cell)
    return any(org is not None and permissions.can(user, "members.reveal", org) for org in sides)


def shown_address(user, contact: ResidenceContact) -> str:
    """The contact's residence address as `user` may see it (pages, API, documents)."""
    if may_see_address(user, contact):
        return contact.residence_address
    return masking.mask("residence_address", contact.residence_address)


def annual_comments(member_ids: list[int], year: int) -> dict[int, str]:
    """The residence cell's annual comment of `year` on each member (members.hooks.annual_comments, C13):
    "<cell>, <date>: <text> — <conclusion>"."""
    rows = (ResidenceComment.objects.filter(contact__member_id__in=member_ids, year=year,
                                            comment_occasion=CommentOccasion.ANNUAL)
            .select_related("contact", "residence_cell").order_by("contact__member_id", "-commented_on", "-pk"))
    out: dict[int, str] = {}
    for c in rows:
        out.setdefault(c.contact.member_id, f"{c.writer_label}, {vn_date(c.commented_on)}: {c.text} — "
                                           f"{c.get_comment_assessment_display()}")
    return out
