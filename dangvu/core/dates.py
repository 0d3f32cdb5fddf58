"""Dates as Vietnamese users write them (dd/mm/yyyy), with ISO accepted too."""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def parse_date(value: str | None) -> dt.date | None:
    """"31/12/2020" or "2020-12-31" → date; empty → None; anything else → ValueError."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"Ngày “{text}” không đúng dạng dd/mm/yyyy")


def vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


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
