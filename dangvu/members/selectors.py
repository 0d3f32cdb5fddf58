"""Reads of the member register that other apps ask as questions.

`vote_base(org, on)` is the one answer to "how many votes count in this cell on this date"
(domain-rules O1, O14, T6, T8): every form that records a vote pre-fills it, every service that
records one checks the typed base against it, and the cell's count page shows it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from dangvu.core.dates import today, vn_date
from dangvu.core.pagination import BoundedPaginator
from dangvu.members.filters import STATUS_CHOICES, MemberFilterSet
from dangvu.members.kinds import IN_PARTY, Status
from dangvu.members.models import Member, MemberState
from dangvu.organizations.hooks import SeatHolder, StatusCount
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import subtree_ids_on, subtree_q

# Lifecycle apps that know of members away without a membership event (a letter abroad to a place
# written down, for instance) register a function (organization id, date) → member ids here, from
# their AppConfig.ready(); the register itself knows only its events.
AwaySource = Callable[[int, dt.date], set[int]]
AWAY_SOURCES: list[AwaySource] = []


def register_away_source(source: AwaySource) -> None:
    if source not in AWAY_SOURCES:
        AWAY_SOURCES.append(source)


@dataclass
class VoteBase:
    """A cell's members on one date and the vote base they give (O14).

    counted: members of the cell (đảng số): in the party with their home here, away ones included (T6);
    full: of those, the full members (only they vote, M3);
    away: of the counted, those on temporary transfer elsewhere (in the country or abroad);
    exempted: of the counted, those exempted from work and meetings (miễn sinh hoạt);
    hosted: members of other cells here temporarily: not counted, no vote here (T6).
    """

    organization: object
    on: dt.date
    counted: list[Member]
    full: list[Member]
    away: list[Member]
    exempted: list[Member]
    hosted: list[Member]

    @property
    def not_counted_unless_present(self) -> list[Member]:
        """Full members who count only if they attend and vote: away or exempted (O14)."""
        ids = {m.pk for m in self.away} | {m.pk for m in self.exempted}
        return [m for m in self.full if m.pk in ids]

    @property
    def full_count(self) -> int:
        return len(self.full)

    @property
    def maximum(self) -> int:
        """Every full member present."""
        return len(self.full)

    @property
    def minimum(self) -> int:
        """No full member away or exempted present: the base a form pre-fills."""
        return len(self.full) - len(self.not_counted_unless_present)

    def allows(self, typed: int) -> bool:
        return self.minimum <= typed <= self.maximum

    def base_with(self, attending: set[int]) -> int:
        """The base when the members with ids in `attending` attended."""
        return self.minimum + sum(1 for m in self.not_counted_unless_present if m.pk in attending)

    def describe(self) -> str:
        """One sentence for a vote form's help text."""
        from dangvu.core.dates import vn_date

        text = f"Theo sổ đảng viên ngày {vn_date(self.on)}: {self.full_count} đảng viên chính thức"
        extra = self.maximum - self.minimum
        if extra:
            text += (f", trong đó {extra} sinh hoạt tạm thời nơi khác hoặc được miễn sinh hoạt (chỉ tính khi có mặt và biểu "
                     f"quyết): số biểu quyết từ {self.minimum} đến {self.maximum}")
        return text + " (QĐ 294-QĐ/TW điểm 9.3.2)."

    # Names the count page used before (transfers/count.html).
    @property
    def vote_base_all_attend(self) -> int:
        return self.maximum

    @property
    def vote_base_minimum(self) -> int:
        return self.minimum


