"""Dates as Vietnamese users write them (dd/mm/yyyy), with ISO accepted too.

The date policy, one for forms, API and query parameters: a date is read only from a whole,
possible date ("31/06/2020" is refused, never turned into 01/07/2020) within MIN_DATE … MAX_DATE
(no member, decision or event of the Party lies before 1900; a year past 2100 is a typing
mistake). Whether a date may lie after today is decided per field by the rules of each app
(decisions and events may not: "không thể sau ngày hôm nay"). `out_of_range` is the one check,
applied by VNDateField, the filters, the query parameters and, for every date stored, by
dangvu.core.integrity before a row is saved.
"""

import datetime as dt
import re

from django.utils import timezone


class NotADate(ValueError):
    """The text is not written as a date at all ("abc")."""


class ImpossibleDate(ValueError):
    """Written as a date, but no such day ("31/06/2020"), or outside MIN_DATE … MAX_DATE (`outside`)."""

    def __init__(self, message: str, *, text: str = "", outside: bool = False):
        super().__init__(message)
        self.text, self.outside = text, outside


MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def out_of_range(value: dt.date) -> str:
    """The rule a date breaks ("" when it is within the policy's range)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not MIN_DATE <= value <= MAX_DATE:
        return f"ngày {vn_date(value)} nằm ngoài khoảng cho phép (từ {vn_date(MIN_DATE)} đến {vn_date(MAX_DATE)})."
    return ""


def today() -> dt.date:
    return timezone.localdate()


def parse_date(value: str | None) -> dt.date | None:
    """"31/12/2020" or "2020-12-31" → date; empty → None; anything else → NotADate or ImpossibleDate
    (both ValueError), with a Vietnamese message."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            value = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        fault = out_of_range(value)
        if fault:
            raise ImpossibleDate(f"Ngày “{text}”: {fault}", text=text, outside=True)
        return value
    if _looks_like_a_date(text):
        raise ImpossibleDate(f"Ngày “{text}” không có thật: kiểm tra ngày và tháng (ví dụ 30/06/2020).", text=text)
    raise NotADate(f"Ngày “{text[:40]}” không đúng dạng dd/mm/yyyy hoặc yyyy-mm-dd (ví dụ 31/12/2020).")


def _looks_like_a_date(text: str) -> bool:
    """"31/06/2020", "32/13/2026": written as a date, but no such day."""
    return bool(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}", text))


def vn_date(value: dt.date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""


def month_start(d: dt.date) -> dt.date:
    """The first day of `d`'s month."""
    return d.replace(day=1)


def next_month(d: dt.date) -> dt.date:
    """The first day of the month after `d`'s."""
    return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def month_end(d: dt.date) -> dt.date:
    """The last day of `d`'s month."""
    return next_month(d) - dt.timedelta(days=1)


def add_months(d: dt.date, months: int) -> dt.date:
    """`months` calendar months after `d`, on the same day or the month's last when it has none (31/8 + 6 → 28/2 or 29/2)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)
