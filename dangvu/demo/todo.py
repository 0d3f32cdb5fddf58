"""Demo data of the to-do list: one item marked as handled elsewhere, so that a new user finds the
"Hiện cả việc đã xử lý ở nơi khác" view filled and sees how a mark reads (who, when, why).

Runs last (seed_demo), through the service, as the officer `canbo.sonha`: the most urgent item of their
list that they may mark, as of today."""

from __future__ import annotations

from dangvu.accounts.models import User
from dangvu.core import todo
from dangvu.core.dates import today
from dangvu.todo import services

REASON = "Đã xử lý trên hồ sơ giấy, báo cáo Ban Tổ chức Thị ủy bằng văn bản (demo)"


def seed_todo(log=None) -> int:
    officer = User.objects.filter(username="canbo.sonha").first()
    if officer is None:
        return 0
    on = today()
    item = next((i for i in todo.collect(officer, on) if services.may_handle(officer, i)), None)
    if item is None:
        return 0
    services.mark_handled(by=officer, key=item.key, reason=REASON, on=on)
    if log is not None:
        log(f"Việc cần làm mẫu: 1 việc đánh dấu đã xử lý ở nơi khác ({item.category_label}).")
    return 1
