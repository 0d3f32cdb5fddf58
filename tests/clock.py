"""The suite's clock: every test runs at a frozen moment (tests/conftest.py `frozen_clock`).

By default that moment is NOW (03/12/2026 10:00 in Hà Nội); a test that means another day says so
with `@pytest.mark.on_date("2024-05-01")` (or "2024-05-01 08:30"). Tests write TODAY, never the real
clock (`date.today()`, `timezone.now()`, `dangvu.core.dates.today()`), so the suite gives the same
answers on any day it is run.
"""

import datetime as dt
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=VN)
TODAY = NOW.date()


def moment(value) -> dt.datetime:
    """"2024-05-01" / "2024-05-01 08:30" / a date / a datetime → an aware datetime in Hà Nội (10:00 if no time)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if (" " in value or "T" in value) else dt.date.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, NOW.timetz().replace(tzinfo=None))
    return value if value.tzinfo else value.replace(tzinfo=VN)
