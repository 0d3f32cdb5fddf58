"""To-do items of resolution study (dangvu.core.todo), for whoever records the study of an organization:

- study sessions with members absent and not made up: a make-up is due within the setting
  "todo.study_makeup_days" of the session's date (overdue after it);
- follow-up plans (kế hoạch, chương trình hành động) not done, due within "todo.study_plan_horizon_days" or overdue.

Set-based: one query per kind of item over the user's scope.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse

from dangvu.core.dates import vn_date
from dangvu.core.todo import TodoItem
from dangvu.rules.parameters import params_on
from dangvu.study.kinds import PlanStatus, SessionStatus
from dangvu.study.models import FollowUpPlan, StudySession
from dangvu.study.querysets import CHANGE


def todo_items(user, on: dt.date) -> list[TodoItem]:
    params = params_on(on)
    items: list[TodoItem] = []
    makeup_days = dt.timedelta(days=params["todo.study_makeup_days"])
    sessions = (StudySession.objects.restrict(user, CHANGE).filter(status=SessionStatus.HELD, makeup_of__isnull=True,
                                                                   date__gte=on - 4 * makeup_days)
                .annotate(missing=Count("attendance", filter=Q(attendance__present=False,
                                                               attendance__made_up_in__isnull=True)))
                .filter(missing__gt=0).select_related("organization").prefetch_related("documents").order_by("date", "id"))
    for s in sessions:
        due = s.date + makeup_days
        numbers = ", ".join(d.number for d in s.documents.all())
        items.append(TodoItem(category="study_makeup", category_label="Học bù cho người vắng học tập, quán triệt",
                              title=f"{s.missing} đảng viên vắng buổi học tập {numbers} ngày {vn_date(s.date)} chưa học bù",
                              due=due, overdue=due < on, url=reverse("study:session", args=[s.pk]),
                              organization=s.organization.name, organization_id=s.organization_id))
    horizon = on + dt.timedelta(days=params["todo.study_plan_horizon_days"])
    plans = (FollowUpPlan.objects.restrict(user, CHANGE).exclude(status=PlanStatus.DONE).filter(due_on__lte=horizon)
             .select_related("document", "organization").order_by("due_on", "id"))
    for p in plans:
        items.append(TodoItem(category="study_plan", category_label="Kế hoạch, chương trình thực hiện nghị quyết đến hạn",
                              title=f"{p.get_kind_display()} thực hiện {p.document.number}: {p.title} "
                                    f"({p.get_status_display().lower()})",
                              due=p.due_on, overdue=p.due_on < on, url=reverse("study:plans"),
                              organization=p.organization.name, organization_id=p.organization_id))
    return items
