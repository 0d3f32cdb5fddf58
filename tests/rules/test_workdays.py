"""Working-day counting: pure functions, then the stored calendar seeded with the statutory holidays."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.rules.holidays import LUNAR_NEW_YEAR, statutory_days
from dangvu.rules.models import CalendarDay, DayKind
from dangvu.rules.workdays import WorkCalendar, add_working_days, deadline, working_days_between, working_days_since

D = dt.date


def test_weekends_are_skipped_and_start_day_not_counted():
    friday = D(2026, 11, 20)
    assert add_working_days(friday, 1) == D(2026, 11, 23)  # Monday
    assert add_working_days(friday, 5) == D(2026, 11, 27)
    assert add_working_days(D(2026, 11, 23), 5) == D(2026, 11, 30)  # Monday + 5 → next Monday


def test_holidays_and_makeup_days():
    cal = WorkCalendar(days_off=frozenset({D(2026, 11, 24)}), makeup_days=frozenset({D(2026, 11, 28)}))
    assert add_working_days(D(2026, 11, 23), 1, cal) == D(2026, 11, 25)
    # Mon 23 → Wed 25 (1), Thu 26 (2), Fri 27 (3), Sat 28 make-up (4)
    assert add_working_days(D(2026, 11, 23), 4, cal) == D(2026, 11, 28)


def test_n_must_be_positive():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 1), 0)


@given(st.dates(min_value=D(2016, 1, 1), max_value=D(2032, 6, 1)), st.integers(min_value=1, max_value=120))
def test_between_is_the_inverse_of_add(start, n):
    cal = WorkCalendar(days_off=frozenset(d for y in range(2016, 2033) for d, k, _ in statutory_days(y) if k != "makeup"))
    end = add_working_days(start, n, cal)
    assert working_days_between(start, end, cal) == n
    assert cal.is_working_day(end)
    assert working_days_between(start, end - dt.timedelta(days=1), cal) == n - 1


@pytest.mark.django_db
def test_seeded_calendar_has_tet_for_every_year_in_use():
    for year, first_day in LUNAR_NEW_YEAR.items():
        days = set(CalendarDay.objects.filter(date__year=year, kind=DayKind.HOLIDAY).values_list("date", flat=True))
        assert first_day in days, year
        assert first_day - dt.timedelta(days=1) in days, year
        assert {D(year, 1, 1), D(year, 4, 30), D(year, 5, 1), D(year, 9, 2)} <= days


@pytest.mark.django_db
def test_60th_working_day_across_tet_2026():
    # A cell resolution on Friday 2/1/2026: Tết 2026 (16–20/2, Monday to Friday) is skipped.
    start = D(2026, 1, 2)
    assert deadline(start, 30) == D(2026, 2, 13)  # before Tết: 6 weeks of 5 days
    assert deadline(start, 31) == D(2026, 2, 23)  # the day after Tết week, not 16/2
    # 31st on 23/2, then five full weeks and one more to Friday 3/4 (without Tết it would be 27/3).
    assert deadline(start, 60) == D(2026, 4, 3)
    assert working_days_since(start, D(2026, 4, 2)) == 59
    assert working_days_since(start, D(2026, 4, 3)) == 60


@pytest.mark.django_db
def test_hung_kings_day_compensated_in_2026():
    # 10/3 lunar falls on Sunday 26/4/2026: Monday 27/4 is the compensatory day off; 30/4 and 1/5 are holidays.
    assert deadline(D(2026, 4, 24), 1) == D(2026, 4, 28)
    assert deadline(D(2026, 4, 29), 1) == D(2026, 5, 4)


@pytest.mark.django_db
def test_a_makeup_saturday_counts():
    CalendarDay.objects.create(date=D(2026, 12, 5), kind=DayKind.MAKEUP_WORKDAY, name="Làm bù")
    assert deadline(D(2026, 12, 4), 1) == D(2026, 12, 5)
    CalendarDay.objects.filter(date=D(2026, 12, 5)).delete()
    assert deadline(D(2026, 12, 4), 1) == D(2026, 12, 7)


# ---------------------------------------------------------------- official days off 2016–2026

@pytest.mark.django_db
def test_the_stored_calendar_holds_the_official_tet_of_2020_and_2024():
    def off(start, end):
        return sorted(d for d in CalendarDay.objects.filter(date__gte=start, date__lte=end)
                      .exclude(kind=DayKind.MAKEUP_WORKDAY).values_list("date", flat=True) if d.weekday() < 5)

    # Tết 2020: official 23/1–29/1 (the computed calendar had 24/1–30/1).
    assert off(D(2020, 1, 20), D(2020, 2, 7)) == [D(2020, 1, 23), D(2020, 1, 24), D(2020, 1, 27), D(2020, 1, 28),
                                                  D(2020, 1, 29)]
    # Tết 2024: official 8/2–14/2.
    assert off(D(2024, 2, 1), D(2024, 2, 29)) == [D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13),
                                                  D(2024, 2, 14)]
    row = CalendarDay.objects.get(date=D(2020, 1, 23))
    assert "Bộ luật Lao động 2012" in row.source  # before 2021 the Labour Code 2012 applied
    assert "Bộ luật Lao động 2019" in CalendarDay.objects.get(date=D(2024, 2, 8)).source


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "n", "expected"), [
    # A decision on Wednesday 22/1/2020: the 1st working day is Thursday 30/1 (23–29/1 off), not 31/1.
    (D(2020, 1, 22), 1, D(2020, 1, 30)),
    (D(2020, 1, 21), 1, D(2020, 1, 22)),  # the day before the break is still a working day
    (D(2020, 1, 22), 30, D(2020, 3, 11)),
    # Wednesday 7/2/2024: Tết 8–14/2, the 1st working day is Thursday 15/2.
    (D(2024, 2, 7), 1, D(2024, 2, 15)),
    (D(2024, 2, 7), 2, D(2024, 2, 16)),
    (D(2024, 2, 7), 30, D(2024, 3, 27)),
])
def test_deadlines_across_tet_2020_and_2024(start, n, expected):
    assert deadline(start, n) == expected


def test_every_official_year_has_its_source_and_unconfirmed_years_say_so():
    from dangvu.rules.holidays import OFFICIAL, calendar_days, official_source

    assert set(OFFICIAL) == set(range(2016, 2027))
    for year, data in OFFICIAL.items():
        assert data.source and data.note
        assert ("chưa đối chiếu" in official_source(year)) == (not data.confirmed)
        kinds = {k for _, k, _ in data.days}
        assert kinds <= {"holiday", "compensatory", "makeup_workday"}
    assert OFFICIAL[2020].confirmed and OFFICIAL[2024].confirmed
    # Years without data keep the computed calendar.
    assert all(source.startswith("Bộ luật Lao động 2019 Điều 112 (tính sẵn") for *_, source in calendar_days(2027))
