"""Reads of discipline that pages, the API, the to-do list and other apps ask.

For other apps (stable names):
- `penalty_in_force(member, on)` / `penalties_in_force_on(member_ids, on)`: the heaviest penalty in force
  on a date (K8: blocks badges and commendations; C6: caps the year's grade);
- `last_penalty(member, on)`: the latest penalty announced on or before a date, cancelled ones aside, with
  its form and decision date (B5: the badge's deferral months count from it);
- `penalties_in_year(member, year)` / `penalties_in_year_for(member_ids, year)`: penalties announced in a year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.core.dates import vn_date
from dangvu.discipline.kinds import SEVERITY, AppealOutcome, Form, Status
from dangvu.discipline.models import Appeal, Notification, Proceeding, Violation
from dangvu.discipline.rules import ViolationFact
from dangvu.members.kinds import EventType
from dangvu.members.models import MembershipEvent
from dangvu.organizations.models import CommitteeMember


@dataclass(frozen=True)
class Penalty:
    proceeding_id: int
    member_id: int | None
    organization_id: int | None
    form: str  # the form in force (after any appeal)
    decided_on: dt.date
    announced_on: dt.date
    lapses_on: dt.date | None
    decision_number: str
    violation_years: tuple[int, ...]

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.form, 0)


def _penalties(qs) -> list[Penalty]:
    rows = list(qs.filter(announced_on__isnull=False).exclude(form_in_force="")
                .order_by("announced_on", "id").prefetch_related("violations"))
    return [Penalty(p.pk, p.member_id, p.subject_organization_id, p.form_in_force, p.decided_on, p.announced_on, p.lapses_on,
                    p.decision_number, tuple(sorted({v.committed_on.year for v in p.violations.all()}))) for p in rows]


def _in_force_q(on: dt.date) -> Q:
    """Announced by `on`, not lapsed by `on`, not cancelled by `on` (K5, K7, K11)."""
    cancelled = Q(status=Status.CANCELLED) & Q(ended_on__lte=on)
    return (Q(announced_on__lte=on) & (Q(lapses_on__isnull=True) | Q(lapses_on__gt=on))) & ~cancelled


def penalties_in_force_on(member_ids, on: dt.date) -> dict[int, Penalty]:
    """The heaviest penalty in force on `on` of each of these members (one query)."""
    found: dict[int, Penalty] = {}
    for p in _penalties(Proceeding.objects.filter(_in_force_q(on), member_id__in=list(member_ids))):
        if p.member_id not in found or p.severity >= found[p.member_id].severity:
            found[p.member_id] = p
    return found


def penalty_in_force(member, on: dt.date) -> Penalty | None:
    return penalties_in_force_on([getattr(member, "pk", member)], on).get(getattr(member, "pk", member))


def penalty_note(member, on: dt.date) -> list[str]:
    """The penalty in force as the member's record page shows it (K8: it blocks moves, promotions, awards)."""
    p = penalty_in_force(member, on)
    if p is None:
        return []
    until = _(" đến hết ngày %(day)s") % {"day": vn_date(p.lapses_on - dt.timedelta(days=1))} if p.lapses_on else ""
    return [_("Đang chịu kỷ luật %(form)s (quyết định %(number)s, công bố ngày %(announced)s)%(until)s") % {
        "form": Form(p.form).label.lower(), "number": p.decision_number or "—", "announced": vn_date(p.announced_on),
        "until": until}]


def organization_penalty_in_force(org, on: dt.date) -> Penalty | None:
    """The heaviest penalty of an organization in force on `on` (K8 for its commendations)."""
    found = _penalties(Proceeding.objects.filter(_in_force_q(on), subject_organization=org))
    return max(found, key=lambda p: p.severity) if found else None


def last_penalty(member, on: dt.date) -> Penalty | None:
    """The latest penalty announced on or before `on` (whether or not it lapsed since), cancelled ones aside."""
    qs = Proceeding.objects.filter(member=member, announced_on__lte=on).exclude(status=Status.CANCELLED)
    found = _penalties(qs)
    return found[-1] if found else None


def penalties_in_year_for(member_ids, year: int) -> dict[int, list[Penalty]]:
    """Penalties announced in `year` (cancelled ones aside), per member, oldest first."""
    found: dict[int, list[Penalty]] = defaultdict(list)
    qs = Proceeding.objects.filter(member_id__in=list(member_ids), announced_on__year=year).exclude(status=Status.CANCELLED)
    for p in _penalties(qs):
        found[p.member_id].append(p)
    return dict(found)


def cancelled_ids(proceeding_ids) -> set[int]:
    """Of `proceeding_ids`, those an appeal decision cancelled (their penalty never stood)."""
    ids = [i for i in proceeding_ids if i]
    if not ids:
        return set()
    return set(Proceeding.objects.filter(pk__in=ids, status=Status.CANCELLED).values_list("pk", flat=True))


def cancelling_appeal(proceeding_id: int):
    """The appeal decision that cancelled the proceeding (the last decided one), or None."""
    return (Appeal.objects.filter(proceeding_id=proceeding_id, outcome=AppealOutcome.CANCEL)
            .order_by("-decided_on", "-id").first())


def penalties_in_year(member, year: int) -> list[Penalty]:
    member_id = getattr(member, "pk", member)
    return penalties_in_year_for([member_id], year).get(member_id, [])


# ---------------------------------------------------------------- for the services

def holds_post(member, on: dt.date) -> list[CommitteeMember]:
    """The committee seats `member` holds on `on` (K1: removal from post only for a member who holds one)."""
    return list(CommitteeMember.objects.filter(member=member, start_date__lte=on)
                .filter(Q(end_date__isnull=True) | Q(end_date__gt=on)).select_related("term__organization"))


def expulsions_recorded(member, since: dt.date) -> list[MembershipEvent]:
    """The member's "expelled" events in the register on or after `since` (annulled ones aside), oldest first."""
    return list(MembershipEvent.objects.filter(member=member, event_type=EventType.EXPELLED, effective_date__gte=since)
                .order_by("effective_date", "id"))


def other_violations(member, exclude_proceeding_id=None) -> list[ViolationFact]:
    """The member's violations recorded in other proceedings (a new violation restarts the limitation, K6)."""
    qs = Violation.objects.filter(proceeding__member=member).exclude(proceeding__status=Status.CANCELLED)
    if exclude_proceeding_id is not None:
        qs = qs.exclude(proceeding_id=exclude_proceeding_id)
    return [ViolationFact(k, d) for k, d in qs.values_list("kind", "committed_on")]


def running_penalties(member, on: dt.date):
    """Announced penalties of the member still set to lapse after `on` (a new violation on `on` stops their lapse, K7)."""
    return Proceeding.objects.filter(member=member, announced_on__lte=on, lapses_on__gt=on).exclude(status=Status.CANCELLED)


# ---------------------------------------------------------------- pages

def proceedings_for(user):
    return (Proceeding.objects.restrict(user).select_related("member", "subject_organization", "organization",
                                                             "deciding_organization"))


def notifications_for(user):
    return Notification.objects.restrict(user).select_related("member", "organization")
