"""A to-do provider used by tests of the aggregator (page, API, command): it lists one item per
organization the user may change, so the items depend on the user's real scope."""

import datetime as dt

from dangvu.core.todo import TodoItem
from dangvu.organizations.models import Organization


def todo_items(user, on):
    items = []
    for org in Organization.objects.changeable_by(user).order_by("code"):
        overdue = org.code.endswith("001")
        items.append(TodoItem("check", "Kiểm tra thử", f"Xem lại {org.name}", on - dt.timedelta(days=1) if overdue else on,
                              overdue, f"/to-chuc/{org.pk}/", org.name, "quy tắc thử"))
    return items
