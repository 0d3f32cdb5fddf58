"""To-do items of transfers (dangvu/core/todo.py): letters not yet received, on both sides, with
their presentation deadline (overdue flagged); temporary transfers ending soon or ended without
a recorded return."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.core.dates import vn_date
from dangvu.core.todo import TodoItem
from dangvu.rules.parameters import params_on
from dangvu.transfers import rules
from dangvu.transfers.kinds import TEMPORARY_KINDS, LetterStatus
from dangvu.transfers.models import TransferLetter
from dangvu.transfers.services import ISSUE, RECEIVE

RELATED = ("member", "from_organization", "destination", "receiving_cell")


def _scoped(user, action: str, field: str) -> Q | None:
    """Letters whose `field` organization is inside the user's subtrees for `action` today (None: none)."""
    if not permissions.has_scope(user, action):
        return None
    return Q(pk__in=TransferLetter.objects.restrict(user, action, fields=[field], now=True).values("pk"))


def todo_items(user, on: dt.date) -> list[TodoItem]:
    items: list[TodoItem] = []
    receive_q = _scoped(user, RECEIVE, "destination")
    issue_q = _scoped(user, ISSUE, "from_organization")
    awaiting = TransferLetter.objects.filter(status=LetterStatus.ISSUED).select_related(*RELATED)
    to_receive = set()
    if receive_q is not None:
        for letter in awaiting.filter(receive_q).order_by("presentation_deadline", "id"):
            to_receive.add(letter.pk)
            items.append(_awaiting_item(letter, on, "transfer_to_receive", "Đảng viên chuyển đến chờ tiếp nhận",
                                        f"Tiếp nhận {letter.member.full_name} (giấy giới thiệu số {letter.number}, từ "
                                        f"{letter.from_organization.name})", letter.destination))
    if issue_q is not None:
        for letter in awaiting.filter(issue_q).exclude(pk__in=to_receive).order_by("presentation_deadline", "id"):
            items.append(_awaiting_item(letter, on, "transfer_not_received", "Giấy giới thiệu chưa được nơi đến tiếp nhận",
                                        f"{letter.member.full_name}: giấy giới thiệu số {letter.number} đến "
                                        f"{letter.destination_label} chưa được tiếp nhận", letter.from_organization))
    horizon = on + dt.timedelta(days=params_on(on)["todo.temporary_return_horizon_days"])
    sides = [q for q in (issue_q, _scoped(user, RECEIVE, "receiving_cell")) if q is not None]
    if sides:
        either = sides[0] if len(sides) == 1 else sides[0] | sides[1]
        temporary = (TransferLetter.objects.filter(kind__in=TEMPORARY_KINDS, is_open=True, period_end__lte=horizon)
                     .exclude(status=LetterStatus.ISSUED).filter(either).select_related(*RELATED).order_by("period_end", "id"))
        for letter in temporary:
            ended = letter.period_end < on
            where = letter.receiving_cell.name if letter.receiving_cell else letter.destination_label
            items.append(TodoItem(
                category="temporary_not_returned" if ended else "temporary_ending",
                category_label="Hết thời hạn sinh hoạt tạm thời, chưa ghi trở về" if ended else "Sắp hết thời hạn sinh hoạt tạm thời",
                title=f"{letter.member.full_name} sinh hoạt tạm thời tại {where} đến {vn_date(letter.period_end)}: ghi trở về "
                      "hoặc gia hạn",
                due=letter.period_end, overdue=ended, url=reverse("transfers:detail", args=[letter.pk]),
                organization=letter.from_organization.name, rule=f"T4 ({rules.SOURCE_T4})",
                organization_id=letter.from_organization_id))
    return items


def _awaiting_item(letter: TransferLetter, on: dt.date, category: str, label: str, title: str, organization) -> TodoItem:
    return TodoItem(category=category, category_label=label, title=title, due=letter.presentation_deadline,
                    overdue=letter.overdue_on(on), url=reverse("transfers:detail", args=[letter.pk]),
                    organization=organization.name, organization_id=organization.pk,
                    rule=f"T3 ({rules.deadline_source(letter.deadline_in_working_days)})")
