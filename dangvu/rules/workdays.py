"""Counting working days (ngày làm việc): Monday to Friday, minus public holidays and compensatory
days off, plus the Saturdays or Sundays declared as make-up working days.

`add_working_days` and `working_days_between` are pure: they take the calendar as sets.
`deadline` and `calendar_for` read the stored calendar (rules.CalendarDay).

Counting convention: the start day (the day of the decision, resolution or letter) is not
counted; "within N working days" ends on the N-th working day after it.
"""

import datetime as dt
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)
MAX_WORKING_DAYS = 400  # the longest count asked of the deadline calculator (page and API)


@dataclass(frozen=True)
class WorkCalendar:
    days_off: frozenset[dt.date] = field(default_factory=frozenset)
    makeup_days: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working_day(self, d: dt.date) -> bool:
        if d in self.makeup_days:
            return True
        return d.weekday() < 5 and d not in self.days_off


def add_working_days(start: dt.date, n: int, cal: WorkCalendar = WorkCalendar()) -> dt.date:
    """The n-th working day after `start` (n ≥ 1)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    d, left = start, n
    while left:
        d += ONE_DAY
        if cal.is_working_day(d):
            left -= 1
    return d


def working_days_between(start: dt.date, end: dt.date, cal: WorkCalendar = WorkCalendar()) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    count, d = 0, start
    while d < end:
        d += ONE_DAY
        if cal.is_working_day(d):
            count += 1
    return count


def calendar_for(start: dt.date, end: dt.date) -> WorkCalendar:
    from dangvu.rules.models import CalendarDay, DayKind

    off, makeup = set(), set()
    for day, kind in CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind"):
        (makeup if kind == DayKind.MAKEUP_WORKDAY else off).add(day)
    return WorkCalendar(frozenset(off), frozenset(makeup))


def _window(start: dt.date, n: int) -> dt.date:
    # Generous: n working days never span more than 2n + 30 calendar days (Tết takes at most ~10).
    return start + dt.timedelta(days=2 * n + 30)


def deadline(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start`, by the stored holiday calendar."""
    return add_working_days(start, n, calendar_for(start, _window(start, n)))


def working_days_since(start: dt.date, end: dt.date) -> int:
    return working_days_between(start, end, calendar_for(start, end))
