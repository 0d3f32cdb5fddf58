"""Admissions and probation in the to-do list ("Việc cần làm"), only what the user may see:

- probations ending within params "todo.probation_horizon_days" days (M2, P1);
- probations overdue: the cell has not proposed within 30 working days of the end (P1), or the
  committee has not decided within 30 working days of the cell's resolution (P3);
- probations reported to the superior committee after three votes without 2/3 (P5);
- admission decisions past 60 working days from the cell's resolution (A13; the due date shown
  is the 60th working day, the title gives the last day with the 30-day extension);
- ceremonies past 30 working days from the decision (A14).
"""

import datetime as dt

from django.urls import reverse

from dangvu.admissions import rules, selectors
from dangvu.admissions.kinds import Stage
from dangvu.admissions.models import Candidate
from dangvu.core.dates import vn_date
from dangvu.core.todo import TodoItem
from dangvu.rules.parameters import params_on
from dangvu.rules.parameters import text as param_text


def todo_items(user, on: dt.date) -> list[TodoItem]:
    return _probation_items(user, on) + _candidate_items(user, on)


def _probation_items(user, on: dt.date) -> list[TodoItem]:
    horizon = params_on(on)["todo.probation_horizon_days"]
    items = []
    for row in selectors.probation_rows(selectors.probationary_members(user), on):
        m, p = row.member, row.probation
        url = reverse("admissions:probation_detail", args=[m.pk])
        cell = m.organization.name if m.organization_id else ""
        if p.flagged:
            items.append(TodoItem("probation_flagged", "Đảng viên dự bị: báo cáo cấp ủy cấp trên",
                                  f"{m.full_name}: chi bộ biểu quyết {p.failed} lần không đạt 2/3; cấp ủy có thẩm quyền xem xét, "
                                  "quyết định", p.proposal_due, False, url, cell, rules.SRC_MAX_VOTES, m.organization_id))
        elif row.overdue:
            if p.passed_vote is not None:
                title = (f"{m.full_name}: chi bộ đã đề nghị ngày {vn_date(p.passed_vote.meeting_date)}; cấp ủy chưa quyết định "
                         f"(hạn {vn_date(row.due.date)}, gia hạn đến {vn_date(row.due.latest)})")
            else:
                title = (f"{m.full_name}: hết dự bị ngày {vn_date(p.end)}; chi bộ chưa xét, đề nghị công nhận chính thức "
                         f"(hạn {vn_date(p.proposal_due)})")
            items.append(TodoItem("probation_overdue", "Đảng viên dự bị quá hạn xét công nhận chính thức", title, row.due.date,
                                  True, url, cell, row.due.rule, m.organization_id))
        elif on <= p.end <= on + dt.timedelta(days=horizon):
            items.append(TodoItem("probation_ending", "Sắp hết thời gian dự bị",
                                  f"{m.full_name}: hết {param_text(params_on(p.start), 'probation.months')} dự bị ngày "
                                  f"{vn_date(p.end)}; chi bộ xét, đề nghị trước "
                                  f"{vn_date(p.proposal_due)}", p.end, False, url, cell, rules.SRC_PROPOSAL, m.organization_id))
    return items


def _candidate_items(user, on: dt.date) -> list[TodoItem]:
    waiting = (Candidate.objects.visible_to(user).select_related("organization")
               .filter(stage__in=[Stage.CELL_APPROVED, Stage.COMMITTEE_APPROVED, Stage.DECIDED]))
    items = []
    for c, due in selectors.candidates_with_due(list(waiting), on):
        if due is None or not due.overdue:
            continue
        url = reverse("admissions:detail", args=[c.pk])
        if c.stage == Stage.DECIDED:
            items.append(TodoItem("admission_ceremony_overdue", "Quá hạn tổ chức lễ kết nạp",
                                  f"{c.full_name}: quyết định kết nạp ngày {vn_date(c.decision_date)}; lễ kết nạp quá "
                                  f"{param_text(params_on(c.decision_date), 'admission.ceremony_working_days')} cần báo cáo "
                                  "và được cấp ủy cấp trên trực tiếp đồng ý", due.date, True, url,
                                  c.organization.name, due.rule, c.organization_id))
        else:
            items.append(TodoItem("admission_decision_overdue", "Quá hạn quyết định kết nạp",
                                  f"{c.full_name}: chi bộ đề nghị ngày {vn_date(c.cell_meeting_date)}; quá "
                                  f"{param_text(params_on(c.cell_meeting_date), 'admission.decision_working_days')} chưa "
                                  f"có quyết định (gia hạn tối đa đến {vn_date(due.latest)})", due.date, True, url,
                                  c.organization.name, due.rule, c.organization_id))
    return items
