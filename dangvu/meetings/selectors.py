"""Reads of cell meetings that pages, the API, the to-do list and other apps ask.

`expected(cell, on)` is who a meeting expects: the register's one answer for a cell on a date
(members.selectors.vote_base: home members in the party, those away on temporary transfer, the
exempted, and members of other cells here temporarily), never a list of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from dangvu.core.dates import month_end, vn_date
from dangvu.meetings import rules
from dangvu.meetings.kinds import REGULAR_KINDS, THEMATIC_KINDS, Mark, MeetingStatus
from dangvu.meetings.models import Attendance, GroupMembership, Meeting
from dangvu.members.kinds import Status
from dangvu.members.selectors import state_on, vote_base


def expected(cell, on: dt.date) -> list[rules.Expected]:
    """The members a meeting of `cell` on `on` expects, in the register's order (name), hosted ones last."""
    base = vote_base(cell, on)
    away = {m.pk for m in base.away}
    exempted = {m.pk for m in base.exempted}
    rows = [rules.Expected(m.pk, m.full_name, m.status == Status.FULL, away=m.pk in away, exempted=m.pk in exempted)
            for m in base.counted]
    rows += [rules.Expected(m.pk, m.full_name, m.status == Status.FULL, hosted=True) for m in base.hosted]
    return rows


def party_groups(cell, on: dt.date) -> dict[int, str]:
    """The party groups (tổ đảng) of `cell` on `on` (id → name), as the tree stood then (G6)."""
    from dangvu.organizations.kinds import Kind
    from dangvu.organizations.models import OrganizationVersion

    return dict(OrganizationVersion.objects.valid_on(on).filter(parent_id=getattr(cell, "pk", cell), kind=Kind.PARTY_GROUP)
                .order_by("name_key").values_list("organization_id", "name"))


def groups_of_members(cell, on: dt.date) -> dict[int, int]:
    """The party group of each member of `cell` on `on` as recorded (member id → group id); empty when the cell has
    recorded no group membership valid that day."""
    return dict(GroupMembership.objects.valid_on(on).filter(cell_id=getattr(cell, "pk", cell))
                .values_list("member_id", "group_id"))


def ungrouped(cell, on: dt.date) -> list[rules.Expected]:
    """The members of `cell` held to attend on `on` who are in no party group, once the cell has party groups and has
    recorded its groups' members valid that day (rules.ungrouped); empty otherwise."""
    if not party_groups(cell, on):
        return []
    return rules.ungrouped(expected(cell, on), groups_of_members(cell, on))


def expected_at(meeting) -> tuple[list[rules.Expected], bool]:
    """Who `meeting` expects, and whether that list is exact. A meeting of the whole cell: `expected(cell, date)`.
    A meeting by party group (G6) in a cell that has recorded its groups' members on that date: exactly the members
    of that group then (among those the cell expects). Otherwise (no group membership recorded for the cell), the old
    rule: any of the cell's members, the group's being those marked at its meeting (False)."""
    rows = expected(meeting.cell_id, meeting.date)
    if not meeting.party_group_id:
        return rows, True
    groups = groups_of_members(meeting.cell_id, meeting.date)
    if not groups:
        return rows, False
    return [e for e in rows if groups.get(e.member_id) == meeting.party_group_id], True


def group_months(cell, year: int, exclude=None) -> set[dt.date]:
    """The months of `year` in which `cell` met by party group (G6: the groups of one month count once)."""
    qs = Meeting.objects.filter(cell=cell, date__year=year, party_group__isnull=False)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return {rules.month_start(d) for d in qs.values_list("date", flat=True)}


def marked_in_other_groups(meeting) -> dict[int, str]:
    """Members marked at another group's meeting of the cell in the same month (member id → that group's name)."""
    start = rules.month_start(meeting.date)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = (Attendance.objects.filter(meeting__cell_id=meeting.cell_id, meeting__date__gte=start, meeting__date__lte=end,
                                      meeting__party_group__isnull=False)
            .exclude(meeting__party_group_id=meeting.party_group_id).exclude(meeting=meeting)
            .values_list("member_id", "meeting__party_group__name"))
    return dict(rows)


def held(queryset=None):
    """Meetings that took place (held or complete)."""
    qs = Meeting.objects.all() if queryset is None else queryset
    return qs.exclude(status=MeetingStatus.PLANNED)


@dataclass(frozen=True)
class YearCompliance:
    cell_id: int
    year: int
    missing_months: tuple[dt.date, ...]  # months past without a regular meeting held (G1)
    missing_quarters: tuple[int, ...]  # quarters ended (or the current one) short of thematic meetings (G5)
    # Held against required over the period (months ended before `on`, quarters ended by then): G1 one regular meeting
    # a month (the months of the period with one held), G5 the thematic meetings a quarter (those held in the quarters).
    regular_held: int = 0
    regular_required: int = 0
    thematic_held: int = 0
    thematic_required: int = 0
    period_end: dt.date | None = None  # the last day the period counts (None: nothing required yet)


def compliance(cell, year: int, on: dt.date, params) -> YearCompliance:
    """G1 and G5 for one cell over `year` up to `on` (compliance_of for one cell)."""
    return compliance_of([cell], year, on, params)[getattr(cell, "pk", cell)]


