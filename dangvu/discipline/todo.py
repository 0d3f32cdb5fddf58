"""To-do items of discipline (dangvu.core.todo), for inspection and organization officers of the subtree
("discipline.decide"):

- appeals received and handled, not decided yet, by their handling deadline (K11);
- penalties about to lapse within the horizon (K7: check that no appeal, repeat or new violation stops it);
- decisions taken but whose announcement (the start of their effect, K5) is not recorded yet;
- deferred cases whose deferral ends within the horizon or has ended (K9).

One query per kind of item over the user's scope.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from dangvu.core.dates import vn_date
from dangvu.core.todo import TodoItem
from dangvu.discipline import rules
from dangvu.discipline.kinds import Status
from dangvu.discipline.models import Appeal, Proceeding
from dangvu.discipline.querysets import DECIDE
from dangvu.rules.parameters import params_on


def _url(p) -> str:
    return reverse("discipline:detail", args=[getattr(p, "pk", p)])


def todo_items(user, on: dt.date) -> list[TodoItem]:
    params = params_on(on)
    items: list[TodoItem] = []
    mine = Proceeding.objects.restrict(user, DECIDE, now=True)
    appeals = (Appeal.objects.filter(proceeding__in=mine.values("pk"), outcome="", bars=[])
               .select_related("proceeding", "proceeding__organization", "proceeding__member",
                               "proceeding__subject_organization").order_by("received_on")[:200])
    handling = params["discipline.appeal_handling_days"]
    for a in appeals:
        due = a.received_on + dt.timedelta(days=handling)
        items.append(TodoItem("discipline_appeal", "Khiếu nại kỷ luật cần giải quyết",
                              f"Giải quyết khiếu nại của {a.appellant} (nhận ngày {vn_date(a.received_on)})", due, due < on,
                              _url(a.proceeding), a.proceeding.organization.name, f"K11 — {rules.SOURCE_APPEAL}",
                              a.proceeding.organization_id))
    horizon = on + dt.timedelta(days=params["todo.discipline_lapse_horizon_days"])
    for p in (mine.filter(status=Status.ANNOUNCED, lapses_on__gt=on, lapses_on__lte=horizon)
              .select_related("organization", "member", "subject_organization").order_by("lapses_on")[:200]):
        items.append(TodoItem("discipline_lapse", "Kỷ luật sắp hết hiệu lực",
                              f"{p.get_form_in_force_display()} {p.subject_name} hết hiệu lực ngày {vn_date(p.lapses_on)} "
                              "(nếu không khiếu nại, tái phạm, vi phạm mới)", p.lapses_on, False, _url(p), p.organization.name,
                              f"K7 — {rules.SOURCE_LAPSE}", p.organization_id))
    for p in (mine.filter(status=Status.DECIDED).select_related("organization", "member", "subject_organization")
              .order_by("decided_on")[:200]):
        items.append(TodoItem("discipline_announce", "Quyết định kỷ luật chưa ghi ngày công bố",
                              f"Công bố quyết định {p.get_decided_form_display().lower()} {p.subject_name} (quyết định ngày "
                              f"{vn_date(p.decided_on)})", p.decided_on, p.decided_on < on, _url(p), p.organization.name,
                              f"K5 — {rules.SOURCE_EFFECT}", p.organization_id))
    for p in (mine.filter(status=Status.DEFERRED, deferred_until__lte=horizon)
              .select_related("organization", "member", "subject_organization").order_by("deferred_until")[:200]):
        items.append(TodoItem("discipline_deferred", "Hết thời gian chưa xem xét kỷ luật",
                              f"Xem xét tiếp kỷ luật {p.subject_name} từ ngày {vn_date(p.deferred_until)} "
                              f"({p.get_deferral_reason_display().lower()})", p.deferred_until, p.deferred_until < on, _url(p),
                              p.organization.name, f"K9 — {rules.SOURCE_DEFERRAL}", p.organization_id))
    return items
