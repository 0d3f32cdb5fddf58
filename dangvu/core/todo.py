"""The to-do list ("Việc cần làm"): what is due or overdue in a user's scope.

Each domain app that has deadlines provides `todo.py` with

    def todo_items(user, on: datetime.date) -> list[TodoItem]

(reading only what `user` may see) and registers it in TODO_PROVIDERS below. The to-do page,
its API endpoint, the dashboard and the `todo` management command all call `collect(user, on)`.

An item an officer marked as handled elsewhere (dangvu.todo: the mark, its reason and its audit) leaves
every list: `collect` asks HANDLED_KEYS, named like the providers, which of the items' keys are marked.
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
    organization_id: int | None = None  # the organization concerned (filters, scope of "handled elsewhere")

    @property
    def key(self) -> str:
        """What identifies the item from one day to the next: its kind, where it is done and its due date
        (a recurring item due again later is a new item)."""
        return f"{self.category}|{self.url}|{self.due.isoformat() if self.due else ''}"

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
    "dangvu.meetings.todo",
    "dangvu.study.todo",
    "dangvu.evaluations.todo",
    "dangvu.dues.todo",
    "dangvu.inspection.todo",
    "dangvu.discipline.todo",
    "dangvu.training.todo",
    "dangvu.imports.todo",
]


# A function (keys) -> the subset of those keys marked as handled elsewhere.
HANDLED_KEYS = "dangvu.todo.services.handled_keys"


def urgency(item: TodoItem) -> tuple:
    """Most urgent first: overdue, then by due date (undated last), then kind and title."""
    return (not item.overdue, item.due or dt.date.max, item.category, item.title)


def collect(user, on: dt.date, *, include_handled: bool = False) -> list[TodoItem]:
    items: list[TodoItem] = []
    for name in TODO_PROVIDERS:
        items.extend(import_module(name).todo_items(user, on))
    if not include_handled and items:
        module, _, func = HANDLED_KEYS.rpartition(".")
        handled = getattr(import_module(module), func)({i.key for i in items})
        items = [i for i in items if i.key not in handled]
    return sorted(items, key=urgency)
