"""A to-do provider for the tests of the list: for every organization below the province that the user
may see, items of three kinds, so that grouping, ordering, filters and paging have something to work on:

- "check" (overdue since yesterday) for the organizations whose code ends in 001;
- "later" (due in 60 days) for every cell;
- "waiting" (no due date: something to receive) for every grassroots organization.
"""

import datetime as dt

from dangvu.core.todo import TodoItem
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization


def todo_items(user, on):
    items = []
    for org in Organization.objects.restrict(user, "view").exclude(parent=None).order_by("code"):
        if org.code.endswith("001"):
            items.append(TodoItem("check", "Kiểm tra thử", f"Xem lại {org.name}", on - dt.timedelta(days=1), True,
                                  f"/to-chuc/{org.pk}/", org.name, "quy tắc thử", org.pk))
        if org.kind == Kind.CELL:
            items.append(TodoItem("later", "Việc để sau", f"Chuẩn bị {org.name}", on + dt.timedelta(days=60), False,
                                  f"/to-chuc/{org.pk}/?tab=history", org.name, "", org.pk))
        if org.kind == Kind.GRASSROOTS_COMMITTEE:
            items.append(TodoItem("waiting", "Chờ tiếp nhận", f"Tiếp nhận ở {org.name}", None, False,
                                  f"/to-chuc/{org.pk}/?tab=committee", org.name, "", org.pk))
    return items
