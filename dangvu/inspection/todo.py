"""To-do items of inspection and supervision (dangvu.core.todo), for whoever conducts the cases (inspection
officers of the subtree, the cell's secretary):

- steps of an open case's timeline due within the horizon or overdue, and the case's own deadline;
- remedies required by a conclusion, due within the horizon or overdue, until they are done;
- denunciations to handle (K15), and cases concluded but not yet notified to their subject.

Set-based: one query per kind of item over the user's cases.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.core.todo import TodoItem
from dangvu.inspection import rules
from dangvu.inspection.kinds import CaseStatus, DenunciationStatus
from dangvu.inspection.models import Case, Denunciation, Remedy, Step
from dangvu.inspection.querysets import CHANGE
from dangvu.inspection.selectors import case_url
from dangvu.rules.parameters import params_on

LIMIT = 200


def todo_items(user, on: dt.date) -> list[TodoItem]:
    if not permissions.has_scope(user, CHANGE):
        return []
    horizon = on + dt.timedelta(days=params_on(on)["todo.inspection_horizon_days"])
    items: list[TodoItem] = []
    cases = Case.objects.restrict(user, CHANGE)
    for case in (cases.filter(status=CaseStatus.OPEN, due_on__lte=horizon).select_related("body", "subject_member",
                                                                                          "subject_organization")
                 .order_by("due_on")[:LIMIT]):
        items.append(TodoItem("inspection_case_due", "Cuộc kiểm tra, giám sát đến hạn kết thúc",
                              f"{case.get_kind_display()}: {case.subject_label} (quyết định {case.decision_number})",
                              case.due_on, case.due_on < on, case_url(case), case.body.name, "", case.body_id))
    for step in (Step.objects.filter(case__in=cases.filter(status=CaseStatus.OPEN).values("pk"), done_on__isnull=True,
                                     due_on__lte=horizon).select_related("case", "case__body", "case__subject_member",
                                                                         "case__subject_organization")
                 .order_by("due_on")[:LIMIT]):
        items.append(TodoItem("inspection_step_due", "Bước kiểm tra, giám sát đến hạn",
                              f"{step.title} — {step.case.subject_label}", step.due_on, step.due_on < on,
                              f"{case_url(step.case)}#timeline", step.case.body.name, "", step.case.body_id))
    for remedy in (Remedy.objects.filter(case__in=cases.values("pk"), done_on__isnull=True, due_on__lte=horizon)
                   .select_related("case", "case__body", "case__subject_member", "case__subject_organization")
                   .order_by("due_on")[:LIMIT]):
        items.append(TodoItem("inspection_remedy_due", "Yêu cầu khắc phục sau kiểm tra, giám sát đến hạn",
                              f"{remedy.description[:100]} — {remedy.case.subject_label}", remedy.due_on,
                              remedy.due_on < on, f"{case_url(remedy.case)}#remedies", remedy.case.body.name, "",
                              remedy.case.body_id))
    for case in (cases.filter(status=CaseStatus.CONCLUDED, notified_on__isnull=True)
                 .select_related("body", "subject_member", "subject_organization").order_by("concluded_on")[:LIMIT]):
        items.append(TodoItem("inspection_notify", "Kết luận kiểm tra, giám sát chưa thông báo",
                              f"Thông báo kết luận cho {case.subject_label} (quyết định {case.decision_number})",
                              case.concluded_on, False, case_url(case), case.body.name, "", case.body_id))
    for d in (Denunciation.objects.restrict(user, CHANGE).filter(status=DenunciationStatus.TO_HANDLE)
              .select_related("body").order_by("received_on")[:LIMIT]):
        items.append(TodoItem("inspection_denunciation", "Đơn tố cáo phải giải quyết",
                              f"Đơn tố cáo nhận ngày {d.received_on:%d/%m/%Y}", d.received_on, False,
                              reverse("inspection:denunciation", args=[d.pk]), d.body.name,
                              f"K15 — {rules.regulation(d.received_on)}", d.body_id))
    return items