def vote_base(org, on: dt.date) -> VoteBase:
    """Members of `org` (a cell) on `on`, from the register's state intervals, and their vote base."""
    org_id = getattr(org, "pk", org)
    states = list(MemberState.objects.valid_on(on).filter(Q(organization_id=org_id) | Q(temporary_organization_id=org_id))
                  .select_related("member").order_by("member__name_key", "member_id"))
    home = [s for s in states if s.organization_id == org_id and s.status in IN_PARTY]
    away_elsewhere: set[int] = set()
    for source in AWAY_SOURCES:
        away_elsewhere |= source(org_id, on)
    return VoteBase(
        organization=org, on=on,
        counted=[s.member for s in home],
        full=[s.member for s in home if s.status == Status.FULL],
        away=[s.member for s in home if s.temporary_organization_id is not None or s.member_id in away_elsewhere],
        exempted=[s.member for s in home if s.is_exempted],
        hosted=[s.member for s in states if s.temporary_organization_id == org_id and s.organization_id != org_id],
    )


def state_on(member, on: dt.date) -> MemberState | None:
    """The member's state interval on `on` while in the party (None when not in the party then)."""
    return MemberState.objects.valid_on(on).filter(member=member, status__in=IN_PARTY).first()


def in_party_states_on(org, on: dt.date):
    """The state intervals valid on `on` of the members then in the party whose home organization lay in
    `org`'s subtree **as the tree stood on `on`** (organizations.tree.subtree_ids_on): status, cell,
    exemption and suspension of that date. Empty when `org` did not exist on `on`."""
    return MemberState.objects.valid_on(on).filter(status__in=IN_PARTY, organization_id__in=subtree_ids_on(org, on))


def in_party_under_on(org, on: dt.date) -> int:
    """Members in the party on `on` whose home organization is `org` or lies under it (O2)."""
    return (MemberState.objects.valid_on(on).filter(subtree_q("organization__path", org.path), status__in=IN_PARTY)
            .values("member_id").distinct().count())


def seat_holder(member, org, on: dt.date) -> SeatHolder:
    """Where `member` stood on `on` for a seat on `org`'s committee (organizations.hooks)."""
    state = state_on(member, on)
    if state is None:
        return SeatHolder(in_party=False, probationary=False, in_subtree=False)
    in_subtree = Organization.objects.filter(subtree_q("path", org.path), pk=state.organization_id).exists()
    return SeatHolder(in_party=True, probationary=state.status == Status.PROBATIONARY, in_subtree=in_subtree)


def seat_candidates(user, org, on: dt.date):
    """Members a seat of `org`'s committee may go to, as `user` may see them: full members on `on` with
    their home organization in `org`'s subtree (the service refuses the rest, M3)."""
    home = MemberState.objects.valid_on(on).filter(subtree_q("organization__path", org.path), status=Status.FULL)
    return Member.objects.restrict(user).filter(pk__in=home.values("member_id")).order_by("name_key", "id")


def visible_members(user):
    """The members `user` may open (organizations.hooks: committee seats, the seat API field)."""
    return Member.objects.restrict(user)


# The organization page's "members by status" (organizations.hooks.status_counts): each line is the
# member list's own filter (members.filters), so a count and the list it links to always agree.
STATUS_LINES = ["in_party", Status.FULL, Status.PROBATIONARY, "exempted", "suspended"]
STATUS_COUNT_BOUND = 10_000


def status_counts(user, org, on: dt.date) -> list[StatusCount]:
    labels = dict(STATUS_CHOICES)
    lines = []
    for code in STATUS_LINES:
        data = {"organization": str(org.pk), "status": str(code)}
        if on != today():
            data["as_of"] = vn_date(on)
        filterset = MemberFilterSet(data, queryset=Member.objects.restrict(user), request=_Request(user))
        paginator = BoundedPaginator(filterset.qs, 1, bound=STATUS_COUNT_BOUND)
        lines.append(StatusCount(str(code), str(labels[code]), min(paginator.count, STATUS_COUNT_BOUND), not paginator.exact,
                                 f"{reverse('members:list')}?{urlencode(data)}"))
    return lines


@dataclass(frozen=True)
class _Request:
    """The one thing MemberFilterSet reads of a request: who asks."""

    user: object
