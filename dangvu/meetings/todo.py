"""To-do items of cell meetings (dangvu.core.todo), for whoever records the meetings of a cell (its secretary,
officers above it):

- this month's regular meeting not recorded yet (and last month's, overdue) — G1;
- the quarter's thematic meeting missing — G5 (both only for cells that keep their meetings in the app);
- tasks of a resolution due within the horizon, or overdue;
- members heading for the striking-off ground of unexcused absence (G8), one item per cell;
- members in no party group once the cell records its groups' members (G6: newly arrived, newly admitted), one item per
  cell.

Set-based: one query per kind of item over the user's cells, never one per cell — except the members in no party group,
asked (selectors.ungrouped) only of the cells that recorded their groups' members valid that day (the G6 pilot cells).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.urls import reverse

from dangvu.core.dates import month_end, vn_date
from dangvu.core.todo import TodoItem
from dangvu.meetings import rules, selectors
from dangvu.meetings.kinds import CELL_KINDS, REGULAR_KINDS, THEMATIC_KINDS, MeetingStatus
from dangvu.meetings.models import GroupMembership, Meeting, Task
from dangvu.meetings.querysets import CHANGE
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on


def _cells(user, on: dt.date):
    """The user's cells that keep their meetings in the app: a meeting recorded (planned or held) in the twelve
    months before `on` or later. A cell that never used it is not flooded with "not recorded" items."""
    recent = Meeting.objects.filter(date__gte=rules.year_before(on)).values("cell_id")
    return list(Organization.objects.restrict(user, CHANGE).filter(kind__in=CELL_KINDS, ended_on__isnull=True, pk__in=recent)
                .only("pk", "name", "path").order_by("path"))


def _held_cells(cells, start: dt.date, end: dt.date, kinds) -> dict[int, int]:
    return dict(selectors.held(Meeting.objects.filter(cell__in=cells, date__gte=start, date__lte=end, kind__in=kinds))
                .values("cell_id").annotate(n=Count("id")).values_list("cell_id", "n"))


def _notice_items(cells, on: dt.date, horizon: dt.date, params) -> list[TodoItem]:
    """G3: planned meetings up to the horizon whose notice to the members or to the superior committee member
    following the cell is missing, or was sent later than the notice days before (one query)."""
    days = params["meetings.notice_days"]
    items = []
    for m in (Meeting.objects.filter(cell__in=cells, status=MeetingStatus.PLANNED, date__gte=on, date__lte=horizon)
              .select_related("cell").order_by("date", "id")):
        missing = []
        for sent, whom in ((m.materials_sent_on, "đảng viên"), (m.superior_notified_on, "cấp ủy viên cấp trên phụ trách")):
            if sent is None:
                missing.append(f"chưa gửi {whom}")
            elif (m.date - sent).days < days:
                missing.append(f"gửi {whom} muộn ({vn_date(sent)})")
        if missing:
            due = m.date - dt.timedelta(days=days)
            items.append(TodoItem("meeting_notice", "Thông báo sinh hoạt chi bộ chưa gửi hoặc gửi muộn",
                                  f"Buổi sinh hoạt ngày {vn_date(m.date)}: thông báo, tài liệu " + "; ".join(missing)
                                  + f" (gửi trước ít nhất {days} ngày)", due, due < on, selectors.meeting_url(m), m.cell.name,
                                  f"G3 — {rules.guidance(m.date)}", m.cell_id))
    return items


def _ungrouped_items(user, on: dt.date) -> list[TodoItem]:
    """G6: the user's cells that record their party groups' members (rows valid on `on`; recording them is using the app,
    with or without meetings recorded) and have members held to attend in none that day."""
    recorded = GroupMembership.objects.valid_on(on).values("cell_id")
    items = []
    for cell in (Organization.objects.restrict(user, CHANGE).filter(kind__in=CELL_KINDS, ended_on__isnull=True,
                                                                    pk__in=recorded).only("pk", "name", "path").order_by("path")):
        missing = selectors.ungrouped(cell, on)
        if missing:
            items.append(TodoItem("group_member_missing", "Đảng viên chưa thuộc tổ đảng nào",
                                  f"{len(missing)} đảng viên chưa được ghi vào tổ đảng: "
                                  + ", ".join(e.full_name for e in missing), on, False,
                                  reverse("meetings:groups", args=[cell.pk]), cell.name,
                                  f"G6 — {rules.SOURCE_REGULAR}; {rules.SOURCE_GROUP}", cell.pk))
    return items


def todo_items(user, on: dt.date) -> list[TodoItem]:
    cells = _cells(user, on)
    if not cells:
        return _ungrouped_items(user, on)
    params = params_on(on)
    source = rules.guidance(on)
    items: list[TodoItem] = []
    this_month = on.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    held_now = _held_cells(cells, this_month, month_end(on), REGULAR_KINDS)
    held_last = _held_cells(cells, last_month, month_end(last_month), REGULAR_KINDS)
    q_start = dt.date(on.year, 3 * (rules.quarter_of(on) - 1) + 1, 1)
    q_end = month_end(dt.date(on.year, 3 * rules.quarter_of(on), 1))
    thematic = _held_cells(cells, q_start, q_end, THEMATIC_KINDS)
    least = params["meetings.thematic_per_quarter"]
    for cell in cells:
        url = f"{reverse('meetings:cell', args=[cell.pk])}?year={on.year}"
        if cell.pk not in held_last:
            items.append(TodoItem("meeting_missing", "Sinh hoạt chi bộ chưa ghi", f"Chưa ghi buổi sinh hoạt thường kỳ tháng "
                                  f"{last_month:%m/%Y}", month_end(last_month), True, f"{reverse('meetings:cell', args=[cell.pk])}"
                                  f"?year={last_month.year}", cell.name, f"G1 — {rules.SOURCE_REGULAR}", cell.pk))
        if cell.pk not in held_now:
            items.append(TodoItem("meeting_missing", "Sinh hoạt chi bộ chưa ghi", f"Chưa ghi buổi sinh hoạt thường kỳ tháng "
                                  f"{this_month:%m/%Y}", month_end(on), False, url, cell.name, f"G1 — {rules.SOURCE_REGULAR}",
                                  cell.pk))
        if thematic.get(cell.pk, 0) < least:
            items.append(TodoItem("thematic_missing", "Thiếu sinh hoạt chuyên đề", f"Quý {rules.quarter_of(on)}/{on.year}: "
                                  f"chưa ghi đủ {least} buổi sinh hoạt chuyên đề", q_end, False, url, cell.name,
                                  f"G5 — {source}", cell.pk))
    horizon = on + dt.timedelta(days=params["todo.meeting_task_horizon_days"])
    for task in (Task.objects.restrict(user, CHANGE).filter(done_on__isnull=True, due_on__lte=horizon)
                 .select_related("meeting", "meeting__cell", "owner").order_by("due_on")[:200]):
        items.append(TodoItem("meeting_task_due", "Nhiệm vụ theo nghị quyết chi bộ đến hạn",
                              f"{task.description[:100]} — {task.owner_name}", task.due_on, task.due_on < on,
                              f"{selectors.meeting_url(task.meeting)}#tasks", task.meeting.cell.name, "",
                              task.meeting.cell_id))
    items += _notice_items(cells, on, horizon, params)
    items += _ungrouped_items(user, on)
    threshold = params["removal.absence_months"]
    members = dict(Member.objects.filter(organization__in=cells, status__in=IN_PARTY).values_list("pk", "organization_id"))
    heading = selectors.heading_for_removal(list(members), on, threshold)
    by_cell: dict[int, list] = defaultdict(list)
    names = dict(Member.objects.filter(pk__in=list(heading)).values_list("pk", "full_name"))
    for member_id, months in heading.items():
        by_cell[members[member_id]].append((names[member_id], len(months)))
    cell_names = {c.pk: c.name for c in cells}
    for cell_id, rows in by_cell.items():
        listed = ", ".join(f"{name} ({n} tháng)" for name, n in sorted(rows))
        items.append(TodoItem("meeting_absence", "Đảng viên bỏ sinh hoạt không lý do",
                              f"{len(rows)} đảng viên vắng sinh hoạt không lý do nhiều tháng trong 12 tháng (xóa tên khi đủ "
                              f"{threshold} tháng): {listed}", on, any(n >= threshold for _, n in rows),
                              f"{reverse('meetings:cell', args=[cell_id])}?year={on.year}", cell_names[cell_id],
                              f"G8 — {rules.SOURCE_ABSENCE}", cell_id))
    return items