def compliance_of(cells, year: int, on: dt.date, params) -> dict[int, YearCompliance]:
    """G1 and G5 for each of `cells` (organizations, ids or a queryset of them) over `year` up to `on`: months ended
    before `on` (this month's meeting is not due yet), quarters ended by `on`. One query whatever the number of cells."""
    ids = [getattr(c, "pk", c) for c in cells] if isinstance(cells, (list, tuple, set)) else None
    qs = held(Meeting.objects.filter(date__year=year, cell_id__in=ids if ids is not None else cells.values("pk")))
    months = [dt.date(year, m, 1) for m in range(1, 13) if dt.date(year, m, 1) <= on]
    past = [m for m in months if (m.month < on.month or m.year < on.year)]
    ended = [q for q in range(1, 5) if dt.date(year, 3 * q, 1) < on.replace(day=1) or year < on.year]
    regular: dict[int, set[dt.date]] = defaultdict(set)
    quarters: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for cell_id, kind, day in qs.values_list("cell_id", "kind", "date"):
        if kind in REGULAR_KINDS:
            regular[cell_id].add(rules.month_start(day))
        if kind in THEMATIC_KINDS:
            quarters[cell_id][rules.quarter_of(day)] += 1
    if ids is None:
        ids = list(cells.values_list("pk", flat=True))
    thematic_required = rules.thematic_required(ended, params)
    period_end = month_end(past[-1]) if past else None
    found = {}
    for cid in ids:
        missing = tuple(rules.missing_regular(past, regular[cid]))
        found[cid] = YearCompliance(cid, year, missing, tuple(rules.thematic_missing(quarters[cid], ended, params)),
                                    regular_held=len(past) - len(missing), regular_required=len(past),
                                    thematic_held=sum(quarters[cid][q] for q in ended),
                                    thematic_required=thematic_required, period_end=period_end)
    return found


def unexcused_by_member(member_ids, start: dt.date, end: dt.date) -> dict[int, list[Attendance]]:
    """Unexcused absences of these members at meetings held in [start, end], oldest first."""
    rows = (Attendance.objects.filter(member_id__in=list(member_ids), mark=Mark.UNEXCUSED, meeting__date__gte=start,
                                      meeting__date__lte=end).exclude(meeting__status=MeetingStatus.PLANNED)
            .select_related("meeting", "meeting__cell").order_by("meeting__date", "id"))
    found: dict[int, list[Attendance]] = defaultdict(list)
    for row in rows:
        found[row.member_id].append(row)
    return found


def heading_for_removal(member_ids, on: dt.date, threshold: int) -> dict[int, tuple[dt.date, ...]]:
    """Members with unexcused absence in at least `threshold` − 1 months of the year up to `on` (G8): those heading
    for the ground, and those who have reached it."""
    found = {}
    for member_id, rows in unexcused_by_member(member_ids, rules.year_before(on), on).items():
        months = rules.absent_months(r.meeting.date for r in rows)
        if len(months) >= max(threshold - 1, 1):
            found[member_id] = months
    return found


def describe_absence(row: Attendance) -> str:
    m = row.meeting
    return f"Vắng không lý do buổi {m.get_kind_display().lower()} ngày {vn_date(m.date)} ({m.cell.name})"


def tasks_to_review(meeting, limit: int = 50) -> list:
    """Tasks of the cell's earlier meetings still open on this meeting's date or done since the previous one: what this
    meeting reviews (issue 14: tasks reviewed at the next meeting)."""
    from dangvu.meetings.models import Task

    previous = (Meeting.objects.filter(cell_id=meeting.cell_id, date__lt=meeting.date).exclude(status=MeetingStatus.PLANNED)
                .order_by("-date").values_list("date", flat=True).first())
    done_since = Q(done_on__gt=previous) if previous else Q(pk__in=[])
    return list(Task.objects.filter(meeting__cell_id=meeting.cell_id, meeting__date__lt=meeting.date)
                .filter(Q(done_on__isnull=True) | Q(done_on__gt=meeting.date) | done_since)
                .select_related("meeting", "owner").order_by("due_on", "id")[:limit])


def meeting_url(meeting) -> str:
    return reverse("meetings:detail", args=[getattr(meeting, "pk", meeting)])


# ---------------------------------------------------------------- the member's own view

def upcoming_for(member, on: dt.date, limit: int = 5):
    """Planned meetings of the member's cell (and of a cell hosting them) from `on` on."""
    cells = [c for c in (member.organization_id, _hosting_cell(member, on)) if c]
    return list(Meeting.objects.filter(cell_id__in=cells, status=MeetingStatus.PLANNED, date__gte=on)
                .select_related("cell").prefetch_related("files").order_by("date", "starts_at")[:limit])


def _hosting_cell(member, on: dt.date) -> int | None:
    state = state_on(member, on)
    return state.temporary_organization_id if state else None


def attendance_of(member, limit: int = 12):
    return list(Attendance.objects.filter(member=member).exclude(meeting__status=MeetingStatus.PLANNED)
                .select_related("meeting", "meeting__cell").order_by("-meeting__date")[:limit])


def counts_by_mark(meeting) -> dict[str, int]:
    agg = meeting.attendance.aggregate(**{m: Count("id", filter=Q(mark=m)) for m in Mark.values})
    return {m: agg[m] for m in Mark.values}
