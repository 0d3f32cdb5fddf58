"""Use cases of the to-do list: mark an item as handled elsewhere, and bring it back. The only code that
writes HandledItem.

Marking needs "todo.handle" (organization officers) over the item's organization, and the item must be in
the user's own list on that day (so that nobody marks what they cannot see); the reason is required.
Both steps are audited (todo.handled, todo.reopened). `handled_keys` is what dangvu.core.todo.collect asks
(core.todo.HANDLED_KEYS) to leave the marked items out of every list: page, API, dashboard, command.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core import todo
from dangvu.core.dates import vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import check_version, field_violations, lock_for_update
from dangvu.organizations.models import Organization
from dangvu.todo.models import HANDLE, HandledItem


def handled_keys(keys: set[str]) -> set[str]:
    """Those of `keys` that carry an open mark."""
    if not keys:
        return set()
    return set(HandledItem.objects.open().filter(key__in=list(keys)).values_list("key", flat=True))


def may_handle(user, item: todo.TodoItem, organizations: dict | None = None) -> bool:
    if item.organization_id is None:
        return False
    org = (organizations or {}).get(item.organization_id) or Organization.objects.filter(pk=item.organization_id).first()
    return org is not None and permissions.can(user, HANDLE, org)


def _already(mark: HandledItem) -> Violation:
    return Violation("todo.already_handled",
                     f"Việc này đã được {mark.handled_by} đánh dấu đã xử lý ngày {vn_date(mark.handled_on)}.", "key")


@audited
def mark_handled(*, by, key: str, reason: str, on: dt.date) -> HandledItem:
    """Mark the item `key` of `by`'s list on `on` as handled elsewhere, for `reason`."""
    item = next((i for i in todo.collect(by, on, include_handled=True) if i.key == key), None)
    if item is None:
        raise RuleViolation([Violation("todo.not_in_list", "Việc: không có trong danh sách việc cần làm của bạn tính đến "
                                                           f"ngày {vn_date(on)}.", "key")])
    if not may_handle(by, item):
        raise PermissionDeniedInScope("Bạn không có quyền đánh dấu việc của tổ chức này là đã xử lý.")
    reason = (reason or "").strip()
    v = [] if reason else [Violation("todo.reason_required", "Lý do: bắt buộc nhập (việc đã được xử lý ở đâu, thế nào).",
                                     "reason")]
    v += field_violations(HandledItem, {"reason": reason})
    existing = HandledItem.objects.open().filter(key=key).select_related("handled_by").first()
    if existing is not None:
        v.append(_already(existing))
    raise_if(v)
    mark = HandledItem(key=key, category=item.category, category_label=item.category_label, title=item.title, due=item.due,
                       organization_id=item.organization_id, reason=reason, handled_on=on, handled_by=by)
    try:
        with transaction.atomic():
            mark.save()
    except IntegrityError:  # the same item marked at the same moment by another request
        raise RuleViolation([_already(HandledItem.objects.open().select_related("handled_by").get(key=key))]) from None
    audit.record(actor=by, action="todo.handled", obj=mark, after=audit.snapshot(mark, HandledItem.AUDIT_FIELDS),
                 note=reason)
    return mark


@audited
def reopen(*, by, mark: HandledItem, expected_version: int | None = None) -> HandledItem:
    """End the mark: the item is back in the lists (if it is still due)."""
    fresh = lock_for_update(mark, None, queryset=HandledItem.objects.select_related("organization"))
    if not permissions.can(by, HANDLE, fresh.organization):
        raise PermissionDeniedInScope("Bạn không có quyền đưa việc của tổ chức này trở lại danh sách.")
    check_version(fresh, expected_version)
    if fresh.reopened_at is not None:
        raise RuleViolation([Violation("todo.already_reopened", "Việc này đã được đưa trở lại danh sách.", None)])
    before = audit.snapshot(fresh, HandledItem.AUDIT_FIELDS)
    fresh.reopened_at, fresh.reopened_by = timezone.now(), by
    fresh.save()
    audit.record(actor=by, action="todo.reopened", obj=fresh, before=before, after=audit.snapshot(fresh, HandledItem.AUDIT_FIELDS))
    return fresh
