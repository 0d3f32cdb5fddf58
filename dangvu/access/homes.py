"""A home for every role (`/`): where each user lands after logging in.

- a member (an account linked to their record, with no role that reads the register): "Hồ sơ của tôi";
- a cell secretary (whose register scopes are all cells): "Chi bộ của tôi", their cell at a glance;
- officers, inspectors, leaders: the dashboard of their scope (`/tong-quan/`: key figures and to-do);
- anyone else: the tree.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.access.services import CELL_KINDS
from dangvu.accounts import permissions
from dangvu.accounts.models import Role
from dangvu.awards.models import BadgeAward, PartyCard
from dangvu.core import todo
from dangvu.core.dates import today
from dangvu.discipline import selectors as discipline_selectors
from dangvu.dues import selectors as dues_selectors
from dangvu.meetings import selectors as meeting_selectors
from dangvu.members.kinds import IN_PARTY, Status
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.residence.models import ResidenceContact
from dangvu.transfers.models import TransferLetter

REGISTER = "members.view"


def own_member(user):
    """The member record linked to `user`'s account (read through restrict: the owner sees their own row)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.visible_to(user).filter(user=user).select_related("organization").first()


def is_member_only(user) -> bool:
    """A user who reads no register: only their own record (the member role)."""
    return user.is_authenticated and not permissions.has_scope(user, REGISTER)


def secretary_cells(user) -> list:
    """The cells of a user whose register scopes are all cell secretary roles on cells (else []). Asked by
    the menu on every page: decided from the cached scopes, a query only for a secretary."""
    if permissions.is_system_admin(user) or not user.is_authenticated:
        return []
    orgs = permissions.scope_orgs(user, REGISTER)
    if not orgs or any(o.kind not in CELL_KINDS or permissions.roles_on(user, o) & permissions.ACTION_ROLES[REGISTER]
                       != {Role.CELL_SECRETARY} for o in orgs):
        return []
    return list(Organization.objects.visible_to(user).filter(pk__in=[o.pk for o in orgs]).active().order_by("path"))


def has_own_record_menu(user) -> bool:
    """Whether the menu offers "Hồ sơ của tôi": to members and cell secretaries (the roles held by members of a
    cell), without a query; anyone linked to a record may open the page."""
    return bool(permissions.held_roles(user) & {Role.MEMBER, Role.CELL_SECRETARY})


@login_required
def home(request):
    user = request.user
    if is_member_only(user):
        return redirect("my_record")
    if secretary_cells(user):
        return redirect("my_cell")
    if permissions.has_scope(user, REGISTER):
        return redirect("dashboard:index")
    return redirect("organizations:tree")


@login_required
def my_record(request):
    """"Hồ sơ của tôi": the member's own record, party card, badges, transfers and residence contact."""
    user = request.user
    member = own_member(user)
    context = {"member": member}
    if member is not None:
        context.update({
            "cards": PartyCard.objects.visible_to(user).filter(member=member).order_by("-issued_on", "-id"),
            "badges": BadgeAward.objects.visible_to(user).filter(member=member).order_by("milestone"),
            "letters": TransferLetter.objects.visible_to(user).filter(member=member)
            .select_related("from_organization", "destination").order_by("-issue_date", "-id"),
            "contacts": ResidenceContact.objects.visible_to(user).filter(member=member)
            .select_related("receiving_organization", "residence_cell").order_by("-letter_date", "-id"),
            # Their own meetings: the member's cell (or the cell hosting them) and their attendance.
            "meetings": meeting_selectors.upcoming_for(member, today()),
            "attendance": meeting_selectors.attendance_of(member),
            # Their discipline decisions once announced to them (the restriction hides the rest), newest first.
            "penalties": discipline_selectors.proceedings_for(user).filter(member=member).announced()
            .order_by("-announced_on", "-id"),
        })
        context.update(_own_dues(member))
    return render(request, "access/my_record.html", context)


def _own_dues(member) -> dict:
    """The member's dues on their home: this month's amount, arrears of the last twelve months, the recent
    months with their receipts (dangvu.dues)."""
    lines = dues_selectors.member_year(member, today())
    past = [line for line in lines if line.month < today().replace(day=1)]  # this month is not owed late yet
    return {"dues_lines": list(reversed(lines))[:6], "dues_current": lines[-1] if lines else None,
            "dues_arrears": sum((line.arrear for line in past), start=dues_selectors.ZERO),
            "dues_unpaid": sum(1 for line in past if line.unpaid)}


@login_required
def my_cell(request):
    """"Chi bộ của tôi": for a cell secretary, each of their cells at a glance: members by status, what is
    due (the to-do of their scope), letters waiting to be received."""
    user = request.user
    cells = secretary_cells(user)
    if not cells:
        raise Http404
    on = today()
    items = todo.collect(user, on)
    waiting = (TransferLetter.objects.incoming_for(user).awaiting()
               .select_related("member", "from_organization").order_by("issue_date"))
    counts = Counter((cell_id, status) for cell_id, status in Member.objects.visible_to(user)
                     .filter(organization__in=[c.pk for c in cells]).values_list("organization_id", "status"))
    panels = []
    for cell in cells:
        by_status = [(Status(s).label, counts[(cell.pk, s)], f"{reverse('members:list')}?organization={cell.pk}&status={s}")
                     for s in (Status.FULL, Status.PROBATIONARY) if s in IN_PARTY]
        panels.append({"cell": cell, "by_status": by_status, "total": sum(n for _label, n, _url in by_status)})
    return render(request, "access/my_cell.html", {
        "panels": panels, "items": items[:20], "more_items": max(len(items) - 20, 0), "overdue": sum(i.overdue for i in items),
        "waiting": waiting, "on": on,
    })
