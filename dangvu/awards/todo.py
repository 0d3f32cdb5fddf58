"""To-do items of Party badges: members due at the next presentation date (3/2, 19/5, 2/9, 7/11).

One item per cell, so that a district's list stays readable: "Chi bộ thôn Đông: 3 đảng viên đến
hạn tặng Huy hiệu Đảng dịp 02/09/2026". Badges not recorded at the presentation date they were
due (reached earlier, never recorded) are a separate, overdue item.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from django.urls import reverse

from dangvu.awards import rules, services
from dangvu.core.dates import vn_date
from dangvu.core.todo import TodoItem


def _rule(on: dt.date) -> str:
    """The rule ids and the guidance in force on the presentation date."""
    return f"B1, B4, B10 — {rules.badge_source(on)}"


def todo_items(user, on: dt.date) -> list[TodoItem]:
    presentation = rules.next_presentation_date(on)
    groups: dict[tuple, list] = defaultdict(list)
    for row in services.due_list(user, presentation):
        org = row.member.organization
        groups[(org.pk if org else None, org.name if org else "", row.overdue)].append(row)
    items = []
    for (org_pk, org_name, overdue), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        query = {"presentation_on": vn_date(presentation)}
        if org_pk:
            query["organization"] = org_pk
        names = ", ".join(f"{r.member.full_name} ({r.milestone} năm)" for r in rows[:5]) + (" …" if len(rows) > 5 else "")
        if overdue:
            due = min(r.presentation_on for r in rows)
            title = f"{len(rows)} đảng viên đã đủ tuổi đảng nhưng chưa được ghi nhận Huy hiệu Đảng: {names}"
            category, label = "badge_overdue", "Huy hiệu Đảng chưa ghi nhận"
        else:
            due = presentation
            title = f"{len(rows)} đảng viên đến hạn tặng Huy hiệu Đảng dịp {vn_date(presentation)}: {names}"
            category, label = "badge_due", "Đến hạn tặng Huy hiệu Đảng"
        items.append(TodoItem(category=category, category_label=label, title=title, due=due, overdue=overdue,
                              url=f"{reverse('awards:due')}?{urlencode(query)}", organization=org_name, rule=_rule(presentation),
                              organization_id=org_pk))
    return items
