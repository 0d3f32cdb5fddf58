"""To-do items of party dues: members heading for the D12 striking-off ground (months owed and not paid
in the twelve months before today), one item per cell, naming them.

"Đủ căn cứ" (overdue) when a member reaches the number of months of the parameter in force
("removal.absence_months"); "sắp đủ" one month before.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.core.todo import TodoItem
from dangvu.dues import rules, selectors
from dangvu.dues.models import DuesBasis
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.rules.parameters import params_on

VIEW = "members.view"


def todo_items(user, on: dt.date) -> list[TodoItem]:
    if not permissions.has_scope(user, VIEW):
        return []
    threshold = params_on(on)["removal.absence_months"]
    members = (Member.objects.restrict(user, VIEW, now=True).filter(status__in=IN_PARTY)
               .filter(pk__in=DuesBasis.objects.values("member_id")).select_related("organization"))
    members = {m.pk: m for m in members}
    unpaid = selectors.unpaid_in_window(members, on)
    groups: dict[tuple, list] = defaultdict(list)
    for member_id, months in unpaid.items():
        if len(months) >= threshold - 1 and members[member_id].organization_id:
            met = len(months) >= threshold
            groups[(members[member_id].organization, met)].append((members[member_id], months))
    items = []
    for (org, met), rows in sorted(groups.items(), key=lambda kv: (kv[0][0].path, not kv[0][1])):
        rows.sort(key=lambda r: (r[0].name_key, r[0].pk))
        names = ", ".join(f"{m.full_name} ({len(months)} tháng)" for m, months in rows[:5]) + (" …" if len(rows) > 5 else "")
        if met:
            title = (f"{len(rows)} đảng viên không đóng đảng phí từ {threshold} tháng trở lên trong 12 tháng, chi bộ xem xét "
                     f"đề nghị xóa tên nếu không có lý do chính đáng: {names}")
            category, label = "dues_unpaid_ground", "Không đóng đảng phí: đủ căn cứ xóa tên"
        else:
            title = f"{len(rows)} đảng viên không đóng đảng phí {threshold - 1} tháng trong 12 tháng: {names}"
            category, label = "dues_unpaid_warning", "Không đóng đảng phí: sắp đủ căn cứ xóa tên"
        items.append(TodoItem(category=category, category_label=label, title=title, due=rules.month_start(on), overdue=met,
                              url=f"{reverse('dues:index')}?organization={org.pk}", organization=org.name,
                              rule=rules.SOURCE_D12, organization_id=org.pk))
    return items
