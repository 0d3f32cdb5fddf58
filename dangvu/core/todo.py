"""The to-do list ("Việc cần làm"): what is due or overdue in a user's scope.

Each domain app that has deadlines provides `todo.py` with

    def todo_items(user, on: datetime.date) -> list[TodoItem]

(reading only what `user` may see) and registers it in TODO_PROVIDERS below. The to-do page,
its API endpoint and the `todo` management command all call `collect(user, on)`.
"""

import datetime as dt
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class TodoItem:
    category: str  # stable code, e.g. "probation_ending"
    category_label: str  # Vietnamese heading, e.g. "Sắp hết thời gian dự bị"
    title: str  # what to do, naming the person or letter
    due: dt.date | None  # deadline (or the date the thing falls due)
    overdue: bool
    url: str  # where to do it
    organization: str = ""  # the cell or organization concerned
    rule: str = ""  # rule and source the deadline comes from

    @property
    def source_words(self) -> str:
        """The source in words for the page's "Căn cứ" column ("điểm 6.3.1 Quy định 294-QĐ/TW"), no rule ids."""
        from dangvu.core.citations import in_words

        return in_words(self.rule)


# Modules with a `todo_items(user, on)` function.
TODO_PROVIDERS = [
    "dangvu.admissions.todo",
    "dangvu.transfers.todo",
    "dangvu.awards.todo",
    "dangvu.residence.todo",
]


def collect(user, on: dt.date) -> list[TodoItem]:
    items: list[TodoItem] = []
    for name in TODO_PROVIDERS:
        items.extend(import_module(name).todo_items(user, on))
    far = dt.date.max
    return sorted(items, key=lambda i: (not i.overdue, i.due or far, i.category, i.title))
