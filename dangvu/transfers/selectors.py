"""Reads for the transfer pages, the API and the to-do list; always restricted to what the user may see."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.members.querysets import VIEW as MEMBERS_VIEW
from dangvu.members.selectors import VoteBase, vote_base
from dangvu.organizations.models import Organization
from dangvu.transfers import rules, services
from dangvu.transfers.kinds import TEMPORARY_KINDS, LetterStatus, TransferKind
from dangvu.transfers.models import Exemption, TransferLetter

LETTER_RELATED = ("member", "from_organization", "destination", "issued_by", "receiving_cell")

# The lists of the transfers page (and `direction` in the API).
TABS = {
    "outgoing": "Giấy giới thiệu đi",
    "incoming": "Chờ tiếp nhận",
    "overdue": "Quá hạn xuất trình",
    "in_transit": "Đảng viên đang chuyển sinh hoạt",
    "temporary_away": "Đang sinh hoạt tạm thời nơi khác",
    "hosted": "Sinh hoạt tạm thời tại đây",
    "all": "Tất cả",
}


def opening_tab(user, on: dt.date, default: str) -> str:
    """The tab the page opens on when none is asked for: the one with something waiting (letters to
    receive, then letters overdue), else `default`."""
    for tab in ("incoming", "overdue"):
        if letters(user, tab, on).exists():
            return tab
    return default


def letters(user, tab: str, on: dt.date):
    """The letters of one list of the transfers page, newest first."""
    base = TransferLetter.objects.select_related(*LETTER_RELATED)
    if tab == "outgoing":
        qs = base.outgoing_for(user)
    elif tab == "incoming":
        qs = base.incoming_for(user).awaiting()
    elif tab == "overdue":
        qs = base.visible_to(user).overdue_on(on)
    elif tab == "in_transit":
        qs = base.visible_to(user).awaiting().filter(kind__in=[TransferKind.OFFICIAL, TransferKind.INTERNAL])
    elif tab == "temporary_away":
        qs = base.outgoing_for(user).filter(kind__in=TEMPORARY_KINDS, is_open=True).exclude(status=LetterStatus.ISSUED)
    elif tab == "hosted":
        qs = base.hosted_by(user).filter(kind__in=TEMPORARY_KINDS, is_open=True, status=LetterStatus.RECEIVED)
    elif tab == "all":
        qs = base.visible_to(user)
    else:
        raise KeyError(tab)
    order = ["presentation_deadline", "id"] if tab in ("incoming", "overdue") else ["-issue_date", "-id"]
    return qs.order_by(*order)


def visible_letter(user, pk: int) -> TransferLetter:
    return TransferLetter.objects.visible_to(user).select_related(*LETTER_RELATED, "member__organization").get(pk=pk)


def in_transit_ids(member_ids) -> set[int]:
    """Of these members, those with a letter issued and not yet received (for lists)."""
    return set(TransferLetter.objects.filter(member_id__in=list(member_ids), status=LetterStatus.ISSUED)
               .values_list("member_id", flat=True))


def issuable_members(user, q: str = "", limit: int = 20):
    """Members in the party whose cell the user may issue letters for, found by name (for the issue page)."""
    qs = Member.objects.changeable_by(user, services.ISSUE).filter(status__in=IN_PARTY).select_related("organization")
    if q.strip():
        qs = qs.search(q)
    return qs.order_by("name_key", "id")[:limit]


def destinations(q: str, on: dt.date, limit: int = 20):
    """Organizations a letter may be addressed to (any in the system that exists today): a letter's
    destination must be nameable by the sending side, so this lookup is not limited to its scope."""
    from dangvu.core.text import fold

    needle = fold(q or "")
    if len(needle) < 2:
        return Organization.objects.none()
    from dangvu.organizations.kinds import Kind

    return (Organization.objects.active(on).exclude(kind__in=[Kind.PARTY_GROUP, Kind.CENTRAL])
            .filter(search_text__contains=needle).order_by("path")[:limit])


def receivable_cells(user, letter: TransferLetter, on: dt.date):
    """Cells under the letter's destination where the user may receive the member."""
    from dangvu.organizations.kinds import Kind

    if letter.destination_id is None:
        return Organization.objects.none()
    return (Organization.objects.changeable_by(user, services.RECEIVE).active(on).within(letter.destination)
            .filter(kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL]).exclude(pk=letter.from_organization_id).order_by("path"))


# ---------------------------------------------------------------- the member's transfers and exemption

@dataclass
class MemberPanel:
    member: Member
    letters: list
    open_letter: TransferLetter | None
    in_transit: bool
    temporarily_at: Organization | None
    exemptions: list
    suspensions: list
    advanced_age: bool
    can_issue: bool
    can_change: bool


def member_panel(user, member: Member, on: dt.date) -> MemberPanel:
    from dangvu.members.kinds import EventType
    from dangvu.rules.parameters import params_on

    letters_ = list(TransferLetter.objects.visible_to(user).filter(member=member).select_related(*LETTER_RELATED)
                    .order_by("-issue_date", "-id"))
    open_letter = next((x for x in letters_ if x.is_open), None)
    state = MemberState.objects.valid_on(on).filter(member=member).select_related("temporary_organization").first()
    suspensions = list(MembershipEvent.objects.filter(member=member, event_type__in=[EventType.SUSPENDED, EventType.REINSTATED])
                       .order_by("effective_date", "id"))
    return MemberPanel(
        member=member, letters=letters_, open_letter=open_letter,
        in_transit=open_letter is not None and open_letter.status == LetterStatus.ISSUED,
        temporarily_at=state.temporary_organization if state else None,
        exemptions=list(Exemption.objects.filter(member=member).order_by("-started_on", "-id")),
        suspensions=suspensions,
        advanced_age=rules.advanced_age(member.sex, member.date_of_birth, on, params_on(on)),
        can_issue=services.may_issue_for(user, member) and open_letter is None,
        can_change=member.status in IN_PARTY and permissions.may_change_member(user, member, services.CHANGE_MEMBER),
    )


# ---------------------------------------------------------------- counting at a cell (T6, T8, O14)

def away_abroad(org_id: int, on: dt.date) -> set[int]:
    """Members of the cell abroad on `on` under a letter to a place written down (no membership
    event records them): away for the vote base (O14). Registered in TransfersConfig.ready."""
    return set(TransferLetter.objects.filter(
        from_organization_id=org_id, kind=TransferKind.ABROAD, status=LetterStatus.SENT, issue_date__lte=on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on)).values_list("member_id", flat=True))


CellCount = VoteBase  # the count page shows the register's one answer (members.selectors.vote_base)


def cell_count(org: Organization, on: dt.date) -> VoteBase:
    return vote_base(org, on)


def may_view_members_of(user, org: Organization) -> bool:
    return permissions.can(user, MEMBERS_VIEW, org)
