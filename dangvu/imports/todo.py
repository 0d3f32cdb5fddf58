"""To-do items of the import (dangvu.core.todo): files left half-way, for those who keep the register.

- A file checked without errors but not imported for more than IMPORT_PENDING_DAYS days (setting, default 7):
  "import it or mark it handled elsewhere" (the to-do page's mark is how a preview is discarded; the run stays
  listed and audited).
- A file refused (rows rejected or unreadable) in the last IMPORT_REJECTED_DAYS days (default 30) and not
  followed by another file of the same kind into the same organization (the corrected file, or its column
  mapping): "download the error file, correct it, import again".

Neither is a Party rule (no deadline of the Party's): the days are settings of the deployment, not parameters.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from dangvu.core.dates import vn_date
from dangvu.core.todo import TodoItem
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import ImportRun, RunStatus


def pending_days() -> int:
    return getattr(settings, "IMPORT_PENDING_DAYS", 7)


def rejected_days() -> int:
    return getattr(settings, "IMPORT_REJECTED_DAYS", 30)


def _label(kind: str) -> str:
    return str(KINDS[kind].label) if kind in KINDS else kind


def todo_items(user, on: dt.date) -> list[TodoItem]:
    runs = list(ImportRun.objects.restrict(user).select_related("organization").defer("content", "report")
                .filter(created_at__date__gte=on - dt.timedelta(days=max(rejected_days(), 366)))
                .order_by("created_at", "id"))
    last_applied: dict[tuple, dt.datetime] = {}
    last_run: dict[tuple, int] = {}
    for run in runs:  # oldest first: the last one of each (kind, organization) stays
        last_run[(run.kind, run.organization_id)] = run.pk
        if run.status == RunStatus.APPLIED:
            last_applied[(run.kind, run.organization_id)] = run.created_at
    items = []
    for run in runs:
        made, key = run.created_at.date(), (run.kind, run.organization_id)
        if key in last_applied and last_applied[key] > run.created_at:
            continue  # a later file of the same kind went in: this one is settled
        url = reverse("imports:detail", args=[run.pk])
        common = {"url": url, "organization": run.organization.name, "organization_id": run.organization_id}
        if run.status == RunStatus.PREVIEWED and made + dt.timedelta(days=pending_days()) < on:
            items.append(TodoItem(
                "import_pending", "Tệp nhập dữ liệu chưa nhập",
                f"Tệp {run.file_name} ({_label(run.kind)}) đã kiểm tra ngày {vn_date(made)}, {run.counts.get('new', 0)} dòng "
                "mới, chưa nhập: nhập, hoặc đánh dấu đã xử lý nếu không dùng tệp này nữa.",
                made + dt.timedelta(days=pending_days()), True, **common))
        elif (run.status == RunStatus.REJECTED and made + dt.timedelta(days=rejected_days()) >= on
              and last_run[key] == run.pk):
            rejected = run.counts.get("rejected", 0)
            why = f"{rejected} dòng bị từ chối" if rejected else "không đọc được tệp hoặc thiếu cột"
            items.append(TodoItem(
                "import_rejected", "Tệp nhập dữ liệu bị từ chối",
                f"Tệp {run.file_name} ({_label(run.kind)}) ngày {vn_date(made)}: {why}, chưa nhập gì. Tải tệp lỗi, sửa "
                "rồi nhập lại.", made, False, **common))
    return items
